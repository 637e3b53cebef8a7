"""Read tables from word coordinates, for tables that ``find_tables`` does not recover.

Many papers draw tables without rules (booktabs), so cell boxes cannot be found; the words
are still placed on a grid. For every page we group words into visual lines, find runs of
lines holding numbers (table blocks), cluster the numbers of a block into columns by their
x-ranges, and name each number by

* its row: the words to the left of the first number on the line, prefixed with the label of
  an enclosing group row when the label is indented ("PaLM 540B" / "Chain of thought");
  check marks (yes/no columns such as "Validation") become settings of the row;
* its column: the header words above the block that overlap the column's x-range, top to
  bottom ("CNN" over "R1", "PEFT" over "(IA)3");
* its table: the nearest "Table N:" caption above or below the block.

Pure functions over ``(x0, y0, x1, y1, text)`` words, so tests can feed words directly; the page
geometry under it (lines, segments, number tokens, margins) is ``verifier.grid``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from verifier.grid import (DELTA_TOKEN, MAG_TOKEN, SLASH_TOKEN, TICK_NO, TICK_YES, Line, Word, body_words,
                           column_clusters, group_lines, is_number, is_prose, is_table_row, numbers, overlap,
                           parse_token, segments)

CAPTION = re.compile(r"^(Table|Tab\.)\s*(\d+|[IVX]+)\s*[:.]?", re.I)
_STRICT_CAPTION = re.compile(r"^(Table|Tab\.)\s*(\d+|[IVX]+)\s*[:.]", re.I)
FIG_CAPTION = re.compile(r"^(Figure|Fig\.)\s*\d+\s*[:.]", re.I)


@dataclass(frozen=True, slots=True)
class LayoutCell:
    """A number read off a page grid, with the row and column that name it."""

    page: int
    text: str
    value: float
    decimals: int
    unit: str
    is_delta: bool
    row: str
    column: str
    settings: tuple[str, ...]  # e.g. ("yes:validation",) from check-mark columns
    table: str | None
    caption: str
    quote: str
    block: int
    row_id: int
    col_id: int


def page_cells(words: Sequence[Word], page: int, block_base: int = 0) -> list[LayoutCell]:
    """Every number of the page's table blocks, named by row, column and caption."""
    lines = [_without_figure_ticks(ln) for ln in group_lines(body_words(words))]
    lines = [ln for ln in lines if ln.words]
    if not lines:
        return []
    is_row = [is_table_row(ln) and not _tick_line(ln) for ln in lines]
    blocks: list[list[int]] = []
    for i, ln in enumerate(lines):
        if not is_row[i]:
            continue
        if blocks:
            prev = lines[blocks[-1][-1]]
            between = [j for j in range(blocks[-1][-1] + 1, i)]
            gap = ln.y0 - prev.y1
            label_only = all(not any(is_prose(s) for s in segments(lines[j])) and not CAPTION.match(lines[j].text)
                             for j in between)
            close = gap <= 2.6 * ln.h and len(between) <= 2
            # Group rows ("7B Base Models") and rules split a table; the columns line up across the gap.
            aligned = gap <= 5 * ln.h and len(between) <= 3 and _aligned(lines, blocks[-1], is_row, ln)
            if label_only and (close or aligned):
                blocks[-1].extend(between + [i])
                continue
        blocks.append([i])
    captions = [(i, ln) for i, ln in enumerate(lines) if _caption_text(ln)]
    side = _caption_side([b for b in blocks if sum(is_row[i] for i in b) >= 2], captions, lines)
    out: list[LayoutCell] = []
    for b_no, idx in enumerate(blocks):
        # A first "row" whose words stand over the number columns below is a header line.
        while len([i for i in idx if is_row[i]]) >= 2:
            first, rest = idx[0], [lines[i] for i in idx[1:] if is_row[i]]
            cols = column_clusters(rest)
            left = min(c[0] for c in cols)
            heads = [w for w in lines[first].words if not is_number(w[4]) and w[0] >= left - 1
                     and re.search(r"[A-Za-z]{2,}", w[4])
                     and any(overlap(w[0], w[2], a, b) > 0 for a, b in cols)]
            if not _names_columns(lines[first], rest) and (len(numbers(lines[first])) > 1 or len(heads) < 2):
                break
            is_row[first] = False
            idx = idx[1:]
        rows = [lines[i] for i in idx if is_row[i]]
        n_nums = sum(len(numbers(r)) for r in rows)
        if len(rows) < 2 and n_nums < 3:
            continue
        out.extend(_read_block(lines, idx, is_row, captions, page, block_base + b_no, side))
    return out


