"""What the API returns: explicit fields, so that the published schema does not move when a
model gains a column. Decimals are strings ("12.5000"), datetimes ISO 8601 with their offset."""

import decimal
from collections.abc import Mapping
from operator import attrgetter

from django.core.exceptions import ObjectDoesNotExist
from rest_framework import serializers
from rest_framework.fields import SkipField, is_simple_callable

from coalitions.permissions import MEMBERS_MANAGE, has_permission
from coordination.permissions import can_see_meeting_details
from indicators.permissions import sees_comment
from indicators.selectors import suppression


# A read serializer whose rows cost a page of 100 little: the same answer as DRF's
# Serializer.to_representation, but each field's reader and writer are chosen once, on the first
# row (a list reuses its child for every row), not looked up field by field and row by row.
# Integers, text, booleans, dates, datetimes (ISO 8601 in the current time zone, "Z" for UTC) and
# decimals (quantized, as text) are written directly; any other field, and any value a direct
# reader cannot read, goes through DRF's own field (tests/api/test_rows.py). No docstring: the
# schema would give it to every serializer without its own.
class Rows(serializers.Serializer):
    def to_representation(self, instance):
        plan = self.__dict__.get("_plan")
        if plan is None:
            plan = self.__dict__["_plan"] = self._make_plan(instance)
        row = {}
        for name, read, write, field in plan:
            try:
                value = read(instance)
            except (AttributeError, KeyError, ObjectDoesNotExist):
                try:
                    value = field.get_attribute(instance)
                except SkipField:
                    continue
                write = field.to_representation
            row[name] = None if value is None else write(value)
        return row

    def _make_plan(self, first) -> list:
        plan = []
        for field in self._readable_fields:
            if isinstance(field, serializers.SerializerMethodField):
                plan.append((field.field_name, _itself, getattr(self, field.method_name), field))
            elif field.source == "*" or not field.source_attrs or not _direct(field, first):
                plan.append((field.field_name, field.get_attribute, field.to_representation, field))
            else:
                plan.append((field.field_name, attrgetter(".".join(field.source_attrs)), _writer(field), field))
        return plan


def _direct(field, instance) -> bool:
    """Whether plain attribute access reads ``field`` of ``instance`` (and of its like) as DRF
    would: an object, not a mapping, whose attribute is a value, not a method to call."""
    if isinstance(instance, Mapping):
        return False
    try:
        value = attrgetter(".".join(field.source_attrs))(instance)
    except (AttributeError, KeyError, ObjectDoesNotExist):
        return False
    return not is_simple_callable(value)


def _itself(instance):
    return instance


def _writer(field):
    """The function that writes a (non-null) value as ``field.to_representation`` would."""
    kind = type(field)
    if kind is serializers.IntegerField:
        return int
    if kind is serializers.CharField:
        return str
    if kind is serializers.BooleanField:
        return lambda value: value if value is True or value is False else field.to_representation(value)
    if kind is serializers.DateField and getattr(field, "format", serializers.api_settings.DATE_FORMAT) == "iso-8601":
        return _iso_date
    if kind is serializers.DateTimeField and (
            getattr(field, "format", serializers.api_settings.DATETIME_FORMAT) == "iso-8601"):
        return _iso_datetime(field)
    if (kind is serializers.DecimalField and field.decimal_places is not None and not field.localize
            and not field.normalize_output and getattr(field, "coerce_to_string", True)
            and serializers.api_settings.COERCE_DECIMAL_TO_STRING):
        return _decimal_text(field)
    return field.to_representation


def _iso_date(value):
    return value.isoformat() if value and not isinstance(value, str) else (value or None)


def _iso_datetime(field):
    zone = field.timezone if hasattr(field, "timezone") else field.default_timezone()

    def write(value):
        if not value:
            return None
        if zone is None or isinstance(value, str) or value.tzinfo is None:
            return field.to_representation(value)
        try:
            text = value.astimezone(zone).isoformat()
        except OverflowError:
            return field.to_representation(value)  # its error, as DRF gives it
        return text[:-6] + "Z" if text.endswith("+00:00") else text
    return write


