"""Verification: a ``Claim`` against ``SourceIndex``es -> ``VerificationResult``.

For every number of the claim:
1. the terms it must match: the claim's frame terms (benchmark, metric, shot setting) plus the
   subject names nearest to it (``verifier.owners``: in "GQA reaches 47.1, close to MHA's 47.2" 47.2 belongs to MHA);
2. candidates: source numbers equal to it under rounding/truncation/percent rules, scored by how
   many of those terms their context (row label, column header, caption, or sentence) covers;
3. the target: the source number whose context covers the terms best, whatever its value.
The number is supported when a candidate covers the terms as well as the target does; it is
contradicted when the target covers them better and states another value (misattribution when
the claimed number also sits elsewhere: "81.9 is MHA-XXL, not MQA-XXL"); it is not found when no
context covers the claim's names (names the paper never mentions are reported as such).

One number against one paper is ``verifier.value_check``; gaps between the claim's numbers and
the claim's own direction ("rises from A to B") are checked here and in ``verifier.direction``.
Claims without such a number go to the wording check (``verifier.qualitative``), set-up checks
(``verifier.settings_check``) and table comparisons (``verifier.tablereason``); which neighbouring
cell a claim means is ``verifier.siblings``, and whether a cell is about the claim's combination at
all is ``verifier.combination``; what decides a claim's numbers together (one sentence stating
them all, a row label, a sentence in the claim's own words) is ``verifier.together``; the evidence
and reason a verdict shows are ``verifier.explain``. Numbers nothing else settles are read last in
the claim's own words, from a sentence that puts a number in the same slot (``verifier.slot``, its
verdicts in ``verifier.slot_checks``).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from verifier.checks import ValueCheck, column_neighbours, delta_beside, primary, unit_scale
from verifier.direction import check_change_direction, check_direction
from verifier.explain import as_sentence, describe, explain
from verifier.extract import WITH_PHRASE, claim_from_text
from verifier.index import SourceIndex
from verifier.normalize import APPROX_WORDS, context_terms, fmt, values_match
from verifier.owners import own_terms
from verifier.qualitative import qualitative
from verifier.sized_for import size_for_benchmark
from verifier.slot_checks import duration_refuted, slot_reading
from verifier.types import Claim, Evidence, Mention, Quantity, VerificationResult, Verdict
from verifier.terms import (
    Scored,
    Term,
    COMPARE,
    in_vocab,
    key_terms,
    claim_terms,
    score,
)
from verifier.framing import after_the_process, average_beside_a_range, the_state_before
from verifier.together import (colocated, from_to_pair, in_row_label, one_sentence_for_all, owner_in_claims_words,
                               sentence_in_claims_words)
from verifier.value_check import check_value, mentions_naming, rank, worded_as_change


_GAP_TO = re.compile(r"\s*(?:points?|pp|%|percentage points?)?\s*(?:above|over|higher than|better than|below|lower than|"
                     r"more than|less than|ahead of|behind)\s+([^,;()]+?)(?=\s*(?:[(,;]|\.(?:\s|$)|$|\band\b))")


def _compared_unstated(claim: Claim, q) -> bool:  # noqa: ANN001 - Quantity
    """Whether the gap's "above X" names an X whose number the claim does not give."""
    m = _GAP_TO.match(claim.text, q.end)
    if not m:
        return False
    rest = claim.text[m.end():]
    return not re.match(r"\s*(?:\([^()]*\)\s*)?\(\s*[-+]?\d", rest) and not any(
        m.start() <= x.start <= m.end() for x in claim.quantities if x is not q)


