"""One number of a claim against one paper (``check_value``): its candidates (source numbers equal
to it under rounding, percent and change rules), the target (the source number whose context covers
the claim's terms best), and the vetoes that follow a support (a neighbouring column the claim
names, the table of the claim's setting, a sentence about another case). Which source numbers could
be the claimed one at all (kind of quantity, level or change) is ``verifier.plausible``."""

from __future__ import annotations

import re
from typing import Sequence

from verifier.checks import ValueCheck, candidates, other_unit, unit_word
from verifier.combination import implicit_terms, pinned_by_assignments, same_combination, sibling_veto, stands_for_claim
from verifier.index import SourceIndex
from verifier.own_system import names_own
from verifier.plausible import (MULTIPLE, RATIO, counted_noun, level_cell_for_a_change, listed_after_a_change,
                                plausible_value, says_noun)
from verifier.normalize import BENCHMARKS, NUMBER, OTHER_SYSTEM, STOPWORDS, clean_text, context_terms, stem, values_match
from verifier.sentence_checks import (given_to_another_clause, given_to_another_label, given_to_another_listed,
                                      given_to_another_name, labelled_share, own_case_number,
                                      label_unsaid, only_borrowed, other_case, other_domain, other_measure,
                                      other_basis, other_rank, other_superlative)
from verifier.sentence_numbers import worded_as_change
from verifier.terms import Scored, Term, in_vocab, key_terms, score
from verifier.types import Claim, Mention, Quantity, Verdict


def mentions_naming(idx: SourceIndex, terms: Sequence[Term], keep=None) -> list[Mention]:  # noqa: ANN001
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


# Why a number was left open when nothing in the paper matched it (``ValueCheck.unmatched`` lets
# the slot reading, ``verifier.slot``, still decide it).
NOTHING_MATCHED = "no number in the source matches this combination"

_HOW_RANK = {"exact": 3, "rounded": 2, "truncated": 1}


def rank(s: Scored) -> tuple:
    how = _HOW_RANK.get((s.how or "exact").split("+")[0], 0)
    # A sentence that leaves the claim's benchmark unsaid ("80% of available data on a benchmark
    # task") ranks below one that names it, whatever else it names. Ties: main text before appendix.
    # At equal coverage, one that says the claim's "with self-consistency" beats one that leaves it unsaid.
    said = sum(1 for c in s.covered if c.startswith(("yes:", "no:")))
    return (not (s.bench_missing and s.mention.kind == "text"), round(s.frac, 6), said, s.set_hits, how, round(s.weak, 3),
            s.mention.kind == "cell", -s.mention.page)


def _plausible_target(q: Quantity, s: Scored, gap_settings: frozenset[str] | None = None,
                      terms: Sequence[Term] = (), idx: SourceIndex | None = None) -> bool:
    """A different number can refute the claim only if it could be the same kind of quantity
    (``gap_settings``: the claim's settings, given when it is a gap put in words of its own)."""
    m = s.mention
    if m.kind == "text" and m.unit == "%" and not q.unit and q.decimals == 0:
        return False  # "of 50 incorrect chains" is a count: a sentence's 46% is not its value
    if m.kind == "text" and q.unit == "%" and m.unit != "%" and m.decimals == 0:
        return False  # and "we sampled 50 trajectories" is no share: prose writes a share with "%"
    if m.kind == "text" and (q.unit == "x") != (m.unit == "x"):
        return False  # "5.4 times faster" is no "5% uptrained" nor "alpha = 0.05": prose says "times" or "x"
    if m.kind == "text":
        # Only a sentence that ties the number to the claim's names by itself (one number, or a list
        # item); "33.33%" is one number. A gap the claim puts in words ("removing the scaling step")
        # is refuted only by a sentence that says some of them or its setting ("with validation"),
        # not by one that gives the same model a gap over something else.
        return _names_all(s, terms, idx) and (bool(m.strong_terms) or len(re.findall(r"\d+\.\d+%?|\d+%", m.quote)) <= 1) and (
            gap_settings is None or s.weak > 0 or bool(gap_settings.intersection(s.covered)))
    return True


