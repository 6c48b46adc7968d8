"""`quotetrace eval`: score the engine (or a folder of predicted .ann files) against brat gold.

Prints the figures of quotetrace.evaluation.metrics as a table (or JSON), and for rule
authors the errors grouped by cue word and each rule's precision.
"""
from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

import regex

from quotetrace.evaluation.brat import GoldAttribution, gold_documents, parse_ann
from quotetrace.evaluation.metrics import SCORED_ROLES, Counts, correct_predictions, pair_by_cue, score_document
from quotetrace.inputs import decode

ROWS = [
    ("cue span-exact", "exact:cue:tp", "exact:cue:pred", "exact:cue:gold"),
    ("source span-exact", "exact:source:tp", "exact:source:pred", "exact:source:gold"),
    ("content span-exact", "exact:content:tp", "exact:content:pred", "exact:content:gold"),
    ("cue overlap", "pairs", "pred", "gold"),
    ("source partial (pairs)", "pair:source:partial", "pred", "gold"),
    ("source exact (pairs)", "pair:source:exact", "pred", "gold"),
    ("content partial (pairs)", "pair:content:partial", "pred", "gold"),
    ("content exact (pairs)", "pair:content:exact", "pred", "gold"),
    ("attribution", "attribution", "pred", "gold"),
    ("cue tokens", "token:cue:tp", "token:cue:pred", "token:cue:gold"),
    ("source tokens", "token:source:tp", "token:source:pred", "token:source:gold"),
    ("content tokens", "token:content:tp", "token:content:pred", "token:content:gold"),
]


def predictions_from_record(record) -> list[GoldAttribution]:
    """The record's attributions as brat ones. A floating quotation has no cue: PolNeAR's
    annotators make it further fragments of the content of the attribution it follows, so
    it is scored as those."""
    predicted = []
    by_id = {}
    for attribution in record.get("attributions", []):
        if attribution.get("floating"):
            leader = by_id.get(attribution.get("follows"))
            if leader is not None:
                leader.roles.setdefault("content", []).extend((f["start"], f["end"]) for f in attribution["roles"]["content"])
            continue
        roles = {role: [(f["start"], f["end"]) for f in fragments] for role, fragments in attribution["roles"].items()}
        predicted.append(GoldAttribution(roles, attribution["trace"]["rule"]))
        by_id[attribution["id"]] = predicted[-1]
    return predicted


def evaluate(gold_dir, engine=None, pred_dir=None, annotator="first", errors=None, boundaries=None, tally=None):
    """Return (counts, summary, per-rule counters); fill `errors` with error rows, a
    boundaries.BoundaryReport with the pairs of the first chosen annotator, and `tally`
    (quotetrace.calibration.measure.Tally) with each engine attribution's rule, assembly
    steps and whether it is right, when given."""
    counts = Counts()
    documents = gold_documents(Path(gold_dir))
    summary = Counter()
    per_rule = defaultdict(Counter)
    for name, text_path, annotations in documents:
        if not annotations:
            summary["without gold"] += 1
            continue
        text, _ = decode(text_path.read_bytes())
        if pred_dir is not None:
            pred_path = Path(pred_dir) / f"{name}.ann"
            predicted = parse_ann(pred_path.read_text(encoding="utf-8")) if pred_path.is_file() else []
            if not pred_path.is_file():
                summary["without prediction"] += 1
        else:
            record = engine.record(text, name)
            predicted = predictions_from_record(record)
        chosen = sorted(annotations) if annotator == "all" else [sorted(annotations)[0]] if annotator == "first" else [annotator]
        chosen = [a for a in chosen if a in annotations]
        if not chosen:
            summary["without that annotator"] += 1
            continue
        summary["documents"] += 1
        weight = 1.0 / len(chosen)
        for who in chosen:
            gold = parse_ann(annotations[who].read_text(encoding="utf-8"))
            pairs = score_document(text, gold, predicted, counts, weight)
            if tally is not None and pred_dir is None:
                tally.add(record, correct_predictions(gold, predicted, pairs), weight)
            paired_predicted = {p for _, p in pairs}
            for index, attribution in enumerate(predicted):
                if attribution.rule:
                    per_rule[attribution.rule]["predicted"] += weight
                    per_rule[attribution.rule]["paired"] += weight * (index in paired_predicted)
            if errors is not None and who == chosen[0]:
                _collect_errors(name, text, gold, predicted, pairs, errors)
            if boundaries is not None and who == chosen[0]:
                boundaries.add(name, text, gold, predicted, pairs)
    return counts, summary, per_rule


