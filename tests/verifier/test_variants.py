"""Which variant of a table a claim means: the length column of a length-generalisation table, the
rows a table marks with a dagger, the paper's own system under a short form, a quoted variant name,
and numbers in measured units (seconds, GB) that are never fractions of a percentage."""

from __future__ import annotations

import pytest

from tests.helpers.tables import table_at, tables_index
from verifier.extract import claim_from_text, find_quantities
from verifier.index import build_index
from verifier.terms import claim_terms
from verifier.types import Mention, Quantity, Verdict
from verifier.plausible import plausible_value
from verifier.verify import verify_claim

def prose(page: int, sents: list[str]):  # noqa: ANN201 - SourceIndex
    """An index of sentences on one page, no tables."""
    return build_index("p", "p.pdf", [(page, s) for s in sents], [])


def refuted_by(idx, claim: str, true_value: str) -> bool:  # noqa: ANN001 - SourceIndex
    """Whether the claim is contradicted, with the source's true value in the reason."""
    res = verify_claim(claim, [idx])
    return res.verdict == Verdict.CONTRADICTED and true_value in res.reason


def supported(idx, claim: str) -> bool:  # noqa: ANN001 - SourceIndex
    return verify_claim(claim, [idx]).verdict == Verdict.SUPPORTED


LENGTHS = table_at(4, "Table 4", "Table 4: Accuracy of prompting methods on last-letter concatenation.",
                   ["Method", "L = 4", "L = 6", "L = 8", "L = 10", "L = 12"],
                   [["Chain-of-Thought", "84.2", "69.2", "50.2", "39.8", "31.8"],
                    ["Least-to-Most", "94.0", "88.4", "83.0", "76.4", "74.0"]])


@pytest.mark.parametrize("text, keys", [
    ("for lists of 12 words", {"len:12"}),
    ("with 12-word lists", {"len:12"}),
    ("on lists of length 12", {"len:12"}),
    ("with four coin flips", {"len:4"}),
    ("the L = 12 column", {"len:12"}),
    ("at least 5 words", set()),  # a bound, not a length
    ("an average length of 9.6 words", set()),  # a statistic
    ("summaries of 100 words", set()),  # no length-generalisation length
])
def test_lengths_said_in_words(text: str, keys: set[str]) -> None:
    from verifier.normalize import length_keys

    assert length_keys(text) == keys


def test_the_length_picks_the_column() -> None:
    idx = tables_index(LENGTHS)
    ok = verify_claim("Least-to-most prompting reaches 74.0% on last-letter concatenation with lists of 12 words.", [idx])
    assert ok.verdict == Verdict.SUPPORTED and ok.evidence.column == "L = 12"
    # Another length's number, and a number the table never prints, are refuted by the L = 12 cell.
    for claim in ("On last-letter concatenation with 12-word lists, least-to-most prompting achieves 83.0% accuracy.",
                  "On last-letter concatenation with 12-word lists, least-to-most prompting achieves 79.0% accuracy."):
        bad = verify_claim(claim, [idx])
        assert bad.verdict == Verdict.CONTRADICTED and "74.0" in bad.reason, claim


def test_a_length_header_over_two_columns() -> None:
    # "OOD: 4" spans the standard and chain-of-thought columns; the parser gives the number to one.
    table = table_at(5, "Table 5", "Table 5: Length generalisation on coin flip.",
                     ["Model", "Coin Flip 2 CoT", "Coin Flip 4 standard", "Coin Flip 4 CoT"],
                     [["LaMDA 137B", "99.6", "49.1", "74.5"]])
    idx = tables_index(table)
    good = "With four flips, LaMDA 137B with chain-of-thought prompting reaches 74.5% on coin flip."
    assert verify_claim(good, [idx]).verdict == Verdict.SUPPORTED
    assert verify_claim(good.replace("74.5", "99.6"), [idx]).verdict == Verdict.CONTRADICTED


DAGGER = table_at(2, "Table 2", "Table 2: GLUE results. \u2020 indicates runs configured in a setup similar to Houlsby et al.",
                  ["Model", "MRPC", "RTE"],
                  [["RoBERTa-large (LoRA)", "90.9", "87.4"], ["RoBERTa-large (LoRA)\u2020", "90.2", "85.2"]])