def _names_all(s: Scored, terms: Sequence[Term], idx: SourceIndex | None) -> bool:
    """Whether a sentence names all the claim says. A metric the sentences just before it name counts
    as said: "To measure the inter-annotator agreement, we use Cohen's Kappa. Our inter-annotator
    agreement is 0.630 for ... and 0.719 for the NEI claim verification task"."""
    if s.frac >= 0.999:
        return True
    missing = [t for t in terms if t.text in s.missing]
    return (idx is not None and s.mention.kind == "text" and not s.conflict and bool(missing)
            and all(t.kind == "metric" for t in missing) and said_near(idx, s.mention, missing))


def _capitals_unsaid(claim: Claim, idx: SourceIndex) -> list[Term]:
    """Benchmarks whose name is also a common word ("DROP", "SCAN"), written in capitals by the claim
    and never so by the paper: "a drop of 2 points" is no DROP result."""
    out = []
    for m in re.finditer(r"\b([A-Z]{3,})\b", claim.text):
        key = m.group(1).lower()
        if key not in BENCHMARKS or key not in STOPWORDS:
            continue
        said = idx.cached(f"capitals:{m.group(1)}", lambda: any(
            re.search(rf"\b{m.group(1)}\b", s) for _, s, _ in idx.sentences) or any(
            m.group(1) in f"{x.row} {x.column} {x.caption or ''}" for x in idx.mentions if x.kind == "cell"))
        if not said:
            out.append(Term(m.group(1), "benchmark", m.start(), key, (key,)))
    return out


def lone_number(claim: Claim) -> bool:
    """Whether the claim states one number only: with several ("Zero-shot-CoT got 46 wrong,
    Zero-shot-PS 43 and Zero-shot-PS+ 39") its names and words are shared out among them."""
    return sum(x.role in {"value", "diff", "count", "name"} for x in claim.quantities) == 1


def check_value(claim: Claim, qi: int, terms: list[Term], idx: SourceIndex,
                skip: frozenset[int] = frozenset()) -> ValueCheck:
    """Decide one number of a claim against one paper (``skip``: ids of mentions set aside)."""
    vc = _check_value(claim, qi, terms, idx, skip)
    if vc.features.get("n_no_number") and not skip:
        vc = _named_nearby(vc, claim, qi, terms, idx)
    if (vc.status == Verdict.SUPPORTED and vc.best is not None and OTHER_SYSTEM in vc.best.mention.terms
            and not skip and lone_number(claim) and any(t.implicit and t.kind == "subject" for t in vc.terms or ())):
        # "TIES-Merging ... reaches 73.1" against the MULTITASK row of a table that gives TIES-Merging
        # a row of its own: a baseline's number. Decided again without such cells (each reading of it).
        q = claim.quantities[qi]
        baselines = frozenset(id(m) for m in idx.mentions if OTHER_SYSTEM in m.terms and values_match(
            q.value, q.decimals, q.unit, m.value, m.decimals, m.unit))
        again = check_value(claim, qi, terms, idx, baselines)
        again.features["other_system_row"] = 1.0
        return again
    if (vc.status == Verdict.SUPPORTED and vc.best is not None and vc.best.mention.kind == "cell"
            and not vc.features.get("columns_tie")):  # the shared name would veto its own tie
        sibling_veto(vc, claim, terms, idx)
    if vc.status == Verdict.SUPPORTED and vc.best is not None and vc.best.mention.kind == "cell":
        _table_of_the_setting(vc, claim, terms, idx)
    if vc.status == Verdict.SUPPORTED and vc.best is not None and vc.best.mention.kind == "text":
        clause = (given_to_another_clause(vc.best, terms, idx) or given_to_another_listed(vc.best, terms, idx)
                  if lone_number(claim) else given_to_another_label(claim, vc.quantity, vc.best, terms, idx))
        if clause is not None:
            _given_to_another(vc, clause)
            if not lone_number(claim):
                vc.features["clause_of_another"] = 1.0
            return vc
        other = other_domain(claim, vc.quantity, vc.best.mention)
        rank = other_rank(claim, vc.best.mention)
        below = other_superlative(claim, vc.best.mention)
        label = label_unsaid(claim, vc.best.mention)
        case = (other_case(claim, vc.best.mention) or other_basis(claim, vc.quantity, vc.best.mention)
                or other_measure(claim, vc.quantity, vc.best.mention))
        why = (f"the source gives {vc.quantity.text} on {other[0]}, not on {other[1]}" if other else
               f"the source gives {vc.quantity.text} for \"{case[0]}\", not \"{case[1]}\"" if case else
               f"the sentence that gives {vc.quantity.text} does not speak of the {rank}" if rank else
               f"the source gives {vc.quantity.text} to the {below[0]}, not the {below[1]}" if below else
               f"the source gives {vc.quantity.text} for \"{label}\", which the claim does not say" if label else
               "only a sentence that leaves the model unsaid, in other words than the claim's, gives this number"
               if only_borrowed(vc.best, terms, idx) else None)
        own = (own_case_number(claim, terms, vc.best.mention, idx, rank, below[1] if below else None)
               if (rank or label or below) else None)
        if own is None and label:
            own = labelled_share(claim, terms, vc.best.mention, idx)
        if own is not None and not own.conflict:
            return _given_to_another(vc, own)
        if why:
            if not skip:  # a second look without that sentence (a table may state the number)
                again = check_value(claim, qi, terms, idx, frozenset({id(vc.best.mention)}))
                # (Where the sentence gave the number to a case the claim does not name, a support
                # found only in a cell that names part of the claim does not stand in for it.)
                if again.status != Verdict.NOT_FOUND and not (
                        (label or case) and again.status == Verdict.SUPPORTED and again.best is not None
                        and again.best.frac < 0.99):
                    return again
            vc.status, vc.best, vc.reason = Verdict.NOT_FOUND, None, why
            vc.unmatched = bool(rank or below or label or case)  # the sentence about the claim's own case may still be read
    return vc


