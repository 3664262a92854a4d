"""An article's reading figures are stored with the bank when its article is written, and the
article page shows them: loading, making, copying and importing set them; migration 0007 backfills them."""

from __future__ import annotations

import dataclasses
import math

import pytest
import sqlalchemy as sa
import textstat
from flask_migrate import downgrade, upgrade
from sqlalchemy import select

from lectern.core.article import Article
from lectern.core.banks import read_bank
from lectern.core.reading_figures import reading_figures
from lectern.extensions import db
from lectern.models import Bank, Teacher
from lectern.services.bank_copying import duplicate_bank
from lectern.services.bank_creation import create_bank
from lectern.services.bank_loading import load_bank
from lectern.services.question_import import apply_import, preview_import
from tests.conftest import REPO, empty_database, make_app
from tests.web.teachers import make_teacher

SLUG = "berlin-security-agreements"
BERLIN = read_bank(REPO / "quizzes" / SLUG)


def _stored(slug: str = SLUG) -> tuple[int | None, float | None]:
    bank = db.session.scalar(select(Bank).where(Bank.slug == slug))
    return bank.word_count, bank.reading_grade


def _expected(paragraphs) -> tuple[int, float]:
    figures = reading_figures(paragraphs)
    return figures.words, figures.grade


def test_loading_a_bank_stores_its_figures_and_reloading_a_changed_article_updates_them(app):
    with app.app_context():
        load_bank(BERLIN)
        db.session.commit()
        assert _stored() == _expected(BERLIN.article.paragraphs)
        shorter = dataclasses.replace(BERLIN.article, paragraphs=BERLIN.article.paragraphs[:3])
        load_bank(dataclasses.replace(BERLIN, article=shorter))
        db.session.commit()
        assert _stored() == _expected(shorter.paragraphs) != _expected(BERLIN.article.paragraphs)


def test_the_article_page_shows_the_figures_the_page_always_computed(app, client):
    with app.app_context():
        load_bank(BERLIN)
        db.session.commit()
    paragraphs = BERLIN.article.paragraphs
    # What article_view computed on every request before the figures were stored.
    words = sum(len(p.split()) for p in paragraphs)
    grade = round(textstat.flesch_kincaid_grade("\n\n".join(paragraphs)), 1)
    page = client.get(f"/articles/{SLUG}").text
    assert f"{words} words, {len(paragraphs)} paragraphs" in page
    assert f"about {max(1, math.ceil(words / 200))} min" in page
    assert f"US grade {grade} (Flesch–Kincaid)" in page


def test_a_bank_without_stored_figures_shows_them_all_the_same_and_the_page_writes_nothing(app, client):
    with app.app_context():
        load_bank(BERLIN)
        db.session.execute(sa.update(Bank).values(word_count=None, reading_grade=None))
        db.session.commit()
    words, grade = _expected(BERLIN.article.paragraphs)
    page = client.get(f"/articles/{SLUG}").text
    assert f"{words} words" in page and f"US grade {grade} " in page
    with app.app_context():
        assert _stored() == (None, None)


@pytest.mark.parametrize("how", ["create", "duplicate", "import"])
def test_a_bank_made_in_the_app_has_its_figures(app, how):
    teacher_id = make_teacher(app)
    with app.app_context():
        teacher = db.session.get(Teacher, teacher_id)
        if how == "create":
            article = Article("Talks", "Wire", None, ("The talks went well. Both sides agreed.", "Next week: more."))
            bank = create_bank(article, "talks", teacher)
        elif how == "duplicate":
            load_bank(BERLIN)
            bank = duplicate_bank(db.session.scalar(select(Bank).where(Bank.slug == SLUG)), "copy", teacher)
        else:
            apply_import(preview_import(b"::q1:: Is Berlin in Germany? {T}\n", "imported"), None, teacher)
            bank = db.session.scalar(select(Bank).where(Bank.slug == "imported"))
        db.session.commit()
        assert _stored(bank.slug) == _expected(bank.paragraphs)
        assert (bank.word_count == 0) == (how == "import")  # an imported bank has no article yet


def test_upgrading_to_0007_gives_every_existing_bank_its_figures_and_downgrading_drops_them(tmp_path):
    app = make_app(tmp_path)
    with app.app_context():
        empty_database(app, schema=True)
        upgrade(revision="0006")
        bank = sa.table("bank", sa.column("id", sa.Integer()), sa.column("slug", sa.String()),
                        sa.column("title", sa.String()), sa.column("source", sa.String()),
                        sa.column("paragraphs", sa.JSON()), sa.column("key_terms", sa.JSON()),
                        sa.column("created_at", sa.DateTime()))
        articles = {1: list(BERLIN.article.paragraphs), 2: ["One short paragraph."], 3: []}
        with db.engine.begin() as c:
            for bank_id, paragraphs in articles.items():
                c.execute(bank.insert().values(id=bank_id, slug=f"b{bank_id}", title="T", source="S",
                                               paragraphs=paragraphs, key_terms=[], created_at=sa.func.now()))
        upgrade()
        with db.engine.connect() as c:
            stored = {row.id: (row.word_count, row.reading_grade)
                      for row in c.execute(sa.text("SELECT id, word_count, reading_grade FROM bank"))}
        assert stored == {bank_id: _expected(paragraphs) for bank_id, paragraphs in articles.items()}
        downgrade(revision="0006")
        columns = {c["name"] for c in sa.inspect(db.engine).get_columns("bank")}
        assert "word_count" not in columns and "reading_grade" not in columns and "paragraphs" in columns
        upgrade()  # and back: a shared PostgreSQL database is left as the models describe it
        db.engine.dispose()
