"""Startup with and without the compiled-pack cache, in CPU time of fresh processes.

    python benchmarks/startup.py [--rounds 5]

cold:    a child process imports quotetrace and makes Engine() (the bundled rules) with an
         empty cache folder, so it reads and compiles the pack (and writes the cache);
warm:    the same, with the folder the cold run just filled;
extract: `quotetrace extract` on a one-paragraph text, with that warm cache.

Each figure is the child's user + system CPU time (getrusage(RUSAGE_CHILDREN) before and
after), not wall time: the machine is shared, and CPU time moves far less with its load.
The three runs are interleaved within each round, so a busy spell hits all of them alike,
and the minimum over the rounds is kept. Targets: warm at most a tenth of cold, and
extract under one second.
"""
from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

LOAD = "import quotetrace.pipeline; quotetrace.pipeline.Engine()"
PARAGRAPH = (
    'Harbour master Ines Calloway said on Monday that the new ferry terminal would open before '
    'the summer. "The delays are behind us," she told the town council, adding that the '
    'last inspections had found nothing to fix.\n'
)


def child_cpu(command, env) -> float:
    """CPU seconds (user + system) the child took; fails loudly if the child failed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds; the minimum of each figure is kept (default: 5)")
    args = parser.parse_args()
    base = {k: v for k, v in os.environ.items() if k != "QUOTETRACE_NO_CACHE"}
    figures = {"interpreter": [], "cold": [], "warm": [], "extract": []}
    with tempfile.TemporaryDirectory(prefix="quotetrace-startup-") as scratch:
        text = Path(scratch, "paragraph.txt")
        text.write_text(PARAGRAPH, encoding="utf-8")
        for round_number in range(args.rounds):
            env = dict(base, QUOTETRACE_CACHE_DIR=str(Path(scratch, f"cache{round_number}")))
            figures["interpreter"].append(child_cpu([sys.executable, "-c", "pass"], env))
            figures["cold"].append(child_cpu([sys.executable, "-c", LOAD], env))
            figures["warm"].append(child_cpu([sys.executable, "-c", LOAD], env))
            figures["extract"].append(child_cpu([sys.executable, "-m", "quotetrace", "extract", "--quiet", "--jobs", "1", str(text)], env))
            print(f"round {round_number + 1}: " + ", ".join(f"{name} {values[-1]:.3f} s" for name, values in figures.items()), file=sys.stderr)
    best = {name: min(values) for name, values in figures.items()}
    ratio = best["warm"] / best["cold"]
    print(f"CPU time of a child process, minimum over {args.rounds} interleaved rounds:")
    print(f"  python -c pass (the floor)               {best['interpreter']:7.3f} s")
    print(f"  cold: import + Engine(), empty cache     {best['cold']:7.3f} s")
    print(f"  warm: import + Engine(), cache filled    {best['warm']:7.3f} s")
    print(f"  warm / cold                              {ratio:7.3f}   (target <= 0.100: {'met' if ratio <= 0.1 else 'missed'})")
    print(f"  quotetrace extract, one paragraph, warm  {best['extract']:7.3f} s (target < 1 s: {'met' if best['extract'] < 1 else 'missed'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
