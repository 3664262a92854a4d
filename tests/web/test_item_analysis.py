"""The item analysis page and CSV: a summary in plain words first, figures equal to
lectern.core.stats on the same matrix, flags only from 10 answers (with a one-click edit link),
who chose each option, numbers as the students saw them, degenerate cases, and ownership."""

from __future__ import annotations

import csv
import io
import random
import re
from html import unescape

import pytest
from sqlalchemy import select

from lectern.core.distractors import ChoiceResponse, distractor_table
from lectern.core.stats import AttemptScores, question_stats, quiz_stats
from lectern.extensions import db
from lectern.models import (
    Assignment,
    Attempt,
    Classroom,
    Enrollment,
    Question,
    Quiz,
    Student,
    Teacher,
)
from lectern.services import attempts as attempt_service
from lectern.services import item_analysis as analysis_service
from lectern.services import question_editing
from lectern.services.question_versions import definition_of
from tests.web.teachers import make_teacher, sign_in

KEYS = ["meeting-city", "who-met", "us-combat-troops", "treaty-article", "army-size",
        "who-does-what", "article-order", "sources"]

# Six students' answers (stored form) and the fractions they earn, strongest first.
# meeting-city: everyone right, so "too easy". us-combat-troops: the top third (s1, s2) pick
# the wrong "True", the bottom third leaves it blank: "a wrong option attracts the strongest".
# Matching and ordering are left blank by all ("too hard"); nobody writes the essay (0).
ANSWERS = {
    "s1": {"meeting-city": "b", "who-met": ["a", "b"], "us-combat-troops": True, "treaty-article": "Article 5",
           "army-size": "800000"},
    "s2": {"meeting-city": "b", "who-met": ["a", "b"], "us-combat-troops": True, "treaty-article": "Article 5",
           "army-size": "1"},
    "s3": {"meeting-city": "b", "who-met": ["a"], "us-combat-troops": False},
    "s4": {"meeting-city": "b", "us-combat-troops": False},
    "s5": {"meeting-city": "b", "who-met": ["a"]},
    "s6": {"meeting-city": "b"},
}
FRACTIONS = {
    "s1": {"meeting-city": 1, "who-met": 1, "treaty-article": 1, "army-size": 1},
    "s2": {"meeting-city": 1, "who-met": 1, "treaty-article": 1},
    "s3": {"meeting-city": 1, "who-met": 0.5, "us-combat-troops": 1},
    "s4": {"meeting-city": 1, "us-combat-troops": 1},
    "s5": {"meeting-city": 1, "who-met": 0.5},
    "s6": {"meeting-city": 1},
}


def take(quiz: Quiz, student: Student, assignment: Assignment, answers: dict, seed: int = 0) -> Attempt:
    """Start and submit an attempt of the quiz for the assignment with answers by question key."""
    attempt = attempt_service.start_attempt(quiz, student, random.Random(seed), assignment)
    db.session.flush()
    by_position = {r.position: answers.get(r.question_version.question.key) for r in attempt.responses}
    attempt_service.submit_attempt(attempt, by_position)
    return attempt


@pytest.fixture
def assigned(app, mini_bank, teacher):
    """The teacher's class with the mini bank's full quiz assigned; returns the URL ids."""
    with app.app_context():
        quiz = db.session.scalar(select(Quiz).where(Quiz.key == "full"))
        classroom = Classroom(teacher_id=teacher, name="7B", join_code="ABCDEF")
        assignment = Assignment(classroom=classroom, quiz=quiz)
        db.session.add_all([classroom, assignment])
        db.session.commit()
        return {"classroom_id": classroom.id, "assignment_id": assignment.id}


def enrol(app, ids: dict, answers: dict[str, dict], seeds: dict[str, int] | None = None) -> None:
    """Put each named student on the roster and have them submit one attempt with these answers
    (question order drawn with the student's seed, when the quiz shuffles)."""
    with app.app_context():
        assignment = db.session.get(Assignment, ids["assignment_id"])
        for name, given in answers.items():
            student = Student(token=f"token-{name}", display_name=name)
            db.session.add(Enrollment(classroom=assignment.classroom, student=student, display_name=name))
            take(assignment.quiz, student, assignment, given, (seeds or {}).get(name, 0))


