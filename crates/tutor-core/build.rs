//! Compiles the default course from YAML to postcard at build time, so the binary starts without
//! parsing text. A course that does not parse fails the build with the file and the error.

use std::path::Path;

#[allow(dead_code)]
#[path = "src/course/spec.rs"]
mod spec;

/// The default course, in the workspace's top-level `content/`.
const DIR: &str = "../../content/metastatic-breast-cancer";

fn yaml<T: serde::de::DeserializeOwned>(name: &str) -> T {
    let path = Path::new(DIR).join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn main() {
    println!("cargo::rerun-if-changed={DIR}");
    let meta: spec::CourseFile = yaml("course.yaml");
    let doc_path = Path::new(DIR).join(&meta.source.document);
    let document = std::fs::read_to_string(&doc_path)
        .unwrap_or_else(|e| panic!("{}: {e}", doc_path.display()));
    let document = (meta.source.document.clone(), document);
    let glossary: Vec<spec::TermSpec> = yaml("glossary.yaml");
    let lessons: Vec<spec::LessonSpec> = yaml("lessons.yaml");
    let items: Vec<spec::ItemSpec> = yaml("items.yaml");
    let cases: Vec<spec::CaseTemplateSpec> = yaml("cases.yaml");
    // Three parts, so the items and case templates can be decoded after the first frame.
    write("head.postcard", &(meta, glossary, lessons, document));
    write("items.postcard", &items);
    write("cases.postcard", &cases);
}

fn write<T: serde::Serialize>(name: &str, value: &T) {
    let bytes = postcard::to_stdvec(value).expect("a course always serializes");
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join(name);
    std::fs::write(&out, bytes).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
}