def _caption_side(blocks: list[list[int]], captions: list[tuple[int, Line]], lines: list[Line]) -> str | None:
    """Whether this page's "Table N:" captions stand above or below their tables: the side that
    gives more tables a caption of their own between them and the next table. An appendix that
    captions below ("... RegMean 73.2 ... Table 10: T5-large") would otherwise hand each table the
    caption of the one above it when that caption is nearer. None when both sides do as well."""
    # Only captions proper ("Table 3:", not "Table 3 shows that ..."), and no plot's bar labels.
    tables = [ci for ci, ln in captions if _STRICT_CAPTION.match(_caption_text(ln))]
    figures = [ci for ci, ln in captions if FIG_CAPTION.match(_caption_text(ln))]
    if figures:
        blocks = [b for b in blocks if min(abs(ci - b[0]) for ci in figures) > min(
            (abs(ci - b[0]) for ci in tables), default=len(lines))]
    if len(blocks) < 2 or not tables:
        return None
    starts = [b[0] for b in blocks] + [len(lines)]
    ends = [-1] + [b[-1] for b in blocks]
    above = sum(any(ends[k] < ci < starts[k] for ci in tables) for k in range(len(blocks)))
    below = sum(any(ends[k + 1] < ci < starts[k + 1] for ci in tables) for k in range(len(blocks)))
    return "above" if above > below else "below" if below > above else None


def _names_columns(first: Line, rest: list[Line]) -> bool:
    """A header whose numbers are part of its names ("WSJ 23 F1", "OOD: 3"): whole numbers, each
    over a column of decimals, with words beside them."""
    nums = numbers(first)
    if not nums or any(not re.fullmatch(r"\d+", w[4]) for w in nums) or not re.search(r"[A-Za-z]{2,}", first.text):
        return False
    for n in nums:
        below = [w[4] for r in rest for w in numbers(r) if overlap(w[0], w[2], n[0], n[2]) > 0]
        if len(below) < 2 or not all("." in t for t in below):
            return False
    return True


def _without_figure_ticks(ln: Line) -> Line:
    """A figure beside a table puts its axis numbers on the table's lines ("70 ... Fine-Tuned 71.4"):
    a bare number far left of the line's first label is the figure's, not the table's."""
    segs = segments(ln)
    if len(segs) >= 3 and len(segs[0]) == 1 and is_number(segs[0][0][4]) and re.search(r"[A-Za-z]{2,}", segs[1][0][4]) \
            and segs[1][0][0] - segs[0][0][2] > 100:
        return Line(ln.y0, ln.y1, [w for s in segs[1:] for w in s])
    return ln


def _tick_line(ln: Line) -> bool:
    """An axis: four or more bare numbers in even steps ("0.0 0.2 0.4 0.6 0.8 1.0"), nothing else."""
    if any(re.search(r"[A-Za-z]", w[4]) for w in ln.words):
        return False
    vals = [parse_token(w[4]) for w in ln.words]
    if len(vals) < 4 or None in vals:
        return False
    steps = {round(b[0] - a[0], 6) for a, b in zip(vals, vals[1:])}  # type: ignore[index]
    return len(steps) == 1 and steps.pop() > 0


def _first_centre(words: list[Word]) -> float:
    """Centre of a label's first cell: other cells of the row ("WSJ only") do not move it."""
    first = segments(Line(0, 1, list(words)))[0]
    return (first[0][0] + first[-1][2]) / 2


