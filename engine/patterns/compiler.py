"""Compile a rule pack's patterns into `regex` programs over the encoded token stream.

Token tests become character classes, one per dimension of quotetrace.patterns.encoding;
a boolean combination of tests is brought into disjunctive normal form so that each
alternative is a plain run of K classes. Sequences, alternation, repetition, captures,
lookaheads, anchors and units (a whole span of an earlier stage's label) map onto the
regex constructs of the same name. Everything is compiled once per pack.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import regex

from quotetrace.errors import Problem
from quotetrace.patterns import syntax as ast
from quotetrace.patterns.encoding import (
    BITS_BASE,
    BITS_PER_CHUNK,
    CONTEXT_BASE,
    CONTEXT_FLAGS,
    CONTEXT_SIZE,
    FLAG_NAMES,
    SHAPE_BASE,
    SHAPE_FLAGS,
    WORD_BASE,
    WORD_LIMIT,
    Encoding,
    normalise,
)
from quotetrace.rulepack.located_yaml import scalar_text_position
from quotetrace.rulepack.pack import BUILTIN_LABELS, STAGES
from quotetrace.text.tokens import tokenize

ANY_WORD = f"[{chr(WORD_BASE)}-{chr(WORD_LIMIT)}]"
# The most frequent words of English news; a rule is not anchored on them if it can be helped.
COMMON_WORDS = frozenset(
    """the a an of to in and for on that is was with as at by from it he she his her said says
    this be has have had are were not but or will would its their they who which after about
    more than also been up out one new two , . ; : — - " “ ” ' ’ ( )""".split()
)


def literal_words(text: str) -> list[str]:
    """Tokenize a literal of a pattern or lexicon exactly as document text is tokenized."""
    starts, ends = tokenize(text)
    return [normalise(text[s:e]) for s, e in zip(starts, ends)]


@dataclass
class LexiconUse:
    group: str
    lexicon: str
    filters: tuple


@dataclass
class CompiledRule:
    rule: object
    program: object
    source: str
    lexicon_uses: list[LexiconUse]
    required_words: frozenset | None
    captures: tuple[str, ...]
    # What the first token of a match must be, as programs over single positions of the
    # stream's tokens ({0: program over the word characters}, {1: over the shapes}, ...):
    # a token passing any of them is a place to try the rule. None: try it at every token.
    lead: dict | None = None

    @property
    def pattern_text(self) -> str:
        """The rule's pattern on one line, as traces show it."""
        text = self.__dict__.get("_pattern_text")
        if text is None:
            text = self.__dict__["_pattern_text"] = " ".join(self.rule.pattern.split())
        return text

    @property
    def anchored(self) -> bool:
        return "_pre" in self.program.groupindex

    @property
    def after_first(self) -> bool:
        """Matched from its anchor rightwards first (`match_first: after`); the match ends at _rest."""
        return "_rest" in self.program.groupindex


@dataclass
class CompiledPack:
    encoding: Encoding
    rules_by_stage: dict[str, list[CompiledRule]]
    entry_index: dict = field(default_factory=dict)  # (lexicon, words tuple) -> entry
    regex_rules: list = field(default_factory=list)  # per /regex/ test: (its source, ids of the rules using it)
    context: tuple = ()  # (lexicon words, regex sources, label stages, definitions) for compile_fragment


class _Fail(Exception):
    def __init__(self, message, offset, definition=None):
        self.message = message
        self.offset = offset
        self.definition = definition


class _WordSet:
    """A set of vocabulary ids, or its complement."""

    __slots__ = ("ids", "negated")

    def __init__(self, ids, negated=False):
        self.ids = frozenset(ids)
        self.negated = negated

    def __and__(self, other):
        if not self.negated and not other.negated:
            return _WordSet(self.ids & other.ids)
        if self.negated and other.negated:
            return _WordSet(self.ids | other.ids, True)
        positive, negative = (self, other) if not self.negated else (other, self)
        return _WordSet(positive.ids - negative.ids)

    def empty(self):
        return not self.negated and not self.ids

    def complement(self):
        return _WordSet(self.ids, not self.negated)


