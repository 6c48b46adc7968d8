//! A pack's VM programs, read from the JSON that quotetrace.patterns.tokenvm writes, and
//! checked before use: the pack is untrusted input, so every index (test, set, lexicon,
//! register, group, jump target) is validated here and the VM never indexes out of range.
//!
//! The instructions (about 55,000 for the bundled pack) are read straight into a compact
//! form (RawInst), not into a tree of serde_json Values: that tree took some 17 MB while the
//! pack was read, a fifth of the memory of a whole extraction run.

use serde::de::{Deserialize, Deserializer, SeqAccess, Visitor};
use serde_json::Value;
use std::borrow::Cow;
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

pub const FORMAT: u64 = 4; // 2: UNITF and UNITB; 3: guards; 4: guards both ways
pub const INFINITE: u32 = u32::MAX;
/// The first code point of the words (quotetrace.patterns.encoding.WORD_BASE).
pub const WORD_BASE: u32 = 0xF0000;

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

/// A value set as the token tests hold it: its bits are in the pack's one arena (Pack::bits),
/// so testing a token reads the test, then the bits, and nothing between.
///
/// A set of words (WORD_BASE) is a column of the pack's word table instead (`stride` > 0):
/// one row per word, one bit per word set, so that all the word sets a token is tested
/// against read the one row of its word, which stays in the cache while the VM tries the
/// alternatives at that token. Each word set of its own took a cache line (or several) of
/// its own, some 750 of them, and waiting for those was most of the time of a test.
#[derive(Clone, Copy)]
pub struct SetRef {
    pub base: u32,
    pub negated: bool,
    pub bit: u8,     // a column: its bit in a row
    pub offset: u32, // where its bits start in the arena (a column: its word in the first row)
    pub words: u32,  // how many u64 they take (a column: how many rows)
    pub stride: u32, // 0: bits of its own; else a column, and the u64 of a row
}

impl SetRef {
    #[inline]
    pub fn contains(&self, bits: &[u64], value: u32) -> bool {
        let inside = if value >= self.base {
            let offset = (value - self.base) as usize;
            if self.stride == 0 {
                let word = offset / 64;
                word < self.words as usize && bits.get(self.offset as usize + word).is_some_and(|w| (w >> (offset % 64)) & 1 == 1)
            } else {
                offset < self.words as usize && bits.get(self.offset as usize + offset * self.stride as usize).is_some_and(|w| (w >> self.bit) & 1 == 1)
            }
        } else {
            false
        };
        inside != self.negated
    }
}

/// The most words a word set may reach and still be a column of the word table (the bundled
/// pack's vocabulary has some 3,300 words).
const COLUMN_ROWS: usize = 1 << 16;

/// The arena of every set's bits (the word sets as the columns of one table, the others one
/// after another), and each set's place in it.
fn arena(sets: &[ValueSet]) -> Checked<(Vec<u64>, Vec<SetRef>)> {
    let place = |n: usize| u32::try_from(n).map_err(|_| "sets: too large".to_string());
    // Only word sets within the first COLUMN_ROWS words: the table then takes at most 1,024
    // u64 a column (and a row's rounding up to whole u64), what each set could take on its
    // own, so an untrusted pack's sets take no more memory than one after another.
    let columns: Vec<usize> = (0..sets.len()).filter(|&i| sets[i].base == WORD_BASE && sets[i].bits.len() * 64 <= COLUMN_ROWS).collect();
    let rows = columns.iter().map(|&i| sets[i].bits.len() * 64).max().unwrap_or(0);
    let stride = columns.len().div_ceil(64);
    let mut bits: Vec<u64> = vec![0; rows * stride];
    let mut refs: Vec<Option<SetRef>> = vec![None; sets.len()];
    for (column, &index) in columns.iter().enumerate() {
        let set = &sets[index];
        for (word, &value) in set.bits.iter().enumerate() {
            for bit in (0..64).filter(|bit| (value >> bit) & 1 == 1) {
                bits[(word * 64 + bit) * stride + column / 64] |= 1 << (column % 64);
            }
        }
        refs[index] = Some(SetRef { base: set.base, negated: set.negated, bit: (column % 64) as u8, offset: place(column / 64)?, words: place(rows)?, stride: place(stride)? });
    }
    for (set, slot) in sets.iter().zip(refs.iter_mut()) {
        if slot.is_none() {
            let offset = place(bits.len())?;
            bits.extend_from_slice(&set.bits);
            *slot = Some(SetRef { base: set.base, negated: set.negated, bit: 0, offset, words: place(set.bits.len())?, stride: 0 });
        }
    }
    Ok((bits, refs.into_iter().flatten().collect()))
}

