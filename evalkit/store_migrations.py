"""evalkit's tables in the SQLite store (names 2xxx_, applied by synth.store)."""

from __future__ import annotations

MIGRATIONS: list[tuple[str, str]] = [
    (
        "2001_eval_runs",
        """
        CREATE TABLE IF NOT EXISTS eval_runs (
            id TEXT PRIMARY KEY,
            created_at TEXT NOT NULL,
            kind TEXT NOT NULL,
            model TEXT,
            benchmark TEXT NOT NULL,
            benchmark_hash TEXT NOT NULL,
            settings TEXT NOT NULL DEFAULT '{}',
            pass_at_k TEXT NOT NULL DEFAULT '{}',
            n_samples INTEGER NOT NULL DEFAULT 0,
            status TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS eval_runs_benchmark ON eval_runs(benchmark_hash)
        """,
    ),
]
