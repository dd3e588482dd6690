"""words.py: the tier-2 and tier-3 patterns match what a person means and nothing more (no browser needed: the
patterns are JavaScript-compatible and Python's re reads them the same way for these cases)."""

from __future__ import annotations

import pytest

from guidedflows.flow import words


@pytest.mark.parametrize(
    ("written", "page"),
    [
        ("Username", "Username:"),
        ("Password", "Password*"),
        ("Password", "Password *"),
        ("Email address", "Email address (required)"),
        ("Yes, I'm sure", "Yes, I\u2019m sure"),
        ('The user "bob" was changed successfully', "The user \u201cbob\u201d was changed successfully."),
        ("The user was changed.", "The user was changed"),
        ("change password", "CHANGE PASSWORD"),
        ("Search...", "Search\u2026"),
        ("Search\u2026", "Search..."),
        ("2020-2021", "2020\u20132021"),
        ("Sign  in", "Sign\u00a0in"),
        ("Username:", "Username"),
    ],
)
def test_normalised_tier_reads_as_a_person_does(written, page):
    assert words.whole(written).search(page)
    assert words.normalised(written) == words.normalised(page)


@pytest.mark.parametrize(
    ("written", "page"),
    [
        ("Username", "Username or email"),
        ("Save", "Save and add another"),
        ("Search", "Search..."),
        ("Search...", "Search"),
        ("Yes", "Yes, I'm sure"),
    ],
)
def test_normalised_tier_is_still_the_whole_text(written, page):
    assert not words.whole(written).search(page)


@pytest.mark.parametrize(
    ("written", "page", "found"),
    [
        ("Are you sure you want to delete the selected user?", "Are you sure you want to delete the selected user? All of", True),
        ('user "bob" was changed', "The user \u201cbob\u201d was changed successfully.", True),
        ("cheese", "buy some cheese", True),
        ("save", "Unsaved changes", False),  # never cut a word in the middle
        ("8001", "Order 80012", False),
        ("a.b", "axb", False),  # the words are text, not a pattern
    ],
)
def test_part_tier_finds_whole_words_inside_a_longer_text(written, page, found):
    assert bool(words.part(written).search(page)) is found


def test_similarity_ranks_the_same_words_first_and_ignores_case_and_quotes():
    assert words.similarity("Change password", "CHANGE PASSWORD") == 1.0
    assert words.similarity("Chnage password", "Change password") > words.similarity("Chnage password", "Change email")
    assert words.similarity("Title", "Title*") == 1.0
