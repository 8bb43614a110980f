//! The items table as text: each item's figures, the question as the class saw it, and each
//! option under the letter it was shown with, its share of the class and the key marked; then
//! what to discuss next.

use super::{fixed, percent};
use crate::report::analysis::{DrillReport, ItemRow, OptionStat};
use crate::text::{clip, sanitize};
use std::io::{self, Write};

/// Widest question or option text in the table; longer ones are clipped with `…`.
const TEXT_WIDTH: usize = 90;

/// An option as the report names it: `B) Local therapy alone` with the course's text, else
/// its id; `-)` for an option no variant showed.
pub fn option_label(o: &OptionStat) -> String {
    let letter = o.letter.as_deref().unwrap_or("-");
    let text = o.text.as_deref().unwrap_or(&o.id);
    format!("{}) {}", sanitize(letter), sanitize(text))
}

/// Wrong typed answers as one line: `"chemo" ×2, "rt" ×1`.
pub fn wrong_line(item: &ItemRow) -> String {
    item.wrong_answers
        .iter()
        .map(|w| format!("\"{}\" ×{}", sanitize(&w.answer), w.count))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The question of an item as the class saw it, in lines of at most `width`: its lead-in
/// (the question asked), then the start of its stem (the vignette or statement).
pub fn question_lines(item: &ItemRow, width: usize) -> Vec<String> {
    [&item.lead_in, &item.stem]
        .into_iter()
        .flatten()
        .map(|t| clip(&sanitize(t), width))
        .collect()
}

pub(super) fn items(out: &mut impl Write, d: &DrillReport, of: &str) -> io::Result<()> {
    let w = d
        .items
        .iter()
        .map(|i| i.key.chars().count())
        .max()
        .unwrap_or(0)
        .max(4);
    writeln!(
        out,
        "Items{of} (first attempts; options by the letter shown, ✓ marks the key)"
    )?;
    writeln!(
        out,
        "  {:>3}  {:<w$}  {:<4}  {:>4}  {:>8}  {:>5}  {:>14}  {:>11}",
        "#", "item", "kind", "n", "facility", "SD", "discrimination", "median time"
    )?;
    for i in &d.items {
        writeln!(
            out,
            "  {:>3}  {:<w$}  {:<4}  {:>4}  {:>8}  {:>5}  {:>14}  {:>11}",
            i.position,
            sanitize(&i.key),
            i.kind.as_str(),
            i.n,
            percent(i.facility),
            fixed(i.sd, 3),
            fixed(i.discrimination, 1),
            i.median_seconds
                .map_or_else(|| "-".to_owned(), |s| format!("{s:.1} s"))
        )?;
        for line in question_lines(i, TEXT_WIDTH) {
            writeln!(out, "       {line}")?;
        }
        options(out, i)?;
        if !i.wrong_answers.is_empty() {
            writeln!(out, "       wrong answers: {}", wrong_line(i))?;
        }
    }
    writeln!(out)
}

/// One line per option: `A) text   80.0% (4)  ✓ key`, flags for distractors nobody took.
fn options(out: &mut impl Write, item: &ItemRow) -> io::Result<()> {
    let labels: Vec<String> = item
        .options
        .iter()
        .map(|o| clip(&option_label(o), TEXT_WIDTH - 24))
        .collect();
    let w = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    // Options no variant showed (a case template's others) are in the CSV and JSON only.
    let shown = item
        .options
        .iter()
        .zip(&labels)
        .filter(|(o, _)| o.shown > 0);
    for (o, label) in shown {
        let flag = match (o.key, o.non_functional) {
            (true, _) => "  ✓ key",
            (_, true) => "  non-functional",
            _ => "",
        };
        writeln!(
            out,
            "       {label:<w$}  {:>6} ({}){flag}",
            percent(Some(o.share)),
            o.chosen
        )?;
    }
    Ok(())
}

/// "Discuss next": the items of lowest facility first, each with the sentence its answers
/// cite first, verbatim when the course has it.
pub(super) fn discuss_next(out: &mut impl Write, d: &DrillReport, of: &str) -> io::Result<()> {
    if d.discuss.is_empty() {
        return Ok(());
    }
    writeln!(out, "Discuss next{of} (lowest facility first)")?;
    for (n, i) in d.discuss.iter().enumerate() {
        writeln!(
            out,
            "  {}. #{} {}: facility {}",
            n + 1,
            i.position,
            sanitize(&i.key),
            percent(i.facility)
        )?;
        if let Some(q) = &i.question {
            writeln!(out, "     {}", clip(&sanitize(q), TEXT_WIDTH))?;
        }
        let Some(cite) = &i.sentence else { continue };
        let text = i
            .text
            .as_deref()
            .map_or(String::new(), |t| format!(": {}", sanitize(t)));
        writeln!(out, "     {}{text}", sanitize(cite))?;
    }
    writeln!(out)
}
