"""Item analysis of one assignment: where the database meets lectern.core.stats and distractors.

Which attempts: each student's FIRST submitted attempt for the assignment. Later attempts
come after the student saw the review, so they measure memory of the answers rather than the
question; one attempt per student also keeps the attempts independent, as the formulas assume.
Responses still waiting for a teacher's grade (essays) are left out until they are graded.

Questions are grouped by their stable key: an edited question answered in several versions is
one row, and its random-guess score, prompt, skill and options come from its latest version.
Each is numbered as the students saw it (Response.position) when every attempt showed it in
the same place; otherwise (shuffled or drawn questions) by the quiz's order, and the page says so.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from sqlalchemy import Text, cast, func, select
from sqlalchemy.orm import joinedload

from lectern.core.analysis_summary import (
    Consistency,
    QuestionOutcome,
    Summary,
    WrongChoice,
    consistency,
    facility_words,
    short_prompt,
    summarise,
)
from lectern.core.charts import histogram_bins
from lectern.core.choice_options import choice_options, chosen_option_ids
from lectern.core.csv_safety import csv_text
from lectern.core.distractors import (
    ChoiceResponse,
    DistractorTable,
    OptionCount,
    distractor_table,
    flags,
    too_few_to_judge,
)
from lectern.core.rounding import half_up
from lectern.core.skill_results import SkillResult, StudentSkills, skill_results
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
from lectern.services.question_versions import definition_of

WHICH_ATTEMPTS = ("Each student's first submitted attempt is analysed: later attempts follow the "
                  "review, so they would measure memory of the answers rather than the question.")
NAMES_UP_TO = 30  # answers: up to this many, the teacher knows the students, so the page names them


@dataclass(frozen=True)
class OptionRow:
    """One option of a choice question with who chose it (counts from core.distractors)."""

    option_id: str
    text: str
    right: bool
    counts: OptionCount
    names: tuple[str, ...] = ()   # who chose it, when the class is small enough to name them


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
    right: int = 0            # answers with full marks
    partly: int = 0           # answers with some but not all of the marks
    too_few: str | None = None  # why it is not judged yet (too few answers), else None
    no_answer_names: tuple[str, ...] = ()

    @property
    def short_prompt(self) -> str:
        return short_prompt(self.prompt)

    @property
    def named(self) -> bool:
        """Whether the option table names who chose what (a small class)."""
        return bool(self.no_answer_names) or any(o.names for o in self.options)

    @property
    def facility_words(self) -> str:
        return facility_words(self.right, self.stats.n, self.partly)


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
    summary: Summary | None = None
    numbered_by_quiz: bool = False  # attempts saw the questions in different places

    @property
    def flagged(self) -> list[QuestionAnalysis]:
        return [q for q in self.questions if q.flags]

    @property
    def several_versions(self) -> list[QuestionAnalysis]:
        return [q for q in self.questions if len(q.versions) > 1]

    @property
    def consistency(self) -> Consistency:
        """The quiz's consistency figures as shown: withheld, with a note, where they would mislead."""
        return consistency(self.quiz.cic, self.quiz.error_ratio, self.quiz.standard_error)

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


