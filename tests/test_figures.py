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


def test_figures_the_war_in_a_country_is_where_people_fled_from_and_a_city_of_a_country_too():
    (war,) = run("The war in Sudan has driven more than 1.8 million people across its borders, the UN says.",
                 "2024-04-01")
    assert (war["origin"], war["destination"]) == ("SD", None)
    found = run("Refugees fleeing the Sudanese city of El Geneina continued to pour into Chad on Friday. "
                "\"We have received 15,000 people in the past 48 hours,\" said Adam Mahamat, a local official. "
                "He added that another 3,000 were waiting at the border.", "2023-06-17")
    assert [(f["origin"], f["destination"], f["low"]) for f in found] == [("SD", "TD", 15000), ("SD", "TD", 3000)]
    assert [f["source_type"] for f in found] == ["government", "government"]  # "He added": the same speaker
    assert found[1]["attributed_to"] == found[0]["attributed_to"]


def test_figures_a_pronoun_with_nobody_named_before_is_unattributed():
    (alone,) = run("He said 3,000 refugees had crossed into Chad on Friday.", "2023-06-17")
    assert (alone["attributed_to"], alone["source_type"]) == (None, "unattributed")


def test_figures_hosts_in_the_past_tense_and_refugees_from_a_country_that_is_not_the_host():
    (hosting,) = run("As of June 30, Poland was hosting 960,000 refugees from Ukraine, Eurostat data showed.",
                     "2023-08-10")
    assert (hosting["origin"], hosting["destination"], hosting["kind"]) == ("UA", "PL", "stock")
    found = run("About 8 million refugees from Ukraine are now recorded across Europe, the UNHCR said, including "
                "some 1.6 million in Poland and roughly 1.1 million in Germany.", "2023-02-20")
    assert [(f["origin"], f["destination"]) for f in found] == [("UA", None), ("UA", "PL"), ("UA", "DE")]


def test_figures_islands_and_shores_named_by_an_adjective_are_a_destination_and_figures_name_their_source():
    found = run("Arrivals to the Greek islands from Turkey rose to 2,300 in September from 1,100 in August, "
                "according to UNHCR figures.", "2023-10-10")
    assert [(f["origin"], f["destination"], f["low"]) for f in found] == [("TR", "GR", 2300), ("TR", "GR", 1100)]
    assert [(f["attributed_to"], f["source_type"]) for f in found] == [("UNHCR", "un_agency")] * 2


def test_figures_source_types_of_ambassadors_aid_agencies_and_migration_directors():
    (envoy,) = run("More than 100,000 people have left Gaza for Egypt through the Rafah crossing since Oct. 7, "
                   "according to the Palestinian ambassador in Cairo.", "2024-05-06")
    assert (envoy["origin"], envoy["destination"], envoy["source_type"]) == ("PS", "EG", "government")
    assert envoy["period_start"] == "2023-10-07"
    (aid,) = run("Tens of thousands of Rohingya have crossed into Bangladesh, aid agencies said.", "2017-09-02")
    assert aid["source_type"] == "ngo"


def test_figures_refuge_repatriation_queues_and_unaccompanied_children():
    (refuge,) = run("Nearly 9,000 people from Burkina Faso have sought refuge in northern Ghana this year, Ghana's "
                    "interior ministry said.", "2023-06-30")
    assert (refuge["origin"], refuge["destination"], refuge["low"]) == ("BF", "GH", 9000)
    (back,) = run("Dominican officials said they were repatriating between 800 and 1,000 Haitians every day.",
                  "2023-10-03")
    assert (back["origin"], back["destination"], back["kind"], back["rate_per"]) == ("DO", "HT", "rate", "day")
    (queue,) = run("A queue of almost 3,000 trucks stretched on the Polish side of the border with Belarus.",
                   "2023-11-28")
    assert (queue["unit"], queue["kind"], queue["origin"], queue["destination"]) == ("vehicles", "stock", "PL", "BY")
    (kids,) = run("About 4,000 unaccompanied children, most of them aged between 14 and 17, have arrived in Italy "
                  "this year.", "2023-05-10")
    assert (kids["low"], kids["destination"]) == (4000, "IT")


def test_figures_an_age_bound_is_not_a_count():
    assert run("The EU announced 25 million euros in aid for Rohingya refugees in Bangladesh, where more than half "
               "of the camp residents are under 18.", "2023-06-20") == []


def test_figures_early_in_a_month_possessive_events_and_events_dated_by_their_month():
    rate, peak = run("Moldova's interior ministry said an average of 3,500 Ukrainians were entering the country daily, "
                     "down from a peak of 20,000 a day in early March.", "2022-04-20")
    assert (peak["kind"], peak["period_end"]) == ("rate", "2022-03-31")
    (armenia,) = run("More than 100,000 people have fled to Armenia since Azerbaijan's offensive last week, the "
                     "Armenian government said.", "2023-09-30")
    assert (armenia["period_start"], armenia["period_end"]) == ("2023-09-19", "2023-09-30")
    (rohingya,) = run("Nearly 700,000 Rohingya have fled to Bangladesh since a military crackdown in Myanmar began "
                      "in August 2017, the United Nations said.", "2018-08-23")
    assert (rohingya["period_start"], rohingya["period_end"]) == ("2017-08-25", "2018-08-23")
    (coup,) = run("More than 40,000 people from Myanmar have taken refuge in India since the 2021 coup.", "2023-11-20")
    assert coup["period_start"] == "2021-02-01"
    (month,) = run("Since the offensive began in March 2024, 5,000 people have crossed into Chad from Sudan.",
                   "2024-06-01")
    assert month["period_start"] == "2024-03-01"


def test_figures_coordinated_figures_share_their_predicate():
    found = run("Lebanese authorities said more than 310,000 Syrians and 82,000 Lebanese had crossed into Syria "
                "since Sept. 23.", "2024-10-07")
    assert [(f["origin"], f["destination"], f["period_start"]) for f in found] == [
        ("LB", "SY", "2024-09-23"), ("LB", "SY", "2024-09-23")]


def test_figures_returnees_named_after_their_own_country_are_going_home():
    found = run("The war in Sudan has driven more than 1.8 million people across its borders. In South Sudan, IOM "
                "has registered 580,000 arrivals at the Joda crossing since April 2023, most of them South Sudanese "
                "returnees.", "2024-04-01")
    assert [(f["origin"], f["destination"]) for f in found] == [("SD", None), ("SD", "SS")]
    (chad,) = run("Chad now hosts some 400,000 Sudanese refugees who fled earlier conflicts in Darfur.", "2024-04-12")
    assert (chad["origin"], chad["destination"]) == ("SD", "TD")


def test_figures_a_countrys_own_border_with_a_neighbour_is_where_people_come_from():
    october, september = run("U.S. Customs and Border Protection said agents encountered 240,988 migrants at the "
                             "southwest border with Mexico in October, down from 269,735 in September.", "2023-11-14")
    assert [(f["origin"], f["destination"]) for f in (october, september)] == [("MX", "US"), ("MX", "US")]
    (eastern,) = run("More than 40,000 people have fled eastern Congo into Burundi in the past two weeks.",
                     "2025-02-21")
    assert (eastern["origin"], eastern["destination"]) == ("CD", "BI")


def test_figures_a_part_of_a_whole_coordinated_units_and_a_states_own_citizens():
    (part,) = run("By Saturday evening, 100,417 of the region's estimated 120,000 ethnic Armenians had crossed into "
                  "Armenia.", "2023-09-30")
    assert (part["low"], part["destination"]) == (100417, "AM")
    cars, buses = run("Moldovan border police counted 2,300 cars and 40 buses crossing from Ukraine on Sunday.",
                      "2022-03-06")
    assert [(f["unit"], f["origin"], f["destination"]) for f in (cars, buses)] == [("vehicles", "UA", "MD")] * 2
    (home,) = run("Iraq repatriated 431 of its citizens from Belarus on Thursday, the Iraqi foreign ministry said.",
                  "2021-11-18")
    assert (home["origin"], home["destination"]) == ("BY", "IQ")


@pytest.mark.parametrize(("text", "not_a_figure"), [
    ("Dominican authorities pressed ahead with a plan to expel up to 10,000 people a week.", 10000),
    ("The World Food Programme said it needs $242 million to feed 1.2 million refugees in eastern Chad.", 1200000),
    ("About 1,650 people have been evacuated from Gaza so far, out of more than 8,000 who need to leave.", 8000),
])
def test_figures_plans_aid_and_the_whole_of_a_share_are_not_figures(text, not_a_figure):
    assert not_a_figure not in [f["low"] for f in run(text)]


def test_figures_an_aid_groups_name_is_no_host_and_a_possessive_camp_receives():
    (kenya,) = run("Kenya's Dadaab camps received nearly 10,000 new arrivals from Somalia in January, the Norwegian "
                   "Refugee Council said.", "2023-02-15")
    assert (kenya["origin"], kenya["destination"], kenya["period_start"]) == ("SO", "KE", "2023-01-01")


def test_figures_receiving_daily_averages_and_temporary_protection():
    rate, = run("Thousands of people fleeing Darfur have arrived in eastern Chad. “We are receiving between 800 and "
                "1,000 people a day,” said Ahmed Ali, a local official in Adre.", "2023-06-22")[1:]
    assert (rate["low"], rate["high"], rate["kind"], rate["destination"]) == (800, 1000, "rate", "TD")
    (average,) = run("The daily average of crossings from Ukraine into Poland has settled at around 20,000, the "
                     "Polish Border Guard said.", "2023-02-23")
    assert (average["kind"], average["rate_per"], average["origin"], average["destination"]) == (
        "rate", "day", "UA", "PL")
    (stock,) = run("The number of Syrians under temporary protection in Turkey has fallen to 3.1 million.",
                   "2024-07-15")
    assert (stock["kind"], stock["origin"], stock["destination"]) == ("stock", "SY", "TR")


def test_figures_state_agencies_and_a_speaker_named_after_the_role():
    (sudan,) = run("More than 27,000 refugees have fled Ethiopia into Sudan, Sudan's refugee agency said.",
                   "2020-11-15")
    assert sudan["source_type"] == "government"
    (envoy,) = run("Around 100,000 Palestinians have left Gaza for Egypt through the Rafah crossing, the Palestinian "
                   "ambassador in Cairo, Diab al-Louh, said.", "2024-05-06")
    assert (envoy["attributed_to"], envoy["source_type"]) == (
        "the Palestinian ambassador in Cairo, Diab al-Louh", "government")


def test_figures_comparisons_event_months_year_ends_and_running_totals_in_periods():
    (january,) = run("Panama said 36,001 migrants crossed the Darien jungle from Colombia into Panama in January, "
                     "a 47% drop from the same month last year.", "2024-02-05")
    assert (january["period_start"], january["period_end"]) == ("2024-01-01", "2024-01-31")
    (crackdown,) = run("More than 500,000 Afghans have left Pakistan since Islamabad launched a crackdown on "
                       "undocumented migrants in October.", "2024-01-12")
    assert (crackdown["period_start"], crackdown["period_end"]) == ("2023-10-01", "2024-01-12")
    _, earlier = run("Peru said some 1.5 million Venezuelans now reside in the country, up from 1.2 million at the end "
                     "of 2021.", "2023-06-20")
    assert earlier["period_end"] == "2021-12-31"
    day, total = run("Hungary said on Wednesday that over 13,000 people crossed from Ukraine on Tuesday alone, "
                     "bringing the total since the war began to almost 140,000.", "2022-03-02")
    assert (day["period_start"], day["period_end"]) == ("2022-03-01", "2022-03-01")
    assert (total["period_start"], total["period_end"]) == ("2022-02-24", "2022-03-02")


