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
    like: Candidate | None = None  # an earlier figure this one continues ("up from 4,824", "another 40,000")


_CONTINUES = re.compile(r"(?:\bon top of(?: some| about| around)?|\bin addition to|\band(?: some| about| around| roughly| nearly| almost)?|\bincluding(?: some| about| around| roughly| nearly| more than)?|\bof whom(?: some| about| around| roughly)?|"
                        r"\bup from|\bdown from|\bcompared with|\bcompared to|\bfrom|\bagainst|\band another|"
                        r"\bwhile another|\banother|"
                        # "nearly double the 66,200 recorded in the same period of 2022": the same measure, compared
                        r"\b(?:double|twice|triple|three times|half)(?:\s+(?:the|that of))?|"
                        # "… but below the record 45,774 of 2022"
                        r"\b(?:below|above|short of|surpassing|beating)\s+(?:the\s+)?(?:previous\s+)?(?:record|peak|high)(?:\s+of)?|"
                        # "peaked at 11,000 a day before falling back to around 4,000": the same measure
                        r"\b(?:fell|fallen|falling|dropped|dropping|eased|easing|slipped|slipping|rose|risen|rising|climbed|"
                        r"climbing|went|gone|going|slowed|slowing)(?:\s+back)?\s+to(?:\s+(?:some|about|around|roughly|nearly|almost|"
                        r"close to|just over|just under))?)\s*$", re.I)


# after a bare number: "2,996 in July", "1.06 million a year earlier", "1.2 million." (not "12 months", "12%")
_BARE_AFTER = re.compile(r"\s*(?:$|[,.;:)]|(?:in|on|at|by|during|over|for|the|a|an|last|this|before|since)\b)")
# A sentence that compares the figure before it with another: "That is up from roughly 1.06 million a year earlier."
COMPARISON = re.compile(r"^\W*(?:That|This|It)(?:['’]s|\s+is|\s+was)?\s+(?:(?:up|down)\s+from|compares\s+with|"
                        r"compared\s+with|(?:more|less|fewer|higher|lower)\s+than)\b")
_COMPARED_WITH = re.compile(r"(?:\b(?:up|down) from|\bcompared (?:with|to)|\bagainst)\s*$", re.I)


def _continues(sentence: str, q: Quantity, earlier: list[Candidate]) -> Candidate | None:
    if earlier and (_CONTINUES.search(sentence[earlier[-1].quantity.end:q.start])
                    or from_to(sentence, earlier[-1].quantity, q)):
        return earlier[-1]
    return None


_FROM = re.compile(r"\bfrom(?:\s+(?:an?\s+)?(?:average|high|peak|low)\s+of)?(?:\s+(?:about|some|around|roughly|nearly|"
                   r"more than))?\s*$", re.I)  # "from an average of 53 people a day to around 390"
_TO_AFTER = re.compile(r"[^,;.]{0,80}\bto\s*$", re.I)


def from_to(text: str, before: Quantity, q: Quantity) -> bool:
    """ "from N a day … to M": M is the same measure as N, its unit or rate said once."""
    return bool(_FROM.search(text, 0, before.start) and _TO_AFTER.fullmatch(text, before.end, q.start))


_LEX = load("mentions")
_MONTHS = numbers.MONTH_NAMES
_DATE_AFTER = re.compile(rf"^\s*(?:{_MONTHS})\b", re.I)  # "5 August"
_DATE_BEFORE = re.compile(rf"\b(?:{_MONTHS})\.?\s*$|\b(?:{_MONTHS})\.?\s+\d{{1,2}}\s*(?:and|to|-|–)\s*$",
                          re.I)  # "August 5", "between September 21 and 27'
_MONEY_BEFORE = re.compile(r"(?:[$€£¥₽₹৳]|US\$|USD|EUR|\bTk\.?|\bRs\.?|\bper)\s*$")  # "per 100,000": a ratio
_FILLER = {"newly", "recently", "arrived", "displaced", "more", "other", "new", "additional", "further", "extra", "of", "the", "them", "those", "these",
           "ethnic", "young", "mostly", "mainly", "predominantly", "registered", "recorded", "reported",
           "estimated", "documented", "undocumented", "irregular", "illegal", "fleeing", "desperate",
           "such", "total", "another", "fellow", "its", "their", "our", "foreign", "local", "or", "so", "people's", "unaccompanied",
           "separated", "vulnerable", "stranded", "exhausted"}
