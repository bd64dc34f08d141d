"""Comment threads on actions of the plan and on indicators, with @mentions; funders see none."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from coordination.models.communication import Comment, Notification
from coordination.services import communication

from ..conditions.factories import ActionFactory, ActionPlanFactory
from ..indicators.factories import IndicatorFactory
from .factories import CommentFactory


@pytest.fixture
def things(world):
    action = ActionFactory(plan=ActionPlanFactory(coalition=world.coalition), title="Halte-garderie mobile",
                           review_status="accepted")
    indicator = IndicatorFactory(coalition=world.coalition, code="PE-01")
    foreign = ActionFactory(plan=ActionPlanFactory(coalition=world.other_coalition))
    return {"action": action, "indicator": indicator, "foreign": foreign}


def _page(world, thing):
    if thing == "action":
        return "conditions:action"
    return "indicators:indicator_detail"


@pytest.mark.parametrize("thing", ["action", "indicator"])
def test_a_partner_comments_and_mentions_a_coordinator_who_is_notified(client, world, things, thing):
    target = things[thing]
    client.force_login(world.partner)
    post = reverse(f"coordination:{thing}_comment", args=[world.coalition.slug, target.pk])
    body = f"Pouvez-vous regarder, @{world.coordinator.email} ?"
    response = client.post(post, {"body": body})
    page_url = reverse(_page(world, thing), args=[world.coalition.slug, target.pk])
    assert response.status_code == 302 and response["Location"] == page_url + "#comments"
    with scopes_disabled():
        comment = Comment.objects.get(**{thing: target})
        notification = Notification.objects.get(recipient=world.coordinator, kind="mention")
    assert comment.author == world.partner
    assert notification.url == f"{page_url}#comment-{comment.pk}"
    page = client.get(page_url).content.decode()
    assert "Pouvez-vous regarder" in page and "Discussion" in page and "Publier le commentaire" in page


@pytest.mark.parametrize("thing", ["action", "indicator"])
def test_funders_do_not_see_the_comments_nor_get_mentioned(client, world, things, thing):
    target = things[thing]
    CommentFactory(meeting=None, coalition=world.coalition, author=world.partner, body="Entre partenaires",
                   **{thing: target})
    client.force_login(world.funder)
    page = client.get(reverse(_page(world, thing), args=[world.coalition.slug, target.pk])).content.decode()
    assert "Entre partenaires" not in page and 'id="comments"' not in page
    with scope(coalition=world.coalition):
        communication.comment_add(actor=world.partner, body=f"@{world.funder.email} voyez ceci", **{thing: target})
    with scopes_disabled():
        assert not Notification.objects.filter(recipient=world.funder).exists()
    with scope(coalition=world.coalition), pytest.raises(PermissionDenied):
        communication.comment_add(actor=world.funder, body="Bonjour", **{thing: target})


def test_an_empty_comment_is_refused_on_the_field_and_nothing_is_saved(world, things):
    with scope(coalition=world.coalition), pytest.raises(ValidationError) as error:
        communication.comment_add(actor=world.partner, body="   ", action=things["action"])
    assert "body" in error.value.message_dict
    with scopes_disabled():
        assert not Comment.objects.exists()


def test_another_coalitions_action_cannot_be_commented_by_editing_the_url(client, world, things):
    client.force_login(world.partner)
    post = reverse("coordination:action_comment", args=[world.coalition.slug, things["foreign"].pk])
    assert client.post(post, {"body": "Intrus"}).status_code == 404
    with scope(coalition=world.coalition), pytest.raises(PermissionDenied):
        communication.comment_add(actor=world.partner, body="Intrus", action=things["foreign"])
    with scopes_disabled():
        assert not Comment.objects.exists()


def test_the_author_edits_and_a_coordinator_deletes_a_comment_on_an_action(client, world, things):
    comment = CommentFactory(meeting=None, coalition=world.coalition, author=world.partner,
                             action=things["action"])
    page_url = reverse("conditions:action", args=[world.coalition.slug, things["action"].pk])
    client.force_login(world.partner)
    response = client.post(reverse("coordination:comment_edit", args=[world.coalition.slug, comment.pk]),
                           {"body": "Corrigé"})
    assert response["Location"] == f"{page_url}#comment-{comment.pk}"
    client.force_login(world.coordinator)
    response = client.post(reverse("coordination:comment_delete", args=[world.coalition.slug, comment.pk]))
    assert response["Location"] == page_url
    with scopes_disabled():
        assert not Comment.objects.exists()


def test_the_action_page_shows_its_thread_in_a_fixed_number_of_queries(client, world, things,
                                                                        django_assert_num_queries):
    url = reverse("conditions:action", args=[world.coalition.slug, things["action"].pk])
    client.force_login(world.partner)
    CommentFactory(meeting=None, coalition=world.coalition, author=world.partner, action=things["action"])
    with django_assert_num_queries(14):
        assert client.get(url).status_code == 200
    for _ in range(15):
        CommentFactory(meeting=None, coalition=world.coalition, author=world.coordinator, action=things["action"])
    with django_assert_num_queries(14):
        assert client.get(url).status_code == 200
