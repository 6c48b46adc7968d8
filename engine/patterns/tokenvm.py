"""Programs for the native matcher: a rule's tree to instructions of a token-level VM.

The `regex` path lowers a tree to a program over the encoded stream (patterns.lower); the
native core (engine/native, a Rust extension) runs these instructions over the same
stream's token features instead, and must give the same matches with the same captures.
So this module walks the tree exactly as RuleCompiler.node and .anchored do (same anchor,
same order of alternatives, lexicon groups `_L<n>` numbered in the same order, lazy
repeats made greedy before the anchor), and emits for each construct what the `regex`
program does with it, token by token:

    TESTF t / TESTB t          one token passes test t (forwards / backwards)
    LEXF l / LEXB l            a phrase of lexicon table l, each match an alternative, in
                               the order the lowered alternation tries them
    SPLIT a b / JMP a          alternatives (a first) / a jump
    OPEN r / CLOSE r g         a capture: register r keeps where it opened; the close adds
                               one span of group g (all spans of a group are kept, as
                               `regex`'s Match.spans gives them)
    REPINIT r / REP r lo hi lazy exit / REPEND r loop    a counted repetition
    ATOM / ATOMEND             a possessive repetition (an atomic group)
    UNITF b i / UNITB b i      a unit, (?:B(?:I)*+(?!I)) with B and I tests b and i: a
                               token passing b, then every token after it passing i
                               (backwards: the same span, ending where the run starts)
    LOOK neg cont / LOOKEND    a lookaround: its body runs in its own direction (a
                               lookbehind's body right to left, as `regex` runs it); it is
                               atomic, its captures kept when positive
    FAIL / MATCH

The instructions, token tests, value sets and lexicon tables of a whole pack are one JSON
document (NativeProgram.data), stored with the compiled pack in the cache. A construct the
VM does not reproduce exactly (a repetition whose body can match no token: `regex` has its
own rules for empty iterations) makes the rule unsupported: it runs on the `regex` path,
so results stay the same.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field

from quotetrace.patterns import nodes
from quotetrace.patterns.encoding import BITS_BASE, CLASS_BASE, CONTEXT_BASE, CONTEXT_FLAGS, CONTEXT_SIZE, SHAPE_BASE, WORD_BASE
from quotetrace.patterns.lower import RuleCompiler, _flag_set, _flatten, _WordSet

FORMAT = 4  # 2: UNITF and UNITB; 3: guards; 4: guards both ways
INFINITE = 0xFFFFFFFF


class Unsupported(Exception):
    """A construct this VM does not reproduce exactly; the rule keeps the `regex` path."""


@dataclass
class NativeProgram:
    """Every rule's VM program of a pack, as the JSON the native core reads."""

    data: str
    rule_index: dict = field(default_factory=dict)  # rule id -> its index in data["rules"]
    unsupported: dict = field(default_factory=dict)  # rule id -> why it runs on the `regex` path


