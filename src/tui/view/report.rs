//! The instructor's item-analysis report on screen: a histogram of scores, facility bars per
//! source sentence, and below them one pane at a time: the items (with the selected question
//! as the class saw it), the students, the student x item grid, or what to discuss next.
//! State and key handling are pure, so the same view runs in a terminal (`tutor report
//! --tui`) and in `TestBackend` tests.

use crate::report::analysis::render::{bin_label, count, fixed, percent, settings_line};
use crate::report::analysis::{DrillReport, Report};
use crate::text::clip;
use crate::text::sanitize;
use crate::tui::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, Block, Paragraph, Row, Table, Widget};

mod class;
mod items;
mod state;

pub use state::{Flow, PANES, Pane, ReportState};
use state::{areas, rows_in};

/// Smallest terminal the layout works in.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

const KEYS: &str =
    "↑↓/j k move · PgUp PgDn · g G top/end · Tab pane · ←→/h l drill · ? help · q/Esc quit";

/// The report, drawn for the state.
pub struct ReportView<'a> {
    pub report: &'a Report,
    pub state: &'a ReportState,
    pub theme: Theme,
}

impl Widget for &ReportView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = &self.theme;
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            let msg = format!(
                "Terminal too small (need {MIN_WIDTH}x{MIN_HEIGHT}, have {}x{}). Enlarge the window, or press q to quit.",
                area.width, area.height
            );
            Paragraph::new(msg)
                .wrap(ratatui::widgets::Wrap { trim: true })
                .render(area, buf);
            return;
        }
        let a = areas(area);
        let Some(d) = self.report.drills.get(self.state.drill) else {
            let note = self.report.note.as_deref().unwrap_or("nothing to report");
            Line::styled("Item analysis", t.title()).render(a.title, buf);
            Paragraph::new(sanitize(note))
                .wrap(ratatui::widgets::Wrap { trim: true })
                .render(
                    Rect {
                        height: 3,
                        ..a.histogram.union(a.sentences)
                    },
                    buf,
                );
            Line::from(vec![Span::styled("q", t.key()), Span::raw(" quit")]).render(a.footer, buf);
            return;
        };
        let s = &d.summary;
        let title = format!(
            "Item analysis · drill {} ({}/{}) · {} · {} · alpha {} · {}",
            sanitize(&d.drill),
            self.state.drill + 1,
            self.report.drills.len(),
            count(s.students, "student"),
            count(s.items, "item"),
            fixed(s.alpha, 3),
            settings_line(d),
        );
        Line::styled(clip(&title, usize::from(area.width)), t.title()).render(a.title, buf);
        self.histogram(d, a.histogram, buf);
        self.sentences(d, a.sentences, buf);
        match self.state.pane {
            Pane::Students => self.students(d, a.table, buf),
            Pane::Grid => self.grid(d, a.table, buf),
            Pane::Discuss => self.discuss(d, a.table, buf),
            Pane::Items | Pane::Sentences => self.items(d, a.table, buf),
        }
        self.footer(a.footer, buf);
    }
}

