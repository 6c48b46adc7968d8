"""A document after the text layer: the text plus its tokens, sentences, paragraphs and quotations.

Everything downstream speaks in token indices; `span_of` turns token ranges back into
character offsets of the original text.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

import regex

from quotetrace.budget import WorkLimitExceeded
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


@dataclass(slots=True)
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
    punctuation or the document's first paragraph (where sites put the headline). A first
    paragraph closed like a sentence is one when its last word is lower case or it has a
    lower-case word of five letters or more: title case lowers only short function words
    ("Ana Ruiz of the Harbor Council spoke.", "... said.", "... would meet ...")."""
    closed = tokens[last - 1] in SENTENCE_CLOSERS
    if paragraph_index != 0 and closed:
        return False  # most paragraphs: no need to look at their words
    words = [t for t in tokens[first:last] if len(t) > 3 and t[0].isalpha()]
    if len(words) < 3 or sum(1 for t in words if t[0].isupper()) < 0.7 * len(words):
        return False
    if closed:
        alphabetic = [t for t in tokens[first:last] if t[0].isalpha()]
        if alphabetic[-1][0].islower() or any(len(t) > 4 and t[0].islower() for t in alphabetic):
            return False
    return True


SENTENCE_CLOSERS = frozenset((".", "!", "?", "”", '"', "’", "'"))


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


def analyse(text: str, doc_id: str = "doc", max_tokens: int | None = None, max_sentence_tokens: int | None = None,
            max_paragraph_tokens: int | None = None, tokenizer=tokenize) -> Document:
    """The text layer of a document. Past `max_tokens` tokens, WorkLimitExceeded (counted
    before anything else is built); sentences longer than `max_sentence_tokens` and
    paragraphs longer than `max_paragraph_tokens` are cut (quotetrace.budget says why), with
    a note. `tokenizer`: quotetrace.text.tokens.tokenize, or one that gives the same tokens
    (the native engine's, quotetrace.text.native_tokens)."""
    starts, ends = tokenizer(text, max_tokens)
    if max_tokens is not None and len(starts) > max_tokens:
        raise WorkLimitExceeded(too_many_tokens(max_tokens))
    tokens = [text[s:e] for s, e in zip(starts, ends)]
    n = len(tokens)
    notes = []
    char_paragraphs = paragraph_spans(text)
    paragraphs = []
    for p_start, p_end in char_paragraphs:
        first = bisect.bisect_left(starts, p_start)
        last = bisect.bisect_left(starts, p_end)
        if last > first:
            paragraphs.append((first, last))
    sentences = sentence_spans(text, starts, ends, char_paragraphs)
    if max_sentence_tokens is not None:
        sentences, note = cut_long_sentences(sentences, starts, max_sentence_tokens)
        if note:
            notes.append(note)
    if max_paragraph_tokens is not None:
        paragraphs, note = cut_long_paragraphs(paragraphs, sentences, starts, max_paragraph_tokens)
        if note:
            notes.append(note)
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
    return Document(doc_id, text, starts, ends, tokens, sentences, paragraphs, quotes, context, forms, notes)


def cut_long_paragraphs(paragraphs, sentences, starts, limit: int):
    """(paragraphs, note): each paragraph longer than `limit` tokens cut at the last sentence
    start that keeps a piece within the limit (at the limit itself when no sentence starts
    there), and a note saying how many were cut, or ""."""
    if all(last - first <= limit for first, last in paragraphs):
        return paragraphs, ""
    sentence_firsts = [first for first, _ in sentences]
    cut, long_ones = [], []
    for first, last in paragraphs:
        if last - first > limit:
            long_ones.append((first, last))
        while last - first > limit:
            index = bisect.bisect_right(sentence_firsts, first + limit) - 1
            end = sentence_firsts[index] if index >= 0 and sentence_firsts[index] > first else first + limit
            cut.append((first, end))
            first = end
        cut.append((first, last))
    return cut, paragraph_cut_note(long_ones, starts, limit)


def cut_long_sentences(sentences, starts, limit: int):
    """(sentences, note): each sentence longer than `limit` tokens cut into pieces of `limit`
    tokens (the last one shorter), and a note saying how many were cut, or ""."""
    if all(last - first <= limit for first, last in sentences):
        return sentences, ""
    cut = []
    long_ones = []
    for first, last in sentences:
        if last - first > limit:
            long_ones.append((first, last))
        while last - first > limit:
            cut.append((first, first + limit))
            first += limit
        cut.append((first, last))
    return cut, sentence_cut_note(long_ones, starts, limit)


def too_many_tokens(max_tokens: int) -> str:
    """Why a document past `max_tokens` gets an error record."""
    return f"document has more than {max_tokens} tokens (max_tokens, --max-tokens)"


def sentence_cut_note(long_ones, starts, limit: int) -> str:
    """The record's note for the sentences (token ranges as they were) cut at `limit`."""
    return _cut_note("sentence", " without a sentence end", f"every {limit} tokens", long_ones, starts, limit, "max_sentence_tokens")


def paragraph_cut_note(long_ones, starts, limit: int) -> str:
    """The record's note for the paragraphs (token ranges as they were) cut at `limit`."""
    return _cut_note("paragraph", "", "at sentence starts", long_ones, starts, limit, "max_paragraph_tokens")


def _cut_note(unit: str, why: str, how: str, long_ones, starts, limit: int, option: str) -> str:
    """The record's note for the runs of text a work limit cut (tokens, not time: the same
    on every run)."""
    count = len(long_ones)
    longest = max(last - first for first, last in long_ones)
    return (f"{count} {unit}{'s' if count > 1 else ''} ran on for more than {limit} tokens{why} "
            f"(the first at offset {starts[long_ones[0][0]]}, the longest {longest} tokens) and {'were' if count > 1 else 'was'} cut {how} "
            f"({option}, --{option.replace('_', '-')})")
