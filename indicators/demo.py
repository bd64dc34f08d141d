"""Demo data of shared measurement: realistic indicators with three years of values, some
late, some returned, some out of range. Idempotent: an indicator that exists is left alone.
Everything goes through the services."""

import random
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone

from coalitions.dates import local_today
from coalitions.models import Membership, Organization, Role

from . import tasks
from .models import Indicator
from .services import breakdown, framework, review, values

# code -> (titles of the agenda's priorities, titles of the plan's actions) it is linked to
LINKS = {
    "PE-01": (["Bien-être des parents"], ["Visites à domicile pour les familles isolées"]),
    "PE-02": (["Maturité scolaire"], ["Dépistage précoce du langage", "Passeport pour la maternelle"]),
    "PE-03": (["Bien-être des parents"], ["Ateliers parent-enfant « Grandir ensemble »",
                                          "Heure du conte et sacs de lecture"]),
    "PE-04": (["Accès aux services"], ["Guichet unique d'accès aux services",
                                       "Formation commune des intervenantes"]),
    "PE-05": (["Maturité scolaire"], ["Halte-garderie communautaire", "Parcs et jeux actifs pour les tout-petits"]),
    "SA-01": (["Aide d'urgence digne"], ["Dépannage alimentaire coordonné", "Épicerie solidaire"]),
    "SA-02": (["Accès économique"], ["Bons d'achat au marché public", "Groupe d'achats en commun"]),
    "SA-03": (["Autonomie alimentaire"], ["Cuisines collectives de quartier", "Ateliers de conservation"]),
    "SA-04": (["Lutte au gaspillage"], ["Récupération des invendus"]),
}

# code -> {dimension: [(category, share of the total)]}; these indicators require the total.
DISAGGREGATION = {
    "PE-01": {"Groupe d'âge des enfants": [("0-2 ans", Decimal("0.45")), ("3-5 ans", Decimal("0.55"))],
              "Territoire": [("Forestville", Decimal("0.5")), ("Les Escoumins", Decimal("0.3")),
                             ("Longue-Rive", Decimal("0.2"))]},
    "SA-01": {"Territoire": [("Val-des-Sources", Decimal("0.7")), ("Danville", Decimal("0.3"))]},
}

# Indicators whose values count people or families: small values are hidden from funders.
PEOPLE_UNITS = ("familles", "personnes")

# code -> (fields, organisations that report it, generator (rng, period index) -> value or (num, den),
#          final target, learning notes {period index from the end: text})
PETITE_ENFANCE = [
    ({"code": "PE-01", "name_fr": "Familles rejointes par les visites à domicile",
      "name_en": "Families reached by home visits", "level": "performance", "unit": "familles", "unit_en": "families",
      "value_type": "count", "direction": "higher", "frequency": "quarterly", "aggregation": "sum",
      "definition_fr": "Nombre de familles avec un enfant de 0 à 5 ans qui ont reçu au moins une visite à "
                       "domicile pendant le trimestre.",
      "definition_en": "Families with a child aged 0 to 5 who received at least one home visit in the quarter.",
      "data_source": "Registres des visites des organismes", "expected_min": Decimal(0),
      "expected_max": Decimal(150), "baseline_value": Decimal(95)},
     ["CISSS de la Côte-Nord — CLSC de Forestville", "Maison de la famille de la Haute-Côte",
      "Carrefour familial des Escoumins"],
     lambda rng, i, k: round((18 + 12 * k) * (1 + 0.04 * i) * rng.uniform(0.85, 1.15)), Decimal(180),
     {2: ("Les visites conjointes CLSC–Maison de la famille rejoignent des familles qui ne venaient pas.",
          "Les visites conjointes; l'horaire de soir.", "Le roulement de personnel au CLSC en été.")}),
    ({"code": "PE-02", "name_fr": "Enfants vulnérables dans au moins un domaine de développement",
      "name_en": "Children vulnerable in at least one developmental domain", "level": "population",
      "value_type": "percentage", "direction": "lower", "frequency": "school_year", "aggregation": "coordinator",
      "definition_fr": "Part des enfants de maternelle 5 ans vulnérables dans au moins un domaine (EQDEM).",
      "definition_en": "Share of kindergarten children vulnerable in at least one domain (provincial survey).",
      "data_source": "Enquête québécoise sur le développement des enfants à la maternelle",
      "baseline_value": Decimal("29.5"), "due_days": 90},
     [], lambda rng, i, k: (round(148 * (0.295 - 0.012 * i)), 148), Decimal(24), {}),
    ({"code": "PE-03", "name_fr": "Participation aux ateliers parent-enfant",
      "name_en": "Attendance at parent-child workshops", "level": "performance", "unit": "présences",
      "unit_en": "attendances",
      "value_type": "count", "direction": "higher", "frequency": "monthly", "aggregation": "sum",
      "data_source": "Feuilles de présence", "expected_min": Decimal(0), "expected_max": Decimal(80)},
     ["Maison de la famille de la Haute-Côte", "Bibliothèque municipale de Forestville", "CPE Les Petits Pas",
      "Carrefour familial des Escoumins"],
     lambda rng, i, k: round((10 + 4 * k) * (0.4 if (i % 12) in (6, 7) else 1) * rng.uniform(0.7, 1.3)),
     Decimal(60),
     {1: ("L'heure du conte bilingue à la bibliothèque attire de nouvelles familles.", "", ""),
      5: ("La participation baisse l'été : nous essaierons des ateliers extérieurs.", "",
          "Les ateliers en salle en juillet.")}),
    ({"code": "PE-04", "name_fr": "Délai d'attente pour un premier service",
      "name_en": "Waiting time for a first service",
      "level": "performance", "unit": "jours", "unit_en": "days", "value_type": "count", "direction": "lower",
      "frequency": "quarterly", "aggregation": "average", "expected_min": Decimal(0),
      "expected_max": Decimal(120), "data_source": "Système de gestion des demandes", "baseline_value": Decimal(48)},
     ["CISSS de la Côte-Nord — CLSC de Forestville", "Maison de la famille de la Haute-Côte"],
     lambda rng, i, k: round((52 - 2.2 * i + 10 * k) * rng.uniform(0.85, 1.15)), Decimal(30), {}),
    ({"code": "PE-05", "name_fr": "Enfants inscrits à une activité de stimulation",
      "name_en": "Children enrolled in a stimulation activity", "level": "performance", "unit": "",
      "value_type": "percentage", "direction": "higher", "frequency": "semi_annual", "aggregation": "sum",
      "data_source": "Listes d'inscription", "expected_min": Decimal(0), "expected_max": Decimal(100)},
     ["CPE Les Petits Pas", "Bibliothèque municipale de Forestville"],
     lambda rng, i, k: (round((40 + 30 * k) * (0.35 + 0.03 * i) * rng.uniform(0.9, 1.1)), 40 + 30 * k),
     Decimal(60), {}),
]

