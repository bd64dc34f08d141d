"""Names and titles fit on one line (issue 10 point 13): a line break or an invisible control
character in a coalition's or an organisation's name broke every email of the coalition."""

import re

import pghistory.models
import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django_scopes import scopes_disabled

from coalitions import services
from coalitions.emails import send_email
from coalitions.fields import SingleLineCharField, validate_single_line
from coalitions.models import Coalition, Organization
from coordination.models.communication import Announcement
from coordination.services import communication

from ..factories import OrganizationFactory

REFUSED = ["Maison\nde la famille", "Maison\r\nBcc: x@example.org", "Maison\tfamille", "Maison\x00", "Maison\x1b[31m",
           "Maison \u202eelimaf", "Mai\u200bson", "Maison\u2028famille", "\ufeffMaison"]
ACCEPTED = ["Café d’Émilie & fils", "L'Envol « 0-5 ans »", "Table\u00a0: Haute-Côte", "👨‍👩‍👧 Familles", "کتاب‌خانه", ""]
ONE_LINE_TEXT = re.compile(r"(^|_)(name|title|label|what|place|territory|dimension|unit|code)(_fr|_en)?$")
# Copies of a checked name or title, written by services from objects already saved:
DERIVED = {"coordination.Notification.title", "coordination.Notification.actor_name"}


@pytest.mark.parametrize("text", REFUSED)
def test_it_refuses_line_breaks_and_invisible_control_characters(text):
    with pytest.raises(ValidationError) as refused:
        validate_single_line(text)
    assert refused.value.code == "control_characters"


@pytest.mark.parametrize("text", ACCEPTED)
def test_it_accepts_accents_quotes_non_breaking_spaces_and_joined_emoji(text):
    validate_single_line(text)


def test_every_name_and_title_of_the_project_is_a_single_line_field():
    """A new name or title field must be a SingleLineCharField too (or say why not)."""
    plain = [
        f"{model._meta.label}.{field.name}"
        for app in ("coalitions", "conditions", "indicators", "coordination")
        for model in apps.get_app_config(app).get_models()
        if not issubclass(model, pghistory.models.Event)
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField) and not field.choices and ONE_LINE_TEXT.search(field.name)
        and not isinstance(field, SingleLineCharField)
    ]
    assert sorted(set(plain) - DERIVED) == []


def test_the_service_refuses_it_and_writes_nothing(world):
    with scopes_disabled():
        groups = Group.objects.count()
        with pytest.raises(ValidationError) as refused:
            services.organization_create(actor=world.coordinator, coalition=world.coalition,
                                         name="Maison\r\nBcc: x@example.org", sector="health", kind="community")
        assert list(refused.value.error_dict) == ["name"]
        assert not Organization.objects.filter(name__startswith="Maison\r").exists()
        assert Group.objects.count() == groups
        with pytest.raises(ValidationError):
            services.coalition_update(actor=world.coordinator, coalition=world.coalition, name="Regroupement\nPE")
        with pytest.raises(ValidationError):
            communication.announcement_create(actor=world.coordinator, coalition=world.coalition,
                                                      title="Rencontre\nBcc: x@example.org", body="Bonjour")
        assert not Announcement.objects.exists()
    assert Coalition.objects.get(pk=world.coalition.pk).name == "Regroupement Petite enfance"


def test_a_form_shows_the_error_next_to_the_field_and_keeps_the_input(client, world):
    client.force_login(world.coordinator)
    response = client.post(reverse("coalitions:organization_create", args=[world.coalition.slug]),
                           {"name": "Maison\nde la famille 2", "sector": "health", "kind": "community"})
    assert response.status_code == 200
    assert response.context["form"].errors["name"] == [
        "Retirez les sauts de ligne et les caractères de contrôle invisibles\u00a0: ce texte doit tenir sur une ligne."]
    response = client.post(reverse("coordination:announcement_create", args=[world.coalition.slug]),
                           {"title": "Rencontre\u202e", "body": "Bonjour", "audience": "all"})
    assert response.status_code == 200 and list(response.context["form"].errors) == ["title"]
    with scopes_disabled():
        assert not Announcement.objects.exists()
        assert not Organization.objects.filter(name__contains="\n").exists()


def test_no_email_subject_carries_a_refused_name(client, world):
    client.force_login(world.coordinator)
    settings_url = reverse("coalitions:settings", args=[world.coalition.slug])
    response = client.post(settings_url, {
        "name": "Regroupement\nBcc: x@example.org", "slug": world.coalition.slug, "territory": "Haute-Côte",
        "default_language": "fr", "time_zone": "America/Toronto", "fiscal_year_start_month": 1})
    assert response.status_code == 200 and "name" in response.context["form"].errors
    with scopes_disabled():
        coalition = Coalition.objects.get(pk=world.coalition.pk)
    OrganizationFactory(coalition=coalition, name="Maison des jeunes")
    send_email(to=world.partner, coalition=coalition, template="coordination/email/digest",
               context={"notifications": [], "frequency": "daily"})
    assert mail.outbox and all("\n" not in m.subject and "\r" not in m.subject for m in mail.outbox)
    assert mail.outbox[-1].subject.startswith("[Regroupement Petite enfance] ")
