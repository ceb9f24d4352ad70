"""Stage 2b, triage: the cue automaton on text, the raw-HTML fast path, and recall on the dev set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crossings import pipeline, text, triage
from crossings.config import Settings
from crossings.records import RawDoc

DEV = Path(__file__).resolve().parent / "data" / "dev.jsonl"
SAMPLE = Path(pipeline.__file__).resolve().parent / "sample" / "articles"
SETTINGS = Settings(db="sqlite:///:memory:")

PAGE = """<!DOCTYPE html><html><head><title>{title} | The Example</title>
<meta property="og:site_name" content="The Example">
<meta property="article:published_time" content="2023-05-04T10:00:00Z">
<script>var section = "news"; var build = 12345;</script></head>
<body><nav><a href="/">Home</a> <a href="/sport">Sport</a></nav>
<article><h1>{title}</h1><p>{body}</p></article>
<footer>&copy; 2023 The Example</footer></body></html>"""


def page(body: str, title: str = "A story") -> RawDoc:
    return RawDoc(source="page.html", url="https://example.org/a", content_type="text/html",
                  content=PAGE.format(title=title, body=body).encode("utf-8"))


@pytest.mark.parametrize("text", [
    "About 5,000 refugees crossed into Poland on Sunday.",
    "Thousands fled the fighting, officials said.",
    "Hundreds QUEUED at the checkpoint overnight.",
    "Some 200,000 Russians had entered the country since September 21.",
    "Hundreds of thousands of Russians have left\n   the country since the mobilization.",
    "Deportations rose to 1,200 in May.",
    "Migrants waiting at the border numbered about two thousand.",
    "Nearly 9,000 people have sought refuge in Ghana this year.",
])
def test_triage_relevant_text(text: str) -> None:
    assert triage.is_relevant(text)


@pytest.mark.parametrize("text", [
    "The central bank kept its rate at 4.5% for a third meeting.",
    "Refugees crossed the river at dawn.",  # a movement but no number at all
    "The fledgling start-up raised 5 million euros.",  # "fled" inside another word
    "The crossword had 12 clues across.",  # "cross" inside another word
    "He has left the club after 5 seasons.",  # "left" alone is not a cue
    "",
])
def test_triage_irrelevant_text(text: str) -> None:
    assert not triage.is_relevant(text)


def test_triage_seed_article_is_relevant(seed: dict) -> None:
    assert triage.is_relevant(seed["text"])


def test_triage_cues_are_lowercase_keys() -> None:
    keys = triage.cues()
    assert keys and all(key == key.lower() and key.strip() == key for key in keys)
    assert {"thousand", "million", "dozen"} <= set(keys)


@pytest.mark.parametrize("name", sorted(p.name for p in DEV.parent.glob("*.jsonl")))
def test_triage_recall_on_the_gold_sets(name: str) -> None:
    """Every gold passage with a figure must reach the extractor."""
    rows = [json.loads(line) for line in (DEV.parent / name).read_text(encoding="utf-8").splitlines() if line.strip()]
    missed = [row["id"] for row in rows if row.get("figures") and not triage.is_relevant(row["text"])]
    assert missed == []


def test_triage_skip_page_light_article() -> None:
    article = triage.skip_page(page("The home side won 3-1 in front of 20,000 fans.", "Rovers win"),
                               SETTINGS)
    assert article is not None
    assert "The home side won 3-1" in article.text
    assert "Home" not in article.text and "var section" not in article.text  # only the <article>
    assert (article.title, article.site, article.published) == ("Rovers win | The Example", "The Example",
                                                                "2023-05-04")
    assert article.content_hash


@pytest.mark.parametrize("body", [
    "About 5,000 refugees crossed into Poland.",
    "About 5,000 ref&#117;gees were counted.",  # an entity inside the cue word
])
def test_triage_skip_page_keeps_relevant_pages(body: str) -> None:
    assert triage.skip_page(page(body), SETTINGS) is None


@pytest.mark.parametrize("body", [
    "Acme agreed a cross-border merger with Globex worth $3 billion.",
    "Smith returned from injury and played the full 90 minutes.",
    "The government also announced 2,000 new police officers and tighter border security.",
])
def test_triage_skip_page_stops_look_alikes_at_the_second_sieve(body: str) -> None:
    """A cue and a number pass the automaton; the extractor over the page's text finds no figure."""
    assert triage.page_is_relevant(page(body).content.decode())
    assert triage.skip_page(page(body), SETTINGS) is not None


def test_triage_skip_page_loses_no_figure_of_the_sample() -> None:
    """Recall of the whole fast path on real-looking pages: every sample HTML page, triage on and off."""
    pages = sorted(SAMPLE.glob("*.html"))
    assert len(pages) > 20
    for path in pages:
        raw = RawDoc(source=path.name, content=path.read_bytes(), content_type="text/html")
        fast = pipeline.process(raw, SETTINGS)
        full = pipeline.process(raw, SETTINGS.replace(triage=False))
        assert len(fast.figures) == len(full.figures), path.name


def test_triage_skip_page_ignores_what_stage_2_deletes() -> None:
    """A related-links box about refugees does not make a sports page relevant, before stage 2 or after."""
    boxed = page("The home side won 3-1.</p></article><aside><p>About 5,000 refugees crossed into Poland."
                 "</p></aside><article><p>Fans cheered.")
    assert triage.skip_page(boxed, SETTINGS) is not None
    assert not triage.is_relevant(text.extract(boxed, SETTINGS).text)


def test_triage_without_discarded_keeps_text_on_doubt() -> None:
    page = "a<nav class=x>refugees</nav>b<!-- c -->d<script>x</script>e<navbar>f</navbar><aside>g"
    assert triage.without_discarded(page) == "a b d e<navbar>f</navbar><aside>g"


def test_triage_skip_page_leaves_plain_text_to_stage_2() -> None:
    raw = RawDoc(source="a.txt", content=b"The home side won 3-1.", content_type="text/plain")
    assert triage.skip_page(raw, SETTINGS) is None


def test_triage_fast_path_in_process() -> None:
    raw = page("Shares rose 4% after the results.")
    fast = pipeline.process(raw, SETTINGS)
    full = pipeline.process(raw, SETTINGS.replace(triage=False))
    assert fast.figures == [] and fast.article.language is None  # never went through stage 2
    assert full.article.language == "en"
    assert "Shares rose 4%" in fast.article.text and "Shares rose 4%" in full.article.text
