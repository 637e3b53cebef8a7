"""Group headers, index columns and the two readings of one table: which header names each number."""

from __future__ import annotations

from synth.types import Table, TableCell
from tests.helpers.tables import table_at, tables_index
from tests.helpers.words import line as _line
from verifier.extract import claim_from_text
from verifier.index import one_reading_per_table, table_cells
from verifier.layout import LayoutCell, page_cells
from verifier.terms import claim_terms, coverage
from verifier.types import Mention, Verdict
from verifier.verify import verify_claim


def _table(grid: list[list[str]], header_rows: int, caption: str = "Table 4: Macro-F1 on SciTab.") -> Table:
    cells = tuple(TableCell(r, c, t, r < header_rows) for r, row in enumerate(grid) for c, t in enumerate(row) if t)
    return Table(index=3, page=7, label=caption.split(":")[0], caption=caption, n_rows=len(grid),
                 n_cols=max(len(r) for r in grid), header_rows=header_rows, cells=cells)


def _by_value(cells, value):
    hits = [c for c in cells if abs(c.value - value) < 1e-9]
    assert len(hits) == 1, hits
    return hits[0]


def test_a_label_column_header_does_not_spread_into_a_group_of_result_columns() -> None:
    """SciTab's Table 4: "# of Para." heads the sizes, not the "Zero-shot" scores beside them."""
    grid = [["", "", "Zero-shot", "", "In-Context", ""],
            ["Models", "# of Para.", "", "", "", ""],
            ["", "", "2-class", "3-class", "2-class", "3-class"],
            ["Flan-T5-XXL", "11B", "59.60", "34.91", "60.48", "34.04"]]
    cells = table_cells(_table(grid, 3), -4)
    assert _by_value(cells, 59.60).column == "Zero-shot 2-class"
    assert _by_value(cells, 34.04).column == "In-Context 3-class"


def test_a_value_spanning_a_full_header_still_names_every_column() -> None:
    """LoRA's Table 12: "AdamW" printed once across the methods is every method's optimizer."""
    grid = [["Hyperparameters", "Fine-Tune", "PreEmbed", "BitFit", "LoRA"],
            ["Optimizer", "", "AdamW", "", ""],
            ["Learning Rate", "5.00E-06", "5.00E-04", "1.6E-03", "2.00E-04"]]
    cells = table_cells(_table(grid, 2, "Table 12: Hyperparameters for GPT-3 adaptation."), -1)
    assert "AdamW" in _by_value(cells, 2e-4).column


def test_a_first_column_of_indices_names_the_rows() -> None:
    """MTP's Table S2 as the PDF parser reads it: "# Heads used" 1..4 are the rows, not results."""
    t = table_at(1, "Table S2", "Table S2: Relative speedups with self-speculative decoding of a 4-token prediction model.",
                 ["# Heads used", "Books Rel. speedup", "Books Tokens / forward"],
                 [["1", "1.00", "1.00"], ["2", "1.77", "1.87"], ["4", "2.67", "3.09"]])
    cells = table_cells(t, -2)
    assert _by_value(cells, 2.67).row == "# Heads used = 4"
    # Results in the first column are not indices.
    t2 = table_at(2, "Table 3", "Table 3: Scores.", ["Score", "Other"], [["71.2", "3.4"], ["69.7", "2.2"]])
    assert _by_value(table_cells(t2, -3), 3.4).row == ""


def test_a_multiple_in_a_speedup_column_is_not_refuted_by_a_tokens_column() -> None:
    t = table_at(1, "Table S2", "Table S2: Relative speedups with self-speculative decoding of a 4-token prediction model.",
                 ["# Heads used", "Books Rel. speedup", "Books Tokens / forward"],
                 [["1", "1.00", "1.00"], ["2", "1.77", "1.87"], ["4", "2.67", "3.09"]])
    idx = tables_index(t)
    claim = "Using all 4 heads of a 4-token prediction model gives about a 2.7x relative speedup on Books."
    assert verify_claim(claim, [idx]).verdict == Verdict.SUPPORTED
    assert verify_claim(claim.replace("2.7x", "2.2x"), [idx]).verdict != Verdict.SUPPORTED


