"""`manage.py bench_load` (`make bench-load`): the load benchmark of issue 12.

Starts gunicorn (config/gunicorn.py, DEBUG off) and a Celery worker on the configured database
and broker, runs locust headless with dashboards/loadtest/locustfile.py (coordinators, partners
and funders of one coalition who log in through the real form), then prints p50/p95/p99 and
errors per page. It asserts nothing: it is a benchmark; read the figures with the machine's load.
"""

import csv
import os
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from dashboards.loadtest.freshness import approval_to_rollup_seconds

LOCUSTFILE = Path(__file__).resolve().parents[2] / "loadtest" / "locustfile.py"
READY_TIMEOUT_SECONDS = 60
BIN_DIR = Path(sys.executable).parent
FRESHNESS_INTERVAL_SECONDS = 15


def summary_rows(stats_csv: Path) -> list[dict]:
    """locust's `<prefix>_stats.csv`: one row per request name, the total last ("Aggregated")."""
    with stats_csv.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return [
        {
            "name": row["Name"],
            "requests": int(row["Request Count"]),
            "failures": int(row["Failure Count"]),
            "p50": _ms(row["50%"]),
            "p95": _ms(row["95%"]),
            "p99": _ms(row["99%"]),
            "rps": float(row["Requests/s"] or 0),
        }
        for row in rows
    ]


def _ms(text: str) -> int | None:
    return None if text in ("", "N/A") else int(float(text))


def format_summary(rows: list[dict]) -> list[str]:
    lines = [f"{'page':<24} {'requests':>8} {'errors':>6} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}"]
    for row in rows:
        cells = [("-" if row[key] is None else f"{row[key]:,}") for key in ("p50", "p95", "p99")]
        lines.append(
            f"{row['name']:<24} {row['requests']:>8,} {row['failures']:>6,} "
            f"{cells[0]:>7} {cells[1]:>7} {cells[2]:>7}"
        )
    total = next((row for row in rows if row["name"] == "Aggregated"), None)
    if total:
        lines.append(f"throughput: {total['rps']:.1f} requests/s; errors: {total['failures']}")
    return lines


def format_freshness(delays: list[float | None]) -> str:
    measured = sorted(delay for delay in delays if delay is not None)
    if not measured:
        return "freshness: not measured (no submitted value to approve, or no rollup within 30 s)"
    late = len(delays) - len(measured)
    return (f"freshness: an approved value reached the coalition value in {statistics.median(measured):.2f} s "
            f"median, {measured[-1]:.2f} s at worst, over {len(measured)} approvals under load"
            + (f"; {late} not within 30 s" if late else ""))


def _wait_until_ready(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + READY_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise CommandError("gunicorn exited before answering; see its log above.")
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 (our own loopback server)
                return
        except OSError:
            time.sleep(0.5)
    raise CommandError(f"gunicorn did not answer {url} within {READY_TIMEOUT_SECONDS} s.")


def _start(command: list, env: dict, log_path: Path) -> subprocess.Popen:
    with log_path.open("wb") as log:  # the child keeps its own copy of the descriptor
        return subprocess.Popen([BIN_DIR / command[0], *command[1:]], env=env, stdout=log,
                                stderr=subprocess.STDOUT, cwd=settings.BASE_DIR)


def _stop(process: subprocess.Popen | None) -> None:
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


class Command(BaseCommand):
    help = "Load benchmark: gunicorn + a Celery worker + locust users of one coalition; prints p50/p95/p99."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--slug", default="echelle-200", help="Coalition whose members log in.")
        parser.add_argument("--users", type=int, default=25)
        parser.add_argument("--spawn-rate", type=float, default=5, help="Users started per second.")
        parser.add_argument("--run-time", default="2m", help="locust's --run-time (2m, 30s...).")
        parser.add_argument("--port", type=int, default=8765)
        parser.add_argument("--no-worker", action="store_true", help="Do not start a Celery worker.")
        parser.add_argument("--password", default="concerto-demo-2026")

    def handle(self, *args, **options):
        env = self._server_env(options)
        host = f"http://127.0.0.1:{options['port']}"
        log_dir = Path(tempfile.mkdtemp(prefix="concerto-bench-load-"))
        # DEBUG off serves the hashed static files' manifest, which collectstatic writes.
        subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
                       env=env, check=True, cwd=settings.BASE_DIR)
        server = worker = None
        try:
            server = _start(["gunicorn", "--config", "python:config.gunicorn", "--bind", host[len("http://"):]],
                            env, log_dir / "gunicorn.log")
            if not options["no_worker"]:
                worker = _start(["celery", "-A", "config", "worker", "--loglevel", "WARNING", "--concurrency", "2"],
                                env, log_dir / "worker.log")
            _wait_until_ready(f"{host}/healthz", server)
            self.stdout.write(f"Load: {options['users']} users of /c/{options['slug']}/ for {options['run_time']} "
                              f"against {host} (logs in {log_dir})")
            self._run_locust(options, env, host, log_dir / "locust")
        finally:
            _stop(worker)
            _stop(server)

    def _run_locust(self, options, env: dict, host: str, prefix: Path) -> None:
        log = Path(f"{prefix}.log")
        with log.open("w") as log_file:
            locust = subprocess.Popen(
                [BIN_DIR / "locust", "-f", str(LOCUSTFILE), "--headless", "--only-summary",
                 "--users", str(options["users"]), "--spawn-rate", str(options["spawn_rate"]),
                 "--run-time", options["run_time"], "--host", host, "--csv", str(prefix),
                 "--stop-timeout", "10", "--loglevel", "WARNING"],
                env={**env, "CONCERTO_SLUG": options["slug"], "CONCERTO_PASSWORD": options["password"]},
                stdout=log_file, stderr=subprocess.STDOUT, cwd=settings.BASE_DIR,
            )
            delays = self._probe_freshness(options, locust)
        stderr = log.read_text(errors="replace")
        stats = Path(f"{prefix}_stats.csv")
        if not stats.exists():
            raise CommandError(f"locust wrote no statistics (exit {locust.returncode}):\n{stderr[-2000:]}")
        for line in format_summary(summary_rows(stats)):
            self.stdout.write(line)
        failures = Path(f"{prefix}_failures.csv")
        if failures.exists():
            with failures.open(encoding="utf-8") as handle:
                for row in list(csv.DictReader(handle))[:10]:
                    self.stdout.write(f"  error: {row['Method']} {row['Name']}: {row['Error']} x{row['Occurrences']}")
        self.stdout.write(format_freshness(delays))

    def _probe_freshness(self, options, locust: subprocess.Popen) -> list[float | None]:
        """While the users run: once they have all started, an approval every 15 s."""
        time.sleep(options["users"] / options["spawn_rate"] + 5)
        delays = []
        while locust.poll() is None:
            delays.append(approval_to_rollup_seconds(options["slug"]))
            time.sleep(FRESHNESS_INTERVAL_SECONDS)
        return delays

    def _server_env(self, options) -> dict:
        """The servers run as in production (DEBUG off) on this process's database and broker."""
        env = dict(os.environ)
        env.update(
            DEBUG="0",
            HTTPS="0",
            ALLOWED_HOSTS="127.0.0.1,localhost",
            SECRET_KEY=os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
            SITE_URL=f"http://127.0.0.1:{options['port']}",
            LOG_LEVEL="WARNING",
        )
        return env