impl ReportView<'_> {
    fn block(&self, title: String, focused: bool) -> Block<'static> {
        let t = &self.theme;
        let (mark, style) = if focused {
            ("▸ ", t.heading())
        } else {
            ("", t.dim())
        };
        Block::bordered()
            .title(Span::styled(format!("{mark}{title}"), style))
            .border_style(if focused { t.text() } else { t.dim() })
    }

    fn histogram(&self, d: &DrillReport, area: Rect, buf: &mut Buffer) {
        let s = &d.summary;
        let figures = format!(
            "mean {} med {} SD {}",
            fixed(s.mean, 2),
            fixed(s.median, 2),
            fixed(s.sd, 2)
        );
        let block = self
            .block(format!("Scores, % of {} items", s.items), false)
            .title_bottom(Line::styled(figures, self.theme.text()));
        let inner = block.inner(area);
        block.render(area, buf);
        let bins = d.summary.histogram.len() as u16;
        let width = (inner.width.saturating_sub(bins - 1) / bins).clamp(1, 5);
        let bars: Vec<Bar> = d
            .summary
            .histogram
            .iter()
            .enumerate()
            .map(|(i, &n)| {
                let label = bin_label(i);
                let low = label.split('-').next().unwrap_or("").to_owned();
                Bar::with_label(low, u64::from(n))
            })
            .collect();
        BarChart::new(bars)
            .bar_width(width)
            .bar_gap(1)
            .bar_style(self.theme.title())
            .value_style(self.theme.selected())
            .render(inner, buf);
    }

    fn sentences(&self, d: &DrillReport, area: Rect, buf: &mut Buffer) {
        let focused = self.state.pane == Pane::Sentences;
        let block = self.block("Facility by source sentence".to_owned(), focused);
        let inner = block.inner(area);
        block.render(area, buf);
        let from = self.state.scroll[Pane::Sentences.index()]
            .min(d.sentences.len().saturating_sub(usize::from(inner.height)));
        // Aligned over every sentence, so labels do not shift while scrolling.
        let id_w = d
            .sentences
            .iter()
            .map(|s| s.id.chars().count())
            .max()
            .unwrap_or(0);
        let n_w = d
            .sentences
            .iter()
            .map(|s| s.n.to_string().len())
            .max()
            .unwrap_or(0);
        let bars: Vec<Bar> = d
            .sentences
            .iter()
            .skip(from)
            .take(usize::from(inner.height))
            .map(|s| {
                let pct = s.facility.unwrap_or(0.0) * 100.0;
                let label = format!(
                    "{:<id_w$} {:>6} n={:<n_w$}",
                    sanitize(&s.id),
                    percent(s.facility),
                    s.n
                );
                Bar::with_label(label, pct.round() as u64).text_value(String::new())
            })
            .collect();
        BarChart::horizontal(bars)
            .max(100)
            .bar_width(1)
            .bar_gap(0)
            .bar_style(self.theme.title())
            .value_style(self.theme.selected())
            .render(inner, buf);
    }

    fn table(&self, area: Rect, buf: &mut Buffer, spec: TableSpec) {
        let focused = self.state.pane != Pane::Sentences;
        let block = self.block(spec.title, focused);
        let from = self.state.scroll[self.state.pane.index()]
            .min(spec.rows.len().saturating_sub(rows_in(area, 1)));
        Table::new(spec.rows.into_iter().skip(from), spec.widths)
            .header(Row::new(spec.header).style(self.theme.heading()))
            .column_spacing(1)
            .block(block)
            .render(area, buf);
    }

    fn students(&self, d: &DrillReport, area: Rect, buf: &mut Buffer) {
        let rows = d
            .students
            .iter()
            .map(|s| {
                Row::new(vec![
                    sanitize(&s.user),
                    format!("{}/{}", s.right, s.items),
                    format!("{:.1}%", s.percent()),
                    s.answered.to_string(),
                    s.unanswered.to_string(),
                    format!("{:.0}s", s.seconds),
                ])
            })
            .collect();
        let widths = [
            Constraint::Fill(1),
            Constraint::Length(7),
            Constraint::Length(7),
            Constraint::Length(8),
            Constraint::Length(10),
            Constraint::Length(7),
        ];
        let header = ["user", "score", "%", "answered", "unanswered", "time"];
        let title = format!(
            "Students ({}) · Tab: {}",
            d.students.len(),
            Pane::Students.next_name()
        );
        self.table(area, buf, TableSpec::new(title, header, rows, &widths));
    }

    fn footer(&self, area: Rect, buf: &mut Buffer) {
        let t = &self.theme;
        let line = if self.state.help {
            Line::from(Span::raw(KEYS))
        } else {
            let hint = |k: &'static str, what: &'static str| {
                [Span::styled(k, t.key()), Span::raw(format!(" {what}  "))]
            };
            Line::from(
                [
                    hint("↑↓", "move"),
                    hint("Tab", "pane"),
                    hint("←→", "drill"),
                    hint("?", "help"),
                    hint("q", "quit"),
                ]
                .concat(),
            )
        };
        line.style(Style::default()).render(area, buf);
    }
}

/// A table pane: title, header, rows, column widths.
struct TableSpec<'a> {
    title: String,
    header: Vec<String>,
    rows: Vec<Row<'a>>,
    widths: Vec<Constraint>,
}

impl<'a> TableSpec<'a> {
    fn new<const N: usize>(
        title: String,
        header: [&'static str; N],
        rows: Vec<Row<'a>>,
        widths: &[Constraint; N],
    ) -> TableSpec<'a> {
        TableSpec {
            title,
            header: header.iter().map(|h| (*h).to_owned()).collect(),
            rows,
            widths: widths.to_vec(),
        }
    }
}
