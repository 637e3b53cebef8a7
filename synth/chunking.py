"""chunk(doc) -> list[Chunk]: retrieval units that never cross a page, so every hit cites one page."""

from __future__ import annotations

from dataclasses import replace

from synth.types import Chunk, ParsedDoc, Sentence, Table


def _table_text(table: Table, max_rows: int = 40) -> str:
    lines = [table.caption or table.label or "Table"]
    for row in table.grid()[:max_rows]:
        cells = [c.replace("\n", " ").strip() for c in row]
        if any(cells):
            lines.append(" | ".join(cells))
    return "\n".join(lines)


def _sentence_groups(sentences: list[Sentence]) -> list[list[Sentence]]:
    """Runs of sentences sharing page and section."""
    groups: list[list[Sentence]] = []
    for s in sentences:
        if groups and groups[-1][-1].page == s.page and groups[-1][-1].section == s.section:
            groups[-1].append(s)
        else:
            groups.append([s])
    return groups


def _merge_small(chunks: list[Chunk], min_words: int) -> list[Chunk]:
    """Fold chunks shorter than ``min_words`` into their neighbour on the same page.

    One-sentence sections (a heading's tail, a short appendix note) otherwise become tiny
    chunks that BM25's length normalisation ranks above the passages that hold results.
    """
    out: list[Chunk] = []
    for ch in chunks:
        small = len(ch.text.split()) < min_words
        if out and out[-1].page == ch.page and (small or len(out[-1].text.split()) < min_words):
            prev = out[-1]
            out[-1] = replace(prev, text=prev.text + " " + ch.text, section=prev.section or ch.section)
        else:
            out.append(ch)
    return [replace(ch, index=i) for i, ch in enumerate(out)]


def chunk(doc: ParsedDoc, paper_id: str, chunk_words: int = 160, overlap_sentences: int = 1) -> list[Chunk]:
    """Sentence-aligned text chunks of about ``chunk_words`` words, then one chunk per table and caption."""
    chunks: list[Chunk] = []

    def add(page: int, text: str, section: str | None, kind: str) -> None:
        text = text.strip()
        if text:
            chunks.append(Chunk(paper_id=paper_id, index=len(chunks), page=page, text=text, section=section, kind=kind))

    sentences = list(doc.sentences)
    covered_pages = {s.page for s in sentences}
    for group in _sentence_groups(sentences):
        start = 0
        while start < len(group):
            words, end = 0, start
            while end < len(group) and (words < chunk_words or end == start):
                words += len(group[end].text.split())
                end += 1
            add(group[start].page, " ".join(s.text for s in group[start:end]), group[start].section, "text")
            if end >= len(group):
                break
            start = max(end - overlap_sentences, start + 1)
    chunks = _merge_small(chunks, min_words=max(12, chunk_words // 4))
    # Pages with text but no sentences (e.g. all tables) still get searchable text.
    for page in doc.pages:
        if page.has_text and page.number not in covered_pages:
            words = page.text.split()
            for i in range(0, len(words), chunk_words):
                add(page.number, " ".join(words[i:i + chunk_words]), None, "text")
    for table in doc.tables:
        add(table.page, _table_text(table), None, "table")
    for fig in doc.figures:
        add(fig.page, fig.caption, None, "caption")
    return chunks
