"""Stage 2, text.extract: golden pages, boilerplate removal (the seed's and in general), dates with their
confidence, decoding, and never an exception from outside crossings.errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crossings import text
from crossings.errors import CrossingsError, ExtractError, InputError
from crossings.records import RawDoc
from crossings.sample import ARTICLES

GOLDEN = Path(__file__).resolve().parent / "golden"
PARAGRAPHS = [
    "Officials said on Monday that about 4,000 people had crossed the river since the weekend.",
    "Aid groups set up tents near the bridge, and a field clinic treated people for exhaustion.",
    "The ministry said it expected the numbers to fall once the roads dried out later in the week.",
]


def plain(*lines: str, **kw) -> str:
    raw = RawDoc(source="test", content="\n".join(lines).encode("utf-8"), content_type="text/plain", **kw)
    return text.extract(raw).text


def html_doc(body: str, head: str = "", **kw) -> RawDoc:
    page = f"<html><head>{head}</head><body><article>{body}</article></body></html>"
    return RawDoc(source="test.html", content=page.encode("utf-8"), content_type="text/html", **kw)


def paragraphs(n: int = 3) -> str:
    return "".join(f"<p>{p} {p}</p>" for p in (PARAGRAPHS * 2)[:n])


# --- the seed -------------------------------------------------------------------------------------


def test_text_seed_loses_its_boilerplate_and_keeps_every_other_line(seed):
    out = text.extract(RawDoc(source="seed", content=seed["text"].encode("utf-8"))).text.split("\n")
    boilerplate = set(seed["boilerplate"])
    assert not boilerplate & set(out)
    assert out == [line for line in seed["text"].strip().split("\n") if line not in boilerplate]


# --- golden pages ---------------------------------------------------------------------------------


@pytest.mark.parametrize("page", sorted(GOLDEN.glob("*.html")), ids=lambda p: p.stem)
def test_text_golden_page_gives_its_expected_text_and_metadata(page):
    article = text.extract(RawDoc(source=page.name, content=page.read_bytes(), content_type="text/html"))
    assert article.text + "\n" == page.with_suffix(".txt").read_text(encoding="utf-8")
    expected = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
    assert {k: getattr(article, k) for k in expected} == expected


def test_text_golden_set_has_pages():
    assert len(list(GOLDEN.glob("*.html"))) >= 4


# --- boilerplate, in general ----------------------------------------------------------------------


@pytest.mark.parametrize("heading", ["More Stories", "Related Articles", "READ MORE", "You may also like",
                                     "Related", "Most read", "Recommended for you"])
def test_text_trailing_link_list_goes_with_its_heading(heading):
    out = plain(*PARAGRAPHS, heading, "Storm closes ferry routes | Weather", "Local team wins 2-0")
    assert out == "\n".join(PARAGRAPHS)


def test_text_link_heading_before_paragraphs_is_kept():
    long_paragraphs = [p + " " + p + " " + p for p in PARAGRAPHS]
    lines = [PARAGRAPHS[0], "Related", *long_paragraphs]
    assert plain(*lines) == "\n".join(lines)


def test_text_link_heading_early_before_many_short_lines_is_kept():
    lines = [PARAGRAPHS[0], "Latest news", *(PARAGRAPHS * 4)]
    assert plain(*lines) == "\n".join(lines)


@pytest.mark.parametrize("credit", ["Reuters staff contributed to this report.",
                                    "Staff writers Ana Lopes and Tim Berg contributed reporting.",
                                    "(Reporting by Anna Kovac in Zagreb; Editing by Mark Heinrich)",
                                    "Additional reporting by Leila Haddad in Beirut."])
def test_text_credit_line_is_dropped(credit):
    assert plain(*PARAGRAPHS, credit) == "\n".join(PARAGRAPHS)


@pytest.mark.parametrize("tagline", ["“Music nerd. Web geek. Proud coffee lover. Writer.”",
                                     '"Travel fanatic. Bacon expert. Gamer."',
                                     "Avid reader. Hiking enthusiast. Part-time baker. Cat person."])
def test_text_tagline_bio_is_dropped(tagline):
    assert plain(*PARAGRAPHS, tagline) == "\n".join(PARAGRAPHS)


@pytest.mark.parametrize("line", ["“We left at night. There was no other way,” he said.",
                                  "“This is a humanitarian issue.”",
                                  "Georgia. Armenia. Kazakhstan. 2,000 each.",
                                  "Related-party loans rose 4% in the quarter, the bank said.",
                                  "Read the full statement on the ministry website.",
                                  "Copyright lawyers said the ruling would be appealed."])
def test_text_ordinary_short_line_is_kept(line):
    assert plain(PARAGRAPHS[0], line, PARAGRAPHS[1]) == "\n".join([PARAGRAPHS[0], line, PARAGRAPHS[1]])


def test_text_read_more_link_line_is_dropped():
    assert plain(PARAGRAPHS[0], "Read more: Border queues in pictures", PARAGRAPHS[1]) == "\n".join(PARAGRAPHS[:2])


def test_text_author_bio_is_dropped_only_at_the_end():
    bio = "Lena Ortiz is a correspondent covering migration for the Gazette."
    assert plain(*PARAGRAPHS, bio) == "\n".join(PARAGRAPHS)
    assert plain(bio, *PARAGRAPHS) == "\n".join([bio, *PARAGRAPHS])


def test_text_boilerplate_also_comes_off_html():
    body = paragraphs() + "<p>Gazette staff contributed to this report.</p><h3>More Stories</h3>" \
        "<ul><li><a href='/a'>Markets rally</a></li><li><a href='/b'>Storm warning</a></li></ul>"
    out = text.extract(html_doc(body)).text
    assert "contributed" not in out and "More Stories" not in out and "Markets rally" not in out


# --- metadata -------------------------------------------------------------------------------------


def test_text_sample_page_has_title_site_url_and_date_from_metadata():
    page = ARTICLES / "2022-10-05-border-officials-78000.html"
    article = text.extract(RawDoc(source=str(page), content=page.read_bytes(), content_type="text/html"))
    assert article.title == "Border officials put post-mobilisation arrivals from Russia near 78,000"
    assert (article.site, article.published, article.published_confidence) == (
        "Tbilisi Courier", "2022-10-05", "metadata")
    assert article.url == "https://tbilisi-courier.example/2022/10/05/border-officials-78000/"


def test_text_date_given_by_the_caller_wins_over_the_page():
    page = ARTICLES / "2022-10-05-border-officials-78000.html"
    raw = RawDoc(source="p", content=page.read_bytes(), content_type="text/html", published="2022-10-06")
    assert (text.extract(raw).published, text.extract(raw).published_confidence) == ("2022-10-06", "given")


def test_text_footer_copyright_year_is_only_a_guess():
    page = ARTICLES / "undated-notes-from-qustul.html"
    article = text.extract(RawDoc(source="p", content=page.read_bytes(), content_type="text/html"))
    assert (article.published, article.published_confidence) == ("2023-01-01", "guessed")


def test_text_plain_text_without_a_date_has_none():
    raw = RawDoc(source="t", content="\n".join(PARAGRAPHS).encode(), content_type="text/plain")
    assert (text.extract(raw).published, text.extract(raw).published_confidence) == (None, "none")


def test_text_caller_title_and_url_win_and_site_falls_back_to_the_host():
    raw = RawDoc(source="t", content="\n".join(PARAGRAPHS).encode(), title="Given", url="https://news.example/x")
    article = text.extract(raw)
    assert (article.title, article.url, article.site) == ("Given", "https://news.example/x", "news.example")


def test_text_language_is_detected():
    assert text.extract(RawDoc(source="t", content="\n".join(PARAGRAPHS).encode())).language == "en"
    german = "Rund 3.000 Menschen haben am Montag die Grenze überquert, teilte das Innenministerium mit."
    assert text.extract(RawDoc(source="t", content=german.encode())).language == "de"


def test_text_same_bytes_give_the_same_text_and_hash():
    page = ARTICLES / "2023-04-30-sudan-egypt-16000-cross.html"
    first, second = (text.extract(RawDoc(source="p", content=page.read_bytes())) for _ in range(2))
    assert first == second and len(first.content_hash) == 64


def test_text_content_hash_ignores_case_and_spacing():
    assert text.content_hash("About  4,000 people\ncrossed.") == text.content_hash("about 4,000 PEOPLE crossed.")


# --- decoding -------------------------------------------------------------------------------------


def test_text_plain_text_that_is_not_utf8_fails_as_bad_encoding():
    with pytest.raises(InputError) as caught:
        text.extract(RawDoc(source="t", content="Café crème".encode("latin-1"), content_type="text/plain"))
    assert caught.value.reason == "bad_encoding"


def test_text_plain_text_with_a_declared_charset_decodes():
    raw = RawDoc(source="t", content="Café crème, 300 people".encode("latin-1"),
                 content_type="text/plain; charset=ISO-8859-1")
    assert text.extract(raw).text == "Café crème, 300 people"


def test_text_utf16_with_a_byte_order_mark_decodes():
    raw = RawDoc(source="t", content="\n".join(PARAGRAPHS).encode("utf-16"))
    assert text.extract(raw).text == "\n".join(PARAGRAPHS)


@pytest.mark.parametrize(("content", "reason"), [(b"   \n ", "empty"), (b"PK\x03\x04\x00\x00zip", "binary")])
def test_text_empty_or_binary_input_fails_with_its_reason(content, reason):
    with pytest.raises(InputError) as caught:
        text.extract(RawDoc(source="t", content=content))
    assert caught.value.reason == reason


def test_text_html_without_main_text_fails_as_no_text():
    with pytest.raises(ExtractError):
        text.extract(html_doc("<nav><a href='/'>Home</a></nav>"))


def test_text_xhtml_with_an_xml_declaration_is_read():
    page = ('<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><head>'
            f'<meta name="date" content="2021-03-04"/></head><body><article>{paragraphs()}</article></body></html>')
    article = text.extract(RawDoc(source="x", content=page.encode(), content_type="application/xhtml+xml"))
    assert article.text.startswith(PARAGRAPHS[0]) and article.published == "2021-03-04"


def test_text_over_the_cap_fails_as_too_large():
    from crossings.config import Settings

    with pytest.raises(InputError) as caught:
        text.extract(RawDoc(source="t", content=b"x" * 2000), Settings(max_bytes=1000))
    assert caught.value.reason == "too_large"


# --- never anything but crossings.errors ----------------------------------------------------------

_markup = st.lists(st.sampled_from(["<p>", "</p>", "<div>", "<html>", "<body>", "<!--", "-->", "<meta charset=",
                                    "<script>", "&#", ";", "<time datetime='", "'>", "2023-05-", "©", "\x00",
                                    "\ufeff", "More Stories\n", "“", " ", "\n", "9", "x"]),
                   max_size=40).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(content=st.binary(max_size=3000) | _markup.map(lambda s: s.encode("utf-8", "surrogatepass")),
       kind=st.sampled_from([None, "text/html", "text/plain", "text/plain; charset=bogus-9", "application/xml"]))
def test_text_extract_raises_only_crossings_errors(content, kind):
    try:
        article = text.extract(RawDoc(source="fuzz", content=content, content_type=kind))
    except CrossingsError:
        return
    assert article.text.strip() and article.text == text.normalize(article.text)
