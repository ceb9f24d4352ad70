"""Stage 3-4: Article → Figures with evidence, places, periods and sources resolved.

Reads the article sentence by sentence, keeping what earlier sentences established (the country
people are going to, the last named source) for figures that only imply it.
"""

from __future__ import annotations

import dataclasses
import re

from crossings.figures import kinds, mentions, numbers, sentences
from crossings.figures.sentences import Sentence
from crossings.records import Article, Evidence, Figure, Place
from crossings.resolve import dates, gazetteer, places, sources
from crossings.resolve.gazetteer import Mention

__all__ = ["extract"]

_US_GEORGIA = re.compile(r"\b(?:U\.?S\.? state of Georgia|state of Georgia|Atlanta|Savannah|Georgia, U\.?S|"
                         r"Georgia Gov\.|Gov\. Brian Kemp|Georgia's governor|Peach State)\b")


def extract(article: Article) -> list[Figure]:
    sents = sentences.split(article.text)
    us_georgia = _US_GEORGIA.search(article.text) is not None  # once: the article says which Georgia
    all_places = [_fix_georgia(sentence_places(s.text)) if us_georgia else sentence_places(s.text)
                  for s in sents]
    routes = [m for s in sents for m in gazetteer.route(s.text) or ()]  # "the southwest border" is about the US
    ctx = dates.context(article.text, article.published, {m.code for ms in [*all_places, routes] for m in ms})
    # "23 percent of them were Syrians" says who some of them are, not whom the article is about
    about = [(s.text, ms) for s, ms in zip(sents, all_places, strict=True) if not places.composition(s.text)]
    carry = places.Carry(default_origin=places.main_origin(about),
                         here=places.dateline(sents[0].text, all_places[0]) if sents else None)
    last_source: str | None = None
    out: list[Figure] = []
    said = [s.text for s in sents]
    for i, sent in enumerate(sents):
        found = mentions.find(sent.text, mentions.previous(said, i))
        who, last_source = _source(sents, i, last_source)
        # "That compares with 2,996 in July": the same measure as the last figure of the sentence before
        compares = out and mentions.COMPARISON.match(sent.text) and out[-1].evidence.text == said[i - 1]
        compared = out[-1] if compares else None
        if found:
            out.extend(_figures(sent, found, all_places[i], who, carry, ctx, compared))
        places.remember(sent.text, all_places[i], carry)
    return _restated_once(out)


def _restated_once(figures: list[Figure]) -> list[Figure]:
    """A headline or a later sentence that repeats a figure ("more than 15,000 cross at Metema", then the lede's
    "More than 15,000 people have crossed from Sudan into Ethiopia") is one figure: the fuller statement."""
    kept: list[Figure] = []
    for f in figures:
        same = next((i for i, k in enumerate(kept) if _restates(k, f)), None)
        if same is None:
            kept.append(f)
        elif _fullness(f) > _fullness(kept[same]):
            kept[same] = f
    return kept


def _restates(a: Figure, b: Figure) -> bool:
    if (a.unit, a.kind, a.low, a.high, a.rate_per) != (b.unit, b.kind, b.low, b.high, b.rate_per):
        return False
    if a.evidence.start == b.evidence.start:
        return False  # one sentence that names two corridors with one number ("into Poland and Hungary")
    if a.qualifier != b.qualifier and "exact" not in (a.qualifier, b.qualifier):
        return False  # "about 13,000 have entered" and "nearly 13 thousand fled in the first six months"
    pairs = [(a.origin, b.origin), (a.destination, b.destination), (a.period_start, b.period_start)]
    if a.kind != "total" or (a.period_start and b.period_start):  # an open total's end may be the publication date
        pairs.append((a.period_end, b.period_end))
    return all(x is None or y is None or x == y for x, y in pairs)


def _fullness(f: Figure) -> int:
    return sum(v is not None for v in (f.origin, f.destination, f.attributed_to, f.period_start, f.period_end))


def sentence_places(text: str) -> list[Mention]:
    return gazetteer.find(text)


def _fix_georgia(ms: list[Mention]) -> list[Mention]:
    """In an article about the US state, "Georgia" is the state (US), not the country."""
    return [Mention(m.text, m.start, m.end, "US", m.kind, m.place) if m.text == "Georgia" else m for m in ms]


