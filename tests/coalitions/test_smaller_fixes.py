"""Issue 13, point 18 (and the times of point 15): real plurals, the time zones grouped with
Canada's first, a meeting's kind not repeated after a title that names it, the welcome
wording and times in the reader's language. (The demo logins where serve_all reads them:
tests/test_demo.py.)"""


from django.utils import timezone, translation

from coalitions.forms import CoalitionForm
from coalitions.templatetags.coalition_tags import clock_time

from ..coordination.factories import MeetingFactory
from ..helpers import url


def test_the_time_zones_start_with_canadas_named_for_people_then_the_other_ones():
    groups = CoalitionForm().fields["time_zone"].choices
    with translation.override("fr"):
        (canada, canadian), (others, rest) = [(str(label), zones) for label, zones in groups]
        assert canada == "Canada" and others == "Autres fuseaux horaires des Amériques"
        assert canadian[0] == ("America/Toronto", canadian[0][1]) and "Montréal" in str(canadian[0][1])
    assert {"America/Halifax", "America/Vancouver", "America/Regina"} <= {value for value, _ in canadian}
    assert "America/Toronto" not in {value for value, _ in rest} and len(rest) > 50


def test_a_meetings_kind_is_not_repeated_after_a_title_that_names_it(db):
    with translation.override("fr"):
        assert MeetingFactory(title="Comité de pilotage").title_with_kind == "Comité de pilotage"
        meeting = MeetingFactory(title="Rencontre de janvier")
        assert meeting.title_with_kind == "Rencontre de janvier — Comité de pilotage"


def test_times_follow_the_readers_language():
    moment = timezone.datetime(2026, 3, 4, 17, 37)
    with translation.override("fr"):
        assert clock_time(moment) == "17\u00a0h\u00a037" or clock_time(moment) == "17 h 37"
    with translation.override("en"):
        assert clock_time(moment) == "5:37 p.m."


def test_the_notification_list_shows_times_in_english_for_an_english_reader(client, world):
    from django_scopes import scopes_disabled

    from coordination.models.communication import Notification

    with scopes_disabled():
        Notification.objects.create(coalition=world.coalition, recipient=world.partner, kind="announcement",
                                    title="Bienvenue", url="/", created_at=timezone.now().replace(hour=17, minute=37))
    world.partner.language = "en"
    world.partner.save()
    client.force_login(world.partner)
    html = client.get(url(world, "coordination:notifications"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert " h " not in html.split("<main", 1)[1].split("</main>", 1)[0]


def test_a_value_count_is_a_real_plural():
    from django.utils.translation import ngettext

    with translation.override("fr"):
        assert ngettext("%(count)s value approved.", "%(count)s values approved.", 1) % {"count": 1} == \
            "1 donnée approuvée."
        assert ngettext("%(count)s value approved.", "%(count)s values approved.", 3) % {"count": 3} == \
            "3 données approuvées."


def test_the_welcome_names_the_coalition_without_an_awkward_article():
    with translation.override("fr"):
        text = translation.gettext("Welcome to %(coalition)s!") % {"coalition": "Regroupement Petite enfance"}
    assert text == "Bienvenue\u00a0! Vous faites maintenant partie de Regroupement Petite enfance."
