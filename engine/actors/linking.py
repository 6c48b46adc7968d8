"""Linking mentions to actors: the documented, rule-based preferences.

Each function below is one linking rule; its id is recorded on every mention it links
(`linked_by` in the output). In order:

link.same-name        named mentions whose name words are the same set are one actor
                      (Bashar al-Assad, Bashar Assad: particles such as al-, bin, de are ignored).
link.short-name       a name whose words are a part of a longer name links to it (Putin ->
                      Vladimir Putin); with several candidates, the nearest full name before
                      it wins, else the first after it, leaving out for a bare surname those
                      the text calls someone's relative (his wife, Heidi). An organisation's
                      short name must keep its last word (the Herald -> The Riverton Herald;
                      Riverton does not); no name links to the words before a possessive
                      inside a longer one (CNN is not CNN's Jake Tapper).
link.acronym          an all-capital name equal to the initials of a longer name (IS -> Islamic State).
link.own-actor        a named mention no other rule linked starts its own actor when it has
                      a title, a definite kind, two or more name words, or is an attribution's
                      source; a lone capitalised word with none of these is not an actor.
link.appositive       a role between commas after a name (Lena Ortiz, a Boston lawyer: rule
                      actor.appositive-role), and a title phrase found in it, is a title of
                      the named actor (engine/actors/build.py).
link.title-to-name    a title phrase without a name (the Kremlin spokesman, the chief of
                      UNESCO) links to the named actor that carries a title with the same role
                      (the lexicon attribute `role`: chief and head share one) and the same
                      other words (Kremlin, UNESCO; a board spokeswoman is not a spokeswoman
                      for the workers' union); not one that opens with "a" or "an" (an
                      expert), which brings someone new in.
link.role-to-name     otherwise "the" and a role in one word, in the singular (the minister, the
                      spokeswoman), links to the named actor mentioned last before it with a title
                      of that role and no other gender (Agriculture Minister Ravi Shah).
link.same-title       unlinked definite title phrases with the same role and words are one actor.
link.definite-head    otherwise "the" and one or two lower-case words naming an organisation (the
                      union, the think tank) links to the nearest organisation before it whose
                      name ends in those words (The ferry operators' union, the Salem Institute).
link.pronoun-same-sentence     he/she/his/her... links to the nearest compatible person
                      mentioned before it in its sentence, on the same side of a quotation.
link.pronoun-previous-source   otherwise, to the source of the last attribution of the
                      previous sentence;
link.pronoun-previous-subject  otherwise, to the first person mentioned in the previous sentence;
                      otherwise (link.pronoun-previous-source) to the source of the last
                      attribution of the sentence before that.
"""
from __future__ import annotations

import bisect

from quotetrace.actors.model import NOT_COMPUTED, Actor, Mention
from quotetrace.budget import checked
from quotetrace.text.words import normalise

PLACE = "place"  # the kind of a place's mention (rule actor.place): no actor of its own
INDEFINITE_ARTICLES = frozenset(("a", "an"))  # a title phrase opening with one links to no named actor

# The word lists these rules compare with are the pack's (rules/lexicons/function_words.yaml,
# rulepack/contract.py): `words` below is its PackWords.


def name_words(doc, first, last, words) -> tuple[str, ...]:
    """The words two names are compared by: particles and prefixes left out (al-Assad, Assad)."""
    cache = words.name_word_cache
    found = []
    for token in doc.tokens[first:last]:
        word = cache.get(token, NOT_COMPUTED)
        if word is NOT_COMPUTED:
            if len(cache) >= NAME_WORD_CACHE_LIMIT:
                cache.clear()
            word = cache[token] = _name_word(token, words)
        if word is not None:
            found.append(word)
    return tuple(found)


NAME_WORD_CACHE_LIMIT = 100_000  # token texts; a long stream of new names cannot grow it for ever


