"""Whose number a sentence gives, and which of a claim's names each claimed number is about."""

from __future__ import annotations

from tests.helpers.tables import table_at, tables_index
from verifier.extract import claim_from_text, find_quantities
from verifier.index import build_index
from verifier.sentence_numbers import text_mentions
from verifier.normalize import values_match
from verifier.owners import own_terms
from verifier.terms import _full_acronym, claim_terms
from verifier.types import Verdict
from verifier.verify import verify_claim


def verdict(sentences: list[str], claim: str) -> Verdict:
    idx = build_index("p", "paper.pdf", [(3, s) for s in sentences], [])
    return verify_claim(claim, [idx]).verdict


VERSUS = "On the other hand, ReAct outperforms CoT on Fever (60.9 vs. 56.3) and slightly lags behind CoT on HotpotQA (27.4 vs. 29.4)."


def test_a_bracketed_pair_belongs_to_the_two_sides_and_the_benchmark_before_it() -> None:
    by_value = {m.value: m for m in text_mentions("p", 1, VERSUS)}
    assert {"cot", "fever"} <= by_value[56.3].strong_terms
    assert {"react", "hotpotqa"} <= by_value[56.3].excluded_terms
    assert {"react", "hotpotqa"} <= by_value[27.4].strong_terms
    assert verdict([VERSUS], "CoT scores 56.3 on Fever.") == Verdict.SUPPORTED
    # 56.3 is no HotpotQA figure of ReAct's, though both names are in the sentence.
    assert verdict([VERSUS], "ReAct scores 56.3 on HotpotQA.") != Verdict.SUPPORTED


RESPECTIVELY = ("Labelers prefer InstructGPT to these models (InstructGPT has a 73.4% winrate vs. our baseline, "
                "compared to 26.8% and 29.8% for our version of T0 and FLAN, respectively).")


def test_a_respectively_list_after_the_first_number_pairs_with_the_rest() -> None:
    by_value = {m.value: m for m in text_mentions("p", 1, RESPECTIVELY)}
    assert "t0" in by_value[26.8].strong_terms and "flan" in by_value[29.8].strong_terms
    assert "instructgpt" in by_value[73.4].strong_terms
    assert verdict([RESPECTIVELY], "Against the baseline, FLAN reaches a 29.8% winrate.") == Verdict.SUPPORTED
    # The sentence gives 29.8% to FLAN and its own number, 26.8%, to T0.
    assert verdict([RESPECTIVELY], "Against the baseline, T0 reaches a 29.8% winrate.") == Verdict.CONTRADICTED


ANALYSIS = ["To understand why it works, we manually examined chains of thought by LaMDA 137B for GSM8K.",
            "We also randomly examined 50 samples for which the model gave the wrong answer.",
            "The summary of this analysis is that 46% of the chains of thought were almost correct (see Appendix D)."]


def test_a_sentence_naming_nothing_is_about_the_model_just_named() -> None:
    claim = "For LaMDA 137B on GSM8K, 46% of the wrong chains of thought were almost correct."
    assert verdict(ANALYSIS, claim) == Verdict.SUPPORTED
    # "These models" are several: they inherit no single model.
    plural = ANALYSIS[:2] + ["For these models, 46% of the chains of thought were almost correct."]
    assert verdict(plural, claim) != Verdict.SUPPORTED


LISTED = ["Hence, we evaluate Zero-shot PS+ prompting with SC on GSM8K and SVAMP datasets.",
          "Figure 4 shows that PS+ prompting with SC (73.7% and 84.4%) does better still."]


def test_a_list_of_numbers_pairs_with_the_benchmarks_the_sentence_before_listed() -> None:
    assert verdict(LISTED, "PS+ prompting with SC reaches 84.4% on SVAMP.") == Verdict.SUPPORTED
    assert verdict(LISTED, "PS+ prompting with SC reaches 84.4% on GSM8K.") != Verdict.SUPPORTED


KENDALL = ("Human and GPT-4 rankings of models disagree partially, but are consistent for most models with a "
           "Kendall Tau of \u03c4 = 0.43 and Spearman rank correlation of r = 0.55 at the system level.")


def test_a_statistic_with_its_symbol_is_a_result_named_by_the_words_before_it() -> None:
    assert verdict([KENDALL], "GPT-4 and human rankings agree with a Kendall Tau of 0.43.") == Verdict.SUPPORTED
    assert verdict([KENDALL], "GPT-4 and human rankings agree with a Kendall Tau of 0.55.") == Verdict.CONTRADICTED


LENGTHS = ["Other summarization datasets use input length 2048 and output length 512.",
           "Finally, TriviaQA uses input length 2048 and output length 32."]


def test_input_and_output_settings_are_not_each_other() -> None:
    ok = "For TriviaQA, the paper uses an input length of 2048 tokens and an output length of 32 tokens."
    assert verdict(LENGTHS, ok) == Verdict.SUPPORTED
    # The other datasets' sentence states both numbers, but the TriviaQA sentence says 32.
    assert verdict(LENGTHS, ok.replace("32 tokens", "512 tokens")) == Verdict.CONTRADICTED


def test_a_multiplier_is_never_read_as_a_percentage() -> None:
    q = find_quantities("gives a 3.0x speedup")[0]
    assert q.unit == "x"
    assert values_match(3.0, 1, "x", 0.03, 2, "") is None
    assert values_match(3.0, 1, "x", 3.0, 1, "")
    t = table_at(0, "Table S13", "Table S13: Hyperparameters.", ["Model", "Decay ratio"], [["7B 200B", "0.03"]])
    assert verify_claim("The 7B model gives a 3.0x speedup.", [tables_index(t)]).verdict != Verdict.SUPPORTED


