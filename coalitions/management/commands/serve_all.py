"""Development server with its background jobs: a Celery worker (with embedded beat) in a
subprocess, and Django's runserver in this process. Used by `make run`.

The worker runs in its own session, so that a Ctrl-C in the terminal reaches only this
process; on exit (Ctrl-C, SIGTERM or an error) the worker is asked to stop, then killed
if it has not stopped after a grace period.
"""

import ctypes
import json
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

WORKER_GRACE_SECONDS = 15
PR_SET_PDEATHSIG = 1


def _raise_keyboard_interrupt(signum, frame):
    raise KeyboardInterrupt


def _worker_preexec() -> None:
    """In the worker: get SIGTERM if this process dies without stopping it (Linux only)."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
        except (OSError, AttributeError):
            pass


def _split_addrport(addrport: str) -> tuple[str, int]:
    addr, _, port = addrport.rpartition(":")
    return (addr.strip("[]") or "127.0.0.1"), int(port)


def _ensure_port_free(addrport: str) -> None:
    """runserver ends the process with os._exit() when the port is taken, which would
    leave the worker behind: fail before starting anything instead."""
    addr, port = _split_addrport(addrport)
    family = socket.AF_INET6 if ":" in addr else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((addr, port))
        except OSError as exc:
            raise CommandError(f"Cannot listen on {addr}:{port}: {exc.strerror or exc}") from exc


class Command(BaseCommand):
    help = "Run the development web server together with a Celery worker and beat."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "addrport", nargs="?", default="127.0.0.1:8000", help="Address and port (default 127.0.0.1:8000)."
        )
        parser.add_argument("--no-worker", action="store_true", help="Serve the site without Celery.")
        parser.add_argument(
            "--logins-json",
            default=None,
            help="Demo logins written by `seed_demo --logins-json` (default: <data dir>/demo-logins.json).",
        )

    def handle(self, *args, **options):
        addrport = options["addrport"]
        if ":" not in addrport:
            addrport = f"127.0.0.1:{addrport}"
        _ensure_port_free(addrport)
        logins_path = Path(options["logins_json"] or Path(settings.DATA_DIR) / "demo-logins.json")
        # SIGTERM (from a process manager, CI or `kill`) shuts down as cleanly as Ctrl-C.
        signal.signal(signal.SIGTERM, _raise_keyboard_interrupt)

        worker = None
        try:
            if not options["no_worker"]:
                worker = self.start_worker()
            self.print_logins(logins_path, addrport)
            call_command("runserver", addrport, use_reloader=False, shutdown_message="Web server stopped.")
        except KeyboardInterrupt:
            self.stdout.write("\nStopping...")
        finally:
            if worker is not None:
                self.stop_worker(worker)

    def start_worker(self) -> subprocess.Popen:
        cmd = [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--beat",
            "-l",
            "info",
            "--concurrency",
            "2",
        ]
        self.stdout.write(f"Starting Celery worker and beat: {' '.join(cmd[1:])}")
        return subprocess.Popen(
            cmd,
            cwd=settings.BASE_DIR,
            env=os.environ.copy(),
            start_new_session=True,
            preexec_fn=_worker_preexec,
        )

    def stop_worker(self, worker: subprocess.Popen) -> None:
        if worker.poll() is not None:
            return
        self.stdout.write("Stopping the Celery worker...")
        try:
            worker.send_signal(signal.SIGTERM)  # warm shutdown: finish the running tasks
            worker.wait(timeout=WORKER_GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            self.stderr.write("The Celery worker did not stop in time; killing it.")
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait()
        except ProcessLookupError:
            pass

    def print_logins(self, path: Path, addrport: str) -> None:
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Concerto: http://{addrport}/"))
        try:
            logins = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.stdout.write("(no demo logins: run `manage.py seed_demo --logins-json PATH` to create them)")
            self.stdout.write("")
            return
        header = ("email", "password", "role", "coalition")
        rows = [tuple(str(row.get(key, "")) for key in header) for row in logins]
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(4)]
        line = "  ".join(f"{{:<{w}}}" for w in widths)
        self.stdout.write("Demo logins:")
        self.stdout.write("  " + line.format(*header))
        self.stdout.write("  " + line.format(*("-" * w for w in widths)))
        for row in rows:
            self.stdout.write("  " + line.format(*row))
        self.stdout.write("")
