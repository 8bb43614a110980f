//! The sentences must reproduce the original document, and no text may carry control
//! characters or escape sequences.

use super::{CASES, COURSE, GLOSSARY, ITEMS, LESSONS, err};
use crate::course::Course;
use crate::course::diag::Diagnostic;
use crate::text::find_control;
use serde::Serialize;
use serde_json::Value;

pub fn check(course: &Course, out: &mut Vec<Diagnostic>) {
    document(course, out);
    controls(COURSE, &course.meta, out);
    controls(GLOSSARY, &course.glossary, out);
    controls(LESSONS, &course.lessons, out);
    controls(ITEMS, &*course.items, out);
    controls(CASES, &*course.cases, out);
}

/// The sentences joined with single spaces must equal the document (a final newline aside).
fn document(course: &Course, out: &mut Vec<Diagnostic>) {
    let (name, text) = &course.document;
    let doc = text.strip_suffix('\n').unwrap_or(text);
    let doc = doc.strip_suffix('\r').unwrap_or(doc);
    let mut rest = doc;
    for (i, s) in course.sentences().iter().enumerate() {
        let path = format!("source.sentences[{i}].text");
        if i > 0 {
            match rest.strip_prefix(' ') {
                Some(r) => rest = r,
                None => {
                    let at = doc.len() - rest.len();
                    err(
                        out,
                        COURSE,
                        path,
                        format!(
                            "sentence {} should be preceded by a single space at byte {at} of {name}, which has {:?}",
                            s.id,
                            preview(rest)
                        ),
                    );
                    return;
                }
            }
        }
        if let Some(r) = rest.strip_prefix(s.text.as_str()) {
            rest = r;
            continue;
        }
        let differ = s
            .text
            .char_indices()
            .zip(rest.chars())
            .find(|((_, a), b)| a != b)
            .map_or(s.text.len().min(rest.len()), |((i, _), _)| i);
        let pos = s.text[..differ].chars().count() + 1;
        let at = doc.len() - rest.len() + differ;
        err(
            out,
            COURSE,
            path,
            format!(
                "sentence {} differs from {name} at its character {pos} (byte {at} of the document): sentence has {:?}, document has {:?}",
                s.id,
                preview(&s.text[differ..]),
                preview(&rest[differ.min(rest.len())..])
            ),
        );
        return;
    }
    if !rest.is_empty() {
        let at = doc.len() - rest.len();
        err(
            out,
            COURSE,
            "source.sentences".into(),
            format!(
                "{name} continues after the last sentence at byte {at}: {:?}",
                preview(rest)
            ),
        );
    }
}

/// Up to 24 characters, for messages.
fn preview(s: &str) -> String {
    let mut p: String = s.chars().take(24).collect();
    if p.len() < s.len() {
        p.push('…');
    }
    p
}

/// Reports every string (and map key) containing a control character or escape sequence.
fn controls<T: Serialize>(file: &str, value: &T, out: &mut Vec<Diagnostic>) {
    // Serializing mirrors the YAML field names, so the walk's paths match the locator's.
    if let Ok(v) = serde_json::to_value(value) {
        walk(file, &v, String::new(), out);
    }
}

fn walk(file: &str, v: &Value, path: String, out: &mut Vec<Diagnostic>) {
    match v {
        Value::String(s) => {
            if let Some((at, c)) = find_control(s) {
                err(
                    out,
                    file,
                    path,
                    format!(
                        "text contains control character U+{:04X} at character {} (escape sequences and control characters are not allowed)",
                        c as u32,
                        at + 1
                    ),
                );
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                walk(file, x, format!("{path}[{i}]"), out);
            }
        }
        Value::Object(m) => {
            for (k, x) in m {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                if find_control(k).is_some() {
                    err(
                        out,
                        file,
                        p.clone(),
                        "field name contains a control character".into(),
                    );
                }
                walk(file, x, p, out);
            }
        }
        _ => {}
    }
}
