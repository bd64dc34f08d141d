"""Shared measurement: indicators, their periods and targets, partners' values, rollups.

Every model is tenant-owned (coalitions.tenancy.TenantModel). Which organisations report
which indicator is stored as django-guardian object permissions granted to the
organisation's auth group (``IndicatorGroupObjectPermission``, a direct foreign key)."""

from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from guardian.managers import GroupObjectPermissionManager
from guardian.models import GroupObjectPermissionBase

from coalitions.fields import SingleLineCharField
from coalitions.models import audited
from coalitions.tenancy import ScopedManager, TenantModel

if TYPE_CHECKING:
    from django.db.models.fields.related_descriptors import RelatedManager
    from django_scopes import ScopedManagerType

REPORT_PERMISSION = "report_indicator"


class Level(models.TextChoices):
    POPULATION = "population", _("Population result")
    PERFORMANCE = "performance", _("Performance measure")


class ValueType(models.TextChoices):
    COUNT = "count", _("Count")
    AMOUNT = "amount", _("Amount (CAD)")
    PERCENTAGE = "percentage", _("Percentage (numerator / denominator)")
    RATE = "rate", _("Rate per 1,000")
    YES_NO = "yes_no", _("Yes / no")
    SCALE = "scale", _("Qualitative scale")


# Broken down by category: every type (a percentage has a numerator and a denominator per
# category). Only the summed types add up to the value; a percentage's numerators and
# denominators add up to its own.
DISAGGREGATED_TYPES = frozenset(ValueType)
SUMMED_TYPES = frozenset({ValueType.COUNT, ValueType.AMOUNT, ValueType.RATE})


