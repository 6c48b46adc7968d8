"""Tables and kept metadata: --keep-fields, --format csv|tsv|parquet, --table actors, to_dataframe.

The command line runs in this process (cli.main) so that each case costs no process start.
"""
from __future__ import annotations

import csv
import io
import json

import pytest

import quotetrace
from quotetrace.cli import main
from quotetrace.tables import ACTOR_COLUMNS, ATTRIBUTION_COLUMNS, columns

# News paragraphs we wrote: a split quotation with an addressee, a source with a title and a
# pronoun, an according-to attribution, and one with no attribution at all.
DOCUMENTS = [
    {"id": "harbour-1", "text": "“The work starts in May,” Port Authority Chairwoman Elena Marsh told reporters, “and it ends in 2030.”",
     "outlet": "Harbor Times", "date": "2026-03-02", "tags": ["port", "dredging"], "page": 3},
    {"id": "council-7", "text": "Councillor Ray Dunn said the vote, which had been delayed twice, would go ahead. He called it “overdue”.",
     "outlet": None, "date": "2026-03-03", "tags": {"section": "city", "weight": 1.5}, "page": True},
    {"id": "schools-2", "text": "Enrolment will fall by a tenth, according to a district report released Monday.",
     "outlet": "Valley Post, \"Morning\" edition", "tags": "a\tb\nc"},
    {"id": "weather-9", "text": "Rain fell all day and the river rose.", "outlet": "Valley Post"},
]
KEPT = ["outlet", "date", "tags", "page"]


@pytest.fixture
def corpus(tmp_path):
    path = tmp_path / "articles.jsonl"
    with open(path, "w", encoding="utf-8") as handle:
        for document in DOCUMENTS:
            handle.write(json.dumps(document, ensure_ascii=False) + "\n")
        handle.write("{not json\n")
    return path


