//! One stage in one call: every rule of the stage run over its stream, each rule's matches
//! taken left to right as quotetrace.patterns.matcher.run_stage takes them, and the
//! overlapping candidates resolved as matcher.resolve does. The Python path calls the
//! core once per rule and resolves in Python; doing both here saves some 90 calls and the
//! sorting and bisecting of about 250 candidates a document, with the same candidates, in
//! the same order, and the same ones kept.

use crate::program::{Pack, Rule};
use crate::vm::{self, Budget, Limit, Scratch, Tokens};
use std::collections::HashMap;

/// What the stage needs to know of one of its rules, beyond its program.
pub struct RulePlan {
    pub index: usize,         // the rule's program in the pack
    pub overlapped: bool,     // a rule with a `key:` also takes matches that start inside another
    pub key: Option<u32>,     // the group of its key capture
    pub priority: i64,
    pub order: i64,           // its place in the pack
    pub label: u32,           // its first label, as a number the stage's rules share
    pub whole: Option<u32>,   // its groups _whole, _pre and _rest
    pub pre: Option<u32>,
    pub rest: Option<u32>,
}

/// One candidate: the rule (its place in the plan), where the match starts and ends in
/// tokens, and every capture span (group, first, end) in capture order.
pub struct Candidate {
    pub rule: usize,
    pub first: u32,
    pub end: u32,
    pub log: Vec<(u32, u32, u32)>,
}

/// How one rule of the stage ended: its candidates kept, or dropped for a limit.
#[derive(Clone, Copy)]
pub enum Outcome {
    Kept(usize),
    Steps,
    Stack,
    TooMany,
}

pub struct Limits {
    pub max_steps: u64,
    pub max_stack: usize,
    pub deadline: Option<std::time::Instant>,
    pub per_rule: Option<usize>,
    pub total: Option<usize>, // past this many candidates in the stage the document is given up
}

/// The candidates of a stage, and each rule's outcome (its place in the plan, how it ended).
pub type StageRun = (Vec<Candidate>, Vec<(usize, Outcome)>);

/// Where a rule may start: rules that share a first-word set or a lead test share the list.
#[derive(Hash, PartialEq, Eq, Clone, Copy)]
enum StartKey {
    First(usize),
    Lead(usize),
    Every,
}

fn start_key(rule: &Rule) -> StartKey {
    if rule.first.is_some() {
        StartKey::First(rule.first_id)
    } else if let Some(lead) = rule.lead {
        StartKey::Lead(lead)
    } else {
        StartKey::Every
    }
}

/// Where the match starts and ends as the matcher reads it: the group _pre's start when the
/// rule is anchored, _rest's end when it matches after its anchor first, else _whole.
fn bounds(plan: &RulePlan, log: &[(u32, u32, u32)]) -> (u32, u32) {
    let last = |group: Option<u32>| group.and_then(|g| log.iter().rev().find(|(h, _, _)| *h == g).map(|&(_, s, e)| (s, e)));
    let (mut first, mut end) = last(plan.whole).unwrap_or((0, 0));
    if let Some((s, _)) = last(plan.pre) {
        first = s;
        if let Some((_, e)) = last(plan.rest) {
            end = e;
        }
    }
    (first, end)
}

/// Run the rules `active` (places in `plan`, in order) over the tokens. Err(Limit::Time)
/// when the document's time budget ran out; otherwise the candidates in the order
/// run_stage makes them, and each active rule's outcome. Past `limits.total` candidates it
/// stops after the rule that went past (the caller gives the document up, as run_stage does).
pub fn run(pack: &Pack, plan: &[RulePlan], active: &[usize], tokens: &Tokens, limits: &Limits) -> Result<StageRun, Limit> {
    let mut scratch = Scratch::default();
    let mut starts: HashMap<StartKey, Vec<usize>> = HashMap::new();
    let mut candidates: Vec<Candidate> = Vec::new();
    let mut outcomes = Vec::with_capacity(active.len());
    for &place in active {
        let Some(rule_plan) = plan.get(place) else { continue };
        let Some(rule) = pack.rules.get(rule_plan.index) else { continue };
        if let Some(deadline) = limits.deadline {
            if std::time::Instant::now() >= deadline {
                return Err(Limit::Time);
            }
        }
        let places = starts.entry(start_key(rule)).or_insert_with(|| vm::starts(pack, rule, tokens));
        let mut budget = Budget { steps: 0, max_steps: limits.max_steps, max_stack: limits.max_stack, deadline: limits.deadline };
        let before = candidates.len();
        let mut resume = 0u32;
        let mut last_start: Option<u32> = None;
        let mut outcome = Outcome::Kept(0);
        // Past `per_rule` candidates the rule's are dropped, but it runs on: a rule that also
        // runs out of steps says so, as the per-rule path (limits first, then the count) does.
        let mut too_many = false;
        for &start in places.iter() {
            if !vm::guards_hold(pack, rule, tokens, start) {
                continue;
            }
            match vm::run_at(pack, rule, tokens, start, &mut scratch, &mut budget) {
                Ok(false) => continue,
                Ok(true) => {}
                Err(Limit::Time) => return Err(Limit::Time),
                Err(Limit::Steps) => {
                    outcome = Outcome::Steps;
                    break;
                }
                Err(Limit::Stack) => {
                    outcome = Outcome::Stack;
                    break;
                }
            }
            if too_many {
                continue;
            }
            let (first, end) = bounds(rule_plan, &scratch.log);
            if end == first {
                continue;
            }
            if !rule_plan.overlapped && first < resume {
                // Matches come in the order of their anchors, so a later anchor can give a
                // longer match from the same start; a left-to-right search would have taken it.
                if last_start == Some(first) && end > resume {
                    if let Some(previous) = candidates.last_mut() {
                        *previous = Candidate { rule: place, first, end, log: scratch.log.clone() };
                    }
                    resume = end;
                }
                continue;
            }
            resume = end;
            last_start = Some(first);
            candidates.push(Candidate { rule: place, first, end, log: scratch.log.clone() });
            if let Some(most) = limits.per_rule {
                if candidates.len() - before > most {
                    too_many = true;
                }
            }
        }
        if too_many && matches!(outcome, Outcome::Kept(_)) {
            outcome = Outcome::TooMany;
        }
        match outcome {
            Outcome::Kept(_) => outcomes.push((place, Outcome::Kept(candidates.len() - before))),
            dropped => {
                candidates.truncate(before);
                outcomes.push((place, dropped));
            }
        }
        if limits.total.is_some_and(|total| candidates.len() > total) {
            break;
        }
    }
    Ok((candidates, outcomes))
}

