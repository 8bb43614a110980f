//! The space of combinations `check` walks: the deciding variables of a template, and
//! conditions compiled to tables over value positions.

use super::position;
use crate::course::spec::CaseTemplateSpec;
use crate::course::template::{self, Domain};

/// One named variable of a condition: which values of its deciding variable satisfy it.
pub(super) struct Test {
    pub(super) var: usize,
    pub(super) ok: Vec<bool>,
}

/// A `when` or `exclude`, compiled: every test must pass. `None` when it names something that
/// is not a variable (reported elsewhere), so it never holds, as in [`template::matches`].
pub(super) struct Cond(pub(super) Option<Vec<Test>>);

impl Cond {
    pub(super) fn holds(&self, digits: &[usize]) -> bool {
        self.0
            .as_ref()
            .is_some_and(|tests| tests.iter().all(|t| t.ok[digits[t.var]]))
    }
}

/// The deciding variables of a template, in name order, with their domains; a combination is
/// one value position ("digit") per variable.
pub(super) struct Space<'a> {
    pub(super) names: Vec<&'a str>,
    pub(super) doms: Vec<Domain<'a>>,
}

impl<'a> Space<'a> {
    /// `None` when a deciding variable is not a valid domain (reported by the caller).
    pub(super) fn of(t: &'a CaseTemplateSpec) -> Option<Self> {
        let names = template::deciding_vars(t);
        let doms: Vec<Domain<'_>> = names
            .iter()
            .filter_map(|n| t.vars.get(*n).and_then(Domain::of))
            .collect();
        (doms.len() == names.len()).then_some(Space { names, doms })
    }

    /// How many combinations there are (saturating).
    pub(super) fn total(&self) -> u64 {
        self.doms
            .iter()
            .fold(1u64, |n, d| n.saturating_mul(d.len() as u64))
    }

    /// Values of the deciding variable behind `name` (0 when `name` is not a variable).
    pub(super) fn len_behind(&self, t: &CaseTemplateSpec, name: &str) -> usize {
        template::drawn_var(t, name).map_or(0, |b| {
            position(&self.names, b).map_or(0, |i| self.doms[i].len())
        })
    }

    /// A combination as the error shows it: `a=1, b=x`.
    pub(super) fn show(&self, digits: &[usize]) -> String {
        let shown: Vec<String> = self
            .names
            .iter()
            .zip(&self.doms)
            .zip(digits)
            .map(|((n, d), &k)| format!("{n}={}", d.value(k)))
            .collect();
        shown.join(", ")
    }

    /// Steps `digits` to the next combination, first variable fastest, wrapping to all zeros.
    pub(super) fn advance(&self, digits: &mut [usize]) {
        for (k, d) in digits.iter_mut().zip(&self.doms) {
            *k += 1;
            if *k < d.len() {
                break;
            }
            *k = 0;
        }
    }
}
