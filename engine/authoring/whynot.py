"""Why (not): how far each rule's pattern gets at one place of a document.

A rule's pattern is cut into its steps: the elements of its top-level sequence, with
definitions and captures over sequences opened up, as the compiler sees them. For a start
token s, the prefix of the first k steps either can match from s or cannot; since a longer
prefix can only match where a shorter one does, a binary search over k finds the longest
prefix that matches from s, and step k+1 is the element that failed. Over the start
tokens before the place, the attempt that gets furthest (and reaches the place) is the
rule's answer.

Prefixes are matched left to right from their start; the engine's own programs start at
an anchor word and match the part before it leftwards, which finds the same matches
except where lazy repeats before the anchor would stop earlier.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import regex

from quotetrace.patterns import nodes
from quotetrace.patterns.definitions import splice_definitions
from quotetrace.patterns.lower import RuleCompiler
from quotetrace.patterns.syntax import parse_pattern
from quotetrace.patterns.unparse import unparse
from quotetrace.text.words import literal_words

# How far back from the place a match may start (tokens), and beyond it how far it may reach.
LOOK_BACK = 150
LOOK_AHEAD = 400


@dataclass(frozen=True)
class Step:
    node: object
    text: str             # the element as pattern text, with its capture name
    inside: tuple = ()    # the definitions it comes from, outermost first


@dataclass
class Attempt:
    rule: object
    steps: list
    matched: int                       # steps that matched
    start: int | None = None           # token where the attempt starts
    spans: list = field(default_factory=list)   # (first, last) tokens of each matched step
    fail_token: int | None = None      # where the failing step was tried
    outcome: str = ""                  # a sentence: kept, beaten by..., failed at..., skipped...

    @property
    def complete(self) -> bool:
        return self.matched == len(self.steps)


def steps_of(tree, inside=(), capture=None) -> list[Step]:
    if isinstance(tree, nodes.Defined):
        return steps_of(tree.item, inside + (tree.name,), capture)
    if isinstance(tree, nodes.Sequence):
        return [step for item in tree.items for step in steps_of(item, inside, capture)]
    if isinstance(tree, nodes.Capture):
        inner = tree.item.item if isinstance(tree.item, nodes.Defined) else tree.item
        if isinstance(inner, nodes.Sequence) and len(inner.items) > 1:
            return steps_of(tree.item, inside, tree.name)
        return [Step(tree, unparse(tree), inside)]
    text = unparse(tree)
    if capture and not isinstance(tree, (nodes.Look, nodes.Anchor)):
        text = f"{capture}:({text})" if isinstance(tree, (nodes.Sequence, nodes.Alternation, nodes.Capture)) else f"{capture}:{text}"
    return [Step(tree, text, inside)]


class WhyNot:
    """Prefix programs for the rules of a compiled pack, built on first use."""

    def __init__(self, pack):
        self.pack = pack
        self.compiled = pack.compiled
        self._programs: dict[str, tuple[list, list]] = {}
        self.word_of = self.compiled.encoding.word_of

    def programs(self, compiled_rule):
        rule = compiled_rule.rule
        if rule.id not in self._programs:
            lexicon_words, regex_sources, label_stage, definitions = self.compiled.lexicon_words, self.compiled.regex_sources, self.compiled.label_stage, self.compiled.definitions
            tree = _rule_tree(self.pack, rule, definitions)
            steps = steps_of(tree)
            compiler = RuleCompiler(self.compiled.encoding, lexicon_words, regex_sources, label_stage, rule.stage)
            compiler.plain = True  # no capture groups: the steps are the groups
            parts = [f"(?P<_s{i}>{compiler.node(step.node)})" for i, step in enumerate(steps)]
            programs = [regex.compile("".join(parts[:k]), regex.V1 | regex.DOTALL) for k in range(1, len(parts) + 1)]
            self._programs[rule.id] = (steps, programs)
        return self._programs[rule.id]

    def attempts(self, analysis, token: int, stage: str) -> list[Attempt]:
        """Each rule of `stage` that gets as far as `token`, best first; then the skipped ones."""
        width = self.compiled.encoding.width
        stream = analysis.streams[stage]
        end_pos = min(len(stream) // width, token + LOOK_AHEAD) * width
        found, skipped = [], []
        for compiled_rule in self.compiled.rules_by_stage[stage]:
            steps, programs = self.programs(compiled_rule)
            best = None
            for start in range(token, max(-1, token - LOOK_BACK - 1), -1):
                low, high, match = 0, len(programs), None
                while low < high:  # longest prefix that matches from `start`
                    middle = (low + high + 1) // 2
                    m = programs[middle - 1].match(stream, start * width, end_pos)
                    if m:
                        low, match = middle, m
                    else:
                        high = middle - 1
                if match is None:
                    continue
                reach = match.end() // width
                fail_token = reach if low < len(steps) else None
                # The attempt must reach the place: cover it, or fail at or after it.
                if reach <= token and not (fail_token is not None and fail_token >= token):
                    continue
                spans = [(s // width, e // width) for s, e in (match.span(f"_s{i}") for i in range(low))]
                if low < len(steps) and not any(e > s for s, e in spans):
                    continue  # only optional steps matched, taking nothing: not an attempt at this place
                score = (low, -(token - start))
                if best is None or score > best[0]:
                    best = (score, Attempt(compiled_rule.rule, steps, low, start, spans, fail_token))
                if low == len(steps):
                    break
            required = compiled_rule.required_words
            lacking = ""
            if required is not None and not (required & analysis.words_present):
                words = sorted(self.word_of[i] for i in required)[:6]
                lacking = "needs one of the words " + ", ".join(f'"{w}"' for w in words) + ", and this document has none"
            if best is not None:
                attempt = best[1]
                attempt.outcome = _outcome(attempt, analysis, stage)
                if lacking:
                    attempt.outcome += f" (and the rule is never tried here: it {lacking})"
                found.append(attempt)
            elif lacking:
                skipped.append(Attempt(compiled_rule.rule, steps, 0, outcome=f"skipped: {lacking}"))
        found.sort(key=lambda a: (-a.matched / max(len(a.steps), 1), -a.matched, a.rule.order))
        return found + skipped


def _rule_tree(pack, rule, definitions):
    tree = parse_pattern(rule.pattern, literal_words)
    return splice_definitions(tree, definitions, pack.definitions, set(), ())


def _outcome(attempt, analysis, stage) -> str:
    if not attempt.complete:
        step = attempt.steps[attempt.matched]
        where = f"in {{{'} in {'.join(step.inside)}}}" if step.inside else ""
        return f"failed at step {attempt.matched + 1} of {len(attempt.steps)}: {step.text} {where}".rstrip()
    first = attempt.start
    last = attempt.spans[-1][1] if attempt.spans else first

    def here(match):
        return match.rule is attempt.rule and (match.first <= first < match.last or first <= match.first < last)

    for match in filter(here, analysis.stage_matches[stage]):
        return f"matched, and kept (tokens {match.first}-{match.last})"
    candidates = list(filter(here, analysis.candidates[stage]))
    if candidates:
        candidate = candidates[0]
        label = candidate.rule.labels[0]
        key_first, key_last = candidate.key_span()
        for winner in analysis.stage_matches[stage]:
            w_first, w_last = winner.key_span()
            if winner.rule.labels[0] == label and w_first < key_last and key_first < w_last:
                why = "higher priority" if winner.rule.priority > candidate.rule.priority else "longer match" if (winner.last - winner.first) > (candidate.last - candidate.first) else "earlier start or earlier rule"
                return f"matched, but lost to rule '{winner.rule.id}' ({winner.rule.file}:{winner.rule.line}, {why}) over the same {candidate.rule.key or 'tokens'}"
        return "matched, but lost in resolution"
    return "matches here when tried from this token, but the rule's search took an overlapping match of its own first"