def _check_diff(claim: Claim, qi: int, terms: list[Term], idx: SourceIndex, checks: dict[int, ValueCheck]) -> ValueCheck:
    q = claim.quantities[qi]
    # (A gap in points is between scores, not between the "5 GB" and "26 GB" the claim also gives.)
    vals = [claim.quantities[i] for i in sorted(checks) if claim.quantities[i].role == "value"
            and not (q.unit in {"pp", "%"} and claim.quantities[i].unit in {"u", "x"})]
    if len(vals) >= 2:
        # The two numbers the gap is between: a pair that gives it, else the two nearest to it
        # ("with only 100 examples, LoRA reaches 63.8%, 3.6 points above fine-tuning (60.2%)").
        pairs = [(x, y) for i, x in enumerate(vals) for y in vals[i + 1:]]
        exact = [p for p in pairs if values_match(q.value, q.decimals, "", abs(p[0].value - p[1].value),
                                                  max(p[0].decimals, p[1].decimals), "")]
        near = sorted(vals, key=lambda x: abs(x.start - q.start))[:2]
        if not exact and _compared_unstated(claim, q):
            vals = []  # "72.0, 5.6 points above standard TIES-Merging and close to multitask (73.1)"
    if len(vals) >= 2:
        a, b = exact[0] if exact else (min(near, key=lambda x: x.start), max(near, key=lambda x: x.start))
        d = abs(a.value - b.value)
        if a.value < b.value:
            a, b = b, a  # (the larger first: "98.5% - 71.7% = 26.8", never a negative gap printed as positive)
        ok = values_match(q.value, q.decimals, "", d, max(a.decimals, b.decimals), "")
        bound = re.search(r"\b(more than|over|at least|above|less than|under|at most|below)\s*$",
                          claim.text[max(0, q.start - 16): q.start], re.I)
        if bound and not ok:  # "by more than 20 points": any larger gap bears it out
            ok = d > q.value if bound.group(1).lower() in {"more than", "over", "at least", "above"} else d < q.value
        vc = ValueCheck(q, Verdict.SUPPORTED if ok else Verdict.CONTRADICTED, index=idx)
        vc.reason = (f"{a.text} - {b.text} = {fmt(d, max(a.decimals, b.decimals))}"
                     + ("" if ok else f", not {q.text}"))
        vc.features["arithmetic"] = 1.0
        return vc
    vc = check_value(claim, qi, terms, idx)
    if vc.status == Verdict.SUPPORTED:
        return vc
    first = primary(checks)
    if first is not None and first.status == Verdict.SUPPORTED and first.best is not None and first.best.mention.kind == "cell":
        # "drops to 61.88%, a 5.43-point loss" against "61.88 (-5.43)": the change printed beside
        # the supporting cell is the one the claim states.
        m = first.best.mention
        beside = delta_beside(idx, m)
        if beside is not None:
            ok = bool(values_match(q.value, q.decimals, "", abs(beside.value), beside.decimals, ""))
            out = ValueCheck(q, Verdict.SUPPORTED if ok else Verdict.CONTRADICTED, Scored(beside, first.best.frac, (), (), False),
                             index=idx, features={"best_frac": first.best.frac, "target_frac": 1.0}, terms=list(terms))
            if not ok:
                out.alt = out.best
                out.reason = f"{describe(m)} gives {m.text} with the change {beside.text}, not {q.text}"
            return out
    # Compute the difference from the two cells named by the claim: the subject's cell and, in the
    # same column, the comparator's ("X outperforms Y by 3.1 points").
    comp = COMPARE.search(claim.text) or re.search(r"\b(above|below|higher than|lower than)\b", claim.text)
    if comp is None:
        return vc
    subj_terms = [t for t in terms if not (t.kind == "subject" and t.pos >= comp.start())]
    comp_terms = [t for t in terms if t.kind == "subject" and t.pos >= comp.end()]
    if not comp_terms:
        # "CoT-SC→ReAct reaches 64.6%, 5.2 points above CoT-SC alone": the compared thing is a
        # name the subject already said, said again after the comparison.
        comp_terms = [t for t in terms if t.kind == "subject" and t.pos < comp.start() and _said_after(t, claim, comp.end())]
        if not comp_terms or len(comp_terms) == len([t for t in subj_terms if t.kind == "subject"]):
            return vc
    first = primary(checks)
    if first is not None and first.status == Verdict.SUPPORTED and first.best is not None:
        own = first.best
    else:
        pool = sorted((score(subj_terms, m) for m in mentions_naming(idx, subj_terms) if m.kind == "cell"), key=rank, reverse=True)
        own = pool[0] if pool and pool[0].frac >= 0.999 else None
    if own is None or own.mention.kind != "cell":
        return vc
    m = own.mention
    same_col = column_neighbours(idx, m)
    frame = [t for t in comp_terms]
    subject_only = [t for t in subj_terms if t.kind == "subject" and t not in comp_terms
                    and not _said_after(t, claim, comp.end())]
    # A row that also names the claim's own subject ("ReAct → CoT-SC") is not the compared one.
    scored = sorted((score(frame, x) for x in same_col
                     if not any(score([t], x).frac >= 0.999 for t in subject_only)), key=lambda s: s.frac, reverse=True)
    if not scored or scored[0].frac < 0.999 or (len(scored) > 1 and scored[1].frac >= 0.999
                                                  and scored[1].mention.value != scored[0].mention.value):
        return vc
    other = scored[0].mention
    d = abs(m.value - other.value)
    dec = max(m.decimals, other.decimals)
    ok = values_match(q.value, q.decimals, "", d, dec, "")
    vc = ValueCheck(q, Verdict.SUPPORTED if ok else Verdict.CONTRADICTED, own, scored[0], index=idx,
                    features={"best_frac": own.frac, "target_frac": 1.0}, terms=list(terms))
    vc.reason = (f"{describe(m)} gives {m.text} and {other.row} {other.text}, a difference of {fmt(d, dec)}"
                 + ("" if ok else f", not {q.text}"))
    vc.features["arithmetic"] = 1.0
    return vc


