//! Property tests: no text in a course file makes the loader or the checker panic, and no typed
//! answer makes the free-text matcher panic.
//!
//! Course texts come from three sources: arbitrary strings, YAML-like token soup, and the tiny
//! valid course (`tests/fixtures/valid/tiny/`) with a few random edits, which reaches deep into
//! the checker because most of the file still parses.

use crate::support::fixtures::{tiny, tiny_copy};
use proptest::prelude::*;
use tutor::course::{Course, check};
use tutor::grade::text::{Matcher, normalize, word_diff};

/// Cases per property: 256, or `PROPTEST_CASES` for a deeper run.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(256)
}

fn tiny_text(name: &str) -> String {
    std::fs::read_to_string(tiny().join(name)).expect("read tiny course file")
}

/// Copies the tiny course to a temp dir, replaces `name` with `text`, then loads and (when it
/// loads) checks it. Any panic fails the property.
fn load_with(name: &str, text: &str) {
    let dir = tiny_copy();
    std::fs::write(dir.path().join(name), text).expect("write course file");
    match Course::from_dir(dir.path()) {
        Ok(course) => {
            let report = check::run(&course);
            // Every diagnostic still renders (the renderer sanitizes course text).
            for d in &report.diagnostics {
                let _ = d.to_string();
            }
            let _ = report.summary.to_string();
        }
        Err(diags) => {
            assert!(!diags.is_empty(), "a failed load must say why");
            for d in &diags {
                let _ = d.to_string();
            }
        }
    }
}

/// Pieces of YAML syntax and of the course format, including the awkward ones.
const TOKENS: &[&str] = &[
    "\n",
    "\n  ",
    "\n    ",
    "  ",
    "\t",
    "- ",
    ": ",
    ":",
    ",",
    "[",
    "]",
    "{",
    "}",
    "\"",
    "'",
    "#",
    "|",
    ">",
    "?",
    "!",
    "!!str ",
    "!!binary ",
    "&a ",
    "*a",
    "&b [*a,*a,*a]",
    "---\n",
    "...\n",
    "~",
    "null",
    "true",
    "false",
    "yes",
    "no",
    "0",
    "-1",
    "1e309",
    "0x1F",
    "99999999999",
    "3.5",
    "\\e[31m",
    "\\x1b",
    "\\u202e",
    "\\0",
    "\u{1b}",
    "\u{0}",
    "\u{feff}",
    "\u{202e}",
    "é",
    "{{",
    "}}",
    "{{age}}",
    "{{nope}}",
    "id",
    "type",
    "cites",
    "s1",
    "s2",
    "s99",
    "single_best",
    "multi_select",
    "true_false",
    "short_answer",
    "cloze",
    "options",
    "correct",
    "when",
    "otherwise",
    "key",
    "rules",
    "vars",
    "values",
    "range",
    "weights",
    "derived",
    "from",
    "map",
    "constraints",
    "exclude",
    "phrases",
    "distractors",
    "sentences",
    "document",
    "source.txt",
    "../x",
    "quotes",
    "sentence",
    "text",
    "blank",
    "accept",
    "synonyms",
    "wrong",
    "answer",
];

/// YAML-looking text made of [`TOKENS`] and short words.
fn token_soup() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => prop::sample::select(TOKENS).prop_map(str::to_owned),
        1 => "[a-z0-9 ]{1,8}",
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

/// One edit of a text: delete `len` bytes at `at` (modulo the length) and insert `token`.
#[derive(Debug, Clone)]
struct Edit {
    at: usize,
    len: usize,
    token: String,
}

fn edit() -> impl Strategy<Value = Edit> {
    (
        any::<usize>(),
        0usize..12,
        prop_oneof![
            3 => prop::sample::select(TOKENS).prop_map(str::to_owned),
            1 => any::<String>(),
            1 => Just(String::new()),
        ],
    )
        .prop_map(|(at, len, token)| Edit { at, len, token })
}

