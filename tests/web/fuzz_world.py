"""The sample world the fuzz test sends its requests into, and putting it back after the requests
that can use it up (a submitted attempt, an unassigned quiz, a merged student, a signed-out teacher)."""

from __future__ import annotations

import copy
import itertools

from sqlalchemy import select, update

from lectern.core.images import check_image
from lectern.extensions import db
from lectern.models import (
    Assignment,
    Attempt,
    Bank,
    Classroom,
    Enrollment,
    LiveSession,
    Question,
    Quiz,
    Student,
    StudyRun,
    Teacher,
)
from lectern.services import attempts as attempt_service
from lectern.services import teacher_invites
from lectern.services.media import store_images
from lectern.services.teachers import create_teacher
from tests.conftest import csrf_token
from tests.web.fuzz_inputs import PNG
from tests.web.helpers import RIGHT, start, submit
from tests.web.study_steps import practise
from tests.web.teachers import PASSWORD, sign_in

ROLES = ("anonymous", "student", "teacher")
_invites = itertools.count()


def build_world(app, teacher: int) -> dict:
    """Ana took a quiz, has it in progress again and a practice session, and is in the teacher's class
    with Ben, the quiz assigned; the bank has a co-owner; an invitation is open. Returns the sample
    URL values, and each role's session cookie and CSRF token."""
    student = app.test_client()
    submit(student, start(student), RIGHT)
    open_url = start(student)  # the same quiz again: all its questions, so its form is the same every run
    run_url = practise(student, "/practice/mini")
    teacher_client = app.test_client()
    assert sign_in(teacher_client).status_code == 302
    with app.app_context():
        quiz = db.session.scalar(select(Quiz).where(Quiz.key == "full"))
        ana = db.session.scalar(select(Student))
        classroom = Classroom(teacher_id=teacher, name="7B", join_code="ABCDEF")
        enrollment = Enrollment(classroom=classroom, student=ana, display_name="Ana")
        ben = Enrollment(classroom=classroom, student=Student(token="ben", display_name="Ben"), display_name="Ben")
        assignment = Assignment(classroom=classroom, quiz=quiz)
        db.session.add_all([classroom, enrollment, ben, assignment])
        attempt = db.session.scalar(select(Attempt).where(Attempt.submitted_at.is_not(None)))
        attempt.assignment = assignment
        invite = teacher_invites.create_invite("new@school.org", db.session.get(Teacher, teacher))
        bank = db.session.scalar(select(Bank))
        co_owner = create_teacher("co@school.org", PASSWORD)
        bank.co_owners.append(co_owner)
        live = LiveSession(owner_id=teacher, quiz=quiz, join_code="LIVE23", question_version_ids=[])
        db.session.add(live)
        picture = check_image(PNG)
        store_images([picture])
        db.session.commit()
        world = {
            "slug": "mini", "key": "meeting-city", "quiz_key": "full", "number": 1, "quiz_id": quiz.id,
            "code": "ABCDEF",
            "classroom_id": classroom.id, "enrollment_id": enrollment.id, "assignment_id": assignment.id,
            "attempt_id": attempt.id, "response_id": attempt.responses[0].id, "teacher_id": co_owner.id,
            "essay_response_id": next(r.id for r in attempt.responses if r.question_version.type == "essay"),
            "invite_id": invite.invite.id, "token": invite.token, "run_id": int(run_url.rsplit("/", 1)[1]),
            "open_attempt_id": int(open_url.rsplit("/", 1)[1]), "live_id": live.id, "live_code": "LIVE23",
            "sha256": picture.digest,
            "platform_id": 1,  # no LTI platform is registered: removing it changes nothing
            # What put_back restores.
            "ana": ana.id, "ben": ben.student_id, "key_terms": copy.deepcopy(bank.key_terms),
            "nonce": db.session.get(Teacher, teacher).session_nonce,
        }
    world["csrf"], world["cookies"] = {}, {}
    for role, client in zip(ROLES, (app.test_client(), student, teacher_client)):
        world["csrf"][role] = csrf_token(client.get("/join").text)  # the session now holds its secret
        world["cookies"][role] = client.get_cookie("session").value
    return world


def browser(app, world: dict, role: str):
    """A fresh browser holding the role's session, so what one request does to its cookie
    (Not you?, signing out, an invitation accepted) does not follow the next."""
    client = app.test_client()
    client.set_cookie("session", world["cookies"][role])
    return client


def put_back(app, world: dict) -> None:
    """Undo what a spending view may have done to the world, so the next requests still reach views."""
    with app.app_context():
        session = db.session
        open_attempt = session.get(Attempt, world["open_attempt_id"])
        if open_attempt.submitted_at is not None:
            again = attempt_service.start_attempt(open_attempt.quiz, open_attempt.student)
            session.flush()
            world["open_attempt_id"] = again.id
        classroom = session.get(Classroom, world["classroom_id"])
        classroom.join_code = world["code"]
        if session.get(Assignment, world["assignment_id"]) is None:
            attempt = session.get(Attempt, world["attempt_id"])
            attempt.assignment = Assignment(classroom=classroom, quiz=attempt.quiz)
            session.flush()
            world["assignment_id"] = attempt.assignment_id
        # Merging Ana into Ben moves her attempts and practice to him and ends her enrollment.
        for model in (Attempt, StudyRun):
            session.execute(update(model).where(model.student_id == world["ben"]).values(student_id=world["ana"])
                            .execution_options(synchronize_session=False))
        session.expire_all()
        for student_id, name in ((world["ana"], "Ana"), (world["ben"], "Ben")):
            if session.scalar(select(Enrollment).filter_by(classroom_id=classroom.id, student_id=student_id)) is None:
                session.add(Enrollment(classroom=classroom, student_id=student_id, display_name=name))
        session.flush()
        world["enrollment_id"] = session.scalar(select(Enrollment.id).filter_by(
            classroom_id=classroom.id, student_id=world["ana"]))
        for question in session.scalars(select(Question).where(Question.retired.is_(True))):
            question.retired = False
        bank = session.scalar(select(Bank).where(Bank.slug == "mini"))
        bank.key_terms = world["key_terms"]
        if not bank.co_owners:
            bank.co_owners.append(session.get(Teacher, world["teacher_id"]))
        teacher = session.scalar(select(Teacher).where(Teacher.email == "teacher@school.org"))
        teacher.session_nonce = world["nonce"]  # signed in again, without paying for scrypt
        try:
            teacher_invites.usable_invite(world["token"])
        except teacher_invites.InviteUnusable:
            invite = teacher_invites.create_invite(f"new{next(_invites)}@school.org", teacher)
            world["invite_id"], world["token"] = invite.invite.id, invite.token
        session.commit()
