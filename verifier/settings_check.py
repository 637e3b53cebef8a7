"""Claims about a paper's set-up rather than its results: "healed for 5000 steps with a global
batch size of 32", "a LoRA rank of 4", "finetuned on 328M tokens", "8 exemplars".

Each number of such a claim is tied to its anchor word (the setting named before it, or the
counted noun after it). The paper supports the claim when a sentence that covers the claim's names
states the same number next to the same anchor, and contradicts it when such a sentence states a
different number there. Anything looser stays not_found: a bare "32" elsewhere proves nothing.
How a number and its anchor are read is ``verifier.setup_numbers``.
"""

from __future__ import annotations

import re
from typing import Sequence

from verifier.index import SourceIndex
from verifier.own_system import names_own
from verifier.normalize import BENCHMARKS, BOUND_WORDS, clean_text, context_terms, is_name_like, name_key, stem, values_match, words
from verifier.setup_numbers import (GREEK, MULTIPLIERS, SetupNumber, anchored, counted_anchor, counted_span, phrase_start,
                                    same_number, same_side, setting_claim_numbers, side_of, split_qualifier, spelt)
from verifier.terms import Term, score
from verifier.types import Claim, Evidence, Mention, Verdict

# What table headers call a setting or a data split ("LR", "Steps", "Valid").
_HEADER_ALIASES = {"learningrate": {"lr"}, "batchsize": {"bs", "batch"}, "step": {"steps", "iterations"},
                   "train": {"training"}, "val": {"validation", "valid", "dev"}, "test": {"testing"}}


def _names_anchor(header: str | None, anchor: str) -> bool:
    """Whether a row or column header names the setting ("LR" for learning rate, "Steps")."""
    if not header:
        return False
    seq = re.findall(r"[A-Za-z][\w-]*", header)
    if any(stem(name_key(w)) == anchor and nxt.lower() == "per" for w, nxt in zip(seq, seq[1:])):
        return False  # "Prompts per customer" is a rate, not a number of prompts
    words = {name_key(w) for w in seq}
    return anchor in name_key(header) or bool(({anchor} | _HEADER_ALIASES.get(anchor, set())) & words)


def _anchor_cells(idx: SourceIndex, anchor: str) -> list[Mention]:
    """Cells whose row or column header names ``anchor``, computed once per index and anchor."""
    return idx.cached(("anchor", anchor), lambda: [
        m for m in idx.mentions if m.kind == "cell" and (_names_anchor(m.column, anchor) or _names_anchor(m.row, anchor))])


def _cell_number(m: Mention) -> SetupNumber:
    """A cell as a set-up number: "328M" is 328 million, "3e-4" compares by relative size."""
    mag = re.search(r"\d([kKMBT])$", m.text)
    mult = MULTIPLIERS[mag.group(1)] if mag else 1.0
    return SetupNumber(m.value, m.text, -1 if re.search(r"[eE]", m.text) else m.decimals, mult, 0, 0)


def _said_beside(t: Term, m: Mention, idx: SourceIndex) -> bool:
    """A claim's name that a hyperparameter table leaves to its surroundings: another cell of the
    same row ("328M" tokens beside the 3e-5 learning rate), or, for a name without digits (the
    method, "QLoRA"), the text of the table's page or the page before (an appendix section that
    opens with "we heal with QLoRA" and sets its table overleaf)."""
    row = idx.cached(("row_texts", m.block, m.row_id), lambda: {
        x.text.lower() for x in idx.mentions if x.kind == "cell" and x.block == m.block and x.row_id == m.row_id})
    if t.text.lower() in row:
        return True
    if t.kind not in {"subject", "setting"} or re.search(r"\d", t.text):
        return False
    key = t.key.split(":", 1)[1] if t.kind == "setting" and t.key.startswith("yes:") else t.key
    if t.kind == "setting" and key == t.key:
        return False
    # A name some row of the table states ("Mistral") picks that row; it is never left to the page.
    block = idx.cached(("block_terms", m.block), lambda: frozenset().union(
        *[x.terms for x in idx.mentions if x.kind == "cell" and x.block == m.block]))
    if key in block:
        return False
    page = idx.cached(("page_terms", m.page), lambda: frozenset().union(
        *[terms for p, _, terms in idx.sentences if m.page - 1 <= p <= m.page]))
    return key in page