def build_item_analysis(assignment: Assignment) -> ItemAnalysis:
    """The item analysis of an assignment's first submitted attempts (one whose time ran out
    counts once overdue_attempts has closed it: this page only reads)."""
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
               Response.question_version_id, cast(Response.answer, Text), Response.position)
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
    """The figures from the matrix rows (attempt id, key, fraction, max points, version id, answer JSON,
    position)."""
    number_of = {vid: v.number for vid, v in versions.items()}
    marks: dict[int, dict[str, float]] = defaultdict(dict)
    maxima: dict[int, dict[str, float]] = defaultdict(dict)
    answers: dict[str, list[tuple[int, int, str | None]]] = defaultdict(list)
    answered: dict[str, dict[int, QuestionVersion]] = defaultdict(dict)
    ungraded: dict[str, int] = defaultdict(int)
    positions: dict[str, set[int]] = defaultdict(set)
    full: dict[str, int] = defaultdict(int)
    partly: dict[str, int] = defaultdict(int)
    for attempt_id, key, fraction, max_points, version_id, answer, position in matrix:
        answered[key][number_of[version_id]] = versions[version_id]
        positions[key].add(position)
        if fraction is None:
            ungraded[key] += 1
            continue
        if fraction >= 1 - 1e-9:
            full[key] += 1
        elif fraction > 1e-9:
            partly[key] += 1
        marks[attempt_id][key] = fraction * max_points
        maxima[attempt_id][key] = max_points
        answers[key].append((attempt_id, version_id, answer))

    # Zero-padded ids rank ties in numeric order in the distractor thirds.
    scores = {aid: _Scores(f"{aid:012d}", marks[aid], maxima[aid]) for aid in sorted(names)}
    latest = {key: by_number[max(by_number)] for key, by_number in answered.items()}
    keys = sorted(latest, key=lambda k: (latest[k].question.position, k))
    # Each question in one place, no two in the same place: the numbers students saw.
    seen_at = {key: next(iter(p)) for key, p in positions.items() if len(p) == 1}
    numbered_by_quiz = len(seen_at) < len(keys) or len(set(seen_at.values())) < len(keys)
    number = dict(zip(keys, range(1, len(keys) + 1))) if numbered_by_quiz else seen_at
    keys.sort(key=number.__getitem__)
    definitions = {key: definition_of(v) for key, v in latest.items()}
    stats = question_stats(list(scores.values()), keys, {k: random_guess_score(d) for k, d in definitions.items()})
    percents = {aid: s.percent for aid, s in scores.items()}
    picked: dict[tuple[int, str | None], frozenset[str]] = {}

    def chosen(version_id: int, answer: str | None) -> frozenset[str]:
        if (version_id, answer) not in picked:
            picked[version_id, answer] = chosen_option_ids(definition_of(versions[version_id]),
                                                           None if answer is None else json.loads(answer))
        return picked[version_id, answer]

    def who(rows: list[tuple[int, int, str | None]], picked_it) -> tuple[str, ...]:
        if len(rows) > NAMES_UP_TO:
            return ()
        return tuple(sorted((names[aid] for aid, vid, answer in rows if picked_it(chosen(vid, answer))),
                            key=str.casefold))

    questions, wrong_choices = [], []
    for key, figures in zip(keys, stats):
        definition = definitions[key]
        options = choice_options(definition)
        table = None
        if options:
            responses = [ChoiceResponse(scores[aid].attempt_id, percents[aid], chosen(vid, answer))
                         for aid, vid, answer in answers[key]]
            table = distractor_table(key, responses, [o[0] for o in options])
        right = {o[0] for o in options if o[2]}
        # Oldest version first, so the latest wording wins and a dropped option keeps its text.
        labels = {oid: text for n in sorted(answered[key])
                  for oid, text, _ in choice_options(definition_of(answered[key][n]))}
        rows = [OptionRow(c.option_id, labels.get(c.option_id, c.option_id), c.option_id in right, c,
                          who(answers[key], lambda ids, o=c.option_id: o in ids))
                for c in table.options] if table else []
        wrong_choices += [WrongChoice(number[key], definition.prompt, r.text, r.counts.count, table.n)
                          for r in rows if not r.right]
        too_few = too_few_to_judge(figures.n)
        questions.append(QuestionAnalysis(
            number[key], key, definition.prompt, definition.label, definition.skill, figures,
            [] if too_few else flags(figures, table, right, labels),
            sorted(answered[key]), ungraded[key], rows, table, full[key], partly[key], too_few,
            who(answers[key], lambda ids: not ids) if table else ()))

    skills, students = skill_results(scores, definitions, names)
    quiz = quiz_stats(list(scores.values()))
    summary = summarise(len(names), quiz.mean, [
        QuestionOutcome(q.number, q.prompt, q.stats.n, q.right, q.partly, q.stats.facility) for q in questions],
        wrong_choices)
    return ItemAnalysis(assignment, quiz, questions, submitted, len(names), sum(ungraded.values()),
                        [p for p in percents.values() if p is not None], skills, students, summary, numbered_by_quiz)


# --- CSV -----------------------------------------------------------------------------

CSV_COLUMNS = ["number", "question", "prompt", "type", "skill", "versions answered", "n",
               "facility %", "standard deviation %", "random guess %", "discrimination index %",
               "discriminative efficiency %", "flags", "notes"]


def _figure(value: float | None, scale: float = 1.0) -> float | None:
    return None if value is None else float(half_up(value * scale, 2))


def item_analysis_csv(assignment: Assignment) -> str:
    """One row per question with every figure and flag, as UTF-8 CSV text with a BOM (for Excel)."""
    analysis = build_item_analysis(assignment)
    # csv_text neutralises text cells that a spreadsheet would run as formulas and keeps
    # numbers as numbers, so a negative discrimination index stays sortable.
    return csv_text(CSV_COLUMNS, ([
        q.number, q.key, q.prompt, q.type_label, q.skill, " ".join(map(str, q.versions)), q.stats.n,
        _figure(q.stats.facility, 100), _figure(q.stats.sd, 100), _figure(q.stats.random_guess, 100),
        _figure(q.stats.discrimination), _figure(q.stats.discriminative_efficiency),
        " ".join(q.flags), " ".join([*q.stats.notes, *([q.too_few] if q.too_few else [])]),
    ] for q in analysis.questions))
