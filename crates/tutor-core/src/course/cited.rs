//! What in a course presents or cites a source sentence, and which glossary terms a lesson
//! uses: the links the source view and the lesson reader offer.

use super::Course;
use super::spec::TermSpec;

/// Something that presents or cites a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CitedBy<'a> {
    /// A lesson presenting it (it can be opened).
    Lesson { index: usize, title: &'a str },
    /// A fixed item citing it, by id.
    Item(&'a str),
    /// A case template with a rule citing it, by title.
    Case(&'a str),
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
        out.extend(items.map(|i| CitedBy::Item(&i.id)));
        let cases = self.cases.iter();
        let citing = cases.filter(|c| super::template::all_rules(c).any(|r| r.cites.contains(id)));
        out.extend(citing.map(|c| CitedBy::Case(&c.title)));
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