def _size_of_a_named_model(t: Term, keys: list[Term], sc) -> bool:  # noqa: ANN001 - Scored
    """"GPT-3 175B" against a hyperparameter table "for different GPT-3 adaptation methods": the
    size of a model whose name the table does say may go unsaid."""
    if not re.fullmatch(r"\d+(?:\.\d+)?[bm]", t.key):
        return False
    return any(k is not t and k.kind == "subject" and k.text not in sc.missing and 0 <= t.pos - (k.pos + len(k.text)) <= 1
               for k in keys)


def _from_cells(n: SetupNumber, anchor: str, approx: bool, terms: list[Term], keys: list[Term], idx: SourceIndex,
                own: Sequence[Term] = (), tolerant: bool = False):  # noqa: ANN202
    """(agree, disagree) from hyperparameter tables: a cell whose row or column names the anchor
    ("Learning Rate", "Steps", "LoRA rank") and whose row/column/caption cover the claim's names."""
    aligned = []
    for m in _anchor_cells(idx, anchor):
        sc = score(terms, m)
        # A hyperparameter table rarely repeats the training data ("328M tokens of C4"): a missing
        # benchmark is tolerated unless the cell names another one.
        needed = [t for t in keys if (t.kind != "benchmark" or m.terms & BENCHMARKS) and not _said_beside(t, m, idx)
                  and not (tolerant and _size_of_a_named_model(t, keys, sc))]
        if sc.conflict or any(t.text in sc.missing for t in needed):
            continue
        aligned.append(m)
    # A column headed by the setting is the table's statement of it; a row label that happens to
    # contain the word ("We train the T5 models ...") is not.
    aligned = [m for m in aligned if _names_anchor(m.column, anchor)] or aligned
    if own:
        # The paper's own method is unsaid in its prose ("we use"), but in a table of methods its
        # row or column is the one meant ("LoRA" among "Fine-Tune", "BitFit", ...).
        aligned = [m for m in aligned if any(t.key in m.strong_terms for t in own)] or (
            [] if tolerant else aligned)
    if not aligned:
        # Once more, letting the size of a model the table names go unsaid, for the cell of the
        # paper's own method only.
        return _from_cells(n, anchor, approx, terms, keys, idx, own, True) if own and not tolerant else (None, None)
    where = lambda m: f"{m.table or 'a table'}, {m.row} / {m.column}"  # noqa: E731
    for m in aligned:
        src = _cell_number(m)
        if same_number(n, approx, src):
            return (Evidence(paper=idx.label, page=m.page, quote=m.quote, table=m.table, row=m.row, column=m.column),
                    src), None
    values = {m.value for m in aligned}
    if len(values) == 1:
        m = aligned[0]
        src = _cell_number(m)
        ev = Evidence(paper=idx.label, page=m.page, quote=f"{where(m)}: {m.text}", table=m.table, row=m.row,
                      column=m.column)
        return None, (ev, src)
    return None, None


_BARE = re.compile(r"(?<![\w.\-])\d[\d,.]*[kKMB]?(?![\w.\-])")  # not "3e-4", "Llama-2-70B"


_DIGIT_NAME = re.compile(r"[A-Za-z][\w.]*-?\d[\w.-]*|(?<![\w.])\d+(?:\.\d+)?[BM]\b")


def _named_before(text: str, x: SetupNumber, keys: list[Term]) -> bool:
    """The name with digits nearest before the number ("Mistral-7B, with rank 4") is one the claim
    names: in "rank 4 for Mistral-7B ... rank 2 for Llama-2-7B" each rank has its own model."""
    wanted = {t.key for t in keys if t.kind == "subject" and re.search(r"\d", t.text)}
    names = [m for m in _DIGIT_NAME.finditer(text[: x.start]) if not re.fullmatch(r"[\d.,]+", m.group(0))]
    return bool(wanted and names) and name_key(names[-1].group(0)) in wanted


