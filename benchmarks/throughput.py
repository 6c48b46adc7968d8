"""Throughput of the engine with the bundled rules, as a ratio to a bare `regex` tokenization pass.

The baseline is `regex.finditer(r"\\w+(?:[-'’]\\w+)*|[^\\w\\s]", text)` keeping each span: the
least any tool that looks at tokens must do. Both run in this process over the same texts,
so the ratio does not depend on the machine's speed, only on the work:

- CPU time (time.process_time), not wall time: other processes on a shared machine move it
  far less;
- document by document, the engine and the baseline interleaved on each document, so a
  busy spell hits both alike;
- each document's time is the minimum over the rounds (the run least disturbed); the ratio
  is the sum of the engine's minima over the sum of the baseline's, and its spread the
  lowest and highest of the per-round ratios.

Texts: a folder given on the command line, else ../shared/corpora/polnear/train/text, else
the examples/ folder. `--all` adds startup (benchmarks/startup.py), the peak memory of one
process extracting every text, and the speed-up of two worker processes over one.

Peak memory is what a user's run takes: the peak resident set (ru_maxrss, from wait4) of one
fresh `quotetrace extract --jobs 1 FOLDER --out FILE` process, which streams each record to
a JSON Lines file as it is made, with the compiled-pack cache filled beforehand (in a cache
folder of its own, so that no other run's cache entries count). (Until December 2026 it was a child that kept every record
of the corpus in a list, which measured the list: 339 MB where the streaming run took 182.)

`--engine` picks the matcher (native, python, or auto as Engine() does); `--engine both`
measures the two side by side, each document timed on both engines and the baseline in
turn, so the two ratios share their baseline and their busy spells.

    python benchmarks/throughput.py [FOLDER] [--rounds N] [--all] [--engine auto|native|python|both]
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parent.parent

from quotetrace.pipeline import Engine  # noqa: E402

BASELINE = regex.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]")
# The baseline takes microseconds a document: run it this many times a measurement and
# divide, so that the clock's resolution does not count.
BASELINE_REPEAT = 20


def load_texts(folder: Path | None) -> tuple[list[str], str]:
    candidates = [folder] if folder else [ROOT.parent / "shared/corpora/polnear/train/text", ROOT / "examples"]
    for candidate in candidates:
        if candidate and candidate.is_dir():
            files = sorted(candidate.glob("*.txt"))
            if files:
                return [f.read_text(encoding="utf-8", errors="replace") for f in files], str(candidate)
    raise SystemExit("no texts found; pass a folder of .txt files")


def baseline(text: str) -> int:
    return len([m.span() for m in BASELINE.finditer(text)])


def baseline_pass(texts) -> int:
    return sum(baseline(text) for text in texts)


def engine_pass(engine, texts) -> int:
    return sum(len(engine.record(text, str(i))["attributions"]) for i, text in enumerate(texts))


def best_of(repeat, function, *args) -> float:
    """The least wall time of `repeat` calls (scale.py and match_order.py time whole passes)."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        function(*args)
        best = min(best, time.perf_counter() - started)
    return best


def baseline_time(texts, repeat) -> float:
    return best_of(max(repeat, 5), baseline_pass, texts)


def timed_rounds(engines, texts, rounds: int):
    """Per engine: (its minima, per-round ratios); and the baseline's minima. CPU seconds per
    document; on each document every engine and then the baseline run in turn."""
    best_engine = [[float("inf")] * len(texts) for _ in engines]
    best_base = [float("inf")] * len(texts)
    ratios = [[] for _ in engines]
    clock = time.process_time
    for _ in range(rounds):
        engine_totals = [0.0] * len(engines)
        base_total = 0.0
        for index, text in enumerate(texts):
            for number, engine in enumerate(engines):
                started = clock()
                engine.record(text, str(index))
                spent = clock() - started
                best_engine[number][index] = min(best_engine[number][index], spent)
                engine_totals[number] += spent
            started = clock()
            for _ in range(BASELINE_REPEAT):
                baseline(text)
            base = (clock() - started) / BASELINE_REPEAT
            best_base[index] = min(best_base[index], base)
            base_total += base
        for number, total in enumerate(engine_totals):
            ratios[number].append(total / base_total)
    return best_engine, best_base, ratios


