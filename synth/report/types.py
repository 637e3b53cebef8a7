"""Typed stage contracts of the report pipeline.

Frozen dataclasses between stages; the final ``Report`` becomes JSON with ``to_jsonable`` and
the Markdown and HTML templates render that JSON, so the three formats never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class TermGroup:
    """One key term of the question with the spellings that count as the same thing."""

    term: str  # as written in the question, e.g. "LoRA"
    variants: tuple[str, ...]  # lower-case spellings, e.g. ("lora", "low-rank adaptation")
    specific: bool  # a method/benchmark/model name (rare, decisive) rather than a common word


@dataclass(frozen=True, slots=True)
class Facet:
    """An aspect the question asks about (quality, memory, speed ...), used to organise themes."""

    name: str
    terms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class QueryPlan:
    question: str
    groups: tuple[TermGroup, ...]
    facets: tuple[Facet, ...]
    queries: tuple[str, ...]  # what is sent to arXiv


@dataclass(frozen=True, slots=True)
class Candidate:
    """A paper that might answer the question: stored already (paper_id) or only an arXiv entry."""

    key: str  # paper_id when stored, else the arXiv id
    title: str
    abstract: str
    headings: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    year: int | None = None
    arxiv_id: str | None = None
    paper_id: str | None = None
    source_ref: str | None = None


@dataclass(frozen=True, slots=True)
class PaperDecision:
    """Whether a candidate is kept, with its score components and a reason a reader can check."""

    candidate: Candidate
    score: float
    dense: float
    lexical: float
    matched: tuple[str, ...]
    kept: bool
    reason: str


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a verdict comes from (the `litcheck verify` evidence form)."""

    paper: str  # paper id
    page: int | None
    quote: str | None = None
    table: str | None = None
    row: str | None = None
    column: str | None = None


@dataclass(frozen=True, slots=True)
class ClaimCandidate:
    """A statement taken from a kept paper that bears on the question, before verification."""

    text: str  # the claim as the verifier extracted it (or the sentence)
    paper_id: str
    page: int
    quote: str  # the source sentence or table row, verbatim from the store
    relevance: float
    table: str | None = None
    extracted: Any = None  # the verifier's own claim record, passed back to it unchanged


@dataclass(frozen=True, slots=True)
class Check:
    """One verification outcome."""

    verdict: str  # "supported" | "contradicted" | "not_found"
    confidence: float
    evidence: tuple[Evidence, ...]
    reason: str


@dataclass(frozen=True, slots=True)
class Citation:
    n: int  # reference number
    paper_id: str
    page: int


@dataclass(frozen=True, slots=True)
class Statement:
    """One sentence of the synthesis: a template around a quotation, with its citation."""

    text: str  # the report's own words (a template such as "Hu et al. (2021) report that")
    quote: str | None  # the paper's words, always shown as a quotation
    citations: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class Theme:
    title: str
    statements: tuple[Statement, ...]
    sources: tuple[str, ...]  # distinct paper ids cited


@dataclass(frozen=True, slots=True)
class ScoreComponent:
    name: str
    value: float | None  # 0..1, None when not applicable in this run
    weight: float
    detail: str


@dataclass
class Report:
    """Everything a report shows; ``to_jsonable(report)`` is report.json."""

    question: str
    generated_at: str
    method: dict[str, Any]
    papers: dict[str, list[dict[str, Any]]]
    claims: list[dict[str, Any]]
    synthesis: list[dict[str, Any]]
    conflicts: list[dict[str, Any]]
    agreements: list[dict[str, Any]]
    limitations: list[str]
    references: list[dict[str, Any]]
    score: dict[str, Any]
    charts: dict[str, Any] = field(default_factory=dict)
    provenance: dict[str, Any] = field(default_factory=dict)