def test_a_dagger_claim_reads_the_dagger_row() -> None:
    idx = tables_index(DAGGER)
    bad = verify_claim("In the restricted setup (\u2020), LoRA on RoBERTa-large reaches 87.4% accuracy on RTE.", [idx])
    assert bad.verdict == Verdict.CONTRADICTED and "85.2" in bad.reason
    ok = verify_claim("In the runs marked with a dagger, LoRA on RoBERTa-large reaches 85.2% accuracy on RTE.", [idx])
    assert ok.verdict == Verdict.SUPPORTED
    # Without the dagger the plain row stands.
    assert verify_claim("LoRA on RoBERTa-large reaches 87.4% accuracy on RTE.", [idx]).verdict == Verdict.SUPPORTED


def test_the_papers_short_form_in_a_table_row() -> None:
    table = table_at(2, "Table 2", "Table 2: AlpacaEval win rate after further finetuning.",
                     ["Dataset", "LLaMA-2 (7B)", "LLaMA-2-Chat (7B)", "LLaMA-2 (13B)"],
                     [["Evol-Instruct", "70.34", "74.44", "72.61"], ["Evol-Instruct +NEFT", "79.60", "81.74", "82.04"]])
    title = "NEFTune: Noisy Embeddings Improve Instruction Finetuning"
    claim = "Finetuning LLaMA-2-Chat (7B) on Evol-Instruct with NEFTune gives an AlpacaEval win rate of 82.04%."
    res = verify_claim(claim, [tables_index(table, title=title)])
    assert res.verdict == Verdict.CONTRADICTED and "81.74" in res.reason
    assert verify_claim(claim.replace("82.04", "81.74"), [tables_index(table, title=title)]).verdict == Verdict.SUPPORTED


def test_a_quoted_variant_name_must_be_found() -> None:
    table = table_at(6, "Table 6", "Table 6: Ablation study for LaMDA 137B on GSM8K.",
                     ["Prompting", "GSM8K"], [["Chain of thought", "14.3"], ["equation only", "5.4"]])
    text = [(27, "Chain-of-thought prompting for LaMDA 137B on GSM8K went up from 14.3% to 17.3% with a calculator.")]
    idx = tables_index(table, text=text)
    res = verify_claim("For LaMDA 137B, the 'equation only' prompt solves 14.3% of GSM8K problems.", [idx])
    assert res.verdict == Verdict.CONTRADICTED and "5.4" in res.reason
    assert claim_from_text("The 'equation only' prompt solves 5.4%.").subjects == ("equation only",)


def test_measured_units() -> None:
    qs = find_quantities("GQA-8-XXL needs 1.23 s less inference time per sample than MHA-XXL (0.28 s vs 1.51 s).")
    assert [(q.text, q.role, q.unit) for q in qs] == [("1.23", "diff", "u"), ("0.28", "value", "u"), ("1.51", "value", "u")]
    assert [q.unit for q in find_quantities("about 5 GB of memory, from 54 million repositories at 43.1 tokens/s")] == ["u", "u", "u"]
    cell = lambda v, d, u="": Mention(paper_id="p", page=1, value=v, text=str(v), decimals=d, unit=u, kind="cell", quote="")  # noqa: E731
    secs = Quantity(value=0.4, text="0.4", decimals=1, unit="u", start=0, end=3)
    assert not plausible_value(secs, cell(27.3, 1))  # no 40% reading of 0.4 seconds
    assert not plausible_value(Quantity(value=54.0, text="54", decimals=0, unit="u", start=0, end=2), cell(8, 0, "%"))
    assert not plausible_value(Quantity(value=32000.0, text="32,000", decimals=0, start=0, end=6), cell(0.0, 1))


def test_a_time_gap_between_two_table_cells() -> None:
    table = table_at(1, "Table 1", "Table 1: Inference time and quality of uptrained models.",
                     ["Model", "Tinfer (s)", "BLEU"], [["MHA-XXL", "1.51", "28.4"], ["GQA-8-XXL", "0.28", "28.4"]])
    idx = tables_index(table)
    claim = "GQA-8-XXL needs 1.23 s less inference time per sample than MHA-XXL (0.28 s vs 1.51 s)."
    assert verify_claim(claim, [idx]).verdict == Verdict.SUPPORTED


