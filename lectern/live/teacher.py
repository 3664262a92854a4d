"""The teacher's live pages, on the guarded teacher blueprint: starting a session from a quiz,
the control page, the projector view with the join code and its QR code, and the results.

A session is its owner's alone: another teacher gets 403 on every page and button of it.
"""

from __future__ import annotations

import io

import segno
from flask import abort, flash, jsonify, redirect, render_template, request, url_for

from lectern.core import live_rules
from lectern.extensions import db
from lectern.live.forms import ControlForm, NewLiveForm
from lectern.live.reveal import current_definition, reveal_html
from lectern.models import LiveSession, Quiz
from lectern.request_input import bounded_int
from lectern.services import live_results, live_sessions
from lectern.teacher import bp, current_teacher

LEADERBOARD_TOP = 5
NOT_YOURS = "This live session is another teacher's: only the teacher who started it can run it."


def _owned(live_id: int) -> LiveSession:
    try:
        session = live_sessions.owned_session(current_teacher(), live_id)
    except live_sessions.NotOwner:
        abort(403, description=NOT_YOURS)
    return session or abort(404)


@bp.route("/quizzes/<int:quiz_id>/live", methods=["GET", "POST"])
def live_new(quiz_id: int):
    """Start a live session of the quiz: for one of the teacher's classes or anyone with the code."""
    quiz = db.session.get(Quiz, quiz_id) if 0 < quiz_id < 2**63 else None
    if quiz is None or quiz.retired:
        abort(404)
    questions = live_sessions.live_questions(quiz)
    classes = [(c.id, c.name) for c in current_teacher().classrooms]
    # From a class's page the class comes chosen (?classroom_id=); the form still offers every class.
    form = NewLiveForm(classes, [(d.id, d.prompt) for _, d in questions],
                       data={"classroom_id": request.args.get("classroom_id", 0, type=bounded_int)})
    if form.validate_on_submit():
        classroom = next((c for c in current_teacher().classrooms if c.id == form.classroom_id.data), None)
        session = live_sessions.create_session(current_teacher(), quiz, classroom, form.questions.data or None,
                                               form.seconds.data, form.leaderboard.data)
        if not session.question_version_ids:
            db.session.rollback()
            flash("This quiz has no question a live session can ask (essays and cloze questions cannot be "
                  "asked live: they take longer than a live round).", "error")
        else:
            db.session.commit()
            return redirect(url_for("teacher.live_control", live_id=session.id))
    return render_template("live/new.html", quiz=quiz, form=form, count=len(questions)), (400 if form.errors else 200)


@bp.route("/live/<int:live_id>", methods=["GET", "POST"])
def live_control(live_id: int):
    """The teacher's controls: open the next question, close it, reveal it, finish; who has joined."""
    session = _owned(live_id)
    form = ControlForm()
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400, description="Use one of the buttons on the page.")
        try:
            live_sessions.act(session, current_teacher(), form.action.data, form.version.data)
            db.session.commit()
        except live_rules.NotAllowed as refused:
            db.session.rollback()
            flash(f"Nothing changed: {refused}.", "error")
            session = _owned(live_id)
            return render_template("live/control.html", **_view(session), form=ControlForm(formdata=None)), 409
        if form.action.data == "finish":
            return redirect(url_for("teacher.live_results", live_id=live_id))
        return redirect(url_for("teacher.live_control", live_id=live_id))
    return render_template("live/control.html", **_view(session), form=form)


def _view(session: LiveSession, *, room: bool = False) -> dict:
    """What the teacher's pages show; room: the projector's leaderboard too (not for the status
    poll, which asks twice a second and needs only the counts)."""
    now = live_sessions.clock()
    state = live_rules.effective_state(live_sessions.moment_of(session), now)
    definition = current_definition(session) if live_rules.phone_may_see_question(state) else None
    return {"session": session, "state": state, "q": definition,
            "names": live_sessions.participant_names(session),
            "answered": live_sessions.answered_count(session) if definition else 0,
            "reveal": reveal_html(session, definition) if definition and state == live_rules.REVEALED else None,
            "leaderboard": _leaderboard(session, state) if room else [],
            "join_url": url_for("live.enter", code=session.join_code, _external=True),
            "join_page": url_for("live.enter", _external=True).split("://", 1)[-1].rstrip("/"),
            "etag": live_sessions.Pulse(session.id, session.version, live_sessions.moment_of(session)).etag(now)}


def _leaderboard(session: LiveSession, state: str) -> list[live_rules.Standing]:
    """The room's top lines, when the session has a leaderboard: only once a question is revealed
    (or at the end), so it never tells who answered what while a question is open or closed."""
    if session.leaderboard == "off" or state not in (live_rules.REVEALED, live_rules.FINISHED):
        return []
    return live_results.standings(session, anonymous=session.leaderboard == "nicknames")[:LEADERBOARD_TOP]


@bp.get("/live/<int:live_id>/projector")
def live_projector(live_id: int):
    """For the room: the join code in large type with its QR code, then each question, how many have
    answered (never who answered what), and the reveal."""
    return render_template("live/projector.html", **_view(_owned(live_id), room=True))


@bp.get("/live/<int:live_id>/status")
def live_status(live_id: int):
    """What the projector and control pages poll: the version (ETag), answers in, names joined."""
    session = _owned(live_id)
    view = _view(session)
    return jsonify(etag=view["etag"], answered=view["answered"], joined=len(view["names"]),
                   names=view["names"][-50:])


@bp.get("/live/<int:live_id>/qr.svg")
def live_qr(live_id: int):
    """The join link as a QR code, made here (segno) so it works in a classroom without internet."""
    session = _owned(live_id)
    out = io.BytesIO()
    segno.make(url_for("live.enter", code=session.join_code, _external=True), error="m").save(
        out, kind="svg", scale=10, border=2, xmldecl=False, title=f"Join code {session.join_code}", omitsize=True)
    return out.getvalue(), 200, {"Content-Type": "image/svg+xml"}


@bp.get("/live/<int:live_id>/results", endpoint="live_results")
def live_results_page(live_id: int):
    """After the session (or during it): each student's score, and the leaderboard if it is on."""
    session = _owned(live_id)
    lines = live_results.standings(session)
    return render_template("live/results.html", session=session, lines=lines,
                           leaderboard=session.leaderboard != "off")
