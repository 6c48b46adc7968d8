"""Actors and the linking rules (docs/actors.md) on paragraphs we wrote."""


def actors(engine, text):
    return {a["name"]: a for a in engine.record(text, "t")["actors"]}


def mentions(actor):
    return [(m["text"], m["trace"]["link"]["rule"]) for m in actor["mentions"]]


TEXT = (
    "Senegal's Prime Minister Amadou Ba met NATO head Lena Vik on Monday. "
    "Ba said the talks went well. The NATO chief said she was pleased. "
    "The North Atlantic Treaty Organization, or NATO, sent a team. "
    "Vik later told reporters that her staff would return. He added that Ba's aides agreed."
)


def test_title_before_name_gives_a_person_with_titles(engine):
    found = actors(engine, TEXT)
    assert found["Amadou Ba"]["kind"] == "person"
    assert "Prime Minister" in found["Amadou Ba"]["titles"]
    assert found["Lena Vik"]["titles"][0] == "NATO head"


def test_short_names_link_to_the_full_name(engine):
    found = actors(engine, TEXT)
    assert ("Ba", "link.short-name") in mentions(found["Amadou Ba"])
    assert ("Vik", "link.short-name") in mentions(found["Lena Vik"])


def test_title_phrase_links_to_the_named_actor_with_that_role(engine):
    found = actors(engine, TEXT)
    assert ("The NATO chief", "link.title-to-name") in mentions(found["Lena Vik"])


def test_pronouns_link_by_gender_and_recency(engine):
    found = actors(engine, TEXT)
    assert ("she", "link.pronoun-same-sentence") not in mentions(found["Amadou Ba"])
    assert any(text == "her" for text, _ in mentions(found["Lena Vik"]))


def test_acronym_links_to_its_expansion(engine):
    found = actors(engine, "The International Energy Agency warned of shortages. The IEA said prices would rise.")
    agency = found["International Energy Agency"]
    assert agency["kind"] == "organization"
    assert ("The IEA", "link.acronym") in mentions(agency)


def test_particles_are_ignored_when_names_are_compared(engine):
    found = actors(engine, "President Bashar al-Assad spoke. Later Bashar Assad said more, and Assad left.")
    assert [t for t, _ in mentions(found["Bashar al-Assad"])] == ["President Bashar al-Assad", "Bashar Assad", "Assad"]


def test_a_lone_capitalised_word_is_not_an_actor(engine):
    assert "Palmyra" not in actors(engine, "The ruins of Palmyra are old. Forces retook Palmyra.")


def test_pronoun_after_an_attribution_links_to_its_source(engine):
    text = "The plan will fail, Senator Joan Reyes said on Tuesday. She did not give details."
    found = actors(engine, text)
    assert ("She", "link.pronoun-previous-source") in mentions(found["Joan Reyes"])


def test_first_person_is_a_source_outside_quotations_only(engine):
    record = engine.record("I think the levy will fail. “I think it will pass,” the mayor said.", "t")
    sources = [(a["roles"]["source"][0]["text"], a["roles"]["cue"][0]["text"]) for a in record["attributions"]]
    assert ("I", "think") in sources
    assert ("the mayor", "said") in sources and sources.count(("I", "think")) == 1


def test_title_with_noun_modifiers_before_a_name(engine):
    record = engine.record("“The court matters most,” said Idaho supplement executive Frank Vander.", "t")
    names = {a["name"]: a["titles"] for a in record["actors"]}
    assert "Frank Vander" in names and any("supplement executive" in t for t in names["Frank Vander"])


def test_owner_of_a_possessive_group_is_an_actor_of_its_own(engine):
    # Possessive with a plural apostrophe: "The Harbor Times’ team" mentions the paper too,
    # and the owner links to the paper's other mentions (so it takes their kind).
    text = ("The Harbor Times’ team of reporters said the port had been sold. "
            "Mrs. Lopez's advisers said the deal was rushed. The Harbor Times asked for comment.")
    found = actors(engine, text)
    times = found["The Harbor Times"]
    assert times["kind"] == "organization"
    assert [m["text"] for m in times["mentions"]] == ["The Harbor Times", "The Harbor Times"]
    assert "Mrs. Lopez" in found
    # The speakers are still the groups, not their owners.
    sources = {a["roles"]["source"][0]["text"] for a in engine.record(text, "t")["attributions"]
               if a["roles"]["cue"][0]["text"] == "said"}
    assert sources == {"The Harbor Times’ team of reporters", "Mrs. Lopez's advisers"}