def _aligned(lines: list[Line], block: list[int], is_row: list[bool], ln: Line) -> bool:
    cols = column_clusters([lines[i] for i in block if is_row[i]])
    nums = numbers(ln)
    if len(nums) < 2 or not cols:
        return False
    hit = sum(1 for w in nums if any(overlap(w[0], w[2], a, b) > 0 for a, b in cols))
    return hit >= 0.6 * len(nums)


def _header_lines(lines: list[Line], first: int, span: tuple[float, float] = (-1e9, 1e9)) -> list[Line]:
    out: list[Line] = []
    y_prev = lines[first].y0
    for j in range(first - 1, max(-1, first - 6), -1):
        ln = lines[j]
        inside = [s for s in segments(ln) if overlap(s[0][0], s[-1][2], span[0] - 5, span[1] + 5) > 0]
        if not inside:
            continue  # a line of the other page column, between the header and the rows
        if CAPTION.match(" ".join(w[4] for s in inside for w in s)) or any(is_prose(s) for s in inside):
            break  # prose beside the table (the other page column) does not end the header
        if y_prev - ln.y1 > 2.6 * ln.h:
            break
        out.append(ln)
        y_prev = ln.y0
    return list(reversed(out))


def _split_wide(segs: list[list[Word]], cols: Sequence[tuple[float, float]]) -> list[list[Word]]:
    """A header phrase over several number columns ("GSM8K MATH SVAMP" set tightly) is one word per column."""
    out = []
    for seg in segs:
        n = sum(1 for a, b in cols if overlap(seg[0][0], seg[-1][2], a, b) > 0)
        # Each word of such a run stands over a column; "Validation Set" straddling two does not.
        homes = [next((k for k, (a, b) in enumerate(cols) if a - 3 <= (w[0] + w[2]) / 2 <= b + 3), None) for w in seg]
        over = None not in homes and len(set(homes)) == len(homes)
        out.extend([[w] for w in seg] if n >= 2 and len(seg) >= n and over else [seg])
    return out


def _header_for(span: tuple[float, float], header: list[Line], label_right: float,
                cols: Sequence[tuple[float, float]] = (), first_num_x: float = -1e9) -> str:
    parts = []
    x0, x1 = span
    for ln in header:
        best, best_ov = None, 0.0
        for seg in _split_wide(segments(ln), cols):
            s0, s1 = seg[0][0], seg[-1][2]
            if s1 <= label_right + 1:
                continue  # the header of the label column
            ov = overlap(x0 - 2, x1 + 2, s0, s1)
            if ov > best_ov:
                best, best_ov = seg, ov
        if best is None:
            # Narrow headers over wide numbers, or one header spanning two sub-columns ("65B" over
            # "Alpaca FLAN v2"): the nearest phrase centre within reach.
            cx = (x0 + x1) / 2
            segs = [s for s in _split_wide(segments(ln), cols) if s[-1][2] > label_right + 1]
            if all(s[-1][2] <= first_num_x - 2 for s in segs):
                segs = []  # a line heading only the label columns ("Models  # of Para."), none of the numbers
            cands = [(abs((s[0][0] + s[-1][2]) / 2 - cx), s) for s in segs]
            if cands:
                d, seg = min(cands, key=lambda c: c[0])
                centres = sorted((s[0][0] + s[-1][2]) / 2 for s in segs)
                spacing = min((b - a for a, b in zip(centres, centres[1:])), default=0.0)
                if d <= max(12.0, (x1 - x0), 0.55 * spacing):
                    best = seg
                elif len(segs) == 1 and len(cols) >= 2:
                    # One phrase centred over all the number columns ("Table Size" over "Small",
                    # "Medium", "Large") heads every one of them.
                    c0, c1, sc = cols[0][0], cols[-1][1], (seg[0][0] + seg[-1][2]) / 2
                    if abs(sc - (c0 + c1) / 2) <= 0.15 * (c1 - c0):
                        best = seg
        if best is not None:
            parts.append(" ".join(w[4] for w in best))
    return " ".join(parts)


