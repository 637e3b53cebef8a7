"""The numbers of one claim decided together: a sentence that states them all, a row label that
states one of them, a sentence in the claim's own words that gives another number."""

from __future__ import annotations

import re
from dataclasses import replace

from verifier.checks import ValueCheck, candidates, mentions_by_sentence, other_unit, primary, unit_word
from verifier.index import SourceIndex
from verifier.sentence_checks import clause_holding, given_to_another, given_to_another_label
from verifier.normalize import MEASURED_UNIT, NUMBER, STOPWORDS, clean_text, name_key, values_match
from verifier.terms import COMPARE, Scored, Term, in_vocab, score
from verifier.types import Claim, Mention, Quantity, Verdict


def colocated(claim: Claim, checks: dict[int, ValueCheck], idx: SourceIndex, terms: list[Term]) -> None:
    """Further numbers stated in the very sentence that supports the first one are supported too
    ("using only 12.5% of the data ... trained on 100% of the data")."""
    anchor = primary(checks)
    if anchor is None or anchor.status != Verdict.SUPPORTED or anchor.best is None:
        # "With ... 50% of its layers pruned, Llama-2-70B fits in 17.5 GB": the number that owns
        # the claim's subject may be the later one; it anchors the sentence just as well.
        anchor = next((c for c in checks.values() if c.quantity.role == "value" and c.status == Verdict.SUPPORTED
                        and c.best is not None and c.best.mention.kind == "text" and c.best.frac >= 0.999), None)
        if anchor is None:
            return
    # (Not one whose clause the sentence gives to another number: "one step missing (18 errors)".)
    others = [c for c in checks.values() if c is not anchor and c.status != Verdict.SUPPORTED
              and not (c.status == Verdict.CONTRADICTED and c.features.get("clause_of_another"))]
    if not others:
        return
    strong = [s for s in (score(anchor.terms or terms, m) for m, _ in candidates(idx, anchor.quantity, False) if m.kind == "text")
              if s.frac >= anchor.best.frac - 1e-6]
    by_quote = _text_hits(idx, others, claim)
    for s in strong:
        found = by_quote.get(s.mention.quote, {})
        # "... 26.8% and 29.8% for T0 and FLAN, respectively": a number the sentence gives to
        # another name is not the claim's, however close it sits.
        if len(found) == len(others) and not any(given_to_another(c.terms or terms, m) for c, m, _ in found.values()):
            anchor.best = s
            for c, m, how in found.values():
                c.status, c.best = Verdict.SUPPORTED, Scored(m, s.frac, (), (), False, how)
                c.features["colocated"] = 1.0
            return
    for s in strong:
        if s.frac >= 0.999 and _said_just_before(s.mention, others, idx):
            for c in others:
                c.status, c.best = Verdict.SUPPORTED, Scored(s.mention, s.frac, (), (), False, "exact")
                c.features["colocated"] = 1.0
            return
    for s in strong:
        after = _said_just_after(claim, s.mention, others, idx, anchor.quantity)
        if after:
            for c, m in after:
                c.status, c.best = Verdict.SUPPORTED, Scored(m, s.frac, (), (), False, "exact")
                c.features["colocated"] = 1.0
            return


