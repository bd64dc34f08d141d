from datetime import timedelta

import factory
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group
from django.utils import timezone
from django_scopes import scopes_disabled

from coalitions.models import (
    Coalition,
    ConfidentialityIncident,
    Consent,
    ConsentPurpose,
    ConsentSource,
    Invitation,
    Membership,
    Organization,
    Role,
    User,
)

PASSWORD = "un-mot-de-passe-solide-42"


class ModelFactory(factory.django.DjangoModelFactory):
    """The base of every test factory: it builds its row, sub-factories and post-generation hooks
    with scopes disabled, so a test needs no ``scopes_disabled()`` block just to make data."""

    class Meta:
        abstract = True

    @classmethod
    def _generate(cls, strategy, params):
        with scopes_disabled():
            return super()._generate(strategy, params)


class UserFactory(ModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@exemple.org")
    first_name = factory.Faker("first_name", locale="fr_CA")
    last_name = factory.Faker("last_name", locale="fr_CA")
    # Agreed to the policy in force, as a person who signed up would have.
    privacy_policy_version = factory.LazyFunction(lambda: settings.PRIVACY_POLICY_VERSION)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(user, create, extracted, **kwargs):
        user.save()
        if create and extracted is not False:
            EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)


class CoalitionFactory(ModelFactory):
    class Meta:
        model = Coalition

    name = factory.Sequence(lambda n: f"Regroupement {n}")
    slug = factory.Sequence(lambda n: f"regroupement-{n}")
    territory = "MRC de Test"


class OrganizationFactory(ModelFactory):
    class Meta:
        model = Organization

    coalition = factory.SubFactory(CoalitionFactory)
    name = factory.Sequence(lambda n: f"Organisme {n}")
    sector = "community"
    kind = "community"
    group = factory.LazyAttribute(lambda o: Group.objects.create(name=f"test-org-{o.name}-{o.coalition.slug}"))


class MembershipFactory(ModelFactory):
    class Meta:
        model = Membership
        skip_postgeneration_save = True

    coalition = factory.SubFactory(CoalitionFactory)
    user = factory.SubFactory(UserFactory)
    role = Role.PARTNER
    organization = factory.LazyAttribute(
        lambda m: None if m.role == Role.COORDINATOR else OrganizationFactory(coalition=m.coalition)
    )

    @factory.post_generation
    def in_group(membership, create, extracted, **kwargs):
        if create and membership.organization_id and membership.is_active:
            membership.user.groups.add(membership.organization.group)


class InvitationFactory(ModelFactory):
    class Meta:
        model = Invitation

    coalition = factory.SubFactory(CoalitionFactory)
    email = factory.Sequence(lambda n: f"invite{n}@exemple.org")
    role = Role.PARTNER
    organization = factory.LazyAttribute(lambda i: OrganizationFactory(coalition=i.coalition))
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))


class IncidentFactory(ModelFactory):
    class Meta:
        model = ConfidentialityIncident

    coalition = factory.SubFactory(CoalitionFactory)
    occurred_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=10))
    discovered_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=3))
    discovery = "Un membre a signalé un courriel envoyé au mauvais destinataire."
    nature = "disclosure"
    description = "La liste des présences d'une rencontre a été envoyée à une personne externe."
    information_concerned = "Noms et adresses courriel de membres"
    people_count = 12
    risk_assessment = "Faible : aucune information sensible."
    measures = "La personne a supprimé le courriel et l'a confirmé par écrit."


def consent_to(purpose: str, *users, granted: bool = True) -> None:
    """The people's decision about an optional purpose (off by default), as given in their profile."""
    Consent.objects.bulk_create(Consent(user=user, purpose=purpose, granted=granted, source=ConsentSource.PROFILE,
                                        policy_version=settings.PRIVACY_POLICY_VERSION) for user in users)


def everyone_wants_the_weekly_summary() -> None:
    consent_to(ConsentPurpose.WEEKLY_SUMMARY, *User.objects.all())
