"""PolNeAR texts as JSON Lines with an outlet field, for `quotetrace sources --by outlet`.

    python benchmarks/polnear_jsonl.py ../shared/corpora/polnear/dev > dev.jsonl
    quotetrace extract --keep-fields outlet --out dev.records.jsonl dev.jsonl
    quotetrace sources dev.records.jsonl --by outlet --format html --out dev-roster.html

The outlet is the file name's prefix before the first underscore (breitbart_2016-09-12_...
-> breitbart). Writes to stdout; the corpus texts stay outside the repository.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path


def main(split: str) -> None:
    for path in sorted((Path(split) / "text").glob("*.txt")):
        record = {"id": path.stem, "outlet": path.stem.split("_", 1)[0], "text": path.read_text(encoding="utf-8")}
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
