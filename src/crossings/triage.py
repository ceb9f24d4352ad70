"""Stage 2b: a cheap relevance filter before any NLP, so most articles never reach the extractor.

One Aho-Corasick automaton over the lowercased text looks for a movement cue (figures/lexicon/triage.toml);
a digit or a number word must be there too. `skip_page` runs the same test on raw HTML, before stage 2,
and on a page that passes it, the figure extractor over the page's readable text (`has_figure`).
"""

from __future__ import annotations

import html
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlparse

import ahocorasick

from crossings import text as text_stage
from crossings.config import Settings
from crossings.records import Article, RawDoc

LEXICON = Path(__file__).resolve().parent / "figures" / "lexicon"
MOVEMENT, NUMBER = "movement", "number"
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True, slots=True)
class Cue:
    """What a key of the automaton means once it is found at the start of a word."""

    kind: str  # MOVEMENT | NUMBER
    length: int
    whole: bool  # must also end at a word boundary
    phrase: re.Pattern[str] | None = None  # the rest of a multi-word cue, checked from the match start


def is_relevant(text: str) -> bool:
    """True when `text` names a movement and holds a number: worth running the figure extractor on."""
    lowered = text.lower()
    needed = {MOVEMENT} if _DIGIT.search(lowered) else {MOVEMENT, NUMBER}
    found: set[str] = set()
    for end, cue in automaton().iter(lowered):
        if cue.kind in needed and cue.kind not in found and _matches(lowered, end, cue):
            found.add(cue.kind)
            if found == needed:
                return True
    return False


def _matches(lowered: str, end: int, cue: Cue) -> bool:
    start = end - cue.length + 1
    if start > 0 and lowered[start - 1].isalpha():
        return False
    if cue.phrase is not None:
        return cue.phrase.match(lowered, start) is not None
    return not (cue.whole and end + 1 < len(lowered) and lowered[end + 1].isalpha())


@cache
def automaton() -> ahocorasick.Automaton:
    """The cue automaton, built once per process from the lexicon files."""
    machine = ahocorasick.Automaton()
    for key, cue in cues().items():
        machine.add_word(key, cue)
    machine.make_automaton()
    return machine


def cues() -> dict[str, Cue]:
    """Every key of the automaton: movement stems, words and phrase anchors, then number words."""
    lexicon = _load("triage")
    movement = lexicon["movement"]
    table = {stem: Cue(MOVEMENT, len(stem), whole=False) for stem in movement["stems"]}
    table.update({word: Cue(MOVEMENT, len(word), whole=True) for word in movement["words"]})
    for anchor, pattern in _phrase_patterns(movement["phrases"]).items():
        table.setdefault(anchor, Cue(MOVEMENT, len(anchor), whole=True, phrase=pattern))
    for word in number_words(lexicon):
        table.setdefault(word, Cue(NUMBER, len(word), whole=True))
    return table


def _phrase_patterns(phrases: list[str]) -> dict[str, re.Pattern[str]]:
    """Phrases grouped by first word: "have left" → {"have": /have\\s+(?:left)(?![a-z])/}."""
    rests: dict[str, list[str]] = {}
    for phrase in phrases:
        first, _, rest = phrase.lower().partition(" ")
        rests.setdefault(first, []).append(r"\s+".join(map(re.escape, rest.split())))
    return {first: re.compile(rf"{re.escape(first)}\s+(?:{'|'.join(alts)})(?![^\W\d_])")
            for first, alts in rests.items()}


def number_words(lexicon: dict) -> set[str]:
    """Number words: triage.toml's own, plus the words of numbers.toml that are words, not symbols."""
    numbers = _load("numbers")
    words = set(lexicon["numbers"]["words"])
    for table in ("small", "scales", "vague"):
        for entry in numbers.get(table, {}):
            words.update(w for w in entry.lower().split() if len(w) >= 3 and w.isalpha() and w != "of")
    return words


def _load(name: str) -> dict:
    with (LEXICON / f"{name}.toml").open("rb") as fh:
        return tomllib.load(fh)


def skip_page(raw: RawDoc, settings: Settings) -> Article | None:
    """The fast path: an HTML page with no movement cue anywhere skips stage 2 (trafilatura).

    Returns a light Article to store in place of the full extraction (see `light_article`), or None
    when the page needs stage 2: it has a cue, is not HTML, or is too large or empty (stage 2 then fails
    it with the proper reason). The page, less the elements stage 2 deletes, holds every word stage 2
    could extract, so a page skipped here would not have passed `is_relevant` after stage 2 either (a
    cue split by a tag inside a word, "ref<b>ugee</b>", is the one exception).
    """
    if len(raw.content) > settings.max_bytes or not text_stage.is_html(raw):
        return None
    page = text_stage.decode(raw.content, raw.source, text_stage.charset_of(raw.content_type), html=True)
    lowered = page.lower()
    kept = _kept_spans(lowered)
    if _relevant_html(_joined(lowered, kept)) and has_figure(_joined(page, kept)):
        return None
    return light_article(raw, page)


