from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from . import api_tokens as api_tokens_services
from . import audit, rights, selectors, services
from .dates import local_today
from .forms import (
    ApiTokenForm,
    CoalitionForm,
    CoalitionSettingsForm,
    ConsentForm,
    ErasureForm,
    InvitationForm,
    MembershipRoleForm,
    OrganizationForm,
)
from .models import (
    ApiToken,
    ConsentSource,
    DownloadKind,
    Invitation,
    Membership,
    Organization,
    OrganizationKind,
    Role,
    hash_token,
)
from .permissions import (
    API_TOKENS_USE,
    API_WRITE,
    AUDIT_VIEW,
    INVITATIONS_MANAGE,
    MEMBERS_MANAGE,
    ORGANIZATIONS_MANAGE,
    ORGANIZATIONS_VIEW,
    PEOPLE_VIEW,
    SETTINGS_MANAGE,
    has_permission,
    object_for,
    requires,
)
from .privacy import member_rows, record_download
from .spreadsheets import Sheet, spreadsheet_response
from .web import call_service, confirm_then_act, paginate, parse_int, post_action, redirect_with_message, render_list

# Outside any coalition -----------------------------------------------------------------


def home(request):
    if not request.user.is_authenticated:
        return redirect("account_login")
    memberships = list(selectors.memberships_of(request.user))
    if len(memberships) == 1 and not request.GET.get("all"):
        return redirect("coalitions:home", coalition_slug=memberships[0].coalition.slug)
    return render(request, "coalitions/choose.html", {
        "memberships": memberships,
        "invitations": selectors.pending_invitations_for(request.user),
    })


@login_required
def coalition_create(request):
    form = CoalitionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            coalition = call_service(form, services.coalition_create, actor=request.user, **form.cleaned_data)
        except PermissionDenied as denied:
            form.add_error(None, str(denied))
            coalition = None
        if coalition:
            return redirect_with_message(request, reverse("coalitions:home", args=[coalition.slug]),
                                         success=_("The coalition is created. Welcome, coordinator!"))
    return render(request, "coalitions/coalition_form.html", {"form": form})


def invitation_accept(request, token: str):
    invitation = Invitation.objects.with_scopes_disabled().select_related("coalition", "organization").filter(
        token_hash=hash_token(token)
    ).first()
    try:
        if invitation is None:
            raise services.InvitationRefused("unknown")
        services.invitation_check(invitation, request.user if request.user.is_authenticated else None)
        signed_in = request.user.is_authenticated
        consent = ConsentForm(request.POST if request.method == "POST" else None,
                              initial=rights.consents_in_force(request.user) if signed_in else None,
                              policy_agreed=signed_in and not rights.needs_policy_consent(request.user))
        if request.method == "POST" and request.user.is_authenticated and consent.is_valid():
            # Joining records the person's consent to the purposes shown, with the policy version.
            with transaction.atomic():
                rights.consent_record(user=request.user, choices=consent.choices(), source=ConsentSource.INVITATION)
                membership = services.invitation_accept(user=request.user, token=token)
            welcome = _("Welcome to %(coalition)s!") % {"coalition": membership.coalition.name}
            return redirect_with_message(request, reverse("coalitions:home", args=[membership.coalition.slug]),
                                         success=welcome)
    except services.InvitationRefused as refused:
        status = {"unknown": 404, "wrong_email": 403}.get(refused.reason, 410)
        return render(request, "coalitions/invitation_refused.html",
                      {"reason": refused.reason, "invitation": refused.invitation}, status=status)
    if not request.user.is_authenticated:
        # The link proves the address: allauth marks it verified if the person signs up with it.
        from allauth.account.adapter import get_adapter

        get_adapter(request).stash_verified_email(request, invitation.email)
    return render(request, "coalitions/invitation_accept.html", {
        "invitation": invitation, "form": consent,
        "has_account": selectors.user_exists(invitation.email),
    })


# Inside a coalition --------------------------------------------------------------------


@requires(SETTINGS_MANAGE)
def coalition_settings(request):
    coalition = request.coalition
    form = CoalitionSettingsForm(request.POST or None, instance=coalition)
    form.fields["slug"].disabled = True
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "slug"}
        if call_service(form, services.coalition_update, actor=request.user, coalition=coalition, **data):
            return redirect_with_message(request, "coalitions:settings",
                                         success=_("The coalition's settings are saved."))
    return render(request, "coalitions/settings.html", {"form": form})


@require_GET
@requires(ORGANIZATIONS_VIEW)
def organization_list(request):
    page = paginate(request, selectors.organization_list(request.coalition))
    return render_list(request, "coalitions/organization_list.html", {"page_obj": page})


