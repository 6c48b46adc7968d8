"""The default rule pack on one short paragraph per construction (docs/constructions.md)."""
import pytest

from conftest import find, role, role_texts


def extract(engine, text):
    return engine.record(text, "t")


def speakers_and_contents(record, cue):
    """(source, content) of each attribution with this cue, in text order."""
    return [(role(a, "source"), role(a, "content")) for a in record["attributions"] if role(a, "cue") == cue]


def test_speaker_cue_content_with_that(engine):
    a = find(extract(engine, "Mayor Ana Ruiz said that the bridge will reopen in May."), "said")
    assert role(a, "source") == "Mayor Ana Ruiz" and role(a, "content") == "that the bridge will reopen in May"
    assert a["kind"] == "indirect"


def test_speaker_cue_content_without_that(engine):
    a = find(extract(engine, "The governor says the budget is balanced."), "says")
    assert role(a, "source") == "The governor" and role(a, "content") == "the budget is balanced"


def test_content_with_a_plural_possessive(engine):
    # "Sanders’" ends in a bare apostrophe: a possessive, not a closing quotation mark.
    a = find(extract(engine, "Clinton said she appreciated Sanders’ apology and the voters' patience."), "said")
    assert role(a, "content") == "she appreciated Sanders’ apology and the voters' patience"


def test_adjunct_between_cue_and_that(engine):
    a = find(extract(engine, "The ministry said on Friday that prices would fall."), "said")
    assert role(a, "content") == "that prices would fall" and a["trace"]["rule"] == "attr.source-cue-adjunct-that"


def test_where_it_was_said_belongs_to_the_cue(engine):
    # PolNeAR marks "said in a statement" as the cue; a time adjunct after it stays outside.
    a = find(extract(engine, "The ministry said in a statement on Friday that prices would fall."), "said in a statement")
    assert role(a, "content") == "that prices would fall"
    b = find(extract(engine, "“It is over,” Pambakian wrote on Facebook."), "wrote on Facebook")
    assert role(b, "source") == "Pambakian"


def test_verbs_that_take_a_noun_need_a_that_clause_or_a_quotation(engine):
    # "supported the bill" is an action, not an attribution; "supported that ..." is one.
    assert extract(engine, "The senator supported the bill last week.")["attributions"] == []
    a = find(extract(engine, "The senator found that the bill was flawed."), "found")
    assert role(a, "content") == "that the bill was flawed"


def test_content_cue_speaker(engine):
    a = find(extract(engine, "“We are not leaving,” said Tomas Berg, a union organizer."), "said")
    assert role(a, "content") == "“We are not leaving,”" and role(a, "source") == "Tomas Berg, a union organizer"
    assert a["kind"] == "direct"


def test_content_speaker_cue(engine):
    a = find(extract(engine, "“Nothing has changed,” the senator said."), "said")
    assert role(a, "source") == "the senator" and a["trace"]["rule"] == "attr.content-source-cue"


def test_content_interrupted_by_its_attribution(engine):
    a = find(extract(engine, "By cutting the receiving line, the social secretary said, the White House can invite twice as many guests."), "said")
    assert role(a, "content") == "By cutting the receiving line … the White House can invite twice as many guests"


def test_split_quotation(engine):
    a = find(extract(engine, "“The roads are closed,” he said. “Stay at home tonight.”"), "said")
    assert role(a, "content") == "“The roads are closed,” … “Stay at home tonight.”"


def test_passive_with_medium_splitting_the_cue(engine):
    text = "“Talks will resume,” Foreign Minister Sergei Lavrov was quoted by Interfax as saying."
    a = find(extract(engine, text), "was quoted as saying")
    assert role(a, "medium") == "Interfax" and role(a, "source") == "Foreign Minister Sergei Lavrov"
    assert [f["text"] for f in a["roles"]["cue"]] == ["was quoted", "as saying"]


def test_passive_with_medium_after_the_cue(engine):
    text = "The army will withdraw by June, the defense minister was quoted as saying by the Reuters news agency."
    a = find(extract(engine, text), "was quoted as saying")
    assert role(a, "medium") == "the Reuters news agency" and role(a, "content") == "The army will withdraw by June"


def test_an_organisation_told_is_the_medium(engine):
    a = find(extract(engine, "Kremlin spokesman Dmitry Peskov told TASS that the talks would go on."), "told")
    assert role(a, "medium") == "TASS" and "addressee" not in a["roles"]


def test_according_to_after_the_content(engine):
    a = find(extract(engine, "The vote was postponed, according to two council members."), "according to")
    assert role(a, "source") == "two council members" and role(a, "content") == "The vote was postponed"


def test_according_to_a_statement_gives_a_two_part_cue(engine):
    a = find(extract(engine, "The factory will close, according to Lopez's statement."), "according to statement")
    assert role(a, "source") == "Lopez"


def test_according_to_before_the_content(engine):
    a = find(extract(engine, "According to the poll, turnout will be low."), "According to")
    assert role(a, "source") == "the poll" and role(a, "content") == "turnout will be low"


def test_chained_medium_contains_the_first_attribution(engine):
    record = extract(engine, "Prices will rise next year, Governor Jane Miller said, the Tribune reported.")
    said, reported = find(record, "said"), find(record, "reported")
    assert role(reported, "source") == "the Tribune" and role(reported, "content") == "Prices will rise next year, Governor Jane Miller said"
    assert said["parent"] == reported["id"]


def test_participial_cue_shares_the_speaker(engine):
    text = "The coach said the team would recover, while also stressing the need for new players."
    a = find(extract(engine, text), "stressing")
    assert role(a, "source") == "The coach" and role(a, "content") == "the need for new players"


def test_addressee_after_told(engine):
    a = find(extract(engine, "The minister has told the head of the IMF that reforms will continue."), "has told")
    assert role(a, "addressee") == "the head of the IMF" and role(a, "content") == "that reforms will continue"


def test_no_addressee_after_verbs_that_take_none(engine):
    a = find(extract(engine, "Residents say Martinez has not lived here for years."), "say")
    assert "addressee" not in a["roles"] and role(a, "content") == "Martinez has not lived here for years"


def test_nested_attribution_inside_content(engine):
    record = extract(engine, "The spokesman said that President Kim told the envoy that the border would open.")
    outer, inner = find(record, "said"), find(record, "told")
    assert inner["parent"] == outer["id"] and role(inner, "source") == "President Kim"


def test_a_stance_or_belief_inside_reported_speech_is_no_attribution_of_its_own(engine):
    # "supports", "believes", "shows" carry `nested: "no"`: what the spokesman said includes them.
    for text in ["The spokesman said that the union supports the new contract.",
                 "The mayor said residents believe the bridge is safe.",
                 "The minister said a new survey shows growing support for the plan."]:
        record = extract(engine, text)
        assert [a["roles"]["cue"][0]["text"] for a in record["attributions"]] == ["said"], text
    # Outside another attribution's content they are attributions as before.
    a = find(extract(engine, "The union supports raising the minimum wage."), "supports")
    assert role(a, "source") == "The union"


def test_mixed_content(engine):
    a = find(extract(engine, "The mayor said the plan was “a disaster for everyone” and should be dropped."), "said")
    assert a["kind"] == "mixed"


def test_paragraph_continued_quotation(engine):
    text = "“We will rebuild the bridge,” the mayor said. “It will take two years.\n\n“And it will cost less than the old one.”"
    a = find(extract(engine, text), "said")
    assert role(a, "content").endswith("“And it will cost less than the old one.”")


def test_coordinated_cue_shares_the_subject(engine):
    text = "In a phone call, Prime Minister Ito thanked the crew and stressed the “importance of safety at sea,” his office said."
    a = find(extract(engine, text), "stressed")
    assert role(a, "source") == "Prime Minister Ito"


def test_headline_colon(engine):
    a = find(extract(engine, "Sanders: We Will Take This Fight To The Convention\n\nThe senator spoke on Sunday."), ":")
    assert role(a, "source") == "Sanders"


def test_transcript_turns_printed_as_one_long_quotation(engine):
    """Transcript: each turn opens with a quote mark and a speaker label in capitals; the
    marks open turns, not one quotation running over all of them."""
    text = ("The interview went on:\n\n"
            "\"HOST: Will the pier reopen by June? And who pays for it?\n\n"
            "\"RUIZ: The city pays. We have the money, and the work starts on Monday.\n\n"
            "\"(LAUGHTER.)\n\n"
            "\"HOST: Thank you, Mayor.")
    assert speakers_and_contents(extract(engine, text), ":") == [
        ("HOST", "Will the pier reopen by June? And who pays for it"),
        ("RUIZ", "The city pays. We have the money, and the work starts on Monday"),
        ("HOST", "Thank you, Mayor"),
    ]


def test_headline_colon_with_a_title_abbreviation(engine):
    a = find(extract(engine, "Gov. Lena Ortiz: The Ferry Will Run All Winter\n\nThe governor spoke on Sunday."), ":")
    assert role(a, "source") == "Gov. Lena Ortiz"


def test_roundup_names_and_headline_topics_before_a_colon(engine):
    """A roundup of what others wrote: "HEADING - Name: “...”", "More from Name: “...”"; and a
    headline with a topic: "Name on Topic: ‘...’"."""
    text = ("Harbour roundup for Monday.\n\n"
            "FERRY USE DROPS IN WINTER - Lena Ortiz and Tom Berg: “Fewer people took the ferry in January.” "
            "More from Ortiz: “The drop is seasonal.”")
    assert speakers_and_contents(extract(engine, text), ":") == [
        ("Lena Ortiz and Tom Berg", "“Fewer people took the ferry in January.”"),
        ("Ortiz", "“The drop is seasonal.”")]
    a = find(extract(engine, "Ruiz on the Ferry Cuts: ‘We Will Find the Money.’\n\nThe mayor spoke on Monday."), ":")
    assert (role(a, "source"), role(a, "content")) == ("Ruiz", "‘We Will Find the Money.’")


def test_headline_with_what_was_said_first_then_the_speaker(engine):
    a = find(extract(engine, "‘Cheaper’ Ferry Fares Are Too High, Harbour Chief Says.\n\nThe chief spoke on Monday."), "Says")
    assert (role(a, "source"), role(a, "content")) == ("Harbour Chief", "‘Cheaper’ Ferry Fares Are Too High")


def test_run_of_signed_quotations_in_one_paragraph(engine):
    """Reader voices printed in one run: “...” ― Name “...” ― Name. Photo credit."""
    text = ("We asked riders what they think of the new timetable.\n\n"
            "“The early boat is gone. I have to drive now.” ― Lena Ortiz “It is fine by me.” ― Tom Berg. "
            "Harbor Times/Instagram. ”Nobody asked us.” ― Ana Ruiz")
    assert speakers_and_contents(extract(engine, text), "―") == [
        ("Lena Ortiz", "“The early boat is gone. I have to drive now.”"),
        ("Tom Berg", "“It is fine by me.”"),
        ("Ana Ruiz", "”Nobody asked us.”")]


def test_opening_participle_of_saying_with_the_main_clause_subject(engine):
    a = find(extract(engine, "Noting that the ferry was late again, the harbour master ordered a review."), "Noting")
    assert (role(a, "source"), role(a, "content")) == ("the harbour master", "that the ferry was late again")
    record = extract(engine, "Speaking to reporters, Ruiz praised the crews.")
    assert "Speaking" not in [role(a, "cue") for a in record["attributions"]]
    # after a word of time: After saying ..., While saying ...
    a = find(extract(engine, "After saying he would stay neutral, the harbour master backed the union."), "saying")
    assert (role(a, "source"), role(a, "content")) == ("the harbour master", "he would stay neutral")


def test_noun_cue_after_a_possessive_with_a_that_clause(engine):
    """A noun of saying after its speaker's possessive: "the ministry's claim that ..."."""
    record = extract(engine, "The dockers' union dismissed the harbour board’s claim that the cranes were safe.")
    a = find(record, "claim")
    assert (role(a, "source"), role(a, "content")) == ("the harbour board’s", "that the cranes were safe")
    # an infinitive after a noun of deciding is no attribution (fewer than one in four on PolNeAR train)
    record = extract(engine, "Ruiz defended her decision to close the clinic.")
    assert [role(a, "cue") for a in record["attributions"]] == ["defended"]


def test_declined_to_comment(engine):
    a = find(extract(engine, "The company, which declined to comment, closed the plant."), "declined")
    assert role(a, "content") == "to comment"


def test_called_names_its_object(engine):
    a = find(extract(engine, "The chairman called the report “deeply flawed.”"), "called")
    assert role(a, "content").startswith("the report")


@pytest.mark.parametrize(
    "text",
    [
        "The said agreement was signed in 2019.",
        "The reports were published on Monday.",
        "Her statement ran to four pages.",
        "He played “Yesterday” at the concert.",
        "Known as “the Hammer,” the boxer retired.",
    ],
)
def test_tricky_negatives_have_no_attribution(engine, text):
    assert extract(engine, text)["attributions"] == []


def test_a_poll_named_after_its_owner_is_the_source_not_the_owner(engine):
    record = extract(engine, "The races are all close, a Quinnipiac University poll shows. Public records show no gifts at all.")
    assert role(find(record, "shows"), "source") == "a Quinnipiac University poll"
    assert role(find(record, "show"), "source") == "Public records"
    # Writings are sources, not actors.
    assert [a["name"] for a in record["actors"]] == []


def test_content_first_with_a_prepositional_tail_and_a_hometown(engine):
    record = extract(engine, "“The harm is real,” prosecutors wrote in seeking a maximum penalty of 41 months.")
    assert role(find(record, "wrote"), "source") == "prosecutors"
    record = extract(engine, "“The Cheneys know,” said Patricia Moran of Cheyenne.")
    assert role(find(record, "said"), "source") == "Patricia Moran of Cheyenne"
    # The tail never swallows a new clause: here the content is what follows "that".
    a = find(extract(engine, "In Iowa, Trump said in a statement that he would win."), "said in a statement")
    assert role(a, "content") == "that he would win"


def test_asking_someone_is_not_a_content_but_asking_whether_is(engine):
    assert extract(engine, "They asked the experts and then did not listen.")["attributions"] == []
    a = find(extract(engine, "The senator asked whether the plan was legal."), "asked")
    assert role(a, "content") == "whether the plan was legal"


