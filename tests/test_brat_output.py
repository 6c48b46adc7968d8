"""Issue 23, case 3: brat output stays inside --out whatever the ids, keeps every document
apart, and is a folder brat opens as it is (a .txt beside each .ann, annotation.conf)."""
import json
import os
import signal
import subprocess
import sys
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT
from incli import quotetrace
from quotetrace.evaluation.brat import parse_ann


def _jsonl(path, documents):
    path.write_text("".join(json.dumps({"id": doc_id, "text": text}) + "\n" for doc_id, text in documents), encoding="utf-8")
    return path


def _files(folder):
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def test_hostile_ids_stay_inside_out(tmp_path, capsys, monkeypatch):
    ids = ["./../../../ESCAPED", "/etc/passwd", "http://example.org/news/2024/story-1", "..", ".", "", "a\\b", "C:\\evil", "con", "NUL.txt",
           "line\nbreak", "tab\there", "x" * 400]
    source = _jsonl(tmp_path / "in.jsonl", [(doc_id, f"Harbor pilot Ana Ruiz said berth {n} was closed.") for n, doc_id in enumerate(ids)])
    work = tmp_path / "a" / "b" / "c"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    run = quotetrace(capsys, monkeypatch, "extract", "--format", "brat", "--out", "out", source)
    assert run.code == 0, run.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "in.jsonl"]
    assert _files(tmp_path / "a") == ["b", "b/c", "b/c/out"] + [f"b/c/out/{name}" for name in _files(work / "out")]
    index = [json.loads(line) for line in (work / "out" / "index.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [entry["id"] for entry in index] == ids
    names = [entry["name"] for entry in index]
    assert len({name.casefold() for name in names}) == len(ids)
    assert names[:10] == ["ESCAPED", "etc_passwd", "http_example.org_news_2024_story-1", "doc", "doc-2", "doc-3", "a_b", "C_evil", "_con", "_NUL.txt"]
    assert names[10:12] == ["line_break", "tab_here"] and names[12] == "x" * 90 + "-" + names[12][-8:]
    for entry in index:
        assert (work / "out" / f"{entry['name']}.ann").is_file() and (work / "out" / f"{entry['name']}.txt").is_file()


def test_same_id_and_same_file_name_in_two_folders_keep_apart(tmp_path, capsys, monkeypatch):
    corpus = tmp_path / "corpus"
    for folder, text in (("a", "Mayor Ann Lee said the ferry would sail."), ("b", "Harbor pilot Ana Ruiz said the tide was low.")):
        (corpus / folder).mkdir(parents=True)
        (corpus / folder / "story.txt").write_text(text, encoding="utf-8")
    dupes = _jsonl(tmp_path / "dupes.jsonl", [("story", "The union said the strike would end."), ("Story", "The port said nothing.")])
    out = tmp_path / "out"
    run = quotetrace(capsys, monkeypatch, "extract", "--format", "brat", "--out", out, corpus, dupes)
    assert run.code == 0, run.err
    index = [json.loads(line) for line in (out / "index.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(e["id"], e["name"]) for e in index] == [("a/story", "a_story"), ("b/story", "b_story"), ("story", "story"), ("Story", "Story-2")]
    assert (out / "Story-2.txt").read_text(encoding="utf-8") == "The port said nothing."
    records = quotetrace(capsys, monkeypatch, "extract", corpus).records()
    assert [r["id"] for r in records] == ["a/story", "b/story"]


def test_brat_folder_opens_as_it_is(tmp_path, capsys, monkeypatch):
    text = "“We are ready,” the fire chief told the council.\n\nMayor Ann Lee said the bridge would reopen in May, the Harbor Times reported."
    out = tmp_path / "out"
    run = quotetrace(capsys, monkeypatch, "extract", "--format", "brat", "--out", out, "-", stdin=text)
    assert run.code == 0
    assert (out / "stdin.txt").read_text(encoding="utf-8") == text
    conf = (out / "annotation.conf").read_text(encoding="utf-8")
    assert "[entities]" in conf and "Attribution\tSource?:Source, Cue?:Cue, Content?:Content, Addressee?:Addressee, Medium?:Medium" in conf
    ann = (out / "stdin.ann").read_text(encoding="utf-8")
    spans = {}
    for line in ann.splitlines():
        fields = line.split("\t")
        assert len(fields) in (2, 3)
        if line.startswith("T"):
            kind, offsets = fields[1].split(" ", 1)
            pieces = [tuple(map(int, piece.split())) for piece in offsets.split(";")]
            assert fields[2] == " ".join(text[s:e] for s, e in pieces).replace("\n", " ")  # what brat checks
            spans[fields[0]] = kind
        else:
            event, *arguments = fields[1].split(" ")
            assert event.startswith("Attribution:") and spans[event.split(":")[1]] == "Attribution"
            assert all(spans[argument.split(":")[1]] == argument.split(":")[0] for argument in arguments)
    found = parse_ann(ann)  # quotetrace eval --pred reads it back
    assert len(found) == len(json.loads(quotetrace(capsys, monkeypatch, "extract", "-", stdin=text).out)["attributions"]) >= 2


def test_a_new_run_replaces_an_earlier_runs_files_and_resume_keeps_them(tmp_path, capsys, monkeypatch):
    out = tmp_path / "out"
    first = _jsonl(tmp_path / "first.jsonl", [("old", "Mayor Ann Lee said the ferry would sail.")])
    second = _jsonl(tmp_path / "second.jsonl", [("new", "Harbor pilot Ana Ruiz said the tide was low.")])
    assert quotetrace(capsys, monkeypatch, "extract", "--format", "brat", "--out", out, first).code == 0
    assert quotetrace(capsys, monkeypatch, "extract", "--format", "brat", "--out", out, second).code == 0
    assert _files(out) == ["annotation.conf", "index.jsonl", "new.ann", "new.txt"]


def test_resume_after_a_deleted_ann_redoes_it_under_the_same_names(tmp_path, capsys, monkeypatch):
    source = _jsonl(tmp_path / "in.jsonl", [("x", "Mayor Ann Lee said the ferry would sail."), ("x", "Harbor pilot Ana Ruiz said the tide was low."), ("y", "The union said no.")])
    out = tmp_path / "out"
    assert quotetrace(capsys, monkeypatch, "extract", "--format", "brat", "--out", out, source).code == 0
    before = {name: (out / name).read_bytes() for name in _files(out)}
    assert [name for name in before if name.endswith(".ann")] == ["x-2.ann", "x.ann", "y.ann"]
    (out / "x.ann").unlink()  # the first of two documents with the same id
    run = quotetrace(capsys, monkeypatch, "extract", "--format", "brat", "--resume", "--out", out, source)
    assert "resumed: 1 documents" in run.err
    after = {name: (out / name).read_bytes() for name in _files(out)}
    assert after.keys() == before.keys()
    assert all(after[name] == before[name] for name in before if name != "index.jsonl")


def test_brat_resume_after_a_kill_gives_the_same_folder(tmp_path):
    article = (ROOT / "examples" / "harbour.txt").read_text(encoding="utf-8")
    documents = [(f"https://example.org/news/{n % 7}", article) for n in range(60)]  # ids repeat: names depend on order
    source = _jsonl(tmp_path / "in.jsonl", documents)
    full = tmp_path / "full"
    command = [sys.executable, "-m", "quotetrace", "extract", "--format", "brat", "--jobs", "2"]
    assert subprocess.run(command + ["--out", str(full), str(source)], cwd=ROOT, capture_output=True, timeout=300).returncode == 0
    out = tmp_path / "out"
    process = subprocess.Popen(command + ["--out", str(out), str(source)], cwd=ROOT, stderr=subprocess.DEVNULL)
    index = out / "index.jsonl"
    while process.poll() is None and (not index.exists() or index.read_bytes().count(b"\n") < 15):
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait()
    resumed = subprocess.run(command + ["--resume", "--out", str(out), str(source)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0 and "resumed:" in resumed.stderr
    assert _files(out) == _files(full)
    assert all((out / name).read_bytes() == (full / name).read_bytes() for name in _files(full))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(min_size=0, max_size=300), min_size=1, max_size=8))
def test_names_are_plain_bounded_and_distinct(ids):
    from quotetrace.output.brat_names import MAX_STEM_BYTES, BratNames, safe_stem

    names = BratNames()
    given_names = [names.assign(doc_id) for doc_id in ids]
    assert len({name.casefold() for name in given_names}) == len(ids)
    for name in given_names:
        assert name and not name.startswith(".") and ".." not in name
        assert not set(name) & set("/\\:\0\n\r\t") and os.path.basename(name) == name
        assert len(name.encode("utf-8")) <= MAX_STEM_BYTES + 12
    assert [BratNames().assign(doc_id) for doc_id in ids[:1]] == given_names[:1]  # the same id, the same name
    assert safe_stem(ids[0]) == safe_stem(ids[0])
