"""A class arriving at once, against a running server: N students (default 30) open the Berlin bank's
full quiz (49 questions, one page) within one second, then all finish together and all submit together.

Each student has its own cookie jar. Steps: "start page" (GET it), "start" (POST a name, GET the attempt
page); once everyone has the attempt page, "finish" (POST every answer with Finish attempt…, GET the
summary it leads to), all at once; once everyone has the summary, "submit" (Submit and finish, until the
redirect to the review), all at once; "review" (GET it). Then the floor, the same arrival against
bench/floor_app.py (a tiny page, a one-row insert) under the same gunicorn.conf.py. Prints p50/p95/max per
step with its p95 as a multiple of the floor's, the errors by step, and how many acknowledged submits
(those that reached the review) the database holds submitted and scored; exit status 1 on any error or a
missing one. Then deletes this run's students ("Burst <time> #n") unless --keep. Options: --url, --keep,
--no-floor.

SQLite (instance/lectern.sqlite3, or a scratch file with the same DATABASE_URL=sqlite:////tmp/… for both):
    make run                                   # in one terminal
    .venv/bin/python bench/burst.py 30         # in another (--url http://127.0.0.1:5000 by default)
PostgreSQL (pg_ctlcluster 15 main start): give burst.py the server's DATABASE_URL, so it can count the
rows; the floor writes to a table bench_floor_row there, dropped at the end:
    DATABASE_URL=postgresql+psycopg://lectern:lectern@127.0.0.1/lectern_bench make run
    DATABASE_URL=postgresql+psycopg://lectern:lectern@127.0.0.1/lectern_bench .venv/bin/python bench/burst.py 30
"""

from __future__ import annotations

import argparse
import asyncio
import html
import random
import re
import runpy
import statistics
import sys
import time
from collections import Counter
from collections.abc import Awaitable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import aiohttp
from sqlalchemy import delete, select

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import floor_app
from answer_picker import pick_answers
from flask import Flask

from lectern import create_app
from lectern.extensions import db
from lectern.models import (
    Attempt,
    Card,
    CardReview,
    Enrollment,
    MarkChange,
    Response,
    Student,
    StudyItem,
    StudyRun,
)

QUIZ = "/quizzes/berlin-security-agreements/full"
STEPS = ("start page", "start", "finish", "submit", "review")
FLOOR_STEPS = ("floor page", "floor insert")
WRITING_STEPS = {"start", "finish", "submit"}  # compared with the floor's insert as well as its page
TIMEOUT_SECONDS = 120  # generous: a slow reply is a figure in the table, only a stuck one is an error
CSRF_INPUT = re.compile(r'<input[^>]*\bname="csrf_token"[^>]*>')
VALUE = re.compile(r'\bvalue="([^"]+)"')
ATTEMPT_URL = re.compile(r"/attempts/(\d+)$")
# What a person would read on a page that went wrong: the error page's message or a flash.
MESSAGE = re.compile(r'<p class="(?:error-message|flash [^"]*)">(.*?)</p>', re.DOTALL)
TAG = re.compile(r"<[^>]+>")


class Unexpected(Exception):
    """A reply other than the one the step needs; args: its status, and what its page says."""


@dataclass
class Tally:
    """Seconds per step for the requests that went right, every error, and the submits acknowledged."""

    times: dict[str, list[float]] = field(default_factory=lambda: {s: [] for s in STEPS + FLOOR_STEPS})
    errors: list[tuple[str, str, str]] = field(default_factory=list)  # (step, status, first line)
    acknowledged: list[int] = field(default_factory=list)  # attempt ids whose submit reached the review

    async def step(self, name: str, work: Awaitable[Any]) -> Any:
        """Run one step, timing it; on any failure record the error and return None."""
        began = time.perf_counter()
        try:
            result = await work
        except Unexpected as error:
            self.errors.append((name, *error.args))
        except TimeoutError:
            self.errors.append((name, "timeout", f"no reply within {TIMEOUT_SECONDS} s"))
        except (aiohttp.ClientError, OSError) as error:  # a refused or dropped connection is a result too
            self.errors.append((name, type(error).__name__, (str(error).splitlines() or [""])[0]))
        else:
            self.times[name].append(time.perf_counter() - began)
            return result
        return None


def first_line(body: str) -> str:
    """The message a page shows, or the first line of its text."""
    shown = MESSAGE.search(body)
    lines = [line.strip() for line in TAG.sub("", shown.group(1) if shown else body).splitlines()]
    return html.unescape(next((line for line in lines if line), "(empty body)"))[:160]


async def fetch(session: aiohttp.ClientSession, method: str, url: str, status: int,
                data: dict[str, str] | None = None, to: str = "") -> tuple[str, str]:
    """One request, redirects not followed; (body, Location). Any other status or target raises Unexpected."""
    async with session.request(method, url, data=data, allow_redirects=False) as reply:
        body = await reply.text()
        location = reply.headers.get("Location", "")
        if reply.status != status or not location.endswith(to):
            shown = f"{reply.status} to {location}" if location else str(reply.status)
            raise Unexpected(shown, first_line(body))
        return body, location


