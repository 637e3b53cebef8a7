"""How much dense retrieval changes with int8 embeddings: cosine to fp32 and top-k overlap.

Usage: .venv/bin/python benchmarks/embed_quality.py [N_CHUNKS]  (uses ../shared/corpus/papers text)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

QUERIES = [
    "Codex-12B pass@1 HumanEval", "GPU memory savings of QLoRA", "low-rank adaptation rank r",
    "chain of thought prompting arithmetic reasoning", "grouped-query attention inference speed",
    "noisy embeddings instruction fine-tuning AlpacaEval", "merging models with task vectors",
]


def main() -> int:
    import pymupdf

    from synth.index.embedders import SentenceTransformerEmbedder

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 400
    corpus = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "papers"
    texts: list[str] = []
    for pdf in sorted(corpus.glob("*.pdf")):
        with pymupdf.open(pdf) as doc:
            words = " ".join(page.get_text() for page in doc).split()
        texts += [" ".join(words[i:i + 160]) for i in range(0, min(len(words), 160 * (n // 19 + 1)), 160)]
    texts = texts[:n]
    out = {}
    for quant in (False, True):
        emb = SentenceTransformerEmbedder(quantize=quant)
        t = time.perf_counter()
        vecs = emb.embed(texts)
        out[quant] = (vecs, emb.embed(QUERIES), time.perf_counter() - t)
    (v32, q32, t32), (v8, q8, t8) = out[False], out[True]
    cos = np.sum(v32 * v8, axis=1)
    overlap = [len(set(np.argsort(-v32 @ a)[:10]) & set(np.argsort(-v8 @ b)[:10])) / 10 for a, b in zip(q32, q8)]
    words = sum(len(t.split()) for t in texts)
    print(f"chunks {len(texts)}  words {words}")
    print(f"fp32: {t32:.1f} s ({words / t32:.0f} words/s)   int8: {t8:.1f} s ({words / t8:.0f} words/s)")
    print(f"cosine fp32 vs int8: mean {cos.mean():.4f} min {cos.min():.4f}")
    print(f"top-10 overlap over {len(QUERIES)} queries: mean {np.mean(overlap):.2f} min {min(overlap):.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
