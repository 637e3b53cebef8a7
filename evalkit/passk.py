"""pass@k: the unbiased estimator of Chen et al. (2021), averaged over tasks, with a CI.

For a task with n samples of which c pass, pass@k = 1 - C(n-c, k) / C(n, k), computed as
1 - prod_{i=n-c+1..n} (1 - k/i), which never forms the huge binomials. The interval is a
seeded percentile bootstrap over tasks (tasks are the unit that varies between benchmark
draws; samples within a task are already averaged by the estimator).
"""

from __future__ import annotations

import random
from typing import Mapping, Sequence

from evalkit.errors import PassAtKError
from evalkit.types import PassAtK

BOOTSTRAP_ROUNDS = 1000
BOOTSTRAP_SEED = 0


def estimate_task(n: int, c: int, k: int) -> float:
    """Unbiased pass@k for one task with ``n`` samples and ``c`` correct (needs k <= n)."""
    if not 0 <= c <= n:
        raise PassAtKError(f"invalid counts: {c} correct out of {n} samples")
    if k < 1 or k > n:
        raise PassAtKError(f"pass@{k} needs at least {k} samples per task, got {n}; lower k or generate more (--n)")
    if n - c < k:
        return 1.0
    prod = 1.0
    for i in range(n - c + 1, n + 1):
        prod *= 1.0 - k / i
    return 1.0 - prod


def _percentile(sorted_values: Sequence[float], q: float) -> float:
    if not sorted_values:
        return float("nan")
    pos = q * (len(sorted_values) - 1)
    lo = int(pos)
    hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (pos - lo)


def bootstrap_ci(values: Sequence[float], *, rounds: int = BOOTSTRAP_ROUNDS, seed: int = BOOTSTRAP_SEED,
                 level: float = 0.95) -> tuple[float, float]:
    """Percentile bootstrap interval of the mean of ``values`` (resampling tasks, seeded)."""
    if not values:
        return (float("nan"), float("nan"))
    if len(set(values)) == 1:
        return (values[0], values[0])
    rng = random.Random(seed)
    n = len(values)
    means = sorted(sum(values[rng.randrange(n)] for _ in range(n)) / n for _ in range(rounds))
    alpha = (1.0 - level) / 2
    return (_percentile(means, alpha), _percentile(means, 1.0 - alpha))


def pass_at_k(counts: Mapping[str, tuple[int, int]], ks: Sequence[int], *, seed: int = BOOTSTRAP_SEED
              ) -> tuple[dict[int, PassAtK], dict[int, str]]:
    """pass@k for each k over the tasks in ``counts`` (task_id -> (n, c)).

    Returns (figures, skipped): a k larger than some task's sample count is not computed
    but reported in ``skipped`` with the reason, instead of being silently estimated.
    """
    figures: dict[int, PassAtK] = {}
    skipped: dict[int, str] = {}
    if not counts:
        return figures, {k: "no tasks evaluated" for k in ks}
    for k in ks:
        short = sorted(t for t, (n, _) in counts.items() if n < k)
        if short:
            skipped[k] = (f"{len(short)} task(s) have fewer than {k} samples (e.g. {short[0]} has "
                          f"{counts[short[0]][0]}); generate at least {k} per task")
            continue
        values = [estimate_task(n, c, k) for n, c in (counts[t] for t in sorted(counts))]
        lo, hi = bootstrap_ci(values, seed=seed)
        figures[k] = PassAtK(k=k, value=sum(values) / len(values), ci_low=lo, ci_high=hi, n_tasks=len(values))
    return figures, skipped
