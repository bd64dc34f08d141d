"""Compile every locale/*/LC_MESSAGES/*.po under the project to .mo, in pure Python.

Django's own compilemessages needs GNU gettext's msgfmt; this uses polib, so a fresh
machine with only Python can build the translations. A .mo is rebuilt only when its .po
is newer (or with --force). Fuzzy and untranslated entries are left out, as msgfmt does.
"""

import os
from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

# Folders never searched for catalogues: environments, data, caches, VCS.
SKIP_DIRS = {
    ".git",
    ".venv",
    "venv",
    ".data",
    "node_modules",
    "staticfiles",
    "__pycache__",
    ".ruff_cache",
    ".pytest_cache",
    "test-artifacts",
}


def find_po_files(root: Path) -> list[Path]:
    """All .po files in a `locale/<lang>/LC_MESSAGES/` folder under root."""
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS and not d.endswith(".egg-info"))
        path = Path(dirpath)
        if path.name != "LC_MESSAGES" or path.parent.parent.name != "locale":
            continue
        found.extend(path / name for name in sorted(filenames) if name.endswith(".po"))
    return found


def compile_po(po_path: Path, *, force: bool = False) -> bool:
    """Write po_path's .mo beside it when it is missing or older. Returns True if written."""
    mo_path = po_path.with_suffix(".mo")
    if not force and mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
        return False
    catalogue = polib.pofile(str(po_path), encoding="utf-8")
    tmp_path = mo_path.with_name(f".{mo_path.name}.{os.getpid()}.tmp")
    try:
        catalogue.save_as_mofile(str(tmp_path))
        os.replace(tmp_path, mo_path)
    finally:
        tmp_path.unlink(missing_ok=True)
    return True


class Command(BaseCommand):
    help = "Compile the project's .po translation catalogues to .mo files (pure Python, no gettext)."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Rebuild every .mo, even if up to date.")
        parser.add_argument(
            "--root",
            default=None,
            help="Folder to search (default: the project's BASE_DIR).",
        )

    def handle(self, *args, **options):
        root = Path(options["root"] or settings.BASE_DIR).resolve()
        po_files = find_po_files(root)
        compiled = 0
        for po_path in po_files:
            try:
                written = compile_po(po_path, force=options["force"])
            except (OSError, ValueError) as exc:
                raise CommandError(f"Cannot compile {po_path}: {exc}") from exc
            if written:
                compiled += 1
                if options["verbosity"] >= 2:
                    self.stdout.write(f"compiled {po_path.relative_to(root)}")
        if options["verbosity"] >= 1:
            self.stdout.write(
                f"Translations: {compiled} compiled, {len(po_files) - compiled} up to date "
                f"({len(po_files)} catalogue(s) under {root})."
            )
