"""synth: find, parse, store and search papers, and render synthesis reports."""

__version__ = "0.1.0"