class RuleCompiler:
    """Compiles one rule's AST (a fresh instance per rule: it collects the rule's lexicon uses)."""

    def __init__(self, encoding: Encoding, lexicon_words, regex_sources, label_stage, stage):
        self.encoding = encoding
        self.lexicon_words = lexicon_words      # lexicon id -> list of (entry, words tuple)
        self.regex_index = {key: i for i, key in enumerate(regex_sources)}
        self.label_stage = label_stage          # label -> the earliest stage that produces it
        self.stage = stage
        self.uses: list[LexiconUse] = []
        self.word_sets: list = []               # every word set a class tests (see _number_by_use)
        self.plain = False  # True while compiling a guard: no capture groups
        self.greedy = False  # True while compiling the part before the anchor
        self.lead = None  # once anchored() has run: {position in the token: class} the first token must pass
        self.word_of = {i: w for w, i in encoding.vocabulary.items()}

    # --- token tests to DNF: a list of {position: constraint} -------------------
    def dnf(self, test, negate=False):
        enc = self.encoding
        if isinstance(test, ast.Not):
            return self.dnf(test.test, not negate)
        if isinstance(test, (ast.And, ast.Or)):
            conjunctive = isinstance(test, ast.And) != negate
            parts = [self.dnf(t, negate) for t in test.tests]
            if conjunctive:
                result = [{}]
                for part in parts:
                    result = [c for a in result for b in part if (c := _merge(a, b)) is not None]
                return result
            return [c for part in parts for c in part]
        if isinstance(test, ast.AnyToken):
            return [] if negate else [{}]
        if isinstance(test, ast.Word):
            words = _WordSet({self.word_id(test.text)})
        elif isinstance(test, ast.InLexicon):
            words = _WordSet(self.single_word_ids(test.lexicon, test.filters, 0))
        elif isinstance(test, ast.Regex):
            position, bit = enc.regex_position(self.regex_index[(test.source, test.flags)])
            return [{position: _bit_set(bit, negate)}]
        elif isinstance(test, ast.Flag):
            if test.name == "outquote":
                return self.dnf(ast.Flag("inquote"), not negate)
            if test.name in SHAPE_FLAGS:
                return [{1: _flag_set(SHAPE_FLAGS[test.name], 256, negate)}]
            return [{enc.context_offset: _flag_set(CONTEXT_FLAGS[test.name], CONTEXT_SIZE, negate)}]
        elif isinstance(test, ast.InLabel):
            self.check_label(test.label, test.offset)
            begin_pos, begin_bit = enc.label_position(test.label, False)
            inside_pos, inside_bit = enc.label_position(test.label, True)
            if begin_pos == inside_pos:
                values = frozenset(v for v in range(64) if v & (begin_bit | inside_bit))
                return [{begin_pos: _negate_values(values, 64) if negate else values}]
            if negate:
                return [{begin_pos: _bit_set(begin_bit, True), inside_pos: _bit_set(inside_bit, True)}]
            return [{begin_pos: _bit_set(begin_bit, False)}, {inside_pos: _bit_set(inside_bit, False)}]
        else:
            raise AssertionError(test)
        return [{0: words.complement() if negate else words}]

    def word_id(self, word):
        return self.encoding.vocabulary[word]

    def single_word_ids(self, lexicon, filters, offset):
        return {self.word_id(words[0]) for entry, words in self.entries(lexicon, filters, offset) if len(words) == 1}

    def entries(self, lexicon, filters, offset):
        if lexicon not in self.lexicon_words:
            known = ", ".join(sorted(self.lexicon_words)) or "none"
            raise _Fail(f"unknown lexicon '@{lexicon}' (lexicons: {known})", offset)
        selected = []
        for entry, words in self.lexicon_words[lexicon]:
            if all(str(entry.attribute(name, "")) in values for name, values in filters):
                selected.append((entry, words))
        if not selected:
            raise _Fail(f"no entry of '@{lexicon}' has {_describe_filters(filters)}", offset)
        return selected

    # --- one token to a regex ---------------------------------------------------
    def token_regex(self, conjunctions):
        if not conjunctions:
            return "(?!)"
        alternatives = sorted({self.conjunction_regex(c) for c in conjunctions})
        return alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"

    def conjunction_regex(self, conjunction):
        width = self.encoding.width
        parts = []
        for position in range(width):
            constraint = conjunction.get(position)
            if position == 0:
                if constraint is not None:
                    self.word_sets.append(constraint.ids)
                parts.append(_word_class(constraint))
            elif constraint is None:
                parts.append(".")
            else:
                parts.append(self._class_at(position, constraint))
        # The trailing "any" positions stay single dots: `regex` runs ".{7}" as a repeat,
        # with a repeat's bookkeeping, and that made all matching about a fifth slower.
        return "".join(parts)

    # --- sequences --------------------------------------------------------------
    def node(self, node):
        if isinstance(node, ast.Token):
            return self.token_regex(self.dnf(node.test))
        if isinstance(node, ast.Phrase):
            return "".join(self.token_regex([{0: _WordSet({self.word_id(w)})}]) for w in node.words)
        if isinstance(node, ast.LexiconPhrase):
            entries = self.entries(node.lexicon, node.filters, node.offset)
            body = self.lexicon_regex({words for _, words in entries})
            if self.plain:
                return f"(?:{body})"
            group = f"_L{len(self.uses)}"
            self.uses.append(LexiconUse(group, node.lexicon, node.filters))
            return f"(?P<{group}>{body})"
        if isinstance(node, ast.Unit):
            self.check_label(node.label, node.offset)
            begin = self.token_regex(self._label_dnf(node.label, False))
            inside = self.token_regex(self._label_dnf(node.label, True))
            # The lookahead keeps a unit whole when it is matched leftwards (before an anchor).
            return f"(?:{begin}(?:{inside})*+(?!{inside}))"
        if isinstance(node, ast.Anchor):
            offset = self.encoding.context_offset
            if node.kind == "sentence_start":
                return "(?=" + self.conjunction_regex({offset: _flag_set(CONTEXT_FLAGS["sentstart"], CONTEXT_SIZE, False)}) + ")"
            return "(?<=" + self.conjunction_regex({offset: _flag_set(CONTEXT_FLAGS["sentend"], CONTEXT_SIZE, False)}) + ")"
        if isinstance(node, ast.Sequence):
            return "".join(self.node(item) for item in node.items)
        if isinstance(node, ast.Alternation):
            return "(?:" + "|".join(self.node(option) for option in node.options) + ")"
        if isinstance(node, ast.Repeat):
            inner = self.node(node.item)
            if node.low == 0 and node.high == 1:
                quantifier = "?"
            elif node.low == 0 and node.high is None:
                quantifier = "*"
            elif node.low == 1 and node.high is None:
                quantifier = "+"
            elif node.high is None:
                quantifier = f"{{{node.low},}}"
            elif node.low == node.high:
                quantifier = f"{{{node.low}}}"
            else:
                quantifier = f"{{{node.low},{node.high}}}"
            return f"(?:{inner}){quantifier}{'?' if node.lazy and not self.greedy else ''}"
        if isinstance(node, ast.Capture):
            if self.plain:
                return f"(?:{self.node(node.item)})"
            return f"(?P<{node.name}>{self.node(node.item)})"
        if isinstance(node, ast.Look):
            return f"(?{'<' if node.behind else ''}{'!' if node.negative else '='}{self.node(node.item)})"
        if isinstance(node, ast.Defined):
            try:
                return "(?:" + self.node(node.item) + ")"
            except _Fail as exc:
                if exc.definition is None:
                    exc.definition = node.name
                raise
        raise AssertionError(node)

    def anchored(self, tree, match_first="before"):
        """The rule's program, started at its anchor so that `regex` can skip ahead in C.

        The anchor is an element that must match and whose first token must be one of a
        known set of words (a literal, a lexicon entry); of those, the most selective.
        The elements before it go into a lookbehind, matched leftwards from the anchor
        (repeats there take as much as they can), with their captures; the group _pre
        gives where the whole match starts. A pattern without such an element is tried
        at every token start.
        """
        items = _flatten(tree)
        candidates = []
        for index, item in enumerate(items):
            first, nullable = self._first(item)
            if not nullable and first is not None:
                common = bool(first) and all(self.word_of.get(i) in COMMON_WORDS for i in first)
                candidates.append((common, len(first), index))
        if not candidates:
            # No anchor: open with one consumed word character (so `regex` skips to token
            # starts in C) and match the pattern from that token start inside a lookbehind.
            # The matcher tries it only at tokens that pass a test its first token must pass.
            tests, nullable = self._first_tests(tree)
            if tests and not nullable:
                self.lead = {position: self._scan_class(position, values) for position, values in tests.items()}
            return f"{ANY_WORD}(?<=(?=(?P<_whole>{self.node(tree)})){ANY_WORD})"
        # Prefer the most selective anchor: not only very common words (the, a, in, as),
        # then the fewest possible first words, then the earliest.
        index = min(candidates)[2]
        # From the anchor's first token the program matches the elements before it
        # leftwards, in a lookbehind, then the anchor and the rest rightwards, with their
        # captures. An earlier version matched the anchor first and then again leftwards
        # inside the lookbehind: a lexicon of hundreds of phrases is slow to match
        # backwards, and that cost a third of all matching time.
        anchor = self.node(items[index])
        rest = "".join(self.node(i) for i in items[index + 1 :])
        # Before the anchor, repetitions take all they can, lazy or not, so that the match
        # starts as far left as the pattern allows, as a left-to-right search would have it.
        self.greedy = True
        try:
            prefix = "".join(self.node(i) for i in items[:index])
        finally:
            self.greedy = False
        if not index:
            program = anchor + rest
        elif match_first == "after":
            # The same two parts, the other way round: the anchor and what follows it first,
            # in a lookahead whose group _rest gives where the match ends. Both parts are
            # matched once each way (a lookaround, once it holds, is not gone back into),
            # so the captures are the same; only the time differs.
            program = f"(?=(?P<_rest>{anchor}{rest}))(?<=(?P<_pre>{prefix}))"
        else:
            program = f"(?<=(?P<_pre>{prefix})){anchor}{rest}"
        # Finally the whole is wrapped so that it opens with one plain set, the first words
        # the anchor can have: `regex` skips to those in C, and only there tries the rest.
        first_ids = self.first_ids(items[index:])
        if first_ids:
            self.word_sets.append(frozenset(first_ids))
        lead = _word_class(_WordSet(first_ids)) if first_ids else ANY_WORD
        self.lead = {0: lead} if first_ids else None
        return f"{lead}(?<=(?=(?P<_whole>{program})){lead})"

    def _scan_class(self, position, values):
        if position == 0:
            self.word_sets.append(frozenset(values))
            return _word_class(_WordSet(values))
        return self._class_at(position, values)

    def _class_at(self, position, values):
        """The character class of `values` at a position of the token other than the word."""
        base = SHAPE_BASE if position == 1 else CONTEXT_BASE if position == self.encoding.context_offset else BITS_BASE
        return _class(base, values)

    def _first_tests(self, node):
        """What the first token of a match must pass, as {position in the token: allowed
        values} (passing any one will do), and whether the node can match no tokens.
        None for tests: any token may start it.

        Of each alternative test one positive condition is kept (a word, a flag or label
        that must be set), so the tokens that pass are a superset of those that match.
        """
        if isinstance(node, ast.Token):
            tests = {}
            for conjunction in self.dnf(node.test):
                position, values = self._positive_condition(conjunction)
                if position is None:
                    return None, False
                tests.setdefault(position, set()).update(values)
            return tests, False
        if isinstance(node, (ast.Phrase, ast.LexiconPhrase)):
            ids, _ = self._first(node)
            return {0: set(ids)}, False
        if isinstance(node, ast.Unit):
            self.check_label(node.label, node.offset)
            position, bit = self.encoding.label_position(node.label, False)
            return {position: set(_bit_set(bit, False))}, False
        if isinstance(node, (ast.Capture, ast.Defined)):
            return self._first_tests(node.item)
        if isinstance(node, (ast.Anchor, ast.Look)):
            return {}, True
        if isinstance(node, ast.Repeat):
            tests, nullable = self._first_tests(node.item)
            return tests, nullable or node.low == 0
        if isinstance(node, (ast.Alternation, ast.Sequence)):
            merged, any_nullable = {}, False
            for item in node.options if isinstance(node, ast.Alternation) else node.items:
                tests, nullable = self._first_tests(item)
                if tests is None:
                    return None, False
                for position, values in tests.items():
                    merged.setdefault(position, set()).update(values)
                if isinstance(node, ast.Sequence) and not nullable:
                    return merged, False
                any_nullable = any_nullable or nullable
            return merged, any_nullable if isinstance(node, ast.Alternation) else True
        return None, False

    def _positive_condition(self, conjunction):
        """One position of a token test that requires something present (a word, a set flag
        or label bit), preferring context and labels, then shape, then regex bits."""
        words = conjunction.get(0)
        if words is not None and not words.negated:
            return 0, words.ids
        enc = self.encoding
        order = [enc.context_offset] + list(range(enc.label_offset, enc.width)) + [1] + list(range(2, enc.context_offset))
        for position in order:
            values = conjunction.get(position)
            if values is not None and 0 not in values:
                return position, values
        return None, None

    def first_ids(self, items):
        """Word ids the first token of a match of this sequence can have; None for any."""
        ids, nullable = self._first(ast.Sequence(tuple(items)))
        return None if nullable else ids

    def _first(self, node):
        if isinstance(node, ast.Token):
            conjunctions = self.dnf(node.test)
            ids = set()
            for conjunction in conjunctions:
                words = conjunction.get(0)
                if words is None or words.negated:
                    return None, False
                ids |= words.ids
            return ids, False
        if isinstance(node, ast.Phrase):
            return {self.word_id(node.words[0])}, False
        if isinstance(node, ast.LexiconPhrase):
            return {self.word_id(words[0]) for _, words in self.entries(node.lexicon, node.filters, node.offset)}, False
        if isinstance(node, (ast.Capture, ast.Defined)):
            return self._first(node.item)
        if isinstance(node, (ast.Anchor, ast.Look)):
            return set(), True
        if isinstance(node, ast.Repeat):
            ids, nullable = self._first(node.item)
            return ids, nullable or node.low == 0
        if isinstance(node, ast.Alternation):
            result, nullable = set(), False
            for option in node.options:
                ids, empty = self._first(option)
                if ids is None:
                    return None, False
                result |= ids
                nullable = nullable or empty
            return result, nullable
        if isinstance(node, ast.Sequence):
            result = set()
            for item in node.items:
                ids, nullable = self._first(item)
                if ids is None:
                    return None, False
                result |= ids
                if not nullable:
                    return result, False
            return result, True
        return None, False

    def lexicon_regex(self, phrases):
        """Any of the phrases (tuples of words), longest first, as a program `regex` can scan fast.

        It opens with one set of all first words; the rest of a multi-word entry is chosen
        by a lookbehind on which first word was seen, so the alternation never stands in front.
        """
        width = self.encoding.width
        word = lambda w: chr(WORD_BASE + self.word_id(w))
        firsts = sorted({self.word_id(p[0]) for p in phrases})
        singles = {self.word_id(p[0]) for p in phrases if len(p) == 1}
        tails: dict[str, list] = {}
        for phrase in phrases:
            if len(phrase) > 1:
                tails.setdefault(phrase[0], []).append(phrase[1:])
        rest = "." * (width - 1)  # not ".{7}": see conjunction_regex
        branches = []
        for first in sorted(tails):
            continuations = sorted(set(tails[first]), key=lambda t: (-len(t), t))
            options = ["".join(word(w) + rest for w in tail) for tail in continuations]
            if self.word_id(first) in singles:
                options.append("")
            branches.append(f"(?<={word(first)}{rest})(?:{'|'.join(options)})")
        only_single = sorted(singles - {self.word_id(f) for f in tails})
        if only_single:
            branches.append(f"(?<={_class(WORD_BASE, only_single)}{rest})")
        self.word_sets.append(frozenset(firsts))
        self.word_sets.append(frozenset(only_single))
        head = _class(WORD_BASE, firsts) + rest
        if len(branches) == 1 and not tails:
            return head
        return head + "(?:" + "|".join(branches) + ")"

    def _label_dnf(self, label, inside):
        position, bit = self.encoding.label_position(label, inside)
        return [{position: _bit_set(bit, False)}]

    def check_label(self, label, offset):
        if label not in self.encoding.label_index:
            raise _Fail(f"unknown label '<{label}>'; labels come from rules of earlier stages or are built in ({', '.join(BUILTIN_LABELS)})", offset)
        produced_in = self.label_stage.get(label)
        if produced_in is not None and STAGES.index(produced_in) >= STAGES.index(self.stage):
            where = "this stage" if produced_in == self.stage else f"the later stage '{produced_in}'"
            raise _Fail(f"label '<{label}>' is produced by {where}; a rule can only use labels of earlier stages", offset)


