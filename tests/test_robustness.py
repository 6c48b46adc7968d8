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
    record = engine.record(text, name)
    assert record["status"] == "ok" and record["id"] == name
    spans_slice_back(record, text)


def test_mixed_line_endings_still_split_sentences(engine):
    record = engine.record(HOSTILE["mixed line endings"], "t")
    assert [a["roles"]["source"][0]["text"] for a in record["attributions"]] == ["Putin", "Assad", "Bokova", "Peskov"]


news_words = st.sampled_from(
    ["Putin", "said", "told", "that", "the", "Kremlin", "spokesman", "“", "”", '"', "'", ",", ".", "\n\n", "according", "to", "he", "Dmitry", "Peskov's", "statement", "was", "quoted", "as", "saying"]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.text(max_size=300), st.lists(news_words, max_size=80).map(" ".join)))
def test_any_text_gives_a_record_whose_spans_hold(engine, text):
    record = engine.record(text, "prop")
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
    assert engine.record(text, "prop") == record


pattern_pieces = st.sampled_from(
    ["said", "_", "@titles", "@nope", "<actor>", "<quote>", "<nope>", "%cap", "%nope", "/[A-Z]+/", "/(/", "(", ")", "[", "]",
     "|", "&", "!", "?", "*", "+", "{2,3}", "{3,1}", "x:", "(?=", "(?<=", "^", "$", '"according to"', "'", ",", "{def}", "{nope}", " "]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(pattern_pieces, min_size=1, max_size=12).map("".join))
def test_any_pattern_compiles_or_fails_with_a_located_message(tmp_path_factory, pattern):
    from quotetrace.patterns.compiler import compile_pack
    from quotetrace.rulepack.pack import read_pack

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


# --- hostile rule packs -------------------------------------------------------------
def test_catastrophic_token_regex_costs_one_bounded_error_per_affected_document(make_pack):
    from quotetrace.pipeline import Engine

    pack = make_pack(
        rules="""
rules:
  - {id: bad.regex, description: a regex that backtracks badly, stage: names, pattern: '/(a|aa)+$/ said'}
  - {id: good.rule, description: an ordinary rule, stage: names, pattern: 'Putin'}
"""
    )
    engine = Engine(pack, regex_timeout=0.05)
    poisoned = engine.record("Putin met " + "a" * 40 + "b today.", "poisoned")
    clean = engine.record("Putin met nobody today.", "clean")
    again = engine.record("Later " + "a" * 40 + "b came back. Putin left.", "again")
    assert poisoned["status"] == "ok" and clean["status"] == "ok"
    assert [e["rule"] for e in poisoned["errors"]] == ["bad.regex"]
    assert "errors" not in clean
    assert [e["rule"] for e in again["errors"]] == ["bad.regex"]  # reported again though the token's result is cached


# Unanchored, the slow rule is tried at every token; anchored on "word", only at the
# tokens a search of the word characters finds (quotetrace.patterns.matcher._program_matches).
@pytest.mark.parametrize("slow_pattern", ["((_ | _ _)+)+ %digit", "word ((_ | _ _)+)+ %digit"])
def test_rule_running_past_its_time_limit_loses_only_its_own_matches(make_pack, slow_pattern):
    from quotetrace.pipeline import Engine

    pack = make_pack(
        rules=f"""
rules:
  - {{id: slow.rule, description: nested repetition that never matches, stage: names, pattern: '{slow_pattern}'}}
  - {{id: good.rule, description: an ordinary rule, stage: names, pattern: 'Putin'}}
"""
    )
    engine = Engine(pack, rule_timeout=0.2)
    doc, stages, *_ = engine.analyse("Putin " + "word " * 3000)
    record = engine.record("Putin " + "word " * 3000, "slow")
    assert [e["rule"] for e in record["errors"]] == ["slow.rule"]
    assert [m.rule.id for m in stages["names"]] == ["good.rule"]


