"""Run as ``python -m asgm_cli``."""

from asgm_cli.entry import main

main()