def _source(sents: list[Sentence], i: int, last: str | None) -> tuple[str | None, str | None]:
    """(who gave figures in sentence i, the last named source so far)."""
    who = sources.attribution(sents[i].text)
    if who is None and sents[i].text.startswith(("“", '"')) and i + 1 < len(sents):
        who = sources.attribution(sents[i + 1].text)  # a quote whose speaker comes after it
    if who and sources.refers_back(who, last):
        return last, last  # "the ministry said": the ministry named before
    if who and sources.is_pronoun(who):
        return None, last  # "he said" with nobody named before: unattributed
    return who, who or last


def _figures(sent: Sentence, found: list[mentions.Candidate], ms: list[Mention], who: str | None,
             carry: places.Carry, ctx: dates.DateContext, compared: Figure | None = None) -> list[Figure]:
    # An aid group's name is no state speaking: the Norwegian Refugee Council works in Kenya.
    kinds_speaking = ("country", "city") if sources.source_type(who) == "ngo" else ("country", "adjective", "city")
    speakers = list({m.code: m for m in ms if who and m.kind in kinds_speaking and m.text in who}.values())
    # "…across Europe, with the largest numbers in Germany (1.1 million)": Germany is an item's place, not the whole's
    unlisted = [m for m in ms if not _BRACKETED_NUMBER.match(sent.text, m.end)]
    out = []
    head: Head | None = None  # the figure a list breaks down
    ranked = _ranked(sent.text, ms)
    last_where: places.Roles | None = None  # the corridor of the figure before, for "up from N" comparisons
    for j, cand in enumerate(found):
        q = cand.quantity
        next_start = found[j + 1].quantity.start if j + 1 < len(found) else len(sent.text)
        prev_end = found[j - 1].quantity.end if j else 0
        listed = _listed_place(sent.text, ms, q)
        if ranked and not out and ranked[0].end <= q.start:
            listed = ranked[0]  # "Guinea was the most common nationality, with 12,103 arrivals": the list's head
        item = listed and _list_item(sent, found, j, ms, listed, head, ranked, carry, ctx, who)
        if item:
            out.append(item)
            continue
        shared_end = next_start  # "2,300 cars and 40 buses crossing from Ukraine": one predicate for both
        if j + 1 < len(found) and _COORDINATED.match(sent.text, q.end, next_start):
            shared_end = found[j + 2].quantity.start if j + 2 < len(found) else len(sent.text)
        kind, rate_per = _kind(sent.text, found, j, shared_end, out[-1] if out else None, compared)
        if compared and cand.noun is None:
            cand = dataclasses.replace(cand, unit=compared.unit)
        where = places.roles(sent.text, unlisted, (prev_end, q.start, shared_end), cand.noun, speakers, carry)
        if last_where and _COMPARED.search(sent.text, prev_end, q.start) and not any(
                q.start <= m.start < shared_end for m in ms):
            where = last_where  # "deported 250,000 Haitians last year, up from about 171,000 in 2022": one corridor
        elif compared and cand.noun is None and carry.origin and carry.destination and not any(
                q.start <= m.start < _CLAUSE_END.search(sent.text, q.end).start() for m in ms):
            # "That compares with more than 1.2 million a year ago, as many have moved on to Germany": the same corridor
            where = places.Roles(carry.origin, (carry.destination,))
        last_where = where
        when = _period(sent, found, j, ctx, kind)
        for dest in where.destinations or (None,):
            out.append(_figure(sent, cand, kind, rate_per, where.origin, dest, when, who))
        head = head or (kind, rate_per, where, when)
        if _reverses(where, carry):
            continue  # a flow back ("42,000 left Georgia") does not turn the article's corridor around
        if where.origin:
            carry.origin = where.origin
        if where.destinations:
            carry.destination = where.destinations[-1]
    return out


