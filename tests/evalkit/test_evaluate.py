"""evaluate_samples: pass@k over covered tasks, results on disk and in the store, resume."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evalkit.benchmarks import load_benchmark
from evalkit.errors import ExecNotAllowedError, SampleFileError
from evalkit.evaluate import evaluate_canonical, evaluate_samples

ROWS = [
    {"task_id": f"c/{i}", "prompt": f"def f{i}(x):\n", "entry_point": f"f{i}",
     "test": f"def check(f):\n    assert f(2) == {i} + 2\n", "canonical_solution": f"    return x + {i}\n"}
    for i in range(4)
]


@pytest.fixture
def bench_path(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in ROWS), encoding="utf-8")
    return path


def _samples(path: Path, rows: list) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows), encoding="utf-8")
    return path


def test_requires_allow_exec(settings, bench_path: Path, tmp_path: Path) -> None:
    s = _samples(tmp_path / "s.jsonl", [{"task_id": "c/0", "completion": "    return x\n"}])
    with pytest.raises(ExecNotAllowedError, match="--allow-exec"):
        evaluate_samples(s, load_benchmark(str(bench_path)), settings)


def test_partial_file_unknown_ids_and_store(settings, bench_path: Path, tmp_path: Path) -> None:
    settings.allow_exec = True
    s = _samples(tmp_path / "s.jsonl", [
        {"task_id": "c/0", "completion": "    return x + 0\n"},
        {"task_id": "c/0", "completion": "    return x\n"},
        {"task_id": "c/1", "completion": "    return -1\n"},
        {"task_id": "c/1", "completion": "    return x + 1\n"},
        {"task_id": "nope/9", "completion": "    return 1\n"},
    ])
    report = evaluate_samples(s, load_benchmark(str(bench_path)), settings, ks=(1, 2, 3))
    data = report.to_json()
    assert data["tasks_covered"] == 2 and data["partial"] and "2 of 4 tasks" in data["coverage_note"]
    assert data["pass@k"]["pass@1"]["value"] == pytest.approx(0.75)
    assert data["pass@k"]["pass@2"]["value"] == pytest.approx(1.0)
    assert "pass@3" in data["pass@k_not_computed"]
    assert [e["status"] for e in data["samples"]] == ["passed", "passed", "failed", "passed", "unknown_task"]
    assert data["unknown_task_ids"] == [{"line": 5, "task_id": "nope/9"}]
    assert data["provenance"]["benchmark"]["hash"] == report.benchmark.content_hash
    assert (report.run_dir / "results.json").is_file()
    from synth.store import open_store

    store = open_store(settings)
    row = store.conn.execute("SELECT kind, status, n_samples, benchmark_hash FROM eval_runs").fetchone()
    store.close()
    assert tuple(row) == ("samples", "complete", 5, report.benchmark.content_hash)


def test_malformed_sample_line_is_named(settings, bench_path: Path, tmp_path: Path) -> None:
    settings.allow_exec = True
    s = _samples(tmp_path / "s.jsonl", [{"task_id": "c/0", "completion": "    return x\n"}, "{not json"])
    with pytest.raises(SampleFileError, match=r"s.jsonl:2: not valid JSON"):
        evaluate_samples(s, load_benchmark(str(bench_path)), settings)
    s = _samples(tmp_path / "t.jsonl", [{"task_id": "c/0"}])
    with pytest.raises(SampleFileError, match=r"t.jsonl:1: needs a string 'completion'"):
        evaluate_samples(s, load_benchmark(str(bench_path)), settings)


def test_interrupted_run_resumes(settings, bench_path: Path, tmp_path: Path) -> None:
    settings.allow_exec = True
    bench = load_benchmark(str(bench_path))
    rows = [{"task_id": f"c/{i % 4}", "completion": f"    return x + {i % 4}\n"} for i in range(8)]
    s = _samples(tmp_path / "s.jsonl", rows)

    def interrupt(done: int, total: int) -> None:
        if done >= 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        evaluate_samples(s, bench, settings, workers=1, on_progress=interrupt)
    from synth.store import open_store

    store = open_store(settings)
    assert store.conn.execute("SELECT status FROM eval_runs").fetchone()[0] == "interrupted"
    store.close()
    report = evaluate_samples(s, bench, settings, workers=1)
    assert report.resumed >= 3
    assert [e["status"] for e in report.samples] == ["passed"] * 8
    log = (report.run_dir / "samples.jsonl").read_text().splitlines()
    assert len(log) == 8  # nothing evaluated twice
    # A third run reuses everything; --fresh reuses nothing.
    assert evaluate_samples(s, bench, settings, workers=1).resumed == 8
    assert evaluate_samples(s, bench, settings, workers=1, fresh=True).resumed == 0


def test_canonical_on_custom(settings, bench_path: Path) -> None:
    settings.allow_exec = True
    report = evaluate_canonical(load_benchmark(str(bench_path)), settings)
    assert report.pass_at_k[1].value == 1.0 and not report.failures


def test_model_path_generates_then_evaluates(settings, bench_path: Path, monkeypatch) -> None:
    """The --model path hands the problems to the generation half and evaluates what it wrote."""
    import types

    import evalkit.generation as generation

    calls = {}

    def fake_generate(model, problems, out_path, **kw):
        calls.update(kw, model=model, n_problems=len(problems))
        with open(out_path, "a", encoding="utf-8") as fh:
            for p in problems:
                for i in range(kw["n"]):
                    body = p.canonical_solution if i == 0 else "    return None\n"
                    fh.write(json.dumps({"task_id": p.task_id, "completion": body, "raw": body}) + "\n")
        meta = Path(out_path).with_suffix(".meta.json")
        meta.write_text(json.dumps({"prompt_template": "base"}), encoding="utf-8")
        return types.SimpleNamespace(meta_path=meta)

    monkeypatch.setattr(generation, "generate_samples", fake_generate)
    settings.allow_exec = True
    from evalkit.evaluate import evaluate_model

    report = evaluate_model("tiny-model", load_benchmark(str(bench_path)), settings, ks=(1, 2), n=2, temperature=0.2)
    assert calls["model"] == "tiny-model" and calls["n"] == 2 and calls["temperature"] == 0.2
    assert calls["n_problems"] == 4
    assert report.pass_at_k[1].value == pytest.approx(0.5) and report.pass_at_k[2].value == pytest.approx(1.0)
    gen = report.to_json()["provenance"]["generation"]
    assert gen["temperature"] == 0.2 and gen["meta"]["prompt_template"] == "base"
    assert report.to_json()["model"] == "tiny-model"
