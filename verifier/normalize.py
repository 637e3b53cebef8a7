"""Normalisation shared by extraction, verification and audit.

* text: NFKC (ligatures), dehyphenation of line-broken words, whitespace collapsing;
* names: case/hyphen/space-insensitive canonical keys, so ``DeepseekCoder-33B-instruct`` and
  ``DeepSeek-Coder-33B-Instruct`` meet (``name_key``), plus sub-parts (camelCase and hyphen
  splits) for partial matches;
* numbers: printed precision, units (% / points / fraction) and rounding- or truncation-aware
  equality (``values_match``), including 0.39 ~ 39%.

The benchmark and metric vocabularies are broad lists of public ML evaluation names (code,
math, QA, NLU, summarisation, translation, vision, agents). They only decide which terms of a
claim are "frame" terms (benchmark/metric, shared by all numbers of a claim) as opposed to
subject names (models/methods, owned by the nearest number); unseen names still match through
the generic name rules.
"""

from __future__ import annotations

import math
import re
import unicodedata
from functools import lru_cache

# --- vocabularies -----------------------------------------------------------------------------
#: canonical benchmark key -> aliases (keys after ``name_key``); every entry is also its own alias.
BENCHMARK_ALIASES: dict[str, tuple[str, ...]] = {
    "humaneval": ("humaneval", "openaihumaneval", "he"),
    "humanevalplus": ("humanevalplus", "he+", "heplus"),
    "humanevalpro": ("humanevalpro",),
    "mbpp": ("mbpp",),
    "mbppplus": ("mbppplus",),
    "mbpppro": ("mbpppro",),
    "multiple": ("multiple", "multiple-e", "multiplee"),
    "bigcodebench": ("bigcodebench", "bcb"),
    "bigcodebenchlite": ("bigcodebenchlite", "bcblite"),
    "gsm8k": ("gsm8k", "gsm"),
    "gsmhard": ("gsmhard", "gsmh"),
    "cnndailymail": ("cnndailymail", "cnndm", "cnn"),
    "rouge1": ("rouge1", "r1"),
    "rouge2": ("rouge2", "r2"),
    "rougel": ("rougel", "rl"),
    "commonsenseqa": ("commonsenseqa", "csqa", "cqa"),
    "strategyqa": ("strategyqa",),
    "lastletter": ("lastletter", "lastletters", "lastletterconcatenation"),
    "coinflip": ("coinflip",),
    "multiarith": ("multiarith",),
    "triviaqa": ("triviaqa", "tqa"),
    "naturalquestions": ("naturalquestions", "nq"),
    "exactmatch": ("exactmatch", "em"),
    "accuracy": ("accuracy", "acc"),
    "ia3": ("ia3",),
    "esnli": ("esnli",),
    "wikitext": ("wikitext", "wikitext2", "wikitext103"),
    "sst2": ("sst2", "sst"),
    "stsb": ("stsb", "sts"),
    "mmlu": ("mmlu",),
    "wmt": ("wmt", "wmt14", "newstest2014", "newstest"),
}

_ALIAS_TO_CANON: dict[str, str] = {}
for _canon, _aliases in BENCHMARK_ALIASES.items():
    for _a in _aliases + (_canon,):
        _ALIAS_TO_CANON.setdefault(re.sub(r"[^a-z0-9@+]", "", _a).replace("+", "plus"), _canon)

# A term on the cells of a baseline's row, in a table that gives the paper's own system a row of its own.
OTHER_SYSTEM = "row:other-system"

