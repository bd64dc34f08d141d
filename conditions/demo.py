"""Demo content of conditions 1 and 2, for ``manage.py seed_demo``: a common agenda published in
two versions (some endorsements missing, one only for the first version), a third in consultation
(Haute-Côte: a few reservations, an objection answered, organisations yet to answer), an action
plan with a dozen actions, a partner's proposal, a few hundred activities, and the practices the
partners agree to share (one archived), about half adopted, most of them since the spring (the
partner at the edge of the network has only planned some), and
referral paths under two priorities (Haute-Côte). Idempotent: a coalition that
already has a published agenda or a plan keeps them. Every write goes through the services."""

import random
from datetime import date, timedelta
from decimal import Decimal

from coalitions.dates import local_today
from coalitions.models import Membership, Organization, OrganizationKind, Role

from .models import (
    ActionPlan,
    ActionStatus,
    AgendaVersion,
    Consultation,
    ConsultationResponse,
    Practice,
    Priority,
    ReferralPath,
)
from .services import activities as activities_services
from .services import agenda as agenda_services
from .services import consultation as consultation_services
from .services import plan as plan_services
from .services import practices as practices_services

PETITE_ENFANCE = {
    "agenda": {
        "problem": "Dans la Haute-Côte-Nord, près d'un enfant sur trois arrive à la maternelle vulnérable dans au "
        "moins un domaine de son développement. Les familles vivent loin des services, les places en "
        "service de garde manquent et plusieurs parents se sentent seuls.",
        "target_population": "Les enfants de 0 à 5 ans et leurs parents, en particulier les familles isolées ou à "
        "faible revenu.",
        "territory": "MRC de La Haute-Côte-Nord, de Tadoussac à Colombier",
        "vision": "Chaque enfant de la Haute-Côte arrive à l'école avec les mêmes chances de réussir, entouré de "
        "parents confiants et d'une communauté qui l'accompagne.",
        "long_term_outcomes": "Moins d'enfants vulnérables à la maternelle\nDes parents qui se sentent compétents "
        "et soutenus",
        "guiding_principles": "La participation des parents à chaque étape\nL'équité entre les partenaires : la "
        "voix d'un petit organisme compte autant que celle d'une institution\nL'apprentissage continu",
        "theory_of_change": "Visites à domicile -> Des parents plus confiants -> Des parents qui se sentent "
        "compétents et soutenus\nAteliers parent-enfant -> Des parents plus confiants\nHeure du conte et "
        "sacs de lecture -> Un éveil à la lecture dès 2 ans -> Moins d'enfants vulnérables à la maternelle\n"
        "Guichet unique d'accès aux services -> Des services obtenus plus tôt -> Moins d'enfants vulnérables à "
        "la maternelle",
    },
    "priorities": [
        ("Maturité scolaire", "Que les enfants arrivent à la maternelle prêts à apprendre."),
        ("Bien-être des parents", "Soutenir les parents dans leur rôle, briser l'isolement."),
        ("Accès aux services", "Réduire l'attente et les distances pour obtenir un premier service."),
    ],
    "v2_priority": ("Transitions harmonieuses", "Accompagner le passage du service de garde à l'école."),
    "v2_vision": "Chaque enfant de la Haute-Côte arrive à l'école avec les mêmes chances de réussir, entouré de "
    "parents confiants, de services accessibles et d'une communauté qui l'accompagne.",
    "edge": "Comptoir familial",  # a partner at the edge of the network: in no action
    "actions": [
        ("Visites à domicile pour les familles isolées", "Maison de la famille", ["Bien-être des parents"], 1),
        ("Ateliers parent-enfant « Grandir ensemble »", "Carrefour familial", ["Bien-être des parents",
                                                                                "Maturité scolaire"], 2),
        ("Heure du conte et sacs de lecture", "Bibliothèque", ["Maturité scolaire"], 1),
        ("Guichet unique d'accès aux services", "CISSS", ["Accès aux services"], 2),
        ("Dépistage précoce du langage", "CISSS", ["Maturité scolaire", "Accès aux services"], 1),
        ("Passeport pour la maternelle", "Centre de services scolaire", ["Transitions harmonieuses"], 2),
        ("Halte-garderie communautaire", "CPE", ["Bien-être des parents"], 1),
        ("Parcs et jeux actifs pour les tout-petits", "Municipalité", ["Maturité scolaire"], 1),
        ("Formation commune des intervenantes", "CISSS", ["Accès aux services"], 3),
        ("Transport vers les activités familiales", "Municipalité", ["Accès aux services"], 1),
        ("Café-rencontre des pères", "Maison de la famille", ["Bien-être des parents"], 1),
        ("Visites de l'école au printemps", "Centre de services scolaire", ["Transitions harmonieuses",
                                                                             "Maturité scolaire"], 2),
    ],
    "proposal": ("Marche poussette hebdomadaire", "Maison de la famille", ["Bien-être des parents"]),
    # (kind, title, description, priorities)
    "practices": [
        ("referral", "Fiche de référence commune",
         "Remplie avec le parent et avec son accord, elle le suit d'un organisme à l'autre : il ne raconte pas son "
         "histoire trois fois.", ["Accès aux services"]),
        ("welcoming", "Accueil sans rendez-vous le premier contact",
         "Un parent qui se présente est reçu le jour même, même brièvement, et repart avec un prochain rendez-vous.",
         ["Accès aux services", "Bien-être des parents"]),
        ("message", "« Lire dès le berceau »",
         "Le même message et le même signet remis aux parents dans tous les points de service : lire 10 minutes "
         "par jour avec son tout-petit.", ["Maturité scolaire"]),
        ("tool", "Calendrier commun des activités familiales",
         "Chaque organisme y inscrit ses activités ouvertes aux familles; les intervenantes le consultent avant "
         "d'orienter un parent.", ["Bien-être des parents"]),
        ("support", "Accompagnement vers la maternelle",
         "Une intervenante accompagne la famille qui le souhaite à l'inscription et à la première visite de "
         "l'école.", ["Transitions harmonieuses"]),
    ],
    # Under a priority, (from, to, how): the CISSS is the hub; the library refers no one yet.
    "referrals": [
        ("Accès aux services", "Maison de la famille", "CISSS", "Dépistage du langage, avec la fiche de référence"),
        ("Accès aux services", "CPE", "CISSS", "Inquiétude sur le développement, avec l'accord du parent"),
        ("Accès aux services", "CISSS", "Maison de la famille", "Visites à domicile pour les familles isolées"),
        ("Accès aux services", "Carrefour familial", "Maison de la famille", "Répit et halte-garderie"),
        ("Bien-être des parents", "CISSS", "Carrefour familial", "Ateliers parent-enfant"),
        ("Bien-être des parents", "Maison de la famille", "Carrefour familial", "Ateliers parent-enfant"),
    ],
    "archived_practice": ("tool", "Bottin papier des ressources",
                          "Remplacé par le calendrier commun et la carte en ligne.", []),
    # A third version in consultation: a few reservations, one objection already answered, and
    # three organisations that have not answered yet. (organisation, section, position, reason, answer)
    "consultation": {
        "principle": "Des pratiques d'accueil et de référence harmonisées entre les partenaires",
        "message": "Nous ajoutons un principe sur l'harmonisation de nos pratiques d'accueil et de référence. "
        "Dites-nous surtout si la théorie du changement reflète ce que vous faites sur le terrain.",
        "responses": [
            ("Maison de la famille", "theory_of_change", "reservation", "Les haltes-garderies manquent dans la "
             "chaîne des visites à domicile : sans répit, les parents isolés ne viennent pas aux ateliers.", ""),
            ("CISSS", "priorities", "objection", "La priorité « Accès aux services » doit viser un délai : un "
             "premier service en moins de 30 jours, sinon on ne pourra pas la mesurer.",
             "Bonne remarque : la description de la priorité précisera la cible de 30 jours, mesurée par "
             "l'indicateur du délai d'attente."),
            ("CPE", "territory", "reservation", "Le secteur des Bergeronnes n'est pas nommé alors que plusieurs "
             "de nos familles y vivent.", ""),
            ("Bibliothèque", "vision", "agree", "", ""),
        ],
        "comments": [
            ("section", "guiding_principles", "On pourrait commencer par une fiche de référence commune."),
            ("link", 0, "Les visites à domicile renforcent aussi le lien avec le CLSC."),
        ],
    },
}

