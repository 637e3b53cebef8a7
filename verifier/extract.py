"""Extraction: free-text sentences and table cells -> typed ``Claim`` records.

General rules, no per-paper lexicon:
* numbers with printed precision and unit; years, citation markers, "Table 3", model sizes
  (``33B``), names with digits (``GPT-3``, ``pass@1``) and counts ("eleven tasks", "7 tasks")
  are not result values; "by 3.1 points" / "2.5 points above" are differences;
* names: tokens with digits, internal capitals, ``+``/``@``, all-caps, or capitalised words
  mid-sentence (runs of plain capitalised words form one name: "Task Arithmetic");
* frame terms: benchmark/metric vocabulary (``normalize.BENCHMARKS``/``METRICS``), n-shot,
  "with/without X" settings; the rest of the content words are weak terms.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import Iterable

from verifier.normalize import (
    BENCHMARKS,
    BOUND_WORDS,
    COUNT_NOUNS,
    MEASURED_UNIT,
    METRICS,
    NUMBER,
    SETTING_WORDS,
    STOPWORDS,
    clean_text,
    decimals_of,
    is_frame_key,
    is_name_like,
    band_keys,
    length_keys,
    name_key,
    stem,
    threshold_keys,
    words,
)
from verifier.types import Claim, Quantity

_NOT_VALUE_BEFORE = re.compile(  # whole words: "the baseline 79%" is no line number
    r"(?<![A-Za-z])(table|tab\.|figure|fig\.|section|sec\.|appendix|eq\.|equation|chapter|step|stage|line|page|top|rank|version|v|"
    r"arxiv:?|abs/|pp\.|vol\.|no\.)\s*$",
    re.I,
)
_DIFF_AFTER = re.compile(r"^\s*(percentage points?|absolute points?|points?|pp\b|pts\b|% points|"
                         r"%?\s*(?:absolute\s+|relative\s+)?(?:improvement|gain|increase|drop|decrease|reduction|boost)s?\b|"
                         r"(?:BLEU|F1|EM|ROUGE-?\w*|accuracy)\s+(?:drop|gain|improvement|increase|decrease|loss|boost)\b|"
                         r"(?:(?:BLEU|F1|EM|ROUGE-?\w*|accuracy|points?)\s+)?(?:short of|behind)\b)",
                         re.I)  # "a 0.9 BLEU drop" is a difference too
# "2.04 BLEU above the strongest previous ensemble" (but "more than 2.0 BLEU above" is a bound).
_GAP_ABOVE = re.compile(r"^\s*(?:BLEU|F1|EM|ROUGE-?\w*|accuracy|points?)\s+(?:above|below|ahead of|higher than|lower than)\b",
                        re.I)
# "scores 45.4 ROUGE-1, only 0.2 below the multi-head T5-XXL (45.6)": after another number and a
# comma, a bare number above or below a name is the gap between them.
_BARE_GAP = re.compile(r"^\s*(?:above|below|ahead of|behind|higher than|lower than|short of)\s+(?:the\s+|that of\s+)?[A-Za-z]", re.I)
_BOUND_BEFORE = re.compile(rf"\b(?:{BOUND_WORDS}|nearly|almost)\s*$", re.I)
# A number in a measured unit ("0.28 s", "5 GB", "12 hours"): never a fraction of a percentage.
_MEASURED = re.compile(rf"^\s?(?:{MEASURED_UNIT}|MiB|thousand|million|billion|trillion|(?:tokens?|samples?|examples?|it)/s)\b")
# "1.23 s less inference time per sample than MHA-XXL": a gap in that unit.
_MEASURED_GAP = re.compile(_MEASURED.pattern + r"\s*(?:less|more|lower|higher|faster|slower|fewer|smaller|larger)\b"
                           r"(?:[^.;()]{0,40})\bthan\b", re.I)
_POINT_DIFF = re.compile(r"(?<![\w.\-])(\d+(?:\.\d+)?)-(?:percentage-)?(?:points?|pts?|pp)\b", re.I)
# "beats MHA-Large by 0.8 ROUGE-1": a gap even without "points".
_DIFF_BEFORE = re.compile(r"\b(outperform\w*|beat\w*|improv\w*|exceed\w*|surpass\w*|lead\w*|trail\w*|lift\w*|"
                          r"boost\w*|rais\w*|gain\w*|drop\w*|los\w*|lower\w*|widen\w*|narrow\w*)\b(?:[^.;]|\.\d){0,90}\bby\s*$", re.I)  # "(26.36)" may stand between
# "5 or more reasoning steps", "at least 3 hops": a condition, not a result.
# "Fleiss kappa = 0.25", "Spearman's rho of 0.6": a measured agreement, not a setting, whatever the "=".
_AGREEMENT = re.compile(r"\b(?:kappa|\u03ba|correlation|spearman\W*s?\s*(?:rho|\u03c1)|pearson\W*s?\s*r|"
                        r"kendall\W*s?\s*(?:tau|\u03c4))\s*(?:=|of|is|:)?\s*$", re.I)
_THRESHOLD = re.compile(r"^\s*(or more|or fewer|or less|or above|or below|\+\s)", re.I)
_SHOT = re.compile(r"\b(zero|one|few|\d+)[- ]shot\b", re.I)
# The data split a number is for ("test set", "validation problems"): tables set them apart.
_SPLIT = re.compile(r"\b(test|testing|validation|valid|dev|development|training)[- ](?:set|split|data|problems|examples)\b",
                    re.I)
SPLITS = {"test": "test", "testing": "test", "validation": "val", "valid": "val", "dev": "val", "development": "val",
          "val": "val", "training": "train", "train": "train"}
# A translation direction ("English-to-German", "EN-DE", "en→fr"): which column of a WMT table.
_LANG = {"english": "en", "german": "de", "french": "fr", "romanian": "ro", "czech": "cs", "russian": "ru",
         "chinese": "zh", "en": "en", "de": "de", "fr": "fr", "ro": "ro", "cs": "cs", "ru": "ru", "zh": "zh"}
_PAIR = re.compile(r"\b(" + "|".join(_LANG) + r")(?:\s*[-\u2013]?\s*to\s*[-\u2013]?\s*|\s*(?:-|\u2013|\u2192|->)\s*)(" + "|".join(_LANG) + r")\b", re.I)
LANGUAGE_PAIRS = frozenset(a + b for a in set(_LANG.values()) for b in set(_LANG.values()) if a != b)
# Spelled-out directions as context terms carry them ("englishtogerman", "englishgerman") -> "ende".
PAIR_NAMES = {f"{a}{sep}{b}": _LANG[a] + _LANG[b] for a in _LANG for b in _LANG
              if len(a) > 2 and len(b) > 2 and a != b for sep in ("to", "")}
_SIZE = re.compile(r"(?<![\w-])(base|big|large|small)\s+(?=(?:[A-Z][\w-]*\s+)?(?:model|transformer|version|variant|configuration)s?\b)",
                   re.I)
# "GPT-2 Medium", "T5 Large": a size right after a name with digits.
_NAMED_SIZE = re.compile(r"\b[A-Za-z][\w]*-?\d[\w]*\s+(Medium|Large|Small|Base)\b")
_BRACKET_SIZE = re.compile(r"\b[A-Z][\w-]*\s*\((big|base|large|small)(?:\s+model)?\)")  # "Transformer (big)"
SIZE_WORDS = frozenset({"base", "big", "large", "small", "medium"})


def size_words(text: str) -> set[str]:
    """The model sizes ``text`` gives in words ("the big models", "Transformer (big)")."""
    return {m.group(1).lower() for rx in (_SIZE, _BRACKET_SIZE) for m in rx.finditer(text)}


WITH_PHRASE = re.compile(r"\b(with|without|w/o|w/)\s+(?:a |an |the |any )?([A-Za-z][\w-]+)", re.I)
_PASSK = re.compile(r"pass@(\d+|k)", re.I)
_COMPARISON = re.compile(
    r"\b(outperform\w*|surpass\w*|beat\w*|exceed\w*|improv\w*|above|below|higher|lower|better|worse|drops?|dropp\w*|"
    r"falls?|increas\w*|decreas\w*|vs\.?|versus|compared)\b",
    re.I,
)


# A whole month name or its abbreviation: "decoding 3.05x" and "augmented 45%" are no dates.
_MONTH = re.compile(r"\b(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
                    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?\s", re.I)


def _is_year(num: str, pct: str | None) -> bool:
    return not pct and "." not in num and num.isdigit() and 1900 <= int(num) <= 2035


_LINKING = {"on", "in", "at", "of", "for", "with", "and", "or", "vs", "than", "to", "from", "by", "the", "a", "an"}


def find_quantities(text: str) -> list[Quantity]:
    """Result numbers in ``text`` with precision, unit and role (value / diff / setting)."""
    out: list[Quantity] = []
    for m in NUMBER.finditer(text):
        num, pct = m.group("num"), m.group("pct")
        before = text[max(0, m.start() - 24): m.start()]
        after = text[m.end(): m.end() + 24]
        if _is_year(num, pct) and not m.group(0).rstrip().endswith(("\u00d7", "x")):  # "2000\u00d7 smaller" is no year
            continue
        if before.rstrip().endswith("[") or (_NOT_VALUE_BEFORE.search(before) and not (
                pct and re.search(r"\btop\s*$", before, re.I))):  # "top 5" is a setting, "top 54.3%" a result
            continue
        if not pct and re.match(r"^\s+[A-Z][a-z]", after) and (
                not before.strip() or before.rstrip().endswith((".", ":"))):
            continue  # "3.3 Ablations", "4 Related Work": a section number
        if before.endswith("(") and after.startswith(")") and "." not in num and not pct:
            continue  # "(1)": an enumerator; "(45%)" is a result
        if _MONTH.match(after.strip()) or re.search(_MONTH.pattern + "$", before.rstrip() + " ", re.I):
            continue  # "23 Dec 2023"
        if re.match(r"^\s*[\]\u2020\u2021*]", after) and "." not in num:  # citation marker [12]
            continue
        if num.startswith(".") and re.search(r"[\])]$", before):
            continue  # "[29].2 Merge experiments": a footnote marker after a citation's full stop
        decimals = decimals_of(num)
        value = float(num.replace(",", ""))
        if m.group("sign") == "-":
            value = -value
        if out and out[-1].role == "value" and out[-1].pm is None and _PM_IN_BRACKETS.search(text[out[-1].end:m.start()]):
            out[-1] = replace(out[-1], pm=abs(value))  # "85% of the time (±3%)": the margin of the number before
            continue
        role = "value"
        tail = after.lstrip()
        nxt = re.match(r"[A-Za-z][\w-]*", tail)
        # "8 exemplars", "8 independent exemplars": a count, not a result.
        follow = re.findall(r"[A-Za-z][\w-]*", text[m.end(): m.end() + 40])[:3]
        # "140 AlpacaEval instructions", "100 sampled GSM8K problems", "the 900 NEI claims": adjectives,
        # a benchmark or an acronym may stand between the number and its noun.
        gap = 0
        while gap < len(follow) - 1 and follow[gap] not in _LINKING and (
                follow[gap].islower() or name_key(follow[gap]) in BENCHMARKS or re.fullmatch(r"[A-Z]{2,5}", follow[gap])
        ) and not COUNT_NOUNS.match(follow[gap]):
            gap += 1
        counted = bool(follow) and COUNT_NOUNS.match(follow[gap]) is not None and (gap == 0 or text[m.end()] == " ")
        follow = follow[:2]
        multiplier = len(follow) == 2 and follow[0].lower() == "times" and re.fullmatch(
            r"(smaller|larger|bigger|fewer|more|less|faster|slower|higher|lower|cheaper)", follow[1].lower())
        multiplier = multiplier or m.group(0).rstrip().endswith(("\u00d7", "x"))  # "700\u00d7 smaller model"
        # "reduce the GPU memory requirement by 3 times": a factor, not a count of times.
        multiplier = multiplier or (bool(follow) and follow[0].lower() == "times" and re.search(r"\bby\s*$", before) is not None)
        if not pct and decimals == 0 and nxt and counted and not multiplier:  # "700 times smaller" is 700x
            role = "count"
        elif not pct and (decimals == 0 or value < 10) and re.search(r"[A-Za-z][\w.-]*\s$", before) and is_name_like(
            before.split()[-1]) and not re.search(r"(of|is|at|to|by|reaches|achieves|scores)\s$", before, re.I):
            role = "name"  # "Llama 2", "GPT 3.5": a version that continues a name
        elif m.group("sign") and re.search(r"\d[^()\d]{0,30}\(\s*$", before):
            role = "diff"  # "47.7 vs 47.5 ROUGE-1 (+0.2)": a signed number in brackets after another is the gap
        elif _DIFF_AFTER.match(after) or (_GAP_ABOVE.match(after) and not _BOUND_BEFORE.search(before)) or (
                _BARE_GAP.match(after) and re.search(r"\d[^.;]*,\s*(?:only\s+|just\s+|about\s+)?$", before)) or (not pct and (_DIFF_BEFORE.search(text[max(0, m.start() - 120): m.start()])
                                                      or _MEASURED_GAP.match(text[m.end(): m.end() + 80]))):
            role = "diff"
        elif not pct and not multiplier and (  # "more than 700\u00d7 smaller" bounds a result
                _THRESHOLD.match(after) or re.search(r"\b(at least|more than|fewer than|less than)\s*$", before)):
            role = "setting"
        elif SETTING_WORDS.search(before) and not _AGREEMENT.search(before):
            role = "setting"
        pm = float(m.group("pmv")) if m.group("pm") else None
        unit = "%" if pct else ("x" if multiplier else "u" if _MEASURED.match(after) else ("pp" if role == "diff" else ""))
        out.append(Quantity(value=value, text=m.group(0).strip(), decimals=decimals, unit=unit, start=m.start(),
                            end=m.end(), role=role, pm=pm))
    for m in _POINT_DIFF.finditer(text):
        # "a 3.8-point gain": the hyphen keeps NUMBER from reading it, but it is a difference.
        num = m.group(1)
        out.append(Quantity(value=float(num), text=num, decimals=decimals_of(num), unit="pp", start=m.start(1),
                            end=m.end(1), role="diff"))
    return sorted(out, key=lambda q: q.start)


# What stands between a number and its margin written after it in brackets ("85% of the time (±3%)").
_PM_IN_BRACKETS = re.compile(r"^[^()\d.;]{0,20}\(\s*(?:±|\+/-|\+-)\s*$")
_JUDGED_BY = re.compile(r"\b(?:judged|rated|evaluated|graded|scored|assessed)\s+by\s+(?:the\s+)?", re.I)
_SCIENTIFIC = re.compile(r"\d+(?:\.\d+)?[eE][-+\u2212]?\d+")
_NAME_SUFFIX = re.compile(r"-(judged|based|evaluated|rated|generated|annotated|labell?ed|style|like|level|sized|scale|"
                          r"specific|only|free|aware|tuned|finetuned|trained|family|families|series)$", re.I)
# "Qwen-family models ...": the suffix says the capitalised word is a name, even opening a sentence.
_FAMILY = re.compile(r"[A-Z][A-Za-z0-9.]*-(?:family|families|series)")


def _name_terms(text: str) -> list[tuple[str, int]]:
    """Name terms with their offsets: standalone tokens with digits/caps, runs of capitalised words."""
    toks = words(text)
    out: list[tuple[str, int]] = []
    run: list[tuple[str, int, int]] = []
    prev_end = -1

    def flush() -> None:
        if run:
            out.append((" ".join(w for w, _, _ in run), run[0][1]))
            run.clear()

    for i, (w, s, e) in enumerate(toks):
        initial = i == 0 or text[max(0, s - 2): s].strip() in {".", ":", ";"}
        plain_cap = w[:1].isupper() and w[1:].islower() and w.isalpha()
        gap_ok = prev_end >= 0 and text[prev_end:s].strip() == ""
        if plain_cap and not initial and name_key(w) not in STOPWORDS:
            if run and not gap_ok:
                flush()
            run.append((w, s, e))
        elif (is_name_like(w, sentence_initial=initial) or _FAMILY.fullmatch(w)) and not re.fullmatch(r"[\d.,%+\-]+[x\u00d7]?", w):
            flush()
            # "ChatGPT-judged", "GPT-4-based": the name is the part before the participle.
            bare = w.strip("()") if w.startswith("(") and w.endswith(")") else w  # "(ChatGPT-judged)"
            base = _NAME_SUFFIX.sub("", bare)
            out.append((base if base and base != bare else w, s + (1 if bare != w else 0)))
        else:
            flush()
        prev_end = e
    flush()
    # "(L→L)", "H→L": a transition between two one- or two-letter states is one name, as a table or
    # sentence prints it ("the L→L category"), not two of the letter L.
    for m in _STATE_ARROW.finditer(text):
        out = [(w, p) for w, p in out if not m.start() <= p < m.end()] + [(m.group(0), m.start())]
    return sorted(out, key=lambda x: x[1])


_STATE_ARROW = re.compile(r"(?<![\w-])[A-Z]{1,2}\s*(?:\u2192|->)\s*[A-Z]{1,2}(?![\w-])")


_SYMBOL = r"[A-Za-z\u03b1-\u03c9][A-Za-z_]{0,6}"  # "h", "dk", "d_k", "\u03b1"
_ASSIGNED = re.compile(rf"(?<![\w@])((?:{_SYMBOL}\s*=\s*)*{_SYMBOL})\s*=\s*(\d+(?:\.\d+)?)(?![\w.])")
# "a single attention head", "4-head attention": the head count an ablation table prints as "h"
# (one count only: "single-head ... below the 8-head base" gives each number its own).
_HEADS = re.compile(r"\b(single|one|two|four|eight|sixteen|\d{1,2})[- ](?:(?:self-)?attention[- ])?heads?\b", re.I)
_HEAD_COUNTS = {"single": "1", "one": "1", "two": "2", "four": "4", "eight": "8", "sixteen": "16"}
_QUOTED = re.compile(r"(?<![\w])(['\u2018\u201c\"])([a-z][a-z-]*(?: [a-z][a-z-]*){0,2})['\u2019\u201d\"](?![\w])")


@lru_cache(maxsize=1 << 12)
def _papers_name(name: str) -> re.Pattern:
    """"the Chain-of-Table paper", "Dater's authors": a name said as the source, not the subject."""
    return re.compile(rf"(?<![\w-]){re.escape(name)}(?:['\u2019]s)?\s+(?:paper|authors|article|study)\b")


def claim_from_text(text: str, claim_id: str = "", **provenance: object) -> Claim:
    """Parse one claim sentence into a typed ``Claim``."""
    text = clean_text(text)
    quantities = tuple(find_quantities(text))
    names = _name_terms(text)
    # "the 'equation only' prompt": a quoted short phrase is the name of a variant.
    # (With several numbers it is often the compared side: "beats the 'equation only' ablation".)
    if sum(q.role in {"value", "diff"} for q in quantities) == 1:
        quoted = [(m.group(2), m.start(2)) for m in _QUOTED.finditer(text)]
        names = sorted(names + [(w, p) for w, p in quoted if not any(p <= n < p + len(w) for _, n in names)],
                       key=lambda x: x[1])
    subjects: list[str] = []
    benchmarks: list[str] = []
    metrics: list[str] = []
    settings: list[str] = []
    negated = negated_spans(text)
    judges = {m.end() for m in _JUDGED_BY.finditer(text)}
    judged_by: list[str] = []
    for name, pos in names:
        key = name_key(name)
        if any(a <= pos < b for a, b in negated):
            continue  # "(without the extra PS+ instructions)" does not name the subject
        if pos in judges:
            judged_by.append(name_key(name))  # "as judged by GPT-4": the evaluator, a word to prefer,
            continue  # not the model the number is about
        if _PASSK.fullmatch(name):
            metrics.append(name.lower())
        elif is_frame_key(key):
            continue  # benchmarks and metrics come from frame_spans (longest match)
        elif _SCIENTIFIC.fullmatch(name):
            continue  # "a learning rate of 2e-4" names a value, not a model
        elif key and key not in STOPWORDS and not re.fullmatch(r"\d+", key) and not _SHOT.fullmatch(name):
            subjects.append(name)
    spans = frame_spans(text)
    for a, b, k in spans:
        if k in METRICS or k.startswith("pass@"):
            if k not in metrics:
                metrics.append(k)
        elif k not in benchmarks:
            benchmarks.append(k)
    # "CNN/Daily Mail", "HumanEval Pro": names inside a benchmark's span are not subjects.
    subjects = [sj for sj in subjects if not any(a <= text.find(sj) < b for a, b, _ in spans)]
    for m in _PASSK.finditer(text):
        if m.group(0).lower() not in metrics:
            metrics.append(m.group(0).lower())
    for m in _SHOT.finditer(text):
        settings.append(f"{m.group(1).lower()}-shot")
    settings.extend(sorted(threshold_keys(text)))  # "five or more reasoning steps"
    settings.extend(sorted(band_keys(text)))  # "tables longer than 4,000 tokens"
    if "\u2020" in text or re.search(r"\bdagger\b", text, re.I):
        settings.append("mark:dagger")  # "the restricted setup (\u2020)": the rows a table marks so
    # "(h = 1, dk = dv = 512)": the hyperparameter values that pick an ablation table's row.
    assigned = set()
    for m in _ASSIGNED.finditer(text):
        for name in m.group(1).split("="):
            if name_key(name.strip()):  # not "\u03b1 = 10": rows print a Greek setting in their label
                settings.append(f"set:{name_key(name.strip())}={float(m.group(2)):g}")
                assigned.add(name.strip())
    subjects = [sj for sj in subjects if sj not in assigned]  # "(N=10)": N is the setting's symbol, no model
    heads = {_HEAD_COUNTS.get(m.group(1).lower(), m.group(1)) for m in _HEADS.finditer(text)}
    if len(heads) == 1 and "h" not in assigned:
        settings.append(f"set:h={float(heads.pop()):g}")  # "a single attention head": the ablation row h = 1
    # "As reported in the Chain-of-Table paper, Dater reaches ...": the paper is the source, not the subject.
    subjects = [sj for sj in subjects if not _papers_name(sj).search(text)]
    lengths = length_keys(text)
    if len(lengths) == 1:  # "lists of 12 words": which column of a length-generalisation table
        settings.extend(lengths)
        subjects = [sj for sj in subjects if not length_keys(sj)]  # "12-word" is the length, not a name
    pairs = [(m, _LANG[m.group(1).lower()] + _LANG[m.group(2).lower()]) for m in _PAIR.finditer(text)]
    pairs = [(m, k) for m, k in pairs if k in LANGUAGE_PAIRS]
    if len({k for _, k in pairs}) == 1:
        settings.append("pair:" + pairs[0][1])
        subjects = [sj for sj in subjects if not any(m.start() <= text.find(sj) < m.end() for m, _ in pairs)]
    # "the Transformer base model", "the big Transformer": which size of the model.
    sizes = size_words(text) | {m.group(1).lower() for m in _NAMED_SIZE.finditer(text)}
    if len(sizes) == 1:
        settings.append("size:" + sizes.pop())
    elif len(sizes) == 2 and sum(1 for q in quantities if q.role == "value") == 2:
        # "Transformer (big) improves on the base model (28.4 vs 27.3)": each number has its size.
        settings.extend("size:" + w for w in sorted(sizes))
    # One split per claim; "with a validation set" is a method's set-up, not the number's split.
    splits = {SPLITS[m.group(1).lower()] for m in _SPLIT.finditer(text)
              if not re.search(r"\b(with|without|w/o|using)\s+(a|an|the)?\s*$", text[:m.start()], re.I)}
    if len(splits) == 1:
        settings.append("split:" + splits.pop())
    for m in WITH_PHRASE.finditer(text):
        word = m.group(2).lower()  # keep "chain-of-thought" whole: its parts match "Chain of thought"
        if word and name_key(word) not in STOPWORDS:
            settings.append(("no:" if m.group(1).lower() in {"without", "w/o"} else "yes:") + word)
    weak = []
    name_keys = {name_key(n) for n, _ in names}
    for w, _, _ in words(text):
        k = stem(name_key(w))
        if name_key(w) in STOPWORDS:
            continue
        if k and k not in STOPWORDS and not re.fullmatch(r"[\d.]+", k) and k not in name_keys and len(k) > 2:
            weak.append(k)
    weak += judged_by
    key_terms = _dedupe(subjects + benchmarks + [m for m in metrics if m not in {"average", "score"}] + settings)
    terms = _dedupe(key_terms + weak)
    comp = _COMPARISON.search(text)
    return Claim(
        id=str(claim_id), text=text, quantities=quantities, subjects=tuple(_dedupe(subjects)),
        benchmarks=tuple(_dedupe(benchmarks)), metrics=tuple(_dedupe(metrics)), settings=tuple(_dedupe(settings)),
        terms=tuple(terms), key_terms=tuple(key_terms), comparison=comp.group(1).lower() if comp else None,
        **provenance,  # type: ignore[arg-type]
    )


def frame_spans(text: str) -> list[tuple[int, int, str]]:
    """Benchmark / metric mentions, longest match first ("HumanEval Pro" before "HumanEval"), in order."""
    toks = words(text)
    out: list[tuple[int, int, str]] = []
    i = 0
    while i < len(toks):
        hit = None
        for n in (3, 2, 1):
            if i + n > len(toks):
                continue
            window = toks[i:i + n]
            if any(re.search(r"[,;=]", text[a[2]:b[1]]) for a, b in zip(window, window[1:])):
                continue  # "pass@1, 3.8 points": a name does not run on over a comma ("r = 1" is no R1)
            raw = "".join(w for w, _, _ in window)
            k = name_key(raw)
            if n == 1:
                w = window[0][0]
                if stem(k) in {"average", "averag"} or k in {"averaged", "averaging"}:
                    k = "average"
                if k in STOPWORDS or (w.islower() and w.isalpha() and k not in METRICS):
                    continue  # "math model" is not the MATH benchmark
            if is_frame_key(k) or (n > 1 and is_frame_key(stem(k))):
                hit = (window[0][1], window[-1][2], k if is_frame_key(k) else stem(k), n)
                break
        if hit:
            out.append(hit[:3])
            i += hit[3]
        else:
            i += 1
    return out


def negated_spans(text: str) -> list[tuple[int, int]]:
    """Character spans that a "without"/"w/o" governs (up to the closing bracket or clause end)."""
    spans = []
    # ("before NEFTune is applied" is the run without it; "before and after" is both.)
    for m in re.finditer(r"\b(without|w/o|excluding|prior to|before(?!\s+(?:and|or)\b))\b", text, re.I):
        end = re.search(r"[),;]|$", text[m.end():])
        spans.append((m.end(), m.end() + (end.start() if end else 0)))
    return spans


def _dedupe(items: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for it in items:
        k = name_key(it) if not it.startswith(("yes:", "no:")) else it
        if k and k not in seen:
            seen.add(k)
            out.append(it)
    return out


def extract_claims_from_text(text: str, source: str | None = None, split: bool = True) -> list[Claim]:
    """Every sentence of ``text`` that states a result number becomes a claim (with its line number)."""
    out: list[Claim] = []
    lines = text.splitlines()
    for lineno, line in enumerate(lines, 1):
        if not line.strip() or _looks_like_table_line(line):
            continue
        for sent in (split_sentences(line) if split else [line]):
            qs = [q for q in find_quantities(clean_text(sent)) if q.role in {"value", "diff"}]
            if not qs:
                continue
            c = claim_from_text(sent, claim_id=f"L{lineno}.{len(out) + 1}", source=source, line=lineno)
            if c.key_terms:
                out.append(c)
    return out


def split_sentences(text: str) -> list[str]:
    """Sentence split; uses synth's splitter when present (it knows abbreviations), else a regex."""
    try:
        from synth.parse.text import split_sentences as synth_split

        return synth_split(text)
    except ImportError:  # pragma: no cover - synth's parser is part of the same install
        return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z(])", text) if s.strip()]


def _looks_like_table_line(line: str) -> bool:
    return line.count("|") >= 2 or line.count("\t") >= 1