def test_question_quotation_closing_its_own_sentence_then_speaker_and_cue(engine):
    # The sentence splitter ends a sentence after ?” — the cue that follows still takes the quotation.
    a = find(extract(engine, "“Who will pay for the new pumps, then?” Okafor said. The hall went quiet."), "said")
    assert role(a, "source") == "Okafor" and role(a, "content") == "“Who will pay for the new pumps, then?”"
    b = find(extract(engine, "“Enough is enough!” said the Dayton councilwoman."), "said")
    assert role(b, "source") == "the Dayton councilwoman"


def test_split_quotation_stops_at_a_paragraph_break(engine):
    text = "“We will not sell the land,” said the farmer.\n\n“Prices are rising,” said a county assessor."
    a = find(extract(engine, text), "said")
    assert role(a, "content") == "“We will not sell the land,”"


def test_speaker_after_cue_with_a_participle_modifier(engine):
    a = find(extract(engine, "“The money will run out by June,” said one Democrat involved in the talks, who asked not to be named."), "said")
    assert role(a, "source") == "one Democrat involved in the talks, who asked not to be named"


def test_connective_between_cue_and_that(engine):
    a = find(extract(engine, "He said, however, that the district would appeal."), "said")
    assert role(a, "content") == "that the district would appeal"
    b = find(extract(engine, "Mr. Okafor said, among other things, that the firm has a problem."), "said")
    assert role(b, "content") == "that the firm has a problem"


def test_place_adverb_between_speaker_and_cue(engine):
    a = find(extract(engine, "Her campaign aides here said they had knocked on every door."), "said")
    assert role(a, "source") == "Her campaign aides" and role(a, "content") == "they had knocked on every door"


def test_plural_titles_make_a_group_speaker(engine):
    a = find(extract(engine, "Other mayors said they had little contact with the governor."), "said")
    assert role(a, "source") == "Other mayors"


def test_headline_in_title_case_with_a_verb_of_saying(engine):
    record = extract(engine, "Harbor Chief Says New Cranes Will Arrive In June\n\nThe port expects a busy summer.")
    a = find(record, "Says")
    assert role(a, "source") == "Harbor Chief" and role(a, "content") == "New Cranes Will Arrive In June"
    assert a["trace"]["rule"] == "attr.headline-speech-verb"


def test_quantifier_as_speaker(engine):
    record = extract(engine, "Some say the levy will fail, and others say it is already too late.")
    first, second = record["attributions"]
    assert (role(first, "source"), role(first, "content")) == ("Some", "the levy will fail")
    assert (role(second, "source"), role(second, "content")) == ("others", "it is already too late")


def test_refusing_promising_and_urging_with_an_infinitive(engine):
    a = find(extract(engine, "Union members refused to unload the ship on Monday."), "refused")
    assert role(a, "source") == "Union members" and role(a, "content") == "to unload the ship on Monday"
    # Inside what the port said, the refusal is part of its report (nested: "no").
    record = extract(engine, "Union members refused to unload the ship, the port said.")
    assert [a["roles"]["cue"][0]["text"] for a in record["attributions"]] == ["said"]
    b = find(extract(engine, "Two senators urged the governor to veto the bill."), "urged")
    assert role(b, "content").endswith("to veto the bill")
    # "wants to" is mostly not annotated as an attribution, so it is left alone.
    assert extract(engine, "The mayor wants to close the plant.")["attributions"] == []


def test_asked_to_do_something(engine):
    a = find(extract(engine, "The chief was asked to name one project the board had finished."), "was asked")
    assert role(a, "content") == "to name one project the board had finished"


def test_asked_by_names_the_asker(engine):
    a = find(extract(engine, "Asked by a reporter whether she had rehearsed, the senator smiled."), "Asked")
    assert role(a, "source") == "a reporter" and role(a, "content") == "whether she had rehearsed"


def test_speaker_after_cue_one_of_a_group(engine):
    a = find(extract(engine, "“The path is closed,” said one of those advisers, who spoke on condition of anonymity."), "said")
    assert role(a, "source").startswith("one of those advisers")


def test_speaker_after_cue_adviser_to_someone(engine):
    a = find(extract(engine, "“He is out of date,” said a longtime adviser to the governor."), "said")
    assert role(a, "source") == "a longtime adviser to the governor"


def test_organisation_and_title_before_a_name_after_the_cue(engine):
    a = find(extract(engine, "“The county hid this memo,” said Harbor Trust President Tom Fenton."), "said")
    assert role(a, "source") == "Harbor Trust President Tom Fenton"
    b = find(extract(engine, "“People waited for hours,” said Meena Ganguly of Human Rights Watch."), "said")
    assert role(b, "source") == "Meena Ganguly of Human Rights Watch"


def test_subject_with_a_relative_clause_is_not_cut_to_its_object(engine):
    # "the debate" is what the voters watched, not who spoke.
    a = find(extract(engine, "Voters in Iowa who watched the debate said they were unfazed."), "said")
    assert role(a, "source") == "Voters in Iowa who watched the debate"


def test_speaker_described_by_adjectives_and_age(engine):
    a = find(extract(engine, "“Climate came first,” the bespectacled, 71-year-old diplomat said."), "said")
    assert role(a, "source") == "the bespectacled, 71-year-old diplomat"


def test_possessive_group_speaker(engine):
    a = find(extract(engine, "Mrs. Lopez's advisers said the upside would outweigh the risk."), "said")
    assert role(a, "source") == "Mrs. Lopez's advisers"


def test_participle_with_an_addressee_after_a_quotation(engine):
    text = 'The mayor hailed the vote as "historic," telling reporters on Friday that the port will grow.'
    a = find(extract(engine, text), "telling")
    assert role(a, "source") == "The mayor" and role(a, "addressee") == "reporters"
    assert role(a, "content") == "that the port will grow"


def test_multi_word_participial_cue(engine):
    text = "“The brand takes a hit,” Mr. Morrison said, referring to reports that the firm used unpaid interns."
    a = find(extract(engine, text), "referring to")
    assert role(a, "source") == "Mr. Morrison" and role(a, "content") == "reports that the firm used unpaid interns"


def test_second_verb_after_a_dash(engine):
    text = "She drew the governor's ire - he called her “weak” and said she had no support in the county."
    a = find(extract(engine, text), "said")
    assert role(a, "source") == "he" and role(a, "content") == "she had no support in the county"


def test_media_as_a_speaker(engine):
    a = find(extract(engine, "Turkish media reported that the minister would resign."), "reported")
    assert role(a, "source") == "Turkish media"


def test_according_to_a_source_with_a_quoted_title_or_an_abbreviation(engine):
    a = find(extract(engine, "According to his memoir “Rough Water,” he sold the boat in 1998."), "According to")
    assert role(a, "source") == "his memoir “Rough Water,”" and role(a, "content") == "he sold the boat in 1998"
    b = find(extract(engine, "The plane is cleared to fly again, according to the F.A.A. Most owners have one."), "according to")
    assert role(b, "source") == "the F.A.A." and role(b, "content") == "The plane is cleared to fly again"


def test_refusal_without_to(engine):
    a = find(extract(engine, "Spokeswoman Nicole A. Navas declined comment beyond the filings."), "declined")
    assert role(a, "source") == "Spokeswoman Nicole A. Navas" and role(a, "content") == "comment beyond the filings"
    b = find(extract(engine, "The Ruiz and Okafor campaigns declined repeated requests for an interview."), "declined")
    assert role(b, "source") == "The Ruiz and Okafor campaigns"


def test_honorific_before_a_word_that_is_also_a_title(engine):
    a = find(extract(engine, "“It is risky,” Mr. Prince said."), "said")
    assert role(a, "source") == "Mr. Prince"


def test_possessive_organisation_speaker(engine):
    a = find(extract(engine, "Mrs. Okafor's campaign has said for months that it sees no reason to change course."), "has said")
    assert role(a, "source") == "Mrs. Okafor's campaign"


def test_document_with_a_participle_and_time_as_speaker(engine):
    a = find(extract(engine, "“The claim is speculative,” the order released Friday said."), "said")
    assert role(a, "source") == "the order released Friday"


def test_outlet_possessive_before_a_full_name(engine):
    # A day right after the verb belongs to the cue (definition cue_time), as PolNeAR marks it.
    a = find(extract(engine, "MSNBC's Ayman Rahimi reported Wednesday that the anchor entered the tower."), "reported Wednesday")
    assert role(a, "source") == "MSNBC's Ayman Rahimi"


def test_passive_of_a_verb_of_seeing_is_no_attribution(engine):
    assert extract(engine, "The anchor was seen entering the tower.")["attributions"] == []


def test_as_speaker_wrote_before_the_content(engine):
    a = find(extract(engine, "As the Post's Ana Ruiz wrote, “the vote was never close.”"), "wrote")
    assert role(a, "source") == "the Post's Ana Ruiz" and role(a, "content") == "“the vote was never close.”"
    assert extract(engine, "The mayor left early, as he often does.")["attributions"] == []


def test_document_finds_a_noun_phrase(engine):
    a = find(extract(engine, "Yet a new poll from the university found 40 percent of voters undecided."), "found")
    assert role(a, "source") == "a new poll from the university" and role(a, "content") == "40 percent of voters undecided"


def test_medium_after_the_content(engine):
    a = find(extract(engine, "The plan is central to the platform, reported the Harbor Examiner."), "reported")
    assert role(a, "source") == "the Harbor Examiner" and role(a, "content") == "The plan is central to the platform"


def test_seeming_and_expectation_have_no_speaker(engine):
    # PolNeAR's convention: the subject belongs to the content, not the source.
    a = find(extract(engine, "The governor is expected to sign the bill on Friday."), "is expected")
    assert "source" not in a["roles"] and role(a, "content") == "The governor … to sign the bill on Friday"
    b = find(extract(engine, "Both objections seemed to carry little weight."), "seemed")
    assert role(b, "content") == "Both objections … to carry little weight"


def test_stance_adjective_with_a_clause(engine):
    a = find(extract(engine, "They remain hopeful that the bill will pass."), "remain hopeful")
    assert role(a, "source") == "They" and role(a, "content") == "that the bill will pass"
    b = find(extract(engine, "The mayor is confident the levy will hold."), "is confident")
    assert role(b, "content") == "the levy will hold"
    # Without a clause or a preposition there is nothing attributed.
    assert extract(engine, "Voters are worried.")["attributions"] == []


def test_no_response_and_said_in_an_interview(engine):
    a = find(extract(engine, "A spokesman did not immediately respond to a request for comment."), "did not immediately respond to")
    assert role(a, "content") == "a request for comment"
    c = find(extract(engine, "The mayor said in an interview that the plan was dead."), "said")
    assert role(c, "content") == "that the plan was dead"


def test_group_with_an_organisation_name_inside(engine):
    a = find(extract(engine, "Some USDP members said they had not done enough."), "said")
    assert role(a, "source") == "Some USDP members"


def test_names_opening_with_new(engine):
    record = extract(engine, "New Jersey Gov. Chris Christie said no. The New York Times reported that he left. A new poll shows him ahead.")
    assert role(find(record, "said"), "source") == "New Jersey Gov. Chris Christie"
    assert role(find(record, "reported"), "source") == "The New York Times"
    assert role(find(record, "shows"), "source") == "A new poll"


def test_honorific_name_with_an_appositive_after_the_cue(engine):
    a = find(extract(engine, "“Stay close to the president,” said Mr. Hof, the former administration adviser."), "said")
    assert role(a, "source") == "Mr. Hof, the former administration adviser"


def test_relative_clause_with_a_verb_of_saying_inside_the_appositive(engine):
    text = "The official, who spoke on condition of anonymity to discuss the talks, said that investigators are reviewing the files."
    a = find(extract(engine, text), "said")
    assert role(a, "source").startswith("The official") and role(a, "content") == "that investigators are reviewing the files"


def test_participial_cue_after_a_speaker_who_follows_the_cue(engine):
    record = extract(engine, "“Voters will not be satisfied,” said Senator Ana Ruiz of Ohio, referring to the vow.")
    assert role(find(record, "said"), "source") == "Senator Ana Ruiz of Ohio"
    assert role(find(record, "referring to"), "content") == "the vow"


def test_quoted_show_title_in_the_adjunct_then_a_participle(engine):
    text = "“He would be the best nominee,” Graham said on NBC's “Morning Joe,” adding that the governor is an insider."
    record = extract(engine, text)
    assert role(find(record, "said"), "source") == "Graham"
    adding = find(record, "adding")
    assert role(adding, "source") == "Graham" and role(adding, "content") == "that the governor is an insider"


def test_coordinated_speakers(engine):
    a = find(extract(engine, "Her advisers and allies say she will spend the summer on her message."), "say")
    assert role(a, "source") == "Her advisers and allies"


def test_speaker_familiar_with_something(engine):
    a = find(extract(engine, "The plan spared the port, people familiar with the session said."), "said")
    assert role(a, "source") == "people familiar with the session"


def test_speaker_affiliation_with_several_names(engine):
    a = find(extract(engine, "“It was a long shot,” said Stephen Vale of the University of Texas School of Law."), "said")
    assert role(a, "source") == "Stephen Vale of the University of Texas School of Law"


def test_bracketed_party_label_stays_whole_in_the_source(engine):
    # The closing bracket (and the period of "D-Calif.") stays when its opening bracket is in the span.
    text = ("Sen. Ann Reyes (D-Calif.) last week said the count was fair. "
            "Rep. Tom Hale (R-S.C.), said after a hearing on Tuesday that the bill would pass.")
    first, second = extract(engine, text)["attributions"]
    assert role(first, "source") == "Sen. Ann Reyes (D-Calif.)"
    assert role(second, "source") == "Rep. Tom Hale (R-S.C.)" and role(second, "content") == "that the bill would pass"


def test_speaker_after_the_cue_runs_past_abbreviation_periods(engine):
    # Construction: a speaker after the cue whose appositive holds "Mrs." or "Rev."; only a
    # period that ends the sentence ends the speaker.
    text = ("“We are ready,” said Ben Ford, a spokesman for Mrs. Ortiz. "
            "“The city will change,” said the Rev. Paul Ames, of Mayfield Baptist Church.")
    first, second = extract(engine, text)["attributions"]
    assert role(first, "source") == "Ben Ford, a spokesman for Mrs. Ortiz"
    assert role(second, "source") == "the Rev. Paul Ames, of Mayfield Baptist Church"


