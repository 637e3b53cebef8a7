"""Numbers read in the claim's own words: for a claim that the table and sentence paths leave
undecided, the paper's sentence that puts a number of the same kind in the same slot of the same
wording ("training took approximately 600 TPUv3 chip-days" against "uptraining ... took
approximately 900 TPUv3 chip-days"; "our final dataset totaled 159 GB" for "the Python training
set totaled 159 GB").

A slot is the words next to a number: the first word after it ("chip-days", "fewer", "GB of
code") or a word just before it ("totaled", "averaging"). The sentence, with the two before it,
must say most of the claim's words and every name it spells; the claim's models and benchmarks
must be said near it, and it must give no other model size or setting than the claim's own, nor
give the number to another method or to another case of the number's own phrase. Each number of
a claim (up to three) is read so; ``verifier.slot_checks`` turns readings into verdicts."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from verifier.extract import find_quantities, size_words
from verifier.index import SourceIndex
from verifier.normalize import BOUND_WORDS, STOPWORDS, clean_text, stem, values_match, words
from verifier.own_system import names_own
from verifier.sentence_checks import bases_differ
from verifier.terms import Term, in_vocab
from verifier.types import Claim, Quantity, Verdict

# Words that fill a slot without saying what it is.
_FILLER = frozenset("a an the of to in on for with by at as is are was were be its their our and or which that "
                    "approximately approx roughly about around nearly almost only just over under some "
                    "a total mere".split())
_BREAK = re.compile(r"[,;:()\[\]]|\.(?!\d)|\s(?:and|while|whereas|but|compared|versus|vs)\s")
_SIZE = re.compile(r"(?<![\w.])\d+(?:\.\d+)?\s?[BMK](?![\w])")
_BOUND = re.compile(rf"\b(?:{BOUND_WORDS}|within)\s*$", re.I)
_NUMERIC = re.compile(r"[\d.,%x\u00d7]+")

# How much of the claim's wording the sentence (with the one before it) must say.
MIN_OVERLAP = 0.5
# A sentence closer than this to the best one's wording also counts as the claim's reading.
NEAR = 0.1
SLOT_WEIGHT = 0.2
# A name said in this share of the paper's sentences is what the paper is about.
THROUGHOUT = 0.04


@dataclass(frozen=True)
class SlotReading:
    """The paper's number in the claim's slot, with the sentence that states it."""

    verdict: Verdict
    page: int
    quote: str
    number: str
    overlap: float
    reason: str


def _key(word: str) -> str:
    return stem(word.lower())[:6]


def _content(text: str) -> set[str]:
    return {_key(w) for w, _, _ in words(text)
            if w.lower() not in STOPWORDS and w.lower() not in _FILLER and not _NUMERIC.fullmatch(w) and len(w) > 1}


def _name_words(text: str) -> set[str]:
    """Keys of the words written as names: a capital letter inside or after the first word, or a
    digit ("WMT", "GPT-4", "English-to-Romanian"); a sentence's first word only when it is no
    plain capitalised word ("Adding", "Uptraining")."""
    out = set()
    for i, (w, _, _) in enumerate(words(text)):
        low = w.lower()
        if low in STOPWORDS or low in _FILLER or _NUMERIC.fullmatch(w) or len(w) < 2 or _SIZE.fullmatch(w):
            continue  # (model sizes are matched as sizes: one of the claim's said beside it will do)
        if not (re.search(r"[A-Z]", w[1:]) or re.search(r"\d", w) or (i > 0 and w[0].isupper())):
            continue
        out.add(_name_key(w))
    return out


def _name_key(word: str) -> str:
    return stem(re.sub(r"['\u2019]s$", "", word.lower()))


def _after(text: str, end: int) -> str:
    seg = _BREAK.split(text[end:], maxsplit=1)[0]
    toks = [w for w, _, _ in words(seg) if w.lower() not in _FILLER and not _NUMERIC.fullmatch(w)]
    return _slot_key(toks[0]) if toks else ""


def _slot_key(word: str) -> str:
    """A slot word's first five letters ("false-claim" and "false claim", "speedup" and "speed")."""
    return re.sub(r"[^a-z0-9]", "", word.lower())[:5]


