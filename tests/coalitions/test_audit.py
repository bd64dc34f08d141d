from django.urls import reverse
from django_scopes import scope, scopes_disabled

from coalitions import services
from coalitions.models import Organization


def test_the_audit_trail_shows_who_changed_what_with_old_and_new_values(client, world):
    client.force_login(world.coordinator)
    url = reverse("coalitions:organization_edit", args=[world.coalition.slug, world.organization.pk])
    client.post(url, {"name": "Maison des familles", "sector": "family", "kind": "community"})
    page = client.get(reverse("coalitions:audit", args=[world.coalition.slug])).content.decode()
    assert "Maison de la famille" in page and "Maison des familles" in page
    assert str(world.coordinator) in page


def test_it_captures_bulk_updates_and_deletes(world):
    with scope(coalition=world.coalition):
        Organization.objects.filter(coalition=world.coalition).update(website="https://bulk.exemple.org")
        from coalitions.audit import coalition_events

        organizations = Organization.objects.filter(coalition=world.coalition).count()
        events = list(coalition_events(world.coalition))
    bulk = [e for e in events if e.pgh_label == "update" and e.pgh_diff and "website" in e.pgh_diff]
    assert len(bulk) == organizations == 2
    assert bulk[0].pgh_diff["website"] == ["", "https://bulk.exemple.org"]


def test_it_shows_nothing_of_another_coalition(client, world):
    with scope(coalition=world.other_coalition):
        services.organization_create(actor=world.other_member, coalition=world.other_coalition,
                                     name="Secret de l'autre table", sector="other", kind="other")
    client.force_login(world.coordinator)
    page = client.get(reverse("coalitions:audit", args=[world.coalition.slug])).content.decode()
    assert "Secret de l'autre table" not in page
    with scopes_disabled():
        assert Organization.objects.filter(name="Secret de l'autre table").exists()
