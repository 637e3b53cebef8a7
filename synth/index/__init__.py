"""Hybrid retrieval over stored chunks (dense faiss + BM25)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

if TYPE_CHECKING:
    from synth.types import Hit


def search(store, settings, query: str, k: int = 10, paper_ids: Sequence[str] | None = None) -> "list[Hit]":  # noqa: ANN001
    """Hybrid search; see synth.index.hybrid.search (imported lazily: faiss is heavy)."""
    from synth.index.hybrid import search as _search

    return _search(store, settings, query, k=k, paper_ids=paper_ids)


def ensure_index(store, settings) -> int:  # noqa: ANN001
    from synth.index.hybrid import ensure_index as _ensure

    return _ensure(store, settings)
