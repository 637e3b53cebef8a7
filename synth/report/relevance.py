"""Rank candidate papers by relevance to the question and keep the on-topic ones.

score = DENSE_WEIGHT * cosine(question, title + abstract + headings)
      + (1 - DENSE_WEIGHT) * weighted mean centrality of the question's key-term groups.
A group's centrality is 1 when it is in the title, mentions/3 (capped at 1) from the abstract,
0.25 when only a section heading names it: a paper that names QLoRA once in passing is not a
QLoRA paper. Key-term weights are IDF over the candidates (a term every candidate shares
decides little), doubled for specific names (LoRA, HumanEval). Thresholds are per embedder family because
cosines from a hash embedder and from MiniLM live on different scales; they were calibrated
on the shared 19-paper corpus (see ``THRESHOLDS``).
"""

from __future__ import annotations

import math
from typing import Sequence

import numpy as np

from synth.report.plan import mention_count, term_hits
from synth.report.types import Candidate, PaperDecision, QueryPlan

DENSE_WEIGHT = 0.5
# Calibrated with benchmarks-style runs on ../shared/corpus/papers: with MiniLM, LoRA/QLoRA
# papers score 0.55-0.80 for a LoRA question and the off-topic ones 0.05-0.30.
THRESHOLDS = {"st:": 0.40, "hash-": 0.30}
DEFAULT_THRESHOLD = 0.40


def threshold_for(embedder_name: str) -> float:
    """The keep threshold calibrated for this embedder family."""
    for prefix, value in THRESHOLDS.items():
        if embedder_name.startswith(prefix):
            return value
    return DEFAULT_THRESHOLD


def candidate_text(c: Candidate) -> str:
    return " ".join([c.title or "", c.abstract or "", " ".join(c.headings)])


def rank_candidates(
    plan: QueryPlan,
    candidates: Sequence[Candidate],
    embedder,  # noqa: ANN001 - synth.index.embedders.Embedder
    threshold: float | None = None,
    max_papers: int | None = None,
) -> list[PaperDecision]:
    """Score every candidate, keep those at or above ``threshold`` (best first, at most ``max_papers``).

    Every decision carries a reason a reader can check, e.g.
    "relevance 0.21 < 0.40: none of LoRA or QLoRA in title/abstract; about 'Chain-of-Thought Prompting ...'".
    """
    if not candidates:
        return []
    threshold = threshold_for(embedder.name) if threshold is None else threshold
    texts = [candidate_text(c) for c in candidates]
    vecs = embedder.embed([plan.question] + texts)
    dense = np.clip(vecs[1:] @ vecs[0], 0.0, 1.0)
    hits = [term_hits(t, plan.groups) for t in texts]
    central = [{g.term: centrality(c, g) for g in plan.groups} for c in candidates]
    n = len(candidates)
    weights = {}
    for g in plan.groups:
        df = sum(1 for h in hits if g.term in h)
        weights[g.term] = math.log(1 + (n + 1) / (df + 1)) * (2.0 if g.specific else 1.0)
    total_w = sum(weights.values()) or 1.0
    scored = []
    for i, c in enumerate(candidates):
        lexical = sum(weights[g.term] * central[i][g.term] for g in plan.groups) / total_w if plan.groups else 0.0
        score = DENSE_WEIGHT * float(dense[i]) + (1 - DENSE_WEIGHT) * lexical
        scored.append((round(score, 3), round(float(dense[i]), 3), round(lexical, 3), i))
    scored.sort(key=lambda s: (-s[0], s[3]))
    specific = [g.term for g in plan.groups if g.specific]
    out: list[PaperDecision] = []
    kept = 0
    for score, d, lex, i in scored:
        c = candidates[i]
        matched = tuple(hits[i])
        about = _about(c)
        if score < threshold:
            missing = [t for t in specific if t not in matched]
            passing = [t for t in specific if t in matched and central[i][t] < 1.0]
            if missing and len(missing) == len(specific):
                why = f"none of {', '.join(missing)} in title/abstract; "
            elif passing:
                n_abs = mention_count(c.abstract or "", next(g for g in plan.groups if g.term == passing[0]))
                where = f"{n_abs}x in the abstract" if n_abs else "only in a section heading"
                why = f"{passing[0]} named only in passing ({where}, not in the title); "
            else:
                why = ""
            reason = f"relevance {score:.2f} < {threshold:.2f}: {why}about {about}"
            out.append(PaperDecision(c, score, d, lex, matched, False, reason))
        elif max_papers is not None and kept >= max_papers:
            reason = f"relevance {score:.2f} >= {threshold:.2f} but beyond --max-papers {max_papers}"
            out.append(PaperDecision(c, score, d, lex, matched, False, reason))
        else:
            kept += 1
            terms = ", ".join(matched) if matched else "no key term (semantic match only)"
            reason = f"relevance {score:.2f} >= {threshold:.2f}: mentions {terms}"
            out.append(PaperDecision(c, score, d, lex, matched, True, reason))
    return out


def centrality(c: Candidate, group) -> float:  # noqa: ANN001 - TermGroup
    """How central a key term is to a paper: title 1, abstract mentions/3 (max 1), heading 0.25."""
    if mention_count(c.title or "", group):
        return 1.0
    n_abs = mention_count(c.abstract or "", group)
    if n_abs:
        return min(1.0, n_abs / 3)
    if any(mention_count(h, group) for h in c.headings):
        return 0.25
    return 0.0


def _about(c: Candidate) -> str:
    title = " ".join((c.title or "untitled").split())
    if len(title) > 80:
        title = title[:77].rstrip() + "..."
    return f"'{title}'"
