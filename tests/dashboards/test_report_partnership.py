"""The year report includes the partnership (issue 16): harmonised practices, the web of
partners and the self-assessment, each as it stood at the end of the year, the consultation
on the agenda version in force, and the small-numbers threshold where people are counted."""

from datetime import date, datetime, timedelta
from io import BytesIO
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from conditions.models import Consultation, Practice
from coordination.models.backbone import AssessmentRound

from ..conditions.factories import (
    ActionFactory,
    AgendaVersionFactory,
    ConsultationFactory,
    ConsultationResponseFactory,
    PracticeAdoptionFactory,
    PracticeFactory,
)
from ..coordination.factories import AssessmentAnswerFactory, AssessmentQuestionFactory, AssessmentRoundFactory
from ..factories import OrganizationFactory
from ..helpers import url

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year
LAST = YEAR - 1


def at(year, month, day=1):
    return datetime(year, month, day, 12, tzinfo=ZoneInfo("America/Toronto"))


def _round(world, title, opened, scores, *, submitted=None, late=()):
    """A round on condition 2 that ``len(scores)`` people answered (at ``submitted``), and
    ``late`` scores given only now."""
    round_ = AssessmentRoundFactory(coalition=world.coalition, title=title, opened_at=opened)
    question = AssessmentQuestionFactory(round=round_, condition=2)
    for score in scores:
        AssessmentAnswerFactory(question=question, score=score,
                                response__submitted_at=submitted or timezone.now())
    for score in late:
        AssessmentAnswerFactory(question=question, score=score)
    return round_


@pytest.fixture
def partnership(world):
    coalition = world.coalition
    home = world.organization
    with scopes_disabled():
        library = OrganizationFactory(coalition=coalition, name="Bibliothèque du quartier")
        OrganizationFactory(coalition=coalition, name="Popote roulante")  # at the edge: no link
        # The agenda in force since last year, consulted on before its publication.
        version = AgendaVersionFactory(coalition=coalition, number=1, published_at=at(LAST, 4))
        consultation = ConsultationFactory(version=version, summary="Deux réserves sur le territoire, levées.",
                                           closed_at=at(LAST, 3, 20))
        Consultation.objects.filter(pk=consultation.pk).update(opened_at=at(LAST, 3))
        ConsultationResponseFactory(consultation=consultation, organization=home, position="reservation",
                                    reason="Territoire trop large")
        ConsultationResponseFactory(consultation=consultation, organization=library)
        # A practice shared since last year: the family house planned it then, has it in place now.
        welcome = PracticeFactory(coalition=coalition, kind="welcoming", title="Accueil commun des familles")
        PracticeFactory(coalition=coalition, kind="message", title="Message commun")  # new this year
        Practice.objects.filter(pk=welcome.pk).update(created_at=at(LAST, 2))
        adoption = PracticeAdoptionFactory(practice=welcome, organization=home, status="planned",
                                           since=date(LAST, 3, 1))
        adoption.status, adoption.since = "in_place", timezone.localdate()
        adoption.save()
        PracticeAdoptionFactory(practice=welcome, organization=library, status="adapted", since=date(LAST, 6, 1))
        # This year's actions: the family house leads four, the library contributes to one.
        for k in range(4):
            ActionFactory(plan__coalition=coalition, lead_organization=home, review_status="accepted",
                          contributors=[library] if k == 0 else [])
        # Self-assessment: last year's round (a late answer is not in last year's report), and
        # two this year, one that too few people answered.
        _round(world, "Tour de l'an dernier", at(LAST, 5), [4] * 5, submitted=at(LAST, 5, 2), late=[1])
        _round(world, "Printemps", timezone.now() - timedelta(minutes=5), [3, 3, 4, 4, 4])
        _round(world, "Automne", timezone.now(), [2, 2, 2])
        from conditions.selectors import endorsing_organizations

        return {"organizations": endorsing_organizations(coalition).count()}  # the partners, not the funders


def _report(client, world, year):
    client.force_login(world.funder)
    response = client.get(url(world, "dashboards:report", year))
    assert response.status_code == 200
    return response.context["report"], response.content.decode()


def test_the_year_report_shows_practices_network_self_assessment_and_the_consultation_in_force(
        client, world, partnership):
    report, html = _report(client, world, YEAR)
    n = partnership["organizations"]
    # Practices: per practice, organisations in place / adapted / planned / not started.
    assert report["practices"]["rows"] == [["Message commun", "message", 0, 0, 0, n],  # by kind, as the board
                                           ["Accueil commun des familles", "welcoming", 1, 1, 0, n - 2]]
    assert "Pratiques harmonisées" in html and "Accueil commun des familles" in html and "Accueil" in html
    # The network: one link (the shared action), the family house overloaded, the rest isolated.
    network = report["network"]
    assert network["links"] == 1
    assert network["overloaded"] == ["Maison de la famille"]
    assert "Popote roulante" in network["isolated"] and "Bibliothèque du quartier" not in network["isolated"]
    assert "La toile des partenaires" in html and "Popote roulante" in html
    # The self-assessment: this year's rounds; three answers are fewer than five.
    rounds = report["assessment"]["rounds"]
    assert [r["title"] for r in rounds] == ["Printemps", "Automne"]
    assert rounds[0]["respondents"] == 5 and rounds[0]["means"] == [None, 3.6, None, None, None]
    assert rounds[1]["respondents"] == "<5" and rounds[1]["means"] == [None] * 5
    assert "Autoévaluation du partenariat" in html and "moins de 5 réponses" in html and "3,6 / 5" in html
    assert "2 / 5" not in html
    # The consultation on the version in force, though it ran last year, with its summary.
    consulted = [c for c in report["agenda"]["consultations"] if c["in_force"]]
    assert len(consulted) == 1 and consulted[0]["reservation"] == 1 and consulted[0]["agree"] == 1
    assert "Consultation sur la version en vigueur" in html and "Deux réserves sur le territoire" in html


