"""Retention (Law 25): the nightly job deletes or anonymises what is past each period the
coalition chose, within the platform's limits, and nothing else; it records counts only."""

import os
from datetime import timedelta

import pytest
from django.apps import apps
from django.core import mail
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from coalitions import privacy, retention, tasks
from coalitions.models import InactivityNotice, Invitation, Membership, RetentionRun, Role
from dashboards.models import ShareLinkOpening

from ..conditions.factories import ActivityFactory
from ..coordination.factories import LibraryItemFactory, NotificationFactory
from ..dashboards.factories import ShareLinkOpeningFactory
from ..factories import InvitationFactory, MembershipFactory, UserFactory

DAY = timedelta(days=1)


def _run(coalition, now=None):
    from django.test import TestCase

    # The warnings are queued on commit: run them as the commit would.
    with scope(coalition=coalition), TestCase.captureOnCommitCallbacks(execute=True):
        return retention.apply(coalition, now=now)


def test_share_link_openings_lose_address_and_browser_past_the_period_and_keep_their_date(world):
    old = ShareLinkOpeningFactory(link__snapshot__coalition=world.coalition, opened_at=timezone.now() - 91 * DAY)
    recent = ShareLinkOpeningFactory(link__snapshot__coalition=world.coalition, opened_at=timezone.now() - 89 * DAY)
    elsewhere = ShareLinkOpeningFactory(link__snapshot__coalition=world.other_coalition,
                                        opened_at=timezone.now() - 400 * DAY)
    assert _run(world.coalition)["share_link_openings"] == 1
    with scopes_disabled():
        old.refresh_from_db(), recent.refresh_from_db(), elsewhere.refresh_from_db()
        assert old.ip_address is None and old.user_agent == "" and ShareLinkOpening.objects.count() == 3
    assert recent.ip_address == "203.0.113.7" and recent.user_agent == "Mozilla/5.0"
    assert elsewhere.ip_address == "203.0.113.7"  # another coalition's job
    assert _run(world.coalition)["share_link_openings"] == 0  # nothing left the second time


def test_invitations_expired_or_revoked_past_the_period_are_deleted_with_their_address_in_the_audit(world):
    now = timezone.now()
    expired = InvitationFactory(coalition=world.coalition, email="vieille@exemple.org", expires_at=now - 91 * DAY)
    revoked = InvitationFactory(coalition=world.coalition, expires_at=now + DAY)
    with scopes_disabled():
        Invitation.objects.filter(pk=revoked.pk).update(revoked_at=now - 100 * DAY)
    recently_expired = InvitationFactory(coalition=world.coalition, expires_at=now - 80 * DAY)
    accepted = InvitationFactory(coalition=world.coalition, expires_at=now - 200 * DAY)
    pending = InvitationFactory(coalition=world.coalition)
    with scopes_disabled():
        Invitation.objects.filter(pk=accepted.pk).update(accepted_at=now - 210 * DAY)
    assert _run(world.coalition)["expired_invitations"] == 2
    with scopes_disabled():
        left = set(Invitation.objects.values_list("pk", flat=True))
        events = apps.get_model("coalitions", "InvitationEvent").objects.filter(pgh_obj_id=expired.pk)
        assert events.exists() and set(events.values_list("email", flat=True)) == {""}
    assert left == {recently_expired.pk, accepted.pk, pending.pk}


def test_notifications_past_the_period_are_deleted(world):
    old = NotificationFactory(coalition=world.coalition, created_at=timezone.now() - 366 * DAY)
    kept = NotificationFactory(coalition=world.coalition, created_at=timezone.now() - 364 * DAY)
    other = NotificationFactory(coalition=world.other_coalition, created_at=timezone.now() - 999 * DAY)
    assert _run(world.coalition)["notifications"] == 1
    notification = apps.get_model("coordination", "Notification")
    with scopes_disabled():
        assert set(notification.objects.values_list("pk", flat=True)) == {kept.pk, other.pk}
    assert old.pk not in {kept.pk, other.pk}


def _age(name, days):
    path = default_storage.path(name)
    moment = (timezone.now() - days * DAY).timestamp()
    os.utime(path, (moment, moment))


def test_files_no_item_names_any_more_are_deleted_after_the_period_and_nothing_else(world, media):
    activity = ActivityFactory(action__coalition=world.coalition)
    with scopes_disabled():
        activity.attachment.save("compte-rendu.pdf", ContentFile(b"%PDF garde"), save=True)
        item = LibraryItemFactory(coalition=world.coalition, kind="document", url="")
        item.file.save("guide.pdf", ContentFile(b"%PDF guide"), save=True)
    kept = [activity.attachment.name, item.file.name]
    orphan = default_storage.save(f"conditions/activities/{world.coalition.pk}/ancien.pdf", ContentFile(b"x"))
    orphan_library = default_storage.save(f"coordination/library/{world.coalition.pk}/abc/retire.pdf",
                                          ContentFile(b"x"))
    young_orphan = default_storage.save(f"conditions/activities/{world.coalition.pk}/neuf.pdf", ContentFile(b"x"))
    other = default_storage.save(f"conditions/activities/{world.other_coalition.pk}/autre.pdf", ContentFile(b"x"))
    for name in [*kept, orphan, orphan_library, other]:
        _age(name, 40)
    assert _run(world.coalition)["removed_files"] == 2
    assert not default_storage.exists(orphan) and not default_storage.exists(orphan_library)
    for name in [*kept, young_orphan, other]:
        assert default_storage.exists(name), name


