"""Do students wait while a teacher confirms a 2,000-question import? Submit latencies with and without one.

One thread confirms the import (through the Flask test client, a throwaway SQLite file, WAL and
BEGIN IMMEDIATE as in production); another takes the article bank's full quiz again and again and
times each submit (the POST that scores the attempt). The same loop runs first with no import, as
the baseline. The issue's bar: no more than 300 ms extra. Prints figures; asserts nothing.

    .venv/bin/python bench/import_contention.py [QUESTIONS]   (default 2,000)
"""

from __future__ import annotations

import statistics
import sys
import threading
import time

from answer_picker import pick_answers
from import_setup import BANK, bench_app, confirm, gift_file, teacher_client

BASELINE_SUBMITS = 60


def submit_once(client, answers: dict[str, str]) -> tuple[float, dict[str, str]]:
    """One attempt from start to submit; the submit's seconds."""
    url = client.post(f"/quizzes/{BANK.name}/full", data={"display_name": "Bench"}).headers["Location"]
    answers = answers or pick_answers(client.get(url).text)
    client.post(url, data=answers)  # Finish attempt…: saves the answers, opens the summary
    began = time.perf_counter()
    reply = client.post(f"{url}/summary", data={"submit": "Submit and finish"})
    seconds = time.perf_counter() - began
    assert reply.status_code == 302 and reply.headers["Location"].endswith("/review"), reply.status_code
    return seconds, answers


def figures(label: str, seconds: list[float]) -> str:
    ms = sorted(s * 1000 for s in seconds)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    return f"{label:<28} n={len(ms):>3}  median {statistics.median(ms):6.1f} ms  p95 {p95:6.1f} ms  max {ms[-1]:6.1f} ms"


def main() -> None:
    questions = int(sys.argv[1]) if len(sys.argv) > 1 else 2_000
    app = bench_app()
    student, teacher = app.test_client(), teacher_client(app)
    answers: dict[str, str] = {}
    baseline = []
    for _ in range(BASELINE_SUBMITS):
        seconds, answers = submit_once(student, answers)
        baseline.append(seconds)

    during: list[float] = []
    result: dict[str, float] = {}

    def importing() -> None:
        began = time.perf_counter()
        result["status"] = confirm(teacher, gift_file(questions)).status_code
        result["seconds"] = time.perf_counter() - began

    thread = threading.Thread(target=importing)
    thread.start()
    while thread.is_alive():
        seconds, answers = submit_once(student, answers)
        during.append(seconds)
    thread.join()
    print(f"{questions:,}-question import confirmed in {result['seconds']:.2f} s (HTTP {result['status']}); "
          f"SQLite, in process")
    print(figures("submit, no import", baseline))
    print(figures("submit, during the import", during))
    extra = max(during) - statistics.median(baseline)
    print(f"worst extra wait during the import: {extra * 1000:.0f} ms (the bar: 300 ms)")


if __name__ == "__main__":
    main()
