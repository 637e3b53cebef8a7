"""Which number a sentence gives for what: clauses, self-reference, counts and set-up claims."""

from __future__ import annotations

import pytest

from tests.helpers.tables import table_at, tables_index
from verifier.extract import find_quantities
from verifier.index import build_index
from verifier.own_system import own_names
from verifier.normalize import context_terms
from verifier.settings_check import _names_anchor
from verifier.setup_numbers import SetupNumber, same_number
from verifier.types import Verdict
from verifier.verify import verify_claim


def verdict(sentences: list[str], claim: str, title: str = "") -> Verdict:
    idx = build_index("p", "paper.pdf", [(3, s) for s in sentences], [], title=title)
    return verify_claim(claim, [idx]).verdict


AGREEMENT = ("Training labelers agree with each other 72.6 ± 1.5% of the time, while for held-out labelers "
             "this number is 77.3 ± 1.3%.")


def test_each_clause_owns_its_number() -> None:
    assert verdict([AGREEMENT], "Held-out labelers agree with each other 77.3% of the time.") == Verdict.SUPPORTED
    # The training labelers' figure given for the held-out labelers is not support.
    assert verdict([AGREEMENT], "Held-out labelers agree with each other 72.6% of the time.") != Verdict.SUPPORTED


def test_own_system_names_come_from_the_title() -> None:
    assert own_names("Competition-Level Code Generation with AlphaCode") == {"alphacode"}
    assert own_names("QLoRA: Efficient Finetuning of Quantized LLMs") == {"qlora"}
    assert own_names("Evaluating Large Language Models Trained on Code") == frozenset()


def test_our_sentence_speaks_for_the_titled_system() -> None:
    text = ["Our 10 submissions per problem result corresponds to an estimated Codeforces rating of 1238."]
    title = "Competition-Level Code Generation with AlphaCode"
    assert verdict(text, "AlphaCode reached an estimated Codeforces rating of 1238.", title) == Verdict.SUPPORTED
    assert verdict(text, "AlphaCode reached an estimated Codeforces rating of 1328.", title) == Verdict.CONTRADICTED
    # Without the title nothing ties "our" to AlphaCode.
    assert verdict(text, "AlphaCode reached an estimated Codeforces rating of 1238.") != Verdict.SUPPORTED


@pytest.mark.parametrize("text, roles", [
    ("with 8 independent exemplars reaches 38.4% accuracy", ["count", "value"]),
    ("with 8 exemplars reaches 38.4% accuracy", ["count", "value"]),
    ("reaches 38.4 on 8 tasks", ["value", "count"]),
    ("a study of 140 AlpacaEval instructions found a 74.6% win score", ["count", "value"]),
    ("took 3.5 days on 8 P100 GPUs", ["value", "value"]),  # a name, not a benchmark, before the noun
    ("of 100 sampled GSM8K problems, 46 were wrong", ["count", "value"]),
])
def test_counted_nouns_are_not_results(text: str, roles: list[str]) -> None:
    assert [q.role for q in find_quantities(text)] == roles


SETUP = "Models were finetuned for 5000 steps with a global batch size of 16 and a LoRA rank of 2 on 328M tokens."


@pytest.mark.parametrize("claim, expected", [
    ("The models were finetuned for 5000 steps with a global batch size of 16.", Verdict.SUPPORTED),
    ("The models were finetuned for 5000 steps with a global batch size of 32.", Verdict.CONTRADICTED),
    ("The models were finetuned with a LoRA rank of 4.", Verdict.CONTRADICTED),
    ("The models were finetuned on 328M tokens.", Verdict.SUPPORTED),
    ("The models were finetuned on roughly 0.33B tokens.", Verdict.SUPPORTED),
    ("The models were finetuned with a learning rate of 3e-4.", Verdict.NOT_FOUND),  # the paper never says
])
def test_set_up_claims_are_read_next_to_their_anchor(claim: str, expected: Verdict) -> None:
    assert verdict([SETUP], claim) == expected


def _table(header: list[str], rows: list[list[str]]):  # noqa: ANN202
    from verifier.index import table_cells

    return build_index("p", "p.pdf", [], table_cells(table_at(0, "Table 2", "Table 2: Results on APPS.", header, rows), 0))


def test_words_next_to_the_number_pick_the_column() -> None:
    idx = _table(["Model", "Introductory", "Interview", "Competition"],
                 [["GPT-Neo 2.7B raw pass@5", "5.50%", "0.80%", "0.00%"], ["Codex-12B raw pass@5", "9.65%", "1.96%", "0.32%"]])
    ok = verify_claim("GPT-Neo 2.7B achieves a raw pass@5 of 5.50% on introductory APPS problems.", [idx])
    assert ok.verdict == Verdict.SUPPORTED
    bad = verify_claim("GPT-Neo 2.7B achieves a raw pass@5 of 5.50% on interview-level APPS problems.", [idx])
    assert bad.verdict == Verdict.CONTRADICTED and "0.80" in bad.reason and bad.evidence.column == "Interview"


def test_chain_of_thought_names_the_cot_column() -> None:
    idx = _table(["Model", "StrategyQA standard", "StrategyQA CoT"], [["GPT-3 175B", "65.9", "65.4"]])
    assert verify_claim("GPT-3 175B with chain-of-thought prompting scores 65.4% on StrategyQA.",
                        [idx]).verdict == Verdict.SUPPORTED
    assert verify_claim("GPT-3 175B with chain-of-thought prompting scores 65.9% on StrategyQA.",
                        [idx]).verdict == Verdict.CONTRADICTED


@pytest.mark.parametrize("claim, expected", [
    ("T5-XXL is trained with a learning rate of 5e-5 and a batch size of 32 for at most 4,000 steps.", Verdict.SUPPORTED),
    ("T5-XXL is trained with a learning rate of 1e-4.", Verdict.CONTRADICTED),
])
def test_scientific_notation_settings(claim: str, expected: Verdict) -> None:
    text = ["T5-XXL (11B): We train the models with learning rate = 5 × 10−5, batch size = 32, for a maximum of 4000 steps."]
    assert verdict(text, claim) == expected


def test_set_up_claims_read_from_hyperparameter_tables() -> None:
    idx = _table(["Model Dataset", "Batch size", "LR", "Steps"],
                 [["33B OASST1", "16", "1e-4", "1875"], ["65B OASST1", "16", "1e-4", "1875"], ["33B FLAN v2", "32", "1e-4", "5000"]])
    ok = "For the 33B model on OASST1, finetuning used a batch size of 16 and a learning rate of 1e-4 for 1875 steps."
    assert verify_claim(ok, [idx]).verdict == Verdict.SUPPORTED
    bad = "For the 33B model on OASST1, finetuning used a learning rate of 2e-4."
    assert verify_claim(bad, [idx]).verdict == Verdict.CONTRADICTED


def test_participle_suffix_is_not_part_of_a_name() -> None:
    from verifier.extract import claim_from_text

    names = {t for t in claim_from_text("LLaMA-2 13B reaches a ChatGPT-judged win rate of 42.2% on AlpacaEval.").key_terms}
    assert "chatgpt" in {n.lower().replace("-", "") for n in names} and not any("judged" in n.lower() for n in names)


def test_split_sizes_from_a_dataset_table() -> None:
    idx = _table(["Dataset", "Train", "Validation", "Test"], [["ANLI", "16,946", "1,000", "1,000"], ["CQA", "8,766", "975", "1,221"]])
    assert verify_claim("The ANLI data comprises 16,946 training examples.", [idx]).verdict == Verdict.SUPPORTED
    assert verify_claim("The CQA data comprises 9,766 training examples.", [idx]).verdict == Verdict.CONTRADICTED


def test_a_set_up_claim_may_name_the_papers_method_by_its_first_word() -> None:
    text = ["T5-XXL (11B): We train the models with learning rate = 5 × 10−5, batch size = 32."]
    idx = build_index("p", "paper.pdf", [(12, text[0])], [], title="Distilling Step-by-Step! Outperforming Larger Models")
    claim = "In Distilling step-by-step, the 11B T5-XXL student is trained with a batch size of 32."
    assert verify_claim(claim, [idx]).verdict == Verdict.SUPPORTED


def test_a_comparison_may_name_the_neighbouring_column() -> None:
    idx = _table(["Model", "SVAMP standard", "SVAMP CoT"], [["PaLM 62B", "48.2", "46.7"]])
    claim = "For PaLM 62B, chain-of-thought prompting lowers SVAMP accuracy, from 48.2% with standard prompting to 46.7%."
    assert verify_claim(claim, [idx]).verdict == Verdict.SUPPORTED


