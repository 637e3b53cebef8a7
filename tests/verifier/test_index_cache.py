"""The verifier's per-paper index is kept in the store: a later run reads it back instead of
building it, gets the same index and the same verdicts, and rebuilds whatever it cannot trust."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from synth.ingest import ingest_inputs
from synth.store import open_store
from tests.helpers.pdfgen import PaperSpec, SectionSpec, TableSpec, make_paper_pdf
from verifier import index_cache
from verifier.extract import claim_from_text
from verifier.index import index_from_store
from verifier.verify import verify_claim

ROWS = [["BaseCoder-1B", "25.71", "38.0"], ["TinyCoder-1B", "28.81", "41.2"]]
CLAIMS = ["TinyCoder-1B reaches 41.2% pass@1 on MBPP.", "TinyCoder-1B reaches 41.2% pass@1 on HumanEval.",
          "BaseCoder-1B scores 25.7 on HumanEval.", "Our model improves HumanEval pass@1 by 3.1 points over BaseCoder-1B."]


@pytest.fixture
def stored(tmp_path: Path, settings):  # noqa: ANN001, ANN201
    spec = PaperSpec(title="Tiny Coders: small models for code", abstract="We train TinyCoder, a small code model.",
                     sections=[SectionSpec("1 Results", [
                         "TinyCoder-1B improves HumanEval pass@1 by 3.1 points over BaseCoder-1B (28.81 vs 25.71).",
                         "Table 1 lists pass@1 on HumanEval and MBPP."],
                         tables=[TableSpec("Table 1: pass@1 (%) on HumanEval and MBPP.", ["Model", "HumanEval", "MBPP"],
                                           ROWS)])])
    pdf = make_paper_pdf(tmp_path / "tiny.pdf", spec)
    store = open_store(settings)
    (res,) = ingest_inputs([str(pdf)], settings, store=store)
    yield store, store.paper(res.paper_id)
    store.close()


def _same(a, b) -> None:  # noqa: ANN001
    for f in ("paper_id", "label", "mentions", "sentences", "own", "proposed", "own_data", "vocabulary",
              "numeric_vocabulary"):
        assert getattr(a, f) == getattr(b, f), f
    assert dict(a.buckets) == dict(b.buckets) and dict(a.by_term) == dict(b.by_term)


def _verdicts(idx) -> list[tuple]:  # noqa: ANN001
    out = []
    for c in CLAIMS:
        r = verify_claim(claim_from_text(c, "x"), [idx])
        out.append((r.verdict, r.confidence, r.reason, r.evidence))
    return out


def test_second_load_reads_the_cache_and_verifies_the_same(stored, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    store, paper = stored
    built = index_from_store(store, paper)
    first = index_cache.stored_index(store, paper)
    _same(built, first)
    assert store.conn.execute("SELECT COUNT(*) FROM verifier_index").fetchone()[0] == 1

    def no_build(*a, **k):  # noqa: ANN002, ANN003, ANN202
        raise AssertionError("built again although the store holds this paper's index")

    monkeypatch.setattr(index_cache, "index_from_store", no_build)
    again = index_cache.stored_index(store, paper)
    _same(built, again)
    assert len(again.mentions) > 5 and any(m.kind == "cell" for m in again.mentions)
    assert _verdicts(again) == _verdicts(built)


def test_the_cache_is_json_not_code(stored) -> None:  # noqa: ANN001
    store, paper = stored
    index_cache.stored_index(store, paper)
    (data,) = store.conn.execute("SELECT data FROM verifier_index").fetchone()
    import zlib

    doc = json.loads(zlib.decompress(data))
    assert doc["paper_id"] == paper.id and doc["format"] == index_cache.FORMAT
    assert any("28.81" == m[doc["fields"].index("text")] for m in doc["mentions"])


def test_unreadable_or_stale_copies_are_rebuilt(stored, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    store, paper = stored
    built = index_cache.stored_index(store, paper)
    calls = []
    real = index_cache.index_from_store
    monkeypatch.setattr(index_cache, "index_from_store", lambda s, p: calls.append(p.id) or real(s, p))

    # A damaged blob: rebuilt (and cached again), no error.
    store.conn.execute("UPDATE verifier_index SET data = ?", (b"not zlib at all",))
    _same(built, index_cache.stored_index(store, paper))
    assert calls == [paper.id]
    index_cache.stored_index(store, paper)
    assert calls == [paper.id]  # (the rebuilt copy was stored)

    # Other verifier code: its index is not this code's.
    monkeypatch.setattr(index_cache, "code_fingerprint", lambda: "another version")
    _same(built, index_cache.stored_index(store, paper))
    assert calls == [paper.id, paper.id]


def test_a_store_that_cannot_be_written_still_verifies(stored, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    store, paper = stored

    def read_only():  # noqa: ANN202
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(store, "transaction", read_only)
    idx = index_cache.stored_index(store, paper)
    _same(index_from_store(store, paper), idx)
    assert store.conn.execute("SELECT COUNT(*) FROM verifier_index").fetchone()[0] == 0


def test_cached_index_goes_with_its_paper(stored) -> None:  # noqa: ANN001
    store, paper = stored
    index_cache.stored_index(store, paper)
    with store.transaction() as c:
        c.execute("DELETE FROM papers WHERE id = ?", (paper.id,))
    assert store.conn.execute("SELECT COUNT(*) FROM verifier_index").fetchone()[0] == 0
