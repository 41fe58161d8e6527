"""The Python API: what the commands print, as Python objects, for notebooks and scripts.

Each function returns the records of the command of the same name (``asgm figures --json`` and
so on: lists of dicts with the keys the README's JSON contract documents) and raises the
``AsgmError`` subclass, with the message, that the command would print after ``asgm: error:``.
Nothing here prints, and nothing imports rich, typer or pandas (yaml only when a profile that
is not cached is parsed).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Iterable, Sequence, Union

from asgm_cli.errors import UsageFailed, check_price, no_year_error

if TYPE_CHECKING:
    import pandas

    from asgm_cli.catalog import Catalog
    from asgm_cli.model import Profile

#: a record: one row of a command's JSON output
Record = dict[str, Any]
#: a directory given to ``data_dirs``: a string or a path
PathLike = Union[str, "os.PathLike[str]"]

__all__ = ["Record", "load", "profiles", "figures", "stats", "check", "cite", "to_dataframe"]


def _catalog(data_dirs: Sequence[PathLike] | None) -> Catalog:
    from asgm_cli.catalog import Catalog

    if isinstance(data_dirs, (str, os.PathLike)):  # a lone directory, not a string of one-letter directories
        data_dirs = [data_dirs]
    return Catalog([os.fspath(d) for d in data_dirs or ()])


def _countries(countries: str | Iterable[str] | None) -> list[str] | None:
    if isinstance(countries, str):  # figures("peru") means one country, not five one-letter ones
        return [countries]
    return list(countries) if countries is not None else None


def load(country: str, data_dirs: Sequence[PathLike] | None = None) -> Profile:
    """The profile of a country (id, name in any case, or ISO code), as typed, immutable objects."""
    cat = _catalog(data_dirs)
    return cat.load(cat.find(country))


def profiles(data_dirs: Sequence[PathLike] | None = None) -> list[Record]:
    """Every profile on the data path, sorted by id: the records of ``asgm list --json``."""
    from asgm_cli.records import country_record

    cat = _catalog(data_dirs)
    return [country_record(cat.load(e), e) for e in cat.entries()]


def figures(countries: str | Iterable[str] | None = None, year: int | None = None, headline: bool = False,
            data_dirs: Sequence[PathLike] | None = None) -> list[Record]:
    """Every observation of every figure: the records of ``asgm figures [COUNTRY...] --json``.

    ``countries`` None means every profile; ``year`` each figure's observation of that year, else
    its undated one; ``headline`` only the observation each figure leads with.
    """
    from asgm_cli.records import figure_records

    cat = _catalog(data_dirs)
    names = _countries(countries)
    entries = [cat.find(c) for c in names] if names else cat.entries()
    loaded = [cat.load(e) for e in entries]
    if year is not None and names and all(year not in p.years() for p in loaded):
        raise no_year_error(loaded[0], year)
    return [r for p in loaded for r in figure_records(p, year=year, headline=headline)]


def stats(country: str, year: int | None = None, gold_price: float | None = None, all_years: bool = False,
          data_dirs: Sequence[PathLike] | None = None) -> list[Record]:
    """Derived statistics with formula and inputs: the records of ``asgm stats COUNTRY --json``.

    ``gold_price`` (USD per troy ounce) adds the value statistics; ``all_years`` gives every year
    the data allow, as ``--all-years`` does.
    """
    from asgm_cli.records import stat_records
    from asgm_cli.stats import UnknownYear, derive, derive_all_years

    if all_years and year is not None:
        raise UsageFailed("choose --year or --all-years, not both")
    profile = load(country, data_dirs)
    check_price(gold_price)
    if all_years:
        return stat_records(profile, derive_all_years(profile, gold_price=gold_price))
    try:
        return stat_records(profile, derive(profile, year=year, gold_price=gold_price))
    except UnknownYear:
        raise no_year_error(profile, year or 0) from None


def check(countries: str | Iterable[str] | None = None, data_dirs: Sequence[PathLike] | None = None,
          stale_years: int = 8, bundled: bool = True) -> list[Record]:
    """Every finding of ``asgm check [COUNTRY...] --json``, errors first; None means every profile
    (``bundled=False``: every profile of ``data_dirs`` and ASGM_DATA_PATH, not the bundled ones).

    Findings are data here: an error-level finding is a record, not an exception.
    """
    from asgm_cli.check import check_profile, finding_records

    if stale_years < 0:
        raise UsageFailed(f"stale_years must be at least 0, got {stale_years}")
    profiles = _distinct(countries, data_dirs, bundled)
    return finding_records([f for p in profiles for f in check_profile(p, stale_years)])


def _distinct(countries: str | Iterable[str] | None, data_dirs: Sequence[PathLike] | None,
              bundled: bool = True) -> list[Profile]:
    """The profiles of ``countries`` (None: every profile; ``bundled=False``: not the bundled
    ones), each once, in the order named."""
    cat = _catalog(data_dirs)
    names = _countries(countries)
    entries = [cat.find(c) for c in names] if names else [e for e in cat.entries() if bundled or e.origin != "bundled"]
    return [cat.load(e) for e in {e.id: e for e in entries}.values()]


def cite(countries: str | Iterable[str] | None = None, fmt: str = "bibtex",
         data_dirs: Sequence[PathLike] | None = None) -> str:
    """The sources of ``countries`` (None: every profile) for a reference manager, as ``asgm cite``
    prints them: ``fmt`` is ``bibtex``, ``csl-json`` or ``ris``. Entries are keyed COUNTRY:SOURCE."""
    from asgm_cli.cite import check_format, cite as write

    check_format(fmt)  # before any profile is read, as the command's option check is
    return write(_distinct(countries, data_dirs), fmt)


def to_dataframe(records: Iterable[Record]) -> pandas.DataFrame:
    """A pandas DataFrame of records, columns in the records' key order; ``year`` as nullable integers.

    Needs pandas (``pip install 'asgm[pandas]'``); without it, raises ``AsgmError``.
    """
    from asgm_cli.errors import AsgmError

    try:
        import pandas as pd
    except ImportError:
        raise AsgmError("to_dataframe needs pandas: pip install 'asgm[pandas]'") from None
    rows = list(records)
    columns = list(dict.fromkeys(k for r in rows for k in r))
    frame = pd.DataFrame.from_records(rows, columns=columns)
    if "year" in frame.columns:
        # Undated records are null: without a nullable integer, 2019 would print as 2019.0.
        frame["year"] = frame["year"].astype("Int64")
    return frame
