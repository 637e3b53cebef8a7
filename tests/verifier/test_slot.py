"""A lone number read in the claim's own words (``verifier.slot.read_slot``): a sentence that puts
a number in the same slot of the same wording decides a claim the table and sentence paths leave
open. ``verify_claim`` asks it only then, so these tests call it directly."""

from __future__ import annotations

from verifier.extract import claim_from_text
from verifier.index import build_index
from verifier.slot import read_slot
from verifier.types import Verdict

_DATA = [
    "Our training dataset was collected in May 2020 from 54 million public software repositories hosted "
    "on GitHub, containing 179 GB of unique Python files under 1 MB.",
    "We filtered out files which were likely auto-generated or had a small share of alphanumeric characters.",
    "After filtering, our final dataset totaled 159 GB.",
]

_UPTRAINING = [
    "We uptrain T5 XXL checkpoints into multi-query models.",
    "The key and value heads are mean-pooled and then pre-trained for a further alpha proportion of steps.",
    "For alpha = 0.05, training took approximately 600 TPUv3 chip-days.",
]


def _read(claim: str, idx):  # noqa: ANN001, ANN202
    got = read_slot(claim_from_text(claim), idx)
    return got.verdict if got else Verdict.NOT_FOUND, got


def _index(sentences: list[str], title: str = "Evaluating Large Language Models Trained on Code"):  # noqa: ANN202
    return build_index("p", "paper.pdf", [(4, s) for s in sentences], [], title=title)


def test_a_sentence_worded_like_the_claim_supports_its_number() -> None:
    verdict, got = _read("After filtering, the GitHub Python training set totaled 159 GB.", _index(_DATA))
    assert verdict == Verdict.SUPPORTED and "totaled 159 GB" in got.quote and got.page == 4


def test_the_same_slot_with_another_number_contradicts_and_the_slot_said_twice_wins() -> None:
    # "totaled ... GB" is said by the 159 sentence; the 179 sentence only shares "GB".
    verdict, got = _read("After filtering, the GitHub Python training set totaled 169 GB.", _index(_DATA))
    assert verdict == Verdict.CONTRADICTED and got.number == "159" and "not 169" in got.reason


def test_a_compute_cost_said_after_its_setting_is_read_with_the_model_named_before() -> None:
    idx = _index(_UPTRAINING, title="GQA: Training Generalized Multi-Query Transformer Models")
    assert _read("Uptraining T5 XXL with alpha = 0.05 took approximately 600 TPUv3 chip-days.", idx)[0] == Verdict.SUPPORTED
    verdict, got = _read("Uptraining T5 XXL with alpha = 0.05 took approximately 900 TPUv3 chip-days.", idx)
    assert verdict == Verdict.CONTRADICTED and got.number == "600"


def test_another_setting_than_the_claims_is_no_reading_of_it() -> None:
    idx = _index(_UPTRAINING, title="GQA: Training Generalized Multi-Query Transformer Models")
    assert _read("Uptraining T5 XXL with alpha = 0.2 took approximately 900 TPUv3 chip-days.", idx)[0] == Verdict.NOT_FOUND


def test_a_bound_states_no_value_and_a_benchmark_said_elsewhere_is_not_the_claims() -> None:
    idx = _index(["PS+ prompting improves the accuracy over Zero-shot CoT by at least 5% on all datasets.",
                  "On the MultiArith dataset, the training set contains 420 problems."],
                 title="Plan-and-Solve Prompting")
    assert _read("PS+ prompting improves the accuracy over Zero-shot CoT by 3.9% on all datasets.", idx)[0] == Verdict.NOT_FOUND
    assert _read("On the GSM8K dataset, the training set contains 520 problems.", idx)[0] == Verdict.NOT_FOUND
    assert _read("On the MultiArith dataset, the training set contains 520 problems.", idx)[0] == Verdict.CONTRADICTED


def test_a_model_size_the_sentence_does_not_give_is_no_reading_of_it() -> None:
    idx = _index(["For a 7B LLaMA model, the LoRA input gradients take 567 MB of memory.",
                  "In comparison, the 4-bit base model consumes 5,048 MB of memory."],
                 title="QLoRA: Efficient Finetuning of Quantized LLMs")
    assert _read("For a 7B LLaMA model, the 4-bit base model consumes 5,408 MB of memory.", idx)[0] == Verdict.CONTRADICTED
    assert _read("For a 13B LLaMA model, the 4-bit base model consumes 9,408 MB of memory.", idx)[0] == Verdict.NOT_FOUND


