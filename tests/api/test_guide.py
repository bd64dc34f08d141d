"""The in-app page about the API: examples to copy with the coalition's own address."""

from django.urls import reverse


def test_the_guide_shows_a_partner_how_to_push_and_a_funder_how_to_pull(client, world):
    url = reverse("api_guide", args=[world.coalition.slug])
    client.force_login(world.partner)
    page = client.get(url).content.decode()
    assert f"/api/v1/c/{world.coalition.slug}/values/" in page and "Idempotency-Key" in page
    assert "rollups/?format=csv" in page
    client.force_login(world.funder)
    page = client.get(url).content.decode()
    assert "rollups/?format=csv" in page and "-X POST" not in page
