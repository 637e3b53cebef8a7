"""Sentence splitting, line joining and the layout heuristics that need no PDF."""

from __future__ import annotations

from synth.parse import split_sentences
from synth.parse.layout import Heading, Line, filter_headings, heading_of, split_authors
from synth.parse.references import parse_reference
from synth.parse.tables import header_row_count, words_grid
from synth.parse.text import document_vocabulary, join_lines


def test_split_keeps_abbreviations_and_numbers() -> None:
    text = (
        "LoRA was proposed by Hu et al. (2021) and reaches 28.81 on the benchmark. "
        "We use, e.g. BERT, i.e. an encoder. See Fig. 3 and Eq. 2 for details. "
        "Results are in Tab. 4 vs. the baseline with 72.3±0.4 and [+2.5] gains. "
        "Version 1.2.3 of the tool was used. Table 1. Another sentence follows."
    )
    assert split_sentences(text) == [
        "LoRA was proposed by Hu et al. (2021) and reaches 28.81 on the benchmark.",
        "We use, e.g. BERT, i.e. an encoder.",
        "See Fig. 3 and Eq. 2 for details.",
        "Results are in Tab. 4 vs. the baseline with 72.3±0.4 and [+2.5] gains.",
        "Version 1.2.3 of the tool was used.",
        "Table 1. Another sentence follows.",  # a caption label opens its sentence
    ]
    assert split_sentences("The scores are in Table 1. The model wins.") == [
        "The scores are in Table 1.",
        "The model wins.",
    ]


def test_split_needs_capital_after_period() -> None:
    assert split_sentences("It scored 0.39 in Table 1. the next part is lower case.") == [
        "It scored 0.39 in Table 1. the next part is lower case."
    ]
    assert split_sentences("Is it good? Yes! It is.") == ["Is it good?", "Yes!", "It is."]
    assert split_sentences("Written by J. Smith and A. B. Jones. They agree.") == [
        "Written by J. Smith and A. B. Jones.",
        "They agree.",
    ]
    assert split_sentences("  ") == []
    assert split_sentences("He said \"done.\" Then left.") == ["He said \"done.\"", "Then left."]


def test_join_lines_dehyphenates_with_vocabulary() -> None:
    vocab = document_vocabulary(["the representation is learned", "we use fine-tuning here"])
    assert join_lines(["we study fine-", "tuning of models"], vocab) == "we study fine-tuning of models"
    assert join_lines(["a good rep-", "resentation of text"], vocab) == "a good representation of text"
    # Unknown words keep their hyphen (safer than gluing two words together).
    assert join_lines(["the GPT-", "style models"], vocab) == "the GPT-style models"
    assert join_lines(["plain", "lines  ", "", "join"], vocab) == "plain lines join"
    assert join_lines(["human-", "AI interaction"], vocab) == "human-AI interaction"
    assert join_lines(["Pat-", "terson and"], vocab) == "Patterson and"


def _line(text: str, size: float = 10.0, bold: bool = True, page: int = 1) -> Line:
    return Line(page=page, block=0, x0=72, y0=100, x1=300, y1=112, text=text, size=size, bold=bold, parts=[text])


def test_heading_detection() -> None:
    body = 10.0
    assert heading_of(_line("2.1 Setup"), body).level == 2
    assert heading_of(_line("1 INTRODUCTION", size=12, bold=False), body).number == "1"
    assert heading_of(_line("References"), body).level == 1
    assert heading_of(_line("ABSTRACT", bold=False), body) is not None
    assert heading_of(_line("A.2 More Results"), body).level == 2
    assert heading_of(_line("2.1 Setup", bold=False), body) is None  # plain text
    assert heading_of(_line("3 Results are shown below."), body) is None  # run-in / sentence
    assert heading_of(_line("1 Introduction 2"), body) is None  # table-of-contents line
    assert heading_of(_line("12 34 56"), body) is None


def test_heading_numbering_filter() -> None:
    def h(num: str, text: str) -> Heading:
        return Heading(1, 0, 0.0, f"{num} {text}", num, num.count(".") + 1)

    heads = [h("1", "Intro"), h("2", "Method"), h("2.1", "Setup"), h("3.1", "Stray"), h("1", "Again"),
             h("3", "Results"), h("A", "Appendix"), h("A.1", "More"), h("4", "Noise")]
    assert [x.text for x in filter_headings(heads)] == [
        "1 Intro", "2 Method", "2.1 Setup", "3 Results", "A Appendix", "A.1 More"
    ]


