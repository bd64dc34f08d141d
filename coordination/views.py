from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from coalitions.permissions import has_permission, requires
from coalitions.web import call_service, paginate

from . import permissions as rules
from . import selectors, services
from .forms import (
    AnnouncementForm,
    BodyForm,
    CommentForm,
    DecisionForm,
    FollowUpForm,
    LibraryItemForm,
    MeetingForm,
    MinutesForm,
    PreferencesForm,
    QuestionForm,
    ReminderSettingsForm,
    RoundForm,
    RsvpForm,
    TaskForm,
    TeamMemberForm,
)
from .ics import meeting_calendar
from .models import (
    Announcement,
    AssessmentQuestion,
    AssessmentRound,
    BackboneTask,
    Comment,
    Condition,
    FollowUp,
    FollowUpStatus,
    GovernanceBody,
    LibraryItem,
    Meeting,
    MeetingKind,
    NotificationPreference,
    ResourceKind,
    RoundStatus,
    TaskStatus,
    TeamMember,
)


def _slug(request):
    return request.coalition.slug


def _done(request, message: str, to: str, *args):
    messages.success(request, message)
    return redirect(to, _slug(request), *args)


def _post_action(request, service, success: str, to: str, args=(), **kwargs):
    """A POST action without a form: errors become a message, never a 500."""
    try:
        service(actor=request.user, **kwargs)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(to, _slug(request), *args)
    return _done(request, success, to, *args)


def _form_page(request, form, *, title, cancel_url, submit_label=None, intro="", multipart=False):
    return render(request, "coordination/form.html", {
        "form": form, "title": title, "cancel_url": cancel_url, "submit_label": submit_label,
        "intro": intro, "multipart": multipart,
    })


def _can(request, permission):
    return has_permission(request.membership, permission)


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


@require_GET
@requires("coordination.backbone:view")
def backbone(request):
    coalition = request.coalition
    context = {"library_count": selectors.library(coalition).count()}
    if _can(request, "coordination.team:view"):
        context.update({"team": list(selectors.team(coalition)), "bodies": list(selectors.bodies(coalition))})
    if _can(request, "coordination.tasks:view"):
        board = selectors.task_board(coalition)
        context["task_counts"] = {status: len(tasks) for status, tasks in board.items()}
    if _can(request, "coordination.assessment:view"):
        context["rounds"] = list(selectors.rounds(coalition)[:2])
    return render(request, "coordination/backbone.html", context)


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
    return render(request, "coordination/meeting_list.html", {
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


def _tz(coalition):
    from zoneinfo import ZoneInfo

    return ZoneInfo(coalition.time_zone)


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
    form = MeetingForm(request.POST or None, initial=_meeting_initial(meeting), coalition=request.coalition)
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
                                                      "publish": bool(meeting.minutes_published_at)})
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
    follow_up = get_object_or_404(FollowUp, pk=pk)
    if not rules.can_update_follow_up(request.membership, follow_up):
        raise PermissionDenied("coordination.follow_ups:update")
    return _post_action(request, services.follow_up_set_status, _("The follow-up is updated."),
                        "coordination:follow_ups", follow_up=follow_up, status=request.POST.get("status", ""))


# Comments ------------------------------------------------------------------------------


def _comment(request, *, meeting=None, announcement=None, back):
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.comment_add(actor=request.user, body=form.cleaned_data["body"], meeting=meeting,
                                 announcement=announcement)
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


@requires("coordination.comments:add")
def comment_edit(request, pk: int):
    comment = get_object_or_404(Comment, pk=pk)
    if not rules.can_edit_comment(request.membership, comment):
        raise PermissionDenied
    back = (reverse("coordination:meeting", args=[_slug(request), comment.meeting_id]) if comment.meeting_id
            else reverse("coordination:announcement", args=[_slug(request), comment.announcement_id]))
    form = CommentForm(request.POST or None, initial={"body": comment.body})
    if request.method == "POST" and form.is_valid():
        if call_service(form, services.comment_update, actor=request.user, comment=comment, **form.cleaned_data):
            messages.success(request, _("Your comment is saved."))
            return redirect(f"{back}#comment-{comment.pk}")
    return _form_page(request, form, title=_("Edit your comment"), cancel_url=back)


