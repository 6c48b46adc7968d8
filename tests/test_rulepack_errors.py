"""Bad rule packs give every problem as FILE:LINE:COL: severity: message, never a traceback."""
import subprocess
import sys

import pytest
import regex

from quotetrace.errors import RulePackError
from quotetrace.pipeline import Engine
from quotetrace.rulepack.pack import read_pack
from quotetrace.patterns.compiler import compile_pack


def problems(folder):
    pack = read_pack(folder)
    if not any(p.severity == "error" for p in pack.problems):
        compile_pack(pack)
    return [str(p) for p in sorted(set(pack.problems))]


def test_yaml_syntax_error_is_located(make_pack):
    folder = make_pack(bad="rules:\n  - id: x\n    pattern: [unclosed\n")
    assert problems(folder)[0].startswith("bad.yaml:4:1: error: YAML syntax error")


def test_unknown_key_suggests_the_right_one(make_pack):
    folder = make_pack(bad="rules:\n  - id: x\n    stage: names\n    patern: Putin\n")
    found = problems(folder)
    assert "bad.yaml:4:5: error: unknown key 'patern' in a rule; did you mean 'pattern'?" in found


def test_wrong_value_type(make_pack):
    folder = make_pack(bad="rules:\n  - id: x\n    stage: names\n    priority: high\n    pattern: Putin\n")
    assert "bad.yaml:4:15: error: 'priority' must be a whole number" in problems(folder)


def test_match_first_lives_in_the_tuning_file_and_takes_before_or_after(make_pack):
    folder = make_pack(
        rules="rules:\n  - {id: one, description: d, stage: names, pattern: Putin}\n  - {id: two, description: d, stage: names, pattern: Assad}\n",
        tuning="match_first:\n  one: left\n  tow: after\n",
    )
    found = problems(folder)
    assert "tuning.yaml:2:8: error: match_first of 'one' must be 'before' or 'after' (the side of the anchor matched first), not 'left'" in found
    assert "tuning.yaml:3:3: warning: no rule 'tow' in the pack; did you mean 'two'?" in found


def test_match_first_on_a_rule_says_where_it_goes_now(make_pack):
    folder = make_pack(bad="rules:\n  - id: x\n    stage: names\n    match_first: after\n    pattern: Putin\n")
    assert problems(folder) == ["bad.yaml:4:5: error: 'match_first' is a speed setting and lives in tuning.yaml now, by rule id: match_first: {x: after}"]


def test_duplicate_rule_ids_name_the_first_definition(make_pack):
    folder = make_pack(a="rules:\n  - {id: x, description: d, stage: names, pattern: Putin}\n", b="rules:\n  - {id: x, description: d, stage: names, pattern: Assad}\n")
    assert "b.yaml:2:5: error: duplicate rule id 'x' (first defined at a.yaml:2)" in problems(folder)


def test_pattern_syntax_error_points_inside_the_pattern(make_pack):
    folder = make_pack(bad="rules:\n  - id: x\n    description: d\n    stage: names\n    pattern: 'Putin (said'\n")
    assert problems(folder) == ["bad.yaml:5:26: error: pattern ends too early (an unclosed bracket or a dangling '|'?)"]


def test_pattern_error_in_a_block_scalar_points_at_its_line(make_pack):
    folder = make_pack(bad="rules:\n  - id: x\n    description: d\n    stage: names\n    pattern: >\n      Putin\n      said )\n")
    assert problems(folder) == ["bad.yaml:7:12: error: unexpected ) in pattern; expected $end"]


def test_unknown_lexicon_label_and_definition(make_pack):
    folder = make_pack(
        bad="""rules:
  - {id: a, description: d, stage: names, pattern: '@nowhere'}
  - {id: b, description: d, stage: actors, pattern: '<nothing>'}
  - {id: c, description: d, stage: names, pattern: '{missing}'}
"""
    )
    found = problems(folder)
    assert any(p.startswith("bad.yaml:2:53: error: unknown lexicon '@nowhere'") for p in found)
    assert any(p.startswith("bad.yaml:3:54: error: unknown label '<nothing>'") for p in found)
    assert any(p.startswith("bad.yaml:4:53: error: unknown definition '{missing}'") for p in found)


def test_label_of_a_later_stage_is_an_error(make_pack):
    folder = make_pack(
        bad="""rules:
  - {id: early, description: d, stage: names, pattern: '<actor> said'}
  - {id: late, description: d, stage: actors, pattern: 'Putin'}
"""
    )
    assert any("label '<actor>' is produced by the later stage 'actors'" in p for p in problems(folder))


def test_regex_that_does_not_compile_and_risky_regex(make_pack):
    folder = make_pack(
        bad="""rules:
  - {id: a, description: d, stage: names, pattern: '/(unclosed/'}
  - {id: b, description: d, stage: names, pattern: '/(a+)+/'}
"""
    )
    found = problems(folder)
    assert any(p.startswith("bad.yaml:2:") and "regex does not compile" in p for p in found)
    assert any(p.startswith("bad.yaml:3:") and "warning: regex has a repeated group" in p for p in found)


