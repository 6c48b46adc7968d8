"""Issue 23, case 4: sizes are checked while reading, so memory stays bounded by the limit
whatever the file (a gzip bomb is an error record, and the next file is read)."""
import gzip
import json
import tracemalloc
import zlib

from incli import quotetrace
from quotetrace.inputs import InputOptions, read_documents

MB = 1 << 20
NEWS = "Mayor Ann Lee said the ferry would sail at noon."


def _gzip_of(path, pieces):
    """A gzip file of the pieces (bytes), written without holding them all in memory."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    with open(path, "wb") as handle:
        for piece in pieces:
            handle.write(packer.compress(piece))
        handle.write(packer.flush())
    return path


def _peak_while_reading(paths, **options):
    tracemalloc.start()
    try:
        documents = [(d.id, d.error, len(d.text or "")) for d in read_documents([str(p) for p in paths], InputOptions(**options))]
        return documents, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_gzip_bomb_costs_the_limit_not_its_size_and_the_next_file_is_read(tmp_path):
    bomb = _gzip_of(tmp_path / "bomb.txt.gz", (b"a" * MB for _ in range(256)))  # 256 MB in about 250 KB
    after = tmp_path / "after.txt"
    after.write_text(NEWS, encoding="utf-8")
    assert bomb.stat().st_size < 2 * MB
    documents, peak = _peak_while_reading([bomb, after], max_doc_bytes=MB)
    assert [(doc_id, length) for doc_id, _, length in documents] == [("bomb", 0), ("after", len(NEWS))]
    assert "over the limit of 1048576 bytes (--max-doc-bytes); it was not read further" in documents[0][1]
    assert peak < 8 * MB, f"peak {peak / MB:.1f} MB while reading a 256 MB bomb with a 1 MB limit"


def test_a_json_line_past_its_limit_is_skipped_in_bounded_memory_and_reading_goes_on(tmp_path):
    line = b'{"id": "huge", "text": "' + b"word " * (4 * MB) + b'"}\n'  # 20 MB on one line
    source = _gzip_of(tmp_path / "news.jsonl.gz", [json.dumps({"id": "first", "text": NEWS}).encode() + b"\n", line,
                                                   json.dumps({"id": "last", "text": NEWS}).encode() + b"\n"])
    del line
    documents, peak = _peak_while_reading([source], max_doc_bytes=MB // 4)  # a JSON line may take 6 x 256 KB + 1 MB = 2.5 MB
    assert [doc_id for doc_id, _, _ in documents] == ["first", f"{source}:2", "last"]
    assert "the JSON line is over the limit of" in documents[1][1]
    assert peak < 15 * MB


def test_the_line_limit_admits_every_text_within_the_document_limit():
    from quotetrace.input_limits import line_limit

    # Escaped, no character takes more than six bytes (\u0001; an astral one is 12 for 2 x 4).
    text = "\x01é中😀" * 1000
    line = json.dumps({"id": "x", "text": text}).encode()
    assert len(text.encode("utf-8")) <= 10_000 and len(line) <= line_limit(10_000)


def test_compressed_data_that_never_ends_a_document_is_an_error_record(tmp_path):
    # Empty gzip members decompress to nothing: reading them costs time, not memory.
    member = gzip.compress(b"")
    path = tmp_path / "members.txt.gz"
    with open(path, "wb") as handle:
        handle.write(gzip.compress(b"Mayor Ann Lee "))
        handle.write(member * 120_000)  # 2.4 MB, past the 2.1 MB a 1,000-byte document may take
    documents, _ = _peak_while_reading([path], max_doc_bytes=1000)
    assert len(documents) == 1 and "more compressed data than one document may take" in documents[0][1]


def test_oversized_stdin_is_an_error_record(capsys, monkeypatch):
    run = quotetrace(capsys, monkeypatch, "extract", "--max-doc-bytes", "100", "-", stdin=NEWS * 10)
    assert run.code == 1 and run.records()[0]["error"] == "stdin: document is over the limit of 100 bytes (--max-doc-bytes); it was not read further. Raise the limit or split the document"


def test_bomb_in_a_folder_from_the_command_line(tmp_path, capsys, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _gzip_of(corpus / "a-bomb.txt.gz", (b"a" * MB for _ in range(64)))
    (corpus / "b-story.txt").write_text(NEWS, encoding="utf-8")
    run = quotetrace(capsys, monkeypatch, "extract", "--glob", "*", "--max-doc-bytes", MB, corpus)
    assert run.code == 1 and [(r["id"], r["status"]) for r in run.records()] == [("a-bomb", "error"), ("b-story", "ok")]
    assert "1 of 2 documents failed" in run.err
