"""Stage 6 plumbing: a database URL → a configured SQLAlchemy engine (SQLite or PostgreSQL).

SQLite gets WAL, a busy timeout and explicit BEGIN (IMMEDIATE for writes); PostgreSQL goes through
psycopg 3. Anything wrong with the URL becomes a one-line StoreError.
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import URL, Engine

from crossings.errors import StoreError, require

BUSY_TIMEOUT_MS = 30_000


def make_engine(url: str) -> Engine:
    """Build the engine for `url`: "sqlite:///PATH", a bare PATH, or "postgresql://…"."""
    parsed = parse_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed)
    require("psycopg", "postgres")
    return sa.create_engine(parsed.set(drivername="postgresql+psycopg"), pool_pre_ping=True,
                            connect_args={"connect_timeout": 10})


def parse_url(url: str) -> URL:
    if "://" not in url:
        return URL.create("sqlite", database=url)
    try:
        parsed = sa.make_url(url)
    except sa.exc.ArgumentError as exc:
        raise StoreError(f"not a database URL: {url!r} (use sqlite:///PATH or postgresql://…)",
                         "bad_url") from exc
    if parsed.get_backend_name() not in {"sqlite", "postgresql", "postgres"}:
        raise StoreError(f"unsupported database {parsed.get_backend_name()!r} in {redact(url)} "
                         "(use sqlite:///PATH or postgresql://…)", "bad_url")
    if parsed.get_backend_name() == "postgres":
        parsed = parsed.set(drivername="postgresql")
    return parsed


def redact(url: str | URL) -> str:
    """The URL with its password hidden, for messages."""
    try:
        return sa.make_url(url).render_as_string(hide_password=True)
    except sa.exc.ArgumentError:
        return str(url)


def _sqlite_engine(parsed: URL) -> Engine:
    database = parsed.database or ""
    if database and database != ":memory:" and not database.startswith("file:"):
        path = Path(database).expanduser()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create {path.parent}: {exc.strerror}", "bad_url") from exc
        parsed = parsed.set(database=str(path))
    engine = sa.create_engine(parsed, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    event.listen(engine, "connect", _sqlite_connect)
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_connect(dbapi_conn, _record) -> None:
    dbapi_conn.isolation_level = None  # the "begin" hook below issues BEGIN itself
    cursor = dbapi_conn.cursor()
    for pragma in ("journal_mode=WAL", f"busy_timeout={BUSY_TIMEOUT_MS}", "foreign_keys=ON",
                   "synchronous=NORMAL"):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


def _sqlite_begin(conn) -> None:
    """Writers take the write lock up front, so a read-then-write never fails on an upgrade."""
    immediate = conn.get_execution_options().get("immediate")
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
