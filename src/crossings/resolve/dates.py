"""Periods resolved against the publication date: "since X", "last week", "four to five days ago",
"in March", "the first four months of the war", named days.

The publication date is passed in (never today's date); without it every relative date stays None.
Events an article counts from come from the article itself when it dates them, else events.toml.
"""

from __future__ import annotations

import calendar
import re
import tomllib
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib.resources import files

from crossings.figures.numbers import MONTH_NAMES, MONTHS, NUMBER, value

WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
_MONTH = rf"(?:{MONTH_NAMES})\.?"
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_DAY_MONTH = re.compile(rf"\b(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>{_MONTH})|(?P<m2>{_MONTH})\s+"
                        rf"(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b)(?:,?\s+(?P<y>(?:19|20)\d\d))?", re.I)
_NUM = r"(?:\d+|[a-z]+(?:-[a-z]+)?)"


@dataclass(frozen=True, slots=True)
class Period:
    start: date | None
    end: date | None


@dataclass(frozen=True, slots=True)
class Event:
    name: str
    day: date
    triggers: tuple[str, ...]
    countries: frozenset[str]


@cache
def events() -> tuple[Event, ...]:
    data = tomllib.loads(files("crossings.resolve").joinpath("events.toml").read_text(encoding="utf-8"))
    return tuple(Event(e["name"], date.fromisoformat(e["date"]), tuple(e["triggers"]), frozenset(e["countries"]))
                 for e in data["event"])


# ---------------------------------------------------------------------------------------------- days


def weekday_before(name: str, ref: date) -> date:
    """The named weekday on or before `ref` (a news "on Tuesday" in a Tuesday paper is that day)."""
    return ref - timedelta(days=(ref.weekday() - WEEKDAYS[name.lower()]) % 7)


def day_month(m: re.Match[str], ref: date | None) -> date | None:
    """A "24 February" / "Feb. 24, 2022" match as a date, the year taken as the latest not after ref."""
    day = int(m.group("d1") or m.group("d2"))
    month = MONTHS[(m.group("m1") or m.group("m2")).lower().rstrip(".")]
    year = int(m.group("y")) if m.group("y") else (ref.year if ref else None)
    if year is None:
        return None
    try:
        found = date(year, month, day)
    except ValueError:
        return None
    if not m.group("y") and ref and found > ref:
        found = found.replace(year=year - 1)
    return found


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _count(word: str) -> int | None:
    m = NUMBER.fullmatch(word.strip())
    return value(m) if m else None


def month_span(month: int, ref: date, year: int | None = None) -> Period:
    year = year or (ref.year if month <= ref.month else ref.year - 1)
    last = date(year, month, calendar.monthrange(year, month)[1])
    return Period(date(year, month, 1), min(last, ref))


# ------------------------------------------------------------------------------------------ context


@dataclass(frozen=True, slots=True)
class DateContext:
    """What the whole article tells about dates: its publication day, its countries, events it dates."""

    published: date | None
    countries: frozenset[str] = frozenset()
    dated: tuple[tuple[str, date], ...] = ()  # (phrase, day) the article states itself


_DATED = re.compile(rf"\b(the [a-z-]+(?: [a-z-]+)?) (?:began|started|broke out|erupted|was announced|was "
                    rf"launched|was declared|took place)(?: on)? (?P<when>(?:\d{{1,2}}\s+{_MONTH}|{_MONTH}\s+"
                    rf"\d{{1,2}})(?:,?\s+(?:19|20)\d\d)?)", re.I)


def context(text: str, published: str | None, countries: set[str]) -> DateContext:
    pub = date.fromisoformat(published) if published else None
    dated = []
    for m in _DATED.finditer(text):
        day = day_month(_DAY_MONTH.search(m.group("when")), pub)  # type: ignore[arg-type]
        if day:
            dated.append((m.group(1).lower(), day))
    return DateContext(pub, frozenset(countries), tuple(dated))


