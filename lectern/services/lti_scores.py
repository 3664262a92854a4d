"""Grade passback (LTI Assignment and Grade Services) through a durable outbox.

A submitted attempt, an essay marked, a mark overridden: each adds a row to lti_score (one per
attempt and version) in the same transaction as the change, so no score is lost if the platform
is down. A sender posts them, right after the response that made them and from
`flask lti send-scores` (cron), claiming each row first so two senders never post it twice,
and retrying failures with growing delays. What is posted is the student's grade for the
assignment by its grading method, computed when sent, so the gradebook always gets the latest.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from flask import Flask, g, has_request_context
from sqlalchemy import func, select, update

from lectern.core import lti_claims
from lectern.core.grading_methods import quiz_grade
from lectern.extensions import db
from lectern.models import (
    Assignment,
    Attempt,
    LtiPlatform,
    LtiResourceLink,
    LtiScore,
    LtiUser,
    utcnow,
)
from lectern.services import lti_http, lti_keys

CLAIM_FOR = timedelta(minutes=5)  # a sender that died mid-post frees its row after this


def enqueue(attempt: Attempt) -> list[LtiScore]:
    """Add a just-submitted or re-marked attempt's score to the outbox for every course link of its
    assignment (the caller commits)."""
    if attempt.assignment_id is None:
        return []
    links = db.session.scalars(select(LtiResourceLink).where(
        LtiResourceLink.assignment_id == attempt.assignment_id, LtiResourceLink.can_post_scores.is_(True),
        LtiResourceLink.lineitem_url.is_not(None))).all()
    rows = []
    for link in links:
        user = db.session.scalar(select(LtiUser).where(LtiUser.platform_id == link.platform_id,
                                                       LtiUser.student_id == attempt.student_id))
        if user is None:  # the student joined with a code, not from this course: the course has no row for them
            continue
        version = (db.session.scalar(select(func.max(LtiScore.version)).where(
            LtiScore.attempt_id == attempt.id)) or 0) + 1
        row = LtiScore(attempt_id=attempt.id, version=version, link=link, lti_user=user, next_try_at=utcnow())
        db.session.add(row)
        db.session.flush()
        rows.append(row)
    if rows and has_request_context():
        g.lti_scores_waiting = True
    return rows


def grade_of(assignment: Assignment, student_id: int) -> tuple[float | None, bool]:
    """The student's grade for the assignment in percent by its grading method, and whether an essay waits."""
    attempts = db.session.execute(select(Attempt.points, Attempt.max_points, Attempt.needs_grading).where(
        Attempt.assignment_id == assignment.id, Attempt.student_id == student_id,
        Attempt.submitted_at.is_not(None)).order_by(Attempt.started_at)).all()
    percents = [100 * p / m if m else 100.0 for p, m, _ in attempts if p is not None]
    return quiz_grade(assignment.grading_method, percents), any(w for _, _, w in attempts)


@dataclass
class SendReport:
    sent: int = 0
    failed: int = 0
    superseded: int = 0
    errors: list[str] = field(default_factory=list)


