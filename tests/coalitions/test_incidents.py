"""The register of confidentiality incidents (Law 25): coordinators record and update entries,
every version is audited, nothing can be deleted for five years, and the register exports
for the Commission d'accès à l'information."""

import io
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import ProgrammingError, transaction
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled
from openpyxl import load_workbook

from coalitions import incidents
from coalitions.models import ConfidentialityIncident

from ..factories import IncidentFactory
from ..helpers import body


def _form(**changes):
    today = timezone.localdate()
    data = {
        "occurred_on": (today - timedelta(days=5)).isoformat(),
        "discovered_on": (today - timedelta(days=2)).isoformat(),
        "discovery": "Signalement d'un partenaire", "nature": "loss",
        "description": "Un portable contenant un export des membres a été perdu.",
        "information_concerned": "Noms, courriels et organismes des membres", "people_count": "37",
        "serious_risk": "on", "risk_assessment": "Risque modéré : courriels exposés à l'hameçonnage.",
        "measures": "Mots de passe changés, membres avisés.", "commission_notified_on": "", "people_notified_on": "",
    }
    return {**data, **changes}


def test_a_coordinator_records_an_incident_and_sees_it_in_the_register(client, world):
    client.force_login(world.coordinator)
    response = client.post(reverse("coalitions:incident_create", args=[world.coalition.slug]), _form())
    assert response.status_code == 302
    page = client.get(reverse("coalitions:incidents", args=[world.coalition.slug])).content.decode()
    assert "Perte de renseignements personnels" in page and ">37<" in page
    assert "Avis à envoyer" in page  # serious risk, nobody notified yet
    with scopes_disabled():
        incident = ConfidentialityIncident.objects.get()
    assert incident.recorded_by == world.coordinator and incident.coalition == world.coalition


def test_the_same_form_sent_twice_records_one_incident(client, world):
    client.force_login(world.coordinator)
    url = reverse("coalitions:incident_create", args=[world.coalition.slug])
    form = client.get(url).context["form"]
    data = _form(submission=form["submission"].initial)
    client.post(url, data)
    client.post(url, data)
    with scopes_disabled():
        assert ConfidentialityIncident.objects.count() == 1


@pytest.mark.parametrize("changes,field", [
    ({"discovered_on": "2000-01-01"}, "discovered_on"),  # before it happened
    ({"occurred_on": "2999-01-01"}, "occurred_on"),  # in the future
    ({"commission_notified_on": "2000-01-01"}, "commission_notified_on"),  # before its discovery
    ({"people_count": "-3"}, "people_count"),
    ({"people_count": "beaucoup"}, "people_count"),
    ({"nature": "hack"}, "nature"),
    ({"measures": "   "}, "measures"),
    ({"occurred_on": "31/02/2026"}, "occurred_on"),
])
def test_bad_input_is_refused_next_to_its_field_with_the_input_kept(client, world, changes, field):
    client.force_login(world.coordinator)
    response = client.post(reverse("coalitions:incident_create", args=[world.coalition.slug]), _form(**changes))
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert "Un portable contenant un export" in response.content.decode()
    with scopes_disabled():
        assert not ConfidentialityIncident.objects.exists()


def test_updating_an_entry_keeps_its_earlier_versions_in_the_audit_trail(client, world):
    incident = IncidentFactory(coalition=world.coalition, measures="Première mesure")
    client.force_login(world.coordinator)
    url = reverse("coalitions:incident_edit", args=[world.coalition.slug, incident.pk])
    form = client.get(url).context["form"]
    data = {name: form[name].value() for name in ConfidentialityIncident.EDIT_FIELDS}
    data = {k: ("" if v is None else v) for k, v in data.items()}
    data.update(measures="Seconde mesure", commission_notified_on=timezone.localdate().isoformat(),
                version=form["version"].initial)
    data["serious_risk"] = ""
    assert client.post(url, data).status_code == 302
    trail = client.get(reverse("coalitions:audit", args=[world.coalition.slug])).content.decode()
    assert "Première mesure" in trail and "Seconde mesure" in trail


def test_an_entry_cannot_be_deleted_for_five_years(world):
    incident = IncidentFactory(coalition=world.coalition)
    with scopes_disabled(), pytest.raises(ProgrammingError), transaction.atomic():
        ConfidentialityIncident.objects.filter(pk=incident.pk).delete()
    with scopes_disabled():
        assert ConfidentialityIncident.objects.filter(pk=incident.pk).exists()
        old = IncidentFactory(coalition=world.coalition)
        ConfidentialityIncident.objects.filter(pk=old.pk).update(
            created_at=timezone.now() - timedelta(days=5 * 366))
        ConfidentialityIncident.objects.filter(pk=old.pk).delete()
        assert not ConfidentialityIncident.objects.filter(pk=old.pk).exists()


def test_only_coordinators_keep_the_register(world):
    with scope(coalition=world.coalition):
        with pytest.raises(PermissionDenied):
            incidents.incident_create(actor=world.partner, coalition=world.coalition, **_service_fields())
        with pytest.raises(ValidationError):
            incidents.incident_create(actor=world.coordinator, coalition=world.coalition,
                                      **{**_service_fields(), "people_count": -1})


def _service_fields():
    today = timezone.localdate()
    return {"occurred_on": today, "discovered_on": today, "discovery": "x", "nature": "access", "description": "x",
            "information_concerned": "x", "people_count": 2, "risk_assessment": "x", "measures": "x"}


def test_the_register_exports_for_the_commission_in_excel_and_csv(client, world):
    IncidentFactory(coalition=world.coalition, people_count=12, measures="=HYPERLINK(\"http://x\")")
    IncidentFactory(coalition=world.other_coalition, description="Secret de l'autre table")
    client.force_login(world.coordinator)
    url = reverse("coalitions:incident_export", args=[world.coalition.slug])
    response = client.get(url, {"format": "xlsx"})
    assert response["Content-Disposition"].startswith('attachment; filename="registre-incidents-petite-enfance-')
    rows = list(load_workbook(io.BytesIO(body(response))).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("Numéro", "Date de l'incident", "Date de la découverte")
    assert len(rows) == 2 and rows[1][7] == 12 and rows[1][10].startswith("'=")
    text = body(client.get(url, {"format": "csv"})).decode()
    assert "Divulgation non autorisée par la loi" in text and "Secret de l'autre table" not in text


def test_an_incident_of_another_coalition_is_not_found(client, world):
    incident = IncidentFactory(coalition=world.other_coalition)
    client.force_login(world.coordinator)
    assert client.get(reverse("coalitions:incident_edit", args=[world.coalition.slug, incident.pk])).status_code == 404
