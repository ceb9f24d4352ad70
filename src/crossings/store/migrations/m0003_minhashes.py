"""Migration 0003: MinHash signatures kept per article, so dedupe hashes each text only once."""

from __future__ import annotations

from sqlalchemy.engine import Connection

from crossings.store.schema import minhashes


def apply(conn: Connection) -> None:
    minhashes.create(conn)
