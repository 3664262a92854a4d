"""The form for adding a key term to a bank, checked by the bank files' own rules."""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from pydantic import ValidationError as TermInvalid
from wtforms import StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from lectern.core.key_terms import KeyTerm


def _one_line(value: Any) -> Any:
    return " ".join(value.split()) if isinstance(value, str) else value


class KeyTermForm(FlaskForm):
    term = StringField("Term", filters=[_one_line], validators=[
        DataRequired(message="Write the term as the article does."), Length(max=200)],
        description="As the article writes it, e.g. “collective defense”.")
    definition = TextAreaField("What it means here", filters=[_one_line], validators=[
        DataRequired(message="Give a short definition a student can understand."), Length(max=500)],
        description="One or two plain sentences, for the students who will review it.")
    matches = StringField("Other forms in the article", filters=[_one_line], validators=[Optional(), Length(max=500)],
                          description="Optional, separated by commas: e.g. “deter, deterring” for “deterrent”.")
    submit = SubmitField("Add the term")

    def __init__(self, *args: Any, existing: list[KeyTerm], paragraphs: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.existing, self.paragraphs = existing, paragraphs
        self.key_term: KeyTerm | None = None

    def validate(self, extra_validators: Any = None) -> bool:
        """The fields, then the term as a bank file's would be checked: listed once, and in the article."""
        if not super().validate(extra_validators):
            return False
        forms = [m.strip() for m in (self.matches.data or "").split(",") if m.strip()]
        try:
            term = KeyTerm(term=self.term.data, definition=self.definition.data, matches=forms)
        except TermInvalid:
            self.term.errors.append("Write the term and its definition.")
            return False
        problem = term.problem(self.existing, self.paragraphs)
        if problem:
            self.term.errors.append(problem[0].upper() + problem[1:].replace("add 'matches:'", "list them under "
                                                                             "“Other forms”") + ".")
            return False
        self.key_term = term
        return True
