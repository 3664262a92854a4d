"""The LTI 1.3 endpoints a platform calls: login initiation, launch (the redirect URL) and Lectern's JWKS."""

from __future__ import annotations

from urllib.parse import urlencode

from flask import jsonify, redirect, render_template, request, session, url_for
from flask_login import login_user, logout_user
from sqlalchemy.exc import IntegrityError

from lectern.core.lti_claims import DEEP_LINKING, LaunchRefused
from lectern.extensions import csrf, db
from lectern.lti import bp, state
from lectern.lti.framing import frame_for
from lectern.models import LtiPlatform
from lectern.services import lti_keys, lti_launch, lti_platforms
from lectern.services.lti_launch import Arrival
from lectern.student.identity import SESSION_KEY, forget_student

DEEP_LINK_KEY = "lti_deep_link"


def _refused(message: str, status: int = 400):
    return render_template("lti/refused.html", message=message), status


@bp.route("/login", methods=["GET", "POST"])
@csrf.exempt
def login():
    """OIDC third-party login initiation: send the browser to the platform's sign-in with a state and nonce."""
    values = request.form if request.method == "POST" else request.args
    login_fields = {name: values.get(name, "")[:2000] for name in state.LOGIN_FIELDS if values.get(name)}
    platform = lti_platforms.platform_for(login_fields.get("iss", ""), login_fields.get("client_id"))
    if platform is None:
        return _refused("This login came from a platform that is not registered in Lectern (its issuer and "
                        "client id are unknown). A Lectern admin registers it under LTI platforms.")
    if not login_fields.get("login_hint"):
        return _refused("The platform sent no login_hint, so Lectern cannot ask it who is signing in. "
                        "Open the activity again from the course.")
    begun = state.begin(platform.id, login_fields)
    query = {"scope": "openid", "response_type": "id_token", "response_mode": "form_post", "prompt": "none",
             "client_id": platform.client_id, "redirect_uri": url_for("lti.launch", _external=True),
             "login_hint": login_fields["login_hint"], "state": begun.state, "nonce": begun.nonce}
    if login_fields.get("lti_message_hint"):
        query["lti_message_hint"] = login_fields["lti_message_hint"]
    response = redirect(f"{platform.auth_login_url}{'&' if '?' in platform.auth_login_url else '?'}{urlencode(query)}")
    state.set_cookie(response, begun)
    return response


@bp.post("/launch")
@csrf.exempt
def launch():
    """The platform's signed id_token: checked, then the browser becomes that student or teacher."""
    try:
        returned = state.read(request.form.get("state"))
        platform = db.session.get(LtiPlatform, returned.platform_id)
        if platform is None:
            raise LaunchRefused("The platform of this launch is no longer registered in Lectern.")
        frame_for(platform.frame_origins, remember=False)
        token = request.form.get("id_token", "")
        if lti_launch.platform_of_token(token).id != platform.id:
            raise LaunchRefused("The launch came from another platform than the sign-in began with.")
        claims = lti_launch.verify_token(platform, token)
        if claims["nonce"] != returned.nonce:
            raise LaunchRefused("The launch does not belong to the sign-in this browser began. Open the "
                                "activity again from the course.")
        lti_launch.use_nonce(claims["nonce"], claims["exp"])
        if not returned.cookie_present:  # a valid launch, but not from this browser's sign-in, or cookies blocked
            db.session.rollback()
            return _cookies_blocked(returned.login)
        arrival = lti_launch.arrive(platform, claims)
        db.session.commit()
    except LaunchRefused as e:
        db.session.rollback()
        return _refused(str(e))
    except IntegrityError:  # the same launch posted twice at once: the first one used its nonce
        db.session.rollback()
        return _refused("This launch was used already; each one works once. Open the activity again from the course.")
    response = redirect(_become(arrival))
    response.delete_cookie(returned.cookie_name, path="/lti/", secure=True, samesite="None", partitioned=True)
    return response


def _cookies_blocked(login_fields: dict[str, str]):
    """The browser kept no cookie inside the course's frame: offer the same sign-in in a window of its own."""
    url = url_for("lti.login", _external=True) + "?" + urlencode(login_fields)
    return render_template("lti/cookies_blocked.html", login_url=url), 200


def _become(arrival: Arrival) -> str:
    """Sign this browser in as the arrival's student or teacher; where to go next."""
    frame_for(arrival.platform.frame_origins, remember=True)
    if arrival.teacher is not None:
        forget_student()
        login_user(arrival.teacher)
    else:
        logout_user()
        session[SESSION_KEY] = arrival.student.token
    session.permanent = True
    if arrival.launch.message_type == DEEP_LINKING:
        session[DEEP_LINK_KEY] = {"platform_id": arrival.platform.id, "deployment_id": arrival.launch.deployment_id,
                                  "return_url": arrival.launch.deep_link_return_url,
                                  "data": arrival.launch.deep_link_data, "classroom_id": arrival.classroom.id}
        return url_for("lti.deep_link")
    assignment = arrival.assignment
    if arrival.teacher is not None:
        return url_for("teacher.gradebook", classroom_id=assignment.classroom_id, assignment_id=assignment.id)
    return url_for("student.start", slug=assignment.quiz.bank.slug, key=assignment.quiz.key, assignment=assignment.id)


@bp.get("/jwks.json")
def jwks():
    """Lectern's public keys, which platforms use to check what Lectern signs (tokens, deep-linking replies)."""
    return jsonify(lti_keys.published_jwks())

