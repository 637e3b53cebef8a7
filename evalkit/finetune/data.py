"""Instruction-tuning data (CodeAlpaca style) in an Alpaca prompt template.

Each JSONL line: ``{"instruction": str, "input": str (optional), "output": str}``. The loss
is on the response tokens only: prompt tokens get label -100.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from evalkit.generation.errors import TrainingDataError
from synth.jsonl import iter_jsonl

PROMPT_WITH_INPUT = (
    "Below is an instruction that describes a task, paired with an input that provides further context. "
    "Write a response that appropriately completes the request.\n\n"
    "### Instruction:\n{instruction}\n\n### Input:\n{input}\n\n### Response:\n"
)
PROMPT_NO_INPUT = (
    "Below is an instruction that describes a task. "
    "Write a response that appropriately completes the request.\n\n"
    "### Instruction:\n{instruction}\n\n### Response:\n"
)
IGNORE_INDEX = -100


@dataclass(frozen=True)
class InstructionExample:
    """One training example and the line it came from."""

    instruction: str
    input: str
    output: str
    line: int


def format_prompt(instruction: str, input_text: str = "") -> str:
    """The Alpaca prompt (everything the loss is not computed on)."""
    if input_text.strip():
        return PROMPT_WITH_INPUT.format(instruction=instruction, input=input_text)
    return PROMPT_NO_INPUT.format(instruction=instruction)


def file_sha256(path: Path) -> str:
    """Content hash of the data file (recorded with every run)."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def load_instruction_data(path: Path | str) -> list[InstructionExample]:
    """Read a CodeAlpaca-style JSONL; a malformed line is an error naming its number."""
    path = Path(path)
    if not path.is_file():
        raise TrainingDataError(f"training data '{path}' does not exist; give a JSONL file with instruction/input/output lines")
    examples: list[InstructionExample] = []
    for lineno, row in iter_jsonl(path, TrainingDataError, "a JSON object with instruction/input/output"):
        missing = [k for k in ("instruction", "output") if not isinstance(row.get(k), str) or not row.get(k).strip()]
        if missing:
            raise TrainingDataError(f"{path}:{lineno}: missing or empty {', '.join(missing)} (a string is needed)")
        inp = row.get("input", "")
        if inp is None:
            inp = ""
        if not isinstance(inp, str):
            raise TrainingDataError(f"{path}:{lineno}: 'input' must be a string")
        examples.append(InstructionExample(row["instruction"], inp, row["output"], lineno))
    if not examples:
        raise TrainingDataError(f"{path} holds no examples")
    return examples


def tokenize_example(tokenizer: Any, ex: InstructionExample, max_length: int) -> tuple[list[int], list[int]]:
    """(input_ids, labels) with prompt tokens masked; truncated to ``max_length``."""
    prompt = format_prompt(ex.instruction, ex.input)
    p_ids = tokenizer(prompt, add_special_tokens=True)["input_ids"]
    full = tokenizer(prompt + ex.output, add_special_tokens=True)["input_ids"]
    # BPE may merge across the prompt/response boundary; mask by the prompt's own length.
    n_prompt = min(len(p_ids), len(full))
    eos = tokenizer.eos_token_id
    ids = full + ([eos] if eos is not None else [])
    labels = [IGNORE_INDEX] * n_prompt + ids[n_prompt:]
    return ids[:max_length], labels[:max_length]


def tokenize_all(tokenizer: Any, examples: Sequence[InstructionExample], max_length: int) -> list[tuple[list[int], list[int]]]:
    """Tokenize every example; those whose response is cut off entirely are an error."""
    out = []
    for ex in examples:
        ids, labels = tokenize_example(tokenizer, ex, max_length)
        if all(lab == IGNORE_INDEX for lab in labels):
            raise TrainingDataError(
                f"line {ex.line}: the prompt alone fills --max-length {max_length}; raise --max-length or shorten it"
            )
        out.append((ids, labels))
    return out


def collate(batch: Sequence[tuple[list[int], list[int]]], pad_id: int):
    """Right-pad a micro-batch into tensors (input_ids, attention_mask, labels)."""
    import torch

    width = max(len(ids) for ids, _ in batch)
    input_ids = torch.full((len(batch), width), pad_id, dtype=torch.long)
    labels = torch.full((len(batch), width), IGNORE_INDEX, dtype=torch.long)
    mask = torch.zeros((len(batch), width), dtype=torch.long)
    for i, (ids, lab) in enumerate(batch):
        input_ids[i, : len(ids)] = torch.tensor(ids)
        labels[i, : len(lab)] = torch.tensor(lab)
        mask[i, : len(ids)] = 1
    return input_ids, mask, labels
