//! Overlays drawn over the screen: help with every key of the screen below, and yes/no
//! questions.

use crate::tui::app::{App, Ask, Overlay};
use crate::tui::keys;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};

/// A rectangle of at most `w`x`h` centred in `area`.
fn centred(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let (title, lines, w) = match app.overlay {
        None => return,
        Some(Overlay::Help) => {
            let rows = keys::help(app.screen_context());
            let mut lines: Vec<Line> = rows
                .into_iter()
                .map(|(k, what)| {
                    Line::from(vec![
                        Span::styled(format!("{k:>14}  "), t.key()),
                        Span::raw(what),
                    ])
                })
                .collect();
            lines.push(Line::default());
            lines.push(Line::from(Span::styled(
                "Esc or ? closes this help",
                t.dim(),
            )));
            (" Keys on this screen ", lines, 56)
        }
        Some(Overlay::Confirm(ask)) => {
            let question = match ask {
                Ask::Quit => "Quit the tutor? The quiz in progress will be lost.",
                Ask::LeaveQuiz => "Leave this quiz? Its answers so far will be lost.",
            };
            let lines = vec![
                Line::from(question),
                Line::default(),
                Line::from(vec![
                    Span::styled("y", t.key()),
                    Span::raw(" yes   "),
                    Span::styled("n", t.key()),
                    Span::raw(" no"),
                ]),
            ];
            (" Are you sure? ", lines, 48)
        }
    };
    let h = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .saturating_add(2);
    let r = centred(area, w, h.max(5));
    Clear.render(r, buf);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(t.border())
        .title(Span::styled(title, t.heading()));
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(block)
        .render(r, buf);
}