def _named_nearby(vc: ValueCheck, claim: Claim, qi: int, terms: list[Term], idx: SourceIndex) -> ValueCheck:
    """A name the paper never puts next to a number ("the Penn Treebank") may still frame a number
    said just after it, or in a table on the page that names it ("We trained a 4-layer transformer
    ... on the Wall Street Journal (WSJ) portion of the Penn Treebank" over Table 4's "WSJ only"
    rows). Decided without that name, the verdict stands only when its evidence is that near."""
    keys = key_terms([t for t in implicit_terms(terms, idx) if not t.implicit])
    unnumbered = [t for t in keys if in_vocab(t, idx.vocabulary) and not in_vocab(t, idx.numeric_vocabulary)]
    # (Not a benchmark: "GLUE" named beside DeBERTa's results is just what the paper does not report.)
    if not unnumbered or not all(t.kind == "subject" and t.key not in BENCHMARKS for t in unnumbered):
        return vc
    drop = {t.key for t in unnumbered}
    rest = [t for t in terms if t.key not in drop]
    if not any(t.kind in {"subject", "benchmark"} for t in rest):
        return vc  # nothing left to say what the number is about
    again = _check_value(claim, qi, rest, idx)
    decided = again.best if again.status == Verdict.SUPPORTED else again.alt if again.status == Verdict.CONTRADICTED else None
    if decided is None or decided.conflict or decided.frac < 0.75:
        return vc
    # "the CLIP ViT-L/14 encoders" against "two variants of the CLIP model with ViT-B/32 and ViT-L/14
    # models as visual encoders": a sentence naming it with the name the evidence gives the number
    # to says what that name is, wherever the number is.
    named = [t for t in rest if t.kind == "subject" and not t.implicit and t.text in decided.covered]
    family = bool(named) and any(all(in_vocab(t, ts) for t in unnumbered) and all(in_vocab(t, ts) for t in named)
                                 for _, _, ts in idx.sentences)
    if not family and not said_near(idx, decided.mention, unnumbered):
        return vc
    again.features["named_nearby"] = 1.0
    return again


_MANY = re.compile(r"\b(?:models|famil(?:y|ies)|these|those|all|each|both)\b", re.I)