def _describe_filters(filters):
    return " and ".join(f"{name}={'|'.join(values)}" for name, values in filters)


def _merge(a, b):
    result = dict(a)
    for position, constraint in b.items():
        if position in result:
            mine = result[position]
            merged = mine & constraint
            if (isinstance(merged, _WordSet) and merged.empty()) or (not isinstance(merged, _WordSet) and not merged):
                return None
            result[position] = merged
        else:
            result[position] = constraint
    return result


def _bit_set(bit, negate):
    values = frozenset(v for v in range(1 << BITS_PER_CHUNK) if bool(v & bit) != negate)
    return values


def _flag_set(flag, size, negate):
    return frozenset(v for v in range(size) if bool(v & flag) != negate)


def _negate_values(values, size):
    return frozenset(range(size)) - values


def _word_class(constraint):
    if constraint is None:
        return ANY_WORD
    if not constraint.negated:
        return _class(WORD_BASE, constraint.ids) if constraint.ids else "(?!)"
    if not constraint.ids:
        return ANY_WORD
    allowed = []
    previous = -1
    for value in sorted(constraint.ids) + [WORD_LIMIT - WORD_BASE + 1]:
        if value > previous + 1:
            allowed.append((previous + 1, value - 1))
        previous = value
    parts = [chr(WORD_BASE + a) if a == b else f"{chr(WORD_BASE + a)}-{chr(WORD_BASE + b)}" for a, b in allowed]
    return "[" + "".join(parts) + "]"


