"""Views of condition 4: meetings, follow-ups, comments, announcements, notifications, reminders."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from coalitions.permissions import requires
from coalitions.web import call_service, paginate, parse_int, render_list

from .. import permissions as rules
from .. import selectors, services
from ..forms import (
    AnnouncementForm,
    CommentForm,
    DecisionForm,
    FollowUpForm,
    MeetingForm,
    MinutesForm,
    PreferencesForm,
    ReminderSettingsForm,
    RsvpForm,
)
from ..ics import meeting_calendar
from ..models.communication import Announcement, Comment, NotificationPreference
from ..models.meetings import FollowUp, FollowUpStatus, Meeting, MeetingKind
from ._common import _can, _done, _form_page, _post_action, _slug, _tz

# Landing pages -------------------------------------------------------------------------


@require_GET
@requires("coordination.communication:view")
def communication(request):
    membership = request.membership
    upcoming = list(selectors.meeting_list(request.coalition, when="upcoming")[:5])
    context = {
        "upcoming": upcoming,
        "announcements": list(selectors.announcements_for(membership)[:5]),
        "unread_announcements": selectors.unread_announcement_count(membership),
        "unread_notifications": selectors.unread_count(membership),
        "follow_ups": list(selectors.my_follow_ups(membership)[:10])
        if _can(request, "coordination.follow_ups:view") else [],
    }
    return render(request, "coordination/communication.html", context)


# Meetings ------------------------------------------------------------------------------


@require_GET
@requires("coordination.meetings:view")
def meeting_list(request):
    when = request.GET.get("when", "upcoming")
    kind = request.GET.get("kind", "")
    page = paginate(request, selectors.meeting_list(request.coalition, when=when, kind=kind))
    mine = selectors.my_invitations(page.object_list, request.user)
    for meeting in page.object_list:
        meeting.my_invitation = mine.get(meeting.pk)
    return render_list(request, "coordination/meeting_list.html", {
        "page_obj": page, "when": when, "kind": kind, "kinds": MeetingKind.choices,
    })


def _meeting_initial(meeting):
    local = timezone.localtime(meeting.starts_at, timezone=_tz(meeting.coalition))
    return {
        "title": meeting.title, "kind": meeting.kind, "starts_on": local.date(), "start_time": local.time(),
        "duration_minutes": meeting.duration_minutes, "place": meeting.place, "video_url": meeting.video_url,
        "agenda": meeting.agenda, "body": meeting.body_id, "shared_with_funders": meeting.shared_with_funders,
        "invited_organizations": [o.pk for o in meeting.invited_organizations.all()],
        "invited_people": [u.pk for u in meeting.invited_people.all()],
    }


@requires("coordination.meetings:manage")
def meeting_create(request):
    form = MeetingForm(request.POST or None, coalition=request.coalition)
    if request.method == "POST" and form.is_valid():
        meeting = call_service(form, services.meeting_create, actor=request.user, coalition=request.coalition,
                               **form.cleaned_data)
        if meeting:
            return _done(request, _("The meeting is scheduled and the invitations are sent."),
                         "coordination:meeting", meeting.pk)
    return _form_page(request, form, title=_("Schedule a meeting"),
                      cancel_url=reverse("coordination:meetings", args=[_slug(request)]),
                      submit_label=_("Schedule the meeting"),
                      intro=_("Times are in the coalition's time zone (%(tz)s).") % {"tz": request.coalition.time_zone})


@requires("coordination.meetings:manage")
def meeting_edit(request, pk: int):
    meeting = get_object_or_404(Meeting, pk=pk)
    form = MeetingForm(request.POST or None, initial=_meeting_initial(meeting), coalition=request.coalition,
                       editing=meeting)
    if request.method == "POST" and form.is_valid():
        if call_service(form, services.meeting_update, actor=request.user, meeting=meeting, **form.cleaned_data):
            return _done(request, _("The meeting is saved; invitees receive the updated calendar entry."),
                         "coordination:meeting", meeting.pk)
    return _form_page(request, form, title=_("Edit %(title)s") % {"title": meeting.title},
                      cancel_url=reverse("coordination:meeting", args=[_slug(request), pk]))


@require_GET
@requires("coordination.meetings:view")
def meeting_detail(request, pk: int):
    meeting = get_object_or_404(Meeting.objects.select_related("body", "created_by"), pk=pk)
    details = rules.can_see_meeting_details(request.membership, meeting)
    context = {"meeting": meeting, "details": details, "decisions": selectors.meeting_decisions(meeting)}
    if details:
        invitees = selectors.meeting_invitees(meeting)
        context.update({
            "invitees": invitees,
            "my_invitation": next((i for i in invitees if i.user_id == request.user.pk), None),
            "follow_ups": selectors.meeting_follow_ups(meeting),
            "comments": selectors.comments_on(meeting=meeting),
            "comment_form": CommentForm(),
            "rsvp_form": RsvpForm(),
            "attendance_taken": any(i.attended is not None for i in invitees),
        })
    return render(request, "coordination/meeting_detail.html", context)


@require_GET
@requires("coordination.meetings:view")
def meeting_ics(request, pk: int):
    meeting = get_object_or_404(Meeting.objects.select_related("coalition", "created_by"), pk=pk)
    response = HttpResponse(meeting_calendar(meeting, membership=request.membership),
                            content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="rencontre-{meeting.pk}.ics"'
    return response


@require_POST
@requires("coordination.meetings:rsvp")
def meeting_rsvp(request, pk: int):
    meeting = get_object_or_404(Meeting, pk=pk)
    return _post_action(request, services.meeting_rsvp, _("Your answer is saved."), "coordination:meeting",
                        args=[pk], meeting=meeting, answer=request.POST.get("rsvp", ""))


@requires("coordination.meetings:manage")
def meeting_attendance(request, pk: int):
    meeting = get_object_or_404(Meeting, pk=pk)
    invitees = selectors.meeting_invitees(meeting)
    if request.method == "POST":
        try:
            services.meeting_record_attendance(actor=request.user, meeting=meeting,
                                               present_user_ids=request.POST.getlist("present"))
        except (ValidationError, ValueError) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            return _done(request, _("Attendance is recorded."), "coordination:meeting", pk)
    return render(request, "coordination/meeting_attendance.html", {"meeting": meeting, "invitees": invitees})


@requires("coordination.meetings:manage")
def meeting_minutes(request, pk: int):
    meeting = get_object_or_404(Meeting, pk=pk)
    form = MinutesForm(request.POST or None, initial={"minutes": meeting.minutes,
                                                      "publish": bool(meeting.minutes_published_at)},
                      editing=meeting)
    if request.method == "POST" and form.is_valid():
        if call_service(form, services.meeting_save_minutes, actor=request.user, meeting=meeting,
                        **form.cleaned_data):
            return _done(request, _("The minutes are saved."), "coordination:meeting", pk)
    return _form_page(request, form, title=_("Minutes of %(title)s") % {"title": meeting.title},
                      cancel_url=reverse("coordination:meeting", args=[_slug(request), pk]))


@requires("coordination.meetings:manage")
def decision_create(request, pk: int):
    meeting = get_object_or_404(Meeting, pk=pk)
    form = DecisionForm(request.POST or None, coalition=request.coalition)
    if request.method == "POST" and form.is_valid():
        if call_service(form, services.decision_add, actor=request.user, meeting=meeting, **form.cleaned_data):
            return _done(request, _("The decision is recorded."), "coordination:meeting", pk)
    return _form_page(request, form, title=_("Record a decision"), submit_label=_("Record the decision"),
                      cancel_url=reverse("coordination:meeting", args=[_slug(request), pk]))


@requires("coordination.meetings:manage")
def follow_up_create(request, pk: int):
    meeting = get_object_or_404(Meeting, pk=pk)
    form = FollowUpForm(request.POST or None, coalition=request.coalition)
    if request.method == "POST" and form.is_valid():
        if call_service(form, services.follow_up_create, actor=request.user, meeting=meeting, **form.cleaned_data):
            return _done(request, _("The follow-up is added."), "coordination:meeting", pk)
    return _form_page(request, form, title=_("Add a follow-up"),
                      cancel_url=reverse("coordination:meeting", args=[_slug(request), pk]))


@require_GET
@requires("coordination.follow_ups:view")
def follow_up_list(request):
    show = request.GET.get("show", "mine")
    done = request.GET.get("done") == "1"
    if show == "all" and _can(request, "coordination.meetings:manage"):
        follow_ups = selectors.all_follow_ups(request.coalition, include_done=done)
    else:
        show = "mine"
        follow_ups = selectors.my_follow_ups(request.membership, include_done=done)
    page = paginate(request, follow_ups)
    return render(request, "coordination/follow_up_list.html", {
        "page_obj": page, "show": show, "done": done, "statuses": FollowUpStatus.choices,
        "today": timezone.localdate(timezone=_tz(request.coalition)),
    })


@require_POST
@requires("coordination.follow_ups:update")
def follow_up_status(request, pk: int):
    follow_up = get_object_or_404(FollowUp.objects.select_related("meeting", "assignee_user", "assignee_organization"),
                                  pk=pk)
    if not rules.can_update_follow_up(request.membership, follow_up):
        raise PermissionDenied("coordination.follow_ups:update")
    if not request.htmx:
        return _post_action(request, services.follow_up_set_status, _("The follow-up is updated."),
                            "coordination:follow_ups", follow_up=follow_up, status=request.POST.get("status", ""))
    # htmx: save without leaving the page and swap the row in place.
    try:
        saved = services.follow_up_set_status(actor=request.user, follow_up=follow_up,
                                              status=request.POST.get("status", ""))
    except ValidationError as error:
        saved, message, is_error = follow_up, " ".join(error.messages), True
    else:
        saved.meeting, message, is_error = follow_up.meeting, _("The follow-up is updated."), False
    return render(request, "coordination/follow_up_list.html#follow_up_row", {
        "f": saved, "statuses": FollowUpStatus.choices, "row_message": message, "row_error": is_error,
        "today": timezone.localdate(timezone=_tz(request.coalition)),
    })


# Comments ------------------------------------------------------------------------------


def _comment(request, *, back, **target):
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.comment_add(actor=request.user, body=form.cleaned_data["body"],
                                 submission=form.cleaned_data["submission"], **target)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Your comment is posted."))
    else:
        messages.error(request, _("Write your comment before posting it."))
    return redirect(back)


@require_POST
@requires("coordination.comments:add")
def meeting_comment(request, pk: int):
    meeting = get_object_or_404(Meeting, pk=pk)
    if not rules.can_see_meeting_details(request.membership, meeting):
        raise PermissionDenied
    return _comment(request, meeting=meeting,
                    back=reverse("coordination:meeting", args=[_slug(request), pk]) + "#comments")


@require_POST
@requires("coordination.comments:add")
def announcement_comment(request, pk: int):
    announcement = get_object_or_404(Announcement, pk=pk)
    if not rules.announcement_visible_to(request.membership, announcement):
        raise Http404
    return _comment(request, announcement=announcement,
                    back=reverse("coordination:announcement", args=[_slug(request), pk]) + "#comments")


@require_POST
@requires("coordination.comments:add")
def action_comment(request, pk: int):
    """A comment on an action of the plan (conditions), shown on the action's page."""
    from conditions.selectors import visible_actions

    action = get_object_or_404(visible_actions(request.membership, request.coalition), pk=pk)
    if not rules.can_see_thread(request.membership, action):
        raise PermissionDenied
    return _comment(request, action=action,
                    back=reverse("conditions:action", args=[_slug(request), pk]) + "#comments")


