"""Which of a claim's terms each of its numbers must match ("GQA reaches 47.1, close to MHA's 47.2":
47.2 belongs to MHA): the names each number is paired with, the agent of a change ("CoT prompting lifts
X from 49.0% to 65.3%"), the ends of parallel ranges, and the names every number shares."""

from __future__ import annotations

import re

from verifier.normalize import ARTICLE, FROM_END
from verifier.terms import COMPARE, Term, whole_word
from verifier.types import Claim


def _subject_order(claim: Claim, anchors: list, subj: list[Term], comp: re.Match | None) -> tuple[dict[str, int], set[str]]:
    """(subject key -> the number it belongs to, keys that belong to both) for two-number claims
    that contrast two subjects."""
    # "Zero-shot PS+ (99.6%) trails Zero-shot-CoT, which scores 100.0%": a name with its number in
    # brackets right after it, or in a "which scores" clause, owns that number.
    beside = {}
    for i, q in anchors:
        t = next((t for t in subj if _BESIDE.fullmatch(claim.text, t.pos + len(t.text), q.start)), None)
        if t is not None:
            beside[t.key] = i
    if len(anchors) >= 2 and len(beside) == len(anchors) == len(set(beside.values())):
        return beside, set()
    grouped = len(anchors) >= 2 and all(
        len(claim.text[a[1].end:b[1].start].strip(" ,;")) <= 8 for a, b in zip(anchors, anchors[1:]))
    contrasted = all(re.search(r"\b(outperform\w*|over|than|vs\.?|versus|above|below|beats?|surpass\w*|exceed\w*|compared|"
                               r"edg\w* out|ahead of|behind|trail\w*|against)\b",
                               claim.text[a.pos:b.pos]) for a, b in zip(subj, subj[1:]))
    if grouped and contrasted and len(subj) == len(anchors) and all(t.pos < anchors[0][1].start for t in subj):
        # "X outperforms Y ... (71.9% vs 65.2%)": subjects and numbers pair up in order.
        return {t.key: anchors[k][0] for k, t in enumerate(subj)}, set()
    if grouped and len(anchors) == 2 and comp and comp.start() < anchors[0][1].start and any(
            t.pos >= comp.end() for t in subj):
        # "X improves ... over Y (63.1% vs 19.7%)": the first number is X's, the second Y's.
        ordered = {t.key: anchors[0][0] if t.pos < comp.start() else anchors[1][0]
                   for t in subj if t.pos < anchors[0][1].start}
        if ordered:
            return ordered, set()
    if comp and len(anchors) == 2 and comp.start() < anchors[1][1].start:
        # "CoT-SC -> ReAct reaches 64.6%, 4.2 points higher than CoT-SC alone (60.4%)": the names
        # after "than" are the second number's; a name said on both sides is both numbers'.
        stop = anchors[1][1].start if comp.start() >= anchors[0][1].end else anchors[0][1].start
        after = claim.text[comp.end(): stop]
        seen_after = {t.key for t in subj if whole_word(t.text, re.I).search(after)}
        # (A size said on both sides, "Rho-1-Math 7B ... than Mistral-CT 7B", is no shared name.)
        both = {k for k in seen_after if any(t.key == k and t.pos < comp.start() for t in subj)
                and not re.fullmatch(r"\d+(?:\.\d+)?[bmk]", k)}
        if both and seen_after != {t.key for t in subj}:
            # Names before the first shared one ("With PaLM-540B, ...") frame both numbers.
            start = min((t.pos for t in subj if t.key in both), default=0)
            return ({t.key: anchors[1][0] if t.key in seen_after else anchors[0][0]
                     for t in subj if t.key not in both and t.pos >= start},
                    both | {t.key for t in subj if t.pos < start})
    return {}, set()


_BESIDE = re.compile(r"(?:\s+[a-z]+)?\s*(?:\(\s*|,\s+which\s+(?:scores?|reaches|achieves|gets|attains|obtains|has)\s+"
                     r"(?:only\s+|just\s+|about\s+)?)", re.I)
_RANGE_ENDS = r"\s*(?:to|and|through|-|\u2013)\s*"


