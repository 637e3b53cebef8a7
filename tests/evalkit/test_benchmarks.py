"""Benchmarks load with the right counts and stable hashes; bad files name the line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evalkit.benchmarks import load_benchmark, reference_program
from evalkit.errors import BenchmarkError
from evalkit.sandbox import build_program, run_samples
from evalkit.types import Sample, Status

EXPECTED = {
    "humaneval": (164, "5350e59be4d2e7f23845b603618e08229a707a5eb910968b614df8638308b387"),
    "humaneval_pro": (164, "83498c855d08db238a022cc2269445a8b597830b861b99e0a1fe5d50d1127c05"),
    "mbpp_pro": (378, "36d95d5a999a95f090e6024d394d0c263d6cf89921f1a88a39f453df1fa50786"),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_shipped_benchmarks_count_and_hash(name: str) -> None:
    bench = load_benchmark(name)
    count, digest = EXPECTED[name]
    assert len(bench.problems) == count
    assert bench.content_hash == digest
    assert load_benchmark(name).content_hash == digest
    assert len({p.task_id for p in bench.problems}) == count
    assert all(p.entry_point for p in bench.problems)


def test_aliases_and_did_you_mean() -> None:
    assert load_benchmark("HumanEval-Pro").name == "humaneval_pro"
    with pytest.raises(BenchmarkError, match="Did you mean 'humaneval'"):
        load_benchmark("humanevl")
    with pytest.raises(BenchmarkError, match="humaneval, humaneval_pro, mbpp_pro"):
        load_benchmark("no-such-thing")


def test_pro_problems_show_both_functions() -> None:
    p = load_benchmark("humaneval_pro").problems[0]
    assert "def has_close_elements" in p.prompt and f"def {p.entry_point}" in p.prompt
    assert p.extra["self_contained"] and p.test.lstrip().startswith("assert")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_canonical_solutions_pass_on_a_handful(settings, name: str) -> None:
    bench = load_benchmark(name)
    picked = [bench.problems[i] for i in (0, 1, 17, 42, len(bench.problems) - 1)]
    samples = [Sample(p.task_id, *reference_program(p)[:1], full_program=reference_program(p)[1]) for p in picked]
    results = run_samples(bench.by_id(), samples, settings, timeout=10)
    assert [r.status for r in results] == [Status.passed] * len(picked), [r.detail for r in results]
    wrong = [Sample(p.task_id, "    return None\n" if not p.extra.get("self_contained") else "pass\n") for p in picked]
    assert all(r.status is not Status.passed for r in run_samples(bench.by_id(), wrong, settings, timeout=10))


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_all_canonical_solutions_pass(settings, name: str) -> None:
    bench = load_benchmark(name)
    samples = [Sample(p.task_id, reference_program(p)[0], full_program=reference_program(p)[1]) for p in bench.problems]
    results = run_samples(bench.by_id(), samples, settings, timeout=20)
    failing = [(r.task_id, r.status, r.detail) for r in results if r.status is not Status.passed]
    assert not failing


def _write(path: Path, rows: list) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows), encoding="utf-8")
    return path


CUSTOM = [
    {"task_id": "c/0", "prompt": "def add(a, b):\n", "entry_point": "add",
     "test": "def check(f):\n    assert f(1, 2) == 3\n", "canonical_solution": "    return a + b\n"},
    {"task_id": "c/1", "prompt": "def neg(a):\n", "entry_point": "neg",
     "test": "assert neg(2) == -2\n", "canonical_solution": "    return -a\n"},
]


def test_custom_jsonl(tmp_path: Path, settings) -> None:
    bench = load_benchmark(str(_write(tmp_path / "mine.jsonl", CUSTOM)))
    assert bench.name == "mine" and len(bench.problems) == 2
    assert bench.problems[0].extra["harness"] == "check" and bench.problems[1].extra["harness"] == "script"
    assert build_program(bench.problems[0], "    return a + b\n").rstrip().endswith("check(add)")
    results = run_samples(bench.by_id(), [Sample("c/0", "    return a + b\n"), Sample("c/1", "    return a\n")], settings)
    assert [r.status for r in results] == [Status.passed, Status.failed]


def test_malformed_files_name_the_line(tmp_path: Path) -> None:
    with pytest.raises(BenchmarkError, match=r"bad.jsonl:2: not valid JSON"):
        load_benchmark(str(_write(tmp_path / "bad.jsonl", [CUSTOM[0], "{oops"])))
    missing = dict(CUSTOM[1])
    del missing["entry_point"]
    with pytest.raises(BenchmarkError, match=r":2: missing field\(s\) entry_point"):
        load_benchmark(str(_write(tmp_path / "miss.jsonl", [CUSTOM[0], missing])))
    with pytest.raises(BenchmarkError, match=r":2: duplicate task_id"):
        load_benchmark(str(_write(tmp_path / "dup.jsonl", [CUSTOM[0], CUSTOM[0]])))


EVALPLUS = [
    {"task_id": "Mbpp/2", "prompt": "'''\nShared elements.\n'''", "entry_point": "similar_elements",
     "canonical_solution": "\ndef similar_elements(a, b):\n  return tuple(sorted(set(a) & set(b)))\n",
     "base_input": [[[3, 4, 5, 6], [5, 7, 4, 10]]], "plus_input": [[[1, 2], [2, 9]], [[], [1]]], "atol": 0},
    {"task_id": "Mbpp/900", "prompt": "'''\nHalf.\n'''", "entry_point": "half",
     "canonical_solution": "\ndef half(x):\n  return x / 3\n",
     "base_input": [[1.0]], "plus_input": [[2.0]], "atol": 0},
]


def test_evalplus_format_base_and_plus(tmp_path: Path, settings) -> None:
    path = _write(tmp_path / "MbppPlus.jsonl", EVALPLUS)
    plus, base = load_benchmark(str(path)), load_benchmark(f"{path}:base")
    assert plus.problems[0].extra["n_inputs"] == 3 and base.problems[0].extra["n_inputs"] == 1
    assert plus.content_hash != base.content_hash
    # Mbpp/2 receives tuples (evalplus converts its inputs); the reference itself passes.
    ok = "\ndef similar_elements(a, b):\n  assert isinstance(a, tuple)\n  return tuple(sorted(set(a) & set(b)))\n"
    wrong_on_plus = "\ndef similar_elements(a, b):\n  return (4, 5)\n"
    close_float = "\ndef half(x):\n  return x / 3 + 1e-9\n"
    far_float = "\ndef half(x):\n  return x / 2\n"
    samples = [Sample("Mbpp/2", ok, full_program=True), Sample("Mbpp/2", wrong_on_plus, full_program=True),
               Sample("Mbpp/900", close_float, full_program=True), Sample("Mbpp/900", far_float, full_program=True)]
    got = [r.status for r in run_samples(plus.by_id(), samples, settings)]
    assert got == [Status.passed, Status.failed, Status.passed, Status.failed]
    assert run_samples(base.by_id(), samples[1:2], settings)[0].status is Status.passed


def test_evalplus_not_none_oracle(tmp_path: Path, settings) -> None:
    row = {"task_id": "Mbpp/737", "prompt": "'''\nStarts with a vowel.\n'''", "entry_point": "check_str",
           "canonical_solution": "\nimport re\ndef check_str(s):\n  return re.search('^[aeiou]', s)\n",
           "base_input": [["annie"], ["dawood"]], "plus_input": [], "atol": 0}
    bench = load_benchmark(str(_write(tmp_path / "np.jsonl", [row])))
    as_bool = "import re\ndef check_str(s):\n  return bool(re.match('[aeiou]', s))\n"
    always = "def check_str(s):\n  return True\n"
    got = [r.status for r in run_samples(bench.by_id(), [Sample("Mbpp/737", as_bool, full_program=True),
                                                         Sample("Mbpp/737", always, full_program=True)], settings)]
    assert got == [Status.passed, Status.failed]