def test_recursive_definition_is_rejected(make_pack):
    folder = make_pack(bad="define:\n  a: x {b}\n  b: y {a}\nrules:\n  - {id: r, description: d, stage: names, pattern: '{a}'}\n")
    assert any("refers to itself through a -> b -> a" in p for p in problems(folder))


def test_yaml_booleans_in_lexicons_are_explained(make_pack):
    folder = make_pack(bad="lexicons:\n  - id: words\n    entries: [yes, no]\nrules:\n  - {id: r, description: d, stage: names, pattern: '@words'}\n")
    assert any("quote it" in p for p in problems(folder))


def test_engine_refuses_a_pack_with_errors(make_pack):
    folder = make_pack(bad="rules:\n  - {id: a, description: d, stage: names, pattern: 'x ('}\n")
    with pytest.raises(RulePackError) as caught:
        Engine(folder)
    assert str(caught.value).startswith("bad.yaml:2:")


def test_cli_reports_bad_rules_in_one_line_each_without_traceback(make_pack, tmp_path):
    folder = make_pack(bad="rules:\n  - {id: a, description: d, stage: names, pattern: 'x ('}\n")
    text = tmp_path / "t.txt"
    text.write_text("Putin said.", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "quotetrace", "extract", "--rules", str(folder), str(text)], capture_output=True, text=True)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0].startswith(f"{folder}/bad.yaml:2:")


