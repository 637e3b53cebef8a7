"""BM25 over chunks with tokens that keep what ML claims need exactly: "pass@1",
"codex-12b", "28.81", "72.3±0.4"."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from typing import Iterable, Sequence

_RAW = re.compile(r"[A-Za-z0-9][A-Za-z0-9@.\-+±_/%]*")
_STRIP = ".,;:%/-_"
_STOP = frozenset(
    "a an and are as at be by for from has have in is it its of on or that the this to was were with we our".split()
)


def tokenize(text: str) -> list[str]:
    """Lower-cased tokens; compounds also yield their parts ("codex-12b" -> codex-12b, codex, 12b)."""
    out: list[str] = []
    for raw in _RAW.findall(text):
        tok = raw.lower().rstrip(_STRIP)
        if not tok or tok in _STOP:
            continue
        out.append(tok)
        if any(ch in tok for ch in "-/±_"):
            parts = [p.strip(_STRIP + "+") for p in re.split(r"[-/±_]", tok)]
            out.extend(p for p in parts if p and p != tok and p not in _STOP)
    return out


class BM25:
    """Okapi BM25 with an inverted index; ids are caller-chosen integers (chunk ids)."""

    def __init__(self, docs: Iterable[tuple[int, str]], k1: float = 1.2, b: float = 0.75) -> None:
        self.k1, self.b = k1, b
        self.postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
        self.lengths: dict[int, int] = {}
        for doc_id, text in docs:
            counts = Counter(tokenize(text))
            self.lengths[doc_id] = sum(counts.values())
            for term, tf in counts.items():
                self.postings[term].append((doc_id, tf))
        self.n = len(self.lengths)
        self.avgdl = (sum(self.lengths.values()) / self.n) if self.n else 0.0

    def idf(self, term: str) -> float:
        df = len(self.postings.get(term, ()))
        return math.log(1 + (self.n - df + 0.5) / (df + 0.5))

    def search(self, query: str, k: int = 50, allowed: set[int] | None = None) -> list[tuple[int, float]]:
        scores: dict[int, float] = defaultdict(float)
        for term in set(tokenize(query)):
            postings = self.postings.get(term)
            if not postings:
                continue
            idf = self.idf(term)
            for doc_id, tf in postings:
                if allowed is not None and doc_id not in allowed:
                    continue
                dl = self.lengths[doc_id]
                denom = tf + self.k1 * (1 - self.b + self.b * dl / (self.avgdl or 1))
                scores[doc_id] += idf * tf * (self.k1 + 1) / denom
        return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:k]


def rrf_fuse(
    rankings: Sequence[tuple[list[int], float]], k: int, rrf_k: int = 60
) -> list[tuple[int, float, list[int | None]]]:
    """Weighted reciprocal-rank fusion: (id, score, 1-based rank in each input or None)."""
    scores: dict[int, float] = defaultdict(float)
    ranks: dict[int, list[int | None]] = defaultdict(lambda: [None] * len(rankings))
    for which, (ids, weight) in enumerate(rankings):
        for rank, doc_id in enumerate(ids, 1):
            scores[doc_id] += weight / (rrf_k + rank)
            ranks[doc_id][which] = rank
    fused = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:k]
    return [(doc_id, score, ranks[doc_id]) for doc_id, score in fused]
