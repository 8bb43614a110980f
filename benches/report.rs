//! Item-analysis report benchmarks (issue 5): a class of 200 students × 50 questions (10,000
//! drill attempts) on the embedded course. Target: the report in under 200 ms.
//!
//! - `analyze`: the pure function on the attempts in memory (keys from the course, case
//!   variants generated again once each);
//! - `shared store`: open one host store holding the whole class, read every attempt,
//!   analyse, render the table (what `tutor report --data-dir HOST` does);
//! - `200 stores`: the same from one data directory per student.
//!
//! Run: `cargo bench -p tutor-bench --bench report`. The databases live under `TUTOR_BENCH_DIR` (default:
//! the system temporary directory); filling them takes a few seconds (each answer is synced).

#[path = "../tests/report_fixture/mod.rs"]
mod fixture;

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::PathBuf;
use tutor::course::Course;
use tutor::report::analysis::{analyze, render};
use tutor::schedule::Scheduler;
use tutor::store::{Attempt, Store};

const STUDENTS: usize = 200;
const QUESTIONS: usize = 50;

fn temp_dir() -> tempfile::TempDir {
    match std::env::var_os("TUTOR_BENCH_DIR") {
        Some(d) => tempfile::tempdir_in(d),
        None => tempfile::tempdir(),
    }
    .expect("temporary directory")
}

fn class(course: &Course) -> Vec<Attempt> {
    let spec = tutor::quiz::drill::DrillSpec {
        count: QUESTIONS,
        ..fixture::drill_spec()
    };
    let questions = spec.questions(course).expect("drill");
    assert_eq!(questions.len(), QUESTIONS);
    fixture::class_in_memory(course, &questions, STUDENTS, &spec.id(course))
}

/// Reads every attempt in `dirs`, analyses and renders the table: `tutor report`'s work.
fn report(dirs: &[PathBuf], course: &Course) -> usize {
    let mut all = Vec::new();
    for d in dirs {
        let store = Store::open(d, 0).expect("store").store;
        all.extend(store.attempts(None, None).expect("attempts"));
    }
    let r = analyze(&all, Some(course), None);
    let mut out = Vec::with_capacity(64 * 1024);
    render::write_table(&mut out, &r, None).expect("render");
    out.len()
}

fn benches(c: &mut Criterion) {
    let course = Course::embedded().expect("course");
    let attempts = class(&course);
    assert_eq!(attempts.len(), STUDENTS * QUESTIONS);
    let r = analyze(&attempts, Some(&course), None);
    let d = &r.drills[0];
    println!(
        "class: {} students, {} items, mean {:.2}, alpha {:.3}",
        d.summary.students,
        d.summary.items,
        d.summary.mean.unwrap_or(0.0),
        d.summary.alpha.unwrap_or(0.0)
    );

    let mut g = c.benchmark_group("report 200x50");
    g.sample_size(20);
    g.bench_function("analyze", |b| {
        b.iter(|| analyze(black_box(&attempts), Some(&course), None))
    });

    let scheduler = Scheduler::new(0.9).expect("scheduler");
    let shared = temp_dir();
    let mut store = Store::open(shared.path(), 0).expect("store").store;
    for a in &attempts {
        store.record(a, &scheduler).expect("record");
    }
    drop(store);
    let host = [shared.path().to_owned()];
    g.bench_function("shared store: read, analyze, render", |b| {
        b.iter(|| report(black_box(&host), &course))
    });

    let each = temp_dir();
    let mut dirs = Vec::new();
    for chunk in attempts.chunk_by(|a, b| a.user == b.user) {
        let dir = each.path().join(&chunk[0].user);
        let mut store = Store::open(&dir, 0).expect("store").store;
        for a in chunk {
            store.record(a, &scheduler).expect("record");
        }
        dirs.push(dir);
    }
    assert_eq!(dirs.len(), STUDENTS);
    g.bench_function("200 stores: read, analyze, render", |b| {
        b.iter(|| report(black_box(&dirs), &course))
    });
    g.finish();
}

criterion_group!(report_benches, benches);
criterion_main!(report_benches);
