"""A bank's key terms as teachers edit them in the app (bank files list theirs under key_terms)."""

from __future__ import annotations

from lectern.core.key_terms import KeyTerm
from lectern.models import Bank
from lectern.services.cards import drop_removed_term_cards


def terms_of(bank: Bank) -> list[KeyTerm]:
    return [KeyTerm.model_validate(t) for t in bank.key_terms or []]


def add_term(bank: Bank, term: KeyTerm) -> None:
    """Add a term the form has checked (the caller commits); students meet it in Review today."""
    bank.key_terms = [*(bank.key_terms or []), term.model_dump(mode="json", exclude_defaults=True)]


def remove_term(bank: Bank, term: KeyTerm) -> int:
    """Remove a term, and the students' cards for it (the caller commits); how many cards went."""
    bank.key_terms = [t for t in bank.key_terms or [] if t["term"] != term.term]
    return drop_removed_term_cards(bank)
