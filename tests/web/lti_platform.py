"""A simulated LTI 1.3 platform (an LMS) inside the test suite.

It has its own RSA key pair and JWKS, answers Lectern's HTTP calls through lectern.services.lti_http.send
(monkeypatched: no network), signs launches for learners and instructors, and records what Lectern
asked its token endpoint and posted to its scores endpoint.
"""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from lectern.extensions import db
from lectern.services import lti_http, lti_platforms
from lectern.services.lti_http import Reply

ISSUER = "https://lms.example.edu"
CLIENT_ID = "lectern-in-lms"
DEPLOYMENT = "deployment-1"
AUTH_URL = ISSUER + "/mod/lti/auth.php"
TOKEN_URL = ISSUER + "/mod/lti/token.php"
JWKS_URL = ISSUER + "/mod/lti/certs.php"
LINEITEM = ISSUER + "/mod/lti/services.php/2/lineitems/7/lineitem?type_id=1"
MEMBERSHIPS = ISSUER + "/mod/lti/services.php/CourseSection/2/bindings/1/memberships"
LTI = "https://purl.imsglobal.org/spec/lti/claim/"
LEARNER = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"
INSTRUCTOR = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"


def _private_pem() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption()).decode()


def _public_jwk(pem: str, kid: str) -> dict[str, Any]:
    public = serialization.load_pem_private_key(pem.encode(), password=None).public_key()
    return {**json.loads(RSAAlgorithm.to_jwk(public)), "kid": kid, "alg": "RS256", "use": "sig"}


# Made once for the whole run: RSA key generation is the slow part of these tests.
PLATFORM_KEY, OTHER_KEY, NEXT_KEY = _private_pem(), _private_pem(), _private_pem()


@dataclass
class SimulatedPlatform:
    key: str = PLATFORM_KEY
    kid: str = "platform-key-1"
    scores_down: bool = False
    token_requests: list[dict[str, Any]] = field(default_factory=list)
    scores: list[dict[str, Any]] = field(default_factory=list)
    members: list[dict[str, Any]] = field(default_factory=list)
    jwks_fetches: int = 0
    lectern_jwks: Any = None  # a callable returning Lectern's JWKS, to check its signed assertions

    def register(self, app, deployments=(DEPLOYMENT,)) -> int:
        with app.app_context():
            platform, _ = lti_platforms.register(lti_platforms.PlatformDetails(
                "School Moodle", ISSUER, CLIENT_ID, list(deployments), AUTH_URL, TOKEN_URL, JWKS_URL, []))
            db.session.commit()
            return platform.id

    # --- the platform's HTTP endpoints, as lti_http.send -----------------------------------

    def send(self, method: str, url: str, headers: dict[str, str], body: bytes | None = None) -> Reply:
        if method == "GET" and url == JWKS_URL:
            self.jwks_fetches += 1
            return Reply(200, json.dumps({"keys": [_public_jwk(self.key, self.kid)]}).encode())
        if method == "POST" and url == TOKEN_URL:
            form = {k: v[0] for k, v in parse_qs((body or b"").decode()).items()}
            self.token_requests.append(form)
            return Reply(200, json.dumps({"access_token": f"token-{len(self.token_requests)}", "token_type": "Bearer",
                                          "expires_in": 3600, "scope": form.get("scope", "")}).encode())
        if method == "POST" and urlsplit(url).path.endswith("/scores"):
            if self.scores_down:
                return Reply(503, b"The gradebook is down for maintenance")
            self.scores.append({"url": url, "headers": headers, "body": json.loads(body or b"{}")})
            return Reply(200, b"{}")
        if method == "GET" and url == MEMBERSHIPS:
            return Reply(200, json.dumps({"id": url, "members": self.members}).encode())
        return Reply(404, f"no such endpoint {method} {url}".encode())

    def install(self, monkeypatch) -> SimulatedPlatform:
        monkeypatch.setattr(lti_http, "send", self.send)
        return self

    # --- launches --------------------------------------------------------------------------

    def claims(self, *, sub: str = "learner-1", role: str = LEARNER, name: str = "Ana Lima",
               link: str | None = "link-1", quiz: str | None = "mini/full", context: str = "course-2",
               deployment: str | None = DEPLOYMENT, lineitem: str | None = LINEITEM, **extra: Any) -> dict[str, Any]:
        now = int(time.time())
        claims: dict[str, Any] = {
            "iss": ISSUER, "aud": CLIENT_ID, "sub": sub, "iat": now, "exp": now + 300,
            "name": name, "email": f"{sub}@school.example",
            LTI + "message_type": "LtiResourceLinkRequest", LTI + "version": "1.3.0",
            LTI + "roles": [role], LTI + "context": {"id": context, "title": "Year 9 English"},
            LTI + "target_link_uri": "https://lectern.test/lti/launch",
        }
        if deployment is not None:
            claims[LTI + "deployment_id"] = deployment
        if link is not None:
            claims[LTI + "resource_link"] = {"id": link, "title": "Reading check"}
        if quiz is not None:
            claims[LTI + "custom"] = {"lectern_quiz": quiz}
        if lineitem is not None:
            claims["https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"] = {
                "scope": ["https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
                          "https://purl.imsglobal.org/spec/lti-ags/scope/score"],
                "lineitem": lineitem, "lineitems": ISSUER + "/mod/lti/services.php/2/lineitems?type_id=1"}
        claims["https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice"] = {
            "context_memberships_url": MEMBERSHIPS, "service_versions": ["2.0"]}
        return {**claims, **extra}

    def sign(self, claims: dict[str, Any], *, key: str | None = None, kid: str | None = None) -> str:
        return jwt.encode(claims, key or self.key, algorithm="RS256", headers={"kid": kid or self.kid})


def begin_login(client, *, iss: str = ISSUER, hint: str = "user-hint") -> tuple[str, str, Any]:
    """The platform's login initiation; (state, nonce, reply) from the redirect to its auth URL."""
    reply = client.get("/lti/login", query_string={"iss": iss, "login_hint": hint, "client_id": CLIENT_ID,
                                                   "target_link_uri": "https://lectern.test/lti/launch",
                                                   "lti_message_hint": "msg-7"})
    assert reply.status_code == 302, reply.text
    query = parse_qs(urlsplit(reply.headers["Location"]).query)
    return query["state"][0], query["nonce"][0], reply


def launch(client, platform: SimulatedPlatform, claims: dict[str, Any] | None = None, *,
           key: str | None = None, kid: str | None = None, nonce: str | None = None):
    """Login initiation, then the signed launch posted back as the platform's auto-submitted form does."""
    state, real_nonce, _ = begin_login(client)
    claims = {**(claims or platform.claims()), "nonce": nonce or real_nonce}
    token = platform.sign(claims, key=key, kid=kid)
    return client.post("/lti/launch", data={"id_token": token, "state": state}), token, state


def new_kid() -> str:
    return uuid.uuid4().hex
