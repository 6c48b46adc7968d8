"""Every construct of the pattern language (docs/rules.md), each on a small pack of its own."""
import pytest

from quotetrace.pipeline import Engine

LEXICONS = """
lexicons:
  - id: verbs
    entries:
      - {lemma: say, class: speech, forms: [say, says, said]}
      - {lemma: write, class: writing, forms: [write, wrote]}
      - {lemma: point out, class: speech, forms: [pointed out]}
  - id: titles
    entries: [president, prime minister]
"""


# An earlier-stage rule whose label the unit and label-test constructs refer to.
PERSON_RULE = """
  - id: test.earlier
    description: a proper name of two capitalised words
    stage: names
    label: person
    pattern: '[%cap] [%cap]'
"""


def matches(make_pack, pattern, text, stage="names", extra_rules="", label=None):
    label_line = f"    label: {label}\n" if label else ""
    pack = make_pack(
        lexicons=LEXICONS,
        rules=f"""
rules:
  - id: test.rule
    description: the construct under test
    stage: {stage}
{label_line}    pattern: '{pattern}'
{extra_rules}""",
    )
    engine = Engine(pack)
    doc, stage_matches, *_ = engine.analyse(text)
    found = []
    for match in stage_matches[stage]:
        if match.rule.id != "test.rule":
            continue
        start, end = doc.span_of(match.first, match.last)
        captures = {name: [text[doc.starts[a]:doc.ends[b - 1]] for a, b in ranges] for name, ranges in match.captures.items()}
        found.append((text[start:end], captures))
    return found


def texts(found):
    return [t for t, _ in found]


def test_literal_word_is_case_insensitive(make_pack):
    assert texts(matches(make_pack, "said", "He said. SAID she. Said it.")) == ["said", "SAID", "Said"]


def test_quoted_phrase_is_a_sequence_of_literal_tokens(make_pack):
    assert texts(matches(make_pack, '"according to"', "According to him, and according to her.")) == ["According to", "according to"]


def test_punctuation_literal(make_pack):
    assert texts(matches(make_pack, "said ,", "He said, then said.")) == ["said,"]


def test_lexicon_membership_with_inflected_and_multiword_entries(make_pack):
    assert texts(matches(make_pack, "@verbs", "She says he wrote that they pointed out it.")) == ["says", "wrote", "pointed out"]


def test_lexicon_attribute_filter(make_pack):
    assert texts(matches(make_pack, "@verbs[class=writing]", "She says he wrote.")) == ["wrote"]


def test_regex_on_the_token_is_anchored_and_case_sensitive(make_pack):
    assert texts(matches(make_pack, "/[A-Z]{2,}/", "The UN and NATO met the un.")) == ["UN", "NATO"]
    assert texts(matches(make_pack, "/nato/i", "NATO met.")) == ["NATO"]


def test_capitalisation_shape_flags(make_pack):
    assert texts(matches(make_pack, "[%cap & !%upper]", "the Kremlin and NATO met")) == ["Kremlin"]
    assert texts(matches(make_pack, "%digit", "In 2016 about 40 people")) == ["2016", "40"]


def test_sentence_start_and_end_anchors(make_pack):
    text = "Rain fell. Then snow fell."
    assert texts(matches(make_pack, "^ [%cap]", text)) == ["Rain", "Then"]
    assert texts(matches(make_pack, "fell . $", text)) == ["fell.", "fell."]
    assert texts(matches(make_pack, "[%cap] fell", text)) == ["Rain fell"]


def test_inside_and_outside_a_quotation(make_pack):
    text = "“Taxes will fall,” he said of taxes."
    assert texts(matches(make_pack, "[taxes & %inquote]", text)) == ["Taxes"]
    assert texts(matches(make_pack, "[taxes & %outquote]", text)) == ["taxes"]


def test_a_whole_quotation_as_one_unit(make_pack):
    text = "“Taxes will fall,” he said."
    assert matches(make_pack, "content:<quote> he", text)[0][1]["content"] == ["“Taxes will fall,”"]