/// A token test: any of the conjunctions, each a list of (position in the token, set).
/// `single` is the one (position, set) of a test that is nothing more, as two tests in three
/// are: the VM runs those without walking the lists.
pub struct TokenTest {
    pub conjunctions: Vec<Vec<(usize, SetRef)>>,
    pub single: Option<(usize, SetRef)>,
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
    UnitF(usize, usize), // a unit of a label: its begin test, its inside test
    UnitB(usize, usize),
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
    pub first_id: usize, // rules with the same first-word set have the same number
    pub lead: Option<usize>,
    pub guards: Vec<Guard>,
}

pub struct Pack {
    pub width: usize,
    pub bits: Vec<u64>, // the bits of every set, one after another (SetRef)
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

/// One operand of an instruction as read: all the checks need to know of it.
/// One operand of an instruction as read: all the checks need to know of it.
#[derive(Clone, Copy)]
enum Arg {
    Uint(u64),
    Bool(bool),
    Other,
}

impl Arg {
    fn of(value: &Value) -> Arg {
        match value {
            Value::Bool(b) => Arg::Bool(*b),
            Value::Number(n) => n.as_u64().map_or(Arg::Other, Arg::Uint),
            _ => Arg::Other,
        }
    }
}

const MAX_OPERANDS: usize = 5;

fn arg_uint(args: &[Arg], i: usize, op: &str, what: &str) -> Checked<u64> {
    match args.get(i.wrapping_sub(1)) {
        Some(Arg::Uint(n)) => Ok(*n),
        Some(_) => Err(format!("{what}: expected a non-negative integer")),
        None => Err(format!("{op}: missing operand {i}")),
    }
}

fn arg_index(args: &[Arg], i: usize, op: &str, what: &str) -> Checked<usize> {
    arg_uint(args, i, op, what).map(|n| usize::try_from(n).unwrap_or(usize::MAX))
}

fn arg_flag(args: &[Arg], i: usize, op: &str, what: &str) -> Checked<bool> {
    match args.get(i.wrapping_sub(1)) {
        Some(Arg::Bool(b)) => Ok(*b),
        Some(_) => Err(format!("{what}: expected a boolean")),
        None => Err(format!("{op}: missing operand {i}")),
    }
}

/// An instruction from its operation's name and operands, its indices not yet checked
/// against the pack and the rule (checked() does that).
fn instruction(op: &str, args: &[Arg]) -> Checked<Inst> {
    let index = |i: usize, what: &str| arg_index(args, i, op, what);
    Ok(match op {
        "TESTF" => Inst::TestF(index(1, "test")?),
        "TESTB" => Inst::TestB(index(1, "test")?),
        "UNITF" => Inst::UnitF(index(1, "test")?, index(2, "test")?),
        "UNITB" => Inst::UnitB(index(1, "test")?, index(2, "test")?),
        "LEXF" => Inst::LexF(index(1, "lexicon")?),
        "LEXB" => Inst::LexB(index(1, "lexicon")?),
        "SPLIT" => Inst::Split(index(1, "jump target")?, index(2, "jump target")?),
        "JMP" => Inst::Jmp(index(1, "jump target")?),
        "OPEN" => Inst::Open(index(1, "register")?),
        "CLOSE" => Inst::Close(index(1, "register")?, arg_uint(args, 2, op, "group")?.min(u32::MAX as u64) as u32),
        "REPINIT" => Inst::RepInit(index(1, "register")?),
        "REP" => Inst::Rep {
            reg: index(1, "register")?,
            low: arg_uint(args, 2, op, "low")?.min(INFINITE as u64) as u32,
            high: arg_uint(args, 3, op, "high")?.min(INFINITE as u64) as u32,
            lazy: arg_flag(args, 4, op, "lazy")?,
            exit: index(5, "jump target")?,
        },
        "REPEND" => Inst::RepEnd(index(1, "register")?, index(2, "jump target")?),
        "ATOM" => Inst::Atom,
        "ATOMEND" => Inst::AtomEnd,
        "LOOK" => Inst::Look { negative: arg_flag(args, 1, op, "negative")?, cont: index(2, "jump target")? },
        "LOOKEND" => Inst::LookEnd,
        "MATCH" => Inst::Match,
        other => return Err(format!("unknown operation {other}")),
    })
}

/// The instruction if every index in it is in range: tests and lexicons of the pack, the
/// rule's registers and groups, jump targets within its code.
fn checked(inst: Inst, tests: usize, lexicons: usize, registers: usize, groups: usize, size: usize) -> Checked<Inst> {
    let within = |number: usize, limit: usize, what: &str| -> Checked<()> {
        if number >= limit {
            return Err(format!("{what}: {number} is out of range (< {limit})"));
        }
        Ok(())
    };
    match inst {
        Inst::TestF(t) | Inst::TestB(t) => within(t, tests, "test")?,
        Inst::UnitF(b, i) | Inst::UnitB(b, i) => {
            within(b, tests, "test")?;
            within(i, tests, "test")?
        }
        Inst::LexF(l) | Inst::LexB(l) => within(l, lexicons, "lexicon")?,
        Inst::Split(a, b) => {
            within(a, size, "jump target")?;
            within(b, size, "jump target")?
        }
        Inst::Jmp(a) => within(a, size, "jump target")?,
        Inst::Open(r) | Inst::RepInit(r) => within(r, registers, "register")?,
        Inst::Close(r, g) => {
            within(r, registers, "register")?;
            within(g as usize, groups, "group")?
        }
        Inst::Rep { reg, exit, .. } => {
            within(reg, registers, "register")?;
            within(exit, size, "jump target")?
        }
        Inst::RepEnd(r, target) => {
            within(r, registers, "register")?;
            within(target, size, "jump target")?
        }
        Inst::Look { cont, .. } => within(cont, size, "jump target")?,
        Inst::Atom | Inst::AtomEnd | Inst::LookEnd | Inst::Match => {}
    }
    Ok(inst)
}

/// An instruction read from its JSON array ([operation, operands...]) straight into an Inst.
struct RawInst(Inst);

impl<'de> Deserialize<'de> for RawInst {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Reader;
        impl<'de> Visitor<'de> for Reader {
            type Value = RawInst;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an instruction: [operation, operands...]")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawInst, A::Error> {
                let op: Cow<'de, str> = seq.next_element()?.ok_or_else(|| serde::de::Error::custom("instruction: expected an operation name"))?;
                let mut args = [Arg::Other; MAX_OPERANDS];
                let mut count = 0;
                while let Some(value) = seq.next_element::<Value>()? {
                    if count == MAX_OPERANDS {
                        return Err(serde::de::Error::custom(format!("{op}: too many operands")));
                    }
                    args[count] = Arg::of(&value);
                    count += 1;
                }
                instruction(&op, &args[..count]).map(RawInst).map_err(serde::de::Error::custom)
            }
        }
        deserializer.deserialize_seq(Reader)
    }
}

