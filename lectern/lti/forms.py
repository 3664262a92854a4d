"""The forms of the LTI pages: the quiz a teacher links from the course, and a platform's registration."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, NumberRange, Optional


class DeepLinkForm(FlaskForm):
    """Which quiz the course's new activity opens, and how it runs for this class."""

    quiz = SelectField("Quiz", coerce=int, validate_choice=True,
                       description="The activity opens this quiz for the course's students.")
    attempts_allowed = IntegerField(
        "Attempts allowed", validators=[Optional(), NumberRange(min=1, max=100, message="Give 1 to 100 attempts, "
                                                                "or leave it empty for no limit.")], default=1)
    time_limit_minutes = IntegerField(
        "Time limit in minutes", validators=[Optional(), NumberRange(min=1, max=600, message="Give 1 to 600 minutes, "
                                                                     "or leave it empty for no limit.")])
    submit = SubmitField("Add this quiz to the course")


class PlatformForm(FlaskForm):
    """A platform's details as its administrator reads them off the LMS's tool registration."""

    name = StringField("Name", validators=[InputRequired("Give the platform a name.")],
                       description="What teachers call it, such as \"School Moodle\".")
    issuer = StringField("Platform ID (issuer)", validators=[InputRequired("Give the platform's issuer.")],
                         description="Moodle: the site's address. Canvas: https://canvas.instructure.com.")
    client_id = StringField("Client ID", validators=[InputRequired("Give the client id the platform showed.")])
    deployment_ids = TextAreaField("Deployment IDs", validators=[InputRequired("Give at least one deployment id.")],
                                   description="One per line.")
    auth_login_url = StringField("Authentication request URL", validators=[InputRequired("Give the URL.")])
    token_url = StringField("Access token URL", validators=[InputRequired("Give the URL.")])
    jwks_url = StringField("Public keyset URL", validators=[InputRequired("Give the URL.")])
    frame_origins = TextAreaField("Sites that show Lectern in a frame", validators=[Optional()],
                                  description="One per line; empty: the issuer's site. Canvas: your school's "
                                              "Canvas address, e.g. https://school.instructure.com.")
    submit = SubmitField("Register the platform")
