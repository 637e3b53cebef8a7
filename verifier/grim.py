"""GRIM-style granularity test for pass@1 on benchmarks of known size.

With N problems and n samples per problem, pass@1 (the unbiased estimator's k=1 case) is the
mean of c_i / n over problems = C / (N * n) for an integer number of passing samples C. A
printed percentage is possible iff some integer C in [0, N*n] gives 100*C/(N*n) that rounds
(half-up or half-even) or truncates to the printed value at its printed precision. pass@k for
k > 1 is a mean of 1 - comb(n-c_i, k)/comb(n, k) and has no such simple lattice, so only k = 1
is tested.

Benchmark sizes (problems in the evaluation split):

| benchmark | size | note |
|---|---|---|
| HumanEval | 164 | |
| HumanEval+ (EvalPlus) | 164 | |
| HumanEval Pro | 164 | self-invoking variants of HumanEval |
| MBPP (test split) | 500 | the original test split |
| MBPP+ (EvalPlus) | 378 | v0.2.0+; v0.1.0 had 399, so both are tried |
| MBPP Pro | 378 | |
| MultiPL-E (HumanEval-derived) | 161 | most languages; a few have 158-161, so 158-161 are all tried |
| MultiPL-E (MBPP-derived) | 397 | |
| BigCodeBench (full) | 1140 | |
| BigCodeBench-Hard | 148 | |
| DS-1000 | 1000 | |
| APPS (test) | 5000 | |
| GSM8K (test) | 1319 | accuracy; tested only when reported as pass@1 |
"""

from __future__ import annotations

import math

from verifier.normalize import name_key

#: canonical benchmark key -> possible problem counts
BENCHMARK_SIZES: dict[str, tuple[int, ...]] = {
    "humaneval": (164,),
    "humanevalplus": (164,),
    "humanevalpro": (164,),
    "mbpp": (500,),
    "mbppplus": (378, 399),
    "mbpppro": (378,),
    "multiple": (158, 159, 160, 161),
    "multiplembpp": (397,),
    "bigcodebench": (1140,),
    "bigcodebenchhard": (148,),
    "ds1000": (1000,),
    "apps": (5000,),
    "gsm8k": (1319,),
}


def sizes_for(benchmark: str) -> tuple[int, ...]:
    return BENCHMARK_SIZES.get(name_key(benchmark), ())


def _candidates(value: float, decimals: int, total: int) -> bool:
    """Is there an integer C with 100*C/total printing as ``value`` (rounded or truncated)?"""
    step = 10 ** (-decimals)
    lo = (value - 0.5 * step) * total / 100.0
    hi = (value + step) * total / 100.0  # truncation reaches up to value + step (exclusive)
    for c in range(max(0, math.floor(lo) - 1), min(total, math.ceil(hi) + 1) + 1):
        pct = 100.0 * c / total
        q = 10 ** decimals
        if abs(math.floor(pct * q + 0.5 + 1e-9) / q - value) < 1e-9:
            return True
        if abs(round(pct, decimals) - value) < 1e-9:
            return True
        if abs(math.floor(pct * q + 1e-9) / q - value) < 1e-9:
            return True
    return False


def grim_possible(value: float, decimals: int, size: int, samples: int = 1) -> bool:
    """True iff a pass@1 of ``value`` percent (printed with ``decimals``) is possible."""
    if value < 0 or value > 100:
        return False
    return _candidates(value, decimals, size * samples)


def possible_sample_counts(value: float, decimals: int, size: int, max_n: int = 200) -> list[int]:
    """The sample counts n in 1..max_n under which the printed value is possible."""
    return [n for n in range(1, max_n + 1) if grim_possible(value, decimals, size, n)]


def grim_check(value: float, decimals: int, benchmark: str, samples: int = 1) -> tuple[bool, list[int], tuple[int, ...]] | None:
    """(possible, sample counts that would make it possible, sizes tried) or None for unknown benchmarks."""
    sizes = sizes_for(benchmark)
    if not sizes:
        return None
    if any(grim_possible(value, decimals, s, samples) for s in sizes):
        return True, [], sizes
    fixes = sorted({n for s in sizes for n in possible_sample_counts(value, decimals, s)})
    return False, fixes, sizes
