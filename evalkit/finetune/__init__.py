"""LoRA / QLoRA fine-tuning kit (``litcheck finetune``). Importing it does not import torch."""

from evalkit.finetune.data import InstructionExample, format_prompt, load_instruction_data
from evalkit.finetune.sweep import format_table, parse_sweep, run_sweep
from evalkit.finetune.train import FinetuneConfig, FinetuneResult, finetune

__all__ = [
    "FinetuneConfig", "FinetuneResult", "InstructionExample", "finetune", "format_prompt", "format_table",
    "load_instruction_data", "parse_sweep", "run_sweep",
]