def test_pronoun_after_the_cue_opens_the_content_not_the_speaker(engine):
    # Construction: "X, who ..., said he voted ...": "he voted ..." is what was said.
    a = find(extract(engine, "Mr. Hale, who runs the union, said he voted for Mr. Ruiz in 2012 and wrote in Ms. Tan in 2016."), "said")
    assert role(a, "source") == "Mr. Hale, who runs the union" and role(a, "content").startswith("he voted for Mr. Ruiz")


def test_content_in_a_fronted_subordinate_clause_ends_at_its_comma(engine):
    # Construction: "Although X said ..., MAIN CLAUSE": the content is the subordinate clause's.
    record = extract(engine, "Although Ortiz said the wall would be built, the council has refused to pay for it.")
    assert role(find(record, "said"), "content") == "the wall would be built"
    record = extract(engine, "Since he announced his plan last year, the mayor has visited every ward.")
    assert role(find(record, "announced"), "content") == "his plan last year"


def test_sentence_connective_stays_out_of_a_content_that_comes_first(engine):
    # Construction: "Meanwhile, X, the clerk said." / "But X, according to Y." The connective
    # links to the sentence before; inside quotation marks it belongs to the quotation.
    text = ("Meanwhile, turnout fell sharply, the clerk said. "
            "But her ratings have been rising, according to the poll. "
            "“Still, we will win,” she said.")
    record = extract(engine, text)
    assert role(find(record, "said"), "content") == "turnout fell sharply"
    assert role(find(record, "according to"), "content") == "her ratings have been rising"
    assert role(record["attributions"][-1], "content") == "“Still, we will win,”"


def test_longer_addressee_before_that_or_a_quotation(engine):
    # Construction: "told <a longer noun phrase> that ..." and "told <noun phrase>, “...”".
    text = ("Rowling told an audience at a book festival in Houston last week that the remarks were cruel. "
            "The mayor told the crowd who gathered in the square, “no one should be confused.”")
    first, second = extract(engine, text)["attributions"]
    assert role(first, "addressee") == "an audience at a book festival in Houston last week"
    assert role(first, "content") == "that the remarks were cruel"
    assert role(second, "addressee") == "the crowd who gathered in the square"
    assert role(second, "content") == "“no one should be confused.”"


def test_capitalised_addressee_without_article_before_that(engine):
    # Construction: "told <Capitalised noun phrase, no article> that ...": the words between the
    # verb and "that" are whoever was told, not part of the content. A weekday after the verb
    # is a time, and a verb or "to" in between makes it a clause, not an addressee.
    text = ("The harbour master told Danish broadcaster DR that the channel would reopen. "
            "The mayor told Channel 4 that the vote was fair. "
            "The union warned Monday that a strike was near. "
            "The senators urged Congress to accept the view that the plan had failed.")
    record = extract(engine, text)
    first, second = find(record, "told"), record["attributions"][1]
    assert role(first, "addressee") == "Danish broadcaster DR" and role(first, "content") == "that the channel would reopen"
    assert role(second, "addressee") == "Channel 4" and role(second, "content") == "that the vote was fair"
    warned = find(record, "warned Monday")
    assert "addressee" not in warned["roles"] and role(warned, "content") == "that a strike was near"
    assert all(role(a, "addressee") != "Congress to accept the view" for a in record["attributions"] if "addressee" in a["roles"])


def test_dateline_is_not_the_speaker_of_a_participle(engine):
    # Construction: "PLACE — Subject verb ..., saying ...": the dateline names a place, not
    # the sentence subject, so the participle's speaker is the subject after it.
    for opening in ("HARTFORD —", "HARTFORD, Conn., March 3 (UPI) —", "HARTFORD (AP) -"):
        text = f"{opening} Gov. Ann Ruiz on Monday vetoed the toll bill, saying drivers had paid enough."
        record = extract(engine, text)
        a = find(record, "saying")
        assert role(a, "source") == "Gov. Ann Ruiz", opening
        assert not {"HARTFORD", "Conn"} & {actor["name"] for actor in record["actors"]}, opening


def test_quotation_continues_after_a_cue_with_a_long_adjunct(engine):
    # Construction: “...,” X said in an interview with <a medium>. “...” — the quotation after
    # the sentence belongs to the same attribution, as it does after a bare “he said.”
    text = ("“The dam is safe,” Okafor said in an interview with a radio station in Lagos. "
            "“We inspect it every spring.”")
    a = find(extract(engine, text), "said")
    assert [f["text"] for f in a["roles"]["content"]] == ["“The dam is safe,”", "“We inspect it every spring.”"]
    assert role(a, "source") == "Okafor"


def test_quoted_in_a_document_as_telling_someone(engine):
    # Construction: "X, 61, is quoted in the indictment as telling a colleague that ...": the
    # document is the medium, the one told is the addressee, the appositive stays with X.
    text = "Osei, 61, is quoted in the indictment as telling a colleague that “nobody checks these numbers.”"
    a = extract(engine, text)["attributions"][0]
    assert role(a, "source") == "Osei, 61" and role(a, "medium") == "the indictment"
    assert role(a, "addressee") == "a colleague" and role(a, "content") == "that “nobody checks these numbers.”"
    assert [f["text"] for f in a["roles"]["cue"]] == ["is quoted", "as telling"]


def test_nested_speaker_named_by_a_legal_role(engine):
    # Construction: "X said her client had told investigators that ...": "her client" (a
    # people noun of the courts) is the speaker of the nested attribution.
    record = extract(engine, "Fenn said her client had told investigators that he never saw the invoices.")
    outer, inner = find(record, "said"), find(record, "had told")
    assert role(inner, "source") == "her client" and role(inner, "addressee") == "investigators"
    assert role(inner, "content") == "that he never saw the invoices" and inner["parent"] == outer["id"]


def test_participle_after_a_place_or_channel_keeps_the_speaker(engine):
    # Construction: "he wrote on Facebook, adding that ...": the actor after a preposition
    # ("on Facebook", "in Ohio") is no speaker of the participle after the comma; the
    # speaker of the clause is.
    text = "“Voters want results,” Okafor wrote on Facebook, adding that he would release a plan this week."
    a = find(extract(engine, text), "adding")
    assert role(a, "source") == "Okafor" and role(a, "content") == "that he would release a plan this week"


def test_participle_after_a_clause_is_never_an_inverted_cue(engine):
    # Construction: "X vowed to stay, telling supporters that ...": a participle after a
    # clause and a comma has the clause subject as its speaker; it is not the inverted
    # "..., said X" with what follows it as the speaker.
    text = "Gov. Ana Ruiz vowed Tuesday to stay in the race, telling supporters in Tucson that the polls “have been wrong before.”"
    a = find(extract(engine, text), "telling")
    assert role(a, "source") == "Gov. Ana Ruiz" and role(a, "addressee") == "supporters in Tucson"
    assert role(a, "content") == "that the polls “have been wrong before.”"


def test_adverb_and_adjunct_after_the_cue_are_no_content(engine):
    # Construction: “...,” X tweeted shortly after midnight. / X said happily on television.
    # An adverb with a prepositional phrase after the cue is an adjunct, never the content.
    record = extract(engine, "“I am not going anywhere,” Ruiz tweeted shortly after midnight.")
    a = find(record, "tweeted")
    assert role(a, "source") == "Ruiz" and role(a, "content") == "“I am not going anywhere,”"
    record = extract(engine, "The mayor testified voluntarily in 1998.")
    assert not any(role(a, "content") == "voluntarily in 1998" for a in record["attributions"])


def test_medium_quotes_a_speaker_in_the_active_voice(engine):
    # Construction: "The agency quoted X as saying that ..." and "“...,” the paper quoted him
    # as saying.": the one who quotes is the medium, the one quoted the source; "quoted" is
    # no part of X's title.
    record = extract(engine, "The state news agency Anadolu quoted Foreign Minister Emre Kaya as saying that “a solution is within reach.”")
    a = find(record, "quoted as saying")
    assert role(a, "source") == "Foreign Minister Emre Kaya" and role(a, "medium") == "The state news agency Anadolu"
    assert role(a, "content") == "that “a solution is within reach.”"
    assert [f["text"] for f in a["roles"]["cue"]] == ["quoted", "as saying"]
    b = find(extract(engine, "“The plan is dead,” the Harbor Examiner quoted him as saying."), "quoted as saying")
    assert role(b, "source") == "him" and role(b, "medium") == "the Harbor Examiner" and role(b, "content") == "“The plan is dead,”"


def test_content_first_leaves_out_a_dateline_and_an_according_to_phrase(engine):
    # Construction: "PLACE (Agency) - <content>, X said in a statement." The dateline is no part
    # of the content. And "According to X, the sides agreed ..." is no content of "agreed".
    record = extract(engine, "HARTFORD (AP) - The talks will resume on Friday, the ministry said in a statement.")
    a = find(record, "said in a statement")
    assert role(a, "content") == "The talks will resume on Friday" and role(a, "source") == "the ministry"
    record = extract(engine, "According to two diplomats at the meeting, the sides agreed on inspections, the ministry said.")
    assert not any(role(a, "content").startswith("According to") for a in record["attributions"])


def test_plural_group_in_a_place_speaks_together(engine):
    # Construction: "Officials in Kyiv have warned that ...", "protest organizers in Cleveland
    # said ...": the group with its place is the speaker, not the place.
    a = find(extract(engine, "Officials in Kyiv have warned repeatedly that any deal must protect the ports."), "have warned repeatedly")
    assert role(a, "source") == "Officials in Kyiv"
    b = find(extract(engine, "Protest organizers in Cleveland said the rules were too strict."), "said")
    assert role(b, "source") == "Protest organizers in Cleveland"


def test_addressee_last_after_a_quotation(engine):
    # Construction: “...,” Lind told the chamber. The noun phrase after "told" is whoever was
    # told, and the quotation before is the content (not "the chamber").
    a = find(extract(engine, "“This is the cheapest way to cut traffic,” Lind told the chamber."), "told")
    assert role(a, "addressee") == "the chamber" and role(a, "content") == "“This is the cheapest way to cut traffic,”"
    assert role(a, "source") == "Lind"


def test_content_ends_before_but_and_another_speaker_after_a_quoted_comma(engine):
    # Construction: X told reporters the mayor was “leaning toward support,” but a spokeswoman
    # said ... : the first content ends at the quotation; the second speaker has their own.
    text = ("Her chief of staff, Paul Mendes, later told reporters the mayor was “leaning toward support,” "
            "but a spokeswoman said Wednesday that no decision had been made.")
    record = extract(engine, text)
    assert role(find(record, "later told"), "content") == "the mayor was “leaning toward support,”"
    assert role(find(record, "said Wednesday"), "source") == "a spokeswoman"


def test_headline_without_a_period_keeps_its_content_to_itself(engine):
    # Construction: a headline "Hospital to cut 200 jobs, union says" with no final period:
    # the content is the headline's clause, never the next paragraph. After a colon, the
    # content may open the next sentence.
    text = ("Hospital to cut 200 jobs, union says\n\n"
            "Saint Agnes Medical Center will eliminate about 200 positions, the nurses' union said Thursday.")
    record = extract(engine, text)
    assert role(find(record, "says"), "content") == "Hospital to cut 200 jobs"
    assert role(find(record, "said Thursday"), "content") == "Saint Agnes Medical Center will eliminate about 200 positions"


def test_refusal_keeps_its_whole_clause(engine):
    # Construction: "X declined to say how many nurses would lose their jobs." The refused
    # content runs to the clause end, not to a fixed number of words.
    a = find(extract(engine, "A hospital spokesman, Ben Rourke, declined to say how many nurses would lose their jobs."), "declined")
    assert role(a, "content") == "to say how many nurses would lose their jobs"


def test_passive_asked_aside_between_speaker_and_cue(engine):
    # Construction: "Smith, asked whether she would run again, said ...": "asked ..." is a
    # passive aside; Smith said what follows, and did not ask anything. An active "asked"
    # after an appositive stays a cue.
    record = extract(engine, "Smith, asked whether she would run again, said she had not decided.")
    said = find(record, "said")
    assert role(said, "source") == "Smith" and role(said, "content") == "she had not decided"
    # The question stays an attribution of its own with no source, as "Asked whether ..., she
    # said" has it (attr.asked); Smith is not its source.
    asked = find(record, "asked")
    assert "source" not in asked["roles"] and role(asked, "content") == "whether she would run again"
    b = find(extract(engine, "Ruth Diaz, an editor at the Ledger, asked if the mayor would resign."), "asked")
    assert role(b, "source") == "Ruth Diaz, an editor at the Ledger"


def test_document_with_a_published_in_appositive(engine):
    # Construction: "The study, published in the journal Nature, suggests that ...": a past
    # participle of a verb of writing, with "in" or "by" after it, opens an appositive; the
    # journal is not the source.
    a = find(extract(engine, "The study, published in the journal Nature, suggests that the ice is melting faster."), "suggests")
    assert role(a, "source") == "The study, published in the journal Nature"


def test_dash_aside_between_cue_and_that(engine):
    # Construction: "Ruiz argued — without evidence — that ...": the aside between dashes is
    # no part of the content.
    a = find(extract(engine, "Ruiz argued — without evidence — that the election was rigged."), "argued")
    assert role(a, "content") == "that the election was rigged"


def test_quotation_then_cue_and_a_when_clause(engine):
    # Construction: “...,” Ruiz replied when asked about the audit. The quotation is the
    # content; the when-clause is not.
    a = find(extract(engine, "“I'm not going to answer that,” Ruiz replied when asked about the audit."), "replied")
    assert role(a, "content") == "“I'm not going to answer that,”" and role(a, "source") == "Ruiz"


def test_object_pronoun_after_told_is_the_addressee(engine):
    # Construction: "Ruiz told me that ...", "She told them, “...”": an object pronoun after a
    # verb of telling is whoever was told; "her" only when no noun follows it.
    a = find(extract(engine, "Ruiz told me that she was tired."), "told")
    assert role(a, "addressee") == "me" and role(a, "content") == "that she was tired"
    b = find(extract(engine, "Ruiz told her husband that she was tired."), "told")
    assert role(b, "addressee") != "her"