#: benchmark / dataset names (keys) across ML subfields; used to classify claim terms as frame terms.
BENCHMARKS: frozenset[str] = frozenset({
    # code
    "humaneval", "humanevalplus", "humanevalpro", "mbpp", "mbppplus", "mbpppro", "multiple", "apps", "codecontests",
    "ds1000", "bigcodebench", "bigcodebenchlite", "livecodebench", "crux", "cruxeval", "swebench", "repobench",
    "classeval", "humanevalx", "codexglue", "conala", "spider", "quixbugs", "defects4j", "humanevaljava",
    # math / reasoning
    "gsm8k", "gsmhard", "math", "svamp", "asdiv", "aqua", "mawps", "multiarith", "addsub", "singleeq", "singleop", "strategyqa",
    "commonsenseqa", "lastletter", "coinflip", "dateunderstanding", "sportsunderstanding", "saycan", "bbh",
    "bigbench", "bigbenchhard", "theoremqa", "minerva", "mathqa", "drop", "scan", "cogs",
    # knowledge / QA / NLU
    "mmlu", "hellaswag", "arc", "arce", "arcc", "arceasy", "arcchallenge", "piqa", "siqa", "winogrande", "boolq",
    "openbookqa", "obqa", "triviaqa", "naturalquestions", "hotpotqa", "fever", "squad", "squad2", "glue", "superglue",
    "sst2", "mnli", "qnli", "qqp", "rte", "mrpc", "cola", "stsb", "wnli", "copa", "wsc", "wic", "cb", "multirc", "record",
    "anli", "esnli", "snli", "storycloze", "hswag", "truthfulqa", "alpacaeval", "mtbench", "vicuna", "lambada",
    "webq", "webquestions", "tabfact", "wikitq", "fetaqa", "scitab", "alfworld", "webshop", "toxigen", "realtoxicity",
    # language modelling / generation
    "wikitext", "ptb", "c4", "pile", "wmt", "wmt14", "wmt16", "iwslt", "cnndailymail", "xsum", "arxiv", "pubmed",
    "mediasum", "multinews", "samsum", "e2e", "webnlg", "dart",
    # vision
    "imagenet", "cifar10", "cifar100", "mnist", "svhn", "cars", "dtd", "eurosat", "gtsrb", "resisc45", "sun397", "coco",
})

#: metric keys -> canonical metric name
METRICS: dict[str, str] = {
    "accuracy": "accuracy", "acc": "accuracy", "f1": "f1", "exactmatch": "exact_match", "em": "exact_match",
    "bleu": "bleu", "rouge": "rouge", "rouge1": "rouge-1", "rouge2": "rouge-2", "rougel": "rouge-l", "r1": "rouge-1",
    "r2": "rouge-2", "loss": "loss", "perplexity": "perplexity", "ppl": "perplexity",
    "winrate": "win_rate", "elo": "elo", "auc": "auc", "precision": "precision", "recall": "recall", "wer": "wer",
    "mse": "mse", "mae": "mae", "top1": "top-1", "top5": "top-5", "average": "average", "avg": "average",
    "mean": "average", "score": "score", "kappa": "kappa", "cohenskappa": "kappa", "cohenkappa": "kappa",
}

STOPWORDS: frozenset[str] = frozenset("""
a an the of on in at to for from by with without and or but than then as is are was were be been being it its this
that these those which who whom whose while when where what how than into onto over under across between among per
via using used use uses only just also both each all any some such our we they their there here more most less least
very much many up down out off about around after before above below during within vs versus respectively e g i e
etc has have had do does did can could would should may might will shall not no nor so if else reach reaches reached
reaching achieve achieves achieved achieving obtain obtains obtained score scores scored scoring get gets got yield
yields yielded attain attains attained show shows showed report reports reported give gives gave perform performs
performance result results compared compare comparison relative model models method methods approach one two three
four five six seven eight nine ten eleven twelve points point pp percent percentage while close up down drops drop
improves improve improved improvement outperforms outperform outperformed beats beat surpasses surpass higher lower
better worse above below gains gain total overall whereas same new setting settings
""".split())

SENTENCE_STARTERS: frozenset[str] = frozenset("""
i we our us you it its they them he she this that these those there here the a an in on at for from with without
using compared when while after before during since although though however moreover furthermore overall finally
first second third also thus hence therefore notably specifically similarly additionally unlike like across table
figure section appendix results experiments finetuning fine-tuning training pretraining evaluation performance
accuracy zero few one two three four five six seven eight nine ten chain standard large small
thanks due given despite both each all only just even according against besides
""".split())

