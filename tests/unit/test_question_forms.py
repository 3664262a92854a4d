"""The answer fields a student sees must not give the answer away."""

from __future__ import annotations

import re

import pytest

from lectern.core.questions.base import stable_id
from tests.unit.helpers import bound_field, mini, mini_question, offered, question, render

ALL_IDS = [q.id for q in mini().questions]
# Everything in the mini bank a student must work out, which the form must not print.
SECRETS = [
    "correct", "credit", "feedback", "Yes, paragraph 1 says", "Russia is the threat",
    "Paragraph 13 says", "Right, the U.S.", "800000", "The number is right", "model",
    "They rest on unnamed sources", "The first sentence names the city",
]


@pytest.mark.parametrize("qid", ALL_IDS)
def test_no_field_reveals_answers_feedback_or_explanation(qid):
    html = render(mini_question(qid))
    for secret in SECRETS:
        assert secret.casefold() not in html.casefold(), f"{qid} shows {secret!r}"
    assert "checked" not in html and "data-" not in html


def test_short_answer_field_does_not_print_the_answer():
    html = render(mini_question("treaty-article"))
    assert "Article 5" not in html and 'value=""' in html


@pytest.mark.parametrize("qid", ["meeting-city", "who-met"])
def test_choice_options_show_in_bank_order(qid):
    q = mini_question(qid)
    field, html = bound_field(q), render(q)
    assert offered(field) == [(o.id, o.text) for o in q.options]
    positions = [html.index(f">{o.text}</label>") for o in q.options]
    assert positions == sorted(positions)


@pytest.mark.parametrize("right", [0, 1, 2])
def test_single_choice_html_is_the_same_whichever_option_is_right(right):
    options = [{"text": t, "correct": i == right} for i, t in enumerate(["Kyiv", "Berlin", "Rome"])]
    baseline = [{"text": t, "correct": i == 0} for i, t in enumerate(["Kyiv", "Berlin", "Rome"])]
    assert render(question("single_choice", options=options)) == render(
        question("single_choice", options=baseline))


def test_multiple_response_html_is_the_same_whichever_options_are_right():
    one = question("multiple_response", options=[
        {"text": "A", "correct": True}, {"text": "B"}, {"text": "C", "correct": True}])
    other = question("multiple_response", options=[
        {"text": "A", "correct": True, "credit": 100}, {"text": "B", "credit": -50},
        {"text": "C", "credit": 0}])
    assert render(one) == render(other)


def test_true_false_html_is_the_same_for_true_and_false_statements():
    assert render(question("true_false", answer=True)) == render(
        question("true_false", answer=False))
    assert offered(bound_field(question("true_false", answer=False))) == [
        ("true", "True"), ("false", "False")]


# --- matching ----------------------------------------------------------------------


def test_matching_choices_are_alphabetical_with_an_empty_first_entry():
    q = mini_question("who-does-what")
    texts = [t for _, t in q.choices()]
    assert texts == sorted(texts, key=str.casefold)
    assert texts == ["combat troops on the front line", "deployed to western Ukraine",
                     "reconnaissance and surveillance"]
    for sub in bound_field(q):
        assert offered(sub)[0] == ("", "Choose…")
        assert [t for _, t in offered(sub)[1:]] == texts


def test_matching_alphabetical_ignores_case():
    q = question("matching", pairs=[{"item": "1", "match": "banana"}, {"item": "2", "match": "Apple"}],
                 distractors=["cherry"])
    assert [t for _, t in q.choices()] == ["Apple", "banana", "cherry"]


def test_matching_html_does_not_depend_on_which_match_belongs_to_which_item():
    pairs = [("European troops", "deployed to western Ukraine"),
             ("The United States", "reconnaissance and surveillance")]
    swapped = [(pairs[0][0], pairs[1][1]), (pairs[1][0], pairs[0][1])]
    render_of = [render(question("matching", pairs=[{"item": i, "match": m} for i, m in p]))
                 for p in (pairs, swapped)]
    assert render_of[0] == render_of[1]


# --- ordering ----------------------------------------------------------------------


def test_ordering_shows_items_in_another_order_than_the_right_one():
    q = mini_question("article-order")
    shown = [t for _, t in q.shown()]
    assert sorted(shown) == sorted(q.items)
    assert shown != q.items
    html = render(q)
    positions = [html.index(f">{t}</label>") for t in shown]
    assert positions == sorted(positions)


def test_ordering_ids_do_not_encode_position():
    q = mini_question("article-order")
    ids = {t: i for i, t in q.shown()}
    assert all(re.fullmatch(r"x[0-9a-f]{8}", i) for i in ids.values())
    assert ids == {t: stable_id(t) for t in q.items}        # from the text alone
    reordered = question("ordering", items=q.items[::-1])
    assert {t: i for i, t in reordered.shown()} == ids


@pytest.mark.parametrize("right_order", [
    ["The meeting in Berlin", "The first document and Article 5", "The expansion to 800,000 personnel"],
    ["The expansion to 800,000 personnel", "The meeting in Berlin", "The first document and Article 5"],
    ["The first document and Article 5", "The expansion to 800,000 personnel", "The meeting in Berlin"],
])
def test_ordering_html_is_the_same_whatever_the_right_order(right_order):
    base = mini_question("article-order")
    assert render(question("ordering", items=right_order)) == render(
        question("ordering", items=base.items))


def test_ordering_positions_are_offered_for_every_item():
    for sub in bound_field(mini_question("article-order")):
        assert offered(sub) == [("", "Position…"), ("1", "1"), ("2", "2"), ("3", "3")]
