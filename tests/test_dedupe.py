"""Stage 5: near-copies cluster together, unrelated stories do not, and the original is chosen well."""

from __future__ import annotations

import random
import re

import pytest
from datasketch import MinHash
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from crossings import dedupe
from crossings.config import Settings
from crossings.records import Article, ArticleResult
from crossings.store import open_store

STORY = """Tens of thousands of Russians have crossed into Kazakhstan since President Vladimir Putin announced
a partial mobilization last week, officials in Astana said on Tuesday. About 98,000 Russian citizens had
entered the country by Monday evening, the interior ministry said, and queues at the Syrym crossing in the
West Kazakhstan region stretched for several kilometres. Georgia reported a similar surge: the number of
people arriving at the Upper Lars checkpoint rose to about 10,000 per day, up from 5,000 to 6,000 daily
before the announcement. Finland said it would close its border to Russian tourists with Schengen visas,
citing the risk to its international position. Many of those leaving are men of fighting age, who
described selling cars and flats in a hurry and paying hundreds of dollars for seats in minibuses heading
south. Kazakhstan's president said the country would look after those who were forced to leave because of
the hopeless situation, but warned that the flow could not go on indefinitely."""

UNRELATED = [
    """Wheat futures rose sharply in Chicago on Monday after a dry spell across the northern plains cut
    estimates of the spring harvest, traders said, while soybean prices slipped on weaker export demand
    from China and a stronger dollar weighed on corn.""",
    """The city council voted to extend the tram line to the airport by 2027, approving a budget of 340
    million euros after a debate that ran late into the night over noise, land purchases and the fate of
    the old freight yard beside the river.""",
    """About 2,000 Afghans returned from Pakistan through the Torkham crossing on Sunday, the UN refugee
    agency said, as Islamabad pressed ahead with plans to expel undocumented migrants before the end of
    the month despite appeals from aid groups.""",
    """Nearly 50 thousand Venezuelans entered Peru from Ecuador in the first four months of the year,
    according to the migration authority in Lima, which said the arrivals had slowed since new visa rules
    came into force at the northern border.""",
]


def edited(text: str, changes: dict[str, str]) -> str:
    for old, new in changes.items():
        text = text.replace(old, new)
    return text


@pytest.fixture
def store(tmp_path):
    with open_store(f"sqlite:///{tmp_path / 'dedupe.sqlite'}") as opened:
        yield opened


def add(store, text: str, published: str | None = "2022-09-27", name: str | None = None) -> int:
    source = name or f"{abs(hash(text))}.txt"
    return store.save(ArticleResult(Article(text=text, source=source, published=published))).article_id


def clusters(store) -> dict[int, tuple[int, bool]]:
    return {a["id"]: (a["cluster_id"], a["is_original"]) for a in store.articles()}


def test_dedupe_clusters_near_copies(store):
    base = add(store, STORY)
    copy = add(store, edited(STORY, {"Tuesday": "Wednesday", "hurry": "rush", "98,000": "98 000"}))
    cut = add(store, STORY.rsplit("Kazakhstan's president", 1)[0] + "Reporting by staff.")
    others = [add(store, text) for text in UNRELATED]
    dedupe.cluster(store, Settings())
    found = clusters(store)
    assert found[base][0] == found[copy][0] == found[cut][0] == base
    assert len({found[i][0] for i in others} | {base}) == len(others) + 1


def test_dedupe_clusters_a_copy_cut_to_a_third(store):
    paragraphs = STORY.split(". ")
    full = add(store, STORY)
    cut = add(store, ". ".join(paragraphs[:3]) + ".")
    dedupe.cluster(store, Settings())
    assert clusters(store)[cut][0] == full


