"""Numbers read with the context the paper gives them: the sentence that says the claim's own words,
set-up paragraphs that go on from one setting to the next, a name said just before a table or a
sentence, the baseline of "from A to B", and gaps written as "(+0.2)" or "0.4 F1 short of"."""

from __future__ import annotations

import pytest

from tests.helpers.tables import table_at, tables_index
from verifier.extract import claim_from_text
from verifier.index import build_index
from verifier.own_system import proposed_names
from verifier.types import Verdict
from verifier.verify import verify_claim


def verdict(idx, claim: str) -> Verdict:  # noqa: ANN001 - SourceIndex
    return verify_claim(claim, [idx]).verdict


def refuted_with(idx, claim: str, true_value: str) -> bool:  # noqa: ANN001 - SourceIndex
    """Whether the claim is contradicted with the source's own value named in the reason."""
    res = verify_claim(claim, [idx])
    return res.verdict == Verdict.CONTRADICTED and true_value in res.reason


def test_the_sentence_in_the_claims_own_words_owns_the_number() -> None:
    idx = build_index("p", "p.pdf", [
        (5, "We find that SciTab exhibits a greater diversity in refuted claims compared to Sci-Fact."),
        (5, "Besides common error types such as incorrect calculation results (42%), there are also unique types of errors."),
        (5, "For example, 33% of the refuted claims in SciTab contain incorrect approximation words."),
    ], [], title="SciTab: A Challenging Benchmark")
    assert refuted_with(idx, "Among the refuted claims in SciTab, 42% contain incorrect approximation words.", "33%")
    assert verdict(idx, "Among the refuted claims in SciTab, 33% contain incorrect approximation words.") == Verdict.SUPPORTED


HARDWARE = [
    (7, "We trained our models on one machine with 8 NVIDIA P100 GPUs."),
    (7, "For our base models using the hyperparameters described throughout the paper, each training step took about 0.4 seconds."),
    (7, "We trained the base models for a total of 100,000 steps or 12 hours."),
]
ABSTRACT = "We propose a new simple network architecture, the Transformer, based solely on attention mechanisms."


def test_set_up_of_the_proposed_system_across_a_paragraph() -> None:
    assert proposed_names(ABSTRACT) == {"transformer"}
    idx = build_index("p", "p.pdf", HARDWARE, [], page_texts=[ABSTRACT])
    claim = ("Each training step of the base Transformer took roughly 0.4 seconds on 8 P100 GPUs, and the base "
             "models were trained for 100,000 steps, i.e. about 12 hours.")
    assert verdict(idx, claim) == Verdict.SUPPORTED
    # The hardware is what the 8 counts: it is no name the 0.4 must be said with, yet a wrong count is not supported.
    assert verdict(idx, claim.replace("on 8 P100", "on 16 P100")) != Verdict.SUPPORTED
    assert verdict(idx, claim.replace("0.4 seconds", "0.6 seconds")) != Verdict.SUPPORTED


def test_a_setting_the_next_sentence_goes_on_with() -> None:
    idx = build_index("p", "p.pdf", [
        (42, "These models are also used to compute the KL reward, in the same way as Stiennon et al. (2020), with \u03b2 = 0.02."),
        (42, "We train all the RL models for 256k episodes."),
        (58, "Instead of training for 256k episodes, we train for 512k episodes."),
    ], [], title="Training language models to follow instructions")
    claim = "The PPO policies were trained for 256k episodes with a KL reward coefficient beta of 0.02."
    assert verdict(idx, claim) == Verdict.SUPPORTED
    assert verdict(idx, claim.replace("256k", "128k")) != Verdict.SUPPORTED


WSJ_SETUP = [
    (9, "6.3 English Constituency Parsing To evaluate if the Transformer can generalize to other tasks we performed "
        "experiments on English constituency parsing."),
    (9, "This task presents specific challenges: the output is subject to strong structural constraints."),
    (10, "We trained a 4-layer transformer with dmodel = 1024 on the Wall Street Journal (WSJ) portion of the Penn "
         "Treebank, about 40K training sentences."),
    (10, "We also trained it in a semi-supervised setting, using the larger high-confidence corpora with "
         "approximately 17M sentences."),
    (10, "We used a vocabulary of 16K tokens for the WSJ only setting and a vocabulary of 32K tokens for the "
         "semi-supervised setting."),
]