def event_day(phrase: str, ctx: DateContext) -> date | None:
    """The day an event named in `phrase` happened: the article's own dating first, then events.toml."""
    phrase = phrase.lower()
    for named, day in ctx.dated:
        if named in phrase or phrase.startswith(named.split()[-1]) or named.split()[-1] in phrase.split():
            return day
    best: tuple[int, Event] | None = None
    for event in events():
        if not event.countries & ctx.countries:
            continue
        hit = max((len(t) for t in event.triggers if re.search(_trigger(t), phrase)), default=0)
        if hit and (best is None or hit > best[0]):
            best = (hit, event)
    return best[1].day if best else None


@cache
def _trigger(phrase: str) -> str:
    """A trigger as a pattern: its leading "the" also stands for "a", "its" or a possessive ("Azerbaijan's
    offensive", "a military crackdown")."""
    body = re.escape(phrase.removeprefix("the "))
    if body == re.escape(phrase):
        return rf"\b{body}\b"
    return rf"(?:\bthe|\ba|\ban|\bits|\btheir|\b[a-z]+(?:'s|’s))(?:\s+[\w-]+)??\s+{body}\b"


# ------------------------------------------------------------------------------------------- periods

_SAID = r"(?:said|says|say|announced|reported|reports|stated|added|told|tells|confirmed|estimated|posted)"
_REPORTED = re.compile(rf"\b(?:{_SAID}(?<!told)|told [\w\s]{{1,30}}?)\s+(?:on\s+)?({_WEEKDAY}|yesterday|today)\b|"
                       rf"^(?:on\s+)?({_WEEKDAY})\s*,", re.I)
_SPEECH = re.compile(rf"\b{_SAID}\b", re.I)
_SINCE = re.compile(r"\bsince\s+(?P<what>(?:[^,;.()“”\"]|\.(?=\s*\d)){2,80})", re.I)  # "since Sept. 21" too
_CUTOFF = re.compile(rf"\b(?P<word>as of|by|until|through)\s+(?P<what>{_WEEKDAY}|(?:\d{{1,2}}\s+{_MONTH}|{_MONTH}\s+"
                     rf"\d{{1,2}}))", re.I)
_PAST = re.compile(rf"\b(?:in|over|during|within|for)\s+the\s+(?:past|last|previous)\s+(?:(?P<n>{_NUM})\s+)?"
                   rf"(?P<unit>hours?|days?|weeks?|months?|years?)\b", re.I)
_FIRST = re.compile(rf"\b(?:the\s+)?first\s+(?:(?P<n>{_NUM})\s+)?(?P<unit>days?|weeks?|months?)\s+"
                    rf"(?:of|after|since)\s+(?P<what>[^,;.]{{3,60}})", re.I)
_AGO = re.compile(rf"\b(?P<n>{_NUM})(?:\s+(?:to|or)\s+(?P<m>{_NUM}))?\s+(?P<unit>days?|weeks?)\s+ago\b", re.I)
_BETWEEN = re.compile(rf"\b(?:between|from)\s+(?P<a>\d{{1,2}}\s+{_MONTH}|{_MONTH}\s+\d{{1,2}}|\d{{1,2}})\s+"
                      rf"(?:and|to|-|–)\s+(?P<b>\d{{1,2}}\s+{_MONTH}|{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\b(?!\s*[,\d]))", re.I)
_IN_MONTH = re.compile(rf"\b(?:in|during|throughout|for|over)\s+(?:the\s+month\s+of\s+|(?:early|mid|late)[- ]?)?"
                       rf"(?P<m>{_MONTH})"
                       rf"(?:\s+(?P<y>(?:19|20)\d\d))?(?!\s+\d)", re.I)
_IN_YEAR = re.compile(r"\b(?:(?:in|during|throughout|for|over)\s+(?:the\s+(?:whole|whole\s+of|entire|entirety\s+of|"
                      r"course\s+of)\s+|all\s+(?:of\s+)?)?|(?:all|the\s+whole)\s+of\s+)(?P<y>(?:19|20)\d\d)\b", re.I)
_ON_DAY = re.compile(rf"\b(?:on|last)\s+(?P<w>{_WEEKDAY})\b|\b(?P<y>yesterday)\b|"
                     rf"\b(?:was|were|came on)\s+(?P<w2>{_WEEKDAY}),?\s+when\b", re.I)  # "The busiest day was Tuesday, when"
_UNIT_DAYS = {"hour": 1 / 24, "day": 1, "week": 7}


