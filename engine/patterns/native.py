"""The native matcher (the Rust extension quotetrace._native), behind the same matches as the
`regex` path.

`available()` says whether the extension imports; `choose_engine` turns the user's choice
("auto", "native", "python") into the path that runs. A NativeMatcher holds a pack's VM
programs (quotetrace.patterns.tokenvm) checked by the core, and gives run_stage the matches
of one rule with their spans as a dict of group name -> spans in tokens, which
matcher.Match reads as it reads a `regex` match's `spans(name)`, so that the candidates
built from them are the same.

A rule runs on the native path in at most `max_steps` VM steps per document (a count, the
same on every machine); past it its matches there are dropped and the record's `errors`
says so, as when a rule runs past its time limit on the `regex` path.
"""
from __future__ import annotations

import os

from quotetrace.budget import OutOfTime
from quotetrace.patterns.encoding import TYPE_CACHE_LIMIT, WORD_BASE

ENGINES = ("auto", "native", "python")
# The most one rule took on one document of PolNeAR train and dev is about 300,000 steps;
# the default leaves room for documents at the token limit (200,000 tokens) and stops a
# runaway rule after a few seconds.
DEFAULT_MAX_RULE_STEPS = 500_000_000
MAX_CHOICE_POINTS = 1_000_000

try:  # the extension is optional: without Rust the package installs the `regex` path only
    from quotetrace import _native
    _IMPORT_ERROR = None
except ImportError as exc:  # pragma: no cover - depends on the build
    _native = None
    _IMPORT_ERROR = str(exc)


def available() -> bool:
    return _native is not None


def why_unavailable() -> str | None:
    return None if _native is not None else f"the native core (quotetrace._native) is not built: {_IMPORT_ERROR}"


def choose_engine(engine: str) -> str:
    """"native" or "python": the path that runs for the user's choice. "auto" is what
    $QUOTETRACE_ENGINE says when it is set (to run a whole test suite on one path), else
    native when the extension imports; asking for "native" without it is an error that says why."""
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    if engine == "auto":
        forced = os.environ.get("QUOTETRACE_ENGINE", "")
        if forced in ("native", "python"):
            return choose_engine(forced)
        return "native" if available() else "python"
    if engine == "native" and not available():
        raise RuntimeError(f"--engine native: {why_unavailable()}; reinstall with a Rust toolchain (cargo) present, or use --engine python")
    return engine


def engine_description(engine: str = "auto") -> str:
    """What `quotetrace --version` says about the matcher."""
    try:
        path = choose_engine(engine)
    except (RuntimeError, ValueError):
        path = "python"
    if path == "native":
        return "matcher: native (Rust core)"
    return "matcher: python (regex)" + ("" if available() else "; the native core is not built")


class RuleOverBudget(Exception):
    """A rule ran past its step budget, or past the memory bound of its backtracking, in one
    document: its matches there are dropped and the record's `errors` says why (a count, so
    the same on every machine)."""


