"""Whether a sentence that states the claimed number speaks of the claim's case: not when it gives
the number to another name, says it is about something else in plain words ("on code" against "on
natural-language text"), or names the claim's model only through the sentences before it."""

from __future__ import annotations

import re

from verifier.checks import mentions_by_sentence
from verifier.index import SourceIndex
from verifier.normalize import BENCHMARKS, RANKED, STOPWORDS, clean_text, context_terms, name_key
from verifier.terms import Scored, Term, score
from verifier.types import Claim, Mention, Quantity

def _sentence_mates(idx: SourceIndex, m: Mention) -> list[Mention]:
    """The other numbers of ``m``'s sentence."""
    return [x for x in mentions_by_sentence(idx).get(m.quote, ()) if x.page == m.page and x is not m]


def only_borrowed(best: Scored, terms: list[Term], idx: SourceIndex | None = None) -> bool:
    """A sentence that names the claim's model only through the sentences before it ("Also, 34% of
    the examples contained calculator errors") must say the claim's own words too. So must one that
    names it only as "we" (the paper's own system) while it gives another number of the same kind
    to another clause that says the claim's words ("training labelers agree 72.6%, while for held-out labelers this is 77.3%")."""
    m = best.mention
    lent = m.borrowed
    if idx is not None and idx.own and m.kind == "text" and any(
            t.kind == "weak" and t.key in m.excluded_terms for t in terms) and any(
            x.unit == m.unit and x.value != m.value for x in _sentence_mates(idx, m)):
        lent = lent | (idx.own & m.terms - context_terms(m.quote))
    return bool(lent) and best.weak < 0.25 and any(
        t.kind == "subject" and (t.key in lent or (bool(t.parts) and all(p in lent for p in t.parts))) for t in terms)


_ON = re.compile(r"^\s*(?:[a-z]+\s+){0,2}?on\s+(?:the\s+)?([a-z][a-z-]*(?:\s+[a-z][a-z-]*)?)")


def other_domain(claim: Claim, q: Quantity, m: Mention) -> tuple[str, str] | None:
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


# Words any label of a kind of error or case may use; they single none of them out.
_GENERIC_LABEL = frozenset("incorrect wrong error errors result results correct type types case cases other "
                           "common unique total overall majority minority remainder rest while".split())


def label_unsaid(claim: Claim, m: Mention) -> str | None:
    """"error types such as “incorrect calculation results” (41.7%)" against "41.7% ... are wrong
    because of an incorrect approximation word": a number in brackets right after its label is that
    label's; a claim that says none of the label's own words ("calculation") speaks of another case.
    Returns the label when the claim leaves it unsaid."""
    if m.kind != "text":
        return None
    sent = clean_text(m.quote)
    hit = re.search(r"((?:[\w\-]+\s+){0,4}[\w\-]+)[\"\u201d\u2019']?\s*\(\s*" + re.escape(m.text) + r"\s*\)", sent)
    # "33.33% of the refuted claims contain “incorrect approximation words”": the quoted label the
    # number's own clause goes on to give.
    after = re.match(r"\s+(?:of\s+(?:the\s+)?(?:[\w\-]+\s+){0,3})?(?:contain|are|have|involve|show|include)\w*\s+"
                     r"(?:cases\s+where\s+|an?\s+)?[\"\u201c]([^\"\u201d]{3,60})[\"\u201d]",
                     sent[sent.find(m.text) + len(m.text):]) if m.text in sent else None
    if not hit and not after:
        return None
    if hit:
        label = re.split(r"[,;:]|\b(?:such as|and|or|into|as|in|of|with|by|including)\b", hit.group(1))[-1].strip(" \"\u201c")
    else:
        label = after.group(1).strip()
    own = _own_words(label)
    claimed = _heads(claim.text)
    claimed |= {p[:5] for w in re.findall(r"[A-Za-z][\w\-]*-[\w\-]+", claim.text.lower()) for p in w.split("-")}
    return label if own and not own & claimed else None


_WORD = re.compile(r"[A-Za-z][\w\-]*")


def _heads(text: str) -> set[str]:
    """``text``'s words by their first five letters, the way labels are compared."""
    return {w.lower()[:5] for w in _WORD.findall(text)}


def _own_words(phrase: str) -> set[str]:
    """The words that single out a label or case, by their first five letters (not "incorrect",
    "errors", ...)."""
    return {w.lower()[:5] for w in _WORD.findall(phrase)
            if len(w) >= 4 and w.lower() not in STOPWORDS and w.lower() not in _GENERIC_LABEL}


