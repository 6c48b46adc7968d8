//! quotetrace._native: the native matcher. It runs a pack's compiled VM programs (see
//! quotetrace.patterns.tokenvm) over one stage's token stream and gives, for each rule, the
//! tokens where it matched and every capture span, as the `regex` path would.
//!
//! No panic crosses into Python: every entry point runs under catch_unwind and turns one
//! into a NativeFault (an ordinary exception, so the document gets an error record).

mod program;
mod vm;

use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString, PyTuple};
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
}

/// One stage's token stream: the code points of the encoded stream, `width` per token.
#[pyclass(frozen, module = "quotetrace._native")]
struct Stream {
    values: Vec<u32>,
    count: usize,
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
            let count = values.len() / width;
            Ok(Stream { values, count })
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
            program::read_pack(data).map(|pack| Programs { pack }).map_err(PyValueError::new_err)
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
    /// order they were captured; limit None, "steps" (past `max_steps` VM steps in all) or
    /// "stack" (past `max_stack` choice points at once), in which case matches is empty.
    #[pyo3(signature = (index, stream, max_steps, max_stack=1_000_000))]
    fn run<'py>(&self, py: Python<'py>, index: usize, stream: &Stream, max_steps: u64, max_stack: usize) -> PyResult<(Bound<'py, PyList>, u64, Option<&'static str>)> {
        guarded("matching", || {
            let pack = &self.pack;
            let rule = pack.rules.get(index).ok_or_else(|| PyValueError::new_err("no such rule"))?;
            if stream.values.len() != stream.count * pack.width {
                return Err(PyValueError::new_err("the stream's width differs from the programs'"));
            }
            let tokens = vm::Tokens { values: &stream.values, count: stream.count };
            let mut scratch = vm::Scratch::default();
            let mut budget = vm::Budget { steps: 0, max_steps, max_stack };
            let mut found: Vec<(usize, Vec<(u32, u32, u32)>)> = Vec::new();
            let mut limit = None;
            let outcome = py.allow_threads(|| {
                for start in 0..tokens.count {
                    if !vm::may_start(pack, rule, &tokens, start) {
                        continue;
                    }
                    match vm::run_at(pack, rule, &tokens, start, &mut scratch, &mut budget) {
                        Ok(true) => found.push((start, scratch.log.clone())),
                        Ok(false) => {}
                        Err(why) => return Err(why),
                    }
                }
                Ok(())
            });
            if let Err(why) = outcome {
                found.clear();
                limit = Some(match why {
                    vm::Limit::Steps => "steps",
                    vm::Limit::Stack => "stack",
                });
            }
            let list = PyList::empty(py);
            for (start, spans) in found {
                let spans = PyTuple::new(py, spans)?;
                list.append((start, spans))?;
            }
            Ok((list, budget.steps, limit))
        })
    }
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Programs>()?;
    m.add_class::<Stream>()?;
    m.add("NativeFault", m.py().get_type::<NativeFault>())?;
    m.add("FORMAT", program::FORMAT)?;
    Ok(())
}
