"""Dask: extract_bag on a real LocalCluster with two worker processes gives the single-process records."""
import json

import pytest

from conftest import ROOT

distributed = pytest.importorskip("dask.distributed", reason="the dask extra is not installed (pip install -e '.[test]' brings it)")
import dask.bag as db  # noqa: E402

from quotetrace.dask import extract_bag  # noqa: E402
from quotetrace.output.writers import to_json_line  # noqa: E402


def _documents():
    article = (ROOT / "examples" / "harbour.txt").read_text(encoding="utf-8")
    paragraphs = [p for p in article.split("\n\n") if p.strip()]
    documents = [{"id": f"p{number}", "text": paragraph} for number, paragraph in enumerate(paragraphs)]
    documents.append({"id": "whole", "text": article})
    documents.append({"id": "no-text"})
    return documents


def test_extract_bag_on_a_local_cluster_equals_single_process_output(engine):
    documents = _documents()
    expected = [to_json_line(engine.record(d["text"], d["id"])) if "text" in d else None for d in documents]
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        bag = db.from_sequence(documents, npartitions=4)
        records = extract_bag(bag).compute()
        # Each worker process compiled the rules once, for all the partitions it ran.
        compiled = client.run(lambda: len(__import__("quotetrace.dask", fromlist=["_ENGINES"])._ENGINES))
    assert len(compiled) == 2 and all(count == 1 for count in compiled.values())
    assert [r["id"] for r in records] == [d["id"] for d in documents]
    for record, line in zip(records, expected):
        if line is None:
            assert record["status"] == "error" and "no text in field 'text'" in record["error"]
        else:
            assert to_json_line(record) == line
    assert sum(len(r.get("attributions", [])) for r in records) > 5


def test_extract_bag_takes_id_text_pairs_and_another_rule_pack(make_pack):
    pack = make_pack(rules="""
        rules:
          - id: says
            stage: attributions
            description: a name, then 'says', then the rest of the sentence
            pattern: 'source:%cap cue:says content:(_+?) .'
    """)
    bag = db.from_sequence([("a", "Marsh says the port will grow."), ("b", "Nothing here.")], npartitions=2)
    records = extract_bag(bag, rules=pack).compute(scheduler="sync")
    assert [(r["id"], len(r["attributions"])) for r in records] == [("a", 1), ("b", 0)]
    assert records[0]["attributions"][0]["trace"]["rule"] == "says"
    assert json.loads(to_json_line(records[0]))["attributions"][0]["roles"]["content"][0]["text"] == "the port will grow"


def test_sources_bag_on_a_local_cluster_equals_the_single_process_roster(engine):
    """The roster's rows, summary and merges do not depend on how the corpus is split."""
    from quotetrace.dask import sources_bag
    from quotetrace.roster import build_roster

    texts = [
        ("Mayor Ann Lee said the bridge would reopen in May.", "Harbor Times"),
        ("Ann Lee told reporters the budget was tight. Tomas Berg said the union would strike.", "Bay Ledger"),
        ("Donald J. Trump said he would win. Obama said the deal was done.", "Harbor Times"),
        ("Donald Trump said the polls were wrong. Mr. Tomas Berg said the talks had failed.", "Bay Ledger"),
        ("François Legault said the vote would be close. Sources said the deal was close.", "Harbor Times"),
        ("Francois Legault said the province would grow. A new poll shows voters are divided.", "Bay Ledger"),
    ]
    records = [engine.record(text, f"d{number}", meta={"outlet": outlet}) for number, (text, outlet) in enumerate(texts)]
    with build_roster(records, by="outlet") as expected:
        rows, summary, merges = list(expected.speakers()), expected.summary_table(), expected.merge_table()
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, distributed.Client(cluster):
        roster = sources_bag(db.from_sequence(records, npartitions=4), by="outlet")
    assert to_json_line({"rows": list(roster.speakers())}) == to_json_line({"rows": rows})
    assert roster.summary_table() == summary and roster.merge_table() == merges
    assert any(row["merged_by"] for row in rows) and len(rows) > 5
