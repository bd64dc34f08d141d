"""Writes through the API: the services of the pages (their checks, their audit trail, their
rollups and emails), the object rules, all-or-nothing bulk entry, Idempotency-Key."""

import json
from decimal import Decimal

from django.core import mail
from django_scopes import scopes_disabled

from indicators.models import IndicatorRollup, IndicatorValue

from .helpers import api_url, bearer, token_for


def post(client, world, secret, path, body, **headers):
    return client.post(api_url(world.coalition, path), json.dumps(body), content_type="application/json",
                       **bearer(secret), **headers)


def new_value(data, world, **fields):
    return {"indicator": data.indicator.pk, "period": data.period2.pk, "organization": world.organization.pk,
            "value": "40", **fields}


def test_a_partner_enters_a_draft_then_the_same_again_changes_nothing(client, world, data):
    secret = token_for(world.partner, world.coalition)
    first = post(client, world, secret, "values/", new_value(data, world))
    assert first.status_code == 201, first.content
    assert first.json()["status"] == "draft" and first.json()["value"] == "40.0000"
    again = post(client, world, secret, "values/", new_value(data, world))
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    submitted = post(client, world, secret, f"values/{first.json()['id']}/submit/", {})
    assert submitted.status_code == 200 and submitted.json()["status"] == "submitted"
    assert submitted.json()["submitted_at"]


def test_every_api_write_is_in_the_audit_trail_with_its_author_and_token(client, world, data):
    secret = token_for(world.partner, world.coalition)
    created = post(client, world, secret, "values/", new_value(data, world, submit=True)).json()
    with scopes_disabled():
        event = IndicatorValue.objects.get(pk=created["id"]).events.order_by("pgh_id").last()
        token_pk = world.partner.api_tokens.get().pk
    assert event.pgh_label == "insert" and event.status == "submitted"
    assert event.pgh_context.metadata["user"] == world.partner.pk
    assert event.pgh_context.metadata["api_token"] == token_pk


def test_the_service_checks_apply_and_speak_french(client, world, data):
    secret = token_for(world.partner, world.coalition)
    response = post(client, world, secret, "values/", new_value(data, world, value="1.5"))
    assert response.status_code == 400
    body = response.json()
    assert body["errors"]["value"] == ["Un dénombrement est un nombre entier, zéro ou plus."]
    assert body["title"] == "La requête n'est pas valide." or body["title"].startswith("La requête")


def test_a_partner_may_not_enter_for_another_organization_nor_another_coalition(client, world, data):
    secret = token_for(world.partner, world.coalition)
    other_org = post(client, world, secret, "values/", new_value(data, world, organization=data.other_org.pk))
    assert other_org.status_code == 403
    foreign = post(client, world, secret, "values/", new_value(data, world, indicator=data.foreign_indicator.pk))
    assert foreign.status_code == 400 and "indicator" in foreign.json()["errors"]
    with scopes_disabled():
        assert not IndicatorValue.objects.filter(period=data.period2, organization=world.organization).exists()


def test_a_partner_changes_only_its_own_values(client, world, data):
    secret = token_for(world.partner, world.coalition)
    url = f"values/{data.own_draft.pk}/"
    changed = client.patch(api_url(world.coalition, url), json.dumps({"value": "14", "comment": "Corrigé"}),
                           content_type="application/json", **bearer(secret))
    assert changed.status_code == 200 and changed.json()["value"] == "14.0000"
    assert changed.json()["status"] == "draft" and changed.json()["comment"] == "Corrigé"
    other = client.patch(api_url(world.coalition, f"values/{data.other_approved.pk}/"), "{}",
                         content_type="application/json", **bearer(secret))
    assert other.status_code == 403  # it sees the approved value, it may not change it
    hidden = client.patch(api_url(world.coalition, f"values/{data.other_submitted.pk}/"), "{}",
                          content_type="application/json", **bearer(secret))
    assert hidden.status_code == 404  # another organisation's value under review: not even seen
    foreign = client.get(api_url(world.coalition, f"values/{data.foreign_value.pk}/"), **bearer(secret))
    assert foreign.status_code == 404


