"""The token stream that compiled patterns run over.

Each token becomes a fixed number K of private-use code points, one per *dimension*:

    [word][shape][regex bits ...][word class][context][label bits ...]

- word: which word of the rule pack's vocabulary the token is (its lowercased form),
  or "other"; plane-15 code points, which appear at token starts only, so a pattern
  can never match out of step with the tokens;
- shape: capitalisation and character classes (%cap, %upper, %digit, %punct, ...);
- regex bits: for each /regex/ test of the pack, whether the token matches it;
- word class: which combination of parts of speech the dictionary gives the word
  (quotetrace.text.wordclasses), present only in packs that test one (%noun, %verb ...);
- context: sentence start and end, paragraph start, inside a quotation;
- label bits: for each label of an earlier stage (actor, name, quote, ...), whether the
  token begins (B) or continues (I) a span with that label.

A token test is a character class per dimension, so a whole pattern is one `regex`
program run in C over the stream; token index = character offset // K. The word, shape,
regex and word-class dimensions depend on the token's text only and are cached across documents.
"""
from __future__ import annotations

import time
from collections.abc import Mapping

import regex

from quotetrace.budget import OutOfTime, current_deadline
from quotetrace.text.document import HEADLINE, IN_QUOTE, PARAGRAPH_START, SENTENCE_END, SENTENCE_START
from quotetrace.text import wordclasses
from quotetrace.text.tokens import QUOTE_CHARS
from quotetrace.text.words import normalise

WORD_BASE = 0xF0000
WORD_LIMIT = 0xFFFFD
SHAPE_BASE = 0xE100
CONTEXT_BASE = 0xE000
BITS_BASE = 0xE200
CLASS_BASE = 0xE400  # up to the end of the private use area, U+F8FF: 5,375 combinations
CLASS_LIMIT = 0xF8FF
BITS_PER_CHUNK = 6

SHAPE_FLAGS = {"title": 1, "upper": 2, "digit": 4, "alpha": 8, "punct": 16, "cap": 32, "quote": 64, "lower": 128}
CONTEXT_FLAGS = {"sentstart": SENTENCE_START, "sentend": SENTENCE_END, "inquote": IN_QUOTE, "parastart": PARAGRAPH_START, "headline": HEADLINE}
CONTEXT_SIZE = 32
WORD_CLASS_FLAGS = wordclasses.CLASSES
FLAG_NAMES = tuple(SHAPE_FLAGS) + tuple(CONTEXT_FLAGS) + ("outquote",) + WORD_CLASS_FLAGS
# Each cached token type takes about 180 bytes: 100,000 of them hold every distinct token of
# the ~900 PolNeAR articles (34,000) with room to spare, and cost under 20 MB per worker.
# At 500,000 they took up to 90 MB in each worker on a large archive.
TYPE_CACHE_LIMIT = 100_000


def shape_of(text: str) -> int:
    bits = 0
    first = text[0]
    has_letter = any(c.isalpha() for c in text)
    has_digit = any(c.isdigit() for c in text)
    if first.isupper():
        bits |= SHAPE_FLAGS["cap"]
        if has_letter and text[1:] == text[1:].lower():
            bits |= SHAPE_FLAGS["title"]
    if has_letter and not any(c.islower() for c in text):
        bits |= SHAPE_FLAGS["upper"]
    if first.islower():
        bits |= SHAPE_FLAGS["lower"]
    if has_digit:
        bits |= SHAPE_FLAGS["digit"]
    if has_letter and all(c.isalpha() or c in "-'’." for c in text):
        bits |= SHAPE_FLAGS["alpha"]
    if not has_letter and not has_digit:
        bits |= SHAPE_FLAGS["punct"]
    if text in QUOTE_CHARS:
        bits |= SHAPE_FLAGS["quote"]
    return bits