@requires(ORGANIZATIONS_MANAGE)
def organization_create(request):
    form = OrganizationForm(request.POST or None, coalition=request.coalition)
    if request.method == "POST" and form.is_valid():
        if call_service(form, services.organization_create, actor=request.user,
                        coalition=request.coalition, **form.cleaned_data):
            return redirect_with_message(request, "coalitions:organizations", success=_("The organization is added."))
    return render(request, "coalitions/organization_form.html", {"form": form})


@requires(ORGANIZATIONS_MANAGE)
def organization_edit(request, pk: int):
    organization = object_for(request, Organization, pk=pk)
    form = OrganizationForm(request.POST or None, instance=organization, coalition=request.coalition)
    if request.method == "POST" and form.is_valid():
        fresh = object_for(request, Organization, pk=pk)  # the form mutated `organization`
        if call_service(form, services.organization_update, actor=request.user,
                        organization=fresh, **form.cleaned_data):
            return redirect_with_message(request, "coalitions:organizations", success=_("The organization is saved."))
    return render(request, "coalitions/organization_form.html", {"form": form, "organization": organization})


@requires(ORGANIZATIONS_MANAGE)
def organization_delete(request, pk: int):
    organization = object_for(request, Organization, pk=pk)
    return confirm_then_act(
        request, services.organization_delete, organization=organization,
        success=_("The organization is deleted."), to="coalitions:organizations",
        title=_("Delete %(name)s?") % {"name": organization.name},
        consequence=_("The organization and its description will be deleted. Its history stays in the "
                      "audit trail. Organizations that still have members cannot be deleted."),
        confirm_label=_("Delete the organization"),
    )


@require_GET
@requires(MEMBERS_MANAGE)
def member_list(request):
    role, active = request.GET.get("role", ""), request.GET.get("active", "")
    page = paginate(request, selectors.member_list(request.coalition, role=role, active=active))
    return render_list(request, "coalitions/member_list.html", {"page_obj": page, "role": role, "active": active})


@require_GET
@requires(MEMBERS_MANAGE)
def member_export(request):
    """The members list as CSV or XLSX, with the list's filters; logged as a download of
    personal information (the audit page's downloads)."""
    role, active = request.GET.get("role", ""), request.GET.get("active", "")
    members = selectors.member_list(request.coalition, role=role, active=active)
    file_format = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
    record_download(request, DownloadKind.MEMBERS, detail=file_format.upper(), row_count=members.count())
    sheet = Sheet(_("Members"), member_rows(members), bold_rows=1, freeze_header=True)
    return spreadsheet_response(file_format, [sheet], f"membres-{local_today(request.coalition).isoformat()}")


@require_GET
@requires(PEOPLE_VIEW)
def member_directory(request):
    """Who is who in the coalition. Contact details: the coordination team sees them all; others see
    only those of the people who agreed to be listed with them (privacy by default)."""
    page = paginate(request, selectors.member_directory(request.coalition))
    return render_list(request, "coalitions/member_directory.html", {
        "page_obj": page, "sees_all_contacts": has_permission(request.membership, MEMBERS_MANAGE),
    })


@requires(MEMBERS_MANAGE)
def member_edit(request, pk: int):
    membership = object_for(request, Membership.objects.select_related("user"), pk=pk)
    initial = {"role": membership.role, "organization": membership.organization_id}
    form = MembershipRoleForm(request.POST or None, initial=initial, coalition=request.coalition)
    if request.method == "POST" and form.is_valid():
        if call_service(form, services.membership_change_role, actor=request.user,
                        membership=membership, **form.cleaned_data):
            return redirect_with_message(request, "coalitions:members", success=_("The member's role is saved."))
    return render(request, "coalitions/member_form.html", {"form": form, "membership": membership})


@requires(MEMBERS_MANAGE)
def member_deactivate(request, pk: int):
    membership = object_for(request, Membership.objects.select_related("user"), pk=pk)
    return confirm_then_act(
        request, services.membership_deactivate, membership=membership,
        success=_("The member is deactivated."), to="coalitions:members",
        title=_("Deactivate %(name)s?") % {"name": membership.user},
        consequence=_("This person will no longer have access to the coalition. Their contributions stay. "
                      "You can reactivate them later."),
        confirm_label=_("Deactivate the member"),
    )


@requires(MEMBERS_MANAGE)
def member_erase(request, pk: int):
    """A departed member's identity erased at their request (Law 25), with the reason logged in
    the audit trail. Their contributions stay, signed « personne retirée »."""
    membership = object_for(request, Membership.objects.select_related("user"), pk=pk)
    form = ErasureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if call_service(form, rights.member_erase, actor=request.user, membership=membership,
                        reason=form.cleaned_data["reason"]):
            return redirect_with_message(request, "coalitions:members",
                                         success=_("The person's information is erased."))
    return render(request, "coalitions/member_erase.html", {"form": form, "membership": membership})


