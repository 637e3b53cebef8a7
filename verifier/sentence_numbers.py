"""Which result numbers a paper's sentence states, and whose each one is.

``text_mentions`` turns one sentence into ``Mention`` records. In a sentence with several numbers
each number owns the words that name it (a list item, its clause, its "for ..." phrase, its side of
"(60.9 vs. 56.3)") and excludes the others'; the index (``verifier.index``) adds what a sentence
takes from the ones before it.
"""

from __future__ import annotations

import re
from typing import Sequence

from verifier.extract import find_quantities, frame_spans
from verifier.normalize import BENCHMARKS, STOPWORDS, clean_text, context_terms, is_name_like, name_key, words
from verifier.types import Mention, Quantity

_RESPECTIVELY = re.compile(r"\brespectively\b", re.I)


def _is_tableish(sentence: str) -> bool:
    # A bracketed calculation ("74.6% ... (88/(140 −22))") shows the arithmetic; it is not a row.
    sentence = re.sub(r"\((?=\s*\d[\d.,]*\s*[/*×+\-−]\s*\(?\s*\d)[\d\s.,/*×+\-−()]+\)", " ", sentence)
    nums = re.findall(r"(?<![\w.])\d+(?:\.\d+)?(?![\w.]|-[A-Za-z])", sentence)  # not "T5", "540B", "4-bit"
    toks = sentence.split()
    return len(nums) > 8 or (len(toks) > 0 and len(nums) / len(toks) > 0.25 and len(nums) > 3)


def _list_items(text: str, n: int, near: int, names_first: bool = False) -> list[tuple[str, int]]:
    """A list of ``n`` items "A, B, and C" / "A and B" closest to offset ``near``; each item is
    named by its last word. [] when there is none. ``names_first``: a list of names ("On ALFWorld and
    WebShop, ... imitation or reinforcement learning methods ... 34% and 10% ... respectively")
    wins over a nearer list of common words."""
    word = r"(?:[A-Za-z][\w+\-/]*|\d+(?:\.\d+)?[BMK]\b|\d+-[A-Za-z][\w\-]*)"  # "the 2-class and 3-class settings"
    if n < 2:
        return []
    body = r"\s*,\s*".join([f"({word})"] * (n - 1)) + rf",?\s+(?:and|or)\s+(?:the\s+)?({word})"
    best: list[tuple[str, int]] = []
    best_d = None
    for m in re.finditer(body, text):
        items = [(m.group(k), m.start(k)) for k in range(1, n + 1)]
        if any(name_key(it) in {"and", "or", "the", "by", "of", "on", "in", "to", "over", "time", "times", "than"}
               or name_key(it) in STOPWORDS for it, _ in items):
            continue
        d = abs(m.start() - near)
        if names_first and not all(is_name_like(it) for it, _ in items):
            d += len(text)
        if best_d is None or d < best_d:
            best, best_d = items, d
    # "Rho-1-1B and 7B": a bare size is the first item's model at that size.
    head = re.match(r"(.*[\-\s])\d+(?:\.\d+)?[BMK]$", best[0][0]) if best else None
    if head:
        best = [(head.group(1) + it if re.fullmatch(r"\d+(?:\.\d+)?[BMK]", it) else it, pos) for it, pos in best]
    return best


def is_benchmark_key(key: str) -> bool:
    return key in BENCHMARKS


# "A reaches 72.6%, while for B this number is 77.3%": each clause speaks of its own number.
_CLAUSE_BREAK = re.compile(r";|,\s*(?=(?:while|whereas|but|compared to|versus|and)\b)|\b(?=(?:while|whereas)\b)"
                           r"|\band\s+(?=(?:over|against|than)\b)"  # "over FLAN 78% ... and over T0 79%"
                           # "69.6% on held-out labelers, a small decrease from their 72.4% on training labelers"
                           r"|,\s*(?=an?\s+(?:\w+\s+)?(?:decrease|drop|increase|improvement|gain|reduction)\s+(?:from|over)\b)")


