"""Harmonised practices (condition 2): the list every member reads, the coordinators' edits."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from coalitions.dates import local_today
from coalitions.permissions import has_permission, object_for, requires
from coalitions.web import (
    call_service,
    confirm_then_act,
    paginate,
    parse_int,
    post_action,
    redirect_with_message,
    render_list,
)

from ..forms import AdoptionForm, PracticeFilterForm, PracticeForm, ReferralForm
from ..models import AdoptionStatus, Practice, PracticeAdoption, Priority, ReferralPath
from ..permissions import (
    PRACTICES_ADOPT,
    PRACTICES_BOARD,
    PRACTICES_MANAGE,
    PRACTICES_VIEW,
    may_record_adoption,
)
from ..selectors import endorsing_organizations
from ..selectors import practices as selectors
from ..services import practices as services


@require_GET
@requires(PRACTICES_VIEW)
def practice_list(request):
    coalition = request.coalition
    form = PracticeFilterForm(request.GET or None, coalition=coalition)
    archived = request.GET.get("archived") == "1"
    found = selectors.practices(coalition, archived=archived, **form.filters())
    page = paginate(request, found)
    own = request.membership.organization if has_permission(request.membership, PRACTICES_ADOPT) else None
    if own is not None and may_record_adoption(request.membership, own):
        mine = selectors.adoptions_of(own.pk, [p.pk for p in page.object_list])
        for practice in page.object_list:
            practice.mine = mine.get(practice.pk)
    else:
        own = None
    return render_list(request, "conditions/practice_list.html", {
        "filter_form": form, "page_obj": page, "archived": archived, "own": own,
        "sees_board": has_permission(request.membership, PRACTICES_BOARD),
        "archived_count": 0 if archived else selectors.archived_count(coalition),
        "manages": has_permission(request.membership, PRACTICES_MANAGE),
    })


@require_GET
@requires(PRACTICES_VIEW)
def practice_detail(request, pk: int):
    practice = object_for(request, selectors.practices(request.coalition, archived=None), pk=pk)
    membership = request.membership
    own = membership.organization if membership.organization_id else None
    records_own = own is not None and has_permission(membership, PRACTICES_ADOPT) and \
        may_record_adoption(membership, own)
    sees_board = has_permission(membership, PRACTICES_BOARD)
    return render(request, "conditions/practice_detail.html", {
        "practice": practice, "library_items": selectors.library_items(practice),
        "manages": has_permission(membership, PRACTICES_MANAGE), "sees_board": sees_board,
        "own": own if records_own else None,
        "mine": selectors.adoptions_of(own.pk, [practice.pk]).get(practice.pk) if records_own and own else None,
        "adoptions": selectors.practice_adoptions(practice) if sees_board else [],
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


# Adoption ------------------------------------------------------------------------------


@requires(PRACTICES_ADOPT)
def adoption_edit(request, pk: int, organization_pk: int):
    """A partner records its own organisation's adoption (403 for another's); a coordinator any."""
    practice = object_for(request, Practice.objects.filter(archived_at__isnull=True), pk=pk)
    organization = object_for(request, endorsing_organizations(request.coalition), pk=organization_pk,
                              may=may_record_adoption)
    adoption = PracticeAdoption.objects.filter(practice=practice, organization=organization).first()
    initial = {} if adoption else {"since": local_today(request.coalition)}
    form = AdoptionForm(request.POST or None, instance=adoption, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {name: value for name, value in form.cleaned_data.items() if name != "submission"}
        if call_service(form, services.adoption_record, actor=request.user, practice=practice,
                        organization=organization, **data):
            to = "conditions:practice_board" if has_permission(request.membership, PRACTICES_BOARD) else \
                "conditions:practice"
            return redirect_with_message(request, to, *([] if to.endswith("board") else [pk]),
                                         success=_("The adoption is recorded. Thank you!"))
    return render(request, "conditions/form_page.html", {
        "form": form, "title": _("%(organization)s and the practice %(practice)s") % {
            "organization": organization.name, "practice": practice.title},
        "intro": practice.description, "submit_label": _("Record the adoption"),
        "cancel_url": reverse("conditions:practice", args=[request.coalition.slug, pk]),
    })


@require_GET
@requires(PRACTICES_BOARD)
def practice_board(request):
    board = selectors.adoption_board(request.coalition)
    return render(request, "conditions/practice_board.html", {
        "board": board, "statuses": AdoptionStatus.choices,
        "trend": selectors.adoption_trend(request.coalition, local_today(request.coalition),
                                          possible=board["possible"]),
    })


# Referral paths --------------------------------------------------------------------------


def _referrals_page(request, priority_key, form=None):
    coalition = request.coalition
    priorities = list(Priority.objects.filter(coalition=coalition).order_by("position", "pk"))
    chosen_pk = parse_int(priority_key)
    priority = next((p for p in priorities if p.pk == chosen_pk), priorities[0] if priorities else None)
    manages = has_permission(request.membership, PRACTICES_MANAGE)
    if manages and priority is not None and form is None:
        form = ReferralForm(organizations=endorsing_organizations(coalition).order_by("name"))
    return render(request, "conditions/referrals.html", {
        "priorities": priorities, "priority": priority, "map": selectors.referral_map(coalition, priority),
        "form": form if manages and priority is not None else None, "manages": manages,
    })


@require_GET
@requires(PRACTICES_VIEW)
def referrals(request):
    """Under a priority, which organisation refers families to which: a diagram and its table."""
    return _referrals_page(request, request.GET.get("priority"))


@require_POST
@requires(PRACTICES_MANAGE)
def referral_create(request):
    """A coordinator draws a path under the priority shown; a refusal re-renders the page."""
    form = ReferralForm(request.POST, organizations=endorsing_organizations(request.coalition).order_by("name"))
    priority = Priority.objects.filter(coalition=request.coalition, pk=parse_int(request.POST.get("priority"))).first()
    if priority is None:
        form.add_error(None, _("Choose a priority of this coalition."))
    elif form.is_valid() and call_service(form, services.referral_add, actor=request.user, priority=priority,
                                          **form.cleaned_data):
        return redirect_with_message(request, "conditions:referrals", query={"priority": priority.pk},
                                     success=_("The referral path is drawn."))
    return _referrals_page(request, request.POST.get("priority"), form)


@requires(PRACTICES_MANAGE)
def referral_delete(request, pk: int):
    referral = object_for(request, ReferralPath.objects.select_related("from_organization", "to_organization"),
                          pk=pk)
    if request.method == "POST":
        return post_action(request, services.referral_remove, _("The referral path is removed."),
                           "conditions:referrals", referral=referral)
    return render(request, "coalitions/confirm.html", {
        "title": _("Remove this referral path?"),
        "consequence": _("%(from)s will no longer be shown as referring families to %(to)s under this priority. "
                         "The path stays in the audit trail.") % {
            "from": referral.from_organization.name, "to": referral.to_organization.name},
        "confirm_label": _("Remove the path"),
        "cancel_url": reverse("conditions:referrals", args=[request.coalition.slug])
        + f"?priority={referral.priority_id}",
    })
