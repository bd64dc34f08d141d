"""Demo data: two unrelated coalitions, their organisations and one person per role.

Idempotent: running it again finds what exists and adds only what is missing. Writes go
through the services, so the demo's audit trail reads like real use."""

import json
from importlib import import_module
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import pghistory
from allauth.account.models import EmailAddress
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django_scopes import scope

from coalitions import api_tokens, services
from coalitions.checks import is_tenant_app
from coalitions.emails import history_without_notifying
from coalitions.models import Coalition, ConsentPurpose, ConsentSource, Membership, Organization
from coalitions.rights import consent_record

PASSWORD = "concerto-demo-2026"
DEMO_TOKEN_NAME = "Jeton de démonstration"

COALITIONS: list[dict[str, Any]] = [
    {
        "slug": "petite-enfance-haute-cote",
        "name": "Regroupement Petite enfance de la Haute-Côte",
        "territory": "MRC de La Haute-Côte-Nord",
        "description": "Les partenaires de la Haute-Côte-Nord agissent ensemble pour que chaque enfant de 0 à 5 ans "
        "arrive à l'école avec les mêmes chances de réussir.",
        "organizations": [
            ("CISSS de la Côte-Nord — CLSC de Forestville", "health", "public",
             "Orthophonie\nNutrition des tout-petits\nSoutien aux parents d'enfants à besoins particuliers"),
            ("Centre de services scolaire de l'Estuaire", "education", "public", "Transition vers la maternelle"),
            ("Municipalité de Forestville", "municipal", "public", "Prêt de locaux, transport"),
            ("Bibliothèque municipale de Forestville", "library", "public", "Éveil à la lecture"),
            ("Maison de la famille de la Haute-Côte", "family", "community",
             "Animation de groupes de parents\nAccueil des familles immigrantes"),
            ("Carrefour familial des Escoumins", "community", "community", "Halte-garderie"),
            ("CPE Les Petits Pas", "childcare", "community", "Développement de l'enfant, formation des éducatrices"),
            # A partner at the edge of the network: it joined lately, leads and contributes to no
            # action and nobody of it attended a meeting yet (the health view's condition 5 shows it).
            ("Comptoir familial de Sacré-Cœur", "community", "community", "Friperie pour enfants, dépannage"),
            ("Fondation Grandir en Côte-Nord", "philanthropy", "funder", ""),
        ],
        "people": [
            ("coordination@haute-cote.demo", "Geneviève Tremblay", "coordinator", None),
            ("partenaire@haute-cote.demo", "Marc-André Gagnon", "partner", "Maison de la famille de la Haute-Côte"),
            ("bailleur@haute-cote.demo", "Sophie Bouchard", "funder", "Fondation Grandir en Côte-Nord"),
            ("multi@concerto.demo", "Alexandre Côté", "partner", "CISSS de la Côte-Nord — CLSC de Forestville"),
        ],
        "representatives": {"Maison de la famille de la Haute-Côte": "partenaire@haute-cote.demo"},
    },
    {
        "slug": "securite-alimentaire-val-des-sources",
        "name": "Table de sécurité alimentaire du Val-des-Sources",
        "territory": "MRC des Sources",
        "description": "Une table de concertation qui vise l'accès de toutes les familles à une alimentation "
        "saine, suffisante et abordable.",
        "organizations": [
            ("Moisson des Sources", "community", "community"),
            ("Ville de Val-des-Sources", "municipal", "public"),
            ("CLSC des Sources", "health", "public"),
            ("Cuisines collectives des Sources", "community", "community"),
            ("Fonds communautaire des Sources", "philanthropy", "funder"),
        ],
        "people": [
            ("coordination@val-des-sources.demo", "Isabelle Roy", "coordinator", None),
            ("partenaire@val-des-sources.demo", "Jean-François Pelletier", "partner", "Moisson des Sources"),
            ("bailleur@val-des-sources.demo", "Nathalie Lavoie", "funder", "Fonds communautaire des Sources"),
            ("multi@concerto.demo", "Alexandre Côté", "funder", "Fonds communautaire des Sources"),
        ],
        "representatives": {"Moisson des Sources": "partenaire@val-des-sources.demo"},
        "fiscal_year_start_month": 4,  # reports on April-March, like its funders
    },
]


def demo_user(email: str, full_name: str):
    first_name, _space, last_name = full_name.partition(" ")
    user, created = get_user_model().objects.get_or_create(email=email, defaults={
        "first_name": first_name, "last_name": last_name, "full_name": full_name,
    })
    if created:
        user.set_password(PASSWORD)
        user.save()
        # The demo's people signed up: they agreed to the privacy policy (the optional purposes stay off).
        consent_record(user=user, choices={ConsentPurpose.SERVICE: True}, source=ConsentSource.SIGNUP)
    EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user