def test_group_speaker_keeps_its_article(engine):
    # Construction: "The two leaders agreed to ...": the article belongs to the group speaker.
    record = extract(engine, "The two leaders agreed to meet again, a Kremlin aide said.")
    assert role(find(record, "agreed"), "source") == "The two leaders"


def test_adjunct_naming_a_show_before_that(engine):
    # Construction: X said on CNN's “State of the Union” that ...: a possessive and a quoted
    # title inside the adjunct between the cue and "that".
    a = find(extract(engine, "Her campaign manager, Robby Mook, said on CNN's “State of the Union” that the race was close."), "said")
    assert role(a, "content") == "that the race was close"


def test_aboard_opens_an_adjunct_not_a_content(engine):
    # Construction: “...,” X told reporters aboard Air Force One.
    a = find(extract(engine, "“We will not comment on that,” press secretary Josh Earnest told reporters aboard Air Force One."), "told")
    assert role(a, "content") == "“We will not comment on that,”" and role(a, "addressee") == "reporters"


def test_did_not_return_calls_is_a_refusal(engine):
    # Construction: "X did not return calls seeking comment."
    a = find(extract(engine, "The senator's spokesman did not return calls seeking comment."), "did not return")
    assert role(a, "source") == "The senator's spokesman" and role(a, "content") == "calls seeking comment"


def test_a_thing_called_a_name_is_naming_not_an_attribution(engine):
    # Construction: "a company called Harmony Enterprises", "a website called Real News Now":
    # "called" names the thing; nobody said anything. A person with an article still calls
    # something a name ("A spokesman called the report “false.”").
    record = extract(engine, "She founded a company called Harmony Enterprises in 2010. The group hired a firm called Gavekal.")
    assert record["attributions"] == []
    a = find(extract(engine, "A spokesman called the report “false.”"), "called")
    assert role(a, "source") == "A spokesman" and role(a, "content") == "the report “false.”"


def test_according_to_between_commas_inside_the_content(engine):
    # Construction: "The suspect, according to police, fled on foot." The content is both sides
    # of the according-to phrase, in two fragments.
    a = find(extract(engine, "The suspect, according to police, fled on foot."), "according to")
    assert role(a, "source") == "police"
    assert [f["text"] for f in a["roles"]["content"]] == ["The suspect", "fled on foot"]


def test_according_to_inside_a_relative_clause_takes_no_half_clause(engine):
    # Construction: "The deal, which according to analysts could be worth $2 billion, ...":
    # no attribution with "The deal, which" as its content and a source running into the verb.
    record = extract(engine, "The deal, which according to analysts could be worth $2 billion, was announced Monday.")
    assert not any(role(a, "content").endswith("which") for a in record["attributions"])


def test_less_common_verbs_of_speech(engine):
    # Lexicon reporting_verbs: interjected, countered, clarified, scoffed, confessed, mused.
    record = extract(engine, "“It's just not true,” Ortiz interjected. The mayor countered that the audit was complete. "
                             "A campaign aide later clarified that she had misspoken.")
    assert role(find(record, "interjected"), "source") == "Ortiz"
    assert role(find(record, "countered"), "content") == "that the audit was complete"
    assert role(find(record, "later clarified"), "source") == "A campaign aide"


def test_speaker_who_works_for_another_actor(engine):
    # Construction: "A spokesman for X", "attorneys for the family": the whole phrase speaks.
    text = ("A spokesman for Mr. Ruiz declined to comment. "
            "Attorneys for the family said the video should be released.")
    first, second = extract(engine, text)["attributions"]
    assert role(first, "source") == "A spokesman for Mr. Ruiz"
    assert role(second, "source") == "Attorneys for the family"


def test_possessive_before_the_speaker_is_part_of_the_source(engine):
    # Construction: "Her campaign said": the source is "Her campaign", its actor the campaign.
    record = extract(engine, "Mayor Ana Ruiz spoke on Monday. Her campaign said the ad was false.")
    a = find(record, "said")
    assert role(a, "source") == "Her campaign"
    names = {actor["id"]: actor["name"] for actor in record["actors"]}
    assert names[a["source_actor"]] == "campaign"


def test_speaker_who_belongs_to_another_actor(engine):
    # "X of Y" where Y is an actor with a title or an article, not a bare name.
    text = ("Leaders of the organization have said the hall is open to all. "
            "The mother of one of the flood victims says she will testify. "
            "Supporters of Democrat Lena Ortiz say the count was fair.")
    record = extract(engine, text)
    assert role(find(record, "have said"), "source") == "Leaders of the organization"
    assert role(find(record, "says"), "source") == "The mother of one of the flood victims"
    assert role(find(record, "say"), "source") == "Supporters of Democrat Lena Ortiz"


def test_a_subordinate_clause_does_not_continue_the_content(engine):
    a = find(extract(engine, "“They will be held to account,” Francis said in a speech to workers, as he called for reform."), "said")
    assert role(a, "content") == "“They will be held to account,”"


def test_a_share_after_and_starts_a_new_attribution(engine):
    record = extract(engine, "Six in 10 voters said she is honest, and three-quarters said the same of him.")
    assert role(record["attributions"][0], "content") == "she is honest"


def test_possessive_title_before_the_speaker(engine):
    a = find(extract(engine, "The port will reopen, the prime minister's spokesman said."), "said")
    assert role(a, "source") == "the prime minister's spokesman"


def test_phrasal_particle_is_no_content(engine):
    # "does not add up": "up" is part of the verb, not what was added.
    record = extract(engine, "The campaign says the math does not add up.")
    assert [" ".join(f["text"] for f in a["roles"]["cue"]) for a in record["attributions"]] == ["says"]


def test_as_someone_noted_after_a_conjunction(engine):
    a = find(extract(engine, "But as a Politico reporter noted, he did not fill the stadium."), "noted")
    assert role(a, "source") == "a Politico reporter" and role(a, "content") == "he did not fill the stadium"


def test_name_with_a_particle_after_an_honorific(engine):
    a = find(extract(engine, "For decades, Mr. de Vos noted, the country has sent observers."), "noted")
    assert role(a, "source") == "Mr. de Vos"


def test_group_around_a_place_name(engine):
    a = find(extract(engine, "“It is hers to lose,” added another New Hampshire Democrat."), "added")
    assert role(a, "source") == "another New Hampshire Democrat"


def test_addressee_with_its_place_and_a_time(engine):
    text = "Christine Whitman told The Star-Ledger of Newark last week she would rather vote for the senator."
    a = find(extract(engine, text), "told")
    assert role(a, "addressee") == "The Star-Ledger of Newark" and role(a, "content") == "she would rather vote for the senator"


def test_according_to_inside_a_quotation_does_not_take_the_lead_in(engine):
    record = extract(engine, "Reporter Jo Kane says: “Well, according to the witness, he ran.”")
    assert not any(role(a, "content").startswith("Reporter") for a in record["attributions"])


def test_speaker_after_the_cue_that_no_actor_rule_finds(engine):
    # attr.content-cue-any-source: the speaker runs to the sentence end or to "when".
    a = find(extract(engine, "“It is too early,” said Riverton constituent Dana Pell when asked about the vote."), "said")
    assert role(a, "source") == "Riverton constituent Dana Pell" and role(a, "content") == "“It is too early,”"
    b = find(extract(engine, "“We have work to do,” said a longtime adviser to both campaigns, who requested anonymity."), "said")
    assert role(b, "source") == "a longtime adviser to both campaigns, who requested anonymity"
    # A time or a place after the cue is no speaker.
    assert all(a["trace"]["rule"] != "attr.content-cue-any-source"
               for a in extract(engine, "“It is over,” said on Monday.")["attributions"])
    # Without a quotation before the cue, the words after "said" are no speaker.
    record = extract(engine, "Dana Pell, a nurse who treated patients at the clinic for years, "
                             "said the new wing has been a success.")
    assert all(a["trace"]["rule"] != "attr.content-cue-any-source" for a in record["attributions"])
    assert not any(role(a, "source").startswith("the new wing") for a in record["attributions"])


def test_inside_a_quotation_pronouns_and_verbs_of_thinking_make_no_attribution(engine):
    # “He told us ...” inside a quotation: the quotation is the attribution (PolNeAR marks
    # none of these); a named speaker inside one still makes a nested attribution.
    record = extract(engine, "“He told us the plant was safe, and they said it again. I think it is a lie,” Okafor said.")
    assert [(role(a, "source"), " ".join(f["text"] for f in a["roles"]["cue"])) for a in record["attributions"]] == [("Okafor", "said")]
    nested = extract(engine, "“Mayor Ruiz told us that the plant was safe,” Okafor said.")
    assert {role(a, "source") for a in nested["attributions"]} == {"Okafor", "Mayor Ruiz"}
    # A common-noun speaker inside a quotation is part of what is quoted, not a nested attribution.
    common = extract(engine, "“It is odd that a lot of people claim they are undecided,” Okafor said.")
    assert [role(a, "source") for a in common["attributions"]] == ["Okafor"]


def test_contractions_are_no_names(engine):
    record = extract(engine, "“I’m telling you, the plan is dead,” Okafor said.")
    assert "I’m" not in {a["name"] for a in record["actors"]}
    assert [role(a, "source") for a in record["attributions"]] == ["Okafor"]


def test_appearing_somewhere_and_continuing_an_action_are_no_attributions(engine):
    # attr.raising-verb takes "appeared to", not "appeared at"; "continued" needs a that-clause or a quotation.
    assert extract(engine, "On Sunday, the senator appeared at a rally in Dayton.")["attributions"] == []
    assert extract(engine, "The mayor continued his push for a new bridge.")["attributions"] == []
    a = find(extract(engine, "The senator appeared to enjoy the fight."), "appeared")
    assert role(a, "content") == "The senator … to enjoy the fight"


def test_what_someone_will_or_would_say_is_no_attribution(engine):
    assert extract(engine, "The governor will say that the budget is balanced.")["attributions"] == []
    assert extract(engine, "Critics would argue that the plan is too costly.")["attributions"] == []
    a = find(extract(engine, "The governor has repeatedly said that the budget is balanced."), "has repeatedly said")
    assert role(a, "source") == "The governor"


def test_asked_about_is_the_cue(engine):
    a = find(extract(engine, "Asked about the plan, the mayor smiled."), "Asked about")
    assert role(a, "content") == "the plan"


def test_stance_verb_before_a_named_actor_or_an_ing_clause(engine):
    # support, back, attack ... need a that-clause, except before a named actor or an -ing clause.
    a = find(extract(engine, "Sanders supports raising the minimum wage to $15."), "supports")
    assert role(a, "content") == "raising the minimum wage to $15"
    b = find(extract(engine, "The voter supported Gov. John Kasich of Ohio."), "supported")
    assert role(b, "content") == "Gov. John Kasich of Ohio"
    assert extract(engine, "The senator supported the bill last week.")["attributions"] == []


def test_asides_with_a_quotation_or_between_dashes_before_the_cue(engine):
    text = ("Humphrey, who calls the plan a “disaster,” said he doubts the effort. "
            "Mr. Manafort, citing “the unique magic of the race,” said the state was open. "
            "Governor Ruiz - who previously said she would veto it - said at a rally that the bill was good.")
    record = extract(engine, text)
    said = [a for a in record["attributions"] if " ".join(f["text"] for f in a["roles"]["cue"]) == "said"]
    assert [(role(a, "source"), role(a, "content")) for a in said] == [
        ("Humphrey, who calls the plan a “disaster,”", "he doubts the effort"),
        ("Mr. Manafort", "the state was open"),
        ("Governor Ruiz - who previously said she would veto it", "that the bill was good"),
    ]
    # The aside's own attribution stops where the main clause's verb begins.
    calls = find(record, "calls")
    assert role(calls, "content") == "the plan a “disaster,”"


def test_content_first_with_a_second_predicate_after_the_cue(engine):
    a = find(extract(engine, "“I am supporting Tom Selleck,” she said and quickly hung up."), "said")
    assert role(a, "content") == "“I am supporting Tom Selleck,”"


def test_content_first_then_a_speaker_that_no_actor_rule_finds(engine):
    a = find(extract(engine, "“It is over,” the ad’s narrator says."), "says")
    assert role(a, "source") == "the ad’s narrator" and a["trace"]["rule"] == "attr.content-any-source-cue"
    # An infinitive is no cue, and a verb phrase is no speaker.
    record = extract(engine, "Asked whether the plan was legal, the attorney general declined to answer.")
    assert all(a["trace"]["rule"] != "attr.content-any-source-cue" for a in record["attributions"])


def test_according_to_content_stays_in_its_sentence(engine):
    # The quotation before is a sentence of its own; it is not part of the content.
    text = '“Ships are getting bigger.”\n\nMarsh said the work would begin in spring, according to the authority’s statement.'
    a = find(extract(engine, text), "according to statement")
    assert role(a, "content") == "Marsh said the work would begin in spring"


def test_think_tank_is_no_verb_of_thinking(engine):
    record = extract(engine, "Economists at the center-left think tank Third Way warned about the plan.")
    assert [" ".join(f["text"] for f in a["roles"]["cue"]) for a in record["attributions"]] == ["warned about"]


def test_a_possessive_before_a_noun_is_no_speaker(engine):
    # "his call for unity", "her support", "his proposed ban": after a possessive the
    # word is a noun or an adjective, not a verb of saying.
    for text in ["The mayor repeated his call for unity after the storm.",
                 "The council welcomed her support for the new library.",
                 "Critics questioned his proposed ban on street parking."]:
        record = extract(engine, text)
        assert not any(role(a, "source").lower() in ("his", "her") for a in record["attributions"]), text
    # The verb after a possessive noun phrase is still a cue.
    a = find(extract(engine, "His lawyer said the fine would be paid."), "said")
    assert role(a, "source") == "His lawyer"


def test_relative_clause_with_a_verb_of_saying_inside_the_appositive(engine):
    # ", a nurse who advised the board ...,": the speaker is the whole phrase, not "the board".
    a = find(extract(engine, "Dana Pell, a nurse who advised the board on the new wing, "
                             "said the wing has been a success."), "said")
    assert role(a, "source") == "Dana Pell, a nurse who advised the board on the new wing"
    assert role(a, "content") == "the wing has been a success"


