//! A template's variables and derived variables: each well-formed on its own, and the values
//! that conditions and phrases may name.

use super::fail;
use crate::course::check::{duplicates, first_few};
use crate::course::diag::Diagnostic;
use crate::course::spec::{CaseTemplateSpec, DerivedSpec, VarSpec};
use crate::course::template::{Domain, MAX_RANGE};
use std::collections::{HashMap, HashSet};

/// Checks variable `name` (at path `vp`): a usable set of values, weights that fit them, and
/// no value listed twice.
pub(super) fn variable(id: &str, vp: &str, name: &str, v: &VarSpec, out: &mut Vec<Diagnostic>) {
    value_source(id, vp, name, v, out);
    weights(id, vp, name, v, out);
    duplicate_values(id, vp, name, v, out);
}

/// Exactly one of `values` and `range`, and a range the generator can draw from.
fn value_source(id: &str, vp: &str, name: &str, v: &VarSpec, out: &mut Vec<Diagnostic>) {
    match (&v.range, v.values.is_empty()) {
        (Some(_), false) => fail(
            out,
            id,
            vp.to_owned(),
            format!("variable `{name}` has both `values` and `range`"),
        ),
        (None, true) => fail(
            out,
            id,
            vp.to_owned(),
            format!("variable `{name}` has no values (give `values` or `range`)"),
        ),
        (Some([lo, hi]), true)
            if lo > hi || i128::from(*hi) - i128::from(*lo) >= i128::from(MAX_RANGE) =>
        {
            fail(
                out,
                id,
                format!("{vp}.range"),
                format!(
                    "range of `{name}` must be [low, high] with low <= high and fewer than {MAX_RANGE} values"
                ),
            )
        }
        (Some(_), true) if !v.weights.is_empty() => fail(
            out,
            id,
            format!("{vp}.weights"),
            format!("`weights` of `{name}` need `values`, not a range"),
        ),
        _ => {}
    }
}

/// One weight per value, and not all zero, so that some value can be drawn.
fn weights(id: &str, vp: &str, name: &str, v: &VarSpec, out: &mut Vec<Diagnostic>) {
    if !v.weights.is_empty() && v.weights.len() != v.values.len() {
        fail(
            out,
            id,
            format!("{vp}.weights"),
            format!(
                "`{name}` has {} values but {} weights",
                v.values.len(),
                v.weights.len()
            ),
        );
    } else if !v.weights.is_empty() && v.weights.iter().all(|&w| w == 0) {
        fail(
            out,
            id,
            format!("{vp}.weights"),
            format!("every weight of `{name}` is zero"),
        );
    }
}

/// Each value listed once (the first few repeats by position, then how many more).
fn duplicate_values(id: &str, vp: &str, name: &str, v: &VarSpec, out: &mut Vec<Diagnostic>) {
    let (dups, more) = first_few(duplicates(v.values.iter().map(String::as_str)).into_iter());
    for (j, dup) in dups {
        fail(
            out,
            id,
            format!("{vp}.values[{j}]"),
            format!("duplicate value `{dup}` of `{name}`"),
        );
    }
    if more > 0 {
        fail(
            out,
            id,
            format!("{vp}.values"),
            format!("{more} more duplicate values of `{name}`"),
        );
    }
}

/// The names a template's conditions and phrases may use and the values each can take: a
/// variable's domain, or the values a derived variable maps to. Value lists are kept as sets,
/// so that membership costs the same for a list of 3 values as of 300,000.
pub(super) struct Values<'a> {
    pub(super) t: &'a CaseTemplateSpec,
    listed: HashMap<&'a str, HashSet<&'a str>>,
    mapped: HashMap<&'a str, HashSet<&'a str>>,
}

impl<'a> Values<'a> {
    pub(super) fn new(t: &'a CaseTemplateSpec) -> Self {
        let listed = t
            .vars
            .iter()
            .map(|(n, v)| (n.as_str(), v.values.iter().map(String::as_str).collect()))
            .collect();
        let mapped = t
            .derived
            .iter()
            .map(|(n, d)| (n.as_str(), d.map.values().map(String::as_str).collect()))
            .collect();
        Values { t, listed, mapped }
    }

    /// The domain of variable `name`; `None` for an unknown or malformed variable.
    fn domain(&self, name: &str) -> Option<Domain<'a>> {
        self.t.vars.get(name).and_then(Domain::of)
    }

    /// Whether `value` is in the domain of variable `name`.
    fn in_domain(&self, name: &str, value: &str) -> bool {
        match self.domain(name) {
            Some(Domain::List { .. }) => self.listed.get(name).is_some_and(|s| s.contains(value)),
            Some(d) => d.contains(value),
            None => false,
        }
    }

    /// Whether `name` is a variable or a derived variable.
    pub(super) fn known(&self, name: &str) -> bool {
        self.t.vars.contains_key(name) || self.t.derived.contains_key(name)
    }

    /// Whether `value` is a possible value of variable or derived variable `name`.
    pub(super) fn possible(&self, name: &str, value: &str) -> bool {
        match self.mapped.get(name) {
            Some(values) => values.contains(value),
            None => self.in_domain(name, value),
        }
    }
}

/// Checks derived variable `name` (at path `dp`): a name of its own, and a map from a known
/// variable that covers each of its values and nothing else.
pub(super) fn derived(
    values: &Values<'_>,
    dp: &str,
    name: &str,
    d: &DerivedSpec,
    out: &mut Vec<Diagnostic>,
) {
    let id = &values.t.id;
    if values.t.vars.contains_key(name) {
        fail(
            out,
            id,
            dp.to_owned(),
            format!("derived `{name}` has the name of a variable"),
        );
    }
    match values.domain(&d.from) {
        None => fail(
            out,
            id,
            format!("{dp}.from"),
            format!("derived `{name}` is from unknown variable `{}`", d.from),
        ),
        Some(dom) => derived_map(values, dp, name, d, dom, out),
    }
}

/// The map of a derived variable gives a value for every value of `dom` (the domain of the
/// variable it is from) and maps nothing outside it.
fn derived_map(
    values: &Values<'_>,
    dp: &str,
    name: &str,
    d: &DerivedSpec,
    dom: Domain<'_>,
    out: &mut Vec<Diagnostic>,
) {
    let id = &values.t.id;
    let missing: Vec<String> = (0..dom.len())
        .map(|k| dom.value(k).into_owned())
        .filter(|v| !d.map.contains_key(v))
        .collect();
    if !missing.is_empty() {
        fail(
            out,
            id,
            format!("{dp}.map"),
            format!(
                "derived `{name}` has no value for {} = {}",
                d.from,
                missing.join(", ")
            ),
        );
    }
    let (keys, more) = first_few(d.map.keys().filter(|k| !values.in_domain(&d.from, k)));
    for k in keys {
        fail(
            out,
            id,
            format!("{dp}.map.{k}"),
            format!(
                "derived `{name}` maps `{k}`, which is not a value of `{}`",
                d.from
            ),
        );
    }
    if more > 0 {
        fail(
            out,
            id,
            format!("{dp}.map"),
            format!(
                "derived `{name}` maps {more} more values that `{}` does not have",
                d.from
            ),
        );
    }
}
