"""Per-paper indexes of numbers: value bucket -> mentions (sentences and table cells).

Built once per paper per run (``SourceIndex``); layout cells are cached in SQLite
(``verifier_layout``) so a second run does not re-read the PDF.
"""

from __future__ import annotations

import json
import logging
import re
from collections import defaultdict
from functools import lru_cache
from dataclasses import dataclass, field
from typing import Collection, Iterable, Sequence

from verifier.extract import split_sentences
from verifier.grid import MAG_TOKEN
from verifier.layout import LayoutCell
from verifier.normalize import (BENCHMARKS, CAPTION_OPENING, OTHER_SYSTEM, STOPWORDS, clean_text, context_terms, is_name_like,
                                label_terms, name_key, parse_number, stem, value_keys, words)
from verifier.own_system import (OUR_SPLIT, SELF, other_systems_rows, own_datasets, own_names, proposed_names, short_forms,
                                 short_own)
from verifier.sentence_numbers import EXAMPLES, SIZED_MODEL, text_mentions
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
    proposed: frozenset[str] = frozenset()  # a plain name it proposes in its abstract (see ``proposed_names``)
    own_data: frozenset[str] = frozenset()  # name keys of a dataset the paper builds (see ``own_datasets``)
    derived: dict = field(default_factory=dict, repr=False, compare=False)  # see ``cached``

    def cached(self, key: object, build):  # noqa: ANN001, ANN201
        """A structure derived from the mentions (table blocks, grids), built once per index and
        rebuilt if mentions are added; it lives and dies with the index."""
        k = (key, len(self.mentions))
        if k not in self.derived:
            self.derived[k] = build()
        return self.derived[k]

    def sentence_context(self, page: int, quote: str, terms: frozenset[str]) -> Mention:
        """A sentence (or clause) of the paper as a number-less text mention, for scoring a claim's
        words against it."""
        return Mention(paper_id=self.paper_id, page=page, value=0, text="", decimals=0, unit="", kind="text",
                       quote=quote, terms=terms)

    def sentence_number(self, page: int, quote: str) -> int | None:
        """The position of a sentence (a text mention's quote) among the paper's sentences (its first one)."""
        at = self.cached("sentence_at", lambda: {(p, s): i for i, (p, s, _) in reversed(list(enumerate(self.sentences)))})
        return at.get((page, quote))

    def terms_before(self, page: int, quote: str, back: int, own: bool = True) -> list[frozenset[str]] | None:
        """The terms of the ``back`` sentences before a sentence on its page (and of the sentence
        itself when ``own``); None when the quote is no sentence of the paper."""
        k = self.sentence_number(page, quote)
        if k is None:
            return None
        return [frozenset(ts) for p, _, ts in self.sentences[max(0, k - back): k + 1 if own else k] if p == page]

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
            numeric |= m.terms | m.excluded_terms  # (a name given a number of its own, even one left unread)
        self.vocabulary = frozenset(vocab | numeric)
        self.numeric_vocabulary = frozenset(numeric)
        return self


# --- tables -------------------------------------------------------------------------------------
def cell_mention(paper_id: str, cell: LayoutCell) -> Mention:
    # "performance (e.g., SingleOp, SingleEq, and AddSub). SingleEq CoT": a caption's examples
    # spilled into a header are not the column's names.
    # (Through ``label_terms``: a table's cells share its caption and, row by row and column by
    # column, their labels.)
    row_terms = label_terms(EXAMPLES.sub(" ", cell.row or "")) | frozenset(cell.settings)
    col_terms = label_terms(EXAMPLES.sub(" ", cell.column or ""))
    cap_terms = label_terms(cell.caption) if cell.caption else frozenset()
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
    # A merged header cell spreads over the empty cells to its right, up to where a row of group
    # headers above it starts another group ("# of Para." does not reach "Zero-shot | 2-class").
    groups = [u for u in range(min(n_head, len(grid))) if sum(1 for t in grid[u] if t) <= table.n_cols / 2]
    for r in range(min(n_head, len(grid))):
        carry = ""
        for c in range(1, table.n_cols):
            if grid[r][c]:
                carry = grid[r][c]
            elif any(grid[u][c] for u in groups if u < r and c < len(grid[u])):
                carry = ""
            elif carry and carry not in headers[c]:
                headers[c] = (carry + " " + headers[c]).strip()
    headers = [_clean_label(h) for h in headers]
    out = []
    group = ""
    index_col = _index_column(grid, n_head, headers)
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
        if index_col and not label_cells:
            label = f"{index_col} = {row[0].strip()}"  # "# Heads used = 4": the row's index, not a result
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


