"""Harmonised practices (condition 2): the list every member reads, the coordinators' edits."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from coalitions.permissions import has_permission, object_for, requires
from coalitions.web import call_service, confirm_then_act, paginate, post_action, redirect_with_message, render_list

from ..forms import PracticeFilterForm, PracticeForm
from ..models import Practice
from ..permissions import PRACTICES_MANAGE, PRACTICES_VIEW
from ..selectors import practices as selectors
from ..services import practices as services


@require_GET
@requires(PRACTICES_VIEW)
def practice_list(request):
    coalition = request.coalition
    form = PracticeFilterForm(request.GET or None, coalition=coalition)
    archived = request.GET.get("archived") == "1"
    found = selectors.practices(coalition, archived=archived, **form.filters())
    return render_list(request, "conditions/practice_list.html", {
        "filter_form": form, "page_obj": paginate(request, found), "archived": archived,
        "archived_count": 0 if archived else selectors.archived_count(coalition),
        "manages": has_permission(request.membership, PRACTICES_MANAGE),
    })


@require_GET
@requires(PRACTICES_VIEW)
def practice_detail(request, pk: int):
    practice = object_for(request, selectors.practices(request.coalition, archived=None), pk=pk)
    return render(request, "conditions/practice_detail.html", {
        "practice": practice, "library_items": selectors.library_items(practice),
        "manages": has_permission(request.membership, PRACTICES_MANAGE),
    })


def _form(request, instance=None):
    return PracticeForm(request.POST or None, instance=instance, coalition=request.coalition,
                        library_choices=selectors.library_choices(request.coalition))


@requires(PRACTICES_MANAGE)
def practice_create(request):
    form = _form(request)
    if request.method == "POST" and form.is_valid():
        practice = call_service(form, services.practice_create, actor=request.user, coalition=request.coalition,
                                **form.cleaned_data)
        if practice:
            return redirect_with_message(request, "conditions:practice", practice.pk,
                                         success=_("The practice is added. Partners can now say where they are."))
    return render(request, "conditions/form_page.html", {
        "form": form, "title": _("New shared practice"), "submit_label": _("Add the practice"),
        "intro": _("A message, a tool or a way of welcoming, supporting or referring families that the partners "
                   "agree to share."),
        "cancel_url": reverse("conditions:practices", args=[request.coalition.slug]),
    })


@requires(PRACTICES_MANAGE)
def practice_edit(request, pk: int):
    practice = object_for(request, Practice, pk=pk)
    form = _form(request, practice)
    if request.method == "POST" and form.is_valid():
        fresh = object_for(request, Practice, pk=pk)
        if call_service(form, services.practice_update, actor=request.user, practice=fresh, **form.cleaned_data):
            return redirect_with_message(request, "conditions:practice", pk, success=_("The practice is saved."))
    return render(request, "conditions/form_page.html", {
        "form": form, "title": _("Edit %(name)s") % {"name": practice.title},
        "cancel_url": reverse("conditions:practice", args=[request.coalition.slug, pk]),
    })


@requires(PRACTICES_MANAGE)
def practice_archive(request, pk: int):
    practice = object_for(request, Practice, pk=pk)
    return confirm_then_act(
        request, services.practice_archive, practice=practice, success=_("The practice is archived."),
        to="conditions:practices", title=_("Archive the practice %(name)s?") % {"name": practice.title},
        consequence=_("It leaves the list of practices and the adoption board; partners no longer record their "
                      "adoption of it. What they recorded and its history are kept, and you can restore it "
                      "from the archived practices."),
        confirm_label=_("Archive the practice"))


@require_POST
@requires(PRACTICES_MANAGE)
def practice_restore(request, pk: int):
    practice = object_for(request, Practice, pk=pk)
    return post_action(request, services.practice_restore, _("The practice is restored."), "conditions:practice",
                       args=(pk,), practice=practice)