def test_seconds_are_read_with_their_unit() -> None:
    from verifier.checks import candidates

    sents = ["Each encoder layer has 1 residual dropout.", "For our base models, each training step took about 1.0 seconds."]
    idx = prose(7, sents)
    q = claim_from_text("Each training step of the base models took about 1.0 seconds.").quantities[0]
    # Prose writes a time with its unit: the bare "1" of another sentence is no second.
    assert [m.quote for m, _ in candidates(idx, q, allow_delta=False)] == [sents[1]]


def test_an_amount_restated_nearby_is_no_count() -> None:
    idx = prose(2, ["The smallest model requires just 5 GB of memory.",
                    "Double Quantization saves an average of about 0.37 bits per parameter (approximately 3 GB for a 65B model)."])
    claim = "Double Quantization saves roughly 0.37 bits per parameter, which amounts to about 5 GB for a 65B model."
    assert verify_claim(claim, [idx]).verdict == Verdict.CONTRADICTED


def test_words_that_only_look_like_markers_or_names() -> None:
    from verifier.terms import claim_terms

    # "baseline" ends in "line" but is no line number.
    c = claim_from_text("InstructGPT outputs were preferred over the FLAN baseline 79% of the time.")
    assert [q.text for q in c.quantities] == ["79%"]
    # The compared name ends where the sentence goes on.
    c = claim_from_text("Across six trials, ReAct's relative gain over Act ranged from 33% to 90%.")
    assert "Act ranged" not in [t.text for t in claim_terms(c)]


def test_a_capitalised_opener_the_paper_never_uses() -> None:
    sents = ["Plan-and-Solve (PS) prompting enjoys 2.5% higher average accuracy than that of Zero-shot CoT."]
    idx = prose(5, sents)
    res = verify_claim("Plain PS prompting averages 2.5% higher accuracy than Zero-shot-CoT.", [idx])
    assert res.verdict == Verdict.SUPPORTED  # not "the source never mentions Plain"


def test_a_method_added_lifts_from_the_base_row() -> None:
    table = table_at(3, "Table 3", "Table 3: AlpacaEval win rate with QLoRA finetuning.",
                     ["Setting", "LLaMA2(13B) Alpaca"], [["Base", "31.99"], ["+NEFT (\u03b1 = 5)", "38.20"], ["+NEFT (\u03b1 = 10)", "41.55"]])
    idx = tables_index(table, title="NEFTune: Noisy Embeddings Improve Instruction Finetuning")
    claim = "When training with QLoRA, adding NEFTune noise with \u03b1 = 10 lifts LLaMA-2-13B's win rate on Alpaca from 31.99% to 41.55%."
    assert verify_claim(claim, [idx]).verdict == Verdict.SUPPORTED


def test_a_change_is_not_refuted_by_a_level_in_a_cell() -> None:
    table = table_at(1, "Table 1", "Table 1: 7B byte-level models with multi-byte prediction.",
                     ["Model", "MBPP @1", "HumanEval @1"], [["bytes n = 1", "19.3", "17.1"], ["bytes n = 8", "32.3", "20.6"]])
    text = [(4, "Multi-byte prediction shows strong improvements compared to next-byte prediction, "
                "solving 67% more problems on MBPP pass@1.")]
    idx = tables_index(table, text=text)
    claim = "A 7B byte-level model trained with 8-byte prediction solves 67% more MBPP problems at pass@1 than next-byte prediction."
    # "67% more" is a change: the n = 8 cell prints a level (32.3), which cannot refute it.
    assert verify_claim(claim, [idx]).verdict == Verdict.SUPPORTED


def test_a_length_against_a_bare_table_label() -> None:
    from verifier.siblings import _label_context
    from verifier.terms import claim_terms, coverage

    term = next(t for t in claim_terms(claim_from_text("Least-to-most reaches 74.0% on lists of 12 words.")) if t.key == "len:12")
    # Another row or column label of the table, read on its own (as the sibling checks do).
    assert coverage(term, _label_context("L = 12")) == 1.0
    assert coverage(term, _label_context("L = 4")) == -1.0


