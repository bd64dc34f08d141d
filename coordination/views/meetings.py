"""Views of condition 4: the communication landing page, meetings (schedule, details, calendar
entry, answers, attendance, minutes, decisions) and their follow-ups."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from coalitions.permissions import object_for, requires
from coalitions.selectors import organizations_without_active_members
from coalitions.web import call_service, error_text, paginate, post_action, redirect_with_message, render_list

from .. import permissions as rules
from ..forms import CommentForm, DecisionForm, FollowUpForm, MeetingForm, MinutesForm, RsvpForm
from ..ics import meeting_calendar
from ..models.meetings import FollowUp, FollowUpStatus, Meeting, MeetingKind
from ..permissions import (
    COMMUNICATION_VIEW,
    FOLLOW_UPS_UPDATE,
    FOLLOW_UPS_VIEW,
    MEETINGS_MANAGE,
    MEETINGS_RSVP,
    MEETINGS_VIEW,
)
from ..selectors import communication as communication_selectors
from ..selectors import meetings as meetings_selectors
from ..services import meetings as meetings_services
from ._common import _can, _form_page, _slug, _tz

# Landing page --------------------------------------------------------------------------


@require_GET
@requires(COMMUNICATION_VIEW)
def communication(request):
    membership = request.membership
    upcoming = list(meetings_selectors.meeting_list(request.coalition, when="upcoming")[:5])
    context = {
        "upcoming": upcoming,
        "announcements": list(communication_selectors.announcements_for(membership)[:5]),
        "unread_announcements": communication_selectors.unread_announcement_count(membership),
        "unread_notifications": communication_selectors.unread_count(membership),
        "follow_ups": list(meetings_selectors.my_follow_ups(membership)[:10])
        if _can(request, FOLLOW_UPS_VIEW) else [],
    }
    return render(request, "coordination/communication.html", context)


# Meetings ------------------------------------------------------------------------------


@require_GET
@requires(MEETINGS_VIEW)
def meeting_list(request):
    when = request.GET.get("when", "upcoming")
    kind = request.GET.get("kind", "")
    page = paginate(request, meetings_selectors.meeting_list(request.coalition, when=when, kind=kind))
    mine = meetings_selectors.my_invitations(page.object_list, request.user)
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


def _warn_unreachable(request, meeting) -> None:
    """Right after saving: the invited organisations that have nobody to invite (the meeting
    page lists them, with a link to invite a person)."""
    unreachable = organizations_without_active_members(
        request.coalition, meeting.invited_organizations.values_list("pk", flat=True))
    if unreachable:
        messages.warning(request, ngettext(
            "%(names)s has no active member: nobody there is invited. Invite a person from the meeting page.",
            "%(names)s have no active member: nobody there is invited. Invite a person from the meeting page.",
            len(unreachable)) % {"names": ", ".join(o.name for o in unreachable)})


@requires(MEETINGS_MANAGE)
def meeting_create(request):
    form = MeetingForm(request.POST or None, coalition=request.coalition)
    if request.method == "POST" and form.is_valid():
        meeting = call_service(form, meetings_services.meeting_create, actor=request.user, coalition=request.coalition,
                               **form.cleaned_data)
        if meeting:
            _warn_unreachable(request, meeting)
            return redirect_with_message(request, "coordination:meeting", meeting.pk,
                                         success=_("The meeting is scheduled and the invitations are sent."))
    return _form_page(request, form, title=_("Schedule a meeting"),
                      cancel_url=reverse("coordination:meetings", args=[_slug(request)]),
                      submit_label=_("Schedule the meeting"),
                      intro=_("Times are in the coalition's time zone (%(tz)s).") % {"tz": request.coalition.time_zone})


@requires(MEETINGS_MANAGE)
def meeting_edit(request, pk: int):
    meeting = object_for(request, Meeting, pk=pk)
    form = MeetingForm(request.POST or None, initial=_meeting_initial(meeting), coalition=request.coalition,
                       editing=meeting)
    if request.method == "POST" and form.is_valid():
        if call_service(form, meetings_services.meeting_update, actor=request.user,
                        meeting=meeting, **form.cleaned_data):
            _warn_unreachable(request, meeting)
            return redirect_with_message(request, "coordination:meeting", meeting.pk, success=_(
                "The meeting is saved; invitees receive the updated calendar entry."))
    return _form_page(request, form, title=_("Edit %(title)s") % {"title": meeting.title},
                      cancel_url=reverse("coordination:meeting", args=[_slug(request), pk]))


@require_GET
@requires(MEETINGS_VIEW)
def meeting_detail(request, pk: int):
    meeting = object_for(request, Meeting.objects.select_related("body", "created_by"), pk=pk)
    details = rules.can_see_meeting_details(request.membership, meeting)
    context = {"meeting": meeting, "details": details, "decisions": meetings_selectors.meeting_decisions(meeting)}
    if details:
        invitees = meetings_selectors.meeting_invitees(meeting)
        context.update({
            "invitees": invitees,
            "my_invitation": next((i for i in invitees if i.user_id == request.user.pk), None),
            "follow_ups": meetings_selectors.meeting_follow_ups(meeting),
            "comments": communication_selectors.comments_on(meeting=meeting),
            "comment_form": CommentForm(),
            "rsvp_form": RsvpForm(),
            "attendance_taken": any(i.attended is not None for i in invitees),
            # Invited organisations nobody of which is invited: said where the invitation is seen.
            "unreachable": organizations_without_active_members(
                request.coalition, meeting.invited_organizations.values_list("pk", flat=True),
            ) if _can(request, MEETINGS_MANAGE) else [],
        })
    return render(request, "coordination/meeting_detail.html", context)


@require_GET
@requires(MEETINGS_VIEW)
def meeting_ics(request, pk: int):
    meeting = object_for(request, Meeting.objects.select_related("coalition", "created_by"), pk=pk)
    response = HttpResponse(meeting_calendar(meeting, membership=request.membership),
                            content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="rencontre-{meeting.pk}.ics"'
    return response


@require_POST
@requires(MEETINGS_RSVP)
def meeting_rsvp(request, pk: int):
    meeting = object_for(request, Meeting, pk=pk)
    return post_action(request, meetings_services.meeting_rsvp, _("Your answer is saved."), "coordination:meeting",
                       args=[pk], meeting=meeting, answer=request.POST.get("rsvp", ""))


@requires(MEETINGS_MANAGE)
def meeting_attendance(request, pk: int):
    meeting = object_for(request, Meeting, pk=pk)
    invitees = meetings_selectors.meeting_invitees(meeting)
    if request.method == "POST":
        try:
            meetings_services.meeting_record_attendance(actor=request.user, meeting=meeting,
                                               present_user_ids=request.POST.getlist("present"))
        except (ValidationError, ValueError) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            return redirect_with_message(request, "coordination:meeting", pk, success=_("Attendance is recorded."))
    return render(request, "coordination/meeting_attendance.html", {"meeting": meeting, "invitees": invitees})


@requires(MEETINGS_MANAGE)
def meeting_minutes(request, pk: int):
    meeting = object_for(request, Meeting, pk=pk)
    form = MinutesForm(request.POST or None, initial={"minutes": meeting.minutes,
                                                      "publish": bool(meeting.minutes_published_at)},
                      editing=meeting)
    if request.method == "POST" and form.is_valid():
        if call_service(form, meetings_services.meeting_save_minutes, actor=request.user, meeting=meeting,
                        **form.cleaned_data):
            return redirect_with_message(request, "coordination:meeting", pk, success=_("The minutes are saved."))
    return _form_page(request, form, title=_("Minutes of %(title)s") % {"title": meeting.title},
                      cancel_url=reverse("coordination:meeting", args=[_slug(request), pk]))


@requires(MEETINGS_MANAGE)
def decision_create(request, pk: int):
    meeting = object_for(request, Meeting, pk=pk)
    form = DecisionForm(request.POST or None, coalition=request.coalition)
    if request.method == "POST" and form.is_valid():
        if call_service(form, meetings_services.decision_add, actor=request.user, meeting=meeting, **form.cleaned_data):
            return redirect_with_message(request, "coordination:meeting", pk, success=_("The decision is recorded."))
    return _form_page(request, form, title=_("Record a decision"), submit_label=_("Record the decision"),
                      cancel_url=reverse("coordination:meeting", args=[_slug(request), pk]))


@requires(MEETINGS_MANAGE)
def follow_up_create(request, pk: int):
    meeting = object_for(request, Meeting, pk=pk)
    form = FollowUpForm(request.POST or None, coalition=request.coalition)
    if request.method == "POST" and form.is_valid():
        if call_service(form, meetings_services.follow_up_create, actor=request.user,
                        meeting=meeting, **form.cleaned_data):
            return redirect_with_message(request, "coordination:meeting", pk, success=_("The follow-up is added."))
    return _form_page(request, form, title=_("Add a follow-up"),
                      cancel_url=reverse("coordination:meeting", args=[_slug(request), pk]))


@require_GET
@requires(FOLLOW_UPS_VIEW)
def follow_up_list(request):
    show = request.GET.get("show", "mine")
    done = request.GET.get("done") == "1"
    today = timezone.localdate(timezone=_tz(request.coalition))
    overdue = request.GET.get("overdue") == "1"  # the coordinator's home links here with its count
    if show == "all" and _can(request, MEETINGS_MANAGE):
        follow_ups = meetings_selectors.all_follow_ups(request.coalition, include_done=done,
                                                       overdue_on=today if overdue else None)
    else:
        show = "mine"
        follow_ups = meetings_selectors.my_follow_ups(request.membership, include_done=done,
                                                      overdue_on=today if overdue else None)
    page = paginate(request, follow_ups)
    return render(request, "coordination/follow_up_list.html", {
        "page_obj": page, "show": show, "done": done, "overdue": overdue, "statuses": FollowUpStatus.choices,
        "today": today,
    })


@require_POST
@requires(FOLLOW_UPS_UPDATE)
def follow_up_status(request, pk: int):
    follow_ups = FollowUp.objects.select_related("meeting", "assignee_user", "assignee_organization")
    follow_up = object_for(request, follow_ups, pk=pk, may=rules.can_update_follow_up)
    if not request.htmx:
        return post_action(request, meetings_services.follow_up_set_status, _("The follow-up is updated."),
                           "coordination:follow_ups", follow_up=follow_up, status=request.POST.get("status", ""))
    # htmx: save without leaving the page and swap the row in place.
    try:
        saved = meetings_services.follow_up_set_status(actor=request.user, follow_up=follow_up,
                                              status=request.POST.get("status", ""))
    except ValidationError as error:
        saved, message, is_error = follow_up, error_text(error), True
    else:
        saved.meeting, message, is_error = follow_up.meeting, _("The follow-up is updated."), False
    return render(request, "coordination/follow_up_list.html#follow_up_row", {
        "f": saved, "statuses": FollowUpStatus.choices, "row_message": message, "row_error": is_error,
        "today": timezone.localdate(timezone=_tz(request.coalition)),
    })