def _said_just_after(claim: Claim, m: Mention, others: list[ValueCheck], idx: SourceIndex,
                     first: Quantity) -> list[tuple[ValueCheck, Mention]]:
    """"... 179 GB of unique Python files. We filtered out files ... After filtering, our final
    dataset totaled 159 GB." against "179 GB of Python files, filtered down to 159 GB": one of the
    next two sentences goes on with the claim's other number, said after the claim's own word for
    it ("filtered"). [(check, its mention)] or []."""
    k = idx.sentence_number(m.page, m.quote)
    if k is None:
        return []
    nxt = [(p, s) for p, s, _ in idx.sentences[k + 1: k + 3] if p == m.page]
    out = []
    for c in others:
        q = c.quantity
        # The claim's word before its number, by its first five letters ("filtered" ~ "filtering").
        # Or just after it, in its clause ("reduced to 159 GB after filtering").
        after = re.match(r"[^,;:()]{0,30}", claim.text[q.end:]).group(0)
        lead = {w.lower()[:5] for w in re.findall(r"[A-Za-z]{5,}", claim.text[max(0, q.start - 30): q.start] + " " + after)
                if w.lower() not in STOPWORDS}
        # (Not a word the claim said of the number the sentence states: "ReAct's best trial reaches a
        # 71% ..., compared with 48% for the best Act trial" against "even the worse ReAct trial (48%)".)
        lead -= {w.lower()[:5] for w in re.findall(r"[A-Za-z]{5,}", claim.text[max(0, first.start - 40):first.start])}
        hit = next((x for p, s in nxt for x in mentions_by_sentence(idx).get(s, ()) if x.page == p
                    and values_match(q.value, q.decimals, q.unit, x.value, x.decimals, x.unit)
                    and lead & _leading_words(clean_text(s), x.text)), None)
        if hit is None:
            return []
        out.append((c, hit))
    return out


def _leading_words(sentence: str, number: str) -> set[str]:
    """The first five letters of each longer word before ``number`` in ``sentence``."""
    return {w.lower()[:5] for w in re.findall(r"[A-Za-z]{5,}", sentence[:max(sentence.find(number), 0)])}


def _said_just_before(m: Mention, others: list[ValueCheck], idx: SourceIndex) -> bool:
    """Whether the sentence before the one supporting the claim (or that one) prints each other
    number: "preferred NEFT in 88 instances, and 22 instances were a draw. This corresponds to a
    74.6% win score" gives the counts that "88 times with 22 draws ... 74.6%" restates."""
    k = idx.sentence_number(m.page, m.quote)
    if k is None or k == 0 or idx.sentences[k - 1][0] != m.page:
        return False
    text = idx.sentences[k - 1][1] + " " + m.quote
    for c in others:
        q = c.quantity
        if q.unit in {"%", "u"} or q.decimals or not re.search(r"(?<![\w.,])" + re.escape(q.text) + r"(?![\w.,%])", text):
            return False  # only counts are restated this way ("5 GB" is an amount)
    return True


def _text_hits(idx: SourceIndex, checks: list[ValueCheck], claim: Claim) -> dict[str, dict[int, tuple[ValueCheck, Mention, str]]]:
    """sentence -> {id(check): (check, its first text mention there, how it matches)}: the sentences
    that state the numbers of several checks (in the claim's unit: "350MB" is not the "350GB" there)."""
    out: dict[str, dict[int, tuple[ValueCheck, Mention, str]]] = {}
    for c in checks:
        said = unit_word(claim.text, c.quantity.text, c.quantity.start)
        for m, how in candidates(idx, c.quantity, allow_delta=c.quantity.role == "diff"):
            if m.kind == "text" and not other_unit(said, m):
                out.setdefault(m.quote, {}).setdefault(id(c), (c, m, how))
    return out


