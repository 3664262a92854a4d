"""How long one student's requests take, in process: starting the full quiz of the article bank,
its attempt page, a save of every answer, Finish attempt… (saves again), the submit summary,
submitting and the review. Median over N students (default 40),
each with a fresh browser session, on a throwaway SQLite file. Prints figures; asserts nothing.

    .venv/bin/python bench/student_pages.py [N]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from answer_picker import pick_answers

from lectern import create_app
from lectern.core.banks import read_bank
from lectern.extensions import db
from lectern.services.bank_loading import load_bank

BANK = ROOT / "quizzes" / "berlin-security-agreements"
STEPS = ("start", "attempt page", "save", "finish", "summary", "submit", "review")


def main() -> None:
    students = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    app = create_app({"SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False,
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"})
    with app.app_context():
        db.create_all()
        load_bank(read_bank(BANK))
        db.session.commit()
    times: dict[str, list[float]] = {step: [] for step in STEPS}

    def timed(step: str, request, *args, **kwargs):
        began = time.perf_counter()
        reply = request(*args, **kwargs)
        times[step].append(time.perf_counter() - began)
        return reply

    answers: dict[str, str] = {}
    for n in range(students):
        client = app.test_client()
        url = timed("start", client.post, f"/quizzes/{BANK.name}/full", data={"display_name": f"S{n}"})
        url = url.headers["Location"]
        page = timed("attempt page", client.get, url).text
        answers = answers or pick_answers(page)  # every question answered, as burst.py does
        timed("save", client.post, url, data={**answers, "action": "save"})
        timed("finish", client.post, url, data=answers)  # Finish attempt…: saves, opens the summary
        timed("summary", client.get, f"{url}/summary")
        timed("submit", client.post, f"{url}/summary", data={"submit": "Submit and finish"})
        timed("review", client.get, f"{url}/review")
    print(f"{students} students, the {BANK.name} bank's full quiz, SQLite, in process")
    for step, seconds in times.items():
        print(f"  {step:<14} median {statistics.median(seconds) * 1000:6.1f} ms   max {max(seconds) * 1000:6.1f} ms")


if __name__ == "__main__":
    main()
