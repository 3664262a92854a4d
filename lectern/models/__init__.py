"""The database tables, as SQLAlchemy 2.0 typed models. Data only: no grading here.

One module per area; everything is importable from `lectern.models`.
"""

from lectern.models.attempts import Attempt, MarkChange, Response, Student
from lectern.models.banks import (
    DRAFT,
    IMPORTING,
    PUBLISHED,
    Bank,
    BankCoOwner,
    Question,
    QuestionVersion,
    Quiz,
)
from lectern.models.classes import (
    Assignment,
    ClassCoTeacher,
    Classroom,
    Enrollment,
    Teacher,
    TeacherInvite,
)
from lectern.models.live import LiveAnswer, LiveParticipant, LiveSession
from lectern.models.lti import (
    LtiContext,
    LtiPlatform,
    LtiResourceLink,
    LtiScore,
    LtiToolKey,
    LtiUsedNonce,
    LtiUser,
)
from lectern.models.media import Media
from lectern.models.study import Card, CardReview, StudyItem, StudyRun
from lectern.models.timestamps import utcnow

__all__ = [
    "DRAFT",
    "IMPORTING",
    "PUBLISHED",
    "Assignment",
    "Attempt",
    "Bank",
    "BankCoOwner",
    "Card",
    "CardReview",
    "ClassCoTeacher",
    "Classroom",
    "Enrollment",
    "LiveAnswer",
    "LiveParticipant",
    "LiveSession",
    "LtiContext",
    "LtiPlatform",
    "LtiResourceLink",
    "LtiScore",
    "LtiToolKey",
    "LtiUsedNonce",
    "LtiUser",
    "MarkChange",
    "Media",
    "Question",
    "QuestionVersion",
    "Quiz",
    "Response",
    "Student",
    "StudyItem",
    "StudyRun",
    "Teacher",
    "TeacherInvite",
    "utcnow",
]