def run(capsys, *args):
    code = main(["extract", "--jobs", "1", "--quiet", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def json_records(capsys, corpus):
    code, out, _ = run(capsys, "--keep-fields", ",".join(KEPT), str(corpus))
    assert code == 1  # the bad JSON line failed and says so
    return [json.loads(line) for line in out.splitlines()]


def expected_cell(value):
    if value is None:
        return ""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def test_keep_fields_carries_missing_null_nested_and_non_string_fields_into_meta(capsys, corpus):
    records = json_records(capsys, corpus)
    assert [r["id"] for r in records] == ["harbour-1", "council-7", "schools-2", "weather-9", f"{corpus}:5"]
    for record, document in zip(records, DOCUMENTS):
        assert record["meta"] == {name: document.get(name) for name in KEPT}
    assert records[4]["status"] == "error" and records[4]["meta"] == dict.fromkeys(KEPT)


@pytest.mark.parametrize("form, delimiter", [("csv", ","), ("tsv", "\t")])
def test_delimited_tables_read_back_exactly_what_the_json_records_say(capsys, corpus, form, delimiter):
    records = json_records(capsys, corpus)
    code, out, _ = run(capsys, "--format", form, "--keep-fields", ",".join(KEPT), str(corpus))
    assert code == 1
    rows = list(csv.DictReader(io.StringIO(out, newline=""), delimiter=delimiter))
    assert list(rows[0]) == ["doc_id", *KEPT, *ATTRIBUTION_COLUMNS]
    expected = []
    for record in records:
        meta = {name: expected_cell(record["meta"][name]) for name in KEPT}
        if record["status"] != "ok":
            expected.append({"doc_id": record["id"], **meta, "status": "error", "error": record["error"]})
            continue
        actors = {a["id"]: a for a in record["actors"]}
        for attribution in record["attributions"]:
            row = {"doc_id": record["id"], **meta, "attribution_id": attribution["id"], "kind": attribution["kind"],
                   "parent": attribution["parent"] or "", "rule": attribution["trace"]["rule"], "status": "ok", "error": ""}
            for role in ("source", "cue", "content", "addressee", "medium"):
                spans = attribution["roles"].get(role, [])
                row[role] = " … ".join(s["text"] for s in spans)
                row[f"{role}_start"] = str(spans[0]["start"]) if spans else ""
                row[f"{role}_end"] = str(spans[-1]["end"]) if spans else ""
            actor = actors.get(attribution["source_actor"])
            row.update(source_actor=attribution["source_actor"] or "", source_name=actor["name"] if actor else "",
                       source_kind=actor["kind"] if actor else "", source_type=attribution.get("source_type") or "",
                       source_anonymity=attribution.get("anonymity") or "", source_gender=(actor or {}).get("gender") or "",
                       confidence=str(attribution["confidence"]))
            expected.append(row)
    assert [{k: v for k, v in row.items() if v != ""} for row in rows] == [{k: v for k, v in row.items() if v != ""} for row in expected]
    # the split quotation keeps both fragments, the quotes and the tab and newline of a kept field survive
    marsh = next(row for row in rows if row["doc_id"] == "harbour-1")
    assert marsh["content"] == "“The work starts in May,” … “and it ends in 2030.”" and marsh["source_name"] == "Elena Marsh"
    assert next(row for row in rows if row["doc_id"] == "schools-2")["tags"] == "a\tb\nc"


def test_actor_table_has_one_row_per_actor_with_counts(capsys, corpus):
    code, out, _ = run(capsys, "--format", "csv", "--table", "actors", "--keep-fields", "outlet", str(corpus))
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    assert list(rows[0]) == columns("actors", ["outlet"]) == ["doc_id", "outlet", *ACTOR_COLUMNS]
    dunn = next(row for row in rows if row["name"] == "Ray Dunn")
    assert dunn["doc_id"] == "council-7" and dunn["outlet"] == "" and dunn["titles"] == "Councillor"
    assert int(dunn["mentions"]) == 2 and int(dunn["quoted"]) >= 1


def test_parquet_and_to_dataframe_give_the_same_table(capsys, corpus, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "quotes.parquet"
    code, _, _ = run(capsys, "--format", "parquet", "--out", str(out), "--keep-fields", ",".join(KEPT), str(corpus))
    assert code == 1
    table = pq.read_table(out).to_pandas()
    records = json_records(capsys, corpus)
    frame = quotetrace.to_dataframe(records, keep_fields=KEPT)
    assert list(table.columns) == list(frame.columns) == columns("attributions", KEPT)
    assert table.astype(object).where(table.notna(), None).values.tolist() == frame.astype(object).where(frame.notna(), None).values.tolist()
    assert str(table["source_start"].dtype) == "Int64" or str(table["source_start"].dtype).startswith(("int", "float"))


def test_parquet_needs_a_file_and_kept_fields_may_not_shadow_columns(capsys, corpus):
    code, _, err = run(capsys, "--format", "parquet", str(corpus))
    assert code == 2 and err.strip() == "quotetrace: error: --format parquet cannot write to the terminal; give the file with --out FILE"
    code, _, err = run(capsys, "--keep-fields", "kind", str(corpus))
    assert code == 2 and "kept field 'kind' has the name of a table column" in err and "\n" not in err.strip()


def test_text_format_shows_kept_fields(capsys, corpus):
    _, out, _ = run(capsys, "--format", "text", "--keep-fields", "outlet,page", str(corpus))
    assert "harbour-1 meta: outlet=Harbor Times, page=3" in out.splitlines()


def test_trace_forms_from_the_command_line(capsys, corpus):
    sizes = {}
    for form in ("full", "compact", "none"):
        code, out, _ = run(capsys, "--trace", form, str(corpus))
        first = json.loads(out.splitlines()[0])
        sizes[form] = len(out)
        assert ("rules" in first) == (form == "compact")
        assert set(first["attributions"][0]["trace"]) - {"steps"} == {"full": {"rule", "file", "line", "pattern", "match", "captures", "lexicon"},
                                                           "compact": {"rule", "match", "captures", "lexicon"},
                                                           "none": {"rule"}}[form]
    assert sizes["none"] < sizes["compact"] < sizes["full"]
