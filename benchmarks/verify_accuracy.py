"""Accuracy, calibration and speed of the claim verifier.

    .venv/bin/python benchmarks/verify_accuracy.py [--home DIR] [--claims FILE ...] [--no-scitab] [--scitab-split even|odd|all]

* dev set: ../shared/claims/dev.jsonl against ../shared/corpus/papers (only the papers it needs are
  ingested, into a temporary LITCHECK_HOME unless --home is given);
* our own labelled set: benchmarks/data/*.jsonl (same format, other corpus papers);
* SciTab: ../shared/benchmarks/scitab/sci_tab.json (claim + table) -> 3-class and 2-class macro-F1.

Prints accuracy, precision/recall per verdict, the false-supported rate, ECE and claims/s.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "papers"
LABELS = ("supported", "contradicted", "not_found")


def load_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def ingest_indexes(rows: list[dict], settings) -> dict:  # noqa: ANN001
    """Ingest the source PDFs the rows need (cached in the store) and index them once."""
    from synth.ingest import ingest_inputs
    from synth.store import open_store
    from verifier.index_cache import stored_index

    needed = sorted({r["source"] for r in rows})
    store = open_store(settings)
    try:
        paths = [str(CORPUS / s) for s in needed]
        t0 = time.perf_counter()
        results = ingest_inputs(paths, settings, store=store)
        t1 = time.perf_counter()
        out, papers = {}, {}
        for name, res in zip(needed, results):
            if res.status == "failed":
                print(f"  ingest failed: {name}: {res.error}")
                continue
            papers[name] = store.paper(res.paper_id)
            out[name] = stored_index(store, papers[name])
        t2 = time.perf_counter()
        # What a second run over the same store pays: the indexes come from its cache.
        again = {name: stored_index(store, p) for name, p in papers.items()}
        t3 = time.perf_counter()
        if any(again[n].mentions != out[n].mentions for n in out):
            raise SystemExit("the index read back from the store's cache differs from the one built")
        print(f"  ingest {len(needed)} papers: {t1 - t0:.1f}s; index: {t2 - t1:.1f}s"
              f" (from the store's cache on a later run: {t3 - t2:.1f}s)")
        return out
    finally:
        store.close()


def evaluate(rows: list[dict], indexes: dict, title: str, show_errors: bool = True, pooled: bool = False) -> dict:
    """Verify every row against its own source (``pooled``: against all the set's papers at once, as
    a reader checking a report against its whole reading list would) and print the metrics."""
    from verifier.calibrate import ece
    from verifier.extract import claim_from_text
    from verifier.verify import verify_claim

    preds = []
    t0 = time.perf_counter()
    for r in rows:
        idx = indexes.get(r["source"])
        res = verify_claim(claim_from_text(r["claim"], r["id"]), list(indexes.values()) if pooled else [idx] if idx else [])
        preds.append(res)
    dt = time.perf_counter() - t0
    gold = [r["label"] for r in rows]
    pred = [p.verdict.value for p in preds]
    correct = [g == p for g, p in zip(gold, pred)]
    conf = [p.confidence for p in preds]
    n = len(rows)
    print(f"\n== {title}: {n} claims")
    print(f"accuracy {sum(correct) / n:.3f}  ({sum(correct)}/{n})")
    for lab in LABELS:
        tp = sum(1 for g, p in zip(gold, pred) if g == lab and p == lab)
        pp = sum(1 for p in pred if p == lab)
        gp = sum(1 for g in gold if g == lab)
        print(f"  {lab:<13} precision {tp / pp if pp else 0:.3f} ({tp}/{pp})  recall {tp / gp if gp else 0:.3f} ({tp}/{gp})")
    fs = sum(1 for g, p in zip(gold, pred) if p == "supported" and g != "supported")
    non_sup = sum(1 for g in gold if g != "supported")
    print(f"false-supported: {fs}/{non_sup} non-supported claims ({fs / max(non_sup, 1):.3f}); {fs}/{n} of all")
    print(f"ECE (10 bins) {ece(conf, correct):.3f}   mean confidence {sum(conf) / n:.3f}")
    print(f"speed: {n / dt:.0f} claims/s (sources already indexed)")
    # Evidence: for correct supported/contradicted verdicts, does it point at the labelled page?
    ev_rows = [(r, p) for r, p, ok in zip(rows, preds, correct) if ok and r["label"] != "not_found"
               and (r.get("evidence") or {}).get("page")]
    same_page = sum(1 for r, p in ev_rows if p.evidence and p.evidence.page == r["evidence"]["page"])
    print(f"evidence on the labelled page: {same_page}/{len(ev_rows)}")
    print("confusion (gold -> predicted):", dict(Counter(f"{g}->{p}" for g, p in zip(gold, pred))))
    if show_errors:
        for r, p, ok in zip(rows, preds, correct):
            if not ok:
                print(f"  x {r['id']}: gold {r['label']}, got {p.verdict.value} ({p.confidence:.2f}): {p.reason[:160]}")
    return {"n": n, "accuracy": sum(correct) / n, "false_supported": fs, "ece": ece(conf, correct),
            "conf": conf, "correct": correct, "preds": preds}


def scitab_items(path: Path, split: str = "all", limit: int | None = None) -> list[tuple[dict, object]]:
    """SciTab items with a ``SourceIndex`` of their table. ``split``: "even" / "odd" keeps the items
    at even / odd positions; table reasoning is developed (and its calibration fitted) on the even
    half only, so the odd half is the held-out figure."""
    from synth.types import Table, TableCell
    from verifier.index import build_index, table_cells

    data = json.loads(path.read_text(encoding="utf-8"))
    if split in {"even", "odd"}:
        data = data[split == "odd"::2]
    if limit:
        data = data[:limit]
    out = []
    for item in data:
        header = item["table_column_names"]
        rows = item["table_content_values"]
        cells = [TableCell(0, c, h, True) for c, h in enumerate(header)]
        for r, row in enumerate(rows, 1):
            cells += [TableCell(r, c, str(v), False) for c, v in enumerate(row)]
        table = Table(index=0, page=1, label="Table", caption=item.get("table_caption", ""), n_rows=len(rows) + 1,
                      n_cols=len(header), header_rows=1, cells=tuple(cells))
        idx = build_index(item["id"], item.get("paper_id", "scitab"), [(1, item.get("table_caption", ""))],
                          table_cells(table, 0))
        out.append((item, idx))
    return out


def scitab_claim(item: dict) -> str:
    """The claim text without SciTab's "[CONTINUE]" joins (a dataset marker, not a word of the claim)."""
    return " ".join(item["claim"].replace("[CONTINUE]", " ").split())