def test_appositive_with_whose_and_inner_commas(engine):
    # "find" inside the aside is a verb of the lexicon: only a relative clause may hold one.
    a = find(extract(engine, "Mr. Oren, whose latest company, Fieldnote, helps farmers find buyers, "
                             "said the harvest would be late."), "said")
    assert role(a, "source") == "Mr. Oren, whose latest company, Fieldnote, helps farmers find buyers"


def test_appositive_holding_a_quoted_title(engine):
    a = find(extract(engine, "Lee, the author of “Quiet Rivers,” a history of the valley, "
                             "said the dam changed everything."), "said")
    assert role(a, "source") == "Lee, the author of “Quiet Rivers,” a history of the valley"
    assert role(a, "content") == "the dam changed everything"


def test_aside_between_dashes_before_the_cue(engine):
    a = find(extract(engine, "The mayor — in her first remarks since the flood — said the town would rebuild."), "said")
    assert role(a, "source") == "The mayor — in her first remarks since the flood"
    assert role(a, "content") == "the town would rebuild"


def test_participle_after_a_clause_that_opens_with_a_prepositional_phrase(engine):
    a = find(extract(engine, "In a speech at the port on Tuesday night, Mayor Ruiz struck a calm tone, "
                             "saying the city would recover."), "saying")
    assert role(a, "source") == "Mayor Ruiz" and role(a, "content") == "the city would recover"


def test_participle_with_an_addressee_before_a_question_or_an_infinitive(engine):
    a = find(extract(engine, "The chairman moved around the table, asking the directors whether "
                             "the deal should go ahead."), "asking")
    assert role(a, "addressee") == "the directors"
    assert role(a, "content") == "whether the deal should go ahead"


def test_a_singular_noun_phrase_before_a_bare_verb_form_is_no_speaker(engine):
    # "the key question is", "an impassioned call for": the lexicon word is a noun here.
    for text in ["For the mayor, the key question is whether the bridge will open.",
                 "The pastor made an impassioned call for calm on Sunday.",
                 "The clerk read out a long list of complaints."]:
        assert not extract(engine, text)["attributions"], text
    # A verb that agrees with the phrase, or a plural phrase, still speaks.
    a = find(extract(engine, "The coach questions whether the team is ready."), "questions")
    assert role(a, "source") == "The coach"
    b = find(extract(engine, "The veterans say the clinic is too far away."), "say")
    assert role(b, "source") == "The veterans"


def test_as_a_newspaper_noted_with_a_country_adjective_in_its_name(engine):
    a = find(extract(engine, "As the International Business Times noted, the port lost money for a decade."), "noted")
    assert role(a, "source") == "the International Business Times"


def test_second_verb_phrase_after_a_short_lead_in_and_then(engine):
    a = find(extract(engine, "A few minutes later the clerks reopened the doors and said voting would resume."), "said")
    assert role(a, "source") == "the clerks" and role(a, "content") == "voting would resume"
    b = find(extract(engine, "The judge rubbed his chin, and then said the case was closed."), "said")
    assert role(b, "source") == "The judge"
    # A subordinate clause is no lead-in: its subject is not the speaker of the main clause.
    record = extract(engine, "If the candidate gets tired and says the wrong thing, voters notice.")
    assert not any(role(x, "source") == "the candidate" for x in record["attributions"])


def test_verb_and_preposition_as_one_cue(engine):
    # "talked about", "pointed to", "warned of": the preposition belongs to the cue and a noun
    # phrase is the content.
    a = find(extract(engine, "The governor talked about her plan to widen the highway."), "talked about")
    assert role(a, "source") == "The governor" and role(a, "content") == "her plan to widen the highway"
    b = find(extract(engine, "Ruiz pointed to the drop in crime since May."), "pointed to")
    assert role(b, "content") == "the drop in crime since May"
    c = find(extract(engine, "The union warned of a long strike."), "warned of")
    assert role(c, "source") == "The union" and role(c, "content") == "a long strike"


def test_stance_adjective_with_a_preposition(engine):
    a = find(extract(engine, "The council has been critical of the harbor plan."), "has been critical of")
    assert role(a, "source") == "The council" and role(a, "content") == "the harbor plan"
    b = find(extract(engine, "Fishermen are worried about the new quotas."), "are worried about")
    assert role(b, "content") == "the new quotas"


def test_now_between_speaker_and_verb_belongs_to_the_cue(engine):
    a = find(extract(engine, "Councilor Diaz now says the vote was rushed."), "now says")
    assert role(a, "source") == "Councilor Diaz" and role(a, "content") == "the vote was rushed"


def test_shouting_chanting_and_posting_are_cues(engine):
    a = find(extract(engine, "Outside the hall, the crowd chanted “Open the port!”"), "chanted")
    assert role(a, "source") == "the crowd" and role(a, "content") == "“Open the port!”"
    c = find(extract(engine, "The governor touted the new ferry schedule."), "touted")
    assert role(c, "content") == "the new ferry schedule"
    b = find(extract(engine, "“We will not move,” the union posted on Monday."), "posted")
    assert role(b, "source") == "the union"


def test_phrasal_verbs_of_saying(engine):
    a = find(extract(engine, "The mayor shot back that the bridge would stay closed."), "shot back")
    assert role(a, "source") == "The mayor" and role(a, "content") == "that the bridge would stay closed"
    c = find(extract(engine, "Treasurer Ana Ruiz vouched for the new auditor."), "vouched for")
    assert role(c, "source") == "Treasurer Ana Ruiz" and role(c, "content") == "the new auditor"
    d = find(extract(engine, "The senator distanced herself from the proposal."), "distanced herself from")
    assert role(d, "content") == "the proposal"


def test_saw_and_intended_as_plain_verbs(engine):
    # "saw" takes a that-clause to be a belief (the board saw the plan fail: perception);
    # "was intended to" says what a thing is for, not what anyone thinks.
    assert extract(engine, "The board saw the harbor plan collapse.")["attributions"] == []
    assert extract(engine, "The levy was intended to cut emissions.")["attributions"] == []
    a = find(extract(engine, "The board saw that the harbor plan would fail."), "saw")
    assert role(a, "content") == "that the harbor plan would fail"


def test_asked_with_a_time_or_place_before_the_question(engine):
    # "Asked on Monday whether ...": no speaker is given; the capitalised participle is no name.
    record = extract(engine, "Asked on Monday whether the mayor would run again, Ms. Ortiz shook her head and said, “No.”")
    a = find(record, "Asked")
    assert role(a, "content") == "whether the mayor would run again" and "source" not in a["roles"]
    assert role(find(record, "said"), "source") == "Ms. Ortiz"
    b = find(extract(engine, "Asked in Iowa recently if he would back the levy, the senator said he would."), "Asked")
    assert role(b, "content") == "if he would back the levy"


def test_a_broadcaster_reports_that(engine):
    # "reports" after a name is a verb, and a known broadcaster with "News" is one name.
    a = find(extract(engine, "CBS News reports that the ferry was sold to a Maine company."), "reports")
    assert role(a, "source") == "CBS News" and role(a, "content") == "that the ferry was sold to a Maine company"
    b = find(extract(engine, "The union plans to strike on Friday, the Harbor Courier reports."), "reports")
    assert role(b, "source") == "the Harbor Courier"
    # The noun keeps its place: "the reports" is no verb.
    assert extract(engine, "The reports were filed on Friday.")["attributions"] == []


def test_capitalised_words_inside_a_noun_phrase_speaker(engine):
    a = find(extract(engine, "The Republican incumbent said that her position is genuine."), "said")
    assert role(a, "source") == "The Republican incumbent"
    # An adverb before the verb is not the end of the speaker.
    b = find(extract(engine, "The United States openly called for a ceasefire."), "openly called for")
    assert role(b, "source") == "The United States"


def test_content_opening_with_a_condition_between_commas(engine):
    a = find(extract(engine, "She said, if elected, she would ask him to stay on."), "said")
    assert role(a, "source") == "She" and role(a, "content") == "if elected, she would ask him to stay on"


def test_share_of_a_group_with_a_place_and_those_over_an_age(engine):
    a = find(extract(engine, "At least half of voters in each town say the levy is too high."), "say")
    assert role(a, "source") == "At least half of voters in each town" and role(a, "content") == "the levy is too high"
    b = find(extract(engine, "Those over 60 say they feel that way."), "say")
    assert role(b, "source") == "Those over 60"


def test_plural_noun_phrase_without_article_before_a_verb_of_speech(engine):
    a = find(extract(engine, "But hacking specialists say the leaked files may be forged."), "say")
    assert role(a, "source") == "hacking specialists" and role(a, "content") == "the leaked files may be forged"
    # Agreement and -ing keep a noun from being taken for a speaker: "carrying signs saying".
    record = extract(engine, "Workers marched to the hall carrying signs saying “Fair pay now.”")
    assert not any(role(x, "source") == "carrying signs" for x in record["attributions"])


def test_country_adjective_as_a_surname(engine):
    a = find(extract(engine, "Cuban said he would consider the offer."), "said")
    assert role(a, "source") == "Cuban"
    b = find(extract(engine, "“It is too early to tell,” said Cuban, who hosts a show."), "said")
    assert role(b, "source").startswith("Cuban")
    # Before a noun it stays an adjective.
    c = find(extract(engine, "The Iraqi delegation said it would attend."), "said")
    assert role(c, "source") == "The Iraqi delegation"


def test_called_in_a_relative_clause_or_a_second_verb_phrase_with_a_quotation(engine):
    a = find(extract(engine, "Ruiz opposed the accreditation boards, which she called “a cartel for colleges.”"), "called")
    # The relative word stands for what was named: PolNeAR marks it as the first fragment.
    assert role(a, "source") == "she" and role(a, "content") == "which … “a cartel for colleges.”"
    b = find(extract(engine, "Carson took the stage and called the tax code “rotten to the core.”"), "called")
    assert role(b, "source") == "Carson" and role(b, "content") == "the tax code “rotten to the core.”"
    # Without a quotation "which he called for" is no naming.
    record = extract(engine, "The mayor backed the levy, which he called for in May.")
    assert not any(x["trace"]["rule"] == "attr.what-called" for x in record["attributions"])


def test_document_with_what_it_is_after_it(engine):
    a = find(extract(engine, "A survey by the port authority in March found the ferry was late."), "found")
    assert role(a, "source") == "A survey by the port authority in March" and role(a, "content") == "the ferry was late"
    b = find(extract(engine, "A poll released Sunday by the Harbor Courier shows the mayor with a lead."), "shows")
    assert role(b, "source") == "A poll released Sunday by the Harbor Courier"
    c = find(extract(engine, "Early results of a poll of harbor workers are showing that most back the strike."), "are showing")
    assert role(c, "source").endswith("harbor workers")


def test_are_before_the_verb_belongs_to_the_cue(engine):
    # "are" is an auxiliary like "is" and "were": in the cue, not in the speaker.
    a = find(extract(engine, "Harbor officials are expecting a record season."), "are expecting")
    assert role(a, "source") == "Harbor officials"
    b = find(extract(engine, "Party leaders are now openly questioning whether the plan can work."), "are now openly questioning")
    assert role(b, "source") == "Party leaders" and role(b, "content") == "whether the plan can work"


def test_according_to_a_long_source(engine):
    # A source of up to 21 tokens: the full description of a poll.
    text = ("According to early results of the exit poll conducted by Coastal Research for the Harbor Courier "
            "and two local radio stations, most voters backed the levy.")
    a = find(extract(engine, text), "According to")
    assert role(a, "source") == "early results of the exit poll conducted by Coastal Research for the Harbor Courier and two local radio stations"
    assert role(a, "content") == "most voters backed the levy"


def test_restrictive_relative_clause_in_the_speaker(engine):
    # Construction: "Voters who watched the debate said ...", "The officials whose rules were
    # struck down say ...": the relative clause (no commas) belongs to the speaker, and its
    # own verb is not the cue.
    a = find(extract(engine, "Voters in Dover who watched the debate said they were unconvinced by the plan."), "said")
    assert role(a, "source") == "Voters in Dover who watched the debate" and role(a, "content") == "they were unconvinced by the plan"
    b = find(extract(engine, "The judges who ruled against the state said the problem was the timing of the law."), "said")
    assert role(b, "source") == "The judges who ruled against the state"
    c = find(extract(engine, "The officials whose rules were struck down say the courts have changed."), "say")
    assert role(c, "source") == "The officials whose rules were struck down"
    # A verb of saying inside the clause, after its first word, is passed over when it is not
    # followed by a content: "who has accused the mayor of fraud said that ...".
    d = find(extract(engine, "A woman who has accused the mayor of fraud said on Sunday that he lied."), "said")
    assert role(d, "source") == "A woman who has accused the mayor of fraud"
    # A verb of speech after an auxiliary or "to" is inside the relative clause, not the cue.
    record = extract(engine, "A mayor who has refused to endorse the levy spoke at the rally.")
    assert not any(role(x, "cue") == "endorse" and "who" in role(x, "source") for x in record["attributions"])


def test_day_after_on_then_content_without_that(engine):
    # Construction: "X said on Friday he met ...": after "on" and a day the content opens with
    # its subject, and the day stays out of the cue (as with "said on Friday that").
    a = find(extract(engine, "Party donor Karl Weber said on Friday he met the candidate last week."), "said")
    assert role(a, "source") == "Party donor Karl Weber" and role(a, "content") == "he met the candidate last week"


def test_a_written_text_reads(engine):
    # Construction: “...,” the email read. / “...,” reads a sign at the gate. A text "reads"
    # what it says; as a verb that takes a noun too (she read the report), "read" needs a
    # quotation or "that" after it.
    a = find(extract(engine, "“We will not back down,” the email read."), "read")
    assert role(a, "source") == "the email" and role(a, "content") == "“We will not back down,”"
    b = find(extract(engine, "“Keep the harbor open,” reads a sign at the gate."), "reads")
    assert role(b, "source") == "a sign at the gate"
    record = extract(engine, "The judge read the report before the hearing.")
    assert "read" not in role_texts(record, "cue")