def test_dedupe_similarity_is_overlap_of_the_shorter(store):
    whole, half = dedupe.shingles(STORY), dedupe.shingles(STORY[: len(STORY) // 2])
    signed = [dedupe.signed(i, dedupe.signature(s).tobytes(), len(s)) for i, s in enumerate([whole, half])]
    assert dedupe.similarity(*signed) == pytest.approx(1.0, abs=0.15)


def test_dedupe_returns_number_of_clusters(store):
    add(store, STORY)
    add(store, edited(STORY, {"Tuesday": "Wednesday"}))
    for text in UNRELATED:
        add(store, text)
    assert dedupe.cluster(store, Settings()) == 1 + len(UNRELATED)


def test_dedupe_original_is_the_wire_copy(store):
    first = add(store, STORY, published="2022-09-26")
    wire = add(store, STORY.replace("officials in Astana", "officials in Astana (AFP)"), published="2022-09-28")
    dedupe.cluster(store, Settings())
    assert clusters(store) == {first: (first, False), wire: (first, True)}


def test_dedupe_original_is_the_earliest_without_wire(store):
    later = add(store, STORY, published="2022-09-28")
    undated = add(store, edited(STORY, {"hurry": "rush"}), published=None)
    earliest = add(store, edited(STORY, {"Tuesday": "Monday"}), published="2022-09-26")
    dedupe.cluster(store, Settings())
    assert clusters(store) == {later: (later, False), undated: (later, False), earliest: (later, True)}


def test_dedupe_signs_each_article_once(store):
    add(store, STORY)
    dedupe.cluster(store, Settings())
    add(store, UNRELATED[0])
    assert dedupe.sign_new(store) == 1
    assert dedupe.sign_new(store) == 0


def test_dedupe_keeps_random_texts_apart(store):
    rng = random.Random(7)
    words = [f"w{i}" for i in range(400)]
    for _ in range(40):
        add(store, " ".join(rng.choice(words) for _ in range(80)))
    assert dedupe.cluster(store, Settings()) == 40


@pytest.mark.parametrize(("text", "wire"), [
    ("KYIV (Reuters) - About 2,000 people crossed.", True),
    ("ASTANA, Sept 27 (AFP) - Queues grew.", True),
    ("Queues grew at the border.\nBy Jane Doe, Associated Press", True),
    ("Queues grew at the border.\n— AFP", True),
    ("Queues grew at the border, the ministry said.", False),
    ("The ap", False),
    ("An AP reporter saw long queues at the crossing, which stretched for kilometres into the steppe.", False),
])
def test_dedupe_credits_wire(text, wire):
    assert dedupe.credits_wire(text) is wire


def passage(rng: random.Random, words: int = 60) -> str:
    return " ".join(f"t{rng.randrange(100_000)}" for _ in range(words))


def test_dedupe_a_new_article_joins_the_stored_cluster_and_a_wire_copy_becomes_its_original(store):
    first = add(store, STORY, published="2022-09-26")
    add(store, UNRELATED[0])
    dedupe.cluster(store, Settings())
    wire = add(store, STORY.replace("officials in Astana", "officials in Astana (AFP)"), published="2022-09-28")
    assert dedupe.cluster(store, Settings()) == 2
    assert {i: v for i, v in clusters(store).items() if i in (first, wire)} == {first: (first, False),
                                                                                 wire: (first, True)}


def test_dedupe_a_new_article_that_bridges_two_stored_clusters_merges_them(store):
    rng = random.Random(3)
    parts = [passage(rng) for _ in range(5)]
    left = add(store, " ".join(parts[0:3]), published="2022-09-27")
    right = add(store, " ".join(parts[2:5]), published="2022-09-25")
    assert dedupe.cluster(store, Settings()) == 2  # a third of each other: apart
    bridge = add(store, " ".join(parts[1:4]), published="2022-09-28")
    assert dedupe.cluster(store, Settings()) == 1
    assert clusters(store) == {left: (left, False), right: (left, True), bridge: (left, False)}


def test_dedupe_run_by_run_matches_clustering_everything_at_once(store):
    rng = random.Random(11)
    segments = [passage(rng, 30) for _ in range(16)]  # stories share segments: many near misses
    stories = [" ".join(rng.sample(segments, 4)) for _ in range(30)]
    for run in range(5):
        for story in rng.sample(stories, 15):
            words = story.split()
            start = rng.randrange(0, 30)
            add(store, " ".join(words[start:start + rng.randrange(60, 90)]) + f" copy{run}{rng.random()}")
        dedupe.cluster(store, Settings())
    by_run = clusters(store)
    assert len(by_run) == 75 and 1 < len({c for c, _ in by_run.values()}) < 75
    assert dedupe.cluster(store, Settings(), full=True) == len({c for c, _ in by_run.values()})
    assert clusters(store) == by_run


def test_dedupe_bands_every_clustered_article_and_a_run_with_nothing_new_changes_nothing(store):
    ids = [add(store, text) for text in [STORY, *UNRELATED]]
    count = dedupe.cluster(store, Settings())
    with store.engine.connect() as conn:
        banded = conn.exec_driver_sql("SELECT article_id, COUNT(*) FROM minhash_bands GROUP BY article_id").all()
    assert dict(banded) == dict.fromkeys(ids, dedupe.BANDS)
    before = clusters(store)
    assert dedupe.cluster(store, Settings()) == count
    assert clusters(store) == before


def test_dedupe_migration_bands_the_articles_clustered_before_it(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    with open_store(url) as old:
        first = add(old, STORY)
        dedupe.cluster(old, Settings())
        unclustered = add(old, UNRELATED[0])
        with old.engine.begin() as conn:  # as a database from before migration 0005 was
            conn.exec_driver_sql("DROP TABLE minhash_bands")
            conn.exec_driver_sql("DELETE FROM schema_migrations WHERE name = '0005_minhash_bands'")
    with open_store(url) as migrated:
        with migrated.engine.connect() as conn:
            banded = dict(conn.exec_driver_sql(
                "SELECT article_id, COUNT(*) FROM minhash_bands GROUP BY article_id").all())
        assert banded == {first: dedupe.BANDS}
        copy = add(migrated, edited(STORY, {"Tuesday": "Wednesday"}))
        assert dedupe.cluster(migrated, Settings()) == 2
        assert clusters(migrated)[copy][0] == first and clusters(migrated)[unclustered][0] == unclustered


@hsettings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab cdé,\n.Ω"), max_size=400))
def test_signature_is_datasketchs_minhash(text):
    """Signatures already stored must stay comparable with new ones: the vectorized signature gives
    exactly datasketch's affine32 MinHash of the same shingles, and the shingles are the word 5-grams."""
    found = dedupe.shingles(text)
    words = re.findall(r"\w+", text.lower())
    assert found == {" ".join(words[i:i + 5]) for i in range(max(1, len(words) - 4))}
    reference = MinHash(num_perm=dedupe.NUM_PERM, scheme=dedupe.SCHEME)
    reference.update_batch([s.encode("utf-8") for s in found])
    assert dedupe.signature(found).tolist() == reference.hashvalues.tolist()
