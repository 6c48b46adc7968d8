"""How time grows with the size of hostile inputs, and how long a very large rule pack takes to load.

Each input kind is run at 1, 4 and 10 MB, with the counted limits of the engine but no
token limit and no clock; the seconds per MB should stay about flat (time about linear in
size). Figures are relative to a bare `regex` tokenization pass of the same input in the
same run, so they do not depend on the machine. Then each kind is run at the default
token limit (quotetrace.budget.DEFAULT_MAX_TOKENS): the slowest of these is the most a
document within the counted limits costs, which the wall-clock budget (60 s) must stay
well above.

    python benchmarks/robustness.py [--sizes 1,4,10]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quotetrace.budget import DEFAULT_MAX_TOKENS  # noqa: E402
from quotetrace.pipeline import Engine  # noqa: E402
from quotetrace.text.tokens import tokenize  # noqa: E402

KINDS = ("no punctuation", "unbalanced quotes", "long tokens", "line endings and controls", "news prose",
         "names, no sentence end", "name: lines, one paragraph", "pronouns, no sentence end")

BASELINE = regex.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]")


def hostile(kind: str, megabytes: float) -> str:
    size = int(megabytes * 1_000_000)
    units = {
        "no punctuation": "word ",
        "unbalanced quotes": 'He said "yes and ',
        "long tokens": "a" * 5000 + " ",
        "line endings and controls": "Putin said yes.\r\nAssad\x00 said no.\rBokova said\u2028maybe.\x07 ",
        "news prose": "Kremlin spokesman Dmitry Peskov said the talks went well, TASS reported. “We agree,” he added. ",
        "names, no sentence end": "Ann Lee said Bob Ray told Cy Day that Dee Fox said ",
        "name: lines, one paragraph": "Putin: we will win. Assad: no. ",
        "pronouns, no sentence end": "he said she told him that they said ",
    }
    unit = units[kind]
    return (unit * (size // len(unit.encode("utf-8")) + 1))[: size]


def timed(function, *args):
    started = time.perf_counter()
    function(*args)
    return time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,4,10", help="megabytes, comma-separated")
    parser.add_argument("--at-limit-only", action="store_true", help="only the runs at the token limit")
    args = parser.parse_args()
    sizes = [float(s) for s in args.sizes.split(",")]
    engine = Engine(max_doc_bytes=None, time_budget=None, rule_timeout=None, max_tokens=None, max_candidates=None)
    print(f"{'input':28s} {'MB':>5s} {'seconds':>8s} {'s/MB':>7s} {'ratio to regex':>15s}  status")
    for kind in KINDS if not args.at_limit_only else ():
        for megabytes in sizes:
            text = hostile(kind, megabytes)
            base = timed(lambda t: [m.span() for m in BASELINE.finditer(t)], text)
            holder = {}
            seconds = timed(lambda t: holder.setdefault("r", engine.record(t, kind)), text)
            print(f"{kind:28s} {megabytes:5.0f} {seconds:8.2f} {seconds / megabytes:7.2f} {seconds / base:15.1f}  {holder['r']['status']}")

    print(f"\nat the token limit ({DEFAULT_MAX_TOKENS:,} tokens), default limits but no clock:")
    limited = Engine(max_doc_bytes=None, time_budget=None, rule_timeout=None)
    for kind in KINDS:
        text = hostile(kind, 2)
        ends = tokenize(text, DEFAULT_MAX_TOKENS)[1]
        text = text[: ends[min(DEFAULT_MAX_TOKENS, len(ends)) - 1]]
        holder = {}
        seconds = timed(lambda t: holder.setdefault("r", limited.record(t, kind)), text)
        record = holder["r"]
        dropped = ", ".join(e["rule"] for e in record.get("errors", [])) or "none"
        print(f"{kind:28s} {len(tokenize(text)[0]):8,d} tokens {seconds:6.1f} s  status {record['status']}, rules dropped: {dropped}")
    if args.at_limit_only:
        return

    with tempfile.TemporaryDirectory() as folder:
        pack = Path(folder)
        entries = ", ".join(f"word{i}" for i in range(20000))
        rules = "\n".join(
            f"  - {{id: r{i}, description: d, stage: names, pattern: 'word{i} [%cap] (said | told)'}}" for i in range(3000)
        )
        (pack / "big.yaml").write_text(f"lexicons:\n  - id: many\n    entries: [{entries}]\nrules:\n  - {{id: lex, description: d, stage: names, pattern: '@many'}}\n{rules}\n", encoding="utf-8")
        seconds = timed(Engine, pack)
        print(f"\nrule pack with 3,001 rules and a 20,000-entry lexicon: loaded and compiled in {seconds:.1f}s")


if __name__ == "__main__":
    main()
