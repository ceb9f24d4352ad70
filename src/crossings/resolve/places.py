"""Origin and destination of a figure as ISO 3166 codes, from the place mentions around it.

Cues, in order: "from/fled/leaving X" (origin), "to/into/in/entered X" and "the X border"
(destination), a named crossing ("the English Channel": gazetteer.route), the demonym of the people counted ("40,000 Venezuelans": origin), the country that speaks
of "the country" or "their country" (destination), then what earlier sentences established.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from crossings.resolve import gazetteer
from crossings.resolve.gazetteer import Mention

_ORIGIN_CUE = re.compile(r"(?:\b(?:fled|fleeing|escaping|escaped)(?: the)? (?:fighting|violence|war|conflict|clashes|"
                         r"persecution|bombing|shelling|unrest|hunger|drought|crackdown) in|"
                         # "the war in Sudan has driven 1.8 million across its borders": where they fled
                         r"\b(?:wars?|fighting|conflicts?|violence|clashes|unrest|bombardments?|hostilities)(?: (?:resumed|raged|erupted|"
                         r"escalated|intensified|continued|flared|broke out))?(?: around| near)? in(?-i:\s+(?:[A-Z][\w'-]*\s+){1,3}in)?|\b(?:fighting|clashes|shelling) "
                         r"(?:resumed |raged |erupted |escalated |intensified |continued )?(?:around|near)|\bfrom|\bfled|\bflee|\bfleeing|\bleft|\bleaving|\bleave|\bout of|\bescaped|\bescaping|"
                         r"\bexodus from|\bdeparted|\bdeparting|\bexpelled from|\bdeported from|\bevacuated from|"
                         # "1,940 Haitians left voluntarily through the Dajabón crossing"
                         r"\b(?:left|leaving|departed|exited)(?:\s+[a-z]+)?\s+(?:through|via)|"
                         # "from the al-Hol camp in northeastern Syria"
                         r"\bfrom\s+(?:the\s+)?(?:[\w'-]+\s+){0,3}(?:camps?|settlements?|areas?|regions?|provinces?|"
                         r"district|villages?|towns?|city)\s+(?:in|of|near))"
                         r"(?:\s+(?:the|neighbou?ring|war-torn|war-ravaged|[a-z]*(?:north|south|east|west)ern|"
                         r"central|crisis-hit|[a-z]+-hit|conflict-hit|its|their|his|her|(?:[A-Z][a-z]+ )?(?:city|town|region|"
                         r"state|province|district|village|capital) of))*\s*$", re.I)
_DEST_CUE = re.compile(r"(?:\bto|\binto|\bin|\b(?:arrived|arriving|arrive|arrivals|landed|landing|landings|land|(?:came|come|coming|comes) ashore) on|\bisland of|\bshores? of|\bcoast of|\bentered|\bentering|\benter|\breached|\breaching|\btowards?|"
                       r"\bacross to|\bfor|\bat|\bcrossed|\bborder with|\bcross|\bcrossing|\bsheltering in|\breach)"
                       r"(?:\s+(?:the|this|tiny|small|remote|neighbou?ring|northern|southern|eastern|western|central|[a-z]+(?:-[a-z]+)?ern|"
                       r"capital|city of|town of|village of|port of|border town of|territory of|[A-Z][a-z]+ (?:city|capital|town|village|port) of|"
                       r"[A-Z][a-z]+['’]s))*"
                       r"\s*$", re.I)
_STRONG_DEST = re.compile(r"\b(?:into|entered|entering|enter|arrived in|arriving in|arrived on|landed on|reached|fled to|flocked to|crossed to)"
                          r"(?:\s+(?:the|neighbou?ring))?\s*$", re.I)
# "encountered at the southwest border with Mexico", "camped at the Polish border with Belarus": a country's
# own border "with Y" is where people come from Y; "the Polish side of the border with Belarus" is not.
_OWN_BORDER_WITH = re.compile(r"\b(?:its|their|[A-Z][\w.]*(?:'s|’s)|(?:south|north|east|west)[\w-]*|"
                              r"[A-Z][a-z]+(?:an|ish|ese|ic|i))\s+(?:(?:land|sea|river)\s+)?border with(?:\s+the)?\s*$")
# "Guineans fleeing a wave of attacks on black Africans in Tunisia": what people fled, and where
_FLEEING_IN = re.compile(r"\b(?:fled|fleeing|escaping|escaped|flee)\s+(?:(?!\b(?:to|into|towards|across|for|safety|"
                         r"were|was|are|is|have|has|had|been|and|who|which|that)\b)"
                         r"[^,;.]){0,60}?\bin\s+(?:the\s+)?$", re.I)
_SOURCE_FROM = re.compile(r"\b(?:figures|data|statistics|estimates|numbers|reports?|officials)\s+(?:from|of)\s+(?:the\s+)?$",
                          re.I)
_SEPARATING = re.compile(r"\bseparat\w*\b[^.;]{0,60}\bfrom\s+(?:the\s+)?$", re.I)
# (not "foreign nationals from more than 50 countries" who left Sudan: their nationalities, not where they left)
_MANY_ORIGINS = re.compile(r"\bof (?:more than |over |some |about )?(?:all|many|various|different|\d+|dozens of|"
                           r"(?:a|two|three|four) dozen) (?:different )?nationalities\b", re.I)
_INTO_BLOC = re.compile(r"\b(?:into|to|in|reaching|reached|entered|entering)\s+(?:the\s+)?(?:EU|European Union|Europe|bloc|"
                        r"Schengen area)\b|\bthe (?:EU|bloc)['’]s (?:external )?borders\b")
# "Detections on the Western Balkan route fell to 99,000": a route through many countries, no one corridor
_REGIONAL_ROUTE = re.compile(r"\b(?:[Cc]entral|[Ee]astern|[Ww]estern) (?:Mediterranean|Balkans?|African)(?: route)?\b|"
                             r"\bthe (?:Balkan|Atlantic|Mediterranean|Eastern) route\b")
_OF_THEM_AHEAD = re.compile(r"(?:[^,;.]|\.\d){0,25}?\bof (?:them|those)\b")
_HERE = re.compile(r"\b(?:here|in this (?:[A-Z][\w-]+ )?(?:town|city|border town|border city|village))\b")
# "DEL RIO, Texas —", "TUMBES, Peru (Reuters) -": a wire story's dateline, the place "here" means
_DATELINE = re.compile(r"^[A-ZÀ-Ý][A-ZÀ-Ý'’ .-]{2,}(?:,\s*[A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*)*)?(?:,?\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"
                       r"\s*(?:\([^)]{2,30}\))?\s*(?:[—–-]|:(?=\s))")


def dateline(sentence: str, mentions: list[Mention]) -> Mention | None:
    """The place a first sentence's dateline names (its country where it names one), for "here"."""
    m = _DATELINE.match(sentence)
    named = [n for n in mentions if m and n.end <= m.end() and n.kind in ("country", "city")]
    if named or not m:
        return named[-1] if named else None
    # "ISTANBUL (AA) —": a capitalised city alone, as the gazetteer spells it
    city = re.match(r"[A-ZÀ-Ý][A-ZÀ-Ý'’ .-]+?(?=\s*(?:[,(—–:-]|$))", sentence)
    found = gazetteer.find(city.group(0).title()) if city else []
    return Mention(city.group(0), 0, city.end(), found[0].code, found[0].kind, found[0].place) if (
        len(found) == 1 and found[0].kind in ("country", "city")) else None


