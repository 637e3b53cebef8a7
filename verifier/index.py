"""Per-paper indexes of numbers: value bucket -> mentions (sentences and table cells).

Built once per paper per run (``SourceIndex``); layout cells are cached in SQLite
(``verifier_layout``) so a second run does not re-read the PDF.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from verifier.extract import find_quantities, split_sentences
from verifier.grid import MAG_TOKEN
from verifier.layout import LayoutCell
from verifier.normalize import (BENCHMARKS, STOPWORDS, clean_text, context_terms, is_name_like, name_key, parse_number,
                                 value_keys, words)
from verifier.types import Mention

def _layout_version() -> str:
    """Cached layout cells are keyed by the layout reader's source (the reader and its page
    geometry), so any change re-reads PDFs."""
    import hashlib
    from pathlib import Path

    src = b"".join(Path(__file__).with_name(name).read_bytes() for name in ("layout.py", "grid.py"))
    return "layout-" + hashlib.sha256(src).hexdigest()[:12]


LAYOUT_VERSION = _layout_version()


@dataclass
class SourceIndex:
    """Everything the verifier needs from one paper, precomputed."""

    paper_id: str
    label: str  # what evidence calls the paper (arXiv id or file name)
    mentions: list[Mention] = field(default_factory=list)
    buckets: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    by_term: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    vocabulary: frozenset[str] = frozenset()  # every term of the paper's text
    numeric_vocabulary: frozenset[str] = frozenset()  # terms that occur in some number's context
    sentences: list[tuple[int, str, frozenset[str]]] = field(default_factory=list)  # (page, text, terms)
    own: frozenset[str] = frozenset()  # name keys of the system the paper introduces (from its title)
    derived: dict = field(default_factory=dict, repr=False, compare=False)  # see ``cached``

    def cached(self, key: object, build):  # noqa: ANN001, ANN201
        """A structure derived from the mentions (table blocks, grids), built once per index and
        rebuilt if mentions are added; it lives and dies with the index."""
        k = (key, len(self.mentions))
        if k not in self.derived:
            self.derived[k] = build()
        return self.derived[k]

    def add(self, m: Mention) -> None:
        i = len(self.mentions)
        self.mentions.append(m)
        for k in value_keys(abs(m.value)):
            self.buckets[k].append(i)
        for t in m.terms:
            self.by_term[t].append(i)

    def finish(self, page_texts: Sequence[str] = ()) -> "SourceIndex":
        vocab: set[str] = set()
        for t in page_texts:
            vocab |= context_terms(t)
        for _, _, terms in self.sentences:
            vocab |= terms
        numeric: set[str] = set()
        for m in self.mentions:
            numeric |= m.terms
        self.vocabulary = frozenset(vocab | numeric)
        self.numeric_vocabulary = frozenset(numeric)
        return self


# --- text ---------------------------------------------------------------------------------------
_RESPECTIVELY = re.compile(r"\brespectively\b", re.I)


def _is_tableish(sentence: str) -> bool:
    # A bracketed calculation ("74.6% ... (88/(140 −22))") shows the arithmetic; it is not a row.
    sentence = re.sub(r"\((?=\s*\d[\d.,]*\s*[/*×+\-−]\s*\(?\s*\d)[\d\s.,/*×+\-−()]+\)", " ", sentence)
    nums = re.findall(r"(?<![\w.])\d+(?:\.\d+)?(?![\w.]|-[A-Za-z])", sentence)  # not "T5", "540B", "4-bit"
    toks = sentence.split()
    return len(nums) > 8 or (len(toks) > 0 and len(nums) / len(toks) > 0.25 and len(nums) > 3)


def _list_items(text: str, n: int, near: int) -> list[tuple[str, int]]:
    """A list of ``n`` items "A, B, and C" / "A and B" closest to offset ``near``; each item is
    named by its last word. [] when there is none."""
    word = r"[A-Za-z][\w+\-/]*"
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
        if best_d is None or d < best_d:
            best, best_d = items, d
    return best


def is_benchmark_key(key: str) -> bool:
    return key in BENCHMARKS


# "A reaches 72.6%, while for B this number is 77.3%": each clause speaks of its own number.
_CLAUSE_BREAK = re.compile(r";|,\s*(?=(?:while|whereas|but|compared to|versus|and)\b)|\b(?=(?:while|whereas)\b)"
                           r"|\band\s+(?=(?:over|against|than)\b)")  # "over FLAN 78% ... and over T0 79%"


def _clause_owners(sent: str, qs: list) -> dict[int, tuple[str, frozenset[str]]]:
    """Each number owns the terms of its clause when the numbers sit in different clauses."""
    cuts = [0] + [m.end() for m in _CLAUSE_BREAK.finditer(sent)] + [len(sent)]
    spans = [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]
    where = [next((k for k, (a, b) in enumerate(spans) if a <= q.start < b), -1) for q in qs]
    if len(set(where)) != len(qs) or -1 in where:
        return {}
    return {i: (sent[spans[k][0]:spans[k][1]], frozenset(context_terms(sent[spans[k][0]:spans[k][1]])))
            for i, k in enumerate(where)}


_FOR_PHRASE = re.compile(r"\s*(?:for|on|(?:less|fewer|more|lower|higher|smaller|larger|better|worse)\s+than)\s+((?:the\s+)?(?:models?\s+(?:in|from|of)\s+the\s+)?[^,;]+?)(?=,|;|\.(?!\d)|\s+and\s|$)")


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
    from verifier.extract import frame_spans

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
    qs = [q for q in find_quantities(sent) if (q.role in {"value", "diff"} or (
              q.role == "setting" and _STATISTIC.search(sent[:q.start])))
          and not any(a <= q.start < b for a, b in runs)
          and not (q.decimals == 0 and sent[:q.start].endswith("(") and sent[q.end:].startswith(")"))]
    if not qs:
        return []
    terms = context_terms(sent)
    owned: dict[int, tuple[str, frozenset[str]]] = {}
    if len(qs) >= 2:
        owned = _pair_owners(sent, qs) or _of_owners(sent, qs)
    if len(qs) >= 2 and not owned:
        # Lists of numbers "8% and 13%" paired with lists of names, explicit ("respectively") or not.
        # Examples in brackets ("(e.g. summarization and closed-domain QA)") are no list of owners.
        plain = re.sub(r"\((?:e\.g\.|i\.e\.|such as)[^()]*\)", lambda m: " " * len(m.group(0)), sent)
        items = _list_items(re.sub(r"(?<![\w.\-/])\d+(?:\.\d+)?\s?%?", "#", plain), len(qs), qs[0].start)
        # Without "respectively", only numbers that form a list themselves ("8% and 13%") pair with
        # a list of names; "With 4-bit quantization and a pruning fraction of 50%, ... 17.5 GB" does not.
        paired = len(qs) == 2 and re.fullmatch(r"\s*%?\s*(,|and|,\s*and|/|vs\.?|versus)\s*", sent[qs[0].end:qs[1].start])
        if items and (_RESPECTIVELY.search(sent) or paired):
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
        if not owned:
            # "12% more on HumanEval and 17% more on MBPP": each number owns the benchmark after it.
            from verifier.extract import frame_spans

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
    listed_to = _listed_benchmarks(sent, qs, listed) if len(listed) >= 2 else {}
    out = []
    for i, q in enumerate(qs):
        excluded: frozenset[str] = frozenset()
        strong: frozenset[str] = frozenset()
        if i in owned:
            strong = owned[i][1]
            others = set().union(*(v[1] for j, v in owned.items() if j != i)) if len(owned) > 1 else set()
            excluded = frozenset(others - strong)
        if i in listed_to:
            excluded |= frozenset(b for b in listed if b != listed_to[i])
            terms_i = (terms | {listed_to[i]}) - excluded
        else:
            terms_i = terms - excluded
        out.append(Mention(
            paper_id=paper_id, page=page, value=q.value, text=q.text, decimals=q.decimals, unit=q.unit,
            kind="text", quote=sentence.strip(), terms=frozenset(terms_i), strong_terms=strong,
            # "GSM8K sees a 2.9% improvement" states a change, not a level: only a claimed change matches it.
            change=q.unit == "%" and (q.role == "diff" or bool(COMPARATIVE_AFTER.match(sent[q.end:]))),
            excluded_terms=excluded,
        ))
    return out


def _listed_benchmarks(sent: str, qs: list, listed: Sequence[str]) -> dict[int, str]:
    """number index -> benchmark, for each run of exactly len(listed) numbers joined as a list."""
    out: dict[int, str] = {}
    k, i = len(listed), 0
    while i < len(qs):
        j = i
        while j + 1 < len(qs) and re.fullmatch(r"\s*%?\s*(?:,|and|,\s*and|/)\s*", sent[qs[j].end:qs[j + 1].start]):
            j += 1
        if j - i + 1 == k:
            out.update({i + n: b for n, b in enumerate(listed)})
        i = j + 1
    return out


# --- tables -------------------------------------------------------------------------------------
def cell_mention(paper_id: str, cell: LayoutCell) -> Mention:
    row_terms = context_terms(cell.row) | frozenset(cell.settings)
    col_terms = context_terms(cell.column)
    cap_terms = context_terms(cell.caption) if cell.caption else frozenset()
    return Mention(
        paper_id=paper_id, page=cell.page, value=cell.value, text=cell.text, decimals=cell.decimals, unit=cell.unit,
        kind="delta" if cell.is_delta else "cell", quote=cell.quote, row=cell.row, column=cell.column,
        table=cell.table, caption=cell.caption, block=cell.block, row_id=cell.row_id, col_id=cell.col_id,
        terms=row_terms | col_terms | cap_terms, strong_terms=row_terms | col_terms,
    )


def table_cells(table, block_id: int) -> list[LayoutCell]:  # noqa: ANN001 - synth.types.Table
    """Cells of a parsed ``Table`` (find_tables, Markdown pipes, SciTab) as layout cells."""
    grid = table.grid()
    if not grid:
        return []
    n_head = max(1, table.header_rows or 1)
    headers = []
    for c in range(table.n_cols):
        parts, last = [], ""
        for r in range(min(n_head, len(grid))):
            t = grid[r][c] or (last if c > 0 else "")
            parts.append(t)
        headers.append(" ".join(p for p in parts if p))
    # A merged header cell spreads over the empty cells to its right.
    for r in range(min(n_head, len(grid))):
        carry = ""
        for c in range(1, table.n_cols):
            if grid[r][c]:
                carry = grid[r][c]
            elif carry and carry not in headers[c]:
                headers[c] = (carry + " " + headers[c]).strip()
    headers = [_clean_label(h) for h in headers]
    out = []
    group = ""
    for r in range(n_head, len(grid)):
        row = grid[r]
        label_cells = []
        for c, t in enumerate(row):
            if _PLACEHOLDER.fullmatch(t.strip()):
                label_cells.append((c, ""))  # "[EMPTY]" / "-" before the numbers: part of the label area
            elif parse_number(_strip_marks(t)) is None and t.strip():
                label_cells.append((c, _clean_label(t)))
            else:
                break
        label = " ".join(t for _, t in label_cells if t)
        if not label and group:
            label = group
        elif label and not any(parse_number(_strip_marks(t)) is not None for t in row[1:]):
            group = label  # a group row ("Base models") names the rows below it
            continue
        quote = " ".join(t for t in row if t)
        for c, t in enumerate(row):
            if c < len(label_cells):
                continue
            parsed = parse_number(_strip_marks(t))
            mag = MAG_TOKEN.match(t.strip()) if parsed is None and label_cells else None
            if mag:  # "328M" tokens in a column after the label: a count with its magnitude
                num = mag.group("num")
                parsed = (float(num), len(num.split(".")[1]) if "." in num else 0)
            if parsed is None:
                continue
            v, d = parsed
            out.append(LayoutCell(
                page=table.page, text=t.strip(), value=v, decimals=d, unit="%" if "%" in t else "", is_delta=False,
                row=(f"{group} {label}" if group and group != label and c > 0 else label).strip(),
                column=headers[c] if c < len(headers) else "",
                settings=(), table=table.label, caption=table.caption or "", quote=quote, block=block_id, row_id=r,
                col_id=c,
            ))
    return out


_PLACEHOLDER = re.compile(r"\[EMPTY\]|[-\u2013\u2014]?")


# Typesetting marks of extracted tables ("[BOLD] ", "<bold>...</bold>"): not words, not digits.
_MARKS = re.compile(r"\[(BOLD|ITALIC|EMPTY)\]|</?\w+[^>]*>")


def _clean_label(t: str) -> str:
    return " ".join(_MARKS.sub(" ", t).split())


def _strip_marks(t: str) -> str:
    t = _MARKS.sub("", t)
    t = re.sub(r"[*\u2020\u2021\u00a7]", "", t).strip()
    t = re.sub(r"\s*(±|\+/-)\s*\d*\.?\d+%?$", "", t)
    return t.rstrip("%").strip()


def page_text_cells(page_no: int, text: str, block_base: int) -> list[LayoutCell]:
    """Fallback without coordinates: a line (or run of lines) "label n1 n2 n3 ..." is a table row."""
    out = []
    tokens = clean_text(text).split(" ")
    i = 0
    row_no = 0
    while i < len(tokens):
        j = i
        label = []
        while j < len(tokens) and parse_number(tokens[j]) is None:
            label.append(tokens[j])
            j += 1
        k = j
        nums = []
        while k < len(tokens) and (parse_number(tokens[k]) is not None or re.fullmatch(r"[(\[][+-][\d.]+[)\]]", tokens[k])):
            if parse_number(tokens[k]) is not None:
                nums.append(tokens[k])
            k += 1
        if len(nums) >= 3 and label:
            lab = " ".join(label[-4:])
            quote = " ".join(tokens[max(i, j - 4):k])
            for c, t in enumerate(nums):
                v, d = parse_number(t)  # type: ignore[misc]
                out.append(LayoutCell(page=page_no, text=t, value=v, decimals=d, unit="", is_delta=False, row=lab,
                                      column="", settings=(), table=None, caption="", quote=quote,
                                      block=block_base, row_id=row_no, col_id=c))
            row_no += 1
        i = max(k, i + 1)
    return out


# --- builders ----------------------------------------------------------------------------------
_GENERIC_NAMES = {"llm", "llms", "lm", "lms", "gpt", "nlp", "ai", "ml", "rl"}
_SELF = re.compile(r"\b(our|we|us)\b", re.I)


def own_names(title: str) -> frozenset[str]:
    """Name keys of the system a paper introduces, read from its title ("AlphaCode", "QLoRA: ...").

    Papers write "our model solves 29.6%" where a claim says "AlphaCode solves 29.6%"."""
    title = " ".join(title.split())
    names = set()
    head = re.match(r"^([A-Z][\w-]*(?: [\w-]+){0,3})[:!]", title)  # "QLoRA:", "Distilling Step-by-Step!"
    if head:
        names.add(name_key(head.group(1)))
        # "Distilling Step-by-Step!": claims say "Distilling step-by-step", whose name is "Distilling".
        names.add(name_key(head.group(1).split()[0]))
    names |= {name_key(w) for w in re.findall(r"[A-Za-z][\w-]*", title) if re.search(r"[a-z][A-Z]", w)}
    return frozenset(n for n in names if n and n not in _GENERIC_NAMES)


def names_own(key: str, own: frozenset[str]) -> bool:
    """Whether a claim's name key names the paper's own system: "Distilling" names "Distilling
    Step-by-Step"; "QLoRA" names "QLoRA"."""
    return bool(key) and any(o == key or (len(key) >= 4 and o.startswith(key)) for o in own)


