"""LoRA / QLoRA fine-tuning with a small, seeded, explicit PyTorch loop.

QLoRA = the base model loaded in 4-bit NF4 with double quantisation (bitsandbytes),
``prepare_model_for_kbit_training``, then LoRA adapters on top. The loop: AdamW on the
adapter weights, a transformers LR schedule with warmup, gradient accumulation, gradient
clipping, an eval split with eval loss and token accuracy. The output directory holds the
adapter (``save_pretrained``), ``metrics.json`` and ``train_config.json``; an interrupted run
(Ctrl-C) saves what it has, marked ``interrupted``.
"""

from __future__ import annotations

import json
import math
import os
import random
import time
import warnings
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Literal

from pydantic import BaseModel, ConfigDict, Field

from evalkit.finetune.data import IGNORE_INDEX, collate, file_sha256, load_instruction_data, tokenize_all
from evalkit.generation.errors import TrainingDataError


class FinetuneConfig(BaseModel):
    """Every hyperparameter of one fine-tuning run (recorded verbatim with the adapter)."""

    model_config = ConfigDict(extra="forbid")

    model: str = Field(description="Base model: local directory or hub id.")
    data: Path = Field(description="CodeAlpaca-style JSONL (instruction, input, output).")
    method: Literal["lora", "qlora"] = "lora"
    r: int = Field(16, ge=1)
    alpha: float = Field(32, gt=0)
    dropout: float = Field(0.05, ge=0, lt=1)
    target_modules: str = Field("auto", description="Comma-separated module names, or 'auto' (peft's default for the architecture, else all linear layers).")
    lr: float = Field(2e-4, gt=0)
    scheduler: Literal["cosine", "linear", "constant"] = "cosine"
    warmup_steps: int | None = Field(None, ge=0)
    warmup_ratio: float = Field(0.03, ge=0, le=1)
    steps: int | None = Field(None, ge=1, description="Optimizer steps; overrides epochs.")
    epochs: float = Field(1.0, gt=0)
    micro_batch: int = Field(4, ge=1)
    grad_accum: int = Field(1, ge=1)
    weight_decay: float = Field(0.0, ge=0)
    eval_split: float = Field(0.1, ge=0, lt=1)
    max_length: int = Field(512, ge=8)
    seed: int = 0
    max_grad_norm: float = Field(1.0, gt=0)
    device: str = "auto"
    gradient_checkpointing: bool = Field(False, description="Trade compute for memory (QLoRA on large models).")
    eval_every: int = Field(0, ge=0, description="Evaluate every N steps (0: before and after training only).")
    save_every: int = Field(0, ge=0, description="Save the adapter every N steps (0: at the end / on Ctrl-C).")
    out: Path | None = None


@dataclass
class FinetuneResult:
    """What a run produced (also written to ``metrics.json``)."""

    out_dir: Path
    method: str
    r: int
    steps_done: int
    total_steps: int
    train_losses: list[float]
    eval_loss_before: float | None
    eval_loss: float | None
    eval_token_accuracy: float | None
    trainable_params: int
    total_params: int
    seconds: float
    steps_per_s: float
    interrupted: bool = False
    eval_history: list[dict[str, float]] = field(default_factory=list)
    store_note: str | None = None  # why the run is not in the store (None: it is)

    @property
    def first_loss(self) -> float | None:
        return self.train_losses[0] if self.train_losses else None

    @property
    def final_loss(self) -> float | None:
        return self.train_losses[-1] if self.train_losses else None


def package_versions() -> dict[str, str | None]:
    """Versions of the packages that decide what a run computes."""
    from importlib.metadata import PackageNotFoundError, version

    out: dict[str, str | None] = {}
    for pkg in ("torch", "transformers", "peft", "bitsandbytes", "accelerate"):
        try:
            out[pkg] = version(pkg)
        except PackageNotFoundError:
            out[pkg] = None
    return out


def git_commit() -> str | None:
    """The project's git commit, if it runs from a checkout (read-only query)."""
    import subprocess

    root = Path(__file__).resolve().parents[2]
    try:
        res = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True, timeout=5)
    except (OSError, subprocess.SubprocessError):
        return None
    return res.stdout.strip() or None if res.returncode == 0 else None


def default_out_dir(cfg: FinetuneConfig, settings: Any) -> Path:
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
    return Path(settings.runs_dir) / "finetune" / f"{stamp}-{cfg.method}-r{cfg.r}"