def test_a_gap_above_a_name_without_its_number_is_not_between_the_claims_numbers() -> None:
    from verifier.verify import _compared_unstated

    claim = claim_from_text("With oracle signs, TIES-Merging reaches an average of 72.0, 5.6 points above standard "
                            "TIES-Merging and close to multitask training (73.1).")
    gap = next(q for q in claim.quantities if q.role == "diff")
    # 72.0 - 73.1 is 1.1: the gap is to the TIES-Merging row, which the claim leaves unsaid.
    assert _compared_unstated(claim, gap)
    stated = claim_from_text("LoRA reaches 63.8%, 3.6 points above GPT-3 (Fine-Tune) (60.2%).")
    assert not _compared_unstated(stated, next(q for q in stated.quantities if q.role == "diff"))


def test_a_name_that_two_columns_share_in_another_order_picks_neither() -> None:
    t = table_at(0, "Table 6", "Table 6: Vicuna benchmark scores judged by GPT-4, relative to ChatGPT.",
                 ["Model", "ChatGPT vs Sys", "Sys vs ChatGPT", "Mean"],
                 [["Guanaco 65B 4-bit", "96.7%", "101.9%", "99.3%"], ["Alpaca 65B 4-bit", "63.0%", "77.9%", "70.7%"]])
    claim = ("On the Vicuna benchmark (GPT-4 judge, relative to ChatGPT), 4-bit Guanaco 65B scores 99.3%, 28.6 "
             "points above the 4-bit Alpaca 65B model (70.7%).")
    assert verify_claim(claim, [tables_index(t)]).verdict == Verdict.SUPPORTED
    # Guanaco's mean given to Alpaca is still no support.
    assert verify_claim(claim.replace("(70.7%)", "(96.7%)").replace("28.6", "2.6"),
                        [tables_index(t)]).verdict != Verdict.SUPPORTED


RATIOS = "Regarding the token selection ratio, we use 60% for the Tinyllama-1.1B model and 70% for the Mistral-7B model."


def test_the_name_after_for_belongs_to_the_number_before_it() -> None:
    claim = "Rho-1 selects 70% of tokens for the Mistral-7B model and 60% for TinyLlama-1.1B."
    c = claim_from_text(claim)
    assert verdict([RATIOS], claim) == Verdict.SUPPORTED
    assert c.quantities[0].value == 70
    assert verdict([RATIOS], "Rho-1 selects 60% of tokens for the Mistral-7B model and 70% for TinyLlama-1.1B.") \
        != Verdict.SUPPORTED


def test_each_of_two_sizes_goes_with_its_own_number() -> None:
    t = table_at(0, "Table 2", "Table 2: BLEU on WMT 2014 English-to-German.", ["Model", "BLEU EN-DE"],
                 [["Transformer (base model)", "27.3"], ["Transformer (big)", "28.4"]])
    claim = "On WMT 2014 English-to-German, Transformer (big) improves on the base model by 1.1 BLEU (28.4 vs 27.3)."
    assert verify_claim(claim, [tables_index(t)]).verdict == Verdict.SUPPORTED
    swapped = "On WMT 2014 English-to-German, Transformer (base) improves on the big model by 1.1 BLEU (28.4 vs 27.3)."
    assert verify_claim(swapped, [tables_index(t)]).verdict != Verdict.SUPPORTED


def test_a_one_column_table_needs_only_its_row_named() -> None:
    t = table_at(0, "Table 5", "Table 5: The error types and their estimated proportions for PoT.",
                 ["Error type", "Estimated Proportion (%)"],
                 [["I. Grounding errors", "50"], ["II. Ambiguity errors", "22"], ["III. Calculation errors", "20"]])
    claim = "In the error analysis of Program-of-Thoughts, grounding errors account for half (50%) of incorrect predictions."
    assert verify_claim(claim, [tables_index(t)]).verdict == Verdict.SUPPORTED
    assert verify_claim(claim.replace("grounding", "ambiguity"), [tables_index(t)]).verdict != Verdict.SUPPORTED


def test_an_acronym_may_keep_its_small_words() -> None:
    assert _full_acronym("Program-of-Thoughts") == ("pot",)
    assert _full_acronym("Chain-of-Thought") == ("cot",)
    assert _full_acronym("Llama-2-7B") == ()


def test_a_sentence_about_another_domain_in_plain_words_is_no_support() -> None:
    text = ["We measure decoding speeds of our best 4-token prediction model with 7B parameters on code and text.",
            "We observe a speedup of 3.0\u00d7 on code with an average of 2.5 accepted tokens."]
    assert verdict(text, "The 7B 4-token prediction model gives a 3.0x speedup on code.") == Verdict.SUPPORTED
    assert verdict(text, "The 7B 4-token prediction model gives a 3.0x speedup on natural-language text.") \
        != Verdict.SUPPORTED


def test_a_result_set_against_a_count_belongs_to_the_name_after_it() -> None:
    from verifier.owners import own_terms
    from verifier.terms import claim_terms

    c = claim_from_text("Chain-of-Table generates at most 25 samples per WikiTQ question, compared with 100 for Binder.")
    qi = next(i for i, q in enumerate(c.quantities) if q.role == "value")
    own = {t.text for t in own_terms(c, claim_terms(c), qi, set()) if t.kind == "subject"}
    assert own == {"Binder"}


DATASETS = ["The SFT dataset contains about 13k training prompts (from the API and labeler-written), the RM dataset "
            "has 33k training prompts (from the API and labeler-written), and the PPO dataset has 31k training "
            "prompts (only from the API).",
            "These episodes include about 31k unique prompts, after filtering out prompts with PII."]


def test_of_several_set_up_clauses_the_one_in_the_claims_words_decides() -> None:
    assert verdict(DATASETS, "The reward-model dataset comprises about 33k training prompts.") == Verdict.SUPPORTED
    # 31k is the PPO dataset's; the loose "31k unique prompts" sentence does not outweigh the RM clause.
    assert verdict(DATASETS, "The reward-model dataset comprises about 31k training prompts.") == Verdict.CONTRADICTED
    # Nor may the whole sentence back "SFT ... 31k" word for word.
    assert verdict(DATASETS, "The SFT dataset has about 31k training prompts.") == Verdict.CONTRADICTED


