"""Factories of shared measurement."""

from datetime import date, timedelta

import factory
from django.utils import timezone
from django_scopes import scopes_disabled
from guardian.shortcuts import assign_perm

from indicators.models import (
    REPORT_PERMISSION,
    Category,
    Indicator,
    IndicatorRollup,
    IndicatorValue,
    LearningNote,
    Period,
    Target,
    ValueStatus,
)
from tests.factories import CoalitionFactory, ModelFactory, OrganizationFactory


class IndicatorFactory(ModelFactory):
    class Meta:
        model = Indicator

    coalition = factory.SubFactory(CoalitionFactory)
    code = factory.Sequence(lambda n: f"IND-{n:03d}")
    name_fr = factory.Sequence(lambda n: f"Familles rejointes {n}")
    name_en = factory.Sequence(lambda n: f"Families reached {n}")
    value_type = "count"
    frequency = "quarterly"
    aggregation = "sum"
    unit = "familles"
    reporting_start = date(2024, 1, 1)


class PeriodFactory(ModelFactory):
    class Meta:
        model = Period

    indicator = factory.SubFactory(IndicatorFactory)
    coalition = factory.LazyAttribute(lambda p: p.indicator.coalition)
    start = date(2025, 1, 1)
    end = factory.LazyAttribute(lambda p: p.start + timedelta(days=89))
    due_date = factory.LazyAttribute(lambda p: p.end + timedelta(days=15))


class TargetFactory(ModelFactory):
    class Meta:
        model = Target

    indicator = factory.SubFactory(IndicatorFactory)
    coalition = factory.LazyAttribute(lambda t: t.indicator.coalition)
    period = None
    value = 100


class CategoryFactory(ModelFactory):
    class Meta:
        model = Category

    indicator = factory.SubFactory(IndicatorFactory)
    coalition = factory.LazyAttribute(lambda c: c.indicator.coalition)
    dimension = "Groupe d'âge"
    label = factory.Sequence(lambda n: f"{n}-{n + 1} ans")


class IndicatorValueFactory(ModelFactory):
    class Meta:
        model = IndicatorValue

    period = factory.SubFactory(PeriodFactory)
    indicator = factory.LazyAttribute(lambda v: v.period.indicator)
    coalition = factory.LazyAttribute(lambda v: v.period.coalition)
    organization = factory.LazyAttribute(lambda v: OrganizationFactory(coalition=v.coalition))
    value = 10
    status = ValueStatus.SUBMITTED
    submitted_at = factory.LazyFunction(timezone.now)


class IndicatorRollupFactory(ModelFactory):
    class Meta:
        model = IndicatorRollup

    period = factory.SubFactory(PeriodFactory)
    indicator = factory.LazyAttribute(lambda r: r.period.indicator)
    coalition = factory.LazyAttribute(lambda r: r.period.coalition)
    value = 10
    reported_count = 1
    expected_count = 1
    computed_at = factory.LazyFunction(timezone.now)


class LearningNoteFactory(ModelFactory):
    class Meta:
        model = LearningNote

    period = factory.SubFactory(PeriodFactory)
    indicator = factory.LazyAttribute(lambda n: n.period.indicator)
    coalition = factory.LazyAttribute(lambda n: n.period.coalition)
    learned = "Les ateliers du samedi rejoignent plus de pères."


def assign(indicator, *organizations) -> None:
    """Grant ``organizations`` the reporting of ``indicator`` (a guardian group permission)."""
    with scopes_disabled():
        for organization in organizations:
            assign_perm(f"indicators.{REPORT_PERMISSION}", organization.group, indicator)
