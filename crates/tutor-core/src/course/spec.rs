//! The course files as written by an author: plain serde structs that mirror the YAML one to one.
//!
//! Every struct denies unknown fields so that a typo in a field name is an error with a
//! location rather than silently ignored content. Cross-references are checked later by
//! [`crate::course::check`]; these types only describe shape.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// `course.yaml`: identity of the course and its source document.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CourseFile {
    pub id: String,
    pub title: String,
    pub version: u32,
    pub source: SourceSpec,
    /// Groups of words that free-text grading never takes as typos of one another, however
    /// close their spelling ("maximize" and "minimize").
    #[serde(default)]
    pub opposites: Vec<Vec<String>>,
}

/// The source document, split into sentences with stable ids.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SourceSpec {
    pub title: String,
    pub attribution: String,
    /// Shown where the course starts: how old the source is and that it is for education only.
    pub note: String,
    /// File name, inside the course folder, of the original document.
    pub document: String,
    pub sentences: Vec<SentenceSpec>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SentenceSpec {
    pub id: String,
    pub text: String,
}

/// `glossary.yaml`: one entry per term.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TermSpec {
    pub term: String,
    pub definition: String,
    /// Sentences where the term occurs.
    pub sentences: Vec<String>,
}

/// `lessons.yaml`: one entry per lesson, in teaching order.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LessonSpec {
    pub id: String,
    pub title: String,
    pub objectives: Vec<ObjectiveSpec>,
    /// The course's own explanation, in its own words.
    pub body: String,
    /// Source sentences the lesson presents, in the order shown.
    pub sentences: Vec<String>,
    pub key_points: Vec<KeyPointSpec>,
    /// Fixed items that check this lesson.
    #[serde(default)]
    pub items: Vec<String>,
    /// Case templates that check this lesson.
    #[serde(default)]
    pub cases: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ObjectiveSpec {
    pub id: String,
    pub text: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct KeyPointSpec {
    pub text: String,
    pub cites: Vec<String>,
}

/// A verbatim span of one source sentence, highlighted in feedback.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct QuoteSpec {
    pub sentence: String,
    pub text: String,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ItemType {
    SingleBest,
    MultiSelect,
    TrueFalse,
    ShortAnswer,
    Cloze,
}

/// `items.yaml`: one fixed question. One flat shape for every type, so that field errors keep
/// their YAML location; which fields a type needs is checked by `check::items`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ItemSpec {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: ItemType,
    /// Sentence ids that support the answer.
    pub cites: Vec<String>,
    #[serde(default)]
    pub quotes: Vec<QuoteSpec>,
    /// Learning objective (of the lesson that lists the item) this item checks.
    #[serde(default)]
    pub objective: Option<String>,
    /// Vignette or statement. For `cloze`, optional instructions shown above the sentence.
    #[serde(default)]
    pub stem: Option<String>,
    /// The question itself, answerable with the options covered.
    #[serde(default)]
    pub lead_in: Option<String>,
    /// `single_best`, `multi_select`.
    #[serde(default)]
    pub options: Vec<OptionSpec>,
    /// Keep the written option order (e.g. options that are ordered numbers).
    #[serde(default)]
    pub fixed_order: bool,
    /// `true_false`: whether the statement is true.
    #[serde(default)]
    pub answer: Option<bool>,
    /// `cloze`: the sentence to blank.
    #[serde(default)]
    pub sentence: Option<String>,
    /// `cloze`: the verbatim span of `sentence` that is blanked out (always accepted).
    #[serde(default)]
    pub blank: Option<String>,
    /// `short_answer`, `cloze`: accepted answers.
    #[serde(default)]
    pub accept: Vec<String>,
    /// `short_answer`, `cloze`: groups of interchangeable words or phrases; the first of each
    /// group is the canonical form.
    #[serde(default)]
    pub synonyms: Vec<Vec<String>>,
    /// `short_answer`, `cloze`: answers known to be wrong, with their own feedback.
    #[serde(default)]
    pub wrong: Vec<WrongAnswerSpec>,
    pub explanation: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct OptionSpec {
    pub id: String,
    pub text: String,
    #[serde(default)]
    pub correct: bool,
    /// Why this option is right or wrong.
    pub why: String,
    #[serde(default)]
    pub cites: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct WrongAnswerSpec {
    pub answer: String,
    pub why: String,
    #[serde(default)]
    pub cites: Vec<String>,
}

/// `cases.yaml`: a template that generates clinical cases whose key follows by rules.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CaseTemplateSpec {
    pub id: String,
    pub title: String,
    /// Variables drawn for each case, in name order (so a seed always draws the same case).
    pub vars: BTreeMap<String, VarSpec>,
    /// Variables computed from another variable's value.
    #[serde(default)]
    pub derived: BTreeMap<String, DerivedSpec>,
    /// Combinations that cannot occur or that the source cannot decide.
    #[serde(default)]
    pub constraints: Vec<ConstraintSpec>,
    /// Text for a variable's value inside the stem; a value without a phrase is used as is.
    #[serde(default)]
    pub phrases: BTreeMap<String, BTreeMap<String, String>>,
    /// The one decision of a plain template: its vignette, question, options, rules and
    /// distractors. Empty in an unfolding template, whose decisions are its `steps`.
    #[serde(default)]
    pub stem: String,
    #[serde(default)]
    pub lead_in: String,
    #[serde(default)]
    pub options: Vec<OptionSpec>,
    /// First matching rule wins; the last must be `otherwise: true`.
    #[serde(default)]
    pub rules: Vec<RuleSpec>,
    /// How many wrong options are shown beside the key.
    #[serde(default)]
    pub distractors: usize,
    /// An unfolding case: one patient through several decisions, asked in this order, every
    /// step's key decided by rules over the same drawn facts.
    #[serde(default)]
    pub steps: Vec<StepSpec>,
}

/// One decision of an unfolding case. Its stem says what happens next; the earlier steps'
/// stems stay on screen above it.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct StepSpec {
    pub stem: String,
    pub lead_in: String,
    pub options: Vec<OptionSpec>,
    /// First matching rule wins; the last must be `otherwise: true`.
    pub rules: Vec<RuleSpec>,
    /// How many wrong options are shown beside the key.
    pub distractors: usize,
}