def _name_word(token, words) -> str | None:
    """One token's name word, or None for a particle or punctuation."""
    word = normalise(token)
    if word in words.name_particles or not any(c.isalnum() for c in word) or word in ("'s",):
        return None
    for prefix in words.name_prefixes:
        if word.startswith(prefix) and len(word) > len(prefix) + 1:
            return word[len(prefix):]
    return word


def _initials(doc, first, last, words) -> str:
    letters = []
    for token in doc.tokens[first:last]:
        lowered = normalise(token)
        if lowered in words.acronym_skip or not token[0].isalpha():
            continue
        letters.append(token[0].upper())
    return "".join(letters)


def link_named_mentions(doc, named: list[Mention], source_ranges, words, relatives=frozenset()) -> list[list[Mention]]:
    """Group named mentions into actors; returns the groups (mentions get linked_by).

    `relatives`: words for kin (wife, son: the lexicon `relatives`). A bare surname shared by
    several full names skips those the text introduces as someone's relative ("his wife,
    Heidi"): news refers to the relative by first or full name, and to the main person by
    the surname alone."""
    by_words: dict[tuple, list[Mention]] = {}
    order: list[tuple] = []
    for mention in checked(sorted(named, key=lambda m: (m.first, m.last)), "linking names"):
        key = tuple(sorted(set(name_words(doc, *mention.name, words))))
        if not key:
            continue
        if key not in by_words:
            by_words[key] = []
            order.append(key)
        by_words[key].append(mention)
    full_keys = [k for k in order if len(k) >= 2]
    # Each key as a set, made once: every key is compared with every full name.
    word_sets = {k: frozenset(k) for k in order}
    full_word_sets = [(k, word_sets[k]) for k in full_keys]
    positions_of = {k: [m.first for m in by_words[k]] for k in full_keys}
    initials = {}  # full name key -> its initials, computed when an acronym needs them
    groups: dict[tuple, list[Mention]] = {k: list(v) for k, v in by_words.items()}
    moved: dict[tuple, tuple] = {}  # a group merged into a longer name's group, and where to
    for key in order:
        mentions = by_words[key]
        for m in mentions[1:]:
            m.linked_by, m.link_note = "link.same-name", f"same name words as '{_mention_text(doc, mentions[0])}'"
        key_set = word_sets[key]
        # The full names this name's words are a part of (a set is no strict part of itself).
        longer = [k for k, k_set in full_word_sets if key_set < k_set]
        if len(key) >= 2 and not longer:
            continue
        # A shorter name: link to the longer name containing it, or an acronym's expansion.
        candidates = [k for k in longer if _may_shorten(doc, key, by_words[k], words)]
        rule = "link.short-name"
        if not candidates and len(key) == 1:
            token_text = _mention_text(doc, mentions[0], name_only=True)
            if token_text.isupper() and len(token_text) >= 2:
                if not initials:
                    initials.update((k, _initials(doc, *by_words[k][0].name, words)) for k in full_keys)
                candidates = [k for k in full_keys if initials[k] == token_text]
                rule = "link.acronym"
        if not candidates:
            continue
        kin = _kin(doc, key, candidates, named, relatives, words) if rule == "link.short-name" and len(candidates) > 1 and relatives else set()
        for mention in mentions:
            pool = candidates
            if kin and mention.gender is None and len(kin) < len(candidates):  # "Mrs. Cruz" may be the wife
                pool = [k for k in candidates if k not in kin]
            target = _nearest(positions_of, pool, mention)
            while target not in groups:
                target = moved[target]
            moved.setdefault(key, target)
            groups[target].append(mention)
            mention.linked_by = rule
            mention.link_note = f"'{_mention_text(doc, mention, name_only=True)}' {'abbreviates' if rule == 'link.acronym' else 'is part of'} '{_mention_text(doc, by_words[target][0], name_only=True)}'"
        del groups[key]

    # A name is a source when it opens an attribution's source (perhaps after one word: "the"),
    # as sources.resolve reads them; a name further inside one ("Luis Rubio, who heads the
    # Center of Research for Development") is not.
    source_starts = {first for first, last in source_ranges}
    result = []
    for key in order:
        group = groups.get(key)
        if not group:
            continue
        lead = group[0]
        is_source = any(m.first in source_starts or m.first - 1 in source_starts for m in group)
        # A place that no mention makes a person or an organisation is no actor: Pennsylvania,
        # New York (a place that speaks is an organisation: actor.place-speaking).
        if any(m.kind == PLACE for m in group) and not any(m.kind not in (PLACE, "unknown") for m in group):
            continue
        confirmed = (
            len(key) >= 2
            or any(m.titles for m in group)
            or any(m.kind != "unknown" for m in group)
            or is_source
            or len(group) > len(by_words.get(key, ()))
        )
        if not confirmed:
            continue
        lead.linked_by = lead.linked_by or "link.own-actor"
        result.append(sorted(group, key=lambda m: (m.first, m.last)))
    return result