_ROUGHLY = re.compile(rf"\b(?:{APPROX_WORDS}|over|some)\s*$", re.I)


def _ratio_of_stated(claim: Claim, checks: dict[int, ValueCheck]) -> None:
    """"0.28 s per sample versus 1.51 s, making inference roughly 5.4x faster": a multiple of the
    claim's own two numbers is their ratio, once both are found; it is not looked up on its own."""
    ratios = [i for i, c in checks.items() if c.quantity.unit == "x" or re.match(r"\s*times\b", claim.text[c.quantity.end:])]
    plain = [i for i in checks if i not in ratios and claim.quantities[i].role == "value"]
    if (len(ratios) != 1 or len(plain) != 2 or checks[ratios[0]].status == Verdict.SUPPORTED
            or any(checks[i].status != Verdict.SUPPORTED for i in plain)):
        return
    vc = checks[ratios[0]]
    q = vc.quantity
    # ("from 350GB to 35MB, about a 10,000x reduction": in one unit.)
    a, b = sorted((claim.quantities[i] for i in plain), key=lambda x: x.value * unit_scale(claim.text, x.text, x.start))
    if a.value <= 0:
        return
    r = b.value * unit_scale(claim.text, b.text, b.start) / (a.value * unit_scale(claim.text, a.text, a.start))
    # Printed to its decimals, or within a twentieth when the claim says "roughly".
    loose = _ROUGHLY.search(claim.text[:q.start]) is not None
    ok = abs(r - q.value) <= (0.05 * q.value if loose else 0.5 * 10 ** (-q.decimals) + 1e-9)
    vc.status = Verdict.SUPPORTED if ok else Verdict.CONTRADICTED
    vc.best = vc.alt = None
    vc.reason = f"{b.text} / {a.text} = {r:.{max(q.decimals, 1)}f}" + ("" if ok else f", not {q.text}")
    vc.features = {"arithmetic": 1.0, "best_frac": 1.0, "target_frac": 1.0}
    if not ok:
        vc.features["arithmetic_wrong"] = 1.0


def _said_after(t: Term, claim: Claim, start: int) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(t.text)}(?![\w-])", claim.text[start:]) is not None


def _first_value(claim: Claim) -> int:
    for i, q in enumerate(claim.quantities):
        if q.role == "value":
            return i
    return 0


