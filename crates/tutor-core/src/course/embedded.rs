//! The default course, compiled into the binary so it runs with no files beside it.

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

/// The same course as `spec::Compiled` in postcard, written by `build.rs`.
pub static COMPILED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/default-course.postcard"));
