"""Verification against a generated paper with a results table (and against a bare Table)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.pdfgen import PaperSpec, SectionSpec, TableSpec, make_paper_pdf
from tests.helpers.tables import table_at, tables_index
from verifier.index import build_index, index_from_pdf
from verifier.types import Verdict
from verifier.verify import verify_claim

ROWS = [["BaseCoder-1B", "25.71", "38.0"], ["TinyCoder-1B", "28.81", "41.2"], ["TinyCoder-3B", "35.40", "47.9"]]


def _spec() -> PaperSpec:
    return PaperSpec(
        title="Tiny Coders", abstract="We train TinyCoder, a family of small code models.",
        sections=[
            SectionSpec("1 Results", [
                "Table 1 lists pass@1 on HumanEval and MBPP. Small models trained well are competitive on HumanEval. "
                "The expected calibration error of TinyCoder-3B is 0.39 on the held-out split.",
            ], tables=[TableSpec("Table 1: pass@1 (%) on HumanEval and MBPP.", ["Model", "HumanEval", "MBPP"], ROWS)]),
        ],
    )


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    path = make_paper_pdf(Path(tmp_path_factory.mktemp("pdf")) / "tiny.pdf", _spec())
    return index_from_pdf(str(path))


def check(index, text: str):  # noqa: ANN001, ANN201
    return verify_claim(text, [index])


def test_supported_value_with_table_evidence(index) -> None:  # noqa: ANN001
    r = check(index, "TinyCoder-3B reaches 47.9% pass@1 on MBPP.")
    assert r.verdict == Verdict.SUPPORTED
    assert r.evidence is not None and r.evidence.table == "Table 1" and r.evidence.page == 1
    assert "TinyCoder-3B" in (r.evidence.row or "") and "MBPP" in (r.evidence.column or "")
    assert "47.9" in r.evidence.quote
    assert 0.0 <= r.confidence <= 1.0


def test_wrong_value_is_contradicted_with_the_true_value(index) -> None:  # noqa: ANN001
    r = check(index, "TinyCoder-3B reaches 49.3% pass@1 on MBPP.")
    assert r.verdict == Verdict.CONTRADICTED
    assert "47.9" in r.reason


def test_misattribution_names_the_right_cell(index) -> None:  # noqa: ANN001
    r = check(index, "TinyCoder-1B reaches 41.2% pass@1 on HumanEval.")
    assert r.verdict == Verdict.CONTRADICTED
    assert "MBPP" in r.reason and "28.81" in r.reason  # 41.2 is MBPP; HumanEval is 28.81
    assert r.evidence is not None and "HumanEval" in (r.evidence.column or "")


def test_row_misattribution(index) -> None:  # noqa: ANN001
    r = check(index, "BaseCoder-1B reaches 28.81% pass@1 on HumanEval.")
    assert r.verdict == Verdict.CONTRADICTED
    assert "TinyCoder-1B" in r.reason and "25.71" in r.reason


def test_rounding_is_supported(index) -> None:  # noqa: ANN001
    r = check(index, "TinyCoder-1B scores 28.8% on HumanEval.")
    assert r.verdict == Verdict.SUPPORTED
    assert "rounded" in r.reason


def test_fraction_of_a_percentage_is_supported(index) -> None:  # noqa: ANN001
    r = check(index, "TinyCoder-3B has a pass@1 of 0.354 on HumanEval.")
    assert r.verdict == Verdict.SUPPORTED
    assert "percent" in r.reason


def test_percentage_of_a_fraction_in_text(index) -> None:  # noqa: ANN001
    r = check(index, "The expected calibration error of TinyCoder-3B is 39% on the held-out split.")
    assert r.verdict == Verdict.SUPPORTED
    assert r.evidence is not None and r.evidence.table is None


def test_not_found_names_what_is_missing(index) -> None:  # noqa: ANN001
    r = check(index, "TinyCoder-3B reaches 12.5% accuracy on GSM8K.")
    assert r.verdict == Verdict.NOT_FOUND
    assert "gsm8k" in r.reason.lower()
    assert r.evidence is None


def test_comparison_arithmetic(index) -> None:  # noqa: ANN001
    ok = check(index, "TinyCoder-1B outperforms BaseCoder-1B by 3.1 points on HumanEval.")
    assert ok.verdict == Verdict.SUPPORTED
    bad = check(index, "TinyCoder-1B outperforms BaseCoder-1B by 4.2 points on HumanEval.")
    assert bad.verdict == Verdict.CONTRADICTED
    assert "3.10" in bad.reason


def test_explicit_operands_checked(index) -> None:  # noqa: ANN001
    r = check(index, "TinyCoder-3B improves over BaseCoder-1B on MBPP by 9.9 points (47.9 vs 38.0).")
    assert r.verdict == Verdict.SUPPORTED
    r = check(index, "TinyCoder-3B improves over BaseCoder-1B on MBPP by 7.9 points (47.9 vs 38.0).")
    assert r.verdict == Verdict.CONTRADICTED


def test_qualitative_claims_need_strong_text(index) -> None:  # noqa: ANN001
    assert check(index, "Small models trained well are competitive on HumanEval.").verdict == Verdict.SUPPORTED
    assert check(index, "Large models always win on HumanEval against every small model.").verdict == Verdict.NOT_FOUND


def test_no_checkable_content() -> None:
    idx = build_index("p", "p.pdf", [(1, "Nothing here.")], [])
    r = verify_claim("it is nice", [idx])
    assert r.verdict == Verdict.NOT_FOUND and "no checkable content" in r.reason


def test_bare_table_without_pdf() -> None:
    idx = tables_index(table_at(0, "Table 2", "Table 2: pass@1 (%).", ["Model", "HumanEval", "MBPP"], ROWS, page=3))
    assert verify_claim("TinyCoder-3B gets 35.4 on HumanEval.", [idx]).verdict == Verdict.SUPPORTED
    r = verify_claim("TinyCoder-3B gets 47.9 on HumanEval.", [idx])
    assert r.verdict == Verdict.CONTRADICTED and r.evidence.page == 3 and r.evidence.table == "Table 2"


def test_index_from_parsed_doc_built_in_code() -> None:
    from synth.types import PageText, ParsedDoc, Sentence

    from verifier.index import index_from_parsed

    table = table_at(0, "Table 1", "Table 1: Accuracy (%) with chain-of-thought prompting.", ["Model", "GSM8K"],
                     [["PaLM 540B", "56.9"], ["GPT-3 175B", "46.9"]], page=2)
    text = "PaLM 540B reaches 56.9% on GSM8K with chain-of-thought prompting."
    doc = ParsedDoc(title="t", authors=(), arxiv_id=None, arxiv_version=None, abstract=None,
                    pages=(PageText(1, text, True), PageText(2, "Table 1", True)), sections=(), paragraphs=(),
                    sentences=(Sentence(0, 1, text, 0),), tables=(table,), figures=(), references=())
    idx = index_from_parsed(doc, "pid", "paper.pdf")
    assert verify_claim("GPT-3 175B solves 46.9% of GSM8K.", [idx]).verdict == Verdict.SUPPORTED
    r = verify_claim("GPT-3 175B solves 56.9% of GSM8K.", [idx])
    assert r.verdict == Verdict.CONTRADICTED and "PaLM 540B" in r.reason and "46.9" in r.reason


def test_negated_claim_of_a_stated_value_is_contradicted(index) -> None:  # noqa: ANN001
    r = check(index, "TinyCoder-3B does not reach 47.9% pass@1 on MBPP.")
    assert r.verdict == Verdict.CONTRADICTED and "denies" in r.reason


def test_direction_against_a_comparator_without_a_number(index) -> None:  # noqa: ANN001
    assert check(index, "TinyCoder-3B reaches 47.9% on MBPP, higher than BaseCoder-1B.").verdict == Verdict.SUPPORTED
    r = check(index, "TinyCoder-3B reaches 47.9% on MBPP, lower than BaseCoder-1B.")
    assert r.verdict == Verdict.CONTRADICTED and "38.0" in r.reason


def test_numbered_variant_needs_its_number():
    """"16-token prediction" is not the "1T tokens" row, though both say "token"."""
    from types import SimpleNamespace

    from verifier.extract import claim_from_text
    from verifier.normalize import context_terms
    from verifier.terms import claim_terms, coverage

    claim = claim_from_text("With 16-token prediction the 7B model reaches 28.9 pass@1 on MBPP.")
    term = next(t for t in claim_terms(claim) if t.text == "16-token")
    other = SimpleNamespace(terms=context_terms("1T tokens (4 epochs) n = 1"), kind="cell")
    mine = SimpleNamespace(terms=context_terms("313B bytes n = 16"), kind="cell")
    assert coverage(term, other) == 0.0
    assert coverage(term, mine) > 0.0


def test_dataset_size_claim_is_checked_against_the_statistics_table() -> None:
    """A claim whose only numbers are counts ("2,290 questions") is a result about the data, not
    a claim without numbers."""
    header = ["Dataset", "Domain", "# Samples", "Ave. words"]
    rows = [["SVAMP", "Arithmetic", "1000", "31.8"], ["StrategyQA", "Commonsense", "2290", "9.6"]]
    idx = tables_index(table_at(0, "Table 1", "Table 1: Details of datasets being evaluated.", header, rows))
    r = verify_claim("The StrategyQA evaluation set has 2,290 questions.", [idx])
    assert r.verdict == Verdict.SUPPORTED and r.evidence.table == "Table 1"
    r = verify_claim("The StrategyQA evaluation set has 1,000 questions.", [idx])
    assert r.verdict == Verdict.CONTRADICTED and "2290" in r.reason



def _apps_index():  # noqa: ANN202
    """Codex's Table 2: APPS difficulty levels as columns."""
    rows = [["1-SHOT CODEX FILTERED PASS@1", "22.78%", "2.64%", "3.04%"],
            ["1-SHOT CODEX RAW PASS@1", "4.14%", "0.14%", "0.02%"]]
    return tables_index(table_at(0, "Table 2", "Table 2: Codex-12B evaluated on APPS, by difficulty level.",
                                 ["", "INTRODUCTORY", "INTERVIEW", "COMPETITION"], rows, page=8))