def _stated_together(wanted: list[tuple[SetupNumber, str, bool, str | None]], idx: SourceIndex) -> dict[int, set[int]]:
    """Sentences stating two or more of the claim's settings with the claim's values ("a constant
    learning rate of 0.001, batch size 128, and dropout rate 0.1"): together they identify the
    set-up even where the sentence does not name the model again. Sentence -> ids of the claim's
    numbers it so states: those in an unbroken run of the claim's values ("15 billion tokens in
    around 3.5 hours and 50 billion tokens in about 12 hours" states 15B with 3.5 hours, not with
    12 hours)."""
    if len(wanted) < 2:
        return {}
    runs: dict[int, tuple[list[list[int]], bool, bool]] = {}  # sentence -> runs of matched claim numbers
    for k, (_, sent, _) in enumerate(idx.sentences):
        low = sent.lower()
        if not any(n.text.lower() in low for n, _, _, _ in wanted):
            continue  # cheap pre-filter
        s = clean_text(sent)
        seq: dict[int, set[int]] = {}  # position of each anchored number -> the claim numbers it matches
        for i, (n, anchor, approx, side) in enumerate(wanted):
            for x in anchored(s, anchor):
                seq.setdefault(x.start, set())
                if same_number(n, approx, x) and same_side(s, x, side):
                    seq[x.start].add(i)
        found: list[list[int]] = [[]]
        for pos in sorted(seq):
            if seq[pos]:
                found[-1].append(min(seq[pos]))
            elif found[-1]:
                found.append([])
        if seq:
            # (its runs, whether the first number matched, whether the last did): a run that opens or
            # ends the sentence may go on into the neighbouring one.
            runs[k] = [r for r in found if r], bool(seq[min(seq)]), bool(seq[max(seq)])
    out: dict[int, set[int]] = {}

    def keep(k: int, run: list[int]) -> None:
        out.setdefault(k, set()).update(id(wanted[i][0]) for i in run)

    for k, (rs, _, ends) in runs.items():
        for r in rs:
            if len(set(r)) >= 2:
                keep(k, r)
        # A set-up paragraph goes on from one setting to the next: "... with β = 0.02 (see
        # Equation 2). We train all the RL models for 256k episodes."
        nxt = runs.get(k + 1)
        if ends and nxt and nxt[1] and idx.sentences[k][0] == idx.sentences[k + 1][0] and len(
                set(rs[-1]) | set(nxt[0][0])) >= 2:
            keep(k, rs[-1])
            keep(k + 1, nxt[0][0])
    return out


def _best_clause(s: str, nums: list[SetupNumber], mine: list[Term], idx: SourceIndex,
                 page: int, anchor: str = "") -> tuple[SetupNumber, float] | None:
    """(the number, its clause's share of the claim's words) of the one clause of ``s`` that says
    more of the claim's words than any other; None when no clause stands out."""
    # "a vocabulary of 16K tokens for the WSJ only setting and a vocabulary of 32K tokens for the
    # semi-supervised setting": clauses joined by a bare "and", each naming the setting again (not
    # "We halve the learning rate for 33B and 65B").
    again = len(re.findall(rf"\b{re.escape(anchor[:5])}", s, re.I)) >= len(nums) if anchor else False
    # ("in our dataset the median ... length is 1,628 characters ..., while the HumanEval benchmark
    # (Chen et al., 2021) has a median description length of 396": "while" parts clauses too.)
    return _stands_out(s, nums, mine, idx, page, _CLAUSE_CUT) or (
        _stands_out(s, nums, mine, idx, page, _CLAUSE_CUT + r"|\s+and\s+") if again else None)


# Where a set-up sentence parts clauses: a comma (not a thousands comma), a semicolon, "while".
_CLAUSE_CUT = r",(?!\d)\s*(?:and\s+)?|;\s*|\s+(?:while|whereas)\s+"


def _stands_out(s: str, nums: list[SetupNumber], mine: list[Term], idx: SourceIndex, page: int,
                cut: str) -> tuple[SetupNumber, float] | None:
    # (A cut inside brackets, "(Chen et al., 2021)", parts no clause.)
    cuts = [0] + [m.end() for m in re.finditer(cut, s) if s.count("(", 0, m.start()) <= s.count(")", 0, m.start())] + [len(s)]
    scored = []
    for a, b in zip(cuts, cuts[1:]):
        inside = [x for x in nums if a <= x.start < b]
        if len(inside) != 1:
            continue
        sc = score(mine, idx.sentence_context(page, s[a:b], context_terms(s[a:b])))
        scored.append((sc.frac + sc.weak, inside[0]))
    scored.sort(key=lambda t: -t[0])
    if not scored or (len(scored) > 1 and scored[1][0] >= scored[0][0] - 1e-9) or scored[0][0] <= 0:
        return None
    return scored[0][1], scored[0][0]


