"""Retention (Law 25): how long each kind of personal data is kept, and the nightly job that
deletes or anonymises what is past its period, in every coalition.

A coalition chooses each period on its privacy settings page, between the kind's minimum and
the platform's limit (``settings.PRIVACY_RETENTION_MAX_DAYS``); the privacy page shows them.
The kinds are listed here; what each one removes lives in the app that owns the data, in its
``retention.py`` module, which registers a purge function for the kind with ``register``
(the core finds those modules by discovery, and imports no app above it). A purge function
takes the coalition, the cut-off time and the time of the run, and returns how many rows or files it deleted,
anonymised or deactivated. The job records those counts (``RetentionRun``) and logs them:
counts only, never what the data held. Every purge is idempotent: run twice, it finds nothing
left the second time.
"""

import logging
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _

from .dates import local_today
from .models import Coalition, RetentionRun

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise as StrPromise

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Kind:
    key: str
    label: "StrPromise"
    effect: "StrPromise"  # what happens at the end of the period, said to members
    default_days: int
    min_days: int

    @property
    def max_days(self) -> int:
        return settings.PRIVACY_RETENTION_MAX_DAYS[self.key]


KINDS = [
    Kind("share_link_openings", _("Addresses and browsers of share-link openings"),
         _("the address and browser are erased; the date of the opening stays"), 90, 7),
    Kind("expired_invitations", _("Expired or revoked invitations"),
         _("the invitation and its email address are deleted, in the audit trail too"), 90, 7),
    Kind("notifications", _("Notifications"), _("deleted"), 365, 30),
    Kind("inactive_accounts", _("Memberships of people who no longer sign in"),
         _("the membership is deactivated, after a warning by email 30 days before"), 730, 180),
    Kind("removed_files", _("Files of removed or replaced items"), _("the file is deleted"), 30, 1),
    Kind("export_files", _("Prepared Excel exports"), _("the file is deleted"), 7, 1),
]
KINDS_BY_KEY = {kind.key: kind for kind in KINDS}

# kind -> functions (coalition, cutoff, now) -> count, registered by each app's retention.py
Purge = Callable[[Coalition, datetime, datetime], int]
PURGES: dict[str, list[Purge]] = {}
_discovered = False


def register(kind: str, purge: Purge) -> Purge:
    if kind not in KINDS_BY_KEY:
        raise LookupError(f"Unknown kind of data {kind!r}: list it in coalitions.retention.KINDS")
    if purge not in PURGES.setdefault(kind, []):
        PURGES[kind].append(purge)
    return purge


def discover() -> None:
    """Import every installed app's ``retention`` module (they register their purges)."""
    global _discovered
    if not _discovered:
        autodiscover_modules("retention")
        _discovered = True


def days_for(retention_days: dict, kind: Kind) -> int:
    """The period a coalition chose for ``kind``, kept within the platform's limits."""
    chosen = retention_days.get(kind.key) if isinstance(retention_days, dict) else None
    days = chosen if type(chosen) is int else kind.default_days
    return max(kind.min_days, min(days, kind.max_days))


def periods(privacy_settings) -> list[dict]:
    """Each kind with the coalition's period, for the privacy page."""
    return [{"kind": kind, "days": days_for(privacy_settings.retention_days, kind)} for kind in KINDS]


def apply(coalition: Coalition, *, now: datetime | None = None) -> dict[str, int]:
    """Delete or anonymise what is past its period in ``coalition`` (inside its scope); record
    and log the counts. Each kind runs in its own transaction: one failing does not undo the
    others, and the next night tries it again."""
    from .privacy import privacy_settings

    discover()
    now = now or timezone.now()
    chosen = privacy_settings(coalition).retention_days
    counts: dict[str, int] = {}
    for kind in KINDS:
        cutoff = now - timedelta(days=days_for(chosen, kind))
        for purge in PURGES.get(kind.key, []):
            try:
                with transaction.atomic():
                    counts[kind.key] = counts.get(kind.key, 0) + purge(coalition, cutoff, now)
            except Exception:  # one broken purge must not stop the others: logged, retried tomorrow
                logger.exception("Retention of %s failed in coalition %s", kind.key, coalition.pk)
    done = {key: count for key, count in counts.items() if count}
    today = local_today(coalition, now)
    for key, count in done.items():
        run, created = RetentionRun.objects.get_or_create(
            coalition=coalition, ran_on=today, kind=key, defaults={"count": count})
        if not created:
            RetentionRun.objects.filter(pk=run.pk).update(count=F("count") + count)
    logger.info("Retention in coalition %s: %s", coalition.pk, done or "nothing due")
    return counts


def recent_runs(coalition: Coalition, *, days: int = 30) -> list[dict]:
    """What the job did in the last ``days`` days, newest first: date, kind of data, count."""
    since = local_today(coalition) - timedelta(days=days)
    runs = RetentionRun.objects.filter(coalition=coalition, ran_on__gte=since).order_by("-ran_on", "kind")
    return [{"ran_on": run.ran_on, "label": KINDS_BY_KEY[run.kind].label if run.kind in KINDS_BY_KEY else run.kind,
             "count": run.count} for run in runs[:200]]


# Files ---------------------------------------------------------------------------------------


def _walk(storage, folder: str) -> Iterator[str]:
    try:
        folders, files = storage.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return
    for name in files:
        yield f"{folder}/{name}"
    for sub in folders:
        yield from _walk(storage, f"{folder}/{sub}")