# Words that make the number after them a bound rather than a value ("at least 5%", "up to 10").
BOUND_WORDS = r"at\s+least|at\s+most|up\s+to|more\s+than|less\s+than|fewer\s+than|over|under"
COMPUTE_TIME = r"[a-z]+-(?:days?|hours?)"  # "chip-days", "GPU-hours"
COUNT_NOUNS = re.compile(
    r"^(tasks?|datasets?|benchmarks?|models?|languages?|layers?|epochs?|steps?|samples?|problems?|examples?|heads?|"
    r"checkpoints?|runs?|seeds?|shots?|trials?|experts?|gpus?|tpus?|tokens?|questions?|exemplars?|demonstrations?|submissions?|prompts?|episodes?|annotators?|labelers?|categories|classes|domains|times|groups?|params?|parameters|workers?|nodes?|days?|hours?|minutes?|seconds?|iterations?|images?|sentences?|words?|instructions?|instances?|cases|responses?|conversations?|dialogues?|documents?|claims?|" + COMPUTE_TIME + r")$",
    re.I,
)

SETTING_WORDS = re.compile(
    r"(temperature|temp|rank|alpha|beta|gamma|lambda|epsilon|lr|learning rate|batch size|beam size|beam|top-p|top_p|length|"
    r"vocabulary size|vocabulary|vocab size|size|dimension|dim|"
    r"steps|epochs|warmup|dropout(?: rate)?|weight decay|seed|coefficient|\w\s*=|(?<!\w)[\u03b1-\u03c9])"
    r"\s*(?:of|=|:|is|to|(?:is|was|are|were)\s+(?:set|fixed)\s+(?:to|at))?"
    r"\s*(?:about|around|roughly|approximately|nearly|~)?\s*$",
    re.I,
)


# --- text ------------------------------------------------------------------------------------
# A text that opens as a caption ("Table 3: ...", "Fig. 2 ..."): it says what a table shows.
CAPTION_OPENING = re.compile(r"\s*(?:Table|Figure|Fig\.)\s*\d")
_HYPHEN_BREAK = re.compile(r"(\w)- (?=[a-z])")


@lru_cache(maxsize=50_000)
def clean_text(text: str) -> str:
    """NFKC (ligatures, full-width), undo ``out- perform`` line-break hyphens, collapse whitespace."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\u2212", "-").replace("\u2013", "-").replace("\u00ad", "")
    text = " ".join(text.split())
    # "16- bit" is a compound broken at a line end, "out- perform" a broken word.
    text = _HYPHEN_BREAK.sub(lambda m: m.group(1) + ("-" if m.group(1).isdigit() else ""), text)
    # "within the top 28%4 of users": a footnote marker glued to a percentage.
    text = _FOOTNOTE_AFTER_PERCENT.sub(r"\1", text)
    # "a total of 2, 305 examples": a thousands separator the PDF spaced out.
    return _SPACED_THOUSANDS.sub(r"\1,\2", text)


_SPACED_THOUSANDS = re.compile(r"(?<![\d.,])(\d{1,3}), (\d{3})(?![\d.,%])(?= (?!and\b|or\b)[a-z])")
_FOOTNOTE_AFTER_PERCENT = re.compile(r"(\d%)\d{1,2}(?=\s+[a-z])")


def collapse_ws(text: str) -> str:
    return " ".join(text.split())


@lru_cache(maxsize=200_000)
def name_key(token: str) -> str:
    """Case/space/hyphen-insensitive key: ``DeepseekCoder-33B-instruct`` -> ``deepseekcoder33binstruct``."""
    t = _unaliased(token)
    return _ALIAS_TO_CANON.get(t, t)


def _unaliased(token: str) -> str:
    """``name_key`` without the metric and benchmark aliases ("RL" stays "rl")."""
    return re.sub(r"[^a-z0-9@+]", "", unicodedata.normalize("NFKC", token).lower()).replace("+", "plus")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A light plural stripper (tasks -> task, letters -> letter); keeps short words and -ss."""
    if len(word) > 4 and word.endswith("s") and not word.endswith("ss") and not word[-2].isdigit():
        return word[:-1]
    return word


