import pytest

from synth.report.bibtex import tex_escape, to_bibtex
from synth.report.checks import CheckedClaim
from synth.report.render import md_escape, parse_formats
from synth.report.score import compute_score, squash, validate_citations
from synth.report.types import Candidate, Check, Citation, Evidence, PaperDecision, Statement, Theme


class _Store:
    def page_texts(self, pid: str) -> list[str]:
        return ["Title page", "LoRA matches full fine-tuning at 73.4%\non WikiSQL."]


def _claim(verdict: str, page: int | None) -> CheckedClaim:
    ev = (Evidence("p1", page, "q"),) if page else ()
    return CheckedClaim("C1", "x 1", "p1", 2, "q", None, 0.5, Check(verdict, 0.8, ev, "r"))


def test_citation_validity_checks_paper_page_and_quote() -> None:
    good = Statement("A write", "LoRA matches full fine-tuning at 73.4% on WikiSQL.", (Citation(1, "p1", 2),))
    wrong_page = Statement("A write", "LoRA matches full fine-tuning at 73.4% on WikiSQL.", (Citation(1, "p1", 1),))
    missing_page = Statement("A write", "Title page", (Citation(1, "p1", 9),))
    not_kept = Statement("B write", "Title page", (Citation(2, "p2", 1),))
    themes = [Theme("T", (good, wrong_page, missing_page, not_kept), ("p1", "p2"))]
    valid, total, problems = validate_citations(themes, _Store(), ["p1"])
    assert (valid, total) == (1, 4)
    assert any("not found on page 1" in p for p in problems)
    assert any("has 2 pages" in p for p in problems)
    assert any("not kept" in p for p in problems)


def test_score_components_and_weighted_total() -> None:
    kept = [PaperDecision(Candidate("p1", "t", "a"), 0.8, 0.6, 1.0, ("LoRA",), True, "r")]
    claims = [_claim("supported", 2), _claim("not_found", None)]
    themes = [Theme("T", (Statement("A", "q", (Citation(1, "p1", 2),)),), ("p1",))]
    score = compute_score(kept, claims, themes, (1, 1, []), reproduction_eligible=2, reproduction_run=False)
    comps = {c["name"]: c for c in score["components"]}
    assert comps["relevance"]["value"] == 0.8
    assert comps["source_support"]["value"] == 0.5
    assert comps["evidence_density"]["value"] == pytest.approx(2 / 3, abs=1e-3)
    assert comps["citation_validity"]["value"] == 1.0
    assert comps["reproduction_coverage"]["value"] is None and "2 code-benchmark" in comps["reproduction_coverage"]["detail"]
    expected = 100 * (0.25 * 0.8 + 0.25 * 0.5 + 0.2 * 0.667 + 0.2 * 1.0) / 0.9
    assert score["total"] == pytest.approx(expected, abs=0.1)
    empty = compute_score([], [], [], (0, 0, []), 0, False)
    assert {c["name"]: c["value"] for c in empty["components"]}["relevance"] == 0.0 and empty["total"] == 0.0


def test_markdown_and_bibtex_neutralise_paper_text() -> None:
    assert md_escape("<script>x</script> | [a](b) *c*") == "&lt;script>x&lt;/script> \\| \\[a\\](b) \\*c\\*"
    assert md_escape("Better & Faster, >780GB to <48GB, &lt;") == "Better & Faster, >780GB to &lt;48GB, &amp;lt;"
    bib = to_bibtex([{"title": "50% of {LoRA} & co_", "authors": ["A B"], "year": 2021, "arxiv_id": "2106.09685",
                      "link": "https://arxiv.org/abs/2106.09685"}])
    assert r"50\% of \{LoRA\} \& co\_" in bib and "eprint = {2106.09685}" in bib and bib.startswith("@misc{b2021lora")
    assert tex_escape("a\\b") == r"a\textbackslash{}b"
    assert squash("Low-\nrank ﬁne-tuning") == "lowrankfinetuning"


def test_formats_are_validated() -> None:
    from synth.errors import ConfigError

    assert parse_formats("md, HTML,md") == ["md", "html"]
    with pytest.raises(ConfigError, match="unknown format"):
        parse_formats("md,pdf")


def test_annotation_warnings_fold_into_one_line_per_paper() -> None:
    from synth.report.pipeline import _summarise_warnings

    out = _summarise_warnings([
        "page 1: 10 line(s) of reader annotations (FreeText notes) kept out of the text",
        "page 3: 5 line(s) of reader annotations (FreeText notes) kept out of the text",
        "page 10: Table 6 has a caption but no cells were recovered",
    ])
    assert out == ["15 line(s) of reader annotations (FreeText notes) on pages 1, 3 were kept out of the text",
                   "page 10: Table 6 has a caption but no cells were recovered"]