# Words that introduce what a share or count is of: "correct except for a calculator error",
# "wrong because of an incorrect approximation word".
_FRAMED = re.compile(r"\b(except for|because of|due to|caused by|attributed to)\s+(?:what we call\s+)?((?:[\w\-]+\s*){1,5})",
                     re.I)


def other_case(claim: Claim, m: Mention) -> tuple[str, str] | None:
    """"16% ... were correct except for what we call symbol mapping errors" against "16% were correct
    except for a calculator error": the sentence and the claim say what the number counts in the same
    words ("except for"), and name cases that share no word. Returns (the sentence's, the claim's)."""
    if m.kind != "text":
        return None
    mine = _FRAMED.search(claim.text)
    theirs = _FRAMED.search(clean_text(m.quote))
    if not mine or not theirs or mine.group(1).lower() != theirs.group(1).lower():
        return None
    a, b = _own_words(theirs.group(2)), _own_words(mine.group(2))
    return (theirs.group(2).strip(), mine.group(2).strip()) if a and b and not a & b else None


_PER_AFTER = re.compile(r"^[^.;,()]{0,25}?\b(?:per|for\s+each|for\s+every|each|an?)\s+(?:[a-z]+\s+)?(hour|day|week|month|claim|annotation|"
                        r"example|sample|problem|question|task|token|step|gpu)s?\b", re.I)
_HOURLY_BEFORE = re.compile(r"\b(hourly|daily|weekly|monthly)\s+(?:[a-z]+\s+){0,2}(?:of\s+)?(?:about\s+|around\s+)?$", re.I)
_BASIS = {"hourly": "hour", "daily": "day", "weekly": "week", "monthly": "month"}


def _basis(text: str, start: int, end: int) -> str | None:
    """What a rate is per ("0.37 USD per claim", "an hourly wage of 11.2 USD"), by the words around it."""
    before = _HOURLY_BEFORE.search(text[max(0, start - 40):start])
    if before:
        return _BASIS[before.group(1).lower()]
    after = _PER_AFTER.search(text[end:end + 60])
    return after.group(1).lower() if after else None


def other_basis(claim: Claim, q, m: Mention) -> tuple[str, str] | None:  # noqa: ANN001 - Quantity
    """"paid 11.2 USD for each claim" against "reimbursed at a rate of 0.37 USD, resulting in an hourly
    wage of 11.2 USD": the sentence gives the number per hour, the claim per claim. Returns (the
    sentence's, the claim's)."""
    if m.kind != "text":
        return None
    quote = clean_text(m.quote)
    at = quote.find(m.text)
    return bases_differ(claim.text, q, quote, at, at + len(m.text)) if at >= 0 else None


def bases_differ(claim_text: str, q, text: str, start: int, end: int) -> tuple[str, str] | None:  # noqa: ANN001 - Quantity
    """(the source's basis, the claim's) when the number at ``text[start:end]`` is a rate per hour and
    the claim's per something else, or the other way round."""
    mine, theirs = _basis(claim_text, q.start, q.end), _basis(text, start, end)
    if mine and theirs and mine != theirs and "hour" in (mine, theirs):  # (a rate of pay or of time)
        return f"per {theirs}", f"per {mine}"
    return None


# What a ratio or change measures: "a 3x speedup" is not "the GPU memory requirement by 3 times".
_MEASURES = {
    "speed": re.compile(r"\bspeed[- ]?ups?\b|\bfaster\b|\bslower\b|\bthroughput\b|\blatency\b|\bwall[- ]?clock\b|"
                        r"\b(?:training|inference|decoding|generation) (?:time|speed)\b|\btokens? per second\b", re.I),
    "memory": re.compile(r"\bmemory\b|\bVRAM\b|\bfootprint\b", re.I),
    "parameters": re.compile(r"\b(?:trainable )?param(?:eter)?s\b|\bcheckpoint size\b|\bstorage\b", re.I),
}


def _measures(text: str) -> set[str]:
    return {k for k, rx in _MEASURES.items() if rx.search(text)}


