//! quotetrace._native: the native matcher. It runs a pack's compiled VM programs (see
//! quotetrace.patterns.tokenvm) over one stage's token stream and gives, for each rule, the
//! tokens where it matched and every capture span, as the `regex` path would; or, for a
//! whole stage in one call, every candidate and the ones resolution keeps (stage.rs).
//!
//! No panic crosses into Python: every entry point runs under catch_unwind and turns one
//! into a NativeFault (an ordinary exception, so the document gets an error record).

mod features;
mod layer;
mod paragraphs;
mod program;
mod quotes;
mod sentences;
mod stage;
mod text;
mod tokens;
mod vm;

use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};
use std::panic::{catch_unwind, AssertUnwindSafe};

create_exception!(_native, NativeFault, PyException, "The native matcher failed on this input (a bug in the core).");

fn guarded<T>(what: &str, work: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    match catch_unwind(AssertUnwindSafe(work)) {
        Ok(result) => result,
        Err(_) => Err(NativeFault::new_err(format!("the native matcher panicked in {what}"))),
    }
}

/// A pack's programs, checked once.
#[pyclass(frozen, module = "quotetrace._native")]
struct Programs {
    pack: program::Pack,
    names: Vec<Vec<Py<PyString>>>, // per rule, its group names as Python strings (made once)
    bounds: Vec<(Option<u32>, Option<u32>, Option<u32>)>, // per rule: the groups _whole, _pre, _rest
}

/// Every try of one rule over a stream: (start token, capture log) per match, the steps
/// taken, and the limit that stopped it, if any (then no matches).
fn run_rule(py: Python<'_>, pack: &program::Pack, index: usize, stream: &Stream, max_steps: u64, max_stack: usize, seconds: Option<f64>) -> PyResult<(Vec<(usize, Vec<(u32, u32, u32)>)>, u64, Option<&'static str>)> {
    let rule = pack.rules.get(index).ok_or_else(|| PyValueError::new_err("no such rule"))?;
    if stream.values.len() != stream.count * pack.width {
        return Err(PyValueError::new_err("the stream's width differs from the programs'"));
    }
    let tokens = vm::Tokens { values: &stream.values, words: &stream.words, count: stream.count };
    let mut scratch = vm::Scratch::default();
    let deadline = seconds.map(|s| std::time::Instant::now() + std::time::Duration::from_secs_f64(s.clamp(0.0, 1e9)));
    let mut budget = vm::Budget { steps: 0, max_steps, max_stack, deadline };
    let mut found: Vec<(usize, Vec<(u32, u32, u32)>)> = Vec::new();
    let outcome = py.allow_threads(|| {
        for start in vm::starts(pack, rule, &tokens) {
            if vm::guards_hold(pack, rule, &tokens, start) && vm::run_at(pack, rule, &tokens, start, &mut scratch, &mut budget)? {
                found.push((start, scratch.log.clone()));
            }
        }
        Ok(())
    });
    let limit = match outcome {
        Ok(()) => None,
        Err(vm::Limit::Steps) => Some("steps"),
        Err(vm::Limit::Stack) => Some("stack"),
        Err(vm::Limit::Time) => Some("time"),
    };
    if limit.is_some() {
        found.clear();
    }
    Ok((found, budget.steps, limit))
}

/// A match's spans as the dict run_stage reads: group name -> [(first, end), ...] in tokens,
/// in capture order.
fn groups_dict<'py>(py: Python<'py>, names: &[Py<PyString>], log: &[(u32, u32, u32)]) -> PyResult<Bound<'py, PyDict>> {
    let groups = PyDict::new(py);
    for &(group, s, e) in log {
        let name = names[group as usize].bind(py);
        match groups.get_item(name)? {
            Some(spans) => spans.downcast::<PyList>()?.append((s, e))?,
            None => groups.set_item(name, PyList::new(py, [(s, e)])?)?,
        }
    }
    Ok(groups)
}

