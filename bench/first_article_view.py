"""How long the first request for an article page takes in a fresh process (the berlin bank).

The bank is loaded into a throwaway SQLite file by one process; a second, fresh process
then times its first and second GET of /articles/<slug>, so nothing the loading did
(textstat's dictionary, say) is warm in the process that is timed. Prints figures; asserts nothing.

    .venv/bin/python bench/first_article_view.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BANK = ROOT / "quizzes" / "berlin-security-agreements"


def _app(database: str):
    from lectern import create_app

    return create_app({"SECRET_KEY": "bench", "RATELIMIT_ENABLED": False,
                       "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}"})


def load(database: str) -> None:
    from lectern.core.banks import read_bank
    from lectern.extensions import db
    from lectern.services.bank_loading import load_bank

    app = _app(database)
    with app.app_context():
        db.create_all()
        load_bank(read_bank(BANK))
        db.session.commit()


def view(database: str) -> None:
    client = _app(database).test_client()
    for label in ("first", "second"):
        began = time.perf_counter()
        reply = client.get(f"/articles/{BANK.name}")
        elapsed = (time.perf_counter() - began) * 1000
        assert reply.status_code == 200, reply.status_code
        print(f"  {label} article view {elapsed:7.1f} ms")


def main() -> None:
    if len(sys.argv) == 3:
        {"load": load, "view": view}[sys.argv[1]](sys.argv[2])
        return
    database = str(Path(tempfile.mkdtemp()) / "bench.sqlite3")
    subprocess.run([sys.executable, __file__, "load", database], check=True)
    print(f"/articles/{BANK.name}, SQLite, a fresh process")
    subprocess.run([sys.executable, __file__, "view", database], check=True)


if __name__ == "__main__":
    main()