def _kind(text: str, found: list[mentions.Candidate], j: int, shared_end: int, before: Figure | None,
          compared: Figure | None) -> tuple[str, str | None]:
    """kinds.classify, unless the figure counts what another counts: the one before it in this sentence, or
    the last of the sentence before, which this one compares with. Then it shares that one's kind."""
    cand, q = found[j], found[j].quantity
    kind, rate_per = kinds.classify(text, cand, shared_end)
    if kind != "total":
        return kind, rate_per
    if j and before and before.kind != "total" and _same_measure(text, found[j - 1].quantity, q, before):
        return before.kind, before.rate_per
    own_verb = _OWN_VERB.match(text, q.end)  # "…a day are entering, and 547,000 have arrived since"
    if cand.like is not None and not own_verb:  # "up from 4,824 a week earlier": the same kind
        return kinds.classify(text, cand.like, q.start)
    if compared and cand.noun is None:  # "That is up from roughly 1.06 million a year earlier."
        return compared.kind, compared.rate_per
    return kind, rate_per


def _period(sent: Sentence, found: list[mentions.Candidate], j: int, ctx: dates.DateContext, kind: str) -> dates.Period:
    tail = sent.text[found[j].quantity.end:_own_end(sent.text, found, j)]
    return dates.period(sent.text, kind, ctx, _scope(sent.text, found, j), tail)


_BRACKETED_NUMBER = re.compile(r"\s*\(\s*(?:[a-z]+\s+){0,2}\d")


def _listed_place(text: str, ms: list[Mention], q: numbers.Quantity) -> Mention | None:
    """The country or city a list item's number belongs to: "Poland (956,000)", "followed by Peru with 1.54
    million", "Afghanistan, about 14,700, and Venezuela, about 12,900"."""
    for m in ms:
        between = text[m.end:q.start]
        if m.kind == "demonym" and re.fullmatch(r"\s*\(\s*", between):
            return m  # "followed by Ecuadorians (44,000) and Haitians (36,000)": the people, so the origin
        if m.kind not in ("country", "city"):
            continue
        if re.fullmatch(r"\s*\(\s*", between) or re.fullmatch(r"\s+with\s+", between):
            return m
        if re.fullmatch(r"\s+", between) and _ITEM_ENDS.match(text, q.end) and _GAPPED.search(text, 0, m.start):
            return m  # "Qatar took about 190,000 of them, the United Arab Emirates 116,000 and Saudi Arabia 96,000"
        if re.fullmatch(r",\s*", between) and _ITEM_ENDS.match(text, q.end) and _LIST_CUE.search(text, 0, m.start):
            return m
        if re.fullmatch(r"\s+", between) and _ITEM_ENDS.match(text, q.end) and _COLON_LIST.search(text, 0, m.start):
            return m  # "Arrivals on Sunday, by country: Hungary 9,540; Slovakia 7,822; Romania 32,710"
    return None


# "Guinea was the most common nationality", "Georgia was the top destination", "Malaysia took the largest share":
# the role of the first country in a ranking, and of the items that follow it ("followed by Egypt with 8,230")
_RANKED = re.compile(r"\s+(?:was|were|is|are|remained|ranked|came|took|(?:has\s+|have\s+)?received)\s+(?:the\s+)?"
                     r"(?:(?:single\s+)?(?:most\s+common|"
                     r"largest|biggest|top|main|leading|second|third|(?:second|third)[- ]largest)\s+)?"
                     r"(?:(nationality|nationalities|group|country\s+of\s+origin|source(?:\s+country)?|origin)|"
                     r"(destination|destination\s+country|host|host\s+country|share))\b", re.I)


Head = tuple[str, str | None, places.Roles, dates.Period]  # the kind, rate, corridor and period a list breaks down