/// The rules of one stage as Programs.stage runs and resolves them (made by Programs.plan).
#[pyclass(frozen, module = "quotetrace._native")]
struct StagePlan {
    rules: Vec<stage::RulePlan>,
    reads: Vec<Reads>,
}

/// What the Python side reads of every match of one rule, made here for it: its captures
/// (group and name, by name) and, when each lexicon use has a group of its own, its
/// lexicon groups (group, place of the use) with each use's lexicon id.
struct Reads {
    captures: Vec<(u32, Py<PyString>)>,
    lexicon: Option<(Vec<(u32, u32)>, Vec<Py<PyString>>)>,
}

/// A match's captures as Match.captures makes them: name -> its token ranges (split pieces
/// joined), for each capture of the rule that took a token, by name.
fn captures_dict<'py>(py: Python<'py>, reads: &Reads, log: &[(u32, u32, u32)]) -> PyResult<Bound<'py, PyDict>> {
    let captures = PyDict::new(py);
    for (group, name) in &reads.captures {
        let ranges = stage::ranges(log, *group);
        if !ranges.is_empty() {
            captures.set_item(name.bind(py), PyList::new(py, ranges)?)?;
        }
    }
    Ok(captures)
}

/// One stage's token stream: the code points of the encoded stream, `width` per token, and
/// each token's first one (its word) again in a row of their own: every rule tests the word
/// of every token for where it may start, and the words read in a row stay in the cache.
#[pyclass(frozen, module = "quotetrace._native")]
struct Stream {
    values: Vec<u32>,
    words: Vec<u32>,
    count: usize,
}

impl Stream {
    fn of(values: Vec<u32>, width: usize) -> Stream {
        let count = values.len() / width;
        let words = values.iter().step_by(width).copied().collect();
        Stream { values, words, count }
    }
}

/// One document's token features that no stage changes (word, shape, regex bits, word class,
/// context: the first `base_width` values of each token), from which each stage's Stream is
/// made by laying its label bits over them, as Encoding.label_columns and Encoding.stream do.
#[pyclass(frozen, module = "quotetrace._native")]
struct Document {
    base: Vec<u32>,
    base_width: usize,
    width: usize,
    count: usize,
    empty_label: u32,
}

#[pymethods]
impl Document {
    #[new]
    fn new(base: &Bound<'_, PyString>, base_width: usize, width: usize, empty_label: u32) -> PyResult<Self> {
        guarded("reading the document", || {
            if base_width == 0 || width < base_width {
                return Err(PyValueError::new_err("the widths are inconsistent"));
            }
            let text = base.to_cow()?;
            let base: Vec<u32> = text.chars().map(|c| c as u32).collect();
            if base.len() % base_width != 0 {
                return Err(PyValueError::new_err("the base's length is not a multiple of its width"));
            }
            let count = base.len() / base_width;
            Ok(Document { base, base_width, width, count, empty_label })
        })
    }

    /// The stream of one stage: `labels` holds, per label, (begin position, begin bit,
    /// inside position, inside bit, [(first, last), ...]); a span sets its begin bit on its
    /// first token and its inside bit on the others, as Encoding.label_columns does.
    fn stage(&self, labels: Vec<(usize, u32, usize, u32, Vec<(usize, usize)>)>) -> PyResult<Stream> {
        guarded("laying out a stage", || {
            let (count, width, base_width) = (self.count, self.width, self.base_width);
            let mut values = vec![self.empty_label; count * width];
            for token in 0..count {
                values[token * width..token * width + base_width].copy_from_slice(&self.base[token * base_width..(token + 1) * base_width]);
            }
            for (begin_position, begin_bit, inside_position, inside_bit, spans) in labels {
                if begin_position < base_width || begin_position >= width || inside_position < base_width || inside_position >= width {
                    return Err(PyValueError::new_err("a label position outside the label columns"));
                }
                for (first, last) in spans {
                    if first >= count || last > count {
                        return Err(PyValueError::new_err("a label span outside the document"));
                    }
                    values[first * width + begin_position] |= begin_bit;
                    for token in first + 1..last {
                        values[token * width + inside_position] |= inside_bit;
                    }
                }
            }
            Ok(Stream::of(values, width))
        })
    }