def test_a_set_up_paragraph_names_its_task_once() -> None:
    idx = build_index("p", "p.pdf", WSJ_SETUP, [], page_texts=[ABSTRACT])
    claim = "For English constituency parsing in the WSJ-only setting, the 4-layer Transformer used a {}-token vocabulary."
    # The task is named sentences before; the 32K is the other setting's, said in the other clause.
    wrong = verify_claim(claim.format("32K"), [idx])
    assert wrong.verdict == Verdict.CONTRADICTED and "16K" in wrong.reason
    assert verdict(idx, claim.format("16K")) == Verdict.SUPPORTED
    assert verdict(idx, "In the semi-supervised parsing setting, the Transformer used a 32K-token vocabulary.") == Verdict.SUPPORTED


def test_settings_stated_together_only_in_one_run() -> None:
    idx = build_index("p", "p.pdf", [
        (6, "This configuration allowed us to train approximately 15 billion tokens in around 3.5 hours and 50 billion "
            "tokens in about 12 hours."),
    ], [])
    assert verdict(idx, "The 1.1B model was trained on 15B tokens in about 3.5 hours on H100 GPUs.") == Verdict.SUPPORTED
    # 12 hours is the 50-billion-token run's: the same sentence does not state it with 15B tokens.
    assert verdict(idx, "The 1.1B model was trained on 15B tokens in about 12 hours on H100 GPUs.") != Verdict.SUPPORTED


def test_a_number_the_next_sentences_give_after_the_claims_word() -> None:
    idx = build_index("p", "p.pdf", [
        (4, "Our training dataset was collected in May 2020 from 54 million public software repositories hosted on "
            "GitHub, containing 179 GB of unique Python files under 1 MB."),
        (4, "We filtered out files which were likely auto-generated."),
        (4, "After filtering, our final dataset totaled 159 GB."),
    ], [])
    claim = ("The training set was collected from 54 million public GitHub repositories: 179 GB of unique Python "
             "files under 1 MB, reduced to 159 GB after filtering.")
    assert verdict(idx, claim) == Verdict.SUPPORTED
    assert verdict(idx, claim.replace("159 GB", "149 GB")) != Verdict.SUPPORTED


ABLATION = table_at(6, "Table 6", "Table 6: Ablation of the TIES-Merging steps.",
                    ["Method", "T5-base", "(IA)3"],
                    [["TIES-Merging", "74.5", "70.7"], ["\u2212Elect", "73.1", "69.6"], ["\u2212Disjoint Mean", "72.6", "67.5"]])
NOISE = table_at(3, "Table 3", "Table 3: AlpacaEval win rate with the ChatGPT evaluator.",
                 ["Method", "LLaMA2(13B) Alpaca"],
                 [["Base", "31.99"], ["+NEFT (\u03b1 = 5)", "38.20"], ["+NEFT (\u03b1 = 10)", "41.55"]])
MMLU = table_at(5, "Table 5", "Table 5: 5-shot MMLU accuracy of LLaMA models finetuned with QLoRA on each dataset.",
                ["Dataset", "7B", "13B"],
                [["LLaMA no tuning", "35.1", "46.9"], ["Self-Instruct", "36.4", "33.3"], ["FLAN v2", "44.5", "51.4"]])


