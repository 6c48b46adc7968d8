"""Is `confidence` calibrated? Reliability of the bundled pack's confidence on held-out gold.

    python benchmarks/calibration_check.py ../shared/corpora/polnear/dev

Runs the engine (with the pack's calibration) on every gold text, judges each attribution
as `quotetrace eval --calibrate` does (the "attribution" figure), and prints, per band of
confidence, how many attributions fall in it, their mean confidence and the share that is
right; then the Brier score of the confidences against that of one constant (the overall
precision measured on the same texts), which any useful confidence must beat.
"""
from __future__ import annotations

import sys
from pathlib import Path

from quotetrace.evaluation.brat import gold_documents, parse_ann
from quotetrace.evaluation.metrics import Counts, correct_predictions, score_document
from quotetrace.evaluation.report import predictions_from_record
from quotetrace.inputs import decode
from quotetrace.pipeline import Engine

BANDS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)


def main(gold_dir: str, rules: str | None = None) -> None:
    engine = Engine(rules)
    if engine.calibration is None:
        sys.exit("the rule pack has no calibration (quotetrace eval GOLD --calibrate FILE)")
    judged = []  # (confidence, right)
    for name, text_path, annotations in gold_documents(Path(gold_dir)):
        if not annotations:
            continue
        text, _ = decode(text_path.read_bytes())
        record = engine.record(text, name)
        predicted = predictions_from_record(record)
        gold = parse_ann(annotations[sorted(annotations)[0]].read_text(encoding="utf-8"))
        pairs = score_document(text, gold, predicted, Counts())
        for attribution, right in zip(record["attributions"], correct_predictions(gold, predicted, pairs)):
            judged.append((attribution["confidence"], right))
    overall = sum(right for _, right in judged) / len(judged)
    print(f"{len(judged)} attributions, {overall:.3f} right")
    print(f"{'confidence':>12s} {'n':>6s} {'mean conf':>10s} {'right':>7s}")
    for low, high in zip(BANDS, BANDS[1:]):
        band = [(c, r) for c, r in judged if low <= c < high]
        if band:
            print(f"{low:5.2f}-{min(high, 1):4.2f} {len(band):6d} {sum(c for c, _ in band) / len(band):10.3f} {sum(r for _, r in band) / len(band):7.3f}")
    brier = sum((c - r) ** 2 for c, r in judged) / len(judged)
    constant = sum((overall - r) ** 2 for _, r in judged) / len(judged)
    print(f"Brier score: confidence {brier:.4f}, constant {overall:.3f} {constant:.4f}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