def _class(base, values):
    values = sorted(values)
    if len(values) == 1:
        return chr(base + values[0])
    # Ranges keep the classes short.
    parts, start, previous = [], values[0], values[0]
    for value in values[1:] + [None]:
        if value is not None and value == previous + 1:
            previous = value
            continue
        parts.append(chr(base + start) if start == previous else f"{chr(base + start)}-{chr(base + previous)}")
        if value is not None:
            start = previous = value
    return "[" + "".join(parts) + "]"


# --- whole pack ---------------------------------------------------------------
def _walk(node):
    yield node
    for child in ("item", "test"):
        if hasattr(node, child):
            yield from _walk(getattr(node, child))
    for children in ("items", "options", "tests"):
        if hasattr(node, children):
            for child in getattr(node, children):
                yield from _walk(child)


def _number_by_use(pack, parsed, vocabulary, lexicon_words, regex_sources, labels, label_stage):
    """Renumber the vocabulary so that each word set a rule tests is a few contiguous ranges.

    `regex` tests a character against a set member by member but against a range in one
    step, so a lexicon of 400 words costs 400 comparisons per token unless its words have
    neighbouring code points. Words are ordered by which sets they belong to, larger sets first.
    """
    probe = Encoding(vocabulary, [None] * len(regex_sources), labels)
    seen = []
    for rule in pack.rules:
        tree = parsed.get(rule.id)
        if tree is None:
            continue
        compiler = RuleCompiler(probe, lexicon_words, regex_sources, label_stage, rule.stage)
        try:
            compiler.anchored(tree)
        except _Fail:
            continue
        seen.extend(compiler.word_sets)
    by_id = {i: w for w, i in vocabulary.items()}
    sets = sorted({frozenset(ids) for ids in seen if len(ids) > 1}, key=lambda ids: (-len(ids), sorted(ids)))
    membership = {word: [] for word in vocabulary}
    for ids in sets:
        for i in ids:
            if i in by_id:
                membership[by_id[i]].append(ids)
    index_of = {ids: n for n, ids in enumerate(sets)}
    ordered = sorted(vocabulary, key=lambda w: (tuple(sorted(index_of[ids] for ids in membership[w])) or (len(sets),), w))
    return {word: i + 1 for i, word in enumerate(ordered)}