def period(sentence: str, kind: str, ctx: DateContext, scope: str | None = None,
           tail: str | None = None) -> Period:
    """The period a figure of this kind covers (stock/rate: end = the day it held).

    `scope` is the part of the sentence that belongs to this figure when the sentence holds several,
    and `tail` the words from its number to the next figure's; the reporting day ("said on Tuesday")
    is read from the whole sentence.
    """
    ref = ctx.published
    if ref is None:
        return Period(None, None)
    report = _report_day(sentence, ref)
    own = _COMMA_COMPARISON.sub("", scope if scope is not None else sentence)  # "…, the highest since 2016"
    own = _AS_CLAUSE.sub("", own)  # "…, as some of those who fled in the first weeks of the war head home"
    span, day = _own_period(own, tail if scope is not None else None, ref, ctx, kind)
    sentence = own
    cut = _cutoff(own, ref)  # "as of June 30", "by the end of May": the day the count stops
    if kind == "total":
        # "As of Aug. 15, 1,700 had entered this year": January 1 to August 15 (a bare "by November 1" may be
        # a deadline: "since Islamabad ordered them to leave by November 1")
        stop = _cutoff(own, ref, firm=True)
        if span:
            return _until(span, stop)
        since = _since(own, ref, ctx)
        if since and day == since.start:
            return _until(since, stop)
        return Period(day, day) if day else Period(None, cut or report)
    since = _since(sentence, ref, ctx)
    if since and day == since.start:
        day = None  # "since the border reopened on Sept. 11": when the count began, not the day it held
    end = day or (span.end if span and not since else None) or cut or report
    start = since.start if since and kind == "rate" else None
    return Period(start if start and start <= end else None, end)


def _until(span: Period, cut: date | None) -> Period:
    """A running total stopped at a cut-off day inside its period."""
    if cut and span.start and span.end and span.start <= cut < span.end:
        return Period(span.start, cut)
    return span


_AS_CLAUSE = re.compile(r",\s+as\s+(?:some|many|most|the|those|they|it|he|she|officials|authorities|more|fighting)\b.*$",
                        re.I)
_END_OF = re.compile(rf"\b(?:as of|by|at)\s+the\s+end\s+of\s+(?:(?P<m>{_MONTH})(?:\s+(?P<y>(?:19|20)\d\d))?|"
                     rf"(?P<year>(?:19|20)\d\d)\b)", re.I)


def _cutoff(text: str, ref: date, firm: bool = False) -> date | None:
    """The day a count stops at; `firm` leaves out a bare "by <day>", which may be a deadline."""
    end_of = _END_OF.search(text)
    if end_of and end_of.group("year"):  # "at the end of 2021"
        return min(date(int(end_of.group("year")), 12, 31), ref)
    if end_of:
        month = MONTHS[end_of.group("m").lower().rstrip(".")]
        return month_span(month, ref, int(end_of.group("y")) if end_of.group("y") else None).end
    cut = _CUTOFF.search(text)
    if not cut or (firm and cut.group("word").lower() == "by"):
        return None
    return _cutoff_day(cut.group("what"), ref)


# A comparison after a figure ("…, nearly double last year's figure", "…, the highest since 2016") dates the
# figure it compares with, not this one. After the number, "up", "than" and "compared with" mark one too;
# in a whole sentence they may be a qualifier ("more than 5,000") and are left alone.
_COMPARED = r"nearly|almost|roughly|more than|less than|twice|double|triple|the highest|the lowest|the most|" \
            r"the largest|a record|an? [\d.]+\s*(?:%|per ?cent) (?:drop|fall|decline|decrease|rise|increase|jump)"
_COMMA_COMPARISON = re.compile(rf",\s*(?:{_COMPARED})\b[^,;.]*", re.I)
_COMPARISON = re.compile(rf",\s*(?:{_COMPARED}|about|up|down|half|compared|against)\b|\b(?:compared (?:with|to)|than)\b",
                         re.I)


