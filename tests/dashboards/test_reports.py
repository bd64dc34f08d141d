"""Period reports, snapshots and share links."""

import hashlib
import re
from datetime import timedelta
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from dashboards import services
from dashboards.models import ReportSnapshot, ShareLink, ShareLinkOpening

from ..helpers import url
from .data import grow
from .factories import ReportSnapshotFactory, ShareLinkOpeningFactory, report_data, shared

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


def freeze(client, world, year=YEAR):
    client.force_login(world.coordinator)
    response = client.post(url(world, "dashboards:report_freeze", year))
    assert response.status_code == 302
    with scopes_disabled():
        return ReportSnapshot.objects.get(coalition=world.coalition)


def share(client, world, snapshot, days="7"):
    response = client.post(url(world, "dashboards:snapshot_share", snapshot.pk), {"days": days})
    assert response.status_code == 200
    return re.search(r'>https?://[^/<]+(/share/[^<\s]+)</textarea>', response.content.decode()).group(1)


def test_a_funder_opens_the_year_report_and_downloads_it_as_xlsx(client, world):
    from openpyxl import load_workbook

    grow(world, 2)
    client.force_login(world.funder)
    page = client.get(url(world, "dashboards:report", YEAR))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Rapport de période" in html
    assert "dashboards/print.css" in html and 'media="print"' in html
    assert "Figer" not in html  # freezing is the coordinator's
    download = client.get(url(world, "dashboards:report_download", YEAR))
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(BytesIO(download.content))
    assert book.sheetnames == ["Résumé", "Indicateurs", "Activités", "Pratiques", "Réseau", "Autoévaluation"]
    assert book["Indicateurs"].max_row == 1 + 4  # two indicators x two periods


def test_a_year_outside_the_range_is_not_found(client, world):
    client.force_login(world.coordinator)
    assert client.get(url(world, "dashboards:report", YEAR + 1)).status_code == 404
    assert client.get(url(world, "dashboards:report", 1999)).status_code == 404


def test_a_snapshot_does_not_change_when_the_data_changes(client, world):
    grow(world, 1)
    snapshot = freeze(client, world)
    before = snapshot.data
    assert before["activities"]["count"] == 2
    grow(world, 2)
    snapshot.refresh_from_db()
    assert snapshot.data == before
    response = client.get(url(world, "dashboards:snapshot", snapshot.pk))
    assert response.context["report"]["activities"]["count"] == 2
    live = client.get(url(world, "dashboards:report", YEAR))
    assert live.context["report"]["activities"]["count"] == 6


def test_the_share_link_shows_exactly_the_snapshot_and_nothing_else(client, world):
    grow(world, 1)
    snapshot = freeze(client, world)
    path = share(client, world, snapshot)
    client.logout()
    response = client.get(path, HTTP_USER_AGENT="Lecteur/1.0", REMOTE_ADDR="198.51.100.4")
    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["report"]["generated_at"] == snapshot.data["generated_at"]
    assert world.coalition.name in html
    assert "/c/" not in html  # no way into the coalition
    assert "<nav" not in html and "main-nav" not in html
    assert not re.search(r'<a\s', html)  # no link at all
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    with scopes_disabled():
        opening = ShareLinkOpening.objects.get()
    assert (opening.ip_address, opening.user_agent) == ("198.51.100.4", "Lecteur/1.0")
    client.get(path)
    with scopes_disabled():
        assert ShareLinkOpening.objects.count() == 2  # every opening is logged


def test_only_the_hash_of_the_token_is_stored(client, world):
    snapshot = freeze(client, world)
    path = share(client, world, snapshot)
    token = path.rstrip("/").split("/")[-1]
    assert len(token) >= 43  # secrets.token_urlsafe(32)
    with scopes_disabled():
        link = ShareLink.objects.get()
    assert link.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(ShareLink.objects.with_scopes_disabled().values().get())


def test_an_unknown_token_is_not_found(client, world):
    assert client.get(reverse("share_link", args=["x" * 43])).status_code == 404


