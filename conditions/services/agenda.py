"""The common agenda: its drafts and published versions, the theory of change written as
chains of text, the organisations' endorsements and the priorities."""

import logging
import re
from datetime import timedelta
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, Max, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coalitions.concurrency import creates_once, lock_for_edit, refusing_duplicates
from coalitions.emails import LOST_AFTER, seeding_history, send_email
from coalitions.models import Coalition, Organization, OrganizationKind
from coalitions.permissions import require_permission

from .. import tasks
from ..models import (
    KIND_ORDER,
    AgendaVersion,
    Endorsement,
    EndorsementRequest,
    Priority,
    TheoryOfChangeLink,
    TheoryOfChangeStatement,
)
from ..permissions import endorses_on_behalf, may_endorse_for
from ..selectors import endorsement_recipients, endorsing_organizations, theory_of_change_chains
from ._common import _clean_title
from .consultation import close_for_publishing

logger = logging.getLogger(__name__)

def _lock(coalition: Coalition) -> None:
    """Serialise the agenda's writes of one coalition (draft creation, publishing)."""
    Coalition.objects.select_for_update().filter(pk=coalition.pk).first()


# Theory of change as text: one chain per line ---------------------------------------

CHAIN_SEPARATOR = re.compile(r"\s*(?:->|→)\s*")


def parse_chains(text: str) -> list[list[str]]:
    """"strategy -> intermediate outcome -> long-term outcome", one chain per line (2 or 3 steps)."""
    chains = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        steps = [step.strip() for step in CHAIN_SEPARATOR.split(line.strip())]
        if len(steps) not in (2, 3) or not all(steps):
            raise ValidationError({"theory_of_change": _(
                "Line %(number)s: write a strategy, then “->”, an intermediate outcome and, optionally, “->” and a "
                "long-term outcome."
            ) % {"number": number}})
        if any(len(step) > 500 for step in steps):
            raise ValidationError({"theory_of_change": _(
                "Line %(number)s: a statement is limited to 500 characters."
            ) % {"number": number}})
        chains.append(steps)
    return chains


def _write_theory_of_change(version: AgendaVersion, chains: list[list[str]]) -> None:
    version.links.all().delete()
    version.statements.all().delete()
    statements: dict[tuple[str, str], TheoryOfChangeStatement] = {}
    for chain in chains:
        for index, text in enumerate(chain):
            key = (KIND_ORDER[index], text)
            if key not in statements:
                statements[key] = TheoryOfChangeStatement(
                    coalition_id=version.coalition_id, version=version, kind=key[0], text=text,
                    position=len(statements),
                )
    TheoryOfChangeStatement.objects.bulk_create(statements.values())
    links = {}
    for chain in chains:
        for index in range(len(chain) - 1):
            source = statements[(KIND_ORDER[index], chain[index])]
            target = statements[(KIND_ORDER[index + 1], chain[index + 1])]
            links[(source.pk, target.pk)] = TheoryOfChangeLink(
                coalition_id=version.coalition_id, version=version, source=source, target=target
            )
    TheoryOfChangeLink.objects.bulk_create(links.values())


def _copy_theory_of_change(source: AgendaVersion, target: AgendaVersion) -> None:
    _write_theory_of_change(target, theory_of_change_chains(source))


# Common agenda -----------------------------------------------------------------------


@transaction.atomic
def agenda_draft_get_or_create(*, actor, coalition: Coalition) -> AgendaVersion:
    """The coordinators' draft; a new one starts as a copy of the current published version."""
    require_permission(actor, coalition, "conditions.agenda:edit")
    _lock(coalition)
    draft = AgendaVersion.objects.filter(coalition=coalition, number__isnull=True).first()
    if draft:
        return draft
    current = AgendaVersion.objects.filter(coalition=coalition, number__isnull=False).order_by("-number").first()
    fields = {name: getattr(current, name) for name in AgendaVersion.TEXT_FIELDS} if current else {
        "territory": coalition.territory
    }
    draft = AgendaVersion.objects.create(coalition=coalition, **fields)
    if current:
        _copy_theory_of_change(current, draft)
    return draft


