"""Whose a sentence's number is when the sentence lists several: a count in brackets after its label,
a "respectively" list with another number in between, the best model against the second-best, and a
bracketed percentage after the case it counts."""

from __future__ import annotations

from tests.helpers.tables import table_at, tables_index
from verifier.extract import claim_from_text
from verifier.index import build_index
from verifier.sentence_numbers import text_mentions
from verifier.types import Verdict
from verifier.verify import verify_claim


def _index(sentences: list[str], title: str = "Prompting Elicits Reasoning"):  # noqa: ANN202
    return build_index("p", "paper.pdf", [(3, s) for s in sentences], [], title=title)


def _verify(claim: str, idx):  # noqa: ANN001, ANN202
    return verify_claim(claim_from_text(claim, "c"), [idx])


def _refuted_and_borne_out(idx, claim: str, wrong: str, right: str, shown: str = "") -> None:  # noqa: ANN001
    """``claim`` with the ``wrong`` number is contradicted, its reason showing ``shown``; with the
    ``right`` number it is supported."""
    got = _verify(claim.format(wrong), idx)
    assert got.verdict == Verdict.CONTRADICTED and shown in got.reason
    assert _verify(claim.format(right), idx).verdict == Verdict.SUPPORTED


_ERRORS = [
    "We study where the reasoning of PaLM 62B fails.",
    "This analysis involved manually reading 45 errors made by PaLM 62B and categorizing them into semantic "
    "understanding (20 errors), one step missing (18 errors), and other errors (7 errors).",
]


def test_a_count_in_brackets_is_its_labels_in_a_claim_of_two_numbers() -> None:
    idx = _index(_ERRORS)
    wrong = _verify("Of the 45 PaLM 62B errors analysed, 18 were categorized as semantic-understanding errors.", idx)
    assert wrong.verdict == Verdict.CONTRADICTED and "20" in wrong.reason
    right = _verify("Of the 45 PaLM 62B errors analysed, 20 were categorized as semantic-understanding errors.", idx)
    assert right.verdict == Verdict.SUPPORTED


_AGENTS = [
    "We evaluate ReAct on two interactive decision-making benchmarks.",
    "On ALFWorld and WebShop, two-shot ReAct prompting is able to outperform imitation or reinforcement learning "
    "methods trained with 1000 task instances, with an absolute improvement of 34% and 10% in success rates "
    "respectively.",
]


def test_respectively_pairs_the_listed_numbers_with_the_listed_names_past_another_number() -> None:
    ms = {m.value: m for m in text_mentions("p", 3, _AGENTS[1])}
    assert "webshop" in ms[10.0].strong_terms and "webshop" in ms[34.0].excluded_terms
    assert ms[10.0].change and ms[34.0].change  # both are gains, as the list says of the first
    idx = _index(_AGENTS, title="ReAct: Synergizing Reasoning and Acting in Language Models")
    claim = "On WebShop, ReAct improves the absolute success rate by {} over imitation and reinforcement learning methods."
    _refuted_and_borne_out(idx, claim, "34%", "10%")


_GUANACO = [
    "Our best model family, Guanaco, outperforms all previous openly released models on the Vicuna benchmark, "
    "reaching 99.3% of the performance level of ChatGPT while only requiring 24 hours of finetuning on a single GPU.",
]


def test_the_best_models_number_is_not_the_second_best_models() -> None:
    idx = _index(_GUANACO, title="QLoRA: Efficient Finetuning of Quantized LLMs")
    got = _verify("The second-best Guanaco model reaches 99.3% of ChatGPT's performance on the Vicuna benchmark.", idx)
    assert got.verdict == Verdict.NOT_FOUND and "second-best" in got.reason
    best = _verify("The best Guanaco model reaches 99.3% of ChatGPT's performance on the Vicuna benchmark.", idx)
    assert best.verdict == Verdict.SUPPORTED


def test_the_second_best_is_read_where_the_paper_names_it() -> None:
    idx = _index(_GUANACO + [
        "Using QLoRA, we train the Guanaco family of models, with the second best model reaching 97.8% of the "
        "performance level of ChatGPT on the Vicuna benchmark; using a single professional GPU over 24 hours we "
        "achieve 99.3% with our largest model."], title="QLoRA: Efficient Finetuning of Quantized LLMs")
    got = _verify("The second best Guanaco model reaches 99.3% of the performance level of ChatGPT on the Vicuna "
                  "benchmark.", idx)
    assert got.verdict == Verdict.CONTRADICTED and "97.8" in got.reason


_SCITAB = [
    "We analyse 60 refuted claims of the SciTab benchmark by hand.",
    "Besides common error types such as \u201cincorrect calculation results\u201d (41.7%), there are also unique "
    "types of errors that are more reflective of the complexities in real-world scientific claims.",
]


def test_a_bracketed_share_is_the_case_named_just_before_it() -> None:
    idx = _index(_SCITAB, title="SciTab: A Challenging Benchmark for Compositional Reasoning and Claim Verification")
    other = _verify("In SciTab, 41.7% of the analysed refuted claims are wrong because of an incorrect approximation word.", idx)
    assert other.verdict != Verdict.SUPPORTED and "incorrect calculation results" in other.reason
    own = _verify("In SciTab, 41.7% of the analysed refuted claims contain incorrect calculation results.", idx)
    assert own.verdict == Verdict.SUPPORTED