def _before(text: str, start: int) -> set[str]:
    seg = _BREAK.split(text[:start])[-1]
    if re.search(r"(?<![\w.])\d[\d.,]*%?(?![\w.])", seg):
        return set()  # "took about 12 hours on 8 GPUs": the words before 8 are 12's (not "770M T5")
    toks = [w for w, _, _ in words(seg) if w.lower() not in _FILLER and w.lower() not in STOPWORDS
            and not _NUMERIC.fullmatch(w)]
    # A verb or noun of the sentence ("totaled", "averaging"), not a name ("Zero-shot CoT by 5%").
    return {_slot_key(w) for w in toks[-2:] if re.fullmatch(r"[a-z][a-z-]+", w)}


def _kind(q: Quantity) -> str:
    return "%" if q.unit in {"%", "pp"} else "x" if q.unit == "x" else "n"


def _same_size(a: float, b: float, kind: str) -> bool:
    """Within a factor of 5 (10 for shares: "1% of the dataset" against "0.1%")."""
    a, b = abs(a), abs(b)
    return a > 0 and b > 0 and max(a, b) / min(a, b) <= (10 if kind == "%" else 5)


@dataclass(frozen=True)
class _Near:
    """What surrounds sentence k, once per paper: the terms of the sentence and the three before it
    on its page (``window``) and of the ten before it on any page (``section``), the numbers the
    window says, and the model sizes the sentence itself gives (with the sentence before for "This
    configuration ...") or, when it gives none, its window."""

    window: frozenset[str]
    section: frozenset[str]
    numbers: frozenset[str]
    sizes: frozenset[str]


def _near(idx: SourceIndex, k: int) -> _Near:
    memo = idx.cached("slot_near", dict)
    if k not in memo:
        page = idx.sentences[k][0]
        window = [(s, ts) for p, s, ts in idx.sentences[max(0, k - 3): k + 1] if p == page]
        near_text = " ".join(clean_text(s) for s, _ in window)
        own = clean_text(idx.sentences[k][1])
        if _refers_back(idx, k):
            own = clean_text(idx.sentences[k - 1][1]) + " " + own
        memo[k] = _Near(
            window=frozenset().union(*(ts for _, ts in window)),
            section=frozenset().union(*(ts for _, _, ts in idx.sentences[max(0, k - 10): k + 1])),
            numbers=frozenset(_bare(x.text) for x in find_quantities(near_text)),
            # (A size said in words counts in the sentence itself only: "For our big models ... 1.0
            # seconds" before "Training took 3.5 days on 8 P100 GPUs" does not size the GPU count.)
            sizes=frozenset((_sizes(own, in_words=False) or _sizes(near_text, in_words=False)) | _word_sizes(own)))
    return memo[k]


def _refers_back(idx: SourceIndex, k: int) -> bool:
    """Whether sentence k opens with "It", "This set", ... referring to the sentence before on its page."""
    return k > 0 and idx.sentences[k - 1][0] == idx.sentences[k][0] and _PRONOUN.match(
        clean_text(idx.sentences[k][1])) is not None


def _bare(number: str) -> str:
    return re.sub(r"[\s,]", "", number)


def _sizes(text: str, in_words: bool = True) -> set[str]:
    # ("7B", and "the base models": a step time said of the base models is not the big ones'.)
    return {x.replace(" ", "") for x in _SIZE.findall(text)} | (_word_sizes(text) if in_words else set())


def _word_sizes(text: str) -> set[str]:
    return {"size:" + w for w in size_words(text)}


def _names_near(names: Sequence[Term], near: _Near, idx: SourceIndex) -> bool:
    """Every benchmark the claim names is said in the sentence or the three before it on its page;
    a model or method may be said further back in the section (up to ten sentences) or be one
    the paper talks about throughout ("Codex" in the Codex paper, "T5-XXL" in the GQA paper)."""
    for t in names:
        if _said(t, near.window) or names_own(t.key, idx.own):
            continue
        if t.kind == "benchmark" or not (_said(t, near.section) or _throughout(t, idx)):
            return False
    return True


def _said(t: Term, vocab: frozenset[str]) -> bool:
    """``in_vocab``, but a versioned name ("GPT-4") is said only whole: "GPT" and a "4" apart
    ("GPT 3.5 ... 4Dater") are another model."""
    if re.search(r"\d", t.text):
        return t.key in vocab or (bool(t.acronym) and t.acronym in vocab) or any(a in vocab for a in t.abbrevs)
    return in_vocab(t, vocab)