def test_a_revoked_link_shows_a_clear_page_with_410(client, world):
    snapshot = freeze(client, world)
    path = share(client, world, snapshot)
    with scopes_disabled():
        link = ShareLink.objects.get()
    confirm = client.get(url(world, "dashboards:share_link_revoke", link.pk))
    assert confirm.status_code == 200
    assert client.post(url(world, "dashboards:share_link_revoke", link.pk)).status_code == 302
    client.logout()
    response = client.get(path)
    assert response.status_code == 410
    assert "Ce lien ne fonctionne plus" in response.content.decode()
    assert "révoqué" in response.content.decode()
    with scopes_disabled():
        assert not ShareLinkOpening.objects.exists()


def test_an_expired_link_shows_a_clear_page_with_410(client, world):
    link, token = shared(snapshot=ReportSnapshotFactory(coalition=world.coalition),
                         expires_at=timezone.now() - timedelta(minutes=1))
    response = client.get(reverse("share_link", args=[token]))
    assert response.status_code == 410
    assert "expiré" in response.content.decode()


def test_a_bad_duration_is_refused_on_the_field_and_nothing_is_saved(client, world):
    snapshot = freeze(client, world)
    response = client.post(url(world, "dashboards:snapshot_share", snapshot.pk), {"days": "9999"})
    assert response.status_code == 200
    assert response.context["form"].errors["days"]
    with scopes_disabled():
        assert not ShareLink.objects.exists()


def test_services_refuse_funders_and_partners(world):
    with scope(coalition=world.coalition):
        for actor in (world.funder, world.partner):
            with pytest.raises(PermissionDenied):
                services.snapshot_create(actor=actor, coalition=world.coalition, start=timezone.localdate(),
                                         end=timezone.localdate())
        with pytest.raises(ValidationError) as error:
            services.snapshot_create(actor=world.coordinator, coalition=world.coalition,
                                     start=timezone.localdate(), end=timezone.localdate() - timedelta(days=1))
        assert "end" in error.value.message_dict
        snapshot = ReportSnapshotFactory(coalition=world.coalition)
        with pytest.raises(PermissionDenied):
            services.share_link_create(actor=world.funder, snapshot=snapshot)
        link, _token = services.share_link_create(actor=world.coordinator, snapshot=snapshot, days=3)
        with pytest.raises(PermissionDenied):
            services.share_link_revoke(actor=world.partner, link=link)
        first = services.share_link_revoke(actor=world.coordinator, link=link).revoked_at
        assert services.share_link_revoke(actor=world.coordinator, link=link).revoked_at == first  # retry-safe


def test_a_coordinator_cannot_revoke_another_coalitions_link(client, world):
    link, _token = shared(snapshot=ReportSnapshotFactory(coalition=world.other_coalition))
    client.force_login(world.coordinator)
    assert client.post(url(world, "dashboards:share_link_revoke", link.pk)).status_code == 404
    with scopes_disabled():
        link.refresh_from_db()
    assert link.revoked_at is None


def test_a_funder_sees_snapshots_but_not_their_links(client, world):
    with scopes_disabled():
        snapshot = ReportSnapshotFactory(coalition=world.coalition, data=report_data())
    shared(snapshot=snapshot)
    ShareLinkOpeningFactory(link__snapshot=snapshot)
    client.force_login(world.funder)
    response = client.get(url(world, "dashboards:snapshot", snapshot.pk))
    assert response.status_code == 200
    assert "Liens de partage" not in response.content.decode()


def _practices(world, n: int) -> None:
    """``n`` shared practices, each adopted by every organisation (for the report's practices section)."""
    from ..conditions.factories import PracticeAdoptionFactory, PracticeFactory

    with scopes_disabled():
        from coalitions.models import Organization

        organizations = list(Organization.objects.filter(coalition=world.coalition))
        for _k in range(n):
            practice = PracticeFactory(coalition=world.coalition)
            for organization in organizations:
                PracticeAdoptionFactory(practice=practice, organization=organization, since=timezone.localdate())


