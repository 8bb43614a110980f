//! The report as plain text (aligned tables, for a terminal or a screen reader) and as JSON
//! (the serde form of [`Report`]); CSV is in [`super::csv`].

use super::{DrillReport, HISTOGRAM_BINS, ItemRow, Report};
use crate::text::{clip, sanitize};
use std::io::{self, Write};

pub use super::csv::{csv_header, write_csv};

/// One table of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Drills,
    Students,
    Items,
    Options,
    Sentences,
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

/// Options of an item as one line: `a* 60.0% (3)  b 40.0% (2)  c 0.0% (0) non-functional`;
/// the key is starred; an option of the course no variant showed says `not shown`.
pub fn options_line(item: &ItemRow) -> String {
    item.options
        .iter()
        .map(|o| {
            let flag = match (o.shown, o.non_functional) {
                (0, _) => " not shown",
                (_, true) => " non-functional",
                _ => "",
            };
            format!(
                "{}{} {} ({}){flag}",
                sanitize(&o.id),
                if o.key { "*" } else { "" },
                percent(Some(o.share)),
                o.chosen,
            )
        })
        .collect::<Vec<_>>()
        .join("  ")
}

/// Wrong typed answers as one line: `"chemo" ×2, "rt" ×1`.
pub fn wrong_line(item: &ItemRow) -> String {
    item.wrong_answers
        .iter()
        .map(|w| format!("\"{}\" ×{}", sanitize(&w.answer), w.count))
        .collect::<Vec<_>>()
        .join(", ")
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
        if show(Table::Students) {
            students(out, d)?;
        }
        if show(Table::Items) {
            items(out, d)?;
        }
        if show(Table::Sentences) {
            sentences(out, d)?;
        }
        if only.is_none() {
            discuss_next(out, d)?;
        }
    }
    out.flush()
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

fn students(out: &mut impl Write, d: &DrillReport) -> io::Result<()> {
    let w = d
        .students
        .iter()
        .map(|s| s.user.chars().count())
        .max()
        .unwrap_or(0)
        .max(4);
    writeln!(out, "Students")?;
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

fn items(out: &mut impl Write, d: &DrillReport) -> io::Result<()> {
    let w = d
        .items
        .iter()
        .map(|i| i.key.chars().count())
        .max()
        .unwrap_or(0)
        .max(4);
    writeln!(out, "Items (first attempts; * marks the key)")?;
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
        if !i.options.is_empty() {
            writeln!(out, "       options: {}", options_line(i))?;
        }
        if !i.wrong_answers.is_empty() {
            writeln!(out, "       wrong answers: {}", wrong_line(i))?;
        }
    }
    writeln!(out)
}

/// Items the class found hardest: how many a discussion after the drill takes up first.
const DISCUSS: usize = 5;

/// "Discuss next": the items of lowest facility first (unanswered ones left out), each with
/// the sentence its answers cite first, verbatim when the course has it.
fn discuss_next(out: &mut impl Write, d: &DrillReport) -> io::Result<()> {
    let mut hardest: Vec<&super::model::ItemRow> =
        d.items.iter().filter(|i| i.facility.is_some()).collect();
    hardest.sort_by(|a, b| {
        a.facility
            .unwrap_or(1.0)
            .total_cmp(&b.facility.unwrap_or(1.0))
    });
    if hardest.is_empty() {
        return Ok(());
    }
    writeln!(out, "Discuss next (lowest facility first)")?;
    for (n, i) in hardest.iter().take(DISCUSS).enumerate() {
        writeln!(
            out,
            "  {}. #{} {} ({}): facility {}",
            n + 1,
            i.position,
            sanitize(&i.key),
            i.kind.as_str(),
            percent(i.facility)
        )?;
        let Some(cite) = i.cites.first() else {
            continue;
        };
        let text = d
            .sentences
            .iter()
            .find(|s| &s.id == cite)
            .and_then(|s| s.text.as_deref())
            .map_or(String::new(), |t| format!(": {}", sanitize(t)));
        writeln!(out, "     {}{text}", sanitize(cite))?;
    }
    writeln!(out)
}

fn sentences(out: &mut impl Write, d: &DrillReport) -> io::Result<()> {
    let w = d
        .sentences
        .iter()
        .map(|s| s.id.chars().count())
        .max()
        .unwrap_or(0)
        .max(8);
    writeln!(
        out,
        "Source sentences (first attempts at the items citing each)"
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
