//! The statistics screen: the same figures `tutor stats` prints (mastery per lesson and per
//! source sentence, the 14-day forecast as a bar chart), drawn from one text renderer so the
//! two never disagree.

use crate::tui::app::App;
use crate::tui::wrap;
use ratatui::text::{Line, Span};

/// Every line of the statistics screen at `width`: headings bold, table rows as they are.
pub fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let t = &app.theme;
    let Some(stats) = &app.stats else {
        return vec![Line::from(Span::styled("Reading your progress…", t.dim()))];
    };
    let user = app.progress.as_ref().map_or("you", |p| p.user.as_str());
    let mut text = Vec::new();
    if crate::report::text::write_text(&mut text, &app.course, user, stats).is_err() {
        return Vec::new();
    }
    let text = String::from_utf8_lossy(&text);
    let mut out = Vec::new();
    for line in text.lines() {
        if line.starts_with(' ') || line.is_empty() {
            // Table rows keep their columns: cut, not wrapped.
            out.push(Line::from(crate::tui::view::clip(line, width)));
        } else {
            out.extend(wrap::lines(line, width, 0, t.heading(), &[]));
        }
    }
    out
}
