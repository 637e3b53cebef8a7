"""The faiss index: derived from embeddings stored in SQLite, named by a hash of what made it.

Losing the file loses nothing: it is rebuilt when missing or stale.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np

from synth.errors import IndexError_, MissingDependencyError
from synth.store import Store


def _faiss():
    try:
        import faiss
    except ImportError as exc:
        raise MissingDependencyError("faiss-cpu", "dense retrieval") from exc
    return faiss


def index_key(settings, embedder_name: str, corpus_signature: str) -> str:  # noqa: ANN001
    """Hash of embedder + chunking settings + parser version + corpus."""
    try:
        from synth.parse import PARSER_VERSION
    except ImportError:
        PARSER_VERSION = "unknown"
    material = json.dumps(
        {
            "embedder": embedder_name,
            "chunk_words": settings.chunk_words,
            "chunk_overlap_sentences": settings.chunk_overlap_sentences,
            "parser": PARSER_VERSION,
            "corpus": corpus_signature,
        },
        sort_keys=True,
    )
    return hashlib.sha256(material.encode()).hexdigest()[:16]


class DenseIndex:
    """Inner-product search over normalised vectors, ids = chunk ids."""

    def __init__(self, index, path: Path | None) -> None:  # noqa: ANN001 - faiss.Index
        self.index = index
        self.path = path

    @property
    def size(self) -> int:
        return int(self.index.ntotal)

    def search(self, vector: np.ndarray, k: int, allowed: np.ndarray | None = None) -> list[tuple[int, float]]:
        faiss = _faiss()
        if self.size == 0:
            return []
        q = np.ascontiguousarray(vector.reshape(1, -1), dtype=np.float32)
        params = None
        if allowed is not None:
            params = faiss.SearchParameters(sel=faiss.IDSelectorBatch(np.asarray(allowed, dtype=np.int64)))
            k = min(k, len(allowed)) or 1
        scores, ids = self.index.search(q, min(k, self.size), params=params)
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0]) if i >= 0]


def build_or_load(store: Store, settings, embedder) -> DenseIndex:  # noqa: ANN001
    """Load the index named for the current corpus and embedder, or build (and save) it."""
    faiss = _faiss()
    missing = store.missing_embeddings(embedder.name)
    if missing:
        # Chunks stored under another embedder (or none): embed them now, store beside the chunks.
        ids = [m[0] for m in missing]
        vecs = embedder.embed([m[1] for m in missing])
        store.add_embeddings(embedder.name, ids, vecs)
    key = index_key(settings, embedder.name, store.corpus_signature())
    path = settings.index_dir / f"dense-{key}.faiss"
    if path.is_file():
        try:
            return DenseIndex(faiss.read_index(str(path)), path)
        except RuntimeError:
            path.unlink(missing_ok=True)  # corrupt derived file: rebuild below
    ids, mat = store.embeddings(embedder.name)
    dim = mat.shape[1] if mat.size else embedder.dim
    index = faiss.IndexIDMap2(faiss.IndexFlatIP(dim))
    if len(ids):
        if mat.shape[1] != embedder.dim:
            raise IndexError_(f"stored embeddings have dim {mat.shape[1]}, embedder {embedder.name} gives {embedder.dim}")
        index.add_with_ids(np.ascontiguousarray(mat, dtype=np.float32), ids)
    settings.index_dir.mkdir(parents=True, exist_ok=True)
    for stale in settings.index_dir.glob("dense-*.faiss"):
        stale.unlink(missing_ok=True)
    tmp = path.with_suffix(".tmp")
    faiss.write_index(index, str(tmp))
    tmp.replace(path)
    return DenseIndex(index, path)