    #[getter]
    fn tokens(&self) -> usize {
        self.count
    }

    /// The distinct code points of the tokens' words (the first of each token's values).
    fn words(&self) -> Vec<u32> {
        let mut words: Vec<u32> = self.base.iter().step_by(self.base_width).copied().collect();
        words.sort_unstable();
        words.dedup();
        words
    }
}

#[pymethods]
impl Stream {
    #[new]
    fn new(stream: &Bound<'_, PyString>, width: usize) -> PyResult<Self> {
        guarded("reading the stream", || {
            if width == 0 {
                return Err(PyValueError::new_err("width must be positive"));
            }
            let text = stream.to_cow()?;
            let values: Vec<u32> = text.chars().map(|c| c as u32).collect();
            if values.len() % width != 0 {
                return Err(PyValueError::new_err("the stream's length is not a multiple of the width"));
            }
            Ok(Stream::of(values, width))
        })
    }

    #[getter]
    fn tokens(&self) -> usize {
        self.count
    }
}

#[pymethods]
impl Programs {
    #[new]
    fn new(data: &str) -> PyResult<Self> {
        guarded("reading the programs", || {
            let pack = program::read_pack(data).map_err(PyValueError::new_err)?;
            Python::with_gil(|py| {
                let names = pack.rules.iter().map(|r| r.groups.iter().map(|g| PyString::intern(py, g).unbind()).collect()).collect();
                let find = |rule: &program::Rule, name: &str| rule.groups.iter().position(|g| g == name).map(|i| i as u32);
                let bounds = pack.rules.iter().map(|r| (find(r, "_whole"), find(r, "_pre"), find(r, "_rest"))).collect();
                Ok(Programs { pack, names, bounds })
            })
        })
    }

    #[getter]
    fn rules(&self) -> usize {
        self.pack.rules.len()
    }

    /// The group names of rule `index`, by group number.
    fn groups(&self, index: usize) -> PyResult<Vec<String>> {
        self.pack.rules.get(index).map(|r| r.groups.clone()).ok_or_else(|| PyValueError::new_err("no such rule"))
    }

