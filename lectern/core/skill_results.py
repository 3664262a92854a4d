"""Marks by reading skill: for the class (first attempts pooled) and for each student."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from lectern.core.questions.base import SKILLS, QuestionDefinition
from lectern.core.stats import AttemptScores

NO_SKILL = "no skill given"


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



def skill_results(scores: Mapping[int, AttemptScores], definitions: Mapping[str, QuestionDefinition],
                  names: Mapping[int, str]) -> tuple[list[SkillResult], list[StudentSkills]]:
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
