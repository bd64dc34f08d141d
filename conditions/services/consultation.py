"""The partners' consultation on a draft of the common agenda: opened with a closing date,
answered per section by each partner organisation, commented section by section and link by
link, its reservations and objections answered by the coordination team, then closed (or
closed by publishing, see agenda.agenda_publish)."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coalitions.dates import local_today
from coalitions.models import Coalition, OrganizationKind
from coalitions.permissions import require_permission
from coordination.services import consultations as notifications

from ..models import Consultation, ConsultationComment, ConsultationResponse, ConsultationSection, Position
from ..permissions import AGENDA_EDIT, CONSULTATION_COMMENT, CONSULTATION_RESPOND, responds_for
from ..selectors import consultation_snapshot, draft_version

MAX_DAYS = 120  # a consultation longer than four months is a typing mistake
TEXT_LIMIT = 2000


def _lock(coalition: Coalition) -> None:
    Coalition.objects.select_for_update().filter(pk=coalition.pk).first()


def _check_text(field: str, text: str, *, required: str = "") -> str:
    text = (text or "").strip()
    if required and not text:
        raise ValidationError({field: required})
    if len(text) > TEXT_LIMIT:
        raise ValidationError({field: _("This text is limited to %(limit)s characters.") % {"limit": TEXT_LIMIT}})
    return text


def _check_open(consultation: Consultation) -> None:
    if not consultation.version.is_draft or not consultation.is_open_on(local_today(consultation.coalition)):
        raise ValidationError(_("This consultation is closed: answers and comments are no longer taken."))


@transaction.atomic
def consultation_open(*, actor, coalition: Coalition, closes_on, message: str = "") -> Consultation:
    """Open the partners' consultation on the current draft, until ``closes_on`` (included)."""
    require_permission(actor, coalition, AGENDA_EDIT)
    _lock(coalition)
    draft = draft_version(coalition)
    if draft is None:
        raise ValidationError(_("There is no draft to consult on. Edit the agenda first."))
    if Consultation.objects.filter(version=draft).exists():
        raise ValidationError(_("A consultation was already opened on this draft."))
    if not (draft.problem.strip() and draft.vision.strip()):
        raise ValidationError(_("Write at least the problem and the vision of change before consulting the partners."))
    today = local_today(coalition)
    if closes_on is None or closes_on <= today:
        raise ValidationError({"closes_on": _("Choose a closing date after today.")})
    if closes_on > today + timedelta(days=MAX_DAYS):
        raise ValidationError({"closes_on": _("Choose a closing date within %(days)s days.") % {"days": MAX_DAYS}})
    message = _check_text("message", message)
    sections, links = consultation_snapshot(draft)
    consultation = Consultation.objects.create(coalition=coalition, version=draft, closes_on=closes_on,
                                               message=message, sections=sections, links=links, opened_by=actor)
    notifications.notify_consultation_opened(coalition=coalition, consultation=consultation, actor=actor)
    return consultation


@transaction.atomic
def consultation_respond(*, actor, consultation: Consultation, answers: dict[str, tuple[str, str]],
                         organization=None) -> int:
    """The partner's organisation takes a position on sections: ``answers`` maps a section to
    (position, reason). A reason is required for a reservation or an objection. A changed
    answer replaces the earlier one (the audit trail keeps it) and waits for a new answer from
    the coordination team. A coordinator may record an ``organization``'s positions given in a
    meeting (marked as such). Returns how many sections were saved."""
    on_behalf = organization is not None
    if on_behalf:
        require_permission(actor, consultation.coalition, AGENDA_EDIT)
        if organization.coalition_id != consultation.coalition_id or organization.kind == OrganizationKind.FUNDER:
            raise ValidationError(_("Choose a partner organization of this coalition."))
    else:
        organization = responds_for(require_permission(actor, consultation.coalition, CONSULTATION_RESPOND))
    if organization is None:
        raise PermissionDenied(_("Only a partner of an organization answers for it."))
    consultation = Consultation.objects.select_for_update().select_related("version").get(pk=consultation.pk)
    _check_open(consultation)
    errors, clean = {}, {}
    for section, (position, reason) in answers.items():
        if section not in ConsultationSection.values:
            raise ValidationError(_("Unknown section."))
        if not position:
            continue
        if position not in Position.values:
            errors[f"position_{section}"] = _("Choose one of the positions offered.")
            continue
        reason = (reason or "").strip()
        if position != Position.AGREE and not reason:
            errors[f"reason_{section}"] = _("Say why: the coordination team answers each reservation and objection.")
        elif len(reason) > TEXT_LIMIT:
            errors[f"reason_{section}"] = _("This text is limited to %(limit)s characters.") % {"limit": TEXT_LIMIT}
        else:
            clean[section] = (position, reason)
    if errors:
        raise ValidationError(errors)
    if not clean:
        raise ValidationError(_("Choose a position on at least one section."))
    existing = {r.section: r for r in ConsultationResponse.objects.select_for_update().filter(
        consultation=consultation, organization=organization)}
    saved = 0
    for section, (position, reason) in clean.items():
        response = existing.get(section)
        if response and (response.position, response.reason) == (position, reason):
            continue
        if response is None:
            response = ConsultationResponse(coalition=consultation.coalition, consultation=consultation,
                                            organization=organization, section=section)
        response.position, response.reason, response.responded_by = position, reason, actor
        response.on_behalf = on_behalf
        response.answer, response.answered_by, response.answered_at = "", None, None
        response.save()
        saved += 1
    return saved


