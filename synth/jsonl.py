"""Reading JSONL files the same way everywhere: line numbers in every error, gzip allowed."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any, Iterator

from synth.errors import InputError, LitcheckError


def iter_jsonl(
    path: Path, error: type[LitcheckError] = InputError, expect: str = "a JSON object"
) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield (line number, object) for each non-blank line; raise ``error`` naming path:line."""
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rt", encoding="utf-8") as fh:
            for lineno, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except ValueError as exc:
                    raise error(f"{path}:{lineno}: not valid JSON ({exc}); fix or remove the line") from exc
                if not isinstance(row, dict):
                    raise error(f"{path}:{lineno}: expected {expect} per line")
                yield lineno, row
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise error(f"cannot read {path}: {exc}") from exc