def test_a_one_number_claim_names_its_column_anywhere_in_the_sentence() -> None:
    """"interview-level" far before the number still points to the INTERVIEW column."""
    idx = _apps_index()
    claim = "Evaluated 1-shot on APPS interview-level problems, Codex-12B achieves a filtered pass@1 of {}."
    r = verify_claim(claim.format("22.78%"), [idx])
    assert r.verdict == Verdict.CONTRADICTED and "2.64%" in r.reason
    assert verify_claim(claim.format("2.64%"), [idx]).verdict == Verdict.SUPPORTED


def test_hyperparameter_table_leaves_the_method_and_the_row_neighbours_to_its_surroundings() -> None:
    """The Deeper Layers appendix: one row per model, the method (QLoRA) only in the text above it."""
    header = ["Model", "FT Tokens", "Peak LR", "LoRA Rank"]
    rows = [["Llama-2 70B", "328M", "3e-5", "8"], ["Mistral 7B", "164M", "3e-6", "4"]]
    text = [(18, "We heal the pruned models with QLoRA on the C4 dataset.")]
    idx = tables_index(table_at(0, None, "", header, rows, page=19), text=text)
    ok = verify_claim("When healing the pruned Llama-2-70B with QLoRA, the authors use LoRA rank 8.", [idx])
    assert ok.verdict == Verdict.SUPPORTED
    bad = verify_claim("When healing the pruned Llama-2-70B with QLoRA, the authors use LoRA rank 64.", [idx])
    assert bad.verdict == Verdict.CONTRADICTED and "8" in bad.reason
    # A row's own name is never left to the page: Mistral's rate is not Llama's.
    assert verify_claim("Healing of pruned Mistral 7B uses a peak learning rate of 3e-5.",
                        [idx]).verdict == Verdict.CONTRADICTED


