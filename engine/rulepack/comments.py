"""The `# ...` comments inside a pattern, found by the pattern grammar's own lexer.

A `#` inside a quoted string ('#'), a /regex/ or a lexicon filter is no comment, and only
the grammar knows where those end; so the comments are collected while the grammar
parses the pattern, not guessed with a regular expression. The reader then blanks them
out (spaces of the same length), which keeps every offset in the pattern, and so every
error position, as it was, while traces and `explain` show the pattern without its notes.

This module reads the grammar file directly rather than through quotetrace.patterns, so
that the rule pack reader does not depend on the pattern compiler.
"""
from __future__ import annotations

import functools
import threading

import lark

from quotetrace.resources import grammar_path

_found = threading.local()


def _collect(token):
    _found.spans.append((token.start_pos, token.end_pos))
    return token


@functools.lru_cache(maxsize=1)
def _parser() -> lark.Lark:
    grammar = grammar_path("pattern.lark").read_text(encoding="utf-8")
    return lark.Lark(grammar, parser="lalr", lexer_callbacks={"COMMENT": _collect})


def comment_spans(pattern: str) -> list[tuple[int, int]]:
    """(start, end) of each comment. In a pattern that does not parse, the comments read
    before the mistake: the compiler reports the mistake itself, at the same offsets, and
    a comment that swallowed the rest of a folded pattern is often what caused it."""
    if "#" not in pattern:
        return []
    _found.spans = []
    try:
        _parser().parse(pattern)
    except lark.exceptions.LarkError:
        pass
    finally:
        spans, _found.spans = _found.spans, []
    return spans


def blank_comments(pattern: str, spans) -> str:
    """The pattern with each comment replaced by as many spaces."""
    if not spans:
        return pattern
    chars = list(pattern)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)
