"""Rule files people can read and annotate: comments in patterns, exact positions in
patterns over several lines, speed settings in tuning.yaml, the pack manifest (pack.yaml)
and its label hierarchy."""
import pytest
import yaml

from quotetrace.errors import RulePackError
from quotetrace.patterns.compiler import compile_pack, literal_words
from quotetrace.patterns.syntax import Phrase, PatternSyntaxError, parse_pattern
from quotetrace.pipeline import Engine
from quotetrace.rulepack.located_yaml import scalar_text_position
from quotetrace.rulepack.pack import read_pack

VERBS = """
lexicons:
  - id: verbs
    entries: [said, says, told, wrote]
"""


def problems(folder):
    pack = read_pack(folder)
    if not any(p.severity == "error" for p in pack.problems):
        compile_pack(pack)
    return [str(p) for p in sorted(set(pack.problems))]


def programs(folder):
    pack = read_pack(folder)
    compiled = compile_pack(pack)
    assert not [p for p in pack.problems if p.severity == "error"], pack.problems
    return {c.rule.id: (c.source, c.pattern_text) for rules in compiled.rules_by_stage.values() for c in rules}


# --- comments --------------------------------------------------------------------------
def test_a_comment_runs_to_the_end_of_its_line_and_a_quoted_hash_is_a_word():
    tree = parse_pattern("tag '#'  # the hash sign itself, quoted\n  \"#\" x # and again", literal_words)
    assert [type(item).__name__ for item in tree.items] == ["Token", "Phrase", "Phrase", "Token"]
    assert [item.words for item in tree.items if isinstance(item, Phrase)] == [("#",), ("#",)]
    with pytest.raises(PatternSyntaxError) as caught:
        parse_pattern("said (that  # an open bracket\n", literal_words)
    assert caught.value.offset == len("said (that")  # after the last token, not after the comment


def test_a_commented_pattern_over_several_lines_compiles_to_the_one_line_program(make_pack):
    one_line = make_pack(lexicons=VERBS, rules="""
        rules:
          - id: attr.plain
            description: d
            stage: attributions
            pattern: 'source:[%cap]+ cue:@verbs content:(that? _+?) $'
        """)
    commented = make_pack(lexicons=VERBS, rules="""
        rules:
          - id: attr.plain
            description: d
            stage: attributions
            pattern: |
              source:[%cap]+         # the speaker: capitalised words
              cue:@verbs             # the verb of saying
              content:(that? _+?) $  # the rest of the sentence, "that" included
        """)
    before = programs(one_line)["attr.plain"]
    after = programs(commented)["attr.plain"]
    assert after == before  # the same program, and traces show the pattern without its notes


def test_comments_in_definitions_and_in_lexicon_filters(make_pack):
    folder = make_pack(lexicons="""
        lexicons:
          - id: verbs
            entries: [{form: said, class: '#1'}, {form: wrote, class: other}]
        """, rules="""
        define:
          cue: |
            @verbs[class=#1]   # a '#' inside a filter is part of it
        rules:
          - id: attr.x
            description: d
            stage: attributions
            pattern: |
              source:[%cap]+ cue:{cue}   # only "said"
        """)
    engine = Engine(folder, cache=False)
    cues = [a["roles"]["cue"][0]["text"] for a in engine.record("Berg said. Lund wrote.")["attributions"]]
    assert cues == ["said"]


@pytest.mark.parametrize("style", [">", "plain", "quoted"])
def test_a_comment_in_a_scalar_whose_lines_yaml_joins_is_an_error_at_the_comment(make_pack, style):
    # YAML joins the lines of these scalars, so the comment would swallow "cue:said".
    body = {
        ">": "pattern: >\n      source:[%cap]  # who\n      cue:said\n",
        "plain": "pattern: source:[%cap]#who\n      cue:said\n",
        "quoted": "pattern: 'source:[%cap]  # who\n      cue:said'\n",
    }[style]
    folder = make_pack(bad=f"rules:\n  - id: x\n    description: d\n    stage: attributions\n    {body}")
    found = problems(folder)
    assert len(found) == 1 and "literal block (pattern: |)" in found[0], found
    _, line, column, _ = found[0].split(":", 3)
    assert (folder / "bad.yaml").read_text(encoding="utf-8").splitlines()[int(line) - 1][int(column) - 1] == "#"


