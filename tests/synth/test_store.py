import sqlite3

import numpy as np
import pytest

from synth.store import Store
from synth.store.migrations import all_migrations
from synth.types import (
    Chunk, FetchedPDF, PageText, Paragraph, ParsedDoc, Reference, Section, Sentence, Table, TableCell,
)


def make_doc(title: str = "A Paper") -> ParsedDoc:
    table = Table(index=0, page=2, label="Table 1", caption="Table 1: results", n_rows=2, n_cols=2, header_rows=1,
                  cells=(TableCell(0, 0, "Model", True), TableCell(0, 1, "pass@1", True),
                         TableCell(1, 0, "Codex-12B", False), TableCell(1, 1, "28.81", False)))
    return ParsedDoc(
        title=title, authors=("A. Author",), arxiv_id="2107.03374", arxiv_version="v2", abstract="We study.",
        pages=(PageText(1, "page one", True), PageText(2, "page two 28.81", True)),
        sections=(Section(0, "1 Introduction", 1),), paragraphs=(Paragraph(0, 1, "We study.", "1 Introduction"),),
        sentences=(Sentence(0, 1, "We study.", 0, "1 Introduction"),), tables=(table,), figures=(),
        references=(Reference(0, "[1] X. LoRA. arXiv:2106.09685, 2021.", "LoRA", "X.", 2021, "2106.09685"),),
        parser_version="test",
    )


def save(store: Store, sha: str = "ab" * 32, doc: ParsedDoc | None = None) -> str:
    doc = doc or make_doc()
    chunks = [Chunk("x", 0, 1, "We study.", "1 Introduction"), Chunk("x", 1, 2, "Codex-12B 28.81", None, "table")]
    vecs = np.eye(2, 4, dtype=np.float32)
    return store.save_paper(sha, FetchedPDF("/tmp/a.pdf", "local", "/tmp/a.pdf"), doc, chunks, vecs, "m1")


def test_migrations_apply_once_in_order(tmp_path) -> None:
    store = Store(tmp_path / "db.sqlite")
    names = store.applied_migrations()
    assert names == sorted(names) and names[0] == "0001_papers"
    assert store.migrate() == []  # idempotent
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    store.close()
    assert Store(tmp_path / "db.sqlite").applied_migrations() == names
    assert [n for n, _ in all_migrations()] == sorted(n for n, _ in all_migrations())


def test_save_and_read_back_everything(tmp_path) -> None:
    store = Store(tmp_path / "db.sqlite")
    pid = save(store)
    paper = store.paper(pid)
    assert paper.title == "A Paper" and paper.arxiv_id == "2107.03374" and paper.n_tables == 1
    assert store.paper("2107.03374v2").id == pid  # arXiv id with version resolves too
    assert store.paper(pid[:6]).id == pid
    table = store.tables(pid)[0]
    assert table.grid() == [["Model", "pass@1"], ["Codex-12B", "28.81"]]
    assert table.cells[0].is_header and not table.cells[3].is_header
    assert store.references(pid)[0].arxiv_id == "2106.09685"
    assert store.page_texts(pid) == ["page one", "page two 28.81"]
    ids, mat = store.embeddings("m1")
    assert len(ids) == 2 and mat.shape == (2, 4)
    assert store.missing_embeddings("other-model") and not store.missing_embeddings("m1")


def test_same_content_is_stored_once(tmp_path) -> None:
    store = Store(tmp_path / "db.sqlite")
    a = save(store)
    b = save(store)
    assert a == b
    assert store.counts()["papers"] == 1 and store.counts()["chunks"] == 2


def test_failed_ingest_leaves_nothing_half_written(tmp_path) -> None:
    store = Store(tmp_path / "db.sqlite")
    save(store, sha="cd" * 32)
    before = store.counts()
    bad = make_doc("Broken")
    # A cell pointing outside any table row key twice violates the primary key mid-transaction.
    dup = Table(0, 1, "Table 1", None, 1, 1, 0, (TableCell(0, 0, "a"), TableCell(0, 0, "b")))
    bad = ParsedDoc(**{**{f: getattr(bad, f) for f in bad.__dataclass_fields__}, "tables": (dup,)})
    with pytest.raises(sqlite3.IntegrityError):
        save(store, sha="ef" * 32, doc=bad)
    assert store.counts() == before  # the earlier paper is intact, the broken one absent
    assert store.has_sha("ef" * 32) is None


def test_delete_cascades(tmp_path) -> None:
    store = Store(tmp_path / "db.sqlite")
    pid = save(store)
    assert store.delete_paper(pid)
    counts = store.counts()
    assert counts["papers"] == 0 and counts["chunks"] == 0 and counts["cells"] == 0
