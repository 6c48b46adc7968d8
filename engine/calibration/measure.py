"""Measuring a calibration on gold: `quotetrace eval GOLD --calibrate OUT.yaml`.

An attribution counts as right when the evaluation's "attribution" figure counts it (its
cue pairs with a gold cue, and source and content overlap the pair's), so confidence means
what the published precision means. Counts are kept per rule and per assembly step and
written as counts, so the file shows its own arithmetic (quotetrace.calibration.model).
"""
from __future__ import annotations

import datetime
from collections import defaultdict
from pathlib import Path

import yaml

from quotetrace.calibration.model import SMOOTHING, Calibration
from quotetrace.calibration.steps import STEPS, assembly_steps

CORRECT = ("an attribution whose cue overlaps a gold cue (paired one to one, largest overlap first) "
           "and whose content, and source when the gold has one, overlap the pair's (the 'attribution' figure of quotetrace eval)")
HEADER = """\
# Measured precision of each attribution rule of this pack, read by the engine to give every
# attribution a `confidence` (docs/sources.md, "Confidence"). Written by
#   quotetrace eval GOLD_DIR --calibrate FILE
# Measure again after editing the rules: a rule missing here gets the overall precision.
"""


class Tally:
    """Found and correct attributions, per rule and per assembly step (weights: 1/k per annotator)."""

    def __init__(self):
        self.seen = []  # (rule, steps, correct, weight) for every predicted attribution

    def add(self, record: dict, correct: list, weight: float = 1.0) -> None:
        actors = {actor["id"]: actor for actor in record.get("actors", ())}
        for attribution, right in zip(record.get("attributions", ()), correct):
            self.seen.append((attribution["trace"]["rule"], tuple(assembly_steps(attribution, actors)), bool(right), weight))

    def calibration(self, gold: dict, smoothing: float = SMOOTHING) -> dict:
        """The `calibration:` mapping: gold, what counted as correct, overall, rules, steps."""
        overall = {"found": 0.0, "correct": 0.0}
        rules = defaultdict(lambda: {"found": 0.0, "correct": 0.0})
        for rule, _, right, weight in self.seen:
            for counts in (overall, rules[rule]):
                counts["found"] += weight
                counts["correct"] += weight * right
        mapping = {"gold": gold, "correct": CORRECT, "smoothing": smoothing, "overall": _rounded(overall), "rules": {}}
        for rule in sorted(rules):
            counts = _rounded(rules[rule])
            counts["precision"] = round(counts["correct"] / counts["found"], 4) if counts["found"] else 0.0
            mapping["rules"][rule] = counts
        # A step's factor compares attributions it shaped with what their rules predict.
        predict = Calibration(mapping)
        steps = {}
        for step in STEPS:
            found = correct = expected = 0.0
            for rule, shaped, right, weight in self.seen:
                if step in shaped:
                    found += weight
                    correct += weight * right
                    expected += weight * predict.rule_precision(rule)
            if found:
                steps[step] = _rounded({"found": found, "correct": correct}) | {"expected": round(expected, 4)}
        mapping["steps"] = steps
        factors = Calibration(mapping).factors
        for step, counts in steps.items():
            counts["factor"] = round(factors[step], 4)
        return mapping


def _rounded(counts: dict) -> dict:
    return {key: round(value, 4) if value != int(value) else int(value) for key, value in counts.items()}


def gold_description(gold_dir, documents: int, attributions: float, annotator: str, name: str | None = None, date: str | None = None) -> dict:
    """Which gold the figures come from: name (default: the folder and its parent), size, date."""
    folder = Path(gold_dir).resolve()
    return {
        "name": name or f"{folder.parent.name}/{folder.name}",
        "documents": int(documents),
        "attributions": round(attributions, 4) if attributions != int(attributions) else int(attributions),
        "annotator": annotator,
        "measured": date or datetime.date.today().isoformat(),
    }


def write_calibration(path, mapping: dict) -> None:
    text = HEADER + yaml.safe_dump({"calibration": mapping}, sort_keys=False, allow_unicode=True, width=120, default_flow_style=None)
    Path(path).write_text(text, encoding="utf-8")