def _plain_opener(claim: Claim, terms: list[Term], idx: SourceIndex) -> list[Term]:
    """A capitalised first word ("Plain PS prompting ...", "Reward models predict ...") is read as a
    name; one the paper never capitalises inside a sentence is an ordinary word."""
    first = next((t for t in terms if t.kind == "subject" and t.pos == 0), None)
    if first is None or not re.fullmatch(r"[A-Z][a-z]+", first.text):
        return terms
    if any(q.role == "name" and claim.text[first.pos + len(first.text):q.start] == " " for q in claim.quantities):
        return terms  # "Claude 2 reaches ...": a word with its version number is a name
    if re.match(r"-(?:family|families|series)\b", claim.text[first.pos + len(first.text):]):
        return terms  # "Qwen-family models ...": so is a word its family is named after

    def build() -> frozenset[str]:  # "... to the Transformer": capitalised words after a lower-case one,
        said = {m.group(1) for _, sent, _ in idx.sentences for m in re.finditer(r"\b[a-z][\w-]*,? ([A-Z][a-z]+)\b", sent)}
        # and in table labels ("Open QA"), where a row's name is written as the paper names it
        said |= {w for m in idx.mentions if m.kind == "cell" for w in re.findall(r"\b[A-Z][a-z]+\b", f"{m.row} {m.column}")}
        return frozenset(said)

    if in_vocab(first, idx.vocabulary) and first.text in idx.cached("names_mid_sentence", build):
        return terms
    return [replace(t, kind="weak") if t is first else t for t in terms]


def verify_against(claim: Claim, idx: SourceIndex) -> tuple[Verdict, dict[int, ValueCheck], list[Term]]:
    """Check every number of ``claim`` against one paper."""
    terms = _plain_opener(claim, claim_terms(claim), idx)
    checks: dict[int, ValueCheck] = {}
    value_ids = [i for i, q in enumerate(claim.quantities) if q.role == "value"]
    shared: set[str] = set()
    for n, i in enumerate(value_ids):
        own = own_terms(claim, terms, i, shared)
        checks[i] = check_value(claim, i, own, idx)
        if n == 0 and checks[i].best is not None and checks[i].best.mention.kind == "cell":
            # Names the first number matched in its column header are frame terms for the others.
            col = checks[i].best.mention
            col_terms = context_terms(col.column)
            shared |= {t.key for t in terms if t.kind == "subject" and (t.key in col_terms or (
                t.parts and all(p in col_terms for p in t.parts)))}
    colocated(claim, checks, idx, terms)
    one_sentence_for_all(claim, checks, idx, terms)
    in_row_label(claim, checks, idx, terms)
    sentence_in_claims_words(claim, checks, idx)
    owner_in_claims_words(claim, checks, idx)
    from_to_pair(claim, checks, idx, terms)
    after_the_process(claim, checks, idx)
    average_beside_a_range(claim, checks)
    the_state_before(claim, checks)
    for i, q in enumerate(claim.quantities):
        if q.role == "diff":
            checks[i] = _check_diff(claim, i, own_terms(claim, terms, i, shared), idx, checks)
    if not value_ids:
        one_sentence_for_all(claim, checks, idx, terms, role="diff")  # a claim of gaps only
    _ratio_of_stated(claim, checks)
    check_direction(claim, terms, checks, idx)
    check_change_direction(claim, checks)
    statuses = [c.status for c in checks.values()]
    if Verdict.CONTRADICTED in statuses:
        return Verdict.CONTRADICTED, checks, terms
    if statuses and all(s == Verdict.SUPPORTED for s in statuses):
        flipped = _flipped_with(claim.text, [c.best.mention for c in checks.values() if c.best is not None])
        if flipped is not None:
            c = primary(checks) or next(iter(checks.values()))
            c.status, c.alt = Verdict.CONTRADICTED, c.best
            c.reason = f"the source says \"{flipped[1]}\" where the claim says \"{flipped[0]}\""
            c.features["negated"] = 1.0
            return Verdict.CONTRADICTED, checks, terms
        c = primary(checks) or next(iter(checks.values()))
        if _NEGATED.search(claim.text[:_clause_end(claim.text, c.quantity)]):
            # "X does not reach 41.2%" while the source gives 41.2: the claim is refuted. (Not a
            # negation in a later clause: "reaches 65.9% ..., a result it does not compare against".)
            c.status, c.alt = Verdict.CONTRADICTED, c.best
            c.reason = f"the claim denies {c.quantity.text}, but {describe(c.best.mention) if c.best else 'the source'} states it"
            c.features["negated"] = 1.0
            return Verdict.CONTRADICTED, checks, terms
        return Verdict.SUPPORTED, checks, terms
    return Verdict.NOT_FOUND, checks, terms


