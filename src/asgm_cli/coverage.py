"""``asgm coverage``: which indicators each country has, and for which years."""

from __future__ import annotations

from typing import Any

from asgm_cli.model import Profile

#: the columns: the indicators the ASGM share, the statistics and the checks need most
COVERAGE_IDS = ("national_gold_production", "asgm_gold_output", "asgm_share_of_national_gold", "asgm_miners",
                "asgm_employment", "asgm_women_share", "asgm_mercury_emissions", "asgm_mercury_use", "gef_grant_usd")
#: the years with an ASGM share of national gold: stated for a whole year, or derived from a same-year pair
#: within its domain by any of the share statistics (asgm stats --all-years)
DATED_SHARE = "dated_asgm_share"
COVERAGE_FIELDS = ("country", "name") + COVERAGE_IDS + (DATED_SHARE, "targets", "strategies")


def years_on_file(p: Profile, fid: str) -> str:
    """'2018–2024', '2019', '2019, no year', 'no year', or '' when there is no observation."""
    found = p.observations(fid)
    years = sorted({f.year for f in found if f.year is not None})
    parts = []
    if years:
        parts.append(str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}")
    if any(f.year is None for f in found):
        parts.append("no year")
    return ", ".join(parts)


def dated_share_years(p: Profile) -> str:
    """'2019 (stated), 2014, 2016 (derived)': the years of a stated full-year ASGM share that no
    observation marks unusable, and of a derived same-year share (of any of ``SHARES``) within 0-100 %;
    '' when none."""
    from asgm_cli.stats import SHARES, derive_all_years

    stated = sorted({f.year for f in p.observations("asgm_share_of_national_gold")
                     if f.year is not None and f.period is None and f.unusable is None})
    derived = sorted({s.year for s in derive_all_years(p)
                      if s.id in SHARES and s.year is not None and not s.outside_domain} - set(stated))
    parts = [f"{', '.join(map(str, ys))} ({kind})" for ys, kind in ((stated, "stated"), (derived, "derived")) if ys]
    return "; ".join(parts)


def coverage_records(profiles: list[Profile]) -> list[dict[str, Any]]:
    """One record per country: for each indicator the years on file ('' when none), the years with a
    dated ASGM share, and how many targets and strategies the profile has."""
    return [{"country": p.id, "name": p.name, **{fid: years_on_file(p, fid) for fid in COVERAGE_IDS},
             DATED_SHARE: dated_share_years(p), "targets": len(p.targets), "strategies": len(p.strategies)}
            for p in profiles]
