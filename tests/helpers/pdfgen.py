"""Generate paper-like PDFs with PyMuPDF for tests: title, authors, abstract, sections,
ruled tables with captions, figure captions, references and an arXiv stamp.

Nothing here reads ../shared or the network.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pymupdf as fitz

PAGE_W, PAGE_H = 612, 792
MARGIN = 60
FONT = "helv"
BOLD = "hebo"


@dataclass
class TableSpec:
    caption: str  # e.g. "Table 1: pass@1 on HumanEval."
    header: list[str]
    rows: list[list[str]]


@dataclass
class SectionSpec:
    heading: str  # e.g. "1 Introduction"
    paragraphs: list[str] = field(default_factory=list)
    tables: list[TableSpec] = field(default_factory=list)
    figures: list[str] = field(default_factory=list)  # captions: "Figure 1: ..."
    new_page: bool = False


@dataclass
class PaperSpec:
    title: str = "A Study of Things"
    authors: list[str] = field(default_factory=lambda: ["Ada Lovelace", "Alan Turing"])
    abstract: str = "We study things and report numbers."
    sections: list[SectionSpec] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    arxiv_stamp: str | None = "2101.00001v1"  # printed in the left margin as arXiv papers are
    blank_pages: int = 0  # extra pages with no text (to look like scans)


class _Writer:
    def __init__(self, doc: fitz.Document) -> None:
        self.doc = doc
        self.page = None
        self.y = 0.0
        self.new_page()

    def new_page(self) -> None:
        self.page = self.doc.new_page(width=PAGE_W, height=PAGE_H)
        self.y = MARGIN

    def ensure(self, height: float) -> None:
        if self.y + height > PAGE_H - MARGIN:
            self.new_page()

    def text(self, text: str, size: float = 10, font: str = FONT, gap: float = 6, align: int = 0) -> None:
        width = PAGE_W - 2 * MARGIN
        # Estimate lines generously; insert_textbox returns < 0 when the box is too small.
        est_lines = max(1, int(fitz.get_text_length(text, fontname=font, fontsize=size) / width) + 2)
        height = est_lines * size * 1.35
        self.ensure(height)
        rect = fitz.Rect(MARGIN, self.y, PAGE_W - MARGIN, self.y + height)
        spare = self.page.insert_textbox(rect, text, fontsize=size, fontname=font, align=align)
        used = height - spare if spare >= 0 else height
        self.y += used + gap

    def table(self, spec: TableSpec) -> None:
        n_rows = len(spec.rows) + 1
        row_h = 16.0
        self.ensure(row_h * n_rows + 40)
        self.text(spec.caption, size=9, gap=4)
        n_cols = len(spec.header)
        width = PAGE_W - 2 * MARGIN
        first_w = width * 0.34
        other_w = (width - first_w) / max(1, n_cols - 1)
        xs = [MARGIN, MARGIN + first_w] + [MARGIN + first_w + other_w * i for i in range(1, n_cols)]
        xs = xs[: n_cols + 1]
        if len(xs) < n_cols + 1:
            xs.append(PAGE_W - MARGIN)
        xs[-1] = PAGE_W - MARGIN
        top = self.y
        for r, cells in enumerate([spec.header] + spec.rows):
            y0 = top + r * row_h
            for c, cell in enumerate(cells):
                self.page.insert_text((xs[c] + 3, y0 + 12), cell, fontsize=9, fontname=BOLD if r == 0 else FONT)
        bottom = top + n_rows * row_h
        for r in range(n_rows + 1):
            y = top + r * row_h
            self.page.draw_line((xs[0], y), (xs[-1], y), width=0.6)
        for x in xs:
            self.page.draw_line((x, top), (x, bottom), width=0.6)
        self.y = bottom + 12


def make_paper_pdf(path: str | Path, spec: PaperSpec, encrypt_password: str | None = None) -> Path:
    """Write ``spec`` as a PDF at ``path`` and return the path."""
    path = Path(path)
    doc = fitz.open()
    w = _Writer(doc)
    if spec.arxiv_stamp:
        stamp = f"arXiv:{spec.arxiv_stamp}  [cs.LG]  1 Jan 2021"
        w.page.insert_text((22, PAGE_H - 200), stamp, fontsize=14, fontname=FONT, rotate=90, color=(0.5, 0.5, 0.5))
    w.text(spec.title, size=17, font=BOLD, gap=10, align=1)
    w.text(", ".join(spec.authors), size=11, gap=14, align=1)
    w.text("Abstract", size=11, font=BOLD, gap=4, align=1)
    w.text(spec.abstract, size=10, gap=12)
    for section in spec.sections:
        if section.new_page:
            w.new_page()
        w.text(section.heading, size=12, font=BOLD, gap=6)
        for para in section.paragraphs:
            w.text(para, size=10, gap=8)
        for table in section.tables:
            w.table(table)
        for caption in section.figures:
            w.ensure(120)
            w.page.draw_rect(fitz.Rect(MARGIN + 80, w.y, PAGE_W - MARGIN - 80, w.y + 80), width=0.8)
            w.y += 88
            w.text(caption, size=9, gap=10)
    if spec.references:
        w.text("References", size=12, font=BOLD, gap=6)
        for i, ref in enumerate(spec.references, 1):
            w.text(f"[{i}] {ref}", size=9, gap=4)
    for _ in range(spec.blank_pages):
        doc.new_page(width=PAGE_W, height=PAGE_H)
    doc.set_metadata({"title": spec.title, "author": ", ".join(spec.authors)})
    if encrypt_password:
        doc.save(str(path), encryption=fitz.PDF_ENCRYPT_AES_256, user_pw=encrypt_password, owner_pw=encrypt_password + "o")
    else:
        doc.save(str(path))
    doc.close()
    return path


def sample_spec(arxiv_stamp: str | None = "2101.00001v1", title: str = "Tiny Coders: Small Models for Code") -> PaperSpec:
    """A small paper with results in text and in a table, used across the test suite."""
    return PaperSpec(
        title=title,
        authors=["Ada Lovelace", "Alan Turing"],
        abstract=(
            "We train TinyCoder, a family of small code models. TinyCoder-1B reaches 28.81% pass@1 on HumanEval "
            "and 41.2% pass@1 on MBPP, outperforming BaseCoder-1B by 3.1 points on HumanEval."
        ),
        arxiv_stamp=arxiv_stamp,
        sections=[
            SectionSpec("1 Introduction", [
                "Large language models for code are evaluated with pass@k on HumanEval (Chen et al., 2021). "
                "We ask whether small models can compete. Our contributions are threefold.",
            ]),
            SectionSpec("2 Method", [
                "We fine-tune with LoRA at rank r = 16 and alpha 32 on CodeAlpaca for 3 epochs. "
                "Sampling uses temperature 0.2 and n = 20 samples per problem.",
            ], figures=["Figure 1: Training loss of TinyCoder-1B over steps."]),
            SectionSpec("3 Results", [
                "Table 1 lists the results. TinyCoder-1B achieves 28.81% pass@1 on HumanEval, while BaseCoder-1B "
                "achieves 25.71%. The calibration error is 0.39 and the accuracy is 72.3±0.4 on the held-out split.",
            ], tables=[TableSpec(
                "Table 1: pass@1 (%) on HumanEval and MBPP.",
                ["Model", "HumanEval", "MBPP"],
                [["BaseCoder-1B", "25.71", "38.0"], ["TinyCoder-1B", "28.81", "41.2"], ["TinyCoder-3B", "35.40", "47.9"]],
            )]),
            SectionSpec("4 Conclusion", ["Small models trained well are competitive on HumanEval."]),
        ],
        references=[
            "Mark Chen, Jerry Tworek, et al. Evaluating large language models trained on code. arXiv preprint arXiv:2107.03374, 2021.",
            "Edward J. Hu, Yelong Shen, et al. LoRA: Low-rank adaptation of large language models. In ICLR, 2022.",
        ],
    )


def make_two_column_pdf(path: str | Path) -> Path:
    """A two-column paper page laid out line by line (so line breaks are controlled): rotated
    arXiv stamp, hyphenated line ends, a full-width booktabs-style table (horizontal rules
    only) with its caption *below*, and a second page of author-year references with
    hanging indents. Used to test the parser's word-coordinate paths."""
    path = Path(path)
    doc = fitz.open()
    page = doc.new_page(width=PAGE_W, height=PAGE_H)
    page.insert_text((22, PAGE_H - 220), "arXiv:2305.13245v3  [cs.CL]  23 Dec 2023", fontsize=14, fontname=FONT,
                     rotate=90, color=(0.5, 0.5, 0.5))
    page.insert_text((120, 80), "Columns, Rules and Hyphens", fontsize=18, fontname=BOLD)
    page.insert_text((180, 105), "Grace Hopper, Edsger Dijkstra", fontsize=11, fontname=BOLD)
    left, right = MARGIN, PAGE_W / 2 + 10

    def lines(x: float, y: float, texts: list[str], size: float = 10, font: str = FONT) -> float:
        for t in texts:
            page.insert_text((x, y), t, fontsize=size, fontname=font)
            y += size * 1.3
        return y

    y = lines(left, 140, ["Abstract"], size=11, font=BOLD)
    y = lines(left, y + 4, [
        "We study fine-",
        "tuning of small models and a new rep-",
        "resentation of attention heads. Uptrained",
        "models keep 47.2 ROUGE at 0.24 ms.",
    ])
    y = lines(left, y + 10, ["1 Introduction"], size=12, font=BOLD)
    lines(left, y + 4, [
        "Decoder inference is slow because of",
        "memory bandwidth. We convert heads.",
    ])
    y = lines(right, 140, ["2 Results"], size=12, font=BOLD)
    lines(right, y + 4, [
        "Table 1 compares inference time and",
        "quality of the uptrained models.",
    ])
    # Booktabs table across both columns: three rules, no vertical lines, caption below.
    top = 300.0
    cols = [MARGIN, 220, 320, 420]
    rows = [["Model", "Time", "CNN", "TriviaQA"], ["MHA-XXL", "1.51", "47.2", "81.9"],
            ["MQA-XXL", "0.24", "46.6", "81.3"], ["GQA-8-XXL", "0.28", "47.1", "81.6"]]
    page.draw_line((MARGIN, top), (PAGE_W - MARGIN, top), width=0.8)
    for r, cells in enumerate(rows):
        yy = top + 14 + r * 14 + (4 if r else 0)
        for x, cell in zip(cols, cells):
            page.insert_text((x, yy), cell, fontsize=9, fontname=FONT)
        if r == 0:
            page.draw_line((MARGIN, yy + 5), (PAGE_W - MARGIN, yy + 5), width=0.5)
    bottom = top + 14 * len(rows) + 10
    page.draw_line((MARGIN, bottom), (PAGE_W - MARGIN, bottom), width=0.8)
    page.insert_text((MARGIN, bottom + 18), "Table 1: Inference time and quality of uptrained T5-XXL models with MHA, MQA and GQA.",
                     fontsize=9, fontname=FONT)
    y = lines(left, bottom + 50, ["3 Conclusion"], size=12, font=BOLD)
    lines(left, y + 4, ["Grouped heads are a good trade-off."])
    ref_page = doc.new_page(width=PAGE_W, height=PAGE_H)
    page = ref_page
    y = lines(left, 80, ["References"], size=12, font=BOLD)
    entries = [
        ["Mark Chen, Jerry Tworek, and Wojciech Zaremba. 2021.", "Evaluating large language models trained on",
         "code. arXiv preprint arXiv:2107.03374."],
        ["Edward J. Hu, Yelong Shen, and Weizhu Chen. 2022.", "LoRA: Low-rank adaptation of large language",
         "models. CoRR, abs/2106.09685."],
        ["Noam Shazeer. 2019. Fast transformer decoding: One", "write-head is all you need."],
    ]
    for entry in entries:
        page.insert_text((left, y + 4), entry[0], fontsize=9, fontname=FONT)
        y += 4 + 9 * 1.3
        for cont in entry[1:]:
            page.insert_text((left + 10, y + 4), cont, fontsize=9, fontname=FONT)
            y += 9 * 1.3
        y += 3
    doc.save(str(path))
    doc.close()
    return path
