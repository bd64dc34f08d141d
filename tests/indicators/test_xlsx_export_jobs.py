"""Large XLSX exports are built by a background job and offered as a download when ready
(issue 12 point 6, coalitions.export_jobs): the values export above XLSX_INLINE_ROWS rows, the
rollups, the activities; the small ones are still written within the request."""

import io
from datetime import timedelta

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django_scopes import scope, scopes_disabled
from openpyxl import load_workbook

from coalitions import export_jobs, retention, spreadsheets
from coalitions.models import ExportJob, ExportStatus, Membership, PersonalDataDownload
from coalitions.spreadsheets import Sheet, xlsx_write
from indicators.transfer import VALUE_COLUMNS
from tests.conditions.factories import ActivityFactory

from .factories import IndicatorValueFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_limit(monkeypatch):
    """Three rows make a large export (the real threshold is 5,000)."""
    monkeypatch.setattr(export_jobs, "XLSX_INLINE_ROWS", 2)


def values(measure, count, **fields):
    return IndicatorValueFactory.create_batch(count, period=measure.period, status="approved", **fields)


def export_url(world, name="indicators:export_values"):
    return reverse(name, args=[world.coalition.slug])


def prepare(client, world, django_capture_on_commit_callbacks, data=None, name="indicators:export_values"):
    """POST the offer's form: the job is queued when the request commits (Celery runs eagerly)."""
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(export_url(world, name), data or {})
    assert response.status_code == 302
    with scopes_disabled():
        return ExportJob.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))


def workbook(response):
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def test_it_offers_to_prepare_a_large_excel_file_then_gives_a_readable_one(
        client, world, measure, small_limit, django_capture_on_commit_callbacks):
    values(measure, 3, value=12)
    values(measure, 1, value=-5, comment='=HYPERLINK("http://x")')
    client.force_login(world.coordinator)
    offer = client.get(export_url(world) + "?format=xlsx")
    assert offer.status_code == 200 and "Préparer le fichier Excel" in offer.content.decode()
    with scopes_disabled():
        assert not ExportJob.objects.exists()  # a GET writes nothing

    job = prepare(client, world, django_capture_on_commit_callbacks)
    assert job.status == ExportStatus.READY and job.row_count == 4 and job.requested_by == world.coordinator
    with scopes_disabled():  # audited: the request and each change of status, not the progress
        events = apps.get_model("coalitions", "ExportJobEvent").objects.filter(pgh_obj_id=job.pk).order_by("pgh_id")
        assert [(e.pgh_label, e.status) for e in events] == [
            ("insert", "pending"), ("update", "running"), ("update", "ready")]
        assert events[0].pgh_context.metadata["user"] == world.coordinator.pk
    page = client.get(reverse("coalitions:export_status", args=[world.coalition.slug, job.pk]))
    download = reverse("coalitions:export_download", args=[world.coalition.slug, job.pk])
    assert "Votre fichier Excel est prêt" in page.content.decode() and download in page.content.decode()

    response = client.get(download)
    assert response.status_code == 200 and response["Content-Type"] == spreadsheets.XLSX_CONTENT_TYPE
    book = workbook(response)
    assert book.sheetnames == ["Valeurs"]
    rows = list(book.active.iter_rows(values_only=True))
    assert list(rows[0]) == VALUE_COLUMNS and len(rows) == 5
    column = {name: i for i, name in enumerate(VALUE_COLUMNS)}
    assert sorted(row[column["value"]] for row in rows[1:]) == [-5, 12, 12, 12]  # numbers, not text
    assert all(isinstance(row[column["value"]], int | float) for row in rows[1:])
    comments = [row[column["comment"]] for row in rows[1:] if row[column["comment"]]]
    assert comments == ["'=HYPERLINK(\"http://x\")"]  # neutralised as the CSV is: never a formula


def test_a_small_excel_export_is_still_written_within_the_request(client, world, measure):
    values(measure, 2, value=7)
    client.force_login(world.partner)
    response = client.get(export_url(world) + "?format=xlsx")
    assert response.status_code == 200 and response["Content-Type"] == spreadsheets.XLSX_CONTENT_TYPE
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert len(rows) == 3 and rows[1][5] == 7
    with scopes_disabled():
        assert not ExportJob.objects.exists()


