"""Source type, anonymity and gender evidence (docs/sources.md), on paragraphs we wrote.

Each test is one construction; the lexicon-wide tests make sure every anonymity phrase of
the bundled pack has a sentence here, so a phrase added to the lexicon needs a test too.
"""
import json

import pytest
import yaml

from conftest import ROOT, spans_slice_back
from quotetrace.output.record import expand_traces
from quotetrace.output.writers import to_json_line
from quotetrace.pipeline import Engine


def actor(engine, text, name):
    record = engine.record(text, "t")
    found = [a for a in record["actors"] if a["name"] == name]
    assert found, f"no actor {name!r}: {[a['name'] for a in record['actors']]}"
    return found[0]


def evidence(item, about):
    """(value, words, rule) of an actor's evidence about one thing; a pronoun's rule is its link's."""
    return [(e["value"], e["text"], e["trace"]["rule"] if "trace" in e else e["link"]) for e in item.get("evidence", ()) if e["about"] == about]


# --- source types ---------------------------------------------------------------------

TYPES = [
    ("Kremlin spokesman Dmitry Peskov said the talks would go on.", "Dmitry Peskov", "spokesperson", "spokesman"),
    ("Sen. Ana Ruiz said the budget was balanced.", "Ana Ruiz", "official", "Sen."),
    ("Republican nominee Tom Ashby said he would win Ohio.", "Tom Ashby", "candidate", "nominee"),
    ("Lena Park, a Harvard economist, said rates would rise.", "Lena Park", "expert", "economist"),
    ("Police officials said the road would reopen on Friday.", "Police officials", "police", "Police officials"),
    ("Defense attorney Mark Cole said his client was innocent.", "Mark Cole", "lawyer", "Defense attorney"),
    ("Longtime resident Ida Moss said the river had never been this high.", "Ida Moss", "public", "resident"),
    ("The Riverton Herald reported that the plant would close.", "The Riverton Herald", "media", "Herald"),
    ("CNN anchor Ray Dunn said the debate was over.", "Ray Dunn", "media", "anchor"),
    ("His wife, Ida Moss, said the farm was sold.", "Ida Moss", "relative", "wife"),
    ("Ohio said it would appeal the ruling.", "Ohio", "government", "Ohio"),
]


@pytest.mark.parametrize("text, name, kind, word", TYPES, ids=[t[2] + "-" + t[3] for t in TYPES])
def test_a_word_of_the_mention_gives_the_source_type(engine, text, name, kind, word):
    found = actor(engine, text, name)
    assert found.get("type") == kind
    assert (kind, word) in [(value, text) for value, text, _ in evidence(found, "type")]


def test_an_organisation_no_word_types_further_is_an_organisation(engine):
    found = actor(engine, "The Clinton campaign said the ad was false.", "Clinton campaign")
    assert found["kind"] == "organization" and found["type"] == "organization" and "evidence" not in found


@pytest.mark.parametrize("text, source, kind", [
    ("A new poll shows that voters are divided.", "A new poll", "poll"),
    ("The report says that the bridge is unsafe.", "The report", "document"),
])
def test_a_writing_is_typed_on_its_attribution(engine, text, source, kind):
    record = engine.record(text, "t")
    attribution = next(a for a in record["attributions"] if a["roles"]["source"][0]["text"] == source)
    assert attribution["source_actor"] is None and attribution["source_type"] == kind
    assert [e["value"] for e in attribution["evidence"] if e["about"] == "type"] == [kind]


def test_every_type_of_the_pack_has_a_test():
    lexicon = yaml.safe_load((ROOT / "rules" / "lexicons" / "sources.yaml").read_text(encoding="utf-8"))
    types = {entry["type"] for lex in lexicon["lexicons"] if lex["id"] == "source_types" for entry in lex["entries"]}
    rules = yaml.safe_load((ROOT / "rules" / "sources.yaml").read_text(encoding="utf-8"))["rules"]
    types |= {rule["attributes"]["type"] for rule in rules if "type" in rule.get("attributes", {})}
    types.discard("organization")  # the kind's own type: test_an_organisation_no_word_types_further
    tested = {t[2] for t in TYPES} | {"poll", "document"}
    assert types <= tested


class _Rule:
    id = "source.type"


class _Match:
    rule = _Rule()


def test_the_head_of_a_mention_decides_its_type_and_most_mentions_win():
    """decide() on evidence we make: in one mention the word that comes last (the head) gives
    the type; over mentions the type most of them give wins, the earlier on a tie."""
    from quotetrace.profiles.evidence import Evidence
    from quotetrace.profiles.profile import decide

    def typed(value, first):
        return Evidence("type", value, first, first + 1, _Match())

    one_mention = decide([("m1", [typed("police", 0), typed("spokesperson", 1)])], "person", True)
    assert one_mention.type == "spokesperson" and len(one_mention.evidence) == 2
    votes = decide([("m1", [typed("lawyer", 0)]), ("m2", [typed("official", 5)]), ("m3", [typed("official", 9)])], "person", True)
    assert votes.type == "official"
    tie = decide([("m1", [typed("lawyer", 0)]), ("m2", [typed("official", 5)])], "person", True)
    assert tie.type == "lawyer"