def test_an_equation_in_the_claim_picks_the_row() -> None:
    idx = _table(["Setting", "Alpaca", "Evol-Instruct"],
                 [["LLaMA-1 30B", "36.96", "52.10"], ["LLaMA-1 30B +NEFT (α = 5)", "41.12", "54.20"],
                  ["LLaMA-1 30B +NEFT (α = 10)", "43.11", "55.00"]])
    assert verify_claim("With NEFT noise α = 10, LLaMA-1 30B reaches 43.11 on Alpaca.", [idx]).verdict == Verdict.SUPPORTED
    bad = verify_claim("With NEFT noise α = 10, LLaMA-1 30B reaches 41.12 on Alpaca.", [idx])
    assert bad.verdict == Verdict.CONTRADICTED and "43.11" in bad.reason


def test_the_word_next_to_the_number_picks_the_row() -> None:
    idx = _table(["Category", "LLaMA-65B", "Guanaco-65B"], [["Race/Color", "70.6", "45.3"], ["Religion", "79.0", "38.7"]])
    assert verify_claim("Guanaco-65B scores 38.7 in the religion category.", [idx]).verdict == Verdict.SUPPORTED
    bad = verify_claim("Guanaco-65B scores 45.3 in the religion category.", [idx])
    assert bad.verdict == Verdict.CONTRADICTED and "38.7" in bad.reason


def test_counts_and_elo_scores_cannot_refute_a_percentage() -> None:
    from verifier.types import Mention, Quantity
    from verifier.plausible import plausible_value

    pct = Quantity(value=83.0, text="83.0%", decimals=1, unit="%", start=0, end=5)
    cell = lambda v, d, u="": Mention(paper_id="p", page=1, value=v, text=str(v), decimals=d, unit=u, kind="cell", quote="")  # noqa: E731
    assert not plausible_value(pct, cell(1, 0))  # a count of one error, not 1 = 100%
    assert not plausible_value(pct, cell(902, 0))  # an Elo score
    assert plausible_value(pct, cell(0.83, 2))  # a fraction of the same quantity
    assert plausible_value(pct, cell(76.4, 1))


def test_language_pair_abbreviations_and_rl() -> None:
    idx = _table(["Model", "BLEU EN-DE", "BLEU EN-FR"], [["GNMT + RL Ensemble", "26.30", "41.16"]])
    claim = "The GNMT + RL ensemble reaches about 41.2 BLEU on English-to-French."
    assert verify_claim(claim, [idx]).verdict == Verdict.SUPPORTED
    assert verify_claim(claim.replace("41.2", "26.3"), [idx]).verdict == Verdict.CONTRADICTED


def test_the_papers_own_system_need_not_be_repeated_in_its_table() -> None:
    from verifier.index import table_cells

    header = ["Model", "pass@1"]
    rows = [["41B + clustering", "29.6%"], ["Codex-12B", "28.8%"]]
    t = table_at(0, "Table 5", "Table 5: Solve rates on the test set.", header, rows, page=8)
    idx = build_index("p", "p.pdf", [], table_cells(t, 0), title="Competition-Level Code Generation with AlphaCode")
    assert verify_claim("AlphaCode 41B with clustering reaches 29.6% pass@1.", [idx]).verdict == Verdict.SUPPORTED
    assert verify_claim("AlphaCode 41B with clustering reaches 28.8% pass@1.", [idx]).verdict == Verdict.CONTRADICTED
    other = build_index("p", "p.pdf", [], table_cells(t, 0), title="Some Other Paper")
    assert verify_claim("AlphaCode 41B with clustering reaches 29.6% pass@1.", [other]).verdict != Verdict.SUPPORTED


def _split_table():  # noqa: ANN202
    from verifier.index import table_cells

    header = ["Approach", "Validation 10@1k", "Validation 10@1M", "Test 10@1k"]
    rows = [["41B", "16.9%", "31.8%", "15.6%"], ["41B + clustering", "21.0%", "34.2%", "16.4%"]]
    t = table_at(0, "Table 5", "Table 5: Solve rates on the validation set and test set.", header, rows, page=15)
    text = [(15, "We evaluate on CodeContests, our new dataset of competitive programming problems.")]
    return build_index("p", "p.pdf", text, table_cells(t, 0), title="Competition-Level Code Generation with AlphaCode")


def test_a_table_inherits_the_one_benchmark_its_page_names() -> None:
    idx = _split_table()
    assert verify_claim("AlphaCode 41B solves 31.8% of CodeContests validation problems at 10@1M.",
                        [idx]).verdict == Verdict.SUPPORTED


def test_the_data_split_must_match() -> None:
    idx = _split_table()
    # Only the validation columns have 10@1M: a test-set claim is not reported, not refuted by them.
    assert verify_claim("On the CodeContests test set, AlphaCode 41B with clustering solves 33.9% of problems at 10@1M.",
                        [idx]).verdict == Verdict.NOT_FOUND
    assert verify_claim("On the CodeContests test set, AlphaCode 41B solves 15.6% of problems at 10@1k.",
                        [idx]).verdict == Verdict.SUPPORTED


def test_without_x_does_not_point_to_the_x_row() -> None:
    idx = _split_table()
    assert verify_claim("Without clustering, AlphaCode 41B solves 15.6% of CodeContests test problems at 10@1k.",
                        [idx]).verdict == Verdict.SUPPORTED


def _wmt_table():  # noqa: ANN202
    from verifier.index import table_cells

    header = ["Model", "BLEU EN-DE", "BLEU EN-FR"]
    rows = [["MoE [32]", "26.03", "40.56"], ["Transformer (big)", "28.4", "41.8"]]
    t = table_at(0, "Table 2", "Table 2: BLEU on newstest2014.", header, rows, page=8)
    text = [(8, "On the WMT 2014 English-to-German and English-to-French translation tasks, the big model is best.")]
    return build_index("p", "p.pdf", text, table_cells(t, 0))


@pytest.mark.parametrize("claim, expected", [
    ("The Mixture-of-Experts model (MoE) scores 26.03 BLEU on WMT 2014 English-to-German.", Verdict.SUPPORTED),
    ("The Mixture-of-Experts model (MoE) reaches 40.86 BLEU on WMT 2014 English-to-French.", Verdict.CONTRADICTED),
    ("The big Transformer reaches 41.8 BLEU on English-German translation.", Verdict.CONTRADICTED),  # 41.8 is EN-FR
])
def test_translation_direction_and_defined_abbreviation(claim: str, expected: Verdict) -> None:
    assert verify_claim(claim, [_wmt_table()]).verdict == expected


def _hyperparameter_table():  # noqa: ANN202
    from verifier.index import table_cells

    header = ["Model", "Vocab Size", "FT Tokens", "Peak LR", "LoRA Rank"]
    rows = [["Llama-2 70B", "32,000", "328M", "3e-5", "8"], ["Qwen 7B", "151,936", "164M", "3e-4", "64"]]
    t = table_at(0, "Table 4", "Table 4: Healing hyperparameters.", header, rows, page=19)
    text = [(19, "We heal with QLoRA on C4 after pruning."),
            (19, "Config Value Batch 16 Steps 5000 Warmup 100 LR 3e-4 1 2 4 8 16 32 64 128 Rank 64 Dropout 0.05")]
    return build_index("p", "p.pdf", text, table_cells(t, 0))


@pytest.mark.parametrize("claim, expected", [
    # "LoRA" names the rank, so the learning rate need not be in a "LoRA" column.
    ("Llama-2-70B was finetuned with a peak learning rate of 3e-5 and a LoRA rank of 8.", Verdict.SUPPORTED),
    ("Llama-2-70B was finetuned with a peak learning rate of 3e-4 and a LoRA rank of 8.", Verdict.CONTRADICTED),
    ("Qwen-7B was finetuned on 164M tokens of C4.", Verdict.SUPPORTED),  # a hyperparameter table rarely says C4
    ("Qwen-7B has a vocabulary of roughly 152K tokens.", Verdict.SUPPORTED),
    ("Qwen-7B has a vocabulary of roughly 120K tokens.", Verdict.CONTRADICTED),
])
def test_set_up_numbers_from_a_hyperparameter_table(claim: str, expected: Verdict) -> None:
    assert verify_claim(claim, [_hyperparameter_table()]).verdict == expected


