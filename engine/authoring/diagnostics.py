"""How `quotetrace check` shows a problem: its one line, then the line of the file it
points at with a caret under the column, as compilers do.

The first line stays exactly `FILE:LINE:COL: severity: message`, which editors and scripts
parse; the excerpt follows on lines that start with spaces and a bar, so no tool can take
them for a problem. A reference to a definition, lexicon or label that does not exist
also gets the nearest name that does (a typo is the usual cause), in place of the list of
every known name, which for the bundled pack runs to dozens.
"""
from __future__ import annotations

import difflib
import re
from pathlib import Path

from quotetrace.errors import Problem
from quotetrace.rulepack.pack import BUILTIN_LABELS

WIDTH = 110  # longest excerpt shown; a longer line is cut around the column

_UNKNOWN = [
    # (what the compiler's message says, the kind of name, how the name is written)
    (re.compile(r"unknown definition '\{(?P<name>\w+)\}' \(definitions: [^)]*\)"), "definitions", "{{{}}}"),
    (re.compile(r"unknown lexicon '@(?P<name>[\w-]+)' \(lexicons: [^)]*\)"), "lexicons", "@{}"),
    (re.compile(r"unknown label '<(?P<name>\w+)>'"), "labels", "<{}>"),
]


def known_names(pack) -> dict:
    labels = set(BUILTIN_LABELS) | set(getattr(pack, "label_parents", {}) or {})
    for rule in pack.rules:
        labels.update(rule.labels)
    return {"definitions": sorted(pack.definitions), "lexicons": sorted(pack.lexicons), "labels": sorted(labels)}


def with_suggestion(problem: Problem, pack) -> Problem:
    """The problem, naming the nearest known definition, lexicon or label when it is
    about an unknown one and a close name exists."""
    names = None
    for pattern, kind, spelling in _UNKNOWN:
        found = pattern.search(problem.message)
        if found is None:
            continue
        names = names or known_names(pack)
        close = difflib.get_close_matches(found["name"], names[kind], n=1, cutoff=0.6)
        if not close:
            return problem
        suggestion = f"; did you mean '{spelling.format(close[0])}'?"
        if kind == "labels":  # the message goes on to say where labels come from: the suggestion goes last
            message = problem.message + suggestion
        else:  # the list of every known name gives way to the nearest one
            head = found.group(0)
            message = problem.message[: found.start()] + head[: head.index(" (")] + suggestion + problem.message[found.end():]
        return Problem(problem.file, problem.line, problem.column, problem.severity, message)
    return problem


def excerpt(path: Path, line: int, column: int, cache: dict | None = None) -> list[str]:
    """The file's line `line` and a caret under `column` (both 1-based), as gutter lines;
    nothing when the file or the line cannot be read or the line is blank."""
    cache = {} if cache is None else cache
    if path not in cache:
        try:
            cache[path] = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            cache[path] = None
    lines = cache[path]
    if not lines or not 1 <= line <= len(lines) or not lines[line - 1].strip():
        return []
    text = lines[line - 1]
    at = max(0, min(column - 1, len(text)))
    if len(text) > WIDTH:
        start = max(0, min(at - WIDTH // 2, len(text) - WIDTH))
        shown = ("…" if start else "") + text[start:start + WIDTH] + ("…" if start + WIDTH < len(text) else "")
        at = at - start + (1 if start else 0)
        text = shown
    pad = "".join(c if c == "\t" else " " for c in text[:at])
    gutter = str(line)
    return [f" {gutter} | {text}", f" {' ' * len(gutter)} | {pad}^"]


def show(problem: Problem, root, pack=None, cache: dict | None = None) -> str:
    """The problem's line (file named from the current folder) and its excerpt."""
    if pack is not None:
        problem = with_suggestion(problem, pack)
    path = Path(root) / problem.file
    return "\n".join([problem.under(root)] + excerpt(path, problem.line, problem.column, cache))
