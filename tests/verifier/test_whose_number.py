"""Whose a number is when the paper says more than one thing near it: the table a caption below
it names, an ablation row of another table, the setting after a metric, and the benchmark a set-up
sentence names."""

from __future__ import annotations

from tests.helpers.tables import table_at, tables_index
from tests.helpers.words import line
from verifier.index import build_index
from verifier.layout import page_cells
from verifier.types import Verdict
from verifier.verify import verify_claim


def _table(y: float, caption: str | None, rows: list[tuple[str, str, str]]) -> list[tuple]:
    """A two-column results table at height ``y``, with ``caption`` 9 pt below its last row."""
    words = line(y, (40, "Method"), (200, "Average"), (260, "paws"))
    for k, (label, avg, paws) in enumerate(rows):
        words += line(y + 14 + 12 * k, (40, label), (200, avg), (260, paws))
    if caption:
        words += line(y + 20 + 12 * len(rows), (40, caption))
    return words


def test_an_appendix_that_captions_below_its_tables_names_each_table_by_its_own_caption() -> None:
    # Each caption sits nearer the next table's header than the end of its own table; the page
    # captions below, so the table between "Table 9" and "Table 10" is Table 10.
    words = _table(100, "Table 9: Test set performance when merging T5-base models.",
                   [("Averaging", "59.6", "61.3"), ("RegMean", "71.2", "76.8")])
    words += _table(156, "Table 10: Test set performance when merging T5-large models.",
                    [("Averaging", "65.8", "65.3"), ("RegMean", "73.2", "86.0")])
    words += _table(212, "Table 11: Test set performance when merging ViT-B/32 models.",
                    [("Averaging", "65.9", "66.4"), ("RegMean", "71.8", "65.3")])
    cells = {c.value: c for c in page_cells(words, page=20)}
    assert cells[71.2].table == "Table 9"
    assert cells[73.2].table == "Table 10" and "T5-large" in cells[73.2].caption
    assert cells[71.8].table == "Table 11"


def test_captions_above_their_tables_stay_with_the_table_below_them() -> None:
    words = line(60, (40, "Table 1: Results on paws."))
    words += _table(80, None, [("Averaging", "59.6", "61.3"), ("RegMean", "71.2", "76.8")])
    words += line(150, (40, "Table 2: Ablations on paws."))
    words += _table(170, None, [("No scaling", "55.1", "57.0"), ("No sign", "56.2", "58.3")])
    cells = {c.value: c for c in page_cells(words, page=6)}
    assert cells[71.2].table == "Table 1" and cells[55.1].table == "Table 2"


def test_an_ablation_the_claim_names_is_a_row_of_its_own_table_not_the_main_ones() -> None:
    main = table_at(0, "Table 1", "Table 1: Standard prompting and chain-of-thought prompting with LaMDA 137B.",
                    ["Model", "GSM8K", "SVAMP"],
                    [["LaMDA 137B Standard", "6.5", "29.5"], ["LaMDA 137B Chain of thought", "14.3", "37.5"]])
    ablation = table_at(1, "Table 6", "Table 6: Ablation study for variations of chain-of-thought prompting with LaMDA 137B.",
                        ["Prompt", "GSM8K", "SVAMP"],
                        [["Equation only", "5.4", "35.1"], ["Variable compute only", "6.4", "28.0"]], page=23)
    idx = tables_index(main, ablation)
    claim = "In the LaMDA 137B ablations, the 'equation only' prompt reaches {} on GSM8K."
    assert verify_claim(claim.format("5.4%"), [idx]).verdict == Verdict.SUPPORTED
    res = verify_claim(claim.format("14.3%"), [idx])
    assert res.verdict == Verdict.CONTRADICTED and res.evidence.table == "Table 6"
    assert verify_claim("LaMDA 137B with chain-of-thought prompting reaches 14.3% on GSM8K.", [idx]).verdict == Verdict.SUPPORTED


def test_the_setting_after_a_metric_belongs_to_the_number_before_it() -> None:
    idx = build_index("p", "p.pdf", [(8, "Closed source LLMs perform better than open source LLMs, with GPT-4 achieving "
                                         "78.22 macro-F1 for the 2-class setting and 64.80 for the 3-class setting.")], [])
    claim = "GPT-4 achieves a macro-F1 of {} in the {} setting."
    assert verify_claim(claim.format("78.22", "2-class"), [idx]).verdict == Verdict.SUPPORTED
    assert verify_claim(claim.format("64.80", "3-class"), [idx]).verdict == Verdict.SUPPORTED
    assert verify_claim(claim.format("64.80", "2-class"), [idx]).verdict == Verdict.CONTRADICTED