_CAMEL = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+(?:\.\d+)?[a-zA-Z]*|[+@]")


@lru_cache(maxsize=200_000)
def token_parts(token: str) -> tuple[str, ...]:
    """Sub-parts of a name: hyphen/slash/camel splits, lower-cased, stemmed, stopwords dropped."""
    token = unicodedata.normalize("NFKC", token)
    parts: list[str] = []
    for piece in re.split(r"[-_/\s.,;:()\[\]]+", token):
        if not piece:
            continue
        sub = _CAMEL.findall(piece) or [piece]
        if any(len(x) < 3 and x.isalpha() for x in sub):
            sub = [piece]  # "LLaMA" is one name, not L + La + MA
        # Keep "PS+" / "HumanEval+" as one part: the plus is meaningful.
        if piece.endswith("+"):
            sub = [piece]
        for s in sub:
            k = name_key(s)
            if k and k not in STOPWORDS and k not in {"plus", "@"}:
                parts.append(stem(k))
    whole = name_key(token)
    if whole in BENCHMARKS:
        # "GSM-H" (GSM-Hard) and "MBPP-Pro" are benchmarks of their own: their "GSM" is no GSM8K.
        parts = [p for p in parts if p == whole or p not in BENCHMARKS]
    return tuple(parts)


_WORD = re.compile(r"\(?[A-Za-z0-9][\w@+\-/.()'\u2019]*[\w+)]|[A-Za-z0-9]\+?")  # "Cohen’s" is one word


def words(text: str) -> list[tuple[str, int, int]]:
    """Word-like tokens with offsets; keeps names such as ``GQA-8-XXL``, ``(IA)3``, ``pass@1``, ``PS+``."""
    return list(_words(text))


@lru_cache(maxsize=50_000)
def _words(text: str) -> tuple[tuple[str, int, int], ...]:
    out = []
    for m in _WORD.finditer(text):
        w = m.group(0)
        start = m.start()
        # Trim sentence punctuation and unbalanced brackets that the pattern let in.
        while w and w[-1] in ".,;:'\u2019" or (w.endswith(")") and w.count("(") < w.count(")")):
            w = w[:-1]
        if w.endswith("'s") or w.endswith("’s"):
            w = w[:-2]
        while w.startswith("(") and w.count("(") > w.count(")"):
            w, start = w[1:], start + 1
        if w:
            out.append((w, start, start + len(w)))
    return tuple(out)


#: Abbreviations that ML tables use for common words (expanded in source contexts).
ABBREVIATIONS: dict[str, str] = {
    "ft": "fine-tuning", "sft": "supervised fine-tuning", "cot": "chain-of-thought", "sc": "self-consistency",
    "icl": "in-context learning", "dq": "double quantization", "rl": "reinforcement learning",
    "peft": "parameter-efficient fine-tuning", "kd": "knowledge distillation", "zs": "zero-shot", "fs": "few-shot",
    "avg": "average", "acc": "accuracy", "em": "exact match", "std": "standard", "rel": "relative",
    "enfr": "english-to-french", "ende": "english-to-german", "enro": "english-to-romanian",
    "nf4": "NormalFloat", "nfloat4": "NormalFloat",  # QLoRA's data type, as tables print it
}


_NUM_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
              "ten": 10}
_COUNTED = r"(steps?|hops?|words?|turns?|lines?|digits?|sentences?)\b"
_N = r"(\d+|" + "|".join(_NUM_WORDS) + r")"
_AT_LEAST = re.compile(
    r"(?:(?:\u2265|>=)\s*" + _N + r"\s*" + _COUNTED
    + r"|\b" + _N + r"\s*(?:\+|or more|or above)\s+(?:[a-z-]+\s+)?" + _COUNTED
    + r"|\bat least\s+" + _N + r"\s+(?:[a-z-]+\s+)?" + _COUNTED + ")", re.I)


