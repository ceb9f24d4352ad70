"""Who gave a figure (as the article names them) and what kind of source that is.

Patterns of news attribution: "X said (that) …", "…, X said.", "…, said X.", "according to X",
"X told reporters …", "X estimated …". A pronoun or "the ministry" continues the last named source of
the article; a quote opened without a speaker takes the speaker of the next sentence.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib.resources import files

from crossings.resolve import gazetteer

_VERBS = (r"(?:said|says|say|announced|announces|reported|reports|report|stated|told|tells|added|adds|estimated|"
          r"estimates|estimate|noted|notes|confirmed|confirms|wrote|writes|posted|tweeted|counted|recorded|registered|"
          r"put the (?:number|figure|total)|puts the (?:number|figure|total)|data showed|figures showed|"
          r"data show|figures show|claimed|claims|declared|explained|warned|informed)")
# A full stop inside a name is an abbreviation's: "U.S. Customs and Border Protection".
_ACCORDING = re.compile(r"\baccording to (?P<who>(?:the |a |an )?(?:[^,.;:“”\"]|(?<=\b[A-Z])\.){2,120}?)"
                        r"(?=[,;:“”\"]|\.(?<!\b[A-Z]\.)|$| on | as | in which| who| that)", re.I)
_SUBJECT_VERB = re.compile(rf"(?:^|[,;:“”\"]\s*|\bthat\s+|\bwhile\s+)(?P<who>[^,;:“”\"]{{2,120}}?)\s+(?:has |have |had "
                           rf")?{_VERBS}\b", re.I)
_VERB_SUBJECT = re.compile(rf"[,“”\"]\s*{_VERBS}\s+(?P<who>[^,.;:“”\"]{{2,100}}?)\s*(?:[,.;]|$)", re.I)
_LEADING_TIME = re.compile(r"^(?:(?:on|late on|early on|last|by|as of|in|on the)\s+)?(?:monday|tuesday|wednesday|"
                           r"thursday|friday|saturday|sunday|yesterday|today|\w+ \d{1,2}|\d{1,2} \w+)\s*,?\s*", re.I)
_PRONOUN = re.compile(r"^(?:he|she|it|they|we|i|the (?:ministry|agency|official|officials|government|"
                      r"authorities|minister|spokesman|spokeswoman|spokesperson|organi[sz]ation|office|group|"
                      r"service|department))$", re.I)
_NOT_SOURCE = re.compile(r"^(?:that|which|who|there|this|the number|the figure|it is|people|refugees|"
                         r"migrants|many|some)\b", re.I)


@cache
def _types() -> dict[str, list[str]]:
    return tomllib.loads(files("crossings.resolve").joinpath("sources.toml").read_text(encoding="utf-8"))


def attribution(sentence: str) -> str | None:
    """The source named in one sentence, as written, or None. In a sentence that opens with a quote,
    the speaker after it comes first ("“Since Friday we have registered 35,000,” the minister said")."""
    sentence = _DATELINE.sub("", sentence, count=1)
    quote = _OPENING_QUOTE.match(sentence)
    if quote:
        speaker = _attribution(sentence[quote.end():])
        if speaker:
            return speaker
    return _attribution(sentence)


_OPENING_QUOTE = re.compile(r"^\s*[“\"][^”\"]{3,}[”\"]")


def _attribution(sentence: str) -> str | None:
    appositive = _ROLE_NAME_SAID.search(sentence)
    if appositive:
        return f"{appositive.group('role').strip()}, {appositive.group('who').strip()}"
    appositive = _NAME_ROLE_SAID.search(sentence)
    if appositive:
        return f"{appositive.group('who').strip()}, {appositive.group('role').strip()}"
    for pattern in (_ACCORDING, _VERB_SUBJECT, _SUBJECT_VERB):
        for m in pattern.finditer(sentence):
            who = _clean(m.group("who"))
            if who and _looks_like_a_source(who):
                role = _ROLE_AFTER.match(sentence, m.end("who"))
                if role:
                    return f"{who}, {role.group('role').strip()}"
                return who
    return None


# "said Maria Lopez, a UNHCR spokeswoman in Moldova": the role says what kind of source she is.
_ROLE_AFTER = re.compile(r",\s*(?P<role>(?:a|an|the)\s+[^,.;:“”\"]{0,60}?\b(?:spokes(?:man|woman|person)|official|"
                         r"minister|head|director|chief|representative|officer|coordinator|commissioner|"
                         r"envoy|adviser|advisor|governor|mayor|researcher|analyst)\b[^,.;:“”\"]{0,40})", re.I)


# "…, the Palestinian ambassador in Cairo, Diab al-Louh, said": a role, then the speaker's name.
# (and "Uganda's minister for refugees, Hilary Onek, told journalists")
_ROLE_NAME_SAID = re.compile(r"(?:^|,|—|–)\s*(?P<role>(?:(?i:the|a|an)\s+|[A-Z][\w.]*(?:\s[A-Z][\w.]*)*['’]s\s+)"
                             r"(?i:[^,.;:“”\"]{0,60}?\b(?:spokes(?:man|woman|person)|official|minister|ambassador|head|director|chief|representative|officer|coordinator|"
                             r"commissioner|envoy|governor|mayor)\b[^,.;:“”\"]{0,40})),\s*(?P<who>[A-Z][^,.;:“”\"]"
                             r"{2,50}?),\s*(?:said|says|told|added|stated)\b")


# "…, Colonel General Mikhail Mizintsev, head of Russia's National Defense Control Center, said": name, then role.
_NAME_ROLE_SAID = re.compile(r",\s*(?P<who>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,5}),\s*(?P<role>(?i:(?:(?:the|a|an)\s+"
                             r"[^,.;:“”\"]{0,40}?)?\b(?:spokes(?:man|woman|person)|official|minister|ambassador|head|"
                             r"director|chief|representative|officer|coordinator|commissioner|envoy|governor|mayor)\b"
                             r"[^,.;:“”\"]{0,60})),\s*(?:said|says|told|added|stated)\b")


_NOT_IN_SOURCE = re.compile(r"\b(?:are|is|were|was|have|has|had|been|being|million|thousands?|hundreds?|dozens|"
                            r"people|refugees|migrants|figures?|numbers?|who|which)\b", re.I)


_OF_REFUGEES = re.compile(r"\b(?:for|of)\s+(?:the\s+)?(?:refugees|migrants|displaced people)(?:\s+and\s+"
                          r"(?:migrants|repatriation|returnees))?\b", re.I)


def _looks_like_a_source(who: str) -> bool:
    """A noun phrase naming someone, not a clause or a quantity that happens to precede a verb."""
    named = _OF_REFUGEES.sub("", who)  # "the Ministry of Refugees", "High Commissioner for Refugees" are names
    if _NOT_SOURCE.match(who) or re.search(r"\d", who) or _NOT_IN_SOURCE.search(named) or not who[0].isalpha():
        return False
    if _PRONOUN.match(who):
        return True  # "He added that …": refers back to the source named before (see refers_back)
    return who.lower() not in {"a", "an", "the", "some", "it said", "and"} and len(who) > 2


# What opens a wire item or a live-blog entry before its first word: "KYIV (Reuters) -", "CAIRO, July 22
# (Xinhua) --", "DHAKA, Feb. 15 Kyodo -", "MOSCOW, July 3. /TASS/.", "ARICA, Chile, April 27 (EFE) —", "09:20 GMT —".
_DATELINE = re.compile(r"^(?:\d{1,2}[:.]\d{2}\s*(?:GMT|UTC|BST|CES?T|EES?T|[ECMP][SD]?T|local time|local|[ap]\.?m\.?)?"
                       r"|[A-ZÀ-ÝŞĞİ][A-ZÀ-ÝŞĞİ'’ .-]+(?:,\s*[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)*"
                       r"(?:,?\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}\.?)?(?:\s*\([A-Za-z ]{2,30}\)|\s+[A-Z][a-z]+)?)"
                       r"\s*(?:[—–-]+|/[A-Z]+/\.?)\s*")


def _clean(who: str) -> str | None:
    who = _DATELINE.sub("", who.strip())
    who = _LEADING_TIME.sub("", who).strip()
    who = re.sub(r"\s+(?:on|late on|early on)\s+\w+day$", "", who, flags=re.I)
    who = re.sub(r"^(?:and|but|as|while|meanwhile|separately|earlier|also)\s+", "", who, flags=re.I).strip()
    # "the latest survey released today by the International Organization for Migration (IOM)": the publisher
    who = re.sub(r"^.*?\b(?:released|published|compiled|collected|issued|gathered)\s+(?:\w+\s+)?by\s+", "", who,
                 flags=re.I)
    # "figures from Italy's interior ministry", "data from the Home Office": the body the numbers come from
    who = re.sub(r"^(?:the\s+)?(?:latest\s+|official\s+|preliminary\s+|new\s+)?(?:figures|data|statistics|numbers|"
                 r"estimates)\s+(?:from|by|of)\s+", "", who, flags=re.I)
    who = re.sub(r"(?<=\w)\s+(?:figures|data|statistics|numbers|estimates)\s+(?:cited|quoted|relayed) by\b.*$", "", who,
                 flags=re.I)  # "Interior Ministry figures cited by UNHCR": the ministry's numbers
    who = re.sub(r"(?<=\w)\s+(?:figures|data|statistics|numbers|estimates)(?:\s+(?:released|published|issued))?$", "",
                 who, flags=re.I)
    if len(who.split()) > 14 or not who:
        return None
    return who


def refers_back(who: str, last: str | None) -> bool:
    """Whether `who` is a pronoun or generic noun for `last`, the source named before: "he", "the agency"
    always are; "the government" or "the ministry" only after a government source (after "UNHCR said",
    "the government said" is a new source)."""
    if last is None or not _PRONOUN.match(who):
        return False
    return not _STATE_NOUN.search(who) or source_type(last) == "government"


def is_pronoun(who: str) -> bool:
    """ "He", "they": a speaker only through the source named before."""
    return bool(re.fullmatch(r"he|she|it|they|we|i", who, re.I))


_STATE_NOUN = re.compile(r"\b(?:government|ministry|minister|authorities)\b", re.I)


def source_type(who: str | None) -> str:
    if not who:
        return "unattributed"
    low = f" {who.lower()} "
    for kind in ("un_agency", "ngo", "media", "government"):
        if _type_words(kind).search(low):
            return "government" if kind == "un_agency" and _state_owned(who) else kind
    if _is_country(who):
        return "government"
    return "other"


@cache
def _type_words(kind: str) -> re.Pattern[str]:
    """One pattern for a source type's words, each matched at a word start."""
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(w) for w in _types()[kind]) + ")")


_UN_NAME = re.compile(r"\b(?:unhcr|iom|ocha|unicef|wfp|unrwa|united nations|u\.n\.|un)\b", re.I)


def _state_owned(who: str) -> bool:
    """ "Sudan's refugee agency", "the government's migration agency": a state body, not the UN's."""
    owner = re.match(r"(?:the\s+)?(.+?)['’]s\s", who)
    return bool(owner) and not _UN_NAME.search(who) and (
        owner.group(1).lower() == "government" or _is_country(owner.group(1)))


def _is_country(who: str) -> bool:
    """'Kazakhstan', 'Georgia and Kazakhstan', 'Poland's', 'Warsaw' — a state speaking through its
    government (a capital stands for it, as news writes)."""
    parts = [p.strip().removesuffix("’s").removesuffix("'s") for p in re.split(r",|\band\b", who) if p.strip()]
    return bool(parts) and all(
        any(m.text == p and (m.kind == "country" or (m.kind == "city" and gazetteer.capital(m.code) == p))
            for m in gazetteer.find(p))
        for p in parts)
