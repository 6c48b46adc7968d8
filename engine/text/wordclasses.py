"""Every part of speech a word can have, looked up, never guessed.

Rules need to tell "a statement" (noun) from "stated" (verb) and a noun phrase from a verb
group, but a statistical tagger would make the output depend on a model's guesses and
break the promise that every extraction is explained by its rules. So a word's classes
are all the classes a dictionary gives its spelling, whatever the context: "report" is a
noun and a verb, "said" a verb's past tense and past participle. A word the dictionary
lacks has no class, and a test such as %noun fails on it.

The open classes and their forms come from LemmInflect's lexicon (MIT licence; drawn from
the NIH SPECIALIST Lexicon), read as data from the installed package: its lemma table
gives each spelling's classes (noun, verb, adj, adv, aux), its inflection table each verb
form's Penn Treebank tag (VBD past, VBN participle, VBG -ing, VBZ third person). The
package's own code is never imported: it would load numpy and an out-of-vocabulary
model we must not use. docs/rules.md says why this dictionary and not another.

The closed classes (prepositions, determiners, pronouns, conjunctions, number words, the
forms of "be") are small, finite lists that no dictionary package on PyPI gives with all
their classes, so they are written out below, following the Penn Treebank's closed-class
tags (IN and TO as preposition or conjunction, DT/PDT/WDT, PRP/PRP$/WP/WP$/EX, CC, CD).
They live in the text layer, like the abbreviations of sentences.py, because a word's
classes must not depend on the rule pack.
"""
from __future__ import annotations

import functools
import gzip
import importlib.metadata
from collections.abc import Iterator

from quotetrace.text.words import normalise

DICTIONARY_PACKAGE = "lemminflect"

# The token tests, most significant bit first: the signature table is sorted by mask, so
# the first classes listed are one contiguous range of code points each (cheap to test).
CLASSES = (
    "noun", "verb", "adj", "adv", "prep", "det", "pron", "conj", "aux", "num",
    "verb_past", "verb_part", "verb_ing", "verb_s", "verb_base", "noun_plural",
)
BIT = {name: 1 << (len(CLASSES) - 1 - i) for i, name in enumerate(CLASSES)}

DESCRIPTIONS = {
    "noun": "a noun (statement, police, Monday)",
    "verb": "a verb in any form (say, says, said, saying)",
    "adj": "an adjective (former, angry, angrier)",
    "adv": "an adverb (again, later, not)",
    "prep": "a preposition (in, of, after, to)",
    "det": "a determiner (the, a, this, every)",
    "pron": "a pronoun (he, her, who, someone)",
    "conj": "a conjunction, coordinating or subordinating (and, but, because, that)",
    "aux": "an auxiliary or modal verb (is, has, did, would)",
    "num": "a number word (two, hundred, million)",
    "verb_past": "a verb's past tense (said, told, spoke)",
    "verb_part": "a verb's past participle (said, told, spoken)",
    "verb_ing": "a verb's -ing form (saying)",
    "verb_s": "a verb's third person singular (says)",
    "verb_base": "a verb's base form (say, be, are)",
    "noun_plural": "a noun's plural, spelled unlike its singular (officials, people)",
}

_CLOSED = {
    "prep": """aboard about above across after against along alongside amid amidst among amongst
        around as at atop before behind below beneath beside besides between beyond but by
        concerning considering despite down during except excluding following for from in
        including inside into like minus near notwithstanding of off on onto opposite out
        outside over past per plus regarding round since than through throughout till to
        toward towards under underneath unlike until unto up upon versus via with within without""",
    "det": """a an the this that these those some any no every each either neither all both half
        such what which whatever whichever another""",
    "pron": """i me my mine myself you your yours yourself yourselves he him his himself she her
        hers herself it its itself we us our ours ourselves they them their theirs themselves
        themself oneself who whom whose what which whoever whomever whatever whichever this that
        these those someone somebody something anyone anybody anything everyone everybody
        everything nobody nothing none there""",
    "conj": """and but or nor yet so for after although as because before if lest once since than
        that though till unless until whereas whether while whilst""",
    "num": """zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen
        fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy
        eighty ninety hundred thousand million billion trillion dozen""",
}

