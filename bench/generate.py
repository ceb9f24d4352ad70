"""Benchmark corpus: synthetic news pages, some about people crossing borders, the rest other news.

    python bench/generate.py OUT [--articles 2000] [--relevant 3] [--seed 1]

Writes OUT/html/*.html (one page each, with navigation, related links, footer and scripts around a
400-900 word article), OUT/corpus.jsonl ({"id", "url", "html"} per line), OUT/corpus.warc.gz (HTTP
response records) and OUT/manifest.jsonl ({"id", "url", "topic", "relevant", "words", "text"}).
The same seed always gives the same bytes.
"""

from __future__ import annotations

import argparse
import html
import io
import json
import random
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

# --- the world the stories happen in --------------------------------------------------------------

# (origin, its people, destinations)
CORRIDORS = [
    ("Russia", "Russians", ["Kazakhstan", "Georgia", "Armenia", "Finland", "Mongolia"]),
    ("Ukraine", "Ukrainians", ["Poland", "Moldova", "Romania", "Hungary", "Slovakia"]),
    ("Sudan", "Sudanese", ["Chad", "Egypt", "South Sudan", "Ethiopia"]),
    ("Venezuela", "Venezuelans", ["Colombia", "Peru", "Brazil", "Ecuador"]),
    ("Afghanistan", "Afghans", ["Pakistan", "Iran", "Tajikistan"]),
    ("Syria", "Syrians", ["Turkey", "Lebanon", "Jordan"]),
    ("Myanmar", "Rohingya refugees", ["Bangladesh", "Thailand"]),
    ("Haiti", "Haitians", ["the Dominican Republic"]),
    ("Nagorno-Karabakh", "ethnic Armenians", ["Armenia"]),
    ("South Sudan", "South Sudanese", ["Uganda", "Kenya"]),
]
AGENCIES = ["the UN refugee agency UNHCR", "the International Organization for Migration",
            "the interior ministry", "the border police", "the state border service",
            "local authorities", "the regional governor's office", "aid groups"]
FIRST = ["Anna", "Omar", "Maria", "David", "Leila", "Ivan", "Sofia", "Ahmed", "Elena", "James",
         "Fatima", "Pierre", "Aisha", "Tomas", "Mei", "Carlos", "Nadia", "Peter", "Olga", "Samuel"]
LAST = ["Petrov", "Haddad", "Kowalski", "Nguyen", "Mensah", "Garcia", "Okafor", "Larsen", "Rossi",
        "Ibrahim", "Novak", "Silva", "Chen", "Morales", "Dubois", "Kaya", "Walsh", "Ferreira"]
TITLES = ["Interior Minister", "Deputy Foreign Minister", "border service spokesperson",
          "regional governor", "UNHCR representative", "IOM spokesperson", "Police Chief"]
TEAMS = ["Rovers", "United", "City", "Athletic", "Wanderers", "Albion", "Rangers", "Harriers",
         "Dynamo", "Sporting", "Olympic", "Town"]
PLACES = ["Northfield", "Easton", "Bridgeport", "Lakeside", "Millbrook", "Westgate", "Riverton",
          "Ashford", "Kingsley", "Harbour City", "Stonebridge", "Fairhaven"]
COMPANIES = ["Norvex", "Altima Group", "Brightline Foods", "Keystone Energy", "Helix Pharma",
             "Orion Logistics", "Pinecrest Bank", "Vantage Motors", "Solara Power", "Meridian Telecom"]
