"""Who may change a bank: its owner, its co-owners, and for a bank loaded from files, an admin.

Every teacher may read any bank, its published questions and its quizzes, assign those
quizzes and duplicate the bank; changing it is kept to the people here, so one
teacher's edit never lands in another teacher's quiz unasked. This is the one place
the rule lives; the teacher routes and pages ask `can_edit`.
"""

from __future__ import annotations

from sqlalchemy import select

from lectern.extensions import db
from lectern.models import Bank, BankCoOwner, Question, Teacher
from lectern.models.banks import DRAFT
from lectern.services.teachers import AccountProblem, normalise_email


class CoOwnerProblem(ValueError):
    """Why a co-owner cannot be added, in words for the bank's owner."""


def is_co_owner(teacher: Teacher, bank: Bank) -> bool:
    return db.session.get(BankCoOwner, (bank.id, teacher.id)) is not None


def can_manage_owners(teacher: Teacher, bank: Bank) -> bool:
    """The owner chooses the co-owners; a bank with no owner (from quizzes/) is an admin's to share."""
    if bank.created_by_id is None:
        return bool(teacher.is_admin)
    return bank.created_by_id == teacher.id


def can_edit(teacher: Teacher, bank: Bank) -> bool:
    """Whether the teacher may change the bank: its questions, key terms, imports and quizzes."""
    return can_manage_owners(teacher, bank) or is_co_owner(teacher, bank)


def can_see(teacher: Teacher, question: Question) -> bool:
    """A published question is anyone's to read; a draft is its author's and the bank's editors'."""
    if question.status != DRAFT:
        return True
    return question.created_by_id == teacher.id or can_edit(teacher, question.bank)


def owner_of(bank: Bank) -> Teacher | None:
    return db.session.get(Teacher, bank.created_by_id) if bank.created_by_id else None


def add_co_owner(bank: Bank, email: str) -> Teacher:
    """Let the teacher with this email edit the bank (the caller commits); CoOwnerProblem says why not."""
    try:
        email = normalise_email(email)
    except AccountProblem:
        raise CoOwnerProblem(f"{email!r} is not an email address; check it and try again.") from None
    teacher = db.session.scalar(select(Teacher).where(Teacher.email == email))
    if teacher is None:
        raise CoOwnerProblem(f"No teacher has an account with the email {email}. "
                             "They need an account on Lectern before you can add them.")
    if teacher.id == bank.created_by_id:
        raise CoOwnerProblem(f"{email} owns this bank already.")
    if is_co_owner(teacher, bank):
        raise CoOwnerProblem(f"{email} is a co-owner already.")
    db.session.add(BankCoOwner(bank_id=bank.id, teacher_id=teacher.id))
    return teacher


def remove_co_owner(bank: Bank, teacher: Teacher) -> bool:
    """Stop the teacher editing the bank (the caller commits); False if they were not a co-owner."""
    link = db.session.get(BankCoOwner, (bank.id, teacher.id))
    if link is None:
        return False
    db.session.delete(link)
    db.session.flush()
    db.session.expire(bank, ["co_owners"])
    return True