    /// Run rule `index` at every token where it may start. Returns (matches, steps, limit):
    /// matches a list of (token, spans), spans a tuple of (group, first, end) in tokens in the
    /// order they were captured; limit None, "steps" (past `max_steps` VM steps in all),
    /// "stack" (past `max_stack` choice points at once) or "time" (past `seconds` from now,
    /// the document's wall-clock budget), in which case matches is empty.
    #[pyo3(signature = (index, stream, max_steps, max_stack=1_000_000, seconds=None))]
    fn run<'py>(&self, py: Python<'py>, index: usize, stream: &Stream, max_steps: u64, max_stack: usize, seconds: Option<f64>) -> PyResult<(Bound<'py, PyList>, u64, Option<&'static str>)> {
        guarded("matching", || {
            let (found, steps, limit) = run_rule(py, &self.pack, index, stream, max_steps, max_stack, seconds)?;
            let list = PyList::empty(py);
            for (start, spans) in found {
                list.append((start, PyTuple::new(py, spans)?))?;
            }
            Ok((list, steps, limit))
        })
    }

    /// Like run, but each match as (first token, end token, spans): where the match starts
    /// and ends as the matcher reads it (the group _pre's start when the rule is anchored,
    /// _rest's end when it matches after its anchor first, else _whole), and a dict of group
    /// name -> [(first, end), ...] in tokens, in capture order.
    #[pyo3(signature = (index, stream, max_steps, max_stack=1_000_000, seconds=None))]
    fn matches<'py>(&self, py: Python<'py>, index: usize, stream: &Stream, max_steps: u64, max_stack: usize, seconds: Option<f64>) -> PyResult<(Bound<'py, PyList>, u64, Option<&'static str>)> {
        guarded("matching", || {
            let (found, steps, limit) = run_rule(py, &self.pack, index, stream, max_steps, max_stack, seconds)?;
            let names = &self.names[index];
            let (whole, pre, rest) = self.bounds[index];
            let list = PyList::empty(py);
            for (_, log) in found {
                let last = |group: Option<u32>| group.and_then(|g| log.iter().rev().find(|(h, _, _)| *h == g).map(|&(_, s, e)| (s, e)));
                let (mut first, mut end) = last(whole).unwrap_or((0, 0));
                if let Some((s, _)) = last(pre) {
                    first = s;
                    if let Some((_, e)) = last(rest) {
                        end = e;
                    }
                }
                list.append((first, end, groups_dict(py, names, &log)?))?;
            }
            Ok((list, steps, limit))
        })
    }

    /// The plan of a stage: per rule, in the stage's order, (rule index, overlapped, key
    /// group name or None, priority, order in the pack, label number). Overlapped: the rule
    /// also takes matches that start inside another of its own (it has a key).
    /// `captures`: the names of the rule's captures, in order (Match.captures); `lexicon`:
    /// (group, lexicon id) of each lexicon use in order, or None when two uses share a group.
    #[allow(clippy::type_complexity)]
    fn plan(&self, py: Python<'_>, rules: Vec<(usize, bool, Option<String>, i64, i64, u32, Vec<String>, Option<Vec<(String, String)>>)>) -> PyResult<StagePlan> {
        guarded("planning a stage", || {
            let mut plans = Vec::with_capacity(rules.len());
            let mut reads = Vec::with_capacity(rules.len());
            for (index, overlapped, key, priority, order, label, captures, lexicon) in rules {
                let rule = self.pack.rules.get(index).ok_or_else(|| PyValueError::new_err("no such rule"))?;
                let (whole, pre, rest) = self.bounds[index];
                let group_of = |name: &str| rule.groups.iter().position(|g| g == name).map(|i| i as u32);
                let key = key.and_then(|name| group_of(&name));
                plans.push(stage::RulePlan { index, overlapped, key, priority, order, label, whole, pre, rest });
                // A capture or lexicon group the program never closes can take no token: left out.
                let captures = captures.iter().filter_map(|name| group_of(name).map(|g| (g, PyString::intern(py, name).unbind()))).collect();
                let lexicon = lexicon.map(|uses| {
                    let mut groups = Vec::new();
                    let mut ids = Vec::new();
                    for (place, (group, lexicon)) in uses.iter().enumerate() {
                        if let Some(g) = group_of(group) {
                            groups.push((g, place as u32));
                            ids.push(PyString::intern(py, lexicon).unbind());
                        }
                    }
                    (groups, ids)
                });
                reads.push(Reads { captures, lexicon });
            }
            Ok(StagePlan { rules: plans, reads })
        })
    }

    /// Run the rules `active` (places in the plan, in order) over the stream and resolve
    /// their overlaps. Returns (candidates, kept, outcomes, limit): candidates a list of
    /// (place, first token, end token, spans, captures, lexicon hits) in the order the
    /// per-rule path makes them, spans as in `matches` (None when the hits are given, since
    /// then nothing reads them), captures and hits as Match.captures and Match.lexicon_hits
    /// give them (hits None when the plan has no lexicon groups); kept the places in `candidates` that resolution keeps, in text
    /// order; outcomes, per rule run, (place, candidates, None) or (place, 0, why) with
    /// why "steps", "stack" (as in `run`) or "many" (past `per_rule` candidates), its
    /// candidates then dropped. Past `total` candidates the rules after the one that went
    /// past are not run and nothing is resolved (kept is empty). limit: "time" when the
    /// document's time budget (`seconds` from now) ran out matching, "resolving" when it ran
    /// out resolving (then all else is empty), else None.
    #[pyo3(signature = (plan, active, stream, max_steps, max_stack=1_000_000, seconds=None, per_rule=None, total=None))]
    #[allow(clippy::too_many_arguments, clippy::type_complexity)]
    fn stage<'py>(&self, py: Python<'py>, plan: &StagePlan, active: Vec<usize>, stream: &Stream, max_steps: u64, max_stack: usize, seconds: Option<f64>,
                  per_rule: Option<usize>, total: Option<usize>) -> PyResult<(Bound<'py, PyList>, Bound<'py, PyList>, Bound<'py, PyList>, Option<&'static str>)> {
        guarded("matching a stage", || {
            if stream.values.len() != stream.count * self.pack.width {
                return Err(PyValueError::new_err("the stream's width differs from the programs'"));
            }
            if plan.rules.iter().any(|rule| rule.index >= self.pack.rules.len() || rule.index >= self.names.len()) {
                return Err(PyValueError::new_err("the plan was made for other programs"));
            }
            let tokens = vm::Tokens { values: &stream.values, words: &stream.words, count: stream.count };
            let deadline = seconds.map(|s| std::time::Instant::now() + std::time::Duration::from_secs_f64(s.clamp(0.0, 1e9)));
            let limits = stage::Limits { max_steps, max_stack, deadline, per_rule, total };
            let pack = &self.pack;
            let rules = &plan.rules;
            let outcome = py.allow_threads(|| {
                let (candidates, outcomes) = stage::run(pack, rules, &active, &tokens, &limits).map_err(|_| "time")?;
                if total.is_some_and(|total| candidates.len() > total) {
                    return Ok((candidates, outcomes, Vec::new()));
                }
                let kept = stage::resolve(rules, &candidates, deadline).map_err(|_| "resolving")?;
                Ok((candidates, outcomes, kept))
            });
            let (found, kept, outcomes) = (PyList::empty(py), PyList::empty(py), PyList::empty(py));
            let (candidates, rule_outcomes, kept_places) = match outcome {
                Ok(done) => done,
                Err(limit) => return Ok((found, kept, outcomes, Some(limit))),
            };
            for candidate in &candidates {
                let names = &self.names[rules[candidate.rule].index];
                let reads = &plan.reads[candidate.rule];
                let hits = match &reads.lexicon {
                    Some((groups, ids)) => {
                        let hits = PyList::empty(py);
                        for (at, s, e) in stage::lexicon_hits(&candidate.log, groups) {
                            hits.append((ids[at].bind(py), s, e))?;
                        }
                        Some(hits)
                    }
                    None => None,
                };
                // With the captures and the hits made here, Match never reads the spans by
                // group: they are left out (a dict and its lists for each of some 250
                // candidates a document).
                let spans = match hits {
                    Some(_) => None,
                    None => Some(groups_dict(py, names, &candidate.log)?),
                };
                found.append((candidate.rule, candidate.first, candidate.end, spans, captures_dict(py, reads, &candidate.log)?, hits))?;
            }
            for place in kept_places {
                kept.append(place)?;
            }
            for (place, result) in rule_outcomes {
                let (count, why) = match result {
                    stage::Outcome::Kept(count) => (count, None),
                    stage::Outcome::Steps => (0, Some("steps")),
                    stage::Outcome::Stack => (0, Some("stack")),
                    stage::Outcome::TooMany => (0, Some("many")),
                };
                outcomes.append((place, count, why))?;
            }
            Ok((found, kept, outcomes, None))
        })
    }
}

