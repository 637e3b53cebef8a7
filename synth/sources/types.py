"""Typed records of the sources stage: arXiv search results and per-input failures."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from synth.types import FetchedPDF


@dataclass(frozen=True, slots=True)
class ArxivEntry:
    """One paper as the arXiv API describes it."""

    arxiv_id: str  # without version, e.g. "2106.09685" or "cs/0112017"
    version: str | None  # e.g. "v2"
    title: str
    authors: tuple[str, ...]
    abstract: str
    published: str | None  # ISO date of the first version, e.g. "2021-06-17"
    categories: tuple[str, ...]  # primary category first
    pdf_url: str | None

    @property
    def versioned_id(self) -> str:
        """"2106.09685v2" (or the bare id when the version is unknown)."""
        return f"{self.arxiv_id}{self.version or ''}"

    def to_fetched(self, path: str | Path, sha256: str | None, source_ref: str | None = None) -> FetchedPDF:
        """The FetchedPDF for this entry's PDF downloaded to ``path``."""
        return FetchedPDF(
            path=str(path),
            source="arxiv",
            source_ref=source_ref or self.versioned_id,
            arxiv_id=self.arxiv_id,
            arxiv_version=self.version,
            title=self.title,
            authors=self.authors,
            abstract=self.abstract,
            published=self.published,
            categories=self.categories,
            sha256=sha256,
        )

    def to_json(self) -> dict[str, Any]:
        """Plain-JSON form (tuples become lists)."""
        data = asdict(self)
        data["authors"] = list(self.authors)
        data["categories"] = list(self.categories)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "ArxivEntry":
        """Inverse of ``to_json``; raises KeyError/TypeError on a malformed record."""
        return cls(
            arxiv_id=str(data["arxiv_id"]),
            version=data.get("version"),
            title=str(data["title"]),
            authors=tuple(data.get("authors") or ()),
            abstract=str(data.get("abstract") or ""),
            published=data.get("published"),
            categories=tuple(data.get("categories") or ()),
            pdf_url=data.get("pdf_url"),
        )


@dataclass(frozen=True, slots=True)
class SourceFailure:
    """An input that could not be turned into a local PDF, and why (a one-line message)."""

    source_ref: str
    error: str