_Found = tuple[Evidence, SetupNumber] | None  # evidence and the source's number


_SAMPLED = re.compile(r"\b(?:sampl\w*|subset|random\w*|select\w*)\b|\d\s+of\s+the\b", re.I)  # "46 of the problems"


def _from_sentences(n: SetupNumber, anchor: str, approx: bool, side: str | None, keys: list[Term], mine: list[Term],
                    together: dict[int, set[int]], idx: SourceIndex) -> tuple[_Found, _Found]:
    """(agree, disagree) from the set-up sentences that state the anchor's number: each as (evidence,
    the source's number), weighed by how much of the claim each sentence (or clause) says."""
    agree = disagree = None
    agree_full = disagree_sided = disagree_sized = False
    agree_weak = disagree_weak = 0.0
    clause_no = clause_yes = bench_no = None
    agree_tog = agree_other = False
    names = {anchor} | _HEADER_ALIASES.get(anchor, set()) | {g for g, name in GREEK.items() if name == anchor}
    named_keys = [t for t in keys if not t.key.startswith("set:")]
    for k, (page, sent, sterms) in enumerate(idx.sentences):
        low = sent.lower().replace(" ", "")
        if not any(a in low for a in names):
            continue  # cheap pre-filter: the anchor word must be in the sentence
        s = clean_text(sent)
        if len(_BARE.findall(s)) > 8:
            continue  # a flattened table: its numbers are read from the cells
        nums = [x for x in anchored(s, anchor) if same_side(s, x, side)]
        if not nums:
            continue
        ctx = idx.sentence_context(page, sent, sterms)
        sc = score(mine, ctx)
        # ("N = 10" picks a table row; a sentence says it in words, "N to 10", so it is no name here.)
        full = not named_keys or (sc.frac >= 0.999 and not sc.conflict)
        if not full and not sc.conflict and k and not set(sc.covered) & {
                t.text for t in keys if not t.key.startswith(("yes:", "no:"))}:
            # "We trained on the WMT 2014 English-German dataset ... Sentences were encoded using
            # byte-pair encoding, which has a ... vocabulary of about 37000 tokens": a sentence that
            # names none of the claim's names is about what the sentence before it named (unless
            # that one gave the setting numbers of its own: "the RM dataset has 33k ... prompts").
            # A sample drawn from it is not: "We first randomly sample 100 problems" after a
            # sentence naming GSM8K is not GSM8K's size.
            prev_page, prev, prev_terms = idx.sentences[k - 1]
            if prev_page == page and not anchored(clean_text(prev), anchor) and not _SAMPLED.search(s):
                ctx = idx.sentence_context(page, sent, sterms | prev_terms)
                sc = score(mine, ctx)
                full = sc.frac >= 0.999 and not sc.conflict
        elif not full and not sc.conflict and k and set(sc.covered) & {t.text for t in keys if t.kind in {"subject", "benchmark"}}:
            # "6.3 English Constituency Parsing ... We trained a 4-layer transformer ... on the Wall
            # Street Journal (WSJ) portion of the Penn Treebank ... We used a vocabulary of 16K
            # tokens for the WSJ only setting": a set-up paragraph names its task once; the claim's
            # other names said in the sentences before it, with no value of the setting between,
            # are this sentence's too.
            back = _thread_terms(idx, k, anchor) if not any(
                # (Not a model's size, "Llama-2 70B", nor past a sentence naming another sized model.)
                re.search(r"\d", t.text) for t in keys if t.text not in sc.covered) and not _names_sized(s, keys) else None
            if back:
                wider = score(mine, idx.sentence_context(page, sent, sterms | back))
                if wider.frac >= 0.999 and not wider.conflict:
                    ctx, sc, full = idx.sentence_context(page, sent, sterms | back), wider, True
        # A set-up sentence about other datasets says nothing of the claim's: "CNN/Daily Mail and
        # WMT use input length of 512" is not MultiNews's.
        benches = [t for t in keys if t.kind == "benchmark"]
        if benches and not all(t.key in ctx.terms for t in benches) and ctx.terms & BENCHMARKS:
            continue
        # Set-up sentences rarely repeat every name ("For 175B, we use a LR of 5.03e-6" under an
        # "SFT training" heading): the same number next to the same setting agrees when the names
        # that carry digits ("175B", "Mistral-7B") are there. Refuting still needs every name.
        named = not sc.conflict and sc.frac >= 0.3 and all(t.text not in sc.missing for t in keys
                                                           if t.kind == "subject" and re.search(r"\d", t.text))
        tog = id(n) in together.get(k, ())
        ev = Evidence(paper=idx.label, page=page, quote=" ".join(sent.split()))
        # ("roughly 2 hours" is not the 1.5 of "1.5 hours for the 2-class task and 2 hours for the 3-class setting".)
        approx_here = approx and not any(same_number(n, False, x) for x in nums)
        hit = next((x for x in nums if same_number(n, approx_here, x)), None)
        # Several values for the setting in one sentence ("3e-5 for Llama-2-70B, and 3e-6 for
        # Mistral-7B"): the claimed one must sit by the claim's model, however full the match.
        several = len({x.value * x.mult for x in nums}) > 1
        if (hit is None and bench_no is None and benches and all(t.key in ctx.terms for t in benches)
                and not sc.conflict and not several and (side is None or side_of(s, nums[0]) == side)):
            bench_no = (ev, nums[0])  # "Finally, TriviaQA uses ... output length 32" (see below)
        if not (full or named or tog):
            continue
        if several and full and clause_no is None:
            # "the RM dataset has 33k training prompts ..., and the PPO dataset has 31k training
            # prompts": the clause that says the claim's own words decides.
            own = _best_clause(s, nums, mine, idx, page, anchor)
            if own is not None and not same_number(n, approx_here, own[0]):
                clause_no = ((ev, own[0]), own[1])
            elif own is not None and clause_yes is None:
                clause_yes = ((ev, own[0]), own[1])
        # ("For the big models, we averaged the last 20 checkpoints" does not agree with a claim about
        # the base models: a sentence naming another of the claim's settings is about another run.)
        if hit is not None and not sc.conflict and (agree is None or (not agree_full and full and not several)) and (
                (full and not several) or tog or _named_before(s, hit, keys)):
            agree, agree_full = (ev, hit), full and not several
            agree_weak = sc.frac + sc.weak
            agree_tog = tog and not (full or named)
            agree_other = _names_another(s, mine, idx)
        elif full and hit is None and not several and (disagree is None or sc.frac + sc.weak > disagree_weak):
            # The refuting sentence is the one that says most of the claim ("a single epoch over the
            # reward model training set"), not the first with the setting (the SFT learning rate).
            disagree = (ev, nums[0])
            disagree_sided = side is not None and side_of(s, nums[0]) == side
            disagree_sized = any(re.search(r"\d", t.text) and t.text in sc.covered for t in keys if t.kind == "subject")
            disagree_weak = sc.frac + sc.weak
    if agree is not None and disagree_sided and not agree_full:
        # A sentence naming everything the claim names outweighs one that only states the
        # claim's numbers together ("Other summarization datasets use ... output length 512").
        agree = None
    if agree is not None and agree_full and agree_other and disagree is not None and disagree_weak >= agree_weak + 0.3:
        # Both name the claim's subject; the one that says far more of its words decides ("The
        # recipe keeps the top-20% parameters ... and sets lambda = 1" against "compare with Task
        # Arithmetic ... the recommended value of lambda = 0.4").
        agree = None
    if agree is not None and agree_tog and disagree is not None and disagree_sized:
        # Values stated together for another run ("For the 1.1B model ... 32 × H100 ... 15 billion
        # tokens in around 3.5 hours") against a sentence naming all the claim does with another
        # value ("In the case of the 7B model, training the same 15 billion tokens took ... 18 hours").
        agree = None
    if agree is not None and agree_tog and disagree is None and bench_no is not None:
        # Values stated together in a sentence about other datasets ("Other summarization datasets
        # use input length 2048 and output length 512") against one that names the claim's own
        # benchmark with another value ("TriviaQA uses ... output length 32"): the benchmark decides.
        agree, disagree = None, bench_no
    if agree is not None and clause_no is not None and clause_no[1] >= agree_weak + 0.3:
        agree, disagree = None, clause_no[0]
    elif agree is None and clause_yes is not None and (disagree is None or clause_yes[1] >= disagree_weak + 0.3):
        agree, disagree = clause_yes[0], None
    elif agree is None and disagree is None and clause_no is not None:
        disagree = clause_no[0]
    return agree, disagree


