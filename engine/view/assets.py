"""The page's stylesheet and script, read from files beside this module and inlined into
every page, so that a report opens with no network and nothing beside it."""
from __future__ import annotations

import functools
from pathlib import Path

_FOLDER = Path(__file__).resolve().parent / "static"


@functools.lru_cache(maxsize=None)
def _read(name: str) -> str:
    return (_FOLDER / name).read_text(encoding="utf-8")


def inline_style() -> str:
    return _read("view.css")


def inline_script() -> str:
    # A script element ends at the first "</script", whatever the script means by it.
    return _read("view.js").replace("</script", "<\\/script")
