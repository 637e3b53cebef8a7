"""Documents to audit or to extract claims from: PDFs, Markdown/plain text (tables as pipes or
tab-separated columns), arXiv ids, or a literal claim text.

A ``Document`` knows its sentences and tables with their locations (page for PDFs, line for
text), and turns them into ``Claim``s.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from verifier.errors import AuditInputError
from verifier.extract import claim_from_text, find_quantities, split_sentences
from verifier.layout import LayoutCell
from verifier.normalize import clean_text
from verifier.types import Claim

ARXIV_ID = re.compile(r"(?:arxiv\.org/(?:abs|pdf)/|arXiv:)?(\d{4}\.\d{4,5})(v\d+)?", re.I)
_SAMPLES = [
    re.compile(r"\bn\s*=\s*(\d+)\s*(?:samples|completions|generations)?", re.I),
    re.compile(r"\b(\d+)\s+(?:samples|completions|generations)\s+(?:per|for each)\s+(?:problem|task|prompt)", re.I),
    re.compile(r"\bsampl\w*\s+(\d+)\s+(?:times|solutions|completions|programs)", re.I),
]


@dataclass
class TextTable:
    """A table found in text or on a page: header, rows and where each row is."""

    header: list[str]
    rows: list[list[str]]
    caption: str = ""
    label: str | None = None
    locations: list[dict] = field(default_factory=list)  # one {"line": n} / {"page": p} per row


@dataclass
class Document:
    name: str
    kind: str  # "pdf" | "markdown" | "text" | "literal"
    sentences: list[tuple[dict, str]] = field(default_factory=list)  # (location, sentence)
    tables: list[TextTable] = field(default_factory=list)
    cells: list[LayoutCell] = field(default_factory=list)  # PDFs: numbers read off the page grid
    full_text: str = ""
    arxiv_ids: list[str] = field(default_factory=list)

    def claims(self) -> list[Claim]:
        """Every sentence stating a result number, then every numeric table cell, as claims."""
        out: list[Claim] = []
        for loc, sent in self.sentences:
            text = clean_text(sent)
            if not any(q.role in {"value", "diff"} for q in find_quantities(text)):
                continue
            c = claim_from_text(text, claim_id=f"c{len(out) + 1}", source=self.name, page=loc.get("page"),
                                line=loc.get("line"))
            if c.key_terms:
                out.append(c)
        for t in self.tables:
            for r, row in enumerate(t.rows):
                loc = t.locations[r] if r < len(t.locations) else {}
                if not row or len(row[0].split()) > 8:
                    continue  # a row labelled by a sentence (a table of claims) is read as sentences
                for c_i, cell in enumerate(row[1:], 1):
                    qs = [q for q in find_quantities(clean_text(cell)) if q.role == "value"]
                    if len(qs) != 1 or len(cell.split()) > 3:
                        continue
                    col = t.header[c_i] if c_i < len(t.header) else ""
                    text = f"{row[0]} {col} {_caption_context(t.caption)}: {qs[0].text}"
                    out.append(claim_from_text(text, claim_id=f"c{len(out) + 1}", source=self.name,
                                               page=loc.get("page"), line=loc.get("line"), table=t.label,
                                               row=row[0], column=col))
        for cell in self.cells:
            if cell.is_delta:
                continue
            text = f"{cell.row} {cell.column} {_caption_context(cell.caption)}: {cell.text}"
            out.append(claim_from_text(text, claim_id=f"c{len(out) + 1}", source=self.name, page=cell.page,
                                       table=cell.table, row=cell.row, column=cell.column))
        return out

    def samples_per_problem(self) -> int | None:
        """The n of "n = 20 samples per problem" when the document states one."""
        for pat in _SAMPLES:
            m = pat.search(self.full_text)
            if m and 1 <= int(m.group(1)) <= 10000:
                return int(m.group(1))
        return None


def _caption_context(caption: str) -> str:
    """The metric and k of a caption ("pass@1 (%) on HumanEval"), which name every cell below it."""
    keep = re.findall(r"pass@\s?\d+|pass@k|accuracy|exact match|F1|BLEU|ROUGE-?\w*|\d+-shot|zero-shot|few-shot",
                      caption or "", re.I)
    return " ".join(dict.fromkeys(k.replace(" ", "") for k in keep))


# --- loaders ----------------------------------------------------------------------------------
def load_document(doc: str, settings=None) -> Document:  # noqa: ANN001 - Settings
    """A PDF, Markdown/text file, arXiv id (ingested into the store) or literal text."""
    path = Path(doc)
    if path.is_file():
        if path.suffix.lower() == ".pdf":
            return _pdf_document(path)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as exc:
            raise AuditInputError(f"{path} is neither a PDF nor UTF-8 text; convert it first") from exc
        except OSError as exc:
            raise AuditInputError(f"cannot read {path}: {exc.strerror}") from exc
        return text_document(text, path.name, "markdown" if path.suffix.lower() in {".md", ".markdown"} else "text")
    if path.suffix.lower() in {".pdf", ".md", ".txt"} or path.is_dir():
        raise AuditInputError(f"{doc}: no such file; give a PDF, Markdown or text file, an arXiv id or a claim text")
    m = re.fullmatch(r"\s*(?:arXiv:)?(\d{4}\.\d{4,5})(v\d+)?\s*", doc, re.I)
    if m and settings is not None:
        return _arxiv_document(doc.strip(), settings)
    return text_document(doc, "<text>", "literal")


def _pdf_document(path: Path) -> Document:
    import pymupdf

    from verifier.layout import pdf_cells

    try:
        with pymupdf.open(str(path)) as pdf:
            pages = [p.get_text() for p in pdf]
    except Exception as exc:  # noqa: BLE001 - pymupdf raises several types for broken files
        raise AuditInputError(f"{path}: cannot open the PDF ({exc}); check that it is a complete, unencrypted PDF") from exc
    d = Document(name=path.name, kind="pdf", full_text="\n".join(pages))
    in_refs = False
    for pno, text in enumerate(pages, 1):
        # The bibliography holds volumes, pages and years, not results: stop at its heading
        # (an appendix heading after it starts results again).
        for block in re.split(r"\n(?=(?:References|Bibliography|REFERENCES|[A-H]\s+[A-Z][A-Za-z ]+)\s*\n)", text):
            head = block.strip().split("\n", 1)[0].strip()
            if head in {"References", "Bibliography", "REFERENCES"}:
                in_refs = True
            elif re.fullmatch(r"[A-H]\s+[A-Z][A-Za-z ]+", head):
                in_refs = False
            if in_refs:
                continue
            for s in split_sentences(clean_text(block)):
                if len(re.findall(r"\d+(?:\.\d+)?", s)) <= 6:
                    d.sentences.append(({"page": pno}, s))
    d.cells = pdf_cells(str(path))
    own = _arxiv_ids(pages[0]) if pages else []
    # The stamp on page 1 is the paper's own id, not a citation.
    d.arxiv_ids = [a for a in _arxiv_ids(d.full_text) if a not in own[:1]]
    return d


def _arxiv_document(ref: str, settings) -> Document:  # noqa: ANN001
    from synth.ingest import ingest_inputs
    from synth.store import open_store

    store = open_store(settings)
    try:
        res = ingest_inputs([ref], settings, store=store)[0]
        if res.status == "failed" or not res.paper_id:
            raise AuditInputError(f"{ref}: could not be fetched or parsed ({res.error})")
        paper = store.paper(res.paper_id)
        if paper is None or not paper.pdf_path or not Path(paper.pdf_path).is_file():
            raise AuditInputError(f"{ref}: ingested, but its PDF is not on disk; rerun 'litcheck ingest {ref}'")
        d = _pdf_document(Path(paper.pdf_path))
        d.name = ref
        return d
    finally:
        store.close()


def _arxiv_ids(text: str) -> list[str]:
    ids = []
    for m in re.finditer(r"(?:arxiv\.org/(?:abs|pdf)/|arXiv:\s?)(\d{4}\.\d{4,5})", text, re.I):
        if m.group(1) not in ids:
            ids.append(m.group(1))
    return ids


def _split_row(line: str) -> list[str] | None:
    if line.count("|") >= 2:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        return cells
    if "\t" in line:
        return [c.strip() for c in line.split("\t")]
    return None


def text_document(text: str, name: str, kind: str) -> Document:
    """Sentences (with line numbers) and pipe / tab-separated tables of a text or Markdown file."""
    d = Document(name=name, kind=kind, full_text=text, arxiv_ids=_arxiv_ids(text))
    lines = text.splitlines()
    i = 0
    caption = ""
    while i < len(lines):
        row = _split_row(lines[i])
        if row is None:
            line = lines[i]
            if re.match(r"^\s*(Table|Tab\.)\s*\d+", line):
                caption = line.strip()
            for s in split_sentences(clean_text(line)) if line.strip() else []:
                d.sentences.append(({"line": i + 1}, s))
            i += 1
            continue
        block: list[tuple[int, list[str]]] = []
        while i < len(lines) and _split_row(lines[i]) is not None:
            r = _split_row(lines[i])
            if r is not None and not all(re.fullmatch(r":?-{2,}:?", c) or not c for c in r):
                block.append((i + 1, r))
            i += 1
        if not block:
            continue
        header = block[0][1]
        body = block[1:]
        # Cells that are sentences (a table of claims) are read as sentences too.
        for ln, r in body:
            for cell in r:
                if len(cell.split()) >= 5:
                    for s in split_sentences(clean_text(cell)):
                        d.sentences.append(({"line": ln}, s))
        label_m = re.match(r"^\s*(Table\s*\d+)", caption or "")
        d.tables.append(TextTable(header=header, rows=[r for _, r in body], caption=caption,
                                  label=label_m.group(1) if label_m else None,
                                  locations=[{"line": ln} for ln, _ in body]))
        caption = ""
    return d
