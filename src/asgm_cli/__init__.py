"""asgm: ASGM country fact sheets on the command line."""

__version__ = "0.1.0"