def test_a_cell_the_claim_singles_out_is_not_a_misattribution() -> None:
    from verifier.index import table_cells

    errors = table_at(0, "Table 6", "Table 6: Distribution of error types of 100 examples.",
                       ["Method", "Calculation", "Missing", "Semantic"],
                       [["Zero-shot-CoT", "7%", "12%", "27%"], ["Zero-shot-PS", "7%", "10%", "26%"]], page=6)
    accuracy = table_at(1, "Table 2", "Table 2: Accuracy on GSM8K and SVAMP with zero-shot prompting.",
                         ["Method", "GSM8K", "SVAMP"], [["Zero-shot-CoT", "56.4", "69.9"], ["Zero-shot-PS (ours)", "58.2", "72.0"]],
                         page=6)
    idx = build_index("p", "p.pdf", [(6, "We analyse errors on GSM8K examples.")],
                      table_cells(errors, -1) + table_cells(accuracy, -2))
    claim = "In the error analysis of GSM8K examples, zero-shot PS prompting makes missing-step errors in 10% of cases."
    assert verify_claim(claim, [idx]).verdict == Verdict.SUPPORTED
    wrong = "In the error analysis of GSM8K examples, zero-shot PS prompting makes semantic errors in 10% of cases."
    assert verify_claim(wrong, [idx]).verdict == Verdict.CONTRADICTED


def test_no_refutation_from_another_benchmark_or_another_variant() -> None:
    from verifier.index import table_cells

    t = table_at(0, "Table 2", "Table 2: Accuracy on six math reasoning datasets.", ["Method", "MultiArith", "GSM8K"],
                  [["Zero-shot-CoT", "83.8", "56.4"], ["Zero-shot PS+ (ours)", "91.8", "59.3"]])
    f1 = table_at(1, "Table 4", "Table 4: Macro-F1 on SciTab.", ["Model", "Zero-shot 3-class", "In-context 3-class"],
                   [["GPT-4", "64.80", "63.21"], ["+ CoT", "\u2014", "62.77"]])
    idx = build_index("p", "p.pdf", [], table_cells(t, -1) + table_cells(f1, -2))
    # MATH is only in the caption's "math": the MultiArith column does not refute a MATH figure.
    assert verify_claim("Zero-shot PS+ prompting solves 35.4% of problems in the MATH benchmark.",
                        [idx]).verdict == Verdict.NOT_FOUND
    # The plain GPT-4 row does not refute a chain-of-thought figure when a "+ CoT" row exists.
    assert verify_claim("In the zero-shot 3-class setting, GPT-4 with CoT reaches 62.1 macro-F1 on SciTab.",
                        [idx]).verdict == Verdict.NOT_FOUND
    assert verify_claim("In the zero-shot 3-class setting, GPT-4 reaches 62.1 macro-F1 on SciTab.",
                        [idx]).verdict == Verdict.CONTRADICTED


def test_a_two_word_name_matches_its_glued_short_form() -> None:
    from verifier.index import table_cells

    t = table_at(0, "Table 2", "Table 2: GLUE results.", ["Model", "RTE", "Avg."],
                  [["DeBXXL (FT)*", "93.9", "91.1"], ["DeBXXL (LoRA)", "94.9", "91.3"]])
    idx = build_index("p", "p.pdf", [], table_cells(t, -1))
    assert verify_claim("With LoRA, DeBERTa XXL achieves 94.9 on RTE.", [idx]).verdict == Verdict.SUPPORTED


def test_times_smaller_is_a_multiplier_not_a_count() -> None:
    text = [(6, "For instance, we can achieve better performances than 540B PaLM model's Few-shot CoT with 220M "
                "(over 2000\u00d7 smaller) T5 model on e-SNLI, 770M (over 700\u00d7 smaller) T5 models on ANLI and SVAMP, "
                "and 11B (over 45\u00d7 smaller) T5 model on CQA.")]
    idx = build_index("p", "p.pdf", text, [], title="Distilling Step-by-Step! Outperforming Larger Language Models")
    ok = "Our method beats 540B PaLM few-shot CoT on ANLI with a 770M T5 model, over 700 times smaller."
    assert verify_claim(ok, [idx]).verdict == Verdict.SUPPORTED
    bad = "Our method beats 540B PaLM few-shot CoT on ANLI with a 770M T5 model, over 900 times smaller."
    assert verify_claim(bad, [idx]).verdict != Verdict.SUPPORTED


def test_equation_columns_and_subset_row_labels_single_out_a_cell() -> None:
    from verifier.index import table_cells

    t = table_at(0, "Table 6", "Table 6: Validation accuracy with different rank r.",
                  ["Weight Type", "r = 1", "r = 8", "r = 64"],
                  [["WikiSQL Wq", "68.8", "70.4", "70.0"], ["WikiSQL Wq, Wv", "73.4", "73.8", "73.5"],
                   ["WikiSQL Wq, Wk, Wv, Wo", "74.1", "74.0", "73.9"]])
    other = table_at(1, "Table 4", "Table 4: GPT-3 175B results.", ["Model", "WikiSQL Acc."],
                      [["GPT-3 175B (LoRA)", "73.4"], ["GPT-3 175B (FT)", "73.8"]])
    idx = build_index("p", "p.pdf", [], table_cells(t, -1) + table_cells(other, -2))
    assert verify_claim("Adapting Wq and Wv with rank r = 8, LoRA on GPT-3 175B reaches 73.8% on WikiSQL.",
                        [idx]).verdict == Verdict.SUPPORTED
    assert verify_claim("Adapting only Wq with rank r = 64, LoRA on GPT-3 175B reaches 70.4% on WikiSQL.",
                        [idx]).verdict != Verdict.SUPPORTED


def test_averaged_over_trials_names_no_compared_system() -> None:
    from verifier.index import table_cells

    t = table_at(0, "Table 3", "Table 3: AlfWorld task-specific success rates (%).", ["Method", "Pick", "All"],
                  [["Act (avg)", "88", "45"], ["ReAct (avg)", "65", "57"]])
    idx = build_index("p", "p.pdf", [], table_cells(t, -1))
    assert verify_claim("Averaged over its six trials, ReAct achieves an overall success rate of 57% on ALFWorld.",
                        [idx]).verdict == Verdict.SUPPORTED


def test_each_number_of_over_a_and_over_b_owns_its_clause() -> None:
    text = [(13, "In a head to head comparison, our 175B InstructGPT model outputs were preferred over our FLAN model "
                 "78 \u00b14% of the time and over our T0 model 79 \u00b1 4% of the time.")]
    idx = build_index("p", "p.pdf", text, [], title="Training language models to follow instructions")
    assert verify_claim("175B InstructGPT outputs are preferred over those of the FLAN model 78% of the time.",
                        [idx]).verdict == Verdict.SUPPORTED
    assert verify_claim("175B InstructGPT outputs are preferred over those of the FLAN model 79% of the time.",
                        [idx]).verdict == Verdict.CONTRADICTED


def test_a_claim_naming_a_whole_neighbouring_header_means_that_column() -> None:
    from verifier.index import table_cells

    t = table_at(0, "Table 6", "Table 6: Vicuna benchmark scores relative to ChatGPT, judged by GPT-4.",
                  ["Model", "ChatGPT vs Sys", "Sys vs ChatGPT", "Mean"],
                  [["Guanaco 7B", "84.1%", "89.8%", "87.0%"], ["Guanaco 13B", "87.3%", "93.4%", "90.4%"]])
    idx = build_index("p", "p.pdf", [], table_cells(t, -1))
    assert verify_claim("Guanaco 7B reaches a mean Vicuna benchmark score of 89.8% of ChatGPT's.",
                        [idx]).verdict == Verdict.CONTRADICTED
    assert verify_claim("Guanaco 7B reaches a mean Vicuna benchmark score of 87.0% of ChatGPT's.",
                        [idx]).verdict == Verdict.SUPPORTED


def test_dataset_split_sizes_come_from_the_split_column() -> None:
    from verifier.index import table_cells

    t = table_at(0, "Table 1", "Table 1: Dataset statistics.", ["Dataset", "Train", "Validation", "Test"],
                  [["e-SNLI", "549,367", "9,842", "9,824"], ["ANLI", "16,946", "1,000", "1,000"]])
    idx = build_index("p", "p.pdf", [], table_cells(t, -1))
    assert verify_claim("The e-SNLI test set contains 9,824 examples.", [idx]).verdict == Verdict.SUPPORTED
    assert verify_claim("The e-SNLI test set contains 9,842 examples.", [idx]).verdict == Verdict.CONTRADICTED


