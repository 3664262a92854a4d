"""An LTI launch from id_token to Lectern's people: the token checked (PyJWT against the platform's
JWKS), its nonce used once, and the user, course and link mapped to a student or teacher, a class
and an assignment, created on first launch."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, timedelta
from typing import Any

import jwt
from flask import current_app
from sqlalchemy import delete, select
from werkzeug.security import generate_password_hash

from lectern.core.lti_claims import (
    RESOURCE_LINK,
    SCORE_SCOPE,
    Launch,
    LaunchRefused,
    quiz_reference,
    read_launch,
)
from lectern.extensions import db
from lectern.models import (
    Assignment,
    Bank,
    Classroom,
    LtiContext,
    LtiPlatform,
    LtiResourceLink,
    LtiUsedNonce,
    LtiUser,
    Quiz,
    Student,
    Teacher,
    utcnow,
)
from lectern.services import classes, lti_deep_linking, lti_platforms
from lectern.services.lti_http import PlatformUnreachable, get_json

LEEWAY_SECONDS = 60  # clocks of a school's LMS and of Lectern may differ by this much
EXPIRED = ("The launch has expired: it is valid for a few minutes only. Go back to the course and open "
           "the activity again.")
BAD_SIGNATURE = ("The launch's signature does not match the course platform's public keys, so Lectern cannot "
                 "tell who sent it. Open the activity again from the course; if it keeps happening, the "
                 "administrator should check the platform's keyset URL in Lectern.")


class _PlatformKeys(jwt.PyJWKClient):
    """PyJWKClient (cache, one refresh on an unknown kid) fetching through lti_http, like every platform call."""

    def fetch_data(self) -> Any:
        try:
            data = get_json(self.uri, "The platform's keyset URL")
        except PlatformUnreachable as e:
            raise jwt.PyJWKClientConnectionError(str(e)) from e
        if self.jwk_set_cache is not None:
            self.jwk_set_cache.put(data)
        return data


def _keys_of(platform: LtiPlatform) -> jwt.PyJWKClient:
    """One key client per keyset URL and app: a cache only (an hour), so each worker keeps its own."""
    clients = current_app.extensions.setdefault("lectern_lti_jwks", {})
    if platform.jwks_url not in clients:
        clients[platform.jwks_url] = _PlatformKeys(platform.jwks_url, lifespan=3600, cooldown_duration=10)
    return clients[platform.jwks_url]


def platform_of_token(id_token: str) -> LtiPlatform:
    """The registered platform that says it sent this token (not yet believed: verify_token checks)."""
    try:
        unverified = jwt.decode(id_token, options={"verify_signature": False})
    except jwt.PyJWTError:
        raise LaunchRefused("What the course sent is not a launch token Lectern can read. Open the activity "
                            "again from the course.") from None
    audience = unverified.get("aud")
    client_id = audience if isinstance(audience, str) else unverified.get("azp")
    platform = lti_platforms.platform_for(str(unverified.get("iss") or ""), client_id if isinstance(client_id, str) else None)
    if platform is None:
        raise LaunchRefused("The platform that sent this launch is not registered in Lectern (or the launch was "
                            "meant for another tool). A Lectern admin registers it under LTI platforms.")
    return platform


def verify_token(platform: LtiPlatform, id_token: str) -> dict[str, Any]:
    """The id_token's claims once signature, issuer, audience and expiry are checked; LaunchRefused otherwise."""
    try:
        key = _keys_of(platform).get_signing_key_from_jwt(id_token)
        claims = jwt.decode(id_token, key, algorithms=["RS256"], audience=platform.client_id,
                            issuer=platform.issuer, leeway=LEEWAY_SECONDS,
                            options={"require": ["iss", "aud", "exp", "iat", "nonce"]})
    except jwt.ExpiredSignatureError:
        raise LaunchRefused(EXPIRED) from None
    except jwt.InvalidAudienceError:
        raise LaunchRefused("The launch was meant for another tool (its audience is not Lectern's client id "
                            f"{platform.client_id}). The administrator should check the client id in Lectern.") from None
    except jwt.InvalidIssuerError:
        raise LaunchRefused("The launch says it comes from another platform than the one registered.") from None
    except jwt.PyJWKClientConnectionError as e:
        raise LaunchRefused(f"Lectern could not fetch the platform's public keys to check the launch: {e}. "
                            "Try again in a minute.") from None
    except jwt.MissingRequiredClaimError as e:
        raise LaunchRefused(f"The launch lacks its {e.claim!r} claim. Open the activity again from the course.") from None
    except jwt.PyJWTError:
        raise LaunchRefused(BAD_SIGNATURE) from None
    audience = claims["aud"]
    if isinstance(audience, list) and len(audience) > 1 and claims.get("azp") != platform.client_id:
        raise LaunchRefused("The launch names several tools and Lectern is not the one it is for (azp).")
    return claims