def _clause_owners(sent: str, qs: list) -> dict[int, tuple[str, frozenset[str]]]:
    """Each number owns the terms of its clause when the numbers sit in different clauses (numbers
    of one clause share it: "with LoRA weights of 0.2% of the model, the input gradients take 567 MB
    while the LoRA parameters take up only 26 MB")."""
    cuts = [0] + [m.end() for m in _CLAUSE_BREAK.finditer(sent)] + [len(sent)]
    spans = [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]
    where = [next((k for k, (a, b) in enumerate(spans) if a <= q.start < b), -1) for q in qs]
    if len(set(where)) < 2 or -1 in where:
        return {}
    # An opening phrase ("For a 7B LLaMA model trained on FLAN v2 with a batch size of 1, ...")
    # frames every clause after it.
    lead = _LEAD.match(sent)
    shared = frozenset(context_terms(lead.group(0))) if lead and lead.end() <= qs[0].start else frozenset()
    return {i: (sent[spans[k][0]:spans[k][1]], frozenset(context_terms(sent[spans[k][0]:spans[k][1]])) | shared)
            for i, k in enumerate(where)}


_LEAD = re.compile(r"(?:For|With|On|In|Using|Across|At)\s[^,;]*,")


# (A metric may stand between the number and its phrase: "78.22 macro-F1 for the 2-class setting".)
_FOR_PHRASE = re.compile(r"(?:\s*(?:macro-|micro-)?(?:F1|accuracy|BLEU|EM|points?|pp)\b)?\s*(?:for|on|(?:less|fewer|more|lower|higher|smaller|larger|better|worse)\s+than)\s+((?:the\s+)?(?:models?\s+(?:in|from|of)\s+the\s+)?[^,;]+?)(?=,|;|\.(?!\d)|\s+and\s|\s+to\s+[-+]?\d|$)")  # "from 99.6% for Annotator A to 71.4% for ..."


_METRIC_AFTER = re.compile(r"\s*(pass@\d+k?|\d+@\d+k?|BLEU|ROUGE-\w+|F1|EM|exact match|accuracy)\b", re.I)


def _metric_owners(sent: str, qs: list) -> dict[int, tuple[str, frozenset[str]]]:
    """"achieves 2.6% pass@1 (at T = 0.4) and 7.6% pass@100 (at T = 0.8)": each number owns the
    metric printed right after it, when every number has its own."""
    owned: dict[int, tuple[str, frozenset[str]]] = {}
    for i, q in enumerate(qs):
        m = _METRIC_AFTER.match(sent, q.end)
        if not m:
            return {}
        owned[i] = (m.group(1), frozenset(context_terms(m.group(1))))
    return owned if len({v[0].lower() for v in owned.values()}) == len(qs) else {}


_WITH_NAME = re.compile(r"\bwith\s+((?:[A-Z][\w.+\-]*)(?:\s+[A-Z][\w.+\-]*)*)")


def _with_owners(sent: str, qs: list) -> dict[int, tuple[str, frozenset[str]]]:
    """"Models trained with Evol-Instruct see a 10% improvement, with ShareGPT an 8% improvement,
    and with OpenPlatypus an 8% improvement": each number owns the name its "with" gives just
    before it, when every number has its own."""
    owned: dict[int, tuple[str, frozenset[str]]] = {}
    prev = 0
    for i, q in enumerate(qs):
        names = list(_WITH_NAME.finditer(sent, prev, q.start))
        if not names:
            return {}
        name = names[-1].group(1)
        owned[i] = (name, frozenset(context_terms(name)))
        prev = q.end
    return owned if len({v[0] for v in owned.values()}) == len(qs) else {}


_BY = re.compile(r"\bby\s+(?:about\s+|roughly\s+|approximately\s+|over\s+|up to\s+)?$", re.I)
_CHANGE_VERB = re.compile(r"\b(?:reduc|lower|cut|decreas|increas|improv|boost|rais|shrink|speed)\w*\b", re.I)


