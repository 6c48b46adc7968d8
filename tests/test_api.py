"""The Python API: extract, Engine.pipe, typed results, record round trips and trace forms."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import quotetrace
from conftest import ROOT, spans_slice_back
from quotetrace.output.record import expand_traces
from quotetrace.output.writers import to_json_line
from quotetrace.pipeline import Engine
from quotetrace.results import Attribution, Result, Span

ARTICLE = (ROOT / "examples" / "harbour.txt").read_text(encoding="utf-8")
# A paragraph with a direct quotation, an addressee, a pronoun and a short name.
QUOTE_AND_PRONOUN = (
    "Fire Chief Dana Okafor told the council on Tuesday that the station would close. "
    "“We have no other choice,” she said. Okafor later declined to comment."
)


@pytest.fixture(scope="module")
def full_engine():
    return Engine(trace="full")


def test_extract_gives_a_typed_result_whose_spans_slice_back():
    # construction: speaker, cue, addressee, content with "that"
    result = quotetrace.extract(QUOTE_AND_PRONOUN, id="chief")
    assert isinstance(result, Result) and result.ok and result.id == "chief" and result.text == QUOTE_AND_PRONOUN
    told = next(a for a in result.attributions if a.text_of("cue") == "told")
    assert isinstance(told, Attribution) and told.kind == "indirect"
    assert told.text_of("source") == "Fire Chief Dana Okafor" and told.text_of("addressee") == "the council"
    for attribution in result.attributions:
        for spans in attribution.roles.values():
            for span in spans:
                assert isinstance(span, Span) and QUOTE_AND_PRONOUN[span.start:span.end] == span.text
    okafor = result.actor(told.source_actor)
    assert okafor.name == "Dana Okafor" and {m.type for m in okafor.mentions} >= {"name", "pronoun"}


def test_extract_reuses_one_engine_for_the_bundled_pack():
    quotetrace.extract("The mayor said the road would open.")
    first = quotetrace._DEFAULT_ENGINE
    quotetrace.extract("The mayor said the road would close.")
    assert first is not None and quotetrace._DEFAULT_ENGINE is first


def test_meta_is_carried_into_the_record(engine):
    meta = {"outlet": "Bay Ledger", "tags": ["local", "transport"], "page": 3, "missing": None}
    record = engine.extract("The mayor said the road would open.", id="m1", meta=meta).to_dict()
    assert record["meta"] == meta and list(record)[:6] == ["schema", "id", "status", "length", "pack", "meta"]


def test_pipe_streams_results_in_input_order_with_contexts(engine):
    texts = ["The mayor said the road would open.", "No one spoke.", "“It works,” the engineer said."]
    contexts = [{"id": "x1", "meta": {"n": 1}}, {"id": "x2"}, "not a mapping"]
    results = list(engine.pipe(zip(texts, contexts), as_tuples=True))
    assert [context for _, context in results] == contexts
    assert [result.id for result, _ in results] == ["x1", "x2", "3"]
    assert results[0][0].meta == {"n": 1} and results[1][0].meta is None
    assert [len(result.attributions) for result, _ in results] == [1, 0, 1]


def test_pipe_with_two_processes_gives_the_same_results_as_one(engine):
    texts = [ARTICLE, QUOTE_AND_PRONOUN, "Nothing here.", ARTICLE[:400]] * 2
    one = [r.to_json() for r in engine.pipe(texts)]
    two = [r.to_json() for r in engine.pipe(texts, n_process=2, batch_size=1)]
    assert one == two and len(one) == 8


def test_results_from_worker_processes_read_as_those_made_here(engine):
    # Workers hand records back as JSON bytes, read on first use (quotetrace.parallel); a
    # record with meta, which JSON may not give back as it was, comes back as it was made.
    texts = [ARTICLE, QUOTE_AND_PRONOUN, "Nothing here.", ARTICLE[:400]]
    contexts = [{}, {"meta": {"pair": (1, 2)}}, {}, {}]
    one = list(engine.pipe(zip(texts, contexts), as_tuples=True))
    two = list(engine.pipe(zip(texts, contexts), as_tuples=True, n_process=2, batch_size=1))
    for (a, _), (b, _) in zip(one, two):
        assert b.to_dict() == a.to_dict() and b == a and b.to_json() == a.to_json()
        assert b.attributions == a.attributions and b.actors == a.actors and b.rules == a.rules
    assert two[1][0].meta == {"pair": (1, 2)}


def test_pipe_turns_an_item_that_is_no_text_into_an_error_result(engine):
    results = list(engine.pipe(["The mayor said the road would open.", 42, None]))
    assert [r.status for r in results] == ["ok", "error", "error"]
    assert "must be a text" in results[1].error and results[1].attributions == []


def test_bad_text_never_raises_lone_surrogates_are_replaced_with_offsets_kept(engine):
    text = "The mayor said \ud83d the road would open."
    result = engine.extract(text, id="s")
    assert result.ok and any("surrogate" in note for note in result.notes)
    assert result.attributions[0].text_of("content") == "\ufffd the road would open"
    assert spans_slice_back(result.to_dict(), text.replace("\ud83d", "\ufffd")) > 3
    json.loads(result.to_json())  # writable as UTF-8 JSON


def test_a_broken_rule_pack_raises_rule_pack_error_with_a_located_message(make_pack):
    folder = make_pack(broken="""
        rules:
          - id: attr.broken
            stage: attributions
            pattern: cue:(said
    """)
    with pytest.raises(quotetrace.RulePackError) as caught:
        quotetrace.Engine(folder)
    assert str(caught.value).startswith("broken.yaml:5:") and ": error: " in str(caught.value)


def test_from_dict_reads_back_what_to_dict_wrote_for_every_trace_form(engine, full_engine):
    for made in (engine, full_engine):
        result = made.extract(ARTICLE, id="harbour")
        again = Result.from_dict(json.loads(result.to_json()))
        assert again == result and again.to_json() == result.to_json()
        assert [a.roles for a in again.attributions] == [a.roles for a in result.attributions]
        assert [a.trace.captures for a in again.attributions] == [a.trace.captures for a in result.attributions]
        assert [(h.lexicon, h.entry, h.start, h.end) for a in again.attributions for h in a.trace.lexicon] == \
            [(h.lexicon, h.entry, h.start, h.end) for a in result.attributions for h in a.trace.lexicon]


def test_compact_traces_lose_nothing_against_full_ones(engine, full_engine):
    """The compact record, its text and the pack rebuild the full record byte for byte."""
    for number, text in enumerate((ARTICLE, QUOTE_AND_PRONOUN, ARTICLE + "\n\n" + QUOTE_AND_PRONOUN)):
        compact = engine.record(text, f"d{number}")
        full = full_engine.record(text, f"d{number}")
        assert "rules" in compact and "rules" not in full
        assert to_json_line(expand_traces(compact, text, engine.pack)) == to_json_line(full)
        assert len(to_json_line(compact)) < 0.6 * len(to_json_line(full))


def test_typed_traces_of_engine_results_name_rule_and_entries(engine):
    result = engine.extract(QUOTE_AND_PRONOUN)
    trace = next(a for a in result.attributions if a.text_of("cue") == "told").trace
    assert trace.rule.file == "attributions.yaml" and trace.rule.pattern and trace.rule.description
    hit = next(h for h in trace.lexicon if h.lexicon == "reporting_verbs")
    assert hit.entry == "tell" and hit.file == "lexicons/reporting_verbs.yaml" and hit.attributes.get("class") == "speech"
    pronoun = next(m for a in result.actors for m in a.mentions if m.type == "pronoun")
    assert pronoun.trace.link.rule.startswith("link.pronoun") and pronoun.trace.link.note is None


@settings(max_examples=200, deadline=None)
@given(st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.text(st.characters(exclude_categories=("Cs",))),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(st.characters(exclude_categories=("Cs",)), max_size=5), children, max_size=4),
    max_leaves=20,
))
def test_json_lines_are_the_bytes_json_dumps_would_write(value):
    record = {"id": "x", "value": value}
    assert to_json_line(record) == json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"


def test_the_installed_package_imports_as_quotetrace_from_outside_the_checkout(tmp_path):
    code = "import quotetrace, quotetrace.pipeline; print(quotetrace.__version__, quotetrace.OUTPUT_SCHEMA_VERSION)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [quotetrace.__version__, "quotetrace/2"]
