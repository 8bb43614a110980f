//! Meaning of a case template's variables, constraints and rules, shared by the generator and
//! by `check`, so that what `check` proves is exactly what the generator does.

use super::spec::{CaseTemplateSpec, OptionSpec, RuleSpec, VarSpec};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// Largest integer range a variable may span.
pub const MAX_RANGE: i64 = 10_000;

/// Draws the generator tries before it gives up on a template whose constraints exclude
/// nearly everything; `check` fails a template that would give up with a meaningful chance.
/// `quiz::case` must give up after exactly this many (a test compares its error message).
pub const MAX_DRAWS: usize = 1_000;

/// The finite set of values of one variable.
#[derive(Debug, Clone, Copy)]
pub enum Domain<'a> {
    List {
        values: &'a [String],
        weights: &'a [u32],
    },
    Range {
        low: i64,
        high: i64,
    },
}

impl<'a> Domain<'a> {
    /// `None` when the spec is not a valid domain (check reports why).
    pub fn of(spec: &'a VarSpec) -> Option<Domain<'a>> {
        match (&spec.range, spec.values.is_empty()) {
            (Some([low, high]), true)
                if low <= high && i128::from(*high) - i128::from(*low) < i128::from(MAX_RANGE) =>
            {
                Some(Domain::Range {
                    low: *low,
                    high: *high,
                })
            }
            // Weights that do not match the values are reported by `check` and ignored here.
            (None, false) => Some(Domain::List {
                values: &spec.values,
                weights: &spec.weights,
            }),
            _ => None,
        }
    }

    pub fn len(&self) -> usize {
        match self {
            Domain::List { values, .. } => values.len(),
            Domain::Range { low, high } => {
                usize::try_from(i128::from(*high) - i128::from(*low) + 1).unwrap_or(0)
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn value(&self, i: usize) -> Cow<'a, str> {
        match self {
            Domain::List { values, .. } => Cow::Borrowed(values[i].as_str()),
            Domain::Range { low, .. } => Cow::Owned((i128::from(*low) + i as i128).to_string()),
        }
    }

    /// Relative weight of value `i` (1 when unweighted).
    pub fn weight(&self, i: usize) -> u64 {
        match self {
            Domain::List { values, weights } if weights.len() == values.len() => {
                weights.get(i).map_or(1, |&w| u64::from(w))
            }
            _ => 1,
        }
    }

    pub fn contains(&self, v: &str) -> bool {
        match self {
            Domain::List { values, .. } => values.iter().any(|x| x == v),
            Domain::Range { low, high } => {
                v.parse::<i64>().is_ok_and(|n| (*low..=*high).contains(&n))
            }
        }
    }
}

/// Values of the drawn variables, by name.
pub type Assignment<'a> = BTreeMap<&'a str, Cow<'a, str>>;

/// The value of variable or derived variable `name` under `a`.
pub fn value_of<'a>(t: &'a CaseTemplateSpec, a: &'a Assignment<'a>, name: &str) -> Option<&'a str> {
    if let Some(v) = a.get(name) {
        return Some(v.as_ref());
    }
    let d = t.derived.get(name)?;
    let from = a.get(d.from.as_str())?;
    d.map.get(from.as_ref()).map(String::as_str)
}

/// Whether every named variable has one of its listed values.
pub fn matches(
    t: &CaseTemplateSpec,
    a: &Assignment<'_>,
    cond: &BTreeMap<String, Vec<String>>,
) -> bool {
    cond.iter()
        .all(|(name, allowed)| value_of(t, a, name).is_some_and(|v| allowed.iter().any(|x| x == v)))
}

/// Whether a constraint excludes this combination.
pub fn excluded(t: &CaseTemplateSpec, a: &Assignment<'_>) -> bool {
    t.constraints.iter().any(|c| matches(t, a, &c.exclude))
}

/// Index of the first of `rules` (one decision's) that matches.
pub fn first_rule(t: &CaseTemplateSpec, rules: &[RuleSpec], a: &Assignment<'_>) -> Option<usize> {
    rules
        .iter()
        .position(|r| r.otherwise || matches(t, a, &r.when))
}

/// One question a case asks: a plain template's only one, or a step of an unfolding case.
#[derive(Debug, Clone, Copy)]
pub struct Decision<'a> {
    pub stem: &'a str,
    pub lead_in: &'a str,
    pub options: &'a [OptionSpec],
    pub rules: &'a [RuleSpec],
    pub distractors: usize,
    /// Its index among the steps of an unfolding template; `None` in a plain one.
    pub step: Option<usize>,
}

impl Decision<'_> {
    /// Where its fields are, under the template's path: `` or `.steps[1]`.
    pub fn path(&self) -> String {
        self.step
            .map_or_else(String::new, |j| format!(".steps[{j}]"))
    }
}

/// The decisions of `t`, in the order a case asks them.
pub fn decisions(t: &CaseTemplateSpec) -> Vec<Decision<'_>> {
    if t.steps.is_empty() {
        return vec![Decision {
            stem: &t.stem,
            lead_in: &t.lead_in,
            options: &t.options,
            rules: &t.rules,
            distractors: t.distractors,
            step: None,
        }];
    }
    t.steps
        .iter()
        .enumerate()
        .map(|(j, s)| Decision {
            stem: &s.stem,
            lead_in: &s.lead_in,
            options: &s.options,
            rules: &s.rules,
            distractors: s.distractors,
            step: Some(j),
        })
        .collect()
}

/// Every rule of every decision of `t`.
pub fn all_rules(t: &CaseTemplateSpec) -> impl Iterator<Item = &RuleSpec> {
    t.rules.iter().chain(t.steps.iter().flat_map(|s| &s.rules))
}

/// Text that stands for variable `name` in placeholders: its phrase, or the value itself.
pub fn phrase<'a>(t: &'a CaseTemplateSpec, a: &'a Assignment<'a>, name: &str) -> Option<&'a str> {
    let v = value_of(t, a, name)?;
    Some(
        t.phrases
            .get(name)
            .and_then(|p| p.get(v))
            .map_or(v, String::as_str),
    )
}

/// The drawn variable whose value decides `name`: the variable itself, or the one a derived
/// variable is computed from; `None` when `name` names neither.
pub fn drawn_var<'a>(t: &'a CaseTemplateSpec, name: &str) -> Option<&'a str> {
    if let Some((k, _)) = t.vars.get_key_value(name) {
        return Some(k.as_str());
    }
    let d = t.derived.get(name)?;
    t.vars
        .get_key_value(d.from.as_str())
        .map(|(k, _)| k.as_str())
}

/// Names of the variables whose values can change the key: used by rules and constraints,
/// directly or through a derived variable. The others only vary the text.
pub fn deciding_vars(t: &CaseTemplateSpec) -> Vec<&str> {
    let mut names: Vec<&str> = Vec::new();
    let conds = all_rules(t)
        .map(|r| &r.when)
        .chain(t.constraints.iter().map(|c| &c.exclude));
    for cond in conds {
        for name in cond.keys() {
            let base = t
                .derived
                .get(name)
                .map_or(name.as_str(), |d| d.from.as_str());
            if t.vars.contains_key(base) && !names.contains(&base) {
                names.push(base);
            }
        }
    }
    names.sort_unstable();
    names
}
