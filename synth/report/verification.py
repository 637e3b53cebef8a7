"""The one place that talks to the verifier and to evalkit.

The report pipeline needs three things from the verifier: turn a sentence into a claim
record, verify a claim against some stored papers, and print the claim. ``VerifierPort`` is
that contract; ``RealVerifier`` maps it onto the ``verifier`` package so a change in its API
touches this file only. Tests inject fakes that satisfy the same protocol.
"""

from __future__ import annotations

from typing import Any, Protocol, Sequence

from synth.errors import LitcheckError
from synth.report.types import Check, Evidence


class VerifierUnavailable(LitcheckError):
    """The installed verifier package lacks the functions the report needs."""


class VerifierPort(Protocol):
    name: str

    def extract(self, text: str, paper_id: str, page: int) -> list[Any]:
        """Claim records found in ``text`` (one source sentence or table row)."""

    def claim_text(self, claim: Any) -> str:
        """The claim as a reader sees it."""

    def verify(self, claim: Any, paper_ids: Sequence[str]) -> Check:
        """The verdict on ``claim`` against the given stored papers."""


class ReproducerPort(Protocol):
    def eligible(self, claim_text: str) -> bool:
        """Whether the claim names a code benchmark evalkit can re-run."""

    def reproduce(self, claim_text: str) -> dict[str, Any]:
        """{"status", "claimed", "reproduced", "benchmark", "metric", "detail"}."""


def _check_from_result(result: Any) -> Check:
    """verifier.types.VerificationResult -> Check."""
    ev = getattr(result, "evidence", None)
    evidence: tuple[Evidence, ...] = ()
    if ev is not None:
        evidence = (Evidence(paper=ev.paper, page=ev.page, quote=ev.quote, table=ev.table, row=ev.row,
                             column=ev.column),)
    verdict = getattr(result.verdict, "value", result.verdict)
    return Check(verdict=str(verdict), confidence=round(float(result.confidence), 3), evidence=evidence,
                 reason=result.reason)


class RealVerifier:
    """Adapter over the ``verifier`` package: extract with ``verifier.extract``, verify with
    ``verifier.verify.verify_claim`` against per-paper ``SourceIndex``es built from the store."""

    name = "verifier"

    def __init__(self, store, settings) -> None:  # noqa: ANN001 - Store, Settings
        try:
            from verifier import extract as vx
            from verifier import index_cache as vic
            from verifier import verify as vv
        except ImportError as exc:
            raise VerifierUnavailable(
                f"the verifier package is not usable here ({exc}); reinstall with 'make install'"
            ) from exc
        for mod, attr in ((vx, "extract_claims_from_text"), (vx, "claim_from_text"), (vv, "verify_claim"),
                          (vic, "stored_index")):
            if not hasattr(mod, attr):
                raise VerifierUnavailable(f"{mod.__name__}.{attr} is missing; update litcheck")
        self._vx, self._vv, self._vic = vx, vv, vic
        self.store, self.settings = store, settings
        self._indexes: dict[str, Any] = {}  # paper id -> SourceIndex, built (or loaded) once per run
        self._label_to_id: dict[str, str] = {}  # the verifier names papers by label (file name or arXiv id)

    def _index(self, paper_id: str) -> Any:
        if paper_id not in self._indexes:
            paper = self.store.paper(paper_id)
            idx = self._vic.stored_index(self.store, paper)
            self._indexes[paper_id] = idx
            self._label_to_id[idx.label] = paper_id
        return self._indexes[paper_id]

    def extract(self, text: str, paper_id: str, page: int) -> list[Any]:
        from dataclasses import replace

        claims = self._vx.extract_claims_from_text(text, source=paper_id, split=False)
        if not claims:
            # Qualitative statements ("QLoRA matches 16-bit full finetuning") are checkable by
            # wording when they name a method, model or benchmark.
            claim = self._vx.claim_from_text(text, claim_id="q", source=paper_id)
            claims = [claim] if claim.key_terms else []
        return [replace(c, page=page) for c in claims if getattr(c, "checkable", True)]

    def claim_text(self, claim: Any) -> str:
        return claim.text

    def verify(self, claim: Any, paper_ids: Sequence[str]) -> Check:
        indexes = [self._index(p) for p in paper_ids]
        check = _check_from_result(self._vv.verify_claim(claim, indexes))
        evidence = tuple(
            Evidence(paper=self._label_to_id.get(e.paper, e.paper), page=e.page, quote=e.quote, table=e.table,
                     row=e.row, column=e.column)
            for e in check.evidence
        )
        return Check(check.verdict, check.confidence, evidence, check.reason)


def get_verifier(store, settings) -> VerifierPort:  # noqa: ANN001
    """The real verifier, adapted to ``VerifierPort``."""
    return RealVerifier(store, settings)


class EvalkitReproducer:
    """Adapter over evalkit's reproduction of pass@k claims (only with --model and --allow-exec)."""

    def __init__(self, settings, model: str) -> None:  # noqa: ANN001
        try:
            from evalkit import reproduce as er
        except ImportError as exc:
            raise LitcheckError(f"reproduction needs evalkit.reproduce ({exc}); update litcheck") from exc
        self._er, self.settings, self.model = er, settings, model

    def eligible(self, claim_text: str) -> bool:
        low = claim_text.lower()
        return "pass@" in low and any(b in low for b in ("humaneval", "mbpp"))

    def reproduce(self, claim_text: str) -> dict[str, Any]:
        try:
            result = self._er.reproduce_claim(claim_text, model=self.model, settings=self.settings)
        except LitcheckError as exc:
            return {"status": "failed", "detail": str(exc)}
        from synth.clikit import to_jsonable

        data = to_jsonable(result)
        return data if isinstance(data, dict) else {"status": "done", "detail": str(data)}