_THREAD = 6  # sentences back a set-up paragraph's names are read from


def _thread_terms(idx: SourceIndex, k: int, anchor: str) -> frozenset[str]:
    """The terms of the sentences before sentence ``k`` on its page or the page before, back to
    the nearest one that itself states a value of ``anchor``."""
    page = idx.sentences[k][0]
    out: set[str] = set()
    for p, sent, terms in reversed(idx.sentences[max(0, k - _THREAD): k]):
        if p not in {page, page - 1} or anchored(clean_text(sent), anchor):
            break
        out |= terms
    return frozenset(out)


def _names_sized(s: str, keys: list[Term]) -> bool:
    """Whether a sentence names a model with digits ("Llama-2-7B") that is none of the claim's names."""
    wanted = {t.key for t in keys}
    return any(not re.fullmatch(r"[\d.,]+", m.group(0)) and name_key(m.group(0)) not in wanted for m in _DIGIT_NAME.finditer(s))


def _names_another(sent: str, mine: list[Term], idx: SourceIndex) -> bool:
    """Whether a sentence names a method or model the claim does not (the paper's own aside)."""
    said = {t.key for t in mine} | {stem(t.key) for t in mine}
    return any(is_name_like(w) and len(w) >= 3 and name_key(w) not in said and stem(name_key(w)) not in said
               and not names_own(name_key(w), idx.own | idx.proposed)
               for w, _, _ in words(sent)[1:])


