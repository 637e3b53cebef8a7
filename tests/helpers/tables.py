"""Parsed tables built in code, for verifier tests that need table cells without a PDF."""

from __future__ import annotations

from synth.types import Table, TableCell
from verifier.index import SourceIndex, build_index, table_cells


def table_at(index: int, label: str | None, caption: str, header: list[str], rows: list[list[str]],
             page: int = 5) -> Table:
    """A table with one header row and the given body rows."""
    cells = [TableCell(0, c, h, True) for c, h in enumerate(header)]
    for r, row in enumerate(rows, 1):
        cells += [TableCell(r, c, v, False) for c, v in enumerate(row)]
    return Table(index=index, page=page, label=label, caption=caption, n_rows=len(rows) + 1, n_cols=len(header),
                 header_rows=1, cells=tuple(cells))


def tables_index(*tables: Table, text: list[tuple[int, str]] = (), title: str = "") -> SourceIndex:  # type: ignore[assignment]
    """An index of the tables (each its own block) and the given (page, sentence) pairs."""
    cells = [c for t in tables for c in table_cells(t, -(t.index + 1))]
    return build_index("p", "p.pdf", list(text), cells, title=title)
