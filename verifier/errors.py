"""Verifier errors: each says what went wrong and how to fix it."""

from __future__ import annotations

from synth.errors import InputError, LitcheckError


class VerifierError(LitcheckError):
    """Base of the verifier's errors."""


class ClaimsFileError(InputError):
    """The claims file cannot be read at all (missing, not UTF-8, empty)."""


class SourceError(VerifierError):
    """No usable source paper: every --source failed to ingest."""


class AuditInputError(InputError):
    """The document to audit cannot be read."""
