"""Migration 0001: the core tables (articles, figures, failures, runs).

Creates them from store/schema.py as it stood for this migration; a later change to one of these
tables goes in a new migration, and this one then gets a frozen copy of the old definition.
"""

from __future__ import annotations

from sqlalchemy.engine import Connection

from crossings.store.schema import articles, failures, figures, metadata, runs


def apply(conn: Connection) -> None:
    metadata.create_all(conn, tables=[articles, figures, failures, runs])