def build_index(paper_id: str, label: str, sentences: Iterable[tuple[int, str]], cells: Iterable[LayoutCell],
                page_texts: Sequence[str] = (), title: str = "") -> SourceIndex:
    """Assemble a ``SourceIndex`` from (page, sentence) pairs and table cells; ``title`` lets "we"
    and "our" sentences stand for the system the paper names in it."""
    from dataclasses import replace

    own = own_names(title)
    idx = SourceIndex(paper_id=paper_id, label=label, own=own)
    recent: list[frozenset[str]] = []  # benchmarks of the last sentences, nearest last
    recent_models: list[frozenset[str]] = []  # and the sized models they name
    recent_listed: list[tuple[str, ...]] = []  # and their benchmarks in order
    for page, sent in sentences:
        s = clean_text(sent)
        if not s:
            continue
        self_ref = own if own and _SELF.search(s) else frozenset()
        terms = context_terms(s)
        idx.sentences.append((page, sent, terms | self_ref))
        named = _named_benchmarks(s)
        inherit = frozenset() if named else _running_benchmark(recent)
        model = _sized_models(s)
        borrowed: frozenset[str] = frozenset()
        if not model and not _names_anything(s) and not re.search(r"\b(?:models|famil(?:y|ies)|these|all|each)\b", s, re.I):
            # "We examined chains of thought by LaMDA 137B for GSM8K. ... The summary of this analysis
            # is that 46% of the chains of thought were almost correct": a sentence naming nothing
            # is about the model the last ones named.
            borrowed = frozenset().union(*_running_benchmark(recent_models))
        listed = () if named else next((b for b in reversed(recent_listed) if b), ())
        for m in text_mentions(paper_id, page, sent, listed if len(listed) >= 2 else ()):
            extra = self_ref | inherit | borrowed
            idx.add(replace(m, terms=m.terms | extra, borrowed=borrowed - m.terms) if extra else m)
        recent = (recent + [named])[-_RUNNING:]
        recent_models = (recent_models + [model])[-_RUNNING:]
        recent_listed = (recent_listed + [_benchmarks_in_order(s)])[-_RUNNING:]
    on_page = page_benchmarks(idx.sentences)
    spelled = _spelled_out(idx.sentences)
    for cell in cells:
        m = cell_mention(paper_id, cell)
        inherit = on_page.get(cell.page, frozenset())
        if inherit and not (m.terms & BENCHMARKS):
            m = replace(m, terms=m.terms | inherit)
        full = {spelled[w] for w in m.strong_terms if w in spelled}
        if full:
            m = replace(m, terms=m.terms | full, strong_terms=m.strong_terms | full)
        idx.add(m)
    return idx.finish(page_texts)