def _list_item(sent: Sentence, found: list[mentions.Candidate], j: int, ms: list[Mention], listed: Mention,
               head: Head | None, ranked: tuple[Mention, str] | None, carry: places.Carry, ctx: dates.DateContext,
               who: str | None) -> Figure | None:
    """An item of a list that shares the list's predicate, its own place in brackets, after "with" or before its
    number: "…have fled to neighbouring countries, including Chad (over 590,000) and Egypt (500,000)"."""
    colon_list = _COLON_LIST.search(sent.text, 0, listed.start)  # "by country: Hungary 9,540; Slovakia 7,822"
    if not (head or carry.origin or ranked or listed.kind == "demonym" or colon_list):
        return None
    cand = found[j]
    next_start = found[j + 1].quantity.start if j + 1 < len(found) else len(sent.text)
    heading_from = _from_before(sent.text, ms, listed) if colon_list else None  # "Arrivals from Ukraine, by country:"
    kind, rate_per, where, when = head or (
        *kinds.classify(sent.text, cand, next_start), places.Roles(carry.origin or heading_from, ()),
        _period(sent, found, j, ctx, "total"))
    from_list = ranked[1] == "origin" if ranked else not heading_from and _FROM_LIST.search(sent.text, 0, listed.start)
    if listed.kind == "demonym" or from_list:
        # "the largest groups came from Congo, about 19,000"
        dest = where.destinations[0] if where.destinations else carry.destination
        return _figure(sent, cand, kind, rate_per, listed, dest, when, who)
    if where.origin is None or where.origin.code != listed.code:
        return _figure(sent, cand, kind, rate_per, where.origin, listed, when, who)
    return None


def _from_before(text: str, ms: list[Mention], listed: Mention) -> Mention | None:
    """The country a list's heading says its people came from: "Arrivals from Ukraine on Sunday: Hungary 9,540; …"."""
    return next((m for m in ms if m.end <= listed.start and m.kind == "country"
                 and _FROM_END.search(text, 0, m.start)), None)


def _ranked(text: str, ms: list[Mention]) -> tuple[Mention, str] | None:
    """The country a ranking opens with, and whether the ranking is of origins or of destinations."""
    for m in ms:
        rank = _RANKED.match(text, m.end) if m.kind == "country" else None
        if rank:
            return m, "origin" if rank.group(1) else "destination"
    return None


_GAPPED = re.compile(r"(?:\d|\d[^,;()]{0,20}\))(?:\s+(?:million|thousand))?(?:\s+of\s+them)?(?:,\s+|,?\s+and\s+)"
                     r"(?:the\s+)?$")
_ITEM_ENDS = re.compile(r"\s*(?:,|\.|;|$|\band\b)")
_FROM_END = re.compile(r"\bfrom\s+(?:the\s+)?$")
_COLON_LIST = re.compile(r":\s*(?:[^:;\d]{1,40}?\s\d[\d,.]*\s*[;,]\s*)*$")
_LIST_CUE = re.compile(r"\b(?:followed by|largest|most|main|top|biggest|including|led by)\b", re.I)
_FROM_LIST = re.compile(r"\bfrom\b(?:(?!\b(?:in|to|into|with|are|is|were|was)\b)[^.;]){0,120}$", re.I)


_RUNNING_TOTAL = re.compile(r"\b(?:bringing|brings|bring|taking|takes|pushing|pushes)\s+(?:the|its|their)\s+"
                            r"(?:total|tally|number|count)\s+(?:\w+\s+){0,6}?to(?:\s+(?:some|about|around|roughly|"
                            r"nearly|almost|more than|over))?\s*$", re.I)


_COORDINATED = re.compile(r"\s*(?:(?!(?:in|into|to|from|at|on|for|via|through|by|with|of)\b)[A-Za-z-]+\s+){0,2}"
                          r"(?:and|as well as)\s*$|"
                          # "1,356 Afghan refugees, or 247 families, returned": one predicate for a restatement too
                          r"\s*(?:[A-Za-z-]+\s+){0,2}[A-Za-z-]+(?:,\s*or|\s*\()\s*$", re.I)


def _reverses(where: places.Roles, carry: places.Carry) -> bool:
    """The figure runs against the carried corridor: from its destination (back) towards its origin."""
    ends = carry.origin, carry.destination
    if not (where.origin and ends[0] and ends[1]) or where.origin.code != ends[1].code:
        return False
    return all(d.code == ends[0].code for d in where.destinations)


def _own_end(text: str, found: list[mentions.Candidate], j: int) -> int:
    """Where the words of figure j stop: at the next figure, or at the running total that leads to it
    ("13,000 crossed on Tuesday alone, bringing the total since the war began to 140,000")."""
    if j + 1 == len(found):
        return len(text)
    end = found[j + 1].quantity.start
    running = _RUNNING_TOTAL.search(text, found[j].quantity.end, end)
    return running.start() if running else end


