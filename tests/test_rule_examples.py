"""`examples:` on rules: their shape is checked with the pack, `quotetrace test` runs them,
and each failure is one line, FILE:LINE: RULE-ID: what differed."""
import subprocess
import sys

from quotetrace.authoring.examples import run_examples
from quotetrace.pipeline import Engine
from quotetrace.rulepack.pack import read_pack

PACK = """
lexicons:
  - id: verbs
    entries: [said, says, told]
rules:
  - id: name.caps
    description: capitalised words after the first word of a sentence
    stage: names
    pattern: '[%cap & !%sentstart]+'
    examples:
      - text: Yesterday Nora Lind left.
        expect: {text: Nora Lind}
  - id: actor.name
    description: a name is an actor
    stage: actors
    pattern: name:<name>
    examples:
      - text: Then Nora Lind left.
        expect: {text: Nora Lind, name: Nora Lind}
  - id: attr.says
    description: speaker, verb, content
    stage: attributions
    key: cue
    pattern: |
      source:<actor>          # who
      cue:@verbs              # the verb
      content:(that? _+?) $   # to the end of the sentence
    examples:
      - text: Then Nora Lind said the ferry will run.
        expect: {source: Nora Lind, cue: said, content: the ferry will run}
      - text: the ferry will run.
        absent: any
      - text: Then Nora Lind told the ferry will run. Then Ivo Berg said it will not.
        expect:
          - {source: Nora Lind, cue: told, content: the ferry will run}
          - {source: Ivo Berg, cue: said, content: it will not}
        shows: two sentences, two attributions
"""

BROKEN = """
  - id: attr.also-says
    description: the same as attr.says, later in the pack, so it never wins
    stage: attributions
    key: cue
    pattern: 'source:<actor> cue:@verbs content:(that? _+?) $'
    examples:
      - text: Then Nora Lind said the ferry will run.
        expect: {source: Nora Lind, cue: said, content: the ferry will run}
      - text: Then Nora Lind said the ferry will run.
        absent: rule
"""


def test_examples_that_hold_pass(make_pack):
    engine = Engine(make_pack(rules=PACK), cache=False)
    run = run_examples(engine)
    assert (run.passed, run.failures) == (5, [])
    assert run.summary() == "5 rule examples: 5 passed, 0 failed"


def test_each_failure_names_the_example_line_the_rule_and_what_differed(make_pack):
    wrong = (PACK.replace("expect: {text: Nora Lind, name: Nora Lind}", "expect: {text: Nora Lind, name: Nora}")
             .replace("content: it will not}", "content: it will}")
             .replace("      - text: the ferry will run.\n        absent: any", "      - text: Nora Lind said no.\n        absent: any"))
    folder = make_pack(rules=wrong)
    run = run_examples(Engine(folder, cache=False))
    lines = [str(failure) for failure in run.failures]
    path = folder / "rules.yaml"
    assert lines == [
        f'{path}:18: actor.name: expected text "Nora Lind", name "Nora"; found name "Nora Lind" (the example has "Nora")',
        f'{path}:31: attr.says: expected no attribution at all, found cue "said" (by attr.says)',
        f'{path}:33: attr.says: expected source "Ivo Berg", cue "said", content "it will"; found content "it will not" (the example has "it will")',
    ]


def test_an_example_is_kept_by_its_own_rule_not_by_another_that_finds_the_same(make_pack):
    # attr.also-says matches exactly what attr.says does and loses every tie, so its
    # example fails: the attribution is there, but another rule made it.
    run = run_examples(Engine(make_pack(rules=PACK + BROKEN), cache=False), rule_ids={"attr.also-says"})
    assert [f.message for f in run.failures] == [
        'expected source "Nora Lind", cue "said", content "the ferry will run", but this rule found nothing; '
        'other rules found cue "said" (by attr.says)',
    ]
    assert run.passed == 1  # absent: rule holds


def test_a_second_extraction_the_example_does_not_mention_fails_it(make_pack):
    folder = make_pack(rules=PACK.replace("          - {source: Ivo Berg, cue: said, content: it will not}\n", ""))
    (failure,) = run_examples(Engine(folder, cache=False)).failures
    assert failure.message == 'found more than the example expects: cue "said"'