_RUNNING = 3


def _benchmarks_in_order(sent: str) -> tuple[str, ...]:
    out: list[str] = []
    for w, _, _ in words(sent):
        k = name_key(w)
        if is_name_like(w) and k in BENCHMARKS and k not in out:
            out.append(k)
    return tuple(out)


def _named_benchmarks(sent: str) -> frozenset[str]:
    """Benchmarks a sentence names as names ("MMLU", not the "multiple" of "multiple choice")."""
    return frozenset({name_key(w) for w, _, _ in words(sent) if is_name_like(w)} & BENCHMARKS)


_SIZED = re.compile(r"\b([A-Z][A-Za-z][\w.]*)[\s-](\d+(?:\.\d+)?[BM])\b")


_WITH_SIZE = re.compile(r"\b((?:[\w-]+\s+){1,3}models?\s+with\s+\d+(?:\.\d+)?[BM]\s+parameters)\b")


def _sized_models(sent: str) -> frozenset[frozenset[str]]:
    """The sized models a sentence names ("LaMDA 137B", "our best 4-token prediction model with 7B
    parameters"), each as the terms that name it."""
    if "B" not in sent and "M" not in sent:
        return frozenset()
    return frozenset([context_terms(f"{a} {b}") for a, b in _SIZED.findall(sent)]
                     + [context_terms(p) for p in _WITH_SIZE.findall(sent)])


