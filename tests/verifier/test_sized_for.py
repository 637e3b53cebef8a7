"""Which model size a paper says does something on which benchmark, read from a sentence that lists
sizes each followed by the benchmarks it holds for."""

from __future__ import annotations

from verifier.index import build_index
from verifier.types import Verdict
from verifier.verify import verify_claim

_SIZES = [
    (6, "For instance, we can achieve better performances than 540B PaLM model's Few-shot CoT with 220M (over 2000x "
        "smaller) T5 model on e-SNLI, 770M (over 700x smaller) T5 models on ANLI and SVAMP, and 11B (over 45x smaller) "
        "T5 model on CQA."),
]


def _idx():  # noqa: ANN202
    return build_index("p", "p.pdf", _SIZES, [], title="Distilling Step-by-Step! Outperforming Larger Language Models")


def test_the_size_the_sentence_pairs_with_the_benchmark_decides() -> None:
    wrong = verify_claim("With human-labeled data, a 770M T5 model trained with Distilling step-by-step already beats "
                         "540B PaLM's few-shot CoT on CQA.", [_idx()])
    assert wrong.verdict == Verdict.CONTRADICTED and "11B" in wrong.reason
    right = verify_claim("Distilling step-by-step beats 540B PaLM's few-shot CoT on CQA with an 11B T5 model.", [_idx()])
    assert right.verdict == Verdict.SUPPORTED


def test_each_size_of_the_claim_holds_its_own_benchmarks() -> None:
    claim = ("With human labels, Distilling step-by-step beats 540B PaLM's few-shot CoT using a {} T5 on e-SNLI and "
             "an 11B T5 on CQA.")
    assert verify_claim(claim.format("220M"), [_idx()]).verdict == Verdict.SUPPORTED
    assert verify_claim(claim.format("770M"), [_idx()]).verdict == Verdict.CONTRADICTED
