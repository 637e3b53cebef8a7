"""Verifying against several papers at once (a report's whole reading list): which paper's reading
decides the verdict."""

from __future__ import annotations

from tests.helpers.tables import table_at, tables_index
from verifier.extract import claim_from_text
from verifier.types import Verdict
from verifier.verify import verify_claim


def _paper(pid: str, title: str, text: list[tuple[int, str]], *tables) -> object:  # noqa: ANN002
    idx = tables_index(*tables, text=text, title=title)
    idx.paper_id, idx.label = pid, f"{pid}.pdf"
    return idx


def test_a_refutation_that_says_the_claim_outweighs_a_bare_support() -> None:
    """A table cell that names only the model supports "41%" weakly; the paper whose sentence says the
    claim's words (closed-domain tasks, making up information) gives 41% to GPT-3: refuted."""
    instruct = _paper("instructgpt", "Training language models to follow instructions with human feedback", [
        (3, "InstructGPT models show improvements in truthfulness over GPT-3."),
        (3, "On closed-domain tasks, InstructGPT models make up information not present in the input about half as "
            "often as GPT-3 (a 21% vs. 41% hallucination rate, respectively)."),
    ])
    other = _paper("tables", "A benchmark of scientific table claims", [(2, "We evaluate InstructGPT and GPT-4.")],
                   table_at(0, "Table 4", "Table 4: Macro-F1 of the models.", ["Model", "Zero-shot 3-class"],
                            [["InstructGPT 175B", "41.41"], ["GPT-4", "64.80"]]))
    claim = claim_from_text("On closed-domain tasks such as summarization, InstructGPT makes up information at a 41% rate.")
    r = verify_claim(claim, [other, instruct])
    assert r.verdict == Verdict.CONTRADICTED, r.reason
    assert r.evidence is not None and r.evidence.paper == "instructgpt.pdf" and "21%" in r.evidence.quote
    # (The same support stands where nothing refutes it more fully.)
    assert verify_claim("InstructGPT 175B scores 41.41 zero-shot 3-class macro-F1.", [other, instruct]).verdict == Verdict.SUPPORTED


def test_a_paper_naming_less_of_the_claim_does_not_refute_it() -> None:
    """The paper that names Llama-2-70B, 4-bit quantization and GB never gives 17.5 GB: not found,
    not refuted by another paper's "Bytes (GB)" column that names none of the model."""
    pruning = _paper("pruning", "The unreasonable ineffectiveness of the deeper layers", [
        (1, "We prune up to half of the layers of Llama-2-70B before 4-bit quantization."),
        (8, "With 4-bit quantization Llama-2-70B needs 35 GB of memory."),
    ])
    code = _paper("code", "Competition-level code generation", [(2, "Our dataset holds 715.1 GB of code with 4-bit hashes.")],
                  table_at(0, "Table 1", "Table 1: Language statistics of the dataset.", ["Language", "Files (M)", "Bytes (GB)"],
                           [["C#", "12.2", "38.4"], ["Go", "4.9", "19.8"]]))
    claim = claim_from_text("Combining 4-bit quantization with 50% layer pruning lets Llama-2-70B fit in about 17.5 GB of memory.")
    assert verify_claim(claim, [pruning]).verdict == Verdict.NOT_FOUND
    r = verify_claim(claim, [code, pruning])
    assert r.verdict == Verdict.NOT_FOUND, r.reason
