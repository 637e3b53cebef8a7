"""Verification: a ``Claim`` against ``SourceIndex``es -> ``VerificationResult``.

For every number of the claim:
1. the terms it must match: the claim's frame terms (benchmark, metric, shot setting) plus the
   subject names nearest to it (so in "GQA reaches 47.1, close to MHA's 47.2" 47.2 belongs to MHA);
2. candidates: source numbers equal to it under rounding/truncation/percent rules, scored by how
   many of those terms their context (row label, column header, caption, or sentence) covers;
3. the target: the source number whose context covers the terms best, whatever its value.
The number is supported when a candidate covers the terms as well as the target does; it is
contradicted when the target covers them better and states another value (misattribution when
the claimed number also sits elsewhere: "81.9 is MHA-XXL, not MQA-XXL"); it is not found when no
context covers the claim's names (names the paper never mentions are reported as such).

Claims without such a number go to the wording check (``verifier.qualitative``), set-up checks
(``verifier.settings_check``) and table comparisons (``verifier.tablereason``); which neighbouring
cell a claim means is ``verifier.siblings``, and whether a cell is about the claim's combination at
all is ``verifier.combination``; what decides a claim's numbers together (one sentence stating
them all, a row label, a sentence in the claim's own words) is ``verifier.together``; the evidence
and reason a verdict shows are ``verifier.explain``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from verifier.checks import ValueCheck, candidates, delta_beside, primary
from verifier.combination import implicit_terms, same_combination, sibling_veto, stands_for_claim
from verifier.explain import as_sentence, describe, explain
from verifier.extract import WITH_PHRASE, claim_from_text
from verifier.index import COMPARATIVE_AFTER, SourceIndex, names_own
from verifier.normalize import BENCHMARKS, STOPWORDS, clean_text, context_terms, fmt, stem, values_match
from verifier.qualitative import qualitative
from verifier.types import Claim, Mention, Quantity, VerificationResult, Verdict
from verifier.terms import (
    Scored,
    Term,
    _COMPARE,
    _in_vocab,
    _key_terms,
    _own_terms,
    claim_terms,
    score,
)
from verifier.together import colocated, in_row_label, one_sentence_for_all, sentence_in_claims_words


def _pool(idx: SourceIndex, terms: Sequence[Term], keep=None) -> list[Mention]:  # noqa: ANN001
    """Mentions naming the most subject/benchmark terms (cheap pre-filter via the term index), among
    those ``keep`` accepts (the plausible values: a hyperparameter table naming every word of the
    claim must not crowd out the results table)."""
    hits: dict[int, int] = {}
    for t in terms:
        if t.kind not in {"subject", "benchmark"}:
            continue
        ids: set[int] = set()
        for key in {t.key, stem(t.key), t.acronym} - {""}:
            ids.update(idx.by_term.get(key, ()))
        if t.parts and len(t.parts) > 1:
            common = None
            for p in t.parts:
                got = set(idx.by_term.get(p, ()))
                common = got if common is None else common & got
            ids |= common or set()
        for i in ids:
            hits[i] = hits.get(i, 0) + 1
    if keep is not None:
        hits = {i: h for i, h in hits.items() if keep(idx.mentions[i])}
    if not hits:
        return []
    top = max(hits.values())
    keep = sorted(i for i, h in hits.items() if h >= top)
    return [idx.mentions[i] for i in keep if idx.mentions[i].kind != "delta"]


_HOW_RANK = {"exact": 3, "rounded": 2, "truncated": 1}


def _rank(s: Scored) -> tuple:
    how = _HOW_RANK.get((s.how or "exact").split("+")[0], 0)
    # A sentence that leaves the claim's benchmark unsaid ("80% of available data on a benchmark
    # task") ranks below one that names it, whatever else it names. Ties: main text before appendix.
    return (not (s.bench_missing and s.mention.kind == "text"), round(s.frac, 6), s.set_hits, how, round(s.weak, 3), s.mention.kind == "cell", -s.mention.page)


def _plausible_value(q: Quantity, m: Mention) -> bool:
    a, b = abs(q.value), abs(m.value)
    if q.decimals >= 1 and m.decimals == 0 and "%" not in (q.unit, m.unit) and not re.search(r"[kKMBT]$", m.text):
        return False  # a batch size of 32 or a weight decay of 0 is not the claimed 91.1
    if re.search(r"[x\u00d7]$", q.text) != re.search(r"[x\u00d7]$", m.text) and "%" in (q.unit, m.unit):
        return False  # "100x fewer parameters" is no percentage
    if q.unit == "%" and m.unit != "%" and b > 100:
        return False  # an Elo of 902 or a count of 1,000 is not the claimed percentage
    if a > 0 and b > 0:
        small_dec = q.decimals if a < b else m.decimals
        if min(a, b) <= 1.0 < max(a, b) and small_dec > 0:
            a, b = min(a, b) * 100, max(a, b)  # a fraction (0.83) against a percentage (83.0)
        # Percentages of one quantity vary widely (75% vs 20% fewer examples); bare numbers less so.
        if max(a, b) / min(a, b) > (10 if "%" in (q.unit, m.unit) else 3):
            return False
    return True


def _plausible_target(q: Quantity, s: Scored) -> bool:
    """A different number can refute the claim only if it could be the same kind of quantity."""
    m = s.mention
    if m.kind == "text":
        # Only a sentence that ties the number to the claim's names by itself (one number, or a list item).
        return s.frac >= 0.999 and (bool(m.strong_terms) or m.quote.count("%") + len(re.findall(r"\d+\.\d+", m.quote)) <= 1)
    return True


def check_value(claim: Claim, qi: int, terms: list[Term], idx: SourceIndex,
                skip: frozenset[int] = frozenset()) -> ValueCheck:
    """Decide one number of a claim against one paper (``skip``: ids of mentions set aside)."""
    vc = _check_value(claim, qi, terms, idx, skip)
    if (vc.status == Verdict.SUPPORTED and vc.best is not None and vc.best.mention.kind == "cell"
            and not vc.features.get("columns_tie")):  # the shared name would veto its own tie
        sibling_veto(vc, claim, terms, idx)
    if vc.status == Verdict.SUPPORTED and vc.best is not None and vc.best.mention.kind == "cell":
        _table_of_the_setting(vc, claim, terms, idx)
    if vc.status == Verdict.SUPPORTED and vc.best is not None and vc.best.mention.kind == "text":
        other = _other_domain(claim, vc.quantity, vc.best.mention)
        why = (f"the source gives {vc.quantity.text} on {other[0]}, not on {other[1]}" if other else
               "only a sentence that leaves the model unsaid, in other words than the claim's, gives this number"
               if _only_borrowed(vc.best, terms) else None)
        if why:
            if not skip:  # a second look without that sentence (a table may state the number)
                again = check_value(claim, qi, terms, idx, frozenset({id(vc.best.mention)}))
                if again.status != Verdict.NOT_FOUND:
                    return again
            vc.status, vc.best, vc.reason = Verdict.NOT_FOUND, None, why
    return vc


def _only_borrowed(best: Scored, terms: list[Term]) -> bool:
    """A sentence that names the claim's model only through the sentences before it ("Also, 34% of
    the examples contained calculator errors") must say the claim's own words too."""
    lent = best.mention.borrowed
    return bool(lent) and best.weak < 0.25 and any(
        t.kind == "subject" and (t.key in lent or (bool(t.parts) and all(p in lent for p in t.parts))) for t in terms)


