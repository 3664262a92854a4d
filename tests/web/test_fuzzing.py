"""Every form and query parameter of every endpoint, fuzzed: Hypothesis sends long strings, NUL
bytes, invalid UTF-8, huge and negative numbers, missing, repeated and unknown fields and files
where text belongs, as an anonymous visitor, as a student and as a signed-in teacher. No reply
may be a 5xx: bad input gets a message saying what to fix.

The fields of each form are read from the pages that show it, so a new form is fuzzed without
being listed here. A new endpoint without a sample URL value, or a POST whose form no page shows
and FIELDS does not list, fails the test; so does a run where most requests never reach a view.
Each endpoint's requests come from a fixed seed, so a run is the same on every machine.
"""

from __future__ import annotations

import base64
import re
import time
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st
from markupsafe import escape

from lectern.core.questions import QUESTION_TYPES
from lectern.request_input import DAMAGED_MESSAGE, FILES_MESSAGE, NUL_MESSAGE
from tests.conftest import app_over_empty_database
from tests.web import fuzz_inputs as fz
from tests.web.fuzz_world import ROLES, browser, build_world, put_back

EXAMPLES = 52  # per endpoint, method and role that reaches the view, plus one per form field
GUARDED_EXAMPLES = 4  # where the teacher guard answers first (a redirect or 403)
MIN_INPUTS = 10_000  # generated requests, whichever way the count is read

# Query parameters each view reads (grep request.args), with values naming real things; every
# request gets random names too.
QUERY = {
    "student.article": {"p", "q"}, "student.start": {"assignment"}, "student.practise_quiz": {"assignment"},
    "student.attempt": {"page"}, "student.save_attempt": {"page"}, "student.practise_bank": {"focus"},
    "student.practice_run": {"after"}, "teacher.grading_queue": {"page"}, "teacher.grade_response": {"page"},
    "teacher.print_quiz": {"answers"}, "teacher.new_question": {"type"}, "teacher.assign_page": {"quiz"},
    "teacher.export_questions": {"format"}, "auth.sign_in": {"next"},
    "teacher.regrade": {"preview", "questions", "include_overridden"}, "teacher.question_checks": {"type", "key"},
    "live.enter": {"code"}, "teacher.live_new": {"classroom_id"},
    "teacher.bank": {"page", "drafts_page", "q"},
}
CONFIRM = {"csrf_token": set(), "submit": set()}
# Forms no page of the sample world shows (the page finder reads the rest): buttons shown only
# when there are drafts, retired questions, newer versions or results to release.
FIELDS = {
    "teacher.confirm_import": {"content": {base64.b64encode(fz.GIFT).decode()}, "format": {"", "gift", "csv"},
                               "filename": {"questions.gift"}, "submit": set()},
    "teacher.publish_drafts": CONFIRM, "teacher.publish_question": CONFIRM, "teacher.restore_question": CONFIRM,
    "teacher.update_assignment_questions": CONFIRM, "teacher.release_results": CONFIRM | {"withdraw": {"1"}},
    "teacher.regrade": {"questions": set(), "include_overridden": {"y"}, "preview": set(), "submit": set()},
    # Live phones: the answer form comes in with the open question (live.js), the join button on the class's page.
    "live.answer": {"position": {"1"}, "q1": {"b"}, "submit": set()}, "live.join_class_session": {"submit": set()},
    # LTI: what a platform posts (login initiation, the signed launch); the deep-linking picker needs a launch
    # first; the remove button shows only once a platform is registered.
    "lti.login": {"iss": {"https://lms.example.edu"}, "login_hint": {"u1"}, "client_id": set(), "target_link_uri": set(),
                  "lti_message_hint": set()},
    "lti.launch": {"id_token": {"a.b.c"}, "state": set()},
    "lti.deep_link": {"quiz": {"1"}, "attempts_allowed": {"1"}, "time_limit_minutes": set(), "submit": set()},
    "teacher.remove_lti_platform": CONFIRM,
}
# Views posted another's form (autosave.js sends the attempt page's form to /save).
SAME_FORM = {"student.save_attempt": "student.attempt", "teacher.edit_assignment": "teacher.assignment_settings",
             "teacher.question_checks": "teacher.edit_question"}
