"""Exception hierarchy shared by litcheck's packages.

Each error carries a message that says what went wrong *and* what to do; the CLI prints
it as a single line (the traceback only with LITCHECK_DEBUG=1).
"""

from __future__ import annotations


class LitcheckError(Exception):
    """Base of every error litcheck raises on purpose."""


class ConfigError(LitcheckError):
    """Settings file, environment or flags are invalid."""


class FetchError(LitcheckError):
    """A paper could not be fetched (network, HTTP status, malformed feed, size cap)."""


class OfflineError(FetchError):
    """The network is unreachable."""


class ParseError(LitcheckError):
    """A PDF could not be parsed (corrupt, truncated, encrypted, not a PDF)."""


class StoreError(LitcheckError):
    """The SQLite store is unusable or inconsistent."""


class IndexError_(LitcheckError):
    """The search index could not be built or loaded."""


class MissingDependencyError(LitcheckError):
    """An optional dependency is not installed."""

    def __init__(self, package: str, purpose: str) -> None:
        super().__init__(
            f"{purpose} needs the '{package}' package; install it with "
            f"'.venv/bin/pip install {package}' (or run 'make install')"
        )
        self.package = package


class InputError(LitcheckError):
    """User input (a file, a claim, an argument) is malformed."""