_ON = re.compile(r"^\s*(?:[a-z]+\s+){0,2}?on\s+(?:the\s+)?([a-z][a-z-]*(?:\s+[a-z][a-z-]*)?)")


def _other_domain(claim: Claim, q: Quantity, m: Mention) -> tuple[str, str] | None:
    """"a 3.0x speedup on natural-language text" against "a speedup of 3.0× on code": the sentence
    says what its number is on, in plain words that share nothing with the claim's. (Named
    benchmarks are compared as names elsewhere.)"""
    mine = _ON.match(claim.text[q.end:])
    sent = clean_text(m.quote)
    at = next((k.end() for k in re.finditer(re.escape(m.text), sent)), None)
    theirs = _ON.match(sent[at:]) if at is not None else None
    if not (mine and theirs):
        return None
    said, claimed = (" ".join(w for w in g.group(1).split() if w not in STOPWORDS) for g in (theirs, mine))
    a, b = context_terms(claimed), context_terms(said)
    if not a or not b or a & b or (a | b) & BENCHMARKS:
        return None
    return said, claimed


def _table_of_the_setting(vc: ValueCheck, claim: Claim, terms: list[Term], idx: SourceIndex) -> None:
    """"Adapting only Wq with rank r = 1, LoRA reaches 73.4%": a cell of a table that has no "r"
    at all (the main results) gives way to the table whose "r = 1" column holds the claim's row
    ("Wq" under "r = 1": 68.8), when that cell names the claim about as well. "For 5 epochs" is
    the "Epochs = 5" row so."""
    from verifier.siblings import _blocks, _equations, claim_keys, sibling_column, singled_out

    wanted = _equations(claim.text)
    wanted.update({"epochs": float(n) for n in re.findall(r"\b(\d{1,3})\s+epochs?\b", claim.text, re.I)})
    if not wanted:
        return
    q, best = vc.quantity, vc.best
    blocks = _blocks(idx)
    mine = blocks.get(best.mention.block)
    if mine is not None and any(k in _equations(lab) for lab in list(mine.col_labels.values())
                                + list(mine.row_labels.values()) for k in wanted):
        return  # the supporting table has the setting's axis: the sibling veto decided
    keys = claim_keys(claim.text)
    rivals = []
    for m in idx.mentions:
        if m.kind != "cell" or m.block == best.mention.block:
            continue
        have = {**_equations(m.column), **_equations(m.row)}
        if not have or any(have.get(k, v) != v for k, v in wanted.items()) or not any(k in have for k in wanted):
            continue
        sc = score(terms, m)
        close = sc.frac >= best.frac - 0.05 or (sc.frac >= 0.5 and not sc.missing)
        if not sc.conflict and close and singled_out(m, keys, idx, claim.text):
            rivals.append(sc)
    if not rivals:
        return
    top = max(rivals, key=lambda r: (sibling_column(r.mention, keys, idx) is None, _rank(r)))
    if values_match(q.value, q.decimals, q.unit, top.mention.value, top.mention.decimals, top.mention.unit):
        vc.best = top
        return
    vc.status, vc.alt = Verdict.CONTRADICTED, top
    vc.features["setting_table"] = 1.0