PARTIES = ["the Liberal Party", "the Conservatives", "the Greens", "the Social Democrats",
           "the People's Alliance", "the Reform Party"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

# --- sentence templates, one list per topic; {slots} are filled from `Scene` ------------------------

FIGURES = [
    "{source_cap} said on {day} that about {n_k} {people} have entered {dest} since {event}.",
    "Nearly {n_small} thousand {people} fled to {dest} in the first {months} months of the year, "
    "{source} said.",
    "At least {n_k} people crossed into {dest} from {origin} over the weekend, according to {source}.",
    "More than {n_m} million {people} have left {origin} since {event}, {source} estimates.",
    "Up to {n_hundreds} people a day are now arriving at the main crossing point, {official} told reporters.",
    "Officials said that from {n_k} to {n_k2} {people} were arriving in {dest} daily.",
    "The number had risen to about {n_k} per day by {day}, {official} said.",
    "Tens of thousands of {people} have fled to {dest} since {event}.",
    "There were about {n_k} vehicles waiting to cross the border on {day}, {source} said.",
    "According to {source}, {n_k} asylum applications from {people} were registered in {month}.",
    "Some {n_k} refugees are now sheltering in camps near the border, {source} said.",
    "{source_cap} registered {n_k} arrivals from {origin} in {month}, up from {n_k2} a month earlier.",
    "An average of {n_k} people a day crossed the border in {month}, {official} said.",
    "Hundreds of thousands of {people} have been displaced inside {origin} since {event}.",
    "Between {n_k} and {n_k2} people were queuing at the checkpoint on {day} morning.",
    "{official_cap} said {n_k} people had been evacuated from the border villages.",
]
MOVEMENT = [
    "Queues of cars stretched for kilometres on the road to the border.",
    "Many of those arriving were women and children, aid workers said.",
    "Volunteers handed out water and blankets to families waiting in the cold.",
    "Some had walked for days, carrying what little they could.",
    "Local officials said the reception centres were close to full.",
    "The government has promised to open two more crossing points next week.",
    "Human rights groups urged neighbouring countries to keep their borders open.",
    "Several families said they had left with only a few hours' notice.",
    "The road into {dest} was lined with buses and minivans.",
    "Hotels in the border town were fully booked, residents said.",
    "{official_cap} said the situation at the border was under control.",
    "Aid agencies warned that shelters were running short of food and medicine.",
    "Border guards were checking documents one by one, causing long delays.",
    "Many said they planned to stay with relatives until the situation became clearer.",
    "The authorities in {dest} have set up temporary camps near the frontier.",
    "Rents in the capital have risen sharply since the newcomers began to arrive.",
    "Some of those who fled said they feared being called up for military service.",
    "The influx has put pressure on schools and hospitals in the region.",
    "Churches and sports halls have been turned into temporary accommodation.",
    "The European Union said it was ready to send more staff to help process applications.",
    "Taxi drivers at the border were charging several times the usual fare.",
    "Mobile phone operators set up stands to sell local SIM cards to new arrivals.",
    "The railway company added extra carriages to the overnight trains.",
    "Officials in {dest} said they had no plans to close the border.",
    "Queues at the currency exchange offices stretched around the block.",
    "Several airlines reported that flights out of {origin} were sold out for days.",
    "The United Nations called for safe passage for civilians.",
    "Doctors at the reception centre said most of the new arrivals were exhausted but healthy.",
    "In {dest}, volunteers have set up a hotline to help families find housing.",
    "Some young men said they had sold their cars to pay for the journey.",
    "Analysts said the movement could reshape the labour market in the region.",
    "The government of {origin} has not commented on the numbers.",
]
QUOTES = [
    "\u201cWe did not know what else to do,\u201d said {person}, who arrived with her two children.",
    "\u201cThe queue did not move for hours,\u201d {person} said.",
    "\u201cWe left everything behind,\u201d said {person}, a teacher from a town near the front line.",
    "\u201cI just want my children to be safe,\u201d {person} told reporters at the crossing.",
    "\u201cNobody knows how long this will last,\u201d said {person}, a volunteer at the reception centre.",
]
SPORTS = [
    "{team} beat {team2} {score} on {day} to move up to {rank} in the table.",
    "{person} opened the scoring after {minute} minutes with a low shot into the far corner.",
    "The visitors equalised shortly before half-time through a header from {person2}.",
    "The home side had {shots} shots on goal but struggled to break down a stubborn defence.",
    "A crowd of {crowd} watched the match at the {place} stadium.",
    "The manager said he was proud of the way his players responded after the break.",
    "It was their {rank} win in a row and their best run of form since {year}.",
    "{team2} have now lost {small} of their last {small2} league games.",
    "The referee showed {small} yellow cards in a bad-tempered second half.",
    "\u201cWe showed real character today,\u201d said captain {person}.",
    "The club confirmed that {person2} would miss the next {small} games with a hamstring problem.",
    "{team} travel to {place} next {day} before hosting {team2} the following week.",
    "The goalkeeper made {small} important saves to keep the score level until the final minutes.",
    "Season tickets for next year will go on sale in {month}, the club said.",
    "{person} hit the post twice before the break.",
    "The coach made {small} changes to the side that lost last week.",
    "Ticket prices will be frozen for a {rank} season, the chairman said.",
    "{team2} finished the match with ten men after a second booking for {person2}.",
    "The away fans sang throughout the second half despite the rain.",
    "{person} has now scored {small} goals in his last {small2} appearances.",
    "The league said it would review the incident on Monday.",
    "Both sides had chances in a lively opening period.",
    "The stadium's new stand is due to open in {month}.",
    "{team} will face {team2} again in the cup quarter-final.",
    "The win lifts {team} to {points} points, {small} behind the leaders.",
]
BUSINESS = [
    "{company} reported a {pct}% rise in quarterly revenue to ${n_m}.{small} billion on {day}.",
    "Shares in {company} rose {pct}% in early trading after the results were published.",
    "The company said operating profit reached ${n_hundreds} million, ahead of analysts' forecasts.",
    "Chief executive {person} said demand had remained strong despite higher interest rates.",
    "The group plans to cut {n_k} jobs over the next {small} years as part of a restructuring.",
    "Analysts at {company2} said the outlook for the second half of the year remained uncertain.",
    "Inflation fell to {pct}.{small}% in {month}, the statistics office said.",
    "The central bank kept its main interest rate at {pct}.{small}% for a {rank} meeting.",
    "The deal, worth about ${n_hundreds} million, is expected to close in {month}.",
    "Retail sales rose {pct}% from a year earlier, beating expectations.",
    "{company2} said it would open {small} new factories in {place} by {year}.",
    "Consumer confidence improved for the {rank} month in a row.",
    "Exports rose {pct}% in {month}, driven by strong demand for machinery.",
    "The firm's debt stood at ${n_m}.{small} billion at the end of the quarter.",
    "Investors will be watching next week's jobs figures closely, traders said.",
    "The company's board proposed a dividend of {small}{small2} cents per share.",
    "Sales in its home market fell {pct}%, offset by growth in Asia.",
    "Unions said they would seek talks with management over the planned cuts.",
    "The stock has gained {pct}% since the start of the year.",
    "{company2} shares fell {small}% after a profit warning.",
    "Oil prices rose to ${small}{small2} a barrel on supply worries.",
    "The group said it had hired {n_hundreds} engineers in {place} this year.",
    "Regulators are expected to rule on the merger by {month}.",
    "The currency weakened {small}% against the dollar.",
    "Small businesses said higher borrowing costs had delayed investment plans.",
]
POLITICS = [
    "Parliament voted {n_hundreds} to {n_hundreds2} on {day} to approve the budget.",
    "{party_cap} won {pct}% of the vote in {place}, according to preliminary results.",
    "The prime minister said the reforms would be introduced before the end of {year}.",
    "Opposition leader {person} called the plan \u201ca missed opportunity\u201d.",
    "A poll published on {day} put support for the government at {pct}%.",
    "The bill now goes to the upper house, which is expected to vote in {month}.",
    "{person}, a senior member of {party}, said talks with coalition partners would continue.",
    "Turnout was {pct}%, down from {pct2}% at the last election.",
    "The finance minister said spending on schools would rise by {pct}% next year.",
    "Critics said the proposals did too little to address the cost of living.",
    "The president is expected to sign the law within {small} days.",
    "Lawmakers debated the measure for more than {small} hours before the vote.",
    "{party_cap} said it would table amendments when the bill returns to committee.",
    "The minister resigned on {day}, citing personal reasons.",
    "Regional elections are due in {month} in {small} of the country's provinces.",
    "The speaker suspended the session for {small}{small2} minutes after angry exchanges.",
    "{person} said the party would campaign on health care and housing.",
    "Several ministers are expected to lose their posts in a reshuffle next week.",
    "The constitutional court will hear the case in {month}.",
    "Protesters gathered outside parliament as the vote took place.",
    "The coalition holds {n_hundreds} of the chamber's seats.",
    "The defence budget will rise to {small}.{small2}% of economic output by {year}.",
    "The mayor of {place} said the city would receive extra funding for transport.",
    "An independent review of the election found no serious irregularities.",
]
WEATHER = [
    "Temperatures are expected to reach {temp} degrees Celsius in {place} on {day}.",
    "Forecasters warned of heavy rain in the west, with up to {small}{small2} millimetres in places.",
    "Winds could gust at up to {n_hundreds} kilometres per hour along the coast.",
    "The weekend will start dry and bright, but showers will move in from the north on Sunday.",
    "The national weather service issued a yellow warning for fog in {place}.",
    "Night-time temperatures could fall to minus {small} degrees in rural areas.",
    "It was the warmest {month} since records began in {year}, the met office said.",
    "Drivers were advised to allow extra time for their journeys on {day} morning.",
    "Snow is likely on high ground above {n_hundreds} metres.",
    "Rainfall in {month} was {pct}% above the long-term average.",
    "The dry spell has left reservoirs in {place} at {pct}% of capacity.",
    "Farmers said the late frost had damaged up to {pct}% of the fruit harvest.",
    "A band of cloud will clear eastwards during the afternoon.",
    "Pollen levels will be high across most of the country.",
    "Thunderstorms could bring hail and localised flooding on {day} evening.",
    "Sunrise in {place} will be at {small}:{small}{small2} on {day}.",
    "A high-pressure system will bring settled conditions for most of next week.",
    "Coastal areas may see spray and large waves at high tide.",
    "The UV index will reach {small} in the south on {day}.",
    "Humidity will remain high, making it feel warmer than {temp} degrees.",
    "Temperatures will be close to the seasonal average of {temp} degrees.",
    "Motorists were warned of black ice on untreated roads.",
    "The outlook for the start of {month} is changeable, with sunny spells and showers.",
    "Air quality was rated moderate in {place} on {day}.",
]
TOPICS = {"sports": SPORTS, "business": BUSINESS, "politics": POLITICS, "weather": WEATHER}
# Other news that uses a word the triage also looks for, in another sense. Each goes into a story of
# its topic with probability LOOKALIKE_RATE, so that 14-20% of other news carries one: an assumption
# (no real crawl was measured), stated in bench/README.md.
LOOKALIKES = {
    "sports": ["{person} returned from injury and played the full {minutes} minutes.",
               "{person2} crossed for {person} to head home the winner in the {minute}th minute.",
               "The team arrived late after their coach was delayed by traffic."],
    "business": ["{company} returned to profit after two years of losses, helped by lower energy costs.",
                 "{company} entered the market for electric vans last year and now sells {n_k} a month.",
                 "{company} agreed a cross-border merger with {company2} worth ${n_m} billion."],
    "politics": ["The government also announced {n_k} new police officers and tighter border security.",
                 "The minister returned from talks in Brussels on {day}."],
    "weather": ["Residents were told to shelter indoors as the storm arrived on {day} evening.",
                "Road crossings near the river were closed after {small}{small2} millimetres of rain."],
}
LOOKALIKE_RATE = 0.07

# Sentences composed from short parts (subject, verb, object, tail), so that two stories of one topic
# share few word 5-grams, as two real stories do: the dedupe stage must not see them as copies.
PARTS = {
    "movement": (
        ["families", "aid workers", "local officials", "volunteers", "the authorities", "residents",
         "many of the newcomers", "charities", "the regional government", "doctors", "bus drivers",
         "reception staff", "human rights groups", "several mayors", "teachers"],
        ["described", "struggled with", "warned of", "complained about", "prepared for", "reported",
         "tried to ease", "spoke of", "pointed to", "could not explain"],
        ["long waits", "crowded shelters", "the cold nights", "a shortage of beds", "rising rents",
         "full trains", "the cost of food", "missing documents", "closed schools", "slow paperwork",
         "tired children", "traffic on the main road", "the lack of interpreters"],
        ["", " on the outskirts of {dest}", " near the frontier", " in recent days", " since {day}",
         " in the capital", " at the main station", " along the highway", " this week"],
    ),
    "sports": (
        ["the home side", "{team}", "the visitors", "the coach", "{person}", "the captain",
         "the young midfielder", "their defence", "the goalkeeper", "the substitutes", "{team2}",
         "the back four", "the strikers", "the assistant manager"],
        ["looked sharp", "struggled", "pressed hard", "never gave up", "dominated possession",
         "defended deep", "grew into the game", "faded badly", "kept their shape", "rode their luck",
         "lost concentration", "found space"],
        ["in the opening exchanges", "on the counter", "down the left", "through the middle",
         "from set pieces", "in wet conditions", "under the floodlights", "against a tired side",
         "after the restart", "for long spells"],
        ["", ", much to the crowd's delight", " as the pressure grew", " until the final whistle",
         " without reward", " for the third game running", ", the coach admitted later"],
    ),
    "business": (
        ["the company", "{company}", "analysts", "investors", "the board", "suppliers", "{company2}",
         "rival firms", "the chief financial officer", "shareholders", "the unions", "bond traders"],
        ["cautioned about", "welcomed", "played down", "pointed to", "raised concerns over",
         "reported", "flagged", "downplayed", "focused on", "questioned"],
        ["weaker margins", "higher freight costs", "a slowdown in orders", "strong online sales",
         "the cost of borrowing", "new pricing", "currency swings", "its software division",
         "a tighter labour market", "delays in deliveries", "cheaper raw materials"],
        ["", " in the third quarter", " in European markets", " over the coming months",
         " in a call with reporters", " after the close", " in a note to clients", " this year"],
    ),
    "politics": (
        ["the government", "opposition lawmakers", "the prime minister", "{person}", "{party}",
         "the coalition", "senior officials", "the finance committee", "several backbenchers",
         "the president's office", "regional leaders", "union leaders"],
        ["defended", "attacked", "promised to review", "questioned", "backed", "criticised",
         "sought changes to", "warned against", "welcomed", "called for a vote on"],
        ["the pension reform", "the new tax rules", "the spending plan", "the housing bill",
         "the energy subsidies", "changes to the electoral law", "the health budget",
         "the school reforms", "cuts to local funding", "the transport strategy"],
        ["", " in a heated debate", " on national television", " in a written statement",
         " after a late-night meeting", " during question time", " ahead of the vote", " on social media"],
    ),
    "weather": (
        ["forecasters", "the met office", "meteorologists", "the national weather service",
         "local councils", "farmers", "road crews", "emergency services", "ski resorts", "gardeners"],
        ["expect", "warned of", "are watching", "reported", "are preparing for", "predicted"],
        ["patchy drizzle", "a sharp frost", "gusty winds", "a spell of sunshine", "heavy showers",
         "low cloud", "rising humidity", "a band of rain", "clear skies", "mild nights", "thick fog"],
        ["", " across the north", " in coastal areas", " later in the week", " over the hills",
         " by the weekend", " in the east", " for much of {day}", " through the morning"],
    ),
}
TEMPLATE_SHARE = 0.2  # the rest of a story's sentences are composed from PARTS
HEADLINES = {
    "movement": ["{people} flee to {dest} as numbers at the border rise",
                 "Thousands cross into {dest} in a single day",
                 "Aid agencies struggle as arrivals from {origin} surge",
                 "Queues stretch for miles at the {dest} border"],
    "sports": ["{team} beat {team2} to extend winning run", "Late goal earns {team} a draw at {place}"],
    "business": ["{company} profits beat forecasts", "Shares in {company} jump after results"],
    "politics": ["Parliament approves budget after long debate", "{party_cap} gains ground in {place}"],
    "weather": ["Heavy rain and wind expected in {place}", "Warm weekend ahead for {place}"],
}
EVENTS = ["the mobilisation was announced", "the fighting began", "the start of the year",
          "the offensive began", "the border reopened", "the ceasefire collapsed"]


@dataclass
class Story:
    id: str
    url: str
    topic: str
    title: str
    published: date
    paragraphs: list[str]

    @property
    def text(self) -> str:
        return "\n".join([self.title, *self.paragraphs])


class Scene(dict):
    """Slot values for one story, drawn once so that the same names recur through it."""

    def __init__(self, rng: random.Random):
        origin, people, dests = rng.choice(CORRIDORS)
        source = rng.choice(AGENCIES)
        official = f"{rng.choice(TITLES)} {rng.choice(FIRST)} {rng.choice(LAST)}"
        official_cap = official[0].upper() + official[1:]
        super().__init__(
            origin=origin, people=people, dest=rng.choice(dests), source=source,
            source_cap=source[0].upper() + source[1:], official=official, official_cap=official_cap,
            person=_name(rng), person2=_name(rng), team=_team(rng), team2=_team(rng),
            company=rng.choice(COMPANIES), company2=rng.choice(COMPANIES), place=rng.choice(PLACES),
            party=rng.choice(PARTIES), event=rng.choice(EVENTS), day=rng.choice(DAYS),
            month=rng.choice(MONTHS), year=rng.randint(1990, 2021),
        )
        self["party_cap"] = self["party"][0].upper() + self["party"][1:]
        self.rng = rng

    def __missing__(self, key: str) -> str:
        """Numbers are drawn afresh for every slot, so no two sentences repeat a figure."""
        r = self.rng
        draw = {
            "n_k": lambda: f"{r.randint(1, 99) * 1000 + r.choice([0, 500, 200]):,}",
            "n_small": lambda: str(r.randint(2, 90)), "n_m": lambda: str(r.randint(1, 9)),
            "n_hundreds": lambda: str(r.randint(100, 900)),
            "score": lambda: f"{r.randint(1, 5)}-{r.randint(0, 3)}",
            "pct": lambda: str(r.randint(2, 60)), "temp": lambda: str(r.randint(-5, 38)),
            "crowd": lambda: f"{r.randint(3, 70)},{r.randint(100, 999)}",
            "minute": lambda: str(r.randint(3, 89)), "small": lambda: str(r.randint(2, 9)),
            "rank": lambda: r.choice(["third", "fourth", "fifth", "sixth"]),
            "months": lambda: r.choice(["three", "four", "six"]), "minutes": lambda: "90",
            "shots": lambda: str(r.randint(5, 25)), "points": lambda: str(r.randint(20, 80)),
        }
        return draw[key.rstrip("2")]()


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _team(rng: random.Random) -> str:
    return f"{rng.choice(PLACES)} {rng.choice(TEAMS)}"


def fill(template: str, scene: Scene) -> str:
    return template.format_map(scene)


class Decks:
    """Each template list shuffled and dealt without repeats until it runs out, then reshuffled."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.decks: dict[int, list[str]] = {}

    def deal(self, templates: list[str], count: int = 1) -> list[str]:
        deck = self.decks.setdefault(id(templates), [])
        out = []
        for _ in range(count):
            if not deck:
                deck.extend(self.rng.sample(templates, len(templates)))
            out.append(deck.pop())
        return out


def make_story(rng: random.Random, number: int, topic: str, lookalike: float = LOOKALIKE_RATE) -> Story:
    """Headline plus paragraphs of two to four sentences until the story is 400-900 words long."""
    scene, decks = Scene(rng), Decks(rng)
    target = rng.randint(400, 900)
    paragraphs: list[str] = []
    words = 0
    while words < target:
        paragraph = " ".join(fill(t, scene) for t in _sentences(rng, decks, topic, len(paragraphs)))
        paragraphs.append(paragraph)
        words += len(paragraph.split())
    for sentence in LOOKALIKES.get(topic, []):
        if rng.random() < lookalike:
            paragraphs.insert(rng.randrange(1, len(paragraphs) + 1), fill(sentence, scene))
    published = date(2022, 1, 1) + timedelta(days=rng.randint(0, 3 * 365))
    slug = f"{topic}-{number:06d}"
    title = fill(rng.choice(HEADLINES[topic]), scene)
    return Story(slug, f"https://news.example.org/{published:%Y/%m/%d}/{slug}", topic, title, published,
                 paragraphs)


def _sentences(rng: random.Random, decks: Decks, topic: str, index: int) -> list[str]:
    """Two to four sentences: templates of the topic mixed with composed ones; figures lead."""
    pool = MOVEMENT if topic == "movement" else TOPICS[topic]
    out = [decks.deal(pool)[0] if rng.random() < TEMPLATE_SHARE else compose(rng, topic)
           for _ in range(rng.randint(2, 4))]
    if topic == "movement" and (index == 0 or rng.random() < 0.35):
        out[0] = decks.deal(FIGURES)[0]
    elif topic == "movement" and rng.random() < 0.25:
        out[0] = decks.deal(QUOTES)[0]
    return out


def compose(rng: random.Random, topic: str) -> str:
    subject, verb, thing, tail = (rng.choice(part) for part in PARTS[topic])
    sentence = f"{subject} {verb} {thing}{tail}."
    return sentence[0].upper() + sentence[1:]


# --- pages ------------------------------------------------------------------------------------------

# Site chrome, the same on every page, as big as a real news site's: a mega-menu, a footer of link
# columns, inline icons and an ad/analytics configuration script. None of it names a movement.
MENU = {
    "World": ["Europe", "Americas", "Africa", "Asia", "Middle East", "Australia", "UK", "US & Canada"],
    "Politics": ["Parliament", "Elections", "Policy", "Local government", "Analysis", "Polls"],
    "Business": ["Markets", "Companies", "Economy", "Technology", "Personal finance", "Property", "Energy",
                 "Media", "Retail", "Work & careers"],
    "Sport": ["Football", "Cricket", "Rugby", "Tennis", "Golf", "Athletics", "Cycling", "Motor racing",
              "Boxing", "Results", "Fixtures", "Tables"],
    "Weather": ["Forecast", "Maps", "Warnings", "Climate", "Seasons"],
    "Culture": ["Film", "Music", "Books", "Art & design", "Stage", "Television", "Games", "Classical"],
    "Lifestyle": ["Food", "Travel", "Health", "Fashion", "Family", "Money", "Cars", "Puzzles"],
    "Opinion": ["Editorials", "Columnists", "Letters", "Cartoons", "Obituaries"],
}
FOOTER = ["About us", "Contact", "Careers", "Complaints & corrections", "Privacy policy", "Cookie policy",
          "Terms of use", "Accessibility", "Advertise with us", "Newsletters", "Podcasts", "Apps", "Archive",
          "Site map", "Help", "Subscribe", "Print edition", "Syndication", "Events", "Store"]
ICON = ('<svg class="icon" viewBox="0 0 24 24" aria-hidden="true"><path d="M{0} 2.04c-5.5 0-10 4.49-10 '
        '10.02 0 4.98 3.66 9.1 8.44 9.88v-6.99H7.9v-2.89h2.54V9.84c0-2.51 1.49-3.89 3.78-3.89 1.09 0 2.24.19 '
        '2.24.19v2.47h-1.26c-1.24 0-1.63.78-1.63 1.57v1.88h2.78l-.45 2.89h-2.33v6.99A10 10 0 0 0 22 12.06c0-5.53'
        '-4.5-10.02-10-10.02z"/></svg>')


def _menu() -> str:
    items = []
    for section, subsections in MENU.items():
        links = "".join(f'<li class="menu-item menu-item-type-taxonomy"><a class="menu-link" '
                        f'href="/{section.lower()}/{sub.lower().replace(" ", "-")}">{html.escape(sub)}</a></li>'
                        for sub in subsections)
        items.append(f'<li class="menu-item has-children"><a class="menu-link" href="/{section.lower()}">'
                     f'{section}</a><ul class="sub-menu">{links}</ul></li>')
    return f'<ul class="menu">{"".join(items)}</ul>'


def _footer() -> str:
    return "".join(f'<li><a href="/{name.lower().replace(" ", "-")}">{html.escape(name)}</a></li>'
                   for name in FOOTER)


SITE_MENU, SITE_FOOTER = _menu(), _footer()


def config_script(rng: random.Random) -> str:
    """An ad and analytics configuration blob, as inline JSON, about 25 KB."""
    slots = [{"id": f"slot-{i}", "sizes": [[300, 250], [728, 90], [970, 250]][: rng.randint(1, 3)],
              "targeting": {"pos": rng.choice(["top", "mid", "bottom", "side"]), "tile": i,
                            "kw": rng.sample(["news", "daily", "local", "premium", "video", "live"], 3)},
              "refresh": rng.randint(30, 120), "lazy": rng.random() < 0.5} for i in range(90)]
    config = {"ads": {"network": f"{rng.getrandbits(40):x}", "slots": slots},
              "consent": {"vendors": [rng.getrandbits(24) for _ in range(400)]},
              "experiments": {f"exp_{rng.getrandbits(16):x}": rng.choice(["a", "b", "control"]) for _ in range(30)}}
    return json.dumps(config, separators=(",", ":"))


PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} | The Daily Example</title>
<meta name="description" content="{description}">
<meta property="og:title" content="{title}">
<meta property="og:type" content="article">
<meta property="og:site_name" content="The Daily Example">
<meta property="article:published_time" content="{published}T{hour:02d}:{minute:02d}:00Z">
<link rel="canonical" href="{url}">
<link rel="stylesheet" href="/static/site.{build}.css">
<style>body{{font-family:Georgia,serif;margin:0}}.menu a{{padding:0 8px}}.related li{{margin:4px 0}}
.sub-menu{{display:none}}.menu-item:hover .sub-menu{{display:block}}.icon{{width:16px;height:16px}}</style>
<script type="application/ld+json">{jsonld}</script>
<script>window.dataLayer=window.dataLayer||[];function gtag(){{dataLayer.push(arguments)}}
gtag('js',new Date());gtag('config','G-{build}',{{'page_type':'article','section':'{section}'}});
window.__CONFIG__={config};</script>
</head>
<body>
<div class="cookie-banner">We use cookies to improve your experience. <a href="/privacy">Learn more</a>
<button>Accept</button></div>
<header><a class="logo" href="/">The Daily Example</a>
<nav class="nav">{menu}</nav>
<form class="search" action="/search"><input name="q" placeholder="Search"></form></header>
<main>
<nav class="breadcrumb"><a href="/">Home</a> &rsaquo; <a href="/{section}">{section_title}</a></nav>
<article>
<h1>{title}</h1>
<p class="byline">By {author} &middot; <time datetime="{published}">{published_text}</time></p>
{body}
<div class="share">Share this article: <a href="#">{icon_a} Facebook</a> <a href="#">{icon_b} X</a>
<a href="#">{icon_c} Email</a></div>
</article>
<aside class="related"><h2>More stories</h2><ul>{related}</ul></aside>
<aside class="trending"><h2>Most read</h2><ol>{trending}</ol></aside>
</main>
<footer><ul class="footer-links">{footer}</ul>
<form class="newsletter">Sign up for our daily newsletter <input type="email">
<button>Subscribe</button></form>
<p>&copy; {year} The Daily Example. All rights reserved.</p></footer>
<script src="/static/app.{build}.js" defer></script>
</body>
</html>
"""


def render(story: Story, rng: random.Random, related: list[str]) -> str:
    """The story inside the site's page; `related` headlines fill the two link boxes."""
    section = {"movement": "world", "sports": "sport"}.get(story.topic, story.topic)
    body = "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in story.paragraphs)
    links = [f'<li><a href="/story/{rng.randint(10**5, 10**6)}">{html.escape(h)}</a></li>' for h in related]
    author = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    jsonld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": story.title,
                         "datePublished": story.published.isoformat(), "author": {"@type": "Person", "name": author},
                         "publisher": {"@type": "Organization", "name": "The Daily Example"}})
    return PAGE.format(
        title=html.escape(story.title), description=html.escape(story.paragraphs[0][:150]),
        published=story.published.isoformat(), published_text=f"{story.published:%d %B %Y}",
        hour=rng.randint(5, 22), minute=rng.randint(0, 59), url=story.url, build=f"{rng.getrandbits(32):08x}",
        section=section, section_title=section.title(), menu=SITE_MENU, body=body,
        related="".join(links[:5]), trending="".join(links[5:]), footer=SITE_FOOTER, author=author,
        year=story.published.year, jsonld=jsonld, config=config_script(rng),
        icon_a=ICON.format(12), icon_b=ICON.format(11), icon_c=ICON.format(10),
    )


