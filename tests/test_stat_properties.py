"""Every statistic against its own claims, input by input (generic over ``stats.STAT_ORDER``).

For each statistic and each of its inputs: nudging the input up moves the result one way; an
"at least" input must then bound the result the same way (the ±1 the code gives ``combine``),
and each of the five qualifiers must give the bound that direction implies. A statistic added
to STAT_ORDER is covered at once: the test fails until the profile below can produce it.
"""

from __future__ import annotations

from typing import Any, Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from asgm_cli.frozen import field_names
from asgm_cli.model import Figure, Profile, Source, Target
from asgm_cli.number import whole
from asgm_cli.stats import STAT_ORDER, Input, Stat, combine, derive, mixed_bases, round_sig
from asgm_cli.vocab import TROY_OUNCE_G

SETTINGS = settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
QUALIFIERS = ("approximately", "at_least", "at_most", "approximately_at_least", "approximately_at_most")
#: figure id -> unit; every input a statistic can take from a profile's figures
FIGURE_UNITS = {"asgm_gold_output": "t/yr", "asgm_mercury_emissions": "t/yr", "asgm_miners": "people",
                "asgm_employment": "people", "livelihoods": "people", "informal_price_share": "%",
                "national_gold_production": "t"}


def replace(obj: Any, **changes: Any) -> Any:
    """A copy of a frozen object with some fields changed."""
    return type(obj)(**{**{n: getattr(obj, n) for n in field_names(type(obj))}, **changes})


@st.composite
def worlds(draw: Callable[..., Any]) -> dict[str, Any]:
    """Values for every input: gold below national production, a share below 100, whole years."""
    vals: dict[str, Any] = {fid: draw(st.floats(1, 5000)) for fid in FIGURE_UNITS}
    vals["informal_price_share"] = draw(st.floats(1, 60))
    vals["national_gold_production"] = vals["asgm_gold_output"] * draw(st.floats(1.5, 10))
    vals["target.mercury_reduction"] = draw(st.floats(1, 100))
    vals["target.years"] = draw(st.integers(1, 20))
    vals["target.communities"] = draw(st.integers(1, 200))
    vals["gold_price"] = draw(st.floats(100, 5000))
    return vals


def build(vals: dict[str, Any], qualify: str | None = None, q: str | None = None,
          ranged: str | None = None, high: float | None = None) -> tuple[Profile, float]:
    """A profile with every input (``qualify`` carries qualifier ``q``; ``ranged`` is the range
    vals..high instead of a value), and the gold price."""
    figures = []
    for fid, unit in FIGURE_UNITS.items():
        f = Figure(fid, fid, unit, q if qualify == fid else None, 2020, "s", "quote", value=vals[fid])
        if ranged == fid:
            f = replace(f, value=None, low=vals[fid], high=high)
        figures.append(f)
    target = Target("t", "target", "s", "quote", communities=vals["target.communities"], community_unit="communities",
                    mercury_reduction=vals["target.mercury_reduction"], mercury_unit="t", years=vals["target.years"],
                    qualifier=q if qualify == "target.mercury_reduction" else None)
    profile = Profile("x", "X", "XX", "XXX", "r", "s", tuple(figures), (Source("s", "t", "p", "https://e.org", "2020-01-01"),),
                      targets=(target,))
    return profile, vals["gold_price"]


def stat_of(sid: str, vals: dict[str, Any], **kw: Any) -> Stat:
    profile, price = build(vals, **kw)
    found = {s.id: s for s in derive(profile, gold_price=price)}
    assert sid in found, f"the test profile does not produce {sid}: give it the inputs"
    return found[sid]


def nudged(vals: dict[str, Any], iid: str) -> dict[str, Any]:
    """``vals`` with one input moved up (whole counts by one, a share by a fifth, the rest by half)."""
    v = vals[iid]
    new = v + 1 if isinstance(v, int) else v * 1.2 if iid == "informal_price_share" else v * 1.5
    return {**vals, iid: new}


def expected(q: str, direction: int) -> str:
    """The result's qualifier when one input has ``q`` and the result moves ``direction`` with it."""
    approx = q.startswith("approximately")
    bound = q.removeprefix("approximately").strip("_") or None
    if bound is not None and direction < 0:
        bound = {"at_least": "at_most", "at_most": "at_least"}[bound]
    if bound is None:
        return "approximately"
    return f"approximately_{bound}" if approx else bound


QUALIFIABLE = set(FIGURE_UNITS) | {"target.mercury_reduction"}