def _index_column(grid: list[list[str]], n_head: int, headers: list[str]) -> str:
    """The header of a first column that numbers the rows ("# Heads used" 1, 2, 3, 4; "n"): each
    row is named by its index. Empty when the first column is no such index."""
    rows = [r for r in grid[n_head:] if any(t.strip() for t in r[1:])]
    if not headers or not headers[0] or len(rows) < 2:
        return ""
    firsts = [r[0].strip() for r in rows]
    ok = all(re.fullmatch(r"\d{1,3}", t) for t in firsts) and len(set(firsts)) == len(firsts)
    return headers[0] if ok else ""


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
def build_index(paper_id: str, label: str, sentences: Iterable[tuple[int, str]], cells: Iterable[LayoutCell],
                page_texts: Sequence[str] = (), title: str = "") -> SourceIndex:
    """Assemble a ``SourceIndex`` from (page, sentence) pairs and table cells; ``title`` lets "we"
    and "our" sentences stand for the system the paper names in it."""
    from dataclasses import replace

    own = own_names(title, page_texts[0] if page_texts else "")
    idx = SourceIndex(paper_id=paper_id, label=label, own=own,
                      proposed=(proposed_names(page_texts[0] if page_texts else "")
                                | short_forms(own, page_texts[0] if page_texts else "")) - own)
    sentences = list(sentences)
    own_data = own_datasets([s for _, s in sentences])
    idx.own_data = own_data
    recent: list[tuple[str, ...]] = []  # benchmarks of the last sentences in order, nearest last
    recent_models: list[frozenset[frozenset[str]]] = []  # and the sized models they name
    for page, sent in sentences:
        s = clean_text(sent)
        if not s:
            continue
        self_ref = (own if own and SELF.search(s) else frozenset()) | short_own(s, own)
        if own_data and OUR_SPLIT.search(s):
            self_ref |= own_data  # "in our validation set": the dataset the paper builds
        terms = context_terms(s)
        idx.sentences.append((page, sent, terms | self_ref))
        ordered = _benchmarks_in_order(s)
        inherit = frozenset() if ordered else _named_alone(recent)
        model = _sized_models(s)
        borrowed: frozenset[str] = frozenset()
        if not model and not _names_anything(s) and not re.search(r"\b(?:models|famil(?:y|ies)|these|all|each)\b", s, re.I):
            # "We examined chains of thought by LaMDA 137B for GSM8K. ... The summary of this analysis
            # is that 46% of the chains of thought were almost correct": a sentence naming nothing
            # is about the model the last ones named.
            borrowed = frozenset().union(*_named_alone(recent_models))
        elif _THIS_SET.match(s) and idx.sentences[:-1] and idx.sentences[-2][0] == page:
            # "• Open-Platypus (Lee et al., 2023) is a curated dataset ... This set contains 25k
            # questions where ≈10% are LLM-generated": the set is the one the sentence before opened with.
            borrowed = _opening_name(idx.sentences[-2][1])
        listed = () if ordered else next((b for b in reversed(recent) if b), ())
        # "Human annotators preferred NEFT in 88 instances ... This corresponds to a 74.6% win score":
        # a sentence that goes on from the one before is about what that one says.
        goes_on: frozenset[str] = frozenset()
        if _GOES_ON.match(s) and len(idx.sentences) >= 2 and idx.sentences[-2][0] == page:
            # Only its plain words: its names and numbers stay with its own numbers.
            before = idx.sentences[-2][1].strip()
            plain = {name_key(w) for w in re.findall(r"(?<![\w-])(?:^[A-Z])?[a-z]{3,}(?![\w-])", before)} - STOPWORDS
            goes_on = frozenset(plain | {stem(w) for w in plain})
        for m in text_mentions(paper_id, page, sent, listed if len(listed) >= 2 else ()):
            extra = self_ref | inherit | borrowed | goes_on
            idx.add(replace(m, terms=m.terms | extra, borrowed=borrowed - m.terms) if extra else m)
        if ordered or model or len(s.split()) > 5:  # a run-in heading ("• Symbol mapping error.") keeps the thread
            recent = (recent + [ordered])[-_RUNNING:]
            recent_models = (recent_models + [model])[-_RUNNING:]
    on_page = page_benchmarks(idx.sentences)
    shots = _page_shots(idx.sentences)
    spelled = _spelled_out(idx.sentences)
    cells = list(cells)
    assigned = _row_assignments(cells)
    others = other_systems_rows(cells, own)
    for cell in cells:
        m = cell_mention(paper_id, cell)
        if (cell.block, cell.row_id) in others:
            m = replace(m, terms=m.terms | {OTHER_SYSTEM})
        inherit = on_page.get(cell.page, frozenset())
        if inherit and not (m.terms & BENCHMARKS):
            m = replace(m, terms=m.terms | inherit)
        # (Only a benchmark the caption names: the whole table is about it, not one column.)
        page_shots = shots.get(cell.page)
        said = {k for b, k in page_shots.items() if b in _benchmarks_in_order(cell.caption or "")} if page_shots else set()
        if len(said) == 1 and not any(_SHOT.fullmatch(t) for t in m.terms):
            m = replace(m, terms=m.terms | said)
        # "+NEFT" rows of the NEFTune paper's tables are its own system, as in its sentences.
        full = ({spelled[w] for w in m.strong_terms if w in spelled} | short_own(f"{m.row} {m.column}", own)
                | assigned.get((m.block, m.row_id), frozenset()))
        if full:
            m = replace(m, terms=m.terms | full, strong_terms=m.strong_terms | full)
        idx.add(m)
    return idx.finish(page_texts)


