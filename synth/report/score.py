"""The report's quality score: five measurable components, shown one by one (see templates/RUBRIC.md)."""

from __future__ import annotations

import re
import unicodedata
from typing import Sequence

from synth.report.checks import CheckedClaim
from synth.report.types import PaperDecision, ScoreComponent, Theme

WEIGHTS = {
    "relevance": 0.25,
    "source_support": 0.25,
    "evidence_density": 0.20,
    "citation_validity": 0.20,
    "reproduction_coverage": 0.10,
}


def squash(text: str) -> str:
    """Letters and digits only, lower-case, NFKC: how a quote is looked for on its page
    (line breaks, hyphenation and ligatures differ between a sentence and its page text)."""
    return re.sub(r"[^0-9a-z]", "", unicodedata.normalize("NFKC", text).lower())


def validate_citations(themes: Sequence[Theme], store, kept_ids: Sequence[str]) -> tuple[int, int, list[str]]:  # noqa: ANN001
    """(valid, total, problems): a citation is valid when its paper is kept, its page exists and
    the statement's quote is found on that page (for two-citation statements: on either page)."""
    kept = set(kept_ids)
    pages: dict[str, list[str]] = {}
    valid = total = 0
    problems: list[str] = []
    for theme in themes:
        for st in theme.statements:
            quote = squash(st.quote or "")
            found_any = False
            for cit in st.citations:
                total += 1
                if cit.paper_id not in kept:
                    problems.append(f"[{cit.n}] cites a paper that was not kept ({cit.paper_id})")
                    continue
                texts = pages.setdefault(cit.paper_id, store.page_texts(cit.paper_id))
                if not 1 <= cit.page <= len(texts):
                    problems.append(f"[{cit.n}] cites page {cit.page}, but the paper has {len(texts)} pages")
                    continue
                on_page = bool(quote) and quote in squash(texts[cit.page - 1])
                found_any = found_any or on_page
                # A second citation (the other side of an agreement) only needs its page to exist.
                if on_page or cit is not st.citations[0] or not quote:
                    valid += 1
                else:
                    problems.append(f"[{cit.n}] quote not found on page {cit.page}: {st.quote[:60]!r}")
    return valid, total, problems


def compute_score(
    kept: Sequence[PaperDecision],
    claims: Sequence[CheckedClaim],
    themes: Sequence[Theme],
    citations: tuple[int, int, list[str]],
    reproduction_eligible: int,
    reproduction_run: bool,
) -> dict:
    """{"total": 0-100 or None, "components": [...]} from measurable quantities of this run."""
    comps: list[ScoreComponent] = []
    if kept:
        rel = sum(d.score for d in kept) / len(kept)
        comps.append(ScoreComponent("relevance", round(rel, 3), WEIGHTS["relevance"],
                                    f"mean relevance of {len(kept)} kept papers"))
    else:
        comps.append(ScoreComponent("relevance", 0.0, WEIGHTS["relevance"], "no paper was relevant enough to keep"))
    if claims:
        sup = sum(1 for c in claims if c.own.verdict == "supported")
        comps.append(ScoreComponent("source_support", round(sup / len(claims), 3), WEIGHTS["source_support"],
                                    f"{sup} of {len(claims)} claims supported by their own source"))
    else:
        comps.append(ScoreComponent("source_support", None, WEIGHTS["source_support"], "no claims extracted"))
    statements = [s for t in themes for s in t.statements]
    cited = sum(1 for s in statements if s.citations and all(c.page >= 1 for c in s.citations))
    paged = sum(1 for c in claims if any(e.page for e in c.own.evidence))
    denom = len(statements) + len(claims)
    comps.append(ScoreComponent(
        "evidence_density", round((cited + paged) / denom, 3) if denom else None, WEIGHTS["evidence_density"],
        f"{cited} of {len(statements)} statements cite a page; {paged} of {len(claims)} claims have page evidence",
    ))
    valid, total, _ = citations
    comps.append(ScoreComponent(
        "citation_validity", round(valid / total, 3) if total else None, WEIGHTS["citation_validity"],
        f"{valid} of {total} citations resolve to a kept paper, an existing page and a quote found there",
    ))
    repro_done = sum(1 for c in claims if c.reproduction and c.reproduction.get("status") in ("reproduced", "done", "ok"))
    if reproduction_eligible and reproduction_run:
        comps.append(ScoreComponent("reproduction_coverage", round(repro_done / reproduction_eligible, 3),
                                    WEIGHTS["reproduction_coverage"],
                                    f"{repro_done} of {reproduction_eligible} code-benchmark claims reproduced"))
    else:
        why = (f"not run: {reproduction_eligible} code-benchmark claim(s) eligible; pass --model and --allow-exec"
               if reproduction_eligible else "not applicable: no claim names a code benchmark evalkit can run")
        comps.append(ScoreComponent("reproduction_coverage", None, WEIGHTS["reproduction_coverage"], why))
    used = [c for c in comps if c.value is not None]
    wsum = sum(c.weight for c in used)
    total_score = round(100 * sum(c.weight * c.value for c in used) / wsum, 1) if wsum else None
    return {
        "total": total_score,
        "scale": "0-100, weighted mean of the applicable components (see RUBRIC.md)",
        "components": [
            {"name": c.name, "value": c.value, "weight": c.weight, "detail": c.detail,
             "applicable": c.value is not None}
            for c in comps
        ],
    }
