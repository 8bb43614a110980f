//! Case templates: well-formed variables, resolvable placeholders, and rules that decide every
//! allowed combination, proven by enumerating them all, for each decision a case asks (one, or
//! each step of an unfolding case).

mod steps;
mod vars;

use super::refs::{cites, quotes};
use super::{CASES, TemplateCount, duplicates, err, first_few};
use crate::course::Course;
use crate::course::diag::Diagnostic;
use crate::course::spec::CaseTemplateSpec;
use crate::course::template::{self, Decision};
use crate::text::placeholders;
use std::collections::BTreeMap;
use vars::Values;

pub fn check(course: &Course, out: &mut Vec<Diagnostic>) -> Vec<TemplateCount> {
    course
        .cases
        .iter()
        .enumerate()
        .map(|(i, t)| template(course, i, t, out))
        .collect()
}

/// An error in case template `id`, which every message names first.
fn fail(out: &mut Vec<Diagnostic>, id: &str, path: String, msg: String) {
    err(out, CASES, path, format!("case template {id}: {msg}"));
}

/// Checks template `t`, the `i`th, part by part, then counts its cases.
fn template(
    course: &Course,
    i: usize,
    t: &CaseTemplateSpec,
    out: &mut Vec<Diagnostic>,
) -> TemplateCount {
    let p = format!("[{i}]");
    let before = errors(out);
    for (name, v) in &t.vars {
        vars::variable(&t.id, &format!("{p}.vars.{name}"), name, v, out);
    }
    let values = Values::new(t);
    for (name, d) in &t.derived {
        vars::derived(&values, &format!("{p}.derived.{name}"), name, d, out);
    }
    for (j, c) in t.constraints.iter().enumerate() {
        let path = format!("{p}.constraints[{j}].exclude");
        condition(&values, &path, &c.exclude, out);
    }
    phrases(&values, &p, out);
    nested_placeholders(t, &p, out);
    steps::shape(t, &p, out);
    for d in &template::decisions(t) {
        let dp = format!("{p}{}", d.path());
        for (j, r) in d.rules.iter().enumerate() {
            condition(&values, &format!("{dp}.rules[{j}].when"), &r.when, out);
        }
        unknown_placeholders(&values, d, &dp, out);
        options(&t.id, d, &dp, out);
        rules(&t.id, d, &dp, out);
        competing(&t.id, d, &dp, out);
        references(course, d, &dp, out);
    }
    steps::stated_facts(&values, &p, out);

    let mut count = TemplateCount {
        id: t.id.clone(),
        ..Default::default()
    };
    // Enumerate only when the variables are sound; otherwise the counts mean nothing.
    if errors(out) == before {
        super::enumerate::enumerate(t, &p, &mut count, out);
    }
    count
}

/// Errors reported so far, to tell whether one template added any.
fn errors(out: &[Diagnostic]) -> usize {
    out.iter().filter(|d| d.is_error()).count()
}

/// A `when` or `exclude` at `path` names only known variables, and only values they can take.
fn condition(
    values: &Values<'_>,
    path: &str,
    cond: &BTreeMap<String, Vec<String>>,
    out: &mut Vec<Diagnostic>,
) {
    let id = &values.t.id;
    for (name, listed) in cond {
        if !values.known(name) {
            fail(
                out,
                id,
                format!("{path}.{name}"),
                format!("unknown variable `{name}`"),
            );
            continue;
        }
        let (bad, more) = first_few(
            listed
                .iter()
                .enumerate()
                .filter(|(_, v)| !values.possible(name, v)),
        );
        for (k, v) in bad {
            fail(
                out,
                id,
                format!("{path}.{name}[{k}]"),
                format!("`{v}` is not a value of `{name}`"),
            );
        }
        if more > 0 {
            fail(
                out,
                id,
                format!("{path}.{name}"),
                format!("{more} more values that `{name}` does not have"),
            );
        }
    }
}

/// Phrases are given only for known variables, and only for values they can take.
fn phrases(values: &Values<'_>, p: &str, out: &mut Vec<Diagnostic>) {
    let id = &values.t.id;
    for (name, phrases) in &values.t.phrases {
        if !values.known(name) {
            fail(
                out,
                id,
                format!("{p}.phrases.{name}"),
                format!("phrases for unknown variable `{name}`"),
            );
            continue;
        }
        let (bad, more) = first_few(phrases.keys().filter(|v| !values.possible(name, v)));
        for v in bad {
            fail(
                out,
                id,
                format!("{p}.phrases.{name}.{v}"),
                format!("phrase for `{v}`, which is not a value of `{name}`"),
            );
        }
        if more > 0 {
            fail(
                out,
                id,
                format!("{p}.phrases.{name}"),
                format!("phrases for {more} more values that `{name}` does not have"),
            );
        }
    }
}