_CHAINS = [
    "We manually examined 50 chains of thought by LaMDA 137B for GSM8K that led to wrong answers.",
    "We found that 8% of the chains of thought were completely correct except for a calculator error.",
    "We next found that 16% percent of the chains of thought were correct except for what we call symbol mapping errors.",
]


def test_a_share_said_in_the_same_words_of_another_case_is_not_the_claims() -> None:
    idx = _index(_CHAINS)
    other = _verify("Of LaMDA 137B's incorrect GSM8K chains of thought, 16% were correct except for a calculator error.", idx)
    assert other.verdict != Verdict.SUPPORTED
    own = _verify("Of LaMDA 137B's incorrect GSM8K chains of thought, 16% were correct except for symbol mapping errors.", idx)
    assert own.verdict == Verdict.SUPPORTED


def test_a_bracketed_share_is_not_a_claim_of_two_numbers_that_never_says_its_case() -> None:
    idx = _index(_SCITAB + ["SciTab contains 1,225 claims written by experts."],
                 title="SciTab: A Challenging Benchmark for Compositional Reasoning and Claim Verification")
    assert _verify("Of SciTab's 1,225 claims, 41% are labelled supported.", idx).verdict != Verdict.SUPPORTED


def test_a_temperature_set_to_a_value_is_a_setting() -> None:
    claim = claim_from_text("For self-consistency, the temperature is set to 0.7 and 10 samples are drawn.")
    assert [q.role for q in claim.quantities if q.text == "0.7"] == ["setting"]


_TOKENS = [
    "We continue pre-training Tinyllama-1B with 15B tokens from OpenWebMath, saving checkpoints after every 1B tokens.",
    "We then evaluate token-level loss at these intervals using a held-out validation set.",
    "Tokens fall into four categories based on their loss trajectory.",
    "For further details on these categories, see the appendix.",
    "Our analysis uncovers that a mere 26% of tokens show a notable loss reduction (H\u2192L), while the majority (51%) "
    "remain in the L\u2192L category, indicating they have already been learned.",
]


def test_a_sentence_stating_all_the_claims_numbers_in_its_words_takes_the_model_from_its_paragraph() -> None:
    idx = _index(_TOKENS, title="Rho-1: Not All Tokens Are What You Need")
    got = _verify("When Tinyllama-1B keeps pretraining on OpenWebMath, only 26% of tokens show a notable loss reduction "
                  "(H\u2192L), while 51% stay in the L\u2192L category.", idx)
    assert got.verdict == Verdict.SUPPORTED and "26%" in got.evidence.quote
    loose = _verify("Tracking token-level losses during continued pretraining of Tinyllama-1B on OpenWebMath, the authors "
                    "find only 26% of tokens show a notable loss reduction, while 51% are already-learned low-loss tokens.", idx)
    assert loose.verdict == Verdict.SUPPORTED


def test_a_sentence_giving_the_claims_model_another_number_is_not_its_source() -> None:
    idx = _index(["We prune Mistral 7B and Llama-2-70B layer by layer and evaluate them on MMLU.",
                  "We see a sharp transition to random accuracy at a pruning fraction around 45%-55% for models in "
                  "the Llama-2 family, 35% for Mistral 7B, and 25% for Phi-2."], title="The Deeper Layers")
    got = _verify("For Mistral 7B, the collapse to random MMLU accuracy sets in at a pruning fraction of about 45%-55%.", idx)
    assert got.verdict != Verdict.SUPPORTED


def test_a_metric_named_in_the_sentence_before_lets_a_sentence_refute_a_wrong_value() -> None:
    idx = _index(["We assign two annotators to each claim.",
                  "To measure the inter-annotator agreement, we use Cohen\u2019s Kappa (Cohen, 1960).",
                  "Our inter-annotator agreement is 0.630 for the false claim verification task (872 claims in total) "
                  "and 0.719 for the NEI claim verification task (900 claims in total)."],
                 title="SciTab: A Challenging Benchmark for Compositional Reasoning and Claim Verification")
    claim = "Inter-annotator agreement (Cohen's kappa) for the NEI claim verification task in SciTab is {}."
    _refuted_and_borne_out(idx, claim, "0.791", "0.719", shown="0.719")


def test_a_change_from_the_claims_start_to_another_end_refutes_it() -> None:
    idx = _index(["We also tried adding an external calculator to chain-of-thought prompting.",
                  "The solve rate for LaMDA 137B on GSM8K went up from 14.3% to 17.3% when we added a Python program "
                  "as an external calculator."])
    claim = "An external Python calculator raised LaMDA 137B's chain-of-thought solve rate on GSM8K from 14.3% to {}."
    _refuted_and_borne_out(idx, claim, "19.3%", "17.3%", shown="17.3%")


def test_a_gap_between_two_stated_values_is_checked_by_arithmetic() -> None:
    idx = _index(["On the WMT 2014 English-to-German translation task, the big transformer model reaches 28.4 BLEU.",
                  "Among earlier systems, the ConvS2S Ensemble scores 26.36 BLEU."],
                 title="Attention Is All You Need")
    claim = "The big Transformer reaches 28.4 BLEU on WMT 2014 English-to-German, {} BLEU above the ConvS2S Ensemble (26.36)."
    right = _verify(claim.format("2.04"), idx)
    assert right.verdict == Verdict.SUPPORTED and "28.4 - 26.36 = 2.04" in right.reason
    wrong = _verify(claim.format("2.54"), idx)
    assert wrong.verdict == Verdict.CONTRADICTED and "2.04, not 2.54" in wrong.reason