def threshold_keys(text: str) -> set[str]:
    """ "\u22655 steps", "five or more reasoning steps", "at least 5 steps" -> {"min:5step"}."""
    out = set()
    for m in _AT_LEAST.finditer(text):
        groups = [g for g in m.groups() if g]
        n, noun = groups[0].lower(), groups[1].lower()
        out.add(f"min:{_NUM_WORDS.get(n, n)}{noun.rstrip('s')}")
    return out


# How long an input is, as a band of a table-size study: "tables longer than 4,000 tokens", "(>4k)",
# "(2k∼4k)", "between 2,000 and 4,000 tokens". Headers leave the tokens to the caption.
_K = r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*([kK])?"
_OVER = r"(?:longer|more|greater|larger|bigger)\s+than|over|above|exceeding"
_UNDER = r"(?:shorter|fewer|less|smaller)\s+than|under|below"
_BAND = re.compile(
    rf"\b(?P<over>{_OVER})\s+{_K}\s*tokens?\b|\b(?P<under>{_UNDER})\s+{_K}\s*tokens?\b"
    rf"|\bbetween\s+{_K}\s+and\s+{_K}\s*tokens?\b"
    rf"|\((?P<sign>[<>])\s*{_K}(?:\s*tokens?)?\s*\)|\(\s*{_K}\s*(?:[\u223c~\u2013-]|to)\s*{_K}(?:\s*tokens?)?\s*\)", re.I)


def _tokens(num: str, k: str | None) -> int:
    return int(float(num.replace(",", "")) * (1000 if k else 1))


def band_keys(text: str) -> set[str]:
    """ "longer than 4,000 tokens", "(>4k)" -> {"band:>4000"}; "(2k∼4k)" -> {"band:2000-4000"}."""
    out = set()
    for m in _BAND.finditer(text):
        g = [x for x in m.groups()]
        if m.group("over") or m.group("under"):
            op = ">" if m.group("over") else "<"
            num, k = (g[1], g[2]) if m.group("over") else (g[4], g[5])
            out.add(f"band:{op}{_tokens(num, k)}")
        elif m.group("sign"):
            out.add(f"band:{m.group('sign')}{_tokens(g[11], g[12])}")
        else:
            nums = [x for x in (g[6:10] + g[13:17])]
            a, ka, b, kb = nums[0:4] if nums[0] else nums[4:8]
            out.add(f"band:{_tokens(a, ka or kb)}-{_tokens(b, kb)}")
    return out


# How long an input is, in length-generalisation studies: "lists of 12 words", "12-word lists",
# "lists of length 12", "with four flips", "L = 12". Tables print the length bare in a column ("OOD: 4",
# "L = 12"), so the claim's length is what picks the column.
_LENGTH_NOUN = r"(?:words?|flips?|items?|letters?)"
_LENGTH = re.compile(
    r"\b(?:lists?|sequences?|strings?) of (?:length\s+)?" + _N + r"\b(?![.,]\d)"
    + r"|(?<![\d,.])\b" + _N + r"[-\s](?:coin[-\s])?" + _LENGTH_NOUN + r"\b(?!\s*(?:or more|or above|\+))"
    + r"|(?<!average )(?<!mean )\blength\s+(?:of\s+)?" + _N + r"\b(?![.,]\d)|\bL\s*=\s*(\d+)\b(?![.,]\d)", re.I)


def length_keys(text: str) -> set[str]:
    """ "lists of 12 words", "four flips", "length 12", "L = 12" -> {"len:12"} (lengths up to 64)."""
    out = set()
    for m in _LENGTH.finditer(text):
        if re.search(r"at least\s+$", text[:m.start()], re.I):
            continue  # "at least 5 words" is a bound (``threshold_keys``)
        n = next(g for g in m.groups() if g).lower()
        n = int(_NUM_WORDS.get(n, n))
        if 0 < n <= 64:
            out.add(f"len:{n}")
    return out


@lru_cache(maxsize=20000)
def label_terms(label: str | None) -> frozenset[str]:
    """``context_terms`` of a table row or column label (or caption), computed once per label."""
    return context_terms(label or "")


