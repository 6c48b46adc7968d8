//! A document's text and tokens as the text layer's modules read them (paragraphs.rs,
//! sentences.rs, quotes.rs, layer.rs): code points, what Python's str methods say of each
//! character, and which of the text layer's word and mark sets each token is in.
//!
//! Both tables come from Python (quotetrace.text.native_layer): the str-method bits are
//! made by calling `str.isspace()`, `str.isupper()` ... on every code point of the table,
//! and the sets are the Python modules' own frozensets, so the core cannot disagree with
//! the reference on a character or a word, and no list is written twice.

use std::collections::HashMap;

// What Python's str methods say of one character (the `str_classes` table).
pub const PY_SPACE: u8 = 1; // str.isspace
pub const PY_UPPER: u8 = 2; // str.isupper
pub const PY_LOWER: u8 = 4; // str.islower
pub const PY_TITLE: u8 = 8; // titlecase and not upper: str.isupper is false for a string holding one
pub const PY_DIGIT: u8 = 16; // str.isdigit
pub const PY_ALPHA: u8 = 32; // str.isalpha

// The sets a token's text may be in (exact text: marks and punctuation).
pub const CLOSER: u32 = 1 << 1; // sentences.CLOSERS
pub const OPENER: u32 = 1 << 2; // sentences.OPENERS
pub const DOUBLE: u32 = 1 << 3; // tokens.DOUBLE_QUOTES
pub const SINGLE: u32 = 1 << 4; // tokens.SINGLE_QUOTES
pub const OPENING_ONLY: u32 = 1 << 5; // quotes.OPENING_ONLY
pub const CLOSING_ONLY: u32 = 1 << 6; // quotes.CLOSING_ONLY
pub const CLOSING_PUNCTUATION: u32 = 1 << 7; // quotes.CLOSING_PUNCTUATION
pub const SENTENCE_CLOSER: u32 = 1 << 8; // document.SENTENCE_CLOSERS
// The sets a token's lower-cased text may be in (words).
pub const ABBREVIATION: u32 = 1 << 9; // sentences.ABBREVIATIONS
pub const NUMBER_ABBREVIATION: u32 = 1 << 10; // sentences.NUMBER_ABBREVIATIONS
pub const SENTENCE_OPENER: u32 = 1 << 11; // sentences.SENTENCE_OPENERS

/// The names Python gives the sets, with their bits.
pub const SET_NAMES: [(&str, u32); 11] = [
    ("closers", CLOSER),
    ("openers", OPENER),
    ("double_quotes", DOUBLE),
    ("single_quotes", SINGLE),
    ("opening_only", OPENING_ONLY),
    ("closing_only", CLOSING_ONLY),
    ("closing_punctuation", CLOSING_PUNCTUATION),
    ("sentence_closers", SENTENCE_CLOSER),
    ("abbreviations", ABBREVIATION),
    ("number_abbreviations", NUMBER_ABBREVIATION),
    ("sentence_openers", SENTENCE_OPENER),
];
const LOWER_CASED: u32 = ABBREVIATION | NUMBER_ABBREVIATION | SENTENCE_OPENER;

/// The text layer's sets: each string (as code points) with the bits of the sets holding it.
/// The word sets hold ASCII words only (checked when made), so a token's lower-cased form is
/// looked up only when the token is ASCII: no other code point of the table lower-cases to
/// ASCII letters alone (quotetrace.text.native_layer checks this when it builds the table).
pub struct Sets {
    exact: HashMap<Vec<u32>, u32>,
    lower: HashMap<Vec<u32>, u32>,
    longest: usize,
    longest_word: usize,
}

impl Sets {
    pub fn new(named: Vec<(String, Vec<String>)>) -> Result<Sets, String> {
        let (mut exact, mut lower) = (HashMap::new(), HashMap::new());
        for (name, members) in named {
            let bit = SET_NAMES.iter().find(|(n, _)| *n == name).map(|&(_, bit)| bit).ok_or_else(|| format!("no text-layer set named {name}"))?;
            for member in members {
                let key: Vec<u32> = member.chars().map(|c| c as u32).collect();
                if bit & LOWER_CASED != 0 {
                    if !member.bytes().all(|b| b.is_ascii_lowercase()) {
                        return Err(format!("{name}: {member:?} is not a lower-case ASCII word"));
                    }
                    *lower.entry(key).or_insert(0) |= bit;
                } else {
                    *exact.entry(key).or_insert(0) |= bit;
                }
            }
        }
        let longest = exact.keys().map(Vec::len).max().unwrap_or(0);
        let longest_word = lower.keys().map(Vec::len).max().unwrap_or(0);
        Ok(Sets { exact, lower, longest, longest_word })
    }