_SIZE_OF = re.compile(r"(?:\b[A-Z][\w.]*(?: [A-Z][\w.]*)*['’]s population\b[^.;,]{0,40}\b(?:fell|rose|grew|shrank|declined|dropped|"
                      r"increased|climbed|stood|stands|is|was)\b(?:[^.;,]|\.\d){0,25}?\b(?:to|at)|\bpopulation of|\b(?:which|that|it) (?:has|had)|\b(?:a|an|the) (?:[\w-]+ ){0,2}(?:city|country|town|nation|region|village|district|crowd|hub|community|municipality|island|neighbou?rhood|suburb|state|province|county) "
                      r"of|\bcrowd of|\bhome to|\bpopulation(?: of)? (?:is|was|stands at)|(?P<capacity>\bbuilt (?:[\w-]+ ){0,5}?for|"
                      r"\bdesigned for|\bcapacity of|\bmeant for|\bintended for|\bset up (?:[\w-]+ ){0,5}?for))(?:\s+(?:about|some|around|roughly|nearly|almost|over|just|only|barely|"
                      r"more than|just over|an estimated|approximately))?\s*$", re.I)
# "a boat carrying 50 migrants" counts passengers, not crossings ("thousands crossed, carrying their
# belongings" is still a figure: only "carrying" before the number rules it out).
_TRAVELLED = re.compile(r"\b(?:left|departed|took off|flew|home|back|out of|across)\b", re.I)
# "A repatriation flight carried 431 Iraqis from Minsk to Erbil": the flight's verb is the movement
_CARRIED_BETWEEN = re.compile(r"^[^,;.]{0,60}?\b(?:from|to)\s+[A-Z]")
_CARRYING = re.compile(r"\b(?:carrying|carried)\s+(?:about|some|around|roughly|nearly|almost|over|more than|"
                       r"at least|up to|an estimated)?\s*$", re.I)
# "a boat carrying 147 Rohingya refugees landed in Aceh": its passengers arrived
_LANDED = re.compile(r"\b(?:landed|arrived|reached|came ashore|docked|made landfall)\b", re.I)
_SHARE_OF_WHOLE = re.compile(r"\b(?:half|a third|a quarter|two-thirds|three-quarters|most|much|all)\s+of\s+(?:the|its|their|"
                             r"[\w-]+['’]s)\s+(?:[\w'’-]+\s+){0,2}$", re.I)
_DIFFERENCE = re.compile(r"\b(?:surpass\w*|exceed\w*|beat\w*|topp\w*|up|down|rose|risen|fell|fallen|increased|"
                         r"decreased|dropped|jumped|grew)\b[^.;]{0,80}?(?<!followed )\bby\s*$|"
                         r"\b(?:an?|the)\s+(?:\w+\s+)?(?:increase|rise|decrease|drop|fall|decline|jump)\s+of\s*$", re.I)
_TOLL = re.compile(r"\b(?:death\s+)?toll\b[^.;,\d]{0,60}$", re.I)
_OF_WHAT = re.compile(r"\bof\s+([a-z]+)\s+(?:at|to|of|was|is|stood at|reached|numbering)(?:\s+(?:about|some|around|"
                      r"more than|over|nearly))?\s*$")
_NET = re.compile(r"\bnet\s+(?:migration|immigration|emigration|inflows?|outflows?|arrivals|departures|migrants|"
                  r"gain|loss)\b(?:[^\d.;]|\b(?:19|20)\d\d\b){0,60}$", re.I)  # "net immigration in 2022 had reached"
_REPEATED = re.compile(r"\b(?:a|per|each|every)\s+(?:day|week|month)\b|\b(?:daily|weekly|monthly)\b", re.I)
# "1,650 have been evacuated, out of more than 8,000 who need to leave": the whole a share is taken of
_OUT_OF = re.compile(r"\bout of(?:\s+(?:a total of|about|some|around|roughly|nearly|almost|over|more than|"
                     r"an estimated))?\s*$", re.I)
_AGE_OR_RATIO = re.compile(r"(?:\baged?|\bages|\bage of|\bas (?:young|old) as|\b(?:man|woman|boy|girl|widow|widower|mother|father|grandmother|"
                           r"grandfather) of|\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:in|out of))\s*$", re.I)
_AGE_BOUND = re.compile(r"\b(?:are|were|is|was|be|being|aged|children|minors|men|women|adults|people|those)\s+(?:under|over|below|above|"
                        r"younger than|older than|between)\s*$", re.I)  # "most of the adults were men between 18 and 30"
# "Title 42", "Resolution 2334", "Route 66", "a blockade that has left 20 million people in need": a name or an effect
_NAMED_BY = re.compile(r"\b(?:Title|Article|Section|Chapter|Resolution|Law|Decree|Order|Rule|Route|Highway|Gate|Camp|"
                       r"Block|Zone|Sector|Flight|No\.|Number)\s*$|\b(?:has|have|had)\s+left\s*$")
