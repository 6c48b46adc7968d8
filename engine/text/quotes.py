"""Quotation spans.

Double quotes (straight and curly) pair within a paragraph; single quotes pair inside a
double quotation, or at top level when both marks are clearly placed. An apostrophe
inside a word is part of the word token and never reaches this module. A quote left
open at the end of a paragraph continues when the next paragraph opens with a quote mark
(the news convention for a quotation that runs over several paragraphs); any other
unclosed mark is dropped, so a stray quote never swallows the rest of a document.
A curly mark typed the wrong way round (”word or word,“) acts by where it stands, since
news copy has such typos and one unpaired mark blocks every content across it.
"""
from __future__ import annotations

from dataclasses import dataclass

from quotetrace.text.tokens import DOUBLE_QUOTES, SINGLE_QUOTES

OPENING_ONLY = frozenset(["“", "„", "‟", "«", "‘", "‚", "‛", "``"])
CLOSING_ONLY = frozenset("”»’")
MAX_TOP_LEVEL_SINGLE = 80  # tokens: a longer 'quotation' in single marks is not believed


@dataclass(frozen=True)
class Quote:
    first: int          # token index of the opening mark
    last: int           # token index of the closing mark (or the paragraph's last token)
    level: int          # 1: a quotation; 2: a quotation inside one
    closed: bool        # False when it runs on into the next paragraph
    continues: bool     # True when it continues a quotation of the previous paragraph


def _flanking(text, start, end):
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    left = not after.isspace() and (before.isspace() or before in "([{—–-/\"“‘'")
    right = not before.isspace() and (after.isspace() or after in ".,;:!?)]}—–-\"”’'")
    return left, right


def _can_open(mark, left, right):
    if mark in OPENING_ONLY:
        return True
    if mark in CLOSING_ONLY:
        return left and not right  # a closing mark typed where an opening one belongs: ”get close
    return left or not right


def _can_close(mark, left, right):
    if mark in CLOSING_ONLY:
        return True
    if mark in OPENING_ONLY:
        return right and not left  # an opening mark typed where a closing one belongs: not,“ he said
    return right or not left


def quote_spans(text, starts, ends, token_texts, paragraph_token_ranges):
    """All quotations, ordered by their opening mark."""
    quotes: list[Quote] = []
    marks_by_paragraph = []
    for first, last in paragraph_token_ranges:
        marks = [i for i in range(first, last) if token_texts[i] in DOUBLE_QUOTES or token_texts[i] in SINGLE_QUOTES]
        marks_by_paragraph.append(marks)

    carried = False
    for p, (first, last) in enumerate(paragraph_token_ranges):
        marks = marks_by_paragraph[p]
        doubles = [i for i in marks if token_texts[i] in DOUBLE_QUOTES]
        open_at = None
        continues = False
        for i in doubles:
            left, right = _flanking(text, starts[i], ends[i])
            mark = token_texts[i]
            if open_at is None:
                if _can_open(mark, left, right):
                    open_at = i
                    continues = carried and i == first
            elif _can_close(mark, left, right):
                quotes.append(Quote(open_at, i, 1, True, continues))
                open_at = None
            elif _can_open(mark, left, right):
                open_at = i  # the earlier mark was never closed: drop it
                continues = False
        carried = False
        if open_at is not None and p + 1 < len(paragraph_token_ranges):
            next_first = paragraph_token_ranges[p + 1][0]
            next_mark = token_texts[next_first] if next_first < len(token_texts) else ""
            if next_mark in DOUBLE_QUOTES and _can_open(next_mark, *_flanking(text, starts[next_first], ends[next_first])):
                quotes.append(Quote(open_at, last - 1, 1, False, continues))
                carried = True

        singles = [i for i in marks if token_texts[i] in SINGLE_QUOTES]
        if singles:
            quotes.extend(_single_quotes(text, starts, ends, token_texts, singles, quotes, first, last))
    quotes.sort(key=lambda q: (q.first, -q.last))
    return quotes


def _single_quotes(text, starts, ends, token_texts, singles, quotes, first, last):
    """Pair single marks inside each double quotation of the paragraph, then at top level."""
    found = []
    enclosing = [(q.first, q.last) for q in quotes if q.level == 1 and first <= q.first < last]
    used = set()
    regions = enclosing + [(first, last - 1)]
    for region_index, (lo, hi) in enumerate(regions):
        top_level = region_index == len(enclosing)
        open_at = None
        for i in singles:
            if not lo < i < hi + (1 if top_level else 0) or i in used:
                continue
            if top_level and any(a <= i <= b for a, b in enclosing):
                continue
            left, right = _flanking(text, starts[i], ends[i])
            mark = token_texts[i]
            if open_at is None:
                if left and not right and _can_open(mark, left, right):
                    open_at = i
            elif right and _can_close(mark, left, right):
                inner = text[ends[open_at]:starts[i]]
                if (not top_level or i - open_at <= MAX_TOP_LEVEL_SINGLE) and len(inner.strip()) > 1:
                    found.append(Quote(open_at, i, 2 if not top_level else 1, True, False))
                    used.update((open_at, i))
                open_at = None
    return found
