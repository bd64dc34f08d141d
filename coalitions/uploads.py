"""Uploaded files: every one is hostile until it is checked or parsed within fixed bounds.

A file's name says nothing about its content, and a 200 KB zip can inflate to gigabytes of XML.
Every upload path goes through here:
- ``check_stored_file``: a file kept as is (attachments, library) has an accepted extension,
  a bounded size and content that matches the extension (magic bytes; office files are sane zips).
- ``workbook_rows``: the rows of an uploaded .xlsx, refused before openpyxl parses anything if the
  archive inflates too much, then read through a byte meter, with every row and column bounded.
- ``decode_text`` and ``csv_rows``: an uploaded CSV, with bounded lines and fields.
Each refusal is an ``UploadRefused`` whose message is translated and meant for the person who uploaded.

- ``BodyCeilingUploadHandler``: the multipart body itself is capped while it arrives (Django would
  spool any size to disk); the reverse proxy should refuse it first (README, production section)."""

import csv
import io
import itertools
import re
import zipfile
from xml.parsers import expat

from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler
from django.utils.translation import gettext as _

# The whole multipart body, as the reverse proxy's limit (README): above the largest accepted file
# (10 MB) with room for the form around it, so files just over a limit still get their message.
REQUEST_MAX_BYTES = 12 * 1024 * 1024

# Archives (.xlsx, .docx, .odt, ...): checked on the central directory, before anything inflates.
ZIP_MAX_MEMBERS = 1000
ZIP_MAX_UNCOMPRESSED = 100 * 1024 * 1024  # a stored office document, all members together
WORKBOOK_MAX_UNCOMPRESSED = 25 * 1024 * 1024  # an uploaded workbook that will be parsed
# Deflate reaches ~1000:1 on repeated XML; real office files stay well under 100:1. As Apache POI's
# ZipSecureFile (minimum inflate ratio 0.01), small members are not judged on their ratio.
ZIP_MAX_RATIO = 100
ZIP_RATIO_GRACE_BYTES = 100 * 1024

