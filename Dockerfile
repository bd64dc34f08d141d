# Concerto production image: gunicorn for the web, the same image for Celery worker and beat.
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONPATH=/app \
    CONCERTO_DATA_DIR=/data

RUN groupadd --system --gid 1000 concerto \
    && useradd --system --uid 1000 --gid concerto --home-dir /app --shell /usr/sbin/nologin concerto

WORKDIR /app

# Dependencies first, in their own layer: rebuilt only when pyproject.toml changes.
COPY pyproject.toml /app/
RUN pip install /app

# The project (imported from /app, which PYTHONPATH puts first, so that templates, static
# files and translations are found beside it), then the build-time assets: static files
# (hashed and compressed by WhiteNoise) and the compiled translations. The throwaway
# DATABASE_URL and SECRET_KEY only let the settings load; nothing connects to a database.
COPY . /app
RUN pip install --no-deps /app \
    && DEBUG=0 SECRET_KEY=build-only-not-secret DATABASE_URL=postgres://build@localhost:5432/build \
       python manage.py collectstatic --noinput \
    && DEBUG=0 SECRET_KEY=build-only-not-secret DATABASE_URL=postgres://build@localhost:5432/build \
       python manage.py compile_translations \
    && mkdir -p /data/media \
    && chown -R concerto:concerto /data

USER concerto
VOLUME ["/data"]
EXPOSE 8000

CMD ["gunicorn", "config.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
