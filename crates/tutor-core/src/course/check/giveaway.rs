//! A cloze that names its answer: a content word of the blank is still in view, in the rest of
//! the sentence or in the instructions above it, so the blank can be filled by copying.

use super::{ITEMS, warn};
use crate::course::Course;
use crate::course::diag::Diagnostic;
use crate::course::spec::ItemType;
use crate::grade::stem::stem;

/// Words that carry no answer: function words and the course-wide generic nouns.
const FUNCTION: &[&str] = &[
    "the",
    "and",
    "for",
    "with",
    "from",
    "than",
    "that",
    "this",
    "these",
    "those",
    "its",
    "are",
    "was",
    "were",
    "has",
    "have",
    "had",
    "not",
    "but",
    "into",
    "onto",
    "more",
    "less",
    "most",
    "least",
    "very",
    "such",
    "other",
    "patient",
    "patients",
    "woman",
    "women",
    "therapy",
    "therapies",
    "treatment",
    "treatments",
    "disease",
];

/// The words of `s` that can give an answer away, as stems: words with a digit, and words of
/// three letters or more that are not [`FUNCTION`] words.
fn content_stems(s: &str) -> Vec<(String, Vec<char>)> {
    s.split(|c: char| !c.is_alphanumeric() && c != '%')
        .map(str::to_lowercase)
        .filter(|w| {
            w.chars().any(|c| c.is_numeric())
                || (w.chars().count() >= 3 && !FUNCTION.contains(&w.as_str()))
        })
        .map(|w| {
            let chars: Vec<char> = w.chars().collect();
            (w, stem(&chars))
        })
        .collect()
}

/// The first content word of `answer` that `shown` also contains (up to inflection).
pub fn named_answer_word(answer: &str, shown: &str) -> Option<String> {
    let shown = content_stems(shown);
    content_stems(answer)
        .into_iter()
        .find(|(_, s)| shown.iter().any(|(_, t)| t == s))
        .map(|(w, _)| w)
}

/// Every cloze item: neither the sentence around its blank nor its instructions (`stem`)
/// contains a content word of the blank.
pub fn clozes(course: &Course, out: &mut Vec<Diagnostic>) {
    for (i, it) in course.items.iter().enumerate() {
        if it.kind != ItemType::Cloze {
            continue;
        }
        let (Some(blank), Some(sentence)) = (
            it.blank.as_deref().filter(|b| !b.trim().is_empty()),
            it.sentence.as_deref().and_then(|s| course.sentence(s)),
        ) else {
            continue;
        };
        if !sentence.text.contains(blank) {
            continue; // an error of its own
        }
        let rest = sentence.text.replacen(blank, " ", 1);
        let mut report = |field: &str, where_: &str, word: String| {
            warn(
                out,
                ITEMS,
                format!("[{i}].{field}"),
                format!(
                    "cloze {}: `{word}`, a word of the blank {blank:?}, is shown in {where_}: the item names its answer",
                    it.id
                ),
            );
        };
        if let Some(w) = named_answer_word(blank, &rest) {
            report("blank", "the rest of the sentence", w);
        }
        if let Some(w) = it.stem.as_deref().and_then(|s| named_answer_word(blank, s)) {
            report("stem", "the instructions", w);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::course::check::testing;

    #[test]
    fn content_words_are_found_up_to_inflection() {
        assert_eq!(
            named_answer_word("minimize toxicity", "What must therapy minimize?"),
            Some("minimize".into())
        );
        assert_eq!(
            named_answer_word("local therapies alone", "Which local therapy?"),
            Some("local".into())
        );
        assert_eq!(
            named_answer_word("CMF", "the regimen CMF"),
            Some("cmf".into())
        );
        assert_eq!(
            named_answer_word("6 to 9 months", "in excess of 6"),
            Some("6".into())
        );
        // Generic and function words give nothing away.
        assert_eq!(
            named_answer_word("local therapy", "What kind of therapy is the treatment?"),
            None
        );
        assert_eq!(
            named_answer_word("10% or more", "more than ten years"),
            None
        );
    }

    #[test]
    fn a_cloze_naming_its_answer_is_flagged() {
        let items = testing::ITEMS.replace(
            "  blank: \"local therapy\"\n",
            "  blank: \"local therapy\"\n  stem: \"Complete with the local option.\"\n",
        );
        let found = testing::warnings(&[(super::ITEMS, &items)], "names its answer");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].contains(
                "[2].stem: cloze cz-local: `local`, a word of the blank \"local therapy\", is shown in the instructions"
            ),
            "{found:?}"
        );
        // The blank's word again in the rest of the sentence.
        let course = testing::COURSE.replace(
            "treated with local therapy alone.",
            "treated with local therapy alone, local.",
        );
        let doc_free = testing::load(&[(crate::course::check::COURSE, &course)]).expect("loads");
        let mut out = Vec::new();
        clozes(&doc_free, &mut out);
        assert_eq!(out.len(), 1, "{out:?}");
        assert!(
            out[0].message.contains("`local`, a word of the blank \"local therapy\", is shown in the rest of the sentence"),
            "{out:?}"
        );
    }
}
