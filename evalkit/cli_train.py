"""``litcheck finetune`` and ``litcheck reproduce``: argument parsing over evalkit's library."""

from __future__ import annotations

from pathlib import Path

import click

from synth.clikit import emit_json, pass_app, progress


@click.command("finetune")
@click.option("--model", required=True, help="Base model: local directory or hub id.")
@click.option("--data", "data", required=True, type=click.Path(path_type=Path, dir_okay=False),
              help="Instruction data JSONL (CodeAlpaca style: instruction, input, output).")
@click.option("--method", type=click.Choice(["lora", "qlora"]), default="lora", show_default=True,
              help="qlora = 4-bit NF4 base (double quantisation) + LoRA.")
@click.option("--r", "r", type=int, default=16, show_default=True, help="LoRA rank.")
@click.option("--alpha", type=float, default=32, show_default=True, help="LoRA alpha.")
@click.option("--dropout", type=float, default=0.05, show_default=True, help="LoRA dropout.")
@click.option("--target-modules", default="auto", show_default=True,
              help="Comma-separated module names (q_proj,v_proj), 'all-linear', or 'auto'.")
@click.option("--lr", type=float, default=2e-4, show_default=True, help="Peak learning rate.")
@click.option("--scheduler", type=click.Choice(["cosine", "linear", "constant"]), default="cosine", show_default=True)
@click.option("--warmup-steps", type=int, default=None, help="Warmup steps (overrides --warmup-ratio).")
@click.option("--warmup-ratio", type=float, default=0.03, show_default=True, help="Warmup as a fraction of steps.")
@click.option("--steps", type=int, default=None, help="Optimizer steps (overrides --epochs).")
@click.option("--epochs", type=float, default=1.0, show_default=True)
@click.option("--micro-batch", type=int, default=4, show_default=True, help="Examples per forward pass.")
@click.option("--grad-accum", type=int, default=1, show_default=True, help="Micro-batches per optimizer step.")
@click.option("--weight-decay", type=float, default=0.0, show_default=True)
@click.option("--eval-split", type=float, default=0.1, show_default=True, help="Fraction held out for eval loss/accuracy.")
@click.option("--eval-every", type=int, default=0, show_default=True, help="Evaluate every N steps (0: start and end).")
@click.option("--save-every", type=int, default=0, show_default=True, help="Save the adapter every N steps (0: at the end).")
@click.option("--max-length", type=int, default=512, show_default=True, help="Tokens per example (truncated).")
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--device", default="auto", show_default=True, help="auto, cpu or cuda[:N].")
@click.option("--gradient-checkpointing", is_flag=True, help="Save memory at the cost of compute.")
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Output directory (default: <home>/runs/finetune/<time>-<method>-r<r>).")
@click.option("--sweep", default=None, help="Train one adapter per value, e.g. r=16,32,64; prints a table.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object; no progress bar.")
@pass_app
def finetune(app, model, data, method, r, alpha, dropout, target_modules, lr, scheduler, warmup_steps, warmup_ratio,
             steps, epochs, micro_batch, grad_accum, weight_decay, eval_split, eval_every, save_every, max_length,
             seed, device, gradient_checkpointing, out, sweep, as_json):
    """Fine-tune a causal LM with LoRA or QLoRA on instruction data; saves the adapter and metrics."""
    from pydantic import ValidationError

    from evalkit.finetune import FinetuneConfig, finetune as run_finetune, format_table, run_sweep
    from synth.errors import InputError

    settings = app.settings()
    settings.ensure_dirs()
    try:
        cfg = FinetuneConfig(
            model=model, data=data, method=method, r=r, alpha=alpha, dropout=dropout, target_modules=target_modules,
            lr=lr, scheduler=scheduler, warmup_steps=warmup_steps, warmup_ratio=warmup_ratio, steps=steps,
            epochs=epochs, micro_batch=micro_batch, grad_accum=grad_accum, weight_decay=weight_decay,
            eval_split=eval_split, eval_every=eval_every, save_every=save_every, max_length=max_length, seed=seed,
            device=device, gradient_checkpointing=gradient_checkpointing, out=out,
        )
    except ValidationError as exc:
        first = exc.errors()[0]
        raise InputError(f"--{'-'.join(str(p) for p in first['loc']).replace('_', '-')}: {first['msg']}") from exc
    with progress(None, "training", enabled=not as_json) as bar:
        seen = {"done": 0, "run": ""}

        def on_step(step: int, total: int, loss: float) -> None:
            if step == 1:  # each sweep run adds its steps to the bar
                bar.set_total(seen["done"] + total)
            seen["done"] += 1
            bar.advance(1, description=f"{seen['run']}step {step}/{total} loss {loss:.4f}")

        if sweep:
            def on_run(i: int, count: int, value) -> None:
                seen["run"] = f"run {i + 1}/{count} ({value}) "

            table = run_sweep(cfg, sweep, settings, on_run=on_run, on_step=on_step)
        else:
            result = run_finetune(cfg, settings, on_step=on_step)
    if sweep:
        if as_json:
            emit_json(table)
        else:
            click.echo(format_table(table))
            click.echo(f"sweep: {table['out_dir']}/sweep.json")
        return
    if as_json:
        emit_json({**result.__dict__, "first_loss": result.first_loss, "final_loss": result.final_loss})
        return
    click.echo(f"adapter: {result.out_dir}")
    click.echo(f"steps: {result.steps_done}/{result.total_steps} ({result.steps_per_s:.2f} steps/s), "
               f"trainable params: {result.trainable_params:,} of {result.total_params:,}")
    click.echo(f"train loss: {result.first_loss:.4f} -> {result.final_loss:.4f}")
    if result.eval_loss is not None:
        click.echo(f"eval loss: {result.eval_loss_before:.4f} -> {result.eval_loss:.4f}, "
                   f"token accuracy {result.eval_token_accuracy:.3f}")
    if result.store_note:
        click.echo(f"note: not recorded in the store ({result.store_note}); see {result.out_dir}/metrics.json")
    click.echo(f"evaluate it: litcheck eval --model {model} --adapter {result.out_dir} --benchmark humaneval --allow-exec")


