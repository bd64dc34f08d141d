"""Templates ask the permission registry, never the role: {% if current_membership|can:"app.x:y" %}."""

from django import template

from coalitions.permissions import has_permission

register = template.Library()


@register.filter
def can(membership, permission: str) -> bool:
    return has_permission(membership, permission)
