"""The compiled-pack cache: a warm start gives the same records, and no damaged, foreign or
stale file is ever used (it is noted, ignored and written again)."""
import logging
import os
import stat
import subprocess
import sys

import pytest

from conftest import ROOT
from quotetrace import cli
from quotetrace.output.writers import to_json_line
from quotetrace.patterns import cache
from quotetrace.pipeline import Engine

PARAGRAPHS = [
    'City council member Dana Whitfield said on Tuesday that the new bridge would open in March. '
    '"We have waited long enough," she told reporters outside the town hall.',
    "According to a statement from the water utility, repairs to the main pipe will take three weeks. "
    "The utility's spokesman, Omar Reyes, declined to say how much the work would cost.",
    '"The numbers are simply not there," said Lena Kovacs, an economist at the state university, '
    "adding that the budget plan relied on forecasts nobody believed.",
]

SMALL_PACK = """
    rules:
      - id: says
        stage: attributions
        description: a capitalised word, then 'says', then the rest of the sentence
        pattern: 'source:%cap cue:says content:(_+?) .'
"""


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("QUOTETRACE_CACHE_DIR", str(folder))
    monkeypatch.delenv("QUOTETRACE_NO_CACHE", raising=False)
    return folder / "packs"


@pytest.fixture
def compiles(monkeypatch):
    """How many times a pack was read and compiled rather than taken from the cache."""
    calls = []
    real = cache._compile

    def counted(root):
        calls.append(root)
        return real(root)

    monkeypatch.setattr(cache, "_compile", counted)
    return calls


def entries(folder):
    return sorted(folder.glob("*.pickle")) if folder.is_dir() else []


def test_a_second_engine_comes_from_the_cache_and_gives_the_same_bytes(cache_dir, compiles):
    fresh = Engine()  # compiled here, then written
    cached = Engine()
    assert len(compiles) == 1 and len(entries(cache_dir)) == 1
    records = [(to_json_line(fresh.record(text, f"p{i}")), to_json_line(cached.record(text, f"p{i}"))) for i, text in enumerate(PARAGRAPHS)]
    assert all(first == second for first, second in records)
    assert sum(line.count('"cue"') for line, _ in records) >= 3
    assert cached.pack.root == fresh.pack.root and cached.pack.problems == fresh.pack.problems


def _flip(path):
    data = bytearray(path.read_bytes())
    for offset in range(len(data) // 2, len(data) // 2 + 8):
        data[offset] ^= 0xFF
    path.write_bytes(bytes(data))


def _truncate(path):
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 3])


def _old_format(path):
    data = bytearray(path.read_bytes())
    data[len(cache.MAGIC):len(cache.MAGIC) + 4] = (cache.FORMAT_VERSION + 1).to_bytes(4, "big")
    path.write_bytes(bytes(data))


def _writable_by_others(path):
    path.chmod(0o666)


@pytest.mark.parametrize("damage, why", [
    (_flip, "checksum mismatch"),
    (_truncate, "truncated"),
    (_old_format, "format version"),
    (_writable_by_others, "others can write it"),
])
def test_an_unusable_file_is_noted_ignored_and_rebuilt(cache_dir, compiles, make_pack, caplog, damage, why):
    pack = make_pack(rules=SMALL_PACK)
    expected = to_json_line(Engine(pack).record("Marsh says the port will grow.", "a"))
    (path,) = entries(cache_dir)
    damage(path)
    with caplog.at_level(logging.WARNING, logger="quotetrace"):
        rebuilt = Engine(pack)
    notes = [r.getMessage() for r in caplog.records if r.name == "quotetrace"]
    assert len(notes) == 1 and why in notes[0] and str(path) in notes[0] and "\n" not in notes[0]
    assert len(compiles) == 2 and to_json_line(rebuilt.record("Marsh says the port will grow.", "a")) == expected
    caplog.clear()
    Engine(pack)  # the rewritten file is used, quietly
    assert len(compiles) == 2 and not caplog.records
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_file_under_another_packs_name_is_not_used(cache_dir, compiles, make_pack, caplog):
    first = make_pack(rules=SMALL_PACK)
    Engine(first)
    (path,) = entries(cache_dir)
    (first / "rules.yaml").write_text((first / "rules.yaml").read_text().replace("'says'", "'says' (present)"))
    other = cache_dir / f"{cache.pack_key(first)}.pickle"
    other.write_bytes(path.read_bytes())
    Engine(first)
    assert len(compiles) == 2 and any("another pack's key" in r.getMessage() for r in caplog.records)