def test_check_on_the_bundled_pack_is_clean():
    result = subprocess.run([sys.executable, "-m", "quotetrace", "check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    assert result.stdout == ""
    # A clean check still says what it checked, on stderr: files, rules per stage, 0 errors.
    summary = result.stderr.strip()
    assert regex.fullmatch(r".*rules: \d+ files, (\d+) rules \(names (\d+), actors (\d+), attributions (\d+), sources (\d+)\), \d+ lexicons, \d+ definitions: 0 errors, 0 warnings", summary), summary
    total, *per_stage = map(int, regex.fullmatch(r".*?(\d+) rules \(names (\d+), actors (\d+), attributions (\d+), sources (\d+)\).*", summary).groups())
    assert total == sum(per_stage) and all(per_stage)


def test_check_summary_counts_errors(make_pack):
    folder = make_pack(bad="rules:\n  - id: r\n    description: d\n    stage: nowhere\n    pattern: said\n")
    result = subprocess.run([sys.executable, "-m", "quotetrace", "check", str(folder)], capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.strip().endswith("1 error, 0 warnings"), result.stderr


def test_a_rule_whose_token_test_accepts_no_token_is_unreachable(make_pack):
    folder = make_pack(
        bad="""define:
  both: '[%cap & (said | told) & !@people]'
lexicons:
  - {id: people, description: d, entries: [said, told]}
rules:
  - {id: direct, description: d, stage: names, pattern: 'the [said & told] x'}
  - {id: through-definition, description: d, stage: names, pattern: 'name:({both})'}
  - {id: optional-is-fine, description: d, stage: names, pattern: 'the {both}? x'}
"""
    )
    found = problems(folder)
    assert "bad.yaml:6:62: warning: rule 'direct' can never match: its token test accepts no token (the parts of an & exclude each other)" in found
    assert any(p.startswith("bad.yaml:7:76: warning: rule 'through-definition' can never match") for p in found)
    assert not any("optional-is-fine" in p for p in found)


def test_a_lexicon_with_multi_word_entries_inside_brackets_is_flagged(make_pack):
    # [@verbs & %lower] tests one token, so "point out" can never match there.
    folder = make_pack(
        bad="""lexicons:
  - {id: verbs, description: d, entries: [said, point out]}
rules:
  - {id: bracketed, description: d, stage: names, pattern: 'x [@verbs & %lower]'}
  - {id: negated-is-fine, description: d, stage: names, pattern: 'y [%lower & !@verbs]'}
  - {id: outside-is-fine, description: d, stage: names, pattern: 'z (?= [%lower]) @verbs'}
"""
    )
    found = [p for p in problems(folder) if "multi-word" in p]
    assert found == [
        'bad.yaml:4:63: warning: \'@verbs\' inside [...] tests one token, so its multi-word entries (like "point out") never match there; write @verbs outside the brackets, with (?= [...]) for the other conditions'
    ]


def test_a_rule_with_the_same_pattern_as_a_stronger_one_is_unreachable(make_pack):
    folder = make_pack(
        a="""rules:
  - {id: first, description: d, stage: names, pattern: 'Dr. %cap'}
  - {id: other-stage, description: d, stage: actors, pattern: 'Dr. %cap'}
""",
        b="""rules:
  - {id: same-but-spaced, description: d, stage: names, pattern: 'Dr.   %cap'}
  - {id: stronger, description: d, stage: names, priority: 5, pattern: 'Prof. %cap'}
  - {id: weaker, description: d, stage: names, pattern: 'Prof. %cap'}
""",
    )
    found = [p for p in problems(folder) if "unreachable" in p]
    assert found == [
        "b.yaml:2:67: warning: rule 'same-but-spaced' is unreachable: rule 'first' (a.yaml:2) has the same pattern and stage and wins every tie; delete one or change its pattern",
        "b.yaml:4:58: warning: rule 'weaker' is unreachable: rule 'stronger' (b.yaml:3) has the same pattern and stage and wins every tie; delete one or change its pattern",
    ]


def test_unknown_capture_as_key_unused_lexicon_and_unused_definition(make_pack):
    folder = make_pack(
        bad="""lexicons:
  - {id: spare, description: never used, entries: [foo]}
define:
  idle: 'x y'
rules:
  - {id: keyed, description: d, stage: attributions, key: speaker, pattern: 'source:%cap cue:said'}
  - {id: no-cue, description: d, stage: attributions, pattern: 'source:%cap said'}
"""
    )
    found = problems(folder)
    assert "bad.yaml:6:1: error: rule 'keyed': key 'speaker' is not a capture of its pattern (captures: cue, source)" in found
    assert any(p.startswith("bad.yaml:7:") and "an attribution rule must capture its cue (cue:...)" in p for p in found)
    assert "bad.yaml:2:1: warning: lexicon 'spare' is not used by any rule pattern" in found
    assert "bad.yaml:4:1: warning: definition 'idle' is not used by any rule" in found


def test_check_warns_when_a_pack_lost_a_lexicon_the_engine_reads(make_pack):
    from quotetrace.patterns.compiler import compile_pack
    from quotetrace.rulepack.pack import read_pack

    folder = make_pack(words="""
        lexicons:
          - {id: articles, entries: [the, a, an]}
        rules:
          - {id: attr.says, description: Says., stage: attributions, pattern: 'source:%cap cue:says content:(_+?) .'}
    """)
    pack = read_pack(folder)
    compile_pack(pack)
    warnings = [p.message for p in pack.problems if "the engine reads them" in p.message]
    assert len(warnings) == 1
    named = warnings[0].split(":")[0].removeprefix("the pack has no lexicon ").split(", ")
    assert "possessives" in named and "articles" not in named


def test_check_reports_every_problem_at_once(make_pack):
    """Structure errors, syntax errors and each unknown name of a pattern, in one run."""
    from quotetrace.patterns.cache import compiled_pack

    folder = make_pack(bad="""
        rules:
          - id: attr.one
            description: One.
            stage: attributions
            pattern: 'source:@nosuch cue:said content:(<nolabel> _+?) {nodef} {other}'
          - id: attr.one
            description: The same id again.
            stage: attributions
            pattern: 'cue:said'
          - id: attr.two
            description: Unknown stage.
            stage: nostage
            pattern: 'cue:said'
          - id: attr.three
            description: Unclosed.
            stage: attributions
            pattern: 'source:%cap cue:(said'
    """)
    errors = [str(p) for p in compiled_pack(folder, cache=False).problems if p.severity == "error"]
    expected = ["unknown lexicon '@nosuch'", "unknown label '<nolabel>'", "unknown definition '{nodef}'",
                "unknown definition '{other}'", "duplicate rule id 'attr.one'", "unknown stage 'nostage'", "pattern ends too early"]
    assert len(errors) == len(expected)
    for piece in expected:
        assert any(piece in error for error in errors), piece


def test_check_flags_regexes_that_can_backtrack_catastrophically(make_pack):
    from quotetrace.patterns.cache import compiled_pack

    folder = make_pack(regexes="""
        rules:
          - {id: attr.overlap, description: Overlap., stage: attributions, pattern: 'source:[/(a|aa)+x/] cue:said'}
          - {id: attr.nested, description: Nested., stage: attributions, pattern: 'source:[/(\\w+-?)+z/] cue:said'}
          - {id: attr.fine, description: Fine., stage: attributions, pattern: 'source:[/\\w+(s|ed|ing)/] cue:said'}
    """)
    warnings = {p.line: p.message for p in compiled_pack(folder, cache=False).problems if "backtrack" in p.message}
    assert sorted(warnings) == [3, 4]
    assert "(like (a|aa)+)" in warnings[3] and "(like (a+)+)" in warnings[4]


def test_unknown_word_class_in_a_lexicon_filter_is_located(make_pack):
    folder = make_pack(bad="lexicons:\n  - {id: verbs, entries: [said]}\nrules:\n  - id: x\n    description: d\n    stage: names\n    pattern: '@verbs[%nouns]'\n")
    found = problems(folder)
    assert any(p.startswith("bad.yaml:7:") and "unknown word class %nouns in the filter of '@verbs'" in p for p in found), found
