# ruff: noqa: E501 (the templates as they were, one line each)
"""The chart of the dashboards and reports (dashboards/_chart.html) and the status badge
(includes/status_badge.html) are written in Python since issue 12 (a year report draws a
hundred): the markup must stay the template's, character for character. These tests render
the templates as they were and compare."""

from datetime import date
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from coalitions.templatetags.coalition_tags import status_badge
from dashboards.funder import chart_rows, latest_complete, newer_partials, trend_words
from dashboards.templatetags.chart_figures import chart_figure
from indicators import charts
from indicators.formatting import ValueFormat
from indicators.periods import period_label

# templates/dashboards/_chart.html before issue 12, its status badge include written in place
OLD_CHART = """{% load i18n measurement %}<figure class="chart dashboard-chart" aria-labelledby="{{ chart_id }}-title">
  <figcaption>
    <h3 class="chart-title" id="{{ chart_id }}-title">{{ title }}</h3>
    <p class="chart-summary" id="{{ chart_id }}-summary">{% with label=status_word %}{% with s=tone|default:status|stringformat:"s"|lower %}{% if s == "ok" or s == "success" or s == "done" or s == "complete" or s == "completed" or s == "approved" or s == "validated" or s == "accepted" or s == "active" or s == "on_track" or s == "submitted" or s == "published" %}<span class="badge badge-success" data-status="{{ status }}"><span class="badge-symbol" aria-hidden="true">✓</span> {{ label }}</span>{% elif s == "warning" or s == "due" or s == "pending" or s == "late" or s == "at_risk" or s == "expiring" or s == "in_review" or s == "review" or s == "partial" %}<span class="badge badge-warning" data-status="{{ status }}"><span class="badge-symbol" aria-hidden="true">!</span> {{ label }}</span>{% elif s == "danger" or s == "error" or s == "overdue" or s == "rejected" or s == "missing" or s == "failed" or s == "expired" or s == "blocked" or s == "off_track" %}<span class="badge badge-danger" data-status="{{ status }}"><span class="badge-symbol" aria-hidden="true">✕</span> {{ label }}</span>{% elif s == "info" or s == "new" or s == "in_progress" or s == "open" or s == "planned" or s == "scheduled" or s == "sent" or s == "current" %}<span class="badge badge-info" data-status="{{ status }}"><span class="badge-symbol" aria-hidden="true">●</span> {{ label }}</span>{% else %}<span class="badge badge-neutral" data-status="{{ status }}"><span class="badge-symbol" aria-hidden="true">○</span> {{ label }}</span>{% endif %}{% endwith %}
{% endwith %}
      {% if latest_row %}{% blocktranslate with value=latest_row.value|measure:fmt period=latest_row.label %}Latest coalition value: {{ value }} ({{ period }}).{% endblocktranslate %}{% elif partials %}{% translate "No complete period yet." %}{% else %}{% translate "No approved value yet." %}{% endif %}
      {% if target is not None %}{% blocktranslate with value=target|measure:fmt %}Final target: {{ value }}.{% endblocktranslate %}{% endif %}
      {% for row in partials %}<span class="partial-note">{% blocktranslate with period=row.label note=row.note value=row.value|measure:fmt %}{{ period }} ({{ note }}): {{ value }} so far, not yet the coalition's result.{% endblocktranslate %}</span>
      {% endfor %}{% blocktranslate count n=rows|length %}{{ n }} period shown.{% plural %}{{ n }} periods shown.{% endblocktranslate %}</p>
  </figcaption>
  {% if chart.dots or chart.partial_dots %}
  {% include "indicators/_line_chart.html" with labelledby=chart_id|add:"-title "|add:chart_id|add:"-summary" %}
  <p class="chart-legend"><span class="legend legend-series">{% translate "Coalition value" %}</span>
    {% if chart.target_y is not None %}<span class="legend legend-target">{% translate "Final target (dashed line)" %}</span>{% endif %}
    {% if chart.baseline_y is not None %}<span class="legend legend-baseline">{% translate "Baseline (dotted line)" %}</span>{% endif %}
    {% if chart.partial_dots %}<span class="legend legend-partial">{% translate "Partial period (hollow dot, not joined)" %}</span>{% endif %}</p>
  {% if collapsed %}<details class="chart-details"><summary>{% translate "Data of the chart" %}</summary>{% endif %}
  <div class="table-wrap">
  <table class="chart-data">
    <caption class="visually-hidden">{% blocktranslate %}Data of the chart: {{ title }}{% endblocktranslate %}</caption>
    <thead><tr><th scope="col">{% translate "Period" %}</th><th scope="col">{% translate "Coalition value" %}</th></tr></thead>
    <tbody>{% chart_table_rows rows fmt %}</tbody>
  </table>
  </div>
  {% if collapsed %}</details>{% endif %}
  {% endif %}
</figure>
"""

