"""Hyperparameter sweeps: ``--sweep r=16,32,64`` trains one adapter per value."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Callable

from synth.errors import InputError

from evalkit.finetune.train import FinetuneConfig, FinetuneResult, default_out_dir, finetune

# Sweepable fields and how to read their values.
SWEEPABLE: dict[str, Callable[[str], Any]] = {
    "r": int, "alpha": float, "dropout": float, "lr": float, "weight_decay": float,
    "steps": int, "micro_batch": int, "grad_accum": int, "seed": int, "max_length": int,
}


def parse_sweep(spec: str) -> tuple[str, list[Any]]:
    """'r=16,32,64' -> ('r', [16, 32, 64]); a one-line InputError otherwise."""
    key, sep, values = spec.partition("=")
    key = key.strip().replace("-", "_")
    if not sep or key not in SWEEPABLE:
        raise InputError(f"--sweep '{spec}': use NAME=V1,V2,... with NAME one of {', '.join(SWEEPABLE)}")
    try:
        parsed = [SWEEPABLE[key](v.strip()) for v in values.split(",") if v.strip()]
    except ValueError as exc:
        raise InputError(f"--sweep '{spec}': {exc}") from exc
    if not parsed:
        raise InputError(f"--sweep '{spec}' lists no values")
    return key, parsed


def run_sweep(cfg: FinetuneConfig, spec: str, settings: Any,
              on_run: Callable[[int, int, Any], None] | None = None,
              on_step: Callable[[int, int, float], None] | None = None) -> dict[str, Any]:
    """Train one adapter per value of the swept field under ``<out>/<key>-<value>``.

    Writes ``<out>/sweep.json`` after every finished run (a Ctrl-C keeps the finished ones)
    and returns its content: the swept key and one row of results per value.
    """
    key, values = parse_sweep(spec)
    root = Path(cfg.out) if cfg.out else default_out_dir(cfg, settings).with_name(
        default_out_dir(cfg, settings).name + f"-sweep-{key}")
    root.mkdir(parents=True, exist_ok=True)
    table: dict[str, Any] = {"key": key, "values": values, "base_config": cfg.model_dump(mode="json"), "runs": []}
    for i, value in enumerate(values):
        if on_run:
            on_run(i, len(values), value)
        run_cfg = cfg.model_copy(update={key: value, "out": root / f"{key}-{value}"})
        result = finetune(run_cfg, settings, on_step=on_step)
        table["runs"].append(sweep_row(key, value, result))
        _write(root / "sweep.json", table)
    table["out_dir"] = str(root)
    _write(root / "sweep.json", table)
    return table


def sweep_row(key: str, value: Any, r: FinetuneResult) -> dict[str, Any]:
    """One line of the sweep table."""
    return {
        key: value, "out_dir": str(r.out_dir), "steps": r.steps_done, "first_loss": r.first_loss,
        "final_loss": r.final_loss, "eval_loss_before": r.eval_loss_before, "eval_loss": r.eval_loss,
        "eval_token_accuracy": r.eval_token_accuracy, "trainable_params": r.trainable_params,
        "steps_per_s": r.steps_per_s, "seconds": r.seconds,
    }


def format_table(table: dict[str, Any]) -> str:
    """A plain-text table of a sweep (one row per value)."""
    key = table["key"]
    cols = [key, "steps", "first_loss", "final_loss", "eval_loss", "eval_acc", "trainable", "steps/s"]
    rows = []
    for run in table["runs"]:
        rows.append([str(run[key]), str(run["steps"]), _f(run["first_loss"]), _f(run["final_loss"]),
                     _f(run["eval_loss"]), _f(run["eval_token_accuracy"]), str(run["trainable_params"]),
                     _f(run["steps_per_s"], 1)])
    widths = [max(len(c), *(len(r[i]) for r in rows)) if rows else len(c) for i, c in enumerate(cols)]
    lines = ["  ".join(c.rjust(w) for c, w in zip(cols, widths))]
    lines += ["  ".join(v.rjust(w) for v, w in zip(r, widths)) for r in rows]
    return "\n".join(lines)


def _f(v: Any, digits: int = 4) -> str:
    return "-" if v is None else f"{v:.{digits}f}"


def _write(path: Path, obj: Any) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(obj, indent=2, default=str), encoding="utf-8")
    os.replace(tmp, path)