def test_an_inactive_member_is_warned_in_their_language_then_deactivated_30_days_later(world):
    sleeper = UserFactory(language="en", email="dormeur@exemple.org")
    membership = MembershipFactory(coalition=world.coalition, user=sleeper, role=Role.PARTNER,
                                   organization=world.organization)
    long_ago = timezone.now() - 800 * DAY
    with scopes_disabled():
        Membership.objects.filter(pk=membership.pk).update(created_at=long_ago)
    type(sleeper).objects.filter(pk=sleeper.pk).update(last_login=long_ago, date_joined=long_ago)
    type(world.partner).objects.exclude(pk=sleeper.pk).update(last_login=timezone.now())
    mail.outbox.clear()
    assert _run(world.coalition)["inactive_accounts"] == 0  # warned first
    assert [m.to for m in mail.outbox] == [["dormeur@exemple.org"]]
    assert "will be deactivated" in mail.outbox[0].subject
    assert _run(world.coalition)["inactive_accounts"] == 0  # warned once, not deactivated yet
    assert len(mail.outbox) == 1
    later = timezone.now() + 31 * DAY
    assert _run(world.coalition, now=later)["inactive_accounts"] == 1
    with scopes_disabled():
        membership.refresh_from_db()
        assert not membership.is_active and not InactivityNotice.objects.exists()
        assert Membership.objects.filter(coalition=world.coalition, is_active=True).count() == 3


def test_a_warned_member_who_signs_in_again_keeps_their_access(world):
    long_ago = timezone.now() - 800 * DAY
    with scopes_disabled():
        Membership.objects.filter(coalition=world.coalition).update(created_at=long_ago)
    user_model = type(world.partner)
    user_model.objects.update(last_login=long_ago, date_joined=long_ago)
    _run(world.coalition)
    with scopes_disabled():
        assert InactivityNotice.objects.filter(coalition=world.coalition).count() == 3
    user_model.objects.filter(pk=world.partner.pk).update(last_login=timezone.now())
    assert _run(world.coalition, now=timezone.now() + 31 * DAY)["inactive_accounts"] == 1  # the funder
    with scopes_disabled():
        active = Membership.objects.filter(coalition=world.coalition, is_active=True)
        active = set(active.values_list("user", flat=True))
    # the partner came back; the last coordinator is never deactivated
    assert active == {world.partner.pk, world.coordinator.pk}


def test_periods_are_chosen_by_the_coalition_within_the_platform_limits(client, world):
    client.force_login(world.coordinator)
    url = reverse("coalitions:privacy_settings", args=[world.coalition.slug])
    form = client.get(url).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data["retention_notifications"] = "9999"
    response = client.post(url, data)
    assert response.status_code == 200 and response.context["form"].errors["retention_notifications"]
    data["retention_notifications"] = "60"
    assert client.post(url, data).status_code == 302
    page = client.get(reverse("coalitions:privacy", args=[world.coalition.slug])).content.decode()
    assert "60 jours" in page
    old = NotificationFactory(coalition=world.coalition, created_at=timezone.now() - 61 * DAY)
    assert _run(world.coalition)["notifications"] == 1
    assert old.pk


def test_a_period_outside_the_limits_is_refused_by_the_service_too(world):
    from django.core.exceptions import ValidationError

    with scope(coalition=world.coalition), pytest.raises(ValidationError):
        privacy.privacy_settings_update(actor=world.coordinator, coalition=world.coalition,
                                        retention_days={"notifications": 1})


def test_the_job_records_counts_and_the_settings_page_shows_them(client, world):
    NotificationFactory(coalition=world.coalition, created_at=timezone.now() - 400 * DAY)
    NotificationFactory(coalition=world.coalition, created_at=timezone.now() - 400 * DAY)
    tasks.apply_retention()  # the beat job: one task per coalition (run inline in tests)
    with scopes_disabled():
        run = RetentionRun.objects.get(coalition=world.coalition)
    assert (run.kind, run.count) == ("notifications", 2)
    client.force_login(world.coordinator)
    page = client.get(reverse("coalitions:privacy_settings", args=[world.coalition.slug])).content.decode()
    assert "Notifications" in page and "<td>2</td>" in page
    with scopes_disabled():
        assert not RetentionRun.objects.filter(coalition=world.other_coalition).exists()


def test_the_job_is_in_beats_schedule():
    from config.celery import app

    app.loader.import_default_modules()
    assert any(entry["task"] == "coalitions.tasks.apply_retention" for entry in app.conf.beat_schedule.values())
