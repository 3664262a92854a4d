"""The bank quality report: every bank in quizzes/ meets the rules; each broken rule is named."""

from __future__ import annotations

import re
import shutil

import pytest

from lectern.core.bank_report import report
from lectern.core.banks import bank_folders, read_bank
from tests.conftest import REPO

BERLIN = REPO / "quizzes" / "berlin-security-agreements"


@pytest.mark.parametrize("folder", bank_folders(REPO / "quizzes"), ids=lambda p: p.name)
def test_every_bank_in_the_repo_meets_the_quality_rules(folder):
    result = report(read_bank(folder))
    assert result.problems == (), "\n".join(result.problems)


def test_the_article_bank_covers_every_paragraph_with_the_skill_mix():
    result = report(read_bank(BERLIN))
    assert result.questions >= 36 and result.uncovered == ()
    n = result.questions
    assert result.skills["locate"] * 5 >= n and result.skills["understand"] * 10 >= 3 * n and result.skills["evaluate"] * 5 >= n
    for kind in ("single_choice", "multiple_response", "true_false", "short_answer", "numeric", "matching",
                 "ordering", "essay"):
        assert result.types[kind] >= 1


def test_the_article_bank_has_no_open_item_writing_warning():
    # Each warning the bank keeps is accepted on its question, with a comment saying why.
    result = report(read_bank(BERLIN))
    open_warnings = [str(f) for f in result.warnings if not f.accepted]
    assert open_warnings == [] and result.stale_accepts == ()


def _broken(tmp_path, edit):
    folder = tmp_path / BERLIN.name
    shutil.copytree(BERLIN, folder)
    path = folder / "questions.yaml"
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    return read_bank(folder)


def _question_citing_only(text: str, paragraph: int) -> str:
    """The id of a question whose only evidence is the given paragraph, and no other question cites it."""
    blocks = re.split(r"\n(?=  - id: )", text)
    citing = [b for b in blocks if re.search(rf"paragraph: {paragraph}\b", b)]
    return re.match(r"\s*- id: ([\w-]+)", citing[0]).group(1) if citing else ""


def test_an_uncovered_paragraph_is_reported(tmp_path):
    text = BERLIN.joinpath("questions.yaml").read_text(encoding="utf-8")
    cited = sorted({int(p) for p in re.findall(r"paragraph: (\d+)", text)})
    # Drop every question citing paragraph 20 from a copy.
    blocks = re.split(r"\n(?=  - id: )", text)
    kept = [b for b in blocks if not re.search(r"paragraph: 20\b", b)]
    bank = _broken(tmp_path, lambda _: "\n".join(kept) + "\n")
    assert 20 in cited
    assert "paragraph 20 is not the evidence of any question" in report(bank).problems


def test_a_wrong_option_without_feedback_is_reported_by_question(tmp_path):
    bank = read_bank(BERLIN)
    question = next(q for q in bank.questions if q.type == "single_choice")
    wrong = next(o for o in question.options if not o.correct)

    def edit(text: str) -> str:
        start = text.index(f"  - id: {question.id}\n")
        at = text.rindex("\n", 0, text.index("feedback:", text.index(wrong.text, start)))
        end = text.index("\n", at + 1)
        return text[:at] + text[end:]  # the option's one-line feedback is gone

    problems = report(_broken(tmp_path, edit)).problems
    assert any(p.startswith(f"question {question.id!r}: wrong option {wrong.id!r}") for p in problems), problems


def test_a_missing_skill_tag_is_reported_by_question(tmp_path):
    bank = read_bank(BERLIN)
    question = bank.questions[0]

    def edit(text: str) -> str:
        start = text.index(f"  - id: {question.id}\n")
        at = text.index(f"    skill: {question.skill}\n", start)
        return text[:at] + text[at + len(f"    skill: {question.skill}\n"):]

    problems = report(_broken(tmp_path, edit)).problems
    assert f"question {question.id!r} has no skill (locate, understand or evaluate)" in problems