_YEAR_BY_SEA = re.compile(r"(?=.*\bby sea\b)(?=.*\b(?:since (?:January|Jan\.|the (?:start|beginning) of the year)|so far this "
                          r"year|this year)\b)", re.I)
_FROM_ABROAD = re.compile(r"\bfrom (?:abroad|(?:neighbou?ring|other|several|many) countries)\b", re.I)
# "Germany hosted the largest number, 1,055,000": of the people the story is about (not "the largest number of refugees")
_ABOUT = r"(?:about|some|around|nearly|more than|over|roughly)?"  # a qualifier before a number, if any
_GROUP_BEFORE = re.compile(rf"\b(?:refugees?|migrants?|asylum[- ]seekers?|displaced)\b[^,;]{{0,20}},?\s*(?:of\s+)?{_ABOUT}\s*$",
                           re.I)
_BEFORE_PART = re.compile(r"(?:[^,;]|,(?=\d))*,\s*(?:including|among them)\s+(?:about |some |around |nearly |more than |over )?$")
_VIA_FROM = re.compile(r"\b(?:after|having|before)\s+(?:crossing|crossed|travelling|traveling|walking|coming)\s+"
                       r"(?:in\s+|over\s+|overland\s+)?from\s+(?:the\s+)?$", re.I)
_FOREIGNERS = re.compile(r"\bforeign(?:ers| nationals| citizens)\b|\bnationalities\b", re.I)
_REST = "the rest|the remainder|the others"  # "…, the rest having continued to Hungary": other people's corridor
_THE_REST = re.compile(rf",\s*(?:{_REST})\b")
_RANKING = re.compile(rf"\bthe (?:largest|biggest|highest) (?:number|share|total),?\s*{_ABOUT}\s*$", re.I)
# "tens of thousands more have moved on to other European countries": onwards, to nowhere in particular
_ONWARD = re.compile(r"\b(?:to|into) (?:other|third|various) (?:[A-Z][a-z]+ ){0,2}countries\b|\bfurther west\b")
_WORLDWIDE = re.compile(r"\b(?:worldwide|globally|around the (?:world|globe)|across the (?:world|globe))\b", re.I)
_HOSTED = re.compile(r"\b(?:hosts?|hosting|hosted|home to|living|lives?|sheltering|remain|remained|stay|staying)\b", re.I)
_BORDER_AFTER = re.compile(r"^\s*(?:border|frontier|territory|checkpoints?|crossings?)\b", re.I)
_SHORES_AFTER = re.compile(r"^\s*(?:(?:resort|holiday|tourist|outlying|southern|northern|eastern|western|border)\s+)?(?:islands?|"
                           r"shores?|coast|coastline|mainland|soil|enclaves?|ports?|harbou?rs?|camps|territory|"
                           r"(?:town|city|village|province|region|district) of)\b", re.I)
_POINT_AFTER = re.compile(r"\s+(?:border\s+)?(?:crossing|crossing point|border post|checkpoint|post|land port)\b", re.I)
_SHELTERED = re.compile(r"\b(?:shelter(?:ed|ing)?|housed|housing|hosted|hosting|accommodat\w+|registered|"
                        r"receiv\w+|taking care of)\b", re.I)
_SIDE_AFTER = re.compile(r"^\s*side\b", re.I)
_BETWEEN = re.compile(r"(?<!\bwar )(?<!\bconflict )(?<!\bfighting )(?<!\btalks )(?<!\bdeal )\bbetween\s*$", re.I)
_RETURN = re.compile(r"\b(?:return(?:ed|ing|ees?|s)?|repatriat\w+|deport\w*|sent back|expel\w*|expulsions?|"
                     r"forced back|went back|going back|gone back|go back|came back|coming back|sent home|returned home|"
                     r"gone home|went home|going home|headed home|heading home|crossed back|back into|back to(?! sea)|back home|brought back|brought home|flown home|flew home)\b", re.I)
_ABROAD = re.compile(r"\b(?:to|into|in)\s+(?:neighbou?ring|nearby|other)\s+countries\b|\babroad\b", re.I)
_HOSTS = re.compile(r"\b(?:hosts?|hosting|hosted|home to|shelters?|sheltering)\b", re.I)
_OWN_PEOPLE = re.compile(r"\b(?:its|their) (?:own )?(?:citizens|nationals)\b", re.I)
_COMPOSITION = re.compile(r"\b(?:of them|of those|of whom|the rest|the remainder|the majority|most of|mostly|"
                          r"mainly|predominantly|followed by|(?:largest|biggest|second-largest|main) (?:group|groups|"
                          r"nationality|nationalities))\b|%|\bper ?cent\b", re.I)