def test_a_set_up_sentence_stands_for_the_short_form_the_abstract_gives_the_papers_method() -> None:
    abstract = ("Plan-and-Solve Prompting. To address the missing-step errors, we propose Plan-and-Solve (PS) "
                "Prompting. We extend it with more detailed instructions and derive PS+ prompting.")
    sents = ["We evaluate PS+ prompting on ten datasets.", "We also combine it with self-consistency (SC).",
             "We set the temperature to 0.7 and N to 10 for experiments with SC."]
    idx = build_index("p", "paper.pdf", [(6, s) for s in sents], [], page_texts=[abstract],
                      title="Plan-and-Solve Prompting: Improving Zero-Shot Chain-of-Thought Reasoning")
    claim = "Self-consistency experiments with PS+ use a temperature of 0.7 and N = {} sampled reasoning paths."
    assert _verify(claim.format("10"), idx).verdict == Verdict.SUPPORTED
    wrong = _verify(claim.format("20"), idx)
    assert wrong.verdict == Verdict.CONTRADICTED and "10 for the N" in wrong.reason


def test_a_sentence_stating_the_claims_result_gives_its_count_of_steps() -> None:
    idx = _index(["We trained the base Transformer models for a total of 100,000 steps or 12 hours.",
                  "The big models were trained for 300,000 steps (3.5 days).",
                  "Training took 3.5 days on 8 P100 GPUs."], title="Attention Is All You Need")
    claim = "The big Transformer was trained for {} steps, which took about 3.5 days on eight P100 GPUs."
    _refuted_and_borne_out(idx, claim, "500,000", "300,000", shown="300,000 steps")


def test_each_number_owns_the_name_its_with_gives_before_it() -> None:
    sentence = ("Models trained with Evol-Instruct see a 10% improvement, with ShareGPT an 8% improvement, and with "
                "OpenPlatypus an 8% improvement.")
    ms = text_mentions("p", 1, sentence)
    assert "sharegpt" in ms[1].strong_terms and "sharegpt" in ms[0].excluded_terms
    idx = _index(["NEFTune adds noise to the embedding vectors during training.", "We evaluate on AlpacaEval.", sentence],
                 title="NEFTune: Noisy Embeddings Improve Instruction Finetuning")
    claim = "NEFTune lifts the ShareGPT-trained model by {} on AlpacaEval."
    _refuted_and_borne_out(idx, claim, "10%", "8%")


def test_a_gap_in_points_is_not_taken_between_memory_sizes_and_a_bound_holds_for_larger_gaps() -> None:
    idx = _index(["Our smallest Guanaco model (7B parameters) requires just 5 GB of memory and outperforms a 26 GB "
                  "Alpaca model by more than 20 percentage points on the Vicuna benchmark."],
                 title="QLoRA: Efficient Finetuning of Quantized LLMs")
    got = _verify("The smallest 7B Guanaco model needs only 5 GB of memory yet beats a 26 GB Alpaca model by more than "
                  "20 percentage points on the Vicuna benchmark.", idx)
    assert got.verdict == Verdict.SUPPORTED


def test_a_sentence_saying_both_with_and_without_a_validation_set_is_no_flip() -> None:
    idx = _index(["We merge fully finetuned ViT models.",
                  "Notably, TIES-Merging without validation outperforms Task Arithmetic with validation by 2.3% and "
                  "1.5% for ViT-B/32 and ViT-L/14."], title="TIES-Merging: Resolving Interference When Merging Models")
    got = _verify("Even without a validation set, TIES-Merging beats Task Arithmetic by 2.3 points for ViT-B/32.", idx)
    assert got.verdict == Verdict.SUPPORTED


def test_a_footnote_marker_glued_to_a_percentage_leaves_the_percentage() -> None:
    ms = text_mentions("p", 3, "Our system achieved a rating of 1238 which is within the top 28%4 of users in the last 6 months.")
    assert "28%" in [m.text for m in ms] and 4.0 not in [m.value for m in ms]


def test_one_sentence_stating_all_the_claims_numbers_outweighs_another_in_its_words() -> None:
    idx = _index(["AlphaCode ranked in the top 54.3% among contest participants averaged over 10 contests, and "
                  "achieved an estimated average rating of 1238.",
                  "We estimate that our system has achieved a Codeforces rating of 1238 which is within the top 28% "
                  "of users who have participated in a contest in the last 6 months."],
                 title="Competition-Level Code Generation with AlphaCode")
    got = _verify("AlphaCode's estimated Codeforces rating of 1238 places it in the top 28% of users who competed in "
                  "the previous six months.", idx)
    assert got.verdict == Verdict.SUPPORTED


def test_a_memory_unit_glued_to_its_number_is_the_unit_a_claim_writes_apart() -> None:
    idx = _index(["On GPT-3 175B, we reduce the VRAM consumption during training from 1.2TB to 350GB."],
                 title="LoRA: Low-Rank Adaptation of Large Language Models")
    got = _verify("For GPT-3 175B, LoRA shrinks training-time VRAM use from 1.2 TB to 350 GB.", idx)
    assert got.verdict == Verdict.SUPPORTED