def test_one_sentence_stating_all_the_claims_numbers_decides_it_and_its_pairing() -> None:
    table = table_at(0, "Table 2", "Table 2: Accuracy on math reasoning.", ["Method", "GSM8K", "SVAMP"],
                     [["Zero-shot PS+", "59.3", "75.7"]])
    text = [(6, "With self-consistency, Zero-shot PS+ prompting reaches 73.7% and 84.4% on GSM8K and SVAMP respectively.")]
    idx = tables_index(table, text=text)
    ok = verify_claim("With self-consistency, Zero-shot PS+ prompting reaches 73.7% on GSM8K and 84.4% on SVAMP.", [idx])
    assert ok.verdict == Verdict.SUPPORTED and ok.evidence.page == 6
    swapped = verify_claim("With self-consistency, Zero-shot PS+ prompting reaches 84.4% on GSM8K and 73.7% on SVAMP.",
                           [idx])
    assert swapped.verdict == Verdict.CONTRADICTED and "pairs 84.4% with SVAMP" in swapped.reason


def test_task_headers_suites_and_a_lift_from_a_baseline() -> None:
    """CoT's Table 4 heads its columns "Date" and "Sports"; the text names "Date Understanding" from
    "BIG-bench". In "CoT lifts X from A to B", A is X without CoT."""
    header = ["Model", "Date standard", "Date CoT", "Sports standard", "Sports CoT"]
    rows = [["PaLM 62B", "29.8", "44.7", "72.1", "93.6"], ["PaLM 540B", "49.0", "65.3", "80.5", "95.4"]]
    text = [(7, "We choose two evaluation sets from the BIG-bench effort: Date Understanding and Sports Understanding.")]
    idx = tables_index(table_at(0, "Table 4", "Table 4: Standard prompting versus chain of thought.", header, rows,
                                page=22), text=text)
    r = verify_claim("Chain-of-thought prompting lifts PaLM 540B on BIG-bench Date Understanding from 49.0% to 65.3%.",
                     [idx])
    assert r.verdict == Verdict.SUPPORTED and r.evidence.table == "Table 4"
    r = verify_claim("Chain-of-thought prompting lifts PaLM 540B on BIG-bench Date Understanding from 49.0% to 80.5%.",
                     [idx])
    assert r.verdict == Verdict.CONTRADICTED and "65.3" in r.reason