def _own_period(own: str, tail: str | None, ref: date, ctx: DateContext,
                kind: str = "total") -> tuple[Period | None, date | None]:
    """(span, day) for one of several figures, nearest words first: what follows its number ("compared
    with 81 in the whole of 2020"), then its own day ("a peak of 17,000 on 1 November" after "Over the
    past week, about 9,500 a day"), then the period its part of the sentence states."""
    tail = _COMPARISON.split(tail, maxsplit=1)[0] if tail else tail  # "…, nearly double last year's figure"
    if tail and kind != "rate" and _DAY_EARLIER.search(tail):  # "7,400 on Sunday, down from 8,572 a day earlier"
        return None, (_named_day(own, ref) or ref) - timedelta(days=1)
    same = _SAME_PERIOD.search(tail) if tail else None
    if same and (span := _span(own.replace(tail, ""), ref, ctx)):  # "… up from 2,150 in the same period a year earlier"
        back = 1 if not same.group("y") else span.start.year - int(same.group("y")) if span.start else 0
        return _years_back(span, back), None
    if tail and (span := _span(tail, ref, ctx)):
        return span, _named_day(tail, ref)
    if tail and (day := _named_day(tail, ref)):
        return None, day
    body = own.rpartition(" … ")[2]  # the figure's own words, less the sentence's opening phrase
    body_day = _named_day(body, ref) if body != own else None
    if body_day:
        return _span(body, ref, ctx), body_day
    return _span(own, ref, ctx), _named_day(own, ref)


# "down from 8,572 a day earlier" (not "53 a day before then": a rate, and when it held)
_DAY_EARLIER = re.compile(r"\b(?:a|one) day earlier\b|\bthe (?:previous|preceding) day\b|\bthe day before\b", re.I)
_SAME_PERIOD = re.compile(r"\b(?:the )?same (?:period|month|week|time|months)(?: (?:a year earlier|last year|the "
                          r"previous year|a year ago)| (?:of|in) (?P<y>(?:19|20)\d\d))", re.I)


def _years_back(span: Period, years: int) -> Period:
    def back(day: date | None) -> date | None:
        return add_months(day, -12 * years) if day else None
    if span.start and span.end and years:
        start, end = back(span.start), back(span.end)
        if span.end.month == 12 or span.end.day == calendar.monthrange(span.end.year, span.end.month)[1]:
            end = date(end.year, end.month, calendar.monthrange(end.year, end.month)[1])
        return Period(start, end)
    return span


def _report_day(sentence: str, ref: date) -> date:
    m = _REPORTED.search(sentence)
    if not m or (m.group(2) and not _SPEECH.search(sentence)):
        return ref
    word = (m.group(1) or m.group(2)).lower()
    return {"today": ref, "yesterday": ref - timedelta(days=1)}.get(word) or weekday_before(word, ref)


def _named_day(sentence: str, ref: date) -> date | None:
    """A day the figure itself is about ("8,572 crossed on Saturday", "four days ago"), not the day said."""
    ago = _AGO.search(sentence)
    if ago:
        counts = [_count(ago.group(g)) for g in ("n", "m") if ago.group(g)]
        n = max(c for c in counts if c is not None) if any(c is not None for c in counts) else None
        if n is not None:
            return ref - timedelta(days=n * _UNIT_DAYS[ago.group("unit").lower().rstrip("s")])
    reported = _REPORTED.search(sentence)
    if reported and reported.group(2) and not _SPEECH.search(sentence):
        reported = None  # "On Monday, 12,500 entered": with nobody saying it, the day is the figure's own
    for m in _ON_DAY.finditer(sentence):
        if reported and reported.start() <= m.start() < reported.end() + 1:
            continue
        if reported and reported.group(2) and m.start() == 0:
            continue  # "On Monday, the ministry said …": the day it was said
        return ref - timedelta(days=1) if m.group("y") else weekday_before(m.group("w") or m.group("w2"), ref)
    on_date = _ON_DATE.search(sentence)  # "a peak of 17,000 on 1 November"
    if on_date and not (reported and reported.start() <= on_date.start() < reported.end() + 1):
        return day_month(on_date, ref)  # the embedded day-month pattern's groups
    return None


_ON_DATE = re.compile(rf"\b(?:on|was)\s+(?:\w+day,?\s+)?(?P<d>{_DAY_MONTH.pattern})", re.I)  # "The busiest day was March 6"


