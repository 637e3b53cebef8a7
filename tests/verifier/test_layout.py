"""Word-grid table reading (verifier.layout): multirow labels, index columns, margin notes."""

from __future__ import annotations

from tests.helpers.words import line as _line
from verifier.layout import page_cells
from verifier.normalize import context_terms


def _cell(cells, value):
    hits = [c for c in cells if abs(c.value - value) < 1e-9]
    assert len(hits) == 1, hits
    return hits[0]


def _multirow_table() -> list[tuple]:
    words = _line(40, (40, "Table 1: Multi-token prediction on MBPP and HumanEval."))
    words += _line(70, (200, "MBPP"), (280, "HumanEval"))
    words += _line(82, (40, "Training data"), (150, "n"), (200, "@1"), (240, "@10"), (280, "@1"), (320, "@10"))
    # "200B tokens" is centred over its three rows: it sits on the middle one.
    words += _line(100, (150, "1"), (200, "30.0"), (240, "53.8"), (280, "22.8"), (320, "36.4"))
    words += _line(112, (40, "200B tokens"), (150, "2"), (200, "30.3"), (240, "55.1"), (280, "22.2"), (320, "38.5"))
    words += _line(124, (150, "4"), (200, "33.8"), (240, "55.9"), (280, "24.0"), (320, "40.1"))
    # "1T tokens (4 epochs)" spans its two rows, one line of the label on each.
    words += _line(141, (40, "1T tokens"), (150, "1"), (200, "40.7"), (240, "65.4"), (280, "31.7"), (320, "57.6"))
    words += _line(153, (40, "(4 epochs)"), (150, "4"), (200, "43.1"), (240, "65.9"), (280, "31.6"), (320, "57.3"))
    return words


def test_centred_multirow_labels_name_every_row_of_their_group():
    cells = page_cells(_multirow_table(), page=4)
    first = _cell(cells, 30.0)  # above the label line: still the 200B group
    assert first.row.startswith("200B tokens") and first.column == "MBPP @1"
    assert _cell(cells, 40.1).row.startswith("200B tokens")  # below it
    assert _cell(cells, 43.1).row.startswith("1T tokens (4 epochs)")
    assert _cell(cells, 40.7).row.startswith("1T tokens (4 epochs)")
    assert all(c.table == "Table 1" for c in cells)


def test_leading_index_column_becomes_part_of_the_row_label():
    cells = page_cells(_multirow_table(), page=4)
    assert _cell(cells, 33.8).row == "200B tokens n = 4"
    assert _cell(cells, 43.1).row.endswith("n = 4")
    # The index numbers are labels, not results.
    assert not [c for c in cells if c.column.strip() == "n"]


def test_an_epochs_or_heads_column_indexes_the_rows():
    """NEFTune's Table 14 ("Epochs" 1, 3, 5 beside two win-rate columns) and MTP's Table S2 ("# Heads
    used"): the index numbers name the rows."""
    words = _line(40, (40, "Table 14: AlpacaEval ChatGPT Win Rate as a function of the number of epochs."))
    words += _line(70, (40, "Epochs"), (150, "LLaMA-2 (7B) Alpaca"), (280, "+NEFT"))
    for y, (e, a, b) in zip((88, 100, 112), (("1", "40.50", "55.09"), ("3", "48.26", "62.55"), ("5", "48.94", "62.24"))):
        words += _line(y, (40, e), (150, a), (280, b))
    cells = page_cells(words, page=16)
    assert _cell(cells, 62.24).row == "Epochs = 5" and _cell(cells, 62.24).column == "+NEFT"
    assert not [c for c in cells if c.column.strip() == "Epochs"]
    words = _line(40, (40, "Table S2: Relative speedups with self-speculative decoding."))
    words += _line(70, (40, "# Heads used"), (150, "Rel. speedup"), (250, "Throughput"))
    words += _line(88, (40, "1"), (150, "1.00"), (250, "1.00"))
    words += _line(100, (40, "3"), (150, "2.44"), (250, "2.40"))
    assert _cell(page_cells(words, page=20), 2.44).row == "# Heads used = 3"


