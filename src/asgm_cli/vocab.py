"""Controlled vocabularies: units, qualifiers and how to convert masses."""

from __future__ import annotations

#: unit -> what it means. Profile values must use one of these.
UNITS: dict[str, str] = {
    "people": "people",
    "%": "percent",
    "rank": "position in a ranking (1 = first)",
    "t": "tonnes",
    "t/yr": "tonnes per year",
    "kg": "kilograms",
    "kg/yr": "kilograms per year",
    "oz": "troy ounces",
    "oz/yr": "troy ounces per year",
    "Moz": "million troy ounces",
    "communities": "mining communities",
    "municipalities": "municipalities",
    "sites": "mining sites",
    "provinces": "provinces",
    "regions": "regions",
    "cooperatives": "cooperatives",
    "years": "years",
    "USD": "US dollars",
    "g/g": "grams per gram (of mercury per gram of gold)",
}

#: mass units and their size in tonnes (1 troy oz = 31.1034768 g).
TROY_OUNCE_G = 31.1034768
TONNES_PER: dict[str, float] = {"t": 1.0, "t/yr": 1.0, "kg": 0.001, "kg/yr": 0.001, "oz": TROY_OUNCE_G / 1e6,
                                 "oz/yr": TROY_OUNCE_G / 1e6, "Moz": TROY_OUNCE_G}  # 1e6 oz x 31.1034768 g = 31.1 t


def convertible(a: str, b: str) -> bool:
    """Whether two units measure the same thing, so that one id's observations may mix them.

    Gold masses (t, t/yr, kg, kg/yr, oz, oz/yr, Moz) convert into one another; every other unit only into itself.
    An annual figure in t/yr (or kg/yr, oz/yr) and a year's production in t are the same quantity.
    """
    return a == b or (a in TONNES_PER and b in TONNES_PER)

#: qualifier -> (mark, ASCII mark). null means the source states the number plainly.
QUALIFIERS: dict[str, tuple[str, str]] = {
    "approximately": ("~", "~"),
    "at_most": ("≤", "<="),
    "at_least": ("≥", ">="),
    "approximately_at_most": ("≲", "<~"),
    "approximately_at_least": ("≳", ">~"),
}

#: qualifier -> words, for messages ("as many as 250,000" is at most 250,000)
QUALIFIER_WORDS: dict[str, str] = {"approximately": "roughly", "at_most": "at most", "at_least": "at least",
                                   "approximately_at_most": "roughly at most",
                                   "approximately_at_least": "roughly at least"}


def split_qualifier(q: str | None) -> tuple[bool, str | None]:
    """(approximate?, bound): 'approximately_at_least' -> (True, 'at_least'); None -> (False, None)."""
    if q is None:
        return False, None
    if q == "approximately":
        return True, None
    if q.startswith("approximately_"):
        return True, q[len("approximately_"):]
    return False, q


def join_qualifier(approximate: bool, bound: str | None) -> str | None:
    """The inverse of ``split_qualifier``."""
    if bound is None:
        return "approximately" if approximate else None
    return f"approximately_{bound}" if approximate else bound

COMMUNITY_UNITS = ("communities", "municipalities", "sites", "districts")

#: basis -> what kind of number it is. null or absent: the source does not say.
BASES: dict[str, str] = {
    "production": "gold produced, as recorded, reported or officially stated",
    "exports": "gold exported",
    "declarations": "gold declared or delivered to a state buyer, board, refinery or assayer",
    "purchases": "gold bought by a central bank or state buyer",
    "model_estimate": "a statistical model's estimate",
    "estimate": "an estimate stated by an official, expert or organisation",
    "survey": "a count or survey of people or sites",
}

#: scope -> which part of the sector or country the number covers. Absent: not stated.
SCOPES: dict[str, str] = {
    "all_sectors": "all scales of mining",
    "industrial": "industrial, large-scale or mechanised mining only (small-scale output comes on top)",
    "small_scale": "artisanal and small-scale mining only",
    "partial": "part of the country or of the sites (area says which)",
}

#: a part of a year inside ``year``: "2024-01/2024-09" is January to September 2024
PERIOD_RE = r"[0-9]{4}-(0[1-9]|1[0-2])/[0-9]{4}-(0[1-9]|1[0-2])"