/// A condition on the tokens around a start (quotetrace.patterns.tokenvm.guards): scanning
/// from the start (backwards: from the token before it), a token passing the target test
/// must come before any token failing the region test.
pub struct Guard {
    pub region: usize,
    pub target: usize,
    pub forward: bool,
}

/// A rule as read: its code compact, the rest as values (checked in rule()).
#[derive(serde::Deserialize)]
struct RawRule {
    registers: Value,
    groups: Value,
    code: Vec<RawInst>,
    first: Value,
    lead: Value,
    #[serde(default)]
    guards: Value,
}

/// The pack document as read; everything but the rules' code is small.
#[derive(serde::Deserialize)]
struct RawPack {
    format: Value,
    width: Value,
    sets: Value,
    tests: Value,
    lexicons: Value,
    rules: Vec<RawRule>,
}

fn rule(raw: RawRule, pack: &Pack) -> Checked<Rule> {
    let registers = uint(&raw.registers, "registers")? as usize;
    if registers > 1 << 20 {
        return Err("rule: too many registers".into());
    }
    let groups: Vec<String> = array(&raw.groups, "groups")?
        .iter()
        .map(|g| g.as_str().map(str::to_owned).ok_or_else(|| "group: expected a string".to_string()))
        .collect::<Checked<_>>()?;
    let size = raw.code.len();
    let code: Vec<Inst> = raw
        .code
        .into_iter()
        .map(|RawInst(inst)| checked(inst, pack.tests.len(), pack.lexicons.len(), registers, groups.len(), size))
        .collect::<Checked<_>>()?;
    if !matches!(code.last(), Some(Inst::Match)) {
        return Err("rule: the code must end with MATCH".into());
    }
    check_nesting(&code)?;
    let first = match &raw.first {
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
            Some(ValueSet { base: WORD_BASE, negated: false, bits })
        }
    };
    let lead = match &raw.lead {
        Value::Null => None,
        test => Some(bounded(test, pack.tests.len(), "lead test")?),
    };
    let guards = match &raw.guards {
        Value::Null => Vec::new(),
        pairs => array(pairs, "guards")?
            .iter()
            .map(|guard| match array(guard, "guard")?.as_slice() {
                [region, target, forward] => Ok(Guard {
                    region: bounded(region, pack.tests.len(), "guard region test")?,
                    target: bounded(target, pack.tests.len(), "guard target test")?,
                    forward: uint(forward, "guard direction")? != 0,
                }),
                _ => Err("guard: expected [region test, target test, forward]".to_string()),
            })
            .collect::<Checked<_>>()?,
    };
    Ok(Rule { code, registers, groups, first, first_id: 0, lead, guards })
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
    let document: RawPack = serde_json::from_str(text).map_err(|e| format!("not a VM program: {e}"))?;
    let format = uint(&document.format, "format")?;
    if format != FORMAT {
        return Err(format!("VM program format {format}, this core reads {FORMAT}"));
    }
    let width = uint(&document.width, "width")? as usize;
    if width == 0 || width > 4096 {
        return Err("pack: width out of range".into());
    }
    let sets = array(&document.sets, "sets")?.iter().map(value_set).collect::<Checked<Vec<_>>>()?;
    let (bits, refs) = arena(&sets)?;
    let mut tests = Vec::new();
    for test in array(&document.tests, "tests")? {
        let mut conjunctions = Vec::new();
        for conjunction in array(test, "test")? {
            let mut pairs = Vec::new();
            for pair in array(conjunction, "conjunction")? {
                let pair = array(pair, "constraint")?;
                if pair.len() != 2 {
                    return Err("constraint: expected [position, set]".into());
                }
                pairs.push((bounded(&pair[0], width, "position")?, refs[bounded(&pair[1], sets.len(), "set")?]));
            }
            conjunctions.push(pairs);
        }
        let single = match conjunctions.as_slice() {
            [only] if only.len() == 1 => Some(only[0]),
            _ => None,
        };
        tests.push(TokenTest { conjunctions, single });
    }
    let lexicons = array(&document.lexicons, "lexicons")?.iter().map(lexicon).collect::<Checked<Vec<_>>>()?;
    let mut pack = Pack { width, bits, tests, lexicons, rules: Vec::new() };
    let mut rules = document.rules.into_iter().map(|r| rule(r, &pack)).collect::<Checked<Vec<_>>>()?;
    let mut first_ids: HashMap<Vec<u64>, usize> = HashMap::new();
    for rule in rules.iter_mut() {
        if let Some(first) = &rule.first {
            let next = first_ids.len();
            rule.first_id = *first_ids.entry(first.bits.clone()).or_insert(next);
        }
    }
    pack.rules = rules;
    Ok(pack)
}