def test_finding_then_the_poll_it_comes_from(engine):
    # Construction: "He fell to 10 percent in the latest Courier poll released Wednesday." The
    # poll is the source, "in" the cue, the clause before it the content. And a poll named
    # first keeps a capitalised day after it: "In a Courier poll released Monday, ...".
    a = find(extract(engine, "But Ruiz fell to 10 percent in the latest Harbor Courier poll released Wednesday."), "in")
    assert role(a, "source") == "the latest Harbor Courier poll released Wednesday" and role(a, "content") == "Ruiz fell to 10 percent"
    b = find(extract(engine, "In a national Harbor Courier poll released Monday, 31 percent said they were enthusiastic."), "In")
    assert role(b, "source") == "a national Harbor Courier poll released Monday"
    # A clause with its own verb of saying or a "because" is no finding of the poll.
    record = extract(engine, "Ruiz says he is under attack because of his rise in the polls.")
    assert "in" not in role_texts(record, "cue")
    # Polls in general are no source ("he rose in the polls"); recent polls are.
    assert "in" not in role_texts(extract(engine, "Her name began to spread and she rose in the polls."), "cue")
    c = find(extract(engine, "Ruiz leads Ortiz by 9 points in the Courier average of recent polls."), "in")
    assert role(c, "source") == "the Courier average of recent polls"


def test_colon_after_a_label_or_before_a_figure_is_no_headline_quote(engine):
    # Construction: "Sanders: It is not a radical idea." gives a speaker, but a label before a
    # colon ("Contributing: Ana Ruiz", "Twitter: @aruiz") or a figure after it
    # ("Ruiz: 1,769" in a delegate count) does not.
    text = "Ruiz: We will finish the bridge.\n\nOrtiz: 1,769\n\nContributing: Ana Ruiz\n\nTwitter: @aruiz\n"
    record = extract(engine, text)
    assert [role(a, "source") for a in record["attributions"]] == ["Ruiz"]


def test_second_cue_is_a_finite_verb(engine):
    # Construction: "The union said ... and warned that ..." shares the speaker with the second
    # verb; a bare infinitive after "and" belongs to an earlier "to" ("... urged him to resign
    # and tell voters the truth"), so it is no second cue of the speaker.
    a = find(extract(engine, "The union said the plan would ruin the fishery, and warned that it would sue."), "warned")
    assert role(a, "source") == "The union" and role(a, "content") == "that it would sue"
    record = extract(engine, "The mayor said she urged Ortiz to resign and tell voters the truth about the audit.")
    assert not any(role(x, "cue") == "tell" and role(x, "source") == "The mayor" for x in record["attributions"])
    b = find(extract(engine, "The agency said the dam was safe but did not say when it was inspected."), "did not say")
    assert role(b, "source") == "The agency"


def test_coordinated_verb_cue_is_a_finite_verb(engine):
    # Construction: "Putin congratulated Assad and stressed that ..." gives the second verb the
    # subject of the first; a bare verb after "and" belongs to an earlier modal or "to"
    # ("the council will meet and consider ..."), so it is no cue of that subject.
    a = find(extract(engine, "Ruiz congratulated the crew and stressed that the bridge was safe."), "stressed")
    assert role(a, "source") == "Ruiz" and role(a, "content") == "that the bridge was safe"
    record = extract(engine, "The council will meet in May and consider taking further action on the levy.")
    assert "consider" not in role_texts(record, "cue")


def test_participle_after_a_preposition(engine):
    # Construction: "Ruiz landed in hot water by saying that ...", "the senator was booed after
    # telling reporters that ...", "“...,” Ortiz replied, before adding that ...": the subject
    # of the main clause says what the participle introduces.
    a = find(extract(engine, "Ruiz landed in hot water last week by saying that the judge could not be fair."), "saying")
    assert role(a, "source") == "Ruiz" and role(a, "content") == "that the judge could not be fair"
    b = find(extract(engine, "Senator Lena Ortiz was booed after telling reporters that they were being ridiculous."), "telling")
    assert role(b, "source") == "Senator Lena Ortiz" and role(b, "addressee") == "reporters"
    c = find(extract(engine, "The mayor followed that by saying, “I am not a natural politician.”"), "saying")
    assert role(c, "source") == "The mayor" and c["kind"] == "direct"


def test_long_subject_rule_takes_no_noun_for_a_verb(engine):
    # Construction: "Democrats trying to regain the Senate say ..." gives everything before the
    # verb as its speaker, but a reporting word after a possessive, an article, a number or a
    # preposition is a noun: "Ruiz's tweet came ...", "leads by 270 pledged delegates",
    # "Ortiz, after initially saying ..." (the participle's speaker is Ortiz, not "Ortiz, after").
    record = extract(engine, "Ortiz’s tweet came as the council was voting on the levy.")
    assert "tweet" not in role_texts(record, "cue")
    record = extract(engine, "Entering the final contests, Ruiz leads Ortiz by 271 pledged delegates.")
    assert "pledged" not in role_texts(record, "cue")
    record = extract(engine, "Ortiz, after initially saying he would not run ads in the state, changed course.")
    assert not any(role(x, "source").endswith("after") for x in record["attributions"])
    a = find(extract(engine, "Twenty-four percent said they were more likely to vote for her."), "said")
    assert role(a, "source") == "Twenty-four percent" and a["trace"]["rule"] == "attr.subject-before-speech-verb"


def test_british_quotations_in_single_curly_marks(engine):
    # Commonwealth style: ‘...,’ the minister said. ‘...’, with “...” nested inside.
    text = ("‘We will not be rushed into a decision,’ the health minister, Sarah Okafor, told reporters on Tuesday. "
            "‘The nurses’ pay matters, but so does the budget.’\n\n"
            "‘It is time to talk,’ said the union’s leader, Tom Price.\n\n"
            "Ms Okafor replied: ‘I have heard it called “an insult” and I understand the anger.’")
    record = extract(engine, text)
    told = find(record, "told")
    assert role(told, "source") == "the health minister, Sarah Okafor" and role(told, "addressee") == "reporters"
    assert [f["text"] for f in told["roles"]["content"]] == ["‘We will not be rushed into a decision,’", "‘The nurses’ pay matters, but so does the budget.’"]
    said = find(record, "said")
    assert role(said, "content") == "‘It is time to talk,’" and role(said, "source") == "the union’s leader, Tom Price"
    replied = find(record, "replied:")
    assert role(replied, "content") == "‘I have heard it called “an insult” and I understand the anger.’"


def test_floating_quotation_paragraph_after_one_speaker(engine):
    # A paragraph that is only a quotation, no cue, right after one speaker's attribution:
    # that speaker's words (news convention), flagged floating, with the leader's trace.
    text = ("Fire Chief Dana Cole said the station on Elm Street would stay open through the winter.\n\n"
            "“We will not leave that neighbourhood without cover. Not this year.\n\n"
            "“Not next year either.”\n\n"
            "The mayor said the budget was tight, and the union said it would fight any closure.\n\n"
            "“Every station matters.”")
    record = extract(engine, text)
    said = find(record, "said")
    floating = [a for a in record["attributions"] if a.get("floating")]
    assert len(floating) == 1  # not after the paragraph with two speakers
    (quotation,) = floating
    assert "cue" not in quotation["roles"] and quotation["kind"] == "direct"
    assert [f["text"] for f in quotation["roles"]["content"]] == [
        "“We will not leave that neighbourhood without cover. Not this year.", "“Not next year either.”"]
    assert role(quotation, "source") == "Fire Chief Dana Cole" and quotation["source_actor"] == said["source_actor"]
    assert quotation["follows"] == said["id"] and quotation["trace"]["rule"] == said["trace"]["rule"]
    assert quotation["trace"]["match"] == said["trace"]["match"] and quotation["trace"]["steps"] == ["attributions.floating-quotes"]
    # A subhead in quotation marks, or a transcript line naming its own speaker, is not one.
    for paragraph in ("‘A Station for Every Street’", "“COLE: We are ready for the winter.”"):
        record = extract(engine, f"Chief Dana Cole said the plan was sound.\n\n{paragraph}\n\nThe council meets on Monday.")
        assert not [a for a in record["attributions"] if a.get("floating")], paragraph


def test_participial_question_before_the_answer(engine):
    # "Asked whether ..., X replied: “...”": the question is put to the speaker, so it is
    # no content of theirs; the answer is. The question stays an attribution of its own.
    record = extract(engine, "Asked whether she would run again, Councillor Mia Ortiz replied: “Not this year.”")
    replied = find(record, "replied:")
    assert role(replied, "source") == "Councillor Mia Ortiz" and role(replied, "content") == "“Not this year.”"
    asked = find(record, "Asked")
    assert role(asked, "content") == "whether she would run again"
    for lead in ("When asked about the vote", "Pressed on the cost"):
        said = find(extract(engine, f"{lead}, the minister said the plan would pay for itself."), "said")
        assert role(said, "content") == "the plan would pay for itself", lead


def test_longer_noun_phrase_speaker_opening_with_a_quantifier(engine):
    # A speaker no actor rule finds, opening with a quantifier: the whole noun phrase up to
    # the verb of saying is the source.
    a = find(extract(engine, "Many women in local politics say the rules are unfair."), "say")
    assert role(a, "source") == "Many women in local politics" and role(a, "content") == "the rules are unfair"
    # An article does not open such a speaker ("The two said" needs an antecedent).
    assert not extract(engine, "The rain in the north says little about the summer.")["attributions"]


def test_addressee_that_no_actor_rule_finds_before_a_clause_or_quotation(engine):
    # "told a news conference they are ...": whoever is told is no actor, and the content
    # opens with a subject pronoun, a colon and a quotation, or a comma and a pronoun.
    cases = {
        "The senator told a news conference they are planting the seeds of a deal.":
            ("told", "a news conference", "they are planting the seeds of a deal"),
        "The governor tells the crowd: “I want you to listen.”": ("tells :", "the crowd", "“I want you to listen.”"),
        "The governor told a packed hall in Dover she will veto the bill.":
            ("told", "a packed hall in Dover", "she will veto the bill"),
    }
    for text, (cue, addressee, content) in cases.items():
        a = find(extract(engine, text), cue)
        assert role(a, "addressee") == addressee and role(a, "content") == content, text
    # A thing told is no addressee: "the story of how ..." stays in the content.
    a = find(extract(engine, "The mayor told the story of how they rebuilt the pier."), "told")
    assert "addressee" not in a["roles"]


def test_addressee_after_to_before_a_that_clause_or_quotation(engine):
    # "admitted to the newspaper that ...": whoever it was said to is the addressee, neither
    # cue nor content.
    cases = {
        "The contractor admitted to the newspaper that the bridge was late.":
            ("admitted", "the newspaper", "that the bridge was late"),
        "The union complained to Mayor Ana Ruiz that the talks had stalled.":
            ("complained", "Mayor Ana Ruiz", "that the talks had stalled"),
        "She says to the voters: “This one is for you.”": ("says :", "the voters", "“This one is for you.”"),
    }
    for text, (cue, addressee, content) in cases.items():
        a = find(extract(engine, text), cue)
        assert role(a, "addressee") == addressee and role(a, "content") == content, text


def test_participial_phrase_opening_the_sentence_is_no_speaker(engine):
    # "Speaking at a rally in Dover, Ruiz went after Cole, calling him ...": the participle
    # is no name, the sentence subject is the speaker of "calling", and ", Ruiz went after
    # Cole," is a clause, not an appositive of Dover.
    record = extract(engine, "Speaking at a rally in Dover, Ruiz went after Cole, calling him “a tired man.”")
    a = find(record, "calling")
    assert role(a, "source") == "Ruiz" and role(a, "content") == "him “a tired man.”"
    assert "Speaking" not in [actor["name"] for actor in record["actors"]]
    assert len(record["attributions"]) == 1


def test_participle_after_a_main_clause_that_follows_a_subordinate_clause(engine):
    # "When he returned, the judge began by saying ...": the speaker is the main clause's
    # subject, not the subordinate clause's.
    a = find(extract(engine, "When he returned, the judge began by saying that the sentence was fair."), "saying")
    assert role(a, "source") == "the judge" and role(a, "content") == "that the sentence was fair"
    a = find(extract(engine, "While the unions plot their next move, the owners are waiting, hoping to settle."), "hoping")
    assert role(a, "source") == "the owners"


def test_quotation_then_tag_then_words_that_are_no_content(engine):
    # "“...,” Ruiz said to laughs.": the quotation is the content; a manner, a place or what
    # the quotation was about after the cue is not, and no content is taken from there.
    text = ("The hearing ran late into the evening.\n\n"
            "“There it is,” Councillor Dana Cole said to laughs.\n\n"
            "“Oh, we are so sorry you are leaving,” Mayor Ana Ruiz said sarcastically.\n\n"
            "“Who do they think they are?” the mayor said of the landlords in February, when the talks failed.")
    record = extract(engine, text)
    contents = {" ".join(f["text"] for f in a["roles"]["cue"]) + " / " + role(a, "source"): role(a, "content")
                for a in record["attributions"]}
    assert contents == {"said / Councillor Dana Cole": "“There it is,”",
                        "said / Mayor Ana Ruiz": "“Oh, we are so sorry you are leaving,”",
                        "said / the mayor": "“Who do they think they are?”"}
    # With a second half of the quotation after the tag, both halves are the content.
    a = find(extract(engine, "“The port is open,” Ruiz said in Boston, recalling the strike. “Ships are waiting.”"), "said")
    assert [f["text"] for f in a["roles"]["content"]] == ["“The port is open,”", "“Ships are waiting.”"]


def test_after_a_quotation_told_is_followed_by_whoever_is_told_not_the_speaker(engine):
    # "“...,” another friend, Ana Ruiz, told the radio station.": the speaker is before
    # "told"; what follows it is told (here an organisation, the medium), never the source.
    a = find(extract(engine, "“She used to give lectures,” another friend, Ana Ruiz, told the radio station."), "told")
    assert role(a, "source") == "another friend, Ana Ruiz" and role(a, "content") == "“She used to give lectures,”"
    record = extract(engine, "“We will win,” told the crowd.")
    assert not [x for x in record["attributions"] if x["roles"].get("source")]


def test_speakers_joined_by_both_and_or_neither_nor(engine):
    a = find(extract(engine, "Both the mayor and the governor said the road would reopen."), "said")
    assert role(a, "source") == "Both the mayor and the governor"
    a = find(extract(engine, "Neither Ruiz nor Cole acknowledged the change."), "acknowledged")
    assert role(a, "source") == "Neither Ruiz nor Cole"


