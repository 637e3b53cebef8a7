"""``litcheck finetune`` and ``litcheck reproduce`` through the CLI: JSON output, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from synth.cli import cli
from synth.clikit import run_cli
from tests.evalkit.tiny_helpers import tiny_model_dir  # noqa: F401 - fixture

ROWS = [
    {"instruction": "Write a function that adds two numbers.", "input": "", "output": "def add(a, b):\n    return a + b"},
    {"instruction": "Square a number.", "input": "", "output": "def sq(x):\n    return x * x"},
    {"instruction": "Reverse the string.", "input": "s = 'abc'", "output": "s[::-1]"},
]


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    p = tmp_path / "train.jsonl"
    p.write_text("".join(json.dumps(r) + "\n" for r in ROWS))
    return p


def run(capsys, *args: str) -> tuple[int, str, str]:
    rc = run_cli(cli, list(args))
    out, err = capsys.readouterr()
    return rc, out, err


def ft_args(model, data, out, *extra):
    return ["finetune", "--model", str(model), "--data", str(data), "--out", str(out), "--steps", "3",
            "--r", "4", "--lr", "1e-2", "--max-length", "256", "--device", "cpu", *extra]


def test_finetune_json(capsys, tiny_model_dir, data_file, tmp_path):
    rc, out, err = run(capsys, *ft_args(tiny_model_dir, data_file, tmp_path / "a", "--json", "--method", "qlora"))
    assert rc == 0, err
    data = json.loads(out)
    assert data["steps_done"] == 3 and data["method"] == "qlora" and len(data["train_losses"]) == 3
    assert (tmp_path / "a" / "adapter_config.json").is_file()


def test_finetune_text_summary(capsys, tiny_model_dir, data_file, tmp_path):
    rc, out, err = run(capsys, *ft_args(tiny_model_dir, data_file, tmp_path / "b", "--scheduler", "linear",
                                        "--warmup-ratio", "0.5"))
    assert rc == 0, err
    assert "train loss:" in out and "litcheck eval --model" in out and "--adapter" in out


def test_finetune_sweep_table(capsys, tiny_model_dir, data_file, tmp_path):
    rc, out, err = run(capsys, *ft_args(tiny_model_dir, data_file, tmp_path / "s", "--sweep", "r=2,4"))
    assert rc == 0, err
    header, *rows = [line for line in out.splitlines() if line.strip()][:3]
    assert header.split()[0] == "r" and [r.split()[0] for r in rows] == ["2", "4"]
    assert json.loads((tmp_path / "s" / "sweep.json").read_text())["key"] == "r"


@pytest.mark.parametrize("case", ["bad_line", "bad_model", "gpu", "bad_option", "bad_sweep"])
def test_finetune_errors_are_one_line(capsys, tiny_model_dir, data_file, tmp_path, case):
    import torch

    data, model, extra = data_file, tiny_model_dir, []
    if case == "bad_line":
        data = tmp_path / "bad.jsonl"
        data.write_text(json.dumps(ROWS[0]) + "\n{oops\n")
    elif case == "bad_model":
        model = tmp_path / "missing-model"
    elif case == "gpu":
        if torch.cuda.is_available():
            pytest.skip("a GPU is present")
        extra = ["--device", "cuda"]
    elif case == "bad_option":
        extra = ["--dropout", "1.5"]
    else:
        extra = ["--sweep", "depth=1,2"]
    rc, out, err = run(capsys, *ft_args(model, data, tmp_path / "o", *extra))
    assert rc != 0
    lines = [line for line in err.splitlines() if line.startswith("error")]
    assert len(lines) == 1 and "Traceback" not in err
    expected = {"bad_line": "bad.jsonl:2", "bad_model": "missing-model", "gpu": "no CUDA GPU",
                "bad_option": "dropout", "bad_sweep": "--sweep"}[case]
    assert expected in lines[0]


def test_reproduce_requires_allow_exec(capsys, tiny_model_dir):
    rc, out, err = run(capsys, "reproduce", "--claim", "X achieves 84.1% pass@1 on HumanEval",
                       "--model", str(tiny_model_dir), "--limit", "1")
    assert rc == 1 and "--allow-exec" in err


def test_reproduce_json(capsys, tiny_model_dir):
    rc, out, err = run(capsys, "reproduce", "--claim", "Qwen2.5-Coder-3B-Instruct achieves 84.1% pass@1 on HumanEval",
                       "--model", str(tiny_model_dir), "--allow-exec", "--limit", "2", "--max-new-tokens", "8",
                       "--device", "cpu", "--json")
    assert rc == 0, err
    data = json.loads(out)
    assert data["verdict"] == "inconclusive" and data["n_tasks"] == 2 and data["claim"]["value"] == 84.1
    assert data["stored"] is True and data["tolerance"] == 3.0


def test_reproduce_text_and_bad_claim(capsys, tiny_model_dir):
    rc, out, err = run(capsys, "reproduce", "--claim", "X achieves 50% pass@1 on MBPP+", "--model",
                       str(tiny_model_dir), "--allow-exec")
    assert rc == 0 and "verdict: inconclusive" in out and "--benchmark" in out
    rc, out, err = run(capsys, "reproduce", "--claim", "X is good", "--model", str(tiny_model_dir), "--allow-exec")
    assert rc == 1 and err.startswith("error: no pass@k metric")
