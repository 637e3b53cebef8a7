"""Hybrid retrieval: dense (faiss) and lexical (BM25) rankings fused by reciprocal rank."""

from __future__ import annotations

from typing import Sequence

import numpy as np

from synth.index.dense import DenseIndex, build_or_load
from synth.index.embedders import get_embedder
from synth.index.lexical import BM25, rrf_fuse
from synth.store import Store
from synth.types import Hit

_CACHE: dict[tuple, tuple[DenseIndex, BM25]] = {}
CANDIDATES = 50


def _indexes(store: Store, settings) -> tuple[DenseIndex, BM25, object]:  # noqa: ANN001
    embedder = get_embedder(settings)
    key = (str(store.path), embedder.name, store.corpus_signature(), settings.chunk_words)
    if key not in _CACHE:
        dense = build_or_load(store, settings, embedder)
        lexical = BM25((cid, ch.text) for cid, ch in store.chunks())
        _CACHE.clear()
        _CACHE[key] = (dense, lexical)
    dense, lexical = _CACHE[key]
    return dense, lexical, embedder


def ensure_index(store: Store, settings) -> int:  # noqa: ANN001
    """Build (or load) the derived indexes now; returns the number of indexed chunks."""
    dense, _, _ = _indexes(store, settings)
    return dense.size


def search(store: Store, settings, query: str, k: int = 10, paper_ids: Sequence[str] | None = None) -> list[Hit]:  # noqa: ANN001
    """Top-k chunks for ``query`` (optionally within some papers), best first."""
    dense, lexical, embedder = _indexes(store, settings)
    chunks = dict(store.chunks(paper_ids))
    if not chunks:
        return []
    allowed_ids = np.fromiter(chunks.keys(), dtype=np.int64) if paper_ids else None
    allowed_set = set(chunks) if paper_ids else None
    qvec = embedder.embed([query])[0]
    dense_ids = [i for i, _ in dense.search(qvec, CANDIDATES, allowed_ids)]
    lexical_ids = [i for i, _ in lexical.search(query, CANDIDATES, allowed_set)]
    fused = rrf_fuse(
        [(dense_ids, settings.dense_weight), (lexical_ids, settings.lexical_weight)], k=k, rrf_k=settings.rrf_k
    )
    papers = {p.id: p for p in store.papers()}
    hits = []
    for cid, score, (d_rank, l_rank) in fused:
        ch = chunks.get(cid)
        if ch is None:
            continue
        paper = papers.get(ch.paper_id)
        hits.append(Hit(
            chunk_id=cid, paper_id=ch.paper_id, paper_title=paper.title if paper else None,
            arxiv_id=paper.arxiv_id if paper else None, page=ch.page, section=ch.section, text=ch.text,
            score=round(score, 6), dense_rank=d_rank, lexical_rank=l_rank, kind=ch.kind,
        ))
    return hits
