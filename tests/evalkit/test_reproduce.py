"""Reproducing pass@k claims: claim parsing, the verdict rule, and end to end with a tiny model."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from evalkit.claimspec import parse_claim
from evalkit.errors import ExecNotAllowedError
from evalkit.generation.errors import ClaimParseError
from evalkit.reproduce import INCONCLUSIVE, NOT_REPRODUCED, REPRODUCED, decide, reproduce_claim, wilson_interval
from synth.errors import InputError
from tests.evalkit.tiny_helpers import tiny_model_dir, toy_problems  # noqa: F401 - fixture


@pytest.mark.parametrize("text, bench, k, value, model", [
    ("Qwen2.5-Coder-3B-Instruct achieves 84.1% pass@1 on HumanEval", "humaneval", 1, 84.1, "Qwen2.5-Coder-3B-Instruct"),
    ("DeepSeek-Coder-6.7B gets a pass@ 1 of 0.841 on MBPP+", "mbpp+", 1, 84.1, "DeepSeek-Coder-6.7B"),
    ("StarCoder2 scores 46.3 % Pass@10 on HumanEvalPlus", "humaneval+", 10, 46.3, "StarCoder2"),
    ("CodeLlama-7B reaches pass@1 = 0.335 on HumanEval Pro", "humaneval_pro", 1, 33.5, "CodeLlama-7B"),
    ("On HumanEval+ (greedy), StarCoder2-15B scores 46.3% pass@1", "humaneval+", 1, 46.3, "StarCoder2-15B"),
    ("pass@1 on MBPP Pro: 52.7%", "mbpp_pro", 1, 52.7, None),
    ("phi-1 1.3B has 50.6% pass@1 on HumanEval", "humaneval", 1, 50.6, "phi-1 1.3B"),
    ("Model-Y achieves 61% pass@1 on MBPP", "mbpp", 1, 61.0, "Model-Y"),
    ("Model-Z: HumanEval-Plus PASS@5 0.5", "humaneval+", 5, 50.0, "Model-Z"),
])
def test_parse_claims(text, bench, k, value, model):
    c = parse_claim(text)
    assert (c.benchmark, c.k, c.value, c.model) == (bench, k, value, model)


def test_parse_settings_in_claim():
    c = parse_claim("CodeLlama-7B reaches 33.5% pass@10 on HumanEval with 5-shot prompts at temperature 0.8 and n=20")
    assert (c.shots, c.temperature, c.n_samples, c.value) == (5, 0.8, 20, 33.5)
    assert parse_claim("X gets 10% pass@1 on MBPP (zero-shot, greedy)").temperature == 0.0
    assert parse_claim("X gets 10% pass@1 on MBPP (zero-shot, greedy)").shots == 0


@pytest.mark.parametrize("text, message", [
    ("Model X is great on HumanEval with 84%", "no pass@k metric"),
    ("Model X achieves 84.1% pass@1 on SWE-bench", "no benchmark"),
    ("Model X achieves pass@1 on HumanEval", "no claimed value"),
    ("Model X achieves 184% pass@1 on HumanEval", "not a percentage"),
    ("   ", "empty claim"),
])
def test_unparsable_claims(text, message):
    with pytest.raises(ClaimParseError, match=message):
        parse_claim(text)


def test_wilson_interval_is_not_degenerate():
    lo, hi = wilson_interval(0.0, 3)
    assert lo == 0.0 and 0.5 < hi < 0.6
    lo, hi = wilson_interval(0.5, 164)
    assert 0.42 < lo < 0.5 < hi < 0.58


def test_decide_rules():
    full = dict(n_tasks=164, n_benchmark_tasks=164)
    v, why = decide(84.1, 82.0, (76.0, 88.0), 3.0, **full)
    assert v == REPRODUCED and "within 3 points" in why
    v, why = decide(84.1, 78.0, (72.0, 83.0), 3.0, **full)
    assert v == REPRODUCED and "widened" in why
    v, why = decide(84.1, 40.0, (33.0, 47.0), 3.0, **full)
    assert v == NOT_REPRODUCED and "84.1%" in why
    v, why = decide(84.1, 40.0, (33.0, 47.0), 3.0, n_tasks=10, n_benchmark_tasks=164)
    assert v == INCONCLUSIVE and "10 of 164" in why and "would contradict" in why
    v, why = decide(50.0, 50.0, (10.0, 90.0), 3.0, **full)
    assert v == INCONCLUSIVE and "wide" in why
    v, why = decide(0.0, 0.0, (0.0, 0.0), 3.0, n_tasks=3, n_benchmark_tasks=3)
    assert v == INCONCLUSIVE and "too few tasks" in why


def write_toy_benchmark(path: Path, count: int = 4) -> Path:
    rows = [{"task_id": p.task_id, "prompt": p.prompt, "entry_point": p.entry_point, "test": p.test,
             "canonical_solution": p.canonical_solution} for p in toy_problems(count)]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def allowed(settings):
    return settings.model_copy(update={"allow_exec": True})


def test_refuses_without_allow_exec(settings, tiny_model_dir):
    with pytest.raises(ExecNotAllowedError):
        reproduce_claim("X achieves 84.1% pass@1 on HumanEval", str(tiny_model_dir), settings, limit=1)


def test_subset_of_humaneval_is_inconclusive_and_stored(settings, tiny_model_dir):
    r = reproduce_claim("Qwen2.5-Coder-3B-Instruct achieves 84.1% pass@1 on HumanEval", str(tiny_model_dir),
                        allowed(settings), limit=3, max_new_tokens=12, device="cpu")
    assert r.verdict == INCONCLUSIVE and "3 of 164" in r.reason
    assert r.measured is not None and r.ci[0] <= r.measured <= r.ci[1] and r.ci[1] > 30  # Wilson, not [0, 0]
    assert r.n_tasks == 3 and r.decoding["temperature"] == 0.0 and r.decoding["n"] == 1
    lines = Path(r.samples_path).read_text().splitlines()
    assert len(lines) == 3
    row = sqlite3.connect(settings.db_path).execute(
        "SELECT kind, status, settings FROM eval_runs WHERE id = ?", (r.run_id,)).fetchone()
    assert row[0] == "reproduce" and row[1] == INCONCLUSIVE
    assert json.loads(row[2])["claim"]["value"] == 84.1
    # A rerun resumes: same samples file, nothing regenerated.
    again = reproduce_claim("Qwen2.5-Coder-3B-Instruct achieves 84.1% pass@1 on HumanEval", str(tiny_model_dir),
                            allowed(settings), limit=3, max_new_tokens=12, device="cpu")
    assert again.run_id == r.run_id and Path(again.samples_path).read_text().splitlines() == lines


def test_full_small_benchmark_claims(settings, tiny_model_dir, tmp_path):
    bench = str(write_toy_benchmark(tmp_path / "toy.jsonl", 4))
    s = allowed(settings)
    high = reproduce_claim("Tiny achieves 84.1% pass@1 on HumanEval", str(tiny_model_dir), s, benchmark_path=bench,
                           max_new_tokens=8, device="cpu", min_tasks=3)
    assert high.n_tasks == high.n_benchmark_tasks == 4
    assert high.measured == 0.0  # the untrained tiny model solves nothing (greedy, deterministic)
    assert high.verdict == NOT_REPRODUCED and "84.1%" in high.reason
    zero = reproduce_claim("Tiny achieves 0.0% pass@1 on HumanEval", str(tiny_model_dir), s, benchmark_path=bench,
                           max_new_tokens=8, device="cpu")
    # Four tasks cannot confirm anything, even a matching 0%.
    assert zero.verdict == INCONCLUSIVE and "too few tasks" in zero.reason


def test_benchmark_not_shipped_is_inconclusive_without_running(settings, tmp_path):
    r = reproduce_claim("X achieves 50% pass@1 on HumanEval+", str(tmp_path / "no-model"), allowed(settings))
    assert r.verdict == INCONCLUSIVE and "--benchmark" in r.reason and r.measured is None


def test_n_below_k_refused(settings, tiny_model_dir):
    with pytest.raises(InputError, match="at least 10 samples"):
        reproduce_claim("X achieves 50% pass@10 on HumanEval", str(tiny_model_dir), allowed(settings), n=2, limit=1)
