"""The one number parser: digits, "50 thousand", spelled numbers, ranges, qualifiers, vague amounts.

`find(sentence)` returns every Quantity in a sentence with its character span, so later steps can look
at the words around it. Values follow the conventions table of the figure schema.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from crossings.figures.lexicon import load

_LEX = load("numbers")
# month names and abbreviations → number, for the date parser and for the numbers that are days of a month
MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
SMALL: dict[str, int] = _LEX["small"]
SCALES: dict[str, int] = _LEX["scales"]
VAGUE: dict[str, tuple[int, int]] = {k: tuple(v) for k, v in _LEX["vague"].items()}  # type: ignore[misc]
QUALIFIERS: dict[str, str] = _LEX["qualifiers"]


@dataclass(frozen=True, slots=True)
class Quantity:
    low: int
    high: int
    qualifier: str  # exact | about | nearly | at_least | more_than | at_most | range | vague
    start: int  # span of the whole phrase, qualifier included
    end: int
    num_start: int  # span of the number itself (for "not a figure" checks around it)
    num_end: int
    text: str


_SCALE_WORDS = "|".join(sorted(SCALES, key=len, reverse=True))
_WORDS = "|".join(sorted(SMALL, key=len, reverse=True))
_DIGITS = r"\d{1,3}(?:(?:,|\u202f|\u00a0|\.(?=\d{3}\b))\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SPELLED = (rf"(?:{_WORDS})(?:(?:[\s-]+|\s+and\s+)(?:{_WORDS}|hundred))*"
            rf"|a(?=\s+(?:{_SCALE_WORDS})\b)|half\s+a(?=\s+million)")
_ONE = (rf"(?:(?P<digits>{_DIGITS})|(?P<spelled>\b(?:{_SPELLED})\b))"
        rf"(?:\s*(?P<scale>\b(?:{_SCALE_WORDS})\b|(?<=\d)(?:m|mn|k|bn)\b))?")
NUMBER = re.compile(_ONE, re.I)
_RANGE_JOIN = re.compile(r"^\s*(?:-|–|—|to|and|or)\s*$", re.I)
_VAGUE = re.compile(r"\b(?:(?:several|a\s+few|many)\s+(?:hundred\s+thousand|thousand|hundred|dozen)|"
                    + "|".join(re.escape(k) for k in sorted(VAGUE, key=len, reverse=True)) + r")\b", re.I)
_QUALIFIER = re.compile(r"(?:\b(?:" + "|".join(re.escape(q) for q in sorted(QUALIFIERS, key=len, reverse=True))
                        + r"))\s*$", re.I)
_RANGE_START = re.compile(r"\b(?:from|between)\s*$", re.I)


def value(match: re.Match[str]) -> int | None:
    """The integer a NUMBER match stands for ("1.2 million" → 1200000, "fifty thousand" → 50000)."""
    scale = SCALES.get((match.group("scale") or "").lower().rstrip("s"), 1)
    if match.group("digits"):
        digits = re.sub(r"[,\u202f\u00a0]|\.(?=\d{3}\b)", "", match.group("digits"))
        return round(float(digits) * scale)
    base = _spelled_value(match.group("spelled"))
    return None if base is None else base * scale


def _spelled_value(text: str) -> int | None:
    words = [w for w in re.split(r"[\s-]+", text.lower()) if w != "and"]
    if words in (["a"], ["half", "a"]):
        return 1 if words == ["a"] else 0  # "a million"; "half a million" is handled by the scale
    total = current = 0
    for word in words:
        if word == "hundred":
            current = max(current, 1) * 100
        elif word in SMALL:
            current += SMALL[word]
        else:
            return None
    return total + current


_FRACTION = re.compile(r"\b(?:a|one)\s+(quarter|third|half)\s+of\s+a\s+(million|billion)\b", re.I)
_FRACTIONS = {"quarter": 0.25, "third": 1 / 3, "half": 0.5}


def find(sentence: str) -> list[Quantity]:
    """Every quantity in a sentence: vague amounts, ranges, then single numbers, left to right."""
    found = _vague(sentence) + _fractions(sentence)
    taken = [(q.num_start, q.num_end) for q in found]
    singles = [m for m in NUMBER.finditer(sentence) if not _overlaps(m.span(), taken)]
    i = 0
    while i < len(singles):
        pair = _as_range(sentence, singles, i)
        if pair:
            found.append(pair)
            i += 2
            continue
        single = _single(sentence, singles[i])
        if single:
            found.append(single)
        i += 1
    return sorted(found, key=lambda q: q.start)


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in spans)


def _fractions(sentence: str) -> list[Quantity]:
    """ "a quarter of a million" = 250,000."""
    out = []
    for m in _FRACTION.finditer(sentence):
        number = round(_FRACTIONS[m.group(1).lower()] * SCALES[m.group(2).lower()])
        start, qualifier = _qualifier_start(sentence, m.start())
        out.append(Quantity(number, number, qualifier, start, m.end(), m.start(), m.end(), sentence[start:m.end()]))
    return out


def _vague(sentence: str) -> list[Quantity]:
    out = []
    for m in _VAGUE.finditer(sentence):
        phrase = re.sub(r"\s+", " ", m.group(0).lower())
        if phrase.startswith(("several", "a few", "many")):
            unit = 1
            for word in phrase.split()[-2:]:  # "several hundred thousand": 300,000-999,999
                unit *= SCALES.get(word) or SMALL.get(word, 1)
            low, high = (3 * unit, 10 * unit - 1) if not phrase.startswith("a few") else (2 * unit, 5 * unit)
        else:
            low, high = VAGUE[phrase]
        start = _qualifier_start(sentence, m.start())[0]
        out.append(Quantity(low, high, "vague", start, m.end(), m.start(), m.end(), sentence[start:m.end()]))
    return out


def _single(sentence: str, m: re.Match[str]) -> Quantity | None:
    number = value(m)
    if number is None:
        return None
    if number == 0 and "half" in m.group(0).lower():
        number = SCALES["million"] // 2
    start, qualifier = _qualifier_start(sentence, m.start())
    return Quantity(number, number, qualifier, start, m.end(), m.start(), m.end(), sentence[start:m.end()])


def _as_range(sentence: str, singles: list[re.Match[str]], i: int) -> Quantity | None:
    """Two numbers joined by to/and/-: "from 5000 to 6000", "between 4 and 5 million"."""
    if i + 1 >= len(singles):
        return None
    a, b = singles[i], singles[i + 1]
    if not _RANGE_JOIN.match(sentence[a.end():b.start()]):
        return None
    low, high = value(a), value(b)
    if low is None or high is None or _year_like(a) != _year_like(b):
        return None  # "the total for 2024 to 18,416" joins a year to a count
    if _MONTH_BEFORE.search(sentence, 0, a.start()) and low <= 31 < high:
        return None  # "arrivals since January 1 to 11,074": a date, then the count
    if not a.group("scale") and b.group("scale"):
        low = value(a) * SCALES.get(b.group("scale").lower().rstrip("s"), 1)  # type: ignore[operator]
    joiner = sentence[a.end():b.start()].strip().lower()
    before = sentence[:a.start()]
    if joiner == "and" and not _RANGE_START.search(before):
        return None  # "50,000 and another 40,000" is two figures
    if not 0 < low < high:
        return None
    start = a.start()
    lead = _RANGE_START.search(before)
    if lead:
        start = lead.start()
    qual_start, qualifier = _qualifier_start(sentence, start)
    if qualifier == "exact":
        qualifier = "range"
    else:
        start = qual_start
    return Quantity(low, high, qualifier, start, b.end(), a.start(), b.end(), sentence[start:b.end()])


_MONTH_BEFORE = re.compile(rf"\b(?:{MONTH_NAMES})\.?\s+$", re.I)


def _year_like(m: re.Match[str]) -> bool:
    """Four plain digits that could be a year (1900-2099)."""
    return bool(re.fullmatch(r"(?:19|20)\d\d", m.group(0).strip()))


def _qualifier_start(sentence: str, start: int) -> tuple[int, str]:
    """Where a qualifier such as "about" or "at least" right before `start` begins, and its name."""
    m = _QUALIFIER.search(sentence[max(0, start - 40):start])
    if not m:
        return start, "exact"
    phrase = re.sub(r"\s+", " ", m.group(0).strip().lower())
    return max(0, start - 40) + m.start(), QUALIFIERS[phrase]
