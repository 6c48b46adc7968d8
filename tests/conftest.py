"""Shared fixtures: the engine with the bundled rules, and a way to build small rule packs."""
from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import textwrap
from pathlib import Path

import pytest

from quotetrace.pipeline import Engine

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

# One compiled-pack cache for the whole session, in a fresh folder: the bundled rules are
# compiled once (a fresh machine starts with no cache, so the suite always covers a cold
# start), then every Engine() and every `quotetrace` subprocess, which inherits this
# variable, loads them from there. The user's own cache is never touched. Set
# QUOTETRACE_CACHE_DIR beforehand to keep a cache across sessions instead.
if not os.environ.get("QUOTETRACE_CACHE_DIR"):
    _SESSION_CACHE = tempfile.mkdtemp(prefix="quotetrace-test-cache-")
    os.environ["QUOTETRACE_CACHE_DIR"] = _SESSION_CACHE
    atexit.register(shutil.rmtree, _SESSION_CACHE, ignore_errors=True)


@pytest.fixture(scope="session")
def engine():
    return Engine()


@pytest.fixture
def make_pack(tmp_path):
    """Write YAML files (name -> text) into a fresh folder and return its path."""

    def make(**files):
        folder = tmp_path / "pack"
        folder.mkdir(exist_ok=True)
        for name, text in files.items():
            (folder / f"{name}.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
        return folder

    return make


def spans_slice_back(record, text):
    """Every reported span slices back to its text; returns how many were checked."""
    checked = 0

    def visit(value):
        nonlocal checked
        if isinstance(value, dict):
            if {"start", "end", "text"} <= value.keys():
                assert text[value["start"]:value["end"]] == value["text"]
                checked += 1
            for item in value.values():
                visit(item)
        elif isinstance(value, list):
            for item in value:
                visit(item)

    visit(record)
    return checked


def role_texts(record, role):
    return [" … ".join(f["text"] for f in a["roles"].get(role, [])) for a in record["attributions"]]


def find(record, cue):
    """The attribution whose cue text (fragments joined by a space) is `cue`."""
    for attribution in record["attributions"]:
        if " ".join(f["text"] for f in attribution["roles"]["cue"]) == cue:
            return attribution
    raise AssertionError(f"no attribution with cue {cue!r}; cues: {[' '.join(f['text'] for f in a['roles']['cue']) for a in record['attributions']]}")


def role(attribution, name):
    return " … ".join(f["text"] for f in attribution["roles"].get(name, []))
