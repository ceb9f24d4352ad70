"""The one sentence splitter, with character offsets into the article text.

Rule-based and fast (news prose, English): paragraphs are lines; inside a line a sentence ends at
. ! or ? (and any closing quote or bracket) before a capital, a digit or an opening quote, unless
the word before is a known abbreviation or an initial; a headline ends where a dateline starts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    start: int
    end: int
    paragraph: int


_ABBREV = {"mr", "mrs", "ms", "dr", "gen", "lt", "col", "sgt", "st", "prof", "sen", "rep", "gov", "jr", "sr",
           "vs", "etc", "approx", "no", "jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct", "nov", "dec",
           "u.s", "u.n", "u.k", "e.g", "i.e", "inc", "ltd", "co", "corp", "capt", "maj", "adm", "pres", "mt"}
_BOUNDARY = re.compile(r"[.!?]+[\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])")  # straight quotes too: "… in January. 'The"


def split(text: str) -> list[Sentence]:
    out: list[Sentence] = []
    offset = 0
    for paragraph, line in enumerate(text.split("\n")):
        out.extend(_split_line(line, offset, paragraph))
        offset += len(line) + 1
    return out


# A headline run into its story's dateline: "… as Sudan fighting drags on METEMA, Ethiopia, May 9 — More than …"
_DATELINE = re.compile(r"(?<=[a-z0-9])\s+(?=[A-Z][A-Z'’.-]{2,}(?:\s[A-Z][A-Z'’.-]+)*"
                       r"(?:,\s[^—–]{2,40}?|\s*\([A-Za-z ]+\))\s*(?:—|–|--|-)\s)")


def _split_line(line: str, offset: int, paragraph: int) -> list[Sentence]:
    out, start = [], 0
    for m in sorted([*_BOUNDARY.finditer(line), *_DATELINE.finditer(line)], key=lambda m: m.start()):
        word = re.search(r"(\S+)$", line[start:m.start()])
        token = word.group(1).lower().rstrip(".") if word else ""
        if token in _ABBREV or re.fullmatch(r"[a-z]", token):
            continue
        end = m.end() - len(m.group(0)) + len(m.group(0).rstrip())
        out.append(_make(line, start, end, offset, paragraph))
        start = m.end()
    if line[start:].strip():
        out.append(_make(line, start, len(line.rstrip()), offset, paragraph))
    return [s for s in out if s.text]


def _make(line: str, start: int, end: int, offset: int, paragraph: int) -> Sentence:
    while start < end and line[start].isspace():
        start += 1
    return Sentence(line[start:end], offset + start, offset + end, paragraph)
