"""seed_demo --logins-json gives the partner a read-and-write demo token and the funder a
read-only one, which work at once; running it again replaces them."""

import json

from django.core.management import call_command
from django.test import Client
from django_scopes import scope, scopes_disabled

from coalitions.management.commands.seed_demo import Command
from coalitions.models import Coalition

from .helpers import bearer


def _logins(tmp_path):
    path = tmp_path / "logins.json"
    call_command("seed_demo", logins_json=path, verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    return {(row["email"], row["coalition"]): row for row in json.loads(path.read_text())}


def test_the_demo_logins_carry_working_api_tokens(db, tmp_path):
    logins = _logins(tmp_path)
    slug = "petite-enfance-haute-cote"
    partner = logins[("partenaire@haute-cote.demo", slug)]
    funder = logins[("bailleur@haute-cote.demo", slug)]
    assert "api_token" not in logins[("coordination@haute-cote.demo", slug)]
    client = Client()
    assert client.get(f"/api/v1/c/{slug}/values/", **bearer(partner["api_token"])).status_code == 200
    assert client.get(f"/api/v1/c/{slug}/rollups/", **bearer(funder["api_token"])).status_code == 200
    refused = client.post(f"/api/v1/c/{slug}/values/", "{}", content_type="application/json",
                          **bearer(funder["api_token"]))
    assert refused.status_code == 403
    # A second run replaces the demo tokens (the part of seed_demo that does it, without the rest)
    again = [{key: value for key, value in partner.items() if key != "api_token"}]
    with scopes_disabled():
        coalition = Coalition.objects.get(slug=slug)
    with scope(coalition=coalition):
        Command()._api_tokens(coalition, again)
    assert again[0]["api_token"] != partner["api_token"]
    assert client.get(f"/api/v1/c/{slug}/", **bearer(partner["api_token"])).status_code == 401
    assert client.get(f"/api/v1/c/{slug}/", **bearer(again[0]["api_token"])).status_code == 200