@pytest.mark.parametrize("slow_pattern", ["((_ | _ _)+)+ %digit", "word ((_ | _ _)+)+ %digit"])
def test_time_budget_turns_an_overrun_into_an_error_record(make_pack, slow_pattern):
    from quotetrace.pipeline import Engine

    pack = make_pack(rules=f"rules:\n  - {{id: slow.rule, description: d, stage: names, pattern: '{slow_pattern}'}}\n")
    record = Engine(pack, rule_timeout=None, time_budget=0.2).record("word " * 3000, "late")
    assert record["status"] == "error" and "time budget" in record["error"]


def test_max_doc_bytes_gives_an_error_record(engine):
    from quotetrace.pipeline import Engine

    small = Engine(max_doc_bytes=100)
    assert small.extract("x" * 101, id="big").status == "error"
    assert small.extract("x" * 99, id="fine").ok


def test_yaml_alias_bomb_object_tags_and_huge_files_are_clear_errors(make_pack):
    from quotetrace.rulepack.pack import read_pack

    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(8)
    )
    folder = make_pack(bomb=bomb, tag="rules: !!python/object/apply:os.system ['echo hi']\n")
    messages = [str(p) for p in read_pack(folder).problems]
    assert any(m.startswith("bomb.yaml:") and "alias expansions" in m for m in messages)
    assert any(m.startswith("tag.yaml:1:") and "not allowed" in m for m in messages)
    (folder / "huge.yaml").write_text("# " + "x" * (6 * 1024 * 1024) + "\n", encoding="utf-8")
    assert any(m.startswith("huge.yaml:1:1:") and "larger than" in m for m in (str(p) for p in read_pack(folder).problems))


def test_deeply_nested_definitions_are_rejected_with_a_message(make_pack):
    from quotetrace.patterns.compiler import compile_pack
    from quotetrace.rulepack.pack import read_pack

    chain = "".join(f"  d{i}: x {{d{i + 1}}}\n" for i in range(200)) + "  d200: x\n"
    folder = make_pack(deep=f"define:\n{chain}rules:\n  - {{id: r, description: d, stage: names, pattern: '{{d0}}'}}\n")
    pack = read_pack(folder)
    compile_pack(pack)
    assert any("nest more than 40 deep" in p.message for p in pack.problems)


def test_catastrophic_rule_over_a_corpus_from_the_command_line(make_pack, tmp_path):
    import json
    import subprocess
    import sys

    from conftest import ROOT

    pack = make_pack(
        rules="""
rules:
  - {id: bad.regex, description: a regex that backtracks badly, stage: names, pattern: '/(a|aa)+$/ said'}
  - {id: actor.any, description: capitalised words, stage: actors, pattern: 'name:[%cap]'}
  - {id: attr.said, description: X said Y, stage: attributions, key: cue, pattern: 'source:<actor> cue:said content:(_+?) $'}
"""
    )
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Putin said " + "a" * 40 + "b happened.", encoding="utf-8")
    (corpus / "b.txt").write_text("Assad said nothing happened.", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "quotetrace", "extract", "--rules", str(pack), str(corpus)], capture_output=True, text=True, cwd=ROOT, timeout=120)
    records = {r["id"]: r for r in map(json.loads, result.stdout.splitlines())}
    assert result.returncode == 0
    assert [e["rule"] for e in records["a"]["errors"]] == ["bad.regex"]
    assert records["a"]["attributions"][0]["roles"]["source"][0]["text"] == "Putin"
    assert "errors" not in records["b"] and records["b"]["attributions"][0]["roles"]["source"][0]["text"] == "Assad"


def test_token_type_cache_stays_bounded_and_never_changes_a_record(engine, monkeypatch):
    # A long run over an archive meets ever new tokens (names, numbers, typos); the cache of
    # their encodings is emptied when full, so memory stays flat, and a record is the same
    # whether its tokens came from the cache or not.
    import quotetrace.patterns.encoding as encoding

    text = "Harbor pilot Ana Ruiz said the ferry would sail at 9:40 on Friday, the union said."
    fresh = engine.record(text, "d")
    monkeypatch.setattr(encoding, "TYPE_CACHE_LIMIT", 50)
    for number in range(400):
        engine.record(f"Dock worker Zed{number}x said berth {number * 7} was closed.", "n")
        assert len(engine.compiled.encoding._types) <= 50
    assert engine.record(text, "d") == fresh
