"""Imports at database speed: a fixed number of queries whatever the file's size, the audit
trail of bulk writes, large files checked and saved by background jobs with a progress page,
and a summary that explains every count."""

import io
from datetime import date

import pghistory
import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scopes_disabled

from config.celery import app as celery_app
from indicators.models import ImportStatus, IndicatorValue, ValueImport, ValueStatus
from indicators.services import import_jobs, import_write, imports
from indicators.services import review as review_services

from .factories import IndicatorValueFactory, PeriodFactory
from .helpers import ORG, csv_file, transfer_url

pytestmark = pytest.mark.django_db


def rows(measure, count: int, value: str = "10") -> list[dict]:
    """``count`` values of PE-01 for world.organization, one per quarter from 2000."""
    with scopes_disabled():
        for n in range(count):
            PeriodFactory(indicator=measure.indicator, start=date(2000 + n // 4, 1 + 3 * (n % 4), 1))
    return [{"indicator": "PE-01", "period_start": date(2000 + n // 4, 1 + 3 * (n % 4), 1).isoformat(),
             "organization": ORG, "value": value, "comment": ""} for n in range(count)]


def events(**filters):
    event = next(m for m in apps.get_models() if getattr(m, "pgh_tracked_model", None) is IndicatorValue)
    with scopes_disabled():
        return list(event.objects.filter(**filters).select_related("pgh_context").order_by("pgh_id"))


def test_the_check_and_the_write_take_a_fixed_number_of_queries_whatever_the_file_size(world, measure):
    counts, every_row = [], rows(measure, 30)
    for size, value in ((3, "10"), (30, "11")):
        data = [{**row, "value": value} for row in every_row[:size]]
        with measure.scope(), CaptureQueriesContext(connection) as check:
            checked = imports.values_check_import(actor=world.partner, coalition=world.coalition, rows=data)
        with measure.scope(), CaptureQueriesContext(connection) as write:
            written = import_write.write_values(actor=world.partner, coalition=world.coalition,
                                                values=checked.values, categories=checked.categories)
        counts.append((len(check), len(write)))
        assert written.created + written.changed == size
    assert counts[0] == counts[1]
    # permission (membership), indicators, organisations, periods, categories, reportable pairs
    # (indicators, organisations, grants), medians; then the write and the categories' status.
    assert counts[0] == (9, 4)  # the write: savepoint, the upsert, the categories' status, release


def test_the_audit_trail_names_the_person_and_the_import_of_every_value_saved(world, measure):
    data = rows(measure, 5)
    with measure.scope():
        job = ValueImport.objects.create(coalition=world.coalition, created_by=world.partner,
                                         upload=csv_file([[r[k] for k in ("indicator", "period_start", "organization",
                                                                          "value", "comment")] for r in data]).read(),
                                         file_name="valeurs.csv")
        job = import_jobs.import_check(import_id=job.pk)
        assert job.status == ImportStatus.READY and job.values_count == 5
        assert import_jobs.import_confirm(actor=world.partner, value_import=job)
        assert not import_jobs.import_confirm(actor=world.partner, value_import=job)  # once
        job = import_jobs.import_save(import_id=job.pk)
    assert (job.status, job.created_count, job.changed_count, job.unchanged_count) == ("done", 5, 0, 0)
    inserted = events(pgh_label="insert")
    assert len(inserted) == 5
    assert {(e.pgh_context.metadata["user"], e.pgh_context.metadata["value_import"]) for e in inserted} == {
        (world.partner.pk, job.pk)}
    assert {e.entered_by_id for e in inserted} == {world.partner.pk}
    with measure.scope():
        job2 = import_jobs.import_save(import_id=job.pk)  # a job run twice writes once
    assert job2.status == "done" and len(events(pgh_label="insert")) == 5


def test_a_bulk_approval_records_each_change_with_its_reviewer_in_a_fixed_number_of_queries(
        world, measure, django_assert_num_queries):
    with scopes_disabled():
        values = [IndicatorValueFactory(period=PeriodFactory(indicator=measure.indicator, start=date(2001, m, 1)),
                                        organization=world.organization, status=ValueStatus.SUBMITTED)
                  for m in (1, 4, 7)]
    with measure.scope(), pghistory.context(user=world.coordinator.pk, url="/review/"):
        # permission, the rows locked, one UPDATE for the values, one for their categories,
        # and the savepoint around them
        with django_assert_num_queries(6):
            approved = review_services.values_approve(actor=world.coordinator, coalition=world.coalition,
                                                      ids=[v.pk for v in values])
    assert approved == 3
    updates = events(pgh_label="update", status="approved")
    assert sorted(e.pgh_obj_id for e in updates) == sorted(v.pk for v in values)
    assert {e.pgh_context.metadata["user"] for e in updates} == {world.coordinator.pk}
    assert {e.reviewed_by_id for e in updates} == {world.coordinator.pk}


def test_one_bad_row_among_many_saves_nothing_and_names_its_row_and_column(client, world, measure):
    data = rows(measure, 40)
    data[27]["value"] = "douze"
    client.force_login(world.partner)
    upload = csv_file([[r["indicator"], r["period_start"], r["organization"], r["value"], ""] for r in data])
    response = client.post(transfer_url(world), {"file": upload})
    assert [(row, column) for row, column, _m in response.context["errors"]] == [(29, "Valeur")]
    with scopes_disabled():
        assert not IndicatorValue.objects.exists()


def test_a_period_locked_between_the_preview_and_the_confirmation_is_named_and_nothing_saved(
        client, world, measure):
    data = rows(measure, 3)
    client.force_login(world.partner)
    preview = client.post(transfer_url(world), {"file": csv_file(
        [[r["indicator"], r["period_start"], r["organization"], r["value"], ""] for r in data])})
    with scopes_disabled():
        measure.indicator.periods.filter(start=date(2000, 4, 1)).update(is_locked=True)
    job = preview.context["job"]
    response = client.post(transfer_url(world), {"payload": str(job.pk)})
    assert [(row, column) for row, column, _m in response.context["errors"]] == [(3, "Début de la période")]
    with scopes_disabled():
        assert not IndicatorValue.objects.exists()


def test_a_large_file_is_checked_and_saved_by_jobs_with_a_progress_page_and_a_summary(
        client, world, measure, monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr(import_jobs, "INLINE_BYTES", 10)
    monkeypatch.setattr(import_jobs, "INLINE_VALUES", 1)
    monkeypatch.setitem(celery_app.conf, "task_always_eager", True)
    data = rows(measure, 5)
    table = [[r["indicator"], r["period_start"], r["organization"], r["value"], ""] for r in data]
    table[2:2] = [["", "", "", "", ""]] * 12 + [["# une note", "", "", "", ""]]
    client.force_login(world.partner)
    with django_capture_on_commit_callbacks() as queued:
        response = client.post(transfer_url(world), {"file": csv_file(table)})
    with scopes_disabled():
        job = ValueImport.objects.get()
    status_url = reverse("indicators:import_status", args=[world.coalition.slug, job.pk])
    assert response.status_code == 302 and response.url == status_url
    page = client.get(status_url).content.decode()
    assert 'hx-trigger="every 1s"' in page and "<progress" in page and 'http-equiv="refresh"' in page
    for callback in queued:
        callback()  # the job checks the file
    partial = client.get(status_url, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in partial and "hx-trigger" not in partial
    assert "18 lignes lues : 12 lignes sans valeur ignorées, 1 ligne de note (commençant par #) ignorée, " \
           "5 données prêtes à enregistrer." in partial
    with django_capture_on_commit_callbacks() as queued:
        response = client.post(transfer_url(world), {"payload": str(job.pk)})
    assert response.url == status_url
    for callback in queued:
        callback()  # the job saves the values
    page = client.get(status_url).content.decode()
    assert "18 lignes lues : 12 lignes sans valeur ignorées, 1 ligne de note (commençant par #) ignorée, " \
           "5 données enregistrées (5 nouvelles, 0 modifiée, 0 inchangée)." in page
    with scopes_disabled():
        assert IndicatorValue.objects.filter(status="submitted").count() == 5


def test_another_partner_cannot_see_or_confirm_an_import(client, world, measure):
    data = rows(measure, 2)
    client.force_login(world.partner)
    preview = client.post(transfer_url(world), {"file": csv_file(
        [[r["indicator"], r["period_start"], r["organization"], r["value"], ""] for r in data])})
    job = preview.context["job"]
    client.force_login(measure.other_partner)
    assert client.get(reverse("indicators:import_status", args=[world.coalition.slug, job.pk])).status_code == 404
    assert client.post(transfer_url(world), {"payload": str(job.pk)}).status_code == 302
    with scopes_disabled():
        assert not IndicatorValue.objects.exists()
        assert ValueImport.objects.get().status == ImportStatus.READY


def test_an_unusual_value_is_judged_on_the_median_of_an_even_history_as_on_the_entry_screen(world, measure):
    with scopes_disabled():
        for month, value in ((1, 10), (4, 20)):
            IndicatorValueFactory(period=PeriodFactory(indicator=measure.indicator, start=date(2001, month, 1)),
                                  organization=world.organization, value=value, status=ValueStatus.APPROVED)
    data = rows(measure, 1, "46")
    with measure.scope(), pytest.raises(imports.ImportRejected) as rejected:
        imports.values_check_import(actor=world.partner, coalition=world.coalition, rows=data)
    assert rejected.value.errors[0][1] == "comment" and "(médiane 15\u00a0familles)" in rejected.value.errors[0][2]
    data[0]["value"] = "45"  # 3 x 15: not above
    with measure.scope():
        imports.values_check_import(actor=world.partner, coalition=world.coalition, rows=data)


def test_bench_import_prints_each_phase_and_leaves_nothing_behind():
    out = io.StringIO()
    call_command("bench_import", values=40, organizations=4, indicators=2, stdout=out)
    text = out.getvalue()
    for phase in ("Parse:", "Check:", "Write:", "40 values saved, 40 audit events", "Audited inserts:"):
        assert phase in text
    with scopes_disabled():
        assert not IndicatorValue.objects.exists() and not ValueImport.objects.exists()
