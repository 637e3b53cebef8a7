"""parse_pdf on generated papers: front matter, sections, sentences, tables, figures,
references, scanned pages and every kind of bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from synth.errors import ParseError
from synth.parse import PARSER_VERSION, parse_pdf
from tests.helpers.pdfgen import PaperSpec, SectionSpec, TableSpec, make_paper_pdf, sample_spec


@pytest.fixture(scope="module")
def sample_doc(tmp_path_factory: pytest.TempPathFactory):
    spec = sample_spec()
    spec.blank_pages = 1
    path = make_paper_pdf(tmp_path_factory.mktemp("pdf") / "tiny.pdf", spec)
    return parse_pdf(path)


def test_front_matter(sample_doc) -> None:
    d = sample_doc
    assert d.title == "Tiny Coders: Small Models for Code"
    assert d.authors == ("Ada Lovelace", "Alan Turing")
    assert (d.arxiv_id, d.arxiv_version) == ("2101.00001", "v1")
    assert d.year == 2021
    assert d.abstract is not None
    assert d.abstract.startswith("We train TinyCoder, a family of small code models.")
    assert "28.81% pass@1 on HumanEval" in d.abstract
    assert "Introduction" not in d.abstract
    assert d.parser_version == PARSER_VERSION


def test_title_not_taken_from_rotated_stamp(sample_doc) -> None:
    assert "arXiv" not in (sample_doc.title or "")
    assert sample_doc.metadata["arxiv_stamp"].startswith("arXiv:2101.00001v1")


def test_sections_with_levels_and_pages(sample_doc) -> None:
    heads = [(s.heading, s.level, s.page) for s in sample_doc.sections]
    assert heads == [
        ("Abstract", 1, 1),
        ("1 Introduction", 1, 1),
        ("2 Method", 1, 1),
        ("3 Results", 1, 1),
        ("4 Conclusion", 1, 1),
        ("References", 1, 1),
    ]


def test_sentences_keep_numbers_pages_and_sections(sample_doc) -> None:
    by_text = {s.text: s for s in sample_doc.sentences}
    s = by_text["TinyCoder-1B achieves 28.81% pass@1 on HumanEval, while BaseCoder-1B achieves 25.71%."]
    assert s.page == 1 and s.section == "3 Results"
    assert "The calibration error is 0.39 and the accuracy is 72.3±0.4 on the held-out split." in by_text
    # "et al." does not end a sentence.
    assert "Large language models for code are evaluated with pass@k on HumanEval (Chen et al., 2021)." in by_text
    para = sample_doc.paragraphs[s.paragraph]
    assert s.text in para.text and para.section == "3 Results"
    # Table cells are not repeated as paragraphs.
    assert not any(p.text.strip() == "25.71" for p in sample_doc.paragraphs)


def test_table_cells_header_and_caption(sample_doc) -> None:
    assert len(sample_doc.tables) == 1
    t = sample_doc.tables[0]
    assert t.label == "Table 1"
    assert t.caption == "Table 1: pass@1 (%) on HumanEval and MBPP."
    assert t.page == 1
    assert (t.n_rows, t.n_cols, t.header_rows) == (4, 3, 1)
    assert t.grid() == [
        ["Model", "HumanEval", "MBPP"],
        ["BaseCoder-1B", "25.71", "38.0"],
        ["TinyCoder-1B", "28.81", "41.2"],
        ["TinyCoder-3B", "35.40", "47.9"],
    ]
    assert all(c.is_header == (c.row == 0) for c in t.cells)
    assert sample_doc.metadata["tables"][0]["strategy"] in {"lines", "text", "words"}


def test_figure_captions(sample_doc) -> None:
    assert [(f.label, f.page, f.caption) for f in sample_doc.figures] == [
        ("Figure 1", 1, "Figure 1: Training loss of TinyCoder-1B over steps.")
    ]


def test_references_split_with_arxiv_ids_and_years(sample_doc) -> None:
    refs = sample_doc.references
    assert len(refs) == 2
    assert refs[0].arxiv_id == "2107.03374" and refs[0].year == 2021
    assert refs[0].title == "Evaluating large language models trained on code"
    assert refs[0].authors.startswith("Mark Chen, Jerry Tworek")
    assert refs[1].arxiv_id is None and refs[1].year == 2022
    assert refs[1].title == "LoRA: Low-rank adaptation of large language models"
    # References are kept out of the running text.
    assert not any("Evaluating large language models trained on code" in s.text for s in sample_doc.sentences)


def test_blank_page_is_kept_and_warned(sample_doc) -> None:
    assert sample_doc.n_pages == 2
    last = sample_doc.pages[-1]
    assert last.number == 2 and last.has_text is False
    assert "page 2 has no extractable text (scanned image?)" in sample_doc.warnings
    assert sample_doc.pages[0].has_text and "TinyCoder" in sample_doc.pages[0].text


def test_multi_page_paper_without_stamp(tmp_path: Path) -> None:
    spec = PaperSpec(
        title="Scaling Laws for Tiny Things",
        authors=["Grace Hopper"],
        abstract="We measure things.",
        arxiv_stamp=None,
        sections=[
            SectionSpec("1 Introduction", ["Intro text that is long enough to be a sentence."]),
            SectionSpec("2 Experiments", ["We report accuracy of 91.5 on the test set."], new_page=True),
            SectionSpec("2.1 Setup", ["The batch size is 64 and the learning rate is 3e-4."]),
            SectionSpec("A Appendix", ["Extra results. See Table 2."], new_page=True, tables=[
                TableSpec("Table 2: Extra results.", ["Setting", "Acc"], [["base", "90.1"], ["ours", "[+2.5] 92.6"]]),
            ]),
        ],
        references=["Jane Doe and John Roe. A paper on things. arXiv preprint arXiv:2001.01234, 2020."],
    )
    d = parse_pdf(make_paper_pdf(tmp_path / "p.pdf", spec))
    assert d.title == "Scaling Laws for Tiny Things"
    assert d.arxiv_id is None and d.arxiv_version is None
    heads = {s.heading: (s.level, s.page) for s in d.sections}
    assert heads["2 Experiments"] == (1, 2)
    assert heads["2.1 Setup"] == (2, 2)
    assert heads["A Appendix"] == (1, 3)
    s = next(s for s in d.sentences if "91.5" in s.text)
    assert s.page == 2 and s.section == "2 Experiments"
    t = d.tables[0]
    assert t.page == 3 and t.label == "Table 2"
    assert ["ours", "[+2.5] 92.6"] in t.grid()
    assert d.references[0].arxiv_id == "2001.01234" and d.references[0].year == 2020


def _assert_parse_error(path: Path, words: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_pdf(path)
    msg = str(info.value)
    assert str(path) in msg and words in msg and "\n" not in msg


def test_zero_byte_file(tmp_path: Path) -> None:
    p = tmp_path / "empty.pdf"
    p.write_bytes(b"")
    _assert_parse_error(p, "empty")


def test_not_a_pdf(tmp_path: Path) -> None:
    p = tmp_path / "page.pdf"
    p.write_text("<html><body>404 Not Found</body></html>")
    _assert_parse_error(p, "not a PDF")


def test_truncated_pdf(tmp_path: Path) -> None:
    good = make_paper_pdf(tmp_path / "good.pdf", sample_spec())
    p = tmp_path / "cut.pdf"
    p.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    _assert_parse_error(p, "truncated")


def test_corrupt_pdf(tmp_path: Path) -> None:
    p = tmp_path / "garbage.pdf"
    p.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20 + b"\n%%EOF\n")
    with pytest.raises(ParseError) as info:
        parse_pdf(p)
    assert str(p) in str(info.value)


def test_encrypted_pdf(tmp_path: Path) -> None:
    p = make_paper_pdf(tmp_path / "locked.pdf", sample_spec(), encrypt_password="secret")
    _assert_parse_error(p, "encrypted")


def test_missing_file(tmp_path: Path) -> None:
    _assert_parse_error(tmp_path / "nope.pdf", "not found")


def test_pdf_without_pages(tmp_path: Path) -> None:
    p = tmp_path / "nopages.pdf"
    p.write_bytes(
        b"%PDF-1.4\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n"
        b"2 0 obj <</Type/Pages/Kids[]/Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n"
    )
    _assert_parse_error(p, "no pages")


def test_two_column_page_with_booktabs_table(tmp_path: Path) -> None:
    from tests.helpers.pdfgen import make_two_column_pdf

    d = parse_pdf(make_two_column_pdf(tmp_path / "two.pdf"))
    assert d.title == "Columns, Rules and Hyphens"
    assert d.authors == ("Grace Hopper", "Edsger Dijkstra")
    assert (d.arxiv_id, d.arxiv_version, d.year) == ("2305.13245", "v3", 2023)
    # Line-break hyphens: compounds keep theirs, split words are rejoined.
    assert d.abstract == ("We study fine-tuning of small models and a new representation of attention heads. "
                          "Uptrained models keep 47.2 ROUGE at 0.24 ms.")
    assert [s.heading for s in d.sections] == ["Abstract", "1 Introduction", "2 Results", "3 Conclusion", "References"]
    (t,) = d.tables
    assert t.label == "Table 1" and t.caption.startswith("Table 1: Inference time and quality")
    assert t.grid() == [
        ["Model", "Time", "CNN", "TriviaQA"],
        ["MHA-XXL", "1.51", "47.2", "81.9"],
        ["MQA-XXL", "0.24", "46.6", "81.3"],
        ["GQA-8-XXL", "0.28", "47.1", "81.6"],
    ]
    assert t.header_rows == 1
    assert d.metadata["tables"][0]["strategy"] == "words"  # no vertical rules: rebuilt from word boxes
    refs = d.references
    assert [(r.year, r.arxiv_id) for r in refs] == [(2021, "2107.03374"), (2022, "2106.09685"), (2019, None)]
    assert refs[0].authors == "Mark Chen, Jerry Tworek, and Wojciech Zaremba"
    assert refs[1].title == "LoRA: Low-rank adaptation of large language models"
    assert refs[2].title == "Fast transformer decoding: One write-head is all you need"


def test_scanned_only_pdf_parses_with_warnings(tmp_path: Path) -> None:
    import pymupdf

    p = tmp_path / "scan.pdf"
    doc = pymupdf.open()
    doc.new_page()
    doc.new_page()
    doc.save(str(p))
    doc.close()
    d = parse_pdf(p)
    assert d.n_pages == 2 and not any(pg.has_text for pg in d.pages)
    assert d.title is None and d.sentences == () and d.tables == ()
    assert "page 1 has no extractable text (scanned image?)" in d.warnings
    assert "page 2 has no extractable text (scanned image?)" in d.warnings


def test_table_of_contents_entries_are_not_sections(tmp_path: Path) -> None:
    import pymupdf

    p = tmp_path / "toc.pdf"
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    page.insert_text((72, 80), "A Report With Contents", fontsize=18, fontname="hebo")
    for i, (head, pno) in enumerate([("1 Introduction", "2"), ("2 Method", "2")]):
        page.insert_text((72, 140 + 20 * i), head, fontsize=11, fontname="hebo")
        page.insert_text((520, 140 + 20 * i), pno, fontsize=11, fontname="hebo")
    page = doc.new_page(width=612, height=792)
    page.insert_text((72, 80), "1 Introduction", fontsize=12, fontname="hebo")
    page.insert_text((72, 100), "We introduce the method and report 12.5 points.", fontsize=10, fontname="helv")
    page.insert_text((72, 130), "2 Method", fontsize=12, fontname="hebo")
    page.insert_text((72, 150), "The method is simple.", fontsize=10, fontname="helv")
    doc.save(str(p))
    doc.close()
    d = parse_pdf(p)
    assert [(s.heading, s.page) for s in d.sections] == [("1 Introduction", 2), ("2 Method", 2)]
    s = next(s for s in d.sentences if "12.5" in s.text)
    assert s.section == "1 Introduction" and s.page == 2


def test_reader_margin_notes_stay_out_of_paragraphs(tmp_path: Path) -> None:
    import pymupdf

    src = make_paper_pdf(tmp_path / "clean.pdf", sample_spec())
    doc = pymupdf.open(str(src))
    doc[0].add_freetext_annot(pymupdf.Rect(4, 300, 56, 360), "- note: check the 99.9 claim", fontsize=8)
    out = tmp_path / "annotated.pdf"
    doc.save(str(out))
    doc.close()
    d = parse_pdf(out)
    assert not any("99.9" in p.text for p in d.paragraphs)
    assert any("reader annotations" in w for w in d.warnings)
    assert d.title == "Tiny Coders: Small Models for Code" and len(d.tables) == 1


def _words(y: float, *items: tuple[float, str]) -> list[tuple]:
    """Words of one line: (x, text) pairs, 5 pt per character, 3 pt between words."""
    out = []
    for x, text in items:
        for w in text.split(" "):
            out.append((x, y, x + 5.0 * len(w), y + 8.0, w))
            x += 5.0 * len(w) + 3.0
    return out


def test_a_group_header_goes_to_the_first_column_it_is_centred_over() -> None:
    """MTP's Table S2: "Wikipedia", "Books", "Code" each head a pair of columns. By overlap alone
    "Books" lands on the second of its pair, and the column before it takes "Wikipedia"."""
    from synth.parse.tables import words_grid

    cols = [(150, 190), (210, 250), (270, 310), (330, 370)]  # numbers right-aligned in these bands
    centre = lambda a, b, w: ((cols[a][0] + cols[b][1]) / 2 - 2.5 * len(w), w)  # noqa: E731
    words = _words(10, centre(0, 1, "Books"), centre(2, 3, "Code"))
    # The sub-headers start left of the numbers under them, so each band leans left.
    words += _words(22, (60, "Heads"), (155, "Speedup"), (202, "Tokens"), (275, "Speedup"), (322, "Tokens"))
    for y, row in ((34, ["1", "1.00", "1.00", "1.00", "1.00"]), (46, ["4", "2.67", "3.09", "3.05", "3.50"])):
        words += _words(y, (60, row[0]), *[(cols[k][1] - 5.0 * len(v), v) for k, v in enumerate(row[1:])])
    grid = words_grid(words)
    assert grid[0] == ["", "Books", "", "Code", ""]
    assert grid[3] == ["4", "2.67", "3.09", "3.05", "3.50"]
    # A header row with a word over every column keeps each word over its own column.
    assert grid[1] == ["Heads", "Speedup", "Tokens", "Speedup", "Tokens"]
