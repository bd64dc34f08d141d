"""The badge written in Python (``{% status_badge %}``) is the badge of includes/status_badge.html."""

import pytest
from django.template import engines

from coalitions.templatetags.coalition_tags import BADGE_OF

TEMPLATE = engines["django"].from_string(
    '{% include "includes/status_badge.html" with status=status label=label tone=tone %}')
TAG = engines["django"].from_string("{% load coalition_tags %}{% status_badge status label tone %}")

CASES = [(status, "", "Libellé") for status in [*BADGE_OF, "draft", "cancelled", "Late", ""]] + [
    ("returned", "danger", "Retournée"), ("on_time", "success", "À temps"), ("late", "", "<b>En retard</b>"),
    ("submitted", "info", "Soumise"), ("no_data", "neutral", "Aucune donnée"), ("due", None, "À déclarer"),
]


@pytest.mark.parametrize("status,tone,label", CASES)
def test_the_tag_writes_what_the_include_writes(status, tone, label):
    context = {"status": status, "tone": tone, "label": label}
    assert TAG.render(context) == TEMPLATE.render(context)


def test_each_tone_has_its_symbol_and_the_label_is_escaped():
    html = TAG.render({"status": "late", "tone": "", "label": "<b>En retard</b>"})
    assert 'class="badge badge-warning" data-status="late"' in html and "!" in html
    assert "&lt;b&gt;En retard&lt;/b&gt;" in html
