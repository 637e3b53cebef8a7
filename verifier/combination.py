"""Whether a table cell is about the claim's own combination: the checks that decide which cell a
claim means (a neighbouring row or column it names instead, "α = 10" against "α = 5"), whether a cell
that gives a different number may refute it, and whether the cell holding the claimed number stands
for the claim although a better-named cell elsewhere disagrees.
"""

from __future__ import annotations

import re
from dataclasses import replace

from verifier.checks import MEASURE_WORDS, ValueCheck
from verifier.extract import PAIR_NAMES, negated_spans
from verifier.index import SourceIndex
from verifier.own_system import names_own
from verifier.normalize import ARTICLE, BENCHMARKS, FROM_END, stem, values_match
from verifier.owners import from_number
from verifier.plausible import plausible_value
from verifier.siblings import claim_keys, equation_cell, names_other_variant, sibling_column, singled_out
from verifier.terms import COMPARE, Scored, Term, claim_terms, coverage, score
from verifier.types import Claim, Mention, Quantity, Verdict


def sibling_veto(vc: ValueCheck, claim: Claim, terms: list[Term], idx: SourceIndex) -> None:
    """A cell supports the number only if the claim's "α = 10" is not the cell's "α = 5", and the
    words next to the number do not name a neighbouring column or row ("interview-level" against
    the INTRODUCTORY column)."""
    q, m = vc.quantity, vc.best.mention
    if pinned_by_assignments(m, terms):
        return  # "h = 1, dk = 512" name this ablation row, whatever "base" row stands beside it
    # "Reducing the base model to one head (dk = 512) lowers BLEU from 25.8 to 24.9": the setting
    # says what the change makes; the "from" number is the row before it.
    baseline = from_number(claim.text, q)
    eq = None if baseline else equation_cell(m, claim.text, idx)
    text = claim.text
    if baseline:
        for e in re.finditer(r"\b\w+\s*=\s*(?:\w+\s*=\s*)*[\d.]+", claim.text):
            text = _blank(text, e.start(), e.end())
        text = without_method(text, q)
    if eq is not None:
        sib, why = eq
        if sib is None:
            vc.status, vc.best, vc.reason = Verdict.NOT_FOUND, None, why
        elif values_match(q.value, q.decimals, q.unit, sib.value, sib.decimals, sib.unit):
            vc.best = score(terms, sib)
        else:
            vc.status, vc.alt = Verdict.CONTRADICTED, score(terms, sib)
        return
    # "Without clustering" does not point to the "+ clustering" row.
    for a, b in negated_spans(text):
        text = _blank(text, a, b)
    # With one number the whole claim describes it; with several, each owns the words around it.
    single = sum(1 for x in claim.quantities if x.role in {"value", "diff"}) == 1
    # The words before the claim's first number frame them all ("On APPS interview-level problems, ...").
    first = min((x.start for x in claim.quantities if x.role in {"value", "diff"}), default=q.start)
    if not single:
        text = _without_others_asides(text, claim, q)
        # "ReAct beats chain-of-thought on FEVER (60.9 vs 56.3)": a name the claim gives another
        # of its numbers is not this one's, so a "CoT-SC -> ReAct" row does not name 60.9 better.
        # (Only across a comparison: "goes from 0.0% ... to 63.0%" keeps its model for both numbers.)
        mine = {t.key for t in terms}
        comp = COMPARE.search(claim.text)
        for t in claim_terms(claim) if comp else ():
            if t.kind == "subject" and t.key not in mine and claim.text[t.pos:t.pos + len(t.text)] == t.text:
                text = _blank(text, t.pos, t.pos + len(t.text))
    if single:
        # "least-to-most reaches 76.68%, ahead of chain-of-thought": the compared method's row is
        # not the claim's, so its name does not keep a neighbouring row from naming the number.
        for c in _COMPARED.finditer(text):
            if not c.start(1) <= q.start < c.end(1):
                text = _blank(text, c.start(1), c.end(1))
    near = text if single else text[:first] + " " + text[max(first, q.start - 60): q.end + 60]
    others = [x for x in claim.quantities if x is not q]
    near_keys, text_keys = claim_keys(near), claim_keys(text)
    skip: set[int] = set()
    while True:
        hit = sibling_column(m, near_keys, idx, whole=text_keys, skip=frozenset(skip))
        if hit is None:
            return
        _, sib = hit
        if values_match(q.value, q.decimals, q.unit, sib.value, sib.decimals, sib.unit):
            vc.best = score(terms, sib)
            return
        if (q.unit == "u" and (sib.block, sib.row_id) == (m.block, m.row_id) and not plausible_value(q, sib)
                and MEASURE_WORDS.search(m.column)):
            # "47.7 ROUGE-1 on PubMed at an inference time of 0.28 s": the claimed amount sits in a
            # column of amounts ("Tinfer (s)"); a neighbouring score column is no reading of it.
            return
        if not any(values_match(x.value, x.decimals, x.unit, sib.value, sib.decimals, sib.unit) for x in others):
            break
        if (sib.block, sib.row_id) != (m.block, m.row_id):
            return  # "from 48.2% with standard prompting to 46.7%": the claim gives that row's number too
        # "5 attempts solves 9.66% of introductory problems": the "Attempts" column of the row is the
        # claim's setting; the other column it names may still be the one it means.
        skip.add(id(sib))
    vc.status, vc.alt = Verdict.CONTRADICTED, score(terms, sib)


