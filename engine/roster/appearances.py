"""From output records to appearances: one per actor that speaks in a document.

An appearance is what the roster needs of one actor in one document, as a small JSON-able
dict, so that a corpus can be spilled to disk and read back in any order (and sent between
Dask workers): the document and actor ids, kind, written name, titles, the full-name
forms it may merge by, the metadata value it is counted under, its attributions with
their kinds (and the gender of the pronoun that is the source, "she said"), and its type,
anonymity and gender with how much evidence backs the gender.

Forms: the actor's canonical name and every other full name the document links to it
("Crooked Hillary Clinton" also appears as "Hillary Clinton" there), each without titles.
A short name ("Obama", "Mr. Obama") gives no form: the appearance stays its document's.
"""
from __future__ import annotations

from collections import Counter

from quotetrace.roster.names import NameWords, fold, form_of

NAMED_MENTIONS = ("name", "short-name", "acronym")
NO_VALUE = None


def appearances(record: dict, words: NameWords, by: str | None = None) -> list[dict]:
    """The appearances of one output record (none for a failed document)."""
    if record.get("status") != "ok":
        return []
    spoken: dict[str, list] = {}
    pronouns = _pronoun_genders(record)
    canonicals = {actor["id"]: form_of(actor["name"], actor["kind"], words, [fold(title) for title in actor["titles"]]) for actor in record["actors"]}
    full_names = _full_names(record, canonicals)
    # Last words two or more full names of the document share (Bill and Hillary Clinton).
    shared = {last for last, forms in full_names.items() if len(forms) > 1}
    for attribution in record["attributions"]:
        if attribution.get("source_actor"):
            spoken.setdefault(attribution["source_actor"], []).append(
                [attribution["id"], attribution["kind"], _source_pronoun(attribution, pronouns.get(attribution["source_actor"], ())),
                 _bare_shared_surname(attribution, shared, words)])
    value = (record.get("meta") or {}).get(by, NO_VALUE) if by else NO_VALUE
    found = []
    for actor in record["actors"]:
        said = spoken.get(actor["id"])
        if not said:
            continue
        own_titles = [fold(title) for title in actor["titles"]]
        named = any(mention["type"] in NAMED_MENTIONS for mention in actor["mentions"])
        # An actor the text names only by a title or a group ("the senior official",
        # "experts") is nobody in particular across documents.
        canonical = canonicals.get(actor["id"]) if named else None
        forms = {canonical.key} if canonical else set()
        if canonical:
            for mention in actor["mentions"]:
                if mention["type"] in NAMED_MENTIONS:
                    form = form_of(_name_text(mention), actor["kind"], words, own_titles)
                    if form and form.kind == canonical.kind:
                        forms.add(form.key)
        genders = Counter(e["value"] for e in actor.get("evidence", ()) if e["about"] == "gender")
        found.append({
            "doc": record["id"],
            "actor": actor["id"],
            "kind": actor["kind"],
            "name": actor["name"],
            "titles": list(actor["titles"]),
            "form": canonical.key if canonical else None,
            "forms": sorted(forms),
            "by": value,
            "attributions": said,
            "type": actor.get("type"),
            "anonymity": actor.get("anonymity"),
            "gender": actor.get("gender"),
            "gender_evidence": dict(sorted(genders.items())),
            "via": None,
            "short": _short_word(actor, words) if named and canonical is None else None,
        })
    for appearance in found:
        _join_within_document(appearance, full_names)
    return found


def _full_names(record: dict, canonicals: dict) -> dict:
    """Last word -> the forms of the document's people named with a full name ending with it."""
    found = {}
    for actor in record["actors"]:
        form = canonicals.get(actor["id"])
        if form and actor["kind"] == "person" and any(m["type"] in NAMED_MENTIONS for m in actor["mentions"]):
            found.setdefault(form.words[-1], set()).add(form.key)
    return found


def _bare_shared_surname(attribution: dict, shared: set, words: NameWords) -> bool:
    """Whether the source is only a surname that two people of the document share ("Clinton
    said" beside Bill and Hillary Clinton): which one it is, is the linker's guess."""
    if not shared:
        return False
    source = " ".join(f["text"] for f in attribution["roles"].get("source", ()))
    folded = [w for w in fold(source) if w not in words.titles]
    return len(folded) == 1 and folded[0] in shared


def _pronoun_genders(record: dict) -> dict:
    """Actor id -> (start, end, gender) of each linked pronoun with a gender (its evidence)."""
    return {actor["id"]: [(e["start"], e["end"], e["value"]) for e in actor.get("evidence", ()) if e["about"] == "gender" and e.get("link")]
            for actor in record["actors"]}


def _source_pronoun(attribution: dict, pronouns) -> str | None:
    """The gender of the pronoun that is the whole source ("she said"), or None."""
    source = attribution["roles"].get("source")
    if not source or len(source) != 1:
        return None
    for start, end, gender in pronouns:
        if start == source[0]["start"] and end == source[0]["end"]:
            return gender
    return None


def _short_word(actor, words: NameWords) -> str | None:
    """The one name word of an actor named only by it ("Mr. Clarke", "Clarke")."""
    folded = [w for w in fold(actor["name"]) if w not in words.titles]
    return folded[-1] if len(folded) == 1 else None


def _join_within_document(appearance: dict, full_names: dict) -> None:
    """roster.short-name-in-document: a person the document names only by a surname ("Mr.
    Clarke") joins the one full name of the same document that ends with it ("Tom Clarke"),
    as link.short-name would have; with two such names (Heidi Cruz, Ted Cruz) it stays alone
    (roster.refuse-short-name-in-document)."""
    word = appearance.pop("short")
    if word is None or appearance["kind"] != "person":
        return
    candidates = full_names.get(word, set())
    if len(candidates) == 1:
        (form,) = candidates
        appearance["form"] = form
        appearance["forms"] = [form]
        appearance["via"] = "roster.short-name-in-document"
    elif len(candidates) > 1:
        appearance["via"] = "roster.refuse-short-name-in-document"


def _name_text(mention: dict) -> str:
    """The proper name inside a mention ("Dmitry Peskov" in "Kremlin spokesman Dmitry
    Peskov"), from its trace's `name` capture when the trace keeps captures."""
    captured = (mention.get("trace") or {}).get("captures", {}).get("name")
    if not captured:
        return mention["text"]
    first, last = captured[0], captured[-1]
    if isinstance(first, dict):  # a full trace
        start, end = first["start"], last["end"]
    else:
        start, end = first[0], last[1]
    return mention["text"][start - mention["start"]:end - mention["start"]]


def corpus_counts(record: dict, by: str | None = None) -> dict:
    """What the roster reports about a document beside its speakers: attributions by source
    type and anonymity (writings and unlinked pronouns included), and how many have a speaker."""
    value = (record.get("meta") or {}).get(by, NO_VALUE) if by else NO_VALUE
    counts = Counter()
    if record.get("status") != "ok":
        counts["failed documents"] += 1
        return {"by": value, "counts": dict(counts)}
    counts["documents"] += 1
    for attribution in record["attributions"]:
        counts["attributions"] += 1
        counts["with a speaker" if attribution.get("source_actor") else "without a speaker"] += 1
        counts[f"type:{attribution.get('source_type') or 'unknown'}"] += 1
        counts[f"anonymity:{attribution.get('anonymity') or 'named or not said'}"] += 1
    return {"by": value, "counts": dict(counts)}
