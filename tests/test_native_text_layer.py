"""The core's text layer (quotetrace.text.native_layer) gives the Document of the Python one
(quotetrace.text.document.analyse with the `regex` tokenizer), its reference: the same
tokens, sentences, paragraphs, quotations, context flags, possessive forms and notes, in the
same offsets. Differential: on the texts of the text-layer tests, on the golden texts, on
PolNeAR train and dev when /work/shared is there, with and without the work limits that cut
sentences and paragraphs, and on texts hypothesis makes from the characters and words where
the layer's steps turn (quote marks of every kind, line endings, abbreviations, initials,
capitals, digits, white space that str.isspace and `regex` see differently) and from any
code point, past the core's table too (then the Python layer runs).
"""
from __future__ import annotations

import ast
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, SHARED
from quotetrace.budget import WorkLimitExceeded
from quotetrace.patterns import native
from quotetrace.text import document, native_layer

pytestmark = pytest.mark.skipif(not native.available(), reason=native.why_unavailable() or "")

# (max_tokens, max_sentence_tokens, max_paragraph_tokens): none, the engine's defaults, and
# limits small enough to cut sentences and paragraphs of ordinary text.
LIMITS = [(None, None, None), (200_000, 300, 2_000), (None, 4, 9), (50, 3, 5)]


def same(text, limits=LIMITS):
    for max_tokens, max_sentence, max_paragraph in limits:
        try:
            expected = document.analyse(text, "t", max_tokens, max_sentence, max_paragraph)
        except WorkLimitExceeded as exc:
            with pytest.raises(WorkLimitExceeded, match=re.escape(str(exc))):
                native_layer.analyse(text, "t", max_tokens, max_sentence, max_paragraph)
            continue
        got = native_layer.analyse(text, "t", max_tokens, max_sentence, max_paragraph)
        assert got == expected, (text[:200], (max_tokens, max_sentence, max_paragraph),
                                 [name for name in expected.__dataclass_fields__ if getattr(got, name) != getattr(expected, name)])


def test_the_core_runs_the_layer():
    assert native_layer.available()
    assert native_layer._table().layer("He said “yes.” Then he left.") is not None


def test_texts_of_the_text_layer_tests_give_the_same_document():
    tree = ast.parse((ROOT / "tests" / "test_text_layer.py").read_text(encoding="utf-8"))
    texts = sorted({node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value) > 8})
    assert len(texts) > 30
    for text in texts:
        same(text)


def test_real_texts_give_the_same_document():
    paths = sorted((ROOT / "tests" / "golden").glob("*.txt")) + sorted((SHARED / "corpora" / "polnear").glob("*/text/*.txt"))
    for path in paths:
        same(path.read_text(encoding="utf-8", errors="replace"))
    if not (SHARED / "corpora" / "polnear").is_dir():
        pytest.skip(f"PolNeAR is not on this machine ({SHARED}); only the golden texts were compared")


TURNS = (list("AJNSsUaeno019.,;:!?-—–•*()[]{}/'`’‘“”\"«»„‟‚‛ \n\r\t…") +
         ["\r\n", "\n\n", "\r\n\r\n", "\u2028", "\u2029", "\u0085", "\u00a0", "\u001c", "\u001f", "\u2003", "\u01c5", "\u0130",
          "...", "--", "''", "``", "'''", "U.S.", "D-N.Y.", "Sen.", "Gov.", "Dr.", "No.", "no.", "Fig.", "J.", "The", "He", "she",
          "According", "WALLACE", "JAKE TAPPER", ":", "workers’", "Sanders'", "s'", "3.5", "¼", "²", "ǅ", "Ⅸ"])


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(TURNS), max_size=60).map(" ".join))
def test_texts_of_the_layers_turning_points_give_the_same_document(text):
    same(text)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(TURNS), max_size=60).map("".join))
def test_glued_turning_points_give_the_same_document(text):
    same(text)


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=60))
def test_any_text_gives_the_same_document(text):
    same(text)


def test_a_text_past_the_table_goes_through_the_python_layer():
    text = "The mayor said “the ☃ stays.” She left."  # U+2603, past the table
    assert native_layer._table().layer(text) is None
    same(text)


def test_past_max_tokens_both_layers_refuse_the_document():
    text = "One two three four five six."
    with pytest.raises(WorkLimitExceeded, match="more than 3 tokens"):
        native_layer.analyse(text, "t", 3)
