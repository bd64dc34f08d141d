"""An import from upload to write, as a ``ValueImport``: the file is stored, checked once (in the
request for a small file, by a Celery job for a large one, with its progress), shown, confirmed,
then written in sets (``import_write``) without checking the file again: only what may have
changed since the check (locked periods, who reports what) is checked again, in sets.

    checking -> rejected | ready -> saving -> done | rejected | failed

Each step is idempotent: it acts only on an import in the status it expects, so a job run twice
or a confirmation posted twice writes once."""

import pghistory
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from coalitions.dates import local_today
from coalitions.permissions import require_permission

from .. import transfer
from ..models import ImportStatus, Period, ValueImport
from ..permissions import reportable_pairs
from .import_write import write_values
from .imports import ImportRejected, values_check_import

INLINE_BYTES = 256 * 1024  # a file this small (about 5,000 rows of CSV) is checked within the request
INLINE_VALUES = 5000  # so many values are saved within the request; more by a job
ERRORS_KEPT = 1000  # the errors shown of a refused file (their total is said)


def import_start(*, actor, coalition, upload) -> ValueImport:
    """Store an uploaded file to check. A file that cannot be read (too large, a bomb, not the
    template's header) is refused at once: FileUnreadable."""
    require_permission(actor, coalition, "indicators.values:import")
    data, name = transfer.read_bytes(upload), (getattr(upload, "name", "") or "")[:255]
    transfer.rows_of_bytes(data, name, transfer.IMPORT_COLUMNS, header_only=True)
    # A new file replaces the preview the person left unconfirmed (and the values it kept).
    ValueImport.objects.filter(coalition=coalition, created_by=actor, status=ImportStatus.READY).delete()
    return ValueImport.objects.create(coalition=coalition, created_by=actor, file_name=name, upload=data)


def runs_inline(value_import: ValueImport) -> bool:
    """Whether the request does the next step itself, or leaves it to a job."""
    if value_import.status == ImportStatus.CHECKING:
        return len(value_import.upload or b"") <= INLINE_BYTES
    return value_import.values_count <= INLINE_VALUES


def import_check(*, import_id: int) -> ValueImport:
    """Read and check a stored file, once; keep the checked values, or the errors."""
    job = ValueImport.objects.select_related("coalition", "created_by").get(pk=import_id)
    if job.status != ImportStatus.CHECKING:
        return job
    try:
        rows = transfer.rows_of_bytes(bytes(job.upload or b""), job.file_name, transfer.IMPORT_COLUMNS)
    except transfer.FileUnreadable as unreadable:
        return _finish(job, ImportStatus.REJECTED, errors=[[1, "", str(unreadable)]], refusal=str(unreadable))
    job.rows_read = len(rows)
    ValueImport.objects.filter(pk=job.pk).update(rows_read=job.rows_read)

    def progress(done: int) -> None:
        ValueImport.objects.filter(pk=job.pk).update(progress=done)

    try:
        checked = values_check_import(actor=job.created_by, coalition=job.coalition, rows=rows, progress=progress)
    except ImportRejected as rejected:
        return _refuse(job, rejected.errors)
    except PermissionDenied:
        return _refuse(job, [(1, "", _("You can no longer import values."))])
    return _finish(job, ImportStatus.READY, checked={"values": checked.values, "categories": checked.categories},
                   preview=checked.preview, rows_empty=checked.rows_empty, rows_notes=checked.rows_notes,
                   values_count=len(checked.values), flagged_count=checked.flagged, progress=job.rows_read)


def import_confirm(*, actor, value_import: ValueImport) -> bool:
    """The person who uploaded the file confirms it: ready -> saving, once. Returns whether
    this call confirmed it (False when it is already saving, saved or refused)."""
    require_permission(actor, value_import.coalition, "indicators.values:import")
    if value_import.created_by_id != actor.pk:
        raise PermissionDenied("another person's import")
    return bool(ValueImport.objects.filter(pk=value_import.pk, status=ImportStatus.READY)
                .update(status=ImportStatus.SAVING, progress=0))


def import_save(*, import_id: int) -> ValueImport:
    """Write a confirmed import, all or nothing, under an audit context naming it."""
    job = ValueImport.objects.select_related("coalition", "created_by").get(pk=import_id)
    if job.status != ImportStatus.SAVING:
        return job
    try:
        with transaction.atomic(), pghistory.context(user=job.created_by_id, value_import=job.pk):
            job = ValueImport.objects.select_for_update().select_related("coalition", "created_by").get(pk=job.pk)
            if job.status != ImportStatus.SAVING:
                return job
            checked = job.checked or {"values": [], "categories": []}  # set when the check passed
            values, categories = checked["values"], checked["categories"]
            errors = _recheck(job.created_by, job.coalition, values)
            if errors:
                raise ImportRejected(errors)
            written = write_values(actor=job.created_by, coalition=job.coalition, values=values,
                                   categories=categories)
            return _finish(job, ImportStatus.DONE, checked=None, created_count=written.created,
                           changed_count=written.changed, unchanged_count=written.unchanged)
    except ImportRejected as rejected:
        return _refuse(job, rejected.errors)
    except PermissionDenied:
        return _refuse(job, [(1, "", _("You can no longer import values."))])


