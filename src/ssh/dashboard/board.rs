//! What the instructor has on the dashboard: which view, the sort of the class view, a
//! question asked or a notice, and what each key does to them.

use super::class::{self, Order};
use super::view::{HELP, View};
use super::{Header, Registry};
use crate::ssh::pace::{self, Pacer};
use crate::ssh::registry::Student;
use ratatui::crossterm::event::KeyCode;
use ratatui::text::Line;

/// The dashboard's body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    #[default]
    Students,
    Class,
    Keys,
    Projector,
}

#[derive(Debug, Default)]
pub struct Board {
    pub mode: Mode,
    pub order: Order,
    /// Asking whether to stop the server.
    pub confirm: bool,
    pub notice: Option<String>,
}

impl Board {
    /// Applies key `code` (not the stop keys, handled first); `pacer` when a drill is paced.
    pub fn key(&mut self, code: KeyCode, pacer: Option<&Pacer>, registry: &Registry) {
        self.notice = None;
        let was_confirming = self.confirm;
        self.confirm = code == KeyCode::Char('q') && !was_confirming;
        if was_confirming {
            return; // any other key: go on
        }
        let toggle = |mode: &mut Mode, to: Mode| {
            *mode = if *mode == to { Mode::Students } else { to };
        };
        match code {
            KeyCode::Char('c') => toggle(&mut self.mode, Mode::Class),
            KeyCode::Char('?') => toggle(&mut self.mode, Mode::Keys),
            KeyCode::Char('p') if pacer.is_some() => toggle(&mut self.mode, Mode::Projector),
            KeyCode::Char('s') => self.order = self.order.toggled(),
            KeyCode::Esc => self.mode = Mode::Students,
            code => {
                if let Some((p, m)) = pacer.zip(pace::key(code)) {
                    self.notice = p.step(m, registry).err().map(|e| e.to_string());
                }
            }
        }
    }

    /// Whether the screen must be redrawn every second (the projector's time left).
    pub fn ticking(&self) -> bool {
        self.mode == Mode::Projector
    }

    /// The view to draw, `width` columns wide.
    pub fn view<'a>(
        &self,
        header: &'a Header,
        students: &'a [Student],
        live: usize,
        pacer: Option<&Pacer>,
        width: usize,
    ) -> View<'a> {
        let body: Vec<Line<'static>> = match self.mode {
            Mode::Class => class::lines(&header.class, students, self.order),
            Mode::Keys => HELP.iter().map(|l| Line::raw(*l)).collect(),
            _ => Vec::new(),
        };
        let projector = match pacer {
            Some(p) if self.mode == Mode::Projector => {
                crate::ssh::projector::lines(p, students, width.saturating_sub(2))
            }
            _ => Vec::new(),
        };
        View {
            header,
            students,
            live,
            confirm: self.confirm,
            pace: pacer.map_or_else(Vec::new, |p| pace::panel(p, students)),
            notice: self.notice.clone(),
            projector,
            body,
            paced: pacer.is_some(),
        }
    }
}
