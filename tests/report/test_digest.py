import json
from pathlib import Path

import pytest

from synth.report.score import squash
from tests.helpers.pdfgen import make_paper_pdf, sample_spec
from tests.report.corpus import FakeVerifier


def test_digest_quotes_summary_and_verifies_key_results(settings, tmp_path: Path) -> None:  # noqa: ANN001
    from synth.report.digest import build_digest, write_digest
    from synth.store import open_store

    pdf = make_paper_pdf(tmp_path / "tiny.pdf", sample_spec())
    with open_store(settings) as store:
        data = build_digest(str(pdf), settings, store, verifier=FakeVerifier(store))
        pid = data["facts"]["paper_id"]
        pages = store.page_texts(pid)
        again = build_digest(pid, settings, store, verifier=FakeVerifier(store))  # by id: no re-ingest
    assert again["facts"] == data["facts"]
    facts = data["facts"]
    assert facts["title"] == "Tiny Coders: Small Models for Code" and facts["arxiv_id"] == "2101.00001"
    assert facts["tables"] == 1 and facts["pages"] == len(pages)
    assert data["summary"], "the abstract should be quoted"
    for q in data["summary"] + data["method"]:
        assert squash(q["quote"]) in squash(pages[q["page"] - 1])  # extractive, on the page it cites
    assert data["key_results"]
    for r in data["key_results"]:
        assert r["verdict"] in {"supported", "contradicted", "not_found"} and r["page"] >= 1
    assert any("28.81" in r["claim"] for r in data["key_results"])
    assert sum(data["verdicts"].values()) == len(data["key_results"])
    assert any("limitations" in line for line in data["limitations"]["computed"])
    paths = write_digest(data, settings, tmp_path / "out", ["md", "html", "json"])
    md = Path(paths["md"]).read_text(encoding="utf-8")
    assert "## Key results" in md and "| R1 |" in md and "(p. 1)" in md
    assert json.loads(Path(paths["json"]).read_text(encoding="utf-8"))["facts"]["paper_id"] == pid
    assert 'id="chart-verdicts"' in Path(paths["html"]).read_text(encoding="utf-8")


def test_digest_of_a_missing_file_is_one_clear_error(settings, tmp_path: Path) -> None:  # noqa: ANN001
    from synth.errors import InputError
    from synth.report.digest import build_digest
    from synth.store import open_store

    with open_store(settings) as store:
        with pytest.raises(InputError, match="cannot digest"):
            build_digest(str(tmp_path / "nope.pdf"), settings, store, verifier=FakeVerifier(store))


@pytest.mark.parametrize("text, section, finding", [
    ("TinyCoder-1B achieves 28.81% pass@1 on HumanEval.", "3 Results", True),
    ("Within 100 samples, the model solves 77.5% of the problems.", "1 Introduction", True),
    ("*Equal contribution 1OpenAI, San Francisco, California, USA.", None, False),
    ("Models are evaluated with pass@k on HumanEval (Chen et al., 2021) and reach 40%.", "1 Introduction", False),
    ("In Figure 4, we plot test loss on a held-out validation set against model size.", "3 Results", False),
    ("4We still need the 350GB model during deployment.", "4 Method", False),
])
def test_key_results_are_findings_not_front_matter(text: str, section: str, finding: bool) -> None:
    from synth.report.digest import _result_score

    assert (_result_score(text, section, in_abstract=False) >= 2) is finding
