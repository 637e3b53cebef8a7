"""Table reasoning on generated tables: comparisons, superlatives, negation, ablations, alignment."""

from __future__ import annotations

import pytest

from tests.helpers.tables import table_at
from verifier.extract import claim_from_text
from verifier.index import SourceIndex, build_index, table_cells
from verifier.tablereason import reason_over_tables
from verifier.types import Verdict
from verifier.verify import verify_claim

CAPTION = "Table 2: Dialog policy results against the agenda-based user simulator."
HEADER = ["Method", "Inform F1", "Match rate", "Success", "Loss"]
ROWS = [
    ["GP-MBCM", "19.04", "44.29", "28.9", "2.99"],
    ["ACER", "77.98", "62.83", "50.8", "10.49"],
    ["PPO", "83.34", "69.09", "59.1", "9.83"],
    ["ALDM", "81.20", "62.60", "61.2", "12.47"],
    ["[BOLD] GDPL", "[BOLD] 94.97", "[BOLD] 83.90", "[BOLD] 86.5", "[BOLD] 7.64"],
]


def _index(header: list[str], rows: list[list[str]], caption: str = CAPTION) -> SourceIndex:
    table = table_at(0, "Table 2", caption, header, rows, page=3)
    return build_index("p1", "paper.pdf", [(3, caption)], table_cells(table, 0))


@pytest.fixture(scope="module")
def index() -> SourceIndex:
    return _index(HEADER, ROWS)


def test_supported_comparison_reads_both_cells(index: SourceIndex) -> None:
    r = verify_claim("GDPL outperforms PPO on Match rate.", [index])
    assert r.verdict == Verdict.SUPPORTED
    assert r.features.get("table_reasoning") == 1.0
    assert r.evidence is not None and r.evidence.table == "Table 2" and r.evidence.page == 3
    assert r.evidence.row == "GDPL" and r.evidence.column == "Match rate"
    assert "agenda-based user simulator" in r.evidence.quote and "83.90" in r.evidence.quote
    assert "83.90" in r.reason and "69.09" in r.reason
    assert 0.5 <= r.confidence < 0.99


def test_contradicted_comparison_when_the_order_is_reversed(index: SourceIndex) -> None:
    r = verify_claim("ALDM achieves a higher Inform F1 than PPO.", [index])
    assert r.verdict == Verdict.CONTRADICTED
    assert "81.20" in r.reason and "83.34" in r.reason


def test_better_on_a_lower_is_better_measure_means_smaller(index: SourceIndex) -> None:
    # 7.64 against 9.83: a smaller loss is better, so "better" holds ...
    assert verify_claim("GDPL is better than PPO in Loss.", [index]).verdict == Verdict.SUPPORTED
    # ... while "higher" is literal.
    assert verify_claim("GDPL has a higher Loss than PPO.", [index]).verdict == Verdict.CONTRADICTED


def test_superlative_and_its_negation(index: SourceIndex) -> None:
    sup = verify_claim("GDPL obtains the highest Success among all methods.", [index])
    assert sup.verdict == Verdict.SUPPORTED and "86.5" in sup.reason
    neg = verify_claim("GDPL does not obtain the highest Success.", [index])
    assert neg.verdict == Verdict.CONTRADICTED
    assert neg.features.get("negated") == 1.0 and "denies" in neg.reason
    wrong = verify_claim("ALDM obtains the highest Success.", [index])
    assert wrong.verdict == Verdict.CONTRADICTED and "86.5" in wrong.reason and "GDPL" in wrong.reason
    assert verify_claim("ALDM does not obtain the highest Success.", [index]).verdict == Verdict.SUPPORTED


def test_gap_between_two_cells(index: SourceIndex) -> None:
    assert verify_claim("GDPL outperforms PPO by 27.4 points in Success.", [index]).verdict == Verdict.SUPPORTED
    r = verify_claim("GDPL outperforms PPO by 12.0 points in Success.", [index])
    assert r.verdict == Verdict.CONTRADICTED and "27.4" in r.reason


def test_misaligned_entity_stays_not_found(index: SourceIndex) -> None:
    # HDSA is no row or column of the table: nothing to compare GDPL with.
    r = verify_claim("GDPL outperforms HDSA on Match rate.", [index])
    assert r.verdict == Verdict.NOT_FOUND
    assert not r.features.get("table_reasoning")
    # Mixed results across the measures do not settle "better overall".
    mixed = reason_over_tables(claim_from_text("ACER is better than ALDM."), index)
    assert mixed.verdict == Verdict.NOT_FOUND


