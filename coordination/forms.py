from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from coalitions.forms import GuardedForm
from coalitions.models import Membership, Organization, Role

from .models.backbone import AssessmentQuestion, BackboneTask, Condition, ResourceKind, TaskStatus
from .models.communication import Announcement, Audience, Comment, EmailFrequency, NotificationKind
from .models.governance import BodyKind, GovernanceBody
from .models.meetings import Meeting, MeetingKind, Rsvp


def member_users(coalition):
    members = Membership.objects.filter(coalition=coalition, is_active=True).values("user_id")
    return get_user_model().objects.filter(pk__in=members).order_by("full_name", "email")


def organizations(coalition):
    return Organization.objects.filter(coalition=coalition).order_by("name")


class CoalitionForm(forms.Form):
    """A form whose choices come from the current coalition (set in __init__)."""

    def __init__(self, *args, coalition, **kwargs):
        super().__init__(*args, **kwargs)
        self.coalition = coalition
        for field in self.fields.values():
            if getattr(field, "queryset", None) is not None and getattr(field, "coalition_source", None):
                field.queryset = field.coalition_source(coalition)


def _users(label, required=False, multiple=False, help_text=""):
    cls = forms.ModelMultipleChoiceField if multiple else forms.ModelChoiceField
    kwargs = {"widget": forms.CheckboxSelectMultiple} if multiple else {}
    field = cls(label=label, queryset=get_user_model().objects.none(), required=required, help_text=help_text,
                **kwargs)
    field.coalition_source = member_users
    return field


def _organizations(label, required=False, multiple=False, help_text=""):
    cls = forms.ModelMultipleChoiceField if multiple else forms.ModelChoiceField
    kwargs = {"widget": forms.CheckboxSelectMultiple} if multiple else {}
    field = cls(label=label, queryset=Organization.objects.none(), required=required, help_text=help_text, **kwargs)
    field.coalition_source = organizations
    return field


def _bodies(coalition):
    return GovernanceBody.objects.filter(coalition=coalition).order_by("name")


def _actions(coalition):
    from conditions.selectors import accepted_actions

    return accepted_actions(coalition)


def _plans(coalition):
    from conditions.selectors import plans

    return plans(coalition)


def _priorities(coalition):
    from conditions.selectors import priorities

    return priorities(coalition)


def _meetings(coalition):
    return Meeting.objects.filter(coalition=coalition).order_by("-starts_at")


class MeetingForm(GuardedForm, CoalitionForm):
    edit_fields = Meeting.EDIT_FIELDS
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind of meeting"), choices=MeetingKind.choices)
    starts_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(
        label=_("Start time"), widget=forms.TimeInput(attrs={"type": "time"}),
        help_text=_("In the coalition's time zone."),
    )
    duration_minutes = forms.IntegerField(label=_("Duration (minutes)"), initial=120, min_value=5, max_value=1440)
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    video_url = forms.URLField(label=_("Video link"), required=False, assume_scheme="https")
    agenda = forms.CharField(label=_("Agenda"), required=False, widget=forms.Textarea(attrs={"rows": 5}),
                             help_text=_("One agenda item per line."))
    body = forms.ModelChoiceField(label=_("Governance body"), queryset=GovernanceBody.objects.none(), required=False)
    body.coalition_source = _bodies
    invited_organizations = _organizations(
        _("Invited organizations"), multiple=True, help_text=_("All their active members are invited.")
    )
    invited_people = _users(_("Invited people"), multiple=True)
    shared_with_funders = forms.BooleanField(
        label=_("Share the details with funders"), required=False,
        help_text=_("Funders always see the date, the kind and the decisions. Tick to also show them the agenda, "
                    "attendance, minutes, follow-ups and comments."),
    )


class RsvpForm(forms.Form):
    rsvp = forms.ChoiceField(label=_("Will you attend?"), choices=Rsvp.choices, widget=forms.RadioSelect)


class MinutesForm(GuardedForm, forms.Form):
    edit_fields = Meeting.MINUTES_FIELDS
    minutes = forms.CharField(label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 14}), required=False)
    publish = forms.BooleanField(label=_("Publish the minutes"), required=False,
                                 help_text=_("Members are told that the minutes are available."))


class DecisionForm(GuardedForm, CoalitionForm):
    text = forms.CharField(label=_("Decision"), widget=forms.Textarea(attrs={"rows": 3}))
    follow_up_what = forms.CharField(label=_("Follow-up: what has to be done"), max_length=300, required=False,
                                     help_text=_("Optional. Leave the follow-up fields empty if none."))
    follow_up_user = _users(_("Follow-up: person responsible"))
    follow_up_organization = _organizations(_("Follow-up: organization responsible"))
    follow_up_due_on = forms.DateField(label=_("Follow-up: due date"), required=False,
                                       widget=forms.DateInput(attrs={"type": "date"}))
    action = forms.ModelChoiceField(label=_("Action of the plan whose status the decision changes"),
                                    queryset=Organization.objects.none(), required=False)
    action.coalition_source = _actions
    action_status = forms.ChoiceField(label=_("New status of the action"), required=False)
    new_action_title = forms.CharField(label=_("New action: title"), max_length=200, required=False,
                                       help_text=_("Optional. The decision adds this action to the plan."))
    new_action_plan = forms.ModelChoiceField(label=_("New action: plan"), queryset=Organization.objects.none(),
                                             required=False)
    new_action_plan.coalition_source = _plans
    new_action_priority = forms.ModelChoiceField(label=_("New action: priority"),
                                                 queryset=Organization.objects.none(), required=False)
    new_action_priority.coalition_source = _priorities
    new_action_lead = _organizations(_("New action: lead organization"))

    def __init__(self, *args, **kwargs):
        from conditions.selectors import action_statuses

        super().__init__(*args, **kwargs)
        self.fields["action_status"].choices = [("", "—"), *action_statuses()]


