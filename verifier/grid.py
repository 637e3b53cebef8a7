"""Page geometry for the word-grid table reader: words -> visual lines -> segments, which
tokens are table numbers, and which words lie in the page margins.

Pure functions over ``(x0, y0, x1, y1, text)`` words (PyMuPDF ``get_text("words")``); the reader
that turns them into named cells is ``verifier.layout``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable, Sequence

Word = tuple[float, float, float, float, str]

NUM_TOKEN = re.compile(
    r"^(?P<sign>[-+])?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?(?:[eE][-\u2212+]?\d+)?|\.\d+)"
    r"(?P<pct>%)?(?:[acde*\u2020\u2021\u00a7])?(?:\u00b1\d*\.?\d+%?)?$")  # "175b" is a size, not a footnote b
# "328M" tokens, "530k" steps, "1250B": a count with its magnitude. Only after a plain number on
# the same line, since before it such a token is a name ("Llama-2 7B").
MAG_TOKEN = re.compile(r"^(?P<num>\d+(?:\.\d+)?)(?P<mag>[kKMBT])$")
# "53.8/29.8/45.9" under "R1/R2/RL": several results in one cell.
SLASH_TOKEN = re.compile(r"^\d+(?:\.\d+)?(?:/\d+(?:\.\d+)?){1,3}$")
DELTA_TOKEN = re.compile(r"^[(\[][-+]\d+(?:\.\d+)?%?[)\]]$")
TICK_YES = {"\u2713", "\u2714", "\u2611", "yes", "Y"}
TICK_NO = {"\u2717", "\u2718", "\u2715", "\u00d7", "no", "N"}


@dataclass
class Line:
    """One visual line of a page: its vertical extent and its words, left to right."""

    y0: float
    y1: float
    words: list[Word]

    @property
    def h(self) -> float:
        # Median word height: rotated words (axis labels) must not inflate it.
        hs = sorted(w[3] - w[1] for w in self.words)
        return max(hs[len(hs) // 2] if hs else self.y1 - self.y0, 1.0)

    @property
    def text(self) -> str:
        return " ".join(w[4] for w in self.words)


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace("\u2212", "-").replace("\u2013", "-")


def group_lines(words: Iterable[Word]) -> list[Line]:
    """Visual lines: words whose vertical centres are close, each sorted left to right."""
    ws = sorted(((w[0], w[1], w[2], w[3], _norm(w[4])) for w in words if w[4].strip()), key=lambda w: (w[1] + w[3]) / 2)
    lines: list[Line] = []
    for w in ws:
        yc = (w[1] + w[3]) / 2
        h = max(w[3] - w[1], 1.0)
        if lines:
            last = lines[-1]
            lc = (last.y0 + last.y1) / 2
            if abs(yc - lc) <= 0.45 * min(h, last.h) + 0.5:
                last.words.append(w)
                last.y0, last.y1 = min(last.y0, w[1]), max(last.y1, w[3])
                continue
        lines.append(Line(w[1], w[3], [w]))
    for ln in lines:
        ln.words.sort(key=lambda w: w[0])
    return lines


def segments(line: Line) -> list[list[Word]]:
    """Split a line at gaps wider than a normal word space (table columns, page columns)."""
    out: list[list[Word]] = []
    for w in line.words:
        if out and w[0] - out[-1][-1][2] <= max(0.55 * line.h, 3.0):
            out[-1].append(w)
        else:
            out.append([w])
    return out


def is_number(tok: str) -> bool:
    return bool(NUM_TOKEN.match(tok)) and not DELTA_TOKEN.match(tok)


def is_prose(seg: list[Word]) -> bool:
    alpha = [w for w in seg if re.search(r"[A-Za-z]{2,}", w[4])]
    lower = [w for w in alpha if w[4][:1].islower()]
    # Sentences are mostly lower-case words; a run of header names ("GSM8K MATH SVAMP ...") is not,
    # nor a header that repeats its words over column pairs ("standard CoT standard CoT ...").
    distinct = {w[4].lower() for w in alpha}
    return (len(alpha) >= 6 and len(alpha) >= 0.5 * len(seg) and len(lower) >= 0.4 * len(alpha)
            and len(distinct) >= 0.5 * len(alpha))


def numbers(line: Line) -> list[Word]:
    toks = []
    skip_next = False
    prose = {id(w) for seg in segments(line) if is_prose(seg) for w in seg}
    toks_prev: list[str] = []  # "k = 10" in a header is a parameter, not a cell
    for w in line.words:
        if id(w) in prose:
            continue  # a number inside a sentence is the text's, not a table cell
        t = w[4]
        if skip_next:
            skip_next = False
            continue
        if t in {"\u00b1", "+/-"}:
            skip_next = True  # the number after ± is a spread, not a value
            continue
        if t.startswith("\u00b1"):
            continue
        if is_number(t) and not (toks_prev and toks_prev[-1] in {"=", ":", "@"}):
            toks.append(w)
        elif (toks and MAG_TOKEN.match(t)) or SLASH_TOKEN.match(t):
            toks.append(w)
        toks_prev.append(t)
    return toks


def parse_token(tok: str) -> tuple[float, int, str] | None:
    if DELTA_TOKEN.match(tok):
        tok = tok[1:-1]  # "(-5.43)": the change printed beside a result
    m = NUM_TOKEN.match(tok) or MAG_TOKEN.match(tok)
    if not m:
        return None
    if "mag" in m.groupdict():
        num = m.group("num")
        return float(num), len(num.split(".")[1]) if "." in num else 0, ""
    num = m.group("num").replace(",", "").replace("\u2212", "-")
    v = float(num)  # "136,240" steps, "1.6E-03" learning rate
    if m.group("sign") == "-":
        v = -v
    d = len(num.split(".")[1]) if "." in num and "e" not in num.lower() else 0
    return v, d, "%" if m.group("pct") else ""


def is_table_row(line: Line) -> bool:
    nums = numbers(line)
    if not nums:
        return False
    if len(nums) == 1:
        # One number needs a short label to its left ("Zeroshot 31.1"); a bare number is an axis tick.
        left = [w for w in line.words if w[2] <= nums[0][0] and re.search(r"[A-Za-z]", w[4])]
        if not left or any(is_prose(s) for s in segments(line)):
            return False
        # A long label is still a row when table gaps split it into short cells
        # ("Vinyals & Kaiser el al. (2014) [37]" | "WSJ only, discriminative" | 88.3).
        cells = [[w for w in s if w in left] for s in segments(line) if s[-1][2] <= nums[0][0]]
        return len(left) <= 6 or (len(cells) >= 2 and all(len(c) <= 6 for c in cells))
    return True


def overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    return max(0.0, min(a1, b1) - max(a0, b0))


def body_words(words: Sequence[Word]) -> list[Word]:
    """Drop words in the page margins (arXiv stamps, readers' margin notes): outside the x-range
    that the page's prose lines span."""
    # Rotated words (a figure's vertical axis title) are tall and narrow; they join unrelated lines.
    words = [w for w in words if not (len(w[4]) >= 3 and (w[3] - w[1]) > 1.5 * (w[2] - w[0]))]
    lines = group_lines(words)
    xs0, xs1 = [], []
    for ln in lines:
        for seg in segments(ln):
            if is_prose(seg):
                xs0.append(seg[0][0])
                xs1.append(seg[-1][2])
    if len(xs0) < 5:
        return list(words)
    xs0.sort()
    xs1.sort()
    left, right = xs0[len(xs0) // 10], xs1[(len(xs1) * 9) // 10]
    kept = [w for w in words if w[2] >= left - 8 and w[0] <= right + 8]
    outside = sum(1 for w in words if w[0] > right + 8)
    if outside < 3:
        return kept
    # Margin notes that start just inside the text edge ("-table 6", "results") run past it: a
    # phrase that begins near the edge, apart from the words to its left, and ends outside.
    gone = set()
    for ln in group_lines(kept):
        for seg in segments(ln):
            if seg[0][0] >= right - 20 and seg[-1][2] > right + 8:
                gone.update(w[:4] for w in seg)
    return [w for w in kept if tuple(w[:4]) not in gone]


def column_clusters(rows: list[Line]) -> list[tuple[float, float]]:
    spans = sorted((w[0], w[2]) for r in rows for w in numbers(r))
    clusters: list[list[float]] = []
    for x0, x1 in spans:
        if clusters and x0 <= clusters[-1][1] - 0.5:
            clusters[-1][1] = max(clusters[-1][1], x1)
        else:
            clusters.append([x0, x1])
    return [(a, b) for a, b in clusters]