def test_each_number_owns_the_phrase_after_its_for() -> None:
    text = [(8, "We see a sharp transition to random accuracy at a pruning fraction around 45%-55% for models in the "
                "Llama-2 family, 35% for Mistral 7B, 25% for Phi-2, and 20% for models from the Qwen family.")]
    idx = build_index("p", "p.pdf", text, [])
    assert verify_claim("Phi-2 transitions sharply to random accuracy at a pruning fraction of about 25%.",
                        [idx]).verdict == Verdict.SUPPORTED
    assert verify_claim("Phi-2 transitions sharply to random accuracy at a pruning fraction of about 35%.",
                        [idx]).verdict != Verdict.SUPPORTED


PRUNING = [
    (8, "Our first set of results are shown in Figure 2, where we plot 5-shot MMLU accuracy as a function of the "
        "fraction of layers removed."),
    (8, "Note that since MMLU contains multiple choice questions, the expected accuracy of random guessing is 25%."),
    (8, "Importantly, we see a sharp transition to random accuracy at a pruning fraction around 45%-55% for models "
        "in the Llama-2 family, 35% for Mistral 7B, 25% for Phi-2, and 20% for models from the Qwen family."),
]


def test_a_sentence_naming_no_benchmark_is_about_the_one_just_named() -> None:
    idx = build_index("p", "p.pdf", PRUNING, [])
    claim = "For Mistral-7B, MMLU accuracy collapses to random guessing once about {} of the layers are pruned."
    assert verify_claim(claim.format("35%"), [idx]).verdict == Verdict.SUPPORTED
    assert verify_claim(claim.format("25%"), [idx]).verdict == Verdict.CONTRADICTED
    # Two benchmarks named just before leave the sentence's own benchmark open.
    two = [(8, "We evaluate on MMLU and BoolQ.")] + PRUNING[2:]
    assert verify_claim(claim.format("35%"), [build_index("p", "p.pdf", two, [])]).verdict == Verdict.NOT_FOUND


def test_both_ends_of_a_range_keep_the_owner_they_share() -> None:
    idx = build_index("p", "p.pdf", PRUNING, [])
    claim = "For Mistral 7B, the collapse to random MMLU accuracy sets in at a pruning fraction of about 45%-55%."
    assert verify_claim(claim, [idx]).verdict == Verdict.CONTRADICTED
    assert verify_claim(claim.replace("Mistral 7B", "Llama-2 models"), [idx]).verdict == Verdict.SUPPORTED


def test_the_first_number_of_a_for_list_is_the_subjects() -> None:
    text = [(7, "Zero-Shot-CoT generated incorrect final answers for 46 of the problems, 43 for Zero-shot-PS, "
                "and 39 for Zero-shot-PS+.")]
    idx = build_index("p", "p.pdf", text, [])
    claim = "In the error analysis, {} produced wrong final answers on {} of the problems."
    assert verify_claim(claim.format("Zero-shot-PS", "43"), [idx]).verdict == Verdict.SUPPORTED
    assert verify_claim(claim.format("Zero-shot-CoT", "46"), [idx]).verdict == Verdict.SUPPORTED
    assert verify_claim(claim.format("Zero-shot-CoT", "43"), [idx]).verdict == Verdict.CONTRADICTED
    assert verify_claim(claim.format("Zero-shot-PS+", "43"), [idx]).verdict == Verdict.CONTRADICTED


def test_a_parameter_count_is_not_a_name_the_source_must_print() -> None:
    from verifier.index import table_cells

    t = table_at(0, "Table 3", "Table 3: Variations on the Transformer architecture. BLEU on newstest2013.",
                  ["Model", "BLEU", "params (x10^6)"], [["base", "25.8", "65"], ["big", "26.4", "213"]])
    idx = build_index("p", "p.pdf", [], table_cells(t, -1))
    assert verify_claim("The big configuration reaches 26.4 BLEU with 213M parameters.", [idx]).verdict == Verdict.SUPPORTED


SETUP_LIST = [
    "In practice, all models were trained with a peak LR of 3e-4, with the exceptions of Phi-2, which was "
    "trained with a peak LR of 2e-4, and Mistral-7B which was trained with a peak LR of 3e-6.",
    "This led to us using rank 64 for every model with the exceptions of Mistral-7B, with rank 4, "
    "Llama-2-7B, with rank 2, and Llama-2-70B, with rank 8.",
    "We used beam search with a beam size of 4 and length penalty \u03b1 = 0.6.",
]


@pytest.mark.parametrize("claim, expected", [
    # The sentence need not repeat "QLoRA": the model named next to the number is enough ...
    ("When healing the pruned Mistral-7B with QLoRA, the authors use a peak learning rate of 3e-6.", Verdict.SUPPORTED),
    # ... but only the model named next to it: rank 4 is Mistral-7B's, not Llama-2-7B's.
    ("Llama-2-7B was healed with a LoRA rank of 4.", Verdict.NOT_FOUND),
    # Two settings stated together identify the set-up; "alpha" is the source's α.
    ("For translation, the Transformer uses a beam size of 4 and a length penalty of alpha = 0.6.", Verdict.SUPPORTED),
])
def test_set_up_sentences_that_do_not_repeat_every_name(claim: str, expected: Verdict) -> None:
    assert verdict(SETUP_LIST, claim) == expected


def test_one_letter_sizes_and_rows_that_add_what_the_claim_never_says() -> None:
    from verifier.index import table_cells

    e2e = table_at(0, "Table 3", "Table 3: GPT-2 medium (M) and large (L) on the E2E NLG Challenge.",
                    ["Model", "BLEU", "NIST"], [["GPT-2 M (LoRA)", "70.4", "8.85"], ["GPT-2 L (LoRA)", "70.4", "8.89"]])
    fever = table_at(1, "Table 1", "Table 1: PaLM-540B prompting results on HotpotQA and Fever.",
                      ["Prompt Method", "HotpotQA (EM)", "Fever (Acc)"],
                      [["ReAct", "27.4", "60.9"], ["CoT-SC \u2192ReAct", "34.2", "64.6"]])
    alpaca = table_at(2, "Table 7", "Table 7: AlpacaEval win rate.", ["Model", "Alpaca"],
                       [["LLaMA-2 7B", "29.79"], ["LLaMA-2 7B +NEFT", "64.69"]])
    idx = build_index("p", "p.pdf", [(1, "We propose NEFT, noisy embedding finetuning.")],
                      table_cells(e2e, -1) + table_cells(fever, -2) + table_cells(alpaca, -3),
                      title="NEFTune: Noisy Embeddings Improve Instruction Finetuning")
    assert verify_claim("GPT-2 Medium adapted with LoRA obtains a NIST score of 8.89 on the E2E NLG Challenge.",
                        [idx]).verdict == Verdict.CONTRADICTED
    assert verify_claim("ReAct prompting with PaLM-540B achieves 64.6% accuracy on FEVER.", [idx]).verdict == Verdict.CONTRADICTED
    assert verify_claim("With NEFTune, LLaMA-2 7B reaches a 64.69% AlpacaEval win rate on Alpaca.",
                        [idx]).verdict == Verdict.SUPPORTED


def test_arrow_order_and_scale_guesses() -> None:
    from verifier.index import table_cells

    t = table_at(0, "Table 1", "Table 1: PaLM-540B prompting results.", ["Prompt Method", "HotpotQA (EM)", "Fever (Acc)"],
                  [["CoT-SC \u2192ReAct", "34.2", "64.6"], ["ReAct\u2192CoT-SC", "35.1", "62.0"]])
    g = table_at(1, "Table 2", "Table 2: Inference time and quality.", ["Model", "T_infer", "WMT BLEU"],
                  [["MQA-XXL", "0.24", "28.5"], ["GQA-8-XXL", "0.28", "28.4"]])
    idx = build_index("p", "p.pdf", [], table_cells(t, -1) + table_cells(g, -2))
    assert verify_claim("With PaLM-540B, CoT-SC \u2192 ReAct reaches 35.1 exact match on HotpotQA.",
                        [idx]).verdict == Verdict.CONTRADICTED
    # In words: two names in mixed case on either side of "to" are ordered as an arrow.
    assert verify_claim("With PaLM-540B, the CoT-SC to ReAct back-off combination reaches 35.1 exact match on HotpotQA.",
                        [idx]).verdict == Verdict.CONTRADICTED
    # 0.28 is no "28.5" (a percent guess plus truncation); it is GQA-8-XXL's time.
    assert verify_claim("The uptrained MQA-XXL model has an inference time of 0.28 s per sample.",
                        [idx]).verdict != Verdict.SUPPORTED


