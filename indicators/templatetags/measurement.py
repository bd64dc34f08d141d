from html import escape

from django import template
from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils.formats import localize
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from coalitions.templatetags.coalition_tags import status_badge

from ..formatting import format_number, format_tick, format_value, value_formatter
from ..selectors import suppression

register = template.Library()

STATUS_LABELS = {
    "open": _("Open"),
    "due": _("To report"),
    "late": _("Late"),
    "draft": _("Draft"),
    "submitted": _("Submitted"),
    "returned": _("Returned"),
    "approved": _("Approved"),
    "on_time": _("On time"),
    "missing": _("Missing"),
    "on_track": _("On track"),
    "at_risk": _("At risk"),
    "off_track": _("Off track"),
    "no_data": _("No data"),
}
# status -> tone of includes/status_badge.html, where the default tone would mislead
TONES = {"returned": "danger", "on_time": "success", "submitted": "info", "open": "info", "due": "warning",
         "no_data": "neutral", "draft": "neutral"}


@register.filter
def status_label(status: str) -> str:
    return STATUS_LABELS.get(status, status)


@register.filter
def status_tone(status: str) -> str:
    return TONES.get(status, status)


@register.filter
def num(value, places: int = 2) -> str:
    """A plain number in the reader's language ("1 234,5" in French), without trailing zeros."""
    try:
        places = int(places)
    except (TypeError, ValueError):
        places = 2
    return format_number(value, places)


@register.filter
def count_shown(value, places: int = 2) -> str:
    """A number as funders may see it: the words of a hidden small count (« moins de 5 », see
    indicators.selectors.suppression), else the number as ``num`` writes it."""
    if suppression.is_hidden(value):
        return str(suppression.shown(value))
    return num(value, places)


@register.filter
def measure(value, indicator) -> str:
    """A value of ``indicator`` (an Indicator or a frozen report's indicator) with its unit:
    "45 %", "1 234,50 $", "12 familles" (indicators.formatting.format_value)."""
    return format_value(value, indicator)


@register.filter
def tick(value, indicator) -> str:
    """A chart axis label of ``indicator``'s values."""
    return format_tick(value, indicator)


def _n(number) -> str:
    """A coordinate as ``{% localize off %}`` writes it (no grouping, a dot)."""
    return str(number)


@register.simple_tag
def line_chart_svg(chart, fmt, labelledby) -> str:
    """The SVG of a line chart (indicators/_line_chart.html says what it holds), written in
    Python: a report draws a hundred of them, and the template engine took seconds at 100
    indicators (issue 12) for markup whose every value is a number or an escaped text."""
    left, width, height = chart.left, chart.width, chart.height
    text_of = value_formatter(fmt)
    out = [f'<svg viewBox="0 0 {_n(width)} {_n(height)}" width="100%" preserveAspectRatio="xMidYMid meet" '
           f'role="img" aria-labelledby="{escape(labelledby)}" class="line-chart">\n  ']
    out += [f'<line class="grid" x1="{_n(left)}" x2="{_n(width)}" y1="{_n(y)}" y2="{_n(y)}"/><text class="tick" '
            f'x="{_n(left - 6)}" y="{_n(y)}" text-anchor="end" dominant-baseline="middle">{escape(label)}</text>'
            for y, label in chart.ticks]
    out.append("\n  ")
    out += [f'<text class="tick tick-wide" x="{_n(x)}" y="{_n(height - 12)}" text-anchor="{escape(anchor)}">'
            f'{escape(label)}</text>' for x, label, anchor in chart.labels]
    out.append("\n  ")
    out += [f'<text class="tick tick-narrow" x="{_n(x)}" y="{_n(height - 8)}" text-anchor="{escape(anchor)}" '
            f'aria-hidden="true">{escape(label)}</text>' for x, label, anchor in chart.narrow_labels]
    out.append("\n  ")
    for kind, y in (("baseline", chart.baseline_y), ("target", chart.target_y)):
        if y is not None:
            out.append(f'<line class="{kind}" x1="{_n(left)}" x2="{_n(width)}" y1="{_n(y)}" y2="{_n(y)}"/>')
        out.append("\n  ")
    out.append(f'<polyline class="series" points="{escape(chart.line)}"/>\n  ')
    out += [f'<circle class="dot" cx="{_n(x)}" cy="{_n(y)}" r="3.5"><title>{escape(label)} : '
            f'{escape(text_of(value))}</title></circle>' for x, y, label, value in chart.dots]
    out.append("\n  ")
    if chart.partial_dots:
        period, word = escape(gettext("partial period")), escape(gettext("partial"))
        out += [f'<circle class="dot-partial" cx="{_n(x)}" cy="{_n(y)}" r="4.5"><title>{escape(label)} : '
                f'{escape(text_of(value))} ({period})</title></circle><text class="partial-label" '
                f'x="{_n(x)}" y="{_n(text_y)}" text-anchor="{escape(anchor)}">{word}</text>'
                for x, y, label, value, text_y, anchor in chart.partial_dots]
    out.append("\n</svg>")
    return mark_safe("".join(out))  # noqa: S308 (every text above is escaped)