_AT_PLACE = re.compile(r"\b(?:in|at)\s+(?:the\s+)?$", re.I)
_WAITING_TO = re.compile(r"\b(?:waiting|queu\w+|lined up|massed|gathered)\s+to\s+(?:cross|enter|leave|"
                         r"reach|get\s+(?:in|across))\b", re.I)
_IN_OR_AT = re.compile(r"\b(?:in|at)\s+(?:the\s+)?(?:[a-z]+\s+){0,2}$")
_PENDING = re.compile(r"\b(?:awaiting|waiting|pending|to be (?:deported|returned|repatriated|sent|flown))\b", re.I)
_TO_CITY = re.compile(r"\bto\s+$")
_TO = re.compile(r"\b(?:to|into)\s+(?:the\s+)?$", re.I)
_LEAVING = re.compile(r"\b(?:left|leaving|departed|departing|exited|exiting)\b", re.I)
# A figure whose own verb is leaving, with no place: "32,000 left over the same period", "4.5 million
# Venezuelans have left since 2015" (not "were left stranded", "left for Spain", "left Kazakhstan")
_LEFT_ALONE = re.compile(r"\s*(?:[\w,.-]+\s+){0,6}?(?:left|departed|exited|have gone abroad|emigrated)\b(?!\s+(?:behind|"
                         r"stranded|without|homeless|for|to|from|[A-Z]|the\s+(?:country|[A-Z])|their|its|his|her|home)\b)")
_LEFT_COUNTRY = re.compile(r"\s*(?:[\w,.-]+\s+){0,6}?(?:left|departed|exited|emigrated from|moved out of|fled)\s+the\s+country\b")
_ENTERED_COUNTRY = re.compile(r"\s*(?:[\w,.-]+\s+){0,6}?(?:entered|arrived in|came to|returned to|immigrated to|moved to|"
                              r"came back to)\s+the\s+country\b")
_PART_FOLLOWS = re.compile(r"\s*(?:including|among them|of whom|of which|(?:most|many|some) of them)\b", re.I)
_CONTRAST = re.compile(r"\b(?:while|whereas|but)\b", re.I)
_OTHER_WAY = re.compile(r"\b(?:in\s+)?the\s+(?:other|opposite|reverse)\s+(?:direction|way)\b", re.I)
_THE_COUNTRY = re.compile(r"\b(?:the|their|its|our) (?:country|countries|territory|territories|nation)\b", re.I)
_RECEIVER = re.compile(r"^\s*(?:,[^,]{2,60},\s*|,\s*which\s+)?(?:['’]s\s+(?:[\w-]+\s+){0,3}?(?:camps?|settlements?|complex|"
                       r"(?:reception|transit|registration) cent(?:re|er)s?|shelters?)\s+)?"  # "Kenya's Dadaab camps received 10,000"
                       r"(?:(?:says|said) (?:it |they )?)?"  # "Lebanon, which says it hosts about 1.5 million Syrians"
                       r"(?:alone |itself |too |also |now |already |currently |still )?(?:has |have |had |is |are |"
                       r"was |were )?(?:been )?(?:now |already )?(?:received|receives|receiving|hosts?|hosting|hosted|shelters|sheltered|welcomed|welcoming|welcomes|registered|registers|recorded|records|took in|"
                       r"taken in|admitted|admits|accepted|accepts|resettled|counted|logged|granted|is (?:now )?home to|"
                       r"evacuated|airlifted|rescued|took(?! part| place| over| power| office| control))\b", re.I)  # "Saudi Arabia has evacuated 5,197 people from Sudan"


@dataclass
class Carry:
    """What earlier sentences established, for figures whose countries are only implied."""

    origin: Mention | None = None
    destination: Mention | None = None
    default_origin: Mention | None = None
    here: Mention | None = None  # the dateline's place: "DEL RIO, Texas — … camped under the bridge here"
    speakers: list[Mention] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Roles:
    origin: Mention | None
    destinations: tuple[Mention, ...]


def roles(sentence: str, mentions: list[Mention], segment: tuple[int, int, int], noun: str | None,
          speakers: list[Mention], carry: Carry) -> Roles:
    """Origin and destination(s) of the figure at segment[1] (its neighbours end at [0], start at [2])."""
    own_start, clause_end = _own_start(sentence, segment), _clause_end(sentence, segment[1], segment[2])
    found = _roles(sentence, mentions, segment, (own_start, clause_end), noun, speakers, carry)
    # the origin the figure's own words name (not one carried from another sentence)
    named = _named_in(found.origin, mentions, own_start, clause_end)
    if _WORLDWIDE.search(sentence, own_start, clause_end):
        # "120 million people forced to flee their homes worldwide": a global count, no corridor, unless
        # its own words name the people ("Venezuelan refugees and migrants worldwide")
        return Roles(named, ())
    if _ONWARD.search(sentence, segment[1], clause_end) and not any(segment[1] <= d.start < clause_end
                                                                    for d in found.destinations):
        return Roles(found.origin, ())
    if _YEAR_BY_SEA.search(sentence, own_start, clause_end) and not named:
        # "Since January, 124,950 people have reached Italy by sea": a country's tally from every departure coast
        return Roles(None, found.destinations)
    if _FROM_ABROAD.search(sentence, segment[1], clause_end) or _MANY_ORIGINS.search(sentence, own_start, clause_end):
        # "1.1 million have entered Ukraine from abroad", "400,000 people of all nationalities": from anywhere (unless
        # their own words say where: "5,000 foreign nationals of more than 50 nationalities crossed from Sudan")
        return Roles(None if _FROM_ABROAD.search(sentence, segment[1], clause_end) else named, found.destinations)
    bloc = _INTO_BLOC.search(sentence, own_start, clause_end) or _REGIONAL_ROUTE.search(sentence, own_start, clause_end)
    if bloc and not any(own_start <= d.start < clause_end for d in found.destinations):
        # "Irregular border crossings into the EU rose 17% to 380,000": into a bloc, from wherever its words say
        return Roles(named, ())
    return _headed(sentence, mentions, found)


_HEADING = re.compile(r"^\W*[A-Z][\w'’ -]{2,30}:\s")


