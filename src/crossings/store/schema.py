"""Stage 6: the tables, one schema for SQLite and PostgreSQL (SQLAlchemy Core).

The migrations in store/migrations/ create these; a change here needs a new migration (and a test
checks that a freshly migrated database has exactly these columns).
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

metadata = sa.MetaData()

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")

articles = sa.Table(
    "articles", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("url", sa.Text),
    sa.Column("title", sa.Text),
    sa.Column("site", sa.Text),
    sa.Column("published", sa.String(32)),  # YYYY-MM-DD, as records carry it
    sa.Column("published_confidence", sa.String(64), nullable=False, server_default="none"),
    sa.Column("language", sa.String(64)),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("content_hash", sa.String(64), nullable=False),
    sa.Column("cluster_id", sa.Integer),  # the id of the cluster's lowest article; set by dedupe
    sa.Column("is_original", sa.Boolean, nullable=False, server_default=sa.true()),
    sa.Column("ingested_at", sa.String(32), nullable=False),  # ISO 8601, UTC
    sa.Index("articles_url_key", "url", unique=True),  # NULLs (files without URL) do not collide
    sa.Index("articles_hash_key", "content_hash", unique=True),
    sa.Index("articles_source_idx", "source"),
    sa.Index("articles_cluster_idx", "cluster_id"),
)

figures = sa.Table(
    "figures", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    sa.Column("unit", sa.String(64), nullable=False),
    sa.Column("kind", sa.String(64), nullable=False),
    sa.Column("low", sa.BigInteger, nullable=False),
    sa.Column("high", sa.BigInteger, nullable=False),
    sa.Column("qualifier", sa.String(64), nullable=False),
    sa.Column("origin", sa.String(64)),
    sa.Column("destination", sa.String(64)),
    sa.Column("rate_per", sa.String(64)),
    sa.Column("period_start", sa.String(32)),
    sa.Column("period_end", sa.String(32)),
    sa.Column("attributed_to", sa.Text),
    sa.Column("source_type", sa.String(64), nullable=False),
    sa.Column("origin_place", JSON),
    sa.Column("destination_place", JSON),
    sa.Column("confidence", sa.Float, nullable=False),
    sa.Column("evidence_text", sa.Text, nullable=False),
    sa.Column("evidence_start", sa.Integer, nullable=False),
    sa.Column("evidence_end", sa.Integer, nullable=False),
    sa.Column("span_start", sa.Integer),
    sa.Column("span_end", sa.Integer),
    sa.Column("review_state", sa.String(64), nullable=False, server_default="unreviewed"),
    sa.Column("recommended", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("machine_values", JSON),  # what the extractor said, kept when a reviewer corrects it
    sa.Index("figures_article_idx", "article_id"),
    sa.Index("figures_corridor_idx", "origin", "destination"),
    sa.Index("figures_period_idx", "period_end"),
)

failures = sa.Table(
    "failures", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("stage", sa.String(64), nullable=False),
    sa.Column("reason", sa.String(64), nullable=False),
    sa.Column("detail", sa.Text, nullable=False, server_default=""),
    sa.Column("at", sa.String(32), nullable=False),
    sa.Index("failures_item_idx", "source", "stage", "reason"),
)

runs = sa.Table(
    "runs", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("started_at", sa.String(32), nullable=False),
    sa.Column("finished_at", sa.String(32), nullable=False),
    sa.Column("summary", JSON, nullable=False),
)

minhashes = sa.Table(
    "minhashes", metadata,
    sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("num_perm", sa.Integer, nullable=False),
    sa.Column("hashvalues", sa.LargeBinary, nullable=False),  # numpy uint32 bytes (datasketch affine32)
    sa.Column("shingles", sa.Integer, nullable=False),  # how many distinct shingles the text has
    sa.Column("wire", sa.Boolean, nullable=False),  # the text credits a news agency
)

# The LSH index of clustered articles, one row per band of each signature (dedupe.band_keys): a new
# article is compared with the stored ones that share a band key, not with the whole corpus.
minhash_bands = sa.Table(
    "minhash_bands", metadata,
    sa.Column("key", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("band", sa.SmallInteger, primary_key=True, autoincrement=False),
    sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True,
              autoincrement=False),
    sqlite_with_rowid=False,  # one B-tree ordered by key: the lookup, and no second index to write
)

schema_migrations = sa.Table(
    "schema_migrations", metadata,
    sa.Column("name", sa.String(100), primary_key=True),
    sa.Column("applied_at", sa.String(32), nullable=False),
)
