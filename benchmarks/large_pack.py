"""How a large rule pack checks, loads and runs: a synthetic pack of N attribution rules.

Each rule is the bundled pack's shape at small scale, with its own literal cue word and
lexicon, so that no two rules are the same program: `source:<actor>? [%cap]+ cue:WORD
content:(that? _+?) $`. The pack is written to a temporary folder; the script times, in this
process (CPU time), reading and compiling it (what `check` does), loading it from the
compiled-pack cache, and extracting one paragraph that uses a few of the cue words.

    python benchmarks/large_pack.py [--rules 10000]
"""
from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path


def write_pack(folder: Path, count: int) -> None:
    lines = ["lexicons:"]
    for number in range(count):
        lines.append(f"  - {{id: cue{number}, entries: [cueword{number}, cuewording{number}]}}")
    lines.append("rules:")
    for number in range(count):
        lines.append(
            f"  - id: attr.synthetic-{number}\n"
            f"    description: Synthetic rule {number}.\n"
            f"    stage: attributions\n"
            f"    pattern: 'source:([%cap]+) cue:(@cue{number} | saidword{number}) content:(that? _+?) $'"
        )
    (folder / "synthetic.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def cpu(action):
    started = time.process_time()
    result = action()
    return time.process_time() - started, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as rules, tempfile.TemporaryDirectory() as cache:
        os.environ["QUOTETRACE_CACHE_DIR"] = cache
        from quotetrace.patterns.cache import compiled_pack
        from quotetrace.pipeline import Engine

        write_pack(Path(rules), args.rules)
        checked, pack = cpu(lambda: compiled_pack(rules, cache=True))
        errors = [p for p in pack.problems if p.severity == "error"]
        if errors:
            raise SystemExit(f"the synthetic pack has errors: {errors[0]}")
        loaded, engine = cpu(lambda: Engine(rules))
        text = " ".join(f"Officials cueword{n} that the plan would pass." for n in range(0, args.rules, max(1, args.rules // 5)))
        extracted, result = cpu(lambda: engine.extract(text))
        print(f"{args.rules} rules: check (read + compile, cold) {checked:.1f} s CPU; "
              f"load from the cache {loaded:.2f} s; extract one paragraph {extracted:.2f} s "
              f"({len(result.attributions)} attributions)")


if __name__ == "__main__":
    main()