def use_nonce(nonce: str, expires: int) -> None:
    """Record the nonce as spent until the token expires; LaunchRefused if it was spent before (a replay)."""
    now = utcnow()
    db.session.execute(delete(LtiUsedNonce).where(LtiUsedNonce.expires_at < now))
    if db.session.scalar(select(LtiUsedNonce.id).where(LtiUsedNonce.nonce == nonce)) is not None:
        raise LaunchRefused("This launch was used already; each one works once. Open the activity again from the course.")
    # Until the token expires, at most a day: a platform's far-future exp must neither overflow the date
    # nor keep the row for ever. Safe: a replay after the state's ten minutes is refused by the state.
    seconds = min(max(int(expires) - int(now.replace(tzinfo=UTC).timestamp()), 0), 24 * 3600)
    until = now + timedelta(seconds=seconds + LEEWAY_SECONDS)
    db.session.add(LtiUsedNonce(nonce=nonce[:128], expires_at=until))


@dataclass
class Arrival:
    """Who a launch makes this browser, and where it lands."""

    launch: Launch
    platform: LtiPlatform
    lti_user: LtiUser
    classroom: Classroom
    student: Student | None = None
    teacher: Teacher | None = None
    assignment: Assignment | None = None


def arrive(platform: LtiPlatform, claims: dict[str, Any]) -> Arrival:
    """Map a verified launch to Lectern (the caller commits); LaunchRefused, with nothing written, otherwise."""
    launch = read_launch(claims, platform.deployment_ids)
    context = db.session.scalar(select(LtiContext).where(
        LtiContext.platform_id == platform.id, LtiContext.context_id == launch.context_id))
    if context is None and not launch.teaching:
        raise LaunchRefused("Your teacher has not opened this activity yet, so Lectern has no class for this "
                            "course. Ask them to open it once from the course, then try again.")
    link = _link(platform, launch)
    quiz = _quiz(launch) if launch.message_type == RESOURCE_LINK and link is None else None
    user = _user(platform, launch)
    if context is None:
        teacher = _teacher_of(user, platform)
        context = LtiContext(platform=platform, context_id=launch.context_id,
                             classroom=classes.create_classroom(teacher, launch.context_title))
        db.session.add(context)
    if launch.memberships_url:
        context.memberships_url = launch.memberships_url
    arrival = Arrival(launch, platform, user, context.classroom)
    if launch.teaching:
        arrival.teacher = _teacher_of(user, platform)
        # A course may have several instructors; the first owns the class, the others co-teach it.
        classes.add_co_teacher(context.classroom, arrival.teacher)
    else:
        arrival.student = _student_in(user, context.classroom)
    if launch.message_type == RESOURCE_LINK:
        link = link or _new_link(platform, launch, context.classroom, quiz)
        if launch.lineitem_url:
            link.lineitem_url = launch.lineitem_url
            link.can_post_scores = SCORE_SCOPE in launch.ags_scopes
        arrival.assignment = link.assignment
    return arrival


def _link(platform: LtiPlatform, launch: Launch) -> LtiResourceLink | None:
    if launch.resource_link_id is None:
        return None
    return db.session.scalar(select(LtiResourceLink).where(
        LtiResourceLink.platform_id == platform.id, LtiResourceLink.resource_link_id == launch.resource_link_id))


def _quiz(launch: Launch) -> Quiz:
    ref = quiz_reference(launch.custom)
    quiz = None if ref is None else db.session.scalar(
        select(Quiz).join(Bank).where(Bank.slug == ref[0], Quiz.key == ref[1], Quiz.retired.is_(False)))
    if quiz is None:
        who = "Edit the activity in the course and choose a quiz with Select content." if launch.teaching \
            else "Tell your teacher: the activity must be set up again with a quiz."
        raise LaunchRefused(f"This activity does not name a Lectern quiz that exists. {who}")
    return quiz


def _new_link(platform: LtiPlatform, launch: Launch, classroom: Classroom, quiz: Quiz | None) -> LtiResourceLink:
    assert quiz is not None  # _quiz refused the launch otherwise
    link = LtiResourceLink(platform=platform, resource_link_id=launch.resource_link_id,
                           assignment=lti_deep_linking.assignment_for(classroom, quiz))
    db.session.add(link)
    return link


def _user(platform: LtiPlatform, launch: Launch) -> LtiUser:
    user = db.session.scalar(select(LtiUser).where(LtiUser.platform_id == platform.id, LtiUser.sub == launch.sub))
    if user is None:
        user = LtiUser(platform=platform, sub=launch.sub[:255], name=launch.name)
        db.session.add(user)
    user.name = launch.name
    return user


def _teacher_of(user: LtiUser, platform: LtiPlatform) -> Teacher:
    """The Lectern teacher account of a platform's instructor, made on their first launch.

    It has no usable password (they always arrive from the course) and a placeholder address that
    no mail reaches: the platform's email is never used to match or merge accounts.
    """
    if user.teacher is None:
        handle = secrets.token_hex(8)
        user.teacher = Teacher(email=f"lti-{handle}@platform-{platform.id}.lti.invalid",
                               password_hash=generate_password_hash(secrets.token_urlsafe(32), method="scrypt"),
                               session_nonce=secrets.token_hex(8))
    return user.teacher


def _student_in(user: LtiUser, classroom: Classroom) -> Student:
    """The platform's learner as a Lectern student on the class roster, made on their first launch."""
    if user.student is None:
        user.student = Student(token=secrets.token_urlsafe(32), display_name=user.name)
        db.session.flush()
    user.student.display_name = user.name
    if classes.enrollment_of(classroom, user.student) is None:
        classes.join(classroom, user.student, user.name)
    return user.student