@pytest.mark.parametrize("table, title, claim, wrong", [
    # Removing a step lowers the score from the full method's row.
    (ABLATION, "TIES-Merging: Resolving Interference When Merging Models",
     "In the TIES-Merging ablation, removing the Elect step lowers T5-base performance from 74.5 to 73.1.", ("to 73.1", "to 72.1")),
    # "from a 31.99 to a 41.55": the articles do not hide the change.
    (NOISE, "NEFTune: Noisy Embeddings Improve Instruction Finetuning",
     "NEFTune with alpha = 10 raises LLaMA-2 13B on Alpaca from a 31.99 to a 41.55 AlpacaEval win rate.", ("from a 31.99", "from a 30.99")),
    # The bracket names the baseline's row; what the model was tuned on is the second number's.
    (MMLU, "QLoRA: Efficient Finetuning of Quantized LLMs",
     "QLoRA finetuning of LLaMA 7B on FLAN v2 lifts 5-shot MMLU accuracy from 35.1 (no tuning) to 44.5.", ("35.1", "36.4")),
])
def test_from_the_baseline_row_to_the_changed_one(table, title: str, claim: str, wrong: tuple[str, str]) -> None:  # noqa: ANN001
    idx = tables_index(table, title=title)
    assert verdict(idx, claim) == Verdict.SUPPORTED
    assert verdict(idx, claim.replace(*wrong)) == Verdict.CONTRADICTED


SUMMARIES = table_at(1, "Table 1", "Table 1: ROUGE-1 of uptrained models.",
                     ["Model", "PubMed R1", "arXiv R1"],
                     [["MHA-XXL", "47.5", "46.9"], ["GQA-8-XXL", "47.7", "47.1"]])


def test_a_signed_gap_in_brackets() -> None:
    claim = "On PubMed, uptrained GQA-8-XXL slightly exceeds MHA-XXL, scoring 47.7 vs 47.5 ROUGE-1 (+0.2)."
    assert [q.role for q in claim_from_text(claim).quantities] == ["value", "value", "diff"]
    idx = tables_index(SUMMARIES)
    assert verdict(idx, claim) == Verdict.SUPPORTED
    assert verdict(idx, claim.replace("(+0.2)", "(+0.4)")) == Verdict.CONTRADICTED


def test_short_of_is_a_gap() -> None:
    claim = "The 4-layer Transformer parser (91.3 F1) falls 0.4 F1 short of Dyer et al. at 91.7."
    assert [q.role for q in claim_from_text(claim).quantities] == ["value", "diff", "value"]


def test_only_before_a_number_is_no_compared_name() -> None:
    table = table_at(5, "Table 5", "Table 5: Last letter concatenation, out of domain (3 words).",
                     ["Model", "Standard", "CoT"], [["PaLM 8B", "0.0", "0.0"], ["PaLM 540B", "0.2", "94.8"]])
    idx = tables_index(table)
    claim = ("With chain-of-thought prompting, PaLM 540B reaches 94.8% on last letter concatenation, versus only "
             "0.2% with standard prompting.")
    assert verdict(idx, claim) == Verdict.SUPPORTED


PARSING = table_at(4, "Table 4", "Table 4: English constituency parsing results (on Section 23 of WSJ).",
                   ["Parser", "Training", "WSJ 23 F1"],
                   [["Transformer (4 layers)", "WSJ only, discriminative", "91.3"],
                    ["Dyer et al. (2016)", "WSJ only, discriminative", "91.7"]], page=9)


def test_a_name_said_beside_a_table() -> None:
    text = [(10, "We trained a 4-layer transformer on the Wall Street Journal (WSJ) portion of the Penn Treebank, about 40K sentences.")]
    idx = tables_index(PARSING, text=text)
    claim = "Trained on the WSJ portion of the Penn Treebank, a 4-layer Transformer reaches {} F1 on WSJ Section 23."
    assert verdict(idx, claim.format("91.3")) == Verdict.SUPPORTED
    assert verdict(idx, claim.format("91.8")) == Verdict.CONTRADICTED
    # Said only far from the table, the name still leaves the paper without a result for it.
    far = tables_index(PARSING, text=[(20, text[0][1])])
    assert verdict(far, claim.format("91.3")) == Verdict.NOT_FOUND


def test_the_papers_change_from_the_claims_starting_point() -> None:
    idx = build_index("p", "p.pdf", [
        (4, "We see the win rate climbs from 75.03% to 88.81% after adding NEFTune to the 70B model trained on Evol-Instruct."),
    ], [])
    claim = "Adding NEFTune to the 70B model trained on Evol-Instruct raises its win rate from 75.03% to {}."
    assert verdict(idx, claim.format("88.81%")) == Verdict.SUPPORTED
    res = verify_claim(claim.format("86.81%"), [idx])
    assert res.verdict == Verdict.CONTRADICTED and "88.81" in res.reason


