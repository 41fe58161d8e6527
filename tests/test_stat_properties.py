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
from asgm_cli.stats import (STAT_ORDER, Input, Stat, combine, derive, derive_all_years, first_each, mixed_bases, round_sig,
                             rule, share_pairs)
from asgm_cli.vocab import TROY_OUNCE_G

SETTINGS = settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
QUALIFIERS = ("approximately", "at_least", "at_most", "approximately_at_least", "approximately_at_most")
#: figure id -> unit; every input a statistic can take from a profile's figures
FIGURE_UNITS = {"asgm_gold_output": "t/yr", "asgm_mercury_emissions": "t/yr", "asgm_miners": "people",
                "asgm_employment": "people", "livelihoods": "people", "informal_price_share": "%",
                "national_gold_production": "t", "large_scale_gold_output": "t", "industrial_total": "t"}
#: a key of FIGURE_UNITS that is not a figure id: the national total of ``scope: industrial`` (the same
#: source and year as the rest), which only small_scale_share_on_top takes
INDUSTRIAL = "industrial_total"


def key(sid: str, iid: str) -> str:
    """The key of ``vals`` that a statistic's input comes from."""
    return INDUSTRIAL if (sid, iid) == ("small_scale_share_on_top", "national_gold_production") else iid


def replace(obj: Any, **changes: Any) -> Any:
    """A copy of a frozen object with some fields changed."""
    return type(obj)(**{**{n: getattr(obj, n) for n in field_names(type(obj))}, **changes})


@st.composite
def worlds(draw: Callable[..., Any]) -> dict[str, Any]:
    """Values for every input: gold below national production, a share below 100, whole years."""
    vals: dict[str, Any] = {fid: draw(st.floats(1, 5000)) for fid in FIGURE_UNITS}
    vals["informal_price_share"] = draw(st.floats(1, 60))
    vals["national_gold_production"] = vals["asgm_gold_output"] * draw(st.floats(1.5, 10))
    vals["large_scale_gold_output"] = vals["national_gold_production"] * draw(st.floats(0.1, 0.9))
    vals[INDUSTRIAL] = vals["asgm_gold_output"] * draw(st.floats(0.1, 10))
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
        if fid == INDUSTRIAL:
            f = replace(f, id="national_gold_production", scope="industrial")
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
    inputs = [key(sid, i.id) for i in base.inputs]
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
    assert [s.year for s in got] == [2020] * 7 + [None, 2020, None] + [2020] * 3
    values = {s.id: s.value for s in got}
    assert values == {"asgm_share_of_national_output": 25, "small_scale_share_by_difference": 75,
                      "small_scale_share_on_top": 50, "mercury_per_gold": 1,
                      "gold_per_miner": 1e6,
                      "gold_per_asgm_worker": 1e6, "livelihoods_per_miner": 1, "target_reduction_per_year": 3,
                      "target_share_of_annual_emissions": 30, "target_reduction_per_community": 4,
                      "informal_value_loss_share": 80, "asgm_output_value_usd": 643000000,
                      "informal_value_loss_usd": 514400000}


FIXED = {**{fid: 10.0 for fid in FIGURE_UNITS}, "national_gold_production": 40.0, "informal_price_share": 20.0,
         "target.mercury_reduction": 12.0, "target.years": 4, "target.communities": 3, "gold_price": 2000.0}


