"""Headers every response carries, whatever view or error produced it."""

import pytest
from django.urls import reverse


@pytest.mark.parametrize("path", [
    reverse("account_login"),  # a page
    reverse("healthz"),  # JSON
    "/c/petite-enfance/",  # a redirect to the login
    "/nulle-part/",  # a 404
])
def test_every_response_turns_off_the_browser_features_the_site_never_uses(client, db, path):
    policy = client.get(path)["Permissions-Policy"]
    features = dict(item.strip().split("=") for item in policy.split(","))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert features[feature] == "()", feature
