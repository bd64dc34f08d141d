"""Factories of conditions' models."""

from datetime import date, timedelta

import factory
from django.utils import timezone

from conditions.models import (
    Action,
    ActionPlan,
    Activity,
    AgendaVersion,
    Consultation,
    ConsultationResponse,
    Endorsement,
    Practice,
    PracticeAdoption,
    Priority,
    ReferralPath,
    TheoryOfChangeLink,
    TheoryOfChangeStatement,
)

from ..factories import CoalitionFactory, ModelFactory, OrganizationFactory


class PriorityFactory(ModelFactory):
    class Meta:
        model = Priority

    coalition = factory.SubFactory(CoalitionFactory)
    title = factory.Sequence(lambda n: f"Priorité {n}")
    position = factory.Sequence(lambda n: n)


class AgendaVersionFactory(ModelFactory):
    """A published version by default; pass number=None, published_at=None for a draft."""

    class Meta:
        model = AgendaVersion

    coalition = factory.SubFactory(CoalitionFactory)
    number = factory.Sequence(lambda n: n + 1)
    problem = "Trop d'enfants arrivent à l'école vulnérables dans au moins un domaine de développement."
    target_population = "Les enfants de 0 à 5 ans et leurs parents"
    territory = "MRC de Test"
    vision = "Chaque enfant arrive à l'école prêt à apprendre."
    long_term_outcomes = "Moins d'enfants vulnérables"
    guiding_principles = "Participation\nÉquité entre partenaires"
    change_summary = "Première version"
    published_at = factory.LazyFunction(timezone.now)


class StatementFactory(ModelFactory):
    class Meta:
        model = TheoryOfChangeStatement

    version = factory.SubFactory(AgendaVersionFactory)
    coalition = factory.LazyAttribute(lambda s: s.version.coalition)
    kind = "strategy"
    text = factory.Sequence(lambda n: f"Énoncé {n}")


class LinkFactory(ModelFactory):
    class Meta:
        model = TheoryOfChangeLink

    version = factory.SubFactory(AgendaVersionFactory)
    coalition = factory.LazyAttribute(lambda s: s.version.coalition)
    source = factory.SubFactory(StatementFactory, version=factory.SelfAttribute("..version"))
    target = factory.SubFactory(StatementFactory, version=factory.SelfAttribute("..version"), kind="intermediate")


class EndorsementFactory(ModelFactory):
    class Meta:
        model = Endorsement

    version = factory.SubFactory(AgendaVersionFactory)
    coalition = factory.LazyAttribute(lambda e: e.version.coalition)
    organization = factory.LazyAttribute(lambda e: OrganizationFactory(coalition=e.coalition))


class ActionPlanFactory(ModelFactory):
    class Meta:
        model = ActionPlan

    coalition = factory.SubFactory(CoalitionFactory)
    title = factory.Sequence(lambda n: f"Plan d'action {n}")
    start_date = date(2025, 4, 1)
    end_date = date(2028, 3, 31)


class ActionFactory(ModelFactory):
    class Meta:
        model = Action
        skip_postgeneration_save = True

    plan = factory.SubFactory(ActionPlanFactory)
    coalition = factory.LazyAttribute(lambda a: a.plan.coalition)
    title = factory.Sequence(lambda n: f"Action {n}")
    lead_organization = factory.LazyAttribute(lambda a: OrganizationFactory(coalition=a.coalition))
    start_date = date(2025, 5, 1)
    end_date = date(2026, 6, 30)
    status = "in_progress"

    @factory.post_generation
    def priorities(action, create, extracted, **kwargs):
        if create and extracted:
            action.priorities.set(extracted)

    @factory.post_generation
    def contributors(action, create, extracted, **kwargs):
        if create and extracted:
            action.contributing_organizations.set(extracted)


class ActivityFactory(ModelFactory):
    class Meta:
        model = Activity

    action = factory.SubFactory(ActionFactory)
    coalition = factory.LazyAttribute(lambda a: a.action.coalition)
    organization = factory.LazyAttribute(lambda a: a.action.lead_organization)
    date = date(2025, 9, 15)
    description = factory.Sequence(lambda n: f"Atelier parent-enfant {n}")
    people_reached = 12
    families_reached = 6


class DraftFactory(AgendaVersionFactory):
    number = None
    published_at = None
    change_summary = ""


class ConsultationFactory(ModelFactory):
    """An open consultation on a draft, its texts taken as they are."""

    class Meta:
        model = Consultation

    version = factory.SubFactory(DraftFactory)
    coalition = factory.LazyAttribute(lambda c: c.version.coalition)
    closes_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=14))
    sections = factory.LazyAttribute(lambda c: {
        "problem": c.version.problem, "target_population": c.version.target_population,
        "territory": c.version.territory, "vision": c.version.vision,
        "long_term_outcomes": c.version.long_term_outcomes,
        "theory_of_change": "Visites à domicile -> Parents confiants",
        "priorities": "1. Maturité scolaire", "guiding_principles": c.version.guiding_principles,
    })
    links = factory.LazyFunction(lambda: [["Visites à domicile", "Parents confiants"]])


class ConsultationResponseFactory(ModelFactory):
    class Meta:
        model = ConsultationResponse

    consultation = factory.SubFactory(ConsultationFactory)
    coalition = factory.LazyAttribute(lambda r: r.consultation.coalition)
    organization = factory.SubFactory(OrganizationFactory, coalition=factory.SelfAttribute("..coalition"))
    section = "territory"
    position = "agree"


class PracticeFactory(ModelFactory):
    class Meta:
        model = Practice
        skip_postgeneration_save = True

    coalition = factory.SubFactory(CoalitionFactory)
    kind = "referral"
    title = factory.Sequence(lambda n: f"Pratique {n}")
    description = "Une fiche de référence commune, remplie avec la famille."

    @factory.post_generation
    def priorities(practice, create, extracted, **kwargs):
        if create and extracted:
            practice.priorities.set(extracted)


class PracticeAdoptionFactory(ModelFactory):
    class Meta:
        model = PracticeAdoption

    practice = factory.SubFactory(PracticeFactory)
    coalition = factory.LazyAttribute(lambda a: a.practice.coalition)
    organization = factory.SubFactory(OrganizationFactory, coalition=factory.SelfAttribute("..coalition"))
    status = "in_place"
    since = date(2026, 3, 1)


class ReferralPathFactory(ModelFactory):
    class Meta:
        model = ReferralPath

    priority = factory.SubFactory(PriorityFactory)
    coalition = factory.LazyAttribute(lambda r: r.priority.coalition)
    from_organization = factory.SubFactory(OrganizationFactory, coalition=factory.SelfAttribute("..coalition"))
    to_organization = factory.SubFactory(OrganizationFactory, coalition=factory.SelfAttribute("..coalition"))
