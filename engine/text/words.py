"""How words are compared: the one normal form that literal pattern words, lexicon entries
and document tokens share, so that "Said", "said" and "said" with a curly apostrophe in a
contraction all meet. Actors, attributions and the pattern engine all import it from here.
"""
from __future__ import annotations

from quotetrace.text.tokens import tokenize


def normalise(word: str) -> str:
    """The form literal words and lexicon entries are compared in."""
    return word.lower().replace("’", "'").replace("‘", "'")


def literal_words(text: str) -> list[str]:
    """Tokenize a literal of a pattern or lexicon exactly as document text is tokenized."""
    starts, ends = tokenize(text)
    return [normalise(text[s:e]) for s, e in zip(starts, ends)]
