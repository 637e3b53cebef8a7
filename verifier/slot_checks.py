"""Verdicts from the slot reading (``verifier.slot``), as ``verify_claim`` asks for them: a claim
nothing else matched, and a time a run took."""

from __future__ import annotations

from verifier.calibrate import features_for
from verifier.explain import as_sentence
from verifier.index import SourceIndex
from verifier.slot import SlotReading, is_duration, read_slot
from verifier.types import Claim, Evidence, VerificationResult, Verdict


def slot_result(claim: Claim, got: SlotReading, idx: SourceIndex, cal) -> VerificationResult:  # noqa: ANN001
    """A slot reading as a verdict, calibrated in the slot family."""
    feats = {"slot": 1.0, "best_frac": got.overlap}
    conf = cal.confidence(got.verdict, features_for(got.verdict, feats), family="slot")
    ev = Evidence(paper=idx.label, page=got.page, quote=got.quote)
    return VerificationResult(claim.id, claim.text, got.verdict, conf, ev, as_sentence(got.reason), feats)


def slot_reading(claim: Claim, idx: SourceIndex, cal) -> VerificationResult | None:  # noqa: ANN001
    """The claim's numbers the other paths left undecided, read from a sentence worded like it."""
    got = read_slot(claim, idx)
    return slot_result(claim, got, idx, cal) if got is not None else None


def duration_refuted(claim: Claim, idx: SourceIndex, cal) -> VerificationResult | None:  # noqa: ANN001
    """"took roughly 9 hours on 32 H100 GPUs", supported by the 32: the time it took is the claim's
    result too, though read as a count; a sentence worded alike that gives another time refutes it."""
    for q in claim.quantities:
        if is_duration(claim, q):
            got = read_slot(claim, idx, [q])
            if got is not None and got.verdict == Verdict.CONTRADICTED:
                return slot_result(claim, got, idx, cal)
    return None
