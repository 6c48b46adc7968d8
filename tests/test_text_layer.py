"""The text layer: tokens, sentences, paragraphs and quotations, on short texts we wrote."""
from quotetrace.text import analyse
from quotetrace.text.paragraphs import paragraph_spans
from quotetrace.text.tokens import tokenize


def tokens_of(text):
    starts, ends = tokenize(text)
    return [text[s:e] for s, e in zip(starts, ends)]


def sentences_of(text):
    doc = analyse(text)
    return [text[doc.starts[a]:doc.ends[b - 1]] for a, b in doc.sentences]


def quotes_of(text):
    doc = analyse(text)
    return [text[doc.starts[q.first]:doc.ends[q.last]] for q in doc.quotes]


# --- tokenizer -------------------------------------------------------------------
def test_hyphenated_names_stay_whole():
    assert tokens_of("Bashar al-Assad met Abu al-Mansour.") == ["Bashar", "al-Assad", "met", "Abu", "al-Mansour", "."]


def test_possessive_is_split_off_straight_and_curly():
    assert tokens_of("Peskov's aide and Putin’s office") == ["Peskov", "'s", "aide", "and", "Putin", "’s", "office"]


def test_inner_apostrophes_and_contractions_stay_whole():
    assert tokens_of("O'Brien isn't here") == ["O'Brien", "isn't", "here"]


def test_dotted_abbreviations_and_numbers():
    assert tokens_of("The U.S. paid $100,000 or 3.5 percent.") == ["The", "U.S.", "paid", "$", "100,000", "or", "3.5", "percent", "."]


def test_quote_marks_are_tokens_of_their_own():
    assert tokens_of("“Yes,” he said. \"No.\"") == ["“", "Yes", ",", "”", "he", "said", ".", '"', "No", ".", '"']


def test_offsets_slice_back_for_unicode_text():
    text = "Zoë Ça-va said “naïve” things — 3½ times…"
    starts, ends = tokenize(text)
    assert all(text[s:e].strip() == text[s:e] and text[s:e] for s, e in zip(starts, ends))
    assert "".join(text[s:e] for s, e in zip(starts, ends)) == "".join(text.split())


# --- sentences -------------------------------------------------------------------
def test_titles_and_initials_do_not_end_sentences():
    text = "Sen. Ted Cruz met Gov. J. Smith and Dr. Jones on Sept. 4. They talked."
    assert sentences_of(text) == ["Sen. Ted Cruz met Gov. J. Smith and Dr. Jones on Sept. 4.", "They talked."]


def test_dotted_abbreviation_ends_a_sentence_only_before_an_opener():
    text = "He moved to the U.S. He liked the U.S. Army."
    assert sentences_of(text) == ["He moved to the U.S.", "He liked the U.S. Army."]
    # Determiners, wh-words and "according" open sentences too; a name after U.S. does not.
    text = "It is cleared to fly, according to the F.A.A. Most owners have one plane. The U.S. Navy agreed."
    assert sentences_of(text) == ["It is cleared to fly, according to the F.A.A.", "Most owners have one plane.", "The U.S. Navy agreed."]


def test_party_and_state_label_does_not_end_a_sentence():
    # A lawmaker's party and dotted state (D-N.Y., R-S.C., D-W.Va.) is one token, whose
    # periods end no sentence; it still ends one before a sentence opener.
    assert tokens_of("Sen. Ann Reyes (D-N.Y.) said") == ["Sen", ".", "Ann", "Reyes", "(", "D-N.Y.", ")", "said"]
    text = "Rep. Tom Hale (R-S.C.), said the bill would pass. Sen. Ann Reyes, D-W.Va. The vote was close."
    assert sentences_of(text) == ["Rep. Tom Hale (R-S.C.), said the bill would pass.", "Sen. Ann Reyes, D-W.Va.", "The vote was close."]


def test_decimals_do_not_split():
    assert sentences_of("Growth was 2.5 percent. Prices rose.") == ["Growth was 2.5 percent.", "Prices rose."]


def test_sentence_end_inside_quotes():
    text = 'He said, "We will win." Then he left. "Will you?" she asked.'
    assert sentences_of(text) == ['He said, "We will win."', "Then he left.", '"Will you?" she asked.']


def test_question_mark_inside_quote_before_lowercase_does_not_split():
    assert sentences_of("“Why now?” he asked.") == ["“Why now?” he asked."]


# --- paragraphs ------------------------------------------------------------------
def test_paragraphs_split_on_blank_lines_with_any_line_ending():
    text = "One.\r\n\r\nTwo.\n\nThree.\rstill three.\u2028\u2028Four."
    assert [text[s:e] for s, e in paragraph_spans(text)] == ["One.", "Two.", "Three.\rstill three.", "Four."]


def test_single_newlines_split_paragraphs_when_there_is_no_blank_line():
    text = "Headline here\nFirst paragraph.\nSecond paragraph."
    assert [text[s:e] for s, e in paragraph_spans(text)] == ["Headline here", "First paragraph.", "Second paragraph."]