def _throughout(t: Term, idx: SourceIndex) -> bool:
    said = idx.cached(f"slot_said:{t.key}", lambda: sum(_said(t, ts) for _, _, ts in idx.sentences))
    return said >= THROUGHOUT * len(idx.sentences)


def _numbers_near(idx: SourceIndex, keys: set[str]) -> list[tuple[int, str, Quantity, str, set[str], set[str]]]:
    """The numbers of the paper's sentences that say one of the slot ``keys`` anywhere, each with its
    slot words and the names of its own phrase (up to the next number or clause break: "78.22
    macro-F1 for the 2-class setting"). Sentences are parsed on first need, once per paper."""
    squashed = idx.cached("slot_squashed", lambda: [
        (k, re.sub(r"[^a-z0-9]", "", sent.lower())) for k, (_, sent, _) in enumerate(idx.sentences)
        if any(ch.isdigit() for ch in sent)])
    memo = idx.cached("slot_numbers", dict)
    out = []
    for k, flat in squashed:
        if not any(key in flat for key in keys):
            continue
        if k not in memo:
            s = clean_text(idx.sentences[k][1])
            found = find_quantities(s)
            if len(found) >= 3 and len(re.findall(r"[A-Za-z]{2,}", s)) < 2 * len(found):
                found = []  # "0 5 10 15 Tokens (B)": a figure's axis or a flattened table row
            # ("by at least 5% for all datasets" states no value.)
            memo[k] = [(k, s, n, _after(s, n.end), _before(s, n.start), _own_phrase(s, n, found))
                       for n in found if not _BOUND.search(s[:n.start])]
        out.extend(memo[k])
    return out


def _context_words(idx: SourceIndex, k: int) -> tuple[set[str], set[str]]:
    """The words of sentence ``k`` and the two before it on its page ("it", "the dataset"), as
    content keys and as whole name keys."""
    memo = idx.cached("slot_context", dict)
    if k not in memo:
        page = idx.sentences[k][0]
        text = " ".join(clean_text(s) for p, s, _ in idx.sentences[max(0, k - 2): k + 1] if p == page)
        memo[k] = (_content(text), {_name_key(w) for w, _, _ in words(text)})
    return memo[k]


def _said_further_back(names: Sequence[Term], k: int, idx: SourceIndex) -> set[str]:
    """Name keys of the claim's models that the sentence's window (as the paper's terms, "our
    model" for its own), its section or the whole paper says: they need not be spelled beside the
    number."""
    near = _near(idx, k)
    out: set[str] = set()
    for t in names:
        if _said(t, near.window) or names_own(t.key, idx.own) or (
                t.kind == "subject" and (_said(t, near.section) or _throughout(t, idx))):
            out |= {_name_key(w) for w, _, _ in words(t.text)}
    return out


_DURATION = re.compile(r"\s*(?:[a-z]+-)?(?:hours?|days?|minutes?|weeks?)\b", re.I)


def is_duration(claim: Claim, q: Quantity) -> bool:
    """A count that is a time ("9 hours", "600 TPUv3 chip-days")."""
    return q.role == "count" and _DURATION.match(claim.text, q.end) is not None


def read_slot(claim: Claim, idx: SourceIndex, numbers: Sequence[Quantity] | None = None) -> SlotReading | None:
    """The claim's result numbers (up to three; or ``numbers``) against the paper's sentences that
    word them alike: supported when every number is read so, contradicted when one reads otherwise
    and the rest are read as the claim states them."""
    # (A claim of counts alone, "contains 2,305 problems", has its count for its result.)
    values = list(numbers) if numbers is not None else (
        [q for q in claim.quantities if q.role in {"value", "diff"}] or [q for q in claim.quantities if q.role == "count"])
    if not values or len(values) > 3:
        return None
    cw = _ClaimWords.of(claim)
    if len(cw.mine) < 3:
        return None
    readings = []
    for q in values:
        got = _read_number(claim, cw, q, [x for x in values if x is not q], idx)
        if got is None:
            return None
        readings.append(got)
    wrong = [r for r in readings if r.verdict == Verdict.CONTRADICTED]
    if len(wrong) > 1:
        return None  # two numbers read otherwise: more likely a misreading than a twice-wrong claim
    return wrong[0] if wrong else min(readings, key=lambda r: r.overlap)