def access_token(platform: LtiPlatform, scopes: list[str]) -> str:
    """An OAuth2 client-credentials token, asked for with a JWT signed by Lectern's key (LTI Security 1.0, 4.1)."""
    assertion = lti_keys.sign({"iss": platform.client_id, "sub": platform.client_id, "aud": platform.token_url,
                               "jti": uuid.uuid4().hex})
    reply = lti_http.post_form(platform.token_url, {
        "grant_type": "client_credentials",
        "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        "client_assertion": assertion, "scope": " ".join(scopes)})
    token = reply.get("access_token") if isinstance(reply, dict) else None
    if not isinstance(token, str) or not token:
        raise lti_http.PlatformUnreachable("The platform's token endpoint gave no access_token.")
    return token


def _claim(row: LtiScore, now: datetime) -> bool:
    """Take the row for this sender; False if another sender took it first."""
    taken = db.session.execute(update(LtiScore).where(
        LtiScore.id == row.id, LtiScore.status == row.status, LtiScore.next_try_at == row.next_try_at,
        LtiScore.tries == row.tries).values(status="sending", next_try_at=now + CLAIM_FOR)
        .execution_options(synchronize_session=False))
    db.session.commit()
    return taken.rowcount == 1


def send_due(now: datetime | None = None, limit: int = 200) -> SendReport:
    """Post every score whose time has come; each row is committed as it goes, so a crash loses nothing."""
    now = now or utcnow()
    report, tokens = SendReport(), {}
    due = db.session.scalars(select(LtiScore).where(LtiScore.status.in_(("pending", "sending")),
                                                    LtiScore.next_try_at <= now)
                             .order_by(LtiScore.id.desc()).limit(limit)).all()
    newest: dict[tuple[int, int], LtiScore] = {}
    for row in due:  # newest first: only the newest row per student and link is posted
        key = (row.link_id, row.lti_user_id)
        if key in newest:
            row.status = "superseded"
            report.superseded += 1
        else:
            newest[key] = row
    db.session.commit()
    for row in sorted(newest.values(), key=lambda r: r.id):
        if _claim(row, now):
            _send_one(db.session.get(LtiScore, row.id), tokens, report)
    return report


def _send_one(row: LtiScore, tokens: dict[int, str], report: SendReport) -> None:
    link, user = row.link, row.lti_user
    grade, waiting = grade_of(link.assignment, user.student_id) if user.student_id else (None, False)
    body = lti_claims.score_body(user_id=user.sub, points=grade, max_points=100.0, waiting_for_marking=waiting,
                                 timestamp=utcnow().isoformat(timespec="milliseconds") + "Z")
    try:
        platform = link.platform
        if platform.id not in tokens:
            tokens[platform.id] = access_token(platform, [lti_claims.SCORE_SCOPE])
        reply = lti_http.post_json(lti_claims.scores_url(link.lineitem_url or ""), body,
                                   content_type=lti_claims.SCORE_MEDIA_TYPE, token=tokens[platform.id])
        if not 200 <= reply.status < 300:
            raise lti_http.PlatformUnreachable(
                f"The gradebook answered {reply.status}: {reply.body[:200].decode('utf-8', 'replace')}")
    except lti_http.PlatformUnreachable as e:
        row.tries += 1
        row.status, row.last_error = "pending", str(e)[:500]
        row.next_try_at = utcnow() + timedelta(seconds=lti_claims.retry_delay_seconds(row.tries))
        report.failed += 1
        report.errors.append(f"attempt {row.attempt_id} v{row.version}: {e}")
    else:
        row.status, row.sent_at, row.last_error = "sent", utcnow(), None
        row.score_given, row.waiting_for_marking = grade, waiting
        row.tries += 1
        report.sent += 1
        # Older rows still waiting for this student and link are covered: what was posted is the grade now.
        db.session.execute(update(LtiScore).where(
            LtiScore.link_id == row.link_id, LtiScore.lti_user_id == row.lti_user_id, LtiScore.id < row.id,
            LtiScore.status == "pending").values(status="superseded").execution_options(synchronize_session=False))
    db.session.commit()


def send_after_response(app: Flask) -> Callable[[], None]:
    """What the response's close runs when it added scores: one sending pass, outside the request."""
    def run() -> None:
        started = time.monotonic()
        with app.app_context():
            try:
                send_due()
            except Exception:  # the outbox keeps every row; `flask lti send-scores` retries
                app.logger.exception("sending LTI scores after a response failed")
            finally:
                db.session.remove()
        app.logger.debug("LTI scores sent in %.2f s", time.monotonic() - started)
    return run


@dataclass(frozen=True)
class SyncState:
    """One student's latest score row for a link, as the teacher sees it."""

    name: str
    status: str
    score_given: float | None
    tries: int
    next_try_at: datetime | None
    last_error: str | None
    sent_at: datetime | None


def sync_states(assignment: Assignment) -> list[SyncState]:
    """The newest outbox row per student of the assignment's course links."""
    rows = db.session.scalars(select(LtiScore).join(LtiScore.link).where(
        LtiResourceLink.assignment_id == assignment.id).order_by(LtiScore.id.desc())).all()
    seen: dict[int, Any] = {}
    for row in rows:
        if row.lti_user_id not in seen and row.status != "superseded":
            seen[row.lti_user_id] = SyncState(row.lti_user.name, row.status, row.score_given, row.tries,
                                              row.next_try_at if row.status != "sent" else None,
                                              row.last_error, row.sent_at)
    return sorted(seen.values(), key=lambda s: s.name.lower())


def opened_from_a_course(assignment: Assignment) -> bool:
    """Whether an LMS activity (an LTI resource link) opens this assignment, so its scores go to a course."""
    return db.session.scalar(select(LtiResourceLink.id).where(
        LtiResourceLink.assignment_id == assignment.id).limit(1)) is not None


def waiting_count() -> int:
    return db.session.scalar(select(func.count()).select_from(LtiScore).where(
        LtiScore.status.in_(("pending", "sending")))) or 0

