"""Issue 23, cases 1 and 8: a record for every document whatever its text, id or kept fields,
in every format, and text output that cannot act on the reader's terminal."""
import json

import pytest

from conftest import spans_slice_back
from incli import quotetrace

# Valid JSON that Python reads into lone surrogates: half an emoji, as scrapers cut them.
HOSTILE_LINES = (
    '{"id": "half-emoji", "text": "Mayor Ann Lee said the ferry \\ud83d would sail.", "outlet": "Bay \\udc00 Ledger"}\n'
    '{"id": "id-\\ud800", "text": "Harbor pilot Ana Ruiz said the tide was low."}\n'
    '{"id": "after", "text": "The union said the strike would end on Friday."}\n'
)


@pytest.mark.parametrize("form", ["jsonl", "text", "csv", "tsv"])
def test_lone_surrogates_in_text_id_and_fields_give_one_record_each_in_every_format(tmp_path, capsys, monkeypatch, form):
    source = tmp_path / "scraped.jsonl"
    source.write_text(HOSTILE_LINES, encoding="utf-8")
    out = tmp_path / f"out.{form}"
    run = quotetrace(capsys, monkeypatch, "extract", "--format", form, "--keep-fields", "outlet", "--out", out, source)
    assert run.code == 0, run.err
    written = out.read_text(encoding="utf-8")
    assert "\ufffd" in written and "after" in written
    if form == "jsonl":
        records = [json.loads(line) for line in written.splitlines()]
        assert [r["id"] for r in records] == ["half-emoji", "id-\ufffd", "after"]
        assert records[0]["meta"] == {"outlet": "Bay \ufffd Ledger"}
        assert any("surrogate" in note for note in records[0]["notes"]) and any("outlet" in note for note in records[0]["notes"])
        assert any("document id held lone surrogate" in note for note in records[1]["notes"])
        text = json.loads(HOSTILE_LINES.splitlines()[0])["text"].replace("\ud83d", "\ufffd")
        assert spans_slice_back(records[0], text) > 0  # offsets unchanged: one code point for one


