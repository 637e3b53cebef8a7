"""The verifier's tables: claims, verdicts (with provenance), the per-paper layout cache and the
per-paper index cache."""

from __future__ import annotations

MIGRATIONS: list[tuple[str, str]] = [
    (
        "1001_claims_verdicts",
        """
        CREATE TABLE verify_runs (
            id INTEGER PRIMARY KEY,
            created_at TEXT NOT NULL,
            sources TEXT NOT NULL DEFAULT '[]',
            paper_ids TEXT NOT NULL DEFAULT '[]',
            settings TEXT NOT NULL DEFAULT '{}',
            version TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE claims (
            id INTEGER PRIMARY KEY,
            run_id INTEGER REFERENCES verify_runs(id) ON DELETE CASCADE,
            claim_id TEXT,
            text TEXT NOT NULL,
            parsed TEXT NOT NULL DEFAULT '{}',
            created_at TEXT NOT NULL
        );
        CREATE INDEX claims_run ON claims(run_id);
        CREATE TABLE verdicts (
            id INTEGER PRIMARY KEY,
            claim_row INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
            verdict TEXT NOT NULL,
            confidence REAL NOT NULL,
            evidence TEXT,
            reason TEXT NOT NULL,
            paper_ids TEXT NOT NULL DEFAULT '[]',
            features TEXT NOT NULL DEFAULT '{}',
            created_at TEXT NOT NULL
        );
        CREATE INDEX verdicts_claim ON verdicts(claim_row);
        """,
    ),
    (
        "1002_verifier_layout",
        """
        CREATE TABLE verifier_layout (
            paper_id TEXT PRIMARY KEY REFERENCES papers(id) ON DELETE CASCADE,
            version TEXT NOT NULL,
            data TEXT NOT NULL
        );
        """,
    ),
    (
        "1003_verifier_index",
        """
        CREATE TABLE verifier_index (
            paper_id TEXT PRIMARY KEY REFERENCES papers(id) ON DELETE CASCADE,
            fingerprint TEXT NOT NULL,
            data BLOB NOT NULL
        );
        """,
    ),
]
