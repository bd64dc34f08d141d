"""Comments, announcements and in-app notifications."""

from typing import TYPE_CHECKING, TypedDict

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from .. import permissions as rules
from ..models.communication import Announcement, AnnouncementRead, Comment, Notification

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


def comments_on(*, meeting=None, announcement=None) -> list[Comment]:
    comments = Comment.objects.filter(meeting=meeting) if meeting else Comment.objects.filter(
        announcement=announcement)
    return list(comments.select_related("author"))


def comment_thread(membership, *, action=None, indicator=None) -> dict | None:
    """The comment thread shown on an action's or an indicator's page (None for those who do
    not see comments, e.g. funders): its comments, the form and where to post."""
    from django.urls import reverse

    from ..forms import CommentForm

    target = action or indicator
    if target is None or not rules.can_see_thread(membership, target):
        return None
    comments = Comment.objects.filter(action=action) if action else Comment.objects.filter(indicator=indicator)
    name = "coordination:action_comment" if action else "coordination:indicator_comment"
    return {"comments": list(comments.select_related("author")), "form": CommentForm(),
            "post_url": reverse(name, args=[membership.coalition.slug, target.pk]),
            "mentions_on": f"{'action' if action else 'indicator'}:{target.pk}"}


class AnnouncementFlags(TypedDict):
    is_read: bool
    comment_count: int


def announcements_for(membership) -> "QuerySet[WithAnnotations[Announcement, AnnouncementFlags]]":
    read = AnnouncementRead.objects.filter(announcement=OuterRef("pk"), user_id=membership.user_id)
    return (
        Announcement.objects.filter(coalition=membership.coalition_id)
        .filter(Q() if rules.sees_every_announcement(membership) else Q(audience="all") | Q(audience=membership.role))
        .select_related("author")
        .annotate(is_read=Exists(read), comment_count=Count("comments"))
        .order_by("-pinned", "-published_at", "-pk")
    )


def unread_announcement_count(membership) -> int:
    return announcements_for(membership).filter(is_read=False).count()


def notifications_for(membership, *, unread_only: bool = False) -> QuerySet[Notification]:
    notifications = Notification.objects.filter(coalition=membership.coalition_id, recipient_id=membership.user_id)
    if unread_only:
        notifications = notifications.filter(read_at__isnull=True)
    return notifications.order_by("-created_at", "-pk")


def unread_count(membership) -> int:
    """The number for the top bar's notification badge (one query)."""
    if membership is None:
        return 0
    return Notification.objects.filter(
        coalition=membership.coalition_id, recipient_id=membership.user_id, read_at__isnull=True
    ).count()


MENTION_SCAN = 50  # members looked at per search, before the read check


def mention_candidates(membership, obj, query: str, limit: int = 8) -> list[dict]:
    """Who a comment on ``obj`` may @mention: the coalition's active members whose name or
    email contains ``query`` and who may read ``obj`` (``permissions.can_read``: a mention
    notifies, and nobody is told about a thread they cannot open), the person writing aside.
    What to insert is "@Full Name", or "@email" for a member without a name."""
    from django.db.models import Q

    from coalitions.models import Membership

    members = (Membership.objects.filter(coalition=membership.coalition, is_active=True)
               .exclude(user_id=membership.user_id).select_related("user", "organization", "coalition")
               .order_by("user__full_name", "user__email"))
    query = " ".join(query.split())[:60]
    if query:
        members = members.filter(Q(user__full_name__icontains=query) | Q(user__email__icontains=query))
    found = []
    for member in members[:MENTION_SCAN]:
        if rules.can_read(member, obj):
            user = member.user
            found.append({"name": user.full_name or user.email,
                          "organization": member.organization.name if member.organization else "",
                          "mention": f"@{user.full_name or user.email}"})
            if len(found) == limit:
                break
    return found