def _by_owners(sent: str, qs: list) -> dict[int, tuple[str, frozenset[str]]]:
    """"LoRA can reduce the number of trainable parameters by 10,000 times and the GPU memory
    requirement by 3 times": each number owns what its "by" changes, said just before it."""
    if not all(_BY.search(sent[:q.start]) for q in qs):
        return {}
    owned: dict[int, tuple[str, frozenset[str]]] = {}
    for i, q in enumerate(qs):
        by = _BY.search(sent[:q.start])
        if i == 0:
            verbs = list(_CHANGE_VERB.finditer(sent, 0, by.start()))
            if not verbs:
                return {}
            lo = verbs[-1].end()
        else:
            lo = qs[i - 1].end
        phrase = re.sub(r"^\W*(?:times\b|x\b)?\W*(?:and|while|whereas)?\s*", "", sent[lo:by.start()]).strip(" ,;")
        if not phrase:
            return {}
        owned[i] = (phrase, frozenset(context_terms(phrase)))
    return owned


def _for_owners(sent: str, qs: list) -> dict[int, tuple[str, frozenset[str]]]:
    """"45%-55% for the Llama-2 family, 35% for Mistral 7B, 25% for Phi-2": each number owns the
    phrase after its "for" (or "on"), when every number has one."""
    owned: dict[int, tuple[str, frozenset[str]]] = {}
    for i in range(len(qs) - 1, -1, -1):
        q = qs[i]
        if i + 1 < len(qs) and i + 1 in owned and sent[q.end: qs[i + 1].start].strip(" %") in {"", "-", "\u2013", "to"}:
            owned[i] = owned[i + 1]  # "45%-55% for ...": both ends of a range own its phrase
            continue
        m = _FOR_PHRASE.match(sent, q.end)
        if not m:
            if i == 0 and len(owned) >= 2:
                # "Zero-Shot-CoT generated incorrect answers for 46 of the problems, 43 for PS, and
                # 39 for PS+": the first number belongs to the sentence's subject, before it.
                head = " ".join(w for w, _, _ in words(sent[:q.start]) if is_name_like(w))
                if not head:
                    return {}
                owned[i] = (head, frozenset(context_terms(head)))
                continue
            return {}
        owned[i] = (m.group(1), frozenset(context_terms(m.group(1))))
    return owned


_PAIR = re.compile(r"\(\s*\d[\d.,]*\s*%?\s*(?:vs\.?|versus)\s*\d[\d.,]*\s*%?[^()]*\)")
_COMPARED = re.compile(r"\b(?:outperform\w*|lags?\s+behind|lagging\s+behind|beat\w*|surpass\w*|than|"
                       r"compared\s+(?:to|with)|against)\b")


def _pair_owners(sent: str, qs: list) -> dict[int, tuple[str, frozenset[str]]]:
    """"ReAct outperforms CoT on Fever (60.9 vs. 56.3) and lags behind CoT on HotpotQA (27.4 vs.
    29.4)": in each bracketed pair the first number is the comparing side's, the second the
    compared side's, and both are about the benchmarks named in their own stretch of the sentence."""
    pairs = list(_PAIR.finditer(sent))
    if not pairs or not all(any(p.start() < q.start < p.end() for p in pairs) for q in qs):
        return {}
    spans = [(a, b) for a, b, k in frame_spans(sent) if is_benchmark_key(k)]
    owned: dict[int, tuple[str, frozenset[str]]] = {}
    prev_end, left, right = 0, "", ""
    for p in pairs:
        seg = sent[prev_end:p.start()]
        cmp = list(_COMPARED.finditer(seg))
        if cmp:
            this_left, right = seg[:cmp[-1].start()], seg[cmp[-1].end():]
            last = this_left.rsplit(",", 1)[-1]  # "ReAct vs. CoT On the other hand, ReAct outperforms"
            if any(is_name_like(w) for w, _, _ in words(last)):
                this_left = last
            if any(is_name_like(w) for w, _, _ in words(this_left)) or not left:
                left = this_left
        bench = " ".join(sent[a:b] for a, b in spans if prev_end <= a < p.start())
        inside = [i for i, q in enumerate(qs) if p.start() < q.start < p.end()]
        if len(inside) != 2 or not (left or right):
            return {}
        for i, side in zip(inside, (left, right)):
            text = f"{side} {bench}".strip()
            owned[i] = (text, frozenset(context_terms(text)))
        prev_end = p.end()
    return owned