def test_a_folded_comment_that_swallows_a_bracket_is_reported_as_the_comment(make_pack):
    folder = make_pack(bad="rules:\n  - id: x\n    description: d\n    stage: names\n    pattern: >\n      (said  # the verb\n      | told)\n")
    (problem,) = problems(folder)
    assert problem.startswith("bad.yaml:6:14: error: a # comment in a folded block (>) runs on to the end of the pattern")


def test_a_comment_at_the_end_of_a_one_line_pattern_is_fine(make_pack):
    folder = make_pack(lexicons=VERBS, rules="rules:\n  - {id: x, description: d, stage: names, pattern: 'said  # the verb'}\n")
    assert [p for p in problems(folder) if "error" in p] == []


# --- positions inside patterns over several lines ----------------------------------------
def test_an_error_deep_in_a_commented_block_points_at_its_line_and_column(make_pack):
    folder = make_pack(lexicons=VERBS, rules="""
        rules:
          - id: attr.x
            description: d
            stage: attributions
            pattern: |
              source:[%cap]+     # who

              cue:@verbs         # what they did
                content:(@nowhere _+?) $
        """)
    (problem,) = [p for p in problems(folder) if "nowhere" in p]
    assert problem.startswith("rules.yaml:10:18: error: unknown lexicon '@nowhere'")


def _node(text):
    """The value node of the first `pattern:` key in a YAML text."""
    def find(node):
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value == "pattern":
                    return value
                found = find(value)
                if found is not None:
                    return found
        if isinstance(node, yaml.SequenceNode):
            for item in node.value:
                found = find(item)
                if found is not None:
                    return found
        return None
    return find(yaml.compose(text))


STYLES = {
    "literal": "rule:\n  pattern: |\n    source:<actor>  # who\n\n    cue:said\n      content:(_+?) $\n  next: 1\n",
    "literal, stripped": "pattern: |-\n  one two\n  three\n",
    "folded": "pattern: >\n  one two\n  three\n\n  four\n    indented\n  five\n",
    "plain over lines": "pattern: one two\n  three   four\n\n  five\nnext: 1\n",
    "single-quoted": "pattern: 'it''s one\n  two'\n",
    "double-quoted": 'pattern: "a\\tb \\u00e9 c\\\n   d\n  e"\n',
    "flow mapping": "- {id: x, pattern: 'source:<actor> cue:said'}\n",
}


@pytest.mark.parametrize("name", STYLES)
def test_every_character_of_a_scalar_maps_to_where_it_is_written(name):
    text = STYLES[name]
    node = _node(text)
    lines = text.splitlines()
    checked = 0
    for offset, char in enumerate(node.value):
        if char.isspace():
            continue
        position = scalar_text_position(node, lines, offset)
        written = lines[position.line - 1][position.column - 1]
        # An escape (\t, \u00e9) stands where its backslash is written.
        assert written == char or (node.style == '"' and written == "\\"), (offset, char, position)
        checked += 1
    assert checked >= 5


# --- tuning.yaml ---------------------------------------------------------------------------
def test_the_tuning_file_sets_which_side_of_the_anchor_goes_first(make_pack):
    rules = "rules:\n  - {id: r, description: d, stage: attributions, pattern: 'source:[%cap]+ cue:said content:_+? $'}\n"
    plain = make_pack(rules=rules)
    assert not Engine(plain, cache=False).compiled.rules_by_stage["attributions"][0].after_first
    (plain / "tuning.yaml").write_text("match_first:\n  r: after\n", encoding="utf-8")
    assert Engine(plain, cache=False).compiled.rules_by_stage["attributions"][0].after_first


# --- pack.yaml -------------------------------------------------------------------------------
TWINS = {
    "a": "rules:\n  - {id: from-a, description: d, stage: names, pattern: 'Dr. %cap'}\n",
    "b": "rules:\n  - {id: from-b, description: d, stage: names, pattern: 'Dr.  %cap  # spaced'}\n",
}


def _winner(folder):
    engine = Engine(folder, cache=False)
    _, stages, *_ = engine.analyse("We met Dr. Ruiz.")
    return [m.rule.id for m in stages["names"]]


def test_without_a_manifest_files_are_read_in_path_order_and_with_one_in_its_order(make_pack):
    folder = make_pack(**TWINS)
    assert _winner(folder) == ["from-a"]  # equal matches: the earlier rule wins
    (folder / "pack.yaml").write_text("name: twins\nfiles: [b.yaml, a.yaml]\n", encoding="utf-8")
    assert _winner(folder) == ["from-b"]
    assert read_pack(folder).manifest == {"name": "twins"}


