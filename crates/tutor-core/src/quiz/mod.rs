//! Questions as a learner sees them: a fixed item or a generated case, with its options in the
//! order shown, ready to be graded by [`crate::grade`].

pub mod case;
pub mod draw;
pub mod drill;
pub mod fresh;
mod item;
pub mod review;
pub mod unit;

pub use case::generate;
pub use draw::{QuizSpec, draw};
pub use item::{BLANK, from_item, from_item_seeded, item_text};

use crate::course::spec::{ItemType, QuoteSpec};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Where a question came from, recorded with every attempt so it can be reproduced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Origin {
    Item {
        id: String,
    },
    Case {
        template: String,
        /// Written as a string: see [`crate::json`].
        #[serde(with = "crate::json::seed")]
        seed: u64,
        vars: BTreeMap<String, String>,
        /// Which step of an unfolding case; absent for a plain case (and in questions saved
        /// before unfolding cases existed).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        step: Option<Step>,
    },
}

/// One step of an unfolding case: the `number`th (from 1) of `of` decisions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub number: u32,
    pub of: u32,
}

/// One option as shown: its position in `Question::options` gives its letter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    /// Option id in the course.
    pub id: String,
    pub text: String,
    pub correct: bool,
    /// Feedback for choosing it.
    pub why: String,
    pub cites: Vec<String>,
}

/// Known answers of a free-text question.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct FreeText {
    pub accept: Vec<String>,
    pub synonyms: Vec<Vec<String>>,
    pub wrong: Vec<WrongAnswer>,
    /// The course's opposites: words never taken as typos of one another. Absent from
    /// questions saved before they existed.
    #[serde(default)]
    pub opposites: Vec<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WrongAnswer {
    pub answer: String,
    pub why: String,
    pub cites: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    /// Item id, or `template#seed` for a case.
    pub id: String,
    pub origin: Origin,
    pub kind: ItemType,
    /// In a later step of an unfolding case, the earlier steps' stems, in order: the case so
    /// far, shown above `stem` (what happens next).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub context: Vec<String>,
    pub stem: String,
    pub lead_in: String,
    /// Empty for free-text questions.
    pub options: Vec<Choice>,
    pub free: Option<FreeText>,
    pub explanation: String,
    pub cites: Vec<String>,
    pub quotes: Vec<QuoteSpec>,
    /// The options keep their order whenever shown (e.g. numbers in ascending order, or
    /// true before false). Absent from questions saved before it existed.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub fixed_order: bool,
}

impl Question {
    /// Indices of the correct options.
    pub fn key(&self) -> Vec<usize> {
        self.options
            .iter()
            .enumerate()
            .filter(|(_, c)| c.correct)
            .map(|(i, _)| i)
            .collect()
    }

    pub fn is_free_text(&self) -> bool {
        self.free.is_some()
    }

    /// The drawn facts of a case (none for a fixed item).
    pub fn origin_vars(&self) -> Option<&BTreeMap<String, String>> {
        match &self.origin {
            Origin::Case { vars, .. } => Some(vars),
            Origin::Item { .. } => None,
        }
    }

    /// Which step of an unfolding case this is, if it is one.
    pub fn step(&self) -> Option<Step> {
        match &self.origin {
            Origin::Case { step, .. } => *step,
            Origin::Item { .. } => None,
        }
    }

    /// The learning unit this question reviews: a case's template, a fixed item's objective,
    /// or the item itself when it has none.
    pub fn unit(&self, course: &crate::course::Course) -> unit::Unit {
        match &self.origin {
            Origin::Case { template, .. } => unit::Unit::Template(template.clone()),
            Origin::Item { id } => course
                .item(id)
                .map_or_else(|| unit::Unit::Item(id.clone()), unit::Unit::of_item),
        }
    }
}
