"""Names and Role Provisioning Services: pull a course's members into its class roster (optional per platform).

Learners who have never opened the activity appear on the roster, so the gradebook shows who
has not started; each becomes a Lectern student keyed by platform and `sub`, as a launch would.
"""

from __future__ import annotations

import secrets

from sqlalchemy import select

from lectern.core import lti_claims
from lectern.extensions import db
from lectern.models import LtiContext, LtiUser, Student
from lectern.services import classes, lti_http, lti_scores


def sync(context: LtiContext) -> int:
    """Add the course's active learners to the class roster; the number added (the caller commits)."""
    token = lti_scores.access_token(context.platform, [lti_claims.NRPS_SCOPE])
    page = lti_http.get_with_token(context.memberships_url or "", accept=lti_claims.MEMBERSHIP_MEDIA_TYPE,
                                   token=token, what="The course's member list")
    added = 0
    for member in page.get("members", []) if isinstance(page, dict) else []:
        if not isinstance(member, dict) or member.get("status", "Active") != "Active":
            continue
        sub = str(member.get("user_id") or "").strip()
        if not sub or lti_claims.is_teaching(member.get("roles")):
            continue
        name = lti_claims.display_name(member)
        user = db.session.scalar(select(LtiUser).where(LtiUser.platform_id == context.platform_id, LtiUser.sub == sub))
        if user is None:
            user = LtiUser(platform_id=context.platform_id, sub=sub[:255], name=name)
            db.session.add(user)
        if user.student is None:
            user.student = Student(token=secrets.token_urlsafe(32), display_name=name)
            db.session.flush()
        if classes.enrollment_of(context.classroom, user.student) is None:
            classes.join(context.classroom, user.student, name)
            added += 1
    return added


def sync_all() -> list[str]:
    """Sync every course that has a member list URL; one line per course saying what happened."""
    lines = []
    for context in db.session.scalars(select(LtiContext).where(LtiContext.memberships_url.is_not(None))).all():
        try:
            added = sync(context)
            db.session.commit()
            lines.append(f"{context.classroom.name}: {added} student(s) added.")
        except lti_http.PlatformUnreachable as e:
            db.session.rollback()
            lines.append(f"{context.classroom.name}: not synced ({e}).")
    return lines
