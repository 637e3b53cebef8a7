"""Audit: inconsistent values, impossible pass@k, GRIM granularity, renderings."""

from __future__ import annotations

import json

from verifier.audit import audit_document, render
from verifier.document import text_document
from verifier.grim import grim_check, grim_possible, possible_sample_counts

DOC = """# Results

TinyCoder-1B achieves 28.7% pass@1 on HumanEval.
TinyCoder-3B reaches 112.0% pass@1 on MBPP, which is remarkable.

| Model | pass@1 | pass@10 |
|---|---|---|
| TinyCoder-1B | 28.0 | 25.0 |
"""


def kinds(a):  # noqa: ANN001, ANN201
    return sorted(f.kind for f in a.findings)


def test_inconsistent_values_between_text_and_table() -> None:
    doc = text_document("TinyCoder-1B achieves 28.7% pass@1 on HumanEval.\n\nTable 1: HumanEval pass@1.\n"
                        "| Model | HumanEval |\n|---|---|\n| TinyCoder-1B | 31.1 |\n", "d.md", "markdown")
    a = audit_document(doc)
    inc = [f for f in a.findings if f.kind == "inconsistent"]
    assert len(inc) == 1
    assert set(inc[0].values) == {"28.7%", "31.1"}
    assert {loc["line"] for loc in inc[0].locations} == {1, 6}


def test_consistent_rounding_is_not_flagged() -> None:
    doc = text_document("TinyCoder-1B achieves 28.8% pass@1 on HumanEval.\n\n"
                        "| Model | HumanEval |\n|---|---|\n| TinyCoder-1B | 28.81 |\n", "d.md", "markdown")
    assert not [f for f in audit_document(doc).findings if f.kind == "inconsistent"]


def test_impossible_pass_at_k() -> None:
    a = audit_document(text_document(DOC, "d.md", "markdown"))
    msgs = [f.message for f in a.findings if f.kind == "impossible"]
    assert any("outside [0, 100]" in m and "112.0%" in m for m in msgs)
    assert any("cannot decrease" in m and "pass@1 = 28.0" in m for m in msgs)


def test_grim_failure_names_sample_counts() -> None:
    # 164 problems, greedy: 59.6% is impossible (97/164 = 59.15%, 98/164 = 59.76%).
    a = audit_document(text_document("Qwen2.5-Coder-7B-base achieves 59.6% on HumanEval Pro.", "d.txt", "text"))
    grim = [f for f in a.findings if f.kind == "grim"]
    assert len(grim) == 1 and "n = 3-200" in grim[0].message
    assert grim[0].locations[0]["line"] == 1


def test_grim_respects_stated_samples() -> None:
    text = "We sample n = 5 completions per problem.\nModel-X achieves 59.6% pass@1 on HumanEval.\n"
    a = audit_document(text_document(text, "d.txt", "text"))
    assert a.samples_per_problem == 5
    assert not [f for f in a.findings if f.kind == "grim"]


def test_grim_arithmetic() -> None:
    assert grim_possible(76.2, 1, 164)  # 125/164
    assert not grim_possible(59.6, 1, 164)
    assert grim_possible(35.1, 1, 378)  # 133/378 = 35.19 truncates to 35.1
    assert possible_sample_counts(59.6, 1, 164, max_n=5) == [3, 4, 5]
    res = grim_check(43.9, 1, "MBPP+")  # tries 378 and 399 problems
    assert res is not None and res[0] and res[2] == (378, 399)
    assert grim_check(50.0, 1, "unknown-bench") is None


def test_renderings_are_escaped_and_complete() -> None:
    doc = text_document("Model <b>X</b> achieves 112.0% pass@1 on HumanEval.", "d.md", "markdown")
    a = audit_document(doc)
    data = json.loads(render(a, "json"))
    f = data["findings"][0]
    assert set(f) == {"kind", "severity", "message", "values", "locations"}
    assert f["locations"][0]["line"] == 1 and "text" in f["locations"][0]
    html = render(a, "html")
    assert html.startswith("<!DOCTYPE html>") and "<b>X</b>" not in html and "&lt;b&gt;X&lt;/b&gt;" in html
    md = render(a, "md")
    assert md.startswith("# Audit of d.md") and "| impossible |" in md
