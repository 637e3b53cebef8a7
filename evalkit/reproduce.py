"""Re-run the evaluation behind a pass@k claim and decide whether it reproduces.

parse the claim (evalkit.claimspec) -> load the benchmark (evalkit.benchmarks) -> generate
(evalkit.generation) -> execute and score (evalkit.evaluate) -> :func:`decide`. The verdict,
the measured value with its interval and the tolerance are stored as an ``eval_runs`` row
(kind 'reproduce') and as JSON under ``runs_dir/records``.

Honesty rules in :func:`decide`: a subset (``--limit``) or too few tasks never yields a
verdict either way; a claim is ``not_reproduced`` only when it lies outside the confidence
interval widened by the tolerance, and ``reproduced`` only when it lies inside and the
interval is narrow enough to mean something.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from synth.errors import InputError

from evalkit.claimspec import ClaimSpec, parse_claim

REPRODUCED, NOT_REPRODUCED, INCONCLUSIVE = "reproduced", "not_reproduced", "inconclusive"
# Benchmarks shipped with evalkit, loadable by name; the others need --benchmark PATH.
SHIPPED = {"humaneval": "humaneval", "humaneval_pro": "humaneval_pro", "mbpp_pro": "mbpp_pro"}
MIN_TASKS = 20
MAX_CI_WIDTH = 25.0  # percentage points


@dataclass
class Reproduction:
    """Outcome of ``litcheck reproduce`` (``to_json`` is what --json prints)."""

    run_id: str
    claim: ClaimSpec
    model: str
    verdict: str
    reason: str
    tolerance: float
    measured: float | None = None  # percent
    ci: tuple[float, float] | None = None  # percent, the interval used for the verdict
    ci_bootstrap: tuple[float, float] | None = None
    n_tasks: int = 0
    n_benchmark_tasks: int = 0
    decoding: dict[str, Any] = field(default_factory=dict)
    eval_run_id: str | None = None
    samples_path: str | None = None
    store_note: str | None = None

    def to_json(self) -> dict[str, Any]:
        c = self.claim
        return {
            "run_id": self.run_id, "verdict": self.verdict, "reason": self.reason,
            "claim": {"text": c.text, "model": c.model, "benchmark": c.benchmark_display, "metric": c.metric,
                      "value": c.value, "shots": c.shots, "temperature": c.temperature, "n_samples": c.n_samples,
                      "notes": list(c.notes)},
            "model": self.model, "measured": self.measured, "ci": list(self.ci) if self.ci else None,
            "ci_bootstrap": list(self.ci_bootstrap) if self.ci_bootstrap else None,
            "tolerance": self.tolerance, "n_tasks": self.n_tasks, "n_benchmark_tasks": self.n_benchmark_tasks,
            "decoding": self.decoding, "eval_run_id": self.eval_run_id, "samples_path": self.samples_path,
            "stored": self.store_note is None, "store_note": self.store_note,
        }


def wilson_interval(p: float, n: int, z: float = 1.96) -> tuple[float, float]:
    """Wilson score interval for a proportion ``p`` over ``n`` trials (fractions)."""
    if n <= 0:
        return 0.0, 1.0
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


def decide(claimed: float, measured: float, ci: tuple[float, float], tolerance: float, *, n_tasks: int,
           n_benchmark_tasks: int, min_tasks: int = MIN_TASKS, max_ci_width: float = MAX_CI_WIDTH) -> tuple[str, str]:
    """(verdict, one-sentence reason); every number in percent."""
    lo, hi = ci
    inside = lo - tolerance <= claimed <= hi + tolerance
    fig = f"measured {measured:.1f}% (95% CI {lo:.1f}-{hi:.1f})"
    lean = "would be consistent with" if inside else "would contradict"
    if n_tasks < n_benchmark_tasks:
        return INCONCLUSIVE, (f"only {n_tasks} of {n_benchmark_tasks} tasks were run; {fig} {lean} the claimed "
                              f"{claimed:.1f}%, but a subset cannot settle a claim about the whole benchmark")
    if n_tasks < min_tasks:
        return INCONCLUSIVE, (f"the benchmark has only {n_tasks} tasks (fewer than {min_tasks}); {fig} {lean} "
                              f"the claimed {claimed:.1f}%, but that is too few tasks to decide")
    if not inside:
        return NOT_REPRODUCED, (f"{fig} is more than the tolerance of {tolerance:g} points away from the claimed "
                                f"{claimed:.1f}% across the whole interval")
    if hi - lo > max_ci_width:
        return INCONCLUSIVE, (f"{fig} is {hi - lo:.1f} points wide (more than {max_ci_width:g}), too uncertain to "
                              f"confirm the claimed {claimed:.1f}%; use more samples or tasks")
    if abs(measured - claimed) <= tolerance:
        return REPRODUCED, f"{fig} is within {tolerance:g} points of the claimed {claimed:.1f}%"
    return REPRODUCED, (f"the claimed {claimed:.1f}% lies within the interval of the {fig} widened by the "
                        f"tolerance of {tolerance:g} points")


def _decoding_defaults(spec: ClaimSpec, n: int | None, temperature: float | None, shots: int | None
                       ) -> tuple[int, float, int]:
    n_used = n or spec.n_samples or spec.k
    if n_used < spec.k:
        raise InputError(f"pass@{spec.k} needs at least {spec.k} samples per task; use --n {spec.k} or more")
    if temperature is None:
        temperature = spec.temperature if spec.temperature is not None else (0.0 if n_used == 1 else 0.2)
    shots_used = shots if shots is not None else (spec.shots or 0)
    return n_used, temperature, shots_used


def reproduce_claim(
    claim: str | ClaimSpec,
    model: str,
    settings: Any,
    *,
    n: int | None = None,
    temperature: float | None = None,
    top_p: float = 0.95,
    tolerance: float = 3.0,
    limit: int | None = None,
    max_new_tokens: int = 512,
    prompt_format: str = "base",
    shots: int | None = None,
    seed: int = 0,
    adapter: str | None = None,
    quantize: str | None = None,
    device: str = "auto",
    backend: str = "transformers",
    benchmark_path: str | None = None,
    min_tasks: int = MIN_TASKS,
    max_ci_width: float = MAX_CI_WIDTH,
    on_progress: Callable[[str, int, int], None] | None = None,
) -> Reproduction:
    """Reproduce one pass@k claim with ``model``; needs ``settings.allow_exec``.

    Decoding defaults follow the claim (its n-shot, temperature, samples) and else greedy
    for n=1, temperature 0.2 otherwise. ``limit`` runs the first N tasks only (always
    inconclusive). ``benchmark_path`` points at a local file for benchmarks not shipped
    (HumanEval+, MBPP, MBPP+). ``on_progress(stage, done, total)`` drives progress bars.
    """
    from evalkit.evaluate import evaluate_samples, require_exec_allowed

    spec = claim if isinstance(claim, ClaimSpec) else parse_claim(claim)
    require_exec_allowed(settings)
    if tolerance < 0:
        raise InputError(f"--tolerance must be >= 0 (got {tolerance})")
    if limit is not None and limit < 1:
        raise InputError(f"--limit must be at least 1 (got {limit})")
    n_used, temp_used, shots_used = _decoding_defaults(spec, n, temperature, shots)
    decoding = {"n": n_used, "temperature": temp_used, "top_p": top_p, "max_new_tokens": max_new_tokens,
                "prompt_format": prompt_format, "shots": shots_used, "seed": seed, "adapter": adapter,
                "quantize": quantize, "backend": backend, "limit": limit}
    base_id = hashlib.sha256(json.dumps([spec.text, model, decoding, benchmark_path], sort_keys=True,
                                        default=str).encode()).hexdigest()[:12]
    run_id = f"reproduce-{base_id}"
    result = Reproduction(run_id, spec, model, INCONCLUSIVE, "", tolerance, decoding=decoding)

    source = benchmark_path or SHIPPED.get(spec.benchmark)
    if source is None:
        result.reason = (f"{spec.benchmark_display} is not shipped with litcheck, so the kit cannot run it here; "
                         f"pass --benchmark PATH to its evalplus JSONL to reproduce this claim")
        _store(settings, result, benchmark_name=spec.benchmark, benchmark_hash="")
        return result
    from evalkit.benchmarks import load_benchmark

    bench = load_benchmark(source, settings)
    problems = list(bench.problems[:limit] if limit else bench.problems)
    result.n_benchmark_tasks = len(bench.problems)
    settings.ensure_dirs()
    samples_path = Path(settings.runs_dir) / run_id / "generations.jsonl"
    result.samples_path = str(samples_path)

    from evalkit.generation import generate_samples

    done = [0]

    def gen_progress(k: int) -> None:
        done[0] += k
        if on_progress:
            on_progress("generate", done[0], len(problems) * n_used)

    summary = generate_samples(
        model, problems, samples_path, n=n_used, temperature=temp_used, top_p=top_p, max_new_tokens=max_new_tokens,
        seed=seed, adapter=adapter, quantize=quantize, prompt_format=prompt_format, shots=shots_used, stop=None,
        backend=backend, settings=settings, device=device, pool=bench.problems, on_progress=gen_progress,
    )
    generation = {**decoding, "model": model, "meta_path": str(summary.meta_path), "tokens_per_s": summary.tokens_per_s}
    report = evaluate_samples(
        samples_path, bench, settings, ks=(spec.k,), kind="reproduce", model=model, generation=generation,
        run_id=run_id + "-eval",
        on_progress=(lambda d, t: on_progress("execute", d, t)) if on_progress else None,
    )
    result.eval_run_id = report.run_id
    result.n_tasks = report.tasks_covered
    figure = report.pass_at_k.get(spec.k)
    if figure is None:
        why = report.skipped_k.get(spec.k, "not computed")
        result.reason = f"pass@{spec.k} could not be computed ({why})"
        _store(settings, result, bench.name, bench.content_hash, report)
        return result
    measured = figure.value * 100
    w_lo, w_hi = wilson_interval(figure.value, figure.n_tasks)
    # The bootstrap interval collapses to a point when every task scores the same (e.g. all
    # fail); the Wilson interval keeps a small run from looking certain.
    lo, hi = min(figure.ci_low, w_lo) * 100, max(figure.ci_high, w_hi) * 100
    result.measured = round(measured, 3)
    result.ci = (round(lo, 3), round(hi, 3))
    result.ci_bootstrap = (round(figure.ci_low * 100, 3), round(figure.ci_high * 100, 3))
    result.verdict, result.reason = decide(spec.value, measured, (lo, hi), tolerance, n_tasks=figure.n_tasks,
                                           n_benchmark_tasks=len(bench.problems), min_tasks=min_tasks,
                                           max_ci_width=max_ci_width)
    if spec.model and spec.model.lower() not in model.lower():
        result.reason += f" (note: the claim is about '{spec.model}', the run used '{model}')"
    _store(settings, result, bench.name, bench.content_hash, report)
    return result


def _store(settings: Any, result: Reproduction, benchmark_name: str, benchmark_hash: str, report: Any = None) -> None:
    from evalkit.run_records import record_run

    pak = {}
    if result.measured is not None:
        pak = {result.claim.metric: {"value": result.measured / 100, "ci": [c / 100 for c in result.ci or (0, 0)],
                                     "n_tasks": result.n_tasks}}
    n_samples = len(report.samples) if report is not None else 0
    result.store_note = record_run(
        settings, run_id=result.run_id, kind="reproduce", model=result.model, benchmark=benchmark_name,
        benchmark_hash=benchmark_hash, details=result.to_json(), pass_at_k=pak, n_samples=n_samples,
        status=result.verdict,
    )
