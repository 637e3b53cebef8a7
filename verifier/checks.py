"""One number of a claim checked against one paper: the record every verification stage fills in,
and the source numbers that can stand for the claimed one."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from verifier.index import SourceIndex
from verifier.normalize import MEASURED_UNIT, clean_text, lookup_keys, values_match
from verifier.terms import Scored
from verifier.types import Mention, Quantity, Verdict


@dataclass
class ValueCheck:
    """The verdict on one number of a claim, with the mention that decides it."""

    quantity: Quantity
    status: Verdict
    best: Scored | None = None
    alt: Scored | None = None
    reason: str = ""
    index: SourceIndex | None = None
    features: dict[str, float] = field(default_factory=dict)
    terms: list = field(default_factory=list)
    # Left open only because no number matched (not because the paper never names the claim's
    # model, nor gives the number to another case): later readings may still decide it.
    unmatched: bool = False


# A table header that says its numbers are measured amounts ("Tinfer (s)", "Memory", "GB").
MEASURE_WORDS = re.compile(rf"\b(?:{MEASURED_UNIT}|time|memory|size|tokens?/s|throughput|speed|latency|million|billion|[MB])\b|\(s\)",
                            re.I)


# Memory and time units as written: (the unit they are, what one is worth in its base unit).
UNITS = {"kb": ("kb", 1e3), "mb": ("mb", 1e6), "gb": ("gb", 1e9), "tb": ("tb", 1e12), "kib": ("kb", 2.0 ** 10),
         "mib": ("mb", 2.0 ** 20), "gib": ("gb", 2.0 ** 30), "tib": ("tb", 2.0 ** 40), "ms": ("ms", 1e-3),
         "s": ("s", 1.0), "sec": ("s", 1.0), "secs": ("s", 1.0), "second": ("s", 1.0), "seconds": ("s", 1.0),
         "min": ("min", 60.0), "mins": ("min", 60.0), "minute": ("min", 60.0), "minutes": ("min", 60.0),
         "h": ("h", 3600.0), "hour": ("h", 3600.0), "hours": ("h", 3600.0), "day": ("d", 86400.0), "days": ("d", 86400.0)}


def _unit_written(text: str, number: str, start: int) -> tuple[str, float] | None:
    """The memory or time unit written on or right after ``number`` in ``text`` ("350GB", "0.4
    seconds"); None when there is none."""
    glued = re.fullmatch(r"[\d.,]+\s*([A-Za-z]+)", number)
    if glued:
        return UNITS.get(glued.group(1).lower())
    at = text.find(number, start)
    if at < 0:
        return None
    hit = re.match(r"\s*([A-Za-z]+)\b", text[at + len(number):])
    return UNITS.get(hit.group(1).lower()) if hit else None


def unit_word(text: str, number: str, start: int = 0) -> str | None:
    """The unit ``number`` is written in, normalised ("GiB" is "gb"); None when it has none."""
    unit = _unit_written(text, number, start)
    return unit[0] if unit else None


def other_unit(said: str | None, m: Mention) -> bool:
    """Whether a sentence writes its number in another memory or time unit than ``said``, the
    claim's ("350MB" against the "350GB" of a sentence)."""
    return bool(said) and m.kind == "text" and unit_word(clean_text(m.quote), m.text) not in {None, said}


def unit_scale(text: str, number: str, start: int = 0) -> float:
    """What one of ``number``'s units is worth in the unit's base ("350GB" against "35MB"); 1 when
    it has none."""
    unit = _unit_written(text, number, start)
    return unit[1] if unit else 1.0


def candidates(idx: SourceIndex, q: Quantity, allow_delta: bool) -> list[tuple[Mention, str]]:
    seen: set[int] = set()
    out = []
    v = abs(q.value) if q.role == "diff" else q.value
    for k in lookup_keys(abs(v), q.unit):
        for i in idx.buckets.get(k, ()):
            if i in seen:
                continue
            seen.add(i)
            m = idx.mentions[i]
            if (m.kind == "delta" or m.change) and not allow_delta:
                continue
            if q.unit == "u" and m.kind == "text" and m.unit != "u":
                continue  # prose writes "0.4 seconds" with its unit: a bare 1 is not "1.0 seconds"
            if q.unit == "u" and m.kind == "cell" and not MEASURE_WORDS.search(f"{m.row} {m.column} {m.caption}"):
                continue  # a table gives seconds or GB under a header that says so, not in an "h" column
            sv = abs(m.value) if q.role == "diff" else m.value
            how = values_match(v, q.decimals, q.unit if q.unit in {"%", "x", "u"} else "", sv, m.decimals, m.unit)
            if how:
                out.append((m, how))
    return out


def primary(checks: dict[int, ValueCheck]) -> ValueCheck | None:
    for i in sorted(checks):
        if checks[i].quantity.role == "value":
            return checks[i]
    return None


def column_neighbours(idx: SourceIndex, m: Mention) -> list[Mention]:
    """The other rows' cells of cell ``m``'s column."""
    return [x for x in idx.mentions if x.block == m.block and x.col_id == m.col_id and x.kind == "cell"
            and x.row_id != m.row_id]


def mentions_by_sentence(idx: SourceIndex) -> dict[str, list[Mention]]:
    """sentence -> its numbers, in the index's order; built once per index."""
    def build() -> dict[str, list[Mention]]:
        out: dict[str, list[Mention]] = {}
        for m in idx.mentions:
            if m.kind == "text":
                out.setdefault(m.quote, []).append(m)
        return out

    return idx.cached("text_by_quote", build)


def delta_beside(idx: SourceIndex, m: Mention) -> Mention | None:
    """The change printed beside table cell ``m`` ("61.88 (-5.43)"), if any."""
    def build() -> dict[tuple[int, int, int], Mention]:
        out: dict[tuple[int, int, int], Mention] = {}
        for x in idx.mentions:
            if x.kind == "delta":
                out.setdefault((x.block, x.row_id, x.col_id), x)
        return out

    return idx.cached("deltas", build).get((m.block, m.row_id, m.col_id))