SECURITE_ALIMENTAIRE = {
    "agenda": {
        "problem": "Dans la MRC des Sources, une famille sur six a de la difficulté à se nourrir convenablement. "
        "L'aide alimentaire d'urgence ne suffit plus et l'offre d'aliments frais est faible hors du centre.",
        "target_population": "Les ménages à faible revenu, les familles avec enfants et les personnes aînées "
        "seules.",
        "territory": "MRC des Sources",
        "vision": "Toutes les familles des Sources ont accès à une alimentation saine, suffisante et abordable, "
        "dans la dignité.",
        "long_term_outcomes": "Moins de ménages en insécurité alimentaire\nUne communauté plus autonome sur le "
        "plan alimentaire",
        "guiding_principles": "La dignité des personnes\nLa participation citoyenne\nLa concertation plutôt que "
        "la concurrence",
        "theory_of_change": "Cuisines collectives -> Des familles qui cuisinent à moindre coût -> Moins de "
        "ménages en insécurité alimentaire\nJardins communautaires -> Plus d'aliments frais à proximité -> Une "
        "communauté plus autonome sur le plan alimentaire\nÉpicerie solidaire -> Des aliments abordables -> "
        "Moins de ménages en insécurité alimentaire",
    },
    "priorities": [
        ("Accès économique", "Des aliments sains à un prix abordable."),
        ("Autonomie alimentaire", "Cuisiner, cultiver et conserver ensemble."),
        ("Aide d'urgence digne", "Un dépannage alimentaire respectueux et coordonné."),
    ],
    "v2_priority": ("Lutte au gaspillage", "Récupérer les invendus des commerces."),
    "v2_vision": "Toutes les familles des Sources ont accès, dans la dignité, à une alimentation saine, "
    "suffisante, abordable et produite près de chez elles.",
    "actions": [
        ("Épicerie solidaire", "Moisson", ["Accès économique"], 2),
        ("Cuisines collectives de quartier", "Cuisines collectives", ["Autonomie alimentaire"], 1),
        ("Jardins communautaires", "Ville", ["Autonomie alimentaire"], 1),
        ("Dépannage alimentaire coordonné", "Moisson", ["Aide d'urgence digne"], 2),
        ("Récupération des invendus", "Moisson", ["Lutte au gaspillage"], 1),
        ("Ateliers de conservation", "Cuisines collectives", ["Autonomie alimentaire", "Lutte au gaspillage"], 1),
        ("Repérage des familles par le CLSC", "CLSC", ["Aide d'urgence digne"], 1),
        ("Bons d'achat au marché public", "Ville", ["Accès économique"], 1),
        ("Collations dans les écoles", "CLSC", ["Accès économique"], 2),
        ("Frigo communautaire", "Ville", ["Lutte au gaspillage"], 1),
        ("Groupe d'achats en commun", "Cuisines collectives", ["Accès économique"], 1),
        ("Carte des ressources alimentaires", "CLSC", ["Aide d'urgence digne", "Accès économique"], 1),
    ],
    "proposal": ("Cuisine mobile dans les rangs", "Moisson", ["Autonomie alimentaire"]),
    "practices": [
        ("welcoming", "Accueil digne au dépannage",
         "Pas de preuve de revenu exigée au premier dépannage; la personne choisit ses aliments quand c'est "
         "possible.", ["Aide d'urgence digne"]),
        ("referral", "Référence personnalisée vers les cuisines collectives",
         "L'intervenant appelle avec la personne plutôt que de lui remettre un numéro.",
         ["Autonomie alimentaire", "Aide d'urgence digne"]),
        ("message", "« Manger mieux sans payer plus »",
         "Le même message et les mêmes recettes économiques dans tous les points de service.",
         ["Accès économique"]),
        ("tool", "Carte des ressources alimentaires",
         "Une seule carte, tenue à jour par le CLSC, remise par tous les partenaires.", ["Accès économique"]),
    ],
}

