//! quotetrace.text.paragraphs in the core: the same character spans.
//!
//! Its two `regex` separators, written out as the search runs them:
//!   BLANK_LINE     LINE_BREAK [^\S\r\n\u2028\u2029\u0085]* LINE_BREAK \s*  |  \u2029 \s*
//!   ANY_LINE_BREAK LINE_BREAK \s*  |  \u2029 \s*
//! with LINE_BREAK = (?:\r\n|[\n\r\u2028\u0085]). Where a match ends is where the run of \s
//! after its last line break ends, whichever way its line breaks were taken; the one
//! backtracking that changes whether it matches: a lone \r\n is a blank line, since
//! LINE_BREAK may take its \r alone and then its \n as the second line break.

use crate::text::Text;

const PARAGRAPH_SEPARATOR: u32 = 0x2029;

fn is_line_break(c: u32) -> bool {
    matches!(c, 0x0A | 0x0D | 0x2028 | 0x85)
}

/// The end of the run of `regex` \s from `at`.
fn after_spaces(text: &Text, mut at: usize) -> usize {
    while text.is_regex_space(at) {
        at += 1;
    }
    at
}

/// The ends of LINE_BREAK at `at`, in the order `regex` tries them (\r\n, then one character).
fn line_break_ends(text: &Text, at: usize) -> [Option<usize>; 2] {
    let pair = (text.char_is(at, '\r') && text.char_is(at + 1, '\n')).then_some(at + 2);
    let single = text.points.get(at).is_some_and(|&c| is_line_break(c)).then_some(at + 1);
    [pair, single]
}

/// Where BLANK_LINE (`blank`) or ANY_LINE_BREAK matching at `at` ends, if it matches there.
fn separator_at(text: &Text, at: usize, blank: bool) -> Option<usize> {
    if text.points.get(at) == Some(&PARAGRAPH_SEPARATOR) {
        return Some(after_spaces(text, at + 1));
    }
    for end in line_break_ends(text, at).into_iter().flatten() {
        if !blank {
            return Some(after_spaces(text, end));
        }
        // [^\S\r\n\u2028\u2029\u0085]*: white space that breaks no line
        let mut next = end;
        while text.is_regex_space(next) && !text.points.get(next).is_some_and(|&c| is_line_break(c) || c == PARAGRAPH_SEPARATOR) {
            next += 1;
        }
        if let Some(second) = line_break_ends(text, next).into_iter().flatten().next() {
            return Some(after_spaces(text, second));
        }
    }
    None
}

/// Every match of the separator, left to right, as `finditer` gives them.
fn separators(text: &Text, blank: bool) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut at = 0;
    while at < text.len() {
        match separator_at(text, at, blank) {
            Some(end) => {
                found.push((at, end));
                at = end;
            }
            None => at += 1,
        }
    }
    found
}

/// Character spans of paragraphs, white space (str.isspace) at their edges excluded.
pub fn paragraph_spans(text: &Text) -> Vec<(usize, usize)> {
    let mut matches = separators(text, true);
    if matches.is_empty() {
        matches = separators(text, false);
    }
    let mut spans = Vec::with_capacity(matches.len() + 1);
    let mut position = 0;
    for (start, end) in matches {
        spans.push((position, start));
        position = end;
    }
    spans.push((position, text.len()));
    let mut trimmed = Vec::with_capacity(spans.len());
    for (mut start, mut end) in spans {
        while start < end && text.is_space(start) {
            start += 1;
        }
        while end > start && text.is_space(end - 1) {
            end -= 1;
        }
        if end > start {
            trimmed.push((start, end));
        }
    }
    trimmed
}
