"""Deep linking: the teacher picks a quiz in Lectern and the platform gets a signed resource link to it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from lectern.core import lti_claims
from lectern.core.run_settings import TEST_DEFAULTS
from lectern.extensions import db
from lectern.models import Assignment, Classroom, LtiPlatform, Quiz
from lectern.services import assignments, lti_keys


@dataclass(frozen=True)
class Reply:
    """The form the browser posts back to the platform: where, and the signed JWT."""

    return_url: str
    jwt: str


def assignment_for(classroom: Classroom, quiz: Quiz) -> Assignment:
    """The class's assignment of the quiz, set now with a test's settings if it has none (the caller commits)."""
    found = db.session.scalar(select(Assignment).where(Assignment.classroom_id == classroom.id,
                                                       Assignment.quiz_id == quiz.id))
    return found or assignments.assign(classroom, quiz, dict(TEST_DEFAULTS))


def reply_with_quiz(platform: LtiPlatform, deployment_id: str, return_url: str, data: str | None,
                    quiz: Quiz, launch_url: str) -> Reply:
    """An LtiDeepLinkingResponse with one ltiResourceLink to the quiz, signed with Lectern's key."""
    claims = lti_claims.deep_link_response(
        client_id=platform.client_id, issuer=platform.issuer, deployment_id=deployment_id, data=data,
        launch_url=launch_url, title=f"{quiz.title} ({quiz.bank.title})"[:200],
        quiz_ref=f"{quiz.bank.slug}/{quiz.key}", max_points=100.0)
    return Reply(return_url, lti_keys.sign(claims))