_VEHICLE_MEANS = re.compile(r"\b(?:aboard|on board|in|on|by|using)\s*$", re.I)  # (not "with about 2,600 vehicles in the queue")
_SINGULAR = re.compile(r"^(?:refugee|migrant|person|vehicle|car|family|household)$", re.I)  # "the 2015 migrant crisis"
_NAMED_BEFORE = re.compile(r"\b[A-Z][\w'’-]+,\s*$")
_APPOSITION_AFTER = re.compile(r"\s*(?:[,)]|$|\.(?:\s|$)|(?:who|and)\b)")
_PART_OF = re.compile(r"^\s*of\s+(?:(?:the|its|their|an?|[\w-]+['’]s)\s+){1,3}$", re.I)
_PART_OF_ALL = re.compile(r"\b(?:including|of whom|among them|among whom)\b", re.I)
_ANAPHORA = re.compile(r"^\W*(?:That|This|It)(?:'s| is| was| means| represents)\b|\bthe (?:largest|biggest) group\b|"
                       r"\bthe majority\b|\b[A-Z][\w-]*['’]s (?:count|tally)\b|"
                       r"\b(?:the|that|this|their|a) (?:number|figure|total|tally|count|flow|influx)\b|"
                       r"\bof (?:those|them|whom|these)\b", re.I)


@cache
def _phrases(name: str) -> tuple[re.Pattern[str], dict[str, str]]:
    """A word-start pattern over one list of the lexicon, and phrase → unit for the unit lists."""
    if name == "units":
        table = {p: unit for unit, words in _LEX["units"].items() for p in words}
    elif name == "stock":
        table = {p: name for p in _LEX["stock"]["cues"]}
    else:
        table = {p: name for p in _LEX["cues"][name]}
    alternatives = "|".join(re.escape(p) for p in sorted(table, key=len, reverse=True))
    tail = "" if name in _STEMS else r"(?![\w])"  # movement cues are stems: "refugee" finds "refugees"
    return re.compile(rf"(?<![\w-])(?:{alternatives}){tail}", re.I), table


_STEMS = {"movement", "stock"}


def has(name: str, text: str) -> bool:
    return bool(_phrases(name)[0].search(text))


def previous(said: list[str], i: int) -> str:
    """The sentences before sentence i that "the figure" or "X's count" in it may refer back to."""
    return " ".join(said[max(0, i - 2):i])


def find(sentence: str, previous: str = "") -> list[Candidate]:
    """The movement-figure candidates in one sentence (`previous` lends context to "the number")."""
    out: list[Candidate] = []
    quantities = numbers.find(sentence)
    if not quantities:
        return out  # most sentences: no number, nothing more to read
    compares = bool(COMPARISON.match(sentence)) and has("movement", previous)  # "That compares with 2,996 in July"
    moving = has("movement", sentence) or compares or (bool(_ANAPHORA.search(sentence)) and has("movement", previous))
    settled = has("stock", sentence)
    whole = None
    for i, q in enumerate(quantities):
        if q is whole:
            continue  # "of the region's estimated 120,000 Armenians": what the part before was counted in
        nxt = quantities[i + 1].start if i + 1 < len(quantities) else len(sentence)
        if i + 1 < len(quantities) and _PART_OF.match(sentence[q.num_end:nxt]):
            # "100,417 of the region's 120,000 Armenians had crossed": the part moved, in the whole's unit
            whole = quantities[i + 1]
            nxt = quantities[i + 2].start if i + 2 < len(quantities) else len(sentence)
            unit, noun = _unit(sentence, whole, nxt, out)
        else:
            unit, noun = _unit(sentence, q, nxt, out)
        like = _continues(sentence, q, out)
        if i and _PART_OF_ALL.search(sentence, quantities[i - 1].end, q.start) and _INTERNAL.search(sentence[:q.start]):
            continue  # "362,000 displaced inside Haiti, including about 17,000 who fled the capital"
        if i and like is None and not (out and out[-1].quantity is quantities[i - 1]) and _COMPARED_WITH.search(
                sentence[quantities[i - 1].end:q.start]):
            continue  # "packing 53 people into each dinghy, up from 41": compared with what was no figure
        # "3,000 cars were lined up", "56,000 Belarusian citizens were living in Lithuania"
        waiting = settled and (unit == "vehicles" or bool(noun and gazetteer.lookup(noun))
                               or bool(_nationality(sentence[q.num_end:nxt])))
        if unit is None and compares and noun is None and _BARE_AFTER.match(sentence, q.num_end):
            unit = "people"  # the unit and kind of the figure compared with are the previous sentence's
        if unit is None or not _plausible(sentence, q, nxt, moving or like is not None or waiting, noun):
            continue
        if q.qualifier == "vague" and re.search(r"\bthe\s*$", sentence[:q.start], re.I):
            continue  # "the thousands arriving" restates a figure given before
        out.append(Candidate(q, unit, noun, like))
    precise = [c for c in out if c.quantity.qualifier != "vague"]
    # "thousands" beside "87,000" restates it; "slowed to a few hundred a day" after "4,000 each day" does not
    return [c for c in out if c.quantity.qualifier != "vague" or not precise
            or re.match(r"^\s*(?:more|others|(?:a|per|each|every) day)\b", sentence[c.quantity.end:])
            or _REPEATED.search(sentence, c.quantity.end, _next_number(sentence, c.quantity.end))  # "hundreds … every day"
            or _OWN_PREDICATE.match(sentence, c.quantity.end)]  # "Tens of thousands have entered Peru this month, and 8,500"


