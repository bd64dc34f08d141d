"""{% chart_figure %}: the accessible chart of templates/dashboards/_chart.html (a title, a text
summary, the SVG and its data table), written in Python. A year report draws one per
indicator, a hundred at 100 indicators (issue 12): as an include, its template nodes, badge and
translated sentences took most of the page's time. The markup is the template's, character for
character (tests/dashboards/test_chart_figures.py renders both)."""

from django import template
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext, ngettext

from coalitions.templatetags.coalition_tags import status_badge
from indicators.formatting import value_formatter
from indicators.templatetags.measurement import chart_table_rows, line_chart_svg

from .. import figures

register = template.Library()


def _e(value) -> str:
    return conditional_escape(value)


def _t(message: str) -> str:
    """What {% translate message %} writes: the translation, escaped."""
    return conditional_escape(gettext(message))


@register.simple_tag
def chart_figure(chart_id, title, chart, rows, latest_row, partials, target, fmt, status, status_word,
                 collapsed=False) -> str:
    """What dashboards/_chart.html says it shows, with the same arguments."""
    text_of = value_formatter(fmt)
    cid = _e(chart_id)
    if latest_row:
        latest = gettext("Latest coalition value: %(value)s (%(period)s).") % {
            "value": _e(text_of(latest_row["value"])), "period": _e(latest_row["label"])}
    elif partials:
        latest = _t("No complete period yet.")
    else:
        latest = _t("No approved value yet.")
    target_text = "" if target is None else gettext("Final target: %(value)s.") % {"value": _e(text_of(target))}
    partial_texts = "".join(
        '<span class="partial-note">'
        + gettext("%(period)s (%(note)s): %(value)s so far, not yet the coalition's result.") % {
            "period": _e(row["label"]), "note": _e(row["note"]), "value": _e(text_of(row["value"]))}
        + "</span>\n      "
        for row in partials)
    count = len(rows)
    shown = ngettext("%(n)s period shown.", "%(n)s periods shown.", count) % {"n": _e(localize(count))}
    out = [
        f'<figure class="chart dashboard-chart" aria-labelledby="{cid}-title">\n  <figcaption>\n'
        f'    <h3 class="chart-title" id="{cid}-title">{_e(title)}</h3>\n'
        f'    <p class="chart-summary" id="{cid}-summary">{status_badge(status, status_word)}\n\n'
        f'      {latest}\n      {target_text}\n      {partial_texts}{shown}</p>\n  </figcaption>\n  ',
    ]
    if chart.dots or chart.partial_dots:
        legend_target = (f'<span class="legend legend-target">{_t("Final target (dashed line)")}</span>'
                         if chart.target_y is not None else "")
        legend_baseline = (f'<span class="legend legend-baseline">{_t("Baseline (dotted line)")}</span>'
                           if chart.baseline_y is not None else "")
        legend_partial = (f'<span class="legend legend-partial">{_t("Partial period (hollow dot, not joined)")}'
                          '</span>' if chart.partial_dots else "")
        caption = gettext("Data of the chart: %(title)s") % {"title": _e(title)}
        details = (f'<details class="chart-details"><summary>{_t("Data of the chart")}</summary>'
                   if collapsed else "")
        labelledby = f"{chart_id}-title {chart_id}-summary"
        out.append(
            f"\n  {line_chart_svg(chart, fmt, labelledby)}\n\n"
            f'  <p class="chart-legend"><span class="legend legend-series">{_t("Coalition value")}</span>\n'
            f"    {legend_target}\n    {legend_baseline}\n    {legend_partial}</p>\n"
            f"  {details}\n"
            f'  <div class="table-wrap">\n  <table class="chart-data">\n'
            f'    <caption class="visually-hidden">{caption}</caption>\n'
            f'    <thead><tr><th scope="col">{_t("Period")}</th>'
            f'<th scope="col">{_t("Coalition value")}</th></tr></thead>\n'
            f"    <tbody>{chart_table_rows(rows, fmt)}</tbody>\n  </table>\n  </div>\n"
            f'  {"</details>" if collapsed else ""}\n  '
        )
    out.append("\n</figure>")
    return mark_safe("".join(out))  # noqa: S308 (every text above is escaped)


@register.simple_tag
def report_chart(item) -> str:
    """The chart of one indicator of a report (dashboards.reports.decorate), as
    _report_body.html drew it with _chart.html; rendered once for what it shows
    (dashboards.figures: ``decorate`` found it in the cache, or it is kept there now)."""
    if item.get("figure") is not None:
        return mark_safe(item["figure"])  # noqa: S308 (written below, escaped there)
    html = chart_figure(slugify("r-" + str(item["code"])), f'{item["code"]} — {item["name"]}', item["chart"],
                        item["rows"], item["latest_row"], item["partials"], item["target"], item, item["status"],
                        item["status_word"])
    if item.get("figure_key"):
        figures.keep(item["figure_key"], str(html))
    return html
