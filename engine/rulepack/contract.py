"""What the engine's code reads from a rule pack: the single declared contract between
the Python and the YAML.

Rules and lexicons are the pack's; a few names in them mean something to the engine itself
(a capture called `source` is a role, a lexicon called `possessives` decides whose a
source is, an entry attribute `number: plural` keeps a pronoun from a group). They are all
declared here, once, with what the engine does with them, so that a rule author can change
any word list without reading Python, and `quotetrace check` can warn when a pack lacks one.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from quotetrace.text.words import literal_words, normalise

# The roles of an attribution, in the order records list them.
ROLES = ("source", "cue", "content", "addressee", "medium")

# Captures the engine reads besides the roles (stage actors).
ACTOR_CAPTURES = {
    "name": "the words of a mention that are its name (Vladimir Putin in President Vladimir Putin)",
    "title": "the words of a mention that are a title (President)",
    "owner": "whose a title is (UNESCO in the chief of UNESCO)",
}

# Labels the engine itself gives or reads.
LABELS = {
    "quote": "a quotation (the text layer gives it)",
    "name": "a proper name (stage names)",
    "actor": "a mention of a person or organisation (stage actors)",
    "attribution": "an attribution (stage attributions)",
}

# Rule attributes the engine reads (stage actors).
RULE_ATTRIBUTES = {
    "kind": "person, organization, document (a writing: a source but no actor) or unknown",
    "form": "pronoun, name, title or appositive (a role said of the name before it: a title of that actor): how the mention names its actor",
}

# Lexicon entry attributes the engine reads.
ENTRY_ATTRIBUTES = {
    "gender": "female or male: a pronoun links only to an actor of the same gender",
    "role": "titles naming the same position share it (chief, head), so title phrases link",
    "nested": '"no": a cue with this entry makes no attribution inside another\'s content',
    "number": "plural: a title phrase ending in this word names a group, which he or she cannot refer to",
    "inside": "name_particles: yes when the particle may stand inside a written name",
}

# Lexicons the engine reads outside the patterns (a pack without one gets an empty list and
# a warning from `check`).
LEXICONS = {
    "media_words": "words that make an organisation a news medium: told TASS gives TASS as medium",
    "known_media": "news organisations named without such a word",
    "possessives": 'a source opening with one is owned, not the speaker: "Her campaign"',
    "title_modifiers": "words that qualify a title (former, acting) without telling two holders apart",
    "articles": "left out when title phrases are compared and from titles used as names",
    "relative_pronouns": 'a source that is one after a comma speaks for what it follows',
    "name_particles": "left out when names are compared (al, bin, de, van ...)",
    "name_prefixes": "joined to a name word and left out when names are compared (al-, el- ...)",
    "acronym_skip_words": "words whose initial an acronym leaves out",
    "title_function_words": "words of a title phrase that say nothing about whose title it is",
    "relatives": "kin words (wife, son): a bare surname skips the full names the text calls someone's relative",
    "organization_words": "a name that no mention gives a kind is an organisation when its last word is one (New York University)",
    "organization_name_ends": "the same for last words of company names (Getty Images, Ortiz Partners)",
}


@dataclass(frozen=True)
class PackWords:
    """The word lists of LEXICONS, as the engine compares words (normalised)."""

    media: frozenset            # word tuples
    possessives: frozenset
    articles: frozenset
    relative_pronouns: frozenset
    name_particles: frozenset
    name_prefixes: tuple
    acronym_skip: frozenset
    title_function_words: frozenset
    plurals: frozenset          # words of entries with number: plural, in any lexicon
    # last words that make a name with no kind an organisation: organization_words,
    # organization_name_ends and the media words (University, Partners, Journal)
    organization_ends: frozenset = frozenset()
    # the last words of company names alone (organization_name_ends: Coal, Partners, Inc),
    # which a short name may leave out (Patriot -> Patriot Coal)
    company_ends: frozenset = frozenset()
    qualifier_lexicon: str = "title_modifiers"
    # token text -> its name word (quotetrace.actors.linking.name_words), filled as tokens
    # are met: names recur across documents, and each token costs a dozen prefix tests.
    name_word_cache: dict = field(default_factory=dict, compare=False, hash=False, repr=False)


def missing_lexicons(pack) -> list[str]:
    """The lexicons of the contract that the pack does not define."""
    return [lexicon_id for lexicon_id in LEXICONS if lexicon_id not in pack.lexicons]


def _forms(pack, lexicon_id):
    lexicon = pack.lexicons.get(lexicon_id)
    return [form for entry in (lexicon.entries if lexicon else ()) for form in entry.forms]


def _words(pack, lexicon_id) -> frozenset:
    """Single words as the engine compares a token (a form is taken whole: "st." stays one word)."""
    return frozenset(normalise(form) for form in _forms(pack, lexicon_id))


def pack_words(pack) -> PackWords:
    media = frozenset(tuple(literal_words(form)) for lexicon_id in ("media_words", "known_media") for form in _forms(pack, lexicon_id))
    plurals = frozenset(
        normalise(form.split()[-1])
        for lexicon in pack.lexicons.values()
        for entry in lexicon.entries
        if entry.attribute("number") == "plural"
        for form in entry.forms
    )
    possessives = frozenset(words[0] for words in (literal_words(f) for f in _forms(pack, "possessives")) if len(words) == 1)
    return PackWords(
        media=media,
        possessives=possessives,
        articles=_words(pack, "articles"),
        relative_pronouns=_words(pack, "relative_pronouns"),
        name_particles=_words(pack, "name_particles"),
        name_prefixes=tuple(sorted(_words(pack, "name_prefixes"))),
        acronym_skip=_words(pack, "acronym_skip_words"),
        title_function_words=_words(pack, "title_function_words"),
        plurals=plurals,
        organization_ends=_words(pack, "organization_words") | _words(pack, "organization_name_ends") | _words(pack, "media_words"),
        company_ends=_words(pack, "organization_name_ends") - _words(pack, "organization_words") - _words(pack, "media_words"),
    )
