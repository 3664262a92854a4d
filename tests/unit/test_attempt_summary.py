"""The submit summary's counting: answered, blank and flagged questions, and the page each is on."""

from __future__ import annotations

from lectern.core.attempt_summary import QuestionMark, summarise


def test_counts_answered_and_lists_blank_and_flagged_with_their_pages():
    summary = summarise(answered={1, 2, 5}, flagged={2, 6}, count=7, per_page=3)
    assert (summary.answered, summary.total, summary.pages) == (3, 7, 3)
    assert [(m.position, m.page) for m in summary.blank] == [(3, 1), (4, 2), (6, 2), (7, 3)]
    assert [(m.position, m.page) for m in summary.flagged] == [(2, 1), (6, 2)]
    assert summary.marks[1] == QuestionMark(position=2, page=1, answered=True, flagged=True)
    assert not summary.all_done


def test_all_on_one_page_when_the_quiz_does_not_page():
    summary = summarise(answered=set(), flagged=set(), count=4, per_page=0)
    assert summary.pages == 1 and {m.page for m in summary.marks} == {1}
    assert summary.answered == 0 and len(summary.blank) == 4


def test_done_only_with_every_question_answered_and_none_flagged():
    assert summarise(answered={1, 2}, flagged=set(), count=2, per_page=1).all_done
    assert not summarise(answered={1, 2}, flagged={1}, count=2, per_page=1).all_done


def test_positions_outside_the_attempt_are_ignored():
    summary = summarise(answered={0, 1, 9}, flagged={-1, 3}, count=2, per_page=0)
    assert summary.answered == 1 and summary.flagged == []
