"""Refit the verifier's confidence calibration map (verifier/calibration.json).

    .venv/bin/python benchmarks/fit_calibration.py [--home DIR] [--data FILE ...] [--first-runs FILE ...]

Fits, per verdict, a monotone (isotonic, binned, smoothed) map from the raw evidence score
(``verifier.calibrate.features_for``) to P(verdict correct).

The map is fitted on the recorded first-run outcomes of the blind sets (``benchmarks/data/first_runs/``:
verdict, raw score, correct), from own_blind23 on by default: they are the only examples of how the
verifier does on claims it has never seen, which is what a user's claims are. Claims it was developed
on score better (own_blind35: 0.77 at its first run, 0.84 after development), and a map fitted on them
was overconfident on fresh claims (mean confidence 0.85 at accuracy 0.80 over own_blind23-37's first
runs). The developed sets (by default own_labelled, own_heldout, own_blind2-7 and own_blind9-36)
are verified and fitted only when a verdict has too few fresh outcomes. dev.jsonl,
own_blind.jsonl and own_blind8.jsonl stay held out: run benchmarks/verify_accuracy.py for their ECE.
The script prints a leave-one-set-out ECE over the first runs: each set scored by the map fitted
without it.

Table-reasoning verdicts (comparisons and superlatives read from cells) get their own map, the
"table" family, fitted on the even-position half of SciTab (``--scitab``); the odd half stays held out.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TABLE_PRIOR = (20.0, 0.7)  # pseudo-counts and mean for the table family's map
FRESH_PRIOR = 10.0  # pseudo-counts pulling each bin toward its verdict's accuracy
MIN_FRESH = 20  # first-run outcomes a verdict needs to be fitted on them alone
# The maps fitted from claims' verdicts (the table family comes from SciTab).
VERDICT_KEYS = ("supported", "contradicted", "not_found", "setting:supported", "setting:contradicted")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--home", type=Path, default=None)
    data = ROOT / "benchmarks" / "data"
    ap.add_argument("--data", type=Path, nargs="*",
                    default=[data / f"{name}.jsonl" for name in ("own_labelled", "own_heldout", "own_blind2", "own_blind3",
                                                                 "own_blind4", "own_blind5", "own_blind6", "own_blind7",
                                                                 "own_blind9", "own_blind10", "own_blind11",
                                                                 "own_blind12", "own_blind13", "own_blind14",
                                                                 "own_blind15", "own_blind16", "own_blind17", "own_blind18",
                                                                 "own_blind19", "own_blind20", "own_blind21",
                                                                 "own_blind22", "own_blind23", "own_blind24",
                                                                 "own_blind25", "own_blind26", "own_blind27",
                                                                 "own_blind28", "own_blind29", "own_blind30",
                                                                 "own_blind31", "own_blind32", "own_blind33",
                                                                 "own_blind34", "own_blind35", "own_blind36")])
    ap.add_argument("--first-runs", type=Path, nargs="*", default=sorted((data / "first_runs").glob("*.jsonl")),
                    help="recorded first-run outcomes of blind sets (id, family, verdict, raw, correct)")
    ap.add_argument("--bins", type=int, default=5)
    ap.add_argument("--fresh-since", type=int, default=23,
                    help="fit on the first runs of own_blindN for N at least this (the 57-claim sets of the current verifier family)")
    ap.add_argument("--scitab", type=Path, default=ROOT.parent / "shared" / "benchmarks" / "scitab" / "sci_tab.json",
                    help="SciTab JSON whose even-position items fit the table-reasoning map (skipped if missing)")
    args = ap.parse_args()
    os.environ.setdefault("LITCHECK_EMBEDDER", "hash")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from verify_accuracy import SCITAB_LABELS, ingest_indexes, load_jsonl, scitab_claim, scitab_items
    from synth.settings import load_settings
    from verifier.calibrate import CALIBRATION_PATH, Calibrator, ece, features_for
    from verifier.extract import claim_from_text
    from verifier.types import Verdict
    from verifier.verify import verify_claim

    settings = load_settings({"home": args.home or Path(tempfile.mkdtemp(prefix="litcheck-cal-"))})
    identity = Calibrator()  # raw scores, not the shipped map
    fresh: dict[str, list[tuple[str, float, bool]]] = {}  # set -> (map key, raw, correct)
    for path in args.first_runs:
        number = re.search(r"(\d+)", path.stem)
        if number is None or int(number.group(1)) < args.fresh_since:
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            family = f"{rec['family']}:" if rec["family"] in {"setting", "slot"} else ""
            fresh.setdefault(path.stem, []).append((family + rec["verdict"], float(rec["raw"]), bool(rec["correct"])))
    pooled = _pool(fresh.values())
    # The developed sets are verified only when a verdict has too few fresh outcomes to be fitted on.
    data = args.data if any(len(pooled.get(k, ((),))[0]) < MIN_FRESH for k in VERDICT_KEYS) else []
    by_verdict: dict[str, tuple[list[float], list[bool]]] = {}
    for path in data:
        rows = load_jsonl(path)
        indexes = ingest_indexes(rows, settings)
        for r in rows:
            idx = indexes.get(r["source"])
            res = verify_claim(claim_from_text(r["claim"], r["id"]), [idx] if idx else [], calibrator=identity)
            raw = features_for(res.verdict, res.features)
            family = "setting:" if res.features.get("setting_claim") else "slot:" if res.features.get("slot") else ""
            xs, ys = by_verdict.setdefault(family + res.verdict.value, ([], []))
            xs.append(raw)
            ys.append(res.verdict.value == r["label"])
    if args.scitab.is_file():
        for item, idx in scitab_items(args.scitab, "even"):
            res = verify_claim(claim_from_text(scitab_claim(item), item["id"]), [idx], calibrator=identity)
            if res.features.get("table_reasoning"):
                xs, ys = by_verdict.setdefault("table:" + res.verdict.value, ([], []))
                xs.append(features_for(res.verdict, res.features))
                ys.append(SCITAB_LABELS[res.verdict.value] == item["label"])
    used = [p for p in args.first_runs if p.stem in fresh]
    cal = Calibrator(meta={"fitted_on": [f"first_runs/{p.name}" for p in used] + [p.name for p in data]
                           + ([f"{args.scitab.name} (even items, table family)"] if args.scitab.is_file() else []),
                           "fresh_since": args.fresh_since, "bins": args.bins,
                           "n": {k: len(v[0]) for k, v in pooled.items()}})
    fit_maps(cal, fresh.values(), by_verdict, args.bins, report=True)
    conf, ok, per_set = [], [], []
    for name, outcomes in sorted(fresh.items()):
        # Leave one set out: the map fitted without a set's outcomes, scored on that set.
        held = Calibrator()
        fit_maps(held, [o for n, o in fresh.items() if n != name], by_verdict, args.bins)
        c = [held.confidence(Verdict(k.rpartition(":")[2]), raw, family=k.rpartition(":")[0]) for k, raw, _ in outcomes]
        y = [right for _, _, right in outcomes]
        conf += c
        ok += y
        per_set.append(ece(c, y))
    if conf:
        print(f"leave-one-set-out over {len(fresh)} first runs (n={len(ok)}): ECE {ece(conf, ok):.3f}, "
              f"mean confidence {sum(conf) / len(conf):.3f} at accuracy {sum(ok) / len(ok):.3f}; "
              f"per set {min(per_set):.3f}-{max(per_set):.3f}")
    cal.save(CALIBRATION_PATH)
    print(f"wrote {CALIBRATION_PATH}")


def _pool(sets) -> dict[str, tuple[list[float], list[bool]]]:  # noqa: ANN001 - iterable of outcome lists
    out: dict[str, tuple[list[float], list[bool]]] = {}
    for outcomes in sets:
        for key, raw, right in outcomes:
            xs, ys = out.setdefault(key, ([], []))
            xs.append(raw)
            ys.append(right)
    return out


def fit_maps(cal, fresh_sets, developed: dict[str, tuple[list[float], list[bool]]], bins: int,  # noqa: ANN001
             report: bool = False) -> None:
    """Fit ``cal``'s map per verdict. A verdict with at least ``MIN_FRESH`` first-run outcomes is fitted
    on those alone: claims the verifier was developed on score better than fresh ones, so a map fitted
    on them is overconfident on a user's claims. Other verdicts (and the table family) fall back to
    the developed sets."""
    from verifier.calibrate import fit_isotonic

    fresh = _pool(fresh_sets)
    for key in sorted(set(fresh) | set(developed)):
        xs, ys = fresh.get(key, ([], []))
        source = "first runs"
        if key.startswith("table:") or len(xs) < MIN_FRESH:
            (xs, ys), source = developed.get(key, ([], [])), "developed sets"
        if not xs:
            continue
        accuracy = sum(ys) / len(ys)
        if key.startswith("table:"):
            # The even half of SciTab also shaped the table rules, so its accuracy flatters them: one
            # bin, shrunk hard toward a modest prior.
            edges, values = fit_isotonic(xs, ys, n_bins=1, prior=TABLE_PRIOR[0], prior_mean=TABLE_PRIOR[1])
        elif key.startswith("setting:"):
            # Few set-up claims: one bin.
            edges, values = fit_isotonic(xs, ys, n_bins=1, prior=FRESH_PRIOR, prior_mean=accuracy)
        else:
            edges, values = fit_isotonic(xs, ys, n_bins=bins, prior=FRESH_PRIOR, prior_mean=accuracy)
        cal.edges[key], cal.values[key] = edges, values
        if report:
            print(f"{key:<22} n={len(xs):<4} ({source}) accuracy {accuracy:.2f}  edges {[round(e, 3) for e in edges]}"
                  f"  values {[round(v, 3) for v in values]}")


if __name__ == "__main__":
    main()
