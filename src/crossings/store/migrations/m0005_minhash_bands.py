"""Migration 0005: the LSH band index, so that dedupe clusters only the articles added since its last
run. Articles clustered before it get their bands from their stored signatures."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from crossings.store.schema import articles, minhash_bands, minhashes


def apply(conn: Connection) -> None:
    from crossings.dedupe import band_keys, band_rows

    minhash_bands.create(conn)
    clustered = (sa.select(minhashes.c.article_id, minhashes.c.hashvalues).join_from(minhashes, articles)
                 .where(articles.c.cluster_id.is_not(None)))
    rows = [row for r in conn.execute(clustered) for row in band_rows(r.article_id, band_keys(r.hashvalues))]
    if rows:
        conn.execute(minhash_bands.insert(), rows)
