"""Turn the actor stage's matches into mentions, then into actors.

What a mention is comes from the rule that found it: its `name:` and `title:` captures
and its attributes `kind` (person, organization) and `form` (pronoun). Which mentions
become actors, and how named mentions are grouped, is decided here by the linking
rules of quotetrace.actors.linking; each linked mention records the rule that linked it.
"""
from __future__ import annotations

import re

from quotetrace.actors.linking import PLACE, link_named_mentions, link_title_mentions, name_words
from quotetrace.actors.model import Actor, Mention
from quotetrace.budget import checked
from quotetrace.text.words import normalise


def mentions_from_matches(doc, matches, entry_index, gender_lexicons=None, possessives=frozenset()) -> list[Mention]:
    """`gender_lexicons`: the lexicons with a `gender` attribute on some entry (others are
    not looked up); None looks in all. `possessives`: the words of the lexicon `possessives`;
    an owner that is one is a pronoun ("his" in "his military"), linked later like he and she."""
    mentions = []
    gendered = {}  # id of a compiled rule -> whether it uses a lexicon that gives genders (once per rule)
    for match in checked(matches, "building mentions"):
        gender = None
        compiled = match.compiled
        uses_gender = gendered.get(id(compiled))
        if uses_gender is None:
            uses_gender = gendered[id(compiled)] = gender_lexicons is None or any(lexicon in gender_lexicons for _, lexicon in compiled.lexicon_groups)
        if uses_gender:
            for _, _, _, entry in match.lexicon_entries(doc.forms, entry_index):
                if entry is not None and entry.attribute("gender"):
                    gender = str(entry.attribute("gender"))
        attributes = match.rule.attributes
        captures = match.captures  # a property: read once (some 100 matches a document)
        name_ranges = captures.get("name")
        name = (name_ranges[0][0], name_ranges[-1][1]) if name_ranges else None
        form = attributes.get("form") or ("name" if name else "title")
        mentions.append(
            Mention(
                first=match.first,
                last=match.last,
                form=form,
                kind=str(attributes.get("kind", "unknown")),
                match=match,
                name=name,
                titles=list(captures.get("title", ())),
                gender=gender,
            )
        )
        # Whose they are is an actor of its own: "The Moscow Times’ team of journalists"
        # mentions the newspaper too. Its kind comes from its other mentions.
        for first, last in captures.get("owner", ()):
            word = normalise(doc.tokens[first])
            if last - first == 1 and word in possessives:
                mentions.append(Mention(first=first, last=last, form="pronoun", kind="person", match=match, gender=_gender_of(word, entry_index, gender_lexicons)))
            else:
                mentions.append(Mention(first=first, last=last, form="name", kind="unknown", match=match, name=(first, last)))
    return mentions


def _gender_of(word, entry_index, gender_lexicons):
    """The gender a lexicon gives a one-word form (his: male), or None."""
    for lexicon in sorted(gender_lexicons or ()):
        entry = entry_index.get((lexicon, (word,)))
        if entry is not None and entry.attribute("gender"):
            return str(entry.attribute("gender"))
    return None


def _gender_lexicons(pack) -> frozenset:
    """The lexicons with a `gender` on some entry, found once per pack."""
    found = pack.__dict__.get("_gender_lexicons")
    if found is None:
        found = pack.__dict__["_gender_lexicons"] = frozenset(
            lexicon.id for lexicon in pack.lexicons.values() if any(entry.attribute("gender") for entry in lexicon.entries)
        )
    return found


RELATIVES_LEXICON = "relatives"


def _relatives(pack) -> frozenset:
    """One-word entries of the lexicon `relatives` (wife, son ...), for link.short-name."""
    lexicon = pack.lexicons.get(RELATIVES_LEXICON)
    return frozenset(form.lower() for entry in lexicon.entries for form in entry.forms if " " not in form) if lexicon else frozenset()


def build_actors(doc, matches, source_ranges, pack, words) -> tuple[list[Actor], list[Mention]]:
    """Actors in order of first mention, and all mentions (pronouns still unlinked)."""
    mentions = mentions_from_matches(doc, matches, pack.compiled.entry_index, _gender_lexicons(pack), words.possessives)
    # Writings ("the report", kind document) can be sources but are not actors.
    named = [m for m in mentions if m.form == "name" and m.kind != "document"]
    titled = [m for m in mentions if m.form == "title" and m.kind != "document"]
    appositives = [m for m in mentions if m.form == APPOSITIVE]
    borrowed = _confirm_with_appositives(doc, appositives, named)
    groups = link_named_mentions(doc, named, source_ranges, words, _relatives(pack))
    actors: list[Actor] = []
    for group in groups:
        actors.append(_actor_from_group(doc, group, words))
    linked = _link_appositives(doc, appositives, titled, actors, borrowed)
    actors.extend(link_title_mentions(doc, [m for m in titled if id(m) not in linked], actors, pack, source_ranges, words))
    for actor in actors:
        actor.mentions.sort(key=lambda m: (m.first, m.last))
    actors.sort(key=lambda a: (a.mentions[0].first, a.mentions[0].last))
    for number, actor in enumerate(actors, 1):
        actor.id = f"act{number}"
        actor.titles = _titles(doc, actor)
    return actors, mentions