def _names_anything(sent: str) -> bool:
    """Whether a sentence names a model, method or benchmark (references to figures do not count)."""
    plain = re.sub(r"\b(?:Appendix|Figures?|Fig\.|Tables?|Sections?|Sec\.|Eq\.|Equation)\s*[\w.]+", " ", sent)
    return any(is_name_like(w, sentence_initial=(i == 0)) for i, (w, _, _) in enumerate(words(plain)))


def _running_benchmark(recent: Sequence[frozenset[str]]) -> frozenset[str]:
    """The benchmark a sentence that names none is about: the one named by the nearest of the
    last few sentences, when that sentence names exactly one ("we plot 5-shot MMLU accuracy ...
    the expected accuracy of random guessing is 25%. ... a sharp transition at 35% for Mistral
    7B"). It counts like a caption word, never like the sentence's own."""
    for named in reversed(recent):
        if named:
            return named if len(named) == 1 else frozenset()
    return frozenset()


def _spelled_out(sentences: Sequence[tuple[int, str, frozenset[str]]]) -> dict[str, str]:
    """Header word -> the one benchmark of the paper's text whose name it starts as a separate word:
    a table headed "Date" and "Sports" is about the "Date Understanding" and "Sports Understanding"
    the text names (but "Codex" never stands for "CodeXGLUE")."""
    starts: dict[str, set[str]] = defaultdict(set)
    for _, sent, terms in sentences:
        if not terms & BENCHMARKS:
            continue
        ws = [name_key(w) for w in re.findall(r"[A-Za-z][\w-]*", sent)]
        for a, b in zip(ws, ws[1:]):
            if a and b and a + b in BENCHMARKS and a not in BENCHMARKS:
                starts[a].add(a + b)
    return {w: next(iter(keys)) for w, keys in starts.items() if len(keys) == 1}


