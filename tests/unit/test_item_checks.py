"""Item-writing checks: each rule finds a planted fault in a tiny bank and leaves its clean twin alone."""

from __future__ import annotations

import pytest
import yaml

from lectern.core.bank_report import report
from lectern.core.banks import BankInvalid, parse_bank
from lectern.core.item_checks import check_bank
from lectern.core.item_rules import RULES

ARTICLE = """---
title: River treaty
source: Test Gazette
date: 2024-05-01
---
The ministers met in Lisbon on a cold Tuesday. They signed a treaty on river transport.

The treaty sets a limit of 40,000 tonnes of cargo per year. Inspectors will check every barge twice a month.

Critics say the limit could harm small farmers, who depend on cheap transport to reach markets.
"""

EVIDENCE = {1: "They signed a treaty on river transport.", 2: "a limit of 40,000 tonnes of cargo",
            3: "the limit could harm small farmers"}


def choice(qid: str, prompt: str, right: str, *wrong: str, paragraph: int = 3, skill: str = "locate",
           quote: str | None = None, **extra) -> dict:
    options = [{"text": right, "correct": True}] + [{"text": w} for w in wrong]
    return {"id": qid, "type": "single_choice", "prompt": prompt, "options": options, "skill": skill,
            "explanation": "Because the article says so.",
            "evidence": [{"paragraph": paragraph, "quote": quote or EVIDENCE[paragraph]}], **extra}


def short(qid: str, prompt: str, answer: str, paragraph: int = 1, quote: str | None = None, **extra) -> dict:
    return {"id": qid, "type": "short_answer", "prompt": prompt, "answers": [{"text": answer}], "skill": "locate",
            "explanation": "Because the article says so.",
            "evidence": [{"paragraph": paragraph, "quote": quote or EVIDENCE[paragraph]}], **extra}


def bank(*questions: dict, key_terms: list | None = None, quizzes: list | None = None):
    data: dict = {"questions": list(questions)}
    if key_terms:
        data["key_terms"] = key_terms
    if quizzes:
        data["quizzes"] = quizzes
    return parse_bank("tiny", ARTICLE, yaml.safe_dump(data, allow_unicode=True))


def found(*questions: dict, rule: str, **kwargs) -> list[tuple[str, str]]:
    """(question id, message) of each finding of the rule."""
    return [(f.question_id, f.message) for f in check_bank(bank(*questions, **kwargs)) if f.rule == rule]


CITY = short("meeting-city", "In which city did the ministers meet?", "Lisbon")


def test_an_answer_shown_in_another_question_of_the_quiz_is_a_leak():
    leaking = choice("why-there", "Why did the ministers choose Lisbon?", "It is near the river", "It was cheap")
    [(qid, message)] = found(CITY, leaking, rule="answer-leak")
    assert qid == "meeting-city" and "'Lisbon'" in message and "'why-there'" in message


def test_no_leak_when_no_other_question_shows_the_answer_or_no_quiz_asks_both():
    clean = choice("why-there", "Why did the ministers meet?", "To sign a treaty", "To see a film")
    assert found(CITY, clean, rule="answer-leak") == []
    leaking = choice("why-there", "Why did the ministers choose Lisbon?", "It is near the river", "It was cheap",
                     tags=["later"])
    apart = [{"id": "first", "title": "First", "tags": ["none"]}, {"id": "later", "title": "Later", "tags": ["later"]}]
    assert found({**CITY, "tags": ["none"]}, leaking, rule="answer-leak", quizzes=apart) == []


def test_numbers_and_pairs_of_words_leak_but_words_of_the_own_prompt_do_not():
    limit = short("cargo-limit", "How much cargo may cross each year?", "40,000 tonnes", paragraph=2)
    shows = choice("why-limit", "Why is there a limit of 40,000 tonnes?", "To protect the river", "To raise taxes",
                   paragraph=2)
    assert [q for q, _ in found(limit, shows, rule="answer-leak")] == ["cargo-limit"]
    own = short("cargo-limit", "Is the limit 40,000 tonnes or more?", "40,000 tonnes", paragraph=2)
    assert found(own, shows, rule="answer-leak") == []


TERMS = [{"term": "barge", "definition": "A long flat boat that carries cargo on rivers."}]


def test_a_key_term_definition_that_states_the_answer_is_a_leak():
    vocab = choice("barge-meaning", "What is a barge?", "A flat boat carrying cargo on rivers", "A bridge",
                   "A kind of tax", paragraph=2)
    [(qid, message)] = found(vocab, rule="definition-leak", key_terms=TERMS)
    assert qid == "barge-meaning" and "'barge'" in message
    other = choice("barge-meaning", "What will inspectors do?", "Check each barge twice a month", "Nothing",
                   paragraph=2)
    assert found(other, rule="definition-leak", key_terms=TERMS) == []


def test_the_same_fact_tested_twice_is_found_on_the_later_question():
    first = {"id": "limit-number", "type": "numeric", "prompt": "How many tonnes may be carried each year?",
             "answers": [{"value": 40000, "tolerance": 0}], "skill": "locate", "explanation": "Paragraph 2.",
             "evidence": [{"paragraph": 2, "quote": "a limit of 40,000 tonnes"}]}
    again = short("limit-words", "What is the yearly limit?", "40,000 tonnes", paragraph=2,
                  quote="limit of 40,000 tonnes of cargo")
    [(qid, message)] = found(first, again, rule="same-fact")
    assert qid == "limit-words" and "'limit-number'" in message and "paragraph 2" in message
    elsewhere = short("limit-words", "What is the yearly limit?", "40,000 tonnes", paragraph=2,
                      quote="Inspectors will check every barge")
    assert found(first, elsewhere, rule="same-fact") == []


