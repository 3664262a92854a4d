"""Random questions of every type, with awkward text, round-trip through GIFT and Moodle XML.

Texts mix GIFT's own syntax characters ({}~=#:\\ and '->', '%', '[html]'), unicode
and line breaks. What the formats cannot hold is normalised first, as the writers
and readers agree to: feedback loses surrounding spaces (Moodle trims it) and an
empty one means none. After that, the question must come back equal and grade
every response as before.
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from lectern.core.interchange import parse_gift, parse_moodle_xml, write_gift, write_moodle_xml
from lectern.core.questions import QuestionDefinition, parse_question
from lectern.core.questions.short_answer import normalise_answer
from tests.unit.interchange.grading import assert_same_grading

SETTINGS = settings(max_examples=100, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])

AWKWARD = list("{}~=#:\\%[]/*_|->") + ["->", "::", "\\n", "####", "[html]", "[markdown]", "%50%", "//", "T",
                                        "é", "中文", "🙂", "\u00a0", "\u2028", "  ", "\n", "\t", "&amp;", "<b>"]
_piece = st.one_of(st.sampled_from(AWKWARD), st.text(st.characters(
    exclude_categories=("Cc", "Cs", "Co", "Cn")), min_size=1, max_size=4))
raw_text = st.lists(_piece, min_size=1, max_size=6).map("".join)
text = raw_text.map(str.strip).filter(bool)          # what a Text field holds after validation
feedback = st.one_of(st.none(), raw_text)             # raw: spaces around it are normalised away


def distinct(n_min: int, n_max: int) -> st.SearchStrategy[list[str]]:
    return st.lists(text, min_size=n_min, max_size=n_max, unique=True)


ids = st.from_regex(r"[a-z0-9]{1,6}(-[a-z0-9]{1,6}){0,2}", fullmatch=True)
common = st.fixed_dictionaries({"id": ids, "prompt": text}, optional={
    "explanation": text,
    "skill": st.sampled_from(["locate", "understand", "evaluate"]),
    "difficulty": st.sampled_from(["easy", "medium", "hard"]),
    "tags": distinct(1, 3),
    "points": st.sampled_from([0.5, 2, 3.25, 100]),
    "evidence": st.lists(st.fixed_dictionaries({"paragraph": st.integers(1, 40), "quote": text}), max_size=2),
})
credits = st.sampled_from([0, 25, 50, 100, 33.333, 12.5])


@st.composite
def single_choice(draw) -> dict[str, Any]:
    texts = draw(distinct(2, 5))
    right = draw(st.integers(0, len(texts) - 1))
    custom = draw(st.booleans())
    return {"type": "single_choice", "options": [
        {"text": t, "correct": n == right, "feedback": draw(feedback), **({"id": f"opt-{n}"} if custom else {})}
        for n, t in enumerate(texts)]}


@st.composite
def multiple_response(draw) -> dict[str, Any]:
    texts = draw(distinct(2, 6))
    right = draw(st.lists(st.sampled_from(range(len(texts))), min_size=1, unique=True))
    if draw(st.booleans()):  # Lectern's default marking: right/wrong flags
        return {"type": "multiple_response", "options": [
            {"text": t, "correct": n in right, "feedback": draw(feedback)} for n, t in enumerate(texts)]}
    # Credits on Moodle's list of grades, which its importers (and so Lectern's) require.
    splits = {2: [(10, 90), (20, 80), (25, 75), (30, 70), (40, 60)], 3: [(20, 30, 50), (25, 25, 50)]}
    equal = tuple(100 / len(right) for _ in right)
    shares = draw(st.sampled_from([equal, *splits.get(len(right), [])]))
    positive = dict(zip(right, shares))
    return {"type": "multiple_response", "options": [
        {"text": t, "credit": positive.get(n, -draw(st.sampled_from([0, 10, 50, 100, 33.333]))),
         "feedback": draw(feedback)} for n, t in enumerate(texts)]}


@st.composite
def true_false(draw) -> dict[str, Any]:
    return {"type": "true_false", "answer": draw(st.booleans()),
            "feedback_true": draw(feedback), "feedback_false": draw(feedback)}


def _not_star_only(text: str) -> bool:
    # As the model judges it: punctuation is a space, so "*." is as much a lone star as "*".
    return bool(normalise_answer(text, wildcard=True).strip("* "))


@st.composite
def short_answer(draw) -> dict[str, Any]:
    texts = draw(distinct(1, 4).filter(lambda ts: _not_star_only(ts[0])))
    return {"type": "short_answer", "answers": [
        # An answer of only '*' would accept anything, so Lectern lets it earn nothing.
        {"text": t, "credit": 100 if n == 0 else draw(credits) if _not_star_only(t) else 0,
         "feedback": draw(feedback)} for n, t in enumerate(texts)]}


numbers = st.one_of(st.floats(-1e7, 1e7, allow_nan=False), st.sampled_from([0.0, 1e-5, 0.1, 2.5, 800000.0]))


@st.composite
def numeric(draw) -> dict[str, Any]:
    answers = [{"value": draw(numbers), "tolerance": draw(st.sampled_from([0, 0.5, 2, 1e-3, 1000])),
                "credit": 100 if n == 0 else draw(credits), "feedback": draw(feedback)}
               for n in range(draw(st.integers(1, 3)))]
    unit = draw(st.one_of(st.none(), st.sampled_from(["km", "personnel", "°C"])))
    return {"type": "numeric", "answers": answers, **({"unit": unit} if unit else {})}


@st.composite
def matching(draw) -> dict[str, Any]:
    items = draw(distinct(2, 4))
    matches = draw(distinct(len(items) + 1, len(items) + 3))
    cut = len(items) + draw(st.integers(0, len(matches) - len(items)))
    return {"type": "matching", "pairs": [{"item": i, "match": m} for i, m in zip(items, matches)],
            "distractors": matches[len(items):cut]}


@st.composite
def ordering(draw) -> dict[str, Any]:
    return {"type": "ordering", "items": draw(distinct(3, 6))}


@st.composite
def essay(draw) -> dict[str, Any]:
    return {"type": "essay", "model_answer": draw(text)}


@st.composite
def questions(draw) -> QuestionDefinition:
    body = draw(st.one_of(single_choice(), multiple_response(), true_false(), short_answer(), numeric(),
                          matching(), ordering(), essay()))
    return parse_question({**draw(common), **body}, imported=True)


def normalised(q: QuestionDefinition) -> QuestionDefinition:
    """q as a file can carry it: feedback trimmed, an empty one gone.

    Multiple-response credits that are exactly Lectern's default marking (the right
    options share 100%, each wrong one costs a share) come back as right/wrong flags,
    which mark the same.
    """
    def clean(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: (v.strip() or None if isinstance(v, str) else v) if k.startswith("feedback") else clean(v)
                    for k, v in value.items()}
        return [clean(v) for v in value] if isinstance(value, list) else value
    data = clean(q.to_data())
    if q.type == "multiple_response" and q.options[0].credit is not None:
        share = 100 / sum(o.credit > 0 for o in q.options)
        if all(abs(abs(o.credit) - share) < 1e-9 for o in q.options):
            data["options"] = [{k: v for k, v in o.items() if k != "credit"} for o in data["options"]]
    return parse_question(data, imported=True)


def check_round_trip(q: QuestionDefinition, result: Any) -> None:
    assert result.ok and not result.skipped, (result.problems, result.skipped)
    [imported] = result.definitions()
    expected = normalised(q)
    assert_same_grading(expected, imported)
    assert imported.to_data() == expected.to_data()


def edge(data: dict[str, Any]) -> QuestionDefinition:
    return parse_question({"id": "edge", "prompt": "[html]<b>p</b> {x} ->", **data}, imported=True)


# The cases each writer handles specially, checked every run rather than when drawn.
EDGES = [
    edge({"type": "multiple_response", "options": [{"text": "a", "credit": 100}, {"text": "b", "credit": -100}]}),
    edge({"type": "matching", "pairs": [{"item": "a -> b", "match": "c -> d"}, {"item": "[html]x", "match": "y"}]}),
    edge({"type": "short_answer", "answers": [{"text": "a->b", "feedback": "c -> d"}, {"text": "T", "credit": 0}]}),
    edge({"type": "ordering", "items": ["// not a comment", "two\nlines", "{braces}", "%50% off"]}),
    edge({"type": "single_choice", "explanation": "[plain] why",
          "options": [{"text": "%50% off", "feedback": " #1 "}, {"text": "[html]<i>x</i>", "correct": True}]}),
    edge({"type": "true_false", "answer": False, "feedback_false": "only when right"}),
    edge({"type": "numeric", "answers": [{"value": -1e-05, "tolerance": 0}, {"value": 123456789.125,
                                                                          "tolerance": 0.5, "credit": 50}]}),
    edge({"type": "essay", "model_answer": "::title:: {=}", "explanation": "####"}),
]


def with_edges(test):
    for q in EDGES:
        test = example(q)(test)
    return test


@SETTINGS
@with_edges
@given(questions())
def test_gift_round_trip(q):
    check_round_trip(q, parse_gift(write_gift([q])))


@SETTINGS
@with_edges
@given(questions())
def test_moodle_xml_round_trip(q):
    check_round_trip(q, parse_moodle_xml(write_moodle_xml([q])))


@SETTINGS
@given(st.lists(questions(), min_size=2, max_size=4, unique_by=lambda q: q.id))
def test_several_questions_in_one_gift_file_stay_apart(qs):
    result = parse_gift(write_gift(qs))
    assert [q.id for q in result.definitions()] == [q.id for q in qs]


def test_accepted_warnings_survive_gift_and_moodle_xml():
    from lectern.core.interchange import parse_gift, parse_moodle_xml, write_gift, write_moodle_xml
    from lectern.core.questions import parse_question

    question = parse_question({"id": "cued", "type": "single_choice", "prompt": "Which?", "skill": "locate",
                               "explanation": "Paragraph 1.", "evidence": [{"paragraph": 1, "quote": "met"}],
                               "accept_warnings": ["longest-option", "answer-leak"],
                               "options": [{"text": "A much longer right answer than the others", "correct": True},
                                           {"text": "Short"}]})
    for write, parse in ((write_gift, parse_gift), (write_moodle_xml, parse_moodle_xml)):
        back = parse(write([question])).definitions()[0]
        assert back.accept_warnings == ["longest-option", "answer-leak"]