def page_url(ids: dict, csv_file: bool = False) -> str:
    return (f"/teacher/classes/{ids['classroom_id']}/assignments/{ids['assignment_id']}/analysis"
            + (".csv" if csv_file else ""))


def text_of(html: str) -> str:
    """The page's words, tags removed and whitespace folded, as a reader sees them."""
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def card(html: str, number: int) -> str:
    """The words of question `number`'s card."""
    match = re.search(rf'<article class="question-card[^"]*" id="question-{number}".*?</article>', html, re.DOTALL)
    assert match, f"no card for question {number}"
    return text_of(match.group(0))


def option_table(html: str, number: int) -> str:
    """The words of the 'who chose each option' table of question `number`."""
    match = re.search(rf'id="question-{number}".*?(<table class="options.*?</table>)', html, re.DOTALL)
    assert match, f"no option table for question {number}"
    return text_of(match.group(1))


def section(html: str, section_id: str) -> str:
    match = re.search(rf'<section id="{section_id}".*?</section>', html, re.DOTALL)
    assert match, f"no section {section_id}"
    return match.group(0)


def expected_scores() -> list[AttemptScores]:
    """The matrix worked out from FRACTIONS, without the database: each question is out of 1."""
    return [AttemptScores(f"{i:012d}", {k: float(FRACTIONS[name].get(k, 0)) for k in KEYS}, dict.fromkeys(KEYS, 1.0))
            for i, name in enumerate(FRACTIONS, start=1)]


@pytest.fixture
def six(app, assigned):
    enrol(app, assigned, ANSWERS)
    return assigned


@pytest.fixture
def twelve(app, assigned):
    """Twelve students: each of the six answer patterns twice, enough answers to judge."""
    enrol(app, assigned, {**ANSWERS, **{f"t{name[1:]}": given for name, given in ANSWERS.items()}})
    return assigned


def test_the_database_graded_the_matrix_as_expected(app, six):
    with app.app_context():
        got = {a.display_name: {r.question_version.question.key: r.fraction for r in a.responses if r.fraction}
               for a in db.session.scalars(select(Attempt))}
    assert got == {name: {k: pytest.approx(v) for k, v in row.items()} for name, row in FRACTIONS.items()}


def test_the_service_figures_equal_the_core_on_the_same_matrix(app, six):
    scores = expected_scores()
    with app.app_context():
        analysis = analysis_service.build_item_analysis(db.session.get(Assignment, six["assignment_id"]))
        guesses = {q.key: q.stats.random_guess for q in analysis.questions}
    assert [q.key for q in analysis.questions] == KEYS  # bank order
    assert analysis.quiz == quiz_stats(scores)
    assert [q.stats for q in analysis.questions] == question_stats(scores, KEYS, guesses)
    assert guesses["meeting-city"] == pytest.approx(1 / 3) and guesses["who-met"] is None
    assert (analysis.submitted, analysis.analysed, analysis.ungraded) == (6, 6, 0)


