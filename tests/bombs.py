"""Hostile files, generated small on disk: decompression bombs and files lying about themselves.
Each is streamed into the archive, never held whole in memory."""

import io
import os
import struct
import zipfile

from openpyxl import Workbook

HEADER = ["indicator", "period_start", "organization", "value", "comment"]


def _template_parts() -> dict[str, bytes]:
    """The parts of a small, genuine workbook (header row and one string) to build bombs on."""
    workbook = Workbook()
    workbook.active.append(HEADER)
    buffer = io.BytesIO()
    workbook.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def xlsx(replace: dict[str, object], level: int = 9) -> bytes:
    """A genuine workbook whose parts in ``replace`` are swapped for generated content
    (bytes, or an iterable of byte chunks streamed into the archive)."""
    parts = _template_parts()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        for name in {**parts, **replace}:
            content = replace.get(name, parts.get(name))
            if isinstance(content, bytes):
                archive.writestr(name, content)
            else:
                with archive.open(name, "w") as member:
                    for chunk in content:
                        member.write(chunk)
    return buffer.getvalue()


SHEET = "xl/worksheets/sheet1.xml"
STRINGS = "xl/sharedStrings.xml"
OPEN_SHEET = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet '
              b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
CLOSE_SHEET = b"</sheetData></worksheet>"


def _repeat(unit: bytes, count: int, per_chunk: int = 20_000):
    chunk = unit * per_chunk
    for _ in range(count // per_chunk):
        yield chunk
    yield unit * (count % per_chunk)


def wide_header(cells: int = 300_000) -> bytes:
    """A header row of ``cells`` inline strings: the 220 KB file of issue 10, smaller."""
    return xlsx({SHEET: [OPEN_SHEET, b'<row r="1">',
                         *_repeat(b'<c t="inlineStr"><is><t>indicator</t></is></c>', cells),
                         b"</row>", CLOSE_SHEET]})


def tall_sheet(rows: int = 1_500_000) -> bytes:
    """A header and ``rows`` rows actually present."""
    return xlsx({SHEET: [OPEN_SHEET, b'<row r="1"><c t="inlineStr"><is><t>indicator</t></is></c>'
                         b'<c t="inlineStr"><is><t>period_start</t></is></c></row>',
                         *_repeat(b"<row><c><v>1</v></c></row>", rows), CLOSE_SHEET]})


def declared_sheet() -> bytes:
    """A sheet declaring the largest size Excel allows, with rows of one cell at its far right
    and a last row numbered 1 048 576: a reader padding rows to the declared width builds
    16 384 cells per row, and fills the missing rows."""
    return xlsx({SHEET: [OPEN_SHEET.replace(b"<sheetData>", b'<dimension ref="A1:XFD1048576"/><sheetData>'),
                         b'<row r="1"><c r="A1" t="inlineStr"><is><t>indicator</t></is></c>'
                         b'<c r="B1" t="inlineStr"><is><t>period_start</t></is></c></row>',
                         b"".join(b'<row r="%d"><c r="XFD%d"><v>1</v></c></row>' % (i, i) for i in range(2, 12)),
                         b'<row r="1048576"><c r="A1048576"><v>1</v></c></row>', CLOSE_SHEET]})


def deep_xml(depth: int = 400_000) -> bytes:
    """A sheet nested ``depth`` elements deep, under random names repeating beyond deflate's
    32 KB window, so it barely compresses and reaches the parser."""
    cycle = [b"x" + os.urandom(3).hex().encode() for _ in range(5000)]
    names = (cycle * (depth // len(cycle) + 1))[:depth]
    return xlsx({SHEET: [OPEN_SHEET, b"".join(b"<%s>" % name for name in names),
                         b"".join(b"</%s>" % name for name in reversed(names)), CLOSE_SHEET]}, level=1)


def shared_strings(count: int = 2_000_000) -> bytes:
    """A shared-strings table of ``count`` strings behind a normal sheet."""
    parts = _template_parts()
    types = parts["[Content_Types].xml"].replace(b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType='
                                                 b'"application/vnd.openxmlformats-officedocument.spreadsheetml.'
                                                 b'sharedStrings+xml" /></Types>')
    return xlsx({"[Content_Types].xml": types, STRINGS: [b'<?xml version="1.0" encoding="UTF-8"?><sst '
                           b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">',
                           *_repeat(b"<si><t>x</t></si>", count), b"</sst>"]})


def entity_expansion() -> bytes:
    """The billion laughs, in the workbook part."""
    lol = b"".join(b'<!ENTITY l%d "&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;">' % ((i,) + (i - 1,) * 10)
                   for i in range(1, 10))
    sheet = (b'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY l0 "lol">' + lol + b"]>"
             + OPEN_SHEET.split(b"?>", 1)[1] + b'<row r="1"><c t="inlineStr"><is><t>&l9;</t></is></c></row>'
             + CLOSE_SHEET)
    return xlsx({SHEET: sheet})


def lying_sizes(data: bytes, member: str, declared: int) -> bytes:
    """``data`` with ``member``'s uncompressed size declared as ``declared`` bytes, in its local
    header and in the central directory."""
    data = bytearray(data)
    name = member.encode()
    local = data.index(b"PK\x03\x04")
    while data[local + 30:local + 30 + len(name)] != name:
        local = data.index(b"PK\x03\x04", local + 4)
    struct.pack_into("<I", data, local + 22, declared)
    central = data.index(b"PK\x01\x02")
    while data[central + 46:central + 46 + len(name)] != name:
        central = data.index(b"PK\x01\x02", central + 4)
    struct.pack_into("<I", data, central + 24, declared)
    return bytes(data)
