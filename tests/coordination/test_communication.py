from django.core import mail
from django_scopes import scope, scopes_disabled

from coordination.models.communication import Announcement, Comment, Notification, NotificationPreference
from coordination.selectors import communication as communication_selectors
from coordination.services import communication, meetings

from ..helpers import url
from .factories import AnnouncementFactory, CommentFactory, InviteeFactory, MeetingFactory, NotificationFactory


def _membership(world, user):
    from coalitions.models import Membership

    with scopes_disabled():
        return Membership.objects.get(coalition=world.coalition, user=user)


def test_an_announcement_to_partners_notifies_partners_only_and_tracks_who_read_it(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(world, "coordination:announcement_create"), {
            "title": "Formation sur l'accueil", "body": "Inscrivez-vous avant vendredi.", "audience": "partner",
            "pinned": "on",
        })
    assert response.status_code == 302
    with scopes_disabled():
        announcement = Announcement.objects.get()
        assert list(Notification.objects.values_list("recipient_id", flat=True)) == [world.partner.pk]
    assert [m.to for m in mail.outbox] == [[world.partner.email]]
    partner = _membership(world, world.partner)
    with scope(coalition=world.coalition):
        assert communication_selectors.unread_announcement_count(partner) == 1
    client.force_login(world.partner)
    assert "Non lue" in client.get(url(world, "coordination:announcements")).content.decode()
    client.get(url(world, "coordination:announcement", announcement.pk))
    with scope(coalition=world.coalition):
        assert communication_selectors.unread_announcement_count(partner) == 0
    client.force_login(world.funder)
    assert client.get(url(world, "coordination:announcement", announcement.pk)).status_code == 404
    assert "Formation" not in client.get(url(world, "coordination:announcements")).content.decode()


def test_pinned_announcements_come_first(client, world):
    AnnouncementFactory(coalition=world.coalition, title="Ancienne épinglée", pinned=True)
    AnnouncementFactory(coalition=world.coalition, title="Récente")
    client.force_login(world.partner)
    page = client.get(url(world, "coordination:announcements")).content.decode()
    assert page.index("Ancienne épinglée") < page.index("Récente")


def test_an_announcement_without_a_title_is_refused_next_to_the_field(client, world):
    client.force_login(world.coordinator)
    response = client.post(url(world, "coordination:announcement_create"),
                           {"title": "  ", "body": "Texte", "audience": "all"})
    assert response.status_code == 200 and "title" in response.context["form"].errors
    with scopes_disabled():
        assert not Announcement.objects.exists()


def test_unread_count_counts_only_ones_own_unread_notifications_in_this_coalition(world):
    NotificationFactory(coalition=world.coalition, recipient=world.partner)
    NotificationFactory(coalition=world.coalition, recipient=world.partner)
    NotificationFactory(coalition=world.coalition, recipient=world.coordinator)
    NotificationFactory(coalition=world.other_coalition, recipient=world.partner)
    partner = _membership(world, world.partner)
    with scope(coalition=world.coalition):
        assert communication_selectors.unread_count(partner) == 2
        communication.notifications_mark_read(actor=world.partner, coalition=world.coalition)
        assert communication_selectors.unread_count(partner) == 0
    with scopes_disabled():
        assert Notification.objects.filter(read_at__isnull=True).count() == 2  # others' untouched


def test_the_notification_centre_lists_ones_own_notifications_and_marks_one_read_on_click(client, world):
    mine = NotificationFactory(coalition=world.coalition, recipient=world.partner, title="Pour moi",
                               url=f"/c/{world.coalition.slug}/communication/")
    NotificationFactory(coalition=world.coalition, recipient=world.coordinator, title="Pas pour moi")
    client.force_login(world.partner)
    page = client.get(url(world, "coordination:notifications")).content.decode()
    assert "Pour moi" in page and "Pas pour moi" not in page and "1 notification non lue" in page
    response = client.post(url(world, "coordination:notification_read"), {"id": mine.pk, "next": mine.url})
    assert response["Location"] == mine.url
    with scopes_disabled():
        mine.refresh_from_db()
    assert mine.read_at is not None
    response = client.post(url(world, "coordination:notification_read"), {"next": "https://ailleurs.example/"})
    assert "ailleurs" not in response["Location"]


def test_a_person_sets_preferences_and_never_means_no_notification(client, world, django_capture_on_commit_callbacks):
    client.force_login(world.partner)
    data = {kind: "immediately" for kind in ("meeting_invitation", "meeting_reminder", "minutes_reminder",
                                             "follow_up", "mention", "weekly_summary", "indicator_reminder",
                                             "endorsement_reminder", "consultation")}
    data["announcement"] = "never"
    assert client.post(url(world, "coordination:notification_preferences"), data).status_code == 302
    with scopes_disabled():
        assert NotificationPreference.objects.get(user=world.partner, kind="announcement").frequency == "never"
    with scope(coalition=world.coalition), django_capture_on_commit_callbacks(execute=True):
        communication.announcement_create(actor=world.coordinator, coalition=world.coalition, title="Nouvelles",
                                     body="…", audience="all")
    with scopes_disabled():
        recipients = set(Notification.objects.values_list("recipient_id", flat=True))
    assert world.partner.pk not in recipients and world.funder.pk in recipients
    assert all(world.partner.email not in m.to for m in mail.outbox)


