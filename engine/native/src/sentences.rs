//! quotetrace.text.sentences in the core: the same sentence token ranges, by the same steps
//! (its docstring says why each): the candidate marks are found as its `_CANDIDATE` pattern
//! finds them, `\.\.\.|[.!?…]|(?:\r\n|[\n\r\u2028\u2029\u0085])`, left to right.

use crate::text::{bisect_right, Text, ABBREVIATION, CLOSER, NUMBER_ABBREVIATION, OPENER, PY_DIGIT, PY_UPPER, SENTENCE_OPENER};

enum Candidate {
    Terminal { start: usize, end: usize, full_stop: bool },
    LineBreak { end: usize },
}

/// The candidate at `at`, if one starts there, and where it ends.
fn candidate_at(text: &Text, at: usize) -> Option<Candidate> {
    let full_stop = '.' as u32;
    match text.points[at] {
        c if c == full_stop && text.char_is(at + 1, '.') && text.char_is(at + 2, '.') => Some(Candidate::Terminal { start: at, end: at + 3, full_stop: false }),
        c if c == full_stop => Some(Candidate::Terminal { start: at, end: at + 1, full_stop: true }),
        0x21 | 0x3F | 0x2026 => Some(Candidate::Terminal { start: at, end: at + 1, full_stop: false }), // ! ? …
        0x0D if text.char_is(at + 1, '\n') => Some(Candidate::LineBreak { end: at + 2 }),
        0x0A | 0x0D | 0x2028 | 0x2029 | 0x85 => Some(Candidate::LineBreak { end: at + 1 }),
        _ => None,
    }
}

/// Token index ranges [first, last+1) of sentences, never crossing a paragraph
/// (`paragraphs`: the character spans of paragraphs.rs).
pub fn sentence_spans(text: &Text, paragraphs: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let n = text.tokens();
    if n == 0 {
        return Vec::new();
    }
    let mut boundaries = Vec::new(); // token indices after which a sentence ends
    for &(paragraph_start, _) in paragraphs.iter().skip(1) {
        let first = text.first_token_from(paragraph_start);
        if 0 < first && first <= n {
            boundaries.push(first - 1);
        }
    }
    let mut at = 0;
    while at < text.len() {
        let Some(candidate) = candidate_at(text, at) else {
            at += 1;
            continue;
        };
        match candidate {
            Candidate::Terminal { start, end, full_stop } => {
                at = end;
                let i = text.first_token_from(start); // the token starting here, if one does
                if i == n || text.starts[i] != start || text.ends[i] != end {
                    // A dotted abbreviation ending in this period (U.S.) is its own token.
                    let Some(i) = bisect_right(text.starts, start).checked_sub(1) else {
                        continue;
                    };
                    if text.ends[i] != end || !text.points[text.starts[i]..text.ends[i] - 1].contains(&('.' as u32)) {
                        continue;
                    }
                    let j = after_closers(text, i);
                    if j >= n || text.sets.of_lower(text.token(j)) & SENTENCE_OPENER != 0 {
                        boundaries.push(j - 1);
                    }
                    continue;
                }
                if full_stop && is_abbreviation_period(text, i) {
                    continue;
                }
                let j = after_closers(text, i);
                if j >= n || can_open_sentence(text, j) {
                    boundaries.push(j - 1);
                }
            }
            Candidate::LineBreak { end } => {
                at = end;
                // A line break inside a paragraph: ends the sentence before a capital or quote.
                let j = text.first_token_from(end);
                if 0 < j && j < n && can_open_sentence(text, j) {
                    boundaries.push(j - 1);
                }
            }
        }
    }
    boundaries.sort_unstable();
    boundaries.dedup();
    let mut spans = Vec::new();
    let mut first = 0;
    for last in boundaries {
        if last >= first {
            spans.push((first, last + 1));
            first = last + 1;
        }
    }
    if first < n {
        spans.push((first, n));
    }
    spans
}

/// Index of the first token after i and the closing quotes/brackets glued to it.
fn after_closers(text: &Text, i: usize) -> usize {
    let mut j = i + 1;
    while j < text.tokens() && text.marks[j] & CLOSER != 0 && text.starts[j] == text.ends[j - 1] {
        j += 1;
    }
    j
}

fn is_abbreviation_period(text: &Text, i: usize) -> bool {
    if i == 0 || text.starts[i] != text.ends[i - 1] {
        return false;
    }
    let previous = text.token(i - 1);
    let words = text.sets.of_lower(previous);
    if words & NUMBER_ABBREVIATION != 0 {
        return i + 1 < text.tokens() && text.str_class(text.starts[i + 1]) & PY_DIGIT != 0;
    }
    if words & ABBREVIATION != 0 {
        return true;
    }
    previous.len() == 1 && text.str_class(text.starts[i - 1]) & PY_UPPER != 0 // an initial: J. Smith
}

fn can_open_sentence(text: &Text, token: usize) -> bool {
    let at = text.starts[token];
    text.str_class(at) & (PY_UPPER | PY_DIGIT) != 0
        || text.sets.of(&text.points[at..at + 1]) & OPENER != 0
        || text.char_in(at, "—-•*")
}