APPOSITIVE = "appositive"  # the form of a role between commas after a name (rule actor.appositive-role)
_BETWEEN_WORDS = frozenset(("now", "also", "then", "once", "himself", "herself"))  # definition appositive_between
APPOSITIVE_MARKS = frozenset((",", "—", "–", "--", "-"))  # what sets the role off (definition appositive_mark)


def _name_ends_before(doc, first):
    """Where the name may end that a role starting at token `first` is said of, nearest
    first: right before the comma (_name_end_before), then before "of" and the place a person
    is from ("Rep. Ana Ruiz of Ohio, the panel's ranking Democrat": the role is said of Ruiz
    when no actor's name ends at Ohio, a place)."""
    end = _name_end_before(doc, first)
    if end is None:
        return ()
    i = end - 1
    while i > 0 and end - i <= 3 and doc.tokens[i][:1].isupper():
        i -= 1
    if i < end - 1 and i > 0 and doc.tokens[i] == "of":
        return (end, i)
    return (end,)


def _name_end_before(doc, first):
    """Where the name ends that a role starting at token `first` is said of: back over "now",
    the comma or dash, an age and a party and state in parentheses ("Ruiz (D-N.C.), now a ..."); None when
    the tokens there are not so."""
    i = first - 1
    if i >= 0 and doc.tokens[i].lower() in _BETWEEN_WORDS:
        i -= 1
    if i < 0 or doc.tokens[i] not in APPOSITIVE_MARKS:
        return None
    i -= 1
    if i >= 1 and doc.tokens[i][:1].isdigit() and doc.tokens[i - 1] == ",":  # an age: Reyes, 43, a father
        i -= 2
    if i >= 0 and doc.tokens[i] == ")":
        while i >= 0 and doc.tokens[i] != "(":
            i -= 1
        i -= 1
    return i + 1 if i >= 0 else None


def _confirm_with_appositives(doc, appositives, named) -> set:
    """A name with a role said of it ("Scheiderman, a Democrat whose office ...") has a title,
    so a one-word name is an actor (link.own-actor confirms a name with a title): the role's
    title is lent to the name's mention until the role itself is linked (_link_appositives).
    Returns the ids of the mentions lent one."""
    by_end = {m.name[1]: m for m in named if m.name}
    lent = set()
    for role in appositives:
        mention = next((by_end[end] for end in _name_ends_before(doc, role.first) if end in by_end), None)
        if mention is not None and not mention.titles:
            mention.titles = list(role.titles)
            lent.add(id(mention))
    return lent


def _link_appositives(doc, appositives, titled, actors, lent=frozenset()) -> set:
    """link.appositive: a role between commas after a name ("Lena Ortiz, a Boston lawyer",
    rule actor.appositive-role) is a title of the actor whose name ends there, and so is a
    title phrase another rule found in it ("a Boston lawyer" of actor.title); neither starts
    an actor. Without a named actor there (the name was a place: "Springfield, a town ...")
    the role is nothing and the title phrases in it are linked as usual. A gendered role (a
    spokeswoman) gives the actor its gender when it has none, and a role naming an
    organisation (a coal company) makes an organisation of an actor no mention gave a kind. A title lent to a name's mention
    (`lent`: _confirm_with_appositives) is taken back. Returns the ids of the title mentions
    linked here."""
    by_end = {}
    for actor in actors:
        for m in actor.mentions:
            if m.form == "name" and m.name:
                by_end.setdefault(m.name[1], actor)
                if id(m) in lent:  # the role's own mention carries its title
                    m.titles = []
    linked = set()
    roles = []  # (where a linked role ends, its actor), in text order
    for role in sorted(appositives, key=lambda m: m.first):
        actor = next((by_end[end] for end in _name_ends_before(doc, role.first) if end in by_end), None)
        if actor is None or any(m.first < role.last and role.first < m.last for m in actor.mentions):
            continue  # none there, or a mention of the actor has it already (Ruiz, the mayor,)
        inside = [m for m in titled if m.first < role.last and role.first < m.last]
        for mention in inside or [role]:
            _attach_role(doc, mention, actor, "says what '{}' is, between commas after its name", linked)
        if actor.gender is None and role.gender:
            actor.gender = role.gender
        # A role that names an organisation ("Ridge Mining, a coal company") makes an
        # organisation of a name whose own mentions gave no kind (a person by default).
        if (actor.kind == "person" and inside and all(m.kind == "organization" for m in inside)
                and all(m.kind in ("unknown", PLACE) for m in actor.mentions if m.form == "name")):
            actor.kind = "organization"
        roles.append((role.last, actor))
    for mention in titled:
        if id(mention) in linked:
            continue
        actor = _coordinated_role_of(doc, mention, roles)
        if actor is not None:
            _attach_role(doc, mention, actor, "is a second role of '{}', after 'and' in the role between commas after its name", linked)
    return linked