SCITAB_LABELS = {"supported": "supports", "contradicted": "refutes", "not_found": "not enough info"}


def scitab(path: Path, limit: int | None = None, split: str = "all") -> None:
    """Verify SciTab claims against their given tables; 3-class and 2-class macro-F1."""
    from verifier.extract import claim_from_text
    from verifier.verify import verify_claim

    t0 = time.perf_counter()  # tables are indexed inside the timing, as a reader would
    items = scitab_items(path, split, limit)
    mapping = SCITAB_LABELS
    gold, pred = [], []
    table_conf: list[float] = []
    table_ok: list[bool] = []
    for item, idx in items:
        res = verify_claim(claim_from_text(scitab_claim(item), item["id"]), [idx])
        gold.append(item["label"])
        pred.append(mapping[res.verdict.value])
        if res.features.get("table_reasoning"):
            table_conf.append(res.confidence)
            table_ok.append(pred[-1] == gold[-1])
    dt = time.perf_counter() - t0

    def macro_f1(labels: list[str], g: list[str], p: list[str]) -> float:
        f1s = []
        for lab in labels:
            tp = sum(1 for a, b in zip(g, p) if a == lab and b == lab)
            fp = sum(1 for a, b in zip(g, p) if a != lab and b == lab)
            fn = sum(1 for a, b in zip(g, p) if a == lab and b != lab)
            prec = tp / (tp + fp) if tp + fp else 0.0
            rec = tp / (tp + fn) if tp + fn else 0.0
            f1s.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
        return sum(f1s) / len(f1s)

    three = ["supports", "refutes", "not enough info"]
    print(f"\n== SciTab ({split}): {len(items)} claims ({len(items) / dt:.0f} claims/s)")
    print("gold:", dict(Counter(gold)), " predicted:", dict(Counter(pred)))
    print(f"3-class macro-F1 {macro_f1(three, gold, pred):.3f}  (random ~0.33)")
    g2 = [(g, p) for g, p in zip(gold, pred) if g != "not enough info"]
    # 2-class: gold supports/refutes only; a 'not enough info' answer counts as wrong.
    decided = [(g, p) for g, p in zip(gold, pred) if p != "not enough info"]
    print(f"committed answers: {len(decided)}/{len(gold)}, of which correct "
          f"{sum(1 for g, p in decided if g == p)} ({sum(1 for g, p in decided if g == p) / max(len(decided), 1):.3f})")
    print(f"2-class macro-F1 {macro_f1(['supports', 'refutes'], [g for g, _ in g2], [p for _, p in g2]):.3f}"
          f"  (random ~0.50; {sum(1 for _, p in g2 if p == 'not enough info')} of {len(g2)} answered not enough info)")
    if table_conf:
        from verifier.calibrate import ece

        print(f"table reasoning: {len(table_conf)} verdicts, precision {sum(table_ok) / len(table_ok):.3f}, "
              f"mean confidence {sum(table_conf) / len(table_conf):.3f}, ECE {ece(table_conf, table_ok):.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--home", type=Path, default=None, help="LITCHECK_HOME to ingest into (default: a temp dir)")
    ap.add_argument("--claims", type=Path, nargs="*", default=None, help="labelled JSONL files (default: dev + benchmarks/data; none given: SciTab only)")
    ap.add_argument("--all-sources", action="store_true",
                    help="also verify each set's claims against all of its papers at once, not only the claim's own")
    ap.add_argument("--no-scitab", action="store_true")
    ap.add_argument("--scitab-limit", type=int, default=None)
    ap.add_argument("--scitab-split", choices=("even", "odd", "all"), default="all",
                    help="SciTab items at even positions (development), odd positions (held out), or all")
    args = ap.parse_args()
    home = args.home or Path(tempfile.mkdtemp(prefix="litcheck-bench-"))
    os.environ.setdefault("LITCHECK_EMBEDDER", "hash")
    from synth.settings import load_settings

    settings = load_settings({"home": home})
    # "--claims" with no file runs SciTab alone.
    sets = args.claims if args.claims is not None else (
        [SHARED / "claims" / "dev.jsonl"] + sorted((ROOT / "benchmarks" / "data").glob("*.jsonl")))
    for path in sets:
        rows = load_jsonl(path)
        print(f"\n# {path} (LITCHECK_HOME={home})")
        indexes = ingest_indexes(rows, settings)
        evaluate(rows, indexes, path.name)
        if args.all_sources and len(indexes) > 1:
            evaluate(rows, indexes, f"{path.name}, each claim against all {len(indexes)} papers", pooled=True)
    if not args.no_scitab:
        scitab(SHARED / "benchmarks" / "scitab" / "sci_tab.json", args.scitab_limit, args.scitab_split)


if __name__ == "__main__":
    main()
