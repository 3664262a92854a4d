"""What bench/import_limits.py and bench/import_contention.py share: an app over a throwaway SQLite
file with the article bank loaded and a signed-in teacher, and GIFT files of any number of questions."""

from __future__ import annotations

import base64
import io
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from lectern import create_app
from lectern.core.banks import read_bank
from lectern.extensions import db
from lectern.services.bank_loading import load_bank
from lectern.services.teachers import create_teacher

BANK = ROOT / "quizzes" / "berlin-security-agreements"
PASSWORD = "bench password 1"


def gift_file(questions: int) -> bytes:
    """A GIFT file of short true/false and single-choice questions (the issue's 100,000 are 1.6 MB)."""
    return "".join(f"Q{n}? {{T}}\n\n" if n % 2 else f"C{n}? {{=a ~b}}\n\n" for n in range(questions)).encode()


def bench_app(**config: Any):
    """The app over a fresh SQLite file, CSRF and rate limits off, the article bank and a teacher in it."""
    app = create_app({"SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False,
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3", **config})
    with app.app_context():
        db.create_all()
        load_bank(read_bank(BANK))
        teacher = create_teacher("bench@school.org", PASSWORD)
        teacher.is_admin = True
        db.session.commit()
    return app


def teacher_client(app):
    client = app.test_client()
    client.post("/teacher/sign-in", data={"email": "bench@school.org", "password": PASSWORD})
    return client


def upload(client, data: bytes, slug: str = BANK.name):
    boundary, body = encode_multipart({"file": FileStorage(io.BytesIO(data), "questions.gift.txt"), "format": ""})
    return client.post(f"/teacher/banks/{slug}/import", data=body,
                       content_type=f"multipart/form-data; boundary={boundary}")


def confirm(client, data: bytes, slug: str = BANK.name):
    """The preview page's confirmation, as the browser sends it."""
    fields = {"content": base64.b64encode(data).decode("ascii"), "format": "", "filename": "questions.gift.txt"}
    boundary, body = encode_multipart(fields)
    return client.post(f"/teacher/banks/{slug}/import/confirm", data=body,
                       content_type=f"multipart/form-data; boundary={boundary}")


def refusal(page: str) -> str:
    """The form's error message on a refused upload."""
    match = re.search(r"this file (?:has|is)[^<]*", page, re.IGNORECASE)
    return match.group(0) if match else "(no refusal message found)"
