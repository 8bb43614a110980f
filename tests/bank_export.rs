//! `tutor export`: the question bank as Moodle GIFT, Anki notes and JSON, read back by small
//! parsers modelled on Moodle's GIFT importer and Anki's CSV import
//! (`tests/bank_export/parsers.rs`), and compared with the course text.

#[path = "bank_export/parsers.rs"]
mod parsers;

use parsers::{Answer, parse_anki, parse_gift};
use std::path::Path;
use tutor::course::Course;
use tutor::course::spec::ItemType;
use tutor::export::{self, Bank};
use tutor::quiz::Question;

const SEED: &str = "42";
const CASES: usize = 3;

fn fixture() -> std::path::PathBuf {
    crate::support::fixtures::fixtures().join("valid/gift-escapes")
}

/// Runs the built binary; returns its exit code and stdout.
fn tutor(args: &[&str]) -> (Option<i32>, String) {
    let out = crate::support::run_fresh(args, "");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    (
        out.status.code(),
        String::from_utf8(out.stdout).expect("utf-8"),
    )
}

/// `tutor export` on the default course (`None`) or a folder, checked to succeed.
fn export(course: Option<&Path>, format: &str, seed: &str) -> String {
    let dir = course.map(|p| p.to_string_lossy().into_owned());
    let cases = CASES.to_string();
    let mut args = vec![
        "export", "--format", format, "--seed", seed, "--cases", &cases,
    ];
    if let Some(d) = &dir {
        args.extend(["--course", d.as_str()]);
    }
    let (code, out) = tutor(&args);
    assert_eq!(code, Some(0), "export {format} failed");
    out
}

fn bank_of(course: &Course) -> Bank<'_> {
    export::bank(course, SEED.parse().expect("seed"), CASES).expect("bank")
}

/// Questions one case of each template makes: one, or one per step of an unfolding case.
fn case_questions(course: &Course) -> usize {
    let steps = course.cases.iter().map(|t| t.steps.len().max(1));
    steps.sum()
}

fn sources(course: &Course, q: &Question) -> Vec<String> {
    q.cites
        .iter()
        .map(|id| course.sentence(id).expect("cited sentence").text.clone())
        .collect()
}

