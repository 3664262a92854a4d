"""An article's reading figures: words, reading time and Flesch–Kincaid grade, from its paragraphs."""

from __future__ import annotations

import pytest
import textstat

from lectern.core.reading_figures import ReadingFigures, reading_figures, reading_minutes

PARAGRAPHS = [
    "The ministers met in Berlin on Tuesday. They signed two agreements.",
    "Both agreements commit the governments to consult each other before acting.",
]


def test_words_are_counted_across_paragraphs_and_the_grade_is_rounded_to_one_decimal():
    figures = reading_figures(PARAGRAPHS)
    assert figures.words == 11 + 11
    # The same text textstat has always been given: the paragraphs separated by blank lines.
    assert figures.grade == round(textstat.flesch_kincaid_grade("\n\n".join(PARAGRAPHS)), 1)
    assert figures.grade == round(figures.grade, 1)


def test_a_tuple_of_paragraphs_gives_the_same_figures_as_a_list():
    assert reading_figures(tuple(PARAGRAPHS)) == reading_figures(PARAGRAPHS)


def test_no_paragraphs_is_no_words_and_grade_zero():
    assert reading_figures([]) == ReadingFigures(words=0, grade=0.0)


@pytest.mark.parametrize("words, minutes", [(0, 1), (1, 1), (200, 1), (201, 2), (560, 3)])
def test_reading_time_is_rounded_up_at_200_words_a_minute_and_never_zero(words, minutes):
    assert reading_minutes(words) == minutes
