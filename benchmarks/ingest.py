"""Ingest every PDF in DIR into a fresh store, build the index, and print the figures.

Usage: .venv/bin/python benchmarks/ingest.py ../shared/corpus/papers [--embedder minilm|hash] [--workers 2]
Target on the 2-core machine: the shared corpus (19 PDFs, 601 pages) parsed, tables extracted,
embedded and indexed in under 60 s.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def peak_rss_mib() -> tuple[float, float]:
    self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return self_kb / 1024, child_kb / 1024


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir", type=Path)
    ap.add_argument("--embedder", default="minilm")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--max-tokens", type=int, default=None, help="embed_max_tokens (default: the settings default)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    from synth.index import ensure_index
    from synth.ingest import ingest_inputs
    from synth.settings import load_settings
    from synth.store import open_store

    pdfs = sorted(p for p in args.dir.rglob("*") if p.suffix.lower() == ".pdf")
    with tempfile.TemporaryDirectory(prefix="litcheck-bench-") as home:
        settings = load_settings({"home": home, "embedder": args.embedder, "workers": args.workers,
                                  "embed_max_tokens": args.max_tokens}, env={})
        t0 = time.perf_counter()
        with open_store(settings) as store:
            results = ingest_inputs([str(args.dir)], settings, store=store)
            t_ingest = time.perf_counter() - t0
            n_indexed = ensure_index(store, settings)
            wall = time.perf_counter() - t0
            counts = store.counts()
            failed = [r for r in results if r.status == "failed"]
    rss_self, rss_children = peak_rss_mib()
    figures = {
        "pdfs": len(pdfs), "papers": counts["papers"], "pages": counts["pages"], "tables": counts["tables"],
        "cells": counts["cells"], "chunks": counts["chunks"], "indexed": n_indexed, "references": counts["refs"],
        "failed": len(failed), "embedder": args.embedder, "embed_max_tokens": settings.embed_max_tokens, "workers": args.workers,
        "ingest_s": round(t_ingest, 2), "wall_s": round(wall, 2),
        "pages_per_s": round(counts["pages"] / wall, 1) if wall else None,
        "peak_rss_mib_main": round(rss_self, 1), "peak_rss_mib_workers": round(rss_children, 1),
    }
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        for k, v in figures.items():
            print(f"{k:>22}: {v}")
        for r in failed:
            print(f"failed: {r.source_ref}: {r.error}")
    return 0 if not failed else 1


if __name__ == "__main__":
    raise SystemExit(main())
