"""gunicorn's settings, the one place the web server is configured: the Procfile, the Dockerfile
and docker-compose.yml all run `gunicorn --config python:config.gunicorn` and nothing more.
Every knob has a sane default and can be changed from the environment (see the README)."""

import os

from config.env import env_int


def _available_cpus() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


wsgi_app = "config.wsgi:application"
bind = [f"0.0.0.0:{env_int('PORT', 8000, minimum=1)}"]
proc_name = "concerto"

# Processes: gunicorn's 2 per CPU + 1, at most 8 unless chosen: a container sees all the host's
# CPUs, and every thread of every worker may keep a PostgreSQL connection (CONN_MAX_AGE), so
# workers x threads must stay well below the server's max_connections.
workers = env_int("GUNICORN_WORKERS", min(2 * _available_cpus() + 1, 8), minimum=1)
# Threads per worker: a request waiting on the database or on SMTP does not hold up the others.
threads = env_int("GUNICORN_THREADS", 4, minimum=1)
worker_class = "gthread"
# A worker silent this long is killed and replaced; on restart or stop, running requests get
# graceful_timeout to finish.
timeout = env_int("GUNICORN_TIMEOUT", 30, minimum=1)
graceful_timeout = env_int("GUNICORN_GRACEFUL_TIMEOUT", 30, minimum=1)
# Idle keep-alive connections from the reverse proxy.
keepalive = env_int("GUNICORN_KEEPALIVE", 5, minimum=0)
# Each worker is replaced after this many requests (0: never), staggered, to bound slow leaks.
max_requests = env_int("GUNICORN_MAX_REQUESTS", 1000, minimum=0)
max_requests_jitter = max_requests // 10

accesslog = "-"
errorlog = "-"
# Workers' heartbeat files in memory: on a container's overlay filesystem a slow write could get
# a healthy worker killed as silent.
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"
# No runtime control socket (gunicorn >= 25): nothing here uses gunicornc, and its default path in
# $HOME is unwritable in the image and shared by every instance on one machine.
control_socket_disable = True
