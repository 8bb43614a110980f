//! A tiny valid course for the checks' unit tests (the one in `tests/fixtures/valid/tiny`),
//! with some of its files replaced.

use crate::course::Course;
use crate::course::load::{self, Origin, Texts};

const DOCUMENT: &[(&str, &str)] = &[(
    "source.txt",
    "Pathologic fractures are treated with local therapy alone. Endocrine therapy suits endocrine responders.",
)];

pub const COURSE: &str = r#"id: tiny-course
title: "A tiny course"
version: 1
source:
  title: "Fracture care (abstract)"
  attribution: "Example Author, Example Journal, 1990"
  note: "This source predates current guidelines. For education only, not medical advice."
  document: source.txt
  sentences:
    - { id: s1, text: "Pathologic fractures are treated with local therapy alone." }
    - { id: s2, text: "Endocrine therapy suits endocrine responders." }
"#;

pub const LESSONS: &str = r#"- id: local
  title: "Local therapy"
  objectives:
    - { id: local-when, text: "Name the situation treated by local therapy alone." }
  body: "Some problems are best treated where they are."
  sentences: [s1]
  key_points:
    - { text: "A pathologic fracture is treated locally first.", cites: [s1] }
  items: [sb-fracture, cz-local]
- id: endocrine
  title: "Endocrine therapy"
  objectives:
    - { id: endo-who, text: "Name who benefits from endocrine therapy." }
  body: "Hormone treatment works for tumours that respond to hormones."
  sentences: [s2]
  key_points:
    - { text: "Endocrine responders receive endocrine therapy.", cites: [s2] }
  items: [sa-responder]
  cases: [case-first]
"#;

pub const ITEMS: &str = r#"- id: sb-fracture
  type: single_best
  objective: local-when
  cites: [s1]
  quotes: [{ sentence: s1, text: "local therapy alone" }]
  stem: "A 60-year-old woman with known bone metastases has a pathologic fracture of the femur."
  lead_in: "Which treatment comes first?"
  options:
    - { id: local, text: "Local therapy alone", correct: true, why: "The source names local therapy alone for fractures.", cites: [s1] }
    - { id: endo, text: "Endocrine therapy alone", why: "Endocrine therapy suits responders, not the fracture itself.", cites: [s2] }
  explanation: "Pathologic fractures are treated with local therapy alone."
- id: sa-responder
  type: short_answer
  objective: endo-who
  cites: [s2]
  stem: "A woman whose tumour is an endocrine responder."
  lead_in: "Which kind of therapy suits her?"
  accept: ["endocrine therapy", "hormone therapy"]
  explanation: "Endocrine therapy suits endocrine responders."
- id: cz-local
  type: cloze
  objective: local-when
  cites: [s1]
  sentence: s1
  blank: "local therapy"
  explanation: "The sentence names local therapy alone."
"#;

pub const CASES: &str = r#"- id: case-first
  title: "First treatment"
  vars:
    age: { range: [50, 52] }
    problem: { values: [fracture, responder] }
  phrases:
    problem:
      fracture: "an x-ray shows a pathologic fracture of the femur"
      responder: "her tumour has the characteristics of an endocrine responder"
  stem: "A {{age}}-year-old woman with metastatic breast cancer: {{problem}}."
  lead_in: "What is the most appropriate treatment now?"
  options:
    - { id: local, text: "Local therapy alone", why: "For fractures the source names local therapy.", cites: [s1] }
    - { id: endo, text: "Endocrine therapy alone", why: "For responders the source names endocrine therapy.", cites: [s2] }
  rules:
    - when: { problem: [fracture] }
      key: local
      explanation: "Local therapy alone is the treatment of choice for a pathologic fracture."
      cites: [s1]
    - otherwise: true
      key: endo
      explanation: "Endocrine therapy suits endocrine responders."
      cites: [s2]
  distractors: 1
"#;

/// The tiny course's texts with `replaced` files (name, text) swapped in.
pub fn texts(replaced: &[(&'static str, &str)]) -> Texts {
    let mut texts = Texts::new();
    for (name, text) in [
        (super::COURSE, COURSE),
        (super::LESSONS, LESSONS),
        (super::ITEMS, ITEMS),
        (super::CASES, CASES),
    ] {
        texts.insert(name, text.to_owned());
    }
    for (name, text) in replaced {
        texts.insert(name, (*text).to_owned());
    }
    texts
}

/// Loads the tiny course with `replaced` files.
pub fn load(replaced: &[(&'static str, &str)]) -> Result<Course, Vec<crate::course::Diagnostic>> {
    load::from_texts(&Origin::Embedded(DOCUMENT), texts(replaced), Vec::new())
}

/// Every diagnostic of `check` on the tiny course with `replaced` files, as printed.
pub fn diagnostics(replaced: &[(&'static str, &str)]) -> Vec<String> {
    let course = load(replaced).expect("the test course loads");
    super::run(&course)
        .diagnostics
        .iter()
        .map(ToString::to_string)
        .collect()
}

/// The warnings among [`diagnostics`] that contain `needle`.
pub fn warnings(replaced: &[(&'static str, &str)], needle: &str) -> Vec<String> {
    diagnostics(replaced)
        .into_iter()
        .filter(|d| d.contains(": warning: ") && d.contains(needle))
        .collect()
}

#[test]
fn the_test_course_is_clean() {
    assert_eq!(diagnostics(&[]), Vec::<String>::new());
}