SPECS = {"petite-enfance-haute-cote": PETITE_ENFANCE, "securite-alimentaire-val-des-sources": SECURITE_ALIMENTAIRE}
ACTIVITIES_PER_COALITION = 300
DESCRIPTIONS = ["Rencontre de groupe", "Séance animée", "Suivi individuel", "Activité en plein air",
                "Atelier thématique", "Rencontre avec les familles", "Préparation et animation"]


def _org(organizations, prefix):
    return next(o for o in organizations if o.name.startswith(prefix) or prefix in o.name)


def seed(*, coalition, coordinator) -> None:
    spec = SPECS.get(coalition.slug)
    if spec is None:
        return
    organizations = list(Organization.objects.filter(coalition=coalition).exclude(kind=OrganizationKind.FUNDER)
                         .select_related("representative").order_by("name"))
    if not AgendaVersion.objects.filter(coalition=coalition, number__isnull=False).exists():
        _seed_agenda(coalition, coordinator, spec, organizations)
    if not ActionPlan.objects.filter(coalition=coalition).exists():
        _seed_plan(coalition, coordinator, spec, organizations)
    if "consultation" in spec and not Consultation.objects.filter(coalition=coalition).exists() \
            and not AgendaVersion.objects.filter(coalition=coalition, number__isnull=True).exists():
        _seed_consultation(coalition, coordinator, spec, organizations)
    if "practices" in spec and not Practice.objects.filter(coalition=coalition).exists():
        _seed_practices(coalition, coordinator, spec, organizations)
    if "referrals" in spec and not ReferralPath.objects.filter(coalition=coalition).exists():
        _seed_referrals(coalition, coordinator, spec, organizations)


