"""Matching terms: what a claim names (subjects, benchmarks, metrics, settings) and how well a
source number's context (row label, column header, caption, or sentence) covers them.

``claim_terms`` types and positions the terms; ``score`` weighs coverage (a caption counts less than
the row/column). Which terms each number of a multi-number claim must match is ``verifier.owners``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Sequence

from verifier.extract import LANGUAGE_PAIRS, PAIR_NAMES, SIZE_WORDS, SPLITS
from verifier.normalize import BENCHMARKS, METRICS, is_name_like, label_terms, length_keys, name_key, stem, token_parts
from verifier.types import Claim, Mention

WEIGHTS = {"subject": 1.0, "benchmark": 1.0, "metric": 0.5, "setting": 0.7, "weak": 0.15}
CAPTION_FACTOR = 0.5  # a term found only in a caption is weaker than one in the row or column


@dataclass(frozen=True)
class Term:
    text: str
    kind: str  # subject | benchmark | metric | setting | weak
    pos: int
    key: str
    parts: tuple[str, ...]
    acronym: str = ""
    abbrevs: tuple[str, ...] = ()  # "DeBERTa XXL" -> "debxxl", "RoBERTa-base" -> "robbase", "NEFTune" -> "neft"
    # Said by the paper's context rather than its tables: the system the paper introduces, or the
    # benchmark the whole paper is about. A cell that does not repeat it is neutral, not missing.
    implicit: bool = False
    # An average a one-number claim states ("ranked on average within the top 28%"): tables leave it
    # unsaid in a cell, but a sentence giving the number without it is about another quantity
    # ("a rating within the top 28%" beside "on average a ranking of top 54.3%").
    sentence_says: bool = False


@dataclass
class Scored:
    mention: Mention
    frac: float
    covered: tuple[str, ...]
    missing: tuple[str, ...]
    conflict: bool
    how: str | None = None
    weak: float = 0.0
    bench_missing: bool = False
    set_hits: int = 0  # settings the context states (ranks "+ ext. calc" above "Standard" for "with CoT plus ...")


def _acronym(text: str) -> str:
    parts = [p for p in re.split(r"[-\s]+", text) if p and p.lower() not in {"of", "the", "and", "a"}]
    if any(p[0].isdigit() for p in parts):
        return ""  # "16-token" is not "1T"
    return "".join(p[0] for p in parts).lower() if len(parts) >= 2 else ""


def _full_acronym(text: str) -> tuple[str, ...]:
    """"Program-of-Thoughts" is "PoT": the acronym that keeps the small words."""
    parts = [p for p in re.split(r"[-\s]+", text) if p]
    if len(parts) < 3 or any(p[0].isdigit() for p in parts) or not any(p.lower() in {"of", "the", "and", "a"} for p in parts):
        return ()
    return ("".join(p[0] for p in parts).lower(),)


def _abbrevs(parts: tuple[str, ...]) -> tuple[str, ...]:
    """Short forms tables use for names: the first word cut to 3-4 letters plus the rest."""
    out = []
    if len(parts) == 2 and len(parts[0]) >= 5 and parts[0].isalpha() and parts[1].isalpha():
        for n in (3, 4):
            out.append(parts[0][:n] + parts[1])
    return tuple(out)


def claim_terms(claim: Claim) -> list[Term]:
    """Typed, positioned matching terms of a claim."""
    out: list[Term] = []
    seen: set[str] = set()

    from verifier.extract import frame_spans

    frame_pos = {}
    for a, _, k in frame_spans(claim.text):
        frame_pos.setdefault(k, a)

    def add(text: str, kind: str) -> None:
        if text in frame_pos:
            key, i = name_key(text), frame_pos[text]
        elif text.startswith("split:"):
            key = text
            i = max((claim.text.lower().find(w) for w, c in SPLITS.items() if c == text[6:]), default=-1)
        elif text.startswith(("pair:", "size:", "min:", "len:", "mark:", "set:", "band:", "rank:")):
            key, i = text, 0
            if text.startswith("size:"):
                # Where the size is said: "0.9 points below the base model's 25.8" sizes the 25.8.
                hit = whole_word(text[5:], re.I).search(claim.text)
                i = hit.start() if hit else 0
        elif text.startswith(("yes:", "no:")):
            word = text.split(":", 1)[1]
            key = text.split(":", 1)[0] + ":" + stem(name_key(word))
            i = claim.text.lower().find(word.split("-")[0])
            negated = re.search(r"\b(?:without|no|w/o)\s+" + re.escape(word), claim.text, re.I) if text.startswith("no:") else None
            if negated:
                i = negated.start()  # "Pre-training on GitHub ... from 10.5% without pre-training": the latter
        else:
            key = name_key(text)
            hit = whole_word(text).search(claim.text)
            i = hit.start() if hit else claim.text.find(text)
            if i < 0:
                i = claim.text.lower().find(text.lower()[:4])
        if not key or key in seen:
            return
        seen.add(key)
        word = text.split(":", 1)[1] if text.startswith(("yes:", "no:")) else text
        spelled = word
        if kind == "weak" and "-" not in word:
            # "reward-model" (kept as one word) is "RM" too
            spelled = next((w for w in re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)+", claim.text) if name_key(w) == key), word)
        parts = token_parts(word) or (stem(key),)
        out.append(Term(text, kind, max(i, 0), key, parts, _acronym(spelled),
                        _abbrevs(parts) + _full_acronym(word) + _n_ahead(word) + _after_shot(word) if kind == "subject" else ()))

    for name in claim.subjects:
        # "213M parameters", "10K steps": a count a table may print as "213" under "params (x10^6)";
        # a word to prefer, not a name the source must contain ("7B" stays a name).
        count = re.fullmatch(r"\d+(?:\.\d+)?[MKk]", name) and not re.search(
            re.escape(name) + r"\s+[A-Z0-9]", claim.text)  # "770M T5 model" is a name
        # "Codex (code-davinci-002)": the bracketed engine is the name before it said again; a table
        # may print either, so it is a word to prefer. A bracketed size ("LLaMA-2 (70B)") is not.
        alias = name.startswith("(") and re.search(r"[A-Za-z]{2,}", name) is not None and any(
            other != name and re.search(re.escape(other) + r"\s*" + re.escape(name), claim.text) for other in claim.subjects)
        add(name, "weak" if count or alias else "subject")
    for b in claim.benchmarks:
        add(b, "benchmark")
    for m in claim.metrics:
        if m != "score":
            # pass@k names exactly which column: as decisive as a benchmark name.
            add(m, "benchmark" if m.startswith("pass@") else "metric")
    for s in claim.settings:
        add(s, "setting")
    if _SECOND_BEST.search(claim.text):
        add("rank:2", "setting")
    for t in _comparator_terms(claim, seen):
        seen.add(t.key)
        out.append(t)
    out = _merge_defined_abbreviations(claim.text, out)
    out = _adjacent_abbreviations(claim.text, out)
    out = _bracketed_aliases(claim.text, out)
    if sum(q.role == "value" for q in claim.quantities) == 1 and _AVERAGE_SAID.search(claim.text):
        out = [replace(t, sentence_says=True) if t.kind == "metric" and METRICS.get(t.key) == "average" else t
               for t in out]
    name_parts = {p for t in out for p in t.parts} | {t.key.split(":", 1)[1] for t in out if ":" in t.key}
    for w in claim.terms:
        if name_key(w) not in seen and not w.startswith(("yes:", "no:")) and stem(name_key(w)) not in name_parts:
            add(w, "weak")
    return out


def _bracketed_aliases(text: str, terms: list[Term]) -> list[Term]:
    """"Selective Language Modeling (Rho-1-Math)": a table's row may print the model's name for the
    method spelled out before it, so that name is also covered by the bracketed one (which stays a
    word to prefer)."""
    subjects = [t for t in terms if t.kind == "subject"]
    extra: dict[int, tuple[str, ...]] = {}
    for t in terms:
        if t.kind != "weak" or not t.text.startswith("(") or len(t.key) < 3:
            continue
        # (Only after a method spelled out in words: "OASST1 (Guanaco)" names a dataset and a model
        # that other tables print apart.)
        before = next((o for o in subjects if len(o.text.split()) >= 3
                       and re.search(re.escape(o.text) + r"\s*" + re.escape(t.text), text)), None)
        if before is not None:
            extra[id(before)] = extra.get(id(before), ()) + (t.key,)
    return [replace(t, abbrevs=t.abbrevs + extra[id(t)]) if id(t) in extra else t for t in terms]


_DEFINED = re.compile(r"([A-Za-z][\w-]+)\s+(?:model|method|approach)?\s*\(([A-Za-z][\w-]{1,11})\)")


def _merge_defined_abbreviations(text: str, terms: list[Term]) -> list[Term]:
    """"the Mixture-of-Experts model (MoE)": one name with two spellings, so a table row saying
    only "MoE" covers it, rather than two names of which the row has one."""
    for m in _DEFINED.finditer(text):
        long_key, short_key = name_key(m.group(1)), name_key(m.group(2))
        long_t = next((t for t in terms if t.key == long_key and t.kind in {"subject", "benchmark"}), None)
        short_t = next((t for t in terms if t.key == short_key), None)
        if long_t is None or long_t is short_t or (short_t is not None and short_t.kind != long_t.kind):
            continue  # "CommonsenseQA (CQA)": a table row saying "CQA" names the benchmark too
        terms = [replace(t, abbrevs=t.abbrevs + (short_key,)) if t is long_t else t for t in terms if t is not short_t]
    return terms


def _adjacent_abbreviations(text: str, terms: list[Term]) -> list[Term]:
    """"DeBERTa XXL" read as two names: both also match the glued short form "DeBXXL"."""
    subj = sorted((t for t in terms if t.kind == "subject"), key=lambda t: t.pos)
    extra: dict[str, tuple[str, ...]] = {}
    for a, b in zip(subj, subj[1:]):
        if text[a.pos + len(a.text): b.pos].strip() == "" and b.pos > a.pos:
            extra[a.key] = extra[b.key] = _abbrevs((a.key, b.key))
    return [replace(t, abbrevs=t.abbrevs + extra[t.key]) if extra.get(t.key) else t for t in terms]


_SECOND_BEST = re.compile(r"\bsecond[- ](?:best|largest|strongest)\s+(?:[\w-]+\s+)?(?:model|variant|version|system)s?\b", re.I)
_AVERAGE_SAID = re.compile(r"\b(?:average|mean)\b(?!\s+of\s+(?:both|the two|two))", re.I)

_ROUGE = frozenset({"rouge1", "rouge2", "rougel"})


def coverage(term: Term, m: Mention) -> float | None:
    """1 covered, partial fraction, 0 absent, -1 contradicting setting, None neutral (no such axis)."""
    # Sentences say "we" for the paper's own system (see ``own_system.own_names``); its own benchmark
    # they leave unsaid altogether.
    if term.implicit and (m.kind != "text" or term.kind == "benchmark"):
        c = coverage(replace(term, implicit=False), m)
        if c is not None and c >= 0.99:
            return c
        if term.kind == "benchmark" and any(t in BENCHMARKS and t != term.key for t in m.terms):
            return 0.0  # the cell names another benchmark
        return None
    terms = m.terms
    if ":" in term.key:  # (every axis below has a prefixed key; plain names skip them all)
        if term.key.startswith("split:"):
            # Stated split: the same one covers, another one contradicts; unsaid is neutral.
            # The row or column says it before the caption does ("validation set and test set").
            have = {SPLITS[t] for t in m.strong_terms if t in SPLITS} or {SPLITS[t] for t in terms if t in SPLITS}
            return None if not have else (1.0 if term.key[6:] in have else -1.0)
        if term.key.startswith("min:"):
            # "five or more steps" against a "\u22655 steps" column: the same bound covers, another bound
            # on the same count contradicts; a table cell under no such bound is not about it.
            noun = re.sub(r"^min:\d+", "", term.key)
            bounds = {t for t in terms if t.startswith("min:") and t.endswith(noun)}
            if term.key in bounds:
                return 1.0
            if bounds:
                return -1.0
            return 0.0 if m.kind == "cell" else None
        if term.key.startswith("band:"):
            # "longer than 4,000 tokens" against a "Large (>4k)" column: the same band covers, another
            # band of the row or column contradicts; a sentence naming several bands decides nothing.
            bands = {t for t in (m.strong_terms if m.kind != "text" else m.terms) if t.startswith("band:")}
            if term.key in bands and (m.kind != "text" or len(bands) == 1):
                return 1.0
            return -1.0 if bands and m.kind != "text" else None
        if term.key.startswith("set:"):
            # "h = 1" against an ablation row whose "h" column gives 1: the same value covers, another
            # contradicts; a row without that column, or a sentence, is neutral.
            name = term.key.split("=", 1)[0] + "="
            have = {t for t in m.terms if t.startswith(name)} if m.kind != "text" else set()
            return (1.0 if term.key in have else -1.0) if have else None
        if term.key == "mark:dagger":
            # "(\u2020)": the rows or columns a table marks with a dagger, which its caption explains
            # ("\u2020 indicates runs configured in a setup similar to ..."); an unmarked one is another run.
            if m.kind == "text":
                return None
            if "\u2020" in f"{m.row} {m.column}":
                return 1.0
            return -1.0 if "\u2020" in (m.caption or "") else None
        if term.key == "rank:2":
            # "the second-best Guanaco model": only a sentence says which model ranks second ("with the
            # second best model reaching 97.8%"), not a table row (``sentence_checks.other_rank`` weighs
            # a sentence that gives the number to another rank).
            if m.kind != "text":
                return 0.0
            return 1.0 if _SECOND_BEST.search(m.quote or m.text) else None
        if term.key.startswith("len:"):
            # The input length a length-generalisation column prints ("OOD: 4", "L = 12"): the same
            # covers, another contradicts; a sentence says it in words ("lists of length 12").
            if m.kind == "text":
                said = length_keys(m.quote or m.text)
            else:
                said = _label_lengths(m.column) or _label_lengths(m.row)
            # A column without one may sit under a length header spanning it and its neighbour
            # ("OOD: 3" over "standard" and "CoT"): neutral.
            return (1.0 if term.key in said else -1.0) if said else None
        if term.key.startswith("size:"):
            # The size the cell's row (or the sentence) names: the same covers, another contradicts.
            row = {w.lower() for w in re.findall(r"[A-Za-z]+", getattr(m, "row", None) or "")} & SIZE_WORDS
            said = row or (m.strong_terms or terms) & SIZE_WORDS  # the row's size first
            return None if not said else (1.0 if term.key[5:] in said else -1.0)
        if term.key.startswith("pair:"):
            def pairs(ts: frozenset[str]) -> set[str]:
                return {t for t in ts if t in LANGUAGE_PAIRS} | {PAIR_NAMES[t] for t in ts if t in PAIR_NAMES}

            have = pairs(m.strong_terms or frozenset()) or pairs(terms)  # the column before the caption
            return None if not have else (1.0 if term.key[5:] in have else -1.0)
        if term.kind == "setting" and term.key.startswith(("yes:", "no:")):
            word = term.key.split(":", 1)[1]
            opposite = ("no:" if term.key.startswith("yes:") else "yes:") + word
            if m.kind == "text" and name_key(word) in m.excluded_terms and name_key(word) not in m.strong_terms:
                # "32.5 tokens/s for full fine-tuning; ... 43.1 tokens/s ... for LoRA": the other clause's method.
                return 0.0
            if term.key in terms or (term.key.startswith("yes:") and (name_key(word) in terms or (
                    term.parts and all(p in terms for p in term.parts)) or (term.acronym and term.acronym in terms))):
                return 1.0
            if opposite in terms:
                return -1.0
            return None
    if term.kind == "setting" and term.key.endswith("shot"):
        if term.key in terms or name_key(term.text) in terms or (term.parts and all(p in terms for p in term.parts)):
            return 1.0
        # A table that does not state the shot setting is worse evidence than one that does; a
        # sentence that does not repeat it is neutral, unless another clause of it is the one that
        # says it ("85% to GPT-3, and 71% to few-shot GPT-3").
        if m.kind == "text" and term.key in (getattr(m, "excluded_terms", None) or ()):
            return -1.0
        return None if m.kind == "text" else 0.0
    if term.key in terms or (_stemmable(term) and stem(term.key) in terms):
        if term.kind == "subject" and m.kind == "text" and _only_as_variant(term.text, m.quote):
            return 0.5  # "Codex" against a sentence about "Codex-S" only: another variant of it
        return 1.0
    if term.key in _ROUGE and _ROUGE.intersection(terms):
        return -1.0  # a "CNN R1" column gives ROUGE-1, which no ROUGE-2 claim is about
    if term.sentence_says and m.kind == "text":
        return 0.0
    if term.kind == "metric" and METRICS.get(term.key) in {"accuracy", "average", "score"}:
        # Tables often leave a generic metric unsaid ("accuracy"); only another metric contradicts it.
        return 0.0 if any(t in METRICS and METRICS[t] not in {"average", "score"} for t in terms) else None
    if term.acronym and term.acronym in terms:
        return 1.0
    if term.abbrevs and any(a in terms for a in term.abbrevs) and _same_unit(term, getattr(m, "strong_terms", None) or terms):
        return 1.0
    if term.parts:
        num = re.match(r"(\d+)-[A-Za-z]", term.text)
        if num and num.group(1) not in terms:
            return 0.0  # "16-token" is not the "1T tokens" row: the number is what names it
        # A lone letter ("S" of "Codex-S") is in every table; only the whole name says it.
        hit = sum(1 for p in term.parts if p in terms and (len(p) > 1 or p.isdigit()))
        if hit == len(term.parts):
            if num and m.kind == "cell" and not _in_one_label(term.parts, m) and not re.search(
                    rf"\bn\s*=\s*{num.group(1)}\b", f"{m.row} {m.column}"):
                return 0.0  # "4-token" is not the "4" row of a "Tokens / forward" column; it is "n = 4"
            return 1.0
        frac = hit / len(term.parts)
        return frac if frac >= 0.66 and len(term.parts) >= 3 else frac * 0.6
    return 0.0


@lru_cache(maxsize=1 << 14)
def _only_as_variant(name: str, quote: str) -> bool:
    """Whether ``quote`` says ``name`` (a one-word name) only with a variant's letters after it
    ("Codex-S", "ReAct-IM"), never alone."""
    if not re.fullmatch(r"[A-Za-z][\w]*", name):
        return False
    said = [m.end() for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![A-Za-z0-9])", quote)]
    return bool(said) and all(re.match(r"-(?!XX?L\b)[A-Z]{1,2}\b", quote[e:]) for e in said)


def _label_lengths(label: str | None) -> set[str]:
    """"Coin Flip 2 / OOD: 4", "L = 12": the lengths a table label prints, bare or as "L = n"."""
    out = {f"len:{n}" for n in re.findall(r"\bL\s*=\s*(\d+)\b", label or "")}
    return out or {f"len:{n}" for n in re.findall(r"(?<![\w.,@=/-])(\d{1,2})(?![\w.,%/-])", label or "") if 0 < int(n) <= 64}


def score(terms: Sequence[Term], m: Mention) -> Scored:
    """Key-term coverage (``frac``, weighted) and weak-word coverage (``weak``) of a mention."""
    num = den = 0.0
    wn = wd = 0.0
    covered, missing = [], []
    conflict = False
    for t in terms:
        c = coverage(t, m)
        if c is None:
            continue
        if t.kind == "weak":
            wd += 1
            wn += max(c, 0.0)
            continue
        w = WEIGHTS[t.kind]
        den += w
        if c < 0:
            conflict = True
            missing.append(t.text)
            num -= w
            continue
        if c > 0 and m.kind != "text" and t.kind not in {"weak", "setting"} and not _in_strong(t, m):
            c *= CAPTION_FACTOR
        num += w * c
        (covered if c >= 0.99 * (CAPTION_FACTOR if m.kind != "text" else 1) else missing).append(t.text)
    sc = Scored(m, num / den if den else 0.0, tuple(covered), tuple(missing), conflict, weak=wn / wd if wd else 0.0)
    strong = m.strong_terms or m.terms  # a sentence is all "strong"; a cell's row/column are
    sc.set_hits = sum(1 for t in terms if t.kind in {"setting", "weak"} and _in_strong_words(t, strong))
    sc.bench_missing = any(t.kind == "benchmark" and (coverage(t, m) or 0.0) < 0.99 and not (
        t.implicit and coverage(t, m) is None) for t in terms)
    return sc


def _in_one_label(parts: Sequence[str], m: Mention) -> bool:
    """Whether the cell's row, its column or its caption alone says all of ``parts``."""
    labels = (label_terms(m.row), label_terms(m.column), label_terms(m.caption))
    return any(all(p in ts for p in parts) for ts in labels)


