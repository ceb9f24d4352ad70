"""The number parser against the conventions table of ../shared/schema/README.md, and more."""

import pytest

from crossings.figures import numbers

CASES = [
    ("98,000 Russians have entered since the 21st", 98000, 98000, "exact"),
    ("about 98,000 Russians", 98000, 98000, "about"),
    ("some 98,000 people", 98000, 98000, "about"),
    ("around 98,000", 98000, 98000, "about"),
    ("roughly 98,000", 98000, 98000, "about"),
    ("an estimated 98,000", 98000, 98000, "about"),
    ("nearly 50 thousand Russians", 50000, 50000, "nearly"),
    ("almost 50 thousand", 50000, 50000, "nearly"),
    ("at least 2,000 people", 2000, 2000, "at_least"),
    ("more than 1 million people", 1000000, 1000000, "more_than"),
    ("over 1 million", 1000000, 1000000, "more_than"),
    ("up to 300 people", 300, 300, "at_most"),
    ("as many as 300", 300, 300, "at_most"),
    ("fewer than 2,000", 2000, 2000, "at_most"),
    ("from 5000 to 6000 daily", 5000, 6000, "range"),
    ("between 4,000 and 5,000 a day", 4000, 5000, "range"),
    ("4,000-5,000 a day", 4000, 5000, "range"),
    ("between 4 and 5 million", 4000000, 5000000, "range"),
    ("about 10,000 per day", 10000, 10000, "about"),
    ("tens of thousands of people", 20000, 99999, "vague"),
    ("hundreds of thousands of people", 200000, 999999, "vague"),
    ("thousands of people", 2000, 9999, "vague"),
    ("1.2 million Ukrainians", 1200000, 1200000, "exact"),
    ("3m people", 3000000, 3000000, "exact"),
    ("twenty-five thousand refugees", 25000, 25000, "exact"),
    ("one hundred and fifty people", 150, 150, "exact"),
    ("half a million people", 500000, 500000, "exact"),
]


@pytest.mark.parametrize(("text", "low", "high", "qualifier"), CASES)
def test_numbers_conventions(text, low, high, qualifier):
    found = numbers.find(text)
    assert found, text
    q = found[0]
    assert (q.low, q.high, q.qualifier) == (low, high, qualifier)


def test_numbers_two_figures_joined_by_and_stay_two():
    found = numbers.find("nearly 50 thousand fled to Georgia and another 40 thousand to Armenia")
    assert [(q.low, q.qualifier) for q in found] == [(50000, "nearly"), (40000, "exact")]


def test_numbers_spans_point_into_the_sentence():
    sentence = "Officials said about 5,500 vehicles were waiting."
    (q,) = numbers.find(sentence)
    assert sentence[q.start:q.end] == "about 5,500"
    assert sentence[q.num_start:q.num_end] == "5,500"