def _seed_referrals(coalition, coordinator, spec, organizations):
    priorities = {p.title: p for p in Priority.objects.filter(coalition=coalition)}
    for priority_title, source, target, how in spec["referrals"]:
        if priority_title in priorities:
            practices_services.referral_add(actor=coordinator, priority=priorities[priority_title],
                                            from_organization=_org(organizations, source),
                                            to_organization=_org(organizations, target), note=how)


# Where each organisation stands with each practice, from a cell's score (0-9): adopted (in
# place, or adapted with a note) for half of the pairs, after having planned it months before;
# planned or not started for some; nothing recorded for the rest.
ADOPTION_BY_SCORE = ["in_place", "in_place", "in_place", "in_place", "adapted", "planned", "planned",
                     "not_started", None, None]
ADAPTATION_NOTE = "Adaptée à notre réalité : nous la faisons au téléphone plutôt qu'en personne, nos familles " \
    "vivent loin."

EDGE_NOTE = "Présentée à notre équipe depuis notre arrivée au regroupement; nous l'essaierons cet hiver."


def _seed_practices(coalition, coordinator, spec, organizations):
    """The practices the partners agreed to share; one, replaced since, is archived. About half
    are adopted, most in the last six months, after having been planned (the board's change over
    time). An organisation's own people record its adoption; the coordination team does for the
    others."""
    priorities = {p.title: p for p in Priority.objects.filter(coalition=coalition)}
    created = []
    for kind, title, description, priority_titles in spec["practices"]:
        created.append(practices_services.practice_create(
            actor=coordinator, coalition=coalition, kind=kind, title=title, description=description,
            priorities=[priorities[t] for t in priority_titles if t in priorities]))
    partners = {m.organization_id: m.user for m in Membership.objects.filter(
        coalition=coalition, role=Role.PARTNER, is_active=True, organization__isnull=False).select_related("user")}
    today = local_today(coalition)
    edge = _org(organizations, spec["edge"]) if "edge" in spec else None
    for p_index, practice in enumerate(created):
        for o_index, organization in enumerate(organizations):
            score = (p_index * 3 + o_index * 7) % 10
            status = ADOPTION_BY_SCORE[score]
            if status is None:
                continue
            actor = partners.get(organization.pk, coordinator)
            if organization == edge and status in ("in_place", "adapted"):
                # The partner at the edge of the network joined lately: it has only planned
                # the practices the others adopted (its card and the board tell that story).
                practices_services.adoption_record(actor=actor, practice=practice, organization=organization,
                                                   status="planned", since=today - timedelta(days=15 + p_index),
                                                   note=EDGE_NOTE)
                continue
            if status in ("in_place", "adapted"):
                practices_services.adoption_record(actor=actor, practice=practice, organization=organization,
                                                   status="planned", since=today - timedelta(days=200 + 10 * score),
                                                   note="Présentée à l'équipe, mise en place prévue.")
            practices_services.adoption_record(
                actor=actor, practice=practice, organization=organization, status=status,
                since=today - timedelta(days=20 + 25 * score + 5 * p_index),
                note=ADAPTATION_NOTE if status == "adapted" else "")
    if "archived_practice" in spec:
        kind, title, description, _priorities = spec["archived_practice"]
        old = practices_services.practice_create(actor=coordinator, coalition=coalition, kind=kind, title=title,
                                                 description=description)
        practices_services.practice_archive(actor=coordinator, practice=old)