def test_party_word_before_a_name_is_a_title_not_part_of_the_name(engine):
    # Construction: a capitalised word for a person (party, role) right before a person's name.
    text = ("Republican Tom Ashby said the bridge would open in May. Democrat Lena Ortiz said it would not. "
            "Ranking Democrat Rosa Hale said the vote was close.")
    found = actors(engine, text)
    assert found["Tom Ashby"]["titles"] == ["Republican"]
    assert found["Lena Ortiz"]["titles"] == ["Democrat"]
    assert found["Rosa Hale"]["titles"] == ["Ranking Democrat"]
    assert not {"Republican", "Democrat", "Ranking Democrat"} & set(found)
    sources = [a["roles"]["source"][0]["text"] for a in engine.record(text, "t")["attributions"]]
    assert sources == ["Republican Tom Ashby", "Democrat Lena Ortiz", "Ranking Democrat Rosa Hale"]


def test_party_word_opening_an_organisation_name_stays_in_it(engine):
    # Construction: the same words before an organisation or a law are part of its name.
    text = ("The Republican National Committee said the debate would go ahead. "
            "Republican South Carolina voters said they were ready. "
            "The Student Loan Relief Act passed on Friday.")
    found = actors(engine, text)
    assert found["Republican National Committee"]["kind"] == "organization"
    assert "South Carolina" not in found and "Loan Relief Act" not in found


def test_a_verb_or_relative_word_before_a_title_is_not_part_of_it(engine):
    # Construction: "beating rival X", "including Gov. X", "which X said": the word before the
    # title belongs to the clause, not to the mention; a modifier in -ing that is a job stays.
    text = ("Ortiz won Tuesday, beating rival Tom Ashby by nine points. "
            "Several governors, including Gov. Rosa Hale, backed the plan. "
            "Organizing director Lena Park told members to vote. "
            "The harbor tax, which officials said would pay for dredging, passed.")
    found = actors(engine, text)
    assert found["Tom Ashby"]["titles"] == ["rival"]
    assert [m["text"] for m in found["Rosa Hale"]["mentions"]] == ["Gov. Rosa Hale"]
    assert found["Lena Park"]["titles"] == ["Organizing director"]
    sources = [a["roles"]["source"][0]["text"] for a in engine.record(text, "t")["attributions"]]
    assert "officials" in sources


def test_title_word_that_is_a_surname_ends_a_name(engine):
    # Construction: King, Dean, Judge, Pope at the end of a name are surnames; before a
    # name they are titles again.
    text = ("“It is over,” said Representative Alan J. King of Ohio. "
            "Dana Judge said the count was fair. Judge Ann Ruiz said it was not.")
    found = actors(engine, text)
    assert found["Alan J. King"]["titles"] == ["Representative"]
    assert "Dana Judge" in found
    assert found["Ann Ruiz"]["titles"] == ["Judge"]


def test_a_name_never_runs_across_a_sentence_or_paragraph_break(engine):
    # Construction: a capitalised word ending one sentence (or a headline line) and the name
    # opening the next are two names, not one.
    text = ("He wants to move to the U.S.\n\nFlorida Sen. Ana Ruiz says the plan will fail.\nAbortions\nJon Tate criticized the bill."
            "\nKTV's Fault\nLena Ortiz apologized for the delay.")
    record = engine.record(text, "t")
    sources = [a["roles"]["source"][0]["text"] for a in record["attributions"]]
    assert sources == ["Florida Sen. Ana Ruiz", "Jon Tate", "Lena Ortiz"]


def test_a_name_may_open_with_initials(engine):
    # Construction: initials before the given name or surname: J. J. Price, E. J. Dionne.
    text = "“It is over,” said J. J. Tate, a firefighter. H. R. Ames wrote that the plan failed."
    found = actors(engine, text)
    assert {"J. J. Tate", "H. R. Ames"} <= set(found)
    sources = [a["roles"]["source"][0]["text"] for a in engine.record(text, "t")["attributions"]]
    assert sources == ["J. J. Tate, a firefighter", "H. R. Ames"]


def test_titles_with_co_are_titles(engine):
    # Construction: "co-chairman", "co-host" as titles in an appositive and before a name.
    record = engine.record("The campaign co-chairman, Tom Ruiz, said the plan would pass.", "t")
    assert record["attributions"][0]["roles"]["source"][0]["text"] == "The campaign co-chairman, Tom Ruiz"
    found = actors(engine, "Radio co-host Mika Hale asked whether the plan would pass.")
    assert found["Mika Hale"]["titles"] == ["Radio co-host"]