/// Every GIFT question reads back exactly as the course (or the generated case) wrote it.
fn check_gift(course: &Course, gift: &str) {
    let bank = bank_of(course);
    let parsed = parse_gift(gift);
    assert_eq!(
        parsed.len(),
        course.items.len() + CASES * case_questions(course)
    );
    assert_eq!(parsed.len(), bank.entries().count());
    for (g, e) in parsed.iter().zip(bank.entries()) {
        let q = &e.question;
        let id = &q.id;
        assert_eq!(&g.title, id);
        let first = e.lessons.first().map_or(String::new(), |l| format!("/{l}"));
        assert_eq!(
            g.category,
            format!("tutor/{}{first}", course.meta.id),
            "{id}"
        );
        assert_eq!(g.text, export::question_text(q), "{id}");
        let so_far = q.context.iter().chain([&q.stem, &q.lead_in]);
        let written: Vec<&str> = so_far
            .map(String::as_str)
            .filter(|s| !s.is_empty())
            .collect();
        assert_eq!(
            g.text,
            written.join("\n\n"),
            "{id}: the case so far, stem, lead-in"
        );
        let lines: Vec<String> = q
            .cites
            .iter()
            .zip(sources(course, q))
            .map(|(c, s)| format!("Source {c}: {s}"))
            .collect();
        assert_eq!(
            g.general,
            format!("{}\n\n{}", q.explanation, lines.join("\n")),
            "{id}"
        );
        for s in sources(course, q) {
            assert!(g.general.contains(&s), "{id}: general feedback lacks {s:?}");
        }
        match q.kind {
            ItemType::SingleBest | ItemType::MultiSelect => {
                let single = q.kind == ItemType::SingleBest;
                assert_eq!(g.kind, if single { 's' } else { 'm' }, "{id}");
                assert_eq!(g.answers.len(), q.options.len(), "{id}");
                for (a, o) in g.answers.iter().zip(&q.options) {
                    assert_eq!((&a.text, &a.feedback), (&o.text, &o.why), "{id}");
                    if let Some(item) = course.item(id) {
                        let spec = item.options.iter().find(|s| s.id == o.id).expect("option");
                        assert_eq!((&a.text, &a.feedback), (&spec.text, &spec.why), "{id}");
                    }
                    let right = if single {
                        a.mark == '='
                    } else {
                        a.weight > 0.0
                    };
                    assert_eq!(right, o.correct, "{id}: {}", o.text);
                    if !single && !o.correct {
                        assert_eq!(a.weight, -100.0, "{id}");
                    }
                }
                let marks = g.answers.iter().filter(|a| a.mark == '=').count();
                assert_eq!(marks, usize::from(single), "{id}: `=` answers");
                let sum: f64 = g.answers.iter().map(|a| a.weight.max(0.0)).sum();
                assert!((sum - 100.0).abs() < 0.01, "{id}: weights add up to {sum}");
            }
            ItemType::TrueFalse => {
                assert_eq!(g.kind, 't', "{id}");
                assert_eq!(g.truth, course.item(id).and_then(|i| i.answer), "{id}");
            }
            ItemType::ShortAnswer | ItemType::Cloze => {
                assert_eq!(g.kind, 'a', "{id}");
                let free = q.free.as_ref().expect("free text");
                let mut accept = free.accept.clone();
                accept.dedup();
                let unstar = |a: &Answer| a.text.replace("\\*", "*");
                let right: Vec<String> = g
                    .answers
                    .iter()
                    .filter(|a| a.weight == 100.0)
                    .map(unstar)
                    .collect();
                assert_eq!(right, accept, "{id}");
                let wrong: Vec<(String, String)> = g
                    .answers
                    .iter()
                    .filter(|a| a.weight == 0.0)
                    .map(|a| (unstar(a), a.feedback.clone()))
                    .collect();
                let known: Vec<(String, String)> = free
                    .wrong
                    .iter()
                    .map(|w| (w.answer.clone(), w.why.clone()))
                    .collect();
                assert_eq!(wrong, known, "{id}");
                if q.kind == ItemType::Cloze {
                    assert!(g.text.contains("_____"), "{id}: no blank");
                }
            }
        }
    }
}

/// Every Anki row has three fields: the question, the answer with the verbatim sentences, and
/// the lessons as tags.
fn check_anki(course: &Course, anki: &str) {
    let bank = bank_of(course);
    let (headers, rows) = parse_anki(anki);
    for h in ["#separator:tab", "#html:false", "#tags column:3"] {
        assert!(headers.iter().any(|x| x == h), "header {h} missing");
    }
    assert_eq!(rows.len(), bank.entries().count());
    for (row, e) in rows.iter().zip(bank.entries()) {
        let q = &e.question;
        assert_eq!(row.len(), 3, "{}: {row:?}", q.id);
        let first = q.context.first().unwrap_or(&q.stem);
        assert!(
            row[0].starts_with(first.as_str())
                && q.context.iter().all(|c| row[0].contains(c.as_str()))
                && row[0].contains(&q.stem)
                && row[0].contains(&q.lead_in),
            "{}",
            q.id
        );
        if matches!(q.kind, ItemType::SingleBest | ItemType::MultiSelect) {
            for (i, o) in q.options.iter().enumerate() {
                let line = format!("\n{}) {}", tutor::text::letter(i), o.text);
                assert!(row[0].contains(&line), "{}: front lacks {line:?}", q.id);
            }
        }
        assert!(row[1].contains(&q.explanation), "{}", q.id);
        for s in sources(course, q) {
            assert!(row[1].contains(&s), "{}: back lacks {s:?}", q.id);
        }
        let tags: Vec<&str> = row[2].split_whitespace().collect();
        assert_eq!(tags, e.lessons, "{}", q.id);
        let listed = |l: &&str| {
            let lesson = course.lesson(l).expect("lesson");
            lesson.items.contains(&q.id)
                || lesson
                    .cases
                    .iter()
                    .any(|c| q.id.starts_with(&format!("{c}#")))
        };
        assert!(tags.iter().all(listed), "{}: {tags:?}", q.id);
    }
}

