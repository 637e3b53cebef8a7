"""Which thing a number is about when a paper states several close together: a gap over what,
ROUGE-1 or ROUGE-2, the benchmark a clause gives the number to, the side of a comparison a table
row names, a setting given for another dataset, and a list item that "this set" goes on about."""

from __future__ import annotations

import pytest

from synth.parse.text import split_sentences
from tests.helpers.tables import table_at, tables_index
from verifier.index import build_index
from verifier.types import Verdict
from verifier.verify import verify_claim


def verdict(idx, claim: str) -> Verdict:  # noqa: ANN001 - SourceIndex
    return verify_claim(claim, [idx]).verdict


def sentences(*texts: str, page: int = 4) -> list[tuple[int, str]]:
    return [(page, t) for t in texts]


def test_a_decimal_percentage_is_one_number_and_may_refute() -> None:
    idx = build_index("p", "p.pdf", sentences(
        "Removing the disjoint mean step causes a performance decline of 3.2% in (IA)3 merging."), [])
    claim = "Removing the disjoint mean step lowers (IA)3 merging performance by {}."
    assert verdict(idx, claim.format("3.2%")) == Verdict.SUPPORTED
    assert verdict(idx, claim.format("3.8%")) == Verdict.CONTRADICTED


def test_a_gap_over_something_else_does_not_refute_a_gap_in_the_claims_words() -> None:
    idx = build_index("p", "p.pdf", sentences(
        "Using TIES-Merging on (IA)3 models shows an average enhancement of 2.5% compared to the top baseline."), [])
    # The same names, but the gap is over the top baseline, not the one the claim removes.
    assert verdict(idx, "In the ablation, removing the scaling step reduces TIES-Merging's (IA)3 performance by "
                        "3.2%.") == Verdict.NOT_FOUND
    assert verdict(idx, "TIES-Merging improves (IA)3 models by 2.5% on average over the top baseline.") == Verdict.SUPPORTED


def test_a_row_naming_both_sides_of_a_comparison_is_neither_number() -> None:
    table = table_at(0, "Table 1", "Table 1: PaLM-540B prompting results on HotpotQA and Fever.",
                     ["Prompt Method", "HotpotQA (EM)", "Fever (Acc)"],
                     [["CoT", "29.4", "56.3"], ["ReAct", "27.4", "60.9"], ["CoT-SC \u2192 ReAct", "34.2", "64.6"]])
    idx = tables_index(table)
    claim = "With PaLM-540B prompting, ReAct beats chain-of-thought on Fever by 4.6 points ({} vs {})."
    assert verdict(idx, claim.format("60.9", "56.3")) == Verdict.SUPPORTED
    assert verdict(idx, claim.format("64.6", "56.3")) != Verdict.SUPPORTED


def test_a_set_up_length_is_no_name_of_its_own() -> None:
    idx = build_index("p", "p.pdf", sentences(
        "CNN/Daily Mail and WMT use input length of 512 and output length 256.",
        "Finally, TriviaQA uses input length 2048 and output length 32."), [])
    claim = "For TriviaQA fine-tuning, the experiments used an input length of 2048 and an output length of {}."
    assert verdict(idx, claim.format("32")) == Verdict.SUPPORTED
    res = verify_claim(claim.format("64"), [idx])
    assert res.verdict == Verdict.CONTRADICTED and "32" in res.reason


WMT = sentences(
    "We trained on the standard WMT 2014 English-German dataset consisting of about 4.5 million sentence pairs.",
    "Sentences were encoded using byte-pair encoding, which has a shared source-target vocabulary of about 37000 tokens.",
    "For English-French, we used the significantly larger WMT 2014 English-French dataset consisting of 36M "
    "sentences and split tokens into a 32000 word-piece vocabulary.", page=7)


def test_a_vocabulary_after_its_size_and_a_dataset_named_the_sentence_before() -> None:
    idx = build_index("p", "p.pdf", WMT, [])
    fr = "For WMT 2014 English-French, the authors split tokens into a word-piece vocabulary of about {} entries."
    assert verdict(idx, fr.format("32,000")) == Verdict.SUPPORTED
    assert verdict(idx, fr.format("37,000")) == Verdict.CONTRADICTED
    de = "For WMT 2014 English-German, sentences were encoded with byte-pair encoding, a shared vocabulary of about {} tokens."
    assert verdict(idx, de.format("37,000")) == Verdict.SUPPORTED
    assert verdict(idx, de.format("32,000")) == Verdict.CONTRADICTED