# XML inside a workbook: what openpyxl would otherwise build in memory.
XML_MAX_DEPTH = 64
XML_MAX_CHILDREN = 100_000  # rows of a sheet, strings of the shared-strings table, ...
XML_MAX_ELEMENTS = 2_000_000  # all members together
XML_STARTS = (b"<", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00<")  # with or without a byte-order mark

# Tables (a sheet or a CSV file).
TABLE_MAX_COLUMNS = 500
CSV_MAX_LINE_CHARS = 64 * 1024

PDF, PNG, JPEG, OOXML, ODF, OLE, TEXT = "pdf", "png", "jpeg", "ooxml", "odf", "ole", "text"
CONTENT_KINDS = {
    "pdf": PDF, "png": PNG, "jpg": JPEG, "jpeg": JPEG,
    "docx": OOXML, "xlsx": OOXML, "pptx": OOXML, "odt": ODF, "ods": ODF, "odp": ODF,
    "doc": OLE, "xls": OLE, "ppt": OLE, "txt": TEXT, "csv": TEXT,
}
SIGNATURES = {PNG: b"\x89PNG\r\n\x1a\n", JPEG: b"\xff\xd8\xff", OLE: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"}
PDF_HEADER_WINDOW = 1024  # readers accept the %PDF- header anywhere in the first kilobyte
# Bytes no text file holds (tab, line feed, form feed and carriage return are text).
BINARY_BYTES = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")
CHUNK = 64 * 1024


class UploadRefused(Exception):
    """The file cannot be accepted; ``str(error)`` says why, in the person's language."""


def _bomb() -> UploadRefused:
    return UploadRefused(_("This file inflates abnormally when opened and is refused. Save it again from its "
                           "application and upload it again."))


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".replace(".", ",")


# Files kept as uploaded --------------------------------------------------------------------

def extension_of(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in (name or "") else ""


def check_stored_file(upload, *, extensions, max_bytes: int) -> None:
    """Refuse a file to be stored unless its extension is accepted, its size is within
    ``max_bytes`` and its content is what the extension says."""
    extension = extension_of(upload.name)
    if extension not in extensions:
        raise UploadRefused(_("Files of type “%(ext)s” are not accepted. Accepted types: %(types)s.") % {
            "ext": extension or "?", "types": ", ".join(sorted(extensions))})
    if upload.size > max_bytes:
        raise UploadRefused(_("The file weighs %(size)s MB; the limit is %(limit)s MB.") % {
            "size": _megabytes(upload.size), "limit": max_bytes // 1024 // 1024})
    try:
        matches = _content_matches(upload, CONTENT_KINDS[extension], max_bytes)
    finally:
        upload.seek(0)
    if not matches:
        raise UploadRefused(_("The content of this file is not a “%(ext)s” file. Check the file and upload it "
                              "again.") % {"ext": extension})


def _content_matches(upload, kind: str, max_bytes: int) -> bool:
    upload.seek(0)
    head = upload.read(PDF_HEADER_WINDOW)
    if kind == PDF:
        return b"%PDF-" in head
    if kind in SIGNATURES:
        return head.startswith(SIGNATURES[kind])
    if kind in (OOXML, ODF):
        if not head.startswith(b"PK\x03\x04"):
            return False
        upload.seek(0)
        with open_archive(upload, max_uncompressed=ZIP_MAX_UNCOMPRESSED) as archive:
            names = set(archive.namelist())
        return ("[Content_Types].xml" if kind == OOXML else "mimetype") in names
    upload.seek(0)
    return is_text(upload.read(max_bytes + 1))


def is_text(data: bytes) -> bool:
    """Plain text in UTF-8, UTF-16 with its byte-order mark, or Windows-1252: no control bytes."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            data = data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            return False
    return not BINARY_BYTES.search(data)


class BodyCeilingUploadHandler(FileUploadHandler):
    """First of FILE_UPLOAD_HANDLERS: refuses (400) a multipart body over REQUEST_MAX_BYTES while it
    arrives, before Django spools it to disk. Django bounds form fields, never files; the proxy
    should refuse such a body first (413), this holds when it does not."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        if content_length > REQUEST_MAX_BYTES:
            raise RequestDataTooBig("Request body exceeded coalitions.uploads.REQUEST_MAX_BYTES.")
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)  # the declared length may be absent or false
        if self.received > REQUEST_MAX_BYTES:
            raise RequestDataTooBig("Request body exceeded coalitions.uploads.REQUEST_MAX_BYTES.")
        return raw_data

    def file_complete(self, file_size):
        return None


# Zip archives --------------------------------------------------------------------------------

def open_archive(stream, *, max_uncompressed: int) -> "MeteredZipFile":
    """A zip whose central directory promises bounded inflation; every byte read from it is
    metered as well, since the sizes in the directory are written by the sender."""
    try:
        archive = MeteredZipFile(stream, budget=max_uncompressed)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as error:
        raise UploadRefused(_("This file is damaged or is not the kind of file its name says.")) from error
    members = archive.infolist()
    if len(members) > ZIP_MAX_MEMBERS or sum(m.file_size for m in members) > max_uncompressed or any(
            m.file_size > ZIP_RATIO_GRACE_BYTES and m.file_size > ZIP_MAX_RATIO * max(m.compress_size, 1)
            for m in members):
        archive.close()
        raise _bomb()
    return archive


class MeteredZipFile(zipfile.ZipFile):
    """A ZipFile that refuses to inflate more than ``budget`` bytes over all its reads."""

    def __init__(self, *args, budget: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.budget = budget

    def open(self, name, mode="r", pwd=None, **kwargs):
        stream = super().open(name, mode, pwd, **kwargs)
        return _Meter(stream, self) if mode == "r" else stream


class _Meter(io.RawIOBase):
    def __init__(self, stream, archive: MeteredZipFile):
        self.stream, self.archive = stream, archive

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self.stream.read(min(len(buffer), CHUNK))
        self.archive.budget -= len(data)
        if self.archive.budget < 0:
            raise _bomb()
        buffer[:len(data)] = data
        return len(data)

    def close(self) -> None:
        self.stream.close()
        super().close()


# XML inside archives ----------------------------------------------------------------------------

class _XMLShape:
    """Walks an XML stream with expat, without building it, refusing what no office file holds:
    a DTD (entity expansion), deep nesting, an element with too many children, too many elements.
    ``max_children_of`` narrows the children of some elements (by local name)."""

    def __init__(self, max_children_of: dict[str, int]):
        self.max_children_of = max_children_of
        self.elements = 0

    def walk(self, chunks) -> None:
        stack: list[list] = []  # [local name, children so far] of each open element
        parser = expat.ParserCreate()

        def start(name, _attributes):
            self.elements += 1
            if self.elements > XML_MAX_ELEMENTS or len(stack) >= XML_MAX_DEPTH:
                raise _bomb()
            if stack:
                parent = stack[-1]
                parent[1] += 1
                if parent[1] > self.max_children_of.get(parent[0], XML_MAX_CHILDREN):
                    raise self.too_many_children(parent[0])
            stack.append([name.rsplit(":", 1)[-1], 0])

        def refuse_dtd(*_args):
            raise _bomb()

        parser.StartElementHandler = start
        parser.EndElementHandler = lambda _name: stack.pop()
        parser.StartDoctypeDeclHandler = refuse_dtd
        parser.EntityDeclHandler = refuse_dtd
        for chunk in chunks:
            parser.Parse(chunk, False)
        parser.Parse(b"", True)

    def too_many_children(self, local: str) -> UploadRefused:
        if local == "row":
            return UploadRefused(_("A row of the file has more than %(max)s cells.") % {
                "max": self.max_children_of["row"]})
        return _bomb()


def workbook_rows(data: bytes, *, max_rows: int, max_columns: int = TABLE_MAX_COLUMNS):
    """The rows of an uploaded .xlsx's first sheet, as tuples of values: at most ``max_rows``;
    the header without its trailing empty cells and at most ``max_columns`` wide; no row wider
    than the header. Raises UploadRefused for a bomb, and whatever openpyxl raises on a broken
    file (the caller turns that into its own message)."""
    from openpyxl.reader.excel import ExcelReader

    with open_archive(io.BytesIO(data), max_uncompressed=WORKBOOK_MAX_UNCOMPRESSED) as archive:
        shape = _XMLShape(max_children_of={"row": max_columns})
        for name in archive.namelist():  # by content: a part's name need not end in .xml
            with archive.open(name) as member:
                head = member.read(CHUNK)
                if not head.lstrip().startswith(XML_STARTS):
                    continue  # an image or binary part, which no XML parser would read either
                try:
                    shape.walk(itertools.chain([head], iter(lambda: member.read(CHUNK), b"")))
                except expat.ExpatError as error:
                    raise UploadRefused(_("This file is damaged or is not the kind of file its name "
                                          "says.")) from error
    reader = ExcelReader(io.BytesIO(data), read_only=True, data_only=True)
    reader.archive.close()
    reader.archive = MeteredZipFile(io.BytesIO(data), budget=WORKBOOK_MAX_UNCOMPRESSED)
    try:
        reader.read()
        sheet = reader.wb.worksheets[0]
        # openpyxl pads every row to the declared width or to its last cell's column (up to 16 384):
        # a table is as wide as its header, itself bounded.
        header = next(sheet.iter_rows(max_row=1, max_col=max_columns, values_only=True), None)
        if header is None:  # an empty sheet
            return
        while header and header[-1] is None:
            header = header[:-1]
        yield header
        yield from sheet.iter_rows(min_row=2, max_row=max_rows, max_col=max(len(header), 1), values_only=True)
    finally:
        reader.archive.close()


# CSV ---------------------------------------------------------------------------------------------

def decode_text(data: bytes) -> str:
    """The text of an uploaded CSV: UTF-8 (with or without its mark), else Windows-1252 as Excel saves it."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as error:
            raise UploadRefused(_("The file's characters cannot be read. Save it as CSV UTF-8.")) from error
    if "\x00" in text:
        raise UploadRefused(_("This is not a CSV file."))
    return text


def csv_rows(text: str, *, max_columns: int = TABLE_MAX_COLUMNS):
    """The rows of a CSV text, delimiter "," or ";" (whichever the first line has more of); a line
    longer than CSV_MAX_LINE_CHARS or a row of more than ``max_columns`` fields is refused
    before the csv module splits it."""
    first_line = text[:CSV_MAX_LINE_CHARS + 1].partition("\n")[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","

    def lines():
        for line in io.StringIO(text, newline=""):
            if len(line) > CSV_MAX_LINE_CHARS:
                raise UploadRefused(_("A line of the file is longer than %(max)s characters.") % {
                    "max": CSV_MAX_LINE_CHARS})
            yield line

    try:
        for row in csv.reader(lines(), delimiter=delimiter):
            if len(row) > max_columns:
                raise UploadRefused(_("A row of the file has more than %(max)s cells.") % {"max": max_columns})
            yield row
    except csv.Error as error:
        raise UploadRefused(_("This CSV file cannot be read: %(error)s") % {"error": error}) from error