def test_result_column_of_decimals_is_not_taken_for_an_index():
    words = _line(40, (40, "Table 2: Results."))
    words += _line(70, (40, "Model"), (150, "n"), (200, "Acc"))
    words += _line(88, (40, "A"), (150, "1.5"), (200, "30.0"))
    words += _line(100, (40, "B"), (150, "2.5"), (200, "31.0"))
    cells = page_cells(words, page=1)
    assert _cell(cells, 1.5).column == "n"
    assert _cell(cells, 30.0).row == "A"


def test_top_aligned_groups_are_unchanged():
    words = _line(40, (40, "Table 3: Results."))
    words += _line(70, (40, "Model"), (200, "GSM8K"), (260, "SVAMP"))
    words += _line(88, (40, "PaLM 540B"), (200, "56.9"), (260, "79.0"))
    words += _line(100, (40, "GPT-3"), (200, "46.9"), (260, "68.9"))
    words += _line(112, (40, "LaMDA"), (200, "14.3"), (260, "37.5"))
    cells = page_cells(words, page=1)
    assert _cell(cells, 56.9).row == "PaLM 540B"
    assert _cell(cells, 68.9).row == "GPT-3" and _cell(cells, 68.9).column == "SVAMP"


def test_margin_notes_at_the_text_edge_do_not_break_the_table():
    prose = "the quick results of adapting weight matrices are shown in the following table"
    words = []
    for k in range(8):
        words += _line(20 + 11 * k, (100, prose))  # body text spans x 100 .. ~500
    # A reader's notes in the right margin, starting just inside the text edge.
    words += _line(130, (492, "-table"), (512, "6"))
    words += _line(142, (200, "Weight Type"), (300, "r = 1"), (360, "r = 8"), (492, "lower rank,"))
    words += _line(156, (220, "Wq"), (300, "68.8"), (360, "70.4"), (492, "results"))
    words += _line(168, (110, "WikiSQL"), (220, "Wq, Wv"), (300, "73.4"), (360, "73.8"))
    words += _line(190, (100, "Table 6: Validation accuracy with different rank r."))
    cells = page_cells(words, page=10)
    assert not [c for c in cells if c.value == 6]  # the "6" of "-table 6" is no cell
    assert _cell(cells, 73.8).column == "r = 8"
    assert _cell(cells, 70.4).row.startswith("WikiSQL")  # the centred group label reaches up


def test_bare_at_k_header_is_pass_at_k():
    assert "pass@1" in context_terms("MBPP @1")
    assert "pass@100" in context_terms("HumanEval @100")
    assert "pass@1" not in context_terms("user@1 example")


# Word boxes of a real two-level header (AlphaCode, Table 5): "Validation Set" over four columns,
# "Test Set" over three, neither centred on the columns it names.
_ALPHACODE = [
    (89.6, 96.8, 135.2, 107.7, "Approach"), (236.8, 90.0, 284.3, 100.9, "Validation"), (287.3, 90.0, 302.4, 100.9, "Set"),
    (418.7, 90.0, 437.9, 100.9, "Test"), (440.9, 90.0, 456.1, 100.9, "Set"),
    (178.4, 103.6, 212.6, 114.5, "10@1k"), (220.5, 103.6, 260.7, 114.5, "10@10k"), (268.7, 103.6, 314.9, 114.5, "10@100k"),
    (322.9, 103.6, 360.8, 114.5, "10@1M"), (369.2, 103.6, 403.3, 114.5, "10@1k"), (411.3, 103.6, 451.4, 114.5, "10@10k"),
    (459.4, 103.6, 505.7, 114.5, "10@100k"),
] + [(x0, y, x0 + 30.5, y + 10.9, v) for y, vals in ((122.6, ("16.9%", "22.6%", "27.1%", "30.1%", "14.3%", "21.5%", "25.8%")),
                                                   (136.2, ("16.8%", "23.9%", "28.2%", "31.8%", "15.6%", "23.2%", "27.7%")))
     for x0, v in zip((180.2, 225.4, 276.5, 326.6, 371.0, 416.1, 467.3), vals)] + [
    (89.6, 122.6, 102.3, 133.5, "9B"), (89.6, 136.2, 108.3, 147.1, "41B"),
    (62.0, 176.0, 86.9, 186.9, "Table"), (90.0, 176.0, 96.0, 186.9, "5"), (99.5, 175.4, 101.7, 186.3, "|"),
    (105.1, 175.9, 132.0, 186.8, "Solve"), (135.2, 175.9, 160.2, 186.8, "rates"), (163.4, 175.9, 173.1, 186.8, "of"),
    (176.3, 175.9, 193.6, 186.8, "our"), (196.8, 175.9, 217.6, 186.8, "best"), (220.8, 175.9, 260.3, 186.8, "systems"),
    (263.5, 175.9, 276.2, 186.8, "on"), (279.4, 175.9, 295.5, 186.8, "the"), (298.7, 175.9, 348.8, 186.8, "validation"),
    (352.0, 175.9, 366.5, 186.8, "set"),
]


