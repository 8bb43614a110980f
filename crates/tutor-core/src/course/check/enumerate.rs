//! Walks every combination of a case template's deciding variables: each must match a rule (or
//! be excluded), each rule should match something, and the generator must be able to draw an
//! allowed case reliably.
//!
//! Rules and constraints are compiled first into tables indexed by value position, so a
//! combination costs one table lookup per named variable of each condition tried, whatever the
//! lengths of the value lists. The work is bounded before it starts: [`MAX_COMBINATIONS`]
//! combinations, and [`MAX_STEPS`] lookups in all (3,000 rules over 1,000,000 combinations
//! took 52 s before this bound).

use super::{CASES, TemplateCount, err, warn};
use crate::course::diag::Diagnostic;
use crate::course::spec::CaseTemplateSpec;
use crate::course::template::{self, Domain, MAX_DRAWS};
use std::collections::{BTreeMap, HashSet};

/// Most combinations of deciding variables `check` enumerates for one template.
pub const MAX_COMBINATIONS: u64 = 1_000_000;

/// Most table entries and lookups `check` spends on one template's rules and constraints
/// (well under a second in a release build).
pub const MAX_STEPS: u64 = 50_000_000;

/// Largest accepted chance that the generator gives up on a case: it draws at most
/// [`MAX_DRAWS`] times, and every draw is excluded with probability `1 - allowed share`.
pub const MAX_GIVE_UP: f64 = 1e-9;

/// One named variable of a condition: which values of its deciding variable satisfy it.
struct Test {
    var: usize,
    ok: Vec<bool>,
}

/// A `when` or `exclude`, compiled: every test must pass. `None` when it names something that
/// is not a variable (reported elsewhere), so it never holds, as in [`template::matches`].
struct Cond(Option<Vec<Test>>);

impl Cond {
    fn holds(&self, digits: &[usize]) -> bool {
        self.0
            .as_ref()
            .is_some_and(|tests| tests.iter().all(|t| t.ok[digits[t.var]]))
    }
}

/// The deciding variables of a template, in name order, with their domains; a combination is
/// one value position ("digit") per variable.
struct Space<'a> {
    names: Vec<&'a str>,
    doms: Vec<Domain<'a>>,
}

impl<'a> Space<'a> {
    /// `None` when a deciding variable is not a valid domain (reported by the caller).
    fn of(t: &'a CaseTemplateSpec) -> Option<Self> {
        let names = template::deciding_vars(t);
        let doms: Vec<Domain<'_>> = names
            .iter()
            .filter_map(|n| t.vars.get(*n).and_then(Domain::of))
            .collect();
        (doms.len() == names.len()).then_some(Space { names, doms })
    }

    /// How many combinations there are (saturating).
    fn total(&self) -> u64 {
        self.doms
            .iter()
            .fold(1u64, |n, d| n.saturating_mul(d.len() as u64))
    }

    /// Values of the deciding variable behind `name` (0 when `name` is not a variable).
    fn len_behind(&self, t: &CaseTemplateSpec, name: &str) -> usize {
        base(t, name).map_or(0, |b| {
            position(&self.names, b).map_or(0, |i| self.doms[i].len())
        })
    }

