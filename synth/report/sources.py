"""Candidate papers for a question: from arXiv searches, local PDFs/directories, arXiv ids or the store."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Sequence

from synth.report.types import Candidate, QueryPlan


@dataclass
class Gathered:
    candidates: list[Candidate] = field(default_factory=list)
    queries_sent: list[str] = field(default_factory=list)
    failures: list[dict[str, str]] = field(default_factory=list)  # {"source": ..., "error": ...}
    pending: dict[str, str] = field(default_factory=dict)  # candidate key -> arXiv ref still to ingest


def from_store(store, paper_id: str) -> Candidate | None:  # noqa: ANN001
    """A stored paper as a candidate: title, abstract and section headings."""
    p = store.paper(paper_id)
    if p is None:
        return None
    headings = tuple(s.heading for s in store.sections(p.id))[:40]
    return Candidate(key=p.id, title=p.title or "", abstract=p.abstract or "", headings=headings,
                     authors=p.authors, year=p.year, arxiv_id=p.arxiv_id, paper_id=p.id, source_ref=p.source_ref)


def gather_candidates(
    plan: QueryPlan,
    sources: Sequence[str],
    settings,  # noqa: ANN001
    store,  # noqa: ANN001
    ingest: Callable[[list[str]], list],  # synth.ingest.ingest_inputs bound to settings/store
    search: Callable[..., list] | None = None,  # synth.sources.search_arxiv
    per_query: int = 10,
) -> Gathered:
    """Every candidate paper for ``plan``; local inputs are ingested now (offline), arXiv hits are
    only described (their PDFs are fetched later, for kept papers only)."""
    out = Gathered()
    seen: set[str] = set()

    def add(c: Candidate | None) -> None:
        if c is not None and c.key not in seen and (c.arxiv_id is None or c.arxiv_id not in seen):
            seen.add(c.key)
            if c.arxiv_id:
                seen.add(c.arxiv_id)
            out.candidates.append(c)

    local: list[str] = []
    for src in sources:
        low = src.strip().lower()
        if low == "arxiv":
            if search is None:
                from synth.sources import search_arxiv as search
            for q in plan.queries:
                out.queries_sent.append(q)
                for e in search(q, settings, max_results=per_query):
                    stored = store.paper(e.arxiv_id)
                    if stored is not None:
                        add(from_store(store, stored.id))
                        continue
                    add(Candidate(key=e.arxiv_id, title=e.title, abstract=e.abstract, authors=tuple(e.authors),
                                  year=int(e.published[:4]) if e.published else None, arxiv_id=e.arxiv_id,
                                  source_ref=e.versioned_id))
                    out.pending[e.arxiv_id] = e.versioned_id
        elif low == "store":
            for p in store.papers():
                add(from_store(store, p.id))
        else:
            local.append(src)
    if local:
        for r in ingest(local):
            if r.status == "failed":
                out.failures.append({"source": r.source_ref, "error": r.error or "failed"})
            elif r.paper_id:
                add(from_store(store, r.paper_id))
    return out