def test_alternation_and_grouping(make_pack):
    assert texts(matches(make_pack, "(he | she) (said | wrote)", "he said and she wrote but they said")) == ["he said", "she wrote"]


def test_optional_star_plus_and_counted_repetition(make_pack):
    text = "a b b b c"
    assert texts(matches(make_pack, "a b? ", text)) == ["a b"]
    assert texts(matches(make_pack, "a b*", text)) == ["a b b b"]
    assert texts(matches(make_pack, "b+ c", text)) == ["b b b c"]
    assert texts(matches(make_pack, "a b{2}", text)) == ["a b b"]
    assert texts(matches(make_pack, "a b{1,2}", text)) == ["a b b"]


def test_lazy_repetition_takes_as_little_as_it_can(make_pack):
    text = "x a b a b y"
    assert texts(matches(make_pack, "x _+? b", text)) == ["x a b"]
    assert texts(matches(make_pack, "x _+ b", text)) == ["x a b a b"]
    assert texts(matches(make_pack, "x _{1,3}? b", text)) == ["x a b"]


def test_a_later_anchor_word_gives_the_longer_match_from_the_same_start(make_pack):
    # The rule starts its search at "president" (its most selective word); both "president"s
    # can end a match from "the", and the longer one is kept, as a left-to-right search
    # with a greedy repeat would find it.
    found = texts(matches(make_pack, "the [%cap]* [@titles & %cap]", "Ask the Vice President President Ruiz."))
    assert found == ["the Vice President President"]


def test_the_anchor_takes_its_longest_entry_reading_left_to_right(make_pack):
    # "vice president" and "president" are both entries; the rule is anchored on the
    # lexicon, and the elements before it are matched leftwards from there. The entry is
    # still the longest one read left to right, so "Vice" is not left to the modifiers.
    lexicons = "lexicons:\n  - id: offices\n    entries: [president, vice president]\n  - id: modifiers\n    entries: [vice, deputy, former]\n"
    rules = "rules:\n  - id: test.rule\n    description: an office after capitalised words\n    stage: names\n    pattern: 'mod:@modifiers* office:@offices'\n"
    engine = Engine(make_pack(lexicons=lexicons, rules=rules))
    text = "Ask former Vice President Ruiz."
    doc, stage_matches, *_ = engine.analyse(text)
    (match,) = stage_matches["names"]
    captures = {name: [text[doc.starts[a]:doc.ends[b - 1]] for a, b in ranges] for name, ranges in match.captures.items()}
    assert captures == {"mod": ["former"], "office": ["Vice President"]}


def test_named_captures_become_roles(make_pack):
    found = matches(make_pack, "who:[%cap] verb:@verbs", "Then Putin said it.")
    assert found == [("Putin said", {"verb": ["said"], "who": ["Putin"]})]


def test_negation_of_a_token_test(make_pack):
    assert texts(matches(make_pack, "!said [%cap]", "said Putin but met Assad")) == ["met Assad"]
    assert texts(matches(make_pack, "[!@verbs & %lower] Putin", "said Putin but met Putin")) == ["met Putin"]


def test_units_from_an_earlier_stage(make_pack):
    found = matches(make_pack, "who:<person> said", "then Vladimir Putin said it.", stage="actors", extra_rules=PERSON_RULE)
    assert found == [("Vladimir Putin said", {"who": ["Vladimir Putin"]})]


def test_label_test_inside_brackets(make_pack):
    assert texts(matches(make_pack, "[!<person> & %cap]", "then Vladimir Putin met Kim Jong.", stage="actors", extra_rules=PERSON_RULE)) == []
    assert texts(matches(make_pack, "[!<person> & %lower]", "then Vladimir Putin met Kim Jong.", stage="actors", extra_rules=PERSON_RULE)) == ["then", "met"]