def _seed_consultation(coalition, coordinator, spec, organizations):
    """A draft of the next version, in consultation until twelve days from now."""
    story = spec["consultation"]
    current = AgendaVersion.objects.filter(coalition=coalition, number__isnull=False).order_by("-number").first()
    texts = {name: getattr(current, name) for name in AgendaVersion.TEXT_FIELDS}
    texts["guiding_principles"] += "\n" + story["principle"]
    agenda_services.agenda_draft_update(actor=coordinator, coalition=coalition,
                                        theory_of_change=spec["agenda"]["theory_of_change"], **texts)
    consultation = consultation_services.consultation_open(
        actor=coordinator, coalition=coalition, closes_on=local_today(coalition) + timedelta(days=12),
        message=story["message"])
    for prefix, section, position, reason, answer in story["responses"]:
        organization = _org(organizations, prefix)
        members = Membership.objects.filter(coalition=coalition, organization=organization, role=Role.PARTNER,
                                            is_active=True).select_related("user").first()
        answers = {section: (position, reason)}
        if members:  # its own people answer; otherwise the coordination team records it from a meeting
            consultation_services.consultation_respond(actor=members.user, consultation=consultation, answers=answers)
        else:
            consultation_services.consultation_respond(actor=coordinator, consultation=consultation, answers=answers,
                                                       organization=organization)
        if answer:
            response = ConsultationResponse.objects.get(consultation=consultation, organization=organization,
                                                        section=section)
            consultation_services.consultation_answer(actor=coordinator, response=response, answer=answer)
    partner = Membership.objects.filter(coalition=coalition, role=Role.PARTNER, is_active=True,
                                        organization__isnull=False).select_related("user").order_by("pk").first()
    for kind, target, body in story["comments"]:
        author = partner.user if partner else coordinator
        if kind == "section":
            consultation_services.consultation_comment(actor=author, consultation=consultation, section=target,
                                                       body=body)
        else:
            consultation_services.consultation_comment(actor=author, consultation=consultation, link=target,
                                                       body=body)


def _endorse(coalition, coordinator, organization, comment="", with_reservations=False):
    actor = organization.representative or coordinator
    agenda_services.endorsement_record(actor=actor, coalition=coalition, organization=organization, comment=comment,
                                with_reservations=with_reservations)


def _seed_agenda(coalition, coordinator, spec, organizations):
    for title, description in spec["priorities"]:
        if not Priority.objects.filter(coalition=coalition, title=title).exists():
            agenda_services.priority_create(actor=coordinator, coalition=coalition, title=title,
                                            description=description)
    agenda_services.agenda_draft_update(actor=coordinator, coalition=coalition, **spec["agenda"])
    agenda_services.agenda_publish(actor=coordinator, coalition=coalition,
                            change_summary="Première version, adoptée en assemblée des partenaires.")
    # Every organisation endorsed the first version but the last one.
    for organization in organizations[:-1]:
        _endorse(coalition, coordinator, organization, comment="Adhésion donnée en assemblée.")
    title, description = spec["v2_priority"]
    agenda_services.priority_create(actor=coordinator, coalition=coalition, title=title, description=description)
    agenda_services.agenda_draft_update(actor=coordinator, coalition=coalition,
                                 **{**spec["agenda"], "vision": spec["v2_vision"]})
    agenda_services.agenda_publish(actor=coordinator, coalition=coalition,
                            change_summary=f"Nouvelle priorité « {title} »; vision précisée après la journée "
                            "de réflexion.")
    # About half endorsed the second version; the others endorsed only the first, one never did.
    for index, organization in enumerate(organizations[:-1]):
        if index % 2 == 0:
            reserved = index == 2
            _endorse(coalition, coordinator, organization, with_reservations=reserved,
                     comment="Sous réserve du financement de la nouvelle priorité." if reserved else "")


