"""The register of confidentiality incidents (Law 25, s. 3.8): writes, reads and the export for
the Commission d'accès à l'information.

Only coordinators keep it. Each entry is audited by pghistory triggers (every version of it is
in the audit trail) and cannot be deleted for INCIDENT_KEPT_YEARS years (a database trigger):
there is no delete service."""

from collections.abc import Iterator
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from .concurrency import creates_once, lock_for_edit
from .dates import local_today
from .models import Coalition, ConfidentialityIncident, IncidentNature
from .permissions import INCIDENTS_MANAGE, require_permission
from .spreadsheets import Sheet


def incident_list(coalition: Coalition) -> QuerySet[ConfidentialityIncident]:
    return ConfidentialityIncident.objects.filter(coalition=coalition).order_by("-discovered_on", "-pk")


def _check(coalition: Coalition, fields: dict) -> None:
    errors: dict[str, str] = {}
    today = local_today(coalition)
    if fields.get("nature") not in IncidentNature.values:
        errors["nature"] = _("Choose the nature of the incident.")
    people = fields.get("people_count")
    if type(people) is not int or people < 0:
        errors["people_count"] = _("Give the number of people concerned, 0 or more.")
    for name in ("occurred_on", "discovered_on", "commission_notified_on", "people_notified_on"):
        value = fields.get(name)
        if value is not None and not isinstance(value, date):
            errors[name] = _("Enter a valid date.")
        elif value is not None and value > today:
            errors[name] = _("This date is in the future.")
    occurred, discovered = fields.get("occurred_on"), fields.get("discovered_on")
    if isinstance(occurred, date) and isinstance(discovered, date) and "discovered_on" not in errors:
        if discovered < occurred:
            errors["discovered_on"] = _("An incident cannot be discovered before it happened.")
    for name in ("commission_notified_on", "people_notified_on"):
        value = fields.get(name)
        if isinstance(value, date) and isinstance(discovered, date) and name not in errors and value < discovered:
            errors[name] = _("A notice cannot come before the incident was discovered.")
    for name in ("discovery", "description", "information_concerned", "risk_assessment", "measures"):
        if not str(fields.get(name) or "").strip():
            errors[name] = _("This field is required.")
    if errors:
        raise ValidationError(errors)


@creates_once
@transaction.atomic
def incident_create(*, actor, coalition: Coalition, **fields) -> ConfidentialityIncident:
    require_permission(actor, coalition, INCIDENTS_MANAGE)
    unknown = set(fields) - set(ConfidentialityIncident.EDIT_FIELDS)
    if unknown:
        raise ValueError(unknown)
    fields.setdefault("serious_risk", False)
    _check(coalition, fields)
    return ConfidentialityIncident.objects.create(coalition=coalition, recorded_by=actor, **fields)


@transaction.atomic
def incident_update(*, actor, incident: ConfidentialityIncident, version: str | None = None,
                    **fields) -> ConfidentialityIncident:
    require_permission(actor, incident.coalition, INCIDENTS_MANAGE)
    unknown = set(fields) - set(ConfidentialityIncident.EDIT_FIELDS)
    if unknown:
        raise ValueError(unknown)
    incident = lock_for_edit(incident, version=version, fields=ConfidentialityIncident.EDIT_FIELDS, submitted=fields)
    merged = {name: getattr(incident, name) for name in ConfidentialityIncident.EDIT_FIELDS} | fields
    _check(incident.coalition, merged)
    for name, value in fields.items():
        setattr(incident, name, value)
    incident.save()
    return incident


# The export for the Commission ----------------------------------------------------------------

def _rows(incidents) -> Iterator[list]:
    yield [
        _("Number"), _("Date of the incident"), _("Date of discovery"), _("How it was discovered"),
        _("Nature of the incident"), _("What happened"), _("Personal information concerned"),
        _("Number of people concerned"), _("Risk of serious injury"), _("Assessment of the risk"),
        _("Measures taken"), _("Commission notified on"), _("People notified on"), _("Recorded on"),
    ]
    for incident in incidents.iterator(chunk_size=500):
        yield [
            incident.pk, incident.occurred_on.isoformat(), incident.discovered_on.isoformat(), incident.discovery,
            incident.get_nature_display(), incident.description, incident.information_concerned,
            incident.people_count, _("yes") if incident.serious_risk else _("no"), incident.risk_assessment,
            incident.measures,
            incident.commission_notified_on.isoformat() if incident.commission_notified_on else "",
            incident.people_notified_on.isoformat() if incident.people_notified_on else "",
            timezone.localtime(incident.created_at).date().isoformat(),
        ]


def register_sheet(coalition: Coalition) -> Sheet:
    """The whole register as one sheet, oldest first (as the Commission reads a register)."""
    incidents = ConfidentialityIncident.objects.filter(coalition=coalition).order_by("discovered_on", "pk")
    return Sheet(_("Confidentiality incidents"), _rows(incidents), bold_rows=1, freeze_header=True)


def register_filename(coalition: Coalition) -> str:
    return f"registre-incidents-{coalition.slug}-{local_today(coalition).isoformat()}"