def one_sentence_for_all(claim: Claim, checks: dict[int, ValueCheck], idx: SourceIndex, terms: list[Term],
                         role: str = "value") -> None:
    """One sentence that states every number of the claim, in the claim's order, about the claim's
    names ("PS+ prompting with SC (73.7% and 84.4%) ... on GSM8K and SVAMP") is the claim's own
    source: a table elsewhere giving other numbers for a looser combination does not refute it.
    ``role``: which numbers ("diff" for a claim of gaps only: "beats Codex by an average of 6.5
    points on pass@1 and 15.1 points on pass@100")."""
    vals = [checks[i] for i in sorted(checks) if checks[i].quantity.role == role]
    if len(vals) < 2:
        return
    for quote, firsts in _text_hits(idx, vals, claim).items():
        if len(firsts) != len(vals):
            continue
        ordered = [firsts[id(c)] for c in vals]
        at = [quote.find(m.text) for _, m, _ in ordered]
        if -1 in at or len(set(at)) != len(at):
            continue
        if any(given_to_another_label(claim, c.quantity, score(terms, m), terms, idx) for c, m, _ in ordered):
            continue
        owned = set().union(*(m.strong_terms for _, m, _ in ordered))
        if any(t.key in m.excluded_terms and t.key not in owned for _, m, _ in ordered for t in terms if t.kind == "subject"):
            # "Rho-1-1B and 7B achieved ... 40.6% and 51.8% ..., respectively — ... with only 3% of the
            # tokens" against "Rho-1-7B reaches 40.6% ... with only 3%": a name the sentence gives to
            # none of the claim's numbers but takes from one of them.
            continue
        first = ordered[0][1]
        # The sentence as a whole is what must name the claim: a clause split ("85% ..., and 71% to
        # few-shot GPT-3") that gives each number its own words does not apply to the pair. Numbers
        # that share one owner ("45%-55% for the Llama-2 family") keep it.
        shared = first.strong_terms and all(m.strong_terms == first.strong_terms for _, m, _ in ordered)
        sc = score(terms, first if shared else
                   replace(first, terms=first.terms | first.excluded_terms, excluded_terms=frozenset()))
        unnamed = [t for t in terms if t.text in sc.missing and t.kind in {"subject", "benchmark"} and not t.implicit]
        if unnamed and sc.weak >= 0.3 and not sc.conflict \
                and not any(in_vocab(t, first.terms | first.excluded_terms) for t in unnamed) \
                and _named_in_paragraph(idx, first, unnamed, back=_PARAGRAPH):
            # "Our analysis uncovers that a mere 26% of tokens show a notable loss reduction (H→L), while
            # the majority (51%) remain in the L→L category", right after the sentences that name the
            # model and corpus: the sentence states all the claim's numbers in its words. (Not when it
            # gives the name to another number of its own: "45%-55% for Llama-2, 35% for Mistral 7B".)
            unnamed, sc.frac = [], 1.0
        # A claim that names nothing ("training labelers agreed 72.6 ± 1.5% of the time, held-out
        # ones 77.3 ± 1.3%") is the sentence's own when it states every one of those exact numbers
        # in the claim's words.
        keyless = all(t.kind == "weak" for t in terms) and all(c.quantity.decimals >= 1 for c in vals)
        if sc.conflict or unnamed or (sc.frac < 0.6 and not (keyless and sc.weak >= 0.5)):
            continue
        low = quote.lower()
        benches = sorted((t for t in terms if t.kind == "benchmark" and not t.implicit), key=lambda t: t.pos)
        where = [low.find(t.text.lower()) for t in benches]
        rank = lambda xs: [sorted(xs).index(x) for x in xs]  # noqa: E731
        if len(benches) == len(vals) and -1 not in where and len(set(where)) == len(where):
            # "(73.7% and 84.4%) ... on GSM8K and SVAMP": the sentence pairs its numbers with its
            # names in order; a claim that pairs them otherwise swaps them.
            if rank(at) != rank(where):
                c, m, _ = ordered[0]
                other = benches[rank(where).index(rank(at)[0])]
                c.status, c.alt = Verdict.CONTRADICTED, Scored(m, sc.frac, (), (), False)
                spelt = lambda t: (re.search(re.escape(t.text), claim.text, re.I) or [t.text])[0]  # noqa: E731
                c.reason = (f"the text on page {m.page} pairs {m.text} with {spelt(other)}, not "
                            f"{spelt(benches[0])} (\"{' '.join(quote.split())[:160]}\")")
                c.features["swapped"] = 1.0
                return
        elif at != sorted(at):
            continue
        for c, m, how in ordered:
            c.status, c.best, c.alt, c.reason = Verdict.SUPPORTED, Scored(m, sc.frac, (), (), False, how), None, ""
            c.features["stated_together"] = 1.0
        return
    _two_sentences_for_all(claim, vals, idx, terms)


