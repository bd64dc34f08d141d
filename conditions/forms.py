from django import forms
from django.utils.translation import gettext_lazy as _

from .models import AgendaVersion, Endorsement, Priority


class AgendaDraftForm(forms.ModelForm):
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


class PriorityForm(forms.ModelForm):
    class Meta:
        model = Priority
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class EndorsementForm(forms.ModelForm):
    organization = forms.ModelChoiceField(label=_("Organization"), queryset=None, empty_label=None)

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations

    class Meta:
        model = Endorsement
        fields = ["organization", "with_reservations", "comment"]
        widgets = {"comment": forms.Textarea(attrs={"rows": 4})}