def test_a_bullet_opens_a_sentence_and_this_set_is_the_one_it_named() -> None:
    text = ("\u2022 Open-Platypus (Lee et al., 2023) is a curated dataset amalgamated from 11 open-source datasets. "
            "This set contains 25k questions where \u224810% are LLM-generated and the remainder human-written. "
            "\u2022 ShareGPT (Chiang et al., 2023) is a dataset of 70K voluntarily-shared ChatGPT conversations.")
    parts = split_sentences(text)
    assert len(parts) == 3 and parts[2].startswith("\u2022 ShareGPT")
    table = table_at(0, "Table 4", "Table 4: Log-diversity of the responses.", ["Setting", "OpenPlatypus"],
                     [["LLaMA-2 7B", "8.91"], ["+NEFT", "9.64"]], page=6)
    idx = tables_index(table, text=sentences(*parts, page=3))
    res = verify_claim("Open-Platypus has 25k questions, of which roughly 10% are LLM-generated.", [idx])
    # The sentence says it; a 9.64 in a diversity table merely rounds to it.
    assert res.verdict == Verdict.SUPPORTED and res.evidence.page == 3
    assert verdict(idx, "Open-Platypus has 25k questions, of which roughly 15% are LLM-generated.") == Verdict.CONTRADICTED
    assert verdict(idx, "ShareGPT has 25k questions, of which roughly 10% are LLM-generated.") != Verdict.SUPPORTED


def test_a_model_named_by_a_lone_letter_is_not_named_by_the_letter_elsewhere() -> None:
    table = table_at(0, "Table 12", "Table 12: Merging eight ViT-B/32 models.",
                     ["Method", "Validation", "Average"], [["TIES-MERGING", "\u2717", "86.0"]], page=21)
    idx = tables_index(table, text=[(3, "We merge ViT-B/32 and ViT-L/14 models; h is the number of heads.")])
    res = verify_claim("Merging eight ViT-H/14 classifiers with TIES-Merging yields an average accuracy of 88.3%.", [idx])
    assert res.verdict == Verdict.NOT_FOUND and "ViT-H/14" in res.reason
    assert verdict(idx, "Merging eight ViT-B/32 classifiers with TIES-Merging yields an average accuracy of 86.0%.") == Verdict.SUPPORTED


def test_a_sentence_saying_the_claims_setting_outranks_a_cell_that_leaves_it_unsaid() -> None:
    table = table_at(0, "Table 2", "Table 2: Accuracy on math reasoning datasets.",
                     ["Method", "GSM8K", "SVAMP"], [["Zero-shot-CoT", "56.4", "69.9"], ["Zero-shot-PS+", "59.3", "75.7"]], page=6)
    idx = tables_index(table, text=[(6, "Zero-shot-PS+ also consistently outperforms Zero-shot-CoT with self-consistency "
                                        "(70.7% and 81.7%) on GSM8K and SVAMP, respectively.")])
    claim = "With self-consistency (N=10), Zero-shot-CoT scores {} on GSM8K."
    assert verdict(idx, claim.format("0.707")) == Verdict.SUPPORTED
    res = verify_claim(claim.format("0.737"), [idx])
    assert res.verdict == Verdict.CONTRADICTED and "70.7%" in res.reason


def test_a_run_in_heading_keeps_the_model_the_paragraph_is_about() -> None:
    idx = build_index("p", "p.pdf", sentences(
        "Indeed, the solve rate of chain-of-thought prompting for LaMDA 137B on GSM8K went up from 14.3% to 17.3% "
        "with an external calculator.",
        "Also, 34% of the examples contained calculator errors in addition to other types of errors.",
        "However, we perform the rest of the error categorization independently of calculator errors.",
        "\u2022 Symbol mapping error.",
        "We next found that 16% percent of the chains of thought were correct except for symbol mapping errors.",
        page=27), [])
    claim = "For LaMDA 137B on GSM8K, {} of the incorrect chains of thought were correct apart from symbol mapping errors."
    assert verdict(idx, claim.format("16%")) == Verdict.SUPPORTED
    assert verdict(idx, claim.format("26%")) != Verdict.SUPPORTED