def test_figures_fled_abroad_the_country_in_own_words_and_repeated_convoys():
    (abroad,) = run("The fighting has displaced more than 4 million people inside Sudan, and 1.1 million have fled to "
                    "neighbouring countries, according to OCHA.", "2023-09-01")
    assert (abroad["low"], abroad["origin"], abroad["destination"]) == (1100000, "SD", None)
    georgia, armenia = run("Georgia's interior ministry said 78,000 Russians had entered the country since the "
                           "mobilization was announced, while Armenian officials put the number of arrivals in "
                           "Armenia at roughly 40,000.", "2022-10-03")
    assert [(f["origin"], f["destination"]) for f in (georgia, armenia)] == [("RU", "GE"), ("RU", "AM")]
    (convoys,) = run("UNHCR said convoys carrying about 2,000 Burundian returnees leave Tanzania every week.",
                     "2023-11-02")
    assert (convoys["kind"], convoys["rate_per"], convoys["origin"], convoys["destination"]) == (
        "rate", "week", "TZ", "BI")


def test_figures_bracketed_lists_give_each_country_its_figure_and_the_list_its_kind():
    found = run("More than 1.8 million people have fled Sudan to neighbouring countries, including Chad (over "
                "590,000), South Sudan (about 620,000) and Egypt (500,000), according to UNHCR.", "2024-04-12")
    assert [(f["low"], f["origin"], f["destination"], f["kind"]) for f in found] == [
        (1800000, "SD", None, "total"), (590000, "SD", "TD", "total"), (620000, "SD", "SS", "total"),
        (500000, "SD", "EG", "total")]
    found = run("Nearly 6 million refugees from Ukraine are recorded across Europe, with the largest numbers in "
                "Germany (1.1 million) and Poland (956,000), UNHCR said.", "2024-02-23")
    assert [(f["origin"], f["destination"], f["kind"]) for f in found] == [
        ("UA", None, "stock"), ("UA", "DE", "stock"), ("UA", "PL", "stock")]


def test_figures_a_describing_word_between_number_and_noun():
    (kyrgyz,) = run("In Kyrgyzstan, the migration service reported that 3,200 labour migrants returned from Russia "
                    "in April.", "2024-05-20")
    assert (kyrgyz["low"], kyrgyz["origin"], kyrgyz["destination"]) == (3200, "RU", "KG")
    (haitians,) = run("The Dominican Republic deported more than 250,000 Haitians last year.", "2024-01-10")
    assert haitians["low"] == 250000
    assert run("Roughly 2,000 Russian peacekeepers have left Azerbaijan, the defence ministry said.") == []
    assert run("More than 1,000 military vehicles crossed into Syria overnight.") == []


@pytest.mark.parametrize("text", [
    "Kufra, a desert town of some 60,000 people near Libya's borders with Sudan, has become a first stop for refugees.",
    "Each adult had paid a boatman 50,000 Sri Lankan rupees for the crossing, officials said.",
    "Many entered at night across the river, paying brokers up to Tk 50,000 per person, officials said.",
    "The exodus was driven by violence that pushed the homicide rate to 45 per 100,000 inhabitants.",
    "Smugglers were packing an average of 53 people into each dinghy crossing the Channel, he said.",
    "Inside Lebanon, more than 1 million people have been displaced.",
    "Inside Tigray, an estimated 100,000 refugees and others have been displaced from their homes.",
    "Officials expect to relocate about 5,700 asylum seekers to Rwanda in the first wave.",
    "Some holding centres are able to house up to 5,000 migrants before they are taken to the border.",
    "The Kazbegi crossing point can process about 1,000 cars a day, the ministry said.",
    "The president has vowed to expel up to 10,000 undocumented migrants a week.",
    "Hundreds of residents protested on Saturday, demanding that the refugees be moved off the island.",
])
def test_figures_sizes_money_ratios_loads_internal_and_plans_are_not_figures(text):
    assert run(text, "2024-01-15") == [], text


def test_figures_hosts_passes_and_comparisons():
    (peru,) = run("Peru is now home to more than 400,000 Venezuelans, according to government figures, second only "
                  "to Colombia.", "2018-08-25")
    assert (peru["origin"], peru["destination"], peru["kind"], peru["qualifier"]) == ("VE", "PE", "stock", "more_than")
    (lebanon,) = run("The number of Syrian refugees in Lebanon has passed 1 million, the UN refugee agency said.",
                     "2014-04-03")
    assert (lebanon["kind"], lebanon["qualifier"], lebanon["destination"]) == ("stock", "more_than", "LB")
    (slovak,) = run("At the Slovak crossing, where hauliers have threatened to join the protest, some 800 trucks were "
                    "waiting to enter Ukraine, he said.", "2023-11-27")
    assert (slovak["unit"], slovak["kind"]) == ("vehicles", "stock")


def periods(text: str, published: str) -> list[tuple[str | None, str | None]]:
    return [(f["period_start"], f["period_end"]) for f in run(text, published)]


def test_figures_periods_since_a_dated_event_day_pairs_and_the_day_before():
    assert periods("The Armenian government said on Saturday that 100,417 people had arrived from Nagorno-Karabakh "
                   "since last Sunday.", "2023-09-30") == [("2023-09-24", "2023-09-30")]
    assert periods("Turkey's interior minister said on Monday that 117,677 migrants had left Turkey since Ankara said "
                   "on Friday it would no longer stop them.", "2020-03-02") == [("2020-02-28", "2020-03-02")]
    assert periods("An average of 390 Eritreans a day have crossed into Ethiopia since the two countries reopened "
                   "their border on Sept. 11, UNHCR said.", "2018-10-12") == [("2018-09-11", "2018-10-12")]
    assert periods("More than 800,000 people fleeing the war in Ukraine have entered Moldova since February 24 last "
                   "year, the border police said.", "2023-02-24") == [("2022-02-24", "2023-02-24")]
    assert periods("About 1,200 people crossed from Goma into Rwanda on Sunday and Monday, the ministry said.",
                   "2025-01-27") == [("2025-01-26", "2025-01-27")]
    assert periods("Finland's Border Guard said 7,400 Russians crossed into Finland on Sunday, down from 8,572 a day "
                   "earlier.", "2022-09-26") == [("2022-09-25", "2022-09-25"), ("2022-09-24", "2022-09-24")]
    assert periods("As of 14 May, an estimated 54,200 people had crossed from Sudan into South Sudan since 15 April, "
                   "according to IOM.", "2023-05-16") == [("2023-04-15", "2023-05-14")]
    crete = ("The number of migrants reaching Crete from Libya more than doubled to 4,800 in the first six months of "
             "2024, up from 2,150 in the same period a year earlier, the coast guard said.")
    assert periods(crete, "2024-07-08") == [("2024-01-01", "2024-06-30"), ("2023-01-01", "2023-06-30")]


@pytest.mark.parametrize(("text", "who", "kind"), [
    ("More than 30,000 people have crossed from Lebanon into Syria, UN High Commissioner for Refugees Filippo Grandi "
     "said on Thursday.", "UN High Commissioner for Refugees Filippo Grandi", "un_agency"),
    ("The Taliban's ministry of refugees said 7,800 families had returned from Iran through Islam Qala.",
     "The Taliban's ministry of refugees", "government"),
    ("About 124,000 migrants crossed illegally from Mexico into the United States in January, according to U.S. "
     "Customs and Border Protection data released on Tuesday.", "U.S. Customs and Border Protection", "government"),
    ("Around 1.1 million people have returned to Ukraine from abroad, according to the latest survey released today "
     "by the International Organization for Migration (IOM).", "the International Organization for Migration (IOM)",
     "un_agency"),
    ("More than 27,000 Ethiopians have fled into Sudan, Sudan's refugee commission said.", "Sudan's refugee commission",
     "government"),
    ("Some 12,500 people reached Malta by sea last year, according to Interior Ministry figures cited by the IOM.",
     "Interior Ministry", "government"),
    ("About 160,000 Ukrainian refugees were living in Italy in May, the national statistical office said.",
     "the national statistical office", "government"),
    ("At least 2,000 migrants are stranded in Reynosa, a network of migrant shelters said.",
     "a network of migrant shelters", "ngo"),
])
def test_figures_sources_named_for_refugees_abbreviations_and_publishers(text, who, kind):
    (found,) = run(text, "2024-01-10")
    assert (found["attributed_to"], found["source_type"]) == (who, kind)


def test_figures_returns_go_back_from_where_people_arrived_and_regions_name_their_country():
    ceuta = ("About 8,000 people walked into Spain's enclave of Ceuta from Morocco on Monday, the Spanish government "
             "said. The interior minister said about 4,000 of them had already been returned to Morocco.")
    assert [(f["origin"], f["destination"]) for f in run(ceuta, "2021-05-18")] == [("MA", "ES"), ("ES", "MA")]
    bosnia = ("About 5,000 migrants are camped in Bosnia, waiting to cross into Croatia, the ministry said. More than "
              "21,000 migrants have entered Bosnia this year, the ministry added.")
    assert [(f["origin"], f["destination"]) for f in run(bosnia, "2018-10-24")][1] == (None, "BA")
    (tamil,) = run("Sixteen Sri Lankan Tamils landed in Tamil Nadu on Tuesday after crossing the Palk Strait.",
                   "2022-06-28")
    assert (tamil["origin"], tamil["destination"]) == ("LK", "IN")


def test_figures_describing_words_before_demonyms_counted_units_and_years_with_commas():
    (afghans,) = run("More than 250,000 undocumented Afghans have left Pakistan since the government announced its "
                     "repatriation drive on October 3, officials said.", "2023-11-07")
    assert (afghans["origin"], afghans["destination"], afghans["low"]) == ("PK", "AF", 250000)
    (flights,) = run("Meanwhile, 1,840 stranded Ethiopians flew home from Aden last year.", "2024-01-20")
    assert (flights["kind"], flights["origin"], flights["destination"]) == ("total", "YE", "ET")
    (cars,) = run("The number of cars crossing from Russia has tripled, to about 1,400 a day, the head of the "
                  "checkpoint said.", "2022-09-26")
    assert (cars["unit"], cars["kind"]) == ("vehicles", "rate")
    _, earlier = run("Panama counted 18,900 Chinese nationals entering through the Darien between January and "
                     "September, up from 2,005 in all of 2022.", "2023-10-10")
    assert (earlier["low"], earlier["period_start"], earlier["period_end"]) == (2005, "2022-01-01", "2022-12-31")


def test_figures_lists_that_went_somewhere_boats_that_landed_and_sentences_that_refer_back():
    found = run("An estimated 500,000 Russians left Russia in 2022. The largest numbers went to Kazakhstan (about "
                "150,000) and Georgia (110,000), the estimates suggest.", "2023-01-15")
    assert [(f["origin"], f["destination"], f["low"]) for f in found][1:] == [("RU", "KZ", 150000),
                                                                              ("RU", "GE", 110000)]
    (boat,) = run("A wooden boat carrying 147 Rohingya refugees landed on a beach in Indonesia on Sunday.",
                  "2023-12-11")
    assert (boat["low"], boat["destination"]) == (147, "ID")
    _, weekly = run("More than 25,000 people have crossed the Channel from France to Britain this year. That is an "
                    "average of roughly 640 people a week.", "2024-10-01")
    assert (weekly["kind"], weekly["rate_per"], weekly["origin"]) == ("rate", "week", "FR")


@pytest.mark.parametrize("text", [
    "Bangladesh moved 1,642 Rohingya refugees on Friday from camps near Cox's Bazar to Bhasan Char, an island.",
    "Sudan's refugee commission said about 13,000 refugees had been moved from the Hamdayet transit centre to Um "
    "Rakuba camp, inside Sudan.",
    "The island lies some 34 km from the mainland and has been built to house up to 100,000 refugees.",
])
def test_figures_moves_between_camps_and_housing_built_are_not_crossings(text):
    assert run(text, "2020-12-05") == [], text


