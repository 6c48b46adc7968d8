"""How much work one document may cost, counted so that the same input gives the same record.

A limit measured in seconds gives different records on a fast and a slow machine, on an
idle and a loaded one, and with `--jobs 1` and `--jobs 2`. So the limits that should fire
are counts of work, which are the same on every run:

- `max_tokens`: tokens in one document. Matching costs about linearly in tokens (once
  sentences are bounded, below), so this bounds the time of every stage.
- `max_sentence_tokens`: a run of text longer than this without a sentence end (a list, a
  table, a text without punctuation) is cut into pieces of this many tokens. Rules look for
  their content up to the end of the sentence, so an endless sentence makes matching grow
  with the square of its length; bounded, it grows linearly. The record notes each cut.
- `max_paragraph_tokens`: likewise for a paragraph (a text with no line breaks), cut at a
  sentence start: some rules take a content to the end of its paragraph.
- `max_rule_candidates`: matches one rule may find in one document; past it the rule's
  matches there are dropped and the record's `errors` says so (as when a rule times out).
- `max_candidates`: matches of all rules in one document; past it the document gets an error
  record. Resolving overlaps, building actors and linking them cost in proportion to it.

The clock stays, as a last resort against what cannot be counted (a regular expression that
backtracks without end): `time_budget` seconds per document, checked in every phase
(matching, resolution, actors, linking, attributions, the record), and the per-rule and
per-token time limits. What they give is marked as depending on the machine (CLOCK_NOTE), so
that a reader knows the same document may come out otherwise on another run.

The deadline of the document being worked on is kept in a context variable, so that the
phases check it (`checkpoint`) without every function in between passing it along.
"""
from __future__ import annotations

import time
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

DEFAULT_MAX_TOKENS = 200_000
DEFAULT_MAX_SENTENCE_TOKENS = 250
DEFAULT_MAX_PARAGRAPH_TOKENS = 2_500
DEFAULT_MAX_RULE_CANDIDATES = 20_000
DEFAULT_MAX_CANDIDATES = 100_000

CLOCK_NOTE = "a wall-clock limit fired: this result depends on the machine's speed and load, and the same document may come out otherwise on another run or machine"


class WorkLimitExceeded(Exception):
    """A document needs more work than a counted limit allows: the same on every run."""


class OutOfTime(TimeoutError):
    """A document ran past its wall-clock budget (in `phase`): depends on the machine."""

    def __init__(self, phase: str):
        super().__init__(f"document exceeded its time budget in {phase}")
        self.phase = phase


@dataclass(frozen=True)
class WorkLimits:
    """The counted limits (None: no limit). See the module's docstring for what each bounds."""

    max_tokens: int | None = DEFAULT_MAX_TOKENS
    max_sentence_tokens: int | None = DEFAULT_MAX_SENTENCE_TOKENS
    max_paragraph_tokens: int | None = DEFAULT_MAX_PARAGRAPH_TOKENS
    max_rule_candidates: int | None = DEFAULT_MAX_RULE_CANDIDATES
    max_candidates: int | None = DEFAULT_MAX_CANDIDATES


_DEADLINE: ContextVar[float | None] = ContextVar("quotetrace_deadline", default=None)


@contextmanager
def deadline(seconds: float | None):
    """Work on one document within `seconds` of now (None: no deadline)."""
    token = _DEADLINE.set(None if seconds is None else time.monotonic() + seconds)
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def current_deadline() -> float | None:
    return _DEADLINE.get()


def checkpoint(phase: str) -> None:
    """Raise OutOfTime when the current document is past its deadline."""
    limit = _DEADLINE.get()
    if limit is not None and time.monotonic() >= limit:
        raise OutOfTime(phase)


def checked(items, phase: str):
    """The items, checking the deadline before each: for the loops of a phase whose length
    grows with the document (a clock read costs far less than any item's work)."""
    limit = _DEADLINE.get()
    if limit is None:
        yield from items
        return
    clock = time.monotonic
    for item in items:
        if clock() >= limit:
            raise OutOfTime(phase)
        yield item


def depends_on_clock(record: dict) -> bool:
    """Whether a wall-clock limit shaped this record (so another run may differ)."""
    return CLOCK_NOTE in record.get("notes", ()) or any(error.get("clock") for error in record.get("errors", ()) if isinstance(error, dict))