def test_an_organisation_word_inside_a_persons_title_does_not_make_an_organisation(engine):
    found = actor(engine, "Port Authority Chairwoman Elena Marsh said the dredging would begin in May.", "Elena Marsh")
    assert "type" not in found and evidence(found, "type") == []


def test_words_after_for_are_about_someone_else(engine):
    record = engine.record("A spokeswoman for the police department said the road was closed.", "t")
    speaker = next(a for a in record["actors"] if a["name"].startswith("spokeswoman"))
    assert speaker["type"] == "spokesperson"
    assert all(value != "police" for value, _, _ in evidence(speaker, "type"))


def test_a_source_the_text_does_not_describe_has_no_type(engine):
    found = actor(engine, "Dana Okafor said the station would close in June.", "Dana Okafor")
    assert "type" not in found and evidence(found, "type") == []  # absent: the text does not say


def test_the_type_most_mentions_give_wins(engine):
    text = ("Housing lawyer Ana Ruiz said the eviction was illegal. "
            "Sen. Ruiz later said the law would change. Senator Ruiz also said the vote was close.")
    found = actor(engine, text, "Ana Ruiz")
    assert found["type"] == "official"
    assert sorted(value for value, _, _ in evidence(found, "type")) == ["lawyer", "official", "official"]


# --- anonymity ------------------------------------------------------------------------

# One sentence per phrase of the lexicon anonymity_phrases.
ANONYMITY = {
    "asked not to be named": "A senior official, who asked not to be named, said the talks had failed.",
    "asked not to be identified": "A senior official, who asked not to be identified, said the talks had failed.",
    "asked that his name not be used": "A farmer, who asked that his name not be used, said the crop had failed.",
    "asked that her name not be used": "A nurse, who asked that her name not be used, said the ward was full.",
    "asked that their names not be used": "Two guards, who asked that their names not be used, said the gate was open.",
    "asked for anonymity": "A senior official, who asked for anonymity, said the talks had failed.",
    "requested anonymity": "A senior official, who requested anonymity, said the talks had failed.",
    "insisted on anonymity": "A senior official, who insisted on anonymity, said the talks had failed.",
    "was granted anonymity": "A senior official, who was granted anonymity, said the talks had failed.",
    "were granted anonymity": "Two officials, who were granted anonymity, said the talks had failed.",
    "declined to be named": "A senior official, who declined to be named, said the talks had failed.",
    "declined to be identified": "A senior official, who declined to be identified, said the talks had failed.",
    "refused to be named": "A senior official, who refused to be named, said the talks had failed.",
    "on condition of anonymity": "A senior official said on condition of anonymity that the talks had failed.",
    "on the condition of anonymity": "A senior official, who spoke on the condition of anonymity, said the talks had failed.",
    "on condition that he not be named": "A senior official, speaking on condition that he not be named, said the talks had failed.",
    "on condition that she not be named": "A senior official, speaking on condition that she not be named, said the talks had failed.",
    "on condition that they not be named": "Two officials, speaking on condition that they not be named, said the talks had failed.",
    "speaking anonymously": "A senior official, speaking anonymously, said the talks had failed.",
    "spoke anonymously": "A senior official, who spoke anonymously, said the talks had failed.",
    "not authorized to speak publicly": "A senior official, who was not authorized to speak publicly, said the talks had failed.",
    "not authorized to speak on the record": "A senior official, who is not authorized to speak on the record, said the talks had failed.",
    "not authorized to discuss": "A senior official, who was not authorized to discuss the talks, said they had failed.",
    "not authorized to comment": "A senior official, who was not authorized to comment, said the talks had failed.",
    "not permitted to speak publicly": "A senior official, who was not permitted to speak publicly, said the talks had failed.",
    "not allowed to speak publicly": "A senior official, who was not allowed to speak publicly, said the talks had failed.",
}


def _lexicon_forms(lexicon_id):
    lexicon = yaml.safe_load((ROOT / "rules" / "lexicons" / "sources.yaml").read_text(encoding="utf-8"))
    entries = next(lex["entries"] for lex in lexicon["lexicons"] if lex["id"] == lexicon_id)
    return [entry if isinstance(entry, str) else entry["forms"][0] for entry in entries]


def test_every_anonymity_phrase_of_the_pack_has_a_sentence():
    assert sorted(_lexicon_forms("anonymity_phrases")) == sorted(ANONYMITY)


