"""Quotation spans.

Double quotes (straight and curly) pair within a paragraph; single quotes pair inside a
double quotation, or at top level when both marks are clearly placed. British and
Commonwealth copy quotes the other way round (‘...,’ the minister said, with “...” nested
inside): a top-level single quotation is then the quotation, any double one inside it is
level 2, and it runs over paragraphs as a double one does. An apostrophe
inside a word is part of the word token and never reaches this module. A quote left
open at the end of a paragraph continues when the next paragraph opens with a quote mark
(the news convention for a quotation that runs over several paragraphs); any other
unclosed mark is dropped, so a stray quote never swallows the rest of a document.
A transcript printed as one long quotation opens each speaker's turn with a mark and a
label in capitals ("WALLACE: ...); that mark opens a turn, not a quotation, so each turn
stays its own paragraph.
A curly mark typed the wrong way round (”word or word,“) acts by where it stands, since
news copy has such typos and one unpaired mark blocks every content across it.
"""
from __future__ import annotations

from dataclasses import dataclass

from quotetrace.text.tokens import DOUBLE_QUOTES, SINGLE_QUOTES

OPENING_ONLY = frozenset(["“", "„", "‟", "«", "‘", "‚", "‛", "``"])
CLOSING_ONLY = frozenset("”»’")
MAX_TOP_LEVEL_SINGLE = 80  # tokens: a longer 'quotation' in single marks is not believed ...
CLOSING_PUNCTUATION = frozenset(".,?!")  # ... unless curly marks open it and punctuation closes it
_MARKS = DOUBLE_QUOTES | SINGLE_QUOTES


@dataclass(frozen=True, slots=True)
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
        marks = [i for i in range(first, last) if token_texts[i] in _MARKS]
        marks_by_paragraph.append(marks)

    # Paragraphs whose first token, a quote mark, opens a transcript's turn (once each).
    turns = [_opens_turn(token_texts, first, last) for first, last in paragraph_token_ranges]
    carried = carried_single = False
    for p, (first, last) in enumerate(paragraph_token_ranges):
        marks = marks_by_paragraph[p]
        doubles = [i for i in marks if token_texts[i] in DOUBLE_QUOTES and not (turns[p] and i == first)]
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
            if (next_mark in DOUBLE_QUOTES and _can_open(next_mark, *_flanking(text, starts[next_first], ends[next_first]))
                    and not turns[p + 1]):
                quotes.append(Quote(open_at, last - 1, 1, False, continues))
                carried = True

        singles = [i for i in marks if token_texts[i] in SINGLE_QUOTES]
        found, left_open = [], None
        if singles:
            found, left_open = _single_quotes(text, starts, ends, token_texts, singles, quotes, first, last, carried_single)
        carried_single = False
        if left_open is not None and p + 1 < len(paragraph_token_ranges):
            next_first = paragraph_token_ranges[p + 1][0]
            if next_first < len(token_texts) and token_texts[next_first] in OPENING_ONLY & SINGLE_QUOTES:
                found.append(Quote(left_open[0], last - 1, 1, False, left_open[1]))
                carried_single = True
        for single in found:
            if single.level == 1:  # British nesting: the double quotations inside are level 2
                quotes[:] = [Quote(q.first, q.last, 2, q.closed, q.continues) if q.level == 1 and single.first < q.first and q.last < single.last else q for q in quotes]
        quotes.extend(found)
    quotes.sort(key=lambda q: (q.first, -q.last))
    return quotes


MAX_LABEL_TOKENS = 3  # "WALLACE:", "JAKE TAPPER:", "SEN. COLE:" (the period is a token)


def _opens_turn(token_texts, first, last):
    """The paragraph opens with a double quote mark, then a speaker's label in capitals and a colon."""
    if first >= last or token_texts[first] not in DOUBLE_QUOTES:
        return False
    k = first + 1
    while k < last and k - first <= MAX_LABEL_TOKENS and (token_texts[k] == "." or (
            token_texts[k].isupper() and len(token_texts[k]) > 1)):
        k += 1
    return first + 1 < k < last and token_texts[k] == ":"


def _single_quotes(text, starts, ends, token_texts, singles, quotes, first, last, carried):
    """Pair single marks inside each double quotation of the paragraph, then at top level.

    Returns the quotations and, when a top-level one opened with a curly mark is still
    open at the paragraph's end, (its opening mark, whether it continues one); `carried`
    says that a quotation of the previous paragraph runs on into this one.
    """
    found = []
    enclosing = [(q.first, q.last) for q in quotes if q.level == 1 and first <= q.first < last]
    used = set()
    regions = enclosing + [(first, last - 1)]
    left_open = None
    for region_index, (lo, hi) in enumerate(regions):
        top_level = region_index == len(enclosing)
        open_at = None
        closers = [i for i in singles if lo < i <= hi and _flanking(text, starts[i], ends[i])[1]]
        for i in singles:
            # A region of a double quotation starts at its mark; the paragraph's at its first token.
            if not (lo <= i if top_level else lo < i) or not i < hi + (1 if top_level else 0) or i in used:
                continue
            if top_level and any(a <= i <= b for a, b in enclosing):
                continue
            left, right = _flanking(text, starts[i], ends[i])
            mark = token_texts[i]
            if open_at is None:
                if left and not right and _can_open(mark, left, right):
                    open_at = i
            elif right and _can_close(mark, left, right) and not _plural_possessive(text, starts[i], ends[i], i, closers):
                inner = text[ends[open_at]:starts[i]]
                believed = not top_level or i - open_at <= MAX_TOP_LEVEL_SINGLE or (
                    token_texts[open_at] in OPENING_ONLY and token_texts[i - 1] in CLOSING_PUNCTUATION)
                if believed and len(inner.strip()) > 1:
                    continues = top_level and carried and open_at == first
                    found.append(Quote(open_at, i, 2 if not top_level else 1, True, continues))
                    used.update((open_at, i))
                open_at = None
        if top_level and open_at is not None and token_texts[open_at] in OPENING_ONLY:
            left_open = (open_at, carried and open_at == first)
    return found, left_open


def _plural_possessive(text, start, end, index, closers):
    """A mark after an s with a word after it ("the workers’ pay") while a later mark could
    close the quotation: a possessive, not the end of the quotation."""
    return (start > 0 and text[start - 1] in "sS" and end < len(text) - 1 and text[end].isspace()
            and text[end + 1].isalpha() and any(c > index for c in closers))
