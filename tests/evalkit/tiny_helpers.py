"""Shared tiny-model fixtures for evalkit's generation/fine-tuning tests (CPU, no downloads).

One tiny model per test session: ``tiny_model_dir`` caches the built directory in the process.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# The hub is unreachable here; fail fast instead of retrying connections.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

_CACHE: dict[str, Path] = {}


def toy_problems(count: int = 4):
    """Small human-eval-style problems with tests and reference solutions."""
    from evalkit.types import Problem

    specs = [
        ("add", "a, b", "Return a + b.", "    return a + b\n", "assert candidate(1, 2) == 3"),
        ("sub", "a, b", "Return a - b.", "    return a - b\n", "assert candidate(5, 2) == 3"),
        ("double", "x", "Return twice x.", "    return 2 * x\n", "assert candidate(4) == 8"),
        ("negate", "x", "Return -x.", "    return -x\n", "assert candidate(4) == -4"),
        ("square", "x", "Return x squared.", "    return x * x\n", "assert candidate(3) == 9"),
        ("ident", "x", "Return x.", "    return x\n", "assert candidate(7) == 7"),
    ]
    out = []
    for i, (name, args, doc, sol, test) in enumerate(specs[:count]):
        prompt = f'def {name}({args}):\n    """{doc}"""\n'
        out.append(Problem(
            task_id=f"Toy/{i}", prompt=prompt, entry_point=name,
            test=f"def check(candidate):\n    {test}\n", canonical_solution=sol, benchmark="toy",
        ))
    return out


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Path of a tiny Llama-style model + BPE tokenizer built from HumanEval text."""
    if "model" not in _CACHE:
        import torch

        from evalkit.tiny import build_tiny_model, humaneval_corpus

        # The 2 cores are shared: two OpenMP threads spin against other processes and run
        # 10-20x slower than one thread on these tiny matrices.
        torch.set_num_threads(1)

        out = tmp_path_factory.mktemp("tiny-model")
        _CACHE["model"] = build_tiny_model(out, humaneval_corpus(limit=60), vocab_size=320, seed=0)
    return _CACHE["model"]