def _seed_everything(seed: int) -> None:
    import numpy as np
    import torch

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def _lora_model(base: Any, cfg: FinetuneConfig) -> Any:
    from peft import LoraConfig, get_peft_model

    targets: Any = None if cfg.target_modules == "auto" else [t.strip() for t in cfg.target_modules.split(",") if t.strip()]
    if targets == ["all-linear"]:
        targets = "all-linear"

    def build(t: Any) -> Any:
        lcfg = LoraConfig(r=cfg.r, lora_alpha=cfg.alpha, lora_dropout=cfg.dropout, target_modules=t,
                          bias="none", task_type="CAUSAL_LM")
        return get_peft_model(base, lcfg)

    try:
        return build(targets)
    except ValueError as exc:
        if targets is None:  # peft knows no default for this architecture: every linear layer
            return build("all-linear")
        raise TrainingDataError(f"--target-modules {cfg.target_modules}: {exc}; use 'auto' or names of linear layers") from exc


def _evaluate(model: Any, batches: list, device: str) -> tuple[float, float]:
    """Token-weighted eval loss and next-token accuracy on response tokens."""
    import torch

    model.eval()
    total_loss = 0.0
    n_tokens = correct = 0
    with torch.no_grad():
        for input_ids, mask, labels in batches:
            input_ids, mask, labels = input_ids.to(device), mask.to(device), labels.to(device)
            logits = model(input_ids=input_ids, attention_mask=mask).logits.float()
            shift_logits, shift_labels = logits[:, :-1], labels[:, 1:]
            valid = shift_labels != IGNORE_INDEX
            loss = torch.nn.functional.cross_entropy(
                shift_logits.reshape(-1, shift_logits.size(-1)), shift_labels.reshape(-1),
                ignore_index=IGNORE_INDEX, reduction="sum",
            )
            total_loss += float(loss)
            n_tokens += int(valid.sum())
            correct += int(((shift_logits.argmax(-1) == shift_labels) & valid).sum())
    model.train()
    if n_tokens == 0:
        return float("nan"), float("nan")
    return total_loss / n_tokens, correct / n_tokens


def _save(model: Any, tokenizer: Any, out: Path, cfg: FinetuneConfig, result: FinetuneResult,
          provenance: dict[str, Any]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(out)
    tokenizer.save_pretrained(out)
    config = {**cfg.model_dump(mode="json"), **provenance}
    _write_json(out / "train_config.json", config)
    metrics = {k: v for k, v in result.__dict__.items() if k != "out_dir"}
    metrics.update(out_dir=str(out), first_loss=result.first_loss, final_loss=result.final_loss)
    _write_json(out / "metrics.json", metrics)


def _write_json(path: Path, obj: Any) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(obj, indent=2, default=str), encoding="utf-8")
    os.replace(tmp, path)