COPIED = "Inspectors will check every barge twice a month"


@pytest.mark.parametrize(("skill", "key", "flagged"), [
    ("understand", COPIED, True),
    ("evaluate", COPIED, True),
    ("locate", COPIED, False),                                   # finding the words is the skill
    ("understand", "Each barge is looked at about every two weeks", False),
    ("understand", f"“{COPIED}”", False),                         # an option that offers a quotation
])
def test_a_key_that_copies_its_evidence_sentence_is_flagged_for_understand_and_evaluate(skill, key, flagged):
    q = choice("inspections", "How often are barges inspected?", key, "Once a year", "Never", paragraph=2,
               skill=skill, quote="check every barge")
    assert bool(found(q, rule="key-copies-evidence")) is flagged


@pytest.mark.parametrize(("rule", "faulty", "clean"), [
    ("longest-option",
     choice("q", "Who may be harmed?", "Small farmers who depend on cheap transport to reach their markets",
            "Ministers", "Inspectors", "Sailors"),
     choice("q", "Who may be harmed?", "Small farmers", "Ministers", "Inspectors", "Sailors")),
    ("absolute-words",
     choice("q", "What do critics say?", "The limit could harm farmers", "The limit always helps farmers",
            "Farmers never use rivers"),
     choice("q", "What do critics say?", "The limit could harm farmers", "The limit helps farmers",
            "Farmers do not use rivers")),
    ("all-none-of-above",
     choice("q", "What do critics say?", "The limit could harm farmers", "The limit helps farmers",
            "None of the above"),
     choice("q", "What do critics say?", "The limit could harm farmers", "The limit helps farmers",
            "Nothing at all")),
    ("a-an-agreement",
     choice("q", "The ministers signed an", "agreement on river transport", "ban on fishing", "tax on cargo",
            paragraph=1),
     choice("q", "The ministers signed a", "treaty on river transport", "ban on fishing", "tax on cargo",
            paragraph=1)),
    ("duplicate-options",
     choice("q", "Where did they meet?", "Lisbon", "Porto", "porto", paragraph=1),
     choice("q", "Where did they meet?", "Lisbon", "Porto", "Madrid", paragraph=1)),
    ("negative-stem",
     choice("q", "Which is not a worry of the critics?", "Cheap flights", "Harm to farmers"),
     choice("q", "Which is NOT a worry of the critics?", "Cheap flights", "Harm to farmers")),
])
def test_each_choice_cue_is_found_and_its_clean_twin_is_not(rule, faulty, clean):
    assert [q for q, _ in found(faulty, rule=rule)] == ["q"]
    assert found(clean, rule=rule) == []


@pytest.mark.parametrize("prompt", [
    "Which is **not** a worry of the critics?",
    "Which is *not* a worry of the critics?",
    "Paragraph 3 says the limit “could not help”. Who is worried?",
])
def test_a_negative_in_bold_italics_or_a_quotation_is_not_flagged(prompt):
    assert found(choice("q", prompt, "Cheap flights", "Harm to farmers"), rule="negative-stem") == []


def test_an_accepted_warning_is_listed_as_accepted_not_open():
    q = choice("q", "Which is not a worry of the critics?", "Cheap flights", "Harm to farmers",
               accept_warnings=["negative-stem"])
    result = report(bank(q))
    [finding] = [f for f in result.warnings if f.rule == "negative-stem"]
    assert finding.accepted
    lines = "\n".join(result.lines())
    assert "accepted [negative-stem] question 'q'" in lines
    assert "0 open, 1 accepted" in lines


def test_an_accept_no_longer_needed_is_noted_and_an_unknown_name_is_refused():
    q = choice("q", "Which is NOT a worry of the critics?", "Cheap flights", "Harm to farmers",
               accept_warnings=["negative-stem"])
    assert report(bank(q)).stale_accepts == (
        "question 'q' accepts 'negative-stem', but that warning no longer occurs; remove it from accept_warnings",)
    with pytest.raises(BankInvalid, match="'negative-stems' is not the name of a warning"):
        bank({**q, "accept_warnings": ["negative-stems"]})


def test_every_rule_has_a_plain_description():
    assert all(rule == rule.lower() and description for rule, description in RULES.items())


def test_a_finding_names_the_file_and_line_of_its_question_and_both_sides_of_a_leak():
    data = {"questions": [CITY, choice("where-signed", "Where was the treaty signed, Lisbon or Porto?",
                                       "Lisbon", "Porto", paragraph=1)]}
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    tiny = parse_bank("tiny", ARTICLE, text, questions_name="quizzes/tiny/questions.yaml")
    leak = next(f for f in check_bank(tiny) if f.rule == "answer-leak" and f.question_id == "meeting-city")
    line = 1 + text.splitlines().index("- id: meeting-city")
    assert str(leak).startswith(f"quizzes/tiny/questions.yaml:{line}: warning [answer-leak] question 'meeting-city'")
    # The editor of either question hears of it: the one whose answer leaks, and the one that shows it.
    assert leak.concerns("meeting-city") and leak.concerns("where-signed") and not leak.concerns("other")