def test_a_stray_shared_word_does_not_pick_a_row_over_the_one_named_whole() -> None:
    t = table_at(0, "Table 3", "Table 3: Merging ten BERT checkpoints per task.", ["Method", "WNLI", "RTE"],
                 [["Averaging", "56.3", "58.1"], ["Task Arithmetic", "59.2", "60.3"], ["TIES-Merging", "58.8", "61.0"]])
    idx = tables_index(t, title="TIES-Merging: Resolving Interference When Merging Models")  # the paper's own method
    assert verify_claim("Merging ten BERT checkpoints per task, TIES-Merging obtains 58.8 on WNLI.", [idx]).verdict \
        == Verdict.SUPPORTED
    assert verify_claim("Merging ten BERT checkpoints per task, TIES-Merging obtains 59.2 on WNLI.", [idx]).verdict \
        != Verdict.SUPPORTED


def test_a_thousands_separator_spaced_out_by_the_pdf_is_still_one_number() -> None:
    from verifier.normalize import clean_text

    assert clean_text("contains a total of 2, 305 examples") == "contains a total of 2,305 examples"
    assert clean_text("results 2, 305 and 7") == "results 2, 305 and 7"  # a list stays a list
    text = ["ASDiv dataset contains a total of 2, 305 examples, each a math word problem."]
    assert verdict(text, "ASDiv is a dataset of 2,305 examples.") == Verdict.SUPPORTED


def test_a_set_up_count_is_read_only_from_its_own_clause() -> None:
    from verifier.setup_numbers import anchor_of, numbers_in

    s = "We show illustrative prompts in Table 2; more prompts are shown in Appendix A."
    assert [anchor_of(s, n) for n in numbers_in(s)] == [None]
    s = "The resulting model solves 37.7% of problems with a single sample."
    assert [n.text for n in numbers_in(s)] == []  # a percentage is no count of problems


def test_a_vocabulary_counted_in_tokens_is_a_vocabulary_size() -> None:
    from verifier.setup_numbers import anchor_of, numbers_in

    for s in ["The parser used a 32K-token vocabulary.", "We used a vocabulary of 32K tokens for the parser."]:
        assert [anchor_of(s, n) for n in numbers_in(s)] == ["vocab"]


def test_a_for_phrase_runs_past_a_decimal_point_in_a_name() -> None:
    text = ["Regarding the token selection ratio, we use 60% for the Tinyllama-1.1B model and 70% for the Mistral-7B model."]
    assert verdict(text, "The token selection ratio is 60% for the Tinyllama-1.1B model.") == Verdict.SUPPORTED
    assert verdict(text, "The token selection ratio is 70% for the Tinyllama-1.1B model.") != Verdict.SUPPORTED


def test_a_number_owns_the_name_after_its_less_than() -> None:
    text = ["Notably, Chain-of-Table generates the fewest samples among the baselines - 50% less than Binder and 75% "
            "less than Dater."]
    assert verdict(text, "Chain-of-Table generates 75% fewer samples than Dater.") == Verdict.SUPPORTED
    assert verdict(text, "Chain-of-Table generates 75% fewer samples than Binder.") != Verdict.SUPPORTED


def test_a_stated_change_matches_only_a_claimed_change() -> None:
    text = ["PS+ prompting improves the accuracy over Zero-shot CoT on all datasets except GSM8K, which sees a 2.9% "
            "improvement."]
    assert find_quantities("GSM8K sees a 2.9% improvement")[0].role == "diff"
    assert verdict(text, "On GSM8K, PS+ prompting improves the accuracy over Zero-shot CoT by 2.9%.") == Verdict.SUPPORTED
    # A level of 2.9% (of errors, of cases) is not what the sentence states.
    assert verdict(text, "On GSM8K, PS+ prompting makes calculation errors in 2.9% of cases.") != Verdict.SUPPORTED


def test_a_model_borrowed_from_earlier_sentences_needs_the_claims_own_words() -> None:
    text = ["We manually examined 50 chains of thought by LaMDA 137B for GSM8K that led to a wrong answer.",
            "We found that 8% of the chains of thought were completely correct except for a calculator error.",
            "Also, 34% of the examples contained calculator errors in addition to other types of errors."]
    ok = ("In the manual analysis of wrong LaMDA 137B chains of thought on GSM8K, 8% were completely correct except "
          "for a calculator error.")
    assert verdict(text, ok) == Verdict.SUPPORTED
    assert verdict(text, ok.replace("8%", "34%")) != Verdict.SUPPORTED


def test_names_with_digits_pair_with_a_list_of_numbers() -> None:
    text = ["Notably, Ties-Merging without validation outperforms Task Arithmetic [29] with validation by 2.3% and 1.5% "
            "for ViT-B/32 and ViT-L/14."]
    by_value = {m.value: m for m in text_mentions("p", 1, text[0])}
    assert "vitb32" in by_value[2.3].strong_terms and "vitl14" in by_value[1.5].strong_terms
    assert verdict(text, "Ties-Merging without validation outperforms Task Arithmetic with validation by 3.1% on "
                         "ViT-B/32.") == Verdict.CONTRADICTED


def test_the_compared_thing_ends_at_its_verb() -> None:
    from verifier.terms import claim_terms

    c = claim_from_text("ReAct's relative performance gain over Act ranges from 33% to 90%, averaging 62%.")
    assert "Act" in {t.text for t in claim_terms(c) if t.kind == "subject"}
    text = ["On ALFWorld, ReAct outperforms Act, with relative performance gain ranging from 33% to 90% and averaging 62%."]
    assert verdict(text, "On ALFWorld, ReAct's relative performance gain over Act ranges from 33% to 90%, averaging "
                         "62%.") == Verdict.SUPPORTED


def test_a_greek_statistic_after_its_name_is_a_result() -> None:
    text = ["At the example level, the agreement between GPT-4 and human annotators is weaker with Fleiss \u03ba = 0.25."]
    assert verdict(text, "At the example level, GPT-4 and human annotators agree with a Fleiss kappa of 0.25.") \
        == Verdict.SUPPORTED


