from django import forms
from django.utils.translation import gettext_lazy as _

from coalitions.forms import DateInput, GuardedForm
from coalitions.models import Organization

from .models import (
    Action,
    ActionPlan,
    Activity,
    AdoptionStatus,
    AgendaVersion,
    Endorsement,
    Position,
    Practice,
    PracticeAdoption,
    PracticeKind,
    Priority,
    ReferralPath,
    ReviewStatus,
)


class AgendaDraftForm(GuardedForm, forms.ModelForm):
    edit_fields = AgendaVersion.EDIT_FIELDS
    theory_of_change = forms.CharField(
        label=_("Theory of change"), required=False, widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("One chain per line: a strategy, “->”, the intermediate outcome it leads to and, optionally, "
                    "“->” and the long-term outcome. Example: Home visits -> Parents feel more confident -> "
                    "Children start school ready to learn."),
    )

    class Meta:
        model = AgendaVersion
        fields = ["problem", "target_population", "territory", "vision", "long_term_outcomes",
                  "theory_of_change", "guiding_principles"]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in
                   ["problem", "target_population", "territory", "vision", "long_term_outcomes", "guiding_principles"]}


class PublishForm(forms.Form):
    change_summary = forms.CharField(
        label=_("Summary of changes"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000,
        help_text=_("What changed since the previous version, in a few words. The partners read it in their email."),
    )
    consultation_summary = forms.CharField(
        label=_("Summary of the consultation"), required=False, widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        help_text=_("What the partners said and what changed because of it. It is shown with the published "
                    "version, beside each reservation and objection and its answer."),
    )

    def __init__(self, *args, consulted: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not consulted:
            del self.fields["consultation_summary"]


class PriorityForm(GuardedForm, forms.ModelForm):
    edit_fields = Priority.EDIT_FIELDS

    class Meta:
        model = Priority
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class EndorsementForm(forms.ModelForm):
    organization = forms.ModelChoiceField(label=_("Organization"), queryset=Organization.objects.none(),
                                          empty_label=None)

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations

    class Meta:
        model = Endorsement
        fields = ["organization", "with_reservations", "comment"]
        widgets = {"comment": forms.Textarea(attrs={"rows": 4})}


def _end_after_start(form, data, start="start_date", end="end_date"):
    if data.get(start) and data.get(end) and data[end] < data[start]:
        form.add_error(end, _("The end date cannot be before the start date."))


class PlanForm(GuardedForm, forms.ModelForm):
    edit_fields = ActionPlan.EDIT_FIELDS

    class Meta:
        model = ActionPlan
        fields = ["title", "start_date", "end_date", "description"]
        widgets = {"start_date": DateInput(), "end_date": DateInput(), "description": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        data = super().clean()
        _end_after_start(self, data)
        return data


class ActionForm(GuardedForm, forms.ModelForm):
    edit_fields = Action.EDIT_FIELDS
    # Declared here with empty querysets: scoped models cannot be queried at import time.
    plan = forms.ModelChoiceField(label=_("Plan"), queryset=ActionPlan.objects.none())
    priorities = forms.ModelMultipleChoiceField(
        label=_("Priorities"), queryset=Priority.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    lead_organization = forms.ModelChoiceField(label=_("Lead organization"), queryset=Organization.objects.none())
    contributing_organizations = forms.ModelMultipleChoiceField(
        label=_("Contributing organizations"), queryset=Organization.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, coalition, **kwargs):
        super().__init__(*args, **kwargs)
        organizations = Organization.objects.filter(coalition=coalition).order_by("name")
        self.fields["plan"].queryset = ActionPlan.objects.filter(coalition=coalition).order_by("-start_date")
        self.fields["plan"].empty_label = None
        self.fields["priorities"].queryset = Priority.objects.filter(coalition=coalition).order_by("position", "pk")
        self.fields["lead_organization"].queryset = organizations
        self.fields["contributing_organizations"].queryset = organizations

    class Meta:
        model = Action
        fields = ["plan", "title", "description", "priorities", "lead_organization", "contributing_organizations",
                  "start_date", "end_date", "status", "planned_budget", "spent_budget", "expected_results",
                  "progress"]
        widgets = {
            "start_date": DateInput(), "end_date": DateInput(),
            "description": forms.Textarea(attrs={"rows": 3}), "expected_results": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self):
        data = super().clean()
        _end_after_start(self, data)
        return data


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), widget=forms.RadioSelect,
        choices=[(ReviewStatus.ACCEPTED, _("Accept the action into the plan")),
                 (ReviewStatus.DECLINED, _("Decline the proposal"))],
    )
    note = forms.CharField(label=_("Note to the partners"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("Required when you decline: say why, and what could be proposed instead."))


class ActivityForm(GuardedForm, forms.ModelForm):
    edit_fields = Activity.EDIT_FIELDS
    action = forms.ModelChoiceField(label=_("Action"), queryset=Action.objects.none())
    organization = forms.ModelChoiceField(label=_("Organization"), queryset=Organization.objects.none())

    def __init__(self, *args, coalition, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].queryset = Action.objects.filter(
            coalition=coalition, review_status=ReviewStatus.ACCEPTED
        ).order_by("title")
        self.fields["organization"].queryset = organizations
        self.fields["attachment"].help_text = _("Optional: a PDF, an image or an office file of 10 MB at most. "
                                                "Funders never see attachments.")

    class Meta:
        model = Activity
        fields = ["action", "organization", "date", "end_date", "description", "people_reached", "families_reached",
                  "hours", "cost", "attachment"]
        widgets = {"date": DateInput(), "end_date": DateInput(), "description": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        data = super().clean()
        _end_after_start(self, data, start="date")
        return data


class ActivityFilterForm(forms.Form):
    action = forms.ModelChoiceField(label=_("Action"), queryset=Action.objects.none(), required=False,
                                    empty_label=_("All"))
    priority = forms.ModelChoiceField(label=_("Priority"), queryset=Priority.objects.none(), required=False,
                                      empty_label=_("All"))
    organization = forms.ModelChoiceField(label=_("Organization"), queryset=Organization.objects.none(),
                                          required=False, empty_label=_("All"))
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("To"), required=False, widget=DateInput())

    def __init__(self, *args, coalition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].queryset = Action.objects.filter(
            coalition=coalition, review_status=ReviewStatus.ACCEPTED
        ).order_by("title")
        self.fields["priority"].queryset = Priority.objects.filter(coalition=coalition).order_by("position", "pk")
        self.fields["organization"].queryset = Organization.objects.filter(coalition=coalition).order_by("name")

    def filters(self) -> dict:
        """The valid filters only: a bad value is ignored rather than failing the whole list."""
        self.is_valid()
        return {name: value for name, value in getattr(self, "cleaned_data", {}).items() if value}


class PeriodForm(forms.Form):
    plan = forms.ModelChoiceField(label=_("Plan"), queryset=ActionPlan.objects.none(), required=False,
                                  empty_label=_("All plans"))
    date_from = forms.DateField(label=_("Activities from"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("To"), required=False, widget=DateInput())

    def __init__(self, *args, coalition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = ActionPlan.objects.filter(coalition=coalition).order_by("-start_date")

    def filters(self) -> dict:
        self.is_valid()
        return {name: value for name, value in getattr(self, "cleaned_data", {}).items() if value}


# Consultation on a draft -----------------------------------------------------------


class ConsultationOpenForm(forms.Form):
    closes_on = forms.DateField(
        label=_("Closing date"), widget=DateInput(),
        help_text=_("The partners answer until the end of this day. Two to four weeks leave time to discuss it "
                    "within each organization."),
    )
    message = forms.CharField(
        label=_("Message to the partners"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What you would like them to look at in particular. It appears above the draft."),
    )


class ConsultationResponseForm(forms.Form):
    """One position (and its reason) per section of the consulted draft."""

    def __init__(self, *args, sections, **kwargs):
        super().__init__(*args, **kwargs)
        self.sections = sections
        for section in sections:
            key, mine = section["key"], section["mine"]
            self.fields[f"position_{key}"] = forms.ChoiceField(
                label=_("Your organization's position on “%(section)s”") % {"section": section["label"]},
                choices=Position.choices, required=False, widget=forms.RadioSelect,
                initial=mine.position if mine else None,
            )
            self.fields[f"reason_{key}"] = forms.CharField(
                label=_("Reason"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
                help_text=_("Required for a reservation or an objection: what would make it acceptable?"),
                initial=mine.reason if mine else "",
            )

    def rows(self):
        return [{"section": section, "position": self[f"position_{section['key']}"],
                 "reason": self[f"reason_{section['key']}"]} for section in self.sections]

    def answers(self) -> dict[str, tuple[str, str]]:
        data = self.cleaned_data
        return {s["key"]: (data.get(f"position_{s['key']}") or "", data.get(f"reason_{s['key']}") or "")
                for s in self.sections}


class ConsultationAnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Answer of the coordination team"), max_length=2000, widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What you changed in the draft, or why you kept it. The organization is notified and the "
                    "answer appears with the published version."),
    )


# Harmonised practices ----------------------------------------------------------------


class PracticeForm(GuardedForm, forms.ModelForm):
    edit_fields = Practice.EDIT_FIELDS
    priorities = forms.ModelMultipleChoiceField(
        label=_("Priorities"), queryset=Priority.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple, help_text=_("The priorities this practice serves."),
    )
    library_item_ids = forms.TypedMultipleChoiceField(
        label=_("Library resources"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("The guides, tools or documents of the library that go with this practice."),
    )

    def __init__(self, *args, coalition, library_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["priorities"].queryset = Priority.objects.filter(coalition=coalition).order_by("position", "pk")
        self.fields["library_item_ids"].choices = library_choices
        if not library_choices:
            del self.fields["library_item_ids"]

    class Meta:
        model = Practice
        fields = ["kind", "title", "description", "priorities", "library_item_ids"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"description": _("What partners do the same way: the message, the tool or the steps.")}


class PracticeFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All")), *PracticeKind.choices])
    priority = forms.ModelChoiceField(label=_("Priority"), queryset=Priority.objects.none(), required=False,
                                      empty_label=_("All"))

    def __init__(self, *args, coalition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["priority"].queryset = Priority.objects.filter(coalition=coalition).order_by("position", "pk")

    def filters(self) -> dict:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {"kind": data.get("kind") or "", "priority_id": data["priority"].pk if data.get("priority") else None}


class AdoptionForm(GuardedForm, forms.ModelForm):
    """An organisation's adoption of a practice; the service upserts it (no one-time token)."""

    edit_fields = PracticeAdoption.EDIT_FIELDS
    status = forms.ChoiceField(label=_("Where your organization stands"), choices=AdoptionStatus.choices,
                               widget=forms.RadioSelect)

    class Meta:
        model = PracticeAdoption
        fields = ["status", "since", "note"]
        widgets = {"since": DateInput(), "note": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"note": _("What is in place, what was adapted and why, or what stands in the way.")}


class ReferralForm(forms.ModelForm):
    from_organization = forms.ModelChoiceField(label=_("Refers families"), queryset=Organization.objects.none())
    to_organization = forms.ModelChoiceField(label=_("Refers them to"), queryset=Organization.objects.none())

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["from_organization"].queryset = organizations
        self.fields["to_organization"].queryset = organizations

    class Meta:
        model = ReferralPath
        fields = ["from_organization", "to_organization", "note"]
        help_texts = {"note": _("For what, or how: e.g. speech therapy screening, with the shared referral form.")}
