"""Errors of the generation and fine-tuning half of evalkit; each says how to fix it."""

from __future__ import annotations

from synth.errors import InputError

from evalkit.errors import EvalkitError


class ModelLoadError(EvalkitError):
    """A model path / hub id, tokenizer or adapter could not be loaded."""


class DeviceError(EvalkitError):
    """A device or quantisation option the machine cannot honour (no CUDA GPU, ...)."""


class BackendError(EvalkitError):
    """A generation backend is unknown or unavailable here."""


class GenerationError(EvalkitError):
    """Generation cannot start or continue (e.g. a samples file from other settings)."""


class TrainingDataError(InputError, EvalkitError):
    """An instruction-tuning data file is malformed (the line number is named)."""


class ClaimParseError(InputError, EvalkitError):
    """A pass@k claim could not be understood."""