def _two_sentences_for_all(claim: Claim, vals: list[ValueCheck], idx: SourceIndex, terms: list[Term]) -> None:
    """"Human annotators preferred NEFT in 88 instances, and 22 instances were a draw. This
    corresponds to a 74.6% win score for NEFT": a sentence that prints the claim's first numbers,
    then one that states the rest, each in the claim's order, about the claim's names, are its
    source as one sentence would be."""
    hits = _text_hits(idx, vals, claim)
    for quote, later in hits.items():
        m0 = next(iter(later.values()))[1]
        k = idx.sentence_number(m0.page, quote)
        if k is None or k == 0 or idx.sentences[k - 1][0] != m0.page:
            continue
        prev = clean_text(idx.sentences[k - 1][1])
        # (The first split that works: "(88/(140 - 22))" may print the earlier numbers again.)
        j = next((j for j in range(1, len(vals)) if _split_at(prev, vals, later, j)), 0)
        if not j or any(given_to_another_label(claim, c.quantity, score(terms, later[id(c)][1]), terms, idx)
                        for c in vals[j:]):
            continue
        pair = {idx.sentences[k - 1][1].strip(), quote}
        rivals = [x for x in mentions_by_sentence(idx).get(idx.sentences[k - 1][1].strip(), ())
                  if not any(values_match(c.quantity.value, c.quantity.decimals, c.quantity.unit, x.value, x.decimals, x.unit)
                             for c in vals)]
        if any(c.alt is not None and c.alt.mention.kind == "text" and c.alt.mention.quote in pair for c in vals) or any(
                score(terms, m).conflict or any(t.key in m.excluded_terms for t in terms if t.kind in {"subject", "benchmark"})
                for m in (later[id(c)][1] for c in vals[j:])) or any(
                x.unit == c.quantity.unit for x in rivals for c in vals[j:]):
            # The two sentences give the claim's words another of their numbers ("46% ... 54%"), the
            # later one gives its number to another name ("(73.7% and 84.4%) ... GSM8K and SVAMP"), or
            # the first states another of its kind ("within the top 54.3%. ... within the top 28% of users").
            continue
        both = idx.sentences[k - 1][2] | idx.sentences[k][2]
        sc = score(terms, replace(m0, terms=both, strong_terms=frozenset(), excluded_terms=frozenset()))
        unnamed = [t for t in terms if t.text in sc.missing and t.kind in {"subject", "benchmark"} and not t.implicit]
        # (A name the paragraph said before them, "LLaMA-2", as for one sentence.)
        if sc.conflict or (not (sc.weak >= 0.3 and _named_in_paragraph(idx, m0, unnamed)) if unnamed else sc.frac < 0.6):
            continue
        for i, c in enumerate(vals):
            q = c.quantity
            m, how = (later[id(c)][1], later[id(c)][2]) if i >= j else (replace(
                m0, value=q.value, text=q.text, decimals=q.decimals, unit=q.unit, quote=idx.sentences[k - 1][1].strip()), "exact")
            c.status, c.best, c.alt, c.reason = Verdict.SUPPORTED, Scored(m, sc.frac, (), (), False, how), None, ""
            c.features["stated_together"] = 1.0
        return


def _split_at(prev: str, vals: list[ValueCheck], later: dict, j: int) -> bool:
    """Whether ``prev`` prints the first ``j`` numbers in order and the next sentence states the rest in order."""
    if any(id(c) not in later for c in vals[j:]):
        return False
    printed = [printed_at(prev, c.quantity) for c in vals[:j]]
    at = [later[id(c)][1].quote.find(later[id(c)][1].text) for c in vals[j:]]
    return -1 not in printed and printed == sorted(printed) and -1 not in at and at == sorted(at) and len(set(at)) == len(at)


def printed_at(text: str, q: Quantity) -> int:
    """Where ``text`` prints the claim's number as written ("88", not "88.2" or "188"), or -1."""
    m = re.search(r"(?<![\w.,])" + re.escape(q.text.rstrip("%")) + r"(?![\w,]|\.\d)", text)
    return m.start() if m else -1


_PARAGRAPH = 12  # sentences back that a sentence stating all of a claim's numbers may leave its names to


def _named_in_paragraph(idx: SourceIndex, m: Mention, names: list[Term], back: int = 5) -> bool:
    """Whether the sentences on ``m``'s page up to ``back`` before it name every one of ``names``."""
    near = idx.terms_before(m.page, m.quote, back, own=False)
    return near is not None and all(any(in_vocab(t, ts) for ts in near) for t in names)


