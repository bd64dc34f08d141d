"""Demo content for conditions 4 and 5: a year of meetings with attendance, minutes, decisions
and follow-ups, announcements, comments, the team, governance bodies, tasks, library items,
three self-assessment rounds answered by more and more roles, and comment threads (with
@mentions) on actions of the plan and on indicators. Idempotent: the meetings and the rest are
made once, while there is no meeting; the self-assessment rounds while there is none; a thread
is added to an action or an indicator that has no comment yet. Every write goes through
coordination.services (and coalitions.services for the extra demo partners)."""

from datetime import time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from coalitions import services as coalition_services
from coalitions.models import Membership, Organization, OrganizationKind, Role

from .models.backbone import AssessmentRound
from .models.communication import Comment
from .models.meetings import Meeting, MeetingKind
from .selectors import backbone as backbone_selectors
from .services import backbone, communication, reminders
from .services import meetings as meetings_services

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


def _action_in_progress(coalition):
    from conditions.selectors import accepted_actions

    return (accepted_actions(coalition).filter(status="in_progress", priorities__isnull=False).distinct()
            .order_by("pk").first())


def seed(*, coalition, coordinator):
    if not Meeting.objects.filter(coalition=coalition).exists():
        _seed_communication_and_backbone(coalition=coalition, coordinator=coordinator)
    if not AssessmentRound.objects.filter(coalition=coalition).exists():
        _seed_assessment(coalition=coalition, coordinator=coordinator)
    _seed_threads(coalition=coalition, coordinator=coordinator)
    # What the seeded history makes due now (late values, follow-ups, minutes) is not a backlog
    # to email at the first start: it counts as sent.
    reminders.settle_due_reminders(coalition=coalition)


