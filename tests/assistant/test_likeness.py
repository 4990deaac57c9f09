"""Names typed loosely find the user's tasks and lists; names that only look alike do not.

The tables justify ``MATCH_LEVEL`` (0.65): the score of the third tier (the mean of the sentence
cosine and of the key words' fits) measured for each pair is in the comment beside it. The
true matches found only by meaning score 0.66 and more; the near-misses at most 0.63.
"""

import pytest

from taskmate.assistant.likeness import MATCH_LEVEL, closest, key_words, same_name

# (typed, name): found by their key words, tiers 1 and 2.
SPELT_ALIKE = [
    ("the dentist one", "Dentist appointment"),
    ("dentsit", "Dentist appointment"),
    ("my groceries list", "groceries"),
    ("grocery", "Groceries"),
    ("grocries", "Groceries"),
    ("shopping list", "Shopping"),
    ("errands", "Errands"),
    ("hair", "get a haircut"),
    ("taxes", "file tax return"),
    ("book flight", "book flights to paris"),
]
# (typed, name): found by meaning, tier 3.
ALIKE_IN_MEANING = [
    ("call mum", "call mom"),  # 0.664
    ("dentist appt", "dentist appointment"),  # 0.673
    ("mom birthday", "mum birthday present"),  # 0.701
    ("hair cut", "get a haircut"),  # 0.723
    ("pay the rent", "rent payment"),  # 0.883
]
# (typed, name): never found.
NEAR_MISSES = [
    ("call mom", "call bob"),  # 0.472
    ("call mom", "call dad"),  # 0.518
    ("call tom", "call mom"),  # 0.475
    ("pay rent", "pay taxes"),  # 0.445
    ("buy milk", "buy eggs"),  # 0.411
    ("email john", "email jane"),  # 0.630
    ("mom birthday", "dad birthday"),  # 0.607
    ("meeting with bob", "meeting with alice"),  # 0.587
    ("book flights", "book hotel"),  # 0.578
    ("renew passport", "renew license"),  # 0.544
    ("dentist", "doctor appointment"),  # 0.207
    ("wash the car", "wash the dog"),  # 0.404
    ("rent", "visit parents"),  # 0.110
    ("buy car", "buy cards"),  # 0.401
    ("groceries", "Shopping"),  # 0.255
]


@pytest.mark.parametrize(("typed", "name"), SPELT_ALIKE + ALIKE_IN_MEANING)
def test_a_loose_name_finds_what_it_means(typed: str, name: str) -> None:
    assert closest(typed, ["water the plants", name, "pick up the kids"]) == [1]


@pytest.mark.parametrize(("typed", "name"), NEAR_MISSES)
def test_a_name_that_only_looks_alike_is_not_found(typed: str, name: str) -> None:
    assert closest(typed, [name, "water the plants"]) == []


def test_the_threshold_sits_between_the_tables() -> None:
    assert 0.630 < MATCH_LEVEL < 0.664


def test_the_same_name_wins_over_longer_ones() -> None:
    names = ["buy milk and eggs", "buy milk", "Buy milk"]
    assert closest("buy milk", names) == [1, 2]
    assert closest("milk", names) == [0, 1, 2]


def test_every_name_holding_the_words_is_found_when_all_are_wanted() -> None:
    names = ["call", "call bob", "call alice", "buy stamps"]
    assert closest("call", names) == [0]
    assert closest("call", names, every=True) == [0, 1, 2]


def test_several_close_names_are_all_returned_for_the_user_to_choose() -> None:
    assert closest("dentist", ["Dentist appointment", "pay the dentist bill", "gym"]) == [0, 1]


def test_names_are_compared_by_their_key_words() -> None:
    assert key_words("the Dentist one") == ("dentist",)
    assert key_words("my groceries list") == ("grocery",)
    assert same_name("shopping list", "Shopping")
    assert same_name("errands", "Errands")
    assert not same_name("work", "Work trips")
    assert not same_name("list", "list")