def token(page: str) -> str:
    found = CSRF_INPUT.search(page)
    value = VALUE.search(found.group(0)) if found else None
    if not value:
        raise Unexpected("no csrf_token", first_line(page))
    return value.group(1)


def new_session(base: str) -> aiohttp.ClientSession:
    """A student's browser. Idle connections are dropped after half a second: a server that keeps
    connections alive (gunicorn's default is 2 s; gunicorn.conf.py turns it off) may close one just
    as a request is sent on it, which a browser retries silently, and the wait at the barrier would
    turn that race into errors."""
    return aiohttp.ClientSession(base, connector=aiohttp.TCPConnector(keepalive_timeout=0.5),
                                 cookie_jar=aiohttp.CookieJar(unsafe=True),  # unsafe: keep 127.0.0.1's cookies
                                 timeout=aiohttp.ClientTimeout(total=TIMEOUT_SECONDS))


async def student(base: str, name: str, answers: dict[str, str], together: asyncio.Barrier, tally: Tally) -> None:
    """One student's journey, from the start page to the review of a submitted attempt.

    Everyone arrives within one second; once all have their attempt page, all press Finish attempt…
    together; once all see the summary, all press Submit and finish together.
    """
    async with new_session(base) as session:
        started = finished = None
        try:
            await asyncio.sleep(random.uniform(0, 1))
            start_page = await tally.step("start page", fetch(session, "GET", QUIZ, 200))
            if start_page:
                started = await tally.step("start", start(session, name, start_page[0]))
        finally:  # a student who failed still arrives, or the others would wait for ever
            await together.wait()
        try:
            if started is not None:
                attempt_url, csrf, page = started
                if not answers:  # the first student here reads the form for everyone, outside the timed step
                    answers.update(pick_answers(page))
                finished = await tally.step("finish", finish(session, attempt_url, {**answers, "csrf_token": csrf}))
        finally:
            await together.wait()
        if finished is None:
            return
        summary_url, summary = finished
        if await tally.step("submit", submit(session, summary_url, summary)):
            tally.acknowledged.append(int(ATTEMPT_URL.search(attempt_url).group(1)))
            await tally.step("review", fetch(session, "GET", f"{attempt_url}/review", 200))


async def start(session: aiohttp.ClientSession, name: str, start_page: str) -> tuple[str, str, str]:
    """POST the name, then GET the attempt page it leads to: (its URL, this student's csrf token, the page)."""
    data = {"csrf_token": token(start_page), "display_name": name, "submit": "Start the quiz"}
    _, attempt_url = await fetch(session, "POST", QUIZ, 302, data)
    if not ATTEMPT_URL.search(attempt_url):
        raise Unexpected(f"302 to {attempt_url}", "not an attempt page")
    page, _ = await fetch(session, "GET", attempt_url, 200)
    return attempt_url, token(page), page


async def finish(session: aiohttp.ClientSession, attempt_url: str, form: dict[str, str]) -> tuple[str, str]:
    """Finish attempt… with the answers (it saves them), then GET the summary it leads to."""
    _, summary_url = await fetch(session, "POST", attempt_url, 302, form, to="/summary")
    summary, _ = await fetch(session, "GET", summary_url, 200)
    return summary_url, summary


async def submit(session: aiohttp.ClientSession, summary_url: str, summary: str) -> bool:
    """Submit and finish on the summary, until the redirect to the review."""
    data = {"csrf_token": token(summary), "submit": "Submit and finish"}
    await fetch(session, "POST", summary_url, 302, data, to="/review")
    return True


async def class_burst(base: str, students: int, prefix: str, tally: Tally) -> None:
    answers: dict[str, str] = {}
    together = asyncio.Barrier(students)
    await asyncio.gather(*(student(base, f"{prefix}{n}", answers, together, tally)
                           for n in range(1, students + 1)))


async def floor_burst(base: str, clients: int, tally: Tally) -> None:
    """The same arrival as the class (within one second), each client reading a page and writing a row."""
    async def client(n: int) -> None:
        async with new_session(base) as session:
            await asyncio.sleep(random.uniform(0, 1))
            await tally.step("floor page", fetch(session, "GET", "/page", 200))
            await tally.step("floor insert", fetch(session, "POST", "/insert", 200, {"note": f"client {n}"}))

    await asyncio.gather(*(client(n) for n in range(clients)))


def this_run(prefix: str) -> Any:
    return Student.display_name.startswith(prefix, autoescape=True)


def stored_and_scored(app: Flask, prefix: str, acknowledged: list[int]) -> int:
    """How many acknowledged submits the database holds as submitted and scored."""
    with app.app_context():
        stored = db.session.scalars(select(Attempt.id).join(Student).where(
            this_run(prefix), Attempt.submitted_at.is_not(None), Attempt.points.is_not(None))).all()
    return len(set(stored) & set(acknowledged))