# "a Kendall Tau of τ = 0.43": a statistic's symbol is no setting.
_STATISTIC = re.compile(r"(?:\b(?:tau|kappa|correlation|coefficient|rho)\s+(?:of\s+)?(?:[^\W\d_]\s*=\s*)|"
                        r"\b[A-Z][a-z]+(?:'s)?\s+[\u03ba\u03c4\u03c1\u03b1]\s*=\s*)$", re.I)  # "Fleiss \u03ba = 0.25"


# "2.5% higher average accuracy than ...", "50% fewer samples": a percentage that is a change.
COMPARATIVE_AFTER = re.compile(r"\s*(?:absolute\s+|relative\s+)?(?:higher|lower|better|worse|more|less|fewer|faster|"
                               r"slower|smaller|larger)\b", re.I)


_CHANGE_BY = re.compile(r"\b(?:improv\w*|gain\w*|increas\w*|boost\w*|rais\w*|lift\w*|outperform\w*|drop\w*|"
                        r"reduc\w*|decreas\w*|lower\w*|beat\w*|surpass\w*)\b[^.;]{0,60}\bby\s*"
                        # "by an absolute success rate of 34%", "by an absolute 34%"
                        r"(?:an?\s+)?(?:(?:absolute|relative)\s+(?:[^.;,]{0,30}?\bof\s+)?)?"
                        r"(?:at\s+least|at\s+most|about|around|over|up\s+to|nearly|almost|roughly|approximately|more\s+than)?\s*$", re.I)


_CHANGE_OF = re.compile(r"\b(?:reductions?|improvements?|increases?|decreases?|gains?|drops?|savings?)\s+of\s+"
                        r"(?:(?:more|less)\s+than|over|up\s+to|about|around|nearly|almost|roughly)?\s*$", re.I)


def worded_as_change(text: str, q: Quantity) -> bool:
    """"improves the accuracy ... by at least 5%", "reductions of more than 85%": a percentage given as
    a change (a claim's, or a paper's sentence: a level is neither supported nor refuted by it)."""
    return q.unit == "%" and bool(_CHANGE_BY.search(text[max(0, q.start - 90): q.start])
                                  or _CHANGE_OF.search(text[max(0, q.start - 40): q.start])
                                  or _GAINS.search(text[max(0, q.start - 30): q.start])
                                  or COMPARATIVE_AFTER.match(text[q.end:]))


# "models trained on ShareGPT gain 10% from noisy embeddings": the verb itself says a change.
_GAINS = re.compile(r"\b(?:gain(?:s|ed)?|lose|loses|lost)\s+(?:about|around|roughly|nearly|almost|over|up\s+to)?\s*$", re.I)


def _in_brackets(sent: str, q) -> str | None:  # noqa: ANN001 - Quantity
    """The phrase a number in brackets with its unit word names ("one step missing (18 errors)"), if so."""
    open_ = sent.rfind("(", 0, q.start)
    close = sent.find(")", q.end)
    if open_ < 0 or close < 0 or ")" in sent[open_:q.start] or sent[open_ + 1:q.start].strip():
        return None
    # "our Zero-shot PS+ prompting (75.2%) outperforms Manual-CoT (70.6%)": a bare decimal share
    # in brackets after a name is that name's.
    named = "." in q.text and not sent[q.end:close].strip(" %")
    if not named and not re.fullmatch(r"\s*[a-z]+\s*", sent[q.end:close]):
        return None
    head = re.split(r"[,;:)]|\b(?:and|or|into|as|in)\b", sent[:open_])[-1].strip()
    if named and not any(is_name_like(w) for w in head.split()[1:] + head.split()[:1] if name_key(w) not in STOPWORDS):
        return None
    if not named and len(head.split()) > 5 and sent[q.end:close].strip() in {"solved", "correct", "accuracy"}:
        # "selecting the sample with the highest mean log-probability (44.5% solved)": the words
        # right before the bracket name what the share is of.
        head = " ".join(head.split()[-5:])
    return head if head and len(head.split()) <= 5 else None