def _decimal_text(field):
    """DecimalField.quantize, with its context and exponent made once."""
    context = decimal.getcontext().copy()
    if field.max_digits is not None:
        context.prec = field.max_digits
    exponent, rounding = decimal.Decimal(".1") ** field.decimal_places, field.rounding

    def write(value):
        if not isinstance(value, decimal.Decimal):
            return field.to_representation(value)
        return f"{value.quantize(exponent, rounding=rounding, context=context):f}"
    return write


class CoalitionSerializer(Rows):
    id = serializers.IntegerField()
    slug = serializers.CharField()
    name = serializers.CharField()
    territory = serializers.CharField()
    description = serializers.CharField()
    default_language = serializers.CharField()
    time_zone = serializers.CharField()
    fiscal_year_start_month = serializers.IntegerField()
    role = serializers.SerializerMethodField(help_text="Your role in the coalition.")

    def get_role(self, coalition) -> str:
        return self.context["request"].membership.role


def _membership(serializer):
    return serializer.context["request"].membership


AMOUNT = {"max_digits": 18, "decimal_places": 4, "allow_null": True}


class OrganizationSerializer(Rows):
    id = serializers.IntegerField()
    name = serializers.CharField()
    sector = serializers.CharField()
    kind = serializers.CharField()
    website = serializers.CharField()
    description = serializers.CharField()
    member_count = serializers.IntegerField()


class MemberSerializer(Rows):
    """A member; the email only for those who manage the members (never for funders)."""

    id = serializers.IntegerField()
    name = serializers.SerializerMethodField()
    email = serializers.SerializerMethodField()
    role = serializers.CharField()
    organization = serializers.IntegerField(source="organization_id", allow_null=True)
    is_active = serializers.BooleanField()
    created_at = serializers.DateTimeField()

    def get_name(self, membership) -> str:
        return str(membership.user)

    def get_email(self, membership) -> str | None:
        return membership.user.email if has_permission(_membership(self), MEMBERS_MANAGE) else None


class PrioritySerializer(Rows):
    id = serializers.IntegerField()
    title = serializers.CharField()
    description = serializers.CharField()
    position = serializers.IntegerField()


class PublishedPrioritySerializer(Rows):
    id = serializers.IntegerField()
    title = serializers.CharField()
    description = serializers.CharField()


class AgendaSerializer(Rows):
    """The current published version of the common agenda."""

    number = serializers.IntegerField()
    problem = serializers.CharField()
    target_population = serializers.CharField()
    territory = serializers.CharField()
    vision = serializers.CharField()
    long_term_outcomes = serializers.CharField()
    guiding_principles = serializers.CharField()
    published_at = serializers.DateTimeField(allow_null=True)
    priorities = PublishedPrioritySerializer(many=True, source="priorities_snapshot")


class ActionSerializer(Rows):
    id = serializers.IntegerField()
    title = serializers.CharField()
    description = serializers.CharField()
    plan = serializers.IntegerField(source="plan_id")
    priorities = serializers.SerializerMethodField()
    lead_organization = serializers.IntegerField(source="lead_organization_id")
    contributing_organizations = serializers.SerializerMethodField()
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    status = serializers.CharField()
    progress = serializers.IntegerField(allow_null=True)
    expected_results = serializers.CharField()
    review_status = serializers.CharField()

    def get_priorities(self, action) -> list[int]:
        return [priority.pk for priority in action.priorities.all()]  # prefetched (action_rows)

    def get_contributing_organizations(self, action) -> list[int]:
        return [organization.pk for organization in action.contributing_organizations.all()]


class ActivitySerializer(Rows):
    id = serializers.IntegerField()
    action = serializers.IntegerField(source="action_id")
    organization = serializers.IntegerField(source="organization_id")
    date = serializers.DateField()
    end_date = serializers.DateField(allow_null=True)
    description = serializers.CharField()
    people_reached = serializers.IntegerField(
        allow_null=True, help_text="null for a funder (Law 25): people and families are in the reports, summed, "
                                   "small counts hidden.")
    families_reached = serializers.IntegerField(allow_null=True, help_text="null for a funder, as people_reached.")
    hours = serializers.DecimalField(max_digits=8, decimal_places=1)
    cost = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)

    def to_representation(self, activity):
        data = super().to_representation(activity)
        if not self.context.get("people_counts"):  # set by the view: conditions.permissions.sees_people_counts
            data.update(people_reached=None, families_reached=None)
        return data