_GREEK_NAMES = {"\u03ba": "kappa", "\u03c1": "rho", "\u03c4": "tau"}  # letters papers print for agreement measures


_FOOTNOTE_MARK = re.compile(r"\d{1,2}(?=[A-Z][a-z]{2})")
_NEGATED_WORD = re.compile(r"non-\w", re.I)
_GLUED_METHOD = re.compile(r"\+[A-Za-z]{2}")
_GLUED_SPLIT = re.compile(r"\+(?=[A-Za-z]{2})")
_HYPHENATED = re.compile(r"[a-z]+(?:-[a-z]+)+")
_LOWER_WORD = re.compile(r"[a-z]{3,}")


@lru_cache(maxsize=200_000)
def _word_terms(w: str) -> tuple[frozenset[str], str] | None:
    """The terms one word of source text gives on its own, and the word as the next one pairs with
    it; None for a word with no name key. (Cached: a paper repeats its words.)"""
    k = name_key(w)
    if not k:
        return None
    out: set[str] = set()
    marked = _FOOTNOTE_MARK.match(w)
    if marked:  # a footnote's marker glued to the word it opens with ("4Dater Ye et al.")
        w = w[marked.end():]
        out.add(k)
        k = name_key(w)
    out.add(k)
    out.add(stem(k))
    glued_unit = _GLUED_UNIT.fullmatch(w)
    if glued_unit:  # "1.2TB" says the "TB" of a claim's "1.2 TB"
        out.add(glued_unit.group(1).lower())
    # "Non-football" is not "football": a negated word is matched whole only.
    out.update(() if _NEGATED_WORD.match(w) else token_parts(w))
    # "GPT-4+CoT": a model with a method, not a benchmark variant like "HumanEval+".
    # (Its parts are methods: the "RL" of "IL+RL" is reinforcement learning, not ROUGE-L.)
    glued = [_unaliased(p) for p in _GLUED_SPLIT.split(w)] if _GLUED_METHOD.search(w) else []
    out.update(g for g in glued if g)
    for part in [k] + list(token_parts(w)) + glued:
        if part in ABBREVIATIONS:
            full = ABBREVIATIONS[part]
            out.add(name_key(full))
            out.update(token_parts(full))
    return frozenset(out), w


@lru_cache(maxsize=200_000)
def _pair_terms(prev: str, w: str) -> tuple[str, ...]:
    out = [name_key(prev + w)]  # "Task Arithmetic" -> "taskarithmetic"
    # "byte-pair encoding", "multi-head attention": what a claim writes "BPE", "MHA".
    initials = "".join(p[0] for p in prev.lower().split("-")) if _HYPHENATED.fullmatch(prev) else ""
    if initials and _LOWER_WORD.fullmatch(w):
        out.append(initials + w[0])
    return tuple(out)


def context_terms(text: str) -> frozenset[str]:
    """Every matchable term of a piece of source text: name keys, their parts and adjacent-pair keys."""
    toks = [w for w, _, _ in words(clean_text(text))]
    out: set[str] = set()
    prev = ""
    for w in toks:
        got = _word_terms(w)
        if got is None:
            continue
        terms, w = got
        out |= terms
        if prev:
            out.update(_pair_terms(prev, w))
        prev = w
    # "Fleiss κ = 0.25" is what a claim calls "Fleiss kappa".
    out.update(_GREEK_NAMES[c] for c in set(text) & _GREEK_NAMES.keys())
    # "k = 10" under a "pass@k" header names pass@10.
    for m in re.finditer(r"\bk\s*=\s*(\d+)", text):
        out.add(f"pass@{m.group(1)}")
    # A bare "@1" column under a benchmark group ("MBPP" over "@1 @10 @100") is pass@1.
    for m in re.finditer(r"(?<![\w@])@(\d+)\b", text):
        out.add(f"pass@{m.group(1)}")
    # "70 billion parameter models" is what a claim calls "70B-parameter models".
    for m in re.finditer(r"\b(\d+(?:\.\d+)?)\s+(billion|million)\b", text, re.I):
        out.add(f"{m.group(1)}{m.group(2)[0].lower()}")
    out |= threshold_keys(text) | band_keys(text)
    if "\u2713" in text or "\u2714" in text:
        out.add("\u2713")
    if "\u2717" in text or "\u2718" in text:
        out.add("\u2717")
    return frozenset(out)


