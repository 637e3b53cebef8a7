"""Typed stage contracts for the verifier: extract -> index -> verify -> calibrate -> audit.

Frozen dataclasses flow through the hot loops (thousands of number mentions per paper);
pydantic models (extra="forbid" on what we emit, extra="ignore" on what users give us) sit
at the JSONL boundary.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class Verdict(str, Enum):
    """The three outcomes of verifying one claim."""

    SUPPORTED = "supported"
    CONTRADICTED = "contradicted"
    NOT_FOUND = "not_found"


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number as printed: its value, decimals shown, unit and role in the sentence."""

    value: float
    text: str  # as printed, e.g. "28.81%" or "0.39"
    decimals: int
    unit: str = ""  # "%" | "pp" | "x" (a multiple) | "u" (seconds, GB: a measured unit) | "" (bare number)
    start: int = 0  # character offsets in the claim/sentence text
    end: int = 0
    role: str = "value"  # "value" | "diff" (a difference: "by 3.1 points") | "ref" (a parenthesised operand)
    pm: float | None = None  # the ± half-width when printed


@dataclass(frozen=True, slots=True)
class Claim:
    """A claim, parsed: the entities that must match the source and the numbers to check."""

    id: str
    text: str
    quantities: tuple[Quantity, ...]
    subjects: tuple[str, ...]  # model / method names ("DeepSeek-Coder-33B-Instruct", "TIES-Merging")
    benchmarks: tuple[str, ...]  # canonical benchmark keys ("humaneval+", "gsm8k")
    metrics: tuple[str, ...]  # "pass@1", "accuracy", "f1", ...
    settings: tuple[str, ...]  # "5-shot", "temperature=0.2", "no:validation", ...
    terms: tuple[str, ...]  # every normalised content term used for matching
    key_terms: tuple[str, ...]  # discriminative terms (names, benchmarks, settings)
    comparison: str | None = None  # "outperforms" | "drops" | "above" | ...
    source: str | None = None  # provenance when extracted from a document
    page: int | None = None
    line: int | None = None
    table: str | None = None
    row: str | None = None
    column: str | None = None

    @property
    def checkable(self) -> bool:
        return bool(self.quantities) or bool(self.key_terms)


@dataclass(frozen=True, slots=True)
class Mention:
    """One number found in a source: in a sentence or in a table cell, with its context."""

    paper_id: str
    page: int
    value: float
    text: str
    decimals: int
    unit: str
    kind: str  # "cell" | "text" | "delta"
    quote: str  # the sentence, or the table row as extracted
    row: str = ""  # row label (with its group label) for cells
    column: str = ""  # column header(s) for cells
    table: str | None = None  # "Table 1"
    caption: str = ""
    block: int = -1  # table block id within the paper (cells of one table share it)
    row_id: int = -1
    col_id: int = -1
    terms: frozenset[str] = frozenset()  # normalised context terms (row + column + caption, or sentence)
    strong_terms: frozenset[str] = frozenset()  # row + column terms only (cells), own list item (text)
    excluded_terms: frozenset[str] = frozenset()  # terms that belong to another number of the sentence
    change: bool = False  # a sentence's "a 2.9% improvement": a change, matched only by a claimed change
    borrowed: frozenset[str] = frozenset()  # model terms a sentence naming nothing takes from the ones before


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a verdict comes from."""

    paper: str
    page: int | None
    quote: str
    table: str | None = None
    row: str | None = None
    column: str | None = None


@dataclass(frozen=True, slots=True)
class VerificationResult:
    """The verdict on one claim, with evidence, a one-sentence reason and a calibrated confidence."""

    claim_id: str
    claim: str
    verdict: Verdict
    confidence: float
    evidence: Evidence | None
    reason: str
    features: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Finding:
    """One audit finding."""

    kind: str  # "inconsistent" | "impossible" | "grim" | "citation"
    severity: str  # "high" | "medium" | "low"
    message: str
    values: tuple[Any, ...]
    locations: tuple[dict[str, Any], ...]


@dataclass(frozen=True, slots=True)
class Audit:
    """The audit of one document."""

    document: str
    n_claims: int
    findings: tuple[Finding, ...]
    samples_per_problem: int = 1
    notes: tuple[str, ...] = ()


# --- JSONL boundary -------------------------------------------------------------------------
class ClaimIn(BaseModel):
    """One input line of ``litcheck verify --claims``; unknown fields are ignored."""

    model_config = ConfigDict(extra="ignore")

    id: str | int | None = None
    claim: str


class EvidenceOut(BaseModel):
    model_config = ConfigDict(extra="forbid")

    paper: str | None
    page: int | None
    quote: str | None
    table: str | None
    row: str | None
    column: str | None


class VerdictOut(BaseModel):
    """One output line of ``litcheck verify``."""

    model_config = ConfigDict(extra="forbid")

    id: str | int | None
    claim: str
    verdict: Verdict
    confidence: float = Field(ge=0.0, le=1.0)
    evidence: EvidenceOut | None
    reason: str
