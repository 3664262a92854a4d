"""The OIDC login's state and nonce, tying the platform's launch back to the browser that began it.

The state is signed (itsdangerous, the app's secret) and carries the login request's parameters,
so a launch whose cookie was blocked can offer to start again in a new window. The browser keeps
the state's random part in a short cookie; the nonce is derived from it, and spent server-side
at the launch (lectern/services/lti_launch.use_nonce), so a token works once.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Any

from flask import Response, current_app, request
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from lectern.core.lti_claims import LaunchRefused

STATE_MAX_AGE = 600  # seconds from the login initiation to the launch: the platform answers in one or two
LOGIN_FIELDS = ("iss", "login_hint", "lti_message_hint", "target_link_uri", "client_id", "lti_deployment_id")
COOKIE_PREFIX = "lti_state_"


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt="lectern-lti-state")


def nonce_for(secret_part: str) -> str:
    return hmac.new(current_app.secret_key.encode(), b"lti-nonce:" + secret_part.encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Begun:
    state: str
    nonce: str
    cookie_name: str
    cookie_value: str


def begin(platform_id: int, login: dict[str, str]) -> Begun:
    """A fresh state and nonce for this login initiation."""
    secret_part = secrets.token_urlsafe(24)
    state = _serializer().dumps({"p": platform_id, "r": secret_part, "login": login})
    return Begun(state, nonce_for(secret_part), COOKIE_PREFIX + secret_part[:12], secret_part)


def set_cookie(response: Response, begun: Begun) -> None:
    """SameSite=None; Secure: the launch arrives as a cross-site POST from the platform's page.

    Partitioned, so a browser that blocks third-party cookies still keeps it inside the course's frame
    (the login and the launch both happen there); one that does not know the attribute ignores it.
    """
    response.set_cookie(begun.cookie_name, begun.cookie_value, max_age=STATE_MAX_AGE, path="/lti/",
                        secure=True, httponly=True, samesite="None", partitioned=True)


@dataclass(frozen=True)
class Returned:
    platform_id: int
    login: dict[str, str]
    nonce: str
    cookie_name: str
    cookie_present: bool


def read(state: str | None) -> Returned:
    """The state the platform sent back, checked; LaunchRefused if forged or stale."""
    try:
        data: Any = _serializer().loads(state or "", max_age=STATE_MAX_AGE)
    except SignatureExpired:
        raise LaunchRefused("The sign-in through the course took too long. Open the activity again from the course.") from None
    except BadSignature:
        raise LaunchRefused("This launch did not begin at Lectern (its state is missing or altered). Open the "
                            "activity again from the course.") from None
    secret_part = str(data.get("r", ""))
    cookie_name = COOKIE_PREFIX + secret_part[:12]
    cookie = request.cookies.get(cookie_name, "")
    return Returned(int(data.get("p", 0)), dict(data.get("login") or {}), nonce_for(secret_part), cookie_name,
                    bool(cookie) and hmac.compare_digest(cookie, secret_part))
