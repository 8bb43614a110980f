//! Case templates: well-formed variables, resolvable placeholders, and rules that decide every
//! allowed combination, proven by enumerating them all.

use super::refs::{cites, quotes};
use super::{CASES, TemplateCount, duplicates, err, first_few};
use crate::course::Course;
use crate::course::diag::Diagnostic;
use crate::course::spec::CaseTemplateSpec;
use crate::course::template::{Domain, MAX_RANGE};
use crate::text::placeholders;
use std::collections::{HashMap, HashSet};

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
        let (dups, more) = first_few(duplicates(v.values.iter().map(String::as_str)).into_iter());
        for (j, dup) in dups {
            e(
                format!("{vp}.values[{j}]"),
                format!("duplicate value `{dup}` of `{name}`"),
            );
        }
        if more > 0 {
            e(
                format!("{vp}.values"),
                format!("{more} more duplicate values of `{name}`"),
            );
        }
    }
    let domain = |name: &str| t.vars.get(name).and_then(Domain::of);
    // Value sets, so that membership costs the same for a list of 3 values as of 300,000.
    let listed: HashMap<&str, HashSet<&str>> = t
        .vars
        .iter()
        .map(|(n, v)| (n.as_str(), v.values.iter().map(String::as_str).collect()))
        .collect();
    let mapped: HashMap<&str, HashSet<&str>> = t
        .derived
        .iter()
        .map(|(n, d)| (n.as_str(), d.map.values().map(String::as_str).collect()))
        .collect();
    let in_domain = |name: &str, value: &str| match domain(name) {
        Some(Domain::List { .. }) => listed.get(name).is_some_and(|s| s.contains(value)),
        Some(d) => d.contains(value),
        None => false,
    };
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
                let (keys, more) = first_few(d.map.keys().filter(|k| !in_domain(&d.from, k)));
                for k in keys {
                    e(
                        format!("{dp}.map.{k}"),
                        format!(
                            "derived `{name}` maps `{k}`, which is not a value of `{}`",
                            d.from
                        ),
                    );
                }
                if more > 0 {
                    e(
                        format!("{dp}.map"),
                        format!(
                            "derived `{name}` maps {more} more values that `{}` does not have",
                            d.from
                        ),
                    );
                }
            }
        }
    }
    // Whether `value` is a possible value of variable or derived variable `name`.
    let known = |name: &str| t.vars.contains_key(name) || t.derived.contains_key(name);
    let possible = |name: &str, value: &str| match mapped.get(name) {
        Some(values) => values.contains(value),
        None => in_domain(name, value),
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
            let (bad, more) = first_few(
                values
                    .iter()
                    .enumerate()
                    .filter(|(_, v)| !possible(name, v)),
            );
            for (k, v) in bad {
                err(
                    out,
                    CASES,
                    format!("{path}.{name}[{k}]"),
                    format!("case template {id}: `{v}` is not a value of `{name}`"),
                );
            }
            if more > 0 {
                err(
                    out,
                    CASES,
                    format!("{path}.{name}"),
                    format!("case template {id}: {more} more values that `{name}` does not have"),
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
        let (bad, more) = first_few(phrases.keys().filter(|v| !possible(name, v)));
        for v in bad {
            e(
                format!("{p}.phrases.{name}.{v}"),
                format!("phrase for `{v}`, which is not a value of `{name}`"),
            );
        }
        if more > 0 {
            e(
                format!("{p}.phrases.{name}"),
                format!("phrases for {more} more values that `{name}` does not have"),
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
        super::enumerate::enumerate(t, &p, &mut count, out);
    }
    count
}