class Encoding:
    def __init__(self, vocabulary: dict[str, int], regexes: list, labels: list[str], regex_timeout: float = 1.0, uses=None,
                 word_classes: bool = False):
        self.vocabulary = vocabulary
        self.regexes = regexes  # compiled regex objects, by bit index
        self.labels = labels
        self.label_index = {label: i for i, label in enumerate(labels)}
        self.regex_chunks = (len(regexes) + BITS_PER_CHUNK - 1) // BITS_PER_CHUNK
        labels_per_chunk = BITS_PER_CHUNK // 2  # a begin bit and an inside bit each
        self.label_chunks = (len(labels) + labels_per_chunk - 1) // labels_per_chunk
        # A pack that tests no word class pays nothing for the layer: no character, no lookup.
        self.word_classes = word_classes
        self.class_offset = 2 + self.regex_chunks if word_classes else None
        self.context_offset = 2 + self.regex_chunks + (1 if word_classes else 0)
        self.label_offset = self.context_offset + 1
        self.width = self.label_offset + self.label_chunks
        # Where each bit goes. A test of one bit is a class of all the chunk values with
        # that bit set: one range of code points for a chunk's top bit, 32 ranges for its
        # bottom bit, and `regex` checks a class range by range. So the bits rules test most
        # (`uses`: ("label", name) or ("regex", index) -> number of tests) take the top bits.
        uses = uses or {}
        ranked = sorted(range(len(regexes)), key=lambda i: (-uses.get(("regex", i), 0), i))
        self._regex_slots = {}
        for rank, index in enumerate(ranked):
            chunk, level = rank % self.regex_chunks, rank // self.regex_chunks
            self._regex_slots[index] = (2 + chunk, 1 << (BITS_PER_CHUNK - 1 - level))
        ranked = sorted(labels, key=lambda label: (-uses.get(("label", label), 0), self.label_index[label]))
        self._label_slots = {}
        for rank, label in enumerate(ranked):
            chunk, level = rank % self.label_chunks, rank // self.label_chunks
            inside = 1 << (BITS_PER_CHUNK - 1 - 2 * level)  # inside tests outnumber begin tests
            self._label_slots[label, True] = (self.label_offset + chunk, inside)
            self._label_slots[label, False] = (self.label_offset + chunk, inside >> 1)
        self.regex_timeout = regex_timeout
        self.empty_labels = chr(BITS_BASE) * self.label_chunks
        self.context_chars = [chr(CONTEXT_BASE + i) for i in range(CONTEXT_SIZE)]
        self.bits_chars = [chr(BITS_BASE + i) for i in range(1 << BITS_PER_CHUNK)]
        self._types: dict[str, str] = {}
        self._timed_out: dict[str, list[int]] = {}  # token text -> regexes that ran out of time on it

    # --- positions of the dimensions within one token -------------------------
    @property
    def word_of(self) -> dict[int, str]:
        """Word id -> word, made once per vocabulary (one per rule made compiling a large pack
        quadratic). Recomputed when compile_fragment lends the encoding another vocabulary."""
        cached = self.__dict__.get("_word_of")
        if cached is None or cached[0] is not self.vocabulary:
            cached = self.__dict__["_word_of"] = (self.vocabulary, {i: w for w, i in self.vocabulary.items()})
        return cached[1]

    def __getstate__(self):
        state = dict(self.__dict__)
        state.pop("_word_of", None)  # derived: not worth its bytes in the compiled-pack cache
        return state

    def regex_position(self, index: int) -> tuple[int, int]:
        return self._regex_slots[index]

    def label_position(self, label: str, inside: bool) -> tuple[int, int]:
        return self._label_slots[label, inside]

    # --- the stream ---------------------------------------------------------
    def type_string(self, text: str) -> str:
        cached = self._types.get(text)
        if cached is not None:
            return cached
        encoded = self.encode_type(text)
        if len(self._types) >= TYPE_CACHE_LIMIT:
            self._types.clear()
            self._timed_out.clear()
        self._types[text] = encoded
        return encoded

    def encode_type(self, text: str) -> str:
        """The type string of a token matched as `text`, made afresh (type_string caches it;
        the native matcher caches it in the core). A /regex/ test that runs out of time counts
        as not matching, and the token is remembered for timeouts_in."""
        word = chr(WORD_BASE + self.vocabulary.get(normalise(text), 0))
        shape = chr(SHAPE_BASE + shape_of(text))
        chunks = [0] * self.regex_chunks
        deadline = current_deadline()  # the document's time budget (quotetrace.budget) bounds these tests too
        for index, compiled in enumerate(self.regexes):
            timeout = self.regex_timeout
            if deadline is not None:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise OutOfTime("token encoding")
                timeout = min(timeout, left)
            try:
                hit = compiled.fullmatch(text, timeout=timeout) is not None
            except TimeoutError:
                if deadline is not None and time.monotonic() >= deadline:
                    raise OutOfTime("token encoding") from None  # the document's budget, not the test's: nothing cached
                hit = False  # bounded cost; the documents with this token say so in their records
                self._timed_out.setdefault(text, []).append(index)
            if hit:
                position, bit = self._regex_slots[index]
                chunks[position - 2] |= bit
        encoded = word + shape + "".join(chr(BITS_BASE + c) for c in chunks)
        if self.word_classes:
            encoded += chr(CLASS_BASE + wordclasses.signature_of(text))
        return encoded

    def forget_timeouts(self) -> None:
        """Forget which tokens ran a /regex/ test out of time: their types are made afresh
        (a cache of types was emptied), and the tests may not run out of time again."""
        self._timed_out.clear()

    def type_strings(self, tokens: list[str]) -> list[str]:
        found = list(map(self._types.get, tokens))
        if None in found:  # a type not seen before (rare once the cache is warm)
            found = [cached or self.type_string(token) for cached, token in zip(found, tokens)]
        return found

    @staticmethod
    def words_present(type_strings: list[str]) -> set[int]:
        """Vocabulary ids of the document's words: rules needing a word it lacks are skipped."""
        return {ord(t[0]) - WORD_BASE for t in set(type_strings)}

    def timeouts_in(self, tokens: list[str]) -> list[int]:
        """Indices of the /regex/ tests that ran out of time on a token of this document."""
        if not self._timed_out:
            return []
        return sorted({i for t in set(tokens) for i in self._timed_out.get(t, ())})

    def label_columns(self, n: int, spans_by_label: dict[str, list[tuple[int, int]]]) -> list[list[str]]:
        """The label characters of every token, one list per label chunk (a column of the stream)."""
        chunks = [[0] * n for _ in range(self.label_chunks)]
        for label, spans in spans_by_label.items():
            if label not in self.label_index:
                continue
            begin_position, begin_bit = self.label_position(label, False)
            inside_position, inside_bit = self.label_position(label, True)
            begin_values = chunks[begin_position - self.label_offset]
            inside_values = chunks[inside_position - self.label_offset]
            for first, last in spans:
                begin_values[first] |= begin_bit
                for token in range(first + 1, last):
                    inside_values[token] |= inside_bit
        char_of = self.bits_chars.__getitem__
        return [list(map(char_of, values)) for values in chunks]

    def base_strings(self, type_strings: list[str], context: list[int]) -> list[str]:
        """Each token's dimensions up to and including its context: the part no stage changes."""
        chars = self.context_chars
        return list(map(str.__add__, type_strings, [chars[c] for c in context]))

    def stream(self, base_strings: list[str], label_columns: list[list[str]]) -> str:
        """Each token's base string followed by its label characters, all tokens in a row.
        The columns are laid into one list by slice assignment, so there is one join for the
        whole document, not one per token."""
        width = 1 + len(label_columns)
        if width == 1:
            return "".join(base_strings)
        parts = [""] * (len(base_strings) * width)
        parts[0::width] = base_strings
        for offset, column in enumerate(label_columns, 1):
            parts[offset::width] = column
        return "".join(parts)