def test_a_bracketed_baseline_note_keeps_the_lift_apart() -> None:
    """"4-token prediction improves MBPP pass@1 from 30.0 (next-token baseline) to 33.8": the note
    after the baseline number does not make the lift's method the baseline's."""
    header = ["Model", "MBPP @1", "HumanEval @1"]
    rows = [["7B 200B tokens n = 1", "30.0", "22.8"], ["7B 200B tokens n = 2", "30.3", "22.2"],
            ["7B 200B tokens n = 4", "33.8", "24.0"]]
    idx = tables_index(table_at(0, "Table 1", "Table 1: Multi-token prediction on code benchmarks.", header, rows))
    claim = "For 7B models trained on 200B tokens, 4-token prediction improves MBPP pass@1 from 30.0{} to 33.8."
    assert verify_claim(claim.format(""), [idx]).verdict == Verdict.SUPPORTED
    assert verify_claim(claim.format(" (next-token baseline)"), [idx]).verdict == Verdict.SUPPORTED


def test_a_versioned_name_is_no_column_and_gsm_h_is_no_gsm8k() -> None:
    """Rho-1's Table 2: the "Math" of "Rho-1-Math" names no MATH column, and "GSM-H" (GSM-Hard) is
    a benchmark of its own, not GSM8K."""
    header = ["Model", "GSM8k", "MATH", "GSM-H"]
    rows = [["TinyLlama-CT 1B ToRA-69k", "51.4", "38.4", "42.8"], ["Rho-1-Math 1B ToRA-69k", "59.4", "40.6", "48.1"],
            ["Rho-1-Math 7B ToRA-69k", "81.3", "51.8", "63.1"]]
    idx = tables_index(table_at(0, "Table 2", "Table 2: Tool-integrated reasoning results.", header, rows))
    claim = ("After fine-tuning on ToRA-69k, Rho-1-Math 1B reaches 59.4% on GSM8K, 8.0 points above "
             "TinyLlama-CT ({}).")
    assert verify_claim(claim.format("51.4%"), [idx]).verdict == Verdict.SUPPORTED
    assert verify_claim(claim.format("38.4%"), [idx]).verdict == Verdict.CONTRADICTED
    r = verify_claim("With ToRA-69k fine-tuning, Rho-1-Math 7B scores 63.1% on GSM8K.", [idx])
    assert r.verdict == Verdict.CONTRADICTED and "81.3" in r.reason


def test_a_model_with_a_method_beating_another_method_keeps_the_model() -> None:
    """LoRA's Table 13, where the Large block's first row reads "GPT-2 Large Fine-Tune 774M": in "GPT-2
    Medium with LoRA reaches 47.1, beating full fine-tuning (46.2)" the model is both numbers', and
    a row naming another size is no neighbour the claim points to."""
    header = ["Method", "GPT-2 Medium BLEU"]
    rows = [["Fine-Tune 354M", "46.2"], ["LoRA 0.35M", "47.1"], ["GPT-2 Large Fine-Tune 774M", "47.0"],
            ["LoRA 0.77M", "47.5"]]
    text = [(3, "LoRA trains 0.1% of the parameters that full fine-tuning (Fine-Tune) updates.")]
    idx = tables_index(table_at(0, "Table 13", "Table 13: GPT-2 with different adaptation methods on DART.",
                                header, rows), text=text)
    claim = "On DART, GPT-2 Medium with LoRA reaches 47.1 BLEU, beating full fine-tuning ({}) by {} points."
    assert verify_claim(claim.format("46.2", "0.9"), [idx]).verdict == Verdict.SUPPORTED
    assert verify_claim(claim.format("45.2", "1.9"), [idx]).verdict != Verdict.SUPPORTED


def test_a_lowering_from_a_baseline_named_after_its_number() -> None:
    """QLoRA's Table 2: in "NFloat4 lowers perplexity from 34.34 with Int4 to 27.41" the words after
    the first number are its own, and the method lowering it owns the second."""
    rows = [["Int4", "34.34"], ["Float4 (E2M1)", "31.07"], ["NFloat4 + DQ", "27.41"]]
    idx = tables_index(table_at(0, "Table 2", "Table 2: Pile Common Crawl mean perplexity for different data types.",
                                ["Data type", "Mean PPL"], rows))
    claim = "NFloat4 with double quantization lowers mean Pile Common Crawl perplexity from {} with Int4 to {}."
    assert verify_claim(claim.format("34.34", "27.41"), [idx]).verdict == Verdict.SUPPORTED
    assert verify_claim(claim.format("31.07", "27.41"), [idx]).verdict != Verdict.SUPPORTED