def _loose_names(sent: str, loose: list) -> frozenset[str]:
    """The names that bracketed whole percentages follow ("outperforming the best Act (45%) and
    BUTLER (37%)") and that the sentence says nowhere else: they own those numbers, not the
    sentence's other numbers ("the best ReAct trial achieves ... 71%")."""
    keys: set[str] = set()
    rest = sent
    for q in loose:
        open_ = sent.rfind("(", 0, q.start)
        head = re.split(r"[,;:()]|\b(?:and|or|than|over|to|of|with)\b", sent[:open_])[-1]
        names = [w for w, _, _ in words(head)[-3:] if is_name_like(w) and name_key(w) not in STOPWORDS]
        if names:
            keys |= {name_key(w) for w in names}
            start, end = open_ - len(head), sent.find(")", q.end) + 1
            rest = rest[:start] + " " * (end - start) + rest[end:]  # blanked, offsets kept
    return frozenset(keys - context_terms(rest))


def _bracket_owners(sent: str, qs: list) -> dict[int, tuple[str, frozenset[str]]]:
    """"categorizing them into semantic understanding (20 errors), one step missing (18 errors), and
    other errors (7 errors)": each bracketed count owns the phrase just before its bracket."""
    heads = {i: head for i, q in enumerate(qs) if (head := _in_brackets(sent, q))}
    # The unit word they share ("errors") names none of them: "other errors (7 errors)" keeps "other".
    units = frozenset(context_terms(" ".join(sent[q.end:sent.find(")", q.end)] for i, q in enumerate(qs) if i in heads)))
    owned = {i: (head, frozenset(context_terms(head)) - units) for i, head in heads.items()}
    return owned if len(owned) >= 2 else {}


_WHICH_SEES = re.compile(r"\b([A-Z][\w+-]*(?:\s+[A-Z0-9][\w+-]*)?),?\s+which\s+(?:sees|has|shows|gets|obtains|"
                         r"achieves|reaches|gains|yields)\s+(?:an?\s+|only\s+)?$")


def _which_owners(sent: str, qs: list) -> dict[int, tuple[str, frozenset[str]]]:
    """"by at least 5% for all datasets except GSM8K which sees a 2.9% improvement": the name before
    "which sees" owns the number after it."""
    owned: dict[int, tuple[str, frozenset[str]]] = {}
    for i, q in enumerate(qs):
        hit = _WHICH_SEES.search(sent[:q.start])
        if hit:
            owned[i] = (hit.group(1), frozenset(context_terms(hit.group(1))))
    return owned


def _of_owners(sent: str, qs: list) -> dict[int, tuple[str, frozenset[str]]]:
    """"a Kendall Tau of τ = 0.43 and Spearman rank correlation of r = 0.55": each number owns the
    few words that name it just before its "of" (or "=")."""
    owned: dict[int, tuple[str, frozenset[str]]] = {}
    prev = 0
    for i, q in enumerate(qs):
        seg = sent[prev:q.start]
        if not re.search(r"(?:\bof|=)\s*$", seg):
            return {}
        seg = re.split(r",|\band\b|\bwith\b", seg)[-1]
        text = " ".join(seg.split()[-6:])
        owned[i] = (text, frozenset(context_terms(text)))
        prev = q.end
    return owned


# "(e.g. summarization and closed-domain QA)": examples in brackets, which name no owner of a number
# and no column of a table.
EXAMPLES = re.compile(r"\((?:e\.g\.|i\.e\.|such as)[^()]*\)")