OLD_BADGE = """{% with s=tone|default:status|stringformat:"s"|lower %}{% if s == "ok" or s == "success" or s == "done" or s == "complete" or s == "completed" or s == "approved" or s == "validated" or s == "accepted" or s == "active" or s == "on_track" or s == "submitted" or s == "published" %}<span class="badge badge-success" data-status="{{ status }}"><span class="badge-symbol" aria-hidden="true">✓</span> {{ label }}</span>{% elif s == "warning" or s == "due" or s == "pending" or s == "late" or s == "at_risk" or s == "expiring" or s == "in_review" or s == "review" or s == "partial" %}<span class="badge badge-warning" data-status="{{ status }}"><span class="badge-symbol" aria-hidden="true">!</span> {{ label }}</span>{% elif s == "danger" or s == "error" or s == "overdue" or s == "rejected" or s == "missing" or s == "failed" or s == "expired" or s == "blocked" or s == "off_track" %}<span class="badge badge-danger" data-status="{{ status }}"><span class="badge-symbol" aria-hidden="true">✕</span> {{ label }}</span>{% elif s == "info" or s == "new" or s == "in_progress" or s == "open" or s == "planned" or s == "scheduled" or s == "sent" or s == "current" %}<span class="badge badge-info" data-status="{{ status }}"><span class="badge-symbol" aria-hidden="true">●</span> {{ label }}</span>{% else %}<span class="badge badge-neutral" data-status="{{ status }}"><span class="badge-symbol" aria-hidden="true">○</span> {{ label }}</span>{% endif %}{% endwith %}
"""

FORMATS = [
    ValueFormat("count", "familles", "families"), ValueFormat("amount"), ValueFormat("percentage"),
    ValueFormat("scale", levels=("bas", "moyen", "haut")), ValueFormat("yes_no"), ValueFormat("rate"),
]


def _points(n: int, kind: str):
    labels = [period_label("monthly", date(2025, m, 1), date(2025, m, 28)) for m in range(1, n + 1)]
    if kind == "yes_no":
        return [(label, Decimal(i % 2)) for i, label in enumerate(labels)]
    if kind == "scale":
        return [(label, Decimal(1 + i % 3)) for i, label in enumerate(labels)]
    return [(label, None if i == 2 else Decimal(1234 + 37 * i) / 7) for i, label in enumerate(labels)]


def _context(fmt: ValueFormat, n: int, *, partial_every: int, target, baseline, collapsed: bool) -> dict:
    points = _points(n, fmt.value_type)
    partial = {label: (3, 8) for i, (label, _v) in enumerate(points) if partial_every and i % partial_every == 1}
    rows = chart_rows(points, partial, straddling=[points[0][0]] if points else [])
    values = [v for label, v in points if v is not None and label not in partial]
    status = charts.trend_status(values, target, "higher")
    return {
        "chart_id": "r-ind-<1>", "title": "IND-1 — Familles & « enfants »", "rows": rows,
        "chart": charts.line_chart(points, target=target, baseline=baseline, partial=partial, fmt=fmt,
                                   width=640, height=240),
        "latest_row": latest_complete(rows), "partials": newer_partials(rows), "target": target, "fmt": fmt,
        "status": status, "status_word": trend_words(status)[0], "collapsed": collapsed,
    }


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.value_type)
@pytest.mark.parametrize("n,partial_every,target,baseline,collapsed", [
    (12, 0, Decimal("250"), Decimal("100"), False),
    (12, 3, None, None, True),
    (5, 1, Decimal("-3.5"), None, False),  # every other period partial, the newest too
    (1, 0, None, Decimal("2"), True),
    (0, 0, Decimal("7"), None, False),  # no value yet: no drawing
])
def test_the_chart_figure_writes_what_the_template_wrote(language, fmt, n, partial_every, target, baseline,
                                                        collapsed):
    with translation.override(language):
        context = _context(fmt, n, partial_every=partial_every, target=target, baseline=baseline,
                           collapsed=collapsed)
        expected = Template(OLD_CHART).render(Context(context))
        written = chart_figure(*(context[k] for k in ("chart_id", "title", "chart", "rows", "latest_row", "partials",
                                                      "target", "fmt", "status", "status_word", "collapsed")))
        through_include = Template('{% include "dashboards/_chart.html" %}').render(Context(context))
    assert written + "\n" == expected
    assert through_include == expected


@pytest.mark.parametrize("status,tone", [
    ("on_track", None), ("at_risk", ""), ("off_track", None), ("no_data", None), ("approved", "info"),
    ("returned", "danger"), ("DONE", None), (None, None), ("x<y", "neutral"), ("late", "warning"),
])
def test_the_status_badge_writes_what_its_template_wrote(status, tone):
    context = {"status": status, "label": "Libellé <b>", "tone": tone}
    expected = Template(OLD_BADGE).render(Context(context))
    assert status_badge(status, "Libellé <b>", tone) + "\n" == expected
    assert Template('{% include "includes/status_badge.html" %}').render(Context(context)) == expected