def test_a_baseline_row_is_not_the_papers_system_left_unsaid() -> None:
    table = table_at(0, "Table 1", "Table 1: Merging eleven (IA)3 models.", ["Method", "PEFT (IA)3"],
                     [["MULTITASK", "73.1"], ["TASK ARITHMETIC", "63.9"], ["TIES-MERGING", "66.4"]], page=6)
    idx = tables_index(table, title="TIES-Merging: Resolving Interference When Merging Models")
    claim = "Using the oracle multitask sign vector, TIES-Merging of eleven (IA)3 models reaches an average of 73.1."
    assert verdict(idx, claim) != Verdict.SUPPORTED
    assert verdict(idx, "Merging eleven (IA)3 models, TIES-Merging reaches an average of 66.4.") == Verdict.SUPPORTED
    # A claim that gives the baseline its own number still reads it from the baseline's row.
    assert verdict(idx, "On (IA)3 models, TIES-Merging reaches 66.4, 6.7 points below the multitask model (73.1).") == Verdict.SUPPORTED


def test_a_symbol_set_up_in_the_claim_is_neither_a_model_nor_a_name_to_match() -> None:
    idx = build_index("p", "p.pdf", sentences(
        "We set the temperature to 0.7 and N to 10 for experiments with SC.",
        "Zero-shot-PS+ also outperforms Zero-shot-CoT with SC (70.7% and 81.7%) on GSM8K and SVAMP, respectively.",
        page=6), [], title="Plan-and-Solve Prompting: Improving Zero-Shot Chain-of-Thought Reasoning by Large Language Models",
        page_texts=["To address these issues, we propose Plan-and-Solve (PS) Prompting."])
    claim = "Plan-and-Solve's self-consistency experiments sample N = 10 reasoning paths at temperature {}."
    assert verdict(idx, claim.format("0.7")) == Verdict.SUPPORTED
    assert verdict(idx, claim.format("0.5")) == Verdict.CONTRADICTED


def test_a_sample_drawn_after_a_dataset_is_named_is_not_its_size() -> None:
    idx = build_index("p", "p.pdf", sentences(
        "Table 1 gives the statistics of the GSM8K evaluation set, which has 1319 problems.",
        "To analyse errors, we look at GSM8K more closely.",
        "We first randomly sample 100 problems and inspect the answers."), [])
    assert verdict(idx, "The GSM8K evaluation set contains 1,319 problems.") == Verdict.SUPPORTED
    assert verdict(idx, "The GSM8K evaluation set contains 1,200 problems.") != Verdict.SUPPORTED
    assert verdict(idx, "The GSM8K evaluation set contains 100 problems.") != Verdict.SUPPORTED


def test_a_reduction_of_a_share_is_a_change_the_paper_states() -> None:
    idx = build_index("p", "p.pdf", sentences(
        "Distilling step-by-step achieves better performance with over 50% less training examples on average "
        "across datasets (and up to over 85% reduction).", page=2), [])
    claim = "Distilling step-by-step needs over 50% fewer training examples on average, with reductions of more than {} at best."
    assert verdict(idx, claim.format("85%")) == Verdict.SUPPORTED
    assert verdict(idx, claim.format("95%")) != Verdict.SUPPORTED


def test_names_after_numbers_far_apart_are_no_list_labels() -> None:
    idx = build_index("p", "p.pdf", sentences(
        "The released version of Llama-2-70B spans 140 GB of memory.",
        "With 4-bit quantization and a layer-pruning fraction of 50%, the model fits in approximately 17.5 GB of memory.",
        page=11), [])
    claim = ("Combining 4-bit quantization with a 50% layer-pruning fraction lets Llama-2-70B fit in roughly 17.5 GB of "
             "memory, down from {} GB.")
    assert verdict(idx, claim.format("140")) == Verdict.SUPPORTED


def test_a_baseline_the_paper_cites_in_a_footnote_with_numbers_listed_respectively() -> None:
    idx = build_index("p", "p.pdf", sentences(
        "3https://ai.meta.com/llama/ 4Dater Ye et al. (2023) with OpenAI Codex LLM achieves 65.9% and 85.6% "
        "accuracy on WikiTQ and TabFact, respectively.", page=6), [],
        title="Chain-of-Table: Evolving Tables in the Reasoning Chain for Table Understanding")
    claim = "As reported in the Chain-of-Table paper, Dater with OpenAI Codex reaches {} accuracy on WikiTQ and {} on TabFact."
    assert verdict(idx, claim.format("65.9%", "85.6%")) == Verdict.SUPPORTED
    assert verdict(idx, claim.format("85.6%", "65.9%")) == Verdict.CONTRADICTED


