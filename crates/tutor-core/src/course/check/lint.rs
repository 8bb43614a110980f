//! Item-writing flaws from the NBME guide, as warnings: they make items easier to guess or
//! harder to read, but the course still works.

use super::{CASES, ITEMS, warn};
use crate::course::Course;
use crate::course::diag::Diagnostic;
use crate::course::spec::{ItemType, OptionSpec};

/// A key this many times longer than the mean distractor gives itself away.
const LONG_KEY_RATIO: f64 = 1.6;

pub fn check(course: &Course, out: &mut Vec<Diagnostic>) {
    for (i, it) in course.items.iter().enumerate() {
        let p = format!("[{i}]");
        let choice = matches!(it.kind, ItemType::SingleBest | ItemType::MultiSelect);
        if choice || it.kind == ItemType::ShortAnswer {
            lead_in(ITEMS, &p, &it.id, it.lead_in.as_deref().unwrap_or(""), out);
        }
        if !choice {
            continue;
        }
        options(ITEMS, &p, &it.id, &it.options, out);
        let keys: Vec<&OptionSpec> = it.options.iter().filter(|o| o.correct).collect();
        let others: Vec<&OptionSpec> = it.options.iter().filter(|o| !o.correct).collect();
        if let [key] = keys[..] {
            long_key(ITEMS, &p, &it.id, key, &others, out);
            let stem = it.stem.as_deref().unwrap_or("");
            if let Some(w) = clang(stem, &key.text, &others) {
                warn(
                    out,
                    ITEMS,
                    format!("{p}.options"),
                    format!(
                        "item {}: the word `{w}` appears in the stem and the key only (a clue to the answer)",
                        it.id
                    ),
                );
            }
        }
    }
    for (i, t) in course.cases.iter().enumerate() {
        for d in crate::course::template::decisions(t) {
            let p = format!("[{i}]{}", d.path());
            lead_in(CASES, &p, &t.id, d.lead_in, out);
            options(CASES, &p, &t.id, d.options, out);
            let mut keys: Vec<&str> = d.rules.iter().map(|r| r.key.as_str()).collect();
            keys.sort_unstable();
            keys.dedup();
            for k in keys {
                if let Some(key) = d.options.iter().find(|o| o.id == k) {
                    let others: Vec<&OptionSpec> = d.options.iter().filter(|o| o.id != k).collect();
                    long_key(CASES, &p, &t.id, key, &others, out);
                    hedged_case_key(&p, &t.id, key, &others, out);
                }
            }
            let texts = d
                .options
                .iter()
                .enumerate()
                .map(|(j, o)| (j, o.text.as_str()));
            for (j, why) in super::leadin::misfits(d.lead_in, texts) {
                let m = format!(
                    "case template {}: option `{}` does not fit the lead-in, which asks {why}",
                    t.id, d.options[j].id
                );
                warn(out, CASES, format!("{p}.options[{j}].text"), m);
            }
        }
    }
}

/// A case key that is hedged while every other option of its decision is absolute.
fn hedged_case_key(
    p: &str,
    id: &str,
    key: &OptionSpec,
    others: &[&OptionSpec],
    out: &mut Vec<Diagnostic>,
) {
    let texts: Vec<&str> = others.iter().map(|o| o.text.as_str()).collect();
    if let Some((hedge, _)) = super::hedge::hedged_against_absolutes(&key.text, &texts) {
        let m = format!(
            "case template {id}: the key `{}` is hedged (`{hedge}`) while every other option states an absolute: a test-wise cue",
            key.id
        );
        warn(out, CASES, format!("{p}.options"), m);
    }
}

fn lead_in(file: &str, p: &str, id: &str, lead_in: &str, out: &mut Vec<Diagnostic>) {
    let words: Vec<&str> = lead_in.split(|c: char| !c.is_alphanumeric()).collect();
    if words
        .iter()
        .any(|w| *w == "NOT" || *w == "EXCEPT" || w.eq_ignore_ascii_case("except"))
    {
        warn(
            out,
            file,
            format!("{p}.lead_in"),
            format!("{id}: negative lead-in (NOT, EXCEPT); ask for the best answer instead"),
        );
    }
    if !lead_in.trim_end().ends_with('?') {
        warn(
            out,
            file,
            format!("{p}.lead_in"),
            format!(
                "{id}: the lead-in should be a question that can be answered with the options covered"
            ),
        );
    }
}

fn options(file: &str, p: &str, id: &str, options: &[OptionSpec], out: &mut Vec<Diagnostic>) {
    for (j, o) in options.iter().enumerate() {
        let lower = o.text.to_lowercase();
        if lower.contains("all of the above") || lower.contains("none of the above") {
            warn(
                out,
                file,
                format!("{p}.options[{j}].text"),
                format!("{id}: \"all/none of the above\" option"),
            );
        }
        let absolute = lower
            .split(|c: char| !c.is_alphanumeric())
            .find(|w| matches!(*w, "always" | "never"));
        if let Some(w) = absolute {
            warn(
                out,
                file,
                format!("{p}.options[{j}].text"),
                format!("{id}: absolute term `{w}` in an option"),
            );
        }
    }
}

fn long_key(
    file: &str,
    p: &str,
    id: &str,
    key: &OptionSpec,
    others: &[&OptionSpec],
    out: &mut Vec<Diagnostic>,
) {
    if others.is_empty() {
        return;
    }
    let mean =
        others.iter().map(|o| o.text.chars().count()).sum::<usize>() as f64 / others.len() as f64;
    let len = key.text.chars().count() as f64;
    if len > mean * LONG_KEY_RATIO && len - mean > 15.0 {
        warn(
            out,
            file,
            format!("{p}.options"),
            format!(
                "{id}: key `{}` is much longer than the distractors ({len:.0} vs {mean:.0} characters on average)",
                key.id
            ),
        );
    }
}

const STOP: &[&str] = &[
    "about",
    "after",
    "which",
    "there",
    "their",
    "these",
    "those",
    "would",
    "could",
    "should",
    "with",
    "without",
    "other",
    "patient",
    "patients",
    "woman",
    "years",
    "therapy",
    "treatment",
];

/// A content word shared by the stem and the key but by no distractor.
fn clang(stem: &str, key: &str, others: &[&OptionSpec]) -> Option<String> {
    let words = |s: &str| -> Vec<String> {
        s.to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 5 && !STOP.contains(w))
            .map(str::to_owned)
            .collect()
    };
    let stem_words = words(stem);
    let other_words: Vec<String> = others.iter().flat_map(|o| words(&o.text)).collect();
    words(key)
        .into_iter()
        .find(|w| stem_words.contains(w) && !other_words.contains(w))
}
