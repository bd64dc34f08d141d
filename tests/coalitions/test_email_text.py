"""Plain-text emails read as written: no HTML escaping in .txt templates (issue 10 point 14).

Every .txt template of the project (found on disk, so a new one is covered) is rendered with
values full of quotes, apostrophes, ampersands and angle brackets; no HTML entity may come out.
The HTML parts of the same emails stay escaped."""

import re
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.template.loader import render_to_string
from django.template.utils import get_app_template_dirs
from django.utils import timezone
from django_scopes import scopes_disabled

from coalitions.emails import send_email

from ..factories import InvitationFactory, OrganizationFactory

NASTY = "L'équipe \"Tom & Jerry\" <b>"
ENTITY = re.compile(r"&(#x?[0-9a-fA-F]+|[a-zA-Z]+);")


class Anything:
    """Whatever a template asks of it (an attribute, a key, a list of one), printed as NASTY;
    dates where a template expects a date, so that date filters have something to format."""

    def __getattr__(self, name):
        if name.startswith("__") or name in ("do_not_call_in_templates", "alters_data"):
            raise AttributeError(name)
        return value_for(name)

    def __getitem__(self, key):
        return value_for(str(key))

    def __iter__(self):
        return iter([Anything()])

    def __len__(self):
        return 1

    def __str__(self):
        return NASTY


def value_for(name: str):
    if name == "time_zone":
        return "America/Toronto"
    if name.endswith("_at"):
        return timezone.now()
    if name.endswith(("_on", "_date")) or name == "today":
        return date(2026, 3, 1)
    return Anything()


def project_templates(suffix: str) -> list[tuple[str, str]]:
    """(name, source) of the project's templates ending in ``suffix`` (not the libraries')."""
    base = Path(settings.BASE_DIR).resolve()
    found = {}
    for directory in [*settings.TEMPLATES[0]["DIRS"], *get_app_template_dirs("templates")]:
        directory = Path(directory).resolve()
        if base in directory.parents and ".venv" not in directory.parts:
            for path in directory.rglob(f"*{suffix}"):
                found.setdefault(str(path.relative_to(directory)), path.read_text(encoding="utf-8"))
    return sorted(found.items())


TEXT_TEMPLATES = project_templates(".txt")


def context_for(source: str) -> dict:
    """Every word of the template, and of every text template it may include, as a context
    variable: the ones it uses are among them."""
    words = re.findall(r"[A-Za-z_]\w*", source + "".join(s for _n, s in TEXT_TEMPLATES))
    return {word: value_for(word) for word in words}


def test_the_email_text_templates_are_found():
    names = [name for name, _source in TEXT_TEMPLATES]
    assert "email/invitation.txt" in names and "coordination/email/notification.txt" in names
    assert "email/endorsement_request.txt" in names  # an app's own templates directory too


@pytest.mark.parametrize("name,source", TEXT_TEMPLATES, ids=[n for n, _s in TEXT_TEMPLATES])
def test_a_text_template_prints_values_as_written(name, source):
    text = render_to_string(name, context_for(source))
    assert not ENTITY.search(text), f"{name} escapes HTML: {ENTITY.findall(text)}"
    if "{{" in source:
        assert NASTY in text


HTML_TEMPLATES = dict(project_templates(".html"))
HTML_PARTS = sorted((n[:-4] + ".html", HTML_TEMPLATES[n[:-4] + ".html"]) for n, _s in TEXT_TEMPLATES
                    if n[:-4] + ".html" in HTML_TEMPLATES)


@pytest.mark.parametrize("name,source", HTML_PARTS, ids=[n for n, _s in HTML_PARTS])
def test_the_html_part_of_the_same_email_stays_escaped(name, source):
    html = render_to_string(name, context_for(source))
    assert NASTY not in html and "&lt;b&gt;" in html


def test_an_invitation_email_reads_as_written_in_text_and_escaped_in_html(world):
    with scopes_disabled():
        world.coalition.name = "L'Équipe \"Petite enfance\" & <Cie>"
        world.coalition.save()
    organization = OrganizationFactory(coalition=world.coalition, name="Café d'Émilie & fils")
    invitation = InvitationFactory(coalition=world.coalition, organization=organization)
    send_email(to="lea@example.org", template="email/invitation", coalition=world.coalition, context={
        "invitation": invitation, "accept_url": "/invitation/x/"})
    message = mail.outbox[-1]
    assert "L'Équipe \"Petite enfance\" & <Cie>" in message.body and "Café d'Émilie & fils" in message.body
    assert not ENTITY.search(message.body) and not ENTITY.search(message.subject)
    html = message.alternatives[0][0]
    assert "L&#x27;Équipe &quot;Petite enfance&quot; &amp; &lt;Cie&gt;" in html