@pytest.mark.parametrize("sid", STAT_ORDER)
@SETTINGS
@given(vals=worlds())
def test_each_input_moves_the_result_the_way_its_qualifiers_say(sid: str, vals: dict[str, Any]) -> None:
    base = stat_of(sid, vals)
    assert base.qualifier is None and base.value is not None and base.value > 0
    inputs = [i.id for i in base.inputs]
    assert len(inputs) == len(set(inputs)) >= 1
    for iid in inputs:
        up = stat_of(sid, nudged(vals, iid))
        assert up.value != base.value, (sid, iid)
        direction = 1 if up.value > base.value else -1  # type: ignore[operator]
        # a range over the input gives the result's range, its ends the results at the input's ends
        if iid in FIGURE_UNITS:
            r = stat_of(sid, vals, ranged=iid, high=nudged(vals, iid)[iid])
            assert (r.value, r.low, r.high) == (None, min(base.value, up.value), max(base.value, up.value))
        if iid not in QUALIFIABLE:
            continue
        for q in QUALIFIERS:
            got = stat_of(sid, vals, qualify=iid, q=q)
            assert got.qualifier == expected(q, direction), (sid, iid, q, direction)
            assert got.value == base.value


@pytest.mark.parametrize(("terms", "result"), [
    ((), None),
    (((None, 1), (None, -1)), None),
    ((("approximately", 1),), "approximately"),
    ((("at_least", 1), ("at_most", -1)), "at_least"),
    ((("at_least", 1), ("at_least", -1)), "approximately"),  # bounds pulling apart: no bound
    ((("at_most", 1), ("at_most", 1)), "at_most"),
    ((("at_least", -1), ("approximately", 1)), "approximately_at_most"),
    ((("approximately_at_least", 1), (None, 1)), "approximately_at_least"),
    ((("approximately_at_most", -1),), "approximately_at_least"),
])
def test_combine(terms: tuple[tuple[str | None, int], ...], result: str | None) -> None:
    assert combine(*terms) == result


def test_every_statistic_of_the_test_profile_is_in_stat_order_and_dated() -> None:
    vals = {  # fixed values: one profile, every statistic
        **{fid: 10.0 for fid in FIGURE_UNITS}, "national_gold_production": 40.0, "informal_price_share": 20.0,
        "target.mercury_reduction": 12.0, "target.years": 4, "target.communities": 3, "gold_price": 2000.0}
    profile, price = build(vals)
    got = derive(profile, gold_price=price)
    assert [s.id for s in got] == list(STAT_ORDER)
    # every dated input is of 2020; a price and a target's numbers are undated constants, so a
    # statistic of the target alone has no year
    assert [s.year for s in got] == [2020] * 5 + [None, 2020, None] + [2020] * 3
    values = {s.id: s.value for s in got}
    assert values == {"asgm_share_of_national_output": 25, "mercury_per_gold": 1, "gold_per_miner": 1e6,
                      "gold_per_asgm_worker": 1e6, "livelihoods_per_miner": 1, "target_reduction_per_year": 3,
                      "target_share_of_annual_emissions": 30, "target_reduction_per_community": 4,
                      "informal_value_loss_share": 80, "asgm_output_value_usd": 643000000,
                      "informal_value_loss_usd": 514400000}


FIXED = {**{fid: 10.0 for fid in FIGURE_UNITS}, "national_gold_production": 40.0, "informal_price_share": 20.0,
         "target.mercury_reduction": 12.0, "target.years": 4, "target.communities": 3, "gold_price": 2000.0}


@pytest.mark.parametrize(("zero", "left_out"), [
    ("national_gold_production", ["asgm_share_of_national_output"]),
    ("asgm_gold_output", ["mercury_per_gold"]),
    ("asgm_miners", ["gold_per_miner", "livelihoods_per_miner"]),
    ("asgm_employment", ["gold_per_asgm_worker"]),
    ("asgm_mercury_emissions", ["target_share_of_annual_emissions"]),
    ("livelihoods", []),
])
def test_a_statistic_is_left_out_rather_than_divided_by_zero(zero: str, left_out: list[str]) -> None:
    for vals, ranged in (({**FIXED, zero: 0.0}, None), (FIXED, zero)):  # zero, or a range from zero
        profile, price = build({**vals, zero: 0.0} if ranged else vals, ranged=ranged, high=5.0)
        got = [s.id for s in derive(profile, gold_price=price)]
        assert got == [sid for sid in STAT_ORDER if sid not in left_out]
    # just above zero is a divisor like any other
    profile, price = build({**FIXED, zero: 0.001})
    assert [s.id for s in derive(profile, gold_price=price)] == list(STAT_ORDER)


def test_a_range_from_zero_as_a_numerator() -> None:
    profile, price = build(FIXED, ranged="asgm_gold_output", high=20.0)
    profile = replace(profile, figures=tuple(replace(f, low=0.0) if f.id == "asgm_gold_output" else f for f in profile.figures))
    share = derive(profile)[0]
    assert (share.id, share.value, share.low, share.high) == ("asgm_share_of_national_output", None, 0, 50)


def test_a_share_of_100_gives_a_loss_of_exactly_0() -> None:
    profile, price = build({**FIXED, "informal_price_share": 100.0})
    got = {s.id: s.value for s in derive(profile, gold_price=price)}
    assert (got["informal_value_loss_share"], got["informal_value_loss_usd"]) == (0, 0)
    assert type(got["informal_value_loss_share"]) is int


