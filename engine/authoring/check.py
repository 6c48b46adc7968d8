"""`quotetrace check`: every problem of a rule pack, as FILE:LINE:COL: severity: message.

Problems go to stdout (tools and editors parse their first line; the offending line and a
caret follow, indented), a one-line summary to stderr, so a clean check still says what it
checked.
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from quotetrace.authoring.diagnostics import show
from quotetrace.patterns.cache import compiled_pack
from quotetrace.resources import default_rules_dir
from quotetrace.rulepack.pack import STAGES


def check(rules_dir=None, cache: bool = True) -> int:
    """Print the pack's problems; the exit status: 1 when any is an error, else 0."""
    root = Path(rules_dir) if rules_dir else default_rules_dir()
    pack = compiled_pack(root, cache)  # the problems, warnings included, travel with a cached pack
    problems = sorted(set(pack.problems))
    files = {}  # the pack's files, read once, for the excerpts
    for problem in problems:
        print(show(problem, root, pack, files))  # its line, then the file's line with a caret
    errors = sum(p.severity == "error" for p in problems)
    if pack.files:
        print(pack_summary(root, pack, errors, len(problems) - errors), file=sys.stderr)
    return 1 if errors else 0


def pack_summary(root, pack, errors: int, warnings: int) -> str:
    """One line: files, rules per stage, lexicons, definitions, errors, warnings."""
    by_stage = Counter(rule.stage for rule in pack.rules)
    stages = ", ".join(f"{stage} {by_stage[stage]}" for stage in STAGES if by_stage[stage]) or "none"
    return (f"{root}: {_count(len(pack.files), 'file')}, {_count(len(pack.rules), 'rule')} ({stages}), "
            f"{_count(len(pack.lexicons), 'lexicon')}, {_count(len(pack.definitions), 'definition')}: "
            f"{_count(errors, 'error')}, {_count(warnings, 'warning')}")


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"