def page_benchmarks(sentences: Sequence[tuple[int, str, frozenset[str]]]) -> dict[int, frozenset[str]]:
    """page -> the one benchmark its text names, for pages that name exactly one. A table that
    names no benchmark in its caption, rows or columns is about that one, as a reader takes it;
    it counts like a caption word, never like the row or column."""
    named: dict[int, set[str]] = defaultdict(set)
    for page, sent, _ in sentences:
        named[page] |= _named_benchmarks(sent)
    return {p: frozenset(k) for p, k in named.items() if len(k) == 1}


def sentences_from_pages(page_texts: Sequence[str]) -> list[tuple[int, str]]:
    out = []
    for pno, text in enumerate(page_texts, 1):
        for s in split_sentences(clean_text(text)):
            out.append((pno, s))
    return out


def index_from_parsed(doc, paper_id: str, label: str, pdf_path: str | None = None) -> SourceIndex:  # noqa: ANN001
    """Index a ``ParsedDoc`` (plus layout cells read from ``pdf_path`` when given)."""
    from verifier.layout import pdf_cells

    sents = [(s.page, s.text) for s in doc.sentences] or sentences_from_pages([p.text for p in doc.pages])
    parsed = [table_cells(t, block_id=-(t.index + 1)) for t in doc.tables]
    cells = one_reading_per_table(parsed, pdf_cells(pdf_path) if pdf_path else [])
    if not pdf_path and not doc.tables:
        for p in doc.pages:
            cells.extend(page_text_cells(p.number, p.text, block_base=p.number * 1000 + 999))
    return build_index(paper_id, label, sents, cells, [p.text for p in doc.pages], title=doc.title or "")