LIMITS = {"problem": 5000, "target_population": 2000, "territory": 2000, "vision": 5000,
          "long_term_outcomes": 5000, "guiding_principles": 5000}


@transaction.atomic
def agenda_draft_update(
    *, actor, coalition: Coalition, problem: str, target_population: str, territory: str, vision: str,
    long_term_outcomes: str, guiding_principles: str, theory_of_change: str, version: str | None = None,
) -> AgendaVersion:
    """Save the draft. ``version`` is the one the editor started from (the draft, or the
    published version a new draft copies): another coordinator's save in between is refused."""
    draft = agenda_draft_get_or_create(actor=actor, coalition=coalition)
    values = {"problem": problem, "target_population": target_population, "territory": territory, "vision": vision,
              "long_term_outcomes": long_term_outcomes, "guiding_principles": guiding_principles}
    draft = lock_for_edit(draft, version=version, fields=AgendaVersion.EDIT_FIELDS, submitted={
        **{name: value.strip() for name, value in values.items()}, "theory_of_change_text": theory_of_change.strip(),
    })
    errors = {}
    for name, value in values.items():
        if len(value) > LIMITS[name]:
            errors[name] = _("This text is limited to %(limit)s characters.") % {"limit": LIMITS[name]}
    if errors:
        raise ValidationError(errors)
    chains = parse_chains(theory_of_change)
    for name, value in values.items():
        setattr(draft, name, value.strip())
    draft.save()
    _write_theory_of_change(draft, chains)
    return draft


@transaction.atomic
def agenda_publish(*, actor, coalition: Coalition, change_summary: str,
                   consultation_summary: str = "") -> AgendaVersion:
    """Publish the draft as the next version and ask every partner organisation to endorse it
    (its representative, or else each of its active members). A consulted draft needs every
    objection answered and a summary of the consultation, which the published version shows;
    publishing closes the consultation."""
    require_permission(actor, coalition, "conditions.agenda:edit")
    _lock(coalition)
    draft = AgendaVersion.objects.filter(coalition=coalition, number__isnull=True).first()
    if draft is None:
        raise ValidationError(_("There is no draft to publish. Edit the agenda first."))
    if not change_summary.strip():
        raise ValidationError({"change_summary": _("Say in a few words what changed in this version.")})
    if not (draft.problem.strip() and draft.vision.strip()):
        raise ValidationError(_("Write at least the problem and the vision of change before publishing."))
    close_for_publishing(coalition=coalition, draft=draft, summary=consultation_summary)
    latest = AgendaVersion.objects.filter(coalition=coalition).aggregate(n=Max("number"))["n"] or 0
    draft.number = latest + 1
    draft.change_summary = change_summary.strip()
    draft.published_at = timezone.now()
    draft.published_by = actor
    draft.priorities_snapshot = [
        {"id": p.pk, "title": p.title, "description": p.description}
        for p in Priority.objects.filter(coalition=coalition).order_by("position", "pk")
    ]
    draft.save()
    _ask_to_endorse(coalition=coalition, version=draft, organizations=endorsing_organizations(coalition),
                    round_=0, actor=actor)
    return draft


def _ask_to_endorse(*, coalition: Coalition, version: AgendaVersion, organizations, round_: int, actor) -> int:
    """One request row per person asked (the representative, or else every active member),
    one without a recipient for an organisation nobody can be asked for; their emails are
    queued after the commit. Returns the number of people asked."""
    organizations = list(organizations)
    recipients = endorsement_recipients(coalition, organizations)
    past = seeding_history()  # a seeded version's requests belong to the past: never emailed
    requests: list[EndorsementRequest] = []
    for org in organizations:
        people: list[int | None] = list(recipients[org.pk]) or [None]
        requests.extend(
            EndorsementRequest(coalition=coalition, version=version, organization=org, recipient_id=user_id,
                               round=round_, sent_by=actor, emailed_at=timezone.now() if past else None)
            for user_id in people
        )
    EndorsementRequest.objects.bulk_create(requests)
    asked = [request for request in requests if request.recipient_id]
    for request in asked if not past else []:
        transaction.on_commit(partial(tasks.send_endorsement_request.delay, coalition.pk, request.pk))
    return len(asked)


