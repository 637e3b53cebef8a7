"""Shared fixtures: every test gets its own LITCHECK_HOME and fast settings."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest


def pytest_report_header(config: pytest.Config) -> list[str]:
    lines = [f"sqlite {sqlite3.sqlite_version}"]
    for mod in ("fitz", "faiss", "torch", "transformers", "sentence_transformers", "arxiv"):
        try:
            m = __import__(mod)
            version = getattr(m, "__version__", None) or getattr(m, "VersionBind", "?")
            lines.append(f"{mod} {version}")
        except Exception as exc:  # noqa: BLE001 - the header reports, it never fails the run
            lines.append(f"{mod} unavailable ({type(exc).__name__})")
    return [", ".join(lines)]


@pytest.fixture(autouse=True)
def litcheck_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point LITCHECK_HOME at a temp dir and use the fast hash embedder unless a test says otherwise."""
    home = tmp_path / "litcheck-home"
    monkeypatch.setenv("LITCHECK_HOME", str(home))
    monkeypatch.setenv("LITCHECK_EMBEDDER", "hash")
    monkeypatch.setenv("LITCHECK_ARXIV_DELAY_SECONDS", "0")
    monkeypatch.setenv("LITCHECK_BACKOFF_BASE", "0")
    monkeypatch.delenv("LITCHECK_DEBUG", raising=False)
    monkeypatch.delenv("LITCHECK_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)
    return home


@pytest.fixture
def settings(litcheck_home: Path):
    from synth.settings import load_settings

    s = load_settings()
    s.ensure_dirs()
    return s