_RUNNING = 3
_SHOT = re.compile(r"(?:zero|one|two|three|four|five|few|\d{1,2})shot")


def _page_shots(sentences: Sequence[tuple[int, str, frozenset[str]]]) -> dict[int, dict[str, str]]:
    """page -> {benchmark: shot setting}: "On Webshop, one-shot Act prompting already performs on par
    with IL" says the shots of the WebShop table on that page, which its cells leave unsaid. A
    benchmark the page gives two shot settings has none."""
    seen: dict[int, dict[str, set[str]]] = {}
    for page, sent, terms in sentences:
        found = {t for t in terms if _SHOT.fullmatch(t)}
        if not found or CAPTION_OPENING.match(sent):
            continue  # (a caption says its own table's shots, which its cells carry)
        for b in _benchmarks_in_order(sent):
            seen.setdefault(page, {}).setdefault(b, set()).update(found)
    return {p: {b: next(iter(k)) for b, k in d.items() if len(k) == 1} for p, d in seen.items()}


_SYMBOL = re.compile(r"[A-Za-z\u03b1-\u03c9\u03f5]{1,6}")  # "h", "dk", "dmodel", "\u03f5ls": a hyperparameter's symbol


def _row_assignments(cells: Sequence[LayoutCell]) -> dict[tuple[int, int], frozenset[str]]:
    """(block, row) -> "set:h=1" keys: the values an ablation row gives its hyperparameters under
    symbol columns ("h", "dk"), so that a claim's "h = 1, dk = dv = 512" picks that row."""
    out: dict[tuple[int, int], set[str]] = {}
    for c in cells:
        col = (c.column or "").strip()
        if not _SYMBOL.fullmatch(col) or col.lower() in {"avg", "mean", "all", "total"}:
            continue
        if not c.is_delta:
            out.setdefault((c.block, c.row_id), set()).add(f"set:{name_key(col)}={c.value:g}")
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=50_000)
def _benchmarks_in_order(sent: str) -> tuple[str, ...]:
    """Benchmarks a sentence names as names ("MMLU", not the "multiple" of "multiple choice"), in
    the order it names them."""
    out: list[str] = []
    for w, _, _ in words(sent):
        k = name_key(w)
        if is_name_like(w) and k in BENCHMARKS and k not in out:
            out.append(k)
    return tuple(out)