def _flipped_with(claim_text: str, evidence: list[Mention]) -> tuple[str, str] | None:
    """("with degrading", "without degrading") when a supporting sentence says without what the
    claim says with (or the reverse): the numbers agree, the statement does not."""
    def negative(m: re.Match) -> bool:
        return m.group(1).lower() in {"without", "w/o"}

    said = {m.group(2).lower(): m for m in WITH_PHRASE.finditer(claim_text)}
    for e in evidence:
        if e.kind != "text":
            continue
        theirs = list(WITH_PHRASE.finditer(e.quote))
        for m in theirs:
            mine = said.get(m.group(2).lower())
            # (Not when the sentence says it both ways: "TIES-Merging without validation outperforms
            # Task Arithmetic with validation".)
            if mine is not None and negative(mine) != negative(m) and not any(
                    x.group(2).lower() == m.group(2).lower() and negative(x) == negative(mine) for x in theirs):
                return mine.group(0), m.group(0)
    return None


_NEGATED = re.compile(r"\b(not|never|no longer|fails? to|cannot)\b|n't\b", re.I)


def _clause_end(text: str, q) -> int:  # noqa: ANN001 - Quantity
    """Where the clause of ``text`` that holds the number ``q`` ends (a comma, semicolon or bracket)."""
    ends = [i for i in (text.find(ch, q.end) for ch in ",;)") if i >= 0]
    return min(ends) if ends else len(text)


def _weak_words(verdict: Verdict, checks: dict[int, ValueCheck]) -> float:
    """How much of the claim's plain words the evidence for ``verdict`` says (its best-covered number)."""
    picked = [(c.best if verdict == Verdict.SUPPORTED else c.alt) for c in checks.values()]  # (alt: the refuting one)
    return max((p.weak for p in picked if p is not None), default=0.0)


def _outweighed_supports_dropped(results: list) -> list:
    """Several papers: a support wins over a refutation, unless the refuting paper names the claim
    at least as fully and says far more of its words. "InstructGPT makes up information at a 41%
    rate on closed-domain tasks" is not verified by a table's 41.41 for InstructGPT on another
    benchmark when the InstructGPT paper's sentence on hallucination gives 41% to GPT-3."""
    sup = [(r, i) for r, i in results if r[0] == Verdict.SUPPORTED]
    con = [(r, i) for r, i in results if r[0] == Verdict.CONTRADICTED]
    if not sup or not con:
        return results
    (v, checks, _), _ = max(sup, key=lambda x: _strength(x[0][0], x[0][1]))
    strength, weak = _strength(v, checks), _weak_words(v, checks)
    if any(_strength(r[0], r[1]) >= strength - 1e-9 and _weak_words(r[0], r[1]) >= weak + 0.5 for r, _ in con):
        return [(r, i) for r, i in results if r[0] != Verdict.SUPPORTED]
    return results


def _strength(verdict: Verdict, checks: dict[int, ValueCheck]) -> float:
    vals = []
    for c in checks.values():
        if verdict == Verdict.SUPPORTED:
            vals.append(c.best.frac if c.best else 1.0)
        elif verdict == Verdict.CONTRADICTED:
            vals.append(c.alt.frac if c.alt else (c.best.frac if c.best else 0.0))
        else:
            vals.append(max(c.features.get("best_frac", 0.0), c.features.get("target_frac", 0.0))
                        - c.features.get("n_never", 0.0))
    return sum(vals) / len(vals) if vals else 0.0


