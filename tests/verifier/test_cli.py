"""CLI contract of `litcheck verify`, `litcheck audit` and `litcheck claims`."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from synth.cli import cli
from tests.helpers.pdfgen import PaperSpec, SectionSpec, TableSpec, make_paper_pdf

ROWS = [["BaseCoder-1B", "25.71", "38.0"], ["TinyCoder-1B", "28.81", "41.2"]]


@pytest.fixture
def paper(tmp_path: Path) -> Path:
    spec = PaperSpec(title="Tiny Coders", abstract="We train small code models.", sections=[
        SectionSpec("1 Results", ["Table 1 lists pass@1 on HumanEval and MBPP."],
                    tables=[TableSpec("Table 1: pass@1 (%) on HumanEval and MBPP.", ["Model", "HumanEval", "MBPP"], ROWS)]),
    ])
    return make_paper_pdf(tmp_path / "tiny.pdf", spec)


def run(*args: str):  # noqa: ANN202
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_verify_contract(tmp_path: Path, paper: Path, litcheck_home: Path) -> None:
    claims = tmp_path / "claims.jsonl"
    claims.write_text("\n".join([
        json.dumps({"id": "a", "claim": "TinyCoder-1B reaches 41.2% pass@1 on MBPP.", "label": "x"}),
        "{not json",
        json.dumps({"id": "c", "claim": "TinyCoder-1B reaches 41.2% pass@1 on HumanEval."}),
        json.dumps({"id": 4, "text": "no claim field"}),
        json.dumps({"id": "e", "claim": "TinyCoder-1B reaches 50.0% accuracy on GSM8K."}),
    ]) + "\n", encoding="utf-8")
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4 this is not really a pdf")
    out = tmp_path / "out.jsonl"
    r = run("verify", "--claims", str(claims), "--source", str(paper), str(bad), "--out", str(out))
    assert r.exit_code == 0, r.output
    assert "line 2" in r.stderr and "broken.pdf" in r.stderr
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert [x["id"] for x in lines] == ["a", None, "c", 4, "e"]
    for x in lines:
        assert set(x) == {"id", "claim", "verdict", "confidence", "evidence", "reason"}
        assert 0.0 <= x["confidence"] <= 1.0
    assert lines[0]["verdict"] == "supported"
    ev = lines[0]["evidence"]
    assert set(ev) == {"paper", "page", "quote", "table", "row", "column"}
    assert ev["paper"] == "tiny.pdf" and ev["page"] == 1 and "41.2" in ev["quote"]
    assert lines[1]["verdict"] == "not_found" and "line 2" in lines[1]["reason"]
    assert lines[2]["verdict"] == "contradicted" and "28.81" in lines[2]["reason"]
    assert lines[3]["verdict"] == "not_found" and "line 4" in lines[3]["reason"]
    assert lines[4]["verdict"] == "not_found" and "broken.pdf" in lines[4]["reason"]
    # Verdicts are stored with provenance; a second run does not ingest the paper again.
    db = sqlite3.connect(litcheck_home / "litcheck.db")
    assert db.execute("SELECT COUNT(*) FROM verdicts").fetchone()[0] == 5
    assert db.execute("SELECT COUNT(*) FROM verify_runs").fetchone()[0] == 1
    papers = db.execute("SELECT COUNT(*) FROM papers").fetchone()[0]
    r2 = run("verify", "--claims", str(claims), "--source", str(paper), "--json")
    assert r2.exit_code == 0
    assert [json.loads(x)["id"] for x in r2.stdout.splitlines()] == ["a", None, "c", 4, "e"]
    assert db.execute("SELECT COUNT(*) FROM papers").fetchone()[0] == papers


def test_verify_without_usable_source_fails_cleanly(tmp_path: Path) -> None:
    claims = tmp_path / "c.jsonl"
    claims.write_text(json.dumps({"id": 1, "claim": "X gets 1.0 on MBPP."}) + "\n")
    r = CliRunner().invoke(cli, ["verify", "--claims", str(claims), "--source", str(tmp_path / "missing.pdf")])
    assert r.exit_code != 0
    assert "none of the sources could be read" in str(r.exception)


def test_audit_formats(tmp_path: Path) -> None:
    doc = tmp_path / "report.md"
    doc.write_text("Model-X achieves 59.6% pass@1 on HumanEval.\n\n| Model | HumanEval |\n|---|---|\n"
                   "| Model-X | 61.0 |\n", encoding="utf-8")
    r = run("audit", str(doc), "--format", "json")
    data = json.loads(r.stdout)
    assert {f["kind"] for f in data["findings"]} >= {"inconsistent", "grim"}
    r = run("audit", str(doc), "--format", "md")
    assert r.stdout.startswith("# Audit of report.md")
    out = tmp_path / "a.html"
    r = run("audit", str(doc), "--out", str(out))
    assert out.read_text().startswith("<!DOCTYPE html>") and "findings" in r.stderr


def test_claims_json_for_text() -> None:
    r = run("claims", "DeepseekCoder-33B-instruct achieves 56.7% on HumanEval Pro.", "--json")
    data = json.loads(r.stdout)
    assert data[0]["subjects"] == ["DeepseekCoder-33B-instruct"] and data[0]["benchmarks"] == ["humanevalpro"]
    assert data[0]["quantities"][0]["value"] == 56.7
