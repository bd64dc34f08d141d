"""Permission names are constants declared by each app's permissions.py; a name the registry
does not hold fails loudly wherever it is asked: a view declaring it fails at import, the
``|can:`` filter and ``has_permission`` raise, and a template may name only registered ones.
Objects a view loads go through ``object_for``: 404 when the person may not see the object,
403 when they see it but may not change it."""

import ast
import importlib
import re
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template import Context, Template, engines
from django.template.utils import get_app_template_dirs
from django.test import RequestFactory
from django_scopes import scope, scopes_disabled

from coalitions import permissions
from coalitions.checks import is_tenant_app
from coalitions.models import Membership, Organization
from coalitions.permissions import REGISTRY, has_permission, object_for, requires

from ..factories import OrganizationFactory

NAME = re.compile(r"(?:coalitions|conditions|indicators|coordination|dashboards)\.[a-z_]+:[a-z_]+")
CAN = re.compile(r"""\|\s*can\s*:\s*(\S+?)\s*(?:%\}|\}\}|\s)""")


def test_a_view_declaring_an_unknown_permission_fails_when_its_module_is_imported(tmp_path, monkeypatch):
    (tmp_path / "typo_views.py").write_text(
        "from coalitions.permissions import requires\n\n\n"
        "@requires('conditions.agenda:edti')\n"
        "def page(request):\n"
        "    return None\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(LookupError, match="conditions.agenda:edti"):
        importlib.import_module("typo_views")
    sys.modules.pop("typo_views", None)


def test_a_view_declaring_a_known_permission_carries_it_for_the_middleware():
    @requires(permissions.AUDIT_VIEW)
    def page(request):
        return None

    assert page.coalition_permission == "coalitions.audit:view"


def test_asking_for_an_unknown_permission_raises_even_without_a_membership():
    with pytest.raises(LookupError):
        has_permission(None, "conditions.agenda:edti")
    assert has_permission(None, "conditions.agenda:edit") is False


def test_the_can_filter_refuses_an_unknown_name_loudly():
    template = Template('{% load coalition_tags %}{% if m|can:"conditions.agenda:edti" %}yes{% endif %}')
    with pytest.raises(LookupError, match="conditions.agenda:edti"):
        template.render(Context({"m": None}))


def test_the_can_filter_answers_for_a_known_name():
    template = Template('{% load coalition_tags %}{% if m|can:"conditions.agenda:edit" %}yes{% else %}no{% endif %}')
    assert template.render(Context({"m": None})) == "no"


def _template_files() -> list[Path]:
    dirs = [Path(d) for engine in engines.all() for d in engine.dirs]
    dirs += [Path(d) for d in get_app_template_dirs("templates")]
    base = Path(settings.BASE_DIR)
    return [p for d in dirs if d.is_relative_to(base) for p in d.rglob("*") if p.suffix in (".html", ".txt")]


def test_every_permission_a_template_asks_for_is_registered_and_written_out():
    """``{% if m and m|can:"typo" %}`` would read as false at render time (Django's ``and``
    swallows errors), so the names are checked here, in every template of the project."""
    files = _template_files()
    asked = {(str(path), arg) for path in files for arg in CAN.findall(path.read_text(encoding="utf-8"))}
    assert len(asked) > 20, "too few |can: checks found to mean anything"
    not_literal = sorted((path, arg) for path, arg in asked if not re.fullmatch(r"""(["'])[^"']+\1""", arg))
    assert not not_literal, f"|can: takes the permission name as a literal string: {not_literal}"
    unknown = sorted((path, arg) for path, arg in asked if arg.strip("\"'") not in REGISTRY)
    assert not unknown, f"Templates ask for permissions nobody declared: {unknown}"


def _permission_modules():
    return [importlib.import_module("coalitions.permissions")] + [
        importlib.import_module(f"{config.name}.permissions")
        for config in apps.get_app_configs() if is_tenant_app(config)
    ]


def test_each_app_declares_every_permission_once_as_a_constant():
    for module in _permission_modules():
        declared = module.REGISTRY if module is permissions else module.PERMISSIONS
        own = {value for key, value in vars(module).items()
               if key.isupper() and isinstance(value, str) and NAME.fullmatch(value)
               and value.split(".")[0] == module.__name__.split(".")[0]}
        assert own == {name for name in declared if name.split(".")[0] == module.__name__.split(".")[0]}, module
        assert set(declared) <= set(REGISTRY)


def _string_literals(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and NAME.fullmatch(node.value):
            yield node.lineno, node.value


def test_every_permission_named_in_the_code_is_registered():
    """Services still name permissions as strings in places: each must be one the registry holds."""
    base = Path(settings.BASE_DIR)
    unknown = [
        f"{path.relative_to(base)}:{line} {name}"
        for app in ("coalitions", "conditions", "indicators", "coordination", "dashboards", "config")
        for path in (base / app).rglob("*.py") if "migrations" not in path.parts
        for line, name in _string_literals(path) if name not in REGISTRY
    ]
    assert not unknown, f"Unknown permission names: {unknown}"


# object_for ------------------------------------------------------------------------------


def _request(world, actor):
    with scopes_disabled():
        membership = Membership.objects.get(coalition=world.coalition, user=world.user(actor))
    request = RequestFactory().get("/")
    request.user, request.coalition, request.membership = world.user(actor), world.coalition, membership
    return request


def test_object_for_answers_404_for_an_object_the_person_may_not_see(world):
    request = _request(world, "partner")
    with scope(coalition=world.coalition):
        assert object_for(request, Organization, pk=world.organization.pk) == world.organization
        with pytest.raises(Http404):
            object_for(request, Organization, pk=world.organization.pk, sees=lambda m, o: False)
        with pytest.raises(Http404):  # hidden first: refusing the change would tell that it exists
            object_for(request, Organization, pk=world.organization.pk, sees=lambda m, o: False,
                       may=lambda m, o: False)
        with pytest.raises(Http404):
            object_for(request, Organization, pk=world.organization.pk + 1000)


def test_object_for_answers_404_for_an_object_of_another_coalition(world):
    with scopes_disabled():
        elsewhere = OrganizationFactory(coalition=world.other_coalition, name="Ailleurs")
    with scope(coalition=world.coalition), pytest.raises(Http404):
        object_for(_request(world, "coordinator"), Organization, pk=elsewhere.pk)


def test_object_for_answers_403_for_an_object_seen_but_not_to_be_changed(world):
    request = _request(world, "partner")
    asked = []
    with scope(coalition=world.coalition), pytest.raises(PermissionDenied):
        object_for(request, Organization, pk=world.organization.pk,
                   may=lambda membership, obj: asked.append((membership, obj)) or False)
    assert asked == [(request.membership, world.organization)]
