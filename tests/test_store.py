"""Stage 6: the Store, run against SQLite and PostgreSQL alike (the latter marked `postgres`)."""

from __future__ import annotations

import dataclasses
import uuid

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from crossings.errors import StoreError
from crossings.records import Article, ArticleResult, Evidence, Failure, Figure, Place, RawDoc
from crossings.store import FigureQuery, SaveOutcome, open_store
from crossings.store import store as store_module
from crossings.store.migrations import MIGRATIONS, applied
from crossings.store.rows import figure_from_row
from crossings.store.schema import metadata

TEXT = "About 98,000 Russians have crossed into Kazakhstan since the mobilization, officials said."


def article(text: str = TEXT, **kw) -> Article:
    fields = {"source": f"{uuid.uuid4().hex}.txt", "title": "Exodus", "published": "2022-09-27",
              "content_hash": uuid.uuid5(uuid.NAMESPACE_OID, text).hex, **kw}
    return Article(text=text, **fields)


def figure(**kw) -> Figure:
    fields = {"unit": "people", "kind": "total", "low": 98000, "high": 98000, "qualifier": "about",
              "evidence": Evidence(TEXT, 0, len(TEXT)), "origin": "RU", "destination": "KZ",
              "period_start": "2022-09-21", "period_end": "2022-09-27", "span": (6, 12), **kw}
    return Figure(**fields)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'corpus.sqlite'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def store(db_url):
    with open_store(db_url) as opened:
        yield opened


def test_store_save_is_new_once(store):
    result = ArticleResult(article(), [figure()])
    first, second = store.save(result), store.save(result)
    assert first.new and not second.new
    assert second.article_id == first.article_id
    assert store.count_articles() == 1 and store.count_figures() == 1


def test_store_same_text_elsewhere_is_not_new(store):
    store.save(ArticleResult(article(url="https://a.example/1")))
    again = store.save(ArticleResult(article(url="https://b.example/copy", source="other.txt")))
    assert not again.new
    assert store.count_articles() == 1


def test_store_same_url_is_not_new(store):
    store.save(ArticleResult(article(url="https://a.example/1")))
    again = store.save(ArticleResult(article("A later, edited version of the story.", url="https://a.example/1")))
    assert not again.new


def test_store_lost_insert_race_is_not_new(store, monkeypatch):
    first = store.save(ArticleResult(article()))
    real, calls = store_module._find_article, []

    def miss_once(*args):  # the check before the insert misses: another writer got there in between
        calls.append(args)
        return None if len(calls) == 1 else real(*args)

    monkeypatch.setattr(store_module, "_find_article", miss_once)
    assert store.save(ArticleResult(article(source="again.txt"))) == SaveOutcome(first.article_id, False)
    assert len(calls) == 2 and store.count_articles() == 1


def signature_row(n: int) -> dict:
    return {"num_perm": 4, "shingles": n, "wire": False, "hashvalues": bytes([n]) * 32}


def test_store_save_many_is_save_in_one_transaction(store):
    """A batch task's articles: new ones stored with figures and signatures, a copy inside the batch
    and one already stored are not new and get no signature."""
    stored = store.save(ArticleResult(article("Stored before.")))
    batch = [ArticleResult(article("One."), [figure()]), ArticleResult(article("One.", source="copy.txt")),
             ArticleResult(article("Stored before.", source="again.txt")), ArticleResult(article("Two.")),
             ArticleResult(article("Two, edited.", url="https://example.org/two")),
             ArticleResult(article("Two, edited again.", url="https://example.org/two"), [figure()])]
    saved = store.save_many(batch, [signature_row(n) for n in range(6)])
    assert [out.new for out in saved] == [True, False, False, True, True, False]
    assert saved[1].article_id == saved[0].article_id and saved[2].article_id == stored.article_id
    assert saved[5].article_id == saved[4].article_id != saved[3].article_id
    assert store.count_articles() == 4 and store.count_figures() == 1
    assert sorted(row["shingles"] for row in store.minhashes()) == [0, 3, 4]
    assert [store.article(out.article_id)["text"] for out in saved] == [
        "One.", "One.", "Stored before.", "Two.", "Two, edited.", "Two, edited."]


def test_store_save_many_falls_back_to_one_save_each_after_a_race(store, monkeypatch):
    first = store.save(ArticleResult(article()))
    real, calls = store_module._known_articles, []

    def miss_once(*args):  # another writer stores the same text between the batch's check and insert
        calls.append(args)
        return {} if len(calls) == 1 else real(*args)

    monkeypatch.setattr(store_module, "_known_articles", miss_once)
    saved = store.save_many([ArticleResult(article(source="again.txt")), ArticleResult(article("New."))],
                            [signature_row(1), signature_row(2)])
    assert [out.new for out in saved] == [False, True] and saved[0].article_id == first.article_id
    assert store.count_articles() == 2
    assert [row["shingles"] for row in store.minhashes()] == [2]


