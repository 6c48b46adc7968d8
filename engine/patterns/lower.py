"""Lowering: a rule's tree to a `regex` program over the encoded token stream.

Token tests become character classes, one per dimension of quotetrace.patterns.encoding;
a boolean combination of tests is brought into disjunctive normal form so that each
alternative is a plain run of K classes. Sequences, alternation, repetition, captures,
lookarounds, anchors and units (a whole span of an earlier stage's label) map onto the
regex constructs of the same name. `RuleCompiler.anchored` starts a program at its most
selective element so that `regex` can skip ahead in C.
"""
from __future__ import annotations

from quotetrace.patterns import nodes
from quotetrace.patterns.encoding import (
    BITS_BASE,
    BITS_PER_CHUNK,
    CLASS_BASE,
    CONTEXT_BASE,
    CONTEXT_FLAGS,
    CONTEXT_SIZE,
    SHAPE_BASE,
    SHAPE_FLAGS,
    WORD_BASE,
    WORD_CLASS_FLAGS,
    WORD_LIMIT,
    Encoding,
)
from quotetrace.patterns.program import LexiconUse
from quotetrace.rulepack.pack import BUILTIN_LABELS, STAGES
from quotetrace.text import wordclasses


ANY_WORD = f"[{chr(WORD_BASE)}-{chr(WORD_LIMIT)}]"