def test_seconds_are_not_read_from_a_column_of_counts() -> None:
    table = table_at(4, "Table 4", "Table 4: Variations on the base architecture.",
                     ["Model", "h", "BLEU"], [["base", "1", "24.9"], ["big", "16", "26.4"]])
    idx = tables_index(table)
    assert verify_claim("Each training step of the base model took about 1.0 seconds.", [idx]).verdict != Verdict.SUPPORTED


def test_hyperparameter_values_pick_an_ablation_row() -> None:
    table = table_at(3, "Table 3", "Table 3: Variations on the Transformer architecture, BLEU on newstest2013.",
                     ["Variant", "h", "dk", "dv", "BLEU (dev)"],
                     [["base", "8", "64", "64", "25.8"], ["(A)", "1", "512", "512", "24.9"], ["(A)", "16", "32", "32", "25.8"]])
    idx = tables_index(table)
    claim = "With a single attention head (h = 1, dk = dv = 512), the base Transformer scores {} BLEU on newstest2013."
    assert verify_claim(claim.format("24.9"), [idx]).verdict == Verdict.SUPPORTED
    for wrong in ("24.3", "25.8"):
        res = verify_claim(claim.format(wrong), [idx])
        assert res.verdict == Verdict.CONTRADICTED and "24.9" in res.reason, wrong
    # The "from" number of a change is the row before it.
    change = "Reducing the base model to one head (dk = 512) lowers BLEU from 25.8 to 24.9."
    assert verify_claim(change, [idx]).verdict == Verdict.SUPPORTED


def test_a_head_count_in_words_picks_the_ablation_row() -> None:
    ablation = table_at(3, "Table 3", "Table 3: Variations on the Transformer architecture. Metrics on newstest2013.",
                        ["", "h", "dk", "dv", "PPL (dev)", "BLEU (dev)"],
                        [["base", "8", "64", "64", "4.92", "25.8"], ["(A)", "1", "512", "512", "5.29", "24.9"],
                         ["(A)", "4", "128", "128", "5.00", "25.5"], ["(A)", "16", "32", "32", "4.91", "25.8"]])
    main = table_at(2, "Table 2", "Table 2: The Transformer achieves better BLEU scores than previous models.",
                    ["Model", "BLEU EN-DE", "BLEU EN-FR"], [["Transformer (base model)", "27.3", "38.1"]])
    idx = tables_index(ablation, main)
    # "a single attention head" is the h = 1 row, whose 24.9 refutes the 4-head row's 25.5.
    assert refuted_by(idx, "In the Transformer ablations on newstest2013, a single attention head gives 25.5 dev BLEU.", "24.9")
    # The ablated values pin the row, though another table names "Transformer" better.
    assert supported(idx, "Reducing the Transformer to a single attention head (dk = dv = 512) gives 24.9 BLEU "
                          "and a perplexity of 5.29 on the newstest2013 development set.")
    # The base model's number is the base row's, not the single head's.
    assert supported(idx, "On newstest2013, single-head attention scores 24.9 BLEU, 0.9 BLEU below the base model's 25.8.")


def test_a_number_the_sentence_gives_to_the_other_clause() -> None:
    sents = ["For GPT-3 175B, the training throughput for full fine-tuning is 32.5 tokens/s per V100 GPU; with the same "
             "number of weight shards for model parallelism, the throughput is 43.1 tokens/s per V100 GPU for LoRA."]
    idx = prose(5, sents)
    assert refuted_by(idx, "When fine-tuning GPT-3 175B, LoRA achieves a training throughput of 32.5 tokens/s per V100 GPU.", "43.1")
    assert supported(idx, "On GPT-3 175B, LoRA trains at 43.1 tokens/s per V100 GPU, compared with 32.5 tokens/s for full fine-tuning.")
    # In the LoRA paper itself, the method said as a setting ("with LoRA") is named as surely.
    own = build_index("p", "p.pdf", [(5, sents[0])], [], title="LoRA: Low-Rank Adaptation of Large Language Models")
    assert refuted_by(own, "According to the LoRA authors, adapting GPT-3 175B with LoRA runs at a training throughput "
                           "of 32.5 tokens/s per V100 GPU.", "43.1")


