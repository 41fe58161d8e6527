"""Find one value of a profile by id (``asgm get``)."""

from __future__ import annotations

from asgm_cli.errors import LookupFailed, shorten
from asgm_cli.model import Profile
from asgm_cli.stats import Stat

#: every statistic id that ``stats.derive`` can produce, in its order
STAT_IDS = ("asgm_share_of_national_output", "mercury_per_gold", "gold_per_miner", "gold_per_asgm_worker",
            "livelihoods_per_miner",
            "target_reduction_per_year", "target_share_of_annual_emissions", "target_reduction_per_community",
            "informal_value_loss_share", "asgm_output_value_usd", "informal_value_loss_usd")
PRODUCTION_ID = "national_gold_production"


def bare(value: float | None, low: float | None, high: float | None) -> str:
    """``38.7``, or ``40000-60000`` for a range (never a midpoint)."""
    return str(value) if value is not None else f"{low}-{high}"


def known_ids(profile: Profile) -> list[str]:
    """Ids ``get`` can print for this profile (statistics in USD need --gold-price)."""
    from asgm_cli.stats import derive

    derived = [s.id for s in derive(profile, gold_price=1.0)]
    return [f.id for f in profile.figures] + ([PRODUCTION_ID] if profile.production else []) + derived


def value_of(profile: Profile, vid: str, stats: list[Stat], year: int | None) -> str:
    """The bare value of a figure, a statistic or national production, as printed by ``get``."""
    figure = profile.figure(vid)
    if figure is not None:
        return bare(figure.value, figure.low, figure.high)
    if vid == PRODUCTION_ID:
        prod = profile.production_for(year)
        if prod is None:
            raise LookupFailed(f"{profile.id} has no value for {vid}")
        return str(prod.value)
    stat = next((s for s in stats if s.id == vid), None)
    if stat is not None:
        return bare(stat.value, stat.low, stat.high)
    if vid in STAT_IDS:
        why = " (it needs --gold-price)" if vid.endswith("_usd") else " (its inputs are missing)"
        raise LookupFailed(f"{profile.id} has no value for {vid}{why}")
    from asgm_cli.catalog import suggest

    close = suggest(vid, known_ids(profile))
    raise LookupFailed(f"unknown id '{shorten(vid)}' for {profile.id}" + (f"; did you mean {close}?" if close else ""))
