"""Item-writing warnings for one question, in its bank as it stands in the database.

The checks (lectern.core.item_checks) look at a whole bank: whether an answer shows up
in another question of the same quiz needs the others. So a question being written
or imported is checked in the bank it is going into, in place of its saved version,
and only the findings that concern it are kept (its own, and those where its prompt
or options give another question's answer away).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import replace

from lectern.core.banks import Bank as BankFile
from lectern.core.item_checks import check_bank
from lectern.core.item_rules import Finding
from lectern.core.questions import QuestionDefinition, parse_question
from lectern.models import DRAFT, Bank, Question
from lectern.services.bank_export import bank_file


def warnings_in_bank(bank: Bank | BankFile, questions: Iterable[QuestionDefinition]) -> list[Finding]:
    """The warnings that concern these questions once they join the bank (replacing its questions of the same id).

    bank is a bank's rows, or a core Bank (a new bank an import would make).
    """
    questions = list(questions)
    ids = {q.id for q in questions}
    return [f for f in check_bank(_joined(bank, questions)) if any(f.concerns(i) for i in ids)]


def _joined(bank: Bank | BankFile, questions: list[QuestionDefinition]) -> BankFile:
    # Drafts are out of bank_file, as they are out of every quiz; a question being
    # written is checked as it would stand once published.
    core = bank if isinstance(bank, BankFile) else bank_file(bank)
    ids = {q.id for q in questions}
    return replace(core, questions=tuple(q for q in core.questions if q.id not in ids) + tuple(questions))


def question_warnings(bank: Bank, definition: QuestionDefinition) -> list[Finding]:
    """The warnings about this question, or about others that its words give away, in bank order."""
    return warnings_in_bank(bank, [definition])



def open_warning_counts(bank: Bank, shown: Iterable[Question] | None = None) -> Counter[str]:
    """How many open (not accepted) warnings each live question of the bank has (drafts as if published), by key.

    shown: the drafts a page lists, checked with the live questions; the bank's other drafts are
    left out, so a bank of thousands of drafts is checked a page at a time, not all at once.
    """
    drafts = [parse_question(q.versions[-1].definition, imported=True)
              for q in (bank.questions if shown is None else shown)
              if q.status == DRAFT and not q.retired and q.versions]
    return Counter(f.question_id for f in check_bank(_joined(bank, drafts)) if not f.accepted)