    /// The exact-text sets the token is in.
    pub fn of(&self, token: &[u32]) -> u32 {
        if token.len() > self.longest {
            return 0;
        }
        self.exact.get(token).copied().unwrap_or(0)
    }

    /// The word sets the token's lower-cased form is in (as `token.lower() in SET`).
    pub fn of_lower(&self, token: &[u32]) -> u32 {
        if token.len() > self.longest_word || !token.iter().all(|&c| c < 0x80) {
            return 0;
        }
        let folded: Vec<u32> = token.iter().map(|&c| if (b'A' as u32..=b'Z' as u32).contains(&c) { c + 32 } else { c }).collect();
        self.lower.get(&folded).copied().unwrap_or(0)
    }
}

/// One document: its code points, the tables, its tokens, and each token's exact-text sets.
pub struct Text<'a> {
    pub points: &'a [u32],
    pub regex_classes: &'a [u8], // tokens.rs's classes (\s of `regex` is tokens::SPACE)
    pub str_classes: &'a [u8],
    pub sets: &'a Sets,
    pub starts: &'a [usize],
    pub ends: &'a [usize],
    pub marks: Vec<u32>, // per token, Sets::of its text
}

impl<'a> Text<'a> {
    pub fn new(points: &'a [u32], regex_classes: &'a [u8], str_classes: &'a [u8], sets: &'a Sets, starts: &'a [usize], ends: &'a [usize]) -> Text<'a> {
        let marks = starts.iter().zip(ends).map(|(&s, &e)| sets.of(&points[s..e])).collect();
        Text { points, regex_classes, str_classes, sets, starts, ends, marks }
    }

    pub fn len(&self) -> usize {
        self.points.len()
    }

    pub fn tokens(&self) -> usize {
        self.starts.len()
    }

    pub fn token(&self, index: usize) -> &'a [u32] {
        &self.points[self.starts[index]..self.ends[index]]
    }

    /// What Python's str methods say of the character at `at` (0 past the end or the table).
    pub fn str_class(&self, at: usize) -> u8 {
        self.points.get(at).and_then(|&c| self.str_classes.get(c as usize)).copied().unwrap_or(0)
    }

    pub fn is_space(&self, at: usize) -> bool {
        self.str_class(at) & PY_SPACE != 0
    }

    /// `str.isupper()` of a run of characters: some upper-case one and no lower or title case.
    pub fn is_upper(&self, from: usize, to: usize) -> bool {
        let classes = (from..to).map(|at| self.str_class(at));
        let mut any_upper = false;
        for class in classes {
            if class & (PY_LOWER | PY_TITLE) != 0 {
                return false;
            }
            any_upper |= class & PY_UPPER != 0;
        }
        any_upper
    }

    /// Whether `regex` counts the character at `at` as \s (tokens.rs's table).
    pub fn is_regex_space(&self, at: usize) -> bool {
        self.points.get(at).and_then(|&c| self.regex_classes.get(c as usize)).is_some_and(|&class| class & crate::tokens::SPACE != 0)
    }

    pub fn char_is(&self, at: usize, c: char) -> bool {
        self.points.get(at) == Some(&(c as u32))
    }

    pub fn char_in(&self, at: usize, set: &str) -> bool {
        self.points.get(at).is_some_and(|&p| set.chars().any(|c| c as u32 == p))
    }

    /// bisect.bisect_left(starts, offset)
    pub fn first_token_from(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s < offset)
    }
}

/// bisect.bisect_right(sorted, value)
pub fn bisect_right(sorted: &[usize], value: usize) -> usize {
    sorted.partition_point(|&x| x <= value)
}
