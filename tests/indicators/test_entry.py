"""The partner's "to report" screen, value validation, plausibility and object rules."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from indicators.models import IndicatorValue, ValueStatus
from indicators.services import review, values

from .factories import IndicatorFactory, IndicatorValueFactory, PeriodFactory, assign
from .helpers import cell_url, post_value

pytestmark = pytest.mark.django_db


def saved(measure, organization=None):
    with scopes_disabled():
        return IndicatorValue.objects.filter(indicator=measure.indicator,
                                             organization=organization or measure.world.organization).first()


def test_the_partner_sees_its_indicators_and_what_is_late(client, world, measure):
    client.force_login(world.partner)
    page = client.get(reverse("indicators:entry", args=[world.coalition.slug])).content.decode()
    assert "PE-01" in page and "Maison de la famille" in page
    assert "En retard" in page  # the periods of 2025 ended long ago
    assert 'hx-post="' + cell_url(world, measure.period, world.organization) in page


def test_the_screen_hides_indicators_not_assigned_to_the_organization(client, world, measure):
    other = IndicatorFactory(coalition=world.coalition, code="ZZ-99")
    PeriodFactory(indicator=other)
    assign(other, measure.other_org)
    client.force_login(world.partner)
    page = client.get(reverse("indicators:entry", args=[world.coalition.slug])).content.decode()
    assert "ZZ-99" not in page


def test_it_submits_a_value_without_javascript(client, world, measure):
    client.force_login(world.partner)
    response = post_value(client, world, measure.period, world.organization, value="42", source="Registre")
    assert response.status_code == 302
    value = saved(measure)
    assert value.value == 42 and value.status == ValueStatus.SUBMITTED and value.entered_by == world.partner


def test_the_value_field_is_not_marked_optional(client, world, measure):
    client.force_login(world.partner)
    page = client.get(reverse("indicators:entry", args=[world.coalition.slug])).content.decode()
    form = client.get(reverse("indicators:entry", args=[world.coalition.slug])).context["page_obj"][0].form
    assert form.fields["value"].required
    label = re.search(rf'for="id_c{measure.period.pk}-{world.organization.pk}-value">(.*?)</label>', page)
    assert label.group(1).startswith("Valeur") and "facultatif" not in label.group(1)
    assert "facultatif" in page  # the comment and the source stay optional


def test_a_draft_card_shows_its_value(client, world, measure):
    client.force_login(world.partner)
    post_value(client, world, measure.period, world.organization, value="37", action="draft")
    page = client.get(reverse("indicators:entry", args=[world.coalition.slug])).content.decode()
    assert "Valeur du brouillon\u00a0: 37" in page


def test_it_saves_a_draft_inline_with_htmx(client, world, measure):
    client.force_login(world.partner)
    response = post_value(client, world, measure.period, world.organization, htmx=True, value="7", action="draft")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html and f'id="c{measure.period.pk}-{world.organization.pk}"' in html
    assert "Enregistré comme brouillon." in html
    assert saved(measure).status == ValueStatus.DRAFT


@pytest.mark.parametrize("raw,message", [
    ("-3", "Un dénombrement est un nombre entier, zéro ou plus."),
    ("2.5", "Un dénombrement est un nombre entier, zéro ou plus."),
    ("beaucoup", "Entrez un nombre."),
    ("", "Entrez une valeur."),
])
def test_a_bad_count_is_refused_next_to_the_field_and_kept(client, world, measure, raw, message):
    client.force_login(world.partner)
    response = post_value(client, world, measure.period, world.organization, value=raw)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert f'value="{raw}"' in html or raw == ""
    assert saved(measure) is None


def test_a_percentage_numerator_cannot_exceed_its_denominator(world):
    indicator = IndicatorFactory(coalition=world.coalition, value_type="percentage", unit="")
    period = PeriodFactory(indicator=indicator)
    assign(indicator, world.organization)
    with scope(coalition=world.coalition):
        with pytest.raises(ValidationError) as error:
            values.value_save(actor=world.partner, indicator=indicator, period=period,
                                organization=world.organization, numerator="12", denominator="10")
        assert "numerator" in error.value.error_dict
        value = values.value_save(actor=world.partner, indicator=indicator, period=period,
                                    organization=world.organization, numerator="3", denominator="12")
    assert value.value == 25


def test_a_value_outside_the_expected_range_needs_a_comment_and_is_flagged(world, measure):
    with scope(coalition=world.coalition):
        with pytest.raises(ValidationError) as error:
            values.value_save(actor=world.partner, indicator=measure.indicator, period=measure.period,
                                organization=world.organization, value="900")
        assert "comment" in error.value.error_dict
        value = values.value_save(actor=world.partner, indicator=measure.indicator, period=measure.period,
                                    organization=world.organization, value="900",
                                    comment="Campagne de vaccination exceptionnelle")
    assert value.is_flagged and "plus haute valeur plausible" in value.flag_reason


def test_a_value_far_from_the_organizations_median_needs_a_comment(world, measure):
    for start, number in [(date(2024, 1, 1), 20), (date(2024, 4, 1), 22), (date(2024, 7, 1), 18)]:
        period = PeriodFactory(indicator=measure.indicator, start=start)
        IndicatorValueFactory(period=period, organization=world.organization, value=number, status="approved")
    with scope(coalition=world.coalition):
        with pytest.raises(ValidationError):
            values.value_save(actor=world.partner, indicator=measure.indicator, period=measure.period,
                                organization=world.organization, value="70")
        low = values.value_save(actor=world.partner, indicator=measure.indicator, period=measure.period,
                                  organization=world.organization, value="19")
    assert not low.is_flagged


def test_a_partner_cannot_write_another_organizations_value_by_editing_the_url(client, world, measure):
    client.force_login(world.partner)
    response = post_value(client, world, measure.period, measure.other_org, value="5")
    assert response.status_code == 404
    assert client.get(cell_url(world, measure.period, measure.other_org)).status_code == 404
    assert saved(measure, measure.other_org) is None


def test_a_hidden_organization_field_is_ignored(client, world, measure):
    client.force_login(world.partner)
    prefix = f"c{measure.period.pk}-{world.organization.pk}"
    client.post(cell_url(world, measure.period, world.organization), {
        f"{prefix}-value": "8", f"{prefix}-confidence": "high", "organization": measure.other_org.pk,
        f"{prefix}-organization": measure.other_org.pk, "action": "submit",
    })
    assert saved(measure).value == 8
    assert saved(measure, measure.other_org) is None


def test_the_service_refuses_another_organization_even_if_a_view_forgot(world, measure):
    with scope(coalition=world.coalition), pytest.raises(PermissionDenied):
        values.value_save(actor=world.partner, indicator=measure.indicator, period=measure.period,
                            organization=measure.other_org, value="5")


def test_a_partner_cannot_read_another_organizations_unapproved_value(client, world, measure):
    theirs = IndicatorValueFactory(period=measure.period, organization=measure.other_org, status="submitted",
                                   comment="Note interne")
    approved = IndicatorValueFactory(period=measure.period2, organization=measure.other_org, status="approved")
    client.force_login(world.partner)
    assert client.get(reverse("indicators:value_detail", args=[world.coalition.slug, theirs.pk])).status_code == 404
    assert client.get(reverse("indicators:value_detail", args=[world.coalition.slug, approved.pk])).status_code == 200
    page = client.get(reverse("indicators:indicator_detail", args=[world.coalition.slug, measure.indicator.pk]))
    assert "Note interne" not in page.content.decode()


def test_correcting_an_approved_value_reopens_it_and_keeps_its_history(client, world, measure):
    with scope(coalition=world.coalition):
        value = values.value_save(actor=world.partner, indicator=measure.indicator, period=measure.period,
                                    organization=world.organization, value="30")
        review.value_approve(actor=world.coordinator, value=value)
        value = values.value_save(actor=world.partner, indicator=measure.indicator, period=measure.period,
                                    organization=world.organization, value="33")
        assert value.status == ValueStatus.SUBMITTED
        versions = list(value.events.order_by("pgh_id").values_list("value", "status"))
    assert versions[0] == (30, "submitted") and (30, "approved") in versions and versions[-1] == (33, "submitted")
    client.force_login(world.coordinator)
    page = client.get(reverse("indicators:value_detail", args=[world.coalition.slug, value.pk])).content.decode()
    assert "Historique" in page and "30" in page and "33" in page


def test_the_coordination_team_enters_a_coalition_level_value_once(client, world, django_capture_on_commit_callbacks):
    indicator = IndicatorFactory(coalition=world.coalition, code="PE-02", aggregation="coordinator",
                                 value_type="percentage", unit="")
    period = PeriodFactory(indicator=indicator)
    client.force_login(world.coordinator)
    page = client.get(reverse("indicators:entry", args=[world.coalition.slug])).content.decode()
    assert "PE-02" in page
    url = reverse("indicators:entry_cell_coalition", args=[world.coalition.slug, period.pk])
    prefix = f"c{period.pk}-0"
    response = client.post(url, {f"{prefix}-numerator": "41", f"{prefix}-denominator": "148",
                                 f"{prefix}-confidence": "high", "action": "submit"})
    assert response.status_code == 302
    with scopes_disabled():
        value = IndicatorValue.objects.get(indicator=indicator)
    assert value.organization is None and value.value == Decimal("27.7027")
    client.force_login(world.partner)
    assert client.post(url, {}).status_code == 403


def test_the_coordinator_reports_for_a_chosen_organization(client, world, measure):
    client.force_login(world.coordinator)
    page = client.get(reverse("indicators:entry", args=[world.coalition.slug])
                      + f"?organization={measure.other_org.pk}").content.decode()
    assert "CPE Les Petits Pas" in page and cell_url(world, measure.period, measure.other_org) in page
    response = post_value(client, world, measure.period, measure.other_org, value="9")
    assert response.status_code == 302 and f"organization={measure.other_org.pk}" in response["Location"]
    assert saved(measure, measure.other_org).value == 9


def test_an_htmx_error_comes_back_inline_with_the_input_kept(client, world, measure):
    client.force_login(world.partner)
    response = post_value(client, world, measure.period, world.organization, htmx=True, value="3,5")
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert "Un dénombrement est un nombre entier, zéro ou plus." in html and 'value="3,5"' in html
    assert "<details open>" in html
    assert saved(measure) is None


def test_the_english_screen_shows_english_names(client, world, measure):
    client.force_login(world.partner)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("indicators:entry", args=[world.coalition.slug])).content.decode()
    assert "Families reached by home visits" in page and "Q1 2025" in page and "To report" in page


def test_the_json_list_shows_exactly_what_the_entry_screen_shows(client, world, measure):
    other = IndicatorFactory(coalition=world.coalition, code="ZZ-99")
    PeriodFactory(indicator=other)
    assign(other, measure.other_org)  # another organisation's indicator: not listed
    client.force_login(world.partner)
    data = client.get(reverse("indicators:entry_api", args=[world.coalition.slug])).json()
    assert data["organization"] == "Maison de la famille"
    codes = {row["indicator"] for row in data["to_report"]}
    assert codes == {measure.indicator.code}
    assert {"late", "due", "open"} & {row["status"] for row in data["to_report"]}