def test_split_sizes_read_from_the_split_column_of_the_named_dataset() -> None:
    from verifier.index import table_cells

    t = table_at(0, "Table 1", "Table 1: Dataset statistics.", ["Dataset", "Train", "Validation", "Test"],
                  [["ANLI", "16,946", "1,000", "1,000"], ["We train the T5 models with CQA", "8,766", "975", "1,221"]])
    idx = build_index("p", "p.pdf", [], table_cells(t, -1))
    assert verify_claim("The CommonsenseQA (CQA) training split contains 16,946 examples.", [idx]).verdict == Verdict.CONTRADICTED
    assert verify_claim("The CommonsenseQA (CQA) training split contains 8,766 examples.", [idx]).verdict == Verdict.SUPPORTED


def test_the_model_size_a_claim_names_must_be_the_sentences() -> None:
    text = ["On the WMT 2014 English-to-German translation task, the big transformer model outperforms the best "
            "previously reported models, establishing a new state-of-the-art BLEU score of 28.4."]
    assert verdict(text, "The Transformer base model scores 28.4 BLEU on WMT 2014 English-to-German.") != Verdict.SUPPORTED
    assert verdict(text, "The big Transformer model scores 28.4 BLEU on WMT 2014 English-to-German.") == Verdict.SUPPORTED


def test_a_full_name_match_does_not_take_another_models_value() -> None:
    text = ["All models were trained with a peak LR of 3e-4, except Llama-2-70B, which was trained with a peak LR "
            "of 3e-5, and Mistral-7B which was trained with a peak LR of 3e-6."]
    assert verdict(text, "Healing the pruned Llama-2-70B used a peak learning rate of 3e-6.") != Verdict.SUPPORTED
    assert verdict(text, "Healing the pruned Llama-2-70B used a peak learning rate of 3e-5.") == Verdict.SUPPORTED


def test_a_named_size_must_match_the_rows() -> None:
    from verifier.index import table_cells

    t = table_at(0, "Table 13", "Table 13: DART results.", ["Method # Trainable GPT-2 Medium", "BLEU"],
                  [["GPT-2 Medium LoRA 0.35M", "47.1"], ["GPT-2 Large LoRA 0.77M", "47.5"]])
    idx = build_index("p", "p.pdf", [], table_cells(t, -1))
    assert verify_claim("LoRA applied to GPT-2 Medium achieves 47.5 BLEU on DART.", [idx]).verdict != Verdict.SUPPORTED
    assert verify_claim("LoRA applied to GPT-2 Medium achieves 47.1 BLEU on DART.", [idx]).verdict == Verdict.SUPPORTED


def test_a_gap_is_checked_between_the_numbers_it_is_about() -> None:
    from verifier.index import table_cells

    t = table_at(0, "Table 16", "Table 16: GPT-3 175B validation accuracy on MNLI subsets.", ["Method", "MNLI-100"],
                  [["GPT-3 (Fine-Tune)", "60.2"], ["GPT-3 (PrefixEmbed)", "37.6"], ["GPT-3 (LoRA)", "63.8"]])
    idx = build_index("p", "p.pdf", [], table_cells(t, -1))
    ok = ("On MNLI-100, GPT-3 (PrefixEmbed) gets 37.6% while GPT-3 (LoRA) reaches 63.8%, 3.6 points above "
          "GPT-3 (Fine-Tune) (60.2%).")
    assert verify_claim(ok, [idx]).verdict == Verdict.SUPPORTED
    assert verify_claim(ok.replace("3.6 points", "4.6 points"), [idx]).verdict == Verdict.CONTRADICTED


def test_a_spelled_out_direction_in_a_caption_names_the_table() -> None:
    from verifier.index import table_cells

    t = table_at(0, "Table 3", "Table 3: Variations on the Transformer, on the English-to-German newstest2013 set.",
                  ["Model", "BLEU (dev)"], [["(D) big", "26.4"], ["base", "25.8"]])
    idx = build_index("p", "p.pdf", [], table_cells(t, -1))
    assert verify_claim("Transformer (big) reaches 34.2 BLEU on WMT 2016 English-to-Romanian.", [idx]).verdict == Verdict.NOT_FOUND


def test_dropout_rate_is_dropout_and_word_pair_initials_name_a_column() -> None:
    setup = ["For fine-tuning, we use a constant learning rate of 0.001, batch size 128, and dropout rate 0.1 for all tasks."]
    assert verdict(setup, "The T5 models are fine-tuned with a learning rate of 0.001, batch size 128 and dropout 0.1.") == \
        Verdict.SUPPORTED
    from verifier.siblings import claim_keys

    assert {"sr", "em"} <= claim_keys("a 40.0% success rate and 27.4 exact match")


def test_hyphenated_sizes_do_not_make_a_sentence_a_table_nor_pair_with_a_list() -> None:
    text = ["With 4-bit quantization and a layer-pruning fraction of 50%, the Llama-2-70B model fits in approximately "
            "17.5 GB of memory and requires roughly 1.5 x 1010 FLOPs per token: quantization from 16-bit bfloats to "
            "4-bit QLoRA precision reduces model memory by a factor of 4."]
    assert verdict(text, "With 4-bit quantization, Llama-2-70B fits in approximately 17.5 GB of memory.") == Verdict.SUPPORTED


def test_a_shot_setting_said_by_the_other_clause_refutes() -> None:
    text = ["Outputs from our 175B InstructGPT model are preferred to 175B GPT-3 outputs 85 \u00b1 3% of the time, "
            "and preferred 71 \u00b1 4% of the time to few-shot 175B GPT-3."]
    assert verdict(text, "175B InstructGPT outputs are preferred over few-shot 175B GPT-3 85% of the time.") != Verdict.SUPPORTED
    assert verdict(text, "175B InstructGPT outputs are preferred over few-shot 175B GPT-3 71% of the time.") == Verdict.SUPPORTED


def test_claim_keys_write_round_thousands_as_headers_do():
    """"over 4,000 tokens" names a ">4k" column; 2,290 is not a round magnitude."""
    from verifier.siblings import claim_keys

    keys = claim_keys("On large WikiTQ tables (over 4,000 tokens) and 1,000,000 rows, 2,290 questions")
    assert {"4k", "1m", "large"} <= keys
    assert not {k for k in keys if k.startswith("2") and k.endswith("k")}


def test_each_pass_at_k_goes_with_its_own_number():
    from verifier.extract import claim_from_text
    from verifier.owners import own_terms
    from verifier.terms import claim_terms

    for text in ("GPT-J 6B solves 11.62% of HumanEval problems at pass@1 and about 0.277 at pass@100.",
                 "GPT-J 6B reaches a pass@1 of 11.62% and a pass@100 of 27.74% on HumanEval."):
        claim = claim_from_text(text)
        terms = claim_terms(claim)
        owned = [{t.key for t in own_terms(claim, terms, i, set())} for i, q in enumerate(claim.quantities)
                 if q.role == "value"]
        assert "pass@1" in owned[0] and "pass@100" not in owned[0]
        assert "pass@100" in owned[1] and "pass@1" not in owned[1]
        assert all("humaneval" in o for o in owned)


def test_the_compared_thing_stops_at_a_preposition():
    from verifier.extract import claim_from_text
    from verifier.terms import claim_terms

    claim = claim_from_text("Least-to-most prompting improves over chain-of-thought from 39.07% to 45.23% on GSM8K.")
    keys = {t.key for t in claim_terms(claim) if t.kind == "subject"}
    assert "chainofthought" in keys and not any(k.endswith("from") for k in keys)


def test_a_name_inside_another_is_not_its_position():
    """"Act" after "than" is the comparator; the "act" inside "ReAct" is not where it stands."""
    from verifier.extract import claim_from_text
    from verifier.owners import own_terms
    from verifier.terms import claim_terms

    claim = claim_from_text("On WebShop, ReAct achieves a 40.0% success rate, 9.9 points higher than Act (30.1%).")
    terms = claim_terms(claim)
    owned = [{t.key for t in own_terms(claim, terms, i, set()) if t.kind == "subject"}
             for i, q in enumerate(claim.quantities) if q.role == "value"]
    assert owned == [{"react"}, {"act"}]