# The most frequent words of English news; a rule is not anchored on them if it can be helped.
COMMON_WORDS = frozenset(
    """the a an of to in and for on that is was with as at by from it he she his her said says
    this be has have had are were not but or will would its their they who which after about
    more than also been up out one new two , . ; : — - " “ ” ' ’ ( )""".split()
)


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
        self.word_of = encoding.word_of

    # --- token tests to DNF: a list of {position: constraint} -------------------
    def dnf(self, test, negate=False):
        enc = self.encoding
        if isinstance(test, nodes.Not):
            return self.dnf(test.test, not negate)
        if isinstance(test, (nodes.And, nodes.Or)):
            conjunctive = isinstance(test, nodes.And) != negate
            parts = [self.dnf(t, negate) for t in test.tests]
            if conjunctive:
                result = [{}]
                for part in parts:
                    result = [c for a in result for b in part if (c := _merge(a, b)) is not None]
                return result
            return [c for part in parts for c in part]
        if isinstance(test, nodes.AnyToken):
            return [] if negate else [{}]
        if isinstance(test, nodes.Word):
            words = _WordSet({self.word_id(test.text)})
        elif isinstance(test, nodes.InLexicon):
            words = _WordSet(self.single_word_ids(test.lexicon, test.filters, 0))
        elif isinstance(test, nodes.Regex):
            position, bit = enc.regex_position(self.regex_index[(test.source, test.flags)])
            return [{position: _bit_set(bit, negate)}]
        elif isinstance(test, nodes.Flag):
            if test.name == "outquote":
                return self.dnf(nodes.Flag("inquote"), not negate)
            if test.name in SHAPE_FLAGS:
                return [{1: _flag_set(SHAPE_FLAGS[test.name], 256, negate)}]
            if test.name in WORD_CLASS_FLAGS:
                if not enc.word_classes:
                    raise _Fail(f"%{test.name} needs the word-class layer, which this pack's encoding lacks (no rule of the pack tests a word class)", 0)
                values = wordclasses.signatures_with(test.name)
                if negate:
                    values = _negate_values(values, len(wordclasses.signatures()))
                return [{enc.class_offset: values}]
            return [{enc.context_offset: _flag_set(CONTEXT_FLAGS[test.name], CONTEXT_SIZE, negate)}]
        elif isinstance(test, nodes.InLabel):
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
        for name, values in filters:
            unknown = [v for v in values if name == "%" and v not in WORD_CLASS_FLAGS]
            if unknown:
                raise _Fail(f"unknown word class %{unknown[0]} in the filter of '@{lexicon}'; classes are {', '.join('%' + c for c in WORD_CLASS_FLAGS)}", offset)
        selected = []
        for entry, words in self.lexicon_words[lexicon]:
            if all(_passes(entry, words, name, values) for name, values in filters):
                selected.append((entry, words))
        if not selected:
            raise _Fail(f"no entry of '@{lexicon}' has {_describe_filters(filters)}", offset)
        return selected

    # --- one token to a regex ---------------------------------------------------
    def token_regex(self, conjunctions):
        if not conjunctions:
            return "(?!)"
        alternatives = sorted({self.conjunction_regex(c) for c in conjunctions})
        # Atomic: every alternative spans exactly one token, so once one has matched, trying
        # another that also matches the same token gives the same span. Without it a repeat
        # over tokens that pass several alternatives (a test with negations expands into
        # overlapping ones) backtracks through every combination when what follows fails:
        # twice or more the work per token, exponential in the run's length.
        return alternatives[0] if len(alternatives) == 1 else "(?>" + "|".join(alternatives) + ")"

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
        if isinstance(node, nodes.Token):
            return self.token_regex(self.dnf(node.test))
        if isinstance(node, nodes.Phrase):
            return "".join(self.token_regex([{0: _WordSet({self.word_id(w)})}]) for w in node.words)
        if isinstance(node, nodes.LexiconPhrase):
            entries = self.entries(node.lexicon, node.filters, node.offset)
            body = self.lexicon_regex({words for _, words in entries})
            if self.plain:
                return f"(?:{body})"
            group = f"_L{len(self.uses)}"
            self.uses.append(LexiconUse(group, node.lexicon, node.filters))
            return f"(?P<{group}>{body})"
        if isinstance(node, nodes.Unit):
            self.check_label(node.label, node.offset)
            begin = self.token_regex(self._label_dnf(node.label, False))
            inside = self.token_regex(self._label_dnf(node.label, True))
            # The lookahead keeps a unit whole when it is matched leftwards (before an anchor).
            return f"(?:{begin}(?:{inside})*+(?!{inside}))"
        if isinstance(node, nodes.Anchor):
            offset = self.encoding.context_offset
            if node.kind == "sentence_start":
                return "(?=" + self.conjunction_regex({offset: _flag_set(CONTEXT_FLAGS["sentstart"], CONTEXT_SIZE, False)}) + ")"
            return "(?<=" + self.conjunction_regex({offset: _flag_set(CONTEXT_FLAGS["sentend"], CONTEXT_SIZE, False)}) + ")"
        if isinstance(node, nodes.Sequence):
            return "".join(self.node(item) for item in node.items)
        if isinstance(node, nodes.Alternation):
            return "(?:" + "|".join(self.node(option) for option in node.options) + ")"
        if isinstance(node, nodes.Repeat):
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
        if isinstance(node, nodes.Capture):
            if self.plain:
                return f"(?:{self.node(node.item)})"
            return f"(?P<{node.name}>{self.node(node.item)})"
        if isinstance(node, nodes.Look):
            return f"(?{'<' if node.behind else ''}{'!' if node.negative else '='}{self.node(node.item)})"
        if isinstance(node, nodes.Defined):
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
        index = self.anchor_index(items)
        if index is None:
            # No anchor: open with one consumed word character (so `regex` skips to token
            # starts in C) and match the pattern from that token start inside a lookbehind.
            # The matcher tries it only at tokens that pass a test its first token must pass.
            tests, nullable = self._first_tests(tree)
            if tests and not nullable:
                self.lead = {position: self._scan_class(position, values) for position, values in tests.items()}
            return f"{ANY_WORD}(?<=(?=(?P<_whole>{self.node(tree)})){ANY_WORD})"
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

    def anchor_index(self, items):
        """Which of the flattened items is the anchor (None: the pattern has none): of the
        items that must match and whose first token is one of a known set of words, the
        most selective: not only very common words (the, a, in, as), then the fewest
        possible first words, then the earliest. The native VM's programs (tokenvm) split
        a rule at the same item."""
        candidates = []
        for index, item in enumerate(items):
            first, nullable = self._first(item)
            if not nullable and first is not None:
                common = bool(first) and all(self.word_of.get(i) in COMMON_WORDS for i in first)
                candidates.append((common, len(first), index))
        return min(candidates)[2] if candidates else None

    def _scan_class(self, position, values):
        if position == 0:
            self.word_sets.append(frozenset(values))
            return _word_class(_WordSet(values))
        return self._class_at(position, values)

    def _class_at(self, position, values):
        """The character class of `values` at a position of the token other than the word."""
        enc = self.encoding
        base = SHAPE_BASE if position == 1 else CONTEXT_BASE if position == enc.context_offset else CLASS_BASE if position == enc.class_offset else BITS_BASE
        return _class(base, values)

    def _first_tests(self, node):
        """What the first token of a match must pass, as {position in the token: allowed
        values} (passing any one will do), and whether the node can match no tokens.
        None for tests: any token may start it.

        Of each alternative test one positive condition is kept (a word, a flag or label
        that must be set), so the tokens that pass are a superset of those that match.
        """
        if isinstance(node, nodes.Token):
            tests = {}
            for conjunction in self.dnf(node.test):
                position, values = self._positive_condition(conjunction)
                if position is None:
                    return None, False
                tests.setdefault(position, set()).update(values)
            return tests, False
        if isinstance(node, (nodes.Phrase, nodes.LexiconPhrase)):
            ids, _ = self._first(node)
            return {0: set(ids)}, False
        if isinstance(node, nodes.Unit):
            self.check_label(node.label, node.offset)
            position, bit = self.encoding.label_position(node.label, False)
            return {position: set(_bit_set(bit, False))}, False
        if isinstance(node, (nodes.Capture, nodes.Defined)):
            return self._first_tests(node.item)
        if isinstance(node, (nodes.Anchor, nodes.Look)):
            return {}, True
        if isinstance(node, nodes.Repeat):
            tests, nullable = self._first_tests(node.item)
            return tests, nullable or node.low == 0
        if isinstance(node, (nodes.Alternation, nodes.Sequence)):
            merged, any_nullable = {}, False
            for item in node.options if isinstance(node, nodes.Alternation) else node.items:
                tests, nullable = self._first_tests(item)
                if tests is None:
                    return None, False
                for position, values in tests.items():
                    merged.setdefault(position, set()).update(values)
                if isinstance(node, nodes.Sequence) and not nullable:
                    return merged, False
                any_nullable = any_nullable or nullable
            return merged, any_nullable if isinstance(node, nodes.Alternation) else True
        return None, False

    def _positive_condition(self, conjunction):
        """One position of a token test that requires something present (a word, a set flag
        or label bit), preferring context and labels, then shape, then regex bits."""
        words = conjunction.get(0)
        if words is not None and not words.negated:
            return 0, words.ids
        enc = self.encoding
        order = [enc.context_offset] + list(range(enc.label_offset, enc.width)) + [1] + list(range(2, enc.context_offset))
        if enc.class_offset is not None:  # a word class narrows more than a regex bit
            order.remove(enc.class_offset)
            order.insert(order.index(1) + 1, enc.class_offset)
        for position in order:
            values = conjunction.get(position)
            if values is not None and 0 not in values:
                return position, values
        return None, None

    def first_ids(self, items):
        """Word ids the first token of a match of this sequence can have; None for any."""
        ids, nullable = self._first(nodes.Sequence(tuple(items)))
        return None if nullable else ids

    def _first(self, node):
        if isinstance(node, nodes.Token):
            conjunctions = self.dnf(node.test)
            ids = set()
            for conjunction in conjunctions:
                words = conjunction.get(0)
                if words is None or words.negated:
                    return None, False
                ids |= words.ids
            return ids, False
        if isinstance(node, nodes.Phrase):
            return {self.word_id(node.words[0])}, False
        if isinstance(node, nodes.LexiconPhrase):
            return {self.word_id(words[0]) for _, words in self.entries(node.lexicon, node.filters, node.offset)}, False
        if isinstance(node, (nodes.Capture, nodes.Defined)):
            return self._first(node.item)
        if isinstance(node, (nodes.Anchor, nodes.Look)):
            return set(), True
        if isinstance(node, nodes.Repeat):
            ids, nullable = self._first(node.item)
            return ids, nullable or node.low == 0
        if isinstance(node, nodes.Alternation):
            result, nullable = set(), False
            for option in node.options:
                ids, empty = self._first(option)
                if ids is None:
                    return None, False
                result |= ids
                nullable = nullable or empty
            return result, nullable
        if isinstance(node, nodes.Sequence):
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


def _passes(entry, words, name, values):
    """Whether a lexicon form passes one filter: an entry attribute with one of the values,
    or (name "%") a first word the dictionary gives one of the word classes. The first word,
    as `(?= [%verb_past]) @lexicon` would test it, but judged once, when the pack compiles."""
    if name == "%":
        return any(c in values for c in wordclasses.classes_of(words[0]))
    return str(entry.attribute(name, "")) in values


def _describe_filters(filters):
    return " and ".join(f"%{'|'.join(values)}" if name == "%" else f"{name}={'|'.join(values)}" for name, values in filters)


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


def _flatten(node):
    """Top-level sequence items, with definitions, nested sequences and captures opened up.

    A capture over a sequence becomes one capture per item, all with the same name, so
    the anchor may lie inside it; the matcher joins the touching pieces again.
    """
    if isinstance(node, nodes.Defined):
        return _flatten(node.item)
    if isinstance(node, nodes.Sequence):
        return [leaf for item in node.items for leaf in _flatten(item)]
    if isinstance(node, nodes.Capture):
        inner = _flatten(node.item)
        if len(inner) > 1:
            return [nodes.Capture(node.name, item, node.offset) for item in inner]
    return [node]
