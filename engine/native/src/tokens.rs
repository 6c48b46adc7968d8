//! The tokenizer of quotetrace.text.tokens (TOKEN_PATTERN, a `regex` program) written out
//! by hand, for texts whose every character the table covers.
//!
//! The table says, per code point below its size, which of the pattern's classes the
//! character is in; Python builds it with `regex` itself (quotetrace.text.native_tokens), so
//! both tokenizers read the same Unicode data. A text with a character past the table is
//! not tokenized here (None), and the caller runs the `regex` tokenizer.
//!
//! Every alternative of the pattern ends in optional parts only, so the `regex` search takes
//! the greedy path at each step and never backtracks into an earlier part; the code follows
//! the alternatives in their order, each as the greedy path it takes.

pub const UPPER: u8 = 1; // \p{Lu}
pub const LOWER: u8 = 2; // \p{Ll}
pub const LETTER: u8 = 4; // \p{L}
pub const NUMBER: u8 = 8; // \p{N}
pub const MARK: u8 = 16; // \p{M}
pub const SPACE: u8 = 32; // \s
pub const WORD: u8 = 64; // \w (for \b)

pub struct Classes<'a> {
    table: &'a [u8],
}

impl Classes<'_> {
    #[inline]
    fn of(&self, text: &[u32], at: usize) -> u8 {
        text.get(at).map_or(0, |&c| self.table.get(c as usize).copied().unwrap_or(0))
    }
    #[inline]
    fn is(&self, text: &[u32], at: usize, class: u8) -> bool {
        self.of(text, at) & class != 0
    }
}

const DASHES: [u32; 3] = ['-' as u32, 0x2010, 0x2011]; // [-‐‑]
const APOSTROPHES: [u32; 2] = ['\'' as u32, 0x2019]; // ['’]

fn char_in(text: &[u32], at: usize, set: &[u32]) -> bool {
    text.get(at).is_some_and(|c| set.contains(c))
}

fn char_is(text: &[u32], at: usize, c: char) -> bool {
    text.get(at) == Some(&(c as u32))
}

/// `\b` after a word character at `at - 1`: the end, or a character that is not \w.
fn boundary_after_word(classes: &Classes, text: &[u32], at: usize) -> bool {
    at >= text.len() || !classes.is(text, at, WORD)
}

/// Where the token starting at `at` ends, or None when no alternative matches there.
fn token_at(classes: &Classes, text: &[u32], at: usize) -> Option<usize> {
    let (c, is) = (|i: usize| classes.of(text, i), |i: usize, class: u8| classes.is(text, i, class));
    // (?:\p{Lu}\.){2,}(?!\p{L})
    {
        let mut p = at;
        let mut count = 0;
        while is(p, UPPER) && char_is(text, p + 1, '.') {
            p += 2;
            count += 1;
        }
        // With fewer repetitions the next character is an upper-case letter: only the longest can pass.
        if count >= 2 && !is(p, LETTER) {
            return Some(p);
        }
    }
    // \p{Lu}[-‐‑](?:\p{Lu}\p{Ll}?\.){2,}(?!\p{L})
    if is(at, UPPER) && char_in(text, at + 1, &DASHES) {
        let mut p = at + 2;
        let mut count = 0;
        loop {
            if !is(p, UPPER) {
                break;
            }
            if is(p + 1, LOWER) && char_is(text, p + 2, '.') {
                p += 3;
            } else if char_is(text, p + 1, '.') {
                p += 2;
            } else {
                break;
            }
            count += 1;
        }
        if count >= 2 && !is(p, LETTER) {
            return Some(p);
        }
    }
    // [\p{L}\p{N}][\p{L}\p{M}\p{N}]* and its three optional tails, in turn
    if c(at) & (LETTER | NUMBER) != 0 {
        let mut p = at + 1;
        while c(p) & (LETTER | MARK | NUMBER) != 0 {
            p += 1;
        }
        // (?:[-‐‑][\p{L}\p{N}][\p{L}\p{M}\p{N}]*)*
        while char_in(text, p, &DASHES) && c(p + 1) & (LETTER | NUMBER) != 0 {
            p += 2;
            while c(p) & (LETTER | MARK | NUMBER) != 0 {
                p += 1;
            }
        }
        // (?:['’](?![sS]\b)\p{L}[\p{L}\p{M}]*)*
        while char_in(text, p, &APOSTROPHES) {
            let possessive = (char_is(text, p + 1, 's') || char_is(text, p + 1, 'S')) && boundary_after_word(classes, text, p + 2);
            if possessive || !is(p + 1, LETTER) {
                break;
            }
            p += 2;
            while c(p) & (LETTER | MARK) != 0 {
                p += 1;
            }
        }
        // (?:[.,](?<=\p{N}[.,])\p{N}+)*
        while (char_is(text, p, '.') || char_is(text, p, ',')) && is(p - 1, NUMBER) && is(p + 1, NUMBER) {
            p += 2;
            while is(p, NUMBER) {
                p += 1;
            }
        }
        return Some(p);
    }
    // ['’][sS]\b
    if char_in(text, at, &APOSTROPHES) && (char_is(text, at + 1, 's') || char_is(text, at + 1, 'S')) && boundary_after_word(classes, text, at + 2) {
        return Some(at + 2);
    }
    // (?<=\S)'(?='')
    if at > 0 && !is(at - 1, SPACE) && char_is(text, at, '\'') && char_is(text, at + 1, '\'') && char_is(text, at + 2, '\'') {
        return Some(at + 1);
    }
    // ''|``
    if (char_is(text, at, '\'') && char_is(text, at + 1, '\'')) || (char_is(text, at, '`') && char_is(text, at + 1, '`')) {
        return Some(at + 2);
    }
    // \.\.\.|--|[^\s]
    if char_is(text, at, '.') && char_is(text, at + 1, '.') && char_is(text, at + 2, '.') {
        return Some(at + 3);
    }
    if char_is(text, at, '-') && char_is(text, at + 1, '-') {
        return Some(at + 2);
    }
    if at < text.len() && !is(at, SPACE) {
        return Some(at + 1);
    }
    None
}

/// The tokens' starts and ends (code point offsets), as tokenize() gives them: with `limit`,
/// at most limit + 1 tokens. None when a character is past the table.
pub fn tokenize(table: &[u8], text: &[u32], limit: Option<usize>) -> Option<(Vec<usize>, Vec<usize>)> {
    if text.iter().any(|&c| c as usize >= table.len()) {
        return None;
    }
    let classes = Classes { table };
    let (mut starts, mut ends) = (Vec::new(), Vec::new());
    let most = limit.map_or(usize::MAX, |l| l.saturating_add(1));
    let mut at = 0;
    while at < text.len() && starts.len() < most {
        match token_at(&classes, text, at) {
            Some(end) => {
                starts.push(at);
                ends.push(end);
                at = end;
            }
            None => at += 1,
        }
    }
    Some((starts, ends))
}