_CHANGE_BY = re.compile(r"\b(?:improv\w*|gain\w*|increas\w*|boost\w*|rais\w*|lift\w*|outperform\w*|drop\w*|"
                        r"reduc\w*|decreas\w*|lower\w*|beat\w*|surpass\w*)\b[^.;]{0,60}\bby\s*$", re.I)


def _worded_as_change(text: str, q: Quantity) -> bool:
    """"improves the accuracy ... by 2.9%": a percentage the claim gives as a change, which a
    paper's "a 2.9% improvement" states."""
    return q.unit == "%" and bool(_CHANGE_BY.search(text[max(0, q.start - 90): q.start])
                                  or COMPARATIVE_AFTER.match(text[q.end:]))


def _check_value(claim: Claim, qi: int, terms: list[Term], idx: SourceIndex,
                 skip: frozenset[int] = frozenset()) -> ValueCheck:
    q = claim.quantities[qi]
    terms = implicit_terms(terms, idx)
    keys = _key_terms([t for t in terms if not t.implicit])  # the title names the paper's own system
    never = [t for t in keys if not _in_vocab(t, idx.vocabulary)]
    no_number = [t for t in keys if t not in never and not _in_vocab(t, idx.numeric_vocabulary)]
    cands = []
    change = q.role != "diff" and _worded_as_change(claim.text, q)
    for m, how in candidates(idx, q, allow_delta=q.role == "diff" or change):
        if id(m) in skip or (change and m.kind == "cell"):
            continue  # "20% more problems than ...": a cell prints a level, not the change
        s = score(terms, m)
        s.how = how
        cands.append(s)
    cands.sort(key=_rank, reverse=True)
    best = cands[0] if cands else None
    pool = [s for s in (score(terms, m) for m in _pool(idx, terms, keep=lambda m: _plausible_value(q, m) and id(m) not in skip))
            if _plausible_target(q, s)]
    pool.sort(key=_rank, reverse=True)
    if best is not None and best.mention.kind == "cell" and best.frac >= 0.5:
        # The claimed value sits in a table row/column that matches the claim: prose elsewhere (often
        # about another setting) does not override the table.
        # Unless a sentence names the claim just as fully and says far more of its words ("token
        # selection ratio ... 70% for the Mistral-7B model" against a GSM-H cell of 60.4).
        pool = [x for x in pool if x.mention.kind == "cell" or (
            x.frac >= best.frac - 1e-6 and x.weak >= best.weak + 0.3 and x.frac >= 0.999)]
    target = pool[0] if pool else None
    target_same = target is not None and same_combination(target, terms, idx)
    if target is not None and target.mention.kind == "cell" and not target_same:
        # The best-named cell is about another combination (a hyperparameter table's "MRPC" column):
        # the next one of the same standing that is about the claim's own may still refute it.
        nxt = next((x for x in pool[1:6] if x.frac >= 0.75 and not x.conflict and (
            best is None or x.frac >= best.frac - 1e-6) and same_combination(x, terms, idx)), None)
        if nxt is not None:
            target, target_same = nxt, True
    feats = {"n_cands": float(len(cands)), "best_frac": best.frac if best else 0.0,
             "target_frac": target.frac if target else 0.0, "n_never": float(len(never)),
             "n_keys": float(len(keys)), "n_no_number": float(len(no_number))}
    vc = ValueCheck(q, Verdict.NOT_FOUND, best, target, index=idx, features=feats, terms=list(terms))
    if never:
        vc.reason = f"the source never mentions {', '.join(t.text for t in never)}"
        return vc
    if no_number:
        vc.reason = f"the source mentions {', '.join(t.text for t in no_number)} but reports no result for it"
        return vc
    # Only the paper's own name in common ("SciTab") and little else of the claim's words: any
    # sentence of the paper would do as well.
    named = [t for t in terms if t.kind in {"subject", "benchmark", "metric"} and not names_own(t.key, idx.own)]
    thin = best is not None and best.weak < 0.25 and not any(t.text not in best.missing for t in named)
    best_frac = best.frac if best and not best.conflict else -1.0
    target_ok = target is not None and target.frac >= 0.75 and not target.conflict and target_same
    if best and not best.conflict and best.frac >= 0.999:
        if ((best.how or "exact") != "exact" and best.mention.kind == "cell" and target is not None
                and target.mention.kind == "text" and target.frac >= 0.999 and target.weak >= best.weak + 0.3):
            # Only a rounding of a cell about little of what the claim says, against a sentence
            # naming the claim just as fully and in its own words: the sentence decides.
            vc.status = Verdict.CONTRADICTED
            vc.features["sentence_over_rounding"] = 1.0
            return vc
        vc.status = Verdict.SUPPORTED
        return vc
    if best and stands_for_claim(best, claim, terms, idx):
        # A better-named cell elsewhere (often another table) does not make it a misattribution.
        vc.status = Verdict.SUPPORTED
        vc.features["singled_out"] = 1.0
        return vc
    weak_better = (best is not None and target is not None and abs(target.frac - best_frac) < 1e-6
                   and target.weak > best.weak + 0.25 and target.mention.kind == "cell")
    tie = next((s for s in cands if not s.conflict and _shared_by_columns(s, target, terms, idx)), None) if target_ok else None
    if tie is not None:
        # "99.3% of ChatGPT" against the row's "ChatGPT vs Sys", "Sys vs ChatGPT" and "Mean": a name
        # two columns share picks neither, and the row holds the claimed number.
        vc.best, vc.status = tie, Verdict.SUPPORTED
        vc.features["columns_tie"] = 1.0
        return vc
    if target_ok and (target.frac > best_frac + 1e-6 or weak_better):
        # Ties for the top context: supported if one of them carries the claimed value.
        top = [s for s in pool if abs(s.frac - target.frac) < 1e-6]
        for s in top:
            how = values_match(q.value, q.decimals, q.unit, s.mention.value, s.mention.decimals, s.mention.unit)
            if how:
                s.how = how
                vc.best, vc.status = s, Verdict.SUPPORTED
                return vc
        if target.mention.kind == "text" and target.frac < 0.999:
            vc.reason = "only a loosely matching sentence states a different number"
            return vc
        vc.status = Verdict.CONTRADICTED
        return vc
    if (best and not best.conflict and best.frac >= 0.6 and not best.bench_missing
            and (target is None or target.frac <= best.frac + 1e-6)
            and not thin
            and not (target is not None and target.frac >= best.frac - 1e-6 and target.weak > best.weak + 0.25
                     and not values_match(q.value, q.decimals, q.unit, target.mention.value, target.mention.decimals,
                                          target.mention.unit))):
        vc.status = Verdict.SUPPORTED
        vc.features["weak_support"] = 1.0
        return vc
    other = _given_to_another_name(best, terms, idx) if best is not None and not best.conflict else None
    if other is not None:
        vc.status, vc.alt = Verdict.CONTRADICTED, other
        vc.features["given_to_another"] = 1.0
        return vc
    vc.reason = "no number in the source matches this combination"
    return vc