def _words_after(text: str, end: int, n: int = 4) -> list[str]:
    return [w.lower() for w in re.findall(r"[A-Za-z][\w-]*", text[end:end + 60])][:n]


_UNIT = re.compile(MEASURED_UNIT, re.I)


def _content_words_after(claim_text: str, end: int, quote: str, at: int) -> bool:
    """Whether the words that follow a number in the paper's sentence carry, in order and within a
    word or two, the two or more content words that follow it in the claim ("80% of the unlabeled
    set" against "50% of the full unlabeled set")."""
    mine = [w for w in _words_after(claim_text, end) if w not in STOPWORDS]
    # (A unit says nothing of what is measured: "17.5 GB of memory" against "140 GB of memory".)
    if sum(1 for w in mine if not _UNIT.fullmatch(w)) < 2:
        return False
    theirs = [w for w in _words_after(quote, at, 6) if w not in STOPWORDS]
    return theirs[:len(mine) + 1][-len(mine):] == mine or theirs[:len(mine)] == mine


def _clause_says_more(claim_text: str, m: Mention) -> bool:
    """Whether the clause of ``m``'s sentence that holds its number says more of the claim's words
    than every other clause holding a number: "With up to a million samples ..., we can solve 34.2%
    of problems in our validation set; and with one hundred thousand samples, we solve 31.8% of
    problems in our validation set" for "Sampling one hundred thousand programs ..., 31.8% of the
    validation set"."""
    mine = {w.lower()[:5] for w in re.findall(r"[A-Za-z]{3,}", claim_text)} - STOPWORDS
    clauses = [c for c in clean_text(m.quote).split(";") if re.search(r"\d", c)]
    if len(clauses) < 2:
        return False

    def said(c: str) -> int:
        return len(mine & {w.lower()[:5] for w in re.findall(r"[A-Za-z]{3,}", c)})

    own = clause_holding(m)
    if own not in clauses:
        return False
    rest = list(clauses)
    rest.remove(own)
    return all(said(own) > said(c) for c in rest)


def _words_before(text: str, start: int, n: int = 3) -> list[str]:
    """The ``n`` words right before a number, when nothing but spaces stands between."""
    m = re.search(r"((?:[A-Za-z][\w-]*\s+){%d})$" % n, text[max(0, start - 80):start])
    return [w.lower() for w in m.group(1).split()] if m else []


def sentence_in_claims_words(claim: Claim, checks: dict[int, ValueCheck], idx: SourceIndex) -> None:
    """A sentence that states the claim's other numbers and, followed by the claim's own words,
    another number in place of this one ("a 45\u00d7 smaller model and 50% of the full unlabeled set"
    for "... 45x smaller model and 80% of the full unlabeled set") refutes it, whatever looser
    sentence elsewhere happens to give the claimed number."""
    vals = [checks[i] for i in sorted(checks) if checks[i].quantity.role == "value"]
    if len(vals) < 2 or all(c.features.get("stated_together") for c in vals):
        return  # one sentence states them all: "a Codeforces rating of 1238 ... within the top 28%"
    for c in vals:
        q = c.quantity
        after = _words_after(claim.text, q.end)
        if len(after) < 3 or sum(1 for w in after if w not in STOPWORDS) < 2:
            after = []  # "of the time" follows any rate
        # "within the top 54.3%" against "within the top 28%": the words before serve too.
        before = _words_before(claim.text, q.start)
        if sum(1 for w in before if w not in STOPWORDS) < 1 or re.match(r"[-\u2212+]", claim.text[q.start:]):
            before = []
        if not after and not before:
            continue
        others = [x.quantity for x in vals if x is not c]
        stating = _sentences_stating(idx, others)
        # A sentence that states this number too, in the same words, is about both numbers; so is one
        # that lists them before words they share ("65.9% and 85.6% accuracy on WikiTQ and TabFact,
        # respectively").
        own = {m.quote for m in stating if values_match(q.value, q.decimals, q.unit, m.value, m.decimals, m.unit)
               and (not after or _words_after(m.quote, m.quote.find(m.text) + len(m.text), len(after)) == after
                    # ("31.8% of the validation set" against "31.8% of problems in our validation set")
                    or (_content_words_after(claim.text, q.end, m.quote, m.quote.find(m.text) + len(m.text))
                        and _clause_says_more(claim.text, m))
                    or re.search(r"\brespectively\b", m.quote))}
        for m in stating:
            if m.quote in own or m.value == q.value or values_match(q.value, q.decimals, q.unit, m.value, m.decimals, m.unit):
                continue
            at = m.quote.find(m.text)
            if ("%" == q.unit) != ("%" == m.unit) or at < 0:
                continue
            if not ((after and _words_after(m.quote, at + len(m.text), len(after)) == after)
                    or (before and _words_before(m.quote, at) == before)
                    or _content_words_after(claim.text, q.end, m.quote, at + len(m.text))):
                continue
            c.status, c.alt = Verdict.CONTRADICTED, Scored(m, 1.0, (), (), False)
            c.reason = (f"the text on page {m.page} says \"{' '.join(m.quote.split())[:160]}\": {m.text}, "
                        f"not {q.text}")
            c.features["same_words"] = 1.0
            return


