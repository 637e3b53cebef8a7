"""Refit the verifier's confidence calibration map (verifier/calibration.json).

    .venv/bin/python benchmarks/fit_calibration.py [--home DIR] [--data FILE ...]

Fits, per verdict, a monotone (isotonic, binned, smoothed) map from the raw evidence score
(``verifier.calibrate.features_for``) to P(verdict correct) on labelled claims about corpus
papers that are NOT the dev set (default: benchmarks/data/own_labelled.jsonl and own_heldout.jsonl).
dev.jsonl and benchmarks/data/own_blind.jsonl stay held out: run benchmarks/verify_accuracy.py for their ECE.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--home", type=Path, default=None)
    ap.add_argument("--data", type=Path, nargs="*", default=[ROOT / "benchmarks" / "data" / "own_labelled.jsonl",
                                                             ROOT / "benchmarks" / "data" / "own_heldout.jsonl"])
    ap.add_argument("--bins", type=int, default=3)
    args = ap.parse_args()
    os.environ.setdefault("LITCHECK_EMBEDDER", "hash")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from verify_accuracy import ingest_indexes, load_jsonl
    from synth.settings import load_settings
    from verifier.calibrate import CALIBRATION_PATH, Calibrator, ece, features_for, fit_isotonic
    from verifier.extract import claim_from_text
    from verifier.verify import verify_claim

    settings = load_settings({"home": args.home or Path(tempfile.mkdtemp(prefix="litcheck-cal-"))})
    identity = Calibrator()  # raw scores, not the shipped map
    by_verdict: dict[str, tuple[list[float], list[bool]]] = {}
    for path in args.data:
        rows = load_jsonl(path)
        indexes = ingest_indexes(rows, settings)
        for r in rows:
            idx = indexes.get(r["source"])
            res = verify_claim(claim_from_text(r["claim"], r["id"]), [idx] if idx else [], calibrator=identity)
            raw = features_for(res.verdict, res.features)
            xs, ys = by_verdict.setdefault(res.verdict.value, ([], []))
            xs.append(raw)
            ys.append(res.verdict.value == r["label"])
    cal = Calibrator(meta={"fitted_on": [p.name for p in args.data], "bins": args.bins,
                           "n": {k: len(v[0]) for k, v in by_verdict.items()}})
    all_conf, all_ok = [], []
    overall = sum(sum(ys) for _, ys in by_verdict.values()) / max(1, sum(len(ys) for _, ys in by_verdict.values()))
    for verdict, (xs, ys) in sorted(by_verdict.items()):
        prior = sum(ys) / len(ys)
        edges, values = fit_isotonic(xs, ys, n_bins=args.bins, prior=2.0, prior_mean=overall)
        cal.edges[verdict], cal.values[verdict] = edges, values
        print(f"{verdict:<13} n={len(xs):<3} accuracy {prior:.2f}  edges {[round(e, 3) for e in edges]}"
              f"  values {[round(v, 3) for v in values]}")
    for verdict, (xs, ys) in by_verdict.items():
        from verifier.types import Verdict

        for x, y in zip(xs, ys):
            all_conf.append(cal.confidence(Verdict(verdict), x))
            all_ok.append(y)
    print(f"in-sample ECE after fitting: {ece(all_conf, all_ok):.3f} (n={len(all_ok)})")
    cal.save(CALIBRATION_PATH)
    print(f"wrote {CALIBRATION_PATH}")


if __name__ == "__main__":
    main()
