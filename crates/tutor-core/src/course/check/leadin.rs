//! A lead-in that an option does not answer: a yes/no question over options that are not yes
//! or no, "how many" over an option without a number, "how long" over one without a time,
//! "which drug" over an option that is a statement. Only kinds of question that can be told
//! from their words are checked, so that a legitimate item is never flagged.

use super::{ITEMS, warn};
use crate::course::Course;
use crate::course::diag::Diagnostic;
use crate::course::spec::ItemType;

/// What a lead-in asks for, as far as its words tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Asks {
    YesNo,
    Quantity,
    Duration,
    /// A drug, agent, regimen or treatment, by name.
    Kind,
}

impl Asks {
    fn describe(self) -> &'static str {
        match self {
            Asks::YesNo => "a yes/no question, but the option does not begin with yes or no",
            Asks::Quantity => "for a number or share, but the option has no number",
            Asks::Duration => "how long, but the option gives no length of time",
            Asks::Kind => {
                "for a drug, regimen or treatment, but the option is a statement about one"
            }
        }
    }
}

const AUXILIARIES: &[&str] = &[
    "is", "are", "was", "were", "does", "do", "did", "can", "could", "should", "will", "would",
    "has", "have", "had", "may", "might", "must", "shall",
];

const QUANTITY: &[&str] = &[
    "how many",
    "how much",
    "what share",
    "what proportion",
    "what percentage",
    "what percent",
    "what fraction",
];

const KINDS: &[&str] = &[
    "drug",
    "drugs",
    "agent",
    "agents",
    "regimen",
    "regimens",
    "combination",
    "combinations",
    "therapy",
    "therapies",
    "treatment",
    "treatments",
];

const NUMBER_WORDS: &[&str] = &[
    "none", "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "twenty", "thirty", "fifty", "hundred", "thousand", "half", "third",
    "quarter", "dozen", "once", "twice",
];

const TIME_WORDS: &[&str] = &[
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "decade",
    "decades",
    "indefinitely",
    "until",
    "lifelong",
    "forever",
];

const SUBJECTS: &[&str] = &[
    "it", "they", "this", "these", "there", "she", "he", "we", "you",
];
const VERBS: &[&str] = &["is", "are", "was", "were", "has", "have", "does", "do"];

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric() && c != '%')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// What `lead_in` asks for, when its words tell.
pub fn asks(lead_in: &str) -> Option<Asks> {
    let w = words(lead_in);
    let text = w.join(" ");
    let phrase = |p: &str| format!(" {text} ").contains(&format!(" {p} "));
    let alternative = w.iter().any(|x| x == "or");
    if w.first().is_some_and(|f| AUXILIARIES.contains(&f.as_str())) && !alternative {
        return Some(Asks::YesNo);
    }
    if phrase("how long") {
        return Some(Asks::Duration);
    }
    if QUANTITY.iter().any(|q| phrase(q)) {
        return Some(Asks::Quantity);
    }
    let kind = w
        .windows(2)
        .any(|p| matches!(p[0].as_str(), "which" | "what") && KINDS.contains(&p[1].as_str()));
    kind.then_some(Asks::Kind)
}

/// Whether `option` answers what the lead-in asks.
pub fn fits(asks: Asks, option: &str) -> bool {
    let w = words(option);
    let has = |list: &[&str]| w.iter().any(|x| list.contains(&x.as_str()));
    let number = w.iter().any(|x| x.chars().any(|c| c.is_numeric())) || has(NUMBER_WORDS);
    match asks {
        Asks::YesNo => w.first().is_some_and(|f| f == "yes" || f == "no"),
        Asks::Quantity => number,
        Asks::Duration => number || has(TIME_WORDS),
        Asks::Kind => {
            let statement = w.first().is_some_and(|f| SUBJECTS.contains(&f.as_str())) || has(VERBS);
            !statement
        }
    }
}