def _kin(doc, key, candidates, named, relatives, pack_words) -> set:
    """The candidate full names the text calls someone's relative: a mention with a kin
    title ("his wife, Heidi", "his father, Rafael Cruz") and a name word of its own."""
    kin = set()
    for mention in named:
        if not mention.titles or mention.name is None:
            continue
        own = set(name_words(doc, *mention.name, pack_words))
        if not own - set(key):
            continue
        if not any(normalise(t) in relatives for first, last in mention.titles for t in doc.tokens[first:last]):
            continue
        kin.update(k for k in candidates if own <= set(k))
    return kin


POSSESSIVE_ENDINGS = ("'s", "’s")


def _may_shorten(doc, key, longer: list[Mention], words) -> bool:
    """An organisation is shortened to its head word, not to a place in its name:
    "the Herald" is The Riverton Herald, "Riverton" is not; a company's name may leave out
    the last word of its trade or form (lexicon organization_name_ends): "Patriot" is
    Patriot Coal. No name is shortened to the
    words before a possessive inside it, which name its owner: "CNN" is not "CNN's Jake
    Tapper", "Harbor" not "Harbor's Fishermen Association"."""
    first, last = longer[0].name
    tokens = doc.tokens[first:last]
    owned = max((i for i, t in enumerate(tokens) if normalise(t) in POSSESSIVE_ENDINGS), default=None)
    if owned is not None and set(key) <= set(name_words(doc, first, first + owned, words)):
        return False
    if not any(m.kind == "organization" for m in longer):
        return True
    longer_words = name_words(doc, *longer[0].name, words)
    if not longer_words:
        return False
    # a company's name without the word of its trade or form: Patriot is Patriot Coal
    return longer_words[-1] in key or (
        len(longer_words) >= 2 and longer_words[-1] in words.company_ends and set(longer_words[:-1]) <= set(key))


def _nearest(positions_of, candidates, mention):
    """The candidate with a mention nearest before this one, else the first after it."""
    before = []
    after = []
    for key in candidates:
        positions = positions_of[key]  # sorted
        i = bisect.bisect_left(positions, mention.first)
        if i:
            before.append((mention.first - positions[i - 1], key))
        else:
            after.append((positions[0], key))
    if before:
        return min(before)[1]
    return min(after)[1]


def _mention_text(doc, mention, name_only=False):
    first, last = mention.name if (name_only and mention.name) else (mention.first, mention.last)
    start, end = doc.span_of(first, last)
    return doc.text[start:end]


def title_key(doc, mention, entry_index, words):
    """(role, other words) of a mention's title phrase, or None (computed once per mention).

    The other words are what tells two holders of one role apart: "Kremlin" in the Kremlin
    spokesman, "board" in a board spokeswoman; function words do not count."""
    if mention.title_key is NOT_COMPUTED:
        mention.title_key = _title_key(doc, mention, entry_index, words)
    return mention.title_key