def test_a_sentence_stating_both_claimed_numbers_does_not_refute_either() -> None:
    text = ["For GPT-3 175B, the training throughput for full fine-tuning is 32.5 tokens/s per V100 GPU; with the same "
            "number of weight shards, the throughput is 43.1 tokens/s per V100 GPU for LoRA."]
    claim = "On GPT-3 175B, LoRA trains at 43.1 tokens/s per V100 GPU, compared with 32.5 tokens/s for full fine-tuning."
    assert verdict(text, claim) == Verdict.SUPPORTED


def test_the_papers_own_method_is_its_column_of_a_hyperparameter_table() -> None:
    t = table_at(0, "Table 12", "Table 12: The training hyperparameters used for different GPT-3 adaption methods.",
                 ["Hyperparameters", "Fine-Tune", "PreEmbed", "BitFit", "LoRA"],
                 [["Learning Rate", "5.00E-06", "5.00E-04", "1.6E-03", "2.00E-04"]])
    idx = tables_index(t, title="LoRA: Low-Rank Adaptation of Large Language Models")
    claim = "For the GPT-3 175B experiments, LoRA was trained with a learning rate of 2e-4."
    assert verify_claim(claim, [idx]).verdict == Verdict.SUPPORTED
    assert verify_claim(claim.replace("2e-4", "1.6e-3"), [idx]).verdict == Verdict.CONTRADICTED


def test_a_rise_from_a_to_b_must_rise() -> None:
    t = table_at(0, "Table 5", "Table 5: Last letter concatenation (2 words, in-domain).", ["Model", "standard", "CoT"],
                 [["LaMDA 137B", "5.8", "77.5"], ["PaLM 540B", "7.6", "99.4"]])
    ok = "With chain-of-thought prompting, LaMDA 137B jumps from 5.8% to 77.5% on last letter concatenation."
    assert verify_claim(ok, [tables_index(t)]).verdict == Verdict.SUPPORTED
    swapped = "With chain-of-thought prompting, LaMDA 137B jumps from 77.5% to 5.8% on last letter concatenation."
    assert verify_claim(swapped, [tables_index(t)]).verdict == Verdict.CONTRADICTED


MTP = table_at(0, "Table 1", "Table 1: Multi-token prediction on MBPP and HumanEval, 7B models trained on 200B tokens of code.",
               ["Training data", "MBPP @1", "HumanEval @1"],
               [["200B tokens n = 1", "30.0", "22.8"], ["200B tokens n = 2", "30.3", "22.2"],
                ["200B tokens n = 4", "33.8", "24.0"]])


def test_next_token_prediction_is_the_n_equals_1_row() -> None:
    idx = tables_index(MTP)
    for claim in ("For 7B models trained on 200B tokens of code, 4-token prediction reaches 33.8 pass@1 on MBPP, 3.8 "
                  "points above the next-token prediction baseline (30.0).",
                  "For 7B models trained on 200B tokens of code, 4-token prediction reaches 33.8 MBPP pass@1 versus "
                  "30.0 for next-token prediction."):
        assert verify_claim(claim, [idx]).verdict == Verdict.SUPPORTED, claim
    swapped = ("For 7B models trained on 200B tokens of code, 4-token prediction reaches 30.0 MBPP pass@1 versus 33.8 "
               "for next-token prediction.")
    assert verify_claim(swapped, [idx]).verdict == Verdict.CONTRADICTED


def test_a_percentage_higher_than_another_is_a_change_not_a_level() -> None:
    text = ["PS prompting also outperforms Zero-shot-CoT across all datasets, and enjoys 2.5% higher average "
            "accuracy than that of Zero-shot CoT."]
    assert verdict(text, "PS prompting enjoys 2.5% higher average accuracy than Zero-shot CoT.") == Verdict.SUPPORTED
    assert verdict(text, "PS prompting improves average accuracy over Zero-shot CoT by 2.5%.") == Verdict.SUPPORTED
    assert verdict(text, "PS prompting makes calculation errors in 3% of cases.") != Verdict.SUPPORTED


def test_a_byte_table_row_is_no_token_row() -> None:
    t = table_at(0, "Table 1", "Table 1: 7B models trained on tokens or bytes of code.", ["Training data", "MBPP @1"],
                 [["200B tokens n = 4", "33.8"], ["313B bytes n = 16", "28.6"]])
    claim = "Trained on 200B tokens of code with 16-token prediction, the 7B model reaches 28.9 pass@1 on MBPP."
    assert verify_claim(claim, [tables_index(t)]).verdict == Verdict.NOT_FOUND


def test_what_every_number_is_measured_against_is_all_of_theirs() -> None:
    from verifier.owners import own_terms
    from verifier.terms import claim_terms

    c = claim_from_text("The 7B model with 8-byte prediction solves 67% more MBPP problems and 20% more HumanEval "
                        "problems than next-byte prediction.")
    values = [i for i, q in enumerate(c.quantities) if q.role == "value"]
    for i in values:
        assert "8-byte" in {t.text for t in own_terms(c, claim_terms(c), i, set())}


def test_a_claimed_relative_change_is_not_a_tables_level() -> None:
    t = table_at(0, "Table 1", "Table 1: HumanEval pass@1.", ["Model", "HumanEval @1"],
                 [["next-byte 7B", "19.0"], ["8-byte 7B", "20.0"]])
    claim = "The 7B model with 8-byte prediction solves 20% more HumanEval problems than next-byte prediction."
    assert verify_claim(claim, [tables_index(t)]).verdict != Verdict.SUPPORTED


def test_above_a_plain_description_names_no_compared_model() -> None:
    from verifier.terms import claim_terms

    c = claim_from_text("With PaLM 2, Chain-of-Table reaches 67.31% on WikiTQ, 5.83 points above the strongest "
                        "baseline, Dater (61.48%).")
    assert "strongest baseline" not in {t.text for t in claim_terms(c)}
    c = claim_from_text("4-token prediction reaches 33.8, 3.8 points above the next-token prediction baseline (30.0).")
    assert "next-token prediction" in {t.text for t in claim_terms(c) if t.kind == "subject"}