/// The options of `options` (index, text) that do not answer `lead_in`, with the reason.
pub fn misfits<'a>(
    lead_in: &str,
    options: impl Iterator<Item = (usize, &'a str)>,
) -> Vec<(usize, &'static str)> {
    let Some(a) = asks(lead_in) else {
        return Vec::new();
    };
    options
        .filter(|(_, o)| !fits(a, o))
        .map(|(j, _)| (j, a.describe()))
        .collect()
}

/// Every single-best and multi-select item's options answer its lead-in.
pub fn items(course: &Course, out: &mut Vec<Diagnostic>) {
    for (i, it) in course.items.iter().enumerate() {
        if !matches!(it.kind, ItemType::SingleBest | ItemType::MultiSelect) {
            continue;
        }
        let lead_in = it.lead_in.as_deref().unwrap_or("");
        let options = it
            .options
            .iter()
            .enumerate()
            .map(|(j, o)| (j, o.text.as_str()));
        for (j, why) in misfits(lead_in, options) {
            let o = &it.options[j];
            warn(
                out,
                ITEMS,
                format!("[{i}].options[{j}].text"),
                format!(
                    "item {}: option `{}` does not fit the lead-in, which asks {why}",
                    it.id, o.id
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
    fn lead_ins_are_read_by_their_words() {
        assert_eq!(
            asks("Is surgery the treatment of choice?"),
            Some(Asks::YesNo)
        );
        assert_eq!(asks("Does she need chemotherapy?"), Some(Asks::YesNo));
        // An alternative question is not a yes/no question.
        assert_eq!(asks("Is surgery or irradiation better?"), None);
        assert_eq!(
            asks("How many patients live ten years?"),
            Some(Asks::Quantity)
        );
        assert_eq!(
            asks("What share of patients may live longer?"),
            Some(Asks::Quantity)
        );
        assert_eq!(asks("For how long should CMF go on?"), Some(Asks::Duration));
        assert_eq!(asks("Which drug does CAF contain?"), Some(Asks::Kind));
        assert_eq!(asks("Which regimen is most appropriate?"), Some(Asks::Kind));
        assert_eq!(asks("What is the most appropriate treatment now?"), None);
        assert_eq!(asks("Which statement is most accurate?"), None);
        assert_eq!(asks("Which kind of therapy suits her?"), None);
    }

    #[test]
    fn options_must_answer_the_question() {
        assert!(fits(Asks::YesNo, "Yes, local therapy alone"));
        assert!(fits(Asks::YesNo, "No"));
        assert!(!fits(Asks::YesNo, "Local therapy alone"));
        assert!(fits(Asks::Quantity, "10% or more"));
        assert!(fits(Asks::Quantity, "About one in ten"));
        assert!(!fits(Asks::Quantity, "Most of them"));
        assert!(fits(Asks::Duration, "6 to 9 months"));
        assert!(fits(Asks::Duration, "Until progression"));
        assert!(!fits(Asks::Duration, "As long as she tolerates it"));
        assert!(fits(Asks::Kind, "Classic CMF or CAF"));
        assert!(fits(
            Asks::Kind,
            "Oral cyclophosphamide; IV methotrexate and 5-fluorouracil"
        ));
        assert!(!fits(Asks::Kind, "It is investigational"));
        assert!(!fits(Asks::Kind, "Taxol is the most promising"));
        let found = misfits(
            "Is surgery the first step?",
            [(0, "Yes"), (1, "Endocrine therapy alone")].into_iter(),
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, 1);
    }

    #[test]
    fn items_whose_options_do_not_fit_are_flagged() {
        let items = testing::ITEMS.replace(
            "lead_in: \"Which treatment comes first?\"",
            "lead_in: \"Is local therapy the treatment of choice?\"",
        );
        let found = testing::warnings(&[(super::ITEMS, &items)], "does not fit the lead-in");
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            found[0].contains(
                "[0].options[0].text: item sb-fracture: option `local` does not fit the lead-in, which asks a yes/no question"
            ),
            "{found:?}"
        );
    }
}