def test_the_page_shows_the_quiz_and_question_figures(teacher_client, six):
    reply = teacher_client.get(page_url(six))
    assert reply.status_code == 200
    scores = expected_scores()
    quiz = quiz_stats(scores)
    figures = text_of(section(reply.text, "quiz-figures"))
    for label, value in [("Mean score", f"{quiz.mean:.1f}%"), ("Median score", f"{quiz.median:.1f}%"),
                         ("Standard deviation", f"{quiz.sd:.1f} points"), ("Skewness", f"{quiz.skewness:.2f}"),
                         ("Kurtosis (excess)", f"{quiz.kurtosis:.2f}"),
                         ("Coefficient of internal consistency (Cronbach's alpha)", f"{quiz.cic:.1f}%"),
                         ("Error ratio", f"{quiz.error_ratio:.1f}%"), ("Standard error", f"{quiz.standard_error:.1f} points")]:
        assert f"{label} {value}" in figures
    rows = section(reply.text, "questions")
    for number, s in enumerate(question_stats(scores, KEYS), start=1):
        row = card(rows, number)
        assert f"Facility index {100 * s.facility:.1f}%" in row and f"Standard deviation {100 * s.sd:.1f}%" in row
        if s.discrimination is not None:
            assert f"Discrimination index {s.discrimination:.1f}%" in row
            assert f"Discriminative efficiency {s.discriminative_efficiency:.1f}%" in row
    assert "Random guess score not estimated" in card(rows, 2)  # multiple response has no random-guess score
    # Moodle's figures are there, folded: the card opens with the question and how it went.
    assert re.search(r'<details class="advanced">\s*<summary>Advanced statistics', rows)
    assert '<details class="folded">' in section(reply.text, "quiz-figures")


def test_the_summary_speaks_of_students_first(teacher_client, six):
    html = teacher_client.get(page_url(six)).text
    assert html.index('id="summary"') < html.index('id="questions"') < html.index('id="quiz-figures"')
    words = text_of(section(html, "summary"))
    mean = quiz_stats(expected_scores()).mean
    assert f"Based on 6 students' first attempts. The class's mean score is {mean:.0f}%." in words
    # Matching, ordering and the essay: nobody earned a mark.
    assert "Most missed Question 6 (“" in words and ": 6 of 6 students got it wrong." in words
    assert "All 8 questions need 10 answers to be judged" in words and "each has 6 answers" in words
    assert "The question needs" not in words


def test_six_answers_are_too_few_to_judge(teacher_client, six):
    html = teacher_client.get(page_url(six)).text
    for number in range(1, len(KEYS) + 1):
        assert "Too few answers to judge (6 of the 10 needed)" in card(html, number)
    # Before, two answers were enough for "Too easy" and "Does not discriminate: -100%".
    assert "Too easy" not in html and "Does not discriminate" not in html and "attracts the strongest" not in html
    assert "Flagged questions" not in section(html, "summary")


def test_with_twelve_answers_flags_show_with_why_and_a_link_to_the_editor(teacher_client, twelve):
    html = teacher_client.get(page_url(twelve)).text
    flagged = section(html, "summary")
    words = text_of(flagged)
    assert "Flagged questions Question 1 (“In which city were the agreements finalized?”)" in words
    assert "Too easy: students earned 100% of the marks" in words
    assert "Too hard" in words  # matching and ordering: nobody answered them
    assert "A wrong option attracts the strongest students: 'True' was chosen by 4 of the top 4" in words
    assert 'href="#question-1"' in flagged and 'href="#question-3"' in flagged
    assert 'href="#question-4"' not in flagged  # treaty-article discriminates, facility 33%
    city = card(html, 1)
    assert "12 of 12 right" in city and "Too easy" in city and "Too few answers" not in city
    assert 'href="/teacher/banks/mini/questions/meeting-city/edit"' in html
    # One click: the link opens the editor.
    assert teacher_client.get("/teacher/banks/mini/questions/meeting-city/edit").status_code == 200