def owner_in_claims_words(claim: Claim, checks: dict[int, ValueCheck], idx: SourceIndex) -> None:
    """"When the sample with the highest mean log-probability is picked, Codex-S solves 77.5%"
    against "selecting the sample with the highest mean log-probability (44.5% solved) or ... the
    sample that passes the unit tests (77.5% solved)": a number of the page that three or more of
    the claim's words own, none of them said by the supporting sentence, refutes the support."""
    # (Plain lower-case words only: names and numbers are weighed elsewhere.)
    words = {name_key(w) for w in re.findall(r"(?<![\w-])[a-z][a-z-]{3,}(?![\w-])", claim.text)} - STOPWORDS
    for c in checks.values():
        if c.status != Verdict.SUPPORTED or c.best is None or c.best.mention.kind != "text" or c.quantity.role != "value":
            continue
        q, m0 = c.quantity, c.best.mention
        mine = words - m0.terms
        if len(mine) < 3:
            continue
        # The supporting sentence's own numbers first, then the rest of its page.
        page = sorted((y for ys in mentions_by_sentence(idx).values() for y in ys if y.page == m0.page),
                      key=lambda y: y.quote != m0.quote)
        for x in page:
            if (x.strong_terms and x.unit == q.unit == "%" and len(mine & x.strong_terms) >= 3
                    and re.search(r"\(\s*" + re.escape(x.text), x.quote)  # a share in brackets after its owner
                    and not values_match(q.value, q.decimals, q.unit, x.value, x.decimals, x.unit)
                    and not any(values_match(y.value, y.decimals, y.unit, x.value, x.decimals, x.unit) for y in claim.quantities)):
                c.status, c.alt = Verdict.CONTRADICTED, Scored(x, 1.0, (), (), False)
                c.reason = f"the text on page {x.page} gives {x.text} to \"{' '.join(sorted(mine & x.strong_terms))}\", not {q.text}"
                c.features["owner_in_claims_words"] = 1.0
                break


def _sentences_stating(idx: SourceIndex, numbers: list[Quantity]) -> list[Mention]:
    """Text mentions in sentences that state every one of ``numbers``."""
    found: dict[str, int] = {}
    for q in numbers:
        quotes = {m.quote for m, _ in candidates(idx, q, allow_delta=False) if m.kind == "text"}
        for quote in quotes:
            found[quote] = found.get(quote, 0) + 1
    full = {qt for qt, n in found.items() if n == len(numbers)}
    if not full:
        return []
    return [m for qt, ms in mentions_by_sentence(idx).items() if qt in full for m in ms]  # in the paper's order


def _unit_after(text: str, end: int) -> str:
    m = re.match(r"\s*([A-Za-z]+)", text[end:])
    return m.group(1).lower() if m else ""


