"""A set-up number in text and the setting it belongs to: "a LoRA rank of 4", "328M tokens",
"N = 10 sampled reasoning paths". Reads a claim's or a paper sentence's numbers with their magnitude
("15 billion" is 15B), ties each to its anchor (the setting named before it, or the counted noun
after it), the side of a pair of like settings it is on ("input length 2048"), and compares two such
numbers at their printed precision. ``verifier.settings_check`` reads them against a paper."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from verifier.extract import SPLITS
from verifier.normalize import APPROX_WORDS, COMPUTE_TIME, COUNT_NOUNS, SETTING_WORDS, clean_text, stem
from verifier.types import Claim


# Numbers with an optional magnitude ("328M", "152K", "1.5B"), not glued to a name ("Qwen-7B").
_NUM = re.compile(r"(?<![\w.\-/])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?(?:[eE][-+]?\d+|\s?[x\u00d7]\s?10\s?[-\u2212]\s?\d+)?)"
                  r"(?:\s?([kKMB])\b|\s(thousand|million|billion|trillion)\b|(?![\w%]|\.\d))")
MULTIPLIERS = {"K": 1e3, "k": 1e3, "M": 1e6, "B": 1e9, "T": 1e12,
               "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}  # "15 billion tokens" is "15B tokens"
_MODEL_SIZE = re.compile(r"^\s*(?:-?\s*)?(models?|parameters?|-parameter|params?)\b", re.I)
_APPROX = re.compile(rf"\b({APPROX_WORDS})\s*$", re.I)


@dataclass(frozen=True)
class SetupNumber:
    """A number as a set-up reads it: value, printed text and decimals (-1 for scientific notation),
    its magnitude ("328M": 1e6) and where it stands in its text."""

    value: float
    text: str
    decimals: int
    mult: float
    start: int
    end: int


def _value(raw: str) -> float:
    """ "136,240", "1.6E-03", "5e-5", "5 × 10−5" -> float."""
    raw = raw.replace(",", "").replace("\u2212", "-")
    sci = re.match(r"^(\d+(?:\.\d+)?)\s?[x\u00d7]\s?10\s?(-?)\s?(\d+)$", raw)
    if sci:
        return float(sci.group(1)) * 10 ** (int(sci.group(3)) * (-1 if sci.group(2) else 1))
    return float(raw)


def _decimals(raw: str) -> int:
    if re.search(r"[eE\u00d7x]", raw):
        return -1  # scientific notation: compared by relative size, not printed decimals
    return len(raw.split(".")[1]) if "." in raw else 0


def numbers_in(text: str) -> list[SetupNumber]:
    out = []
    for m in _NUM.finditer(text):
        raw, suffix = m.group(1), m.group(2) or m.group(3)
        if suffix in {"B", "M"} and (_MODEL_SIZE.match(text[m.end():]) or re.match(r"\s*[A-Z]", text[m.end():])):
            continue  # "7B model", "220M T5-Base": a model size is a name, not a setting
        if not suffix and raw.isdigit() and 1900 <= int(raw) <= 2035:
            continue  # a year
        out.append(SetupNumber(_value(raw), m.group(0), _decimals(raw), MULTIPLIERS.get(suffix or "", 1.0), m.start(), m.end()))
    return out


_SETTING_NAME = re.compile(r"\b(learning rate|lr|batch size|rank|alpha|dropout|weight decay|warmup|temperature|"
                           r"top-p|beam size|epochs?|steps?|seed)\b", re.I)
_CANON = {"lr": "learningrate", "bs": "batchsize", "vocabulary": "vocab", "vocabularysize": "vocab", "vocabsize": "vocab",
          "dropoutrate": "dropout"}
def _canon(word: str) -> str:
    key = stem(re.sub(r"[^a-z]", "", word.lower()))
    return _CANON.get(key, key)


GREEK = {"\u03b1": "alpha", "\u03b2": "beta", "\u03b3": "gamma", "\u03bb": "lambda", "\u03c4": "tau", "\u03b7": "eta",
          "\u03b5": "epsilon", "\u03f5": "epsilon", "\u03b4": "delta", "\u03c3": "sigma", "\u03bc": "mu", "\u03c1": "rho"}


_HARDWARE_UNIT = re.compile(rf"(?:gpus?|tpus?|chips?|cores?|{COMPUTE_TIME})$", re.I)


def anchor_of(text: str, n: SetupNumber) -> str | None:
    """The setting or counted noun a number belongs to, as a stemmed key ("batchsize", "token")."""
    before = text[max(0, n.start - 30): n.start]
    greek = re.search(r"([\u03b1-\u03c9])\s*(?:=|of|is)\s*$", before)
    if greek and greek.group(1) in GREEK:
        return GREEK[greek.group(1)]  # "length penalty \u03b1 = 0.6" is the claim's "alpha = 0.6"
    m = SETTING_WORDS.search(before)
    if m and m.group(1) and not m.group(1).endswith("="):
        return _canon(m.group(1))
    var = re.search(r"(?<![\w.@])([B-HJ-Z])\s*(?:=|\bto)\s*$", before)
    if var:
        return var.group(1).lower()  # "N = 10 sampled reasoning paths" is the paper's "we set ... N to 10"
    if re.match(r"-[a-z]+\s+(?:prediction|predictor|objective|loss|models?)\b", text[n.end:], re.I):
        return None  # "the 4-token prediction model" names a model; it counts no tokens
    # "530k gradient update steps"; not across a clause ("in Table 2; more prompts ...")
    follow = re.findall(r"[A-Za-z][\w-]*", re.split(r"[;:,()]", text[n.end: n.end + 40])[0])[:3]
    if re.search(r"\b(?:Table|Figure|Fig\.|Appendix|Section|Sec\.|Eq\.)\s*$", text[:n.start]):
        follow = []
    vocab = next((w for w in follow[:2] if re.fullmatch(r"vocab(?:ulary)?", w, re.I)), None)
    if vocab:
        return _canon(vocab)  # "a 32000 word-piece vocabulary", "a 32K-token vocabulary"
    if text[n.end:n.end + 1] == "-" and follow and not COUNT_NOUNS.match(follow[0]):
        return None  # "the 2-class fact-checking task": a number glued to another word names a kind, it counts nothing
    for i, w in enumerate(follow):
        if COUNT_NOUNS.match(w):
            return stem(w.lower())
        if i == 0 and re.fullmatch(r"dropout|warmup|epochs?|steps?", w, re.I):
            return _canon(w)  # "0.1 dropout", "500 warmup steps"
        if i == 0 and not w.islower() and not any(_HARDWARE_UNIT.match(x) for x in follow[1:]):
            break  # "600 TPUv3 chip-days", "8 NVIDIA P100 GPUs": a hardware name may stand between
    # "learning rate for Tinyllama-1.1B model to 1e-4": the setting named earlier in the clause,
    # with no other number in between.
    window = text[max(0, n.start - 50): n.start]
    named = [x for x in _SETTING_NAME.finditer(window)
             if not re.match(r"-\w", window[x.end():]) and not window[:x.start()].endswith("-")]  # "step-by-step"
    if named and not any(x.start >= max(0, n.start - 50) + named[-1].end() and x.end <= n.start for x in numbers_in(text)) \
            and not re.search(r"[,;]", window[named[-1].end():]):
        return _canon(named[-1].group(1))
    return None


_SIDES = {"input": "input", "output": "output", "source": "input", "target": "output", "prompt": "input",
          "encoder": "input", "decoder": "output", "train": "train", "training": "train", "test": "test",
          "eval": "test", "evaluation": "test", "validation": "valid", "dev": "valid", "max": "max", "maximum": "max",
          "min": "min", "minimum": "min"}


def side_of(text: str, n: SetupNumber) -> str | None:
    """Which of a pair of like settings the number is ("input length 2048 and output length 32")."""
    before = text[max(0, n.start - 30): n.start]
    m = SETTING_WORDS.search(before)
    if not m:
        # "2048-token inputs and 32-token outputs": the side the counted tokens are.
        after = re.match(r"-?\s*tokens?\s+([A-Za-z]+)", text[n.end:])
        if after and _side_word(after.group(1)):
            return _side_word(after.group(1))
        # "inputs are capped at 2048 tokens and outputs at 32": the side named in the clause before.
        clause = re.split(r"[,;\d]|\band\b", before)[-1]  # (not past another number: "length 1024 for at most 4000 steps")
        return next((side for w in reversed(re.findall(r"[A-Za-z]+", clause)) if (side := _side_word(w))), None)
    prev = re.findall(r"[A-Za-z]+", before[: m.start()])
    return _SIDES.get(prev[-1].lower()) if prev else None


def _side_word(word: str) -> str | None:
    """The side a word names, plurals included ("inputs")."""
    w = word.lower()
    return _SIDES.get(w) or (_SIDES.get(w[:-1]) if w.endswith("s") else None)


def same_side(text: str, x: SetupNumber, side: str | None) -> bool:
    """Source numbers of the other side of a pair (the output length, for an input length) are
    not the claim's setting."""
    other = side_of(text, x)
    return side is None or other is None or other == side