def test_who_chose_each_option_comes_first_with_names(teacher_client, six):
    html = teacher_client.get(page_url(six)).text
    tables = re.findall(r'id="question-(\d+)"[^>]*>(?:(?!</article>).)*<table class="options', html, re.DOTALL)
    assert tables == ["1", "2", "3"]  # single choice, multiple response, true/false
    city = card(html, 1)
    assert city.index("6 of 6 right") < city.index("Berlin") < city.index("Too few answers") < city.index("Advanced")
    assert "Right Berlin 6 (100%) s1, s2, s3, s4, s5, s6" in option_table(html, 1)
    assert "Kyiv 0 (0%) –" in option_table(html, 1)
    tf = option_table(html, 3)
    assert "True 2 (33%) s1, s2" in tf
    assert "Right False 2 (33%) s3, s4" in tf
    assert "No answer 2 (33%) s5, s6" in tf
    assert "2 of 6 right" in card(html, 3)
    assert "2 of 6 right, 2 partly" in card(html, 2)  # who-met: s3 and s5 chose one of the two
    # The thirds, as the core counts them, are in the advanced figures.
    totals = {name: sum(row.values()) for name, row in FRACTIONS.items()}
    table = distractor_table("tf", [ChoiceResponse(n, totals[n], {str(a["us-combat-troops"]).lower()}
                                                   if "us-combat-troops" in a else set())
                                    for n, a in ANSWERS.items()], ["true", "false"])
    assert (table.option("true").top_count, table.option("true").bottom_count) == (2, 0)
    assert "True: top third / bottom third (2 each) 2 (100%) / 0 (0%)" in card(html, 3)


def test_names_are_left_out_for_a_big_class(app, teacher_client, assigned, monkeypatch):
    monkeypatch.setattr(analysis_service, "NAMES_UP_TO", 5)
    enrol(app, assigned, ANSWERS)
    tf = option_table(teacher_client.get(page_url(assigned)).text, 3)
    assert "Option Chose it True 2 (33%) Right False" in tf and "s1" not in tf


def test_every_chart_has_a_text_alternative_and_its_data_as_a_table(teacher_client, six):
    html = section(teacher_client.get(page_url(six)).text, "pictures")
    svgs = re.findall(r"<svg.*?</svg>", html, re.DOTALL)
    assert len(svgs) == 3
    for svg in svgs:
        assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    assert html.count("<figure") == 3 and html.count("<table") == 3
    assert svgs[0].count('class="bar"') == 10                       # histogram bins
    assert svgs[1].count('class="point"') == 4                      # questions with a discrimination
    assert svgs[2].count('class="bar"') == 3                        # locate, understand, evaluate
    assert "Attempts per score range" in html and "40–50" in html


def test_each_student_has_results_by_skill(teacher_client, six):
    words = text_of(section(teacher_client.get(page_url(six)).text, "students"))
    # s1: locate (meeting-city, who-met, army-size) 3/3; understand (tf, treaty, matching) 1/3; evaluate 0/2.
    assert "Student Overall Locate Understand Evaluate" in words
    assert "s1 50% 100% 33% 0%" in words
    assert "s6 13% 33% 0% 0%" in words  # 12.5% rounds half up


def test_the_csv_has_one_row_per_question_with_every_figure_and_flag(teacher_client, six):
    reply = teacher_client.get(page_url(six, csv_file=True))
    assert reply.status_code == 200 and reply.mimetype == "text/csv"
    assert "attachment" in reply.headers["Content-Disposition"]
    body = reply.data.decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(body[1:])))
    assert list(rows[0]) == analysis_service.CSV_COLUMNS
    assert [r["question"] for r in rows] == KEYS
    stats = question_stats(expected_scores(), KEYS)
    assert float(rows[0]["facility %"]) == 100 and float(rows[0]["random guess %"]) == 33.33
    assert rows[0]["flags"] == ""  # six answers: too few to judge, and the notes say so
    assert float(rows[2]["discrimination index %"]) == round(stats[2].discrimination, 2) < 0  # negative, yet a number: not neutralised
    assert float(rows[3]["discrimination index %"]) == round(stats[3].discrimination, 2)
    assert rows[1]["random guess %"] == ""  # not estimated for multiple response
    assert rows[0]["notes"] == ("Every attempt scored the same on this question, so it cannot discriminate "
                                "Too few answers to judge (6 of the 10 needed)")


def test_the_csv_has_the_flags_once_there_are_enough_answers(teacher_client, twelve):
    body = teacher_client.get(page_url(twelve, csv_file=True)).data.decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(body[1:])))
    assert rows[0]["flags"].startswith("Too easy") and "Too few" not in rows[0]["notes"]