_COMPARED = re.compile(r"\b(?:ahead of|behind|better than|higher than|lower than|worse than|outperforming|beating|"
                       r"surpassing|compared (?:to|with)|versus|vs\.?)\s+([^,;()]+?)(?=\s*(?:[(,;]|\.(?:\s|$)|$))", re.I)
_LIFTS = r"(?:lifts?|raises?|improves?|boosts?|increases?|pushes|takes?|brings?)"


def without_method(text: str, q: Quantity) -> str:
    """The claim's words for the "from" number of "from A to B": the method that makes the second
    number is not the first one's ("With chain-of-thought prompting, LaMDA jumps from 5.8% to
    77.5%"; "chain-of-thought prompting lifts GPT-3 175B from 33.8% to 91.7%")."""
    if not from_number(text, q):
        return text
    opening = re.match(r"\s*(?:With|Using|Adding|Applying)\s+[^,]{1,60},", text)
    if opening:
        return _blank(text, opening.start(), opening.end())
    clause = text.rfind(",", 0, q.start) + 1
    lifted = re.match(rf"\s*([^,]{{1,60}}?)\s+{_LIFTS}\s+(\S[^,]*?)\s+from\s*{ARTICLE}$", text[clause:q.start])
    # Only a method lifting a named model ("GPT-3 175B", "Codex"): "Adding NEFTune to LLaMA-2 13B raises
    # its win rate" keeps its model.
    if lifted and not re.search(r"\d", lifted.group(1)) and re.search(r"\d|\b[A-Z]", lifted.group(2)):
        return _blank(text, clause + lifted.start(1), clause + lifted.end(1))
    return text


def _blank(text: str, a: int, b: int) -> str:
    """``text`` with characters a..b spaced out: the words are gone, every offset stays."""
    return text[:a] + " " * (b - a) + text[b:]


def _without_others_asides(text: str, claim: Claim, q: Quantity) -> str:
    """Blank the words another number of the claim owns: those bracketed right after it ("from 62%
    (raw) to 4%, with 203.7 tests" says "raw" of the 62%), and the other side of a "from A ... to B"."""
    for x in claim.quantities:
        if x is q:
            continue
        m = re.match(r"\s?\([^()]{1,40}\)", text[x.end:])
        if m:
            text = _blank(text, x.end + m.start(), x.end + m.end())
        # "from 0.0% with standard prompting to 63.0% with chain-of-thought": each side's words are its own.
        if x.end <= q.start and re.search(FROM_END, text[:x.start]):
            m = re.fullmatch(rf"(.{{0,60}}?)\bto\s*{ARTICLE}", text[x.end:q.start])
            if m:
                text = _blank(text, x.end, x.end + m.end(1))
        elif q.end <= x.start and re.search(FROM_END, text[:q.start]) and re.fullmatch(
                rf".{{0,60}}?\bto\s*{ARTICLE}", text[q.end:x.start]):
            end = re.search(r"[,;.](?!\d)|$", text[x.end:])
            text = _blank(text, x.end, x.end + end.start())
    return text


def implicit_terms(terms: list[Term], idx: SourceIndex) -> list[Term]:
    """Mark the paper's own system name as implicit (see ``Term``) when the claim names something
    else that a table row or column can match."""
    suites = _suites(terms, idx)
    if suites:
        terms = [replace(t, kind="weak") if t in suites else t for t in terms]

    def implicit(t: Term) -> bool:
        # The paper's own system, or its own benchmark ("SciTab" in the SciTab paper, the
        # CodeContests dataset AlphaCode builds and reports every result on).
        return t.kind in {"subject", "benchmark"} and names_own(t.key, idx.own) or (
            t.kind == "benchmark" and t.key in idx.own_data)

    rest = [t for t in terms if t.kind in {"subject", "benchmark", "setting"} and not implicit(t)]
    if not rest:
        return terms
    return [replace(t, implicit=True) if implicit(t) else t for t in terms]


