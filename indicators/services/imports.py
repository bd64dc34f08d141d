"""The import of values from a file: every row checked first, then all written, or none."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from coalitions.models import Organization
from coalitions.permissions import require_permission

from ..models import (
    DISAGGREGATED_TYPES,
    Category,
    Confidence,
    Indicator,
    IndicatorValue,
    Period,
)
from ..transfer import category_header, category_key, column_key, fraction_header, is_category_header
from .breakdown import category_numbers
from .values import check_value, write_value


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


def values_check_import(*, actor, coalition, rows: list[dict]) -> list[dict]:
    """Validate every row of an import as the entry screen would, without writing.
    Returns the rows resolved to objects; raises ImportRejected with every error.
    A row whose indicator cell starts with # is a note and is skipped."""
    membership = require_permission(actor, coalition, "indicators.values:import")
    indicators = {i.code.lower(): i for i in Indicator.objects.filter(coalition=coalition)}
    organizations = {o.name.lower(): o for o in Organization.objects.filter(coalition=coalition)}
    periods = {
        (p.indicator_id, p.start.isoformat()): p
        for p in Period.objects.filter(coalition=coalition).select_related("indicator")
    }
    categories = _ImportCategories(coalition, rows)
    errors, resolved, seen = categories.unknown_columns(), [], set()
    for number, row in enumerate(rows, start=2):  # row 1 is the header
        row = {k: ("" if v is None else str(v)).strip() for k, v in row.items()}
        if not any(row.values()) or row.get("indicator", "").startswith("#"):
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
        key = (indicator.pk, period.pk, organization.pk if organization else None)
        if key in seen:
            errors.append((number, "indicator", _("This value appears twice in the file.")))
            continue
        seen.add(key)
        try:
            fields = check_value(
                membership, indicator=indicator, period=period, organization=organization,
                value=row.get("value"), numerator=row.get("numerator"), denominator=row.get("denominator"),
                weight=row.get("weight"), comment=row.get("comment", ""), source=row.get("source", ""),
                confidence=row.get("confidence") or Confidence.HIGH, categories=breakdown,
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
        resolved.append({"row": number, "indicator": indicator, "period": period, "organization": organization,
                         "fields": fields, "breakdown": categories.breakdown(fields["categories"])})
    if errors:
        raise ImportRejected(errors)
    if not resolved:
        raise ImportRejected([(1, "indicator", _("The file has no value to import."))])
    return resolved


@transaction.atomic
def values_import(*, actor, coalition, rows: list[dict]) -> int:
    """Save every row of an import, or none: each is checked first, then all are written in
    one transaction. Uploading the same file again changes nothing. Returns the values changed."""
    resolved = values_check_import(actor=actor, coalition=coalition, rows=rows)
    changed = 0
    for item in resolved:
        before = IndicatorValue.objects.filter(
            indicator=item["indicator"], period=item["period"], organization=item["organization"],
            category__isnull=True,
        ).values_list("updated_at", flat=True).first()
        row = write_value(actor, indicator=item["indicator"], period=item["period"],
                           organization=item["organization"], fields=item["fields"], submit=True)
        changed += int(row.updated_at != before)
    return changed
