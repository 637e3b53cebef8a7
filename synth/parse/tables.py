"""Tables and figure captions.

Tables are looked for only next to a "Table N:" caption (find_tables on every page is slow and
finds many spurious tables). For each caption we grow a region of short, table-like lines
above or below it, then try, in order: ``find_tables`` (ruled lines) clipped to the region,
``find_tables(strategy="text")``, and a table rebuilt from word coordinates (rows by y,
columns by x-gaps). The strategy that produced each table is reported to the caller.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from statistics import median
from typing import Any

from synth.parse.layout import Block, Line, heading_of
from synth.parse.text import join_lines, normalize_ligatures
from synth.types import Figure, Table, TableCell

# "Table 1:", "Table 1.", and DeepMind's "Table 1 |".
TABLE_CAPTION = re.compile(r"^\s*(?P<label>Table\s+(?P<num>[A-Z]?\d{1,3}))\s*[:.|]")
FIGURE_CAPTION = re.compile(r"^\s*(?P<label>(?:Figure|Fig\.)\s+(?P<num>[A-Z]?\d{1,3}))\s*[:.|]")
TABLE_CAPTION_ANYWHERE = re.compile(r"(?m)^\s*Table\s+[A-Z]?\d{1,3}\s*[:.|]")
MAX_DRAWINGS_FOR_FIND_TABLES = 3000
_TWO_NUMBERS = re.compile(r"(?:^|\s)\d+(?:\.\d+)?%?\s+\d+(?:\.\d+)?%?(?:\s|$)")
_NUMERIC = re.compile(r"^[\[(]?[-+−–]?\$?\d[\d.,]*\s*%?(?:\s*±\s*\d[\d.]*)?[\])]?[*†‡∗]*$")


@dataclass(slots=True)
class Caption:
    label: str  # "Table 1" / "Figure 2"
    text: str
    block: Block
    lines: list[Line]

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        ls = self.lines
        return (min(l.x0 for l in ls), min(l.y0 for l in ls), max(l.x1 for l in ls), max(l.y1 for l in ls))


@dataclass(slots=True)
class TableResult:
    table: Table
    strategy: str  # "lines" | "text" | "words"


def find_captions(blocks: list[Block], pattern: re.Pattern[str], vocabulary: set[str]) -> list[Caption]:
    """Captions on one page: a line that starts with ``pattern``; the text runs to the end of its
    block and on through directly following lines of the same size (some PDFs put every
    caption line in its own block)."""
    out: list[Caption] = []
    seen: set[str] = set()
    page_lines = sorted((l for b in blocks for l in b.lines), key=lambda l: (l.y0, l.x0))
    for b in blocks:
        for i, ln in enumerate(b.lines):
            m = pattern.match(ln.text)
            if not m:
                continue
            prev = b.lines[i - 1] if i > 0 else None
            if (prev is not None and len(prev.text.split()) >= 6 and abs(prev.size - ln.size) < 0.6
                    and not prev.text.rstrip().endswith((".", ":", "!", "?", ")"))):
                continue  # "... we see that\nTable 6. While ...": running text that wraps before a reference
            label = " ".join(m.group("label").replace("Fig.", "Figure").split())
            if label in seen:
                break
            seen.add(label)
            lines = list(b.lines[i:])
            ids = {id(l) for l in b.lines}
            x0, x1 = min(l.x0 for l in lines), max(l.x1 for l in lines)
            for nxt in page_lines:
                last = lines[-1]
                if id(nxt) in ids or nxt.y0 < last.y1 - 1 or nxt.x1 < x0 or nxt.x0 > x1:
                    continue
                if nxt.y0 - last.y1 > 0.5 * ln.size or TABLE_CAPTION.match(nxt.text) or FIGURE_CAPTION.match(nxt.text):
                    break  # a gap or the next caption ends this one
                if abs(nxt.size - ln.size) > 0.8 or nxt.x0 < x0 - 5 or len(nxt.parts) > 2:
                    continue  # another font or column at the same height, or a table row
                lines.append(nxt)
                ids.add(id(nxt))
            text = normalize_ligatures(join_lines([l.text for l in lines], vocabulary))
            out.append(Caption(label, text, b, lines))
            break
    return out


def figures_from_captions(captions: list[Caption], page: int, start_index: int) -> list[Figure]:
    """Figure records for the figure captions of one page."""
    return [Figure(start_index + i, page, c.label, c.text) for i, c in enumerate(captions)]


# --- region next to a caption -------------------------------------------------------------------

def _is_prose(line: Line, col_width: float, body_size: float) -> bool:
    words = line.text.split()
    if len(line.parts) > 2 or line.max_gap > max(8.0, line.size):
        return False  # separately placed pieces with column-wide gaps: a table row, not prose
    alpha = sum(1 for w in words if sum(c.isalpha() for c in w) >= max(2, len(w) // 2))
    width = line.x1 - line.x0
    if len(words) >= 7 and alpha >= 0.7 * len(words) and width >= 0.55 * col_width:
        return True
    # Short lines of a narrow column set in the body font are running text too.
    return len(words) >= 4 and alpha >= 0.7 * len(words) and width >= 0.75 * col_width and line.size >= body_size - 0.6


def _x_range(cap: Caption, blocks: list[Block], page_width: float) -> tuple[float, float]:
    # Text-column bounds from wide blocks only: narrow margin notes must not widen the region.
    wide = [b for b in blocks if b.x1 - b.x0 > 0.25 * page_width] or blocks
    xs0 = [b.x0 for b in wide] or [0.0]
    xs1 = [b.x1 for b in wide] or [page_width]
    left, right = max(0.0, min(xs0) - 2), min(page_width, max(xs1) + 2)
    cx0, _, cx1, _ = cap.bbox
    mid = page_width / 2
    if len(cap.lines) >= 2 and cx1 - cx0 < 0.7 * (right - left):
        # A wrapped caption is as wide as its float: a table beside a figure or in a wrap box.
        return cx0 - 8, cx1 + 8
    two_columns = any(b.x1 < mid + 5 for b in wide) and any(b.x0 > mid - 5 for b in wide)
    if not two_columns or cx1 - cx0 > 0.55 * page_width or (cx0 < mid - 15 and cx1 > mid + 15):
        return left, right
    return (left, mid) if cx1 <= mid + 15 else (mid, right)


@dataclass(slots=True)
class Region:
    bbox: tuple[float, float, float, float]
    lines: list[Line]  # the table-like lines found next to the caption

    def holds(self, word: tuple) -> bool:
        """True when the word's centre lies on one of the region's lines."""
        mx, my = (word[0] + word[2]) / 2, (word[1] + word[3]) / 2
        return any(l.x0 - 1 <= mx <= l.x1 + 1 and l.y0 - 1 <= my <= l.y1 + 1 for l in self.lines)


def table_region(cap: Caption, blocks: list[Block], page_width: float, body_size: float,
                 other_captions: list[Caption],
                 taken: list[tuple[float, float, float, float]] = ()) -> Region | None:
    """The table-like lines directly above or below a caption (and their rectangle), or None.
    Lines inside ``taken`` (tables already claimed by another caption) stop the search."""
    xr0, xr1 = _x_range(cap, blocks, page_width)
    col_width = xr1 - xr0
    cap_ids = {id(l) for l in cap.lines}
    stops = {id(l) for c in other_captions if c is not cap for l in c.lines}
    stops |= {id(l) for b in blocks for l in b.lines
              if any(t[0] <= (l.x0 + l.x1) / 2 <= t[2] and t[1] <= (l.y0 + l.y1) / 2 <= t[3] for t in taken)}
    lines = [l for b in blocks for l in b.lines
             if id(l) not in cap_ids and l.x0 >= xr0 - 3 and l.x1 <= xr1 + 3]
    cx0, cy0, cx1, cy1 = cap.bbox

    def grow(cands: list[Line], downward: bool) -> list[Line]:
        acc: list[Line] = []
        frontier = cy1 if downward else cy0  # the accepted edge farthest from the caption
        for ln in cands:
            gap = ln.y0 - frontier if downward else frontier - ln.y1
            if gap > (30 if not acc else 18):
                break
            if id(ln) in stops or _is_prose(ln, col_width, body_size) or heading_of(ln, body_size):
                break
            acc.append(ln)
            frontier = max(frontier, ln.y1) if downward else min(frontier, ln.y0)
        return acc

    below = sorted((l for l in lines if l.y0 >= cy1 - 2), key=lambda l: l.y0)
    above = sorted((l for l in lines if l.y1 <= cy0 + 2), key=lambda l: -l.y1)
    down = grow(below, True)
    up = grow(above, False)

    def score(ls: list[Line]) -> int:
        return sum(1 for l in ls for w in l.text.split() if _NUMERIC.match(w)) + len(ls)

    best = max((down, up), key=score)
    if len(best) < 2:
        return None
    return Region((xr0, min(l.y0 for l in best) - 1, xr1, max(l.y1 for l in best) + 1), best)


# --- grids ---------------------------------------------------------------------------------------

def _grid_quality(grid: list[list[str]], region_words: list[str]) -> tuple[bool, float]:
    """(acceptable, score) of a find_tables grid against the words printed in its region.

    A grid is rejected when it splits printed words ("3.9" | "0%"): numbers must survive intact.
    """
    if len(grid) < 2 or not grid or max(len(r) for r in grid) < 2:
        return False, 0.0
    region_chars = sum(len(w) for w in region_words)
    # Compare as multisets: "stan"+"dard" must not pass because "standard" occurs elsewhere.
    tokens = Counter(t for r in grid for c in r for t in c.split())
    missing = Counter(region_words) - tokens
    intact = 1 - sum(missing.values()) / max(1, len(region_words))
    broken_numbers = sum(n for w, n in missing.items() if any(ch.isdigit() for ch in w))
    if intact < 0.98 or broken_numbers:
        return False, 0.0
    # Two bare numbers in one cell ("34.2 51.4") means two columns were fused.
    fused = sum(1 for r in grid for c in r if _TWO_NUMBERS.search(c))
    if fused > 0.05 * max(1, sum(1 for r in grid for c in r if any(ch.isdigit() for ch in c))):
        return False, 0.0
    n_cols = max(len(r) for r in grid)
    cells = [c for r in grid for c in r]
    filled = [c for c in cells if c.strip()]
    fill = len(filled) / max(1, len(grid) * n_cols)
    chars = sum(len(c.replace(" ", "")) for c in filled)
    coverage = chars / max(1, region_chars)
    avg_len = chars / max(1, len(filled))
    ok = fill >= 0.45 and coverage >= 0.8 and avg_len <= 60
    return ok, fill * min(coverage, 1.0)


def words_grid(words: list[tuple], exclude: tuple[float, float, float, float] | None = None) -> list[list[str]]:
    """Rebuild rows x columns from word boxes: rows by y, cells by x-gaps, columns by aligning
    the cells of the fullest rows."""
    ws = [w for w in words if w[4].strip()]
    if not ws:
        return []
    heights = [w[3] - w[1] for w in ws]
    h = median(heights) or 8.0
    ws.sort(key=lambda w: ((w[1] + w[3]) / 2, w[0]))
    rows: list[list[tuple]] = []
    last_mid = None
    for w in ws:
        mid = (w[1] + w[3]) / 2
        if last_mid is None or mid - last_mid > 0.45 * h:
            rows.append([])
        rows[-1].append(w)
        last_mid = mid
    # Word spaces are ~0.25 em (about 0.2 of a word box's height); column gaps are wider.
    gap_thr = max(2.5, 0.4 * h)
    row_cells: list[list[tuple[float, float, str]]] = []
    for r in rows:
        r.sort(key=lambda w: w[0])
        cells: list[list[Any]] = []
        for w in r:
            if cells and w[0] - cells[-1][1] <= gap_thr:
                cells[-1][1] = max(cells[-1][1], w[2])
                cells[-1][2] += " " + w[4]
            else:
                cells.append([w[0], w[2], w[4]])
        row_cells.append([(c[0], c[1], c[2]) for c in cells])
    max_cells = max(len(r) for r in row_cells)
    # Column bands come from the fullest rows: cells spanning several columns (group headers,
    # centred values) would otherwise fuse neighbouring columns.
    full = [r for r in row_cells if len(r) == max_cells]
    if len(full) < 2:
        full = [r for r in row_cells if len(r) >= max(2, 0.6 * max_cells)] or row_cells
    spans = sorted((c[0], c[1]) for r in full for c in r)
    bands: list[list[float]] = []
    for x0, x1 in spans:
        if bands and x0 <= bands[-1][1] + 1:
            bands[-1][1] = max(bands[-1][1], x1)
        else:
            bands.append([x0, x1])
    grid: list[list[str]] = []
    in_header = True
    for r in row_cells:
        out = [""] * len(bands)
        places = [_nearest_band(x0, x1, bands) for x0, x1, _ in r]
        in_header = in_header and not any(_NUMERIC.match(t.strip()) for _, _, t in r)
        # A sparse row of the header is a row of group headers: each names the columns it is centred over.
        if in_header and len(r) <= len(bands) / 2:
            places = _group_starts([(x0, x1) for x0, x1, _ in r], bands, places)
        for (_, _, text), best in zip(r, places):
            out[best] = (out[best] + " " + text).strip()
        grid.append(out)
    return grid


def _nearest_band(x0: float, x1: float, bands: list[list[float]]) -> int:
    best, best_ov = 0, -1e9
    for i, (b0, b1) in enumerate(bands):
        ov = min(x1, b1) - max(x0, b0)
        if ov <= 0:
            ov = -abs((x0 + x1) / 2 - (b0 + b1) / 2)
        if ov > best_ov:
            best, best_ov = i, ov
    return best


def _group_starts(cells: list[tuple[float, float]], bands: list[list[float]], places: list[int]) -> list[int]:
    """The first column of the run each group header is centred over ("Books" over "Rel. speedup |
    Tokens / forward"). By overlap alone a header lands on whichever column it leans into, and
    the column before it would take the previous group's name. A group ends before the next
    header starts, and none covers the first column, which holds the row labels; of the runs a
    header is centred over most closely, the widest is its group (a lone "WikiTQ" heads all the
    columns)."""
    out = list(places)
    taken_until = 0
    for k, ((x0, x1), best) in enumerate(zip(cells, places)):
        b0, b1 = bands[best]
        if best == 0 or (x0 >= b0 - 1 and x1 <= b1 + 1):
            taken_until = max(taken_until, best)
            continue
        centre = (x0 + x1) / 2
        before = cells[k - 1][1] if k else -1e9
        after = cells[k + 1][0] if k + 1 < len(cells) else 1e9
        fits = []
        for i in range(max(1, taken_until + 1), best + 1):
            for j in range(max(i + 1, best), len(bands)):
                u0, u1 = bands[i][0], bands[j][1]
                if x0 < u0 - 2 or x1 > u1 + 2 or u0 <= before or u1 >= after:
                    continue
                # Centred over the run's bands, or over the run reaching halfway into the gaps beside it
                # (right-aligned numbers make bands lopsided).
                e0 = (bands[i - 1][1] + u0) / 2
                e1 = (u1 + bands[j + 1][0]) / 2 if j + 1 < len(bands) else u1
                off = min(abs(centre - (e0 + e1) / 2), abs(centre - (u0 + u1) / 2))
                if off <= max(4.0, 0.025 * (u1 - u0)):
                    fits.append((off, j - i, i, j))
        if fits:
            closest = min(f[0] for f in fits)
            near = [f for f in fits if f[0] <= closest + 0.5]
            _, _, out[k], taken_until = max(near, key=lambda f: (f[1], -f[0]))
        else:
            taken_until = max(taken_until, best)
    return out


def header_row_count(grid: list[list[str]]) -> int:
    """Leading rows without numbers outside the first column (0 to 3)."""
    n = 0
    for row in grid[:3]:
        if any(_NUMERIC.match(c.strip()) for c in row[1:] if c.strip()):
            break
        n += 1
    if n >= len(grid):
        n = 1  # no numbers anywhere: a text table, its first row is the header
    return n


def _clean(cell: Any) -> str:
    return normalize_ligatures(" ".join(str(cell).split())) if cell is not None else ""


def extract_table(page: Any, cap: Caption, region: Region, index: int, page_no: int,
                  page_words: list[tuple], heavy: bool) -> TableResult | None:
    """Cells of the table in ``region`` (caption ``cap``), trying the three strategies in turn.

    ``page_words`` are the page's ``get_text("words")`` tuples; ``heavy`` says the page has so
    many vector paths that find_tables would cost seconds (it cleans every path on the page
    whatever the clip), so only the word strategy is tried there.
    """
    import pymupdf

    rect = pymupdf.Rect(region.bbox)
    # Rules sit a few points outside the text they frame; find_tables needs them inside its clip.
    ruled = pymupdf.Rect(rect.x0 - 12, rect.y0 - 8, rect.x1 + 12, rect.y1 + 8)
    # Only words on the region's own lines: stray words (margin notes, a neighbouring plot)
    # inside the rectangle must not become cells.
    words = [w for w in page_words if region.holds(w) and not _inside(w, cap.bbox)]
    region_words = [_clean(w[4]) for w in words if w[4].strip()]
    if not region_words:
        return None
    chosen: tuple[list[list[str]], str, tuple[float, float, float, float]] | None = None
    for strategy in () if heavy else ("lines", "text"):
        try:
            found = page.find_tables(clip=ruled if strategy == "lines" else rect, strategy=strategy)
        except Exception:  # noqa: BLE001 - find_tables can fail on odd drawings; the word fallback remains
            continue
        best = None
        for tb in found.tables:
            grid = [[_clean(c) for c in row] for row in tb.extract()]
            ok, score = _grid_quality(grid, region_words)
            if ok and (best is None or score > best[0]):
                best = (score, grid, tuple(tb.bbox))
        if best is not None and (strategy == "lines" or best[0] >= 0.6):
            chosen = (best[1], strategy, best[2])
            break
    if chosen is None:
        grid = [[_clean(c) for c in row] for row in words_grid(words)]
        if len(grid) < 2 or max((len(r) for r in grid), default=0) < 2:
            return None
        n_cols = max(len(r) for r in grid)
        filled = sum(1 for r in grid for c in r if c)
        if filled / (len(grid) * n_cols) < 0.3:
            return None
        chosen = (grid, "words", region.bbox)
    grid, strategy, bbox = chosen
    grid = _drop_empty(grid)
    if len(grid) < 2 or max(len(r) for r in grid) < 2:
        return None
    n_rows, n_cols = len(grid), max(len(r) for r in grid)
    hdr = header_row_count(grid)
    cells = tuple(
        TableCell(r, c, text, is_header=r < hdr)
        for r, row in enumerate(grid) for c, text in enumerate(row) if text
    )
    table = Table(index=index, page=page_no, label=cap.label, caption=cap.text, n_rows=n_rows, n_cols=n_cols,
                  header_rows=hdr, cells=cells, bbox=tuple(float(v) for v in bbox))
    return TableResult(table, strategy)


def _drop_empty(grid: list[list[str]]) -> list[list[str]]:
    """Remove rows and columns with no text (rule-only rows, spacer columns)."""
    rows = [r for r in grid if any(c.strip() for c in r)]
    if not rows:
        return []
    n = max(len(r) for r in rows)
    rows = [r + [""] * (n - len(r)) for r in rows]
    keep = [j for j in range(n) if any(r[j].strip() for r in rows)]
    return [[r[j] for j in keep] for r in rows]


def _inside(word: tuple, box: tuple[float, float, float, float]) -> bool:
    mx, my = (word[0] + word[2]) / 2, (word[1] + word[3]) / 2
    return box[0] - 1 <= mx <= box[2] + 1 and box[1] - 1 <= my <= box[3] + 1
