"""Ingest pipeline on generated PDFs: store contents, dedup, bad input, crash safety, search."""

from __future__ import annotations

from pathlib import Path

import pytest

from synth.index import search
from synth.ingest import ingest_inputs
from synth.store import open_store
from tests.helpers.pdfgen import PaperSpec, SectionSpec, make_paper_pdf, sample_spec


def lora_spec() -> PaperSpec:
    return PaperSpec(
        title="Low-Rank Adapters for Everyone",
        authors=["Grace Hopper"],
        abstract="We adapt large language models with low-rank updates and save memory.",
        arxiv_stamp="2102.00002v3",
        sections=[SectionSpec("1 Method", [
            "Low-rank adaptation freezes the pretrained weights and trains rank decomposition matrices. "
            "It reduces trainable parameters by 10,000 times and GPU memory by 3 times.",
        ])],
    )


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    d = tmp_path / "papers"
    d.mkdir()
    make_paper_pdf(d / "tiny.pdf", sample_spec())
    make_paper_pdf(d / "lora.pdf", lora_spec())
    return d


def test_ingest_directory_stores_papers_and_parts(corpus: Path, settings) -> None:
    results = ingest_inputs([str(corpus)], settings)
    assert sorted(r.status for r in results) == ["ingested", "ingested"]
    with open_store(settings) as store:
        papers = {p.arxiv_id: p for p in store.papers()}
        assert set(papers) == {"2101.00001", "2102.00002"}
        tiny = papers["2101.00001"]
        assert tiny.title == "Tiny Coders: Small Models for Code"
        assert tiny.n_tables == 1 and tiny.n_chunks > 0
        table = store.tables(tiny.id)[0]
        assert ["TinyCoder-1B", "28.81", "41.2"] in table.grid()
        assert any("28.81% pass@1" in s.text for s in store.sentences(tiny.id))


def test_rerun_is_a_no_op_and_duplicates_are_stored_once(corpus: Path, settings) -> None:
    ingest_inputs([str(corpus)], settings)
    again = ingest_inputs([str(corpus), str(corpus / "tiny.pdf")], settings)
    assert [r.status for r in again] == ["exists", "exists", "exists"]
    with open_store(settings) as store:
        assert store.counts()["papers"] == 2


def test_papers_stored_by_an_older_parser_are_parsed_again(corpus: Path, settings, monkeypatch) -> None:
    ingest_inputs([str(corpus)], settings)
    with open_store(settings) as store:
        before = {p.id: p for p in store.papers()}
        tiny = next(p for p in before.values() if p.arxiv_id == "2101.00001")
        # what an older release left behind: another parser version and a stale table
        store.conn.execute("UPDATE papers SET parser_version = 'old' WHERE id = ?", (tiny.id,))
        store.conn.execute("DELETE FROM cells WHERE table_id IN (SELECT id FROM tables WHERE paper_id = ?)", (tiny.id,))
        store.conn.commit()
    again = ingest_inputs([str(corpus)], settings)
    assert sorted(r.status for r in again) == ["exists", "reparsed"]
    with open_store(settings) as store:
        papers = {p.id: p for p in store.papers()}
        assert set(papers) == set(before)
        assert papers[tiny.id].parser_version == before[tiny.id].parser_version != "old"
        assert ["TinyCoder-1B", "28.81", "41.2"] in store.tables(tiny.id)[0].grid()
        assert store.counts()["chunks"] == sum(p.n_chunks for p in papers.values())
    # a stale copy whose re-parse fails is kept, not lost
    with open_store(settings) as store:
        store.conn.execute("UPDATE papers SET parser_version = 'old' WHERE id = ?", (tiny.id,))
        store.conn.commit()
    import synth.ingest as ingest_mod
    from synth.errors import ParseError

    monkeypatch.setattr(ingest_mod, "_parse", lambda path: ParseError(f"{path}: cannot parse"))
    kept = ingest_inputs([str(corpus / "tiny.pdf")], settings)
    assert [r.status for r in kept] == ["exists"] and "not re-parsed" in kept[0].warnings[0]
    with open_store(settings) as store:
        assert ["TinyCoder-1B", "28.81", "41.2"] in store.tables(tiny.id)[0].grid()