@transaction.atomic
def consultation_comment(*, actor, consultation: Consultation, body: str, section: str = "",
                         link: int | None = None) -> ConsultationComment:
    """A comment on one section, or on one link of the theory of change (its index)."""
    membership = require_permission(actor, consultation.coalition, CONSULTATION_COMMENT)
    _check_open(consultation)
    if bool(section) == (link is not None):
        raise ValidationError(_("Choose what your comment is about."))
    if section and section not in ConsultationSection.values:
        raise ValidationError(_("Unknown section."))
    if link is not None and not 0 <= link < len(consultation.links):
        raise ValidationError(_("This link of the theory of change is not in the consultation."))
    body = _check_text("body", body, required=_("Write your comment."))
    return ConsultationComment.objects.create(
        coalition=consultation.coalition, consultation=consultation, section=section, link=link,
        organization_id=membership.organization_id, author=actor, body=body)


@transaction.atomic
def consultation_answer(*, actor, response: ConsultationResponse, answer: str) -> ConsultationResponse:
    """The coordination team answers a reservation or an objection; the organisation is told."""
    require_permission(actor, response.coalition, AGENDA_EDIT)
    response = ConsultationResponse.objects.select_for_update().select_related("consultation").get(pk=response.pk)
    if response.position == Position.AGREE:
        raise ValidationError(_("Only reservations and objections get an answer."))
    answer = _check_text("answer", answer, required=_("Write the answer the organization will read."))
    response.answer, response.answered_by, response.answered_at = answer, actor, timezone.now()
    response.save()
    label = str(dict(ConsultationSection.choices)[response.section])
    notifications.notify_consultation_answered(coalition=response.coalition, response=response,
                                               section_label=label, actor=actor)
    return response


@transaction.atomic
def consultation_close(*, actor, coalition: Coalition) -> Consultation:
    """Close the draft's consultation before its closing date: no more answers or comments."""
    require_permission(actor, coalition, AGENDA_EDIT)
    _lock(coalition)
    consultation = Consultation.objects.filter(coalition=coalition, version__number__isnull=True).first()
    if consultation is None:
        raise ValidationError(_("There is no consultation on the draft."))
    if consultation.closed_at is None:
        consultation.closed_at = timezone.now()
        consultation.save()
    return consultation


def close_for_publishing(*, coalition: Coalition, draft, summary: str) -> None:
    """Publishing a consulted draft: every objection must have its answer, and the summary of
    the consultation is written for the published version. Called inside agenda_publish."""
    consultation = Consultation.objects.select_for_update().filter(version=draft).first()
    if consultation is None:
        return
    errors = {}
    if ConsultationResponse.objects.filter(consultation=consultation, position=Position.OBJECTION, answer="").exists():
        errors["__all__"] = _("Answer each objection of the consultation before publishing.")
    summary = (summary or "").strip()
    if not summary:
        errors["consultation_summary"] = _("Summarise what the partners said and what changed because of it.")
    elif len(summary) > TEXT_LIMIT * 2:
        errors["consultation_summary"] = _("This text is limited to %(limit)s characters.") % {"limit": TEXT_LIMIT * 2}
    if errors:
        raise ValidationError(errors)
    consultation.summary = summary
    consultation.closed_at = consultation.closed_at or timezone.now()
    consultation.save()
