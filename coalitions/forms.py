import secrets
from typing import cast

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.utils.translation import gettext_lazy as _

from .concurrency import version_of
from .models import FISCAL_MONTH_ERROR, LANGUAGE_CHOICES, Coalition, Membership, Organization, Role


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


class SignupForm(AllauthSignupForm):
    def try_save(self, request):
        # An email that already has an account gets allauth's "verify your email" answer and an
        # email, and no account: hash the password all the same (as Django's ModelBackend does
        # for an unknown user), or the answer's speed tells who has an account here.
        if self.account_already_exists:
            make_password(self.cleaned_data.get("password1"))
        return super().try_save(request)
