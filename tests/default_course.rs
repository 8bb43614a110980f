//! The embedded default course: clean under `check`, covering the source, and generating cases
//! whose keys follow the source's rules (DESIGN.md section 2).

use std::borrow::Cow;
use tutor::course::template::{self, Assignment};
use tutor::course::{Course, check};
use tutor::quiz::{Origin, case};

/// The short answers and clozes, answer by answer.
#[path = "default_course/free_text.rs"]
mod free_text;

#[test]
fn the_default_course_checks_clean_and_covers_the_source() {
    let course = Course::embedded_yaml().expect("embedded course loads");
    let report = check::run(&course);
    let problems: Vec<String> = report.diagnostics.iter().map(ToString::to_string).collect();
    assert!(problems.is_empty(), "{problems:#?}");
    let s = &report.summary;
    assert_eq!((s.covered, s.sentences), (14, 14));
    assert!(s.items >= 40, "{s}");
    // No true/false items (NBME does not use them: they test recall of a statement, not a
    // decision); every other type is used.
    let [single, multi, true_false, short, cloze] = s.by_type;
    assert_eq!(true_false, 0, "{s}");
    assert!([single, multi, short, cloze].iter().all(|&n| n > 0), "{s}");
    assert!(s.templates.len() >= 5, "{s}");
    assert!(s.distinct_cases() >= 200, "{s}");
    assert!(
        course
            .meta
            .source
            .note
            .contains("predates current guidelines")
    );
    assert!(course.meta.source.note.contains("education only"));
}

/// The vignette decides the key: every template reaches at least two keys through the facts
/// it varies, and the bank at least 25 (template, key) pairs.
#[test]
fn every_case_template_reaches_several_keys() {
    let report = check::run(&Course::embedded_yaml().expect("embedded course loads"));
    let s = &report.summary;
    for t in &s.templates {
        for (j, keys) in t.keys.iter().enumerate() {
            assert!(keys.len() >= 2, "{} step {}: keys {keys:?}", t.id, j + 1);
        }
        assert!(t.decisions >= t.key_count() as u64, "{}", t.id);
    }
    assert!(s.template_keys() >= 25, "{s}");
}

/// At least two unfolding cases of three or more steps: one patient through several decisions.
#[test]
fn the_course_has_unfolding_cases_of_three_or_more_steps() {
    let course = Course::embedded().expect("course");
    let long = course.cases.iter().filter(|t| t.steps.len() >= 3).count();
    assert!(long >= 2, "{long} unfolding templates of 3+ steps");
}

/// The answer the source decides against is on offer in every case of a rule that names one,
/// so no case is solved by elimination.
#[test]
fn the_competing_answer_is_on_offer_in_every_case() {
    let course = Course::embedded().expect("course");
    let mut with_competing = 0;
    for t in &course.cases {
        for seed in 0..1000u64 {
            let case = case::generate(t, seed).expect("generates");
            let decisions = template::decisions(t);
            assert_eq!(case.len(), decisions.len(), "one question per step");
            for (q, d) in case.iter().zip(&decisions) {
                let Origin::Case { vars, .. } = &q.origin else {
                    panic!("a case")
                };
                let drawn: Assignment = vars
                    .iter()
                    .map(|(k, v)| (k.as_str(), Cow::Borrowed(v.as_str())))
                    .collect();
                let rule = &d.rules[template::first_rule(t, d.rules, &drawn).expect("decided")];
                let shown: Vec<&str> = q.options.iter().map(|o| o.id.as_str()).collect();
                for c in &rule.competing {
                    assert!(
                        shown.contains(&c.as_str()),
                        "{}: no `{c}` in {shown:?}",
                        q.id
                    );
                }
                with_competing += usize::from(!rule.competing.is_empty());
            }
        }
    }
    assert!(with_competing >= 6_000, "{with_competing}");
}

#[test]
fn the_course_keeps_the_seed_document_byte_for_byte() {
    let course = Course::embedded().expect("course");
    let seed = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/seed/metastatic-breast-cancer.txt"
    );
    // CI has ../shared beside the checkout; elsewhere the embedded copy is the reference.
    if let Ok(original) = std::fs::read_to_string(seed) {
        assert_eq!(course.document.1, original);
    }
    let joined: Vec<&str> = course.sentences().iter().map(|s| s.text.as_str()).collect();
    assert_eq!(joined.join(" "), course.document.1.trim_end());
}

#[test]
fn first_treatment_cases_follow_the_source_rules_in_order() {
    let course = Course::embedded().expect("course");
    let t = course
        .case_template("case-first-treatment")
        .expect("template");
    let mut seen = std::collections::BTreeSet::new();
    for seed in 0..400u64 {
        let case = case::generate(t, seed).expect("generates");
        let [q] = &case[..] else {
            panic!("one question")
        };
        let Origin::Case { vars, .. } = &q.origin else {
            panic!("a case")
        };
        let site = vars["site"].as_str();
        let status = vars["status"].as_str();
        let local = site.contains("fracture") || site.starts_with("brain");
        let expected = if local {
            assert_ne!(
                status, "refractory",
                "constraint excludes refractory local cases"
            );
            "local" // s5: local therapies alone
        } else if status == "refractory" {
            "taxol" // s13
        } else if status == "responder" {
            "endocrine" // s6
        } else {
            "chemo" // s8, s9
        };
        let key = q.key();
        assert_eq!(key.len(), 1);
        assert_eq!(q.options[key[0]].id, expected, "{vars:?}");
        assert_eq!(q.options.len(), t.distractors + 1);
        assert_eq!(
            case,
            case::generate(t, seed).expect("again"),
            "same seed, same case"
        );
        seen.insert(expected);
    }
    assert_eq!(seen.len(), 4, "every branch is reached");
}

#[test]
fn the_compiled_course_is_the_yaml_course() {
    let yaml = Course::embedded_yaml().expect("yaml");
    let compiled = Course::embedded().expect("compiled");
    let json = |c: &Course| {
        serde_json::to_string(&(
            &c.meta,
            &c.glossary,
            &c.lessons,
            &*c.items,
            &*c.cases,
            &c.document,
        ))
        .expect("json")
    };
    assert_eq!(
        json(&yaml),
        json(&compiled),
        "build.rs output is stale or lossy"
    );
}

#[test]
fn check_and_the_generator_share_one_draw_budget() {
    // `check` fails a template whose constraints would make the generator give up; both must
    // count the same draws.
    let e = case::CaseError::Excluded("t".into()).to_string();
    let budget = tutor::course::template::MAX_DRAWS;
    assert!(e.contains(&format!("excluded {budget} draws")), "{e}");
}