def test_figures_averages_are_rates_and_us_fiscal_years():
    _, average = run("Peru's migration authority said more than 5,100 Venezuelans entered at the Tumbes border post "
                     "on Friday, up from an average of about 4,000 a day earlier in the week.", "2018-08-25")
    assert (average["kind"], average["rate_per"]) == ("rate", "day")
    (cubans,) = run("U.S. authorities encountered nearly 225,000 Cubans at the US border in the fiscal year that "
                    "ended on Sept. 30, according to Customs and Border Protection data.", "2022-10-22")
    assert (cubans["period_start"], cubans["period_end"]) == ("2021-10-01", "2022-09-30")


@pytest.mark.parametrize("text", [
    "More than 362,000 people have been displaced inside Haiti by gang violence, the IOM said, including about "
    "17,000 who fled Port-au-Prince in the past two weeks.",
    "Nearly 900,000 people have fled their homes in northwest Syria since early December, the United Nations said.",
    "The camps, set up in the early 1990s for 90,000 refugees, are crowded, the charity said.",
])
def test_figures_parts_of_internal_counts_homes_fled_and_camps_set_up_for_n_are_not_crossings(text):
    assert run(text, "2024-03-22") == [], text


def test_figures_sources_of_the_numbers_are_no_origins_and_peoples_named_by_region_or_group():
    (bangladeshis,) = run("Some 15,228 Bangladeshis reached Italy by sea last year, according to figures from Italy's "
                          "interior ministry.", "2023-03-01")
    assert (bangladeshis["origin"], bangladeshis["destination"], bangladeshis["attributed_to"]) == (
        "BD", "IT", "Italy's interior ministry")
    (yazidis,) = run("Some 45,000 Yazidis have crossed from Syria into Iraq over the past few days.", "2014-08-11")
    assert (yazidis["origin"], yazidis["destination"]) == ("SY", "IQ")
    (africans,) = run("About 25,000 African asylum seekers, most of them from Eritrea, live in Israel.", "2023-09-05")
    assert (africans["destination"], africans["kind"]) == ("IL", "stock")
    (belarusians,) = run("Around 56,000 Belarusian citizens were living in Lithuania at the start of this year.",
                         "2023-09-14")
    assert (belarusians["origin"], belarusians["destination"], belarusians["kind"]) == ("BY", "LT", "stock")
    (nepalis,) = run("More than 100,000 Nepali migrant workers have returned home from India.", "2020-06-10")
    assert (nepalis["origin"], nepalis["destination"]) == ("IN", "NP")


def test_figures_bare_counts_flights_that_left_queues_and_clauses_with_their_own_verb():
    (crossing,) = run("The Darien has seen a record year. In December alone, nearly 3,000 made the crossing from "
                      "Colombia, the agency said.", "2024-01-10")
    assert crossing["low"] == 3000
    (weekly,) = run("In recent weeks Albanians have been arriving in Britain at a rate of more than 1,000 a week.",
                    "2022-10-26")
    assert (weekly["origin"], weekly["kind"], weekly["rate_per"]) == ("AL", "rate", "week")
    (flight,) = run("An Iraqi Airways flight carrying 431 Iraqis left Minsk for Erbil on Thursday.", "2021-11-19")
    assert (flight["low"], flight["destination"]) == (431, "IQ")
    (queue,) = run("Queues of up to 700 vehicles formed at the Turkish border gate on Monday.", "2023-03-28")
    assert queue["kind"] == "stock"
    _, since = run("Between 3,000 and 4,000 Venezuelans a day are entering Ecuador, and 547,000 have arrived since "
                   "the start of the year, the ministry said.", "2018-08-08")
    assert since["kind"] == "total"


@pytest.mark.parametrize("text", [
    "A survey of 11,225 Ukrainian refugees in Germany found that 44 percent want to remain in the country.",
    "The 5.5-metre barrier on the border with Belarus is patrolled by some 5,000 border guards.",
    "The mayor of Colchane, an Andean town of about 1,600 people on Chile's border with Bolivia, spoke to migrants.",
    "Bunagana, a trading hub of about 10,000 people near the border with Congo, was deserted as refugees fled.",
    "Saudi border guards were accused of killing hundreds of migrants trying to cross from Yemen.",
    "Kyrgyzstan said more than 136,000 people had been evacuated from villages in its Batken region near the border.",
    "The government said it planned to deport about 140 foreigners on military flights next week.",
    "Altima Group entered the market for electric vans last year and now sells 81,000 a month.",
    "Smugglers are packing an average of 53 people into each dinghy crossing the Channel, up from 41 last year.",
])
def test_figures_surveys_guards_towns_killings_evacuated_villages_and_plans_are_not_figures(text):
    assert run(text, "2023-07-12") == [], text


def test_figures_asides_clause_ends_hosted_totals_and_months_ending():
    assert run("At least 61 migrants, including women and children, drowned after their boat capsized off Libya, "
               "the IOM said.", "2023-12-19") == []
    assert run("Migrants were held in detention centres where as many as 350 people shared a single room.") == []
    _, before = run("The number of North Korean defectors who reached South Korea rose to 196 last year from 67 in "
                    "2022, as easing border controls in China allowed more to make the journey.", "2024-01-18")
    assert (before["origin"], before["destination"]) == ("KP", "KR")
    _, jordan = run("Jordan hosts about 660,000 Syrian refugees, although the government puts the total number of "
                    "Syrians in the kingdom at 1.3 million.", "2023-06-20")
    assert jordan["kind"] == "stock"
    (cubans,) = run("U.S. authorities recorded 224,607 arrivals of Cubans in the 12 months ending Sept. 30.",
                    "2022-10-22")
    assert (cubans["period_start"], cubans["period_end"]) == ("2021-10-01", "2022-09-30")


def test_figures_cote_divoire_and_people_going_home_along_the_carried_corridor():
    (ivory,) = run("In Côte d’Ivoire, the authorities have registered more than 55,000 Burkinabè asylum seekers since "
                   "January 2023.", "2024-02-16")
    assert (ivory["origin"], ivory["destination"]) == ("BF", "CI")
    found = run("More than 300,000 people have crossed from Lebanon into Syria since September 23. The directorate "
                "counts at least 235,000 Syrians among those who have crossed.", "2024-10-04")
    assert [(f["origin"], f["destination"]) for f in found] == [("LB", "SY"), ("LB", "SY")]


def test_figures_from_the_long_articles_set():
    (abroad,) = run("KYIV, Ukraine (AP) — More than 1.1 million people have entered Ukraine from abroad since Feb. 28, "
                    "the border guard said, as some of those who fled in the first weeks of the war head home to areas "
                    "the Russians have withdrawn from.", "2022-05-02")
    assert (abroad["origin"], abroad["destination"], abroad["period_start"]) == (None, "UA", "2022-02-28")
    (cars,) = run("About 3,000 cars, vans and trucks were lined up on the Russian side of the checkpoint on Wednesday.",
                  "2022-09-28")
    assert (cars["unit"], cars["kind"], cars["origin"]) == ("vehicles", "stock", "RU")
    (chaman,) = run("Thousands of Afghans have been crossing into Pakistan every day at the Chaman crossing, officials "
                    "say, though many of them are traders who return home the same evening.", "2021-08-24")
    assert (chaman["origin"], chaman["destination"]) == ("AF", "PK")
    (hosted,) = run("Pakistan already hosts some 1.4 million registered Afghan refugees.", "2021-08-24")
    assert (hosted["origin"], hosted["destination"], hosted["kind"]) == ("AF", "PK", "stock")
    (soldiers,) = run("More than 1,000 Afghan soldiers fled across the border into Tajikistan overnight.", "2021-07-05")
    assert (soldiers["origin"], soldiers["destination"]) == ("AF", "TJ")
    _, stayed = run("In Moldova, authorities said more than 337,000 people had crossed from Ukraine since Feb. 24, and "
                    "nearly 100,000 had stayed.", "2022-03-15")
    assert stayed["kind"] == "stock"


@pytest.mark.parametrize("text", [
    "Since Saturday, more than 47,000 people have arrived in Slovenia, police said, in a country of just two million.",
    "Egypt said 40,000 Sudanese had crossed, along with about 2,000 foreign nationals from more than 50 countries.",
    "Britain said it had run 23 evacuation flights from an airstrip north of Khartoum.",
    "More than 70,000 people have fled Nagorno-Karabakh for Armenia, well over half of the region's estimated 120,000 "
    "ethnic Armenian residents.",
    "A record 46,843 migrants reached the Canary Islands in 2024, surpassing the previous high by more than 14,000.",
    "The 2024 Chad refugee response plan seeks US$630 million.",
])
def test_figures_long_articles_sizes_continents_flights_shares_differences_and_plans(text):
    found = run(text, "2024-01-02")
    assert all(f["low"] not in (2_000_000, 50, 23, 120_000, 14_000, 2024) for f in found), found


def test_figures_asylum_applications_count_people():
    (applications,) = run("According to local authorities, 19,000 asylum applications from Venezuelans were registered "
                          "in Brazil in July.", "2023-08-10")
    assert (applications["low"], applications["unit"], applications["origin"]) == (19000, "people", "VE")


def test_figures_named_crossings_give_their_direction_and_a_year_is_no_range_start():
    (channel,) = run("More than 600 people crossed the English Channel in small boats on Friday, officials said.",
                     "2024-06-08")
    assert (channel["origin"], channel["destination"], channel["low"]) == ("FR", "GB", 600)
    (albanians,) = run("Some 12,000 Albanians crossed the Channel last year.", "2023-02-01")
    assert (albanians["origin"], albanians["destination"]) == ("AL", "GB")  # their nationality still names the origin
    (gap,) = run("Nearly 300,000 migrants walked through the Darien Gap in the first half of the year.", "2023-07-10")
    assert (gap["origin"], gap["destination"]) == ("CO", "PA")
    (border,) = run("Border Patrol recorded 190,000 encounters along the southwest border in June.", "2023-07-14")
    assert (border["origin"], border["destination"]) == ("MX", "US")
    (tally, _) = run("The new arrivals bring the tally for 2023 to 9,870, up from 7,200 a year earlier.", "2023-09-01")
    assert (tally["low"], tally["high"]) == (9870, 9870)


def test_figures_centres_holding_people_are_stocks_and_attempts_are_no_crossings():
    (held,) = run("The reception centre on the island, built for 350, was holding about 2,900 people on Monday.",
                  "2023-06-13")
    assert held["kind"] == "stock"
    found = run("Around 1,500 migrants tried to scale the border fence on Thursday, and 90 managed to get across.",
                "2022-03-04")
    assert [f["low"] for f in found] == [90]


def test_figures_people_who_left_with_no_place_leave_where_the_story_is():
    _, left = run("Armenia said 61,000 Russians entered in October. Some 38,000 have since left, officials added.",
                  "2022-11-10")
    assert (left["origin"], left["destination"]) == ("AM", None)
    entered, gone = run("Officials said 9,000 Russians entered Mongolia that week, and about 4,100 left over the "
                        "same days.", "2022-10-01")
    assert (entered["origin"], entered["destination"], gone["origin"], gone["destination"]) == ("RU", "MN", "MN", None)
    (emigrated,) = run("More than 7 million Venezuelans have left since 2015, the UN says.", "2023-05-10")
    assert (emigrated["origin"], emigrated["destination"]) == ("VE", None)


