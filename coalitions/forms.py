from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.utils.translation import gettext_lazy as _

from .models import FISCAL_MONTH_ERROR, LANGUAGE_CHOICES, Coalition, Membership, Organization, Role


class CoalitionForm(forms.ModelForm):
    class Meta:
        model = Coalition
        fields = ["name", "slug", "territory", "description", "default_language", "time_zone"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class CoalitionSettingsForm(CoalitionForm):
    """The coalition's settings page: the creation form, plus the start of the fiscal year."""

    class Meta(CoalitionForm.Meta):
        fields = [*CoalitionForm.Meta.fields, "fiscal_year_start_month"]
        error_messages = {"fiscal_year_start_month": {"invalid_choice": FISCAL_MONTH_ERROR}}


class OrganizationForm(forms.ModelForm):
    def __init__(self, *args, coalition, **kwargs):
        super().__init__(*args, **kwargs)
        members = Membership.objects.filter(coalition=coalition, is_active=True).values("user_id")
        self.fields["representative"].queryset = get_user_model().objects.filter(pk__in=members).order_by("email")

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
        self.fields["organization"].queryset = Organization.objects.filter(coalition=coalition).order_by("name")

    def clean(self):
        data = super().clean()
        if data.get("role") in (Role.PARTNER, Role.FUNDER) and not data.get("organization"):
            self.add_error("organization", _("Partners and funders belong to an organization; choose one."))
        return data


class InvitationForm(_RoleAndOrganizationForm):
    email = forms.EmailField(label=_("Email address"))
    field_order = ["email", "role", "organization"]


class MembershipRoleForm(_RoleAndOrganizationForm):
    pass


class LanguageForm(forms.Form):
    language = forms.ChoiceField(choices=LANGUAGE_CHOICES)


class SignupForm(AllauthSignupForm):
    def try_save(self, request):
        # An email that already has an account gets allauth's "verify your email" answer and an
        # email, and no account: hash the password all the same (as Django's ModelBackend does
        # for an unknown user), or the answer's speed tells who has an account here.
        if self.account_already_exists:
            make_password(self.cleaned_data.get("password1"))
        return super().try_save(request)