class Direction(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")


class Frequency(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    SEMI_ANNUAL = "semi_annual", _("Semi-annual")
    ANNUAL = "annual", _("Annual (calendar year)")
    SCHOOL_YEAR = "school_year", _("School year (September to August)")
    FISCAL_YEAR = "fiscal_year", _("Fiscal year (April to March)")


class Aggregation(models.TextChoices):
    SUM = "sum", _("Sum")
    AVERAGE = "average", _("Average")
    WEIGHTED_AVERAGE = "weighted_average", _("Weighted average")
    MIN = "min", _("Minimum")
    MAX = "max", _("Maximum")
    LATEST = "latest", _("Latest value")
    COORDINATOR = "coordinator", _("Entered once by the coordination team")


class Confidence(models.TextChoices):
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")


class ValueStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for revision")
    APPROVED = "approved", _("Approved")


@audited()
class Indicator(TenantModel):
    code = SingleLineCharField(_("code"), max_length=20, help_text=_("A short code, e.g. PE-01."))
    name_fr = SingleLineCharField(_("name (French)"), max_length=200)
    name_en = SingleLineCharField(_("name (English)"), max_length=200, blank=True)
    definition_fr = models.TextField(_("definition (French)"), blank=True)
    definition_en = models.TextField(_("definition (English)"), blank=True)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, default=Level.PERFORMANCE)
    unit = SingleLineCharField(_("unit"), max_length=50, blank=True, help_text=_("E.g. families, children, days."))
    unit_en = SingleLineCharField(
        _("unit (English)"), max_length=50, blank=True, db_default="",
        help_text=_("Shown to people who read in English; empty: the unit as written above."),
    )
    value_type = models.CharField(_("value type"), max_length=20, choices=ValueType.choices, default=ValueType.COUNT)
    scale_labels = models.TextField(
        _("scale levels"), blank=True,
        help_text=_("For a qualitative scale: one level per line, from the lowest (1) to the highest."),
    )
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices, default=Direction.HIGHER)
    frequency = models.CharField(_("frequency"), max_length=20, choices=Frequency.choices, default=Frequency.QUARTERLY)
    aggregation = models.CharField(
        _("how partners' values combine"), max_length=20, choices=Aggregation.choices, default=Aggregation.SUM
    )
    baseline_value = models.DecimalField(_("baseline value"), max_digits=18, decimal_places=4, null=True, blank=True)
    baseline_date = models.DateField(_("baseline date"), null=True, blank=True)
    data_source = models.CharField(_("data source"), max_length=300, blank=True)
    expected_min = models.DecimalField(
        _("lowest plausible value"), max_digits=18, decimal_places=4, null=True, blank=True,
        help_text=_("A value below it needs an explanation and is flagged for review."),
    )
    expected_max = models.DecimalField(
        _("highest plausible value"), max_digits=18, decimal_places=4, null=True, blank=True,
        help_text=_("A value above it needs an explanation and is flagged for review."),
    )
    due_days = models.PositiveSmallIntegerField(
        _("days to report"), default=15, help_text=_("Values are due this many days after a period ends.")
    )
    reporting_start = models.DateField(
        _("reporting starts on"), help_text=_("Periods are generated from this date to today.")
    )
    # Backdated obligations (issue 13): an indicator whose reporting starts in the past does not
    # make anyone late for periods that ended before it existed. A period that ended before this
    # date is due this many days to report after it, not after its end. Set when the indicator is
    # created (or its start moved back) with a start in the past; empty: due dates follow the
    # periods' ends (seeded history, indicators created before this rule).
    obligations_from = models.DateField(_("values are late from"), null=True, blank=True, editable=False)
    priorities = models.ManyToManyField(
        "conditions.Priority", related_name="indicators", blank=True, verbose_name=_("linked priorities"),
        help_text=_("The strategic priorities of the common agenda this indicator measures."),
    )
    actions = models.ManyToManyField(
        "conditions.Action", related_name="indicators", blank=True, verbose_name=_("linked actions"),
        help_text=_("The actions of the plan that contribute to this indicator."),
    )
    counts_people = models.BooleanField(
        _("counts people or families"), default=False, db_default=False,  # raw inserts (seed_scale)
        help_text=_("Its values are numbers of people or families: funders see values below the coalition's "
                    "small numbers threshold as “fewer than” it."),
    )
    requires_category_total = models.BooleanField(
        _("categories add up to the total"), default=False, db_default=False,
        help_text=_("When checked, the categories of each dimension must add up to the value reported."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    EDIT_FIELDS = (
        "code", "name_fr", "name_en", "definition_fr", "definition_en", "level", "unit", "unit_en", "value_type",
        "scale_labels",
        "direction", "frequency", "aggregation", "reporting_start", "due_days", "baseline_value", "baseline_date",
        "data_source", "expected_min", "expected_max", "priorities", "actions", "requires_category_total",
        "counts_people",
    )

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["code"]
        permissions = [(REPORT_PERMISSION, "Reports values of this indicator")]
        constraints = [models.UniqueConstraint("coalition", "code", name="indicator_unique_code")]

    def __str__(self):
        return f"{self.code} — {self.name}"

    @property
    def name(self) -> str:
        if (translation.get_language() or "").startswith("en") and self.name_en:
            return self.name_en
        return self.name_fr

    @property
    def definition(self) -> str:
        if (translation.get_language() or "").startswith("en") and self.definition_en:
            return self.definition_en
        return self.definition_fr

    @property
    def levels(self) -> list[str]:
        return [line.strip() for line in self.scale_labels.splitlines() if line.strip()]

    @property
    def is_percentage(self) -> bool:
        return self.value_type == ValueType.PERCENTAGE

    @property
    def entered_by_coordinator(self) -> bool:
        return self.aggregation == Aggregation.COORDINATOR


class IndicatorGroupObjectPermission(TenantModel, GroupObjectPermissionBase):
    """A reporting assignment: the organisation's group may report this indicator."""

    content_object = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="group_permissions")
    # From when the organisation reports (issue 13): it owes the periods that end on or after
    # this day, so an organisation assigned late to an old indicator owes nothing from before
    # (by default the start of the period under way when it was assigned). Empty: every period,
    # as for grants written by guardian's assign_perm or raw SQL (seeds, tests).
    # indicators.selectors.expected() is the one reader.
    reports_from = models.DateField(_("reports from"), null=True, blank=True)

    objects: ClassVar["ScopedManagerType[IndicatorGroupObjectPermission]"] = ScopedManager(
        _manager_class=GroupObjectPermissionManager, coalition="coalition"
    )

    class Meta(GroupObjectPermissionBase.Meta):
        abstract = False

    def save(self, *args, **kwargs):
        if not self.coalition_id:
            self.coalition_id = self.content_object.coalition_id
        super().save(*args, **kwargs)


@audited()
class Period(TenantModel):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="periods")
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    due_date = models.DateField(_("due date"))
    is_locked = models.BooleanField(_("locked"), default=False)

    class Meta:
        verbose_name = _("period")
        verbose_name_plural = _("periods")
        ordering = ["indicator", "start"]
        constraints = [models.UniqueConstraint("indicator", "start", name="period_unique_start")]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        from .periods import period_label

        return period_label(self.indicator.frequency, self.start, self.end)


