"""The pure pieces behind the question editor: ids from prompts, stable option ids, rules on partial
data, and review answers that keep their parts."""

from __future__ import annotations

import csv
import io

import pytest

from lectern.core.questions import question_class
from lectern.core.questions.choices import assign_option_ids
from lectern.core.questions.naming import id_from_prompt
from tests.unit.helpers import question


@pytest.mark.parametrize("prompt, taken, expected", [
    ("Who signed the agreement?", set(), "who-signed-the-agreement"),
    ("Who signed the agreement?", {"who-signed-the-agreement"}, "who-signed-the-agreement-2"),
    ("Who signed the agreement?", {"who-signed-the-agreement", "who-signed-the-agreement-2"},
     "who-signed-the-agreement-3"),
    ("What does **Macron** say — in ¶3 — about the *coalition of the willing*?", set(),
     "what-does-macron-say-in-3"),
    ("Où se réunissent-ils ?", set(), "ou-se-reunissent-ils"),
    ("?!", set(), "question"),
    ("Antidisestablishmentarianism" * 5, set(), ("antidisestablishmentarianism" * 5)[:60]),
])
def test_an_id_is_a_short_slug_of_the_prompts_first_words(prompt, taken, expected):
    made = id_from_prompt(prompt, taken)
    assert made == expected and len(made) <= 60
    question("essay", made, model_answer="x")  # always a valid question id


def test_options_keep_their_ids_and_new_ones_never_reuse_a_removed_id():
    # Was a, b, c, d; b was removed in an earlier version and is gone now; c moved first; two are new.
    assert assign_option_ids(["c", None, "a", "d", None], current=["a", "c", "d"], ever_used="abcd") == [
        "c", "e", "a", "d", "f"]
    assert assign_option_ids([None, None, None], current=[], ever_used=[]) == ["a", "b", "c"]
    # A posted id the question does not have now (tampered, or a removed one) is replaced, as is a repeat.
    assert assign_option_ids(["b", "a", "a"], current=["a"], ever_used=["a", "b"]) == ["c", "a", "d"]
    assert assign_option_ids([None] * 28, current=[], ever_used=[])[25:] == ["z", "o27", "o28"]


def test_whole_question_rules_are_all_found_even_while_fields_are_invalid():
    data = {"options": [{"id": "a", "text": "Kyiv"}, {"id": "b", "text": ""}, {"id": "c", "text": "Kyiv"}]}
    kinds = [p.type for p in question_class("single_choice").rule_problems(data)]
    assert kinds == ["duplicate", "one_right"]
    credits = {"options": [{"id": "a", "text": "A", "credit": 60.0}, {"id": "b", "text": "B", "credit": "lots"}]}
    assert [p.type for p in question_class("multiple_response").rule_problems(credits)] == []  # the number speaks
    assert [p.type for p in question_class("multiple_response").rule_problems(
        {"options": [{"text": "A", "credit": 60.0, "correct": False}, {"text": "B", "credit": 0.0}]})] == [
        "credit_contradicts", "credits_total"]


def test_the_bank_loader_still_says_what_it_said():
    with pytest.raises(Exception, match=r"needs exactly one option with correct: true \(found 2\)"):
        question("single_choice", options=[{"text": "A", "correct": True}, {"text": "B", "correct": True}])
    with pytest.raises(Exception, match="option text 'A' is used twice"):
        question("multiple_response", options=[{"text": "A", "correct": True}, {"text": "A"}])


def test_answers_of_several_parts_keep_them_and_still_read_as_one_text():
    q = question("multiple_response", options=[{"text": "Americans", "correct": True},
                                               {"text": "Europeans", "correct": True}, {"text": "Russians"}])
    answer = q.describe_response(["a", "c"])
    assert answer == "Americans; Russians" and answer.parts == ("Americans", "Russians")
    assert q.right_answer().parts == ("Americans", "Europeans")
    out = io.StringIO()
    csv.writer(out).writerow([answer])
    assert out.getvalue().strip() == "Americans; Russians"  # exports see plain text
    assert not hasattr(question("true_false", answer=True).describe_response(True), "parts")