# A coordinator's reminder goes out at most once an hour: a double click or a retried request
# sends nothing more.
REMINDER_INTERVAL = timedelta(hours=1)


@transaction.atomic
def endorsement_remind(*, actor, coalition: Coalition) -> int:
    """Ask again every organisation that has not endorsed the current version (its
    representative, or else its active members, as they are today). Each person gets one email
    per reminder (a request row of the next round, written before the email). Returns the
    number of people asked."""
    require_permission(actor, coalition, "conditions.agenda:edit")
    _lock(coalition)
    current = AgendaVersion.objects.filter(coalition=coalition, number__isnull=False).order_by("-number").first()
    if current is None:
        raise ValidationError(_("No version of the agenda is published yet."))
    last = EndorsementRequest.objects.filter(version=current).aggregate(round=Max("round"), at=Max("created_at"))
    if last["round"] and last["at"] and last["at"] > timezone.now() - REMINDER_INTERVAL:
        raise ValidationError(_("A reminder was sent less than an hour ago. Give people time to answer."))
    waiting = endorsing_organizations(coalition).exclude(agenda_endorsements__version=current)
    if not waiting.exists():
        raise ValidationError(_("Every partner organization has endorsed this version: nobody to remind."))
    asked = _ask_to_endorse(coalition=coalition, version=current, organizations=waiting,
                            round_=(last["round"] or 0) + 1, actor=actor)
    if not asked:
        raise ValidationError(_(
            "Nobody can be reminded: the organizations that have not endorsed have no active member. "
            "Invite a person from each of them first."))
    return asked


# Older requests are left to the endorsement reminders (coordination), which follow them up anyway.
LOST_REQUEST_MAX_AGE = timedelta(days=7)


def send_endorsement_request(*, coalition: Coalition, request_id: int) -> bool:
    """Email an organisation's representative that a new agenda version awaits its endorsement.
    The request row is claimed in the email's transaction, so a second run sends nothing and a
    worker that dies mid-send leaves it to send_lost_endorsement_requests."""
    with transaction.atomic():
        # A request for a version that is no longer the current one is never sent (a newer
        # version supersedes it, with its own requests).
        superseded = AgendaVersion.objects.filter(coalition=coalition, number__gt=OuterRef("version__number"))
        claimed = EndorsementRequest.objects.filter(
            ~Exists(superseded), coalition=coalition, pk=request_id, emailed_at__isnull=True, recipient__isnull=False,
        ).update(emailed_at=timezone.now())
        if not claimed:
            return False
        request = EndorsementRequest.objects.select_related("version", "organization", "recipient").get(pk=request_id)
        send_email(
            to=request.recipient,
            template="email/endorsement_request",
            coalition=coalition,
            context={
                "version": request.version,
                "organization": request.organization,
                "is_representative": request.organization.representative_id == request.recipient_id,
                "is_reminder": request.round > 0,
                "agenda_url": reverse("conditions:agenda", args=[coalition.slug]),
                "endorse_url": reverse("conditions:agenda_endorse", args=[coalition.slug]),
            },
        )
    return True


def send_lost_endorsement_requests(*, coalition: Coalition) -> int:
    """Endorsement requests of the past week never emailed (their task was lost): send them
    now, once (the claim above). Part of the quarter-hourly sweep."""
    now = timezone.now()
    lost = list(EndorsementRequest.objects.filter(
        coalition=coalition, emailed_at__isnull=True, recipient__isnull=False,
        created_at__lt=now - LOST_AFTER, created_at__gt=now - LOST_REQUEST_MAX_AGE,
    ).values_list("pk", flat=True))
    sent = 0
    for request_id in lost:
        try:
            sent += send_endorsement_request(coalition=coalition, request_id=request_id)
        except Exception:  # the next sweep retries it
            logger.exception("Lost endorsement request %s not sent", request_id)
    return sent


