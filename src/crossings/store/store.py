"""Stage 6: Store, the one interface over SQLite and PostgreSQL (see crossings.store for the contract).

Writes are idempotent (an article already stored by URL or content hash adds nothing) and each
article with its figures is one transaction, so a run killed halfway resumes without doubles.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from crossings.errors import StoreError
from crossings.records import ArticleResult, Failure, Figure, RawDoc
from crossings.store import FigureQuery, SaveOutcome, queries, rows
from crossings.store.engine import make_engine, redact
from crossings.store.migrations import migrate
from crossings.store.reviews import ReviewStore, fresh_figures
from crossings.store.schema import articles, failures, figures, minhash_bands, minhashes, runs


class Store(ReviewStore):
    def __init__(self, engine: Engine, url: str):
        self.engine = engine
        self.url = url
        self.dialect = engine.dialect.name
        self._writer = engine.execution_options(immediate=True)

    @classmethod
    def open(cls, url: str) -> Store:
        """Connect and bring the schema up to date; any trouble is a one-line StoreError."""
        engine = make_engine(url)
        try:
            migrate(engine)
        except sa.exc.SQLAlchemyError as exc:
            engine.dispose()
            raise StoreError(f"cannot open {redact(url)}: {_first_line(exc)}", "store_unavailable") from exc
        return cls(engine, url)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.engine.dispose()

    # -- writes ---------------------------------------------------------------------------------

    def save(self, result: ArticleResult) -> SaveOutcome:
        """Store an article and its figures in one transaction, unless its URL or text is already in."""
        try:
            with self._write() as conn:
                return _insert(conn, result)
        except StoreError as exc:
            if not isinstance(exc.__cause__, sa.exc.IntegrityError):
                raise
            art = result.article
            return self._lost_race(art.url, art.content_hash or _hash(art.text), exc)

    def save_many(self, results: list[ArticleResult],
                  signatures: list[dict[str, Any] | None] | None = None) -> list[SaveOutcome]:
        """`save` for a batch worker's task: many articles in one transaction (a commit per article costs
        more than the rows), with each new article's MinHash row (`save_minhashes`) when one is given.
        A race with another writer over any of them falls back to one `save` each."""
        signatures = signatures or [None] * len(results)
        try:
            with self._write() as conn:
                saved = _insert_many(conn, results)
                _insert_minhashes(conn, _signed(saved, signatures))
            return saved
        except StoreError as exc:
            if not isinstance(exc.__cause__, sa.exc.IntegrityError):
                raise
        saved = [self.save(result) for result in results]
        self.save_minhashes(_signed(saved, signatures))
        return saved

    def _lost_race(self, url: str | None, content_hash: str, exc: StoreError) -> SaveOutcome:
        """Another writer stored the same article between our check and our insert."""
        with self._read() as conn:
            existing = _find_article(conn, url, content_hash)
        if existing is None:
            raise exc
        return SaveOutcome(existing, False)

    def replace_figures(self, article_id: int, found: list[Figure]) -> int:
        """Swap an article's machine figures for `found`, in one transaction. Figures a person has
        reviewed (review_state other than "unreviewed") are kept. Returns how many were added."""
        unreviewed = (figures.c.article_id == article_id) & (figures.c.review_state == "unreviewed")
        with self._write() as conn:
            if conn.execute(sa.select(articles.c.id).where(articles.c.id == article_id)).first() is None:
                raise StoreError(f"no article with id {article_id}", "not_found")
            conn.execute(figures.delete().where(unreviewed))
            found = fresh_figures(conn, article_id, found)  # a reviewed figure never comes back as a copy
            if found:
                conn.execute(figures.insert(), [rows.figure_values(f, article_id) for f in found])
        return len(found)

    def record_failure(self, failure: Failure) -> None:
        """Keep one row per (source, stage, reason): a re-run updates it instead of adding another."""
        key = (failures.c.source == failure.source) & (failures.c.stage == failure.stage) & (
            failures.c.reason == failure.reason)
        with self._write() as conn:
            updated = conn.execute(failures.update().where(key).values(detail=failure.detail, at=rows.now()))
            if not updated.rowcount:
                conn.execute(failures.insert().values(**rows.storable(failure.to_dict()), at=rows.now()))

    def record_run(self, started_at: str, summary: dict[str, Any]) -> None:
        with self._write() as conn:
            conn.execute(runs.insert().values(started_at=started_at, finished_at=rows.now(), summary=summary))

    def set_clusters(self, assignments: dict[int, tuple[int, bool]], bands: list[dict[str, int]] = ()) -> None:
        """article_id -> (cluster_id, is_original), and the LSH bands of the newly clustered articles
        (article_id, band, key), all in one transaction: an article has bands once it has a cluster."""
        if not assignments and not bands:
            return
        stmt = (articles.update().where(articles.c.id == sa.bindparam("b_id"))
                .values(cluster_id=sa.bindparam("b_cluster"), is_original=sa.bindparam("b_original")))
        params = [{"b_id": a, "b_cluster": c, "b_original": o} for a, (c, o) in assignments.items()]
        with self._write() as conn:
            if bands:
                conn.execute(minhash_bands.insert(), list(bands))
            if params:
                conn.execute(stmt, params)

    # -- reads ----------------------------------------------------------------------------------

    def has_source(self, raw: RawDoc) -> bool:
        """An article from this URL (or, for files, this source) is already stored."""
        return self.stored_sources([raw])[0]

    def stored_sources(self, raws: list[RawDoc], chunk: int = 400) -> list[bool]:
        """Whether each document's URL (or source) is already stored, in a few queries in all (a batch worker
        checks a whole shard at once: one query per document cost more than processing a page the triage
        skips)."""
        sources, urls = set(), set()
        with self._read() as conn:
            for start in range(0, len(raws), chunk):
                part = raws[start:start + chunk]
                match = articles.c.source.in_([r.source for r in part]) | articles.c.url.in_(
                    [r.url for r in part if r.url])
                for row in conn.execute(sa.select(articles.c.source, articles.c.url).where(match)):
                    sources.add(row.source)
                    urls.add(row.url)
        return [r.source in sources or (bool(r.url) and r.url in urls) for r in raws]

    def articles(self, q: str | None = None, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        stmt = queries.articles_select(self.dialect, q, limit, offset)
        if stmt is None:
            return []
        with self._read() as conn:
            return [rows.article_row(r) for r in conn.execute(stmt)]

    def article(self, article_id: int) -> dict[str, Any] | None:
        with self._read() as conn:
            found = conn.execute(sa.select(articles.c.text).where(articles.c.id == article_id)).first()
        if found is None:
            return None
        listed = self._article_listing(article_id)
        return {**listed, "text": found.text, "figures": self.figures(FigureQuery(article_id=article_id))}

    def _article_listing(self, article_id: int) -> dict[str, Any]:
        stmt = queries.articles_select(self.dialect, None, 1, 0)
        assert stmt is not None
        with self._read() as conn:
            return rows.article_row(conn.execute(stmt.where(articles.c.id == article_id)).one())

    def figures(self, query: FigureQuery | None = None) -> list[dict[str, Any]]:
        with self._read() as conn:
            return [rows.figure_row(r) for r in conn.execute(queries.figures_select(query or FigureQuery()))]

    def count_figures(self, query: FigureQuery | None = None) -> int:
        with self._read() as conn:
            return conn.execute(queries.figures_count(query or FigureQuery())).scalar_one()

    def count_articles(self) -> int:
        with self._read() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(articles)).scalar_one()

    def failures(self, limit: int = 100) -> list[dict[str, Any]]:
        stmt = sa.select(failures).order_by(failures.c.id.desc()).limit(limit)
        with self._read() as conn:
            return [dict(r._mapping) for r in conn.execute(stmt)]

    # -- dedupe's signatures --------------------------------------------------------------------

    def unsigned_articles(self, batch: int = 500) -> Iterator[list[tuple[int, str]]]:
        """(id, text) of articles with no MinHash yet, a page at a time."""
        last = 0
        while True:
            stmt = (sa.select(articles.c.id, articles.c.text).outerjoin(minhashes)
                    .where(minhashes.c.article_id.is_(None), articles.c.id > last)
                    .order_by(articles.c.id).limit(batch))
            with self._read() as conn:
                page = [(r.id, r.text) for r in conn.execute(stmt)]
            if not page:
                return
            yield page
            last = page[-1][0]

    def save_minhashes(self, signatures: list[dict[str, Any]]) -> None:
        """Rows of article_id, num_perm, hashvalues (bytes), shingles (int), wire (bool)."""
        if signatures:
            with self._write() as conn:
                _insert_minhashes(conn, signatures)

    def minhashes(self, unclustered: bool = False) -> list[dict[str, Any]]:
        """Every signature (or those of articles not clustered yet) with what choosing an original needs:
        published date and wire credit."""
        stmt = (sa.select(minhashes, articles.c.published, articles.c.cluster_id, articles.c.is_original)
                .join_from(minhashes, articles).order_by(minhashes.c.article_id))
        if unclustered:
            stmt = stmt.where(articles.c.cluster_id.is_(None))
        with self._read() as conn:
            return [dict(r._mapping) for r in conn.execute(stmt)]

    def band_matches(self, keys: Iterable[int], chunk: int = 900) -> list[dict[str, Any]]:
        """Clustered articles with any of these band keys: article_id, band, key, their signature and
        cluster. The caller checks that the band numbers agree too. An article matching many bands is
        read once: its signature is fetched apart from its band rows."""
        keys = sorted(set(keys))
        bands = (sa.select(minhash_bands.c.article_id, minhash_bands.c.band, minhash_bands.c.key,
                           articles.c.cluster_id)
                 .join_from(minhash_bands, articles, articles.c.id == minhash_bands.c.article_id))
        signatures = sa.select(minhashes.c.article_id, minhashes.c.hashvalues, minhashes.c.shingles)
        with self._read() as conn:
            found = [tuple(r) for i in range(0, len(keys), chunk)
                     for r in conn.execute(bands.where(minhash_bands.c.key.in_(keys[i:i + chunk])))]
            ids = sorted({row[0] for row in found})
            signed = {r[0]: (r[1], r[2]) for i in range(0, len(ids), chunk)
                      for r in conn.execute(signatures.where(minhashes.c.article_id.in_(ids[i:i + chunk])))}
        return [{"article_id": i, "band": band, "key": key, "cluster_id": cluster_id, "hashvalues": signed[i][0],
                 "shingles": signed[i][1]} for i, band, key, cluster_id in found if i in signed]

    def cluster_members(self, cluster_ids: Iterable[int], chunk: int = 900) -> list[dict[str, Any]]:
        """id, cluster_id, is_original, published and wire of every article in these clusters."""
        ids = sorted(set(cluster_ids))
        stmt = (sa.select(articles.c.id.label("article_id"), articles.c.cluster_id, articles.c.is_original,
                          articles.c.published, minhashes.c.wire)
                .join_from(articles, minhashes, isouter=True))
        with self._read() as conn:
            return [dict(r._mapping) for i in range(0, len(ids), chunk)
                    for r in conn.execute(stmt.where(articles.c.cluster_id.in_(ids[i:i + chunk])))]

    def count_clusters(self) -> int:
        """Distinct stories: clusters, an article not clustered yet counting as its own."""
        story = sa.func.coalesce(articles.c.cluster_id, articles.c.id)
        with self._read() as conn:
            return conn.execute(sa.select(sa.func.count(sa.distinct(story)))).scalar_one()

    # -- transactions ---------------------------------------------------------------------------

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        with _as_store_error(self.url), self._writer.begin() as conn:
            yield conn

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with _as_store_error(self.url), self.engine.connect() as conn:
            yield conn


def _insert(conn: Connection, result: ArticleResult) -> SaveOutcome:
    art = result.article
    content_hash = art.content_hash or _hash(art.text)
    existing = _find_article(conn, art.url, content_hash)
    if existing is not None:
        return SaveOutcome(existing, False)
    article_id = conn.execute(articles.insert().values(rows.article_values(art, content_hash))).inserted_primary_key[0]
    if result.figures:
        conn.execute(figures.insert(), [rows.figure_values(f, article_id) for f in result.figures])
    return SaveOutcome(article_id, True)


def _insert_many(conn: Connection, results: list[ArticleResult], chunk: int = 400) -> list[SaveOutcome]:
    """`_insert` for each result, with one lookup and one multi-row insert per chunk: for a batch writer
    the statement overhead of one article at a time cost more than the rows. Within the batch, a later
    copy (same URL or content hash) of an earlier one is not new either."""
    saved: list[SaveOutcome] = []
    for start in range(0, len(results), chunk):
        part = results[start:start + chunk]
        keys = [[("url", r.article.url or None), ("hash", r.article.content_hash or _hash(r.article.text))]
                for r in part]
        stored = _known_articles(conn, keys)
        pending: dict[tuple[str, str | None], int] = {}  # key -> its position among the new articles
        new: list[int] = []  # positions in `part` of the new articles
        copy_of: dict[int, int] = {}  # position in `part` -> the new article it repeats
        for i, own in enumerate(keys):
            own = [k for k in own if k[1] is not None]
            if any(k in stored or k in pending for k in own):
                copy_of[i] = next((pending[k] for k in own if k in pending), -1)
                continue
            pending.update((k, len(new)) for k in own)
            new.append(i)
        values = [rows.article_values(part[i].article, keys[i][1][1]) for i in new]
        ids = conn.execute(articles.insert().returning(articles.c.id, sort_by_parameter_order=True),
                           values).scalars().all() if values else []
        figure_rows = [rows.figure_values(f, article_id) for article_id, i in zip(ids, new, strict=True)
                       for f in part[i].figures]
        if figure_rows:
            conn.execute(figures.insert(), figure_rows)
        inserted = dict(zip(new, ids, strict=True))
        for i, own in enumerate(keys):
            if i in inserted:
                saved.append(SaveOutcome(inserted[i], True))
                continue
            earlier = [stored[k] for k in own if k in stored]  # a stored article, the lowest id, goes first
            saved.append(SaveOutcome(min(earlier) if earlier else ids[copy_of[i]], False))
    return saved


def _known_articles(conn: Connection, keys: list[list[tuple[str, str | None]]]) -> dict[tuple[str, str], int]:
    """("url", url) and ("hash", content_hash) -> the lowest id of a stored article with it."""
    urls, hashes = [url for (_, url), _ in keys if url], [content_hash for _, (_, content_hash) in keys]
    match = articles.c.content_hash.in_(hashes) | articles.c.url.in_(urls)
    known: dict[tuple[str, str], int] = {}
    for row in conn.execute(sa.select(articles.c.id, articles.c.url, articles.c.content_hash).where(match)):
        for key in (("url", row.url), ("hash", row.content_hash)):
            if key[1] is not None:
                known[key] = min(known.get(key, row.id), row.id)
    return known


def _signed(saved: list[SaveOutcome], signatures: list[dict[str, Any] | None]) -> list[dict[str, Any]]:
    """The MinHash rows of the articles just stored, with their ids."""
    return [row | {"article_id": out.article_id} for out, row in zip(saved, signatures, strict=True)
            if out.new and row is not None]


def _insert_minhashes(conn: Connection, signatures: list[dict[str, Any]]) -> None:
    if signatures:
        conn.execute(minhashes.insert(), signatures)


def _find_article(conn: Connection, url: str | None, content_hash: str) -> int | None:
    match = articles.c.content_hash == content_hash
    if url:
        match = match | (articles.c.url == url)
    return conn.execute(sa.select(articles.c.id).where(match).order_by(articles.c.id).limit(1)).scalar()


@contextmanager
def _as_store_error(url: str) -> Iterator[None]:
    try:
        yield
    except sa.exc.SQLAlchemyError as exc:
        raise StoreError(f"{redact(url)}: {_first_line(exc)}") from exc


def _first_line(exc: sa.exc.SQLAlchemyError) -> str:
    orig = getattr(exc, "orig", None) or exc
    lines = str(orig).strip().splitlines()
    return f"{type(orig).__name__}: {lines[0] if lines else ''}"


def _hash(text: str) -> str:
    from crossings.text import content_hash

    return content_hash(text)
