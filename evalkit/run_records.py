"""Record fine-tuning and reproduction runs in the store's ``eval_runs`` table.

The table belongs to the execution half (``evalkit/store_migrations.py``, 2001_eval_runs);
these rows use ``kind`` 'finetune' or 'reproduce'. A JSON copy always goes under
``settings.runs_dir`` too, so a record survives even if the store is unusable.
"""

from __future__ import annotations

import json
import os
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from synth.errors import StoreError


def write_run_json(settings: Any, run_id: str, payload: dict[str, Any]) -> Path:
    """Write ``runs_dir/records/<run_id>.json`` atomically; returns the path."""
    folder = Path(settings.runs_dir) / "records"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{run_id}.json"
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(payload, indent=2, default=str, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)
    return path


def record_run(settings: Any, *, run_id: str, kind: str, model: str | None, benchmark: str, benchmark_hash: str,
               details: dict[str, Any], pass_at_k: dict[str, Any] | None, n_samples: int, status: str) -> str | None:
    """Insert (or replace) one ``eval_runs`` row; returns None when it worked, else why not.

    Failing to reach the store never loses the run: the JSON copy is written first.
    """
    write_run_json(settings, run_id, {"run_id": run_id, "kind": kind, "model": model, "benchmark": benchmark,
                                      "benchmark_hash": benchmark_hash, "details": details,
                                      "pass_at_k": pass_at_k or {}, "n_samples": n_samples, "status": status})
    from synth.store import Store

    try:
        store = Store(settings.db_path)
    except StoreError as exc:
        return str(exc)
    try:
        tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "eval_runs" not in tables:
            return "the store has no eval_runs table (evalkit migrations missing)"
        with store.transaction() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO eval_runs (id, created_at, kind, model, benchmark, benchmark_hash, settings,"
                " pass_at_k, n_samples, status) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (run_id, datetime.now(timezone.utc).isoformat(timespec="seconds"), kind, model, benchmark,
                 benchmark_hash, json.dumps(details, default=str), json.dumps(pass_at_k or {}), n_samples, status),
            )
    finally:
        store.close()
    return None