def _read_block(lines: list[Line], idx: list[int], is_row: list[bool], captions: list[tuple[int, Line]],
                page: int, block_id: int, side: str | None = None) -> list[LayoutCell]:
    rows = [i for i in idx if is_row[i]]
    cols = column_clusters([lines[i] for i in rows])
    # A number inside one row's label ("FR→EN 15 BLEU") is no column: the table's numbers start at
    # the first column that several rows fill.
    fill = [sum(1 for i in rows if any(overlap(w[0], w[2], a, b) > 0 for w in numbers(lines[i]))) for a, b in cols]
    first_num_x = min((c[0] for c, n in zip(cols, fill) if n >= max(2, 0.3 * len(rows))), default=cols[0][0])
    cols = [c for c in cols if c[0] >= first_num_x - 1]
    span_left = min(min((w[0] for s in segments(lines[i]) if not is_prose(s) for w in s if w[0] >= 0),
                        default=first_num_x) for i in rows)
    header = _header_lines(lines, idx[0], (min(span_left, cols[0][0]), max(c[1] for c in cols)))
    label_x0s = [lines[i].words[0][0] for i in idx if lines[i].words[0][0] < first_num_x - 1]
    table_left = min(label_x0s) if label_x0s else first_num_x
    caption_line = _nearest_caption(lines, idx, header, captions, side)
    if caption_line is not None and FIG_CAPTION.match(_caption_text(lines[caption_line])):
        return []  # numbers printed in a plot (bar labels, ticks), not a table
    caption, label = "", None
    if caption_line is not None:
        ci = caption_line
        text = [_caption_text(lines[ci])]
        for k in range(ci + 1, min(ci + 4, len(lines))):
            if k in idx or lines[k].y0 - lines[k - 1].y1 > 1.5 * lines[k].h:
                break
            text.append(lines[k].text)
        caption = " ".join(text)
        m = CAPTION.match(caption)
        label = f"Table {m.group(2)}" if m else None
    width = max(c[1] for c in cols) - table_left
    titles = [ln for ln in header if len(segments(ln)) == 1 and (segments(ln)[0][-1][2] - segments(ln)[0][0][0]) > 0.2 * width
              and segments(ln)[0][0][0] > table_left + 1]
    if titles:
        # A single phrase over much of the table ("Mean 5-shot MMLU Accuracy") names every column.
        caption = (caption + " " + " ".join(ln.text for ln in titles)).strip()
        header = [ln for ln in header if ln not in titles]
    corner = " ".join(w[4] for ln in header for w in ln.words if w[2] <= first_num_x - 1)
    if re.search(r"\(.+\)", corner):
        # "Accuracy by Steps (GSM8K)" over the row labels: the table's title, which names every cell.
        caption = (caption + " " + corner).strip()
    col_headers = [_header_for(c, header, table_left + 1, cols, first_num_x) for c in cols]
    keys = _key_columns([lines[i] for i in rows], cols, col_headers)
    centred = _centred_labels(lines, idx, is_row, first_num_x)
    out: list[LayoutCell] = []
    labels: list[tuple[float, list[Word]]] = []  # (x0, words) of label cells seen so far in this block
    base_label = ""
    for i in idx:
        ln = lines[i]
        nums = _table_numbers(ln, first_num_x) if is_row[i] else []
        label_words = _label_words(ln, nums, first_num_x)
        if not is_row[i]:
            if label_words:
                labels.append((label_words[0][0], label_words))
            continue
        row_label = " ".join(w[4] for w in label_words)
        lx0 = label_words[0][0] if label_words else first_num_x
        group = []
        centre = _first_centre(label_words) if label_words else None
        if lx0 > table_left + 4:
            for gx0, gws in reversed(labels):
                if centre is not None and abs(_first_centre(gws) - centre) < 2:
                    break  # centred labels of different lengths, not an indented sub-row
                if gx0 < lx0 - 2:
                    group = [w[4] for w in gws if w[0] < lx0 - 2]
                    if gx0 <= table_left + 4:
                        break
                    lx0 = gx0
        if label_words:
            labels.append((label_words[0][0], label_words))
        if re.match(r"^(\+|w/o?\b|with\b|without\b)", row_label) and base_label:
            group = base_label.split()  # "+NEFT", "+ ext. calc", "w/o X" modify the row above
        elif not group and row_label.startswith("(") and labels[:-1]:
            # "(text-davinci-002)" under "GPT-3 175B": a continuation of the previous row's name.
            prev_x0, prev_ws = labels[-2]
            group = [w[4] for w in prev_ws if w[0] <= prev_x0 + 0.5 or w[0] - prev_ws[0][2] < 0][:1]
            first_seg = segments(Line(0, 1, prev_ws))[0] if prev_ws else []
            group = [w[4] for w in first_seg]
        full_row = " ".join(group + ([row_label] if row_label else []))
        if centred is not None:
            full_row = centred.get(i, full_row)
        for w in nums:
            if _col_of(w, cols) in keys:
                full_row = f"{full_row} {col_headers[_col_of(w, cols)]} = {w[4]}".strip()
        if row_label and not re.match(r"^(\+|w/o?\b|with\b|without\b|\()", row_label):
            base_label = full_row
        settings = []
        for w in ln.words:
            if w[4] in TICK_YES or w[4] in TICK_NO:
                head = _header_for((w[0], w[2]), header, -1.0)
                key = re.sub(r"[^a-z0-9]", "", head.lower())
                if key:
                    settings.append(("yes:" if w[4] in TICK_YES else "no:") + key)
        quote = ln.text
        beside = _side_by_side(ln, nums, header)
        for w in ln.words:
            if w in nums and SLASH_TOKEN.match(w[4]):
                c = _col_of(w, cols)
                out.extend(_slash_cells(w[4], col_headers[c], c, dict(
                    page=page, is_delta=False, row=full_row, settings=tuple(settings), table=label, caption=caption,
                    quote=ln.text, block=block_id, row_id=i)))
                continue
            parsed = parse_token(w[4]) if is_number(w[4]) or DELTA_TOKEN.match(w[4]) or MAG_TOKEN.match(w[4]) else None
            if parsed is None or (w not in nums and not DELTA_TOKEN.match(w[4])):
                continue
            is_delta = bool(DELTA_TOKEN.match(w[4]))
            col_id = _col_of(w, cols)
            if col_id in keys:
                continue  # the row's index ("n = 4"), already part of its label
            value, dec, unit = parsed
            out.append(LayoutCell(
                page=page, text=w[4], value=value, decimals=dec, unit=unit, is_delta=is_delta,
                row=beside.get(id(w), full_row),
                column=col_headers[col_id], settings=tuple(settings), table=label, caption=caption, quote=quote,
                block=block_id, row_id=i, col_id=col_id,
            ))
    return out