def test_each_number_owns_the_metric_printed_right_after_it() -> None:
    sentence = ("Finally, we benchmark Codex against the largest free model from Tabnine, which achieves 2.6% pass@1 "
                "(at T = 0.4) and 7.6% pass@100 (at T = 0.8).")
    ms = {m.value: m for m in text_mentions("p", 6, sentence)}
    assert "pass@100" in ms[7.6].strong_terms and "pass@1" in ms[7.6].excluded_terms
    idx = _index(["We evaluate on HumanEval.", sentence], title="Evaluating Large Language Models Trained on Code")
    claim = "The largest free Tabnine model reaches {} pass@1 on HumanEval."
    _refuted_and_borne_out(idx, claim, "7.6%", "2.6%")


def test_a_count_the_sentence_gives_to_another_clause_takes_the_claims_words_there() -> None:
    idx = _index(["To measure the inter-annotator agreement, we use Cohen's Kappa.",
                  "Our inter-annotator agreement is 0.630 for the false claim verification task (872 claims in total) "
                  "and 0.719 for the NEI claim verification task (900 claims in total)."],
                 title="SciTab: A Challenging Benchmark for Compositional Reasoning and Claim Verification")
    claim = "SciTab's inter-annotator agreement (Cohen's kappa) was {} for verifying the 872 false claims."
    _refuted_and_borne_out(idx, claim, "0.719", "0.630", shown="0.630")


def test_a_benchmark_named_like_a_common_word_is_unsaid_when_the_paper_never_writes_it_so() -> None:
    idx = _index(["Chain-of-thought prompting with PaLM 540B reaches 56.9% on GSM8K.",
                  "Without the exemplars there is a drop of 71.2 points in F1 on GSM8K."])
    got = _verify("Chain-of-thought prompting lifts PaLM 540B to an F1 of 71.2 on the DROP reading-comprehension benchmark.", idx)
    assert got.verdict == Verdict.NOT_FOUND and "DROP" in got.reason


_SAMPLES = [
    "We compare the number of samples each table reasoning method generates.",
    "Notably, Chain-of-Table generates the fewest samples among the baselines – 50% less than Binder and 75% less "
    "than Dater.",
]


def test_each_number_owns_the_name_after_its_than() -> None:
    idx = _index(_SAMPLES, title="Chain-of-Table: Evolving Tables in the Reasoning Chain")
    right = _verify("Chain-of-Table needs the fewest samples: 50% fewer than Binder and 75% fewer than Dater.", idx)
    assert right.verdict == Verdict.SUPPORTED and "50%" in right.reason and "75%" in right.reason


def test_a_sentence_giving_the_claimed_number_to_another_model_refutes_it_over_a_loose_cell() -> None:
    from tests.helpers.tables import table_at
    from verifier.index import table_cells

    header = ["Model", "GSM8K", "TAB"]
    rows = [["Rho-1-Math 1B", "40.1", "55.2"], ["Rho-1-Math 7B", "66.9", "70.1"]]
    t = table_at(0, "Table 2", "Table 2: Few-shot results of tool-integrated reasoning.", header, rows, page=5)
    text = [(6, "We continue pretraining on 15B tokens of math text."),
            (6, "Regarding the token selection ratio, we use 60% for the Tinyllama-1.1B model and 70% for the "
                "Mistral-7B model.")]
    idx = build_index("p", "p.pdf", text, table_cells(t, 0), title="Rho-1: Not All Tokens Are What You Need")
    got = _verify("Rho-1 trains Tinyllama-1.1B on the top 70% of tokens ranked by excess loss.", idx)
    assert got.verdict == Verdict.CONTRADICTED and "60%" in got.reason
    assert _verify("Rho-1 trains Tinyllama-1.1B on the top 60% of tokens ranked by excess loss.", idx).verdict == Verdict.SUPPORTED


def test_our_validation_set_is_the_dataset_the_paper_builds() -> None:
    text = ["Table 1 | Statistics of our CodeContests dataset.",
            "We fine-tuned our model on our CodeContests dataset.",
            "With one hundred thousand samples, we solve 31.8% of problems in our validation set, and 29.6% of "
            "problems in our test set."]
    # (The numbers come first: a sentence right after one naming the dataset takes it anyway.)
    idx = _index(text[2:] + text[:2], title="Competition-Level Code Generation with AlphaCode")
    assert all("codecontests" in m.terms for m in idx.mentions if m.value in {31.8, 29.6})
    # Said once, "our X dataset" may be another's dataset the paper uses: it stands for no split.
    once = _index([text[2], text[1]], title="Competition-Level Code Generation with AlphaCode")
    assert not any("codecontests" in m.terms for m in once.mentions)


def test_the_sentence_that_gives_the_number_to_another_case_gives_the_claims_case_its_own() -> None:
    idx = _index(["Using QLoRA, we train the Guanaco family of models, with the second best model reaching 97.8% of "
                  "the performance level of ChatGPT on the Vicuna benchmark, while being trainable in less than 12 "
                  "hours on a single consumer GPU; using a single professional GPU over 24 hours we achieve 99.3% with "
                  "our largest model."], title="QLoRA: Efficient Finetuning of Quantized LLMs")
    got = _verify("The second-best Guanaco model reaches 99.3% of ChatGPT's Vicuna-benchmark performance after less "
                  "than 12 hours of finetuning on one consumer GPU.", idx)
    assert got.verdict == Verdict.CONTRADICTED and "97.8%" in got.reason
    idx = _index(["Compared with the few-shot methods, Manual CoT and Auto-CoT, PS+ prompting yields an average "
                  "accuracy (76.7%) slightly lower than Manual-CoT (77.6%) but higher than Auto-CoT (75.9%)."],
                 title="Plan-and-Solve Prompting")
    got = _verify("Zero-shot PS+ averages 77.6% across the arithmetic datasets, above few-shot Auto-CoT.", idx)
    assert got.verdict == Verdict.CONTRADICTED and "76.7%" in got.reason
    assert _verify("Zero-shot PS+ averages 76.7% across the arithmetic datasets, above few-shot Auto-CoT.",
                   idx).verdict == Verdict.SUPPORTED


