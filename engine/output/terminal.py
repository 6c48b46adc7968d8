"""Text that is safe to show in a terminal.

Records carry what the input held: a document id, a kept field or a quotation may hold an
escape sequence (ESC [ ...) that would recolour, retitle or clear the reader's terminal,
bidirectional overrides that reorder what is shown, or line breaks that fake a line of
output. Whatever quotetrace prints for people (the text format, messages on stderr) passes
through `printable`, which spells each such character as an escape (\\x1b, \\u202e) instead.
"""
from __future__ import annotations

import regex

# C0 and C1 controls and DEL; line and paragraph separators; bidirectional embeddings,
# overrides and isolates; lone surrogates (which a terminal cannot show anyway).
_UNSAFE = regex.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escape(match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text) -> str:
    """`text` (any value, shown as str) with every character that could act on a terminal escaped."""
    text = str(text)
    return _UNSAFE.sub(_escape, text) if _UNSAFE.search(text) else text