SECURITE_ALIMENTAIRE = [
    ({"code": "SA-01", "name_fr": "Paniers alimentaires distribués", "name_en": "Food baskets distributed",
      "level": "performance", "unit": "paniers", "unit_en": "baskets", "value_type": "count", "direction": "higher",
      "frequency": "monthly", "aggregation": "sum", "expected_min": Decimal(0), "expected_max": Decimal(600),
      "data_source": "Registre des distributions"},
     ["Moisson des Sources", "Cuisines collectives des Sources"],
     lambda rng, i, k: round((260 - 180 * k) * (1.25 if (i % 12) in (2, 11) else 1) * rng.uniform(0.9, 1.1)),
     Decimal(400), {1: ("La hausse des demandes suit celle du prix du panier d'épicerie.", "", "")}),
    ({"code": "SA-02", "name_fr": "Ménages en situation d'insécurité alimentaire",
      "name_en": "Households experiencing food insecurity", "level": "population", "value_type": "percentage",
      "direction": "lower", "frequency": "annual", "aggregation": "coordinator", "due_days": 120,
      "data_source": "Enquête régionale de santé", "baseline_value": Decimal("14.2")},
     [], lambda rng, i, k: (round(2300 * (0.142 + 0.004 * i)), 2300), Decimal(11), {}),
    ({"code": "SA-03", "name_fr": "Participants aux cuisines collectives",
      "name_en": "Participants in community kitchens", "level": "performance", "unit": "personnes", "unit_en": "people",
      "value_type": "count", "direction": "higher", "frequency": "quarterly", "aggregation": "sum",
      "expected_min": Decimal(0), "expected_max": Decimal(120)},
     ["Cuisines collectives des Sources", "CLSC des Sources"],
     lambda rng, i, k: round((45 - 25 * k) * (1 + 0.03 * i) * rng.uniform(0.85, 1.15)), Decimal(90), {}),
    ({"code": "SA-04", "name_fr": "Dons alimentaires reçus", "name_en": "Food donations received",
      "level": "performance", "unit": "", "value_type": "amount", "direction": "higher",
      "frequency": "fiscal_year", "aggregation": "sum", "expected_min": Decimal(0), "expected_max": Decimal(400000)},
     ["Moisson des Sources", "Ville de Val-des-Sources"],
     lambda rng, i, k: Decimal(str(round((180000 - 150000 * k) * (1 + 0.05 * i) * rng.uniform(0.9, 1.1), 2))),
     Decimal(250000), {}),
]


def _reporter(coalition, organization, coordinator):
    membership = (
        Membership.objects.filter(coalition=coalition, organization=organization, role=Role.PARTNER, is_active=True)
        .select_related("user").first()
    )
    return membership.user if membership else coordinator


