"""The measurement framework: indicators, their periods, targets, reporting organizations, links
to the agenda and the plan, and learning notes."""

from datetime import date, timedelta

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from guardian.shortcuts import remove_perm

from coalitions.concurrency import check_version, creates_once, lock_for_edit, refusing_duplicates
from coalitions.dates import local_today
from coalitions.models import Organization
from coalitions.permissions import require_permission

from ..models import (
    REPORT_PERMISSION,
    Aggregation,
    Indicator,
    IndicatorGroupObjectPermission,
    LearningNote,
    Period,
    Target,
    ValueStatus,
    ValueType,
)
from ..periods import generate_periods, period_containing
from ._common import queue_rollups, same_coalition

INDICATOR_FIELDS = {
    "code", "name_fr", "name_en", "definition_fr", "definition_en", "level", "unit", "unit_en", "value_type",
    "scale_labels", "direction", "frequency", "aggregation", "baseline_value", "baseline_date",
    "data_source", "expected_min", "expected_max", "due_days", "reporting_start", "requires_category_total",
    "counts_people",
}
LINK_FIELDS = ("priorities", "actions")


def _validate_indicator(coalition, fields: dict, instance: Indicator | None = None) -> dict:
    unknown = set(fields) - INDICATOR_FIELDS
    if unknown:
        raise ValueError(sorted(unknown))
    merged = {f: getattr(instance, f) for f in INDICATOR_FIELDS} if instance else {}
    merged.update(fields)
    errors = {}
    code = (merged.get("code") or "").strip()
    if not code:
        errors["code"] = _("Give the indicator a short code.")
    else:
        clash = Indicator.objects.filter(coalition=coalition, code__iexact=code)
        if instance:
            clash = clash.exclude(pk=instance.pk)
        if clash.exists():
            errors["code"] = _("Another indicator already uses this code.")
    if not (merged.get("name_fr") or "").strip():
        errors["name_fr"] = _("Give the indicator a name in French.")
    low, high = merged.get("expected_min"), merged.get("expected_max")
    if low is not None and high is not None and low > high:
        errors["expected_max"] = _("The highest plausible value must not be below the lowest one.")
    if merged.get("value_type") == ValueType.SCALE and len(
        [x for x in (merged.get("scale_labels") or "").splitlines() if x.strip()]
    ) < 2:
        errors["scale_labels"] = _("A qualitative scale needs at least two levels, one per line.")
    if merged.get("requires_category_total") and merged.get("value_type") in (ValueType.YES_NO, ValueType.SCALE):
        errors["requires_category_total"] = _(
            "An answer or a level per category does not add up to the value: leave this box unchecked."
        )
    if merged.get("counts_people") and merged.get("value_type") != ValueType.COUNT:
        errors["counts_people"] = _("Only a count can be a number of people or families.")
    if merged.get("value_type") == ValueType.PERCENTAGE and merged.get("aggregation") == Aggregation.LATEST:
        errors["aggregation"] = _("A percentage is combined as the sum of numerators over the sum of denominators.")
    if not merged.get("reporting_start"):
        errors["reporting_start"] = _("Say from when values are reported.")
    if errors:
        raise ValidationError(errors)
    if "code" in fields:
        fields["code"] = code
    return fields


def periods_sync(*, indicator: Indicator, today: date | None = None) -> int:
    """Create the indicator's missing periods from its reporting start to the period that
    contains today, and keep the due dates of unlocked periods in step with ``due_days``.
    A system write (the nightly task and the indicator services call it). Returns how many
    periods were created."""
    today = today or local_today(indicator.coalition)
    last = period_containing(indicator.frequency, today)[1]
    wanted = generate_periods(indicator.frequency, indicator.reporting_start, max(last, indicator.reporting_start))
    existing = set(Period.objects.filter(indicator=indicator).values_list("start", flat=True))
    new = [
        Period(coalition_id=indicator.coalition_id, indicator=indicator, start=start, end=end,
               due_date=due_date(indicator, end))
        for start, end in wanted if start not in existing
    ]
    Period.objects.bulk_create(new, ignore_conflicts=True)
    for period in Period.objects.filter(indicator=indicator, is_locked=False):
        if period.due_date != due_date(indicator, period.end):
            period.due_date = due_date(indicator, period.end)
            period.save(update_fields=["due_date"])
    return len(new)