def test_store_keeps_text_with_nul_and_offsets(store):
    text = "Before\x00after: 5,000 crossed."
    saved = store.save(ArticleResult(article(text), [figure(evidence=Evidence(text, 0, len(text)))]))
    row = store.article(saved.article_id)
    assert row["text"] == "Before\ufffdafter: 5,000 crossed." and row["figures"][0]["evidence"]["end"] == len(text)


def test_store_has_source_by_source_and_url(store):
    store.save(ArticleResult(article(source="folder/a.txt", url="https://a.example/1")))
    assert store.has_source(RawDoc(source="folder/a.txt", content=b""))
    assert store.has_source(RawDoc(source="https://elsewhere", content=b"", url="https://a.example/1"))
    assert not store.has_source(RawDoc(source="folder/b.txt", content=b""))


def test_store_stored_sources_agrees_with_has_source_in_chunks(store):
    """The batch check gives has_source's answer for each document, across query chunks."""
    store.save(ArticleResult(article(source="folder/a.txt", url="https://a.example/1")))
    raws = [RawDoc(source="folder/b.txt", content=b""), RawDoc(source="folder/a.txt", content=b""),
            RawDoc(source="https://elsewhere", content=b"", url="https://a.example/1"),
            RawDoc(source="https://elsewhere/2", content=b"", url="https://a.example/2")]
    assert store.stored_sources(raws, chunk=3) == [store.has_source(r) for r in raws] == [False, True, True, False]
    assert store.stored_sources([]) == []


def test_store_article_has_text_and_figures(store):
    saved = store.save(ArticleResult(article(), [figure(), figure(low=5, high=6, qualifier="range")]))
    row = store.article(saved.article_id)
    assert row["text"] == TEXT and row["n_figures"] == 2
    assert [f["low"] for f in row["figures"]] == [98000, 5]
    assert store.article(saved.article_id + 1000) is None


@pytest.mark.parametrize(("query", "expected"), [
    (FigureQuery(), [1, 2, 3]),
    (FigureQuery(origin="RU"), [1, 2]),
    (FigureQuery(destination="GE"), [2]),
    (FigureQuery(kind="rate"), [3]),
    (FigureQuery(unit="vehicles"), [2]),
    (FigureQuery(source_type="government"), [3]),
    (FigureQuery(since="2022-09-26"), [1, 3]),
    (FigureQuery(until="2022-09-10"), [2]),
    (FigureQuery(since="2022-09-01", until="2022-09-22"), [1, 2]),
    (FigureQuery(limit=1, offset=1), [2]),
])
def test_store_figures_filters(store, query, expected):
    figs = [figure(low=1, high=1),
            figure(low=2, high=2, destination="GE", unit="vehicles", period_start=None, period_end="2022-09-05"),
            figure(low=3, high=3, origin="AF", kind="rate", rate_per="day", source_type="government",
                   period_start="2022-09-27", period_end=None)]
    store.save(ArticleResult(article(), figs))
    assert [f["low"] for f in store.figures(query)] == expected
    assert store.count_figures(query) == len(store.figures(dataclasses.replace(query, limit=None, offset=0)))


def test_store_figure_rows_carry_article_fields(store):
    store.save(ArticleResult(article(url="https://a.example/1", site="a.example"), [figure()]))
    row = store.figures()[0]
    assert (row["article_url"], row["article_site"], row["article_published"]) == (
        "https://a.example/1", "a.example", "2022-09-27")
    assert row["review_state"] == "unreviewed" and row["recommended"] is False
    assert row["evidence"] == {"text": TEXT, "start": 0, "end": len(TEXT)} and row["span"] == [6, 12]


def test_store_originals_only_after_set_clusters(store):
    first = store.save(ArticleResult(article(), [figure(low=1, high=1)])).article_id
    copy = store.save(ArticleResult(article(TEXT + " (AFP)"), [figure(low=2, high=2)])).article_id
    store.set_clusters({first: (first, False), copy: (first, True)})
    assert [f["low"] for f in store.figures(FigureQuery(originals_only=True))] == [2]
    assert {a["id"]: (a["cluster_id"], a["is_original"]) for a in store.articles()} == {
        first: (first, False), copy: (first, True)}