_OWN_PREDICATE = re.compile(r"\s+of\s+[A-Z][\w-]+\s+(?:have|has|had)\s+[a-z]+ed\b[^,;]{0,140},\s+(?:and|while|but)\s+"
                            r"(?:(?:about|some|around|nearly|more than|over)\s+)?\d")


def _next_number(sentence: str, start: int) -> int:
    following = re.search(r"\d", sentence[start:])
    return start + following.start() if following else len(sentence)


def _unit(sentence: str, q: Quantity, nxt: int, earlier: list[Candidate]) -> tuple[str | None, str | None]:
    """The unit from the noun after the number; None when the number counts something else."""
    after = sentence[q.num_end:nxt]
    if re.match(r"^(?:-|\s)?(?:[a-z]+-)?(?:year|hour|day|week|month|minute|km|kilomet|mile|metre|meter|"
                r"storey|percent|per cent|%|st\b|nd\b|rd\b|th\b|s\b|/|:|\.\d)", after, re.I):
        return None, None
    clause = re.split(r"[.;!?,](?:\s|$)", after, maxsplit=1)[0]  # a unit noun never follows a stop or comma
    # quoted words keep their possessives but not their quote marks: "599,000 'gotaways' slipped past agents"
    words = [w.strip("'’") for w in re.findall(r"[\w’'-]+|%", clause.replace("[", " ").replace("]", " "))[:6]]
    if words[:1] == ["workers"] and _LABOUR_ABROAD.search(sentence):
        return "people", "workers"  # "Malaysia was the top destination with 159,235 workers" (not "5,000 aid workers")
    fled = bool(_SOLDIERS_FLED.search(after[:160]))  # "330 Myanmar border guards, soldiers and officials who had fled"
    if words and _phrases("not_units")[0].match(" ".join(words[:3]).lower()) and not fled:
        return None, None  # "along with 2,000 foreign nationals from more than 50 countries"
    if re.match(r"^\s*of (?:them|those|these|whom)\b", after):
        things = re.search(r"([a-z]+)\W*$", sentence[:q.start])  # "dismiss the flights, 45 of them so far": not people
        if things and _phrases("not_units")[0].fullmatch(things.group(1)):
            return None, None
        return (earlier[-1].unit if earlier else "people"), None
    if _OWNED.match(after):
        return None, None  # "1,000 Russian-owned companies", "300 Turkish-flagged ships": things
    nationality = _nationality(after)
    if nationality:
        after, words = nationality[1], re.findall(r"[\w’'-]+|%", nationality[1])[:6]
    found = _head_noun(words, fled)
    if found != _NO_NOUN and (found[0] or not _continues(sentence, q, earlier)):
        return found  # its own noun, even after "and": "8,000 people and 2,300 cars", "5,000 Bangladeshis and 1,500 Chadians"
    if nationality:
        return "people", nationality[0]  # "8,000 Congolese have crossed"
    if _continues(sentence, q, earlier):
        return earlier[-1].unit, None
    if earlier and re.match(r"^\s*(?:to|in|into|for|at)\b", after):
        return earlier[-1].unit, None  # "50 thousand fled to X and another 40 thousand to Y"
    return _unit_before(sentence, q, after)


def _unit_before(sentence: str, q: Quantity, after: str) -> tuple[str | None, str | None]:
    """A number without a noun of its own: the unit from the words before it ("the number of Syrians rose to")."""
    counted = _COUNT_OF.search(sentence[:q.start])  # "the number of Syrians returning rose to 50,000"
    named = _phrases("units")[0].search(counted.group("what")) if counted else None
    if named:  # "the number of cars crossing from Russia has tripled, to about 1,400 a day"
        return _phrases("units")[1][named.group(0).lower()], None
    running = RUNNING_TO.search(sentence, 0, q.start)
    if running:  # "brought to 917 the number of Venezuelans flown home", "bringing the number of families … to 1,940"
        named = _phrases("units")[0].search(after[:60]) if re.match(r"^\s*the (?:total )?number of\b", after) else None
        named = named or _phrases("units")[0].search(running.group(0))
        return (_phrases("units")[1][named.group(0).lower()] if named else "people"), None
    subject = _GROUP_SUBJECT.search(sentence, 0, q.start)  # "Venezuelans made up the largest group, at about 328,000"
    if subject and any(m.kind == "demonym" for m in gazetteer.find(subject.group(1))):
        return "people", subject.group(1)
    if counted or _TALLY.search(sentence, 0, q.start) or _bare_count(after, sentence) or (_RATE_OF.search(sentence, 0, q.start) and _A_WEEK.match(after)):
        return "people", None  # "arriving at a rate of more than 1,000 a week" (not "sells 81,000 a month")
    return None, None


