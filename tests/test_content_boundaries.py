"""Where a content begins and ends (issue 20): one short paragraph of our own per construction.

PolNeAR's annotators join the parts of a quotation split by its speech tag into one
discontinuous content, keep a trailing adjunct or clause out of it, and so on; each test
names the construction it covers.
"""
from conftest import find


def contents(attribution):
    return [fragment["text"] for fragment in attribution["roles"]["content"]]


def extract(engine, text):
    return engine.record(text, "t")


def test_split_quotation_after_a_participial_phrase(engine):
    # “...,” Ruiz said, recalling ... . “...”: the participle is no speech tag of the second half.
    a = find(extract(engine, "“The port is open,” Ruiz said in Boston, recalling the strike. “Ships are waiting.”"), "said")
    assert contents(a) == ["“The port is open,”", "“Ships are waiting.”"]


def test_split_quotation_after_a_quoted_show_title(engine):
    a = find(extract(engine, "“The port is open,” Ruiz said on WKRT’s “Morning Desk.” “Ships are waiting.”"), "said")
    assert contents(a) == ["“The port is open,”", "“Ships are waiting.”"]


def test_split_quotation_with_a_speaker_no_rule_names(engine):
    a = find(extract(engine, "“It is over,” said one longtime adviser to the mayor. “We lost the vote.”"), "said")
    assert contents(a) == ["“It is over,”", "“We lost the vote.”"]


def test_split_quotation_after_speaker_and_participle(engine):
    a = find(extract(engine, "“We are ready,” said Ben Ford, referring to the crews. “The boats are fueled.”"), "said")
    assert contents(a) == ["“We are ready,”", "“The boats are fueled.”"]
    assert a["roles"]["source"][0]["text"] == "Ben Ford"


def test_second_quotation_with_its_own_tag_stays_apart(engine):
    # A participle phrase does not carry the first tag over a quotation that has its own.
    record = extract(engine, "“We are ready,” Ruiz said, smiling at the crowd. “Not yet,” Ortiz replied.")
    assert contents(find(record, "said")) == ["“We are ready,”"]
    assert contents(find(record, "replied")) == ["“Not yet,”"]


def test_passive_report_has_its_subject_in_the_content(engine):
    # "Ortiz was declared the winner": no one in the sentence spoke; Ortiz is part of what was declared.
    a = find(extract(engine, "Ortiz was declared the winner in the third district."), "was declared")
    assert contents(a) == ["Ortiz", "the winner in the third district"] and "source" not in a["roles"]


def test_raising_verb_with_an_abbreviated_name_and_an_adverb(engine):
    a = find(extract(engine, "Mr. Ruiz is also expected to unveil a new ad on Monday."), "is also expected")
    assert contents(a) == ["Mr. Ruiz", "to unveil a new ad on Monday"] and "source" not in a["roles"]


def test_expected_after_a_relative_pronoun(engine):
    a = find(extract(engine, "The council chose Lena Ortiz, who is widely expected to run for mayor."), "is widely expected")
    assert contents(a) == ["who", "to run for mayor"]


def test_agent_of_a_passive_report_is_the_source(engine):
    a = find(extract(engine, "His death was confirmed by the family."), "was confirmed")
    assert a["roles"]["source"][0]["text"] == "the family" and contents(a) == ["His death"]


def test_passive_seen_without_as_is_no_report(engine):
    # "was seen leaving" is about eyes, not words.
    record = extract(engine, "The mayor was seen leaving the building at noon.")
    assert not [a for a in record["attributions"] if a["trace"]["rule"] == "attr.raising-verb"]


def test_relative_pronoun_before_the_speaker_opens_the_content(engine):
    # "which critics say will hurt farmers": "which" is the subject of what critics say.
    a = find(extract(engine, "The council passed a new tax, which critics say will hurt farmers."), "say")
    assert contents(a) == ["which", "will hurt farmers"] and a["roles"]["source"][0]["text"] == "critics"


