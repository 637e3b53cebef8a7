"""``build_report``: question -> plan -> candidates -> relevance -> ingest -> claims -> verify ->
themes -> score -> JSON -> Markdown/HTML/BibTeX.

Collaborators (store, embedder, verifier, reproducer, arXiv search, progress) are arguments so
tests can pass fakes; the CLI passes the real ones. Every stage's output is typed; the JSON
built at the end is what the templates render.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

from synth.report.checks import CheckedClaim, check_claims
from synth.report.claims_select import claim_candidates, relevant_sentences
from synth.report.plan import plan_queries
from synth.report.relevance import rank_candidates, threshold_for
from synth.report.sources import gather_candidates
from synth.report.synthesis import Citer, build_themes, who
from synth.report.score import compute_score, validate_citations
from synth.report.types import PaperDecision, Report

ProgressFactory = Callable[[int | None, str], Any]  # like synth.clikit.progress(total, description)


@dataclass
class ReportRequest:
    """What ``litcheck report`` was asked."""

    question: str
    sources: list[str] = field(default_factory=lambda: ["arxiv"])
    max_papers: int = 8
    max_claims: int = 40
    model: str | None = None
    allow_exec: bool = False
    out_dir: Path | None = None
    formats: list[str] = field(default_factory=lambda: ["md", "html", "json"])
    threshold: float | None = None


def slugify(text: str, limit: int = 60) -> str:
    words = re.findall(r"[a-z0-9]+", text.lower())
    slug = "-".join(w for w in words if w not in {"how", "does", "do", "the", "a", "an", "of", "in", "and", "with", "or"})
    return (slug[:limit].rstrip("-") or "report")


@contextmanager
def _null_stage(total: int | None, description: str) -> Iterator[Any]:
    class _Bar:
        def advance(self, n: int = 1, description: str | None = None) -> None:
            pass

        def set_total(self, total: int) -> None:
            pass

    yield _Bar()


def build_report(
    req: ReportRequest,
    settings,  # noqa: ANN001 - Settings
    store,  # noqa: ANN001 - Store
    *,
    embedder=None,  # noqa: ANN001
    verifier=None,  # noqa: ANN001 - VerifierPort
    reproducer=None,  # noqa: ANN001 - ReproducerPort
    search=None,  # noqa: ANN001 - synth.sources.search_arxiv
    progress: ProgressFactory | None = None,
) -> dict[str, Any]:
    """Run the pipeline and return the report as JSON-ready data (see ``write_report``)."""
    from synth.index.embedders import get_embedder
    from synth.ingest import ingest_inputs
    from synth.report.verification import get_verifier

    stage = progress or _null_stage
    embedder = embedder or get_embedder(settings)
    plan = plan_queries(req.question)
    if not plan.groups:
        from synth.errors import InputError

        raise InputError(f"no key terms found in the question {req.question!r}; name the method, model or benchmark")

    with stage(len(req.sources), "finding papers") as bar:
        def ingest(inputs: list[str]) -> list:
            return ingest_inputs(inputs, settings, store, on_result=lambda r: bar.advance(0, f"ingesting {r.source_ref}"))

        gathered = gather_candidates(plan, req.sources, settings, store, ingest, search=search)
        bar.advance(len(req.sources))

    threshold = req.threshold if req.threshold is not None else threshold_for(embedder.name)
    with stage(None, "ranking papers"):
        decisions = rank_candidates(plan, gathered.candidates, embedder, threshold, req.max_papers)

    # Kept arXiv hits are fetched and ingested now; cached PDFs and stored papers cost nothing.
    kept: list[PaperDecision] = []
    pending = [d for d in decisions if d.kept and d.candidate.paper_id is None]
    with stage(len(pending), "fetching kept papers") as bar:
        fetched: dict[str, str] = {}
        for d in pending:
            for r in ingest_inputs([gathered.pending.get(d.candidate.key, d.candidate.key)], settings, store):
                if r.paper_id:
                    fetched[d.candidate.key] = r.paper_id
                else:
                    gathered.failures.append({"source": r.source_ref, "error": r.error or "failed"})
            bar.advance(1)
    from dataclasses import replace

    for d in decisions:
        if d.kept and d.candidate.paper_id is None:
            pid = fetched.get(d.candidate.key)
            if pid is None:
                continue
            d = replace(d, candidate=replace(d.candidate, paper_id=pid))
        if d.kept:
            kept.append(d)
    kept_ids = [d.candidate.paper_id for d in kept]
    papers = {pid: store.paper(pid) for pid in kept_ids}

    with stage(None, "selecting evidence"):
        sentences = relevant_sentences(store, plan, kept_ids, embedder) if kept_ids else []
        candidates = claim_candidates(sentences, store, plan, kept_ids)

    verifier = verifier or (get_verifier(store, settings) if candidates else None)
    with stage(min(len(candidates), req.max_claims), "verifying claims") as bar:
        outcome = check_claims(candidates, verifier, kept_ids, reproducer, req.max_claims,
                               on_claim=lambda: bar.advance(1)) if candidates else None
    claims = outcome.claims if outcome else []
    citer = Citer()
    themes = build_themes(plan, papers, sentences, claims, citer) if kept_ids else []
    for c in claims:  # number every cited paper before any JSON is built
        citer.cite(c.paper_id, c.page)
        for pid, ch in c.cross:
            if ch.evidence:
                citer.cite(pid, ch.evidence[0].page or 1)
    citations = validate_citations(themes, store, kept_ids)
    eligible = sum(1 for c in claims if _code_benchmark(c.claim))
    score = compute_score(kept, claims, themes, citations, eligible, reproducer is not None)
    report = Report(
        question=plan.question,
        generated_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        method=_method(req, plan, gathered, decisions, kept, claims, outcome, embedder, threshold, verifier),
        papers=_papers(decisions, fetched, citer),
        claims=[_claim_json(c, citer) for c in claims],
        synthesis=[_theme_json(t, papers) for t in themes],
        conflicts=_cross(claims, citer, "contradicted"),
        agreements=_cross(claims, citer, "supported"),
        limitations=_limitations(plan, gathered, kept, papers, themes, claims, outcome, eligible, reproducer, citations),
        references=_references(citer, papers),
        score=score,
        provenance=_provenance(settings, embedder),
    )
    from synth.clikit import to_jsonable
    from synth.report.charts import relevance_bars, reproduction_bars, verdict_bars

    data = to_jsonable(report)
    data["charts"] = {
        "verdicts": verdict_bars({k: data["method"]["claims"][k] for k in ("supported", "contradicted", "not_found")}),
        "relevance": relevance_bars(
            [{"title": p["title"], "score": p["score"], "kept": p["kept"]} for p in data["papers"]["kept"] + data["papers"]["dropped"]],
            threshold),
        "reproduction": reproduction_bars([
            {"id": c["id"], "claimed": (c.get("reproduction") or {}).get("claimed"),
             "reproduced": (c.get("reproduction") or {}).get("reproduced")} for c in data["claims"]]),
    }
    return data


def write_report(data: dict[str, Any], settings, out_dir: Path | None, formats: list[str]) -> dict[str, str]:  # noqa: ANN001
    """Write report.md / .html / .json and references.bib; returns format -> path."""
    from synth.report.bibtex import to_bibtex
    from synth.report.render import write_outputs

    out = Path(out_dir) if out_dir else Path(settings.reports_dir) / slugify(data["question"])
    bib = to_bibtex(data["references"])
    return write_outputs(data, "report", out, formats, Path(settings.templates_dir), bibtex=bib)


# --- JSON assembly ------------------------------------------------------------------------------
def _code_benchmark(text: str) -> bool:
    low = text.lower()
    return "pass@" in low and any(b in low for b in ("humaneval", "mbpp"))


def _method(req, plan, gathered, decisions, kept, claims, outcome, embedder, threshold, verifier) -> dict[str, Any]:  # noqa: ANN001
    verdicts = {v: sum(1 for c in claims if c.own.verdict == v) for v in ("supported", "contradicted", "not_found")}
    return {
        "sources": list(req.sources),
        "key_terms": [{"term": g.term, "variants": list(g.variants), "specific": g.specific} for g in plan.groups],
        "facets": [f.name for f in plan.facets],
        "queries": list(gathered.queries_sent),
        "queries_planned": list(plan.queries),
        "embedder": embedder.name,
        "relevance_threshold": threshold,
        "verifier": getattr(verifier, "name", None),
        "papers": {"found": len(gathered.candidates), "kept": len(kept),
                   "dropped": len(decisions) - len(kept), "failed": len(gathered.failures)},
        "claims": {
            "candidates": len(claims) + (len(outcome.not_checkable) if outcome else 0),
            "extracted": len(claims), **verdicts,
            "not_checkable": len(outcome.not_checkable) if outcome else 0,
            "reproduced": sum(1 for c in claims if c.reproduction and c.reproduction.get("status") in ("reproduced", "done", "ok")),
            "cross_checked": sum(1 for c in claims if c.cross),
        },
    }


def _papers(decisions: list[PaperDecision], fetched: dict[str, str], citer: Citer) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {"kept": [], "dropped": []}
    for d in decisions:
        c = d.candidate
        pid = c.paper_id or fetched.get(c.key)
        entry = {
            "paper_id": pid, "title": " ".join((c.title or "").split()), "authors": list(c.authors), "year": c.year,
            "arxiv_id": c.arxiv_id, "score": d.score, "dense": d.dense, "lexical": d.lexical,
            "matched_terms": list(d.matched), "kept": d.kept and pid is not None, "reason": d.reason,
            "ref": citer.order.index(pid) + 1 if pid in citer.order else None,
        }
        out["kept" if entry["kept"] else "dropped"].append(entry)
    return out


def _claim_json(c: CheckedClaim, citer: Citer) -> dict[str, Any]:
    ev = c.own.evidence[0] if c.own.evidence else None
    return {
        "id": c.id, "claim": c.claim, "verdict": c.own.verdict, "confidence": c.own.confidence,
        "evidence": None if ev is None else {"paper": ev.paper, "page": ev.page, "quote": ev.quote, "table": ev.table,
                                             "row": ev.row, "column": ev.column},
        "reason": c.own.reason,
        "source": {"paper": c.paper_id, "ref": citer.cite(c.paper_id, c.page).n, "page": c.page, "quote": c.quote,
                   "table": c.table},
        "relevance": c.relevance,
        "cross": [{"paper": pid, "ref": citer.cite(pid, ch.evidence[0].page or 1).n, "verdict": ch.verdict,
                   "confidence": ch.confidence, "page": ch.evidence[0].page, "quote": ch.evidence[0].quote,
                   "reason": ch.reason} for pid, ch in c.cross if ch.evidence],
        "reproduction": c.reproduction,
    }


def _theme_json(theme, papers) -> dict[str, Any]:  # noqa: ANN001
    return {
        "title": theme.title,
        "sources": len(theme.sources),
        "statements": [
            {"text": s.text, "quote": s.quote, "quoted": s.quote is not None,
             "citations": [{"n": c.n, "paper": c.paper_id, "page": c.page} for c in s.citations]}
            for s in theme.statements
        ],
    }


def _cross(claims: list[CheckedClaim], citer: Citer, verdict: str) -> list[dict[str, Any]]:
    out = []
    for c in claims:
        for pid, ch in c.cross:
            if ch.verdict != verdict or not ch.evidence:
                continue
            ev = ch.evidence[0]
            out.append({
                "claim_id": c.id, "claim": c.claim, "reason": ch.reason, "confidence": ch.confidence,
                "a": {"paper": c.paper_id, "ref": citer.cite(c.paper_id, c.page).n, "page": c.page, "quote": c.quote},
                "b": {"paper": pid, "ref": citer.cite(pid, ev.page or 1).n, "page": ev.page, "quote": ev.quote,
                      "table": ev.table},
            })
    return out


_NOTES = re.compile(r"^page (\d+): (\d+) line\(s\) of reader annotations")


def _summarise_warnings(warnings: Sequence[str]) -> list[str]:
    """A paper's parse warnings, with per-page annotation notes folded into one line."""
    pages, lines, out = [], 0, []
    for w in warnings:
        m = _NOTES.match(w)
        if m:
            pages.append(int(m.group(1)))
            lines += int(m.group(2))
        else:
            out.append(w)
    if pages:
        where = f"page {pages[0]}" if len(pages) == 1 else f"pages {', '.join(map(str, pages))}"
        out.insert(0, f"{lines} line(s) of reader annotations (FreeText notes) on {where} were kept out of the text")
    return out