def test_a_set_up_sentence_naming_the_claims_benchmark_outweighs_values_stated_for_other_datasets() -> None:
    idx = build_index("p", "p.pdf", [(3, "CNN/Daily Mail and WMT use input length of 512 and output length 256."),
                                     (3, "Other summarization datasets use input length 2048 and output length 512."),
                                     (3, "Finally, TriviaQA uses input length 2048 and output length 32.")], [])
    claim = "For TriviaQA fine-tuning, the T5 models use an input length of 2048 and an output length of {}."
    res = verify_claim(claim.format("512"), [idx])
    assert res.verdict == Verdict.CONTRADICTED and "TriviaQA" in res.evidence.quote
    assert verify_claim(claim.format("32"), [idx]).verdict == Verdict.SUPPORTED


def test_a_row_abbreviating_the_claims_word_names_it_better_than_one_without_it() -> None:
    table = table_at(0, "Table 5", "Table 5: Alpaca-7B with meta-prompts asking for longer answers.",
                     ["Setting", "GPT-4 Win Rate", "Avg. Length"],
                     [["Alpaca-7B", "32.36", "375.22"], ["Alpaca-7B (Long)", "44.84", "614.21"],
                      ["Alpaca-7B (Comprehensive)", "42.14", "494.85"], ["Alpaca-7B (Long + Comp)", "48.01", "620.74"]])
    idx = tables_index(table)
    claim = "Prompting Alpaca-7B for a 'long and comprehensive' response yields a {} GPT-4 win rate."
    assert verify_claim(claim.format("48.01%"), [idx]).verdict == Verdict.SUPPORTED
    res = verify_claim(claim.format("44.84%"), [idx])
    assert res.verdict == Verdict.CONTRADICTED and res.evidence.row == "Alpaca-7B (Long + Comp)"


def test_numbers_of_one_clause_share_it_against_the_next_clauses_number() -> None:
    idx = build_index("p", "p.pdf", [(4, "For a 7B LLaMA model trained on FLAN v2 with a batch size of 1, with LoRA weights "
                                         "equivalent to commonly used 0.2% of the original model weights, the LoRA input "
                                         "gradients have a memory footprint of 567 MB while the LoRA parameters take up "
                                         "only 26 MB.")], [])
    claim = "For a LLaMA 7B model trained on FLAN v2 with batch size 1, the LoRA {} occupy {} of memory."
    assert verify_claim(claim.format("input gradients", "567 MB"), [idx]).verdict == Verdict.SUPPORTED
    res = verify_claim(claim.format("parameters themselves", "567 MB"), [idx])
    assert res.verdict == Verdict.CONTRADICTED and "26" in res.reason


def test_the_papers_own_name_alone_does_not_place_a_number_said_about_something_else() -> None:
    idx = build_index("p", "p.pdf", [(8, "In contrast, Simple Averaging suffers from a 10% drop as Ties-Merging does not."),
                                     (6, "The Ties-Merging recipe keeps only the top 20% of the parameters in the task vector.")],
                      [], title="Ties-Merging: Resolving Interference When Merging Models")
    claim = "The validation-free Ties-Merging recipe keeps the top {} of task-vector parameters."
    assert verify_claim(claim.format("20%"), [idx]).verdict == Verdict.SUPPORTED
    assert verify_claim(claim.format("10%"), [idx]).verdict != Verdict.SUPPORTED


def test_a_count_or_a_percentage_in_prose_does_not_refute_a_share_or_a_multiple() -> None:
    idx = build_index("p", "p.pdf", [
        (6, "To understand the behaviour of ReAct on HotpotQA, we randomly sampled 50 trajectories from ReAct."),
        (3, "We compare GQA-8-XXL with MHA-XXL after 5% uptraining.")], [])
    assert verify_claim("In the ReAct analysis on HotpotQA, hallucination causes 56% of failures.",
                        [idx]).verdict != Verdict.CONTRADICTED
    assert verify_claim("Uptrained GQA-8-XXL is 5.4 times faster than MHA-XXL.", [idx]).verdict != Verdict.CONTRADICTED
    assert verify_claim("GQA-8-XXL is compared with MHA-XXL after 7% uptraining.", [idx]).verdict == Verdict.CONTRADICTED


def test_a_phrase_centred_over_all_the_number_columns_heads_each_of_them() -> None:
    words = line(40, (40, "Table 3: Performance on small, medium and large tables from WikiTQ."))
    words += line(60, (230, "Table Size"))
    words += line(72, (40, "Prompting"), (160, "Small (<2k)"), (230, "Medium (2k-4k)"), (310, "Large (>4k)"))
    words += line(86, (40, "Binder"), (170, "56.54"), (245, "26.13"), (320, "6.41"))
    words += line(98, (40, "Dater"), (170, "62.50"), (245, "42.34"), (320, "34.62"))
    cells = {c.value: c for c in page_cells(words, page=8)}
    assert cells[34.62].column == "Table Size Large (>4k)" and cells[62.5].column == "Table Size Small (<2k)"
    idx = build_index("p", "p.pdf", [], list(cells.values()))
    claim = "On large WikiTQ tables (over 4,000 tokens), Dater reaches {} accuracy."
    assert verify_claim(claim.format("34.62%"), [idx]).verdict == Verdict.SUPPORTED
    assert verify_claim(claim.format("42.34%"), [idx]).verdict == Verdict.CONTRADICTED


