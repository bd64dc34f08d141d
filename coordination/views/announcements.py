"""Views of condition 4: announcements."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from coalitions.permissions import object_for, requires
from coalitions.web import call_service, confirm_then_act, paginate, post_action, redirect_with_message, render_list

from .. import permissions as rules
from ..forms import AnnouncementForm, CommentForm
from ..models.communication import Announcement
from ..permissions import ANNOUNCEMENTS_MANAGE, ANNOUNCEMENTS_VIEW
from ..selectors import communication as communication_selectors
from ..services import communication as communication_services
from ._common import _form_page, _slug


@require_GET
@requires(ANNOUNCEMENTS_VIEW)
def announcement_list(request):
    unread = request.GET.get("unread") == "1"
    announcements = communication_selectors.announcements_for(request.membership)
    if unread:
        announcements = announcements.filter(is_read=False)
    page = paginate(request, announcements)
    return render_list(request, "coordination/announcement_list.html", {"page_obj": page, "unread": unread})


@requires(ANNOUNCEMENTS_MANAGE)
def announcement_create(request):
    form = AnnouncementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if call_service(form, communication_services.announcement_create, actor=request.user,
                        coalition=request.coalition,
                        **form.cleaned_data):
            return redirect_with_message(request, "coordination:announcements",
                                         success=_("The announcement is published."))
    return _form_page(request, form, title=_("Post an announcement"), submit_label=_("Publish"),
                      cancel_url=reverse("coordination:announcements", args=[_slug(request)]))


@require_GET
@requires(ANNOUNCEMENTS_VIEW)
def announcement_detail(request, pk: int):
    announcement = object_for(request, Announcement.objects.select_related("author"), pk=pk,
                              sees=rules.announcement_visible_to)
    communication_services.announcement_mark_read(actor=request.user, announcement=announcement)
    return render(request, "coordination/announcement_detail.html", {
        "announcement": announcement, "comments": communication_selectors.comments_on(announcement=announcement),
        "comment_form": CommentForm(),
    })


def _authored(request, pk: int) -> Announcement:
    """An announcement the current person wrote: another one is refused (403)."""
    announcement = object_for(request, Announcement, pk=pk)
    if announcement.author_id != request.user.pk:
        raise PermissionDenied(_("Only the author of an announcement can change or delete it."))
    return announcement


@requires(ANNOUNCEMENTS_MANAGE)
def announcement_edit(request, pk: int):
    announcement = _authored(request, pk)
    form = AnnouncementForm(request.POST or None, editing=announcement, initial={
        name: getattr(announcement, name) for name in Announcement.EDIT_FIELDS})
    if request.method == "POST" and form.is_valid():
        if call_service(form, communication_services.announcement_update, actor=request.user,
                        announcement=announcement, **form.cleaned_data):
            return redirect_with_message(request, "coordination:announcement", pk,
                                         success=_("The announcement is saved."))
    return _form_page(request, form, title=_("Edit %(title)s") % {"title": announcement.title},
                      cancel_url=reverse("coordination:announcement", args=[_slug(request), pk]))


@requires(ANNOUNCEMENTS_MANAGE)
def announcement_delete(request, pk: int):
    announcement = _authored(request, pk)
    return confirm_then_act(
        request, communication_services.announcement_delete, success=_("The announcement is deleted."),
        to="coordination:announcements", title=_("Delete %(title)s") % {"title": announcement.title},
        consequence=_("The announcement and its comments will be deleted for everyone who received it. "
                      "The audit trail keeps a copy."),
        confirm_label=_("Delete the announcement"), announcement=announcement)


@require_POST
@requires(ANNOUNCEMENTS_MANAGE)
def announcement_pin(request, pk: int):
    announcement = object_for(request, Announcement, pk=pk)
    pinned = request.POST.get("pinned") == "1"
    return post_action(request, communication_services.announcement_set_pinned,
                       _("The announcement is pinned.") if pinned else _("The announcement is unpinned."),
                       "coordination:announcements", announcement=announcement, pinned=pinned)
