//! The token-level backtracking VM: one rule's program tried at one token, with an explicit
//! stack (no recursion), a step budget and a cap on the stack's size.
//!
//! State: the position (a token index), registers (capture starts, repetition counters), a
//! log of capture spans, and a trail that undoes register writes. A choice point saves the
//! program counter, the position and the lengths of the trail and the log; failing pops the
//! latest one and restores them. Atomic groups and lookarounds push a barrier: at their end
//! the choice points above it are cut (so they are never gone back into, as in `regex`);
//! failing down to a barrier ends the group (a negative lookaround then succeeds).

use crate::program::{Inst, Pack, Rule, INFINITE};

const CHOICE: u8 = 0;
const ATOMIC: u8 = 1;
const POSITIVE: u8 = 2;
const NEGATIVE: u8 = 3;

#[derive(Clone, Copy)]
struct Frame {
    kind: u8,
    pc: u32, // where to resume (a choice) or go on after the group (a negative lookaround)
    pos: u32,
    trail: u32,
    log: u32,
}

/// Why a rule stopped before trying every token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    Steps,
    Stack,
    Time, // the document's wall-clock budget (a last resort, checked every CLOCK_EVERY steps)
}

const CLOCK_EVERY: u64 = 1 << 16;

/// The buffers of a run, kept from one try to the next.
#[derive(Default)]
pub struct Scratch {
    stack: Vec<Frame>,
    barriers: Vec<usize>,
    registers: Vec<u32>,
    trail: Vec<(u32, u32)>,
    pub log: Vec<(u32, u32, u32)>, // (group, first token, end token)
    ends: Vec<(u32, u32)>,
    places: Vec<u32>,
}

pub struct Tokens<'a> {
    pub values: &'a [u32], // width values per token: the stream's code points
    pub words: &'a [u32],  // the first of each token's values (its word), one per token
    pub count: usize,
}

pub struct Budget {
    pub steps: u64,
    pub max_steps: u64,
    pub max_stack: usize,
    pub deadline: Option<std::time::Instant>,
}

#[inline]
fn passes(pack: &Pack, test: usize, tokens: &Tokens, token: usize) -> bool {
    let test = &pack.tests[test];
    if let Some((position, set)) = &test.single {
        let position = *position;
        return set.contains(&pack.bits, tokens.values[token * pack.width + position]);
    }
    let row = &tokens.values[token * pack.width..(token + 1) * pack.width];
    test.conjunctions
        .iter()
        .any(|conjunction| conjunction.iter().all(|(position, set)| set.contains(&pack.bits, row[*position])))
}

/// The tokens where the rule may start at all (its first word, or its lead test), in order.
/// Found in one tight pass over the words before any is tried: every rule looks at every
/// token here, so this loop costs as much as the matching that follows.
pub fn starts(pack: &Pack, rule: &Rule, tokens: &Tokens) -> Vec<usize> {
    if let Some(first) = &rule.first {
        return tokens.words.iter().enumerate().filter(|&(_, &word)| first.contains(word)).map(|(token, _)| token).collect();
    }
    if let Some(lead) = rule.lead {
        return (0..tokens.count).filter(|&token| passes(pack, lead, tokens, token)).collect();
    }
    (0..tokens.count).collect()
}

/// How far back from a start a guard looks for its target; past it the start is tried (so a
/// start costs at most this many token tests per guard, whatever the document).
const GUARD_REACH: usize = 128;

/// Whether the rule's guards let it start at `start`: for each, scanning from the start
/// (backwards from the token before it), a token passing the target test comes before any
/// token failing the region test. A start that fails one cannot match
/// (quotetrace.patterns.tokenvm.guards says why).
pub fn guards_hold(pack: &Pack, rule: &Rule, tokens: &Tokens, start: usize) -> bool {
    rule.guards.iter().all(|guard| {
        // Some(answer) once a token decides it.
        let decides = |token: usize| {
            if passes(pack, guard.target, tokens, token) {
                Some(true)
            } else if !passes(pack, guard.region, tokens, token) {
                Some(false)
            } else {
                None
            }
        };
        // Not decided within reach: try the start; past the document's edge: no target.
        if guard.forward {
            let reach_end = start.saturating_add(GUARD_REACH).min(tokens.count);
            (start..reach_end).find_map(decides).unwrap_or(reach_end < tokens.count)
        } else {
            (start.saturating_sub(GUARD_REACH)..start).rev().find_map(decides).unwrap_or(start > GUARD_REACH)
        }
    })
}

