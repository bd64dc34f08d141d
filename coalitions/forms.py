import secrets
from typing import cast

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.urls import reverse_lazy
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .concurrency import version_of
from .fields import validate_single_line
from .models import (
    FISCAL_MONTH_ERROR,
    LANGUAGE_CHOICES,
    TIME_ZONE_CHOICES,
    Coalition,
    ConsentPurpose,
    ConsentSource,
    Membership,
    Organization,
    Role,
)


class GuardedForm:
    """Mixed into every form that creates or edits a shared object (coalitions.concurrency).

    A create form carries ``submission``, a one-time token: the service creates once per token.
    An edit form carries ``version``, the version of the fields ``edit_fields`` that the editor
    started from: the service refuses to save over a newer one. A ModelForm edits its instance;
    another form is given the object it edits as ``editing``."""

    edit_fields: tuple[str, ...] = ()
    fields: dict[str, forms.Field]  # the form's, once mixed in

    def __init__(self, *args, editing=None, **kwargs):
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        editing = editing if editing is not None else (instance if instance is not None and instance.pk else None)
        if editing is not None:
            self.fields["version"] = forms.CharField(
                widget=forms.HiddenInput, required=False, initial=version_of(editing, self.edit_fields),
            )
        else:
            self.fields["submission"] = forms.CharField(
                widget=forms.HiddenInput, required=False, max_length=64, initial=secrets.token_urlsafe(24),
            )


class CoalitionForm(forms.ModelForm):
    class Meta:
        model = Coalition
        fields = ["name", "slug", "territory", "description", "default_language", "time_zone"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class CoalitionSettingsForm(GuardedForm, CoalitionForm):
    """The coalition's settings page: the creation form, plus the start of the fiscal year."""

    edit_fields = Coalition.EDIT_FIELDS

    class Meta(CoalitionForm.Meta):
        fields = [*CoalitionForm.Meta.fields, "fiscal_year_start_month"]
        error_messages = {"fiscal_year_start_month": {"invalid_choice": FISCAL_MONTH_ERROR}}


class OrganizationForm(GuardedForm, forms.ModelForm):
    edit_fields = Organization.EDIT_FIELDS

    def __init__(self, *args, coalition, **kwargs):
        super().__init__(*args, **kwargs)
        members = Membership.objects.filter(coalition=coalition, is_active=True).values("user_id")
        representative = cast(forms.ModelChoiceField, self.fields["representative"])
        representative.queryset = get_user_model().objects.filter(pk__in=members).order_by("email")

    class Meta:
        model = Organization
        fields = ["name", "sector", "kind", "website", "description", "representative"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class _RoleAndOrganizationForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    organization = forms.ModelChoiceField(
        label=_("Organization"), queryset=Organization.objects.none(), required=False,
        help_text=_("Required for partners and funders: the organization the person speaks for."),
    )

    def __init__(self, *args, coalition, **kwargs):
        super().__init__(*args, **kwargs)
        organization = cast(forms.ModelChoiceField, self.fields["organization"])
        organization.queryset = Organization.objects.filter(coalition=coalition).order_by("name")

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if data.get("role") in (Role.PARTNER, Role.FUNDER) and not data.get("organization"):
            self.add_error("organization", _("Partners and funders belong to an organization; choose one."))
        return data


class InvitationForm(GuardedForm, _RoleAndOrganizationForm):
    email = forms.EmailField(label=_("Email address"))
    field_order = ["email", "role", "organization"]


class MembershipRoleForm(_RoleAndOrganizationForm):
    pass


class LanguageForm(forms.Form):
    language = forms.ChoiceField(choices=LANGUAGE_CHOICES)


def _privacy_help():
    return format_html('{} <a href="{}" target="_blank" rel="noopener">{}</a>',
                       _("What Concerto collects, why, and who sees it:"), reverse_lazy("privacy"),
                       _("read the privacy policy (opens in a new tab)"))


privacy_help = lazy(_privacy_help, str)


class ConsentForm(forms.Form):
    """The purposes a person agrees to: the privacy policy (required to use Concerto) and the
    optional ones, separate and off unless the person ticks them."""

    privacy = forms.BooleanField(
        label=_("I have read the privacy policy and I agree that Concerto uses my information to let me take "
                "part in my coalitions, as it describes."),
        help_text=privacy_help(),
        error_messages={"required": _("To use Concerto, tick this box to agree to the privacy policy.")},
    )
    weekly_summary = forms.BooleanField(
        label=ConsentPurpose.WEEKLY_SUMMARY.label, required=False,
        help_text=_("Optional. An email every Monday with your follow-ups and meetings. You can stop it at any "
                    "time in your profile."),
    )
    directory = forms.BooleanField(
        label=ConsentPurpose.DIRECTORY.label, required=False,
        help_text=_("Optional. Otherwise only the coordination team sees your email address. You can change this "
                    "at any time in your profile."),
    )

    def __init__(self, *args, policy_agreed: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if policy_agreed:  # already agreed to the policy in force: only the optional purposes are asked
            del self.fields["privacy"]

    def choices(self) -> dict[str, bool]:
        data = self.cleaned_data
        choices: dict[str, bool] = {ConsentPurpose.SERVICE: True} if data.get("privacy") else {}
        choices[ConsentPurpose.WEEKLY_SUMMARY] = bool(data.get("weekly_summary"))
        choices[ConsentPurpose.DIRECTORY] = bool(data.get("directory"))
        return choices


NAME_REQUIRED = _("Enter your first and last name: other members see them.")


class _NameFields(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=75, validators=[validate_single_line],
                                 error_messages={"required": NAME_REQUIRED})
    last_name = forms.CharField(label=_("Last name"), max_length=75, validators=[validate_single_line],
                                error_messages={"required": NAME_REQUIRED})
    organization_role = forms.CharField(
        label=_("Role in your organization"), max_length=150, required=False, validators=[validate_single_line],
        help_text=_("Optional. Your position, e.g. executive director or family worker."),
    )



class ProfileForm(_NameFields, forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=[("", _("The coalition's language")),
                                                               *LANGUAGE_CHOICES], required=False)
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=[("", _("The coalition's time zone")),
                                                                 *TIME_ZONE_CHOICES], required=False)
    weekly_summary = ConsentForm.base_fields["weekly_summary"]
    directory = ConsentForm.base_fields["directory"]


class SignupForm(_NameFields, AllauthSignupForm, ConsentForm):
    field_order = ["first_name", "last_name", "organization_role", "email", "password1", "password2",
                   "privacy", "weekly_summary", "directory"]

    def custom_signup(self, request, user):
        from .privacy import consent_record

        super().custom_signup(request, user)
        user.organization_role = self.cleaned_data.get("organization_role", "")
        user.save(update_fields=["organization_role", "first_name", "last_name"])
        consent_record(user=user, choices=self.choices(), source=ConsentSource.SIGNUP)

    def try_save(self, request):
        # An email that already has an account gets allauth's "verify your email" answer and an
        # email, and no account: hash the password all the same (as Django's ModelBackend does
        # for an unknown user), or the answer's speed tells who has an account here.
        if self.account_already_exists:
            make_password(self.cleaned_data.get("password1"))
        return super().try_save(request)


class ErasureForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=500, validators=[validate_single_line],
        help_text=_("Kept in the audit trail, e.g. « at their request by email of 2026-11-26 »."),
    )
