"""The native matcher's contract: on every text, the same candidates (rule, span, captures,
lexicon hits) and the same records as the `regex` matcher, its reference.

Texts: the golden files, the rule examples, the texts of the construction tests, texts that
hypothesis makes from the pack's own words, and all of PolNeAR train and dev when
/work/shared is there. Any difference is a bug in the core (engine/native) or in the VM
programs (quotetrace.patterns.tokenvm).
"""
from __future__ import annotations

import ast

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, SHARED
from quotetrace.patterns import native
from quotetrace.pipeline import Engine

pytestmark = pytest.mark.skipif(not native.available(), reason=native.why_unavailable() or "")

POLNEAR = SHARED / "corpora" / "polnear"


@pytest.fixture(scope="module")
def engines():
    return Engine(engine="python"), Engine(engine="native")


def candidates(engine, text):
    """Every candidate of every stage before resolution, as comparable tuples."""
    analysis = engine.analyse(text)
    found = []
    for stage, matches in analysis.candidates.items():
        for match in matches:
            captures = tuple(sorted((name, tuple(ranges)) for name, ranges in match.captures.items()))
            found.append((stage, match.rule.id, match.first, match.last, captures, tuple(match.lexicon_hits)))
    return found


def record_bytes(engine, text):
    return orjson.dumps(engine.record(text, "t"), option=orjson.OPT_SORT_KEYS)


def assert_same(engines, text, name=""):
    """Both paths on one text; returns how many candidates were compared."""
    python, core = engines
    expected, got = candidates(python, text), candidates(core, text)
    if expected != got:
        only_python = sorted(set(expected) - set(got))[:3]
        only_native = sorted(set(got) - set(expected))[:3]
        pytest.fail(f"{name}: candidates differ ({len(expected)} regex, {len(got)} native); regex only: {only_python}; native only: {only_native}"
                    + ("; same set, other order" if set(expected) == set(got) else ""))
    assert record_bytes(python, text) == record_bytes(core, text), f"{name}: records differ"
    return len(expected)


def golden_texts():
    return sorted((ROOT / "tests" / "golden").glob("*.txt"))


def construction_texts():
    """The texts the construction tests give the engine: their string literals that read as a sentence."""
    texts = []
    for path in sorted((ROOT / "tests").glob("test_constructions*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and " " in node.value and len(node.value) > 15:
                texts.append(node.value)
    return sorted(set(texts))


def test_golden_texts_give_the_same_candidates_and_records(engines):
    compared = sum(assert_same(engines, path.read_text(encoding="utf-8"), path.name) for path in golden_texts())
    assert golden_texts() and compared > 0


def test_rule_examples_give_the_same_candidates_and_records(engines):
    examples = [(rule.id, example.text) for rule in engines[0].pack.rules for example in rule.examples]
    assert len(examples) > 100
    for rule_id, text in examples:
        assert_same(engines, text, f"example of {rule_id}")


def test_construction_test_texts_give_the_same_candidates_and_records(engines):
    texts = construction_texts()
    assert len(texts) > 50
    for text in texts:
        assert_same(engines, text, repr(text[:60]))


def _pack_words():
    engine = Engine(engine="python")
    words = sorted(w for w in engine.compiled.encoding.vocabulary if w.isalpha())
    return words[:: max(1, len(words) // 400)]


WORDS = _pack_words() + ["Ana", "Ruiz", "Mayor", "He", "She", "The", "ministry", "police", "“", "”", '"', ",", ".", "said", "told", "according", "to", "that"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=30), min_size=1, max_size=4))
def test_generated_texts_give_the_same_candidates_and_records(engines, sentences):
    # News-like word salad from the pack's own vocabulary, cues and quotation marks, so that
    # many rules get far into their patterns; sentences end with a full stop.
    text = " ".join(" ".join(words) + " ." for words in sentences)
    assert_same(engines, text, repr(text[:80]))


def test_a_run_of_words_passing_several_alternatives_of_a_test_gives_the_same_records(engines):
    # Found by the generated texts: each lowercase word here passes several alternatives of
    # noun_phrase_word's token test, and without atomic token alternatives the `regex` path
    # backtracked through every combination (four times the work per word) until its
    # wall-clock limit dropped attr.source-cue-content; the core, testing whole tokens, did not.
    text = ("patrolman tuesday six replaces developers publishes . healthcare farmer discusses belt afghan"
            " hungary iowa impossible lashing orleans persian bosnia constable appalachia a .")
    python, _ = engines
    assert not python.record(text, "t").get("errors")
    assert assert_same(engines, text, "word run") > 0


def _polnear(split):
    folder = POLNEAR / split / "text"
    if not folder.is_dir():
        pytest.skip(f"PolNeAR {split} is not on this machine ({folder}); the differential run over it needs /work/shared")
    return sorted(folder.glob("*.txt"))


@pytest.mark.parametrize("split", ["dev", "train"])
def test_polnear_gives_the_same_candidates_and_records(engines, split):
    files = _polnear(split)
    compared = sum(assert_same(engines, path.read_text(encoding="utf-8", errors="replace"), f"{split}/{path.name}") for path in files)
    assert compared > 1000


def test_a_rule_past_its_step_budget_loses_its_matches_and_says_so():
    text = "Mayor Ana Ruiz said that the bridge will reopen in May. The ministry said on Friday that prices would fall."
    full = Engine(engine="native").record(text, "t")
    tight = Engine(engine="native", max_rule_steps=50).record(text, "t")
    assert full["attributions"] and not tight["attributions"]
    errors = [e for e in tight["errors"] if "matching steps" in e["error"]]
    assert errors and all("clock" not in e for e in errors)  # a count: the same on every machine
    assert "max_rule_steps" in errors[0]["error"]


def test_the_cores_type_cache_emptied_when_full_gives_the_same_records(engines):
    # The token types live in the core's cache (quotetrace._native.TypeCache); a cache far
    # smaller than a document is emptied again and again, and nothing may change.
    python, _ = engines
    small = Engine(engine="native")
    small.native.types = native._native.TypeCache(small.compiled.encoding.context_offset, 40)
    for path in golden_texts()[:6]:
        text = path.read_text(encoding="utf-8")
        assert record_bytes(python, text) == record_bytes(small, text), path.name
    assert 0 < len(small.native.types) <= 400
    assert not small.compiled.encoding._types  # the native path keeps no second copy in Python
