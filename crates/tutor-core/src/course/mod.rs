//! A course: the source document split into sentences, glossary, lessons, fixed items and case
//! templates, as loaded from YAML (see `docs/course-format.md`).

pub mod cache;
pub mod check;
pub mod cited;
pub mod deferred;
pub mod diag;
mod embedded;
mod entries;
pub mod fsread;
pub mod gate;
pub mod load;
pub mod locate;
pub mod spec;
pub mod template;

pub use diag::{Diagnostic, Severity};
pub use load::Origin;

use deferred::Deferred;
use spec::{CaseTemplateSpec, CourseFile, ItemSpec, LessonSpec, SentenceSpec, TermSpec};
use std::collections::HashMap;

/// The YAML files of a course folder, in load order; `course.yaml` is required.
pub const FILES: [&str; 5] = [
    "course.yaml",
    "glossary.yaml",
    "lessons.yaml",
    "items.yaml",
    "cases.yaml",
];

/// A loaded course. Shape is guaranteed by the loader; references and content are guaranteed
/// only after [`check::run`] reports no error.
#[derive(Debug, Clone)]
pub struct Course {
    pub meta: CourseFile,
    pub glossary: Vec<TermSpec>,
    pub lessons: Vec<LessonSpec>,
    /// Decoded on first use in the embedded course (see [`deferred`]).
    pub items: Deferred<Vec<ItemSpec>>,
    pub cases: Deferred<Vec<CaseTemplateSpec>>,
    /// File name and text of the original document.
    pub document: (String, String),
    /// Raw YAML texts by file name, kept to locate diagnostics.
    pub texts: HashMap<String, String>,
    sentence_index: HashMap<String, usize>,
}

impl Course {
    #[allow(clippy::too_many_arguments)]
    fn new(
        meta: CourseFile,
        glossary: Vec<TermSpec>,
        lessons: Vec<LessonSpec>,
        items: Vec<ItemSpec>,
        cases: Vec<CaseTemplateSpec>,
        document_name: String,
        document: String,
        texts: HashMap<String, String>,
    ) -> Course {
        let sentence_index = meta
            .source
            .sentences
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.clone(), i))
            .collect();
        Course {
            meta,
            glossary,
            lessons,
            items: Deferred::ready(items),
            cases: Deferred::ready(cases),
            document: (document_name, document),
            texts,
            sentence_index,
        }
    }

    /// A course from its compiled form (no texts kept: it was checked when compiled).
    pub fn from_compiled(c: spec::Compiled) -> Course {
        let (name, text) = c.document;
        Course::new(
            c.meta,
            c.glossary,
            c.lessons,
            c.items,
            c.cases,
            name,
            text,
            HashMap::new(),
        )
    }

    /// The default course, compiled into the binary by the build step (see `build.rs`), so
    /// starting costs no YAML parsing. Only what the home screen shows is decoded now; the
    /// items and case templates are decoded when first used.
    pub fn embedded() -> Result<Course, Vec<Diagnostic>> {
        let (meta, glossary, lessons, document) =
            postcard::from_bytes::<embedded::Head>(embedded::HEAD).map_err(|e| {
                vec![Diagnostic::error(
                    "default course",
                    "",
                    format!("compiled course is unreadable: {e}"),
                )]
            })?;
        let mut course = Course::new(
            meta,
            glossary,
            lessons,
            Vec::new(),
            Vec::new(),
            document.0,
            document.1,
            HashMap::new(),
        );
        course.items = Deferred::lazy(embedded::items);
        course.cases = Deferred::lazy(embedded::cases);
        Ok(course)
    }

    /// The default course read from its YAML files (embedded too), with the texts that
    /// `check` needs to locate problems.
    pub fn embedded_yaml() -> Result<Course, Vec<Diagnostic>> {
        load::load(&Origin::Embedded(embedded::FILES))
    }

    /// Loads a course folder.
    pub fn from_dir(dir: impl Into<std::path::PathBuf>) -> Result<Course, Vec<Diagnostic>> {
        load::load(&Origin::Dir(dir.into()))
    }

    pub fn sentences(&self) -> &[SentenceSpec] {
        &self.meta.source.sentences
    }

    /// The sentence with id `id`, if any.
    pub fn sentence(&self, id: &str) -> Option<&SentenceSpec> {
        self.sentence_index
            .get(id)
            .and_then(|&i| self.meta.source.sentences.get(i))
    }

    pub fn item(&self, id: &str) -> Option<&ItemSpec> {
        self.items.iter().find(|i| i.id == id)
    }

    pub fn case_template(&self, id: &str) -> Option<&CaseTemplateSpec> {
        self.cases.iter().find(|c| c.id == id)
    }

    pub fn lesson(&self, id: &str) -> Option<&LessonSpec> {
        self.lessons.iter().find(|l| l.id == id)
    }

    /// The first lesson that presents source sentence `id`: where a question resting on it
    /// is studied.
    pub fn lesson_teaching(&self, id: &str) -> Option<usize> {
        self.lessons
            .iter()
            .position(|l| l.sentences.iter().any(|s| s == id))
    }
}