def _scope(text: str, found: list[mentions.Candidate], j: int) -> str | None:
    """The words that belong to figure j: from the previous figure to the next, plus any opening phrase."""
    if len(found) == 1:
        return None
    start = found[j - 1].quantity.end if j else 0
    end = _own_end(text, found, j)
    if j + 1 < len(found) and _COORDINATED.match(text, found[j].quantity.end, end):
        # "310,000 Syrians and 82,000 Lebanese had crossed since Sept. 23": one predicate for both
        end = found[j + 2].quantity.start if j + 2 < len(found) else len(text)
    running = _RUNNING_TOTAL.search(text, start, found[j].quantity.start) if j else None
    if running:  # "…, bringing the total to 245,000": not the first figure's period, only its own words
        return text[running.start():end]
    lead = text[:found[0].quantity.start] + " … " if j else ""
    return lead + text[start:end]


def _figure(sent: Sentence, cand: mentions.Candidate, kind: str, rate_per: str | None, origin: Mention | None,
            dest: Mention | None, when: dates.Period, who: str | None) -> Figure:
    q = cand.quantity
    qualifier = q.qualifier
    if qualifier == "exact" and _PASSED.search(sent.text, 0, q.start):
        qualifier = "more_than"  # "the number … has passed 1 million"
    return Figure(
        unit=cand.unit, kind=kind, low=q.low, high=q.high, qualifier=qualifier,
        evidence=Evidence(sent.text, sent.start, sent.end),
        origin=origin.code if origin else None, destination=dest.code if dest else None,
        rate_per=rate_per,
        period_start=when.start.isoformat() if when.start else None,
        period_end=when.end.isoformat() if when.end else None,
        attributed_to=who, source_type=sources.source_type(who),
        origin_place=_place(origin), destination_place=_place(dest),
        confidence=_confidence(origin, dest, who, cand), span=(q.start, q.end),
    )


def _same_measure(text: str, before: numbers.Quantity, q: numbers.Quantity, previous: Figure) -> bool:
    """Whether figure q counts what the figure before it counts, so shares its kind: "slowed from 10,000 a day
    in September to about 4,000", "40,000 live in the country, 22,000 of them registered", "the government
    puts the total at 1.3 million", a stock "down from a peak of 1.6 million"."""
    return bool(mentions.from_to(text, before, q) or _OF_THEM.match(text, q.end) or _PUTS_AT.search(text, 0, q.start)
                or (previous.kind == "stock" and _COMPARED.search(text, before.end, q.start)))


_COMPARED = re.compile(r"\b(?:up|down) from\b|\bcompared (?:with|to)\b|\bagainst\b|\bpeak of\b", re.I)  # a stock then
_CLAUSE_END = re.compile(r"[,;]|$")
_OF_THEM = re.compile(r"\s*of (?:them|those|whom)\b")
# "the government puts the total at 1.3 million": the same measure as the figure before, by another count
_PUTS_AT = re.compile(r"\b(?:puts?|putting|places?|estimates?|gives?)\s+(?:the|that|its|their)\s+"
                      r"(?:total|figure|number|count)\s+at\s+(?:about |some |around |more than |over |nearly )?$", re.I)
_OWN_VERB = re.compile(r"\s*(?:[a-z]+\s+){0,2}?(?:have|has|had|were|was|are|is)\b")
_PASSED = re.compile(r"\b(?:passed|topped|exceeded|surpassed|crossed the)\s*$", re.I)


def _place(m: Mention | None) -> Place | None:
    if m is None or m.kind != "city" or m.place is None:
        return None
    return Place(name=m.place.name, mention=m.text, country=m.code, geonames_id=m.place.geonames_id,
                 lat=m.place.lat, lon=m.place.lon)


def _confidence(origin: Mention | None, dest: Mention | None, who: str | None, cand: mentions.Candidate) -> float:
    score = 0.4 + 0.2 * bool(origin) + 0.2 * bool(dest) + 0.1 * bool(who) + 0.1 * bool(cand.noun)
    return round(min(score, 1.0), 2)