def said_near(idx: SourceIndex, m: Mention, names: list[Term]) -> bool:
    """Whether the two sentences before ``m`` (or its own) say every name; for a cell, its caption
    or a sentence of its page or the next one either side."""
    if m.kind == "text":
        if _MANY.search(m.quote):
            return False  # "For these models, 46% of the chains ...": not the one model named before
        near = idx.terms_before(m.page, m.quote, 2)
        if near is None:
            return False
    else:
        # (A table floats: the text that introduces it may be on the page next to it.)
        near = [context_terms(m.caption or "")] + [ts for page, _, ts in idx.sentences if abs(page - m.page) <= 1]
    return all(any(in_vocab(t, frozenset(ts)) for ts in near) for t in names)


def _table_of_the_setting(vc: ValueCheck, claim: Claim, terms: list[Term], idx: SourceIndex) -> None:
    """"Adapting only Wq with rank r = 1, LoRA reaches 73.4%": a cell of a table that has no "r"
    at all (the main results) gives way to the table whose "r = 1" column holds the claim's row
    ("Wq" under "r = 1": 68.8), when that cell names the claim about as well. "For 5 epochs" is
    the "Epochs = 5" row so."""
    from verifier.siblings import table_blocks, equations, claim_keys, sibling_column, singled_out

    wanted = equations(claim.text)
    wanted.update({"epochs": float(n) for n in re.findall(r"\b(\d{1,3})\s+epochs?\b", claim.text, re.I)})
    if not wanted:
        return
    q, best = vc.quantity, vc.best
    blocks = table_blocks(idx)
    mine = blocks.get(best.mention.block)
    if mine is not None and any(k in equations(lab) for lab in list(mine.col_labels.values())
                                + list(mine.row_labels.values()) for k in wanted):
        return  # the supporting table has the setting's axis: the sibling veto decided
    keys = claim_keys(claim.text)
    rivals = []
    for m in idx.mentions:
        if m.kind != "cell" or m.block == best.mention.block:
            continue
        have = {**equations(m.column), **equations(m.row)}
        if not have or any(have.get(k, v) != v for k, v in wanted.items()) or not any(k in have for k in wanted):
            continue
        sc = score(terms, m)
        # (Names the table leaves to the text beside it, "We apply LoRA to GPT-3 175B", are not missing.)
        close = sc.frac >= best.frac - 0.05 or (sc.frac >= 0.5 and (not sc.missing or said_near(
            idx, m, [t for t in terms if t.text in sc.missing and t.kind == "subject"])) and all(
            t.kind == "subject" for t in terms if t.text in sc.missing))
        if not sc.conflict and close and singled_out(m, keys, idx, claim.text):
            rivals.append(sc)
    if not rivals:
        return
    top = max(rivals, key=lambda r: (sibling_column(r.mention, keys, idx) is None, rank(r)))
    if values_match(q.value, q.decimals, q.unit, top.mention.value, top.mention.decimals, top.mention.unit):
        vc.best = top
        return
    vc.status, vc.alt = Verdict.CONTRADICTED, top
    vc.features["setting_table"] = 1.0