@requires("coordination.comments:add")
def comment_delete(request, pk: int):
    comment = get_object_or_404(Comment.objects.select_related("meeting", "announcement"), pk=pk)
    if not rules.can_delete_comment(request.membership, comment):
        raise PermissionDenied
    back = (reverse("coordination:meeting", args=[_slug(request), comment.meeting_id]) if comment.meeting_id
            else reverse("coordination:announcement", args=[_slug(request), comment.announcement_id]))
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
    return render(request, "coordination/announcement_list.html", {"page_obj": page, "unread": unread})


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
    return render(request, "coordination/notification_list.html", {
        "page_obj": page, "unread": unread, "unread_count": selectors.unread_count(request.membership),
    })


@require_POST
@requires("coordination.notifications:view")
def notification_read(request):
    ids = [int(i) for i in request.POST.getlist("id") if i.isdigit()] or None
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


# Backbone: team and governance ---------------------------------------------------------


@require_GET
@requires("coordination.team:view")
def team(request):
    return render(request, "coordination/team.html", {
        "team": list(selectors.team(request.coalition)),
        "bodies": list(selectors.bodies(request.coalition)),
    })


@requires("coordination.team:manage")
def team_member_create(request):
    form = TeamMemberForm(request.POST or None, coalition=request.coalition)
    if request.method == "POST" and form.is_valid():
        if call_service(form, services.team_member_add, actor=request.user, coalition=request.coalition,
                        **form.cleaned_data):
            return _done(request, _("The person is added to the coordination team."), "coordination:team")
    return _form_page(request, form, title=_("Add a team member"),
                      cancel_url=reverse("coordination:team", args=[_slug(request)]))


@requires("coordination.team:manage")
def team_member_delete(request, pk: int):
    member = get_object_or_404(TeamMember.objects.select_related("user"), pk=pk)
    if request.method == "POST":
        return _post_action(request, services.team_member_remove, _("The person is removed from the team."),
                            "coordination:team", team_member=member)
    return render(request, "coalitions/confirm.html", {
        "title": _("Remove %(name)s from the coordination team?") % {"name": member.user},
        "consequence": _("The person stays a member of the coalition; only their team role is removed."),
        "confirm_label": _("Remove from the team"),
        "cancel_url": reverse("coordination:team", args=[_slug(request)]),
    })


@requires("coordination.team:manage")
def body_create(request):
    form = BodyForm(request.POST or None, coalition=request.coalition)
    if request.method == "POST" and form.is_valid():
        body = call_service(form, services.body_save, actor=request.user, coalition=request.coalition,
                            **form.cleaned_data)
        if body:
            return _done(request, _("The governance body is saved."), "coordination:body", body.pk)
    return _form_page(request, form, title=_("Add a governance body"),
                      cancel_url=reverse("coordination:team", args=[_slug(request)]))


@requires("coordination.team:manage")
def body_edit(request, pk: int):
    body = get_object_or_404(GovernanceBody, pk=pk)
    initial = {"name": body.name, "kind": body.kind, "mandate": body.mandate,
               "members": [u.pk for u in body.members.all()], "organizations": [o.pk for o in body.organizations.all()]}
    form = BodyForm(request.POST or None, initial=initial, coalition=request.coalition)
    if request.method == "POST" and form.is_valid():
        if call_service(form, services.body_save, actor=request.user, coalition=request.coalition, body=body,
                        **form.cleaned_data):
            return _done(request, _("The governance body is saved."), "coordination:body", body.pk)
    return _form_page(request, form, title=_("Edit %(title)s") % {"title": body.name},
                      cancel_url=reverse("coordination:body", args=[_slug(request), pk]))


@require_GET
@requires("coordination.team:view")
def body_detail(request, pk: int):
    body = get_object_or_404(GovernanceBody.objects.prefetch_related("members", "organizations"), pk=pk)
    return render(request, "coordination/body_detail.html", {
        "body": body, "meetings": list(selectors.body_meetings(body)[:20]),
    })


# Backbone: tasks -----------------------------------------------------------------------