def test_a_name_said_on_both_sides_of_than_leaves_the_rest_to_the_first_number():
    from verifier.extract import claim_from_text
    from verifier.owners import own_terms
    from verifier.terms import claim_terms

    text = ("With PaLM-540B, the CoT-SC -> ReAct combination reaches 64.6% accuracy on FEVER, "
            "4.2 points higher than CoT-SC alone (60.4%).")
    claim = claim_from_text(text)
    terms = claim_terms(claim)
    owned = [{t.key for t in own_terms(claim, terms, i, set()) if t.kind == "subject"}
             for i, q in enumerate(claim.quantities) if q.role == "value"]
    assert owned[0] == {"palm540b", "cotsc", "react"}
    assert owned[1] == {"palm540b", "cotsc"}  # "CoT-SC alone": not ReAct's number


def test_ordinary_words_are_not_names():
    from verifier.extract import claim_from_text
    from verifier.terms import claim_terms

    claim = claim_from_text("Thanks to additional generated tests, CodeContests has a false positive rate of only 4%.")
    assert "Thanks" not in claim.subjects
    claim = claim_from_text("Initializing from a TIES-merged model gives 80.1, a 13.7-point gain over starting "
                            "from the pretrained model (66.4).")
    assert not [t for t in claim_terms(claim) if t.kind == "subject" and t.key.startswith("start")]


def test_a_sentence_showing_its_arithmetic_is_not_a_table_row() -> None:
    text = ["This corresponds to a 74.6% win score for NEFT using the AlpacaEval formula (88/(140 \u221222))."]
    assert verdict(text, "NEFT obtained a 74.6% win score on AlpacaEval instructions.") == Verdict.SUPPORTED
    assert verdict(text, "NEFT obtained a 76.4% win score on AlpacaEval instructions.") != Verdict.SUPPORTED


def test_a_hyphenated_point_gap_is_a_difference_checked_against_both_numbers() -> None:
    qs = find_quantities("raises MBPP pass@1 from 30.0 to 33.8, a 3.8-point gain")
    assert [(q.text, q.role) for q in qs] == [("30.0", "value"), ("33.8", "value"), ("3.8", "diff")]
    table = table_at(0, "Table 1", "Table 1: MBPP pass@1 of 7B models trained on 200B tokens of code.",
                     ["Model", "MBPP"], [["n = 1", "30.0"], ["n = 4", "33.8"]], page=4)
    idx = tables_index(table)
    claim = "For 7B models trained on 200B tokens of code, 4-token prediction raises MBPP from 30.0 to 33.8, a {}-point gain."
    assert verify_claim(claim.format("3.8"), [idx]).verdict == Verdict.SUPPORTED
    r = verify_claim(claim.format("4.8"), [idx])
    assert r.verdict == Verdict.CONTRADICTED and "3.8" in r.reason


def test_an_opening_clause_frames_both_numbers_of_a_lift() -> None:
    from verifier.extract import claim_from_text
    from verifier.owners import _lift
    from verifier.terms import claim_terms

    c = claim_from_text("For 7B models trained on 200B tokens, 4-token prediction raises MBPP from 30.0 to 33.8.")
    anchors = [(i, q) for i, q in enumerate(c.quantities) if q.role == "value"]
    (end, owner, _), shared = _lift(c, anchors, claim_terms(c))
    assert c.text[:end].endswith("4-token prediction ") and owner == anchors[1][0]
    assert {"7b", "200b"} <= shared


def test_a_greek_symbol_named_before_its_value_is_a_setting() -> None:
    from verifier.extract import claim_from_text
    from verifier.setup_numbers import setting_claim_numbers

    assert [q.role for q in find_quantities("multiplies the gradients by a coefficient \u03b3 of 27.8")] == ["setting"]
    c = claim_from_text("The pretraining gradients are multiplied by a coefficient \u03b3 of 27.8.")
    assert [a for _, a, _ in setting_claim_numbers(c)] == ["gamma"]
    idx = build_index("p", "p.pdf", [(42, "For PPO-ptx we multiply the pretraining gradients by a coefficient, "
                                         "\u03b3 = 27.8, to control the relative strength of gradients.")], [])
    claim = "For PPO-ptx, the pretraining gradients are multiplied by a coefficient \u03b3 of {}."
    assert verify_claim(claim.format("27.8"), [idx]).verdict == Verdict.SUPPORTED
    assert verify_claim(claim.format("28.7"), [idx]).verdict == Verdict.CONTRADICTED


PREFERENCE = ("Outputs from our 175B InstructGPT are preferred to 175B GPT-3 outputs 85 \u00b1 3% of the time, and "
              "preferred 71 \u00b1 4% of the time to few-shot 175B GPT-3.")


def test_a_sentence_giving_both_numbers_in_order_supports_the_pair() -> None:
    # Each clause owns its number, but the pair is the whole sentence's; "Labelers" is no model name.
    claim = ("Labelers prefer 175B InstructGPT outputs over 175B GPT-3 outputs 85 \u00b1 3% of the time, and over "
             "few-shot 175B GPT-3 {} of the time.")
    assert verdict([PREFERENCE], claim.format("71 \u00b1 4%")) == Verdict.SUPPORTED
    assert verdict([PREFERENCE], claim.format("75 \u00b1 4%")) != Verdict.SUPPORTED


def test_a_multiplier_is_no_percentage() -> None:
    text = ["The 1.3B InstructGPT model is preferred to the 175B GPT-3 despite having 100x fewer parameters.",
            PREFERENCE]
    # 100x cannot refute a percentage; the claim stays unrefuted rather than "contradicted by 100x".
    r = verify_claim("Labelers prefer 175B InstructGPT outputs over few-shot 175B GPT-3 outputs 71 \u00b1 4% of the time.",
                     [build_index("p", "paper.pdf", [(1, text[0]), (3, text[1])], [])])
    assert r.verdict == Verdict.SUPPORTED and "100x" not in r.reason


def test_the_claims_own_words_after_another_number_refute_it() -> None:
    text = ["On ANLI, Distilling step-by-step outperforms the LLM with a 45\u00d7 smaller model and 50% of the full "
            "unlabeled set.",
            "On ANLI, Distilling step-by-step can outperform PaLM using a 770M model with only 80% of the training set."]
    claim = ("Using only unlabeled data on ANLI, Distilling step-by-step outperforms PaLM with a 45x smaller model "
             "and {}% of the full unlabeled set.")
    assert verdict(text, claim.format(50)) == Verdict.SUPPORTED
    assert verdict(text, claim.format(80)) == Verdict.CONTRADICTED
    # In the claim's own paraphrase: its content words follow the paper's number within a word.
    loose = ("Using only unlabeled data, Distilling step-by-step beats PaLM's few-shot CoT on ANLI with a 45x smaller "
             "T5 model and just {}% of the unlabeled set.")
    assert verdict(text, loose.format(80)) == Verdict.CONTRADICTED
    # A unit is no content word: "17.5 GB of memory" is not refuted by "140 GB of memory".
    memory = ["The released Llama-2-70B spans 140 GB of memory.",
              "With 4-bit quantization and a layer-pruning fraction of 50%, the model fits in approximately 17.5 GB of "
              "memory and requires roughly 1.5 x 10^10 FLOPs per token."]
    assert verdict(memory, "With 4-bit quantization and half of its layers pruned, Llama-2-70B fits in roughly "
                           "17.5 GB of memory, down from 140 GB.") == Verdict.SUPPORTED


def test_the_claims_own_words_before_another_number_refute_it() -> None:
    text = ["Our 10 submissions per problem result corresponds to an estimated Codeforces rating of 1238, which is "
            "within the top 28% of users who have participated in a contest in the last 6 months.",
            "In simulated evaluations on recent programming competitions on the Codeforces platform, AlphaCode "
            "achieved on average a ranking of top 54.3% in competitions with more than 5,000 participants."]
    claim = ("AlphaCode's 10 submissions per problem correspond to an estimated Codeforces rating of 1238, placing "
             "it within the top {}% of recent users.")
    title = "Competition-Level Code Generation with AlphaCode"
    assert verdict(text, claim.format(28), title) == Verdict.SUPPORTED
    assert verdict(text, claim.format("54.3"), title) == Verdict.CONTRADICTED


