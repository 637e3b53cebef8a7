"""Retrieval quality of hybrid search on labelled claims: is the evidence page in the top k?

Usage: .venv/bin/python benchmarks/retrieval_quality.py [--max-tokens 128 64] [--k 5]
For every labelled claim with evidence (../shared/claims/dev.jsonl and benchmarks/data/*.jsonl),
the claim text is the query; a hit is the right paper and page among the top k. Reports
hybrid, dense-only and BM25-only hit@k per embed_max_tokens setting.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus" / "papers"
LABELS = [ROOT.parent / "shared" / "claims" / "dev.jsonl", *sorted((ROOT / "benchmarks" / "data").glob("*.jsonl"))]


def load_cases() -> list[dict]:
    cases = []
    for path in LABELS:
        if not path.is_file():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            ev = row.get("evidence") or {}
            if ev.get("page"):
                cases.append({"claim": row["claim"], "source": row["source"], "page": ev["page"]})
    return cases


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--max-tokens", type=int, nargs="+", default=[64])
    ap.add_argument("--k", type=int, default=5)
    args = ap.parse_args()

    from synth.index.hybrid import search
    from synth.ingest import ingest_inputs
    from synth.settings import load_settings
    from synth.store import open_store

    cases = load_cases()
    print(f"{len(cases)} labelled claims with an evidence page")
    for max_tokens in args.max_tokens:
        with tempfile.TemporaryDirectory() as home:
            settings = load_settings({"home": home, "embedder": "minilm", "embed_max_tokens": max_tokens}, env={})
            with open_store(settings) as store:
                ingest_inputs([str(CORPUS)], settings, store=store)
                by_file = {Path(p.source_ref).name: p.id for p in store.papers()}
                row = {}
                for label, dw, lw in (("hybrid 1:1", 1.0, 1.0), ("hybrid 0.5:1", 0.5, 1.0), ("hybrid 0.3:1", 0.3, 1.0),
                                       ("dense", 1.0, 0.0), ("bm25", 0.0, 1.0)):
                    settings.dense_weight, settings.lexical_weight = dw, lw
                    t0, hits = time.perf_counter(), 0
                    for c in cases:
                        top = search(store, settings, c["claim"], k=args.k)
                        hits += any(h.paper_id == by_file.get(c["source"]) and h.page == c["page"] for h in top)
                    row[label] = (hits / len(cases), len(cases) / (time.perf_counter() - t0))
        print(f"embed_max_tokens={max_tokens}: " + "  ".join(
            f"{k} hit@{args.k} {v[0]:.3f} ({v[1]:.0f} q/s)" for k, v in row.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