def same_number(claim: SetupNumber, approx: bool, src: SetupNumber) -> bool:
    a, b = claim.value * claim.mult, src.value * src.mult
    if a == b or abs(a - b) <= 1e-9 * max(abs(a), abs(b)):
        return True
    if claim.decimals < 0 or src.decimals < 0:
        return False  # 1e-4 vs 2e-4: scientific notation is exact
    # "328M" vs "328,000,000"; "roughly 152K" vs "151,936": equal at the claim's printed precision.
    unit = claim.mult * 10 ** (-claim.decimals)
    if src.mult > claim.mult:
        # "31,144 prompts" against "31k prompts": equal at the source's printed precision.
        return abs(a - b) <= src.mult * 10 ** (-src.decimals) / 2 + 1e-9
    return (approx or claim.mult > 1) and abs(a - b) <= unit / 2 + 1e-9


@lru_cache(maxsize=1 << 16)
def anchored(text: str, anchor: str) -> tuple[SetupNumber, ...]:
    """Numbers of ``text`` whose own anchor is ``anchor`` (a paper's sentences are read once per anchor)."""
    return tuple(n for n in numbers_in(text) if anchor_of(text, n) == anchor)


def split_qualifier(text: str, n: SetupNumber) -> str | None:
    """The data split named between a count and its noun ("16,946 training examples" -> "train")."""
    follow = re.findall(r"[A-Za-z][\w-]*", text[n.end: n.end + 40])[:2]
    if len(follow) == 2 and COUNT_NOUNS.match(follow[1]):
        return SPLITS.get(follow[0].lower())
    return None