def _title_key(doc, mention, entry_index, pack_words):
    roles = set()
    words = set()
    role_words = set()  # the role (spokeswoman) and its qualifiers (former), not who it is for (board)
    for first, last in mention.titles:
        for lexicon, hit_first, hit_last in mention.match.lexicon_hits:
            if first <= hit_first and hit_last <= last:
                hit_words = tuple(normalise(t) for t in doc.tokens[hit_first:hit_last])
                entry = entry_index.get((lexicon, hit_words))
                if entry is not None and entry.attribute("role"):
                    roles.add(str(entry.attribute("role")))
                    role_words.update(hit_words)
                elif lexicon == pack_words.qualifier_lexicon:
                    role_words.update(hit_words)  # former, senior: the same holder
        for token in doc.tokens[first:last]:
            word = normalise(token)
            if word[:1].isalpha() and word not in pack_words.name_particles and word not in pack_words.title_function_words:
                words.add(word)
    if not roles:
        return None
    return (tuple(sorted(roles)), tuple(sorted(words - role_words)))


def link_title_mentions(doc, titled: list[Mention], actors: list[Actor], pack, source_ranges, words) -> list[Actor]:
    """Link title phrases to named actors; return the actors that title phrases start."""
    started: list[Actor] = []
    entry_index = pack.compiled.entry_index
    keyed_actors = []
    for actor in actors:
        keys = {title_key(doc, m, entry_index, words) for m in actor.mentions if m.titles}
        keys.discard(None)
        keyed_actors.append((actor, keys))
    starts_of = {id(a): sorted(m.first for m in a.mentions) for a, _ in keyed_actors}
    own: dict[tuple, Actor] = {}
    leading_words = words.articles | words.possessives  # left out of the name of an actor a title starts
    for mention in checked(sorted(titled, key=lambda m: (m.first, m.last)), "linking titles"):
        key = title_key(doc, mention, entry_index, words)
        if key is None and mention.titles:
            # No role known: the same words make the same title ("the authority" ... "the authority").
            first, last = mention.titles[0]
            key = ("words",) + tuple(word for word in map(normalise, doc.tokens[first:last]) if word not in words.articles)
        definite = normalise(doc.tokens[mention.first]) == "the"
        # "a journalist", "an expert" bring someone new in: only a definite title phrase (the
        # mayor, his spokesman) refers back to a named actor.
        indefinite = normalise(doc.tokens[mention.first]) in INDEFINITE_ARTICLES
        if key is not None and key[0] != "words" and not indefinite:
            matching = [a for a, keys in keyed_actors if key in keys and _may_be(mention, a, doc, words.plurals)]
            if matching:
                target = min(matching, key=lambda a: _distance(starts_of[id(a)], mention.first))
                mention.linked_by = "link.title-to-name"
                mention.link_note = f"title '{_mention_text(doc, mention)}' has the role and words of a title of '{target.name}'"
            elif definite and _role_alone(doc, mention, words.plurals):
                target = _latest_holder(doc, key[0], mention, keyed_actors, starts_of, words.plurals)
                mention.linked_by = "link.role-to-name"
                mention.link_note = f"'{_mention_text(doc, mention)}' has the role of a title of '{target.name}'" if target else None
            else:
                target = None
            if target is not None:
                mention.actor = target
                target.mentions.append(mention)
                continue
        head_of = _definite_head(doc, mention) if definite else None
        earlier = _nearest_with_head(head_of, mention, actors, started, doc, words) if head_of else None
        if key is not None and definite and key in own:
            actor = own[key]
            mention.linked_by = "link.same-title"
            mention.link_note = f"same title as '{actor.name}'"
        elif earlier is not None:
            actor = earlier
            mention.linked_by = "link.definite-head"
            mention.link_note = f"'{_mention_text(doc, mention)}' names again the organisation '{actor.name}'"
        else:
            first, last = mention.titles[0] if mention.titles else (mention.first, mention.last)
            # "the ministry" is named "ministry", "his military" "military" (whose it is is
            # its pronoun's: the `owner:` capture)
            actor = Actor(id="", name=_strip_article(doc, first, last, leading_words), kind=mention.kind if mention.kind != "unknown" else "person", gender=mention.gender)
            started.append(actor)
            mention.linked_by = "link.own-actor"
            if key is not None and definite:
                own[key] = actor
        mention.actor = actor
        actor.mentions.append(mention)
    return started


