"""What compiling a rule pack produces: one program per rule, grouped by stage, and the
encoding they all run over. The matcher and the cache read these; nothing here compiles."""
from __future__ import annotations

import pickle
from dataclasses import dataclass, field

from quotetrace.patterns.encoding import Encoding


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

    # The `regex` program is the largest thing in a process: the pack's 97 programs take
    # about 90 MB once unpickled, against 4 MB pickled. A process on the native core reads
    # them only for what the core does not run (explain, an unsupported rule), so the
    # compiled-pack cache keeps each one pickled and it is unpickled on first use.
    # The source is the program's own pattern, pickled inside it: stored apart it took
    # about 9 MB of every process (2.2 million code points, outside the BMP, so four bytes
    # each in a str) for `lint`, which runs before the pack is cached.
    def __getstate__(self):
        state = dict(self.__dict__)
        program = state.pop("program", None)
        if program is not None:
            state["_program_pickle"] = pickle.dumps(program, protocol=pickle.HIGHEST_PROTOCOL)
            if state.get("source") == program.pattern:
                del state["source"]
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)

    def __getattr__(self, name):
        # Called only for attributes not set: `program` before its first use.
        if name == "program":
            blob = self.__dict__.pop("_program_pickle", None)
            if blob is not None:
                program = self.__dict__["program"] = pickle.loads(blob)
                return program
        if name == "source" and ("program" in self.__dict__ or "_program_pickle" in self.__dict__):
            return self.program.pattern  # not kept in the cache (__getstate__), and not kept here
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    @property
    def pattern_text(self) -> str:
        """The rule's pattern on one line, as traces show it."""
        text = self.__dict__.get("_pattern_text")
        if text is None:
            text = self.__dict__["_pattern_text"] = " ".join(self.rule.pattern.split())
        return text

    @property
    def lexicon_groups(self) -> tuple:
        """(group, lexicon id) of each lexicon use, in order: what Match.lexicon_hits reads
        for every match, worked out once per rule."""
        groups = self.__dict__.get("_lexicon_groups")
        if groups is None:
            groups = self.__dict__["_lexicon_groups"] = tuple((use.group, use.lexicon) for use in self.lexicon_uses)
        return groups

    @property
    def lexicon_group_index(self) -> dict | None:
        """group -> (its place among the lexicon uses, lexicon id), for a match that lists only
        the groups it captured (the native core's): a match captures three or four groups of
        a rule's dozens. None when two uses share a group (then every use is looked up)."""
        index = self.__dict__.get("_lexicon_group_index", False)
        if index is False:
            groups = self.lexicon_groups
            index = {group: (place, lexicon) for place, (group, lexicon) in enumerate(groups)}
            index = self.__dict__["_lexicon_group_index"] = index if len(index) == len(groups) else None
        return index

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
    # What compile_fragment needs to compile one more pattern against this pack:
    lexicon_words: dict = field(default_factory=dict)   # lexicon id -> [(entry, words tuple)]
    regex_sources: list = field(default_factory=list)   # [(source, flags)] in the encoding's bit order
    label_stage: dict = field(default_factory=dict)     # label -> the earliest stage producing it
    definitions: dict = field(default_factory=dict)     # definition name -> parsed tree
    # The same rules as programs of the native core's VM (quotetrace.patterns.tokenvm), made
    # here and cached with the rest, so that a process with the core compiles nothing.
    native: object = None
