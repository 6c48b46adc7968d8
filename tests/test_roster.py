"""The roster (`quotetrace sources`, docs/sources.md) on short news paragraphs we wrote:
each merge rule, each refusal, the counts, the formats, streaming and the command line."""
import csv
import io
import json
import subprocess
import sys

import pytest

import quotetrace
from conftest import ROOT, SHARED
from quotetrace.roster import build_roster, name_words
from quotetrace.roster.appearances import appearances
from quotetrace.roster.merge import MergeGraph
from quotetrace.roster.names import form_of, merge_rule


@pytest.fixture(scope="module")
def words():
    return name_words()


def roster_of(engine, documents, **options):
    """The roster of {doc id: text} (and its rows by id); `options` go to build_roster."""
    records = []
    for doc_id, text in documents.items():
        meta = None
        if isinstance(text, tuple):
            text, meta = text
        records.append(engine.record(text, doc_id, meta=meta))
    roster = build_roster(records, **options)
    return roster, {row["id"]: row for row in roster.speakers()}


def one_speaker(rows, name):
    found = [row for row in rows.values() if name in row["names"]]
    assert len(found) == 1, f"{name!r} is in {len(found)} rows: {[(r['id'], r['names']) for r in found]}"
    return found[0]


# --- merge rules --------------------------------------------------------------------

@pytest.mark.parametrize("first, second, rule", [
    ("Mayor Ann Lee said the bridge would reopen in May.", "Ann Lee told reporters the budget was tight.", "roster.same-name"),
    ("François Legault said the vote would be close.", "Francois Legault said the province would grow.", "roster.folded"),
    ("James O’Neill said the streets were safer.", "James O'Neill said the report was wrong.", "roster.folded"),
    ("Mr. Tomas Berg's aides said the plan would fail. Mr. Tomas Berg said it would not.", "Tomas Berg said the union would strike.", "roster.titled-form"),
    ("Bashar al-Assad said the war was over.", "Bashar Assad said the talks had failed.", "roster.particle"),
    ("Donald J. Trump said he would win.", "Donald Trump said the polls were wrong.", "roster.middle-initial"),
    ("Hillary Rodham Clinton said the plan would work. Hillary Clinton added that taxes would rise.", "Hillary Clinton said the debate went well.", "roster.document-variant"),
])
def test_each_merge_rule_joins_two_documents_and_says_why(engine, first, second, rule):
    roster, rows = roster_of(engine, {"one": first, "two": second})
    speakers = [row for row in rows.values() if not row["id"].startswith("doc:") and row["kind"] == "person"]
    assert len(speakers) == 1, [(r["id"], r["names"]) for r in rows.values()]
    speaker = speakers[0]
    assert speaker["documents"] == 2 and speaker["merged_by"] == {rule: 1}
    assert {pair[0] for pair in speaker["pairs"]} == {"one", "two"}


def test_the_merge_rule_of_two_written_names(words):
    assert merge_rule("President Vladimir Putin", "Vladimir Putin", "person", words) == "roster.titled-form"
    assert merge_rule("Sen. Ted Cruz", "Ted Cruz", "person", words) == "roster.titled-form"
    assert merge_rule("Ban Ki-moon", "Ban Ki Moon", "person", words) == "roster.folded"
    assert merge_rule("The Riverton Herald", "Riverton Herald", "organization", words) == "roster.folded"


def test_a_short_name_joins_the_one_full_name_of_its_own_document(engine):
    text = ("Tom Clarke, a farmer, sold his land on Monday. Mr. Clarke's company said the sale was final. "
            "Mr. Clarke said he was relieved. Tom Clarke later told reporters the price was fair.")
    roster, rows = roster_of(engine, {"farm": text})
    clarke = rows["person:tom clarke"]
    assert clarke["merged_by"] == {"roster.short-name-in-document": 1}
    assert clarke["attributions"] == 2 and set(clarke["names"]) == {"Mr. Clarke", "Tom Clarke"}


