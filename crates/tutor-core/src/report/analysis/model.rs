//! What the report holds: one analysis per drill, with rows per student, item (and its
//! options) and source sentence. Serialized as is for `--format json`.

use serde::{Deserialize, Serialize};

pub use crate::quiz::drill::DrillSettings;

/// Bins of the score histogram: 0–9%, 10–19%, …, 90–100% of the drill's items.
pub const HISTOGRAM_BINS: usize = 10;

/// The whole report: one analysis per drill.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// The drill asked for (`--drill`), if any.
    pub drill_filter: Option<String>,
    /// One entry per drill id, in id order.
    pub drills: Vec<DrillReport>,
    /// Why the report is empty, when it is.
    pub note: Option<String>,
    /// One per user name found in several data directories (each is reported as a student
    /// of its own, labelled by directory).
    #[serde(default)]
    pub warnings: Vec<String>,
    /// Answers of the stores in no drill's analysis, counted: practice and review answers,
    /// drill answers without a drill id.
    #[serde(default)]
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DrillReport {
    pub drill: String,
    /// The drill's seed, as its answers recorded it (`None` if they disagree).
    #[serde(default, with = "crate::json::opt_seed")]
    pub seed: Option<u64>,
    /// The settings the drill was started with, when a store recorded them.
    #[serde(default)]
    pub settings: Option<DrillSettings>,
    pub summary: DrillSummary,
    /// What the drill's analysis leaves out or could not read, counted: answers from another
    /// course version, repeated answers, letters naming no option, keys inferred.
    #[serde(default)]
    pub notes: Vec<String>,
    /// One row per student (a user name in a data directory), in name order.
    pub students: Vec<StudentRow>,
    /// One row per item or case template, in the order the drill asked them.
    pub items: Vec<ItemRow>,
    /// One row per source sentence cited, in document order.
    pub sentences: Vec<SentenceRow>,
    /// The items to take up first after the drill: lowest facility first.
    #[serde(default)]
    pub discuss: Vec<Discuss>,
}

/// An item to discuss after the drill, with the sentence its answers cite first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Discuss {
    /// Place of the item in the drill (as in [`ItemRow::position`]).
    pub position: u32,
    pub key: String,
    pub facility: Option<f64>,
    /// The question as the class saw it, when the course has it.
    pub question: Option<String>,
    pub sentence: Option<String>,
    /// The sentence verbatim, when the course has it.
    pub text: Option<String>,
}
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DrillSummary {
    pub students: u32,
    /// Distinct items and case templates in the drill: the maximum score.
    pub items: u32,
    /// Mean, median and sample standard deviation of the students' scores (in marks).
    pub mean: Option<f64>,
    pub median: Option<f64>,
    pub sd: Option<f64>,
    /// Cronbach's alpha over the students who have a first attempt at every item.
    pub alpha: Option<f64>,
    /// How many students alpha is computed over.
    pub complete: u32,
    /// Students per tenth of the maximum score: bin `min(9, 10 × score / items)`.
    pub histogram: [u32; HISTOGRAM_BINS],
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StudentRow {
    /// The user name, or `name (directory)` when the name occurs in several data
    /// directories: each is a student of its own.
    pub user: String,
    /// The data directory of a name found in several (else `null`).
    #[serde(default)]
    pub source: Option<String>,
    /// Right first attempts: the score.
    pub right: u32,
    /// The drill's items: the maximum score.
    pub items: u32,
    /// First attempts answered in time.
    pub answered: u32,
    /// Items of the drill not answered: no attempt, or the time limit ran out.
    pub unanswered: u32,
    /// Of those, how many ran out of time.
    pub timed_out: u32,
    /// Seconds spent on the first attempts.
    pub seconds: f64,
    /// The first attempt at each item of the drill, in the items' order: the student x item
    /// grid.
    #[serde(default)]
    pub answers: Vec<Cell>,
}

/// One student's first attempt at one item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cell {
    pub mark: CellMark,
    /// The letters chosen as shown (`B`, `A,C`) or the text typed; `None` when not asked.
    pub answer: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CellMark {
    Right,
    Wrong,
    /// The time limit ran out (or the instructor locked the question) before an answer.
    TimedOut,
    /// The student has no attempt at the item.
    NotAsked,
}

impl CellMark {
    /// In words, for CSV and screen readers.
    pub fn as_str(self) -> &'static str {
        match self {
            CellMark::Right => "right",
            CellMark::Wrong => "wrong",
            CellMark::TimedOut => "timed out",
            CellMark::NotAsked => "not asked",
        }
    }

    /// `✓`, `✗`, `⏱` or `-`, as the dashboard marks answers; a legend says which is which.
    pub fn symbol(self) -> &'static str {
        match self {
            CellMark::Right => "✓",
            CellMark::Wrong => "✗",
            CellMark::TimedOut => "⏱",
            CellMark::NotAsked => "-",
        }
    }
}
impl StudentRow {
    /// Score as a percentage of the maximum.
    pub fn percent(&self) -> f64 {
        if self.items == 0 {
            0.0
        } else {
            100.0 * f64::from(self.right) / f64::from(self.items)
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    Item,
    Case,
}

impl ItemKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Item => "item",
            ItemKind::Case => "case",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemRow {
    /// 1-based place in the drill (the earliest place any student met it).
    pub position: u32,
    /// Item id, or case template id.
    pub key: String,
    pub kind: ItemKind,
    /// The question as the class saw it (a case's vignette, its lead-in), when the course
    /// has it.
    #[serde(default)]
    pub stem: Option<String>,
    #[serde(default)]
    pub lead_in: Option<String>,
    /// Students with a first attempt at it.
    pub n: u32,
    pub right: u32,
    /// Mean mark (0 to 1).
    pub facility: Option<f64>,
    /// Sample standard deviation of the marks.
    pub sd: Option<f64>,
    /// 100 × correlation of the mark with the rest of the student's score.
    pub discrimination: Option<f64>,
    pub median_seconds: Option<f64>,
    /// Choice items: one entry per option, in the order shown (then any the course has that
    /// no variant showed); empty for free text.
    pub options: Vec<OptionStat>,
    /// Free text: the most frequent wrong answers.
    pub wrong_answers: Vec<WrongAnswer>,
    /// Sentences cited by its first attempts.
    pub cites: Vec<String>,
}

impl ItemRow {
    /// Ids of the non-functional distractors.
    pub fn non_functional(&self) -> impl Iterator<Item = &str> {
        self.options
            .iter()
            .filter(|o| o.non_functional)
            .map(|o| o.id.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OptionStat {
    pub id: String,
    /// The letter it was shown under (the most frequent, if orders differed); `None` if never
    /// shown.
    #[serde(default)]
    pub letter: Option<String>,
    /// Its text, when the course has it.
    #[serde(default)]
    pub text: Option<String>,
    /// It was the key in at least one first attempt.
    pub key: bool,
    /// First attempts that showed it, and that chose it.
    pub shown: u32,
    pub chosen: u32,
    /// `chosen` over the item's first attempts.
    pub share: f64,
    /// A distractor chosen by under 5% of the attempts that showed it as a wrong option.
    pub non_functional: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WrongAnswer {
    /// Trimmed, lower case, inner white space as one space.
    pub answer: String,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SentenceRow {
    pub id: String,
    /// The sentence, when the course has it.
    pub text: Option<String>,
    /// Items and templates citing it.
    pub items: u32,
    /// First attempts citing it, and of those right.
    pub n: u32,
    pub right: u32,
    pub facility: Option<f64>,
}
