"""All of the scale figures in one run: throughput and its ratio to a bare `regex` pass,
the `--jobs 2` speed-up, and peak memory while streaming a large synthetic corpus.

    python benchmarks/scale.py [FOLDER] [--stream-mb 200] [--repeat 2]

1. Single process: MB/s of the engine and of the bare tokenization pass over the same
   texts in this process, and their ratio (benchmarks/throughput.py does only this).
2. Jobs: the same texts through `extract_all` (records serialised as JSON Lines) with one
   worker and with two; the speed-up is the ratio of the two times.
3. Memory: `quotetrace extract --jobs 2` reads a JSON Lines stream of --stream-mb megabytes
   made by repeating the texts, on its stdin, and writes to /dev/null; the resident memory
   of the whole process tree (main process and workers) is sampled every 0.2 s, as PSS
   (each shared page divided among the processes that map it, so the rule pack the forked
   workers share with their parent counts once) and as summed RSS. The peak over the first
   quarter of the stream beside the peak over all of it shows whether memory grows with
   the corpus.
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from throughput import baseline_time, best_of, engine_pass, load_texts  # noqa: E402

from quotetrace.inputs import SourceDocument  # noqa: E402
from quotetrace.output.writers import to_json_line  # noqa: E402
from quotetrace.parallel import extract_all  # noqa: E402
from quotetrace.pipeline import Engine  # noqa: E402


def jobs_pass(engine, texts, jobs):
    sources = (SourceDocument(str(i), text) for i, text in enumerate(texts))
    return sum(len(to_json_line(r)) for r in extract_all(engine, sources, jobs))


def _tree_memory_kb(pid: int) -> tuple[int, int]:
    """Resident kB of a process and all its descendants, from /proc: (RSS, PSS).

    Forked workers share the compiled rule pack with their parent page for page, so a sum
    of RSS counts it once per process. PSS divides each shared page among the processes
    that map it: its sum is the physical memory the tree uses.
    """
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    parent = int(handle.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(parent, []).append(int(entry))
            except (OSError, IndexError, ValueError):
                continue
    rss = pss = 0
    todo = [pid]
    while todo:
        current = todo.pop()
        todo.extend(children.get(current, []))
        rss += _proc_field_kb(f"/proc/{current}/status", "VmRSS:")
        pss += _proc_field_kb(f"/proc/{current}/smaps_rollup", "Pss:")
    return rss, pss


def _proc_field_kb(path: str, field: str) -> int:
    """The kB value of one field of a /proc file; 0 when the process has gone."""
    try:
        with open(path) as handle:
            for line in handle:
                if line.startswith(field):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def stream_memory(texts, megabytes: float, jobs: int):
    lines = [(json.dumps({"id": f"d{i}", "text": t}) + "\n").encode("utf-8") for i, t in enumerate(texts)]
    target = int(megabytes * 1e6)
    command = [sys.executable, "-m", "quotetrace", "extract", "--input-format", "jsonl", "--jobs", str(jobs), "--quiet", "--out", os.devnull, "-"]
    process = subprocess.Popen(command, cwd=ROOT, stdin=subprocess.PIPE, stderr=subprocess.PIPE)
    sent = [0]

    def feed():
        try:
            for number, line in enumerate(itertools.cycle(lines)):
                if sent[0] >= target:
                    break
                # Each copy gets its own id, as distinct documents of an archive would.
                process.stdin.write(line.replace(b'"id": "d', f'"id": "r{number}-d'.encode(), 1))
                sent[0] += len(line)
            process.stdin.close()
        except BrokenPipeError:
            pass

    feeder = threading.Thread(target=feed, daemon=True)
    started = time.perf_counter()
    feeder.start()
    samples = []  # (fraction of the stream sent, RSS MB, PSS MB)
    while process.poll() is None:
        rss, pss = _tree_memory_kb(process.pid)
        samples.append((sent[0] / target, rss / 1024, pss / 1024))
        time.sleep(0.2)
    elapsed = time.perf_counter() - started
    feeder.join()
    stderr = process.stderr.read().decode("utf-8", "replace")
    if process.returncode != 0:
        raise SystemExit(f"quotetrace extract failed ({process.returncode}): {stderr.strip()[-400:]}")
    def peak(column, upto=1.0):
        return max((sample[column] for sample in samples if sample[0] <= upto), default=0.0)

    return sent[0] / 1e6, elapsed, (peak(2, 0.25), peak(2)), (peak(1, 0.25), peak(1))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--stream-mb", type=float, default=200.0, help="size of the synthetic stream (default: 200 MB; 0 skips it)")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    texts, where = load_texts(args.folder)
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    engine = Engine()
    engine_pass(engine, texts[:20])
    base = baseline_time(texts, args.repeat)
    single = best_of(args.repeat, engine_pass, engine, texts)
    base = min(base, baseline_time(texts, args.repeat))
    one = best_of(args.repeat, jobs_pass, engine, texts, 1)
    many = best_of(args.repeat, jobs_pass, engine, texts, args.jobs)
    print(f"texts: {len(texts)} from {where}, {megabytes:.2f} MB; {os.cpu_count()} cores")
    print(f"bare regex tokenization:    {megabytes / base:8.2f} MB/s")
    print(f"quotetrace, one process:       {megabytes / single:8.2f} MB/s")
    print(f"ratio (engine / regex time): {single / base:7.2f}   (target <= 5, goal <= 3)")
    print(f"--jobs 1 with output:       {megabytes / one:8.2f} MB/s")
    print(f"--jobs {args.jobs} with output:       {megabytes / many:8.2f} MB/s")
    print(f"--jobs {args.jobs} speed-up:            {one / many:7.2f}x  (target >= 1.7x on 2 cores)")
    if args.stream_mb > 0:
        streamed, elapsed, pss, rss = stream_memory(texts, args.stream_mb, args.jobs)
        print(f"stream of {streamed:.0f} MB through `quotetrace extract --jobs {args.jobs}`: {elapsed:.0f} s, {streamed / elapsed:.2f} MB/s")
        print(f"peak memory of the process tree (PSS: shared pages counted once): {pss[1]:.0f} MB over the whole stream, {pss[0]:.0f} MB over its first quarter  (target <= 200 MB, flat)")
        print(f"peak RSS summed over the processes (shared pages counted in each): {rss[1]:.0f} MB, {rss[0]:.0f} MB over the first quarter")


if __name__ == "__main__":
    main()
