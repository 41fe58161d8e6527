"""Shared indicators: comparable concepts that use one id, label and unit in every profile.

A profile's figure with one of these ids must use the indicator's unit, so that ``compare``
and ``rank`` put like beside like. A profile may add figures of its own under other ids.
"""

from __future__ import annotations

from asgm_cli.frozen import frozen


@frozen
class Indicator:
    id: str
    label: str
    unit: str
    definition: str
    ascending: bool = False  # True when a smaller value ranks first (a world rank)


INDICATORS: dict[str, Indicator] = {i.id: i for i in (
    Indicator("asgm_miners", "ASGM miners", "people",
              "People the source calls artisanal and small-scale (gold) miners."),
    Indicator("asgm_employment", "People working in ASGM", "people",
              "People the source says are employed in, work directly in, or are directly involved in ASGM."),
    Indicator("livelihoods", "Livelihoods depending on ASGM", "people",
              "People whose livelihoods depend on or are supported by ASGM, miners included unless noted."),
    Indicator("asgm_women", "Women in ASGM", "people", "Women working in ASGM."),
    Indicator("asgm_women_share", "Women's share of the ASGM workforce", "%",
              "Percentage of the people working in ASGM who are women."),
    Indicator("asgm_gold_output", "Gold produced by ASGM", "t/yr",
              "Tonnes of gold produced by artisanal and small-scale mining in a year."),
    Indicator("asgm_mercury_emissions", "Mercury emitted by ASGM", "t/yr",
              "Tonnes of mercury emitted or released by ASGM in a year."),
    Indicator("asgm_mercury_use", "Mercury used in ASGM", "t/yr", "Tonnes of mercury used by ASGM in a year."),
    Indicator("asgm_share_of_national_gold", "ASGM share of national gold", "%",
              "Percentage of the country's gold that the source attributes to ASGM."),
    Indicator("national_gold_production", "National gold production", "t",
              "Gold produced in the country in a year, all scales unless its scope says otherwise."),
    Indicator("asgm_sites", "Sites with ASGM activity", "sites", "Mine sites where ASGM takes place."),
    Indicator("gef_grant_usd", "GEF grant to the planetGOLD project", "USD",
              "US dollars granted by the Global Environment Facility to the country's planetGOLD project."),
    Indicator("world_gold_rank", "World rank as a gold producer", "rank",
              "Position among the world's gold-producing countries (1 = largest).", ascending=True),
)}
