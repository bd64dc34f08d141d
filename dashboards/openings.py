"""Who opened a share link, for the coordinators who manage the links: the count and last
opening of each link of a snapshot (one query), and one link's openings page by page, each
shown as a browser in words and a shortened address (the full address never reaches a page).
"""

import ipaddress
import re

from django.db.models import Count, Max, QuerySet
from django.utils.translation import gettext as _

from .models import ReportSnapshot, ShareLink

ROBOT = re.compile(r"bot\b|bot/|crawl|spider|preview|facebookexternalhit|whatsapp|curl/|wget/|python-", re.I)
# (name shown, pattern) in the order to test them: Edge and Opera also say "Chrome", Chrome says "Safari"
BROWSERS = [
    ("Edge", re.compile(r"\bEdg(e|A|iOS)?/")),
    ("Opera", re.compile(r"\bOPR/|\bOpera\b")),
    ("Samsung Internet", re.compile(r"\bSamsungBrowser/")),
    ("Firefox", re.compile(r"\bFirefox/|\bFxiOS/")),
    ("Chrome", re.compile(r"\bChrome/|\bCriOS/")),
    ("Safari", re.compile(r"\bSafari/")),
]
SYSTEMS = [
    ("iPhone", re.compile(r"\biPhone\b")),
    ("iPad", re.compile(r"\biPad\b")),
    ("Android", re.compile(r"\bAndroid\b")),
    ("Windows", re.compile(r"\bWindows\b")),
    ("ChromeOS", re.compile(r"\bCrOS\b")),
    ("macOS", re.compile(r"\bMacintosh\b|\bMac OS X\b")),
    ("Linux", re.compile(r"\bLinux\b")),
]


def _first(patterns, text: str) -> str | None:
    return next((name for name, pattern in patterns if pattern.search(text)), None)


def browser_summary(user_agent: str) -> str:
    """"Firefox on Windows", "Safari on iPhone"...: enough to recognise an opening, no more."""
    if not user_agent:
        return _("Not given")
    if ROBOT.search(user_agent):
        return _("Link preview or robot")
    browser, system = _first(BROWSERS, user_agent), _first(SYSTEMS, user_agent)
    if browser and system:
        return _("%(browser)s on %(system)s") % {"browser": browser, "system": system}
    return browser or system or _("Unknown browser")


def masked_ip(address: str | None) -> str:
    """The address without its last part: 203.0.113.x, or the first three groups of IPv6."""
    if not address:
        return "—"
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return "—"
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if ip.version == 4:
        return ".".join([*str(ip).split(".")[:3], "x"])
    groups = [group.lstrip("0") or "0" for group in ip.exploded.split(":")[:3]]
    return ":".join([*groups, "x", "x", "x", "x", "x"])


def snapshot_links(snapshot: ReportSnapshot) -> QuerySet[ShareLink]:
    """The links of a snapshot, newest first, each with ``opening_count`` and ``last_opened_at``."""
    return (
        ShareLink.objects.filter(snapshot=snapshot)
        .annotate(opening_count=Count("openings"), last_opened_at=Max("openings__opened_at"))
        .order_by("-created_at", "-pk")
    )


def link_openings(link: ShareLink) -> QuerySet:
    """One link's openings, newest first, as rows ready to show (see ``shown_openings``)."""
    return link.openings.order_by("-opened_at", "-pk").values("opened_at", "ip_address", "user_agent")


def shown_openings(rows) -> list[dict]:
    """What a page shows of an opening: when, the browser in words, the shortened address."""
    return [
        {"opened_at": row["opened_at"], "browser": browser_summary(row["user_agent"]),
         "address": masked_ip(row["ip_address"])}
        for row in rows
    ]