def test_a_word_in_another_form_still_names_the_cells_own_row() -> None:
    table = table_at(0, "Table 4", "Table 4: A TIES-merged model is a better initialization for finetuning.",
                     ["Method", "RTE", "MRPC"],
                     [["PTM Init", "66.4", "81.8"], ["Average", "75.8", "86.5"], ["TIES-MERGING", "80.1", "88.0"]])
    idx = tables_index(table)
    claim = "Used as an initialization for fine-tuning on MRPC, a TIES-merged model reaches 88.0, 1.5 points above simple averaging ({})."
    assert verify_claim(claim.format("86.5"), [idx]).verdict == Verdict.SUPPORTED


def test_a_setting_the_paper_gives_otherwise_refutes_a_claim_whose_result_number_holds() -> None:
    idx = build_index("p", "p.pdf", [
        (4, "In all our experiments, Ties-Merging keeps only the top 20% of the parameters of each task vector."),
        (6, "The recipe keeps the top-20% parameters in the task vector resetting the rest to 0 and sets \u03bb = 1."),
        (6, "We also compare Ties-Merging with the Task Arithmetic method without a validation set by utilizing the "
            "recommended value of \u03bb = 0.4.")], [], title="Ties-Merging: Resolving Interference When Merging Models")
    claim = "The validation-free Ties-Merging recipe keeps the top 20% of task-vector parameters and sets lambda to {}."
    res = verify_claim(claim.format("0.4"), [idx])
    assert res.verdict == Verdict.CONTRADICTED and "recipe" in res.evidence.quote
    assert verify_claim(claim.format("1"), [idx]).verdict == Verdict.SUPPORTED


def test_each_bracketed_count_belongs_to_the_phrase_before_its_bracket() -> None:
    idx = build_index("p", "p.pdf", [(16, "This small analysis involved manually reading 45 errors made by PaLM 62B and "
                                          "categorizing them into semantic understanding (20 errors), one step missing "
                                          "(18 errors), and other errors (7 errors).")], [])
    claim = "Of the errors made by PaLM 62B, {} were semantic understanding errors."
    assert verify_claim(claim.format("20"), [idx]).verdict == Verdict.SUPPORTED
    res = verify_claim(claim.format("18"), [idx])
    assert res.verdict == Verdict.CONTRADICTED and "20" in res.reason


def test_a_gap_by_at_least_a_percentage_is_no_level() -> None:
    idx = build_index("p", "p.pdf", [(5, "Specifically, PS+ prompting improves the accuracy over Zero-shot CoT by at "
                                         "least 5% for all datasets except GSM8K.")], [])
    assert verify_claim("PS+ prompting improves accuracy over Zero-shot CoT by at least 5% on every dataset except GSM8K.",
                        [idx]).verdict == Verdict.SUPPORTED
    assert verify_claim("With PS+ prompting, missing-step errors fall to 5% of the sampled problems.",
                        [idx]).verdict != Verdict.SUPPORTED


def test_a_number_of_steps_in_words_names_its_column() -> None:
    table = table_at(0, "Table 12", "Table 12: Accuracy by the number of reasoning steps on GSM8K.",
                     ["Method", "All", "2", "3", "4", "\u22655 steps"],
                     [["Chain-of-Thought", "60.87", "76.11", "67.45", "55.23", "39.27"],
                      ["Least-to-Most", "62.39", "74.53", "68.91", "59.73", "45.23"]])
    idx = tables_index(table)
    claim = "On GSM8K problems that require four reasoning steps, least-to-most prompting reaches {} accuracy."
    assert verify_claim(claim.format("59.73%"), [idx]).verdict == Verdict.SUPPORTED
    assert verify_claim(claim.format("45.23%"), [idx]).verdict != Verdict.SUPPORTED


def test_inputs_capped_at_a_number_of_tokens_are_the_papers_input_length() -> None:
    idx = build_index("p", "p.pdf", [(3, "CNN/Daily Mail and WMT use input length of 512 and output length 256."),
                                     (3, "Finally, TriviaQA uses input length 2048 and output length 32.")], [])
    claim = "For fine-tuning, TriviaQA inputs are capped at 2048 tokens and outputs at {} tokens."
    assert verify_claim(claim.format("32"), [idx]).verdict == Verdict.SUPPORTED
    assert verify_claim(claim.format("256"), [idx]).verdict == Verdict.CONTRADICTED
