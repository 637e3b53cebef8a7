"""LoRA / QLoRA fine-tuning on a tiny model (CPU): loss goes down, artifacts, sweep, Ctrl-C."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from evalkit.finetune import FinetuneConfig, finetune, format_table, load_instruction_data, parse_sweep, run_sweep
from evalkit.finetune.data import IGNORE_INDEX, format_prompt, tokenize_example
from evalkit.generation.errors import TrainingDataError
from synth.errors import InputError
from tests.evalkit.tiny_helpers import tiny_model_dir, toy_problems  # noqa: F401 - fixture

ROWS = [
    {"instruction": "Write a function that adds two numbers.", "input": "", "output": "def add(a, b):\n    return a + b"},
    {"instruction": "Write a function that doubles x.", "output": "def double(x):\n    return 2 * x"},
    {"instruction": "Reverse the string.", "input": "s = 'abc'", "output": "s[::-1]"},
    {"instruction": "Return the maximum of a list.", "input": "", "output": "def mx(xs):\n    return max(xs)"},
    {"instruction": "Square a number.", "input": "", "output": "def sq(x):\n    return x * x"},
]


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    p = tmp_path / "train.jsonl"
    p.write_text("".join(json.dumps(r) + "\n" for r in ROWS))
    return p


def cfg(tiny_model_dir, data_file, out, **kw) -> FinetuneConfig:
    base = dict(model=str(tiny_model_dir), data=data_file, method="lora", r=8, alpha=16, dropout=0.0, lr=3e-2,
                scheduler="constant", warmup_steps=0, steps=12, micro_batch=4, eval_split=0.2, max_length=256,
                seed=0, device="cpu", out=out)
    base.update(kw)
    return FinetuneConfig(**base)


def decreased(losses: list[float]) -> bool:
    return sum(losses[-3:]) / 3 < sum(losses[:3]) / 3 - 0.2


@pytest.mark.parametrize("line, content, message", [
    (2, "{not json", "not valid JSON"),
    (3, json.dumps({"instruction": "x", "input": ""}), "missing or empty output"),
    (2, json.dumps({"instruction": "x", "input": 5, "output": "y"}), "'input' must be a string"),
    (2, json.dumps(["a", "b"]), "expected a JSON object"),
])
def test_malformed_data_line_named(tmp_path, line, content, message):
    lines = [json.dumps(r) for r in ROWS[:3]]
    lines[line - 1] = content
    p = tmp_path / "d.jsonl"
    p.write_text("\n".join(lines) + "\n")
    with pytest.raises(TrainingDataError, match=rf"d.jsonl:{line}: .*{message}"):
        load_instruction_data(p)


def test_missing_and_empty_data(tmp_path):
    with pytest.raises(TrainingDataError, match="does not exist"):
        load_instruction_data(tmp_path / "none.jsonl")
    (tmp_path / "e.jsonl").write_text("\n\n")
    with pytest.raises(TrainingDataError, match="no examples"):
        load_instruction_data(tmp_path / "e.jsonl")


def test_loss_only_on_response_tokens(tiny_model_dir, data_file):
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(tiny_model_dir)
    ex = load_instruction_data(data_file)[2]
    ids, labels = tokenize_example(tok, ex, 512)
    n_prompt = len(tok(format_prompt(ex.instruction, ex.input))["input_ids"])
    assert all(x == IGNORE_INDEX for x in labels[:n_prompt])
    assert labels[n_prompt:] == ids[n_prompt:] and ids[-1] == tok.eos_token_id
    assert "### Input:\ns = 'abc'" in format_prompt(ex.instruction, ex.input)
    assert "### Input" not in format_prompt("x")


def test_lora_loss_decreases_and_artifacts(tiny_model_dir, data_file, tmp_path, settings):
    out = tmp_path / "lora"
    r = finetune(cfg(tiny_model_dir, data_file, out), settings)
    assert r.steps_done == 12 and len(r.train_losses) == 12
    assert decreased(r.train_losses), r.train_losses
    assert r.eval_loss is not None and 0.0 <= r.eval_token_accuracy <= 1.0
    assert 0 < r.trainable_params < r.total_params
    for name in ("adapter_config.json", "adapter_model.safetensors", "metrics.json", "train_config.json"):
        assert (out / name).is_file(), name
    conf = json.loads((out / "train_config.json").read_text())
    assert conf["r"] == 8 and conf["lr"] == 3e-2 and conf["model"] == str(tiny_model_dir)
    assert len(conf["data_sha256"]) == 64 and conf["versions"]["peft"] and conf["n_eval"] == 1
    metrics = json.loads((out / "metrics.json").read_text())
    assert metrics["train_losses"] == r.train_losses and metrics["interrupted"] is False
    row = sqlite3.connect(settings.db_path).execute(
        "SELECT kind, model, status FROM eval_runs WHERE kind = 'finetune'").fetchone()
    assert row == ("finetune", str(tiny_model_dir), "complete")


def test_training_is_seeded(tiny_model_dir, data_file, tmp_path, settings):
    a = finetune(cfg(tiny_model_dir, data_file, tmp_path / "a", steps=3, dropout=0.1), settings)
    b = finetune(cfg(tiny_model_dir, data_file, tmp_path / "b", steps=3, dropout=0.1), settings)
    assert a.train_losses == b.train_losses


def test_qlora_4bit_on_cpu_loss_decreases(tiny_model_dir, data_file, tmp_path, settings):
    pytest.importorskip("bitsandbytes")
    r = finetune(cfg(tiny_model_dir, data_file, tmp_path / "q", method="qlora", grad_accum=2, scheduler="cosine",
                     warmup_steps=1, weight_decay=0.01), settings)
    assert decreased(r.train_losses), r.train_losses
    conf = json.loads((tmp_path / "q" / "train_config.json").read_text())
    assert conf["method"] == "qlora" and conf["grad_accum"] == 2


def test_qlora_base_is_4bit(tiny_model_dir):
    pytest.importorskip("bitsandbytes")
    import bitsandbytes as bnb

    from evalkit.generation.hf import load_causal_lm

    model, _, _ = load_causal_lm(str(tiny_model_dir), quantize="4bit", device="cpu")
    q = model.model.layers[0].self_attn.q_proj
    assert isinstance(q, bnb.nn.Linear4bit)
    assert q.weight.quant_state.quant_type == "nf4" and q.weight.quant_state.nested  # double quantisation


def test_qlora_layers_never_repacked_for_inference(tiny_model_dir):
    # An eval-loss pass must not switch 4-bit layers to bitsandbytes' inference-only CPU
    # packing (AVX512-BF16 machines), which cuts the LoRA gradients for the rest of training.
    pytest.importorskip("bitsandbytes")
    import bitsandbytes as bnb
    import torch

    from evalkit.generation.hf import keep_4bit_trainable, load_causal_lm

    model, tok, _ = load_causal_lm(str(tiny_model_dir), quantize="4bit", device="cpu")
    layers = [m for m in model.modules() if isinstance(m, bnb.nn.Linear4bit)]
    assert keep_4bit_trainable(model) == len(layers) > 0
    model.eval()
    with torch.no_grad():
        model(tok("def f(x):", return_tensors="pt")["input_ids"])
    assert not any(getattr(m.weight.quant_state, "packing_format_for_cpu", False) for m in layers)


def test_adapter_save_load_generate(tiny_model_dir, data_file, tmp_path, settings):
    import torch

    from evalkit.generation import generate_samples
    from evalkit.generation.hf import load_causal_lm

    out = tmp_path / "ad"
    finetune(cfg(tiny_model_dir, data_file, out, steps=6), settings)
    base, tok, _ = load_causal_lm(str(tiny_model_dir), device="cpu")
    tuned, _, _ = load_causal_lm(str(tiny_model_dir), device="cpu", adapter=str(out))
    ids = tok("def add(a, b):", return_tensors="pt")["input_ids"]
    with torch.no_grad():
        assert not torch.allclose(base(ids).logits, tuned(ids).logits)
    samples = tmp_path / "s.jsonl"
    s = generate_samples(str(tiny_model_dir), toy_problems(2), samples, n=1, temperature=0.0, top_p=1.0,
                         max_new_tokens=8, seed=0, adapter=str(out), quantize=None, prompt_format="base", shots=0,
                         stop=None, backend="transformers", settings=settings, device="cpu")
    assert s.generated == 2
    assert json.loads(Path(str(samples) + ".meta.json").read_text())["adapter"] == str(out)


def test_not_an_adapter_dir(tiny_model_dir, tmp_path):
    from evalkit.generation.errors import ModelLoadError
    from evalkit.generation.hf import load_causal_lm

    (tmp_path / "empty").mkdir()
    with pytest.raises(ModelLoadError, match="adapter_config.json"):
        load_causal_lm(str(tiny_model_dir), device="cpu", adapter=str(tmp_path / "empty"))


def test_sweep_writes_table(tiny_model_dir, data_file, tmp_path, settings):
    out = tmp_path / "sweep"
    table = run_sweep(cfg(tiny_model_dir, data_file, out, steps=2), "r=2,4", settings)
    assert [row["r"] for row in table["runs"]] == [2, 4]
    assert table["runs"][0]["trainable_params"] * 2 == table["runs"][1]["trainable_params"]
    saved = json.loads((out / "sweep.json").read_text())
    assert saved["runs"] == json.loads(json.dumps(table["runs"]))
    assert (out / "r-4" / "adapter_config.json").is_file()
    text = format_table(table)
    assert text.splitlines()[0].split()[:2] == ["r", "steps"] and len(text.splitlines()) == 3


def test_parse_sweep():
    assert parse_sweep("r=16,32,64") == ("r", [16, 32, 64])
    assert parse_sweep("lr=1e-4, 2e-4") == ("lr", [1e-4, 2e-4])
    for bad in ("r", "depth=1,2", "r=a,b", "r="):
        with pytest.raises(InputError):
            parse_sweep(bad)


def test_ctrl_c_keeps_what_was_done(tiny_model_dir, data_file, tmp_path, settings):
    out = tmp_path / "int"

    def interrupt(step, total, loss):
        if step == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        finetune(cfg(tiny_model_dir, data_file, out), settings, on_step=interrupt)
    metrics = json.loads((out / "metrics.json").read_text())
    assert metrics["interrupted"] is True and metrics["steps_done"] == 3
    assert (out / "adapter_model.safetensors").is_file()


def test_unknown_target_module(tiny_model_dir, data_file, tmp_path, settings):
    with pytest.raises(TrainingDataError, match="target-modules"):
        finetune(cfg(tiny_model_dir, data_file, tmp_path / "x", target_modules="nope_proj"), settings)


@pytest.mark.gpu
def test_qlora_on_cuda(tiny_model_dir, data_file, tmp_path, settings):
    import torch

    if not torch.cuda.is_available():
        pytest.skip("needs a CUDA GPU")
    r = finetune(cfg(tiny_model_dir, data_file, tmp_path / "g", method="qlora", device="cuda", steps=20), settings)
    assert decreased(r.train_losses)
    print(f"cuda qlora: {r.steps_per_s:.1f} steps/s, peak memory {torch.cuda.max_memory_allocated() / 2**20:.1f} MiB")
