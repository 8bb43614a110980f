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
use crate::course::spec::{CaseTemplateSpec, RuleSpec};
use crate::course::template::{self, Decision, Domain, MAX_DRAWS};
use std::collections::{BTreeMap, HashSet};

/// Most combinations of deciding variables `check` enumerates for one template.
pub const MAX_COMBINATIONS: u64 = 1_000_000;

/// Most table entries and lookups `check` spends on one template's rules and constraints
/// (well under a second in a release build).
pub const MAX_STEPS: u64 = 50_000_000;

/// Largest accepted chance that the generator gives up on a case: it draws at most
/// [`MAX_DRAWS`] times, and every draw is excluded with probability `1 - allowed share`.
pub const MAX_GIVE_UP: f64 = 1e-9;

mod space;

use space::{Cond, Space, Test};

/// What walking every combination against one decision's rules found.
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
    /// Per rule, the earlier rules that decided allowed combinations it also matches.
    taken_by: Vec<Vec<usize>>,
}

/// Enumerates the deciding variables of template `t` (at path `p`) against its constraints
/// and the rules of each of its decisions, counts its cases into `count`, and reports gaps,
/// rules that never match and constraints that exclude too much.
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
    count.combinations = total;
    for (j, d) in template::decisions(t).iter().enumerate() {
        let walk = walk(t, &space, d.rules, total);
        if j == 0 {
            count.distinct = walk.allowed.saturating_mul(text_variants(t, &space.names));
            constraints(id, p, &walk, out);
        }
        let mut keys: Vec<String> = Vec::new();
        for (r, _) in d.rules.iter().zip(&walk.matched).filter(|(_, hit)| **hit) {
            count.decisions += 1;
            if !keys.contains(&r.key) {
                keys.push(r.key.clone());
            }
        }
        let at = Place { id, p, d };
        rules(&at, total, &walk, out);
        if let [key] = keys.as_slice() {
            let m = format!(
                "{}: every case has the same key `{key}`, so the vignette decides nothing once the key has been seen; vary a fact that changes it",
                at.name()
            );
            warn(out, CASES, format!("{}.rules", at.path()), m);
        }
        count.keys.push(keys);
    }
}

/// One decision of a template, as messages name it and paths locate it.
struct Place<'a> {
    id: &'a str,
    p: &'a str,
    d: &'a Decision<'a>,
}

impl Place<'_> {
    /// `case template x`, or `case template x, step 2`.
    fn name(&self) -> String {
        match self.d.step {
            None => format!("case template {}", self.id),
            Some(j) => format!("case template {}, step {}", self.id, j + 1),
        }
    }

    fn path(&self) -> String {
        format!("{}{}", self.p, self.d.path())
    }
}

/// The error when compiling and walking would take more than [`MAX_STEPS`], worked out from
/// sizes alone so that nothing is spent before the answer is known. Every decision walks
/// the combinations once, testing the constraints and all of its rules.
fn over_budget(t: &CaseTemplateSpec, space: &Space<'_>, total: u64) -> Option<String> {
    let decisions = template::decisions(t);
    let conds = decisions.iter().flat_map(|d| {
        let excludes = t.constraints.iter().map(|c| (&c.exclude, false));
        excludes.chain(d.rules.iter().map(|r| (&r.when, r.otherwise)))
    });
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
    let rules: usize = decisions.iter().map(|d| d.rules.len()).sum();
    (steps > MAX_STEPS).then(|| {
        format!(
            "case template {}: checking its rules would take {steps} steps ({total} combinations x {per_combination} tests of {rules} rules and {} constraints), more than the {MAX_STEPS} that `check` allows; use fewer rules, or fewer values in the variables they name",
            t.id,
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
                let var = position(&space.names, template::drawn_var(t, name)?)?;
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

/// Tries every one of the `total` combinations against the constraints, then `rules`.
fn walk(t: &CaseTemplateSpec, space: &Space<'_>, rules: &[RuleSpec], total: u64) -> Walk {
    let excludes: Vec<Cond> = t
        .constraints
        .iter()
        .map(|c| compile(t, space, &c.exclude))
        .collect();
    let conds: Vec<Cond> = rules
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
        matched: vec![false; rules.len()],
        taken_by: vec![Vec::new(); rules.len()],
    };
    for _ in 0..total {
        if !excludes.iter().any(|c| c.holds(&digits)) {
            w.allowed += 1;
            w.allowed_share += digits
                .iter()
                .zip(&shares)
                .map(|(&k, s)| s[k])
                .product::<f64>();
            decide(&conds, &digits, &mut w, space);
        }
        space.advance(&mut digits);
    }
    w
}

/// Records which rule decides one allowed combination, and which later rules it shadows.
fn decide(conds: &[Cond], digits: &[usize], w: &mut Walk, space: &Space<'_>) {
    let mut holding = conds.iter().enumerate().filter(|(_, c)| c.holds(digits));
    let Some((first, _)) = holding.next() else {
        w.gaps += 1;
        if w.examples.len() < 3 {
            w.examples.push(space.show(digits));
        }
        return;
    };
    w.matched[first] = true;
    for (later, _) in holding {
        if !w.taken_by[later].contains(&first) {
            w.taken_by[later].push(first);
        }
    }
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

/// Reports what the constraints of template `id` leave: no allowed case, or too few to draw.
fn constraints(id: &str, p: &str, w: &Walk, out: &mut Vec<Diagnostic>) {
    if w.allowed == 0 {
        let m = format!("case template {id}: constraints exclude every case");
        err(out, CASES, format!("{p}.constraints"), m);
    } else {
        reachable(id, w.allowed_share, p, out);
    }
}

/// Reports what the walk of one decision's rules found: allowed combinations no rule decides,
/// and rules that never match, with the earlier rules that take their cases.
fn rules(at: &Place<'_>, total: u64, w: &Walk, out: &mut Vec<Diagnostic>) {
    let (name, path) = (at.name(), at.path());
    if w.gaps > 0 {
        let m = format!(
            "{name}: {} of {total} combinations match no rule (end the rules with `otherwise: true`), e.g. {}",
            w.gaps,
            w.examples.join("; ")
        );
        err(out, CASES, format!("{path}.rules"), m);
    }
    for (j, hit) in w.matched.iter().enumerate() {
        if *hit || w.allowed == 0 {
            continue;
        }
        let why = match w.taken_by[j].as_slice() {
            [] => "its `when` holds for no allowed case".to_owned(),
            [r] => format!("rule {} comes first and takes all its cases", r + 1),
            rs => {
                let mut rs = rs.to_vec();
                rs.sort_unstable();
                let named: Vec<String> = rs.iter().map(|r| (r + 1).to_string()).collect();
                format!(
                    "rules {} come first and take all its cases",
                    named.join(", ")
                )
            }
        };
        let m = format!(
            "{name}: rule {} never matches an allowed case: {why}",
            j + 1
        );
        warn(out, CASES, format!("{path}.rules[{j}]"), m);
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
