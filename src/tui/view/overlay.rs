//! Overlays drawn over the screen: help with every key of the screen below, and yes/no
//! questions; over a timed question, each says how much time is left.

use crate::tui::app::{App, Ask, Overlay, Screen};
use crate::tui::keys;
use crate::tui::wrap;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};

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

/// An overlay's box: title, lines (wrapped to fit), width and first line shown.
struct Boxed {
    title: &'static str,
    lines: Vec<Line<'static>>,
    width: u16,
    scroll: u16,
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let boxed = match app.overlay {
        None => return,
        Some(Overlay::Help) => help(app),
        Some(Overlay::Confirm(ask)) => confirm(app, ask, area),
    };
    // The box fits its lines (wrapped beforehand, so the count is exact) or the screen.
    let h = u16::try_from(boxed.lines.len())
        .unwrap_or(u16::MAX)
        .saturating_add(2);
    let r = centred(area, boxed.width, h);
    let visible = usize::from(r.height.saturating_sub(2));
    let last = boxed.lines.len().saturating_sub(visible);
    let from = usize::from(boxed.scroll).min(last);
    Clear.render(r, buf);
    let mut block = Block::new()
        .borders(Borders::ALL)
        .border_style(t.border())
        .title(Span::styled(boxed.title, t.heading()));
    // Always in sight, however the box scrolls or covers the header's countdown.
    if let Some(clock) = clock(app) {
        block = block.title_bottom(Span::styled(clock, t.heading()));
    }
    let shown: Vec<Line> = boxed.lines.into_iter().skip(from).collect();
    Paragraph::new(shown).block(block).render(r, buf);
}

/// Over a timed question: its time left, and whether the clock runs on under the overlay (a
/// drill's does; see `Session::pauses_under_overlays`).
fn clock(app: &App) -> Option<String> {
    let left = super::time_left(app)?;
    let pauses = matches!(app.screen(), Screen::Quiz(q) if q.session.pauses_under_overlays());
    let how = if pauses { "paused" } else { "still running" };
    Some(format!(" {left} · {how} "))
}

/// Every key of the screen below.
fn help(app: &App) -> Boxed {
    let t = &app.theme;
    let rows = keys::help(app.screen_context()).into_iter();
    let mut lines: Vec<Line<'static>> = rows
        .map(|(k, what)| {
            Line::from(vec![
                Span::styled(format!("{k:>14}  "), t.key()),
                Span::raw(what),
            ])
        })
        .collect();
    lines.push(Line::default());
    lines.push(Line::from(Span::styled("How the tutor works", t.heading())));
    for text in GUIDE {
        lines.extend(wrap::lines(text, HELP_WIDTH - 4, 2, t.text(), &[]));
    }
    Boxed {
        title: " Keys on this screen (↑↓ scroll, Esc closes) ",
        lines,
        width: HELP_WIDTH as u16,
        scroll: app.help_scroll,
    }
}

const HELP_WIDTH: usize = 60;

/// A short guide below the keys, for a first session.
const GUIDE: [&str; 5] = [
    "Questions: one best answer (its letter), several answers (toggle letters, then Enter), or typed answers (then Enter; small typos in longer words are accepted).",
    "Cases are generated from the source's own rules; an unfolding case follows one patient step by step, the story so far above each step.",
    "A missed question comes back once, a few questions later, marked 'asked again'; the score counts first tries.",
    "The seed in the header makes a practice quiz or a drill again: the same seed gives the same questions.",
    "Due: spaced review schedules each objective or case for when you are about to forget it; Review asks what is due.",
];

/// The yes/no question `ask`, with its keys.
fn confirm(app: &App, ask: Ask, area: Rect) -> Boxed {
    let t = &app.theme;
    let inner = usize::from(w_confirm(area)).saturating_sub(2);
    let mut lines = wrap::lines(&question(app, ask), inner, 0, t.text(), &[]);
    lines.push(Line::default());
    let mut keys = vec![
        Span::styled("y", t.key()),
        Span::raw(" yes   "),
        Span::styled("n", t.key()),
        Span::raw(" no"),
    ];
    if ask == Ask::Resume {
        keys.extend([
            Span::raw("   "),
            Span::styled("Esc", t.key()),
            Span::raw(" cancel"),
        ]);
    }
    lines.push(Line::from(keys));
    let title = if ask == Ask::Resume {
        " Resume? "
    } else {
        " Are you sure? "
    };
    Boxed {
        title,
        lines,
        width: w_confirm(area),
        scroll: 0,
    }
}

/// The words of the question `ask`.
fn question(app: &App, ask: Ask) -> String {
    match ask {
        Ask::Quit => {
            "Quit the tutor? The quiz in progress is kept: you can resume it next time.".to_owned()
        }
        Ask::LeaveQuiz => {
            "Leave this quiz? It is kept: you can resume it next time you start the tutor."
                .to_owned()
        }
        Ask::Resume => match &app.pending_resume {
            Some(q) => format!(
                "Resume your unfinished quiz? {}: {} of {} answered. (n discards it; Esc keeps it, offered again with your next quiz.)",
                crate::text::sanitize(q.title()),
                q.answered(),
                q.first_try_count()
            ),
            None => "Resume your unfinished quiz?".to_owned(),
        },
    }
}

/// Width of a yes/no box.
fn w_confirm(area: Rect) -> u16 {
    area.width.min(50)
}