def test_the_key_follows_the_rule_files_contents_not_their_folder(cache_dir, make_pack, tmp_path):
    pack = make_pack(rules=SMALL_PACK)
    key = cache.pack_key(pack)
    copy = tmp_path / "elsewhere"
    copy.mkdir()
    (copy / "rules.yaml").write_bytes((pack / "rules.yaml").read_bytes())
    assert cache.pack_key(copy) == key  # a Dask worker's temporary copy shares the entry
    (pack / "rules.yaml").write_text((pack / "rules.yaml").read_text().replace("says", "said"))
    assert cache.pack_key(pack) != key
    (pack / "notes.txt").write_text("not a rule file")
    (copy / "renamed.yaml").write_bytes((copy / "rules.yaml").read_bytes())
    (copy / "rules.yaml").unlink()
    assert cache.pack_key(copy) != key  # a path inside the pack is part of it (rule positions name it)


def test_files_are_private_to_the_user(cache_dir, make_pack):
    Engine(make_pack(rules=SMALL_PACK))
    (path,) = entries(cache_dir)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(cache_dir.stat().st_mode) == 0o700
    assert not [p for p in cache_dir.iterdir() if p.suffix != ".pickle"]  # no temporary file left


def test_turning_the_cache_off_writes_nothing(cache_dir, make_pack, monkeypatch, capsys):
    pack = make_pack(rules=SMALL_PACK)
    text = pack.parent / "story.txt"
    text.write_text("Marsh says the port will grow.", encoding="utf-8")
    Engine(pack, cache=False)
    assert cli.main(["check", "--no-cache", str(pack)]) == 0
    assert cli.main(["extract", "--no-cache", "--jobs", "1", "--rules", str(pack), str(text)]) == 0
    monkeypatch.setenv("QUOTETRACE_NO_CACHE", "1")
    Engine(pack)
    assert cli.main(["check", str(pack)]) == 0
    assert not cache_dir.exists()
    assert '"says"' in capsys.readouterr().out


def test_check_reports_the_same_warnings_from_the_cache(cache_dir, compiles, make_pack, capsys):
    pack = make_pack(rules=SMALL_PACK + """
      - {id: copy, stage: attributions, pattern: 'source:%cap cue:says content:(_+?) .'}
    lexicons:
      - {id: unused, entries: [harbour]}
    """)
    outputs = []
    for _ in range(2):
        assert cli.main(["check", str(pack)]) == 0
        outputs.append(capsys.readouterr())
    assert len(compiles) == 1
    assert outputs[0] == outputs[1]
    assert outputs[0].out.count(": warning: ") == 3  # no description, unreachable, unused lexicon


def test_a_pack_with_errors_is_not_cached(cache_dir, make_pack, capsys):
    pack = make_pack(rules="rules:\n  - {id: broken, stage: attributions, pattern: 'cue:says ('}\n")
    assert cli.main(["check", str(pack)]) == 1
    assert not entries(cache_dir) and ": error: " in capsys.readouterr().out


def test_an_unwritable_cache_folder_is_noted_and_the_run_goes_on(tmp_path, monkeypatch, make_pack, caplog):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("QUOTETRACE_CACHE_DIR", str(blocker))  # packs/ cannot be made under a file
    monkeypatch.delenv("QUOTETRACE_NO_CACHE", raising=False)
    engine = Engine(make_pack(rules=SMALL_PACK))
    assert engine.record("Marsh says the port will grow.", "a")["attributions"]
    notes = [r.getMessage() for r in caplog.records if r.name == "quotetrace"]
    assert len(notes) == 1 and notes[0].startswith("cannot write the compiled-pack cache")


def test_the_command_line_shows_a_note_not_a_traceback(cache_dir, make_pack):
    pack = make_pack(rules=SMALL_PACK)
    text = pack.parent / "story.txt"
    text.write_text("Marsh says the port will grow.", encoding="utf-8")
    Engine(pack)
    (path,) = entries(cache_dir)
    _flip(path)
    command = [sys.executable, "-m", "quotetrace", "extract", "--rules", str(pack), str(text)]
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=dict(os.environ))
    assert result.returncode == 0 and '"says"' in result.stdout
    assert result.stderr.splitlines() == [f"quotetrace: note: ignoring the compiled-pack cache file {path} (corrupt: checksum mismatch); compiling the rules again"]