@require_POST
@requires(MEMBERS_MANAGE)
def member_reactivate(request, pk: int):
    membership = object_for(request, Membership, pk=pk)
    return post_action(request, services.membership_reactivate, _("The member is reactivated."),
                       "coalitions:members", membership=membership)


@require_GET
@requires(INVITATIONS_MANAGE)
def invitation_list(request):
    status = request.GET.get("status", "pending")
    page = paginate(request, selectors.invitation_list(request.coalition, status=status))
    return render_list(request, "coalitions/invitation_list.html", {"page_obj": page, "status": status})


@requires(INVITATIONS_MANAGE)
def invitation_create(request):
    # "Invite a person" links from the places that found an organisation with nobody to reach
    # name the organisation (and the role) in the query string: the form starts with them.
    initial = {}
    organization_id = parse_int(request.GET.get("organization"))
    organization = Organization.objects.filter(coalition=request.coalition, pk=organization_id).first() \
        if organization_id is not None else None
    if organization:
        initial = {"organization": organization.pk,
                   "role": Role.FUNDER if organization.kind == OrganizationKind.FUNDER else Role.PARTNER}
    form = InvitationForm(request.POST or None, coalition=request.coalition, initial=initial)
    if request.method == "POST" and form.is_valid():
        invitation = call_service(form, services.invitation_create, actor=request.user,
                                  coalition=request.coalition, **form.cleaned_data)
        if invitation:
            return redirect_with_message(request, "coalitions:invitations", success=_(
                "The invitation is sent to %(email)s.") % {"email": invitation.email})
    return render(request, "coalitions/invitation_form.html", {"form": form})


@require_POST
@requires(INVITATIONS_MANAGE)
def invitation_resend(request, pk: int):
    invitation = object_for(request, Invitation, pk=pk)
    return post_action(request, services.invitation_resend, _("The invitation is sent again."),
                       "coalitions:invitations", invitation=invitation)


@require_POST
@requires(INVITATIONS_MANAGE)
def invitation_revoke(request, pk: int):
    invitation = object_for(request, Invitation, pk=pk)
    return post_action(request, services.invitation_revoke, _("The invitation is revoked; its link no longer works."),
                       "coalitions:invitations", invitation=invitation)


@require_GET
@requires(AUDIT_VIEW)
def audit_trail(request):
    page = audit.events_page(request.coalition, before=request.GET.get("before", ""),
                             after=request.GET.get("after", ""), size=settings.PAGE_SIZE)
    audit.attach_actors(page.events)
    return render_list(request, "coalitions/audit_trail.html", {"page": page})


# Personal access tokens of the REST API -------------------------------------------------


@requires(API_TOKENS_USE)
def api_tokens(request):
    """The person's tokens in this coalition, and the form that creates one. A new token is shown
    on the page that answers the creation, once: it is not stored, so it cannot be shown again."""
    may_write = has_permission(request.membership, API_WRITE)
    form = ApiTokenForm(request.POST or None, may_write=may_write)
    created = secret = None
    if request.method == "POST" and form.is_valid():
        result = call_service(form, api_tokens_services.api_token_create, actor=request.user,
                              coalition=request.coalition, name=form.cleaned_data["name"],
                              can_write=form.cleaned_data.get("access") == "write",
                              lifetime_days=form.cleaned_data["lifetime_days"],
                              submission=form.cleaned_data.get("submission", ""))
        if result:
            created, secret = result
            form = ApiTokenForm(may_write=may_write)
    response = render(request, "coalitions/api_tokens.html", {
        "form": form, "tokens": api_tokens_services.my_tokens(request.membership)[:50],
        "created": created, "secret": secret,
    })
    response["Cache-Control"] = "no-store"  # the page may hold a new token
    return response


@requires(API_TOKENS_USE)
def api_token_revoke(request, pk: int):
    token = object_for(request, ApiToken, pk=pk, sees=lambda membership, token: token.membership_id == membership.pk)
    return confirm_then_act(
        request, api_tokens_services.api_token_revoke, token=token,
        success=_("The token is revoked: the tools that use it no longer reach the coalition's data."),
        to="coalitions:api_tokens",
        title=_("Revoke the token « %(name)s »?") % {"name": token.name},
        consequence=_("Tools and scripts that use this token lose access to the coalition's data at once. "
                      "This cannot be undone: you would create a new token."),
        confirm_label=_("Revoke the token"),
    )
