"""parse_pdf: one PDF file -> ParsedDoc (PyMuPDF backend)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from synth.errors import ParseError
from synth.parse import PARSER_VERSION
from synth.parse.layout import (
    ARXIV_STAMP,
    Block,
    Heading,
    Line,
    blocks_from_dict,
    body_font_size,
    filter_headings,
    find_stamp,
    find_title,
    heading_of,
    split_authors,
)
from synth.parse.references import parse_reference, split_entries
from synth.parse.tables import (
    FIGURE_CAPTION,
    MAX_DRAWINGS_FOR_FIND_TABLES,
    TABLE_CAPTION,
    TABLE_CAPTION_ANYWHERE,
    extract_table,
    figures_from_captions,
    find_captions,
    table_region,
)
from synth.parse.text import document_vocabulary, join_lines, normalize_ligatures, split_sentences
from synth.types import Figure, PageText, Paragraph, ParsedDoc, Section, Sentence, Table

_VENUE_YEAR = re.compile(r"\b(?:ICLR|NeurIPS|NIPS|ICML|ACL|EMNLP|NAACL|EACL|CVPR|ICCV|ECCV|AAAI|IJCAI|COLM|TMLR|COLING)\s*'?(\d{4})\b")
_ISO_DATE = re.compile(r"\b((?:19|20)\d\d)-\d{1,2}-\d{1,2}\b")
# get_text()'s defaults (ligatures, whitespace, mediabox clip, CID fallback); no images, which
# halves the cost of "dict".
_TEXTFLAGS = 1 | 2 | 64 | 128


@dataclass(slots=True)
class _Page:
    number: int
    height: float
    width: float
    text: str
    blocks: list[Block]
    rotated: list[Line]


def _fail(path: Path, why: str, fix: str) -> ParseError:
    return ParseError(f"cannot parse {path}: {why}; {fix}")


def _open(path: Path) -> Any:
    """Open ``path`` with PyMuPDF after cheap checks; every failure becomes a one-line ParseError."""
    import pymupdf

    if hasattr(pymupdf, "no_recommend_layout"):
        pymupdf.no_recommend_layout()  # its advert goes to stdout and would corrupt --json output

    if not path.is_file():
        raise _fail(path, "file not found", "check the path")
    size = path.stat().st_size
    if size == 0:
        raise _fail(path, "the file is empty (0 bytes)", "download it again")
    with path.open("rb") as fh:
        head = fh.read(1024)
        fh.seek(max(0, size - 8192))  # tolerate a little junk after the last %%EOF
        tail = fh.read()
    if b"%PDF-" not in head:
        raise _fail(path, "not a PDF (no %PDF- header)", "pass a PDF file (is it an HTML error page?)")
    if b"%%EOF" not in tail:
        raise _fail(path, "the PDF is truncated (no %%EOF trailer)", "download it again")
    try:
        doc = pymupdf.open(str(path), filetype="pdf")
    except Exception as exc:  # noqa: BLE001 - pymupdf raises several unrelated types for broken files
        raise _fail(path, f"corrupt PDF ({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''})",
                    "download it again or repair it (e.g. with qpdf)") from exc
    if doc.needs_pass:
        doc.close()
        raise _fail(path, "the PDF is encrypted and needs a password", "decrypt it first (e.g. qpdf --decrypt)")
    if doc.page_count == 0:
        doc.close()
        raise _fail(path, "the PDF has no pages", "check the file")
    return doc


def _boilerplate(pages: list[_Page]) -> set[tuple[int, int, int]]:
    """Running headers/footers and page numbers: margin lines repeated on 3+ pages."""
    keys: Counter[tuple[str, int]] = Counter()
    where: dict[tuple[str, int], list[tuple[int, int, int]]] = {}
    for p in pages:
        for b in p.blocks:
            for i, ln in enumerate(b.lines):
                if ln.y1 < p.height * 0.09 or ln.y0 > p.height * 0.91:
                    key = (re.sub(r"\d+", "#", ln.text.strip()), round(ln.y0 / 6))
                    keys[key] += 1
                    where.setdefault(key, []).append((p.number, b.index, i))
    out: set[tuple[int, int, int]] = set()
    for key, n in keys.items():
        if n >= 3 or key[0] == "#":
            out.update(where[key])
    return out


def parse_pdf(path: str | Path) -> ParsedDoc:
    """Parse one PDF into a ParsedDoc (title, authors, arXiv id, sections, sentences, tables,
    figures, references). A pure function of the file's bytes.

    Raises ParseError (naming the file) for empty, non-PDF, truncated, corrupt, encrypted
    or page-less files.
    """
    path = Path(path)
    doc = _open(path)
    try:
        return _parse(doc, path)
    except ParseError:
        raise
    except Exception as exc:  # noqa: BLE001 - a broken page object tree surfaces as many error types
        raise _fail(path, f"failed while reading pages ({type(exc).__name__}: {exc})",
                    "the file may be damaged; download it again") from exc
    finally:
        doc.close()


def _drop_annotation_text(page: Any, blocks: list[Block]) -> tuple[list[Block], int]:
    """Remove lines drawn by FreeText annotations (a reader's margin notes, not the paper).

    The page text (PageText.text) keeps them: it stays exactly what get_text() returns.
    """
    import pymupdf

    notes = []
    for a in page.annots(types=[pymupdf.PDF_ANNOT_FREE_TEXT]):
        content = a.info.get("content") or ""
        note_lines = {" ".join(x.split()) for x in re.split(r"[\r\n]+", content)}
        notes.append((a.rect, " ".join(content.split()), note_lines))
    if not notes:
        return blocks, 0

    def is_note(l: Line) -> bool:
        # Inside a note's box *and* part of its text: a large box may overlap the paper's own
        # lines, and short paper lines ("1", "k") must not match a note by accident.
        mx, my = (l.x0 + l.x1) / 2, (l.y0 + l.y1) / 2
        words = " ".join(l.text.split())
        return any(r.x0 - 1 <= mx <= r.x1 + 1 and r.y0 - 1 <= my <= r.y1 + 1
                   and (words in note_lines or (len(words) >= 12 and words in content))
                   for r, content, note_lines in notes)

    kept: list[Block] = []
    dropped = 0
    for b in blocks:
        lines = [l for l in b.lines if not is_note(l)]
        dropped += len(b.lines) - len(lines)
        if lines:
            kept.append(Block(b.page, b.index, min(l.x0 for l in lines), min(l.y0 for l in lines),
                              max(l.x1 for l in lines), max(l.y1 for l in lines), lines))
    return kept, dropped


def _read_pages(doc: Any, warnings: list[str]) -> tuple[list[_Page], list[PageText]]:
    """Plain text of every page (kept verbatim) plus its layout; text-less pages are warned about."""
    pages: list[_Page] = []
    page_texts: list[PageText] = []
    for i, page in enumerate(doc, 1):
        # One text page serves both extractions (building it is most of their cost); the flags
        # are get_text()'s defaults, so PageText.text equals page.get_text() exactly.
        tp = page.get_textpage(flags=_TEXTFLAGS)
        text = page.get_text(textpage=tp)
        has_text = bool(text.strip())
        page_texts.append(PageText(i, text, has_text))
        if not has_text:
            warnings.append(f"page {i} has no extractable text (scanned image?)")
            pages.append(_Page(i, page.rect.height, page.rect.width, text, [], []))
            continue
        blocks, rotated = blocks_from_dict(i, page.get_text("dict", textpage=tp))
        blocks, n_notes = _drop_annotation_text(page, blocks)
        if n_notes:
            warnings.append(f"page {i}: {n_notes} line(s) of reader annotations (FreeText notes) kept out of the text")
        pages.append(_Page(i, page.rect.height, page.rect.width, text, blocks, rotated))
    return pages, page_texts


def _headings(pages: list[_Page], body: float, skip: set[tuple[int, int, int]],
              cutoff: float) -> dict[tuple[int, int, int], Heading]:
    """Section headings keyed by (page, block, line), after the table-of-contents and
    numbering filters. Page-1 candidates above ``cutoff`` (the front matter) are ignored."""
    raw: list[tuple[Heading, tuple[int, int, int]]] = []
    for p in pages:
        # A table of contents puts a lone page number on the heading's baseline, to its right,
        # or sits on a page titled "Contents": its entries are not the sections themselves.
        page_numbers = [ln for b in p.blocks for ln in b.lines if ln.text.isdigit()]
        toc_page = bool(re.search(r"(?mi)^\s*(table of )?contents\s*$", p.text))
        for b in p.blocks:
            for li, ln in enumerate(b.lines):
                if (p.number, b.index, li) in skip:
                    continue
                h = heading_of(ln, body)
                if h is None or (toc_page and h.number) or (p.number == 1 and h.y0 < cutoff):
                    continue
                if any(abs((n.y0 + n.y1) - (ln.y0 + ln.y1)) < 4 and n.x0 > ln.x1 + 20 for n in page_numbers):
                    continue
                raw.append((h, (p.number, b.index, li)))
    kept = {id(h) for h in filter_headings([h for h, _ in raw])}
    return {pos: h for h, pos in raw if id(h) in kept}


@dataclass(slots=True)
class _Body:
    sections: list[Section] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    para_sizes: list[float] = field(default_factory=list)  # mean font size per paragraph
    para_section: list[int] = field(default_factory=list)  # section index per paragraph (-1: none)
    ref_lines: list[Line] = field(default_factory=list)


@dataclass(slots=True)
class _Para:
    page: int
    section: Section | None
    lines: list[str]
    size: float


_CAPTION_START = re.compile(r"^(?:Table|Figure|Fig\.)\s+[A-Z]?\d+\s*[:.|]")


def _continues(prev: _Para, new: _Para, body: float) -> bool:
    """True when ``new`` carries on ``prev``'s sentence (column break, figure in between): same
    page, section and running-text size, and ``prev`` stops without closing punctuation."""
    last = prev.lines[-1].rstrip()
    running = min(prev.size, new.size) >= body - 0.6 and abs(prev.size - new.size) < 0.8
    return (running and prev.page == new.page and prev.section is new.section
            and (new.lines[0][:1].islower() or (new.lines[0][:1].isalnum() and not _aside(new)))
            and not last.endswith((".", "!", "?", ":"))
            and not _CAPTION_START.match(prev.lines[0]) and len(" ".join(prev.lines).split()) >= 8)


def _aside(para: _Para) -> bool:
    """Captions and short fragments (plot labels) that may interrupt a paragraph."""
    return bool(_CAPTION_START.match(para.lines[0])) or len(" ".join(para.lines).split()) < 8


def _walk(pages: list[_Page], heads: dict[tuple[int, int, int], Heading], skip: set[tuple[int, int, int]],
          table_boxes: dict[int, list[tuple[float, float, float, float]]], body: float,
          vocab: set[str]) -> _Body:
    """Walk every line in reading order: headings open sections, the lines of a block between
    headings form a paragraph, and lines under References are kept apart for splitting.

    A block that starts in lower case continues an unfinished paragraph of the same page and
    section (a column break, or a figure placed mid-paragraph), so they are joined.
    """
    out = _Body()
    paras: list[_Para] = []
    current: Section | None = None
    in_refs = False

    def flush(buf: list[Line], page: int) -> None:
        if not buf or in_refs:
            return
        size = sum(l.size for l in buf) / len(buf)
        texts = [l.text for l in buf]
        joined = " ".join(texts)
        # Small-print fragments (plot labels, legends) are not running text.
        if not any(c.isalpha() for c in joined) or (size < body - 1.5 and len(joined.split()) < 6):
            return
        para = _Para(page, current, texts, size)
        for prev in reversed(paras[-4:]):
            if _continues(prev, para, body):
                prev.lines.extend(texts)
                return
            if not _aside(prev):
                break  # only captions and figure labels may sit between the two halves
        paras.append(para)

    for p in pages:
        boxes = table_boxes.get(p.number, [])
        for b in p.blocks:
            buf: list[Line] = []
            for li, ln in enumerate(b.lines):
                pos = (p.number, b.index, li)
                if pos in skip:
                    continue
                h = heads.get(pos)
                if h:
                    flush(buf, p.number)
                    buf = []
                    current = Section(len(out.sections), normalize_ligatures(h.text), p.number, h.level)
                    out.sections.append(current)
                    in_refs = bool(re.match(r"(?i)(\d+\.?\s+)?(references|bibliography)$", h.text))
                elif in_refs:
                    out.ref_lines.append(ln)
                else:
                    mx, my = (ln.x0 + ln.x1) / 2, (ln.y0 + ln.y1) / 2
                    if not any(x0 <= mx <= x1 and y0 <= my <= y1 for x0, y0, x1, y1 in boxes):
                        buf.append(ln)  # lines inside a recovered table are cells, not prose
            flush(buf, p.number)

    for para in paras:
        pi = len(out.paragraphs)
        sec = para.section.heading if para.section else None
        text = normalize_ligatures(join_lines(para.lines, vocab))
        out.paragraphs.append(Paragraph(pi, para.page, text, sec))
        out.para_sizes.append(para.size)
        out.para_section.append(para.section.index if para.section else -1)
        for sentence in split_sentences(text):
            out.sentences.append(Sentence(len(out.sentences), para.page, sentence, pi, sec))
    return out


def _tables_and_figures(doc: Any, pages: list[_Page], body: float, vocab: set[str], warnings: list[str]):
    """Captioned tables (cells) and figure captions of every page."""
    tables: list[Table] = []
    figures: list[Figure] = []
    meta: list[dict[str, Any]] = []
    boxes: dict[int, list[tuple[float, float, float, float]]] = {}
    for p, page in zip(pages, doc):
        if not p.blocks:
            continue
        fig_caps = find_captions(p.blocks, FIGURE_CAPTION, vocab) if "Fig" in p.text else []
        figures.extend(figures_from_captions(fig_caps, p.number, len(figures)))
        if not TABLE_CAPTION_ANYWHERE.search(p.text):
            continue  # find_tables is only worth its cost next to a caption
        caps = find_captions(p.blocks, TABLE_CAPTION, vocab)
        page_words = page.get_text("words") if caps else []
        heavy = bool(caps) and len(page.get_cdrawings()) > MAX_DRAWINGS_FOR_FIND_TABLES
        for cap in caps:
            region = table_region(cap, p.blocks, p.width, body, caps + fig_caps, boxes.get(p.number, []))
            res = extract_table(page, cap, region, len(tables), p.number, page_words, heavy) if region else None
            if res is None:
                warnings.append(f"page {p.number}: {cap.label} has a caption but no cells were recovered")
                continue
            tables.append(res.table)
            boxes.setdefault(p.number, []).append(res.table.bbox)
            meta.append({"label": cap.label, "page": p.number, "strategy": res.strategy,
                         "n_rows": res.table.n_rows, "n_cols": res.table.n_cols})
    return tables, figures, meta, boxes


def _abstract(text: _Body, warnings: list[str]) -> str | None:
    """Paragraphs under an "Abstract" heading; else "Abstract: ..." text; else page 1's first
    long paragraph (layouts without the heading)."""
    sec = next((s for s in text.sections if s.heading.lower() == "abstract" and s.page <= 2), None)
    if sec is not None:
        cands = [(pp.text, sz) for pp, si, sz in zip(text.paragraphs, text.para_section, text.para_sizes)
                 if si == sec.index]
        # Footnotes (affiliations, venue notes) can fall inside the abstract's span: keep the
        # paragraphs set in the abstract's own size.
        parts = [t for t, sz in cands if sz >= cands[0][1] - 0.6] if cands else []
        return " ".join(parts) or None
    for pp in text.paragraphs[:40]:
        m = re.match(r"(?i)^abstract\s*[.:—–-]\s*", pp.text)
        if m and pp.page <= 2:
            return pp.text[m.end():] or None
    for pp in text.paragraphs:
        n_words = len(pp.text.split())
        if pp.page == 1 and pp.section is None and n_words >= 60 and pp.text.count(",") < 0.2 * n_words:
            warnings.append("abstract taken from the first long paragraph of page 1 (no 'Abstract' heading)")
            return pp.text
    return None


def _parse(doc: Any, path: Path) -> ParsedDoc:
    warnings: list[str] = []
    pages, page_texts = _read_pages(doc, warnings)
    vocab = document_vocabulary([p.text for p in pages])
    body = body_font_size([b for p in pages for b in p.blocks])
    skip = _boilerplate(pages) if len(pages) >= 4 else set()
    first = pages[0]
    title, title_bottom = find_title(first.blocks, first.height) if first.blocks else (None, 0.0)
    abstract_head = next((heading_of(l, body) for b in first.blocks for l in b.lines
                          if l.text.strip().lower() == "abstract" and heading_of(l, body)), None)
    # Front matter above the abstract (affiliations with superscript numbers) holds no sections;
    # 15 pt of slack lets a heading share the abstract's line in the other column.
    cutoff = (abstract_head.y0 if abstract_head else title_bottom) - 15
    heads = _headings(pages, body, skip, cutoff)
    tables, figures, table_meta, boxes = _tables_and_figures(doc, pages, body, vocab, warnings)
    text = _walk(pages, heads, skip, boxes, body, vocab)
    references = [parse_reference(i, raw) for i, raw in enumerate(split_entries(text.ref_lines, vocab))]

    meta = {k: v for k, v in (doc.metadata or {}).items() if v}
    if not title and meta.get("title"):
        title = meta["title"].strip()
    if not title:
        warnings.append("no title found on page 1")
    stamp = find_stamp([l for b in first.blocks for l in b.lines], first.rotated)
    arxiv_id = stamp.arxiv_id if stamp else None
    arxiv_version = stamp.version if stamp else None
    if not stamp:
        for key in ("subject", "keywords", "title"):
            m = ARXIV_STAMP.search(meta.get(key, "") or "")
            if m:
                arxiv_id, arxiv_version = m.group("id"), m.group("ver")
                break
    abstract = _abstract(text, warnings)
    if abstract is None:
        warnings.append("no abstract found")

    # Authors sit between the title and the abstract (or the first heading) of page 1.
    first_head_y = min((h.y0 for pos, h in heads.items() if pos[0] == 1), default=first.height * 0.5)
    stop_y = min(first.height * 0.5, first_head_y)
    author_lines = [l for b in first.blocks for l in b.lines
                    if title_bottom < l.y0 < stop_y and l.size >= body - 2.5]
    authors = split_authors(author_lines)
    if not authors and meta.get("author"):
        authors = tuple(a.strip() for a in re.split(r",|;|\band\b", meta["author"]) if a.strip())

    year, year_source = _year(stamp.year if stamp else None, first, meta)
    if not references:
        warnings.append("no references found")
    metadata: dict[str, Any] = dict(meta)
    metadata.update({
        "page_count": len(pages),
        "body_font_size": body,
        "arxiv_stamp": stamp.text if stamp else None,
        "arxiv_category": stamp.category if stamp else None,
        "year_source": year_source,
        "tables": table_meta,  # per table: label, page, strategy ("lines" | "text" | "words"), shape
    })
    return ParsedDoc(
        title=title,
        authors=authors,
        arxiv_id=arxiv_id,
        arxiv_version=arxiv_version,
        abstract=abstract,
        pages=tuple(page_texts),
        sections=tuple(text.sections),
        paragraphs=tuple(text.paragraphs),
        sentences=tuple(text.sentences),
        tables=tuple(tables),
        figures=tuple(figures),
        references=tuple(references),
        year=year,
        warnings=tuple(warnings),
        parser_version=PARSER_VERSION,
        metadata=metadata,
    )


def _year(stamp_year: int | None, first: _Page, meta: dict[str, Any]) -> tuple[int | None, str | None]:
    """Year from the stamp, else a venue or date in page 1's header, else the PDF creation date."""
    if stamp_year:
        return stamp_year, "arxiv_stamp"
    header = " ".join(l.text for b in first.blocks for l in b.lines if l.y1 < first.height * 0.12)
    m = _VENUE_YEAR.search(header) or _ISO_DATE.search(header)
    if m:
        return int(m.group(1)), "page_header"
    m = re.match(r"D:((?:19|20)\d\d)", meta.get("creationDate", "") or "")
    if m:
        return int(m.group(1)), "pdf_creation_date"
    return None, None
