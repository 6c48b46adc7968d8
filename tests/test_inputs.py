"""Inputs: text files, JSON Lines with chosen fields, gzip, folders with --glob, stdin; bad inputs give error records."""
import gzip
import json
import subprocess
import sys

from conftest import ROOT


def run(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "quotetrace", "extract", *args], input=stdin, capture_output=True, text=True, cwd=ROOT)


def records(result):
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_json_lines_with_chosen_text_and_id_fields(tmp_path):
    path = tmp_path / "news.jsonl"
    path.write_text(
        json.dumps({"key": "n1", "body": "Putin said the talks went well."}) + "\n\n" + json.dumps({"key": "n2", "body": "Assad said nothing."}) + "\n",
        encoding="utf-8",
    )
    found = records(run("--text-field", "body", "--id-field", "key", str(path)))
    assert [r["id"] for r in found] == ["n1", "n2"]
    assert found[0]["attributions"][0]["roles"]["source"][0]["text"] == "Putin"


def test_gzip_text_and_gzip_json_lines_in_a_folder(tmp_path):
    with gzip.open(tmp_path / "a.txt.gz", "wt", encoding="utf-8") as handle:
        handle.write("Putin said yes.")
    with gzip.open(tmp_path / "b.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "b1", "text": "Assad said no."}) + "\n")
    assert [r["id"] for r in records(run("--glob", "*.gz", str(tmp_path)))] == ["a", "b1"]


def test_bad_json_line_and_missing_field_give_error_records_and_the_run_goes_on(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text('{"id": "ok", "text": "Putin said yes."}\n{not json\n{"id": "empty"}\n[1, 2]\n', encoding="utf-8")
    result = run(str(path))
    found = records(result)
    assert [(r["id"], r["status"]) for r in found] == [("ok", "ok"), (f"{path}:2", "error"), ("empty", "error"), (f"{path}:4", "error")]
    assert "not valid JSON" in found[1]["error"] and "--text-field" in found[2]["error"]
    assert result.returncode == 1 and "3 of 4 documents failed" in result.stderr


def test_json_lines_on_stdin(tmp_path):
    found = records(run("--input-format", "jsonl", "-", stdin='{"id": "s1", "text": "Putin said yes."}\n'))
    assert [r["id"] for r in found] == ["s1"]


def test_corrupt_gzip_gives_an_error_record(tmp_path):
    (tmp_path / "broken.txt.gz").write_bytes(b"\x1f\x8b\x08\x00garbage")
    found = records(run(str(tmp_path / "broken.txt.gz")))
    assert found[0]["status"] == "error" and "cannot read" in found[0]["error"]


def test_jobs_two_gives_the_same_bytes_as_jobs_one(tmp_path):
    article = (ROOT / "examples" / "harbour.txt").read_text(encoding="utf-8")
    paragraphs = [p for p in article.split("\n\n") if p.strip()]
    for number, paragraph in enumerate(paragraphs * 3):
        (tmp_path / f"doc{number:02d}.txt").write_text(paragraph, encoding="utf-8")
    (tmp_path / "zz-broken.txt.gz").write_bytes(b"not gzip")
    one = run("--jobs", "1", "--glob", "*", str(tmp_path))
    two = run("--jobs", "2", "--glob", "*", str(tmp_path))
    assert one.stdout == two.stdout and len(one.stdout.splitlines()) == len(paragraphs) * 3 + 1
    assert one.returncode == two.returncode == 1


def _write_corpus(folder, copies):
    article = (ROOT / "examples" / "harbour.txt").read_text(encoding="utf-8")
    paragraphs = [p for p in article.split("\n\n") if p.strip()]
    folder.mkdir()
    for number in range(copies):
        # Each document a different rotation of the article, so that records differ.
        turn = number % len(paragraphs)
        (folder / f"doc{number:03d}.txt").write_text("\n\n".join(paragraphs[turn:] + paragraphs[:turn]), encoding="utf-8")


def test_resume_after_a_killed_run_gives_the_same_bytes_as_an_uninterrupted_run(tmp_path):
    import signal
    import time

    corpus = tmp_path / "corpus"
    _write_corpus(corpus, 150)
    full = tmp_path / "full.jsonl"
    assert run("--jobs", "1", "--quiet", "--out", str(full), str(corpus)).returncode == 0
    expected = full.read_bytes()

    out = tmp_path / "out.jsonl"
    command = [sys.executable, "-m", "quotetrace", "extract", "--jobs", "2", "--quiet", "--out", str(out), str(corpus)]
    process = subprocess.Popen(command, cwd=ROOT, stderr=subprocess.DEVNULL)
    while process.poll() is None and (not out.exists() or out.stat().st_size < len(expected) // 4):
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait()
    cut = out.read_bytes()
    assert 0 < len(cut) < len(expected), "the run should have been killed part way"
    assert expected.startswith(cut[: cut.rfind(b"\n") + 1])

    resumed = run("--jobs", "2", "--quiet", "--resume", "--out", str(out), str(corpus))
    assert resumed.returncode == 0, resumed.stderr
    done_before = cut.count(b"\n")
    assert f"resumed: {done_before} documents were already done" in resumed.stderr
    assert out.read_bytes() == expected


def test_resume_cuts_a_half_written_last_line_and_keeps_duplicate_ids_apart(tmp_path):
    from quotetrace.output.resume import completed_in_jsonl

    out = tmp_path / "out.jsonl"
    out.write_bytes(b'{"id": "a", "status": "ok"}\n{"id": "a", "status": "ok"}\n{"id": "b", "sta')
    done = completed_in_jsonl(out)
    assert done == {"a": 2}
    assert out.read_bytes() == b'{"id": "a", "status": "ok"}\n{"id": "a", "status": "ok"}\n'


def test_resume_with_brat_output_skips_documents_whose_ann_file_exists(tmp_path):
    corpus = tmp_path / "corpus"
    _write_corpus(corpus, 3)
    out = tmp_path / "ann"
    assert run("--format", "brat", "--out", str(out), str(corpus)).returncode == 0
    first = (out / "doc001.ann").read_text(encoding="utf-8")
    (out / "doc001.ann").unlink()
    resumed = run("--format", "brat", "--resume", "--out", str(out), str(corpus))
    assert "resumed: 2 documents were already done" in resumed.stderr
    assert (out / "doc001.ann").read_text(encoding="utf-8") == first
    assert sorted(p.name for p in out.iterdir()) == ["annotation.conf", "doc000.ann", "doc000.txt", "doc001.ann", "doc001.txt", "doc002.ann", "doc002.txt", "index.jsonl"]


def test_resume_without_an_output_file_is_a_clear_error():
    result = run("--resume", "examples/harbour.txt")
    assert result.returncode == 2 and "--resume needs" in result.stderr


def test_worker_pool_in_a_library_leaves_the_collector_as_it_found_it(engine):
    # extract_all freezes the engine's objects before forking its workers (so that the
    # workers' collections do not copy the pages they share with the parent) and must unfreeze
    # them afterwards: a program calling it again and again would otherwise keep every object
    # of every run out of the collector's reach.
    import gc

    from quotetrace.inputs import SourceDocument
    from quotetrace.parallel import extract_all

    texts = ["Ruiz said the bridge would open.", "Ortiz said it would not.", "The mayor declined to comment."]
    sources = [SourceDocument(f"d{i}", text) for i, text in enumerate(texts)]
    frozen = gc.get_freeze_count()
    found = list(extract_all(engine, sources, jobs=2))
    assert [r["id"] for r in found] == ["d0", "d1", "d2"] and found[0]["attributions"]
    assert gc.get_freeze_count() == frozen
