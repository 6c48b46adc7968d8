"""A calibration file and the confidence it gives an attribution.

The file holds counts, not formulas, so a reader can redo every figure:

    calibration:
      gold: {name: polnear/train, documents: 840, attributions: 11530, annotator: first, measured: '2026-03-04'}
      correct: ...what counted as right...
      overall: {found: 9000, correct: 6100}
      rules:
        attr.source-cue-content: {found: 1200, correct: 950, precision: 0.7917}
      steps:
        source-pronoun: {found: 700, correct: 420, expected: 480.3, factor: 0.8751}

Confidence of an attribution = its rule's precision, times the factor of each step that
shaped it, kept within [0, 1]. A rule's precision is smoothed towards the pack's overall
precision by SMOOTHING attributions' worth ((correct + k·overall) / (found + k)), so a
rule seen twice is not called certain; a rule the gold never saw gets the overall
precision. A step's factor is how often attributions it shaped were right against how
often their rules predict (correct / expected, each plus k), so it corrects the rule's
figure rather than counting the same errors twice.
"""
from __future__ import annotations

from quotetrace.calibration.steps import STEPS, assembly_steps

SMOOTHING = 5.0
DIGITS = 3


class Calibration:
    def __init__(self, mapping: dict):
        self.mapping = mapping
        overall = mapping.get("overall") or {}
        found = float(overall.get("found", 0))
        self.overall = float(overall.get("correct", 0)) / found if found else 0.0
        self.smoothing = float(mapping.get("smoothing", SMOOTHING))
        self.rules = {rule: self._precision(counts) for rule, counts in (mapping.get("rules") or {}).items()}
        self.factors = {step: self._factor(counts) for step, counts in (mapping.get("steps") or {}).items()}

    @classmethod
    def of_pack(cls, pack) -> "Calibration | None":
        mapping = getattr(pack, "calibration", None)
        return cls(mapping) if mapping else None

    def _precision(self, counts) -> float:
        k = self.smoothing
        return (float(counts.get("correct", 0)) + k * self.overall) / (float(counts.get("found", 0)) + k)

    def _factor(self, counts) -> float:
        k = self.smoothing
        return (float(counts.get("correct", 0)) + k) / (float(counts.get("expected", 0)) + k)

    def rule_precision(self, rule: str) -> float:
        return self.rules.get(rule, self.overall)

    def confidence(self, rule: str, steps) -> float:
        value = self.rule_precision(rule)
        for step in steps:
            value *= self.factors.get(step, 1.0)
        return round(min(1.0, max(0.0, value)), DIGITS)

    def basis(self, attribution: dict, actors: dict) -> dict:
        """Why an attribution has its confidence: the rule's precision and each step's factor."""
        steps = assembly_steps(attribution, actors)
        rule = attribution["trace"]["rule"]
        return {"rule": rule, "precision": round(self.rule_precision(rule), 4),
                "steps": {step: round(self.factors.get(step, 1.0), 4) for step in steps},
                "confidence": self.confidence(rule, steps)}

    def apply(self, record: dict) -> dict:
        """Fill in `confidence` on every attribution of an output record (in place)."""
        actors = {actor["id"]: actor for actor in record.get("actors", ())}
        for attribution in record.get("attributions", ()):
            if "confidence" in attribution:
                attribution["confidence"] = self.confidence(attribution["trace"]["rule"], assembly_steps(attribution, actors))
        return record


def check_calibration(mapping) -> list[str]:
    """What is wrong with a `calibration:` mapping, as messages (empty when it is usable)."""
    problems = []
    if not isinstance(mapping, dict):
        return ["'calibration' must be a mapping (written by quotetrace eval --calibrate)"]
    for key in mapping:
        if key not in ("gold", "correct", "smoothing", "overall", "rules", "steps"):
            problems.append(f"unknown key '{key}' in calibration; known keys: gold, correct, smoothing, overall, rules, steps")
    overall = mapping.get("overall")
    if not isinstance(overall, dict) or not _counts_ok(overall):
        problems.append("calibration needs 'overall' with whole numbers 'found' and 'correct'")
    for section in ("rules", "steps"):
        table = mapping.get(section, {})
        if not isinstance(table, dict):
            problems.append(f"calibration '{section}' must be a mapping")
            continue
        for name, counts in table.items():
            if not isinstance(counts, dict) or not _counts_ok(counts):
                problems.append(f"calibration {section} '{name}' needs numbers 'found' and 'correct'")
            elif section == "steps" and name not in STEPS:
                problems.append(f"calibration step '{name}' is not a step; steps are {', '.join(STEPS)}")
    return problems


def _counts_ok(counts) -> bool:
    return all(isinstance(counts.get(k), (int, float)) and not isinstance(counts.get(k), bool) and counts.get(k) >= 0 for k in ("found", "correct"))