/// A finite set of values, either listed (optionally weighted) or an integer range.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct VarSpec {
    #[serde(default, deserialize_with = "scalars")]
    pub values: Vec<String>,
    /// Relative weights, one per value.
    #[serde(default)]
    pub weights: Vec<u32>,
    /// Inclusive integer range, `[low, high]`.
    #[serde(default)]
    pub range: Option<[i64; 2]>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DerivedSpec {
    pub from: String,
    pub map: BTreeMap<String, String>,
}

/// Excludes every combination in which each named variable has one of the listed values.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ConstraintSpec {
    #[serde(deserialize_with = "scalar_map")]
    pub exclude: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    /// Every named variable must have one of the listed values.
    #[serde(default, deserialize_with = "scalar_map")]
    pub when: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub otherwise: bool,
    /// Option id of the key.
    pub key: String,
    /// Options always shown beside this rule's key: what the source decides against in this
    /// situation, so that the case is never solved by elimination.
    #[serde(default)]
    pub competing: Vec<String>,
    pub explanation: String,
    pub cites: Vec<String>,
    #[serde(default)]
    pub quotes: Vec<QuoteSpec>,
}

/// A whole course in one value, as the build step compiles the default course and as the
/// cache stores a checked course: JSON of this loads an order of magnitude faster than YAML.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Compiled {
    pub meta: CourseFile,
    pub glossary: Vec<TermSpec>,
    pub lessons: Vec<LessonSpec>,
    pub items: Vec<ItemSpec>,
    pub cases: Vec<CaseTemplateSpec>,
    /// File name and text of the original document.
    pub document: (String, String),
}

/// A YAML scalar (string, number or boolean) read as its text, so that `values: [38, 45]`
/// works as well as `values: ["38", "45"]`.
struct Scalar(String);

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Scalar;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string, number or boolean")
            }
            fn visit_str<E>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar(v.to_owned()))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_bool<E>(self, v: bool) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
        }
        // The compiled form (postcard) says nothing of types: there it is always text.
        if d.is_human_readable() {
            d.deserialize_any(V)
        } else {
            d.deserialize_str(V)
        }
    }
}

fn scalars<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    let v: Vec<Scalar> = Deserialize::deserialize(d)?;
    Ok(v.into_iter().map(|s| s.0).collect())
}

fn scalar_map<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<BTreeMap<String, Vec<String>>, D::Error> {
    let m: BTreeMap<String, Vec<Scalar>> = Deserialize::deserialize(d)?;
    Ok(m.into_iter()
        .map(|(k, v)| (k, v.into_iter().map(|s| s.0).collect()))
        .collect())
}