# URL values differing by endpoint (which sample in the world): a quiz's key, not a question's; the
# attempt in progress; an essay to grade.
OVERRIDES = {
    "student.start": {"key": "quiz_key"}, "student.practise_quiz": {"key": "quiz_key"},
    "student.attempt": {"attempt_id": "open_attempt_id"}, "student.save_attempt": {"attempt_id": "open_attempt_id"},
    "student.summary": {"attempt_id": "open_attempt_id"},
    "teacher.grade_response": {"response_id": "essay_response_id"},
    **{f"live.{name}": {"code": "live_code"} for name in ("phone", "answer", "state", "my_results", "join_class_session")},
}
# Views that can use up what the sample URLs name: the world is put back after each of their requests.
SPENDING = {"student.attempt", "student.summary", "teacher.unassign_quiz", "teacher.remove_student",
            "teacher.merge_students", "teacher.retire_question", "teacher.remove_bank_term",
            "teacher.remove_bank_owner", "teacher.withdraw_invite", "teacher.regenerate_join_code",
            "auth.accept_invite", "auth.sign_out", "teacher.remove_lti_platform"}
# Replies that did not reach the view: the input checks' and the CSRF check's.
NOT_REACHED = [str(escape(m)).encode() for m in (NUL_MESSAGE, FILES_MESSAGE, DAMAGED_MESSAGE)] + [b"form has expired"]


@pytest.fixture
def app(tmp_path):
    """As tests/conftest.py's app, without rate limits: the fuzz signs in far more than 5 times a minute."""
    with app_over_empty_database(tmp_path, RATELIMIT_ENABLED=False) as app:
        yield app


@pytest.fixture
def world(app, mini_bank, teacher):
    return build_world(app, teacher)


def test_no_input_makes_a_server_error(app, world):
    forms = _forms(app, world)
    unknown = [f"{r.endpoint} ({r.rule})" for r, m in _targets(app) if m == "POST" and _fields(forms, r, m) is None]
    assert not unknown, f"no page shows the form of {unknown}: list its fields in FIELDS"
    began, failures, tally = time.monotonic(), [], {"inputs": 0, "requests": 0, "reached": 0}
    for rule, method in _targets(app):
        fields = _fields(forms, rule, method) or {}
        query = _query(world, rule, fields if method == "GET" else {})
        for role in ROLES:
            guarded = rule.endpoint.startswith("teacher.") and role != "teacher"
            examples = GUARDED_EXAMPLES if guarded else EXAMPLES + len(fields)
            _fuzz(app, world, role, rule, method, fields if method == "POST" else {}, query, examples,
                  failures, tally)
    print(f"\nfuzz: {tally['inputs']} inputs in {tally['requests']} requests "
          f"({tally['reached']} reached a view), {time.monotonic() - began:.0f} s")
    assert not failures, "\n\n".join(failures)
    assert tally["requests"] >= MIN_INPUTS  # requests, each carrying several generated values
    assert tally["reached"] >= tally["requests"] // 2, "most requests were refused before any view read them"


def test_every_query_parameter_read_is_fuzzed():
    """A view reading a new query parameter fails here until QUERY lists it (and so fuzzes it)."""
    read = re.compile(r"""request\.args(?:\.get\(|\[)["'](\w+)["']|["'](\w+)["'] (?:not )?in request\.args""")
    names = {a or b for path in (Path(__file__).parents[2] / "lectern").rglob("*.py")
             for a, b in read.findall(path.read_text())}
    assert names and names <= set().union(*QUERY.values()), f"add to QUERY: {names - set().union(*QUERY.values())}"


def _targets(app):
    """(rule, method) for every endpoint and method; the ones that sign out or use things up last."""
    rules = [r for r in app.url_map.iter_rules() if r.endpoint != "static"]
    out = [(r, m) for r in rules for m in sorted(r.methods & {"GET", "POST"})]
    return sorted(out, key=lambda t: (t[0].endpoint == "auth.sign_out", t[0].endpoint in SPENDING, t[0].rule, t[1]))


