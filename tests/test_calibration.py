"""Calibration: `quotetrace eval --calibrate` on a gold set we wrote, whose answers we know,
and the confidence a pack that ships the file gives (docs/sources.md, "Confidence")."""
import shutil
import subprocess
import sys

import pytest
import yaml

from conftest import ROOT, SHARED
from quotetrace.calibration import Calibration, assembly_steps
from quotetrace.errors import RulePackError
from quotetrace.pipeline import Engine
from quotetrace.resources import default_rules_dir


def ann(*attributions):
    """brat lines for attributions given as {role: (start, end)} in a text."""
    lines, number = [], 0
    for index, roles in enumerate(attributions, 1):
        parts = []
        for role, (start, end) in roles.items():
            number += 1
            lines.append(f"T{number}\t{role} {start} {end}\tx")
            parts.append(f"{role}:T{number}")
        lines.append(f"E{index}\t" + " ".join(parts))
    return "\n".join(lines) + "\n"


# Three documents. The engine finds one attribution in each; the gold confirms the first and
# third and has nothing at the second's cue, so attr.source-cue-content is right once in two
# and attr.content-source-cue once in one.
RIGHT = "Mayor Ann Lee said the bridge would reopen in May."
WRONG = "Tomas Berg said the union would strike."
QUOTE = "“We are ready,” the fire chief said."


@pytest.fixture
def gold(tmp_path):
    folder = tmp_path / "tiny-gold"
    folder.mkdir()
    (folder / "a.txt").write_text(RIGHT, encoding="utf-8")
    (folder / "a.ann").write_text(ann({"Source": (0, 13), "Cue": (14, 18), "Content": (19, 49)}), encoding="utf-8")
    (folder / "b.txt").write_text(WRONG, encoding="utf-8")
    (folder / "b.ann").write_text(ann({"Source": (0, 10), "Cue": (17, 20), "Content": (21, 38)}), encoding="utf-8")  # gold cue elsewhere
    (folder / "c.txt").write_text(QUOTE, encoding="utf-8")
    (folder / "c.ann").write_text(ann({"Content": (0, 15), "Source": (16, 30), "Cue": (31, 35)}), encoding="utf-8")
    return folder


