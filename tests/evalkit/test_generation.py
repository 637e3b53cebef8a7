"""Generation with a tiny local model: JSONL format, determinism, resume, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evalkit.generation import generate_samples, load_backend
from evalkit.generation.errors import BackendError, DeviceError, GenerationError, ModelLoadError
from evalkit.generation.samples_file import scan_samples, sidecar_path
from evalkit.errors import SampleFileError
from tests.evalkit.tiny_helpers import tiny_model_dir, toy_problems  # noqa: F401 - fixture

GEN = dict(n=2, temperature=0.8, top_p=0.95, max_new_tokens=12, seed=3, adapter=None, quantize=None,
           prompt_format="base", shots=0, stop=None, backend="transformers")


def read_rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


@pytest.fixture(scope="module")
def backend(tiny_model_dir):
    return load_backend("transformers", str(tiny_model_dir), device="cpu", batch_size=4)


def test_writes_valid_jsonl_and_sidecar(tiny_model_dir, backend, settings, tmp_path):
    problems = toy_problems(3)
    out = tmp_path / "s.jsonl"
    summary = generate_samples(str(tiny_model_dir), problems, out, settings=settings, backend_obj=backend, **GEN)
    rows = read_rows(out)
    assert summary.generated == 6 and summary.existing == 0 and len(rows) == 6
    assert {r["task_id"] for r in rows} == {"Toy/0", "Toy/1", "Toy/2"}
    for r in rows:
        assert set(r) == {"task_id", "completion", "raw", "index"}
        assert isinstance(r["completion"], str) and isinstance(r["raw"], str)
    assert sorted(r["index"] for r in rows if r["task_id"] == "Toy/1") == [0, 1]
    meta = json.loads(sidecar_path(out).read_text())
    for key, value in (("temperature", 0.8), ("top_p", 0.95), ("max_new_tokens", 12), ("n", 2), ("seed", 3),
                       ("prompt_format", "base"), ("shots", 0), ("backend", "transformers"), ("adapter", None)):
        assert meta[key] == value
    assert summary.new_tokens > 0 and summary.tokens_per_s > 0


def test_deterministic_under_seed(tiny_model_dir, backend, settings, tmp_path):
    problems = toy_problems(2)
    a, b, c = tmp_path / "a.jsonl", tmp_path / "b.jsonl", tmp_path / "c.jsonl"
    generate_samples(str(tiny_model_dir), problems, a, settings=settings, backend_obj=backend, **GEN)
    generate_samples(str(tiny_model_dir), problems, b, settings=settings, backend_obj=backend, **GEN)
    generate_samples(str(tiny_model_dir), problems, c, settings=settings, backend_obj=backend, **{**GEN, "seed": 4})
    assert read_rows(a) == read_rows(b)
    assert [r["raw"] for r in read_rows(a)] != [r["raw"] for r in read_rows(c)]


def test_base_completion_stops_at_stop_sequences(tiny_model_dir, backend, settings, tmp_path):
    out = tmp_path / "s.jsonl"
    generate_samples(str(tiny_model_dir), toy_problems(4), out, settings=settings, backend_obj=backend,
                     **{**GEN, "max_new_tokens": 40})
    for r in read_rows(out):
        for stop in ("\ndef ", "\nclass ", "\nif __name__", "\nprint(", "\n#"):
            assert stop not in r["completion"]


def test_resume_after_torn_line_generates_only_missing(tiny_model_dir, backend, settings, tmp_path):
    problems = toy_problems(3)
    full = tmp_path / "full.jsonl"
    generate_samples(str(tiny_model_dir), problems, full, settings=settings, backend_obj=backend, **GEN)
    lines = full.read_text().splitlines(keepends=True)
    part = tmp_path / "part.jsonl"
    # Keep three finished samples, then half of the fourth line as a kill would leave it.
    part.write_text("".join(lines[:3]) + lines[3][: len(lines[3]) // 2])
    sidecar_path(part).write_text(sidecar_path(full).read_text())
    summary = generate_samples(str(tiny_model_dir), problems, part, settings=settings, backend_obj=backend, **GEN)
    assert summary.existing == 3 and summary.generated == 3
    rows = read_rows(part)  # every line parses: the torn one was dropped
    assert len(rows) == 6
    counts = {t: sum(r["task_id"] == t for r in rows) for t in ("Toy/0", "Toy/1", "Toy/2")}
    assert counts == {"Toy/0": 2, "Toy/1": 2, "Toy/2": 2}
    assert rows[:3] == read_rows(full)[:3]  # finished samples untouched
    # A complete file: nothing to do, the backend is not even used.
    again = generate_samples(str(tiny_model_dir), problems, part, settings=settings, backend_obj=object(), **GEN)
    assert again.generated == 0 and again.existing == 6


def test_more_samples_per_task_extends_file(tiny_model_dir, backend, settings, tmp_path):
    out = tmp_path / "s.jsonl"
    generate_samples(str(tiny_model_dir), toy_problems(2), out, settings=settings, backend_obj=backend, **GEN)
    s = generate_samples(str(tiny_model_dir), toy_problems(2), out, settings=settings, backend_obj=backend,
                         **{**GEN, "n": 3})
    assert s.generated == 2 and len(read_rows(out)) == 6
    assert json.loads(sidecar_path(out).read_text())["n"] == 3


def test_resume_with_other_settings_refused(tiny_model_dir, backend, settings, tmp_path):
    out = tmp_path / "s.jsonl"
    generate_samples(str(tiny_model_dir), toy_problems(1), out, settings=settings, backend_obj=backend, **GEN)
    before = out.read_text()
    with pytest.raises(GenerationError, match="temperature"):
        generate_samples(str(tiny_model_dir), toy_problems(2), out, settings=settings, backend_obj=backend,
                         **{**GEN, "temperature": 0.2})
    assert out.read_text() == before


def test_malformed_middle_line_named(tmp_path):
    p = tmp_path / "s.jsonl"
    p.write_text('{"task_id": "a", "completion": "x"}\nnot json\n{"task_id": "b", "completion": "y"}\n')
    with pytest.raises(SampleFileError, match=r"s.jsonl:2"):
        scan_samples(p)


def test_instruct_and_kshot_generation(tiny_model_dir, backend, settings, tmp_path):
    out = tmp_path / "s.jsonl"
    s = generate_samples(str(tiny_model_dir), toy_problems(3), out, settings=settings, backend_obj=backend,
                         **{**GEN, "prompt_format": "instruct", "shots": 2, "n": 1, "temperature": 0.0})
    assert s.generated == 3
    assert json.loads(sidecar_path(out).read_text())["shots"] == 2


def test_greedy_is_deterministic_across_batches(tiny_model_dir, settings, tmp_path):
    one = load_backend("transformers", str(tiny_model_dir), device="cpu", batch_size=1)
    four = load_backend("transformers", str(tiny_model_dir), device="cpu", batch_size=4)
    kw = {**GEN, "n": 1, "temperature": 0.0}
    generate_samples(str(tiny_model_dir), toy_problems(4), tmp_path / "a.jsonl", settings=settings, backend_obj=one, **kw)
    generate_samples(str(tiny_model_dir), toy_problems(4), tmp_path / "b.jsonl", settings=settings, backend_obj=four, **kw)
    # left padding + attention mask: batching does not change greedy outputs
    assert [r["raw"] for r in read_rows(tmp_path / "a.jsonl")] == [r["raw"] for r in read_rows(tmp_path / "b.jsonl")]


def test_unloadable_model_is_one_line_error(settings, tmp_path):
    with pytest.raises(ModelLoadError, match="nope-model"):
        generate_samples(str(tmp_path / "nope-model"), toy_problems(1), tmp_path / "s.jsonl", settings=settings, **GEN)
    with pytest.raises(ModelLoadError, match="someorg/not-a-model"):
        load_backend("transformers", "someorg/not-a-model", device="cpu")


def test_gpu_option_without_gpu(tiny_model_dir):
    import torch

    if torch.cuda.is_available():
        pytest.skip("a GPU is present")
    with pytest.raises(DeviceError, match="no CUDA GPU"):
        load_backend("transformers", str(tiny_model_dir), device="cuda")


def test_backend_registry_errors(tiny_model_dir):
    import importlib.util

    import torch

    with pytest.raises(BackendError, match="did you mean 'vllm'"):
        load_backend("vlm", str(tiny_model_dir))
    if importlib.util.find_spec("vllm") is None or not torch.cuda.is_available():
        with pytest.raises(BackendError, match="unavailable"):
            load_backend("vllm", str(tiny_model_dir))


def test_bad_decoding_settings(settings, tmp_path):
    from synth.errors import InputError

    with pytest.raises(InputError, match="top-p"):
        generate_samples("m", toy_problems(1), tmp_path / "s.jsonl", settings=settings, **{**GEN, "top_p": 0})
    with pytest.raises(InputError, match="prompt format"):
        generate_samples("m", toy_problems(1), tmp_path / "s.jsonl", settings=settings, **{**GEN, "prompt_format": "fim"})


def test_quantized_4bit_generation_on_cpu(tiny_model_dir, settings, tmp_path):
    pytest.importorskip("bitsandbytes")
    out = tmp_path / "q.jsonl"
    s = generate_samples(str(tiny_model_dir), toy_problems(2), out, settings=settings, device="cpu",
                         **{**GEN, "quantize": "4bit", "n": 1})
    assert s.generated == 2
    assert json.loads(sidecar_path(out).read_text())["quantize"] == "4bit"


def test_unknown_quantize_value(tiny_model_dir):
    with pytest.raises(DeviceError, match="unknown quantisation"):
        load_backend("transformers", str(tiny_model_dir), quantize="3bit", device="cpu")


@pytest.mark.gpu
def test_generation_on_cuda(tiny_model_dir, settings, tmp_path):
    import torch

    if not torch.cuda.is_available():
        pytest.skip("needs a CUDA GPU")
    for q in (None, "4bit"):
        out = tmp_path / f"g{q}.jsonl"
        s = generate_samples(str(tiny_model_dir), toy_problems(4), out, settings=settings, device="cuda",
                             **{**GEN, "quantize": q, "max_new_tokens": 32})
        assert s.generated == 8
        print(f"cuda quantize={q}: {s.tokens_per_s:.0f} new tokens/s")


def test_ctrl_c_keeps_finished_batches_and_rerun_resumes(tiny_model_dir, settings, tmp_path):
    be = load_backend("transformers", str(tiny_model_dir), device="cpu", batch_size=2)
    out = tmp_path / "s.jsonl"

    def interrupt(k):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        generate_samples(str(tiny_model_dir), toy_problems(3), out, settings=settings, backend_obj=be,
                         on_progress=interrupt, **GEN)
    assert len(read_rows(out)) == 2  # the first batch was written before the interrupt
    s = generate_samples(str(tiny_model_dir), toy_problems(3), out, settings=settings, backend_obj=be, **GEN)
    assert s.existing == 2 and s.generated == 4 and len(read_rows(out)) == 6