def _span(sentence: str, ref: date, ctx: DateContext) -> Period | None:
    """A period stated in the sentence, most specific first."""
    for finder in (_fiscal_year, _months_ending, _days_to, _year_when, _day_pair, _between, _month_range, _part_of_year, _half_month, _first_of,
                   _since, _past, _month_last_year, _relative_words, _space_of, _in_month, _in_year):
        found = finder(sentence, ref, ctx)
        if found:
            return found
    return None


# "fiscal year 2024", "the 2023 fiscal year", "fiscal 2024", "FY2024"
_FISCAL = re.compile(r"\b(?:(?P<y>(?:19|20)\d\d)\s+)?(?:fiscal\s+year|fiscal(?=\s+(?:19|20)\d\d)|FY(?=\s?(?:19|20)\d\d))"
                     r"(?:\s?(?P<y2>(?:19|20)\d\d))?(?P<ended>\s+that\s+ended)?", re.I)


def _fiscal_year(sentence: str, ref: date, ctx: DateContext) -> Period | None:
    """The US federal fiscal year (October to September), as US border statistics are counted; other
    countries' fiscal years differ, so only an article about the US gets one."""
    m = _FISCAL.search(sentence)
    if not m or "US" not in ctx.countries:
        return None
    year = int(m.group("y") or m.group("y2") or 0) or (ref.year if m.group("ended") or ref.month < 10 else ref.year + 1)
    if m.group("ended") and not (m.group("y") or m.group("y2")) and ref.month < 10:
        year = ref.year - 1  # "the fiscal year that ended" in June: the one that ended last September
    return Period(date(year - 1, 10, 1), min(date(year, 9, 30), ref))


_MONTHS_ENDING = re.compile(rf"\b(?:the\s+)?(?P<n>{_NUM})\s+months\s+(?:ending|ended|to|through|up to)\s+(?:on\s+)?"
                            rf"(?P<d>\d{{1,2}}\s+{_MONTH}|{_MONTH}\s+\d{{1,2}})", re.I)


def _months_ending(sentence: str, ref: date, ctx: DateContext) -> Period | None:
    """ "the 12 months ending Sept. 30": the n months up to that day."""
    m = _MONTHS_ENDING.search(sentence)
    n = _count(m.group("n")) if m else None
    end = day_month(_DAY_MONTH.search(m.group("d")), ref) if m else None  # type: ignore[arg-type]
    if not (n and end):
        return None
    return Period(add_months(end, -n) + timedelta(days=1), end)


_DAYS_TO = re.compile(rf"\b(?:in|over|during|for)\s+the\s+(?:(?P<n>{_NUM})\s+(?P<unit>hours|days)|(?P<week>week))\s+"
                      rf"(?:to|until|up to|ending|ended|through)\s+(?:(?:last|this)\s+)?(?P<w>{_WEEKDAY})\b", re.I)


def _days_to(sentence: str, ref: date, ctx: DateContext) -> Period | None:
    """ "in the seven days to Sunday", "the week to Sunday", "the 24 hours to Tuesday evening"."""
    m = _DAYS_TO.search(sentence)
    n = 7 if m and m.group("week") else _count(m.group("n")) if m else None
    if not n:
        return None
    end = weekday_before(m.group("w"), ref)
    days = max(1, round(n / 24)) if m.group("unit") and m.group("unit").lower() == "hours" else n
    return Period(end - timedelta(days=days if days == 1 else days - 1), end)


_YEAR_WHEN = re.compile(r"(?<!\d, )(?<!\d )\b(?P<y>(?:19|20)\d\d),\s+when\b")  # not "March 6, 2022, when"


def _year_when(sentence: str, ref: date, ctx: DateContext) -> Period | None:
    """ "The record remains 2022, when 45,774 made the journey": that year."""
    m = _YEAR_WHEN.search(sentence)
    year = int(m.group("y")) if m else 0
    return Period(date(year, 1, 1), min(date(year, 12, 31), ref)) if m and year <= ref.year else None


_DAY_PAIR = re.compile(rf"\b(?:on|between|from)\s+(?P<a>{_WEEKDAY})\s+(?:and|to|through|-|–)\s+(?P<b>{_WEEKDAY})\b", re.I)


