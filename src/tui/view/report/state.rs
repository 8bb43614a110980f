//! The report screen's state and keys: which drill and pane, where each pane is scrolled,
//! whether the help line shows. Pure: a key and the screen size in, the new state out.

use crate::report::analysis::Report;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Rect};

/// What the arrow keys scroll.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pane {
    #[default]
    Items,
    Students,
    Sentences,
}

impl Pane {
    fn next(self) -> Pane {
        match self {
            Pane::Items => Pane::Students,
            Pane::Students => Pane::Sentences,
            Pane::Sentences => Pane::Items,
        }
    }

    pub(super) fn index(self) -> usize {
        self as usize
    }
}

/// Where the reader is: the drill shown, the focused pane, each pane's scroll, the help line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportState {
    pub drill: usize,
    pub pane: Pane,
    pub scroll: [usize; 3],
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
    /// Rows of the focused pane, and how many fit in `area`.
    fn extent(&self, report: &Report, area: Rect) -> (usize, usize) {
        let a = areas(area);
        let d = report.drills.get(self.drill);
        match self.pane {
            Pane::Items => (d.map_or(0, |d| d.items.len()), rows_in(a.table, 1)),
            Pane::Students => (d.map_or(0, |d| d.students.len()), rows_in(a.table, 1)),
            Pane::Sentences => (d.map_or(0, |d| d.sentences.len()), rows_in(a.sentences, 0)),
        }
    }

    /// Acts on a key press for a screen of `area`; scrolling stops at the last full page.
    pub fn handle(&mut self, key: &KeyEvent, report: &Report, area: Rect) -> Flow {
        if key.kind == KeyEventKind::Release {
            return Flow::Continue;
        }
        let (len, page) = self.extent(report, area);
        let max = len.saturating_sub(page);
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
            KeyCode::BackTab => self.pane = self.pane.next().next(),
            KeyCode::Right | KeyCode::Char('l') if self.drill + 1 < report.drills.len() => {
                self.drill += 1;
                self.scroll = [0; 3];
            }
            KeyCode::Left | KeyCode::Char('h') if self.drill > 0 => {
                self.drill -= 1;
                self.scroll = [0; 3];
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