def _headed(sentence: str, mentions: list[Mention], found: Roles) -> Roles:
    """A digest item's heading names the place its story is about, the side its figure leaves open: "Sudan: some
    20,000 people have fled into Chad", "Mizoram: 9,247 people from Myanmar have taken shelter in the state"."""
    heading = _HEADING.match(sentence)
    place = next((m for m in mentions if heading and m.end < heading.end() and m.kind in ("country", "city")), None)
    if not place:
        return found
    if found.origin is None and found.destinations and all(d.code != place.code for d in found.destinations):
        return Roles(place, found.destinations)
    if found.origin is not None and not found.destinations and found.origin.code != place.code:
        return Roles(found.origin, (place,))
    return found


def _named_in(m: Mention | None, mentions: list[Mention], start: int, end: int) -> Mention | None:
    """`m` if the figure's own words name it (not a carried mention from another sentence)."""
    return m if m is not None and any(m is n for n in mentions) and start <= m.start < end else None


def _roles(sentence: str, mentions: list[Mention], segment: tuple[int, int, int], clause: tuple[int, int],
           noun: str | None, speakers: list[Mention], carry: Carry) -> Roles:
    own_start, clause_end = clause
    if _OTHER_WAY.search(sentence, segment[1], clause_end) and carry.origin and carry.destination:
        return Roles(carry.destination, (carry.origin,))  # "…, while 8 million crossed the other way"
    # "18,620 Syrians, including 3,150 registered refugees, have returned": the head's verb is past its part
    head_of_part = _BEFORE_PART.match(sentence, segment[1], segment[2])
    returning = _returning(sentence[own_start:_clause_end(sentence, segment[1], len(sentence)) if head_of_part else clause_end])
    asides = [a.span() for a in _PART_SPAN.finditer(sentence, segment[1], segment[2])]
    # "Forty-two migrants, all of them men from Guinea and Ivory Coast, were brought ashore": who, not from where
    mentions = [m for m in mentions if m.kind not in ("country", "city") or not any(a <= m.start < b for a, b in asides)]
    after = [m for m in mentions if segment[1] <= m.start < clause_end]
    before = [m for m in mentions if own_start <= m.start < segment[1]]
    people = _demonym_of(sentence, mentions, segment, noun)
    # the whole sentence's cues stop where the next figure begins ("…, with 70,187 in Tanzania" is that one's),
    # unless that one is only a part or a restatement of this ("about 8,000 people, including some 2,000 minors, had")
    apart = len(sentence[segment[1]:segment[2]].split()) > 4
    own = [m for m in mentions if m.start < segment[2]] if apart else mentions
    rest = _THE_REST.search(sentence, segment[1])  # "…are still in the country, the rest having continued to Hungary"
    own = [m for m in own if m.start < rest.start()] if rest else own
    origins, dests = _cued(sentence, own, after, before, people, returning)
    origins, dests = _waiting_in(sentence, (own_start, clause_end), origins, dests)
    origins, dests = _queued_side(sentence, (own_start, clause_end), mentions, origins, dests)
    origins, dests = _crossing_point(sentence, origins, dests)
    owner = _border_owner(sentence, mentions, origins, dests, [people, carry.origin, carry.default_origin])
    if owner:
        origins, dests = [owner], [origins[0]]
    unnamed = _unnamed_country(sentence, mentions, (own_start, *segment[1:], clause_end), people, noun, speakers, carry)
    if unnamed:
        return unnamed
    if (not origins and not dests and people and carry.origin and carry.destination and not speakers
            and people.code == carry.destination.code != carry.origin.code and not _HOSTED.search(sentence)
            and not _receiver(sentence, mentions)):  # "Egypt has received 1.5 million Sudanese": they came
        # after "…crossed from Lebanon into Syria", "235,000 Syrians among those who crossed" went home
        return Roles(carry.origin, (carry.destination,))
    origin = origins[0] if origins else None
    own_people = _OWN_PEOPLE.search(sentence, segment[1], clause_end) or (not people and noun in ("citizens", "nationals"))
    if not dests and own_people:  # "Ethiopia has repatriated more than 130,000 citizens from Saudi Arabia" too
        # "Iraq repatriated 431 of its citizens from Belarus": the state that brings its own home
        dests = [m for m in [*mentions, *speakers] if m.kind in ("country", "adjective") and m not in origins][:1]
    if returning:
        origin, dests = _returned(sentence, mentions, speakers, carry, people, origin, dests)
    # "ethnic Armenians fled to Armenia": their name says where they went, not where they came from
    homecoming = bool(people) and any(d.code == people.code and (d.kind == "country" and _TO.search(sentence, 0, d.start)
                                                                  or d.kind == "city" and _TO_CITY.search(sentence, 0, d.start))
                                      for d in dests)  # "ethnic Armenians fled to Armenia", "90 Venezuelans to Caracas"
    # "In South Sudan, IOM registered 580,000 arrivals, most of them South Sudanese returnees": home, not from
    homecoming = homecoming or bool(people and dests and dests[0].code == people.code
                                    and any(d.code == people.code and d.kind == "country" for d in dests))
    # (and "1,250 Haitians … after crossing from Peru": their country, not the one they passed through)
    transit = origin in after and bool(_VIA_FROM.search(sentence, max(0, origin.start - 25), origin.start)) if origin else False
    if not returning and people and (origin is None or (noun == people.text and (origin not in after or transit))) and not homecoming:
        origin = people  # "78,000 Russians ..." unless their own clause says "left Georgia"
    if not origin and not dests and _ABROAD.search(sentence, segment[1], clause_end):
        # "4 million displaced inside Sudan, and 1.1 million have fled to neighbouring countries": from there
        origin = next((m for m in mentions if m.kind == "country" and m.start < segment[1]), None)
    receiver = _receiver(sentence, [m for m in mentions if segment[0] <= m.start < segment[1]])  # its own receiver
    if not origin and not returning:  # "The Philippines deployed 2,431 household workers to Kuwait": the sender
        origin = next((m for m in mentions if segment[0] <= m.start < segment[1] and m.kind == "country"
                       and _SENDER.match(sentence, m.end)), None)
    own_noun = noun or _GROUP_BEFORE.search(sentence, max(0, segment[1] - 40), segment[1])  # "the largest refugee population,"
    if (not origin and receiver and not people and own_noun and _HOSTS.search(sentence)
            and not _OF_THEM_AHEAD.match(sentence, segment[1]) and not _RANKING.search(sentence, max(0, segment[1] - 40), segment[1])):
        # (but "Poland alone hosts over 1.5 million of them", "Germany hosted the largest number, 1,055,000", "Colombia
        # hosts some 2.9 million": the people the story is about)
        carry = Carry(destination=carry.destination, default_origin=carry.default_origin)  # "Uganda hosts 1.5 million refugees": from anywhere
    # "29,000 Russians left Kazakhstan, heading back or on to third countries": where to is not said.
    left_named = origin in after and bool(_LEAVING.search(sentence, segment[1], clause_end))
    # "…waiting to cross from Bosnia into Croatia. More than 21,000 have entered Bosnia this year": not from Bosnia
    entered_origin = bool(dests and carry.origin and carry.origin.code == dests[0].code
                          and _STRONG_DEST.search(sentence, 0, dests[0].start))
    route = None if returning else gazetteer.route(sentence)  # "crossed the Channel": France to Britain
    origin = origin or _implied_origin(sentence, segment, dests, route, carry, entered_origin, returning)
    if homecoming and origin and origin.code == people.code:
        origin = None
    options = [*(() if returning else _the_country(sentence, speakers, dests, _clause_start(sentence, segment[0], segment[1]))),
               *[(d,) for d in dests], (route[1],) if route else (),
               receiver, *([] if returning else [tuple(speakers[:1])]),
               (carry.here,) if carry.here and _HERE.search(sentence, own_start, clause_end) else (),
               *([] if left_named else [(carry.destination,) if carry.destination else (),
                                        # "…, while 17,800 arrived from Ukraine": the other way
                                        (carry.origin,) if carry.origin else ()])]
    for option in options:  # the first that names somewhere other than the origin
        chosen = tuple(d for d in option if d and (not origin or d.code != origin.code))
        if chosen:
            return Roles(origin or _other_side(speakers, chosen), chosen)
    return Roles(origin, ())


