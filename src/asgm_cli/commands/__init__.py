"""The commands, one module per subject: ``country`` (one country), ``countries`` (several),
``files`` (profile files); ``options`` holds what they share. ``cli.COMMANDS`` maps each command to
its module, which is imported only when that command runs or help lists it."""
