"""`--out NAME.gz`: gzip-compressed output (quotetrace.output.compressed), deterministic,
read back by gzip, and resumable after a run cut short."""
from __future__ import annotations

import gzip

import pytest

from conftest import ROOT
from incli import quotetrace

ARTICLE = (ROOT / "examples" / "harbour.txt").read_text(encoding="utf-8")


@pytest.fixture()
def corpus(tmp_path):
    """Six documents, each a different rotation of the example article's paragraphs."""
    paragraphs = [p for p in ARTICLE.split("\n\n") if p.strip()]
    folder = tmp_path / "corpus"
    folder.mkdir()
    for number in range(6):
        turn = number % len(paragraphs)
        (folder / f"doc{number}.txt").write_text("\n\n".join(paragraphs[turn:] + paragraphs[:turn]), encoding="utf-8")
    return folder


def test_gz_output_holds_the_plain_records_in_the_same_bytes_every_run(tmp_path, corpus, capsys, monkeypatch):
    plain = quotetrace(capsys, monkeypatch, "extract", corpus)
    first, second = tmp_path / "a.jsonl.gz", tmp_path / "b.jsonl.gz"
    assert quotetrace(capsys, monkeypatch, "extract", "--out", first, corpus).code == 0
    assert quotetrace(capsys, monkeypatch, "extract", "--out", second, corpus).code == 0
    assert gzip.decompress(first.read_bytes()).decode("utf-8") == plain.out
    assert first.read_bytes() == second.read_bytes()
    header = first.read_bytes()[:10]
    assert header[3] & 0x08 == 0, "no file name in the gzip header"
    assert header[4:8] == b"\0\0\0\0", "a zero timestamp in the gzip header"
    assert len(first.read_bytes()) < len(plain.out.encode("utf-8")) / 4


@pytest.mark.parametrize("kept", [0.0, 0.3, 0.7, 0.99])
def test_resume_after_a_gz_output_cut_short_gives_the_uninterrupted_records(tmp_path, corpus, capsys, monkeypatch, kept):
    full = tmp_path / "full.jsonl.gz"
    quotetrace(capsys, monkeypatch, "extract", "--out", full, corpus)
    expected = gzip.decompress(full.read_bytes())
    out = tmp_path / "cut.jsonl.gz"
    out.write_bytes(full.read_bytes()[: int(len(full.read_bytes()) * kept)])
    resumed = quotetrace(capsys, monkeypatch, "extract", "--resume", "--out", out, corpus)
    assert resumed.code == 0, resumed.err
    assert gzip.decompress(out.read_bytes()) == expected
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".partial")] == []


def test_resume_of_a_complete_gz_output_does_nothing_more(tmp_path, corpus, capsys, monkeypatch):
    out = tmp_path / "out.jsonl.gz"
    quotetrace(capsys, monkeypatch, "extract", "--out", out, corpus)
    expected = gzip.decompress(out.read_bytes())
    resumed = quotetrace(capsys, monkeypatch, "extract", "--resume", "--out", out, corpus)
    assert "resumed: 6 documents were already done" in resumed.err
    assert gzip.decompress(out.read_bytes()) == expected


def test_a_damaged_gz_output_is_resumed_from_its_last_whole_record(tmp_path, corpus, capsys, monkeypatch):
    """Bytes that are no gzip at all after a good prefix: the records before them are kept."""
    full = tmp_path / "full.jsonl.gz"
    quotetrace(capsys, monkeypatch, "extract", "--out", full, corpus)
    out = tmp_path / "damaged.jsonl.gz"
    out.write_bytes(full.read_bytes()[: len(full.read_bytes()) // 2] + b"\xff" * 64)
    resumed = quotetrace(capsys, monkeypatch, "extract", "--resume", "--out", out, corpus)
    assert resumed.code == 0
    assert gzip.decompress(out.read_bytes()) == gzip.decompress(full.read_bytes())


def test_csv_gz_is_the_plain_csv_compressed(tmp_path, corpus, capsys, monkeypatch):
    plain = quotetrace(capsys, monkeypatch, "extract", "--format", "csv", corpus)
    out = tmp_path / "rows.csv.gz"
    assert quotetrace(capsys, monkeypatch, "extract", "--format", "csv", "--out", out, corpus).code == 0
    assert gzip.decompress(out.read_bytes()).decode("utf-8") == plain.out


@pytest.mark.parametrize("name", ["out.jsonl", "out.jsonl.gz", "brat"])
def test_resume_keeps_the_exit_status_of_failures_written_before_the_interruption(tmp_path, capsys, monkeypatch, name):
    # Exit status 1 means some documents have error records: those written before a run was
    # stopped still do, so a resumed run with nothing left to fail still exits 1.
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a-long.txt").write_text(ARTICLE, encoding="utf-8")  # past --max-tokens: an error record
    (folder / "b-short.txt").write_text("The mayor said the bridge would reopen.", encoding="utf-8")
    out = tmp_path / name
    options = ["--max-tokens", "50"] + (["--format", "brat"] if name == "brat" else [])
    first = quotetrace(capsys, monkeypatch, "extract", *options, "--out", out, folder)
    assert first.code == 1, first.err
    resumed = quotetrace(capsys, monkeypatch, "extract", *options, "--resume", "--out", out, folder)
    assert "resumed: 2 documents were already done" in resumed.err
    assert resumed.code == 1, resumed.err
