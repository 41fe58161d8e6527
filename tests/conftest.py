"""Shared fixtures: an isolated environment and a CliRunner that keeps stdout and stderr apart."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from asgm_cli.cli import app

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    for var in ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "ASGM_DATA_PATH", "TERM", "LINES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("ASGM_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    """Invoke asgm in-process, as a user would type it."""
    return CliRunner().invoke(app, list(args), env=env)


def run_json(*args: str) -> Any:
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return json.loads(result.stdout)


def write_profile(directory: Path, text: str, name: str = "testland.yaml") -> Path:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


MINIMAL = """\
id: testland
name: Testland
iso2: TL
iso3: TLD
region: Nowhere
summary: A profile for tests.
figures:
  - id: asgm_gold_output
    label: Gold produced by ASGM
    value: 10
    unit: t/yr
    qualifier: null
    year: 2020
    source: src
    quote: "10 tonnes"
sources:
  - id: src
    title: A test source
    publisher: Tests
    url: https://example.org/test
    accessed: "2026-11-26"
"""
