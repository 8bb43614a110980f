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
    let compiled = spec::Compiled {
        document: (meta.source.document.clone(), document),
        meta,
        glossary: yaml("glossary.yaml"),
        lessons: yaml("lessons.yaml"),
        items: yaml("items.yaml"),
        cases: yaml("cases.yaml"),
    };
    let bytes = postcard::to_stdvec(&compiled).expect("a course always serializes");
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("default-course.postcard");
    std::fs::write(&out, bytes).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
}
