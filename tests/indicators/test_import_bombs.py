"""Issue 10, point 1: an uploaded file is hostile until parsed within fixed time and memory.
Each bomb is generated small on disk; the importer must refuse it (or read it) in a few seconds
and tens of MB, where the reader before the fix took minutes and gigabytes."""

import os
import signal
import time
import tracemalloc
from contextlib import contextmanager

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scopes_disabled

from indicators import transfer
from indicators.models import IndicatorValue
from tests import bombs

MAX_SECONDS = 5
MAX_BYTES = 64 * 1024 * 1024
BOMB = "Ce fichier gonfle anormalement"


@contextmanager
def bounded():
    """Fails if the block takes more than MAX_SECONDS or allocates more than MAX_BYTES at its peak;
    a block running far over time is interrupted, so the unfixed reader fails fast too."""
    def interrupt(_signum, _frame):
        raise TimeoutError(f"still reading after {3 * MAX_SECONDS} s")

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, 3 * MAX_SECONDS)
    tracemalloc.start()
    start = time.perf_counter()
    try:
        yield
    finally:
        elapsed = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert elapsed < MAX_SECONDS, f"{elapsed:.1f} s"
    assert peak < MAX_BYTES, f"{peak / 2**20:.0f} MB"


def refusal(data: bytes, name: str = "valeurs.xlsx") -> str:
    with bounded(), pytest.raises(transfer.FileUnreadable) as refused:
        transfer.read_rows(SimpleUploadedFile(name, data), transfer.IMPORT_COLUMNS)
    return str(refused.value)


def test_a_header_row_of_300_000_inline_cells_is_refused_before_parsing():
    assert BOMB in refusal(bombs.wide_header())


def test_a_sheet_of_a_million_and_a_half_rows_is_refused_before_parsing():
    assert BOMB in refusal(bombs.tall_sheet())


def test_a_sheet_declaring_the_largest_size_stops_at_the_row_limit():
    assert "trop de lignes" in refusal(bombs.declared_sheet())


def test_xml_nested_400_000_deep_is_refused():
    assert BOMB in refusal(bombs.deep_xml())


def test_a_shared_strings_table_of_two_million_strings_is_refused():
    assert BOMB in refusal(bombs.shared_strings())


def test_entities_are_refused():
    assert BOMB in refusal(bombs.entity_expansion())


def test_a_zip_declaring_a_small_size_for_a_huge_member_is_refused():
    lying = bombs.lying_sizes(bombs.shared_strings(), bombs.STRINGS, declared=1000)
    assert refusal(lying)


def test_a_row_wider_than_the_column_limit_is_refused_by_its_size_not_its_ratio():
    cells = b"".join(b'<c t="inlineStr"><is><t>%d</t></is></c>' % i for i in range(600))
    data = bombs.xlsx({bombs.SHEET: [bombs.OPEN_SHEET, b'<row r="1">', cells, b"</row>", bombs.CLOSE_SHEET]})
    assert "plus de 500 cellules" in refusal(data)


def test_a_csv_of_one_gigantic_line_is_refused():
    data = b"indicator;period_start;" + b"1;" * 2_400_000
    assert "dépasse 65536 caractères" in refusal(data, "valeurs.csv")


def test_a_csv_row_of_thousands_of_fields_is_refused():
    data = b"indicator,period_start\n" + b",".join(b"1" for _ in range(5000)) + b"\n"
    assert "plus de 500 cellules" in refusal(data, "valeurs.csv")


def test_a_csv_in_an_unknown_encoding_gets_a_clear_error():
    assert "CSV UTF-8" in refusal(b"indicator,period_start\n\x81\x8d\x8f,1\n", "valeurs.csv")


def test_a_genuine_workbook_with_a_binary_part_is_still_read_within_bounds():
    data = bombs.xlsx({"xl/media/image1.png": b"\x89PNG\r\n\x1a\n" + os.urandom(200_000)})
    with bounded():
        rows = transfer.read_rows(SimpleUploadedFile("valeurs.xlsx", data), transfer.IMPORT_COLUMNS)
    assert rows == []


@pytest.mark.django_db
def test_the_import_page_shows_the_refusal_next_to_the_field(client, world, measure):
    client.force_login(world.partner)
    upload = SimpleUploadedFile("valeurs.xlsx", bombs.wide_header())
    response = client.post(reverse("indicators:transfer", args=[world.coalition.slug]), {"file": upload})
    assert response.status_code == 200
    assert BOMB in response.context["form"].errors["file"][0]
    with scopes_disabled():
        assert not IndicatorValue.objects.exists()
