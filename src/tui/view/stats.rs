//! The statistics screen: the same figures `tutor stats` prints (mastery per lesson and per
//! source sentence, the 14-day forecast as a bar chart), from the same typed lines, so the
//! two never disagree.

use crate::report::text::TextLine;
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
    let mut out = Vec::new();
    for line in crate::report::text::lines(&app.course, user, stats) {
        match line {
            TextLine::Heading(h) => out.extend(wrap::lines(&h, width, 0, t.heading(), &[])),
            TextLine::Row(r) => out.push(Line::from(crate::tui::view::clip(&r, width))),
            TextLine::Blank => out.push(Line::default()),
        }
    }
    out
}