def test_joint_poll_names_with_a_slash(engine):
    # Construction: "A CNN/ORC poll", "a Times/Siena poll": two sponsors joined by a slash.
    record = engine.record("A KTV/Harbor Times poll showed the levy ahead. The poll was taken in May.", "t")
    assert record["attributions"][0]["roles"]["source"][0]["text"] == "A KTV/Harbor Times poll"


def test_a_name_described_by_an_adjective_is_one_mention(engine):
    # Construction: "A defiant Tate said": the mention is the whole phrase, the actor is Tate;
    # a noun before the name is no description ("a new Ruiz ad", "a point Ruiz acknowledged").
    text = ("Senator Dan Tate voted no. A defiant Tate said the levy would pass. "
            "It was a point Tate acknowledged to reporters.")
    record = engine.record(text, "t")
    sources = [a["roles"]["source"][0]["text"] for a in record["attributions"]]
    assert "A defiant Tate" in sources and "a point Tate" not in sources
    assert "A defiant Tate" in [m["text"] for m in actors(engine, text)["Dan Tate"]["mentions"]]


def test_title_of_a_described_organisation_keeps_the_description(engine):
    # Construction: "Name, director of the nonprofit Ride Forward": the organisation after "of the"
    # may carry a word or two describing it; the whole is the person's title.
    found = actors(engine, "“It is a start,” said Lucia Barros, director of the nonprofit Ride Forward.")
    assert found["Lucia Barros"]["titles"] == ["director of the nonprofit Ride Forward"]
    assert "director" not in found


def test_title_before_and_appositive_after_a_name_are_one_mention(engine):
    # Construction: "Arizona governor Jan Brewer, an early supporter of Trump, said": both
    # titles belong to the one mention; neither is lost to the other.
    found = actors(engine, "Arizona governor Jan Brewer, an early supporter of Trump, said the issue was a priority.")
    assert found["Jan Brewer"]["titles"] == ["Arizona governor", "an early supporter of Trump"]
    assert "Arizona" not in found


def test_short_month_before_its_day_is_no_name_but_a_first_name_is(engine):
    # Construction: "Jan. 5", "Aug 31" are dates; "Jan Kowalski", "Ai Jun" are names.
    found = actors(engine, "On Jan. 5, Jan Kowalski said the strike would end. Ai Jun wrote on Aug 31 that it had.")
    assert "Jan Kowalski" in found and "Ai Jun" in found
    assert not any(name in found for name in ("Jan", "Aug"))


def test_surname_that_is_a_common_word_after_a_courtesy_title(engine):
    # Construction: "Mr. Read said ...", "Ms. May said ...": after a courtesy title a word that
    # opens no name elsewhere ("Read more", "May 5") is a surname and the speaker.
    record = engine.record("Mr. Read said the rules increased the risk. Ms. May said the deal was good.", "t")
    sources = [a["roles"]["source"][0]["text"] for a in record["attributions"]]
    assert sources == ["Mr. Read", "Ms. May"]
    names = {a["name"] for a in record["actors"]}
    assert {"Read", "May"} <= names  # the canonical name leaves the courtesy title out


def test_a_singular_title_ending_in_s_takes_his_or_her(engine):
    # construction: a title phrase ending in -s that is singular (the lexicons say which are plural)
    for text, title, pronoun in (("The boss lost his job.", "boss", "his"), ("The witness lost her car.", "witness", "her")):
        actor = actors(engine, text)[title]
        assert [m["text"] for m in actor["mentions"]] == [f"The {title}", pronoun]


def test_a_plural_title_takes_no_he_or_she(engine):
    # construction: a group noun (number: plural in the lexicon) is no antecedent of "he"
    record = engine.record("The residents met the mayor. He said the plan would pass.", "t")
    residents = next(a for a in record["actors"] if a["name"] == "residents")
    assert [m["text"] for m in residents["mentions"]] == ["The residents"]


def test_a_bare_surname_skips_a_full_name_the_text_calls_a_relative(engine):
    # "Cruz" after "Heidi Cruz" is the senator, not his wife; "Mrs. Cruz" may be the wife.
    text = ("Sen. Ted Cruz endorsed the nominee on Friday. The nominee had attacked his wife, Heidi, and his father, "
            "Rafael Cruz. A photo of Heidi Cruz ran in an ad. Cruz said he would vote for the nominee. Mrs. Cruz said nothing.")
    found = actors(engine, text)
    assert ("Cruz", "link.short-name") in mentions(found["Ted Cruz"])
    assert ("Mrs. Cruz", "link.short-name") in mentions(found["Heidi Cruz"])
    assert [text for text, _ in mentions(found["Heidi Cruz"])] == ["his wife, Heidi", "Heidi Cruz", "Mrs. Cruz"]


