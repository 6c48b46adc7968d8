"""Paragraphs: runs of text separated by a blank line (any line-ending convention).

A document that has no blank line at all (one paragraph per line, as many scrapers
write it) is split at every line break instead.
"""
from __future__ import annotations

import regex

LINE_BREAK = r"(?:\r\n|[\n\r\u2028\u0085])"
BLANK_LINE = regex.compile(rf"{LINE_BREAK}[^\S\r\n\u2028\u2029\u0085]*{LINE_BREAK}\s*|\u2029\s*")
ANY_LINE_BREAK = regex.compile(rf"{LINE_BREAK}\s*|\u2029\s*")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of paragraphs, white space at their edges excluded."""
    separator = BLANK_LINE if BLANK_LINE.search(text) else ANY_LINE_BREAK
    spans = []
    position = 0
    for match in separator.finditer(text):
        spans.append((position, match.start()))
        position = match.end()
    spans.append((position, len(text)))
    trimmed = []
    for start, end in spans:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            trimmed.append((start, end))
    return trimmed