def test_a_gap_after_a_bracketed_number_is_still_a_gap() -> None:
    q = find_quantities("The big Transformer reaches 28.4 BLEU, beating the strongest previous ensemble, ConvS2S "
                        "Ensemble (26.36), by 2.04 BLEU.")
    assert [x.role for x in q] == ["value", "value", "diff"]


def test_the_compared_name_follows_its_description() -> None:
    from verifier.terms import claim_terms

    c = claim_from_text("The big Transformer reaches 28.4 BLEU, beating the strongest previous ensemble, ConvS2S "
                        "Ensemble (26.36), by 2.04 BLEU.")
    names = {t.text for t in claim_terms(c) if t.kind == "subject"}
    assert "ConvS2S" in names and not any("strongest" in n for n in names)
    c = claim_from_text("4-token prediction reaches 33.8% on MBPP, up from 30.0% with next-token prediction.")
    assert "next-token prediction" in {t.text for t in claim_terms(c) if t.kind == "subject"}


def test_a_bracketed_judged_by_name_is_the_judge() -> None:
    c = claim_from_text("NEFT reaches a 44.11% AlpacaEval (ChatGPT-judged) win rate.")
    assert "ChatGPT" in c.subjects and "(ChatGPT-judged)" not in c.subjects


def test_a_name_before_an_aside_holding_the_first_number_owns_both() -> None:
    from verifier.owners import own_terms
    from verifier.terms import claim_terms

    c = claim_from_text("Guanaco 33B, a 4-bit model needing 21 GB of memory, achieves 97.8% of ChatGPT's score.")
    last = max(i for i, q in enumerate(c.quantities) if q.role == "value")
    assert "Guanaco" in {t.text for t in own_terms(c, claim_terms(c), last, set())}


def test_the_method_that_lifts_a_model_is_not_the_from_numbers() -> None:
    from verifier.combination import stands_for_claim
    from verifier.terms import claim_terms, score

    t = table_at(0, "Table 3", "Table 3: Standard prompting versus chain-of-thought prompting.",
                 ["Model", "SingleOp standard", "SingleOp CoT", "MultiArith standard", "MultiArith CoT"],
                 [["175B", "88.1", "91.0", "33.8", "91.7"], ["13B", "7.0", "8.0", "5.0", "8.2"]])
    idx = tables_index(t, text=[(2, "GPT-3 gains 4.5 points on average.")])
    c = claim_from_text("On MultiArith, chain-of-thought prompting lifts GPT-3 175B from 33.8% to 91.7%.")
    terms = claim_terms(c)
    cell = next(m for m in idx.mentions if m.kind == "cell" and m.value == 33.8)
    # The "from" number is the row without the method: its standard column, though the claim says CoT.
    assert stands_for_claim(score(terms, cell), c, terms, idx, c.quantities[0])
    assert not stands_for_claim(score(terms, cell), c, terms, idx)
    assert verify_claim(c.text, [idx]).verdict == Verdict.SUPPORTED


def test_a_model_in_the_lifting_clause_stays_the_from_numbers_model() -> None:
    from verifier.combination import without_method

    text = "Adding NEFTune when training LLaMA-2 13B on Evol-Instruct raises its win rate from 72.61% to 82.04%."
    c = claim_from_text(text)
    assert without_method(text, c.quantities[0]) == text
    text = "On MultiArith, chain-of-thought prompting lifts GPT-3 175B from 33.8% to 91.7%."
    blanked = without_method(text, claim_from_text(text).quantities[0])
    assert "chain-of-thought" not in blanked and "GPT-3 175B" in blanked
    # A lifted model named without a digit is still a named model ("raises Codex from ...").
    text = "Chain-of-thought prompting raises Codex from 71.7% to 98.5% on Sports Understanding, a 26.8-point gain."
    blanked = without_method(text, claim_from_text(text).quantities[0])
    assert "Chain-of-thought" not in blanked and "Codex" in blanked


def test_a_gain_prints_the_larger_value_first() -> None:
    t = table_at(0, "Table 4", "Table 4: Standard prompting versus chain-of-thought prompting on commonsense.",
                 ["Model", "Sports standard", "Sports CoT"], [["Codex", "71.7", "98.5"], ["PaLM 540B", "80.5", "95.4"]])
    r = verify_claim("Chain-of-thought prompting raises Codex from 71.7% to 98.5% on Sports Understanding, a 26.8-point gain.",
                     [tables_index(t, text=[(3, "Sports Understanding asks whether a sentence about sports is plausible.")])])
    assert r.verdict == Verdict.SUPPORTED, r.reason
    assert "98.5% - 71.7% = 26.8" in r.reason


AGREEMENT = ("We find that training labelers agree with each-other 72.6 \u00b1 1.5% of the time, while for held-out "
             "labelers this number is 77.3 \u00b1 1.3%.")


def test_a_claim_naming_nothing_is_the_sentence_stating_all_its_exact_numbers() -> None:
    claim = "Training labelers agreed with each other 72.6 \u00b1 1.5% of the time, while held-out labelers agreed 77.3 \u00b1 1.3%."
    assert verdict([AGREEMENT], claim) == Verdict.SUPPORTED
    swapped = "Training labelers agreed with each other 77.3 \u00b1 1.3% of the time, while held-out labelers agreed 72.6 \u00b1 1.5%."
    assert verdict([AGREEMENT], swapped) != Verdict.SUPPORTED


REACT = table_at(0, "Table 1", "Table 1: PaLM-540B prompting results on HotpotQA and Fever.",
                 ["Prompt Method", "HotpotQA (EM)", "Fever (Acc)"],
                 [["CoT-SC", "33.4", "60.4"], ["ReAct", "27.4", "60.9"], ["CoT-SC \u2192 ReAct", "34.2", "64.6"],
                  ["ReAct \u2192 CoT-SC", "35.1", "62.0"]])


