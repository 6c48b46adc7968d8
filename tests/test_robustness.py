"""Hostile input never crashes the engine, and every record keeps its promises (offsets, nesting, determinism)."""
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import spans_slice_back

HOSTILE = {
    "empty": "",
    "white space only": "   \n\n \t ",
    "NUL bytes": "Putin\x00 said\x00 no.\x00",
    "control characters": "".join(chr(i) for i in range(32)) + " Putin said hi.",
    "10,000 unbalanced quote marks": '"' * 10000,
    "quotes never closed": 'He said "yes. ' * 2000,
    "one very long token": "a" * 200000 + " said hi",
    "mixed line endings": "Putin said yes.\r\nAssad said no.\rBokova said maybe.\u2028Peskov said so.",
    "right-to-left and combining characters": "قال بوتين إن روسيا ستساعد. Zoë said “é\u0301”.",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input_gives_a_correct_record(engine, name):
    text = HOSTILE[name]
    record = engine.extract(text, name)
    assert record["status"] == "ok" and record["id"] == name
    spans_slice_back(record, text)


def test_mixed_line_endings_still_split_sentences(engine):
    record = engine.extract(HOSTILE["mixed line endings"], "t")
    assert [a["roles"]["source"][0]["text"] for a in record["attributions"]] == ["Putin", "Assad", "Bokova", "Peskov"]


news_words = st.sampled_from(
    ["Putin", "said", "told", "that", "the", "Kremlin", "spokesman", "“", "”", '"', "'", ",", ".", "\n\n", "according", "to", "he", "Dmitry", "Peskov's", "statement", "was", "quoted", "as", "saying"]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.text(max_size=300), st.lists(news_words, max_size=80).map(" ".join)))
def test_any_text_gives_a_record_whose_spans_hold(engine, text):
    record = engine.extract(text, "prop")
    assert record["status"] == "ok"
    spans_slice_back(record, text)
    ids = {a["id"]: a for a in record["attributions"]}
    for attribution in record["attributions"]:
        for fragments in attribution["roles"].values():
            for f in fragments:
                assert 0 <= f["start"] < f["end"] <= len(text)
        if attribution["parent"]:
            parent = ids[attribution["parent"]]
            cue = attribution["roles"]["cue"][0]
            assert any(c["start"] <= cue["start"] and cue["end"] <= c["end"] for c in parent["roles"]["content"])
    assert engine.extract(text, "prop") == record


pattern_pieces = st.sampled_from(
    ["said", "_", "@titles", "@nope", "<actor>", "<quote>", "<nope>", "%cap", "%nope", "/[A-Z]+/", "/(/", "(", ")", "[", "]",
     "|", "&", "!", "?", "*", "+", "{2,3}", "{3,1}", "x:", "(?=", "(?<=", "^", "$", '"according to"', "'", ",", "{def}", "{nope}", " "]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(pattern_pieces, min_size=1, max_size=12).map("".join))
def test_any_pattern_compiles_or_fails_with_a_located_message(tmp_path_factory, pattern):
    from engine.patterns.compiler import compile_pack
    from engine.rulepack.pack import read_pack

    folder = tmp_path_factory.mktemp("fuzz")
    quoted = pattern.replace("'", "''")
    (folder / "r.yaml").write_text(
        "define:\n  def: said\nlexicons:\n  - {id: titles, entries: [president]}\n"
        f"rules:\n  - {{id: a, description: d, stage: names, label: actor, pattern: '[%cap]'}}\n  - id: b\n    description: d\n    stage: actors\n    pattern: '{quoted}'\n",
        encoding="utf-8",
    )
    pack = read_pack(folder)
    if not any(p.severity == "error" for p in pack.problems):
        compile_pack(pack)
    for problem in pack.problems:
        assert problem.file == "r.yaml" and problem.line >= 1 and problem.column >= 1
