//! Exports of a course's question bank to other tools: Moodle GIFT ([`gift`]), Anki notes
//! ([`anki`]) and JSON ([`json`]). See `docs/exports.md`.
//!
//! A [`Bank`] holds every fixed item once and, for every case template, a fixed sample of
//! generated variants: the case seeds of a template are drawn from a ChaCha8 generator keyed
//! by the export seed, on a stream of its own picked by the template id, so the same seed gives
//! byte-identical output and adding a template leaves the samples of the others unchanged.
//!
//! Every export lists an item's options in the order the course wrote them (so `fixed_order`
//! is always respected; GIFT has no way to forbid Moodle's shuffling) and a case variant's in
//! the order the generator drew. Questions are filed under the first lesson that lists them,
//! lessons in teaching order and each in its own order, items before cases; questions no
//! lesson lists come last, in file order.

pub mod anki;
pub mod gift;
pub mod json;

use crate::course::Course;
use crate::course::spec::{CaseTemplateSpec, ItemSpec, LessonSpec};
use crate::quiz::case::{CaseError, generate};
use crate::quiz::{Origin, Question, from_item};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};

/// Case variants per template when not told otherwise.
pub const DEFAULT_CASES: usize = 3;
/// Export seed when not told otherwise.
pub const DEFAULT_SEED: u64 = 1;
/// Seeds tried per wanted variant before a template with few distinct cases is given up on.
const DRAWS_PER_CASE: usize = 20;

/// The formats the bank exports to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Gift,
    Anki,
    Json,
}

/// One exported question and every lesson that lists its item or template.
#[derive(Debug, Clone)]
pub struct Entry {
    pub question: Question,
    pub lessons: Vec<String>,
    /// The item keeps its written option order (`fixed_order: true`); always false for cases.
    pub fixed_order: bool,
}

/// The questions filed under one lesson (`lesson: None`: listed by no lesson).
#[derive(Debug, Clone)]
pub struct Section {
    pub lesson: Option<String>,
    pub entries: Vec<Entry>,
}

/// The whole question bank of a course, ready to be written in any [`Format`].
#[derive(Debug, Clone)]
pub struct Bank<'a> {
    pub course: &'a Course,
    pub seed: u64,
    /// Variants wanted per case template (fewer when a template has fewer distinct cases).
    pub cases_per_template: usize,
    pub sections: Vec<Section>,
}

impl Bank<'_> {
    /// Every entry, section by section.
    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.sections.iter().flat_map(|s| &s.entries)
    }
}

/// Builds the bank: every item once, `cases` variants of every template from `seed`.
pub fn bank(course: &Course, seed: u64, cases: usize) -> Result<Bank<'_>, CaseError> {
    let filer = Filer::new(course, seed, cases);
    let mut done = BTreeSet::new();
    let mut sections = Vec::new();
    for lesson in &course.lessons {
        sections.push(Section {
            lesson: Some(lesson.id.clone()),
            entries: filer.listed_by(lesson, &mut done)?,
        });
    }
    let entries = filer.unlisted(&done)?;
    if !entries.is_empty() {
        sections.push(Section {
            lesson: None,
            entries,
        });
    }
    Ok(Bank {
        course,
        seed,
        cases_per_template: cases,
        sections,
    })
}

/// Questions already filed, as `("item", id)` or `("case", template id)`, so that each is
/// filed only under the first lesson that lists it.
type Filed<'a> = BTreeSet<(&'static str, &'a str)>;

/// Makes the entries of the bank: looks items and templates up by id, and knows every lesson
/// that lists each.
struct Filer<'a> {
    course: &'a Course,
    seed: u64,
    cases: usize,
    /// Lessons that list each item and each template, in lesson order.
    item_lessons: BTreeMap<&'a str, Vec<String>>,
    case_lessons: BTreeMap<&'a str, Vec<String>>,
    items: BTreeMap<&'a str, &'a ItemSpec>,
    templates: BTreeMap<&'a str, &'a CaseTemplateSpec>,
}