class PackTables:
    """The value sets, token tests and lexicon tables the rules of a pack share."""

    def __init__(self, encoding):
        self.encoding = encoding
        self.sets, self._set_ids = [], {}
        self.tests, self._test_ids = [], {}
        self.lexicons, self._lexicon_ids = [], {}
        self.rules = []

    def base_of(self, position):
        enc = self.encoding
        if position == 0:
            return WORD_BASE
        if position == 1:
            return SHAPE_BASE
        if position == enc.context_offset:
            return CONTEXT_BASE
        if position == enc.class_offset:
            return CLASS_BASE
        return BITS_BASE

    def value_set(self, position, constraint):
        if isinstance(constraint, _WordSet):
            key = (WORD_BASE, constraint.negated, tuple(sorted(constraint.ids)))
        else:
            key = (self.base_of(position), False, tuple(sorted(constraint)))
        found = self._set_ids.get(key)
        if found is None:
            found = self._set_ids[key] = len(self.sets)
            self.sets.append([key[0], key[1], list(key[2])])
        return found

    def test(self, conjunctions):
        """A token test: any of the conjunctions, each a list of (position, value set)."""
        encoded = tuple(sorted({tuple(sorted((p, self.value_set(p, c)) for p, c in conj.items())) for conj in conjunctions}))
        found = self._test_ids.get(encoded)
        if found is None:
            found = self._test_ids[encoded] = len(self.tests)
            self.tests.append([[list(pair) for pair in conj] for conj in encoded])
        return found

    def lexicon(self, table):
        key = json.dumps(table)
        found = self._lexicon_ids.get(key)
        if found is None:
            found = self._lexicon_ids[key] = len(self.lexicons)
            self.lexicons.append(table)
        return found

    def document(self) -> str:
        return json.dumps({"format": FORMAT, "width": self.encoding.width, "sets": self.sets, "tests": self.tests,
                           "lexicons": self.lexicons, "rules": self.rules}, separators=(",", ":"))