@audited()
class Target(TenantModel):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    period = models.ForeignKey(
        Period, on_delete=models.CASCADE, null=True, blank=True, related_name="targets",
        verbose_name=_("period"), help_text=_("Leave empty for the final target."),
    )
    value = models.DecimalField(_("target value"), max_digits=18, decimal_places=4)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.UniqueConstraint("indicator", "period", name="target_unique_period", nulls_distinct=False),
        ]


@audited()
class Category(TenantModel):
    """A disaggregation category, e.g. "0-2 years" of the dimension "age group"."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="categories")
    dimension = SingleLineCharField(_("dimension"), max_length=100)
    label = SingleLineCharField(_("category"), max_length=100)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["dimension", "label"]
        constraints = [models.UniqueConstraint("indicator", "dimension", "label", name="category_unique_label")]

    def __str__(self):
        return f"{self.dimension}: {self.label}"


@audited(exclude=["updated_at", "emailed_returns"], level=pghistory.Statement)
class IndicatorValue(TenantModel):
    """One organisation's value of one indicator for one period (and optional category).
    ``organization`` is empty for a value entered once by the coordination team.

    Audited by statement-level triggers: one INSERT into the event table per statement, from
    its transition table, whatever the number of rows (imports and approvals write in sets),
    with the same events, context and actor as row-level triggers would record."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="values")
    organization = models.ForeignKey(
        "coalitions.Organization", on_delete=models.CASCADE, null=True, blank=True, related_name="indicator_values"
    )
    category = models.ForeignKey(Category, on_delete=models.CASCADE, null=True, blank=True, related_name="values")
    if TYPE_CHECKING:  # the history of audited(): pghistory makes its event model at run time
        events: RelatedManager[Any]
    value = models.DecimalField(_("value"), max_digits=18, decimal_places=4, null=True, blank=True)
    numerator = models.DecimalField(_("numerator"), max_digits=18, decimal_places=4, null=True, blank=True)
    denominator = models.DecimalField(_("denominator"), max_digits=18, decimal_places=4, null=True, blank=True)
    weight = models.DecimalField(_("weight"), max_digits=18, decimal_places=4, null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    confidence = models.CharField(_("confidence"), max_length=10, choices=Confidence.choices, default=Confidence.HIGH)
    status = models.CharField(_("status"), max_length=12, choices=ValueStatus.choices, default=ValueStatus.DRAFT)
    is_flagged = models.BooleanField(_("flagged"), default=False)
    flag_reason = models.CharField(_("why it is flagged"), max_length=300, blank=True)
    review_note = models.TextField(_("reviewer's note"), blank=True)
    return_count = models.PositiveIntegerField(default=0)
    emailed_returns = models.PositiveIntegerField(default=0)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("value")
        verbose_name_plural = _("values")
        constraints = [
            models.UniqueConstraint(
                "indicator", "period", "organization", "category", name="value_unique_cell", nulls_distinct=False
            ),
            models.CheckConstraint(
                condition=Q(numerator__isnull=True) | Q(denominator__isnull=True)
                | Q(numerator__lte=models.F("denominator")),
                name="value_numerator_not_above_denominator",
            ),
        ]
        indexes = [
            models.Index(fields=["indicator", "period", "status"], name="value_rollup_key"),
            # The sweep of lost "value returned" emails (services.review.send_lost_value_returned_emails).
            models.Index(fields=["reviewed_at"], name="value_returned", condition=Q(status="returned")),
            # The review queue: its filter and its sort (review_queue), so a page reads 25 entries.
            models.Index(fields=["coalition", "status", "-is_flagged", "submitted_at", "id"], name="value_review_queue",
                         condition=Q(category__isnull=True)),
            # An organisation's own values (entry screen, to_report): one index-only range scan.
            models.Index(fields=["organization", "period"], include=["indicator", "status", "id"],
                         name="value_own_cell", condition=Q(category__isnull=True)),
            # A partner's home counts its organisation's values by status (index only).
            models.Index(fields=["organization", "status"], include=["coalition"], name="value_organization_status"),
            # The API's cursor pages (pk order) of one coalition: without it a page walks the primary
            # key through every other coalition's values first (75,000 rows before echelle-200's).
            models.Index(fields=["coalition", "id"], name="value_coalition_pk"),
            # The API's pages (id order) filtered by indicator, organisation, status or update, each
            # from its own index (api.views.ValueList, tests/indicators/test_value_api_indexes.py);
            # a period has few values (read by its foreign key's index, then sorted). Approved
            # values are nearly all of them: their pages walk value_coalition_pk or the primary key.
            models.Index(fields=["coalition", "indicator", "id"], name="value_api_indicator"),
            models.Index(fields=["coalition", "organization", "id"], name="value_api_organization"),
            models.Index(fields=["coalition", "status", "id"], name="value_api_status",
                         condition=~Q(status="approved")),
            models.Index(fields=["coalition", "updated_at"], name="value_api_updated"),
        ]

    def __str__(self):
        return f"{self.indicator.code} {self.period} {self.organization or ''}"

    @property
    def display(self) -> Decimal | None:
        return self.value


class IndicatorRollup(TenantModel):
    """The coalition value of an indicator for a period (and optional category), computed
    in SQL from approved values only (see rollups.py). Never written by Python code."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="rollups")
    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="rollups")
    category = models.ForeignKey(Category, on_delete=models.CASCADE, null=True, blank=True, related_name="rollups")
    value = models.DecimalField(max_digits=24, decimal_places=6, null=True)
    numerator = models.DecimalField(max_digits=24, decimal_places=4, null=True)
    denominator = models.DecimalField(max_digits=24, decimal_places=4, null=True)
    reported_count = models.PositiveIntegerField(default=0)
    expected_count = models.PositiveIntegerField(default=0)
    computed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("coalition value")
        verbose_name_plural = _("coalition values")
        constraints = [
            models.UniqueConstraint(
                "indicator", "period", "category", name="rollup_unique_key", nulls_distinct=False
            ),
        ]


@audited()
class LearningNote(TenantModel):
    """The story behind the curve for one period, written by the coordination team."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="notes")
    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="notes")
    learned = models.TextField(_("what we learned"))
    worked = models.TextField(_("what worked"), blank=True)
    did_not_work = models.TextField(_("what did not work"), blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    EDIT_FIELDS = ("learned", "worked", "did_not_work")

    class Meta:
        verbose_name = _("learning note")
        verbose_name_plural = _("learning notes")
        constraints = [models.UniqueConstraint("indicator", "period", name="note_unique_period")]


class ImportStatus(models.TextChoices):
    CHECKING = "checking", _("Checking the file")
    REJECTED = "rejected", _("Refused: nothing was saved")
    READY = "ready", _("Checked, waiting for your confirmation")
    SAVING = "saving", _("Saving")
    DONE = "done", _("Saved")
    FAILED = "failed", _("Failed: nothing was saved")


class ValueImport(TenantModel):
    """One upload of a values file, from its check to its write (services/import_jobs.py).
    The file waits in ``upload`` until it is checked; the checked values wait in ``checked``
    until they are saved, so the write does not check the file again. Not audited itself:
    the values it writes are, under a context that names it."""

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    file_name = SingleLineCharField(max_length=255, blank=True)
    status = models.CharField(max_length=10, choices=ImportStatus.choices, default=ImportStatus.CHECKING)
    upload = models.BinaryField(null=True, editable=False)
    checked = models.JSONField(null=True, editable=False)  # {"values": [...], "categories": [...]}
    preview = models.JSONField(default=list, editable=False)  # the first rows, as shown
    errors = models.JSONField(default=list, editable=False)  # [[row, column, message], ...], the first ones
    error_count = models.PositiveIntegerField(default=0)
    refusal = models.TextField(blank=True)  # why the file itself cannot be read
    rows_read = models.PositiveIntegerField(default=0)
    rows_empty = models.PositiveIntegerField(default=0)
    rows_notes = models.PositiveIntegerField(default=0)
    values_count = models.PositiveIntegerField(default=0)
    flagged_count = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    changed_count = models.PositiveIntegerField(default=0)
    unchanged_count = models.PositiveIntegerField(default=0)
    progress = models.PositiveIntegerField(default=0)  # rows checked so far
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True)

    class Meta:
        verbose_name = _("values import")
        verbose_name_plural = _("values imports")
        indexes = [models.Index(fields=["coalition", "created_by", "-created_at"], name="import_of_person")]

    @property
    def is_running(self) -> bool:
        return self.status in (ImportStatus.CHECKING, ImportStatus.SAVING)

    @property
    def percent(self) -> int:
        return min(100, 100 * self.progress // self.rows_read) if self.rows_read else 0