def _in_strong_words(t: Term, strong: frozenset[str]) -> bool:
    """Settings and plain words stated in the row/column, abbreviations included ("ext. calc")."""
    if t.key.startswith(("yes:", "no:")):
        return t.key in strong or bool(t.parts) and all(p in strong for p in t.parts) or (
            bool(t.acronym) and t.acronym in strong)
    if t.key in strong or (t.parts and all(p in strong for p in t.parts)):
        return True
    # A word of the context that begins this claim word ("calc" for "calculator"): looked up by the
    # claim word's prefixes, not by scanning the context.
    return t.kind == "weak" and len(t.key) >= 5 and any(
        t.key[:k] in strong and t.key[:k].isalpha() for k in range(3, len(t.key) + 1))


def _in_strong(t: Term, m: Mention) -> bool:
    s = m.strong_terms
    return (t.key in s or stem(t.key) in s or (bool(t.acronym) and t.acronym in s)
            or (any(a in s for a in t.abbrevs) and _same_unit(t, s))
            or (bool(t.parts) and all(p in s for p in t.parts)) or t.key.startswith(("yes:", "no:")))


_COMPARING = (r"outperform\w*|over|than|vs\.?|versus|beat(?:s|ing)?|surpass\w*|compared (?:to|with)|"
              r"improv(?:es|ed|ing) (?:up)?on")
