"""A live session under load: N simulated phones (default 300) join, poll the state endpoint as
static/live.js does (every 0.5 s plus up to 0.25 s of jitter, If-None-Match with the last ETag),
receive each question the teacher opens and answer it.

Prints, over every question, the time from the teacher's "next" (committed) until each phone had
the question (p50/p95/max, and the last phone), the errors, and the answers stored against the
answers acknowledged (a 302 from the answer form). Exit status 1 on any error or lost answer.

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


class Phone:
    def __init__(self, number: int) -> None:
        self.number, self.etag, self.token = number, "", ""
        self.seen: dict[int, float] = {}  # position → when it had the question
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
                        if body["state"] == "open" and "html" in body and body["position"] not in phone.seen:
                            phone.seen[body["position"]] = time.perf_counter()
                            asyncio.create_task(answer(http, phone, code, body, errors))
                    elif reply.status != 304:
                        errors.append(f"state: {reply.status}")
            except (aiohttp.ClientError, OSError, TimeoutError) as error:
                errors.append(f"state: {error!r}")
            await asyncio.sleep(INTERVAL + random.random() * JITTER)


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
    except (aiohttp.ClientError, OSError, TimeoutError) as error:
        errors.append(f"answer: {error!r}")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def main(base: str, app, session_id: int, code: str, phones: int, questions: int) -> int:
    errors: list[str] = []
    crowd = [Phone(n) for n in range(1, phones + 1)]
    joined, done, count = asyncio.Event(), asyncio.Event(), [0]
    tasks = [asyncio.create_task(run_phone(base, p, code, errors, joined, count, phones, done)) for p in crowd]
    await asyncio.wait_for(joined.wait(), 120)
    await asyncio.sleep(2)  # every phone polling
    delays: list[float] = []
    with app.app_context():
        teacher = db.session.scalar(select(Teacher))
        for position in range(1, questions + 1):
            session = db.session.get(LiveSession, session_id)
            live_sessions.act(session, teacher, "next")
            db.session.commit()
            began = time.perf_counter()
            give_up = began + 15
            while time.perf_counter() < give_up and sum(position in p.seen for p in crowd) < phones:
                await asyncio.sleep(0.05)
            late = [p.seen[position] - began for p in crowd if position in p.seen]
            missing = phones - len(late)
            if missing:
                errors.append(f"question {position}: {missing} phone(s) never had it")
            delays += late
            print(f"question {position}: p50 {statistics.median(late):.3f} s, p95 {percentile(late, .95):.3f} s, "
                  f"max {max(late):.3f} s", flush=True)
            await asyncio.sleep(5)  # the answers come in
            for action in ("close", "reveal"):
                live_sessions.act(db.session.get(LiveSession, session_id), teacher, action)
                db.session.commit()
                await asyncio.sleep(1)
        done.set()
        await asyncio.gather(*tasks)
        stored = db.session.scalar(select(func.count()).select_from(LiveAnswer)
                                   .where(LiveAnswer.session_id == session_id))
    acknowledged = sum(p.acknowledged for p in crowd)
    print(f"\n{phones} phones, {questions} questions: next → phone has the question "
          f"p50 {statistics.median(delays):.3f} s, p95 {percentile(delays, .95):.3f} s, max {max(delays):.3f} s")
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