def test_a_multiple_is_no_pass_rate() -> None:
    """"3.05x faster" is not refuted by a pass@1 of 1.6 in a row that names the same model."""
    t = table_at(0, "Table 1", "Table 1: Multi-token prediction on APPS.", ["Model", "APPS/Intro @1"],
                 [["200B tokens n = 4", "1.6"], ["200B tokens n = 1", "1.2"]])
    res = verify_claim("The 4-token prediction model makes decoding 3.05x faster.", [tables_index(t)])
    assert res.verdict != Verdict.CONTRADICTED


def _cell_mention(row: str, column: str) -> Mention:
    from verifier.normalize import context_terms

    rt, ct = context_terms(row), context_terms(column)
    return Mention(paper_id="p", page=13, value=3.09, text="3.09", decimals=2, unit="", kind="cell", quote="",
                   row=row, column=column, table="Table S2", caption="", block=-2, row_id=3, col_id=2,
                   terms=rt | ct, strong_terms=rt | ct)


def test_a_counted_name_is_said_by_one_label_not_by_a_row_and_a_column_together() -> None:
    term = next(t for t in claim_terms(claim_from_text("The 4-token model gets 3.09.")) if t.text == "4-token")
    assert coverage(term, _cell_mention("# Heads used = 4", "Books Tokens / forward")) == 0.0
    assert coverage(term, _cell_mention("200B tokens n = 4", "MBPP @1")) == 1.0
    assert coverage(term, _cell_mention("1T tokens", "n = 4")) == 1.0


def test_a_bracketed_engine_after_a_name_is_that_name_again() -> None:
    kinds = {t.text: t.kind for t in claim_terms(claim_from_text(
        "Chain-of-thought prompting raises Codex (code-davinci-002) from 19.7% to 63.1% on GSM8K."))}
    assert kinds["Codex"] == "subject" and kinds["(code-davinci-002)"] == "weak"
    sizes = {t.text: t.kind for t in claim_terms(claim_from_text("LLaMA-2 (70B) reaches 88.8% on AlpacaEval."))}
    assert "weak" not in {k for t, k in sizes.items() if "70B" in t}


def test_a_parsed_row_label_holding_another_rows_numbers_is_dropped() -> None:
    """find_tables ran TIES' rows together ("TIES-MERGING ✗ 69.7 [-3.2] ... REGMEAN [31]"): its label
    would name the RegMean cell "TIES-Merging"."""
    def cell(value, row, block):
        return LayoutCell(page=6, text=str(value), value=value, decimals=1, unit="", is_delta=False, row=row,
                          column="PEFT T5-Base", settings=(), table="Table 1", caption="Table 1: Merging.", quote="",
                          block=block, row_id=5, col_id=2)

    grid = [cell(71.2, "REGMEAN [31]", 6000)]
    parsed = [[cell(71.2, "TIES-MERGING ✗ 69.7 [-3.2] 74.4 [+0.9] REGMEAN [31]", -1)]]
    assert not [c for c in one_reading_per_table(parsed, grid) if c.block == -1]
    parsed = [[cell(71.2, "REGMEAN [31]", -1)]]
    assert [c for c in one_reading_per_table(parsed, grid) if c.block == -1]


def test_a_header_line_over_the_label_columns_names_no_result_column() -> None:
    words = _line(40, (40, "Table 4: Macro-F1 of baselines on SCITAB."))
    words += _line(70, (300, "Zero-shot"), (370, "In-Context"))
    words += _line(82, (60, "Models"), (220, "# of Para."))
    words += _line(94, (290, "2-class"), (330, "3-class"), (370, "2-class"), (410, "3-class"))
    words += _line(110, (40, "Flan-T5-large"), (240, "780M"), (290, "51.58"), (330, "32.55"), (370, "49.62"), (410, "27.30"))
    words += _line(122, (40, "Flan-T5-XXL"), (245, "11B"), (290, "59.60"), (330, "34.91"), (370, "60.48"), (410, "34.04"))
    cells = page_cells(words, page=7)
    col = _by_value(cells, 59.60).column
    assert "Zero-shot" in col and "Para" not in col
    assert "Para" not in _by_value(cells, 34.91).column


