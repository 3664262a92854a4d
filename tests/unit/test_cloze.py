"""Cloze (embedded answers): Moodle's gap syntax read and written back, grading per gap, review words."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from werkzeug.datastructures import MultiDict
from wtforms import Form

from lectern.core.interchange import parse_moodle_xml, write_moodle_xml
from lectern.core.questions import TamperedResponse, parse_question
from lectern.core.questions.base import stable_id
from lectern.core.questions.cloze_syntax import ClozeSyntaxError, parse_cloze, write_cloze
from tests.unit.helpers import COMMON
from tests.unit.interchange.grading import assert_same_grading
from tests.unit.interchange.test_round_trip_properties import feedback as any_feedback
from tests.unit.interchange.test_round_trip_properties import text as any_text

S = stable_id


def cloze(source: str, **fields):
    text, gaps = parse_cloze(source)
    return parse_question({"id": "c", "type": "cloze", **COMMON, "prompt": text, "gaps": gaps, **fields})


def only_gap(source: str) -> dict:
    return parse_cloze(source)[1][0]


# --- reading the syntax -----------------------------------------------------------------


@pytest.mark.parametrize("code, kind, extra", [
    ("SHORTANSWER", "short_answer", {}), ("SA", "short_answer", {}), ("MW", "short_answer", {}),
    ("SHORTANSWER_C", "short_answer", {"case_sensitive": True}), ("SAC", "short_answer", {"case_sensitive": True}),
    ("MULTICHOICE", "single_choice", {}), ("MC", "single_choice", {}),
    ("MCV", "single_choice", {"layout": "vertical"}), ("MULTICHOICE_H", "single_choice", {"layout": "horizontal"}),
    ("MCS", "single_choice", {"shuffle": True}), ("MCVS", "single_choice", {"layout": "vertical", "shuffle": True}),
    ("MCHS", "single_choice", {"layout": "horizontal", "shuffle": True}),
    ("MULTIRESPONSE", "multiple_response", {}), ("MR", "multiple_response", {}),
    ("MRH", "multiple_response", {"layout": "horizontal"}), ("MRS", "multiple_response", {"shuffle": True}),
    ("MULTIRESPONSE_HS", "multiple_response", {"layout": "horizontal", "shuffle": True}),
])
def test_every_kind_of_gap_is_read_by_each_of_its_names(code, kind, extra):
    gap = only_gap(f"Pick {{1:{code}:=Berlin~Paris}}.")
    assert gap == {"kind": kind, "weight": 1, "answers": [{"text": "Berlin", "credit": 100.0},
                                                          {"text": "Paris", "credit": 0.0}], **extra}


def test_text_weights_credits_and_feedback():
    text, gaps = parse_cloze("Capital: {2:SHORTANSWER:=Berlin#Right!~%50%Bonn#The old one~*#No}. "
                             "Pi: {NM:=3.14:0.01#Close enough~%50%3#Rounded}")
    assert text == "Capital: {#1}. Pi: {NM:=3.14:0.01#Close enough~%50%3#Rounded}"  # no ':' after '{': text
    assert gaps == [{"kind": "short_answer", "weight": 2, "answers": [
        {"text": "Berlin", "credit": 100.0, "feedback": "Right!"},
        {"text": "Bonn", "credit": 50.0, "percent": True, "feedback": "The old one"},
        {"text": "*", "credit": 0.0, "feedback": "No"}]}]
    text, gaps = parse_cloze("Pi: {:NUMERICAL:=3.14:0.01#Close enough~%50%3,5#Rounded~*#Any other}")
    assert text == "Pi: {#1}" and gaps[0]["weight"] == 1
    assert gaps[0]["answers"] == [{"text": "3.14", "tolerance": "0.01", "credit": 100.0, "feedback": "Close enough"},
                                  {"text": "3,5", "credit": 50.0, "percent": True, "feedback": "Rounded"},
                                  {"text": "*", "credit": 0.0, "feedback": "Any other"}]


def test_escapes_stand_for_the_character_itself():
    gap = only_gap(r"{1:SA:=a\}b\#c\~d\/e\"f\\g#fb with \} and # and \~}")
    assert gap["answers"] == [{"text": 'a}b#c~d/e"f\\g', "credit": 100.0, "feedback": "fb with } and # and ~"}]
    # '#' right after '&' belongs to an HTML entity, as in Moodle's parser.
    assert only_gap("{1:MC:=it&#39;s#yes~no}")["answers"][0] == {"text": "it&#39;s", "credit": 100.0, "feedback": "yes"}


def test_braces_that_are_no_gap_stay_text():
    text, gaps = parse_cloze("A set {a, b} and {1:SA:=x} and {weird}")
    assert text == "A set {a, b} and {#1} and {weird}" and len(gaps) == 1


@pytest.mark.parametrize("source, message", [
    ("No gap here.", "the text has no gap"),
    ("{1:SA:=a} and {1:NUMERICAL:=abc}", "gap 2: NUMERICAL answer 'abc' is not a number"),
    ("{1:NUMERICAL:=1:x}", "gap 1: NUMERICAL answer '1:x' is not a number"),
    ("{1:MULTICHOICE}", "gap 1: MULTICHOICE has no answers"),
    ("{1:MULTICHOICE:}", "gap 1: MULTICHOICE has no answers"),
    ("{1:SA:=Berlin", "gap 1 ('{1:SA:=Berlin…') is not closed with }"),
    ("{1:FOO:=a}", "gap 1: 'FOO' is not a kind of gap"),
    ("{1:sa:=a}", "gap 1: 'sa' is not a kind of gap (write it in capitals)"),
    ("{1:MC:=a~~b}", "gap 1: answer 2 is empty"),
    ("{1:SA:%-50%a}", "gap 1: answer 1 ('a') has a negative credit"),
    ("{1:SA:%150%a}", "gap 1: answer 1 ('a') has credit 150%"),
    ("{500:SA:=a}", "gap 1: its weight 500 is more than 100"),
    ("Already {#1} here", "which marks a gap inside Lectern"),
])
def test_bad_syntax_is_named_by_gap(source, message):
    with pytest.raises(ClozeSyntaxError) as e:
        parse_cloze(source)
    assert message in str(e.value)


@pytest.mark.parametrize("source, message", [
    ("{1:MULTICHOICE:=Apple#Correct}", "gap 1: a MULTICHOICE or MULTIRESPONSE gap needs at least two options"),
    ("{1:MC:Pear~%50%Apple}", "gap 1: no answer earns full credit"),
    ("{1:SA:=a} {1:MR:x~y}", "gap 2: no option earns credit"),
    ("{1:MC:=a~a}", "gap 1: two options have the same text"),
    ("{0:SA:=a}", "every gap has weight 0"),
])
def test_broken_gaps_are_refused_by_the_model_naming_the_gap(source, message):
    with pytest.raises(ValidationError) as e:
        cloze(source)
    assert message in str(e.value)


def test_a_cloze_without_gaps_is_refused():
    with pytest.raises(ValidationError, match="needs|at least 1|should have at least"):
        parse_question({"id": "c", "type": "cloze", **COMMON, "gaps": []})
    with pytest.raises(ValidationError, match="the text has no gap"):  # a bank file writing the syntax
        parse_question({"id": "c", "type": "cloze", **COMMON, "prompt": "No gaps."})


CANONICAL = ("Capital: {2:SHORTANSWER:=Berlin#Right!~%50%Bonn#The old one~*#No}, "
             "case {1:SHORTANSWER_C:=NATO} pi {1:NUMERICAL:=3.14:0.01#ok~%50%3~*#no} "
             "pick {1:MULTICHOICE:=A#yes~%50%B~C} {1:MULTICHOICE_VS:=x~y} {1:MULTICHOICE_H:=p~q} "
             "tick {1:MULTIRESPONSE:%50%a~%50%b~%-50%c} {3:MULTIRESPONSE_HS:=k~=l~m#not m} "
             "esc {1:SHORTANSWER:=a\\}b\\#c\\~d\\\\e#f\\~b}.")


def test_round_trip_text_definition_text_is_identical():
    q = cloze(CANONICAL)
    assert q.source() == CANONICAL
    assert parse_question(q.to_data()) == q
    assert write_cloze(*parse_cloze(CANONICAL)) == CANONICAL


def test_a_bank_file_may_write_the_gaps_in_the_syntax():
    q = parse_question({"id": "c", "type": "cloze", **COMMON, "prompt": "Capital: {1:SA:=Berlin}"})
    assert q.prompt == "Capital: {#1}" and q.gaps[0].answers[0].text == "Berlin"


# --- grading ------------------------------------------------------------------------------


def test_each_gap_is_graded_like_its_type_and_weighted():
    q = cloze("{2:SA:=Berlin#Yes~%50%Bonn#Old~*#No} {1:NUMERICAL:=3.14:0.01#ok} {1:MC:=A#a~%50%B#b~C}")
    right = {"g1": "berlin.", "g2": "3.145", "g3": S("A")}
    assert q.grade(right).fraction == 1.0
    assert q.grade(right).feedback == ("Gap 1: Yes", "Gap 2: ok", "Gap 3: a")
    assert q.grade({"g1": "Bonn", "g2": "3,14", "g3": S("B")}).fraction == pytest.approx((2 * .5 + 1 + .5) / 4)
    assert q.grade({"g1": "Paris", "g2": "3.2", "g3": S("C")}).fraction == 0.0
    assert q.grade({"g1": "Paris"}).feedback == ("Gap 1: No",)  # the catch-all's feedback
    assert q.grade({"g2": "2,850"}).fraction == 0  # other gaps empty: they earn nothing


def test_case_sensitive_gaps_and_the_any_number_answer():
    q = cloze("{1:SAC:=NATO} {1:NM:=5~%0%*#Any other number}")
    assert q.grade({"g1": "nato", "g2": "5"}).fraction == 0.5
    assert q.grade({"g1": "NATO", "g2": "7"}) .feedback == ("Gap 2: Any other number",)


@pytest.mark.parametrize("source, ticked, fraction", [
    ("{1:MR:=a~=b~c}", ["a", "b"], 1.0),  # the right ones share the credit
    ("{1:MR:=a~=b~c}", ["a"], 0.5),
    ("{1:MR:=a~=b~c}", ["a", "b", "c"], 0.5),  # without %n% a wrong option cancels one right one
    ("{1:MR:=a~=b~c}", ["a", "c"], 0.0),
    ("{1:MR:%100%a~%100%b~c}", ["a", "b", "c"], 1.0),  # with %n% the wrong one costs what it says: 0
    ("{1:MR:%50%a~%50%b~%-50%c}", ["a", "b", "c"], 0.5),
])
def test_multiresponse_gaps_follow_moodles_rule(source, ticked, fraction):
    q = cloze(source)
    assert q.grade({"g1": [S(t) for t in ticked]}).fraction == pytest.approx(fraction)


# --- the form -----------------------------------------------------------------------------


def _bound(q, data=None):
    class F(Form):
        q1 = q.form_field()

    return F(formdata=MultiDict(data or []))


def test_the_form_has_one_labelled_input_per_gap_and_never_marks_the_right_option():
    q = cloze("{1:SA:=x} {1:MC:=A~B} {1:MCV:=C~D} {1:MRH:=E~F} {1:NM:=2}")
    form = _bound(q)
    labels = [sub.label.text for sub in form.q1]
    assert labels == ["Gap 1 of 5", "Gap 2 of 5", "Gap 3 of 5", "Gap 4 of 5", "Gap 5 of 5"]
    kinds = [type(sub).__name__ for sub in form.q1]
    assert kinds == ["StringField", "ChoiceSelectField", "ChoiceRadioField", "ChoiceCheckboxField", "StringField"]
    assert [c.label for c in form.q1.g2.choices] == ["Choose…", "A", "B"]
    # Nothing in the offered choices tells the right one apart: values are ids made from the texts.
    assert [c.value for c in form.q1.g3.choices] == [S("C"), S("D")]
    shuffled = cloze("{1:MCS:=" + "~".join(f"option {n}" for n in range(8)) + "}")
    order = [c.label for c in _bound(shuffled).q1.g1.choices][1:]
    assert sorted(order) == [f"option {n}" for n in range(8)] and order != [f"option {n}" for n in range(8)]


def test_responses_from_the_form_and_tampering():
    q = cloze("{1:SA:=x} {1:MC:=A~B} {1:MR:=E~F}")
    data = {"g1": "  x ", "g2": S("A"), "g3": [S("F")]}
    assert q.response_from_form(data) == {"g1": "x", "g2": S("A"), "g3": [S("F")]}
    assert q.response_from_form({"g1": "", "g2": "", "g3": []}) is None
    with pytest.raises(TamperedResponse):
        q.response_from_form({"g2": "not-an-option"})
    with pytest.raises(TamperedResponse):
        q.response_from_form({"g3": [S("E"), "x123"]})


def test_a_numeric_gap_says_which_gap_wants_a_number():
    q = cloze("{1:SA:=x} {1:NM:=2}")
    form = _bound(q, [("q1-g2", "two")])
    assert not form.validate()
    assert form.errors["q1"]["g2"] == ["Gap 2 of 2: enter a number using digits, for example 800,000 or 2.5."]


# --- review -----------------------------------------------------------------------------


def test_review_words_per_gap():
    q = cloze("{1:SA:=Berlin#Yes~*#No} {1:NM:=3.14:0.01} {1:MC:=A~B} {1:MR:=E~=F~G}")
    described = q.describe_response({"g1": "Paris", "g3": S("A"), "g4": [S("E"), S("G")]})
    assert described.parts == ("Gap 1: Paris", "Gap 2: (no answer)", "Gap 3: A", "Gap 4: E; G")
    assert [(g.answer, g.state, g.right_answer, g.feedback) for g in described.gaps] == [
        ("Paris", "incorrect", "Berlin", "No"), (None, "unanswered", "3.14 (± 0.01)", None),
        ("A", "correct", "A", None), ("E; G", "incorrect", "E; F", None)]
    assert q.right_answer().parts == ("Gap 1: Berlin", "Gap 2: 3.14 (± 0.01)", "Gap 3: A", "Gap 4: E; F")


def test_the_rendered_text_is_cut_at_the_gaps_outside_tags_only():
    q = cloze("See {1:SA:=x} and {1:SA:=y}")
    assert q.split_at_gaps('<p>See {#1} and <a href="{#2}">{#2}</a></p>') == [
        "", "<p>", "See ", 1, " and ", '<a href="{#2}">', "", 2, "", "</a>", "", "</p>", ""]
    assert q.blanked_prompt() == "See [1] ______ and [2] ______"


# --- the rest of the app that meets every type --------------------------------------------


def test_a_bank_with_a_cloze_is_written_read_back_and_checked():
    from dataclasses import replace

    from lectern.core.bank_writer import article_text, questions_text
    from lectern.core.banks import parse_bank
    from lectern.core.item_checks import check_bank
    from tests.unit.helpers import mini

    q = cloze("They met in {1:SHORTANSWER:=Berlin#Yes~*#No} after {1:MULTICHOICE:=talks~a war}.", skill="locate")
    bank = replace(mini(), questions=(*mini().questions, q))
    back = parse_bank(bank.slug, article_text(bank.article), questions_text(bank))
    assert back.question("c") == q
    findings = check_bank(back)  # every rule either applies to a cloze or passes it by
    assert all(f.question_id != "c" or f.rule for f in findings)


# --- properties: any text survives the syntax and Moodle XML ------------------------------



@st.composite
def gaps(draw):
    kind = draw(st.sampled_from(["short_answer", "numeric", "single_choice", "multiple_response"]))
    if kind == "numeric":
        texts = draw(st.lists(st.sampled_from(["3.14", "-2", "800000", "1e3", "0,5", ".5", "*"]), min_size=1,
                              max_size=3, unique=True))
    else:
        texts = draw(st.lists(any_text, min_size=2 if kind in ("single_choice", "multiple_response") else 1,
                              max_size=4, unique=True))
    answers = []
    for n, t in enumerate(texts):
        credit = 100.0 if n == 0 else draw(st.sampled_from([0.0, 50.0, 100.0, 33.33333]))
        if kind == "multiple_response" and n:
            credit = draw(st.sampled_from([0.0, -50.0, 100.0]))
        answer = {"text": t, "credit": credit}
        if draw(st.booleans()):
            answer["percent"] = True
        if kind == "numeric" and t != "*" and draw(st.booleans()):
            answer["tolerance"] = draw(st.sampled_from(["0.01", "2", "0,5"]))
        fb = draw(any_feedback)
        if fb and fb.strip():
            answer["feedback"] = fb.strip()
        answers.append(answer)
    return {"kind": kind, "weight": draw(st.integers(1, 3)), "answers": answers,
            **({"case_sensitive": True} if kind == "short_answer" and draw(st.booleans()) else {}),
            **({"shuffle": True} if kind in ("single_choice", "multiple_response") and draw(st.booleans()) else {})}


@settings(max_examples=60, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(gaps(), min_size=1, max_size=4), st.lists(any_text.filter(lambda t: "{" not in t), min_size=1, max_size=4))
def test_any_cloze_survives_its_syntax_and_moodle_xml(gap_list, words):
    prompt = " ".join(f"{w} {{#{n}}}" for n, w in enumerate(words[:len(gap_list)], start=1))
    prompt += "".join(f" {{#{n}}}" for n in range(len(words) + 1, len(gap_list) + 1))
    q = parse_question({"id": "c", "type": "cloze", **COMMON, "prompt": prompt, "gaps": gap_list})
    text, read = parse_cloze(q.source())
    assert parse_question({**q.to_data(), "prompt": text, "gaps": read}) == q
    back = parse_moodle_xml(write_moodle_xml([q]))
    assert back.ok, back.problems + back.skipped
    assert back.definitions() == [q]
    assert_same_grading(q, back.definitions()[0])
