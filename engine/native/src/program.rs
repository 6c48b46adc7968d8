//! A pack's VM programs, read from the JSON that quotetrace.patterns.tokenvm writes, and
//! checked before use: the pack is untrusted input, so every index (test, set, lexicon,
//! register, group, jump target) is validated here and the VM never indexes out of range.

use serde_json::Value;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Word ids are small integers chosen by the compiler, not by the text: a multiplicative
/// hash is enough (and several times faster than the default SipHash).
#[derive(Default)]
pub struct WordHasher(u64);

impl Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ b as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_u32(&mut self, value: u32) {
        self.0 = (value as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

pub type WordMap<V> = HashMap<u32, V, BuildHasherDefault<WordHasher>>;

pub const FORMAT: u64 = 1;
pub const INFINITE: u32 = u32::MAX;

/// A set of values one position of a token may have (a bitset from `base`), or its complement.
pub struct ValueSet {
    pub base: u32,
    pub negated: bool,
    pub bits: Vec<u64>,
}

impl ValueSet {
    #[inline]
    pub fn contains(&self, value: u32) -> bool {
        let inside = if value >= self.base {
            let offset = (value - self.base) as usize;
            let word = offset / 64;
            word < self.bits.len() && (self.bits[word] >> (offset % 64)) & 1 == 1
        } else {
            false
        };
        inside != self.negated
    }
}

/// A token test: any of the conjunctions, each a list of (position in the token, set).
/// `single` is the one (position, set) of a test that is nothing more, as two tests in three
/// are: the VM runs those without walking the lists.
pub struct TokenTest {
    pub conjunctions: Vec<Vec<(usize, usize)>>,
    pub single: Option<(usize, usize)>,
}

/// One lexicon's phrases (word ids), each with its rank: the place of its alternative in
/// the lowered alternation, which decides the order the matches are tried in.
pub struct Lexicon {
    pub by_first: WordMap<Vec<(Vec<u32>, u32)>>,
    pub by_last: WordMap<Vec<(Vec<u32>, u32)>>,
}

#[derive(Clone, Copy, Debug)]
pub enum Inst {
    TestF(usize),
    TestB(usize),
    LexF(usize),
    LexB(usize),
    Split(usize, usize),
    Jmp(usize),
    Open(usize),
    Close(usize, u32),
    RepInit(usize),
    Rep { reg: usize, low: u32, high: u32, lazy: bool, exit: usize },
    RepEnd(usize, usize),
    Atom,
    AtomEnd,
    Look { negative: bool, cont: usize },
    LookEnd,
    Match,
}

pub struct Rule {
    pub code: Vec<Inst>,
    pub registers: usize,
    pub groups: Vec<String>,
    pub first: Option<ValueSet>,
    pub lead: Option<usize>,
}

pub struct Pack {
    pub width: usize,
    pub sets: Vec<ValueSet>,
    pub tests: Vec<TokenTest>,
    pub lexicons: Vec<Lexicon>,
    pub rules: Vec<Rule>,
}

type Checked<T> = Result<T, String>;

fn uint(value: &Value, what: &str) -> Checked<u64> {
    value.as_u64().ok_or_else(|| format!("{what}: expected a non-negative integer"))
}

fn array<'a>(value: &'a Value, what: &str) -> Checked<&'a Vec<Value>> {
    value.as_array().ok_or_else(|| format!("{what}: expected an array"))
}

fn bounded(value: &Value, limit: usize, what: &str) -> Checked<usize> {
    let number = uint(value, what)? as usize;
    if number >= limit {
        return Err(format!("{what}: {number} is out of range (< {limit})"));
    }
    Ok(number)
}

fn value_set(value: &Value) -> Checked<ValueSet> {
    let parts = array(value, "set")?;
    if parts.len() != 3 {
        return Err("set: expected [base, negated, values]".into());
    }
    let base = uint(&parts[0], "set base")? as u32;
    let negated = parts[1].as_bool().ok_or("set: negated must be a boolean")?;
    let mut bits: Vec<u64> = Vec::new();
    for item in array(&parts[2], "set values")? {
        let offset = uint(item, "set value")?;
        if offset > 0x10_FFFF {
            return Err("set value beyond Unicode".into());
        }
        let offset = offset as usize;
        if bits.len() <= offset / 64 {
            bits.resize(offset / 64 + 1, 0);
        }
        bits[offset / 64] |= 1 << (offset % 64);
    }
    Ok(ValueSet { base, negated, bits })
}