COMPARE = re.compile(rf"\b({_COMPARING})\s", re.I)
_PRONOUNS = {"it", "them", "this", "that", "these", "those", "all", "others", "other", "both", "each", "any"}
_GENERIC = {"prompting", "prompt", "method", "methods", "model", "models", "baseline", "baselines", "approach",
            "the", "a", "an", "its", "their", "on", "in", "by", "with", "of", "from", "to", "at", "for", "and",
            "when", "while", "across", "starting", "using", "beginning"}


# "the gain over Act ranges from 33% to 90%": the compared thing ends where its verb starts.
_LINKING = {"is", "are", "was", "were", "ranges", "ranging", "range", "varies", "varying", "reaches", "remains", "goes",
            "rises", "grows", "falls", "drops", "stays", "amounts", "averages", "averaging"}


# What introduces a compared thing; after the words COMPARE lacks, only a name (or "next-token") is one.
_AGAINST = re.compile(rf"\b({_COMPARING}|above|below|ahead of|behind|up from|down from)\s", re.I)
# "beating the strongest previous ensemble, ConvS2S Ensemble (26.36)": the name after the description.
_DESCRIBED = re.compile(r"\s*(?:the\s+|its\s+)?(?:strongest|best|previous|prior|leading|top|closest|competing|existing)"
                       r"(?:\s+[a-z][a-z-]*){0,3},\s+([A-Z][\w\-/]*(?:\s+[A-Z][\w\-/]*)?)")


