"""The shared test scaffolding does what the suite relies on."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django_scopes import scope

from conditions.models import Action

from .conditions.factories import ActionFactory, PriorityFactory
from .helpers import url
from .indicators.factories import IndicatorFactory, assign


def test_uploads_go_to_the_tests_own_directory_not_the_projects_media(tmp_path):
    name = default_storage.save("scaffolding/preuve.txt", ContentFile(b"x"))
    assert Path(settings.MEDIA_ROOT).is_relative_to(tmp_path)
    assert (Path(settings.MEDIA_ROOT) / name).read_bytes() == b"x"


@pytest.mark.django_db
def test_a_factory_builds_tenant_rows_without_a_scopes_disabled_block(world):
    """Sub-factories and post-generation hooks query scoped tables (the plan, the priorities)."""
    priority = PriorityFactory(coalition=world.coalition)
    action = ActionFactory(plan__coalition=world.coalition, priorities=[priority])
    assign(IndicatorFactory(coalition=world.coalition), world.organization)
    with scope(coalition=world.coalition):
        assert list(Action.objects.get(pk=action.pk).priorities.all()) == [priority]


@pytest.mark.django_db
def test_url_reverses_a_page_of_worlds_first_coalition(world):
    assert url(world, "coalitions:organization_edit", 7) == "/c/petite-enfance/settings/organizations/7/edit/"
