"""Find one value of a profile by id (``asgm get``)."""

from __future__ import annotations

from asgm_cli.errors import LookupFailed
from asgm_cli.model import Profile
from asgm_cli.stats import Stat

#: every statistic id that ``stats.derive`` can produce, in its order
STAT_IDS = ("asgm_share_of_national_output", "mercury_per_gold", "gold_per_miner", "livelihoods_per_miner",
            "target_reduction_per_year", "target_share_of_annual_emissions", "target_reduction_per_community",
            "informal_value_loss_share", "asgm_output_value_usd", "informal_value_loss_usd")
PRODUCTION_ID = "national_gold_production"


def known_ids(profile: Profile) -> list[str]:
    return [f.id for f in profile.figures] + [PRODUCTION_ID] + list(STAT_IDS)


def value_of(profile: Profile, vid: str, stats: list[Stat], year: int | None) -> str:
    """The bare value of a figure, a statistic or national production, as printed by ``get``."""
    figure = profile.figure(vid)
    if figure is not None:
        return str(figure.value)
    if vid == PRODUCTION_ID:
        prod = profile.production_for(year)
        if prod is None:
            raise LookupFailed(f"{profile.id} has no value for {vid}")
        return str(prod.value)
    stat = next((s for s in stats if s.id == vid), None)
    if stat is not None:
        return str(stat.value)
    if vid in STAT_IDS:
        why = " (it needs --gold-price)" if vid.endswith("_usd") else " (its inputs are missing)"
        raise LookupFailed(f"{profile.id} has no value for {vid}{why}")
    from asgm_cli.catalog import suggest

    close = suggest(vid, known_ids(profile))
    raise LookupFailed(f"unknown id '{vid}' for {profile.id}" + (f"; did you mean {close}?" if close else ""))