DSS_TITLE = "Distilling Step-by-Step! Outperforming Larger Language Models with Less Training Data"
DSS = [
    "Third, we reduce both the model size and the amount of data required to outperform LLMs; our 770M T5 model "
    "outperforms the 540B PaLM model using only 80% of available data on a benchmark task.",
    "For instance, we can achieve better performances than 540B PaLM model's Few-shot CoT with 220M (over 2000\u00d7 "
    "smaller) T5 model on e-SNLI, 770M (over 700\u00d7 smaller) T5 models on ANLI and SVAMP.",
    "Furthermore, on ANLI in Figure 8, we observe that Distilling step-by-step can outperform PaLM using 770M model "
    "with only 80% of the training set while standard finetuning struggles to match the LLM even using the full "
    "dataset.",
]


def test_the_papers_own_name_and_a_multiplier_of_2000() -> None:
    """"Distilling step-by-step" is the system the title names, "2000\u00d7 smaller" is no year, and a
    sentence naming the claim's benchmark outranks one that leaves it unsaid."""
    assert "distilling" in own_names(DSS_TITLE)
    claim = ("On e-SNLI, Distilling step-by-step beats 540B PaLM few-shot CoT with a 220M T5 model that is over "
             "{}x smaller.")
    assert verdict(DSS, claim.format(2000), DSS_TITLE) == Verdict.SUPPORTED
    assert verdict(DSS, claim.format(700), DSS_TITLE) == Verdict.CONTRADICTED
    claim = ("A 770M T5 model trained with Distilling step-by-step outperforms 540B PaLM few-shot CoT on ANLI using "
             "only 80% of the training set.")
    assert verdict(DSS, claim, DSS_TITLE) == Verdict.SUPPORTED


HALLUCINATION = ("On closed-domain tasks from our API prompt distribution, where the output should not contain "
                 "information that is not present in the input (e.g. summarization and closed-domain QA), InstructGPT "
                 "models make up information not present in the input about half as often as GPT-3 (a 21% vs. 41% "
                 "hallucination rate, respectively).")


def test_respectively_pairs_the_last_two_names_not_an_example_list() -> None:
    claim = "On closed-domain tasks, InstructGPT hallucinates {}% of the time compared with {}% for GPT-3."
    assert verdict([HALLUCINATION], claim.format(21, 41)) == Verdict.SUPPORTED
    assert verdict([HALLUCINATION], claim.format(41, 21)) == Verdict.CONTRADICTED
    assert verdict([HALLUCINATION], "On closed-domain tasks, InstructGPT models make up information about half as "
                                    "often as GPT-3, with a 21% versus 41% hallucination rate.") == Verdict.SUPPORTED


AGREEMENT_BY_TASK = ("Our inter-annotator agreement is 0.630 for the false claim verification task (872 claims in total) "
                     "and 0.719 for the NEI claim verification task (352 claims in total).")


def test_each_for_phrase_owns_its_number_despite_bracketed_counts() -> None:
    title = "SciTab: A Challenging Benchmark for Compositional Reasoning"
    claim = "SciTab annotators reached a Cohen's kappa of {} on the NEI claim verification task."
    assert verdict([AGREEMENT_BY_TASK], claim.format("0.719"), title) == Verdict.SUPPORTED
    assert verdict([AGREEMENT_BY_TASK], claim.format("0.630"), title) != Verdict.SUPPORTED


def test_the_papers_own_name_alone_does_not_tie_a_sentence_to_the_claim() -> None:
    title = "SciTab: A Challenging Benchmark for Compositional Reasoning"
    text = ["To foster a varied set of generated claims, we employ a high decoding setting of 0.7.",
            "SciTab contains 1,225 claims verified against tables."]
    claim = "SciTab's inter-annotator agreement (Cohen's kappa) is 0.681 for the false claim verification task."
    assert verdict(text, claim, title) == Verdict.NOT_FOUND


def test_counts_said_just_before_the_supporting_sentence_are_supported() -> None:
    text = ["Human annotators preferred NEFT in 88 instances, and 22 instances were a draw.",
            "This corresponds to a 74.6% win score for NEFT using the AlpacaEval formula."]
    claim = "In a human study on AlpacaEval, NEFT was preferred 88 times with {} draws, a 74.6% win score for NEFT."
    assert verdict(text, claim.format(22)) == Verdict.SUPPORTED
    assert verdict(text, claim.format(23)) != Verdict.SUPPORTED


def test_a_metric_after_a_benchmark_does_not_make_it_a_suite() -> None:
    text = ["The 8-byte prediction model achieves astounding improvements compared to next-byte prediction, solving "
            "67% more problems on MBPP pass@1 and 20% more problems on HumanEval pass@1."]
    claim = "The 8-byte prediction model solves {}% more problems than next-byte prediction on HumanEval pass@1."
    assert verdict(text, claim.format(20)) == Verdict.SUPPORTED
    assert verdict(text, claim.format(67)) == Verdict.CONTRADICTED


def test_an_opening_using_clause_is_the_method_that_lifts() -> None:
    from verifier.extract import claim_from_text
    from verifier.owners import _lift
    from verifier.terms import claim_terms

    c = claim_from_text("Using a TinyLlama-1.1B reference model, Llama-2-7B pretraining improves MATH from 13.6 to 16.0.")
    anchors = [(i, q) for i, q in enumerate(c.quantities) if q.role == "value"]
    (end, owner, _), shared = _lift(c, anchors, claim_terms(c))
    # The reference model is what makes the 16.0: the 13.6 baseline never used it.
    assert owner == anchors[1][0] and "tinyllama11b" not in shared


ABSTRACT = ("We then collect a dataset of rankings of model outputs, which we use to further fine-tune this supervised "
            "model using reinforcement learning from human feedback. We call the resulting models InstructGPT. In "
            "human evaluations on our prompt distribution, outputs from the 1.3B parameter InstructGPT model are "
            "preferred.")


def test_a_system_the_abstract_coins_is_the_papers_own() -> None:
    title = "Training language models to follow instructions with human feedback"
    assert own_names(title) == frozenset()
    assert own_names(title, ABSTRACT) == {"instructgpt"}
    lora = "We propose Low-Rank Adaptation, or LoRA, which freezes the pre-trained model weights."
    assert own_names("LoRA: Low-Rank Adaptation of Large Language Models", lora) == {"lora"}
    # A plain capitalised word is no coined name.
    assert own_names("Attention Is All You Need", "We call the resulting models Transformer.") == frozenset()


RM_SETUP = [
    "For our 1.3B and 6B models, we use an LR of 9.65e-6 and a batch size of 32.",
    "We trained for a single epoch over the full reward model training set at a learning rate of lr = 9e-6, "
    "a cosine learning rate schedule, and a batch size of 64.",
]


def test_the_refuting_set_up_sentence_is_the_one_in_the_claims_words() -> None:
    idx = build_index("p", "paper.pdf", [(40, RM_SETUP[0]), (41, RM_SETUP[1])], [], page_texts=[ABSTRACT],
                      title="Training language models to follow instructions with human feedback")
    res = verify_claim("The InstructGPT reward model was trained for a single epoch at a learning rate of 1.5e-5.", [idx])
    assert res.verdict == Verdict.CONTRADICTED
    assert res.evidence is not None and res.evidence.page == 41 and "9e-6" in res.reason
    ok = verify_claim("The InstructGPT reward model was trained for a single epoch at a learning rate of 9e-6.", [idx])
    assert ok.verdict == Verdict.SUPPORTED


def test_billions_written_out_are_the_size_a_claim_abbreviates() -> None:
    assert "70b" in context_terms("When training 70 billion parameter models, we use a batch size of 64.")
    idx = build_index("p", "paper.pdf", [(13, "When training 70 billion parameter models, we use weight decay of 0.1, "
                                             "a batch size of 64, and a learning rate of 2e-5.")], [])
    claim = "When finetuning 70B-parameter models, the authors used a batch size of 128."
    assert verify_claim(claim, [idx]).verdict == Verdict.CONTRADICTED
    assert verify_claim(claim.replace("128", "64"), [idx]).verdict == Verdict.SUPPORTED


def test_a_rounded_source_count_agrees_with_the_exact_one() -> None:
    exact = SetupNumber(31144.0, "31,144", 0, 1.0, 0, 0)
    assert same_number(exact, False, SetupNumber(31.0, "31k", 0, 1e3, 0, 0))
    assert not same_number(SetupNumber(34144.0, "34,144", 0, 1.0, 0, 0), False, SetupNumber(31.0, "31k", 0, 1e3, 0, 0))