_LABOUR_ABROAD = re.compile(r"\b(?:top destination|largest share|left for (?:jobs|work)|labou?r (?:migration|permits)|"
                            r"foreign employment|jobs abroad|work abroad|went abroad|workers abroad|deployed|brought home|repatriat\w*|"
                            r"sent home|flown home|returned home)\b", re.I)
_NO_NOUN = ("", "")  # _head_noun found neither a unit noun nor a word that rules the number out


def _head_noun(words: list[str], fled: bool = False) -> tuple[str | None, str | None]:
    """(unit, noun) of the first unit noun among the words after a number, past fillers and up to two
    describing words ("labour migrants", "wounded Palestinians"); (None, None) when a word rules the number
    out ("years", "soldiers"); _NO_NOUN when neither comes."""
    free = 0
    for n, word in enumerate(words):
        if _POSSESSOR.match(word) and n + 1 < len(words):
            continue  # "97,300 of last year's arrivals": whose they are
        phrase = " ".join(words[n:n + 3]).lower()
        soldiers = fled and _SOLDIER_WORDS.match(phrase)
        if _phrases("not_units")[0].match(phrase) and not soldiers:
            # "250,000 Haitians last year": after a describing word, the words that follow the noun
            return _NO_NOUN if free else (None, None)
        hit = _phrases("units")[0].match(phrase) or soldiers
        if hit:
            return _phrases("units")[1].get(hit.group(0).lower(), "people"), hit.group(0)
        if word.lower() in _FILLER:
            continue
        free += 1
        joined = word.lower() == "and" and n > 0  # "335 foreign and dual nationals"
        regional = _REGIONAL.match(word) or gazetteer.lookup(word)  # "African asylum seekers", "Afghan refugees"
        if free > 2 or not (_MODIFIER.match(word) or regional) or (word.lower() in _NOT_MODIFIER and not joined):
            if free <= 2 and word.lower() in ("border", "security", "police", "aid") and _phrases("not_units")[0].match(
                    " ".join(words[n + 1:n + 4]).lower()):
                return None, None  # "18 permanent border checkpoints": things, past their describing words
            break
    return _NO_NOUN


_POSSESSOR = re.compile(r"^[\w-]+['’]s$")
# A word that may stand between a number and its noun: lower-case, not a verb form or function word.
_MODIFIER = re.compile(r"^[a-z][a-z-]{2,}$")
# "About 600 Myanmar soldiers have fled into India": deserters crossing, not troops deployed
_SOLDIERS = r"(?:soldiers|troops|servicemen|policemen|police officers|border guards)"
_SOLDIER_WORDS = re.compile(rf"{_SOLDIERS}\b", re.I)
_SOLDIERS_FLED = re.compile(rf"{_SOLDIERS}"
                            r"(?=\s+(?:[\w,'’]+\s+){0,8}?(?:have |had |has )?(?:fled|"
                            r"crossed|defected|deserted|escaped|sought refuge|took refuge|arrived|entered|returned|"
                            r"were (?:deported|expelled|sent|flown)))", re.I)
_REGIONAL = re.compile(r"^(?:African|Asian|European|Arab|Latin|Central|South|North|West|East|Middle|Sub-Saharan|"
                       r"Caribbean|Andean|Balkan|Kurdish|Rohingya|Tamil|Pashtun|Hazara|Yazidi|Uyghur)$")
_NOT_MODIFIER = {"to", "in", "at", "on", "by", "via", "across", "and", "are", "were", "was", "have", "has", "had", "who", "which", "that", "the", "from", "into",
                 "per", "each", "every", "with", "for", "than", "military", "army", "armed", "armoured", "armored",
                 "police", "security", "border", "aid", "tonnes", "more", "less", "fewer", "been", "being"}