_EXEMPLARS = [
    "On last-letter concatenation with lists of length 4, least-to-most prompting reaches 94.0% accuracy.",
    "As shown in Table 13, for lists with length 12, chain-of-thought prompting achieves an accuracy of 37.4% with "
    "4 independent exemplars, and 38.4% with 8 independent exemplars.",
]


def test_a_count_nearer_another_result_of_the_sentence_is_that_results() -> None:
    idx = _index(_EXEMPLARS, title="Least-to-Most Prompting Enables Complex Reasoning in Large Language Models")
    claim = "For 12-word lists in last-letter concatenation, chain-of-thought prompting with {} reaches 37.4% accuracy."
    got = _verify(claim.format("8 independent exemplars"), idx)
    assert got.verdict == Verdict.CONTRADICTED and "with 4" in got.reason
    # (The sentence leaves the task to the one before, so the right count is not found, never refuted.)
    assert _verify(claim.format("4 independent exemplars"), idx).verdict != Verdict.CONTRADICTED


_AGREEMENT = [
    "We measure agreement between two annotators on a sample of the SciTab claims with Cohen's kappa.",
    "Our inter-annotator agreement is 0.630 for the false claim verification task (872 claims in total) and 0.719 "
    "for the NEI claim verification task (900 claims in total).",
]


def test_a_number_whose_clause_lacks_the_claims_words_while_the_others_has_them_is_the_others() -> None:
    idx = _index(_AGREEMENT, title="SciTab: A Challenging Benchmark for Compositional Reasoning and Claim Verification")
    claim = "SciTab reports a Cohen's kappa of {} for the annotation of false (refuted) claims."
    _refuted_and_borne_out(idx, claim, "0.719", "0.630", "0.630")


def test_a_family_name_the_paper_gives_the_claims_model_elsewhere_does_not_hide_its_number() -> None:
    idx = build_index("p", "paper.pdf", [
        (6, "We employ two variants of the CLIP model with ViT-B/32 and ViT-L/14 models as visual encoders."),
        (7, "We merge eight image classification tasks."),
        (7, "We report the average accuracy over all tasks."),
        (7, "Merging needs no extra training."),
        (8, "In the absence of a validation set, TIES-Merging improves by 6.6% and 2.7% over other methods for "
            "ViT-B/32 and ViT-L/14, respectively.")], [], title="TIES-Merging: Resolving Interference When Merging Models")
    claim = "Without a validation set, TIES-Merging improves on the other merging methods by {} for the CLIP ViT-L/14 encoders."
    _refuted_and_borne_out(idx, claim, "6.6%", "2.7%", "2.7%")


def test_a_respectively_list_pairs_the_claims_own_name_with_its_number() -> None:
    # ("our" stands for InstructGPT, which the abstract names, so the sentence says it twice.)
    idx = build_index("p", "paper.pdf", [(3, "On closed-domain tasks from our API prompt distribution (e.g. "
                                              "summarization), InstructGPT models make up information not present in "
                                              "the input about half as often as GPT-3 (a 21% vs. 41% hallucination "
                                              "rate, respectively).")], [],
                      page_texts=["We then use this data to fine-tune GPT-3. We call the resulting models InstructGPT."],
                      title="Training language models to follow instructions with human feedback")
    assert idx.own == {"instructgpt"}
    claim = "On closed-domain tasks such as summarization, InstructGPT hallucinates information absent from the input {} of the time."
    _refuted_and_borne_out(idx, claim, "41%", "21%", "21%")


def test_a_bare_size_in_a_list_of_names_is_the_first_models_size() -> None:
    sent = ("After fine-tuning, Rho-1-1B and 7B achieved state-of-the-art results of 40.6% and 51.8% on MATH dataset, "
            "respectively, matching DeepSeekMath with only 3% of the pretraining tokens.")
    ms = {m.value: m for m in text_mentions("p", 1, sent)}
    assert "rho17b" in ms[51.8].strong_terms and "rho17b" in ms[40.6].excluded_terms
    assert not ms[3.0].strong_terms  # the lone number after the list is no item's
    idx = _index(["We evaluate the math reasoning of our models after fine-tuning.", sent],
                 title="Rho-1: Not All Tokens Are What You Need")
    _refuted_and_borne_out(idx, "After fine-tuning, Rho-1-7B reaches {} on the MATH dataset.", "40.6%", "51.8%", "51.8%")


def test_each_factor_owns_what_its_by_changes() -> None:
    sent = ("Compared to GPT-3 175B fine-tuned with Adam, LoRA can reduce the number of trainable parameters by 10,000 "
            "times and the GPU memory requirement by 3 times.")
    ms = {m.value: m for m in text_mentions("p", 1, sent)}
    assert "memory" in ms[3.0].strong_terms and "memory" in ms[10000.0].excluded_terms
    idx = _index(["We propose Low-Rank Adaptation, or LoRA, which freezes the pretrained model weights.", sent],
                 title="LoRA: Low-Rank Adaptation of Large Language Models")
    claim = "Compared with fine-tuning GPT-3 175B using Adam, LoRA lowers the GPU memory requirement by {} times."
    _refuted_and_borne_out(idx, claim, "10,000", "3", "gives 3")