/// Every `{{placeholder}}` in a decision's stem, lead-in, options and explanations names a
/// variable or a derived variable.
fn unknown_placeholders(values: &Values<'_>, d: &Decision<'_>, p: &str, out: &mut Vec<Diagnostic>) {
    let mut texts: Vec<(String, &str)> = vec![
        (format!("{p}.stem"), d.stem),
        (format!("{p}.lead_in"), d.lead_in),
    ];
    for (j, o) in d.options.iter().enumerate() {
        texts.push((format!("{p}.options[{j}].text"), &o.text));
        texts.push((format!("{p}.options[{j}].why"), &o.why));
    }
    for (j, r) in d.rules.iter().enumerate() {
        texts.push((format!("{p}.rules[{j}].explanation"), &r.explanation));
    }
    for (path, text) in texts {
        for name in placeholders(text).into_iter().filter(|n| !values.known(n)) {
            fail(
                out,
                &values.t.id,
                path.clone(),
                format!("placeholder {{{{{name}}}}} names no variable"),
            );
        }
    }
}

/// No placeholder inside a phrase or a derived value: those texts are put in as they are,
/// so a `{{age}}` there would reach the student literally.
fn nested_placeholders(t: &CaseTemplateSpec, p: &str, out: &mut Vec<Diagnostic>) {
    let phrases = t.phrases.iter().flat_map(|(name, by_value)| {
        by_value
            .iter()
            .map(move |(v, text)| (format!("{p}.phrases.{name}.{v}"), text))
    });
    let derived = t.derived.iter().flat_map(|(name, d)| {
        d.map
            .iter()
            .map(move |(v, text)| (format!("{p}.derived.{name}.map.{v}"), text))
    });
    for (path, text) in phrases.chain(derived) {
        if let Some(name) = placeholders(text).first() {
            let m = format!(
                "placeholder {{{{{name}}}}} inside a phrase or derived value is shown as it is; write the text out, or put the placeholder in the stem"
            );
            fail(out, &t.id, path, m);
        }
    }
}

/// A non-empty option set with distinct ids, and enough options for the distractors wanted.
fn options(id: &str, d: &Decision<'_>, p: &str, out: &mut Vec<Diagnostic>) {
    if d.options.is_empty() {
        fail(out, id, format!("{p}.options"), "empty option set".into());
    }
    for (j, dup) in duplicates(d.options.iter().map(|o| o.id.as_str())) {
        fail(
            out,
            id,
            format!("{p}.options[{j}].id"),
            format!("duplicate option id `{dup}`"),
        );
    }
    if d.distractors == 0 || d.distractors >= d.options.len().max(1) {
        fail(
            out,
            id,
            format!("{p}.distractors"),
            format!(
                "distractors must be between 1 and the number of options minus one ({})",
                d.options.len().saturating_sub(1)
            ),
        );
    }
}

/// At least one rule; each either `when` or `otherwise` (and `otherwise` last), keyed to an
/// option of the set, and citing a sentence.
fn rules(id: &str, d: &Decision<'_>, p: &str, out: &mut Vec<Diagnostic>) {
    if d.rules.is_empty() {
        fail(out, id, format!("{p}.rules"), "no rules".into());
    }
    for (j, r) in d.rules.iter().enumerate() {
        let rp = format!("{p}.rules[{j}]");
        if r.otherwise && !r.when.is_empty() {
            fail(
                out,
                id,
                format!("{rp}.when"),
                "a rule is either `when` or `otherwise`, not both".into(),
            );
        }
        if r.otherwise && j + 1 < d.rules.len() {
            fail(
                out,
                id,
                format!("{p}.rules[{}]", j + 1),
                "rules after `otherwise: true` can never match".into(),
            );
        }
        if !d.options.iter().any(|o| o.id == r.key) {
            fail(
                out,
                id,
                format!("{rp}.key"),
                format!("key `{}` is not in the option set", r.key),
            );
        }
        if r.cites.is_empty() {
            fail(
                out,
                id,
                format!("{rp}.cites"),
                "rule cites no sentence".into(),
            );
        }
    }
}

/// Each rule's competing answers are other options of the set, named once, and all fit
/// among the distractors shown, so every case of the rule shows every one of them.
fn competing(id: &str, d: &Decision<'_>, p: &str, out: &mut Vec<Diagnostic>) {
    for (j, r) in d.rules.iter().enumerate() {
        let rp = format!("{p}.rules[{j}].competing");
        for (k, c) in r.competing.iter().enumerate() {
            let problem = if *c == r.key {
                "is the rule's own key"
            } else if !d.options.iter().any(|o| o.id == *c) {
                "is not in the option set"
            } else if r.competing[..k].contains(c) {
                "is named twice"
            } else {
                continue;
            };
            fail(
                out,
                id,
                format!("{rp}[{k}]"),
                format!("competing `{c}` {problem}"),
            );
        }
        if r.competing.len() > d.distractors {
            let n = d.distractors;
            let m = format!(
                "{} competing answers, but a case shows only {n} distractor{}",
                r.competing.len(),
                if n == 1 { "" } else { "s" }
            );
            fail(out, id, rp, m);
        }
    }
}

/// The sentences cited by options and rules exist, and rules quote them verbatim.
fn references(course: &Course, d: &Decision<'_>, p: &str, out: &mut Vec<Diagnostic>) {
    for (j, o) in d.options.iter().enumerate() {
        let path = format!("{p}.options[{j}].cites");
        cites(course, CASES, &path, &o.cites, out);
    }
    for (j, r) in d.rules.iter().enumerate() {
        let rp = format!("{p}.rules[{j}]");
        cites(course, CASES, &format!("{rp}.cites"), &r.cites, out);
        quotes(course, CASES, &rp, &r.quotes, &r.cites, out);
    }
}