/// `base` with a few edits applied, each at a char boundary.
fn mutated(base: String) -> impl Strategy<Value = String> {
    prop::collection::vec(edit(), 1..5).prop_map(move |edits| {
        let mut s = base.clone();
        for e in edits {
            let boundary = |s: &str, mut i: usize| {
                while !s.is_char_boundary(i) {
                    i -= 1;
                }
                i
            };
            let start = boundary(&s, e.at % (s.len() + 1));
            let end = boundary(&s, (start + e.len).min(s.len())).max(start);
            s.replace_range(start..end, &e.token);
        }
        s
    })
}

/// Any of the three kinds of course text, the tiny course's `name` being the mutation base.
fn course_text(name: &str) -> impl Strategy<Value = String> {
    prop_oneof![
        1 => any::<String>(),
        1 => token_soup(),
        2 => mutated(tiny_text(name)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn items_yaml_never_panics(text in course_text("items.yaml")) {
        load_with("items.yaml", &text);
    }

    #[test]
    fn course_yaml_never_panics(text in course_text("course.yaml")) {
        load_with("course.yaml", &text);
    }

    #[test]
    fn cases_yaml_never_panics(text in course_text("cases.yaml")) {
        load_with("cases.yaml", &text);
    }

    #[test]
    fn lessons_and_glossary_never_panic(
        lessons in mutated(tiny_text("lessons.yaml")),
        glossary in mutated(tiny_text("glossary.yaml")),
    ) {
        load_with("lessons.yaml", &lessons);
        load_with("glossary.yaml", &glossary);
    }

    #[test]
    fn source_document_never_panics(text in prop_oneof![any::<String>(), mutated(tiny_text("source.txt"))]) {
        load_with("source.txt", &text);
    }

    #[test]
    fn matcher_never_panics(
        accepted in prop::collection::vec(answer(), 0..4),
        wrong in prop::collection::vec(answer(), 0..4),
        synonyms in prop::collection::vec(prop::collection::vec(answer(), 0..4), 0..3),
        typed in prop_oneof![answer(), any::<String>()],
    ) {
        let m = Matcher::with_opposites(&accepted, &wrong, &synonyms, &synonyms);
        let _ = m.judge(&typed);
        let _ = m.assess(&format!("{typed} and {typed}, then {typed}"));
        for a in &accepted {
            let _ = m.judge(a);
            let _ = word_diff(&typed, a);
        }
        let _ = normalize(&typed);
    }
}

/// Answer-like text: a small alphabet (so typed answers often nearly match), with accents,
/// combining marks, digits, punctuation and characters whose case mapping changes length.
fn answer() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[a-eA-E0-9 .,%'\\-éßİſﬁ\u{301}]{0,16}",
        1 => any::<String>(),
    ]
}

#[test]
fn matcher_survives_long_input() {
    let accepted = vec!["local therapy".to_owned(), "x".repeat(5000)];
    let wrong = vec!["chemotherapy".to_owned()];
    let synonyms = vec![vec!["therapy".to_owned(), "treatment".to_owned()]];
    let m = Matcher::new(&accepted, &wrong, &synonyms);
    for typed in [
        "a ".repeat(100_000),
        "x".repeat(5001),
        "ﬁ".repeat(20_000),
        "surgery and ".repeat(10_000),
        ", ".repeat(50_000),
    ] {
        let _ = m.judge(&typed);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    /// Any integer range a variable may be given: the check must report or accept it, never
    /// overflow (`range: [-9223372036854775808, 0]` once did).
    #[test]
    fn case_ranges_never_panic(low in any::<i64>(), high in any::<i64>()) {
        let text = tiny_text("cases.yaml").replace("range: [50, 52]", &format!("range: [{low}, {high}]"));
        load_with("cases.yaml", &text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases().min(64)))]

    /// Deep nesting of any mix of flow and block collections is refused with a location (the
    /// token gate), never parsed in quadratic time or recursed into.
    #[test]
    fn deep_nesting_is_refused_with_a_location(
        units in prop::collection::vec(
            prop::sample::select(&["[", "{a: ", "- ", "{", "[a, ", "a:\n", "? "][..]),
            100..3000,
        ),
    ) {
        let text = units.concat();
        let dir = tiny_copy();
        std::fs::write(dir.path().join("items.yaml"), &text).expect("write");
        let diags = Course::from_dir(dir.path()).expect_err("refused");
        prop_assert!(diags.iter().all(|d| d.file == "items.yaml" && d.line > 0), "{diags:?}");
    }
}
