"""What start-up does and leaves out: ``cli.COMMANDS``, the table that lets a run import only its
own command's module, against what the modules register; and the garbage collector, held while
modules import and freed for the command's work."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from asgm_cli import cli

ROOT = Path(__file__).resolve().parent.parent


def _python(code: str) -> list[str]:
    """The lines ``python -c code`` prints, in a fresh interpreter (start-up state is per process)."""
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.splitlines()


def test_the_table_names_every_registered_command_in_its_module_and_in_help_order() -> None:
    for module in dict.fromkeys(cli.COMMANDS.values()):
        __import__(f"asgm_cli.{module}")
    registered = {name: info.callback.__module__ for name, info in cli._REGISTRY.items()}
    assert registered == {name: f"asgm_cli.{module}" for name, module in cli.COMMANDS.items()}
    assert list(registered) == list(cli.COMMANDS)  # the modules define them in help's order


def test_help_lists_every_command_in_the_table_order() -> None:
    result = CliRunner().invoke(cli.app, ["--help"], prog_name="asgm")
    assert result.exit_code == 0
    listed = [line.split()[0] for line in result.stdout.split("Commands:")[1].split("\n\n")[0].splitlines()
              if line.startswith("  ")]
    assert listed == list(cli.COMMANDS)


def test_a_run_imports_only_its_own_command_module() -> None:
    code = ("import sys; sys.argv = ['asgm', 'get', 'peru', 'asgm_gold_output']\n"
            "from asgm_cli.cli import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.startswith('asgm_cli.commands.')))")
    assert _python(code) == ["38.7", "['asgm_cli.commands.country', 'asgm_cli.commands.options']"]


def test_the_collector_is_held_while_modules_import_and_freed_for_the_command(tmp_path: Path) -> None:
    (tmp_path / "peru.yaml").write_bytes((ROOT / "data" / "peru.yaml").read_bytes())
    code = ("import gc, sys\n"
            "import asgm_cli.entry\n"
            "held = not gc.isenabled()\n"
            "import asgm_cli.yamlsafe as y\n"
            "parse = y.parse\n"
            "def spy(*a):\n"
            "    print('collector on while parsing:', gc.isenabled(), file=sys.stderr)\n"
            "    return parse(*a)\n"
            "y.parse = spy\n"
            f"sys.argv = ['asgm', 'validate', {str(tmp_path)!r}]\n"
            "try:\n    asgm_cli.entry.main()\nexcept SystemExit as e:\n"
            "    print('held at start:', held, 'frozen:', gc.get_freeze_count() > 10000, 'exit:', e.code, file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stderr.splitlines() == ["collector on while parsing: True", "held at start: True frozen: True exit: 0"]


def test_a_command_run_in_process_leaves_the_collector_as_the_host_has_it() -> None:
    code = ("import gc\n"
            "from typer.testing import CliRunner\n"
            "from asgm_cli.cli import app\n"
            "for state in (False, True):\n"
            "    gc.enable() if state else gc.disable()\n"
            "    r = CliRunner().invoke(app, ['get', 'peru', 'asgm_gold_output'])\n"
            "    print(r.stdout.strip(), gc.isenabled(), gc.get_freeze_count())")
    assert _python(code) == ["38.7 False 0", "38.7 True 0"]


def test_a_deleted_command_stays_deleted() -> None:
    code = ("import typer\n"
            "from asgm_cli.cli import COMMANDS, app\n"
            "commands = typer.main.get_command(app).commands\n"
            "print('get' in commands, len(commands) == len(COMMANDS))\n"
            "del commands['get']\n"
            "print('get' in commands, 'get' in list(commands), len(commands) == len(COMMANDS) - 1)")
    assert _python(code) == ["True True", "False False True"]
