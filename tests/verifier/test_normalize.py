"""Normalisation: name keys, rounding/truncation, percent vs fraction, ± intervals."""

from __future__ import annotations

from verifier.normalize import clean_text, context_terms, name_key, parse_number, values_match
from verifier.extract import find_quantities


def test_model_aliases_share_a_key() -> None:
    assert name_key("DeepseekCoder-33B-instruct") == name_key("DeepSeek-Coder-33B-Instruct")
    assert name_key("deepseek coder 33b instruct") == name_key("DeepSeek-Coder-33B-Instruct")
    assert name_key("GQA-8-XXL") != name_key("MQA-XXL")


def test_benchmark_aliases() -> None:
    assert name_key("HumanEval+") == name_key("HumanEvalPlus") == "humanevalplus"
    assert name_key("MBPP+") == "mbppplus"
    assert name_key("HumanEval") != name_key("HumanEval+")
    assert name_key("CSQA") == name_key("CommonsenseQA")


def test_a_hyphenated_phrase_says_its_initials() -> None:
    terms = context_terms("Sentences were encoded using byte-pair encoding, unlike multi-head attention layers.")
    assert {"bpe", "mha"} <= terms
    assert "mal" not in terms and "uma" not in terms  # only a hyphenated word opens an acronym


def test_rounding_and_truncation() -> None:
    assert values_match(28.8, 1, "", 28.81, 2, "") == "rounded"
    assert values_match(28.8, 1, "%", 28.84, 2, "%") == "rounded"
    assert values_match(28.8, 1, "", 28.89, 2, "") == "truncated"
    assert values_match(28.9, 1, "", 28.81, 2, "") is None
    assert values_match(28.81, 2, "", 28.8, 1, "") == "coarser"
    # An integer source is too coarse to confirm a decimal claim.
    assert values_match(35.2, 1, "%", 35, 0, "%") is None


def test_percent_and_fraction() -> None:
    assert values_match(39, 0, "%", 0.39, 2, "") == "exact+scale"
    assert values_match(0.723, 3, "", 72.31, 2, "%") == "rounded+scale"
    assert values_match(0.39, 2, "", 39.0, 1, "%") is not None
    assert values_match(0.49, 2, "", 39.0, 1, "%") is None


def test_plus_minus_interval_keeps_the_centre() -> None:
    qs = find_quantities("accuracy is 72.3±0.4 and 87.5 ± .3 on the held-out split")
    assert [(q.value, q.pm) for q in qs] == [(72.3, 0.4), (87.5, 0.3)]
    assert parse_number("1,234.5") == (1234.5, 1)


def test_clean_text_fixes_ligatures_and_line_break_hyphens() -> None:
    assert clean_text("standard \ufb01ne-tuning out- performs") == "standard fine-tuning outperforms"


def test_the_parts_of_a_method_compound_are_not_metric_aliases() -> None:
    """"IL+RL" (imitation plus reinforcement learning) names no ROUGE-L column; a bare "RL" header does."""
    from verifier.normalize import context_terms

    assert "rougel" not in context_terms("IL+RL 62.4 28.7")
    assert "reinforcementlearning" in context_terms("IL+RL 62.4 28.7")
    assert "rougel" in context_terms("CNN/DM R1 R2 RL")