def other_measure(claim: Claim, q, m: Mention) -> tuple[str, str] | None:  # noqa: ANN001 - Quantity
    """"LoRA delivers a 3x training speedup" against "reduce the number of trainable parameters by
    10,000 times and the GPU memory requirement by 3 times": the words that lead to the sentence's
    number say what it measures, and share no kind with the claim's. Returns (the sentence's, the
    claim's); a claim with several numbers shares its words out and is left alone."""
    if m.kind != "text" or sum(x.role in {"value", "diff"} for x in claim.quantities) != 1:
        return None
    mine = _measures(claim.text)
    if not mine:
        return None
    sent = clean_text(m.quote)
    hit = re.search(rf"(?<![\w.,-]){re.escape(m.text)}(?![\w]|[.,]\d)", sent)  # (not the "3" of "GPT-3")
    if hit is None:
        return None
    at = hit.start()
    # From the start of the number's own phrase ("..., and the GPU memory requirement by") to a few words after it.
    lead = re.split(r"[,;:()]|\band\b|\bwhile\b|\bwhereas\b", sent[:at])[-1]
    tail = re.split(r"[,;:()]|\band\b", sent[at + len(m.text):])[0]
    theirs = _measures(f"{lead} {' '.join(tail.split()[:4])}")
    if not theirs or theirs & mine:
        return None
    return " ".join(sorted(theirs)), " ".join(sorted(mine))


def other_rank(claim: Claim, m: Mention) -> str | None:
    """"The second-best Guanaco model reaches 99.3%" against "Our best model family, Guanaco, ...
    reaching 99.3%": a sentence that gives the number to the best (largest, ...) says nothing of the
    second. Returns the rank the claim says when the sentence leaves it unsaid."""
    said = RANKED.search(claim.text)
    if not said or m.kind != "text":
        return None
    ordinal, what = said.group(1).lower(), said.group(2).lower()
    # In its own clause: "... the second best model reaching 97.8% ...; ... we achieve 99.3% with our
    # largest model".
    sent = clause_holding(m).lower()
    return None if re.search(rf"\b{ordinal}[-\s]+{what}\b", sent) else f"{ordinal}-{what}"


def clause_holding(m: Mention) -> str:
    """The clause (between semicolons) of ``m``'s sentence that states it; "" when none does."""
    return next((part for part in clean_text(m.quote).split(";") if m.text.lower() in part.lower()), "")


_SUPERLATIVE = re.compile(r"\b(?:the|our|its)\s+(largest|biggest|best|strongest)\b", re.I)


def other_superlative(claim: Claim, m: Mention) -> tuple[str, str] | None:
    """"The largest Guanaco model ... attains 97.8%" against "with the second best model reaching
    97.8% ...; ... we achieve 99.3% with our largest model": the clause that gives the number ranks
    it below the one the claim names. Returns (the clause's rank, the claim's superlative)."""
    said = _SUPERLATIVE.search(claim.text)
    if not said or m.kind != "text" or RANKED.search(claim.text):
        return None
    clause = clause_holding(m)
    rank = RANKED.search(clause[: clause.lower().find(m.text.lower())])
    return (f"{rank.group(1).lower()}-{rank.group(2).lower()}", said.group(1).lower()) if rank else None


_SHARE = r"\d[\d,]*(?:\.\d+)?\s*%?"  # a number as a sentence prints it ("97.8%", "1,000")


def own_case_number(claim: Claim, terms: list[Term], m: Mention, idx: SourceIndex, rank: str | None,
                    superlative: str | None = None) -> Scored | None:
    """The number the sentence gives the claim's own case, when it gives the claimed number to another:
    "the second best model reaching 97.8% ...; ... we achieve 99.3% with our largest model" against
    "the second-best Guanaco model reaches 99.3%"; "PS+ prompting yields an average accuracy (76.7%)
    slightly lower than Manual-CoT (77.6%)" against "PS+ averages 77.6%"."""
    sent = clean_text(m.quote)
    found = None
    if superlative:
        hit = (re.search(rf"({_SHARE})[^.;()\d]{{0,40}}?\b(?:our|the)\s+{superlative}\b", sent, re.I)
               or re.search(rf"\b(?:our|the)\s+{superlative}\b[^.;()\d]{{0,60}}?({_SHARE})", sent, re.I))
        found = hit.group(1).replace(" ", "") if hit else None
    elif rank:
        ordinal, what = rank.split("-", 1)
        hit = re.search(rf"\b{ordinal}[-\s]+{what}\b[^.;()]{{0,60}}?({_SHARE})", sent, re.I)
        found = hit.group(1).replace(" ", "") if hit else None
    else:
        # The claim's own name: the one said before its number ("PS+ averages 77.6%, above Auto-CoT").
        q = next((x for x in claim.quantities if x.role == "value"), None)
        names = [t for t in terms if t.kind == "subject" and not t.implicit and (q is None or t.pos < q.start)]
        start, owned = 0, []
        for b in re.finditer(rf"\(\s*({_SHARE})\s*\)", sent):
            label = re.split(r"[,;]", sent[start:b.start()])[-1]
            if any(re.search(rf"(?<![\w-]){re.escape(t.text)}(?![\w-])", label, re.I) for t in names):
                owned.append(b.group(1).replace(" ", ""))
            start = b.end()
        found = owned[0] if len(owned) == 1 else None
    if found is None or found == m.text:
        return None
    mine = [x for x in _sentence_mates(idx, m) if x.text == found]
    return score(terms, mine[0]) if len(mine) == 1 else None