impl<'a> Filer<'a> {
    fn new(course: &'a Course, seed: u64, cases: usize) -> Self {
        let mut item_lessons: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        let mut case_lessons: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        for l in &course.lessons {
            for (ids, map) in [(&l.items, &mut item_lessons), (&l.cases, &mut case_lessons)] {
                for id in ids {
                    let listed = map.entry(id.as_str()).or_default();
                    if !listed.contains(&l.id) {
                        listed.push(l.id.clone());
                    }
                }
            }
        }
        Filer {
            course,
            seed,
            cases,
            item_lessons,
            case_lessons,
            items: course.items.iter().map(|i| (i.id.as_str(), i)).collect(),
            templates: course.cases.iter().map(|t| (t.id.as_str(), t)).collect(),
        }
    }

    /// The entry of a fixed item.
    fn item_entry(&self, item: &ItemSpec) -> Entry {
        Entry {
            question: item_question(self.course, item),
            lessons: self
                .item_lessons
                .get(item.id.as_str())
                .cloned()
                .unwrap_or_default(),
            fixed_order: item.fixed_order,
        }
    }

    /// The entries of a template's sampled variants.
    fn case_entries(&self, t: &CaseTemplateSpec) -> Result<Vec<Entry>, CaseError> {
        let lessons = self
            .case_lessons
            .get(t.id.as_str())
            .cloned()
            .unwrap_or_default();
        Ok(sample(t, self.seed, self.cases)?
            .into_iter()
            .map(|question| Entry {
                question,
                lessons: lessons.clone(),
                fixed_order: false,
            })
            .collect())
    }

    /// The entries `lesson` lists that no earlier lesson filed (its items, then its cases, in
    /// its order); ids that name nothing are skipped.
    fn listed_by(
        &self,
        lesson: &'a LessonSpec,
        done: &mut Filed<'a>,
    ) -> Result<Vec<Entry>, CaseError> {
        let mut entries = Vec::new();
        for id in &lesson.items {
            if let Some(item) = self.items.get(id.as_str())
                && done.insert(("item", id.as_str()))
            {
                entries.push(self.item_entry(item));
            }
        }
        for id in &lesson.cases {
            if let Some(t) = self.templates.get(id.as_str())
                && done.insert(("case", id.as_str()))
            {
                entries.extend(self.case_entries(t)?);
            }
        }
        Ok(entries)
    }

    /// The entries no lesson lists: items, then templates, in file order.
    fn unlisted(&self, done: &Filed<'_>) -> Result<Vec<Entry>, CaseError> {
        let mut entries = Vec::new();
        for item in &self.course.items {
            if !done.contains(&("item", item.id.as_str())) {
                entries.push(self.item_entry(item));
            }
        }
        for t in &self.course.cases {
            if !done.contains(&("case", t.id.as_str())) {
                entries.extend(self.case_entries(t)?);
            }
        }
        Ok(entries)
    }
}

/// The question of a fixed item with its options in written order.
fn item_question(course: &Course, item: &ItemSpec) -> Question {
    let mut written = item.clone();
    written.fixed_order = true;
    // With fixed_order the generator is never used; any seed does.
    from_item(course, &written, &mut ChaCha8Rng::seed_from_u64(0))
}

/// Up to `n` variants of template `t` with distinct variable values, in the order drawn, each
/// as its questions (every step of an unfolding case, in order, each carrying the case so
/// far). The case seeds come from ChaCha8 keyed by `seed`, on the stream named by the
/// template id.
pub fn sample(t: &CaseTemplateSpec, seed: u64, n: usize) -> Result<Vec<Question>, CaseError> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(fnv1a(&t.id));
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for _ in 0..n.saturating_mul(DRAWS_PER_CASE) {
        if seen.len() == n {
            break;
        }
        let case = generate(t, rng.next_u64())?;
        if let Some(Origin::Case { vars, .. }) = case.first().map(|q| &q.origin)
            && seen.insert(vars.clone())
        {
            out.extend(case);
        }
    }
    Ok(out)
}

