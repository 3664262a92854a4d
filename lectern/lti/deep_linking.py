"""Deep linking pages: from the LMS's "add activity", a teacher picks a quiz and Lectern sends the link back."""

from __future__ import annotations

from flask import abort, render_template, session, url_for
from flask_login import current_user

from lectern.core.lti_claims import origin_of
from lectern.extensions import db
from lectern.lti import bp
from lectern.lti.forms import DeepLinkForm
from lectern.lti.framing import post_form_to
from lectern.lti.routes import DEEP_LINK_KEY
from lectern.models import LtiPlatform, Quiz
from lectern.services import assignments, classes, lti_deep_linking

NO_REQUEST = ("There is no deep-linking request to answer: open Lectern from the course's "
              "\"add an activity\" (Select content) button.")


@bp.route("/deep-link", methods=["GET", "POST"])
def deep_link():
    """Choose the quiz and its settings; the reply is a signed form posted back to the course."""
    pending = session.get(DEEP_LINK_KEY)
    if not pending or not current_user.is_authenticated:
        abort(403, description=NO_REQUEST)
    platform = db.session.get(LtiPlatform, pending["platform_id"])
    classroom = classes.owned_classroom(current_user, pending["classroom_id"])
    if platform is None or classroom is None:
        abort(403, description=NO_REQUEST)
    form = DeepLinkForm()
    form.quiz.choices = [(q.id, f"{q.bank.title}: {q.title}") for q in assignments.assignable_quizzes()]
    if form.validate_on_submit():
        quiz = db.session.get(Quiz, form.quiz.data)
        assignment = lti_deep_linking.assignment_for(classroom, quiz)
        assignment.attempts_allowed = form.attempts_allowed.data
        assignment.time_limit_minutes = form.time_limit_minutes.data
        reply = lti_deep_linking.reply_with_quiz(platform, pending["deployment_id"], pending["return_url"],
                                                 pending.get("data"), quiz, url_for("lti.launch", _external=True))
        db.session.commit()
        session.pop(DEEP_LINK_KEY, None)
        post_form_to(origin_of(reply.return_url) or "'none'")
        return render_template("lti/deep_link_return.html", reply=reply, quiz=quiz)
    return render_template("lti/deep_link.html", form=form, classroom=classroom, platform=platform), \
        (400 if form.errors else 200)
