from datetime import date, timedelta

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from coalitions.dates import local_today, long_date
from coalitions.forms import GuardedForm
from coalitions.models import Organization
from conditions.selectors import accepted_actions, priorities

from .formatting import ValueFormat, unit_text
from .models import DISAGGREGATED_TYPES, SUMMED_TYPES, Confidence, Indicator, LearningNote, Period, ValueType
from .periods import generate_periods, period_containing, period_label
from .services.framework import is_backdated


class IndicatorForm(GuardedForm, forms.ModelForm):
    edit_fields = Indicator.EDIT_FIELDS
    priorities = forms.ModelMultipleChoiceField(
        label=_("Linked priorities"), queryset=None, required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The strategic priorities of the common agenda this indicator measures."),
    )
    actions = forms.ModelMultipleChoiceField(
        label=_("Linked actions"), queryset=None, required=False,
        widget=forms.CheckboxSelectMultiple, help_text=_("The actions of the plan that contribute to this indicator."),
    )

    class Meta:
        model = Indicator
        fields = [
            "code", "name_fr", "name_en", "definition_fr", "definition_en", "level", "unit", "unit_en", "value_type",
            "scale_labels", "direction", "frequency", "aggregation", "reporting_start", "due_days",
            "baseline_value", "baseline_date", "data_source", "expected_min", "expected_max",
            "priorities", "actions", "requires_category_total", "counts_people",
        ]
        widgets = {
            "reporting_start": forms.DateInput(attrs={"type": "date"}),
            "baseline_date": forms.DateInput(attrs={"type": "date"}),
            "definition_fr": forms.Textarea(attrs={"rows": 3}),
            "definition_en": forms.Textarea(attrs={"rows": 3}),
            "scale_labels": forms.Textarea(attrs={"rows": 3}),
        }

    # Asked only when reporting would start before the period under way (see clean).
    backdated = forms.ChoiceField(
        label=_("Reporting starts in the past"), required=False, widget=forms.HiddenInput,
        choices=[("current", "current"), ("past", "past")],
    )

    def __init__(self, *args, coalition, **kwargs):
        super().__init__(*args, **kwargs)
        self.coalition = coalition
        order = list(self.fields)
        order.insert(order.index("reporting_start") + 1, order.pop(order.index("backdated")))
        self.order_fields(order)
        self.fields["priorities"].queryset = priorities(coalition)
        self.fields["actions"].queryset = accepted_actions(coalition)

    def clean(self):
        """A start in the past would make every organisation owe the periods already over.
        Say so, and offer to start at the period under way instead; keeping the past start,
        those periods are due ``due_days`` after today (services.framework.due_date)."""
        data = super().clean()
        start, frequency = data.get("reporting_start"), data.get("frequency")
        choice = data.pop("backdated", "")
        moved_back = self.instance.pk is None or (start and start < self.instance.reporting_start)
        today = local_today(self.coalition)
        if not (start and frequency and moved_back and is_backdated(data, today)):
            return data
        current_start, current_end = period_containing(frequency, today)
        if choice == "current":
            data["reporting_start"] = current_start
        elif choice != "past":
            over = len(generate_periods(frequency, start, current_start - timedelta(days=1)))
            current = period_label(frequency, current_start, current_end)
            due = long_date(today + timedelta(days=data.get("due_days") or 0))
            self.fields["backdated"].widget = forms.RadioSelect(choices=[
                ("current", _("Start at the period under way (%(period)s): no past period to report.")
                 % {"period": current}),
                ("past", _("Keep this start: the past periods can be reported, due on %(date)s; "
                           "nobody is late for them before then.") % {"date": due}),
            ])
            self.add_error("backdated", ngettext(
                "Reporting starts in the past: %(n)s period is already over. Choose how to start.",
                "Reporting starts in the past: %(n)s periods are already over. Choose how to start.", over,
            ) % {"n": over})
        return data

    def validate_unique(self):
        """The service checks the code's uniqueness and says so next to the field."""