_WITH_SIZE = re.compile(r"\b((?:[\w-]+\s+){1,3}models?\s+with\s+\d+(?:\.\d+)?[BM]\s+parameters)\b")


def _sized_models(sent: str) -> frozenset[frozenset[str]]:
    """The sized models a sentence names ("LaMDA 137B", "our best 4-token prediction model with 7B
    parameters"), each as the terms that name it."""
    if "B" not in sent and "M" not in sent:
        return frozenset()
    return frozenset([context_terms(f"{a} {b}") for a, b in SIZED_MODEL.findall(sent)]
                     + [context_terms(p) for p in _WITH_SIZE.findall(sent)])


_GOES_ON = re.compile(r"(?:This|That|There|Thus|Here)\b(?!\s+(?:paper|work|section|table|figure)\b)")
_THIS_SET = re.compile(r"(?:This|The)\s+(?:data\s*set|dataset|set|benchmark|corpus|collection)\b")


def _opening_name(sent: str) -> frozenset[str]:
    """The terms of the name a sentence (or a list item) opens with ("• Open-Platypus (Lee et al.,
    2023) is ..."), if it opens with one."""
    found = words(re.sub(r"^[\u2022\u25cf\u25aa\u25e6\u2219\s]+", "", clean_text(sent)))
    if found and found[0][1] == 0 and is_name_like(found[0][0]) and not re.fullmatch(r"[A-Z][a-z]+", found[0][0]):
        return frozenset(context_terms(found[0][0]))
    return frozenset()


def _names_anything(sent: str) -> bool:
    """Whether a sentence names a model, method or benchmark (references to figures do not count)."""
    plain = re.sub(r"\b(?:Appendix|Figures?|Fig\.|Tables?|Sections?|Sec\.|Eq\.|Equation)\s*[\w.]+", " ", sent)
    return any(is_name_like(w, sentence_initial=(i == 0)) for i, (w, _, _) in enumerate(words(plain)))


def _named_alone(recent: Sequence[Collection]) -> frozenset:
    """What a sentence that names none is about: the one benchmark (or sized model) named by the
    nearest of the last few sentences that names any, when it names exactly one ("we plot 5-shot
    MMLU accuracy ... the expected accuracy of random guessing is 25%. ... a sharp transition at
    35% for Mistral 7B"). It counts like a caption word, never like the sentence's own."""
    for named in reversed(recent):
        if named:
            return frozenset(named) if len(named) == 1 else frozenset()
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
        named[page] |= set(_benchmarks_in_order(sent))
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
            if len(rows) != 1 or not _misread(c, rows[0], heads, telling):
                out.append(c)
    return out + list(grid)


def _misread(c: LayoutCell, g: LayoutCell, heads: dict, telling: dict) -> bool:
    """Whether parsed cell ``c`` names its number otherwise than its grid twin ``g`` does."""
    key = (g.page, g.block, g.row_id)
    # A parsed row label holding decimals the grid's does not ("TIES-MERGING ✗ 69.7 [-3.2] ...
    # REGMEAN [31]") is two rows run together: its words name no one cell.
    if set(re.findall(r"\d+\.\d+", c.row)) - set(re.findall(r"\d+\.\d+", g.row)):
        return True
    # Words the parsed header adds that the grid gives to another column of the row.
    if (_col_words(c.column) - _col_words(g.column)) & heads[key]:
        return True
    # Or words the grid's header has that tell the row's columns apart and the parsed one lost
    # ("Zero-shot" of "Zero-shot 2-class" read as "# of Para. 2-class").
    return any(w.isalpha() for w in (_col_words(g.column) - _col_words(c.column)) & telling[key])


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
    import sqlite3
    from dataclasses import asdict

    try:
        with store.transaction() as c:
            c.execute("INSERT OR REPLACE INTO verifier_layout (paper_id, version, data) VALUES (?,?,?)",
                      (paper.id, LAYOUT_VERSION, json.dumps([asdict(x) for x in cells])))
    except sqlite3.Error as exc:  # (a store that cannot be written, read-only say, costs time, not results)
        logging.getLogger(__name__).warning("could not cache the layout of %s: %s", paper.id, exc)
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
