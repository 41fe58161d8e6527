"""ruff keeps heavy modules off the start-up path (banned module-level imports, see pyproject), and
mypy finds no type error in the package."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def test_ruff_check_passes() -> None:
    p = subprocess.run([sys.executable, "-m", "ruff", "check", "src", "tests", "bench", "scripts/mutation"], capture_output=True,
                       text=True, cwd=ROOT, timeout=120)
    assert p.returncode == 0, p.stdout + p.stderr


def test_ruff_bans_a_module_level_rich_import_in_cli(tmp_path) -> None:
    bad = tmp_path / "src" / "asgm_cli"
    bad.mkdir(parents=True)
    (bad / "cli.py").write_text("import rich\n\nprint(rich)\n")
    p = subprocess.run([sys.executable, "-m", "ruff", "check", "--config", str(ROOT / "pyproject.toml"),
                        str(bad / "cli.py")], capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert p.returncode == 1
    assert "TID253" in p.stdout


def test_mypy_finds_no_error_in_the_package() -> None:
    # The package ships py.typed; a constructor typo in a frozen record is caught here.
    p = subprocess.run([sys.executable, "-m", "mypy", "--no-incremental", "src"], capture_output=True, text=True,
                       cwd=ROOT, timeout=300)
    assert p.returncode == 0, p.stdout + p.stderr
    assert p.stdout.startswith("Success: no issues found")


def test_mypy_checks_the_constructor_of_a_frozen_record(tmp_path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from asgm_cli.blocks import Column\n\nColumn('Year', wrapped=True)\n")
    p = subprocess.run([sys.executable, "-m", "mypy", "--no-incremental", str(bad)], capture_output=True, text=True,
                       cwd=tmp_path, timeout=300)
    assert p.returncode == 1
    assert 'Unexpected keyword argument "wrapped" for "Column"' in p.stdout