def test_a_second_click_gives_back_the_job_already_waiting(world, measure):
    with scope(coalition=world.coalition):
        first = export_jobs.export_request(actor=world.partner, coalition=world.coalition, kind="indicators.values",
                                           parameters={"status": "approved", "page": "3"})
        again = export_jobs.export_request(actor=world.partner, coalition=world.coalition, kind="indicators.values",
                                           parameters={"status": "approved"})
        other_filter = export_jobs.export_request(actor=world.partner, coalition=world.coalition,
                                                  kind="indicators.values", parameters={})
        someone_else = export_jobs.export_request(actor=world.coordinator, coalition=world.coalition,
                                                  kind="indicators.values", parameters={"status": "approved"})
        assert again.pk == first.pk and first.parameters == {"status": "approved"}  # unknown filters dropped
        assert len({first.pk, other_filter.pk, someone_else.pk}) == 3
        export_jobs.export_build(job_id=first.pk)
        export_jobs.export_build(job_id=first.pk)  # a task delivered twice writes once
        assert ExportJob.objects.get(pk=first.pk).status == ExportStatus.READY
        after_ready = export_jobs.export_request(actor=world.partner, coalition=world.coalition,
                                                 kind="indicators.values", parameters={"status": "approved"})
        assert after_ready.pk != first.pk  # a new file, with the changes since
        ExportJob.objects.filter(pk=after_ready.pk).update(created_at=timezone.now() - timedelta(hours=3))
        fresh = export_jobs.export_request(actor=world.partner, coalition=world.coalition,
                                           kind="indicators.values", parameters={"status": "approved"})
        assert fresh.pk != after_ready.pk  # a job its worker lost does not block a new one
        assert ExportJob.objects.get(pk=after_ready.pk).status == ExportStatus.FAILED
        assert len(ExportJob.objects.filter(requested_by=world.partner)) == 4


def test_a_double_post_starts_one_job(client, world, measure, small_limit):
    values(measure, 3)
    client.force_login(world.partner)
    first = client.post(export_url(world), {"status": "approved"})  # not committed: the job waits
    second = client.post(export_url(world), {"status": "approved"})
    assert first["Location"] == second["Location"]
    with scopes_disabled():
        assert ExportJob.objects.count() == 1


def test_a_sheet_past_the_row_limit_goes_on_in_a_new_sheet(monkeypatch):
    monkeypatch.setattr(spreadsheets, "XLSX_MAX_ROWS", 5)
    rows = [["n", "label"], *([n, f"=ligne {n}"] for n in range(11))]
    target = io.BytesIO()
    assert xlsx_write([Sheet("Valeurs", iter(rows))], target) == 11
    book = load_workbook(io.BytesIO(target.getvalue()))
    assert book.sheetnames == ["Valeurs", "Valeurs (2)", "Valeurs (3)"]
    sheets = [list(book[name].iter_rows(values_only=True)) for name in book.sheetnames]
    assert all(sheet[0] == ("n", "label") for sheet in sheets)  # each goes on under the header
    assert [len(sheet) for sheet in sheets] == [5, 5, 4]  # 4 + 4 + 3 rows under their header
    assert [row[0] for sheet in sheets for row in sheet[1:]] == list(range(11))  # nothing lost, in order
    assert sheets[2][-1][1] == "'=ligne 10"


