import json
import re

import pytest

from synth.report.render import md_escape
from synth.report.score import squash
from tests.report.corpus import LORA, QLORA, QUESTION, FakeVerifier

REQUIRED = {"question", "method", "papers", "claims", "synthesis", "conflicts", "limitations", "references", "score"}


def test_writes_all_formats_with_required_keys(built) -> None:  # noqa: ANN001
    _, _, data, paths, _ = built
    assert set(paths) == {"md", "html", "json", "bib"}
    on_disk = json.loads(open(paths["json"], encoding="utf-8").read())
    assert REQUIRED <= set(on_disk)
    assert on_disk["question"] == QUESTION
    m = on_disk["method"]
    assert m["papers"] == {"found": 4, "kept": m["papers"]["kept"], "dropped": 4 - m["papers"]["kept"], "failed": 0}
    c = m["claims"]
    assert c["extracted"] == len(on_disk["claims"]) > 0
    assert c["supported"] + c["contradicted"] + c["not_found"] == c["extracted"]
    bib = open(paths["bib"], encoding="utf-8").read()
    assert bib.count("@misc{") == len(on_disk["references"]) > 0


def test_keeps_on_topic_drops_off_topic(built) -> None:  # noqa: ANN001
    _, _, data, _, _ = built
    kept = {p["title"] for p in data["papers"]["kept"]}
    assert LORA.title in kept and QLORA.title in kept
    dropped = {p["title"]: p for p in data["papers"]["dropped"]}
    bread = dropped["Sourdough Fermentation Dynamics in Rye Bread"]
    assert bread["reason"].startswith("relevance ") and "<" in bread["reason"]


def test_citations_resolve_to_kept_papers_pages_and_quotes(built) -> None:  # noqa: ANN001
    _, store, data, _, _ = built
    kept = {p["paper_id"] for p in data["papers"]["kept"]}
    refs = {r["n"]: r for r in data["references"]}
    assert refs and set(refs) == set(range(1, len(refs) + 1))
    assert {r["paper_id"] for r in refs.values()} <= kept  # references list only kept, cited papers
    n_statements = 0
    for theme in data["synthesis"]:
        for st in theme["statements"]:
            n_statements += 1
            assert st["quoted"] and st["citations"]
            first = st["citations"][0]
            for cit in st["citations"]:
                ref = refs[cit["n"]]
                assert ref["paper_id"] == cit["paper"] and 1 <= cit["page"] <= ref["pages"]
            page_text = store.page_texts(first["paper"])[first["page"] - 1]
            assert squash(st["quote"]) in squash(page_text)
    assert n_statements >= 3
    for claim in data["claims"]:
        assert claim["source"]["ref"] in refs and claim["source"]["page"] >= 1
        assert set(claim) >= {"claim", "verdict", "confidence", "evidence", "reason"}
        if claim["verdict"] == "supported":
            assert claim["evidence"]["paper"] and claim["evidence"]["page"]
    validity = {c["name"]: c for c in data["score"]["components"]}["citation_validity"]
    assert validity["value"] == 1.0


def test_no_paper_sentence_appears_unquoted(built) -> None:  # noqa: ANN001
    _, store, data, paths, _ = built
    md = open(paths["md"], encoding="utf-8").read()
    checked = 0
    for p in data["papers"]["kept"]:
        for s in store.sentences(p["paper_id"]):
            text = md_escape(s.text)
            if len(text) < 40 or squash(s.text) == squash(p["title"]):  # titles are names, not statements
                continue
            for m in re.finditer(re.escape(text), md):
                checked += 1
                before = md[max(0, m.start() - 1):m.start()]
                assert before == "“", f"unquoted paper sentence: {text[:60]}"
    assert checked >= 3


def test_themes_follow_the_question_facets(built) -> None:  # noqa: ANN001
    _, _, data, _, _ = built
    titles = [t["title"] for t in data["synthesis"]]
    assert titles[0] == "What the papers set out to do"
    assert "Memory" in titles and "Quality" in titles
    assert all(l for l in data["limitations"])  # noqa: E741
    assert any("titles, abstracts" in l for l in data["limitations"])  # noqa: E741


def test_hostile_paper_text_is_escaped(built) -> None:  # noqa: ANN001
    _, _, data, paths, _ = built
    html = open(paths["html"], encoding="utf-8").read()
    md = open(paths["md"], encoding="utf-8").read()
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html and "<b>Evil" not in html
    assert "<script>" not in md and "<img" not in md
    # Nothing is loaded from outside: no sources, stylesheets, imports or url() (links to arXiv are fine).
    tags = re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)([^<>]*)>", html)
    assert {name.lower() for name, _ in tags}.isdisjoint({"script", "link", "img", "iframe", "object", "embed"})
    assert not any(re.search(r"\b(src|srcset|on\w+)\s*=", attrs) for _, attrs in tags)
    assert "@import" not in html and "url(" not in html


