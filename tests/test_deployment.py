"""The production processes: one gunicorn configuration that the Procfile, the Dockerfile and
docker-compose.yml all use, tunable from the environment, and the image's health check.
(No Docker engine runs here: the files are read, and the pieces they call are run.)"""

import http.server
import json
import os
import re
import shlex
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config import healthcheck

ROOT = Path(__file__).resolve().parent.parent
GUNICORN_CONFIG = ROOT / "config" / "gunicorn.py"
THE_WEB_COMMAND = ["gunicorn", "--config", "python:config.gunicorn"]


def procfile_web() -> list[str]:
    line = next(line for line in (ROOT / "Procfile").read_text().splitlines() if line.startswith("web:"))
    return shlex.split(line.removeprefix("web:"))


def dockerfile_cmd() -> list[str]:
    commands = re.findall(r"^CMD (\[.*\])$", (ROOT / "Dockerfile").read_text(), re.MULTILINE)
    return json.loads(commands[-1])


def compose_web_command() -> list[str]:
    text = (ROOT / "docker-compose.yml").read_text()
    web = re.search(r"^  web:\n((?:    .*\n|\n)*)", text, re.MULTILINE).group(1)
    return json.loads(re.search(r"^    command: (\[.*\])$", web, re.MULTILINE).group(1))


def test_procfile_dockerfile_and_compose_start_gunicorn_with_the_one_config():
    assert procfile_web() == THE_WEB_COMMAND
    assert dockerfile_cmd() == THE_WEB_COMMAND
    assert compose_web_command() == THE_WEB_COMMAND
    for name in ("Procfile", "Dockerfile", "docker-compose.yml"):  # nothing else starts or tunes gunicorn
        code = [line.split("#")[0] for line in (ROOT / name).read_text().splitlines()]
        assert len([line for line in code if "gunicorn" in line]) == 1, name
        assert "GUNICORN_CMD_ARGS" not in "\n".join(code), name


def load_gunicorn_config(monkeypatch, **env) -> dict:
    for name in ("PORT", "GUNICORN_WORKERS", "GUNICORN_THREADS", "GUNICORN_TIMEOUT", "GUNICORN_GRACEFUL_TIMEOUT",
                 "GUNICORN_KEEPALIVE", "GUNICORN_MAX_REQUESTS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    namespace = {"__file__": str(GUNICORN_CONFIG)}
    exec(compile(GUNICORN_CONFIG.read_text(), GUNICORN_CONFIG, "exec"), namespace)
    return namespace


def test_gunicorn_defaults_are_bounded(monkeypatch):
    config = load_gunicorn_config(monkeypatch)
    assert config["bind"] == ["0.0.0.0:8000"]
    assert 1 <= config["workers"] <= 8  # workers x threads PostgreSQL connections at most
    assert config["threads"] == 4 and config["worker_class"] == "gthread"
    assert config["timeout"] == 30


def test_gunicorn_reads_its_knobs_from_the_environment(monkeypatch):
    config = load_gunicorn_config(monkeypatch, PORT="9000", GUNICORN_WORKERS="12", GUNICORN_THREADS="2",
                                  GUNICORN_TIMEOUT="90", GUNICORN_MAX_REQUESTS="0")
    assert config["bind"] == ["0.0.0.0:9000"]
    assert (config["workers"], config["threads"], config["timeout"]) == (12, 2, 90)
    assert config["max_requests"] == 0 and config["max_requests_jitter"] == 0


@pytest.mark.parametrize("value", ["three", "0"])
def test_a_bad_worker_count_stops_gunicorn(monkeypatch, value):
    with pytest.raises(ImproperlyConfigured, match="GUNICORN_WORKERS"):
        load_gunicorn_config(monkeypatch, GUNICORN_WORKERS=value)


def test_gunicorn_itself_reads_the_config_and_loads_the_app():
    env = {**os.environ, "GUNICORN_WORKERS": "3", "GUNICORN_THREADS": "2", "GUNICORN_TIMEOUT": "45"}
    result = subprocess.run([sys.executable, "-m", "gunicorn", *THE_WEB_COMMAND[1:], "--print-config"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    printed = dict(re.findall(r"^(\w+)\s+= (.*)$", result.stdout, re.MULTILINE))
    assert (printed["workers"], printed["threads"], printed["timeout"]) == ("3", "2", "45")
    assert printed["wsgi_app"] == "config.wsgi:application"
    assert printed["control_socket_disable"] == "True"


class _Healthz(http.server.BaseHTTPRequestHandler):
    status = 200
    seen_host = None

    def do_GET(self):
        type(self).seen_host = self.headers["Host"]
        self.send_response(self.status if self.path == "/healthz" else 404)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def healthz_server():
    server = http.server.HTTPServer(("127.0.0.1", 0), _Healthz)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_the_image_health_check_asks_healthz_as_an_allowed_host(healthz_server, monkeypatch):
    monkeypatch.setenv("ALLOWED_HOSTS", ".concerto.example.org,other.example.org")
    port = str(healthz_server.server_port)
    _Healthz.status = 200
    assert healthcheck.check(port) == 0
    assert _Healthz.seen_host == "concerto.example.org"
    _Healthz.status = 503
    assert healthcheck.check(port) == 1


def test_the_health_check_fails_when_nothing_listens(healthz_server):
    port = str(healthz_server.server_port)
    healthz_server.shutdown()
    healthz_server.server_close()
    assert healthcheck.check(port, timeout=1) == 1


def test_the_image_checks_its_health_runs_unprivileged_and_installs_only_the_lock():
    dockerfile = (ROOT / "Dockerfile").read_text()
    runtime = dockerfile.split("\nFROM ")[-1]  # the last stage is the image
    assert dockerfile.count("\nFROM ") >= 2, "multi-stage: a builder and a runtime"
    assert "HEALTHCHECK" in runtime and "config/healthcheck.py" in runtime
    assert re.search(r"^USER concerto$", runtime, re.MULTILINE)
    assert "--require-hashes" in dockerfile and "requirements/base.txt" in dockerfile
    assert "requirements/dev.txt" not in dockerfile