def has_figure(readable: str) -> bool:
    """The second, stricter sieve for a page whose cues passed: does the figure extractor find anything
    in all of its readable HTML (the page less what stage 2 deletes)? Other news that merely says
    "border" or "returned" near a number (a cross-border merger, a player back from injury) stops here,
    at a tenth of stage 2's cost.

    That text holds every sentence stage 2 could keep, so a page with a figure in its main text has it
    here too; extra boilerplate can only send more pages down the slow path, never fewer."""
    from crossings.figures import mentions, sentences  # the extractor's lexicons load on first use

    said = [s.text for s in sentences.split(visible_text(readable))]
    # Each candidate mention becomes at least one figure in figures.extract: places, periods and
    # sources only describe it, so they need not be resolved to answer yes or no.
    return any(mentions.find(sentence, mentions.previous(said, i)) for i, sentence in enumerate(said))


def page_is_relevant(page: str) -> bool:
    """`is_relevant` on raw HTML, leaving out the elements stage 2 always throws away."""
    return _relevant_html(without_discarded(page.lower()))


def _relevant_html(readable: str) -> bool:
    return is_relevant(html.unescape(readable) if "&" in readable else readable)


# Elements whose text never reaches stage 2's main text: trafilatura (favor_precision, as text.py runs
# it) deletes them with their content before extracting. Navigation menus and related-link boxes
# naming another story's refugees must not send a page down the slow path.
_DISCARDED_OPEN = re.compile(r"<(script|style|noscript|svg|head|nav|aside|footer|form|iframe|button|select|"
                             r"textarea)[\s/>]|<!--")


def without_discarded(lowered: str) -> str:
    """A lowercased page less each discarded element, from its opening tag to the first closing tag of
    its name. An element left open is kept, as is the rest of a nested one: on doubt, keep text."""
    return _joined(lowered, _kept_spans(lowered))


def _joined(page: str, spans: list[tuple[int, int]]) -> str:
    """The kept spans of `page` (lowercased for the automaton, as written for the extractor)."""
    return " ".join(page[start:end] for start, end in spans)


def _kept_spans(lowered: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    while (found := _DISCARDED_OPEN.search(lowered, pos)) is not None:
        closer = f"</{found.group(1)}" if found.group(1) else "-->"
        end = lowered.find(closer, found.end())
        if end < 0:
            break
        spans.append((pos, found.start()))
        pos = end + len(closer) if closer == "-->" else lowered.find(">", end) + 1 or len(lowered)
    spans.append((pos, len(lowered)))
    return spans


_INVISIBLE = re.compile(r"<(script|style|noscript|template|svg|head)\b.*?</\1\s*>|<!--.*?-->", re.S | re.I)
_BLOCK = re.compile(r"</?(?:p|div|br|h[1-6]|li|ul|ol|tr|td|th|dd|dt|table|section|article|header|"
                    r"footer|nav|aside|main|blockquote|figure|figcaption)\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]*>")
_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.S | re.I)
_SITE = re.compile(r"<meta\b[^>]*og:site_name[^>]*>", re.I)
_DATE = re.compile(r"<meta\b[^>]*(?:published_time|datepublished|pubdate|publish[-_]?date)[^>]*>"
                   r"|\"datePublished\"\s*:\s*\"[^\"]*\"|<time\b[^>]*datetime=[^>]*>", re.I)
_CONTENT = re.compile(r"""content\s*=\s*["']([^"']*)["']""", re.I)
_ISO_DAY = re.compile(r"\b(\d{4}-\d{2}-\d{2})")


def light_article(raw: RawDoc, page: str) -> Article | None:
    """An Article by regular expressions alone (no DOM): the visible text of the page's <article> (else
    <main>, else the whole page), its <title>, site name and publication date from the usual meta
    tags. Enough to store, count and de-duplicate a page that holds no figure; language is left unset."""
    body = visible_text(_main_part(page))
    if not body:
        return None
    return Article(
        text=body, source=raw.source, url=raw.url, title=raw.title or _title(page),
        site=_meta_content(_SITE.search(page)) or (urlparse(raw.url).hostname if raw.url else None),
        published=(raw.published or _published(page) or "")[:10] or None,
        published_confidence="given" if raw.published else "metadata" if _published(page) else "none",
        content_hash=text_stage.content_hash(body), id=raw.id,
    )


def visible_text(fragment: str) -> str:
    """Tags out, one line per block element, whitespace squeezed, entities decoded. An inline tag
    leaves nothing behind, as in stage 2: "12<b>,400</b>" stays one number."""
    stripped = _TAG.sub("", _BLOCK.sub("\n", _INVISIBLE.sub(" ", fragment)))
    lines = (" ".join(line.split()) for line in html.unescape(stripped).split("\n"))
    return text_stage.normalize("\n".join(line for line in lines if line))


def _main_part(page: str) -> str:
    lowered = page.lower()
    for tag in ("article", "main"):
        start, end = lowered.find(f"<{tag}"), lowered.rfind(f"</{tag}")
        if 0 <= start < end:
            return page[start:end]
    return page


def _title(page: str) -> str | None:
    found = _TITLE.search(page)
    return " ".join(html.unescape(found.group(1)).split()) or None if found else None


def _published(page: str) -> str | None:
    for found in _DATE.finditer(page):
        day = _ISO_DAY.search(found.group(0))
        if day:
            return day.group(1)
    return None


def _meta_content(found: re.Match[str] | None) -> str | None:
    content = _CONTENT.search(found.group(0)) if found else None
    return html.unescape(content.group(1)).strip() or None if content else None