def one_reading_per_table(parsed: Sequence[list[LayoutCell]], grid: list[LayoutCell]) -> list[LayoutCell]:
    """Table cells from both readings, minus the ``find_tables`` cells that the word grid reads
    under another column. ``find_tables`` merges the header rows of booktabs tables into the
    wrong columns (SciTab's Table 4 names an In-Context score "Zero-shot"); the grid names each
    number by the header over it. Where the two disagree about one number of one row, the
    garbled reading would otherwise outrank the right one."""
    grid_at: dict[tuple[int, str, float], list[LayoutCell]] = defaultdict(list)
    row_cols: dict[tuple[int, int, int], list[frozenset[str]]] = defaultdict(list)
    for g in grid:
        if g.table:
            grid_at[(g.page, g.table, round(g.value, 6))].append(g)
            row_cols[(g.page, g.block, g.row_id)].append(_col_words(g.column))
    # Per grid row: every header word of its columns, and the words that tell its columns apart.
    heads = {k: frozenset().union(*cols) for k, cols in row_cols.items()}
    telling = {k: heads[k] - cols[0].intersection(*cols[1:]) if len(cols) > 1 else frozenset()
               for k, cols in row_cols.items()}
    out: list[LayoutCell] = []
    for cells in parsed:
        for c in cells:
            same = grid_at.get((c.page, c.table or "", round(c.value, 6)), [])
            rows = [g for g in same if _same_row(g.row, c.row)]
            if len(rows) == 1:
                g = rows[0]
                key = (g.page, g.block, g.row_id)
                # Words the parsed header adds that the grid gives to another column of the row.
                if (_col_words(c.column) - _col_words(g.column)) & heads[key]:
                    continue
                # Or words the grid's header has that tell the row's columns apart and the parsed
                # one lost ("Zero-shot" of "Zero-shot 2-class" read as "# of Para. 2-class").
                if any(w.isalpha() for w in (_col_words(g.column) - _col_words(c.column)) & telling[key]):
                    continue
            out.append(c)
    return out + list(grid)