def test_the_papers_change_ends_where_the_claims_does() -> None:
    steps = table_at(8, "Table 12", "Table 12: Accuracies (%) of least-to-most prompting and chain-of-thought prompting, "
                     "broken down by the number of reasoning steps.", ["Prompting", "All", "2 Steps", "\u22655 steps"],
                     [["Least-to-Most", "62.39", "74.53", "45.23"], ["Chain-of-Thought", "60.87", "76.68", "39.07"]])
    text = [(7, "We evaluate on GSM8K with code-davinci-002."),
            (7, "However, least-to-most prompting essentially improves chain-of-thought prompting in solving problems "
                "which need at least 5 steps to be solved: from 39.07% to 45.23% (Table 12).")]
    idx = tables_index(steps, text=text)
    claim = ("On GSM8K problems that need at least five reasoning steps, least-to-most prompting with code-davinci-002 "
             "raises accuracy from 39.07% {} to {}.")
    # The starting point's own words between the two numbers ("with chain-of-thought") keep the pair a change.
    for aside in ("with chain-of-thought", "(chain-of-thought)", "under chain-of-thought"):
        assert verdict(idx, claim.format(aside, "45.23%")) == Verdict.SUPPORTED, aside
        res = verify_claim(claim.format(aside, "47.23%"), [idx])
        assert res.verdict == Verdict.CONTRADICTED and "45.23" in res.reason, aside
    # The same pair as "A vs B" after the comparison: the paper's "from B to A".
    versus = ("On GSM8K problems that take five or more solution steps, least-to-most prompting with code-davinci-002 "
              "outperforms chain-of-thought by 6.16 points (45.23% vs 39.07%).")
    assert verdict(idx, versus) == Verdict.SUPPORTED


def test_an_agreement_coefficient_is_a_result() -> None:
    claim = "Agreement between GPT-4 and the annotators' majority vote is Fleiss kappa = 0.35."
    assert [q.role for q in claim_from_text(claim).quantities] == ["value"]
    assert [q.role for q in claim_from_text("We use a learning rate = 0.35.").quantities] == ["setting"]


def test_set_up_numbers_alone_do_not_verify_a_result() -> None:
    idx = build_index("p", "p.pdf", [
        (43, "With 1 million samples per problem, the ensemble reached a solve rate of 32% on our validation set with 10 submissions."),
    ], [])
    claim = "The 9B model solves 31.8% of validation problems with 10 submissions from 1M samples."
    assert verdict(idx, claim) != Verdict.SUPPORTED


def test_a_greek_letter_is_its_name() -> None:
    idx = build_index("p", "p.pdf", [
        (10, "At the example level, the agreement between GPT-4 and human annotators' majority vote on Vicuna is weaker with Fleiss \u03ba = 0.25."),
    ], [])
    claim = "On Vicuna, the example-level agreement between GPT-4 and the human majority vote is Fleiss kappa = {}."
    assert verdict(idx, claim.format("0.25")) == Verdict.SUPPORTED
    assert verdict(idx, claim.format("0.35")) == Verdict.CONTRADICTED


HUMAN_STUDY = [
    (9, "We run a human study with the LLaMA-2 models on 140 instructions."),
    (9, "Human annotators preferred NEFT in 88 instances, and 22 instances were a draw."),
    (9, "This corresponds to a 74.6% win score for NEFT using the AlpacaEval formula (88/(140-22))."),
]


