"""The evaluation figures, defined as in docs/evaluation.md.

All counts are micro-averaged over documents. With several annotators per document,
each annotator's counts weigh 1/k, so every document counts once.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import regex

SCORED_ROLES = ("source", "cue", "content")
_EDGE = regex.compile(r"[\s\p{P}\p{S}]")
_WHITESPACE_TOKEN = regex.compile(r"\S+")


def trim(text: str, fragments) -> tuple:
    """Fragments with white space and punctuation (quotes included) trimmed at both ends."""
    trimmed = []
    for start, end in sorted(fragments):
        while start < end and _EDGE.match(text[start]):
            start += 1
        while end > start and _EDGE.match(text[end - 1]):
            end -= 1
        if end > start:
            if trimmed and start <= trimmed[-1][1]:
                trimmed[-1] = (trimmed[-1][0], max(end, trimmed[-1][1]))
            else:
                trimmed.append((start, end))
    return tuple(trimmed)


def _chars(fragments) -> set:
    return {c for start, end in fragments for c in range(start, end)}


@dataclass
class Counts:
    values: dict = field(default_factory=lambda: defaultdict(float))

    def add(self, key, amount):
        self.values[key] += amount

    def prf(self, tp_key, pred_key, gold_key, tp_gold_key=None):
        tp = self.values[tp_key]
        tp_gold = self.values[tp_gold_key] if tp_gold_key else tp
        predicted = self.values[pred_key]
        gold = self.values[gold_key]
        precision = tp / predicted if predicted else 0.0
        recall = tp_gold / gold if gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1


def pair_by_cue(gold, predicted):
    """One-to-one pairs (gold index, predicted index), largest cue overlap first."""
    candidates = []
    for g, gold_attribution in enumerate(gold):
        gold_cue = _chars(gold_attribution.roles["cue"])
        for p, predicted_attribution in enumerate(predicted):
            overlap = len(gold_cue & _chars(predicted_attribution.roles["cue"]))
            if overlap:
                candidates.append((-overlap, g, p))
    candidates.sort()
    used_gold, used_predicted, pairs = set(), set(), []
    for _, g, p in candidates:
        if g in used_gold or p in used_predicted:
            continue
        used_gold.add(g)
        used_predicted.add(p)
        pairs.append((g, p))
    return pairs


def score_document(text, gold, predicted, counts: Counts, weight: float = 1.0):
    """Add one document's counts; returns the cue pairs for error analysis."""
    words = [(m.start(), m.end()) for m in _WHITESPACE_TOKEN.finditer(text)]
    for role in SCORED_ROLES:
        gold_spans = {trim(text, a.roles[role]) for a in gold if role in a.roles} - {()}
        predicted_spans = {trim(text, a.roles[role]) for a in predicted if role in a.roles} - {()}
        counts.add(f"exact:{role}:tp", weight * len(gold_spans & predicted_spans))
        counts.add(f"exact:{role}:gold", weight * len(gold_spans))
        counts.add(f"exact:{role}:pred", weight * len(predicted_spans))

        gold_chars = _chars(f for a in gold if role in a.roles for f in a.roles[role])
        predicted_chars = _chars(f for a in predicted if role in a.roles for f in a.roles[role])
        gold_tokens = {i for i, (s, e) in enumerate(words) if any(c in gold_chars for c in range(s, e))}
        predicted_tokens = {i for i, (s, e) in enumerate(words) if any(c in predicted_chars for c in range(s, e))}
        counts.add(f"token:{role}:tp", weight * len(gold_tokens & predicted_tokens))
        counts.add(f"token:{role}:gold", weight * len(gold_tokens))
        counts.add(f"token:{role}:pred", weight * len(predicted_tokens))

    pairs = pair_by_cue(gold, predicted)
    counts.add("pairs", weight * len(pairs))
    counts.add("gold", weight * len(gold))
    counts.add("pred", weight * len(predicted))
    for g, p in pairs:
        gold_attribution, predicted_attribution = gold[g], predicted[p]
        for role in ("source", "content"):
            gold_fragments = gold_attribution.roles.get(role)
            predicted_fragments = predicted_attribution.roles.get(role)
            exact = bool(gold_fragments and predicted_fragments and trim(text, gold_fragments) == trim(text, predicted_fragments))
            counts.add(f"pair:{role}:partial", weight * _overlap(gold_fragments, predicted_fragments))
            counts.add(f"pair:{role}:exact", weight * exact)
        if attribution_agrees(gold_attribution, predicted_attribution):
            counts.add("attribution", weight)
    return pairs


def _overlap(gold_fragments, predicted_fragments) -> bool:
    return bool(gold_fragments and predicted_fragments and _chars(gold_fragments) & _chars(predicted_fragments))


def attribution_agrees(gold_attribution, predicted_attribution) -> bool:
    """The "attribution" figure's test for a pair (cues overlapping): the contents overlap,
    and the sources do too (or the gold has none)."""
    roles = gold_attribution.roles
    return _overlap(roles.get("content"), predicted_attribution.roles.get("content")) and (
        "source" not in roles or _overlap(roles.get("source"), predicted_attribution.roles.get("source"))
    )


def correct_predictions(gold, predicted, pairs) -> list[bool]:
    """For each predicted attribution, whether it is right by the "attribution" figure: paired
    with a gold attribution by its cue, and agreeing with it on source and content."""
    correct = [False] * len(predicted)
    for g, p in pairs:
        correct[p] = attribution_agrees(gold[g], predicted[p])
    return correct