def test_group_header_names_every_column_it_spans():
    cells = page_cells(_ALPHACODE, page=15)
    assert _cell(cells, 30.1).column == "Validation Set 10@1M"
    assert _cell(cells, 16.9).column == "Validation Set 10@1k"
    assert _cell(cells, 14.3).column == "Test Set 10@1k"
    assert _cell(cells, 27.7).column == "Test Set 10@100k" and _cell(cells, 27.7).row == "41B"
    assert _cell(cells, 27.7).table == "Table 5"


def test_counts_with_magnitude_are_cells_after_the_first_plain_number():
    words = _line(40, (40, "Table 3: Architecture and training of our models."))
    words += _line(70, (40, "Name"), (150, "Layers"), (200, "Batch"), (250, "Steps"), (300, "Tokens"))
    words += _line(88, (40, "AlphaCode 9B"), (150, "48"), (200, "1024"), (250, "530k"), (300, "1250B"))
    words += _line(100, (40, "AlphaCode 41B"), (150, "56"), (200, "2048"), (250, "205k"), (300, "967B"))
    cells = page_cells(words, page=10)
    steps = _cell(cells, 530)
    assert steps.text == "530k" and steps.column == "Steps" and steps.row == "AlphaCode 9B"  # "9B" stays a name
    assert _cell(cells, 967).column == "Tokens"
    assert not [c for c in cells if c.value in (9, 41)]


def test_sizes_in_the_header_and_a_number_inside_one_row_label():
    words = _line(40, (40, "Table 14: Automatic evaluations."))
    words += _line(60, (200, "GPT models"), (320, "PPO models"))
    words += _line(72, (40, "Task"), (120, "Prompt"), (200, "6b"), (250, "175b"), (320, "6b"), (370, "175b"))
    words += _line(86, (40, "QuAC f1"), (120, "zero-shot"), (200, "38.19"), (250, "42.55"), (320, "37.64"), (370, "34.52"))
    words += _line(95, (120, "few-shot"), (200, "41.78"), (250, "45.38"), (320, "40.63"), (370, "36.00"))
    words += _line(109, (40, "FR-EN 15 BLEU"), (120, "zero-shot"), (200, "34.99"), (250, "38.92"), (320, "25.22"),
                   (370, "24.16"))
    cells = page_cells(words, page=56)
    assert _cell(cells, 45.38).row == "QuAC f1 few-shot"
    assert _cell(cells, 45.38).column == "GPT models 175b"  # "175b" is a size, not 175 with a footnote b
    assert _cell(cells, 24.16).row == "FR-EN 15 BLEU zero-shot" and _cell(cells, 24.16).column == "PPO models 175b"
    assert not [c for c in cells if c.value == 15]


def test_slash_cells_split_under_a_slash_header():
    words = _line(40, (40, "Table 4: Performance on SAMSum."))
    words += _line(70, (40, "Model"), (200, "WikiSQL"), (300, "SAMSum"))
    words += _line(82, (200, "Acc."), (300, "R1/R2/RL"))
    words += _line(100, (40, "GPT-3 (FT)"), (200, "73.8"), (300, "52.0/28.0/44.5"))
    words += _line(112, (40, "GPT-3 (LoRA)"), (200, "73.4"), (300, "53.8/29.8/45.9"))
    cells = page_cells(words, page=8)
    assert _cell(cells, 45.9).column == "SAMSum RL" and _cell(cells, 45.9).row == "GPT-3 (LoRA)"
    assert _cell(cells, 28.0).column == "SAMSum R2"
    assert _cell(cells, 73.4).column == "WikiSQL Acc."