# The report: 16 queries (the hidden small counts read even when no indicator counts people, so
# that the count does not follow the data), and 9 for the partnership (issue 16): 3 for the
# practices, 4 for the network, 2 for the self-assessment rounds of the year.
# share: the frozen report plus the coalition's threshold, applied when it is shown (dashboards.snapshots)
@pytest.mark.parametrize("name,queries", [("report", 25), ("fiscal_report", 25), ("share", 8)])
def test_report_pages_run_a_fixed_number_of_queries(client, world, name, queries, django_assert_num_queries):
    if name == "fiscal_report":  # April to March: grow()'s first period straddles the fiscal year
        world.coalition.fiscal_year_start_month = 4
        world.coalition.save()
    year = YEAR if timezone.localdate().month >= world.coalition.fiscal_year_start_month else YEAR - 1
    grow(world, 2)
    _practices(world, 1)
    snapshot = freeze(client, world, year)
    path = share(client, world, snapshot) if name == "share" else url(world, "dashboards:report", year)
    client.get(path)
    with django_assert_num_queries(queries):
        assert client.get(path).status_code == 200
    grow(world, 6)
    _practices(world, 3)
    with django_assert_num_queries(queries):
        assert client.get(path).status_code == 200


def _private(response):
    return response["X-Robots-Tag"] == "noindex, nofollow" and response["Referrer-Policy"] == "no-referrer"


def test_every_answer_of_a_share_link_keeps_it_private_gone_and_unknown_alike(client, world):
    snapshot = ReportSnapshotFactory(coalition=world.coalition)
    _link, live = shared(snapshot=snapshot)
    _link, expired = shared(snapshot=snapshot, expires_at=timezone.now() - timedelta(minutes=1))
    _link, revoked = shared(snapshot=snapshot, revoked_at=timezone.now())
    answers = {token: client.get(reverse("share_link", args=[token])) for token in (live, expired, revoked, "x" * 43)}
    assert [r.status_code for r in answers.values()] == [200, 410, 410, 404]
    assert all(_private(r) for r in answers.values())


def test_openings_are_logged_once_per_address_per_quarter_hour_and_capped_per_day(client, world, monkeypatch):
    link, token = shared(snapshot=ReportSnapshotFactory(coalition=world.coalition))
    path = reverse("share_link", args=[token])
    for _ in range(5):  # reloads from one address
        assert client.get(path, REMOTE_ADDR="198.51.100.4").status_code == 200
    with scopes_disabled():
        assert ShareLinkOpening.objects.count() == 1
        ShareLinkOpening.objects.update(opened_at=timezone.now() - timedelta(minutes=16))
    client.get(path, REMOTE_ADDR="198.51.100.4")
    client.get(path, REMOTE_ADDR="198.51.100.5")
    with scopes_disabled():
        assert ShareLinkOpening.objects.count() == 3
    monkeypatch.setattr(services, "OPENINGS_PER_DAY", 4)
    for last in range(10, 20):  # many addresses: the day's cap holds
        assert client.get(path, REMOTE_ADDR=f"203.0.113.{last}").status_code == 200
    with scopes_disabled():
        assert ShareLinkOpening.objects.count() == 4


def test_a_snapshot_frozen_in_french_reads_in_english_for_an_english_reader(client, world):
    """Issue 13, point 15: a snapshot stores data, not words; its labels follow the reader."""
    grow(world, 1)
    with scopes_disabled():
        from indicators.models import Indicator

        Indicator.objects.filter(coalition=world.coalition).update(
            name_fr="Familles rejointes", name_en="Families reached", frequency="quarterly")
    snapshot = freeze(client, world)  # by a French coordinator
    assert snapshot.data["indicators"][0]["name"] == "Familles rejointes"
    french = client.get(url(world, "dashboards:snapshot", snapshot.pk)).context["report"]
    assert french["indicators"][0]["name"] == "Familles rejointes"
    assert all(re.fullmatch(r"T[1-4] \d{4}", label) for label, _value in french["indicators"][0]["points"])
    french_statuses = [label for label, _n in french["plan"]["by_status"]]
    with scopes_disabled():
        world.coordinator.language = "en"
        world.coordinator.save()
    english = client.get(url(world, "dashboards:snapshot", snapshot.pk))
    html = english.content.decode()
    report = english.context["report"]
    assert report["indicators"][0]["name"] == "Families reached"
    assert "Familles rejointes" not in html and "Families reached" in html
    assert all(re.fullmatch(r"Q[1-4] \d{4}", label) for label, _value in report["indicators"][0]["points"])
    assert [label for label, _n in report["plan"]["by_status"]][:2] == ["Planned", "In progress"]
    assert french_statuses[0] != "Planned"
