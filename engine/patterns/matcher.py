"""Running one stage's compiled rules over a document's stream, and choosing among overlaps.

A rule finds its matches left to right, each starting after the previous one ends, as
a regex search does. A rule with a `key:` also finds matches that start inside another
of its matches, so an attribution nested in another's content is found. Candidates that compete for the same place
(the same label over overlapping key spans) are resolved deterministically: higher
priority, then longer match, then earlier start, then earlier rule in the pack.
"""
from __future__ import annotations

import bisect
import itertools
import operator
import time

from quotetrace.budget import OutOfTime, WorkLimitExceeded, checked
from quotetrace.patterns.native import RuleOverBudget
from quotetrace.patterns.program import CompiledPack
from quotetrace.text.words import normalise


class Match:
    """One candidate: the rule, its token range, and (read only when needed) its captures.

    Captures and lexicon hits are taken from the regex match object on first use, so
    the many candidates that lose in resolution cost nothing but their span. The match
    object is a `regex` match, or the native core's dict of group name -> spans
    (quotetrace.patterns.native), read with `get`: most groups of a rule are empty in a
    match, and a dict lookup is the cheapest way to learn that. It is None when the native
    stage call gave the captures and the lexicon hits, all that is read of it.
    """

    __slots__ = ("compiled", "rule", "first", "last", "_regex_match", "_width", "_captures", "_hits", "_entries")

    def __init__(self, compiled, first, last, regex_match, width, captures=None, hits=None):
        self.compiled = compiled
        self.rule = compiled.rule  # read for every candidate in resolution: kept at hand
        self.first = first
        self.last = last
        self._regex_match = regex_match
        self._width = width
        self._captures = captures  # the native core's stage call gives both ready made
        self._hits = hits
        self._entries = None

    def _spans_of(self):
        found = self._regex_match
        return found.get if isinstance(found, dict) else found.spans

    def capture(self, name):
        """Token ranges of one capture, in order; pieces of a split capture are joined."""
        if self._regex_match is None:  # the native stage call gave the captures alone
            return list(self.captures.get(name, ()))
        return _ranges(self._spans_of()(name), self._width)

    @property
    def captures(self) -> dict:
        captures = self._captures
        if captures is None:
            captures = self._captures = {}
            spans_of, width = self._spans_of(), self._width
            for name in self.compiled.captures:
                spans = spans_of(name)
                if spans:
                    ranges = _ranges(spans, width)
                    if ranges:
                        captures[name] = ranges
        return captures

    @property
    def lexicon_hits(self) -> list:
        """(lexicon id, first, last) for every lexicon element the match used."""
        hits = self._hits
        if hits is None:
            width = self._width
            found = self._regex_match
            index = self.compiled.lexicon_group_index if isinstance(found, dict) else None
            hits = self._hits = []
            if index is not None:
                # Only the groups the match captured, put back in the order of the uses.
                used = [(index[group], spans) for group, spans in found.items() if group in index]
                if len(used) > 1:
                    used.sort(key=_use_order)
                for (_, lexicon), spans in used:
                    hits.extend((lexicon, s // width, e // width) for s, e in spans if e > s)
            else:
                spans_of = self._spans_of()
                for group, lexicon in self.compiled.lexicon_groups:
                    spans = spans_of(group)
                    if spans:
                        hits.extend((lexicon, s // width, e // width) for s, e in spans if e > s)
        return hits

    def lexicon_entries(self, forms, entry_index) -> list:
        """(lexicon id, first, last, entry) for every lexicon element the match used; entry
        is None when the words are no entry of their own (a filtered or joined use). Worked
        out once per match (the record, the actors and the profiles all read it): a match
        belongs to one document, so `forms` and `entry_index` are always the same."""
        entries = self._entries
        if entries is None:
            entries = self._entries = []
            for lexicon, first, last in self.lexicon_hits:
                words = (normalise(forms[first]),) if last - first == 1 else tuple(normalise(t) for t in forms[first:last])
                entries.append((lexicon, first, last, entry_index.get((lexicon, words))))
        return entries

    def key_span(self):
        key = self.rule.key
        if key:
            ranges = self._captures.get(key) if self._captures is not None else self.capture(key)
            if ranges:
                return ranges[0][0], ranges[-1][1]
        return self.first, self.last


def _use_order(item):
    return item[0][0]


def _ranges(spans, width):
    """The token ranges of a group's spans (characters of the stream, `width` a token, or
    tokens when width is 1), in order, empty ones left out and touching ones joined."""
    if not spans:
        return []
    if len(spans) == 1:
        s, e = spans[0]
        return [(s // width, e // width)] if e > s else []
    ranges = []
    for s, e in sorted(spans):
        if e <= s:
            continue
        if ranges and ranges[-1][1] == s // width:
            ranges[-1] = (ranges[-1][0], e // width)
        else:
            ranges.append((s // width, e // width))
    return ranges


class CandidateCount:
    """One document's candidates, counted against the counted limits (quotetrace.budget):
    `per_rule` for one rule (past it the rule's matches are dropped), `total` for all rules
    (past it the document is given up with WorkLimitExceeded)."""

    def __init__(self, per_rule: int | None = None, total: int | None = None):
        self.per_rule = per_rule
        self.total = total
        self.found = 0

    def add(self, count: int) -> None:
        self.found += count
        if self.total is not None and self.found > self.total:
            raise WorkLimitExceeded(f"document gave more than {self.total} candidate matches (max_candidates, --max-candidates)")


class _TooManyForRule(Exception):
    pass


def run_stage(pack: CompiledPack, stage: str, stream, words_present: set, timeout: float | None = None, errors=None, deadline=None, counted: CandidateCount | None = None,
              native=None, native_stream=None):
    """All candidates of a stage. A rule that finds more than `counted.per_rule` candidates
    loses its matches in this document, as does one that runs past `timeout` seconds on the
    `regex` path or past its step budget on the native one (said in `errors`); past
    `deadline` (time.monotonic) the document is given up (OutOfTime).

    `native`: a NativeMatcher (quotetrace.patterns.native) that runs the rules it supports
    in the core, with the same matches, over `native_stream` (made from `stream` if None);
    None runs every rule with `regex`. `stream` may be a function giving the string, called
    only when a rule runs on `regex`."""
    width = pack.encoding.width
    columns = {}  # position in the token -> that character of every token (stream[position::width])
    lead_hits = {}  # (position, lead test) -> the tokens whose character there passes the test
    matches = []
    per_rule = counted.per_rule if counted is not None else None
    for compiled in pack.rules_by_stage[stage]:
        if compiled.required_words is not None and compiled.required_words.isdisjoint(words_present):
            continue
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0:
                raise OutOfTime(f"matching ({stage} stage)")
            timeout = left if timeout is None else min(timeout, left)
        before = len(matches)
        try:
            overlapped = compiled.rule.key is not None
            resume = 0  # without overlaps, the next match starts where the last one ended
            last_start = -1
            if native is not None and native.supports(compiled.rule.id):
                # The core gives each match's start and end in tokens, and its spans in tokens.
                if native_stream is None:
                    stream = stream() if callable(stream) else stream
                    native_stream = native.stream(stream, width)
                try:
                    found = native.matches(compiled.rule.id, native_stream, None if deadline is None else deadline - time.monotonic())
                except OutOfTime:
                    raise OutOfTime(f"matching ({stage} stage)") from None
                unit = 1
            else:
                stream = stream() if callable(stream) else stream
                found = _regex_bounds(_program_matches(compiled, stream, columns, lead_hits, width, overlapped, timeout), compiled.anchored, compiled.after_first)
                unit = width
            for start, end, m in found:
                if end == start:
                    continue
                if not overlapped and start < resume:
                    # Matches come in the order of their anchors, so a later anchor can give a
                    # longer match from the same start ("the New York Daily News": "Daily" and
                    # "News" are both media words); a left-to-right search would have taken it.
                    if start == last_start and end > resume:
                        matches[-1] = Match(compiled, start // unit, end // unit, m, unit)
                        resume = end
                    continue
                resume, last_start = end, start
                matches.append(Match(compiled, start // unit, end // unit, m, unit))
                if per_rule is not None and len(matches) - before > per_rule:
                    raise _TooManyForRule
        except _TooManyForRule:
            del matches[before:]
            if errors is not None:
                errors.append({"rule": compiled.rule.id, "error": f"rule found more than {per_rule} candidate matches in this document (max_rule_candidates, --max-rule-candidates); its matches here were dropped"})
        except RuleOverBudget as exc:
            del matches[before:]
            if errors is not None:
                errors.append({"rule": compiled.rule.id, "error": str(exc)})
        except TimeoutError:
            if deadline is not None and time.monotonic() >= deadline:
                raise OutOfTime(f"matching ({stage} stage)") from None
            if errors is not None:
                errors.append({"rule": compiled.rule.id, "error": f"rule ran past its time limit of {timeout:g}s on this document; its matches here were dropped", "clock": True})
            del matches[before:]
        if counted is not None:
            counted.add(len(matches) - before)
    return matches


def run_stage_native(pack: CompiledPack, stage: str, native, native_stream, words_present: set, errors=None, deadline=None, counted: CandidateCount | None = None):
    """(candidates, kept): run_stage's candidates and resolve's choice among them, from one
    call to the native core, which runs every rule of the stage and resolves their overlaps
    itself (native.runs_stage(stage) must be true). The same limits as run_stage, with the
    same errors: a rule past its step budget, memory bound or `counted.per_rule` candidates
    loses its matches; past `counted.total` WorkLimitExceeded; past `deadline` OutOfTime."""
    rules = pack.rules_by_stage[stage]
    active = [place for place, compiled in enumerate(rules) if compiled.required_words is None or not compiled.required_words.isdisjoint(words_present)]
    seconds_left = None
    if deadline is not None:
        seconds_left = deadline - time.monotonic()
        if seconds_left <= 0:
            raise OutOfTime(f"matching ({stage} stage)")
    per_rule = counted.per_rule if counted is not None else None
    total = counted.total - counted.found if counted is not None and counted.total is not None else None
    try:
        found, kept, outcomes = native.stage(stage, active, native_stream, seconds_left, per_rule, total)
    except OutOfTime as exc:
        raise OutOfTime(f"matching ({stage} stage)" if exc.phase == "matching" else exc.phase) from None
    for place, count, limit in outcomes:
        if limit is not None and errors is not None:
            if limit == "many":
                errors.append({"rule": rules[place].rule.id, "error": f"rule found more than {per_rule} candidate matches in this document (max_rule_candidates, --max-rule-candidates); its matches here were dropped"})
            else:
                errors.append({"rule": rules[place].rule.id, "error": native.why_dropped(limit)})
        if counted is not None:
            counted.add(count)
    candidates = [Match(rules[place], first, end, spans, 1, captures, hits) for place, first, end, spans, captures, hits in found]
    return candidates, [candidates[index] for index in kept]


def _regex_bounds(found, anchored, after_first):
    """(start, end, match) for each `regex` match, in characters: where the match starts and
    ends as the program says it (_pre when anchored, _rest when matched after its anchor first)."""
    for m in found:
        start, end = m.span("_whole")
        if anchored:
            start = m.start("_pre")
            if after_first:
                end = m.end("_rest")
        yield start, end, m


def _program_matches(compiled, stream, columns, lead_hits, width, overlapped, timeout):
    """The matches of a rule's program, in stream order.

    A program opens with a test of every character of the stream, K per token, for where
    it may start. Its `lead` says what the first token of a match must be in one position
    of the token (its word, its shape, a label bit): searched in that position's
    characters alone, a string K times shorter, it gives the tokens to try, and the
    program runs only there. The same matches, found sooner.
    """
    program = compiled.program
    if compiled.lead is None:
        return program.finditer(stream, overlapped=overlapped, timeout=timeout)
    starts = None
    for position, test in compiled.lead.items():
        # Rules of a stage often share a lead (the same cue words): search each once.
        found = lead_hits.get((position, test))
        if found is None:
            column = columns.get(position)
            if column is None:
                column = columns[position] = stream[position::width]
            found = lead_hits[position, test] = [hit.start() for hit in test.finditer(column)]
        starts = found if starts is None else sorted(set(starts).union(found))
    if len(starts) * 4 > len(stream) // width:
        # Most tokens pass (a lower-case word): trying each from Python costs more than
        # letting `regex` try every token in C.
        return program.finditer(stream, overlapped=overlapped, timeout=timeout)
    starts = [token * width for token in starts]
    match = program.match
    if timeout is None:
        return [m for m in map(match, itertools.repeat(stream, len(starts)), starts) if m]
    stop = time.monotonic() + timeout
    found = []
    for start in starts:
        left = stop - time.monotonic()
        if left <= 0:
            raise TimeoutError("regex timed out")
        m = match(stream, start, timeout=left)
        if m:
            found.append(m)
    return found


_order_key = operator.itemgetter(0)  # the order in which candidates take their place
_text_order_key = operator.itemgetter(0, 1, 2)  # the order of the kept ones: first, last, rule order


def resolve(matches: list[Match]) -> list[Match]:
    """Keep, per label, the best of each group of candidates whose key spans overlap."""
    keyed = []
    for match in checked(matches, "resolving overlaps"):
        rule = match.rule
        span = match.key_span() if rule.key else (match.first, match.last)
        keyed.append(((-rule.priority, match.first - match.last, match.first, rule.order, span), match, span, rule.labels[0]))
    keyed.sort(key=_order_key)
    taken: dict[str, tuple[list, list]] = {}  # label -> (sorted starts, ends), spans disjoint
    kept = []
    for (_, _, _, order, _), match, (first, last), label in checked(keyed, "resolving overlaps"):
        starts, ends = taken.setdefault(label, ([], []))
        i = bisect.bisect_left(starts, last)  # spans starting before `last`
        if i and ends[i - 1] > first:
            continue  # the nearest span starting before `last` reaches past `first`
        starts.insert(i, first)
        ends.insert(i, last)
        kept.append((match.first, match.last, order, match))
    kept.sort(key=_text_order_key)
    return [match for _, _, _, match in kept]
