"""Run as ``python -m asgm_cli``."""

from asgm_cli.cli import main

main()
