# syntax=docker/dockerfile:1
# Concerto production image: gunicorn for the web, the same image for Celery worker and beat.
# Two stages: the builder fetches the locked dependencies (every file checked against its hash
# in requirements/*.txt) as wheels; the runtime installs only those wheels into a virtual
# environment, with no compiler, no network and no build cache.

FROM python:3.12-slim AS builder

ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /build
COPY requirements/ requirements/
# pip and setuptools first (they also build the project's wheel below), then the runtime
# dependencies only: requirements/base.txt has no development tools and no embedded PostgreSQL.
RUN python -m pip install --require-hashes --upgrade -r requirements/bootstrap.txt \
    && python -m pip wheel --require-hashes --wheel-dir /wheels/bootstrap -r requirements/bootstrap.txt \
    && python -m pip wheel --require-hashes --wheel-dir /wheels/app -r requirements/base.txt

# The project itself, as a wheel without dependencies (they are the locked ones above).
COPY . src/
RUN python -m pip wheel --no-deps --no-build-isolation --wheel-dir /wheels/app ./src


FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    VIRTUAL_ENV=/opt/venv \
    PATH=/opt/venv/bin:$PATH \
    PYTHONPATH=/app \
    CONCERTO_DATA_DIR=/data \
    PORT=8000

RUN groupadd --system --gid 1000 concerto \
    && useradd --system --uid 1000 --gid concerto --home-dir /app --shell /usr/sbin/nologin concerto

# The virtual environment: pip and setuptools upgraded to the locked ones first, then the wheels.
RUN --mount=type=bind,from=builder,source=/wheels,target=/wheels \
    python -m venv /opt/venv \
    && pip install --no-index --upgrade /wheels/bootstrap/*.whl \
    && pip install --no-index --no-deps /wheels/app/*.whl

WORKDIR /app

# The project's files (imported from /app, which PYTHONPATH puts first, so that templates,
# static files and translations are found beside it; owned by root, read-only for the app),
# then the build-time assets: static files (hashed and compressed by WhiteNoise) and the
# compiled translations. The throwaway DATABASE_URL and SECRET_KEY only let the settings load;
# nothing connects to a database.
COPY . /app
RUN DEBUG=0 SECRET_KEY=build-only-not-secret DATABASE_URL=postgres://build@localhost:5432/build \
       python manage.py collectstatic --noinput \
    && DEBUG=0 SECRET_KEY=build-only-not-secret DATABASE_URL=postgres://build@localhost:5432/build \
       python manage.py compile_translations \
    && mkdir -p /data/media \
    && chown -R concerto:concerto /data

USER concerto
VOLUME ["/data"]
EXPOSE 8000

# /healthz answers 200 when the database and the broker respond (config/healthcheck.py).
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
    CMD ["python", "/app/config/healthcheck.py"]

# The web server; every setting is in config/gunicorn.py (GUNICORN_* variables).
CMD ["gunicorn", "--config", "python:config.gunicorn"]