def test_a_quotation_paragraph_is_not_the_content_of_a_tag_in_the_next_paragraph(engine):
    # A speaker who introduces a quotation with a colon speaks the quotation after it, not
    # the one in the paragraph before (that one belongs to whoever introduced it).
    text = ("The storm hit the coast overnight.\n\n"
            "Reporter Ana Ruiz says:\n\n“The road is closed and the water is still rising.”\n\n"
            "The mayor said in a statement:\n\n“We are doing everything we can.”")
    record = extract(engine, text)
    contents = {role(a, "source"): role(a, "content") for a in record["attributions"]}
    assert contents == {"Reporter Ana Ruiz": "“The road is closed and the water is still rising.”",
                        "The mayor": "“We are doing everything we can.”"}
    # Nor is a quotation closing its paragraph the content of a speaker and cue opening the next.
    for tag in ("The agency said so in a letter.", "Ruiz added as much on the radio."):
        record = extract(engine, f"The vote came late.\n\n“Why should anyone be surprised?”\n\n{tag}")
        assert all("“" not in role(a, "content") for a in record["attributions"]), tag



def test_what_a_quotation_was_said_of_is_no_content(engine):
    # Construction: “...,” X said of Y. “...” — "of Y" names what the quotation is about; the
    # two quotations are the content, joined across the tag.
    text = "“It is a fine plan,” Ortiz said of the harbour deal. “But the town cannot pay for it.”"
    a = find(extract(engine, text), "said")
    assert role(a, "source") == "Ortiz"
    assert [f["text"] for f in a["roles"]["content"]] == ["“It is a fine plan,”", "“But the town cannot pay for it.”"]


@pytest.mark.parametrize("text, cue", [
    # whom or what it was said to, or when, after a cue, is no content of its own
    ("It was a point the mayor also acknowledged to the Herald.", "acknowledged"),
    ("The crew even discussed a strike, as the Herald reported a few days later.", "reported"),
])
def test_a_phrase_of_whom_or_when_is_no_content(engine, text, cue):
    record = extract(engine, text)
    assert not [a for a in record["attributions"] if cue in [f["text"] for f in a["roles"]["cue"]][0]]


def test_an_infinitive_after_a_cue_stays_the_content(engine):
    # Construction: "X vowed to ...": "to" with a verb opens the content; "to" with a name
    # or an article does not.
    a = find(extract(engine, "Speaking in Dover, the mayor vowed to impose a tax on trucks."), "vowed")
    assert role(a, "source") == "the mayor" and role(a, "content") == "to impose a tax on trucks"


@pytest.mark.parametrize("text, speaker, cue, content", [
    # an adverb that is no -ly word between the auxiliary and the verb
    ("She has since said that she attended because it would be fun.", "She", "has since said",
     "that she attended because it would be fun"),
    # a refusal to say is said: negated modals, contractions with either apostrophe
    ("The campaign would not say whether Ortiz had been interviewed.", "The campaign", "would not say",
     "whether Ortiz had been interviewed"),
    ("Ruiz didn’t say whether she would run.", "Ruiz", "didn’t say", "whether she would run"),
    ("Ruiz didn't say whether she would run.", "Ruiz", "didn't say", "whether she would run"),
    # where and when, between a participle and "that"
    ("The mayor hit back, saying at a campaign event last week that Cole was not qualified.", "The mayor",
     "saying", "that Cole was not qualified"),
])
def test_cue_with_a_negation_or_an_adverb(engine, text, speaker, cue, content):
    a = find(extract(engine, text), cue)
    assert role(a, "source") == speaker and role(a, "content") == content


def test_a_refusal_ends_before_a_second_verb_of_saying(engine):
    # Construction: "X refused to answer questions but said ...": what was refused ends at
    # "but said".
    a = find(extract(engine, "The spokesman refused to answer questions but said there was no meeting planned."), "refused")
    assert role(a, "content") == "to answer questions"


def test_floating_quotation_sentence_inside_the_paragraph(engine):
    # Construction: "X said ..., saying .... “...”" — a sentence that is only a quotation,
    # after the paragraph's attributions of one speaker, is that speaker's: floating, after
    # the last of them. Not after a paragraph with two speakers, not a quotation a rule took.
    text = ("Ruiz said she would back the plan, saying it was the best option. “I will support it, "
            "and support it gladly.” The vote is on Friday.\n\n"
            "Ruiz praised the plan. Cole called it a mistake. “It will never work.”\n\n"
            "“They like him,” Ortiz said. “They see that he is tough.”")
    record = extract(engine, text)
    saying = find(record, "saying")
    floating = [a for a in record["attributions"] if a.get("floating")]
    assert len(floating) == 1
    (quotation,) = floating
    assert quotation["follows"] == saying["id"] and role(quotation, "source") == "Ruiz"
    assert role(quotation, "content") == "“I will support it, and support it gladly.”"
    assert "cue" not in quotation["roles"]


@pytest.mark.parametrize("text, parts", [
    ("The retirement age may rise soon, he said, because people are living longer.",
     ["The retirement age may rise soon", "because people are living longer"]),
    ("A wall would not only stop the flow of migrants, she said, but also the flow of drugs.",
     ["A wall would not only stop the flow of migrants", "but also the flow of drugs"]),
])
def test_unquoted_content_goes_on_after_its_tag_with_a_conjunction(engine, text, parts):
    # Construction: "..., he said, because/but also/and ...": words that are not quoted go
    # on after a tag between commas; after a quotation's tag the narrative does.
    a = find(extract(engine, text), "said")
    assert [f["text"] for f in a["roles"]["content"]] == parts


def test_after_a_quotations_tag_a_conjunction_is_the_narrative(engine):
    a = find(extract(engine, "“We are done,” he said, and left the room."), "said")
    assert role(a, "content") == "“We are done,”"


def test_raising_verb_subject_with_an_aside(engine):
    # Construction: "X, which ..., is expected to ...": the subject with its aside between
    # commas is the content's first fragment; there is no speaker.
    record = extract(engine, "The party’s nominee, a regular at the dinner, is not expected to attend this year.")
    a = find(record, "is not expected")
    assert [f["text"] for f in a["roles"]["content"]] == ["The party’s nominee, a regular at the dinner", "to attend this year"]
    assert "source" not in a["roles"]


def test_raising_verb_after_a_sentence_connective(engine):
    # Construction: "But Ruiz seemed to ...": a connective before the subject of seeming
    # keeps the raising reading (no speaker; the subject opens the content), as at a
    # sentence start without one.
    a = find(extract(engine, "But Ruiz seemed to reap the benefits of the vote."), "seemed")
    assert [f["text"] for f in a["roles"]["content"]] == ["Ruiz", "to reap the benefits of the vote"]
    assert "source" not in a["roles"]


def test_the_object_of_a_verb_is_no_speaker_of_a_participle(engine):
    # Construction: "X rallied supporters, telling them ...": "supporters" is whom X rallied,
    # not who tells; after a verb of saying the actor is the speaker ("said Mr. Burr, adding").
    record = extract(engine, "Her aide rallied supporters telling them the fight was not over.")
    assert all(role(a, "source") != "supporters" for a in record["attributions"])
    a = find(extract(engine, "“We will win,” said Mr. Burr, adding that the count was close."), "adding")
    assert role(a, "source") == "Mr. Burr"


@pytest.mark.parametrize("text, obj", [
    ("The senator emailed supporters saying: “The fight goes on.”", "supporters"),
    ("Ortiz told Berg, alluding to the port deal.", "Berg"),
    ("Ruiz tells the Gazette, responding to the news that the port would close.", "the Gazette"),
])
def test_whoever_a_verb_of_saying_is_addressed_to_is_no_speaker_nor_content(engine, text, obj):
    # Construction: "X emailed supporters saying ...", "X told Berg, alluding to ...": the
    # object of a verb of saying or telling (not after a quotation: "said Mr. Burr, adding") is
    # whom X addressed; it neither says the participle's words nor is what X told.
    record = extract(engine, text)
    assert all(role(a, "source") != obj and role(a, "content") != obj for a in record["attributions"])


def test_the_object_of_a_verb_of_stance_is_not_who_calls_names(engine):
    # Construction: "X attacked Cole, calling him a failure": Cole is attacked; the name is
    # X's, never Cole's (attr.called-object).
    record = extract(engine, "Early in his campaign, Ruiz attacked Cole, calling him a failure.")
    assert all(role(a, "source") != "Cole" for a in record["attributions"])


@pytest.mark.parametrize("text, verb", [
    ("Ruiz caucused in Salem on Saturday and says she voted for Cole.", "caucused"),
    ("Ruiz opened with a call for the party to unite.", "opened"),
    ("The administration withdrew notices seeking the arrest of 14 fugitives.", "withdrew"),
    ("The news organization raised questions about whether Berg had lied.", "raised"),
    ("Once the video was out, the town immediately began calling for Cole to resign, a step which he"
     " has, so far, refused to take.", "began"),
])
def test_a_source_holds_no_verb_of_its_own_clause(engine, text, verb):
    # Construction: a speaker followed by a verb that is not the cue ("Ruiz caucused ... and
    # says", "The administration withdrew notices seeking"): neither a past participle's phrase
    # (definition reduced_relative), an actor's noun phrase (actors' phrase_word) nor an
    # appositive (definition appositive) runs on through that verb.
    record = extract(engine, text)
    assert all(verb not in (role(a, "source") or "") for a in record["attributions"])


def test_a_dateline_is_no_part_of_a_content_before_according_to(engine):
    # Construction: "WASHINGTON — ..., according to two aides": the dateline opens the story,
    # not what the aides say (attr.according-to-after).
    a = find(extract(engine, "DOVER (Reuters) - The port will close in May, according to two officials."),
             "according to")
    assert role(a, "content") == "The port will close in May"


def test_a_programme_told_is_the_addressee_not_the_content(engine):
    # Construction: "told CNN's “State of the Union” that ...": the programme is whom it was
    # told to (definition addressee_before_that); the content is the that-clause.
    a = find(extract(engine, 'Lopez told CNN\'s "State of the Union" that she would not vote for the bill.'),
             "told")
    assert role(a, "content") == "that she would not vote for the bill"
    assert role(a, "addressee") == 'CNN\'s "State of the Union"'


def test_both_sides_urged_is_the_addressee(engine):
    # Construction: "He urged both sides to return ...": "both sides" is whom he urged, not
    # "both" as the addressee and "sides to return" as what he urged.
    a = find(extract(engine, "The commissioner urged both sides to return to the table."), "urged")
    assert role(a, "addressee") == "both sides" and role(a, "content") == "to return to the table"


def test_whom_a_speaker_told_with_a_relative_clause_before_that(engine):
    # Construction: "An aide told the Herald, who requested anonymity, that ...": the aide
    # told; the Herald and its clause are whom (definition addressee_phrase).
    a = find(extract(engine, "An aide told the Riverton Herald, who asked not to be named, that the rally was off."),
             "told")
    assert role(a, "source") == "An aide" and role(a, "content") == "that the rally was off"


def test_participle_of_a_phrasal_cue_after_a_clause(engine):
    # Construction: "X told Berg, alluding to ...": a participle of a cue of several words
    # ("alluding to", "pointing to") takes the subject of the clause it follows.
    a = find(extract(engine, "Ortiz told Berg, alluding to the port deal."), "alluding to")
    assert role(a, "source") == "Ortiz" and role(a, "content") == "the port deal"


@pytest.mark.parametrize("text, speaker", [
    ("The mayor intends to open the port this month, Mr. Berg said, adding that he would hold events.",
     "Mr. Berg"),
    ("Ruiz and Cole will meet next week, Berg said, adding, \"They need to talk.\"", "Berg"),
    ("Cole left as soon as the vote was over, the clerk recalled, adding that he was calm.", "the clerk"),
])
def test_participle_after_an_inverted_tag_is_the_tags_speaker(engine, text, speaker):
    # Construction: "CONTENT, Berg said, adding ...": the participle goes with the tag right
    # before it, not with the subject of the content that opens the sentence.
    assert role(find(extract(engine, text), "adding"), "source") == speaker


@pytest.mark.parametrize("text, cue, speaker", [
    ("Ruiz and Berg have both pushed for flood funding.", "have both pushed for", "Ruiz and Berg"),
    ("The senators have all said the bill is dead.", "have all said", "The senators"),
    ("Ruiz and Berg both said the port was safe.", "both said", "Ruiz and Berg"),
])
def test_floating_quantifier_belongs_to_the_cue(engine, text, cue, speaker):
    # Construction: "X and Y have both pushed for ...": "both", "all", "each" after the
    # speakers or an auxiliary is part of the cue, as PolNeAR marks it, never the speaker.
    assert role(find(extract(engine, text), cue), "source") == speaker



@pytest.mark.parametrize("text, cue, addressee, content", [
    # how it was said, or whom it was told, before a quotation is no content
    ("The minority leader said flatly: “I don’t think it matters.”", "said", None, "“I don’t think it matters.”"),
    ("Sanders replied evenly, “I think the governor knows better.”", "replied", None,
     "“I think the governor knows better.”"),
    ("Ryan’s campaign shrugged off the remarks, telling reporters, “Nobody asked for his endorsement.”",
     "telling", "reporters", "“Nobody asked for his endorsement.”"),
])
def test_manner_or_addressee_before_a_quotation(engine, text, cue, addressee, content):
    a = find(extract(engine, text), cue)
    assert role(a, "content") == content
    assert (role(a, "addressee") if "addressee" in a["roles"] else None) == addressee



def test_it_is_said_has_no_speaker_it(engine):
    # "It's said that ...": an impersonal passive, not "it" saying.
    record = extract(engine, "It’s said that the port is old.")
    assert all(role(a, "source") != "It" for a in record["attributions"] if "source" in a["roles"])


def test_inverted_tag_inside_unquoted_words(engine):
    # Construction: "The contrast with Cole, said Ortiz, would be clear.": the verb after the
    # speaker goes on with the content; it is no appositive of the speaker.
    a = find(extract(engine, "The contrast with Cole, said Ortiz, would be clear."), "said")
    assert role(a, "source") == "Ortiz"
    assert [f["text"] for f in a["roles"]["content"]] == ["The contrast with Cole", "would be clear"]


