"""Tokens and calls of the API tests."""

from django_scopes import scopes_disabled

from coalitions.api_tokens import api_token_create


def token_for(user, coalition, *, can_write=True, lifetime_days=90, name="Tableur") -> str:
    with scopes_disabled():
        _row, secret = api_token_create(actor=user, coalition=coalition, name=name, can_write=can_write,
                                        lifetime_days=lifetime_days)
    return secret


def bearer(secret: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def api_url(coalition, path: str = "") -> str:
    return f"/api/v1/c/{coalition.slug}/{path}"