def test_figures_going_home_is_a_return_and_a_sub_count_keeps_its_heads_verb():
    (home,) = run("About 40,000 Burundians have gone home from Tanzania since January, UNHCR said.", "2023-06-01")
    assert (home["origin"], home["destination"]) == ("TZ", "BI")
    whole, part = run("Jordan said 30,000 Iraqi refugees had returned home from its camps since March, including 4,000 "
                      "in the past week.", "2023-06-01")
    assert (part["origin"], part["destination"]) == (whole["origin"], whole["destination"]) == ("JO", "IQ")


def test_figures_periods_half_months_starts_of_months_and_spans_of_hours():
    assert periods("UNHCR registered 5,100 new arrivals in Chad in the first half of June.", "2024-06-20") == [
        ("2024-06-01", "2024-06-15")]
    assert periods("About 900 people have crossed from Russia since the start of December, officials said.",
                   "2023-12-12") == [("2023-12-01", "2023-12-12")]
    assert periods("More than 3,000 migrants reached the island in the space of 48 hours.", "2023-09-14") == [
        ("2023-09-12", "2023-09-14")]


def test_figures_frontex_detections_months_last_year_and_shares_name_no_main_origin():
    found = run("Detections on the Central Mediterranean route rose from 9,800 in May last year to 12,300 in May, "
                "Frontex said. Some 18 percent of those detected were Tunisians.", "2023-06-14")
    assert [(f["low"], f["origin"], f["period_start"]) for f in found] == [
        (9800, None, "2022-05-01"), (12300, None, "2023-05-01")]


def test_figures_a_country_named_before_nationals_names_the_people():
    (deported,) = run("Thailand deported 1,240 Cambodia nationals last week, the immigration bureau said.",
                      "2024-03-12")
    assert (deported["origin"], deported["destination"]) == ("TH", "KH")
    (fled,) = run("About 300 Myanmar soldiers fled into India's Mizoram state on Sunday.", "2024-01-22")
    assert (fled["origin"], fled["destination"]) == ("MM", "IN")


def test_figures_us_border_statistics_name_the_corridor_and_its_fiscal_year():
    (encounters,) = run("CBP reported 2.1 million migrant encounters at the southern border in fiscal year 2022.",
                        "2022-11-20")
    assert (encounters["origin"], encounters["destination"], encounters["period_start"], encounters["period_end"]) == (
        "MX", "US", "2021-10-01", "2022-09-30")


def test_figures_from_a_rate_to_a_number_is_the_same_rate():
    before, now = run("Arrivals in Armenia have slowed from about 6,000 a day in early October to some 2,500, "
                      "officials said.", "2022-10-20")
    assert [(f["low"], f["kind"], f["rate_per"]) for f in (before, now)] == [
        (6000, "rate", "day"), (2500, "rate", "day")]


def test_figures_a_weekly_count_that_travels_the_other_way():
    there, back = run("Crossings from Moldova into Romania have settled at 9,000 a week, while some 7,500 a week "
                      "cross in the other direction.", "2023-05-10")
    assert [(f["origin"], f["destination"], f["rate_per"]) for f in (there, back)] == [
        ("MD", "RO", "week"), ("RO", "MD", "week")]
    assert run("The bakery sells 81,000 a month, up from 60,000 a month before the border reopened.") == []


def test_figures_shores_of_a_country_and_villages_of_it_are_destinations():
    (shores,) = run("About 400 Rohingya refugees landed on the shores of Malaysia's Langkawi island on Sunday.",
                    "2023-04-03")
    assert (shores["origin"], shores["destination"]) == ("MM", "MY")
    (village,) = run("Some 900 migrants walked from Bolivia into the Chilean village of Colchane this week.",
                     "2021-02-10")
    assert (village["origin"], village["destination"]) == ("BO", "CL")


def test_figures_after_a_colon_a_live_blog_timestamp_and_a_wire_dateline():
    (rate,) = run("Crossings at Renk slowed this week: between 800 and 1,200 people a day were counted.", "2024-03-08")
    assert (rate["low"], rate["high"], rate["kind"]) == (800, 1200, "rate")
    (live,) = run("14:05 GMT — Moldova's interior ministry says 4,100 people crossed from Ukraine overnight.",
                  "2022-03-03")
    assert live["attributed_to"] == "Moldova's interior ministry" and live["source_type"] == "government"
    (wire,) = run("KHARTOUM, May 4 (Xinhua) -- Egypt's foreign ministry said 2,300 Sudanese had entered Egypt.",
                  "2023-05-04")
    assert wire["attributed_to"] == "Egypt's foreign ministry"
    (named,) = run("About 3,000 people crossed into Chad, Jean Dupont, head of the regional office, said.",
                   "2023-05-04")
    assert named["attributed_to"] == "Jean Dupont, head of the regional office"


def test_figures_ages_after_names_years_before_singular_nouns_and_people_turned_away_are_no_figures():
    assert run("“We sold the car to pay for the trip,” said Irina, 41, who crossed with her son.", "2022-09-30") == []
    assert run("The mayor, who visited the crossing on Sunday, recalled the 2015 refugee crisis.", "2022-03-01") == []
    assert run("Border guards turned away about 300 people trying to enter from Belarus.", "2021-08-02") == []
    assert run("Officials handed out “several dozen” summonses at the crossing.", "2022-09-28") == []


def test_figures_a_nationality_is_no_homecoming_from_a_later_clause_and_asides_do_not_end_a_clause():
    (entered,) = run("Mongolia's border agency said 3,400 Russian citizens had entered the country since Sept. 21, "
                     "as traffic backed up into Russia's Buryatia region.", "2022-09-27")
    assert (entered["origin"], entered["destination"]) == ("RU", "MN")
    (flight,) = run("A chartered plane carrying 210 Iraqis, most of them Yazidis, left Minsk for Baghdad on Friday.",
                    "2021-11-20")
    assert (flight["origin"], flight["destination"]) == ("BY", "IQ")


def test_figures_running_totals_tallies_airlifts_and_vague_dozens():
    assert [(f["low"], f["destination"]) for f in run(
        "Refugees from Ukraine kept arriving in central Europe. Hungary's count stood at 190,000 on Friday, "
        "up from 150,000 a week earlier.", "2022-03-12")] == [(190000, "HU"), (150000, "HU")]
    (total,) = run("That brought the total evacuated since Aug. 15 to roughly 48,000, officials said.", "2021-08-25")
    assert (total["low"], total["period_start"]) == (48000, "2021-08-15")
    (brought,) = run("The flight brought to 640 the number of Hondurans flown home from Mexico since Jan. 5.",
                     "2025-02-01")
    assert (brought["origin"], brought["destination"], brought["low"]) == ("MX", "HN", 640)
    (airlift,) = run("Italy's defence ministry said 2,100 people had been airlifted to Rome from Kabul.", "2021-08-25")
    assert (airlift["origin"], airlift["destination"]) == ("AF", "IT")
    (dozens,) = run("Several dozen migrants crossed from Serbia into Hungary on Monday.", "2022-03-01")
    assert (dozens["low"], dozens["high"], dozens["qualifier"]) == (36, 119, "vague")


def test_figures_a_receiving_country_keeps_its_arrivals_after_a_flow_home():
    ret, hosted = run("More than 90,000 Syrians have returned home from Jordan since December. Jordan has received "
                      "an estimated 650,000 Syrians since 2011, UNHCR says.", "2025-03-01")
    assert [(f["origin"], f["destination"]) for f in (ret, hosted)] == [("JO", "SY"), ("SY", "JO")]


@pytest.mark.parametrize("text", [
    "Canada recognized a record 1,200 people as refugees last year, up from 900 the year before.",
    "In the camp, 3,400 returnee households received cash assistance at the transit centre.",
    "The number of arrivals from Syria rose again, an increase of 2,300 on the month before.",
    "Twelve people, including nine refugees who had crossed from Myanmar, were killed in the landslide.",
])
def test_figures_recognitions_aid_increases_and_the_killed_after_a_part_are_not_figures(text):
    assert run(text, "2024-05-02") == []


def test_figures_a_headline_run_into_its_dateline_is_one_figure_with_the_lede():
    (lede,) = run("Chad: 20,000 cross at Adré in a week ADRE, Chad, June 9 — About 20,000 people crossed from Sudan "
                  "into Chad at Adré last week, UNHCR said.", "2023-06-09")
    assert (lede["origin"], lede["destination"], lede["attributed_to"]) == ("SD", "TD", "UNHCR")


def test_figures_a_crossing_point_ranks_after_the_border_it_is_on():
    (stranded,) = run("Police said some 600 migrants were stranded at the Chacalluta crossing on the border with Peru.",
                      "2023-04-28")
    assert stranded["destination"] == "PE"


def test_figures_what_people_fled_in_a_country_and_a_deportation_awaited_where_they_are():
    (landed,) = run("A group of 61 Malians fleeing a wave of attacks on migrants in Libya landed at Bamako airport "
                    "on Friday.", "2023-03-04")
    assert (landed["origin"], landed["destination"]) == ("LY", "ML")
    (registered,) = run("Some 420,000 people who fled Syria were registered in Germany at the end of June.",
                        "2023-07-10")
    assert (registered["origin"], registered["destination"]) == ("SY", "DE")
    (held,) = run("Niger's consul in Tripoli said 300 more were being held at a centre in Sabha awaiting deportation.",
                  "2024-02-19")
    assert (held["origin"], held["destination"]) == ("LY", "NE")
    (kivu,) = run("Some 9,000 people have crossed from South Kivu into Burundi since Friday.", "2025-02-17")
    assert (kivu["origin"], kivu["destination"]) == ("CD", "BI")


def test_figures_the_carried_corridor_survives_taking_in_a_breakdown_and_a_sentence_between():
    figures = run("The number of refugees who have fled Syria passed 1 million, the agency said. Turkey has taken in "
                  "the most, with 600,000 arrivals. Officials in Ankara met aid groups on Monday. Jordan's count "
                  "stood at 210,000 on Sunday.", "2013-04-02")
    assert [(f["origin"], f["destination"], f["low"]) for f in figures] == [
        ("SY", None, 1000000), ("SY", "TR", 600000), ("SY", "JO", 210000)]
    boat, year = run("The coast guard brought 120 migrants to Lampedusa after their boat left Sfax in Tunisia. The "
                     "migrants, mostly from Guinea and Mali, were taken to the hotspot. Italy has received 9,000 sea "
                     "arrivals so far this year.", "2023-03-01")
    assert (boat["origin"], boat["destination"], year["origin"], year["destination"]) == ("TN", "IT", "TN", "IT")
    (queue,) = run("The queue of cars trying to leave Russia for Kazakhstan stretched for 15km. Border guards said "
                   "about 2,000 cars were waiting to cross.", "2022-09-26")
    assert (queue["origin"], queue["destination"], queue["kind"]) == ("RU", "KZ", "stock")


def test_figures_a_flight_that_carried_people_between_places_and_numbers_that_rose():
    (flight,) = run("A charter flight carried 212 Nigerians from Tripoli to Lagos on Tuesday, the IOM said.",
                    "2023-05-03")
    assert (flight["origin"], flight["destination"], flight["low"]) == ("LY", "NG", 212)
    assert run("A bus carrying 40 tourists overturned near the coast.", "2023-05-03") == []
    (rose,) = run("Where most people cross from Turkey to Greece, numbers rose to about 4,100 in June.", "2023-07-12")
    assert (rose["origin"], rose["destination"], rose["low"]) == ("TR", "GR", 4100)