def test_store_search_finds_stemmed_words(store):
    store.save(ArticleResult(article()))
    store.save(ArticleResult(article("Wheat prices rose sharply in Chicago on Monday.", title="Markets")))
    assert [a["title"] for a in store.articles(q="crossing Kazakhstan")] == ["Exodus"]
    assert [a["title"] for a in store.articles(q="wheat")] == ["Markets"]
    assert store.articles(q="zebra") == []


@pytest.mark.parametrize("query", ['"unbalanced', "AND OR NOT", "kazakhstan*)(", "!!!", ""])
def test_store_search_takes_any_input(store, query):
    store.save(ArticleResult(article()))
    assert isinstance(store.articles(q=query), list)


def test_store_replace_figures_keeps_reviewed(store):
    saved = store.save(ArticleResult(article(), [figure(low=1, high=1), figure(low=2, high=2)]))
    with store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE figures SET review_state = 'accepted' WHERE low = 2")
    assert store.replace_figures(saved.article_id, [figure(low=3, high=3, span=(40, 45))]) == 1
    assert sorted(f["low"] for f in store.figures()) == [2, 3]
    with pytest.raises(StoreError):
        store.replace_figures(saved.article_id + 99, [])


def test_store_records_failures_once_per_item(store):
    store.record_failure(Failure("a.html", "text", "no_text", "nothing there"))
    store.record_failure(Failure("a.html", "text", "no_text", "still nothing"))
    store.record_failure(Failure("b.bin", "read", "binary", "looks binary"))
    rows = store.failures()
    assert [(r["source"], r["reason"]) for r in rows] == [("b.bin", "binary"), ("a.html", "no_text")]
    assert rows[1]["detail"] == "still nothing" and rows[1]["at"]


def test_store_migrations_recorded_in_order(store):
    assert [name for name, _ in applied(store.engine)] == [name for name, _ in MIGRATIONS]


def test_store_reopen_applies_nothing(db_url, store):
    before = applied(store.engine)
    with open_store(db_url) as again:
        assert applied(again.engine) == before


def test_store_migrated_tables_match_schema(store):
    inspector = sa.inspect(store.engine)
    for table in metadata.sorted_tables:
        columns = {c["name"] for c in inspector.get_columns(table.name)} - {"search"}
        assert columns == set(table.columns.keys()), table.name


def test_store_bad_url_is_one_line_error():
    with pytest.raises(StoreError) as caught:
        open_store("mysql://nobody@localhost/x")
    assert "\n" not in str(caught.value) and "mysql" in str(caught.value)


def test_store_unreachable_postgres_is_one_line_error():
    pytest.importorskip("psycopg")
    with pytest.raises(StoreError) as caught:
        open_store("postgresql://nobody:secret@127.0.0.1:1/x")
    assert "\n" not in str(caught.value) and "secret" not in str(caught.value)


def test_store_sqlite_creates_parent_dirs_and_uses_wal(tmp_path):
    with open_store(f"sqlite:///{tmp_path / 'a' / 'b' / 'c.sqlite'}") as store, store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000


_text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40)
_date = st.none() | st.dates().map(lambda d: d.isoformat())
_coord = st.none() | st.floats(-180, 180, allow_nan=False)
_place = st.none() | st.builds(Place, name=_text, mention=_text, country=st.sampled_from(["RU", "KZ", "GE"]),
                               geonames_id=st.none() | st.integers(0, 2**31 - 1), lat=_coord, lon=_coord)
_figures = st.builds(
    Figure, unit=st.sampled_from(["people", "vehicles", "households"]),
    kind=st.sampled_from(["total", "rate", "stock"]), low=st.integers(0, 10**15), high=st.integers(0, 10**15),
    qualifier=st.sampled_from(["exact", "about", "range", "vague"]),
    evidence=st.builds(Evidence, text=_text, start=st.integers(0, 10**6), end=st.integers(0, 10**6)),
    origin=st.none() | st.sampled_from(["RU", "UA"]), destination=st.none() | st.just("KZ"),
    rate_per=st.none() | st.sampled_from(["day", "week"]), period_start=_date, period_end=_date,
    attributed_to=st.none() | _text, source_type=st.sampled_from(["unattributed", "government"]),
    origin_place=_place, destination_place=_place, confidence=st.floats(0, 1),
    span=st.none() | st.tuples(st.integers(0, 500), st.integers(0, 500)))


@hsettings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(fig=_figures)
def test_store_figure_round_trip(store, fig):
    saved = store.save(ArticleResult(article(uuid.uuid4().hex), [fig]))
    row = store.figures(FigureQuery(article_id=saved.article_id))[0]
    assert figure_from_row(row) == dataclasses.replace(fig, id=row["id"], article_id=saved.article_id)
