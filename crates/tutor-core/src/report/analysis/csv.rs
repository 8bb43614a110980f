//! The report as CSV: one table at a time (RFC 4180, CRLF), every row starting with the drill
//! id. Numbers are written as they are; every other cell goes through the export's
//! [`csv_cell`], so text that could run as a spreadsheet formula starts with `'`.

use super::render::{Table, bin_label, settings_line};
use super::{DrillReport, HISTOGRAM_BINS, Report};
use crate::report::export::csv_cell;
use std::io::{self, Write};

/// Header of each CSV table.
pub fn csv_header(table: Table) -> Vec<String> {
    let names: &[&str] = match table {
        Table::Drills => &[
            "drill", "students", "items", "mean", "median", "sd", "alpha", "complete",
        ],
        Table::Students => &[
            "drill",
            "user",
            "right",
            "items",
            "percent",
            "answered",
            "unanswered",
            "timed_out",
            "seconds",
        ],
        Table::Items => &[
            "drill",
            "position",
            "item",
            "kind",
            "n",
            "right",
            "facility",
            "sd",
            "discrimination",
            "median_seconds",
            "non_functional",
            "wrong_answers",
            "cites",
            "question",
        ],
        Table::Options => &[
            "drill",
            "item",
            "option",
            "key",
            "shown",
            "chosen",
            "share",
            "non_functional",
            "letter",
            "text",
        ],
        Table::Sentences => &[
            "drill", "sentence", "items", "n", "right", "facility", "text",
        ],
        Table::Grid => &["drill", "user", "position", "item", "mark", "answer"],
        Table::Discuss => &[
            "drill", "rank", "position", "item", "facility", "question", "sentence", "text",
        ],
    };
    let mut h: Vec<String> = names.iter().map(|s| (*s).to_owned()).collect();
    if table == Table::Drills {
        h.extend((0..HISTOGRAM_BINS).map(|i| format!("bin_{}", bin_label(i))));
        // The seed is in the settings' words: a 64-bit seed alone would be rounded by a
        // spreadsheet reading it as a number.
        h.push("settings".to_owned());
    }
    h
}

/// A cell that is only a number (`-16.5`, `2e-3`): a spreadsheet reads it as a number, never
/// as a formula, so it is written as it is (a negative discrimination stays a number).
fn plain_number(s: &str) -> bool {
    s.bytes().any(|b| b.is_ascii_digit())
        && s.bytes()
            .all(|b| b.is_ascii_digit() || b"+-.eE".contains(&b))
        && s.parse::<f64>().is_ok()
}

/// One CSV row: numbers as they are, every other cell through [`csv_cell`] (quoted when
/// needed, formula-like text prefixed with `'`); CRLF at the end.
fn write_row(out: &mut impl Write, cells: &[String]) -> io::Result<()> {
    for (i, c) in cells.iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        if plain_number(c) {
            out.write_all(c.as_bytes())?;
        } else {
            out.write_all(csv_cell(c).as_bytes())?;
        }
    }
    out.write_all(b"\r\n")
}

/// A number as CSV wants it: shortest exact form, empty when undefined.
fn num(x: Option<f64>) -> String {
    x.map(|v| v.to_string()).unwrap_or_default()
}

/// One table of the report as CSV (RFC 4180, CRLF, formula-like cells guarded).
pub fn write_csv(out: &mut impl Write, report: &Report, table: Table) -> io::Result<()> {
    write_row(out, &csv_header(table))?;
    for d in &report.drills {
        for row in rows(d, table) {
            write_row(out, &row)?;
        }
    }
    out.flush()
}

/// The rows of `table` for one drill, each starting with the drill id, in the order of
/// [`csv_header`].
fn rows(d: &DrillReport, table: Table) -> Vec<Vec<String>> {
    match table {
        Table::Drills => vec![drill_row(d)],
        Table::Students => student_rows(d),
        Table::Items => item_rows(d),
        Table::Options => option_rows(d),
        Table::Sentences => sentence_rows(d),
        Table::Grid => grid_rows(d),
        Table::Discuss => discuss_rows(d),
    }
}

