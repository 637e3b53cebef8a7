"""``litcheck digest``: a one-paper digest (quick facts, summary, method, key results, limitations).

Every summary and method sentence is the paper's own, shown as a quotation with its page;
every key result is an extracted claim verified against the paper, with verdict and page.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from synth.errors import InputError
from synth.report.claims_select import _CAPTION, _NUMBER, _SKIP_SECTIONS, _prose
from synth.report.score import squash

_METHOD = re.compile(r"method|approach|model|architecture|training|setup|our |framework|algorithm", re.I)
_RESULTS = re.compile(r"result|experiment|evaluation|finding|conclusion|abstract|discussion|analysis", re.I)
_LIMITS = re.compile(r"limitation|threats|future work|broader impact|discussion", re.I)
_METRIC = re.compile(
    r"\d\s*%|pass@\d|\b(accuracy|F1|BLEU|ROUGE|exact match|perplexity|win rate|success rate|error rate|"
    r"speed-?up|throughput|latency|memory|GPU)\b", re.I)
_FINDING = re.compile(
    r"\b(achiev|outperform|solv|reach|scor|improv|surpass|obtain|match|beat|reduc|increas|decreas|gain|"
    r"boost|exceed|drop)\w*", re.I)
# Front matter and figure talk carry numbers that are not results.
_NOT_RESULT = re.compile(
    r"equal contribution|universit|institute|\binc\.|laborator|\w@[\w.-]+\.(?:com|org|edu|net|ai)\b|\b(USA|China|UK)\b|correspondence|"
    r"\bwe (also )?(plot|compute|define|describe|use|train|sample|show an example)\b|\bin (figure|fig\.|table) \d|"
    r"appendix|github\.com|https?://",
    re.I)


_CITES_OTHERS = re.compile(r"\bet al\.,? \(?\d{4}|\(\w[\w\s&.-]*,\s*\d{4}[a-z]?\)")
_OURS = re.compile(r"\b(we|our|us)\b", re.I)
_FOOTNOTE = re.compile(r"^\d+[A-Z]")


def _result_score(text: str, section: str | None, in_abstract: bool) -> int:
    """How much a numeric sentence reads like a finding: a metric value (2), a finding verb (1),
    the abstract or a results section (1)."""
    if _NOT_RESULT.search(text) or _FOOTNOTE.match(text):
        return 0
    if _CITES_OTHERS.search(text) and not _OURS.search(text):
        return 0  # related work: another paper's finding, not this one's
    score = 2 if _METRIC.search(text) else 0
    score += 1 if _FINDING.search(text) else 0
    score += 1 if in_abstract or (section and _RESULTS.search(section)) else 0
    return score


def resolve_paper(ref: str, settings, store):  # noqa: ANN001, ANN201 - -> synth.types.Paper
    """The stored paper for ``ref`` (an id, arXiv id, or a PDF path that is ingested now)."""
    paper = store.paper(ref) if not Path(ref).suffix.lower() == ".pdf" else None
    if paper is not None:
        return paper
    from synth.ingest import ingest_inputs

    results = ingest_inputs([ref], settings, store)
    if not results or results[0].paper_id is None:
        error = results[0].error if results else "nothing to ingest"
        raise InputError(f"cannot digest {ref!r}: {error}")
    return store.paper(results[0].paper_id)


def _quotes(sentences, pred, limit: int) -> list[dict[str, Any]]:  # noqa: ANN001
    out = []
    for s in sentences:
        text = " ".join(s.text.split())
        if len(out) >= limit:
            break
        if pred(s) and _prose(text):
            out.append({"quote": text, "page": s.page, "section": s.section})
    return out


def build_digest(ref: str, settings, store, verifier=None, max_claims: int = 12) -> dict[str, Any]:  # noqa: ANN001
    """The digest data (what digest.json holds and the templates render)."""
    from synth.report.verification import get_verifier

    paper = resolve_paper(ref, settings, store)
    sentences = [s for s in store.sentences(paper.id) if not (s.section and _SKIP_SECTIONS.search(s.section))]
    abstract = squash(paper.abstract or "")
    in_abstract = (lambda s: squash(s.text) in abstract) if abstract else (lambda s: s.page == 1)
    summary = _quotes(sentences, in_abstract, 5) or _quotes(sentences, lambda s: s.page == 1, 4)
    method = _quotes(sentences, lambda s: bool(s.section and _METHOD.search(s.section)), 4)
    limits = _quotes(sentences, lambda s: bool(s.section and _LIMITS.search(s.section)), 4)

    verifier = verifier or get_verifier(store, settings)
    results: list[dict[str, Any]] = []
    not_checkable = 0
    seen: set[str] = set()
    # The most finding-like numeric sentences (metric + result verb + results section first),
    # shown in reading order.
    ranked = []
    for s in sentences:
        text = " ".join(s.text.split())
        if not (_NUMBER.search(text) and _prose(text)) or _CAPTION.match(text):
            continue
        score = _result_score(text, s.section, in_abstract(s))
        if score >= 2:  # the ranking puts metric + finding verb + results section first
            ranked.append((-score, s.index, s, text))
    ranked.sort(key=lambda r: (r[0], r[1]))
    for _, order, s, text in ranked:
        if len(results) >= max_claims:
            break
        claims = verifier.extract(text, paper.id, s.page)
        if not claims:
            not_checkable += 1
            continue
        claim_text = verifier.claim_text(claims[0])
        if claim_text in seen:
            continue
        seen.add(claim_text)
        check = verifier.verify(claims[0], [paper.id])
        ev = check.evidence[0] if check.evidence else None
        results.append({
            "order": order, "claim": claim_text, "page": s.page, "section": s.section,
            "verdict": check.verdict, "confidence": check.confidence, "reason": check.reason,
            "evidence": None if ev is None else {"paper": ev.paper, "page": ev.page, "quote": ev.quote,
                                                 "table": ev.table, "row": ev.row, "column": ev.column},
        })
    results.sort(key=lambda r: r.pop("order"))
    for i, r in enumerate(results, 1):
        r["id"] = f"R{i}"
    computed = [f"Parser: {w}" for w in paper.warnings]
    nf = [r["id"] for r in results if r["verdict"] != "supported"]
    if nf:
        computed.append(f"{len(nf)} key result(s) could not be confirmed on the page they come from ({', '.join(nf)}).")
    if not_checkable:
        computed.append(f"{not_checkable} numeric sentence(s) held no claim the verifier could check.")
    if not limits:
        computed.append("The paper has no section on limitations that the parser recognised.")
    verdicts = {v: sum(1 for r in results if r["verdict"] == v) for v in ("supported", "contradicted", "not_found")}
    from synth.report.charts import verdict_bars

    return {
        "kind": "digest",
        "generated_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "facts": {
            "paper_id": paper.id, "title": " ".join((paper.title or "Untitled").split()), "authors": list(paper.authors),
            "year": paper.year, "arxiv_id": paper.arxiv_id,
            "link": f"https://arxiv.org/abs/{paper.arxiv_id}" if paper.arxiv_id else None,
            "pages": paper.n_pages, "tables": paper.n_tables, "figures": len(store.figures(paper.id)),
            "references": len(store.references(paper.id)), "source": paper.source_ref,
            "sections": [s.heading for s in store.sections(paper.id)][:30],
        },
        "summary": summary,
        "method": method,
        "key_results": results,
        "verdicts": verdicts,
        "limitations": {"stated": limits, "computed": computed},
        "charts": {"verdicts": verdict_bars(verdicts)},
        "verifier": getattr(verifier, "name", None),
    }


def write_digest(data: dict[str, Any], settings, out_dir: Path | None, formats: list[str]) -> dict[str, str]:  # noqa: ANN001
    """Write digest.md / .html / .json; returns format -> path."""
    from synth.report.pipeline import slugify
    from synth.report.render import write_outputs

    facts = data["facts"]
    out = Path(out_dir) if out_dir else Path(settings.reports_dir) / f"digest-{slugify(facts['arxiv_id'] or facts['title'], 40)}"
    return write_outputs(data, "digest", out, formats, Path(settings.templates_dir))