_RATE_OF = re.compile(r"\b(?:rate|average|pace) of(?:\s+[\w-]+){0,2}\s*$", re.I)
_A_WEEK = re.compile(r"^\s*(?:a|per|each|every) (?:week|month)\b", re.I)
_UPROOTED = re.compile(r"(?:refugee|migrant|asylum|displaced|evacuee|returnee|deportee|exile)", re.I)
# "That brought the total evacuated since Aug. 14 to roughly 63,900", "That brings to 1,370 the number of …"
RUNNING_TO = re.compile(r"\b(?:brought|brings|bringing|bring|took|takes|taking|pushed|pushes|pushing|raised|raises|"
                        r"raising)\s+(?:(?:the|its|their)\s+(?:overall\s+)?(?:total|tally|number|count)\b(?P<what>[^,;]{0,60}?)\s)?"
                        r"to(?:\s+(?:some|about|around|roughly|nearly|almost|more than|over|at least|an estimated))?\s*$", re.I)
# "Slovakia's count stood at 213,000 on Monday": a tally named by whose it is
_TALLY = re.compile(r"(?:\b[A-Z][\w-]*['’]s|\b(?:its|their|the))\s+(?:(?:daily|weekly|monthly|official|latest|running)\s+)?"
                    r"(?:count|tally|figure|total)\s+(?:\w+\s+){0,2}?(?:stood|stands|rose|risen|reached|hit|climbed|passed|topped|"
                    r"was|is)\b[^,;]{0,20}$")
_GROUP_SUBJECT = re.compile(r"\b([A-Z][a-z]+s)\s+(?:made up|accounted for|numbered|formed|were|remained|comprised)\s+"
                            r"(?:the\s+(?:largest|biggest|second-largest|main)\s+(?:group|share|nationality)(?:\s+of\s+"
                            r"[a-z]+)?,?\s+(?:at|with)\s+|(?:the\s+majority|most),?\s+(?:at|with)\s+)?"
                            r"(?:about|some|around|roughly|nearly|almost|more than|over)?\s*$")
_COUNT_OF = re.compile(r"(?:\b(?:the|a) (?:(?:daily|weekly|monthly) )?(?:number|total|tally|count|average) of\s+|\b(?=(?:[\w-]+\s+){0,2}(?:arrivals|crossings|numbers|"
                       r"entries|departures|returns|deportations|expulsions|detections|landings)\b))(?P<what>[^,;]{0,60}?)\s+"
                       r"(?:rose|risen|rising|climbed|reached|hit|topped|passed|exceeded|stood|stands|fell|fallen|dropped|settled|peaked|"
                       r"declined|averaged|doubled|tripled|trebled|quadrupled|halved|"
                       r"jumped|grew|increased|surged|soared)\b,?[^,;]{0,30}$", re.I)


_OWNED = re.compile(r"^\s*[A-Z][\w]+-(?:owned|made|built|flagged|registered|backed|based|run|funded|linked)\b")


def _nationality(after: str) -> tuple[str, str] | None:
    """A demonym or nationality adjective right after the number: (it, the text after it)."""
    head = re.match(r"^[\s\[\]]*(?:(?:of|the|more|other|new|ethnic|young|additional|fellow|mostly|newly|recently|arrived|registered)\s+)*", after)
    rest = after[head.end():] if head else after
    for _ in range(2):  # "250,000 undocumented Afghans", "1,840 stranded Ethiopians"
        word = re.match(r"([a-z][a-z-]+)\s+", rest)
        if not word or word.group(1) in _NOT_MODIFIER or _phrases("not_units")[0].match(word.group(1)) or (
                _phrases("units")[0].fullmatch(word.group(1))):
            break  # "25,673 people to Italian shores": the noun came first, a nationality after it is someone else's
        if gazetteer.find(rest[word.end():word.end() + 40])[:1] and rest[word.end()].isupper():
            rest = rest[word.end():]
            break
        rest = rest[word.end():]
    found = gazetteer.find(rest[:40])
    if found and found[0].start == 0 and found[0].kind in ("demonym", "adjective"):
        return found[0].text, rest[found[0].end:]
    if found and found[0].start == 0 and found[0].kind == "country" and _phrases("units")[0].match(
            rest[found[0].end:].lstrip()):
        return found[0].text, rest[found[0].end:]  # "191,000 Hong Kong residents"
    return None


_IRREGULAR = {"fled", "left", "came", "went", "made", "took", "set", "ran", "swam", "flew", "got", "get", "reach", "cross", "enter",
              "arrive", "return", "flee", "leave", "remain", "stay", "live"}


_MANAGED = re.compile(r"^\s*(?:managed to|succeeded in|were able to|was able to)\s+", re.I)


# "Daily arrivals, which had run at around 5,000 before the order, peaked at 14,000": the subject names the measure
RATE_SUBJECT = re.compile(r"^\W*(Daily|Weekly|Monthly)\s+(?:[a-z]+\s+)?(?:arrivals|departures|crossings|entries|exits|"
                          r"numbers|flows?|returns|registrations)\b(?![^.;]*\b(?:a|per|each|every)\s+(?:day|week|month)\b)")