class AssignmentForm(forms.Form):
    organizations = forms.ModelMultipleChoiceField(
        label=_("Organizations that report this indicator"), queryset=Organization.objects.none(),
        required=False, widget=forms.CheckboxSelectMultiple,
    )
    reports_from = forms.TypedChoiceField(
        label=_("The organizations you add report from"), required=False, coerce=date.fromisoformat,
        empty_value=None, help_text=_("They owe the values of this period and the following ones. "
                                      "The organizations already assigned keep their start."),
    )
    # Asked only when the organisations added would start before the period under way (see clean).
    backdated = IndicatorForm.base_fields["backdated"]

    def __init__(self, *args, coalition, indicator, reporting=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.coalition, self.indicator, self.reporting = coalition, indicator, {o.pk for o in reporting}
        self.fields["organizations"].queryset = Organization.objects.filter(coalition=coalition).order_by("name")
        self.today = local_today(coalition)
        self.current_start = period_containing(indicator.frequency, self.today)[0]
        periods = Period.objects.filter(indicator=indicator, start__lte=max(self.today, indicator.reporting_start))
        self.fields["reports_from"].choices = [
            (p.start.isoformat(), period_label(indicator.frequency, p.start, p.end))
            for p in periods.order_by("-start")]
        self.fields["reports_from"].initial = max(self.current_start, indicator.reporting_start).isoformat()

    def starts(self, reporting) -> list[tuple[Organization, str]]:
        """Each assigned organisation and the first period it owes (its assignment's start)."""
        first, frequency = self.indicator.reporting_start, self.indicator.frequency
        return [(o, period_label(frequency, *period_containing(frequency, max(o.reports_from or first, first))))
                for o in reporting]

    def clean(self):
        """Organisations added from a period already over would owe it, and be late for it, at
        once: say so, as the indicator form does for a start in the past, and offer the period
        under way instead."""
        data = super().clean()
        start, choice = data.get("reports_from"), data.pop("backdated", "")
        added = [o for o in data.get("organizations") or () if o.pk not in self.reporting]
        if not (start and added and start < self.current_start):
            return data
        if choice == "current":
            data["reports_from"] = self.current_start
        elif choice != "past":
            frequency = self.indicator.frequency
            over = len(generate_periods(frequency, start, self.current_start - timedelta(days=1)))
            current_end = period_containing(frequency, self.today)[1]
            self.fields["backdated"].widget = forms.RadioSelect(choices=[
                ("current", _("Start at the period under way (%(period)s): no past period to report.")
                 % {"period": period_label(frequency, self.current_start, current_end)}),
                ("past", _("Keep this start: the organizations added owe the past periods at once, "
                           "and are late for those already due until they report them.")),
            ])
            self.add_error("backdated", ngettext(
                "Reporting starts in the past: %(n)s period is already over. Choose how to start.",
                "Reporting starts in the past: %(n)s periods are already over. Choose how to start.", over,
            ) % {"n": over})
        return data


class TargetForm(forms.Form):
    period = forms.ModelChoiceField(
        label=_("Period"), queryset=Period.objects.none(), required=False,
        empty_label=_("Final target"), help_text=_("Leave on “Final target” for the target of the whole plan."),
    )
    value = forms.DecimalField(label=_("Target value"), max_digits=18, decimal_places=4)

    def __init__(self, *args, indicator, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].queryset = Period.objects.filter(indicator=indicator).select_related("indicator")
        self.fields["period"].label_from_instance = lambda p: p.label


class NoteForm(GuardedForm, forms.Form):
    edit_fields = LearningNote.EDIT_FIELDS
    learned = forms.CharField(label=_("What we learned"), widget=forms.Textarea(attrs={"rows": 4}))
    worked = forms.CharField(label=_("What worked"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    did_not_work = forms.CharField(
        label=_("What did not work"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class ValueForm(forms.Form):
    """One cell of the "to report" screen. Numbers are read as text and checked by the
    service, so that "1 234,5" and "1234.5" both work and the errors are the service's."""

    # Required (no "(optional)" next to them), with the service's own message when left empty.
    value = forms.CharField(label=_("Value"), max_length=40, error_messages={"required": _("Enter a value.")})
    numerator = forms.CharField(label=_("Numerator"), max_length=40,
                                error_messages={"required": _("Enter the numerator.")})
    denominator = forms.CharField(label=_("Denominator"), max_length=40,
                                  error_messages={"required": _("Enter the denominator.")})
    weight = forms.CharField(
        label=_("Weight"), max_length=40,
        error_messages={"required": _("Enter the weight of this value (e.g. the number of people), above zero.")},
        help_text=_("How much this value counts in the average, e.g. the number of people it covers."),
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when the value is unusual: say why."),
    )
    source = forms.CharField(label=_("Source"), required=False, max_length=300)
    confidence = forms.ChoiceField(label=_("Confidence"), choices=Confidence.choices, initial=Confidence.HIGH)

    def __init__(self, *args, indicator: Indicator, categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.categories = list(categories) if indicator.value_type in DISAGGREGATED_TYPES else []
        if indicator.value_type == ValueType.PERCENTAGE:
            del self.fields["value"]
        else:
            del self.fields["numerator"], self.fields["denominator"]
            if indicator.unit:
                self.fields["value"].label = _("Value (%(unit)s)") % {"unit": unit_text(ValueFormat.of(indicator))}
        choices = self._choices(indicator)
        if choices:
            label = _("Answer") if indicator.value_type == ValueType.YES_NO else _("Level")
            self.fields["value"] = forms.ChoiceField(label=label, choices=choices,
                                                     error_messages={"required": _("Enter a value.")})
        if indicator.aggregation != "weighted_average" or indicator.value_type == ValueType.PERCENTAGE:
            del self.fields["weight"]
        for category in self.categories:
            label = f"{category.dimension} — {category.label}"
            if indicator.is_percentage:
                self.fields[f"category_{category.pk}_numerator"] = forms.CharField(
                    label=_("%(category)s — numerator") % {"category": label}, required=False, max_length=40)
                self.fields[f"category_{category.pk}_denominator"] = forms.CharField(
                    label=_("%(category)s — denominator") % {"category": label}, required=False, max_length=40)
                continue
            self.fields[f"category_{category.pk}"] = (
                forms.ChoiceField(label=label, choices=choices, required=False) if choices
                else forms.CharField(label=label, required=False, max_length=40)
            )
        self.order_fields(["value", "numerator", "denominator", "weight"]
                          + [name for name in self.fields if name.startswith("category_")]
                          + ["comment", "source", "confidence"])
        if self.categories and indicator.requires_category_total and indicator.value_type in SUMMED_TYPES:
            self.fields["value"].help_text = _("The categories of each dimension must add up to this total.")
        if self.categories and indicator.requires_category_total and indicator.is_percentage:
            self.fields["numerator"].help_text = _(
                "The numerators of the categories of each dimension must add up to this numerator.")
            self.fields["denominator"].help_text = _(
                "The denominators of the categories of each dimension must add up to this denominator.")

    @staticmethod
    def _choices(indicator: Indicator) -> list | None:
        """The choices of a yes/no answer or of a scale's levels (None for a number)."""
        if indicator.value_type == ValueType.YES_NO:
            return [("", "—"), ("1", _("Yes")), ("0", _("No"))]
        if indicator.value_type == ValueType.SCALE:
            return [("", "—")] + [(str(i), label) for i, label in enumerate(indicator.levels, start=1)]
        return None

    def category_data(self) -> dict | None:
        """{category id: raw number} of the breakdown inputs (None without categories); for a
        percentage, {category id: (raw numerator, raw denominator)}."""
        if not self.categories:
            return None
        if self.indicator.is_percentage:
            return {c.pk: (self.cleaned_data.get(f"category_{c.pk}_numerator", ""),
                           self.cleaned_data.get(f"category_{c.pk}_denominator", "")) for c in self.categories}
        return {c.pk: self.cleaned_data.get(f"category_{c.pk}", "") for c in self.categories}

    @classmethod
    def initial_from(cls, value, breakdown: dict | None = None) -> dict:
        if value is None:
            return {}
        def text(number):
            return "" if number is None else format(number.normalize(), "f")
        categories = {}
        for pk, number in (breakdown or {}).items():
            if isinstance(number, tuple):
                categories[f"category_{pk}_numerator"], categories[f"category_{pk}_denominator"] = map(text, number)
            else:
                categories[f"category_{pk}"] = text(number)
        return {
            **categories,
            "value": text(value.value), "numerator": text(value.numerator), "denominator": text(value.denominator),
            "weight": text(value.weight), "comment": value.comment, "source": value.source,
            "confidence": value.confidence,
        }


class CategoryForm(forms.Form):
    dimension = forms.CharField(
        label=_("Dimension"), max_length=100, help_text=_("E.g. children's age group, territory."),
    )
    label = forms.CharField(label=_("Category"), max_length=100, help_text=_("E.g. 0-2 years."))


class ReturnForm(forms.Form):
    note = forms.CharField(
        label=_("What needs to change"), widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The partner receives this note by email."),
    )


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV or Excel file"), help_text=_("Use the template: one row per value."))
