//! The default course, compiled into the binary so it runs with no files beside it.

use super::spec;

macro_rules! course_file {
    ($name:literal) => {
        (
            $name,
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../content/metastatic-breast-cancer/",
                $name
            )),
        )
    };
}

pub static FILES: &[(&str, &str)] = &[
    course_file!("course.yaml"),
    course_file!("source.txt"),
    course_file!("glossary.yaml"),
    course_file!("lessons.yaml"),
    course_file!("items.yaml"),
    course_file!("cases.yaml"),
];

/// What the home screen needs: `course.yaml`, the glossary, the lessons and the document.
pub type Head = (
    spec::CourseFile,
    Vec<spec::TermSpec>,
    Vec<spec::LessonSpec>,
    (String, String),
);

/// The same course in postcard, written by `build.rs` in three parts: the [`Head`], the
/// items and the case templates, so that the last two can be decoded when first used.
pub static HEAD: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/head.postcard"));
static ITEMS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/items.postcard"));
static CASES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/cases.postcard"));

/// The embedded items. `build.rs` wrote them from these very types out of a course that
/// loaded, and `tests::every_part_decodes` decodes each part, so decoding cannot fail.
pub fn items() -> Vec<spec::ItemSpec> {
    postcard::from_bytes(ITEMS).expect("build.rs wrote the items from these types")
}

/// The embedded case templates (see [`items`]).
pub fn cases() -> Vec<spec::CaseTemplateSpec> {
    postcard::from_bytes(CASES).expect("build.rs wrote the case templates from these types")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_course_decodes_its_items_and_cases_when_first_read() {
        let course = crate::course::Course::embedded().expect("course");
        assert_eq!(format!("{:?}", course.items), "<not decoded yet>");
        assert_eq!(format!("{:?}", course.cases), "<not decoded yet>");
        assert!(!course.lessons.is_empty(), "the head is decoded at once");
        assert_eq!(course.items.len(), items().len());
        assert_ne!(format!("{:?}", course.items), "<not decoded yet>");
    }

    #[test]
    fn every_part_decodes() {
        assert!(postcard::from_bytes::<Head>(HEAD).is_ok());
        assert!(!items().is_empty());
        assert!(!cases().is_empty());
    }
}