def test_a_sentence_that_prints_the_first_numbers_and_the_next_that_states_the_rest() -> None:
    cells = table_at(6, "Table 1", "Table 1: AlpacaEval win rate of LLaMA-2 models.",
                     ["Model", "Alpaca", "Evol-Instruct"], [["LLaMA-2 +NEFT", "64.69", "79.60"]])
    idx = tables_index(cells, text=HUMAN_STUDY, title="NEFTune: Noisy Embeddings Improve Instruction Finetuning")
    claim = ("Human raters preferred the NEFTune-trained LLaMA-2 model in 88 pairwise comparisons, which translates "
             "to a {} win score.")
    assert verdict(idx, claim.format("74.6%")) == Verdict.SUPPORTED
    assert verdict(idx, claim.format("64.7%")) != Verdict.SUPPORTED


def test_an_approximate_number_is_not_the_neighbour_of_an_exact_one_in_the_same_sentence() -> None:
    idx = build_index("p", "p.pdf", [
        (6, "We hire a professional annotator to measure human performance on SciTab."),
        (6, "The annotator took approximately 1.5 hours for the 2-class fact-checking task and 2 hours for the "
            "3-class setting."),
    ], [], title="SciTab: A Challenging Benchmark")
    claim = "In SciTab's human-performance study, the annotator needed roughly {} hours to complete the 2-class fact-checking task."
    # "roughly 2" would round 1.5, but the sentence gives its 2 hours to the 3-class setting; "2-class" counts nothing.
    wrong = verify_claim(claim.format("2"), [idx])
    assert wrong.verdict == Verdict.CONTRADICTED and "1.5" in wrong.reason
    assert verdict(idx, claim.format("1.5")) == Verdict.SUPPORTED


TRIALS = [
    (8, "On ALFWorld, the best ReAct trial achieves an average success rate of 71%, significantly outperforming the "
        "best Act (45%) and BUTLER (37%) trials."),
    (8, "In fact, even the worse ReAct trial (48%) beats the best trial of both methods."),
]


def test_the_next_sentence_goes_on_only_in_the_words_the_claim_gives_its_other_number() -> None:
    idx = build_index("p", "p.pdf", TRIALS, [], title="ReAct: Synergizing Reasoning and Acting in Language Models")
    # "trial" is what the claim says of the 71% too: the worse ReAct trial's 48% is no "best Act trial".
    claim = "On ALFWorld, ReAct's best trial reaches a 71% success rate, compared with 48% for the best Act trial."
    assert verdict(idx, claim) != Verdict.SUPPORTED


def test_a_sentence_stating_all_numbers_leaves_its_names_to_the_paragraph() -> None:
    sents = [(7, "Table 4 compares least-to-most prompting with chain-of-thought prompting on GSM8K.")]
    sents += [(7, f"Observation {i} concerns the problems that need {w} steps to solve.") for i, w in
              enumerate(["two", "three", "four", "five", "six", "seven", "eight"], 1)]
    sents += [(7, "Overall, least-to-most prompting only slightly improves chain-of-thought prompting: from 60.97% "
                  "to 62.39%.")]
    cells = table_at(4, "Table 4", "Table 4: Accuracy by number of steps.", ["Method", "2 steps", "3 steps"],
                     [["Chain-of-Thought", "60.97", "55.10"], ["Least-to-Most", "58.20", "62.39"]], page=7)
    idx = tables_index(cells, text=sents, title="Least-to-Most Prompting Enables Complex Reasoning")
    claim = "On GSM8K, least-to-most prompting improves chain-of-thought prompting overall from 60.97% to {}."
    assert verdict(idx, claim.format("62.39%")) == Verdict.SUPPORTED
    assert verdict(idx, claim.format("63.39%")) != Verdict.SUPPORTED


PRETRAINING = [
    (6, "For the 1.1B model, we conducted our training on 32 \u00d7 H100 80G GPUs."),
    (6, "This configuration allowed us to train approximately 15 billion tokens in around 3.5 hours and 50 billion "
        "tokens in about 12 hours."),
    (6, "In the case of the 7B model, training the same 15 billion tokens took approximately 18 hours under similar "
        "hardware conditions."),
]


