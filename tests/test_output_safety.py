"""Issue 23, cases 2 and 8: the output never touches the inputs, and a failure to write or an
interruption ends with one line and a documented exit status, never a traceback."""
import errno
import json
import os
import signal
import subprocess
import sys
import time

import pytest

from conftest import ROOT
from incli import quotetrace

NEWS = "Mayor Ann Lee said the ferry would sail at noon."


def _corpus(folder, count=3):
    folder.mkdir()
    for number in range(count):
        (folder / f"story{number}.txt").write_text(f"Harbor pilot Ana Ruiz said berth {number} was closed.", encoding="utf-8")
    return folder


def test_out_that_is_the_input_is_refused_before_it_is_opened(tmp_path, capsys, monkeypatch):
    same = tmp_path / "same.jsonl"
    same.write_text(json.dumps({"id": "n1", "text": NEWS}) + "\n", encoding="utf-8")
    before = same.read_bytes()
    run = quotetrace(capsys, monkeypatch, "extract", "--out", same, same)
    assert run.code == 2 and run.err == f"quotetrace: error: --out {same} is one of the inputs: writing it would destroy it; give another path\n"
    assert same.read_bytes() == before


@pytest.mark.parametrize("how", ["symlink", "hard link", "dot-dot path"])
def test_out_that_resolves_to_the_input_is_refused(tmp_path, capsys, monkeypatch, how):
    source = tmp_path / "news.jsonl"
    source.write_text(json.dumps({"id": "n1", "text": NEWS}) + "\n", encoding="utf-8")
    before = source.read_bytes()
    (tmp_path / "sub").mkdir()
    out = tmp_path / "other.jsonl"
    if how == "symlink":
        out.symlink_to(source)
    elif how == "hard link":
        os.link(source, out)
    else:
        out = tmp_path / "sub" / ".." / "news.jsonl"
    run = quotetrace(capsys, monkeypatch, "extract", "--out", out, source)
    assert run.code == 2 and "is one of the inputs" in run.err
    assert source.read_bytes() == before


def test_out_inside_an_input_folder_is_refused(tmp_path, capsys, monkeypatch):
    corpus = _corpus(tmp_path / "corpus")
    for out, form in ((corpus / "records.jsonl", "jsonl"), (corpus / "brat", "brat")):
        run = quotetrace(capsys, monkeypatch, "extract", "--format", form, "--out", out, corpus)
        assert run.code == 2 and f"lies inside the input folder {corpus}" in run.err
        assert not out.exists()
    assert sorted(p.name for p in corpus.iterdir()) == ["story0.txt", "story1.txt", "story2.txt"]


def test_brat_folder_holding_an_input_or_foreign_files_is_refused(tmp_path, capsys, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    own = out / "notes.txt"
    own.write_text(NEWS, encoding="utf-8")
    run = quotetrace(capsys, monkeypatch, "extract", "--format", "brat", "--out", out, own)
    assert run.code == 2 and f"holds the input {own}" in run.err
    run = quotetrace(capsys, monkeypatch, "extract", "--format", "brat", "--out", out, "-", stdin=NEWS)
    assert run.code == 3 and "already holds files that quotetrace did not write (notes.txt)" in run.err
    assert own.read_text(encoding="utf-8") == NEWS and sorted(p.name for p in out.iterdir()) == ["notes.txt"]


def test_full_disk_is_one_line_and_exit_status_3(tmp_path, capsys, monkeypatch):
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    corpus = _corpus(tmp_path / "corpus")
    run = quotetrace(capsys, monkeypatch, "extract", "--out", "/dev/full", corpus)
    assert run.code == 3
    assert run.err == "quotetrace: error: cannot write /dev/full: No space left on device; free some space and run again with --resume: the records written are complete\n"


def test_full_standard_output_is_one_line_without_python_complaints(tmp_path):
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "quotetrace", "extract", "examples/harbour.txt"], stdout=full, stderr=subprocess.PIPE, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 3
    assert result.stderr == "quotetrace: error: cannot write standard output: No space left on device; free some space and run again\n"


def test_disk_filling_up_mid_run_stops_with_complete_records_and_resume_finishes(tmp_path, capsys, monkeypatch):
    from quotetrace.output.writers.jsonl import JsonLinesWriter

    corpus = _corpus(tmp_path / "corpus", 5)
    expected = tmp_path / "expected.jsonl"
    assert quotetrace(capsys, monkeypatch, "extract", "--out", expected, corpus).code == 0
    out = tmp_path / "out.jsonl"
    write = JsonLinesWriter.write
    calls = []

    def fill_up(self, record):
        calls.append(record["id"])
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        write(self, record)

    monkeypatch.setattr(JsonLinesWriter, "write", fill_up)
    run = quotetrace(capsys, monkeypatch, "extract", "--out", out, corpus)
    assert run.code == 3 and run.err.count("\n") == 1 and "No space left on device" in run.err
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2
    monkeypatch.setattr(JsonLinesWriter, "write", write)
    run = quotetrace(capsys, monkeypatch, "extract", "--resume", "--out", out, corpus)
    assert run.code == 0 and out.read_bytes() == expected.read_bytes()


@pytest.mark.parametrize("form", ["jsonl", "brat", "csv"])
def test_unwritable_out_is_one_line(tmp_path, capsys, monkeypatch, form):
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    out = blocker / "out"  # under a file: no user, root included, can create it
    run = quotetrace(capsys, monkeypatch, "extract", "--format", form, "--out", out, "-", stdin=NEWS)
    assert run.code == 3 and run.err.startswith(f"quotetrace: error: cannot write {out}: Not a directory;") and run.err.count("\n") == 1


def test_permission_denied_says_so(tmp_path, capsys, monkeypatch):
    import builtins

    real_open = builtins.open
    out = tmp_path / "records.jsonl"

    def denied(file, *args, **kwargs):
        if str(file) == str(out):
            raise PermissionError(errno.EACCES, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", denied)
    run = quotetrace(capsys, monkeypatch, "extract", "--out", out, "-", stdin=NEWS)
    assert run.code == 3 and run.err == f"quotetrace: error: cannot write {out}: Permission denied; choose a place you may write to\n"


def test_ctrl_c_with_two_workers_is_one_line_and_resume_finishes(tmp_path):
    # Ctrl-C signals the whole foreground process group: the parent and its workers.
    article = (ROOT / "examples" / "harbour.txt").read_text(encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for number in range(120):
        (corpus / f"doc{number:03d}.txt").write_text(article, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    command = [sys.executable, "-m", "quotetrace", "extract", "--jobs", "2", "--out", str(out), str(corpus)]
    process = subprocess.Popen(command, cwd=ROOT, stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 120
    while process.poll() is None and (not out.exists() or out.stat().st_size < 20000) and time.monotonic() < deadline:
        time.sleep(0.02)
    os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr
    assert stderr.count("\n") == 1 and "interrupted;" in stderr and "--resume" in stderr
    resumed = subprocess.run(command + ["--resume"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == [f"doc{number:03d}" for number in range(120)]


def test_out_that_is_the_file_on_stdin_is_refused(tmp_path):
    source = tmp_path / "news.jsonl"
    source.write_text(json.dumps({"id": "n1", "text": NEWS}) + "\n", encoding="utf-8")
    before = source.read_bytes()
    with open(source, "rb") as stdin:
        result = subprocess.run([sys.executable, "-m", "quotetrace", "extract", "--out", str(source)], stdin=stdin, capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 2 and "is one of the inputs" in result.stderr
    assert source.read_bytes() == before
