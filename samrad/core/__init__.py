"""Shared pieces: base models, the realtime broadcast helper, the `serve` command."""
