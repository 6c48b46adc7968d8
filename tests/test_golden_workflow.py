"""quotetrace test: golden files beside the texts; a rule edit shows exactly the extractions it changed."""
import shutil
import subprocess
import sys

from conftest import ROOT

from quotetrace.resources import default_rules_dir

TEXT = (
    "Marsh said the dredging would start in spring, according to the authority's statement. "
    "Okafor told reporters the plan was rushed."
)


def quotetrace(*args):
    """`quotetrace ARGS`; `test` leaves out the rules' own examples (tests/test_rule_examples.py)."""
    extra = ["--no-examples"] if args[0] == "test" else []
    return subprocess.run([sys.executable, "-m", "quotetrace", *args, *extra], capture_output=True, text=True, cwd=ROOT)


def test_a_rule_edit_shows_exactly_the_extractions_it_changed_and_update_makes_it_pass(tmp_path):
    golden = tmp_path / "golden"
    golden.mkdir()
    (golden / "dredging.txt").write_text(TEXT, encoding="utf-8")
    (golden / "untouched.txt").write_text("Okafor told reporters the plan was rushed.", encoding="utf-8")
    assert quotetrace("test", str(golden)).returncode == 1  # no expected files yet
    written = quotetrace("test", str(golden), "--update")
    assert "dredging.txt: wrote dredging.expected.json (new)" in written.stdout
    assert quotetrace("test", str(golden)).returncode == 0

    rules = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), rules)
    pack = rules / "attributions.yaml"
    text = pack.read_text(encoding="utf-8")
    # Edit one rule: "according to" after the content now needs a semicolon before it.
    edited = text.replace(",? cue:@according_to {according_source}", "';' cue:@according_to {according_source}", 1)
    assert edited != text
    pack.write_text(edited, encoding="utf-8")

    result = quotetrace("test", str(golden), "--rules", str(rules))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines == [
        "dredging.txt: 0 added, 1 removed, 1 changed",
        '  ~ attribution "said @6" by attr.source-cue-content',
        "      inside: according to ... statement @47 -> None",
        '  - attribution "according to ... statement @47" by attr.according-to-after (indirect): '
        'source="the authority" cue="according to ... statement" content="Marsh said the dredging would start in spring"',
        "2 golden files: 1 passed, 1 failed",
    ]

    update = quotetrace("test", str(golden), "--rules", str(rules), "--update")
    assert update.returncode == 0
    assert update.stdout.splitlines()[0] == "dredging.txt: updated dredging.expected.json (2 changes)"
    assert update.stdout.splitlines()[-1] == "2 golden files: 1 written, 1 unchanged"
    assert quotetrace("test", str(golden), "--rules", str(rules)).returncode == 0
    # The bundled rules now differ from the updated golden file, in the other direction.
    assert quotetrace("test", str(golden)).returncode == 1


def test_a_golden_folder_that_does_not_exist_is_a_clear_error(tmp_path):
    result = quotetrace("test", str(tmp_path / "nowhere"))
    assert result.returncode == 2 and "no such folder of golden texts" in result.stderr