#[inline]
fn word(tokens: &Tokens, token: usize) -> u32 {
    tokens.words[token].wrapping_sub(0xF0000)
}

fn phrase_at(tokens: &Tokens, first: usize, phrase: &[u32]) -> bool {
    first + phrase.len() <= tokens.count && phrase.iter().enumerate().all(|(i, &w)| word(tokens, first + i) == w)
}

/// Try the rule at `start`; true when it matched (the spans are then in scratch.log).
pub fn run_at(pack: &Pack, rule: &Rule, tokens: &Tokens, start: usize, scratch: &mut Scratch, budget: &mut Budget) -> Result<bool, Limit> {
    let Scratch { stack, barriers, registers, trail, log, ends, places } = scratch;
    stack.clear();
    barriers.clear();
    trail.clear();
    log.clear();
    registers.clear();
    registers.resize(rule.registers, 0);
    let code = &rule.code;
    let count = tokens.count;
    let mut pc: usize = 0;
    let mut pos: usize = start;
    // The trail and the log grow along the path being tried (backtracking shortens them);
    // they are bounded like the stack, so no program and text can take unbounded memory.
    let max_entries = budget.max_stack.saturating_mul(4);
    macro_rules! set_register {
        ($r:expr, $v:expr) => {{
            let r = $r;
            if trail.len() >= max_entries {
                return Err(Limit::Stack);
            }
            trail.push((r as u32, registers[r]));
            registers[r] = $v;
        }};
    }
    macro_rules! push {
        ($kind:expr, $pc:expr, $pos:expr) => {{
            if stack.len() >= budget.max_stack {
                return Err(Limit::Stack);
            }
            stack.push(Frame { kind: $kind, pc: $pc as u32, pos: $pos as u32, trail: trail.len() as u32, log: log.len() as u32 });
        }};
    }
    // One step, counted and checked as the top of the loop counts and checks it: the
    // shortcuts below take the steps of the instructions they stand for, one by one.
    macro_rules! tick {
        () => {{
            budget.steps += 1;
            if budget.steps > budget.max_steps {
                return Err(Limit::Steps);
            }
            if budget.steps % CLOCK_EVERY == 0 {
                if let Some(deadline) = budget.deadline {
                    if std::time::Instant::now() >= deadline {
                        return Err(Limit::Time);
                    }
                }
            }
        }};
    }
    // A choice whose option opens with a token test failing here: pushing the choice point,
    // failing the test and popping it back would resume at `$resume` with nothing else
    // changed. Go there at once, with the same steps (the test, then the pop).
    macro_rules! skip_option {
        ($resume:expr) => {{
            if stack.len() >= budget.max_stack {
                return Err(Limit::Stack);
            }
            tick!(); // the test
            budget.steps += 1; // the pop
            pc = $resume;
        }};
    }
    loop {
        tick!();
        let mut ok = true;
        match code[pc] {
            Inst::TestF(test) => {
                if pos < count && passes(pack, test, tokens, pos) {
                    pos += 1;
                    pc += 1;
                } else {
                    ok = false;
                }
            }
            Inst::TestB(test) => {
                if pos > 0 && passes(pack, test, tokens, pos - 1) {
                    pos -= 1;
                    pc += 1;
                } else {
                    ok = false;
                }
            }
            // A unit, (?:B(?:I)*+(?!I)): possessive, so one way through, without choice
            // points. Each token walked counts as a step.
            Inst::UnitF(begin, inside) => {
                if pos < count && passes(pack, begin, tokens, pos) {
                    let from = pos;
                    pos += 1;
                    while pos < count && passes(pack, inside, tokens, pos) {
                        pos += 1;
                    }
                    budget.steps += (pos - from - 1) as u64;
                    pc += 1;
                } else {
                    ok = false;
                }
            }
            Inst::UnitB(begin, inside) => {
                // Right to left: no inside token after the span, the inside run, its begin.
                if pos < count && passes(pack, inside, tokens, pos) {
                    ok = false;
                } else {
                    let mut at = pos;
                    while at > 0 && passes(pack, inside, tokens, at - 1) {
                        at -= 1;
                    }
                    budget.steps += (pos - at) as u64;
                    if at > 0 && passes(pack, begin, tokens, at - 1) {
                        pos = at - 1;
                        pc += 1;
                    } else {
                        ok = false;
                    }
                }
            }
            Inst::LexF(lexicon) | Inst::LexB(lexicon) => {
                let forward = matches!(code[pc], Inst::LexF(_));
                ends.clear();
                let table = &pack.lexicons[lexicon];
                if forward {
                    if pos < count {
                        if let Some(phrases) = table.by_first.get(&word(tokens, pos)) {
                            for (phrase, rank) in phrases {
                                if phrase_at(tokens, pos, phrase) {
                                    ends.push((*rank, (pos + phrase.len()) as u32));
                                }
                            }
                        }
                    }
                } else if pos > 0 {
                    if let Some(phrases) = table.by_last.get(&word(tokens, pos - 1)) {
                        for (phrase, rank) in phrases {
                            if phrase.len() <= pos && phrase_at(tokens, pos - phrase.len(), phrase) {
                                ends.push((*rank, (pos - phrase.len()) as u32));
                            }
                        }
                    }
                }
                if ends.is_empty() {
                    ok = false;
                } else {
                    // In rank order (the lists are sorted by rank), each place once.
                    places.clear();
                    for &(_, place) in ends.iter() {
                        if !places.contains(&place) {
                            places.push(place);
                        }
                    }
                    for &place in places.iter().skip(1).rev() {
                        push!(CHOICE, pc + 1, place);
                    }
                    pos = places[0] as usize;
                    pc += 1;
                }
            }
            Inst::Split(mut first, mut second) => {
                // About a third of all steps: alternations of words and shapes, tried token
                // by token, most of them a chain of splits whose options each open with a
                // token test. The chain is walked here, without going back to the dispatch
                // for each split and each test (an indirect jump the CPU mispredicts), in the
                // same steps as instruction by instruction: an option whose test fails is
                // skipped (its test, then the pop of its choice point), one whose test passes
                // is taken (the choice point, the test, and a JMP after it).
                loop {
                    match code.get(first).and_then(|&inst| test_fails(pack, tokens, inst, pos)) {
                        Some(true) => {
                            skip_option!(second);
                            if let Some(&Inst::Split(a, b)) = code.get(pc) {
                                tick!(); // the next split
                                (first, second) = (a, b);
                                continue;
                            }
                        }
                        Some(false) => {
                            push!(CHOICE, second, pos);
                            tick!(); // the test, which passes
                            pos = if matches!(code[first], Inst::TestF(_)) { pos + 1 } else { pos - 1 };
                            pc = first + 1;
                            if let Some(&Inst::Jmp(target)) = code.get(pc) {
                                tick!();
                                pc = target;
                            }
                        }
                        None => {
                            push!(CHOICE, second, pos);
                            pc = first;
                        }
                    }
                    break;
                }
            }
            Inst::Jmp(target) => pc = target,
            Inst::Open(register) => {
                set_register!(register, pos as u32);
                pc += 1;
            }
            Inst::Close(register, group) => {
                let opened = registers[register];
                let here = pos as u32;
                if log.len() >= max_entries {
                    return Err(Limit::Stack);
                }
                log.push((group, opened.min(here), opened.max(here)));
                pc += 1;
            }
            Inst::RepInit(register) => {
                set_register!(register, 0);
                pc += 1;
            }
            Inst::Rep { reg, low, high, lazy, exit } => {
                let done = registers[reg];
                if done < low {
                    pc += 1;
                } else if high != INFINITE && done >= high {
                    pc = exit;
                } else if !lazy {
                    // A body that opens with a token test failing here ends the loop.
                    if code.get(pc + 1).and_then(|&inst| test_fails(pack, tokens, inst, pos)) == Some(true) {
                        skip_option!(exit);
                        continue;
                    }
                    push!(CHOICE, exit, pos);
                    pc += 1;
                } else {
                    push!(CHOICE, pc + 1, pos);
                    pc = exit;
                }
            }
            Inst::RepEnd(register, loop_at) => {
                let done = registers[register].saturating_add(1);
                set_register!(register, done);
                pc = loop_at;
            }
            Inst::Atom => {
                push!(ATOMIC, pc + 1, pos);
                barriers.push(stack.len() - 1);
                pc += 1;
            }
            Inst::Look { negative, cont } => {
                // A lookaround of one token test (a word before, a shape after): decided here,
                // in the steps the barrier, the test and its end or its failure take.
                if let (Some(fails), Some(Inst::AtomEnd | Inst::LookEnd)) = (code.get(pc + 1).and_then(|&inst| test_fails(pack, tokens, inst, pos)), code.get(pc + 2)) {
                    if stack.len() >= budget.max_stack {
                        return Err(Limit::Stack);
                    }
                    tick!(); // the test
                    if fails {
                        budget.steps += 1; // the barrier popped: a negative one goes on, a positive one fails
                        if negative {
                            pc = cont;
                        } else {
                            ok = false;
                        }
                    } else {
                        tick!(); // the end of the body: a positive one goes on, a negative one fails
                        if negative {
                            ok = false;
                        } else {
                            pc = cont;
                        }
                    }
                    if ok {
                        continue;
                    }
                } else {
                    push!(if negative { NEGATIVE } else { POSITIVE }, cont, pos);
                    barriers.push(stack.len() - 1);
                    pc += 1;
                }
            }
            Inst::AtomEnd | Inst::LookEnd => {
                let Some(at) = barriers.pop() else {
                    return Ok(false); // cannot happen for a checked program; fail rather than panic
                };
                let frame = stack[at];
                stack.truncate(at);
                match frame.kind {
                    ATOMIC => pc += 1,
                    POSITIVE => {
                        pos = frame.pos as usize;
                        pc = frame.pc as usize;
                    }
                    _ => ok = false, // a negative lookaround's body matched
                }
            }
            Inst::Match => return Ok(true),
        }
        if ok {
            continue;
        }
        // Fail: back to the latest choice point.
        loop {
            let Some(frame) = stack.pop() else {
                return Ok(false);
            };
            budget.steps += 1;
            if frame.kind != CHOICE {
                barriers.pop(); // every other frame is a barrier, the latest one
            }
            if frame.kind == CHOICE || frame.kind == NEGATIVE {
                // Resume at a choice point, or after a negative lookaround whose body failed.
                undo(trail, registers, frame.trail as usize);
                log.truncate(frame.log as usize);
                pos = frame.pos as usize;
                pc = frame.pc as usize;
                break;
            } // an atomic group or a positive lookaround failed: fail further back
        }
    }
}

/// Whether a token test instruction fails at `pos` (None: not a token test). Only reads.
#[inline]
fn test_fails(pack: &Pack, tokens: &Tokens, inst: Inst, pos: usize) -> Option<bool> {
    match inst {
        Inst::TestF(test) => Some(!(pos < tokens.count && passes(pack, test, tokens, pos))),
        Inst::TestB(test) => Some(!(pos > 0 && passes(pack, test, tokens, pos - 1))),
        _ => None,
    }
}

fn undo(trail: &mut Vec<(u32, u32)>, registers: &mut [u32], to: usize) {
    while trail.len() > to {
        if let Some((register, old)) = trail.pop() {
            registers[register as usize] = old;
        }
    }
}
