"""quotetrace: rule-based extraction of attributions and actors from news text.

    import quotetrace

    result = quotetrace.extract("Mayor Ann Lee said the bridge would reopen in May.")
    for attribution in result.attributions:
        print(attribution.text_of("source"), attribution.text_of("cue"), attribution.text_of("content"))

The package layout follows the data flow:
text -> rulepack (lexicons, rules) -> patterns -> stages -> actors -> attributions -> output.
The front door is here: `extract`, `Engine` (with `pipe`), the typed results, `load_rules`,
`to_dataframe`, and the one exception a rule pack raises, `RulePackError` (docs/api.md).
Names are imported on first use, so `quotetrace --version` starts without the engine.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"
OUTPUT_SCHEMA_VERSION = "quotetrace/2"

if TYPE_CHECKING:  # the names below, for type checkers and editors
    from quotetrace.errors import Problem, RulePackError
    from quotetrace.pipeline import Engine
    from quotetrace.results import Actor, Attribution, Evidence, LexiconHit, Link, Mention, Result, RuleInfo, Span, Trace
    from quotetrace.tables import to_dataframe

_LAZY = {
    "Engine": "quotetrace.pipeline",
    "RulePackError": "quotetrace.errors",
    "Problem": "quotetrace.errors",
    "Result": "quotetrace.results",
    "Attribution": "quotetrace.results",
    "Span": "quotetrace.results",
    "Actor": "quotetrace.results",
    "Mention": "quotetrace.results",
    "Trace": "quotetrace.results",
    "RuleInfo": "quotetrace.results",
    "LexiconHit": "quotetrace.results",
    "Link": "quotetrace.results",
    "Evidence": "quotetrace.results",
    "to_dataframe": "quotetrace.tables",
}

__all__ = ["__version__", "OUTPUT_SCHEMA_VERSION", "extract", "load_rules", "sources", *_LAZY]

_DEFAULT_ENGINE = None


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'quotetrace' has no attribute {name!r}")


def load_rules(rules=None) -> "Engine":
    """An Engine for a rule pack folder (default: the bundled pack); raises RulePackError."""
    from quotetrace.pipeline import Engine

    return Engine(rules)


def sources(records, *, by: str | None = None, rules=None):
    """The roster of who gets quoted in a corpus (`quotetrace sources`): `records` are output
    records (dicts, Results, or paths of JSON Lines files that quotetrace extract wrote),
    read once, as they come. `by`: a kept metadata field to count per value of. Returns a
    quotetrace.roster.Roster (docs/sources.md); close it, or use `with`, to remove its files.
    """
    from pathlib import Path

    from quotetrace.roster import build_roster
    from quotetrace.roster.records import read_records

    if isinstance(records, (str, Path)):
        records = [records]

    def each():
        for item in records:
            if isinstance(item, (str, Path)):
                yield from read_records([item])
            else:
                yield item

    return build_roster(each(), by=by, rules=rules)


def extract(text: str, *, rules=None, id: str | None = None, meta: dict | None = None) -> "Result":
    """Attributions and actors of one text, with the bundled rules unless `rules` names a pack.

    The engine for the bundled pack is made once per process and reused; another pack is
    loaded for each call (keep an `Engine` for many texts). Bad text never raises: the
    result's `status` says why. A rule pack with errors raises RulePackError.
    """
    global _DEFAULT_ENGINE
    if rules is not None:
        return load_rules(rules).extract(text, id=id, meta=meta)
    if _DEFAULT_ENGINE is None:
        _DEFAULT_ENGINE = load_rules()
    return _DEFAULT_ENGINE.extract(text, id=id, meta=meta)