def _returning(text: str) -> bool:
    """People going or sent back, not a name: "Bangladesh's Refugee Relief and Repatriation Commissioner"."""
    return any((m.group(0)[0].islower() or not text[:m.start()].strip(" \"“‘'"))
               and not _MEANS_TO.search(text, 0, m.start()) for m in _RETURN.finditer(text))


# "those who register to return", "plans to go back": an intention, not a return
_MEANS_TO = re.compile(r"\b(?:register|registered|plan|plans|planned|want|wants|wanted|hope|hopes|hoping|hoped|intend|"
                       r"intends|wish|wishes|decide|decided|ready|willing|able|eligible|likely)\s+to\s+$", re.I)


def _returned(sentence: str, mentions: list[Mention], speakers: list[Mention], carry: Carry, people: Mention | None,
              origin: Mention | None, dests: list[Mention]) -> tuple[Mention | None, list[Mention]]:
    """Origin and destinations of people sent or going back: home is their nationality, the sender the other state."""
    if not origin and not people and dests and _AT_PLACE.search(sentence, 0, dests[0].start) and _PENDING.search(sentence):
        # "450 were being held at a police station in Malabo awaiting deportation": where they are leaves
        return dests[0], [m for m in [*speakers, *mentions] if m.kind in ("country", "adjective")
                          and m.code != dests[0].code][:1]
    dests = [people, *dests] if people else dests
    origin = origin or _other_country(mentions, speakers, dests[0] if dests else None)
    if (not dests and carry.default_origin and (not origin or origin.code != carry.default_origin.code)
            and not _FOREIGNERS.search(sentence)):
        dests = [carry.default_origin]  # "daily returns through Torkham had risen to 4,000" in a story about Afghans
    if not origin and dests and carry.here and carry.here.code != dests[0].code:
        origin = carry.here  # "ISTANBUL — … 273,856 Syrians had returned to their country": from where it is reported
    if not origin and dests and _TO.search(sentence, 0, dests[0].start):
        # "4,000 of them had been returned to Morocco": from where they had arrived
        origin = next((c for c in (carry.destination, carry.origin) if c and c.code != dests[0].code), None)
    return origin, dests


def _cued(sentence: str, mentions: list[Mention], after: list[Mention], before: list[Mention],
          people: Mention | None, returning: bool) -> tuple[list[Mention], list[Mention]]:
    """Origins and destinations the figure's own clause marks; else those of the whole sentence."""
    origins, dests = (a + b for a, b in zip(_by_cue(sentence, after), _by_cue(sentence, before[::-1]), strict=True))
    if origins or dests:
        return origins, dests
    origins, dests = _by_cue(sentence, mentions)
    if people and not returning:  # "126,300 Russians had entered the country, as queues stretched into
        dests = [d for d in dests if d.code != people.code]  # Russia's regions": no homecoming from elsewhere
    return origins, dests


_OWNER_BORDER = re.compile(r"(?:'s|’s)\s+(?:(?:land|sea|river)\s+)?border with(?:\s+the)?\s*$")


def _border_owner(sentence: str, mentions: list[Mention], origins: list[Mention], dests: list[Mention],
                  leaving: list[Mention | None]) -> Mention | None:
    """The country of "Russia's border with Georgia" (origins[0] is Georgia) when the story is about people leaving
    it: "cars waiting at the Verkhny Lars checkpoint on Russia's border with Georgia" go across, to Georgia."""
    cue = _OWNER_BORDER.search(sentence, 0, origins[0].start) if origins else None
    owner = next((m for m in mentions if cue and m.end == cue.start() and m.kind == "country"), None)
    if not owner:
        return None
    # "2,300 cars were lined up at the Verkhny Lars checkpoint on Russia's border with Georgia": the owner's checkpoint
    at_owner = bool(dests) and all(d.kind == "city" and d.code == owner.code for d in dests)
    return owner if at_owner or not dests and owner.code in {c.code for c in leaving if c} else None


