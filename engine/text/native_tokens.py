"""The tokenizer of quotetrace.text.tokens run in the native core, for the native engine.

The `regex` tokenizer takes about 1.2 times the whole bare tokenization pass the
benchmarks compare the engine with; the core's (engine/native/src/tokens.rs) is the same
pattern written out by hand, with the same tokens. What Unicode says of each character
(\\p{Lu}, \\p{Ll}, \\p{L}, \\p{N}, \\p{M}, \\s, \\w) it reads from a table made here by `regex`
itself, so the two cannot disagree on a character's class. The table covers the code
points below TABLE_SIZE (Latin, Greek, Cyrillic and many other scripts, and the general
punctuation with its quotation marks and dashes); a text with a character past it is
tokenized by `regex`. The `regex` engine (--engine python) always uses `regex`, the reference.
"""
from __future__ import annotations

import functools

import regex

from quotetrace.text.tokens import tokenize as regex_tokenize

TABLE_SIZE = 0x2100
# The bits, as engine/native/src/tokens.rs reads them.
CLASSES = ((1, r"\p{Lu}"), (2, r"\p{Ll}"), (4, r"\p{L}"), (8, r"\p{N}"), (16, r"\p{M}"), (32, r"\s"), (64, r"\w"))


def core():
    """The extension module quotetrace._native, or None without the core."""
    try:  # the extension is optional (quotetrace.patterns.native says why it may be missing)
        from quotetrace import _native
    except ImportError:
        return None
    return _native


def regex_classes() -> bytes:
    """The classes of CLASSES per code point below TABLE_SIZE, in one `regex` pass per
    class over a string of every code point of the table (a few ms)."""
    points = "".join(map(chr, range(TABLE_SIZE)))
    flags = bytearray(TABLE_SIZE)
    for bit, pattern in CLASSES:
        for found in regex.finditer(pattern, points, regex.VERSION1):
            flags[found.start()] |= bit
    return bytes(flags)


@functools.lru_cache(maxsize=1)
def _table():
    """The core's TokenTable, or None without the core. Built once per process."""
    native = core()
    if native is None or not hasattr(native, "TokenTable"):
        return None
    return native.TokenTable(regex_classes())


def tokenize(text: str, limit: int | None = None) -> tuple[list[int], list[int]]:
    """quotetrace.text.tokens.tokenize, in the core when it can: the same starts and ends."""
    table = _table()
    if table is not None:
        found = table.tokenize(text, limit)
        if found is not None:
            return found
    return regex_tokenize(text, limit)
