"""Which numbers in a sentence are movement figures: number + unit noun + movement cue.

A Candidate is a Quantity with its unit. Ages, durations, distances, money, dates, casualties,
arrests, projections and capacities are ruled out here, by the word lists in lexicon/mentions.toml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from crossings.figures import numbers
from crossings.figures.lexicon import load
from crossings.figures.numbers import Quantity
from crossings.resolve import gazetteer


@dataclass(frozen=True, slots=True)
class Candidate:
    quantity: Quantity
    unit: str
    noun: str | None  # the head noun as written ("Russians", "vehicles"), None when implied


_LEX = load("mentions")
_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december|"
           "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
_DATE_NEAR = re.compile(rf"^\s*(?:{_MONTHS})\b|\b(?:{_MONTHS})\.?\s*$", re.I)
_MONEY_BEFORE = re.compile(r"(?:[$€£¥₽]|US\$|USD|EUR)\s*$")
_FILLER = {"more", "other", "new", "additional", "further", "extra", "of", "the", "them", "those", "these",
           "ethnic", "young", "mostly", "mainly", "predominantly", "registered", "recorded", "reported",
           "estimated", "documented", "undocumented", "irregular", "illegal", "fleeing", "desperate",
           "such", "total", "another", "fellow", "foreign", "local", "or", "so", "people's"}
_ANAPHORA = re.compile(r"\b(?:the|that|this|their|a) (?:number|figure|total|tally|count|flow|influx)\b", re.I)


@cache
def _phrases(name: str) -> tuple[re.Pattern[str], dict[str, str]]:
    """A word-start pattern over one list of the lexicon, and phrase → unit for the unit lists."""
    if name == "units":
        table = {p: unit for unit, words in _LEX["units"].items() for p in words}
    else:
        table = {p: name for p in _LEX["cues"][name]}
    alternatives = "|".join(re.escape(p) for p in sorted(table, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w])", re.I), table


def has(name: str, text: str) -> bool:
    return bool(_phrases(name)[0].search(text))


def find(sentence: str, previous: str = "") -> list[Candidate]:
    """The movement-figure candidates in one sentence (`previous` lends context to "the number")."""
    out = []
    quantities = numbers.find(sentence)
    moving = has("movement", sentence) or (bool(_ANAPHORA.search(sentence)) and has("movement", previous))
    for i, q in enumerate(quantities):
        nxt = quantities[i + 1].start if i + 1 < len(quantities) else len(sentence)
        unit, noun = _unit(sentence, q, nxt, out)
        if unit is None or not _plausible(sentence, q, nxt, moving, noun):
            continue
        out.append(Candidate(q, unit, noun))
    precise = [c for c in out if c.quantity.qualifier != "vague"]
    return [c for c in out if c.quantity.qualifier != "vague" or not precise]


def _unit(sentence: str, q: Quantity, nxt: int, earlier: list[Candidate]) -> tuple[str | None, str | None]:
    """The unit from the noun after the number; None when the number counts something else."""
    after = sentence[q.num_end:nxt]
    if re.match(r"^(?:-|\s)?(?:[a-z]+-)?(?:year|hour|day|week|month|minute|km|kilomet|mile|metre|meter|"
                r"storey|percent|per cent|%|st\b|nd\b|rd\b|th\b|s\b|/|:|\.\d)", after, re.I):
        return None, None
    words = re.findall(r"[\w’'-]+|%", after.replace("[", " ").replace("]", " "))[:6]
    for n, word in enumerate(words):
        phrase = " ".join(words[n:n + 3]).lower()
        hit = _phrases("units")[0].match(phrase)
        if hit:
            return _phrases("units")[1][hit.group(0).lower()], hit.group(0)
        if _phrases("not_units")[0].match(phrase):
            return None, None
        code = gazetteer.lookup(word)
        if code and word[0].isupper() and not word.endswith(("’s", "'s")):
            if gazetteer._index()[word][1] == "demonym":
                return "people", word
            continue
        if word.lower() not in _FILLER:
            break
    if earlier and re.match(r"^\s*(?:to|in|into|for|at)\b", after):
        return earlier[-1].unit, None  # "50 thousand fled to X and another 40 thousand to Y"
    return ("people", None) if _bare_count(after) else (None, None)


def _bare_count(after: str) -> bool:
    """A number standing alone as subject or object: "10,000 have crossed", "rose to 10,000 a day"."""
    return bool(re.match(r"^\s*(?:$|[.,;:)”\"’]|(?:have|has|had|were|are|was|more|a day|per|each|every|"
                         r"daily|weekly|monthly|on|since|in the|last|this|so far|by|during|between|"
                         r"from|over the|within|according|—|–|-\s))", after, re.I))


def _plausible(sentence: str, q: Quantity, nxt: int, moving: bool, noun: str | None) -> bool:
    before, after = sentence[:q.start], sentence[q.num_end:nxt]
    if _DATE_NEAR.search(before[-12:]) or _DATE_NEAR.search(after[:12]) or _MONEY_BEFORE.search(before):
        return False
    if q.qualifier == "exact" and q.low == q.high and 1900 <= q.low <= 2100 and noun is None:
        return False  # a year
    if q.low < 2 and q.qualifier != "vague":
        return False
    if re.search(r"[/:]\s*$", before) or re.search(r"^\s*(?:times|x)\b", after):
        return False
    if not moving:
        return False
    window = _clause(before, after)
    return not (has("negative", window) or has("projection", window))


def _clause(before: str, after: str) -> str:
    """Words near the number inside its clause: the context its verb and qualifiers live in."""
    left = re.split(r"[;:]|,\s(?:while|but|and|which|who)\b|\bwhile\b|\bwhereas\b", before)[-1]
    right = re.split(r"[;:]|,\s(?:while|but|and|which|who|as)\b|\band\b", after)[0]
    return " ".join(left.split()[-6:] + right.split()[:7])
