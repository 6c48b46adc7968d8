"""Size of the JSON Lines output against the size of its input, for each trace form, plain
and gzip-compressed as `--out NAME.jsonl.gz` writes it.

Every document is extracted once; its record is then written in the three forms (`full`,
`compact`, `none`) from the same analysis, and the compact record is expanded back to the
full one and compared byte for byte, so the figure for `compact` comes with the proof that
it loses nothing. Texts: a folder given on the command line, else
../shared/corpora/polnear/train/text, else the examples/ folder.

    python benchmarks/record_size.py [FOLDER] [--limit N]
"""
from __future__ import annotations

import argparse
import sys
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import load_texts  # noqa: E402

from quotetrace.output.compressed import COMPRESSION_LEVEL  # noqa: E402
from quotetrace.output.record import TRACE_FORMS, document_record, expand_traces  # noqa: E402
from quotetrace.output.writers import to_json_line  # noqa: E402
from quotetrace.pipeline import Engine  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path)
    parser.add_argument("--limit", type=int, default=0, help="only the first N texts")
    args = parser.parse_args()
    texts, where = load_texts(args.folder)
    if args.limit:
        texts = texts[: args.limit]
    engine = Engine()
    input_bytes = sum(len(text.encode("utf-8")) for text in texts)
    output_bytes = dict.fromkeys(TRACE_FORMS, 0)
    # One deflate stream per form over the whole output, as the gzip writer compresses it.
    packers = {form: zlib.compressobj(COMPRESSION_LEVEL, zlib.DEFLATED, 31) for form in TRACE_FORMS}
    packed_bytes = dict.fromkeys(TRACE_FORMS, 0)
    for number, text in enumerate(texts):
        analysis = engine.analyse(text, str(number))
        records = {form: document_record(analysis.doc, analysis.actors, analysis.attributions, engine.pack, analysis.errors, form, profiles=analysis.profiles)
                   for form in TRACE_FORMS}
        lines = {form: to_json_line(record) for form, record in records.items()}
        if to_json_line(expand_traces(records["compact"], text, engine.pack)) != lines["full"]:
            raise SystemExit(f"text {number}: the compact record does not expand to the full one")
        for form, line in lines.items():
            data = line.encode("utf-8")
            output_bytes[form] += len(data)
            packed_bytes[form] += len(packers[form].compress(data))
    for form, packer in packers.items():
        packed_bytes[form] += len(packer.flush())
    print(f"{len(texts)} texts from {where}: {input_bytes / 1e6:.2f} MB of input (UTF-8)")
    for form in TRACE_FORMS:
        print(f"--trace {form:8s} {output_bytes[form] / 1e6:8.2f} MB   {output_bytes[form] / input_bytes:5.2f} x the input"
              f"   gzip: {packed_bytes[form] / 1e6:6.2f} MB   {packed_bytes[form] / input_bytes:5.2f} x")
    print("every compact record expanded to its full record byte for byte")


if __name__ == "__main__":
    main()