def import_fail(*, import_id: int) -> None:
    """A job died: say so on the page rather than leave a progress bar forever."""
    ValueImport.objects.filter(pk=import_id, status__in=[ImportStatus.CHECKING, ImportStatus.SAVING]).update(
        status=ImportStatus.FAILED, upload=None, checked=None, finished_at=timezone.now())


def _recheck(actor, coalition, values: list) -> list[tuple[int, str, str]]:
    """What may have changed since the check, for every value at once: the period locked (or a
    clock that went back), the person's right to report the indicator for the organisation."""
    membership = require_permission(actor, coalition, "indicators.values:import")
    reportable = reportable_pairs(membership)
    closed = set(Period.objects.filter(pk__in={v[2] for v in values}, is_locked=True).values_list("pk", flat=True))
    closed |= set(Period.objects.filter(pk__in={v[2] for v in values}, start__gt=local_today(coalition))
                  .values_list("pk", flat=True))
    errors = []
    for row, indicator, period, organization, *_rest in values:
        if period in closed:
            errors.append((row, "period_start", _("This period is locked; ask the coordination team to unlock it.")))
        elif (indicator, organization) not in reportable:
            errors.append((row, "organization", _("You cannot report this indicator for this organization.")))
    return errors


def _refuse(job: ValueImport, errors: list) -> ValueImport:
    """Refuse an import with its errors (the first ERRORS_KEPT, and how many in all)."""
    return _finish(job, ImportStatus.REJECTED, checked=None, errors=[list(e) for e in errors[:ERRORS_KEPT]],
                   error_count=len(errors))


def _finish(job: ValueImport, status: str, *, error_count: int | None = None, refusal: str = "",
            **fields) -> ValueImport:
    fields.setdefault("upload", None)
    if status == ImportStatus.REJECTED:
        fields["errors"] = fields.get("errors", [])
        fields["error_count"] = error_count if error_count is not None else len(fields["errors"])
    fields.update(status=status, refusal=refusal, finished_at=timezone.now() if status != ImportStatus.READY else None)
    ValueImport.objects.filter(pk=job.pk).update(**fields)
    for name, value in fields.items():
        setattr(job, name, value)
    return job


def summary(job: ValueImport) -> str:
    """Every count of an import, in words: « 17 lignes lues : 12 lignes sans valeur ignorées, 5
    valeurs enregistrées (3 nouvelles, 1 modifiée, 1 inchangée) » (a row without a value is blank,
    or a template row not filled in)."""
    parts = [ngettext("%(n)s row read", "%(n)s rows read", job.rows_read) % {"n": job.rows_read}]
    if job.rows_empty:
        parts.append(ngettext("%(n)s row without a value ignored", "%(n)s rows without a value ignored", job.rows_empty)
                     % {"n": job.rows_empty})
    if job.rows_notes:
        parts.append(ngettext("%(n)s note row (starting with #) ignored", "%(n)s note rows (starting with #) ignored",
                              job.rows_notes) % {"n": job.rows_notes})
    if job.status == ImportStatus.DONE:
        parts.append(ngettext("%(n)s value saved", "%(n)s values saved", job.values_count) % {"n": job.values_count}
                     + " (" + ", ".join([
                         ngettext("%(n)s new", "%(n)s new", job.created_count) % {"n": job.created_count},
                         ngettext("%(n)s changed", "%(n)s changed", job.changed_count) % {"n": job.changed_count},
                         ngettext("%(n)s unchanged", "%(n)s unchanged", job.unchanged_count)
                         % {"n": job.unchanged_count}]) + ")")
    elif job.values_count:
        parts.append(ngettext("%(n)s value ready to save", "%(n)s values ready to save", job.values_count)
                     % {"n": job.values_count})
    if job.flagged_count:
        parts.append(ngettext("%(n)s unusual value explained in its comment", "%(n)s unusual values explained in "
                              "their comment", job.flagged_count) % {"n": job.flagged_count})
    if len(parts) == 1:
        return parts[0] + "."
    return _("%(first)s: %(rest)s.") % {"first": parts[0], "rest": ", ".join(parts[1:])}
