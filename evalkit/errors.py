"""evalkit's exceptions: each says what went wrong and how to fix it."""

from __future__ import annotations

from synth.errors import InputError, LitcheckError


class EvalkitError(LitcheckError):
    """Base of evalkit's errors."""


class BenchmarkError(EvalkitError):
    """A benchmark name is unknown or a benchmark file is malformed."""


class SampleFileError(InputError, EvalkitError):
    """A samples JSONL file is malformed (the line number is named)."""


class SandboxError(EvalkitError):
    """The sandbox could not run programs at all (not: a program misbehaved)."""


class ExecNotAllowedError(EvalkitError):
    """Running untrusted code was not explicitly allowed."""

    def __init__(self) -> None:
        super().__init__(
            "refusing to execute generated code without --allow-exec "
            "(or allow_exec = true in litcheck.toml / LITCHECK_ALLOW_EXEC=1); "
            "the code runs in a sandbox but is untrusted"
        )


class PassAtKError(EvalkitError):
    """pass@k cannot be computed as asked (e.g. k larger than the samples per task)."""
