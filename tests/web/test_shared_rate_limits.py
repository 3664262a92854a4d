"""Rate limits hold across worker processes: `make run` serves with one process per core, and the
sixth wrong password must be refused whichever process answers it. Checked with the default store
(a SQLite file every process on the machine opens) and with Redis (several machines)."""

from __future__ import annotations

import http.cookiejar
import shutil
import subprocess
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from importlib.util import find_spec

import pytest

from lectern import config
from lectern.rate_limit_store import default_uri
from tests.conftest import csrf_token
from tests.live_server import answering_workers, free_port, gunicorn
from tests.web.teachers import PASSWORD

WORKERS = 2


@contextmanager
def redis_server(tmp_path):
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed (sudo apt-get install redis-server); .ci/run installs it")
    port = free_port()
    process = subprocess.Popen([binary, "--port", str(port), "--save", "", "--appendonly", "no",
                                "--dir", str(tmp_path)], stdout=subprocess.DEVNULL)
    try:
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


@contextmanager
def limit_store(kind: str, tmp_path):
    if kind == "redis":
        with redis_server(tmp_path) as uri:
            yield uri
    else:
        yield default_uri(tmp_path)


@pytest.mark.parametrize("store", ["default", "redis"])
def test_the_sixth_wrong_password_is_refused_whichever_worker_answers(app, teacher, tmp_path, store):
    log = tmp_path / "access.log"
    with limit_store(store, tmp_path) as uri, gunicorn(
            {"DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"], "RATELIMIT_STORAGE_URI": uri},
            log, workers=WORKERS, ready_path="/teacher/sign-in",
            # Each process answers (about) one request and is replaced by a new one.
            options=("--max-requests", "1")) as base:
        browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

        def sign_in(password: str) -> int:
            token = csrf_token(browser.open(f"{base}/teacher/sign-in").read().decode())
            form = urllib.parse.urlencode({"email": "teacher@school.org", "password": password,
                                           "csrf_token": token}).encode()
            try:
                with browser.open(f"{base}/teacher/sign-in", data=form) as reply:
                    return reply.status
            except urllib.error.HTTPError as refused:
                return refused.code

        tries = [sign_in("not the password") for _ in range(5)]
        assert tries == [401] * 5
        assert sign_in(PASSWORD) == 429  # the right password too, until the minute is up
        # Replaced processes: the six tries met at least three different memories (a worker
        # may take a second connection before it notices its limit, so not always six).
        assert len(answering_workers(log, "POST /teacher/sign-in")) >= 3, log.read_text()


def test_a_redis_address_without_the_redis_package_stops_the_start_with_how_to_install_it(monkeypatch, tmp_path):
    monkeypatch.setenv("RATELIMIT_STORAGE_URI", "redis://:secret@cache.school.internal:6379/0")
    monkeypatch.setattr(config, "find_spec", lambda name: None if name == "redis" else find_spec(name))
    with pytest.raises(RuntimeError, match=r"cache\.school\.internal.*pip install -e '\.\[redis\]'") as refused:
        config.from_environment(tmp_path)
    assert "secret" not in str(refused.value)  # the message does not repeat the password


def test_by_default_the_counters_are_a_file_in_the_instance_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("RATELIMIT_STORAGE_URI", raising=False)
    assert config.from_environment(tmp_path)["RATELIMIT_STORAGE_URI"] == default_uri(tmp_path)
