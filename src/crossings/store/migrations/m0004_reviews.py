"""Migration 0004: the review log (append-only on both engines), reviewer accounts and their sessions.

The figures table already has review_state, recommended and machine_values (0001).
"""

from __future__ import annotations

from sqlalchemy.engine import Connection

from crossings.store.reviews import review_log, sessions, users

SQLITE = [
    """CREATE TRIGGER review_log_no_update BEFORE UPDATE ON review_log BEGIN
         SELECT RAISE(ABORT, 'review_log is append-only');
       END""",
    """CREATE TRIGGER review_log_no_delete BEFORE DELETE ON review_log BEGIN
         SELECT RAISE(ABORT, 'review_log is append-only');
       END""",
]

POSTGRESQL = [
    """CREATE FUNCTION review_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'review_log is append-only'; END $$""",
    "CREATE TRIGGER review_log_no_change BEFORE UPDATE OR DELETE ON review_log "
    "FOR EACH ROW EXECUTE FUNCTION review_log_append_only()",
    "CREATE TRIGGER review_log_no_truncate BEFORE TRUNCATE ON review_log "
    "FOR EACH STATEMENT EXECUTE FUNCTION review_log_append_only()",
]


def apply(conn: Connection) -> None:
    for table in (review_log, users, sessions):
        table.create(conn)
    for statement in SQLITE if conn.dialect.name == "sqlite" else POSTGRESQL:
        conn.exec_driver_sql(statement)
