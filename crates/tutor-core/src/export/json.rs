//! The question bank as one JSON document (pretty-printed, fields in a fixed order):
//!
//! - `format` (`"tutor-question-bank"`) and `format_version` (2: seeds became strings);
//! - `course`: id, title, version and the source (title, attribution, note, document);
//! - `seed` (a string of decimal digits, like every seed: see [`crate::json`]) and
//!   `cases_per_template`: what drew the case samples;
//! - `sentences`: every source sentence, `{id, text}`;
//! - `lessons`: `{id, title}` in teaching order;
//! - `questions`: each a question as the tutor asks it (`id`, `origin`, `kind`, `stem`,
//!   `lead_in`, `options` with `correct` and `why`, `free` for free text, `explanation`,
//!   `cites`, `quotes`) plus `lessons` (every lesson that lists it) and `fixed_order`. Items
//!   keep their written option order (`fixed_order: false` says the tutor would shuffle
//!   them); a case records its template, seed and variables in `origin`, and the same
//!   template and seed always generate it again. Each step of an unfolding case is a
//!   question of its own, in order, with `origin.step` (`number`, `of`) and `context` (the
//!   earlier steps' stems); both fields are absent elsewhere.

use super::Bank;
use crate::course::spec::SentenceSpec;
use crate::quiz::Question;
use serde::Serialize;
use std::io::{self, Write};

/// Value of the `format` field.
pub const FORMAT: &str = "tutor-question-bank";
/// Value of the `format_version` field; bumped when the shape changes.
pub const FORMAT_VERSION: u32 = 2;

#[derive(Serialize)]
struct Document<'a> {
    format: &'static str,
    format_version: u32,
    course: CourseMeta<'a>,
    #[serde(with = "crate::json::seed")]
    seed: u64,
    cases_per_template: usize,
    sentences: &'a [SentenceSpec],
    lessons: Vec<LessonMeta<'a>>,
    questions: Vec<QuestionOut<'a>>,
}

#[derive(Serialize)]
struct CourseMeta<'a> {
    id: &'a str,
    title: &'a str,
    version: u32,
    source: SourceMeta<'a>,
}

#[derive(Serialize)]
struct SourceMeta<'a> {
    title: &'a str,
    attribution: &'a str,
    note: &'a str,
    document: &'a str,
}

#[derive(Serialize)]
struct LessonMeta<'a> {
    id: &'a str,
    title: &'a str,
}

#[derive(Serialize)]
struct QuestionOut<'a> {
    #[serde(flatten)]
    question: &'a Question,
    lessons: &'a [String],
    fixed_order: bool,
}

/// Writes the bank as one JSON document and a final line break.
pub fn write(out: &mut impl Write, bank: &Bank<'_>) -> io::Result<()> {
    let meta = &bank.course.meta;
    let doc = Document {
        format: FORMAT,
        format_version: FORMAT_VERSION,
        course: CourseMeta {
            id: &meta.id,
            title: &meta.title,
            version: meta.version,
            source: SourceMeta {
                title: &meta.source.title,
                attribution: &meta.source.attribution,
                note: &meta.source.note,
                document: &meta.source.document,
            },
        },
        seed: bank.seed,
        cases_per_template: bank.cases_per_template,
        sentences: bank.course.sentences(),
        lessons: bank
            .course
            .lessons
            .iter()
            .map(|l| LessonMeta {
                id: &l.id,
                title: &l.title,
            })
            .collect(),
        questions: bank
            .entries()
            .map(|e| QuestionOut {
                question: &e.question,
                lessons: &e.lessons,
                fixed_order: e.fixed_order,
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    out.write_all(b"\n")?;
    out.flush()
}