def _create_action(coordinator, coalition, plan, rng, *, index, title, lead_org, priorities, contributors):
    start = date(2025, 4, 1) + timedelta(days=30 * (index % 6))
    status = STATUSES[index % len(STATUSES)]
    planned = Decimal(rng.randrange(2, 40) * 1000)
    return plan_services.action_create(
        actor=coordinator, coalition=coalition, plan=plan, title=title,
        description=f"{title} : une action portée par {lead_org.name} avec ses partenaires.",
        priorities=priorities, lead_organization=lead_org, contributing_organizations=contributors,
        start_date=start, end_date=start + timedelta(days=730), status=status, planned_budget=planned,
        spent_budget=(planned * Decimal(rng.randrange(10, 90)) / 100).quantize(Decimal("1")),
        expected_results="Des familles rejointes et des partenaires qui travaillent ensemble.",
        progress=100 if status == ActionStatus.DONE else rng.randrange(5, 80, 5),
    )


STATUSES = [ActionStatus.IN_PROGRESS, ActionStatus.IN_PROGRESS, ActionStatus.DONE, ActionStatus.IN_PROGRESS,
            ActionStatus.PLANNED, ActionStatus.IN_PROGRESS, ActionStatus.ON_HOLD, ActionStatus.IN_PROGRESS,
            ActionStatus.DONE, ActionStatus.PLANNED, ActionStatus.IN_PROGRESS, ActionStatus.IN_PROGRESS]


def _seed_plan(coalition, coordinator, spec, organizations):
    plan = plan_services.plan_create(actor=coordinator, coalition=coalition, title="Plan d'action 2025-2028",
                                start_date=date(2025, 4, 1), end_date=date(2028, 3, 31),
                                description="Le plan concerté qui découle de la vision commune.")
    priorities = {p.title: p for p in Priority.objects.filter(coalition=coalition)}
    rng = random.Random(coalition.slug)
    actions, teams = [], {}
    edge = [_org(organizations, spec["edge"])] if "edge" in spec else []
    for index, (title, lead, priority_titles, contributor_count) in enumerate(spec["actions"]):
        lead_org = _org(organizations, lead)
        contributors = rng.sample([o for o in organizations if o.pk != lead_org.pk and o not in edge],
                                  contributor_count)
        action = _create_action(coordinator, coalition, plan, rng, index=index, title=title, lead_org=lead_org,
                                priorities=[priorities[t] for t in priority_titles], contributors=contributors)
        actions.append(action)
        teams[action.pk] = [lead_org, *contributors]

    title, lead, priority_titles = spec["proposal"]
    lead_org = _org(organizations, lead)
    plan_services.action_create(
        actor=lead_org.representative or coordinator, coalition=coalition, plan=plan, title=title,
        description="Proposée par un organisme partenaire.", priorities=[priorities[t] for t in priority_titles],
        lead_organization=lead_org, start_date=date(2026, 5, 1), end_date=date(2026, 10, 31),
        status=ActionStatus.PLANNED, planned_budget=Decimal("1500"),
    )

    last_day = date(2026, 10, 31)
    rows = []
    for index in range(ACTIVITIES_PER_COALITION):
        action = actions[index % len(actions)]
        if action.status == ActionStatus.PLANNED:
            action = actions[0]
        when = action.start_date + timedelta(days=rng.randrange(0, max(1, (last_day - action.start_date).days)))
        people = rng.randrange(3, 40)
        rows.append({
            "action": action, "organization": rng.choice(teams[action.pk]), "date": when,
            "end_date": when + timedelta(days=2) if index % 17 == 0 else None,
            "description": f"{rng.choice(DESCRIPTIONS)} — {action.title[0].lower()}{action.title[1:]}",
            "people_reached": people, "families_reached": max(1, people // 2),
            "hours": Decimal(rng.randrange(1, 12)), "cost": Decimal(rng.randrange(0, 400)),
        })
    activities_services.activity_bulk_create(actor=coordinator, coalition=coalition, rows=rows)
