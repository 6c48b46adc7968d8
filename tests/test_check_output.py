"""What `quotetrace check` prints for a problem: its one line, unchanged in form, then the
file's line with a caret under the column; an unknown name gets the nearest known one."""
import subprocess
import sys

from quotetrace.authoring.diagnostics import excerpt, show
from quotetrace.errors import Problem


def check(folder):
    return subprocess.run([sys.executable, "-m", "quotetrace", "check", "--no-cache", str(folder)], capture_output=True, text=True)


def place(folder, text):
    """(line, column), 1-based, of the first occurrence of `text` in bad.yaml."""
    lines = (folder / "bad.yaml").read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, 1):
        if text in line:
            return number, line.index(text) + 1
    raise AssertionError(text)


def test_each_problem_is_its_line_then_the_source_line_with_a_caret(make_pack):
    folder = make_pack(bad="""
        define:
          speaker: (he | she | <actor>)
        rules:
          - id: actor.name
            description: d
            stage: actors
            pattern: '[%cap]+'
          - id: attr.one
            description: d
            stage: attributions
            pattern: |
              source:{speakr}       # a typo in a definition
              cue:said
          - id: attr.two
            description: d
            stage: attributions
            pattern: 'source:<actr> cue:said'
        """)
    result = check(folder)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    line, column = place(folder, "{speakr}")
    first = f"{folder}/bad.yaml:{line}:{column}: error: unknown definition '{{speakr}}'; did you mean '{{speaker}}'?"
    assert lines[lines.index(first) + 1:lines.index(first) + 3] == [
        f" {line} |       source:{{speakr}}       # a typo in a definition",
        f" {' ' * len(str(line))} | {' ' * (column - 1)}^",
    ]
    line, column = place(folder, "<actr>")
    label = (f"{folder}/bad.yaml:{line}:{column}: error: unknown label '<actr>'; labels come from rules of earlier stages "
             "or are built in (quote); did you mean '<actor>'?")
    assert label in lines
    assert lines[lines.index(label) + 2].index("^") == len(f" {line} | ") + column - 1
    # Every line is either a problem (FILE:LINE:COL: severity: message) or part of an excerpt.
    for text in lines:
        assert text.startswith(f"{folder}/bad.yaml:") or text.startswith(" "), text


def test_an_unknown_lexicon_gets_the_nearest_name_instead_of_the_whole_list(make_pack):
    folder = make_pack(bad="""
        lexicons:
          - id: reporting_verbs
            entries: [said]
          - id: titles
            entries: [mayor]
        rules:
          - {id: name.x, description: d, stage: names, pattern: '@reportng_verbs'}
          - {id: name.y, description: d, stage: names, pattern: '@nothing_like_it'}
        """)
    lines = check(folder).stdout.splitlines()
    line, column = place(folder, "@reportng_verbs")
    assert f"{folder}/bad.yaml:{line}:{column}: error: unknown lexicon '@reportng_verbs'; did you mean '@reporting_verbs'?" in lines
    line, column = place(folder, "@nothing_like_it")
    # No name is close: the message lists the lexicons there are, as before.
    assert f"{folder}/bad.yaml:{line}:{column}: error: unknown lexicon '@nothing_like_it' (lexicons: reporting_verbs, titles)" in lines


def test_a_long_line_is_cut_around_the_column(tmp_path):
    path = tmp_path / "long.yaml"
    path.write_text("x: " + "a " * 100 + "TARGET" + " b" * 100 + "\n", encoding="utf-8")
    column = path.read_text(encoding="utf-8").index("TARGET") + 1
    shown, caret = excerpt(path, 1, column)
    assert len(shown) < 130 and "TARGET" in shown
    assert shown[caret.index("^")] == "T"


def test_a_problem_without_a_readable_line_is_its_line_alone(tmp_path):
    problem = Problem("missing.yaml", 3, 1, "error", "something")
    assert show(problem, tmp_path) == "missing.yaml:3:1: error: something"