def calibrate(gold, out, *extra):
    result = subprocess.run([sys.executable, "-m", "quotetrace", "eval", str(gold), "--calibrate", str(out), *extra],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return yaml.safe_load(out.read_text(encoding="utf-8"))["calibration"]


def test_calibrate_writes_each_rules_measured_precision(gold, tmp_path):
    written = calibrate(gold, tmp_path / "calibration.yaml", "--gold-name", "tiny")
    assert written["gold"]["name"] == "tiny" and written["gold"]["documents"] == 3 and written["gold"]["attributions"] == 3
    assert len(written["gold"]["measured"]) == 10  # an ISO date
    assert written["overall"] == {"found": 3, "correct": 2}
    assert written["rules"]["attr.source-cue-content"] == {"found": 2, "correct": 1, "precision": 0.5}
    assert written["rules"]["attr.content-source-cue"] == {"found": 1, "correct": 1, "precision": 1.0}
    assert written["steps"] == {}  # no attribution here was shaped by an assembly step


def test_the_gold_name_defaults_to_the_folder_and_its_parent(gold, tmp_path):
    written = calibrate(gold, tmp_path / "calibration.yaml")
    assert written["gold"]["name"] == f"{gold.parent.name}/tiny-gold"


def test_a_pack_with_the_file_gives_each_attribution_its_confidence(gold, tmp_path):
    pack = tmp_path / "pack"
    shutil.copytree(default_rules_dir(), pack)
    written = calibrate(gold, pack / "calibration.yaml")
    engine = Engine(pack, cache=False)
    assert engine.calibration is not None
    overall = 2 / 3
    k = written["smoothing"]
    said = engine.record(RIGHT, "a")["attributions"][0]
    assert said["confidence"] == round((1 + k * overall) / (2 + k), 3)
    quoted = engine.record(QUOTE, "c")["attributions"][0]
    assert quoted["confidence"] == round((1 + k * overall) / (1 + k), 3)


def test_a_rule_the_gold_never_saw_gets_the_overall_precision():
    calibration = Calibration({"overall": {"found": 10, "correct": 8}, "rules": {}})
    assert calibration.confidence("attr.unseen", []) == 0.8


def test_a_step_factor_compares_right_attributions_with_what_their_rules_predict():
    calibration = Calibration({
        "smoothing": 0,
        "overall": {"found": 10, "correct": 8},
        "rules": {"attr.x": {"found": 10, "correct": 8}},
        "steps": {"nested": {"found": 4, "correct": 2, "expected": 3.2}},
    })
    assert calibration.confidence("attr.x", []) == 0.8
    assert calibration.confidence("attr.x", ["nested"]) == round(0.8 * 2 / 3.2, 3)
    basis = calibration.basis({"trace": {"rule": "attr.x"}, "roles": {"cue": [], "source": []}, "source_actor": "act1", "parent": "att2"},
                              {"act1": {"mentions": []}})
    assert basis["steps"] == {"nested": round(2 / 3.2, 4)} and basis["confidence"] == 0.5


def test_assembly_steps_are_read_from_the_record(engine):
    record = engine.record("Dana Okafor told the council the station would close. “We have no choice,” she said.", "t")
    actors = {a["id"]: a for a in record["actors"]}
    by_cue = {a["roles"]["cue"][0]["text"]: a for a in record["attributions"]}
    assert assembly_steps(by_cue["told"], actors) == []
    assert assembly_steps(by_cue["said"], actors) == ["source-pronoun"]
    unresolved = engine.record("They said the station would close.", "t")
    assert assembly_steps(unresolved["attributions"][0], {}) == ["source-unresolved"]


def test_without_a_calibration_confidence_is_null(make_pack):
    folder = make_pack(rules="""
        rules:
          - id: attr.said
            description: 'Someone said something: Ann said it rained.'
            stage: attributions
            pattern: 'source:[%cap] cue:said content:(_+?) $'
        """)
    record = Engine(folder, cache=False).record("Ann said it rained.", "t")
    assert record["attributions"][0]["confidence"] is None


@pytest.mark.parametrize("text, message", [
    ("calibration:\n  rules: {}\n", "needs 'overall'"),
    ("calibration:\n  overall: {found: 3, correct: 2}\n  rules:\n    attr.x: {found: two}\n", "needs numbers"),
    ("calibration:\n  overall: {found: 3, correct: 2}\n  steps:\n    sideways: {found: 1, correct: 1}\n", "is not a step"),
    ("calibration:\n  overall: {found: 3, correct: 2}\n  colour: red\n", "unknown key 'colour'"),
])
def test_a_broken_calibration_is_a_pack_error(make_pack, text, message):
    folder = make_pack(rules="rules:\n  - id: attr.said\n    description: d\n    stage: attributions\n    pattern: 'cue:said'\n", calibration=text)
    with pytest.raises(RulePackError) as error:
        Engine(folder, cache=False)
    assert message in str(error.value) and "calibration.yaml" in str(error.value)


def test_two_calibrations_in_one_pack_are_an_error(make_pack):
    good = "calibration:\n  overall: {found: 3, correct: 2}\n"
    folder = make_pack(rules="rules:\n  - id: attr.said\n    description: d\n    stage: attributions\n    pattern: 'cue:said'\n", one=good, two=good)
    with pytest.raises(RulePackError, match="a second 'calibration:'"):
        Engine(folder, cache=False)


def test_the_bundled_pack_ships_a_calibration_measured_on_polnear_train():
    written = yaml.safe_load((default_rules_dir() / "calibration.yaml").read_text(encoding="utf-8"))["calibration"]
    assert written["gold"]["name"] == "polnear/train" and written["gold"]["documents"] == 840
    assert Engine().calibration is not None
    attribution_rules = {rule.id for rule in Engine().pack.rules if rule.stage == "attributions"}
    assert set(written["rules"]) <= attribution_rules


@pytest.mark.skipif(not (SHARED / "corpora" / "polnear" / "dev").is_dir(), reason="PolNeAR dev is not in ../shared")
def test_confidence_beats_a_constant_on_polnear_dev():
    result = subprocess.run([sys.executable, "benchmarks/calibration_check.py", str(SHARED / "corpora" / "polnear" / "dev")],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    brier = result.stdout.strip().splitlines()[-1]
    ours, constant = float(brier.split()[3].rstrip(",")), float(brier.split()[-1])
    assert ours < constant
