"""Size and build time of the HTML report (`quotetrace extract --format html`) for a corpus.

Runs the command as a user would (--jobs 1 unless told, the compiled-pack cache warm),
then the extraction alone (`--format jsonl`), so that the report's own share shows, and
prints the files and their sizes. Times are CPU seconds of the command (user + system, from
getrusage), the least of --rounds runs, so that other work on the machine does not count.
Texts: the folders given on the command line, else ../shared/corpora/polnear/dev/text and
../shared/corpora/polnear/train/text (never copied into the repository).

    python benchmarks/report_size.py [FOLDER ...] [--jobs N] [--rounds N]
"""
from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POLNEAR = ROOT.parent / "shared" / "corpora" / "polnear"


def timed(arguments, rounds: int = 1) -> float:
    best = None
    for _ in range(rounds):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run([sys.executable, "-m", "quotetrace", *arguments], check=True, cwd=ROOT)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        best = used if best is None else min(best, used)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=3, help="runs of each command; the least CPU time is kept")
    args = parser.parse_args()
    folders = args.folders or [p for p in (POLNEAR / "dev" / "text", POLNEAR / "train" / "text") if p.is_dir()]
    if not folders:
        raise SystemExit("no corpus: give a folder of .txt files")
    timed(["check"])  # fills the compiled-pack cache, so that no run below compiles
    for folder in folders:
        texts = sorted(folder.glob("*.txt"))
        size = sum(p.stat().st_size for p in texts)
        with tempfile.TemporaryDirectory() as out:
            common = ["extract", "--quiet", "--jobs", str(args.jobs), str(folder)]
            records = timed([*common, "--out", os.path.join(out, "records.jsonl")], args.rounds)
            report = timed([*common, "--format", "html", "--out", os.path.join(out, "report.html")], args.rounds)
            pages = sorted(Path(out).glob("report*.html"), key=lambda p: (len(p.name), p.name))
            total = sum(p.stat().st_size for p in pages)
            print(f"{folder}: {len(texts)} documents, {size / 1e6:.2f} MB of text")
            print(f"  CPU: extract to JSON Lines {records:6.2f} s;  to an HTML report {report:6.2f} s (the report's share {report - records:5.2f} s)")
            print(f"  {len(pages)} files, {total / 1e6:.2f} MB in all ({total / size:.1f} x the text):")
            for page in pages:
                print(f"    {page.name:16s} {page.stat().st_size / 1e6:6.2f} MB")


if __name__ == "__main__":
    main()