def test_a_person_taken_for_an_organisation_in_a_few_documents_joins_the_person():
    graph = MergeGraph()
    for number in range(3):
        graph.add({"form": "person:dana reyes", "forms": ["person:dana reyes"]})
    graph.add({"form": "organization:dana reyes", "forms": ["organization:dana reyes"]})
    merges = graph.decide()
    assert merges.speaker_of["organization:dana reyes"] == merges.speaker_of["person:dana reyes"] == "person:dana reyes"
    assert merges.joins == [("roster.kind-majority", "organization:dana reyes", "person:dana reyes")]


# --- refusals -----------------------------------------------------------------------

def test_short_names_stay_rows_of_their_own_documents(engine):
    roster, rows = roster_of(engine, {"one": "Obama said the economy was growing.", "two": "Obama said the deal was done."})
    assert sorted(rows) == ["doc:one#act1", "doc:two#act1"]
    assert all(row["merged_by"] == {} for row in rows.values())


def test_a_speaker_named_only_by_a_title_is_nobody_across_documents(engine):
    roster, rows = roster_of(engine, {"one": "The senior official said the talks had failed.", "two": "The senior official said the deal was close."})
    assert len(rows) == 2 and all(key.startswith("doc:") for key in rows)


def test_two_people_with_one_surname_are_never_one_speaker(engine):
    roster, rows = roster_of(engine, {"one": "Bill Clinton said the race was close.", "two": "Hillary Clinton said the debate went well."})
    assert sorted(row["name"] for row in rows.values()) == ["Bill Clinton", "Hillary Clinton"]


def test_a_document_link_between_two_first_names_is_refused():
    graph = MergeGraph()
    graph.add({"form": "person:ted cruz", "forms": ["person:ted cruz"]})
    graph.add({"form": "person:heidi cruz", "forms": ["person:heidi cruz", "person:ted cruz"]})  # a linker's mistake
    merges = graph.decide()
    assert merges.speaker_of["person:heidi cruz"] != merges.speaker_of["person:ted cruz"]
    assert merges.refusals == [("roster.refuse-surname", "person:heidi cruz", "person:ted cruz")]


def test_two_middle_initials_under_one_name_refuse_every_initial_join(engine):
    documents = {"w": "George W. Bush said the war was right.", "hw": "George H.W. Bush said the war was right.", "plain": "George Bush said the war was right."}
    roster, rows = roster_of(engine, documents)
    assert sorted(row["name"] for row in rows.values()) == ["George Bush", "George H.W. Bush", "George W. Bush"]
    assert ("roster.refuse-initials", "person:george bush", "person:george bush|hw / person:george bush|w") in roster.merges.refusals


def test_a_person_and_an_organisation_with_close_counts_stay_apart():
    graph = MergeGraph()
    graph.add({"form": "person:dana reyes", "forms": ["person:dana reyes"]})
    graph.add({"form": "organization:dana reyes", "forms": ["organization:dana reyes"]})
    merges = graph.decide()
    assert merges.speaker_of["organization:dana reyes"] != merges.speaker_of["person:dana reyes"]
    assert merges.refusals == [("roster.refuse-kind", "person:dana reyes", "organization:dana reyes")]


def test_a_short_name_with_two_full_names_in_its_document_stays_alone(words):
    record = {"id": "d", "status": "ok", "attributions": [
        {"id": "att1", "kind": "indirect", "source_actor": "act3", "roles": {"source": [{"start": 0, "end": 4, "text": "Cruz"}]}}],
        "actors": [
            {"id": "act1", "name": "Ted Cruz", "kind": "person", "titles": [], "mentions": [{"start": 9, "end": 17, "text": "Ted Cruz", "type": "name", "trace": {}}]},
            {"id": "act2", "name": "Heidi Cruz", "kind": "person", "titles": [], "mentions": [{"start": 20, "end": 30, "text": "Heidi Cruz", "type": "name", "trace": {}}]},
            {"id": "act3", "name": "Cruz", "kind": "person", "titles": [], "mentions": [{"start": 0, "end": 4, "text": "Cruz", "type": "name", "trace": {}}]}]}
    (found,) = appearances(record, words)
    assert found["form"] is None and found["via"] == "roster.refuse-short-name-in-document"
    graph = MergeGraph()
    graph.add(found)
    assert graph.decide().refusals == [("roster.refuse-short-name-in-document", "d#act3", "Cruz")]
    assert found["attributions"] == [["att1", "indirect", None, True]]  # and flagged: a surname two people share


