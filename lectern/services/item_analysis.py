"""Item analysis of one assignment: where the database meets lectern.core.stats and distractors.

Which attempts: each student's FIRST submitted attempt for the assignment. Later attempts
come after the student saw the review, so they measure memory of the answers rather than the
question; one attempt per student also keeps the attempts independent, as the formulas assume.
Responses still waiting for a teacher's grade (essays) are left out until they are graded.

Questions are grouped by their stable key: an edited question answered in several versions is
one row, and its random-guess score, prompt, skill and options come from its latest version.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from sqlalchemy import Text, cast, func, select
from sqlalchemy.orm import joinedload

from lectern.core.charts import histogram_bins
from lectern.core.csv_safety import csv_text
from lectern.core.distractors import (
    ChoiceResponse,
    DistractorTable,
    OptionCount,
    distractor_table,
    flags,
)
from lectern.core.questions.base import SKILLS, QuestionDefinition
from lectern.core.questions.multiple_response import MultipleResponse
from lectern.core.questions.single_choice import SingleChoice
from lectern.core.questions.true_false import TrueFalse
from lectern.core.stats import (
    AttemptScores,
    QuestionStats,
    QuizStats,
    question_stats,
    quiz_stats,
    random_guess_score,
)
from lectern.extensions import db
from lectern.models import Assignment, Attempt, Enrollment, Question, QuestionVersion, Response
from lectern.services.attempts import close_overdue_attempts, definition_of

WHICH_ATTEMPTS = ("Each student's first submitted attempt is analysed: later attempts follow the "
                  "review, so they would measure memory of the answers rather than the question.")
NO_SKILL = "no skill given"
MIN_FOR_FLAGS = 2  # answers a question needs before it is flagged


@dataclass(frozen=True)
class OptionRow:
    """One option of a choice question with who chose it (counts from core.distractors)."""

    option_id: str
    text: str
    right: bool
    counts: OptionCount


@dataclass(frozen=True)
class QuestionAnalysis:
    """One question's row: its figures, its flags in plain words, and its distractor table."""

    number: int
    key: str
    prompt: str
    type_label: str
    skill: str | None
    stats: QuestionStats
    flags: list[str]
    versions: list[int]       # the version numbers the analysed attempts answered
    ungraded: int = 0         # responses waiting for a teacher's grade, left out of the figures
    options: list[OptionRow] = field(default_factory=list)
    distractors: DistractorTable | None = None


@dataclass(frozen=True)
class SkillResult:
    """Points earned out of points available on the questions of one skill."""

    skill: str
    points: float
    max_points: float

    @property
    def percent(self) -> float | None:
        return 100 * self.points / self.max_points if self.max_points else None


@dataclass(frozen=True)
class StudentSkills:
    """One student's first attempt: the overall percentage and the percentage per skill."""

    name: str
    percent: float | None
    skills: dict[str, float | None]


@dataclass(frozen=True)
class ItemAnalysis:
    """Everything the analysis page and its CSV show for one assignment."""

    assignment: Assignment
    quiz: QuizStats
    questions: list[QuestionAnalysis]
    submitted: int            # submitted attempts of the assignment
    analysed: int             # of which first attempts, one per student
    ungraded: int             # responses left out because they wait for a teacher's grade
    percents: list[float]     # each analysed attempt's percentage, for the histogram
    skills: list[SkillResult]
    students: list[StudentSkills]

    @property
    def flagged(self) -> list[QuestionAnalysis]:
        return [q for q in self.questions if q.flags]

    @property
    def several_versions(self) -> list[QuestionAnalysis]:
        return [q for q in self.questions if len(q.versions) > 1]

    @property
    def histogram(self) -> list[tuple[str, int]]:
        return histogram_bins(self.percents)

    @property
    def skill_names(self) -> list[str]:
        return [s.skill for s in self.skills]


class _Scores(AttemptScores):
    """AttemptScores whose totals are summed once: question_stats asks for them once per
    question, which is 80,000 sums for 1,000 students and 40 questions."""

    @cached_property
    def total(self) -> float:  # type: ignore[override]
        return AttemptScores.total.fget(self)

    @cached_property
    def max_total(self) -> float:  # type: ignore[override]
        return AttemptScores.max_total.fget(self)


