"""The French catalogues: complete, and consistent with each other.

Each app keeps its own catalogue, but gettext merges them into one namespace: the same
English text translated two ways would show one app's wording in the other's pages."""

from collections import defaultdict
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[1]
CATALOGUES = sorted([*ROOT.glob("locale/fr/LC_MESSAGES/django.po"), *ROOT.glob("*/locale/fr/LC_MESSAGES/django.po")])


def test_there_is_a_catalogue_per_app_and_one_for_the_site():
    apps = {p.relative_to(ROOT).parts[0] for p in CATALOGUES}
    assert apps >= {"locale", "coalitions", "conditions", "indicators", "coordination", "dashboards"}


def test_every_french_entry_is_translated_and_checked():
    for path in CATALOGUES:
        po = polib.pofile(str(path))
        assert not po.untranslated_entries(), f"{path}: {[e.msgid for e in po.untranslated_entries()][:5]}"
        assert not po.fuzzy_entries(), f"{path}: {[e.msgid for e in po.fuzzy_entries()][:5]}"


def test_the_same_text_is_translated_the_same_way_everywhere():
    translations = defaultdict(dict)
    for path in CATALOGUES:
        for entry in polib.pofile(str(path)).translated_entries():
            translations[(entry.msgctxt, entry.msgid)][path.relative_to(ROOT).parts[0]] = entry.msgstr
    conflicts = {key[1]: found for key, found in translations.items() if len(set(found.values())) > 1}
    assert not conflicts, f"Translate these the same way, or give them a context (pgettext): {conflicts}"