def test_figures_list_items_with_their_place_and_crossings_prevented():
    figures = run("Refugees from Syria keep arriving. Turkey hosts the largest number, about 3.2 million, followed by "
                  "Lebanon with 780,000 and Jordan with 640,000.", "2024-06-20")
    assert [(f["origin"], f["destination"], f["low"]) for f in figures] == [  # "the largest number" of them
        ("SY", "TR", 3200000), ("SY", "LB", 780000), ("SY", "JO", 640000)]
    figures = run("Refugees from Syria keep arriving. Turkey hosts the largest refugee population, about 3.2 million, "
                  "followed by Lebanon with 780,000.", "2024-06-20")
    assert [(f["origin"], f["destination"]) for f in figures] == [(None, "TR"), (None, "LB")]  # all refugees
    groups = run("Canada resettled 51,000 refugees last year. The largest groups came from Afghanistan, about "
                 "12,000, and Syria, about 9,500.", "2024-02-01")
    assert [(f["origin"], f["destination"]) for f in groups[1:]] == [("AF", "CA"), ("SY", "CA")]
    assert run("The navy said it had prevented more than 8,000 people from crossing from Libya this year.",
               "2023-10-05") == []


def test_figures_walkers_on_an_average_day_a_slower_vague_rate_and_counts_in_fiscal_years():
    (walk,) = run("Some 20,000 Haitians walk across the bridge into the Dominican Republic on an average day.",
                  "2024-02-20")
    assert (walk["origin"], walk["destination"], walk["kind"], walk["rate_per"]) == ("HT", "DO", "rate", "day")
    fast, slow = run("At the peak, as many as 3,000 people were crossing into Chad each day, but arrivals have since "
                     "slowed to a few hundred a day.", "2023-09-01")
    assert (slow["qualifier"], slow["kind"], slow["rate_per"]) == ("vague", "rate", "day")
    assert [f["low"] for f in run("Canada admitted 40,000 refugees in fiscal 2024. That was up from 31,000 in "
                                  "fiscal 2023.", "2024-10-08")] == [40000, 31000]


def test_figures_an_old_year_is_no_count_and_each_afternoon_is_daily():
    (sent,) = run("The government sent 180 Haitians back to Port-au-Prince, invoking a law of 1798.", "2025-03-01")
    assert sent["low"] == 180
    (buses,) = run("At the crossing, buses were bringing in about 300 deportees from the Dominican Republic each "
                   "afternoon.", "2024-10-14")
    assert (buses["kind"], buses["rate_per"]) == ("rate", "day")
    (night,) = run("Some 3,000 refugees from Ukraine sleep in the sports halls each night.", "2022-03-10")
    assert night["kind"] == "stock"


def test_figures_periods_between_weekdays_fiscal_years_without_year_and_as_of_cut_offs():
    assert periods("Armenia said 21,000 Russians had crossed into the country between Thursday and Sunday.",
                   "2022-09-26") == [("2022-09-22", "2022-09-25")]
    assert periods("The US admitted 100,034 refugees in fiscal 2024.", "2024-10-08") == [("2023-10-01", "2024-09-30")]
    assert periods("As of Aug. 15, 1,700 migrants had entered Melilla irregularly this year.",
                   "2024-08-26") == [("2024-01-01", "2024-08-15")]
    assert periods("More than 300,000 Afghans have returned from Pakistan since Islamabad ordered them to leave "
                   "by November 1.", "2023-11-16")[0][1] == "2023-11-16"


def test_figures_rankings_say_whose_list_it_is_and_net_migration_is_no_movement():
    ranked = run("Spain recorded 41,000 irregular arrivals in the first half. Mali was the largest nationality, with "
                 "9,800 arrivals, followed by Senegal with 7,100 and Morocco with 5,300.", "2024-07-05")
    assert [(f["origin"], f["destination"]) for f in ranked[1:]] == [("ML", "ES"), ("SN", "ES"), ("MA", "ES")]
    sent = run("Sweden deported 6,200 people last year. Iraq was the top destination, with 900 people returned there, "
               "followed by Afghanistan with 640.", "2024-02-01")
    assert [(f["origin"], f["destination"]) for f in sent[1:]] == [("SE", "IQ"), ("SE", "AF")]
    assert run("Net migration reached 250,000 in 2023, the statistics office said.", "2024-05-01") == []
    (left,) = run("About 90,000 people moved to Austria in 2023. Some 60,000 people left the country over the same "
                  "period.", "2024-05-01")[1:]
    assert (left["origin"], left["destination"]) == ("AT", None)


def test_figures_hosting_keeps_the_nationality_the_article_is_about_and_worldwide_has_no_corridor():
    hosts = run("Sudanese refugees keep arriving in neighbouring states. Chad hosted the largest number, about "
                "700,000, followed by Egypt with 500,000.", "2024-06-20")
    assert [(f["origin"], f["destination"]) for f in hosts] == [("SD", "TD"), ("SD", "EG")]
    (world,) = run("The number of refugees worldwide reached 43 million, the agency said, as the war in Sudan "
                   "dragged on.", "2024-06-13")
    assert (world["origin"], world["destination"]) == (None, None)


def test_figures_each_number_keeps_its_own_noun_and_a_monthly_total_is_no_rate():
    people, cars = run("Over the past day about 9,000 people and 1,700 cars entered Finland from Russia, the border "
                       "guard said.", "2022-09-25")
    assert (people["unit"], cars["unit"]) == ("people", "vehicles")
    first, second = run("Some 4,000 Eritreans and 900 Somalis are waiting at the terminal for buses home.",
                        "2021-03-05")
    assert (first["origin"], second["origin"], first["kind"]) == ("ER", "SO", "stock")
    (month,) = run("Officials recorded 61,000 crossings into Spain in March, the highest monthly total on record.",
                   "2024-04-05")
    assert (month["kind"], month["period_start"], month["period_end"]) == ("total", "2024-03-01", "2024-03-31")


def test_figures_names_ages_capacities_and_effects_are_no_movement():
    assert run("Migrants gathered at the bridge in El Paso hours before Title 42 expired.", "2023-05-10") == []
    assert run("I met a woman of seventy who had walked across the border with her grandson.", "2022-03-02") == []
    assert run("The new terminal was built to handle 12,000 travellers a day, the border guard said.",
               "2024-01-09") == []
    assert run("The blockade has left 3 million people in the border region without food.", "2015-04-28") == []
    (waiting,) = run("Officials estimate that some 40,000 migrants are in northern Turkish border towns waiting to "
                     "cross.", "2020-03-01")
    assert (waiting["origin"], waiting["kind"]) == ("TR", "stock")


def test_figures_a_named_day_last_year_an_agency_name_and_the_places_of_the_next_figure():
    assert periods("Some 600,000 people have crossed into Chad since April 15 last year.", "2024-02-14") == [
        ("2023-04-15", "2024-02-14")]
    (living,) = run("Some 900,000 Rohingya are now living in camps in Cox's Bazar, Bangladesh's Refugee Repatriation "
                    "Commissioner said.", "2025-08-25")
    assert living["destination"] == "BD"
    whole, *parts = run("More than 80,000 Burundians have fled to neighbouring countries since April, the agency said, "
                        "with 50,000 in Tanzania and 30,000 in Rwanda.", "2015-05-19")
    assert (whole["origin"], whole["destination"], [p["destination"] for p in parts]) == ("BI", None, ["TZ", "RW"])
    (ashore,) = run("Since Sunday, 900 migrants have come ashore on the Malaysian resort island of Langkawi.",
                    "2015-05-15")
    assert ashore["destination"] == "MY"


def test_figures_boats_set_out_aid_and_orders_are_no_movement_and_the_year_a_sentence_names():
    (boats,) = run("More than 3,000 Rohingya set out across the Andaman Sea in 2022, UNHCR said.", "2023-01-17")
    assert (boats["period_start"], boats["period_end"]) == ("2022-01-01", "2022-12-31")
    assert run("The World Food Programme said it was providing hot meals to about 3,000 people a day at the transit "
               "centre.", "2023-09-05") == []
    assert run("The president ordered the deportation of up to 5,000 undocumented migrants a week.", "2024-10-15") == []
    assert run("Egypt will require Sudanese nationals to obtain visas before entering the country, ending an exemption "
               "for women, children and men over 50.", "2023-06-10") == []
    assert periods("In 2016, an estimated 30,000 people crossed into Greece in the first two months of the year.",
                   "2024-01-10") == [("2016-01-01", "2016-02-29")]
    (remain,) = run("About 12,000 of the Congolese who fled to Burundi have returned home. Another 50,000 refugees "
                    "remain in Burundi.", "2025-06-12")[1:]
    assert (remain["origin"], remain["destination"]) == ("CD", "BI")


def test_figures_fled_the_country_a_received_ranking_transit_centres_and_parts_of_a_stock():
    whole, chad, sudan = run("A year after war broke out in Niger, nearly 900,000 people have fled the country. Chad "
                             "has received the largest share, about 400,000, followed by Sudan with 200,000.",
                             "2025-04-15")
    assert [(f["origin"], f["destination"]) for f in (whole, chad, sudan)] == [("NE", None), ("NE", "TD"), ("NE", "SD")]
    (centre,) = run("Kenya's Kakuma transit centre received 2,100 South Sudanese on Tuesday.", "2016-07-20")
    assert centre["destination"] == "KE"
    whole, part = run("An estimated 30,000 Afghans live in the country, about 12,000 of them registered with UNHCR.",
                      "2023-09-05")
    assert (whole["kind"], part["kind"]) == ("stock", "stock")
    (camps,) = run("About 50,000 refugees from Myanmar, most of them ethnic Karen, are living in camps along the Thai "
                   "border.", "2019-11-19")
    assert camps["kind"] == "stock"


def test_figures_comparisons_coasts_links_and_citizens_of_a_country():
    now, then = run("More than 90,000 migrants have landed in Spain since January, nearly double the 48,000 recorded "
                    "in the same period of 2023.", "2024-09-15")
    assert (then["low"], then["destination"], then["period_start"]) == (48000, "ES", "2023-01-01")
    (coast,) = run("Some 900 people made the crossing from the Libyan coast to Lampedusa in the week to Sunday.",
                   "2023-09-05")
    assert (coast["origin"], coast["destination"]) == ("LY", "IT")
    (linked,) = run("Poland's border guard registered 3,100 irregular entries linked to the Belarus route in October.",
                    "2021-11-02")
    assert linked["destination"] != "BY"
    (citizens,) = run("More than 400 thousand citizens of Ukraine have arrived on the territory of Russia since the "
                      "beginning of the year.", "2014-07-18")
    assert (citizens["origin"], citizens["destination"]) == ("UA", "RU")
    (mixed,) = run("Some 200 asylum seekers arrived from Russia. On Thursday alone, 96 people crossed into Finland, "
                   "most of them citizens of Syria and Yemen.", "2023-11-24")[1:]
    assert mixed["origin"] == "RU"


def test_figures_periods_of_days_to_a_weekday_a_busiest_day_a_record_year_and_the_year_so_far():
    assert periods("Some 1,200 people crossed the Channel in small boats in the seven days to Sunday.",
                   "2024-06-24") == [("2024-06-17", "2024-06-23")]
    assert periods("About 4,000 migrants landed on Lampedusa in the 24 hours to Tuesday evening.",
                   "2023-09-13") == [("2023-09-11", "2023-09-12")]
    assert periods("The busiest day was Tuesday, when 640 migrants crossed the Channel.", "2024-06-24") == [
        ("2024-06-18", "2024-06-18")]
    assert periods("The record remains 2022, when 45,000 people crossed the Channel.", "2026-01-02") == [
        ("2022-01-01", "2022-12-31")]
    assert periods("About 500 people crossed the Channel on Thursday, taking the total for the year so far to "
                   "14,000.", "2023-08-11")[1] == ("2023-01-01", "2023-08-11")
    (arrivals,) = run("About 60,000 of last year's arrivals set off from Tunisia, UNHCR said.", "2024-01-02")
    assert arrivals["origin"] == "TN"
    assert run("Tunisia's coast guard said it had stopped 50,000 people from leaving its shores.", "2024-01-02") == []
    (brought,) = run("Rescuers brought 800 people ashore from 9 cayucos on El Hierro over the weekend.", "2023-10-23")
    assert (brought["low"], brought["period_start"]) == (800, "2023-10-21")