def _same_unit(term: Term, terms: frozenset[str]) -> bool:
    """"16-token prediction" is the "n = 16" row of a table of tokens, not of one of bytes."""
    unit = re.match(r"(?:\d{1,2}|next)-(token|byte|word)", term.text, re.I)
    return unit is None or bool({unit.group(1).lower(), unit.group(1).lower() + "s"} & terms)


def _after_shot(text: str) -> tuple[str, ...]:
    """"Zero-shot-PS+" is also "PS+": papers write "PS+ prompting" under a zero-shot heading (the
    shot setting is a term of the claim's own)."""
    m = re.match(r"(?:zero|few|one|\d+)-shot-(.{2,})$", text, re.I)
    rest = name_key(m.group(1)) if m else ""
    return (rest,) if rest else ()


def _n_ahead(text: str) -> tuple[str, ...]:
    """"4-token prediction" is the "n = 4" row of a multi-token table, "next-token" the "n = 1" one."""
    m = re.match(r"(\d{1,2})-(?:token|byte|word)s?\b", text, re.I)
    if m:
        return ("n" + m.group(1),)
    return ("n1",) if re.match(r"next-(?:token|byte|word)\b", text, re.I) else ()


def _comparator_terms(claim: Claim, known: set[str]) -> list[Term]:
    """The thing compared against ("over standard prompting", "than full fine-tuning", "above the
    next-token baseline", "versus 30.0 for next-token prediction") as a subject."""
    out = []
    for m in _AGAINST.finditer(claim.text):
        start = m.end()
        given = re.match(r"\s*[-+]?\d[\d.,]*\s*%?\s+(?:for|with)\s+", claim.text[start:])
        if given:  # "versus 30.0 for next-token prediction", "up from 30.0% with next-token prediction"
            start += given.end()
        described = _DESCRIBED.match(claim.text, start)
        if described:
            start = described.start(1)
        rest = claim.text[start:]
        if re.match(r"\s*(?:(?:only|just|merely|about|around|roughly|nearly|approximately)\s+)?(\d|(its|the|all)?\s*(one|two|three|four|five|six|seven|eight|nine|ten|all|several|multiple)\b)",
                    rest, re.I) or re.search(r"\b(averaged?|aggregated|computed|measured|summed)\s*$", claim.text[:m.start()], re.I):
            continue  # "over 700 times smaller", "averaged over its six trials": no compared thing
        # ("Let's" is "Let"; "the 9B model" is "9B", not a "B".)
        words_ = re.findall(r"(?<![\w.])(?:[A-Za-z][\w+\-/]*|\d+(?:\.\d+)?[BMK]\b)", re.sub(r"['\u2019]s\b", "", rest[:40]))
        picked = []
        for k, w in enumerate(words_):
            if w.lower() in {"the", "a", "an", "its"} and not picked:
                continue
            if not picked and re.fullmatch(r"[a-z]+ed", w) and k + 1 < len(words_) and is_name_like(words_[k + 1]):
                continue  # "validated Task Arithmetic", "tuned LLaMA": the name, not its participle
            if w.lower() in _GENERIC or w.lower() in _PRONOUNS or w.lower() in _LINKING or len(picked) == 2:
                break
            if picked and is_name_like(picked[0]) and re.fullmatch(r"[a-z]+(?:ed|ing)", w):
                break  # "over Act ranged from": the name ends where the sentence's verb goes on
            picked.append(w)
        if not picked:
            continue
        if not COMPARE.match(claim.text, m.start()) and not (is_name_like(picked[0]) or _n_ahead(picked[0])):
            continue  # "above the strongest baseline": only a name (or "next-token") is compared after "above"
        if picked[0].lower() in {"previous", "former", "earlier"} and picked[1:] == ["state"]:
            picked[0] = "prior"  # "the previous state of the art" is what papers call the prior one
        text = " ".join(picked)
        key = name_key(text)
        if key in known or any(key in k or k in key for k in known if len(k) > 3):
            continue
        parts = tuple(p for w in picked for p in token_parts(w))
        out.append(Term(text, "subject", start + rest.find(picked[0]), key, parts or (key,), _acronym(text),
                        _n_ahead(text)))
    return out