@require_POST
@requires("coordination.comments:add")
def indicator_comment(request, pk: int):
    """A comment on an indicator (indicators), shown on the indicator's page."""
    from indicators.models import Indicator

    indicator = get_object_or_404(Indicator, pk=pk)
    if not rules.can_see_thread(request.membership, indicator):
        raise PermissionDenied
    return _comment(request, indicator=indicator,
                    back=reverse("indicators:indicator_detail", args=[_slug(request), pk]) + "#comments")


def _comment_back(comment) -> str:
    return services.comment_url(comment)


@requires("coordination.comments:add")
def comment_edit(request, pk: int):
    comment = get_object_or_404(Comment.objects.select_related("coalition"), pk=pk)
    if not rules.can_edit_comment(request.membership, comment):
        raise PermissionDenied
    back = _comment_back(comment)
    form = CommentForm(request.POST or None, initial={"body": comment.body}, editing=comment)
    if request.method == "POST" and form.is_valid():
        if call_service(form, services.comment_update, actor=request.user, comment=comment, **form.cleaned_data):
            messages.success(request, _("Your comment is saved."))
            return redirect(f"{back}#comment-{comment.pk}")
    return _form_page(request, form, title=_("Edit your comment"), cancel_url=back)


@requires("coordination.comments:add")
def comment_delete(request, pk: int):
    comment = get_object_or_404(Comment.objects.select_related("coalition"), pk=pk)
    if not rules.can_delete_comment(request.membership, comment):
        raise PermissionDenied
    back = _comment_back(comment)
    if request.method == "POST":
        services.comment_delete(actor=request.user, comment=comment)
        messages.success(request, _("The comment is deleted."))
        return redirect(back)
    return render(request, "coalitions/confirm.html", {
        "title": _("Delete this comment?"),
        "consequence": _("The comment will be removed from the discussion. This cannot be undone."),
        "confirm_label": _("Delete the comment"), "cancel_url": back,
    })