def _ranges_in_parallel(claim: Claim, anchors: list, subj: list[Term]) -> tuple[dict[str, int], set[str]] | None:
    """"Across sizes from 7B to 65B, ... between 44.5% and 63.9%": the ends of the range of
    names go with the ends of the range of numbers, in order; the other names are both numbers'."""
    if len(anchors) != 2:
        return None
    a, b = anchors[0][1], anchors[1][1]
    if not (re.fullmatch(_RANGE_ENDS, claim.text[a.end:b.start])
            and re.search(r"\b(?:from|between)\s*$", claim.text[:a.start])):
        return None
    for x, y in zip(subj, subj[1:]):
        if (y.pos < a.start and re.fullmatch(_RANGE_ENDS, claim.text[x.pos + len(x.text):y.pos])
                and re.search(r"\b(?:from|between)\s*$", claim.text[:x.pos])):
            return {x.key: anchors[0][0], y.key: anchors[1][0]}, {t.key for t in subj if t not in (x, y)}
    return None


def _lift(claim: Claim, anchors: list, terms: list[Term]) -> tuple[tuple[int, int, tuple[int, int] | None] | None, set[str]]:
    """((end of the agent phrase, the number it owns, a further span it owns), keys that belong to both) for "CoT prompting
    lifts X from 49.0% to 65.3%": the method that does the lifting is the second number's, the
    first is the baseline without it ("from 30.0 (next-token baseline) to 33.8" too); what is
    lifted (X) is both numbers'."""
    if len(anchors) != 2:
        return None, set()
    a, b = anchors[0][1], anchors[1][1]
    verb = re.search(r"\b(lifts?|raises?|improves?|boosts?|increases?|brings?|takes?|pushes|lowers?|reduces?|cuts?|"
                     r"decreases?|jumps?|climbs?|rises?|grows?|drops?|falls?)\b", claim.text[:a.start])
    forward = bool(verb and re.fullmatch(rf"\s*(?:\([^()]*\)\s*|with\s[^,;()]{{1,40}}?\s)?to\s*{ARTICLE}", claim.text[a.end:b.start])
                   and re.search(FROM_END, claim.text[:a.start]))
    # "4-token prediction lifts MBPP pass@1 to 33.8% from 30.0% with next-token prediction": the
    # number the change reaches comes first.
    backward = bool(verb and re.search(rf"\bto\s*{ARTICLE}$", claim.text[:a.start]) and re.fullmatch(
        r"\s*%?\s*,?\s*(?:up\s+|down\s+)?from\s*(?:about\s+|roughly\s+|around\s+)?", claim.text[a.end:b.start]))
    if not (forward or backward):
        return None, set()
    reached = anchors[1][0] if forward else anchors[0][0]
    # The agent is the phrase before the verb up to its first preposition ("Adding NEFTune |
    # to LLaMA-2 70B | lifts"); the rest names what is lifted.
    # An opening clause ("For 7B models trained on 200B tokens, | 4-token prediction raises") frames
    # both numbers.
    comma = claim.text.rfind(",", 0, verb.start())
    start = comma + 1 if comma >= 0 else 0
    if re.match(r"\s*(using|with|by|adding|applying)\b", claim.text, re.I):
        start = 0  # "Using a small reference model, ... improves": the opening clause is the method itself
    elif re.match(r"\s*(?!(?:using|adding|applying|removing|dropping|ablating|disabling|omitting|skipping)\b)[A-Za-z]+ing\b",
                  claim.text[start:], re.I):
        # "Reducing the base model to one head lowers BLEU from 25.8 to 24.9": a change of the
        # model, not a method added to it; its settings decide (see sibling_veto). "When training
        # with QLoRA, adding NEFTune noise lifts" is the method added; "removing the Elect step lowers"
        # the component ablated, whose row ("-ELECT") is the second number's.
        return None, set()
    prep = re.search(r"\b(to|on|for|of|in|with)\b", claim.text[start:verb.start()])
    end = start + prep.start() if prep else verb.start()
    if prep and prep.group(1) in {"on", "with"} and re.search(r"(?:train|tun)ing\s*$", claim.text[start:end], re.I):
        end = verb.start()  # "Pre-training on GitHub code lifts ...": what a training is on is the method's own
    if forward and prep and re.match(r"\s*\([A-Za-z][^()]*\)", claim.text[a.end:b.start]):
        # "QLoRA finetuning of LLaMA 7B on FLAN v2 lifts MMLU from 35.1 (no tuning) to 44.5": the
        # bracket names the first number's own row; what the model was tuned on or with is the
        # second number's, like the agent.
        # ("QLoRA fine-tuning on FLAN v2 lifts ... from 35.1 (no tuning)": the data follows the agent at once.)
        data = (prep if prep.group(1) in {"on", "with"} else
                re.search(r"\b(?:on|with|using|via)\b", claim.text[end + len(prep.group(1)):verb.start()]))
        if data:
            cut = end if data is prep else end + len(prep.group(1)) + data.start()
            return (end, anchors[1][0], (cut, verb.start())), {
                t.key for t in terms if t.kind == "subject" and (end <= t.pos < cut or verb.start() <= t.pos < a.start
                                                                  or t.pos < start)}
    return (end, reached, None), {t.key for t in terms if t.kind == "subject" and (end <= t.pos < a.start or t.pos < start)}


