"""The exception tree. Every error carries a short `reason` code that a Failure record stores.

    CrossingsError
    ├── InputError            bad input from the user: unreadable file, empty text, binary, bad JSON line
    ├── FetchError            a network source failed: timeout, HTTP status, too large
    ├── ExtractError          a document yielded no usable text
    ├── StoreError            the database refused or could not be opened
    └── MissingExtra          an optional dependency group is not installed ("pip install crossings[dask]")
"""

from __future__ import annotations


class CrossingsError(Exception):
    reason = "error"

    def __init__(self, message: str, reason: str | None = None):
        super().__init__(message)
        if reason:
            self.reason = reason


class InputError(CrossingsError):
    reason = "bad_input"


class FetchError(CrossingsError):
    reason = "fetch_failed"


class ExtractError(CrossingsError):
    reason = "no_text"


class StoreError(CrossingsError):
    reason = "store_failed"


class MissingExtra(CrossingsError):
    reason = "missing_extra"

    def __init__(self, extra: str, module: str):
        super().__init__(f"this needs the optional '{extra}' dependencies ({module} is missing): "
                         f"pip install 'crossings[{extra}]'")


def require(module: str, extra: str):
    """Import an optional dependency or raise MissingExtra with the install hint."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingExtra(extra, module) from exc