def _given_to_another_name(best: Scored, terms: list[Term], idx: SourceIndex) -> Scored | None:
    """"... compared to 26.8% and 29.8% for T0 and FLAN, respectively" against "T0 reaches 29.8%":
    the sentence gives the claimed number to another name and its own number to the claim's."""
    m = best.mention
    if m.kind != "text" or not m.excluded_terms:
        return None
    subjects = [t for t in terms if t.kind == "subject" and t.key in m.excluded_terms and t.key not in m.terms]
    if not subjects:
        return None
    own = [x for x in idx.mentions if x.kind == "text" and x.page == m.page and x.quote == m.quote and x is not m
           and all(t.key in x.strong_terms for t in subjects)]
    return score(terms, own[0]) if len(own) == 1 else None


_AGGREGATE = re.compile(r"(?:the\s+)?(?:mean|average|avg\.?|overall)", re.I)


def _shared_by_columns(best: Scored, target: Scored, terms: list[Term], idx: SourceIndex) -> bool:
    """Whether the target cell outscores the claimed number's cell, the row's mean, only by names
    that at least two columns of that row carry with different numbers (the columns it averages)."""
    b, t = best.mention, target.mention
    if b.kind != "cell" or t.kind != "cell" or (b.block, b.row_id) != (t.block, t.row_id) or b.col_id == t.col_id:
        return False
    if best.frac < 0.5 or best.missing or not _AGGREGATE.fullmatch(b.column.strip()):
        return False  # only a "Mean" / "Average" column stands for the columns it averages
    b_cols, t_cols = context_terms(b.column), context_terms(t.column)
    ahead = [x for x in terms if x.kind in {"subject", "benchmark", "metric", "setting"}
             and x.key in t_cols and x.key not in b_cols]
    if not ahead:
        return False
    row = [m for m in idx.mentions if m.kind == "cell" and m.block == b.block and m.row_id == b.row_id]
    for x in ahead:
        values = {m.value for m in row if x.key in context_terms(m.column)}
        if len(values) < 2:
            return False
    return True


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
    vals = [claim.quantities[i] for i in sorted(checks) if claim.quantities[i].role == "value"]
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
        ok = values_match(q.value, q.decimals, "", d, max(a.decimals, b.decimals), "")
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
    comp = _COMPARE.search(claim.text) or re.search(r"\b(above|below|higher than|lower than)\b", claim.text)
    if comp is None:
        return vc
    subj_terms = [t for t in terms if not (t.kind == "subject" and t.pos >= comp.start())]
    comp_terms = [t for t in terms if t.kind == "subject" and t.pos >= comp.end()]
    if not comp_terms:
        return vc
    first = primary(checks)
    if first is not None and first.status == Verdict.SUPPORTED and first.best is not None:
        own = first.best
    else:
        pool = sorted((score(subj_terms, m) for m in _pool(idx, subj_terms) if m.kind == "cell"), key=_rank, reverse=True)
        own = pool[0] if pool and pool[0].frac >= 0.999 else None
    if own is None or own.mention.kind != "cell":
        return vc
    m = own.mention
    same_col = [x for x in idx.mentions if x.block == m.block and x.col_id == m.col_id and x.kind == "cell"
                and x.row_id != m.row_id]
    frame = [t for t in comp_terms]
    scored = sorted((score(frame, x) for x in same_col), key=lambda s: s.frac, reverse=True)
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


