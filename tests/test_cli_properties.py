"""Issue 23: the command line over generated ids, field values, file names and texts (lone
surrogates, control characters, separators): one record per document, nothing written
outside --out, and never a traceback (the in-process runner fails on one)."""
import json
import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from incli import quotetrace

AWKWARD = list("/\\.:*?\"<>| \x00\n\r\t\x0b\x1b\x7f\x85\u2028\u202e\ufeff\ud800\udc80\udfff") + ["..", "../", "C:\\", "\u00e9", "\U0001F600"]
awkward_text = st.lists(st.one_of(st.sampled_from(AWKWARD), st.characters(blacklist_categories=())), max_size=40).map("".join)
news = st.lists(st.sampled_from(["Mayor", "Ann", "Lee", "said", "told", "reporters", "the", "ferry", "would", "sail", "“", "”", ",", ".", ":", "\n\n", "according", "to"]), max_size=40).map(" ".join)
texts = st.one_of(news, awkward_text, st.tuples(news, awkward_text).map(" ".join))
values = st.one_of(st.none(), st.integers(), awkward_text, st.lists(awkward_text, max_size=3), st.dictionaries(awkward_text, awkward_text, max_size=2))
documents = st.lists(st.fixed_dictionaries({"id": st.one_of(awkward_text, st.integers(), st.none()), "text": texts, "outlet": values}), max_size=6)


def _file_name_ok(name: str) -> bool:
    try:
        encoded = os.fsencode(name)
    except UnicodeError:
        return False
    return 0 < len(encoded) <= 120 and b"/" not in encoded and b"\0" not in encoded


# Text files, whatever else their names hold (as .jsonl or .gz they would be read otherwise).
file_names = st.lists(awkward_text.map(lambda name: name + ".txt").filter(_file_name_ok), max_size=4, unique_by=lambda name: os.fsencode(name))


def _outside(root: Path, out: Path):
    """Every path under root but --out and what it holds, with its size and change time."""
    found = set()
    for folder, subfolders, files in os.walk(root):
        for name in subfolders + files:
            path = Path(folder, name)
            if path != out and out not in path.parents:
                found.add((str(path), path.lstat().st_size, path.lstat().st_mtime_ns))
    return found


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(documents=documents, names=file_names, file_texts=st.lists(texts, min_size=4, max_size=4), form=st.sampled_from(["jsonl", "brat", "text", "csv"]))
def test_any_ids_fields_names_and_texts(tmp_path_factory, capsys, monkeypatch, documents, names, file_texts, form):
    root = tmp_path_factory.mktemp("cli")
    corpus = root / "in"
    corpus.mkdir()
    with open(corpus / "feed.jsonl", "w", encoding="utf-8") as handle:
        for document in documents:
            handle.write(json.dumps(document) + "\n")
    for name, text in zip(names, file_texts):
        with open(os.fsencode(corpus) + b"/" + os.fsencode(name), "wb") as handle:
            handle.write(text.encode("utf-8", "surrogatepass"))
    expected = len(documents) + len(names)
    out = root / ("brat" if form == "brat" else f"records.{form}")
    before = _outside(root, out)
    run = quotetrace(capsys, monkeypatch, "extract", "--format", form, "--keep-fields", "outlet", "--glob", "*", "--out", out, corpus)
    assert run.code in (0, 1), run.err
    assert _outside(root, out) == before  # nothing written, moved or changed outside --out
    if form == "jsonl":
        records = [json.loads(line) for line in out.read_text(encoding="utf-8").split("\n")[:-1]]  # not splitlines: U+0085 and U+2028 are raw in JSON
        assert len(records) == expected
    elif form == "brat":
        index = (out / "index.jsonl").read_text(encoding="utf-8").split("\n")[:-1]
        assert len(index) == expected
        for entry in map(json.loads, index):
            assert (out / f"{entry['name']}.ann").is_file() and (out / f"{entry['name']}.txt").is_file()
    for line in run.err.splitlines():
        assert line.startswith("quotetrace: ") and not any(ch in line for ch in "\x1b\x07\x85\u2028\u202e")
