"""Typed stage contracts for synth: fetch -> parse -> chunk -> embed -> store -> search.

Frozen dataclasses: they flow through hot loops (thousands of sentences and cells per paper).
Page numbers are 1-based PDF page indexes (page 1 is ``doc[0]``), not printed page labels.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class FetchedPDF:
    """A PDF on local disk, with where it came from and any metadata the source gave."""

    path: str
    source: str  # "local" | "url" | "arxiv"
    source_ref: str  # the path, URL or arXiv id as given
    arxiv_id: str | None = None  # without version, e.g. "2106.09685"
    arxiv_version: str | None = None  # e.g. "v2"
    title: str | None = None
    authors: tuple[str, ...] = ()
    abstract: str | None = None
    published: str | None = None  # ISO date
    categories: tuple[str, ...] = ()
    sha256: str | None = None


@dataclass(frozen=True, slots=True)
class PageText:
    number: int
    text: str
    has_text: bool


@dataclass(frozen=True, slots=True)
class Section:
    index: int
    heading: str
    page: int
    level: int = 1


@dataclass(frozen=True, slots=True)
class Paragraph:
    index: int
    page: int
    text: str
    section: str | None = None


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    page: int
    text: str
    paragraph: int
    section: str | None = None


@dataclass(frozen=True, slots=True)
class TableCell:
    row: int
    col: int
    text: str
    is_header: bool = False


@dataclass(frozen=True, slots=True)
class Table:
    index: int
    page: int
    label: str | None  # "Table 1"
    caption: str | None  # "Table 1: Results on ..."
    n_rows: int
    n_cols: int
    header_rows: int
    cells: tuple[TableCell, ...]
    bbox: tuple[float, float, float, float] | None = None

    def grid(self) -> list[list[str]]:
        """Rows x columns of cell text ('' where a cell is empty or merged)."""
        rows = [["" for _ in range(self.n_cols)] for _ in range(self.n_rows)]
        for c in self.cells:
            rows[c.row][c.col] = c.text
        return rows


@dataclass(frozen=True, slots=True)
class Figure:
    index: int
    page: int
    label: str | None  # "Figure 3"
    caption: str


@dataclass(frozen=True, slots=True)
class Reference:
    index: int
    raw: str
    title: str | None = None
    authors: str | None = None
    year: int | None = None
    arxiv_id: str | None = None


@dataclass(frozen=True, slots=True)
class ParsedDoc:
    """Everything the parser keeps from one PDF."""

    title: str | None
    authors: tuple[str, ...]
    arxiv_id: str | None
    arxiv_version: str | None
    abstract: str | None
    pages: tuple[PageText, ...]
    sections: tuple[Section, ...]
    paragraphs: tuple[Paragraph, ...]
    sentences: tuple[Sentence, ...]
    tables: tuple[Table, ...]
    figures: tuple[Figure, ...]
    references: tuple[Reference, ...]
    year: int | None = None
    warnings: tuple[str, ...] = ()  # e.g. "page 4 yields no text (scanned image?)"
    parser_version: str = ""
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def n_pages(self) -> int:
        return len(self.pages)


@dataclass(frozen=True, slots=True)
class Chunk:
    """A retrieval unit: consecutive sentences of one section on one page."""

    paper_id: str
    index: int
    page: int
    text: str
    section: str | None = None
    kind: str = "text"  # "text" | "table" | "caption"


@dataclass(frozen=True, slots=True)
class Paper:
    """A stored paper (row of the papers table)."""

    id: str  # content hash prefix (sha256 of the PDF bytes)
    sha256: str
    source: str
    source_ref: str
    title: str | None
    authors: tuple[str, ...]
    arxiv_id: str | None
    arxiv_version: str | None
    abstract: str | None
    year: int | None
    n_pages: int
    n_tables: int
    n_chunks: int
    pdf_path: str | None
    ingested_at: str
    warnings: tuple[str, ...] = ()
    parser_version: str = ""


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result."""

    chunk_id: int
    paper_id: str
    paper_title: str | None
    arxiv_id: str | None
    page: int
    section: str | None
    text: str
    score: float
    dense_rank: int | None = None
    lexical_rank: int | None = None
    kind: str = "text"


@dataclass(frozen=True, slots=True)
class IngestResult:
    """Outcome of ingesting one input."""

    source_ref: str
    status: str  # "ingested" | "reparsed" | "exists" | "failed"
    paper_id: str | None = None
    title: str | None = None
    error: str | None = None
    warnings: tuple[str, ...] = ()
