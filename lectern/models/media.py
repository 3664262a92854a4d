"""Pictures that question texts show, stored once each under the SHA-256 of their bytes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from lectern.extensions import db
from lectern.models.timestamps import utcnow


class Media(db.Model):
    """One checked picture (lectern.core.images). Texts refer to it as ![alt](media:<sha256>).

    Rows are never changed (the key is the content) and are kept when a question stops
    using them: a past attempt's question version may still show the picture.
    """

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    content_type: Mapped[str] = mapped_column(String(40))
    byte_size: Mapped[int] = mapped_column(Integer)
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    def __repr__(self) -> str:
        return f"<Media {self.sha256[:12]} {self.content_type} {self.width}x{self.height}>"