# --- quotations ------------------------------------------------------------------
def test_straight_and_curly_quotes_pair():
    assert quotes_of('“One,” he said, and "two" too.') == ["“One,”", '"two"']


def test_single_quotes_inside_double_quotes():
    assert quotes_of("“He told me ‘never again’ twice,” she said.") == ["“He told me ‘never again’ twice,”", "‘never again’"]


def test_curly_marks_typed_the_wrong_way_round_still_pair():
    # A closing mark where an opening one belongs, and the reverse: typos common in news copy.
    assert quotes_of("He said aides should ”step back” for now.") == ["”step back”"]
    assert quotes_of("“Apparently not,“ he said.") == ["“Apparently not,“"]
    # A closing mark after a word still closes: “One,” stays one quotation.
    assert quotes_of("“One,” he said, “two.”") == ["“One,”", "“two.”"]


def test_three_apostrophes_closing_a_quote_inside_a_quote():
    # NYT style: ''...'inner,''' closes the single quotation, then the double one.
    text = "''We hear it often, 'the port is special,''' the mayor said."
    assert quotes_of(text) == ["''We hear it often, 'the port is special,'''", "'the port is special,'"]


def test_apostrophes_are_never_quotes():
    assert quotes_of("The officials' plan isn't Peskov's idea, rock 'n' roll aside.") == []


def test_plural_possessive_apostrophe_is_matched_as_possessive():
    doc = analyse("The voters' mood and Sanders’ plan, not the ‘experts’ view.")
    assert [doc.forms[i] for i, t in enumerate(doc.tokens) if t in ("'", "’")] == ["'s", "'s", "’"]
    assert doc.tokens[2] == "'" and doc.forms[2] == "'s"  # the token text itself is unchanged


def test_quote_left_open_continues_in_next_paragraph_that_opens_with_a_quote():
    text = "“We will rebuild the bridge.\n\n“And we will do it this year,” the mayor said."
    doc = analyse(text)
    assert [(q.closed, q.continues) for q in doc.quotes] == [(False, False), (True, True)]
    assert quotes_of(text) == ["“We will rebuild the bridge.", "“And we will do it this year,”"]


def test_british_quotations_in_single_marks_with_doubles_nested_inside():
    # Commonwealth style: the quotation in ‘ ’, a quotation inside it in “ ”, a plural
    # possessive inside it, and one that runs over two paragraphs.
    text = ("‘The dockers’ union called it “a betrayal”, and they were right,’ the harbour minister, "
            "Aroha Ngata, said on Tuesday. ‘We will meet them.’\n\n"
            "‘Talks resume on Monday.\n\n‘Nobody wants a strike,’ she added.")
    doc = analyse(text)
    assert quotes_of(text) == [
        "‘The dockers’ union called it “a betrayal”, and they were right,’", "“a betrayal”", "‘We will meet them.’",
        "‘Talks resume on Monday.", "‘Nobody wants a strike,’"]
    assert [(q.level, q.closed, q.continues) for q in doc.quotes] == [
        (1, True, False), (2, True, False), (1, True, False), (1, False, False), (1, True, True)]


def test_unbalanced_quote_never_swallows_the_rest():
    text = 'He said "this never closes.\n\nA new paragraph with "a real quote" here.'
    assert quotes_of(text) == ['"a real quote"']


def test_many_unbalanced_quotes_do_not_crash():
    text = '" ' * 5000 + "end."
    doc = analyse(text)
    assert doc.tokens[-1] == "."


def test_no_is_an_abbreviation_only_before_a_number():
    from quotetrace.text import analyse

    doc = analyse('The union said no. "Now we strike," Jensen said. Route No. 9 is closed.')
    sentences = [" ".join(doc.tokens[a:b]) for a, b in doc.sentences]
    assert sentences == ["The union said no .", '" Now we strike , " Jensen said .', "Route No . 9 is closed ."]


def test_a_first_paragraph_in_sentence_form_is_no_headline():
    # Most of its longer words are capitalised, but its last word, or a lower-case word of
    # five letters or more, is one title case never lowers: a real sentence.
    from quotetrace.text.document import HEADLINE
    for text in ("Ana Ruiz of the Harbor Council spoke.\n\nShe left early.",
                 "Ana Ruiz of the Harbor Council said.\n\nShe left early.",
                 "Ana Ruiz told Harbor Council members Tuesday.\n\nShe left early."):
        doc = analyse(text)
        assert not any(flags & HEADLINE for flags in doc.context), text
    doc = analyse("Harbor Council Backs Ruiz on Port Plan\n\nThe council voted on Tuesday.")
    assert doc.context[0] & HEADLINE
    doc = analyse("Ruiz Wins Harbor Council Vote.\n\nThe council voted on Tuesday.")
    assert doc.context[0] & HEADLINE