def _base_model(claim: Claim, anchors: list, subj: list[Term], terms: list[Term], comp: re.Match | None) -> set[str]:
    """"GPT-2 Medium with LoRA reaches 47.1, beating full fine-tuning (46.2)": against a method
    named in lower case, the model before "with" is both numbers'; only the method differs."""
    if len(anchors) != 2 or comp is None or not (anchors[0][1].end <= comp.start() < anchors[1][1].start):
        return set()
    against = [t for t in subj if comp.end() <= t.pos < anchors[1][1].start]
    if not against or any(t.text[:1].isupper() or re.search(r"\d", t.text) for t in against):
        return set()
    with_ = re.search(r"\s(?:with|using|\+)\s", claim.text[:anchors[0][1].start])
    if with_ is None:
        return set()
    return {t.key for t in terms if t.kind in {"subject", "setting"} and t.pos < with_.start()}


_SET_AGAINST = re.compile(r"\b(?:compared (?:to|with)|versus|vs\.?|against|while|whereas)\s+(?:\w+\s+){0,3}$", re.I)


def _beside_a_count(claim: Claim, terms: list[Term], q) -> list[Term]:  # noqa: ANN001 - Quantity
    """"X generates at most 25 samples per question, compared with 100 for Binder": the result is
    Binder's; the names before "compared with" go with the count."""
    m = _SET_AGAINST.search(claim.text[: q.start])
    if not m or not re.match(r"\s*%?\s*(?:for|by|with|from|of)\s", claim.text[q.end:]):
        return terms
    after = [t for t in terms if t.kind == "subject" and t.pos > q.end]
    if not after:
        return terms
    return [t for t in terms if not (t.kind == "subject" and t.pos < m.start())]


# "0.9 BLEU below the base model's 25.8": the number of the row the ablation changes, not the
# ablated values' own.
_BASE_NUMBER = re.compile(r"\b(?:base|baseline|default)\b[^.;]*$", re.I)


def from_number(text: str, q) -> bool:  # noqa: ANN001 - Quantity
    """Whether ``q`` is the "from" number of "from 25.8 to 24.9" in ``text`` (the claim's text, or
    it with words blanked out, at the same offsets)."""
    return bool(re.search(FROM_END, text[:q.start]) and re.match(rf"\s*to\s+{ARTICLE}[-+]?\d", text[q.end:]))


_LIKENED = re.compile(r"\b(?:on par with|comparable (?:to|with)|similar to|equivalent to|in line with|as good as)\s+"
                      r"(?:that of\s+)?(?:the\s+)?$", re.I)


_NEXT_CLAUSE = re.compile(r",\s*(?:and|while|whereas|but)\b|;")


def _in_a_later_clause(claim: Claim, qi: int, t: Term, anchors: list) -> bool:
    """Whether term ``t`` sits after number ``qi``, past a clause break, in the clause of a later number."""
    q = claim.quantities[qi]
    return (q.end <= t.pos and any(x.start > t.pos for _, x in anchors)
            and _NEXT_CLAUSE.search(claim.text[q.end:t.pos]) is not None)


def _metric_of_another(claim: Claim, qi: int, t: Term, anchors: list) -> bool:
    """A metric printed right after another number of the claim ("47.7 ROUGE-1") is not that of
    a measured quantity (seconds, GB) the claim also states."""
    q = claim.quantities[qi]
    return q.unit == "u" and any(i != qi and x.unit != "u" and 0 <= t.pos - x.end <= 3 for i, x in anchors)


