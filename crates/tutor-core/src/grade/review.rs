//! A choice question after its answer, option by option: which the learner chose, which are
//! right, and why each is right or wrong. Every front end shows the whole question this way
//! (as question banks such as UWorld and AMBOSS do), not only the chosen option and the key.

use super::Answer;
use crate::quiz::{Choice, Question};
use crate::text::letter;

/// What became of one option.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// Chosen, and right.
    ChosenRight,
    /// Chosen, and wrong.
    ChosenWrong,
    /// Right, and not chosen.
    Missed,
    /// Wrong, and not chosen.
    NotChosen,
}

impl Mark {
    fn of(chosen: bool, correct: bool) -> Mark {
        match (chosen, correct) {
            (true, true) => Mark::ChosenRight,
            (true, false) => Mark::ChosenWrong,
            (false, true) => Mark::Missed,
            (false, false) => Mark::NotChosen,
        }
    }

    /// A symbol beside the option; never the only sign (see [`Mark::words`]).
    pub fn symbol(self) -> &'static str {
        match self {
            Mark::ChosenRight => "✓",
            Mark::ChosenWrong => "✗",
            Mark::Missed => "○",
            Mark::NotChosen => "·",
        }
    }

    /// The mark in words, so it reads without colour or symbols (and to a screen reader).
    pub fn words(self) -> &'static str {
        match self {
            Mark::ChosenRight => "your answer, correct",
            Mark::ChosenWrong => "your answer, wrong",
            Mark::Missed => "correct answer, not chosen",
            Mark::NotChosen => "not chosen",
        }
    }

    /// Whether the option is a right one.
    pub fn is_right(self) -> bool {
        matches!(self, Mark::ChosenRight | Mark::Missed)
    }
}

/// One option as reviewed: its position and letter as shown, the option and its mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionReview<'q> {
    pub index: usize,
    pub letter: char,
    pub choice: &'q Choice,
    pub mark: Mark,
}

/// Every option of `q` in the order shown, marked by `answer` (no options for free text; a
/// text answer to a choice question chooses nothing).
pub fn options<'q>(q: &'q Question, answer: &Answer) -> Vec<OptionReview<'q>> {
    let chosen: &[usize] = match answer {
        Answer::Choices(c) => c,
        Answer::Text(_) => &[],
    };
    q.options
        .iter()
        .enumerate()
        .map(|(i, choice)| OptionReview {
            index: i,
            letter: letter(i),
            choice,
            mark: Mark::of(chosen.contains(&i), choice.correct),
        })
        .collect()
}

/// How far a wrong multi-select answer got, in the words every front end prints: `hits` of
/// the `of` correct options chosen, and `wrong` wrong ones.
pub fn partly(hits: usize, of: usize, wrong: usize) -> String {
    let options = |n: usize| if n == 1 { "option" } else { "options" };
    let wrongs = match wrong {
        0 => "no wrong option".to_owned(),
        n => format!("{n} wrong {}", options(n)),
    };
    if hits == 0 {
        format!(
            "None of the {of} correct {} chosen; {wrongs} chosen.",
            options(of)
        )
    } else {
        format!(
            "Partly right: {hits} of {of} correct {} chosen; {wrongs} chosen.",
            options(of)
        )
    }
}

/// The options chosen, as `A) text`, in the order given (none for a text answer).
pub fn chosen(q: &Question, answer: &Answer) -> Vec<String> {
    let Answer::Choices(c) = answer else {
        return Vec::new();
    };
    c.iter()
        .filter_map(|&i| Some(format!("{}) {}", letter(i), q.options.get(i)?.text)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_partial_answer_is_said_in_words_that_fit_its_counts() {
        assert_eq!(
            partly(0, 2, 1),
            "None of the 2 correct options chosen; 1 wrong option chosen."
        );
        assert_eq!(
            partly(1, 3, 0),
            "Partly right: 1 of 3 correct options chosen; no wrong option chosen."
        );
        assert_eq!(
            partly(2, 3, 2),
            "Partly right: 2 of 3 correct options chosen; 2 wrong options chosen."
        );
    }
    use crate::course::spec::ItemType;
    use crate::quiz::Origin;

    fn question(correct: &[bool]) -> Question {
        Question {
            id: "q".into(),
            origin: Origin::Item { id: "q".into() },
            kind: ItemType::MultiSelect,
            context: Vec::new(),
            stem: String::new(),
            lead_in: String::new(),
            options: correct
                .iter()
                .enumerate()
                .map(|(i, &correct)| Choice {
                    id: format!("o{i}"),
                    text: format!("option {i}"),
                    correct,
                    why: format!("because {i}"),
                    cites: Vec::new(),
                })
                .collect(),
            free: None,
            explanation: String::new(),
            cites: Vec::new(),
            quotes: Vec::new(),
            fixed_order: false,
        }
    }

    #[test]
    fn chosen_right_chosen_wrong_missed_and_not_chosen_are_told_apart() {
        let q = question(&[true, false, true, false]);
        let marks: Vec<Mark> = options(&q, &Answer::Choices(vec![0, 1]))
            .iter()
            .map(|o| o.mark)
            .collect();
        assert_eq!(
            marks,
            [
                Mark::ChosenRight,
                Mark::ChosenWrong,
                Mark::Missed,
                Mark::NotChosen
            ]
        );
        let words: Vec<&str> = marks.iter().map(|m| m.words()).collect();
        let mut distinct = words.clone();
        distinct.dedup();
        assert_eq!(distinct.len(), 4, "each mark has its own words: {words:?}");
        let timed_out = options(&q, &Answer::Choices(Vec::new()));
        assert!(timed_out.iter().all(|o| o.mark != Mark::ChosenRight));
        assert_eq!(timed_out[2].letter, 'C');
    }
}
