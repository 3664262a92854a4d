"""The LTI claims' rules, pure: message type, version, deployment, user, roles, course, link, services."""

from __future__ import annotations

import pytest

from lectern.core.lti_claims import (
    DEEP_LINKING,
    LTI,
    LaunchRefused,
    deep_link_response,
    is_teaching,
    origin_of,
    quiz_reference,
    read_launch,
    retry_delay_seconds,
    score_body,
    scores_url,
)

MEMBERSHIP = "http://purl.imsglobal.org/vocab/lis/v2/membership#"


def claims(**extra):
    base = {"sub": "u1", "name": "Ana Lima", LTI + "message_type": "LtiResourceLinkRequest", LTI + "version": "1.3.0",
            LTI + "deployment_id": "d1", LTI + "roles": [MEMBERSHIP + "Learner"],
            LTI + "context": {"id": "c1", "title": "Year 9"}, LTI + "resource_link": {"id": "r1"}}
    return {**base, **extra}


def test_a_learners_launch_reads_as_a_student_in_the_course():
    launch = read_launch(claims(), ["d1"])
    assert (launch.sub, launch.name, launch.teaching, launch.context_id, launch.resource_link_id) == \
        ("u1", "Ana Lima", False, "c1", "r1")


@pytest.mark.parametrize("roles, teaching", [
    ([MEMBERSHIP + "Instructor"], True),
    (["http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant"], True),
    (["http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator"], True),
    (["Instructor"], True),
    ([MEMBERSHIP + "Learner"], False),
    ([MEMBERSHIP + "Mentor"], False),
    ([], False),
    ("Instructor", False),  # not a list: malformed, so no teaching rights
])
def test_roles_that_teach(roles, teaching):
    assert is_teaching(roles) is teaching


@pytest.mark.parametrize("change, message", [
    ({LTI + "message_type": "LtiSubmissionReviewRequest"}, "Lectern takes a resource link launch"),
    ({LTI + "version": "1.1"}, "LTI 1.3.0"),
    ({LTI + "deployment_id": ""}, "names no deployment"),
    ({LTI + "deployment_id": "d9"}, "'d9' is not registered"),
    ({"sub": ""}, "anonymous launch"),
    ({LTI + "context": None}, "outside a course"),
    ({LTI + "resource_link": {}}, "names no resource link"),
])
def test_a_launch_missing_what_lectern_needs_is_refused_with_what_to_do(change, message):
    with pytest.raises(LaunchRefused, match=message):
        read_launch(claims(**change), ["d1"])


def test_deep_linking_needs_a_teacher_and_a_return_url():
    request = claims(**{LTI + "message_type": DEEP_LINKING, LTI + "roles": [MEMBERSHIP + "Instructor"]})
    with pytest.raises(LaunchRefused, match="deep_link_return_url"):
        read_launch(request, ["d1"])
    settings = {"https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings":
                {"deep_link_return_url": "https://lms/return", "data": "xyz"}}
    launch = read_launch({**request, **settings}, ["d1"])
    assert (launch.deep_link_return_url, launch.deep_link_data) == ("https://lms/return", "xyz")
    with pytest.raises(LaunchRefused, match="Only a teacher"):
        read_launch({**request, **settings, LTI + "roles": [MEMBERSHIP + "Learner"]}, ["d1"])


def test_the_grade_services_offered_are_read():
    ags = {"https://purl.imsglobal.org/spec/lti-ags/claim/endpoint": {
        "lineitem": "https://lms/li/1", "scope": ["https://purl.imsglobal.org/spec/lti-ags/scope/score", 3]}}
    launch = read_launch(claims(**ags), ["d1"])
    assert launch.lineitem_url == "https://lms/li/1"
    assert launch.ags_scopes == ("https://purl.imsglobal.org/spec/lti-ags/scope/score",)


def test_the_name_falls_back_to_given_and_family_then_a_plain_label():
    assert read_launch(claims(name="", given_name="Bo", family_name="Chen"), ["d1"]).name == "Bo Chen"
    assert read_launch(claims(name=None), ["d1"]).name == "Student from the course"


def test_scores_url_keeps_the_query():
    assert scores_url("https://lms/li/7/lineitem?type_id=1") == "https://lms/li/7/lineitem/scores?type_id=1"
    assert scores_url("https://lms/li/7/") == "https://lms/li/7/scores"


def test_a_score_waiting_for_an_essay_says_so():
    body = score_body(user_id="u1", points=62.5, max_points=100, waiting_for_marking=True, timestamp="t")
    assert body["gradingProgress"] == "PendingManual" and body["scoreGiven"] == 62.5
    assert "scoreGiven" not in score_body(user_id="u1", points=None, max_points=100, waiting_for_marking=False,
                                          timestamp="t")


def test_retries_back_off_to_a_day_at_most():
    assert [retry_delay_seconds(n) for n in (1, 2, 3)] == [60, 120, 240]
    assert retry_delay_seconds(40) == 24 * 3600


def test_quiz_reference_and_origins():
    assert quiz_reference({"lectern_quiz": "mini/full"}) == ("mini", "full")
    assert quiz_reference({"lectern_quiz": "mini"}) is None and quiz_reference({}) is None
    assert origin_of("https://School.example:8443/path?q") == "https://school.example:8443"
    assert origin_of("javascript:alert(1)") is None


def test_the_deep_linking_response_is_issued_by_the_tool_to_the_platform():
    reply = deep_link_response(client_id="c", issuer="https://lms", deployment_id="d", data=None,
                               launch_url="https://lectern/lti/launch", title="Quiz", quiz_ref="b/q", max_points=100)
    assert (reply["iss"], reply["aud"]) == ("c", "https://lms")
    assert "https://purl.imsglobal.org/spec/lti-dl/claim/data" not in reply