# Announcements -------------------------------------------------------------------------


@require_GET
@requires("coordination.announcements:view")
def announcement_list(request):
    unread = request.GET.get("unread") == "1"
    announcements = selectors.announcements_for(request.membership)
    if unread:
        announcements = announcements.filter(is_read=False)
    page = paginate(request, announcements)
    return render_list(request, "coordination/announcement_list.html", {"page_obj": page, "unread": unread})


@requires("coordination.announcements:manage")
def announcement_create(request):
    form = AnnouncementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if call_service(form, services.announcement_create, actor=request.user, coalition=request.coalition,
                        **form.cleaned_data):
            return _done(request, _("The announcement is published."), "coordination:announcements")
    return _form_page(request, form, title=_("Post an announcement"), submit_label=_("Publish"),
                      cancel_url=reverse("coordination:announcements", args=[_slug(request)]))


@require_GET
@requires("coordination.announcements:view")
def announcement_detail(request, pk: int):
    announcement = get_object_or_404(Announcement.objects.select_related("author"), pk=pk)
    if not rules.announcement_visible_to(request.membership, announcement):
        raise Http404
    services.announcement_mark_read(actor=request.user, announcement=announcement)
    return render(request, "coordination/announcement_detail.html", {
        "announcement": announcement, "comments": selectors.comments_on(announcement=announcement),
        "comment_form": CommentForm(),
    })