def _unnamed_country(sentence: str, mentions: list[Mention], span: tuple[int, int, int, int], people: Mention | None,
                     noun: str | None, speakers: list[Mention], carry: Carry) -> Roles | None:
    """A figure that leaves or enters a country it does not name: "left the country", "have since left"."""
    own_start, start, _, clause_end = span
    placed_after = any(_by_cue(sentence, [m for m in mentions if start <= m.start < clause_end]))
    named = [m for m in mentions if m.kind == "country" and m.start < start]
    # (people named before the figure are others: "200,000 Russians entered Kazakhstan, … 147,000 had since left the country")
    earlier = not people or any(people is m for m in mentions) and people.start < start
    if not placed_after and earlier and _LEFT_COUNTRY.match(sentence, start, clause_end):
        # "Some 1.27 million people left the country over the same period": the country the story is about,
        # or the one the sentence names before ("Two years after war broke out in Sudan, 4 million have fled the country")
        return Roles(next(iter(named[-1:] + speakers), None) or carry.destination or carry.origin, ())
    if not placed_after and (named or speakers) and _ENTERED_COUNTRY.match(sentence, start, clause_end):
        # "22,600 people left Ukraine and 18,100 entered the country": the country named before, or the speaker's
        there = (named[-1:] or speakers)[0]
        return Roles(people if people and people.code != there.code else None, (there,))
    unplaced = not any(_by_cue(sentence, [m for m in mentions if own_start <= m.start < clause_end]))
    if unplaced and _LEFT_ALONE.match(sentence, start, clause_end):
        # "About 147,000 have since left" (after figures for Kazakhstan): from where they were, to anywhere
        own = people if people and noun == people.text else None
        return Roles(own or carry.destination or carry.origin or carry.default_origin, ())
    return None


def _waiting_in(sentence: str, clause: tuple[int, int], origins: list[Mention],
                dests: list[Mention]) -> tuple[list[Mention], list[Mention]]:
    """ "155,000 migrants are in northern Mexican border cities waiting to cross": where they wait they leave."""
    waiting = _WAITING_TO.search(sentence, *clause)
    # "At the Slovak crossing … 800 trucks were waiting to enter" (a named crossing point may be either side's)
    at = next((d for d in dests if waiting and d.start < waiting.start() and (
        d.kind == "adjective" and _IN_OR_AT.search(sentence.lower(), max(0, d.start - 30), d.start)
        or d is dests[0] and _IN_OR_AT.search(sentence, max(0, d.start - 30), d.start))), None)
    if not origins and at:
        return [at], [d for d in dests if d is not at]
    return origins, dests


def _queued_side(sentence: str, clause: tuple[int, int], mentions: list[Mention], origins: list[Mention],
                 dests: list[Mention]) -> tuple[list[Mention], list[Mention]]:
    """ "1,000 cars were queued on the Ukrainian side of the Shehyni-Medyka crossing": from that side to the other
    (but people sheltering "on the Kenyan side" are there)."""
    side = _QUEUED_SIDE.search(sentence, *clause)
    here = next((m for m in mentions if side and m.start == side.start(1)), None)
    if not here:
        return origins, dests
    there = [d for d in dests if d.code != here.code] or [
        m for m in mentions if side.end() <= m.start < clause[1] and m.code != here.code and m.kind in ("city", "country")]
    return [here], there[:1]


_QUEUED_SIDE = re.compile(r"\b(?:lined up|queued|queuing|queueing|backed up|waiting|stuck)\b[^.;]{0,40}?"
                          r"\bon the ([A-Z][\w-]+) side of\b")


_AT_CROSSING = re.compile(r"\bat\s+(?:the\s+)?$", re.I)


def _crossing_point(sentence: str, origins: list[Mention], dests: list[Mention]) -> tuple[list[Mention], list[Mention]]:
    """ "At the Upper Lars checkpoint, 3,000 cars waited to enter Georgia": a crossing point on the other side of
    the border from the country entered is where people leave."""
    if origins:
        return origins, dests
    entered = next((d for d in dests if d.kind == "country" and (_STRONG_DEST.search(sentence, 0, d.start)
                                                                  or _TO.search(sentence, 0, d.start))), None)
    point = next((d for d in dests if d.kind == "city" and entered and d.code != entered.code
                  and _AT_CROSSING.search(sentence, 0, d.start)), None)
    return ([point], [d for d in dests if d is not point]) if point else (origins, dests)


def _own_start(sentence: str, segment: tuple[int, int, int]) -> int:
    """Where the figure's own clause begins: after the last comma or conjunction since the figure before."""
    if not segment[0]:  # the first figure: after a coordinated clause before it ("… killed 42,000 in Turkey, and Turkey hosts")
        joins = list(re.finditer(r";|,\s*(?:and|while|but|whereas)\s+(?=[A-Z])", sentence[:segment[1]]))
        return joins[-1].end() if joins else 0
    breaks = list(re.finditer(r"[,;]|\b(?:and|while|but|whereas)\b", sentence[segment[0]:segment[1]]))
    start = segment[0] + breaks[-1].end() if breaks else segment[0]
    if _PART_FOLLOWS.match(sentence, start, segment[1]):
        return segment[0]  # "…had returned home since December, including 12,000 in the past two weeks"
    return start


def _implied_origin(sentence: str, segment: tuple[int, int, int], dests: list[Mention],
                    route: tuple[Mention, Mention] | None, carry: Carry, entered_origin: bool,
                    returning: bool) -> Mention | None:
    """Where people came from when their own words do not say: the other end of a contrast in the same
    sentence, a named crossing, the carried corridor, the nationality the article is about."""
    if entered_origin and segment[0] and _CONTRAST.search(sentence, segment[0], segment[1]):
        return carry.destination  # "26,000 crossed into Poland, while 31,000 went into Ukraine": the other way
    if route and (not dests or dests[0].code == route[1].code):
        return route[0]
    if dests and carry.origin and carry.destination and carry.origin.code == dests[0].code and _HOSTED.search(sentence):
        return carry.destination  # after "18,000 Congolese have returned from Burundi", "70,000 remain in Burundi"
    return (None if entered_origin else carry.origin) or (None if returning else carry.default_origin)