def due_date(indicator: Indicator, end: date) -> date:
    """When a period's values are due: ``due_days`` after its end, or, for a period that ended
    before the indicator's obligations began (a backdated start), ``due_days`` after that:
    nobody is late for a period that was over before they were asked."""
    start = max(end, indicator.obligations_from) if indicator.obligations_from else end
    return start + timedelta(days=indicator.due_days)


def is_backdated(indicator_or_fields, today: date) -> bool:
    """Does reporting start before the period under way (periods already over would be due)?"""
    if isinstance(indicator_or_fields, dict):
        start, frequency = indicator_or_fields.get("reporting_start"), indicator_or_fields.get("frequency")
    else:
        start, frequency = indicator_or_fields.reporting_start, indicator_or_fields.frequency
    if not start or not frequency:
        return False
    return start < period_containing(str(frequency), today)[0]


def _pop_links(coalition, fields: dict) -> dict:
    """Take the linked priorities and actions out of ``fields`` and check they belong to the
    coalition (ids posted by hand from another coalition get an error on the field)."""
    from conditions import selectors as plan

    links, errors = {}, {}
    for name, linkable in (("priorities", plan.priorities), ("actions", plan.actions)):
        if name not in fields:
            continue
        items = list(fields.pop(name) or [])
        ids = {getattr(item, "pk", item) for item in items}
        found = list(linkable(coalition).filter(pk__in=ids))
        if len(found) != len(ids):
            errors[name] = (_("Choose priorities of this coalition.") if name == "priorities"
                            else _("Choose actions of this coalition."))
        links[name] = found
    if errors:
        raise ValidationError(errors)
    return links


def _set_links(indicator: Indicator, links: dict) -> None:
    for name, items in links.items():
        getattr(indicator, name).set(items)


def _unique_code():
    return refusing_duplicates({"indicator_unique_code": ("code", _("Another indicator already uses this code."))})


@creates_once
@transaction.atomic
def indicator_create(*, actor, coalition, late_for_past_periods: bool = False, **fields) -> Indicator:
    """Create an indicator and its periods. When its reporting starts before the period under
    way, the periods already over are due ``due_days`` after today (``obligations_from``), so
    no organisation starts out late; ``late_for_past_periods`` keeps their own due dates (a
    seeded history, where partners did report, or not, at the time)."""
    require_permission(actor, coalition, "indicators.indicators:manage")
    links = _pop_links(coalition, fields)
    fields = _validate_indicator(coalition, fields)
    today = local_today(coalition)
    obligations = {"obligations_from": today} if is_backdated(fields, today) and not late_for_past_periods else {}
    with _unique_code():
        indicator = Indicator.objects.create(coalition=coalition, **fields, **obligations)
    _set_links(indicator, links)
    periods_sync(indicator=indicator)
    return indicator


@transaction.atomic
def indicator_links_set(*, actor, indicator: Indicator, priorities=None, actions=None) -> Indicator:
    """Link an indicator to priorities of the agenda and actions of the plan (None: unchanged)."""
    require_permission(actor, indicator.coalition, "indicators.indicators:manage")
    fields = {k: v for k, v in (("priorities", priorities), ("actions", actions)) if v is not None}
    _set_links(indicator, _pop_links(indicator.coalition, fields))
    return indicator


@transaction.atomic
def indicator_update(*, actor, indicator: Indicator, version: str | None = None, **fields) -> Indicator:
    require_permission(actor, indicator.coalition, "indicators.indicators:manage")
    indicator = lock_for_edit(indicator, version=version, fields=Indicator.EDIT_FIELDS, submitted=fields)
    links = _pop_links(indicator.coalition, fields)
    if "frequency" in fields and fields["frequency"] != indicator.frequency and indicator.periods.exists():
        if indicator.values.exists():
            raise ValidationError({"frequency": _("Values were reported for this indicator: its frequency is fixed.")})
        indicator.periods.all().delete()
    fields = _validate_indicator(indicator.coalition, fields, indicator)
    old_start = indicator.reporting_start
    for key, value in fields.items():
        setattr(indicator, key, value)
    today = local_today(indicator.coalition)
    if indicator.reporting_start < old_start and is_backdated(indicator, today):
        indicator.obligations_from = today  # the periods added now are not late from the start
    with _unique_code():
        indicator.save()
    if indicator.reporting_start < old_start:  # who reported from the start still does
        IndicatorGroupObjectPermission.objects.filter(content_object=indicator, reports_from__lte=old_start).update(
            reports_from=indicator.reporting_start)
    _set_links(indicator, links)
    periods_sync(indicator=indicator)
    queue_rollups(indicator.coalition_id, indicator.periods.values_list("indicator_id", "pk"))
    return indicator


