"""Notifications of the consultation on the draft agenda (conditions), through the one
notification machinery: in the app, and by email exactly once for those who want it at once.
The reminder before the closing date is in the reminder engine (selectors.reminders)."""

from coalitions.models import Membership, Role

from ..models.communication import NotificationKind
from ._common import _notify, _url


def notify_consultation_opened(*, coalition, consultation, actor) -> int:
    """Tell the partners that their opinion is sought, and until when."""
    partners = Membership.objects.filter(coalition=coalition, is_active=True, role=Role.PARTNER,
                                         organization__isnull=False).values_list("user_id", flat=True)
    return len(_notify(coalition=coalition, user_ids=partners, about=consultation, kind=NotificationKind.CONSULTATION,
                       event="consultation_open", title=consultation.closes_on.isoformat(),
                       url=_url("conditions:consultation", coalition), exclude=actor.pk,
                       actor_name=actor.get_full_name()))


def notify_consultation_answered(*, coalition, response, section_label: str, actor) -> int:
    """Tell the organisation's partners that the coordination team answered its reservation or objection."""
    partners = Membership.objects.filter(coalition=coalition, is_active=True, role=Role.PARTNER,
                                         organization_id=response.organization_id).values_list("user_id", flat=True)
    return len(_notify(coalition=coalition, user_ids=partners, about=response.consultation,
                       kind=NotificationKind.CONSULTATION, event="consultation_answered", title=section_label,
                       url=_url("conditions:consultation", coalition) + f"#section-{response.section}",
                       exclude=actor.pk, actor_name=actor.get_full_name()))