class ProgramBuilder(RuleCompiler):
    """One rule's VM program (a fresh instance per rule, as RuleCompiler)."""

    def __init__(self, tables: PackTables, encoding, lexicon_words, regex_sources, label_stage, stage):
        super().__init__(encoding, lexicon_words, regex_sources, label_stage, stage)
        self.tables = tables
        self.code = []
        self.groups, self._group_ids = [], {}
        self.registers = 0
        self.lexicon_groups = 0  # the number the next lexicon group takes, as `_L<n>` in lower.py

    # --- emission -------------------------------------------------------------
    def emit(self, *instruction):
        self.code.append(list(instruction))
        return len(self.code) - 1

    def register(self):
        self.registers += 1
        return self.registers - 1

    def group(self, name):
        found = self._group_ids.get(name)
        if found is None:
            found = self._group_ids[name] = len(self.groups)
            self.groups.append(name)
        return found

    def capture(self, name, body, backward):
        register = self.register()
        self.emit("OPEN", register)
        body()
        self.emit("CLOSE", register, self.group(name))

    def look(self, negative, behind, body):
        at = self.emit("LOOK", negative, 0)
        body(behind)
        self.emit("LOOKEND")
        self.code[at][2] = len(self.code)

    def test(self, conjunctions, backward):
        self.emit("TESTB" if backward else "TESTF", self.tables.test(conjunctions))

    # --- the tree -------------------------------------------------------------
    def sequence(self, items, backward):
        if not backward:
            for item in items:
                self.vm_node(item, backward)
            return
        # Right to left, but the lexicon groups keep the numbers the tree's order gives them.
        start = self.lexicon_groups
        counts = [sum(isinstance(n, nodes.LexiconPhrase) for n in item.walk()) for item in items]
        for index in reversed(range(len(items))):
            self.lexicon_groups = start + sum(counts[:index])
            self.vm_node(items[index], backward)
        self.lexicon_groups = start + sum(counts)

    def vm_node(self, node, backward):
        if isinstance(node, nodes.Token):
            self.test(self.dnf(node.test), backward)
        elif isinstance(node, nodes.Phrase):
            words = [self.word_id(w) for w in node.words]
            for word in (reversed(words) if backward else words):
                self.test([{0: _WordSet({word})}], backward)
        elif isinstance(node, nodes.LexiconPhrase):
            entries = self.entries(node.lexicon, node.filters, node.offset)
            table = self.tables.lexicon(self.lexicon_table({words for _, words in entries}))
            instruction = ("LEXB" if backward else "LEXF", table)
            if self.plain:
                self.emit(*instruction)
                return
            name = f"_L{self.lexicon_groups}"
            self.lexicon_groups += 1
            self.capture(name, lambda: self.emit(*instruction), backward)
        elif isinstance(node, nodes.Unit):
            self.check_label(node.label, node.offset)
            begin = self.tables.test(self._label_dnf(node.label, False))
            inside = self.tables.test(self._label_dnf(node.label, True))
            # (?:B(?:I)*+(?!I)) as one instruction: it never backtracks, so it needs no
            # choice points, and some six steps a token fewer.
            self.emit("UNITB" if backward else "UNITF", begin, inside)
        elif isinstance(node, nodes.Anchor):
            offset = self.encoding.context_offset
            if node.kind == "sentence_start":
                conj = {offset: _flag_set(CONTEXT_FLAGS["sentstart"], CONTEXT_SIZE, False)}
                self.look(False, False, lambda b: self.test([conj], b))
            else:
                conj = {offset: _flag_set(CONTEXT_FLAGS["sentend"], CONTEXT_SIZE, False)}
                self.look(False, True, lambda b: self.test([conj], b))
        elif isinstance(node, nodes.Sequence):
            self.sequence(node.items, backward)
        elif isinstance(node, nodes.Alternation):
            self.alternation([lambda b, o=o: self.vm_node(o, b) for o in node.options], backward)
        elif isinstance(node, nodes.Repeat):
            if (node.low, node.high) != (0, 1) and self.nullable(node.item):
                raise Unsupported("a repetition whose body can match no token")
            lazy = node.lazy and not self.greedy
            self.repeat(lambda b: self.vm_node(node.item, b), node.low, node.high, lazy, backward)
        elif isinstance(node, nodes.Capture):
            if self.plain:
                self.vm_node(node.item, backward)
            else:
                self.capture(node.name, lambda: self.vm_node(node.item, backward), backward)
        elif isinstance(node, nodes.Look):
            self.look(node.negative, node.behind, lambda b: self.vm_node(node.item, b))
        elif isinstance(node, nodes.Defined):
            self.vm_node(node.item, backward)
        else:
            raise Unsupported(f"no VM form for {type(node).__name__}")

    def alternation(self, options, backward):
        jumps = []
        for number, option in enumerate(options):
            if number < len(options) - 1:
                split = self.emit("SPLIT", len(self.code) + 1, 0)
                option(backward)
                jumps.append(self.emit("JMP", 0))
                self.code[split][2] = len(self.code)
            else:
                option(backward)
        for jump in jumps:
            self.code[jump][1] = len(self.code)

    def repeat(self, body, low, high, lazy, backward):
        if low == 0 and high == 1:
            split = self.emit("SPLIT", 0, 0)
            start = len(self.code)
            body(backward)
            end = len(self.code)
            self.code[split][1:] = [end, start] if lazy else [start, end]
            return
        register = self.register()
        self.emit("REPINIT", register)
        loop = self.emit("REP", register, low, INFINITE if high is None else high, lazy, 0)
        body(backward)
        self.emit("REPEND", register, loop)
        self.code[loop][5] = len(self.code)

    def possessive_star(self, body, backward):
        self.emit("ATOM")
        self.repeat(body, 0, None, False, backward)
        self.emit("ATOMEND")

    # --- what the regex path does around the pattern ----------------------------
    def nullable(self, node):
        if isinstance(node, (nodes.Token, nodes.Phrase, nodes.LexiconPhrase, nodes.Unit)):
            return False
        if isinstance(node, (nodes.Anchor, nodes.Look)):
            return True
        if isinstance(node, (nodes.Capture, nodes.Defined)):
            return self.nullable(node.item)
        if isinstance(node, nodes.Repeat):
            return node.low == 0 or self.nullable(node.item)
        if isinstance(node, nodes.Sequence):
            return all(self.nullable(i) for i in node.items)
        if isinstance(node, nodes.Alternation):
            return any(self.nullable(o) for o in node.options)
        raise Unsupported(f"no VM form for {type(node).__name__}")

    def lexicon_table(self, phrases):
        """The phrases as lexicon_regex tries them: [[word ids], rank] with rank the place
        of the phrase's alternative in the lowered alternation (branches by first word as
        text, each trying its continuations longest first and the word alone last; the
        words that only stand alone in a branch of their own, last)."""
        tails = {}
        for phrase in phrases:
            if len(phrase) > 1:
                tails.setdefault(phrase[0], []).append(phrase[1:])
        singles = {self.word_id(p[0]) for p in phrases if len(p) == 1}
        rows, rank = [], 0
        for first in sorted(tails):
            for tail in sorted(set(tails[first]), key=lambda t: (-len(t), t)):
                rows.append([[self.word_id(w) for w in (first,) + tail], rank])
                rank += 1
            if self.word_id(first) in singles:
                rows.append([[self.word_id(first)], rank])
                rank += 1
        for word in sorted(singles - {self.word_id(f) for f in tails}):
            rows.append([[word], rank])
        return rows

    def build(self, tree, match_first="before"):
        """The rule's program, as RuleCompiler.anchored builds its `regex` program."""
        items = _flatten(tree)
        index = self.anchor_index(items)
        whole = self.register()
        self.emit("OPEN", whole)
        first_ids = None
        lead = None
        if index is None:
            tests, nullable = self._first_tests(tree)
            if tests and not nullable:
                lead = self.tables.test([{position: (_WordSet(values) if position == 0 else frozenset(values))} for position, values in tests.items()])
            self.vm_node(tree, False)
        else:
            # The same order as anchored(): anchor, rest, then the prefix (the _L numbers).
            forward = items[index:]
            prefix = items[:index]
            if not index:
                self.sequence(forward, False)
            elif match_first == "after":
                self.look(False, False, lambda b: self.capture("_rest", lambda: self.sequence(forward, b), b))
                self.greedy = True
                try:
                    self.look(False, True, lambda b: self.capture("_pre", lambda: self.sequence(prefix, b), b))
                finally:
                    self.greedy = False
            else:
                # The prefix comes first in the program but its lexicon groups are numbered
                # after the anchor's and the rest's: build those first, then splice.
                head = len(self.code)
                self.sequence(forward, False)
                tail_code = self.code[head:]
                del self.code[head:]
                self.greedy = True
                try:
                    self.look(False, True, lambda b: self.capture("_pre", lambda: self.sequence(prefix, b), b))
                finally:
                    self.greedy = False
                shift = len(self.code) - head
                for instruction in tail_code:
                    _relocate(instruction, shift)
                self.code.extend(tail_code)
            ids = self.first_ids(items[index:])
            first_ids = sorted(ids) if ids else None
        self.emit("CLOSE", whole, self.group("_whole"))
        self.emit("MATCH")
        if index is None:
            guards = self.guards(items[1:], items[:1], forward=True)
        else:
            guards = self.guards(list(reversed(items[:index])), [], forward=False) + self.guards(items[index + 1:], items[index:index + 1], forward=True)
        return {"code": self.code, "registers": self.registers, "groups": self.groups,
                "first": first_ids, "lead": lead, "guards": guards}

    # --- guards: what the tokens before an anchor must hold for the prefix to match ----------
    def guards(self, items, before, forward):
        """[region test, target test, forward] triples, each a condition every match at a
        start must meet. `items` are the pattern's items in the order they are matched from
        the start (the prefix before the anchor right to left, or the items after the
        anchor), `before` the items matched from the start before them (the anchor). The
        first token each item that must take a token takes (the target: a token test, a
        unit, a phrase) lies past the start with only tokens between that the items before
        it may take (the region: any test of theirs that takes a token). The core checks
        them before trying a start (vm::guards_hold): a start they rule out is one the
        program would fail at, so the matches stay the same, found sooner. Zero-width items
        (lookarounds, anchors) take no token and are left out of the region; they only
        narrow what matches."""
        found, region = [], []
        for item in before:
            region = self._add_takers(region, item)
        for item in items:
            if region is None:
                break  # any token may lie between: no further condition
            target = self._edge_token_test(item, forward)
            if target is not None:
                found.append([self.tables.test(region), self.tables.test(target), int(forward)])
            region = self._add_takers(region, item)
        return found

    def _add_takers(self, region, item):
        taken = self._takers(item)
        return None if region is None or taken is None else region + taken

    def _takers(self, node):
        """The token tests (DNF conjunctions) of every part of the node that takes a token
        in the main direction; None when one of them takes any token."""
        if isinstance(node, nodes.Token):
            conjunctions = self.dnf(node.test)
            return None if any(not conjunction for conjunction in conjunctions) else conjunctions
        if isinstance(node, nodes.Phrase):
            return [{0: _WordSet({self.word_id(w)})} for w in node.words]
        if isinstance(node, nodes.LexiconPhrase):
            words = {self.word_id(w) for _, phrase in self.entries(node.lexicon, node.filters, node.offset) for w in phrase}
            return [{0: _WordSet(words)}]
        if isinstance(node, nodes.Unit):
            return self._label_dnf(node.label, False) + self._label_dnf(node.label, True)
        if isinstance(node, (nodes.Look, nodes.Anchor)):
            return []
        if isinstance(node, (nodes.Sequence, nodes.Alternation)):
            parts = [self._takers(child) for child in (node.items if isinstance(node, nodes.Sequence) else node.options)]
            return None if any(part is None for part in parts) else [c for part in parts for c in part]
        if isinstance(node, (nodes.Repeat, nodes.Capture, nodes.Defined)):
            return self._takers(node.item)
        return None

    def _edge_token_test(self, node, forward):
        """The token test (DNF) of the first token the node takes, matched forwards, or of its
        last, matched backwards, when the node must take at least one token and that test is
        known; else None."""
        if isinstance(node, nodes.Token):
            conjunctions = self.dnf(node.test)
            return None if not conjunctions or any(not conjunction for conjunction in conjunctions) else conjunctions
        if isinstance(node, nodes.Phrase) and node.words:
            return [{0: _WordSet({self.word_id(node.words[0 if forward else -1])})}]
        if isinstance(node, nodes.Unit):
            begin = self._label_dnf(node.label, False)
            return begin if forward else begin + self._label_dnf(node.label, True)
        if isinstance(node, (nodes.Capture, nodes.Defined)):
            return self._edge_token_test(node.item, forward)
        return None