def test_the_job_splits_a_long_values_export_across_sheets(
        client, world, measure, small_limit, monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr(spreadsheets, "XLSX_MAX_ROWS", 3)
    values(measure, 5)
    client.force_login(world.coordinator)
    job = prepare(client, world, django_capture_on_commit_callbacks)
    book = workbook(client.get(reverse("coalitions:export_download", args=[world.coalition.slug, job.pk])))
    assert book.sheetnames == ["Valeurs", "Valeurs (2)", "Valeurs (3)"] and job.row_count == 5
    assert sum(book[name].max_row - 1 for name in book.sheetnames) == 5


def test_only_its_requester_may_open_a_job_and_only_while_they_may_export(
        client, world, measure, small_limit, django_capture_on_commit_callbacks):
    values(measure, 3)
    client.force_login(world.partner)
    job = prepare(client, world, django_capture_on_commit_callbacks)
    status = reverse("coalitions:export_status", args=[world.coalition.slug, job.pk])
    download = reverse("coalitions:export_download", args=[world.coalition.slug, job.pk])
    assert client.get(download).status_code == 200
    for other in (world.coordinator, world.funder, world.other_member):
        client.force_login(other)
        assert client.get(status).status_code == 404 and client.get(download).status_code == 404
    client.force_login(world.funder)  # a funder may not export values, in the background either
    assert client.get(export_url(world) + "?format=xlsx").status_code == 403
    assert client.post(export_url(world)).status_code == 403
    with scopes_disabled():
        Membership.objects.filter(user=world.partner, coalition=world.coalition).update(role="funder")
    client.force_login(world.partner)
    assert client.get(download).status_code == 403  # the export's permission, checked again


def test_the_offer_and_the_job_page_do_not_grow_with_the_rows(
        client, world, measure, small_limit, django_capture_on_commit_callbacks):
    client.force_login(world.coordinator)

    def queries() -> list[int]:
        job = prepare(client, world, django_capture_on_commit_callbacks)
        counts = []
        for url in (export_url(world) + "?format=xlsx",
                    reverse("coalitions:export_status", args=[world.coalition.slug, job.pk])):
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200
            counts.append(len(captured))
        return counts

    values(measure, 3)
    few = queries()
    values(measure, 40)
    assert queries() == few


def test_a_large_activities_export_logs_each_download(
        client, world, small_limit, django_capture_on_commit_callbacks):
    with scopes_disabled():
        ActivityFactory.create_batch(3, action__coalition=world.coalition, description="=SUM(A1)")
    client.force_login(world.coordinator)
    job = prepare(client, world, django_capture_on_commit_callbacks, name="conditions:activity_export")
    download = reverse("coalitions:export_download", args=[world.coalition.slug, job.pk])
    rows = list(workbook(client.get(download)).active.iter_rows(values_only=True))
    assert len(rows) == 4 and rows[1][5] == "'=SUM(A1)" and rows[1][6] == 12
    client.get(download)
    with scopes_disabled():
        logged = list(PersonalDataDownload.objects.filter(actor=world.coordinator).values_list("kind", "row_count"))
    assert logged == [("activities", 3), ("activities", 3)]


def test_the_retention_job_deletes_prepared_files_after_their_days(
        client, world, measure, small_limit, django_capture_on_commit_callbacks):
    values(measure, 3)
    client.force_login(world.partner)
    old = prepare(client, world, django_capture_on_commit_callbacks)
    recent = prepare(client, world, django_capture_on_commit_callbacks, data={"status": "approved"})
    storage = old.file.storage
    with scopes_disabled():
        ExportJob.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=8))
    with scope(coalition=world.coalition), django_capture_on_commit_callbacks(execute=True):
        counts = retention.apply(world.coalition)
    assert counts["export_files"] == 1
    assert not storage.exists(old.file.name) and storage.exists(recent.file.name)
    with scopes_disabled():
        assert list(ExportJob.objects.values_list("pk", flat=True)) == [recent.pk]
    assert client.get(reverse("coalitions:export_download", args=[world.coalition.slug, old.pk])).status_code == 404


def test_text_that_looks_like_an_error_code_stays_text():
    """Plain values are appended as they are (the fast path), except text that Excel would read
    as an error code: it is typed as text, as a bold header cell is."""
    target = io.BytesIO()
    xlsx_write([Sheet("Valeurs", [["code", "n"], ["#N/A", 3], ["=1+1", -2]], bold_rows=1)], target)
    sheet = load_workbook(io.BytesIO(target.getvalue())).active
    assert [(c.value, c.data_type) for c in sheet[2]] == [("#N/A", "s"), (3, "n")]
    assert [(c.value, c.data_type) for c in sheet[3]] == [("'=1+1", "s"), (-2, "n")]
    assert sheet["A1"].font.b and not sheet["A2"].font.b


def test_a_job_whose_worker_died_says_so_instead_of_waiting_forever(client, world, measure):
    with scope(coalition=world.coalition):
        job = export_jobs.export_request(actor=world.partner, coalition=world.coalition, kind="indicators.values",
                                         parameters={})
    client.force_login(world.partner)
    url = reverse("coalitions:export_status", args=[world.coalition.slug, job.pk])
    assert 'hx-trigger="every 2s"' in client.get(url).content.decode()  # waiting: the page polls
    with scopes_disabled():
        ExportJob.objects.filter(pk=job.pk).update(status=ExportStatus.RUNNING,
                                                   created_at=timezone.now() - timedelta(hours=3))
    page = client.get(url).content.decode()
    assert "hx-trigger" not in page and "Aucun fichier n’a été fait" in page


def test_the_page_shows_the_rows_written_so_far_and_the_file_speaks_the_requesters_language(
        client, world, measure):
    values(measure, 1)
    with scope(coalition=world.coalition), translation.override("en"):
        job = export_jobs.export_request(actor=world.partner, coalition=world.coalition, kind="indicators.values",
                                         parameters={})
    cache.set(f"export-progress:{job.pk}", 4000)  # what the running job says every 2,000 rows
    client.force_login(world.partner)
    page = client.get(reverse("coalitions:export_status", args=[world.coalition.slug, job.pk]),
                      headers={"HX-Request": "true"}).content.decode()
    assert "4000 lignes écrites jusqu’ici." in page
    assert "<html" not in page  # the polled partial alone
    with scope(coalition=world.coalition):
        export_jobs.export_build(job_id=job.pk)
    book = workbook(client.get(reverse("coalitions:export_download", args=[world.coalition.slug, job.pk])))
    assert book.sheetnames == ["Values"]