def test_the_dataset_a_setup_sentence_names() -> None:
    sents = ["CNN/Daily Mail and WMT use input length of 512 and output length 256.",
             "Other summarization datasets use input length 2048 and output length 512.",
             "Finally, TriviaQA uses input length 2048 and output length 32."]
    idx = prose(3, sents)
    # A sentence about other datasets does not support a MultiNews set-up.
    multinews = "For fine-tuning on MultiNews, the T5 models use an input length of 512 tokens and an output length of 256."
    assert verify_claim(multinews, [idx]).verdict != Verdict.SUPPORTED


def test_the_only_bracketed_share_of_a_sentence() -> None:
    sents = ["Our analysis reveals that a mere 26% of tokens show a notable loss reduction (H\u2192L), while the majority "
             "(51%) remain in the L\u2192L category, indicating they have already been learned."]
    idx = prose(3, sents)
    claim = "Only 26% of tokens show a notable loss reduction (H\u2192L), while {} stay in the L\u2192L category."
    assert verify_claim(claim.format("51%"), [idx]).verdict == Verdict.SUPPORTED
    # Several bracketed numbers ("(14% vs. 6%) ... (56%)") still leave their owners to the tables.
    from verifier.sentence_numbers import text_mentions
    two = "Hallucination is a problem for CoT, with a higher false positive rate than ReAct (14% vs. 6%), and its major failure mode (56%)."
    assert "56%" not in [m.text for m in text_mentions("p", 6, two)]


def test_the_clause_that_says_the_claims_words() -> None:
    sents = ["These RMs have an accuracy of 69.6 \u00b1 0.9% on predicting the preferences of labelers in the held-out group, "
             "a small decrease from their 72.4 \u00b1 0.4% accuracy on predicting the preferences of labelers in their training set."]
    idx = prose(12, sents)
    claim = "The reward models predict the preferences of held-out labelers with {} accuracy."
    assert refuted_by(idx, claim.format("72.4%"), "69.6")
    assert supported(idx, claim.format("69.6%"))


def test_a_change_is_stated_with_its_own_starting_point() -> None:
    sents = ["With r = 4, LoRA reduces the VRAM consumption during training from 1.2TB to 350GB.",
             "With r = 4, the LoRA checkpoint size is reduced by roughly 10,000x (from 350GB to 35MB)."]
    idx = prose(5, sents)
    bad = verify_claim("With r = 4, LoRA shrinks the checkpoint from 1.2TB to about 35MB.", [idx])
    assert bad.verdict == Verdict.CONTRADICTED and "350GB" in bad.reason
    assert verify_claim("With r = 4, LoRA shrinks the checkpoint from 350GB to about 35MB.", [idx]).verdict == Verdict.SUPPORTED


def test_the_next_sentence_goes_on_with_the_claims_number() -> None:
    sents = ["Our training dataset was collected in May 2020 from 54 million public software repositories hosted on GitHub, "
             "containing 179 GB of unique Python files under 1 MB.",
             "We filtered out files which were likely auto-generated or had long lines.",
             "After filtering, our final dataset totaled 159 GB."]
    idx = prose(4, sents)
    claim = "The training data came from 54 million public GitHub repositories with 179 GB of unique Python files, filtered down to {} GB."
    assert verify_claim(claim.format(159), [idx]).verdict == Verdict.SUPPORTED
    assert verify_claim(claim.format(169), [idx]).verdict != Verdict.SUPPORTED


def test_names_shared_out_among_several_numbers() -> None:
    idx = prose(7, ["We randomly sample 100 problems from GSM8K and analyse the errors.",
                    "Zero-Shot-CoT generated incorrect final answers for 46 of the problems, 43 for Zero-shot-PS, "
                    "and 39 for Zero-shot-PS+."])
    claim = "In the GSM8K error analysis, Zero-shot-CoT got 46 problems wrong, Zero-shot-PS 43 and Zero-shot-PS+ 39."
    assert verify_claim(claim, [idx]).verdict == Verdict.SUPPORTED


def test_a_whole_multiple_is_rounded_not_cut() -> None:
    from verifier.normalize import values_match

    assert values_match(3, 0, "x", 3.67, 2, "") is None  # "a 3x speedup" is no 3.67x
    assert values_match(4, 0, "x", 3.67, 2, "") == "rounded"
    assert values_match(3.6, 1, "x", 3.67, 2, "") == "truncated"