def verify_claim(claim: Claim | str, indexes: Sequence[SourceIndex], calibrator=None) -> VerificationResult:  # noqa: ANN001
    """Verify one claim against the given papers; the best-supported paper's verdict wins."""
    from verifier.calibrate import default_calibrator, features_for

    if isinstance(claim, str):
        claim = claim_from_text(claim)
    cal = calibrator or default_calibrator()
    values = [q for q in claim.quantities if q.role in {"value", "diff"}]
    if not indexes:
        return VerificationResult(claim.id, claim.text, Verdict.NOT_FOUND, 0.5, None, "no source paper could be read")
    if not values:
        if not claim.key_terms and len([t for t in claim.terms]) < 3:
            return VerificationResult(claim.id, claim.text, Verdict.NOT_FOUND, 0.95, None,
                                      "the claim has no checkable content (no number and no named model, benchmark or metric)")
        setup, unresolved = _setting_claim(claim, indexes, cal)
        if setup is not None:
            return setup
        counts = _counts_as_values(claim)
        if counts is not None:
            # "ANLI has 16,946 training examples": with nothing else to check, the counts are the result.
            return verify_claim(counts, indexes, calibrator)
        for idx in indexes:
            sized = size_for_benchmark(claim, idx)
            if sized is not None:
                feats = {"qualitative": 1.0, "sized_for": 1.0, "best_frac": 1.0}
                conf = cal.confidence(sized[0], features_for(sized[0], feats))
                return VerificationResult(claim.id, claim.text, sized[0], conf, sized[1], as_sentence(sized[2]), feats)
        best = None
        for idx in indexes:
            v, frac, ev, reason = qualitative(claim, idx)
            if best is None or (v == Verdict.SUPPORTED and best[0] != Verdict.SUPPORTED):
                best = (v, frac, ev, reason)
        v, frac, ev, reason = best  # type: ignore[misc]
        if v == Verdict.NOT_FOUND:
            table = _table_reasoning(claim, indexes, cal)
            if table is not None:
                return table
        feats = {"qualitative": 1.0, "best_frac": frac}
        if v == Verdict.NOT_FOUND and unresolved:
            reason = unresolved  # the claim's set-up numbers, not a lack of numbers, left it undecided
        conf = cal.confidence(v, features_for(v, feats))
        return VerificationResult(claim.id, claim.text, v, conf, ev, reason, feats)
    named: dict[int, int] = {}  # id(index) -> how many of the claim's names the paper says
    if len(indexes) > 1:
        # Only papers that name the most of the claim's subjects/benchmarks can decide it.
        keys = key_terms(claim_terms(claim))
        named = {id(idx): sum(1 for t in keys if in_vocab(t, idx.vocabulary)) for idx in indexes}
        top = max(named.values())
        indexes = [idx for idx in indexes if named[id(idx)] >= top - 1] or list(indexes)
    results = _outweighed_supports_dropped([(verify_against(claim, idx), idx) for idx in indexes])
    if named and all(r[0] == Verdict.NOT_FOUND for r, i in results if named[id(i)] == top):
        # A paper naming fewer of the claim's names does not refute what the paper naming them all
        # never reports: AlphaCode's "C# / Bytes (GB)" column is no memory figure of Llama-2-70B.
        results = [(r, i) for r, i in results if r[0] != Verdict.CONTRADICTED or named[id(i)] == top]
    order = {Verdict.SUPPORTED: 0, Verdict.CONTRADICTED: 1, Verdict.NOT_FOUND: 2}
    # Several papers: a paper that states the value wins; among papers giving the same verdict, the
    # one whose evidence covers the claim best (so a not_found names the closest paper's reason).
    (verdict, checks, _terms), idx = min(results, key=lambda r: (order[r[0][0]], -_strength(r[0][0], r[0][1])))
    if verdict == Verdict.NOT_FOUND:
        # "With alpha = 0.05, uptraining took about 600 TPUv3 chip-days": a number the result paths
        # cannot place may still be a set-up number read next to its anchor words.
        setup, _ = _setting_claim(claim, indexes, cal)
        # (Its support needs every result number read as a set-up one: "keeps the top 10% of
        # parameters and sets lambda to 1" is not verified by the lambda alone.)
        if setup is not None and (_all_values_set_up(claim) if setup.verdict == Verdict.SUPPORTED
                                  else _anchored_to_a_setting(claim)):
            return setup
        table = _table_reasoning(claim, indexes, cal)
        if table is not None:
            return table
        if all(_nothing_matched(c) for c in checks.values()):
            slot = slot_reading(claim, idx, cal) or duration_refuted(claim, idx, cal)
            if slot is not None:
                return slot
            if any(q.role == "count" for q in claim.quantities):
                # "CoT with 8 independent exemplars reaches 37.4%" against "37.4% with 4 independent
                # exemplars ..., and 38.4% with 8": the sentence stating the result with another count.
                from verifier.settings_check import count_beside_result

                refuted = count_beside_result(claim, idx, own_clause=True)
                if refuted is not None:
                    return _setting_result(claim, Verdict.CONTRADICTED, *refuted, cal)
    if verdict == Verdict.SUPPORTED and any(q.role not in {"value", "diff"} for q in claim.quantities):
        # Every number of the claim must hold: "keeps the top 20% ... and sets lambda to 0.4" is not
        # verified by the 20% when the paper's recipe sets lambda = 1.
        from verifier.settings_check import count_beside_result, named_setting_refuted

        refuted = named_setting_refuted(claim, claim_terms(claim), idx) or count_beside_result(claim, idx)
        if refuted is not None:
            return _setting_result(claim, Verdict.CONTRADICTED, *refuted, cal)
        wrong = duration_refuted(claim, idx, cal)
        if wrong is not None:
            return wrong
        unstated = _count_never_stated(claim, idx)
        if unstated is not None:
            # "selected 972 real-world claims from 1,301 table descriptions": the 1,301 holds, but a
            # count the paper prints nowhere is not verified by it.
            feats = {"unstated_count": 1.0}
            conf = cal.confidence(Verdict.NOT_FOUND, features_for(Verdict.NOT_FOUND, feats))
            return VerificationResult(claim.id, claim.text, Verdict.NOT_FOUND, conf, None,
                                      f"The source never prints {unstated.text}, which the claim also states.", feats)
    ev, reason, feats = explain(claim, verdict, checks, idx)
    conf = cal.confidence(verdict, features_for(verdict, feats))
    return VerificationResult(claim.id, claim.text, verdict, conf, ev, reason, feats)