def _slash_cells(text: str, header: str, col: int, common: dict) -> list[LayoutCell]:
    """One cell per part of "53.8/29.8/45.9", named by the matching part of "R1/R2/RL" when the
    header splits the same way (else by position)."""
    parts = text.split("/")
    words = header.split()
    names = words[-1].split("/") if words and words[-1].count("/") == len(parts) - 1 else []
    prefix = " ".join(words[:-1]) if names else header
    out = []
    for k, part in enumerate(parts):
        value, dec, _ = parse_token(part)  # type: ignore[misc]
        name = names[k] if names else f"({k + 1} of {len(parts)})"
        out.append(LayoutCell(text=part, value=value, decimals=dec, unit="", column=f"{prefix} {name}".strip(),
                              col_id=1000 + col * 8 + k, **common))
    return out


def _side_by_side(ln: Line, nums: list[Word], header: list[Line]) -> dict[int, str]:
    """Sub-tables set side by side under a repeated header ("split source size | split source size"):
    each number is named by the label words just left of it ("train customer 31,144"), not by the
    line's first label."""
    if len(nums) < 2 or not header:
        return {}
    heads = [w[4].lower() for ln_h in header for w in ln_h.words if re.search(r"[A-Za-z]{2,}", w[4])]
    if not any(heads.count(h) >= 2 for h in heads):
        return {}
    groups: list[list[str]] = [[]]
    for w in ln.words:
        if w in nums:
            groups.append([])
        elif re.search(r"[A-Za-z]{2,}", w[4]) and w[4] not in TICK_YES | TICK_NO:
            groups[-1].append(w[4])
    labels = groups[:-1]
    if groups[-1] or any(not g for g in labels) or len({len(g) for g in labels}) != 1:
        return {}
    return {id(w): " ".join(g) for w, g in zip(nums, labels)}


