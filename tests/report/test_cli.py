import json
from pathlib import Path

import pytest

from synth.cli import cli
from synth.clikit import run_cli
from tests.helpers.pdfgen import make_paper_pdf, sample_spec
from tests.report.corpus import QUESTION, make_corpus


def test_report_command_writes_files_and_prints_json(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    corpus = make_corpus(tmp_path / "papers")
    out = tmp_path / "out"
    code = run_cli(cli, ["report", QUESTION, "--source", str(corpus), "--out", str(out), "--json", "--max-claims", "6"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    data = json.loads(captured.out)
    assert data["method"]["papers"]["found"] == 3 and data["method"]["papers"]["kept"] == 2
    assert {"md", "html", "json", "bib"} <= set(data["files"])
    for name in ("report.md", "report.html", "report.json", "references.bib"):
        assert (out / name).is_file()


def test_report_flags_are_checked(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert run_cli(cli, ["report", QUESTION, "--model", "tiny", "--source", str(tmp_path)]) == 1
    assert "--allow-exec" in capsys.readouterr().err
    assert run_cli(cli, ["report", QUESTION, "--format", "pdf", "--source", str(tmp_path)]) == 1
    assert "unknown format" in capsys.readouterr().err
    assert run_cli(cli, ["report", "  ", "--source", str(tmp_path)]) == 1
    assert "question is empty" in capsys.readouterr().err


def test_digest_command(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    pdf = make_paper_pdf(tmp_path / "tiny.pdf", sample_spec())
    code = run_cli(cli, ["digest", str(pdf), "--out", str(tmp_path / "d"), "--format", "md"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "Tiny Coders" in captured.out and (tmp_path / "d" / "digest.md").is_file()
    assert not (tmp_path / "d" / "digest.html").exists()
