//! The statistics screen: mastery per lesson and per source sentence, and the review forecast.

use crate::tui::app::App;
use ratatui::text::{Line, Span};

/// Every line of the statistics screen wrapped at `width`.
pub fn lines(app: &App, _width: usize) -> Vec<Line<'static>> {
    let t = &app.theme;
    vec![
        Line::from(Span::styled("Statistics", t.title())),
        Line::from(Span::styled("Computing…", t.dim())),
    ]
}