def peak_memory_mb(folder: str, engine: str = "auto") -> float:
    """Peak resident memory (MB) of one fresh `quotetrace extract --jobs 1` process over every
    text of `folder`, writing its JSON Lines records to a temporary file as it goes, with the
    compiled-pack cache filled (a cold start compiles the pack, which alone peaks at about
    220 MB): a cache folder of its own, filled by one Engine() in a child first."""
    with tempfile.TemporaryDirectory(prefix="quotetrace-memory-") as scratch:
        env = dict(engine_env(engine), QUOTETRACE_CACHE_DIR=str(Path(scratch, "cache")))
        env.pop("QUOTETRACE_NO_CACHE", None)
        subprocess.run([sys.executable, "-c", "from quotetrace.pipeline import Engine; Engine()"], env=env, check=True)
        command = [sys.executable, "-m", "quotetrace", "extract", "--quiet", "--jobs", "1", "--engine", engine,
                   "--out", str(Path(scratch, "records.jsonl")), folder]
        # Linux keeps a process's peak across exec, so a child spawned from this process (which
        # by now holds both engines' programs) would start from this process's size: the
        # extract is spawned and waited for by a small fresh interpreter instead.
        measured = subprocess.run([sys.executable, "-c", _SPAWN_AND_MEASURE, *command], env=env,
                                  capture_output=True, text=True)
        if measured.returncode != 0:
            raise SystemExit(f"quotetrace extract failed measuring memory: {measured.stderr.strip()[-300:]}")
        return float(measured.stdout.strip())


# Run argv[1:] with stdout to /dev/null, print its peak resident memory in MB; exit 1 when
# it failed (status 1 is a document with an error record, which still counts).
_SPAWN_AND_MEASURE = """
import os, sys
with open(os.devnull, "wb") as devnull:
    pid = os.posix_spawn(sys.argv[1], sys.argv[1:], os.environ, file_actions=[(os.POSIX_SPAWN_DUP2, devnull.fileno(), 1)])
_, status, usage = os.wait4(pid, 0)
print(usage.ru_maxrss / 1024)
sys.exit(0 if os.waitstatus_to_exitcode(status) in (0, 1) else 1)
"""


def engine_env(engine: str) -> dict:
    """The environment of a child process that should run on `engine` (Engine() reads it)."""
    env = dict(os.environ)
    if engine in ("native", "python"):
        env["QUOTETRACE_ENGINE"] = engine
    return env


def jobs_speedup(engine, texts, rounds: int) -> float:
    """Wall time of one process over two worker processes on the same texts (best of rounds)."""
    def wall(processes):
        started = time.perf_counter()
        for _ in engine.pipe(texts, n_process=processes):
            pass
        return time.perf_counter() - started
    best = {1: float("inf"), 2: float("inf")}
    for _ in range(rounds):
        for processes in (1, 2):
            best[processes] = min(best[processes], wall(processes))
    return best[1] / best[2]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--all", action="store_true", help="also startup, peak memory and the --jobs 2 speed-up")
    parser.add_argument("--engine", choices=("auto", "native", "python", "both"), default="auto",
                        help="the matcher: native, python, auto (as Engine() chooses), or both side by side")
    args = parser.parse_args()
    texts, where = load_texts(args.folder)
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    names = ["python", "native"] if args.engine == "both" else [args.engine]
    engines = [Engine(engine=name) for name in names]
    for engine in engines:
        for index, text in enumerate(texts[:20]):
            engine.record(text, str(index))  # warm the token-type cache as a long run would
    best_engine, best_base, ratios = timed_rounds(engines, texts, args.rounds)
    base_time = sum(best_base)
    print(f"texts: {len(texts)} from {where}, {megabytes:.2f} MB; CPU time, minimum of {args.rounds} interleaved rounds per document")
    print(f"bare regex tokenization: {megabytes / base_time:8.2f} MB/s")
    for engine, minima, per_round in zip(engines, best_engine, ratios):
        engine_time = sum(minima)
        print(f"quotetrace extract ({engine.engine} matcher): {megabytes / engine_time:8.2f} MB/s, "
              f"{1000 * engine_time / len(texts):.2f} ms/doc")
        print(f"  ratio (engine / baseline): {engine_time / base_time:.1f}  (per round {min(per_round):.1f} to {max(per_round):.1f}; "
              f"issue 24 targets: 20, 10, 5 by stage, goal 3)")
    if args.all:
        for engine in engines:
            print(f"--- {engine.engine} matcher ---", flush=True)
            subprocess.run([sys.executable, str(ROOT / "benchmarks" / "startup.py"), "--rounds", "3"], check=True, env=engine_env(engine.engine))
            print(f"peak memory of one streaming 'quotetrace extract --jobs 1' over every text, cache filled (max RSS): {peak_memory_mb(where, engine.engine):.0f} MB")
            print(f"--jobs 2 speed-up over one process (wall time): {jobs_speedup(engine, texts, max(1, args.rounds - 1)):.2f}x")


if __name__ == "__main__":
    main()