def _suites(terms: list[Term], idx: SourceIndex) -> list[Term]:
    """A benchmark named just before another ("BIG-bench Date Understanding") is the suite the
    other comes from when the paper says so in one sentence; tables name only the task."""
    # ("HumanEval pass@1": a metric after a benchmark makes no suite of it.)
    benches = sorted((t for t in terms if t.kind == "benchmark" and not t.key.startswith("pass@")), key=lambda t: t.pos)
    out = []
    for a, b in zip(benches, benches[1:]):
        if 0 < b.pos - a.pos <= len(a.text) + 3 and any(
                a.key in st and b.key in st for _, _, st in idx.sentences):
            out.append(a)
    return out


def same_combination(target: Scored, terms: list[Term], idx: SourceIndex) -> bool:
    """Whether a cell giving another number is about the claim's combination, so that it can refute
    the claim. Not when its row and column name another benchmark than the claim's (the claim's
    only in the caption: "MultiArith" for a MATH claim), nor when a setting of the claim that this
    cell leaves unsaid names a neighbouring row or column instead ("+ CoT" for a chain-of-thought claim)."""
    m = target.mention
    if m.kind != "cell":
        return True
    strong = m.strong_terms
    for t in terms:
        if t.kind == "benchmark" and not t.implicit and not t.key.startswith("pass@") and strong & BENCHMARKS:
            if t.key not in strong and stem(t.key) not in strong and not (t.parts and all(p in strong for p in t.parts)):
                return False
    # A translation direction the paper never names (EN-FR in a paper that translates only EN-DE):
    # a cell that leaves its direction unsaid is about the paper's own, not the claim's.
    for t in terms:
        if t.key.startswith("pair:") and coverage(t, m) is None and not _names_pair(t.key[5:], idx):
            return False
    # Settings only ("with CoT", "zero-shot"), said by the row and column: a caption over zero-shot
    # and in-context columns says nothing about this cell. (A "+NEFT" row does not repeat "7B".)
    own = replace(m, terms=m.strong_terms)
    if pinned_by_assignments(m, terms):
        return True  # "h = 1, dk = 512": the ablation row these values define, a variant of "base" by design
    unsaid = [t for t in terms if t.kind == "setting" and (coverage(t, own) or 0.0) < 0.99]
    return names_other_variant(m, unsaid, idx) is None


def pinned_by_assignments(m: Mention, terms: list[Term]) -> bool:
    """Whether the claim's hyperparameter values ("h = 1, dk = dv = 512") are all those of cell
    ``m``'s row (see ``index._row_assignments``)."""
    assigned = [t for t in terms if t.key.startswith("set:")]
    return bool(assigned) and all(coverage(t, m) == 1.0 for t in assigned)


# "enfr" -> {"enfr", "englishtofrench", "englishfrench", ...}: every way a context term spells a direction.
_PAIR_SPELLINGS: dict[str, set[str]] = {}
for _name, _pair in PAIR_NAMES.items():
    _PAIR_SPELLINGS.setdefault(_pair, {_pair}).add(_name)


def _names_pair(pair: str, idx: SourceIndex) -> bool:
    return bool(_PAIR_SPELLINGS.get(pair, {pair}) & idx.vocabulary)


def stands_for_claim(best: Scored, claim: Claim, terms: list[Term], idx: SourceIndex, q: Quantity | None = None) -> bool:
    """The cell holding the claimed number stands for the claim when the claim's words name its row
    and column against all their neighbours, and what it leaves unsaid no neighbour says."""
    m = best.mention
    text = without_method(claim.text, q) if q is not None else claim.text
    one = sum(1 for q in claim.quantities if q.role == "value") == 1
    # (Another table's row counts only against a lone number: with several, a name left unsaid here
    # may be the other number's: "53.1 ..., 0.9 points above plain Float4 (52.2)".)
    return (m.kind == "cell" and not best.conflict and not best.bench_missing and best.frac >= 0.5
            and singled_out(m, claim_keys(text), idx, text, one_number=one)
            and names_other_variant(m, [t for t in terms if t.text in best.missing], idx, paper_wide=one) is None)
