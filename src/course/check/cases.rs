//! Case templates: well-formed variables, resolvable placeholders, and rules that decide every
//! allowed combination, proven by enumerating them all.

use super::refs::{cites, quotes};
use super::{CASES, TemplateCount, duplicates, err, warn};
use crate::course::Course;
use crate::course::diag::Diagnostic;
use crate::course::spec::CaseTemplateSpec;
use crate::course::template::{self, Assignment, Domain, MAX_RANGE};
use crate::text::placeholders;

/// Most combinations of deciding variables `check` enumerates for one template.
const MAX_COMBINATIONS: u64 = 1_000_000;

pub fn check(course: &Course, out: &mut Vec<Diagnostic>) -> Vec<TemplateCount> {
    course
        .cases
        .iter()
        .enumerate()
        .map(|(i, t)| template(course, i, t, out))
        .collect()
}

fn template(
    course: &Course,
    i: usize,
    t: &CaseTemplateSpec,
    out: &mut Vec<Diagnostic>,
) -> TemplateCount {
    let p = format!("[{i}]");
    let id = &t.id;
    let before = out.iter().filter(|d| d.is_error()).count();
    let mut e =
        |path: String, msg: String| err(out, CASES, path, format!("case template {id}: {msg}"));

    for (name, v) in &t.vars {
        let vp = format!("{p}.vars.{name}");
        match (&v.range, v.values.is_empty()) {
            (Some(_), false) => e(
                vp.clone(),
                format!("variable `{name}` has both `values` and `range`"),
            ),
            (None, true) => e(
                vp.clone(),
                format!("variable `{name}` has no values (give `values` or `range`)"),
            ),
            (Some([lo, hi]), true)
                if lo > hi || i128::from(*hi) - i128::from(*lo) >= i128::from(MAX_RANGE) =>
            {
                e(
                    format!("{vp}.range"),
                    format!(
                        "range of `{name}` must be [low, high] with low <= high and fewer than {MAX_RANGE} values"
                    ),
                )
            }
            (Some(_), true) if !v.weights.is_empty() => e(
                format!("{vp}.weights"),
                format!("`weights` of `{name}` need `values`, not a range"),
            ),
            _ => {}
        }
        if !v.weights.is_empty() && v.weights.len() != v.values.len() {
            e(
                format!("{vp}.weights"),
                format!(
                    "`{name}` has {} values but {} weights",
                    v.values.len(),
                    v.weights.len()
                ),
            );
        } else if !v.weights.is_empty() && v.weights.iter().all(|&w| w == 0) {
            e(
                format!("{vp}.weights"),
                format!("every weight of `{name}` is zero"),
            );
        }
        for (j, dup) in duplicates(v.values.iter().map(String::as_str)) {
            e(
                format!("{vp}.values[{j}]"),
                format!("duplicate value `{dup}` of `{name}`"),
            );
        }
    }
    let domain = |name: &str| t.vars.get(name).and_then(Domain::of);
    for (name, d) in &t.derived {
        let dp = format!("{p}.derived.{name}");
        if t.vars.contains_key(name) {
            e(
                dp.clone(),
                format!("derived `{name}` has the name of a variable"),
            );
        }
        match domain(&d.from) {
            None => e(
                format!("{dp}.from"),
                format!("derived `{name}` is from unknown variable `{}`", d.from),
            ),
            Some(dom) => {
                let missing: Vec<String> = (0..dom.len())
                    .map(|k| dom.value(k).into_owned())
                    .filter(|v| !d.map.contains_key(v))
                    .collect();
                if !missing.is_empty() {
                    e(
                        format!("{dp}.map"),
                        format!(
                            "derived `{name}` has no value for {} = {}",
                            d.from,
                            missing.join(", ")
                        ),
                    );
                }
                for k in d.map.keys().filter(|k| !dom.contains(k)) {
                    e(
                        format!("{dp}.map.{k}"),
                        format!(
                            "derived `{name}` maps `{k}`, which is not a value of `{}`",
                            d.from
                        ),
                    );
                }
            }
        }
    }
    // Whether `value` is a possible value of variable or derived variable `name`.
    let known = |name: &str| t.vars.contains_key(name) || t.derived.contains_key(name);
    let possible = |name: &str, value: &str| match t.derived.get(name) {
        Some(d) => d.map.values().any(|v| v == value),
        None => domain(name).is_some_and(|d| d.contains(value)),
    };
    let condition = |path: String,
                     cond: &std::collections::BTreeMap<String, Vec<String>>,
                     out: &mut Vec<Diagnostic>| {
        for (name, values) in cond {
            if !known(name) {
                err(
                    out,
                    CASES,
                    format!("{path}.{name}"),
                    format!("case template {id}: unknown variable `{name}`"),
                );
                continue;
            }
            for (k, v) in values
                .iter()
                .enumerate()
                .filter(|(_, v)| !possible(name, v))
            {
                err(
                    out,
                    CASES,
                    format!("{path}.{name}[{k}]"),
                    format!("case template {id}: `{v}` is not a value of `{name}`"),
                );
            }
        }
    };
    for (j, c) in t.constraints.iter().enumerate() {
        condition(format!("{p}.constraints[{j}].exclude"), &c.exclude, out);
    }
    for (j, r) in t.rules.iter().enumerate() {
        condition(format!("{p}.rules[{j}].when"), &r.when, out);
    }
    let mut e =
        |path: String, msg: String| err(out, CASES, path, format!("case template {id}: {msg}"));
    for (name, phrases) in &t.phrases {
        if !known(name) {
            e(
                format!("{p}.phrases.{name}"),
                format!("phrases for unknown variable `{name}`"),
            );
            continue;
        }
        for v in phrases.keys().filter(|v| !possible(name, v)) {
            e(
                format!("{p}.phrases.{name}.{v}"),
                format!("phrase for `{v}`, which is not a value of `{name}`"),
            );
        }
    }

    let mut texts: Vec<(String, &str)> = vec![
        (format!("{p}.stem"), &t.stem),
        (format!("{p}.lead_in"), &t.lead_in),
    ];
    for (j, o) in t.options.iter().enumerate() {
        texts.push((format!("{p}.options[{j}].text"), &o.text));
        texts.push((format!("{p}.options[{j}].why"), &o.why));
    }
    for (j, r) in t.rules.iter().enumerate() {
        texts.push((format!("{p}.rules[{j}].explanation"), &r.explanation));
    }
    for (path, text) in texts {
        for name in placeholders(text).into_iter().filter(|n| !known(n)) {
            e(
                path.clone(),
                format!("placeholder {{{{{name}}}}} names no variable"),
            );
        }
    }

    if t.options.is_empty() {
        e(format!("{p}.options"), "empty option set".into());
    }
    for (j, dup) in duplicates(t.options.iter().map(|o| o.id.as_str())) {
        e(
            format!("{p}.options[{j}].id"),
            format!("duplicate option id `{dup}`"),
        );
    }
    if t.distractors == 0 || t.distractors >= t.options.len().max(1) {
        e(
            format!("{p}.distractors"),
            format!(
                "distractors must be between 1 and the number of options minus one ({})",
                t.options.len().saturating_sub(1)
            ),
        );
    }
    if t.rules.is_empty() {
        e(format!("{p}.rules"), "no rules".into());
    }
    for (j, r) in t.rules.iter().enumerate() {
        let rp = format!("{p}.rules[{j}]");
        if r.otherwise && !r.when.is_empty() {
            e(
                format!("{rp}.when"),
                "a rule is either `when` or `otherwise`, not both".into(),
            );
        }
        if r.otherwise && j + 1 < t.rules.len() {
            e(
                format!("{p}.rules[{}]", j + 1),
                "rules after `otherwise: true` can never match".into(),
            );
        }
        if !t.options.iter().any(|o| o.id == r.key) {
            e(
                format!("{rp}.key"),
                format!("key `{}` is not in the option set", r.key),
            );
        }
        if r.cites.is_empty() {
            e(format!("{rp}.cites"), "rule cites no sentence".into());
        }
    }
    for (j, o) in t.options.iter().enumerate() {
        cites(
            course,
            CASES,
            &format!("{p}.options[{j}].cites"),
            &o.cites,
            out,
        );
    }
    for (j, r) in t.rules.iter().enumerate() {
        let rp = format!("{p}.rules[{j}]");
        cites(course, CASES, &format!("{rp}.cites"), &r.cites, out);
        quotes(course, CASES, &rp, &r.quotes, &r.cites, out);
    }

    let mut count = TemplateCount {
        id: t.id.clone(),
        ..Default::default()
    };
    // Enumerate only when the variables are sound; otherwise the counts mean nothing.
    if out.iter().filter(|d| d.is_error()).count() == before {
        enumerate(t, &p, &mut count, out);
    }
    count
}