def _bit_uses(parsed, regex_sources) -> dict:
    """How many tests of each label and /regex/ the rules hold, definitions spliced in."""
    index = {key: i for i, key in enumerate(regex_sources)}
    uses: dict = {}
    for tree in parsed.values():
        for node in _walk(tree):
            if isinstance(node, (ast.Unit, ast.InLabel)):
                key = ("label", node.label)
            elif isinstance(node, ast.Regex) and (node.source, node.flags) in index:
                key = ("regex", index[node.source, node.flags])
            else:
                continue
            uses[key] = uses.get(key, 0) + 1
    return uses


def compile_fragment(pack, pattern: str, stage: str = "attributions", anchored: bool = True):
    """Compile a pattern that is not in the pack (for `explain` and for experiments).

    It may use the pack's lexicons, definitions and labels; literal words it has and
    the pack's vocabulary has not cannot match anything, since no token carries them.
    """
    compiled = pack.compiled
    lexicon_words, regex_sources, label_stage, definitions = compiled.context
    tree = ast.parse_pattern(pattern, literal_words)
    tree = splice_definitions(tree, definitions, pack.definitions, set(), ())
    vocabulary = dict(compiled.encoding.vocabulary)
    for node in _walk(tree):
        words = [node.text] if isinstance(node, ast.Word) else node.words if isinstance(node, ast.Phrase) else []
        for word in words:
            vocabulary.setdefault(word, WORD_LIMIT - WORD_BASE)  # a code point no token has
    encoding = compiled.encoding
    saved = encoding.vocabulary
    encoding.vocabulary = vocabulary
    try:
        compiler = RuleCompiler(encoding, lexicon_words, regex_sources, label_stage, stage)
        source = compiler.anchored(tree) if anchored else f"(?={ANY_WORD})" + compiler.node(tree)
    finally:
        encoding.vocabulary = saved
    return regex.compile(source, regex.V1 | regex.DOTALL), compiler.uses