def _attach_role(doc, mention, actor, note, linked):
    """Make `mention` a title of `actor` (link.appositive); `note` says how, '{}' its name."""
    mention.form = "title"
    mention.actor = actor
    mention.linked_by = "link.appositive"
    mention.link_note = f"'{_text(doc, mention.first, mention.last)}' " + note.format(actor.name)
    actor.mentions.append(mention)
    linked.add(id(mention))


_ROLE_CLOSERS = (",", ".", ";", "—", "–", "--")  # what ends a role after "and" (_coordinated_role_of)
_ROLE_BREAKS = frozenset((",", ".", "?", "!", ";", ":", "—", "–", "--", "(", ")", "who", "which", "that", "whose", "whom"))


def _coordinated_role_of(doc, mention, roles):
    """The actor a title phrase after "and" is a second role of, when it continues a role
    between commas after a name ("Tom Reyes, an adviser to the campaign on tax issues and an
    associate professor at a law school, said"): it opens with "a", "an" or "the", the role
    before it ends at most 15 tokens before its "and" with no comma, clause or sentence end
    between, and a comma, a dash or the sentence's end closes it, perhaps after a complement
    ("and a mother of three,")."""
    first, last = mention.first, mention.last
    if first < 2 or doc.tokens[first - 1].lower() != "and" or doc.tokens[first].lower() not in ("a", "an", "the"):
        return None
    if last < len(doc.tokens) and doc.tokens[last].lower() in ("of", "for", "at", "in", "with"):
        # its complement up to the mark that closes it: a mother of three,
        end = next((i for i in range(last, min(last + 7, len(doc.tokens))) if doc.tokens[i] in _ROLE_CLOSERS), None)
        if end is None or any(t.lower() in _ROLE_BREAKS for t in doc.tokens[last:end]):
            return None
    elif last < len(doc.tokens) and doc.tokens[last] not in _ROLE_CLOSERS:
        return None
    for role_last, actor in reversed(roles):
        if role_last <= first - 1 and first - 1 - role_last <= 15:
            between = doc.tokens[role_last:first - 1]
            if not any(t.lower() in _ROLE_BREAKS for t in between):
                return actor
            return None
    return None


def _text(doc, first, last):
    start, end = doc.span_of(first, last)
    return doc.text[start:end]


# A name of one word with a capital inside is a company's or a site's (BuzzFeed, ProPublica,
# RealClearPolitics), not a person's; surnames with Mc, Mac, De ... before their capital stay
# persons (McKay, DeMoro, LaHood).
_INNER_CAPITAL = re.compile(r"(?!(?:Mc|Mac|De|Di|Da|La|Le|Du|Van|Von|O)[A-Z])[A-Z][a-z]+[A-Z][a-z]+\w*$")


def _actor_from_group(doc, group, words) -> Actor:
    """The kind is the one most mentions give; when the name has two or more words, only the
    mentions that carry all of them vote: a short form is part of something else too often
    ("the Patel camp", "the Trump show" make no organisation of Mina Patel or Donald Trump),
    so the same name gets the same kind in every document unless its full form says
    otherwise. Without a vote, a person, unless the name's last word ends organisations' names
    (New York University, Getty Images, the Wall Street Journal: PackWords.organization_ends)
    or it is one word with a capital inside (BuzzFeed)."""
    canonical = max(group, key=lambda m: (len(_text(doc, *m.name)), -m.first))
    full = set(name_words(doc, *canonical.name, words))
    kinds = [m.kind for m in group if m.kind not in ("unknown", PLACE) and (len(full) < 2 or set(name_words(doc, *m.name, words)) == full)]
    if kinds:
        kind = max(set(kinds), key=lambda k: (kinds.count(k), k == "person"))
    else:
        last = normalise(doc.tokens[canonical.name[1] - 1])
        start, end = doc.span_of(*canonical.name)
        handle = doc.text[start - 1:start] in ("@", "#")  # @BernieSanders is a person's account
        organization = (len(full) >= 2 and last in words.organization_ends) or (
            len(full) == 1 and not handle and _INNER_CAPITAL.match(doc.text[start:end]))
        kind = "organization" if organization else "person"
    genders = [m.gender for m in group if m.gender]
    actor = Actor(id="", name=_text(doc, *canonical.name), kind=kind, gender=genders[0] if genders else None)
    for mention in group:
        mention.actor = actor
        actor.mentions.append(mention)
    return actor


def _titles(doc, actor) -> list[str]:
    titles, seen = [], set()
    for mention in actor.mentions:
        for first, last in mention.titles:
            text = _text(doc, first, last)
            if text.lower() not in seen:
                seen.add(text.lower())
                titles.append(text)
    return titles
