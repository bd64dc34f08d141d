"""The partnership in a year report (issue 16): harmonised practices, the web of partners and
the partnership self-assessment, each as the coalition stood at the end of the year, in the
plain JSON data of ``reports.period_report`` (a frozen snapshot keeps it). Words that depend
on the reader's language (kinds of practice, conditions) are stored as keys and worded when
read. Nine queries whatever the data size: three for the practices, four for the network, two
for the self-assessment.

Privacy: the report goes to funders. It names organisations (as its activities table does)
but no person; the self-assessment gives means only where the coalition's small-numbers
threshold of people answered, and its numbers of respondents below it are « fewer than N »."""

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from conditions.models import AdoptionStatus, PracticeKind
from conditions.selectors import practices as practice_selectors
from coordination.models.backbone import Condition
from coordination.selectors import backbone as assessment_selectors
from indicators.selectors import suppression

from .network import partner_network

# The board's order: the furthest along first.
ADOPTION_ORDER = (AdoptionStatus.IN_PLACE, AdoptionStatus.ADAPTED, AdoptionStatus.PLANNED, AdoptionStatus.NOT_STARTED)


def partnership(coalition, *, start_moment, moment, day: date, threshold: int) -> dict:
    """The report's three partnership sections: ``day`` is the last day the report covers (or
    today, for a year under way), ``moment`` the end of that day, ``start_moment`` the start
    of the year (aware datetimes)."""
    adoption = practice_selectors.adoption_as_of(coalition, day, moment)
    network = partner_network(coalition, until=moment)
    rounds = assessment_selectors.rounds_between(coalition, start_moment, moment, threshold=threshold)
    return {
        "practices": {
            "organizations": adoption["organizations"],
            "rows": [[row["title"], row["kind"], *(row[status] for status in ADOPTION_ORDER)]
                     for row in adoption["practices"]],
        },
        "network": {
            "organizations": len(network["nodes"]),
            "links": len(network["edges"]),
            "isolated": network["isolated_names"],
            "overloaded": network["overloaded_names"],
        },
        "assessment": {
            "threshold": threshold,
            "rounds": [{
                "title": item["round"].title,
                "opened": timezone.localdate(item["round"].opened_at, start_moment.tzinfo).isoformat(),
                # A count of people: « fewer than N » below the threshold, as everywhere funders look.
                "respondents": suppression.suppress({"n": item["respondents"]}, threshold)["n"],
                "means": item["means"],
            } for item in rounds],
        },
    }


def kind_label(kind: str) -> str:
    return str(dict(PracticeKind.choices).get(kind, kind))


def adoption_headers() -> list[str]:
    return [str(AdoptionStatus(status).label) for status in ADOPTION_ORDER]


def condition_labels() -> list[str]:
    return [str(label) for label in Condition.labels]


def fewer_answers(threshold) -> str:
    return _("fewer than %(n)s answers") % {"n": threshold}


def decorate_partnership(report: dict) -> None:
    """What the page needs, in the reader's language. Reports frozen before these sections
    have none: nothing is added for them, and the page leaves the sections out."""
    if "practices" in report:
        report["practices"]["headers"] = adoption_headers()
        report["practices"]["lines"] = [{"title": title, "kind": kind_label(kind), "counts": counts}
                                        for title, kind, *counts in report["practices"]["rows"]]
    if "assessment" in report:
        report["assessment"]["conditions"] = condition_labels()


def partnership_summary_rows(report: dict):
    """The summary sheet's lines on the partnership (a CSV of the report holds that sheet only)."""
    practices, network, assessment = report.get("practices"), report.get("network"), report.get("assessment")
    if practices is not None:
        rows = practices["rows"]
        adopted = sum(in_place + adapted for _t, _k, in_place, adapted, *_rest in rows)
        yield [_("Shared practices adopted (in place or adapted)"), adopted, len(rows) * practices["organizations"]]
    if network is not None:
        yield [_("Links between partners"), network["links"]]
        yield [_("Isolated partners"), len(network["isolated"])]
        yield [_("Overloaded partners"), len(network["overloaded"])]
    if assessment is not None:
        yield [_("Self-assessment rounds"), len(assessment["rounds"])]
    if practices is not None or network is not None or assessment is not None:
        yield []


def practice_rows(report: dict):
    """The « Practices » sheet of the XLSX download."""
    yield [_("Shared practice"), _("Kind"), *adoption_headers()]
    for title, kind, *counts in report.get("practices", {}).get("rows", []):
        yield [title, kind_label(kind), *counts]


def network_rows(report: dict):
    """The « Network » sheet: the counts, then the isolated and the overloaded partners."""
    network = report.get("network")
    if not network:
        return
    yield [_("Organizations"), network["organizations"]]
    yield [_("Links between partners"), network["links"]]
    yield [_("Isolated partners"), len(network["isolated"]), ", ".join(network["isolated"])]
    yield [_("Overloaded partners"), len(network["overloaded"]), ", ".join(network["overloaded"])]


def assessment_rows(report: dict):
    """The « Self-assessment » sheet: a line per round, a column per condition; a mean too few
    people back is « fewer than N answers »."""
    assessment = report.get("assessment")
    if not assessment:
        return
    yield [_("Round"), _("Opened on"), _("People who answered"), *condition_labels()]
    hidden = fewer_answers(assessment["threshold"])
    for item in assessment["rounds"]:
        yield [item["title"], item["opened"], suppression.shown(item["respondents"]),
               *(hidden if mean is None else mean for mean in item["means"])]