def _flatten(node):
    """Top-level sequence items, with definitions, nested sequences and captures opened up.

    A capture over a sequence becomes one capture per item, all with the same name, so
    the anchor may lie inside it; the matcher joins the touching pieces again.
    """
    if isinstance(node, ast.Defined):
        return _flatten(node.item)
    if isinstance(node, ast.Sequence):
        return [leaf for item in node.items for leaf in _flatten(item)]
    if isinstance(node, ast.Capture):
        inner = _flatten(node.item)
        if len(inner) > 1:
            return [ast.Capture(node.name, item, node.offset) for item in inner]
    return [node]


def _required_words(node, vocabulary):
    """Word ids of which one must occur in a document for the pattern to match, or None."""
    if isinstance(node, ast.Token):
        test = node.test
        if isinstance(test, ast.Word):
            return frozenset({vocabulary[test.text]})
        return None
    if isinstance(node, ast.Phrase):
        return frozenset({vocabulary[node.words[0]]})
    if isinstance(node, (ast.Capture, ast.Defined)):
        return _required_words(node.item, vocabulary)
    if isinstance(node, ast.Repeat):
        return _required_words(node.item, vocabulary) if node.low > 0 else None
    if isinstance(node, ast.Sequence):
        candidates = [r for r in (_required_words(i, vocabulary) for i in node.items) if r is not None]
        return min(candidates, key=len) if candidates else None
    if isinstance(node, ast.Alternation):
        sets = [_required_words(o, vocabulary) for o in node.options]
        return None if any(s is None for s in sets) else frozenset().union(*sets)
    return None


MAX_DEFINITION_DEPTH = 40


def splice_definitions(node, definitions, declared, used, chain):
    """Replace {name} references by the definition's tree; reject unknown and recursive ones."""
    if isinstance(node, ast.Reference):
        if node.name not in declared:
            known = ", ".join(sorted(declared)) or "none"
            raise ast.PatternSyntaxError(f"unknown definition '{{{node.name}}}' (definitions: {known})", node.offset)
        if node.name in chain:
            raise ast.PatternSyntaxError(f"definition '{node.name}' refers to itself through {' -> '.join(chain + (node.name,))}", node.offset)
        if len(chain) >= MAX_DEFINITION_DEPTH:
            raise ast.PatternSyntaxError(f"definitions nest more than {MAX_DEFINITION_DEPTH} deep ({' -> '.join(chain[:3])} -> ...); flatten them", node.offset)
        if node.name not in definitions:  # it has a syntax error of its own, reported there
            raise ast.PatternSyntaxError(f"definition '{node.name}' has an error (see its own message)", node.offset)
        used.add(node.name)
        return ast.Defined(node.name, splice_definitions(definitions[node.name], definitions, declared, used, chain + (node.name,)), node.offset)
    if isinstance(node, ast.TestReference):
        spliced = splice_definitions(ast.Reference(node.name, node.offset), definitions, declared, used, chain)
        test = _as_test(spliced.item)
        if test is None:
            raise ast.PatternSyntaxError(f"definition '{node.name}' matches more than one token, so it cannot stand inside [...]", node.offset)
        return test
    if not hasattr(node, "__dataclass_fields__"):
        return node
    changes = {}
    for name in ("item", "test"):
        if hasattr(node, name):
            changes[name] = splice_definitions(getattr(node, name), definitions, declared, used, chain)
    for name in ("items", "options", "tests"):
        if hasattr(node, name):
            changes[name] = tuple(splice_definitions(child, definitions, declared, used, chain) for child in getattr(node, name))
    if not changes:
        return node
    import dataclasses

    return dataclasses.replace(node, **changes)


def _as_test(node):
    """The single-token test a definition amounts to, or None if it spans several tokens."""
    if isinstance(node, ast.Token):
        return node.test
    if isinstance(node, ast.Defined):
        return _as_test(node.item)
    if isinstance(node, ast.Sequence) and len(node.items) == 1:
        return _as_test(node.items[0])
    if isinstance(node, ast.Alternation):
        tests = [_as_test(option) for option in node.options]
        return None if any(t is None for t in tests) else ast.Or(tuple(tests))
    return None


def _pattern_problem(rule, offset, message, severity="error"):
    position = scalar_text_position(rule.pattern_node, rule.source_lines, offset)
    return Problem(rule.file, position.line, position.column, severity, message)


