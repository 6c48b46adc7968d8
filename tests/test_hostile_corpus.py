"""Issue 23, "done when": a run over a corpus mixing every hostile case ends with one record
per document, exit status 1 and a summary line saying how many failed; `--jobs 1` and
`--jobs 2` give the same bytes while two other processes load both cores; and a run killed
part way is completed by --resume to the same bytes. benchmarks/hostile_corpus.py runs
the same on a larger corpus with more kill points and prints the figures."""
import json
import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from hostile_corpus import build, burners, kill_and_resume, run  # noqa: E402


def test_hostile_corpus_one_record_each_same_bytes_under_load_and_after_kills(tmp_path):
    corpus = tmp_path / "corpus"
    count = build(corpus)
    load = burners(2)
    try:
        one = run(corpus, tmp_path / "one.jsonl", 1)
        two = run(corpus, tmp_path / "two.jsonl", 2)
    finally:
        for process in load:
            process.kill()
    records = (tmp_path / "one.jsonl").read_bytes()
    assert records == (tmp_path / "two.jsonl").read_bytes()
    found = [json.loads(line) for line in records.split(b"\n")[:-1]]
    assert len(found) == count["documents"] and sum(r["status"] == "error" for r in found) == count["failed"]
    assert one.returncode == two.returncode == 1
    assert one.stderr.splitlines()[-1] == f"quotetrace: {count['failed']} of {count['documents']} documents failed; their records carry the error"
    assert "Traceback" not in one.stderr + two.stderr
    for point in (0, len(found) // 2):
        same, _ = kill_and_resume(corpus, tmp_path / f"killed-at-{point}.jsonl", records, point)
        assert same, f"killed after {point} records, the resumed output differs"
