"""Which side of its anchor each rule should match first (`match_first:` in tuning.yaml).

A rule with an anchor in the middle (`{source_phrase} cue:said content:...`) can match
what stands before the anchor first, leftwards, then what follows it, or the other way
round. The matches are the same either way; the time is not. Matching first the side
that fails more often, and more cheaply, saves the other side's work wherever the rule
does not match. That depends on the texts, so it is measured here: every rule of the pack
runs both ways, in the same process, over the same texts, and the faster is suggested
where it wins by a clear margin. The settings live in the pack's tuning.yaml, by rule id,
apart from the rules (they never change what is found); --write rewrites that file with
the suggestions taken.

    python benchmarks/match_order.py [FOLDER] [--rules DIR] [--repeat N] [--margin 0.15] [--write]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quotetrace.patterns.compiler import compile_pack  # noqa: E402
from quotetrace.patterns.matcher import _program_matches  # noqa: E402
from quotetrace.pipeline import Engine  # noqa: E402
from quotetrace.resources import default_rules_dir  # noqa: E402
from quotetrace.rulepack.pack import TUNING_FILE, read_pack  # noqa: E402
from throughput import best_of, load_texts  # noqa: E402


def compiled_with(rules_dir, match_first):
    """The pack compiled with every rule matching `match_first` side of its anchor first."""
    pack = read_pack(rules_dir)
    for rule in pack.rules:
        rule.match_first = match_first
    return compile_pack(pack)


TUNING_HEADER = """\
# Speed settings, by rule id. They never change what a rule finds, only how fast: so they
# live here, apart from the rules' meaning, and a rule author can ignore this file.
#
# match_first: which side of a rule's anchor is matched first (docs/rules.md, "How a
# pattern is run"). `before` (the default) matches what stands before the anchor first,
# leftwards; `after` the anchor and what follows it. `python benchmarks/match_order.py
# FOLDER --write` measures every rule both ways over a folder of texts and rewrites this
# list; the figures behind it are from PolNeAR train.
"""


def tuning_text(sides: dict) -> str:
    """tuning.yaml with `match_first: after` for the rules that go after first, in pack order
    (`before` is the default and is not written)."""
    after = [rule_id for rule_id, side in sides.items() if side == "after"]
    if not after:
        return TUNING_HEADER + "match_first: {}\n"
    return TUNING_HEADER + "match_first:\n" + "".join(f"  {rule_id}: after\n" for rule_id in after)


def run_rule(compiled_rule, runs, width):
    """One rule over every document's stream of its stage."""
    required = compiled_rule.required_words
    for stream, words_present in runs:
        if required is not None and not (required & words_present):
            continue
        for _match in _program_matches(compiled_rule, stream, {}, {}, width, compiled_rule.rule.key is not None, None):
            pass


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path)
    parser.add_argument("--rules", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--margin", type=float, default=0.15, help="suggest a change only if it saves this share of the rule's time")
    parser.add_argument("--write", action="store_true", help=f"rewrite the pack's {TUNING_FILE} with the suggestions taken")
    args = parser.parse_args()
    rules_dir = args.rules or default_rules_dir()
    texts, where = load_texts(args.folder)
    engine = Engine(rules_dir)
    runs = {}  # stage -> [(stream, words present)]
    for i, text in enumerate(texts):
        analysis = engine.analyse(text, str(i))
        for stage, stream in analysis.streams.items():
            runs.setdefault(stage, []).append((stream, analysis.words_present))
    packs = {side: compiled_with(rules_dir, side) for side in ("before", "after")}
    width = engine.compiled.encoding.width
    assert all(p.encoding.width == width and p.encoding.vocabulary == engine.compiled.encoding.vocabulary for p in packs.values())
    print(f"texts: {len(texts)} from {where}; seconds per rule, best of {args.repeat}")
    print(f"{'rule':42} {'now':6} {'before':>8} {'after':>8}  suggestion")
    totals = {"now": 0.0, "best": 0.0}
    sides = {rule.id: rule.match_first for rule in read_pack(rules_dir).rules}
    for stage, current_rules in engine.compiled.rules_by_stage.items():
        by_id = {side: {c.rule.id: c for c in pack.rules_by_stage[stage]} for side, pack in packs.items()}
        for current in current_rules:
            if not current.anchored or not current.source.count("(?P<_pre>"):
                continue
            rule = current.rule
            seconds = {side: best_of(args.repeat, run_rule, by_id[side][rule.id], runs[stage], width) for side in ("before", "after")}
            now = seconds[rule.match_first]
            other = "after" if rule.match_first == "before" else "before"
            suggestion = ""
            if seconds[other] < now * (1 - args.margin):
                suggestion = f"{rule.id}: {other}  (in {TUNING_FILE}; saves {now - seconds[other]:.3f}s)"
                sides[rule.id] = other
            totals["now"] += now
            totals["best"] += min(now, seconds[other]) if suggestion else now
            print(f"{rule.id:42} {rule.match_first:6} {seconds['before']:8.3f} {seconds['after']:8.3f}  {suggestion}")
    print(f"rules with something before their anchor: {totals['now']:.3f}s as set, {totals['best']:.3f}s with the suggestions")
    if args.write:
        path = Path(rules_dir) / TUNING_FILE
        path.write_text(tuning_text(sides), encoding="utf-8")
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
