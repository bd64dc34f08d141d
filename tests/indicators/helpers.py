"""What several test modules of indicators share: posting a value, an indicator's form, the
files of an import."""

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scopes_disabled
from hypothesis import event
from openpyxl import Workbook, load_workbook

from indicators.models import IndicatorValue


def indicator_post(**overrides):
    data = {
        "code": "PE-02", "name_fr": "Enfants vulnérables", "name_en": "Vulnerable children", "level": "population",
        "unit": "", "value_type": "percentage", "direction": "lower", "frequency": "school_year",
        "aggregation": "sum", "reporting_start": "2023-09-01", "due_days": "30", "baseline_value": "27.7",
        "baseline_date": "2022-06-01", "data_source": "EQDEM", "expected_min": "0", "expected_max": "100",
        "backdated": "past",  # reporting starts in the past: keep that start (issue 13, point 6)
    }
    data.update(overrides)
    return data


def cell_url(world, period, organization):
    return reverse("indicators:entry_cell", args=[world.coalition.slug, period.pk, organization.pk])


def post_value(client, world, period, organization, prefix=None, htmx=False, **fields):
    prefix = prefix or f"c{period.pk}-{organization.pk}"
    data = {f"{prefix}-{k}": v for k, v in fields.items()}
    data.setdefault(f"{prefix}-confidence", "high")
    data["action"] = fields.pop("action", "submit")
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return client.post(cell_url(world, period, organization), data, **headers)


# The columns of a values file, as the import template has them.
HEADER = ["indicator", "period_start", "organization", "value", "comment"]


def csv_file(rows, name="valeurs.csv", delimiter=",", header=HEADER):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return SimpleUploadedFile(name, buffer.getvalue().encode("utf-8"), content_type="text/csv")


def xlsx_file(rows, header=HEADER):
    workbook = Workbook()
    workbook.active.append(header)
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("valeurs.xlsx", buffer.getvalue())


def upload_and_confirm(client, world, upload):
    preview = client.post(transfer_url(world), {"file": upload})
    html = preview.content.decode()
    if 'name="payload"' not in html:
        return preview, None
    payload = html.split('name="payload" value="', 1)[1].split('"', 1)[0]
    return preview, client.post(transfer_url(world), {"payload": payload})


ORG = "Maison de la famille"
# As a person would type them: plain spaces, whatever the case.
AGES = ["Groupe d'âge des enfants : 0-2 ans", "groupe d'âge des enfants:3-5 ans", "Territoire : Forestville",
        "Territoire  :  Les Escoumins"]


def transfer_url(world):
    return reverse("indicators:transfer", args=[world.coalition.slug])


def stamps():
    with scopes_disabled():
        return list(IndicatorValue.objects.order_by("pk").values_list("pk", "value", "updated_at"))


def error_rows(response) -> list[tuple]:
    return [(row, column) for row, column, _message in response.context["errors"] or []]


def template_workbook(client, world):
    """(the template's URL, its Excel workbook) for the periods of 2025."""
    url = reverse("indicators:import_template", args=[world.coalition.slug]) + "?start=2024-06-01&end=2025-12-31"
    return url, load_workbook(io.BytesIO(client.get(url + "&format=xlsx").content))


def saved_all_or_nothing(client, world, upload) -> bool:
    """Upload a file: it is refused and nothing is saved (False), or previewed and then saved,
    one value per row of the preview (True). Never a server error."""
    preview = client.post(transfer_url(world), {"file": upload})
    assert preview.status_code == 200
    html = preview.content.decode()
    if 'name="payload"' not in html:
        event("refused")
        with scopes_disabled():
            assert not IndicatorValue.objects.exists()
        return False
    event("previewed")
    payload = html.split('name="payload" value="', 1)[1].split('"', 1)[0]
    saved = client.post(transfer_url(world), {"payload": payload})
    assert saved.status_code == 302
    with scopes_disabled():
        assert IndicatorValue.objects.filter(category__isnull=True).count() == len(preview.context["preview"])
    return True
