"""Stored pictures: keeping checked images and finding them again by their SHA-256.

A picture's key is the hash of its bytes, so storing one twice (the same file imported into
two banks, two teachers adding the same diagram) keeps one row; the insert does nothing when
the row exists, which also holds when two requests store the same picture at once.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite

from lectern.core.images import DIGEST, StoredImage
from lectern.extensions import db
from lectern.models import Media, utcnow


def store_images(images: Iterable[StoredImage]) -> None:
    """Keep each picture unless a row with its digest exists already (the caller commits)."""
    rows = [{"sha256": i.digest, "content_type": i.content_type, "byte_size": len(i.data), "width": i.width,
             "height": i.height, "data": i.data} for i in {i.digest: i for i in images}.values()]
    if not rows:
        return
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    for row in rows:  # one at a time: a batch of 2 MB values would be held in memory twice over
        db.session.execute(insert(Media).values(**row, created_at=utcnow()).on_conflict_do_nothing())


def find_media(sha256: str) -> Media | None:
    """The stored picture with this digest; None for an unknown or malformed one."""
    if not DIGEST.fullmatch(sha256):
        return None
    return db.session.get(Media, sha256)


def stored_images(digests: Iterable[str]) -> dict[str, StoredImage]:
    """The stored pictures among these digests, as the core's StoredImage (for an export)."""
    wanted = [d for d in dict.fromkeys(digests) if DIGEST.fullmatch(d)]
    if not wanted:
        return {}
    rows = db.session.scalars(select(Media).where(Media.sha256.in_(wanted)))
    return {m.sha256: StoredImage(m.sha256, m.content_type, m.data, m.width, m.height) for m in rows}


def missing_digests(digests: Iterable[str]) -> list[str]:
    """The digests among these that no stored picture has."""
    wanted = list(dict.fromkeys(digests))
    if not wanted:
        return []
    found = set(db.session.scalars(select(Media.sha256).where(Media.sha256.in_(wanted))))
    return [d for d in wanted if d not in found]