def test_hedged_claim_is_left_alone(index: SourceIndex) -> None:
    r = reason_over_tables(claim_from_text("GDPL obtains the best results, except for Loss."), index)
    assert r.verdict == Verdict.NOT_FOUND


def test_transposed_table_entities_in_columns() -> None:
    idx = _index(["Benchmark", "ELMo", "GPT", "BERT"],
                 [["DREAM", "59.5", "55.5", "66.8"], ["RACE", "65.4", "59.0", "72.0"], ["SWAG", "59.1", "78.0", "86.3"]],
                 caption="Table 2: Accuracy on selected benchmarks.")
    assert verify_claim("BERT outperforms ELMo on RACE.", [idx]).verdict == Verdict.SUPPORTED
    assert verify_claim("GPT outperforms ELMo on DREAM.", [idx]).verdict == Verdict.CONTRADICTED


def test_ablation_rows_against_the_row_they_modify() -> None:
    idx = _index(["Model", "SNLI", "SICK"],
                 [["MQAN", "60.91", "41.82"], ["+ coverage", "65.38", "53.95"],
                  ["ESIM", "68.70", "51.37"], ["+ coverage", "70.05", "52.65"]],
                 caption="Table 4: Out-of-domain accuracy with and without coverage.")
    assert verify_claim("Coverage improves the out-of-domain accuracy.", [idx]).verdict == Verdict.SUPPORTED
    assert verify_claim("Coverage does not improve the results.", [idx]).verdict == Verdict.CONTRADICTED


def test_extracted_table_marks_are_not_part_of_names_or_numbers() -> None:
    idx = _index(["Dataset", "Class", "F1"],
                 [["[ITALIC] Waseem", "Racism", "0.76"], ["[EMPTY]", "Sexism", "<bold>0.71</bold>"],
                  ["[BOLD] Davidson", "[EMPTY]", "[EMPTY]"], ["[EMPTY]", "Hate", "0.53"]])
    cells = {(m.row, m.text): m.value for m in idx.mentions if m.kind == "cell"}
    assert cells.get(("Sexism", "<bold>0.71</bold>")) == 0.71  # "[EMPTY]" is no label word; the tags no number
    assert ("Davidson Hate", "0.53") in cells  # a row of placeholders is a group label


def test_against_all_others_and_a_measure_the_table_lacks(index: SourceIndex) -> None:
    assert verify_claim("GDPL obtains a higher Success than the other methods.", [index]).verdict == Verdict.SUPPORTED
    assert verify_claim("ACER obtains a higher Success than the other methods.", [index]).verdict \
        == Verdict.CONTRADICTED
    # BLEU is no column here: the comparison cannot be read from this table.
    r = reason_over_tables(claim_from_text("GDPL outperforms PPO in BLEU."), index)
    assert r.verdict == Verdict.NOT_FOUND


def test_repeated_blocks_compare_within_a_block() -> None:
    # The same two systems per mode: "AME beats FME in both modes" pairs each block's own rows.
    idx = _index(["Model", "R@1", "R@5"],
                 [["symmetric", "[EMPTY]", "[EMPTY]"], ["FME", "39.2", "71.1"], ["AME", "43.5", "74.2"],
                  ["asymmetric", "[EMPTY]", "[EMPTY]"], ["FME", "44.9", "76.9"], ["AME", "46.1", "79.3"]],
                 caption="Table 1: Image-caption ranking results.")
    r = verify_claim("AME performs better than FME on both symmetric and asymmetric modes.", [idx])
    assert r.verdict == Verdict.SUPPORTED and r.features.get("table_agree") == 1.0


def test_a_number_below_the_best_is_no_claim_to_be_the_best(index: SourceIndex) -> None:
    # The best is what ALDM is compared with: the table's top does not refute it.
    r = verify_claim("ALDM scores 3.7 points of Success below the best setting.", [index])
    assert r.verdict != Verdict.CONTRADICTED
    assert verify_claim("ALDM obtains the best Success.", [index]).verdict == Verdict.CONTRADICTED