def finetune(cfg: FinetuneConfig, settings: Any, on_step: Callable[[int, int, float], None] | None = None) -> FinetuneResult:
    """Train a LoRA/QLoRA adapter as ``cfg`` says and save it; returns the metrics.

    ``on_step(step, total, loss)`` is called after each optimizer step (progress bars).
    Raises TrainingDataError / ModelLoadError / DeviceError with one-line messages.
    """
    examples = load_instruction_data(cfg.data)  # fail on bad data before loading a model
    import torch
    from transformers import get_scheduler

    from evalkit.generation.hf import keep_4bit_trainable, load_causal_lm

    _seed_everything(cfg.seed)
    quantize = "4bit" if cfg.method == "qlora" else None
    base, tokenizer, device = load_causal_lm(cfg.model, quantize=quantize, device=cfg.device)
    if cfg.method == "qlora":
        from peft import prepare_model_for_kbit_training

        base = prepare_model_for_kbit_training(base, use_gradient_checkpointing=cfg.gradient_checkpointing)
        keep_4bit_trainable(base)
    elif cfg.gradient_checkpointing:
        base.gradient_checkpointing_enable()
        base.enable_input_require_grads()
    model = _lora_model(base, cfg)
    model.train()
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    total = sum(p.numel() for p in model.parameters())

    tokenized = tokenize_all(tokenizer, examples, cfg.max_length)
    order = list(range(len(tokenized)))
    random.Random(cfg.seed).shuffle(order)
    n_eval = 0
    if cfg.eval_split > 0 and len(order) >= 2:
        n_eval = min(len(order) - 1, max(1, round(len(order) * cfg.eval_split)))
    eval_idx, train_idx = order[:n_eval], order[n_eval:]
    pad = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else 0
    eval_batches = [collate([tokenized[i] for i in eval_idx[j : j + cfg.micro_batch]], pad)
                    for j in range(0, len(eval_idx), cfg.micro_batch)]

    per_step = cfg.micro_batch * cfg.grad_accum
    total_steps = cfg.steps or max(1, math.ceil(cfg.epochs * len(train_idx) / per_step))
    warmup = cfg.warmup_steps if cfg.warmup_steps is not None else int(cfg.warmup_ratio * total_steps)
    params = [p for p in model.parameters() if p.requires_grad]
    decay = [p for p in params if p.ndim >= 2]
    no_decay = [p for p in params if p.ndim < 2]
    optimizer = torch.optim.AdamW(
        [{"params": decay, "weight_decay": cfg.weight_decay}, {"params": no_decay, "weight_decay": 0.0}], lr=cfg.lr,
    )
    sched_name = "constant_with_warmup" if cfg.scheduler == "constant" else cfg.scheduler
    scheduler = get_scheduler(sched_name, optimizer, num_warmup_steps=warmup, num_training_steps=total_steps)

    gen = torch.Generator().manual_seed(cfg.seed)

    def micro_batches():
        while True:  # epochs: a fresh seeded permutation each pass
            perm = [train_idx[i] for i in torch.randperm(len(train_idx), generator=gen).tolist()]
            for j in range(0, len(perm), cfg.micro_batch):
                yield collate([tokenized[i] for i in perm[j : j + cfg.micro_batch]], pad)

    out = cfg.out or default_out_dir(cfg, settings)
    provenance = {
        "data_sha256": file_sha256(cfg.data), "n_train": len(train_idx), "n_eval": n_eval,
        "total_steps": total_steps, "warmup_steps_used": warmup, "device_used": device,
        "versions": package_versions(), "git_commit": git_commit(),
        "started_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }
    result = FinetuneResult(Path(out), cfg.method, cfg.r, 0, total_steps, [], None, None, None, trainable, total, 0.0, 0.0)
    if eval_batches:
        result.eval_loss_before, acc0 = _evaluate(model, eval_batches, device)
        result.eval_history.append({"step": 0, "eval_loss": result.eval_loss_before, "eval_token_accuracy": acc0})
    stream = micro_batches()
    start = time.perf_counter()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # bitsandbytes/peft chatter on CPU
            for step in range(1, total_steps + 1):
                step_loss = 0.0
                for _ in range(cfg.grad_accum):
                    input_ids, mask, labels = (t.to(device) for t in next(stream))
                    loss = model(input_ids=input_ids, attention_mask=mask, labels=labels).loss
                    (loss / cfg.grad_accum).backward()
                    step_loss += float(loss) / cfg.grad_accum
                torch.nn.utils.clip_grad_norm_(params, cfg.max_grad_norm)
                optimizer.step()
                scheduler.step()
                optimizer.zero_grad(set_to_none=True)
                result.train_losses.append(step_loss)
                result.steps_done = step
                if eval_batches and cfg.eval_every and step % cfg.eval_every == 0 and step < total_steps:
                    el, ea = _evaluate(model, eval_batches, device)
                    result.eval_history.append({"step": step, "eval_loss": el, "eval_token_accuracy": ea})
                if cfg.save_every and step % cfg.save_every == 0:
                    _finish(result, start)
                    _save(model, tokenizer, Path(out), cfg, result, provenance)
                if on_step:
                    on_step(step, total_steps, step_loss)
    except KeyboardInterrupt:
        result.interrupted = True
        _finish(result, start)
        _save(model, tokenizer, Path(out), cfg, result, provenance)
        _record(settings, cfg, result, provenance)
        raise
    _finish(result, start)
    if eval_batches:
        result.eval_loss, result.eval_token_accuracy = _evaluate(model, eval_batches, device)
        result.eval_history.append({"step": result.steps_done, "eval_loss": result.eval_loss,
                                    "eval_token_accuracy": result.eval_token_accuracy})
    _save(model, tokenizer, Path(out), cfg, result, provenance)
    result.store_note = _record(settings, cfg, result, provenance)
    return result


def _record(settings: Any, cfg: FinetuneConfig, result: FinetuneResult, provenance: dict[str, Any]) -> str | None:
    """The run as an ``eval_runs`` row (kind 'finetune'); returns why not, if it could not be stored."""
    import hashlib

    from evalkit.run_records import record_run

    run_id = "finetune-" + hashlib.sha256(str(Path(result.out_dir).resolve()).encode()).hexdigest()[:12]
    details = {"config": cfg.model_dump(mode="json"), **provenance, "out_dir": str(result.out_dir),
               "final_loss": result.final_loss, "eval_loss": result.eval_loss,
               "eval_token_accuracy": result.eval_token_accuracy, "steps_done": result.steps_done}
    return record_run(settings, run_id=run_id, kind="finetune", model=cfg.model, benchmark=f"data:{Path(cfg.data).name}",
                      benchmark_hash=provenance["data_sha256"], details=details, pass_at_k=None,
                      n_samples=provenance["n_train"], status="interrupted" if result.interrupted else "complete")


def _finish(result: FinetuneResult, start: float) -> None:
    result.seconds = time.perf_counter() - start
    result.steps_per_s = result.steps_done / result.seconds if result.seconds > 0 else 0.0
