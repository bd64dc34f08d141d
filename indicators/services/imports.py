"""The import of values from a file: every row checked first, then all written, or none."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from coalitions.dates import local_today
from coalitions.models import Organization
from coalitions.permissions import require_permission

from ..models import (
    DISAGGREGATED_TYPES,
    Category,
    Confidence,
    Indicator,
    Period,
)
from ..permissions import reportable_pairs
from ..transfer import category_header, category_key, column_key, fraction_header, is_category_header, is_unfilled
from .breakdown import category_numbers
from .import_write import write_values
from .plausibility import usual_medians
from .values import Preloaded, check_value


class ImportRejected(Exception):
    """The file has errors: nothing was saved. ``errors`` lists (row number, column, message)."""

    def __init__(self, errors: list[tuple[int, str, str]]):
        super().__init__(f"{len(errors)} error(s)")
        self.errors = errors


class _ImportCategories:
    """The category columns of an import and the categories they stand for. A column is
    headed "dimension : category" and applies to every indicator that has this category; a
    percentage's category has two, "dimension : category (numerator)" and "(denominator)"."""

    def __init__(self, coalition, rows: list[dict]):
        self.columns = list(dict.fromkeys(k for row in rows for k in row if is_category_header(k)))
        self.by_key, self.header = {}, {}
        categories = Category.objects.filter(coalition=coalition, indicator__value_type__in=DISAGGREGATED_TYPES)
        for category in categories.select_related("indicator"):
            header = category_header(category.dimension, category.label)
            self.header[f"category_{category.pk}"] = header
            parts = ("numerator", "denominator") if category.indicator.is_percentage else (None,)
            for part in parts:
                field = f"category_{category.pk}_{part}" if part else f"category_{category.pk}"
                if part:
                    self.header[field] = fraction_header(header, part)
                self.by_key[(category.indicator_id, category_key(header), part)] = (category, field)
        self.known = {(key, part) for _indicator, key, part in self.by_key}
        self.broken_down = {indicator for indicator, _key, _part in self.by_key}

    def unknown_columns(self) -> list[tuple[int, str, str]]:
        return [
            (1, column, _("No indicator has the category “%(column)s”. Head each category column "
                          "“dimension : category”, as in the template.") % {"column": column})
            for column in self.columns if column_key(column) not in self.known
        ]

    def of_row(self, number: int, indicator: Indicator, row: dict, errors: list) -> dict | None:
        """{category id: text} of the row's cells for its indicator's categories (an empty
        cell removes the category's value); for a percentage, {category id: (numerator,
        denominator)}. None when the file has none of these columns: the breakdown is left as
        it is, unless the indicator needs its categories to add up."""
        given: dict = {}
        for column in self.columns:
            key, part = column_key(column)
            found = self.by_key.get((indicator.pk, key, part))
            if found is not None:
                category, field = found
                self.header[field] = column
                if part:
                    given.setdefault(category.pk, {"numerator": "", "denominator": ""})[part] = row.get(column, "")
                else:
                    given[category.pk] = row.get(column, "")
            elif row.get(column) and (key, part) in self.known:
                errors.append((number, column, _("The indicator %(code)s is not broken down by “%(column)s”: "
                                                 "leave this cell empty.") % {"code": indicator.code,
                                                                              "column": column}))
        if given:
            return {pk: (raw["numerator"], raw["denominator"]) if isinstance(raw, dict) else raw
                    for pk, raw in given.items()}
        if indicator.pk in self.broken_down and indicator.requires_category_total:
            return {}
        return None

    def column(self, field: str) -> str:
        """The column of an error on ``category_<id>`` (or ``category_<id>_numerator``...), as
        headed in the file (or as it should be)."""
        return self.header.get(field, field)

    def breakdown(self, cleaned: dict | None) -> list[tuple[str, Decimal]]:
        """(category column, value) of a row's breakdown, a percentage's worked out."""
        return [(self.header[f"category_{pk}"], category_numbers(number)["value"])
                for pk, number in (cleaned or {}).items() if number is not None]


@dataclass
class Checked:
    """A file's checked values, ready to write (``import_write.write_values``): ``values``
    [row, indicator, period, organization, value, numerator, denominator, weight, comment,
    source, confidence, flagged, flag reason] and ``categories`` [indicator, period,
    organization, category, value, numerator, denominator] (an empty value removes the
    category), numbers as text; ``preview`` the first rows as shown; and the counts that
    explain them."""

    values: list = field(default_factory=list)
    categories: list = field(default_factory=list)
    preview: list = field(default_factory=list)
    rows_read: int = 0
    rows_empty: int = 0  # the rows without a value: blank, or template rows not filled in
    rows_notes: int = 0
    flagged: int = 0


PREVIEW_ROWS = 50
PROGRESS_EVERY = 2000


def _text(number) -> str | None:
    return None if number is None else str(number)


