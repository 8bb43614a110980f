//! Unique ids and references that resolve: sentences, objectives, items, case templates,
//! and quotes that are verbatim spans of a cited sentence.

use super::{CASES, COURSE, GLOSSARY, ITEMS, LESSONS, duplicates, err, warn};
use crate::course::Course;
use crate::course::diag::Diagnostic;
use crate::course::spec::QuoteSpec;
use std::collections::HashSet;

pub fn check(course: &Course, out: &mut Vec<Diagnostic>) {
    sentences(course, out);
    glossary(course, out);
    lessons(course, out);
    items(course, out);
    for (i, id) in duplicates(course.cases.iter().map(|t| t.id.as_str())) {
        err(
            out,
            CASES,
            format!("[{i}].id"),
            format!("duplicate case template id `{id}`"),
        );
    }
}

/// The source has sentences, each with an id of its own.
fn sentences(course: &Course, out: &mut Vec<Diagnostic>) {
    let sentences = course.sentences();
    for (i, id) in duplicates(sentences.iter().map(|s| s.id.as_str())) {
        err(
            out,
            COURSE,
            format!("source.sentences[{i}].id"),
            format!("duplicate sentence id `{id}`"),
        );
    }
    if sentences.is_empty() {
        err(
            out,
            COURSE,
            "source.sentences".into(),
            "the source has no sentences".into(),
        );
    }
}

/// Each glossary term cites known sentences and occurs in them, and is defined once.
fn glossary(course: &Course, out: &mut Vec<Diagnostic>) {
    for (i, t) in course.glossary.iter().enumerate() {
        cites(
            course,
            GLOSSARY,
            &format!("[{i}].sentences"),
            &t.sentences,
            out,
        );
        for (j, sid) in t.sentences.iter().enumerate() {
            let found = course
                .sentence(sid)
                .is_some_and(|s| occurs(&t.term, &s.text));
            if course.sentence(sid).is_some() && !found {
                warn(
                    out,
                    GLOSSARY,
                    format!("[{i}].sentences[{j}]"),
                    format!("term `{}` does not occur in sentence {sid}", t.term),
                );
            }
        }
    }
    for (i, term) in duplicates(course.glossary.iter().map(|t| t.term.as_str())) {
        err(
            out,
            GLOSSARY,
            format!("[{i}].term"),
            format!("duplicate glossary term `{term}`"),
        );
    }
}

/// Item ids are distinct, and each item's cites, quotes, objective, and the cites of its
/// options and known wrong answers resolve.
fn items(course: &Course, out: &mut Vec<Diagnostic>) {
    for (i, id) in duplicates(course.items.iter().map(|t| t.id.as_str())) {
        err(
            out,
            ITEMS,
            format!("[{i}].id"),
            format!("duplicate item id `{id}`"),
        );
    }
    let objectives: HashSet<&str> = course
        .lessons
        .iter()
        .flat_map(|l| l.objectives.iter().map(|o| o.id.as_str()))
        .collect();
    for (i, it) in course.items.iter().enumerate() {
        let p = format!("[{i}]");
        cites(course, ITEMS, &format!("{p}.cites"), &it.cites, out);
        quotes(course, ITEMS, &p, &it.quotes, &it.cites, out);
        if let Some(o) = it
            .objective
            .as_ref()
            .filter(|o| !objectives.contains(o.as_str()))
        {
            err(
                out,
                ITEMS,
                format!("{p}.objective"),
                format!("item {}: unknown objective `{o}`", it.id),
            );
        }
        for (j, o) in it.options.iter().enumerate() {
            let path = format!("{p}.options[{j}].cites");
            cites(course, ITEMS, &path, &o.cites, out);
        }
        for (j, w) in it.wrong.iter().enumerate() {
            cites(
                course,
                ITEMS,
                &format!("{p}.wrong[{j}].cites"),
                &w.cites,
                out,
            );
        }
    }
}