@pytest.mark.parametrize("phrase", sorted(ANONYMITY))
def test_each_anonymity_phrase_makes_its_source_anonymous(engine, phrase):
    record = engine.record(ANONYMITY[phrase], "t")
    said = next(a for a in record["attributions"] if a["roles"]["cue"][0]["text"] == "said")
    source = next(a for a in record["actors"] if a["id"] == said["source_actor"])
    assert said["anonymity"] == source["anonymity"] == "anonymous"
    assert ("anonymous", phrase, "source.anonymous") in evidence(source, "anonymity")


def test_the_phrase_after_the_one_told_is_about_the_one_telling(engine):
    record = engine.record("A campaign aide told the Riverton Herald, who requested anonymity, that the rally was off.", "t")
    told = record["attributions"][0]
    aide = next(a for a in record["actors"] if a["id"] == told["source_actor"])
    assert aide["anonymity"] == "anonymous" and told["anonymity"] == "anonymous"
    assert ("anonymous", "requested anonymity", "source.anonymous-after-addressee") in evidence(aide, "anonymity")
    herald = next(a for a in record["actors"] if a["name"].endswith("Riverton Herald"))
    assert "anonymity" not in herald


def test_the_phrase_before_the_source(engine):
    found = actor(engine, "Speaking on condition of anonymity, the official said the talks had failed.", "official")
    assert found["anonymity"] == "anonymous"
    assert ("anonymous", "Speaking on condition of anonymity", "source.anonymous-before") in evidence(found, "anonymity")


@pytest.mark.parametrize("text, name, word", [
    ("Sources said the deal was close.", "Sources", "Sources"),
    ("A senior official said the talks had failed.", "senior official", "official"),
    ("A campaign aide said the rally would go ahead.", "campaign aide", "aide"),
])
def test_a_nameless_source_noun_makes_an_unnamed_source(engine, text, name, word):
    found = actor(engine, text, name)
    assert found["anonymity"] == "unnamed"
    assert ("unnamed", word, "source.unnamed") in evidence(found, "anonymity")


# One sentence per phrase of the lexicon unnamed_source_phrases.
KNOWLEDGE = {
    "familiar with": "The deal was close, according to people familiar with the talks.",
    "close to": "The deal was close, said a person close to the talks.",
    "briefed on": "The deal was close, according to people briefed on the talks.",
    "with knowledge of": "The deal was close, according to people with knowledge of the talks.",
    "with direct knowledge of": "The deal was close, according to people with direct knowledge of the talks.",
    "with firsthand knowledge of": "The deal was close, according to people with firsthand knowledge of the talks.",
    "knowledgeable about": "The deal was close, according to people knowledgeable about the talks.",
    "who spoke on background": "The deal was close, said a person who spoke on background.",
    "speaking on background": "The deal was close, said a person speaking on background.",
}


def test_every_knowledge_phrase_of_the_pack_has_a_sentence():
    assert sorted(_lexicon_forms("unnamed_source_phrases")) == sorted(KNOWLEDGE)


@pytest.mark.parametrize("phrase", sorted(KNOWLEDGE))
def test_each_knowledge_phrase_makes_an_unnamed_source(engine, phrase):
    record = engine.record(KNOWLEDGE[phrase], "t")
    attribution = record["attributions"][0]
    source = next(a for a in record["actors"] if a["id"] == attribution["source_actor"])
    assert attribution["anonymity"] == source["anonymity"] == "unnamed"
    assert ("unnamed", phrase, "source.unnamed-knowledge") in evidence(source, "anonymity")


def test_a_named_official_is_not_unnamed(engine):
    found = actor(engine, "Senior official John Doe said the talks had failed.", "John Doe")
    assert "anonymity" not in found and evidence(found, "anonymity") == []


def test_a_source_nothing_marks_keeps_no_anonymity(engine):
    found = actor(engine, "The mayor said the bridge would reopen in May.", "mayor")
    assert "anonymity" not in found and found["type"] == "official"


# --- gender evidence ------------------------------------------------------------------

@pytest.mark.parametrize("text, name, gender, word, rule", [
    ("Dana Okafor said the station would close. She said the budget was gone.", "Dana Okafor", "female", "She", "link.pronoun-previous-source"),
    ("Tomas Berg said the union would strike. He said the talks had failed.", "Tomas Berg", "male", "He", "link.pronoun-previous-source"),
    ("Mrs. Okafor said the station would close.", "Okafor", "female", "Mrs.", "gender.honorific"),
    ("Mr. Berg said the union would strike.", "Berg", "male", "Mr.", "gender.honorific"),
    ("Board spokeswoman Carla Jensen said the vote was delayed.", "Carla Jensen", "female", "spokeswoman", "gender.word"),
    ("Congressman Ray Dunn said the bill would pass.", "Ray Dunn", "male", "Congressman", "gender.word"),
    ("His wife, Ida Moss, said the farm was sold.", "Ida Moss", "female", "wife", "gender.word"),
])
def test_each_kind_of_gender_evidence(engine, text, name, gender, word, rule):
    found = actor(engine, text, name)
    assert found["gender"] == gender
    assert (gender, word, rule) in evidence(found, "gender")