def test_lookahead_and_lookbehind(make_pack):
    text = "a said b. c said d."
    assert texts(matches(make_pack, "who:_ said (?= b)", text)) == ["a said"]
    assert texts(matches(make_pack, "who:_ said (?! b)", text)) == ["c said"]
    assert texts(matches(make_pack, "(?<= c) said what:_", text)) == ["said d"]
    assert texts(matches(make_pack, "(?<! c) said what:_", text)) == ["said b"]


def test_a_final_lookahead_ends_the_match_at_the_first_place_it_holds(make_pack):
    # Left to right: the lazy repeat stops where the lookahead first holds ("have said"),
    # and the search goes on after the match, so "have" (before "said") matches too.
    text = "Then most of the harbor pilots have said no. Some voters said yes."
    pattern = "[%lower & !then]+? (?= have? @verbs)"
    assert texts(matches(make_pack, pattern, text)) == ["most of the harbor pilots", "have", "voters"]
    assert texts(matches(make_pack, "[%lower]{1,2}? (?= @verbs)", text)) == ["pilots have", "voters"]


def test_definitions_are_reusable_fragments(make_pack):
    pack = make_pack(
        lexicons=LEXICONS,
        rules="""
define:
  speaker: (he | she)
  spoken: '[@verbs & %lower]'
rules:
  - id: test.rule
    description: a definition in sequence and inside brackets
    stage: names
    pattern: '{speaker} [{spoken} & !wrote]'
""",
    )
    doc, stage_matches, *_ = Engine(pack).analyse("he said and she wrote")
    assert [" ".join(doc.tokens[m.first:m.last]) for m in stage_matches["names"]] == ["he said"]


def test_overlaps_resolve_by_priority_then_length_then_rule_order(make_pack):
    pack = make_pack(
        rules="""
rules:
  - id: short-high
    description: high priority, short
    stage: names
    priority: 5
    pattern: Vladimir
  - id: long-low
    description: low priority, long
    stage: names
    pattern: Vladimir Putin
  - id: long-low-later
    description: same as long-low, later in the pack
    stage: names
    pattern: Vladimir Putin
  - id: other
    description: a longer match of low priority elsewhere
    stage: names
    pattern: Boris Yeltsin Jr
  - id: other-short
    description: shorter overlapping match
    stage: names
    pattern: Boris Yeltsin
""",
    )
    doc, stage_matches, *_ = Engine(pack).analyse("Vladimir Putin met Boris Yeltsin Jr today.")
    assert [(m.rule.id, " ".join(doc.tokens[m.first:m.last])) for m in stage_matches["names"]] == [
        ("short-high", "Vladimir"),
        ("other", "Boris Yeltsin Jr"),
    ]


def test_rule_order_breaks_exact_ties(make_pack):
    pack = make_pack(
        rules="""
rules:
  - {id: first, description: first of two identical rules, stage: names, pattern: Putin}
  - {id: second, description: second of two identical rules, stage: names, pattern: Putin}
""",
    )
    _, stage_matches, *_ = Engine(pack).analyse("Putin spoke.")
    assert [m.rule.id for m in stage_matches["names"]] == ["first"]


@pytest.mark.parametrize(
    "pattern",
    ["x:(a b) c", "(a | b c)+ d", "a{0,2} b", "[a | b & !c] d", "(?= a) a b", "^ a", "a $"],
)
def test_compiled_program_agrees_with_itself_on_repeated_runs(make_pack, pattern):
    text = "a b c d. b c d a b."
    assert matches(make_pack, pattern, text) == matches(make_pack, pattern, text)


