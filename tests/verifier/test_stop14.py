"""Set-up numbers, gaps, ranges and the paper's own system named in its abstract."""

from __future__ import annotations

from tests.helpers.tables import table_at, tables_index
from verifier.extract import claim_from_text
from verifier.index import build_index, own_names
from verifier.normalize import context_terms
from verifier.settings_check import _names_anchor, _Number, _same
from verifier.terms import claim_terms, own_terms
from verifier.types import Verdict
from verifier.verify import verify_claim

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


SETUP = [
    "For our 1.3B and 6B models, we use an LR of 9.65e-6 and a batch size of 32.",
    "We trained for a single epoch over the full reward model training set at a learning rate of lr = 9e-6, "
    "a cosine learning rate schedule, and a batch size of 64.",
]


def test_the_refuting_set_up_sentence_is_the_one_in_the_claims_words() -> None:
    idx = build_index("p", "paper.pdf", [(40, SETUP[0]), (41, SETUP[1])], [], page_texts=[ABSTRACT],
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
    exact = _Number(31144.0, "31,144", 0, 1.0, 0, 0)
    assert _same(exact, False, _Number(31.0, "31k", 0, 1e3, 0, 0))
    assert not _same(_Number(34144.0, "34,144", 0, 1.0, 0, 0), False, _Number(31.0, "31k", 0, 1e3, 0, 0))


def test_a_rate_per_something_is_not_a_count_of_it() -> None:
    assert _names_anchor("Prompts", "prompt")
    assert not _names_anchor("Prompts per customer", "prompt")


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


AGREEMENT = ("We find that training labelers agree with each-other 72.6 \u00b1 1.5% of the time, while for held-out "
             "labelers this number is 77.3 \u00b1 1.3%.")


def test_we_is_not_the_name_of_a_number_another_clause_gives_the_claims_words() -> None:
    idx = build_index("p", "paper.pdf", [(8, AGREEMENT)], [], page_texts=[ABSTRACT],
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