def _first_value(claim: Claim) -> int:
    for i, q in enumerate(claim.quantities):
        if q.role == "value":
            return i
    return 0


def verify_against(claim: Claim, idx: SourceIndex) -> tuple[Verdict, dict[int, ValueCheck], list[Term]]:
    """Check every number of ``claim`` against one paper."""
    terms = claim_terms(claim)
    checks: dict[int, ValueCheck] = {}
    value_ids = [i for i, q in enumerate(claim.quantities) if q.role == "value"]
    shared: set[str] = set()
    for n, i in enumerate(value_ids):
        own = _own_terms(claim, terms, i, shared)
        checks[i] = check_value(claim, i, own, idx)
        if n == 0 and checks[i].best is not None and checks[i].best.mention.kind == "cell":
            # Names the first number matched in its column header are frame terms for the others.
            col = checks[i].best.mention
            from verifier.normalize import context_terms

            col_terms = context_terms(col.column)
            shared |= {t.key for t in terms if t.kind == "subject" and (t.key in col_terms or (
                t.parts and all(p in col_terms for p in t.parts)))}
    colocated(claim, checks, idx, terms)
    one_sentence_for_all(claim, checks, idx, terms)
    in_row_label(claim, checks, idx, terms)
    sentence_in_claims_words(claim, checks, idx)
    for i, q in enumerate(claim.quantities):
        if q.role == "diff":
            checks[i] = _check_diff(claim, i, _own_terms(claim, terms, i, shared), idx, checks)
    _check_direction(claim, terms, checks, idx)
    _check_change_direction(claim, checks)
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
        if _NEGATED.search(claim.text):
            # "X does not reach 41.2%" while the source gives 41.2: the claim is refuted.
            c = primary(checks) or next(iter(checks.values()))
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
        for m in WITH_PHRASE.finditer(e.quote):
            mine = said.get(m.group(2).lower())
            if mine is not None and negative(mine) != negative(m):
                return mine.group(0), m.group(0)
    return None


