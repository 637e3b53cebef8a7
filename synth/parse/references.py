"""Split a bibliography into entries and pull out authors, title, year and arXiv id."""

from __future__ import annotations

import re

from synth.parse.layout import Line
from synth.parse.text import join_lines, normalize_ligatures
from synth.types import Reference

NUMBERED_ENTRY = re.compile(r"^\s*\[(\d{1,3})\]\s*")
ARXIV_IN_REF = re.compile(
    r"(?:arXiv\s*(?:preprint)?\s*:?\s*(?:arXiv\s*:\s*)?|abs/|arxiv\.org/(?:abs|pdf)/)\s*(\d{4}\.\d{4,5})(?:v\d+)?",
    re.I,
)
_YEAR = re.compile(r"(?<![\d.])((?:19[5-9]|20[0-4])\d)[a-z]?(?![\d.]\d)")
_URLISH = re.compile(r"https?://\S+|doi:\S+|\d{4}\.\d{4,5}(?:v\d+)?|\d+\s*[–-]\s*\d+")
_SEGMENT_END = re.compile(r"\.\s+(?=[A-Z0-9\"“(]|arXiv|abs/|https?:)|\?\s+(?=[A-Z])")


def split_entries(lines: list[Line], vocabulary: set[str]) -> list[str]:
    """Group reference-section lines into entries.

    Numbered lists split on "[n]"; author-year lists split where a line starts at the column's
    left edge and the lines after it are indented (hanging indent). Without any indentation
    signal every block is one entry.
    """
    if not lines:
        return []
    if sum(1 for l in lines if NUMBERED_ENTRY.match(l.text)) >= 2:
        groups: list[list[str]] = []
        for ln in lines:
            if NUMBERED_ENTRY.match(ln.text) or not groups:
                groups.append([])
            groups[-1].append(ln.text)
        return [join_lines(g, vocabulary) for g in groups]
    # Column left edges per page and half-page (two-column layouts).
    lefts: dict[tuple[int, int], float] = {}
    for ln in lines:
        key = (ln.page, 0 if ln.x0 < 300 else 1)
        lefts[key] = min(lefts.get(key, 1e9), ln.x0)
    flush = [ln.x0 - lefts[(ln.page, 0 if ln.x0 < 300 else 1)] < 2.5 for ln in lines]
    indented = sum(1 for f in flush if not f)
    groups = []
    if indented >= max(2, len(lines) // 5):
        for ln, is_start in zip(lines, flush):
            if is_start or not groups:
                groups.append([])
            groups[-1].append(ln.text)
    else:
        last_block = None
        for ln in lines:
            key = (ln.page, ln.block)
            if key != last_block or not groups:
                groups.append([])
                last_block = key
            groups[-1].append(ln.text)
    return [join_lines(g, vocabulary) for g in groups if any(t.strip() for t in g)]


def _segments(text: str) -> list[str]:
    """Split an entry at sentence-like periods, but not after initials ("J. Hu")."""
    parts: list[str] = []
    start = 0
    for m in _SEGMENT_END.finditer(text):
        before = text[start:m.start()]
        last = before.split()[-1] if before.split() else ""
        # "et al." ends an author list, but an initial ("J.") does not.
        if len(last.rstrip(".")) <= 1 or re.fullmatch(r"(?:[A-Z]\.)*[A-Z]", last):
            continue
        parts.append(text[start:m.start()].strip())
        start = m.end()
    tail = text[start:].strip().rstrip(".")
    if tail:
        parts.append(tail)
    return [p for p in parts if p]


def parse_reference(index: int, raw: str) -> Reference:
    """A Reference with best-effort authors, title, year and arXiv id."""
    raw = normalize_ligatures(" ".join(raw.split()))
    body = NUMBERED_ENTRY.sub("", raw)
    arxiv = ARXIV_IN_REF.search(body)
    year = None
    for m in _YEAR.finditer(_URLISH.sub(" ", body)):
        year = int(m.group(1))
        break
    segs = _segments(body)
    authors = title = None
    if segs:
        authors = segs[0]
        rest = segs[1:]
        # Author-year styles put the year right after the authors: "Hu et al. 2021. Title."
        while rest and re.fullmatch(r"\(?\d{4}[a-z]?\)?", rest[0]):
            rest = rest[1:]
        if rest:
            title = rest[0]
        m = re.match(r"^(.*?)\s*\(?((?:19|20)\d{2})[a-z]?\)?$", authors)
        if m and m.group(1):
            authors = m.group(1).rstrip(",. ")
    return Reference(index=index, raw=raw, title=title, authors=authors, year=year,
                     arxiv_id=arxiv.group(1) if arxiv else None)
