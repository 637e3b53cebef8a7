"""Sibling headers: the word that tells a cell's column (or row) apart from its neighbours.

"GPT-Neo 2.7B raw pass@5 on interview-level problems" must not be read from the INTRODUCTORY
column when an INTERVIEW column sits beside it, and "with chain-of-thought" not from "StrategyQA
standard" when "StrategyQA CoT" is next to it. A cell conflicts with a claim when the claim names
what only a sibling header has and none of what only the cell's own header has.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from types import SimpleNamespace

from verifier.index import SourceIndex
from verifier.normalize import BENCHMARKS, STOPWORDS, label_terms, name_key, stem
from verifier.types import Mention

# Header abbreviations and the words claims use for them.
_ALIASES = {
    "cot": ("chainofthought",), "sc": ("selfconsistency",), "ft": ("finetuning", "finetuned", "finetune"),
    "zs": ("zeroshot",), "fs": ("fewshot",), "std": ("standard",), "acc": ("accuracy",), "val": ("validation",),
    "dev": ("validation", "development"), "avg": ("average",), "w/o": ("without",), "pt": ("pretrained",),
    "intro": ("introductory",), "interview": ("interview",), "rel": ("relative",),
}
_WORD = re.compile(r"[A-Za-z][\w@.+/-]*|\d+(?:\.\d+)?[A-Za-z]*")


# One-letter model sizes in row labels ("GPT-2 M", "GPT-2 L") and the words claims use for them.
_SIZES = {"S": "small", "M": "medium", "L": "large"}


_SIZE_WORDS = frozenset({"small", "medium", "large", "base", "xl", "xxl"})


def _other_size(label: frozenset[str], claim: frozenset[str]) -> bool:
    """A label naming a size the claim does not ("GPT-2 Large ...") while the claim names one (GPT-2
    Medium): no neighbour the claim points to."""
    return bool(claim & _SIZE_WORDS and (label & _SIZE_WORDS) - claim)


_ARROW = re.compile(r"([A-Za-z][\w-]*)\s*(?:\u2192|->)\s*([A-Za-z][\w-]*)"
                    # "the CoT-SC to ReAct back-off": two names in mixed case, in order, are an arrow too
                    r"|\b([A-Za-z][a-z]*[A-Z][\w-]*)\s+to\s+([A-Za-z][a-z]*[A-Z][\w-]*)")


def _parts(word: str) -> list[str]:
    """The parts of a hyphenated word that name something by themselves: all of "interview-level",
    but of a versioned name ("Rho-1-Math", "Llama-2-Chat") only what comes before the version and
    the version itself: its "Math" is no MATH column."""
    if "-" not in word or name_key(word) in BENCHMARKS:
        return []  # "GSM-H" is GSM-Hard, not GSM8K
    parts = word.split("-")
    first = next((i for i, p in enumerate(parts) if p[:1].isdigit()), None)
    if first is None or not word[:1].isupper():
        return parts
    return [p for i, p in enumerate(parts) if i < first or p[:1].isdigit()]


def _keys(text: str) -> frozenset[str]:
    # "CoT-SC -> ReAct" is not "ReAct -> CoT-SC": the order is a key of its own.
    out = {f"{name_key(a or c)}>{name_key(b or d)}" for a, b, c, d in _ARROW.findall(text or "")}
    # A bare small number heading a column ("4" of words, steps, hops; not "2-class" or "pass@1").
    out.update("#" + n for n in re.findall(r"(?<![\w.@=\-])(\d{1,2})(?![\w.%\-])", text or ""))
    for w in _WORD.findall(text or ""):
        if w in _SIZES:
            out.add(_SIZES[w])
        for part in [w] + _parts(w):  # "interview-level" is also "interview"
            k = name_key(part)
            if not k or k in STOPWORDS or len(k) < 2:
                continue
            out.add(stem(k))
            out.update(_ALIASES.get(k, ()))
    return frozenset(out)


_SMALL_NUMBERS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten".split())}
_NUMBER_WORDS = "|".join(list(_SMALL_NUMBERS)[2:])


def claim_keys(text: str) -> frozenset[str]:
    """The claim's words, each hyphenated compound also whole ("chain-of-thought"), and the initials
    of word pairs."""
    keys = set(_keys(text))
    for w in re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)+", text):
        keys.add(stem(name_key(w)))
    # "over 4,000 tokens" is the ">4k" column.
    for num in re.findall(r"\b\d{1,3}(?:,\d{3})+\b|\b\d{4,}\b", text):
        v = int(num.replace(",", ""))
        for div, suffix in ((10**9, "b"), (10**6, "m"), (10**3, "k")):
            if v >= div and v % div == 0:
                keys.add(f"{v // div}{suffix}")
                break
    # "4-word names", "length 4", "5 steps", "four reasoning steps": the column headed by a bare "4".
    for m in re.finditer(r"\b(\d{1,2})-(?:word|letter|step|hop|digit|token)s?\b|\blength(?:s| of)?\s+(\d{1,2})\b"
                         rf"|\b(\d{{1,2}}|{_NUMBER_WORDS})\s+(?:[a-z]+\s+)?(?:words|letters|steps|hops|digits)\b", text, re.I):
        n = next(g for g in m.groups() if g).lower()
        keys.add("#" + str(_SMALL_NUMBERS.get(n, n)))
    if re.search(r"\bnext-(?:token|byte|word)\b", text, re.I):
        keys.add("#1")  # next-token prediction is the "n = 1" row
    # "the 4-token prediction model achieves a 3.0x speedup": a word said only in a count naming the
    # model describes the model, not the measure; it does not name a "Tokens / forward" column.
    # ("Least-to-Most (1-shot) prompting" does name its "(1-shot)" row.)
    described = r"\b\d+-([a-z]{3,})(?:\s+[a-z]+)?\s+models?\b"
    for w in {m.group(1) for m in re.finditer(described, text, re.I)}:
        if not re.search(rf"(?<![\w-]){re.escape(w)}", re.sub(r"\b\d+-[a-z]+\b", " ", text, flags=re.I), re.I):
            keys.discard(stem(name_key(w)))
    # "removing the scaling step" is the "\u2212SCALE" row of an ablation, "trimming" its "\u2212TRIM".
    for m in re.finditer(r"\b(?:remov|dropp|ablat|skipp|omitt|disabl|without)\w*\s+(?:the\s+)?([a-z]{3,})ing\b", text, re.I):
        root = m.group(1).lower()
        keys.update({root, root + "e", root[:-1] if len(root) > 3 and root[-1] == root[-2] else root})
    # "success rate" is the "SR" column, "exact match" the "EM" one: two-word initials.
    # Names do not abbreviate so: "WikiSQL validation" is no "Wv".
    words_ = re.findall(r"[A-Za-z]+", text)
    for a, b in zip(words_, words_[1:]):
        if (len(a) >= 3 and len(b) >= 3 and a.lower() not in STOPWORDS and b.lower() not in STOPWORDS
                and not re.search(r".[A-Z]", a + " " + b)):
            keys.add(a[0].lower() + b[0].lower())
    return frozenset(keys)


def _named(words: frozenset[str], claim: frozenset[str], shorter_by: int = 0) -> bool:
    """Whether the claim says any of ``words``, short forms included ("NEFT" for "NEFTune")."""
    return bool(words & claim) or any(len(w) >= 3 and any(c.startswith(w) and len(c) >= len(w) + shorter_by for c in claim)
                                      for w in words)


def _says(words: frozenset[str], claim: frozenset[str]) -> bool:
    """``_named`` for a neighbour's header, where a short form must be one: four letters or more,
    not a word of its own, and well short of the claim's word ("Comp" of a "Long + Comp" row for
    "comprehensive"; "Base Models" is no "baseline")."""
    return _named(frozenset(w for w in words if len(w) >= 4 and w.isalpha() and w not in _WHOLE_WORDS), claim,
                  shorter_by=3) or bool(words & claim)


def _root(word: str) -> str:
    return re.sub(r"(?:ing|ed|e|s)$", "", word) if len(word) > 5 else word


def _same_root(words: frozenset[str], claim: frozenset[str]) -> bool:
    """Whether the claim says any of ``words`` in any form ("simple averaging" for an "Average" row)."""
    return bool(words & claim) or bool({_root(w) for w in words} & {_root(c) for c in claim})


# Header words that are words of their own, not short forms: "Base Models" is no "baseline".
_WHOLE_WORDS = frozenset({"base", "long", "full", "mean", "test", "train", "self", "multi", "task", "code", "data",
                          "over", "under", "post", "fine", "zero", "few", "more", "less", "high", "low", "step"})


class _Block:
    """One table block: header keys and labels per column and row, and its cells by position."""

    def __init__(self) -> None:
        self.cols: dict[int, frozenset[str]] = {}
        self.rows: dict[int, frozenset[str]] = {}
        self.col_labels: dict[int, str] = {}
        self.row_labels: dict[int, str] = {}
        self.cells: dict[tuple[int, int], Mention] = {}


def table_blocks(idx: SourceIndex) -> dict[int, _Block]:
    """block id -> _Block, computed once per index."""
    return idx.cached("blocks", lambda: _build_blocks(idx))


def _build_blocks(idx: SourceIndex) -> dict[int, _Block]:
    blocks: dict[int, _Block] = defaultdict(_Block)
    for m in idx.mentions:
        if m.kind != "cell":
            continue
        b = blocks[m.block]
        if m.col_id not in b.cols:
            b.cols[m.col_id], b.col_labels[m.col_id] = _keys(m.column or ""), m.column or ""
        if m.row_id not in b.rows:
            b.rows[m.row_id], b.row_labels[m.row_id] = _keys(m.row or ""), m.row or ""
        b.cells.setdefault((m.row_id, m.col_id), m)
    return dict(blocks)


def _reordered_twin(b, own_id: int, oid: int) -> bool:  # noqa: ANN001 - a table block
    """Whether another column than ``oid`` (and the cell's own) has the same header words in
    another order ("ChatGPT vs Sys" / "Sys vs ChatGPT")."""
    def bag(label: str) -> tuple[str, ...]:
        return tuple(sorted(re.findall(r"\w+", (label or "").lower())))

    mine = bag(b.col_labels.get(oid, ""))
    return bool(mine) and any(bag(lab) == mine for i, lab in b.col_labels.items() if i not in (own_id, oid))


def sibling_column(m: Mention, claim: frozenset[str], idx: SourceIndex,
                   whole: frozenset[str] | None = None, skip: frozenset[int] = frozenset()) -> tuple[str, Mention] | None:
    """(claim word, the sibling cell) when the claim's words point to a neighbouring column (or row)
    of cell ``m`` rather than to its own; None when they do not."""
    if m.kind != "cell":
        return None
    b = table_blocks(idx).get(m.block)
    if b is None:
        return None
    # A row is named by the claim's subject, often far from the number: the cell's own row words
    # count anywhere in the claim (``whole``), the neighbour's only next to the number.
    for axis, own_id, mine_in in ((b.cols, m.col_id, claim), (b.rows, m.row_id, whole or claim)):
        mine = axis.get(own_id, frozenset())
        for oid, theirs in axis.items():
            if oid == own_id or not theirs:
                continue
            sib_cell = b.cells.get((m.row_id, oid) if axis is b.cols else (oid, m.col_id))
            if sib_cell is not None and id(sib_cell) in skip:
                continue
            if _other_size(theirs, whole or claim):
                continue
            only_mine, only_theirs = mine - theirs, theirs - mine
            # The claim names the neighbour's whole header ("mean") but not all of this one's
            # ("Sys vs ChatGPT"): the neighbour is meant, though "ChatGPT" is in the claim too.
            whole_theirs = axis is b.cols and theirs <= claim and not mine <= (whole or claim)
            # A row whose label is all in the claim ("ReAct") is meant rather than one that adds
            # what the claim never says ("CoT-SC -> ReAct").
            if axis is b.cols and only_theirs & claim and not whole_theirs and _reordered_twin(b, own_id, oid):
                continue  # "relative to ChatGPT" names "ChatGPT vs Sys" and "Sys vs ChatGPT" alike: neither
            purer = axis is b.rows and theirs and theirs < mine and theirs <= (whole or claim) and not _named(
                mine - theirs, whole or claim)
            if (_says(only_theirs, claim) and (not _same_root(only_mine, mine_in) or whole_theirs)) or purer:
                sib = b.cells.get((m.row_id, oid) if axis is b.cols else (oid, m.col_id))
                if sib is not None:  # a real neighbour holds a value in this row (column)
                    return (sorted(only_theirs & claim) or sorted(theirs))[0], sib
    return None


_EQUATION = re.compile(r"(?<![\w])([\u03b1-\u03c9]|[A-Za-z][A-Za-z-]{0,11})\s*=\s*(\d+(?:\.\d+)?)(?![\d.])")
_GREEK = {"\u03b1": "alpha", "\u03b2": "beta", "\u03b3": "gamma", "\u03bb": "lambda", "\u03c4": "tau"}


def equations(text: str) -> dict[str, float]:
    return {_GREEK.get(n, n.lower()): float(v) for n, v in _EQUATION.findall(text or "")}


def equation_cell(m: Mention, claim_text: str, idx: SourceIndex) -> tuple[Mention | None, str] | None:
    """The claim sets "α = 10" and cell ``m``'s row or column says "α = 5": (the cell of the
    "α = 10" row or column, or None when the table has none, with why). None when nothing clashes."""
    wanted = equations(claim_text)
    b = table_blocks(idx).get(m.block) if wanted and m.kind == "cell" else None
    if b is None:
        return None
    for labels, own_id in ((b.row_labels, m.row_id), (b.col_labels, m.col_id)):
        have = equations(labels.get(own_id, ""))
        clash = [k for k in wanted if k in have and have[k] != wanted[k]]
        if not clash:
            continue
        k = clash[0]
        keys = [(i, m.col_id) if labels is b.row_labels else (m.row_id, i)
                for i, label in labels.items() if equations(label).get(k) == wanted[k]]
        sib = next((b.cells[key] for key in keys if key in b.cells), None)
        return sib, f"the cell giving {m.text} is for {k} = {have[k]:g}, and no cell is for {k} = {wanted[k]:g}"
    return None


def singled_out(m: Mention, claim: frozenset[str], idx: SourceIndex, claim_text: str = "", one_number: bool = False) -> bool:
    """Whether the claim's words pick cell ``m`` out of its table: for its row and for its column,
    the claim names something that tells it apart from every neighbouring row (column)."""
    b = table_blocks(idx).get(m.block) if m.kind == "cell" else None
    if b is None:
        return False
    wanted = equations(claim_text)
    for axis, labels, own_id in ((b.rows, b.row_labels, m.row_id), (b.cols, b.col_labels, m.col_id)):
        have = equations(labels.get(own_id, ""))
        if have and wanted and any(k in wanted for k in have):
            # "r = 8" picks the "r = 8" column where its short words say nothing
            if all(wanted.get(k, v) == v for k, v in have.items()):
                continue
            return False
        mine = axis.get(own_id, frozenset())
        if all(oid == own_id for oid in axis):
            continue  # the table's only column (row) needs no naming
        if not mine & claim:
            return False
        for oid, theirs in axis.items():
            if oid == own_id or not theirs:
                continue
            if _other_size(theirs, claim):
                continue
            # The claim names what only this label has, or at least nothing that only the other has
            # ("Wq, Wv" against "Wq, Wk, Wv, Wo" when the claim says "Wq and Wv").
            if not (mine - theirs) & claim and (_says(theirs - mine, claim) or not theirs - mine):
                return False
            # "TIES-Merging obtains 59.2 ... per task": the row the claim names whole ("TIES-MERGING")
            # is meant, not one that shares a stray word with it ("Task Arithmetic"). (A claim with
            # several numbers names several rows whole.)
            if one_number and theirs - mine and theirs <= claim and not mine <= claim:
                return False
    return True


@lru_cache(maxsize=8192)
def _label_context(label: str) -> SimpleNamespace:
    """A row or column label as a mention-like context for ``coverage``, built once per label."""
    return SimpleNamespace(terms=label_terms(label), strong_terms=frozenset(), kind="cell", row=label, column="", caption="")


def names_other_variant(m: Mention, unsaid: list, idx: SourceIndex,  # noqa: ANN001 - Terms
                        paper_wide: bool = False) -> str | None:
    """A claim term that cell ``m``'s row and column leave unsaid but another row or column label of
    its table states: ``m`` is then another variant ("GPT-4" where the claim says "GPT-4 with
    chain-of-thought" and a "+ CoT" row exists). Returns the term's text, or None.

    ``paper_wide`` also counts the row labels of the paper's other tables: an ablation the claim
    names ("the 'equation only' prompt") may be a row of its own table, not of the main one whose
    "Chain of thought" cell holds the same number."""
    from verifier.terms import coverage

    b = table_blocks(idx).get(m.block) if m.kind == "cell" else None
    if b is None or not unsaid:
        return None

    def cov(t, label: str) -> float:  # noqa: ANN001
        return coverage(t, _label_context(label)) or 0.0

    labels = [lab for i, lab in b.row_labels.items() if i != m.row_id]
    labels += [lab for i, lab in b.col_labels.items() if i != m.col_id]
    elsewhere = [(lab, said) for bid, lab, said in _row_label_words(idx) if bid != m.block] if paper_wide else []
    own = f"{b.row_labels.get(m.row_id, '')} {b.col_labels.get(m.col_id, '')}"
    for t in unsaid:
        if cov(t, own) >= 0.3:
            continue  # partly said here ("DeBXXL" for "DeBERTa XXL"): not another variant's word
        if any(cov(t, lab) >= 0.99 for lab in labels):
            return t.text
        # Another table's row is that variant only when it says the term and nothing more ("equation
        # only"), not when it merely contains it ("GPT-3 175B (LoRA)" for a claim's "LoRA").
        said = _label_words(t.text)
        if any(words_ <= said and cov(t, lab) >= 0.99 for lab, words_ in elsewhere):
            return t.text
    return None


def _label_words(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"[a-z0-9]+", text.lower())) - STOPWORDS


def _row_label_words(idx: SourceIndex) -> list[tuple[int, str, frozenset[str]]]:
    """(block, row label, its words) of every table row of the paper, computed once per index."""
    return idx.cached("row-label-words", lambda: [(bid, lab, _label_words(lab)) for bid, b in table_blocks(idx).items()
                                                  for lab in b.row_labels.values()])