_NEGATED = re.compile(r"\b(not|never|no longer|fails? to|cannot)\b|n't\b", re.I)
_UP = re.compile(r"\b(higher|better|more|greater|larger|above|outperform\w*|surpass\w*|exceed\w*|beats?|improv\w* over)\b", re.I)
_DOWN = re.compile(r"\b(lower|worse|less|fewer|smaller|below|underperform\w*|behind|trails?)\b", re.I)


# ("improves" is left out: an error rate improves as it falls.)
_RISE = re.compile(r"\b(?:lifts?|raises?|boosts?|increases?|jumps?|climbs?|rises?|grows?)\b[^.;]{0,80}?"
                   r"\bfrom\s*$", re.I)
_FALL = re.compile(r"\b(?:lowers?|reduces?|cuts?|decreases?|drops?|falls?|declines?|degrades?)\b[^.;]{0,80}?"
                   r"\bfrom\s*$", re.I)


def _check_change_direction(claim: Claim, checks: dict[int, ValueCheck]) -> None:
    """"jumps from 77.5% to 5.8%": both numbers may be the source's, but not in that order."""
    vals = [checks[i] for i in sorted(checks) if checks[i].quantity.role == "value"]
    if len(vals) != 2 or not all(c.status == Verdict.SUPPORTED for c in vals):
        return
    a, b = vals[0].quantity, vals[1].quantity
    if not re.fullmatch(r"\s*%?\s*to\s*", claim.text[a.end:b.start]):
        return
    if re.sub(r"[\d.,\s]", "", a.text) != re.sub(r"[\d.,\s]", "", b.text):
        return  # "from 1.2TB to 350GB": the units differ
    before = claim.text[max(0, a.start - 120): a.start]
    rise, fall = bool(_RISE.search(before)), bool(_FALL.search(before))
    if rise != fall and (b.value < a.value if rise else b.value > a.value):
        vals[1].status, vals[1].alt = Verdict.CONTRADICTED, vals[1].best
        vals[1].reason = (f"the claim says it {'rises' if rise else 'falls'} from {a.text} to {b.text}, but "
                          f"{b.text} is {'lower' if rise else 'higher'}: the source's numbers are the other way round")