def test_a_count_of_accelerators_is_not_a_per_accelerator_number() -> None:
    idx = _index(["For timing experiments we use 8 TPUs with the largest batch size that fits up to 32 per TPU."],
                 title="GQA: Training Generalized Multi-Query Transformer Models from Multi-Head Checkpoints")
    claim = "For the GQA timing measurements, the authors ran on {} TPUs, using the largest batch size that fit."
    _refuted_and_borne_out(idx, claim, "32", "8", "8")


def test_a_result_framed_by_a_count_the_sentence_leaves_unsaid_takes_all_the_claims_words() -> None:
    idx = _index(["We randomly sample 60 refuted claims of SciTab and analyse why they are refuted.",
                  "For example, 33.33% of the refuted claims contain \u201cincorrect approximation words\u201d, and 10.0% "
                  "are cases where \u201cthe claim is partially right\u201d."],
                 title="SciTab: A Challenging Benchmark for Compositional Reasoning and Claim Verification")
    claim = "Among 60 randomly sampled refuted SciTab claims, {} turn out to be partially right."
    _refuted_and_borne_out(idx, claim, "33.33%", "10.0%", "10.0%")


def test_the_previous_state_of_the_art_is_the_prior_one() -> None:
    idx = _index(["PaLM 540B outperforms the prior state of the art on StrategyQA by 6.2 points."])
    assert _verify("PaLM 540B beats the previous state of the art on StrategyQA by 6.2 points.", idx).verdict == Verdict.SUPPORTED


def test_a_number_the_sentence_gives_the_second_best_is_not_the_largest_models() -> None:
    idx = _index(["Using QLoRA, we train the Guanaco family of models, with the second best model reaching 97.8% of "
                  "the performance level of ChatGPT on the Vicuna benchmark, while being trainable in less than 12 "
                  "hours on a single consumer GPU; using a single professional GPU over 24 hours we achieve 99.3% with "
                  "our largest model, essentially closing the gap to ChatGPT on the Vicuna benchmark."], title="QLoRA: Efficient Finetuning of Quantized LLMs")
    claim = "The largest Guanaco model, finetuned with QLoRA, attains {} of ChatGPT's performance level on the Vicuna benchmark."
    _refuted_and_borne_out(idx, claim, "97.8%", "99.3%", "99.3%")


def test_a_participle_before_the_compared_name_is_not_part_of_it() -> None:
    idx = _index(["Notably, TIES-Merging without validation outperforms Task Arithmetic with validation by 2.3% and "
                  "1.5% for ViT-B/32 and ViT-L/14, respectively."],
                 title="TIES-Merging: Resolving Interference When Merging Models")
    claim = "Even without a validation set, TIES-Merging of ViT-L/14 models beats validated Task Arithmetic by {}."
    _refuted_and_borne_out(idx, claim, "2.3%", "1.5%", "1.5%")


def test_a_number_listed_after_a_change_is_a_change_too() -> None:
    idx = _index(["In the absence of a validation set, TIES-Merging improves by 6.6% and 2.7% over other methods for "
                  "ViT-B/32 and ViT-L/14, respectively."], title="TIES-Merging: Resolving Interference When Merging Models")
    claim = "Without a validation set, TIES-Merging improves on other merging methods by 6.6% for ViT-B/32 and {} for ViT-L/14."
    _refuted_and_borne_out(idx, claim, "6.6%", "2.7%", "2.7%")


def test_words_any_clause_of_a_rate_says_do_not_keep_the_number_in_its_clause() -> None:
    idx = _index(["Despite the complexity of the task, we find that inter-annotator agreement rates are quite high: "
                  "training labelers agree with each-other 72.6 \u00b1 1.5% of the time, while for held-out labelers "
                  "this number is 77.3 \u00b1 1.3%."], title="Training language models to follow instructions with human feedback")
    got = _verify("The held-out labelers in the study agreed with each other 72.6% of the time.", idx)
    assert got.verdict == Verdict.CONTRADICTED and "77.3" in got.reason


def test_a_bare_decimal_share_in_brackets_after_a_name_is_that_names() -> None:
    sent = ("On Last Letters, our Zero-shot PS+ prompting (75.2%) outperforms Manual-CoT (70.6%) and Zero-shot-CoT "
            "(65.2%).")
    ms = {m.value: m for m in text_mentions("p", 6, sent)}
    assert "manualcot" in ms[70.6].strong_terms and "manualcot" in ms[65.2].excluded_terms
    assert "zeroshotcot" in ms[65.2].strong_terms and "psplus" in ms[75.2].strong_terms


def test_a_list_item_named_by_its_last_word_is_the_claims_whole_name() -> None:
    idx = _index(["The improvements are most pronounced on ANLI, where Distilling step-by-step outperforms standard "
                  "finetuning and distillation by an average of 8% and 13% on task accuracy respectively."],
                 title="Distilling Step-by-Step! Outperforming Larger Language Models with Less Training Data")
    claim = "On ANLI, Distilling step-by-step improves on standard finetuning by an average of {} task accuracy."
    _refuted_and_borne_out(idx, claim, "13%", "8%", "8%")