def test_a_bare_number_heading_a_column_is_the_claims_length() -> None:
    """CoT's Table 5 heads its last-letter columns "2", "OOD: 3", "OOD: 4" (words per name), as the
    layout reader reads it: "4-word names" is the "4" column, not the "3" one."""
    header = ["Model"] + [f"Last Letter Concatenation {h}" for h in
                          ("2 standard", "2 CoT", "OOD: standard", "3 CoT", "OOD: standard", "4 CoT")]
    text = [(6, "For out-of-distribution evaluation we use 3-word and 4-word names; the 2-word names of the "
                "exemplars cover 100% of the training prompts.")]
    idx = tables_index(table_at(0, "Table 5", "Table 5: Symbolic reasoning with chain of thought.", header,
                                [["PaLM 540B", "7.6", "99.4", "0.2", "94.8", "0.0", "63.0"]]), text=text)
    claim = "On last letter concatenation with out-of-distribution 4-word names, PaLM 540B with CoT reaches {}% accuracy."
    assert verify_claim(claim.format("63.0"), [idx]).verdict == Verdict.SUPPORTED
    r = verify_claim(claim.format("94.8"), [idx])
    assert r.verdict == Verdict.CONTRADICTED and "63.0" in r.reason
    assert verify_claim(claim.replace("4-word", "3-word").format("94.8"), [idx]).verdict == Verdict.SUPPORTED
    # The sibling check reads the bare "4" as a key of its own (on the real page the scores tie).
    from verifier.siblings import _keys, claim_keys

    assert "#4" in claim_keys(claim) and "#4" in _keys("Last Letter Concatenation 4 CoT")
    assert "#4" in claim_keys("names of length 4") and "#5" in claim_keys("with 5 steps")
    assert "#2" not in _keys("# of Para. 2-class") and "#1" not in _keys("MBPP pass@1")


def test_the_table_with_the_claims_setting_decides() -> None:
    """LoRA's Table 4 gives GPT-3 (LoRA) 73.4 on WikiSQL, with no rank; Table 6 gives it by rank r
    and adapted weights. "Only Wq with rank r = 1" is Table 6's 68.8 ("WikiSQL validation" is no "Wv")."""
    main = table_at(0, "Table 4", "Table 4: Performance of adaptation methods on GPT-3 175B.",
                    ["Model & Method", "WikiSQL Acc. (%)", "MNLI-m Acc. (%)"], [["GPT-3 (LoRA) 4.7M", "73.4", "91.7"]])
    ranks = table_at(1, "Table 6", "Table 6: Validation accuracy on WikiSQL and MultiNLI with different rank r.",
                     ["Weight Type", "r = 1", "r = 2", "r = 8"],
                     [["WikiSQL Wq", "68.8", "69.6", "70.4"], ["WikiSQL Wq, Wv", "73.4", "73.3", "73.8"]], page=10)
    idx = tables_index(main, ranks, text=[(10, "We apply LoRA to GPT-3 175B with different ranks r.")])
    claim = "Adapting only Wq with rank r = 1 already gives {}% WikiSQL validation accuracy on GPT-3 175B."
    r = verify_claim(claim.format("73.4"), [idx])
    assert r.verdict == Verdict.CONTRADICTED and "68.8" in r.reason
    r = verify_claim(claim.format("68.8"), [idx])
    assert r.verdict == Verdict.SUPPORTED and r.evidence.table == "Table 6"
    assert verify_claim("LoRA on GPT-3 175B reaches 73.4% accuracy on WikiSQL.", [idx]).verdict == Verdict.SUPPORTED
    # "For 5 epochs" is the "Epochs = 5" row of a table by epochs.
    main = table_at(0, "Table 11", "Table 11: AlpacaEval win rates (ChatGPT Eval).", ["Model", "AlpacaEval"],
                    [["LLaMA-2 (7B) Alpaca", "48.26"], ["LLaMA-2 (7B) Alpaca +NEFT", "62.55"]])
    epochs = table_at(1, "Table 14", "Table 14: AlpacaEval ChatGPT Win Rate by finetuning epochs.",
                      ["Epochs", "LLaMA-2 (7B) Alpaca", "LLaMA-2 (7B) Alpaca +NEFT"],
                      [["Epochs = 3", "48.26", "62.55"], ["Epochs = 5", "48.94", "62.24"]], page=16)
    idx = tables_index(main, epochs)
    claim = "Training LLaMA-2 7B on Alpaca with NEFT for 5 epochs gives an AlpacaEval win rate of {}."
    r = verify_claim(claim.format("62.55"), [idx])
    assert r.verdict == Verdict.CONTRADICTED and "62.24" in r.reason
    assert verify_claim(claim.format("62.24"), [idx]).verdict == Verdict.SUPPORTED