def _at(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10)))


def seed(*, coalition, coordinator) -> None:
    specs = PETITE_ENFANCE if coalition.slug.startswith("petite-enfance") else SECURITE_ALIMENTAIRE
    today = local_today(coalition)
    start = today.replace(year=today.year - 3, day=1)
    organizations = {o.name: o for o in Organization.objects.filter(coalition=coalition)}
    rng = random.Random(coalition.slug)
    for fields, reporters, generate, target, notes in specs:
        if Indicator.objects.filter(coalition=coalition, code=fields["code"]).exists():
            continue
        dimensions = DISAGGREGATION.get(fields["code"], {})
        indicator = framework.indicator_create(
            actor=coordinator, coalition=coalition, late_for_past_periods=True,
            **{"reporting_start": start, "requires_category_total": bool(dimensions),
               "counts_people": fields.get("unit") in PEOPLE_UNITS, **fields})
        categories = {
            dimension: [(breakdown.category_add(actor=coordinator, indicator=indicator, dimension=dimension,
                                               label=label), share) for label, share in parts]
            for dimension, parts in dimensions.items()
        }
        orgs = [organizations[name] for name in reporters if name in organizations]
        framework.assignments_set(actor=coordinator, indicator=indicator, organizations=orgs,
                                  reports_from=indicator.reporting_start)  # the seeded history is theirs
        framework.target_set(actor=coordinator, indicator=indicator, period=None, value=target)
        periods = [p for p in indicator.periods.order_by("start") if p.end < today]
        for index, period in enumerate(periods):
            recent = index >= len(periods) - 1
            for k, organization in enumerate(orgs or [None]):
                if recent and k == len(orgs) - 1 and orgs:
                    continue  # the last organisation has not reported the last period yet: missing / late
                number = generate(rng, index, k)
                amounts = ({"numerator": number[0], "denominator": number[1]} if isinstance(number, tuple)
                           else {"value": number})
                outlier = rng.random() < 0.03 and indicator.expected_max is not None and "value" in amounts
                if outlier:
                    amounts["value"] = int(indicator.expected_max * Decimal("1.4"))
                if categories and "value" in amounts:
                    amounts["categories"] = _breakdown(categories, amounts["value"])
                late = rng.random() < 0.15
                submitted = period.due_date + timedelta(days=rng.randint(3, 20) if late else -rng.randint(1, 10))
                actor = _reporter(coalition, organization, coordinator) if organization else coordinator
                entry = {"actor": actor, "indicator": indicator, "period": period, "organization": organization,
                         "source": fields.get("data_source", ""), "submitted_at": _at(min(submitted, today)),
                         **amounts}
                try:
                    value = values.value_save(
                        comment="Inscriptions exceptionnelles après la campagne de promotion." if outlier else "",
                        **entry)
                except ValidationError:  # unusual for this organisation: the partner explains it
                    value = values.value_save(comment="Variation saisonnière habituelle (vacances, fêtes).",
                                                **entry)
                if recent:
                    continue  # the last period waits for review
                if rng.random() < 0.05:
                    review.value_return(actor=coordinator, value=value,
                                          note="Le total semble inclure les familles du secteur voisin; pouvez-vous "
                                               "vérifier?")
                else:
                    review.value_approve(actor=coordinator, value=value)
        for back, (learned, worked, did_not_work) in notes.items():
            if back <= len(periods):
                framework.note_save(actor=coordinator, indicator=indicator, period=periods[-back], learned=learned,
                                   worked=worked, did_not_work=did_not_work)
    _link(coalition, coordinator)
    tasks.recompute_rollups(coalition.pk)  # the demo's coalition values, right away


def _breakdown(categories: dict, total) -> dict:
    """Split a whole total among the categories of each dimension, adding up exactly."""
    result = {}
    for parts in categories.values():
        shares = [int(total * share) for _category, share in parts[:-1]]
        shares.append(int(total) - sum(shares))
        result.update({category.pk: share for (category, _s), share in zip(parts, shares, strict=True)})
    return result


def _link(coalition, coordinator) -> None:
    """Link the indicators to the agenda's priorities and the plan's actions (once)."""
    from conditions import selectors as plan

    priorities = {p.title: p for p in plan.priorities(coalition)}
    actions = {a.title: a for a in plan.accepted_actions(coalition)}
    for indicator in Indicator.objects.filter(coalition=coalition, code__in=LINKS):
        if indicator.priorities.exists() or indicator.actions.exists():
            continue
        priority_titles, action_titles = LINKS[indicator.code]
        framework.indicator_links_set(
            actor=coordinator, indicator=indicator,
            priorities=[priorities[t] for t in priority_titles if t in priorities],
            actions=[actions[t] for t in action_titles if t in actions],
        )