def _other_side(speakers: list[Mention], dests: tuple[Mention, ...]) -> Mention | None:
    """Officials of one country describing a queue into another speak for the side people leave."""
    return next((m for m in speakers if all(m.code != d.code for d in dests)), None)


# Where a figure's own words stop: "…, including 480,000 from Congo" and "…, as easing controls in China …"
# say something about others or about why.
_CLAUSE_BREAK = re.compile(rf",\s*(?:{_REST}|while|but|whereas|although|though|including|as|and\s+(?:the|that|a|about|some)|(?:most|many|"
                           r"some|half|all) of them|warning|adding|saying|noting|urging|prompting|forcing)\b|;|\bwhile\b|\bbefore\b")


def _clause_start(sentence: str, start: int, limit: int) -> int:
    breaks = list(_CLAUSE_BREAK.finditer(sentence, start, limit))
    return breaks[-1].end() if breaks else start


def _clause_end(sentence: str, start: int, limit: int) -> int:
    m = _CLAUSE_BREAK.search(sentence, start, limit)
    aside = m and _ASIDE.match(sentence, m.start(), limit)
    if aside:  # "431 Iraqis, most of them Kurds, left Minsk for Erbil": the clause goes on past the aside
        return _clause_end(sentence, aside.end(), limit)
    return m.start() if m else limit


# An aside between a figure and its verb: "431 Iraqis, most of them Kurds, left", "7,970 people, including
# British nationals and Afghans who worked with British forces, had been airlifted"
# "7,000 migrants, most of them from Honduras, set off": some of them, not the corridor of all
_PART_SPAN = re.compile(r",\s*(?:(?:most|many|some|half|all) of them|among them)\b"
                        # (not "most of them aboard boats that left from Sfax": where the journey began)
                        r"(?![^,;]*\b(?:left|set off|set sail|departed|sailed)\s+from\b)[^,;]*(?:,|$)")
_ASIDE = re.compile(r",\s*(?:(?:most|many|some|half|all) of them\b(?:(?!\b(?:from|to|into|in)\b)[^,;\d]){0,40},(?=\s*[a-z])|"
                    r"(?:(?:most|many|some|half|all) of them|including|among them)\b(?:[^,;]|,(?=\d)){0,80},(?=\s*(?:have|has|"
                    r"had|were|was|are|is)\b))")


def _the_country(sentence: str, speakers: list[Mention], dests: list[Mention], start: int) -> list[tuple[Mention, ...]]:
    """ "Peru said 40,000 have entered the country": the speaking state(s) received them. Only the figure's
    own words count: "…entered the country, while Armenian officials put arrivals in Armenia at 40,000"."""
    anaphor = _THE_COUNTRY.search(sentence, start)
    if anaphor and speakers and (not dests or dests[0].start > anaphor.start()):
        return [tuple(speakers)]
    return []


def _by_cue(sentence: str, mentions: list[Mention], sides: bool = True) -> tuple[list[Mention], list[Mention]]:
    """Mentions marked as origins ("from X", "the X side") and destinations ("into X"), in order."""
    origins, dests = [], []
    for m in mentions:
        before = sentence[max(0, m.start - 45):m.start]
        if m.kind in ("country", "city") and _BETWEEN.search(before):
            pair = [n for n in mentions if n.start > m.start and n.kind == "country"]
            if pair and re.match(r"^\s*and\s*$", sentence[m.end:pair[0].start]):
                return [m], [pair[0]]  # "the border between Turkey and Greece"
        if _SOURCE_FROM.search(before) or _SEPARATING.search(before):
            continue  # "according to figures from Italy's interior ministry", "the fence separating X from Y"
        fleeing = _FLEEING_IN.search(sentence, max(0, m.start - 80), m.start)
        side = sides and _SIDE_AFTER.match(sentence[m.end:])
        if side and _SHELTERED.search(sentence, 0, m.start):
            dests.append(m)  # "sheltering 8,500 of them on the Kenyan side of the border town": where they are
        elif (m.kind in ("country", "city") and (_ORIGIN_CUE.search(before) or _OWN_BORDER_WITH.search(before) or fleeing)
                or side or _coast_left(sentence, m, before)):
            origins.append(m)
        elif _is_destination(sentence, m, before):
            dests.append(m)
    # "stranded at the Chacalluta crossing on the border with Peru": a crossing point is either side's, last
    return origins, sorted(dests, key=lambda d: (not _STRONG_DEST.search(sentence[max(0, d.start - 25):d.start]),
                                                 d.kind == "city" and bool(_POINT_AFTER.match(sentence, d.end))))


def _coast_left(sentence: str, m: Mention, before: str) -> bool:
    """ "made the crossing from the Turkish coast", "set off from Libyan shores": the country's own coast."""
    return (m.kind == "adjective" and bool(_SHORES_AFTER.match(sentence[m.end:])) and bool(_ORIGIN_CUE.search(before))
            and not re.search(r"\bof (?:whom|them)\b", before))  # "most of whom had set off from the Tunisian port": some


def _is_destination(sentence: str, m: Mention, before: str) -> bool:
    if re.search(r"\bof them\b[^,]*$", before[-30:]):
        return False  # "with more than half of them going to Poland" names a share's destination
    if re.search(r"\b(?:second only to|second to|behind|than)\s*$", before):
        return False  # "Peru is home to 400,000 Venezuelans, second only to Colombia": a comparison
    if re.search(r"\b(?:linked|related|tied|connected|due|thanks|owing|close|next|similar|compared|attributed) to"
                 r"(?:\s+the)?\s*$", before, re.I):
        return False  # "entries linked to the Belarus route", "close to the Polish border": not where people went
    if m.kind == "adjective":
        return bool(_BORDER_AFTER.match(sentence[m.end:]) or (_SHORES_AFTER.match(sentence[m.end:])
                                                              and _DEST_CUE.search(before)))
    if m.kind == "country" and _TALLY_AFTER.match(sentence, m.end):
        return True  # "Slovakia's count stood at 213,000": the country counting arrivals
    if m.kind == "country" and _OWN_BORDER_AT.match(sentence, m.end) and re.search(r"\b(?:on|at|along|to)\s+$", before):
        return True  # "arriving at the Fassala transit centre on Mauritania's eastern border"
    return m.kind in ("country", "city") and bool(_DEST_CUE.search(before))