def test_an_honorific_in_anothers_title_is_not_the_named_persons_gender(engine):
    # Construction: "Mr. Ruiz's campaign chairman, Paul Berg": "Mr." is about Ruiz, whose
    # name only stands in Berg's title; the title keeps the honorific.
    found = actor(engine, "Mrs. Ruiz's campaign chairman, Paul Berg, dismissed the criticism.", "Paul Berg")
    assert evidence(found, "gender") == [] and found["gender"] == "unknown"
    assert found["titles"] == ["Mrs. Ruiz's campaign chairman"]


def test_a_pronoun_evidence_names_its_linking_rule(engine):
    found = actor(engine, "Dana Okafor said the station would close. She said the budget was gone.", "Dana Okafor")
    pronoun = next(e for e in found["evidence"] if e["text"] == "She")
    assert pronoun["link"].startswith("link.pronoun")


def test_conflicting_evidence_is_reported_as_conflicting(engine):
    # The text calls Lee a congresswoman and Mr. Lee: both are evidence, neither wins.
    text = "Congresswoman Dana Lee said the bill would pass. Mr. Lee said the vote was close."
    found = actor(engine, text, "Dana Lee")
    assert found["gender"] == "conflicting"
    assert {value for value, _, _ in evidence(found, "gender")} == {"female", "male"}


def test_stated_words_decide_over_a_linked_pronoun(engine):
    # "wife" says it outright; "He" is the linker's reading (here a wrong one), so it is listed but does not decide.
    found = actor(engine, "His wife, Ida Moss, spoke at the hearing. He said the farm was sold.", "Ida Moss")
    assert found["gender"] == "female"
    assert {(value, text) for value, text, _ in evidence(found, "gender")} == {("female", "wife"), ("male", "He")}


def test_no_evidence_is_unknown_and_a_first_name_is_no_evidence(engine):
    found = actor(engine, "Mary Ellen Smith said the school would reopen.", "Mary Ellen Smith")
    assert found["gender"] == "unknown" and evidence(found, "gender") == []


def test_an_honorific_inside_someone_elses_title_is_not_evidence(engine):
    record = engine.record("The chief of staff to Mrs. Okafor said the office was closed.", "t")
    speaker = next(a for a in record["actors"] if "chief of staff" in a["name"])
    assert speaker["gender"] == "unknown"


def test_organisations_have_no_gender(engine):
    found = actor(engine, "The Clinton campaign said the ad was false.", "Clinton campaign")
    assert "gender" not in found


# --- the record ----------------------------------------------------------------------

PROFILED = (
    "Trump campaign spokeswoman Hope Hicks said the rally was full. “We are ready,” she said. "
    "A senior official, who asked not to be named, said the talks had failed. "
    "A new poll shows that voters are divided."
)


def test_evidence_spans_slice_back_and_traces_expand(tmp_path):
    compact_engine, full_engine = Engine(), Engine(trace="full")
    compact = compact_engine.record(PROFILED, "p")
    full = full_engine.record(PROFILED, "p")
    assert spans_slice_back(full, PROFILED) > 0
    assert any(a["evidence"] for a in full["actors"]) and any("evidence" in a for a in full["attributions"])
    assert to_json_line(expand_traces(compact, PROFILED, compact_engine.pack)) == to_json_line(full)


def test_profile_fields_come_in_a_fixed_order_and_only_when_known(engine):
    record = engine.record(PROFILED, "p")
    hicks = next(a for a in record["actors"] if a["name"] == "Hope Hicks")
    assert list(hicks) == ["id", "name", "kind", "titles", "type", "gender", "evidence", "mentions"]
    official = next(a for a in record["actors"] if a["name"] == "senior official")
    assert list(official)[4:8] == ["type", "anonymity", "gender", "evidence"]
    said = record["attributions"][0]
    assert list(said)[:7] == ["id", "kind", "parent", "source_actor", "source_type", "confidence", "roles"]
    assert json.dumps(engine.record(PROFILED, "p")) == json.dumps(record)


def test_a_pronoun_is_evidence_through_its_mention(engine):
    result = Engine().extract(PROFILED)
    hicks = next(a for a in result.actors if a.name == "Hope Hicks")
    pronoun = next(e for e in hicks.evidence if e.link)
    mention = next(m for m in hicks.mentions if (m.start, m.end) == (pronoun.start, pronoun.end))
    assert pronoun.trace == mention.trace and pronoun.trace.rule.id == "actor.pronoun"
