"""The coalition's audit trail, read from the pghistory event tables.

pghistory records every insert, update and delete (bulk ones included) with Postgres
triggers on the models decorated with ``models.audited``; the request middleware adds the
acting person and URL as context. Each app registers its audited models here so the
coalition's trail shows them all.
"""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models import Q
from pghistory.models import Events

AUDITED_MODELS: list[str] = []  # "app_label.Model" of tenant-owned audited models


def register(*labels: str) -> None:
    for label in labels:
        if label not in AUDITED_MODELS:
            AUDITED_MODELS.append(label)


register("coalitions.Organization", "coalitions.Membership", "coalitions.Invitation", "coalitions.ApiToken",
         "coalitions.PrivacySettings", "coalitions.ConfidentialityIncident")


def _event_models():
    models = [apps.get_model("coalitions", "CoalitionEvent")]
    for label in AUDITED_MODELS:
        tracked = apps.get_model(label)
        models.extend(m for m in apps.get_models() if getattr(m, "pgh_tracked_model", None) is tracked)
    return models


def coalition_events(coalition):
    return (
        Events.objects.across(*_event_models())
        .filter(
            Q(pgh_data__coalition_id=coalition.pk)
            | Q(pgh_obj_model="coalitions.Coalition", pgh_obj_id=str(coalition.pk))
        )
        .order_by("-pgh_created_at", "-pgh_id")
    )


def _field_label(model, column: str) -> str:
    for field in model._meta.concrete_fields:
        if field.column == column:
            return str(field.verbose_name)
    return column


def attach_actors(events) -> None:
    """Give each event ``actor`` (a User or None), ``model_label`` and ``changes``
    [(field label, (old, new))], with one query for the whole page."""
    events = list(events)
    ids = {(e.pgh_context or {}).get("user") for e in events} - {None}
    users = get_user_model().objects.in_bulk(ids)
    for event in events:
        model = apps.get_model(event.pgh_obj_model)
        event.actor = users.get((event.pgh_context or {}).get("user"))
        event.model_label = model._meta.verbose_name
        diff = event.pgh_diff or {}
        event.changes = sorted((_field_label(model, column), values) for column, values in diff.items())
