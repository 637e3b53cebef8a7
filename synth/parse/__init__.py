"""PDF parsing: a PDF file -> ``synth.types.ParsedDoc``.

``parse_pdf`` imports PyMuPDF on first call, so importing this package stays cheap.
``split_sentences`` is shared with the verifier.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from synth.parse.text import join_lines, normalize_ligatures, split_sentences

if TYPE_CHECKING:
    from synth.types import ParsedDoc

# Bump whenever the parser's output changes: it names derived indexes.
PARSER_VERSION = "5"


def parse_pdf(path: str | Path) -> "ParsedDoc":
    """Parse the PDF at ``path`` into a ParsedDoc; raises synth.errors.ParseError naming the file."""
    from synth.parse.pdf import parse_pdf as _parse_pdf

    return _parse_pdf(path)


__all__ = ["PARSER_VERSION", "parse_pdf", "split_sentences", "join_lines", "normalize_ligatures"]