fn words(value: &Value) -> Checked<Vec<u32>> {
    let items = array(value, "phrase")?;
    if items.is_empty() {
        return Err("phrase: empty".into());
    }
    items.iter().map(|w| uint(w, "word id").map(|n| n as u32)).collect()
}

fn lexicon(value: &Value) -> Checked<Lexicon> {
    let mut by_first: WordMap<Vec<(Vec<u32>, u32)>> = WordMap::default();
    let mut by_last: WordMap<Vec<(Vec<u32>, u32)>> = WordMap::default();
    for row in array(value, "lexicon")? {
        let row = array(row, "lexicon row")?;
        if row.len() != 2 {
            return Err("lexicon row: expected [words, rank]".into());
        }
        let phrase = words(&row[0])?;
        let rank = uint(&row[1], "rank")? as u32;
        by_first.entry(phrase[0]).or_default().push((phrase.clone(), rank));
        by_last.entry(*phrase.last().unwrap_or(&0)).or_default().push((phrase, rank));
    }
    for list in by_first.values_mut().chain(by_last.values_mut()) {
        list.sort_by_key(|(_, rank)| *rank);
    }
    Ok(Lexicon { by_first, by_last })
}

fn flag(value: &Value, what: &str) -> Checked<bool> {
    value.as_bool().ok_or_else(|| format!("{what}: expected a boolean"))
}

fn rule(value: &Value, pack: &Pack) -> Checked<Rule> {
    let object = value.as_object().ok_or("rule: expected an object")?;
    let field = |name: &str| object.get(name).ok_or_else(|| format!("rule: missing '{name}'"));
    let registers = uint(field("registers")?, "registers")? as usize;
    if registers > 1 << 20 {
        return Err("rule: too many registers".into());
    }
    let groups: Vec<String> = array(field("groups")?, "groups")?
        .iter()
        .map(|g| g.as_str().map(str::to_owned).ok_or_else(|| "group: expected a string".to_string()))
        .collect::<Checked<_>>()?;
    let raw = array(field("code")?, "code")?;
    let size = raw.len();
    let mut code = Vec::with_capacity(size);
    for instruction in raw {
        let parts = array(instruction, "instruction")?;
        let op = parts.first().and_then(Value::as_str).ok_or("instruction: expected an operation name")?;
        let arg = |i: usize| parts.get(i).ok_or_else(|| format!("{op}: missing operand {i}"));
        let target = |i: usize| -> Checked<usize> { bounded(arg(i)?, size, "jump target") };
        let inst = match op {
            "TESTF" => Inst::TestF(bounded(arg(1)?, pack.tests.len(), "test")?),
            "TESTB" => Inst::TestB(bounded(arg(1)?, pack.tests.len(), "test")?),
            "LEXF" => Inst::LexF(bounded(arg(1)?, pack.lexicons.len(), "lexicon")?),
            "LEXB" => Inst::LexB(bounded(arg(1)?, pack.lexicons.len(), "lexicon")?),
            "SPLIT" => Inst::Split(target(1)?, target(2)?),
            "JMP" => Inst::Jmp(target(1)?),
            "OPEN" => Inst::Open(bounded(arg(1)?, registers, "register")?),
            "CLOSE" => Inst::Close(bounded(arg(1)?, registers, "register")?, bounded(arg(2)?, groups.len(), "group")? as u32),
            "REPINIT" => Inst::RepInit(bounded(arg(1)?, registers, "register")?),
            "REP" => Inst::Rep {
                reg: bounded(arg(1)?, registers, "register")?,
                low: uint(arg(2)?, "low")?.min(INFINITE as u64) as u32,
                high: uint(arg(3)?, "high")?.min(INFINITE as u64) as u32,
                lazy: flag(arg(4)?, "lazy")?,
                exit: target(5)?,
            },
            "REPEND" => Inst::RepEnd(bounded(arg(1)?, registers, "register")?, target(2)?),
            "ATOM" => Inst::Atom,
            "ATOMEND" => Inst::AtomEnd,
            "LOOK" => Inst::Look { negative: flag(arg(1)?, "negative")?, cont: target(2)? },
            "LOOKEND" => Inst::LookEnd,
            "MATCH" => Inst::Match,
            other => return Err(format!("unknown operation {other}")),
        };
        code.push(inst);
    }
    if !matches!(code.last(), Some(Inst::Match)) {
        return Err("rule: the code must end with MATCH".into());
    }
    check_nesting(&code)?;
    let first = match field("first")? {
        Value::Null => None,
        ids => {
            let mut bits: Vec<u64> = Vec::new();
            for id in array(ids, "first")? {
                let id = uint(id, "first word")?.min(0x10_FFFF) as usize;
                if bits.len() <= id / 64 {
                    bits.resize(id / 64 + 1, 0);
                }
                bits[id / 64] |= 1 << (id % 64);
            }
            Some(ValueSet { base: 0xF0000, negated: false, bits })
        }
    };
    let lead = match field("lead")? {
        Value::Null => None,
        test => Some(bounded(test, pack.tests.len(), "lead test")?),
    };
    Ok(Rule { code, registers, groups, first, lead })
}

