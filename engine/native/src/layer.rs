//! The whole text layer of one document in the core, as quotetrace.text.document.analyse
//! builds it: tokens, paragraphs, sentences (cut past their limits), quotations, each
//! token's context flags and the tokens matched as a plural possessive. Python makes the
//! Document from it (quotetrace.text.native_layer), and the notes of the cuts from the runs
//! that were cut, so that their wording lives in one place.

use crate::paragraphs::paragraph_spans;
use crate::quotes::{quote_spans, Quote};
use crate::sentences::sentence_spans;
use crate::text::{bisect_right, Sets, Text, PY_ALPHA, PY_LOWER, PY_UPPER, SENTENCE_CLOSER};
use crate::tokens::tokenize;

// document.py's context flags.
const PARAGRAPH_START: u32 = 1;
const SENTENCE_START: u32 = 2;
const IN_QUOTE: u32 = 4;
const HEADLINE: u32 = 8;
const SENTENCE_END: u32 = 16;

/// Token ranges [first, last).
type Ranges = Vec<(usize, usize)>;

pub struct Limits {
    pub max_tokens: Option<usize>,
    pub max_sentence_tokens: Option<usize>,
    pub max_paragraph_tokens: Option<usize>,
}

/// One document's text layer, in token indices.
pub struct Layer {
    pub starts: Vec<usize>,
    pub ends: Vec<usize>,
    pub sentences: Vec<(usize, usize)>,
    pub paragraphs: Vec<(usize, usize)>,
    pub quotes: Vec<Quote>,
    pub context: Vec<u32>,
    pub possessives: Vec<usize>, // tokens matched as 's (document.possessive_forms)
    pub long_sentences: Vec<(usize, usize)>, // the sentences a limit cut, as they were
    pub long_paragraphs: Vec<(usize, usize)>,
}

/// The text layer, or None when a character is past the tables (then Python's runs). Past
/// `max_tokens` tokens only the tokens are made (max_tokens + 1 of them): the caller says so.
pub fn analyse(points: &[u32], regex_classes: &[u8], str_classes: &[u8], sets: &Sets, limits: &Limits) -> Option<Layer> {
    if points.iter().any(|&c| c as usize >= str_classes.len()) {
        return None;
    }
    let (starts, ends) = tokenize(regex_classes, points, limits.max_tokens)?;
    let mut layer = Layer {
        starts,
        ends,
        sentences: Vec::new(),
        paragraphs: Vec::new(),
        quotes: Vec::new(),
        context: Vec::new(),
        possessives: Vec::new(),
        long_sentences: Vec::new(),
        long_paragraphs: Vec::new(),
    };
    if limits.max_tokens.is_some_and(|most| layer.starts.len() > most) {
        return Some(layer);
    }
    let text = Text::new(points, regex_classes, str_classes, sets, &layer.starts, &layer.ends);
    let char_paragraphs = paragraph_spans(&text);
    let mut paragraphs = Vec::with_capacity(char_paragraphs.len());
    for &(start, end) in &char_paragraphs {
        let (first, last) = (text.first_token_from(start), text.first_token_from(end));
        if last > first {
            paragraphs.push((first, last));
        }
    }
    let mut sentences = sentence_spans(&text, &char_paragraphs);
    if let Some(limit) = limits.max_sentence_tokens {
        (sentences, layer.long_sentences) = cut_long_sentences(sentences, limit);
    }
    if let Some(limit) = limits.max_paragraph_tokens {
        (paragraphs, layer.long_paragraphs) = cut_long_paragraphs(paragraphs, &sentences, limit);
    }
    let quotes = quote_spans(&text, &paragraphs);
    layer.context = context_flags(&text, &sentences, &paragraphs, &quotes);
    layer.possessives = plural_possessives(&text, &quotes);
    layer.sentences = sentences;
    layer.paragraphs = paragraphs;
    layer.quotes = quotes;
    Some(layer)
}