def remove_students(app: Flask, prefix: str) -> int:
    """Delete this run's students and all of theirs in one transaction, so no fake student reaches a
    teacher's results. Children first: PostgreSQL checks every foreign key, cascades or not."""
    with app.app_context():
        students = db.session.scalars(select(Student.id).where(this_run(prefix))).all()
        attempts = select(Attempt.id).where(Attempt.student_id.in_(students))
        runs = select(StudyRun.id).where(StudyRun.student_id.in_(students))
        for statement in (
            delete(CardReview).where(CardReview.student_id.in_(students)),
            delete(StudyItem).where(StudyItem.run_id.in_(runs)),
            delete(StudyRun).where(StudyRun.student_id.in_(students)),
            delete(Card).where(Card.student_id.in_(students)),
            delete(MarkChange).where(MarkChange.attempt_id.in_(attempts)),
            delete(Response).where(Response.attempt_id.in_(attempts)),
            delete(Attempt).where(Attempt.student_id.in_(students)),
            delete(Enrollment).where(Enrollment.student_id.in_(students)),
            delete(Student).where(Student.id.in_(students)),
        ):
            db.session.execute(statement, execution_options={"synchronize_session": False})
        db.session.commit()
    return len(students)


def p95(seconds: list[float]) -> float:
    return statistics.quantiles(seconds, n=20, method="inclusive")[18] if len(seconds) > 1 else seconds[0]


def print_table(tally: Tally, floor: bool) -> None:
    floor_page, floor_insert = (p95(tally.times[s]) if tally.times[s] else 0.0 for s in FLOOR_STEPS)
    print(f"\n{'step':<14}{'ok':>5}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}"
          + (f"{'p95/floor page':>16}{'p95/floor insert':>18}" if floor else ""))
    for step in STEPS + (FLOOR_STEPS if floor else ()):
        seconds = tally.times[step]
        if not seconds:
            print(f"{step:<14}{0:>5}   (no request went right)")
            continue
        row = (f"{step:<14}{len(seconds):>5}{statistics.median(seconds) * 1000:>9.1f}"
               f"{p95(seconds) * 1000:>9.1f}{max(seconds) * 1000:>9.1f}")
        if floor and step in STEPS and floor_page:
            row += f"{p95(seconds) / floor_page:>15.1f}x"
        if floor and step in WRITING_STEPS and floor_insert:
            row += f"{p95(seconds) / floor_insert:>17.1f}x"
        print(row)


def print_errors(errors: list[tuple[str, str, str]]) -> None:
    print(f"\nerrors: {len(errors) or 'none'}")
    for (step, status, line), count in Counter(errors).most_common():
        print(f"  {count:>4} x {step}: {status}: {line}")


def main() -> int:
    parser = argparse.ArgumentParser(description="A class of students starting and submitting at once.")
    parser.add_argument("students", type=int, nargs="?", default=30)
    parser.add_argument("--url", default="http://127.0.0.1:5000", help="the running server")
    parser.add_argument("--keep", action="store_true", help="leave this run's students in the database")
    parser.add_argument("--no-floor", action="store_true", help="skip the floor app's burst")
    options = parser.parse_args()
    if options.students < 1:
        parser.error("a class needs at least one student")
    app = create_app()  # the same DATABASE_URL as the server, or instance/lectern.sqlite3
    with app.app_context():
        database = db.engine.url
    settings = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    prefix = f"Burst {datetime.now():%Y%m%d-%H%M%S} #"
    print(f"{options.students} students on {options.url}{QUIZ}, named '{prefix}1' on")
    print(f"server settings (gunicorn.conf.py in this environment): {settings['workers']} workers"
          f" x {settings['threads']} threads ({settings['worker_class']})")
    print(f"database: {database.get_backend_name()} ({database.render_as_string(hide_password=True)})")
    tally = Tally()
    try:
        asyncio.run(class_burst(options.url.rstrip("/"), options.students, prefix, tally))
        stored = stored_and_scored(app, prefix, tally.acknowledged)
        if not options.no_floor:
            shared = database.get_backend_name() == "postgresql"
            with floor_app.serving(database.render_as_string(hide_password=False) if shared else None) as floor:
                asyncio.run(floor_burst(floor, options.students, tally))
    finally:
        removed = 0 if options.keep else remove_students(app, prefix)
    print_table(tally, floor=not options.no_floor)
    print_errors(tally.errors)
    print(f"\nstored and scored: {stored} of {len(tally.acknowledged)} acknowledged submits"
          f" ({options.students} students)")
    print("kept this run's students (--keep)" if options.keep else f"removed {removed} students of this run")
    return 1 if tally.errors or stored < len(tally.acknowledged) else 0


if __name__ == "__main__":
    sys.exit(main())
