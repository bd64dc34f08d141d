"""Issue 13, point 8: text is normalised on the way in (line endings to "\\n", no trailing
spaces per line, Unicode NFC) by every text field of every form, and the texts stored before
are fixed by a data migration, so comparing agenda versions shows only real changes."""

import inspect
from importlib import import_module

import pytest
from django import forms
from django.db import connection
from django_scopes import scopes_disabled

from coalitions.fields import normalize_stored_texts, normalize_text
from conditions import selectors
from conditions.models import AgendaVersion

from ..conditions.test_agenda import DRAFT, publish
from ..helpers import url

TYPED = "Cafe\u0301 des parents  \r\nDeuxième ligne\t\r\n\r\nTroisième  "
CLEAN = "Café des parents\nDeuxième ligne\n\nTroisième"

FORM_MODULES = ["coalitions.forms", "conditions.forms", "indicators.forms", "coordination.forms", "dashboards.views"]


def _project_forms():
    for name in FORM_MODULES:
        for _name, cls in inspect.getmembers(import_module(name), inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == name:
                yield cls


def test_normalize_text_fixes_line_endings_trailing_spaces_and_unicode_form():
    assert normalize_text(TYPED) == CLEAN
    assert normalize_text(CLEAN) == CLEAN
    assert normalize_text("a\rb") == "a\nb"
    assert normalize_text("Prix\u00a0: 5\u00a0$") == "Prix\u00a0: 5\u00a0$"  # non-breaking spaces kept inside


def test_every_text_field_of_every_project_form_normalises_what_it_cleans():
    checked = []
    for form_class in _project_forms():
        for name, field in form_class.base_fields.items():
            if not isinstance(field, forms.CharField) or not field.strip:
                continue
            if type(field).to_python is forms.CharField.to_python:  # email, URL... check their own format
                assert field.to_python(TYPED) == CLEAN, f"{form_class.__name__}.{name}"
            assert getattr(forms.CharField.to_python, "normalizes_text", False)
            checked.append(f"{form_class.__name__}.{name}")
    assert len(checked) > 40  # the forms' text fields, not an empty loop
    assert "AgendaDraftForm.vision" in checked and "AnnouncementForm.body" in checked


def test_a_password_field_keeps_what_was_typed():
    assert forms.CharField(strip=False).clean(" mot  de passe ") == " mot  de passe "


def test_the_agenda_draft_is_stored_normalised_and_an_untouched_field_is_not_a_change(client, world):
    first = publish(world)
    client.force_login(world.coordinator)
    typed = {**DRAFT, "vision": DRAFT["vision"] + "  ", "guiding_principles": DRAFT["guiding_principles"]
             .replace("\n", "\r\n") + " \r\n", "problem": "Nouveau problème,\r\nmieux décrit."}
    with scopes_disabled():
        draft_key = selectors.draft_version(world.coalition)
    client.post(url(world, "conditions:agenda_draft"), {**typed, "submission": "x"} if draft_key is None else typed)
    with scopes_disabled():
        draft = AgendaVersion.objects.get(coalition=world.coalition, number__isnull=True)
        assert draft.problem == "Nouveau problème,\nmieux décrit."
        assert draft.guiding_principles == DRAFT["guiding_principles"]
        rows = {row["name"]: row["changed"] for row in selectors.compare_versions(first, draft)}
    assert rows["problem"] is True
    assert rows["vision"] is False and rows["guiding_principles"] is False


@pytest.mark.django_db
def test_the_data_migration_fixes_the_stored_versions(world):
    first = publish(world)
    second = publish(world, "Deuxième version")
    with scopes_disabled():
        AgendaVersion.objects.filter(pk=second.pk).update(
            guiding_principles=DRAFT["guiding_principles"].replace("\n", "  \r\n"),
            vision=DRAFT["vision"].replace("é", "e\u0301"),
        )
        second.refresh_from_db()
        assert any(r["changed"] for r in selectors.compare_versions(first, second)) is False  # read as normalised
        from django.apps import apps

        with connection.schema_editor() as editor:
            normalize_stored_texts(apps, editor, "conditions")
        second.refresh_from_db()
    assert second.guiding_principles == DRAFT["guiding_principles"]
    assert second.vision == DRAFT["vision"]