def _check_value(claim: Claim, qi: int, terms: list[Term], idx: SourceIndex,
                 skip: frozenset[int] = frozenset()) -> ValueCheck:
    q = claim.quantities[qi]
    terms = implicit_terms(terms, idx)
    keys = key_terms([t for t in terms if not t.implicit])  # the title names the paper's own system
    never = [t for t in keys if not in_vocab(t, idx.vocabulary)] + _capitals_unsaid(claim, idx)
    no_number = [t for t in keys if t not in never and not in_vocab(t, idx.numeric_vocabulary)]
    cands = []
    change = q.role != "diff" and (worded_as_change(claim.text, q) or listed_after_a_change(claim, q))
    said_unit = unit_word(claim.text, q.text, q.start)
    noun = counted_noun(claim, q)
    for m, how in candidates(idx, q, allow_delta=q.role == "diff" or change):
        if id(m) in skip or (change and m.kind == "cell"):
            continue  # "20% more problems than ...": a cell prints a level, not the change
        if level_cell_for_a_change(q, m):
            continue  # "a 10% improvement" is no "10" of a table of noise levels: only a change column holds one
        if noun and m.kind == "cell" and not says_noun(noun, m):
            continue  # "4.5 million sentence pairs" is no cell of a "Training Cost (FLOPs)" column
        if other_unit(said_unit, m):
            continue  # "350 MB" is not the "350GB" of a sentence
        s = score(terms, m)
        s.how = how
        cands.append(s)
    cands.sort(key=rank, reverse=True)
    best = cands[0] if cands else None
    # A level is not refuted, nor supported, by a change the paper states ("a 2.9% improvement").
    level = not (q.role == "diff" or change)
    gap_settings = (frozenset(t.text for t in terms if t.kind == "setting")
                    if not level and any(t.kind == "weak" for t in terms) else None)
    pool = [s for s in (score(terms, m) for m in mentions_naming(idx, terms, keep=lambda m: plausible_value(q, m) and id(m) not in skip
                                                                  and not (level and (m.kind == "delta" or m.change))))
            if _plausible_target(q, s, gap_settings, terms, idx) and not (change and s.mention.kind == "cell")
            and not level_cell_for_a_change(q, s.mention)
            and not (noun and s.mention.kind == "cell" and not says_noun(noun, s.mention))]
    pool.sort(key=rank, reverse=True)
    if (best is not None and best.mention.kind == "cell" and MULTIPLE.search(q.text)
            and RATIO.search(f"{best.mention.row} {best.mention.column}")):
        # The claimed multiple sits in a speedup column: a tokens-per-forward column beside it is
        # another measure, whatever the caption says of the table.
        pool = [x for x in pool if x.mention.kind != "cell" or RATIO.search(f"{x.mention.row} {x.mention.column}")]
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
        vc.unmatched = True
        return vc
    # Only the paper's own name in common ("SciTab") and little else of the claim's words: any
    # sentence of the paper would do as well.
    named = [t for t in terms if t.kind in {"subject", "benchmark", "metric"} and not names_own(t.key, idx.own)]
    thin = best is not None and best.weak < 0.25 and not any(t.text not in best.missing for t in named)
    best_frac = best.frac if best and not best.conflict else -1.0
    # A cell that leaves none of the claim's words unsaid is about its combination even when the
    # caption alone names the benchmark ("Table 4: last-letter concatenation" over "L = 12"), when
    # the claimed number itself is nowhere near the claim's words.
    target_ok = target is not None and not target.conflict and target_same and (
        target.frac >= 0.75
        # (A row the claim's hyperparameter values pin, "a single attention head" as h = 1.)
        or (target.frac >= 0.5 and target.mention.kind == "cell" and pinned_by_assignments(target.mention, terms))
        or (target.frac >= 0.6 and not target.missing and target.mention.kind == "cell"
            and (best is None or best.conflict or best.frac < 0.5))
        # Two cells of one table, the other naming clearly more of a one-number claim ("+FreeLB
        # (after hparam tuning)" against the "+NEFT" row that holds the claimed 67.45).
        or (lone_number(claim) and target.frac >= 0.6 and target.mention.kind == "cell" and best is not None
            and not best.conflict
            and best.mention.kind == "cell" and best.mention.block == target.mention.block
            and target.frac >= best.frac + 0.1))
    # "keeps the top 10% of task-vector parameters" against "Simple Averaging suffers from a 10%
    # performance drop ... Ties-Merging": the paper's own name and none of the claim's words.
    wordy = sum(t.kind == "weak" for t in terms) >= 3  # the claim says much besides its names
    idle = thin and best is not None and best.weak == 0 and best.mention.kind == "text" and wordy
    if (best and not best.conflict and best.frac >= 0.999 and not idle and (best.how or "exact") != "exact"
            and best.mention.kind == "cell" and lone_number(claim)):
        # "Rho-1 keeps 60% of tokens for Mistral-7B" against a Mistral row's 60.4 and "we use 60% for
        # the Tinyllama-1.1B model and 70% for the Mistral-7B model": the sentence that prints the
        # number exactly for another name outweighs a cell that only rounds to it.
        swapped = _swapped_in_a_sentence(cands, terms, idx)
        if swapped is not None:
            vc.best = swapped[0]
            return _given_to_another(vc, swapped[1])
    if best and not best.conflict and best.frac >= 0.999 and not idle:
        if ((best.how or "exact") != "exact" and best.mention.kind == "cell" and target is not None
                and target.mention.kind == "text" and target.frac >= 0.999 and target.weak >= best.weak + 0.3):
            # Only a rounding of a cell about little of what the claim says, against a sentence
            # naming the claim just as fully and in its own words: the sentence decides.
            vc.status = Verdict.CONTRADICTED
            vc.features["sentence_over_rounding"] = 1.0
            return vc
        if (best.mention.kind == "text" and target is not None and target.mention.kind == "text"
                and target.frac >= 0.999 and not target.conflict and best.weak < 0.5
                and target.weak >= best.weak + 0.4 and target.mention.quote != best.mention.quote
                and not values_match(q.value, q.decimals, q.unit, target.mention.value,
                                     target.mention.decimals, target.mention.unit)):
            # Two sentences that name all the claim does: the one that also says its own words
            # ("33.33% of the refuted claims contain incorrect approximation words") owns the
            # number, not one that says a few ("incorrect calculation results (41.7%)").
            vc.status = Verdict.CONTRADICTED
            vc.features["sentence_in_own_words"] = 1.0
            return vc
        vc.status = Verdict.SUPPORTED
        return vc
    if (best is not None and not best.conflict and best.frac >= 0.5 and target_ok and target.mention.kind == "cell"
            and target.frac > best_frac + 1e-6 and _counts_stated(claim, q, best.mention)):
        # "annotators preferred NEFT in 88 instances ... a 74.6% win score for NEFT ... (88/(140 -
        # 22))" for "... preferred the NEFTune-trained LLaMA-2 model in 88 cases, a 74.6% win score":
        # the sentence that also states the claim's counts is its source, whatever cell names more.
        vc.status = Verdict.SUPPORTED
        vc.features["counts_stated"] = 1.0
        return vc
    if (best is not None and not best.conflict and best.mention.kind == "cell" and best.frac >= 0.5
            and pinned_by_assignments(best.mention, terms)):
        # "(dk = dv = 512) gives 24.9 BLEU": the claim's hyperparameter values are those of the
        # cell's ablation row, whatever another table's "Transformer (base model)" row names.
        vc.status = Verdict.SUPPORTED
        vc.features["singled_out"] = 1.0
        return vc
    if best and stands_for_claim(best, claim, terms, idx, q):
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
    # A cell naming all the claim says against a number that leaves a name unsaid ("the 'equation
    # only' prompt" against a sentence about the full prompt): the cell decides at equal standing.
    fuller = (best is not None and target_ok and target.mention.kind == "cell" and not target.missing
              and sum(x.role == "value" for x in claim.quantities) == 1  # a comparison's other side is named too
              and target.frac >= best_frac - 1e-6
              and any(t.kind in {"subject", "benchmark"} and t.text in best.missing for t in terms))
    if target_ok and (target.frac > best_frac + 1e-6 or weak_better or fuller):
        # Ties for the top context: supported if one of them carries the claimed value.
        top = [s for s in pool if abs(s.frac - target.frac) < 1e-6]
        for s in top:
            how = values_match(q.value, q.decimals, q.unit, s.mention.value, s.mention.decimals, s.mention.unit)
            if how and not other_unit(said_unit, s.mention):
                s.how = how
                vc.best, vc.status = s, Verdict.SUPPORTED
                return vc
        if target.mention.kind == "text" and not _names_all(target, terms, idx):
            vc.reason = "only a loosely matching sentence states a different number"
            return vc
        vc.status = Verdict.CONTRADICTED
        return vc
    # "32.5 tokens/s for full fine-tuning; ... 43.1 tokens/s for LoRA" against "LoRA reaches 32.5":
    # the sentence gives the number to another clause's name before a loose match can stand.
    # (Not when that clause says another setting of the claim's: "71% of the time to few-shot GPT-3".)
    other = given_to_another_name(best, terms, idx) if best is not None and not best.conflict and best.frac < 0.999 else None
    if other is None and lone_number(claim):
        # "we use 60% for the Tinyllama-1.1B model and 70% for the Mistral-7B model" against
        # "Tinyllama-1.1B trains on the top 70%": the sentence that gives the claimed number to
        # another name, giving the claim's its own, refutes it though a loose cell matched better.
        swapped = _swapped_in_a_sentence(cands, terms, idx)
        if swapped is not None:
            vc.best = swapped[0]
            return _given_to_another(vc, swapped[1])
    if other is not None and not other.conflict and lone_number(claim):
        return _given_to_another(vc, other)
    if (best and not best.conflict and target is not None and not target.conflict and _states_more(target, best)
            and target.frac >= best.frac - 1e-6 and not any(values_match(  # (an "Attempts" column's 5 is the claim's own)
                x.value, x.decimals, x.unit, target.mention.value, target.mention.decimals, target.mention.unit)
                for x in claim.quantities)):
        vc.status = Verdict.CONTRADICTED
        vc.features["column_says_more"] = 1.0
        return vc
    # "trains only on the top 60% of tokens selected by excess loss" against a 60.4 accuracy cell:
    # a whole number that only rounds a cell saying none of the claim's words is no reading of it.
    blind = (best is not None and (best.how or "exact") != "exact" and q.decimals == 0 and best.mention.decimals > 0
             and best.weak == 0 and wordy)
    if (best and not best.conflict and best.frac >= 0.6 and not best.bench_missing
            and (target is None or target.frac <= best.frac + 1e-6)
            and not thin and not blind
            and not (target is not None and target.frac >= best.frac - 1e-6 and target.weak > best.weak + 0.25
                     and not values_match(q.value, q.decimals, q.unit, target.mention.value, target.mention.decimals,
                                          target.mention.unit))):
        vc.status = Verdict.SUPPORTED
        vc.features["weak_support"] = 1.0
        return vc
    if other is None and best is not None and not best.conflict and (best.frac >= 0.6 or not keys) and lone_number(claim):
        # "0.630 for the false claim verification task ... and 0.719 for the NEI claim verification
        # task" against "0.719 for false claims": the claim's words are another clause's.
        other = given_to_another_clause(best, terms, idx)
    if other is not None:
        return _given_to_another(vc, other)
    vc.reason, vc.unmatched = NOTHING_MATCHED, True
    return vc


