"""Tokenizer.

One `regex` pass over the text; every token is a (start, end) pair of Python string
indices, so `text[start:end]` is always the token. Word tokens keep hyphenated names
(al-Assad), inner apostrophes (O'Brien, isn't) and dotted abbreviations (U.S., and a
lawmaker's party and state, D-N.Y.) whole, so that no period inside them is taken for a
sentence end; the possessive ('s, ’s) is split off so that a name stays a clean name.
"""
from __future__ import annotations

import itertools

import regex

# Alternatives are tried in order; the first that matches at a position wins.
TOKEN_PATTERN = regex.compile(
    r"""
      (?:\p{Lu}\.){2,}(?!\p{L})                       # U.S.  U.N.  D.C.
    | \p{Lu}[-‐‑](?:\p{Lu}\p{Ll}?\.){2,}(?!\p{L})       # D-N.Y.  R-S.C.  D-W.Va.: a party and a dotted state
    | [\p{L}\p{N}][\p{L}\p{M}\p{N}]*                  # a word ...
      (?:[-‐‑][\p{L}\p{N}][\p{L}\p{M}\p{N}]*)*         #   ... al-Assad, ten-point
      (?:['’](?![sS]\b)\p{L}[\p{L}\p{M}]*)*            #   ... O'Brien, isn't, but not Peskov's
      (?:[.,](?<=\p{N}[.,])\p{N}+)*                    #   ... 3.5  100,000
    | ['’][sS]\b                                      # possessive 's  ’s
    | (?<=\S)'(?='')                                  # the single mark of a closing ,''' closes first
    | ''|``                                           # two apostrophes or backticks used as a double quote
    | \.\.\.|--|[^\s]                                  # ellipsis, double dash, any other symbol
    """,
    regex.VERSION1 | regex.VERBOSE,
)

QUOTE_CHARS = frozenset(["\"", "“", "”", "„", "‟", "«", "»", "‘", "’", "'", "‚", "‛", "''", "``"])
DOUBLE_QUOTES = frozenset(["\"", "“", "”", "„", "‟", "«", "»", "''", "``"])
SINGLE_QUOTES = frozenset("‘’'‚‛")


def tokenize(text: str, limit: int | None = None) -> tuple[list[int], list[int]]:
    """Return parallel lists of token starts and ends; with `limit`, stop after limit + 1
    tokens (the caller needs to know only that there are too many)."""
    starts: list[int] = []
    ends: list[int] = []
    add_start, add_end = starts.append, ends.append
    matches = TOKEN_PATTERN.finditer(text)
    if limit is not None:
        matches = itertools.islice(matches, limit + 1)
    for match in matches:
        start, end = match.span()
        add_start(start)
        add_end(end)
    return starts, ends