@dataclass(frozen=True)
class _ClaimWords:
    """What every number of a claim is read against, computed once per claim."""

    mine: set[str]  # content keys
    names: list[Term]  # models and benchmarks written as names ("the best multi-head setting" names nothing)
    subjects: list[Term]
    spelled: set[str]  # words written as names ("English-to-Romanian", "GPT-4")
    keys: set[str]  # every word, as a name key
    sizes: set[str]

    @classmethod
    def of(cls, claim: Claim) -> "_ClaimWords":
        from verifier.terms import claim_terms

        text = claim.text
        terms = claim_terms(claim)
        # (Model sizes are matched as sizes.)
        names = [t for t in terms if t.kind in {"subject", "benchmark"} and not t.implicit
                 and not re.fullmatch(r"[KMGT]?B|GB|MB|TB|%|s", t.text) and not _SIZE.fullmatch(t.text)
                 and (t.kind == "benchmark" or re.search(r"[A-Z0-9]", t.text))]
        return cls(_content(text), names, [t for t in terms if t.kind == "subject"], _name_words(text),
                   {_name_key(w) for w, _, _ in words(text)}, _sizes(text))


_CONTRAST_CLAUSE = re.compile(r",\s*(?:whereas|while|but)\s", re.I)


def _read_number(claim: Claim, cw: _ClaimWords, q: Quantity, siblings: Sequence[Quantity],
                 idx: SourceIndex) -> SlotReading | None:
    text = claim.text
    after, before = _after(text, q.end), _before(text, q.start)
    if (not after and not before) or _BOUND.search(text[:q.start]):
        return None  # ("trainable in under 12 hours" bounds the time; it states none)
    mine_own = _own_phrase(text, q, claim.quantities)
    # ("covers 15B tokens in about 3.5 hours, whereas the 7B model needs about 18 hours": the other
    # clause's numbers and sizes are not this one's to find around it.)
    breaks = list(_CONTRAST_CLAUSE.finditer(text))
    lo = max((c.end() for c in breaks if c.end() <= q.start), default=0)
    hi = min((c.start() for c in breaks if c.start() >= q.end), default=len(text))
    others = [x for x in claim.quantities if x is not q and x not in siblings and lo <= x.start < hi]
    found: list[tuple[float, int, str, Quantity, float]] = []
    for k, s, n, a, b, own in _numbers_near(idx, ({after} | before) - {""}):
        if _kind(n) != _kind(q) or not _same_size(n.value, q.value, _kind(q)) or not own <= cw.keys:
            continue  # (a name of the number's own phrase the claim does not say: another case)
        slots = int(bool(after) and a == after) + int(bool(before & b))
        # (Or the same word on the other side: "a 2.7x speedup" against "a speedup of 3.0x".)
        slots = slots or int(bool(after) and after in b or bool(a) and a in before)
        if not slots:
            continue
        context, context_names = _context_words(idx, k)
        overlap = len(cw.mine & context) / len(cw.mine)
        # Words written as names must be said beside the number, but for a model the section or
        # the whole paper is about ("T5-XXL", said five sentences earlier).
        if overlap < MIN_OVERLAP or not cw.spelled <= context_names | _said_further_back(cw.names, k, idx):
            continue
        # Both slots said ("totaled 159 GB") outrank a sentence that says more of the claim's
        # words around one of them ("containing 179 GB of unique Python files"); a number whose
        # own phrase names what the claim's does ("on HumanEval pass@1") outranks its neighbours.
        mark = overlap + SLOT_WEIGHT * (slots + (bool(own) and own == mine_own))
        found.append((mark, k, s, n, overlap))
    # The claim's names and its other numbers (sizes, settings) must be said around the number.
    sizes = _sizes(text[lo:hi]) or cw.sizes
    found = [f for f in found if _fits(f[1], cw.names, others, sizes, idx)
             and not _another_owner(f[1], f[3].start, cw.subjects, text, idx)
             and not bases_differ(text, q, f[2], f[3].start, f[3].end)]  # "an hourly wage of 11.2 USD"
    if not found:
        return None
    found.sort(key=lambda f: -f[0])
    top = found[0][0]
    near = [f[1:] for f in found if f[0] >= top - NEAR - 1e-9]
    sentences = [f[0] for f in near]
    if len(sentences) != len(set(sentences)):
        # "preferred to GPT-3 85% of the time, and 71% of the time to few-shot GPT-3": one sentence
        # gives the slot two numbers, and only its clauses (not the slot) say whose each is.
        return None
    for k, s, n, overlap in near:
        if values_match(q.value, q.decimals, q.unit, n.value, n.decimals, n.unit):
            page = idx.sentences[k][0]
            return SlotReading(Verdict.SUPPORTED, page, s, n.text, overlap,
                               f"the text on page {page} words it alike and gives {n.text}")
    if len({round(f[2].value, 6) for f in near}) != 1:
        return None  # the claim's wording fits several values: no one of them refutes it
    k, s, n, overlap = near[0]
    page = idx.sentences[k][0]
    return SlotReading(Verdict.CONTRADICTED, page, s, n.text, overlap,
                       f"the text on page {page} words it alike and gives {n.text}, not {q.text}")