def test_last_years_report_shows_the_partnership_as_it_stood_at_the_end_of_that_year(client, world, partnership):
    report, html = _report(client, world, LAST)
    n = partnership["organizations"]
    # Planned then (in place only since), adapted then; the new practice did not exist.
    assert report["practices"]["rows"] == [["Accueil commun des familles", "welcoming", 0, 1, 1, n - 2]]
    assert report["network"]["links"] == 0 and report["network"]["overloaded"] == []  # the actions are newer
    rounds = report["assessment"]["rounds"]
    assert [(r["title"], r["respondents"], r["means"][1]) for r in rounds] == [("Tour de l'an dernier", 5, 4.0)]
    assert "Message commun" not in html and "Printemps" not in html


def test_the_coalitions_small_numbers_threshold_decides_what_the_report_shows(client, world, partnership):
    from coalitions.privacy import privacy_settings_update

    with scope(coalition=world.coalition):
        privacy_settings_update(actor=world.coordinator, coalition=world.coalition, small_number_threshold=3)
    report, html = _report(client, world, YEAR)
    autumn = report["assessment"]["rounds"][1]
    assert autumn["respondents"] == 3 and autumn["means"][1] == 2.0  # at the threshold: shown
    assert "moins de 3 réponses" in html  # the conditions nobody was asked about
    with scope(coalition=world.coalition):
        privacy_settings_update(actor=world.coordinator, coalition=world.coalition, small_number_threshold=6)
    report, html = _report(client, world, YEAR)
    assert [r["respondents"] for r in report["assessment"]["rounds"]] == ["<6", "<6"]
    assert all(mean is None for r in report["assessment"]["rounds"] for mean in r["means"])
    assert "moins de 6 réponses" in html and "3,6" not in html


def test_the_xlsx_download_has_the_partnership_sheets(client, world, partnership):
    from openpyxl import load_workbook

    client.force_login(world.funder)
    download = client.get(url(world, "dashboards:report_download", YEAR))
    book = load_workbook(BytesIO(download.content))
    assert book.sheetnames == ["Résumé", "Indicateurs", "Activités", "Pratiques", "Réseau", "Autoévaluation"]
    practices = [[c.value for c in row] for row in book["Pratiques"].iter_rows()]
    assert practices[0][:3] == ["Pratique commune", "Type", "En place"]
    assert practices[2][:4] == ["Accueil commun des familles", "Accueil", 1, 1]
    network = {row[0].value: [c.value for c in row[1:]] for row in book["Réseau"].iter_rows()}
    assert network["Liens entre partenaires"][0] == 1
    assert network["Partenaires surchargés"][:2] == [1, "Maison de la famille"]
    assessment = [[c.value for c in row] for row in book["Autoévaluation"].iter_rows()]
    assert assessment[1][0] == "Printemps" and assessment[1][2] == 5 and assessment[1][4] == 3.6
    assert assessment[2][0] == "Automne" and assessment[2][2] == "moins de 5"
    assert assessment[2][4] == "moins de 5 réponses"
    summary = [[c.value for c in row] for row in book["Résumé"].iter_rows()]
    assert ["Partenaires isolés", len(_isolated(world))] in [row[:2] for row in summary]
    assert any(row[0] == "Consultation sur la version en vigueur" and "Deux réserves" in (row[4] or "")
               for row in summary)


def _isolated(world):
    from dashboards.network import partner_network

    with scope(coalition=world.coalition):
        return partner_network(world.coalition)["isolated_names"]


def test_a_snapshot_frozen_before_these_sections_still_opens(client, world):
    from .factories import ReportSnapshotFactory, report_data

    with scopes_disabled():
        snapshot = ReportSnapshotFactory(coalition=world.coalition, data=report_data())
        assert "practices" not in snapshot.data and AssessmentRound.objects.count() == 0
    client.force_login(world.coordinator)
    response = client.get(url(world, "dashboards:snapshot", snapshot.pk))
    assert response.status_code == 200
    assert "Pratiques harmonisées" not in response.content.decode()


def test_a_frozen_report_keeps_the_partnership_and_its_share_link_shows_it(client, world, partnership):
    from .test_reports import freeze, share

    snapshot = freeze(client, world, YEAR)
    assert snapshot.data["network"]["overloaded"] == ["Maison de la famille"]
    assert snapshot.data["assessment"]["rounds"][1]["respondents"] == "<5"
    path = share(client, world, snapshot)
    client.logout()
    html = client.get(path).content.decode()
    assert "Pratiques harmonisées" in html and "Accueil commun des familles" in html
    assert "moins de 5 réponses" in html and "Popote roulante" in html


def test_an_english_reader_reads_the_partnership_sections_in_english(client, world, partnership):
    with scopes_disabled():
        world.funder.language = "en"
        world.funder.save(update_fields=["language"])
    _report_data, html = _report(client, world, YEAR)
    assert "Harmonised practices" in html and "The web of partners" in html and "Partnership self-assessment" in html
    assert "fewer than 5 answers" in html and "Consultation on the version in force" in html
    assert "Welcoming" in html and "Pratiques harmonisées" not in html