def _bare_count(after: str, sentence: str) -> bool:
    """A number standing alone as subject or object: "10,000 have crossed", "rose to 10,000 a day"."""
    if re.match(r"^\s*(?:before|until)\b", after) and RATE_SUBJECT.match(sentence):
        return True  # "Daily arrivals, which had run at around 5,000 before the order, …"
    if re.match(r"^\s*(?:remain|remained|stayed|stay|live|lived|are staying|are living|are sheltering)\b", after, re.I):
        return True  # "about 80,000 remain in the country"
    if re.match(rf"^\s*in\s+(?:fiscal(?:\s+year)?\s*$|(?:fiscal\s+(?:year\s+)?)?(?:\d{{4}}|(?:{_MONTHS})\b))", after, re.I):
        return True  # "up from 60,014 in fiscal 2023", "against 41,000 in March"
    if re.match(r"^\s*and\s+(?:the\s+)?[A-Z]", after):
        return True  # "followed by Lebanon with 780,000 and Jordan with 640,000": a list goes on
    if re.match(r"^\s*a (?:week|month)\s+(?:travel|cross|arrive|enter|leave|return|flee)\b", after, re.I):
        return True  # "240,000 a week travel in the other direction" (not "sells 81,000 a month")
    if re.match(r"^\s*(?:$|[.,;:)]|[”\"’](?!\s*[a-z])|(?:have|has|had|were|are|was|more|who|whom|a day|per|each|every|"
                r"daily|weekly|monthly|on|since|in the|last|this|so far|by|during|between|"
                r"from|over the|within|according|—|–|-\s))", after, re.I):
        return True
    after = _MANAGED.sub("", after, count=1)  # "133 managed to get across": the verb that follows counts
    verb = re.match(r"\s*([a-z]+)", after)  # "nearly 3,000 made the crossing", not "23 evacuation flights"
    return bool(verb and (verb.group(1).endswith(("ed", "ing")) or verb.group(1) in _IRREGULAR)
                and _phrases("movement")[0].match(after.lstrip()))


def _plausible(sentence: str, q: Quantity, nxt: int, moving: bool, noun: str | None) -> bool:
    before, after = sentence[:q.start], sentence[q.num_end:nxt]
    if (q.low <= 31 and _DATE_BEFORE.search(before[-25:])) or _DATE_AFTER.search(after[:12]) or _MONEY_BEFORE.search(before):
        return False
    if (q.qualifier == "exact" and q.low == q.high and 1600 <= q.low <= 2100 and "," not in q.text
            and not (noun and after.lstrip().startswith(noun) and not _SINGULAR.match(noun))):
        return False  # a year ("the 2024 Chad refugee response plan"; "up from 2,005 in all of 2022" is a count)
    if noun and _VEHICLE_MEANS.search(before[-25:]) and _phrases("units")[1].get(noun.lower()) == "vehicles":
        return False  # "1,570 people had been returned to Honduras aboard 28 buses": how, not how many crossed
    if q.low < 10 and q.qualifier != "vague":
        return False  # single people and families are stories, not figures
    if q.low < 120 and noun is None and _AGE_BOUND.search(sentence[:q.num_start]):
        return False  # "half of them are under 18": an age
    if q.low < 120 and q.qualifier == "exact" and _NAMED_BEFORE.search(before) and _APPOSITION_AFTER.match(after):
        return False  # "said Dmitry, 27, who had walked": a person's age
    # "home to 1.5 million refugees", "Peru is home to 400,000 Venezuelans" are figures; "a town of 60,000 people" is not
    size = _SIZE_OF.search(before[-40:])
    sized = size and (size.group("capacity") or not (noun and (_UPROOTED.match(noun) or gazetteer.lookup(noun))))
    # "convoys carrying about 2,000 returnees leave every week" is a flow, not one boat's passengers
    # "a flight carrying 431 Iraqis left Minsk for Erbil", "a boat carrying 147 refugees landed": all of them moved
    carrying = _CARRYING.search(before[-40:]) and not (_REPEATED.search(after) or _LANDED.search(after)
                                                       or _TRAVELLED.search(after)
                                                       or ("carried" in before[-40:] and _CARRIED_BETWEEN.match(after)))
    if sized or _AGE_OR_RATIO.search(before[-30:]) or carrying or _OUT_OF.search(before[-40:]) or _NAMED_BY.search(before[-40:]):
        return False
    if _TOLL.search(before[-80:]):
        return False  # "the overall death toll in the enclave rose to 8,796"
    whose = _OF_WHAT.search(before[-60:])  # "put the country's pool of reservists at 25 million"
    if whose and _phrases("not_units")[0].fullmatch(whose.group(1).lower()):
        return False
    if _SHARE_OF_WHOLE.search(before[-60:]) or _DIFFERENCE.search(before[-120:]) or _NET.search(before[-100:]):
        # "over half of the region's estimated 120,000", "surpassing the high by more than 14,000", and a
        # balance of arrivals less departures ("leaving net immigration at 663,000") is nobody's movement
        return False
    # "24/7", "12:40", "the fiscal year 2022-23", "MS-13": a ratio, a clock, a span of years, a name
    # ("Arrivals rose last week: 1,500 a day" is a figure after a colon)
    if re.search(r"(?:/\s*|\d:\s*|\b(?:19|20)\d\d[-–/]|[A-Za-z]-)$", before) or re.search(r"^\s*(?:times|x)\b", after) or _EACH_LOAD.match(after):
        return False
    if not moving:
        return False
    # "Ten people, including eight Rohingya refugees, were killed": the verb comes after the part's number
    # and "At least 50 people, five of them children, were killed": the part is a number of its own
    part = _PART_OF_ALL.search(after) or re.match(r"[\w-]+\s+of\s+(?:them|whom)\b", sentence[nxt:])
    window = _clause(before, sentence[q.num_end:] if part else after)
    modal_may = re.search(r"\bmay\b", window)  # lower-case only: "in May" is a month
    internal = (_INTERNAL.search(window) or (_INSIDE_LEAD.match(sentence) and re.search(r"\bdisplac", sentence))
                or _CAMP_TO_CAMP.search(sentence, max(0, q.start - 40), q.num_end + 120)
                or _OTHER_PARTS.search(sentence, q.num_end, q.num_end + 120))
    return not (has("negative", window) or has("projection", window) or modal_may or internal)


