"""The extractor end to end: the seed article scored with the shared rule, negatives, properties."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crossings import config, evaluate, figures, pipeline
from crossings.records import Article, RawDoc

NO_TRIAGE = config.Settings(triage=False)


def run(text: str, published: str | None = "2023-05-10") -> list[dict]:
    raw = RawDoc(source="t", content=text.encode(), content_type="text/plain", published=published)
    return [f.to_schema() for f in pipeline.process(raw, NO_TRIAGE).figures]


def test_figures_seed_article_all_found_and_nothing_else(seed):
    found = run(seed["text"], seed["published"])
    doc = evaluate.score_pairs(seed["figures"], found, "seed")
    assert len(doc.pairs) == len(seed["figures"]) == 8
    assert doc.found == 8, [f["evidence"]["text"] for f in doc.spurious]
    assert doc.field_errors == [], [(e.field, e.expected.get(e.field), e.found.get(e.field))
                                    for e in doc.field_errors]


def test_figures_seed_not_figures_stay_out(seed):
    found = run(seed["text"], seed["published"])
    spans = [f["evidence"]["text"][f["span"][0]:f["span"][1]] for f in found]
    for phrase in seed["not_figures"]:
        assert not any(phrase in s or s in phrase for s in spans if len(s) > 3), phrase


@pytest.mark.parametrize("text", [
    "At least 40 people were killed and 120 injured when the boat capsized.",
    "Police arrested more than 300 protesters in the capital on Sunday.",
    "The 24-year-old walked five kilometres to the border after a 48-hour wait.",
    "The government pledged $50 million to help 10,000 families displaced by the floods.",
    "Up to 100,000 people could flee if the fighting spreads, the agency warned.",
    "The new camp has room for 5,000 refugees.",
    "Arrivals nearly doubled compared with 2021.",
    "Some 30 percent of the 2,000 migrants were children.",
    # an unsplit sentence: the year is not a count of the party's "People's"
    "The minister said the reforms would be introduced before the end of 2002. the People's Alliance "
    "welcomed the pension reform in a written statement.",
])
def test_figures_hard_negatives_yield_nothing(text):
    assert run(text) == []


def test_figures_rate_with_country_from_the_previous_sentence():
    text = ("Thousands of Ukrainians crossed into Moldova on Monday. "
            "Border police said the number had risen to about 4,000 per day.")
    found = run(text, "2022-03-02")
    rate = next(f for f in found if f["kind"] == "rate")
    assert (rate["origin"], rate["destination"], rate["low"], rate["rate_per"]) == ("UA", "MD", 4000, "day")
    assert rate["source_type"] == "government"


def test_figures_own_date_outranks_the_opening_phrase_of_the_sentence():
    text = ("Over the past week, returns to Afghanistan averaged about 9,500 people a day, down from a peak "
            "of more than 17,000 on 1 November, the agency said.")
    rate, peak = run(text, "2023-11-15")
    assert (rate["low"], rate["kind"], rate["rate_per"]) == (9500, "rate", "day")
    assert (peak["low"], peak["period_start"], peak["period_end"]) == (17000, "2023-11-01", "2023-11-01")


def test_figures_the_other_direction_reverses_the_corridor_and_a_trailing_year_is_its_own():
    text = ("The Polish Border Guard says 9.8 million people have crossed from Ukraine into Poland since "
            "24 February 2022, while 8 million have crossed in the other direction.")
    there, back = run(text, "2023-02-24")
    assert (there["origin"], there["destination"], back["origin"], back["destination"]) == ("UA", "PL", "PL", "UA")
    text = ("About 4,200 migrants had crossed into Lithuania from Belarus between January and August, "
            "compared with 81 in the whole of 2020.")
    recent, before = run(text, "2021-11-09")
    assert (recent["period_start"], recent["period_end"]) == ("2021-01-01", "2021-08-31")
    assert (before["period_start"], before["period_end"]) == ("2020-01-01", "2020-12-31")


def test_figures_who_they_are_does_not_say_where_they_came_from():
    """A composition sentence's demonyms are not the next figure's origin; "carrying" after the number
    (their belongings) does not make it a boat's passenger count, before it does."""
    text = ("More than 400,000 people have crossed from Lebanon into Syria since September 23, officials said. "
            "About 70% of them are Syrians and the rest Lebanese. At the Masnaa crossing, thousands of people "
            "have crossed on foot, carrying their belongings.")
    found = run(text, "2024-10-08")
    assert [(f["origin"], f["destination"], f["low"]) for f in found] == [("LB", "SY", 400000), ("LB", "SY", 2000)]
    assert run("A boat carrying 50 migrants crossed from Libya to Italy.", "2024-10-08") == []