def check_settings(claim: Claim, terms: list[Term], idx: SourceIndex) -> tuple[Verdict, Evidence | None, str]:
    """(verdict, evidence, reason) for a set-up claim against one paper."""
    outcomes = []
    for _, verdict, ev, reason in _outcomes(claim, terms, idx):
        if verdict == Verdict.NOT_FOUND:
            return verdict, ev, reason
        outcomes.append((verdict, ev, reason))
    if not outcomes:
        return Verdict.NOT_FOUND, None, ""
    bad = [o for o in outcomes if o[0] == Verdict.CONTRADICTED]
    return bad[0] if bad else outcomes[0]


def named_setting_refuted(claim: Claim, terms: list[Term], idx: SourceIndex) -> tuple[Evidence, str] | None:
    """(evidence, reason) when the paper gives another value for a setting the claim names ("sets
    lambda to 0.4" where the recipe sets lambda = 1), whatever its result numbers: counted nouns
    ("50,000 samples", "7B tokens") are left out, as their sentences are often about other runs."""
    for anchor, verdict, ev, reason in _outcomes(claim, terms, idx):
        if verdict == Verdict.CONTRADICTED and not counted_anchor(anchor):
            return ev, reason
    return None


_BOUND_OR_MEAN = re.compile(rf"\b(?:{BOUND_WORDS}|average of|on average|mean of|averaging)\s*$", re.I)


