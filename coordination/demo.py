"""Demo content for conditions 4 and 5: a year of meetings with attendance, minutes, decisions
and follow-ups, announcements, comments, the team, governance bodies, tasks, library items and
two self-assessment rounds. Idempotent (it does nothing once the meetings exist); every write
goes through coordination.services (and coalitions.services for the extra demo partners)."""

from datetime import time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from coalitions import services as coalition_services
from coalitions.models import Membership, Organization, OrganizationKind, Role

from . import selectors, services
from .models import Meeting, MeetingKind

AGENDA = "Mot de bienvenue\nSuivi des décisions\nBilan des actions\nVaria"
MINUTES = ("Les partenaires ont fait le tour des actions en cours. Les ateliers parents-enfants affichent "
           "complet ; la liste d'attente pour un premier service a diminué.")
DECISIONS = [
    ("Adopter le plan d'action de l'année.", "Diffuser le plan d'action aux équipes"),
    ("Tenir un atelier sur l'éveil à la lecture dans chaque bibliothèque.", "Réserver les salles des bibliothèques"),
    ("Harmoniser la fiche de référence entre les organismes.", "Proposer une fiche de référence commune"),
    ("Reconduire la campagne « Grandir ensemble ».", "Préparer le matériel de la campagne"),
]
LIBRARY = [
    ("Guide de la concertation en petite enfance", "document", 1, "concertation, vision", "https://exemple.org/guide"),
    ("Fiche de référence commune", "tool", 2, "référence, accueil", "https://exemple.org/fiche"),
    ("Tableau de bord des indicateurs", "tool", 3, "indicateurs, données", "https://exemple.org/tableau"),
    ("Animer une rencontre participative", "link", 4, "animation, rencontres", "https://exemple.org/animer"),
    ("Le rôle de la structure de soutien", "document", 5, "coordination, gouvernance", "https://exemple.org/soutien"),
]


def _extra_partners(coalition, coordinator, needed: int = 3):
    """Make sure at least `needed` organisations have a partner member (self-assessment results
    are hidden below three answers)."""
    from coalitions.management.commands.seed_demo import demo_user

    partners = list(Membership.objects.filter(coalition=coalition, role=Role.PARTNER, is_active=True)
                    .select_related("user", "organization"))
    covered = {m.organization_id for m in partners}
    candidates = Organization.objects.filter(coalition=coalition).exclude(kind=OrganizationKind.FUNDER).exclude(
        pk__in=covered).order_by("name")
    for index, organization in enumerate(candidates[: max(0, needed - len(covered))], start=1):
        email = f"partenaire{index + 1}@{coalition.slug}.demo"
        user = demo_user(email, f"Personne partenaire {index + 1}")
        if not Membership.objects.filter(coalition=coalition, user=user).exists():
            invitation = coalition_services.invitation_create(actor=coordinator, coalition=coalition, email=email,
                                                              role=Role.PARTNER, organization=organization)
            coalition_services.invitation_accept(user=user, token=invitation.token)
    return list(Membership.objects.filter(coalition=coalition, role=Role.PARTNER, is_active=True)
                .select_related("user", "organization"))