def _url(rule, world) -> str:
    values = {**world, **{k: world[v] for k, v in OVERRIDES.get(rule.endpoint, {}).items()}}
    missing = rule.arguments - values.keys()
    assert not missing, f"{rule.endpoint}: give a sample value for {sorted(missing)} in tests/web/fuzz_world.py"
    return rule.build({name: values[name] for name in rule.arguments}, append_unknown=False)[1]


def _forms(app, world) -> dict[tuple[str, str], dict[str, set[str]]]:
    """The forms on every page the student and the teacher can open, every question editor included."""
    urls = [_url(rule, world) for rule, method in _targets(app) if method == "GET"]
    urls += [f"/teacher/banks/mini/questions/new?type={t}" for t in QUESTION_TYPES]
    urls += [f"/teacher/classes/{world['classroom_id']}/assign?quiz={world['quiz_id']}"]  # its settings form
    return fz.forms_by_endpoint(app, [(browser(app, world, role), url)
                                      for role in ("student", "teacher") for url in urls])


def _fields(forms, rule, method) -> dict[str, set[str]] | None:
    """The form's fields and the values its page offers (None if no page shows it); the CSRF token is sent apart."""
    endpoint = SAME_FORM.get(rule.endpoint, rule.endpoint)
    fields = forms.get((endpoint, method), {}) | (FIELDS.get(rule.endpoint, {}) if method == "POST" else {})
    return {name: offered for name, offered in fields.items() if name != "csrf_token"} if fields else None


def _query(world, rule, fields) -> dict[str, set[str]]:
    """The view's query parameters, with values that name real things, and its GET form's fields."""
    offered = {"type": set(QUESTION_TYPES), "quiz": {str(world["quiz_id"])}, "page": {"1", "2"},
               "assignment": {str(world["assignment_id"])}, "format": {"gift", "xml", "csv"}, "answers": {"1"},
               "p": {"1", "2"}, "focus": {"all", "terms", "paragraph:1", "skill:locate"}}
    return {n: offered.get(n, set()) for n in QUERY.get(rule.endpoint, ())} | fields


def _fuzz(app, world, role, rule, method, fields, query, examples, failures, tally) -> None:
    """Send `examples` generated requests to one endpoint as one role, counting them in `tally`."""

    # No shrinking: against a database every request changes, it is slow and rarely simpler, and
    # the failing request is reported as it was sent.
    @seed(zlib.crc32(f"{role} {method} {rule.rule}".encode()))
    @settings(max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck),
              phases=[Phase.explicit, Phase.generate])
    @given(data=st.data(), flavour=st.sampled_from(fz.FLAVOURS),
           csrf=st.sampled_from(["valid"] * 9 + ["none", "junk"]), multipart=st.sampled_from([False] * 4 + [True]))
    def send(data, flavour, csrf, multipart):
        args, form = data.draw(fz.pairs(query, flavour)), data.draw(fz.pairs(fields, flavour))
        token = {"valid": [("csrf_token", world["csrf"][role])], "none": [], "junk": [("csrf_token", "x" * 40)]}
        body = token[csrf] + form if method == "POST" else []
        url, options = _url(rule, world), {"query_string": fz.urlencoded(fz.as_text(args))}
        if any(isinstance(v, tuple) for _, v in body) or (body and multipart):
            options["data"] = fz.multipart(body)
        elif body:
            options.update(data=fz.urlencoded(body), content_type="application/x-www-form-urlencoded")
        reply = browser(app, world, role).open(url, method=method, **options)
        tally["inputs"] += len(args) + len(form)
        tally["requests"] += 1
        tally["reached"] += not any(m in reply.data for m in NOT_REACHED)
        if rule.endpoint in SPENDING:
            put_back(app, world)
        assert reply.status_code < 500, (f"{role}: {method} {url}?{options['query_string'][:300]} "
                                         f"-> {reply.status_code}; form {repr(body)[:500]}")

    try:
        send()
    except Exception as error:  # noqa: BLE001  (every endpoint is fuzzed; the failures are reported together)
        failures.append(f"{role} {method} {rule.rule}: {error!r}"[:2000])
