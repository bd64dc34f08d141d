"""The template rules, checked where a grep or one request can: templates ask the permission
registry (``membership|can:"..."``) or read a flag a view computed from an object rule, and never
compare a membership's role themselves; stylesheets load from base.html's <head> only; forms
render through includes/form.html and confirmations through includes/confirm.html."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from .url_map import COALITION_PATTERNS, EXPECTED, build_url, object_kwargs

# ``x.role == "coordinator"``, ``"partner" != m.role``, ``current_membership.role in roles``, and
# the object rule done by hand: ``current_membership.organization_id == a.organization_id``.
ROLE_COMPARISON = re.compile(
    r"""[\w.]*\.(?:role|get_role_display)\b\s*(?:==|!=|<|>|(?:not\s+)?in\b)"""
    r"""|(?:==|!=|\bin\b)\s*[\w.]*\.(?:role|get_role_display)\b"""
    r"""|membership\.organization(?:_id)?\s*(?:==|!=)|(?:==|!=)\s*[\w.]*membership\.organization(?:_id)?\b"""
)
TAG = re.compile(r"\{%.*?%\}", re.DOTALL)
SKIPPED_DIRS = {".venv", "venv", "node_modules", "staticfiles", ".data", ".git"}


def project_templates() -> list[Path]:
    """Every template of the project: templates/ and each app's templates/."""
    base = Path(settings.BASE_DIR)
    found = []
    for path in base.rglob("*"):
        parts = set(path.relative_to(base).parts)
        if parts & SKIPPED_DIRS or "templates" not in parts or not path.is_file():
            continue
        if path.suffix in (".html", ".txt", ".xml"):
            found.append(path)
    return found


def inline_role_checks(text: str) -> list[str]:
    return [tag for tag in TAG.findall(text) if ROLE_COMPARISON.search(tag)]


def test_the_role_check_pattern_catches_inline_comparisons_and_spares_form_values():
    assert inline_role_checks('{% if current_membership.role == "coordinator" %}')
    assert inline_role_checks('{% if "funder" != membership.role %}')
    assert inline_role_checks("{% if current_membership.role in coordinator_roles %}")
    assert inline_role_checks('{% if m.role not in "partner funder" %}')
    assert inline_role_checks('{% if a.x or current_membership.role == "partner" or y %}')
    assert inline_role_checks("{% if current_membership.organization_id == a.organization_id %}")
    assert inline_role_checks("{% if a.organization_id != current_membership.organization_id %}")
    # a filter's selected value is a form value, not a permission check
    assert not inline_role_checks('{% if role == "coordinator" %} selected{% endif %}')
    assert not inline_role_checks('{% if current_membership|can:"conditions.agenda:edit" %}')
    assert not inline_role_checks("{{ m.get_role_display }}")
    assert not inline_role_checks("{% blocktranslate with role=invitation.get_role_display %}")


def test_no_template_compares_a_membership_role_inline():
    templates = project_templates()
    assert len(templates) > 50, "the template search found too few templates to mean anything"
    offenders = {
        str(path.relative_to(settings.BASE_DIR)): checks
        for path in templates
        if (checks := inline_role_checks(path.read_text(encoding="utf-8")))
    }
    assert not offenders, (
        "Templates must ask the permission registry ({% if current_membership|can:\"app.thing:verb\" %}) "
        f"or read a flag the view computed from an object rule, not compare roles: {offenders}"
    )


# CSS loaded one way: every stylesheet from base.html's <head>. 500.html is the exception: Django
# renders it without a context when something already failed, so it cannot extend base.html.
STYLESHEET = re.compile(r"""<link\b[^>]*\brel=["']?stylesheet|<style\b""", re.IGNORECASE)
# Pages that do not extend base.html: the bare 500 page, and the API reference (Swagger UI's own page)
STANDALONE = {"templates/500.html", "templates/api/swagger_ui.html"}


def relative(path: Path) -> str:
    return str(path.relative_to(settings.BASE_DIR))


