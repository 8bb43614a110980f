//! The plain quiz takes an option's words as well as its letter.

use super::{key_letters, right_lines};
use crate::support::run_fresh;

/// The key of a question with one right option as its words, in capitals, spaced out and
/// with a full stop, as a learner might type them; letters where several options are right.
fn key_words(q: &tutor::quiz::Question) -> String {
    match q.key()[..] {
        [one] => {
            let words: Vec<&str> = q.options[one].text.split_whitespace().collect();
            format!("  {}. ", words.join("  ").to_uppercase())
        }
        _ => key_letters(q),
    }
}

#[test]
fn a_plain_quiz_is_answered_by_the_options_words() {
    let (seed, count) = (3, 5);
    let script = right_lines(seed, count, key_words);
    let by_words = script.lines().filter(|l| l.ends_with(". ")).count();
    assert!(by_words >= 2, "most questions answered in words:\n{script}");
    let args = ["quiz", "--plain", "--seed", "3", "--count", "5"];
    let out = run_fresh(&args, &script);
    assert!(out.status.success(), "exit: {:?}", out.status);
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    assert!(!stdout.contains("is not an option"), "{stdout}");
    assert_eq!(stdout.matches("\nCorrect.").count(), count, "{stdout}");
    assert!(stdout.contains("\nScore: 5/5\n"), "{stdout}");
    // The prompt says words are taken.
    assert!(
        stdout.contains("Answer (a letter A-D, or the option's words): "),
        "{stdout}"
    );
}
