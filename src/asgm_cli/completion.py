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


def figure_ids(country: str | None, incomplete: str) -> list[str]:
    """The figure ids of a country, and the aliases that mean one (what ``series`` and ``--chart`` take)."""
    from asgm_cli.catalog import Catalog
    from asgm_cli.lookup import ALIASES

    if not country:
        return []
    try:
        cat = Catalog()
        ids = cat.load(cat.find(country)).ids()
    except Exception:
        return []
    ids += [a for a, i in ALIASES.items() if i in ids]
    return [i for i in ids if i.startswith(incomplete)]


def indicator_ids(incomplete: str) -> list[str]:
    """Shared indicators and statistics (what ``rank`` and ``compare --indicators`` take, besides a
    profile's own figures); after a comma, the next of a comma-separated list. No profile is parsed."""
    from asgm_cli.indicators import INDICATORS
    from asgm_cli.lookup import ALIASES
    from asgm_cli.stats import STAT_ORDER

    done, _, last = incomplete.rpartition(",")
    head = done + "," if done else ""
    return [head + i for i in [*INDICATORS, *STAT_ORDER, *ALIASES] if i.startswith(last)]
