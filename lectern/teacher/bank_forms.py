"""The form for a new bank: an article pasted in, checked by the same rules as article.md files."""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from wtforms import Field, StringField, SubmitField, TextAreaField, URLField, ValidationError
from wtforms.validators import DataRequired, Length, Optional

from lectern.core.article import Article, date_problem, url_problem
from lectern.core.bank_writer import front_matter
from lectern.core.banks import SLUG, BankProblem, parse_article
from lectern.services.bank_creation import SLUG_MAX, slug_available

TEXT_MAX = 100_000  # a long feature article is about 40,000 characters


def _one_line(value: Any) -> Any:
    """Collapse runs of spaces and line breaks: a title is one line, however it was pasted."""
    return " ".join(value.split()) if isinstance(value, str) else value


def _slug_case(value: Any) -> Any:
    return value.strip().lower() if isinstance(value, str) else value


class NewBankForm(FlaskForm):
    """Title, source, date, link, address and the article's text."""

    title = StringField("Title", filters=[_one_line], validators=[
        DataRequired(message="Give the article's title."), Length(max=300)])
    source = StringField("Source", filters=[_one_line], validators=[
        DataRequired(message="Say where the article comes from (outlet and author, or that they are unknown)."),
        Length(max=300)],
        description="The outlet and author; say so when they are unknown.")
    date = StringField("Date", filters=[_one_line], validators=[Optional()],
                       description="YYYY-MM-DD, e.g. 2025-01-31. Leave blank if unknown.")
    url = URLField("Link to the original", filters=[_one_line], validators=[Optional(), Length(max=500)],
                   description="Optional. An address starting with http:// or https://.")
    slug = StringField("Address", filters=[_slug_case], validators=[Optional(), Length(max=SLUG_MAX)],
                       description="Optional. Lowercase words joined by hyphens, used in links; "
                                   "made from the title when left blank.")
    text = TextAreaField("Article text", validators=[
        DataRequired(message="Paste the article's text."),
        Length(max=TEXT_MAX, message=f"The text is longer than {TEXT_MAX:,} characters; split it into two banks.")],
        description="Leave a blank line between paragraphs. Paragraphs are numbered from 1, "
                    "and questions cite them by number.")
    preview = SubmitField("Preview paragraphs")
    submit = SubmitField("Create bank")

    _article: Article | None = None

    def validate_date(self, field: Field) -> None:
        problem = date_problem(field.data)
        if problem:
            raise ValidationError(problem[0].upper() + problem[1:] + ".")

    def validate_url(self, field: Field) -> None:
        problem = url_problem(field.data)
        if problem:
            raise ValidationError(problem[0].upper() + problem[1:] + ".")

    def validate_slug(self, field: Field) -> None:
        if not SLUG.match(field.data):
            raise ValidationError("Use lowercase letters and digits in words joined by hyphens, "
                                  "e.g. berlin-agreements.")
        if not slug_available(field.data):
            raise ValidationError(f"The address {field.data!r} is taken; choose another, "
                                  "or leave it blank to have one made.")

    def validate_text(self, field: Field) -> None:
        if "\x00" in field.data:
            raise ValidationError("The text holds a NUL character; paste it as plain text.")

    def validate(self, extra_validators: Any = None) -> bool:
        """The field checks, then the article.md rules themselves on what was typed."""
        if not super().validate(extra_validators):
            return False
        # Build the article.md text and parse it as a bank file would be parsed, so a
        # pasted article and a hand-written one obey one set of rules.
        text = front_matter(self.title.data, self.source.data, self.date.data, self.url.data) + "\n" + self.text.data
        problems: list[BankProblem] = []
        self._article = parse_article(text, "article", problems)
        for problem in problems:
            self._field_for(problem).errors.append(problem.message)
        return not problems

    def article(self) -> Article:
        """The article as validated (call after validate() succeeded)."""
        assert self._article is not None, "validate the form first"
        return self._article

    def _field_for(self, problem: BankProblem) -> Field:
        # Front matter problems name their key; the rest are about the paragraphs.
        for name in ("title", "source", "date", "url"):
            if problem.line is not None and name in problem.message:
                return self[name]
        return self.text


class DuplicateBankForm(FlaskForm):
    """The address of a teacher's own copy of a bank."""

    slug = StringField("Address of the copy", filters=[_slug_case], validators=[
        DataRequired(message="Give the copy an address."), Length(max=SLUG_MAX)],
        description="Lowercase words joined by hyphens, used in links, e.g. berlin-agreements-7b.")
    submit = SubmitField("Duplicate the bank")

    validate_slug = NewBankForm.validate_slug


class CoOwnerForm(FlaskForm):
    """A teacher, by the email of their account, to let edit the bank."""

    email = StringField("Teacher's email", filters=[_one_line], validators=[
        DataRequired(message="Give the email your colleague signs in with."), Length(max=254)],
        description="They must already have a teacher account on Lectern.")
    submit = SubmitField("Add co-owner")
