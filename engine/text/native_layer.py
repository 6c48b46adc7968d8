"""The text layer of quotetrace.text.document run in the native core, for the native engine.

document.analyse takes some 0.9 ms a document in Python (sentences alone 0.25 ms), more than
the whole bare tokenization pass the benchmarks compare the engine with. The core
(engine/native/src/layer.rs and the modules it calls: paragraphs.rs, sentences.rs,
quotes.rs) takes the same steps and gives the same tokens, sentences, paragraphs,
quotations, context flags and possessive forms, in the same Python string offsets.

It reads nothing of Unicode on its own: what Python's str methods (isspace, isupper,
islower, isdigit, isalpha) say of each code point is a table made here by calling them, and
the marks and words the layer compares tokens with are the Python modules' own sets, handed
over when the table is made. A text with a character past the table (or a document the core
cannot read) goes through document.analyse with the `regex` tokenizer, the reference, as
the `regex` engine (--engine python) always does.
"""
from __future__ import annotations

import functools

from quotetrace.budget import WorkLimitExceeded
from quotetrace.text import document, quotes, sentences, tokens
from quotetrace.text.native_tokens import TABLE_SIZE, core, regex_classes

# The bits of each character, as engine/native/src/text.rs reads them.
PY_SPACE, PY_UPPER, PY_LOWER, PY_TITLE, PY_DIGIT, PY_ALPHA = 1, 2, 4, 8, 16, 32

# The sets the layer compares tokens with, by the names text.rs knows them by.
SETS = {
    "closers": sentences.CLOSERS,
    "openers": sentences.OPENERS,
    "double_quotes": tokens.DOUBLE_QUOTES,
    "single_quotes": tokens.SINGLE_QUOTES,
    "opening_only": quotes.OPENING_ONLY,
    "closing_only": quotes.CLOSING_ONLY,
    "closing_punctuation": quotes.CLOSING_PUNCTUATION,
    "sentence_closers": document.SENTENCE_CLOSERS,
    "abbreviations": sentences.ABBREVIATIONS,
    "number_abbreviations": sentences.NUMBER_ABBREVIATIONS,
    "sentence_openers": sentences.SENTENCE_OPENERS,
}


def str_classes() -> bytes:
    """What Python's str methods say of each code point below TABLE_SIZE. A title-case
    letter that is not upper case gets PY_TITLE: a string holding one is not isupper()."""
    flags = bytearray(TABLE_SIZE)
    for point in range(TABLE_SIZE):
        char = chr(point)
        flags[point] = ((PY_SPACE if char.isspace() else 0) | (PY_UPPER if char.isupper() else 0) | (PY_LOWER if char.islower() else 0)
                        | (PY_TITLE if char.istitle() and not char.isupper() else 0) | (PY_DIGIT if char.isdigit() else 0)
                        | (PY_ALPHA if char.isalpha() else 0))
    return bytes(flags)


def _lower_cases_to_ascii_only_from_ascii() -> bool:
    """The core looks a token's lower-cased form up in the word sets only when the token is
    ASCII; that is right while no other code point of the table lower-cases to ASCII alone."""
    return not any(chr(point).lower().isascii() for point in range(0x80, TABLE_SIZE))


@functools.lru_cache(maxsize=1)
def _table():
    """The core's TokenTable with the text layer's tables, or None without the core (or
    with a Python whose Unicode data breaks the core's assumption)."""
    native = core()
    if native is None or not hasattr(native, "TokenTable") or not _lower_cases_to_ascii_only_from_ascii():
        return None
    return native.TokenTable(regex_classes(), str_classes(), [(name, sorted(members)) for name, members in SETS.items()])


def available() -> bool:
    return _table() is not None


def analyse(text: str, doc_id: str = "doc", max_tokens: int | None = None, max_sentence_tokens: int | None = None,
            max_paragraph_tokens: int | None = None) -> document.Document:
    """document.analyse, in the core when it can: the same Document."""
    table = _table()
    found = table.layer(text, max_tokens, max_sentence_tokens, max_paragraph_tokens) if table is not None else None
    if found is None:
        return document.analyse(text, doc_id, max_tokens, max_sentence_tokens, max_paragraph_tokens, tokens.tokenize)
    starts, ends, token_texts, sentence_ranges, paragraphs, quote_tuples, context, possessives, long_sentences, long_paragraphs = found
    if max_tokens is not None and len(starts) > max_tokens:
        raise WorkLimitExceeded(document.too_many_tokens(max_tokens))
    notes = []
    if long_sentences:
        notes.append(document.sentence_cut_note(long_sentences, starts, max_sentence_tokens))
    if long_paragraphs:
        notes.append(document.paragraph_cut_note(long_paragraphs, starts, max_paragraph_tokens))
    quotations = [quotes.Quote(*quote) for quote in quote_tuples]
    forms = token_texts
    if possessives:
        forms = list(token_texts)
        for index in possessives:
            forms[index] = "'s"
    return document.Document(doc_id, text, starts, ends, token_texts, sentence_ranges, paragraphs, quotations, context, forms, notes)