def _first_attempts(assignment: Assignment):
    """Each submitted attempt of the assignment numbered per student, earliest first (nth = 1)."""
    nth = func.row_number().over(partition_by=Attempt.student_id, order_by=(Attempt.started_at, Attempt.id))
    return (select(Attempt.id.label("attempt_id"), nth.label("nth"))
            .where(Attempt.assignment_id == assignment.id, Attempt.submitted_at.is_not(None)).subquery())


def _chosen(definition: QuestionDefinition, answer: Any) -> frozenset[str]:
    """The option ids a stored answer picked (empty when unanswered)."""
    if answer is None:
        return frozenset()
    if isinstance(definition, TrueFalse):
        return frozenset({"true" if answer else "false"})
    if isinstance(definition, MultipleResponse):
        return frozenset(str(a) for a in answer)
    return frozenset({str(answer)})


def _options(definition: QuestionDefinition) -> list[tuple[str, str, bool]]:
    """(id, text, right) for each option of a choice question; empty for other types."""
    if isinstance(definition, TrueFalse):
        return [("true", "True", definition.answer), ("false", "False", not definition.answer)]
    if isinstance(definition, SingleChoice):
        return [(o.id, o.text, o.correct) for o in definition.options]
    if isinstance(definition, MultipleResponse):
        fractions = definition.fractions()
        return [(o.id, o.text, fractions[o.id] > 0) for o in definition.options]
    return []


def build_item_analysis(assignment: Assignment) -> ItemAnalysis:
    """The item analysis of an assignment's first attempts (overdue attempts are closed first)."""
    close_overdue_attempts()
    firsts = _first_attempts(assignment)
    people = db.session.execute(
        select(firsts.c.attempt_id, firsts.c.nth, func.coalesce(Enrollment.display_name, Attempt.display_name))
        .join(Attempt, Attempt.id == firsts.c.attempt_id)
        .outerjoin(Enrollment, (Enrollment.student_id == Attempt.student_id)
                   & (Enrollment.classroom_id == assignment.classroom_id))
    ).all()
    names = {aid: name for aid, nth, name in people if nth == 1}
    # The whole response matrix in one query: no query per attempt or per question. Answers
    # come as JSON text, parsed once per distinct text: most are the same few option ids.
    matrix = db.session.execute(
        select(Response.attempt_id, Question.key, Response.fraction, Response.max_points,
               Response.question_version_id, cast(Response.answer, Text))
        .join(firsts, (firsts.c.attempt_id == Response.attempt_id) & (firsts.c.nth == 1))
        .join(QuestionVersion, QuestionVersion.id == Response.question_version_id)
        .join(Question, Question.id == QuestionVersion.question_id)
    ).all()
    versions = {v.id: v for v in db.session.scalars(
        select(QuestionVersion).options(joinedload(QuestionVersion.question))
        .where(QuestionVersion.id.in_({row[4] for row in matrix})))}
    return _analyse(assignment, names, matrix, versions, len(people))


