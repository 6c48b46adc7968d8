"""The core's tokenizer (quotetrace.text.native_tokens) gives the tokens of the `regex` one
(quotetrace.text.tokens), its reference: on the golden texts, on PolNeAR when /work/shared is
there, and on texts hypothesis makes from the characters where the pattern's alternatives
turn (dotted capitals, dashes, apostrophes before s, digits with points and commas, marks,
spaces of every kind) and from any code point, past the table too (then `regex` runs).
"""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, SHARED
from quotetrace.patterns import native
from quotetrace.text import native_tokens
from quotetrace.text.tokens import tokenize

pytestmark = pytest.mark.skipif(not native.available(), reason=native.why_unavailable() or "")

TURNS = list("ABDNUSYVaesSty019.,-'`’‘“”\"_ \n\t") + ["\u2010", "\u2011", "\u00a0", "\u2019s", "\u0301", "\u00e9", "\u00c9", "\u00df", "\u03a9",
                                                    "\u00b2", "\u2003", "\u2026", "\u200b", "...", "--", "''", "``", "U.S.", "D-N.Y.", "R-S.C.",
                                                    "3.5", "100,000", "O'Brien", "isn't", "al-Assad", "\u0e01", "\u2160"]


def same(text):
    table = native_tokens._table()
    for limit in (None, 0, 3):
        assert table.tokenize(text, limit) in (None, tokenize(text, limit)), (text, limit)
    assert native_tokens.tokenize(text) == tokenize(text)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(TURNS), max_size=30).map("".join))
def test_texts_of_the_patterns_turning_points_give_the_same_tokens(text):
    same(text)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=40))
def test_any_text_gives_the_same_tokens(text):
    same(text)


def test_real_texts_give_the_same_tokens():
    paths = sorted((ROOT / "tests" / "golden").glob("*.txt")) + sorted((SHARED / "corpora" / "polnear").glob("*/text/*.txt"))
    texts = [path.read_text(encoding="utf-8", errors="replace") for path in paths]
    for text in texts:
        same(text)
    assert sum(native_tokens._table().tokenize(text) is not None for text in texts) >= len(texts) * 0.9
