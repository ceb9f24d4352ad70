"""total / rate (per day, week, month) / stock, from the words around a candidate."""

from __future__ import annotations

import re
from functools import cache

from crossings.figures.lexicon import load
from crossings.figures.mentions import RATE_SUBJECT, RUNNING_TO, Candidate, without_aside

_LEX = load("mentions")


@cache
def _rate_pattern() -> re.Pattern[str]:
    phrases = sorted(_LEX["rates"], key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(p) for p in phrases) + r")(?![\w-])"
                      # "8,572 a day earlier" (but "2,000 a day before the deadline was announced" is a rate)
                      r"(?!\s+(?:earlier|ago|later|of|into|in which))"
                      r"(?!\s+(?:before|after)\b(?!\s+(?:the|a|an|its|their)\b))"
                      # "the highest monthly total on record", "the daily rate of arrivals amounted to": another measure
                      r"(?!\s+(?:rate|average|number|total|tally|count|figure|record|high|peak|arrivals?|flows?|"
                      r"influx|inflows?|crossings|dashboard|report|briefing|update|bulletin|data|figures|statistics)\b)",
                      re.I)


@cache
def _stock_pattern() -> re.Pattern[str]:
    cues = sorted(_LEX["stock"]["cues"], key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(c) for c in cues) + r")(?![\w-])", re.I)


# (lower-case words after it: "told the daily Politika that about 120,000" names a newspaper)
_LEADING_RATE = re.compile(r"\b((?i:daily|weekly|monthly))\s+(?:[a-z]+\s+(?:[\w-]+\s+){0,3})?"
                           r"(?:of|at|reached|stood at|was|is|hit|to|around|about|some)?\s*$")

# "The daily average of crossings from Ukraine into Poland has settled at around 20,000"
_LEADING_AVERAGE = re.compile(r"\b(daily|weekly|monthly)\s+(?:average|number|total|count|tally|rate|figure)\b"
                              r"[^.;,]{0,80}?\b(?:at|to|of|was|is|reached|hit|from|between)\s*$", re.I)


# "On a normal day about 2,500 people enter Peru"
_TYPICAL = re.compile(r"(?:\bon\s+(?:a|an)\s+(?:normal|typical|average|ordinary|usual|busy|good|quiet)\s+|"
                      r"^\W*(?:every|each)\s+)(day|week|month)\b[^.;]{0,30}$", re.I)  # "Every day some 200 more come"


# "The number of Syrian refugees in Lebanon has passed 1 million": people of one place living in another
_HOSTED_IN = re.compile(r"\b(?:[Rr]efugees|[Aa]sylum[- ]seekers|(?:number|total) of [A-Z][a-z]+s)"
                        r"(?: from [A-Z][\w-]+)? (?:living |staying |"
                        r"sheltering )?in (?:the (?:kingdom|country|republic)\b|(?:the |neighbouring )?(?!(?:January|"
                        r"February|March|April|May|June|July|August|September|October|November|December)\b)[A-Z])")


_MOVED_ON = re.compile(r"^\s*(?:[\w-]+\s+){0,2}?(?:who\s+(?:had|have)\s+been\s+|who\s+were\s+)?"
                       r"(?:stranded|trapped|stuck|held|detained|living|based|staying)\s+(?:in|at|on)\s+(?:the\s+)?(?:[\w'’,-]+\s+){1,6}?"
                       r"(?:returned|arrived|were flown|flew|were repatriated|were evacuated|crossed|landed|reached|"
                       r"were taken|were sent|were brought|have crossed|had crossed|have returned|had returned|return|"
                       r"go home|travel home)\b")
_AND_WAITING = re.compile(r"^[^.;]*?\band\s+(?:were|are)\s+(?:still\s+)?(?:waiting|stranded|stuck)\b", re.I)
_REGISTERED_AT_END = re.compile(r"\b(?:registered|recorded|living|held|holding|hosted|staying)\b[^.;]{0,50}?"
                                r"\bat the end of\b", re.I)
_POPULATION_TO = re.compile(r"\bpopulation\b[^.;,]{0,50}\b(?:to|at|of)\s+"
                            r"(?:about |some |around |roughly |nearly |more than )?$", re.I)
_NUMBER_OF = re.compile(r"\b(?:the|a)\s+(?:total\s+)?(?:number|total|count)\s+of\s+(?P<what>[^,;]{3,90}?)\s+"
                        r"(?:has\s+|have\s+|had\s+)?(?:now\s+|already\s+)?(?:risen|rose|reached|passed|stood|stands|hit|topped|"
                        r"exceeded|climbed|grown|grew|fallen|fell|dropped|increased|is|was)\b[^,;]{0,30}$", re.I)
_WHO_MOVED = re.compile(r"\s*who\s+(?:have\s+|had\s+|has\s+)?(?:arrived|fled|crossed|came|entered|returned)\b", re.I)
_FLOW_NOUN = re.compile(r"(?:new\s+)?(?:arrivals|crossings|entries|departures|returns)", re.I)
_HOST_BEFORE = re.compile(r"\b(?:now|still|currently|already|together)\s+host\s+"
                          r"(?:(?:about|some|around|more than|over|nearly|roughly|almost|an estimated)\s+)?$", re.I)
