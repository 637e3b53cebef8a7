"""Shared CLI plumbing: settings from the context, JSON output, progress bars, one-line errors.

Kept free of heavy imports so that ``litcheck --help`` stays fast.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

import click

from synth.errors import LitcheckError


class AppContext:
    """What the top-level group knows: where the config is and which overrides were given."""

    def __init__(self, home: Path | None, config: Path | None) -> None:
        self.home = home
        self.config = config

    def settings(self, **overrides: Any):  # -> Settings
        from synth.settings import load_settings

        if self.home is not None:
            overrides.setdefault("home", self.home)
        return load_settings(overrides, config_file=self.config)


pass_app = click.make_pass_decorator(AppContext, ensure=True)


def to_jsonable(obj: Any) -> Any:
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_jsonable(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if hasattr(obj, "model_dump"):
        return obj.model_dump(mode="json")
    if isinstance(obj, Mapping):
        return {str(k): to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple, set)):
        return [to_jsonable(v) for v in obj]
    if isinstance(obj, Path):
        return str(obj)
    if hasattr(obj, "value") and hasattr(obj, "name") and obj.__class__.__module__ != "builtins":
        return obj.value  # Enum
    if hasattr(obj, "item"):  # numpy scalar
        return obj.item()
    return obj


def emit_json(obj: Any) -> None:
    click.echo(json.dumps(to_jsonable(obj), ensure_ascii=False, indent=2))


def is_interactive() -> bool:
    return sys.stderr.isatty()


@contextmanager
def progress(total: int | None, description: str, enabled: bool = True) -> Iterator[Any]:
    """A rich progress bar on a terminal; a no-op elsewhere (and always with --json)."""
    if not (enabled and is_interactive()):
        yield _NullBar()
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        transient=True, console=None,
    ) as bar:
        task = bar.add_task(description, total=total)
        yield _RichBar(bar, task)


class _NullBar:
    def advance(self, n: int = 1, description: str | None = None) -> None:
        pass

    def set_total(self, total: int) -> None:
        pass


class _RichBar:
    def __init__(self, bar: Any, task: Any) -> None:
        self.bar, self.task = bar, task

    def advance(self, n: int = 1, description: str | None = None) -> None:
        kwargs = {"description": description} if description else {}
        self.bar.update(self.task, advance=n, **kwargs)

    def set_total(self, total: int) -> None:
        self.bar.update(self.task, total=total)


def fail(message: str) -> None:
    """Raise a one-line user error from the CLI layer."""
    raise LitcheckError(message)


def run_cli(group: click.Group, argv: Iterable[str] | None = None) -> int:
    """Run the click group, turning litcheck errors into one line and an exit code."""
    debug = os.environ.get("LITCHECK_DEBUG", "") not in ("", "0", "false")
    try:
        rv = group.main(args=list(argv) if argv is not None else None, prog_name="litcheck", standalone_mode=False)
        # Without standalone mode click returns the exit code of ctx.exit()/Exit instead of raising.
        return rv if isinstance(rv, int) else 0
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except (click.exceptions.Abort, KeyboardInterrupt):
        # click turns Ctrl-C into Abort; stored papers, samples and results are all committed
        # as they finish, so a rerun picks up where this one stopped.
        if debug:
            raise
        click.echo("error: interrupted; finished work is saved, rerun the command to resume", err=True)
        return 130
    except LitcheckError as exc:
        if debug:
            raise
        click.echo(f"error: {_one_line(str(exc))}", err=True)
        return 1
    except Exception as exc:  # noqa: BLE001 - last line of defence: one line, not a traceback
        if debug:
            raise
        click.echo(
            f"error: unexpected {type(exc).__name__}: {_one_line(str(exc))} (rerun with LITCHECK_DEBUG=1 for the traceback)",
            err=True,
        )
        return 1


def _one_line(text: str) -> str:
    return " ".join(text.split())
