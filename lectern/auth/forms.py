"""Forms of the ways in: teacher sign-in, inviting a teacher and accepting the invite, and
"Not you?" for a student on a shared computer."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SubmitField
from wtforms.validators import DataRequired, EqualTo, Length, ValidationError

from lectern.services.teachers import AccountProblem, normalise_email, password_problem


class SignInForm(FlaskForm):
    email = EmailField("Email", validators=[DataRequired(message="Enter your email."), Length(max=254)])
    password = PasswordField("Password", validators=[DataRequired(message="Enter your password."),
                                                     Length(max=1024)])
    submit = SubmitField("Sign in")


class InviteForm(FlaskForm):
    """An admin invites a teacher by email (the link is shown to the admin, not emailed)."""

    email = EmailField("Their email", validators=[DataRequired(message="Enter the new teacher's email."),
                                                  Length(max=254, message="An email has at most 254 characters.")])
    submit = SubmitField("Invite a teacher")

    def validate_email(self, field: EmailField) -> None:
        try:
            normalise_email(field.data)
        except AccountProblem:
            raise ValidationError("That is not an email address; check it for typos.") from None


class AcceptInviteForm(FlaskForm):
    """The invited teacher chooses a password (the email is the invite's, not theirs to change)."""

    password = PasswordField("Choose a password", validators=[DataRequired(message="Choose a password.")],
                             render_kw={"autocomplete": "new-password"},
                             description="At least 8 characters. A short sentence is easy to remember.")
    repeat = PasswordField("Repeat the password", render_kw={"autocomplete": "new-password"}, validators=[
        DataRequired(message="Type the password again."),
        EqualTo("password", message="The two passwords differ; type the same one twice."),
    ])
    submit = SubmitField("Create my account")

    def validate_password(self, field: PasswordField) -> None:
        problem = password_problem(field.data or "")
        if problem:
            raise ValidationError(problem)


class ConfirmForm(FlaskForm):
    """A button that changes something (withdraw an invite, "Not you?"): only its CSRF token."""