def _seed_communication_and_backbone(*, coalition, coordinator):
    tz = ZoneInfo(coalition.time_zone)
    today = timezone.now().astimezone(tz).date()
    partners = _extra_partners(coalition, coordinator)
    organizations = list(Organization.objects.filter(coalition=coalition).exclude(kind=OrganizationKind.FUNDER))
    partner = partners[0]

    backbone.team_member_add(actor=coordinator, coalition=coalition, user=coordinator,
                             title="Coordonnatrice", responsibilities="Animation, suivi du plan, liens avec les "
                             "bailleurs de fonds.")
    steering = backbone.body_save(
        actor=coordinator, coalition=coalition, name="Comité de pilotage", kind="steering_committee",
        mandate="Oriente le plan d'action, suit les indicateurs et prend les décisions entre les assemblées.",
        organizations=organizations[:4], members=[coordinator],
    )
    working = backbone.body_save(
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
        meeting = meetings_services.meeting_create(
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
                meetings_services.meeting_rsvp(actor=invitee.user, meeting=meeting,
                                               answer=["yes", "maybe", "no"][n % 3])
        if month <= 0:
            continue  # upcoming: no attendance, minutes or decisions yet
        meetings_services.meeting_record_attendance(actor=coordinator, meeting=meeting,
                                           present_user_ids=[i.user_id for n, i in enumerate(invitees) if n % 3 != 2])
        if month > 1:
            meetings_services.meeting_save_minutes(actor=coordinator, meeting=meeting, minutes=MINUTES, publish=True)
        text, follow_up = DECISIONS[index % len(DECISIONS)]
        on_action = {}
        if month == 2 and (action := _action_in_progress(coalition)) is not None:
            text = f"Poursuivre l'action « {action.title} » et en faire le bilan à l'assemblée."
            on_action = {"action": action, "action_status": action.status}  # linked to the action's page
        decision = meetings_services.decision_add(
            actor=coordinator, meeting=meeting, text=text, follow_up_what=follow_up,
            follow_up_due_on=meeting.starts_at.astimezone(tz).date() + timedelta(days=45),
            follow_up_organization=partner.organization if index % 2 else None,
            follow_up_user=None if index % 2 else partner.user, **on_action,
        )
        if month > 3:
            for item in decision.follow_ups.all():
                meetings_services.follow_up_set_status(actor=coordinator, follow_up=item, status="done")
        if month == 2:
            communication.comment_add(actor=partner.user, meeting=meeting,
                                 body=f"Merci pour la rencontre. @{coordinator.email} pouvez-vous joindre la "
                                 "présentation au compte rendu ?")

    communication.announcement_create(
        actor=coordinator, coalition=coalition, title="Bienvenue dans Concerto",
        body="Vous trouverez ici les rencontres, les suivis et la bibliothèque du regroupement.", pinned=True,
    )
    communication.announcement_create(
        actor=coordinator, coalition=coalition, title="Formation sur la fiche de référence",
        body="Une formation de deux heures est offerte aux équipes d'accueil le mois prochain.", audience=Role.PARTNER,
    )
    news = communication.announcement_create(
        actor=coordinator, coalition=coalition, title="Bilan annuel disponible",
        body="Le bilan annuel est déposé dans la bibliothèque. Vos commentaires sont les bienvenus.",
    )
    communication.comment_add(actor=partner.user, announcement=news, body="Merci, très clair !")

    for title, kind, condition, tags, url in LIBRARY:
        backbone.library_add(actor=coordinator, coalition=coalition, title=title, kind=kind, condition=condition,
                             tags=tags, url=url, description="Ressource partagée par l'équipe de coordination.")

    recent = [m for month, m in meetings if month == 1][0]
    for title, status, days in [("Préparer l'ordre du jour de l'assemblée", "todo", 20),
                                ("Relancer les organismes pour les données du trimestre", "doing", 5),
                                ("Mettre à jour la bibliothèque", "todo", None),
                                ("Envoyer le compte rendu du comité", "done", -10)]:
        backbone.task_save(actor=coordinator, coalition=coalition, title=title, status=status, owner=coordinator,
                           due_on=today + timedelta(days=days) if days is not None else None,
                           meeting=recent if "compte rendu" in title else None)



# Three self-assessment rounds, each answered by more roles than the one before: the common
# agenda and communication climb, practices (condition 2) are half there, and measurement dips
# this year as data came in late. Mean of each condition per round, before each person's nuance.
ASSESSMENT_ROUNDS = [
    ("Autoévaluation — il y a deux ans", 730, [Role.PARTNER], {1: 2.6, 2: 2.4, 3: 3.0, 4: 3.1, 5: 3.0}),
    ("Autoévaluation — l'an dernier", 365, [Role.COORDINATOR, Role.PARTNER], {1: 3.1, 2: 2.8, 3: 3.4, 4: 3.6, 5: 3.4}),
    ("Autoévaluation — cette année", 20, [Role.COORDINATOR, Role.PARTNER, Role.FUNDER],
     {1: 3.6, 2: 3.1, 3: 2.9, 4: 3.9, 5: 3.7}),
]
NUANCES = [-0.8, -0.3, 0.0, 0.4, 0.9]
ASSESSMENT_PEOPLE = [  # (email local part, name, role): enough people for results above the threshold
    ("coordination2", "Émilie Fortin", Role.COORDINATOR), ("intervenante1", "Chantal Girard", Role.PARTNER),
    ("intervenant2", "Samuel Morin", Role.PARTNER), ("intervenante3", "Julie Ouellet", Role.PARTNER),
    ("intervenant4", "Patrick Simard", Role.PARTNER), ("bailleur2", "Louise Caron", Role.FUNDER),
    ("bailleur3", "Denis Lapointe", Role.FUNDER),
]


def _assessment_members(coalition, coordinator) -> list:
    """The coalition's active members, after adding the few demo people the rounds need."""
    from coalitions.management.commands.seed_demo import demo_user

    organizations = list(Organization.objects.filter(coalition=coalition).order_by("name"))
    funders = [o for o in organizations if o.kind == OrganizationKind.FUNDER]
    others = [o for o in organizations if o.kind != OrganizationKind.FUNDER]
    for index, (local, name, role) in enumerate(ASSESSMENT_PEOPLE):
        email = f"{local}@{coalition.slug}.demo"
        user = demo_user(email, name)
        if Membership.objects.filter(coalition=coalition, user=user).exists():
            continue
        organization = None if role == Role.COORDINATOR else (funders or others)[0] if role == Role.FUNDER \
            else others[index % len(others)]
        invitation = coalition_services.invitation_create(actor=coordinator, coalition=coalition, email=email,
                                                          role=role, organization=organization)
        coalition_services.invitation_accept(user=user, token=invitation.token)
    return list(Membership.objects.filter(coalition=coalition, is_active=True).select_related("user")
                .order_by("pk"))


def _seed_assessment(*, coalition, coordinator):
    members = _assessment_members(coalition, coordinator)
    for number, (title, days_ago, roles, means) in enumerate(ASSESSMENT_ROUNDS):
        round_ = backbone.round_open(actor=coordinator, coalition=coalition, title=title, roles=roles,
                                     now=timezone.now() - timedelta(days=days_ago))
        questions = backbone_selectors.round_questions(round_)
        for n, membership in enumerate(m for m in members if m.role in roles):
            answers = {q.pk: (max(1, min(5, round(means[q.condition] + NUANCES[(n + q.position + number) % 5]))),
                              "") for q in questions}
            backbone.assessment_answer(actor=membership.user, round_=round_, answers=answers,
                                       now=round_.opened_at + timedelta(days=3 + n))
        if number < len(ASSESSMENT_ROUNDS) - 1:
            backbone.round_close(actor=coordinator, round_=round_)


# Comment threads on actions of the plan and on indicators (made by conditions/ and indicators/
# demos, which run first). "{coordinator}" and "{partner}" become @mentions of those people;
# "other" is a second partner organisation's member when there is one.
THREADS = {
    "petite-enfance-haute-cote": {
        "actions": [
            ("Visites à domicile pour les familles isolées", [
                ("partner", "Depuis septembre, nous offrons aussi des visites en soirée pour rejoindre les pères qui "
                            "travaillent de jour. Trois familles de Longue-Rive attendent une première visite."),
                ("coordinator", "Bravo pour les visites en soirée\u00a0! {partner} pouvez-vous les inscrire dans vos "
                                "activités réalisées\u00a0? Nous en parlerons au prochain comité de pilotage."),
                ("partner", "C'est fait. {coordinator} on pourrait aussi demander au CLSC de nous référer les "
                            "familles de Longue-Rive directement."),
            ]),
            ("Ateliers parent-enfant « Grandir ensemble »", [
                ("other", "Les ateliers du samedi affichent complet. Serait-il possible d'ouvrir un deuxième groupe "
                          "aux Escoumins cet hiver\u00a0?"),
                ("coordinator", "Bonne idée. {partner} la Maison de la famille aurait-elle une animatrice "
                                "disponible le samedi matin\u00a0?"),
            ]),
            ("Guichet unique d'accès aux services", [
                ("coordinator", "La fiche de référence commune est prête à l'essai. {partner} pouvez-vous la tester "
                                "avec deux ou trois familles d'ici la fin du mois\u00a0?"),
                ("partner", "Oui, avec plaisir. On vous revient avec nos commentaires à la rencontre du comité."),
            ]),
        ],
        "indicators": [
            ("PE-01", [
                ("coordinator", "Le nombre de familles rejointes a baissé au dernier trimestre. {partner} le "
                                "roulement de personnel de l'été explique-t-il la baisse\u00a0?"),
                ("partner", "En partie\u00a0: deux intervenantes étaient en congé en juillet. Les visites conjointes "
                            "avec le CLSC reprennent cet automne, on devrait remonter."),
            ]),
            ("PE-04", [
                ("partner", "Le délai compte-t-il les demandes reçues par téléphone\u00a0? Chez nous, c'est la "
                            "moitié des demandes."),
                ("coordinator", "Oui, toutes les demandes comptent, peu importe comment elles arrivent. {partner} "
                                "j'ajoute la précision à la définition de l'indicateur."),
            ]),
            ("PE-03", [
                ("other", "La baisse de juillet revient chaque année\u00a0: les familles partent en vacances. "
                          "{coordinator} faut-il la commenter dans la note d'apprentissage\u00a0?"),
                ("coordinator", "Oui, merci de le signaler\u00a0; je l'ajoute à la note de la période."),
            ]),
        ],
    },
    "securite-alimentaire-val-des-sources": {
        "actions": [
            ("Épicerie solidaire", [
                ("partner", "Le local de la rue Saint-Georges serait libre au printemps. Le loyer reste à négocier "
                            "avec la Ville."),
                ("coordinator", "Excellente nouvelle\u00a0! {partner} je mets le point à l'ordre du jour de la "
                                "prochaine rencontre de la table."),
            ]),
            ("Cuisines collectives de quartier", [
                ("other", "Nous cherchons une cuisine équipée à Danville pour un troisième groupe."),
                ("coordinator", "{partner} Moisson des Sources pourrait-elle prêter sa cuisine le mardi\u00a0?"),
            ]),
        ],
        "indicators": [
            ("SA-01", [
                ("coordinator", "Les paniers distribués augmentent encore ce mois-ci. {partner} est-ce surtout de "
                                "nouvelles familles\u00a0?"),
                ("partner", "Oui, surtout des familles avec de jeunes enfants, souvent orientées par le CLSC."),
            ]),
            ("SA-03", [
                ("partner", "Compte-t-on les enfants qui accompagnent leurs parents aux cuisines collectives\u00a0?"),
                ("coordinator", "Non, seulement les adultes inscrits. {partner} je précise la définition pour "
                                "tout le monde."),
            ]),
        ],
    },
}


def _seed_threads(*, coalition, coordinator):
    spec = THREADS.get(coalition.slug)
    if spec is None:
        return
    from conditions.selectors import actions as plan_actions
    from indicators.selectors.catalogue import indicators as coalition_indicators

    partners = list(Membership.objects.filter(coalition=coalition, role=Role.PARTNER, is_active=True)
                    .select_related("user").order_by("pk"))
    if not partners:
        return
    representatives = set(Organization.objects.filter(coalition=coalition, representative__isnull=False)
                          .values_list("representative_id", flat=True))
    partner = next((m for m in partners if m.user_id in representatives), partners[0])
    other = next((m for m in partners if m.organization_id != partner.organization_id), partner)
    authors = {"coordinator": coordinator, "partner": partner.user, "other": other.user}
    mentions = {"coordinator": f"@{coordinator.email}", "partner": f"@{partner.user.email}"}
    actions = {a.title: a for a in plan_actions(coalition).filter(title__in=[title for title, _ in spec["actions"]])}
    indicators = {i.code: i for i in coalition_indicators(coalition).filter(
        code__in=[code for code, _ in spec["indicators"]])}
    targets = [({"action": actions.get(title)}, thread) for title, thread in spec["actions"]]
    targets += [({"indicator": indicators.get(code)}, thread) for code, thread in spec["indicators"]]
    for target, thread in targets:
        thing = next(iter(target.values()))
        if thing is None or Comment.objects.filter(coalition=coalition, **target).exists():
            continue
        for author, body in thread:
            communication.comment_add(actor=authors[author], body=body.format(**mentions), **target)

