import pytest
from django_scopes import scope

from coalitions.models import Role
from indicators import demo
from indicators.models import Indicator, IndicatorRollup, IndicatorValue, LearningNote
from tests.factories import CoalitionFactory, MembershipFactory, OrganizationFactory


@pytest.mark.django_db
def test_the_demo_has_three_years_of_realistic_values_and_is_idempotent():
    coalition = CoalitionFactory(slug="securite-alimentaire-essai")
    coordinator = MembershipFactory(coalition=coalition, role=Role.COORDINATOR).user
    for name in ("Moisson des Sources", "Cuisines collectives des Sources", "CLSC des Sources",
                 "Ville de Val-des-Sources"):
        OrganizationFactory(coalition=coalition, name=name)
    with scope(coalition=coalition):
        demo.seed(coalition=coalition, coordinator=coordinator)
        values = IndicatorValue.objects.filter(coalition=coalition)
        counts = (Indicator.objects.count(), values.count(), IndicatorRollup.objects.count())
        assert counts[0] == 4 and counts[1] > 80 and counts[2] > 30
        assert values.filter(status="returned").exists() and values.filter(status="submitted").exists()
        assert values.filter(is_flagged=True).exclude(comment="").exists()
        assert LearningNote.objects.exists()
        first = values.order_by("period__start").first()
        assert (values.order_by("-period__start").first().period.start - first.period.start).days > 2 * 365
        demo.seed(coalition=coalition, coordinator=coordinator)
        assert (Indicator.objects.count(), values.count(), IndicatorRollup.objects.count()) == counts