/// The token types of a pack's encoding, cached in the core (features.rs): one per
/// NativeMatcher, so one per Engine and process.
#[pyclass(module = "quotetrace._native")]
struct TypeCache {
    cache: features::TypeCache,
}

/// The forms of a list of str, borrowed.
fn forms_of<'a>(forms: &'a Bound<'_, PyList>) -> PyResult<Vec<Bound<'a, PyString>>> {
    forms.iter().map(|form| form.downcast_into::<PyString>().map_err(PyErr::from)).collect()
}

#[pymethods]
impl TypeCache {
    #[new]
    fn new(type_width: usize, limit: usize) -> PyResult<Self> {
        if type_width == 0 {
            return Err(PyValueError::new_err("the type width must be positive"));
        }
        Ok(TypeCache { cache: features::TypeCache::new(type_width, limit) })
    }

    /// The document whose tokens are matched as `forms`, with these context flags (each a
    /// code point `context_base + flags` after its type), as NativeMatcher lays out its
    /// features; or None when a form's type is not cached yet (then `missing` says which).
    fn document(&self, forms: &Bound<'_, PyList>, context: Vec<u32>, context_base: u32, width: usize, empty_label: u32) -> PyResult<Option<Document>> {
        guarded("laying out the document", || {
            let strings = forms_of(forms)?;
            let texts = strings.iter().map(|s| s.to_str()).collect::<PyResult<Vec<&str>>>()?;
            let base_width = self.cache.type_width() + 1;
            if width < base_width {
                return Err(PyValueError::new_err("the widths are inconsistent"));
            }
            Ok(self.cache.base(&texts, &context, context_base).map(|base| Document { base, base_width, width, count: context.len(), empty_label }))
        })
    }

