"""Registering the LMSs (platforms) that launch Lectern, and finding one for a launch."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from lectern.core.lti_claims import origin_of
from lectern.extensions import db
from lectern.models import LtiPlatform
from lectern.services import lti_keys


class PlatformProblem(ValueError):
    """A registration Lectern cannot use; the message says what to fix."""


@dataclass(frozen=True)
class PlatformDetails:
    """What a platform's administrator copies from the LMS into Lectern."""

    name: str
    issuer: str
    client_id: str
    deployment_ids: list[str]
    auth_login_url: str
    token_url: str
    jwks_url: str
    frame_origins: list[str]


def _url(value: str, what: str, longest: int = 500) -> str:
    value = value.strip()
    if origin_of(value) is None:
        raise PlatformProblem(f"The {what} must be a web address starting with https:// (got {value[:200]!r}).")
    if len(value) > longest:
        raise PlatformProblem(f"The {what} is {len(value)} characters long; Lectern keeps at most {longest}.")
    return value


def clean(details: PlatformDetails) -> PlatformDetails:
    """The details checked and tidied; PlatformProblem names the first one to fix."""
    if not details.name.strip():
        raise PlatformProblem("Give the platform a name, such as the school's Moodle.")
    if not details.client_id.strip():
        raise PlatformProblem("Give the client id the platform showed when Lectern was added as a tool.")
    deployments = [d.strip() for d in details.deployment_ids if d.strip()]
    if not deployments:
        raise PlatformProblem("Give at least one deployment id (the platform shows it next to the tool).")
    issuer = _url(details.issuer, "issuer (platform id)", longest=255).rstrip("/")
    origins = [origin_of(o) for o in details.frame_origins if o.strip()]
    if None in origins:
        raise PlatformProblem("Each address allowed to frame Lectern must start with https:// and name a site.")
    return PlatformDetails(
        name=details.name.strip()[:120], issuer=issuer, client_id=details.client_id.strip()[:255],
        deployment_ids=sorted(set(deployments)), auth_login_url=_url(details.auth_login_url, "authentication URL"),
        token_url=_url(details.token_url, "access token URL"), jwks_url=_url(details.jwks_url, "public keyset URL"),
        frame_origins=sorted({o for o in origins if o} or {origin_of(issuer) or issuer}))


def register(details: PlatformDetails) -> tuple[LtiPlatform, bool]:
    """Record the platform, or update the one with the same issuer and client id; (platform, created).

    Lectern's signing key is made here if it has none yet, so its JWKS is ready before any launch.
    The caller commits.
    """
    details = clean(details)
    platform = platform_for(details.issuer, details.client_id)
    created = platform is None
    if platform is None:
        platform = LtiPlatform(issuer=details.issuer, client_id=details.client_id)
        db.session.add(platform)
    platform.name, platform.deployment_ids = details.name, details.deployment_ids
    platform.auth_login_url, platform.token_url = details.auth_login_url, details.token_url
    platform.jwks_url, platform.frame_origins = details.jwks_url, details.frame_origins
    lti_keys.active_key()
    return platform, created


def platform_for(issuer: str, client_id: str | None) -> LtiPlatform | None:
    """The platform with this issuer (and client id, when the platform sends one); None if unknown or ambiguous."""
    query = select(LtiPlatform).where(LtiPlatform.issuer == issuer.rstrip("/"))
    if client_id:
        query = query.where(LtiPlatform.client_id == client_id)
    found = db.session.scalars(query.limit(2)).all()
    return found[0] if len(found) == 1 else None


def all_platforms() -> list[LtiPlatform]:
    return list(db.session.scalars(select(LtiPlatform).order_by(LtiPlatform.name)))


def remove(platform_id: int) -> bool:
    """Forget a platform (its users, courses and links with it; the classes and attempts stay)."""
    platform = db.session.get(LtiPlatform, platform_id)
    if platform is None:
        return False
    db.session.delete(platform)
    return True
