"""A past year's report is historical (issue 13, point 4): the 2025 report showed the vision
published in 2026 and counted an action created today. It now shows the agenda version in force
at the end of the year and the actions that existed then, with their status then (from their
audit history, or said to be today's when there is none)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps
from django.utils import timezone
from django_scopes import scopes_disabled

from conditions.models import Action

from ..conditions.factories import ActionFactory, ActivityFactory, AgendaVersionFactory
from ..helpers import url

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year - 1


def moment(month, day=1, year=YEAR):
    return datetime(year, month, day, 12, tzinfo=ZoneInfo("America/Toronto"))


def backdate(action, when):
    """As if ``action`` was created at ``when`` (its row and its insert event)."""
    with scopes_disabled():
        Action.objects.filter(pk=action.pk).update(created_at=when)
        apps.get_model("conditions", "ActionEvent").objects.filter(pgh_obj_id=action.pk).update(pgh_created_at=when)


@pytest.fixture
def history(world):
    AgendaVersionFactory(coalition=world.coalition, number=1, vision="Vision de 2025",
                         published_at=moment(3))
    AgendaVersionFactory(coalition=world.coalition, number=2, vision="Vision publiée cette année",
                         published_at=timezone.now())
    old = ActionFactory(plan__coalition=world.coalition, title="Haltes-garderies", status="planned",
                        review_status="accepted", progress=10)
    backdate(old, moment(6))
    with scopes_disabled():  # finished this year, after the last year's report's end (an update event now)
        Action.objects.filter(pk=old.pk).update(status="done", progress=100)
    ActionFactory(plan=old.plan, title="Action créée aujourd'hui", review_status="accepted")
    return old


def test_a_past_years_report_shows_the_agenda_and_the_actions_as_they_were(client, world, history):
    client.force_login(world.funder)
    response = client.get(url(world, "dashboards:report", YEAR))
    report = response.context["report"]
    html = response.content.decode()
    assert "Version 1 de la vision commune." in html and "Vision de 2025" in html
    assert "Vision publiée cette année" not in html
    assert report["plan"]["total"] == 1  # the action created today did not exist yet
    assert dict(report["plan"]["by_status"])["Prévue"] == 1  # planned then, done only since
    assert report["plan"]["average_progress"] == 10
    assert f"telles qu’elles étaient le 31 décembre {YEAR}" in html


def test_the_year_under_way_shows_the_current_state(client, world, history):
    client.force_login(world.funder)
    report = client.get(url(world, "dashboards:report", YEAR + 1)).context["report"]
    assert report["agenda"]["number"] == 2
    assert report["plan"]["total"] == 2 and dict(report["plan"]["by_status"])["Réalisée"] == 1


def test_an_action_without_history_from_then_is_said_to_show_its_current_status(client, world, history):
    with scopes_disabled():
        apps.get_model("conditions", "ActionEvent").objects.filter(pgh_obj_id=history.pk).delete()
    client.force_login(world.funder)
    response = client.get(url(world, "dashboards:report", YEAR))
    assert response.context["report"]["plan"]["without_history"] == 1
    assert "1 action n’a pas d’historique de cette date" in response.content.decode()


# Fiscal years beside calendar years ----------------------------------------------------------


@pytest.fixture
def fiscal(world):
    with scopes_disabled():
        world.coalition.fiscal_year_start_month = 4
        world.coalition.save()
    return world


def test_a_fiscal_coalition_is_offered_calendar_years_too(client, fiscal):
    client.force_login(fiscal.funder)
    html = client.get(url(fiscal, "dashboards:reports")).content.decode()
    assert f"Exercice {YEAR}-{YEAR + 1}" in html
    assert "Années civiles" in html and f'{url(fiscal, "dashboards:report", YEAR)}?calendar=1' in html
    report = client.get(url(fiscal, "dashboards:report", YEAR), {"calendar": "1"}).context["report"]
    assert (report["start"], report["end"]) == (f"{YEAR}-01-01", f"{YEAR}-12-31")
    fiscal_report = client.get(url(fiscal, "dashboards:report", YEAR), {"calendar": "oui"}).context["report"]
    assert (fiscal_report["start"], fiscal_report["end"]) == (f"{YEAR}-04-01", f"{YEAR + 1}-03-31")
    download = client.get(url(fiscal, "dashboards:report_download", YEAR) + "?calendar=1")
    assert f"{fiscal.coalition.slug}-{YEAR}.xlsx" in download["Content-Disposition"]
    assert client.get(url(fiscal, "dashboards:report", YEAR + 2), {"calendar": "1"}).status_code == 404


def test_a_calendar_year_is_frozen_as_such(client, fiscal):
    from dashboards.models import ReportSnapshot

    client.force_login(fiscal.coordinator)
    assert client.post(url(fiscal, "dashboards:report_freeze", YEAR) + "?calendar=1").status_code == 302
    with scopes_disabled():
        snapshot = ReportSnapshot.objects.get(coalition=fiscal.coalition)
    assert (snapshot.period_start.isoformat(), snapshot.period_end.isoformat()) == (f"{YEAR}-01-01", f"{YEAR}-12-31")


def test_a_calendar_year_gives_no_count_of_people_that_its_fiscal_years_would_reveal(client, fiscal):
    """Issue 15: calendar 2026 minus fiscal 2026-2027 is January-March 2026 minus January-March
    2027; with activities from April only, the difference is a count the reports hide. So a
    calendar-year report (and its snapshot, and its share link) shows activities and hours,
    never people or families."""
    from dashboards.models import ReportSnapshot

    action = ActionFactory(plan__coalition=fiscal.coalition, lead_organization=fiscal.organization)
    for day, people in ((date(YEAR, 5, 1), 40), (date(YEAR, 6, 1), 30), (date(YEAR + 1, 2, 1), 3)):
        ActivityFactory(action=action, organization=fiscal.organization, date=day, people_reached=people, hours=1)
    client.force_login(fiscal.coordinator)
    fiscal_report = client.get(url(fiscal, "dashboards:report", YEAR)).context["report"]["activities"]
    assert (fiscal_report["count"], fiscal_report["people"]) == (3, 73)
    page = client.get(url(fiscal, "dashboards:report", YEAR), {"calendar": "1"})
    calendar = page.context["report"]["activities"]
    assert (calendar["count"], calendar["hours"]) == (2, 2)  # 73 - 70 would give away February's 3
    assert calendar["people"] == calendar["families"] == "*"
    assert all(row[2] == row[3] == "*" for row in calendar["by_organization"])
    assert "années financières du regroupement" in page.content.decode()
    # A calendar year frozen before this rule (its exact counts stored) is shown the same way.
    client.post(url(fiscal, "dashboards:report_freeze", YEAR) + "?calendar=1")
    with scopes_disabled():
        snapshot = ReportSnapshot.objects.get(coalition=fiscal.coalition)
        snapshot.data["activities"].update(people=70, withheld=False)
        snapshot.data["activities"]["by_organization"][0][2] = 70
        snapshot.save()
    client.force_login(fiscal.funder)
    shown = client.get(url(fiscal, "dashboards:snapshot", snapshot.pk)).content.decode()
    assert ">70<" not in shown and "masqué" in shown