def delete_unreferenced_files(storage, folder: str, referenced: set[str], cutoff: datetime) -> int:
    """Delete the files under ``folder`` that no row names any more (an item removed, or its file
    replaced, and the delete after the commit was lost) and that were last written before
    ``cutoff``. A file just uploaded, whose row is not committed yet, is younger than any cutoff."""
    deleted = 0
    for name in _walk(storage, folder.rstrip("/")):
        if name in referenced or os.path.basename(name).startswith("."):
            continue
        if storage.get_modified_time(name) < cutoff:
            storage.delete(name)
            deleted += 1
    return deleted


# The core's own kinds: invitations and memberships ---------------------------------------------

INACTIVITY_WARNING = timedelta(days=30)  # the warning comes this long before the deactivation


def purge_expired_invitations(coalition: Coalition, cutoff: datetime, now: datetime) -> int:
    """Invitations never accepted that expired or were revoked before ``cutoff``: deleted, and
    their email address erased from the audit trail's copies of them."""
    from django.apps import apps
    from django.db.models import Q

    from .models import Invitation

    old = Invitation.objects.filter(coalition=coalition, accepted_at__isnull=True).filter(
        Q(revoked_at__lt=cutoff) | Q(revoked_at__isnull=True, expires_at__lt=cutoff))
    ids = list(old.values_list("pk", flat=True))
    if ids:
        Invitation.objects.filter(pk__in=ids).delete()
        apps.get_model("coalitions", "InvitationEvent").objects.filter(pgh_obj_id__in=ids).update(email="")
    return len(ids)


def _members_last_seen(coalition: Coalition):
    """Active memberships with ``last_seen``: the later of the person's last sign-in (or account
    creation, if they never signed in) and their joining the coalition."""
    from django.db.models.functions import Coalesce, Greatest

    from .models import Membership

    return Membership.objects.filter(coalition=coalition, is_active=True).annotate(
        last_seen=Greatest(Coalesce("user__last_login", "user__date_joined"), "created_at"))


def deactivate_inactive_members(coalition: Coalition, cutoff: datetime, now: datetime) -> int:
    """Warn by email, INACTIVITY_WARNING ahead, the members who have not signed in since before
    ``cutoff`` + the warning; deactivate those warned that long ago who still have not. A person
    who signs in again is forgotten (their warning deleted); the last coordinator stays."""
    from . import services, tasks
    from .emails import LOST_AFTER
    from .models import InactivityNotice

    notices = InactivityNotice.objects.filter(coalition=coalition)
    notices.filter(membership__user__last_login__gt=F("warned_at")).delete()
    notices.filter(membership__is_active=False).delete()
    members = _members_last_seen(coalition)
    lost = list(notices.filter(emailed_at__isnull=True, warned_at__lt=now - LOST_AFTER).values_list("pk", flat=True))
    to_warn = members.filter(last_seen__lt=cutoff + INACTIVITY_WARNING, inactivity_notice__isnull=True)
    created = InactivityNotice.objects.bulk_create([
        InactivityNotice(coalition=coalition, membership_id=membership_id, warned_at=now)
        for membership_id in to_warn.values_list("pk", flat=True)
    ])
    to_send = [*lost, *(notice.pk for notice in created)]

    def queue() -> None:
        for notice_id in to_send:
            tasks.send_inactivity_warning.delay(coalition.pk, notice_id)

    transaction.on_commit(queue)
    deactivated = 0
    due = members.filter(last_seen__lt=cutoff, inactivity_notice__warned_at__lte=now - INACTIVITY_WARNING,
                         inactivity_notice__emailed_at__isnull=False).select_related("coalition", "user")
    for membership in due:
        if services.membership_expire(membership=membership):
            InactivityNotice.objects.filter(membership=membership).delete()
            deactivated += 1
    return deactivated


def send_inactivity_warning(*, coalition: Coalition, notice_id: int) -> bool:
    """Email one inactivity warning, once (the claim ``emailed_at`` commits with the email), in
    the person's language. Run by its task, inside the coalition's scope."""
    from django.urls import reverse

    from .emails import send_email
    from .models import InactivityNotice

    with transaction.atomic():
        claimed = InactivityNotice.objects.filter(coalition=coalition, pk=notice_id, emailed_at__isnull=True) \
            .update(emailed_at=timezone.now())
        if not claimed:
            return False
        notice = InactivityNotice.objects.select_related("membership__user").get(pk=notice_id)
        send_email(to=notice.membership.user, template="email/inactivity_warning", coalition=coalition, context={
            "deactivation_on": local_today(coalition, notice.warned_at + INACTIVITY_WARNING),
            "login_url": reverse("coalitions:home", args=[coalition.slug]),
            "privacy_url": reverse("coalitions:privacy", args=[coalition.slug]),
        })
    return True


def delete_old_exports(coalition: Coalition, cutoff: datetime, now: datetime) -> int:
    """Prepared exports (coalitions.export_jobs) asked for before ``cutoff``: the job and its
    file deleted; then any file of the coalition's exports folder that no job names any more."""
    from .models import ExportJob

    storage = ExportJob._meta.get_field("file").storage
    old = ExportJob.objects.filter(coalition=coalition, created_at__lt=cutoff)
    names = list(old.exclude(file="").values_list("file", flat=True))
    deleted, _by_model = old.delete()
    # after the rows: a file whose delete fails is left unreferenced, and found again next night
    def delete_files():
        for name in names:
            storage.delete(name)

    transaction.on_commit(delete_files)
    kept = set(ExportJob.objects.filter(coalition=coalition).exclude(file="").values_list("file", flat=True))
    return deleted + delete_unreferenced_files(storage, f"exports/{coalition.pk}", kept | set(names), cutoff)


register("expired_invitations", purge_expired_invitations)
register("export_files", delete_old_exports)
register("inactive_accounts", deactivate_inactive_members)