def compile_pack(pack) -> CompiledPack | None:
    """Parse and compile every rule; problems are appended to pack.problems."""
    parsed = {}
    vocabulary_words = set()
    lexicon_words = {}
    for lexicon in pack.lexicons.values():
        rows = []
        for entry in lexicon.entries:
            for form in entry.forms:
                words = tuple(literal_words(form))
                if words:
                    rows.append((entry, words))
                    vocabulary_words.update(words)
        lexicon_words[lexicon.id] = rows

    definitions = {}
    for definition in pack.definitions.values():
        try:
            definitions[definition.name] = ast.parse_pattern(definition.pattern, literal_words)
        except ast.PatternSyntaxError as exc:
            pack.problems.append(_pattern_problem(definition, exc.offset, exc.message))
    used_definitions = set()

    regex_sources = []
    for rule in pack.rules:
        try:
            tree = ast.parse_pattern(rule.pattern, literal_words)
            tree = splice_definitions(tree, definitions, pack.definitions, used_definitions, ())
        except ast.PatternSyntaxError as exc:
            pack.problems.append(_pattern_problem(rule, exc.offset, exc.message))
            continue
        ok = True
        for node in _walk(tree):
            if isinstance(node, ast.Word):
                vocabulary_words.add(node.text)
            elif isinstance(node, ast.Phrase):
                vocabulary_words.update(node.words)
            elif isinstance(node, ast.Regex):
                if (node.source, node.flags) not in regex_sources:
                    flags = regex.V0 | (regex.IGNORECASE if "i" in node.flags else 0)
                    try:
                        regex.compile(node.source, flags)
                    except regex.error as exc:
                        offset = rule.pattern.find("/" + node.source)
                        pack.problems.append(_pattern_problem(rule, max(offset, 0) + 1 + (exc.pos or 0), f"regex does not compile: {exc.msg}"))
                        ok = False
                        continue
                    regex_sources.append((node.source, node.flags))
                    risk = _backtracking_risk(node.source)
                    if risk:
                        offset = rule.pattern.find("/" + node.source)
                        pack.problems.append(_pattern_problem(rule, max(offset, 0), risk, "warning"))
            elif isinstance(node, ast.Flag) and node.name not in FLAG_NAMES:
                pack.problems.append(_pattern_problem(rule, rule.pattern.find("%" + node.name), f"unknown flag %{node.name}; flags are {', '.join('%' + f for f in FLAG_NAMES)}"))
                ok = False
        if ok:
            parsed[rule.id] = tree

    labels = list(BUILTIN_LABELS)
    label_stage = {}
    for rule in pack.rules:
        for label in rule.labels:
            if label not in labels:
                labels.append(label)
            if label not in label_stage or STAGES.index(rule.stage) < STAGES.index(label_stage[label]):
                label_stage[label] = rule.stage
    vocabulary = {word: i + 1 for i, word in enumerate(sorted(vocabulary_words))}
    vocabulary = _number_by_use(pack, parsed, vocabulary, lexicon_words, regex_sources, labels, label_stage)
    if len(vocabulary) > WORD_LIMIT - WORD_BASE:
        pack.problems.append(Problem(pack.files[0] if pack.files else str(pack.root), 1, 1, "error", "the pack's vocabulary exceeds 65,000 words"))
        return None
    compiled_regexes = [regex.compile(s, regex.V0 | (regex.IGNORECASE if "i" in f else 0)) for s, f in regex_sources]
    encoding = Encoding(vocabulary, compiled_regexes, labels, uses=_bit_uses(parsed, regex_sources))

    entry_index = {}
    for lexicon_id, rows in lexicon_words.items():
        for entry, words in rows:
            entry_index.setdefault((lexicon_id, words), entry)

    regex_rules = [(source, []) for source, _ in regex_sources]
    regex_position = {key: i for i, key in enumerate(regex_sources)}
    for rule in pack.rules:
        for node in _walk(parsed.get(rule.id) or ast.Sequence(())):
            if isinstance(node, ast.Regex) and (node.source, node.flags) in regex_position:
                users = regex_rules[regex_position[(node.source, node.flags)]][1]
                if rule.id not in users:
                    users.append(rule.id)
    compiled = CompiledPack(encoding, {stage: [] for stage in STAGES}, entry_index, regex_rules)
    used_lexicons = set()
    for rule in pack.rules:
        tree = parsed.get(rule.id)
        if tree is None:
            continue
        compiler = RuleCompiler(encoding, lexicon_words, regex_sources, label_stage, rule.stage)
        try:
            source = compiler.anchored(tree, rule.match_first)
        except _Fail as exc:
            if exc.definition is not None:
                pack.problems.append(_pattern_problem(pack.definitions[exc.definition], exc.offset, f"{exc.message} (in definition '{exc.definition}', used by rule '{rule.id}')"))
            else:
                pack.problems.append(_pattern_problem(rule, exc.offset, exc.message))
            continue
        captures = tuple(sorted({n.name for n in _walk(tree) if isinstance(n, ast.Capture)}))
        if rule.key and rule.key not in captures:
            pack.problems.append(Problem(rule.file, rule.line, 1, "error", f"rule '{rule.id}': key '{rule.key}' is not a capture of its pattern (captures: {', '.join(captures) or 'none'})"))
            continue
        if rule.stage == "attributions" and "cue" not in captures:
            pack.problems.append(_pattern_problem(rule, 0, "an attribution rule must capture its cue (cue:...)"))
            continue
        for node in _walk(tree):
            if isinstance(node, (ast.LexiconPhrase, ast.InLexicon)):
                used_lexicons.add(node.lexicon)
        for offset, lexicon, example in _multiword_in_token(compiler, tree):
            pack.problems.append(_pattern_problem(rule, offset, (
                f"'@{lexicon}' inside [...] tests one token, so its multi-word entries (like \"{example}\") never match there; "
                f"write @{lexicon} outside the brackets, with (?= [...]) for the other conditions"), "warning"))
        dead = _unmatchable(compiler, tree)
        if dead is not None:
            offset, what = dead
            pack.problems.append(_pattern_problem(rule, offset, f"rule '{rule.id}' can never match: {what}", "warning"))
        try:
            program = regex.compile(source, regex.V1 | regex.DOTALL)
        except regex.error as exc:  # an internal mistake; say so plainly
            pack.problems.append(_pattern_problem(rule, 0, f"pattern could not be compiled ({exc}); please report this"))
            continue
        compiled.rules_by_stage[rule.stage].append(
            CompiledRule(rule, program, source, compiler.uses, _required_words(tree, vocabulary), captures,
                         {position: regex.compile(c) for position, c in compiler.lead.items()} if compiler.lead else None)
        )
    for definition in pack.definitions.values():
        if definition.name not in used_definitions and definition.name in definitions:
            pack.problems.append(Problem(definition.file, definition.line, 1, "warning", f"definition '{definition.name}' is not used by any rule"))
    _warn_shadowed(pack, {c.rule.id: c.source for rules in compiled.rules_by_stage.values() for c in rules})
    pack.compiled = compiled
    compiled.context = (lexicon_words, regex_sources, label_stage, definitions)
    for lexicon in pack.lexicons.values():
        if lexicon.id not in used_lexicons and not lexicon.id.startswith("_"):
            pack.problems.append(Problem(lexicon.file, lexicon.line, 1, "warning", f"lexicon '{lexicon.id}' is not used by any rule pattern"))
    pack.compiled = compiled
    return compiled