def test_centred_parser_table_with_a_number_in_its_header():
    """Attention's Table 4: centred labels of two cells each, one column headed "WSJ 23 F1"."""
    words = _line(40, (40, "Table 4: English constituency parsing."))
    words += _line(60, (105, "Parser"), (310, "Training"), (440, "WSJ 23 F1"))
    rows = [("Vinyals & Kaiser el al. (2014) [37]", "WSJ only, discriminative", "88.3"),
            ("Transformer (4 layers)", "WSJ only, discriminative", "91.3"),
            ("Transformer (4 layers)", "semi-supervised", "92.7"),
            ("Dyer et al. (2016) [8]", "generative", "93.3")]
    for k, (parser, training, f1) in enumerate(rows):
        # Centred columns: each cell starts where its width puts it.
        words += _line(75 + 12 * k, (120 - 3 * len(parser), parser), (330 - 3 * len(training), training),
                       (455, f1))
    cells = page_cells(words, page=9)
    first = _cell(cells, 88.3)  # a long label split into short cells is still a row
    assert first.row == "Vinyals & Kaiser el al. (2014) [37] WSJ only, discriminative"
    ours = _cell(cells, 92.7)
    assert ours.row == "Transformer (4 layers) semi-supervised"  # not prefixed by the first row's words
    assert ours.column == "WSJ 23 F1"  # the header is not a row because of its "23"
    assert not [c for c in cells if c.value == 23]


def test_side_by_side_sub_tables_name_each_number_by_its_own_label():
    """InstructGPT's Table 6: three (split, source, size) tables in one row of the page."""
    words = _line(40, (40, "Table 6: Dataset sizes, in terms of number of prompts."))
    words += _line(60, (60, "SFT Data"), (220, "RM Data"), (380, "PPO Data"))
    words += _line(72, *[(x + d, t) for x in (40, 200, 360) for d, t in ((0, "split"), (40, "source"), (100, "size"))])
    words += _line(84, (40, "train"), (80, "labeler"), (140, "11,295"), (200, "train"), (240, "labeler"),
                   (300, "6,623"), (360, "train"), (400, "customer"), (460, "31,144"))
    words += _line(96, (40, "valid"), (80, "customer"), (140, "1,430"), (200, "valid"), (240, "labeler"),
                   (300, "3,488"), (360, "valid"), (400, "customer"), (460, "16,185"))
    cells = page_cells(words, page=33)
    ppo = _cell(cells, 31144)
    assert ppo.row == "train customer" and ppo.column == "PPO Data size"
    assert _cell(cells, 3488).row == "valid labeler"
    assert _cell(cells, 11295).row == "train labeler"


def test_a_parsed_cell_the_grid_reads_under_another_column_is_dropped():
    """find_tables put SciTab's In-Context score under "Zero-shot"; the grid reads it under its own
    header, and only the grid's reading of that number stays."""
    from verifier.index import one_reading_per_table
    from verifier.layout import LayoutCell

    def cell(value, row, column, block, col_id):
        return LayoutCell(page=7, text=str(value), value=value, decimals=2, unit="", is_delta=False, row=row,
                          column=column, settings=(), table="Table 4", caption="Table 4: Macro-F1.", quote="",
                          block=block, row_id=13, col_id=col_id)

    row = "Vicuna-13B (Chiang et al., 2023) 13B"
    grid = [cell(41.82, row, "Zero-shot 2-class", 7000, 0), cell(55.11, row, "In-Context 2-class", 7000, 2)]
    parsed = [[cell(41.82, "LLMs " + row, "Zero-shot 2-class", -4, 3),
               cell(55.11, "LLMs " + row, "Zero-shot 2-class", -4, 5)]]
    kept = one_reading_per_table(parsed, grid)
    assert [(c.value, c.column) for c in kept if c.block == -4] == [(41.82, "Zero-shot 2-class")]
    assert len([c for c in kept if c.block == 7000]) == 2
    # A parsed header that lost the word telling the grid's columns apart ("Zero-shot") goes too;
    # a grid "header" of numbers tells nothing.
    parsed = [[cell(41.82, "LLMs " + row, "# of Para. 2-class", -4, 3)]]
    assert not [c for c in one_reading_per_table(parsed, grid) if c.block == -4]
    numbers = [cell(41.82, row, "59.8 60.1", 7000, 0), cell(55.11, row, "61.3 64.7", 7000, 2)]
    assert [c for c in one_reading_per_table(parsed, numbers) if c.block == -4]