class TargetSerializer(Rows):
    id = serializers.IntegerField()
    period = serializers.IntegerField(source="period_id", allow_null=True, help_text="null: the final target.")
    value = serializers.DecimalField(max_digits=18, decimal_places=4)


class CategorySerializer(Rows):
    id = serializers.IntegerField()
    dimension = serializers.CharField()
    label = serializers.CharField()


class IndicatorSerializer(Rows):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    name_fr = serializers.CharField()
    name_en = serializers.CharField()
    definition = serializers.CharField()
    level = serializers.CharField()
    unit = serializers.CharField()
    value_type = serializers.CharField()
    direction = serializers.CharField()
    frequency = serializers.CharField()
    aggregation = serializers.CharField()
    baseline_value = serializers.DecimalField(**AMOUNT)
    baseline_date = serializers.DateField(allow_null=True)
    data_source = serializers.CharField()
    targets = TargetSerializer(many=True, source="target_list")  # indicator_framework's prefetched lists
    categories = CategorySerializer(many=True, source="category_list")


class PeriodSerializer(Rows):
    id = serializers.IntegerField()
    indicator = serializers.IntegerField(source="indicator_id")
    start = serializers.DateField()
    end = serializers.DateField()
    due_date = serializers.DateField()
    is_locked = serializers.BooleanField()


class ValueSerializer(Rows):
    """A reported value. The comment and the reviewer's note stay within the organisation and
    the coordination team, as on the pages."""

    id = serializers.IntegerField(read_only=True)
    indicator = serializers.IntegerField(source="indicator_id")
    indicator_code = serializers.CharField(source="indicator.code")
    period = serializers.IntegerField(source="period_id")
    period_start = serializers.DateField(source="period.start")
    period_end = serializers.DateField(source="period.end")
    organization = serializers.IntegerField(source="organization_id", allow_null=True)
    category = serializers.IntegerField(source="category_id", allow_null=True)
    value = serializers.DecimalField(**AMOUNT)
    numerator = serializers.DecimalField(**AMOUNT)
    denominator = serializers.DecimalField(**AMOUNT)
    weight = serializers.DecimalField(**AMOUNT)
    comment = serializers.SerializerMethodField()
    review_note = serializers.SerializerMethodField()
    source = serializers.CharField()
    confidence = serializers.CharField()
    status = serializers.CharField()
    is_flagged = serializers.BooleanField()
    flag_reason = serializers.CharField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    reviewed_at = serializers.DateTimeField(allow_null=True)
    updated_at = serializers.DateTimeField()

    def _sees(self, value) -> bool:
        return sees_comment(_membership(self), value)

    def get_comment(self, value) -> str | None:
        return value.comment if self._sees(value) else None

    def get_review_note(self, value) -> str | None:
        return value.review_note if self._sees(value) else None


class RollupSerializer(Rows):
    """The coalition value of an indicator for a period (and a category), from approved values,
    with how many of the organisations expected to report did."""

    id = serializers.IntegerField()
    indicator = serializers.IntegerField(source="indicator_id")
    indicator_code = serializers.CharField(source="indicator.code")
    period = serializers.IntegerField(source="period_id")
    period_start = serializers.DateField(source="period.start")
    period_end = serializers.DateField(source="period.end")
    category = serializers.IntegerField(source="category_id", allow_null=True)
    value = serializers.DecimalField(max_digits=24, decimal_places=6, allow_null=True)
    numerator = serializers.DecimalField(max_digits=24, decimal_places=4, allow_null=True)
    denominator = serializers.DecimalField(max_digits=24, decimal_places=4, allow_null=True)
    reported_count = serializers.IntegerField()
    expected_count = serializers.IntegerField()
    completeness = serializers.SerializerMethodField(help_text="reported_count / expected_count, 0 to 1, as text.")
    computed_at = serializers.DateTimeField()
    suppressed = serializers.SerializerMethodField(
        help_text="Set when the value is hidden from you (Law 25: a small count of people): « <5 » for a count "
                  "below the coalition's threshold, « * » for a value hidden so that no total gives one away. "
                  "value, numerator and denominator are then null.",
    )

    def get_completeness(self, rollup) -> str | None:
        return completeness(rollup.reported_count, rollup.expected_count)

    def get_suppressed(self, rollup) -> str | None:
        shown = getattr(rollup, "shown_value", None)
        return shown if suppression.is_hidden(shown) else None

    def to_representation(self, rollup):
        data = super().to_representation(rollup)
        if data["suppressed"]:
            data.update(value=None, numerator=None, denominator=None)
        return data


