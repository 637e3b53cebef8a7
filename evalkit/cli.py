"""``litcheck eval``: evaluate samples, reference solutions or a model on a code benchmark (thin)."""

from __future__ import annotations

from pathlib import Path

import click

from synth.clikit import emit_json, fail, pass_app, progress


def _parse_ks(text: str) -> tuple[int, ...]:
    try:
        ks = tuple(sorted({int(k) for k in text.split(",") if k.strip()}))
    except ValueError:
        raise click.BadParameter(f"--k takes comma-separated integers like 1,10, got {text!r}") from None
    if not ks or min(ks) < 1:
        raise click.BadParameter("--k values must be integers >= 1")
    return ks


@click.command("eval")
@click.option("--benchmark", "benchmark_name", required=True,
              help="humaneval, humaneval_pro, mbpp_pro, or the path of an evalplus/custom JSONL (append :base for base inputs).")
@click.option("--samples", "samples_path", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Samples JSONL (task_id + completion, or evalplus 'solution') to evaluate.")
@click.option("--canonical", is_flag=True, help="Run the reference solutions (harness self-test; pass@1 should be 100%).")
@click.option("--model", default=None, help="Generate samples with this model (path or hub id), then evaluate them.")
@click.option("--allow-exec", is_flag=True, help="Allow running untrusted code (in the sandbox). Required.")
@click.option("--k", "k_text", default="1", show_default=True, help="Comma-separated k values for pass@k.")
@click.option("--timeout", type=float, default=None, help="Wall-clock seconds per program (default: exec_timeout).")
@click.option("--workers", type=int, default=None, help="Parallel sandboxed programs (default: exec_workers; 0 = cores).")
@click.option("--adapter", default=None, help="LoRA adapter directory applied on top of --model.")
@click.option("--n", "n", type=int, default=1, show_default=True, help="Samples per problem (--model).")
@click.option("--temperature", type=float, default=0.0, show_default=True, help="Sampling temperature (--model).")
@click.option("--top-p", "top_p", type=float, default=0.95, show_default=True, help="Nucleus sampling top-p (--model).")
@click.option("--max-new-tokens", type=int, default=512, show_default=True, help="Tokens per completion (--model).")
@click.option("--shots", type=int, default=0, show_default=True, help="In-context examples per prompt (--model).")
@click.option("--prompt-format", type=click.Choice(["base", "chat"]), default="base", show_default=True,
              help="Base-model completion or the model's chat template (--model).")
@click.option("--quantize", type=click.Choice(["4bit", "8bit"]), default=None, help="Load the model quantized (--model).")
@click.option("--seed", type=int, default=0, show_default=True, help="Sampling seed (--model).")
@click.option("--backend", default="transformers", show_default=True, help="Generation backend: transformers or vllm.")
@click.option("--fresh", is_flag=True, help="Re-run every sample instead of reusing results of an earlier run.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of a summary.")
@pass_app
def eval_(app, benchmark_name, samples_path, canonical, model, allow_exec, k_text, timeout, workers, adapter, n,
          temperature, top_p, max_new_tokens, shots, prompt_format, quantize, seed, backend, fresh, as_json) -> None:
    """Evaluate code samples, the reference solutions or a model on a code benchmark (pass@k).

    Programs run in a sandbox (a process each, namespaces, rlimits, timeout); running them
    still needs --allow-exec. Results go to LITCHECK_HOME/runs/<run-id>/ and the store; an
    interrupted run resumes when rerun with the same samples file.
    """
    from evalkit.benchmarks import load_benchmark
    from evalkit.evaluate import evaluate_canonical, evaluate_model, evaluate_samples, require_exec_allowed

    modes = [m for m, on in (("--samples", samples_path), ("--canonical", canonical), ("--model", model)) if on]
    if len(modes) != 1:
        fail("give exactly one of --samples FILE, --canonical or --model PATH_OR_ID")
    ks = _parse_ks(k_text)
    settings = app.settings(allow_exec=True if allow_exec else None, exec_workers=workers)
    require_exec_allowed(settings)
    benchmark = load_benchmark(benchmark_name, settings)
    common = {"ks": ks, "timeout": timeout, "fresh": fresh}
    with progress(None, f"eval {benchmark.name}", enabled=not as_json) as bar:
        def on_progress(done: int, total: int) -> None:
            bar.set_total(total)
            bar.advance(1)

        if samples_path:
            report = evaluate_samples(samples_path, benchmark, settings, on_progress=on_progress, **common)
        elif canonical:
            report = evaluate_canonical(benchmark, settings, on_progress=on_progress, **common)
        else:
            report = evaluate_model(model, benchmark, settings, n=n, temperature=temperature, top_p=top_p,
                                    max_new_tokens=max_new_tokens, seed=seed, adapter=adapter, quantize=quantize,
                                    prompt_format=prompt_format, shots=shots, backend=backend,
                                    on_progress=on_progress, **common)
    if as_json:
        emit_json(report.to_json())
        return
    _print_summary(report)


def _print_summary(report) -> None:
    data = report.to_json()
    b = data["benchmark"]
    click.echo(f"{data['kind']} run {data['run_id']} on {b['name']} (sha256 {b['hash'][:12]}): "
               f"{len(data['samples'])} samples, {data['tasks_covered']}/{b['n_problems']} tasks, {data['wall_s']:.1f} s")
    click.echo(f"  {data['coverage_note']}")
    for name, fig in data["pass@k"].items():
        lo, hi = fig["ci"]
        click.echo(f"  {name} = {100 * fig['value']:.2f}%  (95% CI {100 * lo:.2f}-{100 * hi:.2f}, {fig['n_tasks']} tasks)")
    for name, why in data["pass@k_not_computed"].items():
        click.echo(f"  {name} not computed: {why}")
    click.echo("  statuses: " + ", ".join(f"{k} {v}" for k, v in data["status_counts"].items()))
    if data["resumed_samples"]:
        click.echo(f"  resumed: {data['resumed_samples']} samples already evaluated were reused")
    for u in data["unknown_task_ids"][:10]:
        click.echo(f"  line {u['line']}: unknown task_id {u['task_id']!r} (not counted)")
    for f in data["failures"][:20]:
        click.echo(f"  reference FAILED {f['task_id']}: {f['status']}: {f['detail']}")
    click.echo(f"  {data['provenance']['execution']['isolation_note']}")
    click.echo(f"  results: {data['run_dir']}/results.json")