def test_values_stated_together_for_another_run_yield_to_the_sentence_naming_the_claims_model() -> None:
    idx = build_index("p", "p.pdf", PRETRAINING, [], title="Rho-1: Not All Tokens Are What You Need")
    claim = "On 32 H100 GPUs, continual pretraining of the 7B Rho-1 model on 15 billion tokens took about {} hours."
    assert verdict(idx, claim.format("3.5")) != Verdict.SUPPORTED
    assert verdict(idx, "On 32 H100 GPUs, the 1.1B model trained on 15 billion tokens in about 3.5 hours.") == Verdict.SUPPORTED


CORPUS = [
    (1, "Codex, a GPT model fine-tuned on code, solves 28.8% of the HumanEval problems."),
    (4, "Our training dataset was collected in May 2020 from 54 million public software repositories hosted on "
        "GitHub, containing 179 GB of unique Python files under 1 MB."),
    (4, "We filtered out files which were likely auto-generated, had average line length greater than 100, or "
        "contained a small percentage of alphanumeric characters."),
    (4, "After filtering, our final dataset totaled 159 GB."),
]


def test_a_claim_about_the_state_after_a_process_takes_the_amount_the_paper_gives_after_it() -> None:
    abstract = "We introduce Codex, a GPT language model fine-tuned on publicly available code from GitHub."
    idx = build_index("p", "p.pdf", CORPUS, [], page_texts=[abstract], title="Evaluating Large Language Models Trained on Code")
    claim = "After removing auto-generated and long-line files, the Python corpus used to train Codex amounted to {} GB."
    wrong = verify_claim(claim.format("179"), [idx])
    assert wrong.verdict == Verdict.CONTRADICTED and "159" in wrong.reason
    assert verdict(idx, "Codex's Python files collected from GitHub came to 179 GB.") == Verdict.SUPPORTED


LENGTHS = [
    (3, "We fine-tune the uptrained T5 models on summarization and question answering."),
    (3, "We use input length 512 and output length 256 for CNN/Daily Mail and WMT."),
    (3, "Other summarization datasets use input length 2048 and output length 512."),
    (3, "Finally, TriviaQA uses input length 2048 and output length 32."),
]


def test_the_side_of_a_token_count_is_the_word_after_its_tokens() -> None:
    idx = build_index("p", "p.pdf", LENGTHS, [], title="GQA: Training Generalized Multi-Query Transformer Models")
    claim = "In the GQA experiments, TriviaQA fine-tuning uses 2048-token inputs and {}-token outputs."
    assert verdict(idx, claim.format("32")) == Verdict.SUPPORTED
    wrong = verify_claim(claim.format("256"), [idx])
    assert wrong.verdict == Verdict.CONTRADICTED and "32" in wrong.reason


def test_a_number_beside_another_is_read_in_the_claims_unit() -> None:
    idx = build_index("p", "p.pdf", [
        (5, "On GPT-3 175B, we reduce the VRAM consumption during training from 1.2TB to 350GB. With r = 4 and only "
            "the query and value projection matrices being adapted, the checkpoint size is reduced by roughly "
            "10,000\u00d7 (from 350GB to 35MB)."),
    ], [])
    claim = "With rank 4 and only the query and value projections adapted, the GPT-3 175B checkpoint shrinks from 350GB to about {}."
    assert verdict(idx, claim.format("35MB")) == Verdict.SUPPORTED
    assert verdict(idx, claim.format("350MB")) != Verdict.SUPPORTED


def test_the_amount_a_process_ended_with_two_sentences_later() -> None:
    idx = build_index("p", "p.pdf", CORPUS[1:], [])  # the data-collection paragraph alone
    for claim in ("Codex's training data came from 54 million public GitHub repositories, and after filtering the "
                  "Python corpus amounted to {} GB.",
                  "Codex's training data was collected from 54 million public GitHub repositories and amounted to "
                  "{} GB of Python files after filtering."):
        assert verdict(idx, claim.format("159")) == Verdict.SUPPORTED, claim
        assert verdict(idx, claim.format("169")) != Verdict.SUPPORTED, claim