# --- the corpus -------------------------------------------------------------------------------------


def stories(count: int, relevant_percent: float, seed: int, lookalike: float = LOOKALIKE_RATE) -> list[Story]:
    """`count` stories, `relevant_percent` of them about movement, shuffled (deterministic)."""
    rng = random.Random(seed)
    n_relevant = round(count * relevant_percent / 100)
    topics = ["movement"] * n_relevant + [rng.choice(list(TOPICS)) for _ in range(count - n_relevant)]
    rng.shuffle(topics)
    return [make_story(rng, i, topic, lookalike) for i, topic in enumerate(topics)]


def write_corpus(out: Path, count: int, relevant_percent: float, seed: int,
                 lookalike: float = LOOKALIKE_RATE) -> list[Story]:
    """Write the folder, JSONL, WARC and manifest variants of one corpus into `out`."""
    rng = random.Random(seed + 1)
    corpus = stories(count, relevant_percent, seed, lookalike)
    headlines = [s.title for s in corpus]
    pages = [render(s, rng, rng.sample(headlines, min(10, len(headlines)))) for s in corpus]
    (out / "html").mkdir(parents=True, exist_ok=True)
    for story, page in zip(corpus, pages, strict=True):
        (out / "html" / f"{story.id}.html").write_text(page, encoding="utf-8")
    _write_jsonl(out / "corpus.jsonl",
                 ({"id": s.id, "url": s.url, "html": p} for s, p in zip(corpus, pages, strict=True)))
    _write_jsonl(out / "manifest.jsonl", (_manifest_row(s) for s in corpus))
    write_warc(out / "corpus.warc.gz", corpus, pages)
    return corpus


