"""Extraction of each claim shape into typed records."""

from __future__ import annotations

from verifier.extract import claim_from_text, extract_claims_from_text, find_quantities


def roles(c):  # noqa: ANN001, ANN201
    return [(q.text, q.role) for q in c.quantities]


def test_simple_value_claim() -> None:
    c = claim_from_text("DeepSeek-Coder-33B-Instruct achieves 56.7% pass@1 on HumanEval Pro with 5-shot prompting.")
    assert roles(c) == [("56.7%", "value")]
    assert c.quantities[0].decimals == 1 and c.quantities[0].unit == "%"
    assert "DeepSeek-Coder-33B-Instruct" in c.subjects
    assert c.benchmarks == ("humanevalpro",)
    assert "pass@1" in c.metrics
    assert "5-shot" in c.settings


def test_two_benchmarks_two_values() -> None:
    c = claim_from_text("Qwen2.5-Coder-7B-base achieves 59.6% on HumanEval Pro and 38.6% on MBPP Pro.")
    assert [q.value for q in c.quantities] == [59.6, 38.6]
    assert c.benchmarks == ("humanevalpro", "mbpppro")


def test_comparison_by_points() -> None:
    c = claim_from_text("TinyCoder-1B outperforms BaseCoder-1B by 3.1 points on HumanEval.")
    assert roles(c) == [("3.1", "diff")]
    assert c.comparison == "outperforms"
    assert {"TinyCoder-1B", "BaseCoder-1B"} <= set(c.subjects)


def test_drops_from_to() -> None:
    c = claim_from_text("o1-mini drops from 96.2 on HumanEval to 76.2 on HumanEval Pro.")
    assert [q.value for q in c.quantities] == [96.2, 76.2]
    assert c.comparison in {"drops", "drop"}


def test_points_above_with_operand() -> None:
    c = claim_from_text("TIES-Merging averages 66.4, 2.5 points above Task Arithmetic (63.9).")
    assert roles(c) == [("66.4", "value"), ("2.5", "diff"), ("63.9", "value")]
    assert "Task Arithmetic" in c.subjects


def test_sizes_counts_years_and_citations_are_not_values() -> None:
    c = claim_from_text("In 2021, PaLM 540B fine-tuned on 7 tasks (see Table 3 and [12]) reaches 58.1% on GSM8K.")
    assert [q.text for q in c.quantities if q.role == "value"] == ["58.1%"]
    assert "540B" in c.subjects


def test_a_footnote_marker_after_a_citations_full_stop_is_no_number() -> None:
    from verifier.extract import find_quantities

    assert find_quantities("as supplied by Ilharco et al. [29].2 Merge experiments were efficient.") == []
    assert [q.value for q in find_quantities("a kappa of .85 on the test set")] == [0.85]


def test_an_acronym_between_a_number_and_its_noun_leaves_it_a_count() -> None:
    c = claim_from_text("Annotators reached a kappa of 0.630 on the 872 false claims and 0.719 on the 900 NEI claims.")
    assert roles(c) == [("0.630", "value"), ("872", "count"), ("0.719", "value"), ("900", "count")]


def test_settings_with_without_and_temperature() -> None:
    c = claim_from_text("Without a validation set, TIES-Merging with temperature 0.2 reaches 72.4.")
    assert "no:validation" in c.settings
    assert [q.role for q in c.quantities] == ["setting", "value"]


def test_claims_from_text_document_have_line_numbers() -> None:
    text = "Intro line.\nModel-A gets 41.2% on MBPP. Nothing else.\n\nModel-B gets 12.0 BLEU on WMT."
    claims = extract_claims_from_text(text)
    assert [(c.line, c.quantities[0].text) for c in claims] == [(2, "41.2%"), (4, "12.0")]


def test_gap_after_by_and_threshold_counts() -> None:
    from verifier.extract import find_quantities

    roles = [(q.text, q.role) for q in find_quantities("GQA-8-XXL beats MHA-Large by 0.8 ROUGE-1 (36.3 vs. 35.5).")]
    assert roles == [("0.8", "diff"), ("36.3", "value"), ("35.5", "value")]
    roles = [(q.text, q.role) for q in find_quantities("On problems needing 5 or more steps, it outperforms CoT by 6.16 points.")]
    assert roles == [("5", "setting"), ("6.16", "diff")]