def _count_never_stated(claim: Claim, idx: SourceIndex) -> Quantity | None:
    """A count of the claim ("972 claims") that no sentence or cell of the paper prints; counts up to
    twenty (papers write them in words) and round thousands are left alone."""
    def build() -> str:
        cells = " ".join(m.text for m in idx.mentions if m.kind != "text")
        return " ".join(s for _, s, _ in idx.sentences).replace(",", "") + " " + cells.replace(",", "")

    for q in claim.quantities:
        if q.role != "count" or q.value <= 20 or q.value != int(q.value) or q.value % 1000 == 0:
            continue  # (and "100,000 samples" may be printed "100k")
        number = q.text.replace(",", "").rstrip("%")
        if not re.search(rf"(?<![\d.]){re.escape(number)}(?![\d]|\.\d)", idx.cached("printed_text", build)):
            return q
    return None


def _counts_as_values(claim: Claim) -> Claim | None:
    counted = [q for q in claim.quantities if q.role in {"count", "setting"}]
    if not any(q.role == "count" for q in counted):
        return None
    quantities = tuple(replace(q, role="value") if q in counted else q for q in claim.quantities)
    return replace(claim, quantities=quantities)


def _all_values_set_up(claim: Claim) -> bool:
    """Whether the set-up reading covers every result number of the claim: "solves 31.8% ... with 10
    submissions from 1M samples" is not verified by a sentence giving the 10 and the 1M alone."""
    from verifier.setup_numbers import setting_claim_numbers

    def bare(t: str) -> str:
        return re.sub(r"[\s,%+]", "", t).lower()

    read = {bare(n.text) for n, _, _ in setting_claim_numbers(claim)}
    return all(bare(q.text) in read for q in claim.quantities if q.role in {"value", "diff"})