/// Lesson and objective ids are distinct, and each lesson's sentences, key points, items and
/// case templates resolve.
fn lessons(course: &Course, out: &mut Vec<Diagnostic>) {
    for (i, id) in duplicates(course.lessons.iter().map(|l| l.id.as_str())) {
        err(
            out,
            LESSONS,
            format!("[{i}].id"),
            format!("duplicate lesson id `{id}`"),
        );
    }
    let mut objective_ids = HashSet::new();
    for (i, l) in course.lessons.iter().enumerate() {
        let p = format!("[{i}]");
        for (j, o) in l.objectives.iter().enumerate() {
            if !objective_ids.insert(o.id.as_str()) {
                err(
                    out,
                    LESSONS,
                    format!("{p}.objectives[{j}].id"),
                    format!("duplicate objective id `{}`", o.id),
                );
            }
        }
        cites(
            course,
            LESSONS,
            &format!("{p}.sentences"),
            &l.sentences,
            out,
        );
        for (j, k) in l.key_points.iter().enumerate() {
            cites(
                course,
                LESSONS,
                &format!("{p}.key_points[{j}].cites"),
                &k.cites,
                out,
            );
        }
        for (j, id) in l.items.iter().enumerate() {
            if course.item(id).is_none() {
                err(
                    out,
                    LESSONS,
                    format!("{p}.items[{j}]"),
                    format!("lesson {}: unknown item `{id}`", l.id),
                );
            }
        }
        for (j, id) in l.cases.iter().enumerate() {
            if course.case_template(id).is_none() {
                err(
                    out,
                    LESSONS,
                    format!("{p}.cases[{j}]"),
                    format!("lesson {}: unknown case template `{id}`", l.id),
                );
            }
        }
    }
}

/// Every id in `ids` names a sentence; `path` is the list's path.
pub(crate) fn cites(
    course: &Course,
    file: &str,
    path: &str,
    ids: &[String],
    out: &mut Vec<Diagnostic>,
) {
    for (j, id) in ids.iter().enumerate() {
        if course.sentence(id).is_none() {
            err(
                out,
                file,
                format!("{path}[{j}]"),
                format!("unknown sentence `{id}`"),
            );
        }
    }
}

/// Each quote is a verbatim span of a sentence that is among `cited`. `owner` is the path of
/// the item or rule holding `quotes`.
pub(crate) fn quotes(
    course: &Course,
    file: &str,
    owner: &str,
    quotes: &[QuoteSpec],
    cited: &[String],
    out: &mut Vec<Diagnostic>,
) {
    for (j, q) in quotes.iter().enumerate() {
        let p = format!("{owner}.quotes[{j}]");
        let Some(s) = course.sentence(&q.sentence) else {
            err(
                out,
                file,
                format!("{p}.sentence"),
                format!("unknown sentence `{}`", q.sentence),
            );
            continue;
        };
        if q.text.is_empty() {
            err(out, file, format!("{p}.text"), "empty quote".into());
        } else if !s.text.contains(&q.text) {
            err(
                out,
                file,
                format!("{p}.text"),
                format!(
                    "quote {:?} is not verbatim in sentence {}: {}",
                    q.text,
                    q.sentence,
                    super::verbatim::where_differs("quote", &q.text, &s.text)
                ),
            );
        }
        if !cited.contains(&q.sentence) {
            err(
                out,
                file,
                format!("{p}.sentence"),
                format!("quoted sentence {} is not among the cites", q.sentence),
            );
        }
    }
}

/// Whether `term` occurs in `sentence`, allowing other word forms: every word of four or more
/// letters must appear by its first five letters ("local therapy" in "local therapies").
fn occurs(term: &str, sentence: &str) -> bool {
    let sentence = sentence.to_lowercase();
    term.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4)
        .all(|w| {
            let stem: String = w.chars().take(5).collect();
            sentence.contains(&stem)
        })
}
