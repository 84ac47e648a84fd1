"""warwatch's exceptions: the library raises these, the edges (CLI, API) translate them.

    WarwatchError
    ├── InputError        empty, binary, undecodable, malformed or too large input
    ├── ConfigError       unknown component or bad setting (lists the valid choices)
    ├── GazetteerError    the gazetteer is missing or unreadable
    └── StoreError        the store is outdated, unreachable or refused a write

Messages say what happened, where (file, line, field) and what to do next.
"""


class WarwatchError(Exception):
    """Base of every error warwatch raises on purpose."""


class InputError(WarwatchError):
    """An input could not be read as an article."""


class ConfigError(WarwatchError):
    """A configuration names something that does not exist or is invalid."""


class GazetteerError(WarwatchError):
    """The offline gazetteer cannot be used."""


class StoreError(WarwatchError):
    """The event store cannot be opened, migrated or written."""
