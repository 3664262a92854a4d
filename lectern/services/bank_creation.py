"""Create a bank from a pasted article: its slug, its row, and a quiz students can take."""

from __future__ import annotations

import re
import unicodedata

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from lectern.core.article import Article
from lectern.core.quizzes import DEFAULT_QUIZ
from lectern.extensions import db
from lectern.models import Bank, Quiz, Teacher
from lectern.services.reading import store_reading_figures

SLUG_MAX = 80  # the column's length
DERIVED_SLUG_MAX = 60  # leaves room for "-2", "-3"… and keeps links short
# Slugs that would collide with a page's own address under /teacher/banks/.
RESERVED_SLUGS = frozenset({"new"})


class SlugTaken(ValueError):
    """Another bank already has the slug (found only on saving, when two teachers race)."""


def slug_from_title(title: str) -> str:
    """Lowercase words of the title joined by hyphens: 'U.S. & EU, 2025' → 'u-s-eu-2025'."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > DERIVED_SLUG_MAX:
        cut = slug[:DERIVED_SLUG_MAX]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else cut  # end on a whole word
    return slug or "bank"  # a title with no Latin letters or digits still gets an address


def slug_available(slug: str) -> bool:
    """Whether a new bank may take this slug."""
    if slug in RESERVED_SLUGS:
        return False
    return db.session.scalar(select(Bank.id).where(Bank.slug == slug)) is None


def unique_slug(base: str) -> str:
    """base, or base-2, base-3… whichever no bank has yet."""
    candidate, n = base, 1
    while not slug_available(candidate):
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def create_bank(article: Article, slug: str | None, teacher: Teacher) -> Bank:
    """A new bank holding the article, with the default quiz over all its questions (the caller commits).

    With no slug, one is derived from the title. SlugTaken if the slug was taken
    between the form's check and now; the session is then rolled back.
    """
    slug = slug or unique_slug(slug_from_title(article.title))
    bank = Bank(slug=slug, title=article.title, source=article.source, published=article.date,
                url=article.url, paragraphs=list(article.paragraphs), key_terms=[], created_by_id=teacher.id)
    # The same quiz a bank file without 'quizzes:' gets, so exporting this bank and
    # loading it back changes nothing; it selects every question once there are some.
    bank.quizzes.append(Quiz(key=DEFAULT_QUIZ.id, title=DEFAULT_QUIZ.title, description=None,
                             spec=DEFAULT_QUIZ.model_dump(mode="json", exclude_defaults=True),
                             position=1, created_by_id=teacher.id))
    return add_new_bank(bank)


def add_new_bank(bank: Bank) -> Bank:
    """Add a new bank, with its reading figures, and flush it: SlugTaken (nothing written) if another
    request took its slug meanwhile. Banks made from a pasted article and copies come here."""
    store_reading_figures(bank)
    db.session.add(bank)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        raise SlugTaken(f"Another bank has just taken the address {bank.slug!r}; choose another.") from None
    return bank
