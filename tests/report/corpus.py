"""A tiny generated corpus for the report tests: two on-topic papers, one off-topic, one hostile title."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Sequence

from synth.report.types import Check, Evidence
from tests.helpers.pdfgen import PaperSpec, SectionSpec, TableSpec, make_paper_pdf

QUESTION = "How does LoRA or QLoRA fine-tuning compare with full fine-tuning in quality and memory?"

LORA = PaperSpec(
    title="LoRA: Low-Rank Adaptation of Large Language Models",
    authors=["Edward Hu", "Yelong Shen"],
    abstract=("We propose Low-Rank Adaptation, or LoRA, which freezes the pretrained weights and injects trainable "
              "rank decomposition matrices. LoRA reduces the number of trainable parameters by 10000 times and the "
              "GPU memory requirement by 3 times compared with full fine-tuning."),
    arxiv_stamp="2106.09685v2",
    sections=[
        SectionSpec("1 Introduction", [
            "Full fine-tuning of large models is expensive. LoRA fine-tuning performs on-par or better than full "
            "fine-tuning in model quality on RoBERTa and GPT-3.",
        ]),
        SectionSpec("2 Results", [
            "With LoRA, GPT-3 175B reaches 73.4% accuracy on WikiSQL while full fine-tuning reaches 73.8%. "
            "LoRA reduces GPU memory during training from 1.2TB to 350GB for GPT-3 175B.",
        ], tables=[TableSpec("Table 1: Accuracy (%) of fine-tuning methods on WikiSQL and MNLI.",
                             ["Method", "WikiSQL", "MNLI"],
                             [["Full fine-tuning", "73.8", "89.5"], ["LoRA", "73.4", "91.7"]])], new_page=True),
    ],
    references=["Houlsby et al. Parameter-efficient transfer learning for NLP. ICML 2019."],
)

QLORA = PaperSpec(
    title="QLoRA: Efficient Finetuning of Quantized LLMs",
    authors=["Tim Dettmers", "Artidoro Pagnoni"],
    abstract=("We present QLoRA, an efficient finetuning approach that reduces memory usage enough to finetune a 65B "
              "parameter model on a single 48GB GPU while preserving full 16-bit finetuning task performance."),
    arxiv_stamp="2305.14314v1",
    sections=[
        SectionSpec("1 Introduction", [
            "QLoRA backpropagates gradients through a frozen 4-bit quantized model into Low Rank Adapters (LoRA).",
        ]),
        SectionSpec("2 Experiments", [
            "QLoRA with 4-bit NormalFloat matches 16-bit full finetuning and 16-bit LoRA performance on MMLU. "
            "QLoRA reduces the average memory requirement of finetuning a 65B model from more than 780GB of GPU "
            "memory to less than 48GB.",
        ], tables=[TableSpec("Table 2: MMLU 5-shot accuracy (%) of LLaMA 7B finetuned on Alpaca.",
                             ["Data type", "MMLU"],
                             [["BFloat16 LoRA", "38.4"], ["QLoRA NF4", "39.0"]])], new_page=True),
    ],
)

OFF_TOPIC = PaperSpec(
    title="Sourdough Fermentation Dynamics in Rye Bread",
    authors=["Jane Baker"],
    abstract=("We measure how temperature affects the rise of rye sourdough. Dough kept at 26 degrees rose 40% "
              "faster than dough kept at 20 degrees."),
    arxiv_stamp="2201.00002v1",
    sections=[SectionSpec("1 Baking", ["Rye flour absorbs more water than wheat flour. The crumb was dense in 3 of 5 loaves."])],
)

HOSTILE = PaperSpec(
    title="LoRA <script>alert(1)</script> Adapters for Fine-Tuning",
    authors=["Mallory <b>Evil</b>"],
    abstract=("LoRA fine-tuning <img src=x onerror=alert(2)> reaches 55.0% accuracy with 12GB of GPU memory, "
              "compared with full fine-tuning at 56.0%."),
    arxiv_stamp="2301.00003v1",
    sections=[SectionSpec("1 Results", ["LoRA fine-tuning uses 12GB of memory while full fine-tuning uses 80GB."])],
)


def make_corpus(root: Path, specs: Sequence[PaperSpec] = (LORA, QLORA, OFF_TOPIC)) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for i, spec in enumerate(specs):
        make_paper_pdf(root / f"paper{i}.pdf", spec)
    return root


_NUM = re.compile(r"\d+(?:\.\d+)?")


class FakeVerifier:
    """Stands in for the verifier package: a claim is each sentence with a number; it is
    supported where all its numbers occur on one page of the given papers."""

    name = "fake-verifier"

    def __init__(self, store) -> None:  # noqa: ANN001
        self.store = store
        self.calls: list[tuple[str, tuple[str, ...]]] = []

    def extract(self, text: str, paper_id: str, page: int) -> list[Any]:
        return [text] if _NUM.search(text) else []

    def claim_text(self, claim: Any) -> str:
        return str(claim)

    def verify(self, claim: Any, paper_ids: Sequence[str]) -> Check:
        self.calls.append((str(claim), tuple(paper_ids)))
        nums = _NUM.findall(str(claim))
        for pid in paper_ids:
            for n, text in enumerate(self.store.page_texts(pid), 1):
                if nums and all(x in text for x in nums):
                    line = next((ln for ln in text.splitlines() if nums[0] in ln), text[:80])
                    return Check("supported", 0.9, (Evidence(paper=pid, page=n, quote=line.strip()),),
                                 "all numbers found on the page")
        return Check("not_found", 0.3, (), "numbers not found")