/// The drill's summary, then its histogram one bin per cell.
fn drill_row(d: &DrillReport) -> Vec<String> {
    let s = &d.summary;
    let mut row = vec![
        d.drill.clone(),
        s.students.to_string(),
        s.items.to_string(),
        num(s.mean),
        num(s.median),
        num(s.sd),
        num(s.alpha),
        s.complete.to_string(),
    ];
    row.extend(s.histogram.iter().map(u32::to_string));
    row.push(settings_line(d));
    row
}

/// The student x item grid in long form, one row per student and item (a spreadsheet's pivot
/// table makes the grid): the mark in words and the answer as given.
fn grid_rows(d: &DrillReport) -> Vec<Vec<String>> {
    d.students
        .iter()
        .flat_map(|s| {
            s.answers.iter().zip(&d.items).map(|(c, i)| {
                vec![
                    d.drill.clone(),
                    s.user.clone(),
                    i.position.to_string(),
                    i.key.clone(),
                    c.mark.as_str().to_owned(),
                    c.answer.clone().unwrap_or_default(),
                ]
            })
        })
        .collect()
}

fn discuss_rows(d: &DrillReport) -> Vec<Vec<String>> {
    d.discuss
        .iter()
        .enumerate()
        .map(|(n, i)| {
            vec![
                d.drill.clone(),
                (n + 1).to_string(),
                i.position.to_string(),
                i.key.clone(),
                num(i.facility),
                i.question.clone().unwrap_or_default(),
                i.sentence.clone().unwrap_or_default(),
                i.text.clone().unwrap_or_default(),
            ]
        })
        .collect()
}

fn student_rows(d: &DrillReport) -> Vec<Vec<String>> {
    d.students
        .iter()
        .map(|s| {
            vec![
                d.drill.clone(),
                s.user.clone(),
                s.right.to_string(),
                s.items.to_string(),
                s.percent().to_string(),
                s.answered.to_string(),
                s.unanswered.to_string(),
                s.timed_out.to_string(),
                s.seconds.to_string(),
            ]
        })
        .collect()
}

/// One row per item; non-functional options, wrong answers (with counts) and cites each in
/// one cell.
fn item_rows(d: &DrillReport) -> Vec<Vec<String>> {
    d.items
        .iter()
        .map(|i| {
            let wrong: Vec<String> = i
                .wrong_answers
                .iter()
                .map(|w| format!("{} ({})", w.answer, w.count))
                .collect();
            vec![
                d.drill.clone(),
                i.position.to_string(),
                i.key.clone(),
                i.kind.as_str().to_owned(),
                i.n.to_string(),
                i.right.to_string(),
                num(i.facility),
                num(i.sd),
                num(i.discrimination),
                num(i.median_seconds),
                i.non_functional().collect::<Vec<_>>().join(" "),
                wrong.join("; "),
                i.cites.join(" "),
                i.stem
                    .iter()
                    .chain(&i.lead_in)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(" "),
            ]
        })
        .collect()
}

/// One row per option of every item, items in drill order.
fn option_rows(d: &DrillReport) -> Vec<Vec<String>> {
    d.items
        .iter()
        .flat_map(|i| {
            i.options.iter().map(|o| {
                vec![
                    d.drill.clone(),
                    i.key.clone(),
                    o.id.clone(),
                    o.key.to_string(),
                    o.shown.to_string(),
                    o.chosen.to_string(),
                    o.share.to_string(),
                    o.non_functional.to_string(),
                    o.letter.clone().unwrap_or_default(),
                    o.text.clone().unwrap_or_default(),
                ]
            })
        })
        .collect()
}

fn sentence_rows(d: &DrillReport) -> Vec<Vec<String>> {
    d.sentences
        .iter()
        .map(|s| {
            vec![
                d.drill.clone(),
                s.id.clone(),
                s.items.to_string(),
                s.n.to_string(),
                s.right.to_string(),
                num(s.facility),
                s.text.clone().unwrap_or_default(),
            ]
        })
        .collect()
}