def _same_row(a: str, b: str) -> bool:
    wa, wb = _col_words(a), _col_words(b)
    return bool(wa and wb) and len(wa & wb) >= 0.6 * min(len(wa), len(wb))


def _col_words(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"[a-z0-9]+", text.lower()))


def layout_for_paper(store, paper) -> list[LayoutCell]:  # noqa: ANN001 - Store, Paper
    """Layout cells for a stored paper, from the verifier_layout cache or by reading its PDF once."""
    row = store.conn.execute("SELECT version, data FROM verifier_layout WHERE paper_id = ?", (paper.id,)).fetchone()
    if row and row[0] == LAYOUT_VERSION:
        return [LayoutCell(**{**d, "settings": tuple(d["settings"])}) for d in json.loads(row[1])]
    cells: list[LayoutCell] = []
    if paper.pdf_path:
        from pathlib import Path

        from verifier.layout import pdf_cells

        if Path(paper.pdf_path).is_file():
            cells = pdf_cells(paper.pdf_path)
    if not cells:
        for pno, text in enumerate(store.page_texts(paper.id), 1):
            cells.extend(page_text_cells(pno, text, block_base=pno * 1000 + 999))
    from dataclasses import asdict

    with store.transaction() as c:
        c.execute("INSERT OR REPLACE INTO verifier_layout (paper_id, version, data) VALUES (?,?,?)",
                  (paper.id, LAYOUT_VERSION, json.dumps([asdict(x) for x in cells])))
    return cells


def paper_label(paper) -> str:  # noqa: ANN001 - Paper
    from pathlib import Path

    if paper.source == "local" and paper.source_ref:
        return Path(paper.source_ref).name
    return paper.arxiv_id or paper.id


def index_from_store(store, paper) -> SourceIndex:  # noqa: ANN001 - Store, Paper
    """Index a stored paper: its sentences, parsed tables and layout cells."""
    sents = [(s.page, s.text) for s in store.sentences(paper.id)]
    pages = store.page_texts(paper.id)
    if not sents:
        sents = sentences_from_pages(pages)
    parsed = [table_cells(t, block_id=-(t.index + 1)) for t in store.tables(paper.id)]
    cells = one_reading_per_table(parsed, layout_for_paper(store, paper))
    return build_index(paper.id, paper_label(paper), sents, cells, pages, title=paper.title or "")


def names_in(text: str) -> list[str]:
    return [name_key(w) for w, _, _ in words(text)]


def index_from_pdf(path: str, paper_id: str | None = None, label: str | None = None) -> SourceIndex:
    """Index a PDF directly (no store): page text sentences and layout cells. Used by benchmarks
    and as a fallback when the parser is unavailable."""
    from pathlib import Path

    import pymupdf

    from verifier.layout import pdf_cells

    with pymupdf.open(path) as doc:
        pages = [p.get_text() for p in doc]
    return build_index(paper_id or Path(path).stem, label or Path(path).name, sentences_from_pages(pages),
                       pdf_cells(path), pages)