def test_bad_inputs_fail_one_by_one_and_the_rest_ingests(corpus: Path, settings, tmp_path: Path) -> None:
    (corpus / "empty.pdf").write_bytes(b"")
    (corpus / "notes.pdf").write_text("these are not the PDFs you are looking for")
    good = corpus / "tiny.pdf"
    (corpus / "truncated.pdf").write_bytes(good.read_bytes()[:900])
    make_paper_pdf(corpus / "locked.pdf", lora_spec(), encrypt_password="secret")
    results = ingest_inputs([str(corpus), str(tmp_path / "missing.pdf"), "not-a-thing"], settings)
    by_status: dict[str, list] = {}
    for r in results:
        by_status.setdefault(r.status, []).append(r)
    assert len(by_status["ingested"]) == 2
    failed = by_status["failed"]
    assert len(failed) == 6
    for r in failed:
        assert r.error and "\n" not in r.error
    names = " ".join(r.error for r in failed)
    for name in ("empty.pdf", "notes.pdf", "truncated.pdf", "locked.pdf", "not-a-thing"):
        assert name in names


def test_interrupted_ingest_keeps_finished_papers_and_resumes(corpus: Path, settings, monkeypatch) -> None:
    from synth.store.db import Store

    real_save = Store.save_paper
    calls = {"n": 0}

    def flaky_save(self, *args, **kwargs):  # noqa: ANN001, ANN202
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt  # a Ctrl-C in the middle of the second paper
        return real_save(self, *args, **kwargs)

    monkeypatch.setattr(Store, "save_paper", flaky_save)
    with pytest.raises(KeyboardInterrupt):
        ingest_inputs([str(corpus)], settings)
    with open_store(settings) as store:
        assert store.counts()["papers"] == 1
    monkeypatch.setattr(Store, "save_paper", real_save)
    results = ingest_inputs([str(corpus)], settings)
    assert sorted(r.status for r in results) == ["exists", "ingested"]
    with open_store(settings) as store:
        counts = store.counts()
        assert counts["papers"] == 2
        # no orphaned rows from the interrupted transaction
        assert counts["chunks"] == sum(p.n_chunks for p in store.papers())


def test_hybrid_search_finds_exact_numbers_and_filters_by_paper(corpus: Path, settings) -> None:
    ingest_inputs([str(corpus)], settings)
    with open_store(settings) as store:
        hits = search(store, settings, "TinyCoder-1B 28.81 pass@1 HumanEval", k=5)
        assert hits and "28.81" in hits[0].text and hits[0].page == 1
        lora = store.paper("2102.00002")
        only = search(store, settings, "memory", k=5, paper_ids=[lora.id])
        assert only and all(h.paper_id == lora.id for h in only)


def test_faiss_file_is_derived_and_rebuilt(corpus: Path, settings) -> None:
    from synth.index.hybrid import ensure_index

    ingest_inputs([str(corpus / "tiny.pdf")], settings)
    with open_store(settings) as store:
        n1 = ensure_index(store, settings)
    files = list(settings.index_dir.glob("dense-*.faiss"))
    assert len(files) == 1
    files[0].unlink()
    ingest_inputs([str(corpus / "lora.pdf")], settings)
    with open_store(settings) as store:
        n2 = ensure_index(store, settings)
    new_files = list(settings.index_dir.glob("dense-*.faiss"))
    assert n2 > n1 and len(new_files) == 1 and new_files[0].name != files[0].name


@pytest.mark.slow
def test_real_minilm_search(corpus: Path, settings, monkeypatch) -> None:
    settings.embedder = "minilm"
    ingest_inputs([str(corpus)], settings)
    with open_store(settings) as store:
        hits = search(store, settings, "how much GPU memory does low-rank adaptation save?", k=3)
    assert hits[0].paper_title == "Low-Rank Adapters for Everyone"
