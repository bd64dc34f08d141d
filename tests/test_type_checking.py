"""mypy checks the core and every services and selectors module (issue 11): the globs of
[tool.mypy] files in pyproject.toml cover each app's, so a new app's are not left out unseen, and
no setting turns the checking off."""

import glob
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
MYPY = PYPROJECT["tool"]["mypy"]
APPS = [name for name in PYPROJECT["tool"]["importlinter"]["root_packages"] if name != "config"]


def test_every_services_and_selectors_module_is_type_checked():
    checked = {Path(path) for pattern in MYPY["files"] for path in glob.glob(pattern, root_dir=ROOT)}
    wanted = {
        path.relative_to(ROOT)
        for app in APPS
        for path in [*(ROOT / app).glob("services*"), *(ROOT / app).glob("selectors*")]
        if path.suffix == ".py" or path.is_dir()
    }
    assert Path("coalitions") in checked
    assert len(wanted) >= 8  # the five apps' services and selectors, modules or packages
    assert not {path for path in wanted if not any(path == c or c in path.parents for c in checked)}


def test_checking_is_on_and_nothing_is_ignored_wholesale():
    assert MYPY["check_untyped_defs"] is True and MYPY["warn_unused_ignores"] is True
    assert "ignore_missing_imports" not in MYPY and "ignore_errors" not in MYPY
    for override in MYPY.get("overrides", []):
        assert "ignore_errors" not in override
        modules = override["module"] if isinstance(override["module"], list) else [override["module"]]
        assert not {m.split(".")[0] for m in modules} & {*APPS, "config"}, "project modules are checked"