def test_score_components_are_shown(built) -> None:  # noqa: ANN001
    _, _, data, paths, _ = built
    comps = {c["name"]: c for c in data["score"]["components"]}
    assert set(comps) == {"relevance", "source_support", "evidence_density", "citation_validity", "reproduction_coverage"}
    assert comps["reproduction_coverage"]["value"] is None and "not applicable" in comps["reproduction_coverage"]["detail"]
    for c in comps.values():
        assert c["value"] is None or 0 <= c["value"] <= 1
    applicable = [c for c in comps.values() if c["value"] is not None]
    expected = 100 * sum(c["weight"] * c["value"] for c in applicable) / sum(c["weight"] for c in applicable)
    assert data["score"]["total"] == pytest.approx(expected, abs=0.05)
    md = open(paths["md"], encoding="utf-8").read()
    assert "| citation validity |" in md and f"**{data['score']['total']}/100**" in md


def test_second_run_does_not_parse_again(built, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    import synth.ingest
    from synth.report.pipeline import ReportRequest, build_report

    settings, store, data, _, corpus = built

    def no_parse(paths, workers):  # noqa: ANN001, ANN202
        raise AssertionError(f"re-parsed {paths}")

    monkeypatch.setattr(synth.ingest, "_parse_all", no_parse)
    again = build_report(ReportRequest(QUESTION, sources=[str(corpus)]), settings, store, verifier=FakeVerifier(store))
    assert again["method"]["papers"] == data["method"]["papers"]
    assert [c["claim"] for c in again["claims"]] == [c["claim"] for c in data["claims"]]


def test_nothing_relevant_says_so(built, tmp_path) -> None:  # noqa: ANN001
    from synth.report.pipeline import ReportRequest, build_report, write_report

    settings, store, _, _, corpus = built
    verifier = FakeVerifier(store)
    data = build_report(ReportRequest("How does grouped-query attention affect decoding speed of transformers?",
                                      sources=[str(corpus)]), settings, store, verifier=verifier)
    assert data["method"]["papers"]["kept"] == 0 and data["method"]["papers"]["found"] == 4
    assert data["synthesis"] == [] and data["references"] == [] and data["claims"] == []
    assert "No candidate paper was relevant" in data["limitations"][0]
    assert verifier.calls == []
    paths = write_report(data, settings, tmp_path / "empty", ["md", "html"])
    assert "No relevant paper was found" in open(paths["md"], encoding="utf-8").read()


def test_arxiv_source_uses_search_and_fetches_only_kept(built, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    """A fake search: two hits already stored (by arXiv id) and one off-topic unknown one."""
    from synth.report.pipeline import ReportRequest, build_report
    from synth.sources.types import ArxivEntry

    settings, store, _, _, _ = built
    sent: list[str] = []

    def search(query, settings, max_results=10):  # noqa: ANN001, ANN202
        sent.append(query)
        return [
            ArxivEntry("2106.09685", "v2", LORA.title, tuple(LORA.authors), LORA.abstract, "2021-06-17", ("cs.CL",), None),
            ArxivEntry("2305.14314", "v1", QLORA.title, tuple(QLORA.authors), QLORA.abstract, "2023-05-23", ("cs.LG",), None),
            ArxivEntry("2299.00001", "v1", "Bread crumb structure", ("A B",), "Crumb and crust of rye loaves.", "2022-01-01", ("q-bio",), None),
        ]

    import synth.ingest

    fetched: list[list[str]] = []
    monkeypatch.setattr(synth.ingest, "ingest_inputs", lambda inputs, *a, **k: fetched.append(list(inputs)) or [])
    data = build_report(ReportRequest(QUESTION, sources=["arxiv"]), settings, store, verifier=FakeVerifier(store),
                        search=search)
    assert sent and len(sent) == len(data["method"]["queries"])
    assert data["method"]["papers"]["found"] == 3 and data["method"]["papers"]["kept"] == 2
    assert fetched == []  # both kept papers were already stored; the off-topic one is never downloaded


def test_real_verifier_checks_claims_against_their_sources(tmp_path) -> None:  # noqa: ANN001
    """The pipeline with the verifier package itself (no fake): page evidence for supported claims."""
    from synth.report.pipeline import ReportRequest, build_report
    from synth.settings import load_settings
    from synth.store import open_store
    from tests.report.corpus import make_corpus

    settings = load_settings({"home": tmp_path / "home", "embedder": "hash"})
    corpus = make_corpus(tmp_path / "papers", (LORA, QLORA))
    with open_store(settings) as store:
        data = build_report(ReportRequest(QUESTION, sources=[str(corpus)], max_claims=8), settings, store)
    assert data["method"]["verifier"] == "verifier"
    claims = data["claims"]
    assert len(claims) == 8
    supported = [c for c in claims if c["verdict"] == "supported"]
    assert len(supported) >= 6
    kept = {p["paper_id"] for p in data["papers"]["kept"]}
    for c in supported:
        assert c["evidence"]["paper"] in kept and c["evidence"]["page"] >= 1  # mapped back from the verifier's label
    table_claims = [c for c in supported if c["evidence"]["table"]]
    assert table_claims and table_claims[0]["evidence"]["row"]