def test_brat_output_of_surrogate_ids_and_texts(tmp_path, capsys, monkeypatch):
    source = tmp_path / "scraped.jsonl"
    source.write_text(HOSTILE_LINES, encoding="utf-8")
    out = tmp_path / "brat"
    run = quotetrace(capsys, monkeypatch, "extract", "--format", "brat", "--out", out, source)
    assert run.code == 0, run.err
    index = [json.loads(line) for line in (out / "index.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [entry["id"] for entry in index] == ["half-emoji", "id-\ufffd", "after"]
    assert (out / "half-emoji.txt").read_text(encoding="utf-8") == "Mayor Ann Lee said the ferry \ufffd would sail."


def test_resume_completes_a_run_over_surrogate_ids(tmp_path, capsys, monkeypatch):
    # The record says "id-\ufffd" where the input says "id-\ud800": resuming must still know
    # that document is done, or the run could never finish without duplicating it.
    source = tmp_path / "scraped.jsonl"
    source.write_text(HOSTILE_LINES, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert quotetrace(capsys, monkeypatch, "extract", "--out", out, source).code == 0
    whole = out.read_bytes()
    lines = whole.splitlines(keepends=True)
    out.write_bytes(lines[0] + lines[1] + lines[2][:30])  # killed while writing the third record
    run = quotetrace(capsys, monkeypatch, "extract", "--resume", "--out", out, source)
    assert run.code == 0 and "resumed: 2 documents" in run.err
    assert out.read_bytes() == whole


def test_surrogates_in_an_error_record_and_in_a_file_name(tmp_path, capsys, monkeypatch):
    # A file name that is not UTF-8 reaches Python with surrogates (PEP 383).
    folder = tmp_path / "in"
    folder.mkdir()
    name = bytes(folder) + b"/caf\xe9.txt"
    with open(name, "wb") as handle:
        handle.write(b"Mayor Ann Lee said the ferry would sail.")
    (folder / "missing.txt").symlink_to(tmp_path / "gone")
    run = quotetrace(capsys, monkeypatch, "extract", folder)
    records = run.records()
    assert [r["id"] for r in records] == ["caf\ufffd", "missing"]
    assert records[0]["status"] == "ok" and "document id held lone surrogate" in records[0]["notes"][0]
    assert records[1]["status"] == "error"


def test_clean_fields_leaves_clean_values_alone():
    from quotetrace.output.surrogates import clean_fields

    meta = {"outlet": "Harbor Times", "tags": ["a", {"k": 1}]}
    assert clean_fields("a1", meta, ["kept"]) == ("a1", meta, ["kept"])
    doc_id, cleaned, notes = clean_fields("x", {"tags": ["\udcff"]}, [])
    assert cleaned == {"tags": ["\ufffd"]} and notes == ["kept field tags held lone surrogate code points (not valid Unicode); each was replaced with U+FFFD"]


def test_text_format_escapes_terminal_control_sequences_and_shows_notes_and_errors(tmp_path, capsys, monkeypatch):
    text = "Mayor Ann Lee said the \x1b[2J\x1b]0 owned\x07 ferry would \u202esail."
    line = json.dumps({"id": "a\x1b[31m\nfake line", "text": text, "outlet": "\x9b1m"})
    run = quotetrace(capsys, monkeypatch, "extract", "--format", "text", "--keep-fields", "outlet", "--input-format", "jsonl", "-", stdin=line + "\n")
    assert run.code == 0
    assert not any(ch in run.out for ch in "\x1b\x07\x9b\u202e")
    shown = run.out.splitlines()
    assert shown[0] == "a\\x1b[31m\\x0afake line meta: outlet=\\x9b1m"
    assert "content=[the \\x1b[2J\\x1b]0 owned\\x07 ferry would \\u202esail]" in shown[1]
    assert all(row.startswith("a\\x1b[31m\\x0afake line") for row in shown)  # the id cannot fake a line


def test_text_format_shows_a_records_notes_and_rule_errors():
    from quotetrace.output.writers import to_text

    record = {"id": "d", "status": "ok", "attributions": [], "actors": [],
              "notes": ["input is not valid UTF-8"], "errors": [{"rule": "attr.slow", "error": "rule ran past its time limit"}]}
    assert to_text(record).splitlines() == ["d: no attributions", "d: note: input is not valid UTF-8", "d: error in rule attr.slow: rule ran past its time limit"]


def test_a_fault_of_the_engine_on_one_document_is_that_documents_error_record(engine, monkeypatch):
    import quotetrace.assembly

    def broken(*args, **kwargs):
        raise ValueError("a rule met a case nobody foresaw")

    monkeypatch.setattr(quotetrace.assembly, "build_actors", broken)
    record = engine.record("Mayor Ann Lee said the ferry would sail.", "odd")
    assert record["status"] == "error"
    assert record["error"] == "the engine failed on this document (ValueError: a rule met a case nobody foresaw); please report it with the document"


def test_a_kept_integer_past_64_bits_is_written_as_it_was(tmp_path, capsys, monkeypatch):
    # Valid JSON that Python reads as an int, and that orjson refuses (found by test_cli_properties).
    line = '{"id": "n1", "text": "Mayor Ann Lee said the ferry would sail.", "outlet": 123456789012345678901234567890}\n'
    run = quotetrace(capsys, monkeypatch, "extract", "--keep-fields", "outlet", "--input-format", "jsonl", "-", stdin=line)
    assert run.code == 0 and run.records()[0]["meta"] == {"outlet": 123456789012345678901234567890}
    run = quotetrace(capsys, monkeypatch, "extract", "--format", "csv", "--keep-fields", "outlet", "--input-format", "jsonl", "-", stdin=line)
    assert run.code == 0 and run.out.splitlines()[1].startswith("n1,123456789012345678901234567890,")
