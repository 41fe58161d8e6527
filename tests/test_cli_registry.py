"""``cli.COMMANDS``, the table that lets a run import only its own command's module, against
what the command modules register."""

from __future__ import annotations

import subprocess
import sys

from typer.testing import CliRunner

from asgm_cli import cli


def test_the_table_names_every_registered_command_in_its_module_and_in_help_order() -> None:
    for module in dict.fromkeys(cli.COMMANDS.values()):
        __import__(f"asgm_cli.{module}")
    registered = {name: info.callback.__module__ for name, info in cli._REGISTRY.items()}
    assert registered == {name: f"asgm_cli.{module}" for name, module in cli.COMMANDS.items()}
    assert list(registered) == list(cli.COMMANDS)  # the modules define them in help's order


def test_help_lists_every_command_in_the_table_order() -> None:
    result = CliRunner().invoke(cli.app, ["--help"], prog_name="asgm")
    assert result.exit_code == 0
    listed = [line.split()[0] for line in result.stdout.split("Commands:")[1].splitlines() if line.startswith("  ")]
    assert listed == list(cli.COMMANDS)


def test_a_run_imports_only_its_own_command_module() -> None:
    code = ("import sys; sys.argv = ['asgm', 'get', 'peru', 'asgm_gold_output']\n"
            "from asgm_cli.cli import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.startswith('asgm_cli.cli_')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == ["38.7", "['asgm_cli.cli_country', 'asgm_cli.cli_options']"]
