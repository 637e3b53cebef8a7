"""The Store: one SQLite file (WAL) holding everything litcheck knows.

Ingest of a paper is one transaction (``save_paper``): a crash or kill leaves either the
whole paper or nothing, so a rerun resumes without duplicates.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator, Sequence

import numpy as np

from synth.errors import StoreError
from synth.store.migrations import all_migrations
from synth.types import (
    Chunk,
    Figure,
    FetchedPDF,
    Paper,
    Paragraph,
    ParsedDoc,
    Reference,
    Section,
    Sentence,
    Table,
    TableCell,
)


def utcnow() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def paper_id_for(sha256: str) -> str:
    """Papers are identified by their content: the first 16 hex digits of the PDF's sha256."""
    return sha256[:16]


class Store:
    """Thin typed access to the SQLite database."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.conn = sqlite3.connect(str(self.path), timeout=30.0, isolation_level=None)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open the store {self.path}: {exc}; move the file away to start afresh") from exc

    # --- plumbing -------------------------------------------------------------------------
    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT, rolled back on any exception (KeyboardInterrupt too)."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    def migrate(self) -> list[str]:
        """Apply pending migrations in name order; return the names applied."""
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
        )
        done = {r[0] for r in self.conn.execute("SELECT name FROM migrations")}
        applied = []
        for name, sql in all_migrations():
            if name in done:
                continue
            with self.transaction() as conn:
                for statement in _split_sql(sql):
                    conn.execute(statement)
                conn.execute("INSERT INTO migrations VALUES (?, ?)", (name, utcnow()))
            applied.append(name)
        return applied

    def applied_migrations(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT name FROM migrations ORDER BY name")]

    # --- papers ---------------------------------------------------------------------------
    def has_sha(self, sha256: str) -> str | None:
        row = self.conn.execute("SELECT id FROM papers WHERE sha256 = ?", (sha256,)).fetchone()
        return row[0] if row else None

    def save_paper(
        self,
        sha256: str,
        fetched: FetchedPDF,
        doc: ParsedDoc,
        chunks: Sequence[Chunk],
        embeddings: np.ndarray | None,
        embed_model: str | None,
        replace: bool = False,
    ) -> str:
        """Store one parsed paper with its chunks and embeddings in a single transaction.

        ``replace`` swaps out a stored copy of the same paper (parsed by an older parser) in that
        same transaction, so a failure keeps the old copy."""
        pid = paper_id_for(sha256)
        arxiv_id = fetched.arxiv_id or doc.arxiv_id
        arxiv_version = fetched.arxiv_version or doc.arxiv_version
        title = doc.title or fetched.title
        # The feed's metadata is curated; prefer it over what layout analysis guessed.
        if fetched.title:
            title = fetched.title
        authors = list(fetched.authors) or list(doc.authors)
        abstract = fetched.abstract or doc.abstract
        year = doc.year
        if fetched.published:
            year = int(fetched.published[:4])
        meta = dict(doc.metadata)
        if fetched.categories:
            meta["categories"] = list(fetched.categories)
        if fetched.published:
            meta["published"] = fetched.published
        with self.transaction() as c:
            if replace:
                c.execute("DELETE FROM papers WHERE id = ?", (pid,))
            elif c.execute("SELECT 1 FROM papers WHERE id = ?", (pid,)).fetchone():
                return pid
            c.execute(
                "INSERT INTO papers (id, sha256, source, source_ref, title, authors, arxiv_id, arxiv_version,"
                " abstract, year, n_pages, n_tables, n_chunks, pdf_path, parser_version, metadata, warnings,"
                " ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    pid, sha256, fetched.source, fetched.source_ref, title, json.dumps(authors), arxiv_id,
                    arxiv_version, abstract, year, doc.n_pages, len(doc.tables), len(chunks), fetched.path,
                    doc.parser_version, json.dumps(meta), json.dumps(list(doc.warnings)), utcnow(),
                ),
            )
            c.executemany(
                "INSERT INTO pages VALUES (?,?,?,?)",
                [(pid, p.number, p.text, int(p.has_text)) for p in doc.pages],
            )
            c.executemany(
                "INSERT INTO sections VALUES (?,?,?,?,?)",
                [(pid, s.index, s.heading, s.level, s.page) for s in doc.sections],
            )
            c.executemany(
                "INSERT INTO paragraphs VALUES (?,?,?,?,?)",
                [(pid, p.index, p.page, p.section, p.text) for p in doc.paragraphs],
            )
            c.executemany(
                "INSERT INTO sentences VALUES (?,?,?,?,?,?)",
                [(pid, s.index, s.paragraph, s.page, s.section, s.text) for s in doc.sentences],
            )
            for t in doc.tables:
                cur = c.execute(
                    "INSERT INTO tables (paper_id, idx, page, label, caption, n_rows, n_cols, header_rows, bbox)"
                    " VALUES (?,?,?,?,?,?,?,?,?)",
                    (pid, t.index, t.page, t.label, t.caption, t.n_rows, t.n_cols, t.header_rows,
                     json.dumps(t.bbox) if t.bbox else None),
                )
                tid = cur.lastrowid
                c.executemany(
                    "INSERT INTO cells VALUES (?,?,?,?,?)",
                    [(tid, cell.row, cell.col, cell.text, int(cell.is_header)) for cell in t.cells],
                )
            c.executemany(
                "INSERT INTO figures VALUES (?,?,?,?,?)",
                [(pid, f.index, f.page, f.label, f.caption) for f in doc.figures],
            )
            c.executemany(
                "INSERT INTO refs VALUES (?,?,?,?,?,?,?)",
                [(pid, r.index, r.raw, r.title, r.authors, r.year, r.arxiv_id) for r in doc.references],
            )
            for ch in chunks:
                cur = c.execute(
                    "INSERT INTO chunks (paper_id, idx, page, section, kind, text) VALUES (?,?,?,?,?,?)",
                    (pid, ch.index, ch.page, ch.section, ch.kind, ch.text),
                )
                if embeddings is not None and embed_model:
                    vec = np.ascontiguousarray(embeddings[ch.index], dtype=np.float32)
                    c.execute(
                        "INSERT INTO embeddings VALUES (?,?,?,?)",
                        (cur.lastrowid, embed_model, int(vec.shape[0]), vec.tobytes()),
                    )
        return pid

    def delete_paper(self, paper_id: str) -> bool:
        with self.transaction() as c:
            return c.execute("DELETE FROM papers WHERE id = ?", (paper_id,)).rowcount > 0

    def log_fetch(self, source_ref: str, status: str, paper_id: str | None = None, error: str | None = None) -> None:
        with self.transaction() as c:
            c.execute(
                "INSERT INTO fetch_log (at, source_ref, status, paper_id, error) VALUES (?,?,?,?,?)",
                (utcnow(), source_ref, status, paper_id, error),
            )

    def papers(self) -> list[Paper]:
        rows = self.conn.execute("SELECT * FROM papers ORDER BY ingested_at, id").fetchall()
        return [_paper(r) for r in rows]

    def paper(self, ref: str) -> Paper | None:
        """Look a paper up by id (or unique id prefix), arXiv id (with or without version) or sha256."""
        ref = ref.strip()
        base = ref.split("v")[0] if _looks_arxiv(ref) else None
        row = self.conn.execute(
            "SELECT * FROM papers WHERE id = ? OR sha256 = ? OR arxiv_id = ? ORDER BY ingested_at LIMIT 1",
            (ref, ref, base or ref),
        ).fetchone()
        if row is None and len(ref) >= 4:
            rows = self.conn.execute("SELECT * FROM papers WHERE id LIKE ?", (ref + "%",)).fetchall()
            row = rows[0] if len(rows) == 1 else None
        return _paper(row) if row else None

    # --- parts ----------------------------------------------------------------------------
    def page_texts(self, paper_id: str) -> list[str]:
        return [r[0] for r in self.conn.execute(
            "SELECT text FROM pages WHERE paper_id = ? ORDER BY number", (paper_id,))]

    def sections(self, paper_id: str) -> list[Section]:
        return [Section(index=r["idx"], heading=r["heading"], page=r["page"], level=r["level"])
                for r in self.conn.execute("SELECT * FROM sections WHERE paper_id = ? ORDER BY idx", (paper_id,))]

    def paragraphs(self, paper_id: str) -> list[Paragraph]:
        return [Paragraph(index=r["idx"], page=r["page"], text=r["text"], section=r["section"])
                for r in self.conn.execute("SELECT * FROM paragraphs WHERE paper_id = ? ORDER BY idx", (paper_id,))]

    def sentences(self, paper_id: str) -> list[Sentence]:
        return [Sentence(index=r["idx"], page=r["page"], text=r["text"], paragraph=r["paragraph"], section=r["section"])
                for r in self.conn.execute("SELECT * FROM sentences WHERE paper_id = ? ORDER BY idx", (paper_id,))]

    def tables(self, paper_id: str) -> list[Table]:
        out = []
        for t in self.conn.execute("SELECT * FROM tables WHERE paper_id = ? ORDER BY idx", (paper_id,)).fetchall():
            cells = tuple(
                TableCell(row=c["row"], col=c["col"], text=c["text"], is_header=bool(c["is_header"]))
                for c in self.conn.execute("SELECT * FROM cells WHERE table_id = ? ORDER BY row, col", (t["id"],))
            )
            out.append(Table(
                index=t["idx"], page=t["page"], label=t["label"], caption=t["caption"], n_rows=t["n_rows"],
                n_cols=t["n_cols"], header_rows=t["header_rows"], cells=cells,
                bbox=tuple(json.loads(t["bbox"])) if t["bbox"] else None,
            ))
        return out

    def figures(self, paper_id: str) -> list[Figure]:
        return [Figure(index=r["idx"], page=r["page"], label=r["label"], caption=r["caption"])
                for r in self.conn.execute("SELECT * FROM figures WHERE paper_id = ? ORDER BY idx", (paper_id,))]

    def references(self, paper_id: str) -> list[Reference]:
        return [Reference(index=r["idx"], raw=r["raw"], title=r["title"], authors=r["authors"], year=r["year"],
                          arxiv_id=r["arxiv_id"])
                for r in self.conn.execute("SELECT * FROM refs WHERE paper_id = ? ORDER BY idx", (paper_id,))]

    def chunks(self, paper_ids: Sequence[str] | None = None) -> list[tuple[int, Chunk]]:
        """(chunk_id, Chunk) for all chunks, or those of the given papers, in id order."""
        sql = "SELECT * FROM chunks"
        args: tuple = ()
        if paper_ids:
            sql += f" WHERE paper_id IN ({','.join('?' * len(paper_ids))})"
            args = tuple(paper_ids)
        sql += " ORDER BY id"
        return [(r["id"], Chunk(paper_id=r["paper_id"], index=r["idx"], page=r["page"], text=r["text"],
                                section=r["section"], kind=r["kind"]))
                for r in self.conn.execute(sql, args)]

    def embeddings(self, model: str) -> tuple[np.ndarray, np.ndarray]:
        """(chunk_ids, matrix) of the stored embeddings for one model, in chunk-id order."""
        rows = self.conn.execute(
            "SELECT chunk_id, dim, vector FROM embeddings WHERE model = ? ORDER BY chunk_id", (model,)
        ).fetchall()
        if not rows:
            return np.zeros(0, dtype=np.int64), np.zeros((0, 0), dtype=np.float32)
        ids = np.array([r[0] for r in rows], dtype=np.int64)
        mat = np.vstack([np.frombuffer(r[2], dtype=np.float32) for r in rows])
        return ids, mat

    def missing_embeddings(self, model: str) -> list[tuple[int, str]]:
        """Chunks without an embedding for this model (e.g. after switching models)."""
        return [(r[0], r[1]) for r in self.conn.execute(
            "SELECT c.id, c.text FROM chunks c LEFT JOIN embeddings e ON e.chunk_id = c.id AND e.model = ?"
            " WHERE e.chunk_id IS NULL ORDER BY c.id", (model,))]

    def add_embeddings(self, model: str, ids: Sequence[int], vectors: np.ndarray) -> None:
        with self.transaction() as c:
            c.executemany(
                "INSERT OR REPLACE INTO embeddings VALUES (?,?,?,?)",
                [(int(i), model, int(v.shape[0]), np.ascontiguousarray(v, dtype=np.float32).tobytes())
                 for i, v in zip(ids, vectors)],
            )

    def corpus_signature(self) -> str:
        """Changes whenever a chunk is added or removed (used to name derived indexes)."""
        row = self.conn.execute("SELECT COUNT(*), COALESCE(MAX(id), 0), COALESCE(SUM(id), 0) FROM chunks").fetchone()
        return f"{row[0]}-{row[1]}-{row[2]}"

    def counts(self) -> dict[str, int]:
        out = {}
        for table in ("papers", "pages", "tables", "cells", "chunks", "sentences", "refs", "figures"):
            out[table] = self.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        return out


def _looks_arxiv(ref: str) -> bool:
    import re

    return bool(re.fullmatch(r"\d{4}\.\d{4,5}(v\d+)?", ref))


def _paper(r: sqlite3.Row) -> Paper:
    return Paper(
        id=r["id"], sha256=r["sha256"], source=r["source"], source_ref=r["source_ref"], title=r["title"],
        authors=tuple(json.loads(r["authors"])), arxiv_id=r["arxiv_id"], arxiv_version=r["arxiv_version"],
        abstract=r["abstract"], year=r["year"], n_pages=r["n_pages"], n_tables=r["n_tables"],
        n_chunks=r["n_chunks"], pdf_path=r["pdf_path"], ingested_at=r["ingested_at"],
        warnings=tuple(json.loads(r["warnings"])), parser_version=r["parser_version"] or "",
    )


def _split_sql(sql: str) -> list[str]:
    return [s.strip() for s in sql.split(";") if s.strip()]


def open_store(settings) -> Store:  # noqa: ANN001 - Settings, imported lazily to avoid a cycle
    settings.ensure_dirs()
    return Store(settings.db_path)
