"""Large XLSX exports, built by a Celery job and offered as a download when ready (ExportJob).

A CSV export streams as it is read (spreadsheets.csv_response), but an XLSX file is a zip that
Excel reads only whole: a million rows cannot be sent as they come, and building them within
the request would hold a web process for minutes. So an XLSX export of more than
XLSX_INLINE_ROWS rows is prepared in the background:

    pending -> running -> ready | failed

The apps register their kinds of export here (``register``, from their ``export_kinds.py``,
found by discovery as the retention purges are): the permission it needs, how to count its rows
cheaply, and its sheets, the very rows its CSV streams (the same selector and server-side
cursor). The job writes them with openpyxl's write-only mode to a temporary file (memory stays
flat), then into the storage; the nightly retention job deletes it after a few days.

``export_request`` is safe to repeat: a second click, or a second tab, while the same person's
same export is waiting or running gives back that job (a partial unique constraint closes the
race between two requests)."""

import logging
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pghistory
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext as _

from .dates import local_today
from .models import EXPORT_STALE_AFTER, Coalition, ExportJob, ExportStatus, Membership
from .permissions import require_permission
from .spreadsheets import Sheet, xlsx_write

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise as StrPromise

logger = logging.getLogger(__name__)

XLSX_INLINE_ROWS = 5000  # an XLSX export this long (about a second to write) is built within the request
STALE_AFTER = EXPORT_STALE_AFTER  # a job still waiting or running after this long died with its worker
PARAMETER_LENGTH = 100  # the longest filter value kept (ids, statuses, dates)


@dataclass(frozen=True)
class ExportKind:
    key: str  # "indicators.values"
    label: "StrPromise"  # what the person asked for, « Valeurs déclarées »
    permission: str  # the export page's permission, checked again at every step and download
    url_name: str  # the export's URL (GET: the file or the offer to prepare it; POST: prepare it)
    page_name: str  # the URL of the page that offers the export (the way back)
    filename: str  # the file's name before its date, « concerto-donnees »
    parameters: tuple[str, ...]  # the filters it takes, as text, from the query string
    # (coalition, membership, parameters) -> the sheets, rows read as they are written
    sheets: Callable[[Coalition, Membership, dict], Sequence[Sheet]]
    # (coalition, membership, parameters, limit) -> its rows, counted up to ``limit`` (a bounded query)
    count: Callable[[Coalition, Membership, dict, int], int]
    download_kind: str = ""  # a DownloadKind: the export holds personal information, each download is logged

    def clean(self, raw) -> dict:
        """The filters of a request (a QueryDict or a dict): the known ones, not empty, as text."""
        kept = {}
        for name in self.parameters:
            value = raw.get(name)
            if value not in (None, ""):
                kept[name] = str(value)[:PARAMETER_LENGTH]
        return kept

    def file_name(self, coalition) -> str:
        return f"{self.filename}-{local_today(coalition).isoformat()}"


KINDS: dict[str, ExportKind] = {}
_discovered = False


def register(kind: ExportKind) -> ExportKind:
    KINDS[kind.key] = kind
    return kind


def kind_for(key: str) -> ExportKind:
    """The kind of export named ``key``; LookupError for a name no app registered."""
    global _discovered
    if key not in KINDS and not _discovered:
        autodiscover_modules("export_kinds")
        _discovered = True
    try:
        return KINDS[key]
    except KeyError:
        raise LookupError(f"Unknown kind of export {key!r}: register it in its app's export_kinds.py") from None


def is_large(kind: ExportKind, coalition, membership, parameters: dict) -> bool:
    """Whether the export has more rows than a request writes (one query, stopped at the limit)."""
    return kind.count(coalition, membership, parameters, XLSX_INLINE_ROWS + 1) > XLSX_INLINE_ROWS


