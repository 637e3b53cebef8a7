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
    for s in sentences:
        if len(results) >= max_claims:
            break
        text = " ".join(s.text.split())
        if not (_NUMBER.search(text) and _prose(text)) or _CAPTION.match(text):
            continue
        if not (in_abstract(s) or (s.section and _RESULTS.search(s.section))):
            continue
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
            "id": f"R{len(results) + 1}", "claim": claim_text, "page": s.page, "section": s.section,
            "verdict": check.verdict, "confidence": check.confidence, "reason": check.reason,
            "evidence": None if ev is None else {"paper": ev.paper, "page": ev.page, "quote": ev.quote,
                                                 "table": ev.table, "row": ev.row, "column": ev.column},
        })
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
