"""Find one value of a profile by id (``asgm get``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from asgm_cli.errors import LookupFailed, shorten
from asgm_cli.number import whole

if TYPE_CHECKING:  # the statistics are imported only when a statistic is asked for
    from asgm_cli.model import Figure, Profile
    from asgm_cli.stats import Stat


def __getattr__(name: str) -> Any:
    """``STAT_IDS``, from the statistics module, loaded when first used."""
    if name == "STAT_IDS":
        from asgm_cli.stats import STAT_ORDER

        return STAT_ORDER
    raise AttributeError(name)

PRODUCTION_ID = "national_gold_production"
#: words people type for an id, accepted wherever an indicator or figure id is (here, not in
#: indicators.py: `asgm get` resolves them and must not pay for building the indicator table)
ALIASES = {"production": PRODUCTION_ID}


def resolve(word: str) -> str:
    """The id a typed word means: an alias's id, else the word itself."""
    return ALIASES.get(word.strip().casefold(), word)


def bare(value: float | None, low: float | None, high: float | None) -> str:
    """``38.7``, or ``40000-60000`` for a range (never a midpoint)."""
    return str(whole(value)) if value is not None else f"{whole(low or 0)}-{whole(high or 0)}"


#: the fields of ``asgm get --json``: the value in the unit asked for, then as given
GET_FIELDS = ("country", "id", "label", "kind", "value", "low", "high", "unit", "qualifier", "year", "source", "quote",
              "given_value", "given_low", "given_high", "given_unit", "caveats", "note", "unusable")


def get_record(profile: Profile, item: Figure | Stat, unit: str | None = None, as_given: bool = False) -> dict[str, Any]:
    """``item`` as ``asgm get`` gives it: in ``unit``, else as given (``as_given``), else in the unit
    it is compared in (the indicator's: gold in tonnes). A unit it does not convert to is an error:
    a usage error (exit 2) when no such unit exists, a lookup error (exit 1) when it is a unit of
    something else. A statistic outside its domain has no value to give (a lookup error)."""
    from asgm_cli.errors import UsageFailed
    from asgm_cli.model import Figure
    from asgm_cli.units import GIVEN_FIELDS, in_unit, unit_for
    from asgm_cli.vocab import UNITS, convertible

    if unit is not None and as_given:
        raise UsageFailed("choose --unit or --as-given, not both")
    if not isinstance(item, Figure) and item.outside_domain:  # never printed as a value
        raise LookupFailed(f"{profile.id} has no value for {item.id}: its inputs give an impossible result "
                           f"(asgm stats {profile.id} names them)")
    if unit is not None and unit != item.unit and unit not in UNITS:
        raise UsageFailed(f"unknown unit '{shorten(unit)}'; units: {', '.join(UNITS)}")
    if unit is not None and not convertible(item.unit, unit):
        raise LookupFailed(f"{profile.id} {item.id} is in {item.unit}, which does not convert to {unit}")
    to = item.unit if as_given else unit or unit_for(item.id, item.unit)
    values = in_unit(item, to)
    figure = item if isinstance(item, Figure) else None
    src = profile.source(figure.source) if figure else None
    return {"country": profile.id, "id": item.id, "label": item.label, "kind": "figure" if figure else "statistic",
            "value": values["value"], "low": values["low"], "high": values["high"], "unit": to,
            "qualifier": item.qualifier, "year": item.year, "source": src.url if src else None,
            "quote": figure.quote if figure else None, **{k: values[k] for k in GIVEN_FIELDS},
            "caveats": list(item.caveats) if not isinstance(item, Figure) else [], "note": item.note,
            "unusable": figure.unusable if figure else None}


def notes_for(r: dict[str, Any]) -> list[str]:
    """What a bare value leaves out, for stderr: its qualifier, that it is a range, a conversion,
    caveats and an unusable mark ('peru asgm_miners: at most 250000 people')."""
    from asgm_cli.units import same_scale
    from asgm_cli.vocab import QUALIFIER_WORDS

    what = f"{r['country']} {r['id']}"
    value = bare(r["value"], r["low"], r["high"])
    out = []
    if r["qualifier"] or r["value"] is None:
        words = QUALIFIER_WORDS[r["qualifier"]] + " " if r["qualifier"] else ""
        kind = "a range, " if r["value"] is None else ""
        out.append(f"{what} is {kind}{words}{value} {r['unit']}")
    if not same_scale(r["given_unit"], r["unit"]):
        out.append(f"{what}: converted from {bare(r['given_value'], r['given_low'], r['given_high'])} "
                   f"{r['given_unit']} as given")
    if r["caveats"]:
        from asgm_cli.stats import CAVEATS

        out += [f"{what}: {CAVEATS[c]} ({c})" for c in r["caveats"]]
    if r["unusable"]:
        out.append(f"{what} is marked unusable: {r['unusable']}")
    return out


def known_ids(profile: Profile) -> list[str]:
    """Ids ``get`` can print for this profile (statistics in USD need --gold-price)."""
    from asgm_cli.stats import derive

    derived = [s.id for s in derive(profile, gold_price=1.0)]
    return profile.ids() + derived


def value_of(profile: Profile, vid: str, stats: list[Stat], year: int | None) -> Figure | Stat:
    """A figure (its headline, or its observation for ``year``) or a statistic, by id."""
    if profile.figure(vid) is not None:
        from asgm_cli.model import choose

        figure = choose(profile, vid, year)[0]  # a usable observation first, as rank and compare take it
        if figure is None:
            years = ", ".join(str(f.year) for f in profile.observations(vid) if f.year is not None)
            raise LookupFailed(f"{profile.id} has no {vid} for {year}; years on file: {years}")
        return figure
    stat = next((s for s in stats if s.id == vid), None)
    if stat is not None:
        return stat
    from asgm_cli.stats import STAT_ORDER as STAT_IDS

    if vid in STAT_IDS:
        why = " (it needs --gold-price)" if vid.endswith("_usd") else " (its inputs are missing, or its result is beyond a number's range)"
        raise LookupFailed(f"{profile.id} has no value for {vid}{why}")
    if vid == PRODUCTION_ID:
        raise LookupFailed(f"{profile.id} has no value for {vid}")
    from asgm_cli.indicators import unknown_id

    raise unknown_id(f"{profile.name} has no figure or statistic", vid, known_ids(profile))
