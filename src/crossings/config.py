"""One settings object, layered: defaults → crossings.toml → CROSSINGS_* environment → CLI flags.

Every field carries its default and its help text here, in one place; docs/settings.md lists them
all and a test keeps the two in step. A partial crossings.toml overrides only the keys it sets.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import platformdirs


def default_db_url() -> str:
    path = Path(platformdirs.user_data_dir("crossings")) / "crossings.sqlite"
    return f"sqlite:///{path}"


def _setting(default: Any, help: str, **kw: Any) -> Any:
    if callable(default):
        return field(default_factory=default, metadata={"help": help}, **kw)
    return field(default=default, metadata={"help": help}, **kw)


@dataclass(frozen=True, slots=True)
class Settings:
    db: str = _setting(default_db_url, "Database URL: sqlite:///PATH (default, in the user data dir) or "
                       "postgresql://USER@HOST/DB.")
    user_agent: str = _setting("crossings/0.1 (+https://example.org/crossings; news research bot)",
                               "User-Agent sent with every fetch.")
    fetch_timeout: float = _setting(20.0, "Seconds before a network fetch gives up.")
    max_bytes: int = _setting(10_000_000, "Largest document fetched or read, in bytes; larger ones fail.")
    max_feed_entries: int = _setting(500, "Most entries followed from one RSS/Atom feed.")
    dedupe_threshold: float = _setting(0.5, "Share of the shorter article's word 5-grams found in the "
                                       "longer one (MinHash estimate) above which two are copies of one story.")
    triage: bool = _setting(True, "Skip the figure extractor on articles with no sign of movement.")
    workers: int = _setting(2, "Dask workers for `crossings batch` on a local cluster.")
    parallel_writes: bool = _setting(True, "On PostgreSQL, `crossings batch` workers save their own "
                                     "results (off: one writer in the client, as on SQLite).")
    token: str | None = _setting(None, "Bearer token for API writes (and reads when read_token is set).")
    read_token: bool = _setting(False, "Require the token for API reads too.")
    max_body_bytes: int = _setting(2_000_000, "Largest request body the API accepts.")
    page_size: int = _setting(100, "Default page size of API lists (the most is 1000).")

    def replace(self, **changes: Any) -> Settings:
        known = {f.name for f in fields(self)}
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if k in known and v is not None})


def _coerce(raw: str, like: Any, name: str) -> Any:
    kind = Settings.__dataclass_fields__[name].type
    if "bool" in str(kind):
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    if "int" in str(kind):
        return int(raw)
    if "float" in str(kind):
        return float(raw)
    return raw


def load(config_file: str | Path | None = None, **flags: Any) -> Settings:
    """Build the Settings for this run from every layer, later layers winning."""
    settings = Settings()
    path = Path(config_file or os.environ.get("CROSSINGS_CONFIG", "crossings.toml"))
    if path.is_file():
        with path.open("rb") as fh:
            settings = settings.replace(**tomllib.load(fh))
    env = {}
    for f in fields(Settings):
        value = os.environ.get(f"CROSSINGS_{f.name.upper()}")
        if value is not None:
            env[f.name] = _coerce(value, getattr(settings, f.name), f.name)
    return settings.replace(**env).replace(**flags)


def describe() -> list[tuple[str, str, str]]:
    """(name, default, help) for every setting, for docs and `crossings settings`."""
    out = []
    for f in fields(Settings):
        default = f.default if f.default is not dataclasses.MISSING else "(computed)"
        out.append((f.name, repr(default), f.metadata["help"]))
    return out