def test_a_gap_to_a_name_the_subject_already_said_is_computed_from_its_row() -> None:
    claim = "On Fever, the CoT-SC\u2192ReAct combination with PaLM-540B reaches 64.6% accuracy, {} points above CoT-SC alone."
    wrong = verify_claim(claim.format("5.2"), [tables_index(REACT)])
    assert wrong.verdict == Verdict.CONTRADICTED and "4.2" in wrong.reason
    # The ReAct -> CoT-SC row also names CoT-SC, but it names the claim's own ReAct too: not the compared row.
    assert verify_claim(claim.format("4.2"), [tables_index(REACT)]).verdict == Verdict.SUPPORTED


QLORA = table_at(0, "Table 5", "Table 5: Mean 5-shot MMLU test accuracy for LLaMA 7-65B models finetuned with QLoRA.",
                 ["Dataset", "7B", "13B", "33B", "65B"],
                 [["LLaMA no tuning", "35.1", "46.9", "57.8", "63.4"], ["FLAN v2", "44.5", "51.4", "59.2", "63.9"]])


def test_the_ends_of_a_range_of_sizes_go_with_the_ends_of_a_range_of_numbers() -> None:
    text = ("Across LLaMA sizes from 7B to 65B, QLoRA finetuning on FLAN v2 yields 5-shot MMLU accuracies between "
            "44.5% and 63.9%.")
    c = claim_from_text(text)
    terms = claim_terms(c)
    first, second = (own_terms(c, terms, i, {"7b"}) for i in range(2))
    assert "7B" in [t.text for t in first] and "65B" not in [t.text for t in first]
    assert "65B" in [t.text for t in second] and "7B" not in [t.text for t in second]
    assert verify_claim(text, [tables_index(QLORA)]).verdict == Verdict.SUPPORTED
    assert verify_claim(text.replace("63.9", "59.2"), [tables_index(QLORA)]).verdict != Verdict.SUPPORTED


CALLED = "We call the resulting models InstructGPT."


def test_we_is_not_the_name_of_a_number_another_clause_gives_the_claims_words() -> None:
    idx = build_index("p", "paper.pdf", [(8, AGREEMENT)], [], page_texts=[CALLED],
                      title="Training language models to follow instructions with human feedback")
    assert verify_claim("InstructGPT's training labelers agreed with each other 77.3 \u00b1 1.3% of the time.",
                        [idx]).verdict != Verdict.SUPPORTED
    assert verify_claim("InstructGPT's training labelers agreed with each other 72.6 \u00b1 1.5% of the time.",
                        [idx]).verdict == Verdict.SUPPORTED


GQA = table_at(0, "Table 1", "Table 1: Inference time per sample and average performance of T5 XXL models.",
               ["Model", "Tinfer (s)", "Average"],
               [["MHA-XXL", "1.51", "47.2"], ["MQA-XXL", "0.24", "46.6"], ["GQA-8-XXL", "0.28", "47.1"]])


def test_a_multiple_of_the_claims_own_two_numbers_is_their_ratio() -> None:
    claim = "Uptrained GQA-8-XXL needs 0.28 s per sample versus 1.51 s for MHA-XXL, making inference roughly {} faster."
    ok = verify_claim(claim.format("5.4x"), [tables_index(GQA)])
    assert ok.verdict == Verdict.SUPPORTED and "1.51 / 0.28" in ok.reason
    assert verify_claim(claim.format("3x"), [tables_index(GQA)]).verdict == Verdict.CONTRADICTED


def test_a_ratio_of_two_amounts_in_different_units_is_taken_in_one_unit() -> None:
    idx = build_index("p", "p.pdf", [(5, "With r = 4 and only the query and value projection matrices being adapted, the "
                                         "checkpoint size is reduced from 350GB to 35MB for GPT-3 175B.")], [],
                      title="LoRA: Low-Rank Adaptation of Large Language Models")
    claim = "LoRA shrinks the GPT-3 175B checkpoint from 350GB to 35MB, about a {} reduction."
    ok = verify_claim(claim.format("10,000\u00d7"), [idx])
    assert ok.verdict == Verdict.SUPPORTED and "10000.0" in ok.reason
    assert verify_claim(claim.format("10\u00d7"), [idx]).verdict == Verdict.CONTRADICTED


def test_the_papers_own_system_written_short_in_capitals() -> None:
    idx = build_index("p", "p.pdf", [(9, "Human annotators preferred NEFT in 88 instances, and 22 instances were a draw."),
                                     (9, "This corresponds to a 74.6% win score for NEFT using the AlpacaEval formula.")],
                      [], title="NEFTune: Noisy Embeddings Improve Instruction Finetuning")
    assert verify_claim("In the human study, NEFTune reaches a 74.6% win score.", [idx]).verdict == Verdict.SUPPORTED


def test_a_bare_integer_in_prose_does_not_refute_a_decimal_percentage() -> None:
    text = ["This corresponds to a 74.6% win score.", "The human study of the NEFTune win score used 10 raters."]
    assert verdict(text, "NEFTune reaches a 74.6% win score in the human study.") != Verdict.CONTRADICTED


def test_a_shot_prefix_is_a_setting_not_part_of_the_name() -> None:
    c = claim_from_text("With self-consistency, Zero-shot-PS+ reaches 73.7% on GSM8K and 84.4% on SVAMP.")
    assert "psplus" in next(t for t in claim_terms(c) if t.kind == "subject").abbrevs and "zero-shot" in c.settings
    text = ["Figure 4 shows that PS+ prompting with SC (73.7% and 84.4%) substantially outperforms CoT with SC "
            "(70.7% and 81.7%) on GSM8K and SVAMP, respectively."]
    assert verdict(text, c.text) == Verdict.SUPPORTED


def test_the_judge_is_not_the_subject() -> None:
    c = claim_from_text("Guanaco 33B reaches a mean of 97.8% of ChatGPT's score on the Vicuna benchmark as judged by GPT-4.")
    assert "GPT-4" not in c.subjects and "gpt4" in c.terms
    idx = tables_index(table_at(0, "Table 6", "Table 6: Zero-shot Vicuna benchmark scores relative to ChatGPT, judged by GPT-4.",
                                 ["Model", "ChatGPT vs Sys", "Sys vs ChatGPT", "Mean"],
                                 [["GPT-4", "119.4%", "110.1%", "114.5%"], ["Guanaco 33B", "96.5%", "99.2%", "97.8%"]]))
    assert verify_claim(c, [idx]).verdict == Verdict.SUPPORTED


