"""Views of condition 4: notifications, each member's preferences, and the reminder settings."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from coalitions.permissions import requires
from coalitions.web import call_service, paginate, parse_int, redirect_with_message, render_list

from ..forms import PreferencesForm, ReminderSettingsForm
from ..models.communication import NotificationPreference
from ..permissions import NOTIFICATIONS_VIEW, REMINDERS_MANAGE
from ..selectors import communication as communication_selectors
from ..selectors import reminders as reminders_selectors
from ..services import communication as communication_services
from ..services import reminders as reminders_services
from ._common import _form_page, _slug

# Notifications -------------------------------------------------------------------------


@require_GET
@requires(NOTIFICATIONS_VIEW)
def notification_list(request):
    unread = request.GET.get("unread") == "1"
    page = paginate(request, communication_selectors.notifications_for(request.membership, unread_only=unread))
    return render_list(request, "coordination/notification_list.html", {
        "page_obj": page, "unread": unread, "unread_count": communication_selectors.unread_count(request.membership),
    })


@require_POST
@requires(NOTIFICATIONS_VIEW)
def notification_read(request):
    ids = [i for i in map(parse_int, request.POST.getlist("id")) if i is not None] or None
    communication_services.notifications_mark_read(actor=request.user, coalition=request.coalition, ids=ids)
    target = request.POST.get("next", "")
    if target.startswith(f"/c/{_slug(request)}/") and "//" not in target:
        return redirect_with_message(request, target)
    return redirect_with_message(request, "coordination:notifications",
                                 success=_("Notifications are marked as read."))


@requires(NOTIFICATIONS_VIEW)
def notification_preferences(request):
    current = dict(NotificationPreference.objects.filter(coalition=request.coalition, user=request.user)
                   .values_list("kind", "frequency"))
    form = PreferencesForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        if call_service(form, communication_services.notification_preferences_set, actor=request.user,
                        coalition=request.coalition, preferences=form.cleaned_data) is None and not form.errors:
            return redirect_with_message(request, "coordination:notifications",
                                         success=_("Your notification preferences are saved."))
    return _form_page(request, form, title=_("Notification preferences"),
                      intro=_("For each kind of notification, choose when you receive an email. You always see "
                              "notifications here, except those set to “never”."),
                      cancel_url=reverse("coordination:notifications", args=[_slug(request)]))


@requires(REMINDERS_MANAGE)
def reminder_settings(request):
    current = reminders_selectors.reminder_settings(request.coalition)
    initial = {f: getattr(current, f) for f in reminders_services.REMINDER_FIELDS}
    form = ReminderSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if call_service(form, reminders_services.reminder_settings_update, actor=request.user,
                        coalition=request.coalition,
                        **form.cleaned_data):
            return redirect_with_message(request, "coordination:reminders",
                                         success=_("The reminder settings are saved."))
    page = paginate(request, reminders_selectors.reminder_schedule(request.coalition))
    return render(request, "coordination/reminders.html", {"form": form, "page_obj": page})
