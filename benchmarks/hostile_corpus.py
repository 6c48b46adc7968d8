"""A corpus that mixes every hostile case of issue 23, and a run over it that must hold up.

    python benchmarks/hostile_corpus.py [--copies 4] [--kills 6]

The corpus (texts written here, short news-style sentences): ordinary articles; JSON Lines
whose texts, ids and kept fields hold lone surrogates, control characters and terminal
escapes, ids with separators and `..`, duplicate ids, a bad line, a line without its text,
a line past the size limit; a gzip bomb, a corrupt gzip, a file that is not UTF-8 and one
whose name is not; a dangling link, a named pipe, a link to a device, a link loop; an
empty file; texts that run on without a sentence end or a paragraph break, one past the
token limit and one whose names pass a rule's candidate limit.

The script checks what the issue asks of such a run, and prints the figures:

1. one record per document, the exit status 1 and the summary line saying how many failed;
2. `--jobs 1` and `--jobs 2` give byte-identical output while two other processes keep
   both cores busy (and the time of each);
3. a run killed (SIGKILL) at --kills points spread over it, then resumed with --resume,
   gives the same bytes as the uninterrupted run.

tests/test_hostile_corpus.py runs the same checks on one copy with two kill points.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import signal
import subprocess
import sys
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The limits of the run: small, so that the corpus meets each of them without being large.
LIMITS = ["--max-doc-bytes", "1000000", "--max-tokens", "5000", "--max-rule-candidates", "300"]
COMMAND = [sys.executable, "-m", "quotetrace", "extract", "--glob", "*", "--keep-fields", "outlet", *LIMITS]

NEWS = [
    "Port Authority Chairwoman Elena Marsh told reporters the dredging would begin in May.",
    "“We are ready,” the fire chief told the council on Tuesday.",
    "Harbor pilot Ana Ruiz said the tide was too low for the ferry, the Harbor Times reported.",
    "The union said the strike would end on Friday, according to a statement from its leaders.",
]


def build(folder: Path, copies: int = 1) -> dict:
    """Write the corpus into `folder` (new); return how many documents it holds and how
    many of them must fail."""
    folder.mkdir(parents=True)
    count = {"documents": 0, "failed": 0}

    def document(failed=False):
        count["documents"] += 1
        count["failed"] += int(failed)

    for copy in range(copies):
        base = folder / f"set{copy}"
        (base / "nested" / "a").mkdir(parents=True)
        (base / "nested" / "b").mkdir(parents=True)
        for number, text in enumerate(NEWS * 3):
            (base / f"article{number:02d}.txt").write_text(text + "\n\n" + NEWS[(number + 1) % len(NEWS)], encoding="utf-8")
            document()
        (base / "nested" / "a" / "story.txt").write_text(NEWS[0], encoding="utf-8")
        (base / "nested" / "b" / "story.txt").write_text(NEWS[1], encoding="utf-8")
        document(), document()
        lines = [
            '{"id": "half-emoji", "text": "Mayor Ann Lee said the ferry \\ud83d would sail.", "outlet": "Bay \\udc00 Ledger"}',
            '{"id": "id-\\ud800", "text": "Harbor pilot Ana Ruiz said the tide was low."}',
            json.dumps({"id": "./../../../ESCAPED", "text": NEWS[2], "outlet": "\x1b[2J"}),
            json.dumps({"id": "https://example.org/news/2024/story-1", "text": NEWS[3]}),
            json.dumps({"id": "dup", "text": NEWS[0]}),
            json.dumps({"id": "dup", "text": NEWS[1]}),
            json.dumps({"id": "ctrl\x07\n\x1b]0;title\x07", "text": "The mayor said \x1b[31mno\x1b[0m to the plan.\u202e"}),
            "{not json",
            json.dumps({"id": "no-text", "body": NEWS[0]}),
        ]
        (base / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
        for _ in range(7):
            document()
        document(True), document(True)
        huge = '{"id": "huge-line", "text": "' + "word " * 1_300_000 + '"}\n'  # 6.5 MB: past 6 x 1 MB + 1 MB
        with gzip.open(base / "archive.jsonl.gz", "wt", encoding="utf-8") as handle:
            handle.write(json.dumps({"id": "before-huge", "text": NEWS[2]}) + "\n" + huge + json.dumps({"id": "after-huge", "text": NEWS[3]}) + "\n")
        document(), document(True), document()
        packer = zlib.compressobj(9, zlib.DEFLATED, 31)  # 32 MB of one letter in about 32 KB
        with open(base / "bomb.txt.gz", "wb") as handle:
            for _ in range(32):
                handle.write(packer.compress(b"a" * (1 << 20)))
            handle.write(packer.flush())
        document(True)
        (base / "corrupt.txt.gz").write_bytes(b"\x1f\x8b\x08\x00garbage")
        document(True)
        (base / "latin1.txt").write_bytes("Le maire a déclaré que le traversier partirait.".encode("latin-1"))
        document()
        with open(os.fsencode(base) + b"/caf\xe9.txt", "wb") as handle:
            handle.write(NEWS[0].encode())
        document()
        (base / "dangling.txt").symlink_to(base / "nowhere.txt")
        os.mkfifo(base / "pipe.txt")
        (base / "device.txt").symlink_to(os.devnull)
        (base / "loop.txt").symlink_to(base / "loop.txt")
        for _ in range(4):
            document(True)
        (base / "empty.txt").write_text("", encoding="utf-8")
        document()
        (base / "endless.txt").write_text("Ann Lee said Bob Ray told Cy Day that Dee Fox said " * 300, encoding="utf-8")
        document()
        (base / "colons.txt").write_text("Putin: we will win. Assad: no. " * 300, encoding="utf-8")
        document()
        (base / "too-long.txt").write_text(NEWS[0] + " " + "More words follow here. " * 1300, encoding="utf-8")  # past 5,000 tokens
        document(True)
        (base / "names.txt").write_text("Mayor Ann Lee met Harbor pilot Bob Ray. " * 200, encoding="utf-8")  # past 300 names
        document()
    return count


def run(corpus: Path, out: Path, jobs: int, *extra) -> subprocess.CompletedProcess:
    return subprocess.run(COMMAND + ["--jobs", str(jobs), "--out", str(out), *extra, str(corpus)], cwd=ROOT, capture_output=True, text=True, timeout=900)


def burners(count: int = 2):
    """Processes that keep `count` cores busy until killed."""
    return [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(count)]


def kill_and_resume(corpus: Path, out: Path, expected: bytes, after_lines: int) -> tuple[bool, int]:
    """Kill a --jobs 2 run once `after_lines` records are out (0: before any), resume it;
    (same bytes as expected, records there when it was killed)."""
    process = subprocess.Popen(COMMAND + ["--jobs", "2", "--out", str(out), str(corpus)], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while process.poll() is None and (not out.exists() or out.read_bytes().count(b"\n") < after_lines):
        time.sleep(0.005)
    process.send_signal(signal.SIGKILL)
    process.wait()
    done = out.read_bytes().count(b"\n") if out.exists() else 0
    resumed = run(corpus, out, 2, "--resume")
    return resumed.returncode == 1 and out.read_bytes() == expected, done


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=4, help="copies of the hostile set (default: 4)")
    parser.add_argument("--kills", type=int, default=6, help="kill points spread over the run (default: 6)")
    args = parser.parse_args()
    import tempfile

    with tempfile.TemporaryDirectory(prefix="quotetrace-hostile-") as folder:
        folder = Path(folder)
        corpus = folder / "corpus"
        count = build(corpus, args.copies)
        print(f"corpus: {count['documents']} documents, {count['failed']} of which must fail ({args.copies} copies of the hostile set)")
        subprocess.run([sys.executable, "-c", "from quotetrace.pipeline import Engine; Engine()"], cwd=ROOT, check=True)  # fill the compiled-pack cache first
        started = time.perf_counter()
        one = run(corpus, folder / "one.jsonl", 1)
        idle_one = time.perf_counter() - started
        started = time.perf_counter()
        run(corpus, folder / "idle-two.jsonl", 2)
        idle_two = time.perf_counter() - started
        records = (folder / "one.jsonl").read_bytes()
        lines = records.count(b"\n")
        summary = one.stderr.strip().splitlines()[-1]
        print(f"idle machine: --jobs 1 {idle_one:.1f} s, --jobs 2 {idle_two:.1f} s; exit {one.returncode}, {lines} records; last line: {summary}")
        load = burners(2)
        try:
            started = time.perf_counter()
            loaded_one = run(corpus, folder / "loaded-one.jsonl", 1)
            time_one = time.perf_counter() - started
            started = time.perf_counter()
            loaded_two = run(corpus, folder / "loaded-two.jsonl", 2)
            time_two = time.perf_counter() - started
        finally:
            for process in load:
                process.kill()
        same = (folder / "loaded-one.jsonl").read_bytes() == (folder / "loaded-two.jsonl").read_bytes() == (folder / "idle-two.jsonl").read_bytes() == records
        print(f"both cores loaded by two other processes: --jobs 1 {time_one:.1f} s, --jobs 2 {time_two:.1f} s; "
              f"byte-identical to each other and to both idle runs: {same} (exit {loaded_one.returncode}, {loaded_two.returncode})")
        points = [round(lines * k / args.kills) for k in range(args.kills)]
        results = []
        for number, point in enumerate(points):
            ok, done = kill_and_resume(corpus, folder / f"killed{number}.jsonl", records, point)
            results.append(ok)
            print(f"killed after {done} of {lines} records, resumed: {'same bytes' if ok else 'DIFFERENT'}")
        ok = lines == count["documents"] and one.returncode == 1 and f"{count['failed']} of {count['documents']} documents failed" in summary and same and all(results)
        print("all checks hold" if ok else "A CHECK FAILED")
        sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