@transaction.atomic
def endorsement_record(
    *, actor, coalition: Coalition, organization: Organization, comment: str = "", with_reservations: bool = False,
) -> Endorsement:
    """The organisation endorses the current version. Its representative does it; a coordinator
    may record it on the organisation's behalf. Endorsing again updates the comment."""
    membership = require_permission(actor, coalition, "conditions.agenda:endorse")
    if organization.coalition_id != coalition.pk or organization.kind == OrganizationKind.FUNDER:
        raise ValidationError({"organization": _("Choose a partner organization of this coalition.")})
    if not may_endorse_for(membership, actor, organization):
        raise PermissionDenied(_("Only the organization's representative can endorse the agenda for it."))
    if with_reservations and not comment.strip():
        raise ValidationError({"comment": _("Explain your reservations in the comment.")})
    if len(comment) > 5000:
        raise ValidationError({"comment": _("This text is limited to %(limit)s characters.") % {"limit": 5000}})
    current = AgendaVersion.objects.filter(coalition=coalition, number__isnull=False).order_by("-number").first()
    if current is None:
        raise ValidationError(_("No version of the agenda is published yet."))
    endorsement, _created = Endorsement.objects.update_or_create(
        coalition=coalition, version=current, organization=organization,
        defaults={"comment": comment.strip(), "with_reservations": with_reservations, "recorded_by": actor,
                  "on_behalf": endorses_on_behalf(membership, actor, organization)},
    )
    return endorsement


# Priorities --------------------------------------------------------------------------


def _priority_title_taken():
    return _("A priority with this title already exists.")


def _check_priority_title(coalition, title: str, exclude_pk=None) -> str:
    return _clean_title(Priority.objects.filter(coalition=coalition, title__iexact=title.strip()), title,
                        exclude_pk=exclude_pk, empty=_("Give the priority a title."), taken=_priority_title_taken())


def _unique_priority_title():
    return refusing_duplicates({"priority_unique_title": ("title", _priority_title_taken())})


@creates_once
@transaction.atomic
def priority_create(*, actor, coalition: Coalition, title: str, description: str = "") -> Priority:
    require_permission(actor, coalition, "conditions.agenda:edit")
    title = _check_priority_title(coalition, title)
    position = (Priority.objects.filter(coalition=coalition).aggregate(p=Max("position"))["p"] or 0) + 1
    with _unique_priority_title():
        return Priority.objects.create(coalition=coalition, title=title, description=description.strip(),
                                       position=position)


@transaction.atomic
def priority_update(*, actor, priority: Priority, title: str, description: str = "",
                    version: str | None = None) -> Priority:
    require_permission(actor, priority.coalition, "conditions.agenda:edit")
    priority = lock_for_edit(priority, version=version, fields=Priority.EDIT_FIELDS,
                             submitted={"title": title.strip(), "description": description.strip()})
    priority.title = _check_priority_title(priority.coalition, title, exclude_pk=priority.pk)
    priority.description = description.strip()
    with _unique_priority_title():
        priority.save()
    return priority


@transaction.atomic
def priority_move(*, actor, priority: Priority, direction: str) -> None:
    """Swap the priority with its neighbour above ("up") or below ("down")."""
    require_permission(actor, priority.coalition, "conditions.agenda:edit")
    ordered = list(Priority.objects.select_for_update().filter(coalition=priority.coalition).order_by("position", "pk"))
    index = next(i for i, p in enumerate(ordered) if p.pk == priority.pk)
    other = index - 1 if direction == "up" else index + 1
    if direction not in ("up", "down") or not 0 <= other < len(ordered):
        return
    ordered[index], ordered[other] = ordered[other], ordered[index]
    for position, item in enumerate(ordered, start=1):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])