fn context_flags(text: &Text, sentences: &[(usize, usize)], paragraphs: &[(usize, usize)], quotes: &[Quote]) -> Vec<u32> {
    let mut context = vec![0; text.tokens()];
    for &(first, last) in sentences {
        context[first] |= SENTENCE_START;
        context[last - 1] |= SENTENCE_END;
    }
    for &(first, _) in paragraphs {
        context[first] |= PARAGRAPH_START;
    }
    for (index, &(first, last)) in paragraphs.iter().enumerate() {
        if is_headline(text, first, last, index) {
            for flags in &mut context[first..last] {
                *flags |= HEADLINE;
            }
        }
    }
    for quote in quotes {
        for flags in &mut context[quote.first..=quote.last] {
            *flags |= IN_QUOTE;
        }
    }
    context
}

/// A paragraph in title case: document._is_headline.
fn is_headline(text: &Text, first: usize, last: usize, paragraph_index: usize) -> bool {
    let closed = text.marks[last - 1] & SENTENCE_CLOSER != 0;
    if paragraph_index != 0 && closed {
        return false; // most paragraphs: no need to look at their words
    }
    let (mut words, mut capitalised) = (0usize, 0usize);
    // a first paragraph closed like a sentence: its last word lower case, or a lower-case word of 5+ letters
    let (mut last_lower, mut long_lower) = (false, false);
    for token in first..last {
        let start = text.starts[token];
        let class = text.str_class(start);
        if class & PY_ALPHA != 0 {
            let lower = class & PY_LOWER != 0;
            last_lower = lower;
            long_lower |= lower && text.ends[token] - start > 4;
            if text.ends[token] - start > 3 {
                words += 1;
                capitalised += usize::from(class & PY_UPPER != 0);
            }
        }
    }
    words >= 3 && capitalised as f64 >= 0.7 * words as f64 && !(closed && (last_lower || long_lower))
}

/// The tokens document.possessive_forms matches as 's: a ' or ’ after s or S, before white
/// space (\s of `regex`) or the end, that opens or closes no quotation.
fn plural_possessives(text: &Text, quotes: &[Quote]) -> Vec<usize> {
    let mut found = Vec::new();
    for at in 1..text.len() {
        if !(text.char_in(at, "'’") && text.char_in(at - 1, "sS") && (at + 1 == text.len() || text.is_regex_space(at + 1))) {
            continue;
        }
        let index = text.first_token_from(at);
        let is_mark = quotes.iter().any(|q| q.first == index || q.last == index);
        if index < text.tokens() && !is_mark && text.starts[index] == at && text.ends[index] == at + 1 {
            found.push(index);
        }
    }
    found
}

/// document.cut_long_sentences: (sentences, the ones that were cut).
fn cut_long_sentences(sentences: Ranges, limit: usize) -> (Ranges, Ranges) {
    if sentences.iter().all(|&(first, last)| last - first <= limit) {
        return (sentences, Vec::new());
    }
    let (mut cut, mut long_ones) = (Vec::new(), Vec::new());
    for (mut first, last) in sentences {
        if last - first > limit {
            long_ones.push((first, last));
        }
        while last - first > limit {
            cut.push((first, first + limit));
            first += limit;
        }
        cut.push((first, last));
    }
    (cut, long_ones)
}

/// document.cut_long_paragraphs: (paragraphs, the ones that were cut).
fn cut_long_paragraphs(paragraphs: Ranges, sentences: &[(usize, usize)], limit: usize) -> (Ranges, Ranges) {
    if paragraphs.iter().all(|&(first, last)| last - first <= limit) {
        return (paragraphs, Vec::new());
    }
    let sentence_firsts: Vec<usize> = sentences.iter().map(|&(first, _)| first).collect();
    let (mut cut, mut long_ones) = (Vec::new(), Vec::new());
    for (mut first, last) in paragraphs {
        if last - first > limit {
            long_ones.push((first, last));
        }
        while last - first > limit {
            let end = match bisect_right(&sentence_firsts, first + limit).checked_sub(1) {
                Some(index) if sentence_firsts[index] > first => sentence_firsts[index],
                _ => first + limit,
            };
            cut.push((first, end));
            first = end;
        }
        cut.push((first, last));
    }
    (cut, long_ones)
}
