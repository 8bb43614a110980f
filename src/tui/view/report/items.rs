//! The Items pane: a table of the drill's items on the left, one selected; on the right the
//! selected question as the class saw it, each option under its letter with the share of
//! the class that chose it as a bar, and the key marked in words.

use super::ReportView;
use crate::report::analysis::render::{fixed, option_label, percent, question_lines, wrong_line};
use crate::report::analysis::{DrillReport, ItemRow};
use crate::text::{clip, sanitize};
use crate::tui::wrap;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Row, StatefulWidget, Table, TableState, Widget};

/// Cells of a full bar (100% of the class), at most; a narrow pane shortens it so the figures
/// and the flag in words stay whole.
const BAR: usize = 20;

/// What follows a bar at most: `  100.0% (999)  non-functional`, and its indent.
const BAR_TEXT: usize = 34;

impl ReportView<'_> {
    pub(super) fn items(&self, d: &DrillReport, area: Rect, buf: &mut Buffer) {
        let [list, detail] =
            Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)])
                .areas(area);
        let focused = self.state.pane == super::Pane::Items;
        let selected =
            self.state.scroll[super::Pane::Items.index()].min(d.items.len().saturating_sub(1));
        let rows: Vec<Row> = d
            .items
            .iter()
            .map(|i| {
                Row::new(vec![
                    i.position.to_string(),
                    sanitize(&i.key),
                    i.n.to_string(),
                    percent(i.facility),
                    fixed(i.discrimination, 0),
                ])
            })
            .collect();
        let widths = [
            Constraint::Length(3),
            Constraint::Fill(1),
            Constraint::Length(3),
            Constraint::Length(6),
            Constraint::Length(5),
        ];
        let title = format!(
            "Items ({}) · Tab: {}",
            d.items.len(),
            super::Pane::Items.next_name()
        );
        let table = Table::new(rows, widths)
            .header(Row::new(["#", "item", "n", "facil.", "discr"]).style(self.theme.heading()))
            .column_spacing(1)
            .row_highlight_style(self.theme.selected())
            .highlight_symbol("▸")
            .block(self.block(title, focused));
        let mut state = TableState::default().with_selected(Some(selected));
        StatefulWidget::render(table, list, buf, &mut state);
        if let Some(item) = d.items.get(selected) {
            self.detail(item, detail, buf);
        }
    }

    /// The selected item: its figures, the question, and each option with its share.
    fn detail(&self, item: &ItemRow, area: Rect, buf: &mut Buffer) {
        let t = &self.theme;
        let title = format!(
            "#{} {} · facility {} · n {}",
            item.position,
            sanitize(&item.key),
            percent(item.facility),
            item.n
        );
        let block = self.block(title, false);
        let inner = block.inner(area);
        block.render(area, buf);
        let width = usize::from(inner.width);
        let mut lines: Vec<Line> = Vec::new();
        // The lead-in whole, the vignette's start: enough to know the question.
        for (q, most) in question_lines(item, usize::MAX).iter().zip([3, 2]) {
            let wrapped = wrap::lines(q, width, 0, t.heading(), &[]);
            lines.extend(wrapped.into_iter().take(most));
        }
        for o in item.options.iter().filter(|o| o.shown > 0) {
            lines.push(Line::styled(clip(&option_label(o), width), t.text()));
            let bar_width = width.saturating_sub(BAR_TEXT).clamp(4, BAR);
            let cells = (o.share * bar_width as f64).round() as usize;
            // In words, as the text report flags them.
            let key = match (o.key, o.non_functional) {
                (true, _) => "  ✓ key",
                (false, true) => "  non-functional",
                _ => "",
            };
            let bar = format!(
                "   {}{} {} ({}){key}",
                "█".repeat(cells),
                "░".repeat(bar_width - cells.min(bar_width)),
                percent(Some(o.share)),
                o.chosen
            );
            let style = if o.key { t.correct() } else { t.text() };
            lines.push(Line::styled(bar, style));
        }
        if !item.wrong_answers.is_empty() {
            let wrong = format!("Wrong answers: {}", wrong_line(item));
            lines.extend(wrap::lines(&wrong, width, 0, t.text(), &[]));
        }
        Paragraph::new(lines).render(inner, buf);
    }
}
