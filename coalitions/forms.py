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
    ConfidentialityIncident,
    ConsentPurpose,
    ConsentSource,
    Membership,
    Organization,
    PrivacySettings,
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


# The time zones of Canada first, by name people know, then the rest of the Americas.
CANADIAN_TIME_ZONES = [
    ("America/Toronto", _("Eastern: Québec, Montréal, Toronto")),
    ("America/Blanc-Sablon", _("Lower North Shore: Blanc-Sablon")),
    ("America/Halifax", _("Atlantic: Halifax, Îles-de-la-Madeleine")),
    ("America/Moncton", _("Atlantic: Moncton")),
    ("America/St_Johns", _("Newfoundland: St. John's")),
    ("America/Winnipeg", _("Central: Winnipeg")),
    ("America/Regina", _("Saskatchewan: Regina")),
    ("America/Edmonton", _("Mountain: Edmonton, Calgary")),
    ("America/Vancouver", _("Pacific: Vancouver")),
    ("America/Whitehorse", _("Yukon: Whitehorse")),
    ("America/Iqaluit", _("Nunavut, Eastern: Iqaluit")),
]


def time_zone_choices() -> list:
    """The choices of the coalition's time zone, grouped: Canada, then the other zones."""
    known = {value for value, _label in TIME_ZONE_CHOICES}
    canadian = [(value, label) for value, label in CANADIAN_TIME_ZONES if value in known]
    others = [(value, value.removeprefix("America/").replace("_", " ")) for value, _label in TIME_ZONE_CHOICES
              if value not in dict(canadian)]
    return [(_("Canada"), canadian), (_("Other time zones of the Americas"), others)]


class CoalitionForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["time_zone"]).choices = time_zone_choices()

    class Meta:
        model = Coalition
        fields = ["name", "slug", "territory", "description", "default_language", "time_zone"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class CoalitionSettingsForm(GuardedForm, CoalitionForm):
    """The coalition's settings page: the creation form, plus the start of the fiscal year."""

    edit_fields = Coalition.EDIT_FIELDS

    class Meta(CoalitionForm.Meta):
        fields = [*CoalitionForm.Meta.fields, "fiscal_year_start_month", "completeness_threshold"]
        error_messages = {"fiscal_year_start_month": {"invalid_choice": FISCAL_MONTH_ERROR}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["completeness_threshold"].required = False  # left out: unchanged
        self.fields["completeness_threshold"].widget.attrs.update(min=1, max=100)

    def clean_completeness_threshold(self):
        value = self.cleaned_data.get("completeness_threshold")
        return self.instance.completeness_threshold if value is None else value


class OrganizationForm(GuardedForm, forms.ModelForm):
    edit_fields = Organization.EDIT_FIELDS

    def __init__(self, *args, coalition, **kwargs):
        super().__init__(*args, **kwargs)
        members = Membership.objects.filter(coalition=coalition, is_active=True).values("user_id")
        representative = cast(forms.ModelChoiceField, self.fields["representative"])
        representative.queryset = get_user_model().objects.filter(pk__in=members).order_by("email")

    class Meta:
        model = Organization
        fields = ["name", "sector", "kind", "website", "description", "skills", "representative"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4}), "skills": forms.Textarea(attrs={"rows": 3})}


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
        from .rights import consent_record

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


class ApiTokenForm(GuardedForm, forms.Form):
    """A new personal access token of the REST API (coalitions.api_tokens.api_token_create); its
    ``submission`` makes one token of a double click."""

    name = forms.CharField(
        label=_("Name"), max_length=100,
        help_text=_("What the token is for, e.g. the tool or the spreadsheet that uses it."),
    )
    access = forms.ChoiceField(
        label=_("Access"), widget=forms.RadioSelect, initial="read",
        choices=[("read", _("Read only: reads the data you see in Concerto")),
                 ("write", _("Read and write: also enters and submits values, as you do in Concerto"))],
    )
    lifetime_days = forms.TypedChoiceField(
        label=_("Expires after"), coerce=int, initial=90,
        choices=[(30, _("30 days")), (90, _("90 days")), (365, _("1 year"))],
    )

    def __init__(self, *args, may_write: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_write:  # a funder's token reads only: no choice to offer
            del self.fields["access"]


class PrivacySettingsForm(GuardedForm, forms.ModelForm):
    """The coalition's privacy settings: the person in charge of personal information."""

    edit_fields = PrivacySettings.EDIT_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "submission" in self.fields:  # a first save edits the defaults: it carries their version
            del self.fields["submission"]
            self.fields["version"] = forms.CharField(
                widget=forms.HiddenInput, required=False, initial=version_of(self.instance, self.edit_fields),
            )

        from .retention import KINDS, days_for

        self.saved_threshold = self.instance.small_number_threshold
        self.fields["small_number_threshold"].required = False  # left empty: stays as it was
        chosen = self.instance.retention_days
        for kind in KINDS:
            self.fields[f"retention_{kind.key}"] = forms.IntegerField(
                label=kind.label, min_value=kind.min_days, max_value=kind.max_days, required=False,
                initial=days_for(chosen, kind),
                help_text=_("In days, from %(min)s to %(max)s: %(effect)s.") % {
                    "min": kind.min_days, "max": kind.max_days, "effect": kind.effect},
            )

    def retention_fields(self):
        return [self[name] for name in self.fields if name.startswith("retention_")]

    def officer_fields(self):
        return [self[name] for name in PrivacySettings.OFFICER_FIELDS]

    def service_data(self) -> dict:
        from .retention import KINDS, days_for

        data = {name: self.cleaned_data[name] for name in PrivacySettings.OFFICER_FIELDS}
        data["small_number_threshold"] = self.cleaned_data.get("small_number_threshold") or self.saved_threshold
        chosen = self.instance.retention_days
        data["retention_days"] = {  # a period left empty stays as it was
            kind.key: self.cleaned_data.get(f"retention_{kind.key}") or days_for(chosen, kind) for kind in KINDS
        }
        return data

    class Meta:
        model = PrivacySettings
        fields = [*PrivacySettings.OFFICER_FIELDS, "small_number_threshold"]
        widgets = {"officer_other": forms.Textarea(attrs={"rows": 3})}


class DateInput(forms.DateInput):
    """A date picker that shows and reads ISO dates (2026-11-26)."""

    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class IncidentForm(GuardedForm, forms.ModelForm):
    """An entry of the register of confidentiality incidents."""

    edit_fields = ConfidentialityIncident.EDIT_FIELDS

    class Meta:
        model = ConfidentialityIncident
        fields = list(ConfidentialityIncident.EDIT_FIELDS)
        dates = ("occurred_on", "discovered_on", "commission_notified_on", "people_notified_on")
        texts = ("discovery", "description", "information_concerned", "risk_assessment", "measures")
        widgets = {
            **{name: DateInput() for name in dates}, **{name: forms.Textarea(attrs={"rows": 3}) for name in texts},
        }


class ErasureForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=500, validators=[validate_single_line],
        help_text=_("Kept in the audit trail, e.g. « at their request by email of 2026-11-26 »."),
    )
