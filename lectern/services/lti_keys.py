"""Lectern's own RSA keys for LTI: made once, kept in the database, rotated on demand, published as a JWKS.

The database rather than a file in instance/: every worker and every machine behind the same
database signs with the same key, and a rotation reaches all of them at once.
"""

from __future__ import annotations

import json
import secrets
import time
import uuid
from datetime import timedelta
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm
from sqlalchemy import or_, select

from lectern.extensions import db
from lectern.models import LtiToolKey, utcnow

# A rotated key stays in the JWKS this long: platforms cache a tool's JWKS (Moodle for hours) and a
# deep-linking response or token request signed just before the rotation must still verify.
KEEP_RETIRED = timedelta(days=7)
ALGORITHM = "RS256"


def _new_key() -> LtiToolKey:
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption()).decode()
    key = LtiToolKey(kid=uuid.uuid4().hex, private_pem=pem)
    db.session.add(key)
    return key


def active_key() -> LtiToolKey:
    """The key that signs now, made on first use (the caller commits)."""
    key = db.session.scalar(select(LtiToolKey).where(LtiToolKey.retired_at.is_(None))
                            .order_by(LtiToolKey.id.desc()).limit(1))
    return key or _new_key()


def rotate() -> tuple[LtiToolKey, list[LtiToolKey]]:
    """A new signing key; the old ones are retired but still published for KEEP_RETIRED (the caller commits)."""
    now = utcnow()
    old = list(db.session.scalars(select(LtiToolKey).where(LtiToolKey.retired_at.is_(None))))
    for key in old:
        key.retired_at = now
    db.session.flush()
    return _new_key(), old


def published_jwks() -> dict[str, Any]:
    """The public halves of the active key and of the keys retired less than KEEP_RETIRED ago."""
    since = utcnow() - KEEP_RETIRED
    keys = db.session.scalars(select(LtiToolKey).where(or_(LtiToolKey.retired_at.is_(None),
                                                           LtiToolKey.retired_at > since))
                              .order_by(LtiToolKey.id.desc()))
    published = []
    for key in keys:
        public = serialization.load_pem_private_key(key.private_pem.encode(), password=None).public_key()
        jwk = json.loads(RSAAlgorithm.to_jwk(public))
        published.append({**jwk, "kid": key.kid, "alg": ALGORITHM, "use": "sig"})
    return {"keys": published}


def sign(claims: dict[str, Any], *, lifetime_seconds: int = 300) -> str:
    """A JWT of these claims signed with the active key (iat, exp and a fresh jti/nonce added)."""
    key = active_key()
    now = int(time.time())
    payload = {"iat": now, "exp": now + lifetime_seconds, "jti": secrets.token_urlsafe(16),
               "nonce": secrets.token_urlsafe(16), **claims}
    return jwt.encode(payload, key.private_pem, algorithm=ALGORITHM, headers={"kid": key.kid})