def test_a_pronoun_of_the_other_gender_is_set_aside(engine):
    documents = {
        "one": "Mrs. Ann Lee said the bridge would reopen in May.",
        "two": "Ann Lee spoke at the hearing. She said the budget was tight.",
        "three": "Ann Lee visited the port. He said the port would grow.",
    }
    roster, rows = roster_of(engine, documents)
    lee = one_speaker(rows, "Ann Lee")
    assert lee["gender"] == "female"
    assert lee["set_aside"] == [["three", "att1", "roster.refuse-pronoun-gender"]]
    assert ["three", "att1"] not in lee["pairs"] and lee["attributions"] == 2


# --- what a row counts -------------------------------------------------------------

def test_a_row_counts_kinds_documents_titles_and_values(engine):
    documents = {
        "h1": ("Port Authority Chairwoman Elena Marsh said the dredging would begin in May.", {"outlet": "Harbor Times"}),
        "h2": ("“We are ready,” Elena Marsh told reporters. Marsh said that work would “start at dawn.”", {"outlet": "Bay Ledger"}),
        "h3": ("Elena Marsh said the port would grow.", {"outlet": "Harbor Times"}),
    }
    roster, rows = roster_of(engine, documents, by="outlet")
    marsh = rows["person:elena marsh"]
    assert (marsh["attributions"], marsh["direct"], marsh["indirect"], marsh["mixed"], marsh["documents"]) == (4, 1, 2, 1, 3)
    assert marsh["titles"] == {"Port Authority Chairwoman": 1}
    assert marsh["by"] == {
        "Bay Ledger": {"attributions": 2, "direct": 1, "indirect": 0, "mixed": 1, "documents": 1},
        "Harbor Times": {"attributions": 2, "direct": 0, "indirect": 2, "mixed": 0, "documents": 2},
    }
    assert marsh["pairs"] == [["h1", "att1", "Harbor Times"], ["h2", "att1", "Bay Ledger"], ["h2", "att2", "Bay Ledger"], ["h3", "att1", "Harbor Times"]]
    assert marsh["gender"] == "female" and marsh["gender_documents"] == {"female": 1, "unknown": 2}


def test_the_summary_gives_gender_shares_with_the_unknowns_beside_them(engine):
    documents = {
        "a": ("Mrs. Ann Lee said the bridge would reopen.", {"outlet": "Times"}),
        "b": ("Mr. Tomas Berg said the union would strike.", {"outlet": "Times"}),
        "c": ("Dana Okafor said the station would close.", {"outlet": "Post"}),
        "d": ("Sources said the deal was close. A new poll shows voters are divided.", {"outlet": "Post"}),
    }
    roster, rows = roster_of(engine, documents, by="outlet")
    table = {row["value"]: row for row in roster.summary_table()}
    overall = table["(all)"]
    assert (overall["speakers female"], overall["speakers male"], overall["speakers unknown"]) == (1, 1, 2)
    assert overall["speakers female share"] == 0.5
    assert table["Post"]["speakers female share"] is None and table["Post"]["speakers unknown"] == 2
    assert table["Post"]["types"]["poll"] == 1 and table["Post"]["anonymity"]["unnamed"] == 1
    assert overall["without a speaker"] == 1  # the poll is a writing, no speaker


# --- streaming, formats, command line ------------------------------------------------

DOCUMENTS = {
    "a": ("Mayor Ann Lee said the bridge would reopen in May.", {"outlet": "Harbor Times"}),
    "b": ("Ann Lee told reporters the budget was tight. Tomas Berg said the union would strike.", {"outlet": "Bay Ledger"}),
    "c": ("Obama said the deal was done. Tomas Berg said the talks had failed.", {"outlet": "Harbor Times"}),
}


def test_spilling_to_disk_gives_the_same_rows(engine):
    _, in_memory = roster_of(engine, DOCUMENTS, by="outlet")
    _, spilled = roster_of(engine, DOCUMENTS, by="outlet", run_size=2)
    assert json.dumps(in_memory) == json.dumps(spilled)