def test_stylesheets_load_only_from_the_base_templates_head():
    base = Path(settings.BASE_DIR) / "templates" / "base.html"
    head = base.read_text(encoding="utf-8").split("</head>", 1)[0]
    assert len(STYLESHEET.findall(head)) >= 2, "base.html's <head> should hold the stylesheets"
    assert not STYLESHEET.search(base.read_text(encoding="utf-8").split("</head>", 1)[1])
    offenders = [
        relative(path) for path in project_templates()
        if path != base and relative(path) not in STANDALONE and STYLESHEET.search(path.read_text(encoding="utf-8"))
    ]
    assert not offenders, f"Load stylesheets in base.html's <head> only, not from a page or an include: {offenders}"


def test_pages_carry_no_inline_style_or_script_for_the_content_security_policy():
    inline = re.compile(r"""\sstyle=["']|<script\b(?![^>]*\bsrc=)|\son[a-z]+=["']""", re.IGNORECASE)
    offenders = [
        relative(path) for path in project_templates()
        if "email" not in path.parts and inline.search(path.read_text(encoding="utf-8"))
    ]
    assert not offenders, f"CSP forbids inline styles and scripts (emails aside): {offenders}"


# Permission checks: ``membership|can:"app.thing:verb"`` only, no second dialect.
OTHER_PERMISSION_CHECKS = re.compile(r"""\bperms\.|\{%\s*allowed\b|\.has_perm\b|\bis_coordinator\b|\bis_staff\b""")


def test_templates_check_permissions_only_through_the_can_filter():
    offenders = {
        relative(path): OTHER_PERMISSION_CHECKS.findall(path.read_text(encoding="utf-8"))
        for path in project_templates()
        if OTHER_PERMISSION_CHECKS.search(path.read_text(encoding="utf-8"))
    }
    assert not offenders, f'Ask the registry with {{% if current_membership|can:"app.thing:verb" %}}: {offenders}'


# One form include: a field's label, help text and errors, and the error summary, are written in
# includes/form.html only. allauth's element for the fields it builds by hand (no bound field) aside.
FIELD_PARTS = re.compile(r"""\{\{[^}]*\b(?:errors|non_field_errors|help_text|id_for_label)\b[^}]*\}\}""")
FORM_INCLUDE = "templates/includes/form.html"
HAND_BUILT_FIELDS = {"templates/allauth/elements/field.html"}


def test_forms_render_their_fields_and_errors_through_the_one_form_include():
    allowed = {FORM_INCLUDE, *HAND_BUILT_FIELDS}
    offenders = {
        relative(path): found
        for path in project_templates()
        if relative(path) not in allowed and (found := FIELD_PARTS.findall(path.read_text(encoding="utf-8")))
    }
    assert not offenders, f'Render forms with {{% include "includes/form.html" %}} (or its #fields part): {offenders}'


# One confirm include: the danger button that confirms a destructive action lives in it.
CONFIRM_INCLUDE = "templates/includes/confirm.html"


def test_only_the_confirm_include_posts_a_danger_button():
    danger_submit = re.compile(r"""<button\b[^>]*\bbutton-danger\b""")
    offenders = [
        relative(path) for path in project_templates()
        if relative(path) != CONFIRM_INCLUDE and danger_submit.search(path.read_text(encoding="utf-8"))
    ]
    assert not offenders, f'Ask before a destructive action with {{% include "includes/confirm.html" %}}: {offenders}'


DESTRUCTIVE = re.compile(r"_(?:delete|revoke|remove|deactivate)$")
CONFIRMING_PAGES = sorted(
    (name, route) for name, route in COALITION_PATTERNS if DESTRUCTIVE.search(name) and "GET" in EXPECTED[name][1]
)


def test_the_destructive_actions_that_ask_first_are_found():
    assert len(CONFIRMING_PAGES) >= 8, CONFIRMING_PAGES


@pytest.mark.parametrize("name,route", CONFIRMING_PAGES, ids=[name for name, _ in CONFIRMING_PAGES])
def test_every_confirmation_page_uses_the_confirm_include(client, world, name, route):
    roles = EXPECTED[name][0]
    actor = next(actor for actor in ("partner", "coordinator", "funder") if actor in roles)
    client.force_login(world.user(actor))
    response = client.get(build_url(name, route, object_kwargs(world), world.coalition.slug))
    assert response.status_code == 200
    assert "includes/confirm.html" in [template.name for template in response.templates]
    assert 'class="button button-danger"' in response.content.decode()
