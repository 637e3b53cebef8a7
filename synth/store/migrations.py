"""Named, ordered, idempotent schema migrations.

Each package owns its migrations: synth here, verifier and evalkit in their own
``store_migrations`` modules (each a list ``MIGRATIONS`` of ``(name, sql)``). Names sort
into application order: synth uses 0xxx, verifier 1xxx, evalkit 2xxx, reports 3xxx.
"""

from __future__ import annotations

import importlib

SYNTH_MIGRATIONS: list[tuple[str, str]] = [
    (
        "0001_papers",
        """
        CREATE TABLE papers (
            id TEXT PRIMARY KEY,
            sha256 TEXT NOT NULL UNIQUE,
            source TEXT NOT NULL,
            source_ref TEXT NOT NULL,
            title TEXT,
            authors TEXT NOT NULL DEFAULT '[]',
            arxiv_id TEXT,
            arxiv_version TEXT,
            abstract TEXT,
            year INTEGER,
            n_pages INTEGER NOT NULL,
            n_tables INTEGER NOT NULL DEFAULT 0,
            n_chunks INTEGER NOT NULL DEFAULT 0,
            pdf_path TEXT,
            parser_version TEXT,
            metadata TEXT NOT NULL DEFAULT '{}',
            warnings TEXT NOT NULL DEFAULT '[]',
            ingested_at TEXT NOT NULL
        );
        CREATE INDEX papers_arxiv ON papers(arxiv_id);
        CREATE TABLE pages (
            paper_id TEXT NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
            number INTEGER NOT NULL,
            text TEXT NOT NULL,
            has_text INTEGER NOT NULL,
            PRIMARY KEY (paper_id, number)
        );
        CREATE TABLE sections (
            paper_id TEXT NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            heading TEXT NOT NULL,
            level INTEGER NOT NULL,
            page INTEGER NOT NULL,
            PRIMARY KEY (paper_id, idx)
        );
        CREATE TABLE paragraphs (
            paper_id TEXT NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            page INTEGER NOT NULL,
            section TEXT,
            text TEXT NOT NULL,
            PRIMARY KEY (paper_id, idx)
        );
        CREATE TABLE sentences (
            paper_id TEXT NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            paragraph INTEGER NOT NULL,
            page INTEGER NOT NULL,
            section TEXT,
            text TEXT NOT NULL,
            PRIMARY KEY (paper_id, idx)
        );
        CREATE TABLE tables (
            id INTEGER PRIMARY KEY,
            paper_id TEXT NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            page INTEGER NOT NULL,
            label TEXT,
            caption TEXT,
            n_rows INTEGER NOT NULL,
            n_cols INTEGER NOT NULL,
            header_rows INTEGER NOT NULL,
            bbox TEXT,
            UNIQUE (paper_id, idx)
        );
        CREATE TABLE cells (
            table_id INTEGER NOT NULL REFERENCES tables(id) ON DELETE CASCADE,
            row INTEGER NOT NULL,
            col INTEGER NOT NULL,
            text TEXT NOT NULL,
            is_header INTEGER NOT NULL,
            PRIMARY KEY (table_id, row, col)
        );
        CREATE TABLE figures (
            paper_id TEXT NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            page INTEGER NOT NULL,
            label TEXT,
            caption TEXT NOT NULL,
            PRIMARY KEY (paper_id, idx)
        );
        CREATE TABLE refs (
            paper_id TEXT NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            raw TEXT NOT NULL,
            title TEXT,
            authors TEXT,
            year INTEGER,
            arxiv_id TEXT,
            PRIMARY KEY (paper_id, idx)
        );
        """,
    ),
    (
        "0002_chunks",
        """
        CREATE TABLE chunks (
            id INTEGER PRIMARY KEY,
            paper_id TEXT NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            page INTEGER NOT NULL,
            section TEXT,
            kind TEXT NOT NULL DEFAULT 'text',
            text TEXT NOT NULL,
            UNIQUE (paper_id, idx)
        );
        CREATE TABLE embeddings (
            chunk_id INTEGER NOT NULL REFERENCES chunks(id) ON DELETE CASCADE,
            model TEXT NOT NULL,
            dim INTEGER NOT NULL,
            vector BLOB NOT NULL,
            PRIMARY KEY (chunk_id, model)
        );
        """,
    ),
    (
        "0003_fetch_log",
        """
        CREATE TABLE fetch_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            source_ref TEXT NOT NULL,
            status TEXT NOT NULL,
            paper_id TEXT,
            error TEXT
        );
        """,
    ),
]


def all_migrations() -> list[tuple[str, str]]:
    """Every package's migrations, in application order."""
    found = list(SYNTH_MIGRATIONS)
    for module in ("verifier.store_migrations", "evalkit.store_migrations", "synth.report_migrations"):
        try:
            mod = importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise
            continue
        found.extend(getattr(mod, "MIGRATIONS", []))
    names = [n for n, _ in found]
    if len(names) != len(set(names)):
        raise RuntimeError(f"duplicate migration names: {names}")
    return sorted(found, key=lambda m: m[0])
