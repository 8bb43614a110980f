//! What in a course presents or cites a source sentence, and which glossary terms a lesson
//! uses: the links the source view and the lesson reader offer.

use super::Course;
use super::spec::{CaseTemplateSpec, ItemSpec, TermSpec};

/// Something that presents or cites a sentence; each can be opened (a lesson read, an item or
/// a case template tried).
#[derive(Debug, Clone, Copy)]
pub enum CitedBy<'a> {
    /// A lesson presenting it.
    Lesson { index: usize, title: &'a str },
    /// A fixed item citing it.
    Item(&'a ItemSpec),
    /// A case template with a rule citing it.
    Case(&'a CaseTemplateSpec),
}

impl CitedBy<'_> {
    /// The words that name it in a list, unsanitized: a lesson's title; an item's question as
    /// asked (see [`crate::quiz::item_text`]); a case template's title, or its first lead-in
    /// when it has none.
    pub fn text(&self, course: &Course) -> String {
        match self {
            CitedBy::Lesson { title, .. } => (*title).to_owned(),
            CitedBy::Item(item) => crate::quiz::item_text(course, item),
            CitedBy::Case(t) if t.title.trim().is_empty() => super::template::decisions(t)
                .first()
                .map_or_else(String::new, |d| d.lead_in.to_owned()),
            CitedBy::Case(t) => t.title.clone(),
        }
    }
}

impl Course {
    /// Lessons presenting sentence number `selected`, then items and case templates citing
    /// it.
    pub fn cited_by(&self, selected: usize) -> Vec<CitedBy<'_>> {
        let Some(s) = self.sentences().get(selected) else {
            return Vec::new();
        };
        let id = &s.id;
        let lessons = self.lessons.iter().enumerate();
        let mut out: Vec<CitedBy<'_>> = lessons
            .filter(|(_, l)| l.sentences.contains(id))
            .map(|(index, l)| CitedBy::Lesson {
                index,
                title: &l.title,
            })
            .collect();
        let items = self.items.iter().filter(|i| i.cites.contains(id));
        out.extend(items.map(CitedBy::Item));
        let cases = self.cases.iter();
        let citing = cases.filter(|c| super::template::all_rules(c).any(|r| r.cites.contains(id)));
        out.extend(citing.map(CitedBy::Case));
        out
    }

    /// The glossary terms tied to a sentence that lesson number `lesson` presents, in
    /// glossary order.
    pub fn lesson_terms(&self, lesson: usize) -> Vec<&TermSpec> {
        let Some(l) = self.lessons.get(lesson) else {
            return Vec::new();
        };
        let glossary = self.glossary.iter();
        glossary
            .filter(|t| t.sentences.iter().any(|s| l.sentences.contains(s)))
            .collect()
    }
}
