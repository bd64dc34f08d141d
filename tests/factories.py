from datetime import timedelta

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.utils import timezone

from coalitions.models import Coalition, Invitation, Membership, Organization, Role, User

PASSWORD = "un-mot-de-passe-solide-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@exemple.org")
    full_name = factory.Faker("name", locale="fr_CA")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(user, create, extracted, **kwargs):
        user.save()
        if create and extracted is not False:
            EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)


class CoalitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Coalition

    name = factory.Sequence(lambda n: f"Regroupement {n}")
    slug = factory.Sequence(lambda n: f"regroupement-{n}")
    territory = "MRC de Test"


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    coalition = factory.SubFactory(CoalitionFactory)
    name = factory.Sequence(lambda n: f"Organisme {n}")
    sector = "community"
    kind = "community"
    group = factory.LazyAttribute(lambda o: Group.objects.create(name=f"test-org-{o.name}-{o.coalition.slug}"))


class MembershipFactory(factory.django.DjangoModelFactory):
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


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    coalition = factory.SubFactory(CoalitionFactory)
    email = factory.Sequence(lambda n: f"invite{n}@exemple.org")
    role = Role.PARTNER
    organization = factory.LazyAttribute(lambda i: OrganizationFactory(coalition=i.coalition))
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))
