"""Evaluate samples against a benchmark: sandboxed execution, pass@k, results on disk and in the store.

Results are appended per sample as they finish (``runs/<run-id>/samples.jsonl``), so a run
killed midway loses nothing finished, and a rerun over the same samples file and benchmark
hash skips what is already done. ``results.json`` and the ``eval_runs`` row are written at
the end (the row also when interrupted, with status ``interrupted``).
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Sequence

from evalkit.errors import ExecNotAllowedError
from evalkit.passk import pass_at_k
from evalkit.samples import ResultLog, SampleLine, read_samples, write_samples
from evalkit.types import Benchmark, ExecResult, PassAtK, Sample, Status


@dataclass
class EvalReport:
    """Everything an evaluation produced; ``to_json`` is what ``litcheck eval --json`` prints."""

    run_id: str
    kind: str
    benchmark: Benchmark
    pass_at_k: dict[int, PassAtK]
    skipped_k: dict[int, str]
    samples: list[dict[str, Any]]
    tasks_covered: int
    unknown: list[dict[str, Any]]
    provenance: dict[str, Any]
    run_dir: Path
    wall_s: float
    resumed: int = 0
    model: str | None = None
    failures: list[dict[str, Any]] = field(default_factory=list)

    @property
    def partial(self) -> bool:
        return self.tasks_covered < len(self.benchmark.problems)

    def to_json(self) -> dict[str, Any]:
        counts: dict[str, int] = defaultdict(int)
        for s in self.samples:
            counts[s["status"]] += 1
        return {
            "run_id": self.run_id,
            "kind": self.kind,
            "model": self.model,
            "benchmark": {"name": self.benchmark.name, "hash": self.benchmark.content_hash,
                          "n_problems": len(self.benchmark.problems)},
            "pass@k": {f"pass@{k}": {"value": v.value, "ci": [v.ci_low, v.ci_high], "n_tasks": v.n_tasks}
                       for k, v in sorted(self.pass_at_k.items())},
            "pass@k_not_computed": {f"pass@{k}": why for k, why in sorted(self.skipped_k.items())},
            "tasks_covered": self.tasks_covered,
            "partial": self.partial,
            "coverage_note": (f"pass@k is over the {self.tasks_covered} of {len(self.benchmark.problems)} tasks "
                              "that the samples cover") if self.partial else "all tasks covered",
            "status_counts": dict(sorted(counts.items())),
            "unknown_task_ids": self.unknown,
            "failures": self.failures,
            "resumed_samples": self.resumed,
            "wall_s": round(self.wall_s, 3),
            "run_dir": str(self.run_dir),
            "samples": self.samples,
            "provenance": self.provenance,
        }


def require_exec_allowed(settings) -> None:
    """Raise unless running untrusted code was explicitly allowed."""
    if not settings.allow_exec:
        raise ExecNotAllowedError()


def _run_id(kind: str, *parts: str) -> str:
    return f"{kind}-" + hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()[:12]


def evaluate_samples(
    samples_path: Path,
    benchmark: Benchmark,
    settings,
    *,
    ks: Sequence[int] = (1,),
    timeout: float | None = None,
    workers: int | None = None,
    kind: str = "samples",
    model: str | None = None,
    generation: dict[str, Any] | None = None,
    run_id: str | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    fresh: bool = False,
) -> EvalReport:
    """Run every sample of ``samples_path`` in the sandbox and compute pass@k over the tasks covered.

    ``on_progress(done, total)`` is called as samples finish. Results of an earlier run over
    the same file and benchmark hash are reused unless ``fresh``. Raises ExecNotAllowedError
    unless ``settings.allow_exec``; SampleFileError for a malformed line.
    """
    from evalkit.provenance import build_provenance
    from evalkit.sandbox import detect_isolation, resolve_workers, run_samples

    require_exec_allowed(settings)
    start = time.perf_counter()
    limit = float(timeout or settings.exec_timeout)
    n_workers = workers or resolve_workers(settings)
    lines = read_samples(samples_path)
    by_id = benchmark.by_id()
    run_id = run_id or _run_id(kind, str(Path(samples_path).resolve()), benchmark.content_hash,
                               f"{limit}", f"{settings.exec_memory_mb}")
    settings.ensure_dirs()
    run_dir = settings.runs_dir / run_id
    log = ResultLog(run_dir / "samples.jsonl", benchmark.content_hash)
    if fresh and log.path.exists():
        log.path.unlink()
    done = log.load()
    known = [ln for ln in lines if ln.sample.task_id in by_id]
    unknown = [{"line": ln.lineno, "task_id": ln.sample.task_id} for ln in lines if ln.sample.task_id not in by_id]
    results: dict[str, ExecResult] = {ln.key: done[ln.key] for ln in known if ln.key in done}
    todo = [ln for ln in known if ln.key not in results]
    resumed = len(results)
    isolation = detect_isolation()
    provenance = build_provenance(benchmark, settings, isolation, timeout=limit, workers=n_workers, generation=generation)
    status = "interrupted"
    finished = [resumed]

    def record(i: int, result: ExecResult) -> None:
        results[todo[i].key] = result
        log.append(todo[i], result)
        finished[0] += 1
        if on_progress:
            on_progress(finished[0], len(known))

    try:
        run_samples(by_id, [ln.sample for ln in todo], settings, timeout=limit, workers=n_workers, on_result=record)
        status = "complete"
    finally:
        log.close()
        report = _report(run_id, kind, benchmark, lines, known, unknown, results, ks, provenance, run_dir,
                         time.perf_counter() - start, resumed, model)
        _save(report, settings, status)
    return report


def _report(run_id, kind, benchmark, lines: list[SampleLine], known, unknown, results, ks, provenance, run_dir,
            wall, resumed, model) -> EvalReport:
    counts: dict[str, list[int]] = {}
    for ln in known:
        r = results.get(ln.key)
        if r is None:
            continue  # not run (interrupted): leaves the task's counts out
        n_c = counts.setdefault(ln.sample.task_id, [0, 0])
        n_c[0] += 1
        n_c[1] += r.status is Status.passed
    figures, skipped = pass_at_k({t: (n, c) for t, (n, c) in counts.items()}, ks)
    samples = []
    failures = []
    task_ids = {p.task_id for p in benchmark.problems}
    for ln in lines:
        r = results.get(ln.key)
        if ln.sample.task_id not in task_ids:
            entry = {"line": ln.lineno, "task_id": ln.sample.task_id, "status": "unknown_task",
                     "detail": f"task_id not in benchmark {benchmark.name}; not counted"}
        elif r is None:
            entry = {"line": ln.lineno, "task_id": ln.sample.task_id, "status": "not_run", "detail": "interrupted"}
        else:
            entry = {"line": ln.lineno, "task_id": ln.sample.task_id, "status": r.status.value, "detail": r.detail,
                     "duration_s": round(r.duration_s, 4)}
            if kind == "canonical" and r.status is not Status.passed:
                failures.append({"task_id": r.task_id, "status": r.status.value, "detail": r.detail})
        samples.append(entry)
    return EvalReport(run_id, kind, benchmark, figures, skipped, samples, len(counts), unknown, provenance, run_dir,
                      wall, resumed, model, failures)


def _save(report: EvalReport, settings, status: str) -> None:
    """results.json in the run directory and a row in eval_runs (both overwritten by a rerun)."""
    data = report.to_json()
    data["status"] = status
    report.run_dir.mkdir(parents=True, exist_ok=True)
    tmp = report.run_dir / "results.json.tmp"
    tmp.write_text(json.dumps(data, indent=2, default=str), encoding="utf-8")
    tmp.replace(report.run_dir / "results.json")
    from synth.store import open_store

    store = open_store(settings)
    try:
        with store.transaction() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO eval_runs (id, created_at, kind, model, benchmark, benchmark_hash, settings,"
                " pass_at_k, n_samples, status) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (report.run_id, datetime.now(timezone.utc).isoformat(timespec="seconds"), report.kind, report.model,
                 report.benchmark.name, report.benchmark.content_hash,
                 json.dumps({"execution": report.provenance["execution"], "generation": report.provenance["generation"]}),
                 json.dumps(data["pass@k"]), len(report.samples), status),
            )
    finally:
        store.close()


def evaluate_canonical(benchmark: Benchmark, settings, **kwargs: Any) -> EvalReport:
    """Harness self-test: run every reference solution; pass@1 should be 100%."""
    from evalkit.benchmarks import reference_program

    require_exec_allowed(settings)
    run_id = _run_id("canonical", benchmark.content_hash, str(kwargs.get("timeout") or settings.exec_timeout),
                     str(settings.exec_memory_mb))
    settings.ensure_dirs()
    path = settings.runs_dir / run_id / "canonical_samples.jsonl"
    path.parent.mkdir(parents=True, exist_ok=True)
    samples = []
    for p in benchmark.problems:
        code, full = reference_program(p)
        samples.append(Sample(p.task_id, code, full_program=full))
    write_samples(path, samples)
    kwargs.setdefault("ks", (1,))
    return evaluate_samples(path, benchmark, settings, kind="canonical", run_id=run_id, **kwargs)


def evaluate_model(model: str, benchmark: Benchmark, settings, *, ks: Sequence[int] = (1,), n: int = 1,
                   temperature: float = 0.0, top_p: float = 0.95, max_new_tokens: int = 512, seed: int = 0,
                   adapter: str | None = None, quantize: str | None = None, prompt_format: str = "base",
                   shots: int = 0, stop: Sequence[str] | None = None, backend: str = "transformers",
                   timeout: float | None = None, workers: int | None = None,
                   on_progress: Callable[[int, int], None] | None = None, fresh: bool = False) -> EvalReport:
    """Generate ``n`` samples per problem with the generation half, then evaluate them (resumable)."""
    from evalkit.generation import generate_samples

    require_exec_allowed(settings)
    decoding = {"model": model, "adapter": adapter, "quantize": quantize, "n": n, "temperature": temperature,
                "top_p": top_p, "max_new_tokens": max_new_tokens, "seed": seed, "prompt_format": prompt_format,
                "shots": shots, "stop": list(stop) if stop else None, "backend": backend}
    run_id = _run_id("model", benchmark.content_hash, json.dumps(decoding, sort_keys=True))
    settings.ensure_dirs()
    out = settings.runs_dir / run_id / "generations.jsonl"
    out.parent.mkdir(parents=True, exist_ok=True)
    summary = generate_samples(model, benchmark.problems, out, n=n, temperature=temperature, top_p=top_p,
                               max_new_tokens=max_new_tokens, seed=seed, adapter=adapter, quantize=quantize,
                               prompt_format=prompt_format, shots=shots, stop=stop, backend=backend, settings=settings,
                               pool=benchmark.problems)
    generation = dict(decoding)
    meta_path = getattr(summary, "meta_path", None)
    if meta_path and Path(meta_path).is_file():
        try:  # the generation half records the prompt template and more there
            generation["meta"] = json.loads(Path(meta_path).read_text(encoding="utf-8"))
        except ValueError:
            pass
    return evaluate_samples(out, benchmark, settings, ks=ks, timeout=timeout, workers=workers, kind="model",
                            model=model, generation=generation, run_id=run_id + "-eval", on_progress=on_progress,
                            fresh=fresh)