def _unmatchable(compiler, node, offset=None):
    """(offset, why) of a required element that no token can satisfy, else None.

    `offset` is where to point in the rule's own pattern: inside a definition, at the
    reference to it.
    """
    if isinstance(node, ast.Token):
        try:
            possible = compiler.dnf(node.test)
        except _Fail:
            return None
        if not possible:
            return (node.offset if offset is None else offset), "its token test accepts no token (the parts of an & exclude each other)"
        return None
    if isinstance(node, ast.Sequence):
        for item in node.items:
            found = _unmatchable(compiler, item, offset)
            if found:
                return found
        return None
    if isinstance(node, ast.Alternation):
        found = [_unmatchable(compiler, option, offset) for option in node.options]
        return found[0] if all(found) else None
    if isinstance(node, ast.Repeat):
        return _unmatchable(compiler, node.item, offset) if node.low > 0 else None
    if isinstance(node, ast.Capture):
        return _unmatchable(compiler, node.item, offset)
    if isinstance(node, ast.Defined):
        return _unmatchable(compiler, node.item, node.offset if offset is None else offset)
    if isinstance(node, ast.Look) and not node.negative:
        return _unmatchable(compiler, node.item, offset)
    return None


def _multiword_in_token(compiler, node, offset=None, negated=False):
    """(offset, lexicon, example) for each lexicon tested inside [...] that has multi-word entries.

    A bracketed test describes one token, so "referring to" in @reporting_verbs can never
    satisfy [@reporting_verbs & %lower]; authors expect it to. Negated uses are left
    alone (excluding the first word is usually what was meant). Each lexicon is named once.
    """
    found = {}

    def visit_test(test, at, negate):
        if isinstance(test, ast.Not):
            visit_test(test.test, at, not negate)
        elif isinstance(test, (ast.And, ast.Or)):
            for part in test.tests:
                visit_test(part, at, negate)
        elif isinstance(test, ast.InLexicon) and not negate and test.lexicon not in found:
            try:
                entries = compiler.entries(test.lexicon, test.filters, at)
            except _Fail:
                return
            longer = [" ".join(words) for _, words in entries if len(words) > 1]
            if longer:
                found[test.lexicon] = (at, test.lexicon, longer[0])

    def visit(node, at):
        if isinstance(node, ast.Token):
            visit_test(node.test, node.offset if at is None else at, False)
        elif isinstance(node, ast.Defined):
            visit(node.item, node.offset if at is None else at)
        else:
            for child in ("item",):
                if hasattr(node, child):
                    visit(getattr(node, child), at)
            for children in ("items", "options"):
                for child in getattr(node, children, ()):
                    visit(child, at)

    visit(node, offset)
    return list(found.values())


def _warn_shadowed(pack, programs):
    """A rule that another one beats on every match it could make never shows in the output.

    Same stage, same compiled program (the pattern after definitions are spliced in, so
    spacing and definition names do not matter), same labels: candidates
    tie on length and start, so priority then rule order decide, always for the same rule.
    """
    winners = {}
    for rule in sorted(pack.rules, key=lambda r: (-r.priority, r.order)):
        program = programs.get(rule.id)
        if program is None:
            continue
        signature = (rule.stage, tuple(rule.labels), rule.key, program)
        winner = winners.setdefault(signature, rule)
        if winner is not rule:
            pack.problems.append(_pattern_problem(
                rule, 0, f"rule '{rule.id}' is unreachable: rule '{winner.id}' ({winner.file}:{winner.line}) has the same pattern and stage and wins every tie; delete one or change its pattern", "warning",
            ))


_NESTED_QUANTIFIER = regex.compile(r"\((?:[^()\\]|\\.)*[+*](?:[^()\\]|\\.)*\)[+*{]")


def _backtracking_risk(source: str) -> str | None:
    if _NESTED_QUANTIFIER.search(source):
        return "regex has a repeated group that itself repeats (like (a+)+): it can backtrack catastrophically"
    return None