def test_the_end_of_a_range_is_not_its_average() -> None:
    idx = build_index("p", "p.pdf", [
        (8, "Moreover, the advantage of ReAct over Act is consistent across six controlled trials, with relative "
            "performance gain ranging from 33% to 90% and averaging 62%."),
    ], [])
    res = verify_claim("Over six controlled trials, ReAct improves on Act by 90% in relative terms on average.", [idx])
    assert res.verdict == Verdict.CONTRADICTED and "62%" in res.reason
    assert verdict(idx, "Over six controlled trials, ReAct improves on Act by 62% in relative terms on average.") == Verdict.SUPPORTED
    # A claim that gives the range itself is borne out.
    assert verdict(idx, "ReAct beats Act in six controlled trials, with relative gains between 33% and 90% and a 62% "
                        "average.") == Verdict.SUPPORTED


def test_the_number_a_result_rises_to_is_not_the_state_before_the_change() -> None:
    idx = build_index("p", "p.pdf", [
        (1, "We show that language model finetuning can be improved, sometimes dramatically, with a simple augmentation."),
        (1, "Standard finetuning of LLaMA-2-7B using Alpaca achieves 29.79% on AlpacaEval, which rises to 64.69% using noisy embeddings."),
    ], [], title="NEFTune: Noisy Embeddings Improve Instruction Finetuning")
    assert refuted_with(idx, "Standard finetuning of LLaMA-2-7B on Alpaca already scores 64.69% on AlpacaEval before NEFTune is applied.",
                        "29.79%")
    assert verdict(idx, "Standard finetuning of LLaMA-2-7B on Alpaca scores 29.79% on AlpacaEval before NEFTune is applied.") == Verdict.SUPPORTED
    assert verdict(idx, "With noisy embeddings, LLaMA-2-7B finetuned on Alpaca reaches 64.69% on AlpacaEval.") == Verdict.SUPPORTED


def test_a_count_the_paper_prints_nowhere_is_not_verified_by_the_claims_other_number() -> None:
    idx = build_index("p", "p.pdf", [
        (2, "Using this approach, we filtered out 872 real-world scientific claims from 1,301 table descriptions in the SciGen dataset."),
    ], [], title="SciTab: A Challenging Benchmark for Compositional Reasoning and Claim Verification on Scientific Tables")
    claim = "To build SciTab, an annotator selected {} real-world scientific claims from 1,301 SciGen table descriptions."
    res = verify_claim(claim.format(972), [idx])
    assert res.verdict == Verdict.NOT_FOUND and "972" in res.reason
    assert verdict(idx, claim.format(872)) == Verdict.SUPPORTED


def test_a_set_up_number_in_the_clause_of_another_dataset_is_not_the_claims() -> None:
    idx = build_index("p", "p.pdf", [
        (28, "For example, in our dataset the median problem description length is 1,628 characters and the median "
             "solution length is 606 characters, while the HumanEval benchmark (Chen et al., 2021) has a median "
             "description length of 396 characters and solution length of 148.5 characters, about 4 times shorter for both."),
    ], [], title="Competition-Level Code Generation with AlphaCode")
    claim = "In AlphaCode's comparison of problem complexity, HumanEval tasks have a median description length of {} characters."
    assert refuted_with(idx, claim.format("1,628"), "396")
    assert verdict(idx, claim.format("396")) == Verdict.SUPPORTED


def test_a_number_given_on_average_is_not_a_number_the_paper_gives_without_it() -> None:
    idx = build_index("p", "p.pdf", [
        (3, "In simulated evaluations on recent programming competitions on the Codeforces platform, AlphaCode "
            "achieved on average a ranking of top 54.3% in competitions with more than 5,000 participants."),
        (3, "Based on these results, we estimate that our system has achieved a Codeforces rating of 1238 which is "
            "within the top 28% of users who have participated in a contest in the last 6 months."),
    ], [], title="Competition-Level Code Generation with AlphaCode")
    assert refuted_with(idx, "Across 10 simulated Codeforces contests, AlphaCode ranked on average within the top 28% of participants.",
                        "54.3%")
    assert verdict(idx, "Across 10 simulated Codeforces contests, AlphaCode ranked on average within the top 54.3% of participants.") == Verdict.SUPPORTED
    assert verdict(idx, "AlphaCode's estimated Codeforces rating of 1238 is within the top 28% of users active in the last 6 months.") == Verdict.SUPPORTED


