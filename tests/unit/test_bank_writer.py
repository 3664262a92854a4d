"""Writing a bank back to text: what parse_bank reads from the output equals what was written."""

from __future__ import annotations

import pytest

from lectern.core.article import Article
from lectern.core.bank_writer import article_text, bank_texts, question_data, questions_text
from lectern.core.banks import ARTICLE_FILE, QUESTIONS_FILE, Bank, parse_bank, read_bank
from lectern.core.key_terms import KeyTerm
from lectern.core.questions import parse_question
from lectern.core.quizzes import QuizSpec
from tests.conftest import MINI_BANK, REPO

AWKWARD = [
    "key: value", "ends with a colon:", "# not a comment", "- not a list item", "? not a key",
    "'single quoted'", '"double quoted"', "it's “curly” — dashes – and ‘quotes’", "Ünïcødé ✓ 日本語 😀",
    "{braces}", "[brackets]", "a ~ b = c", "~", "yes", "No", "null", "NULL", "true", "off",
    "5", "0.5", "1e3", "0x1F", "2025-01-31", "12:30", "@at", "`tick`", "*star", "&anchor", "!tag", "%percent",
    "|pipe", ">fold", "back\\slash", "tab\there", "trailing space ",
]
MULTILINE = [
    "first line\nsecond line", "two\n\nparagraphs", " leading space\nthen more", "ends with newline\n",
    "trailing spaces  \nnext", "\nstarts with a newline", "- item\n- item", "key: value\n# hash",
]


def _assert_round_trip(bank: Bank) -> Bank:
    texts = bank_texts(bank)
    back = parse_bank(bank.slug, texts[ARTICLE_FILE], texts[QUESTIONS_FILE])
    assert back.article == bank.article
    assert [q.to_data() for q in back.questions] == [q.to_data() for q in bank.questions]
    assert back.quizzes == bank.quizzes
    assert back.key_terms == bank.key_terms
    assert back == bank
    return back


@pytest.mark.parametrize("folder", [REPO / "quizzes" / "berlin-security-agreements", MINI_BANK], ids=["berlin", "mini"])
def test_a_real_bank_reads_back_equal(folder):
    _assert_round_trip(read_bank(folder))


def test_writing_is_stable():
    bank = read_bank(MINI_BANK)
    texts = bank_texts(bank)
    again = parse_bank(bank.slug, texts[ARTICLE_FILE], texts[QUESTIONS_FILE])
    assert bank_texts(again) == texts


def _awkward_bank(strings: list[str]) -> Bank:
    paragraphs = ("Plain first paragraph about Berlin.", "---", "# heading: like ~ text", "- dash {x} = 5",
                  "The deal is null and void, said “yes” — 5 times.")
    article = Article(title="A title: with # and “quotes”", source="'Source' — yes", date="2025-01-31",
                      paragraphs=paragraphs, url="https://example.org/a?b=1&c=%20#frag")
    questions = [parse_question({
        "id": f"q{n}", "type": "short_answer", "prompt": f"Prompt {text}", "tags": ["5", text.strip() or "x"],
        "answers": [{"text": text.strip() or "x", "feedback": text}, {"text": "other", "credit": 0, "feedback": text}],
        "explanation": f"Because {text}", "evidence": [{"paragraph": 5, "quote": "null and void"}],
    }) for n, text in enumerate(strings, start=1)]
    questions.append(parse_question({
        "id": "numbers", "type": "numeric", "prompt": "How many?", "unit": "5",
        "answers": [{"value": v, "tolerance": t, "feedback": str(v)}
                    for v, t in [(0.1, 0.05), (-3, 0), (1e-7, 0), (123456789012.0, 1.5), (1e20, 0)]],
        "explanation": "5 times.", "evidence": [{"paragraph": 5, "quote": "5 times"}],
    }))
    quizzes = (QuizSpec(id="yes", title="yes", description="#1: the best {quiz}", tags=["5"]),
               QuizSpec(id="null", title="null", skills=None, draw=2))
    terms = (KeyTerm(term="null", definition="Of no legal force: 5 ~ yes", matches=["NULL", "void"]),)
    return Bank("awkward", article, tuple(questions), quizzes, terms)


def test_awkward_single_line_text_reads_back_equal():
    _assert_round_trip(_awkward_bank(AWKWARD))


def test_multi_line_text_reads_back_equal_and_is_written_as_a_block():
    _assert_round_trip(_awkward_bank(MULTILINE))
    assert "feedback: |" in questions_text(_awkward_bank(["first line\nsecond line"]))


def test_a_multi_line_essay_model_answer_reads_back_equal():
    bank = read_bank(MINI_BANK)
    essay = next(q for q in bank.questions if q.type == "essay")
    changed = parse_question(essay.to_data() | {"model_answer": "One:\n\n  - indented\n“Two” # three"})
    _assert_round_trip(Bank(bank.slug, bank.article, (changed,), (QuizSpec(id="full", title="All"),)))


def test_an_unknown_date_and_no_url_are_written_as_the_readme_shows():
    text = article_text(Article("T", "S", None, ("One.", "Two.")))
    assert text == "---\ntitle: T\nsource: S\ndate: unknown\n---\n\nOne.\n\nTwo.\n"


def test_a_known_date_is_written_bare_and_still_read_as_text():
    text = article_text(Article("A title", "A source", "2025-01-31", ("One.",), url="https://example.org/x"))
    assert '\ntitle: "A title"\n' in text and "\ndate: 2025-01-31\n" in text
    assert "\nurl: https://example.org/x\n" in text


def test_keys_come_in_reading_order_and_whole_numbers_are_written_whole():
    question = read_bank(MINI_BANK).question("meeting-city")
    data = question_data(question)
    keys = list(data)
    assert keys[:2] == ["id", "type"] and keys[-2:] == ["explanation", "evidence"]
    assert keys.index("prompt") < keys.index("options")
    text = questions_text(Bank("x", Article("T", "S", None, ("Berlin",)), (question,), ()))
    assert "credit: 0.0" not in text and "points: 1.0" not in text


def test_option_ids_are_left_out_only_when_the_type_would_give_the_same():
    base = {"id": "q", "type": "single_choice", "prompt": "P", "explanation": "E",
            "evidence": [{"paragraph": 1, "quote": "Berlin"}]}
    implied = parse_question(base | {"options": [{"text": "A", "correct": True}, {"text": "B"}]})
    assert all("id" not in o for o in question_data(implied)["options"])
    chosen = parse_question(base | {"options": [{"id": "b", "text": "A", "correct": True}, {"id": "a", "text": "B"}]})
    assert [o["id"] for o in question_data(chosen)["options"]] == ["b", "a"]
    bank = Bank("x", Article("T", "S", None, ("Berlin",)), (implied,), (QuizSpec(id="full", title="F"),))
    _assert_round_trip(bank)
    _assert_round_trip(Bank("x", bank.article, (chosen,), bank.quizzes))


def test_a_title_with_a_line_break_cannot_break_out_of_the_header_comment():
    bank = Bank("x", Article("Line one\nquestions: []", "S", None, ("Berlin",)), (), ())
    text = questions_text(bank)
    assert text.splitlines()[0] == '# Question bank for "Line one questions: []".'
    assert [line for line in text.splitlines() if not line.startswith("#") and line] == ["questions: []"]


def test_a_bank_without_key_terms_or_quizzes_leaves_those_sections_out():
    bank = read_bank(MINI_BANK)
    text = questions_text(Bank(bank.slug, bank.article, bank.questions, ()))
    assert "key_terms:" not in text and "quizzes:" not in text and "\nquestions:\n" in text