def test_header_of_repeated_words_and_numbered_subheaders():
    """CoT's Table 5 (word positions as the PDF has them): "standard CoT standard CoT ..." is a
    header, not a sentence, and the line "2  OOD: 3  OOD: 4" above it names columns."""
    def at(y, *items):  # (x, text), 4 pt per character
        return [(x, y, x + 4.0 * len(t), y + 9, t) for x, t in items]

    words = at(486, (108, "Table"), (133, "5:"), (148, "Standard"), (186, "prompting"), (231, "versus"),
               (260, "chain"), (285, "of"), (296, "thought"), (330, "prompting"), (375, "on"), (390, "length."))
    words += at(512, (202, "Last"), (222, "Letter"), (248, "Concatenation"), (365, "Coin"), (387, "Flip"),
                (406, "(state"), (430, "tracking)"))
    words += at(527, (198, "2"), (238, "OOD:"), (265, "3"), (291, "OOD:"), (318, "4"), (360, "2"), (402, "OOD:"),
                (429, "3"), (455, "OOD:"), (482, "4"))
    words += at(543, (113, "Model"), (176, "standard"), (210, "CoT"), (229, "standard"), (263, "CoT"),
                (282, "standard"), (316, "CoT"), (335, "standard"), (374, "CoT"), (393, "standard"), (427, "CoT"),
                (446, "standard"), (480, "CoT"))
    xs = (194, 209, 247, 262, 300, 315, 348, 373, 406, 426, 459, 479)
    rows = [(559, "LaMDA", "68B", "4.4 52.0 0.0 0.8 0.0 2.5 56.2 83.2 50.4 69.1 50.9 59.6"),
            (570, None, "137B", "5.8 77.5 0.0 34.4 0.0 13.5 49.0 99.6 50.7 91.0 49.1 74.5")]
    for y, fam, size, vals in rows:
        words += at(y, *([(113, fam)] if fam else []), (149, size), *zip(xs, vals.split()))
    cells = page_cells(words, page=22)
    assert not [c for c in cells if c.value in (2.0, 3.0, 4.0)]
    coin = _cell(cells, 99.6)
    assert coin.row.endswith("137B") and "Coin" in coin.column and coin.column.endswith("CoT")
    assert "Concatenation" in _cell(cells, 77.5).column


def _at(y, *items, cw=4.0):
    """Words at explicit x positions, ``cw`` pt per character, 9 pt high."""
    return [(x, y, x + cw * len(t), y + 9, t) for x, t in items]


def test_table_beside_a_figure_with_its_caption_mid_line():
    """TIES page 9: a plot's axis (a rotated title, ticks 70/60/50 and 0.0 ... 1.0) shares the
    table's lines, and "Table 5:" starts in the right column of a line."""
    words = [(108, 90, 117, 133, "Performance")]  # rotated: tall and narrow
    words += _at(90, (340, "Method"), (459, "Average"))
    rows = [("Fine-Tuned", "71.4", "70"), ("Multitask", "73.1", None), ("Averaging", "58.0", "60"),
            ("TIES-MERGING", "66.4", "50"), ("TIES-MERGING (Oracle Sign)", "72.0", None)]
    for k, (label, val, tick) in enumerate(rows):
        y = 103 + 11 * k
        words += _at(y, *([(121, tick)] if tick else []), (340, label), (459, val))
    words += _at(166, (140, "0.0"), (173, "0.2"), (205, "0.4"), (237, "0.6"), (269, "0.8"), (301, "1.0"))
    words += _at(179, (174, "Probability"), (222, "flipping"), (333, "Table"), (359, "5:"), (375, "TIES-MERGING"),
                 (450, "can"), (468, "perform"))
    words += _at(202, (108, "Figure"), (136, "7:"), (149, "Flipping"), (188, "the"), (203, "signs"))
    cells = page_cells(words, page=9)
    oracle = _cell(cells, 72.0)
    assert oracle.row == "TIES-MERGING (Oracle Sign)" and oracle.column == "Average" and oracle.table == "Table 5"
    assert not [c for c in cells if c.value in (70.0, 0.2)]  # the figure's ticks