def _label_words(ln: Line, nums: list[Word], first_num_x: float) -> list[Word]:
    """The words of a line's label cells: left of its first table number and of the number columns."""
    first_x = nums[0][0] if nums else float("inf")
    # Prose of the other page column on the same line ("we start with TIES-MERGING and remove ...")
    # is not the row's label.
    prose = {id(w) for seg in segments(ln) if is_prose(seg) for w in seg}
    return [w for w in ln.words if w[2] <= first_x + 0.5 and w[0] < first_num_x - 1 and id(w) not in prose
            and w[4] not in TICK_YES | TICK_NO and w[4] != "-"]


def _table_numbers(ln: Line, first_num_x: float) -> list[Word]:
    """The line's numbers that stand in the table's number columns (not in its label)."""
    return [w for w in numbers(ln) if w[2] > first_num_x - 1]


def _col_of(w: Word, cols: Sequence[tuple[float, float]]) -> int:
    cx = (w[0] + w[2]) / 2
    return min(range(len(cols)), key=lambda c: 0 if cols[c][0] - 1 <= cx <= cols[c][1] + 1
               else min(abs(cols[c][0] - cx), abs(cols[c][1] - cx)))


# Headers of a leading number column that indexes the rows rather than reporting a result.
_KEY_HEADER = re.compile(r"^(?:[nkr]|[\u03b1-\u03c9]|#?\s?shots?|k-shot|rank(?: r)?|epochs?|#\s?heads(?: used)?)$", re.I)


def _key_columns(rows: list[Line], cols: Sequence[tuple[float, float]], headers: list[str]) -> set[int]:
    """Leading columns of whole numbers under a symbol header ("n" = 1, 2, 4 predicted tokens):
    they name the row, so "4-token prediction" finds the n = 4 row."""
    keys: set[int] = set()
    for c in range(max(0, len(cols) - 2)):
        if not _KEY_HEADER.match(headers[c].strip()):
            break
        vals = [w[4] for ln in rows for w in numbers(ln) if _col_of(w, cols) == c]
        if not vals or any(not re.fullmatch(r"\d{1,4}", v) for v in vals):
            break
        keys.add(c)
    return keys