/// 64-bit FNV-1a: a stable hash of a template id, unlike `std`'s randomized hasher.
fn fnv1a(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The case so far (a later step of an unfolding case), the stem and the lead-in, a blank
/// line apart (any may be empty).
pub fn question_text(q: &Question) -> String {
    q.context
        .iter()
        .chain([&q.stem, &q.lead_in])
        .map(String::as_str)
        .filter(|s| !s.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The cited sentences of `q` as `Source sN: <verbatim sentence>` lines.
pub fn source_lines(course: &Course, q: &Question) -> Vec<String> {
    q.cites
        .iter()
        .filter_map(|id| course.sentence(id))
        .map(|s| format!("Source {}: {}", s.id, s.text))
        .collect()
}

/// The explanation, a blank line, then the cited sentences verbatim.
pub fn explanation_with_sources(course: &Course, q: &Question) -> String {
    let sources = source_lines(course, q);
    if sources.is_empty() {
        return q.explanation.clone();
    }
    format!("{}\n\n{}", q.explanation, sources.join("\n"))
}

/// Writes `bank` in `format`.
pub fn write(out: &mut impl Write, bank: &Bank<'_>, format: Format) -> io::Result<()> {
    match format {
        Format::Gift => gift::write(out, bank),
        Format::Anki => anki::write(out, bank),
        Format::Json => json::write(out, bank),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_item_once_and_distinct_case_samples() {
        let course = Course::embedded().expect("embedded course");
        let b = bank(&course, 7, 3).expect("bank");
        let items = b
            .entries()
            .filter(|e| matches!(e.question.origin, Origin::Item { .. }))
            .count();
        assert_eq!(items, course.items.len());
        let cases = b.entries().count() - items;
        let decisions: usize = course
            .cases
            .iter()
            .map(|t| crate::course::template::decisions(t).len())
            .sum();
        assert_eq!(
            cases,
            3 * decisions,
            "every step of 3 variants per template"
        );
        for t in &course.cases {
            let again = sample(t, 7, 3).expect("sample");
            let ids: Vec<_> = again.iter().map(|q| q.id.clone()).collect();
            let in_bank: Vec<_> = b
                .entries()
                .filter(|e| matches!(&e.question.origin, Origin::Case { template, .. } if *template == t.id))
                .map(|e| e.question.id.clone())
                .collect();
            assert_eq!(ids, in_bank, "{}", t.id);
        }
    }

    #[test]
    fn questions_no_lesson_lists_come_last_without_a_lesson() {
        let mut course = Course::embedded().expect("embedded course");
        let unlisted = std::mem::take(&mut course.lessons[0].items);
        let b = bank(&course, 1, 1).expect("bank");
        let last = b.sections.last().expect("a section");
        assert_eq!(last.lesson, None);
        let ids: Vec<_> = last.entries.iter().map(|e| e.question.id.clone()).collect();
        let mut expected = unlisted.clone();
        expected.sort_by_key(|id| course.items.iter().position(|i| &i.id == id));
        assert_eq!(ids, expected);
        assert!(last.entries.iter().all(|e| e.lessons.is_empty()));
        let mut gift = Vec::new();
        gift::write(&mut gift, &b).expect("write");
        let gift = String::from_utf8(gift).expect("utf-8");
        assert!(gift.contains("\n$CATEGORY: tutor/metastatic-breast-cancer\n"));
    }

    #[test]
    fn items_keep_their_written_option_order() {
        let course = Course::embedded().expect("embedded course");
        let b = bank(&course, 1, 0).expect("bank");
        for e in b.entries() {
            let item = course.item(&e.question.id).expect("an item");
            if !item.options.is_empty() {
                let ids: Vec<_> = e.question.options.iter().map(|o| &o.id).collect();
                let written: Vec<_> = item.options.iter().map(|o| &o.id).collect();
                assert_eq!(ids, written, "{}", item.id);
            }
        }
    }
}
