"""A document after the text layer: the text plus its tokens, sentences, paragraphs and quotations.

Everything downstream speaks in token indices; `span_of` turns token ranges back into
character offsets of the original text.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

import regex

from quotetrace.text.paragraphs import paragraph_spans
from quotetrace.text.quotes import Quote, quote_spans
from quotetrace.text.sentences import sentence_spans
from quotetrace.text.tokens import tokenize

# Bits of a token's context flags.
SENTENCE_START = 2
SENTENCE_END = 16
IN_QUOTE = 4
PARAGRAPH_START = 1
HEADLINE = 8  # the paragraph is a headline: written in title case (see _is_headline)


@dataclass
class Document:
    id: str
    text: str
    starts: list[int]
    ends: list[int]
    tokens: list[str]
    sentences: list[tuple[int, int]]
    paragraphs: list[tuple[int, int]]
    quotes: list[Quote]
    context: list[int]
    forms: list[str]  # what each token is matched as (see possessive_forms)
    notes: list[str] = field(default_factory=list)
    _quote_firsts: list | None = field(default=None, repr=False)
    _sentence_firsts: list | None = field(default=None, repr=False)

    def __len__(self) -> int:
        return len(self.tokens)

    def span_of(self, first: int, last: int) -> tuple[int, int]:
        """Character span of the tokens first..last-1."""
        return self.starts[first], self.ends[last - 1]

    def quote_at(self, token: int) -> Quote | None:
        """The innermost quotation that contains the token, if any."""
        if not self.context[token] & IN_QUOTE:
            return None
        firsts = self._quote_firsts
        if firsts is None:
            firsts = self._quote_firsts = [q.first for q in self.quotes]
        best = None
        # Quotations nest at most two deep, so only the last few that open before it matter.
        for index in range(bisect.bisect_right(firsts, token) - 1, -1, -1):
            quote = self.quotes[index]
            if quote.first <= token <= quote.last:
                if best is None or quote.first > best.first:
                    best = quote
            elif quote.level == 1 and quote.last < token:
                break
        return best

    def sentence_index(self, token: int) -> int:
        firsts = self._sentence_firsts
        if firsts is None:
            firsts = self._sentence_firsts = [s for s, _ in self.sentences]
        return bisect.bisect_right(firsts, token) - 1


def _is_headline(tokens, first, last, paragraph_index) -> bool:
    """A paragraph in title case: most longer words capitalised, and either no closing
    punctuation or the document's first paragraph (where sites put the headline)."""
    words = [t for t in tokens[first:last] if t[0].isalpha() and len(t) > 3]
    if len(words) < 3 or sum(1 for t in words if t[0].isupper()) < 0.7 * len(words):
        return False
    return paragraph_index == 0 or tokens[last - 1] not in (".", "!", "?", "”", '"', "’", "'")


# A single quote mark glued to a word ending in s and followed by white space or the end.
_PLURAL_POSSESSIVE = regex.compile(r"(?<=[sS])['’](?=\s|$)")


def possessive_forms(text, starts, tokens, quotes) -> list[str]:
    """The tokens as rules see them: a plural possessive apostrophe is matched as 's.

    "Sanders’ apology", "the voters' mood": the tokenizer cannot tell this apostrophe from
    a closing single quote, but once quotations are paired, such a mark that opens or
    closes none is a possessive. Rules then treat it like the 's of "Peskov's" instead of
    as a stray quote mark.
    """
    forms = tokens
    marks = None
    for match in _PLURAL_POSSESSIVE.finditer(text):
        if marks is None:
            forms = list(tokens)
            marks = {q.first for q in quotes} | {q.last for q in quotes}
        index = bisect.bisect_left(starts, match.start())
        if index not in marks and tokens[index] in ("'", "’"):
            forms[index] = "'s"
    return forms


def analyse(text: str, doc_id: str = "doc") -> Document:
    starts, ends = tokenize(text)
    tokens = [text[s:e] for s, e in zip(starts, ends)]
    n = len(tokens)
    char_paragraphs = paragraph_spans(text)
    paragraphs = []
    for p_start, p_end in char_paragraphs:
        first = bisect.bisect_left(starts, p_start)
        last = bisect.bisect_left(starts, p_end)
        if last > first:
            paragraphs.append((first, last))
    sentences = sentence_spans(text, starts, ends, char_paragraphs)
    quotes = quote_spans(text, starts, ends, tokens, paragraphs)

    context = [0] * n
    for first, last in sentences:
        context[first] |= SENTENCE_START
        context[last - 1] |= SENTENCE_END
    for first, _ in paragraphs:
        context[first] |= PARAGRAPH_START
    for index, (first, last) in enumerate(paragraphs):
        if _is_headline(tokens, first, last, index):
            for i in range(first, last):
                context[i] |= HEADLINE
    for quote in quotes:
        for i in range(quote.first, quote.last + 1):
            context[i] |= IN_QUOTE
    forms = possessive_forms(text, starts, tokens, quotes)
    return Document(doc_id, text, starts, ends, tokens, sentences, paragraphs, quotes, context, forms)