def test_without_relatives_the_nearest_full_name_still_wins(engine):
    text = "Ann Ruiz spoke first. Then Tom Ruiz, a farmer, spoke. Ruiz said the well was dry."
    found = actors(engine, text)
    assert ("Ruiz", "link.short-name") in mentions(found["Tom Ruiz"])


def test_titles_of_candidates_doctors_entertainers_and_business_people(engine):
    # Construction: a descriptive title phrase before a name ("Republican presidential
    # hopeful Dana Cole") is the person's title and part of the source.
    for title, name in [("Republican presidential hopeful", "Dana Cole"), ("Retired neurosurgeon", "Ben Okafor"),
                        ("GOP front-runner", "Tom Price"), ("Oscar-winning actress", "Mia Ortiz"),
                        ("Real estate developer", "Sam Lind")]:
        record = engine.record(f"{title} {name} said the rally would go ahead.", "t")
        (attribution,) = record["attributions"]
        assert attribution["roles"]["source"][0]["text"] == f"{title} {name}", title
        actor = next(a for a in record["actors"] if a["id"] == attribution["source_actor"])
        assert actor["name"] == name and actor["kind"] == "person" and actor["titles"] == [title], title


def test_the_and_a_noun_names_again_the_organisation_whose_name_ends_in_it(engine):
    # Construction: "The ferry operators' union welcomed ... the union said": a definite
    # description by the head noun alone is the organisation named before (link.definite-head),
    # so a roster counts one union, not two.
    found = actors(engine, (
        "The ferry operators' union welcomed the delay. In a statement, the union said its members "
        "had not been consulted. A survey by the Salem Institute found wide opposition. The "
        "institute's director, Mia Cole, said the results were clear, and the institute said it "
        "would publish them."))
    assert ("the union", "link.definite-head") in mentions(found["ferry operators' union"])
    assert ("the institute", "link.definite-head") in mentions(found["Salem Institute"])
    assert "union" not in found and "institute" not in found
    found = actors(engine, "A think tank in Dover said the plan would fail. The think tank said so twice.")
    assert ("The think tank", "link.definite-head") in mentions(found["think tank"])


def test_a_longer_definite_phrase_is_not_linked_by_its_head_noun(engine):
    # "the other union" says by its own words that it is another one.
    found = actors(engine, "The dockers' union backed the plan. The other union said it would strike.")
    assert all(rule != "link.definite-head" for actor in found.values() for _, rule in mentions(actor))


def test_the_and_a_role_names_again_the_last_holder_of_that_role(engine):
    # Construction: "Agriculture Minister Ravi Shah ... The minister said": "the" and a role
    # in one word links to the named actor last mentioned with a title of that role
    # (link.role-to-name); several ("the ministers") or another gender do not.
    found = actors(engine, "Agriculture Minister Ravi Shah defended the plan on Monday. "
                           "The minister said the cap would start in June.")
    assert ("The minister", "link.role-to-name") in mentions(found["Ravi Shah"])

def test_a_title_phrase_of_another_gender_or_of_several_is_not_the_named_holder(engine):
    # "The spokesman" is not Spokeswoman Ana Ruiz, and "the senators" are not Senator Ana Ruiz
    # (neither link.title-to-name nor link.role-to-name links them).
    found = actors(engine, "Spokeswoman Ana Ruiz said the port would open. The spokesman said it would not.")
    assert [text for text, _ in mentions(found["Ana Ruiz"])] == ["Spokeswoman Ana Ruiz"]
    found = actors(engine, "Senator Ana Ruiz voted no. The senators said the bill would fail.")
    assert [text for text, _ in mentions(found["Ana Ruiz"])] == ["Senator Ana Ruiz"]


def test_a_pronoun_after_a_sentence_about_someone_is_theirs_not_an_earlier_speakers(engine):
    # Construction: "“...,” asked Carla Dunn. Reyes, for his part, is not giving up. “...,” he
    # said.": the previous sentence names Reyes (link.pronoun-previous-subject) before the
    # speaker two sentences back is tried.
    found = actors(engine, "Tomas Reyes owns the bakery. “Where else would I go?” asked Carla Dunn, 71. Reyes, for his part, is not "
                           "giving up. “I will bake,” he said, “until they carry me out.”")
    assert ("he", "link.pronoun-previous-subject") in mentions(found["Tomas Reyes"])
    assert all(text != "he" for text, _ in mentions(found["Carla Dunn"]))
