"""Whether a source number could be the claimed number at all, before any of its words are
weighed: the same kind of quantity (a share, a multiple, an amount in seconds or GB, a plain score),
a level or a change as the claim states it, and a cell that says what a counted number counts."""

from __future__ import annotations

import re

from verifier.normalize import stem
from verifier.sentence_numbers import worded_as_change
from verifier.setup_numbers import anchor_of, counted_anchor, numbers_in
from verifier.types import Claim, Mention, Quantity


RATIO = re.compile(r"speed|faster|slower|ratio|times|rel\.|relative|[x\u00d7]\b|reduction|fold", re.I)
MULTIPLE = re.compile(r"[x\u00d7]$")  # "3.05x", "100\u00d7"


def plausible_value(q: Quantity, m: Mention) -> bool:
    """Whether source number ``m`` could be the claimed ``q``: a quantity of the same kind and scale."""
    a, b = abs(q.value), abs(m.value)
    if q.decimals >= 1 and m.decimals == 0 and "%" not in (q.unit, m.unit) and not re.search(r"\d[kKMBT]$", m.text):
        return False  # a batch size of 32 or a weight decay of 0 is not the claimed 91.1
    if MULTIPLE.search(q.text) != MULTIPLE.search(m.text) and "%" in (q.unit, m.unit):
        return False  # "100x fewer parameters" is no percentage
    if m.kind == "text" and q.unit == "%" and q.decimals >= 1 and m.unit != "%" and m.decimals == 0:
        return False  # prose writes a percentage with "%": its bare "10" (a count, an alpha) is not "74.6%"
    if q.unit == "%" and m.unit != "%" and b > 100:
        return False  # an Elo of 902 or a count of 1,000 is not the claimed percentage
    if (MULTIPLE.search(q.text) and not MULTIPLE.search(m.text) and m.kind == "cell"
            and not RATIO.search(f"{m.row} {m.column} {m.caption}")):
        return False  # "3.05x faster" is no pass@1 of 1.6: only a speedup, ratio or "x" column gives multiples
    if "u" in (q.unit, m.unit) and "%" in (q.unit, m.unit):
        return False  # "54 million repositories", "5 GB" are amounts, not percentages
    if min(a, b) == 0 and max(a, b) >= 10:
        return False  # a dropout of 0.0 is no vocabulary of 32,000
    if a > 0 and b > 0:
        small_dec = q.decimals if a < b else m.decimals
        if min(a, b) <= 1.0 < max(a, b) and small_dec > 0 and "u" not in (q.unit, m.unit):  # "0.4 s" is no 40%
            a, b = min(a, b) * 100, max(a, b)  # a fraction (0.83) against a percentage (83.0)
        # Percentages of one quantity vary widely (75% vs 20% fewer examples); bare numbers less so.
        if max(a, b) / min(a, b) > (10 if "%" in (q.unit, m.unit) else 3):
            return False
    return True


def counted_noun(claim: Claim, q: Quantity) -> str | None:
    """What a claim's number counts, when it is a count with a magnitude ("4.5 million sentence
    pairs" -> "sentence"); None for scores, rates and plain numbers."""
    n = next((n for n in numbers_in(claim.text) if n.start == q.start), None)
    if n is None or n.mult <= 1:
        return None
    noun = anchor_of(claim.text, n)
    return noun if noun and counted_anchor(noun) else None


def says_noun(noun: str, m: Mention) -> bool:
    """Whether a cell's row, column or caption says what the claim's number counts."""
    return noun in m.terms or stem(noun) in m.terms or any(stem(t) == stem(noun) for t in m.terms)


def listed_after_a_change(claim: Claim, q: Quantity) -> bool:
    """"improves ... by 6.6% for ViT-B/32 and 2.7% for ViT-L/14": a number listed after a change is one."""
    before = [x for x in claim.quantities if x.end <= q.start and x.unit == q.unit and x.role in {"value", "diff"}]
    if not before:
        return False
    p = before[-1]
    between = claim.text[p.end:q.start]
    return (p.role == "diff" or worded_as_change(claim.text, p)) and bool(
        re.fullmatch(r"(?:(?!\.\s)[^;]){0,40}?(?:\band|,)\s*", between))


_CHANGE_HEADER = re.compile(r"gain|improv|increase|decrease|reduc|drop|change|diff|delta|\u0394|\u2206|relative|speed", re.I)


def level_cell_for_a_change(q: Quantity, m: Mention) -> bool:
    """Whether ``m`` is a plain table cell (no change in its row or column header) against a
    percentage the claim states as a change."""
    return q.role == "diff" and q.unit == "%" and m.kind == "cell" and not _CHANGE_HEADER.search(f"{m.row} {m.column}")