def _centred_labels(lines: list[Line], idx: list[int], is_row: list[bool], first_num_x: float) -> dict[int, str] | None:
    """Row labels of a block whose label cells are centred over several rows (a multirow "200B
    tokens (0.8 epochs)" beside rows n = 1 ... 8), or None when no label column is centred.

    A label column is centred when the block's first row has no label in it. Its labels (with a
    label-only line or a "(...)" line joined to the label beside it) each name the rows around
    them: the first label's rows start at the first row and end as far below its centre as they
    start above it; the next label's rows start after that."""
    segs: dict[int, list[list[Word]]] = {}
    for i in idx:
        ln = lines[i]
        ws = _label_words(ln, _table_numbers(ln, first_num_x) if is_row[i] else [], first_num_x)
        segs[i] = segments(Line(ln.y0, ln.y1, ws)) if ws else []
    spans = sorted((s[0][0], s[-1][2]) for i in idx for s in segs[i])
    label_cols: list[list[float]] = []
    for x0, x1 in spans:
        if label_cols and x0 <= label_cols[-1][1]:
            label_cols[-1][1] = max(label_cols[-1][1], x1)
        else:
            label_cols.append([x0, x1])
    if not label_cols:
        return None
    rows = [i for i in idx if is_row[i]]
    if len(rows) < 2:
        return None

    def seg_in(i: int, col: list[float]) -> str:
        return " ".join(" ".join(w[4] for w in s) for s in segs[i] if overlap(s[0][0], s[-1][2], col[0] - 0.5, col[1] + 0.5) > 0)

    centre = {i: (lines[i].y0 + lines[i].y1) / 2 for i in idx}
    pitches = sorted(centre[b] - centre[a] for a, b in zip(rows, rows[1:]))
    tol = 0.6 * pitches[len(pitches) // 2]
    per_col: list[dict[int, str]] = []
    any_centred = False
    for col in label_cols:
        own = {i: seg_in(i, col) for i in idx}
        anchors: list[list[int]] = []
        for i in idx:
            if not own[i]:
                continue
            if anchors:
                last = anchors[-1][-1]
                gap = lines[i].y0 - lines[last].y1
                joined = not is_row[last] or not is_row[i] or own[i].startswith("(")
                if joined and gap <= 0.8 * lines[i].h and not (is_row[last] and is_row[i] and not own[i].startswith("(")):
                    anchors[-1].append(i)
                    continue
            anchors.append([i])
        names = {}
        if own[rows[0]] or not anchors:
            # Labelled from the first row: a row without its own label belongs to the one above.
            current = ""
            for i in idx:
                if own[i]:
                    current = own[i]
                if is_row[i]:
                    names[i] = own[i] or current
            per_col.append(names)
            continue
        any_centred = True
        k = 0
        for a_no, anchor in enumerate(anchors):
            text = " ".join(own[i] for i in anchor)
            if k >= len(rows):
                break
            c = (lines[anchor[0]].y0 + lines[anchor[-1]].y1) / 2
            end = max(c + max(c - centre[rows[k]], 0.0) + tol, lines[anchor[-1]].y1)
            last_anchor = a_no == len(anchors) - 1
            while k < len(rows) and (last_anchor or centre[rows[k]] <= end):
                names[rows[k]] = text
                k += 1
        per_col.append(names)
    if not any_centred:
        return None
    return {i: " ".join(n[i] for n in per_col if n.get(i)) for i in rows}


def _caption_text(ln: Line) -> str:
    """The line's caption from its "Table N:" / "Figure N:" on, also when the caption starts in the
    right page column beside a figure's axis title ("Probability of flipping the Sign | Table 5: ...")."""
    segs = segments(ln)
    for k in range(len(segs)):
        text = " ".join(w[4] for s in segs[k:] for w in s)
        if CAPTION.match(text) or FIG_CAPTION.match(text):
            return text
    return ""


def _nearest_caption(lines: list[Line], idx: list[int], header: list[Line],
                     captions: list[tuple[int, Line]], side: str | None = None) -> int | None:
    if not captions:
        return None
    top = lines.index(header[0]) if header else idx[0]
    bottom = idx[-1]
    best, best_d = None, float("inf")
    for ci, ln in captions:
        table_caption = not FIG_CAPTION.match(_caption_text(ln))
        if ci < top and not (side == "below" and table_caption):
            d = lines[top].y0 - ln.y1
        elif ci > bottom and not (side == "above" and table_caption):
            d = ln.y0 - lines[bottom].y1
        else:
            continue
        if d < best_d:
            best, best_d = ci, d
    return best if best_d < 400 else None


def pdf_cells(pdf_path: str) -> list[LayoutCell]:
    """All layout cells of a PDF (opens it with PyMuPDF)."""
    import pymupdf

    out: list[LayoutCell] = []
    with pymupdf.open(pdf_path) as doc:
        for pno, page in enumerate(doc, 1):
            words = [(w[0], w[1], w[2], w[3], w[4]) for w in page.get_text("words")]
            out.extend(page_cells(words, pno, block_base=pno * 1000))
    return out
