//! Grading of answers, shared by every front end: one [`Outcome`] that says whether the answer
//! is right, why, and which source sentences support the answer.

mod compound;
mod graph;
mod matcher;
pub mod review;
pub(crate) mod stem;
pub mod text;
mod word;

use crate::course::spec::ItemType;
use crate::quiz::{FreeText, Question};
use crate::text::letter;
use text::{Assessment, DiffPart, Matcher, Verdict, word_diff};

/// What the learner gave.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Answer {
    /// Indices into `Question::options`.
    Choices(Vec<usize>),
    Text(String),
}

impl Answer {
    /// As recorded: letters (`B`, `A,C`) or the text typed.
    pub fn display(&self) -> String {
        match self {
            Answer::Choices(c) => c
                .iter()
                .map(|&i| letter(i).to_string())
                .collect::<Vec<_>>()
                .join(","),
            Answer::Text(t) => t.clone(),
        }
    }
}

/// One reason shown on feedback: why an option or a typed answer is right or wrong.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Feedback {
    /// e.g. `B) Endocrine therapy alone` or the typed answer.
    pub label: String,
    pub correct: bool,
    pub why: String,
    pub cites: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Outcome {
    pub correct: bool,
    /// Accepted only within the typo allowance (review counts it as Hard).
    pub typo: bool,
    /// Multi-select: correct options chosen, of how many, and wrong options chosen.
    pub partial: Option<(usize, usize, usize)>,
    /// The right answer as shown, e.g. `B) Local therapy alone` or `surgery`.
    pub expected: String,
    /// Typed-vs-expected word diff for free text.
    pub diff: Vec<DiffPart>,
    pub explanation: String,
    /// Feedback on what was chosen, then on the key when the choice was wrong.
    pub feedback: Vec<Feedback>,
    /// Sentences to show: the question's cites, then any cited by the feedback.
    pub cites: Vec<String>,
}

/// The longest answer any front end takes, in characters: the TUI's text field stops here
/// and the plain quiz refuses a longer line (reading it without keeping it), so no answer
/// fills a store, a transcript or a report.
pub const MAX_ANSWER_CHARS: usize = 2_000;

/// Why an input line is not an answer to the question; the learner is asked again.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InputError {
    #[error("Please type an answer.")]
    Empty,
    #[error("That answer is too long: at most 2,000 characters. Please type a shorter one.")]
    TooLong,
    #[error("{0} is not an option; choose {1}.")]
    NotAnOption(String, String),
    /// Words that are no option's text (nor letters).
    #[error("{0} is not an option; choose {1}, or type an option's words.")]
    NoSuchWords(String, String),
    #[error("Choose one option only ({0}).")]
    OneOnly(String),
}

/// Reads a choice line: an option's whole text (`Taxol`), letters (`B`, `a,c`, `A C`), option
/// numbers (`2`), or for true/false also `true`/`false`/`t`/`f`.
///
/// An option's text is compared ignoring case, surrounding white space and one trailing
/// period, with each inner run of white space read as one space; it chooses that one option,
/// in a multi-select too (several options are chosen by their letters). A line that is both an
/// option's text and a valid letter list (an option that reads `B`, or `2`) chooses the option
/// whose text it is: the text names that option, a letter only a position. Two options with
/// the same text are named by neither, and the line is read as letters.
pub fn parse_choices(q: &Question, line: &str) -> Result<Vec<usize>, InputError> {
    match option_named(q, line) {
        Some(i) => Ok(vec![i]),
        None => parse_letters(q, line),
    }
}