def _relocate(instruction, shift):
    """Move a jump target of an instruction built at another place by `shift`."""
    op = instruction[0]
    if op == "SPLIT":
        instruction[1] += shift
        instruction[2] += shift
    elif op == "JMP":
        instruction[1] += shift
    elif op == "LOOK":
        instruction[2] += shift
    elif op == "REP":
        instruction[5] += shift
    elif op == "REPEND":
        instruction[2] += shift


def build_native_program(pack_rules, encoding, lexicon_words, regex_sources, label_stage) -> NativeProgram:
    """Every rule's VM program. `pack_rules`: (rule, spliced tree, its CompiledRule) in order."""
    tables = PackTables(encoding)
    program = NativeProgram("")
    for rule, tree, compiled in pack_rules:
        builder = ProgramBuilder(tables, encoding, lexicon_words, regex_sources, label_stage, rule.stage)
        try:
            built = builder.build(tree, rule.match_first)
        except Unsupported as exc:
            program.unsupported[rule.id] = str(exc)
            continue
        expected = [use.group for use in compiled.lexicon_uses]
        if sorted(g for g in builder.groups if g.startswith("_L")) != sorted(expected) or builder.lexicon_groups != len(expected):
            program.unsupported[rule.id] = "its lexicon groups differ from the regex program's"
            continue
        program.rule_index[rule.id] = len(tables.rules)
        tables.rules.append(built)
    program.data = tables.document()
    return program
