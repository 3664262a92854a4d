"""Turning submitted form data into stored responses: empty means unanswered, values the
form never offered mean tampering, and a stored response shows again in the form."""

from __future__ import annotations

import pytest
from werkzeug.datastructures import MultiDict
from wtforms import Form

from lectern.core.questions import TamperedResponse
from lectern.core.questions.base import stable_id
from tests.unit.helpers import mini_question

ORDER = mini_question("article-order")
BERLIN, FIRST, EXPANSION = (stable_id(t) for t in ORDER.items)
DEPLOYED = stable_id("deployed to western Ukraine")


@pytest.mark.parametrize("qid, data", [
    ("meeting-city", None), ("meeting-city", ""),
    ("who-met", None), ("who-met", []),
    ("us-combat-troops", None), ("us-combat-troops", ""),
    ("treaty-article", None), ("treaty-article", ""), ("treaty-article", "   "),
    ("army-size", ""), ("army-size", " \t "),
    ("who-does-what", None), ("who-does-what", {}), ("who-does-what", {"i1": "", "i2": ""}),
    ("article-order", None), ("article-order", {}), ("article-order", {BERLIN: "", FIRST: ""}),
    ("sources", None), ("sources", ""), ("sources", "\n  \n"),
])
def test_empty_answer_is_unanswered(qid, data):
    assert mini_question(qid).response_from_form(data) is None


@pytest.mark.parametrize("qid, data", [
    ("meeting-city", "d"),                              # an option id not in the question
    ("meeting-city", "Berlin"),                         # the text instead of the id
    ("who-met", ["a", "z"]),
    ("who-met", ["A"]),
    ("us-combat-troops", "yes"),
    ("us-combat-troops", "True"),
    ("who-does-what", {"i1": "xdeadbeef"}),             # a match id not offered
    ("who-does-what", {"i1": DEPLOYED, "i2": "deployed to western Ukraine"}),
    ("article-order", {BERLIN: "0"}),                   # positions run 1..3
    ("article-order", {BERLIN: "4"}),
    ("article-order", {BERLIN: "-1"}),
    ("article-order", {BERLIN: "first"}),
])
def test_tampered_values_are_refused(qid, data):
    with pytest.raises(TamperedResponse):
        mini_question(qid).response_from_form(data)


@pytest.mark.parametrize("qid, data, response", [
    ("meeting-city", "b", "b"),
    ("who-met", ["c", "a"], ["a", "c"]),            # stored in option order
    ("us-combat-troops", "true", True),
    ("us-combat-troops", "false", False),
    ("treaty-article", "  Article 5 ", "Article 5"),
    ("army-size", " 800,000 ", "800,000"),         # kept as typed, graded when read
    ("who-does-what", {"i1": DEPLOYED, "i2": ""}, {"i1": DEPLOYED}),
    ("article-order", {BERLIN: "1", FIRST: "2", EXPANSION: "3"}, [BERLIN, FIRST, EXPANSION]),
    ("article-order", {BERLIN: "3", FIRST: "2", EXPANSION: "1"}, [EXPANSION, FIRST, BERLIN]),
    ("sources", " Unnamed sources. ", "Unnamed sources."),
])
def test_response_from_form(qid, data, response):
    assert mini_question(qid).response_from_form(data) == response


@pytest.mark.parametrize("qid, response", [
    ("meeting-city", "a"),
    ("who-met", ["a", "b"]),
    ("us-combat-troops", True),
    ("us-combat-troops", False),
    ("treaty-article", "Article 5"),
    ("army-size", "800,000"),
    ("who-does-what", {"i1": DEPLOYED}),
    ("article-order", [FIRST, BERLIN, EXPANSION]),
    ("sources", "Unnamed sources."),
])
def test_a_stored_response_shows_again_as_the_same_answer(qid, response):
    """Reopening an attempt fills the form from the response; submitting it unchanged
    must store the same response."""
    q = mini_question(qid)
    assert q.response_from_form(q.form_data(response)) == response


@pytest.mark.parametrize("qid, formdata, response", [
    ("meeting-city", [("answer", "b")], "b"),
    ("who-met", [("answer", "a"), ("answer", "b")], ["a", "b"]),
    ("us-combat-troops", [("answer", "false")], False),
    ("who-does-what", [("answer-i1", DEPLOYED)], {"i1": DEPLOYED}),
    ("article-order", [(f"answer-{BERLIN}", "1"), (f"answer-{FIRST}", "2"),
                       (f"answer-{EXPANSION}", "3")], [BERLIN, FIRST, EXPANSION]),
])
def test_posted_form_data_becomes_the_response(qid, formdata, response):
    q = mini_question(qid)

    class F(Form):
        answer = q.form_field()

    form = F(MultiDict(formdata))
    assert form.validate(), form.errors
    assert q.response_from_form(form.answer.data) == response


@pytest.mark.parametrize("qid, formdata", [
    ("meeting-city", [("answer", "zz")]),
    ("who-met", [("answer", "a"), ("answer", "zz")]),
    ("us-combat-troops", [("answer", "maybe")]),
    ("who-does-what", [("answer-i1", "zz")]),
    ("article-order", [(f"answer-{BERLIN}", "9")]),
])
def test_posted_values_never_offered_raise_when_the_form_validates(qid, formdata):
    q = mini_question(qid)

    class F(Form):
        answer = q.form_field()

    with pytest.raises(TamperedResponse):
        F(MultiDict(formdata)).validate()


def test_ordering_form_refuses_two_items_in_one_position():
    class F(Form):
        answer = ORDER.form_field()

    form = F(MultiDict([(f"answer-{BERLIN}", "1"), (f"answer-{FIRST}", "1")]))
    assert not form.validate()
    assert "Give each item a different position." in form.answer.form.form_errors
