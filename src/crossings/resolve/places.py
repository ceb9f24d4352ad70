"""Origin and destination of a figure as ISO 3166 codes, from the place mentions around it.

Cues, in order: "from/fled/leaving X" (origin), "to/into/in/entered X" and "the X border"
(destination), the demonym of the people counted ("98,000 Russians": origin), the country that speaks
of "the country" or "their country" (destination), then what earlier sentences established.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from crossings.resolve.gazetteer import Mention

_ORIGIN_CUE = re.compile(r"(?:\b(?:fled|fleeing|escaping|escaped)(?: the)? (?:fighting|violence|war|conflict|clashes|"
                         r"persecution|bombing|shelling|unrest|hunger|drought|crackdown) in|\bfrom|\bfled|\bflee|\bfleeing|\bleft|\bleaving|\bout of|\bescaped|\bescaping|"
                         r"\bexodus from|\bdeparted|\bdeparting|\bexpelled from|\bdeported from|\bevacuated from)"
                         r"(?:\s+(?:the|neighbou?ring|war-torn|war-ravaged|northern|southern|eastern|western|"
                         r"central|crisis-hit|[a-z]+-hit|conflict-hit|its|their|his|her))*\s*$", re.I)
_DEST_CUE = re.compile(r"(?:\bto|\binto|\bin|\bentered|\bentering|\benter|\breached|\breaching|\btowards?|"
                       r"\bacross to|\bfor|\bat|\bcrossed|\bborder with|\bcross|\bcrossing|\bsheltering in|\breach)"
                       r"(?:\s+(?:the|neighbou?ring|northern|southern|eastern|western|central|[a-z]+ern|"
                       r"capital|city of|town of|border town of|[A-Z][a-z]+ (?:city|capital|town) of))*"
                       r"\s*$", re.I)
_BORDER_AFTER = re.compile(r"^\s*(?:border|frontier|territory|checkpoints?|crossings?)\b", re.I)
_SIDE_AFTER = re.compile(r"^\s*side\b", re.I)
_BETWEEN = re.compile(r"\bbetween\s*$", re.I)
_RETURN = re.compile(r"\b(?:return(?:ed|ing|ees?|s)?|repatriat\w+|deport\w*|sent back|expelled|expulsions?|"
                     r"forced back|went back|going back|came back|coming back)\b", re.I)
_THE_COUNTRY = re.compile(r"\b(?:the|their|its|our) (?:country|countries|territory|territories|nation)\b", re.I)
_RECEIVER = re.compile(r"^\s*(?:now |already |currently |still )?(?:has |have |had )?(?:now |already )?(?:received|hosts?|hosting|welcomed|registered|recorded|took in|"
                       r"taken in|admitted|counted|logged|granted)\b", re.I)


@dataclass
class Carry:
    """What earlier sentences established, for figures whose countries are only implied."""

    origin: Mention | None = None
    destination: Mention | None = None
    default_origin: Mention | None = None
    speakers: list[Mention] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Roles:
    origin: Mention | None
    destinations: tuple[Mention, ...]


def roles(sentence: str, mentions: list[Mention], segment: tuple[int, int, int], noun: str | None,
          speakers: list[Mention], carry: Carry) -> Roles:
    """Origin and destination(s) of the figure at segment[1] (its neighbours end at [0], start at [2])."""
    returning = bool(_RETURN.search(sentence))
    after = [m for m in mentions if segment[1] <= m.start < segment[2]]
    before = [m for m in mentions if segment[0] <= m.start < segment[1]]
    origin, dest = _by_cue(sentence, after + before[::-1])
    if origin is None and dest is None:
        origin, dest = _by_cue(sentence, mentions)
    segment = (segment[0], segment[2])
    people = _demonym_of(sentence, mentions, segment, noun)
    if returning:
        dest = dest or people
        origin = origin or _other_country(mentions, speakers, dest)
    elif people and (origin is None or noun == people.text):
        origin = people
    dests: tuple[Mention, ...] = (dest,) if dest else ()
    anaphor = _THE_COUNTRY.search(sentence)
    if anaphor and speakers and (not dest or dest.start > anaphor.start()):
        dests = tuple(speakers)  # "Kazakhstan said 98,000 have entered the country"
    if not dests:
        dests = _receiver(sentence, mentions, origin)
    if not dests and not returning and speakers:
        dests = tuple(m for m in speakers[:1] if not origin or m.code != origin.code)  # "Egypt said 110,000 crossed"
    origin = origin or carry.origin or (None if returning else carry.default_origin)
    if not dests and carry.destination:
        dests = (carry.destination,)
    dests = tuple(d for d in dests if not origin or d.code != origin.code)
    return Roles(origin, dests)


def _by_cue(sentence: str, mentions: list[Mention]) -> tuple[Mention | None, Mention | None]:
    origin = dest = None
    for m in mentions:
        before = sentence[max(0, m.start - 45):m.start]
        if m.kind in ("country", "city") and _BETWEEN.search(before):
            pair = [n for n in mentions if n.start > m.start and n.kind == "country"]
            if pair and re.match(r"^\s*and\s*$", sentence[m.end:pair[0].start]):
                return m, pair[0]  # "the border between Turkey and Greece"
        if m.kind in ("country", "city") and _ORIGIN_CUE.search(before) or _SIDE_AFTER.match(sentence[m.end:]):
            origin = origin or m
        elif _is_destination(sentence, m, before):
            dest = dest or m
    return origin, dest


def _is_destination(sentence: str, m: Mention, before: str) -> bool:
    if m.kind == "adjective":
        return bool(_BORDER_AFTER.match(sentence[m.end:]))
    return m.kind in ("country", "city") and bool(_DEST_CUE.search(before))


_PEOPLE_AFTER = re.compile(r"^\s*(?:refugees|migrants|people|nationals|citizens|asylum|men|women|children|families|"
                           r"civilians|returnees|evacuees|deportees|exiles|arrivals|travell?ers|residents)\b", re.I)


def _demonym_of(sentence: str, mentions: list[Mention], segment: tuple[int, int], noun: str | None) -> Mention | None:
    """The nationality of the people counted: the noun itself, or an adjective right before it."""
    for m in mentions:
        if noun and m.text == noun and m.kind == "demonym":
            return m
    for m in mentions:
        in_segment = m.kind in ("adjective", "demonym") and segment[0] <= m.start < segment[1]
        if in_segment and (m.kind == "demonym" or _PEOPLE_AFTER.match(sentence[m.end:])):
            return m
    people = [m for m in mentions if m.kind == "demonym"]
    return people[0] if people else None


def _other_country(mentions: list[Mention], speakers: list[Mention], dest: Mention | None) -> Mention | None:
    """Who sends people back: the speaking state, else another country named in the sentence."""
    for m in [*speakers, *mentions]:
        if m.kind in ("country", "adjective") and (not dest or m.code != dest.code):
            return m
    return None


def _receiver(sentence: str, mentions: list[Mention], origin: Mention | None) -> tuple[Mention, ...]:
    for m in mentions:
        if m.kind == "country" and _RECEIVER.match(sentence[m.end:]) and (not origin or m.code != origin.code):
            return (m,)
    return ()


def remember(sentence: str, mentions: list[Mention], carry: Carry) -> None:
    """Update the carried origin/destination from any sentence, figure or not."""
    origin, dest = _by_cue(sentence, mentions)
    people = next((m for m in mentions if m.kind == "demonym"), None)
    if _RETURN.search(sentence):
        origin, dest = origin, dest or people
    else:
        origin = origin or people
    if origin:
        carry.origin = origin
    if dest and (not carry.origin or dest.code != carry.origin.code):
        carry.destination = dest
