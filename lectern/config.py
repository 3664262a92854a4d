"""Configuration from the environment, with safe defaults for a single machine."""

from __future__ import annotations

import os
import secrets
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from lectern.core.images import DEFAULT_MAX_IMAGE_BYTES
from lectern.core.local_time import zone_named
from lectern.rate_limit_store import default_uri


def secret_key(instance_path: Path) -> str:
    """SECRET_KEY from the environment, else one generated once and kept in instance/."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    key_file = instance_path / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def database_url(instance_path: Path) -> str:
    """DATABASE_URL, with Heroku-style postgres:// accepted, else SQLite in instance/."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        return f"sqlite:///{instance_path / 'lectern.sqlite3'}"
    if url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgres://")
    elif url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return url


def engine_options(url: str) -> dict[str, Any]:
    """Connection pool settings: a connection kept for each of a worker's threads (gunicorn.conf.py),
    so a class arriving at once reuses connections instead of opening and closing extra ones.

    A server's connections can drop while idle, so they are checked before use; a SQLite file's
    cannot, and the check would cost a query on every request.
    """
    threads = int(os.environ.get("LECTERN_THREADS") or 2)
    if url in ("sqlite://", "sqlite:///") or ":memory:" in url:
        return {}  # one in-memory database, which SQLAlchemy pools as a single connection
    # Overflow connections are for code that runs more threads than gunicorn does (a test, a script).
    options: dict[str, Any] = {"pool_size": threads, "max_overflow": 16}
    return options if url.startswith("sqlite") else {**options, "pool_pre_ping": True}


def school_timezone() -> str:
    """LECTERN_TIMEZONE, the zone for viewers whose browser does not say theirs (default UTC)."""
    name = os.environ.get("LECTERN_TIMEZONE", "").strip() or "UTC"
    if zone_named(name) is None:
        raise RuntimeError(f"LECTERN_TIMEZONE is set to {name!r}, which is not a time zone name. "
                           "Use an IANA name such as Europe/Berlin, America/New_York or UTC.")
    return name


def rate_limit_storage(instance_path: Path) -> str:
    """Where every worker process counts failed sign-ins: RATELIMIT_STORAGE_URI (Redis for several
    machines), else a SQLite file in instance/ that the processes of one machine share."""
    uri = os.environ.get("RATELIMIT_STORAGE_URI", "").strip()
    if uri.split(":", 1)[0] in ("redis", "rediss", "redis+sentinel", "redis+cluster") and find_spec("redis") is None:
        raise RuntimeError(f"RATELIMIT_STORAGE_URI is {uri.split('@')[-1]!r}, a Redis address, but the redis "
                           "package is not installed. Install it with: pip install -e '.[redis]'")
    return uri or default_uri(instance_path)


def trusted_proxies() -> int:
    """LECTERN_TRUSTED_PROXIES: how many reverse proxies stand in front (0 when served directly)."""
    value = os.environ.get("LECTERN_TRUSTED_PROXIES", "").strip() or "0"
    if not value.isdigit():
        raise RuntimeError(f"LECTERN_TRUSTED_PROXIES is set to {value!r}; give the number of proxies "
                           "in front of Lectern (0 when it is served directly).")
    return int(value)


def positive_int(name: str, default: int) -> int:
    """A whole-number setting from the environment (default when unset); refuses anything else at start-up."""
    value = os.environ.get(name, "").strip().replace("_", "")
    if not value:
        return default
    if not value.isdigit() or int(value) < 1:
        raise RuntimeError(f"{name} is set to {value!r}; give a whole number of at least 1 (default {default}).")
    return int(value)


# The most one import may bring: a class's work never waits on a bank being moved in,
# and the preview page stays a page (see lectern/services/question_import.py).
MAX_IMPORT_QUESTIONS = 2000
MAX_IMPORT_BYTES = 10 * 1024 * 1024
# Room in a request for the form's other fields around the largest file.
FORM_SLACK = 64 * 1024


def from_environment(instance_path: Path) -> dict[str, Any]:
    import_bytes = positive_int("LECTERN_MAX_IMPORT_BYTES", MAX_IMPORT_BYTES)
    instance_path.mkdir(parents=True, exist_ok=True)
    return {
        "SECRET_KEY": secret_key(instance_path),
        "SQLALCHEMY_DATABASE_URI": database_url(instance_path),
        "SQLALCHEMY_ENGINE_OPTIONS": engine_options(database_url(instance_path)),
        # A largest import file fits, with its form; its base64 confirmation gets more (teacher/imports.py).
        "MAX_CONTENT_LENGTH": import_bytes + FORM_SLACK,
        "LECTERN_MAX_IMPORT_BYTES": import_bytes,
        "LECTERN_MAX_IMPORT_QUESTIONS": positive_int("LECTERN_MAX_IMPORT_QUESTIONS", MAX_IMPORT_QUESTIONS),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": os.environ.get("SESSION_COOKIE_SECURE", "").lower() in ("1", "true"),
        "PERMANENT_SESSION_LIFETIME": 60 * 60 * 24 * 365,
        # The cookie is signed and sent again only when it changes, not on every page a student
        # opens: a year from the last change is as good as a year from the last visit.
        "SESSION_REFRESH_EACH_REQUEST": False,
        "WTF_CSRF_TIME_LIMIT": None,  # a quiz may stay open for a whole lesson
        "RATELIMIT_HEADERS_ENABLED": False,  # the 429 page sets Retry-After itself, matching its text
        "RATELIMIT_STORAGE_URI": rate_limit_storage(instance_path),
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "LECTERN_TIMEZONE": school_timezone(),
        # Seconds between the background closings of attempts whose time ran out (0: never;
        # then only `flask attempts close-overdue` and the attempt's next write close them).
        "CLOSE_OVERDUE_EVERY": float(os.environ.get("LECTERN_CLOSE_OVERDUE_EVERY", "10")),
        "LECTERN_TRUSTED_PROXIES": trusted_proxies(),
        # The largest picture a question may show (lectern.core.images), in bytes.
        "LECTERN_MAX_IMAGE_BYTES": positive_int("LECTERN_MAX_IMAGE_BYTES", DEFAULT_MAX_IMAGE_BYTES),
        "QUIZZES_PATH": str(Path(__file__).resolve().parent.parent / "quizzes"),
    }