def test_prose_of_the_other_column_is_not_a_row_label():
    """TIES page 10: each line of the table also holds a sentence of the left page column."""
    prose = ["to assess their importance and we show it in Table 6,",
             "we start with the full method and remove one component",
             "at a time and report the performance on the validation",
             "models on the benchmark. Removing elect while keeping"]

    def phrase(y, x, text, cw=3.5):  # words 3 pt apart
        out = []
        for w in text.split():
            out.append((x, y, x + cw * len(w), y + 9, w))
            x += cw * len(w) + 3
        return out

    words = phrase(306, 108, prose[0]) + _at(306, (353, "Method"), (438, "T5-base"), (477, "(IA)3"), cw=3.5)
    for k, (label, a, b) in enumerate([("TIES-MERGING", "74.5", "70.7"), ("-TRIM", "73.0", "70.6"),
                                       ("-DISJOINT MEAN", "72.6", "67.5")]):
        y = 321 + 11 * k
        words += phrase(y, 108, prose[k + 1]) + phrase(y, 358, label) + _at(y, (445, a), (479, b), cw=3.5)
    words += phrase(383, 108, "trimmed task vectors") + phrase(383, 345, "Table 6: Ablation")
    cells = page_cells(words, page=10)
    c = _cell(cells, 67.5)
    assert "DISJOINT MEAN" in c.row and "Removing" not in c.row and c.column == "(IA)3" and c.table == "Table 6"


def _ablation_table() -> list[tuple]:
    # Chain-of-Table's Table 5: each result printed with its change from the full method beside it.
    words = _line(40, (40, "Table 5: Ablation of atomic operations with PaLM 2."))
    words += _line(70, (40, "Prompting"), (200, "TabFact"), (300, "WikiTQ"))
    words += _line(88, (40, "Chain-of-Table"), (200, "86.61"), (300, "67.31"))
    words += _line(100, (40, "w/o f_add_column()"), (200, "85.23"), (232, "(-1.38)"), (300, "65.88"), (332, "(-1.43)"))
    words += _line(112, (40, "w/o f_group_by()"), (200, "84.78"), (232, "(-1.83)"), (300, "61.88"), (332, "(-5.43)"))
    return words


def test_a_change_printed_beside_a_result_is_a_delta_cell_of_that_column():
    cells = page_cells(_ablation_table(), page=13)
    delta = _cell(cells, -5.43)
    assert delta.is_delta and delta.row.endswith("w/o f_group_by()")
    assert delta.column == _cell(cells, 61.88).column and not _cell(cells, 61.88).is_delta


def test_a_gap_claim_is_checked_against_the_change_beside_its_cell():
    from verifier.index import build_index
    from verifier.types import Verdict
    from verifier.verify import verify_claim

    idx = build_index("p", "p.pdf", [], page_cells(_ablation_table(), page=13))
    claim = "Removing f_group_by() from Chain-of-Table drops WikiTQ accuracy to 61.88%, a {}-point loss."
    assert verify_claim(claim.format("5.43"), [idx]).verdict == Verdict.SUPPORTED
    r = verify_claim(claim.format("5.34"), [idx])
    assert r.verdict == Verdict.CONTRADICTED and "-5.43" in r.reason


def test_a_bracketed_title_over_the_row_labels_names_every_cell():
    words = _line(40, (40, "Accuracy by Steps (GSM8K)"), (200, "All"), (240, "4"), (280, "\u22655"))
    words += _line(58, (40, "Least-to-Most"), (200, "62.39"), (240, "59.73"), (280, "45.23"))
    words += _line(70, (40, "Chain-of-Thought"), (200, "60.87"), (240, "59.39"), (280, "39.07"))
    words += _line(90, (40, "Table 12: Accuracies (%) broken down by the number of reasoning steps."))
    cell = _cell(page_cells(words, page=8), 45.23)
    assert cell.table == "Table 12" and "GSM8K" in cell.caption