def _may_be(mention, actor, doc, plurals) -> bool:
    """Whether a title phrase may name this actor: no other gender ("the spokesman" is not
    Spokeswoman Ana Ruiz), and not several people for one ("the senators" are not Senator
    Ana Ruiz; `plurals`: the pack's words with `number: plural`)."""
    if mention.gender and actor.gender in ("male", "female") and mention.gender != actor.gender:
        return False
    return not (normalise(doc.tokens[mention.last - 1]) in plurals and actor.kind == "person")


def _role_alone(doc, mention, plurals) -> bool:
    """Whether the mention is "the" and one lower-case word in the singular (the minister,
    the governor): "the Democratic candidate" says more than its role, and "the candidates"
    are several."""
    if mention.last - mention.first != 2 or mention.name:
        return False
    word = doc.tokens[mention.first + 1]
    return word.isalpha() and word.islower() and normalise(word) not in plurals


def _latest_holder(doc, roles, mention, keyed_actors, starts_of, plurals) -> Actor | None:
    """The named actor mentioned last before `mention` with a title of one of these roles
    and a gender that does not contradict it ("Agriculture Minister Ravi Shah ... the
    minister"), else None."""
    best, best_start = None, -1
    for actor, keys in keyed_actors:
        if not any(key[0] == roles for key in keys):
            continue
        if not _may_be(mention, actor, doc, plurals):
            continue
        before = [start for start in starts_of[id(actor)] if start < mention.first]
        if before and before[-1] > best_start:
            best, best_start = actor, before[-1]
    return best


def _definite_head(doc, mention) -> str | None:
    """The words after "the" of an organisation's title phrase of one or two lower-case
    words (the union, the institute, the think tank), else None."""
    if mention.kind != "organization" or not 2 <= mention.last - mention.first <= 3 or mention.name:
        return None
    words = doc.tokens[mention.first + 1 : mention.last]
    if not all(word.isalpha() and word.islower() for word in words):
        return None
    return " ".join(words)


_COMPANY_NOUNS = frozenset(("company", "firm"))  # what a company is called again: the company


def _nearest_with_head(head: str, mention, actors: list[Actor], started: list[Actor], doc, words) -> Actor | None:
    """Of the organisations mentioned before `mention`, the nearest whose name ends in the
    words `head` (The ferry operators' union ... the union; the Salem Institute ... the
    institute; A think tank in Dover ... the think tank), else None. "The other union"
    names no union called "... union" again: its words must end the name. "The company" and
    "the firm" name again a company: an organisation whose name ends in a word of companies'
    names (lexicon organization_name_ends: Lakeland Coal, Ortiz Partners) or that a title
    calls so (Ridge Mining, a coal company)."""
    best, best_start = None, -1
    ending = head.split()
    for actor in (*actors, *started):
        if actor.kind != "organization":
            continue
        if [w.lower() for w in actor.name.split()[-len(ending):]] != ending and not (
                head in _COMPANY_NOUNS and _is_company(doc, actor, head, words)):
            continue
        before = [m.first for m in actor.mentions if m.last <= mention.first]
        if before and max(before) > best_start:
            best, best_start = actor, max(before)
    return best


def _is_company(doc, actor, head, words) -> bool:
    """A named organisation whose name ends in a word of companies' names, or that a title
    phrase ending in `head` (company, firm) calls what it is."""
    named = [m for m in actor.mentions if m.name]
    if not named:
        return False
    if normalise(doc.tokens[named[0].name[1] - 1]) in words.company_ends:
        return True
    return any(doc.tokens[last - 1].lower() == head for m in actor.mentions for _, last in m.titles)


def _distance(sorted_starts, position):
    """How far the nearest of the sorted positions is from `position`."""
    i = bisect.bisect_left(sorted_starts, position)
    near = [abs(sorted_starts[j] - position) for j in (i - 1, i) if 0 <= j < len(sorted_starts)]
    return min(near) if near else float("inf")


