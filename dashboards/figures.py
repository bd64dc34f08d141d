"""A year report's charts, rendered once for what they show (issue 12).

A report draws a chart per indicator, a hundred at 100 indicators; the data of most of them
changes once a period. Each rendered chart is kept in the cache under a key made of the very
data it draws (the report item: code, names, periods, values, partial counts, target,
baseline, status, format, in the reader's language) and of the code and translations that
write it: when a value, a label or a word shown changes, the key changes, so a stale chart
can never be served; a chart no report asks for expires. Frozen snapshots and share links
read their charts the same way. Without a cache (or if it fails) the chart is rendered."""

import hashlib
import json
import logging
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.utils import translation

logger = logging.getLogger(__name__)

FIGURE_SECONDS = 7 * 24 * 3600

# What writes a chart's markup: a change to one of these (a deployment) makes new keys.
_SOURCES = ("dashboards/templatetags/chart_figures.py", "indicators/templatetags/measurement.py",
            "indicators/charts.py", "indicators/formatting.py", "indicators/periods.py", "dashboards/funder.py",
            "coalitions/templatetags/coalition_tags.py", "dashboards/figures.py")


@lru_cache(maxsize=1)
def _code_version() -> str:
    digest = hashlib.sha256()
    root = Path(settings.BASE_DIR)
    files = [root / name for name in _SOURCES]
    files += sorted(root.glob("*/locale/*/LC_MESSAGES/django.mo")) + sorted(root.glob("locale/*/LC_MESSAGES/*.mo"))
    for path in files:
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes() if path.exists() else b"-")
    return digest.hexdigest()[:16]


def figure_key(item: dict) -> str:
    """The cache key of one report item's chart: a digest of everything it shows."""
    shown = json.dumps([_code_version(), translation.get_language(), item], sort_keys=True, default=repr,
                       separators=(",", ":"))
    return "report-figure:" + hashlib.sha256(shown.encode()).hexdigest()


def cached(keys: list[str]) -> dict[str, str]:
    """The charts already rendered among ``keys`` (one cache round trip)."""
    try:
        return cache.get_many(keys) if keys else {}
    except Exception:  # the cache is an optimisation: a page never fails for it
        logger.warning("report charts: cache unavailable", exc_info=True)
        return {}


def keep(key: str, html: str) -> None:
    try:
        cache.set(key, html, FIGURE_SECONDS)
    except Exception:
        logger.warning("report charts: cache unavailable", exc_info=True)