def test_a_size_said_after_the_comparison_is_the_compared_numbers() -> None:
    idx = tables_index(table_at(0, "Table 3", "Table 3: Variations on the Transformer architecture on newstest2013.",
                                 ["", "h", "BLEU (dev)"], [["base", "8", "25.8"], ["(A)", "1", "24.9"]]))
    claim = "In the model-variation study, single-head attention scores 24.9 BLEU on newstest2013, 0.9 points below the base model's 25.8."
    assert verify_claim(claim, [idx]).verdict == Verdict.SUPPORTED


CODEX_S = ("Codex-S outperforms the corresponding Codex by an average margin of 6.5 percentage points on pass@1 "
           "and by a larger average margin of 15.1 percentage points on pass@100 across model size.")


def test_a_claim_of_gaps_only_is_stated_by_the_sentence_giving_them_all() -> None:
    ok = verify_claim("Codex-S beats Codex by 6.5 points on pass@1 and 15.1 points on pass@100 on average.",
                      [build_index("p", "p.pdf", [(8, CODEX_S)], [])])
    assert ok.verdict == Verdict.SUPPORTED and "15.1" in ok.reason
    bad = verify_claim("Codex-S beats Codex by 6.5 points on pass@1 and 18.3 points on pass@100 on average.",
                       [build_index("p", "p.pdf", [(8, CODEX_S)], [])])
    assert bad.verdict == Verdict.CONTRADICTED and "disagree" not in bad.reason


def test_an_amount_in_another_memory_unit_is_another_amount() -> None:
    from verifier.checks import other_unit, unit_word

    claim = "LoRA shrinks the checkpoint from 350 GB to roughly 350 MB."
    assert unit_word(claim, "350") == "gb" and unit_word(claim, "350", claim.index("350 MB")) == "mb"
    sent = "The checkpoint size is reduced by roughly 10,000x (from 350GB to 35MB)."
    idx = build_index("p", "p.pdf", [(5, sent)], [])
    m = next(x for x in idx.mentions if x.value == 350)
    assert other_unit("mb", m) and not other_unit("gb", m) and not other_unit(None, m)


def test_what_the_numbers_are_likened_to_after_them_all_is_none_of_theirs() -> None:
    claim = claim_from_text("On HumanEval, GPT-J-6B scores 11.6% pass@1 and 27.7% pass@100, putting it roughly on par "
                            "with Codex-300M.")
    terms = claim_terms(claim)
    for qi in (0, 1):
        keys = {t.key for t in own_terms(claim, terms, qi, set())}
        assert "gptj6b" in keys and "codex300m" not in keys
    table = table_at(1, "Table 1", "Table 1: Codex, GPT-Neo and GPT-J pass rates on HumanEval.",
                     ["Model", "k = 1", "k = 100"], [["GPT-J 6B", "11.62%", "27.74%"], ["Codex-300M", "13.17%", "36.27%"]])
    idx = tables_index(table)
    assert verify_claim(claim, [idx]).verdict == Verdict.SUPPORTED
    assert verify_claim(claim.text.replace("27.7%", "36.3%"), [idx]).verdict == Verdict.CONTRADICTED


def _own_keys(text: str, number: str) -> set[str]:
    """The term keys the claim's number printed as ``number`` must match (``own_terms``)."""
    claim = claim_from_text(text)
    qi = next(i for i, q in enumerate(claim.quantities) if q.text == number)
    return {t.key for t in own_terms(claim, claim_terms(claim), qi, set())}


def test_a_name_the_claim_gives_another_number_with_for_is_not_this_ones() -> None:
    assert "react" not in _own_keys("In the study of HotpotQA trajectories, CoT's false-positive rate among successes "
                                    "was 14% against 6% for ReAct, with hallucination accounting for 56% of CoT's "
                                    "failures.", "56%")
    # A "for" that frames every number keeps its name: "the training set for Codex totaled 159 GB, down from 179 GB".
    frame = claim_from_text("After filtering, the Python training set for Codex totaled 159 GB, down from 179 GB of unique files.")
    assert all("codex" in {t.key for t in own_terms(frame, claim_terms(frame), i, set())}
               for i, q in enumerate(frame.quantities) if q.role == "value")


def test_the_method_lifting_to_a_number_from_another_owns_the_first() -> None:
    claim = claim_from_text("For 7B models trained on 200B code tokens, 4-token prediction lifts MBPP pass@1 to 33.8% from "
                            "30.0% with next-token prediction.")
    terms = claim_terms(claim)
    keys = [{t.key for t in own_terms(claim, terms, i, set())} for i, q in enumerate(claim.quantities) if q.role == "value"]
    assert "4token" in keys[0] and "4token" not in keys[1]


def test_what_a_gap_is_above_is_no_name_of_the_level_before_it() -> None:
    assert "mistralct" not in _own_keys("In few-shot CoT evaluation, Rho-1-Math 7B scores 66.9% on GSM8K, 24.0 points "
                                        "above the Mistral-CT continual-pretraining baseline (42.9%).", "66.9%")


def test_a_bracketed_pair_after_edges_out_pairs_with_the_two_names_in_order() -> None:
    claim = claim_from_text("On PubMed, GQA-8-XXL slightly edges out the multi-head T5-XXL baseline in ROUGE-1 (47.7 vs 47.5).")
    terms = claim_terms(claim)
    first = {t.text for t in own_terms(claim, terms, 0, set()) if t.kind == "subject"}
    second = {t.text for t in own_terms(claim, terms, 1, set()) if t.kind == "subject"}
    assert first == {"GQA-8-XXL"} and second == {"T5-XXL"}


