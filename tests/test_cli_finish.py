"""The command line as a whole: help at every width, one option vocabulary, one error prefix,
errors that lead somewhere, aliases, `asgm indicators`, `check --summary` and the pager."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import typer

from asgm_cli.cli import COMMANDS, app
from tests.conftest import MINIMAL, run, run_json, write_profile

ASGM = str(Path(sys.executable).parent / "asgm")
WIDTHS = (40, 60, 80, 120)


def _help(args: list[str], width: int) -> str:
    result = run(*args, "--help", env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_has_a_short_whole_summary_and_an_example(name: str) -> None:
    summary = typer.main.get_command(app).commands[name].get_short_help_str()
    assert summary.endswith(".") and not summary.endswith("..."), summary
    assert len(summary) <= 60, summary  # one line beside the longest command name at 80 columns
    text = _help([name], 80)
    examples = text.split("Example")[1]
    assert re.search(rf"^\s+asgm {name}\b", examples, re.M), text


@pytest.mark.parametrize("width", WIDTHS)
def test_root_help_lists_every_summary_whole_on_one_line(width: int) -> None:
    text = _help([], width)
    commands = text.split("Commands:\n")[1].split("\n\n")[0]
    for name in COMMANDS:
        summary = typer.main.get_command(app).commands[name].get_short_help_str()
        if width >= 80:
            assert re.search(rf"^  {name} +{re.escape(summary)}$", commands, re.M), commands
        else:
            assert summary.split()[-1] in commands
    assert not re.search(r"\w\.\.\.$", commands, re.M)  # nothing cut short
    assert "asgm show peru" in text  # the root help has examples too


@pytest.mark.parametrize("name", ["", *COMMANDS])
@pytest.mark.parametrize("width", WIDTHS)
def test_help_fits_the_width_and_breaks_no_word(name: str, width: int) -> None:
    args = [name] if name else []
    text = _help(args, width)
    too_long = [line for line in text.splitlines() if len(line) > width]
    assert too_long == [], too_long
    # Wrapping moves whole words: the words are those of the widest layout, in the same order.
    assert text.split() == _help(args, 200).split() or _words(text) == _words(_help(args, 200))


def _words(text: str) -> list[str]:
    """The words of a help text, the definition lists' columns aside (their layout differs by width)."""
    return sorted(text.split())


@pytest.mark.parametrize("name", list(COMMANDS))
def test_help_lists_only_options_the_command_takes(name: str) -> None:
    command = typer.main.get_command(app).commands[name]
    takes = {o for p in command.params for o in p.opts + p.secondary_opts} | {"--help"}
    said = set(re.findall(r"(?<![\w-])--[a-z][a-z-]*", _help([name], 200).split("Example")[0]))
    assert said <= takes, said - takes


@pytest.mark.parametrize("name", [n for n in COMMANDS if n not in ("get", "schema", "template", "validate", "datapackage", "site")])
def test_every_format_help_lists_is_accepted(name: str) -> None:
    command = typer.main.get_command(app).commands[name]
    fmt = next((p for p in command.params if "--format" in p.opts), None)
    assert fmt is not None, f"{name} prints records or a document but has no --format"
    args = {"show": ["peru"], "figures": ["peru"], "series": ["peru", "production"], "stats": ["peru"],
            "strategies": ["peru"], "sources": ["peru"], "compare": ["peru", "ghana"], "rank": ["asgm_gold_output"],
            "check": ["peru"], "cite": ["peru"]}.get(name, [])
    for choice in fmt.type.choices:
        result = run(name, *args, "--format", choice)
        assert result.exit_code in (0, 1) and "Invalid value" not in result.stderr, (choice, result.stderr)
        assert result.stdout, choice


def test_record_commands_share_one_format_vocabulary() -> None:
    every = {"table", "text", "json", "jsonl", "csv", "tsv", "markdown"}
    for name in ("figures", "series", "stats", "strategies", "sources", "list", "indicators", "compare", "rank", "check",
                 "coverage", "show"):
        command = typer.main.get_command(app).commands[name]
        fmt = next(p for p in command.params if "--format" in p.opts)
        assert set(fmt.type.choices) == every, name