def test_a_sentence_that_gives_its_numbers_to_another_method_is_no_reading_of_the_claim() -> None:
    idx = _index(["We compare our method with program-aided reasoning methods on WikiTQ.",
                  "Dater with the OpenAI Codex LLM achieves 85.6% accuracy on WikiTQ.",
                  "It also achieves 27.96 in BLEU on FeTaQA."],
                 title="Chain-of-Table: Evolving Tables in the Reasoning Chain")
    assert _read("Chain-of-Table achieves 75.6% accuracy on WikiTQ.", idx)[0] == Verdict.NOT_FOUND
    assert _read("Chain-of-Table achieves 30.15 in BLEU on FeTaQA.", idx)[0] == Verdict.NOT_FOUND
    assert _read("Dater with the Codex LLM achieves 75.6% accuracy on WikiTQ.", idx)[0] == Verdict.CONTRADICTED


def test_a_language_pair_the_sentence_does_not_say_is_no_reading_of_it() -> None:
    idx = _index(["On the WMT 2014 English-to-German translation task, the big transformer model "
                  "establishes a new state of the art with 28.4 BLEU."],
                 title="Attention Is All You Need")
    claim = "On the WMT 2016 {} translation task, the big transformer model establishes 34.2 BLEU."
    assert _read(claim.format("English-to-Romanian"), idx)[0] == Verdict.NOT_FOUND
    assert _read(claim.format("English-to-German"), idx)[0] == Verdict.CONTRADICTED


def test_the_slot_word_may_stand_on_the_other_side_of_the_number() -> None:
    idx = _index(["We implement greedy self-speculative decoding with the 7B 4-token prediction model.",
                  "We observe a speedup of 3.0x on code with an average of 2.5 accepted tokens."],
                 title="Better & Faster Large Language Models via Multi-token Prediction")
    verdict, got = _read("Self-speculative decoding with the 7B 4-token prediction model gives a 2.7x speedup on code.", idx)
    assert verdict == Verdict.CONTRADICTED and got.number == "3.0x"


def test_a_share_ten_times_the_papers_is_still_its_slot() -> None:
    idx = _index(["On e-SNLI, Distilling step-by-step outperforms few-shot CoT of the LLM with a 220M T5 model "
                  "using only 0.1% of the full dataset."],
                 title="Distilling Step-by-Step! Outperforming Larger Language Models")
    verdict, got = _read("On e-SNLI, Distilling step-by-step beats few-shot CoT of the 540B LLM with a 220M T5 model "
                         "using only 1% of the full dataset.", idx)
    assert verdict == Verdict.CONTRADICTED and got.number == "0.1%"
    # Another model size than the sentence's is no reading of it.
    assert _read("On e-SNLI, Distilling step-by-step beats few-shot CoT of the 540B LLM with a 770M T5 model "
                 "using only 1% of the full dataset.", idx)[0] == Verdict.NOT_FOUND


def test_a_number_before_another_clauses_name_is_the_first_clauses() -> None:
    idx = _index(["To measure the inter-annotator agreement, we use Cohen's Kappa.",
                  "Our inter-annotator agreement is 0.630 for the false claim verification task "
                  "and 0.719 for the NEI claim verification task."],
                 title="SciTab: A Challenging Benchmark for Compositional Reasoning and Claim Verification")
    verdict, got = _read("SciTab's annotators reached an inter-annotator agreement of 0.680 on the false-claim "
                         "verification task.", idx)
    assert verdict == Verdict.CONTRADICTED and got.number == "0.630"


def test_this_set_is_the_one_the_sentence_before_named() -> None:
    idx = _index(["Open-Platypus is a curated dataset amalgamated from 11 open-source datasets.",
                  "This set contains 25k questions where 10% are LLM-generated and the remainder human-written.",
                  "ShareGPT is a dataset of 70K voluntarily-shared ChatGPT conversations."],
                 title="NEFTune: Noisy Embeddings Improve Instruction Finetuning")
    assert _read("Open-Platypus contains 25k questions, of which 15% are LLM-generated.", idx)[0] == Verdict.CONTRADICTED
    assert _read("ShareGPT contains 25k questions, of which 15% are LLM-generated.", idx)[0] == Verdict.NOT_FOUND


def test_a_name_of_the_numbers_own_phrase_the_claim_does_not_say_is_another_case() -> None:
    idx = _index(["Closed source LLMs perform better than open source LLMs, with GPT-4 achieving 78.22 macro-F1 "
                  "for the 2-class setting and 64.80 for the 3-class setting."],
                 title="SciTab: A Challenging Benchmark for Compositional Reasoning and Claim Verification")
    assert _read("In the 3-class setting, GPT-4 reaches 62.1 macro-F1.", idx)[0] == Verdict.NOT_FOUND
    verdict, got = _read("In the 2-class setting, GPT-4 reaches 72.1 macro-F1.", idx)
    assert verdict == Verdict.CONTRADICTED and got.number == "78.22"