def test_figures_the_number_of_people_waiting_is_a_stock_and_a_running_total_keeps_its_unit():
    first, waiting = run("A record 4,000 Venezuelans entered at the Tumbes crossing on Thursday, and the number of "
                         "those waiting to be processed at the border post reached about 1,800 on Friday.",
                         "2018-08-24")
    assert (first["kind"], waiting["kind"]) == ("total", "stock")
    (hosted,) = run("The number of refugees from Syria in Jordan passed 600,000 on Thursday.", "2014-04-03")
    assert hosted["kind"] == "stock"
    _, families = run("A further 200 Iraqi families returned from Syria on Wednesday, bringing the number of families "
                      "who have returned since March to 1,500.", "2017-05-11")
    assert (families["unit"], families["low"]) == ("households", 1500)


def test_figures_evacuating_states_labour_destinations_and_numbers_that_are_no_people():
    (evacuated,) = run("Saudi Arabia has evacuated 4,000 people from Sudan since the start of its operation.",
                       "2023-05-10")
    assert (evacuated["origin"], evacuated["destination"]) == ("SD", "SA")
    (alone,) = run("Ukrainians keep arriving. Poland alone hosts over 900,000 of them, UNHCR data show.", "2023-02-24")
    assert alone["destination"] == "PL"
    top, second = run("Nepal issued 700,000 labour permits. Malaysia was the top destination with 150,000 workers, "
                      "followed by Qatar (90,000).", "2023-08-02")
    assert (top["destination"], second["destination"], second["low"]) == ("MY", "QA", 90000)
    assert run("Some 5,000 aid workers have been deployed along the border.", "2023-08-02") == []
    assert [f["low"] for f in run("An average of 2,000 Nepalis left the country every day in the fiscal year 2022-23.",
                                  "2023-08-02")] == [2000]
    assert run("Officials have put the country's pool of reservists at 25 million, near the border.",
               "2022-10-04") == []
    assert run("Each returnee received a stipend, while 23 were referred for medical attention.", "2024-06-19") == []


def test_figures_kinds_of_people_stranded_then_moving_sheltered_on_a_side_and_a_second_count():
    (flown,) = run("One hundred and forty Nigerians stranded in Libya returned to Lagos aboard a chartered flight on "
                   "Tuesday.", "2024-06-18")
    assert (flown["kind"], flown["origin"], flown["destination"]) == ("total", "LY", "NG")
    (sheltered,) = run("Thousands of Ethiopians fled into Kenya. The Red Cross said it was sheltering 6,000 of them on "
                       "the Kenyan side of the border town.", "2018-03-13")[1:]
    assert (sheltered["origin"], sheltered["destination"]) == ("ET", "KE")
    registered, total = run("Jordan hosts about 650,000 registered Syrian refugees, while the government puts the "
                            "total at 1.3 million.", "2025-01-02")
    assert (registered["kind"], total["kind"]) == ("stock", "stock")
    (home,) = run("The flight carried 90 Venezuelans to Caracas, the undersecretary told reporters in Santiago, Chile.",
                  "2023-04-26")
    assert home["destination"] == "VE"
    (fled,) = run("About 2,000 people fled across the Moei River into Thailand as fighting resumed in Myawaddy.",
                  "2024-04-20")
    assert (fled["origin"], fled["destination"]) == ("MM", "TH")


def test_figures_gapped_lists_tolls_gang_names_ports_and_said_clauses():
    figures = run("Nearly 400,000 Nepalis left for jobs abroad last year. Qatar took about 150,000 of them, the United "
                  "Arab Emirates 90,000 and Saudi Arabia 70,000, the department said.", "2019-08-12")
    assert [f["destination"] for f in figures] == [None, "QA", "AE", "SA"]
    assert run("The death toll in the enclave near the border rose to 8,796, the ministry said.", "2023-11-02") == []
    assert [f["low"] for f in run("El Salvador said 23 members of MS-13 were deported from the United States on "
                                  "Sunday.", "2025-03-17")] == []
    (port,) = run("The first 16 men, from Bangladesh and Egypt, were taken to the Albanian port of Shengjin.",
                  "2024-10-17")
    assert (port["origin"], port["destination"]) == ("BD", "AL")
    (shelters,) = run("Dhaka, which already shelters about 1 million Rohingya refugees, said it would not allow anyone "
                      "else to enter.", "2024-02-07")
    assert shelters["destination"] == "BD"


def test_figures_a_state_bringing_citizens_home_and_people_held_then_moved():
    (home,) = run("Ethiopia has repatriated more than 90,000 citizens from Saudi Arabia since March.", "2023-06-15")
    assert (home["origin"], home["destination"]) == ("SA", "ET")
    (back,) = run("Twelve migrants who had been held at Italy's new centre in Gjader, Albania, were taken back to "
                  "Italy on Saturday.", "2024-10-19")
    assert (back["kind"], back["origin"], back["destination"]) == ("total", "AL", "IT")


def test_figures_stock_words_that_are_not_stocks_and_departures_hundreds_a_day_records_and_all_of_the():
    (admitted,) = run("Canada admitted 400,000 immigrants last year, in line with federal targets.", "2024-03-20")
    assert admitted["kind"] == "total"
    arrived, left = run("About 900,000 people arrived to live in Australia for at least a year in 2023, while 200,000 "
                        "departed, the bureau said.", "2024-03-20")
    assert (arrived["kind"], left["low"]) == ("total", 200000)
    whole, daily = run("UNHCR has registered around 400,000 Sudanese arrivals in Egypt and says hundreds of people are "
                       "still crossing at the Argeen border post every day.", "2024-05-13")
    assert (daily["qualifier"], daily["kind"]) == ("vague", "rate")
    now, then, record = run("Some 36,000 people crossed the English Channel in small boats in 2024, up 25% on the "
                            "29,000 who made the journey in 2023 but below the record 45,000 of 2022.", "2025-01-01")
    assert record["low"] == 45000
    tally = run("The number of refugees who have arrived in Armenia reached 100,000 by Monday, nearly all of the "
                "120,000 people who lived in the region.", "2023-10-02")
    assert [f["low"] for f in tally] == [100000]
    (shores,) = run("August alone brought 25,000 people to Italian shores.", "2023-09-01")
    assert (shores["origin"], shores["destination"]) == (None, "IT")
    (entered,) = run("That brought the number of people who have entered Hungary this year to more than 170,000, most "
                     "of them Syrians, Afghans and Iraqis heading for Germany.", "2015-09-08")
    assert entered["destination"] == "HU"


def test_figures_groups_named_before_their_number_lists_of_nationalities_and_means_of_transport():
    figures = run("Some 500,000 migrants crossed the Darien in 2023. Venezuelans made up the majority, at 320,000, "
                  "followed by 50,000 Ecuadorians, 40,000 Haitians and 20,000 Chinese nationals.", "2024-01-04")
    assert [f["origin"] for f in figures] == [None, "VE", "EC", "HT", "CN"]
    (typical,) = run("On a normal day about 2,500 people enter Peru through the binational complex.", "2023-04-20")
    assert (typical["kind"], typical["rate_per"]) == ("rate", "day")
    (returned,) = run("Officials said 1,570 Hondurans had been returned to Honduras from Guatemala aboard 28 buses.",
                      "2021-01-19")
    assert (returned["low"], returned["unit"]) == (1570, "people")
    assert run("Critics dismiss the repatriation flights, 45 of them so far this year, as propaganda.",
               "2019-11-05") == []


def test_figures_registered_at_the_end_of_a_month_a_stock_compared_asides_and_fences():
    (registered,) = run("Some 900,000 people who fled Ukraine were registered in Germany at the end of February.",
                        "2023-03-20")
    assert registered["kind"] == "stock"
    now, peak = run("Nearly 900,000 Ukrainians held temporary protection status in Poland at the end of May, down from "
                    "a peak of about 1.5 million in 2022.", "2024-06-20")
    assert (now["kind"], peak["kind"]) == ("stock", "stock")
    (stayed,) = run("Moldova has taken in more than 90,000 Ukrainian refugees who have chosen to stay.", "2022-03-10")
    assert stayed["kind"] == "stock"
    (ashore,) = run("Forty-two migrants, all of them men from Guinea and Ivory Coast, were brought ashore on Lampedusa "
                    "after their boat set off from Sfax.", "2023-06-04")
    assert ashore["origin"] != "GN"
    (across,) = run("Migrants tried to climb the fence separating Morocco from the Spanish enclave of Melilla, and 130 "
                    "succeeded in getting across.", "2022-06-25")
    assert across["origin"] != "ES"
    assert run("Officials said 70 buses were running between the border and reception points.", "2023-10-03") == []


def test_figures_blocs_many_nationalities_queues_at_a_crossing_and_the_country_named_before():
    assert [(f["origin"], f["destination"]) for f in run(
        "Syrians were the largest group. Irregular border crossings into the EU fell 36% to around 113,000, "
        "Frontex said.", "2024-08-13")] == [(None, None)]
    (all_of_them,) = run("Afghans keep coming. More than 400,000 people of all nationalities crossed the Darien "
                         "into Panama this year.", "2023-10-05")
    assert (all_of_them["origin"], all_of_them["destination"]) == (None, "PA")
    (trucks,) = run("At the Slovak crossing of Vysne Nemecke, some 800 trucks were waiting to enter Ukraine.",
                    "2023-11-20")
    assert (trucks["origin"], trucks["destination"]) == ("SK", "UA")
    left, entered = run("Some 22,000 people left Ukraine and 18,000 entered the country over the past day, the border "
                        "guard said.", "2022-10-01")
    assert (left["origin"], entered["origin"], entered["destination"]) == ("UA", None, "UA")
    assert run("Some 5,000 people fled the neighbourhoods for other parts of the capital.", "2024-03-01") == []


def test_figures_border_towns_and_islands_the_gazetteer_knows():
    (florida,) = run("Some 1,200 Cubans reached Florida by sea last month.", "2022-10-22")
    assert florida["destination"] == "US"
    (pidie,) = run("A boat carrying 140 Rohingya refugees landed on a beach in Pidie, Aceh, on Sunday.", "2023-12-10")
    assert pidie["destination"] == "ID"


def test_figures_dates_before_counts_dashboards_and_parts_of_a_caravan():
    (took,) = run("That took the number of arrivals across the Channel since January 1 to 11,074.", "2025-05-01")
    assert (took["low"], took["period_start"]) == (11074, "2025-01-01")
    (dashboard,) = run("A total of 127,207 migrants have landed in Italy since January 1, according to the Interior "
                       "Ministry's daily dashboard.", "2023-09-18")
    assert dashboard["kind"] == "total"
    (neighbours,) = run("One year after war broke out in Sudan, more than 1.8 million people have fled to neighbouring "
                        "countries.", "2024-04-15")
    assert (neighbours["origin"], neighbours["destination"]) == ("SD", None)
    (caravan,) = run("A caravan of some 7,000 Central American migrants, most of them from Honduras, set off north "
                     "after crossing from Guatemala into Mexico.", "2018-10-22")
    assert caravan["origin"] != "HN"
    (daily,) = run("Every day some 200 more Malians come across the border into Mauritania.", "2024-03-01")
    assert (daily["kind"], daily["rate_per"]) == ("rate", "day")
    (held,) = run("The three camps, built for 300,000 people, now hold around 360,000 Somali refugees.", "2022-10-12")
    assert (held["kind"], held["low"]) == ("stock", 360000)
    assert run("Children as young as 12 have been among those sent across the border.", "2024-10-15") == []


