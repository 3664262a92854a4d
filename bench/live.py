"""A live session under load: N simulated phones (default 300) join, poll the state endpoint as
static/live.js does (every 0.5 s plus up to 0.25 s of jitter, If-None-Match with the last ETag),
receive each question the teacher opens and answer it, and show whatever else the teacher moved on
to (the question closed, its reveal, the end) from the state reply, as live.js does.

Prints, for each step of the teacher's (next, close, reveal, finish), the time from the action
(committed) until each phone had it, swapped in from the state reply (p50/p95/max); then the
errors, and the answers stored against the answers acknowledged (a 302 from the answer form).
Exit status 1 on any error, lost answer or phone that never caught up.

By default it serves the app itself as `make run` does (gunicorn.conf.py: gthread, one worker per
core, 2 threads, keepalive 0) over a scratch SQLite database, migrated and with the repository's
banks loaded. The teacher's actions are made through the service, in this process, on the same
database: one write each, as the control page's POST makes.

    .venv/bin/python bench/live.py 300 [--questions 5]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select

from lectern import create_app
from lectern.extensions import db
from lectern.models import LiveAnswer, LiveSession, Quiz, Teacher
from lectern.services import live_sessions
from lectern.services.teachers import create_teacher
from tests.live_server import gunicorn, migrated_database

INTERVAL, JITTER = 0.5, 0.25
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
FIRST_OPTION = re.compile(r'name="q(\d+)" type="(?:radio|checkbox)" value="([^"]+)"')
QUIZ_KEY = "full"
# What each of the teacher's steps leaves on a phone (next swaps the question in).
STEP_OF_STATE = {"closed": "close", "revealed": "reveal", "finished": "finish"}
SHOWN = {"close": "Answers are closed", "reveal": 'class="live-reveal"', "finish": "See my results"}
STEPS = ("next", "close", "reveal", "finish")


class Phone:
    def __init__(self, number: int) -> None:
        self.number, self.etag, self.token = number, "", ""
        self.seen: dict[tuple[str, int], float] = {}  # (step, position) → when the phone showed it
        self.acknowledged = 0


async def join(http: aiohttp.ClientSession, phone: Phone, code: str) -> None:
    async with http.get(f"/live/?code={code}") as reply:
        phone.token = CSRF.search(await reply.text())[1]
    data = {"code": code, "display_name": f"Phone {phone.number}", "csrf_token": phone.token}
    async with http.post("/live/", data=data, allow_redirects=False) as reply:
        if reply.status != 302:
            raise RuntimeError(f"join: {reply.status}")


async def run_phone(base: str, phone: Phone, code: str, errors: list[str], joined: asyncio.Event,
                    count: list[int], total: int, done: asyncio.Event) -> None:
    async with aiohttp.ClientSession(base, cookie_jar=aiohttp.CookieJar(unsafe=True),
                                     timeout=aiohttp.ClientTimeout(total=60)) as http:
        try:
            await join(http, phone, code)
        except Exception as error:  # noqa: BLE001  (every failure is a figure)
            errors.append(f"join: {error!r}")
            return
        finally:
            count[0] += 1
            if count[0] == total:
                joined.set()
        while not done.is_set():
            try:
                headers = {"If-None-Match": phone.etag} if phone.etag else {}
                async with http.get(f"/live/{code}/state", headers=headers) as reply:
                    if reply.status == 200:
                        phone.etag = reply.headers.get("ETag", "")
                        body = await reply.json()
                        if body["state"] == "open" and "html" in body:
                            if ("next", body["position"]) not in phone.seen:
                                phone.seen["next", body["position"]] = time.perf_counter()
                                asyncio.create_task(answer(http, phone, code, body, errors))
                        elif "view" in body:  # live.js shows this phone's view from the reply
                            shown(phone, body, body["view"])
                        else:
                            await reload(http, phone, code, body, errors)
                    elif reply.status != 304:
                        errors.append(f"state: {reply.status}")
            except (aiohttp.ClientError, OSError, TimeoutError) as error:
                errors.append(f"state: {error!r}")
            await asyncio.sleep(INTERVAL + random.random() * JITTER)


def shown(phone: Phone, body: dict, page: str) -> None:
    """Note when the phone first showed what the teacher's step leaves on it."""
    step = STEP_OF_STATE.get(body["state"])
    if step and SHOWN[step] in page:
        phone.seen.setdefault((step, body["position"]), time.perf_counter())


async def reload(http: aiohttp.ClientSession, phone: Phone, code: str, body: dict, errors: list[str]) -> None:
    """live.js when the reply carries nothing to show: the page again, as the server renders it now."""
    async with http.get(f"/live/{code}") as reply:
        page = await reply.text()
    if reply.status != 200:
        errors.append(f"page: {reply.status}")
    else:
        shown(phone, body, page)


