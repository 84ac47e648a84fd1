"""JSON export (``json.v1``): the events document of ``shared/schema/events.schema.json``.

In: events (streamed) and a binary output. Out: UTF-8 JSON ``{"events": [...]}``, one event a
line, each exactly ``Event.to_dict()``; written as the events arrive, so nothing is held in
memory. The document's optional ``articles`` list is left out: the events carry article ids.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO

from ..model import Event


class JsonExporter:
    """Writes the events document, streaming."""

    suffix = ".json"

    def write(self, events: Iterable[Event], out: IO[bytes]) -> None:
        out.write(b'{"events": [')
        separator = b"\n"
        for event in events:
            out.write(separator + json.dumps(event.to_dict(), ensure_ascii=False).encode("utf-8"))
            separator = b",\n"
        out.write(b"\n]}\n")


def json_exporter() -> JsonExporter:
    """Entry point ``json.v1``."""
    return JsonExporter()