def _own_phrase(text: str, q: Quantity, quantities: Sequence[Quantity]) -> set[str]:
    """The names of a number's own phrase: up to the next number or clause break."""
    later = [x.start for x in quantities if x.start > q.start]
    phrase = _BREAK.split(text[q.end:min(later, default=len(text))], maxsplit=1)[0]
    return _name_words("x " + phrase)


_GENERIC = frozenset({"llm", "llms", "lm", "lms", "model", "models"})  # names every model shares
_PRONOUN = re.compile(r"(?:It|They|This|These|Its|Their)\b")
_NOT_A_NAME = re.compile(r"[KMGT]?B|Table|Figure|Section|Appendix|Eq|[^A-Z]*")


def _sentence_subjects(idx: SourceIndex, k: int) -> tuple[tuple[str, int], ...]:
    """The models and methods a sentence names, with where (and those of the sentence before, at
    -1, for "It also achieves 27.96 in BLEU")."""
    from verifier.extract import claim_from_text
    from verifier.normalize import name_key
    from verifier.terms import claim_terms

    memo = idx.cached("slot_subjects", dict)
    if k not in memo:
        s = clean_text(idx.sentences[k][1])
        got = tuple((name_key(t.text), t.pos) for t in claim_terms(claim_from_text(s))
                    if t.kind == "subject" and not _NOT_A_NAME.fullmatch(t.text))
        if _refers_back(idx, k):
            # "This set contains 25k questions where 10% ...": the set the sentence before named.
            got += tuple((x, -1) for x, _ in _sentence_subjects(idx, k - 1))
        memo[k] = got
    return memo[k]


def _another_owner(k: int, at: int, names: Sequence[Term], text: str, idx: SourceIndex) -> bool:
    """Whether the sentence gives its number (at ``at``) to models or methods named before it, none
    of which the claim names ("Dater with OpenAI Codex achieves 65.9% and 85.6%" for a
    Chain-of-Table claim; "0.630 for the false claim task and 0.719 for the NEI task" gives 0.630
    to no one); ``text`` is the claim's."""
    from verifier.normalize import name_key

    theirs = {x for x, pos in _sentence_subjects(idx, k) if pos < at}
    if not theirs:
        return False
    toks = [w for w, _, _ in words(text)]
    # (A name the claim writes in lower case, "simple averaging", is its name too.)
    mine = ({name_key(t.text) for t in names} | {p for t in names for p in t.parts} | {name_key(w) for w in toks}
            | {name_key(a + b) for a, b in zip(toks, toks[1:])})
    return not any((x in mine and x not in _GENERIC) or names_own(x, idx.own) for x in theirs)


def _fits(k: int, names: Sequence[Term], others: Sequence[Quantity], sizes: set[str],
          idx: SourceIndex) -> bool:
    near = _near(idx, k)
    if not _names_near(names, near, idx):
        return False
    if any(_bare(x.text) not in near.numbers for x in others if not _SIZE.fullmatch(x.text)):
        return False  # "with alpha = 0.05": the sentence's neighbourhood must say the claim's setting
    # "For the 1.1B model ... This configuration ... 12 hours" is no 7B model's time.
    # (Sizes in numbers and sizes in words are compared each with their own: "the 4-bit base model"
    # near a 7B model is no 13B one.)
    for kind in (lambda x: x.startswith("size:"), lambda x: not x.startswith("size:")):
        mine, theirs = {x for x in sizes if kind(x)}, {x for x in near.sizes if kind(x)}
        if mine and theirs and not mine & theirs:
            return False
    return True