def test_a_capitalised_opener_the_paper_writes_in_lower_case() -> None:
    idx = prose(12, ["Reward modeling starts from the SFT model.", "We train reward models on labeler comparisons.",
                     "Our RMs have an accuracy of 69.6 \u00b1 0.9% on predicting the preferences of labelers in the held-out group."])
    assert supported(idx, "Reward models predict held-out labelers' preferences with 69.6% accuracy.")


def test_a_capitalised_opener_a_table_row_names() -> None:
    from verifier.terms import claim_terms
    from verifier.verify import _plain_opener

    table = table_at(1, "Table 1", "Table 1: Distribution of use case categories from our API prompt dataset.",
                     ["Use-case", "(%)"], [["Generation", "45.6%"], ["Open QA", "12.4%"], ["Brainstorming", "11.2%"]])
    idx = tables_index(table, text=[(6, "Open questions remain about the prompt dataset.")])
    claim = claim_from_text("Open QA accounts for 11.2% of the use cases.")
    # "Open" opens a sentence of the paper too, but its table writes it as a name.
    assert [t.kind for t in _plain_opener(claim, claim_terms(claim), idx) if t.text == "Open"] == ["subject"]


def test_a_dataset_the_paper_builds_is_implicit_in_its_tables() -> None:
    text = [(3, "We introduce a new dataset of competitive programming problems, named CodeContests."),
            (5, "Statistics of our CodeContests dataset are given in Table 1."),
            (6, "All results are reported on our CodeContests dataset unless stated otherwise.")]
    table = table_at(8, "Table 8", "Table 8: Build-up ablation for model enhancements of the 1B model.",
                     ["Model", "Solve rate 10@10K", "Solve rate 10@100K"],
                     [["No Enhancements", "10.4%", "15.2%"], ["+ Clustering", "18.0%", "24.1%"]], page=18)
    idx = tables_index(table, text=text, title="Competition-Level Code Generation with AlphaCode")
    assert idx.own_data == {"codecontests"}
    claim = "Stacking five model enhancements raises the 1B model's 10@100k solve rate on CodeContests from 15.2% to {}."
    assert verify_claim(claim.format("24.1%"), [idx]).verdict == Verdict.SUPPORTED
    assert verify_claim(claim.format("18.0%"), [idx]).verdict != Verdict.SUPPORTED


def test_a_compared_size_is_no_lone_letter() -> None:
    claim = claim_from_text("On the test set, the 41B model solves 29.6% at 10@100k, 3.8 points more than the 9B model (25.8%).")
    assert "b" not in {t.key for t in claim_terms(claim)}


def test_a_bracketed_model_name_after_a_method_spelled_out() -> None:
    table = table_at(5, "Table 1", "Table 1: Few-shot results of continual pretraining on math.",
                     ["Model", "GSM8K", "MATH"], [["Mistral-CT 7B", "42.9", "22.2"], ["RHO-1-Math 7B", "66.9", "31.0"]])
    idx = tables_index(table)
    claim = ("Continually pretraining Mistral-7B with Selective Language Modeling (Rho-1-Math) raises few-shot GSM8K "
             "accuracy from 42.9% (Mistral-CT) to {}.")
    assert supported(idx, claim.format("66.9%"))


def test_the_method_a_number_is_ahead_of_is_not_its_row() -> None:
    table = table_at(12, "Table 12", "Table 12: Accuracy on GSM8K problems by the number of reasoning steps.",
                     ["Method", "All", "2 Steps", "3 Steps"],
                     [["Least-to-Most", "62.39", "74.53", "68.91"], ["Chain-of-Thought", "60.87", "76.68", "67.29"]])
    idx = tables_index(table)
    claim = "On two-step GSM8K problems, least-to-most prompting reaches {} accuracy, ahead of chain-of-thought."
    assert refuted_by(idx, claim.format("76.68%"), "74.53")
    assert supported(idx, claim.format("74.53%"))