def _day_pair(sentence: str, ref: date, ctx: DateContext) -> Period | None:
    """ "on Monday and Tuesday": both days."""
    m = _DAY_PAIR.search(sentence)
    if not m:
        return None
    end = weekday_before(m.group("b"), ref)
    return Period(end - timedelta(days=(end.weekday() - WEEKDAYS[m.group("a").lower()]) % 7), end)


def _between(sentence: str, ref: date, ctx: DateContext) -> Period | None:
    m = _BETWEEN.search(sentence)
    if not m:
        return None
    a, b = _DAY_MONTH.search(m.group("a")), _DAY_MONTH.search(m.group("b"))
    if b:
        end = day_month(b, ref)
        start = day_month(a, ref) if a else (_with_day(end, m.group("a")) if end else None)
    else:  # "between September 21 and 27": the month named once, first
        start = day_month(a, ref) if a else None
        end = _with_day(start, m.group("b")) if start else None
    return Period(start, end) if start and end and start <= end else None


def _with_day(day: date, number: str) -> date | None:
    try:
        return day.replace(day=int(number))
    except ValueError:
        return None


def _first_of(sentence: str, ref: date, ctx: DateContext) -> Period | None:
    """ "the first four months of the war", "the first week of October", "the first three months of the year"."""
    m = _FIRST.search(sentence)
    if not m:
        return None
    start = _calendar_start(m.group("what"), ref) or event_day(m.group("what"), ctx)
    year = _IN_YEAR.search(sentence, 0, m.start())
    if year and re.match(r"\s*the year\b", m.group("what"), re.I):
        start = date(int(year.group("y")), 1, 1)  # "In 2015, … in the first three months of the year": of 2015
    n = _count(m.group("n")) if m.group("n") else 1
    if start is None or n is None:
        return None
    unit = m.group("unit").lower().rstrip("s")
    end = add_months(start, n) if unit == "month" else start + timedelta(days=n * _UNIT_DAYS[unit])
    return Period(start, min(end - timedelta(days=1), ref))


_PART = re.compile(r"\b(?P<nth>first|second|third|fourth|last)\s+(?P<part>half|quarter)\s+of\s+"
                   r"(?:(?P<y>(?:19|20)\d\d)|(?P<rel>the\s+year|this\s+year|last\s+year))\b", re.I)
_NTH = {"first": 0, "second": 1, "third": 2, "fourth": 3}