@transaction.atomic
def indicator_delete(*, actor, indicator: Indicator) -> None:
    require_permission(actor, indicator.coalition, "indicators.indicators:manage")
    if indicator.values.filter(status=ValueStatus.APPROVED).exists():
        raise ValidationError(_("This indicator has approved values; it cannot be deleted."))
    indicator.delete()


@transaction.atomic
def period_set_lock(*, actor, period: Period, locked: bool) -> Period:
    require_permission(actor, period.coalition, "indicators.indicators:manage")
    if period.is_locked != locked:
        period.is_locked = locked
        period.save(update_fields=["is_locked"])
    return period


@transaction.atomic
def target_set(*, actor, indicator: Indicator, period: Period | None, value) -> Target:
    require_permission(actor, indicator.coalition, "indicators.indicators:manage")
    if period is not None and period.indicator_id != indicator.pk:
        raise ValidationError({"period": _("Choose a period of this indicator.")})
    if value is None:
        raise ValidationError({"value": _("Enter the target value.")})
    target, _created = Target.objects.update_or_create(
        indicator=indicator, period=period, defaults={"value": value, "coalition_id": indicator.coalition_id}
    )
    return target


@transaction.atomic
def target_delete(*, actor, target: Target) -> None:
    require_permission(actor, target.coalition, "indicators.indicators:manage")
    target.delete()


def default_reports_from(indicator: Indicator, today: date) -> date:
    """From when an organisation assigned today reports: the period under way (an organisation
    assigned late to an old indicator owes nothing from before), or the reporting start when
    reporting has not started yet."""
    return max(period_containing(indicator.frequency, today)[0], indicator.reporting_start)


@transaction.atomic
def assignments_set(*, actor, indicator: Indicator, organizations, reports_from: date | None = None
                    ) -> list[Organization]:
    """Say which organisations report the indicator: guardian grants to their groups. The
    organisations added report from ``reports_from`` (they owe the periods that end on or
    after it; by default ``default_reports_from``); those already assigned keep their start."""
    require_permission(actor, indicator.coalition, "indicators.indicators:manage")
    organizations = list(organizations)
    for organization in organizations:
        same_coalition(indicator.coalition, organization)
    reports_from = reports_from or default_reports_from(indicator, local_today(indicator.coalition))
    wanted = {o.group_id for o in organizations}
    current = set(
        IndicatorGroupObjectPermission.objects.filter(content_object=indicator).values_list("group_id", flat=True)
    )
    if wanted - current:
        permission = Permission.objects.get(content_type__app_label="indicators", codename=REPORT_PERMISSION)
        IndicatorGroupObjectPermission.objects.bulk_create([  # one statement: the backlog is refreshed once
            IndicatorGroupObjectPermission(coalition_id=indicator.coalition_id, content_object=indicator,
                                           group_id=group, permission=permission, reports_from=reports_from)
            for group in sorted(wanted - current)], ignore_conflicts=True)
    perm = f"indicators.{REPORT_PERMISSION}"
    for group in Group.objects.filter(pk__in=current - wanted):
        remove_perm(perm, group, indicator)
    if wanted != current:
        queue_rollups(indicator.coalition_id, indicator.periods.values_list("indicator_id", "pk"))
    return organizations


@transaction.atomic
def note_save(*, actor, indicator: Indicator, period: Period, learned: str, worked: str = "",
              did_not_work: str = "", version: str | None = None) -> LearningNote:
    """Write the period's note; refused if another coordinator saved it since ``version``."""
    require_permission(actor, indicator.coalition, "indicators.notes:manage")
    if period.indicator_id != indicator.pk:
        raise PermissionDenied("period of another indicator")
    if not learned.strip():
        raise ValidationError({"learned": _("Write what the coalition learned in this period.")})
    Period.objects.select_for_update().filter(pk=period.pk).first()  # serialise the period's note, even the first
    saved = LearningNote.objects.filter(indicator=indicator, period=period).first()
    submitted = {"learned": learned.strip(), "worked": worked.strip(), "did_not_work": did_not_work.strip()}
    check_version(saved or LearningNote(indicator=indicator, period=period), version=version,
                  fields=LearningNote.EDIT_FIELDS, submitted=submitted)
    note, _created = LearningNote.objects.update_or_create(
        indicator=indicator, period=period,
        defaults={"coalition_id": indicator.coalition_id, "learned": learned.strip(), "worked": worked.strip(),
                  "did_not_work": did_not_work.strip(), "author": actor},
    )
    return note
