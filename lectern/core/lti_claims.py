"""LTI 1.3 messages as plain values: what a launch's claims say, and what Lectern sends back.

The id_token's signature, issuer, audience and expiry are checked by PyJWT before these
functions see the claims (lectern/services/lti_launch.py); here the LTI-specific rules are
read and checked: message type and version, deployment, the user, their roles, the course
(context) and the link. Pure: no Flask, no database, so every rule is a unit test.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit, urlunsplit

LTI = "https://purl.imsglobal.org/spec/lti/claim/"
DL = "https://purl.imsglobal.org/spec/lti-dl/claim/"
AGS_ENDPOINT = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"
NRPS_CLAIM = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice"
SCORE_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/score"
LINEITEM_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem"
NRPS_SCOPE = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly"
SCORE_MEDIA_TYPE = "application/vnd.ims.lis.v1.score+json"
MEMBERSHIP_MEDIA_TYPE = "application/vnd.ims.lti-nrps.v2.membershipcontainer+json"

RESOURCE_LINK = "LtiResourceLinkRequest"
DEEP_LINKING = "LtiDeepLinkingRequest"
# Roles that may set up and mark the activity: the LIS institution and context roles a platform
# sends for a teacher, in full and in the short form LTI 1.1 used (some platforms still send it).
TEACHING_ROLES = ("Instructor", "Administrator", "ContentDeveloper", "Mentor#TeachingAssistant",
                  "Instructor#TeachingAssistant")
LEARNING_ROLES = ("Learner", "Student")
SERVICE_URL_MAX = 500  # the longest line item or member list URL Lectern stores (its columns' size)


class LaunchRefused(ValueError):
    """A launch Lectern will not act on; the message says what is wrong and who can fix it."""


@dataclass(frozen=True)
class Launch:
    """What a valid launch tells Lectern."""

    message_type: str
    deployment_id: str
    sub: str
    name: str
    teaching: bool
    context_id: str
    context_title: str
    resource_link_id: str | None = None
    resource_link_title: str | None = None
    custom: dict[str, str] = field(default_factory=dict)
    lineitem_url: str | None = None
    lineitems_url: str | None = None
    ags_scopes: tuple[str, ...] = ()
    memberships_url: str | None = None
    deep_link_return_url: str | None = None
    deep_link_data: str | None = None


def _text(claims: dict[str, Any], name: str) -> str:
    value = claims.get(name)
    return value.strip() if isinstance(value, str) else ""


def is_teaching(roles: Any) -> bool:
    """True for the roles that teach (instructor, admin, TA); a learner, or no role, is a student."""
    if not isinstance(roles, list):
        return False
    names = [r.rsplit("/", 1)[-1].rsplit("membership#", 1)[-1] for r in roles if isinstance(r, str)]
    return any(n in TEACHING_ROLES or n.endswith(("#Instructor", "#Administrator")) for n in names)


def display_name(claims: dict[str, Any]) -> str:
    """The name the teacher will see: the platform's full name, else given and family, else a fallback."""
    name = _text(claims, "name") or " ".join(p for p in (_text(claims, "given_name"),
                                                         _text(claims, "family_name")) if p)
    return (name or "Student from the course")[:80]


def read_launch(claims: dict[str, Any], deployment_ids: list[str]) -> Launch:
    """The launch's meaning, once its LTI claims are checked; LaunchRefused says what is wrong."""
    message_type = _text(claims, LTI + "message_type")
    if message_type not in (RESOURCE_LINK, DEEP_LINKING):
        raise LaunchRefused(f"The course sent a {message_type or 'blank'} message; Lectern takes a "
                            "resource link launch or a deep-linking request.")
    if _text(claims, LTI + "version") != "1.3.0":
        raise LaunchRefused("The course did not say it speaks LTI 1.3.0. Register Lectern as an LTI 1.3 tool.")
    deployment_id = _text(claims, LTI + "deployment_id")
    if not deployment_id:
        raise LaunchRefused("The launch names no deployment. The course administrator should check the tool's setup.")
    if deployment_id not in deployment_ids:
        raise LaunchRefused(f"The deployment {deployment_id!r} is not registered in Lectern. A Lectern admin "
                            "can add it on the platform's page under LTI platforms.")
    sub = _text(claims, "sub")
    if not sub:
        raise LaunchRefused("The course sent no user id (an anonymous launch); Lectern needs to know who is "
                            "taking the quiz. Turn off anonymous launches for this tool.")
    context = claims.get(LTI + "context")
    context = context if isinstance(context, dict) else {}
    context_id = str(context.get("id") or "").strip()
    if not context_id:
        raise LaunchRefused("The launch came from outside a course (no context); open it from a course.")
    launch: dict[str, Any] = {
        "message_type": message_type, "deployment_id": deployment_id, "sub": sub,
        "name": display_name(claims), "teaching": is_teaching(claims.get(LTI + "roles")),
        "context_id": context_id[:255],
        "context_title": str(context.get("title") or context.get("label") or "Course")[:120],
        "custom": {str(k): str(v) for k, v in (claims.get(LTI + "custom") or {}).items()}
        if isinstance(claims.get(LTI + "custom"), dict) else {},
    }
    launch.update(_services(claims))
    if message_type == RESOURCE_LINK:
        link = claims.get(LTI + "resource_link")
        link_id = str(link.get("id") or "").strip() if isinstance(link, dict) else ""
        if not link_id:
            raise LaunchRefused("The launch names no resource link; the course administrator should check the activity.")
        launch["resource_link_id"] = link_id[:255]
        launch["resource_link_title"] = str(link.get("title") or "")[:200] or None
    else:
        settings = claims.get(DL + "deep_linking_settings")
        settings = settings if isinstance(settings, dict) else {}
        if not launch["teaching"]:
            raise LaunchRefused("Only a teacher of the course can add a Lectern quiz to it.")
        if not str(settings.get("deep_link_return_url") or "").startswith(("https://", "http://")):
            raise LaunchRefused("The course did not say where to send the chosen quiz (deep_link_return_url).")
        launch["deep_link_return_url"] = settings["deep_link_return_url"]
        launch["deep_link_data"] = settings.get("data") if isinstance(settings.get("data"), str) else None
    return Launch(**launch)