def _strip_article(doc, first, last, articles):
    while first < last - 1 and normalise(doc.tokens[first]) in articles:
        first += 1
    start, end = doc.span_of(first, last)
    return doc.text[start:end]


def link_pronouns(doc, pronouns: list[Mention], actors: list[Actor], attributions, words):
    """Attach pronoun mentions to actors; unlinked pronouns are dropped from the output."""
    person_mentions = sorted(
        (m for a in actors if a.kind == "person" and _singular(doc, a, words.plurals) for m in a.mentions), key=lambda m: (m.first, m.last)
    )
    sentence_firsts = [s for s, _ in doc.sentences]
    sentence_index = doc.sentence_index

    def in_quote(token):
        return doc.quote_at(token) is not None

    starts = [m.first for m in person_mentions]
    by_sentence: dict[int, list] = {}
    for attribution in attributions:
        by_sentence.setdefault(sentence_index(attribution.cue_first), []).append(attribution)
    for pronoun in checked(sorted(pronouns, key=lambda m: m.first), "linking pronouns"):
        s = sentence_index(pronoun.first)
        sentence_first = sentence_firsts[s]
        quoted = in_quote(pronoun.first)
        target, rule = None, None
        # Nearest first: walk back from the pronoun to the start of its sentence.
        for index in range(bisect.bisect_left(starts, pronoun.first) - 1, -1, -1):
            m = person_mentions[index]
            if m.first < sentence_first:
                break
            if m.last <= pronoun.first and in_quote(m.first) == quoted and _compatible(m.actor, pronoun):
                target, rule = m.actor, "link.pronoun-same-sentence"
                break
        # Then sentence by sentence back: the previous sentence's last speaker, else the first
        # person it mentions ("Reyes, for his part, is not giving up. “...,” he said." is
        # Reyes, not the speaker of the sentence before), else the last speaker of the one
        # before it.
        if target is None and s > 0:
            target, rule = _previous_source(by_sentence.get(s - 1, ()), pronoun), "link.pronoun-previous-source"
        if target is None and s > 0:
            lo, hi = doc.sentences[s - 1]
            begin = bisect.bisect_left(starts, lo)
            for m in person_mentions[begin:]:
                if m.first >= hi:
                    break
                if _compatible(m.actor, pronoun):
                    target, rule = m.actor, "link.pronoun-previous-subject"
                    break
        if target is None and s > 1:
            target, rule = _previous_source(by_sentence.get(s - 2, ()), pronoun), "link.pronoun-previous-source"
        if target is None:
            continue
        pronoun.actor = target
        pronoun.linked_by = rule
        pronoun.link_note = f"'{doc.tokens[pronoun.first]}' refers to '{target.name}'"
        target.mentions.append(pronoun)
        index = bisect.bisect_left(starts, pronoun.first)
        starts.insert(index, pronoun.first)
        person_mentions.insert(index, pronoun)
    for actor in actors:
        actor.mentions.sort(key=lambda m: (m.first, m.last))


def _previous_source(attributions, pronoun) -> Actor | None:
    """The person who speaks last (by cue) in these attributions and may be the pronoun."""
    sourced = [a for a in attributions
               if a.source_actor is not None and a.source_actor.kind == "person" and _compatible(a.source_actor, pronoun)]
    return max(sourced, key=lambda a: a.cue_first).source_actor if sourced else None


def _singular(doc, actor, plurals) -> bool:
    """A named person, or title phrases none of which ends in a plural (officials, voters:
    lexicon entries with `number: plural`)."""
    if any(m.form == "name" for m in actor.mentions):
        return True
    titled = [m for m in actor.mentions if m.form == "title"]
    return bool(titled) and not any(normalise(doc.tokens[m.last - 1]) in plurals for m in titled)


def _compatible(actor, pronoun) -> bool:
    if actor is None:
        return False
    return not (actor.gender and pronoun.gender and actor.gender != pronoun.gender)