def test_the_shape_of_examples_is_checked_with_the_pack(make_pack):
    folder = make_pack(rules="""
        rules:
          - id: attr.x
            description: d
            stage: attributions
            pattern: 'source:%cap cue:said'
            examples:
              - text: Ruiz said.
                expect: {sorce: Ruiz}
              - text: Ruiz said.
                absent: yes
              - text: Ruiz said.
              - text: Ruiz said.
                expect: {cue: said}
                absent: rule
              - text: Ruiz said.
                expect: {source: 2016, cue: said}
              - Ruiz said.
          - id: actor.y
            description: d
            stage: actors
            pattern: 'name:%cap'
            examples:
              - text: Ruiz left.
                expect: {name: Ruiz}
        """)
    found = [str(p) for p in read_pack(folder).problems]
    assert found == [
        "rules.yaml:9:18: error: unknown role 'sorce' in an example; did you mean 'source'?",
        "rules.yaml:11:17: error: YAML reads this as true or false; write absent: rule (this rule finds nothing here) or absent: any (no rule of the stage finds anything)",
        "rules.yaml:12:9: error: an example says what the rule finds (expect: {role: text, ...}) or that it finds nothing (absent: rule, or absent: any for nothing at all)",
        "rules.yaml:13:9: error: an example says either what the rule finds (expect:) or that it finds nothing (absent:), not both",
        "rules.yaml:17:26: error: 'source' must be the text it takes, or a list of texts when it has several pieces; YAML reads yes/no/numbers as values, so quote them",
        "rules.yaml:18:9: error: an example must be a mapping: text: ..., then expect: {role: text, ...} or absent: rule|any",
        "rules.yaml:25:17: error: an example of a names or actors rule gives the whole match as 'text:' (and its captures, if any)",
    ]


def test_quotetrace_test_runs_the_examples_after_the_golden_files(make_pack, tmp_path):
    folder = make_pack(rules=PACK.replace("content: it will not}", "content: it will}"))
    golden = tmp_path / "golden"
    golden.mkdir()
    (golden / "ferry.txt").write_text("Then Nora Lind said the ferry will run.", encoding="utf-8")

    def run(*args):
        return subprocess.run([sys.executable, "-m", "quotetrace", "test", *args, "--rules", str(folder)], capture_output=True, text=True, cwd=tmp_path)

    assert run(str(golden), "--update").returncode == 1  # the golden file is written; the example still fails
    result = run(str(golden))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "1 golden files: 1 passed, 0 failed",
        f'{folder / "rules.yaml"}:33: attr.says: expected source "Ivo Berg", cue "said", content "it will"; found content "it will not" (the example has "it will")',
        "5 rule examples: 4 passed, 1 failed",
    ]
    assert run(str(golden), "--no-examples").returncode == 0
    # With no folder named and no tests/golden where it runs, only the examples run.
    assert run().stdout.splitlines()[-1] == "5 rule examples: 4 passed, 1 failed"


def test_every_example_of_the_bundled_pack_holds(engine):
    run = run_examples(engine)
    assert run.failures == []
    assert not run.rules_without_examples
    assert run.passed >= len(engine.pack.rules)


def test_the_catalogue_shows_each_rule_with_its_description_and_examples(make_pack, tmp_path):
    folder = make_pack(rules="description: Who said what | in one file.\n" + PACK)
    out = tmp_path / "constructions.md"
    result = subprocess.run([sys.executable, "-m", "quotetrace", "docs", "--rules", str(folder), "--out", str(out)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    section = page[page.index("### `attr.says`"):]
    assert section.splitlines()[:9] == [
        "### `attr.says`",
        "",
        "speaker, verb, content",
        "",
        "| example | gives |",
        "|---|---|",
        "| Then Nora Lind **said** the ferry will run. | source: Nora Lind · content: the ferry will run |",
        "| the ferry will run. | no attribution |",
        "| *two sentences, two attributions:* Then Nora Lind **told** the ferry will run. Then Ivo Berg **said** it will not. "
        "| source: Nora Lind · content: the ferry will run / source: Ivo Berg · content: it will not |",
    ]
    assert "| Yesterday **Nora Lind** left. | the name in bold |" in page
    assert "| Then **Nora Lind** left. | name: Nora Lind |" in page
    assert "Who said what \\| in one file." not in page and "Who said what | in one file." in page  # prose is not a table cell
