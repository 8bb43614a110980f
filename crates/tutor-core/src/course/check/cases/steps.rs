//! The shape of a template's decisions (one at the top level, or two or more `steps`), and
//! that every decision is decided by facts the student has been told by then.

use super::fail;
use super::vars::Values;
use crate::course::diag::Diagnostic;
use crate::course::spec::CaseTemplateSpec;
use crate::course::template;
use crate::text::placeholders;
use std::collections::BTreeSet;

/// Most steps an unfolding case may ask: a bound on what one template can make a quiz hold.
pub const MAX_STEPS: usize = 12;

/// A plain template writes its one decision at the top level; an unfolding one writes two to
/// [`MAX_STEPS`] steps and nothing of a decision at the top level.
pub(super) fn shape(t: &CaseTemplateSpec, p: &str, out: &mut Vec<Diagnostic>) {
    let id = &t.id;
    if t.steps.is_empty() {
        for (field, given) in [
            ("stem", !t.stem.trim().is_empty()),
            ("lead_in", !t.lead_in.trim().is_empty()),
        ] {
            if !given {
                let m = format!(
                    "no `{field}` (a template asks one question with `stem`, `lead_in`, `options`, `rules` and `distractors`, or several in `steps`)"
                );
                fail(out, id, format!("{p}.{field}"), m);
            }
        }
        return;
    }
    let top = [
        ("stem", !t.stem.is_empty()),
        ("lead_in", !t.lead_in.is_empty()),
        ("options", !t.options.is_empty()),
        ("rules", !t.rules.is_empty()),
        ("distractors", t.distractors != 0),
    ];
    for (field, _) in top.iter().filter(|(_, given)| *given) {
        let m = format!(
            "an unfolding template asks its questions in `steps`; move `{field}` into a step"
        );
        fail(out, id, format!("{p}.{field}"), m);
    }
    let n = t.steps.len();
    if n < 2 {
        let m = "an unfolding template needs at least 2 steps (write a single question at the top level instead)";
        fail(out, id, format!("{p}.steps"), m.into());
    } else if n > MAX_STEPS {
        let m = format!("{n} steps, more than the {MAX_STEPS} a case may ask");
        fail(out, id, format!("{p}.steps"), m);
    }
    for (j, s) in t.steps.iter().enumerate() {
        for (field, text) in [("stem", &s.stem), ("lead_in", &s.lead_in)] {
            if text.trim().is_empty() {
                let m = format!("step {} has no `{field}`", j + 1);
                fail(out, id, format!("{p}.steps[{j}].{field}"), m);
            }
        }
    }
}

/// Every variable a decision's rules (or the constraints) test is shown, directly or through a
/// derived variable, in a stem or lead-in the student has seen by that decision: a key may
/// only follow from what the vignette states.
pub(super) fn stated_facts(values: &Values<'_>, p: &str, out: &mut Vec<Diagnostic>) {
    let t = values.t;
    let mut shown: BTreeSet<&str> = BTreeSet::new();
    for d in template::decisions(t) {
        for text in [d.stem, d.lead_in] {
            for name in placeholders(text) {
                if let Some(b) = template::drawn_var(t, name) {
                    shown.insert(b);
                }
            }
        }
        for (j, r) in d.rules.iter().enumerate() {
            for name in r.when.keys() {
                let Some(b) = template::drawn_var(t, name).filter(|b| !shown.contains(b)) else {
                    continue;
                };
                let when = if d.step.is_some() {
                    " up to this step"
                } else {
                    ""
                };
                let m = format!(
                    "rule {} decides by `{name}`, but no stem or lead-in{when} shows `{b}` (put {{{{{b}}}}} or a variable derived from it in the vignette)",
                    j + 1
                );
                fail(
                    out,
                    &t.id,
                    format!("{p}{}.rules[{j}].when.{name}", d.path()),
                    m,
                );
            }
        }
    }
}