async def answer(http: aiohttp.ClientSession, phone: Phone, code: str, body: dict, errors: list[str]) -> None:
    await asyncio.sleep(random.uniform(1.0, 4.0))  # reading and thinking
    found = FIRST_OPTION.findall(body["html"])
    data = {"position": str(body["position"]), "csrf_token": phone.token}
    if found:
        data[f"q{found[0][0]}"] = random.choice([value for _, value in found])
    try:
        async with http.post(f"/live/{code}/answer", data=data, allow_redirects=False) as reply:
            if reply.status == 302:
                phone.acknowledged += 1
            else:
                errors.append(f"answer: {reply.status}")
        async with http.get(f"/live/{code}") as reply:  # the browser follows the redirect
            await reply.read()
    except (aiohttp.ClientError, OSError, TimeoutError) as error:
        errors.append(f"answer: {error!r}")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def caught_up(crowd: list[Phone], step: str, position: int, began: float, errors: list[str]) -> list[float]:
    """Wait (up to 15 s) until every phone showed the step; the delays of those that did."""
    give_up = began + 15
    while time.perf_counter() < give_up and sum((step, position) in p.seen for p in crowd) < len(crowd):
        await asyncio.sleep(0.05)
    late = [p.seen[step, position] - began for p in crowd if (step, position) in p.seen]
    if len(late) < len(crowd):
        errors.append(f"{step} {position}: {len(crowd) - len(late)} phone(s) never showed it")
    return late or [float("nan")]


def poll_floor(samples: int = 20_000) -> list[float]:
    """The delays polling alone would give with instant replies: from a moment at random to a
    phone's next poll, on live.js's schedule. No server can beat it without a held connection."""
    rng, delays = random.Random(14), []
    for _ in range(samples):
        moment, poll = rng.uniform(5, 10), rng.uniform(0, INTERVAL)
        while poll < moment:
            poll += INTERVAL + rng.random() * JITTER
        delays.append(poll - moment)
    return delays


def figures(late: list[float]) -> str:
    return f"p50 {statistics.median(late):.3f} s, p95 {percentile(late, .95):.3f} s, max {max(late):.3f} s"


async def main(base: str, app, session_id: int, code: str, phones: int, questions: int) -> int:
    errors: list[str] = []
    crowd = [Phone(n) for n in range(1, phones + 1)]
    joined, done, count = asyncio.Event(), asyncio.Event(), [0]
    tasks = [asyncio.create_task(run_phone(base, p, code, errors, joined, count, phones, done)) for p in crowd]
    await asyncio.wait_for(joined.wait(), 120)
    await asyncio.sleep(2)  # every phone polling
    delays: dict[str, list[float]] = {step: [] for step in STEPS}
    with app.app_context():
        teacher = db.session.scalar(select(Teacher))

        async def step(action: str, position: int) -> None:
            live_sessions.act(db.session.get(LiveSession, session_id), teacher, action)
            db.session.commit()
            late = await caught_up(crowd, action, position, time.perf_counter(), errors)
            delays[action] += late
            print(f"question {position}, {action}: {figures(late)}", flush=True)

        for position in range(1, questions + 1):
            await step("next", position)
            await asyncio.sleep(5)  # the answers come in
            await step("close", position)
            await step("reveal", position)
            await asyncio.sleep(1)
        await step("finish", questions)
        done.set()
        await asyncio.gather(*tasks)
        stored = db.session.scalar(select(func.count()).select_from(LiveAnswer)
                                   .where(LiveAnswer.session_id == session_id))
    acknowledged = sum(p.acknowledged for p in crowd)
    print(f"\n{phones} phones, {questions} questions: from the teacher's action to the last phone")
    for action in STEPS:
        print(f"  {action:<7} {figures(delays[action])}")
    print(f"  floor   {figures(poll_floor())} (polling alone, instant replies)")
    print(f"errors: {len(errors)}" + "".join(f"\n  {e}" for e in sorted(set(errors))[:10]))
    print(f"answers: {acknowledged} acknowledged, {stored} stored, {phones * questions} expected")
    return 1 if errors or stored != acknowledged or acknowledged != phones * questions else 0


def prepare(database_env: dict[str, str], phones: int, questions: int) -> tuple:
    os.environ.update(database_env)
    app = create_app()
    with app.app_context():
        teacher = create_teacher(f"bench{time.time_ns()}@school.org", "correct horse battery")
        quiz = db.session.scalar(select(Quiz).join(Quiz.bank).where(Quiz.key == QUIZ_KEY)
                                 .order_by(Quiz.id).limit(1))
        keys = [d.id for _, d in live_sessions.live_questions(quiz) if d.type in ("single_choice", "true_false",
                                                                                  "multiple_response")][:questions]
        session = live_sessions.create_session(teacher, quiz, None, keys, None, "off")
        db.session.commit()
        return app, session.id, session.join_code, len(keys)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("phones", type=int, nargs="?", default=300)
    parser.add_argument("--questions", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        _, env = migrated_database(Path(scratch), "live-bench.sqlite3")
        app, session_id, code, asked = prepare(env, args.phones, args.questions)
        log = Path(scratch) / "gunicorn.log"
        with gunicorn({k: env[k] for k in ("DATABASE_URL", "RATELIMIT_STORAGE_URI")}, log,
                      workers=os.cpu_count() or 1) as base:
            status = asyncio.run(main(base, app, session_id, code, args.phones, asked))
    sys.exit(status)