def _check_direction(claim: Claim, terms: list[Term], checks: dict[int, ValueCheck], idx: SourceIndex) -> None:
    """"X reaches 87.47%, lower than Y": with a single supported number and a comparator that has no
    number of its own, read the comparator's cell in the same column and check the direction."""
    values = [c for c in checks.values() if c.quantity.role == "value"]
    if len(values) != 1 or values[0].status != Verdict.SUPPORTED or values[0].best is None:
        return
    comp = _COMPARE.search(claim.text) or re.search(r"\b(above|below|behind)\b", claim.text)
    up, down = bool(_UP.search(claim.text)), bool(_DOWN.search(claim.text))
    if comp is None or up == down:
        return
    m = values[0].best.mention
    comp_terms = [t for t in terms if t.kind == "subject" and t.pos >= comp.start()]
    if not comp_terms or m.kind != "cell":
        return
    same_col = [x for x in idx.mentions if x.block == m.block and x.col_id == m.col_id and x.kind == "cell"
                and x.row_id != m.row_id]
    scored = sorted((score(comp_terms, x) for x in same_col), key=lambda sc: sc.frac, reverse=True)
    if not scored or scored[0].frac < 0.999:
        return
    other = scored[0].mention
    holds = m.value > other.value if up else m.value < other.value
    if not holds:
        c = values[0]
        c.status, c.alt = Verdict.CONTRADICTED, scored[0]
        c.reason = (f"{describe(m)} gives {m.text}, which is not {'above' if up else 'below'} "
                    f"{other.row} ({other.text})")
        c.features["direction_wrong"] = 1.0


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
        setup = _setting_claim(claim, indexes, cal)
        if setup is not None:
            return setup
        counts = _counts_as_values(claim)
        if counts is not None:
            # "ANLI has 16,946 training examples": with nothing else to check, the counts are the result.
            return verify_claim(counts, indexes, calibrator)
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
        conf = cal.confidence(v, features_for(v, feats))
        return VerificationResult(claim.id, claim.text, v, conf, ev, reason, feats)
    if len(indexes) > 1:
        # Only papers that name the most of the claim's subjects/benchmarks can decide it.
        keys = _key_terms(claim_terms(claim))
        hits = [sum(1 for t in keys if _in_vocab(t, idx.vocabulary)) for idx in indexes]
        top = max(hits)
        indexes = [idx for idx, h in zip(indexes, hits) if h >= top - 1] or list(indexes)
    results = [(verify_against(claim, idx), idx) for idx in indexes]
    order = {Verdict.SUPPORTED: 0, Verdict.CONTRADICTED: 1, Verdict.NOT_FOUND: 2}
    # Several papers: a paper that states the value wins; among papers giving the same verdict, the
    # one whose evidence covers the claim best (so a not_found names the closest paper's reason).
    (verdict, checks, _terms), idx = min(results, key=lambda r: (order[r[0][0]], -_strength(r[0][0], r[0][1])))
    if verdict == Verdict.NOT_FOUND:
        table = _table_reasoning(claim, indexes, cal)
        if table is not None:
            return table
    ev, reason, feats = explain(claim, verdict, checks, idx)
    conf = cal.confidence(verdict, features_for(verdict, feats))
    return VerificationResult(claim.id, claim.text, verdict, conf, ev, reason, feats)