    /// The forms whose types are not cached, each once, in the order they first come.
    fn missing(&self, forms: &Bound<'_, PyList>) -> PyResult<Vec<String>> {
        let strings = forms_of(forms)?;
        let texts = strings.iter().map(|s| s.to_str()).collect::<PyResult<Vec<&str>>>()?;
        Ok(self.cache.missing(&texts).into_iter().map(str::to_owned).collect())
    }

    /// Empty the cache if `incoming` new types would take it past its limit; True if it did.
    fn make_room(&mut self, incoming: usize) -> bool {
        self.cache.make_room(incoming)
    }

    /// Cache (form, type string) pairs.
    fn add(&mut self, types: Vec<(String, String)>) -> PyResult<()> {
        for (form, encoded) in types {
            self.cache.add(form, &encoded).map_err(PyValueError::new_err)?;
        }
        Ok(())
    }

    fn __len__(&self) -> usize {
        self.cache.len()
    }
}

/// The classes of the tokenizer's pattern per code point (tokens.rs), built by
/// quotetrace.text.native_tokens with `regex`: one byte per code point below its length.
/// With the text layer's tables as well (quotetrace.text.native_layer: what Python's str
/// methods say of each code point, and the layer's sets of marks and words), the whole text
/// layer of a document (layer.rs).
#[pyclass(frozen, module = "quotetrace._native")]
struct TokenTable {
    table: Vec<u8>,
    str_classes: Vec<u8>,
    sets: Option<text::Sets>,
}

/// What TokenTable.layer gives Python: (starts, ends, tokens, sentences, paragraphs, quotes,
/// context, possessives, long sentences, long paragraphs).
type LayerTuple<'py> = (Vec<usize>, Vec<usize>, Bound<'py, PyList>, Vec<(usize, usize)>, Vec<(usize, usize)>, Vec<(usize, usize, u8, bool, bool)>, Vec<u32>,
                        Vec<usize>, Vec<(usize, usize)>, Vec<(usize, usize)>);

#[pymethods]
impl TokenTable {
    #[new]
    #[pyo3(signature = (table, str_classes=None, sets=None))]
    fn new(table: Vec<u8>, str_classes: Option<Vec<u8>>, sets: Option<Vec<(String, Vec<String>)>>) -> PyResult<Self> {
        let sets = sets.map(text::Sets::new).transpose().map_err(PyValueError::new_err)?;
        Ok(TokenTable { table, str_classes: str_classes.unwrap_or_default(), sets })
    }