def test_a_method_the_claim_writes_in_lower_case_is_the_sentences_own() -> None:
    idx = _index(["We merge two tasks with each method.",
                  "In contrast, Simple Averaging suffers from a 10% performance drop."],
                 title="TIES-Merging: Resolving Interference When Merging Models")
    verdict, got = _read("When only two tasks are merged, simple averaging suffers roughly a 20% performance drop.", idx)
    assert verdict == Verdict.CONTRADICTED and got.number == "10%"
    assert _read("When only two tasks are merged, task arithmetic suffers roughly a 20% performance drop.",
                 idx)[0] == Verdict.NOT_FOUND


def test_each_number_of_a_pair_is_read_from_its_own_phrase() -> None:
    idx = _index(["Our 7B 8-byte prediction model outperforms next-byte prediction, solving 67% more problems "
                  "on MBPP pass@1 and 20% more problems on HumanEval pass@1."],
                 title="Better & Faster Large Language Models via Multi-token Prediction")
    claim = ("Compared with next-byte prediction, the 7B 8-byte prediction model solves 67% more problems on "
             "MBPP pass@1 and {} more on HumanEval pass@1.")
    assert _read(claim.format("20%"), idx)[0] == Verdict.SUPPORTED
    verdict, got = _read(claim.format("25%"), idx)
    assert verdict == Verdict.CONTRADICTED and got.number == "20%"


def test_a_share_of_which_is_the_share_the_sentence_gives() -> None:
    idx = _index(["Open-Platypus is a curated dataset amalgamated from 11 open-source datasets.",
                  "This set contains 25k questions where about 10% are LLM-generated and the remainder human-written."],
                 title="NEFTune: Noisy Embeddings Improve Instruction Finetuning")
    verdict, got = _read("The Open-Platypus dataset contains 25k questions, about 15% of which are LLM-generated.", idx)
    assert verdict == Verdict.CONTRADICTED and got.number == "10%"


_TIMES = ["For the 1.1B model, we conducted our training on 32 x H100 80G GPUs.",
          "This configuration allowed us to train approximately 15 billion tokens in around 3.5 hours and "
          "50 billion tokens in about 12 hours.",
          "In the case of the 7B model, training the same 15 billion tokens took approximately 18 hours "
          "under similar hardware conditions."]


def test_the_time_a_run_took_is_read_for_the_models_own_size() -> None:
    idx = _index(_TIMES, title="Rho-1: Not All Tokens Are What You Need")
    claim = "Continual pretraining of the 7B Rho-1 model on 15 billion tokens took about {} hours."
    assert _read(claim.format("18"), idx)[0] == Verdict.SUPPORTED
    verdict, got = _read(claim.format("12"), idx)
    assert verdict == Verdict.CONTRADICTED and got.number == "18"


def test_a_time_read_as_a_count_still_refutes_a_claim_its_other_numbers_support() -> None:
    from verifier.verify import verify_claim

    idx = _index(_TIMES, title="Rho-1: Not All Tokens Are What You Need")
    res = verify_claim("Continual pretraining of the 7B Rho-1 model on 15 billion tokens took roughly 9 hours "
                       "on 32 H100 GPUs.", [idx])
    assert res.verdict == Verdict.CONTRADICTED and "18" in res.reason


def test_a_bound_in_the_claim_is_no_time_to_refute() -> None:
    idx = _index(["Our best model reaches 99.3% of ChatGPT while only requiring 24 hours of finetuning on a single GPU.",
                  "The second best model is trainable in less than 12 hours on a single consumer GPU."],
                 title="QLoRA: Efficient Finetuning of Quantized LLMs")
    c = claim_from_text("The second best model is trainable in under 20 hours on a single consumer GPU.")
    assert read_slot(c, idx, [c.quantities[0]]) is None



def test_the_words_before_a_number_that_follow_another_number_are_that_ones() -> None:
    idx = _index(["We trained the base models for a total of 100,000 steps or 12 hours on 8 P100 GPUs."],
                 title="Attention Is All You Need")
    c = claim_from_text("The base models were trained for 100,000 steps, which took about 12 hours on 9 P100 GPUs.")
    nine = next(q for q in c.quantities if q.text == "9")
    # "hours" before 9 is the 12's unit: 9 is read against the 8 GPUs alone, not against 12 as well.
    got = read_slot(c, idx, [nine])
    assert got is not None and got.verdict == Verdict.CONTRADICTED and got.number == "8"
