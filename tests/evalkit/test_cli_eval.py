"""`litcheck eval` as a user meets it: --json shape, partial files, one-line errors, refusal."""

from __future__ import annotations

import json
from pathlib import Path

from synth.cli import cli
from synth.clikit import run_cli

ROWS = [
    {"task_id": f"c/{i}", "prompt": f"def f{i}(x):\n", "entry_point": f"f{i}",
     "test": f"def check(f):\n    assert f(2) == {i} + 2\n", "canonical_solution": f"    return x + {i}\n"}
    for i in range(3)
]


def _write(path: Path, rows: list) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows), encoding="utf-8")
    return path


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = run_cli(cli, list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_refuses_without_allow_exec(capsys, tmp_path: Path) -> None:
    bench = _write(tmp_path / "b.jsonl", ROWS)
    samples = _write(tmp_path / "s.jsonl", [{"task_id": "c/0", "completion": "    return x\n"}])
    code, out, err = run(capsys, "eval", "--samples", str(samples), "--benchmark", str(bench))
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "--allow-exec" in err


def test_json_on_a_partial_file(capsys, tmp_path: Path) -> None:
    bench = _write(tmp_path / "b.jsonl", ROWS)
    samples = _write(tmp_path / "s.jsonl", [
        {"task_id": "c/1", "completion": "    return x + 1\n"},
        {"task_id": "c/0", "completion": "    return 0\n"},
        {"task_id": "zzz", "completion": "    return 0\n"},
    ])
    code, out, err = run(capsys, "eval", "--samples", str(samples), "--benchmark", str(bench), "--allow-exec",
                         "--json", "--k", "1")
    assert code == 0, err
    data = json.loads(out)
    assert data["pass@k"]["pass@1"]["value"] == 0.5
    lo, hi = data["pass@k"]["pass@1"]["ci"]
    assert lo <= 0.5 <= hi
    assert [(s["task_id"], s["status"]) for s in data["samples"]] == [
        ("c/1", "passed"), ("c/0", "failed"), ("zzz", "unknown_task")]
    assert data["tasks_covered"] == 2 and data["partial"]
    assert data["benchmark"]["name"] == "b" and len(data["benchmark"]["hash"]) == 64
    prov = data["provenance"]
    assert prov["execution"]["timeout_s"] > 0 and prov["execution"]["isolation"]
    assert "litcheck" in prov["versions"]


def test_malformed_line_is_one_line_error(capsys, tmp_path: Path) -> None:
    bench = _write(tmp_path / "b.jsonl", ROWS)
    samples = _write(tmp_path / "s.jsonl", [{"task_id": "c/0", "completion": "    return x\n"}, "[1, 2"])
    code, out, err = run(capsys, "eval", "--samples", str(samples), "--benchmark", str(bench), "--allow-exec")
    assert code == 1 and "s.jsonl:2" in err and err.count("\n") == 1


def test_canonical_summary_and_bad_flags(capsys, tmp_path: Path) -> None:
    bench = _write(tmp_path / "b.jsonl", ROWS)
    code, out, err = run(capsys, "eval", "--canonical", "--benchmark", str(bench), "--allow-exec")
    assert code == 0, err
    assert "pass@1 = 100.00%" in out and "isolation:" in out
    code, _, err = run(capsys, "eval", "--benchmark", str(bench), "--allow-exec")
    assert code == 1 and "exactly one of" in err
    code, _, err = run(capsys, "eval", "--canonical", "--benchmark", "humaneva", "--allow-exec")
    assert code == 1 and "Did you mean 'humaneval'" in err