@click.command("reproduce")
@click.option("--claim", required=True, help="A pass@k claim, e.g. \"Model-X achieves 84.1% pass@1 on HumanEval\".")
@click.option("--model", required=True, help="Model to run: local directory or hub id.")
@click.option("--allow-exec", is_flag=True, help="Allow running untrusted generated code (in the sandbox). Required.")
@click.option("--n", "n", type=int, default=None, help="Samples per task (default: from the claim, else k).")
@click.option("--temperature", type=float, default=None,
              help="Sampling temperature (default: from the claim, else 0 for n=1 and 0.2 otherwise).")
@click.option("--top-p", type=float, default=0.95, show_default=True)
@click.option("--tolerance", type=float, default=3.0, show_default=True, help="Percentage points allowed either way.")
@click.option("--limit", type=int, default=None, help="Run only the first N tasks (a quick check; always inconclusive).")
@click.option("--max-new-tokens", type=int, default=512, show_default=True)
@click.option("--prompt-format", type=click.Choice(["base", "instruct", "chat"]), default="base", show_default=True)
@click.option("--shots", type=int, default=None, help="In-context examples (default: from the claim, else 0).")
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--adapter", default=None, help="LoRA adapter directory applied on top of --model.")
@click.option("--quantize", type=click.Choice(["4bit", "8bit"]), default=None)
@click.option("--device", default="auto", show_default=True, help="auto, cpu or cuda[:N].")
@click.option("--backend", default="transformers", show_default=True, help="transformers or vllm.")
@click.option("--benchmark", "benchmark_path", default=None,
              help="Benchmark file for benchmarks not shipped (HumanEval+, MBPP, MBPP+), or a name to override.")
@click.option("--min-tasks", type=int, default=20, show_default=True, help="Fewer tasks than this is inconclusive.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object; no progress bar.")
@pass_app
def reproduce(app, claim, model, allow_exec, n, temperature, top_p, tolerance, limit, max_new_tokens, prompt_format,
              shots, seed, adapter, quantize, device, backend, benchmark_path, min_tasks, as_json):
    """Re-run the evaluation behind a pass@k claim: reproduced / not_reproduced / inconclusive."""
    from evalkit.claimspec import parse_claim
    from evalkit.reproduce import reproduce_claim

    spec = parse_claim(claim)  # a bad claim fails before anything heavy happens
    settings = app.settings(allow_exec=True if allow_exec else None)
    with progress(None, "reproducing", enabled=not as_json) as bar:
        stage_seen: set[str] = set()

        def on_progress(stage: str, done: int, total: int) -> None:
            if stage not in stage_seen:
                stage_seen.add(stage)
                bar.set_total(total)
            bar.advance(1 if stage == "execute" else 0, description=f"{stage} {done}/{total}")

        result = reproduce_claim(
            spec, model, settings, n=n, temperature=temperature, top_p=top_p, tolerance=tolerance, limit=limit,
            max_new_tokens=max_new_tokens, prompt_format=prompt_format, shots=shots, seed=seed, adapter=adapter,
            quantize=quantize, device=device, backend=backend, benchmark_path=benchmark_path, min_tasks=min_tasks,
            on_progress=on_progress,
        )
    if as_json:
        emit_json(result.to_json())
        return
    c = result.claim
    click.echo(f"claim: {c.model or '(model not named)'}: {c.value:g}% {c.metric} on {c.benchmark_display}")
    if result.measured is not None and result.ci:
        click.echo(f"measured: {result.measured:.1f}% {c.metric} (95% CI {result.ci[0]:.1f}-{result.ci[1]:.1f}) "
                   f"on {result.n_tasks}/{result.n_benchmark_tasks} tasks, tolerance ±{result.tolerance:g} points")
    click.echo(f"verdict: {result.verdict}: {result.reason}")
    if result.store_note:
        click.echo(f"note: not recorded in the store ({result.store_note})")