    /// (starts, ends) of the text's tokens as quotetrace.text.tokens.tokenize gives them
    /// (with `limit`, at most limit + 1 tokens), or None when the text has a character past
    /// the table (or one that is not Unicode): then the `regex` tokenizer runs.
    #[pyo3(signature = (text, limit=None))]
    fn tokenize(&self, py: Python<'_>, text: &Bound<'_, PyString>, limit: Option<usize>) -> PyResult<Option<(Vec<usize>, Vec<usize>)>> {
        guarded("tokenizing", || {
            let Ok(text) = text.to_cow() else {
                return Ok(None);
            };
            let table = &self.table;
            Ok(py.allow_threads(|| {
                let points: Vec<u32> = text.chars().map(|c| c as u32).collect();
                tokens::tokenize(table, &points, limit)
            }))
        })
    }

    /// The text layer of the text as quotetrace.text.document.analyse makes it, in plain
    /// values (LayerTuple; quotes as (first, last, level, closed, continues)), or None when
    /// a character is past the tables or the text is not Unicode: then Python's layer runs.
    /// Past `max_tokens` only starts and ends are filled (max_tokens + 1 tokens).
    #[pyo3(signature = (text, max_tokens=None, max_sentence_tokens=None, max_paragraph_tokens=None))]
    fn layer<'py>(&self, py: Python<'py>, text: &Bound<'py, PyString>, max_tokens: Option<usize>, max_sentence_tokens: Option<usize>,
                  max_paragraph_tokens: Option<usize>) -> PyResult<Option<LayerTuple<'py>>> {
        guarded("the text layer", || {
            let Some(sets) = &self.sets else {
                return Err(PyValueError::new_err("this table was made without the text layer's tables"));
            };
            let Ok(source) = text.to_cow() else {
                return Ok(None);
            };
            let limits = layer::Limits { max_tokens, max_sentence_tokens, max_paragraph_tokens };
            let (table, str_classes) = (&self.table, &self.str_classes);
            let made = py.allow_threads(|| {
                let points: Vec<u32> = source.chars().map(|c| c as u32).collect();
                layer::analyse(&points, table, str_classes, sets, &limits).map(|layer| (points, layer))
            });
            let Some((points, layer)) = made else {
                return Ok(None);
            };
            let tokens = PyList::empty(py);
            if layer.context.len() == layer.starts.len() {
                // Each token sliced from the text by the byte offsets of its code points.
                let bytes: Vec<usize> = source.char_indices().map(|(at, _)| at).chain(std::iter::once(source.len())).collect();
                debug_assert_eq!(bytes.len(), points.len() + 1);
                for (&start, &end) in layer.starts.iter().zip(&layer.ends) {
                    let token = bytes.get(start).zip(bytes.get(end)).and_then(|(&from, &to)| source.get(from..to)).unwrap_or_default();
                    tokens.append(PyString::new(py, token))?;
                }
            }
            let quotes = layer.quotes.iter().map(|q| (q.first, q.last, q.level, q.closed, q.continues)).collect();
            Ok(Some((layer.starts, layer.ends, tokens, layer.sentences, layer.paragraphs, quotes, layer.context, layer.possessives,
                     layer.long_sentences, layer.long_paragraphs)))
        })
    }
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Programs>()?;
    m.add_class::<Stream>()?;
    m.add_class::<Document>()?;
    m.add_class::<StagePlan>()?;
    m.add_class::<TokenTable>()?;
    m.add_class::<TypeCache>()?;
    m.add("NativeFault", m.py().get_type::<NativeFault>())?;
    m.add("FORMAT", program::FORMAT)?;
    Ok(())
}
