import re

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
        from coalitions.audit import events_page

        organizations = Organization.objects.filter(coalition=world.coalition).count()
        events = events_page(world.coalition, size=100).events
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


def _walk(coalition, size, **first):
    """Every page from ``first`` on, following the older links; and back with the newer ones."""
    from coalitions.audit import events_page

    pages = [events_page(coalition, size=size, **first)]
    while pages[-1].older:
        pages.append(events_page(coalition, before=pages[-1].older, size=size))
    back = [pages[-1]]
    while back[-1].newer:
        back.append(events_page(coalition, after=back[-1].newer, size=size))
    return pages, back


def test_its_pages_go_through_every_event_once_newest_first_and_back(world):
    """Events of one transaction share their time across tables: the keyset (time, table, id)
    still gives each event once, in order, forward with « older » and back with « more recent »."""
    from coalitions.audit import events_page

    with scope(coalition=world.coalition):
        for n in range(3):
            services.organization_create(actor=world.coordinator, coalition=world.coalition,
                                         name=f"Organisme {n}", sector="other", kind="other")
        Organization.objects.filter(coalition=world.coalition).update(website="https://exemple.org")
        everything = events_page(world.coalition, size=1000).events
        pages, back = _walk(world.coalition, 2)
    keys = [(e.pgh_created_at, e.rank, e.pgh_id) for e in everything]
    assert len(keys) > 8 and keys == sorted(keys, reverse=True) and len(set(keys)) == len(keys)
    assert len({e.pgh_model for e in everything}) > 1  # several event tables, interleaved
    assert [e.key for p in pages for e in p.events] == [e.key for e in everything]
    assert all(len(p.events) == 2 for p in pages[:-1]) and pages[0].newer is None
    assert [[e.key for e in p.events] for p in back] == [[e.key for e in p.events] for p in reversed(pages)]


def test_a_key_it_cannot_read_shows_the_newest_page(client, world):
    client.force_login(world.coordinator)
    address = reverse("coalitions:audit", args=[world.coalition.slug])
    def rows(response):
        return re.findall(r"<td>(?:Création|Modification|Suppression)\s+[^<]*#\d+</td>", response.content.decode())

    newest = rows(client.get(address))
    assert newest
    for query in ("?before=hier", "?after=2026-01-01~x~1", "?before=" + "9" * 400):
        response = client.get(address + query)
        assert response.status_code == 200 and rows(response) == newest, query
    for query in ("?before=2026-01-01~99999999999999999999~99999999999999999999", "?after=0001-01-01~-1~-5",
                  "?before=9999-12-31T23:59:59.999999-12:00~3~1&after=x", "?after=2026-01-01T10:00~0~0"):
        assert client.get(address + query).status_code == 200, query  # keys out of range: a page, maybe empty


def test_each_event_shows_its_changes_against_the_objects_previous_event(world):
    from coalitions.audit import events_page

    with scope(coalition=world.coalition):
        organization = services.organization_create(actor=world.coordinator, coalition=world.coalition,
                                                    name="Avant", sector="other", kind="other")
        Organization.objects.filter(pk=organization.pk).update(name="Après")
        events = [e for e in events_page(world.coalition, size=100).events
                  if e.pgh_model == "coalitions.OrganizationEvent" and e.pgh_obj_id == organization.pk]
    update, insert = events
    assert update.pgh_diff == {"name": ["Avant", "Après"]} and insert.pgh_diff is None