def test_figures_bracketed_nationalities_populations_and_rates_before_an_event():
    figures = run("Some 390,000 migrants crossed from Colombia into Panama. Venezuelans made up the largest group, at "
                  "about 250,000, followed by Ecuadorians (44,000) and Haitians (36,000).", "2023-10-05")
    assert [f["origin"] for f in figures[1:]] == ["VE", "EC", "HT"]
    (camps,) = run("The new arrivals have pushed the camps' population near the border to 320,000.", "2022-10-12")
    assert camps["kind"] == "stock"
    peak, before = run("At the peak, more than 51,000 crossed from Iran at Islam Qala in a single day, compared with "
                       "about 2,000 a day before the deadline was announced.", "2025-07-16")
    assert (before["kind"], before["rate_per"]) == ("rate", "day")
    (hk,) = run("About 191,000 Hong Kong residents have moved to Britain under the visa route.", "2024-02-29")
    assert (hk["origin"], hk["destination"]) == ("HK", "GB")
    assert run("Officers seized 12 vans near the border and 1.4 million leva in cash.", "2023-11-15") == []
    assert run("Moldova is preparing to receive as many as 30,000 refugees from Ukraine.", "2022-02-16") == []


def test_figures_coordinated_clauses_rankings_that_say_who_and_a_camp_double_its_capacity():
    (hosted,) = run("Some 1,800 Syrians living in Turkey have crossed back into Syria. The quake killed 42,000 people "
                    "in Turkey and 5,800 in Syria, and Turkey hosts 3.5 million Syrian refugees.", "2023-03-01")[1:]
    assert (hosted["origin"], hosted["destination"]) == ("SY", "TR")
    figures = run("More than 120,000 migrants have landed in Italy since January. Guineans (12,600) were the largest "
                  "group, followed by Ivorians (11,800).", "2023-09-14")
    assert [f["origin"] for f in figures] == [None, "GN", "CI"]
    (mbera,) = run("The Mbera camp now shelters more than 100,000 Malian refugees, double its capacity.", "2024-03-15")
    assert mbera["kind"] == "stock"


def test_figures_here_is_the_dateline_and_a_vague_figure_with_its_own_predicate():
    (camped,) = run("DEL RIO, Texas — Some 12,000 migrants remained camped under the international bridge here on "
                    "Monday after wading across the Rio Grande from Mexico.", "2021-09-20")
    assert (camped["origin"], camped["destination"]) == ("MX", "US")
    vague, friday = run("Tens of thousands of Venezuelans have entered Peru this month, and 8,500 crossed through the "
                        "Tumbes border post on Friday alone.", "2018-08-25")
    assert (vague["qualifier"], vague["origin"], friday["low"]) == ("vague", "VE", 8500)


def test_figures_appositions_arrivals_on_islands_possessive_districts_and_of_them_hosted():
    (people, families) = run("KABUL -- A total of 1,356 Afghan refugees, or 247 families, returned home from Pakistan "
                             "on Tuesday, the ministry said.", "2023-03-15")
    assert (people["origin"], people["destination"], families["unit"]) == ("PK", "AF", "households")
    (crete,) = run("Migrant arrivals on Crete from eastern Libya rose to 7,300 in the first six months of 2025.",
                   "2025-07-07")
    assert (crete["origin"], crete["destination"]) == ("LY", "GR")
    (mae_sot,) = run("About 3,000 people fled across the Moei River into Tak's Mae Sot district on Saturday.",
                     "2024-04-21")
    assert mae_sot["destination"] == "TH"
    (them,) = run("More than 8 million refugees have fled Ukraine. Poland alone hosts over 1.5 million of them.",
                  "2023-02-24")[1:]
    assert (them["origin"], them["destination"]) == ("UA", "PL")
    (stats,) = run("In 2023, 192,300 people immigrated to the country, the National Statistics Office of Georgia "
                   "reported.", "2024-05-24")
    assert stats["destination"] == "GE"


def test_figures_returns_from_neighbouring_countries_age_ranges_plans_and_ordinary_days():
    (returns,) = run("Turkey said 200,000 Syrians had gone home from Turkey. About half a million Syrians have "
                     "returned from neighbouring countries since December.", "2025-05-01")[1:]
    assert (returns["origin"], returns["destination"]) == (None, "SY")
    assert [f["low"] for f in run("Some 400 deportees arrived on the flights; most of the adults were men between 18 "
                                  "and 30.", "2024-03-30")] == [400]
    assert run("Egypt has said it is ready to help evacuate about 7,000 foreigners across the border.",
               "2023-11-02") == []
    assert run("Under the deal about 50 people a week are meant to be sent back to France.", "2025-08-07") == []
    _, ordinary = run("The authority processed 31,204 departures through Beitbridge on Thursday, against about 19,500 "
                      "on an ordinary day.", "2024-12-20")
    assert (ordinary["kind"], ordinary["rate_per"]) == ("rate", "day")
    (farm,) = run("About 26,400 Mexican farmworkers travelled to Canada last year.", "2025-02-01")
    assert (farm["origin"], farm["destination"]) == ("MX", "CA")


def test_figures_senders_workers_brought_home_own_borders_and_leaving_through_a_crossing():
    deployed, home = run("The Philippines deployed 2,431 household workers to Kuwait, where they arrived in March. "
                         "Repatriation flights brought home 1,150 workers from Kuwait.", "2024-04-10")
    assert (deployed["origin"], deployed["destination"], home["origin"]) == ("PH", "KW", "KW")
    assert run("Some 1,200 personnel had been deployed at the holding centres near the border.", "2023-11-04") == []
    (fassala,) = run("Between 1,500 and 2,000 Malians a week have been arriving at the Fassala transit centre on "
                     "Mauritania's eastern border.", "2024-03-05")
    assert fassala["destination"] == "MR"
    (through,) = run("Another 1,940 Haitians left voluntarily through the Dajabon crossing, the directorate said.",
                     "2024-11-05")
    assert through["origin"] == "DO"
    _, mbera = run("The agency registered 16,850 new arrivals in January, bringing the number of refugees in the Mbera "
                   "camp to more than 100,000.", "2024-03-05")
    assert mbera["kind"] == "stock"


def test_figures_soldiers_who_fled_past_a_comma_flow_movements_and_people_still_waiting():
    (guards,) = run("Bangladesh on Thursday handed back 330 Myanmar border guards, soldiers and officials who had fled "
                    "across the frontier.", "2024-02-15")
    assert guards["low"] == 330
    (moves,) = run("IOM observed 14,520 movements into Djibouti across the border with Ethiopia in March.",
                   "2024-04-25")
    assert (moves["destination"], moves["unit"]) == ("DJ", "people")
    (waiting,) = run("The ministry said 1,500 more had registered with the embassy in Tunis and were waiting to be "
                     "flown home to Guinea.", "2023-03-02")
    assert waiting["kind"] == "stock"


def test_figures_straight_quotes_open_sentences_quoted_nouns_and_regional_routes():
    fast, slow = run("Officials say between 2,000 and 3,000 people arriving from Colombia emerge from the jungle each "
                     "day, up from around 800 a day in January. 'Our stations are full,' the minister said.",
                     "2023-08-25")
    assert (slow["low"], slow["kind"], slow["period_end"]) == (800, "rate", "2023-01-31")
    (gotaways,) = run("Officials estimated that some 599,000 'gotaways' slipped past agents at the US border with "
                      "Mexico.", "2022-10-22")
    assert gotaways["low"] == 599000
    (balkans,) = run("Syrians were the largest group. Detections on the Western Balkan route fell by 31% to 99,000.",
                     "2024-01-16")
    assert (balkans["origin"], balkans["destination"]) == (None, None)


def test_figures_an_intention_to_return_a_state_that_says_it_hosts_and_a_said_clause_with_a_modal():
    (hosts,) = run("Lebanon, which says it hosts about 1.5 million Syrians, has begun offering $100 to those who "
                   "register to return.", "2025-06-19")
    assert (hosts["origin"], hosts["destination"], hosts["kind"]) == ("SY", "LB", "stock")
    (pakistan,) = run("Pakistan, which already hosts some 1.4 million registered Afghan refugees, has said it will not "
                      "accept any new refugees at the border.", "2021-08-24")
    assert (pakistan["origin"], pakistan["destination"]) == ("AF", "PK")


def test_figures_a_comparison_keeps_the_corridor_of_the_figure_it_is_compared_with():
    now, then = run("The Dominican migration directorate said it deported more than 250,000 Haitians last year, up "
                    "from about 171,000 in 2022.", "2024-01-10")
    assert [(f["origin"], f["destination"]) for f in (now, then)] == [("DO", "HT"), ("DO", "HT")]


def test_figures_a_years_arrivals_by_sea_come_from_every_departure_coast():
    boat, year = run("A boat from Libya brought 60 migrants to Lampedusa. Since January, 124,950 people have reached "
                     "Italy by sea, according to ministry data.", "2023-09-18")
    assert (boat["origin"], year["origin"], year["destination"]) == ("LY", None, "IT")


def test_figures_a_crossing_point_on_the_far_side_is_where_people_leave():
    (queue,) = run("At the Kapitan Andreevo checkpoint, about 2,000 lorries were waiting to enter Turkey on Friday.",
                   "2023-03-04")
    (walked,) = run("At the Dorohusk crossing, 4,000 people crossed into Poland on Monday.", "2023-03-07")
    assert (queue["origin"], queue["destination"]) == ("BG", "TR")
    assert walked["destination"] == "PL" and walked["origin"] is None  # a crossing on the side entered says nothing


def test_figures_people_named_before_a_figure_that_left_the_country_left_the_country_named():
    entered, left = run("Some 90,000 Uzbeks have crossed into Turkmenistan since March, officials said on Monday, "
                        "adding that about 61,000 had since left the country.", "2023-06-05")
    assert (entered["origin"], entered["destination"]) == ("UZ", "TM")
    assert (left["origin"], left["destination"]) == ("TM", None)


def test_figures_a_rate_subject_numbered_asides_surveys_ratios_and_shelter_capacity():
    before, peak = run("Weekly departures, which had run at about 2,000 before the floods, climbed to more than 9,000, "
                       "officials said.", "2023-08-01")
    kinds = [(f["kind"], f["rate_per"], f["low"]) for f in (before, peak)]
    assert kinds == [("rate", "week", 2000), ("rate", "week", 9000)]
    assert run("At least 30 migrants, six of them children, were killed when the lorry overturned.") == []
    assert run("The survey, based on interviews with 4,210 refugees who arrived after 2021, found most stay.") == []
    assert run("Latvia and Lithuania hosted the most, with 18 and 15 refugees per thousand residents.") == []
    assert run("Hungary opened six transit centres along the border with Serbia, each able to shelter several thousand "
               "people.") == []


def test_figures_a_daily_newspaper_is_no_rate_and_foreign_owned_things_are_no_people():
    (entered,) = run("Armenia's migration service told the daily Hraparak that about 40,000 Russians had entered the "
                     "country since March, and more than 2,000 Russian-owned firms have been set up this year.")
    assert (entered["kind"], entered["origin"], entered["destination"]) == ("total", "RU", "AM")