@pytest.mark.parametrize("text, cue, content", [
    # a noun phrase content ends before where it was said, across an abbreviation inside it
    ("Howard endorsed Republican candidate Sen. Ted Cruz in November.", "endorsed", "Republican candidate Sen. Ted Cruz"),
    ("The campaign has touted his endorsement on its Facebook page.", "has touted", "his endorsement"),
    ("Ash criticized the chairman and his allies in an email Saturday to the panel.", "criticized",
     "the chairman and his allies"),
    ("Trump explained his reasoning in an appearance on television.", "explained", "his reasoning"),
])
def test_noun_phrase_content_before_where_it_was_said(engine, text, cue, content):
    assert role(find(extract(engine, text), cue), "content") == content


def test_quotation_then_a_long_tag(engine):
    # Construction: “...,” she said several months after ..., and ... that ...: a long tail
    # after the tag, even one holding "that" further on, is no content; the quotation is.
    text = ("“It never crossed my mind,” she said several months after her release, and a big reason "
            "for this was that her family stood by her.")
    a = find(extract(engine, text), "said")
    assert role(a, "content") == "“It never crossed my mind,”" and role(a, "source") == "she"


# One table for the speaker of a cue, one section per construction (each row names its case).
SPEAKERS = [
    # --- participle after a clause: the nearest subject speaks
    # a clause opened by when / though / ", and" with its own subject: the participle after
    # it is said by that subject, not by the sentence's first one
    ("Ortiz tweaked her slogan on Saturday when she announced her running mate, calling him a fighter.",
     "calling", "she"),
    ("The governor has been criticized for his budget, though in a speech last week he used stronger "
     "language, saying the cuts were needed.", "saying", "he"),
    ("Cole attacked Ruiz in the debate, and the senator tripped up Ruiz by calling her a liar.",
     "calling", "the senator"),
    # an opening phrase up to its comma holds no speaker, however long it is
    ("In response to the mayor's proposal to close the port and sell the land to developers, the "
     "union's leader rallied workers, saying the plan would fail.", "saying", "the union's leader"),
    ("Reached by the Herald, Bennett denied the report, saying no change was coming.", "saying", "Bennett"),
    ("Like the mayor, she has praised the plan, saying it will create jobs.", "saying", "she"),
    # a participle after a tag that follows an unquoted content, past where and when
    ("The fares are too high, Ruiz said Tuesday in Salem, noting that ferries ran half empty.",
     "noting", "Ruiz"),
    # after a dash, and with an adverb before the participle (the adverb is part of the cue)
    ("Ortiz will not campaign with the mayor — essentially conceding that she disagrees.",
     "essentially conceding", "Ortiz"),
    # an actor inside an opening phrase is not the subject; nor one after "to" and a comma
    ("In an interview with the Harbor Times, Mayor Ana Ruiz defended the budget, saying the port needed it.",
     "saying", "Mayor Ana Ruiz"),
    ("Mayor Ana Ruiz wrote a long letter to Berg, claiming that the audit was wrong.",
     "claiming", "Mayor Ana Ruiz"),
    # a reduced clause ("when asked") opens no new subject; a word inside a quotation neither
    ("Ruiz was defensive when asked about the audit, saying the books were in order.", "saying", "Ruiz"),
    ("In a statement, Peabody said: “We grew when others shrank,” adding that it would hire.", "adding", "Peabody"),
    # --- a noun phrase from the sentence start speaks as a whole, not the actor inside it
    ("Exit polls taken in Ohio found that most voters backed Ruiz.", "found", "Exit polls taken in Ohio"),
    ("Spokesmen at the port authority would not discuss the case.", "would not discuss", "Spokesmen at the port authority"),
    ("All three candidates have said they would expand the program.", "have said", "All three candidates"),
    # not a time or a prepositional phrase, a pronoun, a verb, a relative clause before the actor
    ("On Tuesday Ruiz said the vote was fair.", "said", "Ruiz"),
    ("He praised the harbour while Ruiz said the vote was fair.", "said", "Ruiz"),
    # a place after a preposition is not coordinated with the speaker after ", and"
    ("He praised the harbour of Dover, and Ruiz said the vote was fair.", "said", "Ruiz"),
    ("Voters who met Ruiz said the vote was fair.", "said", "Voters who met Ruiz"),
    # --- a connective, or where and when, set off by commas after the speaker is not the speaker's
    ("The government, for instance, refused to give the usual credit.", "refused", "The government"),
    ("Ruiz, however, said the vote was fair.", "said", "Ruiz"),
    ("Lewandowski, in a statement released by the campaign on Thursday, said he welcomed the decision.",
     "said", "Lewandowski"),
    ("Schilling, through a spokeswoman, declined to comment.", "declined", "Schilling"),
    # an appositive still is
    ("Ortiz, a veteran organizer, said the vote was fair.", "said", "Ortiz, a veteran organizer"),
    # --- people familiar with someone's thinking: after a possessive, a verb's -ing form is a noun
    ("A source familiar with the mayor’s thinking said the port would stay open.", "said",
     "A source familiar with the mayor’s thinking"),
    ("People close to his thinking say he will run.", "say", "People close to his thinking"),
    # --- coordinated speakers with party labels, a reflexive, members named with "including"
    ("Harbor Gov. Ana Ruiz (D) and former Mayor Tom Berg (R) announced they would run together.",
     "announced", "Harbor Gov. Ana Ruiz (D) and former Mayor Tom Berg (R)"),
    ("Ortiz himself said the count was wrong.", "said", "Ortiz himself"),
    ("Several dock unions, including the Harbor Workers Guild, have warned that the pier is unsafe.",
     "have warned", "Several dock unions, including the Harbor Workers Guild"),
    ("Pres. Ortiz claimed a new era had begun.", "claimed", "Pres. Ortiz"),
    # --- a cue with a contraction or of several words
    ("While he’s said he will fight to the end, Ortiz must decide soon.", "’s said", "he"),
    ("Ruiz went on to say the port would grow.", "went on to say", "Ruiz"),
    ("Ortiz went on to explain that the port would grow.", "went on to explain", "Ortiz"),
    ("Ortiz has in the past said he was staying quiet.", "has in the past said", "Ortiz"),
    # --- a name after "a spokesperson for the developer,"; a ", where ..." clause; an
    # appositive with its own clause, or a participle after a past verb that is no appositive
    ("A spokesperson for the developer, Harbour Homes, said the company would study its options.",
     "said", "A spokesperson for the developer, Harbour Homes"),
    ("Residents of the Grange estate, where the flats were to be built, said they were relieved.",
     "said", "Residents of the Grange estate, where the flats were to be built"),
    ("David Ruiz, a strategist for local causes whose agency, Ruiz Partners, made the ads, said the goal"
     " was a deal.", "said", "David Ruiz, a strategist for local causes whose agency, Ruiz Partners, made the ads"),
    ("Ortiz, elected in 2010, said she would run again.", "said", "Ortiz, elected in 2010"),
    ("The leader of the council, Sarah Finch, resigned on Wednesday after a row, saying she had lost"
     " the confidence of her group.", "saying", "The leader of the council, Sarah Finch"),
    # --- a writing with its verb of writing as a participle before its own verb: the memo
    # says, it does not publish; a time of several words after the participle
    ("A memo published Tuesday by the agency says the plant is unsafe.", "says",
     "A memo published Tuesday by the agency"),
    ("A report published Wednesday said the minister used a private email account.", "said",
     "A report published Wednesday"),
    ("A report released last week found that the plant is unsafe.", "found", "A report released last week"),
    ("A report published in May found that the plant is unsafe.", "found", "A report published in May"),
    ("An audit issued earlier this year reported that the pier was unsafe.", "reported",
     "An audit issued earlier this year"),
    # --- a relative clause with a saying of its own stays out of the source; any other stays in
    ("Barkley, who said he usually votes Democratic, argued that one candidate he likes is Ruiz.", "argued",
     "Barkley"),
    ("Berg, who thinks the plan is flawed, told reporters the vote was rushed.", "told", "Berg"),
    ("Ortiz, who runs the harbour board, said the pier would close.", "said", "Ortiz, who runs the harbour board"),
    # --- the name in front of an appositive speaks, not a place inside the appositive nor the
    # appositive alone; an aside may follow the appositive
    ("Willie Ortiz, an actor in Dover, who runs a small theatre, recalled that the pier was closed.",
     "recalled", "Willie Ortiz, an actor in Dover, who runs a small theatre"),
    ("Senator Tom Ruiz, a Democrat from Ohio, in a speech on Monday, proposed a fee on parking.",
     "proposed", "Senator Tom Ruiz, a Democrat from Ohio"),
    ("Senator Tom Ruiz, a Democrat, in a speech on Monday, proposed a fee on parking.",
     "proposed", "Senator Tom Ruiz, a Democrat"),
    # --- a word for people (lexicon people_nouns) before a place: not the place
    ("The mayor's biggest boosters in New Hampshire insisted it was a temporary dip.", "insisted",
     "The mayor's biggest boosters in New Hampshire"),
    # --- a writing that speaks after its quotation (lexicon speaking_writings)
    ("“You are a total loser!” the note says.", "says", "the note"),
    # --- a name ending in Jr. with an appositive after it
    ("“It works,” James Ortiz Jr., the director of the Harbor Authority, said at a news conference.",
     "said", "James Ortiz Jr., the director of the Harbor Authority"),
    # --- a role with what it is a role in, a common noun: "to" or "of" and a noun phrase
    ("The envoy to the talks said the vote was fair.", "said", "The envoy to the talks"),
    ("The organizer of the rally said the rules increased the risk of violence.", "said",
     "The organizer of the rally"),
    ("Officials in the city said on Monday that the pier would close.", "said", "Officials in the city"),
    ("A think tank in Dover said the tax would hurt growth.", "said", "A think tank in Dover"),
    # --- a surname that is a word opening no name elsewhere (Read, Said, Will)
    ("Chief executive Ian Read said the deal was good.", "said", "Chief executive Ian Read"),
    # --- a word of a verb of saying used as a noun inside an appositive (definition noun_of_saying)
    ("Sexton, a creative writing professor, said he holds his roots dear.", "said",
     "Sexton, a creative writing professor"),
    ("Ruiz, a former host of the reality show “Harbour Nights,” said he would run.", "said",
     "Ruiz, a former host of the reality show “Harbour Nights,”"),
    # --- an aside between double hyphens typed for dashes; the dash itself is trimmed
    ("The chief justice -- who has been in a dispute with the mayor -- said she regretted her remarks.",
     "said", "The chief justice -- who has been in a dispute with the mayor"),
]


@pytest.mark.parametrize("text, cue, speaker", SPEAKERS)
def test_speaker_of_a_cue(engine, text, cue, speaker):
    assert role(find(extract(engine, text), cue), "source") == speaker


def test_gerund_inside_an_appositive_is_no_cue(engine):
    # "a creative writing professor": the trade's gerund writes nothing.
    record = extract(engine, "Sexton, a creative writing professor, said he holds his roots dear.")
    assert [role(a, "cue") for a in record["attributions"]] == ["said"]


def test_coordinated_cue_after_an_infinitive_of_saying(engine):
    # attr.coordinated-verb: "to answer" inside the first verb phrase does not stop "but said".
    record = extract(engine, "The mayor refused to answer questions on what the council would do"
                             " but said the budget was safe.")
    a = find(record, "said")
    assert role(a, "source") == "The mayor" and role(a, "content") == "the budget was safe"


@pytest.mark.parametrize("text, content", [
    ("On the subject of the harbour, Ruiz added, “Nobody will be more loyal to this town than me.”",
     "“Nobody will be more loyal to this town than me.”"),
    ("At a rally in Dover yesterday, Ruiz said, “We will win.”", "“We will win.”"),
    ("Later, Ruiz wrote: “The vote was a mistake.”", "“The vote was a mistake.”"),
])
def test_a_lead_in_before_a_tag_and_a_quotation_is_no_content(engine, text, content):
    # content_head: a prepositional or time lead-in, then "Ruiz said," and a quotation: the
    # quotation is all the content (before, the lead-in was its first fragment).
    record = extract(engine, text)
    assert [role(a, "content") for a in record["attributions"]] == [content]


def test_a_lead_in_before_a_tag_and_a_clause_stays_content(engine):
    # Without a quotation the clause goes on after the tag and the lead-in is part of it.
    a = find(extract(engine, "By cutting the line, she said, the White House can invite more guests."), "said")
    assert role(a, "content") == "By cutting the line … the White House can invite more guests"


def test_quoted_as_saying_without_that(engine):
    a = find(extract(engine, "Ruiz was quoted as saying the plan had failed."), "was quoted as saying")
    assert role(a, "source") == "Ruiz" and role(a, "content") == "the plan had failed"


def test_a_quotation_after_a_participle_of_saying_is_the_participles_own(engine):
    # participle_rest: in “...,” Ruiz said, adding, “...” the second quotation is what she adds,
    # not a second half of what she said; after a period it is the second half again.
    record = extract(engine, "“We are ready,” Ruiz said, adding, “The boats are fueled.”")
    assert role(find(record, "said"), "content") == "“We are ready,”"
    assert role(find(record, "adding"), "content") == "“The boats are fueled.”"
    record = extract(engine, "“We are ready,” Ruiz said, recalling the vote. “The boats are fueled.”")
    assert role(find(record, "said"), "content") == "“We are ready,” … “The boats are fueled.”"


def test_a_second_verb_phrase_of_the_speaker_ends_the_content(engine):
    # clause_stop: ", and has championed ..." is what the speaker did, not what she said.
    a = find(extract(engine, "Ruiz said the party must be a party of ideas, and has championed an agenda of cuts."),
             "said")
    assert role(a, "content") == "the party must be a party of ideas"


def test_a_verb_of_naming_after_and_is_a_second_cue(engine):
    # attr.second-cue with naming_before_quotation: "and called it “...”" is what Ruiz called
    # the plan, and it ends the content of "said".
    record = extract(engine, "Ruiz said the plan would fail, and called it “a waste of money.”")
    assert role(find(record, "said"), "content") == "the plan would fail"
    a = find(record, "called")
    assert role(a, "source") == "Ruiz" and role(a, "content") == "it “a waste of money.”"
