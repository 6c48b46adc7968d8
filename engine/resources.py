"""Where the bundled rule pack and grammars are, installed or in a checkout.

A wheel carries them in engine/_bundled/ (see setup.py); an editable install or a
plain checkout uses the top-level folders, so an edit to rules/ takes effect at once.
"""
from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _locate(folder: str) -> Path:
    checkout = _PACKAGE.parent / folder
    if checkout.is_dir() and (_PACKAGE.parent / "pyproject.toml").is_file():
        return checkout
    bundled = _PACKAGE / "_bundled" / folder
    if bundled.is_dir():
        return bundled
    raise FileNotFoundError(f"cannot find the bundled {folder}/ folder; reinstall quotetrace")


def default_rules_dir() -> Path:
    return _locate("rules")


def grammar_path(name: str) -> Path:
    return _locate("grammars") / name


def schema_path(name: str) -> Path:
    return _PACKAGE / "schemas" / name
