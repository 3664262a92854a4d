"""Quiz definitions over a bank and the choice of questions for one attempt."""

from __future__ import annotations

import random
from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict, Field, model_validator

from lectern.core.questions.base import SKILLS, QuestionDefinition, QuestionId, Skill, Text
from lectern.core.run_settings import ArticleAids


class QuizSpec(BaseModel):
    """Which questions of a bank a quiz asks: filters (skills, tags, types), then an optional random draw."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: QuestionId
    title: Text
    description: str | None = None
    skills: list[Skill] | None = None
    tags: list[Text] | None = None
    types: list[Text] | None = None
    draw: int | None = Field(default=None, ge=1)
    one_per_skill: bool = False
    # What the article shows during an attempt (run_settings.ARTICLE_AIDS); stored on Quiz.article_aids.
    article_aids: ArticleAids = "all"

    @model_validator(mode="after")
    def _draw_needed(self) -> QuizSpec:
        from lectern.core.questions import QUESTION_TYPES

        unknown = sorted(set(self.types or []) - set(QUESTION_TYPES))
        if unknown:
            raise ValueError(f"unknown question types {unknown}; use some of: {', '.join(QUESTION_TYPES)}")
        if self.one_per_skill and not self.draw:
            raise ValueError("one_per_skill only makes sense with draw: N")
        return self

    def pool(self, questions: Sequence[QuestionDefinition]) -> list[QuestionDefinition]:
        """The questions the quiz may ask, in bank order."""
        return [
            q for q in questions
            if (self.skills is None or q.skill in self.skills)
            and (self.tags is None or set(self.tags) & set(q.tags))
            and (self.types is None or q.type in self.types)
        ]

    def problems(self, questions: Sequence[QuestionDefinition]) -> list[str]:
        """Why this quiz cannot be taken over these questions (empty when it can)."""
        pool = self.pool(questions)
        if not pool:
            return [f"quiz {self.id!r} selects no questions; check its skills and tags"]
        out = []
        if self.draw and self.draw > len(pool):
            out.append(f"quiz {self.id!r} draws {self.draw} questions but only {len(pool)} match")
        if self.one_per_skill:
            missing = [s for s in SKILLS if not any(q.skill == s for q in pool)]
            if missing:
                out.append(f"quiz {self.id!r} needs one question per skill but has none for {', '.join(missing)}")
            elif self.draw and self.draw < len(SKILLS):
                out.append(f"quiz {self.id!r} must draw at least {len(SKILLS)} to cover every skill")
        return out

    def choose(self, questions: Sequence[QuestionDefinition], rng: random.Random) -> list[QuestionDefinition]:
        """The questions for one attempt, in bank order (a draw is random per attempt)."""
        pool = self.pool(questions)
        if not self.draw or self.draw >= len(pool):
            return pool
        chosen: list[QuestionDefinition] = []
        if self.one_per_skill:
            for skill in SKILLS:
                chosen.append(rng.choice([q for q in pool if q.skill == skill]))
        rest = [q for q in pool if q not in chosen]
        chosen += rng.sample(rest, self.draw - len(chosen))
        order = {q.id: n for n, q in enumerate(pool)}
        return sorted(chosen, key=lambda q: order[q.id])


DEFAULT_QUIZ = QuizSpec(id="full", title="Full comprehension check")