def text_mentions(paper_id: str, page: int, sentence: str, listed: Sequence[str] = ()) -> list[Mention]:
    """Result numbers of one sentence; in "A, B and C ... 1, 2 and 3 respectively" sentences each
    number owns its list item and excludes the others. ``listed``: the benchmarks, in order, that
    the sentence before named ("on GSM8K and SVAMP"), for lists of as many numbers ("(73.7% and
    84.4%)") in a sentence that names none."""
    sent = clean_text(sentence)
    if _is_tableish(sent):
        return []
    # Runs of bare numbers ("0 20 40 60") are axis ticks or flattened table rows, not statements.
    runs = [(m.start(), m.end()) for m in re.finditer(r"(?:\d+(?:\.\d+)?%?\s+){2,}\d+(?:\.\d+)?%?", sent)]
    # A bracketed whole percentage of a paper's sentence ("the least calculation (5%) and
    # missing-step (7%) errors") names its owner only loosely: the paper's tables state it.
    # The only bracketed number of a sentence ("the majority (51%) remain") is its own statement.
    found = find_quantities(sent)
    loose = set() if len(re.findall(r"\([^()]*\d[^()]*\)", sent)) < 2 else {
        q.start for q in found if q.decimals == 0 and sent[:q.start].endswith("(") and sent[q.end:].startswith(")")}
    # Counts in brackets after what they count, two or more of them, are the sentence's statements.
    bracketed = [q for q in found if _in_brackets(sent, q)]
    counted = {q.start for q in bracketed if q.role == "count"} if len(bracketed) >= 2 else set()
    qs = [q for q in found if (q.role in {"value", "diff"} or q.start in counted or (
              q.role == "setting" and _STATISTIC.search(sent[:q.start])))
          and not any(a <= q.start < b for a, b in runs) and q.start not in loose]
    if not qs:
        return []
    others_names = _loose_names(sent, [q for q in found if q.start in loose])
    terms = context_terms(sent)
    runs = _number_runs(sent, qs)
    owned: dict[int, tuple[str, frozenset[str]]] = {}
    if len(qs) >= 2:
        owned = (_pair_owners(sent, qs) or _of_owners(sent, qs) or _bracket_owners(sent, qs) or _with_owners(sent, qs)
                 or _metric_owners(sent, qs) or _by_owners(sent, qs) or _which_owners(sent, qs))
    if len(qs) >= 2 and not owned:
        # Lists of numbers "8% and 13%" paired with lists of names, explicit ("respectively") or not.
        # Examples in brackets ("(e.g. summarization and closed-domain QA)") are no list of owners.
        plain = EXAMPLES.sub(lambda m: " " * len(m.group(0)), sent)
        hashed = _masked(plain)
        # (Not when the numbers are no one list: "40.6% and 51.8% ..., respectively — ... only 3% of the
        # tokens" against "After fine-tuning, Rho-1-1B and 7B".)
        one_run = len(qs) == 2 or any(len(r) == len(qs) for r in runs)
        items = _list_items(hashed, len(qs), qs[0].start, names_first=bool(_RESPECTIVELY.search(sent))) if one_run else []
        # Without "respectively", only numbers that form a list themselves ("8% and 13%") pair with
        # a list of names; "With 4-bit quantization and a pruning fraction of 50%, ... 17.5 GB" does not.
        paired = len(qs) == 2 and re.fullmatch(r"\s*%?\s*(,|and|,\s*and|/|vs\.?|versus)\s*", sent[qs[0].end:qs[1].start])
        versus = len(qs) == 2 and re.fullmatch(r"\s*(?:%|[A-Za-z]{1,3})?\s*(?:vs\.?|versus)\s*", sent[qs[0].end:qs[1].start])
        sized = _sized_pair(sent[:qs[0].start]) if versus else {}
        if sized:
            owned = sized
        elif items and (_RESPECTIVELY.search(sent) or paired):
            for i, (item, _) in enumerate(items):
                owned[i] = (item, frozenset(context_terms(item)))
        elif len(qs) >= 3 and _RESPECTIVELY.search(sent) and all(
                re.fullmatch(r"\s*%?\s*(,|and|,\s*and)\s*", sent[a.end:b.start]) for a, b in zip(qs[1:], qs[2:])):
            # "InstructGPT has a 73.4% winrate ..., compared to 26.8% and 29.8% for T0 and FLAN,
            # respectively": the list pairs with the numbers after the first, which is its own name's.
            rest = _list_items(re.sub(r"(?<![\w.])\d+(?:\.\d+)?\s?%?", "#", plain), len(qs) - 1, qs[1].start)
            head = [w for w, _, _ in words(sent[:qs[0].start]) if is_name_like(w) and name_key(w) not in STOPWORDS]
            if rest and head and rest[0][1] > qs[-1].end:
                owned[0] = (head[-1], frozenset(context_terms(head[-1])))
                for i, (item, _) in enumerate(rest, start=1):
                    owned[i] = (item, frozenset(context_terms(item)))
        if not owned and _RESPECTIVELY.search(sent) and len(qs) >= 3:
            # "On ALFWorld and WebShop, ... trained with 10^3 ∼10^5 task instances, with an absolute
            # improvement of 34% and 10% ... respectively": the one run of listed numbers pairs with
            # the list of names; the sentence's other numbers stay unowned.
            lists = [r for r in runs if len(r) >= 2]
            if len(lists) == 1:
                run = lists[0]
                items = _list_items(hashed, len(run), qs[run[0]].start, names_first=True)
                if items and all(is_name_like(it) for it, _ in items):
                    for i, (item, _) in zip(run, items):
                        owned[i] = (item, frozenset(context_terms(item)))
        if not owned:
            # "12% more on HumanEval and 17% more on MBPP": each number owns the benchmark after it.
            spans = [(a, b, k) for a, b, k in frame_spans(sent) if is_benchmark_key(k)]
            for i, q in enumerate(qs):
                nxt = qs[i + 1].start if i + 1 < len(qs) else len(sent)
                mine = [(a, b) for a, b, _ in spans if q.end <= a < nxt]
                if mine and len(spans) >= 2:  # "... on ANLI and SVAMP, and 11B ...": both are this number's
                    text = " ".join(sent[a:b] for a, b in mine)
                    owned[i] = (text, frozenset(context_terms(text)))
        if not owned:
            owned = _for_owners(sent, qs)
        if not owned and len(qs) == 2 and _RESPECTIVELY.search(sent) and re.fullmatch(
                r"\s*%?\s*(?:vs\.?|versus|and|/|,)\s*", sent[qs[0].end:qs[1].start]):
            # "InstructGPT ... about half as often as GPT-3 (a 21% vs. 41% rate, respectively)": the
            # last two names before the pair, in order.
            names: list[str] = []
            for w, _, _ in words(sent[:qs[0].start]):
                if is_name_like(w) and name_key(w) not in STOPWORDS and name_key(w) not in {name_key(n) for n in names}:
                    names.append(w)
            names = names[-2:]
            if len(names) == 2:
                owned = {i: (n, frozenset(context_terms(n))) for i, n in enumerate(names)}
        if not owned:
            owned = _clause_owners(sent, qs)
    if owned and _RESPECTIVELY.search(sent):
        owned = _items_across_runs(sent, qs, runs, owned)
    listed_to = _listed_benchmarks(runs, listed) if len(listed) >= 2 else {}
    # "GSM8K sees a 2.9% improvement" states a change, not a level: only a claimed change matches
    # it. So does every number listed with it ("an absolute improvement of 34% and 10%").
    changes = [q.unit == "%" and (q.role == "diff" or worded_as_change(sent, q)) for q in qs]
    for run in runs:
        if any(changes[i] for i in run):
            for i in run:
                changes[i] = qs[i].unit == "%"
    out = []
    for i, q in enumerate(qs):
        excluded: frozenset[str] = frozenset()
        strong: frozenset[str] = frozenset()
        if i in owned:
            strong = owned[i][1]
            others = set().union(*(v[1] for j, v in owned.items() if j != i)) if len(owned) > 1 else set()
            excluded = frozenset(others - strong)
        excluded |= others_names - strong
        if i in listed_to:
            excluded |= frozenset(b for b in listed if b != listed_to[i])
            terms_i = (terms | {listed_to[i]}) - excluded
        else:
            terms_i = terms - excluded
        out.append(Mention(
            paper_id=paper_id, page=page, value=q.value, text=q.text, decimals=q.decimals, unit=q.unit,
            kind="text", quote=sentence.strip(), terms=frozenset(terms_i), strong_terms=strong,
            change=changes[i],
            excluded_terms=excluded,
        ))
    return out


