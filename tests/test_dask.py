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
