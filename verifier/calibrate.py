"""Confidence: a raw score from match features, mapped to a probability by a fitted binned
(isotonic) calibration map per verdict, shipped as ``verifier/calibration.json``.

Refit with ``python benchmarks/fit_calibration.py`` (labelled JSONL under benchmarks/data/).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Sequence

from verifier.types import Verdict

CALIBRATION_PATH = Path(__file__).with_name("calibration.json")


def features_for(verdict: Verdict, feats: dict[str, float]) -> float:
    """Raw evidence strength in [0, 1] from the match features (monotone in what should raise trust)."""
    best = feats.get("best_frac", 0.0)
    target = feats.get("target_frac", 0.0)
    if feats.get("setting_claim"):
        # Its own family: the number was read next to the same anchor word in a sentence naming the
        # claim's subject; a differing number there is slightly weaker evidence than an equal one.
        return 1.0 if verdict == Verdict.SUPPORTED else 0.75
    if feats.get("slot"):
        # Its own family: how much of the claim's wording the sentence around the number says.
        return max(0.0, min(1.0, feats.get("best_frac", 0.0)))
    if feats.get("table_reasoning"):
        # Its own family (calibrated apart): how unanimous the compared cells are, and a checked gap.
        s = 0.2 + 2.0 * (feats.get("table_agree", 0.75) - 0.75) + 0.2 * feats.get("arithmetic", 0.0)
        s += 0.1 * feats.get("table_compare", 0.0) - 0.1 * feats.get("negated", 0.0)
        return max(0.0, min(1.0, s))
    if verdict == Verdict.SUPPORTED:
        if feats.get("qualitative"):
            return 0.3 + 0.4 * best
        s = 0.45 + 0.35 * min(best, 1.0)
        s += 0.1 * feats.get("cell", 0.0)
        s -= 0.15 * feats.get("inexact", 0.0)
        s -= 0.2 * feats.get("weak_support", 0.0)
        s += 0.05 * feats.get("arithmetic", 0.0)
        return max(0.0, min(1.0, s))
    if verdict == Verdict.CONTRADICTED:
        s = 0.35 + 0.35 * min(target, 1.0)
        s += 0.15 * feats.get("misattribution", 0.0) + 0.1 * feats.get("cell", 0.0)
        s += 0.15 * feats.get("arithmetic_wrong", 0.0)
        return max(0.0, min(1.0, s))
    # not_found: stronger when a claimed name never occurs, weaker when something nearly matched.
    if feats.get("n_never", 0.0) > 0:
        s = 0.95  # a name the paper never mentions
    elif feats.get("n_no_number", 0.0) > 0:
        s = 0.8  # mentioned, but no number anywhere near it
    else:
        s = 0.5 - 0.3 * max(best, target)  # something nearly matched: the weakest kind of not_found
    if feats.get("qualitative"):
        s = 0.55 - 0.2 * best
    return max(0.0, min(1.0, s))


@dataclass
class Calibrator:
    """Piecewise-constant map raw score -> P(correct), one per verdict (isotonic over bins)."""

    edges: dict[str, list[float]] = field(default_factory=dict)
    values: dict[str, list[float]] = field(default_factory=dict)
    meta: dict[str, object] = field(default_factory=dict)

    def confidence(self, verdict: Verdict, raw: float, family: str = "") -> float:
        """P(correct) for a raw score; ``family`` ("table") selects a map fitted on that kind of verdict."""
        key = f"{family}:{verdict.value}" if family and f"{family}:{verdict.value}" in self.edges else verdict.value
        if family and key == verdict.value:
            return round(max(0.05, min(0.99, 0.5 + 0.4 * raw)), 3)  # unfitted family: stay modest
        if key not in self.edges:
            return round(max(0.05, min(0.99, raw)), 3)
        edges, vals = self.edges[key], self.values[key]
        i = 0
        while i < len(edges) and raw >= edges[i]:
            i += 1
        return round(vals[min(i, len(vals) - 1)], 3)

    def save(self, path: Path = CALIBRATION_PATH) -> None:
        path.write_text(json.dumps({"edges": self.edges, "values": self.values, "meta": self.meta}, indent=1) + "\n",
                        encoding="utf-8")


@lru_cache(maxsize=1)
def default_calibrator() -> Calibrator:
    """The shipped calibration map (identity-like when none has been fitted)."""
    if CALIBRATION_PATH.is_file():
        data = json.loads(CALIBRATION_PATH.read_text(encoding="utf-8"))
        return Calibrator(data.get("edges", {}), data.get("values", {}), data.get("meta", {}))
    return Calibrator()


def fit_isotonic(raw: Sequence[float], correct: Sequence[bool], n_bins: int = 5, prior: float = 2.0,
                 prior_mean: float = 0.8) -> tuple[list[float], list[float]]:
    """Pool-adjacent-violators over equal-count bins, smoothed toward ``prior_mean`` with ``prior``
    pseudo-counts (small labelled sets)."""
    pairs = sorted(zip(raw, correct))
    if not pairs:
        return [], [prior_mean]
    n_bins = max(1, min(n_bins, len(pairs) // 4 or 1))
    size = math.ceil(len(pairs) / n_bins)
    bins = [pairs[i:i + size] for i in range(0, len(pairs), size)]
    blocks = [[sum(c for _, c in b), len(b), b[0][0]] for b in bins]
    merged: list[list[float]] = []
    for blk in blocks:
        if merged and merged[-1][2] == blk[2]:
            merged[-1][0] += blk[0]  # tied raw scores fall in one bin, never split over two edges
            merged[-1][1] += blk[1]
            continue
        merged.append(list(blk))
        while len(merged) >= 2 and (merged[-2][0] + prior * prior_mean) / (merged[-2][1] + prior) > (
                merged[-1][0] + prior * prior_mean) / (merged[-1][1] + prior):
            b = merged.pop()
            merged[-1][0] += b[0]
            merged[-1][1] += b[1]
    edges = [blk[2] for blk in merged[1:]]
    values = [min(0.99, max(0.05, (blk[0] + prior * prior_mean) / (blk[1] + prior))) for blk in merged]
    return edges, values


def ece(conf: Sequence[float], correct: Sequence[bool], n_bins: int = 10) -> float:
    """Expected calibration error over equal-width confidence bins."""
    if not conf:
        return 0.0
    total = 0.0
    for b in range(n_bins):
        lo, hi = b / n_bins, (b + 1) / n_bins
        idx = [i for i, c in enumerate(conf) if (lo <= c < hi) or (b == n_bins - 1 and c == 1.0)]
        if not idx:
            continue
        acc = sum(correct[i] for i in idx) / len(idx)
        avg = sum(conf[i] for i in idx) / len(idx)
        total += len(idx) / len(conf) * abs(acc - avg)
    return total