def test_a_setting_column_holding_another_claim_number_does_not_hide_the_named_column() -> None:
    """AlphaCode's Table 10: "5 attempts" is the row's Attempts cell, and "introductory" still names
    the Introductory column, not the Interview one that holds 9.66%."""
    header = ["Model", "Filtered From (k)", "Attempts (n)", "Introductory n@k", "Interview n@k", "Competition n@k"]
    idx = tables_index(table_at(0, "Table 10", "Table 10: n@k results on APPS.", header,
                                [["AlphaCode 1B", "50000", "5", "20.36%", "9.66%", "7.75%"],
                                 ["Codex 12B", "1000", "5", "24.52%", "3.23%", "3.08%"]], page=21))
    claim = "Fine-tuned on APPS, AlphaCode 1B with 50,000 samples filtered down to 5 attempts solves {} of {} problems."
    r = verify_claim(claim.format("9.66%", "introductory"), [idx])
    assert r.verdict == Verdict.CONTRADICTED and "20.36" in r.reason
    assert verify_claim(claim.format("9.66%", "interview"), [idx]).verdict == Verdict.SUPPORTED


def test_a_hyperparameter_table_naming_every_claim_word_does_not_hide_the_results_table() -> None:
    """LoRA's appendix rows "DeBERTa XXL LoRA Batch Size" name the claim's every word; the result
    is in Table 2's "DeBXXL (LoRA)" row, and 32 or 0 cannot refute a claimed 91.1."""
    results = table_at(0, "Table 2", "Table 2: Different adaptation methods on GLUE.", ["Model & Method", "Avg."],
                       [["DeBXXL (FT)*", "91.1"], ["DeBXXL (LoRA)", "91.3"]], page=6)
    hyper = table_at(1, "Table 10", "Table 10: Hyperparameters for DeBERTa XXL on GLUE.", ["Method", "MRPC", "CoLA"],
                     [["DeBERTa XXL LoRA Batch Size", "32", "4"], ["DeBERTa XXL LoRA Weight Decay", "0", "0"],
                      ["DeBERTa XXL LoRA Max Seq. Len.", "128", "64"]], page=24)
    idx = tables_index(results, hyper)
    r = verify_claim("Applying LoRA to DeBERTa XXL yields a GLUE average of 91.1.", [idx])
    assert r.verdict == Verdict.CONTRADICTED and r.evidence.table == "Table 2" and "91.3" in r.reason


def test_the_papers_own_benchmark_need_not_be_repeated() -> None:
    """In the SciTab paper neither Table 4 nor its results sentences say "SciTab"."""
    text = [(8, "The results are far from satisfactory, with GPT-4 achieving 78.22 macro-F1 for the 2-class setting "
                "and 64.80 for the 3-class setting.")]
    table = table_at(0, "Table 4", "Table 4: Macro-F1 of baselines for different settings.",
                     ["Model", "Zero-shot 2-class", "Zero-shot 3-class"], [["TAPEX-large", "63.62", "32.47"]], page=7)
    idx = tables_index(table, text=text,
                       title="SciTab: A Challenging Benchmark for Compositional Reasoning and Claim Verification")
    assert verify_claim("TAPEX-large scores 63.62 macro-F1 on SciTab in the zero-shot 2-class setting.",
                        [idx]).verdict == Verdict.SUPPORTED
    r = verify_claim("TAPEX-large scores 65.62 macro-F1 on SciTab in the zero-shot 2-class setting.", [idx])
    assert r.verdict == Verdict.CONTRADICTED and "63.62" in r.reason
    assert verify_claim("GPT-4 attains 78.22 macro-F1 in the 2-class setting of SciTab and 64.80 in the 3-class setting.",
                        [idx]).verdict == Verdict.SUPPORTED


def test_amounts_of_memory_are_numbers_not_names() -> None:
    text = [(5, "On GPT-3 175B, we reduce the VRAM consumption during training from 1.2TB to 350GB.")]
    idx = build_index("p", "p.pdf", text, [], title="LoRA: Low-Rank Adaptation of Large Language Models")
    ok = verify_claim("Applying LoRA to GPT-3 175B cuts VRAM consumption during training from 1.2TB to 350GB.", [idx])
    assert ok.verdict == Verdict.SUPPORTED and ok.evidence.page == 5
    bad = verify_claim("Applying LoRA to GPT-3 175B cuts VRAM consumption during training from 1.2TB to 450GB.", [idx])
    assert bad.verdict != Verdict.SUPPORTED


def test_a_later_number_that_owns_the_subject_anchors_its_sentence() -> None:
    text = [(11, "In particular, the released version of Llama-2-70B spans 140 GB of memory."),
            (11, "With 4-bit quantization and a layer-pruning fraction of 50%, the model fits in approximately "
                 "17.5 GB of memory and requires roughly 1.5 x 10^10 FLOPs per token.")]
    idx = build_index("p", "p.pdf", text, [])
    claim = "With 4-bit quantization and 50% of its layers pruned, Llama-2-70B fits in roughly {} GB of memory."
    assert verify_claim(claim.format("17.5"), [idx]).verdict == Verdict.SUPPORTED
    assert verify_claim(claim.format("19.5"), [idx]).verdict != Verdict.SUPPORTED