def test_a_rate_per_something_is_not_a_count_of_it() -> None:
    assert _names_anchor("Prompts", "prompt")
    assert not _names_anchor("Prompts per customer", "prompt")


def _methods_table():  # noqa: ANN202
    from verifier.index import table_cells

    header = ["Hyperparameters", "Fine-Tune", "PreEmbed", "LoRA"]
    rows = [["Optimizer", "AdamW", "AdamW", "AdamW"], ["Batch Size", "128", "128", "128"],
            ["Learning Rate", "5.00E-06", "1.00E-04", "2.00E-04"]]
    t = table_at(0, "Table 12", "Table 12: The training hyperparameters used for different GPT-3 adaptation methods.",
                 header, rows, page=21)
    return build_index("p", "p.pdf", [(21, "We train all methods for 2 epochs.")], table_cells(t, 0), title="LoRA")


@pytest.mark.parametrize("claim, expected", [
    ("For the GPT-3 175B experiments, LoRA was trained with a learning rate of 2e-4.", Verdict.SUPPORTED),
    ("For the GPT-3 175B experiments, LoRA was trained with a learning rate of 1e-4.", Verdict.CONTRADICTED),
])
def test_a_number_in_scientific_notation_is_no_model_name(claim: str, expected: Verdict) -> None:
    from verifier.extract import claim_from_text

    assert "2e-4" not in claim_from_text(claim).subjects and "1e-4" not in claim_from_text(claim).subjects
    assert verify_claim(claim, [_methods_table()]).verdict == expected


def test_an_undecided_set_up_claim_says_which_setting_went_unfound() -> None:
    res = verify_claim("For GPT-3, LoRA was trained with a weight decay of 0.1.", [_methods_table()])
    assert res.verdict == Verdict.NOT_FOUND
    assert "weight decay (0.1)" in res.reason and "without numbers" not in res.reason


def test_a_result_number_the_value_paths_miss_is_read_as_a_set_up_number() -> None:
    text = ["We uptrain T5 XXL checkpoints with a fraction of the original pre-training steps.",
            "For \u03b1 = 0.05, training took approximately 600 TPUv3 chip-days."]
    claim = "Uptraining the T5 XXL checkpoint with \u03b1 = 0.05 required approximately 600 TPUv3 chip-days."
    assert verdict(text, claim) == Verdict.SUPPORTED


def test_what_a_gap_is_measured_against_is_no_name_of_the_level_before_it():
    from verifier.extract import claim_from_text
    from verifier.owners import own_terms
    from verifier.terms import claim_terms

    claim = claim_from_text("For GPT-3 175B, LoRA trains at 43.1 tokens/s per V100 GPU, which is 10.6 tokens/s faster "
                            "than full fine-tuning.")
    terms = claim_terms(claim)
    level = {t.key for t in own_terms(claim, terms, 0, set()) if t.kind == "subject"}
    assert claim.quantities[0].text == "43.1" and "lora" in level and "fullfinetuning" not in level


def test_a_respectively_list_of_settings_glued_to_their_numbers() -> None:
    text = ["In contrast, a well-trained human annotator can achieve 92.46 and 84.73 F1 scores in the 2- class and "
            "3-class settings, respectively."]
    assert verdict(text, "A trained human annotator achieves 84.73 F1 in the 3-class setting.") == Verdict.SUPPORTED
    assert verdict(text, "A trained human annotator achieves 84.73 F1 in the 2-class setting.") != Verdict.SUPPORTED


def test_a_model_family_named_with_its_suffix_is_the_subject() -> None:
    """"Qwen-family models ... roughly 35%" names Qwen, even opening the sentence: a Minerva row's
    35.6 under MMLU is not its number."""
    from verifier.extract import claim_from_text

    text = "Qwen-family models keep robust MMLU performance until roughly 35% of their layers are pruned."
    assert claim_from_text(text).subjects == ("Qwen",)
    assert claim_from_text("Models of the Llama-family keep MMLU at 45%.").subjects == ("Llama",)
    table = table_at(0, "Table 1", "Table 1: Few-shot results on math and MMLU.", ["Model", "GSM8K", "MMLU STEM"],
                     [["Minerva 8B", "16.2", "35.6"], ["Qwen1.5 1.8B", "40.1", "31.3"]])
    # (The paper never writes "Qwen" inside a sentence: the suffix alone says it is a name.)
    r = verify_claim(claim_from_text(text), [tables_index(table)])
    assert r.verdict == Verdict.CONTRADICTED and "31.3" in r.reason, r.reason


def test_a_count_naming_the_model_does_not_name_a_column() -> None:
    """"the 4-token prediction model achieves a 3.0x speedup": "token" describes the model, so the
    3.09 of a "Tokens / forward" column has its "Rel. speedup" neighbour meant instead; the
    "(1-shot)" of "Least-to-Most (1-shot) prompting" still names its row."""
    from verifier.siblings import claim_keys, sibling_column

    text = "With self-speculative decoding, the 4-token prediction model achieves a 3.0\u00d7 speedup on books."
    assert "token" not in claim_keys(text) and "speedup" in claim_keys(text)
    assert "shot" in claim_keys("Least-to-Most (1-shot) prompting with code-davinci-002 achieves 68.01% on GSM8K.")
    table = table_at(0, "Table S2", "Table S2: Relative speedups with self-speculative decoding.",
                     ["# Heads used", "Books Rel. speedup", "Books Tokens / forward"],
                     [["1", "1.00", "1.00"], ["2", "1.77", "1.87"], ["4", "2.67", "3.09"]])
    idx = tables_index(table)
    cell = next(m for m in idx.mentions if m.text == "3.09")
    word, sib = sibling_column(cell, claim_keys(text), idx)
    assert word == "speedup" and sib.text == "2.67"


def test_a_share_given_to_a_quoted_label_after_it() -> None:
    """"33.33% of the refuted claims contain “incorrect approximation words”" is that label's share:
    a claim giving it to "incorrect calculation results" is refuted by that label's own (41.7%), not
    supported by a table cell that shares a word with it."""
    from verifier.extract import claim_from_text

    text = [(2, "SciTab contains 1,225 challenging scientific claims."),
            (5, "We find that SciTab exhibits a greater diversity in refuted claims."),
            (5, "Besides common error types such as \u201cincorrect calculation results\u201d (41.7%), there are also "
                "unique types of errors."),
            (5, "For example, 33.33% of the refuted claims contain \u201cincorrect approximation words\u201d, and 10.0% "
                "are cases where \u201cthe claim is partially right\u201d.")]
    table = table_at(0, "Table 3", "Table 3: Refuted and NEI reasons and their proportions (%).", ["NEI Reasons", "Prop. (%)"],
                     [["The claim does not have enough matching evidence.", "33.3"], ["The claim lacks background knowledge.", "25.0"]],
                     page=6)
    idx = tables_index(table, text=text, title="SciTab: A Challenging Benchmark for Claim Verification on Scientific Tables")
    r = verify_claim(claim_from_text("In SciTab's refuted claims, incorrect calculation results account for 33.33% of the cases."),
                     [idx])
    assert r.verdict == Verdict.CONTRADICTED and "41.7" in r.reason, r.reason
    ok = verify_claim(claim_from_text("In SciTab, incorrect approximation words appear in 33.33% of the refuted claims."), [idx])
    assert ok.verdict == Verdict.SUPPORTED, ok.reason


def test_a_multiple_of_another_measure() -> None:
    """"the GPU memory requirement by 3 times" is no "3x training speedup"; the "3" of "GPT-3" is not
    the number either."""
    from verifier.extract import claim_from_text

    text = [(1, "Compared to GPT-3 175B fine-tuned with Adam, LoRA can reduce the number of trainable parameters by "
                "10,000 times and the GPU memory requirement by 3 times."),
            (5, "We also observe a 25% speedup during training on GPT-3 175B compared to full fine-tuning.")]
    idx = tables_index(text=text, title="LoRA: Low-Rank Adaptation of Large Language Models")
    r = verify_claim(claim_from_text("LoRA delivers a 3\u00d7 training speedup on GPT-3 175B compared with full fine-tuning."), [idx])
    assert r.verdict != Verdict.SUPPORTED, r.reason
    ok = verify_claim(claim_from_text("LoRA cuts the GPU memory requirement of GPT-3 175B by 3\u00d7."), [idx])
    assert ok.verdict == Verdict.SUPPORTED, ok.reason
