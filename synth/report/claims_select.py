"""Pick the sentences and table rows of kept papers that bear on the question.

A sentence qualifies when it names a key term of the question (or, for a facet such as
memory, a facet term together with a number) and reads like prose (not a reference entry,
not a table fragment). Survivors are ranked by
0.5 * cosine(question, sentence) + 0.5 * share of key-term groups and facets it touches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from synth.report.plan import facet_hits, term_hits
from synth.report.types import ClaimCandidate, QueryPlan

_NUMBER = re.compile(r"(?<![A-Za-z])\d+(?:\.\d+)?\s*(?:%|x|×|GB|MB|B\b)?")
_SKIP_SECTIONS = re.compile(r"reference|bibliograph|acknowledg|appendix|author contributions", re.I)
_CAPTION = re.compile(r"\s*(table|figure|fig\.)\s*\d+\s*[:.]", re.I)
_RESULTY = re.compile(
    r"\b(outperform|match|matches|matching|improv|reduc|achiev|reach|compar|better|worse|drop|increase|decrease|"
    r"lower|higher|fewer|less|more|save|saving|require|requires|only|same|similar|competitive|recover)\w*",
    re.I,
)


@dataclass(frozen=True, slots=True)
class ScoredSentence:
    paper_id: str
    page: int
    text: str
    section: str | None
    score: float
    terms: tuple[str, ...]
    facets: tuple[str, ...]
    has_number: bool


def _prose(text: str) -> bool:
    words = text.split()
    if not (6 <= len(words) <= 70):
        return False
    alpha = sum(1 for w in words if re.search(r"[A-Za-z]{2,}", w))
    return alpha / len(words) >= 0.6 and not text.lstrip().startswith(("[", "•")) and not _CAPTION.match(text)


def relevant_sentences(
    store, plan: QueryPlan, paper_ids: Sequence[str], embedder, limit_per_paper: int = 40  # noqa: ANN001
) -> list[ScoredSentence]:
    """Sentences of the given papers that bear on the question, best first."""
    picked: list[tuple[str, object, tuple[str, ...], tuple[str, ...]]] = []
    for pid in paper_ids:
        rows = []
        for s in store.sentences(pid):
            if s.section and _SKIP_SECTIONS.search(s.section):
                continue
            text = " ".join(s.text.split())
            if not _prose(text):
                continue
            terms = tuple(term_hits(text, plan.groups))
            facets = tuple(f.name for f in plan.facets if facet_hits(text, f))
            has_number = bool(_NUMBER.search(text))
            if not terms and not (facets and has_number):
                continue
            rows.append((pid, s, terms, facets))
        # Cheap pre-rank before embedding: more terms and facets first.
        rows.sort(key=lambda r: (-(len(r[2]) + len(r[3])), r[1].index))
        picked.extend(rows[:limit_per_paper])
    if not picked:
        return []
    vecs = embedder.embed([plan.question] + [" ".join(r[1].text.split()) for r in picked])
    dense = np.clip(vecs[1:] @ vecs[0], 0.0, 1.0)
    n_parts = max(1, len(plan.groups) + len(plan.facets))
    out = []
    for (pid, s, terms, facets), d in zip(picked, dense):
        lexical = (len(terms) + len(facets)) / n_parts
        out.append(ScoredSentence(
            paper_id=pid, page=s.page, text=" ".join(s.text.split()), section=s.section,
            score=round(0.5 * float(d) + 0.5 * min(1.0, lexical), 3), terms=terms, facets=facets,
            has_number=bool(_NUMBER.search(s.text)),
        ))
    out.sort(key=lambda x: -x.score)
    return out


def claim_candidates(
    sentences: Sequence[ScoredSentence], store, plan: QueryPlan, paper_ids: Sequence[str],  # noqa: ANN001
    per_paper: int = 6, table_rows_per_paper: int = 3,
) -> list[ClaimCandidate]:
    """Result-like sentences (a number or a comparison) and table rows naming a key term, per paper."""
    out: list[ClaimCandidate] = []
    counts: dict[str, int] = {}
    for s in sentences:
        if not (s.has_number or _RESULTY.search(s.text)) or not s.terms:
            continue
        if counts.get(s.paper_id, 0) >= per_paper:
            continue
        counts[s.paper_id] = counts.get(s.paper_id, 0) + 1
        out.append(ClaimCandidate(text=s.text, paper_id=s.paper_id, page=s.page, quote=s.text, relevance=s.score))
    for pid in paper_ids:
        out.extend(_table_rows(store, plan, pid, table_rows_per_paper))
    return out


def _table_rows(store, plan: QueryPlan, paper_id: str, limit: int) -> list[ClaimCandidate]:  # noqa: ANN001
    """Numeric cells of rows whose label names a key term, as "ROW COLUMN: VALUE" claims
    (the form the verifier uses for table claims)."""
    out: list[ClaimCandidate] = []
    for table in store.tables(paper_id):
        grid = table.grid()
        if len(grid) < 2 or table.n_cols < 2:
            continue
        header = [" ".join(c.split()) for c in grid[max(0, table.header_rows - 1)]]
        for row in grid[max(1, table.header_rows):]:
            label = " ".join(row[0].split())
            if not label or not term_hits(label, plan.groups):
                continue
            name = table.label or f"table {table.index + 1}"
            for j in range(1, len(row)):
                value = row[j].strip()
                if not _NUMBER.fullmatch(value or "-") or not header[j]:
                    continue
                out.append(ClaimCandidate(
                    text=f"{label} {header[j]}: {value}", paper_id=paper_id, page=table.page,
                    quote=" | ".join(c.strip() for c in row if c.strip()), relevance=0.5, table=name,
                ))
                break  # the first numeric cell per row: more rows beat more columns of one row
            if len(out) >= limit:
                return out
    return out