def test_the_words_before_the_first_number_frame_every_number() -> None:
    idx = _apps_index()
    claim = ("On the interview-level problems of the APPS benchmark, evaluated 1-shot, Codex-12B reaches a filtered "
             "pass@1 of {} and a raw pass@1 of 0.14%.")
    assert verify_claim(claim.format("2.64%"), [idx]).verdict == Verdict.SUPPORTED
    r = verify_claim(claim.format("22.78%"), [idx])
    assert r.verdict == Verdict.CONTRADICTED and "2.64%" in r.reason


def test_a_translation_direction_the_paper_never_names_is_not_refuted_by_its_own() -> None:
    text = [(2, "We evaluate on the WMT 2014 English-to-German translation task.")]
    idx = tables_index(table_at(0, "Table 1", "Table 1: Inference time and average dev set performance.",
                                ["Model", "T_infer", "WMT BLEU"], [["GQA-8-XXL", "0.28", "28.4"]], page=3), text=text)
    assert verify_claim("Uptrained GQA-8-XXL attains 43.2 BLEU on WMT 2014 English-French translation.",
                        [idx]).verdict == Verdict.NOT_FOUND
    assert verify_claim("Uptrained GQA-8-XXL attains 41.2 BLEU on WMT 2014 English-German translation.",
                        [idx]).verdict == Verdict.CONTRADICTED


def test_number_in_the_row_label_is_stated_by_that_row() -> None:
    # QLoRA's Table 6 folds the memory into the row name: "Guanaco 33B 4-bit 21 GB".
    rows = [["Guanaco 65B 4-bit 41 GB", "96.7%", "101.9%", "99.3%"],
            ["Guanaco 33B 4-bit 21 GB", "96.5%", "99.2%", "97.8%"]]
    table = table_at(0, "Table 6", "Table 6: Performance relative to ChatGPT on the Vicuna benchmark, judged by GPT-4.",
                     ["Model / Size", "ChatGPT vs Sys", "Sys vs ChatGPT", "Mean"], rows, page=10)
    idx = tables_index(table, text=[(9, "Guanaco is more memory efficient at 21 GB vs 26 GB for Vicuna 13B.")])
    claim = "The 4-bit Guanaco 33B model, using {} GB of memory, scores 97.8% of ChatGPT on the Vicuna benchmark (mean)."
    r = verify_claim(claim.format(21), [idx])
    # The sentence also states 21 GB for Guanaco; the table row states both numbers.
    assert r.verdict == Verdict.SUPPORTED and "Table 6 (Guanaco 33B 4-bit 21 GB / Mean) gives 97.8%" in r.reason
    assert verify_claim(claim.format(24), [idx]).verdict != Verdict.SUPPORTED
    # Without the sentence, the row label alone states the memory.
    only_table = tables_index(table)
    assert verify_claim(claim.format(21), [only_table]).verdict == Verdict.SUPPORTED
    assert verify_claim(claim.format(24), [only_table]).verdict != Verdict.SUPPORTED


def test_words_bracketed_after_another_number_are_that_numbers() -> None:
    rows = [["CodeContests raw", "12.4", "62%", "88%"], ["CodeContests", "203.7", "4%", "46%"]]
    table = table_at(0, "Table 2", "Table 2: Dataset false positive rates.",
                     ["Dataset", "Tests / problem", "False Positive (FP) Rate", "Slow Rate"], rows, page=8)
    idx = tables_index(table)
    claim = "Generated tests cut CodeContests' false positive rate from 62% (raw) to 4%, with {} tests per problem."
    # "(raw)" is said of the 62%, so the 203.7 tests are the filtered dataset's, as the table gives.
    assert verify_claim(claim.format("203.7"), [idx]).verdict == Verdict.SUPPORTED
    assert verify_claim(claim.format("204.7"), [idx]).verdict != Verdict.SUPPORTED


def test_a_sentence_in_the_claims_words_outweighs_a_rounded_cell() -> None:
    table = table_at(0, "Table 2", "Table 2: Tool-integrated reasoning results.", ["Model", "GSM8K", "GSM-H"],
                     [["Mistral-CT 7B", "77.5", "60.4"]], page=6)
    text = [(6, "Regarding the token selection ratio, we use 60% for the Tinyllama-1.1B model and 70% for the "
                "Mistral-7B model.")]
    idx = tables_index(table, text=text)
    claim = "For continual pretraining of Mistral-7B, the method keeps {}% of tokens as the selection ratio."
    assert verify_claim(claim.format(70), [idx]).verdict == Verdict.SUPPORTED
    r = verify_claim(claim.format(60), [idx])
    assert r.verdict == Verdict.CONTRADICTED and "70%" in r.reason