def test_csv_text_that_looks_like_a_formula_is_neutralised(app, teacher_client, assigned):
    with app.app_context():
        question = db.session.scalar(select(Question).where(Question.key == "meeting-city"))
        changed = definition_of(question.versions[-1]).model_copy(update={"prompt": "=HYPERLINK(\"x\")"})
        question_editing.revise_question(question, changed, db.session.scalar(select(Teacher)))
        db.session.commit()
    enrol(app, assigned, {"s1": ANSWERS["s1"], "s2": ANSWERS["s2"]})
    body = teacher_client.get(page_url(assigned, csv_file=True)).data.decode("utf-8")
    assert next(csv.DictReader(io.StringIO(body[1:])))["prompt"] == "'=HYPERLINK(\"x\")"


def test_one_attempt_says_not_enough_data(app, teacher_client, assigned):
    enrol(app, assigned, {"s1": ANSWERS["s1"]})
    reply = teacher_client.get(page_url(assigned))
    assert reply.status_code == 200
    words = text_of(reply.text)
    assert "Standard deviation not enough data" in words and "Needs at least 2 attempts" in words
    assert "Too few answers to judge (1 of the 10 needed)" in words
    assert "Based on 1 student's first attempt." in words
    assert teacher_client.get(page_url(assigned, csv_file=True)).status_code == 200


def test_no_attempts_at_all_is_a_page_too(teacher_client, assigned):
    reply = teacher_client.get(page_url(assigned))
    assert reply.status_code == 200
    assert "No attempts yet" in reply.text and "No data yet" in reply.text
    assert "No student has submitted an attempt yet, so there is nothing to analyse." in text_of(reply.text)


def test_a_negative_alpha_says_what_it_means_and_shows_no_error_ratio_above_100(app, teacher_client, assigned):
    # Who gets the city right gets the true/false wrong, and the reverse: the questions disagree.
    enrol(app, assigned, {"s1": {"meeting-city": "b", "us-combat-troops": True},
                          "s2": {"meeting-city": "a", "us-combat-troops": False},
                          "s3": {"meeting-city": "b", "us-combat-troops": True},
                          "s4": {}})
    with app.app_context():
        quiz = analysis_service.build_item_analysis(db.session.get(Assignment, assigned["assignment_id"])).quiz
    assert quiz.cic < 0 and quiz.error_ratio > 100  # the core's figures, as Moodle has them
    figures = text_of(section(teacher_client.get(page_url(assigned)).text, "quiz-figures"))
    assert f"(Cronbach's alpha) {quiz.cic:.1f}%" in figures
    assert "Error ratio not meaningful" in figures and "Standard error not meaningful" in figures
    assert "Cronbach's alpha is negative: the questions do not agree with each other" in figures
    assert "reliability cannot be estimated" in figures
    shown = [float(p) for p in re.findall(r"(-?\d+(?:\.\d+)?)%", figures)]
    assert shown and max(shown) <= 100 and f"{quiz.error_ratio:.1f}" not in figures


def test_only_first_attempts_count_and_essays_wait_for_grading(app, teacher_client, six):
    with app.app_context():
        assignment = db.session.get(Assignment, six["assignment_id"])
        s6 = db.session.scalar(select(Student).where(Student.display_name == "s6"))
        take(assignment.quiz, s6, assignment, {**ANSWERS["s1"], "sources": "Unnamed sources."})
        analysis = analysis_service.build_item_analysis(assignment)
    assert (analysis.submitted, analysis.analysed, analysis.ungraded) == (7, 6, 0)
    assert analysis.quiz == quiz_stats(expected_scores())  # s6's second attempt changes nothing
    assert "Each student's first submitted attempt is analysed" in text_of(teacher_client.get(page_url(six)).text)


