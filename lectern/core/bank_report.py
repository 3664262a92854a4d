"""The quality report of a bank: coverage, the mix of skills, types and difficulty, broken rules.

These are the standards a finished bank in quizzes/ meets (beyond what the loader
requires of any bank): the test suite applies them to every bank there.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from fractions import Fraction

from lectern.core.banks import Bank
from lectern.core.item_checks import check_bank, unused_accepts
from lectern.core.item_rules import Finding
from lectern.core.questions import QUESTION_TYPES

MIN_QUESTIONS = 36
# Honest labels (quizzes/README.md): a bank that reads as more than a locating exercise, but
# still checks the facts every other answer rests on.
MIN_SKILL_SHARE = {"locate": Fraction(1, 5), "understand": Fraction(3, 10), "evaluate": Fraction(1, 5)}
MIN_EVALUATE_ESSAYS = 4
MIN_KEY_TERMS = 5


@dataclass(frozen=True)
class BankReport:
    slug: str
    questions: int
    paragraphs: int
    uncovered: tuple[int, ...]
    skills: Counter
    types: Counter
    difficulties: Counter
    problems: tuple[str, ...]
    # Item-writing warnings never fail the report: a teacher weighs each, and accepts the ones to keep.
    warnings: tuple[Finding, ...] = ()
    stale_accepts: tuple[str, ...] = ()

    def lines(self) -> list[str]:
        """The report as lines of text, for the terminal."""
        n = self.questions or 1
        covered = self.paragraphs - len(self.uncovered)
        out = [f"Bank {self.slug}: {self.questions} questions",
               f"Paragraph coverage: {covered}/{self.paragraphs}"
               + (f" (not covered: {', '.join(map(str, self.uncovered))})" if self.uncovered else "")]
        for title, counts in (("Skills", self.skills), ("Types", self.types), ("Difficulty", self.difficulties)):
            out.append(f"{title}:")
            out += [f"  {name:<20} {count:>3}  {100 * count / n:5.1f}%" for name, count in counts.most_common()]
        out.append(f"Rules broken: {len(self.problems)}")
        out += [f"  - {p}" for p in self.problems]
        return out + warning_lines(self.warnings, self.stale_accepts)


def report(bank: Bank) -> BankReport:
    """Measure a bank against the standards and list every rule it breaks, naming questions."""
    questions = bank.questions
    problems: list[str] = []
    if len(questions) < MIN_QUESTIONS:
        problems.append(f"the bank has {len(questions)} questions; a complete bank has at least {MIN_QUESTIONS}")

    cited = {ev.paragraph for q in questions for ev in q.evidence}
    uncovered = tuple(n for n in range(1, len(bank.article.paragraphs) + 1) if n not in cited)
    problems += [f"paragraph {n} is not the evidence of any question" for n in uncovered]

    problems += [f"question {q.id!r} has no skill (locate, understand or evaluate)" for q in questions if not q.skill]
    problems += [f"question {q.id!r} has no difficulty (easy, medium or hard)" for q in questions if not q.difficulty]
    skills = Counter(q.skill or "(none)" for q in questions)
    for skill, share in MIN_SKILL_SHARE.items():
        if questions and Fraction(skills[skill], len(questions)) < share:
            problems.append(f"only {skills[skill]} of {len(questions)} questions test '{skill}'; at least {share} should")

    types = Counter(q.type for q in questions)
    problems += [f"no question of type {name!r}; use every type" for name in QUESTION_TYPES if not types[name]]
    essays = sum(1 for q in questions if q.type == "essay" and q.skill == "evaluate")
    if essays < MIN_EVALUATE_ESSAYS:
        problems.append(f"{essays} essay questions test 'evaluate'; at least {MIN_EVALUATE_ESSAYS} should")

    for q in questions:
        for option in getattr(q, "options", []):
            if not option.correct and not option.feedback:
                problems.append(f"question {q.id!r}: wrong option {option.id!r} ({option.text!r}) has no feedback "
                                "saying why it is wrong")
        if q.type == "true_false" and not (q.feedback_true and q.feedback_false):
            problems.append(f"question {q.id!r}: give both feedback_true and feedback_false")

    findings = check_bank(bank)
    if len(bank.key_terms) < MIN_KEY_TERMS:
        problems.append(f"the bank lists {len(bank.key_terms)} key terms; list at least {MIN_KEY_TERMS}")

    return BankReport(
        slug=bank.slug, questions=len(questions), paragraphs=len(bank.article.paragraphs), uncovered=uncovered,
        skills=skills, types=types, difficulties=Counter(q.difficulty or "(none)" for q in questions),
        problems=tuple(problems), warnings=tuple(findings), stale_accepts=tuple(unused_accepts(bank, findings)),
    )


def warning_lines(findings: tuple[Finding, ...] | list[Finding], stale: tuple[str, ...] | list[str] = ()) -> list[str]:
    """Item-writing warnings as lines: the open ones by rule, then the accepted ones, then stale accepts."""
    open_ = [f for f in findings if not f.accepted]
    accepted = [f for f in findings if f.accepted]
    counts = Counter(f.rule for f in open_)
    out = [f"Item-writing warnings: {len(open_)} open, {len(accepted)} accepted"
           + (f" ({', '.join(f'{rule} {n}' for rule, n in counts.most_common())})" if counts else "")]
    out += [f"  - {f}" for f in open_ + accepted]
    out += [f"  - note: {line}" for line in stale]
    return out