def test_show_prints_markdown_and_csv() -> None:
    markdown = run("show", "peru", "--format", "markdown")
    assert markdown.exit_code == 0 and markdown.stdout.startswith("# Peru")
    assert markdown.stdout == run("show", "peru", "--export", "-").stdout
    csv = run("show", "peru", "--format", "csv")
    assert csv.stdout.splitlines()[0].startswith("country,kind,id,label,value")
    assert csv.stdout == run("figures", "peru", "--format", "csv").stdout


def test_text_is_the_table_without_colour_or_boxes() -> None:
    result = run("strategies", "peru", "--format", "text", env={"COLUMNS": "80"})
    assert result.exit_code == 0
    assert result.stdout.startswith("Key strategies\n==============\n")
    assert "\x1b" not in result.stdout and "│" not in result.stdout


def test_version_short_and_long() -> None:
    assert run("-V").stdout == run("--version").stdout == "asgm 0.1.0\n"


@pytest.mark.parametrize("args", [["show", "peru", "--bogus"], ["--bogus"], ["show"], ["programme", "--format", "csv"]])
def test_usage_errors_have_the_one_prefix(args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 2
    last = result.stderr.splitlines()[-1]
    assert last.startswith("asgm: error: ") and "Error:" not in result.stderr, result.stderr


@pytest.mark.parametrize(("query", "message"), [
    ("usa", "asgm: error: 'usa' is not a planetGOLD country with a profile (asgm list shows the 18 with a profile)\n"),
    ("Nigeria", "asgm: error: Nigeria is in planetGOLD's GOLD+ (second phase) but has no profile here (asgm list shows "
                "the 18 with a profile)\n"),
    ("peruu", "asgm: error: unknown country 'peruu'; did you mean 'peru'? (asgm list shows the 18 with a profile)\n"),
])
def test_unknown_countries_lead_somewhere(query: str, message: str) -> None:
    for command in (["show", query], ["get", query, "asgm_gold_output"], ["figures", query], ["compare", query, "peru"]):
        result = run(*command)
        assert (result.exit_code, result.stdout, result.stderr) == (1, "", message), command


@pytest.mark.parametrize("query", ["ivory_coast", "Ivory Coast", "cote d'ivoire", "Côte d'Ivoire", "cote-d-ivoire", "CI"])
def test_country_aliases_are_accepted_everywhere(query: str) -> None:
    assert run_json("show", query, "--json")["country"]["id"] == "cote_d_ivoire"
    assert run("get", query, "asgm_gold_output").exit_code == 0
    assert {r["country"] for r in run_json("compare", query, "peru", "--json")} == {"cote_d_ivoire", "peru"}


def test_production_is_an_alias_everywhere() -> None:
    assert run("get", "peru", "production").stdout == run("get", "peru", "national_gold_production").stdout == "99.7\n"
    assert run("series", "peru", "production").stdout == run("series", "peru", "national_gold_production").stdout
    assert {r["indicator"] for r in run_json("compare", "peru", "ghana", "--indicators", "production", "--json")} == \
        {"national_gold_production"}
    assert run_json("rank", "production", "--json")[0]["indicator"] == "national_gold_production"
    assert run("show", "peru", "--chart", "production").exit_code == 0


@pytest.mark.parametrize("command", [["get", "peru", "mercury"], ["series", "peru", "mercury"],
                                     ["compare", "peru", "ghana", "--indicators", "mercury"], ["rank", "mercury"],
                                     ["show", "peru", "--chart", "mercury"]])
def test_unknown_ids_name_the_nearest_and_asgm_indicators(command: list[str]) -> None:
    result = run(*command)
    assert (result.exit_code, result.stdout) == (1, "")
    assert "did you mean 'asgm_mercury_emissions'" in result.stderr
    assert result.stderr.endswith(" (asgm indicators lists every indicator)\n")


def test_indicators_gold_finds_the_gold_indicators() -> None:
    records = run_json("indicators", "gold", "--json")
    ids = [r["id"] for r in records]
    assert ids[:4] == ["asgm_miners", "asgm_gold_output", "asgm_share_of_national_gold", "national_gold_production"]
    assert all("gold" in (r["id"] + r["label"] + (r["definition"] or "")).casefold() for r in records)
    gold = records[1]
    assert gold["unit"] == "t/yr" and gold["shared"] is True
    assert "mercury_per_gold" in gold["statistics"] and "asgm_share_of_national_output" in gold["statistics"]
    assert gold["countries"] == len(gold["country_ids"]) and "peru" in gold["country_ids"]
    assert 2019 in gold["years"] and gold["years"] == sorted(gold["years"])


def test_indicators_table_and_no_match() -> None:
    text = run("indicators", "gold", "--format", "text", env={"COLUMNS": "80"}).stdout
    assert text.startswith("Shared indicators\n")
    assert "asgm_gold_output\n  Unit: t/yr · Countries: " in text
    missing = run("indicators", "zzzq")
    assert (missing.exit_code, missing.stdout) == (1, "")
    assert missing.stderr == ("asgm: error: no indicator's id, label or definition contains 'zzzq' "
                              "(asgm indicators lists every indicator)\n")
    every = run_json("indicators", "--json")
    assert [r["id"] for r in every][:2] == ["asgm_miners", "asgm_employment"]
    assert len(every) > 13


def test_check_summary_is_one_line_per_country() -> None:
    result = run("check", "--summary", "--format", "tsv")
    lines = result.stdout.splitlines()
    assert lines[0] == "country\terrors\twarnings\tnotes\tsummary"
    assert len(lines) == 1 + 18
    records = json.loads(run("check", "peru", "ghana", "--summary", "--json").stdout)
    findings = json.loads(run("check", "peru", "--json").stdout)
    assert records[0]["country"] == "peru"
    assert records[0]["warnings"] == sum(f["severity"] == "warning" for f in findings)


def test_check_groups_by_country_with_counts_errors_first(tmp_path: Path) -> None:
    # An ASGM output (10 t in 2020) above national production in the same year is impossible: an error.
    whole = ("  - {id: national_gold_production, label: National gold production, value: 5, unit: t, qualifier: null,\n"
             "     year: 2020, source: src, quote: \"5 tonnes\"}\n")
    write_profile(tmp_path, MINIMAL.replace("sources:", whole + "sources:"))
    result = run("check", "peru", "testland", "--format", "text", "--data-dir", str(tmp_path), env={"COLUMNS": "100"})
    assert result.exit_code == 1
    titles = [line for line in result.stdout.splitlines() if re.match(r"^(Testland|Peru): ", line)]
    assert titles[0].startswith("Testland: 1 error")
    assert titles[1].startswith("Peru: ")


def test_api_lists_its_public_names_and_raises_plainly() -> None:
    code = ("import asgm_cli; print(dir(asgm_cli) == sorted(asgm_cli.__all__), 'figure' in dir(asgm_cli),"
            " 'sys' in dir(asgm_cli), 'TYPE_CHECKING' in dir(asgm_cli))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out == "True True False False\n"
    import asgm_cli

    assert asgm_cli.figure("peru", "production")["value"] == 99.7
    assert asgm_cli.figure("peru", "asgm_gold_output", year=2019)["value"] == 27.7
    with pytest.raises(asgm_cli.UsageFailed, match="^gold_price must be"):
        asgm_cli.stats("peru", gold_price=-1)
    assert run("stats", "peru", "--gold-price", "-1").stderr.startswith("asgm: error: --gold-price must be")
    assert run("stats", "peru", "--year", "2022", "--all-years").stderr == \
        "asgm: error: choose --year or --all-years, not both\n"


# ---------------------------------------------------------------------------------------- pager


def _on_a_terminal(args: list[str], env: dict[str, str], lines: int = 20) -> str:
    """Run the installed asgm with stdout on a pseudo-terminal; what reached the terminal."""
    import pty

    parent, child = pty.openpty()
    full = {**os.environ, "LINES": str(lines), "COLUMNS": "80", "TERM": "xterm", **env}
    for var in ("ASGM_PAGER", "PAGER"):
        if var not in env:
            full.pop(var, None)
    proc = subprocess.Popen([ASGM, *args], stdout=child, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
                            env=full, close_fds=True)
    os.close(child)
    chunks = []
    while True:
        try:
            chunk = os.read(parent, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    proc.wait(timeout=60)
    os.close(parent)
    return b"".join(chunks).decode("utf-8", "replace")


def test_a_tall_output_on_a_terminal_goes_through_the_pager(tmp_path: Path) -> None:
    paged = tmp_path / "paged.txt"
    seen = _on_a_terminal(["check", "--no-color"], {"ASGM_PAGER": f"cat > {paged}", "PAGER": "false"})
    assert seen == ""
    assert re.match(r"[A-Z][^\n]*: \d+ (error|warning|note)", paged.read_text(encoding="utf-8"))


def test_pager_order_and_opt_outs(tmp_path: Path) -> None:
    paged = tmp_path / "paged.txt"
    seen = _on_a_terminal(["check", "--no-color"], {"PAGER": f"cat > {paged}"})
    assert seen == "" and paged.exists()
    paged.unlink()
    seen = _on_a_terminal(["check", "--no-color", "--no-pager"], {"ASGM_PAGER": f"cat > {paged}"})
    assert "Bolivia: " in seen and not paged.exists()
    seen = _on_a_terminal(["strategies", "peru", "--no-color"], {"ASGM_PAGER": f"cat > {paged}"}, lines=200)
    assert "Key strategies" in seen and not paged.exists()  # shorter than the screen: no pager


def test_never_a_pager_in_a_pipe(tmp_path: Path) -> None:
    paged = tmp_path / "paged.txt"
    env = {**os.environ, "ASGM_PAGER": f"cat > {paged}", "LINES": "5"}
    done = subprocess.run([ASGM, "check"], capture_output=True, text=True, env=env, timeout=60)
    assert done.stdout.startswith("country\tseverity") and not paged.exists()


def test_a_missing_pager_prints_straight_through(tmp_path: Path) -> None:
    seen = _on_a_terminal(["check", "--no-color"], {"ASGM_PAGER": "no-such-pager-asgm"})
    assert "Bolivia: " in seen


def test_show_json_is_unchanged_by_the_pager_code() -> None:
    assert json.loads(run("show", "peru", "--json").stdout)["country"]["id"] == "peru"


def _complete(words: str) -> list[str]:
    env = {**os.environ, "_ASGM_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(len(words.split()) - 1)}
    return subprocess.run([ASGM], capture_output=True, text=True, env=env, timeout=60).stdout.split()


def test_completion_leads_to_ids_each_command_takes() -> None:
    assert _complete("asgm rank asgm_m") == ["asgm_miners", "asgm_mercury_emissions", "asgm_mercury_use"]
    assert _complete("asgm compare peru ghana --indicators asgm_gold_output,asgm_mer") == [
        "asgm_gold_output,asgm_mercury_emissions", "asgm_gold_output,asgm_mercury_use"]
    assert _complete("asgm show peru --chart asgm_g") == ["asgm_gold_output"]
    assert _complete("asgm show peru --chart pro") == ["production"]
    # series takes figures only: no statistic is offered that it would then reject
    offered = _complete("asgm series peru a")
    assert "asgm_gold_output" in offered and "asgm_share_of_national_output" not in offered
    for fid in offered:
        assert run("series", "peru", fid, "--json").exit_code == 0, fid
