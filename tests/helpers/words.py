"""Word boxes as PyMuPDF's get_text("words") gives them, built in code for table-layout tests."""

from __future__ import annotations


def line(y: float, *items: tuple[float, str], h: float = 9.0) -> list[tuple]:
    """Words of one visual line: (x, text) pairs, each word 5 pt per character wide, 3 pt apart."""
    out = []
    for x, text in items:
        for w in text.split(" "):
            out.append((x, y, x + 5.0 * len(w), y + h, w))
            x += 5.0 * len(w) + 3.0
    return out
