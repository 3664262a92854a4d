"""Deep linking from a simulated platform: the teacher picks a quiz; the signed LtiDeepLinkingResponse
carries the spec's claims and an ltiResourceLink that then opens that quiz for a learner."""

from __future__ import annotations

import re
from html import unescape

import jwt
import pytest
from sqlalchemy import select

from lectern.extensions import db
from lectern.models import Assignment, Quiz
from tests.conftest import csrf_token
from tests.web.lti_platform import (
    CLIENT_ID,
    DEPLOYMENT,
    INSTRUCTOR,
    ISSUER,
    LTI,
    SimulatedPlatform,
    launch,
)

DL = "https://purl.imsglobal.org/spec/lti-dl/claim/"
RETURN_URL = ISSUER + "/mod/lti/contentitem_return.php?course=2"


@pytest.fixture
def platform(app, mini_bank, monkeypatch):
    simulated = SimulatedPlatform().install(monkeypatch)
    simulated.register(app)
    return simulated


def _deep_linking_claims(platform, **extra):
    claims = platform.claims(sub="teacher-9", role=INSTRUCTOR, name="Ms Rivera", link=None, quiz=None, lineitem=None)
    claims[LTI + "message_type"] = "LtiDeepLinkingRequest"
    claims[DL + "deep_linking_settings"] = {
        "deep_link_return_url": RETURN_URL, "accept_types": ["ltiResourceLink"],
        "accept_presentation_document_targets": ["iframe", "window"], "accept_multiple": False,
        "data": "opaque-platform-data-42"}
    return {**claims, **extra}


def test_a_teacher_picks_a_quiz_and_the_platform_gets_a_signed_resource_link(app, platform):
    teacher = app.test_client()
    reply, _, _ = launch(teacher, platform, _deep_linking_claims(platform))
    assert reply.headers["Location"] == "/lti/deep-link"
    picker = teacher.get("/lti/deep-link")
    assert picker.status_code == 200 and "Full comprehension check" in picker.text
    with app.app_context():
        quiz_id = db.session.scalar(select(Quiz.id).where(Quiz.key == "full"))
    sent = teacher.post("/lti/deep-link", data={"quiz": quiz_id, "attempts_allowed": "2", "time_limit_minutes": "",
                                                "csrf_token": csrf_token(picker.text)})
    assert sent.status_code == 200
    assert f'action="{RETURN_URL}"'.replace("&", "&amp;") in sent.text
    assert f"form-action 'self' {ISSUER}" in sent.headers["Content-Security-Policy"]
    token = unescape(re.search(r'name="JWT" value="([^"]+)"', sent.text)[1])

    keys = jwt.PyJWKSet.from_dict(teacher.get("/lti/jwks.json").get_json())
    claims = jwt.decode(token, keys[jwt.get_unverified_header(token)["kid"]], algorithms=["RS256"], audience=ISSUER)
    assert claims["iss"] == CLIENT_ID and claims["aud"] == ISSUER
    assert claims["exp"] > claims["iat"] and claims["nonce"]
    assert claims[LTI + "message_type"] == "LtiDeepLinkingResponse" and claims[LTI + "version"] == "1.3.0"
    assert claims[LTI + "deployment_id"] == DEPLOYMENT
    assert claims[DL + "data"] == "opaque-platform-data-42"
    (item,) = claims[DL + "content_items"]
    assert item["type"] == "ltiResourceLink" and item["url"] == "http://localhost/lti/launch"
    assert item["custom"] == {"lectern_quiz": "mini/full"} and "Full comprehension check" in item["title"]
    assert item["lineItem"]["scoreMaximum"] == 100
    with app.app_context():
        assignment = db.session.scalar(select(Assignment))
        assert assignment.quiz_id == quiz_id and assignment.attempts_allowed == 2

    # The platform makes the activity from the item; a learner's launch of it opens that quiz, as set.
    learner = app.test_client()
    arrived, _, _ = launch(learner, platform, platform.claims(link="new-link", quiz=None, **{LTI + "custom": item["custom"]}))
    assert arrived.status_code == 302
    assert arrived.headers["Location"] == f"/quizzes/mini/full?assignment={assignment.id}"


def test_a_learner_cannot_deep_link(app, platform):
    claims = _deep_linking_claims(platform)
    claims[LTI + "roles"] = ["http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"]
    reply, _, _ = launch(app.test_client(), platform, claims)
    assert reply.status_code == 400 and "Only a teacher of the course" in reply.text


def test_the_picker_without_a_deep_linking_launch_says_how_to_get_there(app, platform, teacher_client):
    reply = teacher_client.get("/lti/deep-link")
    assert reply.status_code == 403 and "Select content" in reply.text