_SENDER = re.compile(r"\s+(?:has\s+|have\s+|had\s+)?(?:deployed|sent)\b")
_OWN_BORDER_AT = re.compile(r"['’]s\s+(?:[a-z]+ern\s+)?(?:border|frontier)\b(?!\s+with)")
_TALLY_AFTER = re.compile(r"['’]s\s+(?:(?:daily|official|latest|running)\s+)?(?:count|tally)\b")


_PEOPLE_AFTER = re.compile(r"^\s*(?:refugees|migrants?|people|nationals|citizens|asylum|men|women|children|families|soldiers|"
                           r"civilians|returnees|evacuees|deportees|exiles|arrivals|travell?ers|residents|defectors|"
                           r"workers|labou?rers|tourists|students|pilgrims|fishermen|passport holders|servicemen|(?:military )?personnel|"
                           r"troops|border guards|guards|officers|policemen|deserters|conscripts|draft dodgers|"
                           r"diplomats|staff|employees|journalists|doctors|nurses)\b(?!['’])", re.I)  # not "migrants' rights"


def _demonym_of(sentence: str, mentions: list[Mention], segment: tuple[int, int, int],
                noun: str | None) -> Mention | None:
    """The nationality of the people counted: the noun itself, or an adjective right before it. Not who
    some of them are: "7,970 people, including British nationals and Afghans"."""
    for m in mentions:
        if noun and m.text == noun and m.kind in ("demonym", "adjective"):
            return m
    named_after = any(segment[1] <= m.start < segment[2] and _names_people(sentence, m) for m in mentions)
    for m in mentions:
        part = m.start > segment[1] and _PART_OF_SOME.search(sentence, segment[1], m.start)
        # "46,558 Haitians and 25,565 Chinese nationals": with people of its own, the ones before "and" are the
        # figure before's (but "1,356 Afghan refugees, or 247 families" are the same people)
        part = part or (named_after and m.start < segment[1] and re.search(r"\band\b|,", sentence[m.end:segment[1]]))
        # "1,086 Myanmar nationals": a country's name before a noun for people names them too
        in_segment = m.kind in ("adjective", "demonym", "country") and segment[0] <= m.start < segment[2] and not part
        named_noun = noun and sentence[m.end:].lstrip().startswith(noun)  # "26,400 Mexican farmworkers"
        if in_segment and (m.kind == "demonym" or _PEOPLE_AFTER.match(sentence[m.end:]) or named_noun
                           or _CITIZENS_OF.search(sentence, max(0, m.start - 30), m.start)):
            return m  # "1,086 Myanmar nationals", "675 thousand citizens of Ukraine"
    people = [m for m in mentions if m.kind == "demonym"]
    return people[0] if people else None


_CITIZENS_OF = re.compile(r"\b(?:citizens|nationals|natives|subjects|passport holders)\s+of\s+(?:the\s+)?$", re.I)
_PART_OF_SOME = re.compile(r",\s*(?:including|among them|among whom|(?:most|many|some|half|all) of them|mostly|mainly)\b")


def main_origin(said: list[tuple[str, list[Mention]]]) -> Mention | None:
    """The nationality an article is mostly about, for figures that never name it: its demonyms ("Russians")
    and nationality adjectives before a noun for people ("Sudanese refugees")."""
    named = [m for text, ms in said for m in ms
             if m.kind == "demonym" or (m.kind == "adjective" and _PEOPLE_AFTER.match(text[m.end:]))]
    if not named:
        return None
    code = Counter(m.code for m in named).most_common(1)[0][0]
    return next(m for m in named if m.code == code)


def _names_people(sentence: str, m: Mention) -> bool:
    return m.kind == "demonym" or (m.kind in ("adjective", "country") and bool(_PEOPLE_AFTER.match(sentence[m.end:])))


def _other_country(mentions: list[Mention], speakers: list[Mention], dest: Mention | None) -> Mention | None:
    """Who sends people back: the speaking state, else another country named in the sentence."""
    for m in [*speakers, *mentions]:
        if m.kind in ("country", "adjective") and (not dest or m.code != dest.code):
            return m
    return None


def _receiver(sentence: str, mentions: list[Mention]) -> tuple[Mention, ...]:
    """ "Uganda has received 52,000", "Lebanon, a country of 5 million, hosts 1.5 million"."""
    for m in mentions:
        if m.kind in ("country", "city") and _RECEIVER.match(sentence[m.end:]) and not _ORIGIN_CUE.search(
                sentence[max(0, m.start - 45):m.start]):  # "refugees from Ukraine are registered": not the host
            return (m,)
    return ()


def composition(sentence: str) -> bool:
    """The sentence breaks people down by share or part ("70% of them are Syrians")."""
    return bool(_COMPOSITION.search(sentence))


def remember(sentence: str, mentions: list[Mention], carry: Carry) -> None:
    """Update the carried origin/destination from any sentence, figure or not."""
    origins, dests = _by_cue(sentence, mentions, sides=False)  # "the Georgian side" says where a queue is, not who
    if composition(sentence):
        origins = []  # "The migrants, mostly from Bangladesh, Eritrea and Egypt": some of them, not a corridor
    origin, dest = (origins[0] if origins else None), (dests[0] if dests else None)
    route = gazetteer.route(sentence)
    if route and not origin and (not dest or dest.code in (route[0].code, route[1].code)):
        origin, dest = route  # (and "at the U.S.-Mexico border", whose first name reads as the place people are at)
    people = next((m for m in mentions if m.kind == "demonym"), None)
    if _returning(sentence):
        origin, dest = origin, dest or people
    elif not composition(sentence):  # "70% of them are Syrians": who they are, not where from
        origin = origin or people
    if origin and carry.destination and origin.code == carry.destination.code and not dest:
        return  # "42,000 Russians left Georgia": a flow back, not a new corridor for what follows
    if origin:
        carry.origin = origin
    if dest and (not carry.origin or dest.code != carry.origin.code):
        carry.destination = dest