def test_a_for_phrase_ends_where_the_next_number_of_a_range_begins() -> None:
    sent = ("For instance, for the coin flip task, the performance varied from 99.6% for Annotator A to 71.4% for "
            "Annotator C, though both were above standard prompting = 50.0% (see Table 7).")
    ms = {m.value: m for m in text_mentions("p", 18, sent)}
    assert "annotatorc" in ms[99.6].excluded_terms and "annotatorc" in ms[71.4].strong_terms
    idx = _index(["We test robustness to the annotator who wrote the chain-of-thought exemplars.", sent])
    claim = "In the robustness study on coin flip, the chain-of-thought exemplars written by Annotator C yielded {} accuracy."
    _refuted_and_borne_out(idx, claim, "99.6%", "71.4%", "71.4%")


_ABLATION = ("Specifically, scaling and the disjoint mean emerge as the most crucial, causing performance declines of "
             "2.5% and 1.9% in T5-base, and 5.2% and 3.2% in (IA)3, respectively.")


def test_runs_of_numbers_pair_item_by_item_with_the_list_before_them() -> None:
    ms = {m.value: m for m in text_mentions("p", 10, _ABLATION)}
    assert {"scaling", "t5base"} <= ms[2.5].strong_terms and "disjoint" in ms[2.5].excluded_terms
    assert {"disjoint", "ia3"} <= ms[3.2].strong_terms and {"scaling", "t5base"} <= ms[3.2].excluded_terms
    idx = _index(["We ablate each step of TIES-Merging.", _ABLATION],
                 title="TIES-Merging: Resolving Interference When Merging Models")
    got = _verify("In the TIES-Merging ablation on T5-base, removing the disjoint mean step lowers performance by 2.5%.", idx)
    assert got.verdict == Verdict.CONTRADICTED and "1.9%" in got.reason


_FOOTPRINT = [
    "We compare the memory footprint of the chatbots.",
    "Guanaco 33B has more parameters than the Vicuna 13B model, but uses only 4-bit precision for its weights and "
    "is thus much more memory efficient at 21 GB vs 26 GB, providing a three percentage points of improvement over "
    "Vicuna 13B.",
]


def test_two_sized_models_own_a_vs_pair_in_the_order_they_are_named() -> None:
    idx = _index(_FOOTPRINT, title="QLoRA: Efficient Finetuning of Quantized LLMs")
    _refuted_and_borne_out(idx, "Stored in 4-bit precision, Guanaco 33B occupies {} GB of memory.", "26", "21", "21")
    assert _verify("Vicuna 13B occupies 26 GB of memory.", idx).verdict == Verdict.SUPPORTED


_MATH = [
    "We continually pretrain Rho-1 on 15B tokens of OpenWebMath.",
    "After fine-tuning, Rho-1-1B and 7B achieved state-of-the-art results of 40.6% and 51.8% on MATH dataset, "
    "respectively \u2014 matching DeepSeekMath with only 3% of the pretraining tokens.",
]


def test_one_sentence_stating_all_numbers_does_not_lend_a_name_it_takes_from_one() -> None:
    idx = _index(_MATH, title="Rho-1: Not All Tokens Are What You Need")
    claim = ("After fine-tuning, Rho-1-7B reaches {} on the MATH dataset, matching DeepSeekMath with only 3% of the "
             "pretraining tokens.")
    _refuted_and_borne_out(idx, claim, "40.6%", "51.8%", "51.8%")


_GAINS = [
    "Models trained with Evol-Instruct see a 10% improvement, with ShareGPT an 8% improvement, and with "
    "OpenPlatypus an 8% improvement.",
]


def test_a_percentage_a_verb_gains_is_a_change_not_a_tables_level() -> None:
    from tests.helpers.tables import table_at, tables_index
    table = table_at(8, "Table 8", "Table 8: Noise scale alpha used for each model and dataset.",
                     ["Model", "Alpaca", "ShareGPT", "Evol-Instruct"], [["LLaMA-1 7B", "5", "10", "15"]])
    idx = tables_index(table, text=[(1, s) for s in _GAINS], title="NEFTune: Noisy Embeddings Improve Instruction Finetuning")
    # The hyperparameter table's 10 is no gain; the abstract gives ShareGPT's gain as 8%.
    got = _verify("According to the NEFTune abstract, models trained on ShareGPT gain 10% from noisy embeddings.", idx)
    assert got.verdict == Verdict.CONTRADICTED and "8%" in got.reason


_FOOTNOTE = [
    "We use PaLM 2 and GPT 3.5 as the backbone LLMs.",
    "Dater Ye et al. (2023) with OpenAI Codex LLM achieves 65.9% and 85.6% accuracy on WikiTQ and TabFact, respectively.",
]


def test_a_negation_in_another_clause_does_not_deny_the_number() -> None:
    idx = _index(_FOOTNOTE, title="Chain-of-Table: Evolving Tables in the Reasoning Chain")
    kept = ("The Chain-of-Table paper notes that Dater run with OpenAI Codex reaches 65.9% accuracy on WikiTQ, a result it "
            "does not compare against because Codex is no longer available.")
    assert _verify(kept, idx).verdict == Verdict.SUPPORTED
    assert _verify("Dater run with OpenAI Codex does not reach 65.9% accuracy on WikiTQ.", idx).verdict == Verdict.CONTRADICTED
    # A negation before the number still denies it, whatever commas stand between.
    denied = "Dater run with OpenAI Codex does not, according to the paper, reach 65.9% accuracy on WikiTQ."
    assert _verify(denied, idx).verdict == Verdict.CONTRADICTED