def _limitations(plan, gathered, kept, papers, themes, claims, outcome, eligible, reproducer, citations) -> list[str]:  # noqa: ANN001
    out: list[str] = []
    if not kept:
        out.append(f"No candidate paper was relevant enough to keep (of {len(gathered.candidates)} found); "
                   "this report therefore states no findings. Try other sources or a broader question.")
    for f in gathered.failures:
        out.append(f"Could not use {f['source']}: {f['error']}")
    for pid, p in papers.items():
        for w in _summarise_warnings(p.warnings if p else ()):
            out.append(f"{who(p)}: {w}")
    if outcome and outcome.not_checkable:
        out.append(f"{len(outcome.not_checkable)} relevant statement(s) hold no number the verifier can check "
                   "(qualitative statements); they appear in the synthesis as quotations only.")
    not_found = [c.id for c in claims if c.own.verdict == "not_found"]
    if not_found:
        out.append(f"{len(not_found)} claim(s) could not be confirmed in their own paper ({', '.join(not_found[:12])}); "
                   "treat their numbers with care.")
    for t in themes:
        if len(t.sources) == 1 and t.title != "Across papers":
            p = papers.get(t.sources[0])
            out.append(f"Theme '{t.title}' rests on a single paper ({who(p) if p else t.sources[0]}).")
    covered = {t.title for t in themes}
    for f in plan.facets:
        if kept and f.name not in covered:
            out.append(f"The question asks about {f.name.lower()}, but no kept paper has a sentence on it that "
                       "names a key term; that part is not answered.")
    if len(kept) == 1:
        out.append("Only one paper was kept, so no agreement or conflict between papers could be checked.")
    if eligible and reproducer is None:
        out.append(f"{eligible} code-benchmark claim(s) were not re-run (pass --model and --allow-exec to reproduce).")
    valid, total, problems = citations
    if total and valid < total:
        out.append(f"{total - valid} of {total} citations failed validation: " + "; ".join(problems[:3]))
    out.append("Relevance was judged from titles, abstracts and section headings; a paper that treats the question "
               "only in its body may have been dropped.")
    return out


