"""Permissions of condition 3, merged into coalitions.permissions.REGISTRY, and the object
rules of shared measurement (who reports what, who reads which values)."""

from coalitions.permissions import COORDINATORS, EVERYONE, MEMBERS_WHO_TAKE_PART, has_permission

INDICATORS_VIEW = "indicators.indicators:view"
INDICATORS_MANAGE = "indicators.indicators:manage"
VALUES_ENTER = "indicators.values:enter"
VALUES_REVIEW = "indicators.values:review"
VALUES_IMPORT = "indicators.values:import"
VALUES_EXPORT = "indicators.values:export"
COMPLETENESS_VIEW = "indicators.completeness:view"
NOTES_MANAGE = "indicators.notes:manage"
# Exact small counts of people or families; without it (funders) they are hidden (selectors.suppression).
SMALL_COUNTS_VIEW = "indicators.small_counts:view"

PERMISSIONS = {
    INDICATORS_VIEW: EVERYONE,
    INDICATORS_MANAGE: COORDINATORS,
    VALUES_ENTER: MEMBERS_WHO_TAKE_PART,
    VALUES_REVIEW: COORDINATORS,
    VALUES_IMPORT: MEMBERS_WHO_TAKE_PART,
    VALUES_EXPORT: MEMBERS_WHO_TAKE_PART,
    COMPLETENESS_VIEW: COORDINATORS,
    NOTES_MANAGE: COORDINATORS,
    SMALL_COUNTS_VIEW: MEMBERS_WHO_TAKE_PART,
}


# Object rules --------------------------------------------------------------------------
# Models are imported lazily: this module is loaded while the permission registry is being built.


def acts_for_every_organization(membership) -> bool:
    """The coordination team acts for every organisation (it reviews their values)."""
    return has_permission(membership, VALUES_REVIEW)


def can_report(membership, indicator, organization) -> bool:
    """A partner reports only its own organisation's assigned indicators; the coordination
    team reports for any assigned organisation, and alone enters coordinator-entered values."""
    if membership is None or indicator.coalition_id != membership.coalition_id:
        return False
    if indicator.entered_by_coordinator:
        return organization is None and acts_for_every_organization(membership)
    if organization is None or organization.coalition_id != membership.coalition_id:
        return False
    if not acts_for_every_organization(membership) and membership.organization_id != organization.pk:
        return False
    from .selectors import reports

    return reports(indicator, organization)


def reportable_pairs(membership) -> set[tuple[int, int | None]]:
    """Every (indicator id, organization id or None) ``membership`` may report, the rule of
    ``can_report`` for the whole coalition at once (three queries): what an import checks its
    rows against."""
    from coalitions.models import Organization

    from .models import Indicator, IndicatorGroupObjectPermission

    if membership is None:
        return set()
    every = acts_for_every_organization(membership)
    indicators = dict(Indicator.objects.filter(coalition_id=membership.coalition_id)
                      .values_list("pk", "aggregation"))
    by_coordinator = {pk for pk, aggregation in indicators.items() if aggregation == "coordinator"}
    pairs: set[tuple[int, int | None]] = {(pk, None) for pk in by_coordinator} if every else set()
    organizations = Organization.objects.filter(coalition_id=membership.coalition_id)
    if not every:
        organizations = organizations.filter(pk=membership.organization_id)
    group_of = {group: pk for pk, group in organizations.values_list("pk", "group_id")}
    grants = IndicatorGroupObjectPermission.objects.filter(
        coalition_id=membership.coalition_id, group_id__in=list(group_of)).values_list("content_object_id", "group_id")
    pairs.update((indicator, group_of[group]) for indicator, group in grants if indicator not in by_coordinator)
    return pairs


def sees_organization_values(membership) -> bool:
    """Funders see coalition-level rollups only, never an organisation's values."""
    return has_permission(membership, VALUES_ENTER)


def visible_values(membership, queryset):
    """Values a member may read: everything for the coordination team; for a partner its own
    organisation's values and other organisations' approved ones; nothing for funders."""
    from .models import ValueStatus

    if acts_for_every_organization(membership):
        return queryset
    if not sees_organization_values(membership):
        return queryset.none()
    from django.db.models import Q

    return queryset.filter(Q(organization_id=membership.organization_id) | Q(status=ValueStatus.APPROVED))


def sees_comment(membership, value) -> bool:
    """An organisation's comments stay within it and the coordination team."""
    return acts_for_every_organization(membership) or (
        value.organization_id is not None and value.organization_id == membership.organization_id
    )