def test_a_sentence_printing_the_number_for_another_name_outweighs_a_rounded_cell() -> None:
    table = table_at(2, "Table 2", "Table 2: Few-shot math reasoning results of continual pretraining.",
                     ["Model", "GSM8K", "MATH", "GSM-H"], [["Mistral-CT 7B", "77.5", "48.4", "60.4"]])
    text = [(6, "Regarding the token selection ratio, we use 60% for the Tinyllama-1.1B model and 70% for the Mistral-7B model.")]
    idx = tables_index(table, text=text, title="Rho-1: Not All Tokens Are What You Need")
    claim = "For math pretraining of Mistral-7B, Rho-1 keeps {} of tokens as its selection ratio."
    assert refuted_by(idx, claim.format("60%"), "70%")
    assert supported(idx, claim.format("70%"))


def test_a_percent_change_is_no_plain_cell_of_a_settings_table() -> None:
    table = table_at(8, "Table 8", "Table 8: \u03b1 used for Fig 3.", ["Model", "Alpaca", "Evol-Instruct", "ShareGPT"],
                     [["LLaMA-1 7B", "10", "10", "10"], ["LLaMA-2 7B", "5", "5", "15"]])
    text = [(1, "Models trained with Evol-Instruct see a 10% improvement, with ShareGPT an 8% improvement, "
                "and with OpenPlatypus an 8% improvement.")]
    idx = tables_index(table, text=text, title="NEFTune: Noisy Embeddings Improve Instruction Finetuning")
    assert refuted_by(idx, "NEFTune gives models trained on ShareGPT a 10% improvement.", "8%")
    assert supported(idx, "Models trained with ShareGPT see an 8% improvement.")


def test_a_capitalised_opener_with_its_version_number_is_a_name() -> None:
    table = table_at(4, "Table 4", "Table 4: Macro-F1 of baselines on SciTab.", ["Model", "Zero-shot 2-class", "Zero-shot 3-class"],
                     [["TAPAS-large 340M", "50.30", "40.10"], ["GPT-4", "78.22", "64.80"]])
    idx = tables_index(table, title="SciTab: A Challenging Benchmark for Compositional Reasoning and Claim Verification")
    res = verify_claim("Claude 2 reaches 70.5 zero-shot 2-class macro-F1 on SciTab.", [idx])
    assert res.verdict == Verdict.NOT_FOUND and "Claude" in res.reason


def test_a_name_said_after_a_number_with_its_own_number_is_not_its_frame() -> None:
    table = table_at(4, "Table 4", "Table 4: Score and success rate (SR) on Webshop.", ["Method", "Score", "SR"],
                     [["Act", "62.3", "30.1"], ["ReAct", "66.6", "40.0"], ["IL", "59.9", "29.1"], ["IL+RL", "62.4", "28.7"]],
                     page=8)
    idx = tables_index(table, text=[
        (1, "On two interactive decision making benchmarks (ALFWorld and WebShop), ReAct outperforms imitation and "
            "reinforcement learning methods by an absolute success rate of 34% and 10% respectively."),
    ], title="ReAct: Synergizing Reasoning and Acting in Language Models")
    claim = "On WebShop, ReAct achieves a 40.0% success rate and a score of {}, compared with Act's 30.1% success rate."
    assert supported(idx, claim.format("66.6"))
    assert refuted_by(idx, claim.format("62.3"), "66.6")
    # The abstract's "by an absolute success rate of 10%" is a gap: no level is read against it.
    res = verify_claim("On WebShop, ReAct reaches a 46.0% success rate.", [idx])
    assert res.verdict != Verdict.SUPPORTED and "10%" not in res.reason


def test_the_shots_a_sentence_gives_the_benchmark_of_a_table_on_its_page() -> None:
    table = table_at(4, "Table 4", "Table 4: Score and success rate (SR) on Webshop.", ["Method", "Score", "SR"],
                     [["Act", "62.3", "30.1"], ["ReAct", "66.6", "40.0"], ["IL", "59.9", "29.1"]], page=8)
    text = [(8, "On Webshop, one-shot Act prompting already performs on par with IL and IL+RL methods.")]
    idx = tables_index(table, text=text, title="ReAct: Synergizing Reasoning and Acting in Language Models")
    claim = "On WebShop, one-shot ReAct prompting achieves a success rate of 40.0% with an average score of 66.6."
    assert supported(idx, claim)
    assert not supported(idx, claim.replace("one-shot", "5-shot"))
    # Said on another page, or in a caption, it is not the table's.
    assert not supported(tables_index(table, text=[(3, text[0][1])]), claim)