# Amounts of memory written onto their number ("350GB"): numbers with a unit, never names.
MEMORY_UNIT = r"(?:TB|GB|MB)"
_GLUED_UNIT = re.compile(r"\d+(?:\.\d+)?(" + MEMORY_UNIT + ")")  # "1.2TB" (``context_terms``)
# Units a measured amount is written in ("0.4 seconds", "5 GB"): a time or a size, never a fraction of a percentage.
MEASURED_UNIT = r"s|ms|secs?|seconds?|minutes?|hours?|days?|TB|GB|MB|GiB"


@lru_cache(maxsize=200_000)
def is_name_like(word: str, sentence_initial: bool = False) -> bool:
    """Names: internal capitals, digits with letters, all caps, or a capitalised word mid-sentence."""
    if len(word) < 2 and not word.isupper():
        return False
    core = word.strip("()")
    if re.fullmatch(r"\d+(?:\.\d+)?" + MEMORY_UNIT, core):
        return False  # "350GB" is an amount of memory, not a name
    if re.fullmatch(r"[+-]?\d+(?:\.\d+)?-(?:points?|pts?|pp|percent|fold|times?|x)", core, re.I):
        return False  # "a 3.8-point gain" is a difference, not a name
    if any(c.isdigit() for c in core) and any(c.isalpha() for c in core):
        return True
    if re.search(r"[a-z][A-Z]|[A-Z]{2,}", core) or (core.isupper() and len(core) >= 2):
        return True
    if "+" in core or "@" in core or re.search(r"-[A-Z0-9]", core):
        return True
    if core[:1].isupper():
        if not sentence_initial:
            return True
        # Sentence-initial: a name ("Guanaco reaches ...") unless it is an ordinary word.
        low = core.lower()
        return not (low in STOPWORDS or low in SENTENCE_STARTERS or re.search(r"(ed|ing|ly|ion|ive|al|ers|ors)$", low))
    return False


def is_frame_key(key: str) -> bool:
    """Benchmark / dataset / metric keys (shared by all numbers of a claim)."""
    k = _ALIAS_TO_CANON.get(key, key)
    return k in BENCHMARKS or k in METRICS or bool(re.fullmatch(r"pass(@|at)(\d+|k)", k))


# --- numbers ---------------------------------------------------------------------------------
# The two ends of a stated change, "from (a) 31.99 to (a) 41.55": an article may stand before either number.
ARTICLE = r"(?:(?:an?|the)\s+)?"
FROM_END = rf"\bfrom\s*{ARTICLE}$"  # what comes just before the starting number

# Words that make the number after them approximate ("roughly 152K", "about 2.5 times").
APPROX_WORDS = r"about|around|roughly|approximately|nearly|almost|~"

NUMBER = re.compile(
    r"(?<![\w.@/\-+)])(?P<sign>[-+])?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
    r"(?:\s?(?P<pm>±|\+/-|\+-)\s?(?P<pmv>\d*\.?\d+))?(?P<pct>\s?%)?(?:(?<=\d)[x\u00d7](?![\w@]))?(?:(?<=\d)" + MEMORY_UNIT + r"(?![\w@]))?(?![\w@]|-\w|\.\d)"
)


def decimals_of(num_text: str) -> int:
    num_text = num_text.replace(",", "")
    return len(num_text.split(".", 1)[1]) if "." in num_text else 0


def parse_number(text: str) -> tuple[float, int] | None:
    """``"28.81"`` -> (28.81, 2); None when the text is not a plain number."""
    t = text.strip().replace(",", "").replace("\u2212", "-")
    t = t.rstrip("%").strip()
    try:
        return float(t), decimals_of(t)
    except ValueError:
        return None


