"""SQLite store: the source of truth for papers, their parts, claims, verdicts and runs."""

from synth.store.db import Store, open_store

__all__ = ["Store", "open_store"]