# "LaMDA 137B", "Guanaco-33B": a capitalised name and its size (groups: name, size).
SIZED_MODEL = re.compile(r"\b([A-Z][A-Za-z][\w.]*)[\s-](\d+(?:\.\d+)?[BM])\b")


def _sized_pair(before: str) -> dict[int, tuple[str, frozenset[str]]]:
    """"Guanaco 33B has more parameters than the Vicuna 13B model, but ... is thus much more memory
    efficient at 21 GB vs 26 GB": two sized models named before a "vs" pair own its numbers in the
    order they are named."""
    names: list[str] = []
    for m in SIZED_MODEL.finditer(before):
        if name_key(m.group(0)) not in {name_key(n) for n in names}:
            names.append(m.group(0))
    if len(names) != 2:
        return {}
    return {i: (n, frozenset(context_terms(n))) for i, n in enumerate(names)}


def _number_runs(sent: str, qs: list) -> list[list[int]]:
    """Indices of ``qs`` grouped into runs joined as a list ("34% and 10%", "1, 2, and 3")."""
    runs: list[list[int]] = []
    for i in range(len(qs)):
        if runs and re.fullmatch(r"\s*%?\s*(?:,|and|,\s*and|/)\s*", sent[qs[i - 1].end:qs[i].start]):
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _masked(text: str) -> str:
    """``text`` with its numbers written "#" for reading lists of names; a size is a name and stays
    ("Rho-1-1B and 7B"), and so is a number glued to its word ("the 2-class and 3-class settings")."""
    return re.sub(r"(?<![\w.\-/])\d+(?:\.\d+)?(?![\d.]*[BMK]\b)(?!-[A-Za-z])\s?%?", "#", text)