@require_GET
@requires("coordination.tasks:view")
def task_board(request):
    owner = request.GET.get("owner", "")
    board = selectors.task_board(request.coalition, owner_id=int(owner) if owner.isdigit() else None)
    columns = [(status, label, board[status]) for status, label in TaskStatus.choices]
    return render(request, "coordination/task_board.html", {
        "columns": columns, "owner": owner, "count": sum(len(t) for t in board.values()),
        "statuses": TaskStatus.choices, "today": timezone.localdate(timezone=_tz(request.coalition)),
    })


@requires("coordination.tasks:manage")
def task_create(request):
    form = TaskForm(request.POST or None, coalition=request.coalition, initial={"meeting": request.GET.get("meeting")})
    if request.method == "POST" and form.is_valid():
        if call_service(form, services.task_save, actor=request.user, coalition=request.coalition,
                        **form.cleaned_data):
            return _done(request, _("The task is added to the board."), "coordination:tasks")
    return _form_page(request, form, title=_("Add a task"), cancel_url=reverse("coordination:tasks",
                                                                               args=[_slug(request)]))


@requires("coordination.tasks:manage")
def task_edit(request, pk: int):
    task = get_object_or_404(BackboneTask, pk=pk)
    initial = {"title": task.title, "description": task.description, "status": task.status,
               "owner": task.owner_id, "due_on": task.due_on, "meeting": task.meeting_id}
    form = TaskForm(request.POST or None, coalition=request.coalition, initial=initial)
    if request.method == "POST" and form.is_valid():
        if call_service(form, services.task_save, actor=request.user, coalition=request.coalition, task=task,
                        **form.cleaned_data):
            return _done(request, _("The task is saved."), "coordination:tasks")
    return _form_page(request, form, title=_("Edit %(title)s") % {"title": task.title},
                      cancel_url=reverse("coordination:tasks", args=[_slug(request)]))


@require_POST
@requires("coordination.tasks:manage")
def task_move(request, pk: int):
    task = get_object_or_404(BackboneTask, pk=pk)
    return _post_action(request, services.task_move, _("The task is moved."), "coordination:tasks",
                        task=task, status=request.POST.get("status", ""))


# Backbone: library ---------------------------------------------------------------------


@require_GET
@requires("coordination.library:view")
def library(request):
    q, condition, tag = request.GET.get("q", ""), request.GET.get("condition", ""), request.GET.get("tag", "")
    page = paginate(request, selectors.library(request.coalition, q=q, condition=condition, tag=tag))
    for item in page.object_list:
        item.can_delete = rules.can_delete_library_item(request.membership, item)
    return render(request, "coordination/library.html", {
        "page_obj": page, "q": q, "condition": condition, "tag": tag, "conditions": Condition.choices,
        "kinds": ResourceKind.choices,
    })


@requires("coordination.library:add")
def library_create(request):
    form = LibraryItemForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        if call_service(form, services.library_add, actor=request.user, coalition=request.coalition,
                        **form.cleaned_data):
            return _done(request, _("The resource is added to the library."), "coordination:library")
    return _form_page(request, form, title=_("Add a resource"), multipart=True,
                      cancel_url=reverse("coordination:library", args=[_slug(request)]))