#[test]
fn the_default_course_round_trips_through_gift() {
    let course = Course::embedded().expect("embedded course");
    check_gift(&course, &export(None, "gift", SEED));
}

#[test]
fn the_default_course_round_trips_through_anki() {
    let course = Course::embedded().expect("embedded course");
    check_anki(&course, &export(None, "anki", SEED));
}

#[test]
fn special_characters_round_trip_exactly() {
    let (code, out) = tutor(&["check", &fixture().to_string_lossy()]);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("0 errors, 0 warnings"), "{out}");
    let course = Course::from_dir(fixture()).expect("fixture course");
    let gift = export(Some(&fixture()), "gift", SEED);
    // The fixture really exercises every special character, in text and in feedback.
    let parsed = parse_gift(&gift);
    for c in ['~', '=', '#', '{', '}', ':'] {
        assert!(
            parsed
                .iter()
                .all(|g| g.text.contains(c) && g.general.contains(c)),
            "{c}"
        );
        assert!(gift.contains(&format!("\\{c}")), "{c} is never escaped");
    }
    check_gift(&course, &gift);
    check_anki(&course, &export(Some(&fixture()), "anki", SEED));
}

#[test]
fn json_parses_and_records_the_seed() {
    let course = Course::embedded().expect("embedded course");
    let v: serde_json::Value =
        serde_json::from_str(&export(None, "json", SEED)).expect("valid JSON");
    assert_eq!(v["format"], "tutor-question-bank");
    assert_eq!(v["seed"], SEED, "seeds are strings");
    assert_eq!(v["course"]["id"], course.meta.id.as_str());
    assert_eq!(
        v["sentences"].as_array().map(Vec::len),
        Some(course.sentences().len())
    );
    let ids: Vec<&str> = v["questions"]
        .as_array()
        .expect("questions")
        .iter()
        .map(|q| q["id"].as_str().expect("id"))
        .collect();
    let bank = bank_of(&course);
    let expected: Vec<&str> = bank.entries().map(|e| e.question.id.as_str()).collect();
    assert_eq!(ids, expected);
    let cases = v["questions"].as_array().expect("questions").iter();
    let seeds = cases.filter(|q| q["origin"]["kind"] == "case").count();
    assert_eq!(seeds, CASES * case_questions(&course));
}

#[test]
fn json_writes_64_bit_seeds_as_exact_strings() {
    // Above 2^53: a JSON number this large is rounded by JavaScript and pandas.
    const BIG: &str = "5802627622154515547";
    let v: serde_json::Value =
        serde_json::from_str(&export(None, "json", BIG)).expect("valid JSON");
    assert_eq!(v["seed"], BIG);
    assert_eq!(v["format_version"], 2, "seeds became strings");
    let questions = v["questions"].as_array().expect("questions");
    let cases: Vec<_> = questions
        .iter()
        .filter(|q| q["origin"]["kind"] == "case")
        .collect();
    assert!(!cases.is_empty());
    for q in cases {
        let seed = q["origin"]["seed"].as_str().expect("case seed is a string");
        let id = q["id"].as_str().expect("id");
        let after_hash = id.rsplit_once('#').map(|(_, s)| s);
        // A step of an unfolding case is `template#seed/step`.
        let id_seed = after_hash.map(|s| s.split_once('/').map_or(s, |(seed, _)| seed));
        assert_eq!(id_seed, Some(seed), "{q}");
    }
}

#[test]
fn the_same_seed_gives_byte_identical_output() {
    for format in ["gift", "anki", "json"] {
        let a = export(None, format, "7");
        assert_eq!(a, export(None, format, "7"), "{format}");
        assert_ne!(
            a,
            export(None, format, "8"),
            "{format}: the seed changes nothing"
        );
    }
    let (code, _) = tutor(&["export", "--format", "gift", "--cases", "1001"]);
    assert_eq!(code, Some(2), "--cases over the limit is refused");
}