def count_beside_result(claim: Claim, idx: SourceIndex, own_clause: bool = False) -> tuple[Evidence, str] | None:
    """(evidence, reason) when a sentence that states the claim's result gives one of its counted
    set-up numbers another value: "trained for 500,000 steps, which took about 3.5 days" against
    "The big models were trained for 300,000 steps (3.5 days)". Counted nouns elsewhere are often
    about other runs; beside the claim's own result they are about this one. ``own_clause``: only the
    counts the claim says in the clause of one of its results."""
    from verifier.extract import find_quantities

    results = [q for q in claim.quantities if q.role in {"value", "diff"}]
    text = clean_text(claim.text)
    # (Only a number its noun follows: "500,000 steps", not the "7B" of "the 7B 4-token prediction model".)
    wanted = [(n, a, approx) for n, a, approx in setting_claim_numbers(claim) if counted_anchor(a)
              and not any(q.start <= n.start < q.end for q in results)
              and re.match(r"\s*(?:[a-z][\w-]*\s+)?" + re.escape(a[:4]), text[n.end:], re.I)
              and not _BOUND_OR_MEAN.search(text[max(0, n.start - 20): n.start])]
    if own_clause:  # only the counts said in the clause of a result ("..., while the 7B model needs 18 hours")
        wanted = [w for w in wanted if any(not re.search(r"[,;]|\bwhile\b", text[min(q.end, w[0].end):max(q.start, w[0].start)])
                                           for q in results)]
    if not results or not wanted:
        return None
    probes = [q.text.rstrip("%").strip() for q in results]
    for page, sent, _ in idx.sentences:
        if not all(p in sent for p in probes):
            continue  # cheap pre-filter: every result number is printed there
        s = clean_text(sent)
        said = find_quantities(s)
        if not all(any(values_match(q.value, q.decimals, q.unit, x.value, x.decimals, x.unit) for x in said)
                   for q in results):
            continue
        for n, anchor, approx in wanted:
            # (The result itself may be a count: "incorrect final answers for 46 of the problems".)
            # (Nor an average, "an average of 2.4 submissions", against the claim's "up to 10".)
            nums = [x for x in anchored(s, anchor) if not any(
                values_match(q.value, q.decimals, q.unit, x.value * x.mult, max(x.decimals, 0), "") for q in results)
                and not _BOUND_OR_MEAN.search(s[max(0, x.start - 20): x.start])]
            # "37.4% with 4 independent exemplars ..., and 38.4% with 8 independent exemplars": a
            # count nearer another result of the sentence is that result's.
            rivals = [x for x in said if x.unit == results[0].unit and x.role in {"value", "diff"}]
            nums = [x for x in nums if not rivals or any(values_match(
                q.value, q.decimals, q.unit, near.value, near.decimals, near.unit) for q in results
                for near in [min(rivals, key=lambda r: abs(r.start - x.start))])]
            if nums and not any(same_number(n, approx, x) for x in nums):
                ev = Evidence(paper=idx.label, page=page, quote=" ".join(sent.split()))
                return ev, (f"page {page} gives {results[0].text} with {nums[0].text} {spelt(anchor)}, "
                            f"not {n.text}")
    return None


def _outcomes(claim: Claim, terms: list[Term], idx: SourceIndex) -> list[tuple[str, Verdict, Evidence | None, str]]:
    """(anchor, verdict, evidence, reason) for each set-up number of the claim, in order (once per
    claim and paper: a result claim's set-up numbers may be asked for twice)."""
    return idx.cached(("setting-outcomes", claim.text, tuple(t.key for t in terms)), lambda: _read_outcomes(claim, terms, idx))