def completeness(reported: int, expected: int) -> str | None:
    if not expected:
        return None
    return f"{min(reported / expected, 1):.4f}"


class DecisionSerializer(Rows):
    number = serializers.IntegerField()
    text = serializers.CharField()
    action = serializers.IntegerField(source="action_id", allow_null=True)


class MeetingSerializer(Rows):
    """A meeting; its agenda and published minutes only for those who see its details."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    kind = serializers.CharField()
    starts_at = serializers.DateTimeField()
    duration_minutes = serializers.IntegerField()
    place = serializers.CharField()
    agenda = serializers.SerializerMethodField()
    minutes = serializers.SerializerMethodField()
    decisions = DecisionSerializer(many=True)

    def _details(self, meeting) -> bool:
        return can_see_meeting_details(_membership(self), meeting)

    def get_agenda(self, meeting) -> str | None:
        return meeting.agenda if self._details(meeting) else None

    def get_minutes(self, meeting) -> str | None:
        return meeting.minutes if meeting.minutes_published_at and self._details(meeting) else None


class AnnouncementSerializer(Rows):
    id = serializers.IntegerField()
    title = serializers.CharField()
    body = serializers.CharField()
    audience = serializers.CharField()
    pinned = serializers.BooleanField()
    published_at = serializers.DateTimeField()


CONFIDENCES = ["high", "medium", "low"]
RAW_NUMBER = {"required": False, "allow_null": True, "allow_blank": True, "max_length": 40,
              "help_text": "A number as text (\"12.5\"), checked against the indicator's value type."}


class CategoryNumberSerializer(serializers.Serializer):
    """One category of a value's breakdown: its number, or for a percentage its numerator and
    denominator (both, or neither)."""

    category = serializers.IntegerField(min_value=1, max_value=2**63 - 1, help_text="The category's id.")
    value = serializers.CharField(**RAW_NUMBER)
    numerator = serializers.CharField(**RAW_NUMBER)
    denominator = serializers.CharField(**RAW_NUMBER)


class ValueInputSerializer(serializers.Serializer):
    """A value to enter: the numbers go to the service as sent, which reads and checks them as
    the entry page's (value type, plausibility, period open)."""

    indicator = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    period = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    organization = serializers.IntegerField(min_value=1, max_value=2**63 - 1, required=False, allow_null=True,
                                            help_text="null for a value the coordination team enters once.")
    value = serializers.CharField(**RAW_NUMBER)
    numerator = serializers.CharField(**RAW_NUMBER)
    denominator = serializers.CharField(**RAW_NUMBER)
    weight = serializers.CharField(**RAW_NUMBER)
    comment = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    source = serializers.CharField(required=False, allow_blank=True, max_length=300)
    confidence = serializers.ChoiceField(CONFIDENCES, required=False)
    submit = serializers.BooleanField(required=False, default=False,
                                      help_text="true: submit it for review; false: keep it as a draft.")
    categories = CategoryNumberSerializer(
        many=True, required=False, max_length=500,
        help_text="The breakdown by category, as on the entry page: every category of the indicator, a category "
                  "left out being empty. When the indicator requires it, the categories of each dimension add up "
                  "to the value; the errors name each category (category_<id>, or category_<id>_numerator and "
                  "_denominator for a percentage). Left out of a change (PATCH, submit), the breakdown stays as it "
                  "is and is checked against the new value.")


class ValueChangeSerializer(ValueInputSerializer):
    """The fields to change in a value (the others stay as they are)."""

    indicator = None  # type: ignore[assignment]
    period = None  # type: ignore[assignment]
    organization = None  # type: ignore[assignment]


class ReturnSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=5000, help_text="What needs to change, for the partner.")


class BulkItemError(serializers.Serializer):
    index = serializers.IntegerField()
    errors = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))


class BulkResultSerializer(serializers.Serializer):
    results = ValueSerializer(many=True)