def seed(*, coalition, coordinator):
    if Meeting.objects.filter(coalition=coalition).exists():
        return
    tz = ZoneInfo(coalition.time_zone)
    today = timezone.now().astimezone(tz).date()
    partners = _extra_partners(coalition, coordinator)
    organizations = list(Organization.objects.filter(coalition=coalition).exclude(kind=OrganizationKind.FUNDER))
    partner = partners[0]

    services.team_member_add(actor=coordinator, coalition=coalition, user=coordinator,
                             title="Coordonnatrice", responsibilities="Animation, suivi du plan, liens avec les "
                             "bailleurs de fonds.")
    steering = services.body_save(
        actor=coordinator, coalition=coalition, name="Comité de pilotage", kind="steering_committee",
        mandate="Oriente le plan d'action, suit les indicateurs et prend les décisions entre les assemblées.",
        organizations=organizations[:4], members=[coordinator],
    )
    working = services.body_save(
        actor=coordinator, coalition=coalition, name="Comité de travail Éveil à la lecture", kind="working_group",
        mandate="Prépare les ateliers parents-enfants et la campagne de lecture.",
        organizations=organizations[2:5], members=[m.user for m in partners[:2]],
    )

    meetings = []
    for month in range(12, -2, -1):  # a year back, and the next month
        day = today - timedelta(days=30 * month)
        day = day.replace(day=min(day.day, 28))
        kind, body = ((MeetingKind.GENERAL_ASSEMBLY, None) if month in (12, 6)
                      else (MeetingKind.STEERING, steering) if month % 2 == 0 else (MeetingKind.WORKING, working))
        label = {MeetingKind.GENERAL_ASSEMBLY: "Assemblée des partenaires", MeetingKind.STEERING: "Comité de pilotage",
                 MeetingKind.WORKING: "Comité de travail Éveil à la lecture"}[kind]
        meeting = services.meeting_create(
            actor=coordinator, coalition=coalition, title=f"{label} — {day:%Y-%m}", kind=kind, starts_on=day,
            start_time=time(13, 30), duration_minutes=120, place="Salle communautaire de Forestville",
            video_url="https://visio.exemple.org/regroupement" if month % 3 == 0 else "", agenda=AGENDA, body=body,
            shared_with_funders=kind == MeetingKind.GENERAL_ASSEMBLY,
            invited_organizations=organizations if kind == MeetingKind.GENERAL_ASSEMBLY else (body.organizations.all()),
            invited_people=[coordinator],
        )
        meetings.append((month, meeting))

    for index, (month, meeting) in enumerate(meetings):
        invitees = list(meeting.invitees.all())
        for n, invitee in enumerate(invitees):
            if Membership.objects.filter(coalition=coalition, user_id=invitee.user_id, role=Role.PARTNER).exists():
                services.meeting_rsvp(actor=invitee.user, meeting=meeting, answer=["yes", "maybe", "no"][n % 3])
        if month <= 0:
            continue  # upcoming: no attendance, minutes or decisions yet
        services.meeting_record_attendance(actor=coordinator, meeting=meeting,
                                           present_user_ids=[i.user_id for n, i in enumerate(invitees) if n % 3 != 2])
        if month > 1:
            services.meeting_save_minutes(actor=coordinator, meeting=meeting, minutes=MINUTES, publish=True)
        text, follow_up = DECISIONS[index % len(DECISIONS)]
        decision = services.decision_add(
            actor=coordinator, meeting=meeting, text=text, follow_up_what=follow_up,
            follow_up_due_on=meeting.starts_at.astimezone(tz).date() + timedelta(days=45),
            follow_up_organization=partner.organization if index % 2 else None,
            follow_up_user=None if index % 2 else partner.user,
        )
        if month > 3:
            for item in decision.follow_ups.all():
                services.follow_up_set_status(actor=coordinator, follow_up=item, status="done")
        if month == 2:
            services.comment_add(actor=partner.user, meeting=meeting,
                                 body=f"Merci pour la rencontre. @{coordinator.email} pouvez-vous joindre la "
                                 "présentation au compte rendu ?")

    services.announcement_create(
        actor=coordinator, coalition=coalition, title="Bienvenue dans Concerto",
        body="Vous trouverez ici les rencontres, les suivis et la bibliothèque du regroupement.", pinned=True,
    )
    services.announcement_create(
        actor=coordinator, coalition=coalition, title="Formation sur la fiche de référence",
        body="Une formation de deux heures est offerte aux équipes d'accueil le mois prochain.", audience=Role.PARTNER,
    )
    news = services.announcement_create(
        actor=coordinator, coalition=coalition, title="Bilan annuel disponible",
        body="Le bilan annuel est déposé dans la bibliothèque. Vos commentaires sont les bienvenus.",
    )
    services.comment_add(actor=partner.user, announcement=news, body="Merci, très clair !")

    for title, kind, condition, tags, url in LIBRARY:
        services.library_add(actor=coordinator, coalition=coalition, title=title, kind=kind, condition=condition,
                             tags=tags, url=url, description="Ressource partagée par l'équipe de coordination.")

    recent = [m for month, m in meetings if month == 1][0]
    for title, status, days in [("Préparer l'ordre du jour de l'assemblée", "todo", 20),
                                ("Relancer les organismes pour les données du trimestre", "doing", 5),
                                ("Mettre à jour la bibliothèque", "todo", None),
                                ("Envoyer le compte rendu du comité", "done", -10)]:
        services.task_save(actor=coordinator, coalition=coalition, title=title, status=status, owner=coordinator,
                           due_on=today + timedelta(days=days) if days is not None else None,
                           meeting=recent if "compte rendu" in title else None)

    first = services.round_open(actor=coordinator, coalition=coalition, title="Autoévaluation — l'an dernier",
                                now=timezone.now() - timedelta(days=365))
    _answer_round(first, partners, base=2)
    services.round_close(actor=coordinator, round_=first)
    second = services.round_open(actor=coordinator, coalition=coalition, title="Autoévaluation — cette année")
    _answer_round(second, partners, base=3)


def _answer_round(round_, partners, *, base: int):
    questions = selectors.round_questions(round_)
    seen = set()
    for n, membership in enumerate(partners):
        if membership.organization_id in seen:
            continue
        seen.add(membership.organization_id)
        answers = {q.pk: (min(5, base + (q.pk + n) % 3), "") for q in questions}
        services.assessment_answer(actor=membership.user, round_=round_, answers=answers)