def test_the_manifest_names_files_it_lacks_and_files_it_does_not_list(make_pack):
    folder = make_pack(**TWINS, pack="name: twins\nfiles:\n  - a.yaml\n  - b.yml\n  - lexicons/../a.yaml\n")
    found = problems(folder)
    assert "pack.yaml:4:5: error: no rule file 'b.yml' in the pack folder; did you mean 'b.yaml'?" in found
    assert "pack.yaml:5:5: error: 'lexicons/../a.yaml' is listed twice" in found
    assert "pack.yaml:3:3: warning: 'b.yaml' is not listed under 'files', so it is not read; list it or move it out of the pack folder" in found


def test_a_label_produces_the_labels_it_is_a_kind_of(make_pack):
    folder = make_pack(
        pack="files: [rules.yaml]\nlabels:\n  name:\n  organization_name: name\n  mention:\n",
        rules="""
        rules:
          - {id: name.org, description: d, stage: names, label: organization_name, pattern: 'TASS'}
          - {id: name.cap, description: d, stage: names, pattern: '[%cap & !tass]'}
          - {id: m.name, description: d, stage: actors, label: mention, pattern: '<name>'}
          - {id: m.typo, description: d, stage: actors, label: mentoin, pattern: 'x'}
        """,
    )
    pack = read_pack(folder)
    assert [rule.labels for rule in pack.rules][:2] == [("name", "organization_name"), ("name",)]
    found = problems(folder)
    assert any(p.startswith("rules.yaml:6:") and "produces label 'mentoin', which pack.yaml does not declare under 'labels'; did you mean 'mention'?" in p for p in found), found
    engine = Engine(folder, cache=False)
    _, stages, *_ = engine.analyse("TASS spoke to Ruiz.")
    assert sorted(m.rule.id for m in stages["actors"]) == ["m.name", "m.name"]  # <name> takes TASS too


def test_a_label_hierarchy_with_a_cycle_or_an_unknown_parent_is_an_error(make_pack):
    folder = make_pack(
        pack="files: [rules.yaml]\nlabels:\n  a: b\n  b: a\n  c: nowhere\n",
        rules="rules:\n  - {id: r, description: d, stage: names, pattern: x}\n",
    )
    found = problems(folder)
    assert any(p.startswith("pack.yaml:3:3: error: label 'a' is a kind of itself: a -> b -> a") for p in found), found
    assert any(p.startswith("pack.yaml:5:6: error: label 'c' is a kind of 'nowhere', which is not declared") for p in found), found


def test_the_bundled_pack_has_a_manifest_that_lists_every_rule_file():
    from quotetrace.resources import default_rules_dir

    pack = read_pack(default_rules_dir())
    assert pack.manifest["name"] and pack.manifest["language"] == "en"
    assert pack.files[-5:] == ["names.yaml", "actors.yaml", "attributions.yaml", "sources.yaml", "calibration.yaml"]
    assert not pack.problems


def test_an_engine_refuses_a_manifest_that_lists_no_files(make_pack):
    folder = make_pack(rules="rules:\n  - {id: r, description: d, stage: names, pattern: x}\n", pack="name: empty\n")
    with pytest.raises(RulePackError) as caught:
        Engine(folder, cache=False)
    assert str(caught.value).startswith("pack.yaml:1:1: error: pack.yaml must list the pack's rule files")


def test_no_line_of_a_bundled_pattern_is_longer_than_100_characters():
    """The rule files are read by people: a long pattern goes over several lines."""
    from quotetrace.resources import default_rules_dir

    checked = 0
    for path in sorted(default_rules_dir().glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        for key, value in _patterns(yaml.compose(text)):
            last = value.end_mark.line - (1 if value.style in ("|", ">") else 0)
            for number in range(key.start_mark.line, last + 1):
                assert len(lines[number]) <= 100, f"{path.name}:{number + 1} is {len(lines[number])} characters"
                checked += 1
    assert checked > 500


def _patterns(root):
    """(key, value) nodes of every definition and rule pattern of a rule file."""
    for key, value in root.value:
        if key.value == "define":
            yield from value.value
        elif key.value == "rules":
            for rule in value.value:
                yield from ((k, v) for k, v in rule.value if k.value == "pattern")
