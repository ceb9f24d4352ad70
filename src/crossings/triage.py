"""Stage 2b: a cheap relevance filter on raw text, so articles with no sign of movement skip the
figure extractor. Placeholder until the triage automaton lands: everything is relevant."""

from __future__ import annotations


def is_relevant(text: str) -> bool:
    return True