def test_split_authors_drops_affiliations_and_markers() -> None:
    lines = [_line("Mark Chen * 1 Jerry Tworek * 1 Heewoo Jun 2"), _line("Google Research, Brain Team"),
             _line("Jane Doe1∗, John Q. Public2,†")]
    assert split_authors(lines) == ("Mark Chen", "Jerry Tworek", "Heewoo Jun", "Jane Doe", "John Q. Public")


def test_parse_reference_author_year_style() -> None:
    r = parse_reference(0, "Edward J. Hu, Yelong Shen, and Weizhu Chen. 2021. LoRA: Low-rank adaptation of "
                           "large language models. arXiv preprint arXiv:2106.09685.")
    assert r.arxiv_id == "2106.09685" and r.year == 2021
    assert r.authors == "Edward J. Hu, Yelong Shen, and Weizhu Chen"
    assert r.title == "LoRA: Low-rank adaptation of large language models"
    r2 = parse_reference(1, "[12] A. Author. Some title. CoRR, abs/2305.13245, 2023.")
    assert r2.arxiv_id == "2305.13245" and r2.year == 2023 and r2.title == "Some title"


def test_words_grid_rebuilds_rows_and_columns() -> None:
    # (x0, y0, x1, y1, text): a header and two rows, columns separated by wide gaps.
    words = [
        (10, 10, 40, 20, "Model"), (100, 10, 130, 20, "Acc"), (160, 10, 190, 20, "F1"),
        (10, 25, 35, 35, "MQA-XXL"), (100, 25, 120, 35, "46.6"), (160, 25, 180, 35, "81.3"),
        (10, 40, 20, 50, "GQA-8"), (22, 40, 35, 50, "XXL"), (100, 40, 120, 50, "47.1"), (160, 41, 185, 51, "72.3±0.4"),
    ]
    grid = words_grid(words)
    assert grid == [["Model", "Acc", "F1"], ["MQA-XXL", "46.6", "81.3"], ["GQA-8 XXL", "47.1", "72.3±0.4"]]
    assert header_row_count(grid) == 1


def test_captions_skip_running_text_and_span_blocks() -> None:
    from synth.parse.layout import Block
    from synth.parse.tables import TABLE_CAPTION, find_captions

    def ln(text: str, y: float, size: float = 10.0) -> Line:
        return Line(page=1, block=0, x0=72, y0=y, x1=500, y1=y + 10, text=text, size=size, bold=False, parts=[text])

    prose = Block(1, 0, 72, 100, 500, 122, [ln("we see that the gains are largest on long inputs as in", 100),
                                            ln("Table 6. While longer outputs score better, none help.", 112)])
    cap = Block(1, 1, 72, 200, 500, 210, [ln("Table 2: Results on the test set, averaged over", 200)])
    cont = Block(1, 2, 72, 212, 300, 222, [ln("three seeds.", 212)])
    caps = find_captions([prose, cap, cont], TABLE_CAPTION, set())
    assert [(c.label, c.text) for c in caps] == [("Table 2", "Table 2: Results on the test set, averaged over three seeds.")]


def test_small_capitals_are_folded_to_lower_case() -> None:
    from synth.parse.layout import _fold_small_caps

    spans = [{"text": t, "size": z} for t, z in
             [("L", 17.2), ("O", 13.8), ("RA: ", 17.2), ("L", 17.2), ("OW", 13.8), ("-R", 17.2), ("ANK", 13.8)]]
    assert _fold_small_caps(spans) == "LoRA: Low-Rank"
    plain = [{"text": "GPU memory", "size": 10.0}, {"text": " 28.81", "size": 10.0}]
    assert _fold_small_caps(plain) == "GPU memory 28.81"


def test_a_footnote_marker_opens_a_new_sentence() -> None:
    text = "Storing 100 models takes 35TB. 5For GPT-3 175B, the throughput is 32.5 tokens/s. It is 2.5 B. 3 of them."
    assert split_sentences(text) == ["Storing 100 models takes 35TB.",
                                     "5For GPT-3 175B, the throughput is 32.5 tokens/s.", "It is 2.5 B. 3 of them."]
    assert split_sentences("It needs 35TB.\n5 For GPT-3, it is 32.5.") == ["It needs 35TB.", "5 For GPT-3, it is 32.5."]
