"""The confidence map: isotonic bins over raw evidence scores, and the calibration error it is judged by."""

from __future__ import annotations

from verifier.calibrate import Calibrator, ece, fit_isotonic
from verifier.types import Verdict


def test_tied_scores_fall_in_one_bin() -> None:
    # Many verdicts share one raw score (0.95): equal-count bins would otherwise start two bins there.
    raw = [0.3] * 10 + [0.6] * 10 + [0.95] * 40
    correct = [False] * 7 + [True] * 3 + [True] * 5 + [False] * 5 + [True] * 38 + [False] * 2
    edges, values = fit_isotonic(raw, correct, n_bins=5, prior=2.0, prior_mean=0.7)
    assert edges == sorted(set(edges))
    assert len(values) == len(edges) + 1
    assert values == sorted(values)  # isotonic: a higher score never means a lower confidence
    cal = Calibrator({"supported": edges}, {"supported": values})
    assert cal.confidence(Verdict.SUPPORTED, 0.95) > 0.9 > cal.confidence(Verdict.SUPPORTED, 0.3)


def test_expected_calibration_error() -> None:
    assert ece([0.9] * 10, [True] * 9 + [False]) < 1e-9  # 90% right at confidence 0.9
    assert abs(ece([0.9] * 10, [True] * 5 + [False] * 5) - 0.4) < 1e-9
    assert ece([], []) == 0.0
