"""The registry: every built-in component is found by its versioned name; unknown names say what exists."""

from __future__ import annotations

import pytest

from warwatch import registry
from warwatch.config import PipelineConfig
from warwatch.errors import ConfigError


@pytest.mark.parametrize(
    ("kind", "name"),
    [
        (registry.events, PipelineConfig().events),
        (registry.actors, PipelineConfig().actors),
        (registry.geocoders, PipelineConfig().geocoder),
        (registry.dates, PipelineConfig().dates),
        (registry.claims, PipelineConfig().claims),
    ],
)
def test_registry_builtins_are_entry_points(kind, name) -> None:
    assert callable(registry.resolve(kind, name))


def test_registry_unknown_name_lists_the_known_ones() -> None:
    with pytest.raises(ConfigError, match=r"unknown events component 'rules\.v9'; known: rules\.v1"):
        registry.resolve(registry.events, "rules.v9")


def test_registry_config_refuses_unknown_keys() -> None:
    with pytest.raises(ValueError):
        PipelineConfig(evnts="rules.v1")  # type: ignore[call-arg]
