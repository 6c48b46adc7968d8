"""The output record (schema, offsets, determinism) and the `quotetrace extract` command line."""
import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from conftest import ROOT, spans_slice_back
from quotetrace.output.record import expand_traces
from quotetrace.pipeline import Engine
from quotetrace.resources import schema_path

ARTICLE = (ROOT / "examples" / "harbour.txt").read_text(encoding="utf-8")
SCHEMA = json.loads(schema_path("output.schema.json").read_text(encoding="utf-8"))


def run(*args, stdin=None, env=None):
    return subprocess.run([sys.executable, "-m", "quotetrace", *args], input=stdin, capture_output=True, text=True, env=env, cwd=ROOT)


def test_record_validates_against_the_published_schema(engine):
    record = engine.record(ARTICLE, "harbour")
    jsonschema.validate(record, SCHEMA)
    assert record["attributions"] and record["actors"]


def test_floating_quotation_validates_and_needs_what_it_follows(engine):
    text = ("Harbour master Ian Ruddock said the channel would be closed for a week.\n\n"
            "“Nobody goes in or out until the wreck is lifted.”")
    for trace in ("compact", "full", "none"):
        record = Engine(trace=trace).record(text, "wreck") if trace != "compact" else engine.record(text, "wreck")
        jsonschema.validate(record, SCHEMA)
    floating = [a for a in record["attributions"] if a.get("floating")]
    assert [a["roles"]["content"][0]["text"] for a in floating] == ["“Nobody goes in or out until the wreck is lifted.”"]
    broken = json.loads(json.dumps(record))
    del [a for a in broken["attributions"] if a.get("floating")][0]["follows"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, SCHEMA)
    cueless = json.loads(json.dumps(record))
    del [a for a in cueless["attributions"] if not a.get("floating")][0]["roles"]["cue"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(cueless, SCHEMA)


def test_every_span_slices_back_to_its_text(engine):
    record = engine.record(ARTICLE, "harbour")
    assert spans_slice_back(record, ARTICLE) > 50


def test_every_extraction_carries_its_trace(engine):
    record = expand_traces(engine.record(ARTICLE, "harbour"), ARTICLE, engine.pack)
    for attribution in record["attributions"]:
        trace = attribution["trace"]
        assert trace["rule"].startswith("attr.") and trace["file"] == "attributions.yaml" and trace["line"] > 1
        assert trace["captures"]["cue"] == attribution["roles"]["cue"] or attribution["roles"]["cue"][0]["start"] >= trace["captures"]["cue"][0]["start"]
    said = [a for a in record["attributions"] if any(f["text"] == "said" for f in a["roles"]["cue"])][0]
    entries = [item for item in said["trace"]["lexicon"] if item["lexicon"] == "reporting_verbs"]
    assert entries and entries[0]["entry"] == "say" and entries[0]["file"] == "lexicons/reporting_verbs.yaml"
    for actor in record["actors"]:
        for mention in actor["mentions"]:
            assert mention["trace"]["link"]["rule"].startswith("link.")


def test_output_is_byte_identical_across_runs_and_hash_seeds(tmp_path):
    path = tmp_path / "harbour.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    outputs = set()
    for seed in ("0", "1", "12345"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        outputs.add(run("extract", str(path), env=env).stdout)
    assert len(outputs) == 1 and len(next(iter(outputs))) > 1000


def test_extract_reads_stdin_and_writes_json_lines():
    result = run("extract", stdin="Putin said the talks went well.")
    record = json.loads(result.stdout)
    assert result.returncode == 0 and record["id"] == "stdin"
    assert record["attributions"][0]["roles"]["content"][0]["text"] == "the talks went well"


def test_extract_one_record_per_file_in_input_order(tmp_path):
    for name, text in (("b", "Assad said yes."), ("a", "Putin said no.")):
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    result = run("extract", str(tmp_path / "b.txt"), str(tmp_path / "a.txt"))
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["b", "a"]
    result = run("extract", str(tmp_path))
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["a", "b"]


def test_missing_file_gives_an_error_record_and_the_run_goes_on(tmp_path):
    (tmp_path / "ok.txt").write_text("Putin said no.", encoding="utf-8")
    result = run("extract", str(tmp_path / "missing.txt"), str(tmp_path / "ok.txt"))
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["status"] for r in records] == ["error", "ok"]
    assert "file not found" in records[0]["error"]
    assert result.returncode == 1
    assert "1 of 2 documents failed" in result.stderr and "Traceback" not in result.stderr


def test_invalid_utf8_is_decoded_with_replacement_and_noted(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes(b"Putin said \xff\xfe the talks went well.")
    record = json.loads(run("extract", str(path)).stdout)
    assert record["status"] == "ok" and "not valid UTF-8" in record["notes"][0]


def test_brat_output_has_the_seed_layout(tmp_path):
    path = tmp_path / "one.txt"
    path.write_text("Putin told Bokova that Russia will help, TASS reported.", encoding="utf-8")
    result = run("extract", "--format", "brat", "--out", str(tmp_path / "out"), str(path))
    assert result.returncode == 0
    lines = (tmp_path / "out" / "one.ann").read_text(encoding="utf-8").splitlines()
    assert "T1\tSource 0 5\tPutin" in lines
    assert "T2\tCue 6 10\ttold" in lines
    assert "T4\tAddressee 11 17\tBokova" in lines
    # Each attribution is an Attribution event over its cue, its roles the arguments (PolNeAR's
    # layout, which brat needs: an E line's first argument is the event's type and trigger).
    assert "T5\tAttribution 6 10\ttold" in lines
    assert "E1\tAttribution:T5 Source:T1 Cue:T2 Content:T3 Addressee:T4" in lines
    assert (tmp_path / "out" / "one.txt").read_text(encoding="utf-8") == path.read_text(encoding="utf-8")


def test_version_names_the_release_and_the_output_schema():
    from quotetrace import OUTPUT_SCHEMA_VERSION, __version__

    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip().startswith(f"quotetrace {__version__} (output schema {OUTPUT_SCHEMA_VERSION}; matcher: ")


def test_version_says_which_matcher_runs():
    from quotetrace.patterns import native

    assert "matcher: python (regex)" in run("--version", env=dict(os.environ, QUOTETRACE_ENGINE="python")).stdout
    if native.available():
        assert "matcher: native (Rust core)" in run("--version", env=dict(os.environ, QUOTETRACE_ENGINE="native")).stdout


def test_brat_needs_an_output_folder():
    result = run("extract", "--format", "brat", stdin="Putin said no.")
    assert result.returncode == 2 and "--out DIR" in result.stderr


def test_text_format_marks_roles_for_people():
    result = run("extract", "--format", "text", stdin="“We will win,” Putin said.")
    assert "source=[Putin] cue=[said] content=[“We will win,”]" in result.stdout


def test_examples_in_readme_run(tmp_path):
    result = run("extract", "examples/harbour.txt")
    assert result.returncode == 0 and json.loads(result.stdout)["id"] == "harbour"
