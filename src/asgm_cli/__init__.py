"""asgm: ASGM country fact sheets on the command line, and the same data as a Python API.

``asgm_cli.load``, ``profiles``, ``figures``, ``stats``, ``check``, ``cite`` and ``to_dataframe`` (see
``asgm_cli.api``) and the exceptions ``AsgmError``, ``DataError``, ``LookupFailed`` and
``UsageFailed`` are loaded on first use: the ``asgm`` command imports this package first, and
its start-up must not pay for the API (nor must ``import asgm_cli`` pull in yaml or pandas).
"""

import sys

__version__ = "0.1.0"

# Without importing typing (the `asgm` start-up path does not need it yet); mypy reads this as
# typing.TYPE_CHECKING.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from asgm_cli.api import Record as Record, check as check, cite as cite, figures as figures, load as load
    from asgm_cli.api import profiles as profiles, stats as stats, to_dataframe as to_dataframe
    from asgm_cli.errors import AsgmError as AsgmError, DataError as DataError
    from asgm_cli.errors import LookupFailed as LookupFailed, UsageFailed as UsageFailed

_API = ("Record", "load", "profiles", "figures", "stats", "check", "cite", "to_dataframe")
_ERRORS = ("AsgmError", "DataError", "LookupFailed", "UsageFailed")
__all__ = ["__version__", *_API, *_ERRORS]


def __getattr__(name: str) -> object:
    if name in _API:
        from asgm_cli import api

        return getattr(api, name)
    if name in _ERRORS:
        from asgm_cli import errors

        return getattr(errors, name)
    raise AttributeError(f"module 'asgm_cli' has no attribute '{name}'")


class _Package(type(sys)):  # type: ignore[misc]
    """This package's module type: the API functions keep their names against same-named submodules.

    Importing a submodule sets it as an attribute of its package, so the first ``import
    asgm_cli.check`` (the ``check`` command does one) would turn ``asgm_cli.check`` from the
    API function into the module. Submodules are still found in ``sys.modules`` by ``from
    asgm_cli.check import ...``.
    """

    def __setattr__(self, name: str, value: object) -> None:
        if name in _API and isinstance(value, type(sys)):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
