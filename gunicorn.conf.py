"""How `make run` serves Lectern: gunicorn reads this file (gunicorn -c gunicorn.conf.py app:app).

One worker process per core, so a whole class starting at once uses every core. A few threads in
each overlap the waits (for the database's write lock, a slow phone's upload); more would only
fight over the process's one interpreter lock (bench/burst.py: 2 threads spent a fifth less CPU
per student than 8). Everything the workers must agree on lives outside them: the database, and
the rate-limit counters (lectern/rate_limit_store.py); docs/deploy.md lists what lives where.

No keep-alive: a connection kept open stays with the process that accepted it, and a class that
arrived together then sent three quarters of its requests to one process while the other core
idled. A new connection per request costs far less than that (and a reverse proxy, as
docs/deploy.md suggests for larger schools, keeps its own connections to the browsers).

Environment: PORT (default 5000), WEB_CONCURRENCY (worker processes, default: the number of cores),
LECTERN_THREADS (threads per worker, default 2). GUNICORN_CMD_ARGS adds any other gunicorn option.
"""

import os

bind = f"127.0.0.1:{os.environ.get('PORT', '5000')}"
workers = int(os.environ.get("WEB_CONCURRENCY") or os.cpu_count() or 1)
worker_class = "gthread"
threads = int(os.environ.get("LECTERN_THREADS") or 2)
keepalive = 0
accesslog = "-"