def test_a_read_only_token_writes_nothing(client, world, data):
    secret = token_for(world.partner, world.coalition, can_write=False)
    response = post(client, world, secret, "values/", new_value(data, world))
    assert response.status_code == 403 and "lecture seule" in response.json()["detail"]
    with scopes_disabled():
        assert not IndicatorValue.objects.filter(period=data.period2).exclude(organization=data.other_org).exists()


def test_approval_updates_the_coalition_value_as_the_review_page_does(client, world, data,
                                                                    django_capture_on_commit_callbacks):
    secret = token_for(world.coordinator, world.coalition)
    with django_capture_on_commit_callbacks(execute=True):
        approved = post(client, world, secret, f"values/{data.other_submitted.pk}/approve/", {})
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    with scopes_disabled():
        rollup = IndicatorRollup.objects.get(indicator=data.indicator, period=data.period2, category=None)
    assert rollup.value == 31 and rollup.reported_count == 1 and rollup.expected_count == 2
    partner = token_for(world.partner, world.coalition)
    assert post(client, world, partner, f"values/{data.own_draft.pk}/approve/", {}).status_code == 403


def test_returning_needs_a_note_and_emails_the_author(client, world, data, django_capture_on_commit_callbacks):
    secret = token_for(world.coordinator, world.coalition)
    with scopes_disabled():
        IndicatorValue.objects.filter(pk=data.other_submitted.pk).update(entered_by=data.other_partner)
    assert post(client, world, secret, f"values/{data.other_submitted.pk}/return/", {}).status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        returned = post(client, world, secret, f"values/{data.other_submitted.pk}/return/", {"note": "Vérifiez"})
    assert returned.status_code == 200 and returned.json()["status"] == "returned"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [data.other_partner.email]


def test_bulk_entry_saves_all_or_nothing_with_errors_per_item(client, world, data):
    secret = token_for(world.coordinator, world.coalition)
    good = [new_value(data, world, period=data.period.pk, value="5"),
            new_value(data, world, organization=data.other_org.pk, value="6")]
    refused = post(client, world, secret, "values/bulk/",
                   [*good, new_value(data, world, value="2.5"), {"indicator": "x"}])
    assert refused.status_code == 400
    assert [item["index"] for item in refused.json()["errors"]] == [3]  # the fields are checked first
    with scopes_disabled():
        before = IndicatorValue.objects.filter(period=data.period2, organization=world.organization).exists()
    assert not before
    refused = post(client, world, secret, "values/bulk/", [*good, new_value(data, world, value="2.5")])
    assert refused.status_code == 400 and refused.json()["errors"][0]["index"] == 2
    assert "value" in refused.json()["errors"][0]["errors"]
    with scopes_disabled():
        assert IndicatorValue.objects.get(pk=data.own_draft.pk).value == Decimal("12.5")  # undone
    saved = post(client, world, secret, "values/bulk/", good)
    assert saved.status_code == 200 and len(saved.json()["results"]) == 2


def test_an_idempotency_key_replays_the_first_answer(client, world, data):
    secret = token_for(world.partner, world.coalition)
    first = post(client, world, secret, "values/", new_value(data, world), HTTP_IDEMPOTENCY_KEY="k-1")
    replay = post(client, world, secret, "values/", new_value(data, world), HTTP_IDEMPOTENCY_KEY="k-1")
    assert first.status_code == replay.status_code == 201
    assert replay["Idempotent-Replayed"] == "true" and replay.json() == first.json()
    other_body = post(client, world, secret, "values/", new_value(data, world, value="41"),
                      HTTP_IDEMPOTENCY_KEY="k-1")
    assert other_body.status_code == 422
    with scopes_disabled():
        assert IndicatorValue.objects.get(pk=first.json()["id"]).value == 40
