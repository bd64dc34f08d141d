"""The entry grid: every value an organisation still has to report, one row per indicator and
period (and one per category), entered from the keyboard and saved row by row (htmx) through the
same form and service as the entry screen."""

from django import forms
from django.http import HttpResponseBadRequest
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from coalitions.dates import local_today
from coalitions.models import Organization
from coalitions.permissions import requires
from coalitions.web import call_service, paginate, parse_int, redirect_with_message

from ..forms import ValueForm
from ..models import ValueStatus
from ..permissions import VALUES_ENTER, acts_for_every_organization
from ..selectors import worklist
from ..services import values
from .entry import entry_organization

ROWS = 50  # cells per page of the grid, and the most one POST saves
NUMBERS = ("value", "numerator", "denominator", "weight")


def grid_form(cell, data=None) -> ValueForm:
    """The cell's ValueForm, its inputs tied to the row's <form id="f-<key>"> (they sit in other
    table cells), labelled with the indicator and the period, the comment on one line."""
    form = ValueForm(data, indicator=cell.indicator, prefix=cell.key, categories=cell.categories,
                     initial=ValueForm.initial_from(cell.value, cell.breakdown))
    form.fields["comment"].widget = forms.TextInput()
    where = f"{cell.indicator.code}, {cell.period.label}"
    for name, field in form.fields.items():
        column = name if name in NUMBERS or name == "comment" else "value"
        field.widget.attrs.update({
            "form": f"f-{cell.key}", "aria-label": f"{field.label} — {where}", "data-col": column,
            "aria-describedby": f"id_{cell.key}-{name}_e", "autocomplete": "off",
        })
        if name in NUMBERS or (name.startswith("category_") and isinstance(field.widget, forms.TextInput)):
            field.widget.attrs["inputmode"] = "decimal"
    return form


def _layout(cell, form) -> None:
    """What the template shows of the form: the number inputs of the row, the comment, and one
    row of inputs per category."""
    cell.form = form
    cell.numbers = [form[name] for name in NUMBERS if name in form.fields]
    cell.comment = form["comment"]
    cell.category_rows = []
    for category in form.categories:
        names = [n for n in (f"category_{category.pk}", f"category_{category.pk}_numerator",
                             f"category_{category.pk}_denominator") if n in form.fields]
        cell.category_rows.append((category, [form[n] for n in names]))
    cell.error_fields = [form[name] for name in form.fields if name not in ("source", "confidence")]
    # What no input of the row shows: the period locked, a hidden field tampered with.
    cell.problems = [*form.non_field_errors(), *form.errors.get("source", []), *form.errors.get("confidence", [])] \
        if form.is_bound else []


def _needs_saving(cell, form) -> bool:
    """A row is saved when its inputs changed, or when it holds a draft (saving submits it)."""
    return form.has_changed() or (cell.value is not None and cell.value.status == ValueStatus.DRAFT)


def _save(request, cell, form):
    """Save one row through the value service; the form keeps the errors. Returns the value or None."""
    if not form.is_valid():
        return None
    data = form.cleaned_data
    return call_service(
        form, values.value_save, actor=request.user, indicator=cell.indicator, period=cell.period,
        organization=cell.organization, value=data.get("value"), numerator=data.get("numerator"),
        denominator=data.get("denominator"), weight=data.get("weight"), comment=data["comment"],
        source=data["source"], confidence=data["confidence"], submit=True, categories=form.category_data(),
    )


@requires(VALUES_ENTER)
def entry_grid(request):
    organization = entry_organization(request)
    today = local_today(request.coalition)
    rows = worklist.grid(request.coalition, request.membership, organization, today)
    posted = {}
    if request.method == "POST":
        ids = [i for i in map(parse_int, request.POST.getlist("cell")) if i is not None][:ROWS]
        cells = worklist.cells(rows.filter(pk__in=ids), organization, today) if ids else []
        if request.htmx and len(cells) != 1:
            return HttpResponseBadRequest(_("This row is no longer open to entry. Reload the page."))
        saved = 0
        for cell in cells:
            form = grid_form(cell, request.POST)
            if not _needs_saving(cell, form):
                form = grid_form(cell)  # nothing entered or changed: no error either
            elif value := _save(request, cell, form):
                cell.saved, cell.value, cell.status = value, value, value.status
                saved += 1
                form = grid_form(cell)
            _layout(cell, form)
            posted[cell.period.pk] = cell
        if request.htmx:
            return render(request, "indicators/entry_grid.html#status", {"cell": cells[0], "oob": True})
        if posted and all(not c.form.errors for c in posted.values()):  # type: ignore[attr-defined]
            query = {"page": request.GET.get("page", "")} if request.GET.get("page") else {}
            if organization and acts_for_every_organization(request.membership):
                query["organization"] = organization.pk
            message = ngettext("%(count)s value submitted for review.", "%(count)s values submitted for review.",
                               saved) % {"count": saved}
            return redirect_with_message(request, "indicators:entry_grid", success=message, query=query or None)
    page = paginate(request, rows, ROWS)
    page.object_list = worklist.cells(page.object_list, organization, today)
    for index, cell in enumerate(page.object_list):
        if cell.period.pk in posted:
            page.object_list[index] = cell = posted[cell.period.pk]
        else:
            _layout(cell, grid_form(cell))
    choose = acts_for_every_organization(request.membership)
    return render(request, "indicators/entry_grid.html", {
        "page_obj": page, "organization": organization, "query": request.GET.urlencode(),
        "organizations": Organization.objects.filter(coalition=request.coalition).order_by("name") if choose else [],
        "chooses_organization": choose,
    })
