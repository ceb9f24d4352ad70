"""Stage 6 schema history: ordered, named migrations, each recorded in `schema_migrations` when applied.

Add one by writing `mNNNN_what.py` with `apply(conn)` and listing it below; never edit one that has
shipped. open_store() applies the missing ones, in order, in one locked transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from crossings.store.migrations import m0001_tables, m0002_fulltext, m0003_minhashes, m0004_reviews, m0005_minhash_bands
from crossings.store.schema import schema_migrations

MIGRATIONS: list[tuple[str, Callable[[Connection], None]]] = [
    ("0001_tables", m0001_tables.apply),
    ("0002_fulltext", m0002_fulltext.apply),
    ("0003_minhashes", m0003_minhashes.apply),
    ("0004_reviews", m0004_reviews.apply),
    ("0005_minhash_bands", m0005_minhash_bands.apply),
]

_PG_LOCK_KEY = 7_360_424_911  # any constant: serialises concurrent migrators on one PostgreSQL database


def migrate(engine: Engine) -> list[str]:
    """Apply the migrations this database lacks; return their names (empty when up to date)."""
    if not pending(engine):
        return []
    with engine.execution_options(immediate=True).begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(sa.select(sa.func.pg_advisory_xact_lock(_PG_LOCK_KEY)))
        schema_migrations.create(conn, checkfirst=True)
        done = set(conn.scalars(sa.select(schema_migrations.c.name)))
        return [_apply(conn, name, step) for name, step in MIGRATIONS if name not in done]


def pending(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        if not sa.inspect(conn).has_table("schema_migrations"):
            return [name for name, _ in MIGRATIONS]
        done = set(conn.scalars(sa.select(schema_migrations.c.name)))
    return [name for name, _ in MIGRATIONS if name not in done]


def applied(engine: Engine) -> list[tuple[str, str]]:
    """(name, applied_at) for every recorded migration, in the order applied."""
    with engine.connect() as conn:
        rows = conn.execute(sa.select(schema_migrations.c.name, schema_migrations.c.applied_at))
        order = {name: i for i, (name, _) in enumerate(MIGRATIONS)}
        return sorted(((r.name, r.applied_at) for r in rows), key=lambda r: order.get(r[0], len(order)))


def _apply(conn: Connection, name: str, step: Callable[[Connection], None]) -> str:
    step(conn)
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    conn.execute(schema_migrations.insert().values(name=name, applied_at=now))
    return name