def _services(claims: dict[str, Any]) -> dict[str, Any]:
    """The grade (AGS) and roster (NRPS) service URLs the platform offers with this launch."""
    found: dict[str, Any] = {}
    ags = claims.get(AGS_ENDPOINT)
    if isinstance(ags, dict):
        found["lineitem_url"] = _service_url(ags.get("lineitem"))
        found["lineitems_url"] = _service_url(ags.get("lineitems"))
        scopes = ags.get("scope")
        found["ags_scopes"] = tuple(s for s in scopes if isinstance(s, str)) if isinstance(scopes, list) else ()
    nrps = claims.get(NRPS_CLAIM)
    if isinstance(nrps, dict) and _service_url(nrps.get("context_memberships_url")):
        found["memberships_url"] = nrps["context_memberships_url"]
    return found


def _service_url(value: Any) -> str | None:
    """A service URL Lectern can keep (an http(s) address of at most SERVICE_URL_MAX characters), else None."""
    if isinstance(value, str) and len(value) <= SERVICE_URL_MAX and origin_of(value):
        return value
    return None


def quiz_reference(custom: dict[str, str]) -> tuple[str, str] | None:
    """The (bank slug, quiz key) a link's custom parameter `lectern_quiz=slug/key` names, if well formed."""
    slug, _, key = custom.get("lectern_quiz", "").strip().partition("/")
    return (slug, key) if slug and key and "/" not in key else None


def deep_link_response(*, client_id: str, issuer: str, deployment_id: str, data: str | None,
                       launch_url: str, title: str, quiz_ref: str, max_points: float) -> dict[str, Any]:
    """The claims of an LtiDeepLinkingResponse returning one ltiResourceLink to a quiz (with a line item).

    The tool is the issuer here and the platform the audience (LTI Deep Linking 2.0, section 4.2).
    """
    claims: dict[str, Any] = {
        "iss": client_id, "aud": issuer,
        LTI + "message_type": "LtiDeepLinkingResponse", LTI + "version": "1.3.0",
        LTI + "deployment_id": deployment_id,
        DL + "content_items": [{
            "type": "ltiResourceLink", "title": title, "url": launch_url,
            "custom": {"lectern_quiz": quiz_ref},
            "lineItem": {"scoreMaximum": max_points, "label": title, "resourceId": quiz_ref},
        }],
    }
    if data is not None:
        claims[DL + "data"] = data
    return claims


def scores_url(lineitem_url: str) -> str:
    """Where a line item's scores are posted: its URL with /scores added to the path, query kept."""
    parts = urlsplit(lineitem_url)
    return urlunsplit(parts._replace(path=parts.path.rstrip("/") + "/scores"))


def score_body(*, user_id: str, points: float | None, max_points: float, waiting_for_marking: bool,
               timestamp: str) -> dict[str, Any]:
    """An AGS score (application/vnd.ims.lis.v1.score+json) for a submitted attempt."""
    body: dict[str, Any] = {
        "userId": user_id, "timestamp": timestamp,
        "activityProgress": "Completed",
        "gradingProgress": "PendingManual" if waiting_for_marking else "FullyGraded",
    }
    if points is not None and max_points > 0:
        body["scoreGiven"] = round(points, 4)
        body["scoreMaximum"] = max_points
    return body


def retry_delay_seconds(tries: int) -> int:
    """Seconds before the next try after `tries` failures: 1, 2, 4 … minutes, at most a day."""
    return min(60 * 2 ** max(tries - 1, 0), 24 * 3600)


def origin_of(url: str) -> str | None:
    """scheme://host[:port] of an http(s) URL, the form frame-ancestors takes; None for anything else."""
    parts = urlsplit(url.strip())
    try:
        parts.port  # noqa: B018 (raises ValueError for a port that is not a number, as urllib would later)
    except ValueError:
        return None
    if parts.scheme not in ("https", "http") or not parts.hostname:
        return None
    return f"{parts.scheme}://{parts.netloc.lower()}"
