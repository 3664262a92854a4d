"""GIFT syntax, feature by feature, as Moodle's importer reads it; and the errors it refuses."""

from __future__ import annotations

import pytest

from lectern.core.interchange import parse_gift


def one(text: str):
    """The single question in text (failing on any problem or skip)."""
    result = parse_gift(text)
    assert not result.problems and not result.skipped, (result.problems, result.skipped)
    [question] = result.questions
    return question


def test_missing_word_puts_a_blank_where_the_answers_were():
    q = one("Grant is {~buried =entombed ~living} in Grant's tomb.").definition
    assert q.type == "single_choice"
    assert q.prompt == r"Grant is \_\_\_\_\_ in Grant's tomb."  # escaped: the blank, not emphasis
    assert [o.text for o in q.options if o.correct] == ["entombed"]


def test_escapes_mean_the_characters_themselves():
    q = one(r"::Esc::Which of \{a\}, b\=c, d\~e, \#f or g\:h, \\ i? {=\{a\} ~b\=c ~d\~e#no \# here ~g\:h}")
    d = q.definition
    assert d.prompt == r"Which of {a}, b=c, d~e, #f or g:h, \ i?"
    assert [o.text for o in d.options] == ["{a}", "b=c", "d~e", "g:h"]
    assert d.options[2].feedback == "no # here"


def test_answers_and_feedback_may_run_over_several_lines():
    q = one("::Lines::Pick one.{\n=right\n#good, and\nmore\n~wrong\n#no\n}").definition
    assert [(o.text, o.feedback) for o in q.options] == [("right", "good, and\\\nmore"), ("wrong", "no")]


def test_general_feedback_becomes_the_explanation():
    q = one("::G::Capital of France?{=Paris =paris####[html]<p>Paris is the <b>capital</b>.</p>}").definition
    assert q.type == "short_answer" and [a.text for a in q.answers] == ["Paris", "paris"]
    assert q.explanation == "Paris is the **capital**."


@pytest.mark.parametrize("answers, expected", [
    ("{T}", True), ("{TRUE}", True), ("{F}", False), ("{FALSE}", False),
])
def test_true_false_words(answers, expected):
    assert one("::TF::The sky is blue." + answers).definition.answer is expected


def test_true_false_feedback_order_is_wrong_then_right():
    q = one("::TF::The sky is blue.{TRUE#Look up.#Yes.}").definition
    assert (q.feedback_true, q.feedback_false) == ("Yes.", "Look up.")


def test_lower_case_true_is_a_short_answer_as_in_moodle_with_a_note():
    q = one("::TF::The sky is blue.{true}")
    assert q.definition.type == "short_answer"
    assert any("{TRUE}" in note for note in q.notes)


def test_numeric_forms():
    assert [(a.value, a.tolerance) for a in one("When?{#1822:5}").definition.answers] == [(1822, 5)]
    assert [(a.value, a.tolerance) for a in one("Which?{#1..5}").definition.answers] == [(3, 2)]
    q = one("When was Grant born?{#=1822:0 #Exactly. =%50%1822:2 #Close.}").definition
    assert [(a.value, a.tolerance, a.credit, a.feedback) for a in q.answers] == [
        (1822, 0, 100, "Exactly."), (1822, 2, 50, "Close.")]
    assert q.grade("1822").fraction == 1 and q.grade("1823").fraction == 0.5


def test_matching_with_a_distractor():
    q = one("::M::Match.{=Canada -> Ottawa =Italy -> Rome =Japan -> Tokyo = -> Oslo}").definition
    assert [(p.item, p.match) for p in q.pairs] == [("Canada", "Ottawa"), ("Italy", "Rome"), ("Japan", "Tokyo")]
    assert q.distractors == ["Oslo"]


def test_essay_and_description():
    result = parse_gift("::E::Discuss.{}\n\n::D::Read the article first.\n\n::E2::Explain.{####A model reply}")
    assert [q.definition.type for q in result.questions] == ["essay", "essay"]
    assert result.questions[1].definition.explanation == "A model reply"
    assert [(s.line, s.title, s.reason) for s in result.skipped] == [(3, "D", "description: no question to answer")]


def test_categories_switch_for_the_questions_that_follow():
    result = parse_gift("$CATEGORY: $course$/top/Unit 1/Week 2\n\nQ1{T}\n\n$CATEGORY: Other\n\nQ2{F}")
    assert [(q.category, q.definition.tags) for q in result.questions] == [
        ("Unit 1/Week 2", ["category:Unit 1/Week 2"]), ("Other", ["category:Other"])]


