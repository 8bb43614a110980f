//! Course engine benchmarks: load and validate, generate cases, grade a short answer.
//!
//! Run: `cargo bench -p tutor-bench --bench engine`. Targets (issue 2): default course under 2 ms, a
//! 2,000-item course under 15 ms, 1,000 cases under 10 ms, one short answer under 20 µs.

use criterion::{Criterion, criterion_group, criterion_main};
use std::fmt::Write as _;
use std::hint::black_box;
use std::path::Path;
use tutor::course::{Course, Origin, cache, check};
use tutor::grade::{Answer, grade};
use tutor::quiz::{self, case};

/// A course folder with the default course's source and `n` generated single-best items.
fn big_course(dir: &Path, n: usize) {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/metastatic-breast-cancer");
    for f in ["course.yaml", "source.txt"] {
        std::fs::copy(content.join(f), dir.join(f)).expect("copy course files");
    }
    let mut items = String::new();
    for i in 0..n {
        let s = i % 14 + 1;
        let _ = write!(
            items,
            "- id: gen-{i}\n  type: single_best\n  cites: [s{s}]\n  stem: \"Generated stem number {i} about sentence {s}.\"\n  lead_in: \"Which option is supported by sentence {s}?\"\n  options:\n    - {{ id: a, text: \"Option A {i}\", correct: true, why: \"Sentence {s} says so.\", cites: [s{s}] }}\n    - {{ id: b, text: \"Option B {i}\", why: \"Not what it says.\", cites: [s{s}] }}\n    - {{ id: c, text: \"Option C {i}\", why: \"Not what it says.\", cites: [s{s}] }}\n    - {{ id: d, text: \"Option D {i}\", why: \"Not what it says.\", cites: [s{s}] }}\n  explanation: \"Sentence {s} supports option A of item {i}.\"\n"
        );
    }
    std::fs::write(dir.join("items.yaml"), items).expect("write items");
}

fn load(c: &mut Criterion) {
    c.bench_function("load_default_course", |b| {
        b.iter(|| black_box(Course::embedded().expect("loads")))
    });
    c.bench_function("load_default_course_from_yaml", |b| {
        b.iter(|| black_box(Course::embedded_yaml().expect("loads")))
    });
    c.bench_function("load_and_check_default_course_from_yaml", |b| {
        b.iter(|| {
            let course = Course::embedded_yaml().expect("loads");
            black_box(check::run(&course))
        })
    });
    let dir = tempfile::tempdir().expect("tempdir");
    big_course(dir.path(), 2000);
    c.bench_function("load_2000_items", |b| {
        b.iter(|| black_box(Course::from_dir(dir.path()).expect("loads")))
    });
    // What a start pays once the course has been checked before: hash, read JSON, compare.
    let cache = tempfile::tempdir().expect("tempdir");
    let origin = Origin::Dir(dir.path().to_owned());
    cache::load_checked(&origin, Some(cache.path())).expect("first load fills the cache");
    c.bench_function("load_2000_items_cached", |b| {
        b.iter(|| {
            let (course, used) = cache::load_checked(&origin, Some(cache.path())).expect("loads");
            assert_eq!(used, cache::Use::Hit);
            black_box(course)
        })
    });
    c.bench_function("load_and_check_2000_items", |b| {
        b.iter(|| {
            let course = Course::from_dir(dir.path()).expect("loads");
            black_box(check::run(&course))
        })
    });
}

fn generate(c: &mut Criterion) {
    let course = Course::embedded().expect("loads");
    c.bench_function("generate_1000_cases", |b| {
        b.iter(|| black_box(case::batch(&course, black_box(1), 1000).expect("generates")))
    });
}

fn grading(c: &mut Criterion) {
    let course = Course::embedded().expect("loads");
    let item = course
        .items
        .iter()
        .find(|i| i.kind == tutor::course::spec::ItemType::ShortAnswer)
        .expect("a short-answer item");
    let mut rng = <rand_chacha::ChaCha8Rng as rand::SeedableRng>::seed_from_u64(1);
    let q = quiz::from_item(&course, item, &mut rng);
    let typo = Answer::Text("surgury".into());
    c.bench_function("grade_short_answer_typo", |b| {
        b.iter(|| black_box(grade(black_box(&q), black_box(&typo))))
    });
}

criterion_group!(benches, load, generate, grading);
criterion_main!(benches);
