"""Themes written from the evidence: every statement is a short template in the report's own
words around a quotation from a kept paper, with a citation [n, p. X].

The report never paraphrases freely (it has no model to do so faithfully) and never presents a
paper's sentence as its own: the paper's words are always the quoted part.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from synth.report.checks import CheckedClaim
from synth.report.claims_select import ScoredSentence
from synth.report.types import Citation, QueryPlan, Statement, Theme


@dataclass
class Citer:
    """Numbers papers in order of first citation, so references list only what is cited."""

    order: list[str] = field(default_factory=list)

    def cite(self, paper_id: str, page: int) -> Citation:
        if paper_id not in self.order:
            self.order.append(paper_id)
        return Citation(n=self.order.index(paper_id) + 1, paper_id=paper_id, page=page)


def who(paper) -> str:  # noqa: ANN001 - synth.types.Paper
    """"Hu et al. (2021)" from the stored authors, else the short title."""
    year = f" ({paper.year})" if paper.year else ""
    authors = [a for a in paper.authors if a and a.strip()]
    if authors:
        surname = authors[0].split()[-1].strip(",*0123456789")
        if surname:
            return f"{surname}{' et al.' if len(authors) > 1 else ''}{year}"
    title = " ".join((paper.title or "an untitled paper").split())
    if len(title) > 50:
        title = title[:47].rstrip() + "..."
    return f"'{title}'{year}"


def build_themes(
    plan: QueryPlan,
    papers: dict,  # paper_id -> synth.types.Paper (kept papers, best first)
    sentences: Sequence[ScoredSentence],
    claims: Sequence[CheckedClaim],
    citer: Citer,
    per_paper: int = 2,
    per_theme: int = 6,
) -> list[Theme]:
    """Overview (what each paper sets out to do), one theme per facet of the question, then
    agreements across papers. Themes without evidence are omitted (the caller reports them)."""
    used: set[tuple[str, str]] = set()
    themes: list[Theme] = []

    overview: list[Statement] = []
    for pid, paper in papers.items():
        opening = [s for s in sentences if s.paper_id == pid and s.terms and s.page <= 2]
        pool = opening or [s for s in sentences if s.paper_id == pid and s.terms]
        if not pool:
            continue
        s = pool[0]
        used.add((pid, s.text))
        overview.append(Statement(text=f"{who(paper)} write", quote=s.text, citations=(citer.cite(pid, s.page),)))
    if overview:
        themes.append(_theme("What the papers set out to do", overview))

    facet_names = [f.name for f in plan.facets] or ["Findings"]
    for name in facet_names:
        chosen: list[Statement] = []
        counts: dict[str, int] = {}
        for s in sentences:
            if len(chosen) >= per_theme:
                break
            if (s.paper_id, s.text) in used or counts.get(s.paper_id, 0) >= per_paper:
                continue
            if name == "Findings":
                if not (s.has_number and s.terms):
                    continue
            elif name not in s.facets:
                continue
            used.add((s.paper_id, s.text))
            counts[s.paper_id] = counts.get(s.paper_id, 0) + 1
            verb = "report" if s.has_number else "write"
            chosen.append(Statement(text=f"{who(papers[s.paper_id])} {verb}", quote=s.text,
                                    citations=(citer.cite(s.paper_id, s.page),)))
        if chosen:
            themes.append(_theme(name, chosen))

    across: list[Statement] = []
    for c in claims:
        for other_id, check in c.cross:
            if other_id not in papers or not check.evidence:
                continue
            ev = check.evidence[0]
            word = "is consistent with" if check.verdict == "supported" else "conflicts with"
            text = (f"A figure from {who(papers[c.paper_id])} ({c.id}) {word} what "
                    f"{who(papers[other_id])} print")
            across.append(Statement(
                text=text, quote=ev.quote,
                # The quote is the other paper's, so its citation comes first.
                citations=(citer.cite(other_id, ev.page or 1), citer.cite(c.paper_id, c.page)),
            ))
    if across:
        themes.append(_theme("Across papers", across[:per_theme]))
    return themes


def _theme(title: str, statements: list[Statement]) -> Theme:
    sources = tuple(dict.fromkeys(c.paper_id for s in statements for c in s.citations))
    return Theme(title=title, statements=tuple(statements), sources=sources)