def _counts_stated(claim: Claim, q: Quantity, m: Mention) -> bool:
    """Whether sentence ``m`` also states every count the claim gives besides ``q`` (two or more,
    none of them a small number a sentence may say of anything)."""
    counts = [x for x in claim.quantities if x is not q and x.role == "count"]
    if m.kind != "text" or len(counts) < 2 or any(x.value < 10 for x in counts) or any(
            x.role in {"value", "diff"} for x in claim.quantities if x is not q):
        return False
    said = {n.group("num").replace(",", "") for n in NUMBER.finditer(clean_text(m.quote))}
    return all(x.text.replace(",", "") in said for x in counts)


def _given_to_another(vc: ValueCheck, alt: Scored) -> ValueCheck:
    """Refute ``vc`` with the number the sentence (or table) gives the claim's own case."""
    vc.status, vc.alt = Verdict.CONTRADICTED, alt
    vc.features["given_to_another"] = 1.0
    return vc


def _swapped_in_a_sentence(cands: list[Scored], terms: list[Term], idx: SourceIndex) -> tuple[Scored, Scored] | None:
    """A sentence that gives the claimed number to another name, and the number it gives the claim's
    name. Not when another sentence gives the claimed number to those names too ("45x
    smaller models on ANLI" after "700x smaller ... on ANLI and SVAMP, and 45x smaller ... on CQA")."""
    text = [s for s in cands if s.mention.kind == "text" and not s.conflict]
    for s in text:
        other = given_to_another_name(s, terms, idx)
        if other is None or other.conflict:
            continue
        gone = {t.key for t in terms if t.kind in {"subject", "benchmark"} and t.key in s.mention.excluded_terms
                and t.key not in s.mention.terms}
        if not any(gone <= x.mention.strong_terms for x in text if x is not s):
            return s, other
    return None


def _states_more(target: Scored, best: Scored) -> bool:
    """Two cells of one row about the claim alike, where only the other one's column says more of
    the claim's words ("Football (DROP)" against "Non-football (DROP)", whose caption says both)."""
    t, b = target.mention, best.mention
    return (t.kind == b.kind == "cell" and (t.block, t.row_id) == (b.block, b.row_id)
            and target.set_hits > best.set_hits)


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