def test_a_footnote_marker_and_the_paper_a_claim_cites_are_no_names() -> None:
    from verifier.extract import claim_from_text
    from verifier.normalize import context_terms

    assert "dater" in context_terms("4Dater Ye et al. (2023) with OpenAI Codex LLM achieves 65.9%.")
    assert "2wiki" in context_terms("on 2Wiki and HotpotQA")  # a name that starts with digits keeps them too
    c = claim_from_text("As reported in the Chain-of-Table paper, Dater with OpenAI Codex reaches 65.9% on WikiTQ.")
    assert "Chain-of-Table" not in c.subjects and "Dater" in c.subjects


def test_a_whole_number_that_only_rounds_an_unrelated_cell_is_no_support() -> None:
    table = table_at(0, "Table 2", "Table 2: Few-shot results on math benchmarks.", ["Model", "GSM8K", "GSM-H"],
                     [["Mistral-7B", "41.2", "60.4"]], page=6)
    idx = tables_index(table, title="Rho-1: Not All Tokens Are What You Need")
    assert verdict(idx, "For the Mistral-7B model, Rho-1 trains only on the top 60% of tokens selected by excess "
                        "loss.") != Verdict.SUPPORTED
    assert verdict(idx, "Mistral-7B scores 60% on GSM-H.") == Verdict.SUPPORTED  # a rounding in the claim's own terms


TABLE_READINGS = [
    pytest.param(  # ROUGE-1 columns say nothing of ROUGE-2
        table_at(0, "Table 1", "Table 1: Inference time and average dev set performance.", ["Model", "CNN R1", "arXiv R1"],
                 [["MHA-XXL", "43.8", "47.2"], ["GQA-8-XXL", "43.5", "47.1"]]), "",
        "GQA-8-XXL scores 43.5 ROUGE-1 on CNN/Daily Mail.", "GQA-8-XXL scores 21.4 ROUGE-2 on CNN/Daily Mail.",
        Verdict.NOT_FOUND, id="rouge-variant"),
    pytest.param(  # the data right after the agent is the second number's
        table_at(0, "Table 5", "Table 5: Mean 5-shot MMLU test accuracy for LLaMA 7-65B models finetuned with QLoRA.",
                 ["Dataset", "7B", "13B"], [["LLaMA no tuning", "35.1", "46.9"], ["FLAN v2", "44.5", "51.4"]], page=8),
        "QLoRA: Efficient Finetuning of Quantized LLMs",
        "QLoRA fine-tuning on FLAN v2 lifts LLaMA-7B's 5-shot MMLU accuracy from 35.1 (no tuning) to 44.5.",
        "QLoRA fine-tuning on FLAN v2 lifts LLaMA-7B's 5-shot MMLU accuracy from 35.1 (no tuning) to 46.5.",
        Verdict.CONTRADICTED, id="data-after-the-agent"),
    pytest.param(  # a name after a listed number labels that number only
        table_at(0, "Table 1", "Table 1: Comparison of SciTab with other datasets.", ["Label", "SciFact", "SCITAB"],
                 [["Supported", "54%", "37%"], ["Refuted", "46%", "34%"], ["NEI", "\u2014", "29%"]], page=4),
        "SciTab: A Challenging Benchmark for Compositional Reasoning",
        "Of SciTab's claims, 37% are supported, 34% refuted and 29% labeled NEI.",
        "Of SciTab's claims, 37% are supported, 29% refuted and 34% labeled NEI.",
        Verdict.CONTRADICTED, id="listed-labels"),
]


@pytest.mark.parametrize(("table", "title", "right", "wrong", "wrong_verdict"), TABLE_READINGS)
def test_a_table_read_with_the_claims_own_names(table, title: str, right: str, wrong: str,  # noqa: ANN001 - Table
                                                 wrong_verdict: Verdict) -> None:
    idx = tables_index(table, title=title)
    assert verdict(idx, right) == Verdict.SUPPORTED
    assert verdict(idx, wrong) == wrong_verdict


def _clauses():  # noqa: ANN202 - SourceIndex
    return build_index("p", "p.pdf", sentences(
        "Distilling step-by-step outperforms few-shot CoT PaLM by using 770M (over 700x smaller) T5 models on ANLI "
        "and SVAMP, and 11B (over 45x smaller) T5 model on CQA."), [])


def _negated_column():  # noqa: ANN202 - SourceIndex
    return tables_index(table_at(0, "Table 11", "Table 11: Accuracy on the non-football and football subsets of DROP.",
                                 ["Method", "Non-football (DROP)", "Football (DROP)"],
                                 [["Zero-Shot", "43.86", "51.77"], ["Least-to-Most", "82.45", "73.42"]], page=7))