_QUOTED_SHARE = re.compile(rf"[\"\u201c]([^\"\u201d]{{3,60}})[\"\u201d]\s*\(\s*({_SHARE})\s*\)")


def labelled_share(claim: Claim, terms: list[Term], m: Mention, idx: SourceIndex) -> Scored | None:
    """The number a sentence of ``m``'s page gives, in brackets, to the quoted label the claim says:
    "common error types such as “incorrect calculation results” (41.7%)" for "incorrect calculation
    results account for 33.33%", when the 33.33% belongs to "incorrect approximation words"."""
    claimed = _heads(claim.text)
    hits = []
    for quote, ms in mentions_by_sentence(idx).items():
        if not ms or ms[0].page != m.page:
            continue
        for h in _QUOTED_SHARE.finditer(clean_text(quote)):
            own = _own_words(h.group(1))
            if own and own <= claimed:
                hits += [x for x in ms if x.text == h.group(2).replace(" ", "") and x.text != m.text]
    return score(terms, hits[0]) if len(hits) == 1 else None


def given_to_another_name(best: Scored, terms: list[Term], idx: SourceIndex) -> Scored | None:
    """"... compared to 26.8% and 29.8% for T0 and FLAN, respectively" against "T0 reaches 29.8%":
    the sentence gives the claimed number to another name and its own number to the claim's (a
    model's or a benchmark's: "700x smaller ... on ANLI and SVAMP, and 45x smaller ... on CQA")."""
    m = best.mention
    if m.kind != "text" or not m.excluded_terms:
        return None
    keys = [t.key for t in terms if t.kind in {"subject", "benchmark"} and t.key in m.excluded_terms and t.key not in m.terms]
    # "adapting GPT-3 with LoRA" against "... 32.5 tokens/s for full fine-tuning; ... 43.1 tokens/s for
    # LoRA": a method the claim uses ("with LoRA") is named as surely as a subject.
    keys += [k for t in terms if t.kind == "setting" and t.key.startswith("yes:")
             and (k := name_key(t.key[4:])) in m.excluded_terms and k not in m.strong_terms]
    if not keys:
        return None
    own = [x for x in _sentence_mates(idx, m) if all(k in x.strong_terms for k in keys)]
    return score(terms, own[0]) if len(own) == 1 else None


def given_to_another_listed(best: Scored, terms: list[Term], idx: SourceIndex) -> Scored | None:
    """"InstructGPT models make up information ... about half as often as GPT-3 (a 21% vs. 41%
    hallucination rate, respectively)" against "InstructGPT hallucinates 41% of the time": a
    "respectively" list pairs the numbers with the names, though the sentence says the claim's name
    (and "our" stands for it). Returns the number the list gives the claim's name."""
    m = best.mention
    if m.kind != "text" or not re.search(r"\brespectively\b", m.quote):
        return None
    # (A list item is named by its last word: "standard finetuning and distillation", when the
    # sentence says the claim's whole name.)
    def key(t: Term) -> str:
        return t.key if t.key in m.excluded_terms or not t.parts or t.key not in m.terms else t.parts[-1]

    mine = [t for t in terms if t.kind == "subject" and not t.implicit and key(t) in m.excluded_terms
            and key(t) not in m.strong_terms]
    if not mine:
        return None
    own = [x for x in _sentence_mates(idx, m) if x.unit == m.unit and all(key(t) in x.strong_terms for t in mine)]
    return score(terms, own[0]) if len(own) == 1 else None