def test_figures_a_new_government_speaker_is_not_the_agency_named_before():
    text = ("More than 1.2 million refugees have fled Ukraine, the UN refugee agency said on Friday. "
            "In Hungary, the government said 140,000 people had arrived from Ukraine.")
    found = run(text, "2022-03-04")
    assert [f["source_type"] for f in found] == ["un_agency", "government"]
    again = run("About 2,000 refugees crossed from Ukraine into Moldova, UNHCR said. The agency said 3,000 more "
                "crossed into Romania.", "2022-03-04")
    assert [f["attributed_to"] for f in again] == ["UNHCR", "UNHCR"]  # "the agency" refers back
    stock = run("More than 30,000 people from Myanmar are sheltering in India's state of Mizoram, state "
                "officials say.", "2022-02-01")
    assert [f["source_type"] for f in stock] == ["government"]


def test_figures_a_flow_back_does_not_turn_the_article_around():
    text = ("Some 53,000 Russians entered Georgia between 21 September and 2 October, the ministry said. "
            "Over the same period, about 42,000 Russians left Georgia. "
            "Daily entries peaked at close to 11,000 on 26 September before falling back to around 4,000.")
    found = run(text, "2022-10-04")
    assert [(f["origin"], f["destination"], f["low"], f["kind"]) for f in found] == [
        ("RU", "GE", 53000, "total"), ("GE", None, 42000, "total"), ("RU", "GE", 11000, "rate"),
        ("RU", "GE", 4000, "rate")]
    assert run("The camp has tents for 2,000 families who fled across the border.", "2022-10-04") == []
    total = run("About 129,000 people crossed from Ukraine into Poland on Saturday. The UN refugee agency said "
                "more than 1.5 million people had left Ukraine in total.", "2022-03-06")
    assert [(f["origin"], f["destination"]) for f in total] == [("UA", "PL"), ("UA", None)]


def test_figures_a_speakers_role_types_the_source_and_halves_of_a_year_are_periods():
    (said,) = run('"We are seeing up to 4,000 arrivals a day from Ukraine," said Maria Lopez, a UNHCR '
                  'spokeswoman in Moldova.', "2022-03-05")
    assert (said["attributed_to"], said["source_type"]) == ("Maria Lopez, a UNHCR spokeswoman in Moldova",
                                                            "un_agency")
    (half,) = run("In the first half of 2023, 65,000 migrants arrived in Italy by sea.", "2023-07-05")
    assert (half["destination"], half["period_start"], half["period_end"]) == ("IT", "2023-01-01", "2023-06-30")
    (island,) = run("Nearly 7,000 migrants arrived on the Italian island of Lampedusa in 24 hours.", "2023-09-14")
    assert island["destination"] == "IT"
    assert run("The border service said 30,000 men had been stopped from leaving Ukraine.", "2022-05-01") == []


def test_figures_running_totals_cutoffs_and_counts_named_before_the_number():
    weekend, total = run("Another 1,200 Ukrainians crossed into Slovakia over the weekend, bringing the total to "
                         "245,000, police said.", "2022-03-28")
    assert (weekend["period_start"], weekend["period_end"]) == ("2022-03-26", "2022-03-27")
    assert (total["low"], total["destination"], total["period_start"], total["period_end"]) == (
        245000, "SK", None, "2022-03-28")
    (stock,) = run("As of June 30, some 1.1 million refugees from South Sudan were living in Uganda.", "2023-07-10")
    assert (stock["kind"], stock["period_end"]) == ("stock", "2023-06-30")
    (by_end,) = run("By the end of May, 4,500 Sudanese had arrived in Ethiopia.", "2023-06-02")
    assert by_end["period_end"] == "2023-05-31"
    (back,) = run("The number of Syrians returning from Turkey rose to 50,000 in August.", "2023-09-05")
    assert (back["origin"], back["destination"], back["low"], back["period_start"]) == ("TR", "SY", 50000,
                                                                                         "2023-08-01")
    inside = run("The fighting has displaced 1.5 million people inside Sudan, and 400,000 have fled abroad.",
                 "2023-06-01")
    assert [f["low"] for f in inside] == [400000]


