"""Migration 0002: full-text search over article titles and text.

SQLite: an FTS5 external-content table kept in step by triggers. PostgreSQL: a generated tsvector
column with a GIN index. Both stem English (porter / 'english') so the engines answer alike.
"""

from __future__ import annotations

from sqlalchemy.engine import Connection

SQLITE = [
    "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='id', "
    "tokenize='porter unicode61')",
    """CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
         INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
       END""",
    """CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
         INSERT INTO articles_fts(articles_fts, rowid, title, text)
           VALUES ('delete', old.id, old.title, old.text);
       END""",
    """CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
         INSERT INTO articles_fts(articles_fts, rowid, title, text)
           VALUES ('delete', old.id, old.title, old.text);
         INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
       END""",
    "INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')",
]

POSTGRESQL = [
    "ALTER TABLE articles ADD COLUMN search tsvector GENERATED ALWAYS AS "
    "(to_tsvector('english', coalesce(title, '') || ' ' || text)) STORED",
    "CREATE INDEX articles_search_idx ON articles USING gin (search)",
]


def apply(conn: Connection) -> None:
    for statement in SQLITE if conn.dialect.name == "sqlite" else POSTGRESQL:
        conn.exec_driver_sql(statement)
