"""Fixtures for the report tests: one generated corpus and one report built from it per module."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.report.corpus import HOSTILE, LORA, OFF_TOPIC, QLORA, QUESTION, FakeVerifier, make_corpus


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    """(settings, store, data, paths, corpus dir) for the LoRA question over a 4-paper generated corpus."""
    from synth.report.pipeline import ReportRequest, build_report, write_report
    from synth.settings import load_settings
    from synth.store import open_store

    root = tmp_path_factory.mktemp("report")
    settings = load_settings({"home": root / "home", "embedder": "hash"})
    settings.ensure_dirs()
    corpus = make_corpus(root / "papers", (LORA, QLORA, OFF_TOPIC, HOSTILE))
    store = open_store(settings)
    data = build_report(ReportRequest(QUESTION, sources=[str(corpus)]), settings, store, verifier=FakeVerifier(store))
    paths = write_report(data, settings, root / "out", ["md", "html", "json"])
    yield settings, store, data, paths, corpus
    store.close()


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    return make_corpus(tmp_path / "papers")
