//! The class panes: the student x item grid (each student's first answer to each item) and
//! the list of what to discuss next, with the sentences the hardest items cite.

use super::ReportView;
use crate::report::analysis::DrillReport;
use crate::report::analysis::render::{grid_rows, percent};
use crate::text::sanitize;
use crate::tui::wrap;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Row, Widget};

/// The discuss-next list as lines wrapped at `width`: an entry's heading, its question and
/// its sentence, then a blank line.
pub fn discuss_lines(d: &DrillReport, width: usize, text: Style) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for (n, i) in d.discuss.iter().enumerate() {
        let head = format!(
            "{}. #{} {} · facility {}",
            n + 1,
            i.position,
            sanitize(&i.key),
            percent(i.facility)
        );
        lines.extend(wrap::lines(&head, width, 0, text, &[]));
        if let Some(q) = &i.question {
            lines.extend(
                wrap::lines(&sanitize(q), width, 3, text, &[])
                    .into_iter()
                    .take(2),
            );
        }
        if let Some(s) = &i.sentence {
            let quote = match &i.text {
                Some(t) => format!("{}: {}", sanitize(s), sanitize(t)),
                None => sanitize(s),
            };
            lines.extend(wrap::lines(&quote, width, 3, text, &[]));
        }
        lines.push(Line::raw(""));
    }
    lines
}

impl ReportView<'_> {
    pub(super) fn grid(&self, d: &DrillReport, area: Rect, buf: &mut Buffer) {
        let rows: Vec<Vec<String>> = grid_rows(d)
            .into_iter()
            .map(|(user, cells)| std::iter::once(user).chain(cells).collect())
            .collect();
        let cell_w = rows
            .iter()
            .flat_map(|r| r.iter().skip(1))
            .map(|c| c.chars().count())
            .chain(d.items.iter().map(|i| i.position.to_string().len()))
            .max()
            .unwrap_or(2) as u16;
        let name_w = rows
            .iter()
            .map(|r| r[0].chars().count())
            .max()
            .unwrap_or(4)
            .max(4) as u16;
        let widths: Vec<Constraint> = std::iter::once(Constraint::Length(name_w))
            .chain(d.items.iter().map(|_| Constraint::Length(cell_w)))
            .collect();
        let header: Vec<String> = std::iter::once("user".to_owned())
            .chain(d.items.iter().map(|i| i.position.to_string()))
            .collect();
        let title = format!(
            "Answers by item # (✓ right ✗ wrong ⏱ out of time - not asked) · Tab: {}",
            super::Pane::Grid.next_name()
        );
        let rows = rows.into_iter().map(Row::new).collect();
        self.table(
            area,
            buf,
            super::TableSpec {
                title,
                header,
                rows,
                widths,
            },
        );
    }

    pub(super) fn discuss(&self, d: &DrillReport, area: Rect, buf: &mut Buffer) {
        let title = format!(
            "Discuss next: lowest facility first · Tab: {}",
            super::Pane::Discuss.next_name()
        );
        let block = self.block(title, true);
        let inner = block.inner(area);
        block.render(area, buf);
        let lines = discuss_lines(d, usize::from(inner.width), self.theme.text());
        let from = self.state.scroll[super::Pane::Discuss.index()]
            .min(lines.len().saturating_sub(usize::from(inner.height)));
        Paragraph::new(lines.into_iter().skip(from).collect::<Vec<_>>()).render(inner, buf);
    }
}