@pytest.mark.parametrize(("zero", "left_out"), [
    ("national_gold_production", ["asgm_share_of_national_output", "small_scale_share_by_difference"]),
    ("asgm_gold_output", ["small_scale_share_on_top", "mercury_per_gold"]),
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


def test_pairing_rules() -> None:
    profile, _ = build(FIXED)

    def changed(fid: str, **changes: Any) -> Profile:
        return replace(profile, figures=tuple(replace(f, **changes) if f.id == fid else f for f in profile.figures))

    def share(p: Profile, year: int | None = None) -> Stat | None:
        return next((s for s in derive(p, year=year) if s.id == "asgm_share_of_national_output"), None)

    same = share(profile)
    assert same is not None and (same.year, same.caveats, same.note) == (2020, ("scope_unstated",), None)
    # another year: no same-year pair, so the headline is the fallback, marked, with no year
    other = share(changed("asgm_gold_output", year=2019))
    assert other is not None and (other.year, other.caveats) == (None, ("fallback", "years_differ", "scope_unstated"))
    assert other.note == "No same-year pair: Gold produced by ASGM is of 2019; National gold production is of 2020."
    assert share(changed("asgm_gold_output", year=2019), 2020) is None  # a year uses that year's observations only
    undated = share(changed("asgm_gold_output", year=None))
    assert undated is not None and (undated.year, undated.caveats) == (None, ("fallback", "undated_input", "scope_unstated"))
    # undated with undated is a pair, not a fallback, and still says it has no year
    both = replace(profile, figures=tuple(replace(f, year=None) for f in profile.figures))
    pair = share(both)
    assert pair is not None and (pair.year, pair.caveats) == (None, ("undated_input", "scope_unstated"))
    # an undated input never fills a year
    assert share(changed("asgm_gold_output", year=None), 2020) is None
    assert [s.id for s in derive(changed("asgm_miners", year=None), year=2020)].count("gold_per_miner") == 0
    # a part-year observation pairs only with the same period
    part = share(changed("asgm_gold_output", period="2020-01/2020-06"), 2020)
    assert part is None
    both_part = replace(profile, figures=tuple(replace(f, period="2020-01/2020-06") for f in profile.figures))
    half = share(both_part, 2020)
    assert half is not None and half.caveats == ("part_year", "scope_unstated")
    # bases: gold exported is not gold produced; a declaration or a model estimate is
    assert share(changed("asgm_gold_output", basis="exports")) is None
    assert share(changed("national_gold_production", basis="survey")) is None
    assert [s.id for s in derive(changed("asgm_gold_output", basis="exports"))].count("mercury_per_gold") == 0
    for basis in ("production", "declarations", "purchases", "model_estimate", "estimate"):
        assert share(changed("asgm_gold_output", basis=basis)) is not None, basis
    # scopes: a share needs a total that includes small-scale output
    for scope, kept in (("all_sectors", True), ("industrial", False), ("small_scale", False)):
        found = share(changed("national_gold_production", scope=scope))
        assert (found is not None) is kept, scope
        assert found is None or found.caveats == ()  # a stated scope: no scope_unstated
    assert share(changed("asgm_gold_output", scope="industrial")) is None
    assert share(changed("asgm_gold_output", scope="small_scale")) is not None
    # an unusable observation is never an input, even as a fallback
    assert share(changed("asgm_gold_output", unusable="contradicts itself")) is None
    assert share(changed("national_gold_production", scope="partial", area="one region")) is None
    assert share(changed("asgm_gold_output", scope="partial", area="one region")) is None
    caveat = replace(profile, figures=tuple(replace(f, basis_note="families") if f.id == "livelihoods" else f for f in profile.figures))
    lv = next(s for s in derive(caveat) if s.id == "livelihoods_per_miner")
    assert lv.note == "What the livelihoods count: families."
    assert next(s for s in derive(profile) if s.id == "livelihoods_per_miner").note is None


def test_the_headline_is_the_latest_same_year_pair() -> None:
    profile, _ = build(FIXED)
    gold = next(f for f in profile.figures if f.id == "asgm_gold_output")
    total = next(f for f in profile.figures if f.id == "national_gold_production")
    older = (replace(gold, year=2018, value=gold.value / 2, source="s"), replace(total, year=2018, source="s"))
    undated = (replace(gold, year=None, value=gold.value / 4, preferred=True),)
    p = replace(profile, figures=profile.figures + older + undated)
    [head] = [s for s in derive(p) if s.id == "asgm_share_of_national_output"]
    assert (head.year, head.inputs[0].value) == (2020, gold.value)  # not 2018's, not the preferred undated one
    assert [s.year for s in derive_all_years(p) if s.id == "asgm_share_of_national_output"] == [2018, 2020]


def test_domains() -> None:
    profile, _ = build(FIXED)
    total = next(f for f in profile.figures if f.id == "national_gold_production")

    def share_with(**gold: Any) -> Stat:
        p = replace(profile, figures=tuple(replace(f, **gold) if f.id == "asgm_gold_output" else f
                                           for f in profile.figures))
        return next(s for s in derive(p) if s.id == "asgm_share_of_national_output")

    assert "outside_domain" not in share_with(value=total.value).caveats  # exactly 100 % is possible
    assert "outside_domain" in share_with(value=total.value * 1.001).caveats
    # no qualifier's tolerance hides it: approximately 100.1 % is still above 100
    assert "outside_domain" in share_with(value=total.value * 1.001, qualifier="approximately").caveats
    # a range with one end above 100 % is outside too
    ranged = share_with(value=None, low=total.value / 2, high=total.value * 1.2)
    assert "outside_domain" in ranged.caveats and ranged.outside_domain
    assert not share_with(value=None, low=total.value / 2, high=total.value).outside_domain
    assert rule("mercury_per_gold").holds(0.001) and not rule("mercury_per_gold").holds(0.0)
    assert rule("asgm_share_of_national_output").holds(0.0) and not rule("asgm_share_of_national_output").holds(-0.001)
    for share in ("small_scale_share_by_difference", "small_scale_share_on_top"):  # 0-100 %, both ends possible
        assert rule(share).holds(0.0) and rule(share).holds(100.0), share
        assert not rule(share).holds(-0.001) and not rule(share).holds(100.001), share
    assert rule("informal_value_loss_share").holds(100.0) and not rule("informal_value_loss_share").holds(100.01)
    assert rule("asgm_output_value_usd").holds(0.0)


def test_mixed_bases() -> None:
    def inp(iid: str, basis: str | None) -> Input:
        return Input(iid, 1.0, "t", 2020, basis=basis)

    assert mixed_bases("mercury_per_gold", (inp("a", "estimate"), inp("b", "estimate"))) is None
    assert mixed_bases("mercury_per_gold", (inp("a", "estimate"), inp("b", None))) is None
    assert mixed_bases("mercury_per_gold", (inp("a", "estimate"), inp("b", "exports"))) == (
        "Its inputs count different things (a: estimate; b: exports).")
    worded = Input("national_gold_production", 1.0, "t", 2020, basis_note="USGS: excludes most small-scale output")
    assert mixed_bases("asgm_share_of_national_output", (inp("asgm_gold_output", "production"), worded)) is None


def test_a_range_of_zero_to_zero_as_a_numerator() -> None:
    profile, _ = build(FIXED, ranged="asgm_gold_output", high=0.0)
    profile = replace(profile, figures=tuple(replace(f, low=0.0) if f.id == "asgm_gold_output" else f for f in profile.figures))
    share = derive(profile)[0]
    assert (share.value, share.low, share.high) == (None, 0, 0)


def test_which_observation_an_input_is() -> None:
    profile, _ = build(FIXED)
    gold = next(f for f in profile.figures if f.id == "asgm_gold_output")
    total = next(f for f in profile.figures if f.id == "national_gold_production")
    rest = tuple(f for f in profile.figures if f.id != "asgm_gold_output")

    def share_inputs(*golds: Figure, year: int | None = None) -> tuple[float | None, int | None]:
        st = next(s for s in derive(replace(profile, figures=rest + golds), year=year) if s.id == "asgm_share_of_national_output")
        return st.inputs[0].value, st.inputs[0].year

    # of one year's observations: the preferred one, else a full-year one before a part-year one
    half = replace(gold, value=1.0, period="2020-01/2020-06", source="s2")
    assert share_inputs(half, replace(gold, value=2.0, source="s3"), year=2020) == (2.0, 2020)
    assert share_inputs(replace(gold, value=2.0, source="s3"), replace(gold, value=3.0, preferred=True), year=2020) == (3.0, 2020)
    # a fallback uses the latest year's observation of each input
    older, newer = replace(gold, year=2018, value=4.0), replace(gold, year=2019, value=5.0, source="s2")
    assert share_inputs(older, newer) == (5.0, 2019)
    assert total.year == 2020


def test_share_pairs_for_check() -> None:
    profile, _ = build(FIXED)
    gold = next(f for f in profile.figures if f.id == "asgm_gold_output")
    total = next(f for f in profile.figures if f.id == "national_gold_production")
    others = tuple(f for f in profile.figures if f.id not in ("asgm_gold_output", "national_gold_production"))
    figures = (replace(gold, value=10.0), replace(gold, year=2019, value=20.0, source="s2"),
               replace(gold, year=None, value=30.0, source="s3"), replace(total, value=100.0),
               replace(total, value=50.0, period="2020-01/2020-06", source="s4"),
               replace(total, year=2021, value=0.0, source="s5"))
    got = [(a.value, w.value, st.value, st.year, st.caveats)
           for a, w, st in share_pairs(replace(profile, figures=others + figures))]
    # same year and period; undated against every total; a total of zero is left out; 2019's output pairs with none
    assert got == [(10.0, 100.0, 10, 2020, ("scope_unstated",)),
                   (30.0, 100.0, 30, None, ("undated_input", "scope_unstated")),
                   (30.0, 50.0, 60, None, ("undated_input", "part_year", "scope_unstated"))]


def test_rules_of_the_percent_and_value_statistics() -> None:
    for sid in ("informal_value_loss_share", "asgm_share_of_national_output", "small_scale_share_by_difference"):
        assert rule(sid).holds(0.0) and rule(sid).holds(0.5) and rule(sid).holds(100.0) and not rule(sid).holds(100.5)
    for sid in ("asgm_output_value_usd", "informal_value_loss_usd"):
        assert rule(sid).holds(0.0) and not rule(sid).holds(-1.0)
    for sid in ("mercury_per_gold", "gold_per_miner", "livelihoods_per_miner"):
        assert not rule(sid).holds(0.0) and rule(sid).holds(1e-9)


def test_share_pairs_reaching_meets_only_the_totals_below_its_top() -> None:
    profile, _ = build(FIXED)
    gold = next(f for f in profile.figures if f.id == "asgm_gold_output")
    total = next(f for f in profile.figures if f.id == "national_gold_production")
    others = tuple(f for f in profile.figures if f.id not in ("asgm_gold_output", "national_gold_production"))
    top = 10.0 * 100 / 10.0 * (1 + 1e-9)  # the largest total whose share of 10 t may still reach 10 %
    values = (1000.0, top, 100 * (1 + 2e-9), 100.0, 20.0, 3000.0)  # in the file's order, not sorted
    totals = tuple(replace(total, value=v, source=f"s{n}") for n, v in enumerate(values))
    p = replace(profile, figures=others + (replace(gold, value=10.0),) + totals)

    def wholes(**kw: Any) -> list[float | None]:
        return [w.value for _, w, _ in share_pairs(p, **kw)]

    assert wholes() == list(values)  # no `reaching`: every total, even one giving a third of 1 %
    assert wholes(reaching=10.0) == [top, 100.0, 20.0]  # up to the top exactly, in the file's order
    assert wholes(reaching=0.5) == [1000.0, top, 100 * (1 + 2e-9), 100.0, 20.0]  # a reach below 1 % too


def test_share_pairs_once_uses_the_first_observation_of_each_key() -> None:
    profile, _ = build(FIXED)
    gold = next(f for f in profile.figures if f.id == "asgm_gold_output")
    total = next(f for f in profile.figures if f.id == "national_gold_production")
    others = tuple(f for f in profile.figures if f.id not in ("asgm_gold_output", "national_gold_production"))
    figures = (replace(gold, source="a"), replace(gold, source="b"), replace(total, value=100.0, source="c"),
               replace(total, value=100.0, source="d"), replace(total, value=50.0, source="e"))
    p = replace(profile, figures=others + figures)
    got = [(a.source, w.source) for a, w, _ in share_pairs(p, once=lambda f: f.value)]
    assert got == [("a", "c"), ("a", "e")]
    assert len(list(share_pairs(p))) == 6
    assert [f.source for f in first_each(list(figures), lambda f: f.id)] == ["a", "c"]


def test_by_difference_takes_the_total_from_the_large_mines_own_source() -> None:
    profile, _ = build(FIXED)  # large-scale output 10 t from source "s"
    total = next(f for f in profile.figures if f.id == "national_gold_production")
    rest = tuple(f for f in profile.figures if f.id != "national_gold_production")

    def by_difference(*totals: Figure) -> list[tuple[float | None, str | None]]:
        return [(s.value, s.inputs[0].source) for s in derive(replace(profile, figures=rest + totals))
                if s.id == "small_scale_share_by_difference"]

    other = replace(total, value=80.0, source="s2", preferred=True)
    # the same source's 40 t, (40 - 10) / 40 = 75 %, not the preferred 80 t of another source
    assert by_difference(other, total) == [(75, "s")]
    # no total of that source: the total the rule picks, (80 - 10) / 80 = 87.5 %
    assert by_difference(other) == [(87.5, "s2")]


def test_no_per_community_statistic_without_the_communities_unit() -> None:
    profile, _ = build(FIXED)
    for changes in ({"community_unit": None}, {"communities": None}):
        p = replace(profile, targets=(replace(profile.targets[0], **changes),))
        ids = [s.id for s in derive(p)]
        assert "target_reduction_per_year" in ids and "target_reduction_per_community" not in ids, changes


def test_drawn_inside() -> None:
    from asgm_cli.stats import drawn_inside

    profile, _ = build(FIXED)  # 10 t of ASGM gold, 40 t in all and 10 t of industrial output, all of 2020
    gold = next(f for f in profile.figures if f.id == "asgm_gold_output")
    total, industrial = (f for f in profile.figures if f.id == "national_gold_production")

    def with_(**changes: Any) -> Profile:
        return replace(profile, figures=tuple(replace(f, **changes) if f is gold else f for f in profile.figures))

    assert drawn_inside(profile, total) is gold
    assert drawn_inside(profile, industrial) is None  # small-scale gold comes on top of it
    assert drawn_inside(profile, replace(total, scope="all_sectors")) is gold
    assert drawn_inside(profile, replace(total, year=None)) is None
    assert drawn_inside(profile, replace(total, year=2019)) is None
    assert drawn_inside(profile, replace(total, unusable="wrong")) is None
    assert drawn_inside(profile, replace(total, basis="exports")) is None
    assert drawn_inside(profile, replace(total, period="2020-01/2020-06")) is None
    assert drawn_inside(with_(value=40.0), total) is not None  # all of it: it fits
    assert drawn_inside(with_(value=40.001), total) is None  # more than all of it: it cannot
    assert drawn_inside(with_(value=None, low=5.0, high=41.0), total) is None  # no end may exceed it
    assert drawn_inside(profile, replace(total, value=None, low=9.0, high=50.0)) is None  # nor any end of the total
    assert drawn_inside(with_(unusable="wrong"), total) is None
    assert drawn_inside(with_(basis="exports"), total) is None