# Displacement inside one country crosses no border: "displaced 1.5 million people inside Sudan", "Inside
# Lebanon, more than 1 million people have been displaced", "displaced from their homes".
_INTERNAL = re.compile(r"\binternally\b|\bevacuated from (?:their )?(?:homes|villages|towns|areas|districts)\b|\bdisplac\w*\b.*\b(?:inside|within)\b(?!\s+(?:hours|days|weeks))|"
                       r"\bdisplaced from their homes\b|\b(?:fled|forced from|driven from|uprooted from) their homes\b"
                       r"(?![^.;]{0,40}\b(?:to|into|across|abroad)\b)", re.I)
_CAMP_TO_CAMP = re.compile(r"\b(?:moved|relocated|transferred)\s+(?:[\w,'-]+\s+){0,6}?from\s+(?:the\s+)?(?:[\w'-]+\s+){0,6}?"
                           r"(?:camps?|centres?|centers?|settlements?|sites?)\b[^.;]{0,40}?\bto\b", re.I)
_OTHER_PARTS = re.compile(r"\b(?:to|for) other (?:parts|areas|neighbou?rhoods) of (?:the )?(?:capital|country|city)\b")
_INSIDE_LEAD = re.compile(r"^\W*(?:Inside|Within)\s+[A-Z]")
# "packing an average of 53 people into each dinghy": a load, not a crossing
_EACH_LOAD = re.compile(r"^\s*(?:[\w-]+\s+){0,2}(?:into|in|on|aboard|per)\s+(?:each|every|a single|one)\s+"
                        r"(?:boat|dinghy|vessel|bus|truck|lorry|van|car|flight|plane|raft)\b", re.I)


# "At least 61 migrants, including women and children, drowned": the aside is not the predicate
_ASIDE_AFTER = re.compile(r"^([^,]*),\s(?:including|among them|(?:most|many|half|some|[a-z]+teen|[a-z]+ty|one|two|three|four|five|six|seven|eight|nine|ten|\d+) of (?:them|whom)|mostly|mainly)\b[^,]*,")


def without_aside(after: str) -> str:
    """The words after a number less an aside about some of the people: "92,000 refugees, most of them Karen, live"."""
    return _ASIDE_AFTER.sub(r"\1", after)


def _clause(before: str, after: str) -> str:
    """Words near the number inside its clause: the context its verb and qualifiers live in."""
    # "At least 61 migrants, including women and children, drowned": the aside is not the predicate
    after = without_aside(after)
    before = re.sub(r",\s(?:where|which|who)\b[^,]*,", ",", before)  # a relative clause that closes before it
    left = re.split(r"[;:]|,\s(?:while|but|and|which|who|where)\b|\bwhile\b|\bwhereas\b", before)[-1]
    right = re.split(r"[;:]|,\s(?:while|but|and|which|who|as|said|says|added|told|has|have|had)\b|\band\b", after)[0]
    return " ".join(left.split()[-6:] + right.split()[:7])