/// Walks every combination of the deciding variables: each must match a rule (or be excluded),
/// and each rule should match something.
fn enumerate(t: &CaseTemplateSpec, p: &str, count: &mut TemplateCount, out: &mut Vec<Diagnostic>) {
    let names = template::deciding_vars(t);
    let doms: Vec<Domain<'_>> = names
        .iter()
        .filter_map(|n| t.vars.get(*n).and_then(Domain::of))
        .collect();
    let total = doms
        .iter()
        .fold(1u64, |n, d| n.saturating_mul(d.len() as u64));
    if total > MAX_COMBINATIONS {
        err(
            out,
            CASES,
            format!("{p}.vars"),
            format!(
                "case template {}: {total} combinations of deciding variables, more than the {MAX_COMBINATIONS} that can be checked",
                t.id
            ),
        );
        return;
    }
    let mut digits = vec![0usize; doms.len()];
    let mut allowed = 0u64;
    let mut gaps = Vec::new();
    let mut matched = vec![false; t.rules.len()];
    for _ in 0..total {
        let a: Assignment<'_> = names
            .iter()
            .zip(&doms)
            .zip(&digits)
            .map(|((n, d), &k)| (*n, d.value(k)))
            .collect();
        if !template::excluded(t, &a) {
            allowed += 1;
            match template::first_rule(t, &a) {
                Some(r) => matched[r] = true,
                None => gaps.push(
                    a.iter()
                        .map(|(k, v)| format!("{k}={v}"))
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
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
        err(
            out,
            CASES,
            format!("{p}.constraints"),
            format!("case template {}: constraints exclude every case", t.id),
        );
    }
    if !gaps.is_empty() {
        let shown: Vec<&str> = gaps.iter().take(3).map(String::as_str).collect();
        err(
            out,
            CASES,
            format!("{p}.rules"),
            format!(
                "case template {}: {} of {total} combinations match no rule (end the rules with `otherwise: true`), e.g. {}",
                t.id,
                gaps.len(),
                shown.join("; ")
            ),
        );
    }
    for (j, hit) in matched.iter().enumerate() {
        if !hit && allowed > 0 {
            warn(
                out,
                CASES,
                format!("{p}.rules[{j}]"),
                format!(
                    "case template {}: rule {} never matches an allowed case",
                    t.id,
                    j + 1
                ),
            );
        }
    }
}
