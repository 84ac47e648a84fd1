"""bench/results.json is shared by every benchmark of `make bench`: each one replaces only its own keys."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def read(out: Path) -> dict[str, Any]:
    return json.loads(out.read_text()) if out.exists() else {}


def save(out: Path, sections: dict[str, Any]) -> None:
    """Write ``sections`` over their keys in ``out``; the other benchmarks' keys stay."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(read(out) | sections, indent=2, ensure_ascii=False) + "\n")