/// `text` as [`parse_choices`] compares it with an option's: trimmed, one trailing period
/// dropped, white space runs as one space, lower case.
fn comparable(text: &str) -> String {
    let text = text.trim();
    let text = text.strip_suffix('.').unwrap_or(text);
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The one option whose text `line` is, if exactly one is.
fn option_named(q: &Question, line: &str) -> Option<usize> {
    let typed = comparable(line);
    if typed.is_empty() {
        return None;
    }
    let mut named = (0..q.options.len()).filter(|&i| comparable(&q.options[i].text) == typed);
    let first = named.next()?;
    named.next().is_none().then_some(first)
}

/// Reads a line of letters, option numbers or true/false words.
fn parse_letters(q: &Question, line: &str) -> Result<Vec<usize>, InputError> {
    let n = q.options.len();
    let range = format!("{}-{}", letter(0), letter(n.saturating_sub(1)));
    let mut picked = Vec::new();
    for tok in line.split([',', ' ', ';', '\t']).filter(|t| !t.is_empty()) {
        let t = tok.trim().trim_end_matches([')', '.']);
        match token_index(q, t) {
            Some(i) if i < n => {
                if !picked.contains(&i) {
                    picked.push(i);
                }
            }
            _ => return Err(not_an_option(line, t, range)),
        }
    }
    if picked.is_empty() {
        return Err(InputError::Empty);
    }
    if q.kind != ItemType::MultiSelect && picked.len() > 1 {
        return Err(InputError::OneOnly(range));
    }
    picked.sort_unstable();
    Ok(picked)
}

/// The option a token names: a true/false word, a letter or a number from 1.
fn token_index(q: &Question, t: &str) -> Option<usize> {
    if q.kind == ItemType::TrueFalse {
        match t.to_ascii_lowercase().as_str() {
            "true" | "t" => return Some(0),
            "false" | "f" => return Some(1),
            _ => {}
        }
    }
    match t.as_bytes() {
        [c] if c.is_ascii_alphabetic() => Some(usize::from(c.to_ascii_uppercase() - b'A')),
        _ => t.parse::<usize>().ok().and_then(|k| k.checked_sub(1)),
    }
}

/// The refusal of `token` in `line`: a letter or number is named alone; a word means the
/// learner typed words, so the whole line is named and words are offered too.
fn not_an_option(line: &str, token: &str, range: String) -> InputError {
    let word = token.chars().count() > 1 && !token.chars().all(|c| c.is_ascii_digit());
    if word {
        let typed = line.split_whitespace().collect::<Vec<_>>().join(" ");
        InputError::NoSuchWords(crate::text::sanitize(&typed), range)
    } else {
        InputError::NotAnOption(crate::text::sanitize(token), range)
    }
}

/// Grades `answer` to `q`.
pub fn grade(q: &Question, answer: &Answer) -> Outcome {
    let mut out = Outcome {
        correct: false,
        typo: false,
        partial: None,
        expected: String::new(),
        diff: Vec::new(),
        explanation: q.explanation.clone(),
        feedback: Vec::new(),
        cites: Vec::new(),
    };
    match (answer, &q.free) {
        (Answer::Text(typed), Some(free)) => grade_text(&mut out, free, typed),
        (Answer::Choices(chosen), None) => grade_choices(&mut out, q, chosen),
        // A text answer to a choice question (or the reverse) is simply wrong.
        _ => {}
    }
    out.cites = cites_with_feedback(q, &out.feedback);
    out
}

/// Grades a typed answer: right (perhaps within the typo allowance) against the accepted
/// answers, or a known wrong answer with its feedback (for an answer in parts, each known-wrong
/// part's); a diff against the expected answer unless it was exactly right.
fn grade_text(out: &mut Outcome, free: &FreeText, typed: &str) {
    let wrong: Vec<String> = free.wrong.iter().map(|w| w.answer.clone()).collect();
    let matcher = Matcher::with_opposites(&free.accept, &wrong, &free.synonyms, &free.opposites);
    let assessment = matcher.assess(typed);
    let first = free.accept.first().cloned().unwrap_or_default();
    out.expected = first.clone();
    match assessment.verdict {
        Verdict::Accepted { index, typo } => {
            out.correct = true;
            out.typo = typo;
            out.expected = expected_parts(free, &assessment)
                .or_else(|| free.accept.get(index).cloned())
                .unwrap_or(first);
        }
        Verdict::KnownWrong { index, .. } => wrong_feedback(out, free, &assessment, index, typed),
        Verdict::Unknown | Verdict::Empty => {}
    }
    if !out.correct || out.typo {
        out.diff = word_diff(typed, &out.expected);
    }
}

/// For an answer accepted in parts, the accepted answer of each part, joined as typed
/// ("surgery followed by irradiation").
fn expected_parts(free: &FreeText, assessment: &Assessment) -> Option<String> {
    let mut joined = String::new();
    for (part, verdict) in &assessment.parts {
        let Verdict::Accepted { index, .. } = verdict else {
            return None;
        };
        if !part.joiner.is_empty() {
            if part.joiner != "," {
                joined.push(' ');
            }
            joined.push_str(&part.joiner);
        }
        if !joined.is_empty() {
            joined.push(' ');
        }
        joined.push_str(free.accept.get(*index)?);
    }
    (!joined.is_empty()).then_some(joined)
}

/// Feedback on a known wrong answer: the whole answer's (`index`), or each known-wrong part's
/// once, labelled with the part.
fn wrong_feedback(
    out: &mut Outcome,
    free: &FreeText,
    assessment: &Assessment,
    index: usize,
    typed: &str,
) {
    let whole = [(typed.trim().to_owned(), index)];
    let parts = assessment.parts.iter().filter_map(|(part, v)| match v {
        Verdict::KnownWrong { index, .. } => Some((part.text.clone(), *index)),
        _ => None,
    });
    let labelled: Vec<(String, usize)> = if assessment.parts.is_empty() {
        whole.into()
    } else {
        parts.collect()
    };
    let mut seen = Vec::new();
    for (label, i) in labelled {
        let Some(w) = free.wrong.get(i).filter(|_| !seen.contains(&i)) else {
            continue;
        };
        seen.push(i);
        out.feedback.push(Feedback {
            label,
            correct: false,
            why: w.why.clone(),
            cites: w.cites.clone(),
        });
    }
}

/// Grades chosen options (indices out of range are ignored): right when exactly the key, with
/// partial credit counted for multi-select, and feedback on the chosen options, then on the
/// keys that were missed.
fn grade_choices(out: &mut Outcome, q: &Question, chosen: &[usize]) {
    let key = q.key();
    let label = |i: usize| format!("{}) {}", letter(i), q.options[i].text);
    out.expected = key.iter().map(|&i| label(i)).collect::<Vec<_>>().join("; ");
    let mut chosen: Vec<usize> = chosen
        .iter()
        .copied()
        .filter(|&i| i < q.options.len())
        .collect();
    chosen.sort_unstable();
    chosen.dedup();
    out.correct = !chosen.is_empty() && chosen == key;
    if q.kind == ItemType::MultiSelect {
        let hits = chosen.iter().filter(|i| key.contains(i)).count();
        out.partial = Some((hits, key.len(), chosen.len() - hits));
    }
    let missed = key.iter().filter(|i| !chosen.contains(i));
    for &i in chosen.iter().chain(missed) {
        let o = &q.options[i];
        if o.why.is_empty() {
            continue;
        }
        out.feedback.push(Feedback {
            label: label(i),
            correct: o.correct,
            why: o.why.clone(),
            cites: o.cites.clone(),
        });
    }
}

/// The question's cites, then any others the feedback cites, each once.
fn cites_with_feedback(q: &Question, feedback: &[Feedback]) -> Vec<String> {
    let mut cites = q.cites.clone();
    for c in feedback.iter().flat_map(|f| &f.cites) {
        if !cites.contains(c) {
            cites.push(c.clone());
        }
    }
    cites
}

#[cfg(test)]
mod tests;
