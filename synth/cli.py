"""The ``litcheck`` command: a thin layer over the synth, verifier and evalkit libraries.

Subcommands live in each package's ``cli`` module and are imported on first use, so that
``litcheck --help`` answers without touching torch, faiss or PyMuPDF.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import click

from synth.clikit import AppContext, run_cli
from synth.logs import quiet_bitsandbytes

# command name -> (module, attribute, one-line help shown by `litcheck --help`)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "fetch": ("synth.commands", "fetch", "Search arXiv (or fetch an id) and ingest the papers found."),
    "ingest": ("synth.commands", "ingest", "Ingest local PDFs, directories, URLs or arXiv ids into the store."),
    "papers": ("synth.commands", "papers", "List the papers in the store."),
    "search": ("synth.commands", "search", "Hybrid (dense + BM25) search over stored papers."),
    "show": ("synth.commands", "show", "Show one stored paper: sections, tables, references."),
    "config": ("synth.commands", "config", "Show the effective settings and where they come from."),
    "claims": ("verifier.cli", "claims", "Extract structured numeric claims from a document or text."),
    "verify": ("verifier.cli", "verify", "Verify claims (JSONL) against source papers."),
    "audit": ("verifier.cli", "audit", "Audit a document for inconsistent or impossible numbers."),
    "eval": ("evalkit.cli", "eval_", "Evaluate code samples or a model on a code benchmark (pass@k)."),
    "finetune": ("evalkit.cli_train", "finetune", "Fine-tune a causal LM with LoRA or QLoRA."),
    "reproduce": ("evalkit.cli_train", "reproduce", "Re-run the evaluation behind a pass@k claim."),
    "report": ("synth.report.cli", "report", "Write a scored, cited, verified synthesis report for a question."),
    "digest": ("synth.report.cli", "digest", "Write a one-paper digest with verified key results."),
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(COMMANDS) | set(self.commands))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.commands:
            return self.commands[name]
        if name not in COMMANDS:
            return None
        module, attr, _ = COMMANDS[name]
        try:
            return getattr(importlib.import_module(module), attr)
        except (ImportError, AttributeError) as exc:
            return _unavailable(name, exc)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][2]) for name in sorted(COMMANDS)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def resolve_command(self, ctx, args):  # type: ignore[override]
        name = args[0] if args else None
        if name and name not in COMMANDS and not name.startswith("-"):
            import difflib

            close = difflib.get_close_matches(name, list(COMMANDS), n=1)
            hint = f" Did you mean '{close[0]}'?" if close else ""
            raise click.UsageError(f"no such command '{name}'.{hint} See 'litcheck --help'.")
        return super().resolve_command(ctx, args)


def _unavailable(name: str, exc: Exception) -> click.Command:
    @click.command(name=name, help=f"(unavailable: {exc})", context_settings={"ignore_unknown_options": True})
    @click.argument("args", nargs=-1, type=click.UNPROCESSED)
    def stub(args: tuple[str, ...]) -> None:
        from synth.errors import LitcheckError

        raise LitcheckError(f"'litcheck {name}' is not available in this installation: {exc}")

    return stub


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--home", type=click.Path(path_type=Path), default=None,
              help="State directory (default: $LITCHECK_HOME or a per-user data dir).")
@click.option("--config", "config", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Extra litcheck.toml to read after the default ones.")
@click.version_option(package_name="litcheck")
@click.pass_context
def cli(ctx: click.Context, home: Path | None, config: Path | None) -> None:
    """litcheck: find papers, verify the numbers claimed about them, and re-run code benchmarks.

    State lives under LITCHECK_HOME. Settings: defaults < litcheck.toml < LITCHECK_* environment < flags.
    Errors are one line; set LITCHECK_DEBUG=1 for the traceback.
    """
    ctx.obj = AppContext(home=home, config=config)


def main(argv: list[str] | None = None) -> None:
    quiet_bitsandbytes()
    sys.exit(run_cli(cli, argv))


if __name__ == "__main__":
    main()
