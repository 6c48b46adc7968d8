"""How names compare across documents.

Within a document the engine links "Putin" to "Vladimir Putin" because both are there to
see. Across documents there is no such context, so the roster is stricter: two actors are
one speaker only when their full names (two or more name words) are the same once what
does not tell people apart is folded away, and each fold is a named rule so that every
merge says why it was made:

    roster.same-name       the same words as written
    roster.folded          the same after case, accents and punctuation: François Legault
                           and Francois Legault, O’Neill and O'Neill, Ki-moon and Ki Moon
    roster.titled-form     the same after titles and honorifics before the name:
                           President Vladimir Putin and Vladimir Putin, Mr. and Mrs. aside
    roster.particle        the same after particles inside the name: Bashar al-Assad and
                           Bashar Assad (as link.same-name does within a document)
    roster.middle-initial  the same after middle initials: Donald J. Trump and Donald Trump
                           (decided in quotetrace.roster.merge, which refuses it when two
                           different initials share the name)

A name of one word ("Obama", "Mr. Obama") names nobody across documents: it stays the
row of its own document. The words of titles and honorifics come from the rule pack's
lexicons (honorifics, titles, title_modifiers), so the roster folds what the engine reads.
"""
from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass

TITLE_LEXICONS = ("honorifics", "titles", "title_modifiers")
# Single-word organisation names that are common words (the Post, the campaign) are short
# names too; these lexicons hold those words.
COMMON_ORGANIZATION_LEXICONS = ("organization_words", "media_words")
# ... and these the one-word names that mean one organisation wherever they are written.
KNOWN_ORGANIZATION_LEXICONS = ("known_organizations", "known_media")
APOSTROPHES = "'’‘`´ʼ"
ARTICLES = ("the",)


@dataclass(frozen=True)
class NameWords:
    """The words a pack says are no part of a name: titles before it, common organisation words."""

    titles: frozenset
    common: frozenset
    known: frozenset = frozenset()
    particles: frozenset = frozenset()  # al, bin, de, van ...: the pack's name_particles, as linking reads them

    @classmethod
    def of_pack(cls, pack) -> "NameWords":
        return cls(_words(pack, TITLE_LEXICONS), _words(pack, COMMON_ORGANIZATION_LEXICONS), _words(pack, KNOWN_ORGANIZATION_LEXICONS),
                   _words(pack, ("name_particles",)))


def _words(pack, lexicon_ids) -> frozenset:
    words = set()
    for lexicon_id in lexicon_ids:
        lexicon = pack.lexicons.get(lexicon_id)
        for entry in lexicon.entries if lexicon else ():
            for form in entry.forms:
                words.update(w for w in fold(form) if w)
    return frozenset(words)


def fold(text: str) -> list[str]:
    """Words without case, accents or punctuation: "O’Neill" -> ["oneill"], "Ki-moon" -> ["ki", "moon"],
    "H.W." -> ["h", "w"] (initials stay apart, however they are spaced)."""
    return list(_fold(text))


@functools.lru_cache(maxsize=1 << 16)
def _fold(text: str) -> tuple:
    # A corpus writes the same names again and again: each is folded once.
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    text = "".join("" if c in APOSTROPHES else c if c.isalnum() else " " for c in text.casefold())
    return tuple(text.split())


def strip_titles(words: list[str], titles: frozenset, own_titles=()) -> list[str]:
    """Words with the titles and honorifics before the name taken off ("sen ted cruz" -> "ted cruz").

    `own_titles`: the actor's titles as folded word lists, taken off wherever they stand first."""
    words = list(words)
    changed = True
    while changed and words:
        changed = False
        for title in own_titles:
            if title and words[:len(title)] == title and len(words) > len(title):
                words = words[len(title):]
                changed = True
        while len(words) > 1 and words[0] in titles:
            words = words[1:]
            changed = True
    return words


@dataclass(frozen=True)
class Form:
    """A name as the roster compares it: `base` without titles, particles or middle
    initials, and the middle initials apart ("donald trump", "j")."""

    kind: str
    base: str
    initials: str

    @property
    def key(self) -> str:
        """The node of the merge graph: kind, base and initials."""
        return f"{self.kind}:{self.base}" + (f"|{self.initials}" if self.initials else "")

    @property
    def words(self) -> tuple:
        return tuple(self.base.split())


def form_of(name: str, kind: str, words: NameWords, own_titles=()) -> Form | None:
    """The form of a name, or None when it is no full name: a person's one word (a surname,
    "de Blasio" with its particle), or an organisation's one common word (the Post)."""
    return _form_of(name, kind, words, tuple(tuple(title) for title in own_titles))


@functools.lru_cache(maxsize=1 << 16)
def _form_of(name: str, kind: str, words: NameWords, own_titles: tuple) -> Form | None:
    if kind == "organization":
        folded = fold(name)
        while len(folded) > 1 and folded[0] in ARTICLES:
            folded = folded[1:]
        if len(folded) == 1 and not _distinct_word(name, folded[0], words):
            return None
        return Form(kind, " ".join(folded), "") if folded else None
    tokens = [(raw, fold(raw)) for raw in name.split()]
    tokens = [(raw, folded) for raw, folded in tokens if folded]
    while len(tokens) > 1 and all(w in words.titles for w in tokens[0][1]):
        tokens = tokens[1:]
    if tokens and tokens[0][0][:1].islower() and tokens[0][1][0] in words.particles:
        return None  # "de Blasio", "bin Laden": a surname with its particle, no first name
    folded = strip_titles([w for _, ws in tokens for w in ws], words.titles, [list(t) for t in own_titles])
    if len(folded) > 1 and all(len(w) == 1 for w in folded[:-1]):
        folded = ["".join(folded[:-1]), folded[-1]]  # H. R. McMaster and H.R. McMaster: "hr mcmaster"
    initials = [w for w in folded[1:-1] if len(w) == 1]
    base = [folded[0]] + [w for w in folded[1:] if len(w) > 1 and w not in words.particles] if folded else []
    if len(base) < 2:
        return None
    return Form(kind, " ".join(base), "".join(initials))


def _distinct_word(written: str, word: str, words: NameWords) -> bool:
    """Whether one word names one organisation wherever it is written: an acronym (CNN), a
    name with inner capitals (PolitiFact), or one the pack knows (Kremlin); not a common
    word (the Post) nor a capitalised word that may be anything (Trump, Donald)."""
    written = "".join(c for c in written if c.isalnum())
    if word in words.common:
        return False
    return written.isupper() and len(written) > 1 or any(c.isupper() for c in written[1:]) or word in words.known


def merge_rule(a: str, b: str, kind: str, words: NameWords) -> str:
    """The rule that makes two written names one: the first fold under which they agree."""
    if a == b:
        return "roster.same-name"
    fa, fb = fold(a), fold(b)
    if fa == fb:
        return "roster.folded"
    if kind == "organization":
        return "roster.folded" if [w for w in fa if w not in ARTICLES] == [w for w in fb if w not in ARTICLES] else "roster.document-variant"
    ta, tb = strip_titles(fa, words.titles), strip_titles(fb, words.titles)
    if ta == tb:
        return "roster.titled-form"
    form_a, form_b = form_of(a, kind, words), form_of(b, kind, words)
    if form_a and form_b and form_a.base == form_b.base:
        return "roster.middle-initial" if form_a.initials != form_b.initials else "roster.particle"
    return "roster.document-variant"
