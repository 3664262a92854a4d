"""LTI 1.3: Lectern as a tool inside a school's LMS (Moodle, Canvas, …): login, launch, keys, deep linking.

Thin routes here (lectern/lti/routes.py, deep_linking.py); the claims' rules in
lectern/core/lti_claims.py; the database work in lectern/services/lti_*.py; the admin's
registration page on the teacher blueprint (lectern/teacher/lti_platforms.py).
"""

from __future__ import annotations

from flask import Blueprint, Flask, Response, g

bp = Blueprint("lti", __name__, url_prefix="/lti", cli_group="lti")


def init_app(app: Flask) -> None:
    """The framed session cookie, and the score sender that runs once a response that added scores is sent."""
    from lectern.lti.framing import FramedSessionInterface
    from lectern.services.lti_scores import send_after_response

    app.session_interface = FramedSessionInterface()
    app.config.setdefault("LTI_SEND_AFTER_RESPONSE", True)

    @app.after_request
    def send_scores_when_sent(response: Response) -> Response:
        if g.get("lti_scores_waiting") and app.config["LTI_SEND_AFTER_RESPONSE"]:
            response.call_on_close(send_after_response(app))
        return response


from lectern.lti import cli, deep_linking, routes  # noqa: F401  (the routes and commands, on this blueprint)