def _references(citer: Citer, papers: dict) -> list[dict[str, Any]]:
    out = []
    for i, pid in enumerate(citer.order, 1):
        p = papers.get(pid)
        if p is None:
            continue
        out.append({
            "n": i, "paper_id": pid, "title": " ".join((p.title or "Untitled").split()), "authors": list(p.authors),
            "year": p.year, "arxiv_id": p.arxiv_id,
            "link": f"https://arxiv.org/abs/{p.arxiv_id}" if p.arxiv_id else None,
            "pages": p.n_pages, "source_ref": p.source_ref,
        })
    return out


def _provenance(settings, embedder) -> dict[str, Any]:  # noqa: ANN001
    import platform
    from importlib.metadata import PackageNotFoundError, version

    try:
        v = version("litcheck")
    except PackageNotFoundError:
        v = "unknown"
    commit = None
    head = Path(__file__).resolve().parents[2] / ".git" / "HEAD"
    try:
        ref = head.read_text().strip()
        if ref.startswith("ref:"):
            commit = (head.parent / ref.split(" ", 1)[1]).read_text().strip()[:12]
        else:
            commit = ref[:12]
    except OSError:
        pass
    return {"litcheck": v, "git_commit": commit, "python": platform.python_version(), "embedder": embedder.name,
            "chunk_words": settings.chunk_words}