def export_request(*, actor, coalition, kind: str, parameters: dict) -> ExportJob:
    """Ask for an export to be prepared in the background, or get back the same person's same
    export already waiting or running. The job is queued when the transaction commits."""
    export_kind = kind_for(kind)
    require_permission(actor, coalition, export_kind.permission)
    parameters = export_kind.clean(parameters)
    active = ExportJob.objects.filter(coalition=coalition, requested_by=actor, kind=kind, parameters=parameters,
                                      status__in=[ExportStatus.PENDING, ExportStatus.RUNNING])
    # A job its worker lost must not stand in the way of a new one forever.
    active.filter(created_at__lt=timezone.now() - STALE_AFTER).update(
        status=ExportStatus.FAILED, error=_("The export stopped before its end."), finished_at=timezone.now())
    found = active.first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            job = ExportJob.objects.create(coalition=coalition, requested_by=actor, kind=kind, parameters=parameters,
                                           language=translation.get_language() or "fr")
    except IntegrityError:  # the other click won the race: its job is this one
        return active.get()
    from . import tasks

    coalition_id, job_id = coalition.pk, job.pk
    transaction.on_commit(lambda: tasks.build_export.delay(coalition_id, job_id))
    return job


def _progress_key(job_id: int) -> str:
    return f"export-progress:{job_id}"


def progress_of(job: ExportJob) -> int:
    """The rows written so far. The job reads its rows inside one transaction (a server-side
    cursor without a copy of the result), so it says its progress through the cache, which
    other requests see at once, and not through its own row, which they would see at the end."""
    if not job.is_running:
        return job.progress
    return cache.get(_progress_key(job.pk)) or 0


def export_build(*, job_id: int) -> ExportJob:
    """Write the export's file, once: only a job still waiting is claimed (a task delivered
    twice finds it running or done). The person's right to the export is checked again."""
    job = ExportJob.objects.select_related("coalition", "requested_by").get(pk=job_id)
    with pghistory.context(user=job.requested_by_id, export_job=job.pk):
        claimed = ExportJob.objects.filter(pk=job_id, status=ExportStatus.PENDING).update(status=ExportStatus.RUNNING)
    if not claimed:
        return job
    job.status = ExportStatus.RUNNING
    kind = kind_for(job.kind)
    with translation.override(job.language):
        try:
            membership = require_permission(job.requested_by, job.coalition, kind.permission)
        except PermissionDenied:
            return _finish(job, ExportStatus.FAILED, error=_("You can no longer download this export."))
        return _write(job, kind, membership)


def _write(job: ExportJob, kind: ExportKind, membership) -> ExportJob:
    with tempfile.TemporaryFile(suffix=".xlsx") as target:
        # One transaction: the selectors read from a server-side cursor, which outside one
        # PostgreSQL would first copy whole (spreadsheets.later says the same of CSV).
        with transaction.atomic():
            rows = xlsx_write(kind.sheets(job.coalition, membership, job.parameters), target, title=str(kind.label),
                              progress=lambda done: cache.set(_progress_key(job.pk), done, timeout=3600))
        target.seek(0)
        name = job.file.storage.save(job.file.field.generate_filename(job, f"{kind.file_name(job.coalition)}.xlsx"),
                                     File(target))
    cache.delete(_progress_key(job.pk))
    return _finish(job, ExportStatus.READY, file=name, row_count=rows, progress=rows)


def export_fail(*, job_id: int) -> None:
    """A job died: say so on the page rather than leave it waiting forever."""
    ExportJob.objects.filter(pk=job_id, status__in=[ExportStatus.PENDING, ExportStatus.RUNNING]).update(
        status=ExportStatus.FAILED, error=_("The export stopped before its end."), finished_at=timezone.now())


def _finish(job: ExportJob, status: str, **fields) -> ExportJob:
    fields.update(status=status, finished_at=timezone.now())
    with pghistory.context(user=job.requested_by_id, export_job=job.pk):
        ExportJob.objects.filter(pk=job.pk).update(**fields)
    job.refresh_from_db()
    return job


def latest_job(actor, coalition, kind: str, parameters: dict) -> ExportJob | None:
    """The person's latest job of this export with these filters (the offer to prepare it
    shows it: a file ready, or a job running)."""
    return (ExportJob.objects.filter(coalition=coalition, requested_by=actor, kind=kind, parameters=parameters)
            .order_by("-created_at", "-pk").first())
