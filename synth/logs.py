"""Log noise from optional dependencies that litcheck silences."""

from __future__ import annotations

import logging


def quiet_bitsandbytes() -> None:
    """bitsandbytes logs on import that an optional kernels package (a download) is missing; its
    CPU path works without it. It is imported by us (4-bit loading) and indirectly by
    sentence-transformers, through peft."""
    logging.getLogger("bitsandbytes.backends.cpu.ops").setLevel(logging.ERROR)