def in_row_label(claim: Claim, checks: dict[int, ValueCheck], idx: SourceIndex, terms: list[Term]) -> None:
    """A number the claim gives as part of a row's name ("the 4-bit Guanaco 33B, using 21 GB, scores
    97.8%" against the row "Guanaco 33B 4-bit 21 GB") is stated by a cell that carries another
    number of the claim: the row label says it, no other cell has to."""
    open_ = [c for c in checks.values() if c.status != Verdict.SUPPORTED and c.quantity.role == "value"]
    if not open_:
        return
    anchors = []
    for c in checks.values():
        if c.status == Verdict.SUPPORTED and c.quantity.role == "value":
            anchors += [m for m, _ in candidates(idx, c.quantity, False) if m.kind == "cell"
                        and score(c.terms or terms, m).frac >= 0.5]
    for c in open_:
        q = c.quantity
        unit = "%" if q.unit == "%" else _unit_after(claim.text, q.end)
        if not unit:
            continue  # a bare integer in a row label may be anything (a size, a year, a citation)
        num = q.text.rstrip("%").replace(",", "")
        for m in anchors:
            label = m.row or ""
            if any(n.group("num").replace(",", "") == num
                   and (n.group("pct") if unit == "%" else _unit_after(label, n.end()) == unit)
                   for n in NUMBER.finditer(label)):
                c.status, c.alt, c.reason = Verdict.SUPPORTED, None, ""
                c.best = Scored(m, 1.0, (), (), False, "exact")
                c.features["row_label"] = 1.0
                break


_FROM = re.compile(r"\bfrom\s+(?:about\s+|roughly\s+|approximately\s+|around\s+|an?\s+|the\s+)?$", re.I)
_TO = re.compile(r"^\s*(?:[A-Za-z%]{1,3}\s+)?(?:\([^()]{1,40}\)\s+|(?:with|for|using|under)\s+[\w-]+(?:\s+[\w-]+)?\s+)?to\s+(?:about\s+|roughly\s+|approximately\s+|around\s+|only\s+|just\s+|an?\s+|the\s+)?$", re.I)


def from_to_pair(claim: Claim, checks: dict[int, ValueCheck], idx: SourceIndex, terms: list[Term] = ()) -> None:
    """"Shrinks the checkpoint from 1.2TB to about 35MB" against "(from 350GB to 35MB)": when the
    paper states the change's end point with its own starting point, a starting point found
    elsewhere in the paper (the VRAM's 1.2TB) is not the claim's."""
    values = sorted((i for i, c in checks.items() if c.quantity.role == "value"), key=lambda i: claim.quantities[i].start)
    for a, b in zip(values, values[1:]):
        qa, qb = claim.quantities[a], claim.quantities[b]
        if _VERSUS.fullmatch(claim.text[qa.end:qb.start]) and qa.value > qb.value and COMPARE.search(claim.text[:qa.start]):
            # "beats chain-of-thought by 6.16 points (45.23% vs 39.07%)": the paper's "from 39.07% to 45.23%".
            _pair_stated(checks[b], checks[a], idx, terms)
            continue
        if not (_FROM.search(claim.text[:qa.start]) and _TO.match(claim.text[qa.end:qb.start])):
            continue
        ca, cb = checks[a], checks[b]
        _pair_stated(ca, cb, idx, terms)
        if ca.status == Verdict.SUPPORTED and cb.status == Verdict.NOT_FOUND:
            # "raises its win rate from 75.03% to 86.81%" against "climbs from 75.03% to 88.81%":
            # the paper's change from the claim's own starting point ends elsewhere.
            end = _end_from(idx, qa, qb, terms)
            if end is not None and values_match(qb.value, qb.decimals, qb.unit, end.value, end.decimals, end.unit):
                # "from 39.07% (chain-of-thought) to 45.23%" against "from 39.07% to 45.23% (Table 12)":
                # the paper's change from the claim's own starting point ends where the claim's does.
                cb.status, cb.best = Verdict.SUPPORTED, score(cb.terms or terms, end)
                cb.best.how = "exact"
                cb.features["from_to"] = 1.0
                return
            if end is not None:
                cb.status, cb.alt = Verdict.CONTRADICTED, Scored(end, 1.0, (), (), False, "exact")
                cb.features["from_to"] = 1.0
                return
        if ca.status != Verdict.SUPPORTED or cb.status != Verdict.SUPPORTED or ca.best is None or cb.best is None:
            continue
        if ca.best.mention.quote == cb.best.mention.quote:
            continue  # the paper states the pair together
        for m, _ in candidates(idx, qb, False):
            if m.kind != "text":
                continue
            start = next((n for n in mentions_by_sentence(idx).get(m.quote, ()) if n.page == m.page
                          and _says_from_to(m.quote, n.text, m.text)), None)
            if start is not None and not values_match(qa.value, qa.decimals, qa.unit, start.value, start.decimals, start.unit):
                ca.status, ca.alt = Verdict.CONTRADICTED, Scored(start, 1.0, (), (), False, "exact")
                ca.features["from_to"] = 1.0
                return