def _analyse(assignment: Assignment, names: dict[int, str], matrix: Iterable[tuple],
             versions: dict[int, QuestionVersion], submitted: int) -> ItemAnalysis:
    """The figures from the matrix rows (attempt id, key, fraction, max points, version id, answer JSON)."""
    number_of = {vid: v.number for vid, v in versions.items()}
    marks: dict[int, dict[str, float]] = defaultdict(dict)
    maxima: dict[int, dict[str, float]] = defaultdict(dict)
    answers: dict[str, list[tuple[int, int, str | None]]] = defaultdict(list)
    answered: dict[str, dict[int, QuestionVersion]] = defaultdict(dict)
    ungraded: dict[str, int] = defaultdict(int)
    for attempt_id, key, fraction, max_points, version_id, answer in matrix:
        answered[key][number_of[version_id]] = versions[version_id]
        if fraction is None:
            ungraded[key] += 1
            continue
        marks[attempt_id][key] = fraction * max_points
        maxima[attempt_id][key] = max_points
        answers[key].append((attempt_id, version_id, answer))

    # Zero-padded ids rank ties in numeric order in the distractor thirds.
    scores = {aid: _Scores(f"{aid:012d}", marks[aid], maxima[aid]) for aid in sorted(names)}
    latest = {key: by_number[max(by_number)] for key, by_number in answered.items()}
    keys = sorted(latest, key=lambda k: (latest[k].question.position, k))
    definitions = {key: definition_of(v) for key, v in latest.items()}
    stats = question_stats(list(scores.values()), keys, {k: random_guess_score(d) for k, d in definitions.items()})
    percents = {aid: s.percent for aid, s in scores.items()}
    picked: dict[tuple[int, str | None], frozenset[str]] = {}

    def chosen(version_id: int, answer: str | None) -> frozenset[str]:
        if (version_id, answer) not in picked:
            picked[version_id, answer] = _chosen(definition_of(versions[version_id]),
                                                 None if answer is None else json.loads(answer))
        return picked[version_id, answer]

    questions = []
    for number, (key, figures) in enumerate(zip(keys, stats), start=1):
        definition = definitions[key]
        options = _options(definition)
        table = None
        if options:
            responses = [ChoiceResponse(scores[aid].attempt_id, percents[aid], chosen(vid, answer))
                         for aid, vid, answer in answers[key]]
            table = distractor_table(key, responses, [o[0] for o in options])
        right = {o[0] for o in options if o[2]}
        # Oldest version first, so the latest wording wins and a dropped option keeps its text.
        labels = {oid: text for n in sorted(answered[key])
                  for oid, text, _ in _options(definition_of(answered[key][n]))}
        rows = [OptionRow(c.option_id, labels.get(c.option_id, c.option_id), c.option_id in right, c)
                for c in table.options] if table else []
        questions.append(QuestionAnalysis(
            number, key, definition.prompt, definition.label, definition.skill, figures,
            # One answer says nothing about a question: no flag before there are two.
            flags(figures, table, right, labels) if figures.n >= MIN_FOR_FLAGS else [],
            sorted(answered[key]), ungraded[key], rows, table))

    skills, students = _skill_results(scores, definitions, names)
    return ItemAnalysis(assignment, quiz_stats(list(scores.values())), questions, submitted, len(names),
                        sum(ungraded.values()), [p for p in percents.values() if p is not None], skills, students)


def _skill_results(scores: dict[int, AttemptScores], definitions: dict[str, QuestionDefinition],
                   names: dict[int, str]) -> tuple[list[SkillResult], list[StudentSkills]]:
    """Points per skill for the class (all first attempts pooled) and for each student."""
    skill_of = {key: d.skill or NO_SKILL for key, d in definitions.items()}
    present = set(skill_of.values())
    order = [s for s in (*SKILLS, NO_SKILL) if s in present]
    class_points = dict.fromkeys(order, 0.0)
    class_max = dict.fromkeys(order, 0.0)
    students = []
    for aid, score in scores.items():
        points, available = dict.fromkeys(order, 0.0), dict.fromkeys(order, 0.0)
        for key, mark in score.marks.items():
            points[skill_of[key]] += mark
            available[skill_of[key]] += score.max_marks[key]
        for skill in order:
            class_points[skill] += points[skill]
            class_max[skill] += available[skill]
        students.append(StudentSkills(names[aid], score.percent, {
            s: 100 * points[s] / available[s] if available[s] else None for s in order}))
    students.sort(key=lambda s: s.name.casefold())
    return [SkillResult(s, class_points[s], class_max[s]) for s in order], students


# --- CSV -----------------------------------------------------------------------------

CSV_COLUMNS = ["number", "question", "prompt", "type", "skill", "versions answered", "n",
               "facility %", "standard deviation %", "random guess %", "discrimination index %",
               "discriminative efficiency %", "flags", "notes"]


def _figure(value: float | None, scale: float = 1.0) -> float | None:
    return None if value is None else round(value * scale, 2)


def item_analysis_csv(assignment: Assignment) -> str:
    """One row per question with every figure and flag, as UTF-8 CSV text with a BOM (for Excel)."""
    analysis = build_item_analysis(assignment)
    # csv_text neutralises text cells that a spreadsheet would run as formulas and keeps
    # numbers as numbers, so a negative discrimination index stays sortable.
    return csv_text(CSV_COLUMNS, ([
        q.number, q.key, q.prompt, q.type_label, q.skill, " ".join(map(str, q.versions)), q.stats.n,
        _figure(q.stats.facility, 100), _figure(q.stats.sd, 100), _figure(q.stats.random_guess, 100),
        _figure(q.stats.discrimination), _figure(q.stats.discriminative_efficiency),
        " ".join(q.flags), " ".join(q.stats.notes),
    ] for q in analysis.questions))
