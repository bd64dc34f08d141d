"""CSV answers of the list endpoints that analysts read from a spreadsheet (values, rollups):
``Accept: text/csv`` or ``?format=csv``. Every row of the filters, not one page, streamed;
the columns are the JSON fields; text that a spreadsheet would run as a formula is quoted
(coalitions.spreadsheets)."""

from rest_framework.renderers import BaseRenderer

from coalitions.spreadsheets import csv_lines, csv_response


class CSVRenderer(BaseRenderer):
    """Chosen by content negotiation; a list answers with ``stream`` below, so this renders only
    the answer of a single object (a POST asked in CSV): its fields, then its values."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if not isinstance(data, dict):
            return b""
        return "".join(csv_lines([list(data), [_cell(v) for v in data.values()]])).encode()


def _cell(value):
    if isinstance(value, list | dict):
        return " ".join(str(item) for item in value)
    return value


def stream(view, filename: str):
    """Every row of ``view``'s queryset as CSV, read in chunks from a server-side cursor after the
    view returns, while the answer is sent (``csv_response`` keeps the scope and language)."""
    request = view.request
    queryset = view.get_queryset()
    serializer_class, context = view.get_serializer_class(), view.get_serializer_context()
    fields = list(serializer_class(context=context).fields)
    coalition = request.coalition

    def rows():
        yield fields
        objects = view.csv_objects(queryset) if hasattr(view, "csv_objects") else queryset.iterator(chunk_size=2000)
        for obj in objects:
            data = serializer_class(obj, context=context).data
            yield [_cell(data[name]) for name in fields]

    return csv_response(rows(), f"{filename}-{coalition.slug}")
