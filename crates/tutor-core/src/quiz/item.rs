//! Turning a fixed item into a [`Question`], shuffling its options unless told not to.

use super::{Choice, FreeText, Origin, Question, WrongAnswer};
use crate::course::Course;
use crate::course::spec::{ItemSpec, ItemType, QuoteSpec};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};

/// Shown in place of the blanked span of a cloze sentence.
pub const BLANK: &str = "_____";

/// The question for `item`; options are shuffled with `rng` unless `fixed_order`.
pub fn from_item(course: &Course, item: &ItemSpec, rng: &mut impl Rng) -> Question {
    let mut options = choices(item);
    let fixed_order = item.fixed_order || item.kind == ItemType::TrueFalse;
    if !fixed_order {
        options.shuffle(rng);
    }
    let (stem, lead_in) = stem_and_lead_in(course, item);
    Question {
        context: Vec::new(),
        id: item.id.clone(),
        origin: Origin::Item {
            id: item.id.clone(),
        },
        kind: item.kind,
        stem,
        lead_in,
        options,
        free: free_text(course, item),
        explanation: item.explanation.clone(),
        cites: item.cites.clone(),
        quotes: quotes(item),
        fixed_order,
    }
}

/// The question for `item` on its own (a quiz of that one item), its options shuffled by a
/// ChaCha8 generator seeded with `seed`, as a drawn quiz's are.
pub fn from_item_seeded(course: &Course, item: &ItemSpec, seed: u64) -> Question {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    from_item(course, item, &mut rng)
}

/// The spans feedback highlights in the cited sentences: the item's quotes, and a cloze's
/// blank in its sentence (the words that answer it), once.
fn quotes(item: &ItemSpec) -> Vec<QuoteSpec> {
    let mut quotes = item.quotes.clone();
    if let (ItemType::Cloze, Some(sentence), Some(blank)) = (item.kind, &item.sentence, &item.blank)
    {
        let span = QuoteSpec {
            sentence: sentence.clone(),
            text: blank.clone(),
        };
        if !blank.is_empty() && !quotes.contains(&span) {
            quotes.push(span);
        }
    }
    quotes
}

/// The options as written (true/false: `True` then `False`); none for typed answers.
fn choices(item: &ItemSpec) -> Vec<Choice> {
    match item.kind {
        ItemType::SingleBest | ItemType::MultiSelect => item
            .options
            .iter()
            .map(|o| Choice {
                id: o.id.clone(),
                text: o.text.clone(),
                correct: o.correct,
                why: o.why.clone(),
                cites: o.cites.clone(),
            })
            .collect(),
        ItemType::TrueFalse => [true, false]
            .into_iter()
            .map(|b| Choice {
                id: b.to_string(),
                text: if b { "True" } else { "False" }.to_owned(),
                correct: item.answer == Some(b),
                // The explanation says it all; no second copy per option.
                why: String::new(),
                cites: item.cites.clone(),
            })
            .collect(),
        ItemType::ShortAnswer | ItemType::Cloze => Vec::new(),
    }
}

/// The words that name `item` in a list: its stem (the vignette or statement), or its lead-in
/// when it has no stem or is a cloze (whose lead-in is its sentence, blanked).
pub fn item_text(course: &Course, item: &ItemSpec) -> String {
    let (stem, lead_in) = stem_and_lead_in(course, item);
    if item.kind == ItemType::Cloze || stem.trim().is_empty() {
        lead_in
    } else {
        stem
    }
}

/// What a typed answer is graded against (a cloze's blank is accepted first, and the course's
/// opposites apply to every item); `None` for choice items.
fn free_text(course: &Course, item: &ItemSpec) -> Option<FreeText> {
    matches!(item.kind, ItemType::ShortAnswer | ItemType::Cloze).then(|| FreeText {
        accept: item.blank.iter().chain(&item.accept).cloned().collect(),
        synonyms: item.synonyms.clone(),
        wrong: item
            .wrong
            .iter()
            .map(|w| WrongAnswer {
                answer: w.answer.clone(),
                why: w.why.clone(),
                cites: w.cites.clone(),
            })
            .collect(),
        opposites: course.meta.opposites.clone(),
    })
}

/// The stem and lead-in as shown: a cloze asks with its sentence, blanked, as the lead-in;
/// true/false and cloze items have a default question when the course gives none.
fn stem_and_lead_in(course: &Course, item: &ItemSpec) -> (String, String) {
    match item.kind {
        ItemType::Cloze => {
            let sentence = item
                .sentence
                .as_deref()
                .and_then(|id| course.sentence(id))
                .map_or("", |s| s.text.as_str());
            let blanked = match item.blank.as_deref() {
                Some(b) if !b.is_empty() => sentence.replacen(b, BLANK, 1),
                _ => sentence.to_owned(),
            };
            let stem = item
                .stem
                .clone()
                .unwrap_or_else(|| "Fill in the blank from the source.".to_owned());
            (stem, blanked)
        }
        ItemType::TrueFalse => (
            item.stem.clone().unwrap_or_default(),
            item.lead_in
                .clone()
                .unwrap_or_else(|| "True or false?".to_owned()),
        ),
        _ => (
            item.stem.clone().unwrap_or_default(),
            item.lead_in.clone().unwrap_or_default(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cloze_highlights_its_blank_in_its_sentence() {
        let course = Course::embedded().expect("course");
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(0);
        let clozes = course.items.iter().filter(|i| i.kind == ItemType::Cloze);
        let mut n = 0;
        for item in clozes {
            let q = from_item(&course, item, &mut rng);
            let (Some(sentence), Some(blank)) = (&item.sentence, &item.blank) else {
                panic!("{}: a cloze has a sentence and a blank", item.id)
            };
            let span = QuoteSpec {
                sentence: sentence.clone(),
                text: blank.clone(),
            };
            assert_eq!(
                q.quotes.iter().filter(|x| **x == span).count(),
                1,
                "{}",
                item.id
            );
            n += 1;
        }
        assert!(n >= 5, "{n} clozes");
    }

    #[test]
    fn an_item_is_named_by_its_stem_or_a_cloze_by_its_blanked_sentence() {
        let course = Course::embedded().expect("course");
        for item in &course.items {
            let text = item_text(&course, item);
            assert!(!text.trim().is_empty(), "{}", item.id);
            match (item.kind, &item.stem) {
                (ItemType::Cloze, _) => assert!(text.contains(BLANK), "{}", item.id),
                (_, Some(stem)) if !stem.trim().is_empty() => assert_eq!(&text, stem),
                _ => {}
            }
        }
    }
}