def test_relative_pronoun_that_is_not_the_contents_subject_stays_out(engine):
    # "which he said he doubted": the content has its own subject.
    a = find(extract(engine, "It was a figure which he said he doubted from the start."), "said")
    assert contents(a) == ["he doubted from the start"]


def test_name_given_in_a_relative_clause_keeps_its_relative_word(engine):
    a = find(extract(engine, "The mayor denounced the bodies, which he called “a cartel.”"), "called")
    assert contents(a) == ["which", "“a cartel.”"]


def test_parenthetical_tag_after_a_connective(engine):
    # "Instead, he said, ...": annotators join the connective and the clause as one content.
    a = find(extract(engine, "Instead, Ortiz said, the council will vote in May."), "said")
    assert contents(a) == ["Instead", "the council will vote in May"]


def test_connective_before_a_content_that_comes_first_stays_out(engine):
    a = find(extract(engine, "Meanwhile, turnout fell sharply, the clerk said."), "said")
    assert contents(a) == ["turnout fell sharply"]


def test_parenthetical_tag_before_a_clause_with_a_verb_of_thinking(engine):
    record = extract(engine, "At one point, she said, she was considering a run for mayor.")
    assert contents(find(record, "said")) == ["At one point", "she was considering a run for mayor"]


def test_noun_phrase_content_ends_before_a_time_adjunct(engine):
    # "endorsed Lena Ortiz in early June": the time belongs to the endorsing, not to what was endorsed.
    a = find(extract(engine, "The union endorsed Lena Ortiz in early June, after a long debate."), "endorsed")
    assert contents(a) == ["Lena Ortiz"]


def test_noun_phrase_content_ends_before_a_subordinate_adjunct(engine):
    a = find(extract(engine, "The council denied the charges during the hearing."), "denied")
    assert contents(a) == ["the charges"]


def test_prepositional_phrase_inside_a_noun_phrase_stays(engine):
    a = find(extract(engine, "She applauds his message on trade."), "applauds")
    assert contents(a) == ["his message on trade"]


def test_clause_content_keeps_its_time_adjunct(engine):
    # A clause is no noun phrase: "the bridge will reopen in May" keeps "in May".
    a = find(extract(engine, "The mayor said the bridge will reopen in May."), "said")
    assert contents(a) == ["the bridge will reopen in May"]


def test_relative_clause_holding_the_cue_ends_at_its_comma(engine):
    # "Ortiz, who cited the audit as her reason, left": the main clause is not what she cited.
    a = find(extract(engine, "Ortiz, who cited the audit as her reason, left the board in May."), "cited")
    assert contents(a) == ["the audit as her reason"]


def test_relative_clause_inside_the_content_stays(engine):
    a = find(extract(engine, "Ruiz said the plan, which she wrote in May, was dropped."), "said")
    assert contents(a) == ["the plan, which she wrote in May, was dropped"]


def test_subordinate_clause_a_few_words_in_ends_at_its_comma(engine):
    a = find(extract(engine, "Years after Ruiz claimed the port was safe, the council closed it."), "claimed")
    assert contents(a) == ["the port was safe"]


def test_press_release_quotation_signed_after_a_dash(engine):
    a = find(extract(engine, "“Islanders have waited years for a later boat.” —Commissioner Jane Roe"), "—")
    assert a["roles"]["source"][0]["text"] == "Commissioner Jane Roe"
    assert contents(a) == ["“Islanders have waited years for a later boat.”"]


def test_press_release_lead_in_then_the_quotation_paragraph(engine):
    text = "From Chairwoman Lena Ortiz:\n\n“The new schedule costs the port nothing extra.”\n\nTickets go on sale next week."
    a = find(extract(engine, text), "From :")
    assert a["roles"]["source"][0]["text"] == "Chairwoman Lena Ortiz"
    assert contents(a) == ["“The new schedule costs the port nothing extra.”"]


