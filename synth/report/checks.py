"""Verify selected claims against their own paper and against the other kept papers.

Agreement (another paper supports the number) and conflict (another paper contradicts it)
are findings of the report, listed with both sides.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from synth.report.types import Check, ClaimCandidate
from synth.report.verification import ReproducerPort, VerifierPort


@dataclass
class CheckedClaim:
    id: str
    claim: str
    paper_id: str
    page: int
    quote: str
    table: str | None
    relevance: float
    own: Check
    cross: list[tuple[str, Check]] = field(default_factory=list)  # (other paper id, check)
    reproduction: dict[str, Any] | None = None


@dataclass
class CheckOutcome:
    claims: list[CheckedClaim]
    not_checkable: list[ClaimCandidate]  # candidates the verifier found no checkable claim in


def check_claims(
    candidates: Sequence[ClaimCandidate],
    verifier: VerifierPort,
    kept_ids: Sequence[str],
    reproducer: ReproducerPort | None = None,
    max_claims: int = 40,
    on_claim: Callable[[], None] | None = None,
) -> CheckOutcome:
    """Extract and verify up to ``max_claims`` claims, best-ranked candidates first."""
    ordered = sorted(candidates, key=lambda c: -c.relevance)
    claims: list[CheckedClaim] = []
    skipped: list[ClaimCandidate] = []
    seen: set[str] = set()
    for cand in ordered:
        if len(claims) >= max_claims:
            break
        extracted = verifier.extract(cand.text, cand.paper_id, cand.page)
        if on_claim:
            on_claim()
        if not extracted:
            skipped.append(cand)
            continue
        record = extracted[0]  # one claim per sentence keeps the table readable
        text = verifier.claim_text(record)
        if text in seen:
            continue
        seen.add(text)
        own = verifier.verify(record, [cand.paper_id])
        others = [p for p in kept_ids if p != cand.paper_id]
        cross: list[tuple[str, Check]] = []
        if others:
            other = verifier.verify(record, others)
            if other.verdict in ("supported", "contradicted") and other.evidence:
                cross.append((other.evidence[0].paper, other))
        repro = None
        if reproducer is not None and reproducer.eligible(text):
            repro = reproducer.reproduce(text)
        claims.append(CheckedClaim(
            id=f"C{len(claims) + 1}", claim=text, paper_id=cand.paper_id, page=cand.page, quote=cand.quote,
            table=cand.table, relevance=cand.relevance, own=own, cross=cross, reproduction=repro,
        ))
    return CheckOutcome(claims=claims, not_checkable=skipped)
