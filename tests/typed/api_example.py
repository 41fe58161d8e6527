"""A user's script of the API, checked by `mypy --strict` in tests/test_api.py: the API's types hold."""

from __future__ import annotations

import asgm_cli
from asgm_cli.model import Profile


def gold(country: str) -> float | None:
    profile: Profile = asgm_cli.load(country)
    head = profile.figure("asgm_gold_output")
    return head.value if head is not None else None


def shares(country: str) -> list[tuple[int | None, float | None]]:
    return [(r["year"], r["value"]) for r in asgm_cli.stats(country, all_years=True)
            if r["id"] == "asgm_share_of_national_output"]


def errors() -> list[str]:
    found: list[asgm_cli.Record] = asgm_cli.check(["peru"], stale_years=5)
    return [str(r["message"]) for r in found if r["severity"] == "error"]


def describe(country: str) -> str:
    try:
        rows = asgm_cli.figures([country], year=2020, headline=True)
    except asgm_cli.LookupFailed as e:
        return e.message
    ids = ", ".join(str(r["id"]) for r in rows)
    return f"{len(asgm_cli.profiles())} profiles; {country} 2020: {ids} (asgm {asgm_cli.__version__})"