def _counts_as_values(claim: Claim) -> Claim | None:
    counted = [q for q in claim.quantities if q.role in {"count", "setting"}]
    if not any(q.role == "count" for q in counted):
        return None
    quantities = tuple(replace(q, role="value") if q in counted else q for q in claim.quantities)
    return replace(claim, quantities=quantities)


def _setting_claim(claim: Claim, indexes: Sequence[SourceIndex], cal) -> VerificationResult | None:  # noqa: ANN001
    """Set-up numbers (batch size, rank, steps, tokens) read next to their anchor words."""
    from verifier.calibrate import features_for
    from verifier.settings_check import check_settings

    terms = claim_terms(claim)
    for idx in indexes:
        verdict, ev, reason = check_settings(claim, terms, idx)
        if verdict != Verdict.NOT_FOUND:
            feats = {"setting_claim": 1.0}
            conf = cal.confidence(verdict, features_for(verdict, feats), family="setting")
            return VerificationResult(claim.id, claim.text, verdict, conf, ev, as_sentence(reason), feats)
    return None


def _table_reasoning(claim: Claim, indexes: Sequence[SourceIndex], cal) -> VerificationResult | None:  # noqa: ANN001
    """Comparisons and superlatives read from table cells, for claims the value paths left undecided."""
    from verifier.calibrate import features_for
    from verifier.tablereason import reason_over_tables

    for idx in indexes:
        if not any(m.kind == "cell" for m in idx.mentions):
            continue
        tv = reason_over_tables(claim, idx)
        if tv.verdict == Verdict.SUPPORTED and not tv.features.get("arithmetic") and any(
                q.role == "value" and _worded_as_change(claim.text, q) for q in claim.quantities):
            # The direction holds, but the claim's own number ("20% more problems than ...") was
            # found nowhere: a comparison the table bears out does not make that number verified.
            continue
        if tv.verdict != Verdict.NOT_FOUND:
            conf = cal.confidence(tv.verdict, features_for(tv.verdict, tv.features), family="table")
            return VerificationResult(claim.id, claim.text, tv.verdict, conf, tv.evidence, as_sentence(tv.reason), tv.features)
    return None


def verify_claims(claims: Sequence[Claim], indexes: Sequence[SourceIndex], calibrator=None) -> list[VerificationResult]:  # noqa: ANN001
    """Verify many claims (indexes are built once by the caller)."""
    return [verify_claim(c, indexes, calibrator) for c in claims]


__all__ = ["verify_claim", "verify_claims", "verify_against", "check_value", "claim_terms", "explain"]