def _part_of_year(sentence: str, ref: date, ctx: DateContext) -> Period | None:
    """ "the first half of 2023", "the third quarter of last year"."""
    m = _PART.search(sentence)
    if not m:
        return None
    year = int(m.group("y")) if m.group("y") else ref.year - (m.group("rel").lower().startswith("last"))
    months = 6 if m.group("part").lower() == "half" else 3
    nth = m.group("nth").lower()
    index = (12 // months - 1) if nth == "last" else _NTH[nth]
    if index * months >= 12:
        return None
    start = date(year, 1 + index * months, 1)
    end = add_months(start, months) - timedelta(days=1)
    return Period(start, min(end, ref)) if start <= ref else None


_HALF_MONTH = re.compile(rf"\b(?:the\s+)?(?P<nth>first|second|last)\s+half\s+of\s+(?P<m>{_MONTH})"
                         rf"(?:\s+(?P<y>(?:19|20)\d\d))?\b", re.I)


def _half_month(sentence: str, ref: date, ctx: DateContext) -> Period | None:
    """ "in the first half of March": the 1st to the 15th; the second half, the 16th to the month's end."""
    m = _HALF_MONTH.search(sentence)
    if not m:
        return None
    month = _named_month(m, ref)
    if month.start is None or month.end is None:
        return None
    if m.group("nth").lower() == "first":
        return Period(month.start, min(month.start.replace(day=15), ref))
    start = month.start.replace(day=16)
    return Period(start, min(month.end, ref)) if start <= ref else None


# "in the space of 24 hours", "in 12 days", "within 48 hours": the span that ends when it was said
_SPACE_OF = re.compile(rf"\b(?:in\s+the\s+space\s+of|in\s+just|in\s+only|in|within)\s+(?:(?:about|some|just)\s+)?"
                       rf"(?P<n>{_NUM})\s+(?P<unit>hours|days|weeks)\b(?!\s+(?:of|after|before|since|later|earlier|ago))",
                       re.I)


def _space_of(sentence: str, ref: date, ctx: DateContext) -> Period | None:
    m = _SPACE_OF.search(sentence)
    n = _count(m.group("n")) if m else None
    if not m or not n:
        return None
    days = max(1, round(n * _UNIT_DAYS[m.group("unit").lower().rstrip("s")]))
    return Period(ref - timedelta(days=days), ref)


def _calendar_start(what: str, ref: date) -> date | None:
    text = what.strip().lower()
    if re.match(r"(?:the|this) year\b", text):
        return date(ref.year, 1, 1)
    year = re.match(r"((?:19|20)\d\d)\b", text)
    if year:
        return date(int(year.group(1)), 1, 1)
    month = re.match(rf"({_MONTH})(?:\s+((?:19|20)\d\d))?\b", text)
    if month:
        return month_span(MONTHS[month.group(1).rstrip(".")], ref, int(month.group(2)) if month.group(2) else None).start
    return None


_MONTH_RANGE = re.compile(rf"\b(?:between|from)\s+(?P<a>{_MONTH})(?:\s+(?P<ya>(?:19|20)\d\d))?\s+(?:and|to|through|-|–)\s+"
                          rf"(?P<b>{_MONTH})(?:\s+(?P<yb>(?:19|20)\d\d))?(?!\s*\d{{1,2}}\b)", re.I)


def _month_range(sentence: str, ref: date, ctx: DateContext) -> Period | None:
    """ "between January and August": whole months, the later one the latest not after publication."""
    m = _MONTH_RANGE.search(sentence)
    if not m:
        return None
    a, b = (MONTHS[m.group(g).lower().rstrip(".")] for g in ("a", "b"))
    end = month_span(b, ref, int(m.group("yb")) if m.group("yb") else None)
    year = int(m.group("ya")) if m.group("ya") else (end.start.year if a <= b else end.start.year - 1)
    return Period(date(year, a, 1), end.end)


def _since(sentence: str, ref: date, ctx: DateContext) -> Period | None:
    m = _SINCE.search(sentence)
    if not m:
        return None
    start = _since_start(m.group("what"), ref, ctx)
    if start is None or start > ref:
        return None
    cut = _CUTOFF.search(sentence[m.end():]) or _CUTOFF.search(sentence[:m.start()])  # "As of 14 May, … since"
    end = _cutoff_day(cut.group("what"), ref) if cut else ref
    return Period(start, end)


def _since_start(what: str, ref: date, ctx: DateContext) -> date | None:
    text = what.strip().lower()
    dm = _DAY_MONTH.search(what)
    if dm:
        day = day_month(dm, ref)
        if day and not dm.group("y") and re.match(r"\s*last year\b", what[dm.end():], re.I):
            return add_months(day, 12 * (ref.year - 1 - day.year))  # "since February 24 last year": that year's
        return day
    weekday = re.match(rf"(?:(?:last|early|late|early on|late on)\s+)?({_WEEKDAY})\b", text)
    if weekday:  # "since Monday", "since last Sunday", "since early Monday"
        return weekday_before(weekday.group(1), ref)
    month = re.match(rf"(?:the (?:start|beginning) of |(early|mid|late)[- ]?)?({_MONTH})(?:\s+((?:19|20)\d\d))?\b", text)
    if month:
        year = int(month.group(3)) if month.group(3) else None
        first = month_span(MONTHS[month.group(2).rstrip(".")], ref, year).start
        return first.replace(day={"mid": 15, "late": 21}.get(month.group(1) or "", 1)) if first else None
    if re.match(r"the (?:start|beginning) of (?:the|this) year|january\b", text):
        return date(ref.year, 1, 1)
    if text.startswith(("last week", "the weekend", "yesterday")):
        return _relative_words(text, ref, ctx).start if _relative_words(text, ref, ctx) else None
    year = re.match(r"((?:19|20)\d\d)\b", text)
    if year:
        return date(int(year.group(1)), 1, 1)
    day = event_day(text, ctx)
    on_day = re.search(rf"\bon\s+({_WEEKDAY})\b", text)  # "since Ankara said on Friday it would …"
    if day is None and on_day:
        return weekday_before(on_day.group(1), ref)
    began = _BEGAN_IN.search(text) or _ENDS_IN_MONTH.search(text)  # "since the crackdown began in August 2017"
    if day is None and began:
        return _named_month(began, ref).start
    return day


# "since Islamabad launched a crackdown on undocumented migrants in October": the event's month
_ENDS_IN_MONTH = re.compile(rf"\bin\s+(?:early\s+)?(?P<m>{_MONTH})(?:\s+(?P<y>(?:19|20)\d\d))?\s*$", re.I)
_BEGAN_IN = re.compile(rf"\b(?:began|started|erupted|broke out|launched|was launched|was announced)\s+in\s+"
                       rf"(?:early\s+)?(?P<m>{_MONTH})(?:\s+(?P<y>(?:19|20)\d\d))?\b", re.I)


def _cutoff_day(what: str, ref: date) -> date:
    dm = _DAY_MONTH.search(what)
    if dm:
        return day_month(dm, ref) or ref
    return weekday_before(what.split()[0], ref)


def _past(sentence: str, ref: date, ctx: DateContext) -> Period | None:
    m = _PAST.search(sentence)
    if not m:
        return None
    n = _count(m.group("n")) if m.group("n") else 1
    unit = m.group("unit").lower().rstrip("s")
    if n is None:
        return None
    if unit == "month":
        return Period(add_months(ref, -n), ref)
    if unit == "year":
        return Period(ref.replace(year=ref.year - n), ref)
    return Period(ref - timedelta(days=max(1, round(n * _UNIT_DAYS[unit]))), ref)


def _relative_words(sentence: str, ref: date, ctx: DateContext) -> Period | None:
    text = sentence.lower()
    monday = ref - timedelta(days=ref.weekday())
    if re.search(r"\blast week\b", text):
        return Period(monday - timedelta(days=7), monday - timedelta(days=1))
    if re.search(r"\bthis week\b", text):
        return Period(monday, ref)
    if re.search(r"\bover the weekend\b|\bat the weekend\b|\bthis weekend\b", text):
        sunday = monday - timedelta(days=1) if ref.weekday() < 5 else ref
        return Period(sunday - timedelta(days=1), sunday)
    if re.search(r"\blast month\b", text):
        last = ref.replace(day=1) - timedelta(days=1)
        return Period(last.replace(day=1), last)
    if re.search(r"\bthis month\b", text):
        return Period(ref.replace(day=1), ref)
    if re.search(r"\b(?:so far )?this year\b|\bsince the (?:start|beginning) of the year\b|\bthe year so far\b|"
                 r"\byear[- ]to[- ]date\b", text):
        return Period(date(ref.year, 1, 1), ref)
    if re.search(r"\blast year\b", text):
        return Period(date(ref.year - 1, 1, 1), date(ref.year - 1, 12, 31))
    return None


def _in_month(sentence: str, ref: date, ctx: DateContext) -> Period | None:
    m = _IN_MONTH.search(sentence)
    if not m or m.group("m").lower().rstrip(".") in {"may", "mar"} and not m.group("m")[0].isupper():
        return None
    return _named_month(m, ref)


def _named_month(m: re.Match[str], ref: date, year: int | None = None) -> Period:
    """The month a match names in its "m" group, in `year`, its "y" group or the latest not after `ref`."""
    named = m.groupdict().get("y")
    return month_span(MONTHS[m.group("m").lower().rstrip(".")], ref, year or (int(named) if named else None))


_MONTH_LAST_YEAR = re.compile(rf"\b(?:in|during|for)\s+(?P<m>{_MONTH})\s+(?:of\s+)?(?:last|the previous|the prior)\s+year\b", re.I)


def _month_last_year(sentence: str, ref: date, ctx: DateContext) -> Period | None:
    """ "in July last year": that month, a year before the publication's."""
    m = _MONTH_LAST_YEAR.search(sentence)
    if not m:
        return None
    return _named_month(m, ref, ref.year - 1)


def _in_year(sentence: str, ref: date, ctx: DateContext) -> Period | None:
    m = _IN_YEAR.search(sentence)
    if not m:
        return None
    year = int(m.group("y"))
    return Period(date(year, 1, 1), min(date(year, 12, 31), ref)) if year <= ref.year else None