def test_a_counted_name_of_a_model_is_no_setting() -> None:
    from verifier.setup_numbers import setting_claim_numbers

    said = setting_claim_numbers(claim_from_text("The 4-token prediction model reaches 1.9 on APPS."))
    assert not [n for n, _, _ in said if n.value == 4]
    said = setting_claim_numbers(claim_from_text("It was trained on 4,000 tokens of code per batch."))
    assert [a for n, a, _ in said if n.value == 4000] == ["token"]


def test_a_captions_examples_spilled_into_a_header_are_not_the_columns_names() -> None:
    table = table_at(3, "Table 3", "Table 3: Standard prompting versus chain of thought prompting on arithmetic.",
                     ["Model", "performance (e.g., SingleOp, SingleEq, and AddSub). SingleEq CoT", "AddSub CoT"],
                     [["PaLM 540B", "92.3", "91.9"]])
    idx = tables_index(table)
    claim = "With chain-of-thought prompting, PaLM 540B solves {}% of the AddSub subset."
    wrong = verify_claim(claim.format("92.3"), [idx])
    assert wrong.verdict == Verdict.CONTRADICTED and "91.9" in wrong.reason
    assert verify_claim(claim.format("91.9"), [idx]).verdict == Verdict.SUPPORTED


def test_a_size_band_in_the_claim_picks_the_column_of_that_band() -> None:
    from verifier.normalize import band_keys
    assert band_keys("tables longer than 4,000 tokens") == band_keys("Large (>4k)") == {"band:>4000"}
    assert band_keys("Medium (2k\u223c4k)") == band_keys("between 2,000 and 4,000 tokens") == {"band:2000-4000"}
    table = table_at(3, "Table 3", "Table 3: Performance on WikiTQ by table size in tokens.",
                     ["Method", "Table Size Small (<2k)", "Table Size Medium (2k\u223c4k)", "Table Size Large (>4k)"],
                     [["Binder", "56.54", "26.13", "6.41"], ["Chain-of-Table", "68.13", "52.25", "44.87"]])
    idx = tables_index(table)
    claim = "On WikiTQ tables longer than 4,000 tokens, Chain-of-Table reaches {}% accuracy."
    assert verify_claim(claim.format("52.25"), [idx]).verdict == Verdict.CONTRADICTED
    assert verify_claim(claim.format("44.87"), [idx]).verdict == Verdict.SUPPORTED


def test_a_count_with_a_magnitude_is_no_cell_of_a_column_that_counts_something_else() -> None:
    table = table_at(2, "Table 2", "Table 2: The Transformer achieves better BLEU scores than previous state-of-the-art "
                     "models on the English-to-German and English-to-French newstest2014 tests at a fraction of the training cost.",
                     ["Model", "BLEU EN-DE", "BLEU EN-FR", "Training Cost (FLOPs) EN-DE", "Training Cost (FLOPs) EN-FR"],
                     [["ByteNet", "23.75", "", "", ""], ["Transformer (base model)", "27.3", "38.1", "3.3", "3.3"],
                      ["Transformer (big)", "28.4", "41.8", "2.3", "2.3"]])
    text = [(7, "We trained on the standard WMT 2014 English-German dataset consisting of about 4.5 million sentence pairs.")]
    idx = tables_index(table, text=text, title="Attention Is All You Need")
    claim = "For English-German, the Transformer was trained on the WMT 2014 dataset of about {} million sentence pairs."
    assert verify_claim(claim.format("4.5"), [idx]).verdict == Verdict.SUPPORTED
    assert verify_claim(claim.format("3.3"), [idx]).verdict != Verdict.SUPPORTED


def test_a_gap_the_table_does_not_bear_out_is_not_supported_by_the_direction_alone() -> None:
    table = table_at(1, "Table 1", "Table 1: PaLM-540B prompting results on HotpotQA and Fever.",
                     ["Prompt Method", "HotpotQA (EM)", "Fever (Acc)"], [["Act", "25.7", "58.9"], ["ReAct", "27.4", "60.9"]])
    text = [(8, "On ALFWorld, the best ReAct trial achieves an average success rate of 71%, significantly outperforming "
                "the best Act (45%) and BUTLER (37%) trials.")]
    idx = tables_index(table, text=text, title="ReAct: Synergizing Reasoning and Acting in Language Models")
    claim = "On ALFWorld, the best ReAct trial (71% success) beats the best Act trial by {} percentage points."
    assert verify_claim(claim.format("31"), [idx]).verdict != Verdict.SUPPORTED