class StageStreams(Mapping):
    """Each stage's stream (stage -> str), made when first read from the tokens' forms and
    context (their type strings and the base strings, made once) and the labels the stage
    saw. The native matcher reads the same features from its own copy
    (quotetrace._native.Document), so on that path a stream is made only for what asks for
    it: `explain`, or a rule the core does not run."""

    def __init__(self, encoding: Encoding, forms: list[str], context: list[int]):
        self._encoding = encoding
        self._forms, self._context = forms, context
        self._base = None  # the base strings, made with the first stream
        self._labels: dict[str, dict] = {}
        self._made: dict[str, str] = {}

    def add(self, stage: str, spans_by_label: dict) -> None:
        """The labels stage `stage` runs with (copied: later stages add to them)."""
        self._labels[stage] = {label: list(spans) for label, spans in spans_by_label.items()}

    def __getitem__(self, stage: str) -> str:
        made = self._made.get(stage)
        if made is None:
            encoding = self._encoding
            if self._base is None:
                self._base = encoding.base_strings(encoding.type_strings(self._forms), self._context)
            made = self._made[stage] = encoding.stream(self._base, encoding.label_columns(len(self._base), self._labels[stage]))
        return made

    def __iter__(self):
        return iter(self._labels)

    def __len__(self) -> int:
        return len(self._labels)