def _sentence(text, start, end):
    left = max(text.rfind(c, 0, start) for c in ".!?\n") + 1
    rights = [i for i in (text.find(c, end) for c in ".!?\n") if i >= 0]
    right = min(rights) + 1 if rights else len(text)
    return " ".join(text[left:right].split())


def _cue_word(text, fragments):
    words = regex.findall(r"\w+", " ".join(text[s:e] for s, e in sorted(fragments)).lower())
    return " ".join(words) or "?"


def _collect_errors(name, text, gold, predicted, pairs, errors):
    paired_gold = {g for g, _ in pairs}
    paired_predicted = {p for _, p in pairs}
    for index, attribution in enumerate(gold):
        if index not in paired_gold:
            cue = attribution.roles["cue"]
            errors.append(("missed", _cue_word(text, cue), name, min(s for s, _ in cue), _sentence(text, *sorted(cue)[0]), None))
    for index, attribution in enumerate(predicted):
        if index not in paired_predicted:
            cue = attribution.roles["cue"]
            errors.append(("extra", _cue_word(text, cue), name, min(s for s, _ in cue), _sentence(text, *sorted(cue)[0]), attribution.rule))


def table(counts, summary, annotator) -> str:
    lines = [
        f"documents: {int(summary['documents'])}  gold attributions: {counts.values['gold']:.0f}  "
        f"predicted: {counts.values['pred']:.0f}  (annotator: {annotator})",
        f"{'':26s} {'P':>6s} {'R':>6s} {'F1':>6s}",
    ]
    for label, tp, pred, gold in ROWS:
        p, r, f = counts.prf(tp, pred, gold)
        lines.append(f"{label:26s} {p:6.3f} {r:6.3f} {f:6.3f}")
    skipped = [f"{v} {k}" for k, v in summary.items() if k != "documents" and v]
    if skipped:
        lines.append("skipped: " + ", ".join(skipped))
    return "\n".join(lines)


def as_json(counts, summary, annotator) -> str:
    figures = {}
    for label, tp, pred, gold in ROWS:
        p, r, f = counts.prf(tp, pred, gold)
        figures[label] = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}
    return json.dumps(
        {"documents": summary["documents"], "annotator": annotator, "gold": counts.values["gold"], "predicted": counts.values["pred"], "figures": figures, "skipped": {k: v for k, v in summary.items() if k != "documents"}},
        indent=2,
    )


def error_report(errors, limit_per_group=5) -> str:
    groups = defaultdict(list)
    for kind, cue, name, offset, sentence, rule in errors:
        groups[(kind, cue)].append((name, offset, sentence, rule))
    lines = []
    for kind in ("missed", "extra"):
        title = "false negatives (gold attributions not found), by cue" if kind == "missed" else "false positives (found, not in gold), by cue"
        lines.append(f"== {title}")
        ordered = sorted(((k, v) for k, v in groups.items() if k[0] == kind), key=lambda kv: (-len(kv[1]), kv[0][1]))
        for (_, cue), rows in ordered:
            lines.append(f"-- {cue!r}: {len(rows)}")
            for name, offset, sentence, rule in rows[:limit_per_group]:
                by = f" [{rule}]" if rule else ""
                lines.append(f"   {name}@{offset}{by}: {sentence[:200]}")
    return "\n".join(lines)


def per_rule_report(per_rule) -> str:
    lines = [f"{'rule':40s} {'found':>7s} {'paired':>7s} {'precision':>9s}"]
    for rule, counter in sorted(per_rule.items(), key=lambda kv: (kv[1]["paired"] / kv[1]["predicted"] if kv[1]["predicted"] else 0, kv[0])):
        found = counter["predicted"]
        precision = counter["paired"] / found if found else 0.0
        lines.append(f"{rule:40s} {found:7.0f} {counter['paired']:7.0f} {precision:9.3f}")
    return "\n".join(lines)
