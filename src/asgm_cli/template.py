"""``asgm template``: a commented skeleton profile for a new country.

The skeleton is valid YAML but deliberately not a valid profile: every blank must be filled from
a source, and ``asgm validate`` lists the ones still empty.
"""

from __future__ import annotations

import re

from asgm_cli.errors import UsageFailed


def country_id(name: str) -> str:
    """'Burkina Faso' -> 'burkina_faso'; 'Côte d'Ivoire' -> 'cote_d_ivoire'."""
    from asgm_cli.catalog import fold

    cid = re.sub(r"[^a-z0-9]+", "_", fold(name)).strip("_")
    if not re.fullmatch(r"[a-z][a-z0-9_-]{0,63}", cid):
        raise UsageFailed(f"cannot make a profile id from '{name[:40]}'; give the country's name in Latin letters")
    return cid


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def skeleton(name: str) -> str:
    """The skeleton for ``name``, to be saved as ``ID.yaml``."""
    from asgm_cli.indicators import INDICATORS
    from asgm_cli.vocab import BASES, QUALIFIERS, SCOPES, UNITS

    cid = country_id(name)
    shared = "\n".join(f"#   {i.id:<28} {i.unit:<7} {i.definition}" for i in INDICATORS.values())
    units = ", ".join(UNITS)
    qualifiers = ", ".join(QUALIFIERS)
    bases, scopes = ", ".join(BASES), ", ".join(SCOPES)
    return f"""\
# {name}: an asgm country profile. Save as {cid}.yaml in a directory of your own, then:
#   asgm validate {cid}.yaml          # lists every blank still to fill
#   asgm show {cid} --data-dir DIR    # DIR is the directory holding this file
# Every number needs a source, its words (quote), a unit, a year (null if none is given) and a
# qualifier (null if the source states it plainly). Never estimate: leave out what you cannot source.
# An id may appear once per year and source: a series is one entry a year (national production:
# id national_gold_production). Sources that disagree are each an entry of their own.
id: {cid}
name: {_quoted(name)}
iso2: ""          # ISO 3166-1 alpha-2, e.g. PE
iso3: ""          # ISO 3166-1 alpha-3, e.g. PER
region: ""        # e.g. Sub-Saharan Africa
summary: ""       # a few sentences in your own words

# Shared indicators: use these ids (units that convert to these) so that compare and rank line
# countries up. A shared indicator needs no label.
{shared}
# Units: {units}
# Qualifiers: {qualifiers}, or null
figures:
  - id: asgm_employment
    label: People employed in ASGM
    value: null       # the number as the source gives it; or, for a range, low: and high: instead
    unit: people
    qualifier: null
    year: null
    basis: null       # {bases}, or null
    basis_note: null  # what the number counts, in words, e.g. "registered miners only"
    scope: null       # {scopes}, or null; partial needs area: (e.g. "Andean regions")
    source: ""        # the id of an entry under sources
    quote: ""         # the source's own words

# Optional: preferred: true on the entry the fact sheet should lead with (default: the latest
# year); sections targets (project targets), approach, strategies, challenges (see asgm schema).

sources:
  - id: ""            # a short id, e.g. planetgold-{cid.replace('_', '')}
    title: ""
    publisher: ""
    url: ""
    accessed: ""      # YYYY-MM-DD, the day you read it
"""
