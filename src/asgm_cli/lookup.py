"""Find one value of a profile by id (``asgm get``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from asgm_cli.errors import LookupFailed, shorten
from asgm_cli.number import whole

if TYPE_CHECKING:  # the statistics are imported only when a statistic is asked for
    from asgm_cli.model import Profile
    from asgm_cli.stats import Stat


def __getattr__(name: str) -> Any:
    """``STAT_IDS``, from the statistics module, loaded when first used."""
    if name == "STAT_IDS":
        from asgm_cli.stats import STAT_ORDER

        return STAT_ORDER
    raise AttributeError(name)

PRODUCTION_ID = "national_gold_production"


def bare(value: float | None, low: float | None, high: float | None) -> str:
    """``38.7``, or ``40000-60000`` for a range (never a midpoint)."""
    return str(whole(value)) if value is not None else f"{whole(low or 0)}-{whole(high or 0)}"


def known_ids(profile: Profile) -> list[str]:
    """Ids ``get`` can print for this profile (statistics in USD need --gold-price)."""
    from asgm_cli.stats import derive

    derived = [s.id for s in derive(profile, gold_price=1.0)]
    return profile.ids() + derived


def value_of(profile: Profile, vid: str, stats: list[Stat], year: int | None) -> str:
    """The bare value of a figure (its headline, or its observation for ``year``) or a statistic."""
    if profile.figure(vid) is not None:
        figure = profile.figure(vid) if year is None else profile.at(vid, year)
        if figure is None:
            years = ", ".join(str(f.year) for f in profile.observations(vid) if f.year is not None)
            raise LookupFailed(f"{profile.id} has no {vid} for {year}; years on file: {years}")
        return bare(figure.value, figure.low, figure.high)
    stat = next((s for s in stats if s.id == vid), None)
    if stat is not None:
        return bare(stat.value, stat.low, stat.high)
    from asgm_cli.stats import STAT_ORDER as STAT_IDS

    if vid in STAT_IDS:
        why = " (it needs --gold-price)" if vid.endswith("_usd") else " (its inputs are missing, or its result is beyond a number's range)"
        raise LookupFailed(f"{profile.id} has no value for {vid}{why}")
    if vid == PRODUCTION_ID:
        raise LookupFailed(f"{profile.id} has no value for {vid}")
    from asgm_cli.catalog import suggest

    close = suggest(vid, known_ids(profile))
    raise LookupFailed(f"unknown id '{shorten(vid)}' for {profile.id}" + (f"; did you mean {close}?" if close else ""))