MISATTRIBUTIONS = [
    pytest.param(  # a clause gives its number to its own benchmarks
        _clauses, "Distilling step-by-step beats few-shot CoT PaLM on {} with a T5 model over {} smaller.",
        [("CQA", "45x"), ("ANLI", "700x")], ("CQA", "700x"), "45", id="clause-benchmarks"),
    pytest.param(  # a negated column is not the word it negates
        _negated_column, "Least-to-most prompting reaches {} accuracy on the {} subset of DROP.",
        [("73.42%", "football"), ("82.45%", "non-football")], ("82.45%", "football"), "73.42", id="non-football"),
]


@pytest.mark.parametrize(("build", "claim", "rights", "wrong", "true_value"), MISATTRIBUTIONS)
def test_a_number_given_to_the_other_item_is_refuted_with_the_items_own(build, claim: str, rights: list,  # noqa: ANN001
                                                                        wrong: tuple, true_value: str) -> None:
    idx = build()
    for args in rights:
        assert verdict(idx, claim.format(*args)) == Verdict.SUPPORTED
    res = verify_claim(claim.format(*wrong), [idx])
    assert res.verdict == Verdict.CONTRADICTED and true_value in res.reason



def test_removing_a_step_named_by_its_gerund_reads_the_ablation_row() -> None:
    table = table_at(0, "Table 6", "Table 6: Ablation of the steps of TIES-Merging.", ["Method", "T5-base", "(IA)3"],
                     [["TIES-MERGING", "74.5", "70.7"], ["\u2212TRIM", "73.0", "70.6"], ["\u2212SCALE", "72.0", "65.5"]],
                     page=10)
    idx = tables_index(table, title="TIES-Merging: Resolving Interference When Merging Models")
    claim = "Removing the scaling step from TIES-Merging drops (IA)3 performance from 70.7 to {}."
    assert verdict(idx, claim.format("65.5")) == Verdict.SUPPORTED
    assert verdict(idx, claim.format("70.6")) == Verdict.CONTRADICTED


def test_a_distinct_whole_number_start_pins_the_papers_from_a_to_b() -> None:
    from verifier.extract import find_quantities
    from verifier.together import _end_from

    idx = build_index("p", "p.pdf", sentences(
        "Additionally, we saw an increase in average output character length from 852 to 1241 (+389).",
        "Accuracy went from 100 to 120 samples.", page=13), [])
    start, end = find_quantities("from 852 to 1421")[:2]
    assert _end_from(idx, start, end).text == "1241"
    start, end = find_quantities("from 852 to 1241")[:2]
    assert _end_from(idx, start, end).text == "1241"  # the claim's own end point: it supports
    start, end = find_quantities("from 100 to 150")[:2]
    assert _end_from(idx, start, end) is None  # a round start says too little to pin the sentence



def test_nfloat4_is_the_normalfloat_a_claim_spells_out() -> None:
    table = table_at(0, "Table 2", "Table 2: Pile Common Crawl mean perplexity for different 4-bit data types.",
                     ["Data type", "Mean PPL"], [["Float4 (E2M1)", "31.07"], ["NFloat4 + DQ", "27.41"]], page=7)
    idx = tables_index(table)
    claim = "On Pile Common Crawl, 4-bit NormalFloat with double quantization reaches a mean perplexity of {}."
    assert verdict(idx, claim.format("27.41")) == Verdict.SUPPORTED
    assert verdict(idx, claim.format("31.07")) == Verdict.CONTRADICTED


def test_a_sentences_percentage_does_not_refute_a_bare_count() -> None:
    idx = build_index("p", "p.pdf", [
        (5, "We manually examined chains of thought by LaMDA 137B on GSM8K: 46% of them were almost correct."),
        (25, "As mentioned in the main text, we analyze 50 chains of thought from LaMDA 137B on GSM8K."),
        (27, "We next found that 16% of the chains of thought were correct except for symbol mapping errors.")], [])
    claim = "In the analysis of {} incorrect LaMDA 137B chains of thought on GSM8K, 16% were correct except for symbol mapping errors."
    assert verdict(idx, claim.format("50")) == Verdict.SUPPORTED


def test_a_rank_r_equals_one_is_no_rouge_1() -> None:
    from verifier.extract import claim_from_text

    c = claim_from_text("Adapting only the query projection Wq with rank r = 1 gives LoRA 68.8% accuracy on WikiSQL.")
    assert "rouge1" not in c.metrics and "set:r=1" in c.settings
    assert "rouge1" in claim_from_text("GQA-8-XXL scores 43.5 R1 on CNN/Daily Mail.").metrics