def test_a_sentence_that_goes_on_from_the_one_before_has_its_words() -> None:
    idx = build_index("p", "p.pdf", [
        (9, "On a subsample of 140 instructions from AlpacaEval, we present annotators with one response from a model "
            "finetuned with NEFT and another response from a model trained without NEFT."),
        (9, "Human annotators preferred NEFT in 88 instances, and 22 instances were a draw."),
        (9, "This corresponds to a 74.6% win score for NEFT using the AlpacaEval formula."),
        (9, "Next, we performed a modified run of AlpacaEval where the evaluator (GPT-4) compares the standard "
            "finetuned model and a NEFT version of the same model."),
        (9, "There, we observe a win score of 92.80%."),
    ], [], title="NEFTune: Noisy Embeddings Improve Instruction Finetuning")
    claim = "In NEFTune's human study on 140 AlpacaEval instructions, annotators preferred the NEFTune model's answers with a {} win score."
    assert refuted_with(idx, claim.format("92.8%"), "74.6%")
    assert verdict(idx, claim.format("74.6%")) == Verdict.SUPPORTED


def test_the_second_best_model_is_the_one_a_sentence_ranks_second() -> None:
    table = table_at(6, "Table 6", "Table 6: Zero-shot Vicuna benchmark scores as a percentage of the score obtained by ChatGPT evaluated by GPT-4.",
                     ["Model", "Size", "Memory", "ChatGPT vs Sys", "Sys vs ChatGPT", "Mean"],
                     [["Guanaco", "65B", "41 GB", "96.7%", "101.9%", "99.3%"], ["Guanaco", "33B", "21 GB", "96.5%", "99.2%", "97.8%"]],
                     page=7)
    idx = tables_index(table, text=[
        (2, "Using QLoRA, we train the Guanaco family of models, with the second best model reaching 97.8% of the "
            "performance level of ChatGPT on the Vicuna benchmark, while being trainable in less than 12 hours on a single consumer GPU."),
    ], title="QLoRA: Efficient Finetuning of Quantized LLMs")
    claim = "According to GPT-4 judgments on the Vicuna benchmark, the second-best Guanaco model reaches {} of ChatGPT's performance."
    # The 65B row's 99.3% does not say that its model ranks second; the sentence does, with 97.8%.
    assert verdict(idx, claim.format("99.3%")) == Verdict.CONTRADICTED
    assert verdict(idx, claim.format("97.8%")) == Verdict.SUPPORTED


def test_two_numbers_followed_by_the_same_words_belong_to_their_own_clauses() -> None:
    idx = build_index("p", "p.pdf", [
        (15, "With up to a million samples per problem, we can solve 34.2% of problems in our validation set; and "
             "with one hundred thousand samples, we solve 31.8% of problems in our validation set, and 29.6% of "
             "problems in our test set."),
    ], [], title="Competition-Level Code Generation with AlphaCode")
    claim = "Sampling one hundred thousand programs per problem, AlphaCode solves 29.6% of the test set and {} of the validation set."
    assert verdict(idx, claim.format("31.8%")) == Verdict.SUPPORTED
    assert refuted_with(idx, claim.format("34.2%"), "31.8%")


def test_a_rate_per_hour_is_not_a_rate_per_claim() -> None:
    idx = build_index("p", "p.pdf", [
        (4, "Each claim annotation is reimbursed at a rate of 0.37 USD, resulting in an hourly wage of 11.2 USD."),
    ], [], title="SciTab: A Challenging Benchmark for Compositional Reasoning and Claim Verification on Scientific Tables")
    res = verify_claim("SciTab annotators were paid 11.2 USD for each claim they annotated.", [idx])
    assert res.verdict != Verdict.SUPPORTED and "per hour" in res.reason
    assert verdict(idx, "SciTab annotators were paid 0.37 USD for each claim they annotated.") == Verdict.SUPPORTED
    assert verdict(idx, "SciTab annotators earned an hourly wage of 11.2 USD.") == Verdict.SUPPORTED