def test_moodle_tag_and_id_comments_and_lectern_metadata():
    q = one('// [tag:easy] [tag:a\\]b] [id:My ID]\n// lectern: {"skill": "locate", "points": 2}\nQ{T}').definition
    assert q.id == "my-id"
    assert q.tags == ["easy", "a]b"]
    assert (q.skill, q.points) == ("locate", 2)


def test_ordering_in_qtype_orderings_syntax():
    q = one("::O::Order these.{>3 RANDOM HORIZONTAL ABSOLUTE_POSITION SHOW\nfirst\nsecond: 2\nthird\nfourth\n}")
    assert q.definition.type == "ordering"
    assert q.definition.items == ["first", "second: 2", "third", "fourth"]  # items are read as written
    assert any("3 of the 4 items" in note for note in q.notes)
    assert any("ABSOLUTE_POSITION" in note for note in q.notes)


def test_ids_come_from_titles_else_from_the_prompt_and_avoid_taken_ids():
    result = parse_gift("::Capital City::Q{T}\n\nUntitled question{T}", taken_ids={"capital-city"})
    first, second = (q.definition.id for q in result.questions)
    assert first == "capital-city-2"
    assert second.startswith("q-") and second == parse_gift("Untitled question{T}").questions[0].definition.id


def test_a_bad_question_in_the_middle_is_named_by_its_line():
    text = "::One::First?{T}\n\n// comment\n::Two::Second? {=a ~b\n\n::Three::Third?{F}\n"
    result = parse_gift(text)
    assert [q.title for q in result.questions] == ["One", "Three"]
    [problem] = result.problems
    assert problem.line == 4 and problem.title == "Two"
    assert "'{' with no '}'" in problem.message
    assert not result.ok  # the caller imports nothing


def test_a_blank_line_inside_the_braces_is_reported_once():
    result = parse_gift("::Q::Pick.{\n=a\n\n~b\n}\n\n::R::Next{T}")
    assert [p.line for p in result.problems] == [1]
    assert "blank line inside the answers" in result.problems[0].message
    assert [q.title for q in result.questions] == ["R"]


@pytest.mark.parametrize("text, message", [
    ("::Q::Pick.{~a ~b}", "no answer is marked right"),
    ("::Q::Pick.{~%50%a ~%20%b ~c}", "add up to 70%, not 100%"),
    ("::Q::Pick.{~%150%a ~b}", "out of range"),
    ("::Q::When?{#soon}", "'soon' is not a number"),
    ("::Q::When?{#5..1}", "the smaller number comes first"),
    ("::Q::Match.{=a -> b =c}", "'c' is not a pair"),
    ("::Q::Match.{=a -> b}", "at least two pairs"),
    ("::Q::Close } then { open", "comes before"),
    ("::Q::No opening }", "'}' with no '{'"),
    ("// lectern: {not json\n::Q::Pick.{=a ~b}", "not valid JSON"),
    ('// lectern: {"colour": "red"}\n::Q::Pick.{=a ~b}', "does not take"),
])
def test_malformed_questions_are_problems_with_their_line(text, message):
    result = parse_gift("::Fine::ok{T}\n\n" + text)
    assert len(result.questions) == 1 and result.problems, result
    assert result.problems[0].line == 3
    assert message in result.problems[0].message


@pytest.mark.parametrize("text, reason", [
    ("::Q::Pick.{=a =b ~c}", "2 answers are fully right"),
    ("::Q::Pick.{=a ~%50%b ~c}", "partial credit"),
    ("::Q::Two {=a} blanks {=b}.", "more than one answer block"),
    ("::Q::Match.{=a -> x =b -> x}", "used twice"),
    ("::Q::Any number.{#=%100%*}", "any number"),
])
def test_valid_gift_that_lectern_cannot_hold_is_skipped(text, reason):
    result = parse_gift(text)
    assert result.ok and result.questions == []
    assert reason in result.skipped[0].reason and result.skipped[0].title == "Q"


def test_single_choice_negative_weights_are_dropped_with_a_note():
    q = one("::Q::Pick.{=a ~%-50%b}")
    assert q.definition.grade("b").fraction == 0
    assert any("negative" in note for note in q.notes)


def test_html_images_are_noted():
    q = one('::Q::[html]Look: <img src="@@PLUGINFILE@@/map.png" alt="a map">{T}')
    assert q.definition.prompt == "Look: a map"
    assert any("map.png" in note for note in q.notes)
