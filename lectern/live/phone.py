"""The phone's pages: join with the code, the current question (and only it), the reveal, and the
student's results at the end. Every page works by reloading; static/live.js polls the state
endpoint twice a second and swaps in whatever the teacher moved on to (the next question, the question
closed, its reveal, the end) from the reply, without reloading."""

from __future__ import annotations

from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from lectern.core import join_codes, live_rules
from lectern.core.questions import TamperedResponse
from lectern.extensions import db, limiter
from lectern.live import bp
from lectern.live.forms import ANSWER_LABEL, ClassJoinForm, LiveJoinForm, live_answer_form
from lectern.live.reveal import current_definition, question_html, reveal_html
from lectern.models import LiveSession
from lectern.request_input import bounded_int
from lectern.services import live_results, live_sessions
from lectern.student.forms import field_name
from lectern.student.identity import current_student, student_named
from lectern.student.joining import JOIN_LIMIT

NOT_OPEN = "That question is not open any more, so your answer was not stored."
ANSWERED = "You answered this question already: your first answer counts."


def _failed(response) -> bool:
    return response.status_code != 302


def _session(code: str) -> LiveSession:
    return live_sessions.session_by_code(code) or abort(404, description="No live session has that code.")


@bp.route("/", methods=["GET", "POST"])
@limiter.limit(JOIN_LIMIT, methods=["POST"], deduct_when=_failed)
def enter():
    """The code and a name: the phone joins the session (codes and names checked as a class's are)."""
    student = current_student()
    form = LiveJoinForm(data={"code": request.args.get("code", ""),
                              "display_name": student.display_name if student else ""})
    if form.validate_on_submit():
        session = live_sessions.session_by_code(form.code.data)
        if session is None or session.state == live_rules.FINISHED:
            form.code.errors.append(f"No live session is running with the code {join_codes.normalise(form.code.data)}."
                                    " Check the code on the board.")
        else:
            return _join(session, form.display_name.data)
    return render_template("live/enter.html", form=form), (400 if form.errors else 200)


def _join(session: LiveSession, name: str) -> ResponseReturnValue:
    student = current_student()
    if live_sessions.participant_of(session, student) is None:
        if session.classroom_id is not None and live_sessions.roster_name(session, student) is None:
            flash("This live session is for a class: join the class first with its class code, "
                  "or come back as yourself with your personal code.", "error")
            return redirect(url_for("student.join"))
        live_sessions.join(session, student_named(name) if session.classroom_id is None else student, name)
        db.session.commit()
    return redirect(url_for("live.phone", code=session.join_code))


@bp.post("/<code>/join")
@limiter.limit(JOIN_LIMIT, deduct_when=_failed)
def join_class_session(code: str):
    """A student on the class roster joins its session under their roster name."""
    session = _session(code)
    if not ClassJoinForm().validate_on_submit() or session.state == live_rules.FINISHED:
        abort(400, description="Reload the page and press Join again.")
    return _join(session, "")


@bp.get("/<code>")
def phone(code: str):
    """Where the session is now, as this phone may see it: the lobby, the open question (with the
    answer kept once sent), the question closed, its reveal, or the end with a link to the results."""
    session = _session(code)
    student = current_student()
    participant = live_sessions.participant_of(session, student)
    if participant is None:
        if session.classroom_id is not None and live_sessions.roster_name(session, student):
            return render_template("live/class_join.html", session=session, form=ClassJoinForm())
        return redirect(url_for("live.enter", code=session.join_code))
    return render_template("live/phone.html", **_phone_view(session, participant))


def _phone_view(session: LiveSession, participant) -> dict:
    now = live_sessions.clock()
    state = live_rules.effective_state(live_sessions.moment_of(session), now)
    definition = current_definition(session) if live_rules.phone_may_see_question(state) else None
    mine = live_sessions.answer_of(participant, session.position) if definition else None
    view = {"session": session, "participant": participant, "state": state, "q": definition, "mine": mine,
            "answer_label": ANSWER_LABEL,
            "etag": live_sessions.Pulse(session.id, session.version, live_sessions.moment_of(session)).etag(now)}
    if definition is not None and state == live_rules.OPEN and mine is None:
        form = live_answer_form(session.position, definition, formdata=None)
        view |= {"form": form, "question": question_html(session, definition, form)}
    if definition is not None and state == live_rules.REVEALED:
        view["reveal"] = reveal_html(session, definition)
    if session.leaderboard == "nicknames":
        view["nickname"] = live_results.nickname(session, participant)
    return view


@bp.post("/<code>/answer")
def answer(code: str):
    """Store the phone's answer to the open question: 409 (nothing stored) if it is not open now,
    or was answered before from this phone's student."""
    session = _session(code)
    participant = live_sessions.participant_of(session, current_student())
    if participant is None:
        abort(403, description="Join the session first.")
    position = request.form.get("position", -1, type=bounded_int)
    definition = current_definition(session)
    if definition is None or position != session.position:
        abort(409, description=NOT_OPEN)
    form = live_answer_form(position, definition)
    if not form.validate_on_submit():
        abort(400, description="That answer could not be read. Reload the page and answer again.")
    try:
        response = definition.response_from_form(form[field_name(position)].data)
        live_sessions.answer(session, participant, position, response, definition)
        db.session.commit()
    except TamperedResponse:
        abort(400, description="That answer is not one of the question's. Reload the page and answer again.")
    except live_sessions.NotOpen:
        abort(409, description=NOT_OPEN)
    except live_sessions.AlreadyAnswered:
        abort(409, description=ANSWERED)
    return redirect(url_for("live.phone", code=session.join_code))


@bp.get("/<code>/state")
def state(code: str):
    """The session's version and moment for live.js: 304 while the If-None-Match is still current.

    One indexed read, no session cookie written, no template on the 304 path; on a change, the
    open question's fieldset (the same for every phone, rendered once per version) comes along.
    """
    pulse = live_sessions.pulse(join_codes.normalise(code))
    if pulse is None:
        abort(404)
    now = live_sessions.clock()
    etag = pulse.etag(now)
    if etag in request.headers.get("If-None-Match", ""):
        return "", 304, {"ETag": etag}
    moment = pulse.moment
    body = {"state": live_rules.effective_state(moment, now), "position": moment.position, "total": moment.total}
    session = db.session.get(LiveSession, pulse.session_id)
    if session.version != pulse.version:  # moved on again since the pulse was read: the next poll has it
        return jsonify(body), 200, {"ETag": etag}
    definition = current_definition(session)
    if body["state"] == live_rules.OPEN and definition is not None:
        form = live_answer_form(session.position, definition, formdata=None)
        body["html"] = str(question_html(session, definition, form))
    else:
        # Closed, revealed or finished: this phone's own view (its answer, right or not), so no
        # phone reloads when the teacher moves on. Read from the cookie, written to nobody.
        participant = live_sessions.participant_of(session, current_student())
        if participant is not None:
            body["view"] = render_template("live/_view.html", **_phone_view(session, participant))
    return jsonify(body), 200, {"ETag": etag}


@bp.get("/<code>/results")
def my_results(code: str):
    """At the end: each question with the student's answer, the right answer, why, and the evidence."""
    session = _session(code)
    participant = live_sessions.participant_of(session, current_student())
    if participant is None:
        abort(404)
    if session.state != live_rules.FINISHED:
        return redirect(url_for("live.phone", code=session.join_code))
    return render_template("live/my_results.html", session=session,
                           results=live_results.my_results(session, participant))