def test_a_bounded_factor_is_a_result_but_a_bounded_count_a_setting() -> None:
    qs = find_quantities("A 770M T5 model, more than 700\u00d7 smaller, wins on more than 10 of them.")
    assert [(q.text, q.role, q.unit) for q in qs] == [("700\u00d7", "value", "x"), ("10", "setting", "")]


def test_top_percent_is_a_result_top_k_is_not() -> None:
    from verifier.extract import find_quantities

    assert [q.text for q in find_quantities("AlphaCode ranked in the top 54.3% of participants.")] == ["54.3%"]
    assert [q.text for q in find_quantities("We report top 5 accuracy of 91.2.")] == ["91.2"]


def test_a_bracketed_percentage_is_a_result_and_a_bracketed_integer_an_enumerator() -> None:
    qs = find_quantities("ReAct reaches 71% on ALFWorld, well above the best Act trial (45%).")
    assert [q.text for q in qs] == ["71%", "45%"]
    assert [q.text for q in find_quantities("We study (1) accuracy and (2) cost, reaching 71%.")] == ["71%"]


def test_dates_are_skipped_but_words_that_begin_like_a_month_are_not() -> None:
    assert [q.text for q in find_quantities("The 4-token prediction model makes decoding 3.05x faster.")] == ["3.05x"]
    assert [q.text for q in find_quantities("The augmented set holds 45% more problems.")] == ["45%"]
    assert [q.text for q in find_quantities("A marginal 2.1 BLEU, a novel 7.5% gain.")] == ["2.1", "7.5%"]
    # Real dates are no results.
    assert [q.text for q in find_quantities("Released on Dec 23, 2023, it reaches 61.2%.")] == ["61.2%"]
    assert [q.text for q in find_quantities("Updated 3 March 2024: 40.1% pass@1.")] == ["40.1%"]


def test_a_metric_name_does_not_run_on_over_a_comma() -> None:
    c = claim_from_text("The 4-token model reaches 33.8% pass@1, 3.8 points above the baseline's 30.0%.")
    assert c.metrics == ("pass@1",)
    assert claim_from_text("Their agreement (Cohen's kappa) is 0.630.").metrics == ("cohenkappa",)


def test_a_gap_above_another_model_is_a_difference_but_a_bound_is_not() -> None:
    gap = claim_from_text("The big Transformer reaches 28.4 BLEU, 2.04 BLEU above the ConvS2S ensemble (26.36).")
    assert roles(gap) == [("28.4", "value"), ("2.04", "diff"), ("26.36", "value")]
    bound = claim_from_text("The big Transformer reaches 28.4 BLEU, more than 2.0 BLEU above the best previous models.")
    assert roles(bound)[1][1] != "diff"  # a bound on the gap, read as a threshold


def test_a_bare_number_above_or_below_a_name_after_another_number_is_the_gap() -> None:
    claim = claim_from_text("On arXiv, GQA-8-XXL scores 45.4 ROUGE-1, only 0.2 below the multi-head T5-XXL (45.6).")
    assert [(q.text, q.role) for q in claim.quantities] == [("45.4", "value"), ("0.2", "diff"), ("45.6", "value")]
    # Alone, a number "below" something is a level.
    assert [q.role for q in claim_from_text("The model reaches 45.4 below the threshold.").quantities] == ["value"]


def test_a_margin_in_brackets_after_a_number_is_its_margin() -> None:
    qs = find_quantities("Labelers preferred it 85% of the time (\u00b13%), and 71% of the time over few-shot GPT-3.")
    assert [(q.text, q.pm) for q in qs] == [("85%", 3.0), ("71%", None)]
    # A bracketed number without a sign is a number of its own.
    assert [q.text for q in find_quantities("reaches 72.6 (1.5) on it")] == ["72.6", "1.5"]