def _anchored_to_a_setting(claim: Claim) -> bool:
    """Whether every set-up number of the claim is read next to a setting's name ("alpha = 0.05",
    "a learning rate of 1e-4") rather than a counted noun: "46 problems" somewhere in a paper
    does not refute "1,319 problems" in its evaluation set."""
    from verifier.setup_numbers import counted_anchor, setting_claim_numbers

    return all(not counted_anchor(a) for _, a, _ in setting_claim_numbers(claim))


def _setting_claim(claim: Claim, indexes: Sequence[SourceIndex], cal) -> tuple[VerificationResult | None, str]:  # noqa: ANN001
    """Set-up numbers (batch size, rank, steps, tokens) read next to their anchor words: the result
    when a paper decides them, else why none did ("" when the claim has no such numbers)."""
    from verifier.settings_check import check_settings

    terms = claim_terms(claim)
    why = ""
    for idx in indexes:
        verdict, ev, reason = check_settings(claim, terms, idx)
        if verdict == Verdict.SUPPORTED:
            # ("on 15 billion tokens took about 12 hours": the tokens hold, the time may not.)
            wrong = duration_refuted(claim, idx, cal)
            if wrong is not None:
                return wrong, ""
        if verdict != Verdict.NOT_FOUND:
            return _setting_result(claim, verdict, ev, reason, cal), ""
        why = why or (as_sentence(reason) if reason else "")
    return None, why


def _setting_result(claim: Claim, verdict: Verdict, ev: Evidence | None, reason: str, cal) -> VerificationResult:  # noqa: ANN001
    """A verdict read from set-up numbers, calibrated in the setting family."""
    from verifier.calibrate import features_for

    feats = {"setting_claim": 1.0}
    conf = cal.confidence(verdict, features_for(verdict, feats), family="setting")
    return VerificationResult(claim.id, claim.text, verdict, conf, ev, as_sentence(reason), feats)


def _table_reasoning(claim: Claim, indexes: Sequence[SourceIndex], cal) -> VerificationResult | None:  # noqa: ANN001
    """Comparisons and superlatives read from table cells, for claims the value paths left undecided."""
    from verifier.calibrate import features_for
    from verifier.tablereason import reason_over_tables

    for idx in indexes:
        if not any(m.kind == "cell" for m in idx.mentions):
            continue
        tv = reason_over_tables(claim, idx)
        if tv.verdict == Verdict.SUPPORTED and not tv.features.get("arithmetic") and any(
                q.role == "diff" or (q.role == "value" and worded_as_change(claim.text, q)) for q in claim.quantities):
            # The direction holds, but the claim's own number ("20% more problems than ...", "beats
            # the best Act trial by 31 percentage points") was found nowhere: a comparison the table
            # bears out does not make that number verified.
            continue
        if tv.verdict != Verdict.NOT_FOUND:
            conf = cal.confidence(tv.verdict, features_for(tv.verdict, tv.features), family="table")
            return VerificationResult(claim.id, claim.text, tv.verdict, conf, tv.evidence, as_sentence(tv.reason), tv.features)
    return None


def _nothing_matched(c: ValueCheck) -> bool:
    """Whether a number was left open only because nothing matched it: not because the paper never
    names the claim's model, nor because a sentence gives it to another domain or model."""
    if c.status != Verdict.NOT_FOUND:
        return True
    return not c.features.get("n_never") and (c.unmatched or not c.reason)


def verify_claims(claims: Sequence[Claim], indexes: Sequence[SourceIndex], calibrator=None) -> list[VerificationResult]:  # noqa: ANN001
    """Verify many claims (indexes are built once by the caller)."""
    return [verify_claim(c, indexes, calibrator) for c in claims]


__all__ = ["verify_claim", "verify_claims", "verify_against", "check_value", "claim_terms", "explain"]
