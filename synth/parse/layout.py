"""Page layout primitives: visual lines and blocks from ``page.get_text("dict")``, and the
front-matter heuristics built on them (title, authors, arXiv stamp, section headings).

Everything works on plain dataclasses so the heuristics can be unit-tested without PDFs.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from synth.parse.text import normalize_ligatures

_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi|medi|-b$|\.b$|-m$|cmbx", re.I)


@dataclass(slots=True)
class Line:
    """One visual line: the dict lines of a block that share a baseline, left to right."""

    page: int
    block: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    size: float  # largest span size on the line
    bold: bool  # most letters on the line are bold
    horizontal: bool = True
    parts: list[str] = field(default_factory=list)  # texts of the merged dict lines (names stay apart)
    max_gap: float = 0.0  # widest horizontal gap between merged pieces (table columns are wide)


@dataclass(slots=True)
class Block:
    page: int
    index: int
    x0: float
    y0: float
    x1: float
    y1: float
    lines: list[Line] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (self.x0, self.y0, self.x1, self.y1)


def _span_bold(span: dict) -> bool:
    return bool(span.get("flags", 0) & 16) or bool(_BOLD_NAME.search(span.get("font", "")))


def _mostly_bold(spans: list[dict]) -> bool:
    # By letters, so a regular-weight footnote star after a bold name keeps the line bold.
    letters = sum(sum(c.isalpha() for c in s["text"]) for s in spans)
    bold = sum(sum(c.isalpha() for c in s["text"]) for s in spans if _span_bold(s))
    return bool(spans) and (bold >= 0.6 * letters if letters else all(_span_bold(s) for s in spans))


def _fold_small_caps(spans: list[dict]) -> str:
    """Join span texts, lower-casing small capitals: "L"+"O"+"RA" at sizes 17/14/17 is "LoRA".

    Small caps print lower-case letters as smaller capitals; titles and headings of many
    papers use them, and taking the glyphs at face value turns "LoRA" into "LORA".
    """
    sized = [s["size"] for s in spans if any(c.isalpha() for c in s["text"])]
    if len(sized) < 2:
        return "".join(s["text"] for s in spans)
    big = max(sized)
    out = []
    for s in spans:
        t = s["text"]
        letters = [c for c in t if c.isalpha()]
        if letters and all(c.isupper() for c in letters) and s["size"] <= 0.88 * big:
            t = t.lower()
        out.append(t)
    return "".join(out)


def blocks_from_dict(page_no: int, page_dict: dict) -> tuple[list[Block], list[Line]]:
    """Convert a ``get_text("dict")`` result into blocks of visual lines.

    Returns (horizontal blocks, rotated lines); rotated text (the arXiv margin stamp,
    axis labels) is kept apart so it never becomes a title or a paragraph.
    """
    blocks: list[Block] = []
    rotated: list[Line] = []
    for bi, b in enumerate(page_dict.get("blocks", [])):
        if b.get("type", 0) != 0:
            continue
        raw: list[Line] = []
        for ln in b.get("lines", []):
            spans = [s for s in ln.get("spans", []) if s.get("text")]
            if not spans:
                continue
            text = _fold_small_caps(spans)
            if not text.strip():
                continue
            dx, dy = ln.get("dir", (1.0, 0.0))
            x0, y0, x1, y1 = ln["bbox"]
            solid = [s for s in spans if s["text"].strip()]
            line = Line(
                page=page_no,
                block=bi,
                x0=x0,
                y0=y0,
                x1=x1,
                y1=y1,
                text=text,
                size=max(s["size"] for s in solid) if solid else spans[0]["size"],
                bold=_mostly_bold(solid),
                horizontal=abs(dx - 1.0) < 0.05 and abs(dy) < 0.05,
            )
            if line.horizontal:
                raw.append(line)
            else:
                rotated.append(line)
        if not raw:
            continue
        merged = _merge_baselines(raw)
        blk = Block(page_no, bi, min(l.x0 for l in merged), min(l.y0 for l in merged),
                    max(l.x1 for l in merged), max(l.y1 for l in merged), merged)
        blocks.append(blk)
    return blocks, rotated


def _merge_baselines(lines: list[Line]) -> list[Line]:
    """Merge dict lines that sit on the same baseline ("1" + "Introduction")."""
    out: list[Line] = []
    for ln in sorted(lines, key=lambda l: (round((l.y0 + l.y1) / 2), l.x0)):
        if out:
            prev = out[-1]
            mid = (ln.y0 + ln.y1) / 2
            overlap = prev.y0 - 1 <= mid <= prev.y1 + 1 and ln.x0 >= prev.x0
            if overlap and ln.x0 - prev.x1 < 40:
                sep = "" if prev.text.endswith(" ") or ln.text.startswith(" ") else " "
                prev.max_gap = max(prev.max_gap, ln.x0 - prev.x1)
                prev.text = prev.text + sep + ln.text
                prev.x1 = max(prev.x1, ln.x1)
                prev.y0 = min(prev.y0, ln.y0)
                prev.y1 = max(prev.y1, ln.y1)
                prev.size = max(prev.size, ln.size)
                prev.bold = prev.bold and ln.bold
                prev.parts.append(ln.text)
                continue
        ln.parts = [ln.text]
        out.append(ln)
    for ln in out:
        ln.text = " ".join(ln.text.split())
    return out


def body_font_size(blocks: list[Block]) -> float:
    """The most common line size, weighted by characters (the running-text size)."""
    counts: Counter[float] = Counter()
    for b in blocks:
        for ln in b.lines:
            counts[round(ln.size, 0)] += len(ln.text)
    return counts.most_common(1)[0][0] if counts else 10.0


# --- arXiv stamp -----------------------------------------------------------------------------

ARXIV_STAMP = re.compile(
    r"arXiv:\s*(?P<id>\d{4}\.\d{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/\d{7})(?P<ver>v\d+)?"
    r"(?:\s*\[(?P<cat>[^\]]+)\])?(?:\s*(?P<date>\d{1,2}\s+[A-Z][a-z]{2}\s+(?P<year>\d{4})))?"
)


@dataclass(frozen=True, slots=True)
class Stamp:
    arxiv_id: str
    version: str | None
    category: str | None
    year: int | None
    text: str


def find_stamp(lines: list[Line], rotated: list[Line]) -> Stamp | None:
    """Find the arXiv stamp ("arXiv:2106.09685v2 [cs.CL] 16 Oct 2021"), rotated lines first."""
    for ln in list(rotated) + list(lines):
        m = ARXIV_STAMP.search(" ".join(ln.text.split()))
        if m and (not ln.horizontal or m.group("cat") or m.group("date")):
            year = int(m.group("year")) if m.group("year") else None
            return Stamp(m.group("id"), m.group("ver"), m.group("cat"), year, m.group(0))
    return None


# --- title and authors -------------------------------------------------------------------------

def find_title(blocks: list[Block], page_height: float) -> tuple[str | None, float]:
    """Title of page 1: the run of largest-font lines in the top half. Returns (title, bottom y)."""
    cands = [ln for b in blocks for ln in b.lines
             if ln.y0 < page_height * 0.5 and sum(c.isalpha() for c in ln.text) >= 3]
    if not cands:
        return None, 0.0
    top = max(ln.size for ln in cands)
    first = min((ln for ln in cands if ln.size >= top - 0.5), key=lambda l: l.y0)
    chosen = [first]
    for ln in sorted((l for l in cands if l.y0 > first.y0 + 1), key=lambda l: l.y0):
        prev = chosen[-1]
        if ln.y0 - prev.y1 > max(prev.size, 8) * 1.2 or ln.size < top - 0.6:
            break
        chosen.append(ln)
    parts: list[str] = []
    for ln in chosen:
        t = ln.text.strip()
        if parts and parts[-1].endswith("-") and t[:1].isupper() and parts[-1][-2:-1].isupper():
            parts[-1] = parts[-1][:-1] + t  # "LAN-" + "GUAGE" in all-caps titles
        elif parts and parts[-1].endswith("-") and t[:1].islower() and parts[-1][-2:-1].islower():
            parts[-1] = parts[-1][:-1] + t  # "Lan-" + "guage" once small caps are folded
        else:
            parts.append(t)
    title = normalize_ligatures(" ".join(parts)).strip()
    return (title or None), max(l.y1 for l in chosen)


_AFFILIATION = re.compile(
    r"universit|institut|research|google|openai|deepmind|\bmeta\b|microsoft|facebook|\blabs?\b|\binc\b|"
    r"college|school|department|\bdept\b|@|\.com|\.edu|corresponding|equal contribution|work done|"
    r"\bai\b|academy|\bcent(?:er|re)\b|laborator|\bteam\b|\bbrain\b|anthropic|nvidia|amazon|\bucsd\b|\bucla\b|\bmit\b|"
    r"singapore|china|\busa\b|california|washington|paris|london|\bfair\b|correspondence",
    re.I,
)
_MARKERS = re.compile(r"[\*∗†‡§¶♠♣♢♡♦♥✉⋆\+]|\d+")


def _clean_name(part: str) -> str:
    """Drop footnote symbols (⋄, ϕ, ♠) and rebuild "Sch¨arli" as "Schärli"."""
    part = re.sub(r"¨([A-Za-z])", lambda m: m.group(1) + "\u0308", part)
    part = unicodedata.normalize("NFC", part)
    kept = "".join(c for c in part if not (unicodedata.category(c)[0] in "SP" and c not in "-.'’")
                   and not "\u0370" <= c <= "\u03ff")
    return " ".join(kept.split()).strip(" .")


def split_authors(lines: list[Line]) -> tuple[str, ...]:
    """Names from the lines between title and abstract (best effort).

    Uses bold lines when some are bold (affiliations are usually regular), drops
    affiliation-looking lines, and splits on commas, "and" and footnote markers.
    """
    if not lines:
        return ()
    bold = [ln for ln in lines if ln.bold]
    use = bold if bold else lines
    names: list[str] = []
    for part_text in (t for ln in use for t in (ln.parts or [ln.text])):
        text = normalize_ligatures(part_text)
        if _AFFILIATION.search(text):
            continue
        text = _MARKERS.sub(",", text)
        for part in re.split(r",|;|\band\b|&|\s{2,}", text):
            name = _clean_name(part)
            words = name.split()
            if 2 <= len(words) <= 5 and all(w[:1].isupper() or w in {"de", "van", "von", "der", "da", "la", "le"}
                                            for w in words):
                if name not in names:
                    names.append(name)
    return tuple(names)


# --- section headings ------------------------------------------------------------------------

NUMBERED_HEADING = re.compile(
    r"^(?P<num>\d{1,2}(?:\.\d{1,2}){0,3}|[A-H](?:\.\d{1,2}){0,3})\.?\s+(?P<title>[A-Z(][^\n]{1,100})$"
)
NAMED_HEADING = re.compile(
    r"^(?:(?P<num>\d{1,2}|[A-H])\.?\s+)?(?P<title>abstract|references|bibliography|acknowledge?ments?|appendix|appendices|"
    r"supplementary material|limitations|ethics statement|broader impacts?|conclusions?|introduction|related work)$",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Heading:
    page: int
    block: int
    y0: float
    text: str
    number: str | None
    level: int


def heading_of(line: Line, body_size: float) -> Heading | None:
    """Return a Heading when ``line`` looks like a section heading (numbered or named)."""
    text = normalize_ligatures(line.text).strip()
    if not 2 <= len(text) <= 110 or len(text.split()) > 14:
        return None
    styled = line.bold or line.size >= body_size + 0.8
    named = NAMED_HEADING.match(text)
    if named:
        letters = [c for c in named.group("title") if c.isalpha()]
        caps = all(c.isupper() for c in letters)
        if styled or caps:
            num = named.group("num")
            return Heading(line.page, line.block, line.y0, text, num, 1 if not num else num.count(".") + 1)
        return None
    m = NUMBERED_HEADING.match(text)
    if not m:
        return None
    title = m.group("title").strip()
    letters = sum(c.isalpha() for c in title)
    if letters < 3 or letters < 0.6 * len(title.replace(" ", "")):
        return None
    if title.endswith((".", ",", ";", ":")) or re.search(r"\s\d+$|\.\s?\.\s?\.", title):
        return None  # run-in paragraph heading, or a table-of-contents line with its page number
    caps = all(c.isupper() for c in title if c.isalpha())
    if not (styled or (caps and line.size >= body_size - 0.5)):
        return None
    num = m.group("num")
    if num[0].isalpha() and "." not in num and not styled:
        return None  # "A Study of ..." in plain text
    return Heading(line.page, line.block, line.y0, text, num, num.count(".") + 1)


def filter_headings(heads: list[Heading]) -> list[Heading]:
    """Keep headings whose numbering is consistent with the ones before them.

    Figure labels and table rows can look like headings; a subsection must sit under its
    parent ("2.1" under "2"), and top-level numbers must not go backwards.
    """
    kept: list[Heading] = []
    top: str | None = None
    top_num = 0
    seen: set[str] = set()
    for h in heads:
        if h.number is None:
            kept.append(h)
            continue
        key = h.number
        if key in seen:
            continue
        parts = key.split(".")
        if len(parts) == 1:
            if key.isdigit():
                n = int(key)
                if top is not None and top.isdigit() and n < top_num:
                    continue
                if top is not None and not top.isdigit():
                    continue  # numbers after appendix letters are figure/table noise
                top, top_num = key, n
            else:
                if top is not None and not top.isdigit() and key < top:
                    continue
                top = key
        elif parts[0] != top:
            continue
        seen.add(key)
        kept.append(h)
    return kept