@pytest.mark.parametrize(("x", "rounded"), [(0.0, 0), (4.0, 4), (3.74677, 3.747), (154.8, 154.8), (3.9999, 4),
                                            (1234.4999, 1234), (-2.5, -2.5)])
def test_round_sig(x: float, rounded: float) -> None:
    got = round_sig(x)
    assert got == rounded and type(got) is type(rounded)


@pytest.mark.parametrize(("x", "out"), [(4.0, 4), (1e15, 1e15), (999999999999999.0, 999999999999999), (-3.0, -3), (2.5, 2.5),
                                        (7, 7)])
def test_whole(x: float, out: float) -> None:
    assert whole(x) == out and type(whole(x)) is type(out)


def test_unit_conversions_are_exact_at_a_rounding_edge() -> None:
    # 1234.4999 rounds to 1234; a factor off by a millionth would push it to 1235
    profile, _ = build({**FIXED, "asgm_gold_output": 1234.4999, "asgm_miners": 1e6, "national_gold_production": 5000.0})
    price = 1234.4999 * TROY_OUNCE_G / 1234.4999e6
    got = {s.id: s.value for s in derive(profile, gold_price=price)}
    assert got["gold_per_miner"] == 1234
    assert got["asgm_output_value_usd"] == 1234


def test_notes_on_years_and_bases() -> None:
    profile, _ = build(FIXED)
    prod = next(f for f in profile.figures if f.id == "national_gold_production")

    def with_gold(**changes: Any) -> Profile:
        figures = tuple(replace(f, **changes) if f.id == "asgm_gold_output" else f for f in profile.figures)
        return replace(profile, figures=figures)

    assert derive(profile)[0].note is None
    assert derive(with_gold(year=2019))[0].note == "The ASGM output is for 2019; it is divided by 2020's national production."
    assert derive(with_gold(year=None))[0].note == "The ASGM output has no year; it is divided by 2020's national production."
    assert derive(replace(profile, figures=tuple(replace(f, year=None) for f in profile.figures)))[0].note is None
    assert prod.year == 2020
    # for a year, an undated input is used and the note says so; the statistic takes the year
    undated = with_gold(year=None)
    per_miner = next(s for s in derive(undated, year=2020) if s.id == "gold_per_miner")
    assert (per_miner.year, per_miner.note) == (2020, "asgm_gold_output has no year; used for 2020.")
    two = replace(undated, figures=tuple(replace(f, year=None) if f.id == "asgm_miners" else f for f in undated.figures))
    per_miner = next(s for s in derive(two, year=2020) if s.id == "gold_per_miner")
    assert (per_miner.year, per_miner.note) == (None, None)  # no input is of 2020
    lv = next(s for s in derive(two, year=2020) if s.id == "livelihoods_per_miner")
    assert (lv.year, lv.note) == (2020, "asgm_miners has no year; used for 2020.")
    caveat = replace(profile, figures=tuple(replace(f, basis_note="families") if f.id == "livelihoods" else f for f in profile.figures))
    lv = next(s for s in derive(caveat) if s.id == "livelihoods_per_miner")
    assert lv.note == "What the livelihoods count: families."
    assert next(s for s in derive(profile) if s.id == "livelihoods_per_miner").note is None


def test_mixed_bases() -> None:
    def inp(iid: str, basis: str | None) -> Input:
        return Input(iid, 1.0, "t", 2020, basis=basis)

    assert mixed_bases("mercury_per_gold", (inp("a", "x"), inp("b", "x"))) is None
    assert mixed_bases("mercury_per_gold", (inp("a", "x"), inp("b", None))) is None
    assert mixed_bases("mercury_per_gold", (inp("a", "x"), inp("b", "y"))) == "Its inputs count different things (a: x; b: y)."
    share = "asgm_share_of_national_output"

    def total(scope: str | None) -> Input:
        return Input("national_gold_production", 1.0, "t", 2020, basis="production", scope=scope)

    # a part and its whole differ in basis by nature: only an industrial-only total is flagged, whatever its words say
    assert [mixed_bases(share, (inp("asgm_gold_output", "x"), total(scope))) for scope in (
        None, "all_sectors", "small_scale", "partial")] == [None] * 4
    assert mixed_bases(share, (inp("asgm_gold_output", "x"),)) is None
    assert mixed_bases(share, (inp("asgm_gold_output", "x"), total("industrial"))) == (
        "national_gold_production counts industrial mining only; small-scale output comes on top of it.")
    worded = Input("national_gold_production", 1.0, "t", 2020, basis_note="USGS: excludes most small-scale output")
    assert mixed_bases(share, (inp("asgm_gold_output", "x"), worded)) is None  # notes are for people, not for code


def test_a_range_of_zero_to_zero_as_a_numerator() -> None:
    profile, _ = build(FIXED, ranged="asgm_gold_output", high=0.0)
    profile = replace(profile, figures=tuple(replace(f, low=0.0) if f.id == "asgm_gold_output" else f for f in profile.figures))
    share = derive(profile)[0]
    assert (share.value, share.low, share.high) == (None, 0, 0)