# a population counted, not people who moved: "refugees", "Burkinabè asylum seekers" (no "arriving", "who fled")
_POPULATION = re.compile(r"(?:(?:the\s+)?[A-Z][\w'’-]*\s+)?(?:refugees|asylum[- ]seekers|displaced people)", re.I)
_AVERAGE_OF = re.compile(r"\baverage of\s+(?:about|some|around|roughly|nearly|almost|more than|over)?\s*$", re.I)
_ON_DAY = re.compile(r"^\s*(?:[a-z]+\s+){0,2}?on\s+(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b")  # a named day's count
_PER_UNIT = re.compile(r"^\s*(?:[a-z]+\s+){0,2}?(?:a|per|each|every)\s+(day|week|month)\b", re.I)


def classify(sentence: str, cand: Candidate, next_start: int) -> tuple[str, str | None]:
    """(kind, rate_per) of one candidate in its sentence."""
    q = cand.quantity
    after = sentence[q.end:next_start]
    before = sentence[:q.start]
    averaged = _AVERAGE_OF.search(before) and _PER_UNIT.match(after)
    if averaged:  # "an average of about 4,000 a day earlier in the week": still a rate
        return "rate", averaged.group(1).lower()
    rate = _rate_pattern().search(re.split(r"[;]|,\s(?:while|but|and|which|who)\b", after)[0][:120])
    if rate and not re.search(r"[;]|\bsince\b.*\bdaily\b|\b(?:within|in|for|over|after|than|under|inside|"
                              r"nearly|almost|just|only|barely)\s*$", after[:rate.start()]):  # "within a week"
        return "rate", _LEX["rates"][rate.group(0).lower()]
    lead = (_LEADING_RATE.search(before[-50:]) or _LEADING_AVERAGE.search(before[-120:])
            or _TYPICAL.search(before[-60:]) or (None if _ON_DAY.match(after) else RATE_SUBJECT.match(sentence)))
    if lead:
        word = lead.group(1).lower()  # "daily …" or "on a normal day"
        return "rate", {"daily": "day", "weekly": "week", "monthly": "month"}.get(word, word)
    # "including some 780,000 who arrived since April", "100,000 new arrivals were registered" (but a centre "was
    # hosting more than 7,500 new arrivals": a stock of them)
    flow = cand.noun and _FLOW_NOUN.fullmatch(cand.noun) and not _stock_pattern().search(before[-40:])
    if _WHO_MOVED.match(after) or flow:
        return "total", None
    if _HOST_BEFORE.search(before):
        return "stock", None  # "The three camps now host more than 380,000 Somali refugees"
    if cand.noun and cand.noun in after[:40]:  # "1,840 stranded Ethiopians flew home": "stranded" describes them
        after = after[after.index(cand.noun) + len(cand.noun):]
    near = _near(before, after)
    if _MOVED_ON.match(after):
        return "total", None  # "162 Nigerians stranded in Libya returned to Lagos": where they were, then a move
    if _REGISTERED_AT_END.search(after[:100]) or _AND_WAITING.search(after[:100]):
        # "1,061,000 people who fled Ukraine were registered in Germany at the end of February", "1,500 more had
        # registered with the embassy and were waiting to be flown home"
        return "stock", None
    if _POPULATION_TO.search(before[-80:]):
        return "stock", None  # "That has pushed the camps' population to 320,000"
    # "the number of those waiting at the border post reached about 2,500", "bringing the number of refugees in the
    # Mbera camp to more than 100,000"
    counted = _NUMBER_OF.search(before[-160:]) or RUNNING_TO.search(before[-160:])
    if counted and _POPULATION.fullmatch(counted.group("what") or ""):
        return "stock", None  # "the number of Burkinabè refugees has risen from about 5,000 … to nearly 16,000"
    if _stock_pattern().search(near) or _HOSTED_IN.search(near) or (counted and (
            _stock_pattern().search(counted.group("what") or "") or _HOSTED_IN.search(counted.group(0)))):
        return "stock", None
    return "total", None


# "in line with federal targets", "remained the largest group", "arrived to live in Britain": no one waiting or staying
_NOT_STOCK = re.compile(r"\bin line with\b|\bremain(?:ed|s)?\s+(?:the|a|an|one of)\b|"
                        r"\b(?:arrived|arriving|came|coming|moved|went|returned)\s+to\s+(?:live|stay|settle|remain)\b",
                        re.I)


# "3,500 people who had waded across the Rio Grande were waiting": the relative clause is not the predicate
_WHO_HAD = re.compile(r"^(\s*\w+)\s+who\s+(?:had|have|has)\s+[a-z]+(?:\s+[\w'’-]+){0,6}?(?=\s+(?:were|are|was|is)\b)")


def _near(before: str, after: str) -> str:
    after = _WHO_HAD.sub(" ", _NOT_STOCK.sub(" ", without_aside(after)))  # "92,000 refugees, most of them Karen, live"
    before = _NOT_STOCK.sub(" ", before)
    left = re.split(r"[;]|,\s(?:while|but|and)\b", before)[-1]
    right = re.split(r"[;]|,\s(?:while|but)\b|\band another\b", after)[0]
    return " ".join(left.split()[-8:] + right.split()[:8])
