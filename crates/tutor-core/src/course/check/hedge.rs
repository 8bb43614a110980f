//! A hedged key among absolute distractors: test-wise students pick the one option that says
//! "may" when every other says "always", "never" or "cure", without knowing the answer.

use super::{ITEMS, warn};
use crate::course::Course;
use crate::course::diag::Diagnostic;
use crate::course::spec::ItemType;

/// Words that soften a claim.
const HEDGES: &[&str] = &[
    "may",
    "might",
    "can",
    "could",
    "often",
    "usually",
    "some",
    "sometimes",
    "probably",
    "probable",
    "likely",
    "possibly",
    "possible",
    "perhaps",
    "generally",
    "typically",
    "frequently",
    "mostly",
    "largely",
    "almost",
];

/// Words that make a claim absolute.
const ABSOLUTES: &[&str] = &[
    "always",
    "never",
    "all",
    "none",
    "only",
    "every",
    "everyone",
    "nothing",
    "entirely",
    "completely",
    "totally",
    "absolutely",
    "definitely",
    "invariably",
    "must",
    "cure",
    "cures",
    "cured",
    "curing",
    "curative",
    "eradicate",
    "eradicates",
    "eradicated",
    "eradicating",
    "eradication",
    "guarantee",
    "guarantees",
    "guaranteed",
];

/// The lower-case words of `s`.
fn words(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

fn first_of(s: &str, list: &[&str]) -> Option<String> {
    words(s).find(|w| list.contains(&w.as_str()))
}

/// The cue, when `key` is hedged and every one of `distractors` (at least one) states an
/// absolute: the key's hedge word and each distractor's absolute word, in order.
pub fn hedged_against_absolutes(key: &str, distractors: &[&str]) -> Option<(String, Vec<String>)> {
    let hedge = first_of(key, HEDGES)?;
    if distractors.is_empty() {
        return None;
    }
    let absolutes: Option<Vec<String>> =
        distractors.iter().map(|d| first_of(d, ABSOLUTES)).collect();
    absolutes.map(|a| (hedge, a))
}

/// Applies [`hedged_against_absolutes`] to every single-best item.
pub fn items(course: &Course, out: &mut Vec<Diagnostic>) {
    for (i, it) in course.items.iter().enumerate() {
        if it.kind != ItemType::SingleBest {
            continue;
        }
        let mut keys = it.options.iter().filter(|o| o.correct);
        let (Some(key), None) = (keys.next(), keys.next()) else {
            continue;
        };
        let others: Vec<&str> = it
            .options
            .iter()
            .filter(|o| !o.correct)
            .map(|o| o.text.as_str())
            .collect();
        if let Some((hedge, absolutes)) = hedged_against_absolutes(&key.text, &others) {
            let mut abs = absolutes;
            abs.sort_unstable();
            abs.dedup();
            warn(
                out,
                ITEMS,
                format!("[{i}].options"),
                format!(
                    "item {}: the key `{}` is hedged (`{hedge}`) while every distractor states an absolute ({}): a test-wise cue; hedge a distractor or state the key plainly",
                    it.id,
                    key.id,
                    abs.iter()
                        .map(|a| format!("`{a}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::course::check::testing;

    #[test]
    fn a_hedged_key_among_absolutes_is_a_cue() {
        let cue = hedged_against_absolutes(
            "It may prolong survival in a few",
            &["It always cures", "It never helps", "Only surgery works"],
        );
        assert_eq!(
            cue,
            Some((
                "may".into(),
                vec!["always".into(), "never".into(), "only".into()]
            ))
        );
    }

    #[test]
    fn no_cue_when_a_distractor_is_plain_or_the_key_is_not_hedged() {
        assert_eq!(
            hedged_against_absolutes("It may help", &["It always cures", "It eases pain"]),
            None
        );
        assert_eq!(
            hedged_against_absolutes("It helps", &["It always cures", "It never helps"]),
            None
        );
        assert_eq!(hedged_against_absolutes("It may help", &[]), None);
        // Words are whole words: "mayor" is no hedge, "overall" no absolute.
        assert_eq!(
            hedged_against_absolutes("The mayor decides", &["It always cures"]),
            None
        );
        assert_eq!(
            hedged_against_absolutes("It may help", &["Overall worse"]),
            None
        );
    }

    #[test]
    fn single_best_items_are_checked() {
        let items = testing::ITEMS
            .replace(
                "text: \"Local therapy alone\", correct: true",
                "text: \"Local therapy may be best\", correct: true",
            )
            .replace(
                "text: \"Endocrine therapy alone\", why",
                "text: \"Endocrine therapy always cures\", why",
            );
        let found = testing::warnings(&[(super::ITEMS, &items)], "hedged");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].contains("item sb-fracture: the key `local` is hedged (`may`)")
                && found[0].contains("(`always`)"),
            "{found:?}"
        );
        assert!(testing::warnings(&[], "hedged").is_empty());
    }
}
