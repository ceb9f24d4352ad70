"""Stage 5: cluster syndicated copies (placeholder until the corpus layer lands)."""

from __future__ import annotations


def cluster(store, settings) -> int:
    return 0