_VERSUS = re.compile(r"\s*%?\s*(?:vs\.?|versus|against)\s+", re.I)


def _pair_stated(ca: ValueCheck, cb: ValueCheck, idx: SourceIndex, terms: list[Term]) -> None:
    """A sentence that says "from <ca> to <cb>" with both numbers exactly as the claim prints them,
    to two decimals, and names nothing against the claim, states the claim's change ("from 39.07% to
    45.23% (Table 12)"), though it leaves the model and benchmark to its section."""
    qa, qb = ca.quantity, cb.quantity
    if (ca.status == Verdict.SUPPORTED and cb.status == Verdict.SUPPORTED) or min(qa.decimals, qb.decimals) < 2:
        return
    for m, how in candidates(idx, qb, False):
        if m.kind != "text" or how != "exact" or not _says_from_to(m.quote, qa.text, m.text, about_start=False):
            continue
        start = next((n for n in mentions_by_sentence(idx).get(m.quote, ()) if n.page == m.page and values_match(
            qa.value, qa.decimals, qa.unit, n.value, n.decimals, n.unit)), None)
        sc_a, sc_b = score(ca.terms or terms, start or m), score(cb.terms or terms, m)
        if start is None or sc_a.conflict or sc_b.conflict:
            continue
        for c, sc in ((ca, sc_a), (cb, sc_b)):
            if c.status != Verdict.SUPPORTED:
                sc.how = "exact"
                c.status, c.best, c.alt, c.reason = Verdict.SUPPORTED, sc, None, ""
                c.features["from_to"] = 1.0
        return


def _says_from_to(quote: str, start: str, end: str, about_start: bool = True) -> bool:
    """Whether a sentence says "from <start> to <end>" ("from 350GB to 35MB", "from about 1.2TB to
    350GB"); ``about_start=False`` wants the starting number as printed, with no "about"."""
    lead = r"(?:about\s+)?" if about_start else ""
    return bool(re.search(r"\bfrom\s+" + lead + re.escape(start) + r"\s*(?:[A-Za-z%]{1,3}\s+)?to\s+(?:about\s+)?"
                          + re.escape(end) + r"(?![\d.])", quote))


def _end_from(idx: SourceIndex, qa: Quantity, qb: Quantity, terms: list[Term] = ()) -> Mention | None:
    """The end point of a sentence's "from A to X" whose A is the claim's starting point exactly as
    printed (two decimals or more: "75.03%", not "5"; or a whole number of three digits that is not
    round: "852", not "100"; or any number in a sentence that names the claim's model and benchmark:
    "the solve rate for LaMDA 137B GSM8K went up from 14.3% to 17.3%"), whether X is the claim's end
    point or not."""
    whole = qa.decimals == 0 and qa.value == int(qa.value) and 100 <= qa.value < 10**6 and qa.value % 10 != 0
    precise = qa.decimals >= 2 or whole
    keys = [t for t in terms if t.kind in {"subject", "benchmark"}]
    if not precise and not keys:
        return None
    for m, how in candidates(idx, qa, False):
        if m.kind != "text" or how != "exact":
            continue
        if not precise:
            sc = score(terms, m)
            if sc.conflict or any(t.text in sc.missing for t in keys):
                continue
        said = mentions_by_sentence(idx).get(m.quote, ())
        for n in said:
            if n.page == m.page and _says_from_to(m.quote, m.text, n.text, about_start=False):
                return n
    return None