def test_every_bundled_pattern_reads_back_the_same_after_unparse():
    """`explain` prints pattern elements with unparse; what it prints must mean the same."""
    import dataclasses

    from quotetrace.text.words import literal_words
    from quotetrace.patterns.syntax import parse_pattern
    from quotetrace.patterns.unparse import unparse
    from quotetrace.resources import default_rules_dir
    from quotetrace.rulepack.pack import read_pack

    def shape(node):
        if dataclasses.is_dataclass(node):
            return (type(node).__name__,) + tuple(shape(getattr(node, f.name)) for f in dataclasses.fields(node) if f.name != "offset")
        if isinstance(node, tuple):
            return tuple(shape(item) for item in node)
        return node

    pack = read_pack(default_rules_dir())
    patterns = [r.pattern for r in pack.rules] + [d.pattern for d in pack.definitions.values()]
    patterns += ["""a "b'c" 'x' [!(a | b)] !<quote> [!<quote> & %cap] (?<= x) (?<! y) @l[k=a,b;m=c] /\\w+/i name:(a b)+?"""]
    for pattern in patterns:
        tree = parse_pattern(pattern, literal_words)
        assert shape(parse_pattern(unparse(tree), literal_words)) == shape(tree), pattern
    assert len(patterns) > 50


def test_lexicon_entry_nested_no_drops_a_nested_attribution(make_pack):
    # The engine reads `nested: "no"` on the cue's lexicon entry: such an attribution is
    # dropped inside another's content, and kept outside it.
    folder = make_pack(attributions="""
        lexicons:
          - id: verbs
            entries:
              - {form: said}
              - {form: backs, nested: "no"}
        rules:
          - id: t.speaker-cue-content
            stage: attributions
            key: cue
            pattern: 'source:[%cap] cue:@verbs content:(_+?) (?= ".")'
        """)
    engine = Engine(folder)
    nested = engine.record("Kim said Lee backs the plan.", "t")["attributions"]
    assert [a["roles"]["cue"][0]["text"] for a in nested] == ["said"]
    alone = engine.record("Lee backs the plan.", "t")["attributions"]
    assert [a["roles"]["cue"][0]["text"] for a in alone] == ["backs"]


# The matcher tries a rule only at tokens that pass what its first token must be (its
# `lead`: a word, a shape or context flag, a label), searched in one position of the
# tokens. Trying every token must find exactly the same matches.
@pytest.mark.parametrize(
    "pattern",
    [
        "said [%lower]+",                       # a word
        "[%cap & !@titles] [%cap]",             # a shape flag
        "[%sentstart] _ _",                     # a context flag
        "<person> _",                           # a label of an earlier stage
        "(the | [%digit]) [%lower]",            # a word or a shape
        "(?<= ,) [%cap]+",                      # a lookbehind first, then a shape
        "[%lower & !said]{2} said",             # anchored on said; what precedes is matched leftwards
    ],
)
def test_rule_finds_the_same_matches_from_its_lead_as_at_every_token(make_pack, pattern):
    from quotetrace.patterns.matcher import run_stage

    text = "The mayor, Ann Lee, said 42 boats left. Then Prime Minister Jon Berg said the port stays open, and 7 pilots agreed; the harbour pilots said no."
    pack = make_pack(lexicons=LEXICONS, rules=f"rules:\n  - {{id: test.rule, description: d, stage: actors, pattern: '{pattern}'}}\n{PERSON_RULE}")
    engine = Engine(pack)
    analysis = engine.analyse(text)
    (compiled,) = engine.compiled.rules_by_stage["actors"]
    assert compiled.lead is not None
    stream = analysis.streams["actors"]
    with_lead = [(m.first, m.last) for m in run_stage(engine.compiled, "actors", stream, analysis.words_present)]
    compiled.lead = None
    everywhere = [(m.first, m.last) for m in run_stage(engine.compiled, "actors", stream, analysis.words_present)]
    assert with_lead == everywhere and with_lead