def test_figures_queues_at_a_countrys_own_checkpoint_and_on_one_side_of_a_crossing():
    (lars,) = run("About 1,800 lorries were lined up at the Torfyanovka checkpoint on Russia's border with Finland on "
                  "Monday, customs officials said.", "2022-10-04")
    (side,) = run("Some 600 cars were stuck on the Polish side of the Medyka-Shehyni crossing on Friday.", "2023-12-02")
    assert (lars["origin"], lars["destination"]) == ("RU", "FI")
    assert (side["origin"], side["destination"]) == ("PL", "UA")
    (sheltered,) = run("The Red Cross said it was sheltering 3,500 Ethiopians on the Kenyan side of the border town.")
    assert (sheltered["origin"], sheltered["destination"]) == ("ET", "KE")


def test_figures_the_gazetteer_reads_both_names_of_a_hyphenated_pair_and_hyphenated_names_whole():
    from crossings.resolve import gazetteer

    found = [(m.text, m.code) for m in gazetteer.find("the Shehyni-Medyka crossing, Guinea-Bissau and Rava-Ruska")]
    assert found == [("Shehyni", "UA"), ("Medyka", "PL"), ("Guinea-Bissau", "GW"), ("Rava-Ruska", "UA")]


def test_figures_the_largest_number_keeps_the_storys_people_the_rest_and_onward_moves_are_others():
    _, first, second = run("About 900,000 people who fled Syria were registered in Europe at the end of June. Sweden "
                           "hosted the largest number, 190,000, followed by Austria with 120,000.")
    assert [(f["origin"], f["destination"]) for f in (first, second)] == [("SY", "SE"), ("SY", "AT")]
    _, still = run("Chad has received 300,000 Sudanese since April. About 80,000 of them are still in the country, the "
                   "rest having continued to Libya or further north.")
    assert (still["origin"], still["destination"]) == ("SD", "TD")
    _, _, onward = run("Colombia has received 500,000 Venezuelans, Peru 300,000, while tens of thousands more have "
                       "moved on to other South American countries.")
    assert (onward["origin"], onward["destination"]) == ("VE", None)


def test_figures_a_host_of_a_bare_number_hosts_the_storys_people_and_of_its_own_noun_anyones():
    _, turkey, lebanon = run("More than 4 million people have fled Syria since 2011. Turkey hosts some 2.9 million, "
                             "Lebanon 800,000, the agency said.")
    assert [(f["origin"], f["destination"]) for f in (turkey, lebanon)] == [("SY", "TR"), ("SY", "LB")]
    _, uganda = run("More than 4 million people have fled Syria since 2011. Uganda hosts 1.5 million refugees.")
    assert (uganda["origin"], uganda["destination"]) == (None, "UG")


def test_figures_a_language_is_no_country_and_the_largest_number_in_a_region_is_a_hosts_own():
    (deported,) = run("SANTO DOMINGO (Listín Diario, translated from Spanish) — The Dominican Republic deported 12,400 "
                      "Haitians in March, the migration directorate said.")
    assert (deported["origin"], deported["destination"]) == ("DO", "HT")
    _, hosts = run("More than 30,000 people fled eastern Congo into Uganda this week. Uganda already hosts about 1.5 "
                   "million refugees, the largest number in Africa.")
    assert (hosts["origin"], hosts["destination"]) == (None, "UG")


def test_figures_a_sentence_comparing_the_figure_before_counts_the_same_measure_on_the_same_corridor():
    now, then = run("About 210,000 people who fled Sudan were registered in Egypt at the end of May, the agency said. "
                    "That is up from roughly 150,000 a month earlier, as others moved on to Libya.", "2023-06-10")
    assert [(f["origin"], f["destination"], f["kind"], f["unit"]) for f in (now, then)] == [
        ("SD", "EG", "stock", "people")] * 2
    _, july, june = run("Officials counted 1,940 cars entering Armenia from Georgia in August. That compares with "
                        "1,200 in July and 880 in June.", "2022-09-05")
    assert [(f["unit"], f["origin"], f["destination"], f["low"]) for f in (july, june)] == [
        ("vehicles", "GE", "AM", 1200), ("vehicles", "GE", "AM", 880)]
    assert len(run("Arrivals doubled in August. That is up from 12% a year earlier.")) == 0


def test_figures_returns_reported_from_a_capitalised_dateline_leave_its_country_and_heads_of_parts_return_too():
    (back,) = run("ANKARA (AA) — The interior minister said on Friday that 41,300 Afghans had returned voluntarily to "
                  "their country this year.", "2024-11-08")
    assert (back["origin"], back["destination"]) == ("TR", "AF")
    head, part = run("BEIRUT — A total of 9,400 Syrians, including 2,100 registered refugees, have returned to their "
                     "country since December, the security directorate said.", "2025-02-03")
    assert [(f["origin"], f["destination"]) for f in (head, part)] == [("LB", "SY")] * 2


def test_figures_destinations_with_compass_words_small_islands_camps_named_by_adjective_and_a_leg_before():
    (mali,) = run("More than 20,000 people have fled from Mali into south-eastern Mauritania since January.")
    (island,) = run("More than 1,500 Tunisians have landed on this tiny Italian island since Thursday.")
    (camps,) = run("The number of Syrian refugees sheltering in Jordanian camps has passed 80,000, the agency said.")
    corridors = [(f["origin"], f["destination"]) for f in (mali, island, camps)]
    assert corridors == [("ML", "MR"), ("TN", "IT"), ("SY", "JO")]
    (leg,) = run("PACARAIMA, Brazil — About 900 Venezuelans are sheltering in a church in this Roraima border town "
                 "after crossing from Guyana.")
    assert (leg["origin"], leg["destination"]) == ("VE", "BR")


def test_figures_kinds_of_hosted_populations_registered_arrivals_averages_changed_and_camps_built_long_ago():
    (hosted,) = run("The two camps, built in the late 1980s for 40,000 people, now host more than 160,000 "
                    "Sudanese refugees, the agency said.")
    assert (hosted["low"], hosted["kind"]) == (160000, "stock")
    (arrivals,) = run("Since January, more than 60,000 new arrivals have been registered in Uganda, and queues at "
                      "the reception centre stretch for hours.")
    assert arrivals["kind"] == "total"
    before, after = run("Arrivals of Eritreans in Ethiopia have surged since the border reopened, from an average of "
                        "60 people a day to around 410.")
    assert [(f["kind"], f["rate_per"]) for f in (before, after)] == [("rate", "day")] * 2
    earlier, now = run("In Chad's Ouaddaï province, the number of Sudanese refugees has risen from about 9,000 at the "
                       "end of last year to nearly 21,000.")
    assert [f["kind"] for f in (earlier, now)] == ["stock", "stock"]


def test_figures_a_comparison_of_a_duration_a_countrys_population_and_a_states_size_are_no_figures():
    found = run("Some 40,000 residents left the island last year. That compared with 31,000 in the previous 12 months.")
    assert [f["low"] for f in found] == [40000, 31000]
    assert run("Estonia's population fell 0.4% to 1.33 million last year as more people left than arrived.") == []
    assert run("Mizoram, a state of about 1.2 million people, shares a long border with Myanmar.") == []


def test_figures_a_persons_surname_a_war_between_two_states_and_a_dateline_with_a_colon():
    first, still = run("COX'S BAZAR, Bangladesh (AP) — About 90,000 Rohingya have fled into Bangladesh from Myanmar "
                       "since Friday. UNHCR spokesman Joseph Tripura said thousands were still crossing each day.")
    assert (still["origin"], still["destination"]) == ("MM", "BD")
    _, rate = run("More than 200,000 Afghans have crossed back from Iran since the war between Iran and Israel ended. "
                  "Arrivals peaked at more than 30,000 a day last week, the agency said.", "2025-07-08")
    assert rate["destination"] != "IL"
    (home,) = run("PESHAWAR: More than 60,000 Afghan nationals have returned to their country since October 3, "
                  "officials said on Thursday.", "2023-11-03")
    assert (home["origin"], home["destination"]) == ("PK", "AF")


def test_figures_returns_go_home_to_the_storys_people_an_unknown_place_in_a_country_and_things_at_the_border():
    *_, daily = run("QUETTA: More than 30,000 Afghan nationals have left Pakistan since March 1, officials said. Daily "
                    "returns through Chaman had risen from around 500 in February to more than 2,000 a day.")
    assert (daily["origin"], daily["destination"], daily["kind"]) == ("PK", "AF", "rate")
    (fled,) = run("Since fighting broke out in Mae Tha Waw in Myanmar's Kayin State on Sunday, around 3,000 people "
                  "have crossed into Thailand.", "2024-04-10")
    assert (fled["origin"], fled["destination"]) == ("MM", "TH")
    assert run("The ministry ordered all 14 permanent border checkpoints with Laos closed to travellers.") == []
    assert run("Thailand agreed on Monday to offer temporary shelter to up to 3,000 migrants adrift at sea.") == []
    (foreign,) = run("A further 2,000 foreign nationals of more than 40 nationalities crossed from Sudan, it said.")
    assert foreign["origin"] == "SD"


def test_figures_a_countrys_minister_named_after_the_role_speaks_for_it_and_hosting_new_arrivals_is_a_stock():
    (arrived,) = run("Kenya's minister for refugees, Jane Otieno, told journalists on Thursday that 12,000 refugees "
                     "had arrived from Ethiopia since the fighting began.")
    assert (arrived["origin"], arrived["destination"], arrived["attributed_to"]) == (
        "ET", "KE", "Kenya's minister for refugees, Jane Otieno")
    (hosted,) = run("The transit centre, built to hold 2,000 people, was hosting more than 6,500 new arrivals.")
    assert hosted["kind"] == "stock"


def test_figures_towns_named_by_adjective_boats_pushed_back_to_sea_sizes_targets_and_eligibility():
    (families,) = run("Some 1,800 families from the Syrian town of Ras al-Ain crossed into Turkey on Monday.")
    assert (families["origin"], families["destination"], families["unit"]) == ("SY", "TR", "households")
    (landed,) = run("A boat carrying 180 Rohingya landed on a beach in Bireuen on Sunday after fishermen twice pushed "
                    "it back to sea.")
    assert (landed["origin"], landed["destination"]) == ("MM", "ID")
    assert run("El Hierro, which has about 11,000 residents, is an island of fishermen.") == []
    assert run("The agencies appealed for $500 million for Rohingya refugees in Bangladesh, targeting 1.2 million "
               "people.") == []
    assert run("Some 40,000 Hongkongers moved to Britain last year, compared with the 5 million Hong Kongers the "
               "government estimates are eligible.", "2023-03-01")[0]["origin"] == "HK"


def test_figures_a_digest_heading_fills_the_side_its_item_leaves_open_and_colon_lists_give_each_place():
    (fled,) = run("Good morning. Sudan: aid agencies say some 8,000 people have fled into South Sudan since Monday.")
    assert (fled["origin"], fled["destination"]) == ("SD", "SS")
    (sheltered,) = run("Manipur: 3,100 people from Myanmar have taken shelter in the state since March.")
    assert (sheltered["origin"], sheltered["destination"]) == ("MM", "IN")
    items = run("Arrivals from Ukraine on Monday, by country: Hungary 8,100; Slovakia 6,400; Moldova 9,900.")
    assert [(f["origin"], f["destination"]) for f in items] == [("UA", "HU"), ("UA", "SK"), ("UA", "MD")]


def test_figures_people_pour_across_the_rio_grande_is_no_brazilian_city_and_inhabitants_are_a_size():
    (poured,) = run("Some 3,000 Haitians a day pour across the bridge into the Dominican Republic, officials said.")
    assert (poured["kind"], poured["destination"]) == ("rate", "DO")
    (waiting,) = run("About 2,500 migrants waited under the bridge on Monday after crossing the Rio Grande.")
    assert (waiting["origin"], waiting["destination"]) == ("MX", "US")
    assert run("Roraima, Brazil's least populous state with 576,000 inhabitants, asked for the border to close.") == []
