"""Sentence splitter for news text.

A sentence ends at . ! ? or an ellipsis, after any closing quotes and brackets that
follow it, when the next token could start a sentence (capital, digit, opening quote).
It does not end after a title or other abbreviation (Sen. Gov. Sept. Dr. Jr.), an
initial (J. Smith), or a dotted abbreviation (U.S.) unless a typical sentence opener
follows. Paragraph ends and line breaks before a capital always end a sentence.
Only punctuation tokens and line breaks are visited, never every token.
"""
from __future__ import annotations

import bisect

import regex

ABBREVIATIONS = frozenset(
    """mr mrs ms messrs dr prof sen sens rep reps gov govs lt gen col maj capt sgt cmdr adm
    pres rev hon st jr sr inc corp co ltd bros jan feb mar apr jun jul aug sep sept oct nov dec
    no nos vs v ft mt ave blvd dept univ gop approx fig al ex""".split()
)
# Abbreviations only before a number: "No. 5", "Fig. 2"; "she said no." ends a sentence.
NUMBER_ABBREVIATIONS = frozenset("no nos fig".split())

# After a dotted abbreviation such as U.S., these words almost always open a new sentence.
SENTENCE_OPENERS = frozenset(
    """the a an he she it they we i you his her its their this that these those there but and
    so yet in on at for as if when while after before since although though however meanwhile
    still also mr mrs ms most many some several both all each few others what why how who
    where which our my your then now today yesterday according""".split()
)

TERMINALS = frozenset([".", "!", "?", "...", "…"])
CLOSERS = frozenset(["\"", "”", "’", "'", "»", ")", "]", "}", "''"])
OPENERS = frozenset(["\"", "“", "‘", "'", "«", "(", "[", "{", "``"])

_CANDIDATE = regex.compile(r"\.\.\.|[.!?…]|(?:\r\n|[\n\r\u2028\u2029\u0085])")


def sentence_spans(text, starts, ends, paragraphs):
    """Token index ranges [first, last+1) of sentences, never crossing a paragraph."""
    n = len(starts)
    if n == 0:
        return []
    boundaries = set()  # token indices after which a sentence ends

    for para_start, _ in paragraphs[1:]:
        first = bisect.bisect_left(starts, para_start)
        if 0 < first <= n:
            boundaries.add(first - 1)

    for match in _CANDIDATE.finditer(text):
        char = match.group()
        if char in TERMINALS:
            i = bisect.bisect_left(starts, match.start())  # the token starting here, if one does
            if i == n or starts[i] != match.start() or ends[i] != match.end():
                # A dotted abbreviation ending in this period (U.S.) is its own token.
                i = bisect.bisect_right(starts, match.start()) - 1
                if i < 0 or ends[i] != match.end() or "." not in text[starts[i]:ends[i] - 1]:
                    continue
                j = _after_closers(text, starts, ends, i)
                if j >= n or text[starts[j]:ends[j]].lower() in SENTENCE_OPENERS:
                    boundaries.add(j - 1)
                continue
            if char == "." and _is_abbreviation_period(text, starts, ends, i):
                continue
            j = _after_closers(text, starts, ends, i)
            if j >= n or _can_open_sentence(text[starts[j]:ends[j]]):
                boundaries.add(j - 1)
        else:
            # A line break inside a paragraph: ends the sentence before a capital or quote.
            j = bisect.bisect_left(starts, match.end())
            if 0 < j < n and _can_open_sentence(text[starts[j]:ends[j]]):
                boundaries.add(j - 1)

    spans = []
    first = 0
    for last in sorted(boundaries):
        if last >= first:
            spans.append((first, last + 1))
            first = last + 1
    if first < n:
        spans.append((first, n))
    return spans


def _after_closers(text, starts, ends, i):
    """Index of the first token after i and the closing quotes/brackets glued to it."""
    j = i + 1
    n = len(starts)
    while j < n and text[starts[j]:ends[j]] in CLOSERS and starts[j] == ends[j - 1]:
        j += 1
    return j


def _is_abbreviation_period(text, starts, ends, i):
    if i == 0 or starts[i] != ends[i - 1]:
        return False
    previous = text[starts[i - 1]:ends[i - 1]]
    if previous.lower() in NUMBER_ABBREVIATIONS:
        return i + 1 < len(starts) and text[starts[i + 1]:starts[i + 1] + 1].isdigit()
    if previous.lower() in ABBREVIATIONS:
        return True
    return len(previous) == 1 and previous.isupper()  # an initial: J. Smith


def _can_open_sentence(token):
    first = token[0]
    return first.isupper() or first.isdigit() or first in OPENERS or first in "—-•*"