/// Atomic groups and lookarounds must close in the order they open along straight-line code,
/// and jumps stay within the code: enough for the VM's barrier bookkeeping never to find an
/// end without its start (it checks that too, and fails the match instead of panicking).
fn check_nesting(code: &[Inst]) -> Checked<()> {
    let mut depth: i64 = 0;
    for inst in code {
        match inst {
            Inst::Atom | Inst::Look { .. } => depth += 1,
            Inst::AtomEnd | Inst::LookEnd => {
                depth -= 1;
                if depth < 0 {
                    return Err("an atomic group or lookaround closes without opening".into());
                }
            }
            _ => {}
        }
    }
    if depth != 0 {
        return Err("an atomic group or lookaround is not closed".into());
    }
    Ok(())
}

pub fn read_pack(text: &str) -> Checked<Pack> {
    let document: Value = serde_json::from_str(text).map_err(|e| format!("not a VM program: {e}"))?;
    let object = document.as_object().ok_or("pack: expected an object")?;
    let field = |name: &str| object.get(name).ok_or_else(|| format!("pack: missing '{name}'"));
    let format = uint(field("format")?, "format")?;
    if format != FORMAT {
        return Err(format!("VM program format {format}, this core reads {FORMAT}"));
    }
    let width = uint(field("width")?, "width")? as usize;
    if width == 0 || width > 4096 {
        return Err("pack: width out of range".into());
    }
    let sets = array(field("sets")?, "sets")?.iter().map(value_set).collect::<Checked<Vec<_>>>()?;
    let mut tests = Vec::new();
    for test in array(field("tests")?, "tests")? {
        let mut conjunctions = Vec::new();
        for conjunction in array(test, "test")? {
            let mut pairs = Vec::new();
            for pair in array(conjunction, "conjunction")? {
                let pair = array(pair, "constraint")?;
                if pair.len() != 2 {
                    return Err("constraint: expected [position, set]".into());
                }
                pairs.push((bounded(&pair[0], width, "position")?, bounded(&pair[1], sets.len(), "set")?));
            }
            conjunctions.push(pairs);
        }
        let single = match conjunctions.as_slice() {
            [only] if only.len() == 1 => Some(only[0]),
            _ => None,
        };
        tests.push(TokenTest { conjunctions, single });
    }
    let lexicons = array(field("lexicons")?, "lexicons")?.iter().map(lexicon).collect::<Checked<Vec<_>>>()?;
    let mut pack = Pack { width, sets, tests, lexicons, rules: Vec::new() };
    let rules = array(field("rules")?, "rules")?.iter().map(|r| rule(r, &pack)).collect::<Checked<Vec<_>>>()?;
    pack.rules = rules;
    Ok(pack)
}