def counted_anchor(anchor: str) -> bool:
    """Whether an anchor is a counted noun ("problem", "token") rather than a setting's name."""
    return bool(COUNT_NOUNS.match(anchor) or COUNT_NOUNS.match(anchor + "s"))


def setting_claim_numbers(claim: Claim) -> list[tuple[SetupNumber, str, bool]]:
    """(number, anchor, approximate?) for each anchored number of the claim."""
    text = clean_text(claim.text)
    out = []
    for n in numbers_in(text):
        a = anchor_of(text, n)
        if a:
            out.append((n, a, bool(_APPROX.search(text[: n.start]))))
    return out


def phrase_start(text: str, n: SetupNumber) -> int:
    """Where the setting phrase of ``n`` begins ("rank of 8" -> at "rank")."""
    m = SETTING_WORDS.search(text[max(0, n.start - 30): n.start])
    return max(0, n.start - 30) + m.start() if m else n.start


def counted_span(text: str, n: SetupNumber, anchor: str) -> tuple[int, int] | None:
    """The span of the words a count counts, from just after it to its noun ("8 NVIDIA P100 GPUs")."""
    m = re.match(r"\s*(?:[A-Za-z][\w-]*\s+){0,3}?" + re.escape(anchor[:4]), text[n.end:], re.I)
    return (n.end, n.end + m.end()) if m and anchor[:1].isalpha() else None


_SPELT = {"learningrate": "learning rate", "batchsize": "batch size", "weightdecay": "weight decay", "beamsize": "beam size",
          "topp": "top-p", "vocab": "vocabulary size", "step": "steps", "token": "tokens", "epoch": "epochs", "hour": "hours"}


def spelt(anchor: str) -> str:
    """An anchor key as a reader writes it ("learningrate" -> "learning rate", "n" -> "N")."""
    return anchor.upper() if len(anchor) == 1 else _SPELT.get(anchor, anchor)
