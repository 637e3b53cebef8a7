"""Sibling headers: the word that tells a cell's column (or row) apart from its neighbours.

"GPT-Neo 2.7B raw pass@5 on interview-level problems" must not be read from the INTRODUCTORY
column when an INTERVIEW column sits beside it, and "with chain-of-thought" not from "StrategyQA
standard" when "StrategyQA CoT" is next to it. A cell conflicts with a claim when the claim names
what only a sibling header has and none of what only the cell's own header has.
"""

from __future__ import annotations

import re
from collections import defaultdict

from verifier.index import SourceIndex
from verifier.normalize import STOPWORDS, name_key, stem
from verifier.types import Mention

# Header abbreviations and the words claims use for them.
_ALIASES = {
    "cot": ("chainofthought",), "sc": ("selfconsistency",), "ft": ("finetuning", "finetuned", "finetune"),
    "zs": ("zeroshot",), "fs": ("fewshot",), "std": ("standard",), "acc": ("accuracy",), "val": ("validation",),
    "dev": ("validation", "development"), "avg": ("average",), "w/o": ("without",), "pt": ("pretrained",),
    "intro": ("introductory",), "interview": ("interview",),
}
_WORD = re.compile(r"[A-Za-z][\w@.+/-]*|\d+(?:\.\d+)?[A-Za-z]*")
_CACHE: dict[int, tuple[SourceIndex, dict]] = {}


def _keys(text: str) -> frozenset[str]:
    out = set()
    for w in _WORD.findall(text or ""):
        for part in [w] + (w.split("-") if "-" in w else []):  # "interview-level" is also "interview"
            k = name_key(part)
            if not k or k in STOPWORDS or len(k) < 2:
                continue
            out.add(stem(k))
            out.update(_ALIASES.get(k, ()))
    return frozenset(out)


def claim_keys(text: str) -> frozenset[str]:
    """The claim's words, and each hyphenated compound also whole ("chain-of-thought")."""
    keys = set(_keys(text))
    for w in re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)+", text):
        keys.add(stem(name_key(w)))
    return frozenset(keys)


def _headers(idx: SourceIndex) -> dict:
    """block -> ({col_id: header keys}, {row_id: row keys}), computed once per index."""
    hit = _CACHE.get(id(idx))
    if hit is not None and hit[0] is idx:
        return hit[1]
    blocks: dict = defaultdict(lambda: ({}, {}))
    for m in idx.mentions:
        if m.kind != "cell":
            continue
        cols, rows = blocks[m.block]
        if m.col_id not in cols:
            cols[m.col_id] = _keys(m.column or "")
        if m.row_id not in rows:
            rows[m.row_id] = _keys(m.row or "")
    if len(_CACHE) > 64:
        _CACHE.clear()
    _CACHE[id(idx)] = (idx, dict(blocks))
    return _CACHE[id(idx)][1]


def sibling_column(m: Mention, claim: frozenset[str], idx: SourceIndex,
                   whole: frozenset[str] | None = None) -> tuple[str, Mention] | None:
    """(claim word, the sibling cell in the same row) when the claim's words point to a neighbouring
    column of cell ``m`` rather than to its own; None when they do not."""
    if m.kind != "cell":
        return None
    block = _headers(idx).get(m.block)
    if block is None:
        return None
    cols, rows = block
    # A row is named by the claim's subject, often far from the number: the cell's own row words
    # count anywhere in the claim (``whole``), the neighbour's only next to the number.
    for axis, own_id, same, mine_in in ((cols, m.col_id, "row_id", claim), (rows, m.row_id, "col_id", whole or claim)):
        mine = axis.get(own_id, frozenset())
        for oid, theirs in axis.items():
            if oid == own_id or not theirs:
                continue
            only_mine, only_theirs = mine - theirs, theirs - mine
            if only_theirs & claim and not only_mine & mine_in:
                other = "col_id" if same == "row_id" else "row_id"
                sib = next((x for x in idx.mentions if x.kind == "cell" and x.block == m.block
                            and getattr(x, same) == getattr(m, same) and getattr(x, other) == oid), None)
                if sib is not None:  # a real neighbour holds a value in this row (column)
                    return sorted(only_theirs & claim)[0], sib
    return None
