"""Tiny models build locally and load through the same code as real checkpoints."""

from __future__ import annotations

from evalkit.tiny import TINY_CHAT_TEMPLATE, build_tiny_tokenizer, humaneval_corpus
from tests.evalkit.tiny_helpers import tiny_model_dir  # noqa: F401 - fixture


def test_humaneval_corpus_from_wheel():
    texts = humaneval_corpus(limit=3)
    assert len(texts) == 3 and "def has_close_elements" in texts[0]


def test_tokenizer_round_trips_python_whitespace():
    tok = build_tiny_tokenizer(["def f(x):\n    return x\n"] * 5, vocab_size=300)
    code = "def g(a, b):\n\tif a:\n        return b  # ünïcode\n"
    assert tok.decode(tok(code)["input_ids"]) == code
    assert tok.pad_token == "<|pad|>" and tok.eos_token == "<|endoftext|>"
    assert tok.chat_template == TINY_CHAT_TEMPLATE


def test_tiny_model_loads_from_its_path(tiny_model_dir):
    from evalkit.generation.hf import load_causal_lm

    model, tok, device = load_causal_lm(str(tiny_model_dir), device="cpu")
    assert device == "cpu" and tok.padding_side == "left"
    assert model.config.num_hidden_layers == 2 and model.config.hidden_size == 64
    assert sum(p.numel() for p in model.parameters()) < 500_000
    assert (tiny_model_dir / "config.json").is_file() and (tiny_model_dir / "tokenizer.json").is_file()
    names = {n.rsplit(".", 1)[-1] for n, _ in model.named_modules()}
    assert {"q_proj", "v_proj"} <= names  # LoRA targets exist as on Llama