# "be" is the one verb LemmInflect's inflection table leaves out (its code writes the forms
# in by hand); these are its forms with their Penn tags, VBP counted as the base form.
_BE = {"be": "verb_base", "am": "verb_base", "are": "verb_base", "is": "verb_s",
       "was": "verb_past", "were": "verb_past", "been": "verb_part", "being": "verb_ing"}

# LemmInflect's inflection table: after lemma and class, the forms in this order. A
# regular verb's empty participle is its past tense, as LemmInflect itself reads it.
_VERB_COLUMNS = ("verb_past", "verb_part", "verb_ing", "verb_s")


def dictionary_version() -> str:
    """The dictionary's package and version: compiled packs that test classes depend on it."""
    return f"{DICTIONARY_PACKAGE} {importlib.metadata.version(DICTIONARY_PACKAGE)}"


def _resource_lines(name: str) -> Iterator[str]:
    """The lines of a resource file, read as they are used: the two files are some 120,000
    lines, and held whole (text and lines at once) they added about 5 MB to the peak memory
    of a run, which the dictionary sets since it is read during the first document."""
    distribution = importlib.metadata.distribution(DICTIONARY_PACKAGE)
    path = distribution.locate_file(f"{DICTIONARY_PACKAGE}/resources/{name}")
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            yield line.rstrip("\r\n")


def _masks() -> dict[str, int]:
    """Normalised spelling -> the bits of all its classes. Not kept: _signatures_and_index
    keeps what is read of it, a position per word, which needs no int object per word."""
    masks: dict[str, int] = {}

    def add(word, name):
        key = normalise(word)
        masks[key] = masks.get(key, 0) | BIT[name]

    for line in _resource_lines("lemma_lu.csv.gz"):
        word, upos, _ = line.split(",", 2)
        add(word, upos)
    for line in _resource_lines("infl_lu.csv.gz"):
        lemma, upos, *forms = line.split(",")
        if upos == "verb":
            add(lemma, "verb_base")
            past = forms[0] if forms else ""
            for column, spellings in zip(_VERB_COLUMNS, forms):
                for spelling in filter(None, (spellings or (past if column == "verb_part" else "")).split("/")):
                    add(spelling, "verb")
                    add(spelling, column)
        elif upos == "noun" and forms:
            for spelling in forms[0].split("/"):
                if spelling and normalise(spelling) != normalise(lemma):
                    add(spelling, "noun")
                    add(spelling, "noun_plural")
    for name, words in _CLOSED.items():
        for word in words.split():
            add(word, name)
    for word, form in _BE.items():
        add(word, "verb")
        add(word, form)
    return masks


@functools.lru_cache(maxsize=1)
def _signatures_and_index() -> tuple[tuple[int, ...], dict[str, int]]:
    masks = _masks()
    found = tuple(sorted({0, *masks.values()}))
    position = {mask: i for i, mask in enumerate(found)}
    # Rewritten in place: a second dict of some 70,000 words beside the first added about
    # 2 MB to the peak memory of a run, which this sets (it is read during the first document).
    for word, mask in masks.items():
        masks[word] = position[mask]
    return found, masks


def signatures() -> tuple[int, ...]:
    """Every distinct combination of classes, sorted; a word's position here is what the
    token stream carries (0: no class, a word the dictionary lacks)."""
    return _signatures_and_index()[0]


def _signature_index() -> dict[str, int]:
    return _signatures_and_index()[1]


def signature_of(word: str) -> int:
    """The position in signatures() of the word's classes (case and apostrophes as in
    literal words: "Said" and "said" alike)."""
    return _signature_index().get(normalise(word), 0)


def classes_of(word: str) -> tuple[str, ...]:
    """The word's classes by name, in CLASSES order."""
    found, index = _signatures_and_index()
    mask = found[index.get(normalise(word), 0)]
    return tuple(name for name in CLASSES if mask & BIT[name])


def signatures_with(name: str) -> frozenset[int]:
    """Positions in signatures() of the combinations that include the class."""
    bit = BIT[name]
    return frozenset(i for i, mask in enumerate(signatures()) if mask & bit)
