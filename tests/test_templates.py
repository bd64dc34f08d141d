"""Templates ask the permission registry (``membership|can:"..."``) or read a flag a view
computed from an object rule; they never compare a membership's role themselves."""

import re
from pathlib import Path

from django.conf import settings

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