def test_a_name_with_its_number_in_brackets_or_a_which_clause_owns_it() -> None:
    text = "On Coin Flip, Zero-shot PS+ (99.6%) trails Zero-shot-CoT, which scores 100.0%."
    first, second = _own_keys(text, "99.6%"), _own_keys(text, "100.0%")
    assert "psplus" in first and "zeroshotcot" not in first
    assert "zeroshotcot" in second and "psplus" not in second


def test_a_shot_setting_in_a_later_clause_is_the_later_numbers() -> None:
    c = claim_from_text("Labelers preferred 175B InstructGPT over 175B GPT-3 85% of the time (\u00b13%), and over few-shot "
                        "prompted 175B GPT-3 71% of the time.")
    first, second = (i for i, q in enumerate(c.quantities) if q.role == "value")
    terms = claim_terms(c)
    assert "fewshot" not in {t.key for t in own_terms(c, terms, first, set())}
    assert "fewshot" in {t.key for t in own_terms(c, terms, second, set())}
    sents = ["Outputs from our 175B InstructGPT are preferred to 175B GPT-3 outputs 85 \u00b1 3% of the time, and "
             "preferred 71 \u00b1 4% of the time to few-shot 175B GPT-3."]
    assert verdict(sents, c.text) == Verdict.SUPPORTED


def test_a_score_and_a_time_each_keep_their_own_column() -> None:
    """"47.7 ROUGE-1 on PubMed at an inference time of 0.28 s per sample": ROUGE-1 and PubMed are the
    score's; the time is read from the Tinfer column, and the ROUGE columns beside it do not refute it."""
    t = table_at(0, "Table 1", "Table 1: Inference time and average dev set performance of T5 models.",
                 ["Model", "Tinfer s", "CNN R1", "PubMed R1"],
                 [["MHA-Large", "0.37", "42.9", "46.2"], ["MHA-XXL", "1.51", "43.8", "47.5"],
                  ["GQA-8-XXL", "0.28", "43.5", "47.7"]])
    idx = tables_index(t, text=[(2, "We uptrain T5 XXL checkpoints to GQA-8-XXL with 5% of the original compute."),
                                (5, "We evaluate summarization on CNN/Daily Mail and PubMed.")])
    r = verify_claim("Uptrained GQA-8-XXL attains 47.7 ROUGE-1 on PubMed at an inference time of 0.28 s per sample.", [idx])
    assert r.verdict == Verdict.SUPPORTED, r.reason
    wrong = verify_claim("Uptrained GQA-8-XXL attains 47.7 ROUGE-1 on PubMed at an inference time of 1.51 s per sample.", [idx])
    assert wrong.verdict != Verdict.SUPPORTED, wrong.reason


RHO_TOKENS = ("Our analysis uncovers that a mere 26% of tokens show a notable loss reduction (H\u2192L), while the majority "
              "(51%) remain in the L\u2192L category, indicating they have already been learned.")


def test_a_transition_label_names_its_own_share() -> None:
    """"(L->L)" is one name, the L->L category, and in brackets in the clause a number opens it is
    that number's: 26% is the H->L share, not the L->L one."""
    from verifier.extract import claim_from_text

    assert claim_from_text("26% of tokens stay in the low-loss (L\u2192L) category.").subjects == ("L\u2192L",)
    idx = tables_index(text=[(3, RHO_TOKENS)], title="Rho-1: Not All Tokens Are What You Need")
    wrong = verify_claim("In Rho-1's token-loss analysis, 26% of tokens stay in the consistently low-loss (L\u2192L) category "
                         "during pretraining.", [idx])
    assert wrong.verdict == Verdict.CONTRADICTED and "51%" in wrong.reason, wrong.reason
    both = verify_claim("Rho-1's analysis finds that 51% of tokens stay in the low-loss (L->L) category, while only 26% "
                        "show a notable loss reduction (H->L).", [idx])
    assert both.verdict == Verdict.SUPPORTED, both.reason
    # "the majority (51%)" names no case of its own.
    assert verify_claim("In Rho-1's analysis, 51% of tokens stay in the L\u2192L category.", [idx]).verdict == Verdict.SUPPORTED


def test_a_baseline_trained_with_rl_is_no_rouge_row() -> None:
    t = table_at(0, "Table 4", "Table 4: Score and success rate (SR) on Webshop. IL/IL+RL taken from Yao et al. (2022).",
                 ["Method", "Score", "SR"], [["Act", "62.3", "30.1"], ["ReAct", "66.6", "40.0"], ["IL", "59.9", "29.1"],
                                             ["IL+RL", "62.4", "28.7"]], page=8)
    idx = tables_index(t, text=[(8, "On Webshop, one-shot ReAct prompting outperforms imitation and reinforcement learning.")],
                       title="ReAct: Synergizing Reasoning and Acting in Language Models")
    r = verify_claim("ReAct prompting attains an average score of 62.4 on the WebShop benchmark.", [idx])
    assert r.verdict == Verdict.CONTRADICTED and "66.6" in r.reason, r.reason


STEP_TIMES = [(2, "We propose the Transformer, a model architecture based solely on attention."),
              (7, "We trained our models on one machine with 8 NVIDIA P100 GPUs."),
              (7, "For our base models using the hyperparameters described throughout the paper, each training step took "
                  "about 0.4 seconds."),
              (7, "We trained the base models for a total of 100,000 steps or 12 hours."),
              (7, "For our big models, step time was 1.0 seconds."),
              (7, "The big models were trained for 300,000 steps (3.5 days).")]


def test_a_time_said_of_the_base_models_is_not_the_big_ones() -> None:
    """A sentence worded like the claim that gives its number to "our base models" does not verify
    it for the big configuration; a size said only in the sentence before does not size it."""
    idx = tables_index(text=STEP_TIMES, title="Attention Is All You Need")
    wrong = verify_claim("For the big Transformer configuration, each training step took about 0.4 seconds on the eight "
                         "P100 GPUs.", [idx])
    assert wrong.verdict != Verdict.SUPPORTED, wrong.reason
    ok = verify_claim("For the base Transformer models, each training step took about 0.4 seconds.", [idx])
    assert ok.verdict == Verdict.SUPPORTED, ok.reason
