//! quotetrace.text.quotes in the core: the same quotations, by the same steps (its docstring
//! says why each: pairing within a paragraph, single marks inside double ones or clearly
//! placed at top level, British nesting, quotations running over paragraphs, transcript
//! turns, curly marks typed the wrong way round).

use crate::text::{Text, CLOSING_ONLY, CLOSING_PUNCTUATION, DOUBLE, OPENING_ONLY, PY_ALPHA, SINGLE};

const MAX_TOP_LEVEL_SINGLE: usize = 80; // quotes.MAX_TOP_LEVEL_SINGLE
const MAX_LABEL_TOKENS: usize = 3; // quotes.MAX_LABEL_TOKENS

/// quotes.Quote: token indices of its marks, its level, whether it closed in its paragraph
/// and whether it continues one of the paragraph before.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quote {
    pub first: usize,
    pub last: usize,
    pub level: u8,
    pub closed: bool,
    pub continues: bool,
}

/// (left, right) flanking of the mark between `start` and `end`: quotes._flanking.
fn flanking(text: &Text, start: usize, end: usize) -> (bool, bool) {
    let before_space = start == 0 || text.is_space(start - 1);
    let after_space = end >= text.len() || text.is_space(end);
    let left = !after_space && (before_space || (start > 0 && text.char_in(start - 1, "([{—–-/\"“‘'")));
    let right = !before_space && (after_space || text.char_in(end, ".,;:!?)]}—–-\"”’'"));
    (left, right)
}

fn token_flanking(text: &Text, token: usize) -> (bool, bool) {
    flanking(text, text.starts[token], text.ends[token])
}

fn can_open(mark: u32, left: bool, right: bool) -> bool {
    if mark & OPENING_ONLY != 0 {
        return true;
    }
    if mark & CLOSING_ONLY != 0 {
        return left && !right; // a closing mark typed where an opening one belongs: ”get close
    }
    left || !right
}

fn can_close(mark: u32, left: bool, right: bool) -> bool {
    if mark & CLOSING_ONLY != 0 {
        return true;
    }
    if mark & OPENING_ONLY != 0 {
        return right && !left; // an opening mark typed where a closing one belongs: not,“ he said
    }
    right || !left
}

/// All quotations, ordered by their opening mark (`paragraphs`: token ranges).
pub fn quote_spans(text: &Text, paragraphs: &[(usize, usize)]) -> Vec<Quote> {
    let mut quotes: Vec<Quote> = Vec::new();
    // Paragraphs whose first token, a quote mark, opens a transcript's turn (once each).
    let turns: Vec<bool> = paragraphs.iter().map(|&(first, last)| opens_turn(text, first, last)).collect();
    let (mut carried, mut carried_single) = (false, false);
    for (p, &(first, last)) in paragraphs.iter().enumerate() {
        let marks: Vec<usize> = (first..last).filter(|&i| text.marks[i] & (DOUBLE | SINGLE) != 0).collect();
        let mut open_at: Option<usize> = None;
        let mut continues = false;
        for &i in marks.iter().filter(|&&i| text.marks[i] & DOUBLE != 0 && !(turns[p] && i == first)) {
            let (left, right) = token_flanking(text, i);
            let mark = text.marks[i];
            match open_at {
                None => {
                    if can_open(mark, left, right) {
                        open_at = Some(i);
                        continues = carried && i == first;
                    }
                }
                Some(opened) => {
                    if can_close(mark, left, right) {
                        quotes.push(Quote { first: opened, last: i, level: 1, closed: true, continues });
                        open_at = None;
                    } else if can_open(mark, left, right) {
                        open_at = Some(i); // the earlier mark was never closed: drop it
                        continues = false;
                    }
                }
            }
        }
        carried = false;
        if let (Some(opened), Some(&(next_first, _))) = (open_at, paragraphs.get(p + 1)) {
            let next_mark = text.marks.get(next_first).copied().unwrap_or(0);
            if next_mark & DOUBLE != 0 && {
                let (left, right) = token_flanking(text, next_first);
                can_open(next_mark, left, right)
            } && !turns[p + 1]
            {
                quotes.push(Quote { first: opened, last: last - 1, level: 1, closed: false, continues });
                carried = true;
            }
        }

        let singles: Vec<usize> = marks.iter().copied().filter(|&i| text.marks[i] & SINGLE != 0).collect();
        let (mut found, mut left_open) = (Vec::new(), None);
        if !singles.is_empty() {
            (found, left_open) = single_quotes(text, &singles, &quotes, first, last, carried_single);
        }
        carried_single = false;
        if let (Some((opened, opened_continues)), Some(&(next_first, _))) = (left_open, paragraphs.get(p + 1)) {
            if text.marks.get(next_first).is_some_and(|&mark| mark & OPENING_ONLY != 0 && mark & SINGLE != 0) {
                found.push(Quote { first: opened, last: last - 1, level: 1, closed: false, continues: opened_continues });
                carried_single = true;
            }
        }
        for single in &found {
            if single.level == 1 {
                // British nesting: the double quotations inside are level 2
                for quote in quotes.iter_mut() {
                    if quote.level == 1 && single.first < quote.first && quote.last < single.last {
                        quote.level = 2;
                    }
                }
            }
        }
        quotes.extend(found);
    }
    quotes.sort_by(|a, b| a.first.cmp(&b.first).then(b.last.cmp(&a.last)));
    quotes
}