def test_an_ungraded_essay_is_left_out_with_a_note(app, teacher_client, assigned):
    enrol(app, assigned, {"s1": {**ANSWERS["s1"], "sources": "Unnamed sources."}, "s2": ANSWERS["s2"]})
    words = text_of(teacher_client.get(page_url(assigned)).text)
    assert "1 response is waiting for your grade" in words


def test_questions_answered_in_several_versions_are_one_row_with_a_note(app, teacher_client, assigned):
    enrol(app, assigned, {"s1": ANSWERS["s1"]})
    with app.app_context():
        question = db.session.scalar(select(Question).where(Question.key == "meeting-city"))
        changed = definition_of(question.versions[-1]).model_copy(update={"prompt": "Where did they meet?"})
        question_editing.revise_question(question, changed, db.session.scalar(select(Teacher)))
        db.session.commit()
    enrol(app, assigned, {"s2": ANSWERS["s2"]})
    words = text_of(teacher_client.get(page_url(assigned)).text)
    assert "question 1: versions 1, 2" in words
    assert "Where did they meet?" in words  # the latest version's prompt


def test_another_teacher_gets_404(app, six):
    make_teacher(app, "other@school.org")
    other = app.test_client()
    assert sign_in(other, "other@school.org").status_code == 302
    assert other.get(page_url(six)).status_code == 404
    assert other.get(page_url(six, csv_file=True)).status_code == 404


def test_an_assignment_of_another_class_is_404(app, teacher_client, six, teacher):
    with app.app_context():
        mine = Classroom(teacher_id=teacher, name="8C", join_code="GHJKLM")
        db.session.add(mine)
        db.session.commit()
        wrong = {"classroom_id": mine.id, "assignment_id": six["assignment_id"]}
    assert teacher_client.get(page_url(wrong)).status_code == 404


def shuffle_questions(app) -> None:
    with app.app_context():
        db.session.scalar(select(Quiz).where(Quiz.key == "full")).shuffle_questions = True
        db.session.commit()


def positions_seen(app) -> dict[str, set[int]]:
    """Where each question appeared in the attempts, by key."""
    with app.app_context():
        seen: dict[str, set[int]] = {}
        for attempt in db.session.scalars(select(Attempt)):
            for r in attempt.responses:
                seen.setdefault(r.question_version.question.key, set()).add(r.position)
        return seen


def test_questions_are_numbered_as_the_students_saw_them(app, teacher_client, assigned):
    shuffle_questions(app)
    enrol(app, assigned, {"s1": ANSWERS["s1"], "s2": ANSWERS["s2"]}, seeds={"s1": 1, "s2": 1})  # one order
    seen = positions_seen(app)
    assert all(len(p) == 1 for p in seen.values()) and seen["meeting-city"] != {1}  # shuffled, the same for both
    html = teacher_client.get(page_url(assigned)).text
    city = next(iter(seen["meeting-city"]))
    assert "In which city were the agreements finalized?" in card(html, city)
    numbers = [int(n) for n in re.findall(r'<article class="question-card[^"]*" id="question-(\d+)"', html)]
    assert numbers == list(range(1, len(KEYS) + 1))  # in the order they were asked
    assert "different orders" not in html


def test_shuffled_orders_are_numbered_by_the_quiz_and_say_so_once(app, teacher_client, assigned):
    shuffle_questions(app)
    enrol(app, assigned, {"s1": ANSWERS["s1"], "s2": ANSWERS["s2"]}, seeds={"s1": 1, "s2": 4})
    assert any(len(p) > 1 for p in positions_seen(app).values())
    html = teacher_client.get(page_url(assigned)).text
    assert text_of(html).count("Students saw these questions in different orders; numbers here follow the quiz.") == 1
    assert "In which city were the agreements finalized?" in card(html, 1)  # first in the quiz
    rows = list(csv.DictReader(io.StringIO(
        teacher_client.get(page_url(assigned, csv_file=True)).data.decode("utf-8")[1:])))
    assert [(r["number"], r["question"]) for r in rows] == [(str(n), k) for n, k in enumerate(KEYS, start=1)]