def _items_across_runs(sent: str, qs: list, runs: list[list[int]],
                       owned: dict[int, tuple[str, frozenset[str]]]) -> dict[int, tuple[str, frozenset[str]]]:
    """"scaling and the disjoint mean ... declines of 2.5% and 1.9% in T5-base, and 5.2% and 3.2% in
    (IA)3, respectively": runs of as many numbers as the list of names before them pair with it
    item by item, each run keeping its own clause."""
    lists = [r for r in runs if len(r) >= 2]
    if len(lists) < 2 or len({len(r) for r in lists}) != 1:
        return owned
    hashed = _masked(sent[:qs[lists[0][0]].start])
    items = _list_items(hashed, len(lists[0]), len(hashed))
    if not items:
        return owned
    said = [frozenset(context_terms(item)) for item, _ in items]
    every = frozenset().union(*said)
    out = dict(owned)
    for run in lists:
        for i, own in zip(run, said):
            text, terms = owned.get(i, ("", frozenset()))
            out[i] = (text, (terms - every) | own)
    return out


def _listed_benchmarks(runs: list[list[int]], listed: Sequence[str]) -> dict[int, str]:
    """number index -> benchmark, for each run of exactly len(listed) numbers joined as a list."""
    out: dict[int, str] = {}
    for run in runs:
        if len(run) == len(listed):
            out.update(dict(zip(run, listed)))
    return out