class FollowUpForm(GuardedForm, CoalitionForm):
    what = forms.CharField(label=_("What has to be done"), max_length=300)
    assignee_user = _users(_("Person responsible"))
    assignee_organization = _organizations(_("Organization responsible"),
                                           help_text=_("A person, an organization, or both."))
    due_on = forms.DateField(label=_("Due date"), widget=forms.DateInput(attrs={"type": "date"}))


class AnnouncementForm(GuardedForm, forms.Form):
    edit_fields = Announcement.EDIT_FIELDS
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 8}))
    audience = forms.ChoiceField(label=_("Who receives it"), choices=Audience.choices)
    pinned = forms.BooleanField(label=_("Pin on top"), required=False)


class CommentForm(GuardedForm, forms.Form):
    edit_fields = Comment.EDIT_FIELDS
    body = forms.CharField(
        label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000,
        help_text=_("Write @ followed by a member's full name or email address to notify them."),
    )


class PreferencesForm(forms.Form):
    def __init__(self, *args, current: dict, **kwargs):
        super().__init__(*args, **kwargs)
        for kind, label in NotificationKind.choices:
            self.fields[kind] = forms.ChoiceField(
                label=label, choices=EmailFrequency.choices, initial=current.get(kind, EmailFrequency.IMMEDIATELY)
            )


class ReminderSettingsForm(forms.Form):
    meeting_enabled = forms.BooleanField(label=_("Remind invitees before a meeting"), required=False)
    meeting_days_before = forms.IntegerField(label=_("Days before the meeting"), min_value=0, max_value=60)
    minutes_enabled = forms.BooleanField(label=_("Remind coordinators to publish the minutes"), required=False)
    minutes_days_after = forms.IntegerField(label=_("Days after the meeting"), min_value=0, max_value=60)
    follow_up_enabled = forms.BooleanField(label=_("Remind assignees of follow-ups (before and when due)"),
                                           required=False)
    follow_up_days_before = forms.IntegerField(label=_("Days before a follow-up is due"), min_value=0, max_value=60)
    weekly_summary_enabled = forms.BooleanField(
        label=_("Send a weekly summary on Monday"), required=False,
        help_text=_("Coordinators: overdue follow-ups, meetings ahead, minutes to publish. Partners: what concerns "
                    "their organization."),
    )
    indicator_enabled = forms.BooleanField(
        label=_("Remind organizations to report their indicator values (before the due date and when late)"),
        required=False)
    indicator_days_before = forms.IntegerField(label=_("Days before a reporting period is due"), min_value=0,
                                               max_value=60)
    indicator_escalation_days = forms.IntegerField(
        label=_("Days late before the coordinators are told"), min_value=0, max_value=60)
    endorsement_enabled = forms.BooleanField(
        label=_("Remind representatives to endorse the current agenda"), required=False)
    endorsement_days_after = forms.IntegerField(label=_("Days after the agenda is published"), min_value=0,
                                                max_value=60)


class TeamMemberForm(GuardedForm, CoalitionForm):
    user = _users(_("Person"), required=True)
    title = forms.CharField(label=_("Role in the team"), max_length=150)
    responsibilities = forms.CharField(label=_("Responsibilities"), required=False,
                                       widget=forms.Textarea(attrs={"rows": 3}))


class BodyForm(GuardedForm, CoalitionForm):
    edit_fields = GovernanceBody.EDIT_FIELDS
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=BodyKind.choices)
    mandate = forms.CharField(label=_("Mandate"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
                              help_text=_("What the body is responsible for and decides."))
    members = _users(_("People"), multiple=True)
    organizations = _organizations(_("Organizations"), multiple=True)


class TaskForm(GuardedForm, CoalitionForm):
    edit_fields = BackboneTask.EDIT_FIELDS
    title = forms.CharField(label=_("Task"), max_length=200)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    status = forms.ChoiceField(label=_("Status"), choices=TaskStatus.choices, initial=TaskStatus.TODO)
    owner = _users(_("Owner"))
    due_on = forms.DateField(label=_("Due date"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    meeting = forms.ModelChoiceField(label=_("Related meeting"), queryset=Meeting.objects.none(), required=False)
    meeting.coalition_source = _meetings


class LibraryItemForm(GuardedForm, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=ResourceKind.choices)
    condition = forms.TypedChoiceField(label=_("Condition"), choices=Condition.choices, coerce=int)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    tags = forms.CharField(label=_("Tags"), max_length=300, required=False, help_text=_("Separated by commas."))
    file = forms.FileField(label=_("File"), required=False,
                           help_text=_("At most 10 MB: PDF, office documents, text, CSV or images."))
    url = forms.URLField(label=_("Link"), required=False, assume_scheme="https",
                         help_text=_("Instead of a file, a link to the resource."))


class RoundForm(GuardedForm, forms.Form):
    title = forms.CharField(label=_("Title of the round"), max_length=200,
                            help_text=_("For example: Self-assessment, fall 2026."))
    roles = forms.MultipleChoiceField(
        label=_("Who answers"), choices=Role.choices, widget=forms.CheckboxSelectMultiple, initial=[Role.PARTNER],
        help_text=_("Every active member holding one of these roles answers once, for themselves."))


class QuestionForm(GuardedForm, forms.Form):
    edit_fields = AssessmentQuestion.EDIT_FIELDS
    text_fr = forms.CharField(label=_("Statement (French)"), max_length=300)
    text_en = forms.CharField(label=_("Statement (English)"), max_length=300)
