"""Import limits: how fast a file over the limit is refused, and what a largest legal import costs.

Builds the issue's 100,000-question GIFT file (about 1.6 MB) and a 2,000-question one, uploads both
as a teacher through the Flask test client against a throwaway SQLite file, and prints the refusal
time, the preview and confirm times, and the bank page's size and time with the 2,000 drafts in it
(first page, and a search). Prints figures; asserts nothing.

    .venv/bin/python bench/import_limits.py [--profile]   (--profile: cProfile of the confirm, top 25)
"""

from __future__ import annotations

import cProfile
import pstats
import sys
import time

from import_setup import BANK, bench_app, confirm, gift_file, refusal, teacher_client, upload


def timed(step, *args):
    began = time.perf_counter()
    reply = step(*args)
    return reply, time.perf_counter() - began


def main() -> None:
    app = bench_app()
    client = teacher_client(app)
    huge, legal = gift_file(100_000), gift_file(2_000)
    reply, seconds = timed(upload, client, huge)
    print(f"100,000 questions, {len(huge) / 1e6:.2f} MB: refused in {seconds:.3f} s "
          f"(HTTP {reply.status_code}: {refusal(reply.text)})")
    reply, seconds = timed(upload, client, legal)
    print(f"2,000 questions, {len(legal) / 1e3:.0f} kB: preview in {seconds:.2f} s "
          f"(HTTP {reply.status_code}, page {len(reply.data) / 1e6:.2f} MB)")
    profile = cProfile.Profile() if "--profile" in sys.argv else None
    if profile:
        profile.enable()
    reply, seconds = timed(confirm, client, legal)
    if profile:
        profile.disable()
    print(f"2,000 questions: confirmed in {seconds:.2f} s (HTTP {reply.status_code})")
    for label, url in (("bank page", f"/teacher/banks/{BANK.name}"),
                       ("bank page, search", f"/teacher/banks/{BANK.name}?q=Q1999")):
        client.get(url)  # warm
        reply, seconds = timed(client.get, url)
        print(f"{label} with 2,000 drafts: {len(reply.data) / 1e3:.0f} kB in {seconds * 1000:.0f} ms "
              f"(HTTP {reply.status_code})")
    if profile:
        pstats.Stats(profile).sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":
    main()