class NativeMatcher:
    """A pack's programs in the core; one per Engine."""

    def __init__(self, compiled_pack, max_steps: int = DEFAULT_MAX_RULE_STEPS):
        program = compiled_pack.native
        self.programs = _native.Programs(program.data)
        self.rule_index = program.rule_index
        self.max_steps = max_steps
        # The token types, as Encoding.type_string makes them, cached in the core (not in the
        # encoding as well: the native path never reads them there).
        self.types = _native.TypeCache(compiled_pack.encoding.context_offset, TYPE_CACHE_LIMIT)
        self._plans = {}
        for stage, rules in compiled_pack.rules_by_stage.items():
            if all(compiled.rule.id in self.rule_index for compiled in rules):
                labels = {}
                self._plans[stage] = self.programs.plan([
                    (self.rule_index[c.rule.id], c.rule.key is not None, c.rule.key or None, c.rule.priority, c.rule.order,
                     labels.setdefault(c.rule.labels[0], len(labels)), list(c.captures),
                     list(c.lexicon_groups) if c.lexicon_group_index is not None else None)
                    for c in rules])

    def runs_stage(self, stage) -> bool:
        """Whether the core runs every rule of `stage` (then run_stage runs it in one call)."""
        return stage in self._plans

    def supports(self, rule_id) -> bool:
        return rule_id in self.rule_index

    def stream(self, stream: str, width: int):
        return _native.Stream(stream, width)

    def document(self, encoding, forms: list[str], context: list[int]):
        """(document, words present): the document's features that no stage changes, in the
        core, laid out as Encoding.base_strings lays them out from the tokens' type strings
        and context flags; and the vocabulary ids of its words, as Encoding.words_present
        gives them. The types come from the core's cache; the ones it lacks are made here
        by the encoding (its /regex/ tests and dictionary), once each."""
        layout = (ord(encoding.context_chars[0]), encoding.width, ord(encoding.bits_chars[0]))
        document = self.types.document(forms, context, *layout)
        if document is None:
            missing = self.types.missing(forms)
            if self.types.make_room(len(missing)):  # emptied: the document's other types went too
                encoding.forget_timeouts()
                missing = self.types.missing(forms)
            self.types.add([(form, encoding.encode_type(form)) for form in missing])
            document = self.types.document(forms, context, *layout)
        return document, {word - WORD_BASE for word in document.words()}

    def stage_stream(self, document, encoding, spans_by_label: dict):
        """One stage's features in the core: the document's with the labels' bits laid over
        them, as Encoding.label_columns lays them into the string stream."""
        layout = []
        for label, spans in spans_by_label.items():
            if label not in encoding.label_index or not spans:
                continue
            begin_position, begin_bit = encoding.label_position(label, False)
            inside_position, inside_bit = encoding.label_position(label, True)
            layout.append((begin_position, begin_bit, inside_position, inside_bit, spans))
        return document.stage(layout)

    def stage(self, stage, active, stream, seconds_left=None, per_rule=None, total=None):
        """The rules `active` (places in the stage's list of rules) run over the stream and
        their overlaps resolved, in one call: (candidates, kept, outcomes) as
        Programs.stage gives them. Past `seconds_left` (the document's time budget)
        OutOfTime, whose phase is "matching" or "resolving overlaps"."""
        found, kept, outcomes, limit = self.programs.stage(self._plans[stage], active, stream, self.max_steps, MAX_CHOICE_POINTS, seconds_left, per_rule, total)
        if limit == "time":
            raise OutOfTime("matching")
        if limit == "resolving":
            raise OutOfTime("resolving overlaps")
        return found, kept, outcomes

    def why_dropped(self, limit) -> str:
        """What the record's `errors` says of a rule whose matches a limit dropped ("steps"
        or "stack"; RuleOverBudget says the same on the per-rule path)."""
        if limit == "steps":
            return f"rule ran past its budget of {self.max_steps} matching steps on this document (max_rule_steps, --max-rule-steps); its matches here were dropped"
        return f"rule needed more than {MAX_CHOICE_POINTS} backtracking points at once on this document; its matches here were dropped"

    def matches(self, rule_id, stream, seconds_left=None):
        """The rule's matches in token order, as (first token, end token, spans), spans a dict
        of group name -> [(first, end), ...] in tokens, in capture order (as the core makes
        it: no copy, since hundreds of matches a document come through here). Past its
        step budget or memory bound it raises RuleOverBudget; past `seconds_left` (the
        document's time budget) OutOfTime, as the `regex` path does."""
        found, _, limit = self.programs.matches(self.rule_index[rule_id], stream, self.max_steps, MAX_CHOICE_POINTS, seconds_left)
        if limit == "time":
            raise OutOfTime("matching")
        if limit is not None:
            raise RuleOverBudget(self.why_dropped(limit))
        return found