def _read_outcomes(claim: Claim, terms: list[Term], idx: SourceIndex) -> list[tuple[str, Verdict, Evidence | None, str]]:
    wanted = setting_claim_numbers(claim)
    if not wanted:
        return []
    own_numbers = {re.sub(r"[\s,]", "", n.text).lower() for n, _, _ in wanted}
    # "0.33B" is no name; and the paper's own method ("In the GQA setup") is what every set-up
    # sentence of that paper describes, named or not.
    text = clean_text(claim.text)
    own_named = [t for t in terms if t.kind == "subject" and names_own(name_key(t.text), idx.own)]
    # ("output length of 64" is the length setting checked here, not a "len:64" name to match.)
    # ("a 32K-token vocabulary", "the 4-layer Transformer": the number glued to its noun is the
    # setting checked here, not a name a sentence must repeat.)
    glued = {n.start for n, _, _ in wanted}
    terms = [t for t in terms if re.sub(r"[\s,]", "", t.text).lower() not in own_numbers
             and not (t.pos in glued and re.match(r"[\d.,]+[kKMB]?-[A-Za-z]", t.text))
             and not (t.key.startswith("len:") and t.key[4:] in own_numbers)
             and not names_own(name_key(t.text), idx.own | idx.proposed)]
    all_keys = [t for t in terms if t.kind != "weak"]
    sided = [(n, anchor, approx, side_of(text, n)) for n, anchor, approx in wanted]
    together = _stated_together(sided, idx)
    outcomes: list[tuple[str, Verdict, Evidence | None, str]] = []
    for n, anchor, approx, side in sided:
        # "a peak learning rate of 3e-5 and a LoRA rank of 8": "LoRA" names the rank, not the rate.
        others = [(phrase_start(text, o), o.start) for o, _, _ in wanted if o is not n]
        # "0.4 seconds on 8 P100 GPUs": the hardware is what the 8 counts, not a name of the 0.4.
        counted = [span for o, a, _ in wanted if o is not n and (span := counted_span(text, o, a))]
        keys = [t for t in all_keys if not any(a - len(t.text) - 2 <= t.pos < b for a, b in others)
                and not any(a <= t.pos < b for a, b in counted)]
        mine = [t for t in terms if t.kind == "weak" or t in keys]
        agree, disagree = _from_sentences(n, anchor, approx, side, keys, mine, together, idx)
        if agree is None and disagree is None and anchor == "token" and side in {"input", "output"}:
            # "inputs are capped at 2048 tokens": the paper's "input length 2048".
            agree, disagree = _from_sentences(n, "length", approx, side, keys, mine, together, idx)
        if agree is None and disagree is None:
            agree, disagree = _from_cells(n, anchor, approx, mine, keys, idx, own_named)
        if agree is None and disagree is None:
            # "16,946 training examples" in a table with a "Train" column.
            splits = [st[6:] for st in claim.settings if st.startswith("split:")]  # "the e-SNLI test set ... 9,842"
            qual = split_qualifier(text, n) or (splits[0] if len(splits) == 1 else None)
            if qual:
                agree, disagree = _from_cells(n, qual, approx, mine, keys, idx)
        if agree:
            outcomes.append((anchor, Verdict.SUPPORTED, agree[0],
                             f"page {agree[0].page} gives {agree[1].text} for the {spelt(anchor)}"))
        elif disagree:
            outcomes.append((anchor, Verdict.CONTRADICTED, disagree[0],
                             f"page {disagree[0].page} gives {disagree[1].text} for the {spelt(anchor)}, not {n.text}"))
        else:
            outcomes.append((anchor, Verdict.NOT_FOUND, None,
                             f"no sentence or table naming the claim's subject states its {spelt(anchor)} ({n.text})"))
    return _paired_apart(sided, outcomes)


def _paired_apart(sided: list[tuple[SetupNumber, str, bool, str | None]],
                  outcomes: list[tuple[str, Verdict, Evidence | None, str]]) -> list[tuple[str, Verdict, Evidence | None, str]]:
    """"15 billion tokens took about 12 hours" against "15 billion tokens in around 3.5 hours and 50
    billion tokens in about 12 hours": one sentence states both numbers, but each in a clause of its
    own, paired with another number of the other's anchor. The later number of the claim is refuted
    by the one the sentence pairs with the earlier."""
    out = list(outcomes)
    for i in range(len(sided)):
        for j in range(i + 1, len(sided)):
            (ni, ai, api, si), (nj, aj, apj, sj) = sided[i], sided[j]
            ev_i, ev_j = outcomes[i][2], outcomes[j][2]
            if (ai == aj or outcomes[i][1] != Verdict.SUPPORTED or outcomes[j][1] != Verdict.SUPPORTED
                    or ev_i is None or ev_j is None or ev_i.table or ev_i.quote != ev_j.quote):
                continue
            text = clean_text(ev_i.quote)
            xi = [x for x in anchored(text, ai) if same_number(ni, api, x) and same_side(text, x, si)]
            xj = [x for x in anchored(text, aj) if same_number(nj, apj, x) and same_side(text, x, sj)]
            if len(xi) != 1 or len(xj) != 1:
                continue
            lo, hi = sorted((xi[0].start, xj[0].start))
            between_i = [x for x in anchored(text, ai) if lo < x.start < hi]
            between_j = [x for x in anchored(text, aj) if lo < x.start < hi]
            if not between_i or not between_j:
                continue
            mate = min(between_j, key=lambda x: abs(x.start - xi[0].start))
            out[j] = (aj, Verdict.CONTRADICTED, ev_j,
                      f"page {ev_j.page} gives {mate.text} {spelt(aj)} with the {ni.text} {spelt(ai)}, not {nj.text}")
    return out