/// The paragraph opens with a double quote mark, then a speaker's label in capitals and a colon.
fn opens_turn(text: &Text, first: usize, last: usize) -> bool {
    if first >= last || text.marks[first] & DOUBLE == 0 {
        return false;
    }
    let mut k = first + 1;
    while k < last
        && k - first <= MAX_LABEL_TOKENS
        && (text.token(k) == ['.' as u32] || (text.is_upper(text.starts[k], text.ends[k]) && text.token(k).len() > 1))
    {
        k += 1;
    }
    first + 1 < k && k < last && text.token(k) == [':' as u32]
}

/// Pair single marks inside each double quotation of the paragraph, then at top level: the
/// quotations and, when a top-level one opened with a curly mark is still open at the
/// paragraph's end, (its opening mark, whether it continues one); `carried` says that a
/// quotation of the previous paragraph runs on into this one. As quotes._single_quotes.
fn single_quotes(text: &Text, singles: &[usize], quotes: &[Quote], first: usize, last: usize, carried: bool) -> (Vec<Quote>, Option<(usize, bool)>) {
    let mut found = Vec::new();
    let enclosing: Vec<(usize, usize)> = quotes.iter().filter(|q| q.level == 1 && first <= q.first && q.first < last).map(|q| (q.first, q.last)).collect();
    let mut used: Vec<usize> = Vec::new();
    let mut regions = enclosing.clone();
    regions.push((first, last - 1));
    let mut left_open = None;
    for (region_index, &(lo, hi)) in regions.iter().enumerate() {
        let top_level = region_index == enclosing.len();
        let mut open_at: Option<usize> = None;
        let closers: Vec<usize> = singles.iter().copied().filter(|&i| lo < i && i <= hi && token_flanking(text, i).1).collect();
        for &i in singles {
            // A region of a double quotation starts at its mark; the paragraph's at its first token.
            let after_start = if top_level { lo <= i } else { lo < i };
            if !after_start || i >= hi + usize::from(top_level) || used.contains(&i) {
                continue;
            }
            if top_level && enclosing.iter().any(|&(a, b)| a <= i && i <= b) {
                continue;
            }
            let (left, right) = token_flanking(text, i);
            let mark = text.marks[i];
            match open_at {
                None => {
                    if left && !right && can_open(mark, left, right) {
                        open_at = Some(i);
                    }
                }
                Some(opened) => {
                    if right && can_close(mark, left, right) && !plural_possessive(text, i, &closers) {
                        let believed = !top_level
                            || i - opened <= MAX_TOP_LEVEL_SINGLE
                            || (text.marks[opened] & OPENING_ONLY != 0 && text.marks[i - 1] & CLOSING_PUNCTUATION != 0);
                        if believed && stripped_length(text, text.ends[opened], text.starts[i]) > 1 {
                            let continues = top_level && carried && opened == first;
                            found.push(Quote { first: opened, last: i, level: if top_level { 1 } else { 2 }, closed: true, continues });
                            used.extend([opened, i]);
                        }
                        open_at = None;
                    }
                }
            }
        }
        if let Some(opened) = open_at {
            if top_level && text.marks[opened] & OPENING_ONLY != 0 {
                left_open = Some((opened, carried && opened == first));
            }
        }
    }
    (found, left_open)
}

/// len(text[start:end].strip())
fn stripped_length(text: &Text, mut start: usize, mut end: usize) -> usize {
    if end <= start {
        return 0;
    }
    while start < end && text.is_space(start) {
        start += 1;
    }
    while end > start && text.is_space(end - 1) {
        end -= 1;
    }
    end - start
}

/// A mark after an s with a word after it ("the workers’ pay") while a later mark could
/// close the quotation: a possessive, not the end of the quotation.
fn plural_possessive(text: &Text, index: usize, closers: &[usize]) -> bool {
    let (start, end) = (text.starts[index], text.ends[index]);
    start > 0
        && text.char_in(start - 1, "sS")
        && end + 1 < text.len()
        && text.is_space(end)
        && text.str_class(end + 1) & PY_ALPHA != 0
        && closers.iter().any(|&c| c > index)
}
