"""Running one stage's compiled rules over a document's stream, and choosing among overlaps.

A rule finds its matches left to right, each starting after the previous one ends, as
a regex search does. A rule with a `key:` also finds matches that start inside another
of its matches, so an attribution nested in another's content is found. Candidates that compete for the same place
(the same label over overlapping key spans) are resolved deterministically: higher
priority, then longer match, then earlier start, then earlier rule in the pack.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass

from engine.patterns.compiler import CompiledPack, CompiledRule


@dataclass
class Match:
    compiled: CompiledRule
    first: int
    last: int                      # exclusive token index
    captures: dict                 # name -> list of (first, last) token ranges, in order
    lexicon_hits: list             # (LexiconEntry, first, last)

    @property
    def rule(self):
        return self.compiled.rule

    def key_span(self):
        key = self.rule.key
        if key and self.captures.get(key):
            ranges = self.captures[key]
            return ranges[0][0], ranges[-1][1]
        return self.first, self.last


class RuleTimeout(Exception):
    def __init__(self, rule_id):
        super().__init__(rule_id)
        self.rule_id = rule_id


def run_stage(pack: CompiledPack, stage: str, stream: str, words_present: set, timeout: float | None = None, errors=None):
    width = pack.encoding.width
    matches = []
    for compiled in pack.rules_by_stage[stage]:
        if compiled.required_words is not None and not (compiled.required_words & words_present):
            continue
        try:
            overlapped = compiled.rule.key is not None
            resume = 0  # without overlaps, the next match starts where the last one ended
            for m in compiled.program.finditer(stream, overlapped=overlapped, timeout=timeout):
                start, end = m.span("_whole")
                if compiled.anchored:
                    start = m.start("_pre")
                if end == start or (not overlapped and start < resume):
                    continue
                resume = end
                captures = {}
                for name in compiled.captures:
                    ranges = []
                    for s, e in sorted(m.spans(name)):
                        if e <= s:
                            continue
                        if ranges and ranges[-1][1] == s // width:
                            ranges[-1] = (ranges[-1][0], e // width)  # pieces of one split capture
                        else:
                            ranges.append((s // width, e // width))
                    if ranges:
                        captures[name] = ranges
                hits = []
                for use in compiled.lexicon_uses:
                    for s, e in m.spans(use.group):
                        if e > s:
                            hits.append((use.lexicon, s // width, e // width))
                matches.append(Match(compiled, start // width, end // width, captures, hits))
        except TimeoutError:
            if errors is not None:
                errors.append({"rule": compiled.rule.id, "error": "rule timed out on this document; its matches here were dropped"})
            matches = [m for m in matches if m.compiled is not compiled]
    return matches


def resolve(matches: list[Match]) -> list[Match]:
    """Keep, per label, the best of each group of candidates whose key spans overlap."""
    ordered = sorted(
        matches,
        key=lambda m: (-m.rule.priority, -(m.last - m.first), m.first, m.rule.order, m.key_span()),
    )
    taken: dict[str, tuple[list, list]] = {}  # label -> (sorted starts, ends), spans disjoint
    kept = []
    for match in ordered:
        label = match.rule.labels[0]
        first, last = match.key_span()
        starts, ends = taken.setdefault(label, ([], []))
        i = bisect.bisect_left(starts, last)  # spans starting before `last`
        if i and ends[i - 1] > first:
            continue  # the nearest span starting before `last` reaches past `first`
        starts.insert(i, first)
        ends.insert(i, last)
        kept.append(match)
    kept.sort(key=lambda m: (m.first, m.last, m.rule.order))
    return kept
