"""Where found contents and sources end wrongly, by shape, and what fixing each shape is worth.

An attribution whose cue is right can still lose its content or source on span-exact
scoring by a few words at one edge; the remedy depends on the shape of the difference (a
content that runs on through ", who ...", one that starts at "in an interview", a split
quotation kept as one span), so the report names shapes, not examples. For each paired
attribution (cue pairs, as in metrics.pair_by_cue) whose role differs from the gold after
trimming, the difference is described edge by edge: each edge that is off gives one
problem, named by the words it gains or loses, and the pair's shape is its problems
together. The gain of a shape is an oracle: the role's span-exact F1 re-scored with the
gold span put in place of the predicted one in every pair of that shape, all else as it
was. Only pairs are counted: an attribution not found at all has no boundary to fix.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

import regex

from quotetrace.evaluation.metrics import trim
from quotetrace.text import wordclasses

ROLES = ("content", "source")
RELATIVES = frozenset("who whom whose which where when".split())
TIME_WORDS = regex.compile(
    r"(?:today|yesterday|tonight|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|last|this|next|earlier|later|recently|ago|now|then|again|also|still)$")
SENTENCE_END = regex.compile(r"[.!?][\"”’']?\s+\S")
WORD = regex.compile(r"\w[\w'’-]*|[^\w\s]")


def _words(text):
    return WORD.findall(text)


def _material(words, at_end_of_role):
    """A name for a run of words that one edge of a role gains or loses."""
    if not words:
        return "nothing"
    written = words[0]
    words = [w.lower() for w in words]
    first = words[0]
    second = words[1] if len(words) > 1 else ""
    if first == ",":
        if second in RELATIVES:
            return "', who/which ...' clause"
        if second == "as":
            return "', as ...' clause"
        if second in ("according", "said", "says", "told"):
            return "', said ...' speech tag"
        if second in ("and", "but", "or"):
            return "', and ...' coordination"
        after_comma = set(wordclasses.classes_of(second))
        if "verb_ing" in after_comma:
            return "', -ing ...' clause"
        if "prep" in after_comma:
            return "', in/on ...' phrase"
        if TIME_WORDS.match(second):
            return "', time word' phrase"
        if "det" in after_comma or "pron" in after_comma:
            return "', a/the ...' phrase"
        return "a comma phrase"
    if first in RELATIVES and at_end_of_role:
        return "a relative clause"
    if first == "that":
        return "'that'"
    if first in ("and", "but", "or"):
        return "'and/but ...' coordination"
    if first in ("“", "”", '"', "‘", "’", "'"):
        return "a quotation mark and what it holds"
    if TIME_WORDS.match(first):
        return "a time word (Monday, last, again)"
    classes = wordclasses.classes_of(first)
    if "prep" in classes:
        return "a prepositional phrase"
    if "conj" in classes:
        return "a subordinate clause"
    if first in (".", ";", ":", "—", "–", "-", "(", ")"):
        return f"'{first}' and what follows" if at_end_of_role else f"'{first}' and what precedes"
    if "verb" in classes and not {"noun", "adj"} & set(classes):
        return "a verb"
    if "det" in classes or "pron" in classes:
        return "a determiner or pronoun phrase"
    if written[:1].isupper():
        return "a capitalised phrase (a name or title)"
    if {"noun", "adj"} & set(classes):
        return "a noun phrase or modifier"
    return "other words"


def _problems(text, role, gold, predicted):
    """The problems of one paired role, as a sorted tuple of names; () when it is right."""
    if gold == predicted:
        return ()
    if not predicted:
        return (f"no {role} found",)
    if not gold:
        return (f"a {role} where the gold has none",)
    gold_chars = {c for s, e in gold for c in range(s, e)}
    predicted_chars = {c for s, e in predicted for c in range(s, e)}
    if not gold_chars & predicted_chars:
        return ("another phrase (no overlap)",)
    problems = []
    if len(gold) > 1 and len(predicted) == 1:
        covered = [f for f in gold if predicted[0][0] < f[1] and f[0] < predicted[0][1]]
        if len(covered) > 1:
            problems.append("split in the gold, one span here (the tag inside)")
        else:
            problems.append("split in the gold, one part found")
        gold = [covered[0]] if len(covered) == 1 else [(gold[0][0], gold[-1][1])]
    elif len(predicted) > 1 and len(gold) == 1:
        problems.append("one span in the gold, split here")
        predicted = [(predicted[0][0], predicted[-1][1])]
    elif len(predicted) != len(gold):
        problems.append("a different number of fragments")
    start_gold, end_gold = gold[0][0], gold[-1][1]
    start_predicted, end_predicted = predicted[0][0], predicted[-1][1]
    if end_predicted > end_gold:
        extra = text[end_gold:end_predicted]
        name = "into another sentence" if SENTENCE_END.search(extra) else _material(_words(extra), True)
        problems.append(f"runs on: {name}")
    elif end_predicted < end_gold:
        problems.append(f"stops early: before {_material(_words(text[end_predicted:end_gold]), True)}")
    if start_predicted < start_gold:
        problems.append(f"starts early: {_material(_words(text[start_predicted:start_gold]), False)}")
    elif start_predicted > start_gold:
        problems.append(f"starts late: without {_material(_words(text[start_gold:start_predicted]), False)}")
    if not problems:
        problems.append("inner fragment edges differ")
    return tuple(problems)


@dataclass
class _Document:
    gold: dict                                    # role -> set of trimmed gold spans
    predicted: dict                               # role -> list of trimmed predicted spans
    fixes: dict = field(default_factory=dict)     # role -> [(predicted index, shape, trimmed gold span)]


class BoundaryReport:
    """Collects every scored document (`add`), then tells shapes and gains (`rows`, `text`)."""

    def __init__(self):
        self.documents: list[_Document] = []
        self.examples = defaultdict(list)         # (role, shape) -> a few (document, excerpt)

    def add(self, name, text, gold, predicted, pairs):
        gold_spans = {role: {trim(text, a.roles[role]) for a in gold if role in a.roles} - {()} for role in ROLES}
        predicted_spans = {role: [trim(text, a.roles.get(role, ())) for a in predicted] for role in ROLES}
        document = _Document(gold_spans, predicted_spans, {role: [] for role in ROLES})
        for g, p in pairs:
            for role in ROLES:
                gold_span = trim(text, gold[g].roles.get(role, ()))
                predicted_span = predicted_spans[role][p]
                problems = _problems(text, role, list(gold_span), list(predicted_span))
                if not problems:
                    continue
                shape = " + ".join(problems)
                document.fixes[role].append((p, shape, gold_span))
                if len(self.examples[role, shape]) < 3 and predicted_span and gold_span:
                    self.examples[role, shape].append((name, _excerpt(text, gold_span, predicted_span)))
        self.documents.append(document)

    def _f1(self, role, fixed_shapes):
        tp = predicted_total = gold_total = 0
        for document in self.documents:
            spans = list(document.predicted[role])
            for index, shape, gold_span in document.fixes[role]:
                if fixed_shapes is None or shape in fixed_shapes:
                    spans[index] = gold_span
            predicted_set = set(spans) - {()}
            tp += len(predicted_set & document.gold[role])
            predicted_total += len(predicted_set)
            gold_total += len(document.gold[role])
        precision = tp / predicted_total if predicted_total else 0.0
        recall = tp / gold_total if gold_total else 0.0
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    def rows(self, role):
        """(shape, pairs, span-exact F1 gain if every pair of the shape were right), largest gain first;
        and the role's F1 now and with every paired boundary right."""
        counts = Counter(shape for document in self.documents for _, shape, _ in document.fixes[role])
        now = self._f1(role, set())
        gains = {shape: self._f1(role, {shape}) - now for shape in counts}
        ordered = sorted(counts, key=lambda s: (-gains[s], -counts[s], s))
        return [(shape, counts[shape], gains[shape]) for shape in ordered], now, self._f1(role, None)

    def text(self, limit=15) -> str:
        lines = []
        for role in ROLES:
            rows, now, best = self.rows(role)
            lines.append(f"== {role} boundaries: {sum(n for _, n, _ in rows)} paired attributions whose {role} is off; "
                         f"{role} span-exact F1 {now:.3f}, {best:.3f} with every one right")
            lines.append(f"   {'pairs':>5s} {'F1 gain':>8s}  shape")
            for shape, count, gain in rows[:limit]:
                lines.append(f"   {count:5d} {gain:+8.4f}  {shape}")
                for name, excerpt in self.examples[role, shape][:1]:
                    lines.append(f"{'':17s}e.g. {name}: {excerpt}")
        return "\n".join(lines)


def _excerpt(text, gold_span, predicted_span, room=40):
    """The gold span in [brackets] and the predicted one in {braces}, shortened in the middle."""
    marks = []
    for start, end in gold_span:
        marks += [(start, 1, "["), (end, 0, "]")]
    for start, end in predicted_span:
        marks += [(start, 1, "{"), (end, 0, "}")]
    marks.sort()
    low = max(0, marks[0][0] - room)
    high = min(len(text), marks[-1][0] + room)
    out, at = [], low
    for position, _, mark in marks:
        out.append(text[at:position])
        out.append(mark)
        at = position
    out.append(text[at:high])
    flat = " ".join("".join(out).split())
    return flat if len(flat) <= 240 else flat[:110] + " ... " + flat[-110:]
