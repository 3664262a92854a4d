"""Durability: gunicorn killed with SIGKILL in the middle of a class's submits keeps every submit it
acknowledged, leaves a sound database, and the students it left waiting carry on after a restart.

The server is Lectern as `make run` serves it (gunicorn.conf.py, two workers), on a scratch SQLite
file migrated and with the repository's banks loaded (`flask db upgrade`, `flask banks load
quizzes/`). A class of STUDENTS, each with its own cookie jar, goes through bench/burst.py's journey
(start page, name, attempt page, Finish attempt… with the answers, summary); then all press Submit
and finish together, and as soon as KILL_AFTER of those submits have been acknowledged (the client
got the redirect to the review) the whole process group, master and workers, is killed with SIGKILL.
The rest of the submits are in flight at that moment: sent, waiting in the listen queue, being
scored, or committed with the reply not yet read.

Then, before anything opens the database again and once more after a restart on the same file:
`PRAGMA integrity_check` says ok, and every acknowledged submit is stored submitted and scored
(points set; needs_grading exactly when a response, an essay's, awaits its teacher). After the
restart every student whose submit was not acknowledged opens their attempt without a server error:
either the submit had committed before the kill (the attempt leads to its review) or it had not (the
summary opens and submitting again works), and every review opens.

What this shows and what it does not: Lectern's SQLite default is WAL with synchronous=NORMAL
(lectern/sqlite_transactions.py). In WAL mode a commit has been written to the WAL file, in the
operating system's page cache, before COMMIT returns; synchronous=NORMAL skips only the fsync
that would force it onto the disk. So an acknowledged commit survives the process being killed
(SIGKILL, a crash, an out-of-memory kill: the kernel still holds the page cache and writes it out),
which is what this test checks, but not a power cut or a kernel crash, which can lose the last
commits before the next checkpoint (never corrupting the file). LECTERN_SQLITE_SYNCHRONOUS=FULL, or
PostgreSQL, is the answer to that; no test here can pull the plug.

The assertions do not depend on timing: which submits were acknowledged, which were lost and which
committed without an acknowledgement vary from run to run, and each is checked for what it is. Only
the kill's moment is chosen: after KILL_AFTER acknowledgements, with the other submits of the class
sent and not yet answered.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import sys
import time
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp
import pytest
from yarl import URL

from tests.conftest import REPO
from tests.live_server import gunicorn, migrated_database

sys.path.insert(0, str(REPO / "bench"))  # bench/burst.py imports its neighbours as a script does
import burst  # the student's journey over HTTP, as the burst bench drives it
from answer_picker import pick_answers

STUDENTS = 20
KILL_AFTER = 5  # acknowledged submits before the kill: the other STUDENTS - KILL_AFTER are in flight
PHASE_SECONDS = 40  # a stuck phase fails the test instead of hanging it
SUBMITTED_AND_SCORED = "the database holds it submitted and scored"


@dataclass
class Student:
    name: str
    attempt_id: int = 0
    summary_url: str = ""
    summary: str = ""
    cookies: dict[str, str] = field(default_factory=dict)  # the browser's, carried over the restart
    outcome: str = ""  # "acknowledged", "in flight" (at the kill), or the error its submit met


@dataclass
class Run:
    """What the clients saw before and at the kill."""

    students: list[Student]
    acknowledged: list[int] = field(default_factory=list)  # attempt ids, in the order acknowledged
    in_flight_at_kill: list[int] = field(default_factory=list)
    replied_wrongly: list[str] = field(default_factory=list)  # a full reply that was not the review's redirect
    killed: bool = False


@pytest.fixture
def database(tmp_path):
    """A scratch SQLite file, migrated and with the repository's banks loaded, as `make run` does;
    (its path, the server's environment)."""
    return migrated_database(tmp_path, "durability.sqlite3")


def test_a_server_killed_mid_submit_keeps_every_acknowledged_submit(database, tmp_path):
    database, env = database
    pid_file = tmp_path / "gunicorn.pid"
    began = time.monotonic()

    with gunicorn(env, tmp_path / "before-kill.log", ready_path=burst.QUIZ,
                  options=("--pid", str(pid_file)), own_process_group=True) as base:
        group = int(pid_file.read_text())
        # Never signal pytest's own group; the master leads a group of its own.
        assert os.getpgid(group) == group != os.getpgrp()
        run = asyncio.run(class_submitting_until_killed(base, group))
        wait_until_gone(group)
    killed_at = time.monotonic()

    assert run.killed, f"the kill never came: {len(run.acknowledged)} acknowledged, {outcomes(run)}"
    assert not run.replied_wrongly, run.replied_wrongly  # before the kill every reply was the right one
    assert run.in_flight_at_kill, "no submit was in flight when the server was killed"
    # Each submit was acknowledged or still in flight at the kill (none had failed before it).
    assert sorted(run.acknowledged + run.in_flight_at_kill) == sorted(s.attempt_id for s in run.students), \
        outcomes(run)

    # The database as the kill left it, before the restarted server touches it.
    assert integrity(database) == "ok"
    crashed = attempts(database)
    for attempt_id in run.acknowledged:
        assert submitted_and_scored(crashed.get(attempt_id)), (attempt_id, crashed.get(attempt_id), SUBMITTED_AND_SCORED)
    committed_unacknowledged = sorted(i for i in run.in_flight_at_kill if i in crashed and crashed[i]["submitted_at"])

    with gunicorn(env, tmp_path / "after-restart.log", ready_path=burst.QUIZ) as base:
        pages = asyncio.run(carry_on(base, run.students))
    assert all(page == "ok" for page in pages.values()), pages

    assert integrity(database) == "ok"
    after = attempts(database)
    assert sorted(after) == sorted(s.attempt_id for s in run.students)
    for attempt_id, row in after.items():
        assert submitted_and_scored(row), (attempt_id, row, SUBMITTED_AND_SCORED)
    for attempt_id in run.acknowledged + committed_unacknowledged:  # submitted once: the restart changed nothing
        assert after[attempt_id] == crashed[attempt_id]
    # Every attempt of the one quiz has all its responses (none half written).
    assert len({row["responses"] for row in after.values()}) == 1

    print(f"\n{STUDENTS} students: {len(run.acknowledged)} submits acknowledged before the kill, "
          f"{len(run.in_flight_at_kill)} in flight at it ({len(committed_unacknowledged)} of those committed "
          f"without the reply reaching the student); stored and scored after the kill: "
          f"{sum(submitted_and_scored(row) for row in crashed.values())}; after the restart all "
          f"{len(after)} submitted; {killed_at - began:.1f} s to the kill, {time.monotonic() - began:.1f} s in all")


async def class_submitting_until_killed(base: str, group: int) -> Run:
    """The class starts and finishes together, then submits together; the server is killed right
    after the KILL_AFTER-th acknowledgement, with the other submits still waiting for their reply."""
    run = Run([Student(f"Durable #{n}") for n in range(1, STUDENTS + 1)])
    sessions = [burst.new_session(base) for _ in run.students]
    try:
        async with asyncio.timeout(PHASE_SECONDS):
            # Up to the summary the server is whole: any failure here is the test's failure.
            started = await asyncio.gather(*(begin(session, student.name)
                                             for session, student in zip(sessions, run.students)))
            answers = pick_answers(started[0][2])
            summaries = await asyncio.gather(*(
                burst.finish(session, attempt_url, {**answers, "csrf_token": csrf})
                for session, (attempt_url, csrf, _) in zip(sessions, started)))
            for student, (attempt_url, _, _), (summary_url, summary) in zip(run.students, started, summaries):
                student.attempt_id = int(burst.ATTEMPT_URL.search(attempt_url).group(1))
                student.summary_url, student.summary = summary_url, summary

            waiting: set[int] = set()

            async def submit(session: aiohttp.ClientSession, student: Student) -> None:
                waiting.add(student.attempt_id)
                try:
                    await burst.submit(session, student.summary_url, student.summary)
                except burst.Unexpected as error:
                    student.outcome = f"reply {error.args[0]}"
                    if not run.killed:
                        run.replied_wrongly.append(f"{student.name}: {' '.join(error.args)}")
                except (aiohttp.ClientError, OSError) as error:  # the connection refused, reset or cut
                    student.outcome = type(error).__name__
                else:
                    if run.killed:  # read after the kill: the server had answered, the student had not seen it yet
                        student.outcome = "answered, read after the kill"
                        return
                    student.outcome = "acknowledged"
                    run.acknowledged.append(student.attempt_id)
                    if len(run.acknowledged) == KILL_AFTER:
                        run.in_flight_at_kill = sorted(waiting - {student.attempt_id})
                        os.killpg(group, signal.SIGKILL)  # the master and every worker, at once
                        run.killed = True
                finally:
                    waiting.discard(student.attempt_id)

            await asyncio.gather(*(submit(session, student) for session, student in zip(sessions, run.students)))
    finally:
        for session, student in zip(sessions, run.students):
            student.cookies = {cookie.key: cookie.value for cookie in session.cookie_jar}
            await session.close()
    return run


async def begin(session: aiohttp.ClientSession, name: str) -> tuple[str, str, str]:
    """The quiz's start page, then the name: (the attempt's URL, the student's csrf token, its page)."""
    start_page, _ = await burst.fetch(session, "GET", burst.QUIZ, 200)
    return await burst.start(session, name, start_page)


async def carry_on(base: str, students: list[Student]) -> dict[str, str]:
    """After the restart, each student with the cookies their browser kept: the attempt page (a submit
    that committed leads to the review; one that did not opens the attempt, whose summary submits it),
    then the review. Per student "ok" or what went wrong."""
    async def student_carries_on(student: Student) -> tuple[str, str]:
        async with burst.new_session(base) as session:
            session.cookie_jar.update_cookies(student.cookies, URL(base))
            attempt_url = f"/attempts/{student.attempt_id}"
            try:
                async with session.get(attempt_url, allow_redirects=False) as reply:
                    await reply.read()
                    opened = reply.status, reply.headers.get("Location", "")
                if opened[0] == 200:  # not submitted: the summary, then Submit and finish again
                    if student.outcome == "acknowledged":
                        return student.name, f"{attempt_url} acknowledged but not submitted"
                    summary, _ = await burst.fetch(session, "GET", f"{attempt_url}/summary", 200)
                    await burst.submit(session, f"{attempt_url}/summary", summary)
                elif not (opened[0] == 302 and opened[1].endswith(f"{attempt_url}/review")):
                    return student.name, f"{attempt_url}: {opened[0]} {opened[1]}"
                await burst.fetch(session, "GET", f"{attempt_url}/review", 200)
            except burst.Unexpected as error:
                return student.name, " ".join(error.args)
            return student.name, "ok"

    async with asyncio.timeout(PHASE_SECONDS):
        return dict(await asyncio.gather(*(student_carries_on(s) for s in students)))


def running_in_group(group: int) -> list[int]:
    """The processes of the group not yet dead (zombies, which run nothing, do not count)."""
    proc = Path("/proc")
    if not proc.is_dir():  # no /proc (macOS): the group exists or not
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return []
        return [group]
    running = []
    for stat in proc.glob("[0-9]*/stat"):
        try:
            state, _parent, process_group = stat.read_text().rsplit(")", 1)[1].split()[:3]
        except (OSError, ValueError):  # it ended while being read
            continue
        if int(process_group) == group and state not in "ZX":
            running.append(int(stat.parent.name))
    return running


def wait_until_gone(group: int, seconds: float = 10) -> None:
    give_up = time.monotonic() + seconds
    while (left := running_in_group(group)) and time.monotonic() < give_up:
        time.sleep(0.05)
    assert not left, f"processes {left} outlived SIGKILL"


def integrity(database: Path) -> str:
    with closing(sqlite3.connect(database)) as connection:
        return "; ".join(row[0] for row in connection.execute("PRAGMA integrity_check"))


def attempts(database: Path) -> dict[int, dict]:
    """Every attempt: submitted_at, points, needs_grading, its responses and how many await grading."""
    with closing(sqlite3.connect(database)) as connection:
        connection.row_factory = sqlite3.Row
        rows = connection.execute(
            "SELECT a.id, a.submitted_at, a.points, a.needs_grading, count(r.id) AS responses,"
            " coalesce(sum(r.fraction IS NULL), 0) AS ungraded"
            " FROM attempt a LEFT JOIN response r ON r.attempt_id = a.id GROUP BY a.id").fetchall()
    return {row["id"]: dict(row) for row in rows}


def submitted_and_scored(row: dict | None) -> bool:
    """Submitted, with its points, and waiting for the teacher exactly when an essay is ungraded."""
    return (row is not None and row["submitted_at"] is not None and row["points"] is not None and row["responses"] > 0
            and bool(row["needs_grading"]) == (row["ungraded"] > 0))


def outcomes(run: Run) -> dict[str, str]:
    return {s.name: s.outcome or "not submitted" for s in run.students}