@lru_cache(maxsize=1 << 14)  # (re's own cache holds 512 patterns: a paper's names overflow it)
def whole_word(text: str, flags: int = 0) -> re.Pattern:
    """``text`` as a word of its own: "Act" is not the "act" inside "ReAct"."""
    return re.compile(r"(?<![A-Za-z0-9])" + re.escape(text) + r"(?![A-Za-z0-9])", flags)


def key_terms(terms: Sequence[Term]) -> list[Term]:
    return [t for t in terms if t.kind in {"subject", "benchmark"}]


def _stemmable(t: Term) -> bool:
    """ "Codex-S" is no plural of "Codex": a name ending in a lone letter keeps it."""
    return not (len(t.parts) > 1 and len(t.parts[-1]) == 1 and t.parts[-1].isalpha())


def in_vocab(t: Term, vocab: frozenset[str]) -> bool:
    return (t.key in vocab or (_stemmable(t) and stem(t.key) in vocab) or (bool(t.acronym) and t.acronym in vocab)
            or any(a in vocab for a in t.abbrevs)
            or (bool(t.parts) and all(p in vocab for p in t.parts) and all(
                # a lone letter ("h" of "ViT-H/14") is in every paper: only with its neighbour does it name
                (a and a + b in vocab) or (c and b + c in vocab) for a, b, c in zip(("",) + t.parts, t.parts, t.parts[1:] + ("",))
                if len(b) == 1 and b.isalpha())))
