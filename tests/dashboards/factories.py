"""Factories of the report models (dashboards.ReportSnapshot, ShareLink, ShareLinkOpening)."""

import secrets
from datetime import date, timedelta

import factory
from django.utils import timezone

from dashboards.models import ReportSnapshot, ShareLink, ShareLinkOpening
from dashboards.services import hash_token

from ..factories import CoalitionFactory, ModelFactory


def report_data(coalition_name="Regroupement Petite enfance", people=120) -> dict:
    return {
        "coalition": coalition_name, "territory": "Haute-Côte-Nord", "start": "2025-01-01", "end": "2025-12-31",
        "generated_at": "2026-01-05T10:00:00+00:00",
        "agenda": {"number": 1, "vision": "Chaque enfant arrive prêt à l'école.", "priorities": ["Maturité scolaire"]},
        "indicators": [{"code": "PE-01", "name": "Familles rejointes", "unit": "familles", "target": 60.0,
                        "baseline": None, "status": "at_risk", "points": [["T1 2025", 30.0], ["T2 2025", 42.0]]}],
        "plan": {"by_status": [["Planifiée", 1], ["En cours", 2]], "total": 3, "average_progress": 40},
        "activities": {"count": 4, "people": people, "families": 30, "hours": 12.5,
                       "by_organization": [["Maison de la famille", 4, people, 30, 12.5]]},
    }


class ReportSnapshotFactory(ModelFactory):
    class Meta:
        model = ReportSnapshot

    coalition = factory.SubFactory(CoalitionFactory)
    title = "Rapport 2025"
    period_start = date(2025, 1, 1)
    period_end = date(2025, 12, 31)
    data = factory.LazyFunction(report_data)


class ShareLinkFactory(ModelFactory):
    """Pass ``token=...`` to know the clear token (only its hash is stored); see ``shared``."""

    class Meta:
        model = ShareLink

    class Params:
        token = factory.LazyFunction(lambda: secrets.token_urlsafe(32))

    snapshot = factory.SubFactory(ReportSnapshotFactory)
    coalition = factory.LazyAttribute(lambda o: o.snapshot.coalition)
    token_hash = factory.LazyAttribute(lambda o: hash_token(o.token))
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))


def shared(**kwargs) -> tuple[ShareLink, str]:
    """A share link and its clear token."""
    token = secrets.token_urlsafe(32)
    return ShareLinkFactory(token=token, **kwargs), token


class ShareLinkOpeningFactory(ModelFactory):
    class Meta:
        model = ShareLinkOpening

    link = factory.SubFactory(ShareLinkFactory)
    coalition = factory.LazyAttribute(lambda o: o.link.coalition)
    ip_address = "203.0.113.7"
    user_agent = "Mozilla/5.0"