def own_terms(claim: Claim, terms: list[Term], qi: int, shared_keys: set[str]) -> list[Term]:
    """Terms that number ``qi`` must match: frame terms, and the subjects nearest to it."""
    values = [(i, q) for i, q in enumerate(claim.quantities) if q.role in {"value", "diff"}]
    if len(values) == 1 and len(claim.quantities) > 1:
        return _beside_a_count(claim, terms, values[0][1])
    if len(values) <= 1:
        return terms
    anchors = [(i, q) for i, q in values if q.role == "value"] or values

    subj = sorted((t for t in terms if t.kind == "subject" and t.key not in shared_keys), key=lambda t: t.pos)
    comp = COMPARE.search(claim.text)
    ordered, both = _ranges_in_parallel(claim, anchors, sorted((t for t in terms if t.kind == "subject"), key=lambda t: t.pos)) \
        or _subject_order(claim, anchors, subj, comp)
    lift, lifted = _lift(claim, anchors, terms)
    # A name the claim pairs with one number is that number's, whatever column the other was read from.
    shared_keys = (shared_keys - set(ordered)) | both | lifted | _base_model(claim, anchors, subj, terms, comp)
    # "Guanaco 33B, a 4-bit model needing 21 GB of memory, achieves 97.8%": the name before an
    # aside that holds the first number is the subject of both.
    aside = re.search(r",\s+(?:a|an)\s+[^,]*,", claim.text)
    if aside and len(anchors) == 2 and aside.start() <= anchors[0][1].start < aside.end() <= anchors[1][1].start:
        shared_keys |= {t.key for t in subj if t.pos < aside.start()}
    # "67% more MBPP problems ... and 20% more HumanEval problems ... than next-byte prediction":
    # what every number is measured against, named after them all, is all of theirs.
    last = max(q.end for _, q in anchors)
    shared_keys |= {t.key for t in subj if t.pos > last and re.search(r"\bthan\b", claim.text[last:t.pos])}
    # "GPT-J-6B scores 11.6% pass@1 and 27.7% pass@100, putting it roughly on par with Codex-300M":
    # what the numbers are likened to after them all is none of theirs.
    likened = {t.key for t in terms if t.kind in {"subject", "setting"} and t.pos > last
               and _LIKENED.search(claim.text[last:t.pos])}

    def lifted_by(t: Term) -> bool:  # the agent's words (or what it was tuned on): the second number's
        return lift is not None and (t.pos < lift[0] or (lift[2] is not None and lift[2][0] <= t.pos < lift[2][1]))

    paired = (comp is not None and len(anchors) == 2 and comp.start() < anchors[0][1].start
              and len(claim.text[anchors[0][1].end:anchors[1][1].start].strip(" ,;")) <= 8)

    def for_or_than(t: Term) -> re.Match | None:  # "... for the Mistral-7B model", "... than Binder"
        return re.search(r"\b(for|than)\s+(?:the\s+)?$", claim.text[:t.pos])

    def owner(t: Term) -> int:
        if t.key in ordered:
            return ordered[t.key]
        before = [iq for iq in anchors if iq[1].end <= t.pos]
        said = for_or_than(t)
        if t.kind == "subject" and before and said and not re.search(r"[;,]|\band\b", claim.text[before[-1][1].end:t.pos]) and (
                said.group(1) == "for" or not any(before[-1][1].end <= x.start < t.pos for x in claim.quantities)):
            # "selects 70% of tokens for the Mistral-7B model and 60% for TinyLlama", "50% fewer
            # than Binder and 75% fewer than Dater"
            return before[-1][0]
        if paired and t.kind == "setting" and t.pos < anchors[0][1].start:
            # "Transformer (big) improves on the base model by 1.1 BLEU (28.4 vs 27.3)": the
            # setting after the comparison is the second number's.
            return anchors[1][0] if t.pos >= comp.end() else anchors[0][0]
        if t.kind in {"subject", "setting"} and lifted_by(t):
            return lift[1]
        if lift is not None and anchors[0][1].end <= t.pos < anchors[1][1].start:
            return anchors[0][0]  # "from 34.34 with Int4 to 27.41": the baseline's own words
        # "51% of tokens stay in the low-loss (L->L) category, while only 26% show ...": a name in
        # brackets in the clause a number opens labels that number's case, however near the next one is.
        opened = [iq for iq in anchors if iq[1].end <= t.pos
                  and not re.search(r"[,;]|\b(?:while|whereas|and|but)\b", claim.text[iq[1].end:t.pos])]
        if t.kind == "subject" and opened and claim.text[max(0, t.pos - 1):t.pos] == "(":
            return opened[-1][0]
        return min(anchors, key=lambda iq: (abs(iq[1].start - t.pos), iq[0]))[0]

    def given_for_another(t: Term) -> bool:
        # "14% against 6% for ReAct, with hallucination accounting for 56% of CoT's failures": a
        # name the claim gives another number with "for" is not this one's.
        said = for_or_than(t)
        return owner(t) != qi and any(q.end <= t.pos for _, q in anchors) and bool(said) and said.group(1) == "for"

    def said_with_a_later_number(t: Term) -> bool:
        # "ReAct reaches 40.0% SR and a score of 66.6, compared with Act's 30.1%": a name said after
        # this number with a number of its own is that one's, not a frame of this one.
        q, o = claim.quantities[qi], owner(t)
        return (q.end <= t.pos < claim.quantities[o].start and o != qi
                and re.fullmatch(r"(?:'s|\u2019s)?\s*\(?\s*", claim.text[t.pos + len(t.text):claim.quantities[o].start]) is not None)

    def labels_another(t: Term) -> bool:
        # "37% are supported, 34% refuted and 29% labeled NEI": a name after another of the
        # claim's numbers, in a list of them, is that number's label.
        listed = lift is None and comp is None and len(anchors) >= 3 and all(
            len(claim.text[a[1].end:b[1].start]) <= 20 for a, b in zip(anchors, anchors[1:]))
        return listed and owner(t) != qi and any(q.end <= t.pos for _, q in anchors)

    mine = [t for t in terms if t.kind in {"subject", "setting"} and t.key not in shared_keys | likened and owner(t) == qi]
    has_own_subject = any(t.kind == "subject" for t in mine)
    out = []
    benches = sorted((t for t in terms if t.kind == "benchmark" and not t.key.startswith("pass@")), key=lambda t: t.pos)
    bench_owner: dict[str, int] = {}
    if len(benches) >= 2:
        # "12% more on HumanEval and 17% more on MBPP": each number takes the benchmark after it.
        for t in benches:
            before = [iq for iq in values if iq[1].end <= t.pos]
            bench_owner[t.key] = before[-1][0] if before else values[0][0]
    passk = sorted((t for t in terms if t.key.startswith("pass@")), key=lambda t: t.pos)
    if len({t.key for t in passk}) >= 2 and len(passk) == len(values):
        # "11.62% at pass@1 and 0.277 at pass@100" / "pass@1 of 11.62% and pass@100 of 27.7%": the
        # k-th pass@ goes with the k-th number.
        for t, (i, _) in zip(passk, values):
            bench_owner[t.key] = i
    for t in terms:
        if t.key in likened:
            continue
        if t.key in bench_owner:
            if bench_owner[t.key] == qi:
                out.append(t)
        elif t.kind == "metric" and _metric_of_another(claim, qi, t, anchors):
            continue  # "47.7 ROUGE-1 on PubMed at an inference time of 0.28 s": the score's metric, not the time's
        elif t.kind in {"benchmark", "metric", "weak"} or t.key in shared_keys:
            out.append(t)
        elif t.key.startswith("set:"):
            if not from_number(claim.text, claim.quantities[qi]) and not _BASE_NUMBER.search(
                    claim.text[max(0, claim.quantities[qi].start - 40):claim.quantities[qi].start]):
                out.append(t)  # "(dk = 512) lowers BLEU from 25.8 to 24.9": the values say what the change makes
        elif t.kind == "setting" and (t.key.endswith("shot") or t.key.startswith(("min:", "pair:", "len:", "mark:", "band:"))):
            if _in_a_later_clause(claim, qi, t, anchors):
                continue  # "85% of the time, and over few-shot prompted GPT-3 71%": the second number's
            out.append(t)  # "5-shot", "five or more steps": the frame of every number
        elif t in mine:
            out.append(t)
        elif not has_own_subject and t.kind == "subject" and not lifted_by(t) and (
                ordered.get(t.key, qi) == qi) and not labels_another(t) and not given_for_another(t) and (
                not said_with_a_later_number(t)):
            out.append(t)  # "56.9%, up from 17.9% with standard prompting": 17.9 is still PaLM's
    if claim.quantities[qi].role == "value":
        # "LoRA trains at 43.1 tokens/s, which is 10.6 tokens/s faster than full fine-tuning": what a
        # gap is measured against is no name of the level said before it.
        gaps = [x for x in claim.quantities if x.role == "diff" and x.start > claim.quantities[qi].end]
        out = [t for t in out if not (t.kind == "subject" and any(
            g.end <= t.pos and re.fullmatch(r"[^,;\d]*\b(?:than|over|above|below|ahead\s+of|behind)\s+(?:the\s+)?",
                                            claim.text[g.end:t.pos])
            for g in gaps))]
    return out