def test_figures_day_ranges_with_the_month_named_once():
    (left,) = run("Russia's border service said 261,000 Russian citizens left the country between September 21 "
                  "and 27.", "2022-10-01")
    assert (left["low"], left["period_start"], left["period_end"]) == (261000, "2022-09-21", "2022-09-27")
    (since,) = run("About 700,000 Russians have left the country since Sept. 21, a news site reported.",
                   "2022-10-04")
    assert (since["period_start"], since["period_end"]) == ("2022-09-21", "2022-10-04")


def test_figures_a_quote_is_attributed_to_its_speaker_and_a_capital_speaks_for_its_state():
    (quoted,) = run('"Since Friday we have registered 35,000 people from Ukraine," Romania\'s interior minister '
                    'Lucian Bode told reporters.', "2022-02-28")
    assert (quoted["attributed_to"], quoted["source_type"], quoted["destination"]) == (
        "Romania's interior minister Lucian Bode", "government", "RO")
    (capital,) = run("About 2,000 migrants were camped at the Polish border with Belarus, Warsaw said.", "2021-11-10")
    assert (capital["attributed_to"], capital["source_type"]) == ("Warsaw", "government")


def test_figures_a_leading_day_without_a_speaker_is_the_figures_own_and_of_those_continues():
    (day,) = run("On Wednesday, 12,500 people entered Poland from Ukraine, 8% fewer than a day earlier.",
                 "2022-04-07")
    assert (day["period_start"], day["period_end"]) == ("2022-04-06", "2022-04-06")
    (said,) = run("On Wednesday, the border guard said 12,500 people had entered Poland from Ukraine since "
                  "Monday.", "2022-04-07")
    assert (said["period_start"], said["period_end"]) == ("2022-04-04", "2022-04-07")  # "since": to publication
    found = run("Since the invasion, 3.5 million people have fled Ukraine, the UN said. Of those, 2.1 million "
                "have gone to Poland.", "2022-03-22")
    assert [(f["destination"], f["low"]) for f in found] == [(None, 3500000), ("PL", 2100000)]


def test_figures_comparisons_homecomings_and_counts_named_by_their_subject():
    (landed,) = run("Italy's interior ministry said 133,000 migrants had landed on Italian shores this year, nearly "
                    "double last year's figure.", "2023-10-20")
    assert (landed["period_start"], landed["period_end"]) == ("2023-01-01", "2023-10-20")
    (week,) = run("An estimated 100,000 ethnic Armenians fled to Armenia within a week.", "2023-10-02")
    assert (week["origin"], week["destination"], week["kind"]) == (None, "AM", "total")
    (eu,) = run("Irregular crossings into the EU rose to 380,000 in 2023, the highest since 2016, Frontex said.",
                "2024-01-26")
    assert (eu["low"], eu["period_start"], eu["period_end"]) == (380000, "2023-01-01", "2023-12-31")
    (home,) = run("Uganda is now home to more than 1.5 million refugees, most of them from South Sudan.",
                  "2023-06-20")
    assert (home["low"], home["destination"]) == (1500000, "UG")
    (accepted,) = run("Japan accepted 303 refugees in 2023, a record, the immigration agency said.", "2024-03-26")
    assert (accepted["destination"], accepted["period_start"], accepted["period_end"]) == (
        "JP", "2023-01-01", "2023-12-31")


def test_figures_without_publication_date_keep_relative_dates_null():
    found = run("Since Friday about 3,000 Sudanese refugees have crossed into Chad, UNHCR said.", None)
    assert found and found[0]["period_start"] is None and found[0]["period_end"] is None
    assert found[0]["source_type"] == "un_agency"


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_figures_never_raise_and_keep_invariants(text):
    article = Article(text=text, published="2022-09-27")
    for f in figures.extract(article):
        assert 0 <= f.low <= f.high
        assert text[f.evidence.start:f.evidence.end] == f.evidence.text


WORDS = ["about", "10,000", "Russians", "fled", "to", "Georgia", "since", "Monday", "per", "day", "refugees",
         "crossed", "into", "Poland", "said", "UNHCR", "tens", "of", "thousands", ".", "killed", "2,000"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=40))
def test_figures_evidence_offsets_slice_to_evidence(words):
    text = " ".join(words)
    for f in figures.extract(Article(text=text, published=dt.date(2022, 9, 27).isoformat())):
        assert text[f.evidence.start:f.evidence.end] == f.evidence.text
        assert f.span and f.evidence.text[f.span[0]:f.span[1]]
