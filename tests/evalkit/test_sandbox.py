"""The sandbox classifies outcomes into Status and reports its isolation level."""

from __future__ import annotations

import pytest

from evalkit.sandbox import build_program, detect_isolation, run_program, run_samples
from evalkit.types import Problem, Sample, Status


@pytest.mark.parametrize(
    ("program", "status", "detail"),
    [
        ("assert 1 + 1 == 2\n", Status.passed, ""),
        ("assert 1 + 1 == 3, 'math'\n", Status.failed, "AssertionError: math"),
        ("def f(:\n", Status.error, "SyntaxError"),
        ("raise KeyError('k')\n", Status.error, "KeyError"),
        ("x = bytearray(4 * 1024 ** 3)\n", Status.memory, "MemoryError"),
        ("while True:\n    pass\n", Status.timeout, "wall-clock"),
        ("import time\ntime.sleep(60)\n", Status.timeout, "wall-clock"),
        ("import os, signal\nos.kill(os.getpid(), signal.SIGSEGV)\n", Status.error, "SIGSEGV"),
    ],
)
def test_statuses(settings, program: str, status: Status, detail: str) -> None:
    result = run_program(program, settings, timeout=1.5)
    assert result.status is status, result
    assert detail in result.detail
    assert result.duration_s < 10


def test_build_program_human_eval_style() -> None:
    p = Problem("t/0", "def f(x):\n", "f", "def check(c):\n    assert c(1) == 2\n", "    return x + 1\n", "b")
    prog = build_program(p, "    return x + 1\n")
    assert prog.startswith("def f(x):\n    return x + 1\n") and prog.rstrip().endswith("check(f)")
    script = Problem("t/1", "# two\n", "g", "assert g() == 1\n", "def g():\n    return 1\n", "b",
                     extra={"harness": "script", "self_contained": True})
    prog = build_program(script, "def g():\n    return 1\n")
    assert not prog.startswith("# two") and "check(" not in prog


def test_results_keep_input_order_and_report_as_they_finish(settings) -> None:
    p = Problem("t/0", "def f(x):\n", "f", "def check(c):\n    assert c(1) == 2\n", "", "b")
    samples = [Sample("t/0", "    import time; time.sleep(0.3); return x + 1\n"), Sample("t/0", "    return 0\n"),
               Sample("t/0", "    return x + 1\n")]
    seen = []
    results = run_samples({"t/0": p}, samples, settings, workers=2, on_result=lambda i, r: seen.append(i))
    assert [r.status for r in results] == [Status.passed, Status.failed, Status.passed]
    assert sorted(seen) == [0, 1, 2]


def test_isolation_is_described() -> None:
    iso = detect_isolation()
    assert iso.level in {"netns+pidns+mountns+uid", "netns+pidns+uid", "userns+netns+pidns", "none"}
    if not iso.network_blocked:
        assert "network is NOT blocked" in iso.description


def test_weakest_fallback_still_classifies_and_kills(settings) -> None:
    """Without namespaces (no unshare) the worker still runs, times out and reports."""
    from evalkit.sandbox import _Runner
    from evalkit.sandbox.isolation import Isolation

    none = Isolation("none", (), False, False, False, "isolation: no network namespace (unshare unavailable): "
                     "network is NOT blocked")
    runner = _Runner(settings, none)
    try:
        assert runner.run("t", "assert 2 > 1\n", 2.0).status is Status.passed
        assert runner.run("t", "assert 2 < 1\n", 2.0).status is Status.failed
        assert runner.run("t", "while True:\n    pass\n", 0.5).status is Status.timeout
    finally:
        runner.close()