    /// A combination as the error shows it: `a=1, b=x`.
    fn show(&self, digits: &[usize]) -> String {
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
    fn advance(&self, digits: &mut [usize]) {
        for (k, d) in digits.iter_mut().zip(&self.doms) {
            *k += 1;
            if *k < d.len() {
                break;
            }
            *k = 0;
        }
    }
}

/// What walking every combination found.
struct Walk {
    /// Combinations no constraint excludes.
    allowed: u64,
    /// Chance that one draw of the generator is allowed.
    allowed_share: f64,
    /// Allowed combinations that no rule matches, and the first few of them as shown.
    gaps: u64,
    examples: Vec<String>,
    /// Per rule, whether it decides some allowed combination.
    matched: Vec<bool>,
}

/// Enumerates the deciding variables of template `t` (at path `p`) against its rules and
/// constraints, counts its cases into `count`, and reports gaps, rules that never match and
/// constraints that exclude too much.
pub fn enumerate(
    t: &CaseTemplateSpec,
    p: &str,
    count: &mut TemplateCount,
    out: &mut Vec<Diagnostic>,
) {
    let Some(space) = Space::of(t) else {
        return; // An invalid variable, reported by the caller.
    };
    let id = &t.id;
    let total = space.total();
    if total > MAX_COMBINATIONS {
        let m = format!(
            "case template {id}: {total} combinations of deciding variables, more than the {MAX_COMBINATIONS} that can be checked"
        );
        return err(out, CASES, format!("{p}.vars"), m);
    }
    if let Some(m) = over_budget(t, &space, total) {
        return err(out, CASES, format!("{p}.rules"), m);
    }
    let walk = walk(t, &space, total);
    count.combinations = total;
    count.distinct = walk.allowed.saturating_mul(text_variants(t, &space.names));
    let reached = t.rules.iter().zip(&walk.matched).filter(|(_, hit)| **hit);
    for (r, _) in reached {
        count.decisions += 1;
        if !count.keys.contains(&r.key) {
            count.keys.push(r.key.clone());
        }
    }
    report(id, p, total, &walk, out);
    if let [key] = count.keys.as_slice() {
        let m = format!(
            "case template {id}: every case has the same key `{key}`, so the vignette decides nothing once the key has been seen; vary a fact that changes it"
        );
        warn(out, CASES, format!("{p}.rules"), m);
    }
}

/// The error when compiling and walking would take more than [`MAX_STEPS`], worked out from
/// sizes alone so that nothing is spent before the answer is known.
fn over_budget(t: &CaseTemplateSpec, space: &Space<'_>, total: u64) -> Option<String> {
    let conds = t
        .constraints
        .iter()
        .map(|c| (&c.exclude, false))
        .chain(t.rules.iter().map(|r| (&r.when, r.otherwise)));
    let (mut table, mut per_combination) = (0u64, 0u64);
    for (cond, otherwise) in conds {
        let named = if otherwise { 0 } else { cond.len() as u64 };
        per_combination = per_combination.saturating_add(named.max(1));
        for (name, values) in cond.iter().filter(|_| !otherwise) {
            let len = space.len_behind(t, name);
            table = table.saturating_add((len + values.len()) as u64);
        }
    }
    let steps = total.saturating_mul(per_combination).saturating_add(table);
    (steps > MAX_STEPS).then(|| {
        format!(
            "case template {}: checking its rules would take {steps} steps ({total} combinations x {per_combination} tests of {} rules and {} constraints), more than the {MAX_STEPS} that `check` allows; use fewer rules, or fewer values in the variables they name",
            t.id,
            t.rules.len(),
            t.constraints.len()
        )
    })
}

/// Compiles a `when` or `exclude` into one table per named variable: which values of its
/// deciding variable satisfy it (through the map, for a derived variable).
fn compile(t: &CaseTemplateSpec, space: &Space<'_>, cond: &BTreeMap<String, Vec<String>>) -> Cond {
    Cond(
        cond.iter()
            .map(|(name, values)| {
                let var = position(&space.names, base(t, name)?)?;
                let set: HashSet<&str> = values.iter().map(String::as_str).collect();
                let dom = space.doms[var];
                let derived = t.derived.get(name.as_str());
                let ok = (0..dom.len())
                    .map(|k| {
                        let v = dom.value(k);
                        match derived {
                            Some(d) => d
                                .map
                                .get(v.as_ref())
                                .is_some_and(|x| set.contains(x.as_str())),
                            None => set.contains(v.as_ref()),
                        }
                    })
                    .collect();
                Some(Test { var, ok })
            })
            .collect::<Option<Vec<Test>>>(),
    )
}

/// Per variable, the share of draws each value gets: the generator draws each variable in
/// proportion to its weights.
fn shares(doms: &[Domain<'_>]) -> Vec<Vec<f64>> {
    doms.iter()
        .map(|d| {
            let sum: u64 = (0..d.len()).map(|k| d.weight(k)).sum();
            (0..d.len())
                .map(|k| d.weight(k) as f64 / sum.max(1) as f64)
                .collect()
        })
        .collect()
}

/// Tries every one of the `total` combinations against the constraints, then the rules.
fn walk(t: &CaseTemplateSpec, space: &Space<'_>, total: u64) -> Walk {
    let excludes: Vec<Cond> = t
        .constraints
        .iter()
        .map(|c| compile(t, space, &c.exclude))
        .collect();
    let rules: Vec<Cond> = t
        .rules
        .iter()
        .map(|r| {
            if r.otherwise {
                Cond(Some(Vec::new()))
            } else {
                compile(t, space, &r.when)
            }
        })
        .collect();
    let shares = shares(&space.doms);
    let mut digits = vec![0usize; space.doms.len()];
    let mut w = Walk {
        allowed: 0,
        allowed_share: 0.0,
        gaps: 0,
        examples: Vec::new(),
        matched: vec![false; t.rules.len()],
    };
    for _ in 0..total {
        if !excludes.iter().any(|c| c.holds(&digits)) {
            w.allowed += 1;
            w.allowed_share += digits
                .iter()
                .zip(&shares)
                .map(|(&k, s)| s[k])
                .product::<f64>();
            match rules.iter().position(|c| c.holds(&digits)) {
                Some(r) => w.matched[r] = true,
                None => {
                    w.gaps += 1;
                    if w.examples.len() < 3 {
                        w.examples.push(space.show(&digits));
                    }
                }
            }
        }
        space.advance(&mut digits);
    }
    w
}

/// Combinations of the variables that only vary the text (not among `deciding`): each
/// allowed combination of the deciding ones yields this many distinct cases.
fn text_variants(t: &CaseTemplateSpec, deciding: &[&str]) -> u64 {
    t.vars
        .iter()
        .filter(|(n, _)| !deciding.contains(&n.as_str()))
        .filter_map(|(_, v)| Domain::of(v))
        .fold(1u64, |n, d| n.saturating_mul(d.len() as u64))
}

/// Reports what the walk of template `id` found: no allowed case or too few to draw, allowed
/// combinations no rule decides, and rules that never match.
fn report(id: &str, p: &str, total: u64, w: &Walk, out: &mut Vec<Diagnostic>) {
    if w.allowed == 0 {
        let m = format!("case template {id}: constraints exclude every case");
        err(out, CASES, format!("{p}.constraints"), m);
    } else {
        reachable(id, w.allowed_share, p, out);
    }
    if w.gaps > 0 {
        let m = format!(
            "case template {id}: {} of {total} combinations match no rule (end the rules with `otherwise: true`), e.g. {}",
            w.gaps,
            w.examples.join("; ")
        );
        err(out, CASES, format!("{p}.rules"), m);
    }
    for (j, hit) in w.matched.iter().enumerate() {
        if !hit && w.allowed > 0 {
            let m = format!(
                "case template {id}: rule {} never matches an allowed case",
                j + 1
            );
            warn(out, CASES, format!("{p}.rules[{j}]"), m);
        }
    }
}

/// Reports a template whose constraints leave so small a share of draws that the generator,
/// which gives up after [`MAX_DRAWS`] excluded draws in a row, would fail with a chance above
/// [`MAX_GIVE_UP`].
fn reachable(id: &str, share: f64, p: &str, out: &mut Vec<Diagnostic>) {
    let give_up = give_up(share);
    if give_up <= MAX_GIVE_UP {
        return;
    }
    let how_often = if give_up > 0.5 {
        "on most cases".to_owned()
    } else {
        format!("on about 1 case in {:.0}", 1.0 / give_up)
    };
    let m = format!(
        "case template {id}: the constraints allow only {:.4}% of the draws, so the generator, which gives up after {MAX_DRAWS} excluded draws in a row, would fail {how_often}; allow at least {:.2}% (remove or down-weight values that are mostly excluded)",
        share * 100.0,
        min_share() * 100.0
    );
    err(out, CASES, format!("{p}.constraints"), m);
}

/// Chance that [`MAX_DRAWS`] draws in a row are all excluded, when a share `share` is allowed.
pub fn give_up(share: f64) -> f64 {
    let share = share.clamp(0.0, 1.0);
    (MAX_DRAWS as f64 * (-share).ln_1p()).exp()
}

/// Smallest allowed share of draws that keeps [`give_up`] within [`MAX_GIVE_UP`].
pub fn min_share() -> f64 {
    -(MAX_GIVE_UP.ln() / MAX_DRAWS as f64).exp_m1()
}

/// The variable whose value decides `name`: itself, or the variable a derived one is from.
fn base<'a>(t: &'a CaseTemplateSpec, name: &'a str) -> Option<&'a str> {
    match t.derived.get(name) {
        Some(d) if !t.vars.contains_key(name) => Some(d.from.as_str()),
        _ => t.vars.contains_key(name).then_some(name),
    }
}

fn position(names: &[&str], name: &str) -> Option<usize> {
    names.binary_search(&name).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_give_up_bound_matches_the_draw_budget() {
        assert!(give_up(1.0) == 0.0);
        assert!((give_up(0.0) - 1.0).abs() < 1e-12);
        let s = min_share();
        assert!((0.02..0.021).contains(&s), "{s}");
        assert!((give_up(s) - MAX_GIVE_UP).abs() < 1e-12);
        assert!(give_up(1.0 / 1001.0) > 0.3);
    }
}