def test_what_a_training_that_lifts_a_number_is_on_is_the_method_not_the_baseline() -> None:
    table = table_at(7, "Table 7", "Table 7 | Model solve rate for different pre-training datasets.",
                     ["Pre-training dataset", "10@1K", "10@10K", "10@100K"],
                     [["No pre-training", "4.5%", "7.0%", "10.5%"], ["GitHub (Python only)", "5.8%", "11.1%", "15.5%"],
                      ["MassiveText", "9.7%", "16.1%", "21.2%"], ["GitHub (all languages)", "12.4%", "17.3%", "21.5%"]], page=18)
    idx = tables_index(table, title="Competition-Level Code Generation with AlphaCode")
    claim = ("Pre-training on GitHub code in all languages lifts AlphaCode's 10@100K solve rate to 21.5% from {} without "
             "pre-training.")
    assert supported(idx, claim.format("10.5%"))
    assert not supported(idx, claim.format("12.4%"))


_CODEX = [
    "We introduce Codex, a GPT language model fine-tuned on publicly available code from GitHub.",
    "On HumanEval, a new evaluation set we release to measure functional correctness for synthesizing programs "
    "from docstrings, our model solves 28.8% of the problems.",
    "Next, we describe the dataset of hand-written problems, called \u201cHumanEval,\u201d which we created.",
    "When a single sample is generated for each problem, Codex solves 28.8% of the problems, and Codex-S solves "
    "37.7% of the problems.",
    "Within 100 samples, Codex-S is able to generate at least one correct function for 77.5% of the problems.",
    "Repeated sampling is effective: we solve 70.2% of our problems with 100 samples per problem.",
]


def test_the_papers_own_benchmark_goes_unsaid_and_a_variant_is_not_its_family() -> None:
    idx = build_index("p", "p.pdf", [(2, s) for s in _CODEX], [], title="Evaluating Large Language Models Trained on Code")
    assert "humaneval" in idx.own_data
    # The sentence that leaves HumanEval unsaid is about it: the paper built it.
    assert supported(idx, "Given 100 samples per problem, Codex-S produces at least one correct function for 77.5% "
                          "of HumanEval problems.")
    # A sentence about Codex-S alone does not give its number to Codex.
    assert not supported(idx, "Given 100 samples per problem, Codex produces at least one correct function for 77.5% "
                              "of HumanEval problems.")


def test_a_share_the_claims_own_words_own_in_brackets_refutes_a_sentence_that_says_none_of_them() -> None:
    sents = _CODEX + ["From here, further gains can be realized by generating 100 samples per problem and selecting the "
                      "sample with the highest mean log-probability (44.5% solved) or by selecting the sample that passes "
                      "the unit tests (77.5% solved)."]
    idx = build_index("p", "p.pdf", [(2, s) for s in sents], [], title="Evaluating Large Language Models Trained on Code")
    claim = "When the sample with the highest mean log-probability is picked out of 100, Codex-S solves {} of HumanEval problems."
    assert refuted_by(idx, claim.format("77.5%"), "44.5%")
    assert supported(idx, "Given 100 samples per problem, Codex-S produces at least one correct function for 77.5% "
                          "of HumanEval problems.")




def test_a_set_up_sentence_about_another_size_does_not_agree() -> None:
    from verifier.settings_check import check_settings

    idx = prose(8, [
        "We trained our models on one machine with 8 NVIDIA P100 GPUs.",
        "For our base models using the hyperparameters described throughout the paper, each training step took about 0.4 seconds.",
        "On the WMT 2014 English-to-German translation task, the big transformer model (Transformer (big) in Table 2) "
        "outperforms the best previously reported models by more than 2.0 BLEU.",
        "For the base models, we used a single model obtained by averaging the last 5 checkpoints, which were written "
        "at 10-minute intervals.",
        "For the big models, we averaged the last 20 checkpoints."])
    wrong = claim_from_text("For the base Transformer models, the final model averages the last 20 checkpoints, which were "
                            "written at 10-minute intervals.")
    verdict, _, reason = check_settings(wrong, claim_terms(wrong), idx)
    assert verdict != Verdict.SUPPORTED, reason  # the 20 is the big models'