def _rho1_setup():  # noqa: ANN202 - SourceIndex
    """The Rho-1 paper's pretraining-setting paragraph: two models, two token counts, three durations."""
    return _index(["For math pretraining, we continue pretraining on the Tinyllama-1.1B model and the Mistral-7B model "
                   "with learning rates of 8e-5 and 2e-5, respectively.",
                   "For the 1.1B model, we conducted our training on 32 \u00d7 H100 80G GPUs.",
                   "This configuration allowed us to train approximately 15 billion tokens in around 3.5 hours and "
                   "50 billion tokens in about 12 hours.",
                   "In the case of the 7B model, training the same 15 billion tokens took approximately 18 hours under "
                   "similar hardware conditions."], title="Rho-1: Not All Tokens Are What You Need")


def test_two_set_up_numbers_from_parallel_clauses_of_one_sentence() -> None:
    idx = _rho1_setup()
    claim = "On 32 H100 GPUs, continually pretraining the 1.1B model on {} billion tokens took about {} hours."
    wrong = _verify(claim.format("15", "12"), idx)
    assert wrong.verdict == Verdict.CONTRADICTED and "3.5 hours" in wrong.reason
    for right in (("15", "3.5"), ("50", "12")):
        assert _verify(claim.format(*right), idx).verdict == Verdict.SUPPORTED, right


def test_a_contrasting_clause_keeps_its_own_size_for_a_duration() -> None:
    idx = _rho1_setup()
    claim = ("On 32 H100 80G GPUs, Rho-1's math continual pretraining of the 1.1B model covers 15B tokens in about "
             "3.5 hours, whereas the 7B model needs about {} hours for the same tokens.")
    # The 12 hours of the 1.1B model's sentence is no 7B model's time.
    assert _verify(claim.format("18"), idx).verdict == Verdict.SUPPORTED


_TRIALS = [
    "We compare ReAct with Act and BUTLER on ALFWorld.",
    "On ALFWorld, the best ReAct trial achieves an average success rate of 71%, significantly outperforming "
    "the best Act (45%) and BUTLER (37%) trials.",
]


def test_names_with_bracketed_whole_percentages_do_not_own_the_sentences_other_number() -> None:
    ms = {m.value: m for m in text_mentions("p", 3, _TRIALS[1])}
    assert {"act", "butler"} <= ms[71.0].excluded_terms and "react" in ms[71.0].terms
    table = table_at(0, "Table 3", "Table 3: AlfWorld task-specific success rates (%).", ["Method", "Pick", "All"],
                     [["Act (best of 6)", "88", "45"], ["ReAct (best of 6)", "92", "71"], ["BUTLER (best of 8)", "46", "37"]])
    idx = tables_index(table, text=[(8, s) for s in _TRIALS], title="ReAct: Synergizing Reasoning and Acting in Language Models")
    assert _verify("On ALFWorld, the best Act trial attains an average success rate of 71%.", idx).verdict == Verdict.CONTRADICTED
    assert _verify("On ALFWorld, the best ReAct trial attains an average success rate of 71%.", idx).verdict == Verdict.SUPPORTED


_HUMAN_STUDY = [
    "As a sanity check, we run a small scale human study on a subsample of 140 instructions from AlpacaEval, "
    "comparing a LLaMA-2 model finetuned on Alpaca data with NEFT and another one trained without NEFT.",
    "Human annotators preferred NEFT in 88 instances, and 22 instances were a draw.",
    "This corresponds to a 74.6% win score for NEFT using the AlpacaEval formula (88/(140 - 22)).",
]


def test_a_sentence_stating_the_claims_counts_is_its_source_over_a_cell_naming_more() -> None:
    table = table_at(0, "Table 1", "Table 1: AlpacaEval Win Rate versus Text-Davinci-003 for LLaMA-2 7B models.",
                     ["Model", "Alpaca", "Evol-Instruct"], [["LLaMA-2 7B", "29.79", "70.34"], ["LLaMA-2 7B +NEFT", "64.69", "79.60"]])
    idx = tables_index(table, text=[(9, s) for s in _HUMAN_STUDY], title="NEFTune: Noisy Embeddings Improve Instruction Finetuning")
    claim = ("In a human evaluation on 140 AlpacaEval instructions, annotators preferred the NEFTune-trained LLaMA-2 "
             "model in {} cases, a 74.6% win score.")
    assert _verify(claim.format(88), idx).verdict == Verdict.SUPPORTED
    assert _verify(claim.format(90), idx).verdict != Verdict.SUPPORTED  # the counts must be the sentence's


_EXCEPT = [
    "We evaluate Zero-shot PS+ prompting against Zero-shot CoT on six math reasoning datasets.",
    "Specifically, PS+ prompting improves the accuracy over Zero-shot CoT by at least 5% for all datasets except "
    "GSM8K which sees a 2.9% improvement.",
]


def test_the_name_before_which_sees_owns_the_number_after_it() -> None:
    ms = {m.value: m for m in text_mentions("p", 5, _EXCEPT[1])}
    assert "gsm8k" in ms[2.9].strong_terms
    idx = _index(_EXCEPT, title="Plan-and-Solve Prompting")
    _refuted_and_borne_out(idx, "Zero-shot PS+ prompting improves accuracy over Zero-shot-CoT on GSM8K by {}.", "4.6%", "2.9%")
