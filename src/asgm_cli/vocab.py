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
TONNES_PER: dict[str, float] = {"t": 1.0, "t/yr": 1.0, "kg": 0.001, "Moz": TROY_OUNCE_G}  # 1e6 oz x 31.1034768 g = 31.1 t

#: qualifier -> (mark, ASCII mark). null means the source states the number plainly.
QUALIFIERS: dict[str, tuple[str, str]] = {
    "approximately": ("~", "~"),
    "at_most": ("≤", "<="),
    "at_least": ("≥", ">="),
}

COMMUNITY_UNITS = ("communities", "municipalities", "sites")
