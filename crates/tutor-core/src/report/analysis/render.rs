//! The report as plain text (aligned tables, for a terminal or a screen reader) and as JSON
//! (the serde form of [`Report`]); CSV is in [`super::csv`].

use super::{DrillReport, HISTOGRAM_BINS, Report};
use crate::text::{clip, sanitize};
use std::io::{self, Write};

mod grid;
mod items;

pub use super::csv::{csv_header, write_csv};
pub use grid::{grid_cell, grid_rows};
pub use items::{option_label, question_lines, wrong_line};

/// One table of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Drills,
    Students,
    Items,
    Options,
    Sentences,
    /// Each student's first answer to each item.
    Grid,
    /// The hardest items first, with their sentences.
    Discuss,
}

/// `12.3%` of a share from 0 to 1, `-` when undefined.
pub fn percent(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_owned(), |v| format!("{:.1}%", 100.0 * v))
}

/// `1 student`, `2 students`.
pub fn count(n: u32, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// `x` with `digits` decimals, `-` when undefined.
pub fn fixed(x: Option<f64>, digits: usize) -> String {
    x.map_or_else(|| "-".to_owned(), |v| format!("{v:.digits$}"))
}

/// Label of histogram bin `i`: `0-9%`, …, `90-100%`.
pub fn bin_label(i: usize) -> String {
    let low = i * 100 / HISTOGRAM_BINS;
    let high = if i + 1 == HISTOGRAM_BINS {
        100
    } else {
        (i + 1) * 100 / HISTOGRAM_BINS - 1
    };
    format!("{low}-{high}%")
}

/// The report as text: every table of every drill, or only `only` (the options are part of
/// the items table).
pub fn write_table(out: &mut impl Write, report: &Report, only: Option<Table>) -> io::Result<()> {
    if let Some(note) = &report.note {
        writeln!(out, "{}", sanitize(note))?;
    }
    for note in &report.notes {
        writeln!(out, "Note: {}", sanitize(note))?;
    }
    if !report.notes.is_empty() && !report.drills.is_empty() {
        writeln!(out)?;
    }
    let show = |t: Table| match only {
        None => true,
        Some(Table::Options) => t == Table::Items,
        Some(o) => o == t,
    };
    let several = report.drills.len() > 1;
    for (i, d) in report.drills.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        if show(Table::Drills) {
            summary(out, d)?;
        } else if !d.notes.is_empty() {
            for note in &d.notes {
                writeln!(out, "Drill \"{}\": {}", sanitize(&d.drill), sanitize(note))?;
            }
            writeln!(out)?;
        }
        // With several drills every table says whose it is.
        let of = if several {
            format!(" of drill \"{}\"", sanitize(&d.drill))
        } else {
            String::new()
        };
        if show(Table::Students) {
            students(out, d, &of)?;
        }
        if show(Table::Grid) {
            grid::grid(out, d, &of)?;
        }
        if show(Table::Items) {
            items::items(out, d, &of)?;
        }
        if show(Table::Sentences) {
            sentences(out, d, &of)?;
        }
        if show(Table::Discuss) {
            items::discuss_next(out, d, &of)?;
        }
    }
    out.flush()
}

/// The drill's settings in words: `seed 42, 10 questions, cases only, 60 s per question,
/// paced`; what no store recorded is said to be unknown.
pub fn settings_line(d: &DrillReport) -> String {
    let seed = d
        .seed
        .map_or_else(|| "seeds differ".to_owned(), |s| format!("seed {s}"));
    let Some(s) = &d.settings else {
        return format!(
            "{seed}, {} (other settings not recorded)",
            count(d.summary.items, "question")
        );
    };
    let mut parts = vec![seed, count(s.count, "question")];
    if !s.lessons.is_empty() {
        parts.push(format!("lessons {}", sanitize(&s.lessons.join(" "))));
    }
    if s.cases_only {
        parts.push("cases only".to_owned());
    }
    if let Some(t) = s.time_limit {
        parts.push(format!("{t} s per question"));
    }
    if s.exam {
        parts.push("exam (feedback at the end)".to_owned());
    }
    if s.paced {
        parts.push("paced by the instructor".to_owned());
    }
    parts.join(", ")
}

fn summary(out: &mut impl Write, d: &DrillReport) -> io::Result<()> {
    let s = &d.summary;
    writeln!(
        out,
        "Item analysis of drill \"{}\": {}, {} (first attempts only)",
        sanitize(&d.drill),
        count(s.students, "student"),
        count(s.items, "item")
    )?;
    writeln!(out, "Settings: {}", settings_line(d))?;
    writeln!(
        out,
        "Score (of {}): mean {}, median {}, SD {}; Cronbach's alpha {} ({} answered every item)",
        s.items,
        fixed(s.mean, 2),
        fixed(s.median, 2),
        fixed(s.sd, 2),
        fixed(s.alpha, 3),
        count(s.complete, "student")
    )?;
    for note in &d.notes {
        writeln!(out, "Note: {}", sanitize(note))?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "Score histogram (percent of {})",
        count(s.items, "item")
    )?;
    let max = s.histogram.iter().copied().max().unwrap_or(0).max(1);
    for (i, &n) in s.histogram.iter().enumerate() {
        let bar = "#".repeat((n as usize * 40).div_ceil(max as usize));
        let line = format!("  {:>7}  {:>4}  {bar}", bin_label(i), n);
        writeln!(out, "{}", line.trim_end())?;
    }
    writeln!(out)
}

fn students(out: &mut impl Write, d: &DrillReport, of: &str) -> io::Result<()> {
    let w = d
        .students
        .iter()
        .map(|s| s.user.chars().count())
        .max()
        .unwrap_or(0)
        .max(4);
    writeln!(out, "Students{of}")?;
    writeln!(
        out,
        "  {:<w$}  {:>7}  {:>7}  {:>8}  {:>10}  {:>9}",
        "user", "score", "percent", "answered", "unanswered", "time"
    )?;
    for s in &d.students {
        writeln!(
            out,
            "  {:<w$}  {:>7}  {:>7}  {:>8}  {:>10}  {:>9}",
            sanitize(&s.user),
            format!("{}/{}", s.right, s.items),
            format!("{:.1}%", s.percent()),
            s.answered,
            s.unanswered,
            format!("{:.1} s", s.seconds)
        )?;
    }
    writeln!(out)
}

fn sentences(out: &mut impl Write, d: &DrillReport, of: &str) -> io::Result<()> {
    let w = d
        .sentences
        .iter()
        .map(|s| s.id.chars().count())
        .max()
        .unwrap_or(0)
        .max(8);
    writeln!(
        out,
        "Source sentences{of} (first attempts at the items citing each)"
    )?;
    writeln!(
        out,
        "  {:<w$}  {:>5}  {:>4}  {:>8}  text",
        "sentence", "items", "n", "facility"
    )?;
    for s in &d.sentences {
        let text = s.text.as_deref().map(sanitize).unwrap_or_default();
        let line = format!(
            "  {:<w$}  {:>5}  {:>4}  {:>8}  {}",
            sanitize(&s.id),
            s.items,
            s.n,
            percent(s.facility),
            clip(&text, 60)
        );
        writeln!(out, "{}", line.trim_end())?;
    }
    writeln!(out)
}

/// The report as pretty JSON (the serde form of [`Report`]).
pub fn write_json(out: &mut impl Write, report: &Report) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report)?;
    writeln!(out)?;
    out.flush()
}