def values_check_import(*, actor, coalition, rows: list[dict], progress=None) -> Checked:
    """Validate every row of an import as the entry screen would, without writing: one pass
    over maps loaded beforehand (indicators, organisations, periods, categories, who reports
    what, the usual medians of plausibility in one query), a fixed number of queries whatever
    the number of rows. Returns the checked values; raises ImportRejected with every error.
    A row whose indicator cell starts with # is a note and is skipped; a row with no value (every
    cell empty, or a template row left as downloaded) is not filled and skipped too.
    ``progress(rows done)`` is called now and then."""
    membership = require_permission(actor, coalition, "indicators.values:import")
    indicators = {i.code.lower(): i for i in Indicator.objects.filter(coalition=coalition)}
    for each in indicators.values():
        each.coalition = coalition
    organizations = {o.name.lower(): o for o in Organization.objects.filter(coalition=coalition)}
    periods = {
        (p.indicator_id, p.start.isoformat()): p
        for p in Period.objects.filter(coalition=coalition).select_related("indicator")
    }
    categories = _ImportCategories(coalition, rows)
    preloaded = Preloaded(reportable=reportable_pairs(membership), today=local_today(coalition))
    for header in categories.by_key.values():
        preloaded.categories.setdefault(header[0].indicator_id, {})[header[0].pk] = header[0]
    checked = Checked(rows_read=len(rows))
    errors, found, seen = categories.unknown_columns(), [], set()
    for number, row in enumerate(rows, start=2):  # row 1 is the header
        row = {k: ("" if v is None else str(v)).strip() for k, v in row.items()}
        if row.get("indicator", "").startswith("#"):
            checked.rows_notes += 1
            continue
        if is_unfilled(row):
            checked.rows_empty += 1
            continue
        before = len(errors)
        indicator = indicators.get(row.get("indicator", "").lower())
        if indicator is None:
            errors.append((number, "indicator", _("Unknown indicator code.")))
        name = row.get("organization", "")
        organization = organizations.get(name.lower()) if name else None
        if name and organization is None:
            errors.append((number, "organization", _("Unknown organization.")))
        start = row.get("period_start", "")[:10]
        period = periods.get((indicator.pk, start)) if indicator else None
        if indicator and period is None:
            errors.append((number, "period_start", _("No period of this indicator starts on this date (YYYY-MM-DD).")))
        breakdown = categories.of_row(number, indicator, row, errors) if indicator else None
        if len(errors) > before or indicator is None or period is None:  # no error: both are known
            continue
        key = (indicator.pk, organization.pk if organization else None, period.pk)
        if key in seen:
            errors.append((number, "indicator", _("This value appears twice in the file.")))
            continue
        seen.add(key)
        found.append((number, row, indicator, organization, period, breakdown))
    preloaded.medians = usual_medians(coalition.pk, seen)
    for done, (number, row, indicator, organization, period, breakdown) in enumerate(found):
        if progress and done % PROGRESS_EVERY == 0:
            progress(done)
        try:
            fields = check_value(
                membership, indicator=indicator, period=period, organization=organization,
                value=row.get("value"), numerator=row.get("numerator"), denominator=row.get("denominator"),
                weight=row.get("weight"), comment=row.get("comment", ""), source=row.get("source", ""),
                confidence=row.get("confidence") or Confidence.HIGH, categories=breakdown, preloaded=preloaded,
            )
        except PermissionDenied:
            errors.append((number, "organization", _("You cannot report this indicator for this organization.")))
            continue
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for column, messages in error.message_dict.items():
                    errors.append((number, categories.column(column), " ".join(messages)))
            else:
                errors.append((number, "period_start", " ".join(error.messages)))
            continue
        if not errors:
            _keep(checked, number, indicator, period, organization, fields, categories)
    if errors:
        raise ImportRejected(sorted(errors, key=lambda error: error[0]))
    if not checked.values:
        raise ImportRejected([(1, "indicator", _("The file has no value to import."))])
    return checked


def _keep(checked: Checked, number: int, indicator, period, organization, fields: dict, categories) -> None:
    """Add one checked value (and its breakdown) to what will be written."""
    organization_id = organization.pk if organization else None
    checked.values.append([
        number, indicator.pk, period.pk, organization_id, _text(fields["value"]), _text(fields["numerator"]),
        _text(fields["denominator"]), _text(fields["weight"]), fields["comment"], fields["source"],
        fields["confidence"], fields["is_flagged"], fields["flag_reason"]])
    checked.flagged += fields["is_flagged"]
    for pk, number_of in (fields["categories"] or {}).items():
        numbers = category_numbers(number_of) if number_of is not None else {}
        checked.categories.append([indicator.pk, period.pk, organization_id, pk, _text(numbers.get("value")),
                                   _text(numbers.get("numerator")), _text(numbers.get("denominator"))])
    if len(checked.preview) < PREVIEW_ROWS:
        checked.preview.append({
            "row": number, "indicator": indicator.pk, "period": period.pk,
            "organization": organization.name if organization else "", "value": _text(fields["value"]),
            "flag_reason": fields["flag_reason"], "comment": fields["comment"],
            "breakdown": [[column, _text(value)] for column, value in categories.breakdown(fields["categories"])],
        })


@transaction.atomic
def values_import(*, actor, coalition, rows: list[dict]) -> int:
    """Save every row of an import, or none: each is checked first, then all are written in
    a fixed number of statements (``import_write.write_values``). Uploading the same file
    again changes nothing. Returns the values changed."""
    checked = values_check_import(actor=actor, coalition=coalition, rows=rows)
    written = write_values(actor=actor, coalition=coalition, values=checked.values, categories=checked.categories)
    return written.created + written.changed
