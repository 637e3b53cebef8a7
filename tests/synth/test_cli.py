"""The CLI as a user meets it: help, JSON output, one-line errors, no heavy imports."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from synth.cli import COMMANDS, cli
from synth.clikit import run_cli
from tests.helpers.pdfgen import make_paper_pdf, sample_spec


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = run_cli(cli, list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_help_is_fast_and_imports_nothing_heavy() -> None:
    code = (
        "import sys, synth.cli, synth, verifier, evalkit\n"
        "from click.testing import CliRunner\n"
        "r = CliRunner().invoke(synth.cli.cli, ['--help'])\n"
        "assert r.exit_code == 0, r.output\n"
        "heavy = [m for m in ('torch', 'faiss', 'fitz', 'pymupdf', 'transformers', 'sentence_transformers') if m in sys.modules]\n"
        "print(heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_help(capsys, name: str) -> None:
    code, out, _ = run(capsys, name, "--help")
    assert code == 0 and "Usage:" in out


def test_ingest_papers_search_json(capsys, tmp_path: Path) -> None:
    pdf = make_paper_pdf(tmp_path / "tiny.pdf", sample_spec())
    code, out, _ = run(capsys, "ingest", str(pdf), "--json")
    assert code == 0
    data = json.loads(out)
    assert data["counts"] == {"ingested": 1}
    code, out, _ = run(capsys, "papers", "--json")
    papers = json.loads(out)["papers"]
    assert papers[0]["arxiv_id"] == "2101.00001" and papers[0]["title"].startswith("Tiny Coders")
    code, out, err = run(capsys, "search", "TinyCoder-3B 35.40", "--k", "3", "--json")
    assert out.lstrip().startswith("{"), err
    hits = json.loads(out)["hits"]
    assert code == 0 and "35.40" in hits[0]["text"] and hits[0]["page"] == 1
    code, out, _ = run(capsys, "show", "2101.00001", "--json")
    shown = json.loads(out)
    assert shown["tables"][0]["rows"][0] == ["Model", "HumanEval", "MBPP"]


def test_errors_are_one_line_with_nonzero_exit(capsys, tmp_path: Path) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_text("not a pdf")
    code, out, err = run(capsys, "ingest", str(bad))
    assert code == 1 and "bad.pdf" in err
    code, _, err = run(capsys, "search", "anything")
    assert code == 1 and err.count("\n") == 1 and err.startswith("error:")
    code, _, err = run(capsys, "serch", "x")
    assert code != 0 and "search" in err


def test_debug_shows_traceback(monkeypatch, capsys) -> None:
    monkeypatch.setenv("LITCHECK_DEBUG", "1")
    with pytest.raises(Exception):
        run_cli(cli, ["show", "nope"])


def test_ctrl_c_is_one_line_and_exit_130(monkeypatch, capsys) -> None:
    import synth.store

    def interrupted(settings):  # noqa: ANN001, ANN202
        raise KeyboardInterrupt

    monkeypatch.setattr(synth.store, "open_store", interrupted)
    code, _, err = run(capsys, "papers")
    assert code == 130 and "interrupted" in err and "rerun" in err