# `match_first: after` (in tuning.yaml) matches the anchor and what follows it before what precedes it.
# Only the time may differ: the matches and every capture must be the same.
@pytest.mark.parametrize(
    "pattern",
    [
        "who:<person> [%lower]? cue:said what:([%lower]+)",   # a unit, an optional token, then the anchor
        "who:([%cap]+) ,? cue:(said | told) (?= [%lower])",  # a repeat before the anchor, a lookahead after
        "(?<= [%sentstart]) who:_{1,3}? cue:said what:_+? (?= .)",  # lazy repeats on both sides
    ],
)
def test_match_first_after_finds_the_same_matches_and_captures(make_pack, pattern):
    text = "Ann Lee said the boats left. Then Prime Minister Jon Berg told reporters the port stays open. Pilots said no."
    found = {}
    for side in ("before", "after"):
        pack = make_pack(lexicons=LEXICONS, rules=f"rules:\n  - {{id: test.rule, description: d, stage: actors, pattern: '{pattern}'}}\n{PERSON_RULE}",
                         tuning=f"match_first:\n  test.rule: {side}\n")
        engine = Engine(pack)
        (compiled,) = engine.compiled.rules_by_stage["actors"]
        assert compiled.after_first == (side == "after")
        _, stages, *_ = engine.analyse(text)
        found[side] = [(m.first, m.last, m.captures) for m in stages["actors"]]
    assert found["before"] == found["after"] and found["before"]


def test_match_first_never_changes_what_the_bundled_rules_find():
    """Every rule of the bundled pack, compiled both ways, over our own example and golden texts."""
    from pathlib import Path

    from quotetrace.patterns.compiler import compile_pack
    from quotetrace.patterns.matcher import run_stage
    from quotetrace.resources import default_rules_dir
    from quotetrace.rulepack.pack import read_pack

    root = Path(__file__).resolve().parent.parent
    texts = [p.read_text(encoding="utf-8") for p in sorted((root / "tests/golden").glob("*.txt")) + sorted((root / "examples").glob("*.txt"))]
    engine = Engine()
    compiled = {}
    for side in ("before", "after"):
        pack = read_pack(default_rules_dir())
        for rule in pack.rules:
            rule.match_first = side
        compiled[side] = compile_pack(pack)
    assert sum(c.after_first for rules in compiled["after"].rules_by_stage.values() for c in rules) > 40
    for text in texts:
        analysis = engine.analyse(text)
        for stage, stream in analysis.streams.items():
            found = {}
            for side, pack in compiled.items():
                found[side] = [(m.rule.id, m.first, m.last, m.captures, m.lexicon_hits) for m in run_stage(pack, stage, stream, analysis.words_present)]
            assert found["before"] == found["after"]


def test_word_class_tests_read_the_dictionary_and_keep_every_class(make_pack):
    # "report" is both a noun and a verb: it passes %noun and %verb, as the dictionary says.
    text = "The agency said its report reports what officials saw again."
    assert texts(matches(make_pack, "[%noun & %lower]", text)) == ["agency", "report", "reports", "officials", "saw"]
    assert texts(matches(make_pack, "%verb_past", text)) == ["said", "saw"]
    assert texts(matches(make_pack, "[%verb_s & %noun_plural]", text)) == ["reports"]  # both, never a choice
    assert texts(matches(make_pack, "%noun_plural", text)) == ["reports", "officials"]
    assert texts(matches(make_pack, "%adv", text)) == ["again"]
    assert texts(matches(make_pack, "[%det | %pron]", text)) == ["The", "its", "what"]


def test_a_word_the_dictionary_lacks_has_no_class(make_pack):
    assert texts(matches(make_pack, "[%cap & !%noun & !%verb & !%adj]", "Zbigniew and Monday")) == ["Zbigniew"]


def test_word_class_filter_on_a_lexicon(make_pack):
    # said/says/wrote pass %verb_past by their first word; "pointed out" by "pointed".
    assert texts(matches(make_pack, "@verbs[%verb_past]", "She says he wrote that they pointed out it and said so.")) == ["wrote", "pointed out", "said"]
    assert texts(matches(make_pack, "@verbs[class=speech;%verb_s]", "She says he wrote.")) == ["says"]