def given_to_another(terms: list[Term], m: Mention) -> bool:
    """Whether the sentence gives number ``m`` to another name than one the claim says is its own."""
    gone = m.excluded_terms
    if any(t.kind == "subject" and t.key in m.strong_terms for t in terms):
        return False  # the sentence gives it to one of the claim's names too
    return bool(gone) and any(t.kind == "subject" and (t.key in gone or (bool(t.parts) and all(p in gone for p in t.parts)))
                              and t.key not in m.terms for t in terms)


# Words any clause of a rate may say ("agree with each other 72.6% of the time").
_ANY_CLAUSE = frozenset({"time", "times", "other", "each", "case", "cases", "number", "total", "rate", "result",
                         "memory"})


def given_to_another_clause(best: Scored, terms: list[Term], idx: SourceIndex,
                            clause: list[Term] | None = None) -> Scored | None:
    """"567 MB for the LoRA input gradients, while the LoRA parameters take up only 26 MB" against
    "the LoRA parameters occupy 567 MB": the claim's own words ("parameters") sit in the clause of
    another number of the same kind, and not in the claimed number's. Returns that number.
    ``clause``: the words that are this number's own, when the claim states several."""
    m = best.mention
    if m.kind != "text" or not m.excluded_terms or not m.strong_terms:
        return None
    words_ = [t for t in (terms if clause is None else clause) if t.kind == "weak" and len(t.key) >= 4 and t.key in m.excluded_terms
              and t.key not in m.strong_terms]
    if not words_:
        return None
    own = [x for x in _sentence_mates(idx, m) if x.unit == m.unit and all(t.key in x.strong_terms for t in words_)]
    if len(own) > 1:
        # "2.5% and 1.9% in T5-base, and 5.2% and 3.2% in (IA)3": the one that keeps the claim's names.
        kept = [t.key for t in terms if t.kind != "weak" and t.key in m.strong_terms]
        own = [x for x in own if all(k in x.strong_terms for k in kept)] if kept else own
    if len(own) != 1:
        return None
    # (Not when this number's clause says as many of the claim's words as the other: "the refuted
    # claims" of a claim about the "partially right" ones frames them both.)
    said = [t.key for t in (terms if clause is None else clause) if t.kind == "weak" and len(t.key) >= 4
            and t.key not in _ANY_CLAUSE]
    if sum(k in own[0].strong_terms for k in said) <= sum(k in m.strong_terms for k in said):
        return None
    other = score(terms, own[0])
    return other if not other.conflict and other.frac >= best.frac - 1e-6 else None


def given_to_another_label(claim: Claim, q: Quantity, best: Scored, terms: list[Term],
                           idx: SourceIndex) -> Scored | None:
    """"semantic understanding (20 errors), one step missing (18 errors)" against "of the 45 errors,
    18 were semantic-understanding errors": in a claim of several numbers the words are shared out
    among them, so only the words after this number in its clause count, and only against a
    sentence whose numbers stand in brackets after their labels, which own them plainly."""
    m = best.mention
    if m.kind != "text":
        return None
    # "0.630 for the false claim verification task (872 claims in total) and 0.719 for the NEI ...
    # task (900 claims)" against "0.719 for verifying the 872 ... false claims": the sentence gives
    # the count that qualifies the claim's number to another clause, and the claim's words with it.
    if any(re.sub(r"[\s,]", "", x.text).lower() in m.excluded_terms for x in claim.quantities
           if x is not q and x.role in {"count", "setting"}):
        return given_to_another_clause(best, terms, idx)
    said = {m.value} | {x.value for x in _sentence_mates(idx, m)}
    if sum(x.role in {"value", "diff"} for x in claim.quantities) == 1 and not any(
            x.value in said for x in claim.quantities if x is not q):
        # "Among 60 sampled refuted claims, 33.33% turn out to be partially right": one result,
        # framed by a count the sentence does not state; the claim's words are all that result's.
        return given_to_another_clause(best, terms, idx)
    if not re.search(r"[A-Za-z]\W{0,2}\s*\(\s*" + re.escape(m.text) + r"\b[^()]{0,20}\)", m.quote):
        return None
    text = claim.text
    cut = [i for i in (text.find(",", q.end), text.find(";", q.end)) if i >= 0]
    hi = min([x.start for x in claim.quantities if x.start >= q.end] + cut + [len(text)])
    return given_to_another_clause(best, terms, idx, [t for t in terms if q.end <= t.pos < hi])