def _round_half_up(x: float, d: int) -> float:
    q = 10 ** d
    return math.floor(x * q + 0.5 + 1e-9) / q


def _matches_at(claim: float, dc: int, source: float, ds: int, strict: bool = False) -> str | None:
    """'exact' | 'rounded' | 'truncated' | 'coarser' (source less precise) | None. ``strict``: half-up
    rounding only (no truncation), for matches that already guess a percent/fraction scale."""
    if abs(claim - source) < 1e-9:
        return "exact"
    if dc < ds:
        if abs(_round_half_up(source, dc) - claim) < 1e-9 or (not strict and abs(round(source, dc) - claim) < 1e-9):
            return "rounded"
        if strict:
            return None
        q = 10 ** dc
        if abs(math.floor(source * q + 1e-9) / q - claim) < 1e-9:
            return "truncated"
        return None
    if dc > ds and ds >= 1:
        # The claim prints more digits than the source: it may be the source's unrounded value
        # (28.81 vs 28.8); never against an integer, which is too coarse to confirm anything.
        if abs(claim - source) <= 0.5 * 10 ** (-ds) + 1e-9:
            return "coarser"
    return None


def values_match(claim: float, dc: int, cunit: str, source: float, ds: int, sunit: str) -> str | None:
    """Rounding-aware equality with percent/fraction conversion; returns how it matched or None."""
    # "a 3x speedup" is no 3.67x: a multiple written whole is rounded, never cut.
    how = _matches_at(claim, dc, source, ds, strict="x" in (cunit, sunit) and dc == 0)
    if how:
        return how
    if "x" in (cunit, sunit) or "u" in (cunit, sunit):
        return None  # "3.0x faster" is a ratio, "0.28 s" a time: no percent reading of them
    # 0.39 vs 39%: the claim is a fraction and the source a percentage, or the other way round.
    if cunit == "%" and sunit != "%" and source <= 1.0 and claim > 1.0:
        how = _matches_at(claim, dc, source * 100, max(ds - 2, 0))
        return f"{how}+scale" if how else None
    if sunit == "%" and cunit != "%" and claim <= 1.0 and source > 1.0:
        how = _matches_at(claim * 100, max(dc - 2, 0), source, ds)
        return f"{how}+scale" if how else None
    # Neither side says "%": the scale itself is a guess, so no truncation on top of it
    # ("0.28 s" is not a "28.5" BLEU cell).
    if cunit != "%" and sunit != "%" and claim <= 1.0 < source <= 100 and dc >= 2:
        how = _matches_at(claim * 100, dc - 2, source, ds, strict=True)
        return f"{how}+scale" if how else None
    if cunit != "%" and sunit != "%" and source <= 1.0 < claim <= 100 and ds >= 2:
        how = _matches_at(claim, dc, source * 100, ds - 2, strict=True)
        return f"{how}+scale" if how else None
    return None


def value_keys(value: float) -> tuple[int, ...]:
    """Buckets under which a value is indexed (so lookups by claimed value are O(1))."""
    keys = {int(math.floor(value))}
    if value <= 1.0:
        keys.add(int(math.floor(value * 100)))
    return tuple(keys)


def lookup_keys(value: float, unit: str) -> tuple[int, ...]:
    """Buckets to probe for a claimed value (its floor, neighbours for rounding, and /100 forms)."""
    keys = {int(math.floor(value)), int(math.floor(value)) - 1, int(math.ceil(value))}
    if value <= 1.0:
        v = value * 100
        keys |= {int(math.floor(v)), int(math.floor(v)) - 1, int(math.ceil(v))}
    return tuple(keys)


def fmt(value: float, decimals: int) -> str:
    return f"{value:.{decimals}f}"


# A rank below the top ("the second-best model", "third largest").
RANKED = re.compile(r"\b(second|third|fourth|2nd|3rd|4th)[-\s]+(best|largest|smallest|highest|lowest|strongest|"
                    r"biggest|worst)\b", re.I)