@register.simple_tag
def chart_table_rows(rows, fmt) -> str:
    """The body rows of a chart's data table (dashboards/_chart.html): each period's label and
    value, its straddling mark and partial note; in Python for the same reason as the SVG."""
    straddling = f' <span class="muted">({escape(gettext("straddling period"))})</span>'
    text_of = value_formatter(fmt)
    out = []
    for row in rows:
        partial = row["partial"]
        note = f' <span class="partial-note">({escape(str(row["note"]))})</span>' if partial else ""
        out.append(
            ('<tr class="partial-row">' if partial else "<tr>")
            + f'<th scope="row">{escape(str(row["label"]))}{straddling if row["straddling"] else ""}</th>'
            + f'<td>{escape(text_of(row["value"]))}{note}</td></tr>')
    return mark_safe("".join(out))  # noqa: S308 (every text is escaped)


@register.simple_tag
def board_cells(cells) -> str:
    """The cells of a row of the completeness board (indicators/completeness.html): each
    period's status badge, or a dash for a period the organisation does not owe. In Python:
    the board shows 25 organisations x 12 periods."""
    not_owed = ('<span aria-hidden="true">—</span><span class="visually-hidden">'
                + gettext("Not owed: the organization reports from a later period") + "</span>")
    return mark_safe("".join(  # noqa: S308 (status_badge escapes its texts)
        f"<td>{status_badge(status, status_label(status), status_tone(status)) if status else not_owed}</td>"
        for _period, status in cells))


NOTE_PK = 987654321987  # a period number no address holds but the one it stands for


@register.simple_tag
def period_value_rows(rows, indicator, can_write_notes, slug) -> str:
    """The rows of an indicator page's table of periods (indicators/indicator_detail.html), the
    newest first: each period's coalition value (and partial note), target, organisations
    reporting, learning note and the link to write it. In Python: a monthly indicator shows
    sixty periods after five years."""
    if not rows:
        return mark_safe(f'<tr><td colspan="5">{gettext("No period has started yet.")}</td></tr>')  # noqa: S308
    # (a template's constant text and its translation are not escaped: the translators' own)
    learned, worked, did_not_work = (gettext(text) for text in ("What we learned", "What worked", "What did not work"))
    edit, write = gettext("Edit the note"), gettext("Write the note")
    # one reverse() for the sixty links: the address of period NOTE_PK, its number swapped in each row
    pattern = escape(reverse("indicators:note_edit", args=[slug, NOTE_PK])) if can_write_notes else ""
    out = []
    for row in reversed(rows):
        period, rollup, note = row["period"], row["rollup"], row["note"]
        label = escape(str(period.label))
        partial = f' <span class="partial-note">({escape(str(row["partial"]))})</span>' if row["partial"] else ""
        reporting = gettext("%(n)s of %(m)s") % {"n": escape(localize(rollup.reported_count)),
                                                 "m": escape(localize(rollup.expected_count))} if rollup else "—"
        story = ""
        if note:
            story = f"<p><strong>{learned}</strong> — {linebreaksbr(note.learned, autoescape=True)}</p>\n      "
            if note.worked:
                story += f"<p><strong>{worked}</strong> — {linebreaksbr(note.worked, autoescape=True)}</p>"
            story += "\n      "
            if note.did_not_work:
                story += f"<p><strong>{did_not_work}</strong> — {linebreaksbr(note.did_not_work, autoescape=True)}</p>"
        link = ""
        if can_write_notes:
            url = pattern.replace(str(NOTE_PK), str(period.pk))
            link = (f'<a href="{url}">{edit if note else write}<span class="visually-hidden"> — {label}</span></a>')
        value = escape(format_value(rollup.value if rollup else None, indicator))
        out.append(
            f'<tr>\n    <th scope="row">{label}</th>\n    <td class="coalition-value">{value}{partial}</td>\n'
            f'    <td>{escape(format_value(row["target"], indicator))}</td>\n    <td>{reporting}</td>\n'
            f"    <td>{story}\n      {link}</td>\n  </tr>")
    return mark_safe("".join(out))  # noqa: S308 (every text is escaped)