def test_rows_are_ranked_and_the_same_whatever_the_order_of_documents(engine):
    _, forward = roster_of(engine, DOCUMENTS)
    _, backward = roster_of(engine, dict(reversed(list(DOCUMENTS.items()))))
    assert json.dumps(forward) == json.dumps(backward)
    assert [row["rank"] for row in forward.values()] == [1, 2, 3]


def test_csv_has_one_row_per_speaker_and_value(engine):
    roster, _ = roster_of(engine, DOCUMENTS, by="outlet")
    out = io.StringIO()
    from quotetrace.roster.write import _csv

    _csv(roster, out, "speakers", None)
    table = list(csv.DictReader(io.StringIO(out.getvalue())))
    lee = [row for row in table if row["name"] == "Ann Lee"]
    assert [(row["outlet"], row["attributions"], row["speaker_attributions"], row["pairs"]) for row in lee] == [
        ("Bay Ledger", "1", "2", "b#att1"), ("Harbor Times", "1", "2", "a#att1")]


def test_html_links_every_attribution_it_counts(engine, tmp_path):
    roster, _ = roster_of(engine, DOCUMENTS, by="outlet")
    roster.write(tmp_path / "roster.html", format="html", link="view/{doc}.html#{attribution}")
    page = (tmp_path / "roster.html").read_text(encoding="utf-8")
    assert page.count('<a href="view/') == 5 and '<a href="view/b.html#att1">b#att1</a>' in page
    assert "<th>Harbor Times</th>" in page and "female share" in page


def test_the_api_reads_records_files(engine, tmp_path):
    path = tmp_path / "records.jsonl"
    path.write_text("".join(json.dumps(engine.record(text, doc, meta=meta)) + "\n" for doc, (text, meta) in DOCUMENTS.items()), encoding="utf-8")
    with quotetrace.sources(path, by="outlet") as roster:
        assert [row["name"] for row in roster.speakers()][:2] == ["Ann Lee", "Tomas Berg"]


def test_the_command_writes_each_table_and_names_a_bad_line(engine, tmp_path):
    path = tmp_path / "records.jsonl"
    path.write_text("".join(json.dumps(engine.record(text, doc, meta=meta)) + "\n" for doc, (text, meta) in DOCUMENTS.items()), encoding="utf-8")

    def run(*args):
        return subprocess.run([sys.executable, "-m", "quotetrace", "sources", *args], capture_output=True, text=True, cwd=ROOT)

    speakers = run(str(path), "--by", "outlet", "--format", "jsonl")
    assert speakers.returncode == 0, speakers.stderr
    first = json.loads(speakers.stdout.splitlines()[0])
    assert first["name"] == "Ann Lee" and first["rank"] == 1
    merges = run(str(path), "--table", "merges", "--format", "jsonl")
    assert merges.returncode == 0 and merges.stdout == ""  # nothing but same names to join here
    summary = run(str(path), "--by", "outlet", "--table", "summary")
    assert summary.returncode == 0 and summary.stdout.splitlines()[1].startswith("(all),3,")
    (tmp_path / "bad.jsonl").write_text(path.read_text(encoding="utf-8") + "{oops\n", encoding="utf-8")
    bad = run(str(tmp_path / "bad.jsonl"))
    assert bad.returncode == 2 and "bad.jsonl:4: not a JSON record" in bad.stderr


# --- PolNeAR dev ---------------------------------------------------------------------

@pytest.mark.skipif(not (SHARED / "corpora" / "polnear" / "dev" / "text").is_dir(), reason="PolNeAR dev is not in ../shared")
def test_polnear_dev_roster_merges_no_two_first_names(engine):
    documents = sorted((SHARED / "corpora" / "polnear" / "dev" / "text").glob("*.txt"))
    records = (engine.record(path.read_text(encoding="utf-8"), path.stem, meta={"outlet": path.stem.split("_", 1)[0]}) for path in documents)
    with build_roster(records, by="outlet") as roster:
        rows = list(roster.speakers())
    assert rows[0]["name"] == "Donald Trump" and len(rows[0]["by"]) == 7
    words = name_words()
    for row in rows[:30]:
        # Every two full names of a speaker: one's words are all in the other's.
        forms = [set(form.words) for form in {form_of(name, "person", words) for name in row["names"]} - {None}]
        assert all(a <= b or b <= a for a in forms for b in forms), (row["name"], row["names"])
