"""evalkit package."""
