//! The token features no stage changes, cached per token type in the core: for each form a
//! token is matched as, the code points of its type string (word, shape, /regex/ bits, word
//! class) as quotetrace.patterns.encoding.Encoding.type_string makes it. Python makes a type
//! only the first time it is seen (the /regex/ tests and the dictionary stay in Python);
//! each document's base features are then laid out here from its forms and context flags,
//! without a Python string per token, and so are the words it holds.
//!
//! The cache holds at most `limit` types, as Encoding's does (TYPE_CACHE_LIMIT): it is
//! emptied before a batch of new types would take it past the limit.

use std::collections::{HashMap, HashSet};

pub struct TypeCache {
    types: HashMap<String, Box<[u32]>>,
    type_width: usize,
    limit: usize,
}

impl TypeCache {
    pub fn new(type_width: usize, limit: usize) -> TypeCache {
        TypeCache { types: HashMap::new(), type_width, limit }
    }

    /// The forms not in the cache, each once, in the order they first come.
    pub fn missing<'a>(&self, forms: &[&'a str]) -> Vec<&'a str> {
        let mut seen: HashSet<&str> = HashSet::new();
        forms.iter().copied().filter(|&form| !self.types.contains_key(form) && seen.insert(form)).collect()
    }

    /// Empty the cache if `incoming` new types would take it past its limit; true if it did.
    pub fn make_room(&mut self, incoming: usize) -> bool {
        if !self.types.is_empty() && self.types.len().saturating_add(incoming) > self.limit {
            self.types.clear();
            return true;
        }
        false
    }

    pub fn add(&mut self, form: String, encoded: &str) -> Result<(), String> {
        let points: Box<[u32]> = encoded.chars().map(|c| c as u32).collect();
        if points.len() != self.type_width {
            return Err(format!("a type of {} code points where the encoding has {}", points.len(), self.type_width));
        }
        self.types.insert(form, points);
        Ok(())
    }

    /// Each token's type and then its context code point (`context_base + flags`), all
    /// tokens in a row, as Encoding.base_strings joins them; None when a form is not cached.
    pub fn base(&self, forms: &[&str], context: &[u32], context_base: u32) -> Option<Vec<u32>> {
        if forms.len() != context.len() {
            return None;
        }
        let mut base = Vec::with_capacity(forms.len() * (self.type_width + 1));
        for (form, &flags) in forms.iter().zip(context) {
            base.extend_from_slice(self.types.get(*form)?);
            base.push(context_base.saturating_add(flags));
        }
        Some(base)
    }

    pub fn type_width(&self) -> usize {
        self.type_width
    }

    pub fn len(&self) -> usize {
        self.types.len()
    }
}