def test_a_mention_in_a_meeting_comment_notifies_the_member(client, world, django_capture_on_commit_callbacks):
    meeting = MeetingFactory(coalition=world.coalition)
    with scopes_disabled():
        world.coordinator.first_name, world.coordinator.last_name = "Geneviève", "Tremblay"
        world.coordinator.save()
    client.force_login(world.partner)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(world, "coordination:meeting_comment", meeting.pk),
                    {"body": "@Geneviève Tremblay pouvez-vous envoyer le document ?"})
    with scopes_disabled():
        assert Comment.objects.get().author == world.partner
        notification = Notification.objects.get(kind="mention")
    assert notification.recipient == world.coordinator
    assert notification.url.endswith(f"#comment-{Comment.objects.with_scopes_disabled().get().pk}")
    assert [m.to for m in mail.outbox] == [[world.coordinator.email]]


def test_a_mention_of_a_funder_on_an_unshared_meeting_does_not_leak_it(world):
    meeting = MeetingFactory(coalition=world.coalition)
    with scope(coalition=world.coalition):
        communication.comment_add(actor=world.partner, meeting=meeting, body=f"@{world.funder.email} voyez ceci")
    with scopes_disabled():
        assert not Notification.objects.exists()


def test_an_empty_comment_is_refused_and_nothing_is_saved(client, world):
    meeting = MeetingFactory(coalition=world.coalition)
    client.force_login(world.partner)
    response = client.post(url(world, "coordination:meeting_comment", meeting.pk), {"body": " "}, follow=True)
    assert "Rédigez votre commentaire" in response.content.decode()
    with scopes_disabled():
        assert not Comment.objects.exists()


def test_authors_delete_their_comments_coordinators_moderate_and_others_cannot(client, world):
    meeting = MeetingFactory(coalition=world.coalition)
    InviteeFactory(meeting=meeting, user=world.partner)
    by_coordinator = CommentFactory(meeting=meeting, author=world.coordinator)
    by_partner = CommentFactory(meeting=meeting, author=world.partner)
    client.force_login(world.partner)
    assert client.post(url(world, "coordination:comment_delete", by_coordinator.pk)).status_code == 403
    assert client.post(url(world, "coordination:comment_delete", by_partner.pk)).status_code == 302
    with scopes_disabled():
        assert list(Comment.objects.values_list("pk", flat=True)) == [by_coordinator.pk]
    client.force_login(world.coordinator)
    client.post(url(world, "coordination:comment_delete", by_coordinator.pk))
    with scopes_disabled():
        assert not Comment.objects.exists()


def test_the_communication_page_shows_upcoming_meetings_and_my_follow_ups_in_french(client, world):
    MeetingFactory(coalition=world.coalition, title="Assemblée de printemps")
    client.force_login(world.partner)
    page = client.get(url(world, "coordination:communication")).content.decode()
    assert "Rencontres à venir" in page and "Assemblée de printemps" in page and "Mes suivis" in page
    client.force_login(world.funder)
    page = client.get(url(world, "coordination:communication")).content.decode()
    assert "Assemblée de printemps" in page and "Mes suivis" not in page


def test_the_notification_badge_shows_the_unread_count(rf, world):
    from django.template.loader import render_to_string

    from coordination.context_processors import notifications

    NotificationFactory(coalition=world.coalition, recipient=world.partner)
    NotificationFactory(coalition=world.coalition, recipient=world.partner)
    request = rf.get("/")
    request.membership = _membership(world, world.partner)
    with scope(coalition=world.coalition):
        context = {**notifications(request), "current_coalition": world.coalition,
                   "current_membership": request.membership}
        html = render_to_string("coordination/_notification_badge.html", context)
    assert ">2<" in html and f"/c/{world.coalition.slug}/communication/notifications/" in html


def test_an_author_edits_their_comment_and_a_newly_mentioned_member_is_notified(client, world):
    meeting = MeetingFactory(coalition=world.coalition)
    comment = CommentFactory(meeting=meeting, author=world.partner, body="Première version")
    client.force_login(world.coordinator)
    edit_url = url(world, "coordination:comment_edit", comment.pk)
    assert client.post(edit_url, {"body": "Réécrit par quelqu'un d'autre"}).status_code == 403
    client.force_login(world.partner)
    response = client.post(edit_url, {"body": ""})
    assert response.status_code == 200 and "body" in response.context["form"].errors
    client.post(edit_url, {"body": f"Version corrigée, @{world.coordinator.email}"})
    with scopes_disabled():
        comment.refresh_from_db()
        assert list(Notification.objects.values_list("recipient_id", "kind")) == [(world.coordinator.pk, "mention")]
    assert comment.body.startswith("Version corrigée") and comment.edited_at is not None


def test_a_notification_is_worded_in_the_readers_language(client, world, django_capture_on_commit_callbacks):
    meeting = MeetingFactory(coalition=world.coalition)
    with scopes_disabled():
        world.partner.language = "en"
        world.partner.save()
    with scope(coalition=world.coalition), django_capture_on_commit_callbacks(execute=True):
        meetings.follow_up_create(actor=world.coordinator, meeting=meeting, what="Réserver la salle",
                                  due_on=meeting.starts_at.date(), assignee_user=world.partner)
    assert mail.outbox[0].subject.endswith("New follow-up: Réserver la salle")
    client.force_login(world.partner)
    assert "New follow-up: Réserver la salle" in client.get(url(world, "coordination:notifications")).content.decode()
    client.cookies.load({"concerto_language": "fr"})
    notifications = client.get(url(world, "coordination:notifications")).content.decode()
    assert "Nouveau suivi\u00a0: Réserver la salle" in notifications
