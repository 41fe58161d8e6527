"""Shell-completion candidates. Countries come from file names, so completing parses nothing."""

from __future__ import annotations


def country_ids(incomplete: str) -> list[str]:
    from asgm_cli.catalog import Catalog

    try:
        return [e.id for e in Catalog().entries() if e.id.startswith(incomplete.lower())]
    except Exception:  # completion must never print a traceback into the user's shell
        return []


def value_ids(country: str | None, incomplete: str) -> list[str]:
    from asgm_cli.catalog import Catalog
    from asgm_cli.lookup import known_ids

    if not country:
        return []
    try:
        cat = Catalog()
        ids = known_ids(cat.load(cat.find(country)))
    except Exception:
        return []
    return [i for i in ids if i.startswith(incomplete)]
