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

pub fn enumerate(
    t: &CaseTemplateSpec,
    p: &str,
    count: &mut TemplateCount,
    out: &mut Vec<Diagnostic>,
) {
    let id = &t.id;
    let names = template::deciding_vars(t);
    let doms: Vec<Domain<'_>> = names
        .iter()
        .filter_map(|n| t.vars.get(*n).and_then(Domain::of))
        .collect();
    if doms.len() != names.len() {
        return; // An invalid variable, reported by the caller.
    }
    let total = doms
        .iter()
        .fold(1u64, |n, d| n.saturating_mul(d.len() as u64));
    if total > MAX_COMBINATIONS {
        let m = format!(
            "case template {id}: {total} combinations of deciding variables, more than the {MAX_COMBINATIONS} that can be checked"
        );
        return err(out, CASES, format!("{p}.vars"), m);
    }
    // What compiling and walking will cost, from sizes alone, before doing any of it.
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
            let len = base(t, name).map_or(0, |b| position(&names, b).map_or(0, |i| doms[i].len()));
            table = table.saturating_add((len + values.len()) as u64);
        }
    }
    let steps = total.saturating_mul(per_combination).saturating_add(table);
    if steps > MAX_STEPS {
        let m = format!(
            "case template {id}: checking its rules would take {steps} steps ({total} combinations x {per_combination} tests of {} rules and {} constraints), more than the {MAX_STEPS} that `check` allows; use fewer rules, or fewer values in the variables they name",
            t.rules.len(),
            t.constraints.len()
        );
        return err(out, CASES, format!("{p}.rules"), m);
    }

    let compile = |cond: &BTreeMap<String, Vec<String>>| {
        Cond(
            cond.iter()
                .map(|(name, values)| {
                    let var = position(&names, base(t, name)?)?;
                    let set: HashSet<&str> = values.iter().map(String::as_str).collect();
                    let dom = doms[var];
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
    };
    let excludes: Vec<Cond> = t.constraints.iter().map(|c| compile(&c.exclude)).collect();
    let rules: Vec<Cond> = t
        .rules
        .iter()
        .map(|r| {
            if r.otherwise {
                Cond(Some(Vec::new()))
            } else {
                compile(&r.when)
            }
        })
        .collect();
    // The generator draws each variable in proportion to its weights.
    let shares: Vec<Vec<f64>> = doms
        .iter()
        .map(|d| {
            let sum: u64 = (0..d.len()).map(|k| d.weight(k)).sum();
            (0..d.len())
                .map(|k| d.weight(k) as f64 / sum.max(1) as f64)
                .collect()
        })
        .collect();

    let mut digits = vec![0usize; doms.len()];
    let (mut allowed, mut allowed_share) = (0u64, 0f64);
    let (mut gaps, mut examples) = (0u64, Vec::new());
    let mut matched = vec![false; t.rules.len()];
    for _ in 0..total {
        if !excludes.iter().any(|c| c.holds(&digits)) {
            allowed += 1;
            allowed_share += digits
                .iter()
                .zip(&shares)
                .map(|(&k, s)| s[k])
                .product::<f64>();
            match rules.iter().position(|c| c.holds(&digits)) {
                Some(r) => matched[r] = true,
                None => {
                    gaps += 1;
                    if examples.len() < 3 {
                        let shown: Vec<String> = names
                            .iter()
                            .zip(&doms)
                            .zip(&digits)
                            .map(|((n, d), &k)| format!("{n}={}", d.value(k)))
                            .collect();
                        examples.push(shown.join(", "));
                    }
                }
            }
        }
        for (k, d) in digits.iter_mut().zip(&doms) {
            *k += 1;
            if *k < d.len() {
                break;
            }
            *k = 0;
        }
    }
    count.combinations = total;
    let rest = t
        .vars
        .iter()
        .filter(|(n, _)| !names.contains(&n.as_str()))
        .filter_map(|(_, v)| Domain::of(v))
        .fold(1u64, |n, d| n.saturating_mul(d.len() as u64));
    count.distinct = allowed.saturating_mul(rest);
    if allowed == 0 {
        let m = format!("case template {id}: constraints exclude every case");
        err(out, CASES, format!("{p}.constraints"), m);
    } else {
        reachable(id, allowed_share, p, out);
    }
    if gaps > 0 {
        let m = format!(
            "case template {id}: {gaps} of {total} combinations match no rule (end the rules with `otherwise: true`), e.g. {}",
            examples.join("; ")
        );
        err(out, CASES, format!("{p}.rules"), m);
    }
    for (j, hit) in matched.iter().enumerate() {
        if !hit && allowed > 0 {
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