@require_POST
@requires("coordination.announcements:manage")
def announcement_pin(request, pk: int):
    announcement = get_object_or_404(Announcement, pk=pk)
    pinned = request.POST.get("pinned") == "1"
    return _post_action(request, services.announcement_set_pinned,
                        _("The announcement is pinned.") if pinned else _("The announcement is unpinned."),
                        "coordination:announcements", announcement=announcement, pinned=pinned)


# Notifications -------------------------------------------------------------------------


@require_GET
@requires("coordination.notifications:view")
def notification_list(request):
    unread = request.GET.get("unread") == "1"
    page = paginate(request, selectors.notifications_for(request.membership, unread_only=unread))
    return render_list(request, "coordination/notification_list.html", {
        "page_obj": page, "unread": unread, "unread_count": selectors.unread_count(request.membership),
    })


@require_POST
@requires("coordination.notifications:view")
def notification_read(request):
    ids = [i for i in map(parse_int, request.POST.getlist("id")) if i is not None] or None
    services.notifications_mark_read(actor=request.user, coalition=request.coalition, ids=ids)
    target = request.POST.get("next", "")
    if target.startswith(f"/c/{_slug(request)}/") and "//" not in target:
        return redirect(target)
    return _done(request, _("Notifications are marked as read."), "coordination:notifications")


@requires("coordination.notifications:view")
def notification_preferences(request):
    current = dict(NotificationPreference.objects.filter(coalition=request.coalition, user=request.user)
                   .values_list("kind", "frequency"))
    form = PreferencesForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        if call_service(form, services.notification_preferences_set, actor=request.user,
                        coalition=request.coalition, preferences=form.cleaned_data) is None and not form.errors:
            return _done(request, _("Your notification preferences are saved."), "coordination:notifications")
    return _form_page(request, form, title=_("Notification preferences"),
                      intro=_("For each kind of notification, choose when you receive an email. You always see "
                              "notifications here, except those set to “never”."),
                      cancel_url=reverse("coordination:notifications", args=[_slug(request)]))


@requires("coordination.reminders:manage")
def reminder_settings(request):
    current = selectors.reminder_settings(request.coalition)
    initial = {f: getattr(current, f) for f in services.REMINDER_FIELDS}
    form = ReminderSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if call_service(form, services.reminder_settings_update, actor=request.user, coalition=request.coalition,
                        **form.cleaned_data):
            return _done(request, _("The reminder settings are saved."), "coordination:reminders")
    upcoming = selectors.reminder_schedule(request.coalition)
    return render(request, "coordination/reminders.html", {"form": form, "schedule": upcoming})
