from django import forms
from django.utils.translation import gettext_lazy as _

from coalitions.models import Organization

from .models import Confidence, Indicator, Period, ValueType


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = [
            "code", "name_fr", "name_en", "definition_fr", "definition_en", "level", "unit", "value_type",
            "scale_labels", "direction", "frequency", "aggregation", "reporting_start", "due_days",
            "baseline_value", "baseline_date", "data_source", "expected_min", "expected_max",
        ]
        widgets = {
            "reporting_start": forms.DateInput(attrs={"type": "date"}),
            "baseline_date": forms.DateInput(attrs={"type": "date"}),
            "definition_fr": forms.Textarea(attrs={"rows": 3}),
            "definition_en": forms.Textarea(attrs={"rows": 3}),
            "scale_labels": forms.Textarea(attrs={"rows": 3}),
        }

    def validate_unique(self):
        """The service checks the code's uniqueness and says so next to the field."""


class AssignmentForm(forms.Form):
    organizations = forms.ModelMultipleChoiceField(
        label=_("Organizations that report this indicator"), queryset=Organization.objects.none(),
        required=False, widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, coalition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organizations"].queryset = Organization.objects.filter(coalition=coalition).order_by("name")


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


class NoteForm(forms.Form):
    learned = forms.CharField(label=_("What we learned"), widget=forms.Textarea(attrs={"rows": 4}))
    worked = forms.CharField(label=_("What worked"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    did_not_work = forms.CharField(
        label=_("What did not work"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class ValueForm(forms.Form):
    """One cell of the "to report" screen. Numbers are read as text and checked by the
    service, so that "1 234,5" and "1234.5" both work and the errors are the service's."""

    value = forms.CharField(label=_("Value"), required=False, max_length=40)
    numerator = forms.CharField(label=_("Numerator"), required=False, max_length=40)
    denominator = forms.CharField(label=_("Denominator"), required=False, max_length=40)
    weight = forms.CharField(
        label=_("Weight"), required=False, max_length=40,
        help_text=_("How much this value counts in the average, e.g. the number of people it covers."),
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when the value is unusual: say why."),
    )
    source = forms.CharField(label=_("Source"), required=False, max_length=300)
    confidence = forms.ChoiceField(label=_("Confidence"), choices=Confidence.choices, initial=Confidence.HIGH)

    def __init__(self, *args, indicator: Indicator, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        if indicator.value_type == ValueType.PERCENTAGE:
            del self.fields["value"]
        else:
            del self.fields["numerator"], self.fields["denominator"]
            if indicator.unit:
                self.fields["value"].label = _("Value (%(unit)s)") % {"unit": indicator.unit}
        if indicator.value_type == ValueType.YES_NO:
            self.fields["value"] = forms.ChoiceField(
                label=_("Answer"), choices=[("", "—"), ("1", _("Yes")), ("0", _("No"))], required=False
            )
        elif indicator.value_type == ValueType.SCALE:
            self.fields["value"] = forms.ChoiceField(
                label=_("Level"), required=False,
                choices=[("", "—")] + [(str(i), label) for i, label in enumerate(indicator.levels, start=1)],
            )
        if indicator.aggregation != "weighted_average" or indicator.value_type == ValueType.PERCENTAGE:
            del self.fields["weight"]
        self.order_fields(["value", "numerator", "denominator", "weight", "comment", "source", "confidence"])

    @classmethod
    def initial_from(cls, value) -> dict:
        if value is None:
            return {}
        def text(number):
            return "" if number is None else format(number.normalize(), "f")
        return {
            "value": text(value.value), "numerator": text(value.numerator), "denominator": text(value.denominator),
            "weight": text(value.weight), "comment": value.comment, "source": value.source,
            "confidence": value.confidence,
        }


class ReturnForm(forms.Form):
    note = forms.CharField(
        label=_("What needs to change"), widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The partner receives this note by email."),
    )


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV or Excel file"), help_text=_("Use the template: one row per value."))
