"""Container health check: exits 0 when the local web server's /healthz answers 200.

Run as `python config/healthcheck.py` by the Dockerfile's HEALTHCHECK (standard library only, so
it stays cheap). ALLOWED_HOSTS is enforced, so it sends the first allowed host; X-Forwarded-Proto
stands for the TLS proxy, so that HTTPS settings do not turn the check into a redirect.
"""

import os
import sys
import urllib.error
import urllib.request


def check(port: str | None = None, timeout: float = 8) -> int:
    port = port or os.environ.get("PORT", "8000")
    hosts = [host.strip().lstrip("*.") for host in os.environ.get("ALLOWED_HOSTS", "").split(",")]
    host = next((host for host in hosts if host), "localhost")
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/healthz", headers={"Host": host, "X-Forwarded-Proto": "https"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    except OSError as error:
        print(f"healthcheck: {error}", file=sys.stderr)
        return 1
    if status != 200:
        print(f"healthcheck: /healthz answered {status}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(check())
