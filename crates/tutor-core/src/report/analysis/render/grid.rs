//! The student x item grid as text: each student's first answer to each item, the letters
//! chosen as shown with a mark, so a row reads as the student's drill and a column as the
//! class's answers to one question.

use crate::report::analysis::{Cell, CellMark, DrillReport};
use crate::text::sanitize;
use std::io::{self, Write};

/// A grid cell: `B✓`, `A,C✗` for a choice, `✓` or `✗` for a typed answer (the typed text is
/// in the items table's wrong answers), `⏱` out of time, `-` not asked.
pub fn grid_cell(cell: &Cell, choice: bool) -> String {
    match (cell.mark, &cell.answer) {
        (CellMark::Right | CellMark::Wrong, Some(letters)) if choice => {
            format!("{}{}", sanitize(letters), cell.mark.symbol())
        }
        (mark, _) => mark.symbol().to_owned(),
    }
}

/// The grid's rows: each student's name (made safe for a terminal) and cells, items in order.
pub fn grid_rows(d: &DrillReport) -> Vec<(String, Vec<String>)> {
    let choice: Vec<bool> = d.items.iter().map(|i| !i.options.is_empty()).collect();
    d.students
        .iter()
        .map(|s| {
            let cells = s
                .answers
                .iter()
                .zip(&choice)
                .map(|(c, &ch)| grid_cell(c, ch))
                .collect();
            (sanitize(&s.user), cells)
        })
        .collect()
}

pub(super) fn grid(out: &mut impl Write, d: &DrillReport, of: &str) -> io::Result<()> {
    let rows = grid_rows(d);
    let name_w = rows
        .iter()
        .map(|(u, _)| u.chars().count())
        .max()
        .unwrap_or(0)
        .max(4);
    let widths: Vec<usize> = d
        .items
        .iter()
        .enumerate()
        .map(|(j, i)| {
            rows.iter()
                .filter_map(|(_, c)| c.get(j))
                .map(|c| c.chars().count())
                .chain([i.position.to_string().len(), 2])
                .max()
                .unwrap_or(2)
        })
        .collect();
    writeln!(
        out,
        "Answers{of} (first attempts by item #: letters chosen, ✓ right, ✗ wrong, ⏱ out of time, - not asked)"
    )?;
    let header: Vec<String> = d
        .items
        .iter()
        .zip(&widths)
        .map(|(i, w)| format!("{:>w$}", i.position))
        .collect();
    writeln!(out, "  {:<name_w$}  {}", "user", header.join("  "))?;
    for (user, cells) in &rows {
        let cells: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, &w)| format!("{c:>w$}"))
            .collect();
        let line = format!("  {user:<name_w$}  {}", cells.join("  "));
        writeln!(out, "{}", line.trim_end())?;
    }
    writeln!(out)
}