@require_GET
@requires("coordination.library:view")
def library_download(request, pk: int):
    """Files are never public: they are read from MEDIA_ROOT and sent only to members."""
    item = get_object_or_404(LibraryItem, pk=pk)
    if not item.file:
        if item.url:
            return redirect(item.url)
        raise Http404
    try:
        handle = item.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    name = item.file.name.rsplit("/", 1)[-1]
    response = FileResponse(handle, as_attachment=True, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@requires("coordination.library:add")
def library_delete(request, pk: int):
    item = get_object_or_404(LibraryItem, pk=pk)
    if not rules.can_delete_library_item(request.membership, item):
        raise PermissionDenied
    if request.method == "POST":
        return _post_action(request, services.library_delete, _("The resource is deleted."), "coordination:library",
                            item=item)
    return render(request, "coalitions/confirm.html", {
        "title": _("Delete %(title)s?") % {"title": item.title},
        "consequence": _("The resource and its file will be deleted from the library."),
        "confirm_label": _("Delete the resource"),
        "cancel_url": reverse("coordination:library", args=[_slug(request)]),
    })


# Backbone: self-assessment -------------------------------------------------------------


@require_GET
@requires("coordination.assessment:view")
def assessment_list(request):
    page = paginate(request, selectors.rounds(request.coalition))
    return render(request, "coordination/assessment_list.html", {"page_obj": page})


@requires("coordination.assessment:manage")
def assessment_create(request):
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        round_ = call_service(form, services.round_open, actor=request.user, coalition=request.coalition,
                              **form.cleaned_data)
        if round_:
            return _done(request, _("The round is open; partners can answer now."), "coordination:assessment",
                         round_.pk)
    return _form_page(request, form, title=_("Open a self-assessment round"), submit_label=_("Open the round"),
                      intro=_("The questions of the previous round (or our default set) are copied; you can edit "
                              "them once the round is open."),
                      cancel_url=reverse("coordination:assessments", args=[_slug(request)]))


@require_GET
@requires("coordination.assessment:view")
def assessment_detail(request, pk: int):
    round_ = get_object_or_404(AssessmentRound, pk=pk)
    language = get_language() or "fr"
    return render(request, "coordination/assessment_detail.html", {
        "round": round_, "results": selectors.round_results(round_, language=language),
        "questions": selectors.round_questions(round_), "language": language,
        "min_answers": selectors.MIN_ANSWERS,
        "answered": bool(selectors.my_answers(round_, request.membership)) if request.membership.organization_id
        else False,
    })


@requires("coordination.assessment:answer")
def assessment_answer(request, pk: int):
    round_ = get_object_or_404(AssessmentRound, pk=pk)
    questions = selectors.round_questions(round_)
    mine = selectors.my_answers(round_, request.membership)
    language = get_language() or "fr"
    errors = {}
    if request.method == "POST":
        answers = {}
        for q in questions:
            raw = request.POST.get(f"score_{q.pk}", "")
            answers[q.pk] = (int(raw) if raw.isdigit() else None, request.POST.get(f"comment_{q.pk}", "")[:2000])
            if raw and not raw.isdigit():
                errors[f"score_{q.pk}"] = [_("Choose a score from 1 to 5.")]
        if not errors:
            try:
                saved = services.assessment_answer(actor=request.user, round_=round_, answers=answers)
            except ValidationError as error:
                errors = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
            else:
                if saved:
                    return _done(request, _("Your organization's answers are saved."), "coordination:assessment",
                                 pk)
                errors = {"__all__": [_("Choose a score for at least one statement.")]}
    rows = [{"question": q, "text": q.text(language), "answer": mine.get(q.pk),
             "score": request.POST.get(f"score_{q.pk}") or (str(mine[q.pk].score) if q.pk in mine else ""),
             "comment": request.POST.get(f"comment_{q.pk}") or (mine[q.pk].comment if q.pk in mine else ""),
             "errors": errors.get(f"score_{q.pk}", []), "label": Condition(q.condition).label}
            for q in questions]
    return render(request, "coordination/assessment_answer.html", {
        "round": round_, "rows": rows, "errors": errors.get("__all__", []), "scores": ["1", "2", "3", "4", "5"],
        "closed": round_.status != RoundStatus.OPEN,
    })


@requires("coordination.assessment:manage")
def assessment_question_edit(request, pk: int):
    question = get_object_or_404(AssessmentQuestion.objects.select_related("round"), pk=pk)
    form = QuestionForm(request.POST or None, initial={"text_fr": question.text_fr, "text_en": question.text_en})
    if request.method == "POST" and form.is_valid():
        if call_service(form, services.question_update, actor=request.user, question=question, **form.cleaned_data):
            return _done(request, _("The statement is saved."), "coordination:assessment", question.round_id)
    return _form_page(request, form, title=_("Edit a statement"),
                      cancel_url=reverse("coordination:assessment", args=[_slug(request), question.round_id]))


@require_POST
@requires("coordination.assessment:manage")
def assessment_close(request, pk: int):
    round_ = get_object_or_404(AssessmentRound, pk=pk)
    return _post_action(request, services.round_close, _("The round is closed."), "coordination:assessment",
                        args=[pk], round_=round_)

