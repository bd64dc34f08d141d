"""The entry grid: every value still to report on one page, saved row by row through the value
service (checks, plausibility, categories), errors next to the cell, nothing else saved."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from indicators.models import IndicatorValue, ValueStatus

from .factories import CategoryFactory, IndicatorFactory, IndicatorValueFactory, PeriodFactory, assign

pytestmark = pytest.mark.django_db


def grid_url(world, query=""):
    return reverse("indicators:entry_grid", args=[world.coalition.slug]) + query


def row(period, organization, htmx=True, **fields):
    """The POST of one row, as the browser sends it (the row's form and its inputs)."""
    prefix = f"c{period.pk}-{organization.pk}"
    data = {"cell": str(period.pk), f"{prefix}-confidence": "high", f"{prefix}-source": ""}
    data.update({f"{prefix}-{k}": v for k, v in fields.items()})
    return data


def post(client, world, data, htmx=True):
    return client.post(grid_url(world), data, **({"HTTP_HX_REQUEST": "true"} if htmx else {}))


def value_of(measure, period=None, organization=None):
    with scopes_disabled():
        return IndicatorValue.objects.filter(
            indicator=measure.indicator, period=period or measure.period,
            organization=organization or measure.world.organization, category__isnull=True).first()


def test_the_grid_lists_every_period_still_to_enter_with_one_input_each(client, world, measure):
    IndicatorValueFactory(period=measure.period2, organization=world.organization, status=ValueStatus.APPROVED)
    client.force_login(world.partner)
    html = client.get(grid_url(world)).content.decode()
    assert "Saisie en grille" in html
    assert f'id="t-c{measure.period.pk}-{world.organization.pk}"' in html
    assert f'id="t-c{measure.period2.pk}-{world.organization.pk}"' not in html  # approved: nothing to enter
    field = f'name="c{measure.period.pk}-{world.organization.pk}-value"'
    assert field in html and f'form="f-c{measure.period.pk}-{world.organization.pk}"' in html
    assert 'aria-label="Valeur (familles) — PE-01, ' in html
    assert "<script" in html and "indicators/grid.js" in html


def test_a_row_is_saved_and_submitted_through_the_service(client, world, measure):
    client.force_login(world.partner)
    response = post(client, world, row(measure.period, world.organization, value="42"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html and "Enregistrée et soumise pour révision." in html
    assert f'id="id_c{measure.period.pk}-{world.organization.pk}-value_e" hx-swap-oob="true"></span>' in html
    value = value_of(measure)
    assert value.value == 42 and value.status == ValueStatus.SUBMITTED and value.entered_by == world.partner


def test_an_implausible_value_asks_for_a_comment_next_to_the_cell(client, world, measure):
    client.force_login(world.partner)
    html = post(client, world, row(measure.period, world.organization, value="900")).content.decode()
    comment_slot = f'id="id_c{measure.period.pk}-{world.organization.pk}-comment_e" hx-swap-oob="true">'
    assert comment_slot + "Cette valeur est au-dessus de la plus haute valeur plausible (500\u00a0familles)" in html
    assert value_of(measure) is None
    html = post(client, world, row(measure.period, world.organization, value="900",
                                   comment="Nouveau programme")).content.decode()
    assert "Signalée à la personne qui révise" in html or "⚑" in html
    assert value_of(measure).is_flagged


def test_a_bad_number_is_refused_next_to_its_cell_and_nothing_is_saved(client, world, measure):
    client.force_login(world.partner)
    html = post(client, world, row(measure.period, world.organization, value="beaucoup")).content.decode()
    assert '-value_e" hx-swap-oob="true">Entrez un nombre.</span>' in html
    assert value_of(measure) is None


def test_categories_must_add_up_and_say_so_next_to_the_category(client, world, measure, ages):
    young, old, town, other_town = ages
    client.force_login(world.partner)
    html = client.get(grid_url(world)).content.decode()
    assert "Groupe d'âge des enfants — 0-2 ans" in html or "Groupe d&#x27;âge des enfants — 0-2 ans" in html
    fields = {"value": "10", f"category_{young.pk}": "3", f"category_{old.pk}": "3",
              f"category_{town.pk}": "5", f"category_{other_town.pk}": "5"}
    html = post(client, world, row(measure.period, world.organization, **fields)).content.decode()
    assert "doivent totaliser" in html and value_of(measure) is None
    fields[f"category_{old.pk}"] = "7"
    post(client, world, row(measure.period, world.organization, **fields))
    assert value_of(measure).status == ValueStatus.SUBMITTED
    with scopes_disabled():
        assert IndicatorValue.objects.filter(category=old, organization=world.organization).get().value == 7


def test_an_unchanged_row_is_not_saved_but_a_draft_is_submitted(client, world, measure):
    client.force_login(world.partner)
    post(client, world, row(measure.period, world.organization, value=""))
    assert value_of(measure) is None  # nothing typed: nothing saved, no error
    IndicatorValueFactory(period=measure.period2, organization=world.organization, status=ValueStatus.DRAFT, value=5)
    post(client, world, row(measure.period2, world.organization, value="5"))
    assert value_of(measure, measure.period2).status == ValueStatus.SUBMITTED


def test_without_javascript_a_row_is_saved_and_the_grid_comes_back(client, world, measure):
    client.force_login(world.partner)
    response = post(client, world, row(measure.period, world.organization, value="12"), htmx=False)
    assert response.status_code == 302 and response.url == grid_url(world)
    assert "1 valeur soumise pour révision." in client.get(response.url).content.decode()
    response = post(client, world, row(measure.period2, world.organization, value="-4"), htmx=False)
    assert response.status_code == 200  # the grid again, the error next to the cell, the input kept
    html = response.content.decode()
    assert 'value="-4"' in html and "Un dénombrement est un nombre entier, zéro ou plus." in html


@pytest.mark.parametrize("data", [
    {"cell": "abc"},
    {"cell": "999999"},
    {"cell": ["1", "2"]},
    {},
])
def test_hostile_rows_are_refused_without_an_error_page(client, world, measure, data):
    client.force_login(world.partner)
    assert post(client, world, data).status_code == 400
    assert post(client, world, data, htmx=False).status_code == 200
    assert value_of(measure) is None


def test_another_organisations_row_and_a_tampered_confidence_are_refused(client, world, measure):
    client.force_login(world.partner)
    post(client, world, row(measure.period, measure.other_org, value="3"))  # the partner's row is its own only
    assert value_of(measure, organization=measure.other_org) is None and value_of(measure) is None
    data = row(measure.period, world.organization, value="3")
    data[f"c{measure.period.pk}-{world.organization.pk}-confidence"] = "absolute"
    response = post(client, world, data)
    assert response.status_code == 200 and value_of(measure) is None
    assert "Sélectionnez un choix valide" in response.content.decode()


def test_a_coordinator_enters_an_organisations_grid(client, world, measure):
    client.force_login(world.coordinator)
    query = f"?organization={measure.other_org.pk}"
    html = client.get(grid_url(world, query)).content.decode()
    assert f'id="t-c{measure.period.pk}-{measure.other_org.pk}"' in html
    client.post(grid_url(world, query), row(measure.period, measure.other_org, value="8"), HTTP_HX_REQUEST="true")
    assert value_of(measure, organization=measure.other_org).value == 8


def test_a_percentage_row_has_a_numerator_and_a_denominator(client, world, measure, share):
    indicator, _towns = share
    client.force_login(world.partner)
    html = client.get(grid_url(world)).content.decode()
    assert "Numérateur — PE-07" in html and "Dénominateur — PE-07" in html


def test_the_grid_costs_the_same_queries_at_two_sizes(client, world, measure, django_assert_num_queries):
    client.force_login(world.partner)
    client.get(grid_url(world))
    with django_assert_num_queries(9) as small:
        client.get(grid_url(world))
    for _ in range(6):
        indicator = IndicatorFactory(coalition=world.coalition)
        for month in (1, 4, 7):
            PeriodFactory(indicator=indicator, start=measure.period.start.replace(month=month))
        CategoryFactory(indicator=indicator)
        assign(indicator, world.organization)
    with django_assert_num_queries(len(small.captured_queries)):
        assert client.get(grid_url(world)).content.decode().count('class="grid-row') == 2 + 18
