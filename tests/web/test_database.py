"""The database: migrations from empty, SQLite settings, and data that outlives a restart."""

from __future__ import annotations

import warnings

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade
from sqlalchemy import inspect, select, text

from lectern.extensions import db
from lectern.models import Attempt
from lectern.sqlite_transactions import BUSY_TIMEOUT_MS
from tests.conftest import SHARED_DATABASE_URL, empty_database, make_app
from tests.web.helpers import RIGHT, start, submit


def test_migrations_build_the_schema_the_models_describe(tmp_path):
    app = make_app(tmp_path)
    with app.app_context():
        empty_database(app, schema=True)
        upgrade()
        assert {"bank", "question", "question_version", "quiz", "student", "attempt", "response"} <= set(
            inspect(db.engine).get_table_names())
        with db.engine.connect() as connection, warnings.catch_warnings():
            # SQLite's reflection cannot read an index on an expression; it is checked by name below.
            warnings.filterwarnings("ignore", "Skipped unsupported reflection of expression-based index")
            warnings.filterwarnings("ignore", "autogenerate skipping metadata-specified expression-based index")
            diff = compare_metadata(MigrationContext.configure(connection), db.metadata)
            indexes = {ix["name"] for ix in inspect(connection).get_indexes("attempt")}
            if connection.dialect.name == "sqlite":
                indexes |= set(connection.scalars(text("SELECT name FROM sqlite_master WHERE type = 'index'")))
        assert diff == [], f"models and migrations disagree; run `flask db migrate`: {diff}"
        assert "one_unfinished_attempt" in indexes
        db.engine.dispose()


def test_sqlite_runs_in_wal_mode_with_foreign_keys_and_a_busy_timeout(app):
    if SHARED_DATABASE_URL:
        pytest.skip("the SQLite settings only apply to SQLite")
    with app.app_context(), db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == BUSY_TIMEOUT_MS
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 1  # NORMAL, see sqlite_transactions


def test_a_restart_keeps_every_attempt_and_score(app, client, mini_bank, tmp_path):
    url = start(client)
    submit(client, url, RIGHT)
    with app.app_context():
        db.engine.dispose()

    restarted = make_app(tmp_path)
    with restarted.app_context():
        attempt = db.session.scalar(select(Attempt))
        assert attempt.points == 5 and attempt.submitted_at is not None
    again = restarted.test_client()
    again.set_cookie("session", client.get_cookie("session").value)
    assert "5 / 8 points" in again.get(url + "/review").text
    with restarted.app_context():
        db.engine.dispose()


def test_an_existing_database_upgrades_without_losing_data(tmp_path):
    """A database made by the first migration, with an attempt in it, upgrades to the newest schema."""
    app = make_app(tmp_path)
    with app.app_context():
        empty_database(app, schema=True)
        upgrade(revision="0001")
        with db.engine.begin() as c:
            c.execute(text("INSERT INTO bank (id, slug, title, source, paragraphs, key_terms, created_at) "
                           "VALUES (1, 'b', 'T', 'S', '[\"p\"]', '[]', '2026-01-01 00:00:00')"))
            c.execute(text("INSERT INTO question (id, bank_id, key, position, retired) VALUES (1, 1, 'q', 1, false)"))
            c.execute(text("INSERT INTO question_version (id, question_id, number, type, definition, digest, created_at) "
                           "VALUES (1, 1, 1, 'essay', '{}', 'abc', '2026-01-01 00:00:00')"))
            c.execute(text("INSERT INTO quiz (id, bank_id, key, title, spec, position, retired) "
                           "VALUES (1, 1, 'full', 'Full', '{}', 1, false)"))
            c.execute(text("INSERT INTO student (id, token, display_name, created_at) VALUES (1, 't', 'Ana', '2026-01-01')"))
            c.execute(text("INSERT INTO attempt (id, quiz_id, student_id, display_name, started_at, submitted_at, "
                           "points, max_points, needs_grading) VALUES (1, 1, 1, 'Ana', '2026-01-01', '2026-01-01', 3, 4, false)"))
        upgrade()
        attempt = db.session.get(Attempt, 1)
        assert (attempt.display_name, attempt.points, attempt.max_points) == ("Ana", 3, 4)
        assert attempt.quiz.grading_method == "highest" and attempt.quiz.shuffle_options is False
        assert attempt.quiz.bank.questions[0].source_digest == "abc"
        db.engine.dispose()


def test_classes_keep_running_as_before_after_the_upgrade_to_their_own_settings(tmp_path):
    """Migration 0006: an existing class assignment takes its quiz's settings and dates, so nothing a
    student or teacher sees changes; existing accounts become admins; existing questions stay published."""
    app = make_app(tmp_path)
    with app.app_context():
        empty_database(app, schema=True)
        upgrade(revision="0005")
        with db.engine.begin() as c:
            c.execute(text("INSERT INTO bank (id, slug, title, source, paragraphs, key_terms, created_at) "
                           "VALUES (1, 'b', 'T', 'S', '[\"p\"]', '[]', '2026-01-01 00:00:00')"))
            c.execute(text("INSERT INTO question (id, bank_id, key, position, retired) VALUES (1, 1, 'q', 1, false)"))
            c.execute(text(
                "INSERT INTO quiz (id, bank_id, key, title, spec, position, retired, shuffle_questions, shuffle_options, "
                "questions_per_page, time_limit_minutes, attempts_allowed, grading_method, review_correctness, "
                "review_right_answers, review_explanations, closes_at, practice_allowed) VALUES (1, 1, 'full', 'Full', "
                "'{}', 1, false, false, false, 0, 15, 2, 'last', 'after_close', 'never', 'immediately', "
                "'2027-03-01 09:00:00', false)"))
            c.execute(text("INSERT INTO teacher (id, email, password_hash, created_at, session_nonce) "
                           "VALUES (1, 't@school.org', 'x', '2026-01-01', 'n')"))
            c.execute(text("INSERT INTO classroom (id, teacher_id, name, join_code, created_at) "
                           "VALUES (1, 1, '7B', 'QWERTY', '2026-01-01')"))
            c.execute(text("INSERT INTO assignment (id, classroom_id, quiz_id, created_at) VALUES (1, 1, 1, '2026-01-01')"))
        upgrade()
        with db.engine.connect() as c:
            row = c.execute(text(
                "SELECT time_limit_minutes, attempts_allowed, grading_method, review_correctness, review_right_answers, "
                "review_explanations, practice_allowed, closes_at, question_version_ids FROM assignment")).one()
            assert tuple(row[:7]) == (15, 2, "last", "after_close", "never", "immediately", False)
            assert str(row[7]).startswith("2027-03-01 09:00") and row[8] is None  # follows the bank, as before
            assert c.execute(text("SELECT is_admin FROM teacher")).scalar() in (True, 1)
            assert c.execute(text("SELECT status FROM question")).scalar() == "published"
        db.engine.dispose()
