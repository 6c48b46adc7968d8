"""Issue 23, case 6: no document vanishes without a record, and a run that would read nothing
says so and fails, instead of doing nothing and exiting 0."""
import json
import os

import pytest

from incli import quotetrace

NEWS = "Mayor Ann Lee said the ferry would sail at noon."


def _folder(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "a.txt").write_text(NEWS, encoding="utf-8")
    (corpus / "sub" / "c.txt").write_text(NEWS, encoding="utf-8")
    return corpus


def test_dangling_links_pipes_and_devices_in_a_folder_get_error_records_without_a_hang(tmp_path, capsys, monkeypatch):
    corpus = _folder(tmp_path)
    (corpus / "b-dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    os.mkfifo(corpus / "b-pipe.txt")  # opening it would wait for a writer for ever
    (corpus / "b-device.txt").symlink_to("/dev/null")
    (corpus / "loop.txt").symlink_to(corpus / "loop.txt")
    (corpus / "not-matching.bin").symlink_to(tmp_path / "nowhere.bin")  # --glob does not ask for it
    run = quotetrace(capsys, monkeypatch, "extract", corpus)
    records = run.records()
    assert [(r["id"], r["status"]) for r in records] == [
        ("a", "ok"), ("b-dangling", "error"), ("b-device", "error"), ("b-pipe", "error"), ("loop", "error"), ("sub/c", "ok")]
    errors = {r["id"]: r["error"] for r in records if r["status"] == "error"}
    assert "dangling symbolic link" in errors["b-dangling"] and "a named pipe (FIFO)" in errors["b-pipe"]
    assert "a device" in errors["b-device"] and "Too many levels of symbolic links" in errors["loop"]
    assert run.code == 1 and "4 of 6 documents failed" in run.err


def test_a_folder_that_cannot_be_listed_gets_an_error_record(tmp_path, capsys, monkeypatch):
    # Tests run as root here, for whom no permission bit stops a read: the refusal is injected.
    corpus = _folder(tmp_path)
    real_scandir = os.scandir

    def refuse(path):
        if os.fspath(path).endswith("sub"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)
    records = quotetrace(capsys, monkeypatch, "extract", corpus).records()
    assert [(r["id"], r["status"]) for r in records] == [("a", "ok"), ("sub", "error")]
    assert records[1]["error"] == f"{corpus / 'sub'}: cannot list this folder (Permission denied)"


def test_an_unreadable_file_gets_an_error_record(tmp_path, capsys, monkeypatch):
    corpus = _folder(tmp_path)
    real_open = os.open

    def refuse(path, *args, **kwargs):
        if os.fspath(path).endswith("a.txt"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    records = quotetrace(capsys, monkeypatch, "extract", corpus).records()
    assert [(r["id"], r["status"]) for r in records] == [("a", "error"), ("sub/c", "ok")]
    assert records[0]["error"].endswith("a.txt: cannot read (Permission denied)")


def test_a_glob_that_matches_nothing_is_an_error(tmp_path, capsys, monkeypatch):
    corpus = _folder(tmp_path)
    out = tmp_path / "out.jsonl"
    run = quotetrace(capsys, monkeypatch, "extract", "--glob", "*.jsonl", "--out", out, corpus)
    assert run.code == 2 and run.err == f"quotetrace: error: {corpus}: no file matches --glob '*.jsonl' (choose the files with --glob, e.g. --glob '*.jsonl')\n"
    assert not out.exists()


def test_empty_stdin_is_an_error(capsys, monkeypatch):
    run = quotetrace(capsys, monkeypatch, "extract", stdin="")
    assert run.code == 2 and run.out == "" and run.err == "quotetrace: error: nothing on stdin: give files or folders, or pipe text in\n"


def test_an_input_without_documents_is_reported_and_fails(tmp_path, capsys, monkeypatch):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n\n", encoding="utf-8")
    story = tmp_path / "story.txt"
    story.write_text(NEWS, encoding="utf-8")
    run = quotetrace(capsys, monkeypatch, "extract", empty, story)
    assert run.code == 1 and [r["id"] for r in run.records()] == ["story"]
    assert run.err == f"quotetrace: error: {empty}: holds no documents\n"


def test_an_empty_text_file_is_a_document(tmp_path, capsys, monkeypatch):
    (tmp_path / "blank.txt").write_text("", encoding="utf-8")
    run = quotetrace(capsys, monkeypatch, "extract", tmp_path / "blank.txt")
    assert run.code == 0 and [(r["id"], r["status"], r["length"]) for r in run.records()] == [("blank", "ok", 0)]


@pytest.mark.parametrize("lead", ["", "\n\n", "\ufeff"])
def test_json_lines_on_stdin_are_recognised(capsys, monkeypatch, lead):
    lines = "".join(json.dumps({"id": f"n{i}", "text": NEWS}) + "\n" for i in range(3))
    run = quotetrace(capsys, monkeypatch, "extract", stdin=lead + lines)
    assert run.code == 0 and [r["id"] for r in run.records()] == ["n0", "n1", "n2"]
    assert run.err == "quotetrace: note: stdin holds JSON Lines: one document per line (--input-format text reads it as one text)\n"


def test_text_on_stdin_that_opens_with_a_brace_is_still_text(capsys, monkeypatch):
    text = "{Draft} Mayor Ann Lee said the ferry would sail.\n"
    run = quotetrace(capsys, monkeypatch, "extract", stdin=text)
    assert run.code == 0 and [r["id"] for r in run.records()] == ["stdin"] and run.err == ""
    run = quotetrace(capsys, monkeypatch, "extract", "--input-format", "text", stdin=json.dumps({"id": "n", "text": NEWS}) + "\n")
    assert [r["id"] for r in run.records()] == ["stdin"]
