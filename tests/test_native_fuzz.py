"""Fuzzing the native core through its Python binding, with a bounded number of examples.

- Random small patterns, compiled by the project's own compiler both ways (the `regex`
  program of patterns.lower and the VM program of patterns.tokenvm) and tried at every token
  of real encoded streams: the same matches at the same tokens with the same spans for every
  group. This reaches constructions the bundled rules combine rarely (lookbehinds holding
  lazy repeats, captures inside negative lookarounds, units inside repeats).
- Hostile input to the binding: corrupt programs and streams of any code points are refused
  with ValueError or run to an answer; no panic, no crash. A pathological program stops at
  its step budget.
"""
from __future__ import annotations

import json

import pytest
import regex
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from quotetrace.patterns import native
from quotetrace.patterns.definitions import splice_definitions
from quotetrace.patterns.lower import RuleCompiler
from quotetrace.patterns.syntax import PatternSyntaxError, parse_pattern
from quotetrace.patterns.tokenvm import PackTables, ProgramBuilder, Unsupported
from quotetrace.pipeline import Engine
from quotetrace.text.words import literal_words

pytestmark = pytest.mark.skipif(not native.available(), reason=native.why_unavailable() or "")

# Short news paragraphs of our own, with names, quotations and cues, so that labels of the
# earlier stages (<actor>, <name>, <quote>) are present in the stream.
TEXTS = [
    "Mayor Ana Ruiz said that the bridge will reopen in May. “It is done,” she told reporters on Friday.",
    "The ministry said in a statement that prices would fall, according to two officials who asked not to be named.",
    "“We will not back down,” said Tom Hale, a spokesman for the union. Critics, however, say the plan is late.",
    "According to the police, the suspect fled. He was arrested later, the agency reported, citing local media.",
]

LEXICONS = ["reporting_verbs", "titles", "possessives", "auxiliaries", "pronouns"]
WORDS = ["said", "told", "the", "that", "according", "to", "she", "he", "police", "in", ",", ".", '"“"', '"”"']
ATOMS = WORDS + ["_", "[%cap]", "[%lower]", "[!%punct]", "[%inquote]", "[%cap & !@titles]", "<actor>", "<name>", "<quote>", "^", "$"] + [f"@{x}" for x in LEXICONS]


@pytest.fixture(scope="module")
def setting():
    engine = Engine(engine="python")
    streams = [engine.analyse(text).streams["attributions"] for text in TEXTS]
    return engine, streams


def patterns():
    def extend(inner):
        return st.one_of(
            st.lists(inner, min_size=2, max_size=4).map(" ".join),
            st.lists(inner, min_size=2, max_size=3).map(lambda xs: "(" + " | ".join(xs) + ")"),
            st.tuples(inner, st.sampled_from(["?", "*", "+", "{1,3}", "{2}", "*?", "+?", "{1,3}?", "??"])).map(lambda p: f"({p[0]}){p[1]}"),
            st.tuples(st.sampled_from(["a", "b"]), inner).map(lambda p: f"{p[0]}:({p[1]})"),
            st.tuples(st.sampled_from(["?=", "?!", "?<=", "?<!"]), inner).map(lambda p: f"({p[0]} {p[1]})"),
        )

    return st.recursive(st.sampled_from(ATOMS), extend, max_leaves=8)


