"""Issue 10, point 15: a stored upload's content must be what its extension says; and the
byte meter behind every archive read (point 1)."""

import io
import zipfile

import pytest
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadedfile import SimpleUploadedFile

from coalitions import uploads
from coalitions.uploads import UploadRefused, check_stored_file
from tests import bombs

EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"This program"
ACCEPTED = {"pdf", "png", "jpg", "jpeg", "docx", "xlsx", "pptx", "odt", "ods", "odp", "doc", "xls", "ppt", "txt",
            "csv"}


def _zip(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


GENUINE = {
    "pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
    "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "jpg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00",
    "docx": _zip("[Content_Types].xml", "word/document.xml"),
    "xlsx": bombs.xlsx({}),
    "odt": _zip("mimetype", "content.xml"),
    "doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 56,
    "txt": "Compte rendu de la rencontre\r\n\tPoints à suivre : café, 12 €\n".encode("cp1252"),
    "csv": "\ufeffindicateur;valeur\nPE-01;12\n".encode("utf-8"),
}


def check(name: str, content: bytes) -> None:
    check_stored_file(SimpleUploadedFile(name, content), extensions=ACCEPTED, max_bytes=10 * 1024 * 1024)


@pytest.mark.parametrize("extension", sorted(GENUINE))
def test_genuine_files_of_each_kind_are_accepted(extension):
    check(f"document.{extension}", GENUINE[extension])


@pytest.mark.parametrize("extension", sorted(ACCEPTED))
def test_an_executable_renamed_to_an_accepted_type_is_refused(extension):
    with pytest.raises(UploadRefused, match="Le contenu de ce fichier n’est pas celui d’un fichier"):
        check(f"document.{extension}", EXECUTABLE)


@pytest.mark.parametrize(("name", "content"), [
    ("photo.png", GENUINE["jpg"]),  # the right family, the wrong type
    ("rapport.docx", _zip("content.xml")),  # a zip, not an office document
    ("tableur.ods", GENUINE["docx"]),
    ("notes.txt", GENUINE["png"]),
    ("notes.csv", b"\x00\x01\x02binary"),
    ("rapport.pdf", b""),
])
def test_content_that_does_not_match_its_extension_is_refused(name, content):
    with pytest.raises(UploadRefused):
        check(name, content)


def test_an_office_document_that_is_a_zip_bomb_is_refused():
    with pytest.raises(UploadRefused, match="gonfle anormalement"):
        check("tableur.xlsx", bombs.shared_strings())


def test_the_file_can_still_be_saved_after_the_check():
    upload = SimpleUploadedFile("bilan.pdf", GENUINE["pdf"])
    check_stored_file(upload, extensions=ACCEPTED, max_bytes=1024)
    assert upload.read() == GENUINE["pdf"]


def test_the_meter_refuses_more_bytes_than_the_budget_whatever_the_directory_says():
    archive = uploads.MeteredZipFile(io.BytesIO(_zip("a.xml", "b.xml")), budget=6)
    assert archive.read("a.xml") == b"<x/>"
    with pytest.raises(UploadRefused):
        archive.read("b.xml")


def test_the_body_ceiling_counts_what_arrives_when_the_length_is_not_declared(monkeypatch):
    monkeypatch.setattr(uploads, "REQUEST_MAX_BYTES", 100)
    handler = uploads.BodyCeilingUploadHandler()
    handler.handle_raw_input(None, {}, 0, b"boundary")
    assert handler.receive_data_chunk(b"x" * 60, 0) == b"x" * 60
    with pytest.raises(RequestDataTooBig):
        handler.receive_data_chunk(b"x" * 60, 60)