/// The token ranges of one group's spans as matcher._ranges makes them: sorted, empty ones
/// left out, touching ones joined.
pub fn ranges(log: &[(u32, u32, u32)], group: u32) -> Vec<(u32, u32)> {
    let mut spans: Vec<(u32, u32)> = log.iter().filter(|(g, _, _)| *g == group).map(|&(_, s, e)| (s, e)).collect();
    if spans.len() > 1 {
        spans.sort_unstable();
    }
    let mut ranges: Vec<(u32, u32)> = Vec::with_capacity(spans.len());
    for (s, e) in spans {
        if e <= s {
            continue;
        }
        match ranges.last_mut() {
            Some(last) if last.1 == s => last.1 = e,
            _ => ranges.push((s, e)),
        }
    }
    ranges
}

/// The extent of a key capture: its first range's start and its last range's end.
fn key_extent(log: &[(u32, u32, u32)], group: u32) -> Option<(u32, u32)> {
    let ranges = ranges(log, group);
    Some((ranges.first()?.0, ranges.last()?.1))
}

/// The lexicon hits of a match as Match.lexicon_hits lists them: the lexicon groups it
/// captured, in the order of their uses in the rule (`groups`: (group, place of its use)),
/// each group's non-empty spans in capture order; as (index into `groups`, first, end).
pub fn lexicon_hits(log: &[(u32, u32, u32)], groups: &[(u32, u32)]) -> Vec<(usize, u32, u32)> {
    let mut used: Vec<usize> = Vec::new();
    for &(group, _, _) in log {
        if let Some(at) = groups.iter().position(|&(g, _)| g == group) {
            if !used.contains(&at) {
                used.push(at);
            }
        }
    }
    used.sort_by_key(|&at| groups[at].1);
    let mut hits = Vec::new();
    for at in used {
        let group = groups[at].0;
        hits.extend(log.iter().filter(|&&(g, s, e)| g == group && e > s).map(|&(_, s, e)| (at, s, e)));
    }
    hits
}

/// The candidates kept, as places in `candidates`, in text order: per label, the best of
/// each group whose key spans overlap (higher priority, then longer match, then earlier
/// start, then earlier rule), as matcher.resolve keeps them. Err(Limit::Time) past the
/// deadline, checked every so many candidates as matcher.resolve checks it before each.
pub fn resolve(plan: &[RulePlan], candidates: &[Candidate], deadline: Option<std::time::Instant>) -> Result<Vec<usize>, Limit> {
    const CLOCK_EVERY: usize = 1024;
    struct Keyed {
        priority: i64,
        length: i64,
        first: u32,
        order: i64,
        span: (u32, u32),
        place: usize,
        label: u32,
    }
    let mut keyed: Vec<Keyed> = Vec::with_capacity(candidates.len());
    for (place, candidate) in candidates.iter().enumerate() {
        let Some(rule) = plan.get(candidate.rule) else { continue };
        let whole = (candidate.first, candidate.end);
        let span = match rule.key {
            Some(group) => key_extent(&candidate.log, group).unwrap_or(whole),
            None => whole,
        };
        keyed.push(Keyed {
            priority: rule.priority,
            length: candidate.end as i64 - candidate.first as i64,
            first: candidate.first,
            order: rule.order,
            span,
            place,
            label: rule.label,
        });
    }
    // Stable, as Python's sort: equal keys keep the order the candidates were made in.
    keyed.sort_by(|a, b| {
        b.priority
            .cmp(&a.priority)
            .then(b.length.cmp(&a.length))
            .then(a.first.cmp(&b.first))
            .then(a.order.cmp(&b.order))
            .then(a.span.cmp(&b.span))
    });
    let mut taken: HashMap<u32, (Vec<u32>, Vec<u32>)> = HashMap::new(); // label -> sorted starts, ends
    let mut kept: Vec<(u32, u32, i64, usize)> = Vec::new();
    for (number, item) in keyed.iter().enumerate() {
        if number % CLOCK_EVERY == CLOCK_EVERY - 1 {
            if let Some(deadline) = deadline {
                if std::time::Instant::now() >= deadline {
                    return Err(Limit::Time);
                }
            }
        }
        let (first, last) = item.span;
        let (starts, ends) = taken.entry(item.label).or_default();
        let i = starts.partition_point(|&s| s < last); // bisect_left: spans starting before `last`
        if i > 0 && ends[i - 1] > first {
            continue; // the nearest span starting before `last` reaches past `first`
        }
        starts.insert(i, first);
        ends.insert(i, last);
        let candidate = &candidates[item.place];
        kept.push((candidate.first, candidate.end, item.order, item.place));
    }
    kept.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    Ok(kept.into_iter().map(|(_, _, _, place)| place).collect())
}
