"""Shared fixtures: a fresh app and database per test, and the small test bank."""

from __future__ import annotations

import gc
import os
import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import text

from lectern import create_app
from lectern.core.banks import read_bank
from lectern.extensions import db, limiter
from lectern.rate_limit_store import default_uri
from lectern.services.bank_loading import load_bank

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).parent.parent
MINI_BANK = FIXTURES / "mini"


# Set to a PostgreSQL URL to run the suite there (`make test-postgres`); by default each
# test gets its own SQLite file.
SHARED_DATABASE_URL = os.environ.get("LECTERN_TEST_DATABASE_URL")


def make_app(tmp_path: Path, **config):
    return create_app({
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": SHARED_DATABASE_URL or f"sqlite:///{tmp_path / 'test.sqlite3'}",
        "RATELIMIT_STORAGE_URI": default_uri(tmp_path),
        "CLOSE_OVERDUE_EVERY": 0,  # tests close overdue attempts themselves, on their moved clock
        **config,
    })


def empty_database(app, schema: bool = False) -> None:
    """Start from nothing: a new SQLite file is empty already; a shared server is emptied
    (its tables truncated, or with schema=True dropped, for the migration tests)."""
    if db.engine.dialect.name != "postgresql":
        return
    with db.engine.begin() as connection:
        # A database left by an older schema (a table or a column missing) is rebuilt, not
        # truncated: create_all adds missing tables but never a column to a table that exists.
        # One query for every column, as this runs before each test.
        existing = set(connection.execute(text(
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'")))
        wanted = {(t.name, c.name) for t in db.metadata.sorted_tables for c in t.columns}
        if schema or not wanted <= existing:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        else:
            tables = ", ".join(t.name for t in db.metadata.sorted_tables)
            connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))


@contextmanager
def app_over_empty_database(tmp_path: Path, **config) -> Iterator:
    """An app with CSRF on, as in production, over an empty database with the tables made."""
    enabled = limiter.enabled
    app = make_app(tmp_path, **config)
    with app.app_context():
        empty_database(app)
        db.create_all()
        if limiter.enabled:  # a limiter switched off never makes its storage, and has nothing to forget
            limiter.reset()  # each test starts with no failures counted
    try:
        yield app
    finally:
        # Flask-Limiter keeps RATELIMIT_ENABLED on its one shared instance; the next app must not inherit it.
        limiter.enabled = enabled
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
        # A connection a test left checked out is closed here, not at some later test's GC.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ResourceWarning)
            gc.collect()


@pytest.fixture
def app(tmp_path):
    with app_over_empty_database(tmp_path) as app:
        yield app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def mini_bank(app):
    """The small test bank (one question of each type), loaded."""
    with app.app_context():
        load_bank(read_bank(MINI_BANK))
        db.session.commit()
    return "mini"


def csrf_token(html: str) -> str:
    """The CSRF token of the form on a page, as a browser would send it back."""
    match = re.search(r'<input[^>]*name="csrf_token"[^>]*value="([^"]+)"', html)
    assert match, "the page has no CSRF token"
    return match.group(1)


@pytest.fixture
def teacher(app):
    """A teacher account (teacher@school.org), an admin as `flask teachers create` makes; returns its id.

    Admin, so it may edit the banks loaded from files (the mini bank), which have no owner.
    """
    from tests.web.teachers import make_teacher

    return make_teacher(app, admin=True)


@pytest.fixture
def teacher_client(app, teacher):
    """A test client signed in as the teacher."""
    from tests.web.teachers import sign_in

    client = app.test_client()
    assert sign_in(client).status_code == 302
    return client
