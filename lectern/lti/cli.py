"""`flask lti register|rotate-key|send-scores|sync-roster`: LTI from the command line (and cron)."""

from __future__ import annotations

import os

import click
from flask import current_app, has_request_context, url_for

from lectern.extensions import db
from lectern.lti import bp
from lectern.services import lti_keys, lti_platforms, lti_roster, lti_scores


def tool_urls() -> dict[str, str]:
    """What a platform's administrator enters for Lectern (from a command: at LECTERN_URL, the public address)."""
    if not has_request_context():
        with current_app.test_request_context(base_url=os.environ.get("LECTERN_URL") or "http://localhost"):
            return tool_urls()
    return {"Login initiation URL": url_for("lti.login", _external=True),
            "Redirect (launch) URL": url_for("lti.launch", _external=True),
            "Deep-linking URL": url_for("lti.deep_link", _external=True),
            "Public keyset (JWKS) URL": url_for("lti.jwks", _external=True)}


@bp.cli.command("register")
@click.option("--name", required=True, help="What teachers call it, e.g. 'School Moodle'.")
@click.option("--issuer", required=True, help="The platform id (Moodle: its address; Canvas: https://canvas.instructure.com).")
@click.option("--client-id", required=True)
@click.option("--deployment-id", "deployment_ids", multiple=True, required=True, help="Repeat for each deployment.")
@click.option("--auth-login-url", required=True, help="The platform's OIDC authentication URL.")
@click.option("--token-url", required=True, help="The platform's access token URL.")
@click.option("--jwks-url", required=True, help="The platform's public keyset URL.")
@click.option("--frame-origin", "frame_origins", multiple=True, help="A site whose pages frame Lectern (default: the issuer's).")
def register(name, issuer, client_id, deployment_ids, auth_login_url, token_url, jwks_url, frame_origins) -> None:
    """Register a platform (or update the one with the same issuer and client id) and print Lectern's URLs."""
    details = lti_platforms.PlatformDetails(name, issuer, client_id, list(deployment_ids), auth_login_url,
                                            token_url, jwks_url, list(frame_origins))
    try:
        platform, created = lti_platforms.register(details)
    except lti_platforms.PlatformProblem as e:
        raise click.UsageError(str(e)) from None
    db.session.commit()
    click.echo(f"{'Registered' if created else 'Updated'} {platform.name} ({platform.issuer}, client id {platform.client_id}).")
    click.echo("Enter these in the platform's tool settings (LECTERN_URL sets the address they start with):")
    for label, url in tool_urls().items():
        click.echo(f"  {label}: {url}")


@bp.cli.command("rotate-key")
def rotate_key() -> None:
    """Make a new signing key; the old one stays published for a week, so nothing signed with it breaks."""
    new, old = lti_keys.rotate()
    db.session.commit()
    click.echo(f"Signing with key {new.kid} now; {len(old)} older key(s) published until "
               f"{lti_keys.KEEP_RETIRED.days} days from now.")


@bp.cli.command("send-scores")
def send_scores() -> None:
    """Post every score due to the platforms' gradebooks (run it from cron every few minutes)."""
    report = lti_scores.send_due()
    click.echo(f"{report.sent} sent, {report.failed} failed (retried later), {report.superseded} superseded.")
    for error in report.errors:
        click.echo(f"  {error}", err=True)


@bp.cli.command("sync-roster")
def sync_roster() -> None:
    """Pull the class lists of the courses whose platform offers them (Names and Role Provisioning Services)."""
    for line in lti_roster.sync_all():
        click.echo(line)