def test_each_side_of_from_to_owns_its_words() -> None:
    table = table_at(0, "Table 5", "Table 5: Last letter concatenation by number of words.",
                     ["Model", "2 standard", "2 CoT", "OOD: standard", "4 CoT"],  # a two-row header, as it reads
                     [["PaLM 540B", "7.6", "99.4", "0.0", "63.0"], ["PaLM 62B", "0.2", "88.4", "0.0", "13.3"]], page=22)
    idx = tables_index(table)
    claim = "With 4 words, PaLM 540B goes from 0.0% with standard prompting to {}% with CoT prompting."
    assert verify_claim(claim.format("63.0"), [idx]).verdict == Verdict.SUPPORTED
    assert verify_claim(claim.format("13.3"), [idx]).verdict == Verdict.CONTRADICTED


def test_a_mean_column_stands_for_the_columns_it_averages() -> None:
    rows = [["Guanaco 65B", "96.7%", "101.9%", "99.3%"], ["Bard", "93.2%", "96.4%", "94.8%"]]
    table = table_at(0, "Table 6", "Table 6: Zero-shot Vicuna benchmark scores relative to ChatGPT, judged by GPT-4.",
                     ["Model", "ChatGPT vs Sys", "Sys vs ChatGPT", "Mean"], rows, page=10)
    idx = tables_index(table)
    claim = "On the Vicuna benchmark, Guanaco 65B reaches {}% of ChatGPT's performance."
    # "ChatGPT" is in two columns' names with different numbers: it picks neither, and the mean is the claim's.
    r = verify_claim(claim.format("99.3"), [idx])
    assert r.verdict == Verdict.SUPPORTED and r.evidence.column == "Mean"
    assert verify_claim(claim.format("94.8"), [idx]).verdict == Verdict.CONTRADICTED  # Bard's mean


def test_a_bound_on_the_steps_picks_the_column_that_states_it() -> None:
    from verifier.normalize import threshold_keys

    assert threshold_keys("problems needing five or more reasoning steps") == {"min:5step"}
    assert threshold_keys("\u22655 steps") == threshold_keys("at least 5 steps") == {"min:5step"}
    overall = table_at(0, "Table 11", "Table 11: Accuracy (%) on GSM8K.", ["Method", "GSM8K"],
                       [["Least-to-Most", "62.39"], ["Chain-of-Thought", "60.87"]], page=7)
    by_steps = table_at(1, "Table 12", "Table 12: GSM8K accuracy (%) by the number of reasoning steps.",
                        ["Method", "All", "4 steps", "\u22655 steps"],
                        [["Least-to-Most", "62.39", "59.73", "45.23"], ["Chain-of-Thought", "60.87", "59.39", "39.07"]],
                        page=8)
    idx = tables_index(overall, by_steps)
    claim = "For GSM8K problems needing five or more reasoning steps, Chain-of-Thought reaches {}%."
    r = verify_claim(claim.format("39.07"), [idx])
    assert r.verdict == Verdict.SUPPORTED and r.evidence.table == "Table 12"
    assert verify_claim(claim.format("45.23"), [idx]).verdict == Verdict.CONTRADICTED


def test_a_one_letter_variant_is_not_the_plural_of_its_base_name() -> None:
    table = table_at(0, "Table 1", "Table 1: HumanEval pass@1 (%).", ["Model", "pass@1"],
                     [["Codex-12B", "28.8"], ["GPT-Neo 2.7B", "6.4"]], page=6)
    idx = tables_index(table)
    # Codex-S is not in the table: Codex's 28.8 is no evidence for it.
    assert verify_claim("Codex-S reaches 28.8% pass@1 on HumanEval.", [idx]).verdict != Verdict.SUPPORTED
    assert verify_claim("Codex-12B reaches 28.8% pass@1 on HumanEval.", [idx]).verdict == Verdict.SUPPORTED


def test_the_setting_of_a_change_is_not_the_baselines() -> None:
    table = table_at(0, "Table 3", "Table 3: Variations on the Transformer architecture, newstest2013 dev.",
                     ["Model", "h", "dk", "dv", "\u03f5ls BLEU (dev)"],  # two header cells read as one
                     [["base", "8", "64", "64", "25.8"], ["(A)", "1", "512", "512", "24.9"]], page=9)
    idx = tables_index(table)
    claim = ("Reducing the base Transformer to a single attention head (dk = dv = 512) lowers newstest2013 dev BLEU "
             "from 25.8 to 24.9, a {} BLEU drop.")
    # "dk = 512" is the single head's; the 25.8 it starts from is the base row's (dk = 64).
    assert verify_claim(claim.format("0.9"), [idx]).verdict == Verdict.SUPPORTED
    r = verify_claim(claim.format("1.9"), [idx])
    assert r.verdict == Verdict.CONTRADICTED and "0.9" in r.reason