def _manifest_row(story: Story) -> dict:
    return {"id": story.id, "url": story.url, "topic": story.topic, "relevant": story.topic == "movement",
            "words": len(story.text.split()), "text": story.text}


def _write_jsonl(path: Path, rows) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def write_warc(path: Path, corpus: list[Story], pages: list[str]) -> None:
    """One gzipped WARC response record per page, with its HTTP headers, as a crawler writes them."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for story, page in zip(corpus, pages, strict=True):
            body = page.encode("utf-8")
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                                  ("Content-Length", str(len(body)))], protocol="HTTP/1.1")
            # No clock and no random record id, so the same seed gives the same bytes.
            fixed = {"WARC-Date": f"{story.published.isoformat()}T12:00:00Z",
                     "WARC-Record-ID": f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, story.url)}>"}
            record = writer.create_warc_record(story.url, "response", payload=io.BytesIO(body),
                                               http_headers=headers, warc_headers_dict=fixed)
            writer.write_record(record)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--relevant", type=float, default=3.0, help="percent about population movements")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--lookalike", type=float, default=LOOKALIKE_RATE,
                        help="chance that each look-alike sentence (a cue word in another sense) goes into "
                             "a story of other news")
    args = parser.parse_args()
    corpus = write_corpus(args.out, args.articles, args.relevant, args.seed, args.lookalike)
    relevant = sum(s.topic == "movement" for s in corpus)
    print(f"{len(corpus)} articles ({relevant} about movement) in {args.out}")


if __name__ == "__main__":
    main()