def test_excerpt_from_a_newspaper_is_no_press_statement(engine):
    record = extract(engine, "From the Harbor Times:\n\nThe ferry will run hourly from April.")
    assert not [a for a in record["attributions"] if a["trace"]["rule"] == "attr.from-colon-quotation"]


def test_statement_at_the_end_of_a_release(engine):
    a = find(extract(engine, "Tickets go on sale next week.\n\n“We listened to the riders,” Roe said in a statement."), "said in a statement")
    assert a["roles"]["source"][0]["text"] == "Roe" and contents(a) == ["“We listened to the riders,”"]


def test_what_a_quotation_is_about_stays_out_of_the_content(engine):
    a = find(extract(engine, "Ortiz said of the mayor: “He is a careful man.”"), "said")
    assert contents(a) == ["“He is a careful man.”"]


def test_verb_of_saying_opening_the_sentence(engine):
    # "Said Dora Platt, ...,": the inverted order of a speech tag, then the quotation.
    a = find(extract(engine, "Said Dora Platt, who grew up near the harbor, “We were all so proud of him.”"), "Said")
    assert a["roles"]["source"][0]["text"] == "Dora Platt, who grew up near the harbor"
    assert contents(a) == ["“We were all so proud of him.”"]


def test_second_cue_before_a_quotation(engine):
    record = extract(engine, "Ortiz confirmed she had been there and said, “The city has a problem with trust.”")
    assert contents(find(record, "said")) == ["“The city has a problem with trust.”"]


def test_agentless_report_to_the_one_told(engine):
    # "I'm told ...": no speaker is named; the one told is the addressee.
    a = find(extract(engine, "I'm told the deal is close."), "told")
    assert contents(a) == ["the deal is close"] and "source" not in a["roles"]
    assert a["roles"]["addressee"][0]["text"] == "I'm"


def test_passive_report_with_its_agent(engine):
    a = find(extract(engine, "The crew was told by the harbor master that the pier was unsafe."), "was told")
    assert a["roles"]["source"][0]["text"] == "the harbor master" and contents(a) == ["that the pier was unsafe"]


def test_passive_order_is_no_report(engine):
    assert extract(engine, "Residents were told to leave their homes before noon.")["attributions"] == []


def test_noun_phrase_content_ends_before_a_second_predicate(engine):
    a = find(extract(engine, "Ortiz has not endorsed the mayor and has been a sharp critic of his budget."), "has not endorsed")
    assert contents(a) == ["the mayor"]


def test_coordinated_objects_stay_one_content(engine):
    a = find(extract(engine, "Ruiz has mentioned refinancing student loans and forcing colleges to spend more."), "has mentioned")
    assert contents(a) == ["refinancing student loans and forcing colleges to spend more"]


def test_noun_phrase_content_ends_before_where_or_how_it_was_said(engine):
    # "praised the reporter at a press conference": the place, the medium, the channel or
    # the means of saying belongs to the saying, not to what was praised or denied.
    cases = {
        "Mayor Ruiz praised the harbour crews at a press conference on Monday.": ("praised", "the harbour crews"),
        "The senator often mentions her grandson in speeches.": ("often mentions", "her grandson"),
        "The chairman denied the charges through his lawyer.": ("denied", "the charges"),
        "The prince mocks the candidate on Twitter.": ("mocks", "the candidate"),
        "The governor did not mention the mayor by name.": ("did not mention", "the mayor"),
    }
    for text, (cue, content) in cases.items():
        assert contents(find(extract(engine, text), cue)) == [content], text
    # A prepositional phrase that belongs to the noun stays in it.
    a = find(extract(engine, "The senator called for a ban on imports of steel."), "called for")
    assert contents(a) == ["a ban on imports of steel"]


def test_content_interrupted_by_its_tag_continues_with_a_name(engine):
    # "After all, she argued, Ruiz won ...": the part after the tag may open with a name.
    a = find(extract(engine, "After all, the senator argued, Ruiz won the vote anyway."), "argued")
    assert contents(a) == ["After all", "Ruiz won the vote anyway"]
