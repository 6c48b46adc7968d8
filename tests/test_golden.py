"""The golden corpus (tests/golden): one test per text, named after the file.

Each NAME.txt is a news-style text we wrote, and NAME.expected.json the extractions we
read and accepted. A failure prints the added, removed and changed extractions with the
rules that made them; `quotetrace test --update` rewrites the files after a deliberate change.
"""
import pytest

from conftest import ROOT

from quotetrace.authoring.golden import differences, expected_layout, golden_texts
import json

GOLDEN = ROOT / "tests" / "golden"
TEXTS = golden_texts(GOLDEN)


def test_the_golden_corpus_has_at_least_thirty_texts_and_a_long_article():
    assert len(TEXTS) >= 30
    assert max(len(p.read_text(encoding="utf-8").split()) for p in TEXTS) >= 400


@pytest.mark.parametrize("path", TEXTS, ids=[p.name for p in TEXTS])
def test_golden(engine, path):
    expected_path = path.with_name(path.name[: -len(".txt")] + ".expected.json")
    assert expected_path.exists(), f"no {expected_path.name}; run `quotetrace test --update`, then read it"
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    actual = expected_layout(engine.record(path.read_text(encoding="utf-8"), path.name[: -len(".txt")]))
    changes = differences(expected, actual)
    assert not changes, f"{path.name}:\n" + "\n".join(changes)