def both_programs(engine, pattern, match_first):
    pack = engine.pack
    compiled = pack.compiled
    tree = parse_pattern(pattern, literal_words)
    tree = splice_definitions(tree, compiled.definitions, pack.definitions, set(), ())
    encoding = compiled.encoding
    compiler = RuleCompiler(encoding, compiled.lexicon_words, compiled.regex_sources, compiled.label_stage, "attributions")
    source = compiler.anchored(tree, match_first)
    tables = PackTables(encoding)
    builder = ProgramBuilder(tables, encoding, compiled.lexicon_words, compiled.regex_sources, compiled.label_stage, "attributions")
    tables.rules.append(builder.build(tree, match_first))
    return regex.compile(source, regex.V1 | regex.DOTALL), native._native.Programs(tables.document()), builder.groups


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.filter_too_much])
@given(patterns(), st.sampled_from(["before", "after"]))
def test_random_patterns_match_alike_on_both_paths(setting, pattern, match_first):
    engine, streams = setting
    try:
        program, programs, groups = both_programs(engine, pattern, match_first)
    except (PatternSyntaxError, Unsupported):
        assume(False)
    except Exception as exc:  # the regex path refuses it too (an unknown word, a nullable pattern)
        if "_Fail" in type(exc).__name__ or type(exc).__name__ in ("KeyError",):
            assume(False)
        raise
    width = engine.compiled.encoding.width
    for stream in streams:
        expected = {}
        for token in range(len(stream) // width):
            m = program.match(stream, token * width)
            if m:
                expected[token] = {name: [(s // width, e // width) for s, e in m.spans(name)] for name in program.groupindex}
        found, _, limit = programs.run(0, native._native.Stream(stream, width), 10_000_000)
        assert limit is None
        got = {}
        for token, log in found:
            spans = {name: [] for name in program.groupindex}
            for group, first, end in log:
                spans[groups[group]].append((first, end))
            got[token] = spans
        assert got == expected, pattern


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=0, max_size=80), st.integers(min_value=1, max_value=12))
def test_any_stream_is_read_or_refused(text, width):
    try:
        stream = native._native.Stream(text, width)
    except ValueError:
        assert len(text) % width
        return
    assert stream.tokens == len(text) // width


CORRUPTIONS = [
    "", "null", "[]", "{}", '{"format": 1}', '{"format": 99, "width": 1, "sets": [], "tests": [], "lexicons": [], "rules": []}',
]


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_corrupt_programs_are_refused_not_crashed(setting, data):
    engine, streams = setting
    good = json.loads(engine.compiled.native.data)
    rule = data.draw(st.integers(0, len(good["rules"]) - 1))
    document = {**good, "rules": [good["rules"][rule]]}
    code = document["rules"][0]["code"]
    # Change one operand of one instruction to any integer (or drop the instruction).
    at = data.draw(st.integers(0, len(code) - 1))
    instruction = list(code[at])
    if data.draw(st.booleans()) and len(instruction) > 1:
        instruction[data.draw(st.integers(1, len(instruction) - 1))] = data.draw(st.integers(-5, 100_000))
        code = code[:at] + [instruction] + code[at + 1:]
    else:
        code = code[:at] + code[at + 1:]
    document["rules"] = [{**document["rules"][0], "code": code}]
    try:
        programs = native._native.Programs(json.dumps(document))
    except ValueError:
        return
    width = good["width"]
    for stream in streams:
        found, steps, limit = programs.run(0, native._native.Stream(stream, width), 200_000, 10_000)
        assert isinstance(found, list) and steps >= 0 and limit in (None, "steps", "stack")


@pytest.mark.parametrize("text", CORRUPTIONS)
def test_malformed_program_documents_are_refused(text):
    with pytest.raises(ValueError):
        native._native.Programs(text)


def test_a_pathological_program_stops_at_its_step_budget(setting):
    engine, streams = setting
    # (_*)* over a long stream would backtrack exponentially; nested counted repeats of
    # "any token" come close and must stop at the budget with no matches.
    program, programs, _ = both_programs(engine, "(_{1,3})+ (_{1,3})+ (_{1,3})+ [%quote & %lower]", "before")
    stream = streams[0] * 8
    found, steps, limit = programs.run(0, native._native.Stream(stream, engine.compiled.encoding.width), 100_000)
    assert limit == "steps" and found == [] and steps > 100_000


def test_a_program_needing_too_many_choice_points_stops_at_its_memory_bound(setting):
    engine, streams = setting
    # Each token taken by (_ | _)+ leaves two choice points behind (the repetition's and the
    # alternation's): past max_stack of them at once the rule stops, with no matches.
    program, programs, _ = both_programs(engine, "(_ | _)+ [%quote & %lower]", "before")
    stream = native._native.Stream(streams[0] * 8, engine.compiled.encoding.width)
    found, _, limit = programs.run(0, stream, 10_000_000, 100)
    assert limit == "stack" and found == []
    # Within the default bound the same search (exponential: each token may be either
    # alternative) runs out of steps long before it would out of memory.
    assert programs.run(0, stream, 10_000_000)[2] == "steps"


@pytest.mark.parametrize("pattern", ['<quote> "," <actor> said', '[%quote] [!%sentend]{1,20} [%quote] ","? (the | a)? [%cap]+ (told | said)', "<actor> (?! that) [%lower]{0,3} said that",
                                     'said [%lower]{0,3} (?= [%quote]) <quote>', '<actor> [%lower & !%punct]* <quote>'])
def test_guards_before_an_anchor_keep_the_same_matches(setting, pattern):
    # Guards (tokenvm.ProgramBuilder.guards) rule starts out before the VM tries them: only
    # starts where the items before or after the anchor (or after the first item of a rule
    # without one) could not match, so the matches are those of the regex program.
    engine, streams = setting
    program, programs, groups = both_programs(engine, pattern, "before")
    assert json.loads(programs_document(engine, pattern))["rules"][0]["guards"], "the pattern gets a guard"
    width = engine.compiled.encoding.width
    for stream in streams:
        expected = sorted(token for token in range(len(stream) // width) if program.match(stream, token * width))
        found, _, _ = programs.run(0, native._native.Stream(stream, width), 10_000_000)
        assert [token for token, _ in found] == expected


def programs_document(engine, pattern):
    compiled = engine.pack.compiled
    tree = splice_definitions(parse_pattern(pattern, literal_words), compiled.definitions, engine.pack.definitions, set(), ())
    tables = PackTables(compiled.encoding)
    builder = ProgramBuilder(tables, compiled.encoding, compiled.lexicon_words, compiled.regex_sources, compiled.label_stage, "attributions")
    tables.rules.append(builder.build(tree, "before"))
    return tables.document()