class Command(BaseCommand):
    help = "Create (or complete) the demo coalitions and their demo logins."

    def add_arguments(self, parser):
        parser.add_argument("--logins-json", type=Path, help=(
            "Write the demo logins to this JSON file (default: <data dir>/demo-logins.json, where "
            "serve_all reads them)."))

    @transaction.atomic
    def handle(self, *args, logins_json=None, **options):
        logins: list[dict[str, str]] = []
        # The demo is history: nobody is emailed about it, its notifications start out read.
        with history_without_notifying():
            for spec in COALITIONS:
                coordinator_email, coordinator_name = spec["people"][0][:2]
                coordinator = demo_user(coordinator_email, coordinator_name)
                coalition = Coalition.objects.filter(slug=spec["slug"]).first() or services.coalition_create(
                    actor=coordinator, name=spec["name"], slug=spec["slug"], territory=spec["territory"],
                    description=spec["description"],
                )
                # The audit trail names the demo coordinator as the author of the demo data.
                with scope(coalition=coalition), pghistory.context(user=coordinator.pk, url="seed_demo"):
                    self._fill(coalition, coordinator, spec, logins)
                    if logins_json:
                        self._api_tokens(coalition, [login for login in logins
                                                     if login["coalition"] == coalition.slug])
                    # Each tenant app adds its own demo content in <app>/demo.py: seed(...), idempotent.
                    # Found by discovery, in INSTALLED_APPS order: the core names no app above it.
                    for app in [a.name for a in apps.get_app_configs() if is_tenant_app(a)]:
                        if find_spec(f"{app}.demo"):
                            import_module(f"{app}.demo").seed(coalition=coalition, coordinator=coordinator)
        # Always written, by default where serve_all looks: a seed_demo run by hand, then
        # serve_all, must not print "no demo logins" after listing them here.
        logins_json = Path(logins_json or Path(settings.DATA_DIR) / "demo-logins.json")
        if logins_json:
            logins_json.parent.mkdir(parents=True, exist_ok=True)
            logins_json.write_text(json.dumps(logins, ensure_ascii=False, indent=2))
        self.stdout.write(self.style.SUCCESS(f"Demo data ready: {len(COALITIONS)} coalitions, password {PASSWORD}"))
        for login in logins:
            self.stdout.write(f"  {login['email']:<38} {login['role']:<12} {login['coalition']}")

    def _api_tokens(self, coalition, logins):
        """A demo API token for the partner (read and write) and the funder (read only), in the
        logins file (``api_token``) so that the API can be tried at once. A token is shown only
        when it is created: each run revokes the previous demo token and writes a new one."""
        for login in logins:
            if login["role"] not in ("partner", "funder"):
                continue
            user = get_user_model().objects.get(email=login["email"])
            membership = Membership.objects.get(coalition=coalition, user=user)
            for old in api_tokens.active_tokens(membership).filter(name=DEMO_TOKEN_NAME):
                api_tokens.api_token_revoke(actor=user, token=old)
            _token, login["api_token"] = api_tokens.api_token_create(
                actor=user, coalition=coalition, name=DEMO_TOKEN_NAME, can_write=login["role"] == "partner",
                lifetime_days=365)

    def _fill(self, coalition, coordinator, spec, logins):
        month = spec.get("fiscal_year_start_month", 1)
        if coalition.fiscal_year_start_month != month:
            services.coalition_update(actor=coordinator, coalition=coalition, fiscal_year_start_month=month)
        organizations = {org.name: org for org in Organization.objects.filter(coalition=coalition)}
        for name, sector, kind, *skills in spec["organizations"]:
            if name not in organizations:
                organizations[name] = services.organization_create(
                    actor=coordinator, coalition=coalition, name=name, sector=sector, kind=kind,
                    skills=skills[0] if skills else "",
                )
            elif skills and not organizations[name].skills:  # a demo seeded before skills existed
                organizations[name] = services.organization_update(
                    actor=coordinator, organization=organizations[name], skills=skills[0])
        for email, full_name, role, org_name in spec["people"]:
            user = demo_user(email, full_name)
            if not Membership.objects.filter(coalition=coalition, user=user).exists():
                invitation = services.invitation_create(
                    actor=coordinator, coalition=coalition, email=email, role=role,
                    organization=organizations.get(org_name),
                )
                services.invitation_accept(user=user, token=invitation.token)
            logins.append({"email": email, "password": PASSWORD, "role": role, "coalition": coalition.slug})
        for org_name, email in spec["representatives"].items():
            organization = organizations[org_name]
            if organization.representative is None:
                services.organization_update(
                    actor=coordinator, organization=organization,
                    representative=get_user_model().objects.get(email=email),
                )
