//! The report screen's state and keys: which drill and pane, where each pane is scrolled,
//! whether the help line shows. Pure: a key and the screen size in, the new state out.

use crate::report::analysis::Report;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Rect};

/// What the arrow keys scroll (in Items: which item the detail shows).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pane {
    #[default]
    Items,
    Students,
    /// Each student's first answer to each item.
    Grid,
    /// The hardest items first, with their sentences.
    Discuss,
    Sentences,
}

/// How many panes there are: one scroll position each.
pub const PANES: usize = 5;

impl Pane {
    fn next(self) -> Pane {
        match self {
            Pane::Items => Pane::Students,
            Pane::Students => Pane::Grid,
            Pane::Grid => Pane::Discuss,
            Pane::Discuss => Pane::Sentences,
            Pane::Sentences => Pane::Items,
        }
    }

    fn previous(self) -> Pane {
        match self {
            Pane::Items => Pane::Sentences,
            Pane::Students => Pane::Items,
            Pane::Grid => Pane::Students,
            Pane::Discuss => Pane::Grid,
            Pane::Sentences => Pane::Discuss,
        }
    }

    /// The name of the pane Tab goes to, for the hint in a pane's title.
    pub fn next_name(self) -> &'static str {
        self.next().name()
    }

    /// The pane's name, for its title and the tab hint.
    pub fn name(self) -> &'static str {
        match self {
            Pane::Items => "items",
            Pane::Students => "students",
            Pane::Grid => "answers",
            Pane::Discuss => "discuss next",
            Pane::Sentences => "sentences",
        }
    }

    pub(super) fn index(self) -> usize {
        self as usize
    }
}

/// Where the reader is: the drill shown, the focused pane, each pane's scroll (the Items
/// pane's is the item selected), the help line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportState {
    pub drill: usize,
    pub pane: Pane,
    pub scroll: [usize; PANES],
    pub help: bool,
}

/// What a key asks of the program running the view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    Continue,
    Quit,
}

/// The screen split: title, charts (histogram, sentence bars), table, footer.
pub(super) struct Areas {
    pub(super) title: Rect,
    pub(super) histogram: Rect,
    pub(super) sentences: Rect,
    pub(super) table: Rect,
    pub(super) footer: Rect,
}

pub(super) fn areas(area: Rect) -> Areas {
    let charts = (area.height.saturating_sub(2) * 2 / 5).max(7);
    let [title, charts, table, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(charts),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(area);
    let [histogram, sentences] =
        Layout::horizontal([Constraint::Percentage(40), Constraint::Percentage(60)]).areas(charts);
    Areas {
        title,
        histogram,
        sentences,
        table,
        footer,
    }
}

impl ReportState {
    /// Rows of the focused pane, and how many fit in `area`. The Items pane selects a row
    /// rather than scrolling a page: its last place is its last row.
    fn extent(&self, report: &Report, area: Rect) -> (usize, usize) {
        let a = areas(area);
        let Some(d) = report.drills.get(self.drill) else {
            return (0, 0);
        };
        match self.pane {
            Pane::Items => (d.items.len(), 1),
            Pane::Students | Pane::Grid => (d.students.len(), rows_in(a.table, 1)),
            Pane::Discuss => {
                let width = usize::from(a.table.width.saturating_sub(2));
                (
                    super::class::discuss_lines(d, width, ratatui::style::Style::default()).len(),
                    rows_in(a.table, 0),
                )
            }
            Pane::Sentences => (d.sentences.len(), rows_in(a.sentences, 0)),
        }
    }

    /// Acts on a key press for a screen of `area`; scrolling stops at the last full page.
    pub fn handle(&mut self, key: &KeyEvent, report: &Report, area: Rect) -> Flow {
        if key.kind == KeyEventKind::Release {
            return Flow::Continue;
        }
        let (len, page) = self.extent(report, area);
        let max = len.saturating_sub(page);
        // The Items pane pages by its table's height, though it selects one row.
        let page = if self.pane == Pane::Items {
            rows_in(areas(area).table, 1)
        } else {
            page
        };
        let s = &mut self.scroll[self.pane.index()];
        match key.code {
            KeyCode::Char('q') | KeyCode::Esc => return Flow::Quit,
            KeyCode::Char('c') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                return Flow::Quit;
            }
            KeyCode::Up | KeyCode::Char('k') => *s = s.saturating_sub(1),
            KeyCode::Down | KeyCode::Char('j') => *s = (*s + 1).min(max),
            KeyCode::PageUp => *s = s.saturating_sub(page.max(1)),
            KeyCode::PageDown | KeyCode::Char(' ') => *s = (*s + page.max(1)).min(max),
            KeyCode::Home | KeyCode::Char('g') => *s = 0,
            KeyCode::End | KeyCode::Char('G') => *s = max,
            KeyCode::Tab => self.pane = self.pane.next(),
            KeyCode::BackTab => self.pane = self.pane.previous(),
            KeyCode::Right | KeyCode::Char('l') if self.drill + 1 < report.drills.len() => {
                self.drill += 1;
                self.scroll = [0; PANES];
            }
            KeyCode::Left | KeyCode::Char('h') if self.drill > 0 => {
                self.drill -= 1;
                self.scroll = [0; PANES];
            }
            KeyCode::Char('?') | KeyCode::F(1) => self.help = !self.help,
            _ => {}
        }
        Flow::Continue
    }
}

/// Lines inside a bordered block of `area`, less `header` lines.
pub(super) fn rows_in(area: Rect, header: u16) -> usize {
    usize::from(area.height.saturating_sub(2 + header))
}
